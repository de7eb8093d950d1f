/* pane: one rectangle of the screen with its own state behind a vtable.
 * Adding a pane is adding a ui/pane-*.c file that ends with its ops. All of
 * it runs on the UI thread. */
#ifndef FAOS_PANE_H
#define FAOS_PANE_H

#include <curses.h>

#include "layout.h"

struct pane;

struct pane_ops {
	const char *title;
	/* Draw the content area (the window below the title row). */
	void (*draw)(struct pane *p, WINDOW *w, int focused);
	/* A key while focused; 1 if used. */
	int (*key)(struct pane *p, int key);
	/* Where the cursor goes when focused (row, col in the content), or -1. */
	int (*cursor)(struct pane *p, int *row, int *col);
	void (*free)(struct pane *p);
	int wants_text; /* printable keys go here before the key bindings */
};

struct pane {
	const struct pane_ops *ops;
	struct rect r;  /* including the title row */
	WINDOW *win;    /* NULL while hidden */
	int dirty;
	void *state;
};

/* Draw a pane (title + content) into its window; no refresh. */
void pane_draw(struct pane *p, int focused);
/* Move and resize to r, recreating the window; hidden if r is empty. */
void pane_place(struct pane *p, struct rect r);
void pane_free(struct pane *p);

/* Pane constructors (one per ui/pane-*.c). */
struct pane *pane_prompt_new(void);
struct pane *pane_tree_new(const char *root);
struct pane *pane_stream_new(void);
struct pane *pane_log_new(void);

#endif
