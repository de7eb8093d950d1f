/* diff: Myers line diff with a cost cap, hunks, unified output; see diff.h. */
#include "base/diff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"

struct ctx {
	const int *a, *b;  /* line ids: equal lines, equal ids */
	char *del, *ins;   /* marks per old / new line */
	long *fv, *bv;     /* the search vectors, sized for the largest box */
	int fallback;
};

static size_t split_lines(const char *t, size_t len, struct diff_line **out)
{
	size_t n = 0, cap = 0;
	struct diff_line *v = NULL;

	for (size_t i = 0; i < len;) {
		const char *nl = memchr(t + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - t) + 1 : len;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[n++] = (struct diff_line){ t + i, end - i };
		i = end;
	}
	*out = v;
	return n;
}

static uint64_t line_hash(const struct diff_line *l)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < l->len; i++)
		h = (h ^ (unsigned char)l->p[i]) * 1099511628211ull;
	return h;
}

/* Gives every distinct line a small integer, so the search compares ints.
 * Open addressing over a power-of-two table at most half full. */
static void intern(const struct diff *d, int *ida, int *idb)
{
	size_t total = d->nold + d->nnew, size = 16;
	while (size < total * 2)
		size *= 2;
	const struct diff_line **slot = xcalloc(size, sizeof *slot);
	int *slot_id = xmalloc(size * sizeof *slot_id);
	int next = 0;

	for (size_t i = 0; i < total; i++) {
		const struct diff_line *l = i < d->nold ? &d->old_lines[i] : &d->new_lines[i - d->nold];
		size_t h = (size_t)line_hash(l) & (size - 1);
		while (slot[h] && (slot[h]->len != l->len || memcmp(slot[h]->p, l->p, l->len) != 0))
			h = (h + 1) & (size - 1);
		if (!slot[h]) {
			slot[h] = l;
			slot_id[h] = next++;
		}
		if (i < d->nold)
			ida[i] = slot_id[h];
		else
			idb[i - d->nold] = slot_id[h];
	}
	free(slot);
	free(slot_id);
}

static long lmin(long x, long y)
{
	return x < y ? x : y;
}

static long lmax(long x, long y)
{
	return x > y ? x : y;
}

static long wrap(long k, long z)
{
	return ((k % z) + z) % z;
}

struct snake {
	long x, y, u, v; /* from (x, y) to (u, v) along equal lines */
};

/* The middle snake of the box old[a0, a0+n) x new[b0, b0+m) (both
 * non-empty): searches forward and backward at once, as in Myers' paper
 * (this follows Robert Elder's compact formulation). Returns the edit
 * distance, or -1 when it passes the cap. */
static long middle_snake(struct ctx *c, long a0, long n, long b0, long m, struct snake *sn)
{
	const int *e = c->a + a0, *f = c->b + b0;
	long total = n + m, z = 2 * lmin(n, m) + 2, w = n - m;

	memset(c->fv, 0, (size_t)z * sizeof *c->fv);
	memset(c->bv, 0, (size_t)z * sizeof *c->bv);
	for (long h = 0; h <= total / 2 + (total % 2 != 0); h++) {
		if (h > DIFF_MAX_COST)
			return -1;
		for (int fwd = 1; fwd >= 0; fwd--) {
			long *cv = fwd ? c->fv : c->bv, *dv = fwd ? c->bv : c->fv;
			for (long k = -(h - 2 * lmax(0, h - m)); k <= h - 2 * lmax(0, h - n); k += 2) {
				long x = (k == -h || (k != h && cv[wrap(k - 1, z)] < cv[wrap(k + 1, z)]))
						 ? cv[wrap(k + 1, z)]
						 : cv[wrap(k - 1, z)] + 1;
				long y = x - k, sx = x, sy = y;
				while (x < n && y < m &&
				       (fwd ? e[x] == f[y] : e[n - x - 1] == f[m - y - 1]))
					x++, y++;
				cv[wrap(k, z)] = x;
				long kk = w - k;
				if ((total & 1) == fwd && kk >= -(h - fwd) && kk <= h - fwd &&
				    cv[wrap(k, z)] + dv[wrap(kk, z)] >= n) {
					if (fwd)
						*sn = (struct snake){ sx, sy, x, y };
					else
						*sn = (struct snake){ n - x, m - y, n - sx, m - sy };
					return fwd ? 2 * h - 1 : 2 * h;
				}
			}
		}
	}
	return -1; /* not reached: the search meets by h = ceil(total / 2) */
}

