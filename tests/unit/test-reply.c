/* test-reply: unit tests of turning a model's reply into changes
 * (src/orch/reply.c, reply-lex.c, reply-edit.c), on a corpus of the
 * replies local models actually write. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "orch/reply.h"

static void parse(const char *text, struct reply *r)
{
	reply_parse(text, strlen(text), r);
}

static void expect_file(const struct reply *r, size_t i, const char *path, const char *content,
			size_t line)
{
	CHECK(i < r->nchanges);
	if (i >= r->nchanges)
		return;
	const struct reply_change *c = &r->changes[i];
	CHECK(c->kind == REPLY_FILE);
	CHECK_STR(c->path, path);
	CHECK_STR(c->content, content);
	CHECK(c->len == strlen(content));
	CHECK(c->line == line);
	CHECK(c->unterminated == 0);
}

static void expect_edit(const struct reply *r, size_t i, const char *path, size_t nedits,
			size_t line)
{
	CHECK(i < r->nchanges);
	if (i >= r->nchanges)
		return;
	const struct reply_change *c = &r->changes[i];
	CHECK(c->kind == REPLY_EDIT);
	CHECK_STR(c->path, path);
	CHECK(c->nedits == nedits);
	CHECK(c->content == NULL);
	CHECK(c->line == line);
}

static void expect_section(const struct reply *r, size_t i, size_t k, const char *search,
			   const char *replace)
{
	if (i >= r->nchanges || k >= r->changes[i].nedits) {
		CHECK(!"no such section");
		return;
	}
	const struct reply_edit *e = &r->changes[i].edits[k];
	CHECK_STR(e->search, search);
	CHECK(e->search_len == strlen(search));
	CHECK_STR(e->replace, replace);
	CHECK(e->replace_len == strlen(replace));
}

static void expect_delete(const struct reply *r, size_t i, const char *path, size_t line)
{
	CHECK(i < r->nchanges);
	if (i >= r->nchanges)
		return;
	CHECK(r->changes[i].kind == REPLY_DELETE);
	CHECK_STR(r->changes[i].path, path);
	CHECK(r->changes[i].line == line);
}

/* The path a reply of one path line and one block gives; NULL for none. */
static char *path_for(const char *path_line, const char *info)
{
	char text[512];
	struct reply r;
	char *path = NULL;

	snprintf(text, sizeof text, "%s\n```%s\nx = 1\n```\n", path_line, info);
	parse(text, &r);
	if (r.nchanges == 1 && r.changes[0].kind == REPLY_FILE)
		path = strdup(r.changes[0].path);
	CHECK(r.nchanges == (path ? 1u : 0u));
	reply_free(&r);
	return path;
}

static void expect_path(const char *path_line, const char *info, const char *want)
{
	char *got = path_for(path_line, info);

	if (want)
		CHECK_STR(got, want);
	else if (got)
		CHECK_STR(got, "(no path)");
	free(got);
}

static void test_well_formed(void)
{
	struct reply r;

	parse("I'll create the app and its test.\n"
	      "\n"
	      "src/app.py\n"
	      "```python\n"
	      "def add(a, b):\n"
	      "    return a + b\n"
	      "```\n"
	      "\n"
	      "tests/test_app.py\n"
	      "\n"
	      "```python\n"
	      "from src.app import add\n"
	      "\n"
	      "assert add(1, 2) == 3\n"
	      "```\n"
	      "\n"
	      "```run\n"
	      "python3 -m unittest -q\n"
	      "```\n"
	      "\n"
	      "That's all.\n",
	      &r);
	CHECK(r.nchanges == 2);
	expect_file(&r, 0, "src/app.py", "def add(a, b):\n    return a + b\n", 4);
	expect_file(&r, 1, "tests/test_app.py",
		    "from src.app import add\n\nassert add(1, 2) == 3\n", 11);
	CHECK_STR(r.run_command, "python3 -m unittest -q");
	CHECK_STR(r.explanation, "I'll create the app and its test.\n\nThat's all.");
	CHECK_STR(r.thinking, "");
	CHECK(r.nnotes == 0);
	reply_free(&r);
}

