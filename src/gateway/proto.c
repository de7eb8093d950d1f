/* proto: the protocol table and the helpers the wire formats share. */
#include "gateway/proto.h"

#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "gateway/gateway.h"
#include "gateway/httperr.h"
#include "gateway/protoutil.h"

static const struct gw_proto *const protocols[] = {
	&gw_proto_openai, &gw_proto_responses, &gw_proto_anthropic, &gw_proto_ollama,
	&gw_proto_tgi,
};

const struct gw_proto *gw_proto_find(const char *name)
{
	for (size_t i = 0; i < sizeof protocols / sizeof protocols[0]; i++)
		if (strcmp(protocols[i]->name, name) == 0)
			return protocols[i];
	return NULL;
}

cJSON *proto_parse_event(struct gw_stream *s, const char *data, size_t len)
{
	cJSON *root = cJSON_ParseWithLength(data, len);

	if (root == NULL)
		gw_stream_error(s, xasprintf("the stream carried an event that is not JSON: %s",
					     httperr_snippet(data, len)));
	return root;
}

cJSON *proto_parse_whole(struct gw_stream *s, const char *body, size_t len)
{
	cJSON *root = cJSON_ParseWithLength(body, len);

	if (root == NULL)
		gw_stream_error(s, xasprintf("the answer is neither a stream nor JSON: %s",
					     httperr_snippet(body, len)));
	return root;
}

void proto_text(struct gw_stream *s, const cJSON *item)
{
	if (cJSON_IsString(item))
		gw_stream_text(s, item->valuestring, strlen(item->valuestring));
}

void proto_reasoning(struct gw_stream *s, const cJSON *item)
{
	if (cJSON_IsString(item))
		gw_stream_reasoning(s, item->valuestring, strlen(item->valuestring));
}

long proto_long(const cJSON *obj, const char *name)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);

	return cJSON_IsNumber(item) && item->valuedouble >= 0 ? (long)item->valuedouble : -1;
}

const char *proto_string(const cJSON *obj, const char *name)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);

	return cJSON_IsString(item) ? item->valuestring : NULL;
}

int proto_has_error(const cJSON *root)
{
	const cJSON *error = cJSON_GetObjectItemCaseSensitive(root, "error");

	return error != NULL && !cJSON_IsNull(error) && !cJSON_IsFalse(error);
}

void proto_add_message(cJSON *messages, const char *role, const char *content)
{
	cJSON *m = cJSON_CreateObject();

	cJSON_AddStringToObject(m, "role", role);
	cJSON_AddStringToObject(m, "content", content);
	cJSON_AddItemToArray(messages, m);
}

cJSON *proto_messages(const struct gateway_request *req, int with_system)
{
	cJSON *messages = cJSON_CreateArray();

	for (size_t i = 0; i < req->nmessages; i++) {
		const struct gw_message *m = &req->messages[i];
		if (with_system || strcmp(m->role, "system") != 0)
			proto_add_message(messages, m->role, m->content);
	}
	return messages;
}

char *proto_system_text(const struct gateway_request *req)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < req->nmessages; i++) {
		if (strcmp(req->messages[i].role, "system") != 0)
			continue;
		if (b.len)
			buf_append_str(&b, "\n\n");
		buf_append_str(&b, req->messages[i].content);
	}
	return b.len ? buf_steal(&b) : NULL;
}

char *proto_error_line(const char *kind, const char *message)
{
	if (message == NULL)
		return xstrdup("the server reported an error without a message");
	char *text = xstrdup(httperr_snippet(message, strlen(message)));
	if (kind == NULL || kind[0] == '\0')
		return text;
	char *line = xasprintf("%s: %s", httperr_snippet(kind, strlen(kind)), text);
	free(text);
	return line;
}

const char *proto_event_kind(const char *sse_type, const cJSON *root)
{
	if (sse_type[0] != '\0' && strcmp(sse_type, "message") != 0)
		return sse_type;
	return proto_string(root, "type");
}

void proto_dispatch(const struct proto_event *table, size_t n, struct gw_stream *s,
		    const char *kind, const cJSON *root)
{
	for (size_t i = 0; kind != NULL && i < n; i++) {
		if (strcmp(kind, table[i].type) == 0) {
			table[i].handle(s, root);
			return;
		}
	}
}

char *proto_print(cJSON *root)
{
	char *text = cJSON_PrintUnformatted(root);

	cJSON_Delete(root);
	return text;
}
