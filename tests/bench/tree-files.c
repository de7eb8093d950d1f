/* tree-files: the file tree on a 100,000-file workspace, as the TUI's
 * tree pane uses it (ui/tree-model.c, ui/tree-walk.c, ui/ignore.c).
 *
 * Usage: tree-files   (works in a fresh directory under $TMPDIR, or /tmp)
 *
 * Creates 100,000 files: 300 directories (20 top-level ones with 15
 * subdirectories each) of 300 files, and one directory "big" of 10,000,
 * with a .gitignore ignoring "*.o" and "tmp/" (one file in twenty is a .o
 * file, so ignores are matched on every entry). Then prints:
 *   - the time to read the tree's root listing;
 *   - the time to expand "big" (10,000 entries read, sorted and inserted);
 *   - the time to walk every file for the "/" filter, in the slices the UI
 *     runs (8 ms budget each): the number of slices and the longest one
 *     (what a frame can be delayed by), then the time to match a query
 *     against all of them;
 *   - VmRSS after each step.
 * Figures, not asserts; the directory is removed at the end. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tree-model.h"
#include "tree-walk.h"

#define TOP_DIRS 20
#define SUB_DIRS 15
#define FILES_PER_DIR 300
#define BIG_FILES 10000
#define STEP_MS 8

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* VmRSS in KB, from /proc/self/status. */
static long rss_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;

	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "VmRSS: %ld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

static void touch(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0) {
		fprintf(stderr, "tree-files: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	close(fd);
}

static void make_dir(const char *path)
{
	if (mkdir(path, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "tree-files: %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

/* count files named like source files in dir, one in twenty a ".o". */
static void fill(const char *dir, int count)
{
	char path[4096];

	make_dir(dir);
	for (int i = 0; i < count; i++) {
		snprintf(path, sizeof path, "%s/file%05d.%s", dir, i, i % 20 == 0 ? "o" : "c");
		touch(path);
	}
}

static long make_workspace(const char *root)
{
	char path[4096];
	long files = 0;

	snprintf(path, sizeof path, "%s/.gitignore", root);
	FILE *f = fopen(path, "w");
	if (f) {
		fputs("*.o\ntmp/\n", f);
		fclose(f);
	}
	for (int t = 0; t < TOP_DIRS; t++) {
		snprintf(path, sizeof path, "%s/dir%02d", root, t);
		make_dir(path);
		for (int s = 0; s < SUB_DIRS; s++) {
			snprintf(path, sizeof path, "%s/dir%02d/sub%02d", root, t, s);
			fill(path, FILES_PER_DIR);
			files += FILES_PER_DIR;
		}
	}
	snprintf(path, sizeof path, "%s/big", root);
	fill(path, BIG_FILES);
	return files + BIG_FILES;
}

int main(void)
{
	char tmpl[4096];

	snprintf(tmpl, sizeof tmpl, "%s/tree-files-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	const char *root = mkdtemp(tmpl);
	if (root == NULL) {
		perror("tree-files: mkdtemp");
		return 1;
	}
	printf("tree: RSS at start %ld KB\n", rss_kb());
	double t0 = now_ms();
	long files = make_workspace(root);
	printf("tree: created %ld files in %d directories in %.0f ms\n", files,
	       TOP_DIRS * (SUB_DIRS + 1) + 1, now_ms() - t0);

	struct tree_model m;
	t0 = now_ms();
	tree_model_init(&m, root);
	printf("tree: root listing (%zu rows): %.2f ms, RSS %ld KB\n", m.count, now_ms() - t0, rss_kb());

	size_t big = tree_model_find(&m, "big");
	t0 = now_ms();
	tree_model_expand(&m, big);
	printf("tree: expand big/ (%zu rows now): %.2f ms, RSS %ld KB\n", m.count, now_ms() - t0,
	       rss_kb());

	struct tree_walk w;
	double longest = 0, start = now_ms();
	int steps = 0;
	tree_walk_init(&w, root, &m.ig);
	for (int done = 0; !done; steps++) {
		t0 = now_ms();
		done = tree_walk_step(&w, STEP_MS);
		if (now_ms() - t0 > longest)
			longest = now_ms() - t0;
	}
	printf("tree: filter walk of %zu files (the .o ones ignored): %.1f ms in %d slices, longest "
	       "slice %.1f ms, RSS %ld KB\n", w.count, now_ms() - start, steps, longest, rss_kb());

	size_t hits = 0;
	t0 = now_ms();
	for (size_t i = 0; i < w.count; i++)
		hits += tree_walk_matches(tree_walk_path(&w, i), "file0042");
	printf("tree: filter \"file0042\" over %zu files: %zu hits in %.2f ms, RSS %ld KB\n\n", w.count,
	       hits, now_ms() - t0, rss_kb());

	tree_walk_free(&w);
	tree_model_free(&m);
	char rm[4200];
	snprintf(rm, sizeof rm, "rm -rf '%s'", root);
	if (system(rm) != 0)
		fprintf(stderr, "tree-files: could not remove %s\n", root);
	return 0;
}