static void test_path_in_info_string(void)
{
	expect_path("Here it is:", "python src/app.py", "src/app.py");
	expect_path("Here it is:", "python title=\"src/app.py\"", "src/app.py");
	expect_path("Here it is:", "python title='src/my app.py'", "src/my app.py");
	expect_path("Here it is:", "js {filename=web/x.js}", "web/x.js");
	expect_path("", "src/app.py", "src/app.py");
	expect_path("", "python:src/app.py", "src/app.py");
	expect_path("", "make Makefile", "Makefile");
	/* The info string wins over the line before. */
	expect_path("src/old.py", "python src/new.py", "src/new.py");
	/* Languages and options are not paths. */
	expect_path("", "python", NULL);
	expect_path("", "c++ {1,3}", NULL);
	expect_path("", "Makefile", NULL);
}

static void test_decorated_path_lines(void)
{
	expect_path("src/app.py", "", "src/app.py");
	expect_path("`src/app.py`", "python", "src/app.py");
	expect_path("**src/app.py**", "python", "src/app.py");
	expect_path("**`src/app.py`**", "python", "src/app.py");
	expect_path("`src/app.py`:", "python", "src/app.py");
	expect_path("**src/app.py:**", "python", "src/app.py");
	expect_path("File: src/app.py", "python", "src/app.py");
	expect_path("**File:** `src/app.py`", "python", "src/app.py");
	expect_path("**File: src/app.py**", "python", "src/app.py");
	expect_path("Filename: `app.py`", "python", "app.py");
	expect_path("Path: src/app.py", "python", "src/app.py");
	expect_path("### `src/app.py`", "python", "src/app.py");
	expect_path("## src/app.py", "python", "src/app.py");
	expect_path("#### **File: src/app.py**", "python", "src/app.py");
	expect_path("1. `src/a.py`:", "python", "src/a.py");
	expect_path("2) **src/b.py**", "python", "src/b.py");
	expect_path("- `src/c.py` (new file)", "python", "src/c.py");
	expect_path("src/app.py (updated)", "python", "src/app.py");
	expect_path("\"src/app.py\"", "python", "src/app.py");
	expect_path("Makefile", "make", "Makefile");
	expect_path(".gitignore", "", ".gitignore");
	expect_path("__init__.py", "python", "__init__.py");
	expect_path("File: VERSION", "", "VERSION");
	expect_path("  src/app.py  ", "python", "src/app.py");
	/* Prose is not a path. */
	expect_path("Here is the updated code:", "python", NULL);
	expect_path("Example", "python", NULL);
	expect_path("**Output**", "", NULL);
	expect_path("e.g.", "", NULL);
	expect_path("...", "", NULL);
	expect_path("src/", "", NULL);
	expect_path("https://example.com/a.py", "", NULL);
	expect_path("Update `src/app.py` as follows:", "python", NULL);
}

static void test_no_path(void)
{
	struct reply r;

	parse("Here:\n```python\nprint(1)\n```\nThen run it.\n", &r);
	CHECK(r.nchanges == 0);
	CHECK(r.run_command == NULL);
	CHECK(r.nnotes == 1);
	if (r.nnotes == 1)
		CHECK_STR(r.notes[0], "line 2: code block without a file path (left out)");
	CHECK_STR(r.explanation, "Here:\n\nThen run it.");
	reply_free(&r);

	/* The path line names only the block right after it. */
	parse("src/a.py\n```\na\n```\n```\nb\n```\n", &r);
	CHECK(r.nchanges == 1);
	expect_file(&r, 0, "src/a.py", "a\n", 2);
	CHECK(r.nnotes == 1);
	if (r.nnotes == 1)
		CHECK_STR(r.notes[0], "line 5: code block without a file path (left out)");
	reply_free(&r);
}

