/* openai: the OpenAI Chat Completions wire format (POST /v1/chat/completions,
 * stream: true), as served by llama-server, vLLM, TGI's Messages API,
 * Ollama's and LM Studio's compatibility layers. Pure: no I/O. */
#ifndef FAOS_OPENAI_H
#define FAOS_OPENAI_H

#include <stddef.h>

#include "gateway/gateway.h"
#include "gateway/stream.h"

char *openai_request_body(const struct gateway_request *req);
/* One SSE event of the stream. */
int openai_on_event(struct gw_stream *s, const char *type, const char *data, size_t len);
/* A whole non-streamed chat.completion object. */
void openai_parse_whole(struct gw_stream *s, const char *body, size_t len);

#endif
