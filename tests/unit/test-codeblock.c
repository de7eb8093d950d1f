/* test-codeblock: unit tests of finding fenced code blocks in an answer
 * (src/gateway/codeblock.c). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "gateway/codeblock.h"

static size_t parse(const char *text, struct codeblock **out)
{
	return codeblock_parse(text, strlen(text), out);
}

/* text has exactly one block, with these fields. */
static void expect_one(const char *text, const char *info, const char *content,
		       const char *preceding, size_t line, int closed)
{
	struct codeblock *b;
	size_t n = parse(text, &b);

	CHECK(n == 1);
	if (n == 1) {
		CHECK_STR(b[0].info, info);
		CHECK_STR(b[0].content, content);
		CHECK(b[0].content_len == strlen(content));
		CHECK_STR(b[0].preceding_line, preceding);
		CHECK(b[0].line == line);
		CHECK(b[0].closed == closed);
	}
	codeblock_free_all(b, n);
}

static void expect_none(const char *text)
{
	struct codeblock *b;

	CHECK(parse(text, &b) == 0);
	CHECK(b == NULL);
}

static void test_backticks_and_tildes(void)
{
	expect_one("Here:\n```python\nprint(1)\n```\nDone.\n", "python", "print(1)\n", "Here:", 2,
		   1);
	expect_one("~~~\nx\n\ny\n~~~\n", "", "x\n\ny\n", "", 1, 1);
	/* A fence of the other character does not close the block. */
	expect_one("~~~\n```\n~~~", "", "```\n", "", 1, 1);
	expect_one("```\n~~~\n```", "", "~~~\n", "", 1, 1);
	/* Empty blocks. */
	expect_one("```\n```\n", "", "", "", 1, 1);
	/* Fewer than three is not a fence. */
	expect_none("``\nx\n``\n");
	expect_none("~~ x\n");
	expect_none("");
}

static void test_closing_fence(void)
{
	/* Longer closes; shorter is content. */
	expect_one("```\na\n`````\n", "", "a\n", "", 1, 1);
	expect_one("````\na\n```\nb\n````\n", "", "a\n```\nb\n", "", 1, 1);
	/* Trailing spaces or tabs are allowed, other text is not. */
	expect_one("```\na\n```  \t\n", "", "a\n", "", 1, 1);
	expect_one("```\n``` x\n```\n", "", "``` x\n", "", 1, 1);
	/* Up to 3 spaces before a closing fence, whatever the opening. */
	expect_one("```\nx\n   ```\n", "", "x\n", "", 1, 1);
	expect_one("```\nx\n    ```\n", "", "x\n    ```\n", "", 1, 0);
}

static void test_info_strings(void)
{
	expect_one("```python src/app.py\nx\n```\n", "python src/app.py", "x\n", "", 1, 1);
	expect_one("```python title=\"src/app.py\"  \nx\n```\n", "python title=\"src/app.py\"",
		   "x\n", "", 1, 1);
	expect_one("```   js\t \nx\n```\n", "js", "x\n", "", 1, 1);
	/* A backtick in a backtick fence's info: not a fence at all. */
	expect_none("``` a`b\nx\n");
	expect_none("```inline``` code\n");
	/* A tilde fence's info may hold backticks. */
	expect_one("~~~ a`b\nx\n~~~\n", "a`b", "x\n", "", 1, 1);
}

static void test_nested_shorter_fence(void)
{
	expect_one("Example:\n````markdown\n```python\nx = 1\n```\n````\nafter\n", "markdown",
		   "```python\nx = 1\n```\n", "Example:", 2, 1);
	expect_one("~~~~\n~~~\n~~~~~\n", "", "~~~\n", "", 1, 1);
}

static void test_indented_fence(void)
{
	/* The opening fence's indentation comes off each line, no more. */
	expect_one("1. Run:\n\n  ```sh\n  ls\n    -l\n ls2\nls3\n  ```\n", "sh",
		   "ls\n  -l\nls2\nls3\n", "1. Run:", 3, 1);
	expect_one("   ~~~\n      x\n   ~~~\n", "", "   x\n", "", 1, 1);
	/* Four spaces make an indented code block, not a fence. */
	expect_none("    ```\nx\n    ```\n");
	/* A tab is not taken as indentation. */
	expect_none("\t```\nx\n");
}

static void test_unclosed(void)
{
	expect_one("text\n```c\nint x;\n", "c", "int x;\n", "text", 2, 0);
	/* Streaming stopped mid-line: the bytes as they are. */
	expect_one("```c\nint x;", "c", "int x;", "", 1, 0);
	expect_one("```", "", "", "", 1, 0);
	expect_one("````\n```\n", "", "```\n", "", 1, 0);
}

static void test_crlf(void)
{
	expect_one("src/a.c\r\n```c \r\nint x;\r\n\r\n```\r\nok\r\n", "c", "int x;\r\n\r\n",
		   "src/a.c", 2, 1);
	expect_one("```\r\na\r\n```  \r\n", "", "a\r\n", "", 1, 1);
}

static void test_preceding_line(void)
{
	const char *text = "Some intro.\n"
			   "**src/app.py**\n"
			   "\n"
			   "```python\n"
			   "a = 1\n"
			   "```\n"
			   "\n"
			   "```\n"
			   "b\n"
			   "```\n"
			   "   Then `tests/t.py`:  \n"
			   " \t\n"
			   "~~~py\n"
			   "c\n";
	struct codeblock *b;
	size_t n = parse(text, &b);

	CHECK(n == 3);
	if (n == 3) {
		CHECK_STR(b[0].preceding_line, "**src/app.py**");
		CHECK(b[0].line == 4 && b[0].closed);
		CHECK_STR(b[0].content, "a = 1\n");
		/* Only a block before it: nothing names this one. */
		CHECK_STR(b[1].preceding_line, "");
		CHECK(b[1].line == 8 && b[1].closed);
		CHECK_STR(b[1].content, "b\n");
		CHECK_STR(b[2].preceding_line, "Then `tests/t.py`:");
		CHECK_STR(b[2].info, "py");
		CHECK(b[2].line == 13 && !b[2].closed);
		CHECK_STR(b[2].content, "c\n");
	}
	codeblock_free_all(b, n);

	/* A line that only looks like a fence is text, so it can name one. */
	expect_one("``` a`b\n```\nx\n```\n", "", "x\n", "``` a`b", 2, 1);
}

int main(void)
{
	RUN(test_backticks_and_tildes);
	RUN(test_closing_fence);
	RUN(test_info_strings);
	RUN(test_nested_shorter_fence);
	RUN(test_indented_fence);
	RUN(test_unclosed);
	RUN(test_crlf);
	RUN(test_preceding_line);
	return CHECK_EXIT();
}