static void test_unterminated(void)
{
	struct reply r;

	parse("src/app.py\n```python\nprint(1)\nprint(2)", &r);
	CHECK(r.nchanges == 1);
	if (r.nchanges == 1) {
		CHECK_STR(r.changes[0].path, "src/app.py");
		CHECK_STR(r.changes[0].content, "print(1)\nprint(2)");
		CHECK(r.changes[0].len == 17);
		CHECK(r.changes[0].unterminated == 1);
	}
	CHECK(r.nnotes == 1);
	if (r.nnotes == 1)
		CHECK_STR(r.notes[0], "line 2: code block for src/app.py never closed (taken to "
				      "the end of the reply)");
	reply_free(&r);

	/* An edit whose sections are whole but whose fence never closed. */
	parse("a.py\n```\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n", &r);
	CHECK(r.nchanges == 1);
	expect_edit(&r, 0, "a.py", 1, 2);
	expect_section(&r, 0, 0, "x\n", "y\n");
	if (r.nchanges == 1)
		CHECK(r.changes[0].unterminated == 1);
	CHECK(r.nnotes == 1);
	if (r.nnotes == 1)
		CHECK_STR(r.notes[0], "line 2: code block for a.py never closed (taken to the end "
				      "of the reply)");
	reply_free(&r);

	/* The fence closes the block; a shorter fence is content. */
	parse("a.txt\n````\n```\nx\n```\n````\n", &r);
	CHECK(r.nchanges == 1);
	expect_file(&r, 0, "a.txt", "```\nx\n```\n", 2);
	reply_free(&r);
}

static void test_nested_fences_in_markdown(void)
{
	struct reply r;

	parse("README.md\n"
	      "```markdown\n"
	      "# Demo\n"
	      "\n"
	      "Run:\n"
	      "```sh\n"
	      "python3 app.py\n"
	      "```\n"
	      "\n"
	      "~~~python\n"
	      "print(1)\n"
	      "~~~\n"
	      "End.\n"
	      "```\n"
	      "\n"
	      "app.py\n"
	      "```python\n"
	      "print(1)\n"
	      "```\n",
	      &r);
	CHECK(r.nchanges == 2);
	expect_file(&r, 0, "README.md",
		    "# Demo\n\nRun:\n```sh\npython3 app.py\n```\n\n"
		    "~~~python\nprint(1)\n~~~\nEnd.\n",
		    2);
	expect_file(&r, 1, "app.py", "print(1)\n", 17);
	CHECK(r.nnotes == 0);
	reply_free(&r);

	/* By the path alone, with no language. */
	parse("docs/guide.md\n```\n```c\nint x;\n```\n```\nafter\n", &r);
	CHECK(r.nchanges == 1);
	expect_file(&r, 0, "docs/guide.md", "```c\nint x;\n```\n", 2);
	CHECK_STR(r.explanation, "after");
	reply_free(&r);

	/* Not a markdown file: the first bare fence closes (CommonMark). */
	parse("notes.txt\n```\n```c\nint x;\n```\nafter\n", &r);
	CHECK(r.nchanges == 1);
	expect_file(&r, 0, "notes.txt", "```c\nint x;\n", 2);
	CHECK_STR(r.explanation, "after");
	reply_free(&r);

	/* An inner block never closed: the outer one runs to the end. */
	parse("README.md\n```markdown\n```sh\nls\n```\n", &r);
	CHECK(r.nchanges == 1);
	if (r.nchanges == 1) {
		CHECK_STR(r.changes[0].content, "```sh\nls\n```\n");
		CHECK(r.changes[0].unterminated == 1);
	}
	reply_free(&r);
}

static void test_indented_block(void)
{
	struct reply r;

	parse("1. `src/a.py`:\n"
	      "   ```python\n"
	      "   x = 1\n"
	      "     y = 2\n"
	      "       ```\n"
	      "   ```\n"
	      "2. Done.\n",
	      &r);
	CHECK(r.nchanges == 1);
	expect_file(&r, 0, "src/a.py", "x = 1\n  y = 2\n    ```\n", 2);
	CHECK_STR(r.explanation, "2. Done.");
	reply_free(&r);
}

