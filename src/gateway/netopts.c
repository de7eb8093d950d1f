/* netopts: shared libcurl settings; see netopts.h. */
#include "gateway/netopts.h"

#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"

void net_apply_endpoint(CURL *easy, const struct gw_endpoint *ep, long connect_timeout)
{
	curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT, connect_timeout);
	curl_easy_setopt(easy, CURLOPT_USERAGENT, "faos-codex/" FAOS_VERSION);
	curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, ""); /* identity or gzip, as offered */
	if (ep->ca_bundle && ep->ca_bundle[0])
		curl_easy_setopt(easy, CURLOPT_CAINFO, ep->ca_bundle);
	if (ep->proxy && ep->proxy[0])
		curl_easy_setopt(easy, CURLOPT_PROXY, ep->proxy);
}

static struct curl_slist *append_secret(struct curl_slist *h, const char *fmt, const char *key)
{
	char *line = xasprintf(fmt, key);

	h = curl_slist_append(h, line);
	explicit_bzero(line, strlen(line));
	free(line);
	return h;
}

struct curl_slist *net_auth_headers(struct curl_slist *h, const struct gw_endpoint *ep,
				    enum gw_auth auth)
{
	if (ep->api_key == NULL || ep->api_key[0] == '\0')
		return h;
	h = append_secret(h, "Authorization: Bearer %s", ep->api_key);
	if (auth == GW_AUTH_X_API_KEY)
		h = append_secret(h, "x-api-key: %s", ep->api_key);
	return h;
}

void net_free_headers(struct curl_slist *h)
{
	for (struct curl_slist *p = h; p; p = p->next)
		explicit_bzero(p->data, strlen(p->data));
	curl_slist_free_all(h);
}
