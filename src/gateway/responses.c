/* responses: OpenAI Responses API request bodies and stream events.
 *
 * POST /v1/responses with stream: true answers with typed SSE events
 * (`event: response.output_text.delta` plus the same name in the JSON
 * `type` member). There is no [DONE]: response.completed, .incomplete or
 * .failed ends the answer. Served by OpenAI, llama-server, Ollama and
 * LM Studio. llama-server numbers nothing: its items carry no output_index
 * and its argument deltas name the call by item_id only (PROTOCOLS.md §11),
 * so calls are found by index when there is one, else by id. */
#include <cJSON.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "gateway/httperr.h"
#include "gateway/proto.h"
#include "gateway/protoutil.h"

static char *responses_request_body(const struct gateway_request *req)
{
	cJSON *root = cJSON_CreateObject();
	char *system = proto_system_text(req);

	if (req->model && req->model[0])
		cJSON_AddStringToObject(root, "model", req->model);
	cJSON_AddItemToObject(root, "input", proto_messages(req, 0));
	if (system)
		cJSON_AddStringToObject(root, "instructions", system);
	free(system);
	cJSON_AddBoolToObject(root, "stream", 1);
	cJSON_AddNumberToObject(root, "temperature", req->temperature);
	if (req->max_tokens > 0)
		cJSON_AddNumberToObject(root, "max_output_tokens", (double)req->max_tokens);
	return proto_print(root);
}

/* An error value: a string, or an object with message and a code or type
 * (llama-server's code is the HTTP status, a number: its type says more). */
static char *responses_describe(const cJSON *error)
{
	if (cJSON_IsString(error))
		return xstrdup(httperr_snippet(error->valuestring, strlen(error->valuestring)));
	const char *kind = proto_string(error, "code");
	if (kind == NULL)
		kind = proto_string(error, "type");
	return proto_error_line(kind, proto_string(error, "message"));
}

static const char *responses_call_id(const cJSON *item)
{
	/* call_id is what a tool result must quote back; id names the item. */
	const char *id = proto_string(item, "call_id");

	return id ? id : proto_string(item, "id");
}

static struct gw_tool_call *responses_find_call(struct gw_stream *s, int index)
{
	for (size_t i = 0; i < s->ncalls; i++)
		if (s->calls[i].index == index)
			return &s->calls[i];
	return NULL;
}

/* One past the highest index used so far: a new call's place. */
static int responses_next_index(const struct gw_stream *s)
{
	int next = 0;

	for (size_t i = 0; i < s->ncalls; i++)
		if (s->calls[i].index >= next && s->calls[i].index < INT_MAX)
			next = s->calls[i].index + 1;
	return next;
}

/* The call an event is about: its output_index when the server numbers
 * items, else the call with that id; an unknown id is a new call when
 * starting one, else the latest (servers stream one call at a time). */
static int responses_call_index(const struct gw_stream *s, const cJSON *root, const char *id,
				int starting)
{
	long index = proto_long(root, "output_index");

	if (index >= 0 && index <= INT_MAX)
		return (int)index;
	for (size_t i = 0; id != NULL && i < s->ncalls; i++)
		if (s->calls[i].id != NULL && strcmp(s->calls[i].id, id) == 0)
			return s->calls[i].index;
	if (starting || s->ncalls == 0)
		return responses_next_index(s);
	return s->calls[s->ncalls - 1].index;
}

/* output_item.added / .done of a function_call: id and name; the arguments
 * only when none arrived as deltas (some gateways send the call whole). */
static void responses_call_item(struct gw_stream *s, const cJSON *root)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(root, "item");
	const char *type = proto_string(item, "type");

	if (type == NULL || strcmp(type, "function_call") != 0)
		return;
	const char *id = responses_call_id(item);
	int index = responses_call_index(s, root, id, 1);
	const struct gw_tool_call *known = responses_find_call(s, index);
	const char *args = proto_string(item, "arguments");
	if (known != NULL && known->args.len > 0)
		args = NULL;
	gw_stream_tool_call(s, index, id, proto_string(item, "name"), args,
			    args ? strlen(args) : 0);
}

