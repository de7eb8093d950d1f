/* stream-draw: curses drawing of the output pane's rows (stream-draw.c). */
#ifndef FAOS_STREAM_DRAW_H
#define FAOS_STREAM_DRAW_H

#include <curses.h>
#include <stddef.h>

#include "stream-model.h"
#include "stream-tabs.h"

/* Bytes of s[0..len) that fit in width columns. */
size_t stream_fit_bytes(const char *s, size_t len, int width);
/* Row y of w blank in attr, across the whole width. */
void stream_fill_row(WINDOW *w, int y, int attr);
/* Display row ri at row y; selected: it is the cursor's row. */
void stream_draw_row(WINDOW *w, int y, const struct transcript *t,
		     const struct stream_row_info *ri, int selected);
/* "new output ↓ End" at the right of row y. */
void stream_draw_marker(WINDOW *w, int y);
/* The agents' tab row on row 0. */
void stream_draw_tabs(WINDOW *w, const struct stream_tabs *ts);

#endif
