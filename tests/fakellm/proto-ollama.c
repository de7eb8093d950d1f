/* proto-ollama: POST /api/chat, Ollama's native stream (§6.1): NDJSON, one
 * compact Go-marshalled object and "\n" per token, a done:true object with
 * the metrics in nanoseconds to end, a bare {"error":…} line on failure.
 * Streams unless the request says "stream": false. */
#include "proto.h"

#include <string.h>

static void init(struct gen *g)
{
	(void)g;
}

static void begin(struct gen *g, struct fbuf *b)
{
	(void)g;
	(void)b;
}

static cJSON *message(const char *content)
{
	cJSON *m = cJSON_CreateObject();

	cJSON_AddStringToObject(m, "role", "assistant");
	cJSON_AddStringToObject(m, "content", content);
	return m;
}

/* ChatResponse field order: model, created_at, message, done_reason, done. */
static cJSON *response(const struct gen *g, cJSON *msg, bool done)
{
	cJSON *o = cJSON_CreateObject();
	char at[64];

	io_rfc3339(at, sizeof at);
	cJSON_AddStringToObject(o, "model", g->model);
	cJSON_AddStringToObject(o, "created_at", at);
	cJSON_AddItemToObject(o, "message", msg);
	if (done)
		cJSON_AddStringToObject(o, "done_reason", "stop");
	cJSON_AddBoolToObject(o, "done", done);
	return o;
}

/* Go's omitempty drops zero metrics, so a zero never appears. */
static void metric(cJSON *o, const char *key, double v)
{
	if (v >= 1)
		cJSON_AddNumberToObject(o, key, (double)(long long)v);
}

static void add_metrics(const struct gen *g, cJSON *o)
{
	double now = io_now_ms();

	metric(o, "total_duration", (now - g->t0) * 1e6 + 1);
	metric(o, "load_duration", (g->t_load - g->t0) * 1e6 + 1);
	metric(o, "prompt_eval_count", g->prompt_n);
	metric(o, "prompt_eval_duration", (g->t_first - g->t_load) * 1e6 + 1);
	metric(o, "eval_count", (double)g->sent);
	metric(o, "eval_duration", (now - g->t_first) * 1e6 + 1);
}

/* {"function":{"name":…,"arguments":{…}}}: the arguments are an object. */
static cJSON *tool_calls(void)
{
	cJSON *arr = cJSON_CreateArray();
	cJSON *tc = cJSON_CreateObject();
	cJSON *fn = cJSON_AddObjectToObject(tc, "function");

	cJSON_AddStringToObject(fn, "name", TOOL_NAME);
	cJSON_AddItemToObject(fn, "arguments", json_parse_locked(TOOL_ARGS, strlen(TOOL_ARGS)));
	cJSON_AddItemToArray(arr, tc);
	return arr;
}

/* The call arrives whole with its first fragment; the others add nothing. */
static void piece(struct gen *g, struct fbuf *b, const struct piece *p, bool last)
{
	cJSON *m;

	(void)last;
	gen_account(g, p);
	if (p->kind == PK_TOOL && p->frag != 0)
		return;
	m = message(p->kind == PK_TEXT ? p->text : "");
	if (p->kind == PK_REASON)
		cJSON_AddStringToObject(m, "thinking", p->text);
	else if (p->kind == PK_TOOL)
		cJSON_AddItemToObject(m, "tool_calls", tool_calls());
	ndjson_line(b, response(g, m, false));
}

/* Ollama has no keep-alive: a "ping" is nothing at all. */
static void ping(struct gen *g, struct fbuf *b)
{
	(void)g;
	(void)b;
}

static int finish(struct gen *g, struct fbuf *b, bool end)
{
	cJSON *o;

	if (!end)
		return 0;
	o = response(g, message(""), true);
	add_metrics(g, o);
	ndjson_line(b, o);
	return 0;
}

static int fail(struct gen *g, struct fbuf *b, enum fail f)
{
	cJSON *o = cJSON_CreateObject();

	(void)f;
	cJSON_AddStringToObject(o, "error", g->fl->mid_msg);
	ndjson_line(b, o);
	return 0;
}

static int whole(struct gen *g)
{
	cJSON *m = message(g->args.len > 0 ? "" : g->text.p);
	cJSON *o;

	if (g->reason.len > 0)
		cJSON_AddStringToObject(m, "thinking", g->reason.p);
	if (g->args.len > 0)
		cJSON_AddItemToObject(m, "tool_calls", tool_calls());
	o = response(g, m, true);
	add_metrics(g, o);
	return gen_send_json(g, o);
}

const struct proto proto_ollama = {
	.dialect = D_OLLAMA, .ndjson = true, .stream_default = true,
	.ctype = "application/x-ndjson", .init = init, .begin = begin, .piece = piece,
	.ping = ping, .finish = finish, .fail = fail, .whole = whole,
};
