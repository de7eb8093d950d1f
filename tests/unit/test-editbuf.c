/* test-editbuf: the prompt editor's text buffer: motions, kills, undo
 * groups, UTF-8 (wide and combining characters) and screen rows. */
#include <locale.h>
#include <stdlib.h>

#include "check.h"
#include "editbuf.h"

/* A buffer holding text with the cursor at byte at. */
static void with(struct editbuf *eb, const char *text, size_t at)
{
	editbuf_init(eb);
	editbuf_insert(eb, text, strlen(text));
	eb->cursor = at;
	eb->typing = 0;
}

static void type(struct editbuf *eb, const char *s)
{
	char one[2] = { 0, 0 };

	for (; *s; s++) {
		one[0] = *s;
		editbuf_type(eb, one, 1);
	}
}

static void motions_left_right_home_end(void)
{
	struct editbuf eb;

	with(&eb, "ab\ncd", 0);
	CHECK(!editbuf_left(&eb) && eb.cursor == 0);
	CHECK(editbuf_right(&eb) && eb.cursor == 1);
	CHECK(editbuf_end(&eb) && eb.cursor == 2);
	CHECK(editbuf_right(&eb) && eb.cursor == 3); /* over the newline */
	CHECK(editbuf_end(&eb) && eb.cursor == 5);
	CHECK(!editbuf_right(&eb) && eb.cursor == 5);
	CHECK(editbuf_home(&eb) && eb.cursor == 3);
	CHECK(!editbuf_home(&eb) && eb.cursor == 3); /* the line's start, not the text's */
	CHECK(editbuf_left(&eb) && eb.cursor == 2);
	editbuf_free(&eb);
}

static void motions_words(void)
{
	struct editbuf eb;

	with(&eb, "foo, bar-baz  qux", 0);
	CHECK(editbuf_word_right(&eb) && eb.cursor == 3);
	CHECK(editbuf_word_right(&eb) && eb.cursor == 8);
	CHECK(editbuf_word_right(&eb) && eb.cursor == 12);
	CHECK(editbuf_word_right(&eb) && eb.cursor == 17);
	CHECK(!editbuf_word_right(&eb));
	CHECK(editbuf_word_left(&eb) && eb.cursor == 14);
	CHECK(editbuf_word_left(&eb) && eb.cursor == 9);
	CHECK(editbuf_word_left(&eb) && eb.cursor == 5);
	CHECK(editbuf_word_left(&eb) && eb.cursor == 0);
	CHECK(!editbuf_word_left(&eb));
	editbuf_free(&eb);
	/* Letters beyond ASCII are word characters too. */
	with(&eb, "été über", 0);
	CHECK(editbuf_word_right(&eb) && eb.cursor == strlen("été"));
	CHECK(editbuf_word_right(&eb) && eb.cursor == strlen("été über"));
	editbuf_free(&eb);
}

static void motions_up_down_keep_the_column(void)
{
	struct editbuf eb;
	int goal = -1;

	with(&eb, "abcdef\nab\nabcdef", 5);
	CHECK(editbuf_down(&eb, 40, &goal) && eb.cursor == 9); /* short line: its end */
	CHECK(goal == 5);
	CHECK(editbuf_down(&eb, 40, &goal) && eb.cursor == 15); /* column 5 again */
	CHECK(!editbuf_down(&eb, 40, &goal));
	CHECK(editbuf_up(&eb, 40, &goal) && editbuf_up(&eb, 40, &goal) && eb.cursor == 5);
	CHECK(!editbuf_up(&eb, 40, &goal));
	editbuf_free(&eb);
	/* Wrapped rows count: "aaaa bbbb" in 5 cells is two rows. */
	with(&eb, "aaaa bbbb", 1);
	goal = -1;
	CHECK(editbuf_down(&eb, 5, &goal) && eb.cursor == 6);
	CHECK(editbuf_up(&eb, 5, &goal) && eb.cursor == 1);
	editbuf_free(&eb);
}

static void kills_line_start_word(void)
{
	struct editbuf eb;

	with(&eb, "one two three\nfour", 4);
	CHECK(editbuf_kill_line(&eb));
	CHECK_STR(editbuf_text(&eb), "one \nfour");
	CHECK(editbuf_kill_line(&eb)); /* at the line's end: joins the next */
	CHECK_STR(editbuf_text(&eb), "one four");
	CHECK_STR(eb.killed.data, "two three\n"); /* kills in a row add up */
	CHECK(editbuf_kill_to_start(&eb));
	CHECK_STR(editbuf_text(&eb), "four");
	CHECK(eb.cursor == 0);
	CHECK(editbuf_yank(&eb)); /* the three kills come back as one */
	CHECK_STR(editbuf_text(&eb), "one two three\nfour");
	editbuf_free(&eb);

	with(&eb, "git commit -m  ", 15);
	CHECK(editbuf_kill_word(&eb));
	CHECK_STR(editbuf_text(&eb), "git commit ");
	CHECK(editbuf_kill_word(&eb));
	CHECK_STR(editbuf_text(&eb), "git ");
	CHECK_STR(eb.killed.data, "commit -m  "); /* backwards kills go in front */
	editbuf_free(&eb);

	with(&eb, "a b\nc", 4);
	CHECK(editbuf_kill_to_start(&eb)); /* at a line's start: joins the previous */
	CHECK_STR(editbuf_text(&eb), "a bc");
	editbuf_free(&eb);

	with(&eb, "say hello-world", 4);
	CHECK(editbuf_kill_word_right(&eb));
	CHECK_STR(editbuf_text(&eb), "say -world");
	editbuf_free(&eb);
}

