/* test-sidebyside: the review's model (ui/sidebyside.c): rows aligned
 * from the line diff, hunks and where n/p go, the unified regrouping,
 * changed-word ranges, and how characters are shown. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "sidebyside.h"

static struct sbs build(const char *a, const char *b)
{
	struct sbs s;

	sbs_build(a, strlen(a), b, strlen(b), &s);
	return s;
}

static int row_is(const struct sbs *s, size_t i, enum sbs_kind kind, long left, long right)
{
	return i < s->nrows && s->rows[i].kind == kind && s->rows[i].left == left &&
	       s->rows[i].right == right;
}

static void test_mix_aligns(void)
{
	struct sbs s = build("a\nb\nc\nd\ne\n", "a\nB\nc\ne\nf\n");

	CHECK(s.nrows == 6);
	CHECK(row_is(&s, 0, SBS_SAME, 0, 0));
	CHECK(row_is(&s, 1, SBS_CHANGED, 1, 1));
	CHECK(row_is(&s, 2, SBS_SAME, 2, 2));
	CHECK(row_is(&s, 3, SBS_DELETED, 3, -1));
	CHECK(row_is(&s, 4, SBS_SAME, 4, 3));
	CHECK(row_is(&s, 5, SBS_ADDED, -1, 4));
	CHECK(s.nhunks == 1);
	CHECK(s.hunks[0].first == 0 && s.hunks[0].anchor == 1 && s.hunks[0].last == 5);
	for (size_t i = 0; i < s.nrows; i++)
		CHECK(s.rows[i].hunk == 0);
	sbs_free(&s);
}

static void test_uneven_change(void)
{
	struct sbs s = build("x\ny\nz\nk\n", "X\nk\n");

	CHECK(s.nrows == 4);
	CHECK(row_is(&s, 0, SBS_CHANGED, 0, 0));
	CHECK(row_is(&s, 1, SBS_DELETED, 1, -1));
	CHECK(row_is(&s, 2, SBS_DELETED, 2, -1));
	CHECK(row_is(&s, 3, SBS_SAME, 3, 1));
	sbs_free(&s);
}

static void test_two_hunks(void)
{
	char a[256] = "", b[256] = "", line[16];

	for (int i = 1; i <= 20; i++) {
		snprintf(line, sizeof line, "l%d\n", i);
		strcat(a, line);
		strcat(b, i == 2 ? "two\n" : i == 18 ? "eighteen\n" : line);
	}
	struct sbs s = build(a, b);
	CHECK(s.nrows == 20);
	CHECK(s.nhunks == 2);
	CHECK(s.hunks[0].first == 0 && s.hunks[0].anchor == 1 && s.hunks[0].last == 4);
	CHECK(s.hunks[1].first == 14 && s.hunks[1].anchor == 17 && s.hunks[1].last == 19);
	CHECK(s.rows[10].hunk == -1 && s.rows[17].hunk == 1);
	char head[64];
	sbs_hunk_header(&s, 1, head, sizeof head);
	CHECK_STR(head, "@@ -15,6 +15,6 @@");
	sbs_free(&s);
}

static void test_unified_order(void)
{
	struct sbs s = build("a\nb\nc\n", "A\nB\nc\n");
	struct sbs_urow *u;
	size_t n;

	sbs_unified(&s, &u, &n);
	CHECK(n == 6);
	CHECK(u[0].kind == SBS_U_HEADER && u[0].hunk == 0);
	CHECK(u[1].kind == SBS_U_DEL && u[1].row == 0);
	CHECK(u[2].kind == SBS_U_DEL && u[2].row == 1);
	CHECK(u[3].kind == SBS_U_ADD && u[3].row == 0);
	CHECK(u[4].kind == SBS_U_ADD && u[4].row == 1);
	CHECK(u[5].kind == SBS_U_SAME && u[5].row == 2);
	free(u);
	sbs_free(&s);
}

static int spans_are(const struct sbs_span *sp, size_t n, const size_t *want, size_t nwant)
{
	if (n * 2 != nwant)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (sp[i].start != want[2 * i] || sp[i].end != want[2 * i + 1])
			return 0;
	return 1;
}

static void test_words(void)
{
	struct sbs_words w;
	const char *a = "    return a - b", *b = "    return a + b";

	sbs_words(a, strlen(a), b, strlen(b), &w);
	CHECK(spans_are(w.old, w.nold, (size_t[]){ 13, 14 }, 2));
	CHECK(spans_are(w.new, w.nnew, (size_t[]){ 13, 14 }, 2));
	sbs_words_free(&w);

	a = "int count = 0;", b = "long count = 10;";
	sbs_words(a, strlen(a), b, strlen(b), &w);
	CHECK(spans_are(w.old, w.nold, (size_t[]){ 0, 3, 12, 13 }, 4));
	CHECK(spans_are(w.new, w.nnew, (size_t[]){ 0, 4, 13, 15 }, 4));
	sbs_words_free(&w);

	/* Inserted tokens side by side make one range. */
	a = "f(a)", b = "f(a, b)";
	sbs_words(a, strlen(a), b, strlen(b), &w);
	CHECK(w.nold == 0);
	CHECK(spans_are(w.new, w.nnew, (size_t[]){ 3, 6 }, 2));
	sbs_words_free(&w);
}