static void test_search_replace_fenced(void)
{
	struct reply r;

	parse("Fix the return value:\n"
	      "\n"
	      "src/app.py\n"
	      "```python\n"
	      "<<<<<<< SEARCH\n"
	      "def f():\n"
	      "    return 1\n"
	      "=======\n"
	      "def f():\n"
	      "    return 2\n"
	      ">>>>>>> REPLACE\n"
	      "```\n",
	      &r);
	CHECK(r.nchanges == 1);
	expect_edit(&r, 0, "src/app.py", 1, 4);
	expect_section(&r, 0, 0, "def f():\n    return 1\n", "def f():\n    return 2\n");
	CHECK_STR(r.explanation, "Fix the return value:");
	CHECK(r.nnotes == 0);
	reply_free(&r);

	/* Several sections, text between them, an empty SEARCH. */
	parse("src/app.py\n"
	      "```python\n"
	      "<<<<<<< SEARCH\n"
	      "a = 1\n"
	      "=======\n"
	      "a = 2\n"
	      ">>>>>>> REPLACE\n"
	      "\n"
	      "And the import:\n"
	      "<<<<<<< SEARCH\n"
	      "import os\n"
	      "=======\n"
	      ">>>>>>> REPLACE\n"
	      "<<<<<<< SEARCH\n"
	      "=======\n"
	      "tail\n"
	      ">>>>>>> REPLACE\n"
	      "```\n",
	      &r);
	CHECK(r.nchanges == 1);
	expect_edit(&r, 0, "src/app.py", 3, 2);
	expect_section(&r, 0, 0, "a = 1\n", "a = 2\n");
	expect_section(&r, 0, 1, "import os\n", "");
	expect_section(&r, 0, 2, "", "tail\n");
	reply_free(&r);
}

static void test_search_replace_path_inside_fence(void)
{
	struct reply r;

	/* aider's "diff-fenced": the path is the block's first line; two
	 * files in one block; a repeated path joins the same change. */
	parse("```\n"
	      "src/a.py\n"
	      "<<<<<<< SEARCH\n"
	      "x\n"
	      "=======\n"
	      "y\n"
	      ">>>>>>> REPLACE\n"
	      "src/b.py\n"
	      "<<<<<<<SEARCH\n"
	      "p\n"
	      "=========\n"
	      "q\n"
	      ">>>>>>>REPLACE\n"
	      "src/b.py\n"
	      "<<<<<<< search\n"
	      "r\n"
	      "=======\n"
	      "s\n"
	      ">>>>>>> replace\n"
	      "```\n",
	      &r);
	CHECK(r.nchanges == 2);
	expect_edit(&r, 0, "src/a.py", 1, 3);
	expect_section(&r, 0, 0, "x\n", "y\n");
	expect_edit(&r, 1, "src/b.py", 2, 9);
	expect_section(&r, 1, 0, "p\n", "q\n");
	expect_section(&r, 1, 1, "r\n", "s\n");
	CHECK(r.nnotes == 0);
	reply_free(&r);
}

static void test_search_replace_unfenced(void)
{
	struct reply r;

	parse("Change the return value.\n"
	      "\n"
	      "src/app.py\n"
	      "<<<<<<< SEARCH\n"
	      "    return 1\n"
	      "=======\n"
	      "```\n"
	      "    return 2\n"
	      ">>>>>>> REPLACE\n"
	      "\n"
	      "<<<<<<< SEARCH\n"
	      "b = 1\n"
	      "=======\n"
	      "b = 2\n"
	      ">>>>>>> REPLACE\n"
	      "Then also:\n"
	      "\n"
	      "**src/util.py**\n"
	      "<<<<<<< SEARCH\n"
	      "u\n"
	      "=======\n"
	      "v\n"
	      ">>>>>>> REPLACE\n"
	      "Done.",
	      &r);
	CHECK(r.nchanges == 2);
	expect_edit(&r, 0, "src/app.py", 2, 4);
	expect_section(&r, 0, 0, "    return 1\n", "```\n    return 2\n");
	expect_section(&r, 0, 1, "b = 1\n", "b = 2\n");
	expect_edit(&r, 1, "src/util.py", 1, 19);
	expect_section(&r, 1, 0, "u\n", "v\n");
	CHECK_STR(r.explanation, "Change the return value.\n\nThen also:\n\nDone.");
	CHECK(r.nnotes == 0);
	reply_free(&r);
}

