/* test-store: unit tests of the project store (src/store/): create and
 * open, the journal (torn and bad lines, migration), versions, diff,
 * restore, lifecycle, archive, export, delete, and git commits. Each test
 * works in its own directory under $TMPDIR, removed at the end. git and
 * tar must be installed (build-aux/deps.sh installs them): a missing one
 * is a failure, not a skip. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/paths.h"
#include "base/xmalloc.h"
#include "check.h"
#include "store/store.h"

static char *root; /* this test's directory */
static char *data; /* root/data */

static void setup(void)
{
	const char *tmp = getenv("TMPDIR");
	char *tpl = xasprintf("%s/test-store-XXXXXX", tmp && *tmp ? tmp : "/tmp");

	root = mkdtemp(tpl);
	data = xasprintf("%s/data", root);
}

static void teardown(void)
{
	paths_remove_tree(root);
	free(root);
	free(data);
}

static char *path_of(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *path_of(const char *fmt, ...)
{
	va_list ap;
	struct buf b = BUF_INIT;
	char *rel;

	va_start(ap, fmt);
	if (vasprintf(&rel, fmt, ap) < 0)
		abort();
	va_end(ap);
	buf_printf(&b, "%s/%s", root, rel);
	free(rel);
	return buf_steal(&b);
}

/* Writes text to root/rel, making directories. */
static void put(const char *rel, const char *text)
{
	char *p = path_of("%s", rel), *dir = paths_dirname(p), *e = NULL;

	if (paths_mkdir_p(dir, &e) < 0 || paths_write_text(p, text, O_CREAT | O_TRUNC) < 0)
		abort();
	free(e);
	free(dir);
	free(p);
}

static char *get(const char *rel)
{
	char *p = path_of("%s", rel), *t = paths_read_file(p, NULL);

	free(p);
	return t;
}

static void rm(const char *rel)
{
	char *p = path_of("%s", rel);

	unlink(p);
	free(p);
}

static int exists(const char *rel)
{
	char *p = path_of("%s", rel);
	struct stat st;
	int rc = lstat(p, &st) == 0;

	free(p);
	return rc;
}

/* stdout of a shell command run in root; caller frees. */
static char *sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *sh(const char *fmt, ...)
{
	va_list ap;
	char *cmd, *full, chunk[4096];
	struct buf out = BUF_INIT;
	size_t n;

	va_start(ap, fmt);
	if (vasprintf(&cmd, fmt, ap) < 0)
		abort();
	va_end(ap);
	full = xasprintf("cd '%s' && { %s; } 2>/dev/null", root, cmd);
	FILE *p = popen(full, "r");
	while (p && (n = fread(chunk, 1, sizeof chunk, p)) > 0)
		buf_append(&out, chunk, n);
	if (p)
		pclose(p);
	free(cmd);
	free(full);
	return buf_steal(&out);
}

static void check_sh(const char *want, const char *cmd)
{
	char *got = sh("%s", cmd);

	CHECK_STR(got, want);
	free(got);
}

/* Commits; returns the version number or -1. */
static int commit(struct store *s, const char *msg, const char *w0, const char *w1,
		  const char *d0)
{
	char *w[2] = { (char *)w0, (char *)w1 }, *d[1] = { (char *)d0 }, *err = NULL;
	int n = -1;

	if (store_commit(s, 0, msg, w, w1 ? 2 : w0 ? 1 : 0, d, d0 ? 1 : 0, &n, &err) < 0) {
		printf("  commit: %s\n", err);
		free(err);
		return -1;
	}
	return n;
}

static struct store *create(const char *name, const char *ws, const char *scaffold)
{
	struct store *s = NULL;
	char *err = NULL, *w = ws ? path_of("%s", ws) : NULL;
	char *sc = scaffold ? path_of("%s", scaffold) : NULL;

	if (store_create(data, name, w, sc, &s, &err) < 0) {
		printf("  create: %s\n", err);
		free(err);
	}
	free(w);
	free(sc);
	return s;
}

static struct store *open_p(const char *name, char **warning)
{
	struct store *s = NULL;
	char *err = NULL, *w = NULL;

	if (store_open(data, name, &s, warning ? warning : &w, &err) < 0) {
		printf("  open: %s\n", err);
		free(err);
	}
	free(w);
	return s;
}

static void check_list(char **got, size_t n, const char *want)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? "," : "", got[i]);
	CHECK_STR(b.len ? b.data : "", want);
	buf_free(&b);
}

static void test_names(void)
{
	char *err = NULL;

	CHECK(store_check_name("web-app_2.0", &err) == 0);
	CHECK(store_check_name(".hidden", &err) < 0);
	CHECK_STR(err, "project name '.hidden' starts with '.'; start it with a letter or digit");
	free(err);
	CHECK(store_check_name("a/b", &err) < 0);
	CHECK_STR(err, "project name has '/' at position 2; use only letters, digits, '.', '_' "
		       "and '-'");
	free(err);
	CHECK(store_check_name("", &err) < 0);
	free(err);
}


