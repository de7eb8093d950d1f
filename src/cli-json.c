/* cli-json: JSON Lines events of `ask --json`; see cli-json.h. */
#include "cli-json.h"

#include <cJSON.h>
#include <stdlib.h>

#include "gateway/result.h"

static void emit(struct buf *out, cJSON *root)
{
	char *text = cJSON_PrintUnformatted(root);

	buf_append_str(out, text);
	buf_append_char(out, '\n');
	free(text);
	cJSON_Delete(root);
}

void cli_json_piece(struct buf *out, const struct msg *m)
{
	cJSON *root = cJSON_CreateObject();

	if (m->type == MSG_ROUTE) {
		cJSON_AddStringToObject(root, "event", "endpoint");
		cJSON_AddStringToObject(root, "name", m->text);
		cJSON_AddStringToObject(root, "api", m->usage.api);
	} else {
		cJSON_AddStringToObject(root, "event", msg_type_name(m->type));
		cJSON_AddStringToObject(root, "text", m->text ? m->text : "");
	}
	emit(out, root);
}

static void add_usage(cJSON *root, const struct msg_usage *u)
{
	cJSON_AddStringToObject(root, "endpoint", u->endpoint);
	cJSON_AddStringToObject(root, "api", u->api);
	cJSON_AddStringToObject(root, "model", u->model);
	if (u->ttft_ms > 0)
		cJSON_AddNumberToObject(root, "ttft_ms", (double)(long)(u->ttft_ms * 10) / 10);
	else
		cJSON_AddNullToObject(root, "ttft_ms");
	if (u->prompt_tokens >= 0)
		cJSON_AddNumberToObject(root, "prompt_tokens", (double)u->prompt_tokens);
	else
		cJSON_AddNullToObject(root, "prompt_tokens");
	cJSON_AddNumberToObject(root, "completion_tokens", (double)u->completion_tokens);
	cJSON_AddNumberToObject(root, "tokens_per_s", (double)(long)(u->tokens_per_s * 10) / 10);
	cJSON_AddNumberToObject(root, "latency_ms", (double)(long)(u->elapsed_ms * 10) / 10);
	cJSON_AddNumberToObject(root, "retries", u->retries);
	cJSON_AddNumberToObject(root, "cost", u->cost);
}

static void add_result(cJSON *root, const struct gw_result *r)
{
	cJSON_AddStringToObject(root, "text", r->text);
	cJSON_AddStringToObject(root, "reasoning", r->reasoning);
	cJSON *blocks = cJSON_AddArrayToObject(root, "code_blocks");
	for (size_t i = 0; i < r->nblocks; i++) {
		cJSON *b = cJSON_CreateObject();
		cJSON_AddStringToObject(b, "info", r->blocks[i].info);
		cJSON_AddStringToObject(b, "path_hint", r->blocks[i].preceding_line);
		cJSON_AddNumberToObject(b, "line", (double)r->blocks[i].line);
		cJSON_AddBoolToObject(b, "closed", r->blocks[i].closed);
		cJSON_AddStringToObject(b, "content", r->blocks[i].content);
		cJSON_AddItemToArray(blocks, b);
	}
	cJSON *calls = cJSON_AddArrayToObject(root, "tool_calls");
	for (size_t i = 0; i < r->ncalls; i++) {
		cJSON *c = cJSON_CreateObject();
		cJSON_AddStringToObject(c, "id", r->calls[i].id);
		cJSON_AddStringToObject(c, "name", r->calls[i].name);
		cJSON_AddStringToObject(c, "arguments", r->calls[i].arguments);
		cJSON_AddItemToArray(calls, c);
	}
}

void cli_json_final(struct buf *out, const struct msg *end, const struct msg_usage *u)
{
	cJSON *root = cJSON_CreateObject();
	const struct gw_result *r = end->payload;

	cJSON_AddStringToObject(root, "event", msg_type_name(end->type));
	cJSON_AddBoolToObject(root, "complete", end->type == MSG_DONE);
	if (end->type == MSG_DONE)
		cJSON_AddStringToObject(root, "finish_reason", end->text);
	else
		cJSON_AddNullToObject(root, "finish_reason");
	if (end->type == MSG_FAILED)
		cJSON_AddStringToObject(root, "error", end->text);
	add_usage(root, u);
	if (r)
		add_result(root, r);
	emit(out, root);
}
