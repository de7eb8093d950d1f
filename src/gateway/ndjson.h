/* ndjson: incremental newline-delimited JSON line splitter, pure, no I/O.
 *
 * Ollama's native API streams one JSON object per line (application/x-ndjson).
 * Bytes arrive in arbitrary pieces (a read may end inside a line, inside a
 * CRLF pair or inside a UTF-8 character); each complete line is handed to
 * the callback as soon as its LF arrives. The splitter never interprets the
 * JSON (that is the protocol's business). Rules:
 *   - a line ends at LF; a CR right before the LF is dropped (CRLF servers);
 *   - blank lines (nothing but spaces, tabs and CRs) are skipped;
 *   - one UTF-8 BOM at the very start of the stream is skipped;
 *   - a line longer than max_line is an error, never a silent end. */
#ifndef FAOS_NDJSON_H
#define FAOS_NDJSON_H

#include <stddef.h>

#include "base/buf.h"
#include "gateway/sse.h"

/* One complete line, terminator excluded, NUL-terminated; valid only during
 * the call. Return 0 to continue, non-zero to stop parsing (ndjson_feed then
 * returns NDJSON_STOPPED and ignores the rest of that piece). */
typedef int (*ndjson_line_fn)(void *ctx, const char *line, size_t len);

enum ndjson_status {
	NDJSON_OK = 0,
	NDJSON_STOPPED,       /* the callback asked to stop */
	NDJSON_LINE_TOO_LONG, /* a line exceeded max_line bytes */
};

struct ndjson_parser {
	ndjson_line_fn on_line;
	void *ctx;
	size_t max_line;  /* counts every byte before the LF, a CR included */
	struct buf line;  /* the partial line carried between reads */
	int bom_checked;  /* the leading BOM has been considered */
};

/* The same cap as SSE lines: long tool-call arguments must fit in one line. */
#define NDJSON_DEFAULT_MAX_LINE SSE_DEFAULT_MAX_LINE

/* max_line 0 means NDJSON_DEFAULT_MAX_LINE. */
void ndjson_init(struct ndjson_parser *p, size_t max_line, ndjson_line_fn fn, void *ctx);
/* After NDJSON_LINE_TOO_LONG the partial line has been dropped and the
 * stream cannot be resynchronised: stop feeding it. */
enum ndjson_status ndjson_feed(struct ndjson_parser *p, const char *bytes, size_t n);
/* End of stream. Returns 1 when a partial (unterminated, not blank) line was
 * pending: the stream was cut short. That line is dropped, not dispatched,
 * because half a JSON object cannot be trusted. */
int ndjson_finish(struct ndjson_parser *p);
void ndjson_free(struct ndjson_parser *p);

#endif
