/* sidebyside: rows, hunks, word ranges and glyphs for the review; see
 * sidebyside.h. Both diffs are base/diff.c's: the word diff turns each
 * token into a "line" of its own, so it inherits Myers' minimal script and
 * the cost cap that keeps a pathological line from stalling the UI. */
#include "sidebyside.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "base/buf.h"
#include "base/xmalloc.h"
#include "wrap.h"

static void push_row(struct sbs *s, size_t *cap, enum sbs_kind kind, long left, long right)
{
	if (s->nrows == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		s->rows = xreallocarray(s->rows, *cap, sizeof *s->rows);
	}
	s->rows[s->nrows++] = (struct sbs_row){ kind, left, right, -1 };
}

/* A changed region pairs its old and new lines in order; what one side has
 * more of stands alone. */
static void push_change(struct sbs *s, size_t *cap, size_t a, size_t na, size_t b, size_t nb)
{
	size_t paired = na < nb ? na : nb;

	for (size_t k = 0; k < paired; k++)
		push_row(s, cap, SBS_CHANGED, (long)(a + k), (long)(b + k));
	for (size_t k = paired; k < na; k++)
		push_row(s, cap, SBS_DELETED, (long)(a + k), -1);
	for (size_t k = paired; k < nb; k++)
		push_row(s, cap, SBS_ADDED, -1, (long)(b + k));
}

static int row_in_hunk(const struct sbs_row *r, const struct diff_hunk *h)
{
	return (r->left >= 0 && (size_t)r->left >= h->a && (size_t)r->left < h->a + h->na) ||
	       (r->right >= 0 && (size_t)r->right >= h->b && (size_t)r->right < h->b + h->nb);
}

/* Rows and hunks both run down the file, so one pass marks them. */
static void mark_hunks(struct sbs *s)
{
	size_t r = 0;

	s->nhunks = s->d.nhunks;
	s->hunks = xcalloc(s->nhunks ? s->nhunks : 1, sizeof *s->hunks);
	for (size_t h = 0; h < s->nhunks; h++) {
		const struct diff_hunk *dh = &s->d.hunks[h];
		while (r < s->nrows && !row_in_hunk(&s->rows[r], dh))
			r++;
		struct sbs_hunk *sh = &s->hunks[h];
		sh->first = sh->anchor = r;
		int anchored = 0;
		for (; r < s->nrows && row_in_hunk(&s->rows[r], dh); r++) {
			s->rows[r].hunk = (int)h;
			if (!anchored && s->rows[r].kind != SBS_SAME) {
				sh->anchor = r;
				anchored = 1;
			}
		}
		sh->last = r > sh->first ? r - 1 : sh->first;
	}
}

void sbs_build(const char *old, size_t old_len, const char *new, size_t new_len, struct sbs *s)
{
	size_t cap = 0;

	memset(s, 0, sizeof *s);
	diff_texts(old, old_len, new, new_len, DIFF_CONTEXT, &s->d);
	for (size_t i = 0; i < s->d.nops;) {
		const struct diff_op *op = &s->d.ops[i++];
		if (op->kind == DIFF_EQUAL) {
			for (size_t k = 0; k < op->n; k++)
				push_row(s, &cap, SBS_SAME, (long)(op->a + k), (long)(op->b + k));
			continue;
		}
		size_t na = 0, nb = 0, a = op->a, b = op->b;
		if (op->kind == DIFF_DELETE) {
			na = op->n;
			if (i < s->d.nops && s->d.ops[i].kind == DIFF_INSERT) {
				nb = s->d.ops[i].n;
				b = s->d.ops[i++].b;
			}
		} else {
			nb = op->n;
		}
		push_change(s, &cap, a, na, b, nb);
	}
	mark_hunks(s);
}

void sbs_free(struct sbs *s)
{
	diff_free(&s->d);
	free(s->rows);
	free(s->hunks);
	memset(s, 0, sizeof *s);
}

const char *sbs_line(const struct sbs *s, int side, long n, size_t *len, int *nl)
{
	const struct diff_line *l = side ? &s->d.new_lines[n] : &s->d.old_lines[n];
	int has_nl = l->len > 0 && l->p[l->len - 1] == '\n';

	*len = l->len - (size_t)has_nl;
	if (nl)
		*nl = has_nl;
	return l->p;
}

