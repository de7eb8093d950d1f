/* editbuf-int: what editbuf.c (edits) and editbuf-move.c (motions, rows)
 * share; not for the rest of the UI. */
#ifndef FAOS_EDITBUF_INT_H
#define FAOS_EDITBUF_INT_H

#include <stddef.h>

#include "editbuf.h"

/* One UTF-8 character at s (left bytes): its length, *cp its code point;
 * 1 and U+FFFD for a byte that does not start a valid character. */
size_t eb_decode(const char *s, size_t left, unsigned *cp);
/* The character boundary after pos with the combining marks that follow it,
 * and the one before pos likewise: the cursor never splits them. */
size_t eb_next_cluster(const struct editbuf *eb, size_t pos);
size_t eb_prev_cluster(const struct editbuf *eb, size_t pos);
size_t eb_line_start(const struct editbuf *eb, size_t pos);
size_t eb_line_end(const struct editbuf *eb, size_t pos);
/* Where M-f goes from pos. */
size_t eb_word_end(const struct editbuf *eb, size_t pos);
/* The character at pos is a space, tab or newline. */
int eb_is_blank(const struct editbuf *eb, size_t pos);
/* Record and apply a change: n_old bytes at pos become ins. typing: join
 * the typing group. The caller moves the cursor. */
void eb_change(struct editbuf *eb, size_t pos, size_t n_old, const char *ins, size_t n_ins, int typing);

#endif
