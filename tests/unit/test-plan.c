/* test-plan: unit tests of reading a planner's plan (src/orch/plan-parse.c,
 * plan-heading.c, plan-item.c), writing it back (plan-render.c) and sharing
 * its files among coders (plan-share.c), on the markdown variations local
 * models actually write. */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "check.h"
#include "orch/plan.h"

#define PLAN_TEST_MAX 64

static void parse(const char *text, struct plan *p)
{
	plan_parse(text, strlen(text), p);
}

static void expect_file(const struct plan *p, size_t i, const char *path, const char *purpose)
{
	CHECK(i < p->nfiles);
	if (i >= p->nfiles)
		return;
	CHECK_STR(p->files[i].path, path);
	CHECK_STR(p->files[i].purpose, purpose);
}

static void expect_uses(const struct plan *p, size_t i, size_t n, const size_t *want)
{
	CHECK(i < p->nfiles);
	if (i >= p->nfiles)
		return;
	CHECK(p->files[i].nuses == n);
	for (size_t k = 0; k < n && k < p->files[i].nuses; k++)
		CHECK(p->files[i].uses[k] == want[k]);
}

/* Each form of file item the prompt's "- path: purpose" turns into. */
static void test_list_forms(void)
{
	struct plan p;

	parse("- src/app.py: the CLI entry point\n"
	      "* src/calc.py \u2014 arithmetic\n"
	      "1. src/io.py - reading input\n"
	      "2) src/fmt.py \u2013 formatting\n"
	      "+ lib/util.py -> helpers\n"
	      "- src/main.c (the program)\n"
	      "- Makefile\n"
	      "  - [ ] .gitignore: ignores\n"
	      "- __init__.py: package marker\n",
	      &p);
	CHECK(p.nfiles == 9);
	expect_file(&p, 0, "src/app.py", "the CLI entry point");
	expect_file(&p, 1, "src/calc.py", "arithmetic");
	expect_file(&p, 2, "src/io.py", "reading input");
	expect_file(&p, 3, "src/fmt.py", "formatting");
	expect_file(&p, 4, "lib/util.py", "helpers");
	expect_file(&p, 5, "src/main.c", "the program");
	expect_file(&p, 6, "Makefile", "");
	expect_file(&p, 7, ".gitignore", "ignores");
	expect_file(&p, 8, "__init__.py", "package marker");
	CHECK(p.nfiles == 9 && p.files[0].line == 1 && p.files[8].line == 9);
	CHECK_STR(p.interfaces, "");
	CHECK(p.run_command == NULL);
	CHECK(p.nnotes == 0);
	plan_free(&p);
}

static void test_decorations(void)
{
	struct plan p;

	parse("- **src/app.py**: entry point\n"
	      "- `src/calc.py`: arithmetic\n"
	      "- **`src/io.py`** \u2014 input\n"
	      "- **src/fmt.py:** formatting\n"
	      "- \"docs/a.md\": notes\n"
	      "- [src/web.js](src/web.js): the page\n"
	      "- *tests/test_calc.py*: tests: all of them\n",
	      &p);
	CHECK(p.nfiles == 7);
	expect_file(&p, 0, "src/app.py", "entry point");
	expect_file(&p, 1, "src/calc.py", "arithmetic");
	expect_file(&p, 2, "src/io.py", "input");
	expect_file(&p, 3, "src/fmt.py", "formatting");
	expect_file(&p, 4, "docs/a.md", "notes");
	expect_file(&p, 5, "src/web.js", "the page");
	expect_file(&p, 6, "tests/test_calc.py", "tests: all of them");
	CHECK(p.nnotes == 0);
	plan_free(&p);
}

static void test_table(void)
{
	struct plan p;

	parse("| File | Purpose |\n"
	      "|------|:-------:|\n"
	      "| `src/app.py` | entry point |\n"
	      "| src/calc.py | arithmetic | pure |\n"
	      "| 3 | README.md | docs |\n"
	      "|src/x.py|\n",
	      &p);
	CHECK(p.nfiles == 4);
	expect_file(&p, 0, "src/app.py", "entry point");
	expect_file(&p, 1, "src/calc.py", "arithmetic | pure");
	expect_file(&p, 2, "README.md", "docs");
	expect_file(&p, 3, "src/x.py", "");
	plan_free(&p);
}

/* Headings and labels in their usual forms; bare lines count under a
 * files heading only. */
