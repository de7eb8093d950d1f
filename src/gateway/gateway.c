/* gateway: runs one streamed request on a worker thread with libcurl's multi
 * interface (so cancel can wake it at once), feeds the SSE parser, and posts
 * tokens, usage and one terminal message to the queue. See gateway.h for the
 * threading contract. */
#include "gateway/gateway.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/config.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "gateway/httperr.h"
#include "gateway/openai.h"
#include "gateway/sse.h"

#define ERROR_BODY_MAX (1u << 20) /* keep at most this much of an error page */

struct gateway_call {
	/* Set before the thread starts, read-only after. */
	struct queue *q;
	unsigned id;
	char *url, *body, *auth;
	long connect_timeout, idle_timeout;
	CURLM *multi; /* curl_multi_wakeup() is the one call safe from other threads */
	pthread_t thread;
	atomic_int cancelled;

	/* Worker thread only. */
	CURL *easy;
	int classified;  /* status and content type read */
	long status;     /* HTTP status */
	int streaming;   /* the body is text/event-stream */
	int sse_failed;  /* the SSE parser hit its line cap */
	struct buf raw;  /* a non-stream body (error page or whole answer) */
	struct sse_parser sse;
	struct openai_stream oai;
	double t_start, t_first;
	char curl_err[CURL_ERROR_SIZE];
};

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

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

void gateway_request_from_config(struct gateway_request *req, const struct config *cfg,
				 const char *prompt)
{
	*req = (struct gateway_request){
		.endpoint = config_str(cfg, OPT_ENDPOINT),
		.api_key = config_str(cfg, OPT_API_KEY),
		.model = config_str(cfg, OPT_MODEL),
		.system = config_str(cfg, OPT_SYSTEM_PROMPT),
		.prompt = prompt,
		.temperature = config_double(cfg, OPT_TEMPERATURE),
		.max_tokens = config_int(cfg, OPT_MAX_TOKENS),
		.connect_timeout = config_int(cfg, OPT_CONNECT_TIMEOUT),
		.idle_timeout = config_int(cfg, OPT_IDLE_TIMEOUT),
	};
}

static void gateway_emit(void *ctx, enum msg_type type, const char *text, size_t len)
{
	struct gateway_call *call = ctx;

	if (call->t_first == 0)
		call->t_first = now_ms();
	queue_post(call->q, msg_new_text(type, call->id, text, len));
}

/* First body bytes: decide whether this is a stream or something else. */
static void gateway_classify(struct gateway_call *call)
{
	char *ctype = NULL;

	curl_easy_getinfo(call->easy, CURLINFO_RESPONSE_CODE, &call->status);
	curl_easy_getinfo(call->easy, CURLINFO_CONTENT_TYPE, &ctype);
	call->streaming = call->status < 300 && ctype && strstr(ctype, "text/event-stream");
	call->classified = 1;
}

static size_t gateway_on_body(char *data, size_t size, size_t n, void *ctx)
{
	struct gateway_call *call = ctx;
	size_t len = size * n;

	if (atomic_load(&call->cancelled))
		return CURL_WRITEFUNC_ERROR;
	if (!call->classified)
		gateway_classify(call);
	if (!call->streaming) {
		if (call->raw.len + len <= ERROR_BODY_MAX)
			buf_append(&call->raw, data, len);
		return len;
	}
	if (call->oai.error || call->sse_failed)
		return len; /* what follows an error is drained and ignored */
	if (sse_feed(&call->sse, data, len) == SSE_LINE_TOO_LONG)
		call->sse_failed = 1;
	return len;
}

static struct curl_slist *gateway_headers(const struct gateway_call *call)
{
	struct curl_slist *h = NULL;

	h = curl_slist_append(h, "Content-Type: application/json");
	h = curl_slist_append(h, "Accept: text/event-stream");
	if (call->auth)
		h = curl_slist_append(h, call->auth);
	return h;
}

