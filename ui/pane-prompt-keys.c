/* pane-prompt-keys: the prompt editor's actions (prompt.*): motions, kills,
 * undo, the history (Alt-P/Alt-N, Ctrl-R) and the C-x prefix. Two states
 * change what the next key means: the C-x prefix and a reverse search;
 * every action goes through prompt_do so both are honoured whatever the
 * user rebound. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "app.h"
#include "base/paths.h"
#include "base/xmalloc.h"
#include "action.h"
#include "keymap.h"
#include "pane-prompt-int.h"

enum prompt_op {
	OP_LEFT, OP_RIGHT, OP_UP, OP_DOWN, OP_HOME, OP_END, OP_WORD_LEFT, OP_WORD_RIGHT,
	OP_BACKSPACE, OP_DELETE, OP_KILL_LINE, OP_KILL_TO_START, OP_KILL_WORD, OP_KILL_WORD_RIGHT,
	OP_YANK, OP_UNDO, OP_REDO, OP_NEWLINE, OP_HIST_PREV, OP_HIST_NEXT, OP_SEARCH,
	OP_EXTERNAL, OP_CANCEL,
};

struct history *prompt_history(struct pane *p)
{
	struct prompt *s = PROMPT(p);

	if (!s->hist_loaded && p->app && p->app->cfg) {
		char *dir = paths_data_dir(config_str(p->app->cfg, OPT_DATA_DIR));
		char *path = xasprintf("%s/history", dir), *err = NULL;
		if (history_load(&s->hist, path, (int)config_int(p->app->cfg, OPT_HISTORY_SIZE), &err) < 0) {
			app_error(p->app, "%s", err);
			free(err);
		}
		free(path);
		free(dir);
	}
	s->hist_loaded = 1;
	return s->hist.limit > 0 ? &s->hist : NULL;
}

void prompt_set_text(struct prompt *s, const char *text)
{
	struct buf clean = BUF_INIT;

	editbuf_clean(text, strlen(text), &clean);
	if (strcmp(editbuf_text(&s->eb), clean.data ? clean.data : "") != 0)
		editbuf_set(&s->eb, clean.data ? clean.data : "", clean.len);
	buf_free(&clean);
}

/* Alt-P (step -1) and Alt-N (+1); past the newest entry is the draft. */
static void history_walk(struct pane *p, int step)
{
	struct prompt *s = PROMPT(p);
	struct history *h = prompt_history(p);
	long n = h ? (long)h->n : 0, at = s->hist_at < 0 ? n : s->hist_at, to = at + step;

	if (to < 0 || to > n)
		return;
	if (s->hist_at < 0)
		s->draft = xstrdup(editbuf_text(&s->eb));
	if (to == n) {
		prompt_set_text(s, s->draft);
		free(s->draft);
		s->draft = NULL;
		s->hist_at = -1;
	} else {
		prompt_set_text(s, history_get(h, (size_t)to));
		s->hist_at = to;
	}
}

static void search_reset(struct prompt *s)
{
	s->search.on = 0;
	s->search.match = -1;
	s->search.failed = 0;
	buf_reset(&s->search.query);
	buf_reset(&s->search.shown);
}

/* The newest match older than before; a miss keeps the last match shown. */
static void search_find(struct pane *p, long before)
{
	struct prompt *s = PROMPT(p);
	struct history *h = prompt_history(p);
	long m = h ? history_search(h, s->search.query.data ? s->search.query.data : "", before) : -1;

	s->search.failed = m < 0;
	if (m < 0)
		return;
	s->search.match = m;
	buf_reset(&s->search.shown);
	editbuf_clean(h->items[m], strlen(h->items[m]), &s->search.shown);
}

int prompt_search_accept(struct pane *p)
{
	struct prompt *s = PROMPT(p);

	if (!s->search.on)
		return 0;
	if (s->search.match >= 0) {
		if (s->hist_at < 0) /* Alt-N walks back down to the draft */
			s->draft = xstrdup(editbuf_text(&s->eb));
		s->hist_at = s->search.match;
		prompt_set_text(s, s->search.shown.data ? s->search.shown.data : "");
	}
	search_reset(s);
	p->dirty = 1;
	return 1;
}

/* The query's last character off, and the search again from the newest. */
static void search_backspace(struct pane *p)
{
	struct buf *q = &PROMPT(p)->search.query;

	while (q->len > 0 && (q->data[--q->len] & 0xC0) == 0x80)
		;
	if (q->data)
		q->data[q->len] = '\0';
	PROMPT(p)->search.match = -1;
	search_find(p, (long)PROMPT(p)->hist.n);
}