static void test_search_replace_broken(void)
{
	struct reply r;

	/* No path: left out with a note, and not taken as prose. */
	parse("Do this:\n<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n", &r);
	CHECK(r.nchanges == 0);
	CHECK(r.nnotes == 1);
	if (r.nnotes == 1)
		CHECK_STR(r.notes[0],
			  "line 2: SEARCH/REPLACE block without a file path (left out)");
	CHECK_STR(r.explanation, "Do this:");
	reply_free(&r);

	/* A section without a divider, one cut by a new SEARCH, one cut by
	 * the end of the reply; the good one is kept. */
	parse("f.py\n"
	      "<<<<<<< SEARCH\n"
	      "a\n"
	      ">>>>>>> REPLACE\n"
	      "<<<<<<< SEARCH\n"
	      "b\n"
	      "=======\n"
	      "c\n"
	      "<<<<<<< SEARCH\n"
	      "d\n"
	      "=======\n"
	      "e\n"
	      ">>>>>>> REPLACE\n"
	      "<<<<<<< SEARCH\n"
	      "f\n"
	      "=======\n"
	      "g\n",
	      &r);
	CHECK(r.nchanges == 1);
	expect_edit(&r, 0, "f.py", 1, 2);
	expect_section(&r, 0, 0, "d\n", "e\n");
	if (r.nchanges == 1)
		CHECK(r.changes[0].unterminated == 1);
	CHECK(r.nnotes == 3);
	if (r.nnotes == 3) {
		CHECK_STR(r.notes[0], "line 2: SEARCH/REPLACE section without ======= (left out)");
		CHECK_STR(r.notes[1], "line 5: SEARCH/REPLACE section not closed (left out)");
		CHECK_STR(r.notes[2], "line 14: SEARCH/REPLACE section not closed (left out)");
	}
	reply_free(&r);

	/* A forgotten REPLACE marker in a code block: the fence still ends
	 * it, and the next file is kept. */
	parse("a.py\n```python\n<<<<<<< SEARCH\nx\n=======\ny\n```\n\nb.py\n```python\nok\n```\n",
	      &r);
	CHECK(r.nchanges == 1);
	expect_file(&r, 0, "b.py", "ok\n", 10);
	CHECK(r.nnotes == 1);
	if (r.nnotes == 1)
		CHECK_STR(r.notes[0], "line 3: SEARCH/REPLACE section not closed (left out)");
	reply_free(&r);

	/* In a markdown file's block, fences inside a section are text. */
	parse("README.md\n```markdown\n<<<<<<< SEARCH\n```\nold\n=======\n```\nnew\n"
	      ">>>>>>> REPLACE\n```\n",
	      &r);
	CHECK(r.nchanges == 1);
	expect_edit(&r, 0, "README.md", 1, 2);
	expect_section(&r, 0, 0, "```\nold\n", "```\nnew\n");
	CHECK(r.nnotes == 0);
	reply_free(&r);
}

static void test_delete(void)
{
	struct reply r;

	parse("Removing the old modules.\n"
	      "DELETE src/old.py\n"
	      "DELETE: `src/older.py`\n"
	      "- DELETE **lib/x.c**\n"
	      "Delete src/kept.py\n"
	      "DELETE src/kept.py because it is unused\n"
	      "notes.txt\n"
	      "```\n"
	      "DELETE src/content.py\n"
	      "```\n"
	      "```\n"
	      "DELETE a.py\n"
	      "\n"
	      "DELETE b.py\n"
	      "```\n",
	      &r);
	CHECK(r.nchanges == 6);
	expect_delete(&r, 0, "src/old.py", 2);
	expect_delete(&r, 1, "src/older.py", 3);
	expect_delete(&r, 2, "lib/x.c", 4);
	expect_file(&r, 3, "notes.txt", "DELETE src/content.py\n", 8);
	expect_delete(&r, 4, "a.py", 12);
	expect_delete(&r, 5, "b.py", 14);
	CHECK_STR(r.explanation, "Removing the old modules.\nDelete src/kept.py\n"
				 "DELETE src/kept.py because it is unused");
	CHECK(r.nnotes == 0);
	reply_free(&r);
}

