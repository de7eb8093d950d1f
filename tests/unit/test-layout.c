/* test-layout: pane geometry for every terminal size from 1x1 to 240x80,
 * with every kind of layout option (zoom, viewer, split deltas, focus),
 * and the figures of the usual sizes. */
#include <string.h>

#include "check.h"
#include "layout.h"

static int shown(struct rect r)
{
	return r.h > 0 && r.w > 0;
}

static int inside(struct rect r, int rows, int cols)
{
	return !shown(r) || (r.y >= 0 && r.x >= 0 && r.y + r.h <= rows && r.x + r.w <= cols);
}

static int overlap(struct rect a, struct rect b)
{
	if (!shown(a) || !shown(b))
		return 0;
	return a.y < b.y + b.h && b.y < a.y + a.h && a.x < b.x + b.w && b.x < a.x + a.w;
}

static struct layout_opts opts_default(void)
{
	return (struct layout_opts){ .zoom = -1, .focus = PANE_PROMPT };
}

static void layout_80x24_shows_all_panes(void)
{
	struct layout l;

	layout_compute(24, 80, NULL, &l);
	CHECK(!l.stacked);
	CHECK(l.status.y == 23 && l.status.h == 1 && l.status.w == 80);
	CHECK(l.pane[PANE_TREE].w == 16 && l.pane[PANE_TREE].h == 23);
	CHECK(l.sep_x == 16);
	CHECK(l.pane[PANE_STREAM].x == 17 && l.pane[PANE_STREAM].w == 63);
	CHECK(l.pane[PANE_STREAM].h == 14);
	CHECK(l.pane[PANE_LOG].h == 4);
	CHECK(l.pane[PANE_PROMPT].h == 5 && l.pane[PANE_PROMPT].y == 18);
	CHECK(!shown(l.pane[PANE_VIEW]));
}

static void layout_200x60_shows_all_panes(void)
{
	struct layout l;

	layout_compute(60, 200, NULL, &l);
	CHECK(!l.stacked);
	for (int i = 0; i < PANE__LAID; i++)
		CHECK(shown(l.pane[i]) == (i != PANE_VIEW));
	CHECK(l.pane[PANE_TREE].w == 32);
	CHECK(l.pane[PANE_PROMPT].y + l.pane[PANE_PROMPT].h == 59);
}

static void layout_20x5_keeps_prompt_and_output(void)
{
	struct layout l;

	layout_compute(5, 20, NULL, &l);
	CHECK(l.stacked);
	CHECK(l.pane[PANE_TREE].w == 0);
	CHECK(l.pane[PANE_LOG].h == 0);
	CHECK(l.pane[PANE_STREAM].h == 2 && l.pane[PANE_PROMPT].h == 2);
	CHECK(l.status.y == 4);
	CHECK(!layout_too_small(5, 20));
	CHECK(layout_too_small(3, 80));
	CHECK(layout_too_small(24, 10));
}

static void layout_viewer_beside_or_instead_of_output(void)
{
	struct layout_opts o = opts_default();
	struct layout l;

	o.view_open = 1;
	layout_compute(60, 200, &o, &l);
	struct rect s = l.pane[PANE_STREAM], v = l.pane[PANE_VIEW];
	CHECK(shown(s) && shown(v));
	CHECK(s.y == v.y && s.h == v.h && s.x + s.w == v.x);
	CHECK(v.x + v.w == 200);

	layout_compute(24, 80, &o, &l);
	CHECK(!shown(l.pane[PANE_STREAM]));
	CHECK(l.pane[PANE_VIEW].x == 17 && l.pane[PANE_VIEW].w == 63 && l.pane[PANE_VIEW].h == 14);

	o.focus = PANE_STREAM; /* asking for the output shows it in the viewer's place */
	layout_compute(24, 80, &o, &l);
	CHECK(shown(l.pane[PANE_STREAM]) && !shown(l.pane[PANE_VIEW]));
}

