/* proto-compat: /v1/chat/completions as the other servers write it — vLLM
 * (§4.2), Ollama's compat layer after PR #17485 (§6.4), LM Studio (§7) and
 * TGI's Messages API (§5.4). One writer, driven by a table of the ways the
 * four differ from each other. */
#include "proto.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TGI_FINGERPRINT "3.3.6-native"
#define VLLM_ERROR                                                                     \
	"data: {\"error\":{\"message\":\"This model's maximum context length is 32768 "  \
	"tokens. However, you requested 39197 tokens in the messages, Please reduce the " \
	"length of the messages. None\",\"type\":\"BadRequestError\",\"param\":null,"     \
	"\"code\":400}}\n\n"

struct shape {
	bool tgi_keys;      /* object, id first; "usage":null on every chunk */
	bool fingerprint;   /* system_fingerprint: fp below, or the model */
	const char *fp;
	bool logprobs;      /* "logprobs":null in each choice */
	int role;           /* 0 first delta only, 1 every delta, 2 an opening chunk */
	bool inline_finish; /* finish_reason rides on the last piece */
	bool stop_reason;   /* vLLM's extra "stop_reason":null */
	bool whole_tool;    /* the call arrives complete in one delta */
	bool usage;         /* honours include_usage */
	const char *reasoning, *data, *usage_keys;
};

static const struct shape shapes[] = {
	[CH_VLLM] = {.logprobs = true, .role = 2, .inline_finish = true, .stop_reason = true,
		     .usage = true, .reasoning = "reasoning", .data = "data: ", .usage_keys = "ptc"},
	[CH_OLLAMA] = {.fingerprint = true, .fp = "fp_ollama", .whole_tool = true, .usage = true,
		       .reasoning = "reasoning", .data = "data: ", .usage_keys = "pct"},
	[CH_LMSTUDIO] = {.fingerprint = true, .logprobs = true, .role = 1,
			 .reasoning = "reasoning_content", .data = "data: ", .usage_keys = "pct"},
	[CH_TGI] = {.tgi_keys = true, .fingerprint = true, .fp = TGI_FINGERPRINT, .logprobs = true,
		    .role = 1, .inline_finish = true, .usage = true, .reasoning = NULL,
		    .data = "data:", .usage_keys = "pct"},
};

static const struct shape *shape(const struct gen *g)
{
	return &shapes[g->fl->chat];
}

/* p: prompt_tokens, c: completion_tokens, t: total_tokens, in the server's order. */
static cJSON *usage(const struct gen *g)
{
	cJSON *u = cJSON_CreateObject();

	for (const char *k = shape(g)->usage_keys; *k; k++) {
		if (*k == 'p')
			cJSON_AddNumberToObject(u, "prompt_tokens", g->prompt_n);
		else if (*k == 'c')
			cJSON_AddNumberToObject(u, "completion_tokens", (double)g->sent);
		else
			cJSON_AddNumberToObject(u, "total_tokens", (double)g->sent + g->prompt_n);
	}
	return u;
}

static cJSON *choice(const struct gen *g, const char *key, cJSON *v, const char *finish)
{
	const struct shape *sh = shape(g);
	cJSON *ch = cJSON_CreateObject();

	cJSON_AddNumberToObject(ch, "index", 0);
	cJSON_AddItemToObject(ch, key, v);
	if (sh->logprobs)
		cJSON_AddNullToObject(ch, "logprobs");
	if (finish)
		cJSON_AddStringToObject(ch, "finish_reason", finish);
	else
		cJSON_AddNullToObject(ch, "finish_reason");
	if (sh->stop_reason && finish)
		cJSON_AddNullToObject(ch, "stop_reason");
	return ch;
}

