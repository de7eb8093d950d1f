/* gateway: the life of one call on its worker thread: pick an endpoint,
 * find its protocol (probing `auto` ones once), run attempts, wait and
 * retry or hand over to the next endpoint, and post exactly one terminal
 * message with the structured result. See gateway.h for the contract. */
#include "gateway/gateway.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "gateway/call.h"
#include "gateway/budget.h"
#include "gateway/probe.h"
#include "gateway/result.h"
#include "gateway/retry.h"

#define OLLAMA_DEFAULT_CTX_CAP 32768L

char *gateway_url(const char *endpoint, const char *path)
{
	size_t len = strlen(endpoint);

	while (len && endpoint[len - 1] == '/')
		len--;
	/* OPENAI_BASE_URL conventionally ends in /v1; our paths carry it. */
	if (len >= 3 && strncmp(endpoint + len - 3, "/v1", 3) == 0)
		len -= 3;
	return xasprintf("%.*s%s", (int)len, endpoint, path);
}

static const char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void copy_request(struct gateway_request *dst, const struct gateway_request *src)
{
	struct gw_endpoint *eps = xcalloc(src->nendpoints ? src->nendpoints : 1, sizeof *eps);

	*dst = *src;
	for (size_t i = 0; i < src->nendpoints; i++) {
		const struct gw_endpoint *e = &src->endpoints[i];
		eps[i] = *e;
		eps[i].name = dup_or_null(e->name);
		eps[i].url = dup_or_null(e->url);
		eps[i].api = dup_or_null(e->api ? e->api : "auto");
		eps[i].model = dup_or_null(e->model ? e->model : "");
		eps[i].api_key = dup_or_null(e->api_key);
		eps[i].ca_bundle = dup_or_null(e->ca_bundle);
		eps[i].proxy = dup_or_null(e->proxy);
	}
	dst->endpoints = eps;
	dst->model = NULL;
}

/* The messages become the call's own prompt, which the budget may trim. */
static void copy_messages(struct gateway_call *call, const struct gateway_request *src)
{
	for (size_t i = 0; i < src->nmessages; i++)
		gw_prompt_add(&call->prompt, src->messages[i].role, src->messages[i].content,
			      strlen(src->messages[i].content));
	call->req.messages = call->prompt.msgs;
	call->req.nmessages = call->prompt.n;
}

static void free_request(struct gateway_request *req)
{
	struct gw_endpoint *eps = (struct gw_endpoint *)req->endpoints;

	for (size_t i = 0; i < req->nendpoints; i++) {
		free((char *)eps[i].name);
		free((char *)eps[i].url);
		free((char *)eps[i].api);
		free((char *)eps[i].model);
		if (eps[i].api_key) /* the key must not linger in freed memory */
			explicit_bzero((char *)eps[i].api_key, strlen(eps[i].api_key));
		free((char *)eps[i].api_key);
		free((char *)eps[i].ca_bundle);
		free((char *)eps[i].proxy);
	}
	free(eps);
}

static void post_notice(struct gateway_call *call, char *text)
{
	log_info("request.notice", "%s", text);
	queue_post(call->q, msg_new_text(MSG_NOTICE, call->id, text, strlen(text)));
	free(text);
}

/* The protocol, model and context for ep; probes when it must. 0, or -1
 * with *out describing why the endpoint cannot be used now. */
static int resolve_endpoint(struct gateway_call *call, const struct gw_endpoint *ep,
			    struct attempt *out)
{
	struct gw_probe probe = { 0 };
	int is_auto = strcmp(ep->api, "auto") == 0;
	/* Ollama needs a model name and a context size (num_ctx); the probe
	 * knows both when the configuration does not. */
	int need_probe = is_auto || (strcmp(ep->api, "ollama") == 0 &&
				     (ep->context == 0 || ep->model[0] == '\0'));

	free(call->model_owned);
	call->model_owned = NULL;
	call->req.model = ep->model;
	call->req.context = ep->context;
	call->proto = gw_proto_find(is_auto ? "openai" : ep->api);
	if (!need_probe)
		return 0;
	if (gw_probe_cached(ep, call->req.connect_timeout, &call->cancelled, &probe) < 0 &&
	    !probe.reachable) {
		out->code = GW_ERR_UNREACHABLE;
		out->retryable = out->endpoint_down = 1;
		out->server_wait_ms = -1;
		out->text = xstrdup(probe.error);
		gw_probe_free(&probe);
		return -1;
	}
	if (is_auto)
		call->proto = gw_proto_find(probe.api);
	if (call->req.context == 0)
		call->req.context = gw_probe_context(&probe, ep->model);
	/* Ollama reports the trained length (often 128K); asking for all of it
	 * as num_ctx would allocate that much cache. Cap what we ask for unless
	 * the user set context: for this endpoint. */
	if (ep->context == 0 && probe.server && strcmp(probe.server, "ollama") == 0 &&
	    call->req.context > OLLAMA_DEFAULT_CTX_CAP)
		call->req.context = OLLAMA_DEFAULT_CTX_CAP;
	if ((ep->model == NULL || ep->model[0] == '\0') && strcmp(call->proto->name, "ollama") == 0 &&
	    probe.nmodels > 0)
		call->req.model = call->model_owned = xstrdup(probe.models[0].id);
	gw_probe_free(&probe);
	return 0;
}

