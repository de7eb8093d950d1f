/* proto-anthropic: POST /v1/messages, the Anthropic Messages stream as
 * llama-server b8291 and Anthropic send it (§11): every event is
 * "event: TYPE\ndata: JSON\n\n", blocks open and close around their deltas,
 * and message_stop ends the stream — there is no [DONE]. */
#include "proto.h"

#include <string.h>

#define PING "event: ping\ndata: {\"type\": \"ping\"}\n\n"
#define SIGNATURE "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"

enum { B_NONE, B_THINKING, B_TEXT, B_TOOL };

static cJSON *typed(const char *type)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "type", type);
	return o;
}

static const char *check(const cJSON *body)
{
	if (!cJSON_GetObjectItemCaseSensitive(body, "max_tokens"))
		return "max_tokens: Field required";
	return NULL;
}

static void init(struct gen *g)
{
	memcpy(g->id, "msg_", 4);
	rand_alnum(g->id + 4, 24);
	memcpy(g->call, "toolu_", 6);
	rand_alnum(g->call + 6, 24);
}

static cJSON *usage(const struct gen *g, bool input, double out)
{
	cJSON *u = cJSON_CreateObject();

	if (input)
		cJSON_AddNumberToObject(u, "input_tokens", g->prompt_n);
	cJSON_AddNumberToObject(u, "output_tokens", out);
	return u;
}

/* The message object: empty and unfinished in message_start (stop NULL),
 * complete in a whole answer. */
static cJSON *message(const struct gen *g, cJSON *content, const char *stop)
{
	cJSON *m = cJSON_CreateObject();

	cJSON_AddStringToObject(m, "id", g->id);
	cJSON_AddStringToObject(m, "type", "message");
	cJSON_AddStringToObject(m, "role", "assistant");
	cJSON_AddItemToObject(m, "content", content ? content : cJSON_CreateArray());
	cJSON_AddStringToObject(m, "model", g->model);
	if (stop)
		cJSON_AddStringToObject(m, "stop_reason", stop);
	else
		cJSON_AddNullToObject(m, "stop_reason");
	cJSON_AddNullToObject(m, "stop_sequence");
	cJSON_AddItemToObject(m, "usage", usage(g, true, stop ? (double)g->sent : 0));
	return m;
}

static void begin(struct gen *g, struct fbuf *b)
{
	cJSON *o = typed("message_start");

	cJSON_AddItemToObject(o, "message", message(g, NULL, NULL));
	sse_event(b, "message_start", o);
}

static cJSON *block_of(const struct gen *g, int kind)
{
	cJSON *c = typed(kind == B_THINKING ? "thinking" : kind == B_TEXT ? "text" : "tool_use");

	if (kind == B_THINKING) {
		cJSON_AddStringToObject(c, "thinking", "");
		cJSON_AddStringToObject(c, "signature", "");
	} else if (kind == B_TEXT) {
		cJSON_AddStringToObject(c, "text", "");
	} else {
		cJSON_AddStringToObject(c, "id", g->call);
		cJSON_AddStringToObject(c, "name", TOOL_NAME);
		cJSON_AddItemToObject(c, "input", cJSON_CreateObject());
	}
	return c;
}

static void delta(struct gen *g, struct fbuf *b, const char *type, const char *key,
		  const char *value)
{
	cJSON *o = typed("content_block_delta");
	cJSON *d = typed(type);

	cJSON_AddNumberToObject(o, "index", g->index);
	cJSON_AddStringToObject(d, key, value);
	cJSON_AddItemToObject(o, "delta", d);
	sse_event(b, "content_block_delta", o);
}

/* A thinking block is signed before it closes. */
static void close_block(struct gen *g, struct fbuf *b)
{
	cJSON *o = typed("content_block_stop");

	if (g->block == B_NONE) {
		cJSON_Delete(o);
		return;
	}
	if (g->block == B_THINKING)
		delta(g, b, "signature_delta", "signature", SIGNATURE);
	cJSON_AddNumberToObject(o, "index", g->index);
	sse_event(b, "content_block_stop", o);
	g->block = B_NONE;
	g->index++;
}

