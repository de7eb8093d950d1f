/* proto: the table of wire protocols. Each entry knows its request path,
 * how its stream is framed, how to build a request body and how to decode
 * one event of its stream into gw_stream calls. The gateway worker is the
 * same for all of them. Pure: no I/O. */
#ifndef FAOS_PROTO_H
#define FAOS_PROTO_H

#include <stddef.h>

#include "gateway/stream.h"

struct gateway_request;

enum gw_framing {
	GW_FRAMING_SSE,    /* text/event-stream */
	GW_FRAMING_NDJSON, /* one JSON object per line (Ollama native) */
};

enum gw_auth {
	GW_AUTH_BEARER,    /* Authorization: Bearer KEY */
	GW_AUTH_X_API_KEY, /* x-api-key: KEY (Anthropic Messages) */
};

struct gw_proto {
	const char *name;     /* as in `api:` and --api */
	const char *path;     /* request path, e.g. "/v1/chat/completions" */
	enum gw_framing framing;
	enum gw_auth auth;
	const char *extra_header; /* one more request header, or NULL */
	/* The JSON request body; allocated. */
	char *(*request_body)(const struct gateway_request *req);
	/* One SSE event (type is "message" when none was named) or one NDJSON
	 * line (type ""). Returns non-zero to stop reading (after an error). */
	int (*on_event)(struct gw_stream *s, const char *type, const char *data, size_t len);
	/* A whole non-streamed answer (a server that ignored "stream"). */
	void (*parse_whole)(struct gw_stream *s, const char *body, size_t len);
};

/* The protocol called name ("openai", "responses", "anthropic", "ollama",
 * "tgi"), or NULL. */
const struct gw_proto *gw_proto_find(const char *name);

extern const struct gw_proto gw_proto_openai;
extern const struct gw_proto gw_proto_responses;
extern const struct gw_proto gw_proto_anthropic;
extern const struct gw_proto gw_proto_ollama;
extern const struct gw_proto gw_proto_tgi;

#endif
