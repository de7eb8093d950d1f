/* test-complete: Tab completion's common prefix and the one-line editor's
 * keys (ui/cmdline.h), without a terminal. */
#include <locale.h>

#include "check.h"
#include "cmdline.h"
#include "keymap.h"

static const char *const cmds[] = { "new", "open", "run", "stop", "finalize", "archive",
				    "export", "restore", "review", "model", "theme", "help", "quit" };
#define NCMDS (sizeof cmds / sizeof cmds[0])

static void complete_unique_match(void)
{
	char out[64];

	CHECK(complete_common("the", cmds, NCMDS, out, sizeof out) == 1);
	CHECK_STR(out, "theme");
	CHECK(complete_common("q", cmds, NCMDS, out, sizeof out) == 1);
	CHECK_STR(out, "quit");
}

static void complete_ambiguous_stops_where_they_differ(void)
{
	char out[64];

	CHECK(complete_common("re", cmds, NCMDS, out, sizeof out) == 2);
	CHECK_STR(out, "re"); /* restore, review */
	CHECK(complete_common("", cmds, NCMDS, out, sizeof out) == NCMDS);
	CHECK_STR(out, "");
	const char *const themes[] = { "default", "dark-blue", "dark-red" };
	CHECK(complete_common("d", themes, 3, out, sizeof out) == 3);
	CHECK_STR(out, "d");
	CHECK(complete_common("da", themes, 3, out, sizeof out) == 2);
	CHECK_STR(out, "dark-");
}

static void complete_no_match_keeps_the_word(void)
{
	char out[64];

	CHECK(complete_common("zzz", cmds, NCMDS, out, sizeof out) == 0);
	CHECK_STR(out, "zzz");
	CHECK(complete_common("x", NULL, 0, out, sizeof out) == 0);
	CHECK_STR(out, "x");
}

static void complete_never_splits_a_character(void)
{
	const char *const words[] = { "caf\xc3\xa9", "caf\xc3\xa8" }; /* café, cafè */
	char out[64];

	CHECK(complete_common("c", words, 2, out, sizeof out) == 2);
	CHECK_STR(out, "caf");
	CHECK(complete_common("c", words, 1, out, 3) == 1);
	CHECK_STR(out, "ca"); /* truncated to the buffer */
}

static void type(struct lineedit *e, const char *s)
{
	for (; *s; s++)
		lineedit_key(e, (unsigned char)*s);
}

static void lineedit_editing_keys(void)
{
	struct lineedit e = { BUF_INIT, 0 };

	type(&e, "open calc");
	CHECK_STR(lineedit_text(&e), "open calc");
	lineedit_key(&e, 'w' - 'a' + 1); /* C-w */
	CHECK_STR(lineedit_text(&e), "open ");
	type(&e, "demo");
	lineedit_key(&e, KEYC_FUNC | KEY_HOME);
	type(&e, ":");
	CHECK_STR(lineedit_text(&e), ":open demo");
	lineedit_key(&e, KEYC_FUNC | KEY_END);
	lineedit_key(&e, KEYC_FUNC | KEY_BACKSPACE);
	lineedit_key(&e, KEYC_FUNC | KEY_LEFT);
	lineedit_key(&e, KEYC_FUNC | KEY_DC);
	CHECK_STR(lineedit_text(&e), ":open de");
	lineedit_key(&e, 'u' - 'a' + 1); /* C-u: everything before the cursor */
	CHECK_STR(lineedit_text(&e), "");
	CHECK(lineedit_key(&e, KEYC_FUNC | KEY_F(2)) == 0);
	CHECK(lineedit_key(&e, '\t') == 0);
	lineedit_free(&e);
}

static void lineedit_multibyte_and_paste(void)
{
	struct lineedit e = { BUF_INIT, 0 };

	lineedit_key(&e, 0xe9); /* é */
	lineedit_key(&e, 'x');
	lineedit_key(&e, KEYC_FUNC | KEY_LEFT);
	lineedit_key(&e, KEYC_FUNC | KEY_LEFT);
	CHECK(e.cursor == 0);
	lineedit_key(&e, KEYC_FUNC | KEY_DC);
	CHECK_STR(lineedit_text(&e), "x");
	lineedit_insert(&e, "a\nb\x1b[31mc", 10); /* controls dropped, never run */
	CHECK_STR(lineedit_text(&e), "ab[31mcx");
	lineedit_replace(&e, 0, 2, "theme ");
	CHECK_STR(lineedit_text(&e), "theme [31mcx");
	CHECK(e.cursor == 6);
	CHECK(ui_text_width("caf\xc3\xa9 \xe4\xb8\xad") == 7); /* café 中 */
	lineedit_free(&e);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	RUN(complete_unique_match);
	RUN(complete_ambiguous_stops_where_they_differ);
	RUN(complete_no_match_keeps_the_word);
	RUN(complete_never_splits_a_character);
	RUN(lineedit_editing_keys);
	RUN(lineedit_multibyte_and_paste);
	return CHECK_EXIT();
}
