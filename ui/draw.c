/* draw: one frame: panes that changed, the separator, the status line, and
 * the cursor, then a single doupdate(). */
#include <string.h>

#include "app.h"
#include "theme.h"

int app_needs_draw(const struct app *a)
{
	if (a->full_redraw || a->status.dirty)
		return 1;
	for (int i = 0; i < PANE__COUNT; i++)
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
	struct pane *p = a->pane[a->focus];
	int row, col;

	if (p->win && p->ops->cursor && p->ops->cursor(p, &row, &col) == 0 &&
	    row >= 0 && row < p->r.h - 1 && col < p->r.w) {
		curs_set(1);
		wmove(p->win, row + 1, col);
		wnoutrefresh(p->win);
	} else {
		curs_set(0);
	}
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
		for (int i = 0; i < PANE__COUNT; i++)
			if (a->pane[i]->dirty || a->full_redraw)
				pane_draw(a->pane[i], (int)i == (int)a->focus);
		if (a->status_win && (a->status.dirty || a->full_redraw))
			status_draw(&a->status, a->status_win, clock_now_ms());
		draw_cursor(a);
	}
	doupdate();
	a->full_redraw = 0;
	a->status.dirty = 0;
	a->last_frame = clock_now_ms();
}
