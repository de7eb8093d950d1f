/* plan: configuration to gateway_request; see plan.h. */
#include "gateway/plan.h"

#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "gateway/template.h"

/* Names for the usual ports, so the status bar says what it found. */
static const struct {
	long port;
	const char *name;
} known_ports[] = {
	{ 11434, "local-ollama" }, { 8080, "local-llama.cpp" }, { 8000, "local-vllm" },
	{ 1234, "local-lmstudio" }, { 3000, "local-tgi" },
};
#define KNOWN_PORT_COUNT (sizeof known_ports / sizeof known_ports[0])

static const char *plan_keep(struct gw_plan *plan, char *s)
{
	plan->strings = xreallocarray(plan->strings, plan->nstrings + 1, sizeof *plan->strings);
	plan->strings[plan->nstrings++] = s;
	return s;
}

static struct gw_endpoint *plan_add(struct gw_plan *plan)
{
	plan->eps = xreallocarray(plan->eps, plan->neps + 1, sizeof *plan->eps);
	struct gw_endpoint *ep = &plan->eps[plan->neps++];
	memset(ep, 0, sizeof *ep);
	return ep;
}

/* host[:port] of a URL, as the name of an endpoint given only by URL. */
static char *url_host(const char *url)
{
	const char *p = strstr(url, "://");
	p = p ? p + 3 : url;
	return xstrndup(p, strcspn(p, "/?#"));
}

/* An explicitly set top-level value wins over the entry's. */
static const char *top_or(const struct config *cfg, enum opt_id id, const char *entry)
{
	return cfg->v[id].src != SRC_DEFAULT ? config_str(cfg, id) : entry;
}

static int plan_add_entry(struct gw_plan *plan, const struct config *cfg,
			  const struct config_endpoint *e, int overrides, char **err)
{
	struct gw_endpoint *ep = plan_add(plan);
	const char *key_env = e->v[EP_API_KEY_ENV].s;

	ep->name = e->v[EP_NAME].s;
	ep->url = e->v[EP_URL].s;
	ep->api = overrides ? top_or(cfg, OPT_API, e->v[EP_API].s) : e->v[EP_API].s;
	ep->model = overrides ? top_or(cfg, OPT_MODEL, e->v[EP_MODEL].s) : e->v[EP_MODEL].s;
	ep->context = overrides && cfg->v[OPT_CONTEXT].src != SRC_DEFAULT
			      ? config_int(cfg, OPT_CONTEXT) : e->v[EP_CONTEXT].i;
	ep->ca_bundle = e->v[EP_CA_BUNDLE].s;
	ep->proxy = e->v[EP_PROXY].s;
	ep->price_in = e->v[EP_PRICE_IN].d;
	ep->price_out = e->v[EP_PRICE_OUT].d;
	if (key_env[0] == '\0')
		return 0;
	const char *key = getenv(key_env);
	if (key == NULL || key[0] == '\0') {
		*err = xasprintf("%s: endpoints: %s: api_key_env names %s, which is not set in the "
				 "environment; export it or remove api_key_env", e->where,
				 ep->name, key_env);
		return -1;
	}
	ep->api_key = key;
	return 0;
}

static void plan_add_url(struct gw_plan *plan, const struct config *cfg)
{
	struct gw_endpoint *ep = plan_add(plan);
	const char *url = config_str(cfg, OPT_ENDPOINT);

	ep->name = plan_keep(plan, url_host(url));
	ep->url = url;
	ep->api = config_str(cfg, OPT_API);
	ep->model = config_str(cfg, OPT_MODEL);
	ep->api_key = config_str(cfg, OPT_API_KEY);
	ep->context = config_int(cfg, OPT_CONTEXT);
}

static const char *port_name(struct gw_plan *plan, long port)
{
	for (size_t i = 0; i < KNOWN_PORT_COUNT; i++)
		if (known_ports[i].port == port)
			return known_ports[i].name;
	return plan_keep(plan, xasprintf("local:%ld", port));
}

/* scan_ports was validated as a comma-separated list of ports. */
static void plan_add_local_ports(struct gw_plan *plan, const struct config *cfg)
{
	for (const char *p = config_str(cfg, OPT_SCAN_PORTS); *p;) {
		char *end;
		long port = strtol(p, &end, 10);
		p = *end == ',' ? end + 1 : end;
		struct gw_endpoint *ep = plan_add(plan);
		ep->name = port_name(plan, port);
		ep->url = plan_keep(plan, xasprintf("http://127.0.0.1:%ld", port));
		ep->api = config_str(cfg, OPT_API);
		ep->model = config_str(cfg, OPT_MODEL);
		ep->api_key = config_str(cfg, OPT_API_KEY);
		ep->context = config_int(cfg, OPT_CONTEXT);
	}
	plan->scanning = 1;
}

