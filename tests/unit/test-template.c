/* test-template: unit tests of prompt templates: the format, every error
 * message, and the lookup order (src/gateway/template.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/paths.h"
#include "base/xmalloc.h"
#include "check.h"
#include "gateway/template.h"

/* $XDG_CONFIG_HOME for the whole program, removed at exit. */
static char tmpdir[64];

static const struct tpl_var chat_vars[] = {
	{ "system", "You are terse." },
	{ "prompt", "Fix the bug\nin main.c" },
};
#define NCHAT (sizeof chat_vars / sizeof chat_vars[0])

static char *override_dir(void)
{
	return xasprintf("%s/faos-codex/templates", tmpdir);
}

static void write_override(const char *name, const char *text)
{
	char *dir = override_dir(), *path = xasprintf("%s/%s", dir, name);
	char *err = NULL;
	FILE *f;

	CHECK(paths_mkdir_p(dir, &err) == 0);
	free(err);
	CHECK((f = fopen(path, "w")) != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	free(dir);
	free(path);
}

static void remove_override(const char *name)
{
	char *dir = override_dir(), *path = xasprintf("%s/%s", dir, name);

	unlink(path);
	rmdir(path); /* test_unreadable makes a directory of that name */
	free(dir);
	free(path);
}

/* Renders text as "t.txt"; the messages as "role: content|role: content". */
static char *render(const char *text, const struct tpl_var *vars, size_t nvars)
{
	struct gw_prompt p;
	char *err = NULL;

	if (template_render_text("t.txt", text, strlen(text), vars, nvars, &p, &err) < 0)
		return err;
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < p.n; i++)
		buf_printf(&b, "%s%s: %s", i ? "|" : "", p.msgs[i].role, p.msgs[i].content);
	gw_prompt_free(&p);
	return buf_steal(&b);
}

static void expect_render(const char *text, const struct tpl_var *vars, size_t nvars,
			  const char *want)
{
	char *got = render(text, vars, nvars);

	CHECK_STR(got, want);
	free(got);
}

/* text must fail with exactly want, on one line, leaving no messages. */
static void expect_error(const char *text, const struct tpl_var *vars, size_t nvars,
			 const char *want)
{
	struct gw_prompt p;
	char *err = NULL;

	CHECK(template_render_text("t.txt", text, strlen(text), vars, nvars, &p, &err) == -1);
	CHECK_STR(err, want);
	CHECK(err == NULL || strchr(err, '\n') == NULL);
	CHECK(p.n == 0 && p.msgs == NULL);
	free(err);
}

static void test_chat_builtin(void)
{
	struct gw_prompt p;
	char *err = NULL;

	CHECK(template_builtin("chat") != NULL);
	CHECK(template_builtin("nope") == NULL);
	CHECK(template_render("chat", chat_vars, NCHAT, &p, &err) == 0);
	CHECK(err == NULL);
	CHECK(p.n == 2);
	if (p.n == 2) {
		CHECK_STR(p.msgs[0].role, "system");
		CHECK_STR(p.msgs[0].content, "You are terse.");
		CHECK_STR(p.msgs[1].role, "user");
		CHECK_STR(p.msgs[1].content, "Fix the bug\nin main.c");
	}
	gw_prompt_free(&p);
}

static void test_chat_empty_system_dropped(void)
{
	const struct tpl_var vars[] = { { "prompt", "hi" }, { "system", "" } };
	const struct tpl_var null_system[] = { { "prompt", "hi" }, { "system", NULL } };
	const char *chat = template_builtin("chat");

	expect_render(chat, vars, 2, "user: hi");
	expect_render(chat, null_system, 2, "user: hi");
	/* Whitespace alone is empty too. */
	const struct tpl_var blank[] = { { "prompt", "hi" }, { "system", " \n\t\n" } };
	expect_render(chat, blank, 2, "user: hi");
}

static void test_user_override_wins(void)
{
	struct gw_prompt p;
	char *err = NULL;

	write_override("chat.txt", "--- user\n[{{prompt}}]\n");
	CHECK(template_render("chat", chat_vars, NCHAT, &p, &err) == 0);
	CHECK(p.n == 1);
	if (p.n == 1)
		CHECK_STR(p.msgs[0].content, "[Fix the bug\nin main.c]");
	gw_prompt_free(&p);

	/* Errors in an override name its full path. */
	write_override("chat.txt", "--- user\n{{prompt}} {{nope}}\n");
	CHECK(template_render("chat", chat_vars, NCHAT, &p, &err) == -1);
	char *want = xasprintf("%s/faos-codex/templates/chat.txt:2: unknown variable {{nope}}; "
			       "known: prompt, system", tmpdir);
	CHECK_STR(err, want);
	free(want);
	free(err);
	remove_override("chat.txt");

	/* Without the override, the built-in one again. */
	CHECK(template_render("chat", chat_vars, NCHAT, &p, &err) == 0);
	CHECK(p.n == 2);
	gw_prompt_free(&p);
}

static void test_override_of_new_name(void)
{
	const struct tpl_var vars[] = { { "diff", "+x" } };
	struct gw_prompt p;
	char *err = NULL;

	write_override("review-2.txt", "# review\n--- user\nReview:\n{{diff}}\n");
	CHECK(template_render("review-2", vars, 1, &p, &err) == 0);
	CHECK(p.n == 1);
	if (p.n == 1)
		CHECK_STR(p.msgs[0].content, "Review:\n+x");
	gw_prompt_free(&p);
	remove_override("review-2.txt");
}

