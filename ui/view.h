/* view: the file viewer's state, shared by its drawing (pane-view.c) and
 * its keys and search (view-keys.c); private to those two. */
#ifndef FAOS_VIEW_H
#define FAOS_VIEW_H

#include <curses.h>
#include <stddef.h>
#include <stdint.h>

#include "pane.h"

struct syn_lang;

struct view {
	char *root, *path;     /* the workspace, and the file relative to it */
	char *full;            /* root/path */
	char *text;            /* the bytes shown (len 0: a binary file) */
	size_t len;
	uint32_t *line;        /* line i is text[line[i]..line[i + 1]) */
	unsigned char *state;  /* the highlighter's state at each line start */
	size_t nlines;
	const struct syn_lang *lang;
	size_t top;            /* the first line shown */
	int left;              /* columns scrolled right */
	int height;            /* text rows at the last draw */
	char note[160];        /* "binary file ...", "the file is 5.0 MB ..." */
	int typing;            /* the search row has the keys */
	char query[256];       /* the search, UTF-8; "" for none */
	long hit;              /* the line of the match shown, or -1 */
};

/* Line i without its newline (and a CR before it). */
const char *view_line(const struct view *v, size_t i, size_t *len);
/* Columns of the line-number gutter (digits and a space). */
int view_gutter(const struct view *v);
/* Keeps top within the file for a window of height rows. */
void view_clamp(struct view *v, int height);
/* The first match of the search in line[0..len) at or after from:
 * [*start, *end). 0 if none (or no search). */
int view_find_match(const struct view *v, const char *line, size_t len, size_t from, size_t *start,
		    size_t *end);
void view_draw_search_row(WINDOW *w, const struct view *v, int row);
int view_key(struct pane *p, int key);
int view_cursor(struct pane *p, int *row, int *col);
void view_scroll(struct pane *p, long delta);
/* Forget the file (the pane is then not laid out). */
void view_close(struct pane *p);

#endif