static CURL *gateway_easy(struct gateway_call *call, struct curl_slist *headers)
{
	CURL *easy = curl_easy_init();

	curl_easy_setopt(easy, CURLOPT_URL, call->url);
	curl_easy_setopt(easy, CURLOPT_POSTFIELDS, call->body);
	curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, gateway_on_body);
	curl_easy_setopt(easy, CURLOPT_WRITEDATA, call);
	curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, call->curl_err);
	curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT, call->connect_timeout);
	if (call->idle_timeout > 0) {
		/* Keep-alive pings count as bytes, so a long prefill that pings
		 * survives; a server that goes silent does not. */
		curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
		curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, call->idle_timeout);
	}
	curl_easy_setopt(easy, CURLOPT_USERAGENT, "faos-codex/" FAOS_VERSION);
	curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, ""); /* identity or gzip, as offered */
	return easy;
}

/* Runs the transfer until it ends or is cancelled; the curl result. */
static CURLcode gateway_transfer(struct gateway_call *call)
{
	int running = 1;
	CURLcode result = CURLE_OK;
	CURLMsg *info;
	int left;

	curl_multi_add_handle(call->multi, call->easy);
	while (running && !atomic_load(&call->cancelled)) {
		if (curl_multi_perform(call->multi, &running) != CURLM_OK)
			break;
		if (running)
			curl_multi_poll(call->multi, NULL, 0, 1000, NULL);
	}
	while ((info = curl_multi_info_read(call->multi, &left)) != NULL)
		if (info->msg == CURLMSG_DONE)
			result = info->data.result;
	curl_multi_remove_handle(call->multi, call->easy);
	return result;
}

static void gateway_post_usage(struct gateway_call *call)
{
	struct msg *m = msg_new(MSG_USAGE, call->id);
	double end = now_ms();
	long out = call->oai.completion_tokens >= 0 ? call->oai.completion_tokens
						    : call->oai.deltas;

	m->usage.prompt_tokens = call->oai.prompt_tokens;
	m->usage.completion_tokens = out;
	m->usage.elapsed_ms = end - call->t_start;
	if (call->t_first > 0) {
		m->usage.ttft_ms = call->t_first - call->t_start;
		if (end > call->t_first)
			m->usage.tokens_per_s = (double)out * 1e3 / (end - call->t_first);
	}
	queue_post(call->q, m);
}

static void gateway_fail(struct gateway_call *call, enum gateway_error code, char *text)
{
	struct msg *m = msg_new_text(MSG_FAILED, call->id, text, strlen(text));

	m->code = code;
	log_warn("request.failed", "%s", text);
	free(text);
	gateway_post_usage(call);
	queue_post(call->q, m);
}

static void gateway_fail_curl(struct gateway_call *call, CURLcode result)
{
	const char *why = call->curl_err[0] ? call->curl_err : curl_easy_strerror(result);
	curl_off_t connected = 0;

	curl_easy_getinfo(call->easy, CURLINFO_CONNECT_TIME_T, &connected);
	if (result == CURLE_OPERATION_TIMEDOUT && connected > 0)
		gateway_fail(call, GW_ERR_TIMEOUT,
			     xasprintf("%s sent nothing for %ld s (idle_timeout); gave up", call->url,
				       call->idle_timeout));
	else if (result == CURLE_OPERATION_TIMEDOUT)
		gateway_fail(call, GW_ERR_TIMEOUT,
			     xasprintf("cannot reach %s: no connection within %ld s (connect_timeout)",
				       call->url, call->connect_timeout));
	else
		gateway_fail(call, GW_ERR_UNREACHABLE,
			     xasprintf("cannot reach %s: %s; is the server running? "
				       "(set it with --endpoint or FAOS_CODEX_ENDPOINT)",
				       call->url, why));
}

static void gateway_fail_http(struct gateway_call *call)
{
	char *ctype = NULL;

	curl_easy_getinfo(call->easy, CURLINFO_CONTENT_TYPE, &ctype);
	char *what = httperr_describe_body(ctype, call->raw.data ? call->raw.data : "", call->raw.len);
	gateway_fail(call, GW_ERR_HTTP, xasprintf("%s answered HTTP %ld: %s%s", call->url,
						  call->status, what, httperr_hint(call->status)));
	free(what);
}

