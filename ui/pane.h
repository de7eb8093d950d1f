/* pane: one rectangle of the screen with its own state behind a vtable.
 * Adding a pane is adding a ui/pane-*.c file that ends with its ops. All of
 * it runs on the UI thread. */
#ifndef FAOS_PANE_H
#define FAOS_PANE_H

#include <curses.h>
#include <stddef.h>

#include "layout.h"

struct pane;

struct pane_ops {
	const char *title;
	/* Draw the content area (the window below the title row). */
	void (*draw)(struct pane *p, WINDOW *w, int focused);
	/* A key no binding took, while focused; 1 if used. May be NULL. */
	int (*key)(struct pane *p, int key);
	/* Where the cursor goes when focused (row, col in the content), or -1. */
	int (*cursor)(struct pane *p, int *row, int *col);
	/* Bracketed paste: the whole pasted text at once, raw (the pane
	 * sanitises what it keeps). NULL: the pane ignores pastes. */
	void (*paste)(struct pane *p, const char *text, size_t len);
	/* Scroll by lines (the mouse wheel; negative is up). NULL: no scrolling. */
	void (*scroll_by)(struct pane *p, int delta);
	/* The title text drawn after the title (e.g. "3 new ↓", a file name),
	 * into out; may be NULL. */
	void (*title_extra)(struct pane *p, char *out, size_t size);
	void (*free)(struct pane *p);
	int wants_text; /* printable keys go to key() before the key bindings */
	int no_title;   /* the pane draws its whole window (screens, the command line) */
};

struct pane {
	const struct pane_ops *ops;
	enum pane_id id;
	struct rect r;  /* including the title row */
	WINDOW *win;    /* NULL while hidden */
	int dirty;
	void *state;
	struct app *app; /* the app it belongs to (set by app_init) */
};

/* Draw a pane (title + content) into its window; no refresh. */
void pane_draw(struct pane *p, int focused);
/* Move and resize to r, recreating the window; hidden if r is empty. */
void pane_place(struct pane *p, struct rect r);
void pane_free(struct pane *p);

/* Pane constructors (one per ui/pane-*.c and screen file). */
struct pane *pane_prompt_new(void);
struct pane *pane_tree_new(const char *root);
struct pane *pane_stream_new(void);
struct pane *pane_log_new(void);
struct pane *pane_view_new(void);
struct pane *screen_review_new(void);
struct pane *screen_projects_new(void);
struct pane *screen_help_new(void);
struct pane *screen_cmdline_new(void);

#endif