/* Keeps the prompt inside the context, oldest material first. */
static int fit_context(struct gateway_call *call, struct attempt *out)
{
	long context = call->req.context;
	long reserve = call->req.max_tokens > 0 ? call->req.max_tokens : context / 4;
	char *note = NULL;
	int rc = budget_fit(&call->prompt, context, reserve, &note);

	call->req.messages = call->prompt.msgs;
	call->req.nmessages = call->prompt.n;
	if (rc < 0) {
		out->code = GW_ERR_CONFIG;
		out->server_wait_ms = -1;
		out->text = xasprintf("%s; shorten system_prompt, or set max_tokens lower or "
				      "context: higher", note);
		free(note);
		return -1;
	}
	if (rc > 0)
		post_notice(call, note);
	return 0;
}

static void fill_usage(struct gateway_call *call, struct msg_usage *u)
{
	double end = clock_now_ms();
	const struct gw_stream *s = &call->dec.stream;
	long out = s->completion_tokens >= 0 ? s->completion_tokens : s->deltas;

	u->prompt_tokens = s->prompt_tokens;
	u->context = call->req.context;
	u->completion_tokens = out;
	u->elapsed_ms = end - call->t_start;
	u->retries = call->attempts > 0 ? call->attempts - 1 : 0;
	if (call->t_first > 0) {
		u->ttft_ms = call->t_first - call->t_start;
		if (end > call->t_first)
			u->tokens_per_s = (double)out * 1e3 / (end - call->t_first);
	}
	if (call->ep) {
		u->cost = ((s->prompt_tokens > 0 ? (double)s->prompt_tokens : 0) * call->ep->price_in +
			   (double)out * call->ep->price_out) / 1e6;
		snprintf(u->endpoint, sizeof u->endpoint, "%s", call->ep->name);
	}
	if (call->proto)
		snprintf(u->api, sizeof u->api, "%s", call->proto->name);
	const char *model = s->model ? s->model : call->req.model ? call->req.model : "";
	snprintf(u->model, sizeof u->model, "%s", model);
}

static void post_usage(struct gateway_call *call)
{
	struct msg *m = msg_new(MSG_USAGE, call->id);
	const struct msg_usage *u = &m->usage;

	fill_usage(call, &m->usage);
	log_info("request.usage",
		 "endpoint=%s api=%s model=%s ttft_ms=%.1f prompt_tokens=%ld "
		 "completion_tokens=%ld tokens_per_s=%.1f latency_ms=%.1f retries=%d cost=%.6f",
		 u->endpoint, u->api, u->model, u->ttft_ms, u->prompt_tokens, u->completion_tokens,
		 u->tokens_per_s, u->elapsed_ms, u->retries, u->cost);
	queue_post(call->q, m);
}

/* No endpoint was configured and no usual local port answered. */
static char *scan_failure(const struct gateway_call *call)
{
	struct buf ports = BUF_INIT;

	for (size_t i = 0; i < call->req.nendpoints; i++) {
		const char *url = call->req.endpoints[i].url;
		buf_printf(&ports, "%s%s", i ? ", " : "", strrchr(url, ':') + 1);
	}
	char *text = xasprintf("no endpoint is configured and no model server answers on "
			       "127.0.0.1 ports %s; start one, or pass --endpoint URL, set "
			       "FAOS_CODEX_ENDPOINT, or add 'endpoint:' to the config file",
			       ports.data ? ports.data : "");
	buf_free(&ports);
	return text;
}

/* The terminal message: MSG_DONE, MSG_FAILED or MSG_CANCELLED. */
static void post_end(struct gateway_call *call, const struct attempt *a)
{
	struct msg *m;

	post_usage(call);
	if (atomic_load(&call->cancelled)) {
		log_info("request.cancelled", "%s", call->ep ? call->ep->url : "");
		queue_post(call->q, msg_new(MSG_CANCELLED, call->id));
		return;
	}
	const char *reason = call->dec.stream.finish_reason ? call->dec.stream.finish_reason : "stop";
	if (a->code == GW_ERR_NONE) {
		m = msg_new_text(MSG_DONE, call->id, reason, strlen(reason));
		log_info("request.done", "finished (%s) after %ld pieces", reason, call->shown);
	} else {
		char *text = a->code != GW_ERR_UNREACHABLE ? xstrdup(a->text)
			     : call->req.scanning ? scan_failure(call)
			     : xasprintf("%s; is the server running? (set it with --endpoint or "
					 "FAOS_CODEX_ENDPOINT)", a->text);
		m = msg_new_text(MSG_FAILED, call->id, text, strlen(text));
		free(text);
		m->code = a->code;
		log_warn("request.failed", "%s", a->text);
	}
	m->payload = gw_result_build(&call->dec.stream, &call->text, &call->reasoning,
				     a->code == GW_ERR_NONE);
	m->payload_free = gw_result_free;
	queue_post(call->q, m);
}