static void test_headings(void)
{
	struct plan p;

	parse("# Plan\n"
	      "src/skip.py: not under a files heading\n"
	      "## 1. Files to create\n"
	      "src/app.py: entry point\n"
	      "Makefile: build\n"
	      "**Interfaces:**\n"
	      "app.py calls calc.add(a, b)\n"
	      "Files:\n"
	      "`src/calc.py` \u2014 arithmetic\n"
	      "Run command: `python3 -m app`\n",
	      &p);
	CHECK(p.nfiles == 3);
	expect_file(&p, 0, "src/app.py", "entry point");
	expect_file(&p, 1, "Makefile", "build");
	expect_file(&p, 2, "src/calc.py", "arithmetic");
	CHECK_STR(p.interfaces, "app.py calls calc.add(a, b)");
	CHECK_STR(p.run_command, "python3 -m app");
	CHECK(p.nnotes == 0);
	plan_free(&p);
}

/* Bullets of prose are not files, however close they come. */
static void test_prose_ignored(void)
{
	struct plan p;

	parse("Here is the plan. We write src/app.py first.\n"
	      "- Use Python 3.11 or newer\n"
	      "- python3.11 is fine\n"
	      "- Node.js: not needed\n"
	      "- e.g. a calculator\n"
	      "- The app: a calculator\n"
	      "- src/: the sources\n"
	      "- http://example.com: docs\n"
	      "- src/app.py, src/calc.py: both\n"
	      "Note: keep it small.\n"
	      "- src/app.py: the only file\n",
	      &p);
	CHECK(p.nfiles == 1);
	expect_file(&p, 0, "src/app.py", "the only file");
	CHECK(p.run_command == NULL);
	CHECK_STR(p.interfaces, "");
	CHECK(p.nnotes == 0);
	plan_free(&p);
}

static void test_think_ignored(void)
{
	struct plan p;

	parse("<think>\n- src/wrong.py: no\nRun: rm -rf /\n</think>\n"
	      "- src/app.py: yes\n"
	      "<think>one line</think> - src/calc.py: after the tag\n",
	      &p);
	CHECK(p.nfiles == 2);
	expect_file(&p, 0, "src/app.py", "yes");
	expect_file(&p, 1, "src/calc.py", "after the tag");
	CHECK(p.run_command == NULL);
	plan_free(&p);

	parse("- src/app.py: yes\n<think>\n- src/wrong.py: no\n", &p);
	CHECK(p.nfiles == 1);
	expect_file(&p, 0, "src/app.py", "yes");
	CHECK(p.nnotes == 1);
	if (p.nnotes == 1)
		CHECK_STR(p.notes[0],
			  "line 2: <think> never closed (the rest is taken as thinking)");
	plan_free(&p);

	/* the template opened <think>: only its end arrives */
	parse("- src/wrong.py: no\n</think>\n- src/app.py: yes\n", &p);
	CHECK(p.nfiles == 1);
	expect_file(&p, 0, "src/app.py", "yes");
	plan_free(&p);
}

static void expect_run(const char *text, const char *want)
{
	struct plan p;

	parse(text, &p);
	if (want)
		CHECK_STR(p.run_command, want);
	else
		CHECK(p.run_command == NULL);
	plan_free(&p);
}

static void test_run_forms(void)
{
	expect_run("```run\npython3 -m unittest\n```\n", "python3 -m unittest");
	expect_run("```bash run\n$ make\n\n  make test  \n```\n", "make\nmake test");
	expect_run("Run: python3 -m unittest\n", "python3 -m unittest");
	expect_run("Run command: `make test` (from the root)\n", "make test");
	expect_run("**Run:** `go test ./...`\n", "go test ./...");
	expect_run("- **Run:** `npm test`\n", "npm test");
	expect_run("## Run\n```sh\npython3 app.py\n```\n", "python3 app.py");
	expect_run("## Run\nFrom the project root:\n```bash\n$ make check\n```\n", "make check");
	expect_run("## How to run\n```\ncargo test\n```\n", "cargo test");
	expect_run("### Run\npython3 -m pytest\n", "python3 -m pytest");
	expect_run("## Run\nThis runs the tests.\n", NULL);
	expect_run("## Run\n```python\nprint(1)\n```\n", NULL);
	expect_run("```sh\nmake\n```\n", NULL);
	/* the block the prompt asks for outranks a label */
	expect_run("Run: make\n```run\nmake test\n```\n", "make test");
	expect_run("```run\nmake test\n```\nRun: make\n", "make test");
	expect_run("```run\nmake\n```\n```run\nmake test\n```\n", "make\nmake test");

	struct plan p;
	parse("Run: make\nRun command: make all\nRun: make\n", &p);
	CHECK_STR(p.run_command, "make");
	CHECK(p.nnotes == 1);
	if (p.nnotes == 1)
		CHECK_STR(p.notes[0], "line 2: another run command (the first is kept)");
	plan_free(&p);
}