static void test_identical(void)
{
	struct sbs s = build("same\nlines\n", "same\nlines\n");
	struct sbs_urow *u;
	size_t n;

	CHECK(s.nrows == 2 && s.nhunks == 0);
	CHECK(row_is(&s, 0, SBS_SAME, 0, 0) && row_is(&s, 1, SBS_SAME, 1, 1));
	sbs_unified(&s, &u, &n);
	CHECK(n == 0);
	free(u);
	sbs_free(&s);
}

static void test_empty_old(void)
{
	struct sbs s = build("", "x\ny\n");
	char head[64];

	CHECK(s.nrows == 2);
	CHECK(row_is(&s, 0, SBS_ADDED, -1, 0) && row_is(&s, 1, SBS_ADDED, -1, 1));
	CHECK(s.nhunks == 1 && s.hunks[0].anchor == 0);
	sbs_hunk_header(&s, 0, head, sizeof head);
	CHECK_STR(head, "@@ -0,0 +1,2 @@");
	sbs_free(&s);
}

static void test_no_trailing_newline(void)
{
	struct sbs s = build("a\nb", "a\nb\n");
	size_t len;
	int nl;

	CHECK(s.nrows == 2);
	CHECK(row_is(&s, 0, SBS_SAME, 0, 0) && row_is(&s, 1, SBS_CHANGED, 1, 1));
	const char *t = sbs_line(&s, 0, 1, &len, &nl);
	CHECK(len == 1 && t[0] == 'b' && nl == 0);
	sbs_line(&s, 1, 1, &len, &nl);
	CHECK(len == 1 && nl == 1);
	struct sbs_words w;
	sbs_words("b", 1, "b\n", 2, &w);
	CHECK(w.nold == 0 && w.nnew == 0); /* the same text: only the newline differs */
	sbs_words_free(&w);
	sbs_free(&s);
}

static void test_glyphs(void)
{
	struct sbs_glyph g;
	const char *t = "a\tb\x1b\xff漢\r";
	size_t len = strlen(t);

	CHECK(sbs_glyph(t, len, 0, 0, &g) && g.width == 1 && g.next == 1);
	CHECK(sbs_glyph(t, len, 1, 1, &g) && g.width == 3 && g.n == 3 && g.next == 2);
	CHECK(sbs_glyph(t, len, 3, 5, &g) && g.escaped && g.n == 2 && memcmp(g.s, "^[", 2) == 0);
	CHECK(sbs_glyph(t, len, 4, 7, &g) && g.escaped && g.width == 4 && memcmp(g.s, "\\xff", 4) == 0);
	CHECK(sbs_glyph(t, len, 5, 11, &g) && !g.escaped && g.width == 2 && g.n == 3);
	CHECK(sbs_glyph(t, len, 8, 13, &g) && g.width == 0 && g.next == len);
	CHECK(sbs_width(t, len) == 13);
	const char *bidi = "x\xe2\x80\xaey"; /* U+202E, right-to-left override */
	CHECK(sbs_glyph(bidi, strlen(bidi), 1, 1, &g) && g.escaped && memcmp(g.s, "\\u202e", 6) == 0);
	CHECK(sbs_width("\x1b[2J", 4) == 5);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	RUN(test_mix_aligns);
	RUN(test_uneven_change);
	RUN(test_two_hunks);
	RUN(test_unified_order);
	RUN(test_words);
	RUN(test_identical);
	RUN(test_empty_old);
	RUN(test_no_trailing_newline);
	RUN(test_glyphs);
	return CHECK_EXIT();
}
