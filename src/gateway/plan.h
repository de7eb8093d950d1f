/* plan: a gateway_request built from the configuration: the endpoints to
 * try, in order, and the prompt rendered through its template.
 *
 * Endpoints: `endpoint` (flag, environment or file) is either a URL,
 * tried first with the top-level api/model/api_key/context and followed by
 * every endpoints: entry as a fallback, or the name of one endpoints:
 * entry, used alone (a model or api given explicitly still overrides the
 * entry's). With no `endpoint`, the endpoints: entries in order; with none
 * of those either, the usual local ports on 127.0.0.1 (Ollama 11434,
 * llama.cpp 8080, vLLM 8000, LM Studio 1234, TGI 3000), probed once each
 * and not retried. */
#ifndef FAOS_PLAN_H
#define FAOS_PLAN_H

#include "base/config.h"
#include "gateway/gateway.h"
#include "gateway/prompt.h"

struct gw_plan {
	struct gateway_request req; /* points into the fields below */
	struct gw_endpoint *eps;
	size_t neps;
	char **strings;             /* allocations the endpoints point at */
	size_t nstrings;
	struct gw_prompt prompt;
	int scanning;               /* the endpoints are the usual local ports */
};

/* The endpoints and every request setting; no prompt yet. 0, or -1 with a
 * one-line *err (an unknown endpoint name, an api_key_env that is unset). */
int gw_plan_endpoints(struct gw_plan *plan, const struct config *cfg, char **err);
/* The endpoints of one agent of a multi-agent loop: the endpoints: entry
 * called endpoint alone, or with endpoint "" the configured ones as
 * gw_plan_endpoints gives them; model (unless "") replaces every
 * endpoint's model and temperature (unless < 0) the configured one. */
int gw_plan_endpoints_as(struct gw_plan *plan, const struct config *cfg, const char *endpoint,
			 const char *model, double temperature, char **err);
/* gw_plan_endpoints, then prompt rendered through the configured template
 * with the system prompt. 0, or -1 with *err. */
int gw_plan_build(struct gw_plan *plan, const struct config *cfg, const char *prompt,
		  char **err);
void gw_plan_free(struct gw_plan *plan);

#endif
