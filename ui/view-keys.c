/* view-keys: the file viewer's keys (view.* actions): scrolling both ways,
 * search with n/N, editing in $EDITOR, closing. The search is typed in a
 * row at the bottom; while it is open, printable keys are its text. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "action.h"
#include "base/xmalloc.h"
#include "app.h"
#include "draw-text.h"
#include "pane-view.h"
#include "theme.h"
#include "view.h"

#define VIEW_HSTEP 8 /* columns per Left/Right */

int view_gutter(const struct view *v)
{
	int digits = 1;

	for (size_t n = v->nlines; n >= 10; n /= 10)
		digits++;
	return (digits < 3 ? 3 : digits) + 1;
}

void view_clamp(struct view *v, int height)
{
	size_t rows = v->nlines + (v->note[0] != '\0'); /* the note goes below the last line */
	size_t max_top = rows > (size_t)height ? rows - (size_t)height : 0;

	v->height = height;
	if (v->top > max_top)
		v->top = max_top;
	if (v->left < 0)
		v->left = 0;
}

int view_find_match(const struct view *v, const char *line, size_t len, size_t from, size_t *start,
		    size_t *end)
{
	size_t q = strlen(v->query);

	if (q == 0 || v->typing)
		return 0;
	for (size_t i = from; i + q <= len; i++) {
		if (strncasecmp(line + i, v->query, q) == 0 && !memchr(line + i, '\0', q)) {
			*start = i;
			*end = i + q;
			return 1;
		}
	}
	return 0;
}

void view_draw_search_row(WINDOW *w, const struct view *v, int row)
{
	int col = 0;

	wmove(w, row, 0);
	draw_text(w, "/", 1, theme_attr(TS_MARKER), 0, getmaxx(w), &col);
	draw_text(w, v->query, strlen(v->query), theme_attr(TS_NORMAL), 0, getmaxx(w), &col);
}

static int view_line_matches(const struct view *v, size_t i)
{
	size_t len, s, e;
	const char *line = view_line(v, i, &len);

	return view_find_match(v, line, len, 0, &s, &e);
}

/* Scrolls to the next line (dir 1) or previous one (-1) holding the
 * search, from line from (included), wrapping around. */
static void view_jump(struct pane *p, size_t from, int dir)
{
	struct view *v = p->state;

	if (v->query[0] == '\0') {
		app_error(p->app, "no search yet: press / and type what to find");
		return;
	}
	for (size_t k = 0; k < v->nlines; k++) {
		size_t i = (from + v->nlines + (dir > 0 ? k : v->nlines - k)) % v->nlines;
		if (view_line_matches(v, i)) {
			v->top = i > 2 ? i - 2 : 0; /* a little context above */
			v->hit = (long)i;
			p->dirty = 1;
			return;
		}
	}
	app_error(p->app, "\"%s\" is not in %s", v->query, v->path);
}

/* The search row's text: printable keys add, Backspace removes, Enter
 * searches from the top line shown. */
int view_key(struct pane *p, int key)
{
	struct view *v = p->state;
	size_t len = v ? strlen(v->query) : 0;

	if (v == NULL || !v->typing)
		return 0;
	if (key == '\r' || key == '\n' || key == (KEYC_FUNC | KEY_ENTER)) {
		v->typing = 0;
		if (v->query[0])
			view_jump(p, v->top, 1);
	} else if (key == (KEYC_FUNC | KEY_BACKSPACE) || key == 0x7f || key == 8) {
		while (len > 0 && ((unsigned char)v->query[--len] & 0xC0) == 0x80)
			;
		v->query[len] = '\0';
	} else if (key >= ' ' && !(key & (KEYC_FUNC | KEYC_META))) {
		char mb[MB_LEN_MAX];
		mbstate_t st;
		memset(&st, 0, sizeof st);
		size_t n = wcrtomb(mb, (wchar_t)key, &st);
		if (n != (size_t)-1 && len + n < sizeof v->query) {
			memcpy(v->query + len, mb, n);
			v->query[len + n] = '\0';
		}
	} else {
		return 0;
	}
	p->dirty = 1;
	return 1;
}

int view_cursor(struct pane *p, int *row, int *col)
{
	struct view *v = p->state;

	if (v == NULL || !v->typing)
		return -1;
	*row = v->height;
	*col = 1 + draw_text_width(v->query, strlen(v->query));
	return 0;
}