static void test_run_block(void)
{
	struct reply r;

	parse("```run\nmake test\n```\n", &r);
	CHECK(r.nchanges == 0);
	CHECK_STR(r.run_command, "make test");
	CHECK(r.nnotes == 0);
	reply_free(&r);

	parse("Build and test:\n"
	      "```bash run\n"
	      "$ make\n"
	      "\n"
	      "  ./test.sh --all  \n"
	      "```\n"
	      "```sh run\n"
	      "echo done\n"
	      "```\n"
	      "```bash\n"
	      "pip install x\n"
	      "```\n",
	      &r);
	CHECK(r.nchanges == 0);
	CHECK_STR(r.run_command, "make\n./test.sh --all\necho done");
	CHECK_STR(r.explanation, "Build and test:");
	CHECK(r.nnotes == 1);
	if (r.nnotes == 1)
		CHECK_STR(r.notes[0], "line 10: code block without a file path (left out)");
	reply_free(&r);

	/* An empty run block gives no command; a path line is not its path. */
	parse("app.py\n```run\n\n```\n", &r);
	CHECK(r.nchanges == 0);
	CHECK(r.run_command == NULL);
	CHECK_STR(r.explanation, "app.py");
	reply_free(&r);
}

static void test_prose_only(void)
{
	struct reply r;

	parse("\n\n  I cannot do that without more detail.  \n\n\n"
	      "Which database do you use?\nPostgres or SQLite?\n\n",
	      &r);
	CHECK(r.nchanges == 0);
	CHECK(r.run_command == NULL);
	CHECK(r.nnotes == 0);
	CHECK_STR(r.explanation, "I cannot do that without more detail.\n\n"
				 "Which database do you use?\nPostgres or SQLite?");
	CHECK_STR(r.thinking, "");
	reply_free(&r);

	parse("", &r);
	CHECK(r.nchanges == 0 && r.nnotes == 0 && r.run_command == NULL);
	CHECK_STR(r.explanation, "");
	CHECK_STR(r.thinking, "");
	reply_free(&r);

	reply_parse(NULL, 0, &r);
	CHECK_STR(r.explanation, "");
	reply_free(&r);
}

static void test_think(void)
{
	struct reply r;

	parse("<think>\n"
	      "The user wants a script. Maybe:\n"
	      "src/draft.py\n"
	      "```python\n"
	      "print('draft')\n"
	      "```\n"
	      "DELETE src/app.py\n"
	      "</think>\n"
	      "\n"
	      "Here it is.\n"
	      "\n"
	      "src/app.py\n"
	      "```python\n"
	      "print('final')\n"
	      "```\n",
	      &r);
	CHECK(r.nchanges == 1);
	expect_file(&r, 0, "src/app.py", "print('final')\n", 13);
	CHECK_STR(r.thinking, "The user wants a script. Maybe:\nsrc/draft.py\n```python\n"
			      "print('draft')\n```\nDELETE src/app.py");
	CHECK_STR(r.explanation, "Here it is.");
	CHECK(r.nnotes == 0);
	reply_free(&r);

	/* On one line, and twice. */
	parse("<think>short</think>Answer.\n<thinking>\nmore\n</thinking>\n", &r);
	CHECK_STR(r.thinking, "short\n\nmore");
	CHECK_STR(r.explanation, "Answer.");
	reply_free(&r);

	/* The template opened <think>: only its end is in the reply. */
	parse("Let me think.\n```python\nx\n```\n</think>\n\nDone.\n", &r);
	CHECK(r.nchanges == 0);
	CHECK(r.nnotes == 0);
	CHECK_STR(r.thinking, "Let me think.\n```python\nx\n```");
	CHECK_STR(r.explanation, "Done.");
	reply_free(&r);

	/* Never closed: the rest is thinking. */
	parse("Intro.\n<think>\nhmm\n```\nx\n```\n", &r);
	CHECK(r.nchanges == 0);
	CHECK_STR(r.thinking, "hmm\n```\nx\n```");
	CHECK_STR(r.explanation, "Intro.");
	CHECK(r.nnotes == 1);
	if (r.nnotes == 1)
		CHECK_STR(r.notes[0],
			  "line 2: <think> never closed (the rest is taken as thinking)");
	reply_free(&r);

	/* A tag in the middle of prose or inside a file is text. */
	parse("Models emit <think> tags.\nparse.py\n```python\n<think>\n</think>\n```\n", &r);
	CHECK(r.nchanges == 1);
	expect_file(&r, 0, "parse.py", "<think>\n</think>\n", 3);
	CHECK_STR(r.explanation, "Models emit <think> tags.");
	CHECK_STR(r.thinking, "");
	reply_free(&r);
}

