/* anthropic: Anthropic Messages API request bodies and stream events.
 *
 * POST /v1/messages with stream: true answers with named SSE events:
 * message_start, then per content block content_block_start, _delta...,
 * _stop, then message_delta (stop reason, output tokens) and message_stop.
 * There is no [DONE]. Served by Anthropic, llama-server, vLLM, Ollama and
 * LM Studio. A mid-stream error is `event: error` carrying
 * {"type":"error","error":{"type":...,"message":...}} (Anthropic) or a bare
 * {"code":...,"message":...,"type":...} (llama-server, PROTOCOLS.md §11). */
#include <cJSON.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "gateway/httperr.h"
#include "gateway/proto.h"
#include "gateway/protoutil.h"

/* max_tokens is required by the Messages API. When the user set no limit,
 * 4096 is asked: every Anthropic model accepts it, and it is long enough
 * for a whole file of code; local servers cap it at their context anyway. */
#define ANTHROPIC_DEFAULT_MAX_TOKENS 4096

static char *anthropic_request_body(const struct gateway_request *req)
{
	cJSON *root = cJSON_CreateObject();
	char *system = proto_system_text(req);
	long max_tokens = req->max_tokens > 0 ? req->max_tokens : ANTHROPIC_DEFAULT_MAX_TOKENS;

	/* Anthropic requires a model; llama-server, vLLM and Ollama accept any
	 * name for their loaded model. */
	const char *model = req->model && req->model[0] ? req->model : "default";
	cJSON_AddStringToObject(root, "model", model);
	cJSON_AddNumberToObject(root, "max_tokens", (double)max_tokens);
	if (system)
		cJSON_AddStringToObject(root, "system", system);
	free(system);
	cJSON_AddItemToObject(root, "messages", proto_messages(req, 0));
	cJSON_AddBoolToObject(root, "stream", 1);
	/* The Messages API takes 0 to 1; local servers accept that range too. */
	cJSON_AddNumberToObject(root, "temperature", req->temperature > 1 ? 1.0 : req->temperature);
	return proto_print(root);
}

/* One readable line, "type: message", from an error value: a string, an
 * object with type and message, or llama-server's {code, message, type}. */
static char *anthropic_describe(const cJSON *error)
{
	if (cJSON_IsString(error))
		return xstrdup(httperr_snippet(error->valuestring, strlen(error->valuestring)));
	return proto_error_line(proto_string(error, "type"), proto_string(error, "message"));
}

static int anthropic_index(const cJSON *root)
{
	long index = proto_long(root, "index");

	return index >= 0 && index <= INT_MAX ? (int)index : 0;
}

/* A tool_use block's input object as the arguments text. */
static void anthropic_tool_input(struct gw_stream *s, int index, const cJSON *input)
{
	char *args = cJSON_IsObject(input) ? cJSON_PrintUnformatted(input) : NULL;

	gw_stream_tool_call(s, index, NULL, NULL, args, args ? strlen(args) : 0);
	free(args);
}

/* A content block: whole in a whole answer, empty at content_block_start
 * of a stream (where a tool_use's input is always {} and its arguments
 * follow as input_json_delta, so with_input is 0 there). */
static void anthropic_block(struct gw_stream *s, int index, const cJSON *block, int with_input)
{
	const char *type = proto_string(block, "type");
	const cJSON *input = cJSON_GetObjectItemCaseSensitive(block, "input");

	if (type == NULL)
		return;
	if (strcmp(type, "text") == 0) {
		proto_text(s, cJSON_GetObjectItemCaseSensitive(block, "text"));
	} else if (strcmp(type, "thinking") == 0) {
		proto_reasoning(s, cJSON_GetObjectItemCaseSensitive(block, "thinking"));
	} else if (strcmp(type, "tool_use") == 0) {
		const char *id = proto_string(block, "id"), *name = proto_string(block, "name");
		gw_stream_tool_call(s, index, id, name, NULL, 0);
		if (with_input)
			anthropic_tool_input(s, index, input);
	}
}

static void anthropic_usage(struct gw_stream *s, const cJSON *usage)
{
	if (cJSON_IsObject(usage))
		gw_stream_usage(s, proto_long(usage, "input_tokens"),
				proto_long(usage, "output_tokens"));
}

static void anthropic_message_start(struct gw_stream *s, const cJSON *root)
{
	const cJSON *message = cJSON_GetObjectItemCaseSensitive(root, "message");
	const cJSON *usage = cJSON_GetObjectItemCaseSensitive(message, "usage");

	gw_stream_model(s, proto_string(message, "model"));
	/* Only the prompt count: output_tokens here is a placeholder (1 at
	 * Anthropic, 0 at llama-server); message_delta brings the real one. */
	gw_stream_usage(s, proto_long(usage, "input_tokens"), -1);
}

