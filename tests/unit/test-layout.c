/* test-layout: pane geometry for every terminal size from 1x1 to 240x80. */
#include "check.h"
#include "layout.h"

static int inside(struct rect r, int rows, int cols)
{
	return r.h == 0 || r.w == 0 ||
	       (r.y >= 0 && r.x >= 0 && r.y + r.h <= rows && r.x + r.w <= cols);
}

static int overlap(struct rect a, struct rect b)
{
	if (a.h == 0 || a.w == 0 || b.h == 0 || b.w == 0)
		return 0;
	return a.y < b.y + b.h && b.y < a.y + a.h && a.x < b.x + b.w && b.x < a.x + a.w;
}

static void layout_80x24_shows_all_panes(void)
{
	struct layout l;

	layout_compute(24, 80, NULL, &l);
	CHECK(l.status.y == 23 && l.status.h == 1 && l.status.w == 80);
	CHECK(l.pane[PANE_TREE].w == 16 && l.pane[PANE_TREE].h == 23);
	CHECK(l.sep_x == 16);
	CHECK(l.pane[PANE_STREAM].x == 17 && l.pane[PANE_STREAM].w == 63);
	CHECK(l.pane[PANE_STREAM].h == 14);
	CHECK(l.pane[PANE_LOG].h == 4);
	CHECK(l.pane[PANE_PROMPT].h == 5 && l.pane[PANE_PROMPT].y == 18);
}

static void layout_20x5_keeps_prompt_and_output(void)
{
	struct layout l;

	layout_compute(5, 20, NULL, &l);
	CHECK(l.pane[PANE_TREE].w == 0);
	CHECK(l.pane[PANE_LOG].h == 0);
	CHECK(l.pane[PANE_STREAM].h == 2 && l.pane[PANE_PROMPT].h == 2);
	CHECK(l.status.y == 4);
	CHECK(!layout_too_small(5, 20));
	CHECK(layout_too_small(3, 80));
	CHECK(layout_too_small(24, 10));
}

static void layout_every_size_is_sane(void)
{
	for (int rows = 1; rows <= 80; rows++) {
		for (int cols = 1; cols <= 240; cols++) {
			struct layout l;
			layout_compute(rows, cols, NULL, &l);
			if (layout_too_small(rows, cols))
				continue;
			int rows_used = 0;
			for (int i = 0; i < PANE__COUNT; i++) {
				CHECK(inside(l.pane[i], rows, cols));
				CHECK(!overlap(l.pane[i], l.status));
				for (int j = i + 1; j < PANE__COUNT; j++)
					CHECK(!overlap(l.pane[i], l.pane[j]));
				if (i != PANE_TREE)
					rows_used += l.pane[i].h;
			}
			/* The right-hand column fills the body exactly. */
			CHECK(rows_used == rows - 1);
			CHECK(l.pane[PANE_PROMPT].h >= 2 && l.pane[PANE_STREAM].h >= 1);
		}
	}
}

int main(void)
{
	RUN(layout_80x24_shows_all_panes);
	RUN(layout_20x5_keeps_prompt_and_output);
	RUN(layout_every_size_is_sane);
	return CHECK_EXIT();
}