static void test_crlf(void)
{
	struct reply r;

	parse("Intro.\r\n\r\n**src/a.py**\r\n```python\r\na = 1\r\nb = 2\r\n```\r\n"
	      "src/b.py\r\n```\r\n<<<<<<< SEARCH\r\nx\r\n=======\r\ny\r\n>>>>>>> REPLACE\r\n```\r\n"
	      "```run\r\nmake\r\n```\r\nEnd.\r\n",
	      &r);
	CHECK(r.nchanges == 2);
	expect_file(&r, 0, "src/a.py", "a = 1\nb = 2\n", 4);
	expect_edit(&r, 1, "src/b.py", 1, 9);
	expect_section(&r, 1, 0, "x\n", "y\n");
	CHECK_STR(r.run_command, "make");
	CHECK_STR(r.explanation, "Intro.\n\nEnd.");
	CHECK(r.nnotes == 0);
	reply_free(&r);
}

static void test_same_path_twice(void)
{
	struct reply r;

	parse("app.py\n```\nv1\n```\napp.py\n```\nv2\n```\napp.py\n```\n<<<<<<< SEARCH\nv2\n"
	      "=======\nv3\n>>>>>>> REPLACE\n```\nDELETE app.py\n",
	      &r);
	CHECK(r.nchanges == 4);
	expect_file(&r, 0, "app.py", "v1\n", 2);
	expect_file(&r, 1, "app.py", "v2\n", 6);
	expect_edit(&r, 2, "app.py", 1, 10);
	expect_section(&r, 2, 0, "v2\n", "v3\n");
	expect_delete(&r, 3, "app.py", 17);
	reply_free(&r);
}

static void test_diff_block(void)
{
	struct reply r;

	parse("src/app.py\n```diff\n--- a/src/app.py\n+++ b/src/app.py\n@@ -1 +1 @@\n-a\n+b\n```\n"
	      "fix.patch\n```diff\n-a\n+b\n```\n",
	      &r);
	CHECK(r.nchanges == 1);
	expect_file(&r, 0, "fix.patch", "-a\n+b\n", 10);
	CHECK(r.nnotes == 1);
	if (r.nnotes == 1)
		CHECK_STR(r.notes[0],
			  "line 2: unified diff for src/app.py left out (not supported)");
	reply_free(&r);

	/* SEARCH/REPLACE sections labelled diff are an edit. */
	parse("a.py\n```diff\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n```\n", &r);
	CHECK(r.nchanges == 1);
	expect_edit(&r, 0, "a.py", 1, 2);
	reply_free(&r);
}

