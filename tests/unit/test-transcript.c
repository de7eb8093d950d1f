/* test-transcript: the output pane's model without curses: wrapping as
 * tokens arrive, code fences split across tokens, reasoning folds, a view
 * that stays put while text arrives, resizing, and search. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "stream-model.h"

/* The text shown on the display row at abs ("" for a gap, the label for a
 * fold line), into a static buffer. */
static const char *row_text(const struct transcript *t, size_t abs)
{
	static char out[512];
	struct stream_row_info ri;

	out[0] = '\0';
	if (!transcript_row(t, transcript_pos(t, abs), &ri))
		return "(none)";
	if (ri.kind == SROW_FOLD)
		transcript_fold_label(t, ri.entry, out, sizeof out);
	else if (ri.kind == SROW_TEXT)
		snprintf(out, sizeof out, "%.*s", (int)(ri.end - ri.start), ri.e->text.data + ri.start);
	return out;
}

static enum stream_line row_line(const struct transcript *t, size_t abs)
{
	struct stream_row_info ri;

	transcript_row(t, transcript_pos(t, abs), &ri);
	return ri.line;
}

/* Append text in pieces of n bytes. */
static void feed(struct transcript *t, enum stream_kind kind, const char *text, size_t n)
{
	size_t len = strlen(text);

	for (size_t i = 0; i < len; i += n)
		transcript_append(t, kind, text + i, len - i < n ? len - i : n, 0);
}

static const char *const lorem =
	"The quick brown fox jumps over the lazy dog. Pack my box with five dozen "
	"liquor jugs.\nHow vexingly quick daft zebras jump!\n\nSphinx of black quartz, "
	"judge my vow; a\twide tab and a verylongwordthatcannotbreakanywhereatall.\n";

static void wraps_at_spaces_and_newlines(void)
{
	struct transcript t;

	transcript_init(&t);
	transcript_set_size(&t, 10, 5);
	transcript_append(&t, STREAM_ANSWER, "hello world again\nx", 19, 0);
	CHECK(transcript_total(&t) == 4);
	CHECK_STR(row_text(&t, 0), "hello ");
	CHECK_STR(row_text(&t, 1), "world ");
	CHECK_STR(row_text(&t, 2), "again");
	CHECK_STR(row_text(&t, 3), "x");
	transcript_free(&t);
}

/* Growing by tokens gives exactly the rows of wrapping the whole text. */
static void incremental_wrap_matches_full_wrap(void)
{
	for (size_t piece = 1; piece <= 7; piece++) {
		for (int width = 3; width <= 31; width += 7) {
			struct transcript a, b;
			transcript_init(&a);
			transcript_init(&b);
			transcript_set_size(&a, width, 10);
			feed(&a, STREAM_ANSWER, lorem, piece);
			feed(&b, STREAM_ANSWER, lorem, strlen(lorem));
			transcript_set_size(&b, width, 10);
			CHECK(transcript_total(&a) == transcript_total(&b));
			for (size_t r = 0; r < transcript_total(&a); r++) {
				char want[512];
				snprintf(want, sizeof want, "%s", row_text(&b, r));
				CHECK_STR(row_text(&a, r), want);
			}
			transcript_free(&a);
			transcript_free(&b);
		}
	}
}

static const char *const fenced =
	"Here is code:\n```c\nint main(void) { return 0; }\n  ```\nAfter it.\n"
	"``not a fence\n    ```indented four: not a fence\n";

static void fences_split_across_tokens(void)
{
	for (size_t piece = 1; piece <= 5; piece++) {
		struct transcript t;
		transcript_init(&t);
		transcript_set_size(&t, 40, 20);
		feed(&t, STREAM_ANSWER, fenced, piece);
		CHECK(transcript_total(&t) == 7);
		CHECK(row_line(&t, 0) == SLINE_TEXT);
		CHECK(row_line(&t, 1) == SLINE_FENCE);
		CHECK_STR(row_text(&t, 1), "```c");
		CHECK(row_line(&t, 2) == SLINE_CODE);
		CHECK(row_line(&t, 3) == SLINE_FENCE);
		CHECK(row_line(&t, 4) == SLINE_TEXT);
		CHECK(row_line(&t, 5) == SLINE_TEXT);
		CHECK(row_line(&t, 6) == SLINE_TEXT);
		transcript_free(&t);
	}
}

/* Code rows leave room for the gutter. */
static void code_wraps_narrower(void)
{
	struct transcript t;

	transcript_init(&t);
	transcript_set_size(&t, 10, 20);
	feed(&t, STREAM_ANSWER, "```\n123456789\n```\n123456789\n", 3);
	CHECK(transcript_total(&t) == 5);
	CHECK_STR(row_text(&t, 1), "12345678");
	CHECK_STR(row_text(&t, 2), "9");
	CHECK(row_line(&t, 2) == SLINE_CODE);
	CHECK_STR(row_text(&t, 4), "123456789");
	transcript_free(&t);
}

