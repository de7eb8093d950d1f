/* review-frame: what surrounds the diff rows on the review screen: the
 * title row, the file list (a column on wide terminals, a few rows on top
 * otherwise), the reviewer agent's verdict with its comments on files the
 * diff does not show, the row naming the two sides, and the last row, which shows
 * the keys (as bound, so a user's keys: section shows) or the comment
 * being written. */
#include <stdio.h>
#include <string.h>

#include "action.h"
#include "keymap.h"
#include "review-int.h"
#include "theme.h"

static void fill(WINDOW *w, int y, int x, int n, int attr)
{
	wattrset(w, attr);
	for (int i = 0; i < n; i++)
		mvwaddch(w, y, x + i, ' ');
}

static size_t accepted(const struct review_set *set)
{
	size_t n = 0;

	for (size_t i = 0; i < set->n; i++)
		n += set->files[i].accepted != 0;
	return n;
}

static void draw_title(WINDOW *w, const struct review_state *st, const struct review_geo *g, int width)
{
	const struct review_set *set = st->shown;
	struct buf t = BUF_INIT;

	buf_printf(&t, "Review · %s", set->title ? set->title : "");
	if (set->n)
		buf_printf(&t, " · %s (file %zu/%zu)", set->files[st->cur].path, st->cur + 1, set->n);
	if (st->sbs.nhunks && st->hunk >= 0)
		buf_printf(&t, " · hunk %d/%zu", st->hunk + 1, st->sbs.nhunks);
	else if (st->sbs.nhunks)
		buf_printf(&t, " · %zu hunks", st->sbs.nhunks);
	buf_printf(&t, " · %s", g->unified ? "unified" : "side by side");
	if (st->sbs.d.fallback)
		buf_printf(&t, " · too many changes to align: shown as removed, then added");
	if (set == st->pending)
		buf_printf(&t, " · %zu of %zu files accepted", accepted(set), set->n);
	int attr = theme_attr(TS_TITLE_FOCUS);
	fill(w, 0, 0, width, attr);
	review_text(w, 0, 1, width - 1, t.data, t.len, NULL, 0, attr, attr);
	buf_free(&t);
}

static void draw_item(WINDOW *w, int y, int x, int width, const struct review_state *st, size_t i)
{
	const struct review_file *f = &st->shown->files[i];
	int base = theme_attr(i == st->cur ? TS_SELECTED : TS_NORMAL);
	enum theme_slot mark = !f->old_exists ? TS_MARK_ADDED : !f->new_exists ? TS_MARK_DELETED
									     : TS_MARK_MODIFIED;
	int col = 2;

	if (width < 6)
		return;
	fill(w, y, x, width, base);
	mvwaddstr(w, y, x, i == st->cur ? ">" : " ");
	if (st->shown == st->pending) {
		wattrset(w, theme_attr(f->accepted ? TS_MARK_ADDED : TS_MARK_DELETED));
		mvwaddstr(w, y, x + col, f->accepted ? "✓" : "✗");
		col += 2;
	}
	wattrset(w, theme_attr(mark));
	mvwaddstr(w, y, x + col, !f->old_exists ? "A" : !f->new_exists ? "D" : "M");
	col += 2;
	review_text(w, y, x + col, width - col, f->path, strlen(f->path), NULL, 0, base, base);
}

static void draw_list(WINDOW *w, const struct review_state *st, const struct review_geo *g, int h)
{
	size_t n = st->shown->n, first = 0;

	if (g->body_x > 0) { /* a column on the left */
		char head[48];
		snprintf(head, sizeof head, " Files (%zu)", n);
		fill(w, 1, 0, g->list_w, theme_attr(TS_TITLE));
		mvwaddnstr(w, 1, 0, head, g->list_w);
		wattrset(w, theme_attr(TS_SEPARATOR));
		for (int y = 1; y < h - 1; y++)
			mvwaddstr(w, y, g->list_w, "│");
	}
	if (g->list_h <= 0)
		return;
	if (st->cur >= (size_t)g->list_h)
		first = st->cur - (size_t)g->list_h + 1;
	for (int i = 0; i < g->list_h && first + (size_t)i < n; i++)
		draw_item(w, g->list_y + i, g->list_x, g->list_w, st, first + (size_t)i);
}

