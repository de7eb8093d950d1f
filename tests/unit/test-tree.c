/* test-tree: the file tree's model and walk on a real directory: order,
 * ignores, lazy expansion, marks (deleted files listed), the per-directory
 * cap, a reload keeping what is expanded, the filter's walk. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "tree-model.h"
#include "tree-walk.h"

static char root[] = "/tmp/test-tree-XXXXXX";

static void put(const char *rel, const char *text)
{
	char path[512];

	snprintf(path, sizeof path, "%s/%s", root, rel);
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void dir(const char *rel)
{
	char path[512];

	snprintf(path, sizeof path, "%s/%s", root, rel);
	mkdir(path, 0755);
}

/* The rows as "name" lines, indented by depth, "/" after directories. */
static void rows(const struct tree_model *m, char *out, size_t size)
{
	out[0] = '\0';
	for (size_t i = 0; i < m->count; i++) {
		size_t used = strlen(out);
		const struct tree_node *n = &m->n[i];
		if (n->kind == TN_MORE)
			snprintf(out + used, size - used, "%*s+%zu ", 2 * n->depth, "", n->more);
		else
			snprintf(out + used, size - used, "%*s%s%s%s ", 2 * n->depth, "", n->name,
				 n->kind == TN_DIR ? "/" : "", n->gone ? "(gone)" : "");
	}
}

static void setup(void)
{
	if (mkdtemp(root) == NULL)
		abort();
	dir(".git");
	dir("src");
	dir("src/lib");
	dir("build");
	dir("Docs");
	put(".gitignore", "build/\n*.log\n");
	put(".git/HEAD", "x");
	put("b.txt", "b");
	put("A.md", "a");
	put("x.log", "l");
	put("src/main.c", "m");
	put("src/lib/util.c", "u");
	put("src/lib/.gitignore", "gen.c\n");
	put("src/lib/gen.c", "g");
}

static void root_lists_directories_first_without_ignored(void)
{
	struct tree_model m;
	char got[1024];

	tree_model_init(&m, root);
	rows(&m, got, sizeof got);
	CHECK_STR(got, "Docs/ src/ .gitignore A.md b.txt ");
	tree_model_free(&m);
}

static void expansion_is_lazy_and_nested_ignores_apply(void)
{
	struct tree_model m;
	char got[1024];

	tree_model_init(&m, root);
	tree_model_expand(&m, tree_model_find(&m, "src"));
	tree_model_expand(&m, tree_model_find(&m, "src/lib"));
	rows(&m, got, sizeof got);
	CHECK_STR(got, "Docs/ src/   lib/     .gitignore     util.c   main.c .gitignore A.md b.txt ");
	CHECK(tree_model_parent(&m, tree_model_find(&m, "src/lib/util.c")) == tree_model_find(&m, "src/lib"));
	tree_model_collapse(&m, tree_model_find(&m, "src"));
	rows(&m, got, sizeof got);
	CHECK_STR(got, "Docs/ src/ .gitignore A.md b.txt ");
	tree_model_free(&m);
}

static void marks_show_on_files_and_directories_and_deleted_files_list(void)
{
	struct tree_model m;
	char got[1024];
	const struct tree_mark marks[] = {
		{ "src/main.c", 'M' }, { "src/lib/util.c", 'A' }, { "old/gone.c", 'D' },
		{ "src/removed.c", 'D' }, { "b.txt", 'A' },
	};

	tree_model_init(&m, root);
	tree_model_set_marks(&m, marks, 5);
	tree_model_reload(&m);
	CHECK(tree_model_mark(&m, "src/main.c", 0) == 'M');
	CHECK(tree_model_mark(&m, "b.txt", 0) == 'A');
	CHECK(tree_model_mark(&m, "A.md", 0) == 0);
	CHECK(tree_model_mark(&m, "src", 1) == 'M'); /* mixed: M */
	CHECK(tree_model_mark(&m, "src/lib", 1) == 'A');
	CHECK(tree_model_mark(&m, "old", 1) == 'D');
	tree_model_expand(&m, tree_model_find(&m, "src"));
	tree_model_expand(&m, tree_model_find(&m, "old"));
	rows(&m, got, sizeof got);
	CHECK_STR(got, "Docs/ old/(gone)   gone.c(gone) src/   lib/   main.c   removed.c(gone) "
		       ".gitignore A.md b.txt ");
	tree_model_free(&m);
}

static void a_reload_keeps_expanded_directories_and_sees_new_files(void)
{
	struct tree_model m;
	char got[1024];

	tree_model_init(&m, root);
	tree_model_expand(&m, tree_model_find(&m, "src"));
	put("src/new.c", "n");
	tree_model_reload(&m);
	rows(&m, got, sizeof got);
	CHECK_STR(got, "Docs/ src/   lib/   main.c   new.c .gitignore A.md b.txt ");
	tree_model_free(&m);
	char path[512];
	snprintf(path, sizeof path, "%s/src/new.c", root);
	unlink(path);
}

static void a_big_directory_is_cut_with_a_count(void)
{
	struct tree_model m;

	tree_model_init(&m, root);
	m.max_entries = 2;
	tree_model_reload(&m);
	/* Which two are kept is the directory's order: only the count is sure. */
	CHECK(m.count == 3);
	CHECK(m.n[2].kind == TN_MORE && m.n[2].more == 3);
	tree_model_free(&m);
}

static void the_walk_finds_every_file_not_ignored(void)
{
	struct tree_model m;
	struct tree_walk w;
	char got[1024] = "";

	tree_model_init(&m, root);
	tree_walk_init(&w, root, &m.ig);
	while (!tree_walk_step(&w, 1))
		;
	for (size_t i = 0; i < w.count; i++)
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s ", tree_walk_path(&w, i));
	CHECK_STR(got, ".gitignore A.md b.txt src/main.c src/lib/.gitignore src/lib/util.c ");
	CHECK(tree_walk_matches("src/lib/util.c", "UTIL"));
	CHECK(!tree_walk_matches("src/lib/util.c", "lib")); /* the name only */
	CHECK(tree_walk_matches("src/lib/util.c", "lib/u")); /* a "/": the path */
	tree_walk_free(&w);
	tree_model_free(&m);
}

int main(void)
{
	setup();
	RUN(root_lists_directories_first_without_ignored);
	RUN(expansion_is_lazy_and_nested_ignores_apply);
	RUN(marks_show_on_files_and_directories_and_deleted_files_list);
	RUN(a_reload_keeps_expanded_directories_and_sees_new_files);
	RUN(a_big_directory_is_cut_with_a_count);
	RUN(the_walk_finds_every_file_not_ignored);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	if (system(cmd) != 0)
		return 1;
	return CHECK_EXIT();
}
