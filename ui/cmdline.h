/* cmdline: the one-line editor that the : command line and the projects
 * screen's name prompt share, clipped text output by display width, and
 * the pure part of Tab completion (unit-tested). The command line screen
 * itself (SCREEN_CMDLINE) is built on them in cmdline.c; what the commands
 * do is commands.c. */
#ifndef FAOS_CMDLINE_H
#define FAOS_CMDLINE_H

#include <curses.h>
#include <stddef.h>

#include "base/buf.h"

struct lineedit {
	struct buf text;
	size_t cursor; /* byte offset, on a character boundary */
};

/* Printable text, Left/Right, Home/End (C-a/C-e), Backspace, Delete (C-d),
 * C-u (to the start), C-k (to the end), C-w (the word before). 1 if used. */
int lineedit_key(struct lineedit *e, int key);
/* Inserts text at the cursor, without its control characters (a paste). */
void lineedit_insert(struct lineedit *e, const char *text, size_t len);
/* Replaces bytes [from, to) with text; the cursor goes after it. */
void lineedit_replace(struct lineedit *e, size_t from, size_t to, const char *text);
void lineedit_set(struct lineedit *e, const char *text);
const char *lineedit_text(const struct lineedit *e); /* never NULL */
void lineedit_free(struct lineedit *e);
/* Draws the text in width columns from (y, x), scrolled sideways so the
 * cursor shows; returns the cursor's column in w. */
int lineedit_draw(const struct lineedit *e, WINDOW *w, int y, int x, int width);

/* Writes text at (y, x), at most width columns of it, with the window's
 * attributes; control bytes are shown visibly (draw-text.h). Returns the
 * columns used. */
int ui_put_clipped(WINDOW *w, int y, int x, const char *text, int width);
/* The display width of text, as ui_put_clipped draws it. */
int ui_text_width(const char *text);

/* Of the candidates, those starting with word: how many, and the longest
 * prefix they all share written to out (word itself when none match). */
size_t complete_common(const char *word, const char *const *cands, size_t n, char *out,
		       size_t size);

#endif
