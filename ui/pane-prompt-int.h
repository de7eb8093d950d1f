/* pane-prompt-int: the prompt editor's state, shared by pane-prompt.c (the
 * pane: drawing, typing, paste, the external editor) and
 * pane-prompt-keys.c (its actions: motions, kills, history, search). */
#ifndef FAOS_PANE_PROMPT_INT_H
#define FAOS_PANE_PROMPT_INT_H

#include "base/buf.h"
#include "editbuf.h"
#include "history.h"
#include "pane.h"

/* Ctrl-R: the editor's own text is left alone while searching; the match
 * is drawn instead and only becomes the text when accepted, so cancelling
 * needs nothing restored and accepting is one undo step. */
struct prompt_search {
	int on;
	struct buf query;
	long match;       /* history index, -1 before anything matched */
	int failed;       /* the query matches nothing (older) */
	struct buf shown; /* the match, cleaned for the screen */
};

struct prompt {
	struct editbuf eb;
	int top;          /* first screen row shown */
	int crow, ccol;   /* where the cursor was drawn */
	int width;        /* the text width at the last draw, for Up and Down */
	int goal;         /* the column Up and Down keep; -1: none yet */
	int prefix;       /* C-x was pressed: C-e edits in $VISUAL */
	struct history hist;
	int hist_loaded;
	long hist_at;     /* the entry Alt-P/Alt-N shows; -1: the draft */
	char *draft;      /* the unsent text while walking the history */
	struct prompt_search search;
};

#define PROMPT(p) ((struct prompt *)(p)->state)

/* The history, read at the first use. NULL when there is none (history_size
 * 0, or no app to ask for the configuration). */
struct history *prompt_history(struct pane *p);
/* Replaces the text with text from outside (history, the editor's file),
 * cleaned, as one undo step; nothing when it is the same. */
void prompt_set_text(struct prompt *s, const char *text);
/* Ctrl-X Ctrl-E: the text in $VISUAL/$EDITOR, the TUI suspended meanwhile. */
void prompt_external(struct pane *p);
/* Ends a search keeping its match as the text (1 if one was on). */
int prompt_search_accept(struct pane *p);
/* The search's printable-key and backspace handling; 1 if taken. */
int prompt_search_key(struct pane *p, int key);
/* The title's extra text: the C-x prefix, the search, the history place. */
void prompt_title_extra(struct pane *p, char *out, size_t size);

#endif
