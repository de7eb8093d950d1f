/* text: making untrusted text safe to show, and small string helpers. */
#ifndef FAOS_TEXT_H
#define FAOS_TEXT_H

#include <stddef.h>

#include "base/buf.h"

/* Streaming sanitiser for model and program output on its way to a terminal:
 * C0 controls (but newline and tab), DEL and C1 controls (U+0080..U+009F)
 * become visible (^[, ^?, \u009b), so escape sequences, OSC 52, title changes
 * and terminal queries never reach the terminal. CR before LF is dropped.
 * Pieces may split a UTF-8 character or a CRLF pair anywhere. */
struct text_sanitizer {
	unsigned char held; /* 0xC2 or '\r' carried to the next piece, or 0 */
};

void text_sanitize(struct text_sanitizer *s, const char *in, size_t n, struct buf *out);
/* End of the text: emit whatever is held. */
void text_sanitize_end(struct text_sanitizer *s, struct buf *out);

/* The candidate closest to word by edit distance, or NULL when none is
 * close enough to be a plausible typo. */
const char *text_closest(const char *word, const char *const *candidates, size_t n);

#endif