/* "a,b,c" from a version's file paths. */
static void check_files(const struct store_version *v, const char *want)
{
	char **paths = xcalloc(v->nfiles + 1, sizeof *paths);

	for (size_t i = 0; i < v->nfiles; i++)
		paths[i] = v->files[i].path;
	check_list(paths, v->nfiles, want);
	free(paths);
}

static void check_version(struct store *s, int number, const char *files, const char *added,
			  const char *modified, const char *deleted)
{
	struct store_version v;
	char *err = NULL;

	if (store_version_load(s, number, &v, &err) < 0) {
		printf("  version %d: %s\n", number, err);
		free(err);
		CHECK(0);
		return;
	}
	CHECK(v.number == number);
	check_files(&v, files);
	check_list(v.added, v.nadded, added);
	check_list(v.modified, v.nmodified, modified);
	check_list(v.deleted, v.ndeleted, deleted);
	store_version_free(&v);
}

static char *journal_path(const char *name)
{
	return xasprintf("%s/projects/%s/journal.jsonl", data, name);
}

static void journal_add_raw(const char *name, const char *text)
{
	char *p = journal_path(name);

	if (paths_write_text(p, text, O_APPEND) < 0)
		abort();
	free(p);
}

static long long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

static int append(struct store *s, const char *type, const char *key, const char *value)
{
	cJSON *f = NULL;
	char *err = NULL;

	if (key) {
		f = cJSON_CreateObject();
		cJSON_AddStringToObject(f, key, value);
	}
	int rc = store_append(s, type, f, 0, &err);
	if (rc < 0)
		printf("  append: %s\n", err);
	free(err);
	return rc;
}

static void check_types(struct store *s, const char *want)
{
	const struct store_event *ev;
	size_t n = store_events(s, &ev);
	char **types = xcalloc(n + 1, sizeof *types);

	for (size_t i = 0; i < n; i++) {
		types[i] = (char *)ev[i].type;
		CHECK(ev[i].seq == (long)i + 1);
	}
	check_list(types, n, want);
	free(types);
}

static void test_create_open(void)
{
	setup();
	struct store *s = create("demo", NULL, NULL), *s2 = NULL;
	char *ws = path_of("data/projects/demo/workspace"), *dir = path_of("data/projects/demo");
	char *err = NULL, *warn = NULL, *want;

	CHECK(s != NULL);
	if (s == NULL)
		goto out;
	const struct store_project *p = store_project(s);
	CHECK_STR(p->name, "demo");
	CHECK_STR(p->workspace, ws);
	CHECK_STR(store_dir(s), dir);
	CHECK(p->state == STORE_ACTIVE && p->latest == 0 && p->git == 1);
	CHECK_STR(p->description, "");
	CHECK(exists("data/projects/demo/project.json"));
	long long created = p->created_ms;
	/* In use: a second open is refused. */
	CHECK(store_open(data, "demo", &s2, &warn, &err) < 0);
	CHECK(err && strstr(err, "project 'demo' is open in another faos-codex") == err);
	free(err);
	store_close(s);
	char *last = store_last(data);
	CHECK_STR(last, "demo");
	free(last);

	s = open_p("demo", &warn);
	CHECK(s != NULL && warn == NULL);
	if (s == NULL)
		goto out;
	p = store_project(s);
	CHECK_STR(p->name, "demo");
	CHECK_STR(p->workspace, ws);
	CHECK(p->created_ms == created && p->git == 1 && p->latest == 0);
	check_types(s, "create");
	store_close(s);

	CHECK(store_create(data, "demo", NULL, NULL, &s2, &err) < 0 && s2 == NULL);
	want = xasprintf("project 'demo' already exists (%s/projects/demo); choose another name "
			 "or 'faos-codex project delete demo'", data);
	CHECK_STR(err, want);
	free(want);
	free(err);
	CHECK(store_open(data, "nope", &s2, &warn, &err) < 0);
	want = xasprintf("no project 'nope' (%s/projects/nope); 'faos-codex project list' shows "
			 "the projects", data);
	CHECK_STR(err, want);
	free(want);
	free(err);
	CHECK(store_create(data, "w", "/nonexistent/dir", NULL, &s2, &err) < 0);
	CHECK_STR(err, "workspace /nonexistent/dir is not a directory; create it first, or leave "
		       "it out to use the project's own");
	free(err);
	CHECK(!exists("data/projects/w"));
out:
	free(ws);
	free(dir);
	teardown();
}

