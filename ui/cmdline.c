/* cmdline: the : command line (SCREEN_CMDLINE, on the status row) and the
 * completion of its words. The one-line editor is lineedit.c (the projects
 * screen's name prompt edits the same way); the commands themselves live
 * in commands.c, so this file only walks the session's history and
 * completes a word. */
#include "cmdline.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "action.h"
#include "app.h"
#include "base/xmalloc.h"
#include "commands.h"
#include "draw-text.h"
#include "keymap.h"
#include "theme.h"

#define CTRL(c) ((c) - 'a' + 1)

/* The screen. History is this session's commands; completion state lives
 * from one Tab to the next and any other key forgets it. */
struct cmdline {
	struct lineedit ed;
	char **history;
	size_t nhistory, hpos; /* hpos == nhistory: the line being typed */
	char *draft;           /* that line, while walking the history */
	char **cands;          /* the matches shown after an ambiguous Tab */
	size_t ncands, next, word_start;
	const char *note;      /* "no completion", shown after the text */
	int cursor_col;
};

#define CL(p) ((struct cmdline *)(p)->state)

static void cmdline_forget(struct cmdline *c)
{
	commands_list_free(c->cands, c->ncands);
	c->cands = NULL;
	c->ncands = c->next = 0;
	c->note = NULL;
}

static void cmdline_draw(struct pane *p, WINDOW *w, int focused)
{
	struct cmdline *c = CL(p);
	int width = getmaxx(w);

	(void)focused;
	wattrset(w, theme_attr(TS_NORMAL));
	mvwaddch(w, 0, 0, ':');
	c->cursor_col = lineedit_draw(&c->ed, w, 0, 1, width - 1);
	int x = getcurx(w) + 2;
	if (c->note && x < width)
		ui_put_clipped(w, 0, x, c->note, width - x);
	for (size_t i = 0; i < c->ncands && x < width; i++) {
		/* The one Tab will insert next is bracketed: visible without colour. */
		int current = c->next == i;
		char *item = xasprintf(current ? "[%s]" : " %s ", c->cands[i]);
		wattrset(w, theme_attr(current ? TS_SELECTED : TS_STATUS));
		x += ui_put_clipped(w, 0, x, item, width - x);
		free(item);
	}
	wattrset(w, theme_attr(TS_NORMAL));
}

static int cmdline_cursor(struct pane *p, int *row, int *col)
{
	*row = 0;
	*col = CL(p)->cursor_col;
	return 0;
}

static int cmdline_key(struct pane *p, int key)
{
	struct cmdline *c = CL(p);

	cmdline_forget(c);
	p->dirty = 1;
	return lineedit_key(&c->ed, key);
}

static void cmdline_paste(struct pane *p, const char *text, size_t len)
{
	cmdline_forget(CL(p));
	lineedit_insert(&CL(p)->ed, text, len);
	p->dirty = 1;
}

static void cmdline_free(struct pane *p)
{
	struct cmdline *c = CL(p);

	cmdline_forget(c);
	lineedit_free(&c->ed);
	commands_list_free(c->history, c->nhistory);
	free(c->draft);
	free(c);
}

static const struct pane_ops cmdline_ops = {
	.title = "Command",
	.draw = cmdline_draw,
	.key = cmdline_key,
	.cursor = cmdline_cursor,
	.paste = cmdline_paste,
	.free = cmdline_free,
	.wants_text = 1,
	.no_title = 1,
};

struct pane *screen_cmdline_new(void)
{
	struct pane *p = xcalloc(1, sizeof *p);
	p->ops = &cmdline_ops;
	p->state = xcalloc(1, sizeof(struct cmdline));
	return p;
}

/* The words before the cursor's word: how many, and the first one. */
static int cmdline_words_before(const char *text, size_t end, char *first, size_t size)
{
	int count = 0;
	size_t i = 0;

	first[0] = '\0';
	while (i < end) {
		while (i < end && (text[i] == ' ' || (count == 0 && text[i] == ':')))
			i++;
		size_t start = i;
		while (i < end && text[i] != ' ')
			i++;
		if (i > start && count++ == 0)
			snprintf(first, size, "%.*s", (int)(i - start), text + start);
	}
	return count;
}

/* Tab: a single match is completed with a space after it; several are
 * completed as far as they agree and listed, and the next Tabs insert
 * them in turn. */
