/* layout: splits the screen into tree | (output / log / prompt) + status.
 *
 * Pure arithmetic so every terminal size can be unit-tested. Three modes:
 * - zoomed: the focused pane alone over the body (zoom follows the focus,
 *   so Tab walks through the panes one at a time, each full screen);
 * - stacked: the terminal is too narrow for the tree beside the column or
 *   too short for three panes of three rows; rather than squeeze, the
 *   prompt and one other pane (the focused one) show at full width;
 * - normal: the tree on the left, then output (with the viewer beside it
 *   on wide terminals, or in its place), the sandbox log and the prompt.
 * The user's split deltas are clamped here and the clamped values written
 * back, so growing a pane past its limit stops instead of piling up. */
#include "layout.h"

#include <string.h>

#define TREE_MIN_TERM_COLS 60 /* narrower: no room for the tree beside the column */
#define STACK_MIN_BODY 9      /* shorter: output, log and prompt cannot get 3 rows each */
#define WIDE_VIEW_COLS 140    /* wider: the viewer sits beside the output */
#define PANE_MIN_ROWS 2       /* a title row and one row of content */
#define PROMPT_MIN_ROWS 3     /* a title row and two lines to edit */
#define TREE_MIN_W 10
#define COLUMN_MIN_W 30

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

int layout_too_small(int rows, int cols)
{
	return rows < LAYOUT_MIN_ROWS || cols < LAYOUT_MIN_COLS;
}

/* The pane the user is in, if it can be shown (the viewer needs a file). */
static enum pane_id layout_focus(const struct layout_opts *o)
{
	if ((int)o->focus < 0 || o->focus >= PANE__LAID)
		return PANE_PROMPT;
	if (o->focus == PANE_VIEW && !o->view_open)
		return PANE_PROMPT;
	return (enum pane_id)o->focus;
}

/* Where the output goes when there is room for one pane only: the viewer
 * while a file is open, unless the user asked for the output itself. */
static enum pane_id layout_output_slot(const struct layout_opts *o)
{
	return o->view_open && layout_focus(o) != PANE_STREAM ? PANE_VIEW : PANE_STREAM;
}

static void layout_zoomed(struct layout_opts *o, int body, int cols, struct layout *out)
{
	enum pane_id shown = layout_focus(o);

	o->zoom = shown;
	out->pane[shown] = (struct rect){ 0, 0, body, cols };
	out->stacked = 1; /* Tab moves the zoom to the next pane */
}

/* The prompt at the bottom, the focused pane (or the output) above it. */
static void layout_stacked(struct layout_opts *o, int body, int cols, struct layout *out)
{
	enum pane_id focus = layout_focus(o);
	enum pane_id other = focus != PANE_PROMPT ? focus : layout_output_slot(o);
	int dflt = body >= 12 ? clamp(body / 4, 4, 10) : clamp(body / 2, 2, 4);
	int lo = body >= PROMPT_MIN_ROWS + PANE_MIN_ROWS ? PROMPT_MIN_ROWS : 2;
	int hi = body - PANE_MIN_ROWS > lo ? body - PANE_MIN_ROWS : lo;
	int prompt_h = clamp(dflt + o->prompt_delta, lo, hi);

	o->prompt_delta = prompt_h - dflt;
	out->pane[other] = (struct rect){ 0, 0, body - prompt_h, cols };
	out->pane[PANE_PROMPT] = (struct rect){ body - prompt_h, 0, prompt_h, cols };
	out->stacked = 1;
}

/* The tree down the left; returns the first column right of its line. */
static int layout_tree(struct layout_opts *o, int body, int cols, struct layout *out)
{
	int dflt = clamp(cols / 5, 16, 32);
	int w = clamp(dflt + o->tree_delta, TREE_MIN_W, cols - 1 - COLUMN_MIN_W);

	o->tree_delta = w - dflt;
	out->pane[PANE_TREE] = (struct rect){ 0, 0, body, w };
	out->sep_x = w;
	return w + 1;
}

/* The output's place: output and viewer side by side when wide enough,
 * else the one layout_output_slot() picks. */
static void layout_output(const struct layout_opts *o, struct rect area, int cols,
			  struct layout *out)
{
	if (o->view_open && cols >= WIDE_VIEW_COLS) {
		int left = area.w / 2;
		out->pane[PANE_STREAM] = (struct rect){ area.y, area.x, area.h, left };
		out->pane[PANE_VIEW] = (struct rect){ area.y, area.x + left, area.h, area.w - left };
		return;
	}
	out->pane[layout_output_slot(o)] = area;
}

/* The right-hand column: output on top, then the log, the prompt below.
 * The prompt's size is honoured first, then the log's; the output takes
 * what is left (at least PANE_MIN_ROWS). */
static void layout_column(struct layout_opts *o, int x, int w, int body, int cols,
			  struct layout *out)
{
	int prompt_dflt = body >= 12 ? clamp(body / 4, 4, 10) : PROMPT_MIN_ROWS;
	int log_dflt = body >= 16 ? clamp(body / 5, 3, 12) : 3;
	int prompt_h = clamp(prompt_dflt + o->prompt_delta, PROMPT_MIN_ROWS, body - 2 * PANE_MIN_ROWS);
	int log_h = clamp(log_dflt + o->log_delta, PANE_MIN_ROWS, body - prompt_h - PANE_MIN_ROWS);
	int output_h = body - prompt_h - log_h;

	o->prompt_delta = prompt_h - prompt_dflt;
	o->log_delta = log_h - log_dflt;
	layout_output(o, (struct rect){ 0, x, output_h, w }, cols, out);
	out->pane[PANE_LOG] = (struct rect){ output_h, x, log_h, w };
	out->pane[PANE_PROMPT] = (struct rect){ output_h + log_h, x, prompt_h, w };
}

void layout_compute(int rows, int cols, struct layout_opts *opts, struct layout *out)
{
	struct layout_opts defaults = { .zoom = -1, .focus = PANE_PROMPT };
	struct layout_opts *o = opts ? opts : &defaults;

	memset(out, 0, sizeof *out);
	out->sep_x = -1;
	if (layout_too_small(rows, cols))
		return;
	int body = rows - 1;
	out->status = (struct rect){ rows - 1, 0, 1, cols };
	if (o->zoom >= 0)
		layout_zoomed(o, body, cols, out);
	else if (cols < TREE_MIN_TERM_COLS || body < STACK_MIN_BODY)
		layout_stacked(o, body, cols, out);
	else {
		int x = layout_tree(o, body, cols, out);
		layout_column(o, x, cols - x, body, cols, out);
	}
}
