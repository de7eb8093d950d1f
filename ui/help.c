/* help: the ? overlay (SCREEN_HELP). It lists every action of every
 * section, grouped by where it works, with the keys bound to it now (so a
 * user's keys: section shows), then the : commands with their usage. The
 * rows are rebuilt at each draw from the registry rather than kept: the
 * list is small and a rebuilt one can never go stale. / filters them. */
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "app.h"
#include "base/xmalloc.h"
#include "cmdline.h"
#include "commands.h"
#include "keymap.h"
#include "theme.h"

struct help {
	int top;             /* first row shown */
	int rows_shown;      /* rows that fit, at the last draw */
	int nrows;           /* rows in the list, at the last draw */
	struct lineedit filter;
	int filtering;       /* typing into the filter */
	int cursor_row, cursor_col;
};

/* One row: a heading, an action or a command. */
struct help_row {
	const char *heading;
	const struct action_def *action;
	const struct command *command;
	char keys[128];
};

#define HELP(p) ((struct help *)(p)->state)

static int help_matches(const char *filter, const char *a, const char *b, const char *c)
{
	return !filter[0] || strcasestr(a, filter) || strcasestr(b, filter) || strcasestr(c, filter);
}

static void help_add(struct help_row **rows, int *n, struct help_row row)
{
	*rows = xreallocarray(*rows, (size_t)*n + 1, sizeof **rows);
	(*rows)[(*n)++] = row;
}

/* The heading of a scope: "Everywhere", "Files (tree.*)". */
static const char *help_heading(struct app *a, int scope, char *out, size_t size)
{
	if (scope == SCOPE_GLOBAL)
		return "Everywhere (some keys only outside the editor)";
	snprintf(out, size, "%s (%s.*)", a->pane[scope]->ops->title, action_scope_name(scope));
	return out;
}

static int help_rows(struct app *a, const char *filter, struct help_row **rows,
		     char headings[][64])
{
	int n = 0;

	*rows = NULL;
	for (int scope = SCOPE_GLOBAL; scope < PANE__COUNT; scope++) {
		int first = 1;
		for (int s = 0; action_sections[s]; s++) {
			for (const struct action_def *d = action_sections[s]; d->name; d++) {
				struct help_row row = { .action = d };
				if (d->scope != scope)
					continue;
				keymap_action_keys(&a->keys, d, row.keys, sizeof row.keys);
				if (!help_matches(filter, d->name, row.keys, d->help))
					continue;
				if (first)
					help_add(rows, &n, (struct help_row){
						.heading = help_heading(a, scope, headings[scope + 1], 64) });
				first = 0;
				help_add(rows, &n, row);
			}
		}
	}
	int first = 1;
	for (const struct command *c = commands; c->name; c++) {
		if (!help_matches(filter, c->usage, "", c->help))
			continue;
		if (first)
			help_add(rows, &n, (struct help_row){ .heading = "Commands (: or M-x, Tab completes)" });
		first = 0;
		help_add(rows, &n, (struct help_row){ .command = c });
	}
	return n;
}

static void help_draw_row(WINDOW *w, int y, int x, int width, const struct help_row *r, int name_w,
			  int keys_w)
{
	if (r->heading) {
		wattrset(w, theme_attr(TS_OVERLAY) | A_BOLD);
		ui_put_clipped(w, y, x, r->heading, width);
		return;
	}
	const char *name = r->action ? r->action->name : r->command->usage;
	const char *keys = r->action ? r->keys : "";
	const char *help = r->action ? r->action->help : r->command->help;
	wattrset(w, theme_attr(TS_OVERLAY));
	ui_put_clipped(w, y, x + 2, name, width - 2);
	if (name_w + 3 < width)
		ui_put_clipped(w, y, x + name_w + 3, keys[0] || !r->action ? keys : "(unbound)",
			       width - name_w - 3);
	if (name_w + keys_w + 5 < width)
		ui_put_clipped(w, y, x + name_w + keys_w + 5, help, width - name_w - keys_w - 5);
}

/* The frame with its title and the keys that work here. */
static void help_frame(WINDOW *w, int h, int wd)
{
	wattrset(w, theme_attr(TS_OVERLAY));
	for (int y = 0; y < h; y++)
		mvwhline(w, y, 0, ' ', wd);
	box(w, 0, 0);
	ui_put_clipped(w, 0, 2, " Help: keys and commands ", wd - 4);
	const char *hint = " Up/Down PgUp/PgDn scroll  / filter  Esc q ? close ";
	int hw = ui_text_width(hint);
	if (hw + 30 < wd)
		ui_put_clipped(w, h - 1, wd - hw - 2, hint, hw);
}

