/* test-review-notes: the reviewer's critique read from journal events and
 * its comments placed among the review's rows (ui/review-notes.c,
 * ui/review-place.c): below the line they name on the new side, side by
 * side and unified; whole-file comments and lines past the end above the
 * file; lines the unified view leaves out between the hunks, naming their
 * line; wrapping by display width, at most REVIEW_NOTE_ROWS rows. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "base/xmalloc.h"
#include "check.h"
#include "review-notes.h"
#include "store/store.h"

static struct review_critique *critique(size_t n, const char *const *paths, const long *lines,
					const char *const *texts)
{
	struct review_critique *c = xcalloc(1, sizeof *c);

	c->comments = xcalloc(n, sizeof *c->comments);
	for (size_t i = 0; i < n; i++)
		c->comments[c->n++] = (struct review_comment){ xstrdup(paths[i]), lines[i],
								xstrdup(texts[i]) };
	return c;
}

/* Row i of the layout is the view's row r. */
static int is_row(const struct review_layout *l, size_t i, long r)
{
	return i < l->n && l->rows[i].note == NULL && l->rows[i].row == r;
}

/* Row i of the layout is the first row of the note with text t, naming
 * line (0: none). */
static int is_note(const struct review_layout *l, size_t i, const char *t, long line)
{
	return i < l->n && l->rows[i].note && strcmp(l->rows[i].note->text, t) == 0 &&
	       l->rows[i].first && l->rows[i].line == line;
}

static void test_side_by_side(void)
{
	static const char old[] = "a\nb\nc\n", new[] = "a\nB\nc\nd\n";
	static const char *const paths[] = { "calc.py", "calc.py", "calc.py", "other.py", "calc.py" };
	static const long lines[] = { 2, 0, 9, 1, 2 };
	static const char *const texts[] = { "x", "top", "far", "y", "x2" };
	struct review_critique *c = critique(5, paths, lines, texts);
	struct sbs s;
	struct review_layout l;

	sbs_build(old, strlen(old), new, strlen(new), &s);
	struct review_place in = { &s, 0, NULL, 0, c, "./calc.py", 60 };
	review_layout_build(&in, &l);
	CHECK(l.n == 8); /* other.py's comment is not on this file */
	CHECK(is_note(&l, 0, "top", 0));  /* the whole file: above it */
	CHECK(is_note(&l, 1, "far", 9));  /* past the end: above, naming its line */
	CHECK(is_row(&l, 2, 0));
	CHECK(is_row(&l, 3, 1));          /* new line 2 (changed) */
	CHECK(is_note(&l, 4, "x", 0));    /* right below it, in their order */
	CHECK(is_note(&l, 5, "x2", 0));
	CHECK(is_row(&l, 6, 2));
	CHECK(is_row(&l, 7, 3));
	CHECK(l.nat == 4 && l.at[0] == 2 && l.at[1] == 3 && l.at[2] == 6 && l.at[3] == 7);
	CHECK(review_layout_pos(&l, 0) == 0); /* the top of the file shows the notes above it */
	CHECK(review_layout_pos(&l, 2) == 6);
	review_layout_free(&l);

	in.critique = NULL; /* no critique: the rows as they were */
	review_layout_build(&in, &l);
	CHECK(l.n == 4 && is_row(&l, 0, 0) && is_row(&l, 3, 3) && review_layout_pos(&l, 3) == 3);
	review_layout_free(&l);
	sbs_free(&s);
	review_critique_free(c);
}

static void lines_text(char *out, int n, int changed_a, int changed_b, int mark)
{
	out[0] = '\0';
	for (int i = 1; i <= n; i++)
		sprintf(out + strlen(out), mark && (i == changed_a || i == changed_b) ? "L%d!\n" : "l%d\n", i);
}

static void test_unified(void)
{
	static const char *const paths[] = { "calc.py", "calc.py", "calc.py", "calc.py" };
	static const long lines[] = { 10, 2, 1, 30 };
	static const char *const texts[] = { "between", "on the change", "on context", "after all" };
	struct review_critique *c = critique(4, paths, lines, texts);
	char old[256], new[256];
	struct sbs s;
	struct sbs_urow *u;
	size_t nu;
	struct review_layout l;

	lines_text(old, 20, 2, 18, 0);
	lines_text(new, 20, 2, 18, 1);
	sbs_build(old, strlen(old), new, strlen(new), &s);
	sbs_unified(&s, &u, &nu);
	CHECK(s.nhunks == 2 && nu == 15); /* H 1 -2 +2 3 4 5, H 15 16 17 -18 +18 19 20 */
	CHECK(u[7].kind == SBS_U_HEADER && u[7].hunk == 1);
	struct review_place in = { &s, 1, u, nu, c, "calc.py", 60 };
	review_layout_build(&in, &l);
	CHECK(l.n == 19);
	CHECK(is_note(&l, 0, "after all", 30));      /* past the end: above the file */
	CHECK(is_row(&l, 1, 0));                     /* the first hunk's header */
	CHECK(is_row(&l, 2, 1));                     /* line 1 */
	CHECK(is_note(&l, 3, "on context", 0));
	CHECK(is_row(&l, 4, 2) && is_row(&l, 5, 3)); /* -2 +2 */
	CHECK(is_note(&l, 6, "on the change", 0));   /* below the new side's line */
	CHECK(is_row(&l, 9, 6));                     /* the first hunk's last line */
	CHECK(is_note(&l, 10, "between", 10));       /* not shown: before the next hunk, named */
	CHECK(is_row(&l, 11, 7) && l.at[7] == 11);
	CHECK(is_row(&l, 18, 14));
	review_layout_free(&l);

	in.unified = 0; /* side by side shows line 10: the note goes right below it */
	review_layout_build(&in, &l);
	CHECK(is_note(&l, 0, "after all", 30) && is_row(&l, 12, 9) && is_note(&l, 13, "between", 0));
	review_layout_free(&l);
	free(u);
	sbs_free(&s);
	review_critique_free(c);
}

