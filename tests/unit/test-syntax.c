/* test-syntax: the viewer's highlighter: spans for lines of C, Python and
 * others, and state carried across lines (block comments, triple quotes). */
#include <string.h>

#include "check.h"
#include "syntax.h"

/* The spans of one line as text: "kind:text|kind:text" (k, s, c, n). */
static int line_spans(const char *path, int state, const char *line, char *out, size_t size)
{
	struct syn_span spans[32];
	size_t n = 0;
	const char kinds[] = "pkscn";
	int next = syntax_line(syntax_for_path(path), state, line, strlen(line), spans, 32, &n);

	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t used = strlen(out);
		snprintf(out + used, size - used, "%s%c:%.*s", i ? "|" : "", kinds[spans[i].kind],
			 (int)spans[i].len, line + spans[i].start);
	}
	return next;
}

static void languages_are_chosen_by_name(void)
{
	CHECK_STR(syntax_name(syntax_for_path("src/main.c")), "C");
	CHECK_STR(syntax_name(syntax_for_path("inc/x.HPP")), "C");
	CHECK_STR(syntax_name(syntax_for_path("tool.py")), "Python");
	CHECK_STR(syntax_name(syntax_for_path("web/app.tsx")), "JavaScript");
	CHECK_STR(syntax_name(syntax_for_path("Makefile")), "Makefile");
	CHECK_STR(syntax_name(syntax_for_path("a/b/config.yml")), "YAML");
	CHECK_STR(syntax_name(syntax_for_path("README.md")), "Markdown");
	CHECK_STR(syntax_name(syntax_for_path("notes.txt")), "plain text");
	CHECK(syntax_for_path("Makefile.bak") == NULL);
}

static void c_line_has_keywords_strings_numbers_comments(void)
{
	char got[512];

	CHECK(line_spans("x.c", 0, "static int n = 42; // the answer", got, sizeof got) == 0);
	CHECK_STR(got, "k:static|k:int|n:42|c:// the answer");
	line_spans("x.c", 0, "\tputs(\"a \\\" b\"); char c = 'x';", got, sizeof got);
	CHECK_STR(got, "s:\"a \\\" b\"|k:char|s:'x'");
	line_spans("x.c", 0, "#include <stdio.h>", got, sizeof got);
	CHECK_STR(got, "k:#include");
	line_spans("x.c", 0, "x = 0x1F + 1.5e-3 + a2;", got, sizeof got);
	CHECK_STR(got, "n:0x1F|n:1.5e-3");
}

static void c_block_comment_spans_lines(void)
{
	char got[512];

	int st = line_spans("x.c", 0, "int a; /* starts here", got, sizeof got);
	CHECK_STR(got, "k:int|c:/* starts here");
	CHECK(st == SYN_IN_COMMENT);
	st = line_spans("x.c", st, "   still \"not a string\" int", got, sizeof got);
	CHECK_STR(got, "c:   still \"not a string\" int");
	CHECK(st == SYN_IN_COMMENT);
	st = line_spans("x.c", st, "ends */ return 1;", got, sizeof got);
	CHECK_STR(got, "c:ends */|k:return|n:1");
	CHECK(st == SYN_NORMAL);
	st = line_spans("x.c", 0, "/* one line */ void", got, sizeof got);
	CHECK_STR(got, "c:/* one line */|k:void");
	CHECK(st == SYN_NORMAL);
}

static void python_line_and_triple_quotes(void)
{
	char got[512];

	int st = line_spans("a.py", 0, "def f(x): return 'hi' # done", got, sizeof got);
	CHECK_STR(got, "k:def|k:return|s:'hi'|c:# done");
	CHECK(st == SYN_NORMAL);
	st = line_spans("a.py", 0, "    \"\"\"Doc string", got, sizeof got);
	CHECK_STR(got, "s:\"\"\"Doc string");
	CHECK(st == SYN_IN_STRING3);
	st = line_spans("a.py", st, "  # not a comment", got, sizeof got);
	CHECK_STR(got, "s:  # not a comment");
	st = line_spans("a.py", st, "ends\"\"\" if True", got, sizeof got);
	CHECK_STR(got, "s:ends\"\"\"|k:if|k:True");
	CHECK(st == SYN_NORMAL);
}

static void shell_hash_only_after_a_space(void)
{
	char got[512];

	line_spans("run.sh", 0, "echo ${#list} # count", got, sizeof got);
	CHECK_STR(got, "c:# count");
	line_spans("run.sh", 0, "if [ -n \"$x\" ]; then", got, sizeof got);
	CHECK_STR(got, "k:if|s:\"$x\"|k:then");
}

static void yaml_markdown_and_plain(void)
{
	char got[512];

	line_spans("c.yaml", 0, "  - name: \"x\" # why", got, sizeof got);
	CHECK_STR(got, "k:name|s:\"x\"|c:# why");
	line_spans("c.yaml", 0, "max_fps: 30", got, sizeof got);
	CHECK_STR(got, "k:max_fps|n:30");
	line_spans("R.md", 0, "## Usage", got, sizeof got);
	CHECK_STR(got, "k:## Usage");
	line_spans("R.md", 0, "#hashtag", got, sizeof got);
	CHECK_STR(got, "");
	int st = line_spans("R.md", 0, "```c", got, sizeof got);
	CHECK(st == SYN_IN_FENCE);
	line_spans("R.md", st, "# inside code", got, sizeof got);
	CHECK_STR(got, "s:# inside code");
	CHECK(line_spans("notes.txt", 0, "int x = 1; /* no", got, sizeof got) == SYN_NORMAL);
	CHECK_STR(got, "");
}

static void state_only_mode_and_a_span_limit(void)
{
	struct syn_span spans[2];
	size_t n = 99;
	const char *line = "int a = 1, b = 2; /* open";

	CHECK(syntax_line(syntax_for_path("x.c"), 0, line, strlen(line), NULL, 0, &n) ==
	      SYN_IN_COMMENT);
	CHECK(n == 0);
	syntax_line(syntax_for_path("x.c"), 0, line, strlen(line), spans, 2, &n);
	CHECK(n == 2);
}

int main(void)
{
	RUN(languages_are_chosen_by_name);
	RUN(c_line_has_keywords_strings_numbers_comments);
	RUN(c_block_comment_spans_lines);
	RUN(python_line_and_triple_quotes);
	RUN(shell_hash_only_after_a_space);
	RUN(yaml_markdown_and_plain);
	RUN(state_only_mode_and_a_span_limit);
	return CHECK_EXIT();
}
