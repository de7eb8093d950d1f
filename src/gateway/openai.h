/* openai: the OpenAI Chat Completions wire format (POST /v1/chat/completions,
 * stream: true): the request body, and the chunks of the SSE stream turned
 * into answer text, reasoning, usage and the finish. Pure: no I/O. */
#ifndef FAOS_OPENAI_H
#define FAOS_OPENAI_H

#include <stddef.h>

#include "base/msg.h"
#include "gateway/gateway.h"
#include "gateway/sse.h"

typedef void (*openai_emit_fn)(void *ctx, enum msg_type type, const char *text, size_t len);

struct openai_stream {
	openai_emit_fn emit; /* receives MSG_TOKEN and MSG_REASONING pieces */
	void *ctx;
	int saw_done;        /* data: [DONE] arrived */
	char *finish_reason; /* the last non-null finish_reason, or NULL */
	char *error;         /* the first in-band error, readable, or NULL */
	long prompt_tokens;  /* from usage, -1 if never given */
	long completion_tokens; /* from usage, -1 if never given */
	long deltas;         /* content and reasoning pieces seen */
};

char *openai_request_body(const struct gateway_request *req);
void openai_stream_init(struct openai_stream *s, openai_emit_fn emit, void *ctx);
void openai_stream_free(struct openai_stream *s);
/* The sse_event_fn to give the SSE parser, with s as ctx. */
int openai_on_event(void *s, const struct sse_event *ev);
/* A whole non-streamed chat.completion object (servers that ignore stream). */
void openai_parse_whole(struct openai_stream *s, const char *body, size_t len);

#endif
