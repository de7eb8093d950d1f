/* test-critique: unit tests of reading the reviewer agent's answer
 * (src/orch/critique-parse.c): the verdict in the forms local models write
 * it, the comments, the files and lines they name. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "orch/critique.h"

static char *const paths[] = { "calc.py", "test_calc.py", "src/app/main.c", "Makefile" };
#define NPATHS (sizeof paths / sizeof *paths)

static void parse(const char *text, struct critique *c)
{
	critique_parse(text, strlen(text), paths, NPATHS, c);
}

static void expect(const struct critique *c, size_t i, const char *path, long line,
		   const char *text)
{
	CHECK(i < c->ncomments);
	if (i >= c->ncomments)
		return;
	if (path)
		CHECK_STR(c->comments[i].path ? c->comments[i].path : "(null)", path);
	else
		CHECK(c->comments[i].path == NULL);
	CHECK(c->comments[i].line == line);
	CHECK_STR(c->comments[i].text, text);
}

static void test_verdict_forms(void)
{
	static const struct { const char *text; enum critique_verdict want; } cases[] = {
		{ "APPROVE\n", CRITIQUE_APPROVE },
		{ "Approved.\nLooks good.", CRITIQUE_APPROVE },
		{ "**APPROVE**", CRITIQUE_APPROVE },
		{ "## Verdict: REQUEST CHANGES\n", CRITIQUE_CHANGES },
		{ "REQUEST_CHANGES", CRITIQUE_CHANGES },
		{ "Changes requested:\n- calc.py: wrong", CRITIQUE_CHANGES },
		{ "\n\n  request changes\n", CRITIQUE_CHANGES },
		{ "<think>APPROVE? no.</think>\nREQUEST CHANGES\n", CRITIQUE_CHANGES },
		{ "## Review\nAPPROVE\n", CRITIQUE_APPROVE },
		{ "The code looks mostly fine but I am not sure.", CRITIQUE_UNCLEAR },
		/* A word that starts like a verdict is not one; a later line
		 * decides only when it is a verdict alone. */
		{ "Approvers should note: calc.py is wrong", CRITIQUE_UNCLEAR },
		{ "Here is my review.\n\n- calc.py: add subtracts\n\nApprove once fixed.", CRITIQUE_UNCLEAR },
		{ "Here is my review.\n\n**Verdict: APPROVE.**\n", CRITIQUE_APPROVE },
		{ "", CRITIQUE_UNCLEAR },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct critique c;
		parse(cases[i].text, &c);
		CHECK(c.verdict == cases[i].want);
		critique_free(&c);
	}
	CHECK_STR(critique_verdict_name(CRITIQUE_CHANGES), "request_changes");
	CHECK_STR(critique_verdict_name(CRITIQUE_APPROVE), "approve");
}

static void test_line_forms(void)
{
	struct critique c;
	parse("REQUEST CHANGES\n"
	      "- calc.py:12: the loop skips the last item\n"
	      "- `test_calc.py` line 3: assert the sum, not the difference\n"
	      "* src/app/main.c (line 40): leaks buf\n"
	      "1. Makefile: the test target is missing\n"
	      "2) In calc.py, lines 7-9 divide by zero\n"
	      "- **calc.py**:L5 - off by one\n",
	      &c);
	CHECK(c.verdict == CRITIQUE_CHANGES);
	CHECK(c.ncomments == 6);
	expect(&c, 0, "calc.py", 12, "the loop skips the last item");
	expect(&c, 1, "test_calc.py", 3, "assert the sum, not the difference");
	expect(&c, 2, "src/app/main.c", 40, "leaks buf");
	expect(&c, 3, "Makefile", 0, "the test target is missing");
	expect(&c, 4, "calc.py", 7, "In calc.py, lines 7-9 divide by zero");
	expect(&c, 5, "calc.py", 5, "off by one");
	critique_free(&c);
}

/* A heading names the file of the bullets under it; an indented line
 * continues the comment above; a comment naming no file is kept whole. */
static void test_headings_and_continuations(void)
{
	struct critique c;
	parse("REQUEST CHANGES\n\n"
	      "### calc.py\n"
	      "- line 4: add returns a - b\n"
	      "  instead of a + b\n"
	      "- the docstring is wrong\n\n"
	      "General: tests should cover negative numbers.\n",
	      &c);
	CHECK(c.ncomments == 3);
	expect(&c, 0, "calc.py", 4, "line 4: add returns a - b instead of a + b");
	expect(&c, 1, "calc.py", 0, "the docstring is wrong");
	expect(&c, 2, "calc.py", 0, "General: tests should cover negative numbers.");
	critique_free(&c);
}

/* A path is a whole word: "xcalc.py" or "calc.pyc" is not calc.py. */
static void test_word_boundaries(void)
{
	struct critique c;
	parse("REQUEST CHANGES\n- xcalc.py is unused\n- calc.pyc should be ignored\n"
	      "- see test_calc.py.\n",
	      &c);
	CHECK(c.ncomments == 3);
	expect(&c, 0, NULL, 0, "xcalc.py is unused");
	expect(&c, 1, NULL, 0, "calc.pyc should be ignored");
	expect(&c, 2, "test_calc.py", 0, "see test_calc.py.");
	critique_free(&c);
}

/* Comments written before a late verdict are kept. */
static void test_late_verdict(void)
{
	struct critique c;
	parse("Some notes first:\n- calc.py:3: wrong sign\n\nREQUEST CHANGES\n", &c);
	CHECK(c.verdict == CRITIQUE_CHANGES);
	CHECK(c.ncomments == 2);
	expect(&c, 0, NULL, 0, "Some notes first:");
	expect(&c, 1, "calc.py", 3, "wrong sign");
	critique_free(&c);
}

static void test_approve_with_notes_and_hostile(void)
{
	struct critique c;
	parse("APPROVE\n- calc.py:1: nit: a docstring would help\n", &c);
	CHECK(c.verdict == CRITIQUE_APPROVE);
	expect(&c, 0, "calc.py", 1, "nit: a docstring would help");
	critique_free(&c);
	/* Bytes of every kind, long lines, no newline at the end: no crash,
	 * every comment's text is within the input. */
	char big[5000];
	for (size_t i = 0; i < sizeof big - 1; i++)
		big[i] = (char)(i % 7 == 0 ? '\n' : i % 5 == 0 ? ':' : 'a' + i % 26);
	big[sizeof big - 1] = '\0';
	parse(big, &c);
	CHECK(c.verdict == CRITIQUE_UNCLEAR);
	for (size_t i = 0; i < c.ncomments; i++)
		CHECK(strlen(c.comments[i].text) < sizeof big);
	critique_free(&c);
	parse("REQUEST CHANGES\n- calc.py:99999999999999999999: huge\n- calc.py:", &c);
	CHECK(c.ncomments == 2);
	critique_free(&c);
}

int main(void)
{
	RUN(test_verdict_forms);
	RUN(test_line_forms);
	RUN(test_headings_and_continuations);
	RUN(test_word_boundaries);
	RUN(test_late_verdict);
	RUN(test_approve_with_notes_and_hostile);
	return CHECK_EXIT();
}
