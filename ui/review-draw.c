/* review-draw: the review's diff rows, side by side or unified
 * (review-frame.c draws what is around them). Every column is placed by
 * computed display width (sbs_glyph: tabs expanded, escapes made visible,
 * wide characters measured), never by where curses left the cursor, so
 * the two sides stay aligned whatever the files hold. Changes are coloured
 * and also marked "-" / "+", so the screen reads the same without colour;
 * the reviewer's notes are rows of their own, marked "┆". */
#include <stdio.h>
#include <string.h>

#include "review-int.h"
#include "theme.h"

int review_text(WINDOW *w, int y, int x, int width, const char *t, size_t len,
		const struct sbs_span *sp, size_t nsp, int attr, int hl)
{
	struct sbs_glyph g;
	int col = 0, limit = width;
	size_t k = 0;

	if (width <= 0)
		return 0;
	if (sbs_width(t, len) > width)
		limit = width - 1;
	for (size_t pos = 0; sbs_glyph(t, len, pos, col, &g); pos = g.next) {
		if (col + g.width > limit)
			break;
		while (k < nsp && sp[k].end <= pos)
			k++;
		wattrset(w, g.escaped ? theme_attr(TS_MARKER) : k < nsp && sp[k].start <= pos ? hl : attr);
		if (g.width > 0)
			wmove(w, y, x + col);
		if (g.n)
			waddnstr(w, g.s, (int)g.n);
		col += g.width;
	}
	if (limit < width) {
		wattrset(w, attr);
		for (; col < limit; col++)
			mvwaddch(w, y, x + col, ' ');
		wattrset(w, theme_attr(TS_MARKER));
		mvwaddstr(w, y, x + limit, "→");
		col = width;
	}
	return col;
}

static void fill(WINDOW *w, int y, int x, int n, int attr)
{
	wattrset(w, attr);
	for (int i = 0; i < n; i++)
		mvwaddch(w, y, x + i, ' ');
}

/* One side of one line: "NNN - text", coloured by kind. side 0 old, 1 new. */
struct cell {
	const struct review_state *st;
	int side, nw;
	enum sbs_kind kind;
	const struct sbs_words *words; /* for a changed pair */
};

static void draw_line(WINDOW *w, int y, int x, int width, const struct cell *c, long line)
{
	int changed = c->kind != SBS_SAME;
	int attr = theme_attr(!changed ? TS_NORMAL : c->side ? TS_DIFF_ADD : TS_DIFF_DEL);
	int hl = theme_attr(c->side ? TS_DIFF_ADD_WORD : TS_DIFF_DEL_WORD);
	size_t len, nsp = 0;
	int nl, col;
	const struct sbs_span *sp = NULL;
	const char *t = sbs_line(&c->st->sbs, c->side, line, &len, &nl);

	if (c->words) {
		sp = c->side ? c->words->new : c->words->old;
		nsp = c->side ? c->words->nnew : c->words->nold;
	}
	fill(w, y, x, width, attr);
	wattrset(w, attr);
	mvwaddstr(w, y, x, !changed ? " " : c->side ? "+" : "-");
	col = 2 + review_text(w, y, x + 2, width - 2, t, len, sp, nsp, attr, hl);
	if (!nl && changed && col + 2 < width) {
		static const char note[] = "\\ no newline at end";
		wattrset(w, theme_attr(TS_MARKER));
		mvwaddnstr(w, y, x + col + 1, note, width - col - 1);
	}
}

/* The line number, then the line: the cell of one side of a row. */
static void draw_cell(WINDOW *w, int y, int x, int width, const struct cell *c, long line)
{
	if (line < 0 || width < c->nw + 3)
		return;
	wattrset(w, theme_attr(TS_LINENO));
	mvwprintw(w, y, x, "%*ld", c->nw, line + 1);
	draw_line(w, y, x + c->nw + 1, width - c->nw - 1, c, line);
}

static void row_words(const struct review_state *st, const struct sbs_row *r, struct sbs_words *wd)
{
	size_t alen, blen;
	const char *a = sbs_line(&st->sbs, 0, r->left, &alen, NULL);
	const char *b = sbs_line(&st->sbs, 1, r->right, &blen, NULL);

	sbs_words(a, alen, b, blen, wd);
}

/* A row of a note from the marker column x: "┆ reviewer: text", the
 * label on its first row only. */
static void draw_note(WINDOW *w, int y, int x, int width, const struct review_vrow *v)
{
	int attr = theme_attr(TS_OVERLAY);
	char label[64];

	if (width < 3)
		return;
	fill(w, y, x, width, attr);
	wattrset(w, attr | A_BOLD);
	mvwaddstr(w, y, x, "┆");
	x += 2;
	width -= 2;
	int tx = v->indent;
	if (v->first) {
		tx = review_note_label(v, label, sizeof label);
		mvwaddnstr(w, y, x, label, width);
	}
	if (tx < width)
		review_text(w, y, x + tx, width - tx, v->note->text + v->from, v->to - v->from, NULL,
			    0, attr, attr);
}