static void layout_zoom_shows_one_pane(void)
{
	struct layout_opts o = opts_default();
	struct layout l;

	o.zoom = o.focus = PANE_LOG;
	layout_compute(24, 80, &o, &l);
	CHECK(l.stacked);
	CHECK(l.pane[PANE_LOG].y == 0 && l.pane[PANE_LOG].x == 0);
	CHECK(l.pane[PANE_LOG].h == 23 && l.pane[PANE_LOG].w == 80);
	for (int i = 0; i < PANE__LAID; i++)
		CHECK(i == PANE_LOG || !shown(l.pane[i]));
	CHECK(l.status.y == 23);

	o.focus = PANE_TREE; /* Tab while zoomed: the zoom follows the focus */
	layout_compute(24, 80, &o, &l);
	CHECK(o.zoom == PANE_TREE && l.pane[PANE_TREE].h == 23 && !shown(l.pane[PANE_LOG]));

	o.zoom = -1;
	layout_compute(24, 80, &o, &l);
	CHECK(!l.stacked && shown(l.pane[PANE_LOG]) && l.pane[PANE_TREE].h == 23);
}

static void layout_small_terminals_stack(void)
{
	struct layout_opts o = opts_default();
	struct layout l;

	layout_compute(20, 50, &o, &l);
	CHECK(l.stacked);
	CHECK(l.pane[PANE_STREAM].w == 50 && l.pane[PANE_PROMPT].w == 50);
	CHECK(l.pane[PANE_STREAM].h + l.pane[PANE_PROMPT].h == 19);
	CHECK(!shown(l.pane[PANE_TREE]) && !shown(l.pane[PANE_LOG]));

	o.focus = PANE_TREE;
	layout_compute(20, 50, &o, &l);
	CHECK(shown(l.pane[PANE_TREE]) && shown(l.pane[PANE_PROMPT]));
	CHECK(!shown(l.pane[PANE_STREAM]) && l.pane[PANE_TREE].w == 50);

	o.focus = PANE_LOG; /* short but wide: stacked too */
	layout_compute(9, 200, &o, &l);
	CHECK(l.stacked && shown(l.pane[PANE_LOG]) && !shown(l.pane[PANE_TREE]));
	CHECK(l.pane[PANE_PROMPT].h >= 3);

	layout_compute(10, 60, &o, &l); /* the smallest that shows everything */
	CHECK(!l.stacked);
	CHECK(l.pane[PANE_STREAM].h == 3 && l.pane[PANE_LOG].h == 3 && l.pane[PANE_PROMPT].h == 3);
}

static void layout_deltas_resize_and_stop(void)
{
	struct layout_opts o = opts_default();
	struct layout l;

	o.prompt_delta = 1;
	layout_compute(24, 80, &o, &l);
	CHECK(l.pane[PANE_PROMPT].y == 17 && l.pane[PANE_PROMPT].h == 6);
	CHECK(l.pane[PANE_STREAM].h == 13 && o.prompt_delta == 1);

	o.prompt_delta = 1000; /* clamped, written back, and growing again stops */
	layout_compute(24, 80, &o, &l);
	int top = l.pane[PANE_PROMPT].h;
	CHECK(top == 23 - 4 && l.pane[PANE_STREAM].h == 2 && l.pane[PANE_LOG].h == 2);
	CHECK(o.prompt_delta == top - 5);
	o.prompt_delta++;
	layout_compute(24, 80, &o, &l);
	CHECK(l.pane[PANE_PROMPT].h == top && o.prompt_delta == top - 5);

	o = opts_default();
	o.log_delta = -50;
	o.tree_delta = -50;
	layout_compute(24, 80, &o, &l);
	CHECK(l.pane[PANE_LOG].h == 2 && o.log_delta == -2);
	CHECK(l.pane[PANE_TREE].w == 10 && l.sep_x == 10 && o.tree_delta == -6);
	o.tree_delta = 50;
	layout_compute(24, 80, &o, &l);
	CHECK(l.pane[PANE_TREE].w == 80 - 1 - 30 && l.pane[PANE_STREAM].w == 30);
}

/* The option sets the property test runs every size with. */
static struct layout_opts opts_case(int n)
{
	struct layout_opts o = opts_default();
	int big[] = { 0, 1000, -1000, 3, -3 };

