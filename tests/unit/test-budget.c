/* test-budget: unit tests of token estimates and of trimming a prompt to
 * the context (src/gateway/budget.c). The expected figures are worked out
 * by hand in the comments from the rules in budget.h. */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xmalloc.h"
#include "check.h"
#include "gateway/budget.h"

static long est(const char *s)
{
	return budget_estimate(s, strlen(s));
}

/* n copies of c; allocated. */
static char *repeat(char c, size_t n)
{
	char *s = xmalloc(n + 1);

	memset(s, c, n);
	s[n] = '\0';
	return s;
}

/* 20 lines "aaaaaaaa\n" .. "tttttttt\n": 9 bytes, 3 tokens each. */
static char *twenty_lines(void)
{
	struct buf b = BUF_INIT;

	for (char c = 'a'; c <= 't'; c++) {
		for (int i = 0; i < 8; i++)
			buf_append_char(&b, c);
		buf_append_char(&b, '\n');
	}
	return buf_steal(&b);
}

/* Adds a message of n copies of c. */
static void add_repeat(struct gw_prompt *p, const char *role, char c, size_t n)
{
	char *s = repeat(c, n);

	gw_prompt_add(p, role, s, n);
	free(s);
}

static void add(struct gw_prompt *p, const char *role, const char *content)
{
	gw_prompt_add(p, role, content, strlen(content));
}

static void test_estimate(void)
{
	CHECK(est("") == 0);
	CHECK(est("abc") == 1);
	CHECK(est("abcd") == 2);
	CHECK(est("abcdef") == 2);
	CHECK(est("hello world\n") == 4);
	/* Digits: one token each. */
	CHECK(est("12345") == 5);
	CHECK(est("a1") == 2);
	/* Non-ASCII: one per character, whatever its length in bytes. */
	CHECK(est("é") == 1);
	CHECK(est("日本") == 2);
	CHECK(est("🙂") == 1);
	CHECK(est("naïve") == 3);
	/* Stray continuation bytes and a cut-short sequence count each. */
	CHECK(est("\x80\x80") == 2);
	CHECK(est("\xe6" "a") == 2);
	CHECK(budget_estimate("abcdef", 3) == 1);
}

static void test_prompt_tokens(void)
{
	struct gw_prompt p = GW_PROMPT_INIT;

	CHECK(budget_prompt_tokens(&p) == BUDGET_REPLY_TOKENS);
	add(&p, "system", "s");
	add(&p, "user", "hi");
	/* 3 + (1 + 5) + (1 + 5) */
	CHECK(budget_prompt_tokens(&p) == 15);
	gw_prompt_free(&p);
}

static void test_fits_untouched(void)
{
	struct gw_prompt p = GW_PROMPT_INIT;
	char *note = (char *)"unset";

	add(&p, "system", "s");
	add(&p, "user", "hi");
	CHECK(budget_fit(&p, 20, 5, &note) == 0); /* 15 tokens, exactly the limit */
	CHECK(note == NULL);
	CHECK(budget_fit(&p, 0, 0, &note) == 0);  /* unknown context */
	CHECK(budget_fit(&p, -1, 0, &note) == 0);
	CHECK(budget_fit(&p, 0, 4096, &note) == 0);
	CHECK(note == NULL);
	CHECK(p.n == 2);
	CHECK_STR(p.msgs[1].content, "hi");
	gw_prompt_free(&p);
}

/* system (6), four middle messages of 30 letters (15 each), last (8): 77. */
static void five_turns(struct gw_prompt *p)
{
	add(p, "system", "sys");
	add_repeat(p, "user", 'a', 30);
	add_repeat(p, "assistant", 'b', 30);
	add_repeat(p, "user", 'c', 30);
	add_repeat(p, "assistant", 'd', 30);
	add(p, "user", "question");
}