/* The first block is followed by the stream's one ping (g->seq marks it). */
static void open_block(struct gen *g, struct fbuf *b, int kind)
{
	cJSON *o;

	if (g->block == kind)
		return;
	close_block(g, b);
	o = typed("content_block_start");
	cJSON_AddNumberToObject(o, "index", g->index);
	cJSON_AddItemToObject(o, "content_block", block_of(g, kind));
	sse_event(b, "content_block_start", o);
	g->block = kind;
	if (!g->seq++)
		fbuf_puts(b, PING);
}

static void piece(struct gen *g, struct fbuf *b, const struct piece *p, bool last)
{
	(void)last;
	if (p->kind == PK_REASON) {
		open_block(g, b, B_THINKING);
		delta(g, b, "thinking_delta", "thinking", p->text);
	} else if (p->kind == PK_TOOL) {
		open_block(g, b, B_TOOL);
		delta(g, b, "input_json_delta", "partial_json", p->text);
	} else {
		open_block(g, b, B_TEXT);
		delta(g, b, "text_delta", "text", p->text);
	}
	gen_account(g, p);
}

/* The server's keep-alive is an SSE comment; Anthropic's own ping event
 * comes once, after the first block opens. */
static void ping(struct gen *g, struct fbuf *b)
{
	(void)g;
	fbuf_puts(b, ":\n\n");
}

static const char *stop_reason(const struct gen *g)
{
	return g->args.len > 0 ? "tool_use" : "end_turn";
}

/* One result: the last block closes, message_delta, message_stop. */
static int finish(struct gen *g, struct fbuf *b, bool end)
{
	cJSON *o = typed("message_delta");
	cJSON *d = cJSON_AddObjectToObject(o, "delta");

	close_block(g, b);
	cJSON_AddStringToObject(d, "stop_reason", stop_reason(g));
	cJSON_AddNullToObject(d, "stop_sequence");
	cJSON_AddItemToObject(o, "usage", usage(g, false, (double)g->sent));
	sse_event(b, "message_delta", o);
	if (end)
		sse_event(b, "message_stop", typed("message_stop"));
	return 0;
}

/* llama-server: "event: error" and a bare error object, then the end.
 * "failed" plays Anthropic's own overload instead. */
static int fail(struct gen *g, struct fbuf *b, enum fail f)
{
	cJSON *o = typed("error");
	cJSON *e = cJSON_AddObjectToObject(o, "error");

	cJSON_AddStringToObject(e, "type", f == F_FAILED ? "overloaded_error" : "api_error");
	cJSON_AddStringToObject(e, "message", f == F_FAILED ? "Overloaded" : g->fl->mid_msg);
	sse_event(b, "error", o);
	return 0;
}

static cJSON *text_block(const char *type, const char *key, const char *text)
{
	cJSON *c = typed(type);

	cJSON_AddStringToObject(c, key, text);
	return c;
}

static int whole(struct gen *g)
{
	cJSON *content = cJSON_CreateArray();

	if (g->reason.len > 0) {
		cJSON *t = text_block("thinking", "thinking", g->reason.p);

		cJSON_AddStringToObject(t, "signature", SIGNATURE);
		cJSON_AddItemToArray(content, t);
	}
	if (g->args.len > 0) {
		cJSON *t = block_of(g, B_TOOL);

		cJSON_ReplaceItemInObject(t, "input", json_parse_locked(TOOL_ARGS, strlen(TOOL_ARGS)));
		cJSON_AddItemToArray(content, t);
	} else {
		cJSON_AddItemToArray(content, text_block("text", "text", g->text.p));
	}
	return gen_send_json(g, message(g, content, stop_reason(g)));
}

const struct proto proto_anthropic = {
	.dialect = D_ANTHROPIC, .check = check, .init = init, .begin = begin, .piece = piece,
	.ping = ping, .finish = finish, .fail = fail, .whole = whole,
};