	o.focus = n % PANE__LAID;
	o.view_open = (n / PANE__LAID) % 2;
	if ((n / (2 * PANE__LAID)) % 3 == 1)
		o.zoom = o.focus;
	o.tree_delta = big[(n / 3) % 5];
	o.prompt_delta = big[(n / 5) % 5];
	o.log_delta = big[(n / 7) % 5];
	return o;
}
#define OPTS_CASES (2 * PANE__LAID * 3 * 2)

/* Every shown pane is inside, nothing overlaps, the body is covered. */
static void check_geometry(const struct layout *l, int rows, int cols)
{
	int area = l->sep_x >= 0 ? rows - 1 : 0;

	CHECK(l->status.y == rows - 1 && l->status.x == 0 && l->status.h == 1 && l->status.w == cols);
	for (int i = 0; i < PANE__LAID; i++) {
		CHECK(inside(l->pane[i], rows - 1, cols));
		for (int j = i + 1; j < PANE__LAID; j++)
			CHECK(!overlap(l->pane[i], l->pane[j]));
		if (shown(l->pane[i])) {
			area += l->pane[i].h * l->pane[i].w;
			CHECK(l->sep_x < 0 || l->pane[i].x > l->sep_x || l->pane[i].x + l->pane[i].w <= l->sep_x);
			CHECK(rows < 5 || l->pane[i].h >= 2);
		}
	}
	CHECK(area == (rows - 1) * cols);
}

static void check_panes(const struct layout *l, const struct layout_opts *asked,
			const struct layout_opts *o, int rows)
{
	int focus = asked->focus == PANE_VIEW && !asked->view_open ? PANE_PROMPT : asked->focus;
	struct rect prompt = l->pane[PANE_PROMPT];

	CHECK(shown(l->pane[focus])); /* stacked or zoomed too */
	CHECK(shown(l->pane[PANE_VIEW]) <= asked->view_open);
	if (asked->zoom < 0) {
		CHECK(shown(prompt) && prompt.y + prompt.h == rows - 1);
		CHECK(rows < 6 || prompt.h >= 3);
	} else {
		CHECK(l->stacked && o->zoom == focus);
	}
	if (!l->stacked)
		for (int i = 0; i < PANE__LAID; i++)
			CHECK(shown(l->pane[i]) || i == PANE_VIEW || (i == PANE_STREAM && asked->view_open));
}

/* Laying out again with the written-back deltas changes nothing. */
static void check_stable(const struct layout *l, const struct layout_opts *o, int rows, int cols)
{
	struct layout_opts again = *o;
	struct layout l2;

	layout_compute(rows, cols, &again, &l2);
	CHECK(memcmp(&again, o, sizeof again) == 0);
	CHECK(memcmp(&l2, l, sizeof l2) == 0);
}

static void layout_every_size_is_sane(void)
{
	for (int rows = 1; rows <= 80; rows++) {
		for (int cols = 1; cols <= 240; cols++) {
			for (int n = 0; n < OPTS_CASES; n++) {
				struct layout_opts asked = opts_case(n), o = asked;
				struct layout l;
				layout_compute(rows, cols, &o, &l);
				if (layout_too_small(rows, cols)) {
					for (int i = 0; i < PANE__LAID; i++)
						CHECK(!shown(l.pane[i]));
					continue;
				}
				check_geometry(&l, rows, cols);
				check_panes(&l, &asked, &o, rows);
				check_stable(&l, &o, rows, cols);
			}
		}
	}
}

int main(void)
{
	RUN(layout_80x24_shows_all_panes);
	RUN(layout_200x60_shows_all_panes);
	RUN(layout_20x5_keeps_prompt_and_output);
	RUN(layout_viewer_beside_or_instead_of_output);
	RUN(layout_zoom_shows_one_pane);
	RUN(layout_small_terminals_stack);
	RUN(layout_deltas_resize_and_stop);
	RUN(layout_every_size_is_sane);
	return CHECK_EXIT();
}