static void test_nul_bytes_and_no_final_newline(void)
{
	static const char text[] = "ok.py\n```\na\0b\n```\n"
				   "bad\0.py\n```\nx\n```\n"
				   "pro\0se\n```run\nls\0 /\nmake";
	struct reply r;

	reply_parse(text, sizeof text - 1, &r);
	CHECK(r.nchanges == 1);
	if (r.nchanges >= 1) {
		CHECK_STR(r.changes[0].path, "ok.py");
		CHECK(r.changes[0].len == 4);
		CHECK(memcmp(r.changes[0].content, "a\0b\n", 5) == 0);
	}
	CHECK_STR(r.explanation, "bad.py\n\nprose"); /* NULs dropped from prose */
	CHECK_STR(r.run_command, "make");
	CHECK(r.nnotes == 2);
	if (r.nnotes == 2) {
		CHECK_STR(r.notes[0], "line 6: code block without a file path (left out)");
		CHECK_STR(r.notes[1], "line 11: run command line with a NUL byte (left out)");
	}
	reply_free(&r);

	/* The text ends right after a fence, without its newline. */
	parse("a.py\n```\nx\n```", &r);
	CHECK(r.nchanges == 1);
	expect_file(&r, 0, "a.py", "x\n", 2);
	CHECK(r.nnotes == 0);
	reply_free(&r);

	/* Only the first bytes of a longer buffer are read. */
	reply_parse("a.py\n```\nx\n```\nb.py\n```\ny\n```\n", 14, &r);
	CHECK(r.nchanges == 1);
	expect_file(&r, 0, "a.py", "x\n", 2);
	reply_free(&r);
}

/* Deep nesting, a pile of notes, and pseudo-random garbage: never a
 * crash (run under valgrind and ASan), always freed. */
static void test_hostile(void)
{
	struct reply r;
	size_t n = 200 * 8 + 64, len = 0;
	char *text = malloc(n);

	len += (size_t)snprintf(text, n, "x.md\n````markdown\n");
	for (int i = 0; i < 40; i++)
		len += (size_t)snprintf(text + len, n - len, "```c\n");
	reply_parse(text, len, &r);
	CHECK(r.nchanges == 1);
	if (r.nchanges == 1)
		CHECK(r.changes[0].unterminated == 1);
	reply_free(&r);

	len = 0;
	for (int i = 0; i < 200; i++)
		len += (size_t)snprintf(text + len, n - len, "```\n```\n");
	reply_parse(text, len, &r);
	CHECK(r.nchanges == 0);
	CHECK(r.nnotes == 101);
	if (r.nnotes == 101)
		CHECK_STR(r.notes[100], "(more notes left out)");
	reply_free(&r);
	free(text);

	static const char alphabet[] = "`~<=>\n\r\t #*:/.-_ aDELTEthink/SEARCHREPLACErun\"'()0";
	unsigned state = 12345;
	char buf[600];
	for (int round = 0; round < 3000; round++) {
		size_t blen = (size_t)(round % 600);
		for (size_t i = 0; i < blen; i++) {
			state = state * 1103515245u + 12345u;
			unsigned v = (state >> 16) & 0x7fff;
			if (v % 7 == 0)
				buf[i] = (char)(v >> 3); /* any byte, NUL included */
			else
				buf[i] = alphabet[v % (sizeof alphabet - 1)];
		}
		reply_parse(buf, blen, &r);
		CHECK(r.explanation != NULL && r.thinking != NULL);
		for (size_t i = 0; i < r.nchanges; i++)
			CHECK(r.changes[i].path != NULL && r.changes[i].path[0] != '\0');
		reply_free(&r);
	}
}

int main(void)
{
	RUN(test_well_formed);
	RUN(test_path_in_info_string);
	RUN(test_decorated_path_lines);
	RUN(test_no_path);
	RUN(test_unterminated);
	RUN(test_nested_fences_in_markdown);
	RUN(test_indented_block);
	RUN(test_search_replace_fenced);
	RUN(test_search_replace_path_inside_fence);
	RUN(test_search_replace_unfenced);
	RUN(test_search_replace_broken);
	RUN(test_delete);
	RUN(test_run_block);
	RUN(test_prose_only);
	RUN(test_think);
	RUN(test_crlf);
	RUN(test_same_path_twice);
	RUN(test_diff_block);
	RUN(test_nul_bytes_and_no_final_newline);
	RUN(test_hostile);
	return CHECK_EXIT();
}
