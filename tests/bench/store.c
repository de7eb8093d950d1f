/* store: how fast the project store writes its journal and opens a
 * project.
 *
 * Usage: store [DIR]   (default: a fresh directory under $TMPDIR)
 *
 * Prints:
 *   - journal appends per second without fsync and with fsync (each
 *     event one write(2); with fsync, one fdatasync each);
 *   - the time to record a version of 20 files (2 of them changed);
 *   - the time to open a project holding 10,000 journal events and 100
 *     versions (journal parsed, project.json and the latest version
 *     read), median of OPENS opens.
 * The workspace has a .git of its own, so no git commit is timed: these
 * are the store's figures. Figures, not asserts; the directory is removed
 * at the end. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/paths.h"
#include "base/xmalloc.h"
#include "store/store.h"

#define OPENS 9
#define EVENTS 10000
#define VERSIONS 100
#define FILES 20

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void die(const char *what, char *err)
{
	fprintf(stderr, "store bench: %s: %s\n", what, err ? err : "failed");
	exit(1);
}

static struct store *make(const char *data, const char *name, const char *ws)
{
	struct store *s;
	char *err = NULL;

	if (store_create(data, name, ws, NULL, &s, &err) < 0)
		die("create", err);
	return s;
}

static cJSON *fields(int i)
{
	cJSON *f = cJSON_CreateObject();

	cJSON_AddStringToObject(f, "text", "a token or two of streamed model output");
	cJSON_AddNumberToObject(f, "i", i);
	return f;
}

static void bench_append(const char *data, const char *ws, int sync, int n)
{
	struct store *s = make(data, sync ? "append-sync" : "append", ws);
	char *err = NULL;
	double start = now_ms();

	for (int i = 0; i < n; i++)
		if (store_append(s, "token", fields(i), sync, &err) < 0)
			die("append", err);
	double ms = now_ms() - start;
	printf("%-44s %9.0f events/s (%d events in %.1f ms)\n",
	       sync ? "store journal append, fsync each:" : "store journal append, no fsync:",
	       n / (ms / 1e3), n, ms);
	store_close(s);
}

static void write_files(const char *ws, int version)
{
	for (int f = 0; f < FILES; f++) {
		char *path = xasprintf("%s/src/file%02d.c", ws, f);
		/* Two files change per version, the others stay. */
		char *text = xasprintf("/* file %d */\nint f%d(void) { return %d; }\n", f, f,
				       f < 2 ? version : 0);
		if (paths_write_text(path, text, O_CREAT | O_TRUNC) < 0)
			die("write", path);
		free(path);
		free(text);
	}
}

/* VERSIONS versions and EVENTS events in all; returns the commit time. */
static double build_big(const char *data, const char *ws)
{
	struct store *s = make(data, "big", ws);
	char *paths[FILES], *err = NULL;
	double commit_ms = 0;
	int events = 1;

	for (int f = 0; f < FILES; f++)
		paths[f] = xasprintf("src/file%02d.c", f);
	for (int v = 1; v <= VERSIONS; v++) {
		write_files(ws, v);
		double start = now_ms();
		if (store_commit(s, v, "iteration", paths, FILES, NULL, 0, NULL, &err) < 0)
			die("commit", err);
		commit_ms += now_ms() - start;
		events++;
		for (int k = 0; k < (EVENTS - 1 - VERSIONS) / VERSIONS; k++, events++)
			if (store_append(s, "token", fields(k), 0, &err) < 0)
				die("append", err);
	}
	while (events++ < EVENTS)
		if (store_append(s, "token", fields(0), 0, &err) < 0)
			die("append", err);
	for (int f = 0; f < FILES; f++)
		free(paths[f]);
	store_close(s);
	return commit_ms / VERSIONS;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void bench_open(const char *data)
{
	double t[OPENS];
	const struct store_event *ev;
	size_t n = 0;

	for (int i = 0; i < OPENS; i++) {
		struct store *s;
		char *err = NULL, *warn = NULL;
		double start = now_ms();
		if (store_open(data, "big", &s, &warn, &err) < 0)
			die("open", err);
		t[i] = now_ms() - start;
		n = store_events(s, &ev);
		free(warn);
		store_close(s);
	}
	qsort(t, OPENS, sizeof *t, cmp_double);
	char label[64];
	snprintf(label, sizeof label, "store open, %zu events, %d versions:", n, VERSIONS);
	printf("%-44s %9.2f ms median (min %.2f, max %.2f; %d opens)\n", label, t[OPENS / 2],
	       t[0], t[OPENS - 1], OPENS);
}

int main(int argc, char **argv)
{
	const char *tmp = getenv("TMPDIR");
	char *root = argc > 1 ? xstrdup(argv[1])
			      : xasprintf("%s/store-bench-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	char *err = NULL;

	if (argc <= 1 && mkdtemp(root) == NULL)
		die("mkdtemp", root);
	char *data = xasprintf("%s/data", root), *ws = xasprintf("%s/ws", root);
	char *src = xasprintf("%s/src", ws), *dotgit = xasprintf("%s/.git", ws);
	if (paths_mkdir_p(src, &err) < 0 || paths_mkdir_p(dotgit, &err) < 0)
		die("mkdir", err);

	bench_append(data, ws, 0, 50000);
	bench_append(data, ws, 1, 500);
	double commit_ms = build_big(data, ws);
	char label[64];
	snprintf(label, sizeof label, "store commit, %d files, 2 changed:", FILES);
	printf("%-44s %9.2f ms per version (mean of %d)\n", label, commit_ms, VERSIONS);
	bench_open(data);

	paths_remove_tree(root);
	free(root);
	free(data);
	free(ws);
	free(src);
	free(dotgit);
	return 0;
}