static int word_byte(unsigned char c)
{
	return c >= 0x80 || c == '_' || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Tokens of a line as spans, and the same tokens one per line in *text. */
static size_t tokenize(const char *t, size_t len, struct sbs_span **spans, struct buf *text)
{
	size_t n = 0;

	*spans = xreallocarray(NULL, len ? len : 1, sizeof **spans);
	for (size_t i = 0; i < len;) {
		size_t j = i + 1;
		if (word_byte((unsigned char)t[i]))
			while (j < len && word_byte((unsigned char)t[j]))
				j++;
		else if (t[i] == ' ' || t[i] == '\t')
			while (j < len && (t[j] == ' ' || t[j] == '\t'))
				j++;
		(*spans)[n++] = (struct sbs_span){ i, j };
		buf_append(text, t + i, j - i);
		buf_append_char(text, '\n');
		i = j;
	}
	return n;
}

/* Appends tokens [from, from + count) as a range, joined to the last one
 * when they touch. */
static void add_span(struct sbs_span **out, size_t *n, const struct sbs_span *tok, size_t from,
		     size_t count)
{
	struct sbs_span sp = { tok[from].start, tok[from + count - 1].end };

	if (*n && (*out)[*n - 1].end == sp.start) {
		(*out)[*n - 1].end = sp.end;
		return;
	}
	*out = xreallocarray(*out, *n + 1, sizeof **out);
	(*out)[(*n)++] = sp;
}

static void whole_lines(size_t alen, size_t blen, struct sbs_words *w)
{
	if (alen) {
		w->old = xmalloc(sizeof *w->old);
		w->old[w->nold++] = (struct sbs_span){ 0, alen };
	}
	if (blen) {
		w->new = xmalloc(sizeof *w->new);
		w->new[w->nnew++] = (struct sbs_span){ 0, blen };
	}
}

void sbs_words(const char *a, size_t alen, const char *b, size_t blen, struct sbs_words *w)
{
	memset(w, 0, sizeof *w);
	if (alen && a[alen - 1] == '\n')
		alen--;
	if (blen && b[blen - 1] == '\n')
		blen--;
	if (alen + blen > SBS_WORD_MAX) {
		whole_lines(alen, blen, w);
		return;
	}
	struct sbs_span *ta, *tb;
	struct buf xa = BUF_INIT, xb = BUF_INIT;
	tokenize(a, alen, &ta, &xa);
	tokenize(b, blen, &tb, &xb);
	struct diff d;
	diff_texts(xa.data ? xa.data : "", xa.len, xb.data ? xb.data : "", xb.len, 0, &d);
	for (size_t i = 0; i < d.nops; i++) {
		const struct diff_op *op = &d.ops[i];
		if (op->kind == DIFF_DELETE)
			add_span(&w->old, &w->nold, ta, op->a, op->n);
		else if (op->kind == DIFF_INSERT)
			add_span(&w->new, &w->nnew, tb, op->b, op->n);
	}
	diff_free(&d);
	free(ta);
	free(tb);
	buf_free(&xa);
	buf_free(&xb);
}

void sbs_words_free(struct sbs_words *w)
{
	free(w->old);
	free(w->new);
	memset(w, 0, sizeof *w);
}

static void push_urow(struct sbs_urow **v, size_t *n, size_t *cap, enum sbs_ukind kind,
		      size_t row, int hunk)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*v = xreallocarray(*v, *cap, sizeof **v);
	}
	(*v)[(*n)++] = (struct sbs_urow){ kind, row, hunk };
}

