/* chat: POST /v1/chat/completions — the scenario table, and llama-server
 * b8291's streamed and whole answers (PROTOCOLS.md §3.4, §3.8, §11).
 * Runs on the connection's thread; everything here is per request. */
#include "fakellm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ALL (-1)
#define HALF (-2)

#define PING ":\n\n"
#define DONE "data: [DONE]\n\n"
#define MIDSTREAM_ERROR                                                               \
	"data: {\"error\":{\"code\":500,\"message\":\"Failed to parse input at pos 0\"," \
	"\"type\":\"server_error\"}}\n\n"
#define LEGACY_ERROR                                                                   \
	"error: {\"code\":400,\"message\":\"the request exceeds the available context " \
	"size. try increasing the context size or enable context shift\","              \
	"\"type\":\"invalid_request_error\"}\n\n"
#define BAD_JSON                                                                       \
	"{\"error\":{\"code\":500,\"message\":\"[json.exception.parse_error.101] parse " \
	"error: syntax error while parsing value\",\"type\":\"server_error\"}}"
#define NGINX_502                                                                      \
	"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"           \
	"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.24.0</center>" \
	"\r\n</body>\r\n</html>\r\n"

/* How a streamed answer ends. */
enum tail { END_DONE, END_NO_DONE, END_ERROR, END_LEGACY, END_CUT, END_STALL };

struct scenario {
	const char *name;
	int (*run)(struct chat *c, const struct scenario *s);
	/* streamed answers */
	int wait_ms;   /* silence before anything (slow-headers) */
	int pings;     /* ":" pings right after the headers (newer llama-server) */
	bool mid_ping; /* one more ping halfway through the tokens */
	int max_tok;   /* ALL, HALF or at most this many */
	enum tail tail;
	bool forced;   /* streams even without "stream": true */
	bool legacy;   /* pre-2025: headers at once, one event per HTTP chunk */
	/* fixed answers */
	int status;
	enum style style;
	const char *ctype, *body;
};

static int run_stream(struct chat *c, const struct scenario *s);
static int run_fixed(struct chat *c, const struct scenario *s);

static const struct scenario scenarios[] = {
	{.name = "llama", .run = run_stream, .max_tok = ALL},
	{.name = "slow-headers", .run = run_stream, .wait_ms = 3000, .max_tok = ALL},
	{.name = "pings", .run = run_stream, .pings = 3, .mid_ping = true, .max_tok = ALL},
	{.name = "midstream-error", .run = run_stream, .max_tok = HALF,
	 .tail = END_ERROR, .forced = true},
	{.name = "legacy-error", .run = run_stream, .max_tok = 3, .tail = END_LEGACY,
	 .forced = true, .legacy = true},
	{.name = "truncated", .run = run_stream, .max_tok = 3, .tail = END_CUT, .forced = true},
	{.name = "no-done", .run = run_stream, .max_tok = ALL, .tail = END_NO_DONE,
	 .forced = true},
	{.name = "stall", .run = run_stream, .max_tok = 1, .tail = END_STALL, .forced = true},
	{.name = "crlf", .run = crlf_run},
	{.name = "error-401", .run = run_fixed, .status = 401, .style = ST_LLAMA,
	 .ctype = FL_CT_JSON,
	 .body = "{\"error\":{\"code\":401,\"message\":\"Invalid API Key\","
		 "\"type\":\"authentication_error\"}}"},
	{.name = "loading", .run = run_fixed, .status = 503, .style = ST_LLAMA,
	 .ctype = FL_CT_JSON,
	 .body = "{\"error\":{\"code\":503,\"message\":\"Loading model\","
		 "\"type\":\"unavailable_error\"}}"},
	{.name = "context", .run = run_fixed, .status = 400, .style = ST_LLAMA,
	 .ctype = FL_CT_JSON,
	 .body = "{\"error\":{\"code\":400,\"message\":\"request (6009 tokens) exceeds the "
		 "available context size (4096 tokens), try increasing it\","
		 "\"type\":\"exceed_context_size_error\",\"n_prompt_tokens\":6009,"
		 "\"n_ctx\":4096}}"},
	{.name = "error-string", .run = run_fixed, .status = 400, .style = ST_GO,
	 .ctype = FL_CT_JSON, .body = "{\"error\":\"model 'x' not found\"}"},
	{.name = "html-502", .run = run_fixed, .status = 502, .style = ST_NGINX,
	 .ctype = "text/html", .body = NGINX_502},
	{.name = "plain-500", .run = run_fixed, .status = 500, .style = ST_LLAMA,
	 .ctype = "text/plain", .body = "Internal Server Error"},
};