static void test_journal(void)
{
	setup();
	struct store *s = create("j", NULL, NULL);
	const struct store_event *ev;
	char *err = NULL;

	if (s == NULL) {
		CHECK(0);
		teardown();
		return;
	}
	cJSON *f = cJSON_CreateObject();
	cJSON_AddStringToObject(f, "text", "make a web app");
	cJSON_AddNumberToObject(f, "seq", 99); /* reserved: the store's own wins */
	CHECK(store_append(s, "prompt", f, 1, &err) == 0);
	CHECK(append(s, "state", "to", "GENERATING") == 0);
	CHECK(append(s, "note", NULL, NULL) == 0);
	check_types(s, "create,prompt,state,note");
	CHECK_STR(store_project(s)->description, "make a web app");
	CHECK_STR(store_project(s)->loop_state, "GENERATING");
	/* The store's own events cannot be faked. */
	f = cJSON_CreateObject();
	cJSON_AddNumberToObject(f, "number", 7);
	CHECK(store_append(s, "version", f, 0, &err) < 0);
	CHECK_STR(err, "event type 'version' is reserved by the store; use another type");
	free(err);
	CHECK(store_project(s)->latest == 0);
	store_close(s);

	char *text = get("data/projects/j/journal.jsonl");
	CHECK(text && strstr(text, "\n{\"v\":1,\"seq\":2,\"t\":") != NULL);
	CHECK(text && strstr(text, "\"type\":\"prompt\",\"text\":\"make a web app\"}\n") != NULL);
	free(text);

	s = open_p("j", NULL);
	if (s == NULL) {
		CHECK(0);
		teardown();
		return;
	}
	check_types(s, "create,prompt,state,note");
	size_t n = store_events(s, &ev);
	CHECK(n == 4);
	CHECK_STR(cJSON_GetObjectItem(ev[1].json, "text")->valuestring, "make a web app");
	CHECK(cJSON_GetObjectItem(ev[1].json, "v")->valueint == STORE_SCHEMA);
	CHECK(ev[1].t_ms > 1600000000000LL);
	CHECK_STR(store_project(s)->description, "make a web app");
	CHECK_STR(store_project(s)->loop_state, "GENERATING");
	CHECK(append(s, "after", NULL, NULL) == 0);
	n = store_events(s, &ev);
	CHECK(n == 5 && ev[4].seq == 5);
	store_close(s);
	teardown();
}

static void test_torn_last_line(void)
{
	setup();
	struct store *s = create("t", NULL, NULL);
	char *jp = journal_path("t"), *warn = NULL;
	const char *frag = "{\"v\":1,\"seq\":3,\"t\":17,\"ty";

	CHECK(s && append(s, "note", NULL, NULL) == 0);
	store_close(s);
	long long before = file_size(jp);
	journal_add_raw("t", frag);
	s = open_p("t", &warn);
	char *want = xasprintf("journal.jsonl: torn last line (%zu bytes) ignored", strlen(frag));
	CHECK_STR(warn, want);
	free(want);
	free(warn);
	warn = NULL;
	CHECK(file_size(jp) == before);
	CHECK(s && append(s, "after", NULL, NULL) == 0);
	if (s)
		check_types(s, "create,note,after");
	store_close(s);

	/* The next line landed on a clean line of its own. */
	char *text = get("data/projects/t/journal.jsonl");
	CHECK(text && strstr(text, "\"ty{") == NULL);
	CHECK(text && strstr(text, "\n{\"v\":1,\"seq\":3,") != NULL);
	CHECK(text && text[strlen(text) - 1] == '\n');
	free(text);
	s = open_p("t", &warn);
	CHECK(s && warn == NULL);
	if (s)
		check_types(s, "create,note,after");
	store_close(s);

	/* A whole last line that is not JSON is torn too. */
	long long whole = file_size(jp);
	journal_add_raw("t", "garbage\n");
	s = open_p("t", &warn);
	CHECK_STR(warn, "journal.jsonl: torn last line (8 bytes) ignored");
	free(warn);
	CHECK(file_size(jp) == whole);
	if (s)
		check_types(s, "create,note,after");
	store_close(s);
	free(jp);
	teardown();
}

static void test_corrupt_middle_line(void)
{
	setup();
	struct store *s = create("m", NULL, NULL);
	char *jp = journal_path("m"), *warn = NULL;

	CHECK(s && append(s, "a", NULL, NULL) == 0 && append(s, "b", NULL, NULL) == 0);
	store_close(s);
	/* Insert a bad line after the first one. */
	char *text = get("data/projects/m/journal.jsonl");
	char *nl = strchr(text, '\n');
	struct buf b = BUF_INIT;
	buf_append(&b, text, (size_t)(nl - text) + 1);
	buf_append_str(&b, "this is not json\n");
	buf_append_str(&b, nl + 1);
	put("data/projects/m/journal.jsonl", b.data);
	long long size = file_size(jp);

	s = open_p("m", &warn);
	CHECK_STR(warn, "journal.jsonl: line 2 unreadable, skipped");
	free(warn);
	CHECK(file_size(jp) == size);
	if (s) {
		check_types(s, "create,a,b");
		CHECK(append(s, "c", NULL, NULL) == 0);
		check_types(s, "create,a,b,c");
	}
	store_close(s);
	char *after = get("data/projects/m/journal.jsonl");
	CHECK(after && strstr(after, "\nthis is not json\n") != NULL);
	free(after);
	buf_free(&b);
	free(text);
	free(jp);
	teardown();
}

