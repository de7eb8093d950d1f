/* editbuf: the prompt editor's text, cursor, kills and undo, without curses,
 * so every motion and edit is unit-tested on its own (tests/unit/test-
 * editbuf.c). The text is UTF-8; the cursor is a byte offset that always
 * sits on a character boundary and never inside a base character and its
 * combining marks. Screen rows come from ui/wrap.h, so what the pane draws
 * and where the cursor goes up and down agree cell for cell.
 *
 * Undo works on recorded changes (position, bytes removed, bytes inserted)
 * rather than snapshots, so a 200-line paste costs its size once. Changes
 * carry a group number: one undo reverts one group. Typed characters join
 * the group of the characters typed just before them, until anything else
 * happens (a motion, a kill, Enter). */
#ifndef FAOS_EDITBUF_H
#define FAOS_EDITBUF_H

#include <stddef.h>

#include "base/buf.h"

struct editbuf_change {
	size_t pos;
	char *removed, *inserted;
	size_t nremoved, ninserted;
	size_t cursor_before;
	unsigned group;
};

struct editbuf_changes {
	struct editbuf_change *c;
	size_t n, cap;
};

struct editbuf {
	struct buf text;
	size_t cursor;
	struct editbuf_changes undo, redo;
	unsigned group;   /* the latest group number handed out */
	int typing;       /* the last change was typing and the cursor stayed after it */
	int killing;      /* the last change was a kill: the next one adds to the kill */
	struct buf killed; /* what the last kill(s) removed, for yank */
};

void editbuf_init(struct editbuf *eb);
void editbuf_free(struct editbuf *eb);
/* The text (never NULL, NUL-terminated) and its length in bytes. */
const char *editbuf_text(const struct editbuf *eb);
size_t editbuf_len(const struct editbuf *eb);
/* Empty, with no undo left (after a submit). */
void editbuf_reset(struct editbuf *eb);
/* Replace the whole text (history, the external editor), cursor at the end;
 * one undo group. */
void editbuf_set(struct editbuf *eb, const char *text, size_t len);

/* Inserting at the cursor. text must be clean (editbuf_clean). _type joins
 * the typing group; _insert is a group of its own (a paste). */
void editbuf_type(struct editbuf *eb, const char *text, size_t len);
void editbuf_insert(struct editbuf *eb, const char *text, size_t len);
/* Backspace and Delete: the character (with its combining marks) before or
 * after the cursor. 0 at the start or end. */
int editbuf_backspace(struct editbuf *eb);
int editbuf_delete(struct editbuf *eb);

/* Kills: removed text goes to the kill buffer; kills in a row add up. */
int editbuf_kill_line(struct editbuf *eb);     /* C-k: to the line's end, or its newline */
int editbuf_kill_to_start(struct editbuf *eb); /* C-u: from the line's start */
int editbuf_kill_word(struct editbuf *eb);     /* C-w: back to the previous blank */
int editbuf_kill_word_right(struct editbuf *eb); /* M-d: to where M-f goes */
int editbuf_yank(struct editbuf *eb);          /* C-y: insert the kill buffer */

/* Motions; 0 when the cursor could not move. */
int editbuf_left(struct editbuf *eb);
int editbuf_right(struct editbuf *eb);
int editbuf_home(struct editbuf *eb); /* start of the logical line */
int editbuf_end(struct editbuf *eb);
int editbuf_word_left(struct editbuf *eb);  /* M-b: to the start of a word */
int editbuf_word_right(struct editbuf *eb); /* M-f: to the end of a word */
/* Up and down one screen row of width cells, keeping *goal (the display
 * column wanted; -1: the cursor's own, which is then stored). */
int editbuf_up(struct editbuf *eb, int width, int *goal);
int editbuf_down(struct editbuf *eb, int width, int *goal);

/* Undo and redo one group; 0 when there is none. */
int editbuf_undo(struct editbuf *eb);
int editbuf_redo(struct editbuf *eb);

/* Screen rows of width cells: how many, and the row and display column of
 * the byte offset pos. */
int editbuf_rows(const struct editbuf *eb, int width);
void editbuf_locate(const struct editbuf *eb, int width, size_t pos, int *row, int *col);

/* Text from outside (a paste, the external editor's file) made fit for the
 * editor: CRLF and CR become LF, a tab four spaces, other control
 * characters (C0, DEL, C1) are dropped and invalid UTF-8 becomes U+FFFD.
 * Appended to out. */
void editbuf_clean(const char *in, size_t len, struct buf *out);

#endif
