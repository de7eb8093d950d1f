/* stream-view: which display rows the output pane shows, and its cursor.
 *
 * Following, the view is the last rows. Otherwise it is anchored at a
 * stream_pos (entry, row in entry), never at a distance from the tail, so
 * text arriving below (even text that wraps the last row into new rows)
 * leaves the screen as it is. A resize re-wraps every entry and puts the
 * anchor and the cursor back on the text they were on. */
#include "stream-model.h"

#include <stdlib.h>

static size_t view_height(const struct transcript *t)
{
	return t->height > 0 ? (size_t)t->height : 1;
}

size_t transcript_total(const struct transcript *t)
{
	size_t total = 0;

	for (size_t i = 0; i < t->n; i++)
		total += transcript_entry_rows(t, i);
	return total;
}

size_t transcript_abs(const struct transcript *t, struct stream_pos pos)
{
	size_t abs = 0;

	for (size_t i = 0; i < t->n && i < pos.entry; i++)
		abs += transcript_entry_rows(t, i);
	if (pos.entry < t->n) {
		size_t rows = transcript_entry_rows(t, pos.entry);
		abs += pos.row < rows ? pos.row : rows > 0 ? rows - 1 : 0;
	}
	return abs;
}

struct stream_pos transcript_pos(const struct transcript *t, size_t abs)
{
	for (size_t i = 0; i < t->n; i++) {
		size_t rows = transcript_entry_rows(t, i);
		if (abs < rows)
			return (struct stream_pos){ i, abs };
		abs -= rows;
	}
	return (struct stream_pos){ t->n, 0 };
}

int transcript_next(const struct transcript *t, struct stream_pos *pos)
{
	pos->row++;
	while (pos->entry < t->n && pos->row >= transcript_entry_rows(t, pos->entry)) {
		pos->entry++;
		pos->row = 0;
	}
	return pos->entry < t->n;
}

static size_t view_max_top(const struct transcript *t, size_t total)
{
	return total > view_height(t) ? total - view_height(t) : 0;
}

size_t transcript_view_top(const struct transcript *t)
{
	size_t max = view_max_top(t, transcript_total(t));

	if (t->follow)
		return max;
	size_t top = transcript_abs(t, t->top);
	return top < max ? top : max;
}

static struct stream_mark mark_of(const struct transcript *t, struct stream_pos pos)
{
	struct stream_row_info ri;

	if (!transcript_row(t, pos, &ri))
		return (struct stream_mark){ pos.entry, 0, SROW_FOLD };
	return (struct stream_mark){ pos.entry, ri.start, ri.kind };
}

static struct stream_pos pos_of(const struct transcript *t, struct stream_mark m)
{
	if (m.entry >= t->n)
		return (struct stream_pos){ m.entry, 0 };
	const struct stream_entry *e = &t->e[m.entry];
	size_t head = e->kind == STREAM_REASONING ? 1 : 0, lo = 0, hi = e->nrows;

	if (m.kind == SROW_GAP)
		return (struct stream_pos){ m.entry, transcript_entry_rows(t, m.entry) - 1 };
	if (m.kind == SROW_FOLD || e->nrows == 0 || e->folded)
		return (struct stream_pos){ m.entry, 0 };
	while (hi - lo > 1) { /* the last row starting at or before off */
		size_t mid = lo + (hi - lo) / 2;
		if (e->rows[mid].start <= m.off)
			lo = mid;
		else
			hi = mid;
	}
	return (struct stream_pos){ m.entry, head + lo };
}

/* Anchor the view at row top (not following). */
static void view_anchor(struct transcript *t, size_t top)
{
	t->follow = 0;
	t->top = transcript_pos(t, top);
	t->top_mark = mark_of(t, t->top);
}

static void cursor_set(struct transcript *t, struct stream_pos pos)
{
	t->has_cursor = 1;
	t->cursor = pos;
	t->cursor_mark = mark_of(t, pos);
}

void transcript_follow(struct transcript *t)
{
	t->follow = 1;
	t->unseen = 0;
	t->has_cursor = 0;
}

void transcript_scroll(struct transcript *t, long delta)
{
	size_t max = view_max_top(t, transcript_total(t));
	long top = (long)transcript_view_top(t) + delta;

	if (top < 0)
		top = 0;
	if ((size_t)top >= max)
		transcript_follow(t);
	else
		view_anchor(t, (size_t)top);
}