/* Sleeps ms unless cancelled first; curl_multi_poll with no transfers is
 * a wait that gateway_cancel() can wake. */
static void wait_cancellable(struct gateway_call *call, long ms)
{
	double until = clock_now_ms() + (double)ms;

	while (!atomic_load(&call->cancelled)) {
		double left = until - clock_now_ms();
		if (left <= 0)
			break;
		curl_multi_poll(call->multi, NULL, 0, left > 1000 ? 1000 : (int)left + 1, NULL);
	}
}

/* After a failed attempt: 1 to try again (after waiting, or on the next
 * endpoint), 0 to give up with *a as the answer. */
static int plan_retry(struct gateway_call *call, struct attempt *a, size_t *cur,
		      size_t *tried_this_round)
{
	if (atomic_load(&call->cancelled) || call->shown > 0 || !a->retryable)
		return 0;
	if (a->endpoint_down && *tried_this_round < call->req.nendpoints) {
		*cur = (*cur + 1) % call->req.nendpoints;
		if (!call->req.scanning)
			post_notice(call, xasprintf("%s; trying endpoint %s", a->text,
						    call->req.endpoints[*cur].name));
		return 1;
	}
	if (call->attempts > call->req.retries) {
		if (call->req.retries > 0) {
			char *text = xasprintf("%s (gave up after %d attempts)", a->text, call->attempts);
			free(a->text);
			a->text = text;
		}
		return 0;
	}
	unsigned retry = (unsigned)call->attempts;
	long wait = retry_wait_ms(a->server_wait_ms,
				  retry_backoff_ms((int)retry, call->req.retry_base_ms,
						   call->req.retry_max_ms, &call->seed),
				  call->req.retry_max_ms);
	post_notice(call, xasprintf("%s; retrying in %.1f s (retry %u of %d)", a->text,
				    (double)wait / 1e3, retry, call->req.retries));
	*tried_this_round = 0;
	if (a->endpoint_down)
		*cur = 0; /* every endpoint was down: start the next round at the first */
	wait_cancellable(call, wait);
	return !atomic_load(&call->cancelled);
}

static void post_route(struct gateway_call *call)
{
	struct msg *m = msg_new_text(MSG_ROUTE, call->id, call->ep->name, strlen(call->ep->name));

	fill_usage(call, &m->usage);
	queue_post(call->q, m);
}

static void run_call(struct gateway_call *call)
{
	struct attempt a = { 0 };
	size_t cur = 0, tried = 0;

	for (;;) {
		free(a.text);
		memset(&a, 0, sizeof a);
		call->ep = &call->req.endpoints[cur];
		call->attempts++;
		tried++;
		if (resolve_endpoint(call, call->ep, &a) == 0 && fit_context(call, &a) == 0) {
			post_route(call);
			transfer_run(call, &a);
		}
		if (a.code == GW_ERR_NONE || !plan_retry(call, &a, &cur, &tried))
			break;
	}
	post_end(call, &a);
	free(a.text);
}

static void *gateway_main(void *arg)
{
	struct gateway_call *call = arg;

	call->t_start = clock_now_ms();
	if (call->req.nendpoints == 0) {
		struct attempt a = { .code = GW_ERR_CONFIG,
				     .text = xstrdup("no endpoint is configured: set endpoint: in "
						     "the config, FAOS_CODEX_ENDPOINT, or --endpoint URL") };
		post_end(call, &a);
		free(a.text);
		return NULL;
	}
	run_call(call);
	return NULL;
}

struct gateway_call *gateway_start(const struct gateway_request *req, struct queue *q,
				   unsigned id)
{
	struct gateway_call *call = xcalloc(1, sizeof *call);

	call->q = q;
	call->id = id;
	copy_request(&call->req, req);
	copy_messages(call, req);
	/* Counts read "unknown" (-1) even if no attempt ever starts. */
	gw_stream_init(&call->dec.stream, NULL, NULL);
	call->multi = curl_multi_init();
	call->seed = (unsigned)getpid() ^ (unsigned)(clock_now_ms() * 1000) ^ id;
	atomic_init(&call->cancelled, 0);
	if (pthread_create(&call->thread, NULL, gateway_main, call) != 0) {
		perror("faos-codex: pthread_create");
		abort();
	}
	return call;
}

void gateway_cancel(struct gateway_call *call)
{
	atomic_store(&call->cancelled, 1);
	curl_multi_wakeup(call->multi);
}

void gateway_join(struct gateway_call *call)
{
	if (call == NULL)
		return;
	pthread_join(call->thread, NULL);
	curl_multi_cleanup(call->multi);
	gw_decoder_free(&call->dec);
	buf_free(&call->raw);
	buf_free(&call->text);
	buf_free(&call->reasoning);
	free(call->model_owned);
	free_request(&call->req);
	gw_prompt_free(&call->prompt);
	free(call);
}
