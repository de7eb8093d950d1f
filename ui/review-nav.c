/* review-nav: where the review is in its file set and in the rows of the
 * file shown, and where its parts go on screen. Positions are row indexes
 * in the view in effect (side by side or unified); hunks tie the two views
 * together, so switching views (or a resize that switches them) keeps the
 * current hunk in sight. The rows on screen are the view's rows with the
 * reviewer's notes between them (st->lay); positions count both, hunks
 * are found through the view's rows, so notes never count as changes. */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "review-int.h"

void review_geometry(const struct review_state *st, int h, int w, struct review_geo *g)
{
	size_t n = st->shown ? st->shown->n : 0;
	int notes = review_notes_rows(st->shown);
	/* The diff keeps 3 rows at least: the notes give way on a short
	 * terminal (the verdict row last). */
	int room = h - (w >= REVIEW_LIST_SIDE_COLS ? 1 : 1 + (n < REVIEW_LIST_TOP_ROWS ?
			(n ? (int)n : 1) : REVIEW_LIST_TOP_ROWS)) - 1 - 1 - 3;
	if (notes > room)
		notes = room > 0 ? room : 0;

	memset(g, 0, sizeof *g);
	g->unified = st->unified || w < REVIEW_MIN_SIDE_COLS;
	if (w >= REVIEW_LIST_SIDE_COLS) {
		g->list_w = w / 6 < 20 ? 20 : w / 6 > 40 ? 40 : w / 6;
		g->list_x = 0;
		g->list_y = 2; /* below the title and the list's own heading */
		g->list_h = h - 3;
		g->notes_y = 1;
		g->head_y = 1 + notes;
		g->body_x = g->list_w + 1;
		g->body_w = w - g->body_x;
	} else {
		int k = n < REVIEW_LIST_TOP_ROWS ? (int)n : REVIEW_LIST_TOP_ROWS;
		g->list_y = 1;
		g->list_h = k ? k : 1;
		g->list_w = w;
		g->notes_y = 1 + g->list_h;
		g->head_y = g->notes_y + notes;
		g->body_w = w;
	}
	g->notes_h = notes;
	g->body_y = g->head_y + 1;
	g->body_h = h - g->body_y - 1; /* the last row: key hints or the comment */
	if (g->list_h < 0)
		g->list_h = 0;
	if (g->body_h < 0)
		g->body_h = 0;
}

static int digits(size_t n)
{
	int d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

int review_number_width(const struct review_state *st)
{
	size_t n = st->sbs.d.nold > st->sbs.d.nnew ? st->sbs.d.nold : st->sbs.d.nnew;
	return digits(n) < 3 ? 3 : digits(n);
}

/* A note starts in the "+" column of the new side, with "┆ " before it. */
int review_note_width(const struct review_state *st, const struct review_geo *g)
{
	int nw = review_number_width(st), cell;

	if (g->unified)
		cell = g->body_w - 2 * nw - 2;
	else
		cell = g->body_w - 1 - (g->body_w - 1) / 2 - nw - 1;
	return cell - 2 > 1 ? cell - 2 : 1;
}

/* The view's row at the top of the screen, -1 when it is a note above
 * the first. */
static long top_view_row(const struct review_state *st)
{
	for (long i = st->top; i >= 0 && (size_t)i < st->lay.n; i--)
		if (st->lay.rows[i].note == NULL)
			return st->lay.rows[i].row;
	return -1;
}

/* Places the notes for this view and width (when they changed), keeping
 * the row at the top where it was. */
static void relayout(struct review_state *st, int unified, int width)
{
	if (st->lay_ok && st->lay_unified == unified && st->lay_width == width)
		return;
	long keep = st->lay_ok && st->lay_unified == unified ? top_view_row(st) : -1;
	const struct review_file *f = st->cur < st->shown->n ? &st->shown->files[st->cur] : NULL;
	struct review_place in = { &st->sbs, unified, st->urows, st->nurows,
				   st->shown->critique, f ? f->path : "", width };
	review_layout_free(&st->lay);
	review_layout_build(&in, &st->lay);
	st->lay_ok = 1;
	st->lay_unified = unified;
	st->lay_width = width;
	if (keep > 0)
		st->top = (long)review_layout_pos(&st->lay, keep);
}

void review_unload(struct review_state *st)
{
	review_layout_free(&st->lay);
	st->lay_ok = 0;
	sbs_free(&st->sbs);
	free(st->urows);
	free(st->uhead);
	st->urows = NULL;
	st->uhead = NULL;
	st->nurows = 0;
	st->binary = 0;
}

static int laid_out(const struct review_state *st, int unified)
{
	return st->lay_ok && st->lay_unified == unified;
}

long review_view_rows(const struct review_state *st, int unified)
{
	if (laid_out(st, unified))
		return (long)st->lay.n;
	return (long)(unified ? st->nurows : st->sbs.nrows);
}

/* Side by side, the rows before a change stay in sight above it. */
long review_hunk_top(const struct review_state *st, int unified, int h)
{
	if (h < 0 || (size_t)h >= st->sbs.nhunks)
		return 0;
	long top = unified ? (long)st->uhead[h] : (long)st->sbs.hunks[h].anchor - DIFF_CONTEXT;
	if (top < 0)
		top = 0;
	return laid_out(st, unified) ? (long)review_layout_pos(&st->lay, top) : top;
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
	/* Until the first draw tells the width, the notes take the last one. */
	int width = st->lay_width > 0 ? st->lay_width : 60;
	if (has_nul(f->old_text, f->old_len) || has_nul(f->new_text, f->new_len)) {
		st->binary = 1;
		relayout(st, st->drawn_unified, width);
		return;
	}
	sbs_build(f->old_text ? f->old_text : "", f->old_len, f->new_text ? f->new_text : "",
		  f->new_len, &st->sbs);
	sbs_unified(&st->sbs, &st->urows, &st->nurows);
	st->uhead = xcalloc(st->sbs.nhunks + 1, sizeof *st->uhead);
	for (size_t r = 0; r < st->nurows; r++)
		if (st->urows[r].kind == SBS_U_HEADER)
			st->uhead[st->urows[r].hunk] = r;
	relayout(st, st->drawn_unified, width);
	if (st->sbs.nhunks) {
		st->hunk = 0;
		st->top = review_hunk_top(st, st->drawn_unified, 0);
	}
}

/* Keeps the current hunk in sight when the view in effect changed, and
 * places the notes for the width there is now. */
void review_follow(struct pane *p)
{
	struct review_state *st = p->state;
	struct review_geo g;

	review_geometry(st, p->r.h, p->r.w, &g);
	int switched = g.unified != st->drawn_unified;
	st->drawn_unified = g.unified;
	if (st->shown == NULL || st->cur >= st->shown->n)
		return;
	relayout(st, g.unified, review_note_width(st, &g));
	if (switched)
		st->top = st->hunk >= 0 ? review_hunk_top(st, g.unified, st->hunk) : 0;
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

