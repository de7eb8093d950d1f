/* sidebyside: the review's model of two texts, with no curses in it, so
 * it is unit-tested. The line diff (base/diff.h, Myers) becomes a list of
 * rows, each holding an old line, a new line or both, so the two columns
 * line up; inside a changed pair a second diff over words gives the byte
 * ranges to highlight. The same rows, regrouped per hunk, make the
 * unified view, and sbs_glyph says how each character is shown (tabs
 * expanded, control bytes and invalid UTF-8 made visible, width measured)
 * so the columns stay straight whatever the files hold. */
#ifndef FAOS_SIDEBYSIDE_H
#define FAOS_SIDEBYSIDE_H

#include <stddef.h>

#include "base/diff.h"

/* Tabs expand to stops this far apart: the columns of a side-by-side view
 * are narrow, so 4 rather than the terminal's 8. */
#define SBS_TAB 4
/* Lines longer than this (both together) are not word-diffed: the whole
 * line is highlighted instead. */
#define SBS_WORD_MAX 8192

enum sbs_kind {
	SBS_SAME,    /* the line on both sides */
	SBS_CHANGED, /* an old line and the new line that took its place */
	SBS_ADDED,   /* only a new line */
	SBS_DELETED, /* only an old line */
};

struct sbs_row {
	enum sbs_kind kind;
	long left, right; /* 0-based line numbers; -1: that side is empty */
	int hunk;         /* the hunk (context included) the row is in, or -1 */
};

struct sbs_hunk {
	size_t first;  /* its first row, context included */
	size_t anchor; /* its first changed row: where n and p go */
	size_t last;   /* its last row, context included */
};

struct sbs {
	struct diff d; /* the lines of both sides and the hunks */
	struct sbs_row *rows;
	size_t nrows;
	struct sbs_hunk *hunks; /* as many as d.nhunks */
	size_t nhunks;
};

/* Aligns old against new. The texts are not copied: they must outlive s. */
void sbs_build(const char *old, size_t old_len, const char *new, size_t new_len, struct sbs *s);
void sbs_free(struct sbs *s);
/* The text of line n of a side (0 old, 1 new), without its newline; *nl
 * (may be NULL) gets whether the line ends with one. */
const char *sbs_line(const struct sbs *s, int side, long n, size_t *len, int *nl);

/* Changed byte ranges [start, end) of two lines, sorted, apart. */
struct sbs_span {
	size_t start, end;
};

struct sbs_words {
	struct sbs_span *old, *new;
	size_t nold, nnew;
};

/* Diffs two lines (without newlines) word by word: a word is a run of
 * letters, digits, '_' and non-ASCII, a space is a run of blanks, any
 * other byte is one token. */
void sbs_words(const char *a, size_t alen, const char *b, size_t blen, struct sbs_words *w);
void sbs_words_free(struct sbs_words *w);

/* The unified view: per hunk a header, then its rows as -/+/context lines
 * (the old lines of a change before the new ones). */
enum sbs_ukind { SBS_U_HEADER, SBS_U_SAME, SBS_U_DEL, SBS_U_ADD };

struct sbs_urow {
	enum sbs_ukind kind;
	size_t row; /* the side-by-side row it shows (a header: the hunk's first) */
	int hunk;
};

/* *rows is allocated; *n rows. */
void sbs_unified(const struct sbs *s, struct sbs_urow **rows, size_t *n);
/* "@@ -a,n +b,m @@" of hunk h, into out. */
void sbs_hunk_header(const struct sbs *s, int h, char *out, size_t size);

/* How the character at text[pos] shows when it starts at column col. */
struct sbs_glyph {
	const char *s; /* the bytes to draw: in text, or in vis */
	size_t n;
	int width;     /* columns */
	int escaped;   /* made visible (^[, \xff, \u202e): drawn apart */
	size_t next;   /* where the next character starts */
	char vis[16];
};

/* 0 at the end of the text. A carriage return just before the end of the
 * line is skipped (a CRLF file reads like any other). */
int sbs_glyph(const char *text, size_t len, size_t pos, int col, struct sbs_glyph *g);
/* Display width of a line as sbs_glyph draws it. */
int sbs_width(const char *text, size_t len);

#endif