static const struct scenario *scenario_find(const char *name)
{
	for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++)
		if (strcmp(scenarios[i].name, name) == 0)
			return &scenarios[i];
	return NULL;
}

bool chat_scenario_known(const char *name)
{
	return scenario_find(name) != NULL;
}

static int run_fixed(struct chat *c, const struct scenario *s)
{
	return http_send(c->fd, c->rq, s->status, s->style, s->ctype, s->body);
}

/* Key order as llama-server emits it: choices, created, id, model,
 * system_fingerprint, object (then usage, timings). Like llama-server,
 * "created" is read per chunk, so a long stream may see it change. */
static cJSON *chunk_new(const struct chat *c, cJSON *choices)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddItemToObject(o, "choices", choices);
	cJSON_AddNumberToObject(o, "created", (double)time(NULL));
	cJSON_AddStringToObject(o, "id", c->id);
	cJSON_AddStringToObject(o, "model", c->model);
	cJSON_AddStringToObject(o, "system_fingerprint", FL_FINGERPRINT);
	cJSON_AddStringToObject(o, "object", "chat.completion.chunk");
	return o;
}

static cJSON *choices_one(const char *finish, const char *key, cJSON *value)
{
	cJSON *ch = cJSON_CreateObject();
	cJSON *arr = cJSON_CreateArray();

	if (finish)
		cJSON_AddStringToObject(ch, "finish_reason", finish);
	else
		cJSON_AddNullToObject(ch, "finish_reason");
	cJSON_AddNumberToObject(ch, "index", 0);
	cJSON_AddItemToObject(ch, key, value);
	cJSON_AddItemToArray(arr, ch);
	return arr;
}

/* content == NULL gives the opening {"role":"assistant","content":null}. */
static cJSON *delta_event(const struct chat *c, const char *content)
{
	cJSON *d = cJSON_CreateObject();

	if (content) {
		cJSON_AddStringToObject(d, "content", content);
	} else {
		cJSON_AddStringToObject(d, "role", "assistant");
		cJSON_AddNullToObject(d, "content");
	}
	return chunk_new(c, choices_one(NULL, "delta", d));
}

/* Appends "data: <compact json>\n\n" and frees o. */
static void sse_data(struct fbuf *b, cJSON *o)
{
	char *s = cJSON_PrintUnformatted(o);

	fbuf_printf(b, "data: %s\n\n", s);
	free(s);
	cJSON_Delete(o);
}

/* llama-server measures in microseconds and prints milliseconds. */
static double ms3(double ms)
{
	double r = (double)(long long)(ms * 1000.0 + 0.5) / 1000.0;

	return r > 0.001 ? r : 0.001;
}

static void add_rates(cJSON *t, const char *pfx, int n, double ms)
{
	char key[40];

	snprintf(key, sizeof key, "%s_n", pfx);
	cJSON_AddNumberToObject(t, key, n);
	snprintf(key, sizeof key, "%s_ms", pfx);
	cJSON_AddNumberToObject(t, key, ms);
	snprintf(key, sizeof key, "%s_per_token_ms", pfx);
	cJSON_AddNumberToObject(t, key, n ? ms / n : 0);
	snprintf(key, sizeof key, "%s_per_second", pfx);
	cJSON_AddNumberToObject(t, key, 1e3 * n / ms);
}

static cJSON *timings_new(const struct chat *c, double t_end)
{
	cJSON *t = cJSON_CreateObject();

	cJSON_AddNumberToObject(t, "cache_n", 0);
	add_rates(t, "prompt", c->prompt_n, ms3(c->t_first - c->t0));
	add_rates(t, "predicted", (int)c->sent, ms3(t_end - c->t_first));
	return t;
}