static void mark(char *v, long from, long n)
{
	memset(v + from, 1, (size_t)n);
}

static void diff_box(struct ctx *c, long a0, long n, long b0, long m)
{
	struct snake sn;

	/* Equal head and tail need no search. */
	while (n > 0 && m > 0 && c->a[a0] == c->b[b0])
		a0++, b0++, n--, m--;
	while (n > 0 && m > 0 && c->a[a0 + n - 1] == c->b[b0 + m - 1])
		n--, m--;
	if (n == 0 || m == 0) {
		mark(c->del, a0, n);
		mark(c->ins, b0, m);
		return;
	}
	long dist = middle_snake(c, a0, n, b0, m, &sn);
	if (dist < 0) {
		c->fallback = 1;
		mark(c->del, a0, n);
		mark(c->ins, b0, m);
	} else if (dist > 1 || (sn.x != sn.u && sn.y != sn.v)) {
		diff_box(c, a0, sn.x, b0, sn.y);
		diff_box(c, a0 + sn.u, n - sn.u, b0 + sn.v, m - sn.v);
	} else if (m > n) {
		mark(c->ins, b0 + n, m - n);
	} else if (m < n) {
		mark(c->del, a0 + m, n - m);
	}
}

static void push_op(struct diff_op **v, size_t *n, struct diff_op op)
{
	/* Arrays grow by powers of two; n is the count before the push. */
	if ((*n & (*n - 1)) == 0)
		*v = xreallocarray(*v, *n ? *n * 2 : 1, sizeof **v);
	(*v)[(*n)++] = op;
}

/* Turns the marks into runs; in a changed region every deletion comes
 * before every insertion, as diff(1) shows them. */
static void build_ops(struct diff *d, const struct ctx *c)
{
	size_t i = 0, j = 0;

	while (i < d->nold || j < d->nnew) {
		size_t si = i, sj = j;
		while ((i < d->nold && c->del[i]) || (j < d->nnew && c->ins[j])) {
			if (i < d->nold && c->del[i])
				i++;
			else
				j++;
		}
		if (i > si)
			push_op(&d->ops, &d->nops, (struct diff_op){ DIFF_DELETE, si, sj, i - si });
		if (j > sj)
			push_op(&d->ops, &d->nops, (struct diff_op){ DIFF_INSERT, i, sj, j - sj });
		si = i, sj = j;
		while (i < d->nold && j < d->nnew && !c->del[i] && !c->ins[j])
			i++, j++;
		if (i > si)
			push_op(&d->ops, &d->nops, (struct diff_op){ DIFF_EQUAL, si, sj, i - si });
	}
}

static void add_hunk_op(struct diff *d, struct diff_op op, size_t skip, size_t n)
{
	if (n == 0)
		return;
	op.a += skip, op.b += skip, op.n = n;
	push_op(&d->hunk_ops, &d->nhunk_ops, op);
}

static void close_hunk(struct diff *d, size_t first)
{
	struct diff_hunk h = { d->hunk_ops[first].a, 0, d->hunk_ops[first].b, 0, first,
			       d->nhunk_ops - first };

	for (size_t k = first; k < d->nhunk_ops; k++) {
		if (d->hunk_ops[k].kind != DIFF_INSERT)
			h.na += d->hunk_ops[k].n;
		if (d->hunk_ops[k].kind != DIFF_DELETE)
			h.nb += d->hunk_ops[k].n;
	}
	if ((d->nhunks & (d->nhunks - 1)) == 0)
		d->hunks = xreallocarray(d->hunks, d->nhunks ? d->nhunks * 2 : 1, sizeof *d->hunks);
	d->hunks[d->nhunks++] = h;
}