static void responses_arguments_delta(struct gw_stream *s, const cJSON *root)
{
	const char *delta = proto_string(root, "delta");
	int index = responses_call_index(s, root, proto_string(root, "item_id"), 0);

	if (delta != NULL)
		gw_stream_tool_call(s, index, NULL, NULL, delta, strlen(delta));
}

static void responses_text_delta(struct gw_stream *s, const cJSON *root)
{
	proto_text(s, cJSON_GetObjectItemCaseSensitive(root, "delta"));
}

static void responses_reasoning_delta(struct gw_stream *s, const cJSON *root)
{
	proto_reasoning(s, cJSON_GetObjectItemCaseSensitive(root, "delta"));
}

/* The parts of a content or summary array whose type is part_type. */
static void responses_read_parts(struct gw_stream *s, const cJSON *parts, const char *part_type,
				 void (*emit)(struct gw_stream *, const cJSON *))
{
	const cJSON *part;

	cJSON_ArrayForEach(part, parts) {
		const char *type = proto_string(part, "type");
		if (type != NULL && strcmp(type, part_type) == 0)
			emit(s, cJSON_GetObjectItemCaseSensitive(part, "text"));
	}
}

/* The output items of a whole response, in order. A reasoning item has its
 * full text (llama-server, gpt-oss) or only a summary (OpenAI). */
static void responses_read_output(struct gw_stream *s, const cJSON *output)
{
	const cJSON *item;

	cJSON_ArrayForEach(item, output) {
		const char *type = proto_string(item, "type");
		const cJSON *content = cJSON_GetObjectItemCaseSensitive(item, "content");
		if (type == NULL)
			continue;
		if (strcmp(type, "message") == 0) {
			responses_read_parts(s, content, "output_text", proto_text);
		} else if (strcmp(type, "reasoning") == 0) {
			const cJSON *summary = cJSON_GetObjectItemCaseSensitive(item, "summary");
			long before = s->deltas;
			responses_read_parts(s, content, "reasoning_text", proto_reasoning);
			if (s->deltas == before)
				responses_read_parts(s, summary, "summary_text", proto_reasoning);
		} else if (strcmp(type, "function_call") == 0) {
			const char *args = proto_string(item, "arguments");
			size_t n = args ? strlen(args) : 0;
			gw_stream_tool_call(s, responses_next_index(s), responses_call_id(item),
					    proto_string(item, "name"), args, n);
		}
	}
}

static const char *responses_incomplete_reason(const cJSON *response)
{
	const cJSON *details = cJSON_GetObjectItemCaseSensitive(response, "incomplete_details");
	const char *reason = proto_string(details, "reason");

	/* The documented reasons are max_output_tokens and content_filter; the
	 * token limit is by far the usual one, so it is also the default. */
	if (reason == NULL || strcmp(reason, "max_output_tokens") == 0)
		return "length";
	return reason;
}

/* The end of the answer as a response object with this status describes
 * it: usage, model, then finish and complete, or the error. */
static void responses_end(struct gw_stream *s, const cJSON *response, const char *status)
{
	const cJSON *usage = cJSON_GetObjectItemCaseSensitive(response, "usage");
	const cJSON *error = cJSON_GetObjectItemCaseSensitive(response, "error");

	gw_stream_model(s, proto_string(response, "model"));
	if (cJSON_IsObject(usage))
		gw_stream_usage(s, proto_long(usage, "input_tokens"),
				proto_long(usage, "output_tokens"));
	if (strcmp(status, "failed") == 0) {
		gw_stream_error(s, error != NULL && !cJSON_IsNull(error)
					   ? responses_describe(error)
					   : xstrdup("the response failed without saying why"));
		return;
	}
	if (strcmp(status, "incomplete") == 0) {
		gw_stream_finish(s, responses_incomplete_reason(response));
	} else if (strcmp(status, "completed") == 0) {
		gw_stream_finish(s, s->ncalls > 0 ? "tool_calls" : "stop");
	} else {
		gw_stream_error(s, xasprintf("the response ended with status \"%s\"",
					     httperr_snippet(status, strlen(status))));
		return;
	}
	gw_stream_complete(s);
}