/* "┆ " and a line of text in the header's rows. */
static void notes_row(WINDOW *w, int y, const struct review_geo *g, const char *t, size_t len)
{
	int attr = theme_attr(TS_OVERLAY);

	fill(w, y, g->body_x, g->body_w, attr);
	if (g->body_w < 4)
		return;
	wattrset(w, attr | A_BOLD);
	mvwaddstr(w, y, g->body_x + 1, "┆");
	review_text(w, y, g->body_x + 3, g->body_w - 3, t, len, NULL, 0, attr, attr);
}

static void draw_verdict(WINDOW *w, const struct review_critique *c, const struct review_geo *g)
{
	const char *verdict = c->approve ? "APPROVE" : "REQUEST CHANGES";
	char count[48] = "";
	int x = g->body_x + 3 + (int)strlen(REVIEW_NOTE_LABEL), end = g->body_x + g->body_w;

	notes_row(w, g->notes_y, g, REVIEW_NOTE_LABEL, strlen(REVIEW_NOTE_LABEL));
	if (c->n)
		snprintf(count, sizeof count, " (%zu comment%s)", c->n, c->n == 1 ? "" : "s");
	if (x >= end)
		return;
	wattrset(w, theme_attr(TS_MARKER));
	mvwaddnstr(w, g->notes_y, x, verdict, end - x);
	x += (int)strlen(verdict);
	wattrset(w, theme_attr(TS_OVERLAY));
	if (x < end)
		mvwaddnstr(w, g->notes_y, x, count, end - x);
}

/* The verdict, then "path: text" for each comment on no file of the
 * diff; what does not fit is counted on the last row. */
void review_draw_notes(WINDOW *w, const struct review_state *st, const struct review_geo *g)
{
	const struct review_critique *c = st->shown->critique;
	int rows = g->notes_h - 1, y = g->notes_y + 1;
	size_t stray = 0;
	struct buf t = BUF_INIT;

	if (c == NULL || g->notes_h < 1)
		return;
	draw_verdict(w, c, g);
	for (size_t i = 0; i < c->n; i++)
		stray += review_comment_stray(st->shown, &c->comments[i]);
	for (size_t i = 0; i < c->n && rows > 0; i++) {
		const struct review_comment *rc = &c->comments[i];
		if (!review_comment_stray(st->shown, rc))
			continue;
		buf_reset(&t);
		if (rows == 1 && stray > 1)
			buf_printf(&t, "… and %zu more comments on files not in this diff", stray);
		else if (rc->path[0] && rc->line > 0)
			buf_printf(&t, "%s:%ld: %s", rc->path, rc->line, rc->text);
		else if (rc->path[0])
			buf_printf(&t, "%s: %s", rc->path, rc->text);
		else
			buf_printf(&t, "%s", rc->text);
		notes_row(w, y++, g, t.data, t.len);
		rows--;
		stray--;
	}
	buf_free(&t);
}

/* "old: PATH" over the left column, "new: PATH" over the right one. */
static void draw_heads(WINDOW *w, const struct review_state *st, const struct review_geo *g)
{
	int attr = theme_attr(TS_TITLE);
	char old[64], new[64];

	fill(w, g->head_y, g->body_x, g->body_w, attr);
	if (st->shown->n == 0)
		return;
	const struct review_file *f = &st->shown->files[st->cur];
	snprintf(old, sizeof old, "%s", f->old_exists ? "--- old: " : "--- old: (no such file)");
	snprintf(new, sizeof new, "%s", f->new_exists ? "+++ new: " : "+++ new: (deleted)");
	int half = g->unified ? g->body_w / 2 : (g->body_w - 1) / 2 + 1;
	if (!g->unified) {
		wattrset(w, theme_attr(TS_SEPARATOR));
		mvwaddstr(w, g->head_y, g->body_x + half - 1, "│");
	}
	for (int side = 0; side < 2; side++) {
		const char *label = side ? new : old;
		int x = g->body_x + 1 + side * half, width = half - 2;
		if (width <= 0)
			continue;
		wattrset(w, attr);
		mvwaddnstr(w, g->head_y, x, label, width);
		int used = (int)strlen(label); /* ASCII: a column a byte */
		if ((side ? f->new_exists : f->old_exists) && used < width)
			review_text(w, g->head_y, x + used, width - used, f->path, strlen(f->path), NULL,
				    0, attr, attr);
	}
}

