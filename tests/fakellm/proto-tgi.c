/* proto-tgi: POST /generate_stream, TGI's native stream (§5.2, §5.3). axum
 * writes "data:" with no space and ":" keep-alives; the last event carries
 * generated_text (and details when asked for) and nothing follows it — no
 * [DONE]. Failures are events at HTTP 200. */
#include "proto.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double logprobs[] = {-0.97209036, -0.3902701, -0.568623, -0.6196289, -2.046875};

static void emit(struct fbuf *b, cJSON *o)
{
	char *s = json_take(o);

	fbuf_printf(b, "data:%s\n\n", s);
	free(s);
}

static int chars_in(const cJSON *v)
{
	const cJSON *m;
	int n = 0;

	if (cJSON_IsString(v))
		return (int)strlen(v->valuestring);
	cJSON_ArrayForEach(m, v)
		n += chars_in(cJSON_GetObjectItemCaseSensitive(m, "content"));
	return n;
}

int tgi_chars(const cJSON *body)
{
	const cJSON *in = cJSON_GetObjectItemCaseSensitive(body, "inputs");

	return chars_in(in ? in : cJSON_GetObjectItemCaseSensitive(body, "messages"));
}

/* Always a stream, whatever "stream" says; TGI's own response headers. */
static void init(struct gen *g)
{
	g->stream = true;
	snprintf(g->extra, sizeof g->extra,
		 "x-compute-type: gpu+optimized\r\nx-compute-characters: %d\r\n"
		 "x-accel-buffering: no\r\n", tgi_chars(g->rq->json));
}

static void begin(struct gen *g, struct fbuf *b)
{
	(void)g;
	(void)b;
}

/* A stable fake token id for a piece of text. */
static double token_id(const char *text)
{
	unsigned h = 5381;

	for (const char *p = text; *p; p++)
		h = h * 33 + (unsigned char)*p;
	return (double)(h % 32000 + 3);
}

static cJSON *details(const struct gen *g)
{
	cJSON *d = cJSON_CreateObject();

	cJSON_AddStringToObject(d, "finish_reason", "eos_token");
	cJSON_AddNumberToObject(d, "generated_tokens", (double)g->sent);
	cJSON_AddNullToObject(d, "seed");
	cJSON_AddNumberToObject(d, "input_length", g->prompt_n);
	return d;
}

/* Reasoning does not exist here; a tool call is just its JSON as text. */
static void piece(struct gen *g, struct fbuf *b, const struct piece *p, bool last)
{
	cJSON *o, *t;

	if (p->kind == PK_REASON)
		return;
	gen_account(g, p);
	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "index", ++g->seq);
	t = cJSON_AddObjectToObject(o, "token");
	cJSON_AddNumberToObject(t, "id", token_id(p->text));
	cJSON_AddStringToObject(t, "text", p->text);
	cJSON_AddNumberToObject(t, "logprob", logprobs[g->seq % 5]);
	cJSON_AddFalseToObject(t, "special");
	if (last && g->end_marker) {
		g->finished = true;
		cJSON_AddStringToObject(o, "generated_text", g->text.p ? g->text.p : g->args.p);
		cJSON_AddItemToObject(o, "details", g->details ? details(g) : cJSON_CreateNull());
	} else {
		cJSON_AddNullToObject(o, "generated_text");
		cJSON_AddNullToObject(o, "details");
	}
	emit(b, o);
}

static void ping(struct gen *g, struct fbuf *b)
{
	(void)g;
	fbuf_puts(b, ":\n\n");
}

/* The last token already ended the stream. */
static int finish(struct gen *g, struct fbuf *b, bool end)
{
	(void)g;
	(void)b;
	(void)end;
	return 0;
}

static int fail(struct gen *g, struct fbuf *b, enum fail f)
{
	cJSON *o = cJSON_CreateObject();

	(void)f;
	cJSON_AddStringToObject(o, "error", g->fl->mid_msg);
	cJSON_AddStringToObject(o, "error_type", "generation");
	emit(b, o);
	return 0;
}

/* Not reached (init forces a stream); /generate's answer for completeness. */
static int whole(struct gen *g)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "generated_text", g->text.p);
	return gen_send_json(g, o);
}

const struct proto proto_tgi = {
	.dialect = D_TGI, .stream_default = true, .init = init, .begin = begin,
	.piece = piece, .ping = ping, .finish = finish, .fail = fail, .whole = whole,
};