int prompt_search_key(struct pane *p, int key)
{
	struct prompt *s = PROMPT(p);

	if (!s->search.on)
		return 0;
	if (key == 0x7f) {
		search_backspace(p);
		return 1;
	}
	if (key < ' ' || (key & (KEYC_FUNC | KEYC_META))) {
		prompt_search_accept(p);
		return 0;
	}
	struct buf typed = BUF_INIT;
	char mb[8];
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t n = wcrtomb(mb, (wchar_t)key, &st);
	if (n != (size_t)-1)
		editbuf_clean(mb, n, &typed);
	buf_append(&s->search.query, typed.data ? typed.data : "", typed.len);
	buf_free(&typed);
	/* The match shown may still match the longer query. */
	search_find(p, s->search.match < 0 ? (long)s->hist.n : s->search.match + 1);
	return 1;
}

/* While searching: what the search does with an action; 0 when the search
 * is accepted and the action goes on as usual (a motion, a kill). */
static int search_op(struct pane *p, enum prompt_op op)
{
	struct prompt *s = PROMPT(p);

	switch (op) {
	case OP_SEARCH:
		search_find(p, s->search.match < 0 ? (long)s->hist.n : s->search.match);
		return 1;
	case OP_BACKSPACE:
		search_backspace(p);
		return 1;
	case OP_CANCEL:
		search_reset(s);
		return 1;
	case OP_NEWLINE:
		prompt_search_accept(p);
		return 1;
	default:
		prompt_search_accept(p);
		return 0;
	}
}

static void search_start(struct pane *p)
{
	struct prompt *s = PROMPT(p);

	search_reset(s);
	s->search.on = 1;
	prompt_history(p);
}

static void prompt_edit(struct pane *p, enum prompt_op op)
{
	struct prompt *s = PROMPT(p);
	struct editbuf *eb = &s->eb;

	switch (op) {
	case OP_LEFT: editbuf_left(eb); break;
	case OP_RIGHT: editbuf_right(eb); break;
	case OP_UP: editbuf_up(eb, s->width, &s->goal); break;
	case OP_DOWN: editbuf_down(eb, s->width, &s->goal); break;
	case OP_HOME: editbuf_home(eb); break;
	case OP_END: editbuf_end(eb); break;
	case OP_WORD_LEFT: editbuf_word_left(eb); break;
	case OP_WORD_RIGHT: editbuf_word_right(eb); break;
	case OP_BACKSPACE: editbuf_backspace(eb); break;
	case OP_DELETE: editbuf_delete(eb); break;
	case OP_KILL_LINE: editbuf_kill_line(eb); break;
	case OP_KILL_TO_START: editbuf_kill_to_start(eb); break;
	case OP_KILL_WORD: editbuf_kill_word(eb); break;
	case OP_KILL_WORD_RIGHT: editbuf_kill_word_right(eb); break;
	case OP_YANK: editbuf_yank(eb); break;
	case OP_UNDO: editbuf_undo(eb); break;
	case OP_REDO: editbuf_redo(eb); break;
	case OP_NEWLINE: editbuf_insert(eb, "\n", 1); break;
	case OP_HIST_PREV: history_walk(p, -1); break;
	case OP_HIST_NEXT: history_walk(p, 1); break;
	case OP_SEARCH: search_start(p); break;
	case OP_EXTERNAL: s->prefix = 1; break;
	case OP_CANCEL:
		if (p->app)
			status_dismiss(&p->app->status); /* what Escape does elsewhere */
		break;
	}
}

static void prompt_do(struct pane *p, enum prompt_op op)
{
	struct prompt *s = PROMPT(p);

	p->dirty = 1;
	if (s->prefix) {
		s->prefix = 0;
		if (op == OP_END)
			prompt_external(p);
		return; /* C-x and anything else: nothing, as in Emacs */
	}
	if (s->search.on && search_op(p, op))
		return;
	if (op != OP_UP && op != OP_DOWN)
		s->goal = -1;
	prompt_edit(p, op);
}

void prompt_title_extra(struct pane *p, char *out, size_t size)
{
	struct prompt *s = PROMPT(p);

	if (s->prefix && p->app && app_focused(p->app) != p)
		s->prefix = 0; /* focus moved on (the title is redrawn then): C-x is forgotten */
	if (s->prefix) {
		snprintf(out, size, "C-x- (C-e: edit in $VISUAL)");
	} else if (s->search.on) {
		const char *m = s->search.match >= 0 && s->search.shown.data ? s->search.shown.data : "";
		int first = (int)strcspn(m, "\n");
		snprintf(out, size, "(%sreverse-i-search)'%s': %.*s", s->search.failed ? "failed " : "",
			 s->search.query.data ? s->search.query.data : "", first, m);
		/* Cut at a character boundary if the match did not fit. */
		size_t len = strlen(out);
		while (len > 0 && (unsigned char)out[len - 1] >= 0x80 && len + 1 >= size)
			out[--len] = '\0';
	} else if (s->hist_at >= 0) {
		snprintf(out, size, "history %ld/%zu", s->hist_at + 1, s->hist.n);
	}
}