static void help_draw(struct pane *p, WINDOW *w, int focused)
{
	struct help *h = HELP(p);
	struct help_row *rows;
	char headings[PANE__COUNT + 1][64];
	int height = getmaxy(w), width = getmaxx(w), name_w = 0, keys_w = 0;

	(void)focused;
	help_frame(w, height, width);
	int n = help_rows(p->app, lineedit_text(&h->filter), &rows, headings);
	int top_y = h->filtering || h->filter.text.len ? 3 : 1, inner = width - 4;
	h->nrows = n;
	h->rows_shown = height - 1 - top_y;
	if (h->top > n - h->rows_shown)
		h->top = n - h->rows_shown;
	if (h->top < 0)
		h->top = 0;
	for (int i = 0; i < n; i++) {
		const char *name = rows[i].action ? rows[i].action->name : rows[i].command ? rows[i].command->usage : "";
		int nw = ui_text_width(name), kw = ui_text_width(rows[i].keys);
		name_w = nw > name_w ? nw : name_w;
		keys_w = kw > keys_w ? kw : keys_w;
	}
	keys_w = keys_w < 9 ? 9 : keys_w > 22 ? 22 : keys_w; /* "(unbound)" fits */
	if (top_y == 3) {
		wattrset(w, theme_attr(TS_OVERLAY));
		mvwaddstr(w, 1, 2, "Filter: ");
		h->cursor_col = lineedit_draw(&h->filter, w, 1, 10, inner - 8);
		h->cursor_row = 1;
		if (n == 0)
			ui_put_clipped(w, 3, 2, "Nothing matches; Escape clears the filter.", inner);
	}
	for (int y = 0; y < h->rows_shown && h->top + y < n; y++)
		help_draw_row(w, top_y + y, 2, inner, &rows[h->top + y], name_w, keys_w);
	if (h->top + h->rows_shown < n && width > 12)
		ui_put_clipped(w, height - 1, 2, " more ↓ ", 8);
	wattrset(w, theme_attr(TS_NORMAL));
	free(rows);
}

static void help_scroll_by(struct pane *p, int delta)
{
	HELP(p)->top += delta; /* clamped at the next draw, which knows the size */
	if (HELP(p)->top < 0)
		HELP(p)->top = 0;
	p->dirty = 1;
}

static int help_key(struct pane *p, int key)
{
	struct help *h = HELP(p);

	p->dirty = 1;
	if (h->filtering) {
		if (key == '\r' || key == '\n') {
			h->filtering = 0;
			return 1;
		}
		if (lineedit_key(&h->filter, key)) {
			h->top = 0;
			return 1;
		}
	}
	switch (key) {
	case KEYC_FUNC | KEY_UP: help_scroll_by(p, -1); return 1;
	case KEYC_FUNC | KEY_DOWN: help_scroll_by(p, 1); return 1;
	case KEYC_FUNC | KEY_HOME: h->top = 0; return 1;
	case KEYC_FUNC | KEY_END: h->top = h->nrows; return 1;
	}
	return 0; /* printable keys go on to the bindings (q, ?, /) */
}

static int help_cursor(struct pane *p, int *row, int *col)
{
	if (!HELP(p)->filtering)
		return -1;
	*row = HELP(p)->cursor_row;
	*col = HELP(p)->cursor_col;
	return 0;
}

static void help_paste(struct pane *p, const char *text, size_t len)
{
	if (HELP(p)->filtering) {
		lineedit_insert(&HELP(p)->filter, text, len);
		p->dirty = 1;
	}
}

static void help_free(struct pane *p)
{
	lineedit_free(&HELP(p)->filter);
	free(p->state);
}

static const struct pane_ops help_ops = {
	.title = "Help",
	.draw = help_draw,
	.key = help_key,
	.cursor = help_cursor,
	.paste = help_paste,
	.scroll_by = help_scroll_by,
	.free = help_free,
	.wants_text = 1,
	.no_title = 1,
};

struct pane *screen_help_new(void)
{
	struct pane *p = xcalloc(1, sizeof *p);
	p->ops = &help_ops;
	p->state = xcalloc(1, sizeof(struct help));
	return p;
}

/* F1 or ?: opens the overlay at the top, unfiltered; closes it when it is
 * the top screen already. */
static void act_help(struct app *a, struct pane *p)
{
	struct help *h = HELP(a->pane[SCREEN_HELP]);

	(void)p;
	if (app_focused(a) == a->pane[SCREEN_HELP]) {
		app_close_screen(a, SCREEN_HELP);
		return;
	}
	h->top = 0;
	h->filtering = 0;
	lineedit_set(&h->filter, "");
	app_open_screen(a, SCREEN_HELP);
}

/* Escape first leaves the filter, then closes. */
static void act_close(struct app *a, struct pane *p)
{
	struct help *h = HELP(p);

	if (h->filtering || h->filter.text.len) {
		h->filtering = 0;
		lineedit_set(&h->filter, "");
		p->dirty = 1;
		return;
	}
	app_close_screen(a, SCREEN_HELP);
}

static void act_quit(struct app *a, struct pane *p)
{
	(void)p;
	app_close_screen(a, SCREEN_HELP);
}

static void act_filter(struct app *a, struct pane *p)
{
	(void)a;
	HELP(p)->filtering = 1;
	p->dirty = 1;
}

const struct action_def help_actions[] = {
	{ "help", SCOPE_GLOBAL, "F1 ?", "list the keys and commands (? only outside the editor)", act_help },
	{ "help.close", SCREEN_HELP, "Escape", "clear the filter, else close the help", act_close },
	{ "help.quit", SCREEN_HELP, "q ?", "close the help", act_quit },
	{ "help.filter", SCREEN_HELP, "/", "show only the actions and commands matching what you type", act_filter },
	{ NULL, 0, NULL, NULL, NULL },
};