static void test_interfaces(void)
{
	struct plan p;

	parse("## Files\n"
	      "- calc.py: arithmetic\n"
	      "- app.py: CLI\n"
	      "\n"
	      "## Interfaces between files\n"
	      "\n"
	      "### calc.py\n"
	      "- add(a, b) -> int\n"
	      "Returns: the sum\n"
	      "\n"
	      "\n"
	      "```python\n"
	      "# not a heading\n"
	      "def add(a, b): ...\n"
	      "```\n"
	      "  app.py imports calc   \n"
	      "\n"
	      "## Run\n"
	      "```run\npython3 app.py\n```\n"
	      "Interfaces: none further\n",
	      &p);
	CHECK(p.nfiles == 2);
	CHECK_STR(p.interfaces, "### calc.py\n"
				"- add(a, b) -> int\n"
				"Returns: the sum\n"
				"\n"
				"\n"
				"```python\n"
				"# not a heading\n"
				"def add(a, b): ...\n"
				"```\n"
				"  app.py imports calc\n"
				"\n"
				"none further");
	CHECK_STR(p.run_command, "python3 app.py");
	size_t app_uses[] = { 0 }, calc_uses[] = { 1 };
	expect_uses(&p, 0, 1, calc_uses);
	expect_uses(&p, 1, 1, app_uses);
	CHECK(p.nnotes == 0);
	plan_free(&p);
}

/* A purpose mentions another file by path, base name or stem. */
static void test_mentions(void)
{
	struct plan p;

	parse("- src/app.py: CLI; uses calc.add and src/io.py\n"
	      "- src/calc.py: arithmetic\n"
	      "- src/io.py: reads files\n"
	      "- tests/test_calc.py: tests for calculator\n"
	      "- os_path.py: not os.path or my-calc.py\n",
	      &p);
	CHECK(p.nfiles == 5);
	size_t app[] = { 1, 2 };
	expect_uses(&p, 0, 2, app);
	expect_uses(&p, 1, 0, NULL);
	expect_uses(&p, 3, 0, NULL);
	expect_uses(&p, 4, 0, NULL);
	plan_free(&p);
}

static void test_duplicates(void)
{
	struct plan p;

	parse("- src/app.py: first\n"
	      "- src/calc.py: math\n"
	      "- **src/app.py**: second\n",
	      &p);
	CHECK(p.nfiles == 2);
	expect_file(&p, 0, "src/app.py", "first");
	expect_file(&p, 1, "src/calc.py", "math");
	CHECK(p.nnotes == 1);
	if (p.nnotes == 1)
		CHECK_STR(p.notes[0], "line 3: src/app.py listed twice (kept once)");
	plan_free(&p);
}

/* The whole plan in a ```markdown block; a block never closed; CRLF. */
static void test_wrapped_and_broken(void)
{
	struct plan p;

	parse("```markdown\r\n## Files\r\n- app.py: CLI\r\n\r\n## Run\r\n"
	      "```sh\r\npython3 app.py\r\n```\r\n```\r\nAfter the plan.\r\n",
	      &p);
	CHECK(p.nfiles == 1);
	expect_file(&p, 0, "app.py", "CLI");
	CHECK_STR(p.run_command, "python3 app.py");
	CHECK(p.nnotes == 0);
	plan_free(&p);

	parse("- app.py: CLI\n```run\nmake", &p);
	CHECK(p.nfiles == 1);
	CHECK_STR(p.run_command, "make");
	CHECK(p.nnotes == 1);
	if (p.nnotes == 1)
		CHECK_STR(p.notes[0], "line 2: code block never closed (read to the end)");
	plan_free(&p);

	plan_parse(NULL, 0, &p);
	CHECK(p.nfiles == 0 && p.run_command == NULL && p.nnotes == 0);
	CHECK_STR(p.interfaces, "");
	plan_free(&p);
}