#define PROMPT_ACTION(fn, op) \
	static void fn(struct app *a, struct pane *p) { (void)a; prompt_do(p, op); }
PROMPT_ACTION(act_left, OP_LEFT)
PROMPT_ACTION(act_right, OP_RIGHT)
PROMPT_ACTION(act_up, OP_UP)
PROMPT_ACTION(act_down, OP_DOWN)
PROMPT_ACTION(act_home, OP_HOME)
PROMPT_ACTION(act_end, OP_END)
PROMPT_ACTION(act_word_left, OP_WORD_LEFT)
PROMPT_ACTION(act_word_right, OP_WORD_RIGHT)
PROMPT_ACTION(act_backspace, OP_BACKSPACE)
PROMPT_ACTION(act_delete, OP_DELETE)
PROMPT_ACTION(act_kill_line, OP_KILL_LINE)
PROMPT_ACTION(act_kill_to_start, OP_KILL_TO_START)
PROMPT_ACTION(act_kill_word, OP_KILL_WORD)
PROMPT_ACTION(act_kill_word_right, OP_KILL_WORD_RIGHT)
PROMPT_ACTION(act_yank, OP_YANK)
PROMPT_ACTION(act_undo, OP_UNDO)
PROMPT_ACTION(act_redo, OP_REDO)
PROMPT_ACTION(act_newline, OP_NEWLINE)
PROMPT_ACTION(act_history_prev, OP_HIST_PREV)
PROMPT_ACTION(act_history_next, OP_HIST_NEXT)
PROMPT_ACTION(act_history_search, OP_SEARCH)
PROMPT_ACTION(act_edit_external, OP_EXTERNAL)
PROMPT_ACTION(act_cancel, OP_CANCEL)

const struct action_def prompt_actions[] = {
	{ "prompt.left", PANE_PROMPT, "Left", "move the cursor one character left", act_left },
	{ "prompt.right", PANE_PROMPT, "Right", "move the cursor one character right", act_right },
	{ "prompt.up", PANE_PROMPT, "Up", "move the cursor one row up", act_up },
	{ "prompt.down", PANE_PROMPT, "Down", "move the cursor one row down", act_down },
	{ "prompt.home", PANE_PROMPT, "Home C-a", "go to the start of the line", act_home },
	{ "prompt.end", PANE_PROMPT, "End C-e", "go to the end of the line (after C-x: edit in $VISUAL)", act_end },
	{ "prompt.word-left", PANE_PROMPT, "M-b M-Left", "go back to the start of a word", act_word_left },
	{ "prompt.word-right", PANE_PROMPT, "M-f M-Right", "go forward to the end of a word", act_word_right },
	{ "prompt.backspace", PANE_PROMPT, "Backspace C-h", "delete the character before the cursor", act_backspace },
	{ "prompt.delete", PANE_PROMPT, "Delete C-d", "delete the character under the cursor", act_delete },
	{ "prompt.kill-line", PANE_PROMPT, "C-k", "cut to the end of the line (at its end: join the next)", act_kill_line },
	{ "prompt.kill-to-start", PANE_PROMPT, "C-u", "cut to the start of the line", act_kill_to_start },
	{ "prompt.kill-word", PANE_PROMPT, "C-w", "cut the word before the cursor", act_kill_word },
	{ "prompt.kill-word-right", PANE_PROMPT, "M-d", "cut to the end of the word", act_kill_word_right },
	{ "prompt.yank", PANE_PROMPT, "C-y", "paste what was cut last", act_yank },
	{ "prompt.undo", PANE_PROMPT, "C-_ C-z", "undo (typing undoes a run of characters at once)", act_undo },
	{ "prompt.redo", PANE_PROMPT, "M-_", "redo what undo undid", act_redo },
	{ "prompt.newline", PANE_PROMPT, "Enter", "start a new line (C-s or M-Enter sends)", act_newline },
	{ "prompt.history-prev", PANE_PROMPT, "M-p", "recall the previous prompt from the history", act_history_prev },
	{ "prompt.history-next", PANE_PROMPT, "M-n", "recall the next prompt (past the newest: the draft)", act_history_next },
	{ "prompt.history-search", PANE_PROMPT, "C-r", "search the history backwards as you type (again: older)", act_history_search },
	{ "prompt.edit-external", PANE_PROMPT, "C-x", "prefix: C-x C-e edits the prompt in $VISUAL or $EDITOR", act_edit_external },
	{ "prompt.cancel", PANE_PROMPT, "Escape C-g", "cancel a search or C-x (else dismiss the error)", act_cancel },
	{ NULL, 0, NULL, NULL, NULL },
};
