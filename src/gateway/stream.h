/* stream: the protocol-independent state of one answer as it arrives.
 *
 * Every wire format (openai.c, responses.c, anthropic.c, ollama.c, tgi.c)
 * decodes its events and reports what they mean through the gw_stream_*
 * calls below; nothing else in the gateway knows a protocol's field names.
 * The stream separates reasoning from the answer (also when a model writes
 * raw <think>...</think> into the content), assembles tool-call fragments by
 * index, and keeps the first error. Pure: no I/O, no threads. */
#ifndef FAOS_STREAM_H
#define FAOS_STREAM_H

#include <stddef.h>

#include "base/buf.h"
#include "base/msg.h"

/* Receives MSG_TOKEN (answer text) and MSG_REASONING pieces, in order. */
typedef void (*gw_emit_fn)(void *ctx, enum msg_type type, const char *text, size_t len);

struct gw_tool_call {
	int index;        /* the protocol's index (position for those without) */
	char *id;         /* may be NULL */
	char *name;       /* may be NULL until the fragment that names it */
	struct buf args;  /* the arguments text, fragments joined in order */
};

/* Where content is relative to a <think> block the model wrote inline. */
enum gw_think_state { THINK_UNDECIDED, THINK_INSIDE, THINK_ANSWER };

struct gw_stream {
	gw_emit_fn emit;
	void *ctx;
	int complete;          /* the protocol's end marker arrived */
	char *finish_reason;   /* normalised ("stop", "length", ...) or NULL */
	char *error;           /* the first in-band error, one readable line, or NULL */
	long prompt_tokens;    /* -1 until the server says */
	long completion_tokens;/* -1 until the server says */
	long deltas;           /* answer and reasoning pieces emitted */
	char *model;           /* the model the server says answered, or NULL */
	struct gw_tool_call *calls;
	size_t ncalls;
	/* <think> splitting of answer text */
	enum gw_think_state think;
	struct buf held;       /* bytes that may be the start of a tag */
	int after_think;       /* newlines right after </think> are dropped */
};

void gw_stream_init(struct gw_stream *s, gw_emit_fn emit, void *ctx);
void gw_stream_free(struct gw_stream *s);

/* A piece of answer text. A <think>...</think> block at the start of the
 * answer (leading whitespace allowed) is emitted as reasoning; tags split
 * across pieces are recognised. Empty pieces are ignored. */
void gw_stream_text(struct gw_stream *s, const char *text, size_t len);
/* A piece of reasoning the server already separated. */
void gw_stream_reasoning(struct gw_stream *s, const char *text, size_t len);
/* A tool-call fragment: id and name may be NULL (later fragments carry only
 * the index and a piece of the arguments); args may be NULL. */
void gw_stream_tool_call(struct gw_stream *s, int index, const char *id, const char *name,
			 const char *args, size_t args_len);
/* The finish reason as the server spelled it; normalised: "end_turn",
 * "eos_token", "stop_sequence" -> "stop"; "max_tokens" -> "length";
 * "tool_use" -> "tool_calls"; "" ignored; anything else kept as given. */
void gw_stream_finish(struct gw_stream *s, const char *reason);
/* Token counts; a negative value leaves that count unchanged. */
void gw_stream_usage(struct gw_stream *s, long prompt_tokens, long completion_tokens);
/* An in-band error; takes ownership of msg. Only the first is kept. */
void gw_stream_error(struct gw_stream *s, char *msg);
/* The protocol's end-of-answer marker arrived. */
void gw_stream_complete(struct gw_stream *s);
/* The model named by the server (first one wins). */
void gw_stream_model(struct gw_stream *s, const char *model);
/* End of input: flushes text held back while looking for a tag. */
void gw_stream_flush(struct gw_stream *s);

#endif