void sbs_unified(const struct sbs *s, struct sbs_urow **rows, size_t *n)
{
	size_t cap = 0;

	*rows = NULL;
	*n = 0;
	for (size_t h = 0; h < s->nhunks; h++) {
		const struct sbs_hunk *sh = &s->hunks[h];
		push_urow(rows, n, &cap, SBS_U_HEADER, sh->first, (int)h);
		for (size_t r = sh->first; r <= sh->last;) {
			if (s->rows[r].kind == SBS_SAME) {
				push_urow(rows, n, &cap, SBS_U_SAME, r++, (int)h);
				continue;
			}
			size_t end = r;
			while (end <= sh->last && s->rows[end].kind != SBS_SAME)
				end++;
			for (size_t k = r; k < end; k++)
				if (s->rows[k].left >= 0)
					push_urow(rows, n, &cap, SBS_U_DEL, k, (int)h);
			for (size_t k = r; k < end; k++)
				if (s->rows[k].right >= 0)
					push_urow(rows, n, &cap, SBS_U_ADD, k, (int)h);
			r = end;
		}
	}
}

/* "l,n", or "l" alone for one line; an empty range names the line before
 * (as diff_unified writes it). */
static int hunk_range(char *out, size_t size, size_t start, size_t n)
{
	if (n == 1)
		return snprintf(out, size, "%zu", start + 1);
	return snprintf(out, size, "%zu,%zu", n ? start + 1 : start, n);
}

void sbs_hunk_header(const struct sbs *s, int h, char *out, size_t size)
{
	const struct diff_hunk *dh = &s->d.hunks[h];
	char a[48], b[48];

	hunk_range(a, sizeof a, dh->a, dh->na);
	hunk_range(b, sizeof b, dh->b, dh->nb);
	snprintf(out, size, "@@ -%s +%s @@", a, b);
}

/* Characters that would reorder or hide the text around them. */
static int bidi_control(wchar_t wc)
{
	return (wc >= 0x202a && wc <= 0x202e) || (wc >= 0x2066 && wc <= 0x2069) || wc == 0x200e ||
	       wc == 0x200f || wc == 0x061c;
}

static void glyph_escape(struct sbs_glyph *g, const char *fmt, unsigned value, size_t next)
{
	int n = snprintf(g->vis, sizeof g->vis, fmt, value);
	g->s = g->vis;
	g->n = (size_t)n;
	g->width = n;
	g->escaped = 1;
	g->next = next;
}

static void glyph_multibyte(const char *text, size_t len, size_t pos, struct sbs_glyph *g)
{
	mbstate_t st;
	wchar_t wc;

	memset(&st, 0, sizeof st);
	size_t k = mbrtowc(&wc, text + pos, len - pos, &st);
	if (k == (size_t)-1 || k == (size_t)-2 || k == 0)
		glyph_escape(g, "\\x%02x", (unsigned char)text[pos], pos + 1);
	else if ((wc >= 0x80 && wc <= 0x9f) || bidi_control(wc) || !iswprint((wint_t)wc))
		glyph_escape(g, "\\u%04x", (unsigned)wc, pos + k);
	else {
		g->s = text + pos;
		g->n = k;
		g->width = wrap_width(text + pos, k);
		g->next = pos + k;
	}
}

int sbs_glyph(const char *text, size_t len, size_t pos, int col, struct sbs_glyph *g)
{
	if (pos >= len)
		return 0;
	unsigned char c = (unsigned char)text[pos];
	g->escaped = 0;
	if (c == '\r' && pos + 1 == len) {
		*g = (struct sbs_glyph){ .s = text + pos, .n = 0, .width = 0, .next = len };
		return 1;
	}
	if (c == '\t') {
		int w = SBS_TAB - col % SBS_TAB;
		memset(g->vis, ' ', (size_t)w);
		g->s = g->vis;
		g->n = (size_t)w;
		g->width = w;
		g->next = pos + 1;
	} else if (c < 0x20 || c == 0x7f) {
		glyph_escape(g, "^%c", c == 0x7f ? '?' : c ^ 0x40, pos + 1);
	} else if (c < 0x80) {
		g->s = text + pos;
		g->n = 1;
		g->width = 1;
		g->next = pos + 1;
	} else {
		glyph_multibyte(text, len, pos, g);
	}
	return 1;
}

int sbs_width(const char *text, size_t len)
{
	struct sbs_glyph g;
	int col = 0;

	for (size_t pos = 0; sbs_glyph(text, len, pos, col, &g); pos = g.next)
		col += g.width;
	return col;
}