/* ch NULL: the choices:[] usage chunk. */
static cJSON *object(const struct gen *g, const char *type, cJSON *ch)
{
	const struct shape *sh = shape(g);
	cJSON *o = cJSON_CreateObject();
	cJSON *arr = cJSON_CreateArray();

	if (sh->tgi_keys)
		cJSON_AddStringToObject(o, "object", type);
	cJSON_AddStringToObject(o, "id", g->id);
	if (!sh->tgi_keys)
		cJSON_AddStringToObject(o, "object", type);
	cJSON_AddNumberToObject(o, "created", (double)g->created);
	cJSON_AddStringToObject(o, "model", g->model);
	if (sh->fingerprint)
		cJSON_AddStringToObject(o, "system_fingerprint", sh->fp ? sh->fp : g->model);
	if (ch)
		cJSON_AddItemToArray(arr, ch);
	cJSON_AddItemToObject(o, "choices", arr);
	if (sh->tgi_keys && ch)
		cJSON_AddNullToObject(o, "usage");
	return o;
}

static void emit(const struct gen *g, struct fbuf *b, cJSON *o)
{
	char *s = json_take(o);

	fbuf_printf(b, "%s%s\n\n", shape(g)->data, s);
	free(s);
}

static void emit_delta(struct gen *g, struct fbuf *b, cJSON *d, const char *finish)
{
	emit(g, b, object(g, "chat.completion.chunk", choice(g, "delta", d, finish)));
}

/* A delta with the role first where the server puts it there. */
static cJSON *delta_new(struct gen *g)
{
	const struct shape *sh = shape(g);
	cJSON *d = cJSON_CreateObject();

	if (sh->role == 1 || (sh->role == 0 && !g->block))
		cJSON_AddStringToObject(d, "role", "assistant");
	g->block = 1;
	return d;
}

static void init(struct gen *g)
{
	switch (g->fl->chat) {
	case CH_VLLM:
		memcpy(g->id, "chatcmpl-", 9);
		rand_hex(g->id + 9, 32);
		memcpy(g->call, "chatcmpl-tool-", 14);
		rand_hex(g->call + 14, 32);
		break;
	case CH_OLLAMA:
		snprintf(g->id, sizeof g->id, "chatcmpl-%d", rand() % 1000);
		memcpy(g->call, "call_", 5);
		rand_lower(g->call + 5, 8);
		break;
	case CH_LMSTUDIO:
		memcpy(g->id, "chatcmpl-", 9);
		rand_lower(g->id + 9, 20);
		snprintf(g->call, sizeof g->call, "%d", 100000000 + rand() % 900000000);
		break;
	default:
		memcpy(g->call, "call_", 5);
		rand_alnum(g->call + 5, 24);
		snprintf(g->extra, sizeof g->extra,
			 "x-compute-type: gpu+optimized\r\nx-compute-characters: %d\r\n"
			 "x-accel-buffering: no\r\n", tgi_chars(g->rq->json));
	}
}

/* vLLM opens with {"role":"assistant","content":""}, yielded (so sent)
 * on its own; a failed write shows again on the next one. */
static void begin(struct gen *g, struct fbuf *b)
{
	cJSON *d;

	if (shape(g)->role != 2)
		return;
	d = delta_new(g);
	cJSON_AddStringToObject(d, "role", "assistant");
	cJSON_AddStringToObject(d, "content", "");
	emit_delta(g, b, d, NULL);
	(void)gen_flush(g, b);
}

/* The tool call as this server streams it; NULL when this fragment adds nothing. */
static cJSON *tool_delta(struct gen *g, const struct piece *p)
{
	cJSON *calls, *d;

	if (shape(g)->whole_tool && p->frag != 0)
		return NULL;
	d = delta_new(g);
	calls = p->frag == 0 ? oai_tool_head(g) : oai_tool_args(p->text);
	if (shape(g)->whole_tool) {
		cJSON *fn = cJSON_GetObjectItem(cJSON_GetArrayItem(calls, 0), "function");

		cJSON_ReplaceItemInObject(fn, "arguments", cJSON_CreateString(TOOL_ARGS));
	}
	cJSON_AddItemToObject(d, "tool_calls", calls);
	return d;
}