/* A line past the end goes above the file; so does every note on a file
 * that no longer exists (nothing on the new side). */
static void test_deleted_file(void)
{
	static const char *const paths[] = { "gone.py" };
	static const long lines[] = { 3 };
	static const char *const texts[] = { "why delete this?" };
	struct review_critique *c = critique(1, paths, lines, texts);
	struct sbs s;
	struct review_layout l;

	sbs_build("a\nb\nc\n", 6, "", 0, &s);
	struct review_place in = { &s, 0, NULL, 0, c, "gone.py", 60 };
	review_layout_build(&in, &l);
	CHECK(l.n == 4 && is_note(&l, 0, "why delete this?", 3) && is_row(&l, 1, 0));
	review_layout_free(&l);
	sbs_free(&s);
	review_critique_free(c);
}

static void test_wrap(void)
{
	static const char *const paths[] = { "f", "f" };
	static const long lines[] = { 1, 1 };
	static const char *const texts[] = {
		"the loop skips the last item of the list",
		"one two three four five six seven eight nine ten eleven twelve thirteen fourteen",
	};
	struct review_critique *c = critique(2, paths, lines, texts);
	struct sbs s;
	struct review_layout l;
	char label[64];

	sbs_build("x\n", 2, "x\n", 2, &s);
	struct review_place in = { &s, 0, NULL, 0, c, "f", 30 };
	review_layout_build(&in, &l);
	CHECK(l.n == 1 + 3 + 4);
	CHECK(review_note_label(&l.rows[1], label, sizeof label) == 10);
	CHECK(strcmp(label, "reviewer: ") == 0);
	/* 20 columns after the label, at spaces. */
	CHECK(l.rows[1].first && l.rows[1].from == 0 && l.rows[1].to == 18);
	CHECK(!l.rows[2].first && l.rows[2].from == 19 && l.rows[2].to == 35 && l.rows[2].indent == 10);
	CHECK(l.rows[3].from == 36 && l.rows[3].to == 40);
	/* The second stops at REVIEW_NOTE_ROWS rows, its last row takes the rest. */
	CHECK(l.rows[4].first && l.rows[7].to == strlen(texts[1]) && l.rows[7].from < 60);
	review_layout_free(&l);

	in.width = 15; /* too narrow to indent: the rest use the whole width */
	review_layout_build(&in, &l);
	CHECK(l.rows[2].indent == 0 && l.rows[1].to == 3); /* "the" in 5 columns */
	review_layout_free(&l);
	sbs_free(&s);
	review_critique_free(c);
}

static struct store_event event(const char *json)
{
	struct store_event e = { 0 };

	e.json = cJSON_Parse(json);
	if (e.json == NULL)
		abort();
	e.type = cJSON_GetObjectItem(e.json, "type")->valuestring;
	return e;
}

static void test_find(void)
{
	struct store_event ev[] = {
		event("{\"type\":\"critique\",\"version\":2,\"verdict\":\"approve\",\"comments\":[]}"),
		event("{\"type\":\"state\",\"version\":2,\"verdict\":\"approve\"}"),
		event("{\"type\":\"critique\",\"version\":2,\"verdict\":\"request_changes\",\"comments\":["
		      "{\"path\":\"./calc.py\",\"line\":3,\"text\":\"a\\u001b[31mred\\n  next \"},"
		      "{\"line\":5,\"text\":\"no path\"},"
		      "{\"path\":\"x.py\"},"
		      "{\"path\":\"y.py\",\"line\":-2,\"text\":\"t\"}],\"text\":\"REQUEST CHANGES\"}"),
		event("{\"type\":\"critique\",\"version\":2,\"verdict\":\"maybe\",\"comments\":[]}"),
		event("{\"type\":\"critique\",\"version\":\"2\",\"verdict\":\"approve\"}"),
		event("{\"type\":\"critique\",\"version\":3,\"verdict\":\"approve\"}"),
	};
	size_t n = sizeof ev / sizeof *ev;
	struct review_critique *c = review_critique_find(ev, n, 2);

	CHECK(c && c->version == 2 && !c->approve && c->n == 3); /* the last well-formed one */
	if (c && c->n == 3) {
		CHECK_STR(c->comments[0].path, "calc.py");
		CHECK(c->comments[0].line == 3);
		CHECK_STR(c->comments[0].text, "a^[[31mred next"); /* visible, one line */
		CHECK_STR(c->comments[1].path, "");
		CHECK(c->comments[1].line == 5);
		CHECK(c->comments[2].line == 0); /* a bad line: the whole file */
	}
	review_critique_free(c);
	c = review_critique_find(ev, n, 3);
	CHECK(c && c->approve && c->n == 0);
	review_critique_free(c);
	CHECK(review_critique_find(ev, n, 7) == NULL);
	c = review_critique_find(ev, 2, 2); /* before the others were written */
	CHECK(c && c->approve && c->n == 0);
	review_critique_free(c);
	CHECK_STR(review_plain_path("././/a/b"), "a/b");
	for (size_t i = 0; i < n; i++)
		cJSON_Delete(ev[i].json);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	RUN(test_side_by_side);
	RUN(test_unified);
	RUN(test_deleted_file);
	RUN(test_wrap);
	RUN(test_find);
	return CHECK_EXIT();
}