static void test_v0_migration(void)
{
	setup();
	struct store *s = create("old", NULL, NULL), *s2 = NULL;
	const struct store_event *ev;
	char *err = NULL, *warn = NULL;

	store_close(s);
	/* Schema 0: no "v", no "seq", "time" instead of "t". */
	journal_add_raw("old", "{\"type\":\"note\",\"time\":1234,\"text\":\"from v0\"}\n");
	s = open_p("old", &warn);
	CHECK(s != NULL && warn == NULL);
	if (s == NULL) {
		teardown();
		return;
	}
	size_t n = store_events(s, &ev);
	CHECK(n == 2 && ev[1].seq == 2 && ev[1].t_ms == 1234);
	CHECK_STR(n == 2 ? ev[1].type : "", "note");
	CHECK(cJSON_GetObjectItem(ev[1].json, "v")->valueint == 1);
	CHECK(cJSON_GetObjectItem(ev[1].json, "time") == NULL);
	CHECK_STR(cJSON_GetObjectItem(ev[1].json, "text")->valuestring, "from v0");
	CHECK(append(s, "new", NULL, NULL) == 0);
	check_types(s, "create,note,new");
	store_close(s);
	char *text = get("data/projects/old/journal.jsonl");
	/* The file still holds the line as it was written. */
	CHECK(text && strstr(text, "\n{\"type\":\"note\",\"time\":1234,\"text\":\"from v0\"}\n"));
	free(text);

	journal_add_raw("old", "{\"v\":99,\"seq\":4,\"t\":1,\"type\":\"future\"}\n");
	CHECK(store_open(data, "old", &s2, &warn, &err) < 0);
	CHECK_STR(err, "journal.jsonl line 4 of project 'old' is from a newer faos-codex (schema "
		       "99, this one reads 1); upgrade faos-codex to open it");
	free(err);
	teardown();
}

static void test_commit_versions(void)
{
	setup();
	char *e = NULL, *wsp = path_of("ws");
	paths_mkdir_p(wsp, &e); /* empty: no version 0 */
	struct store *s = create("c", "ws", NULL);
	struct store_version v;
	char *err = NULL;

	if (s == NULL) {
		CHECK(0);
		goto out;
	}
	CHECK(store_version_load(s, 0, &v, &err) < 0);
	CHECK_STR(err, "project 'c' has no version yet");
	free(err);
	put("ws/a.txt", "one\n");
	put("ws/b.txt", "bee\n");
	CHECK(commit(s, "first", "a.txt", "b.txt", NULL) == 1);
	check_version(s, 1, "a.txt,b.txt", "a.txt,b.txt", "", "");
	put("ws/a.txt", "two\n");
	put("ws/c.txt", "sea\n");
	rm("ws/b.txt");
	CHECK(commit(s, "second", "a.txt", "c.txt", "b.txt") == 2);
	check_version(s, 2, "a.txt,c.txt", "c.txt", "a.txt", "b.txt");
	CHECK(commit(s, "same", "a.txt", NULL, NULL) == 3);
	check_version(s, 3, "a.txt,c.txt", "", "", "");
	CHECK(store_project(s)->latest == 3);

	/* Same content twice: one object. */
	char *before = sh("find data/projects/c/objects -type f | wc -l");
	put("ws/x.txt", "same\n");
	put("ws/y.txt", "same\n");
	CHECK(commit(s, "dup", "x.txt", "y.txt", NULL) == 4);
	char *after = sh("find data/projects/c/objects -type f | wc -l");
	CHECK(atoi(after) == atoi(before) + 1);
	free(before);
	free(after);

	CHECK(store_version_load(s, 1, &v, &err) == 0);
	size_t len;
	char *content = store_file_read(s, &v.files[0], &len, &err);
	CHECK_STR(content, "one\n");
	CHECK(len == 4 && v.files[0].size == 4 && v.files[0].mode == 0644);
	CHECK_STR(v.message, "first");
	free(content);
	store_version_free(&v);

	/* What is refused, and said so. */
	char *w[1] = { "missing.txt" }, *want;
	CHECK(store_commit(s, 0, "x", w, 1, NULL, 0, NULL, &err) < 0);
	want = xasprintf("'missing.txt' is not in the workspace (%s/missing.txt); write it first "
			 "or list it as deleted", wsp);
	CHECK_STR(err, want);
	free(want);
	free(err);
	char *link = path_of("ws/link");
	CHECK(symlink("a.txt", link) == 0);
	w[0] = "link";
	CHECK(store_commit(s, 0, "x", w, 1, NULL, 0, NULL, &err) < 0);
	CHECK(err && strstr(err, "'link' is a symlink") == err);
	free(err);
	free(link);
	w[0] = "../x";
	CHECK(store_commit(s, 0, "x", w, 1, NULL, 0, NULL, &err) < 0);
	CHECK(err && strstr(err, "cannot record '../x': not a relative path inside") == err);
	free(err);
	/* Through a symlink that leads out of the workspace. */
	put("outside/secret", "s\n");
	char *out_link = path_of("ws/out");
	CHECK(symlink("../outside", out_link) == 0);
	free(out_link);
	w[0] = "out/secret";
	CHECK(store_commit(s, 0, "x", w, 1, NULL, 0, NULL, &err) < 0);
	CHECK(err && (strstr(err, "'out/secret' leads out of the workspace") == err ||
		      strstr(err, "'out/secret' is a symlink") == err));
	free(err);
	put("ws/sub/f", "f");
	w[0] = "sub";
	CHECK(store_commit(s, 0, "x", w, 1, NULL, 0, NULL, &err) < 0);
	CHECK(err && strstr(err, "'sub' is not a regular file in the workspace") == err);
	free(err);
	CHECK(store_project(s)->latest == 4);
	store_close(s);
	s = open_p("c", NULL);
	CHECK(s && store_project(s)->latest == 4);
	if (s)
		check_version(s, 2, "a.txt,c.txt", "c.txt", "a.txt", "b.txt");
	store_close(s);
out:
	free(e);
	free(wsp);
	teardown();
}