static int same_plan(const struct plan *a, const struct plan *b)
{
	if (a->nfiles != b->nfiles || strcmp(a->interfaces, b->interfaces) != 0 ||
	    (a->run_command == NULL) != (b->run_command == NULL) ||
	    (a->run_command && strcmp(a->run_command, b->run_command) != 0))
		return 0;
	for (size_t i = 0; i < a->nfiles; i++) {
		const struct plan_file *x = &a->files[i], *y = &b->files[i];
		if (strcmp(x->path, y->path) != 0 || strcmp(x->purpose, y->purpose) != 0 ||
		    x->nuses != y->nuses || (x->nuses && memcmp(x->uses, y->uses,
							      x->nuses * sizeof *x->uses) != 0))
			return 0;
	}
	return 1;
}

static void test_render_round_trip(void)
{
	struct plan p, q;
	char *text, *again;

	parse("Plan:\n"
	      "1. **src/app.py** \u2014 CLI, calls calc.add\n"
	      "2. `src/calc.py`\n"
	      "| tests/test_calc.py | tests (unit) | fast |\n"
	      "- Makefile: (optional) build\n"
	      "## Interfaces\n"
	      "### calc.py\n"
	      "- add(a, b) -> int: the sum\n"
	      "```python\n# signature\ndef add(a, b): ...\n```\n"
	      "Run: `make test`\n",
	      &p);
	text = plan_render(&p);
	CHECK_STR(text, "## Files\n"
			"- src/app.py: CLI, calls calc.add\n"
			"- src/calc.py\n"
			"- tests/test_calc.py: tests (unit) | fast\n"
			"- Makefile: (optional) build\n"
			"\n"
			"## Interfaces\n"
			"### calc.py\n"
			"- add(a, b) -> int: the sum\n"
			"```python\n# signature\ndef add(a, b): ...\n```\n"
			"\n"
			"## Run\n"
			"```run\nmake test\n```\n");
	parse(text, &q);
	CHECK(same_plan(&p, &q));
	CHECK(q.nnotes == 0);
	again = plan_render(&q);
	CHECK_STR(again, text);
	free(text);
	free(again);
	plan_free(&p);
	plan_free(&q);

	/* an empty plan renders its heading only, and reads back empty */
	parse("nothing here", &p);
	text = plan_render(&p);
	CHECK_STR(text, "## Files\n");
	parse(text, &q);
	CHECK(same_plan(&p, &q));
	free(text);
	plan_free(&p);
	plan_free(&q);
}

/* plan_share on a plan text; owner written as a string of coder digits. */
static int share(const char *text, int coders, char *owners)
{
	struct plan p;
	int owner[16], n;

	parse(text, &p);
	memset(owner, -1, sizeof owner);
	n = plan_share(&p, coders, owner);
	for (size_t i = 0; i < p.nfiles && i < 15; i++)
		owners[i] = owner[i] < 0 ? '?' : (char)('0' + owner[i]);
	owners[p.nfiles < 15 ? p.nfiles : 15] = '\0';
	plan_free(&p);
	return n;
}

static void test_share_independent(void)
{
	char o[16];

	CHECK(share("- a.py: one\n- b.py: two\n- c.py: three\n- d.py: four\n", 4, o) == 4);
	CHECK_STR(o, "0123");
	CHECK(share("- a.py: one\n- b.py: two\n- c.py: three\n- d.py: four\n", 1, o) == 1);
	CHECK_STR(o, "0000");
	CHECK(share("- a.py: one\n", 0, o) == 1);
	CHECK_STR(o, "0");
	CHECK(share("no files\n", 3, o) == 0);
	CHECK_STR(o, "");
}

static void test_share_tests_with_subject(void)
{
	char o[16];

	CHECK(share("- calc.py: math\n- app.py: CLI\n- test_calc.py: unit tests\n", 2, o) == 2);
	CHECK_STR(o, "010");
	CHECK(share("- src/calc.py: math\n- src/app.py: CLI\n- tests/test_calc.py: unit\n",
		    2, o) == 2);
	CHECK_STR(o, "010");
	CHECK(share("- src/calc.go: math\n- src/app.go: CLI\n- src/calc_test.go: tests\n"
		    "- web/ui.js: page\n- web/ui.test.js: tests\n- tests/app.py: tests\n",
		    3, o) == 3);
	CHECK_STR(o, "010221");
	CHECK(share("- Calc.java: math\n- CalcTest.java: tests\n- contest.py: game\n"
		    "- con.py: other\n- calc.h: header\n- calc.c: source\n",
		    4, o) == 4);
	CHECK_STR(o, "002311");
}

