/* netopts: the libcurl settings every request to an endpoint shares (TLS
 * trust, proxy, timeouts, identity, authentication headers), so the probe
 * and the streamed request cannot drift apart. */
#ifndef FAOS_NETOPTS_H
#define FAOS_NETOPTS_H

#include <curl/curl.h>

#include "gateway/gateway.h"
#include "gateway/proto.h"

void net_apply_endpoint(CURL *easy, const struct gw_endpoint *ep, long connect_timeout);
/* Appends the authentication headers for ep's key (none without a key).
 * GW_AUTH_X_API_KEY sends both x-api-key and a bearer token, because the
 * servers that speak Anthropic's format locally check either one. */
struct curl_slist *net_auth_headers(struct curl_slist *h, const struct gw_endpoint *ep,
				    enum gw_auth auth);
/* Frees a header list after wiping the secrets in it. */
void net_free_headers(struct curl_slist *h);

#endif
