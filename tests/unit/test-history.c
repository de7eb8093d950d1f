/* test-history: the prompt history file: multi-line entries, the limit,
 * a torn last line, duplicates, search. */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/paths.h"
#include "base/xmalloc.h"
#include "check.h"
#include "history.h"

static char *dir;

/* A fresh history file path under the test's directory. */
static char *fresh_path(const char *name)
{
	char *path = xasprintf("%s/%s/history", dir, name);
	unlink(path);
	return path;
}

static void round_trip_multi_line(void)
{
	char *path = fresh_path("a"), *err = NULL;
	struct history h;
	const char *tricky = "line one\nline \"two\"\t\\ and \xE4\xB8\xAD\n\n";

	CHECK(history_load(&h, path, 10, &err) == 0 && h.n == 0); /* no file yet */
	CHECK(history_add(&h, "first", &err) == 0);
	CHECK(history_add(&h, tricky, &err) == 0);
	history_free(&h);
	CHECK(history_load(&h, path, 10, &err) == 0);
	CHECK(h.n == 2);
	CHECK_STR(history_get(&h, 0), "first");
	CHECK_STR(history_get(&h, 1), tricky);
	CHECK(history_get(&h, 2) == NULL);
	/* One line per entry in the file. */
	size_t len;
	char *data = paths_read_file(path, &len);
	int lines = 0;
	for (size_t i = 0; data && i < len; i++)
		lines += data[i] == '\n';
	CHECK(lines == 2);
	free(data);
	history_free(&h);
	free(path);
}

static void duplicates_of_the_last_are_not_stored(void)
{
	char *path = fresh_path("b"), *err = NULL;
	struct history h;

	history_load(&h, path, 10, &err);
	history_add(&h, "same", &err);
	history_add(&h, "same", &err);
	history_add(&h, "other", &err);
	history_add(&h, "same", &err);
	history_add(&h, "", &err);
	CHECK(h.n == 3);
	history_free(&h);
	history_load(&h, path, 10, &err);
	CHECK(h.n == 3);
	CHECK_STR(history_get(&h, 2), "same");
	history_free(&h);
	free(path);
}

static void limit_keeps_the_newest(void)
{
	char *path = fresh_path("c"), *err = NULL;
	struct history h;

	history_load(&h, path, 3, &err);
	for (int i = 0; i < 10; i++) {
		char *entry = xasprintf("prompt %d", i);
		CHECK(history_add(&h, entry, &err) == 0);
		free(entry);
	}
	CHECK(h.n == 3);
	CHECK_STR(history_get(&h, 0), "prompt 7");
	CHECK(h.in_file < 6); /* compacted when it reached twice the limit */
	history_free(&h);
	history_load(&h, path, 3, &err);
	CHECK(h.n == 3);
	CHECK_STR(history_get(&h, 0), "prompt 7");
	CHECK_STR(history_get(&h, 2), "prompt 9");
	history_free(&h);
	/* history_size 0: nothing kept, nothing written. */
	char *none = fresh_path("d");
	history_load(&h, none, 0, &err);
	CHECK(history_add(&h, "x", &err) == 0 && h.n == 0);
	CHECK(access(none, F_OK) != 0);
	history_free(&h);
	free(none);
	free(path);
}

/* Two sessions side by side: when one compacts, what the other appended
 * meanwhile stays in the file. */
static void compaction_keeps_other_sessions(void)
{
	char *path = fresh_path("s"), *err = NULL;
	struct history a, b;

	history_load(&a, path, 3, &err);
	history_load(&b, path, 3, &err);
	for (int i = 1; i <= 5; i++) {
		char *entry = xasprintf("a%d", i);
		CHECK(history_add(&a, entry, &err) == 0);
		free(entry);
	}
	CHECK(history_add(&b, "b1", &err) == 0);
	CHECK(history_add(&a, "a6", &err) == 0); /* a's sixth line: it compacts */
	CHECK(a.n == 3);
	CHECK_STR(history_get(&a, 1), "b1"); /* a now holds what the file holds */
	history_free(&a);
	history_load(&a, path, 3, &err);
	CHECK(a.n == 3);
	CHECK(a.in_file == 3); /* compacted */
	CHECK_STR(history_get(&a, 0), "a5");
	CHECK_STR(history_get(&a, 1), "b1"); /* b's prompt is not lost */
	CHECK_STR(history_get(&a, 2), "a6");
	history_free(&a);
	history_free(&b);
	free(path);
}

static void torn_last_line_is_skipped(void)
{
	char *path = fresh_path("e"), *err = NULL;
	struct history h;
	char *subdir = paths_dirname(path);

	paths_mkdir_p(subdir, &err);
	free(subdir);
	/* A crash cut the second write short. */
	paths_write_text(path, "{\"text\":\"whole\"}\n{\"text\":\"cut sh", O_CREAT | O_TRUNC);
	CHECK(history_load(&h, path, 10, &err) == 0);
	CHECK(h.n == 1);
	CHECK_STR(history_get(&h, 0), "whole");
	/* The next entry starts on a line of its own. */
	CHECK(history_add(&h, "after", &err) == 0);
	history_free(&h);
	history_load(&h, path, 10, &err);
	CHECK(h.n == 2);
	CHECK_STR(history_get(&h, 1), "after");
	history_free(&h);
	free(path);
}

static void search_goes_backwards(void)
{
	char *path = fresh_path("f"), *err = NULL;
	struct history h;

	history_load(&h, path, 10, &err);
	history_add(&h, "make a cat", &err);
	history_add(&h, "make a dog", &err);
	history_add(&h, "write tests", &err);
	CHECK(history_search(&h, "make", (long)h.n) == 1);
	CHECK(history_search(&h, "make", 1) == 0);
	CHECK(history_search(&h, "make", 0) == -1);
	CHECK(history_search(&h, "zebra", (long)h.n) == -1);
	CHECK(history_search(&h, "", (long)h.n) == 2);
	history_free(&h);
	free(path);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	char *tmpl = xasprintf("%s/test-history.XXXXXX", tmp && tmp[0] ? tmp : "/tmp");

	dir = mkdtemp(tmpl);
	if (dir == NULL)
		return 1;
	RUN(round_trip_multi_line);
	RUN(duplicates_of_the_last_are_not_stored);
	RUN(limit_keeps_the_newest);
	RUN(compaction_keeps_other_sessions);
	RUN(torn_last_line_is_skipped);
	RUN(search_goes_backwards);
	paths_remove_tree(dir);
	free(tmpl);
	return CHECK_EXIT();
}
