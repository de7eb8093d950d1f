/* stream-model: the output pane's transcript without curses, so wrapping,
 * code fences, folds, scrolling and search can be unit-tested.
 *
 * The transcript is a list of entries (a prompt, an answer, reasoning, a
 * note). Each keeps its sanitised text and a cache of wrapped rows that
 * grows as tokens arrive: only the last row (or, while a line could still
 * turn into a ``` fence, its few bytes) is wrapped again, so a long answer
 * costs what a short one does. A resize wraps everything again.
 *
 * What is on screen is a list of display rows: per entry, a fold line for
 * reasoning, its text rows (none while folded), and a blank row between
 * entries. A place in it is a struct stream_pos (entry, row in entry):
 * appending never changes the rows before the last one, so a view anchored
 * at a stream_pos stays on the same text while more arrives below. */
#ifndef FAOS_STREAM_MODEL_H
#define FAOS_STREAM_MODEL_H

#include <stddef.h>

#include "base/buf.h"
#include "base/text.h"

enum stream_kind { STREAM_PROMPT, STREAM_ANSWER, STREAM_REASONING, STREAM_NOTE, STREAM_ERROR };

/* Lines of an answer: plain text, a ``` fence, or inside a code block. */
enum stream_line { SLINE_TEXT, SLINE_FENCE, SLINE_CODE };

/* Columns a code or fence row gives to its gutter ("│ "). */
#define STREAM_GUTTER 2

struct stream_row {
	size_t start;         /* offset in the entry's text */
	unsigned char line;   /* enum stream_line */
};

struct stream_entry {
	enum stream_kind kind;
	struct buf text;              /* sanitised, tabs as spaces */
	struct text_sanitizer san;
	size_t newlines;
	int folded;                   /* reasoning: shown as its fold line only */
	int done;                     /* no more text will come (reasoning's label) */
	/* The row cache at wrap_w, and where its last line stands. */
	struct stream_row *rows;
	size_t nrows, cap;
	int wrap_w;
	size_t line_start;            /* start of the last (maybe unfinished) line */
	int code_before;              /* inside a code block at line_start */
	int line_decided;             /* whether that line is a fence is settled */
};

struct stream_pos {
	size_t entry;
	size_t row; /* display row within the entry */
};

/* What a display row shows. */
enum stream_row_kind { SROW_FOLD, SROW_TEXT, SROW_GAP };

struct stream_row_info {
	enum stream_row_kind kind;
	const struct stream_entry *e;
	size_t entry;
	size_t start, end;  /* SROW_TEXT: the text shown, without its newline */
	enum stream_line line;
};

/* A display row as text: an entry and an offset in its text (text rows),
 * or which of its other rows it is. Survives a re-wrap. */
struct stream_mark {
	size_t entry, off;
	enum stream_row_kind kind;
};

struct stream_match {
	size_t entry, off;
};

struct transcript {
	struct stream_entry *e;
	size_t n, cap;
	int width, height;       /* of the view the rows are wrapped for */
	int follow;              /* the view shows the tail as it grows */
	struct stream_pos top;   /* the view's first row while not following */
	struct stream_mark top_mark; /* the text it was put on (kept over resizes) */
	int unseen;              /* text arrived below a view that is not following */
	int has_cursor;
	struct stream_pos cursor;
	struct stream_mark cursor_mark;
	/* Search: the query, its matches in transcript order, the current one. */
	char *query;
	size_t qlen;
	int fold_case;
	struct stream_match *m;
	size_t nm, mcap, cur;    /* cur == nm: none chosen */
	size_t scan_entry, scan_off; /* matches before this point are all found */
};

void transcript_init(struct transcript *t);
void transcript_free(struct transcript *t);

/* stream-text.c: entries and their rows. */
/* Untrusted text, split anywhere; a new entry starts when kind differs from
 * the last entry's or fresh is set. */
void transcript_append(struct transcript *t, enum stream_kind kind, const char *text, size_t len,
		       int fresh);
/* The last entry gets no more text (its reasoning stops saying "so far"). */
void transcript_end(struct transcript *t);
/* Display rows of entry i. */
size_t transcript_entry_rows(const struct transcript *t, size_t i);
/* The fold line of a reasoning entry, UTF-8, into out. */
void transcript_fold_label(const struct transcript *t, size_t i, char *out, size_t size);
/* What the display row at pos shows; 0 if pos is past the end. */
int transcript_row(const struct transcript *t, struct stream_pos pos, struct stream_row_info *ri);
/* Wrap entry e for width (incrementally when the width is unchanged). */
void stream_entry_wrap(struct stream_entry *e, int width);

/* stream-view.c: the view, the cursor and resizing. */
/* Rewraps everything when the width changes, keeping the view's top and
 * the cursor on the same text. */
void transcript_set_size(struct transcript *t, int width, int height);
size_t transcript_total(const struct transcript *t);
size_t transcript_abs(const struct transcript *t, struct stream_pos pos);
struct stream_pos transcript_pos(const struct transcript *t, size_t abs);
/* The next display row; 0 at the end. */
int transcript_next(const struct transcript *t, struct stream_pos *pos);
/* The display row at the view's top. */
size_t transcript_view_top(const struct transcript *t);
/* Scroll by rows (negative: up). Reaching the bottom follows the tail. */
void transcript_scroll(struct transcript *t, long delta);
/* Follow the tail again (End). */
void transcript_follow(struct transcript *t);
/* Show the first row, cursor on it (Home). */
void transcript_home(struct transcript *t);
/* Move the cursor by rows; the view holds still around it. Without a
 * cursor it starts on the view's last row. Down past the end follows. */
void transcript_cursor_move(struct transcript *t, long delta);
/* Put the cursor on abs and scroll it into view (a third down if it was
 * out of view). */
void transcript_reveal(struct transcript *t, size_t abs);
/* The reasoning under the cursor (else the lowest fold line in view) is
 * folded or unfolded; its fold line keeps its place on screen. 0 if there
 * was none. */
int transcript_toggle_fold(struct transcript *t);
/* Whether to show "new output ↓". */
int transcript_unseen(const struct transcript *t);

/* stream-search.c */
/* Search for query (case-insensitive when it has no capitals) and go to
 * the first match from the view's top on. The number of matches. */
size_t transcript_search(struct transcript *t, const char *query);
void transcript_search_clear(struct transcript *t);
/* The next (dir > 0) or previous match, wrapping around; 0 if none. */
int transcript_search_step(struct transcript *t, int dir);
/* "match 2/7", "no match for 'x'", or "" without a query. */
void transcript_search_status(const struct transcript *t, char *out, size_t size);
/* Find more matches in text appended since the last look. */
void transcript_search_update(struct transcript *t);
/* The first match in entry i that ends after off, or t->nm. */
size_t transcript_match_from(const struct transcript *t, size_t i, size_t off);
/* Query position in hay[from..len), or (size_t)-1. */
size_t stream_find(const char *hay, size_t len, size_t from, const char *q, size_t qlen,
		   int fold_case);

#endif
