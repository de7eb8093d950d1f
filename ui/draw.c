/* draw: one frame: panes that changed, the separator, the status line, and
 * the cursor, then a single doupdate(). */
#include <string.h>

#include "app.h"
#include "termmodes.h"
#include "theme.h"

/* 1 when a screen over the whole body hides the laid-out panes. */
static int draw_covered(const struct app *a)
{
	for (int i = 0; i < a->nscreens; i++)
		if (a->screens[i] != SCREEN_CMDLINE)
			return 1;
	return 0;
}

/* Only what would show counts: a pane hidden under a screen stays dirty
 * until uncovered, and must not keep the loop drawing. */
int app_needs_draw(const struct app *a)
{
	if (a->full_redraw || a->status.dirty)
		return 1;
	for (int i = draw_covered(a) ? PANE__LAID : 0; i < PANE__COUNT; i++)
		if (a->pane[i]->dirty && a->pane[i]->win)
			return 1;
	return 0;
}

static void draw_too_small(struct app *a)
{
	static const char note[] = "Terminal too small";

	werase(stdscr);
	wattrset(stdscr, theme_attr(TS_ERROR));
	mvwaddnstr(stdscr, 0, 0, note, a->cols);
	wattrset(stdscr, theme_attr(TS_NORMAL));
	wnoutrefresh(stdscr);
}

static void draw_separator(struct app *a)
{
	werase(stdscr);
	if (a->lay.sep_x >= 0) {
		wattrset(stdscr, theme_attr(TS_SEPARATOR));
		mvwvline(stdscr, 0, a->lay.sep_x, ACS_VLINE, a->rows - 1);
		wattrset(stdscr, theme_attr(TS_NORMAL));
	}
	wnoutrefresh(stdscr);
}

/* The focused pane's window goes out last so the terminal cursor ends up
 * where that pane wants it (or is hidden). */
static void draw_cursor(struct app *a)
{
	struct pane *p = app_focused(a);
	int top = p->ops->no_title ? 0 : 1;
	int row, col;

	if (p->win && p->ops->cursor && p->ops->cursor(p, &row, &col) == 0 &&
	    row >= 0 && row < p->r.h - top && col < p->r.w) {
		curs_set(1);
		wmove(p->win, row + top, col);
		wnoutrefresh(p->win);
	} else {
		curs_set(0);
	}
}

/* The laid-out panes (unless a full-body screen covers them), the status
 * line (unless the command line is on it), then the screens, bottom up. */
static void draw_panes(struct app *a)
{
	int covered = draw_covered(a);

	for (int i = 0; i < PANE__LAID && !covered; i++)
		if (a->pane[i]->dirty || a->full_redraw)
			pane_draw(a->pane[i], (int)i == (int)a->focus && a->nscreens == 0);
	if (a->status_win && (a->status.dirty || a->full_redraw) &&
	    !app_screen_open(a, SCREEN_CMDLINE))
		status_draw(&a->status, a->status_win, clock_now_ms());
	for (int i = 0; i < a->nscreens; i++) {
		struct pane *p = a->pane[a->screens[i]];
		if (p->dirty || a->full_redraw)
			pane_draw(p, i == a->nscreens - 1);
	}
	draw_cursor(a);
}

void app_draw(struct app *a)
{
	if (a->full_redraw)
		clearok(curscr, TRUE);
	if (layout_too_small(a->rows, a->cols)) {
		draw_too_small(a);
	} else {
		if (a->full_redraw)
			draw_separator(a);
		draw_panes(a);
	}
	termmodes_update(a);
	a->full_redraw = 0;
	a->status.dirty = 0;
	a->last_frame = clock_now_ms();
}
