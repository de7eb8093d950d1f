/* review-int: what the review's files share (review.c: the API, keys and
 * actions; review-nav.c: positions and geometry;
 * review-comment.c: the comment line; review-frame.c, review-draw.c: drawing;
 * review-set.c: sets from the project's versions; review-notes.c,
 * review-place.c: the reviewer agent's comments among the rows). */
#ifndef FAOS_REVIEW_INT_H
#define FAOS_REVIEW_INT_H

#include "app.h"
#include "base/buf.h"
#include "review-notes.h"
#include "review.h"
#include "sidebyside.h"

/* At this width and more the file list is a column on the left; below, a
 * few rows on top. */
#define REVIEW_LIST_SIDE_COLS 130
#define REVIEW_LIST_TOP_ROWS 3

struct review_state {
	struct review_set *pending; /* approving and undecided, or NULL */
	review_decided_fn decided;
	struct review_set *browse;  /* the versions browsed last, or NULL */
	struct review_set *shown;   /* pending or browse, or NULL */
	size_t cur;                 /* the file shown */
	int binary;                 /* it holds a NUL byte: not diffed */
	struct sbs sbs;             /* its rows (empty when binary) */
	struct sbs_urow *urows;     /* the same as a unified diff */
	size_t nurows;
	size_t *uhead;              /* the unified row of each hunk's header */
	int unified;                /* the user chose the unified view (u) */
	int drawn_unified;          /* the view of the last draw, to follow a resize */
	struct review_layout lay;   /* the rows on screen: the view's, notes between */
	int lay_ok, lay_unified, lay_width; /* lay is built, for this view and width */
	long top;                   /* the first row shown, in lay's rows */
	int hunk;                   /* the current hunk, -1 above the first */
	int commenting;             /* the comment line is open */
	struct buf comment;
};

/* Where things go in a window of h rows and w columns. */
struct review_geo {
	int list_y, list_x, list_h, list_w; /* the file list's items */
	int notes_y, notes_h;               /* the reviewer's verdict and stray comments */
	int head_y;                         /* the row naming the two sides */
	int body_y, body_x, body_h, body_w; /* the diff rows */
	int unified;                        /* unified view in effect */
};

void review_geometry(const struct review_state *st, int h, int w, struct review_geo *g);
/* Digits of the line numbers; the columns a note's label and text get. */
int review_number_width(const struct review_state *st);
int review_note_width(const struct review_state *st, const struct review_geo *g);
/* Rows on screen in the view in effect (notes included), and where hunk
 * h starts among them. */
long review_view_rows(const struct review_state *st, int unified);
long review_hunk_top(const struct review_state *st, int unified, int h);
void review_draw(struct pane *p, WINDOW *w, int focused);

/* review-nav.c. Loading file i of the shown set puts it at its first hunk. */
void review_load(struct review_state *st, size_t i);
void review_unload(struct review_state *st);
/* After a resize or a toggle: the view in effect may have changed. */
void review_follow(struct pane *p);
/* top within the rows (the last page ends at the last row). */
void review_clamp(struct pane *p);
void review_scroll(struct pane *p, int delta);
void review_go_hunk(struct pane *p, int h);
/* last_hunk: at its last hunk (p going back across files), else its first. */
void review_go_file(struct pane *p, size_t i, int last_hunk);

/* review-draw.c: the diff rows of the file shown. review_text draws text
 * (untrusted: made visible as sbs_glyph says) into width columns from
 * (y, x): the bytes inside spans with hl, the rest with attr; text that
 * does not fit ends with "→". Returns the columns used. */
int review_text(WINDOW *w, int y, int x, int width, const char *t, size_t len,
		const struct sbs_span *sp, size_t nsp, int attr, int hl);
void review_draw_body(WINDOW *w, const struct review_state *st, const struct review_geo *g);
/* review-comment.c: the comment line's cursor column in a window w wide;
 * *from gets the first byte of the comment shown (its tail when long). */
#define REVIEW_COMMENT_LABEL "Comment for the model (Enter sends, Escape cancels): "
int review_comment_col(const struct review_state *st, int w, size_t *from);
/* The pane ops while the comment line is open (else they do nothing). */
int review_comment_key(struct pane *p, int key);
void review_comment_paste(struct pane *p, const char *text, size_t len);
int review_comment_cursor(struct pane *p, int *row, int *col);

/* A set of every file that differs between two versions of the project,
 * with the reviewer's critique of the newer one. */
struct review_set *review_set_versions(struct store *s, int from, int to, char **err);
/* The comment names no file of the set: it is shown above the diff. */
int review_comment_stray(const struct review_set *set, const struct review_comment *c);
/* The rows above the diff for the verdict and the stray comments: 0 when
 * there is no critique. */
#define REVIEW_STRAY_ROWS 3
int review_notes_rows(const struct review_set *set);
/* review-frame.c */
void review_draw_notes(WINDOW *w, const struct review_state *st, const struct review_geo *g);

#endif