static const cJSON *responses_object(const cJSON *root)
{
	return cJSON_GetObjectItemCaseSensitive(root, "response");
}

static void responses_completed(struct gw_stream *s, const cJSON *root)
{
	const cJSON *response = responses_object(root);

	/* A server that streamed nothing may still have put the whole answer
	 * in the final object; read it then, never twice. */
	if (s->deltas == 0 && s->held.len == 0 && s->ncalls == 0)
		responses_read_output(s, cJSON_GetObjectItemCaseSensitive(response, "output"));
	responses_end(s, response, "completed");
}

static void responses_incomplete(struct gw_stream *s, const cJSON *root)
{
	responses_end(s, responses_object(root), "incomplete");
}

static void responses_failed(struct gw_stream *s, const cJSON *root)
{
	responses_end(s, responses_object(root), "failed");
}

/* The `error` event: {"type":"error","code":...,"message":...}. */
static void responses_error_event(struct gw_stream *s, const cJSON *root)
{
	gw_stream_error(s, proto_error_line(proto_string(root, "code"),
						proto_string(root, "message")));
}

/* Events that matter; the rest (created, in_progress, content_part.*,
 * *.done other than output_item.done) carry nothing new. */
#define RESPONSES_EVENT_COUNT (sizeof responses_events / sizeof responses_events[0])

static const struct proto_event responses_events[] = {
	{ "response.output_text.delta", responses_text_delta },
	{ "response.reasoning_text.delta", responses_reasoning_delta },
	{ "response.reasoning_summary_text.delta", responses_reasoning_delta },
	{ "response.output_item.added", responses_call_item },
	{ "response.output_item.done", responses_call_item },
	{ "response.function_call_arguments.delta", responses_arguments_delta },
	{ "response.completed", responses_completed },
	{ "response.incomplete", responses_incomplete },
	{ "response.failed", responses_failed },
	{ "error", responses_error_event },
};



/* {"error": ...} in place of an event or a response. */
static void responses_root_error(struct gw_stream *s, const cJSON *root)
{
	gw_stream_error(s, responses_describe(cJSON_GetObjectItemCaseSensitive(root, "error")));
}

static int responses_on_event(struct gw_stream *s, const char *type, const char *data, size_t len)
{
	if (len == 0)
		return 0;
	/* Not part of this protocol, but proxies that speak Chat Completions
	 * elsewhere append it; it is no error. The end marker stays
	 * response.completed. */
	if (strcmp(data, "[DONE]") == 0)
		return 0;
	cJSON *root = proto_parse_event(s, data, len);
	if (root == NULL)
		return 1;
	if (proto_has_error(root)) /* llama-server: data: {"error":{...}} */
		responses_root_error(s, root);
	else
		proto_dispatch(responses_events, RESPONSES_EVENT_COUNT, s, proto_event_kind(type, root), root);
	cJSON_Delete(root);
	return s->error != NULL;
}

static void responses_parse_whole(struct gw_stream *s, const char *body, size_t len)
{
	cJSON *root = proto_parse_whole(s, body, len);

	if (root == NULL)
		return;
	if (proto_has_error(root)) {
		responses_root_error(s, root);
	} else {
		const char *status = proto_string(root, "status");
		responses_read_output(s, cJSON_GetObjectItemCaseSensitive(root, "output"));
		responses_end(s, root, status ? status : "completed");
	}
	cJSON_Delete(root);
}

const struct gw_proto gw_proto_responses = {
	.name = "responses",
	.path = "/v1/responses",
	.framing = GW_FRAMING_SSE,
	.auth = GW_AUTH_BEARER,
	.request_body = responses_request_body,
	.on_event = responses_on_event,
	.parse_whole = responses_parse_whole,
};
