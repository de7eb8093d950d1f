/* test-diff: unit tests of the line diff and unified renderer
 * (src/base/diff.c): exact output for small cases, minimality against a
 * brute-force LCS on random inputs, and the fallback on large ones. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/diff.h"
#include "base/xmalloc.h"
#include "check.h"

/* The unified diff of a -> b labelled a/f, b/f; caller frees. */
static char *udiff(const char *a, const char *b)
{
	struct diff d;
	struct buf out = BUF_INIT;

	diff_texts(a, strlen(a), b, strlen(b), DIFF_CONTEXT, &d);
	diff_unified(&d, "a/f", "b/f", &out);
	diff_free(&d);
	return buf_steal(&out);
}

static void expect(const char *a, const char *b, const char *want)
{
	char *got = udiff(a, b);

	CHECK_STR(got, want);
	free(got);
}

static void test_insert(void)
{
	expect("a\nb\nc\n", "a\nb\nX\nc\n",
	       "--- a/f\n+++ b/f\n@@ -1,3 +1,4 @@\n a\n b\n+X\n c\n");
	/* Into an empty file: the empty range names line 0. */
	expect("", "x\n", "--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+x\n");
}

static void test_delete(void)
{
	expect("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "1\n2\n3\n4\n6\n7\n8\n9\n10\n",
	       "--- a/f\n+++ b/f\n@@ -2,7 +2,6 @@\n 2\n 3\n 4\n-5\n 6\n 7\n 8\n");
	expect("only\n", "", "--- a/f\n+++ b/f\n@@ -1 +0,0 @@\n-only\n");
}

