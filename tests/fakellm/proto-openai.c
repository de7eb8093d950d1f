/* proto-openai: /v1/chat/completions as llama-server b8291 writes it
 * (PROTOCOLS.md §3.4, §3.8, §11), plus the pieces every chat shape shares:
 * usage, tool-call deltas and the whole-answer message. */
#include "proto.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DONE "data: [DONE]\n\n"
#define LEGACY_ERROR                                                                   \
	"error: {\"code\":400,\"message\":\"the request exceeds the available context " \
	"size. try increasing the context size or enable context shift\","              \
	"\"type\":\"invalid_request_error\"}\n\n"
#define VLLM_ERROR                                                                     \
	"data: {\"error\":{\"message\":\"This model's maximum context length is 32768 "  \
	"tokens. However, you requested 39197 tokens in the messages, Please reduce the " \
	"length of the messages. None\",\"type\":\"BadRequestError\",\"param\":null,"     \
	"\"code\":400}}\n\n"

cJSON *oai_usage(const struct gen *g)
{
	cJSON *u = cJSON_CreateObject();

	cJSON_AddNumberToObject(u, "completion_tokens", (double)g->sent);
	cJSON_AddNumberToObject(u, "prompt_tokens", g->prompt_n);
	cJSON_AddNumberToObject(u, "total_tokens", (double)g->sent + g->prompt_n);
	return u;
}

const char *oai_finish_reason(const struct gen *g)
{
	return g->args.len > 0 ? "tool_calls" : "stop";
}

/* The first fragment of a call: index, id, type, name, empty arguments. */
cJSON *oai_tool_head(const struct gen *g)
{
	cJSON *arr = cJSON_CreateArray();
	cJSON *tc = cJSON_CreateObject();
	cJSON *fn;

	cJSON_AddNumberToObject(tc, "index", 0);
	cJSON_AddStringToObject(tc, "id", g->call);
	cJSON_AddStringToObject(tc, "type", "function");
	fn = cJSON_AddObjectToObject(tc, "function");
	cJSON_AddStringToObject(fn, "name", TOOL_NAME);
	cJSON_AddStringToObject(fn, "arguments", "");
	cJSON_AddItemToArray(arr, tc);
	return arr;
}

/* A later fragment: index and an arguments piece only. */
cJSON *oai_tool_args(const char *args)
{
	cJSON *arr = cJSON_CreateArray();
	cJSON *tc = cJSON_CreateObject();

	cJSON_AddNumberToObject(tc, "index", 0);
	cJSON_AddStringToObject(cJSON_AddObjectToObject(tc, "function"), "arguments", args);
	cJSON_AddItemToArray(arr, tc);
	return arr;
}

/* The assistant message of a whole answer: content, the reasoning under
 * reasoning_key, the tool call with its arguments complete. */
cJSON *oai_message(const struct gen *g, const char *reasoning_key)
{
	cJSON *msg = cJSON_CreateObject();

	cJSON_AddStringToObject(msg, "role", "assistant");
	if (g->args.len > 0) {
		cJSON *calls = oai_tool_head(g);
		cJSON *call = cJSON_GetArrayItem(calls, 0);
		cJSON *fn = cJSON_GetObjectItem(call, "function");

		cJSON_DeleteItemFromObject(call, "index"); /* deltas only */
		cJSON_AddNullToObject(msg, "content");
		cJSON_ReplaceItemInObject(fn, "arguments", cJSON_CreateString(g->args.p));
		cJSON_AddItemToObject(msg, "tool_calls", calls);
	} else {
		cJSON_AddStringToObject(msg, "content", g->text.p ? g->text.p : "");
	}
	if (g->reason.len > 0)
		cJSON_AddStringToObject(msg, reasoning_key, g->reason.p);
	return msg;
}

/* Key order as llama-server emits it: choices, created, id, model,
 * system_fingerprint, object (then usage, timings). Like llama-server,
 * "created" is read per chunk, so a long stream may see it change. */
static cJSON *chunk_new(const struct gen *g, cJSON *choices)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddItemToObject(o, "choices", choices);
	cJSON_AddNumberToObject(o, "created", (double)time(NULL));
	cJSON_AddStringToObject(o, "id", g->id);
	cJSON_AddStringToObject(o, "model", g->model);
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