static void piece(struct gen *g, struct fbuf *b, const struct piece *p, bool last)
{
	const struct shape *sh = shape(g);
	const char *finish = NULL;
	cJSON *d;

	if (p->kind == PK_REASON && !sh->reasoning)
		return; /* TGI has no reasoning field: the answer is the plain one */
	gen_account(g, p);
	if (last && sh->inline_finish) {
		finish = oai_finish_reason(g);
		g->finished = true;
	}
	if (p->kind == PK_TOOL && p->frag == 0 && !sh->whole_tool) {
		emit_delta(g, b, tool_delta(g, p), NULL);
		d = tool_delta(g, &(struct piece){.kind = PK_TOOL, .text = p->text, .frag = 1});
	} else if (p->kind == PK_TOOL) {
		if (!(d = tool_delta(g, p)))
			return;
	} else {
		d = delta_new(g);
		cJSON_AddStringToObject(d, p->kind == PK_REASON ? sh->reasoning : "content", p->text);
	}
	emit_delta(g, b, d, finish);
}

static void ping(struct gen *g, struct fbuf *b)
{
	(void)g;
	fbuf_puts(b, ":\n\n");
}

static void done(const struct gen *g, struct fbuf *b)
{
	fbuf_printf(b, "%s[DONE]\n\n", shape(g)->data);
}

/* Each server writes each of these as its own HTTP chunk. */
static int finish(struct gen *g, struct fbuf *b, bool end)
{
	const struct shape *sh = shape(g);
	int r = 0;

	if (!g->finished) {
		cJSON *d = delta_new(g);

		if (sh->role == 1 && g->fl->chat == CH_TGI)
			cJSON_AddStringToObject(d, "content", "");
		else if (sh->role == 1)
			cJSON_DeleteItemFromObject(d, "role");
		emit_delta(g, b, d, oai_finish_reason(g));
		r = gen_flush(g, b);
	}
	if (r == 0 && sh->usage && g->usage) {
		cJSON *o = object(g, "chat.completion.chunk", NULL);

		cJSON_AddItemToObject(o, "usage", usage(g));
		emit(g, b, o);
		r = gen_flush(g, b);
	}
	if (r == 0 && end)
		done(g, b);
	return r;
}

static int fail(struct gen *g, struct fbuf *b, enum fail f)
{
	enum chat_shape c = g->fl->chat;
	cJSON *o = cJSON_CreateObject();
	cJSON *e = cJSON_AddObjectToObject(o, "error");
	int r;

	if (f == F_ERROR_DONE) {
		cJSON_Delete(o);
		fbuf_puts(b, VLLM_ERROR);
		r = gen_flush(g, b);
		fbuf_puts(b, "data: [DONE]\n\n");
		return r;
	}
	cJSON_AddStringToObject(e, "message", g->fl->mid_msg);
	if (c == CH_VLLM || c == CH_OLLAMA) {
		cJSON_AddStringToObject(e, "type", c == CH_VLLM ? "InternalServerError" : "api_error");
		cJSON_AddNullToObject(e, "param");
		if (c == CH_VLLM)
			cJSON_AddNumberToObject(e, "code", 500);
		else
			cJSON_AddNullToObject(e, "code");
	} else if (c == CH_TGI) {
		cJSON_AddNumberToObject(e, "http_status_code", 422);
	}
	emit(g, b, o);
	if (c != CH_VLLM && c != CH_TGI)
		return 0;
	r = gen_flush(g, b);
	done(g, b);
	return r;
}

static int whole(struct gen *g)
{
	const char *key = shape(g)->reasoning ? shape(g)->reasoning : "reasoning";
	cJSON *o = object(g, "chat.completion",
			  choice(g, "message", oai_message(g, key), oai_finish_reason(g)));

	cJSON_DeleteItemFromObject(o, "usage");
	cJSON_AddItemToObject(o, "usage", usage(g));
	return gen_send_json(g, o);
}

/* The flavour picks the shape (struct flavor.chat). */
const struct proto proto_chat_compat = {
	.dialect = D_FLAVOR, .chat = true, .init = init, .begin = begin, .piece = piece,
	.ping = ping, .finish = finish, .fail = fail, .whole = whole,
};