static void cmdline_complete(struct app *a, struct cmdline *c)
{
	if (c->ncands > 1) {
		lineedit_replace(&c->ed, c->word_start, c->ed.cursor, c->cands[c->next]);
		c->next = (c->next + 1) % c->ncands;
		return;
	}
	cmdline_forget(c);
	const char *text = lineedit_text(&c->ed);
	size_t start = c->ed.cursor;
	while (start > 0 && text[start - 1] != ' ' && text[start - 1] != ':')
		start--;
	char cmd[64], common[256];
	int argi = cmdline_words_before(text, start, cmd, sizeof cmd);
	char *word = xstrndup(text + start, c->ed.cursor - start);
	size_t n = 0;
	char **all = commands_candidates(a, cmd, argi, &n);
	size_t matches = complete_common(word, (const char *const *)all, n, common, sizeof common);
	if (matches == 0) {
		c->note = argi > 0 && !command_find(cmd) ? "(no such command)" : "(no completion)";
	} else if (matches == 1) {
		char *done = xasprintf("%s ", common);
		lineedit_replace(&c->ed, start, c->ed.cursor, done);
		free(done);
	} else {
		lineedit_replace(&c->ed, start, c->ed.cursor, common);
		c->cands = xcalloc(matches, sizeof *c->cands);
		for (size_t i = 0; i < n; i++)
			if (strncmp(all[i], word, strlen(word)) == 0)
				c->cands[c->ncands++] = xstrdup(all[i]);
		c->word_start = start;
	}
	free(word);
	commands_list_free(all, n);
}

static void act_complete(struct app *a, struct pane *p)
{
	cmdline_complete(a, CL(p));
	p->dirty = 1;
}

static void act_run(struct app *a, struct pane *p)
{
	struct cmdline *c = CL(p);
	char *line = xstrdup(lineedit_text(&c->ed));

	cmdline_forget(c);
	if (line[strspn(line, " :")] && (c->nhistory == 0 || strcmp(c->history[c->nhistory - 1], line))) {
		c->history = xreallocarray(c->history, c->nhistory + 1, sizeof *c->history);
		c->history[c->nhistory++] = xstrdup(line);
	}
	/* Closed first: a command may open another screen (help, review). */
	app_close_screen(a, SCREEN_CMDLINE);
	commands_run(a, line);
	free(line);
}

static void act_cancel(struct app *a, struct pane *p)
{
	cmdline_forget(CL(p));
	app_close_screen(a, SCREEN_CMDLINE);
}

static void cmdline_history(struct pane *p, int step)
{
	struct cmdline *c = CL(p);

	cmdline_forget(c);
	if ((step < 0 && c->hpos == 0) || (step > 0 && c->hpos >= c->nhistory))
		return;
	if (c->hpos == c->nhistory) {
		free(c->draft);
		c->draft = xstrdup(lineedit_text(&c->ed));
	}
	c->hpos = (size_t)((long)c->hpos + step);
	lineedit_set(&c->ed, c->hpos == c->nhistory ? (c->draft ? c->draft : "") : c->history[c->hpos]);
	p->dirty = 1;
}

static void act_history_prev(struct app *a, struct pane *p) { (void)a; cmdline_history(p, -1); }
static void act_history_next(struct app *a, struct pane *p) { (void)a; cmdline_history(p, 1); }

static void act_command(struct app *a, struct pane *focused)
{
	struct cmdline *c = CL(a->pane[SCREEN_CMDLINE]);

	(void)focused;
	cmdline_forget(c);
	lineedit_set(&c->ed, "");
	c->hpos = c->nhistory;
	app_open_screen(a, SCREEN_CMDLINE);
}

const struct action_def cmdline_actions[] = {
	{ "cmdline.run", SCREEN_CMDLINE, "Enter", "run the command typed", act_run },
	{ "cmdline.cancel", SCREEN_CMDLINE, "Escape C-g", "close the command line without running it", act_cancel },
	{ "cmdline.complete", SCREEN_CMDLINE, "Tab", "complete the command or argument; again: the next candidate", act_complete },
	{ "cmdline.history-prev", SCREEN_CMDLINE, "Up", "the previous command of this session", act_history_prev },
	{ "cmdline.history-next", SCREEN_CMDLINE, "Down", "the next command of this session", act_history_next },
	{ NULL, 0, NULL, NULL, NULL },
};

const struct action_def command_actions[] = {
	{ "command", SCOPE_GLOBAL, ": M-x", "open the command line (: only outside the editor)", act_command },
	{ NULL, 0, NULL, NULL, NULL },
};
