/* review-place: where the reviewer's notes go among the rows of a file's
 * view (see review-notes.h). Each note gets a spot, the view row it
 * follows (-1: above the first), found through a map from the new side's
 * lines to the rows that show them; the spots are sorted and merged with
 * the view's rows in one pass. Notes are wrapped here, by the same glyph
 * widths the drawing uses (sbs_glyph), so a note never spills past its
 * cell. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "review-notes.h"

struct spot {
	long after; /* the view row the note follows, -1: above the first */
	size_t idx; /* the comment's place in the critique: keeps their order */
	long line;  /* the line to name in the label, 0: none */
};

int review_note_label(const struct review_vrow *v, char *out, size_t size)
{
	int n = v->line > 0 ? snprintf(out, size, "reviewer on line %ld: ", v->line)
			    : snprintf(out, size, "%s", REVIEW_NOTE_LABEL);
	return n < 0 ? 0 : n; /* ASCII: a column a byte */
}

static size_t view_rows(const struct review_place *in)
{
	return in->unified ? in->nurows : in->sbs->nrows;
}

/* The view row showing each new line, -1 where the view does not show it
 * (the unified view shows only the hunks). */
static long *rows_of_new_lines(const struct review_place *in)
{
	const struct sbs *s = in->sbs;
	long *m = xreallocarray(NULL, s->d.nnew + 1, sizeof *m);

	for (size_t i = 0; i < s->d.nnew; i++)
		m[i] = -1;
	if (!in->unified) {
		for (size_t r = 0; r < s->nrows; r++)
			if (s->rows[r].right >= 0)
				m[s->rows[r].right] = (long)r;
		return m;
	}
	for (size_t k = 0; k < in->nurows; k++) {
		const struct sbs_urow *u = &in->urows[k];
		if (u->kind == SBS_U_SAME || u->kind == SBS_U_ADD)
			m[s->rows[u->row].right] = (long)k;
	}
	return m;
}

/* A line the unified view does not show: at the end of the hunk before
 * it, i.e. just above the next hunk's header. */
static long spot_between_hunks(const struct review_place *in, size_t line0)
{
	const struct sbs *s = in->sbs;
	size_t h = 0;

	while (h < s->nhunks && s->d.hunks[h].b <= line0)
		h++;
	if (h == s->nhunks)
		return (long)in->nurows - 1;
	for (size_t k = 0; k < in->nurows; k++)
		if (in->urows[k].kind == SBS_U_HEADER && in->urows[k].hunk == (int)h)
			return (long)k - 1;
	return -1;
}

static struct spot spot_of(const struct review_place *in, const long *rows, size_t idx)
{
	const struct review_comment *c = &in->critique->comments[idx];
	struct spot sp = { -1, idx, 0 };
	size_t line0 = (size_t)c->line - 1;

	if (c->line <= 0)
		return sp;
	sp.line = c->line;
	if (line0 >= in->sbs->d.nnew)
		return sp; /* past the end (or a deleted file): above the file */
	if (rows[line0] >= 0) {
		sp.after = rows[line0];
		sp.line = 0;
	} else {
		sp.after = spot_between_hunks(in, line0);
	}
	return sp;
}

static int spot_cmp(const void *a, const void *b)
{
	const struct spot *x = a, *y = b;

	if (x->after != y->after)
		return x->after < y->after ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static struct spot *spots_of(const struct review_place *in, size_t *n)
{
	const struct review_critique *c = in->critique;
	struct spot *sp = NULL;

	*n = 0;
	if (c == NULL || c->n == 0)
		return NULL;
	const char *path = review_plain_path(in->path);
	long *rows = rows_of_new_lines(in);
	sp = xreallocarray(NULL, c->n, sizeof *sp);
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->comments[i].path, path) == 0)
			sp[(*n)++] = spot_of(in, rows, i);
	free(rows);
	qsort(sp, *n, sizeof *sp, spot_cmp);
	return sp;
}

static void push(struct review_layout *l, size_t *cap, struct review_vrow v)
{
	if (l->n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		l->rows = xreallocarray(l->rows, *cap, sizeof *l->rows);
	}
	l->rows[l->n++] = v;
}

/* Where the row of t starting at pos ends within width columns: at the
 * last space that fits (or the one just past it), else after as many
 * characters as fit (one at least). *next: where the following row
 * starts. */
static size_t fit(const char *t, size_t len, size_t pos, int width, size_t *next)
{
	struct sbs_glyph g;
	size_t p = pos, space = 0;
	int col = 0;

	while (sbs_glyph(t, len, p, col, &g) && col + g.width <= width) {
		if (t[p] == ' ' && p > pos)
			space = p;
		col += g.width;
		p = g.next;
	}
	if (p < len && t[p] == ' ')
		space = p;
	if (p >= len)
		*next = p = len;
	else if (space)
		*next = (p = space) + 1;
	else
		*next = p = p > pos ? p : g.next;
	return p;
}

static void push_note(struct review_layout *l, size_t *cap, const struct review_place *in,
		      const struct spot *sp)
{
	const struct review_comment *c = &in->critique->comments[sp->idx];
	struct review_vrow v = { -1, c, sp->line, 0, 0, 1, 0 };
	char label[64];
	size_t len = strlen(c->text), pos = 0;

	v.indent = review_note_label(&v, label, sizeof label);
	if (in->width - v.indent < 12) /* too narrow to indent: use the whole width */
		v.indent = 0;
	for (int k = 0; k == 0 || (pos < len && k < REVIEW_NOTE_ROWS); k++) {
		int avail = in->width - (k == 0 ? review_note_label(&v, label, sizeof label) : v.indent);
		v.from = pos;
		if (k + 1 == REVIEW_NOTE_ROWS)
			v.to = pos = len; /* the drawing cuts it with "→" */
		else if (avail < 1)
			v.to = pos; /* the label fills the row: the text starts below */
		else
			v.to = fit(c->text, len, pos, avail, &pos);
		push(l, cap, v);
		v.first = 0;
	}
}

void review_layout_build(const struct review_place *in, struct review_layout *out)
{
	size_t nspots, k = 0, cap = 0, nview = view_rows(in);
	struct spot *sp = spots_of(in, &nspots);

	memset(out, 0, sizeof *out);
	out->nat = nview;
	out->at = xreallocarray(NULL, nview + 1, sizeof *out->at);
	for (; k < nspots && sp[k].after < 0; k++)
		push_note(out, &cap, in, &sp[k]);
	for (size_t r = 0; r < nview; r++) {
		out->at[r] = out->n;
		push(out, &cap, (struct review_vrow){ (long)r, NULL, 0, 0, 0, 0, 0 });
		for (; k < nspots && sp[k].after == (long)r; k++)
			push_note(out, &cap, in, &sp[k]);
	}
	free(sp);
}

void review_layout_free(struct review_layout *l)
{
	free(l->rows);
	free(l->at);
	memset(l, 0, sizeof *l);
}

size_t review_layout_pos(const struct review_layout *l, long r)
{
	if (r <= 0 || l->at == NULL)
		return 0;
	if ((size_t)r >= l->nat)
		return l->n;
	return l->at[r];
}