static void reasoning_folds_to_one_line(void)
{
	struct transcript t;

	transcript_init(&t);
	transcript_set_size(&t, 60, 20);
	transcript_append(&t, STREAM_PROMPT, "why?", 4, 1);
	feed(&t, STREAM_REASONING, "first\nsecond\nthird", 4);
	CHECK(transcript_total(&t) == 3); /* prompt, gap, fold line */
	CHECK_STR(row_text(&t, 2), "\xe2\x96\xb8 reasoning (3 lines so far\xe2\x80\xa6) \xe2\x80\x94 Enter expands");
	feed(&t, STREAM_ANSWER, "Because.", 3);
	CHECK_STR(row_text(&t, 2), "\xe2\x96\xb8 reasoning (3 lines) \xe2\x80\x94 Enter expands");
	CHECK(transcript_total(&t) == 5);
	/* No cursor: Enter takes the fold line in view. */
	CHECK(transcript_toggle_fold(&t) == 1);
	CHECK(transcript_total(&t) == 8);
	CHECK_STR(row_text(&t, 2), "\xe2\x96\xbe reasoning (3 lines) \xe2\x80\x94 Enter folds");
	CHECK_STR(row_text(&t, 3), "first");
	CHECK(t.has_cursor && t.cursor.entry == 1 && t.cursor.row == 0);
	CHECK(transcript_toggle_fold(&t) == 1);
	CHECK(transcript_total(&t) == 5);
	/* The cursor elsewhere: the nearest fold line in view. */
	transcript_home(&t);
	CHECK(transcript_toggle_fold(&t) == 1);
	CHECK(!t.e[1].folded);
	/* None in view: nothing. */
	transcript_free(&t);
	transcript_init(&t);
	transcript_set_size(&t, 60, 20);
	transcript_append(&t, STREAM_ANSWER, "no reasoning", 12, 0);
	CHECK(transcript_toggle_fold(&t) == 0);
	transcript_free(&t);
}

/* Fill with numbered lines "line N". */
static void fill_lines(struct transcript *t, int from, int to)
{
	char line[32];

	for (int i = from; i < to; i++) {
		int n = snprintf(line, sizeof line, "line %d\n", i);
		transcript_append(t, STREAM_ANSWER, line, (size_t)n, 0);
	}
}

static void view_stays_put_while_text_arrives(void)
{
	struct transcript t;
	char before[5][64];

	transcript_init(&t);
	transcript_set_size(&t, 20, 5);
	fill_lines(&t, 0, 30);
	transcript_append(&t, STREAM_ANSWER, "tail", 4, 0);
	CHECK(t.follow);
	CHECK_STR(row_text(&t, transcript_view_top(&t) + 4), "tail");
	transcript_scroll(&t, -3);
	CHECK(!t.follow);
	size_t top = transcript_view_top(&t);
	for (int y = 0; y < 5; y++)
		snprintf(before[y], sizeof before[y], "%s", row_text(&t, top + (size_t)y));
	CHECK(!transcript_unseen(&t));
	/* The last row wraps into new rows, then whole lines and entries arrive. */
	feed(&t, STREAM_ANSWER, " and more words that wrap the last row\n", 2);
	fill_lines(&t, 30, 40);
	transcript_append(&t, STREAM_NOTE, "a note", 6, 1);
	top = transcript_view_top(&t);
	for (int y = 0; y < 5; y++)
		CHECK_STR(row_text(&t, top + (size_t)y), before[y]);
	CHECK(transcript_unseen(&t));
	/* End follows again; the tail shows. */
	transcript_follow(&t);
	CHECK(!transcript_unseen(&t));
	CHECK_STR(row_text(&t, transcript_view_top(&t) + 4), "a note");
	transcript_free(&t);
}

static void scrolling_to_the_bottom_follows(void)
{
	struct transcript t;

	transcript_init(&t);
	transcript_set_size(&t, 20, 5);
	fill_lines(&t, 0, 20);
	transcript_scroll(&t, -10);
	CHECK(!t.follow);
	transcript_scroll(&t, 3);
	CHECK(!t.follow);
	transcript_scroll(&t, 30);
	CHECK(t.follow);
	transcript_home(&t);
	CHECK(transcript_view_top(&t) == 0 && !t.follow);
	CHECK_STR(row_text(&t, 0), "line 0");
	transcript_cursor_move(&t, 19); /* the last row */
	CHECK(!t.follow && t.has_cursor);
	CHECK_STR(row_text(&t, transcript_abs(&t, t.cursor)), "line 19");
	transcript_cursor_move(&t, 1); /* down past the end */
	CHECK(t.follow && !t.has_cursor);
	transcript_free(&t);
}

