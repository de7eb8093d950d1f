/* review-notes: the reviewer agent's comments on a version, placed among
 * the rows of the review. A "critique" journal event names the version
 * the reviewer read (the new side of a diff) and comments as {path, line,
 * text}; the review of M → N shows the last critique of N. A comment on a
 * line becomes rows of its own right below that line of the new side; a
 * comment on a whole file (line 0), or on a line the view does not show,
 * goes where it reads in order and names its line. The placement is a list
 * of display rows over the view's own rows (side by side: sbs rows;
 * unified: sbs_urow rows), so hunks, n/p and the row numbers of the diff
 * stay what they were: notes only sit between them. No curses here: the
 * placement is unit-tested. */
#ifndef FAOS_REVIEW_NOTES_H
#define FAOS_REVIEW_NOTES_H

#include <stddef.h>

#include "sidebyside.h"

struct store_event;

/* The label of a note's first row; its other rows are indented as far. */
#define REVIEW_NOTE_LABEL "reviewer: "
/* A note longer than this many rows is cut (its last row ends with "→"). */
#define REVIEW_NOTE_ROWS 4

struct review_comment {
	char *path; /* as the reviewer wrote it, "./" dropped; "" when none */
	long line;  /* 1-based in the new side; 0: the whole file */
	char *text; /* one line: control bytes made visible, blanks collapsed */
};

struct review_critique {
	int version;
	int approve; /* 1 APPROVE, 0 REQUEST CHANGES */
	struct review_comment *comments;
	size_t n;
};

/* The last well-formed "critique" event about version, or NULL. */
struct review_critique *review_critique_find(const struct store_event *events, size_t n, int version);
void review_critique_free(struct review_critique *c);

/* One row on screen: a row of the diff, or one row of a note. */
struct review_vrow {
	long row;                           /* the view's row, or -1 for a note */
	const struct review_comment *note;  /* NULL for a diff row */
	long line;                          /* the line the label names (not below it), or 0 */
	size_t from, to;                    /* the bytes of note->text on this row */
	int first;                          /* the note's first row: it carries the label */
	int indent;                         /* columns before the text (the label's) */
};

struct review_layout {
	struct review_vrow *rows;
	size_t n;
	size_t *at; /* at[r]: the display row of the view's row r */
	size_t nat;
};

/* What a layout is built from. urows: the unified rows, when unified.
 * width: the columns for a note's label and text. */
struct review_place {
	const struct sbs *sbs;
	int unified;
	const struct sbs_urow *urows;
	size_t nurows;
	const struct review_critique *critique; /* may be NULL */
	const char *path;                       /* the file shown */
	int width;
};

void review_layout_build(const struct review_place *in, struct review_layout *out);
void review_layout_free(struct review_layout *l);
/* The display row of the view's row r; the first row of the file shows
 * the notes placed above it too. */
size_t review_layout_pos(const struct review_layout *l, long r);
/* The label of a note's first row ("reviewer: ", or "reviewer on line
 * 12: " when it is not below that line) into out; returns its width. */
int review_note_label(const struct review_vrow *v, char *out, size_t size);
/* path with any leading "./" skipped: how comments and files are matched. */
const char *review_plain_path(const char *path);

#endif