static void test_share_chain(void)
{
	char o[16];

	CHECK(share("- alpha.py: uses beta\n- beta.py: wraps gamma.py\n- gamma.py: core\n"
		    "- delta.py: alone\n",
		    3, o) == 2);
	CHECK_STR(o, "0001");
	/* an interfaces line ties the files it names */
	CHECK(share("- x.py: one\n- y.py: two\n- z.py: three\n## Interfaces\nx.py calls z.py\n"
		    "y has no callers\n",
		    3, o) == 2);
	CHECK_STR(o, "010");
}

static void test_share_balance(void)
{
	char o[16];

	CHECK(share("- a.py: 1\n- b.py: 2\n- c.py: 3\n- d.py: 4\n- e.py: 5\n", 2, o) == 2);
	CHECK_STR(o, "01010");
	/* the largest group first, then the lightest coder takes the next */
	CHECK(share("- ant.py: 1\n- bee.py: 2\n- cat.py: uses eel\n- dog.py: 4\n"
		    "- eel.py: uses dog\n",
		    2, o) == 2);
	CHECK_STR(o, "11000");
	CHECK(share("- a.py: uses b.py\n- b.py: 2\n- c.py: 3\n", 5, o) == 2);
	CHECK_STR(o, "001");
}

/* NUL bytes, a plan too long, and random bytes: no crash, no leak, and
 * what comes out holds. */
static void test_hostile(void)
{
	static const char nul[] = "- src/a\0pp.py: no\n- app.py: a\0b\n```run\nma\0ke\ntest\n```";
	struct plan p;
	struct buf big = BUF_INIT;

	plan_parse(nul, sizeof nul - 1, &p);
	CHECK(p.nfiles == 1);
	expect_file(&p, 0, "app.py", "ab");
	CHECK_STR(p.run_command, "test");
	CHECK(p.nnotes == 1);
	if (p.nnotes == 1)
		CHECK_STR(p.notes[0], "line 4: run command line with a NUL byte (left out)");
	plan_free(&p);

	for (int i = 0; i < 700; i++)
		buf_printf(&big, "- f%d.py: uses f%d.py\n", i, i + 1);
	plan_parse(big.data, big.len, &p);
	CHECK(p.nfiles == 500);
	CHECK(p.nnotes == 1);
	if (p.nnotes == 1)
		CHECK_STR(p.notes[0], "line 501: more than 500 files (the rest left out)");
	int *owner = calloc(p.nfiles, sizeof *owner);
	CHECK(plan_share(&p, 4, owner) == 1); /* one chain: one coder */
	free(owner);
	plan_free(&p);
	buf_free(&big);

	static const char alphabet[] = "-*|`#:.\n\n /_ab1<>()[]~\r\0";
	unsigned seed = 7;
	for (int round = 0; round < 3000; round++) {
		char text[200];
		int o[PLAN_TEST_MAX];
		size_t n = (size_t)(round % 199) + 1;
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			text[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
		}
		plan_parse(text, n, &p);
		char *r = plan_render(&p);
		int busy = p.nfiles <= PLAN_TEST_MAX ? plan_share(&p, 3, o) : 1;
		CHECK(busy >= 0 && busy <= 3 && (busy > 0) == (p.nfiles > 0));
		for (size_t i = 0; i < p.nfiles; i++) {
			CHECK(p.files[i].path[0] != '\0');
			CHECK(p.nfiles > PLAN_TEST_MAX || (o[i] >= 0 && o[i] < 3));
		}
		free(r);
		plan_free(&p);
	}
}

int main(void)
{
	RUN(test_list_forms);
	RUN(test_decorations);
	RUN(test_table);
	RUN(test_headings);
	RUN(test_prose_ignored);
	RUN(test_think_ignored);
	RUN(test_run_forms);
	RUN(test_interfaces);
	RUN(test_mentions);
	RUN(test_duplicates);
	RUN(test_wrapped_and_broken);
	RUN(test_render_round_trip);
	RUN(test_share_independent);
	RUN(test_share_tests_with_subject);
	RUN(test_share_chain);
	RUN(test_share_balance);
	RUN(test_hostile);
	return CHECK_EXIT();
}
