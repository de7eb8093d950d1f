/* sse: incremental server-sent-events parser (WHATWG HTML 9.2.6), pure, no I/O.
 *
 * Bytes arrive in arbitrary pieces (a read may end inside a line, inside a
 * CRLF pair or inside a UTF-8 character); complete events are handed to the
 * callback as they finish. The parser never interprets the data (JSON is the
 * caller's business) and never allocates per event beyond its own buffers. */
#ifndef FAOS_SSE_H
#define FAOS_SSE_H

#include <stddef.h>

#include "base/buf.h"

/* One dispatched event. Pointers are valid only during the callback.
 * `type` is "message" when no `event:` field was given; `data` has the
 * `data:` lines joined with "\n" and no trailing newline, NUL-terminated. */
struct sse_event {
	const char *type;
	const char *data;
	size_t data_len;
	const char *last_id; /* last event ID seen so far, "" if none */
};

/* Return 0 to continue, non-zero to stop parsing (sse_feed then returns
 * SSE_STOPPED and ignores the rest of that piece). */
typedef int (*sse_event_fn)(void *ctx, const struct sse_event *ev);

enum sse_status {
	SSE_OK = 0,
	SSE_STOPPED,       /* the callback asked to stop */
	SSE_LINE_TOO_LONG, /* a line exceeded max_line bytes: an error, never a silent end */
};

struct sse_parser {
	sse_event_fn on_event;
	void *ctx;
	size_t max_line;
	struct buf line;     /* the partial line carried between reads */
	struct buf data;     /* data buffer of the event being built */
	struct buf type;     /* event type buffer */
	struct buf last_id;  /* last event ID buffer (not reset per event) */
	long retry_ms;       /* last valid retry: value, -1 if none */
	int saw_cr;          /* previous piece ended in CR: drop one leading LF */
	int bom_checked;     /* the leading BOM has been considered */
	int pending;         /* fields seen since the last dispatch */
};

/* Default cap on one line: 16 MiB lines must work (long tool-call arguments,
 * reasoning); a line beyond 32 MiB is treated as a broken server and ends
 * the answer with an error, never silently. */
#define SSE_DEFAULT_MAX_LINE ((size_t)32 << 20)

/* max_line 0 means SSE_DEFAULT_MAX_LINE. */
void sse_init(struct sse_parser *p, size_t max_line, sse_event_fn fn, void *ctx);
/* After SSE_LINE_TOO_LONG the partial line has been dropped and the stream
 * cannot be resynchronised: stop feeding it. */
enum sse_status sse_feed(struct sse_parser *p, const char *bytes, size_t n);
/* End of stream. Returns 1 when an event had begun (fields seen, or a
 * partial line) but was never terminated by a blank line: the stream was cut
 * short. Per the spec such an event is discarded, not dispatched: the
 * pending fields and partial line are dropped (last_id is kept). */
int sse_finish(struct sse_parser *p);
void sse_free(struct sse_parser *p);

#endif
