/* crlf: the stream of llama-cpp-python's server (uvicorn + sse-starlette):
 * CRLF line endings, ": ping - <utc time>" comments between events, Python
 * json.dumps spacing, and HTTP chunks cut at awkward bytes — inside a UTF-8
 * character and between CR and LF. On the other protocol routes the same
 * line endings and cuts are applied to that protocol's own stream. Runs on
 * the connection's thread. */
#include "proto.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SEP "\r\n"

static void py_string(struct fbuf *b, const char *s)
{
	cJSON *tmp = cJSON_CreateString(s);
	char *p = cJSON_PrintUnformatted(tmp);

	fbuf_puts(b, p);
	free(p);
	cJSON_Delete(tmp);
}

/* json.dumps(obj, ensure_ascii=False): ", " and ": " separators, raw UTF-8. */
static void py_json(struct fbuf *b, const cJSON *it)
{
	bool obj = cJSON_IsObject(it);

	if (!obj && !cJSON_IsArray(it)) {
		char *p = cJSON_PrintUnformatted(it);

		fbuf_puts(b, p);
		free(p);
		return;
	}
	fbuf_puts(b, obj ? "{" : "[");
	for (const cJSON *ch = it->child; ch; ch = ch->next) {
		if (ch != it->child)
			fbuf_puts(b, ", ");
		if (obj) {
			py_string(b, ch->string);
			fbuf_puts(b, ": ");
		}
		py_json(b, ch);
	}
	fbuf_puts(b, obj ? "}" : "]");
}

/* llama-cpp-python's chunk: id, object, created, model, choices; frees delta. */
static void crlf_event(struct fbuf *b, const struct gen *c, cJSON *delta, const char *finish)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *choices = cJSON_CreateArray();
	cJSON *ch = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "id", c->id);
	cJSON_AddStringToObject(o, "object", "chat.completion.chunk");
	cJSON_AddNumberToObject(o, "created", (double)c->created);
	cJSON_AddStringToObject(o, "model", c->model);
	cJSON_AddNumberToObject(ch, "index", 0);
	cJSON_AddItemToObject(ch, "delta", delta);
	cJSON_AddNullToObject(ch, "logprobs");
	if (finish)
		cJSON_AddStringToObject(ch, "finish_reason", finish);
	else
		cJSON_AddNullToObject(ch, "finish_reason");
	cJSON_AddItemToArray(choices, ch);
	cJSON_AddItemToObject(o, "choices", choices);
	fbuf_puts(b, "data: ");
	py_json(b, o);
	fbuf_puts(b, SEP SEP);
	cJSON_Delete(o);
}

/* sse-starlette: comment=f"ping - {datetime.utcnow()}". */
static void crlf_ping(struct fbuf *b)
{
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	fbuf_printf(b, ": ping - %04d-%02d-%02d %02d:%02d:%02d.%06ld" SEP SEP,
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
		    tm.tm_sec, ts.tv_nsec / 1000);
}

static void crlf_body(struct fbuf *b, struct gen *c)
{
	cJSON *role = cJSON_CreateObject();

	cJSON_AddStringToObject(role, "role", "assistant");
	crlf_ping(b);
	crlf_event(b, c, role, NULL);
	for (size_t i = 0; i < c->rp->ntok; i++) {
		cJSON *d = cJSON_CreateObject();

		cJSON_AddStringToObject(d, "content", c->rp->tok[i]);
		crlf_event(b, c, d, NULL);
		if (i % 3 == 1)
			crlf_ping(b);
	}
	c->sent = c->rp->ntok;
	crlf_event(b, c, cJSON_CreateObject(), "stop");
	fbuf_puts(b, "data: [DONE]" SEP SEP);
}

/* cut[i]: an HTTP chunk starts at byte i. Irregular sizes, plus a cut after
 * every UTF-8 lead byte and between every other CR and its LF. */
static void mark_cuts(const struct fbuf *b, bool *cut)
{
	static const size_t sizes[] = {1, 7, 2, 33, 5, 64, 3, 17};
	size_t next = 1, k = 0, crlfs = 0;

	for (size_t i = 1; i < b->len; i++) {
		unsigned char prev = (unsigned char)b->p[i - 1];

		if (i >= next) {
			cut[i] = true;
			next = i + sizes[k++ % (sizeof sizes / sizeof sizes[0])];
		}
		if (prev >= 0xC0)
			cut[i] = true;
		if (prev == '\r' && b->p[i] == '\n' && crlfs++ % 2 == 0)
			cut[i] = true;
	}
}

static int send_cut(const struct gen *c, const struct fbuf *b)
{
	bool *cut = calloc(b->len + 1, sizeof *cut);
	size_t start = 0;
	int r = cut ? 0 : -1;

	if (cut)
		mark_cuts(b, cut);
	for (size_t i = 1; r == 0 && i <= b->len; i++) {
		if (i < b->len && !cut[i])
			continue;
		if (start > 0 && io_sleep_ms(fl_opt.delay_ms) < 0)
			r = -1;
		else
			r = io_chunk(c->fd, b->p + start, i - start);
		start = i;
	}
	free(cut);
	return r;
}

int crlf_chat(struct gen *c)
{
	struct fbuf b = {0};
	char hex[33];
	int r;

	rand_hex(hex, 32);
	snprintf(c->id, sizeof c->id, "chatcmpl-%.8s-%.4s-4%.3s-a%.3s-%.12s", hex, hex + 8,
		 hex + 12, hex + 16, hex + 20);
	crlf_body(&b, c);
	r = http_head(c->fd, c->rq, 200, ST_UVICORN, "text/event-stream; charset=utf-8", -1);
	if (r == 0)
		r = send_cut(c, &b);
	if (r == 0)
		r = io_chunk_end(c->fd);
	fbuf_free(&b);
	return r == 0 ? http_keeps(c->rq, 200, ST_UVICORN) : 0;
}

/* The protocol's normal stream, captured whole, every LF made CRLF (the
 * JSON inside never holds a raw LF), then cut like the chat one. */
int crlf_any(struct gen *g)
{
	struct fbuf raw = {0}, b = {0};
	int r;

	g->capture = &raw;
	r = gen_run_stream(g) ? 0 : -1;
	g->capture = NULL;
	for (size_t i = 0; i < raw.len; i++)
		fbuf_add(&b, raw.p[i] == '\n' ? SEP : raw.p + i, raw.p[i] == '\n' ? 2 : 1);
	if (r == 0)
		r = gen_head(g);
	if (r == 0 && b.len > 0)
		r = send_cut(g, &b);
	if (r == 0)
		r = io_chunk_end(g->fd);
	fbuf_free(&raw);
	fbuf_free(&b);
	return r == 0 ? http_keeps(g->rq, 200, g->fl->st) : 0;
}
