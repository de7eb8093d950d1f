/* app-screens: where things are: the layout at a size, the screens opened
 * over the main one (review, projects, help, command line), and the focus. */
#include "app.h"
#include "pane-view.h"

void app_resize(struct app *a, int rows, int cols)
{
	a->rows = rows;
	a->cols = cols;
	if (a->status_win)
		delwin(a->status_win);
	a->status_win = NULL;
	app_relayout(a);
}

/* Where a screen goes: the command line on the status row, the others over
 * the whole body. */
static struct rect app_screen_rect(const struct app *a, enum pane_id screen)
{
	if (layout_too_small(a->rows, a->cols))
		return (struct rect){ 0, 0, 0, 0 };
	if (screen == SCREEN_CMDLINE)
		return a->lay.status;
	return (struct rect){ 0, 0, a->rows - 1, a->cols };
}

void app_relayout(struct app *a)
{
	a->lay_opts.focus = a->focus;
	a->lay_opts.view_open = pane_view_is_open(a->pane[PANE_VIEW]);
	layout_compute(a->rows, a->cols, &a->lay_opts, &a->lay);
	for (int i = 0; i < PANE__LAID; i++)
		pane_place(a->pane[i], a->lay.pane[i]);
	for (int i = 0; i < a->nscreens; i++)
		pane_place(a->pane[a->screens[i]], app_screen_rect(a, a->screens[i]));
	if (a->status_win == NULL && a->lay.status.w > 0) /* deleted by a resize */
		a->status_win = newwin(1, a->cols, a->lay.status.y, 0);
	if (a->pane[a->focus]->win == NULL && !a->lay.stacked)
		a->focus = PANE_PROMPT;
	a->full_redraw = 1;
}

void app_redraw_all(struct app *a)
{
	a->full_redraw = 1;
	a->status.dirty = 1;
	for (int i = 0; i < PANE__COUNT; i++)
		a->pane[i]->dirty = 1;
}

struct pane *app_focused(struct app *a)
{
	return a->pane[a->nscreens ? a->screens[a->nscreens - 1] : a->focus];
}

int app_screen_open(const struct app *a, enum pane_id screen)
{
	for (int i = 0; i < a->nscreens; i++)
		if (a->screens[i] == screen)
			return 1;
	return 0;
}

static void app_screen_remove(struct app *a, enum pane_id screen)
{
	int kept = 0;

	for (int i = 0; i < a->nscreens; i++)
		if (a->screens[i] != screen)
			a->screens[kept++] = a->screens[i];
	a->nscreens = kept;
}

void app_open_screen(struct app *a, enum pane_id screen)
{
	app_screen_remove(a, screen);
	if (a->nscreens == APP_MAX_SCREENS)
		app_close_screen(a, a->screens[0]);
	a->screens[a->nscreens++] = screen;
	pane_place(a->pane[screen], app_screen_rect(a, screen));
	app_redraw_all(a);
}

void app_close_screen(struct app *a, enum pane_id screen)
{
	struct pane *p = a->pane[screen];

	app_screen_remove(a, screen);
	pane_place(p, (struct rect){ 0, 0, 0, 0 });
	app_redraw_all(a); /* what it covered shows again */
}

void app_focus_pane(struct app *a, enum pane_id id)
{
	if (id >= PANE__LAID)
		return;
	a->focus = id;
	if (a->lay.stacked || a->pane[id]->win == NULL)
		app_relayout(a); /* a stacked layout shows the focused pane */
	for (int i = 0; i < PANE__LAID; i++)
		a->pane[i]->dirty = 1; /* titles show focus */
}