static void undo_groups_typing(void)
{
	struct editbuf eb;

	editbuf_init(&eb);
	type(&eb, "hello");
	editbuf_insert(&eb, "\n", 1);
	type(&eb, "world");
	CHECK_STR(editbuf_text(&eb), "hello\nworld");
	CHECK(editbuf_undo(&eb));
	CHECK_STR(editbuf_text(&eb), "hello\n");
	CHECK(editbuf_undo(&eb));
	CHECK_STR(editbuf_text(&eb), "hello");
	CHECK(editbuf_undo(&eb));
	CHECK_STR(editbuf_text(&eb), "");
	CHECK(!editbuf_undo(&eb));
	CHECK(editbuf_redo(&eb) && editbuf_redo(&eb));
	CHECK_STR(editbuf_text(&eb), "hello\n");
	CHECK(eb.cursor == 6);
	editbuf_free(&eb);

	/* A motion ends the group; undo puts the cursor back. */
	editbuf_init(&eb);
	type(&eb, "abc");
	editbuf_home(&eb);
	type(&eb, "XY");
	CHECK_STR(editbuf_text(&eb), "XYabc");
	CHECK(editbuf_undo(&eb));
	CHECK_STR(editbuf_text(&eb), "abc");
	CHECK(eb.cursor == 0);
	editbuf_free(&eb);
}

static void undo_kill_and_set(void)
{
	struct editbuf eb;

	with(&eb, "keep this", 4);
	editbuf_kill_line(&eb);
	editbuf_set(&eb, "other", 5);
	CHECK_STR(editbuf_text(&eb), "other");
	CHECK(editbuf_undo(&eb));
	CHECK_STR(editbuf_text(&eb), "keep");
	CHECK(editbuf_undo(&eb));
	CHECK_STR(editbuf_text(&eb), "keep this");
	CHECK(eb.cursor == 4);
	/* A new change forgets what could be redone. */
	editbuf_insert(&eb, "!", 1);
	CHECK(!editbuf_redo(&eb));
	editbuf_reset(&eb);
	CHECK_STR(editbuf_text(&eb), "");
	CHECK(!editbuf_undo(&eb));
	editbuf_free(&eb);
}

static void utf8_boundaries(void)
{
	struct editbuf eb;
	const char *text = "a\xE2\x82\xAC" "e\xCC\x81" "\xE4\xB8\xAD"; /* a € e+acute 中 */

	with(&eb, text, 0);
	CHECK(editbuf_right(&eb) && eb.cursor == 1);
	CHECK(editbuf_right(&eb) && eb.cursor == 4);  /* the euro sign whole */
	CHECK(editbuf_right(&eb) && eb.cursor == 7);  /* e and its combining accent */
	CHECK(editbuf_right(&eb) && eb.cursor == 10); /* the CJK character */
	CHECK(editbuf_left(&eb) && eb.cursor == 7);
	CHECK(editbuf_left(&eb) && eb.cursor == 4);
	CHECK(editbuf_backspace(&eb));
	CHECK_STR(editbuf_text(&eb), "ae\xCC\x81\xE4\xB8\xAD");
	CHECK(editbuf_delete(&eb));
	CHECK_STR(editbuf_text(&eb), "a\xE4\xB8\xAD");
	editbuf_free(&eb);
}

static void rows_and_columns_measure_width(void)
{
	struct editbuf eb;
	int row, col;

	with(&eb, "\xE4\xB8\xAD\xE6\x96\x87x", 0); /* 中文x: 2 + 2 + 1 cells */
	editbuf_locate(&eb, 40, 6, &row, &col);
	CHECK(row == 0 && col == 4);
	editbuf_locate(&eb, 3, 6, &row, &col); /* 中 fits 3 cells, 文 goes below */
	CHECK(row == 1 && col == 2);
	CHECK(editbuf_rows(&eb, 3) == 2);
	editbuf_free(&eb);

	with(&eb, "e\xCC\x81z", 4); /* combining accent: no cell of its own */
	editbuf_locate(&eb, 40, 4, &row, &col);
	CHECK(row == 0 && col == 2);
	editbuf_free(&eb);

	with(&eb, "ab\n", 3); /* after a final newline: an empty row of its own */
	CHECK(editbuf_rows(&eb, 40) == 2);
	editbuf_locate(&eb, 40, 3, &row, &col);
	CHECK(row == 1 && col == 0);
	editbuf_locate(&eb, 40, 2, &row, &col);
	CHECK(row == 0 && col == 2);
	editbuf_free(&eb);

	editbuf_init(&eb);
	CHECK(editbuf_rows(&eb, 40) == 1);
	editbuf_free(&eb);
}

static void clean_controls_and_line_ends(void)
{
	struct buf out = BUF_INIT;
	const char in[] = "a\r\nb\rc\td\x1b[31me\x7f\xC2\x9b\xFFz";

	editbuf_clean(in, sizeof in - 1, &out);
	CHECK_STR(out.data, "a\nb\nc    d[31me\xEF\xBF\xBDz");
	buf_free(&out);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	RUN(motions_left_right_home_end);
	RUN(motions_words);
	RUN(motions_up_down_keep_the_column);
	RUN(kills_line_start_word);
	RUN(undo_groups_typing);
	RUN(undo_kill_and_set);
	RUN(utf8_boundaries);
	RUN(rows_and_columns_measure_width);
	RUN(clean_controls_and_line_ends);
	return CHECK_EXIT();
}