static void mkdir_rel(const char *rel)
{
	char *p = path_of("%s", rel), *e = NULL;

	if (paths_mkdir_p(p, &e) < 0)
		abort();
	free(p);
}

static void test_version0(void)
{
	setup();
	put("ws/a.txt", "A\n");
	put("ws/sub/b.txt", "B\n");
	put("ws/.faos-codex/state", "ours\n");
	char *link = path_of("ws/link");
	CHECK(symlink("a.txt", link) == 0);
	free(link);
	struct store *s = create("v0", "ws", NULL);
	struct store_version v;
	char *err = NULL;

	CHECK(s != NULL);
	if (s == NULL) {
		teardown();
		return;
	}
	CHECK(store_project(s)->latest == 0 && store_project(s)->git);
	check_version(s, 0, "a.txt,sub/b.txt", "a.txt,sub/b.txt", "", "");
	CHECK(store_version_load(s, 0, &v, &err) == 0);
	CHECK_STR(v.message, "initial files");
	store_version_free(&v);
	check_sh("1\n", "git -C ws log --oneline | wc -l");
	check_sh("a.txt\nsub/b.txt\n", "git -C ws ls-files");
	CHECK(commit(s, "next", "a.txt", NULL, NULL) == 1);
	store_close(s);

	/* From a scaffold, into the project's own workspace. */
	put("scaf/main.c", "int main(void) { return 0; }\n");
	put("scaf/.git/HEAD", "not copied\n");
	s = create("sc", NULL, "scaf");
	CHECK(s != NULL);
	if (s) {
		check_version(s, 0, "main.c", "main.c", "", "");
		char *mc = get("data/projects/sc/workspace/main.c");
		CHECK_STR(mc, "int main(void) { return 0; }\n");
		free(mc);
		char *head = get("data/projects/sc/workspace/.git/HEAD");
		CHECK(head == NULL || strstr(head, "not copied") == NULL);
		free(head);
	}
	store_close(s);
	teardown();
}

static void test_diff(void)
{
	setup();
	mkdir_rel("ws");
	struct store *s = create("d", "ws", NULL);
	struct buf out = BUF_INIT;
	char *err = NULL;

	if (s == NULL) {
		CHECK(0);
		teardown();
		return;
	}
	put("ws/a.txt", "1\n2\n3\n");
	put("ws/b.txt", "gone\n");
	put("ws/same.txt", "same\n");
	CHECK(commit(s, "v1", "a.txt", "b.txt", NULL) == 1);
	CHECK(commit(s, "v2", "same.txt", NULL, NULL) == 2);
	put("ws/a.txt", "1\nTWO\n3\n");
	put("ws/c.txt", "new\n");
	rm("ws/b.txt");
	CHECK(commit(s, "v3", "a.txt", "c.txt", "b.txt") == 3);
	CHECK(store_diff(s, 2, 3, &out, &err) == 0);
	CHECK_STR(out.data, "--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n 1\n-2\n+TWO\n 3\n"
			    "--- a/b.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-gone\n"
			    "--- /dev/null\n+++ b/c.txt\n@@ -0,0 +1 @@\n+new\n");
	buf_reset(&out);
	CHECK(store_diff(s, 3, 3, &out, &err) == 0 && out.len == 0);
	CHECK(store_diff(s, 1, 9, &out, &err) < 0);
	CHECK_STR(err, "project 'd' has no version 9; its versions are 1 to 3");
	free(err);
	buf_free(&out);
	store_close(s);
	teardown();
}