void view_scroll(struct pane *p, long delta)
{
	struct view *v = p->state;

	if (v == NULL)
		return;
	if (delta < 0 && (size_t)-delta > v->top)
		v->top = 0;
	else
		v->top += (size_t)delta;
	view_clamp(v, v->height > 0 ? v->height : 1);
	p->dirty = 1;
}

/* q and Escape: end typing a search, else close the viewer. */
static void act_close(struct app *a, struct pane *p)
{
	struct view *v = p->state;

	if (v && v->typing) {
		v->typing = 0;
		v->query[0] = '\0';
		p->dirty = 1;
		return;
	}
	view_close(p);
	app_relayout(a);
	app_focus_pane(a, PANE_TREE);
}

static void act_up(struct app *a, struct pane *p) { (void)a; view_scroll(p, -1); }
static void act_down(struct app *a, struct pane *p) { (void)a; view_scroll(p, 1); }
static void act_top(struct app *a, struct pane *p) { (void)a; view_scroll(p, -(1L << 40)); }
static void act_bottom(struct app *a, struct pane *p) { (void)a; view_scroll(p, 1L << 40); }

static void view_hscroll(struct pane *p, int delta)
{
	struct view *v = p->state;

	if (v) {
		v->left = v->left + delta < 0 ? 0 : v->left + delta;
		p->dirty = 1;
	}
}

static void act_left(struct app *a, struct pane *p) { (void)a; view_hscroll(p, -VIEW_HSTEP); }
static void act_right(struct app *a, struct pane *p) { (void)a; view_hscroll(p, VIEW_HSTEP); }

static void act_search(struct app *a, struct pane *p)
{
	struct view *v = p->state;

	(void)a;
	if (v) {
		v->typing = 1;
		v->query[0] = '\0';
		v->hit = -1;
		p->dirty = 1;
	}
}

static void act_next(struct app *a, struct pane *p)
{
	struct view *v = p->state;

	(void)a;
	if (v && v->nlines)
		view_jump(p, v->hit >= 0 ? ((size_t)v->hit + 1) % v->nlines : v->top, 1);
}

static void act_prev(struct app *a, struct pane *p)
{
	struct view *v = p->state;

	(void)a;
	if (v && v->nlines)
		view_jump(p, v->hit >= 0 ? ((size_t)v->hit + v->nlines - 1) % v->nlines : v->top, -1);
}

/* e: the file in $VISUAL/$EDITOR, then shown again as saved. */
static void act_edit(struct app *a, struct pane *p)
{
	struct view *v = p->state;
	char *err = NULL;

	if (v == NULL)
		return;
	char **argv = app_editor_argv(v->full);
	int r = app_external(a, argv, &err);
	app_argv_free(argv);
	if (r < 0) {
		app_error(a, "%s", err);
		free(err);
		return;
	}
	size_t top = v->top;
	char *root = xstrdup(v->root), *path = xstrdup(v->path);
	if (pane_view_open(p, root, path, &err) < 0) {
		app_error(a, "%s", err);
		free(err);
	} else {
		((struct view *)p->state)->top = top;
	}
	free(root);
	free(path);
}

const struct action_def view_actions[] = {
	{ "view.close", PANE_VIEW, "q Escape", "close the viewer (while searching: cancel the search)",
	  act_close },
	{ "view.up", PANE_VIEW, "Up", "scroll up a line", act_up },
	{ "view.down", PANE_VIEW, "Down", "scroll down a line", act_down },
	{ "view.top", PANE_VIEW, "Home g", "go to the first line", act_top },
	{ "view.bottom", PANE_VIEW, "End G", "go to the last line", act_bottom },
	{ "view.left", PANE_VIEW, "Left", "scroll left (long lines are cut at the edge)", act_left },
	{ "view.right", PANE_VIEW, "Right", "scroll right to see the rest of long lines", act_right },
	{ "view.search", PANE_VIEW, "/", "search the file (Enter finds, ignoring case)", act_search },
	{ "view.next", PANE_VIEW, "n", "go to the next line holding the search", act_next },
	{ "view.prev", PANE_VIEW, "N", "go to the previous line holding the search", act_prev },
	{ "view.edit", PANE_VIEW, "e", "edit the file in $VISUAL/$EDITOR, then show it again", act_edit },
	{ NULL, 0, NULL, NULL, NULL },
};