void transcript_home(struct transcript *t)
{
	view_anchor(t, 0);
	cursor_set(t, transcript_pos(t, 0));
	t->has_cursor = transcript_total(t) > 0;
}

/* The cursor's row if it is in view; else -1. */
static long cursor_in_view(const struct transcript *t, size_t top, size_t total)
{
	if (!t->has_cursor || t->cursor.entry >= t->n)
		return -1;
	size_t c = transcript_abs(t, t->cursor);
	return c >= top && c < top + view_height(t) && c < total ? (long)c : -1;
}

/* Cursor on row c, the view moved just enough to show it. */
static void cursor_place(struct transcript *t, size_t c, size_t top)
{
	size_t h = view_height(t);

	if (c < top)
		top = c;
	else if (c >= top + h)
		top = c - h + 1;
	view_anchor(t, top);
	cursor_set(t, transcript_pos(t, c));
}

void transcript_cursor_move(struct transcript *t, long delta)
{
	size_t total = transcript_total(t), top = transcript_view_top(t);

	if (total == 0)
		return;
	long c = cursor_in_view(t, top, total);
	if (c < 0) {
		size_t bottom = top + view_height(t) < total ? top + view_height(t) : total;
		c = (long)bottom - 1;
	}
	c += delta;
	if (c >= (long)total) {
		transcript_follow(t);
		return;
	}
	cursor_place(t, c < 0 ? 0 : (size_t)c, top);
}

void transcript_reveal(struct transcript *t, size_t abs)
{
	size_t total = transcript_total(t), top = transcript_view_top(t), h = view_height(t);

	if (abs >= total)
		return;
	if (abs < top || abs >= top + h) {
		top = abs > h / 3 ? abs - h / 3 : 0;
		size_t max = view_max_top(t, total);
		top = top < max ? top : max;
	}
	cursor_place(t, abs, top);
}

/* The reasoning entry Enter acts on: the cursor's, else the fold line in
 * view nearest the cursor (the view's last row without one). */
static int fold_target(const struct transcript *t, size_t top, size_t total, size_t *entry)
{
	struct stream_row_info ri;
	long at = cursor_in_view(t, top, total), best = -1;

	if (at >= 0 && t->e[t->cursor.entry].kind == STREAM_REASONING) {
		*entry = t->cursor.entry;
		return 1;
	}
	if (at < 0)
		at = (long)top + (long)view_height(t) - 1;
	struct stream_pos pos = transcript_pos(t, top);
	for (size_t y = 0; y < view_height(t) && transcript_row(t, pos, &ri); y++) {
		long row = (long)(top + y), d = labs(row - at);
		if (ri.kind == SROW_FOLD && (best < 0 || d < labs(best - at))) {
			best = row;
			*entry = ri.entry;
		}
		if (!transcript_next(t, &pos))
			break;
	}
	return best >= 0;
}

int transcript_toggle_fold(struct transcript *t)
{
	size_t total = transcript_total(t), top = transcript_view_top(t), entry;
	int was_following = t->follow;

	if (!fold_target(t, top, total, &entry))
		return 0;
	size_t header = transcript_abs(t, (struct stream_pos){ entry, 0 });
	t->e[entry].folded = !t->e[entry].folded;
	/* The fold line stays where it is on screen (or comes to the top). */
	if (header < top)
		top = header;
	if (was_following && top >= view_max_top(t, transcript_total(t)))
		transcript_follow(t);
	else
		view_anchor(t, top);
	cursor_set(t, (struct stream_pos){ entry, 0 });
	return 1;
}

int transcript_unseen(const struct transcript *t)
{
	return t->unseen && !t->follow &&
	       transcript_view_top(t) + view_height(t) < transcript_total(t);
}

void transcript_set_size(struct transcript *t, int width, int height)
{
	t->height = height;
	if (width == t->width) {
		for (size_t i = 0; i < t->n; i++) /* entries added before the first size */
			if (t->e[i].wrap_w != width)
				stream_entry_wrap(&t->e[i], width);
		return;
	}
	/* From the marks taken when the view and the cursor were put where
	 * they are, so resizing back and forth never drifts. */
	t->width = width;
	for (size_t i = 0; i < t->n; i++)
		stream_entry_wrap(&t->e[i], width);
	t->top = pos_of(t, t->top_mark);
	t->cursor = pos_of(t, t->cursor_mark);
}