static void test_drop_middle_messages(void)
{
	struct gw_prompt p = GW_PROMPT_INIT;
	char *note = NULL;

	five_turns(&p);
	CHECK(budget_prompt_tokens(&p) == 77);
	/* Limit 50: dropping the first two leaves 47. */
	CHECK(budget_fit(&p, 60, 10, &note) == 1);
	CHECK_STR(note, "dropped 2 older messages (~30 tokens) to fit the 60-token context");
	CHECK(p.n == 4);
	if (p.n == 4) {
		CHECK_STR(p.msgs[0].content, "sys");
		CHECK(p.msgs[1].content[0] == 'c');
		CHECK(p.msgs[2].content[0] == 'd');
		CHECK_STR(p.msgs[3].content, "question");
	}
	CHECK(budget_prompt_tokens(&p) == 47);
	free(note);
	gw_prompt_free(&p);

	five_turns(&p);
	CHECK(budget_fit(&p, 62, 0, &note) == 1);
	CHECK_STR(note, "dropped 1 older message (~15 tokens) to fit the 62-token context");
	free(note);
	gw_prompt_free(&p);
}

static void test_system_messages_kept(void)
{
	struct gw_prompt p = GW_PROMPT_INIT;
	char *note = NULL;

	add(&p, "system", "sys");
	add_repeat(&p, "user", 'a', 30);
	add(&p, "system", "mid");
	add_repeat(&p, "assistant", 'b', 30);
	add(&p, "user", "question");
	/* 3 + 6 + 15 + 6 + 15 + 8 = 53; the limit 40 drops the first user. */
	CHECK(budget_fit(&p, 40, 0, &note) == 1);
	CHECK_STR(note, "dropped 1 older message (~15 tokens) to fit the 40-token context");
	CHECK(p.n == 4);
	if (p.n == 4) {
		CHECK_STR(p.msgs[0].content, "sys");
		CHECK_STR(p.msgs[1].content, "mid");
		CHECK_STR(p.msgs[2].role, "assistant");
		CHECK_STR(p.msgs[3].content, "question");
	}
	free(note);
	gw_prompt_free(&p);
}

/* The marker line for 15 lines costs ceil(46/3) + 2 digits + 2 "…" = 20;
 * the last message may have 50 - 9 - 5 = 36 tokens, so 5 lines (15) stay. */
static const char cut_15[] = "[… 15 earlier lines dropped to fit the context …]\n"
			     "pppppppp\nqqqqqqqq\nrrrrrrrr\nssssssss\ntttttttt\n";

static void test_cut_lines(void)
{
	struct gw_prompt p = GW_PROMPT_INIT;
	char *note = NULL, *lines = twenty_lines();

	add(&p, "system", "sys");
	add(&p, "user", lines);
	CHECK(budget_prompt_tokens(&p) == 74);
	CHECK(budget_fit(&p, 50, 0, &note) == 1);
	CHECK_STR(note, "dropped the first 15 lines of the prompt (~25 tokens) to fit the "
			"50-token context");
	CHECK(p.n == 2);
	CHECK_STR(p.msgs[0].content, "sys");
	CHECK_STR(p.msgs[1].content, cut_15);
	CHECK(budget_prompt_tokens(&p) == 49);
	free(note);
	gw_prompt_free(&p);
	free(lines);
}

static void test_drop_then_cut(void)
{
	struct gw_prompt p = GW_PROMPT_INIT;
	char *note = NULL, *lines = twenty_lines();

	add(&p, "system", "sys");
	add_repeat(&p, "assistant", 'm', 30);
	add(&p, "user", lines);
	CHECK(budget_fit(&p, 60, 10, &note) == 1);
	CHECK_STR(note, "dropped 1 older message and the first 15 lines of the prompt "
			"(~40 tokens) to fit the 60-token context");
	CHECK(p.n == 2);
	if (p.n == 2)
		CHECK_STR(p.msgs[1].content, cut_15);
	free(note);
	gw_prompt_free(&p);
	free(lines);
}