static cJSON *usage_new(const struct chat *c)
{
	cJSON *u = cJSON_CreateObject();

	cJSON_AddNumberToObject(u, "completion_tokens", (double)c->sent);
	cJSON_AddNumberToObject(u, "prompt_tokens", c->prompt_n);
	cJSON_AddNumberToObject(u, "total_tokens", (double)c->sent + c->prompt_n);
	return u;
}

/* The answer to "stream": false (to_json_oaicompat_chat). */
static cJSON *whole_new(const struct chat *c, const char *text, double t_end)
{
	cJSON *msg = cJSON_CreateObject();
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(msg, "role", "assistant");
	cJSON_AddStringToObject(msg, "content", text);
	cJSON_AddItemToObject(o, "choices", choices_one("stop", "message", msg));
	cJSON_AddNumberToObject(o, "created", (double)c->created);
	cJSON_AddStringToObject(o, "model", c->model);
	cJSON_AddStringToObject(o, "system_fingerprint", FL_FINGERPRINT);
	cJSON_AddStringToObject(o, "object", "chat.completion");
	cJSON_AddItemToObject(o, "usage", usage_new(c));
	cJSON_AddStringToObject(o, "id", c->id);
	cJSON_AddItemToObject(o, "timings", timings_new(c, t_end));
	return o;
}

/* Generation takes --delay-ms per token here too; 0 when stopped meanwhile. */
static int whole_text(struct fbuf *text)
{
	for (size_t i = 0; i < fl_opt.ntok; i++) {
		if (io_sleep_ms(fl_opt.delay_ms) < 0)
			return -1;
		fbuf_puts(text, fl_opt.tok[i]);
	}
	fbuf_add(text, "", 0);
	return 0;
}

static int reply_whole(struct chat *c)
{
	struct fbuf text = {0};

	c->t_first = io_now_ms();
	if (whole_text(&text) < 0) {
		fbuf_free(&text);
		return 0;
	}
	c->sent = fl_opt.ntok;
	cJSON *o = whole_new(c, text.p, io_now_ms());
	char *s = cJSON_PrintUnformatted(o);
	int keep = http_send(c->fd, c->rq, 200, ST_LLAMA, FL_CT_JSON, s);

	free(s);
	cJSON_Delete(o);
	fbuf_free(&text);
	return keep;
}

static int head(struct chat *c)
{
	if (c->head_sent)
		return 0;
	c->head_sent = true;
	return http_head(c->fd, c->rq, 200, ST_LLAMA, "text/event-stream", -1);
}

/* Token i as one internal result: the first one carries the role chunk too.
 * Current servers write a result as one HTTP chunk, old ones event by event. */
static int send_token(struct chat *c, size_t i, bool legacy)
{
	struct fbuf b = {0};
	int r = 0;

	if (i == 0)
		c->t_first = io_now_ms();
	if (head(c) < 0)
		return -1;
	if (i == 0)
		sse_data(&b, delta_event(c, NULL));
	if (legacy && i == 0) {
		r = io_chunk(c->fd, b.p, b.len);
		b.len = 0;
	}
	if (i < fl_opt.ntok) {
		sse_data(&b, delta_event(c, fl_opt.tok[i]));
		c->sent = i + 1;
	}
	if (r == 0 && b.len > 0)
		r = io_chunk(c->fd, b.p, b.len);
	fbuf_free(&b);
	return r;
}

static size_t tokens_to_send(const struct scenario *s)
{
	size_t n = fl_opt.ntok;

	if (s->max_tok == HALF && n / 2 > 0)
		return n / 2;
	if (s->max_tok >= 0 && (size_t)s->max_tok < n)
		return (size_t)s->max_tok;
	return n;
}

/* With no token at all the role chunk still goes out (i == 0 always runs). */
static int send_tokens(struct chat *c, const struct scenario *s)
{
	size_t n = tokens_to_send(s);

	for (size_t i = 0; i == 0 || i < n; i++) {
		if (i > 0 && io_sleep_ms(fl_opt.delay_ms) < 0)
			return -1;
		if (s->mid_ping && i > 0 && i == n / 2 && io_chunk_str(c->fd, PING) < 0)
			return -1;
		if (send_token(c, i, s->legacy) < 0)
			return -1;
	}
	return 0;
}