static const char *const browse_hints[][2] = {
	{ "review.next-hunk", "next change" }, { "review.prev-hunk", "previous" },
	{ "review.next-file", "next file" },   { "review.prev-file", "previous file" },
	{ "review.unified", "unified/side by side" }, { "review.close", "close" },
};

static const char *const approve_hints[][2] = {
	{ "review.accept-all", "accept all" }, { "review.accept-file", "accept file" },
	{ "review.reject-file", "reject file" }, { "review.apply", "apply choices" },
	{ "review.comment", "send back with a comment" }, { "review.next-hunk", "next change" },
	{ "review.next-file", "next file" }, { "review.unified", "unified" },
	{ "review.close", "hide" },
};

static void draw_hints(WINDOW *w, struct pane *p, int y, int width)
{
	const struct review_state *st = p->state;
	int approving = st->shown == st->pending;
	const char *const(*hints)[2] = approving ? approve_hints : browse_hints;
	size_t n = approving ? sizeof approve_hints / sizeof *approve_hints
			     : sizeof browse_hints / sizeof *browse_hints;
	int x = 1;

	fill(w, y, 0, width, theme_attr(TS_STATUS));
	for (size_t i = 0; i < n; i++) {
		char keys[64] = "";
		keymap_action_keys(&p->app->keys, action_find(hints[i][0]), keys, sizeof keys);
		int need = (int)strlen(keys) + 1 + (int)strlen(hints[i][1]) + 2;
		if (!keys[0] || x + need > width)
			continue;
		wattrset(w, theme_attr(TS_STATUS) | A_BOLD);
		mvwaddstr(w, y, x, keys);
		wattrset(w, theme_attr(TS_STATUS));
		waddstr(w, " ");
		waddstr(w, hints[i][1]);
		x += need;
	}
}

static void draw_comment(WINDOW *w, const struct review_state *st, int y, int width)
{
	size_t from;

	review_comment_col(st, width, &from);
	fill(w, y, 0, width, theme_attr(TS_EDITOR));
	wattrset(w, theme_attr(TS_TITLE_FOCUS));
	mvwaddnstr(w, y, 0, REVIEW_COMMENT_LABEL, width);
	int label = (int)strlen(REVIEW_COMMENT_LABEL);
	if (st->comment.len && label < width)
		review_text(w, y, label, width - label, st->comment.data + from, st->comment.len - from,
			    NULL, 0, theme_attr(TS_EDITOR), theme_attr(TS_EDITOR));
}

void review_draw(struct pane *p, WINDOW *w, int focused)
{
	struct review_state *st = p->state;
	int h = getmaxy(w), width = getmaxx(w);
	struct review_geo g;

	(void)focused;
	if (st->shown == NULL || h < 1)
		return;
	review_follow(p);
	review_clamp(p);
	review_geometry(st, h, width, &g);
	draw_title(w, st, &g, width);
	if (h < 4)
		return;
	draw_list(w, st, &g, h);
	review_draw_notes(w, st, &g);
	draw_heads(w, st, &g);
	review_draw_body(w, st, &g);
	if (st->commenting)
		draw_comment(w, st, h - 1, width);
	else
		draw_hints(w, p, h - 1, width);
	wattrset(w, theme_attr(TS_NORMAL));
}
