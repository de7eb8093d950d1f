/* openai: Chat Completions request bodies and stream chunks. */
#include "gateway/openai.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "gateway/httperr.h"
#include "gateway/proto.h"
#include "gateway/protoutil.h"

char *openai_request_body(const struct gateway_request *req)
{
	cJSON *root = cJSON_CreateObject();

	if (req->model && req->model[0])
		cJSON_AddStringToObject(root, "model", req->model);
	cJSON_AddItemToObject(root, "messages", proto_messages(req, 1));
	cJSON_AddBoolToObject(root, "stream", 1);
	cJSON *opts = cJSON_AddObjectToObject(root, "stream_options");
	cJSON_AddBoolToObject(opts, "include_usage", 1);
	cJSON_AddNumberToObject(root, "temperature", req->temperature);
	if (req->max_tokens > 0)
		cJSON_AddNumberToObject(root, "max_tokens", (double)req->max_tokens);
	return proto_print(root);
}

/* Tool-call fragments: id, type and name come on the first fragment of an
 * index, later ones carry only the index and a piece of the arguments. */
static void openai_read_tool_calls(struct gw_stream *s, const cJSON *calls)
{
	const cJSON *call;
	int position = 0;

	cJSON_ArrayForEach(call, calls) {
		const cJSON *fn = cJSON_GetObjectItemCaseSensitive(call, "function");
		long index = proto_long(call, "index");
		const char *args = proto_string(fn, "arguments");

		gw_stream_tool_call(s, index >= 0 ? (int)index : position, proto_string(call, "id"),
				    proto_string(fn, "name"), args, args ? strlen(args) : 0);
		position++;
	}
}

/* One choice: reasoning (either field name servers use), content, tool
 * calls, finish. body is "delta" (stream) or "message" (whole answer). */
static void openai_read_choice(struct gw_stream *s, const cJSON *choice, const char *body)
{
	const cJSON *delta = cJSON_GetObjectItemCaseSensitive(choice, body);

	if (cJSON_IsObject(delta)) {
		proto_reasoning(s, cJSON_GetObjectItemCaseSensitive(delta, "reasoning_content"));
		proto_reasoning(s, cJSON_GetObjectItemCaseSensitive(delta, "reasoning"));
		proto_text(s, cJSON_GetObjectItemCaseSensitive(delta, "content"));
		const cJSON *calls = cJSON_GetObjectItemCaseSensitive(delta, "tool_calls");
		if (cJSON_IsArray(calls))
			openai_read_tool_calls(s, calls);
	}
	gw_stream_finish(s, proto_string(choice, "finish_reason"));
}

static void openai_read_object(struct gw_stream *s, const cJSON *root, const char *body)
{
	const cJSON *choices = cJSON_GetObjectItemCaseSensitive(root, "choices");
	const cJSON *usage = cJSON_GetObjectItemCaseSensitive(root, "usage");
	const cJSON *choice;

	if (proto_has_error(root)) {
		gw_stream_error(s, httperr_describe_json(root));
		return;
	}
	gw_stream_model(s, proto_string(root, "model"));
	/* Only the first choice (n = 1); empty or missing choices are usage-only
	 * chunks, and some servers send "choices": null. */
	if (cJSON_IsArray(choices) && (choice = cJSON_GetArrayItem(choices, 0)) != NULL)
		openai_read_choice(s, choice, body);
	if (cJSON_IsObject(usage))
		gw_stream_usage(s, proto_long(usage, "prompt_tokens"),
				proto_long(usage, "completion_tokens"));
}

int openai_on_event(struct gw_stream *s, const char *type, const char *data, size_t len)
{
	if (len == 0)
		return 0; /* an empty data: line used as a keep-alive (pitfall P4) */
	if (strcmp(data, "[DONE]") == 0) {
		gw_stream_complete(s);
		return 0;
	}
	cJSON *root = proto_parse_event(s, data, len);
	if (root == NULL)
		return 1;
	if (strcmp(type, "error") == 0 && cJSON_GetObjectItem(root, "error") == NULL)
		gw_stream_error(s, httperr_describe_error_value(root)); /* bare error object */
	else
		openai_read_object(s, root, "delta");
	cJSON_Delete(root);
	return s->error != NULL;
}

void openai_parse_whole(struct gw_stream *s, const char *body, size_t len)
{
	cJSON *root = proto_parse_whole(s, body, len);

	if (root == NULL)
		return;
	openai_read_object(s, root, "message");
	if (s->error == NULL)
		gw_stream_complete(s);
	cJSON_Delete(root);
}

const struct gw_proto gw_proto_openai = {
	.name = "openai",
	.path = "/v1/chat/completions",
	.framing = GW_FRAMING_SSE,
	.auth = GW_AUTH_BEARER,
	.request_body = openai_request_body,
	.on_event = openai_on_event,
	.parse_whole = openai_parse_whole,
};