static void delta(struct fbuf *b, const struct gen *g, const char *key, cJSON *value)
{
	cJSON *d = cJSON_CreateObject();

	cJSON_AddItemToObject(d, key, value);
	sse_data(b, chunk_new(g, choices_one(NULL, "delta", d)));
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

static cJSON *timings_new(const struct gen *g, double t_end)
{
	cJSON *t = cJSON_CreateObject();

	cJSON_AddNumberToObject(t, "cache_n", 0);
	add_rates(t, "prompt", g->prompt_n, gen_ms3(g->t_first - g->t0));
	add_rates(t, "predicted", (int)g->sent, gen_ms3(t_end - g->t_first));
	return t;
}

static void init(struct gen *g)
{
	memcpy(g->id, "chatcmpl-", 9);
	rand_alnum(g->id + 9, 32);
	memcpy(g->call, "call_", 5);
	rand_alnum(g->call + 5, 24);
}

/* {"role":"assistant","content":null}: llama-server's opening chunk. */
static void begin(struct gen *g, struct fbuf *b)
{
	cJSON *d = cJSON_CreateObject();

	cJSON_AddStringToObject(d, "role", "assistant");
	cJSON_AddNullToObject(d, "content");
	sse_data(b, chunk_new(g, choices_one(NULL, "delta", d)));
}

static void piece(struct gen *g, struct fbuf *b, const struct piece *p, bool last)
{
	(void)last;
	if (p->kind == PK_TOOL && p->frag == 0)
		delta(b, g, "tool_calls", oai_tool_head(g));
	if (p->kind == PK_TOOL)
		delta(b, g, "tool_calls", oai_tool_args(p->text));
	else
		delta(b, g, p->kind == PK_REASON ? "reasoning_content" : "content",
		      cJSON_CreateString(p->text));
	gen_account(g, p);
}

static void ping(struct gen *g, struct fbuf *b)
{
	(void)g;
	fbuf_puts(b, ":\n\n");
}

/* One internal result, one HTTP chunk: the finish chunk and, when asked for,
 * the usage chunk; timings ride on whichever is last. [DONE] on its own. */
static int finish(struct gen *g, struct fbuf *b, bool end)
{
	cJSON *last = chunk_new(g, choices_one(oai_finish_reason(g), "delta", cJSON_CreateObject()));
	int r;

	if (g->usage) {
		sse_data(b, last);
		last = chunk_new(g, cJSON_CreateArray());
		cJSON_AddItemToObject(last, "usage", oai_usage(g));
	}
	cJSON_AddItemToObject(last, "timings", timings_new(g, io_now_ms()));
	sse_data(b, last);
	r = gen_flush(g, b);
	if (r == 0 && end)
		fbuf_puts(b, DONE);
	return r;
}

static void llama_error(struct fbuf *b, const char *msg)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *e = cJSON_AddObjectToObject(o, "error");

	cJSON_AddNumberToObject(e, "code", 500);
	cJSON_AddStringToObject(e, "message", msg);
	cJSON_AddStringToObject(e, "type", "server_error");
	sse_data(b, o);
}

/* After PR #16109 an error is a data event and the stream ends without
 * [DONE]; before it, an "error:" field and [DONE]. */
static int fail(struct gen *g, struct fbuf *b, enum fail f)
{
	int r;

	if (f == F_MID || f == F_FAILED) {
		llama_error(b, g->fl->mid_msg);
		return 0;
	}
	fbuf_puts(b, f == F_LEGACY ? LEGACY_ERROR : VLLM_ERROR);
	r = gen_flush(g, b);
	fbuf_puts(b, DONE);
	return r;
}

/* The answer to "stream": false (to_json_oaicompat_chat). */
static int whole(struct gen *g)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *t = timings_new(g, io_now_ms());

	cJSON_AddItemToObject(o, "choices",
			      choices_one(oai_finish_reason(g), "message",
					  oai_message(g, "reasoning_content")));
	cJSON_AddNumberToObject(o, "created", (double)g->created);
	cJSON_AddStringToObject(o, "model", g->model);
	cJSON_AddStringToObject(o, "system_fingerprint", FL_FINGERPRINT);
	cJSON_AddStringToObject(o, "object", "chat.completion");
	cJSON_AddItemToObject(o, "usage", oai_usage(g));
	cJSON_AddStringToObject(o, "id", g->id);
	cJSON_AddItemToObject(o, "timings", t);
	return gen_send_json(g, o);
}

const struct proto proto_chat_llama = {
	.dialect = D_FLAVOR, .chat = true, .init = init, .begin = begin, .piece = piece,
	.ping = ping, .finish = finish, .fail = fail, .whole = whole,
};
