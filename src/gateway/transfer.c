/* transfer: one HTTP attempt of a gateway call. Runs libcurl's multi
 * interface (so cancel can wake it at once), feeds the protocol's framing
 * parser, enforces the first-byte and idle deadlines, and describes how the
 * attempt ended. Posts answer pieces to the queue as they arrive. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "gateway/call.h"
#include "gateway/httperr.h"
#include "gateway/netopts.h"
#include "gateway/retry.h"

#define ERROR_BODY_MAX (1u << 20) /* keep at most this much of an error page */
#define POLL_SLICE_MS 100         /* deadline checks while the server is silent */

static void transfer_emit(void *ctx, enum msg_type type, const char *text, size_t len)
{
	struct gateway_call *call = ctx;

	if (call->t_first == 0)
		call->t_first = clock_now_ms();
	call->shown++;
	buf_append(type == MSG_TOKEN ? &call->text : &call->reasoning, text, len);
	queue_post(call->q, msg_new_text(type, call->id, text, len));
}

/* First body bytes: is this the protocol's stream, or something else? */
static void transfer_classify(struct gateway_call *call)
{
	char *ctype = NULL;

	curl_easy_getinfo(call->easy, CURLINFO_RESPONSE_CODE, &call->status);
	curl_easy_getinfo(call->easy, CURLINFO_CONTENT_TYPE, &ctype);
	const char *want = call->proto->framing == GW_FRAMING_SSE ? "text/event-stream" : "ndjson";
	call->streaming = call->status < 300 && ctype && strstr(ctype, want);
	call->classified = 1;
	if (call->status < 300)
		log_info("request.answering", "%s: HTTP %ld %s", call->url, call->status,
			 ctype ? ctype : "");
}

static size_t transfer_on_body(char *data, size_t size, size_t n, void *ctx)
{
	struct gateway_call *call = ctx;
	size_t len = size * n;

	if (atomic_load(&call->cancelled))
		return CURL_WRITEFUNC_ERROR;
	call->t_last_byte = clock_now_ms();
	if (!call->classified)
		transfer_classify(call);
	if (call->streaming)
		gw_decoder_feed(&call->dec, data, len);
	else if (call->raw.len + len <= ERROR_BODY_MAX)
		buf_append(&call->raw, data, len);
	return len;
}

static size_t transfer_on_header(char *data, size_t size, size_t n, void *ctx)
{
	struct gateway_call *call = ctx;

	(void)data;
	call->t_last_byte = clock_now_ms();
	return size * n;
}

static struct curl_slist *transfer_headers(const struct gateway_call *call)
{
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");

	h = curl_slist_append(h, call->proto->framing == GW_FRAMING_SSE
					 ? "Accept: text/event-stream"
					 : "Accept: application/x-ndjson");
	if (call->proto->extra_header)
		h = curl_slist_append(h, call->proto->extra_header);
	return net_auth_headers(h, call->ep, call->proto->auth);
}

static void transfer_setup(struct gateway_call *call, const char *body,
			   struct curl_slist *headers)
{
	CURL *easy = call->easy;

	net_apply_endpoint(easy, call->ep, call->req.connect_timeout);
	curl_easy_setopt(easy, CURLOPT_URL, call->url);
	curl_easy_setopt(easy, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, transfer_on_body);
	curl_easy_setopt(easy, CURLOPT_WRITEDATA, call);
	curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, transfer_on_header);
	curl_easy_setopt(easy, CURLOPT_HEADERDATA, call);
	curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, call->curl_err);
}

/* Which silence limit was passed, if any: until the first answer piece the
 * server may think for first_byte_timeout (prompt processing on a local
 * model takes minutes); after it, idle_timeout between any two bytes, so
 * keep-alive comments keep a slow stream alive. */
static int transfer_deadline(struct gateway_call *call, double now)
{
	long first = call->req.first_byte_timeout, idle = call->req.idle_timeout;

	if (call->t_first == 0)
		return first > 0 && now - call->t_sent > (double)first * 1e3 ? DEADLINE_FIRST_BYTE
									      : DEADLINE_NONE;
	return idle > 0 && now - call->t_last_byte > (double)idle * 1e3 ? DEADLINE_IDLE
									: DEADLINE_NONE;
}

static CURLcode transfer_loop(struct gateway_call *call)
{
	int running = 1, left;
	CURLcode result = CURLE_OK;
	CURLMsg *info;

	curl_multi_add_handle(call->multi, call->easy);
	while (running && !atomic_load(&call->cancelled)) {
		if (curl_multi_perform(call->multi, &running) != CURLM_OK)
			break;
		if ((call->timed_out = transfer_deadline(call, clock_now_ms())) != 0)
			break;
		if (running)
			curl_multi_poll(call->multi, NULL, 0, POLL_SLICE_MS, NULL);
	}
	while ((info = curl_multi_info_read(call->multi, &left)) != NULL)
		if (info->msg == CURLMSG_DONE)
			result = info->data.result;
	curl_multi_remove_handle(call->multi, call->easy);
	return result;
}

static void attempt_set(struct attempt *out, enum gateway_error code, int retryable, char *text)
{
	out->code = code;
	out->retryable = retryable;
	out->text = text;
}

static const char *header_value(CURL *easy, const char *name)
{
	struct curl_header *h;

	return curl_easy_header(easy, name, 0, CURLH_HEADER, -1, &h) == CURLHE_OK ? h->value
										  : NULL;
}

