/* test-ignore: .gitignore matching: each pattern form, negation, nested
 * files (given as text, and read from a real directory). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "ignore.h"

/* Whether path is ignored under one root .gitignore holding text. */
static int ignored(const char *text, const char *path, int is_dir)
{
	struct ignore ig;

	ignore_init(&ig, NULL);
	ignore_add(&ig, "", text, strlen(text));
	int r = ignore_match(&ig, path, is_dir);
	ignore_free(&ig);
	return r;
}

static void star_matches_within_a_name_at_any_depth(void)
{
	CHECK(ignored("*.log\n", "debug.log", 0));
	CHECK(ignored("*.log\n", "a/b/debug.log", 0));
	CHECK(!ignored("*.log\n", "debug.log.txt", 0));
	CHECK(!ignored("*.log\n", "log", 0));
	CHECK(ignored("*\n", ".hidden", 0)); /* git: no special leading dot */
}

static void question_mark_and_brackets(void)
{
	CHECK(ignored("file?.c\n", "file1.c", 0));
	CHECK(!ignored("file?.c\n", "file10.c", 0));
	CHECK(ignored("[ab]*.o\n", "src/a1.o", 0));
	CHECK(!ignored("[ab]*.o\n", "c1.o", 0));
	CHECK(ignored("[!ab]*.o\n", "c1.o", 0));
	CHECK(ignored("x[0-9]\n", "x7", 0));
}

static void leading_slash_anchors_to_the_directory(void)
{
	CHECK(ignored("/todo.txt\n", "todo.txt", 0));
	CHECK(!ignored("/todo.txt\n", "docs/todo.txt", 0));
	CHECK(ignored("docs/*.md\n", "docs/a.md", 0)); /* a middle slash anchors too */
	CHECK(!ignored("docs/*.md\n", "x/docs/a.md", 0));
	CHECK(!ignored("docs/*.md\n", "docs/sub/a.md", 0)); /* "*" stops at "/" */
}

static void trailing_slash_means_directories_only(void)
{
	CHECK(ignored("build/\n", "build", 1));
	CHECK(!ignored("build/\n", "build", 0));
	CHECK(ignored("build/\n", "src/build", 1)); /* not anchored */
	CHECK(ignored("/out/\n", "out", 1));
	CHECK(!ignored("/out/\n", "src/out", 1));
}

static void double_star_spans_directories(void)
{
	CHECK(ignored("**/cache\n", "cache", 1));
	CHECK(ignored("**/cache\n", "a/b/cache", 0));
	CHECK(ignored("a/**/b\n", "a/b", 0));
	CHECK(ignored("a/**/b\n", "a/x/y/b", 0));
	CHECK(!ignored("a/**/b\n", "a/x/y/c", 0));
	CHECK(ignored("gen/**\n", "gen/x", 0));
	CHECK(ignored("gen/**\n", "gen/x/y.c", 0));
	CHECK(!ignored("gen/**\n", "gen", 1));
	CHECK(ignore_glob("**/*.c", "deep/down/x.c"));
	CHECK(!ignore_glob("**/*.c", "deep/down/x.h"));
}

static void negation_re_includes_and_the_last_rule_wins(void)
{
	const char *rules = "*.log\n!keep.log\n";

	CHECK(ignored(rules, "a.log", 0));
	CHECK(!ignored(rules, "keep.log", 0));
	CHECK(!ignored(rules, "sub/keep.log", 0));
	CHECK(ignored("!keep.log\n*.log\n", "keep.log", 0)); /* order matters */
}

static void comments_blanks_escapes_and_spaces(void)
{
	const char *rules = "# a comment\n\n   \n\\#hash\n\\!bang\ntrail   \r\n";

	CHECK(!ignored(rules, "# a comment", 0));
	CHECK(ignored(rules, "#hash", 0));
	CHECK(ignored(rules, "!bang", 0));
	CHECK(ignored(rules, "trail", 0));
	CHECK(!ignored("", "anything", 0));
}

static void nested_rules_apply_below_their_directory(void)
{
	struct ignore ig;
	const char *root = "*.tmp\n";
	const char *sub = "/local.txt\n!keep.tmp\n";

	ignore_init(&ig, NULL);
	ignore_add(&ig, "", root, strlen(root));
	ignore_add(&ig, "pkg", sub, strlen(sub));
	CHECK(ignore_match(&ig, "pkg/local.txt", 0));
	CHECK(!ignore_match(&ig, "local.txt", 0));
	CHECK(!ignore_match(&ig, "pkg/deeper/local.txt", 0)); /* anchored to pkg/ */
	CHECK(ignore_match(&ig, "pkg/x.tmp", 0));
	CHECK(!ignore_match(&ig, "pkg/keep.tmp", 0)); /* the deeper file wins */
	CHECK(!ignore_match(&ig, "pkg/deeper/keep.tmp", 0));
	CHECK(ignore_match(&ig, "keep.tmp", 0)); /* not above it */
	ignore_free(&ig);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void gitignore_files_are_read_from_disk(void)
{
	char dir[] = "/tmp/test-ignore-XXXXXX", path[256];
	struct ignore ig;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof path, "%s/.gitignore", dir);
	write_file(path, "build/\n*.log\n");
	snprintf(path, sizeof path, "%s/src", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof path, "%s/src/.gitignore", dir);
	write_file(path, "!important.log\ngenerated.c\n");
	ignore_init(&ig, dir);
	CHECK(ignore_match(&ig, "build", 1));
	CHECK(ignore_match(&ig, "x.log", 0));
	CHECK(ignore_match(&ig, "src/generated.c", 0));
	CHECK(!ignore_match(&ig, "generated.c", 0));
	CHECK(!ignore_match(&ig, "src/important.log", 0));
	CHECK(ignore_match(&ig, "src/other.log", 0));
	CHECK(!ignore_match(&ig, "src/main.c", 0));
	ignore_free(&ig);
	snprintf(path, sizeof path, "rm -rf '%s'", dir);
	CHECK(system(path) == 0);
}

int main(void)
{
	RUN(star_matches_within_a_name_at_any_depth);
	RUN(question_mark_and_brackets);
	RUN(leading_slash_anchors_to_the_directory);
	RUN(trailing_slash_means_directories_only);
	RUN(double_star_spans_directories);
	RUN(negation_re_includes_and_the_last_rule_wins);
	RUN(comments_blanks_escapes_and_spaces);
	RUN(nested_rules_apply_below_their_directory);
	RUN(gitignore_files_are_read_from_disk);
	return CHECK_EXIT();
}
