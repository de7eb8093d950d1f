/* proto-responses: POST /v1/responses, the OpenAI Responses stream as
 * llama-server and OpenAI send it (§11): "event: TYPE\ndata: JSON\n\n",
 * each JSON with its "type" and a sequence_number counting from 0; items
 * open, stream their deltas and close; response.completed ends the stream
 * and there is no [DONE]. */
#include "proto.h"

#include <stdio.h>
#include <string.h>

enum { I_NONE, I_REASONING, I_MESSAGE, I_CALL };

static const char *str(const struct fbuf *f)
{
	return f->p ? f->p : "";
}

/* The text an item has said so far. */
static const char *item_text(const struct gen *g, int kind)
{
	return str(kind == I_REASONING ? &g->reason : kind == I_CALL ? &g->args : &g->text);
}

static cJSON *ev(const char *type)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "type", type);
	return o;
}

/* sequence_number goes last, as OpenAI writes it. */
static void emit(struct gen *g, struct fbuf *b, cJSON *o)
{
	const char *type = cJSON_GetStringValue(cJSON_GetObjectItem(o, "type"));
	char t[64];

	snprintf(t, sizeof t, "%s", type);
	cJSON_AddNumberToObject(o, "sequence_number", g->seq++);
	sse_event(b, t, o);
}

/* Item ids share the response id's random part. */
static void item_id(const struct gen *g, int kind, char *dst, size_t n)
{
	const char *pfx = kind == I_REASONING ? "rs_" : kind == I_CALL ? "fc_" : "msg_";

	snprintf(dst, n, "%s%s", pfx, g->id + 5);
}

static void init(struct gen *g)
{
	memcpy(g->id, "resp_", 5);
	rand_hex(g->id + 5, 48);
	memcpy(g->call, "call_", 5);
	rand_alnum(g->call + 5, 24);
}

static cJSON *part(int kind, const char *text)
{
	cJSON *p = ev(kind == I_REASONING ? "reasoning_text" : "output_text");

	if (kind == I_MESSAGE)
		cJSON_AddItemToObject(p, "annotations", cJSON_CreateArray());
	cJSON_AddStringToObject(p, "text", text);
	return p;
}

/* An output item; done false gives the in-progress form of output_item.added. */
static cJSON *item(const struct gen *g, int kind, bool done)
{
	static const char *const types[] = {"", "reasoning", "message", "function_call"};
	cJSON *it = cJSON_CreateObject();
	char id[80];

	item_id(g, kind, id, sizeof id);
	cJSON_AddStringToObject(it, "id", id);
	cJSON_AddStringToObject(it, "type", types[kind]);
	if (kind == I_REASONING)
		cJSON_AddItemToObject(it, "summary", cJSON_CreateArray());
	else
		cJSON_AddStringToObject(it, "status", done ? "completed" : "in_progress");
	if (kind == I_CALL) {
		cJSON_AddStringToObject(it, "call_id", g->call);
		cJSON_AddStringToObject(it, "name", TOOL_NAME);
		cJSON_AddStringToObject(it, "arguments", done ? str(&g->args) : "");
		return it;
	}
	cJSON *content = cJSON_AddArrayToObject(it, "content");

	if (done)
		cJSON_AddItemToArray(content, part(kind, item_text(g, kind)));
	if (kind == I_MESSAGE)
		cJSON_AddStringToObject(it, "role", "assistant");
	return it;
}

static cJSON *usage(const struct gen *g)
{
	cJSON *u = cJSON_CreateObject();

	cJSON_AddNumberToObject(u, "input_tokens", g->prompt_n);
	cJSON_AddNumberToObject(u, "output_tokens", (double)g->sent);
	cJSON_AddNumberToObject(u, "total_tokens", (double)g->sent + g->prompt_n);
	return u;
}

/* The items said so far, complete (our scripts say reasoning, then a
 * message or a call). */
static cJSON *outputs(const struct gen *g)
{
	cJSON *out = cJSON_CreateArray();

	if (g->reason.len > 0)
		cJSON_AddItemToArray(out, item(g, I_REASONING, true));
	if (g->args.len > 0)
		cJSON_AddItemToArray(out, item(g, I_CALL, true));
	else if (g->text.len > 0 || g->reason.len == 0)
		cJSON_AddItemToArray(out, item(g, I_MESSAGE, true));
	return out;
}

static cJSON *response(const struct gen *g, const char *status)
{
	cJSON *r = cJSON_CreateObject();
	bool done = strcmp(status, "completed") == 0;

	cJSON_AddStringToObject(r, "id", g->id);
	cJSON_AddStringToObject(r, "object", "response");
	cJSON_AddNumberToObject(r, "created_at", (double)g->created);
	cJSON_AddStringToObject(r, "status", status);
	cJSON_AddStringToObject(r, "model", g->model);
	cJSON_AddItemToObject(r, "output", done ? outputs(g) : cJSON_CreateArray());
	if (strcmp(status, "completed") == 0)
		cJSON_AddItemToObject(r, "usage", usage(g));
	else
		cJSON_AddNullToObject(r, "usage");
	return r;
}