static void test_restore(void)
{
	setup();
	mkdir_rel("ws");
	struct store *s = create("r", "ws", NULL);
	struct store_version v;
	char *err = NULL;
	int n = 0;

	if (s == NULL) {
		CHECK(0);
		teardown();
		return;
	}
	put("ws/a.txt", "1\n");
	put("ws/b.txt", "b\n");
	CHECK(commit(s, "v1", "a.txt", "b.txt", NULL) == 1);
	put("ws/a.txt", "2\n");
	put("ws/sub/c.txt", "c\n");
	rm("ws/b.txt");
	CHECK(commit(s, "v2", "a.txt", "sub/c.txt", "b.txt") == 2);
	put("ws/untracked.txt", "mine\n");

	CHECK(store_restore(s, 1, &n, &err) == 0 && n == 3);
	char *a = get("ws/a.txt"), *b = get("ws/b.txt"), *u = get("ws/untracked.txt");
	CHECK_STR(a, "1\n");
	CHECK_STR(b, "b\n");
	CHECK_STR(u, "mine\n");
	CHECK(!exists("ws/sub/c.txt"));
	free(a);
	free(b);
	free(u);
	check_version(s, 3, "a.txt,b.txt", "b.txt", "a.txt", "sub/c.txt");
	CHECK(store_version_load(s, 3, &v, &err) == 0);
	CHECK_STR(v.message, "restore version 1");
	store_version_free(&v);
	CHECK(store_project(s)->latest == 3);
	check_sh("3\n", "git -C ws log --oneline | wc -l");
	check_sh("a.txt\nb.txt\n", "git -C ws ls-files");
	store_close(s);
	teardown();
}

static void test_finalize(void)
{
	setup();
	mkdir_rel("ws");
	struct store *s = create("f", "ws", NULL);
	char *err = NULL;
	int n;

	if (s == NULL) {
		CHECK(0);
		teardown();
		return;
	}
	CHECK(store_finalize(s, &err) < 0);
	CHECK_STR(err, "project 'f' has no version to finalize; record one first");
	free(err);
	put("ws/a.txt", "a\n");
	CHECK(commit(s, "v1", "a.txt", NULL, NULL) == 1);
	CHECK(store_finalize(s, &err) == 0);
	CHECK(store_project(s)->state == STORE_FINALIZED && store_project(s)->final_version == 1);
	CHECK(store_commit(s, 0, "x", NULL, 0, NULL, 0, &n, &err) < 0);
	CHECK_STR(err, "project 'f' is finalized; 'faos-codex project reopen f' to change it");
	free(err);
	CHECK(store_restore(s, 1, &n, &err) < 0);
	CHECK_STR(err, "project 'f' is finalized; 'faos-codex project reopen f' to change it");
	free(err);
	CHECK(store_finalize(s, &err) < 0);
	CHECK_STR(err, "project 'f' is already finalized at version 1; 'faos-codex project "
		       "reopen f' to change it");
	free(err);
	check_sh("final-v1\n", "git -C ws tag");
	store_close(s);

	s = open_p("f", NULL);
	CHECK(s && store_project(s)->state == STORE_FINALIZED && store_project(s)->final_version == 1);
	char *pj = get("data/projects/f/project.json");
	CHECK(pj && strstr(pj, "\"state\":\t\"finalized\""));
	free(pj);
	if (s) {
		CHECK(store_reopen(s, &err) == 0);
		CHECK(store_project(s)->state == STORE_ACTIVE && store_project(s)->final_version == 0);
		CHECK(commit(s, "v2", "a.txt", NULL, NULL) == 2);
		CHECK(store_reopen(s, &err) < 0);
		CHECK_STR(err, "project 'f' is not finalized; there is nothing to reopen");
		free(err);
		check_types(s, "create,version,finalize,reopen,version");
	}
	store_close(s);
	teardown();
}

static void test_list_order(void)
{
	setup();
	struct store_project *p = NULL;
	size_t n = 0;
	char *err = NULL;
	struct store *a = create("a", NULL, NULL);

	put("data/projects/a/workspace/x", "x\n");
	CHECK(a && commit(a, "x", "x", NULL, NULL) == 1);
	usleep(5000);
	struct store *b = create("b", NULL, NULL);
	CHECK(b && append(b, "prompt", "text", "the b app") == 0);
	usleep(5000);
	struct store *c = create("c", NULL, NULL);
	usleep(5000);
	CHECK(a && commit(a, "again", "x", NULL, NULL) == 2);
	store_close(a);
	store_close(b);
	store_close(c);

	CHECK(store_list(data, 0, &p, &n, &err) == 0 && n == 3);
	if (n == 3) {
		CHECK_STR(p[0].name, "a");
		CHECK_STR(p[1].name, "c");
		CHECK_STR(p[2].name, "b");
		CHECK(p[0].latest == 2 && !p[0].archived && p[0].git);
		CHECK_STR(p[2].description, "the b app");
	}
	store_project_free_all(p, n);
	CHECK(store_archive(data, "b", &err) == 0);
	CHECK(store_list(data, 0, &p, &n, &err) == 0 && n == 2);
	store_project_free_all(p, n);
	CHECK(store_list(data, 1, &p, &n, &err) == 0 && n == 3);
	if (n == 3) {
		CHECK_STR(p[2].name, "b");
		CHECK(p[2].archived && !p[0].archived && !p[1].archived);
		CHECK_STR(p[2].description, "the b app");
	}
	store_project_free_all(p, n);
	teardown();
}

