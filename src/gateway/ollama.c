/* ollama: Ollama's native chat API request bodies and stream lines.
 *
 * POST /api/chat streams NDJSON (application/x-ndjson, PROTOCOLS.md §6.1):
 * one object per line with a piece of message.content / message.thinking,
 * tool calls whole in one line with their arguments as a JSON object, and
 * a last line with done: true, done_reason and the token counts. An error
 * after the stream began is one {"error":"..."} line (§6.2). */
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "gateway/httperr.h"
#include "gateway/ndjson.h"
#include "gateway/proto.h"
#include "gateway/protoutil.h"

static char *ollama_request_body(const struct gateway_request *req)
{
	cJSON *root = cJSON_CreateObject();

	/* The worker always names the model; an empty one is still sent so
	 * that Ollama's own "model is required" explains the problem. */
	cJSON_AddStringToObject(root, "model", req->model ? req->model : "");
	cJSON_AddItemToObject(root, "messages", proto_messages(req, 1));
	cJSON_AddBoolToObject(root, "stream", 1);
	cJSON *options = cJSON_AddObjectToObject(root, "options");
	cJSON_AddNumberToObject(options, "temperature", req->temperature);
	/* Without num_ctx Ollama loads the model with its default context
	 * (2048 to 4096 tokens, by version) and silently drops the start of
	 * a longer prompt. */
	if (req->context > 0)
		cJSON_AddNumberToObject(options, "num_ctx", (double)req->context);
	if (req->max_tokens > 0)
		cJSON_AddNumberToObject(options, "num_predict", (double)req->max_tokens);
	return proto_print(root);
}

/* Tool calls arrive whole, without an index: each one is the next call of
 * the answer. The arguments are a JSON object (a string from some
 * proxies), passed on as unformatted JSON text. */
static void ollama_read_tool_calls(struct gw_stream *s, const cJSON *calls)
{
	const cJSON *call;

	cJSON_ArrayForEach(call, calls) {
		const cJSON *fn = cJSON_GetObjectItemCaseSensitive(call, "function");
		const cJSON *arguments = cJSON_GetObjectItemCaseSensitive(fn, "arguments");
		char *args = NULL;

		if (cJSON_IsString(arguments))
			args = xstrdup(arguments->valuestring);
		else if (arguments != NULL)
			args = cJSON_PrintUnformatted(arguments);
		gw_stream_tool_call(s, (int)s->ncalls, proto_string(call, "id"),
				    proto_string(fn, "name"), args, args ? strlen(args) : 0);
		free(args);
	}
}

/* The last line: finish reason and token counts. Ollama says "stop" also
 * after a tool call; its OpenAI layer reports "tool_calls" then, and so
 * does this. */
static void ollama_read_done(struct gw_stream *s, const cJSON *root)
{
	const char *reason = proto_string(root, "done_reason");

	if (reason == NULL || reason[0] == '\0')
		reason = "stop";
	if (s->ncalls > 0 && strcmp(reason, "stop") == 0)
		reason = "tool_calls";
	gw_stream_finish(s, reason);
	gw_stream_usage(s, proto_long(root, "prompt_eval_count"), proto_long(root, "eval_count"));
	gw_stream_complete(s);
}

static void ollama_read_object(struct gw_stream *s, const cJSON *root)
{
	const cJSON *message = cJSON_GetObjectItemCaseSensitive(root, "message");

	if (proto_has_error(root)) {
		gw_stream_error(s, httperr_describe_json(root));
		return;
	}
	gw_stream_model(s, proto_string(root, "model"));
	if (cJSON_IsObject(message)) {
		proto_reasoning(s, cJSON_GetObjectItemCaseSensitive(message, "thinking"));
		proto_text(s, cJSON_GetObjectItemCaseSensitive(message, "content"));
		const cJSON *calls = cJSON_GetObjectItemCaseSensitive(message, "tool_calls");
		if (cJSON_IsArray(calls))
			ollama_read_tool_calls(s, calls);
	}
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "done")))
		ollama_read_done(s, root);
}

/* One NDJSON line (type is ""). */
static int ollama_on_event(struct gw_stream *s, const char *type, const char *data, size_t len)
{
	(void)type;
	if (len == 0)
		return 0;
	cJSON *root = proto_parse_event(s, data, len);
	if (root == NULL)
		return 1;
	ollama_read_object(s, root);
	cJSON_Delete(root);
	return s->error != NULL;
}

/* One line of a whole body. */
static int ollama_whole_line(void *ctx, const char *line, size_t len)
{
	struct gw_stream *s = ctx;
	cJSON *root = proto_parse_whole(s, line, len);

	if (root == NULL)
		return 1;
	ollama_read_object(s, root);
	cJSON_Delete(root);
	return s->error != NULL;
}

/* Only JSON whitespace in [p, end)? */
static int ollama_only_space(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p == end;
}

/* "stream": false, or a server that ignored it: one object with done:
 * true. A body labelled JSON that is really the NDJSON stream (proxies do
 * that) is read line by line: cJSON alone would stop after the first. */
static void ollama_parse_whole(struct gw_stream *s, const char *body, size_t len)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(body, len, &end, 0);
	struct ndjson_parser p;

	if (root != NULL && ollama_only_space(end, body + len)) {
		ollama_read_object(s, root);
		cJSON_Delete(root);
		return;
	}
	cJSON_Delete(root);
	if (ollama_only_space(body, body + len)) {
		cJSON_Delete(proto_parse_whole(s, body, len)); /* records "empty" */
		return;
	}
	ndjson_init(&p, 0, ollama_whole_line, s);
	if (ndjson_feed(&p, body, len) == NDJSON_OK)
		ndjson_feed(&p, "\n", 1); /* the last line may lack its newline */
	ndjson_finish(&p);
	ndjson_free(&p);
}

const struct gw_proto gw_proto_ollama = {
	.name = "ollama",
	.path = "/api/chat",
	.framing = GW_FRAMING_NDJSON,
	.auth = GW_AUTH_BEARER,
	.request_body = ollama_request_body,
	.on_event = ollama_on_event,
	.parse_whole = ollama_parse_whole,
};