static void resize_keeps_the_view_on_the_same_text(void)
{
	struct transcript t;

	transcript_init(&t);
	transcript_set_size(&t, 30, 4);
	feed(&t, STREAM_ANSWER, lorem, 5);
	fill_lines(&t, 0, 10);
	transcript_home(&t);
	transcript_scroll(&t, 2);
	char want[64];
	snprintf(want, sizeof want, "%s", row_text(&t, transcript_view_top(&t)));
	CHECK_STR(want, "box with five dozen liquor ");
	/* Narrower: the row that holds the same text is on top. */
	transcript_set_size(&t, 12, 4);
	CHECK_STR(row_text(&t, transcript_view_top(&t)), "my box with ");
	transcript_set_size(&t, 7, 4);
	transcript_set_size(&t, 60, 4);
	/* Back again: no drift. */
	transcript_set_size(&t, 30, 4);
	CHECK_STR(row_text(&t, transcript_view_top(&t)), want);
	transcript_free(&t);
}

static void search_finds_counts_and_wraps(void)
{
	struct transcript t;
	char st[64];

	transcript_init(&t);
	transcript_set_size(&t, 20, 4);
	fill_lines(&t, 0, 12);
	transcript_append(&t, STREAM_ANSWER, "Line ", 5, 0);
	/* From the view's top on: following, that is "line 9". */
	CHECK(transcript_search(&t, "line 1") == 3); /* 1, 10, 11 */
	CHECK_STR(row_text(&t, transcript_abs(&t, t.cursor)), "line 10");
	transcript_home(&t);
	transcript_search_step(&t, -1);
	CHECK(!t.follow);
	transcript_search_status(&t, st, sizeof st);
	CHECK_STR(st, "match 1/3");
	CHECK_STR(row_text(&t, transcript_abs(&t, t.cursor)), "line 1");
	CHECK(transcript_search_step(&t, 1) == 1);
	CHECK_STR(row_text(&t, transcript_abs(&t, t.cursor)), "line 10");
	transcript_search_step(&t, -1);
	transcript_search_step(&t, -1);
	transcript_search_status(&t, st, sizeof st);
	CHECK_STR(st, "match 3/3");
	/* A match split across two tokens, found as it arrives. */
	transcript_append(&t, STREAM_ANSWER, "1", 1, 0);
	transcript_search_status(&t, st, sizeof st);
	CHECK_STR(st, "match 3/4");
	/* Capitals make it case-sensitive. */
	CHECK(transcript_search(&t, "Line") == 1);
	CHECK(transcript_search(&t, "zebra") == 0);
	transcript_search_status(&t, st, sizeof st);
	CHECK_STR(st, "no match for 'zebra'");
	transcript_free(&t);
}

static void search_unfolds_reasoning(void)
{
	struct transcript t;

	transcript_init(&t);
	transcript_set_size(&t, 40, 5);
	feed(&t, STREAM_REASONING, "alpha\nbeta needle\ngamma\n", 3);
	feed(&t, STREAM_ANSWER, "answer\n", 3);
	CHECK(t.e[0].folded);
	CHECK(transcript_search(&t, "needle") == 1);
	CHECK(!t.e[0].folded);
	CHECK_STR(row_text(&t, transcript_abs(&t, t.cursor)), "beta needle");
	transcript_free(&t);
}

static void control_bytes_are_shown_not_sent(void)
{
	struct transcript t;

	transcript_init(&t);
	transcript_set_size(&t, 40, 5);
	transcript_append(&t, STREAM_ANSWER, "a\x1b]52;c;x\x07z", 11, 0);
	CHECK(strchr(t.e[0].text.data, 0x1b) == NULL);
	CHECK(strchr(t.e[0].text.data, 0x07) == NULL);
	transcript_free(&t);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	RUN(wraps_at_spaces_and_newlines);
	RUN(incremental_wrap_matches_full_wrap);
	RUN(fences_split_across_tokens);
	RUN(code_wraps_narrower);
	RUN(reasoning_folds_to_one_line);
	RUN(view_stays_put_while_text_arrives);
	RUN(scrolling_to_the_bottom_follows);
	RUN(resize_keeps_the_view_on_the_same_text);
	RUN(search_finds_counts_and_wraps);
	RUN(search_unfolds_reasoning);
	RUN(control_bytes_are_shown_not_sent);
	return CHECK_EXIT();
}