/* Changes closer than 2 * context lines share a hunk. */
static void build_hunks(struct diff *d, size_t context)
{
	size_t i = 0;

	while (i < d->nops) {
		if (d->ops[i].kind == DIFF_EQUAL) {
			i++;
			continue;
		}
		size_t first = d->nhunk_ops;
		if (i > 0) {
			size_t n = d->ops[i - 1].n < context ? d->ops[i - 1].n : context;
			add_hunk_op(d, d->ops[i - 1], d->ops[i - 1].n - n, n);
		}
		for (; i < d->nops; i++) {
			struct diff_op op = d->ops[i];
			if (op.kind != DIFF_EQUAL || (i + 1 < d->nops && op.n <= 2 * context)) {
				add_hunk_op(d, op, 0, op.n);
				continue;
			}
			add_hunk_op(d, op, 0, op.n < context ? op.n : context);
			i++;
			break;
		}
		close_hunk(d, first);
	}
}

void diff_texts(const char *a, size_t alen, const char *b, size_t blen, size_t context,
		struct diff *d)
{
	memset(d, 0, sizeof *d);
	d->nold = split_lines(a, alen, &d->old_lines);
	d->nnew = split_lines(b, blen, &d->new_lines);

	int *ida = xmalloc((d->nold + 1) * sizeof *ida);
	int *idb = xmalloc((d->nnew + 1) * sizeof *idb);
	size_t span = 2 * (d->nold < d->nnew ? d->nold : d->nnew) + 2;
	struct ctx c = { ida, idb, xcalloc(d->nold + 1, 1), xcalloc(d->nnew + 1, 1),
			 xmalloc(span * sizeof(long)), xmalloc(span * sizeof(long)), 0 };

	intern(d, ida, idb);
	diff_box(&c, 0, (long)d->nold, 0, (long)d->nnew);
	d->fallback = c.fallback;
	build_ops(d, &c);
	build_hunks(d, context);
	free(ida);
	free(idb);
	free(c.del);
	free(c.ins);
	free(c.fv);
	free(c.bv);
}

/* "l,n", or "l" alone for one line; an empty range names the line before. */
static void range(struct buf *out, size_t start, size_t n)
{
	if (n == 1)
		buf_printf(out, "%zu", start + 1);
	else
		buf_printf(out, "%zu,%zu", n ? start + 1 : start, n);
}

static void put_line(struct buf *out, char sign, const struct diff_line *l)
{
	buf_append_char(out, sign);
	buf_append(out, l->p, l->len);
	if (l->len == 0 || l->p[l->len - 1] != '\n')
		buf_append_str(out, "\n\\ No newline at end of file\n");
}

void diff_unified(const struct diff *d, const char *old_label, const char *new_label,
		  struct buf *out)
{
	static const char sign[] = { [DIFF_EQUAL] = ' ', [DIFF_DELETE] = '-', [DIFF_INSERT] = '+' };

	if (d->nhunks == 0)
		return;
	buf_printf(out, "--- %s\n+++ %s\n", old_label, new_label);
	for (size_t h = 0; h < d->nhunks; h++) {
		const struct diff_hunk *hk = &d->hunks[h];
		buf_append_str(out, "@@ -");
		range(out, hk->a, hk->na);
		buf_append_str(out, " +");
		range(out, hk->b, hk->nb);
		buf_append_str(out, " @@\n");
		for (size_t k = hk->op; k < hk->op + hk->nops; k++) {
			const struct diff_op *op = &d->hunk_ops[k];
			for (size_t i = 0; i < op->n; i++)
				put_line(out, sign[op->kind], op->kind == DIFF_INSERT
								      ? &d->new_lines[op->b + i]
								      : &d->old_lines[op->a + i]);
		}
	}
}

void diff_free(struct diff *d)
{
	free(d->old_lines);
	free(d->new_lines);
	free(d->ops);
	free(d->hunks);
	free(d->hunk_ops);
	memset(d, 0, sizeof *d);
}
