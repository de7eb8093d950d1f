/* openai: Chat Completions request bodies and stream chunks. */
#include "gateway/openai.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "gateway/httperr.h"

static void openai_add_message(cJSON *messages, const char *role, const char *content)
{
	cJSON *m = cJSON_CreateObject();

	cJSON_AddStringToObject(m, "role", role);
	cJSON_AddStringToObject(m, "content", content);
	cJSON_AddItemToArray(messages, m);
}

char *openai_request_body(const struct gateway_request *req)
{
	cJSON *root = cJSON_CreateObject();

	if (req->model && req->model[0])
		cJSON_AddStringToObject(root, "model", req->model);
	cJSON *messages = cJSON_AddArrayToObject(root, "messages");
	if (req->system && req->system[0])
		openai_add_message(messages, "system", req->system);
	openai_add_message(messages, "user", req->prompt);
	cJSON_AddBoolToObject(root, "stream", 1);
	cJSON *opts = cJSON_AddObjectToObject(root, "stream_options");
	cJSON_AddBoolToObject(opts, "include_usage", 1);
	cJSON_AddNumberToObject(root, "temperature", req->temperature);
	if (req->max_tokens > 0)
		cJSON_AddNumberToObject(root, "max_tokens", (double)req->max_tokens);
	char *text = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	return text;
}

void openai_stream_init(struct openai_stream *s, openai_emit_fn emit, void *ctx)
{
	memset(s, 0, sizeof *s);
	s->emit = emit;
	s->ctx = ctx;
	s->prompt_tokens = -1;
	s->completion_tokens = -1;
}

void openai_stream_free(struct openai_stream *s)
{
	free(s->finish_reason);
	free(s->error);
	s->finish_reason = s->error = NULL;
}

static void openai_set_error(struct openai_stream *s, char *msg)
{
	if (s->error == NULL)
		s->error = msg;
	else
		free(msg);
}

static void openai_emit_string(struct openai_stream *s, enum msg_type type, const cJSON *item)
{
	/* content: null and "" are both "nothing this time". */
	if (!cJSON_IsString(item) || item->valuestring[0] == '\0')
		return;
	s->deltas++;
	s->emit(s->ctx, type, item->valuestring, strlen(item->valuestring));
}

static void openai_read_usage(struct openai_stream *s, const cJSON *usage)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(usage, "prompt_tokens");
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(usage, "completion_tokens");

	if (cJSON_IsNumber(p))
		s->prompt_tokens = (long)p->valuedouble;
	if (cJSON_IsNumber(c))
		s->completion_tokens = (long)c->valuedouble;
}

/* One choice: reasoning (either field name servers use), content, finish. */
static void openai_read_choice(struct openai_stream *s, const cJSON *choice, const char *body)
{
	const cJSON *delta = cJSON_GetObjectItemCaseSensitive(choice, body);
	const cJSON *finish = cJSON_GetObjectItemCaseSensitive(choice, "finish_reason");

	if (cJSON_IsObject(delta)) {
		openai_emit_string(s, MSG_REASONING,
				   cJSON_GetObjectItemCaseSensitive(delta, "reasoning_content"));
		openai_emit_string(s, MSG_REASONING,
				   cJSON_GetObjectItemCaseSensitive(delta, "reasoning"));
		openai_emit_string(s, MSG_TOKEN, cJSON_GetObjectItemCaseSensitive(delta, "content"));
	}
	if (cJSON_IsString(finish) && finish->valuestring[0] != '\0') {
		free(s->finish_reason);
		s->finish_reason = xstrdup(finish->valuestring);
	}
}

/* A decoded chunk or whole answer; body is "delta" or "message". */
static void openai_read_object(struct openai_stream *s, const cJSON *root, const char *body)
{
	const cJSON *error = cJSON_GetObjectItemCaseSensitive(root, "error");
	const cJSON *choices = cJSON_GetObjectItemCaseSensitive(root, "choices");
	const cJSON *usage = cJSON_GetObjectItemCaseSensitive(root, "usage");
	const cJSON *choice;

	if (error != NULL && !cJSON_IsNull(error) && !cJSON_IsFalse(error)) {
		openai_set_error(s, httperr_describe_json(root));
		return;
	}
	/* Only the first choice (n = 1); empty or missing choices are usage-only
	 * chunks, and some servers send "choices": null. */
	if (cJSON_IsArray(choices) && (choice = cJSON_GetArrayItem(choices, 0)) != NULL)
		openai_read_choice(s, choice, body);
	if (cJSON_IsObject(usage))
		openai_read_usage(s, usage);
}

int openai_on_event(void *ctx, const struct sse_event *ev)
{
	struct openai_stream *s = ctx;

	if (ev->data_len == 0)
		return 0; /* an empty data: line used as a keep-alive (pitfall P4) */
	if (strcmp(ev->data, "[DONE]") == 0) {
		s->saw_done = 1;
		return 0;
	}
	cJSON *root = cJSON_ParseWithLength(ev->data, ev->data_len);
	if (root == NULL) {
		openai_set_error(s, xasprintf("the stream carried an event that is not JSON: %s",
					      httperr_snippet(ev->data, ev->data_len)));
		return 1;
	}
	if (strcmp(ev->type, "error") == 0 && cJSON_GetObjectItem(root, "error") == NULL)
		openai_set_error(s, httperr_describe_error_value(root)); /* bare error object */
	else
		openai_read_object(s, root, "delta");
	cJSON_Delete(root);
	return s->error != NULL;
}

void openai_parse_whole(struct openai_stream *s, const char *body, size_t len)
{
	cJSON *root = cJSON_ParseWithLength(body, len);

	if (root == NULL) {
		openai_set_error(s, xasprintf("the answer is neither a stream nor JSON: %s",
					      httperr_snippet(body, len)));
		return;
	}
	openai_read_object(s, root, "message");
	if (s->error == NULL)
		s->saw_done = 1;
	cJSON_Delete(root);
}