static void test_archive(void)
{
	setup();
	struct store *s = create("ar", NULL, NULL), *s2 = NULL;
	char *err = NULL, *warn = NULL, *want;

	put("data/projects/ar/workspace/f.txt", "kept\n");
	CHECK(s && commit(s, "v1", "f.txt", NULL, NULL) == 1);
	CHECK(store_archive(data, "ar", &err) < 0);
	CHECK(err && strstr(err, "project 'ar' is open in another faos-codex") == err);
	free(err);
	store_close(s);

	CHECK(store_archive(data, "ar", &err) == 0);
	CHECK(exists("data/archive/ar.tar.gz") && !exists("data/projects/ar"));
	CHECK(store_open(data, "ar", &s2, &warn, &err) < 0);
	want = xasprintf("project 'ar' is archived (%s/archive/ar.tar.gz); 'faos-codex project "
			 "unarchive ar' first", data);
	CHECK_STR(err, want);
	free(want);
	free(err);
	CHECK(store_create(data, "ar", NULL, NULL, &s2, &err) < 0);
	want = xasprintf("project 'ar' is archived (%s/archive/ar.tar.gz); choose another name or "
			 "'faos-codex project unarchive ar'", data);
	CHECK_STR(err, want);
	free(want);
	free(err);
	CHECK(store_archive(data, "ar", &err) < 0);
	free(err);
	char *last = store_last(data);
	CHECK(last == NULL); /* an archived project is not reopened at start */
	free(last);

	CHECK(store_unarchive(data, "ar", &err) == 0);
	CHECK(!exists("data/archive/ar.tar.gz") && exists("data/projects/ar/project.json"));
	CHECK(store_unarchive(data, "ar", &err) < 0);
	free(err);
	s = open_p("ar", &warn);
	CHECK(s && warn == NULL && store_project(s)->latest == 1);
	if (s) {
		struct store_version v;
		size_t len;
		CHECK(store_version_load(s, 1, &v, &err) == 0);
		char *t = v.nfiles ? store_file_read(s, &v.files[0], &len, &err) : NULL;
		CHECK_STR(t, "kept\n");
		free(t);
		store_version_free(&v);
		CHECK(commit(s, "v2", "f.txt", NULL, NULL) == 2);
	}
	char *f = get("data/projects/ar/workspace/f.txt");
	CHECK_STR(f, "kept\n");
	free(f);
	store_close(s);
	teardown();
}

static void test_export(void)
{
	setup();
	mkdir_rel("ws");
	struct store *s = create("ex", "ws", NULL);
	char *err = NULL, *dest = path_of("out"), *tgz = path_of("ex.tar.gz"), *want;
	struct stat st;

	if (s == NULL) {
		CHECK(0);
		goto out;
	}
	put("ws/a.txt", "v1\n");
	put("ws/sub/b.sh", "#!/bin/sh\n");
	char *bsh = path_of("ws/sub/b.sh");
	chmod(bsh, 0755);
	free(bsh);
	CHECK(commit(s, "v1", "a.txt", "sub/b.sh", NULL) == 1);
	put("ws/a.txt", "v2\n");
	CHECK(commit(s, "v2", "a.txt", NULL, NULL) == 2);

	CHECK(store_export(s, 1, dest, &err) == 0);
	char *a = get("out/a.txt");
	CHECK_STR(a, "v1\n");
	free(a);
	char *ob = path_of("out/sub/b.sh");
	CHECK(stat(ob, &st) == 0 && (st.st_mode & 0777) == 0755);
	free(ob);
	CHECK(store_export(s, 1, dest, &err) < 0);
	want = xasprintf("%s exists; export to a new directory", dest);
	CHECK_STR(err, want);
	free(want);
	free(err);

	CHECK(store_export(s, 2, tgz, &err) == 0);
	check_sh("ex-v2/\nex-v2/a.txt\nex-v2/sub/\nex-v2/sub/b.sh\n", "tar tzf ex.tar.gz | sort");
	check_sh("v2\n", "tar xzOf ex.tar.gz ex-v2/a.txt");
	CHECK(store_export(s, 2, tgz, &err) < 0);
	free(err);
	char *tgz2 = path_of("old.tgz");
	CHECK(store_export(s, 1, tgz2, &err) == 0);
	check_sh("v1\n", "tar xzOf old.tgz ex-v1/a.txt");
	free(tgz2);
	CHECK(store_export(s, 7, dest, &err) < 0);
	CHECK_STR(err, "project 'ex' has no version 7; its versions are 1 to 2");
	free(err);
	check_sh("0\n", "ls -A data/projects/ex | grep -c export");
	store_close(s);
out:
	free(dest);
	free(tgz);
	teardown();
}