/* One internal result, one HTTP chunk: the finish chunk and, when asked for,
 * the usage chunk; timings ride on whichever is last. */
static int send_final(struct chat *c)
{
	struct fbuf b = {0};
	cJSON *last = chunk_new(c, choices_one("stop", "delta", cJSON_CreateObject()));

	if (c->usage) {
		sse_data(&b, last);
		last = chunk_new(c, cJSON_CreateArray());
		cJSON_AddItemToObject(last, "usage", usage_new(c));
	}
	cJSON_AddItemToObject(last, "timings", timings_new(c, io_now_ms()));
	sse_data(&b, last);
	int r = io_chunk(c->fd, b.p, b.len);

	fbuf_free(&b);
	return r;
}

static int finish(struct chat *c, enum tail tail)
{
	int r = 0;

	switch (tail) {
	case END_DONE:
	case END_NO_DONE:
		r = send_final(c);
		if (r == 0 && tail == END_DONE)
			r = io_chunk_str(c->fd, DONE);
		break;
	case END_ERROR:
		r = io_chunk_str(c->fd, MIDSTREAM_ERROR);
		break;
	case END_LEGACY:
		r = io_chunk_str(c->fd, LEGACY_ERROR);
		if (r == 0)
			r = io_chunk_str(c->fd, DONE);
		break;
	case END_CUT:
		return 0;
	case END_STALL:
		io_wait_gone(c->fd);
		return 0;
	}
	if (r < 0 || io_chunk_end(c->fd) < 0)
		return 0;
	return http_keeps(c->rq, 200, ST_LLAMA);
}

static int run_stream(struct chat *c, const struct scenario *s)
{
	if (io_sleep_ms(s->wait_ms) < 0)
		return 0;
	if (!c->stream && !s->forced)
		return reply_whole(c);
	if ((s->pings > 0 || s->legacy) && head(c) < 0)
		return 0;
	for (int i = 0; i < s->pings; i++)
		if (io_sleep_ms(fl_opt.delay_ms) < 0 || io_chunk_str(c->fd, PING) < 0)
			return 0;
	if (send_tokens(c, s) < 0)
		return 0;
	return finish(c, s->tail);
}

static int unknown_scenario(int fd, const struct req *rq, const char *name)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *e = cJSON_AddObjectToObject(o, "error");
	char msg[300];

	fprintf(stderr, "fakellm: unknown scenario '%.200s'\n", name);
	snprintf(msg, sizeof msg, "fakellm: unknown scenario '%.200s'", name);
	cJSON_AddNumberToObject(e, "code", 400);
	cJSON_AddStringToObject(e, "message", msg);
	cJSON_AddStringToObject(e, "type", "invalid_request_error");
	char *s = cJSON_PrintUnformatted(o);
	int keep = http_send(fd, rq, 400, ST_LLAMA, FL_CT_JSON, s);

	free(s);
	cJSON_Delete(o);
	return keep;
}

int chat_handle(int fd, const struct req *rq)
{
	if (!rq->json)
		return http_send(fd, rq, 500, ST_LLAMA, FL_CT_JSON, BAD_JSON);
	const cJSON *model = cJSON_GetObjectItemCaseSensitive(rq->json, "model");
	const char *m = cJSON_IsString(model) ? model->valuestring : NULL;
	const char *name = m && strncmp(m, "fake:", 5) == 0 ? m + 5 : fl_opt.scenario;
	const struct scenario *s = scenario_find(name);

	if (!s)
		return unknown_scenario(fd, rq, name);
	struct chat c = {.fd = fd, .rq = rq, .model = m ? m : FL_MODEL,
			 .created = (long)time(NULL), .t0 = io_now_ms()};
	const cJSON *opts = cJSON_GetObjectItemCaseSensitive(rq->json, "stream_options");

	c.stream = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(rq->json, "stream"));
	c.usage = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(opts, "include_usage"));
	c.prompt_n = words_in_messages(rq->json);
	memcpy(c.id, "chatcmpl-", 9);
	rand_alnum(c.id + 9, 32);
	return s->run(&c, s);
}
