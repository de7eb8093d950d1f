/* probe: server detection over HTTP and the per-process cache; the
 * documents themselves are read in probe-parse.c. */
#include "gateway/probe.h"

#include <cJSON.h>
#include <curl/curl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "gateway/netopts.h"
#include "gateway/probe-parse.h"

#define PROBE_BODY_MAX (4u << 20) /* a model list is small; stop a runaway */
#define PROBE_TIMEOUT_S 15L       /* per discovery request, after connecting */

struct probe_ctx {
	CURL *easy; /* reused, so the probes share one keep-alive connection */
	const struct gw_endpoint *ep;
	struct curl_slist *headers;
	atomic_int *cancel;
	struct buf body;
	long status;
	CURLcode result;
	char err[CURL_ERROR_SIZE];
};

static size_t probe_on_body(char *data, size_t size, size_t n, void *arg)
{
	struct buf *b = arg;

	if (b->len + size * n > PROBE_BODY_MAX)
		return CURL_WRITEFUNC_ERROR;
	buf_append(b, data, size * n);
	return size * n;
}

static int probe_on_progress(void *arg, curl_off_t a, curl_off_t b, curl_off_t c, curl_off_t d)
{
	atomic_int *cancel = arg;

	(void)a, (void)b, (void)c, (void)d;
	return cancel != NULL && atomic_load(cancel);
}

/* One discovery request; post_body NULL for GET. 0 when HTTP 200. */
static int probe_fetch(struct probe_ctx *pc, const char *path, const char *post_body)
{
	char *url = gateway_url(pc->ep->url, path);

	buf_reset(&pc->body);
	pc->err[0] = '\0';
	curl_easy_setopt(pc->easy, CURLOPT_URL, url);
	if (post_body)
		curl_easy_setopt(pc->easy, CURLOPT_POSTFIELDS, post_body);
	else
		curl_easy_setopt(pc->easy, CURLOPT_HTTPGET, 1L);
	pc->status = 0;
	pc->result = curl_easy_perform(pc->easy);
	if (pc->result == CURLE_OK)
		curl_easy_getinfo(pc->easy, CURLINFO_RESPONSE_CODE, &pc->status);
	log_debug("probe", "%s %s: %s, HTTP %ld", post_body ? "POST" : "GET", url,
		  curl_easy_strerror(pc->result), pc->status);
	free(url);
	return pc->result == CURLE_OK && pc->status == 200 ? 0 : -1;
}