static void test_delete(void)
{
	setup();
	put("ext/keep.txt", "mine\n");
	struct store *s = create("del", "ext", NULL);
	char *err = NULL, *want;

	CHECK(s != NULL && store_project(s)->latest == 0);
	store_close(s);
	CHECK(store_delete(data, "del", &err) == 0);
	CHECK(!exists("data/projects/del"));
	char *k = get("ext/keep.txt");
	CHECK_STR(k, "mine\n");
	free(k);
	CHECK(exists("ext/.git"));
	char *last = store_last(data);
	CHECK(last == NULL);
	free(last);
	CHECK(store_delete(data, "del", &err) < 0);
	want = xasprintf("no project 'del' (%s/projects/del); 'faos-codex project list' shows the "
			 "projects", data);
	CHECK_STR(err, want);
	free(want);
	free(err);

	/* An archived project is deleted as its archive. */
	s = create("arch", NULL, NULL);
	store_close(s);
	CHECK(store_archive(data, "arch", &err) == 0);
	CHECK(store_delete(data, "arch", &err) == 0);
	CHECK(!exists("data/archive/arch.tar.gz"));
	teardown();
}

static void test_git(void)
{
	setup();
	/* Installed by build-aux/deps.sh: its absence is a failure. */
	check_sh("ok\n", "git --version >/dev/null && echo ok");
	mkdir_rel("ws");
	struct store *s = create("g", "ws", NULL);
	const struct store_event *ev;
	char *err = NULL;
	int n;

	if (s == NULL || !store_project(s)->git) {
		CHECK(0);
		store_close(s);
		teardown();
		return;
	}
	/* A hook in the repository never runs. */
	put("ws/.git/hooks/post-commit", "#!/bin/sh\ntouch \"$HOME/../../../hook-ran\"\n");
	char *hook = path_of("ws/.git/hooks/post-commit");
	chmod(hook, 0755);
	free(hook);
	put("ws/.gitignore", "*.log\n");
	put("ws/a.txt", "a\n");
	put("ws/build.log", "ignored by git, kept by us\n");
	CHECK(commit(s, "one", "a.txt", "build.log", NULL) == 1);
	rm("ws/a.txt");
	CHECK(commit(s, "two", NULL, NULL, "a.txt") == 2);
	CHECK(store_restore(s, 1, &n, &err) == 0 && n == 3);
	check_sh("3\n", "git -C ws log --oneline | wc -l");
	check_sh("restore version 1\n", "git -C ws log -1 --format=%s");
	check_sh("FAOS Codex <faos-codex@localhost>\n", "git -C ws log -1 --format='%an <%ae>'");
	check_sh("a.txt\nbuild.log\n", "git -C ws ls-files");
	CHECK(!exists("hook-ran"));

	/* git failing costs no version: it is journaled. */
	put("ws/.git/index.lock", "");
	put("ws/a.txt", "changed\n");
	CHECK(commit(s, "locked", "a.txt", NULL, NULL) == 4);
	size_t ne = store_events(s, &ev);
	CHECK(ne >= 2 && !strcmp(ev[ne - 1].type, "git_error") && !strcmp(ev[ne - 2].type, "version"));
	CHECK(ne >= 1 && strstr(cJSON_GetObjectItem(ev[ne - 1].json, "message")->valuestring,
				"git add for version 4 failed"));
	rm("ws/.git/index.lock");
	check_sh("3\n", "git -C ws log --oneline | wc -l");
	store_close(s);

	/* A workspace with its own repository is left to its owner. */
	put("own/f.txt", "f\n");
	check_sh("", "git init -q own");
	s = create("own", "own", NULL);
	CHECK(s && !store_project(s)->git && store_project(s)->latest == 0);
	check_sh("0\n", "git -C own rev-list --all | wc -l");
	store_close(s);
	teardown();
}

int main(void)
{
	RUN(test_names);
	RUN(test_create_open);
	RUN(test_journal);
	RUN(test_torn_last_line);
	RUN(test_corrupt_middle_line);
	RUN(test_v0_migration);
	RUN(test_commit_versions);
	RUN(test_version0);
	RUN(test_diff);
	RUN(test_restore);
	RUN(test_finalize);
	RUN(test_list_order);
	RUN(test_archive);
	RUN(test_export);
	RUN(test_delete);
	RUN(test_git);
	return CHECK_EXIT();
}
