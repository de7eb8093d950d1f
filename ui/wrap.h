/* wrap: splitting text into screen rows by display width (wcwidth), at
 * spaces where possible. Pure, no curses. */
#ifndef FAOS_WRAP_H
#define FAOS_WRAP_H

#include <stddef.h>

/* The row starting at pos: *end is where its text stops, *next where the
 * following row starts (past a newline or a breaking space). Returns 0 when
 * pos is at or past len. width >= 1. */
int wrap_row(const char *text, size_t len, size_t pos, int width, size_t *end, size_t *next);
/* Display width of text[0..len). */
int wrap_width(const char *text, size_t len);

#endif
