/* review-nav: where the review is in its file set and in the rows of the
 * file shown, and where its parts go on screen. Positions are row indexes
 * in the view in effect (side by side or unified); hunks tie the two views
 * together, so switching views (or a resize that switches them) keeps the
 * current hunk in sight. */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "review-int.h"

void review_geometry(const struct review_state *st, int h, int w, struct review_geo *g)
{
	size_t n = st->shown ? st->shown->n : 0;

	memset(g, 0, sizeof *g);
	g->unified = st->unified || w < REVIEW_MIN_SIDE_COLS;
	if (w >= REVIEW_LIST_SIDE_COLS) {
		g->list_w = w / 6 < 20 ? 20 : w / 6 > 40 ? 40 : w / 6;
		g->list_x = 0;
		g->list_y = 2; /* below the title and the list's own heading */
		g->list_h = h - 3;
		g->head_y = 1;
		g->body_x = g->list_w + 1;
		g->body_w = w - g->body_x;
	} else {
		int k = n < REVIEW_LIST_TOP_ROWS ? (int)n : REVIEW_LIST_TOP_ROWS;
		g->list_y = 1;
		g->list_h = k ? k : 1;
		g->list_w = w;
		g->head_y = 1 + g->list_h;
		g->body_w = w;
	}
	g->body_y = g->head_y + 1;
	g->body_h = h - g->body_y - 1; /* the last row: key hints or the comment */
	if (g->list_h < 0)
		g->list_h = 0;
	if (g->body_h < 0)
		g->body_h = 0;
}

void review_unload(struct review_state *st)
{
	sbs_free(&st->sbs);
	free(st->urows);
	free(st->uhead);
	st->urows = NULL;
	st->uhead = NULL;
	st->nurows = 0;
	st->binary = 0;
}

long review_view_rows(const struct review_state *st, int unified)
{
	return (long)(unified ? st->nurows : st->sbs.nrows);
}

/* Side by side, the rows before a change stay in sight above it. */
long review_hunk_top(const struct review_state *st, int unified, int h)
{
	if (h < 0 || (size_t)h >= st->sbs.nhunks)
		return 0;
	if (unified)
		return (long)st->uhead[h];
	long top = (long)st->sbs.hunks[h].anchor - DIFF_CONTEXT;
	return top < 0 ? 0 : top;
}

static int has_nul(const char *t, size_t len)
{
	return t && memchr(t, '\0', len) != NULL;
}

void review_load(struct review_state *st, size_t i)
{
	review_unload(st);
	st->cur = i;
	st->hunk = -1;
	st->top = 0;
	if (st->shown == NULL || i >= st->shown->n)
		return;
	const struct review_file *f = &st->shown->files[i];
	if (has_nul(f->old_text, f->old_len) || has_nul(f->new_text, f->new_len)) {
		st->binary = 1;
		return;
	}
	sbs_build(f->old_text ? f->old_text : "", f->old_len, f->new_text ? f->new_text : "",
		  f->new_len, &st->sbs);
	sbs_unified(&st->sbs, &st->urows, &st->nurows);
	st->uhead = xcalloc(st->sbs.nhunks + 1, sizeof *st->uhead);
	for (size_t r = 0; r < st->nurows; r++)
		if (st->urows[r].kind == SBS_U_HEADER)
			st->uhead[st->urows[r].hunk] = r;
	if (st->sbs.nhunks) {
		st->hunk = 0;
		st->top = review_hunk_top(st, st->drawn_unified, 0);
	}
}

/* Keeps the current hunk in sight when the view in effect changed. */
void review_follow(struct pane *p)
{
	struct review_state *st = p->state;
	struct review_geo g;

	review_geometry(st, p->r.h, p->r.w, &g);
	if (g.unified != st->drawn_unified) {
		st->drawn_unified = g.unified;
		st->top = st->hunk >= 0 ? review_hunk_top(st, g.unified, st->hunk) : 0;
	}
}

/* The last row that can be at the top. */
static long max_top(const struct review_state *st, const struct review_geo *g)
{
	long max = review_view_rows(st, g->unified) - (g->body_h > 0 ? g->body_h : 1);
	return max < 0 ? 0 : max;
}

void review_clamp(struct pane *p)
{
	struct review_state *st = p->state;
	struct review_geo g;

	review_geometry(st, p->r.h, p->r.w, &g);
	if (st->top > max_top(st, &g))
		st->top = max_top(st, &g);
	if (st->top < 0)
		st->top = 0;
}

void review_scroll(struct pane *p, int delta)
{
	struct review_state *st = p->state;
	struct review_geo g;

	review_follow(p);
	st->top += delta;
	review_clamp(p);
	review_geometry(st, p->r.h, p->r.w, &g);
	/* The current hunk is the last one that starts above the fold; at the
	 * end of the file, the last one in sight. */
	long fold = st->top >= max_top(st, &g) ? st->top + g.body_h - 1 : st->top;
	st->hunk = -1;
	for (size_t h = 0; h < st->sbs.nhunks; h++)
		if (review_hunk_top(st, g.unified, (int)h) <= fold)
			st->hunk = (int)h;
	p->dirty = 1;
}

void review_go_hunk(struct pane *p, int h)
{
	struct review_state *st = p->state;

	review_follow(p);
	st->hunk = h;
	st->top = review_hunk_top(st, st->drawn_unified, h);
	review_clamp(p);
	p->dirty = 1;
}

void review_go_file(struct pane *p, size_t i, int last_hunk)
{
	struct review_state *st = p->state;

	review_follow(p);
	review_load(st, i);
	if (last_hunk && st->sbs.nhunks)
		review_go_hunk(p, (int)st->sbs.nhunks - 1);
	review_clamp(p);
	p->dirty = 1;
}