static void test_format(void)
{
	const struct tpl_var vars[] = { { "a", "A" }, { "b_2", "B" }, { "raw", "{{a}}\n--- user" } };

	/* Header comments and blank lines before the first message. */
	expect_render("# about\n\n#   {{x}} in a comment\n--- user\nhi\n", vars, 3, "user: hi");
	/* Several variables on a line, spaces inside the braces, every role. */
	expect_render("--- system\n{{a}}{{ b_2 }}!\n--- user\nx {{a}} y\n--- assistant\nok\n",
		      vars, 3, "system: AB!|user: x A y|assistant: ok");
	/* Values are inserted verbatim, never scanned. */
	expect_render("--- user\n<{{raw}}>\n", vars, 3, "user: <{{a}}\n--- user>");
	/* Trailing blank lines are layout; inner ones and indentation stay. */
	expect_render("--- user\n  one\n\n two\n\n  \n\n--- user\nz", vars, 3,
		      "user:   one\n\n two|user: z");
	/* After the first message, # is text (a Markdown heading). */
	expect_render("--- user\n# Task\n{{a}}\n", vars, 3, "user: # Task\nA");
	/* CRLF files read like LF ones; spaces around the role. */
	expect_render("# h\r\n---  user \r\nl1\r\nl2\r\n", vars, 3, "user: l1\nl2");
	/* An empty message between two others is left out. */
	expect_render("--- system\n--- user\nq\n", vars, 3, "user: q");
	/* A single } or { is text. */
	expect_render("--- user\n{a} }} {\n", vars, 3, "user: {a} }} {");
}

static void test_errors(void)
{
	const struct tpl_var vars[] = { { "system", "s" }, { "prompt", "p" } };

	expect_error("--- user\nok\n--- bot\n", vars, 2,
		     "t.txt:3: unknown role \"bot\"; known: system, user, assistant");
	expect_error("--- user please\n", vars, 2,
		     "t.txt:1: unknown role \"user please\"; known: system, user, assistant");
	expect_error("# h\n---\nx\n", vars, 2,
		     "t.txt:2: \"---\" without a role; known: system, user, assistant");
	expect_error("--- user\n\n{{prompt\n", vars, 2,
		     "t.txt:3: \"{{\" without \"}}\" on the same line");
	expect_error("--- user\n{{prompt}} {{\n}}\n", vars, 2,
		     "t.txt:2: \"{{\" without \"}}\" on the same line");
	expect_error("# chat\n--- system\n{{system}}\n{{foo}}\n", vars, 2,
		     "t.txt:4: unknown variable {{foo}}; known: prompt, system");
	expect_error("--- user\n{{prompt}}\n", NULL, 0,
		     "t.txt:2: unknown variable {{prompt}}; known: none");
	expect_error("--- user\n{{Prompt}}\n", vars, 2,
		     "t.txt:2: bad variable name {{Prompt}}: use a-z, 0-9 and _");
	expect_error("--- user\n{{}}\n", vars, 2,
		     "t.txt:2: bad variable name {{}}: use a-z, 0-9 and _");
	expect_error("# h\nhello\n--- user\n", vars, 2,
		     "t.txt:2: text before the first \"--- ROLE\" line (header lines start with #)");
	expect_error("# only a header\n\n", vars, 2,
		     "t.txt:1: no message: a template is \"--- ROLE\" lines (system, user, "
		     "assistant), each followed by its text");
	expect_error("", vars, 2,
		     "t.txt:1: no message: a template is \"--- ROLE\" lines (system, user, "
		     "assistant), each followed by its text");
	const struct tpl_var empty[] = { { "system", "" }, { "prompt", "  " } };
	expect_error("--- system\n{{system}}\n--- user\n{{prompt}}\n", empty, 2,
		     "t.txt: every message is empty with the values given");
}

static void test_lookup_errors(void)
{
	struct gw_prompt p;
	char *err = NULL;

	CHECK(template_render("../chat", chat_vars, NCHAT, &p, &err) == -1);
	CHECK_STR(err, "bad template name \"../chat\": use letters, digits, - and _");
	free(err);
	CHECK(template_render("", chat_vars, NCHAT, &p, &err) == -1);
	CHECK_STR(err, "bad template name \"\": use letters, digits, - and _");
	free(err);

	CHECK(template_render("nope", chat_vars, NCHAT, &p, &err) == -1);
	char *want = xasprintf("no template \"nope\": no %s/faos-codex/templates/nope.txt nor "
			       FAOS_DATADIR "/templates/nope.txt, and none built in (chat, codegen, coder, planner, reviewer)",
			       tmpdir);
	CHECK_STR(err, want);
	CHECK(p.n == 0);
	free(want);
	free(err);
}

static void test_unreadable(void)
{
	char *dir = override_dir(), *path = xasprintf("%s/chat.txt", dir);
	struct gw_prompt p;
	char *err = NULL;

	/* A directory where the file should be: an error, not the fallback. */
	CHECK(paths_mkdir_p(path, &err) == 0);
	CHECK(template_render("chat", chat_vars, NCHAT, &p, &err) == -1);
	char *want = xasprintf("cannot read template %s: Is a directory", path);
	CHECK_STR(err, want);
	free(want);
	free(err);
	remove_override("chat.txt");
	free(dir);
	free(path);
}

int main(void)
{
	strcpy(tmpdir, "/tmp/faos-test-template-XXXXXX");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	setenv("XDG_CONFIG_HOME", tmpdir, 1);
	RUN(test_chat_builtin);
	RUN(test_chat_empty_system_dropped);
	RUN(test_user_override_wins);
	RUN(test_override_of_new_name);
	RUN(test_format);
	RUN(test_errors);
	RUN(test_lookup_errors);
	RUN(test_unreadable);
	char *dir = override_dir(), *parent = xasprintf("%s/faos-codex", tmpdir);
	rmdir(dir);
	rmdir(parent);
	rmdir(tmpdir);
	free(dir);
	free(parent);
	return CHECK_EXIT();
}