static int plan_add_configured(struct gw_plan *plan, const struct config *cfg, char **err)
{
	const char *endpoint = config_str(cfg, OPT_ENDPOINT);

	if (endpoint[0] != '\0' && strstr(endpoint, "://") == NULL) {
		const struct config_endpoint *e = config_find_endpoint(cfg, endpoint);
		if (e == NULL) {
			*err = xasprintf("--endpoint %s: no entry of endpoints: has that name%s%s",
					 endpoint, cfg->path ? " in " : "", cfg->path ? cfg->path : "");
			return -1;
		}
		return plan_add_entry(plan, cfg, e, 1, err);
	}
	if (endpoint[0] != '\0')
		plan_add_url(plan, cfg);
	for (size_t i = 0; i < cfg->nendpoints; i++)
		if (plan_add_entry(plan, cfg, &cfg->endpoints[i], 0, err) < 0)
			return -1;
	if (plan->neps == 0)
		plan_add_local_ports(plan, cfg);
	if (plan->neps == 0) {
		*err = xstrdup("no endpoint is configured and scan_ports is empty; pass --endpoint "
			       "URL, set FAOS_CODEX_ENDPOINT, or add 'endpoint:' to the config file");
		return -1;
	}
	return 0;
}

/* Every request setting but the endpoints, which are in place. */
static void plan_request(struct gw_plan *plan, const struct config *cfg)
{
	plan->req = (struct gateway_request){
		.endpoints = plan->eps,
		.nendpoints = plan->neps,
		.temperature = config_double(cfg, OPT_TEMPERATURE),
		.max_tokens = config_int(cfg, OPT_MAX_TOKENS),
		.connect_timeout = config_int(cfg, OPT_CONNECT_TIMEOUT),
		.first_byte_timeout = config_int(cfg, OPT_FIRST_BYTE_TIMEOUT),
		.idle_timeout = config_int(cfg, OPT_IDLE_TIMEOUT),
		/* Scanning local ports is a guess: a closed port is an answer. */
		.retries = plan->scanning ? 0 : (int)config_int(cfg, OPT_RETRIES),
		.retry_base_ms = config_int(cfg, OPT_RETRY_DELAY_MS),
		.retry_max_ms = config_int(cfg, OPT_RETRY_MAX_DELAY_MS),
		.scanning = plan->scanning,
	};
}

int gw_plan_endpoints(struct gw_plan *plan, const struct config *cfg, char **err)
{
	memset(plan, 0, sizeof *plan);
	if (plan_add_configured(plan, cfg, err) < 0)
		return -1;
	plan_request(plan, cfg);
	return 0;
}

int gw_plan_endpoints_as(struct gw_plan *plan, const struct config *cfg, const char *endpoint,
			 const char *model, double temperature, char **err)
{
	if (!endpoint[0]) {
		if (gw_plan_endpoints(plan, cfg, err) < 0)
			return -1;
	} else {
		/* That entry alone: the others (an unset key) are not its concern. */
		const struct config_endpoint *e = config_find_endpoint(cfg, endpoint);
		memset(plan, 0, sizeof *plan);
		if (e == NULL) {
			*err = xasprintf("agents: endpoint %s: no entry of endpoints: has that name%s%s",
					 endpoint, cfg->path ? " in " : "", cfg->path ? cfg->path : "");
			return -1;
		}
		if (plan_add_entry(plan, cfg, e, 0, err) < 0)
			return -1;
		plan_request(plan, cfg);
	}
	for (size_t i = 0; model[0] && i < plan->neps; i++)
		plan->eps[i].model = model;
	if (temperature >= 0)
		plan->req.temperature = temperature;
	return 0;
}

int gw_plan_build(struct gw_plan *plan, const struct config *cfg, const char *prompt,
		  char **err)
{
	const struct tpl_var vars[] = {
		{ "system", config_str(cfg, OPT_SYSTEM_PROMPT) },
		{ "prompt", prompt },
	};

	if (gw_plan_endpoints(plan, cfg, err) < 0)
		return -1;
	if (template_render(config_str(cfg, OPT_TEMPLATE), vars, 2, &plan->prompt, err) < 0)
		return -1;
	plan->req.messages = plan->prompt.msgs;
	plan->req.nmessages = plan->prompt.n;
	return 0;
}

void gw_plan_free(struct gw_plan *plan)
{
	for (size_t i = 0; i < plan->nstrings; i++)
		free(plan->strings[i]);
	free(plan->strings);
	free(plan->eps);
	gw_prompt_free(&plan->prompt);
	memset(plan, 0, sizeof *plan);
}