static void test_change(void)
{
	struct diff d;
	const char *a = "a\nb\nc\n", *b = "a\nB\nc\n";

	expect(a, b, "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
	/* The ops the side-by-side view will walk. */
	diff_texts(a, strlen(a), b, strlen(b), DIFF_CONTEXT, &d);
	CHECK(d.nops == 4);
	CHECK(d.ops[0].kind == DIFF_EQUAL && d.ops[0].n == 1);
	CHECK(d.ops[1].kind == DIFF_DELETE && d.ops[1].a == 1 && d.ops[1].n == 1);
	CHECK(d.ops[2].kind == DIFF_INSERT && d.ops[2].b == 1 && d.ops[2].n == 1);
	CHECK(d.ops[3].kind == DIFF_EQUAL && d.ops[3].a == 2 && d.ops[3].b == 2);
	CHECK(d.nhunks == 1 && d.hunks[0].nops == 4 && !d.fallback);
	diff_free(&d);
}

static void test_no_newline(void)
{
	expect("a\nb", "a\nb\n",
	       "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
	expect("a\nb\n", "a\nc",
	       "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n\\ No newline at end of file\n");
	expect("x", "x", "");
}

static void test_two_hunks(void)
{
	struct buf a = BUF_INIT, b = BUF_INIT;

	for (int i = 1; i <= 20; i++) {
		buf_printf(&a, "%d\n", i);
		if (i == 2 || i == 18)
			buf_append_str(&b, i == 2 ? "two\n" : "eighteen\n");
		else
			buf_printf(&b, "%d\n", i);
	}
	expect(a.data, b.data,
	       "--- a/f\n+++ b/f\n"
	       "@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"
	       "@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+eighteen\n 19\n 20\n");
	/* Six equal lines between changes still share one hunk. */
	expect("1\n2\n3\n4\n5\n6\n7\n8\n", "X\n2\n3\n4\n5\n6\n7\nY\n",
	       "--- a/f\n+++ b/f\n@@ -1,8 +1,8 @@\n-1\n+X\n 2\n 3\n 4\n 5\n 6\n 7\n-8\n+Y\n");
	buf_free(&a);
	buf_free(&b);
}

/* Rebuilds the new text from the ops and counts equal lines. */
static int replay_ok(const struct diff *d, const char *b, size_t blen, size_t *equal)
{
	struct buf out = BUF_INIT;
	size_t ia = 0, ib = 0;
	int ok = 1;

	*equal = 0;
	for (size_t i = 0; i < d->nops; i++) {
		const struct diff_op *op = &d->ops[i];
		ok &= op->a == ia && op->b == ib;
		for (size_t k = 0; k < op->n; k++) {
			const struct diff_line *l = op->kind == DIFF_INSERT ? &d->new_lines[op->b + k]
									    : &d->old_lines[op->a + k];
			if (op->kind != DIFF_DELETE)
				buf_append(&out, l->p, l->len);
		}
		ia += op->kind != DIFF_INSERT ? op->n : 0;
		ib += op->kind != DIFF_DELETE ? op->n : 0;
		*equal += op->kind == DIFF_EQUAL ? op->n : 0;
	}
	ok &= ia == d->nold && ib == d->nnew && out.len == blen &&
	      (blen == 0 || memcmp(out.data, b, blen) == 0);
	buf_free(&out);
	return ok;
}

static size_t lcs(const char *x, size_t n, const char *y, size_t m)
{
	size_t t[16][16] = { { 0 } };

	for (size_t i = n; i-- > 0;)
		for (size_t j = m; j-- > 0;)
			t[i][j] = x[i] == y[j] ? t[i + 1][j + 1] + 1
					       : t[i + 1][j] > t[i][j + 1] ? t[i + 1][j] : t[i][j + 1];
	return t[0][0];
}

/* Random texts over three lines: the script is valid and minimal. */
static void test_minimal_random(void)
{
	unsigned seed = 12345;

	for (int round = 0; round < 2000; round++) {
		char x[16], y[16], ta[64], tb[64];
		size_t n = (seed = seed * 1103515245 + 12345) >> 16 & 15;
		size_t m = (seed = seed * 1103515245 + 12345) >> 16 & 15;
		for (size_t i = 0; i < n; i++)
			x[i] = (char)('a' + ((seed = seed * 1103515245 + 12345) >> 16) % 3);
		for (size_t i = 0; i < m; i++)
			y[i] = (char)('a' + ((seed = seed * 1103515245 + 12345) >> 16) % 3);
		for (size_t i = 0; i < n; i++)
			ta[2 * i] = x[i], ta[2 * i + 1] = '\n';
		for (size_t i = 0; i < m; i++)
			tb[2 * i] = y[i], tb[2 * i + 1] = '\n';
		struct diff d;
		size_t equal;
		diff_texts(ta, 2 * n, tb, 2 * m, DIFF_CONTEXT, &d);
		CHECK(replay_ok(&d, tb, 2 * m, &equal));
		CHECK(equal == lcs(x, n, y, m));
		diff_free(&d);
	}
}

/* 100,000 lines each, nothing in common: past the cap, replaced whole. */
static void test_large_fallback(void)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct diff d;
	size_t equal;
	clock_t start = clock();

	for (int i = 0; i < 100000; i++) {
		buf_printf(&a, "old line %d\n", i);
		buf_printf(&b, "new line %d\n", i);
	}
	diff_texts(a.data, a.len, b.data, b.len, DIFF_CONTEXT, &d);
	CHECK(d.fallback);
	CHECK(d.nops == 2 && d.ops[0].kind == DIFF_DELETE && d.ops[0].n == 100000);
	CHECK(d.ops[1].kind == DIFF_INSERT && d.ops[1].n == 100000);
	CHECK(replay_ok(&d, b.data, b.len, &equal));
	diff_free(&d);
	/* Generous: the cap bounds the work to well under a second. */
	CHECK((double)(clock() - start) / CLOCKS_PER_SEC < 10.0);
	buf_free(&a);
	buf_free(&b);
}

/* Large but close: exact, no fallback. */
static void test_large_exact(void)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct diff d;
	size_t equal;

	for (int i = 0; i < 200000; i++) {
		buf_printf(&a, "line %d\n", i);
		if (i % 50000 == 7)
			buf_printf(&b, "changed %d\n", i);
		else
			buf_printf(&b, "line %d\n", i);
	}
	diff_texts(a.data, a.len, b.data, b.len, DIFF_CONTEXT, &d);
	CHECK(!d.fallback);
	CHECK(d.nhunks == 4);
	CHECK(replay_ok(&d, b.data, b.len, &equal));
	CHECK(equal == 200000 - 4);
	diff_free(&d);
	buf_free(&a);
	buf_free(&b);
}

int main(void)
{
	RUN(test_insert);
	RUN(test_delete);
	RUN(test_change);
	RUN(test_no_newline);
	RUN(test_two_hunks);
	RUN(test_minimal_random);
	RUN(test_large_fallback);
	RUN(test_large_exact);
	return CHECK_EXIT();
}