static void response_event(struct gen *g, struct fbuf *b, const char *type, cJSON *resp)
{
	cJSON *o = ev(type);

	cJSON_AddItemToObject(o, "response", resp);
	emit(g, b, o);
}

static void begin(struct gen *g, struct fbuf *b)
{
	response_event(g, b, "response.created", response(g, "in_progress"));
	response_event(g, b, "response.in_progress", response(g, "in_progress"));
}

/* item_id, output_index and (but for calls) content_index 0. */
static cJSON *at_item(struct gen *g, const char *type)
{
	cJSON *o = ev(type);
	char id[80];

	item_id(g, g->block, id, sizeof id);
	cJSON_AddStringToObject(o, "item_id", id);
	cJSON_AddNumberToObject(o, "output_index", g->index);
	if (g->block != I_CALL)
		cJSON_AddNumberToObject(o, "content_index", 0);
	return o;
}

static void item_event(struct gen *g, struct fbuf *b, const char *type, bool done)
{
	cJSON *o = ev(type);

	cJSON_AddNumberToObject(o, "output_index", g->index);
	cJSON_AddItemToObject(o, "item", item(g, g->block, done));
	emit(g, b, o);
}

static void part_event(struct gen *g, struct fbuf *b, const char *type, const char *text)
{
	cJSON *o = at_item(g, type);

	cJSON_AddItemToObject(o, "part", part(g->block, text));
	emit(g, b, o);
}

static void close_item(struct gen *g, struct fbuf *b)
{
	int k = g->block;
	cJSON *o;

	if (k == I_NONE)
		return;
	if (k == I_CALL) {
		o = at_item(g, "response.function_call_arguments.done");
		cJSON_AddStringToObject(o, "arguments", item_text(g, k));
	} else {
		o = at_item(g, k == I_REASONING ? "response.reasoning_text.done"
						: "response.output_text.done");
		cJSON_AddStringToObject(o, "text", item_text(g, k));
	}
	emit(g, b, o);
	if (k != I_CALL)
		part_event(g, b, "response.content_part.done", item_text(g, k));
	item_event(g, b, "response.output_item.done", true);
	g->block = I_NONE;
	g->index++;
}

static void open_item(struct gen *g, struct fbuf *b, int kind)
{
	if (g->block == kind)
		return;
	close_item(g, b);
	g->block = kind;
	item_event(g, b, "response.output_item.added", false);
	if (kind != I_CALL)
		part_event(g, b, "response.content_part.added", "");
}

static void piece(struct gen *g, struct fbuf *b, const struct piece *p, bool last)
{
	static const char *const types[] = {
		[PK_TEXT] = "response.output_text.delta",
		[PK_REASON] = "response.reasoning_text.delta",
		[PK_TOOL] = "response.function_call_arguments.delta",
	};
	cJSON *o;

	(void)last;
	open_item(g, b, p->kind == PK_REASON ? I_REASONING : p->kind == PK_TOOL ? I_CALL
										: I_MESSAGE);
	gen_account(g, p);
	o = at_item(g, types[p->kind]);
	cJSON_AddStringToObject(o, "delta", p->text);
	emit(g, b, o);
}

static void ping(struct gen *g, struct fbuf *b)
{
	(void)g;
	fbuf_puts(b, ":\n\n");
}

static int finish(struct gen *g, struct fbuf *b, bool end)
{
	close_item(g, b);
	if (end)
		response_event(g, b, "response.completed", response(g, "completed"));
	return 0;
}

/* "failed" ends the response as failed; the other failures are an error event. */
static int fail(struct gen *g, struct fbuf *b, enum fail f)
{
	cJSON *o, *e;

	if (f == F_FAILED) {
		o = response(g, "failed");
		e = cJSON_AddObjectToObject(o, "error");
		cJSON_AddStringToObject(e, "code", "server_error");
		cJSON_AddStringToObject(e, "message", g->fl->mid_msg);
		response_event(g, b, "response.failed", o);
		return 0;
	}
	o = ev("error");
	cJSON_AddStringToObject(o, "code", "server_error");
	cJSON_AddStringToObject(o, "message", g->fl->mid_msg);
	cJSON_AddNullToObject(o, "param");
	emit(g, b, o);
	return 0;
}

static int whole(struct gen *g)
{
	return gen_send_json(g, response(g, "completed"));
}

const struct proto proto_responses = {
	.dialect = D_FLAVOR, .init = init, .begin = begin, .piece = piece, .ping = ping,
	.finish = finish, .fail = fail, .whole = whole,
};
