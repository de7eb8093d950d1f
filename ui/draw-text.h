/* draw-text: file names and file contents (untrusted) onto a curses
 * window, made visible as they go: a control byte shows as ^X, a C1 control
 * or an unprintable character as \uXXXX, a byte that is not UTF-8 as \xNN,
 * so nothing a file holds can reach the terminal as a command. Widths are
 * wcwidth's, measured by the same rules that draw. */
#ifndef FAOS_DRAW_TEXT_H
#define FAOS_DRAW_TEXT_H

#include <curses.h>
#include <stddef.h>

#define DRAW_TAB 8 /* tab stops every 8 columns, as the terminal and less have them */

/* Draws s[0..len) with attr at w's cursor. *col is the column in the text
 * line (carried between calls for the spans of one line; tabs align on
 * it); the text's first skip columns are not drawn (horizontal scroll) and
 * nothing goes at or past window column limit. 1 if the text was cut. */
int draw_text(WINDOW *w, const char *s, size_t len, int attr, int skip, int limit, int *col);
/* Columns draw_text would use for s[0..len) from column 0. */
int draw_text_width(const char *s, size_t len);
/* Where the longest end of s[0..len) that fits in width columns starts. */
size_t draw_text_tail(const char *s, size_t len, int width);

#endif