/* The screen row i of the body: a row of the view or of a note. */
static const struct review_vrow *screen_row(const struct review_state *st, int i)
{
	size_t d = (size_t)st->top + (size_t)i;
	return d < st->lay.n ? &st->lay.rows[d] : NULL;
}

static void draw_side_by_side(WINDOW *w, const struct review_state *st, const struct review_geo *g)
{
	int lw = (g->body_w - 1) / 2, rw = g->body_w - 1 - lw;
	struct cell c = { st, 0, review_number_width(st), SBS_SAME, NULL };

	for (int i = 0; i < g->body_h; i++) {
		int y = g->body_y + i;
		const struct review_vrow *v = screen_row(st, i);
		wattrset(w, theme_attr(TS_SEPARATOR));
		mvwaddstr(w, y, g->body_x + lw, "│");
		if (v == NULL)
			continue;
		if (v->note) {
			draw_note(w, y, g->body_x + lw + 1 + c.nw + 1, rw - c.nw - 1, v);
			continue;
		}
		const struct sbs_row *row = &st->sbs.rows[v->row];
		struct sbs_words wd = { 0 };
		if (row->kind == SBS_CHANGED)
			row_words(st, row, &wd);
		c.kind = row->kind;
		c.words = row->kind == SBS_CHANGED ? &wd : NULL;
		c.side = 0;
		draw_cell(w, y, g->body_x, lw, &c, row->left);
		c.side = 1;
		draw_cell(w, y, g->body_x + lw + 1, rw, &c, row->right);
		sbs_words_free(&wd);
	}
}

static void draw_unified_row(WINDOW *w, int y, const struct review_state *st,
			     const struct review_geo *g, const struct sbs_urow *u)
{
	const struct sbs_row *row = &st->sbs.rows[u->row];
	struct cell c = { st, u->kind == SBS_U_ADD, review_number_width(st), SBS_SAME, NULL };
	char head[128];

	if (u->kind == SBS_U_HEADER) {
		sbs_hunk_header(&st->sbs, u->hunk, head, sizeof head);
		fill(w, y, g->body_x, g->body_w, theme_attr(TS_DIFF_HUNK));
		mvwaddnstr(w, y, g->body_x, head, g->body_w);
		return;
	}
	struct sbs_words wd = { 0 };
	if (u->kind != SBS_U_SAME) {
		c.kind = u->kind == SBS_U_ADD ? SBS_ADDED : SBS_DELETED;
		if (row->kind == SBS_CHANGED) {
			row_words(st, row, &wd);
			c.words = &wd;
		}
	}
	wattrset(w, theme_attr(TS_LINENO));
	if (u->kind != SBS_U_ADD)
		mvwprintw(w, y, g->body_x, "%*ld", c.nw, row->left + 1);
	if (u->kind != SBS_U_DEL)
		mvwprintw(w, y, g->body_x + c.nw + 1, "%*ld", c.nw, row->right + 1);
	int x = g->body_x + 2 * c.nw + 2;
	if (x < g->body_x + g->body_w)
		draw_line(w, y, x, g->body_x + g->body_w - x, &c, c.side ? row->right : row->left);
	sbs_words_free(&wd);
}

/* A message instead of the rows, then the notes on the file. */
static void draw_message(WINDOW *w, const struct review_state *st, const struct review_geo *g,
			 const char *text)
{
	wattrset(w, theme_attr(TS_STREAM_NOTE));
	mvwaddnstr(w, g->body_y, g->body_x + 1, text, g->body_w - 1);
	for (int i = 0; i + 1 < g->body_h && (size_t)i < st->lay.n; i++)
		if (st->lay.rows[i].note)
			draw_note(w, g->body_y + 1 + i, g->body_x + 1, g->body_w - 1, &st->lay.rows[i]);
}

static void draw_unified(WINDOW *w, const struct review_state *st, const struct review_geo *g)
{
	int nw = review_number_width(st), x = g->body_x + 2 * nw + 2;

	for (int i = 0; i < g->body_h; i++) {
		const struct review_vrow *v = screen_row(st, i);
		if (v == NULL)
			break;
		if (v->note)
			draw_note(w, g->body_y + i, x, g->body_x + g->body_w - x, v);
		else
			draw_unified_row(w, g->body_y + i, st, g, &st->urows[v->row]);
	}
}

void review_draw_body(WINDOW *w, const struct review_state *st, const struct review_geo *g)
{
	const struct review_file *f = st->shown->n ? &st->shown->files[st->cur] : NULL;
	char text[160];

	if (f == NULL) {
		draw_message(w, st, g, "No file differs.");
	} else if (st->binary) {
		snprintf(text, sizeof text, "Binary file: %zu bytes before, %zu after; not shown.",
			 f->old_len, f->new_len);
		draw_message(w, st, g, text);
	} else if (!g->unified) {
		draw_side_by_side(w, st, g);
	} else if (st->nurows == 0) {
		draw_message(w, st, g, "No differences in this file.");
	} else {
		draw_unified(w, st, g);
	}
}