static void transfer_fail_http(struct gateway_call *call, struct attempt *out)
{
	char *ctype = NULL;

	curl_easy_getinfo(call->easy, CURLINFO_CONTENT_TYPE, &ctype);
	char *what = httperr_describe_body(ctype, call->raw.data ? call->raw.data : "",
					   call->raw.len);
	attempt_set(out, GW_ERR_HTTP, retry_status(call->status),
		    xasprintf("%s answered HTTP %ld: %s%s", call->url, call->status, what,
			      httperr_hint(call->status)));
	out->server_wait_ms = retry_after_ms(header_value(call->easy, "retry-after-ms"),
					     header_value(call->easy, "Retry-After"), time(NULL));
	free(what);
}

/* No HTTP answer: the endpoint is down (or timed out connecting). */
static void transfer_fail_curl(struct gateway_call *call, CURLcode result, struct attempt *out)
{
	const char *why = call->curl_err[0] ? call->curl_err : curl_easy_strerror(result);

	out->endpoint_down = 1;
	if (result == CURLE_OPERATION_TIMEDOUT)
		attempt_set(out, GW_ERR_TIMEOUT, 1,
			    xasprintf("cannot reach %s: no connection within %ld s (connect_timeout)",
				      call->url, call->req.connect_timeout));
	else
		attempt_set(out, GW_ERR_UNREACHABLE, 1,
			    xasprintf("cannot reach %s: %s", call->url, why));
}

static void transfer_fail_timeout(struct gateway_call *call, struct attempt *out)
{
	if (call->timed_out == DEADLINE_FIRST_BYTE)
		attempt_set(out, GW_ERR_TIMEOUT, 0,
			    xasprintf("%s sent no answer within %ld s while reading the prompt "
				      "(first_byte_timeout); gave up",
				      call->url, call->req.first_byte_timeout));
	else
		attempt_set(out, GW_ERR_TIMEOUT, 0,
			    xasprintf("%s sent nothing for %ld s (idle_timeout); gave up", call->url,
				      call->req.idle_timeout));
}

/* The body ended (cleanly or not): was the answer whole? */
static void transfer_judge_stream(struct gateway_call *call, CURLcode result,
				  struct attempt *out)
{
	struct gw_stream *s = &call->dec.stream;

	if (s->error)
		attempt_set(out, GW_ERR_STREAM, 0,
			    xasprintf("%s reported an error mid-stream: %s", call->url, s->error));
	else if (call->dec.line_capped)
		attempt_set(out, GW_ERR_STREAM, 0,
			    xasprintf("%s sent a stream line over %zu MiB; gave up", call->url,
				      SSE_DEFAULT_MAX_LINE >> 20));
	else if (!s->complete && s->finish_reason == NULL)
		attempt_set(out, GW_ERR_STREAM, 1,
			    xasprintf("%s: the stream ended before the model finished (no finish "
				      "reason, no end marker%s%s); the answer is incomplete",
				      call->url, result != CURLE_OK ? "; " : "",
				      result != CURLE_OK ? curl_easy_strerror(result) : ""));
	else
		out->code = GW_ERR_NONE;
}

static void transfer_judge(struct gateway_call *call, CURLcode result, struct attempt *out)
{
	if (!call->classified)
		curl_easy_getinfo(call->easy, CURLINFO_RESPONSE_CODE, &call->status);
	if (call->timed_out)
		transfer_fail_timeout(call, out);
	else if (call->status == 0)
		transfer_fail_curl(call, result, out);
	else if (call->status >= 300)
		transfer_fail_http(call, out);
	else if (!call->streaming && result != CURLE_OK)
		transfer_fail_curl(call, result, out);
	else {
		if (!call->streaming)
			call->proto->parse_whole(&call->dec.stream,
						 call->raw.data ? call->raw.data : "", call->raw.len);
		transfer_judge_stream(call, result, out);
	}
}

static void transfer_reset(struct gateway_call *call)
{
	call->classified = call->streaming = 0;
	call->timed_out = DEADLINE_NONE;
	call->status = 0;
	call->curl_err[0] = '\0';
	buf_reset(&call->raw);
	gw_decoder_free(&call->dec); /* the previous attempt's answer */
	gw_decoder_init(&call->dec, call->proto, transfer_emit, call);
}

static void transfer_cleanup(struct gateway_call *call)
{
	curl_easy_cleanup(call->easy);
	call->easy = NULL;
	free(call->url);
	call->url = NULL;
}

void transfer_run(struct gateway_call *call, struct attempt *out)
{
	memset(out, 0, sizeof *out);
	out->server_wait_ms = -1;
	transfer_reset(call);
	call->url = gateway_url(call->ep->url, call->proto->path);
	char *body = call->proto->request_body(&call->req);
	struct curl_slist *headers = transfer_headers(call);
	call->easy = curl_easy_init();
	transfer_setup(call, body, headers);
	call->t_sent = call->t_last_byte = clock_now_ms();
	log_info("request.start", "POST %s (%zu bytes, %s)", call->url, strlen(body),
		 call->proto->name);
	CURLcode result = transfer_loop(call);
	gw_decoder_finish(&call->dec);
	if (!atomic_load(&call->cancelled))
		transfer_judge(call, result, out);
	net_free_headers(headers);
	free(body);
	transfer_cleanup(call);
}