static void probe_ctx_init(struct probe_ctx *pc, const struct gw_endpoint *ep,
			   long connect_timeout, atomic_int *cancel)
{
	memset(pc, 0, sizeof *pc);
	pc->ep = ep;
	pc->cancel = cancel;
	pc->easy = curl_easy_init();
	net_apply_endpoint(pc->easy, ep, connect_timeout);
	pc->headers = curl_slist_append(NULL, "Content-Type: application/json");
	pc->headers = net_auth_headers(pc->headers, ep, GW_AUTH_BEARER);
	curl_easy_setopt(pc->easy, CURLOPT_HTTPHEADER, pc->headers);
	curl_easy_setopt(pc->easy, CURLOPT_TIMEOUT, connect_timeout + PROBE_TIMEOUT_S);
	curl_easy_setopt(pc->easy, CURLOPT_WRITEFUNCTION, probe_on_body);
	curl_easy_setopt(pc->easy, CURLOPT_WRITEDATA, &pc->body);
	curl_easy_setopt(pc->easy, CURLOPT_ERRORBUFFER, pc->err);
	curl_easy_setopt(pc->easy, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(pc->easy, CURLOPT_XFERINFOFUNCTION, probe_on_progress);
	curl_easy_setopt(pc->easy, CURLOPT_XFERINFODATA, cancel);
}

static void probe_ctx_free(struct probe_ctx *pc)
{
	curl_easy_cleanup(pc->easy);
	net_free_headers(pc->headers);
	buf_free(&pc->body);
}

static void probe_set(struct gw_probe *p, const char *server, const char *api)
{
	free(p->server);
	p->server = xstrdup(server);
	p->api = api;
}

/* Ollama: the model list from /api/tags and each context from /api/show. */
static void probe_ollama(struct probe_ctx *pc, struct gw_probe *p)
{
	probe_set(p, "ollama", "ollama");
	if (probe_fetch(pc, "/api/tags", NULL) == 0)
		probe_read_ollama_tags(p, pc->body.data, pc->body.len);
	for (size_t i = 0; i < p->nmodels; i++) {
		cJSON *req = cJSON_CreateObject();
		cJSON_AddStringToObject(req, "model", p->models[i].id);
		char *body = cJSON_PrintUnformatted(req);
		cJSON_Delete(req);
		if (probe_fetch(pc, "/api/show", body) == 0)
			probe_add_model(p, p->models[i].id,
					probe_read_ollama_show(pc->body.data, pc->body.len));
		free(body);
	}
}

/* An OpenAI-compatible server: which one, from owned_by and /props. */
static void probe_openai_kind(struct probe_ctx *pc, struct gw_probe *p, const char *owned_by)
{
	long n_ctx;

	if (probe_fetch(pc, "/props", NULL) == 0 &&
	    (n_ctx = probe_read_props(pc->body.data, pc->body.len)) >= 0) {
		probe_set(p, "llama.cpp", "openai");
		for (size_t i = 0; i < p->nmodels && n_ctx > 0; i++)
			p->models[i].context = n_ctx; /* the running context, not the trained one */
		return;
	}
	if (owned_by && strcmp(owned_by, "vllm") == 0) {
		probe_set(p, "vllm", "openai");
	} else if (owned_by && strcmp(owned_by, "organization_owner") == 0) {
		probe_set(p, "lmstudio", "openai");
		if (probe_fetch(pc, "/api/v0/models", NULL) == 0)
			probe_read_lmstudio(p, pc->body.data, pc->body.len);
	} else {
		probe_set(p, "openai-compatible", "openai");
	}
}

static int probe_fail(struct probe_ctx *pc, struct gw_probe *p, long models_status)
{
	p->api = "openai"; /* the most common guess, so a request still says what failed */
	if (pc->cancel && atomic_load(pc->cancel))
		p->error = xstrdup("cancelled");
	else if (models_status == 401 || models_status == 403)
		p->error = xasprintf("%s answered HTTP %ld to GET /v1/models: it needs an API key "
				     "(set api_key_env for this endpoint, or OPENAI_API_KEY)",
				     pc->ep->url, models_status);
	else
		p->error = xasprintf("no model server API answers at %s (tried /v1/models, "
				     "/api/version, /info, /props)", pc->ep->url);
	return -1;
}

/* After GET /v1/models answered (pc holds its answer). */
static int probe_kinds(struct probe_ctx *pc, struct gw_probe *p)
{
	int ok = -1;
	char *owned_by = NULL;
	long models_status = pc->status;

	if (models_status == 200)
		owned_by = probe_read_models(p, pc->body.data, pc->body.len, &ok);
	if (probe_fetch(pc, "/api/version", NULL) == 0 &&
	    probe_read_ollama_version(pc->body.data, pc->body.len) == 0)
		probe_ollama(pc, p);
	else if (probe_fetch(pc, "/info", NULL) == 0 &&
		 probe_read_tgi_info(p, pc->body.data, pc->body.len) == 0)
		probe_set(p, "tgi", "openai"); /* its Messages API applies the chat template */
	else if (ok == 0)
		probe_openai_kind(pc, p, owned_by);
	free(owned_by);
	return p->server ? 0 : probe_fail(pc, p, models_status);
}

int gw_probe_run(const struct gw_endpoint *ep, long connect_timeout, atomic_int *cancel,
		 struct gw_probe *out)
{
	struct probe_ctx pc;
	int rc;

	memset(out, 0, sizeof *out);
	probe_ctx_init(&pc, ep, connect_timeout, cancel);
	if (probe_fetch(&pc, "/v1/models", NULL) < 0 && pc.result != CURLE_OK) {
		out->api = "openai";
		char *url = gateway_url(ep->url, "/v1/models");
		out->error = xasprintf("cannot reach %s: %s", url,
				       pc.err[0] ? pc.err : curl_easy_strerror(pc.result));
		free(url);
		rc = -1;
	} else {
		out->reachable = 1;
		rc = probe_kinds(&pc, out);
	}
	probe_ctx_free(&pc);
	return rc;
}

void gw_probe_free(struct gw_probe *p)
{
	for (size_t i = 0; i < p->nmodels; i++)
		free(p->models[i].id);
	free(p->models);
	free(p->server);
	free(p->error);
	memset(p, 0, sizeof *p);
}

long gw_probe_context(const struct gw_probe *p, const char *model)
{
	for (size_t i = 0; model && model[0] && i < p->nmodels; i++)
		if (strcmp(p->models[i].id, model) == 0)
			return p->models[i].context;
	return p->nmodels ? p->models[0].context : 0;
}

static void probe_copy(struct gw_probe *dst, const struct gw_probe *src)
{
	*dst = *src;
	dst->server = src->server ? xstrdup(src->server) : NULL;
	dst->error = src->error ? xstrdup(src->error) : NULL;
	dst->models = src->nmodels ? xcalloc(src->nmodels, sizeof *dst->models) : NULL;
	for (size_t i = 0; i < src->nmodels; i++)
		dst->models[i] = (struct gw_model_info){ xstrdup(src->models[i].id),
							 src->models[i].context };
}

/* Successful probes by URL. Entries live until exit: a handful at most. */
static struct probe_cache_entry {
	char *url;
	struct gw_probe probe;
} *probe_cache;
static size_t probe_cache_len;
static pthread_mutex_t probe_cache_lock = PTHREAD_MUTEX_INITIALIZER;

static int probe_cache_get(const char *url, struct gw_probe *out)
{
	int found = 0;

	pthread_mutex_lock(&probe_cache_lock);
	for (size_t i = 0; i < probe_cache_len && !found; i++) {
		if (strcmp(probe_cache[i].url, url) == 0) {
			probe_copy(out, &probe_cache[i].probe);
			found = 1;
		}
	}
	pthread_mutex_unlock(&probe_cache_lock);
	return found;
}

static void probe_cache_put(const char *url, const struct gw_probe *p)
{
	pthread_mutex_lock(&probe_cache_lock);
	probe_cache = xreallocarray(probe_cache, probe_cache_len + 1, sizeof *probe_cache);
	probe_cache[probe_cache_len].url = xstrdup(url);
	probe_copy(&probe_cache[probe_cache_len].probe, p);
	probe_cache_len++;
	pthread_mutex_unlock(&probe_cache_lock);
}

int gw_probe_cached(const struct gw_endpoint *ep, long connect_timeout, atomic_int *cancel,
		    struct gw_probe *out)
{
	if (probe_cache_get(ep->url, out))
		return 0;
	int rc = gw_probe_run(ep, connect_timeout, cancel, out);
	/* Failures are not remembered: the server may be up on the next try. */
	if (rc == 0)
		probe_cache_put(ep->url, out);
	return rc;
}

void gw_probe_cache_clear(void)
{
	pthread_mutex_lock(&probe_cache_lock);
	for (size_t i = 0; i < probe_cache_len; i++) {
		free(probe_cache[i].url);
		gw_probe_free(&probe_cache[i].probe);
	}
	free(probe_cache);
	probe_cache = NULL;
	probe_cache_len = 0;
	pthread_mutex_unlock(&probe_cache_lock);
}
