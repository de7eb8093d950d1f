/* app-layout: the layout actions: zoom a pane, resize the splits, reset.
 * They only change a->lay_opts and lay out again: layout_compute() clamps
 * the sizes to what the terminal allows and writes the clamped values
 * back, so pressing grow at the limit does nothing rather than piling up
 * rows that shrinking would first have to undo. */
#include "action.h"
#include "app.h"

#define RESIZE_ROWS 1
#define RESIZE_COLS 2

static void act_zoom(struct app *a, struct pane *p)
{
	(void)p;
	a->lay_opts.zoom = a->lay_opts.zoom >= 0 ? -1 : (int)a->focus;
	app_relayout(a);
}

/* The focused pane's split moves by step (1 bigger, -1 smaller). Stacked,
 * only the line between the prompt and the pane above it can move. The
 * output has no size of its own: it gets what the log and prompt leave. */
static void app_resize_focused(struct app *a, int step)
{
	struct layout_opts *o = &a->lay_opts;

	if (o->zoom >= 0) {
		char keys[64];
		keymap_action_keys(&a->keys, action_find("zoom"), keys, sizeof keys);
		app_error(a, "the zoomed pane already fills the screen; %s unzooms it",
			  keys[0] ? keys : "the zoom action");
		return;
	}
	if (a->focus == PANE_PROMPT)
		o->prompt_delta += step * RESIZE_ROWS;
	else if (a->lay.stacked)
		o->prompt_delta -= step * RESIZE_ROWS;
	else if (a->focus == PANE_TREE)
		o->tree_delta += step * RESIZE_COLS;
	else if (a->focus == PANE_LOG)
		o->log_delta += step * RESIZE_ROWS;
	else if (step > 0 && a->lay.pane[PANE_LOG].h > 2) /* the output or viewer */
		o->log_delta -= RESIZE_ROWS;
	else
		o->prompt_delta -= step * RESIZE_ROWS;
	app_relayout(a);
}

static void act_grow(struct app *a, struct pane *p)
{
	(void)p;
	app_resize_focused(a, 1);
}

static void act_shrink(struct app *a, struct pane *p)
{
	(void)p;
	app_resize_focused(a, -1);
}

static void act_reset(struct app *a, struct pane *p)
{
	(void)p;
	a->lay_opts.zoom = -1;
	a->lay_opts.tree_delta = 0;
	a->lay_opts.prompt_delta = 0;
	a->lay_opts.log_delta = 0;
	app_relayout(a);
}

const struct action_def layout_actions[] = {
	{ "zoom", SCOPE_GLOBAL, "M-z", "show the focused pane alone on the whole screen, or back (Tab moves on)", act_zoom },
	{ "grow", SCOPE_GLOBAL, "M-=", "make the focused pane bigger (the tree wider, the others taller)", act_grow },
	{ "shrink", SCOPE_GLOBAL, "M--", "make the focused pane smaller", act_shrink },
	{ "layout-reset", SCOPE_GLOBAL, "M-0", "undo zoom and resizing: back to the default layout", act_reset },
	{ NULL, 0, NULL, NULL, NULL },
};