static void gateway_succeed(struct gateway_call *call)
{
	const char *reason = call->oai.finish_reason ? call->oai.finish_reason : "stop";

	gateway_post_usage(call);
	queue_post(call->q, msg_new_text(MSG_DONE, call->id, reason, strlen(reason)));
	log_info("request.done", "%s finished (%s) after %ld pieces", call->url, reason,
		 call->oai.deltas);
}

/* The stream ended (cleanly or not): was the answer whole? */
static void gateway_finish_stream(struct gateway_call *call, CURLcode result)
{
	int finished = call->oai.saw_done || call->oai.finish_reason != NULL;

	if (call->oai.error)
		gateway_fail(call, GW_ERR_STREAM, xasprintf("%s reported an error mid-stream: %s",
							    call->url, call->oai.error));
	else if (call->sse_failed)
		gateway_fail(call, GW_ERR_STREAM,
			     xasprintf("%s sent a stream line over %zu MiB; gave up", call->url,
				       SSE_DEFAULT_MAX_LINE >> 20));
	else if (!finished)
		gateway_fail(call, GW_ERR_STREAM,
			     xasprintf("%s: the stream ended before the model finished "
				       "(no finish_reason, no [DONE]%s%s); the answer is incomplete",
				       call->url, result != CURLE_OK ? "; " : "",
				       result != CURLE_OK ? curl_easy_strerror(result) : ""));
	else
		gateway_succeed(call);
}

static void gateway_finish(struct gateway_call *call, CURLcode result)
{
	if (atomic_load(&call->cancelled)) {
		log_info("request.cancelled", "%s", call->url);
		gateway_post_usage(call);
		queue_post(call->q, msg_new(MSG_CANCELLED, call->id));
		return;
	}
	if (!call->classified)
		gateway_classify(call);
	if (call->status == 0 || result == CURLE_OPERATION_TIMEDOUT)
		gateway_fail_curl(call, result);
	else if (call->status >= 300)
		gateway_fail_http(call);
	else if (call->streaming)
		gateway_finish_stream(call, result);
	else if (result != CURLE_OK)
		gateway_fail_curl(call, result);
	else {
		openai_parse_whole(&call->oai, call->raw.data ? call->raw.data : "", call->raw.len);
		gateway_finish_stream(call, result);
	}
}

static void *gateway_main(void *arg)
{
	struct gateway_call *call = arg;
	struct curl_slist *headers = gateway_headers(call);

	call->t_start = now_ms();
	call->easy = gateway_easy(call, headers);
	log_info("request.start", "POST %s (%zu bytes)", call->url, strlen(call->body));
	CURLcode result = gateway_transfer(call);
	sse_finish(&call->sse);
	gateway_finish(call, result);
	curl_easy_cleanup(call->easy);
	curl_slist_free_all(headers);
	return NULL;
}

struct gateway_call *gateway_start(const struct gateway_request *req, struct queue *q,
				   unsigned id)
{
	struct gateway_call *call = xcalloc(1, sizeof *call);

	call->q = q;
	call->id = id;
	call->url = gateway_url(req->endpoint, "/v1/chat/completions");
	call->body = openai_request_body(req);
	if (req->api_key && req->api_key[0])
		call->auth = xasprintf("Authorization: Bearer %s", req->api_key);
	call->connect_timeout = req->connect_timeout;
	call->idle_timeout = req->idle_timeout;
	call->multi = curl_multi_init();
	atomic_init(&call->cancelled, 0);
	openai_stream_init(&call->oai, gateway_emit, call);
	sse_init(&call->sse, SSE_DEFAULT_MAX_LINE, openai_on_event, &call->oai);
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
	sse_free(&call->sse);
	openai_stream_free(&call->oai);
	buf_free(&call->raw);
	free(call->url);
	free(call->body);
	if (call->auth) /* the key must not linger in freed memory */
		explicit_bzero(call->auth, strlen(call->auth));
	free(call->auth);
	free(call);
}