static void anthropic_block_start(struct gw_stream *s, const cJSON *root)
{
	anthropic_block(s, anthropic_index(root),
			cJSON_GetObjectItemCaseSensitive(root, "content_block"), 0);
}

static void anthropic_block_delta(struct gw_stream *s, const cJSON *root)
{
	const cJSON *delta = cJSON_GetObjectItemCaseSensitive(root, "delta");
	const char *type = proto_string(delta, "type");
	const char *json;

	if (type == NULL)
		return;
	if (strcmp(type, "text_delta") == 0)
		proto_text(s, cJSON_GetObjectItemCaseSensitive(delta, "text"));
	else if (strcmp(type, "thinking_delta") == 0)
		proto_reasoning(s, cJSON_GetObjectItemCaseSensitive(delta, "thinking"));
	else if (strcmp(type, "input_json_delta") == 0 &&
		 (json = proto_string(delta, "partial_json")) != NULL)
		gw_stream_tool_call(s, anthropic_index(root), NULL, NULL, json, strlen(json));
	/* signature_delta, citations_delta: nothing to show. */
}

static void anthropic_message_delta(struct gw_stream *s, const cJSON *root)
{
	const cJSON *delta = cJSON_GetObjectItemCaseSensitive(root, "delta");

	gw_stream_finish(s, proto_string(delta, "stop_reason"));
	anthropic_usage(s, cJSON_GetObjectItemCaseSensitive(root, "usage"));
}

static void anthropic_message_stop(struct gw_stream *s, const cJSON *root)
{
	(void)root;
	gw_stream_complete(s);
}

/* Events that matter; ping and content_block_stop carry nothing. */
#define ANTHROPIC_EVENT_COUNT (sizeof anthropic_events / sizeof anthropic_events[0])

static const struct proto_event anthropic_events[] = {
	{ "message_start", anthropic_message_start },
	{ "content_block_start", anthropic_block_start },
	{ "content_block_delta", anthropic_block_delta },
	{ "message_delta", anthropic_message_delta },
	{ "message_stop", anthropic_message_stop },
};


/* The error root reports: its "error" member, or root itself for an
 * `event: error` whose data is the bare error object. */
static void anthropic_error(struct gw_stream *s, const cJSON *root)
{
	const cJSON *error = cJSON_GetObjectItemCaseSensitive(root, "error");

	gw_stream_error(s, anthropic_describe(proto_has_error(root) ? error : root));
}

static int anthropic_on_event(struct gw_stream *s, const char *type, const char *data, size_t len)
{
	if (len == 0)
		return 0;
	/* Not part of this protocol, but some proxies append it; the end
	 * marker stays message_stop. */
	if (strcmp(data, "[DONE]") == 0)
		return 0;
	cJSON *root = proto_parse_event(s, data, len);
	if (root == NULL)
		return 1;
	const char *kind = proto_event_kind(type, root);
	if (proto_has_error(root) || (kind != NULL && strcmp(kind, "error") == 0))
		anthropic_error(s, root);
	else
		proto_dispatch(anthropic_events, ANTHROPIC_EVENT_COUNT, s, kind, root);
	cJSON_Delete(root);
	return s->error != NULL;
}

static void anthropic_parse_whole(struct gw_stream *s, const char *body, size_t len)
{
	cJSON *root = proto_parse_whole(s, body, len);
	const char *type = root ? proto_string(root, "type") : NULL;
	const cJSON *block;
	int index = 0;

	if (root == NULL)
		return;
	if (proto_has_error(root) || (type != NULL && strcmp(type, "error") == 0)) {
		anthropic_error(s, root);
		cJSON_Delete(root);
		return;
	}
	gw_stream_model(s, proto_string(root, "model"));
	cJSON_ArrayForEach(block, cJSON_GetObjectItemCaseSensitive(root, "content"))
		anthropic_block(s, index++, block, 1);
	gw_stream_finish(s, proto_string(root, "stop_reason"));
	anthropic_usage(s, cJSON_GetObjectItemCaseSensitive(root, "usage"));
	gw_stream_complete(s);
	cJSON_Delete(root);
}

const struct gw_proto gw_proto_anthropic = {
	.name = "anthropic",
	.path = "/v1/messages",
	.framing = GW_FRAMING_SSE,
	.auth = GW_AUTH_X_API_KEY,
	.extra_header = "anthropic-version: 2023-06-01",
	.request_body = anthropic_request_body,
	.on_event = anthropic_on_event,
	.parse_whole = anthropic_parse_whole,
};
