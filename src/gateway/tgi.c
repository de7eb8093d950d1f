/* tgi: Hugging Face text-generation-inference's native /generate_stream.
 *
 * The request is one prompt string, not a conversation: the messages are
 * rendered as plain text (tgi_prompt). Chat-tuned models are better served
 * through TGI's Messages API (/v1/chat/completions, our "openai" protocol,
 * which `auto` picks), where TGI applies the model's own chat template;
 * this protocol is for base models and TGI versions without that API.
 *
 * The stream (PROTOCOLS.md §5.2) is SSE, one token per event, `data:` with
 * or without a space (2023 servers). The last event has a non-null
 * generated_text and, with details: true, the finish reason and counts.
 * There is no [DONE]. Errors arrive in-band at HTTP 200 as
 * {"error": "...", "error_type": "..."} (§5.3). */
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xmalloc.h"
#include "gateway/httperr.h"
#include "gateway/proto.h"
#include "gateway/protoutil.h"

static const char *tgi_speaker(const char *role)
{
	if (strcmp(role, "user") == 0)
		return "User";
	if (strcmp(role, "assistant") == 0)
		return "Assistant";
	return role;
}

/* The conversation as one prompt: the system text and a blank line, then
 * each turn as "User: ..." or "Assistant: ..." followed by a blank line,
 * ending with "Assistant:" for the model to continue. The blank lines keep
 * multi-line turns apart; the plain speaker names are what base models
 * have seen most in dialogue text. */
static char *tgi_prompt(const struct gateway_request *req)
{
	struct buf b = BUF_INIT;
	char *system = proto_system_text(req);

	if (system) {
		buf_append_str(&b, system);
		buf_append_str(&b, "\n\n");
		free(system);
	}
	for (size_t i = 0; i < req->nmessages; i++) {
		const struct gw_message *m = &req->messages[i];
		if (strcmp(m->role, "system") != 0)
			buf_printf(&b, "%s: %s\n\n", tgi_speaker(m->role), m->content);
	}
	buf_append_str(&b, "Assistant:");
	return buf_steal(&b);
}

static char *tgi_request_body(const struct gateway_request *req)
{
	cJSON *root = cJSON_CreateObject();
	char *prompt = tgi_prompt(req);

	cJSON_AddStringToObject(root, "inputs", prompt);
	free(prompt);
	cJSON *params = cJSON_AddObjectToObject(root, "parameters");
	if (req->max_tokens > 0)
		cJSON_AddNumberToObject(params, "max_new_tokens", (double)req->max_tokens);
	/* TGI rejects temperature 0 ("must be strictly positive"); leaving it
	 * out gives its default greedy decoding, which is what 0 means. */
	if (req->temperature > 0)
		cJSON_AddNumberToObject(params, "temperature", req->temperature);
	/* details: the last event then carries finish reason and counts. */
	cJSON_AddBoolToObject(params, "details", 1);
	cJSON_AddBoolToObject(params, "return_full_text", 0);
	cJSON_AddBoolToObject(root, "stream", 1);
	return proto_print(root);
}

/* "error_type: message", e.g. "validation: Input validation error: ...". */
static char *tgi_describe(const cJSON *root)
{
	const cJSON *error = cJSON_GetObjectItemCaseSensitive(root, "error");
	const char *type = proto_string(root, "error_type");

	if (!cJSON_IsString(error))
		return httperr_describe_json(root); /* a proxy's error object */
	return proto_error_line(type, error->valuestring);
}

/* The end of the answer: finish reason and counts from details (absent
 * when the server ignored details: true; the answer still ended). */
static void tgi_read_end(struct gw_stream *s, const cJSON *root)
{
	const cJSON *details = cJSON_GetObjectItemCaseSensitive(root, "details");
	const char *reason = proto_string(details, "finish_reason");

	gw_stream_finish(s, reason ? reason : "stop");
	gw_stream_usage(s, proto_long(details, "input_length"),
			proto_long(details, "generated_tokens"));
	gw_stream_complete(s);
}

/* One stream event: a token (special ones such as </s> are not text),
 * and on the last event the end. Its generated_text repeats the whole
 * answer already streamed, so it is not shown again. */
static void tgi_read_event(struct gw_stream *s, const cJSON *root)
{
	const cJSON *token = cJSON_GetObjectItemCaseSensitive(root, "token");
	const cJSON *special = cJSON_GetObjectItemCaseSensitive(token, "special");

	if (cJSON_IsObject(token) && !cJSON_IsTrue(special))
		proto_text(s, cJSON_GetObjectItemCaseSensitive(token, "text"));
	if (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(root, "generated_text")))
		tgi_read_end(s, root);
}

static int tgi_on_event(struct gw_stream *s, const char *type, const char *data, size_t len)
{
	(void)type;
	if (len == 0)
		return 0;
	/* Not sent by /generate_stream, but a proxy may add it: an end. */
	if (strcmp(data, "[DONE]") == 0) {
		gw_stream_complete(s);
		return 0;
	}
	cJSON *root = proto_parse_event(s, data, len);
	if (root == NULL)
		return 1;
	if (proto_has_error(root))
		gw_stream_error(s, tgi_describe(root));
	else
		tgi_read_event(s, root);
	cJSON_Delete(root);
	return s->error != NULL;
}

/* /generate's {"generated_text": ..., "details": ...}, or the compat
 * route's array of them (only the first: one answer was asked for). */
static void tgi_parse_whole(struct gw_stream *s, const char *body, size_t len)
{
	cJSON *root = proto_parse_whole(s, body, len);
	const cJSON *answer = root;

	if (root == NULL)
		return;
	if (cJSON_IsArray(root))
		answer = cJSON_GetArrayItem(root, 0);
	if (proto_has_error(answer)) {
		gw_stream_error(s, tgi_describe(answer));
	} else if (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(answer, "generated_text"))) {
		proto_text(s, cJSON_GetObjectItemCaseSensitive(answer, "generated_text"));
		tgi_read_end(s, answer);
	} else {
		gw_stream_error(s, xasprintf("the answer has no generated_text: %s",
					     httperr_snippet(body, len)));
	}
	cJSON_Delete(root);
}

const struct gw_proto gw_proto_tgi = {
	.name = "tgi",
	.path = "/generate_stream",
	.framing = GW_FRAMING_SSE,
	.auth = GW_AUTH_BEARER,
	.request_body = tgi_request_body,
	.on_event = tgi_on_event,
	.parse_whole = tgi_parse_whole,
};
