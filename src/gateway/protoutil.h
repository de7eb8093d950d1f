/* protoutil: small helpers shared by the wire formats (proto.c). */
#ifndef FAOS_PROTOUTIL_H
#define FAOS_PROTOUTIL_H

#include <cJSON.h>
#include <stddef.h>

#include "base/buf.h"
#include "gateway/gateway.h"
#include "gateway/stream.h"

/* JSON of one event; on failure records a readable stream error, NULL. */
cJSON *proto_parse_event(struct gw_stream *s, const char *data, size_t len);
/* JSON of a whole non-streamed answer; on failure records an error, NULL. */
cJSON *proto_parse_whole(struct gw_stream *s, const char *body, size_t len);
/* item as answer text / reasoning when it is a string (null and absent are
 * "nothing this time"). */
void proto_text(struct gw_stream *s, const cJSON *item);
void proto_reasoning(struct gw_stream *s, const cJSON *item);
/* A non-negative number member, else -1. */
long proto_long(const cJSON *obj, const char *name);
/* A string member, else NULL. */
const char *proto_string(const cJSON *obj, const char *name);
/* root has an "error" member that is not null or false. */
int proto_has_error(const cJSON *root);
void proto_add_message(cJSON *messages, const char *role, const char *content);
/* The request's messages as [{role, content}], system ones only if asked. */
cJSON *proto_messages(const struct gateway_request *req, int with_system);
/* The system messages joined by blank lines, allocated; NULL if none. */
char *proto_system_text(const struct gateway_request *req);
/* Unformatted JSON text of root, which is freed. */
char *proto_print(cJSON *root);

/* "kind: message" (kind is an error code or type), or the message alone;
 * both cut to one readable line. Allocated. */
char *proto_error_line(const char *kind, const char *message);
/* For formats with typed events (Responses, Anthropic): the SSE event
 * name when there is one, else the JSON "type" member (or NULL). */
const char *proto_event_kind(const char *sse_type, const cJSON *root);

/* A table of typed events and what each means. */
struct proto_event {
	const char *type;
	void (*handle)(struct gw_stream *s, const cJSON *root);
};
/* Runs the handler for kind; events not in the table carry nothing. */
void proto_dispatch(const struct proto_event *table, size_t n, struct gw_stream *s,
		    const char *kind, const cJSON *root);

#endif