static void test_cut_inside_long_line(void)
{
	struct gw_prompt p = GW_PROMPT_INIT;
	char *note = NULL;

	/* 300 letters on one line (105 tokens with its markers): no line to
	 * cut at. The limit 60 leaves 46 tokens for the message's text; the
	 * marker has 46 other ASCII bytes, 3 digits and 2 "…", so 77 letters
	 * stay: ceil((46 + 77) / 3) + 3 + 2 = 46. */
	add(&p, "system", "sys");
	add_repeat(&p, "user", 'a', 300);
	CHECK(budget_fit(&p, 60, 0, &note) == 1);
	CHECK_STR(note, "dropped the first 223 bytes of the prompt (~54 tokens) to fit the "
			"60-token context");
	char *tail = repeat('a', 77);
	char *want = xasprintf("[… 223 earlier bytes dropped to fit the context …]\n%s", tail);
	CHECK_STR(p.msgs[1].content, want);
	free(tail);
	free(want);
	free(note);
	gw_prompt_free(&p);

	/* One short line, then the long one: the line and 236 bytes go; the
	 * last message is not the user's, so the note says so. */
	struct buf b = BUF_INIT;
	buf_append_str(&b, "bb\n");
	for (int i = 0; i < 300; i++)
		buf_append_char(&b, 'a');
	add(&p, "system", "sys");
	add(&p, "assistant", b.data);
	CHECK(budget_fit(&p, 60, 0, &note) == 1);
	CHECK_STR(note, "dropped the first line and 236 bytes of the last message (~55 tokens) "
			"to fit the 60-token context");
	CHECK(strncmp(p.msgs[1].content,
		      "[… 1 earlier line and 236 bytes dropped to fit the context …]\naaa", 66) == 0);
	CHECK(strlen(p.msgs[1].content) == strlen("[… 1 earlier line and 236 bytes dropped to "
						  "fit the context …]\n") + 64);
	CHECK(budget_prompt_tokens(&p) == 60);
	free(note);
	gw_prompt_free(&p);
	buf_free(&b);
}

static void test_cannot_fit(void)
{
	struct gw_prompt p = GW_PROMPT_INIT;
	char *note = NULL;

	add_repeat(&p, "system", 's', 300);
	add(&p, "user", "hi");
	/* 3 + 105 for the system message alone. */
	CHECK(budget_fit(&p, 100, 0, &note) == -1);
	CHECK_STR(note, "the system prompt alone is ~108 tokens, too many for the 100-token "
			"context");
	free(note);
	CHECK(budget_fit(&p, 120, 20, &note) == -1);
	CHECK_STR(note, "the system prompt alone is ~108 tokens, too many for the 120-token "
			"context with 20 kept for the answer");
	free(note);
	CHECK(budget_fit(&p, 4096, 4096, &note) == -1);
	CHECK_STR(note, "no room for the prompt: the 4096 tokens kept for the answer fill the "
			"4096-token context");
	free(note);
	CHECK(p.n == 2 && strlen(p.msgs[0].content) == 300);
	CHECK_STR(p.msgs[1].content, "hi");
	gw_prompt_free(&p);

	/* The system message fits, but not with even one character of the
	 * prompt behind a marker; p is left as it was. */
	add(&p, "system", "s");
	add_repeat(&p, "user", 'u', 30);
	add(&p, "user", "hi");
	CHECK(budget_fit(&p, 14, 0, &note) == -1);
	CHECK_STR(note, "the system prompt (~9 tokens) leaves no room for the prompt in the "
			"14-token context");
	CHECK(p.n == 3);
	free(note);
	gw_prompt_free(&p);
}

/* Whatever the context, the result fits, or nothing changed. */
static void test_always_fits_or_untouched(void)
{
	char *lines = twenty_lines();

	for (long context = 1; context <= 160; context++) {
		struct gw_prompt p = GW_PROMPT_INIT;
		char *note = NULL;
		add(&p, "system", "You are terse.");
		add_repeat(&p, "user", 'x', 40);
		add(&p, "assistant", "日本語の答え 12345");
		add(&p, "user", lines);
		long before = budget_prompt_tokens(&p);
		int rc = budget_fit(&p, context, context / 4, &note);
		CHECK(rc != 0 || (note == NULL && budget_prompt_tokens(&p) == before));
		CHECK(rc != 1 || (note && budget_prompt_tokens(&p) <= context - context / 4));
		CHECK(rc != -1 || (note && p.n == 4 && budget_prompt_tokens(&p) == before));
		CHECK(rc != 1 || strcmp(p.msgs[0].content, "You are terse.") == 0);
		free(note);
		gw_prompt_free(&p);
	}
	free(lines);
}

int main(void)
{
	RUN(test_estimate);
	RUN(test_prompt_tokens);
	RUN(test_fits_untouched);
	RUN(test_drop_middle_messages);
	RUN(test_system_messages_kept);
	RUN(test_cut_lines);
	RUN(test_drop_then_cut);
	RUN(test_cut_inside_long_line);
	RUN(test_cannot_fit);
	RUN(test_always_fits_or_untouched);
	return CHECK_EXIT();
}
