/* test-apply: unit tests of writing a reply into a workspace behind the
 * guards (src/orch/apply.c, pathguard.c, edit.c). Each test works in a
 * fresh temporary directory: the workspace ws/ and, beside it, a sentinel
 * file that no reply may reach. Replies are built by hand (no parser). */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/paths.h"
#include "base/xmalloc.h"
#include "check.h"
#include "orch/apply.h"
#include "orch/pathguard.h"

#define SENTINEL "do not touch\n"

static char base[64]; /* the temporary directory */
static char ws[80];   /* base/ws: the workspace */

/* base/rel or ws/rel in a static buffer (one at a time). */
static const char *at(const char *dir, const char *rel)
{
	static char path[8192];

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	return path;
}

static void put(const char *rel, const char *text)
{
	CHECK(paths_write_text(at(ws, rel), text, O_CREAT | O_TRUNC) == 0);
}

/* The file ws/rel, or NULL when it cannot be read; caller frees. */
static char *get(const char *rel)
{
	return paths_read_file(at(ws, rel), NULL);
}

static int exists(const char *rel)
{
	struct stat st;

	return lstat(at(ws, rel), &st) == 0;
}

static mode_t mode_of(const char *rel)
{
	struct stat st;

	return lstat(at(ws, rel), &st) == 0 ? st.st_mode & 07777 : 0;
}

static void expect_file(const char *rel, const char *want)
{
	char *got = get(rel);

	CHECK_STR(got, want);
	free(got);
}

/* A workspace with keep.txt in it, and the sentinel outside with the
 * symlinks out -> base (absolute) and up -> .. (relative) leading to it. */
static void setup(void)
{
	snprintf(base, sizeof base, "/tmp/faos-apply-XXXXXX");
	CHECK(mkdtemp(base) != NULL);
	snprintf(ws, sizeof ws, "%s/ws", base);
	CHECK(mkdir(ws, 0755) == 0);
	CHECK(paths_write_text(at(base, "sentinel"), SENTINEL, O_CREAT | O_TRUNC) == 0);
	put("keep.txt", "keep\n");
	CHECK(symlink(base, at(ws, "out")) == 0);
	CHECK(symlink("..", at(ws, "up")) == 0);
}

/* The sentinel as it was, and nothing new beside the workspace. */
static void expect_outside_intact(void)
{
	char *s = paths_read_file(at(base, "sentinel"), NULL);
	DIR *d = opendir(base);
	int n = 0;

	CHECK_STR(s, SENTINEL);
	free(s);
	CHECK(d != NULL);
	for (struct dirent *e; d && (e = readdir(d)) != NULL;)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	if (d)
		closedir(d);
	CHECK(n == 2);
}

static void teardown(void)
{
	expect_outside_intact();
	paths_remove_tree(base);
}

/* The struct fields are not const: the test never frees what it builds. */
static struct reply_change file_n(const char *path, const char *content, size_t len)
{
	return (struct reply_change){ .kind = REPLY_FILE, .path = (char *)path,
				      .content = (char *)content, .len = len };
}

static struct reply_change file(const char *path, const char *content)
{
	return file_n(path, content, strlen(content));
}

static struct reply_change del(const char *path)
{
	return (struct reply_change){ .kind = REPLY_DELETE, .path = (char *)path };
}

static struct reply_change edit(const char *path, struct reply_edit *e, size_t n)
{
	return (struct reply_change){ .kind = REPLY_EDIT, .path = (char *)path, .edits = e,
				      .nedits = n };
}

static struct reply_edit sr(const char *search, const char *replace)
{
	return (struct reply_edit){ (char *)search, (char *)replace, strlen(search),
				    strlen(replace) };
}

static int apply_n(struct reply_change *ch, size_t n, const struct apply_limits *lim,
		   struct apply_report *rep)
{
	static const struct apply_limits def = APPLY_LIMITS_DEFAULT;
	struct reply r = { .changes = ch, .nchanges = n, .explanation = (char *)"",
			   .thinking = (char *)"" };

	return apply_reply(ws, &r, lim ? lim : &def, rep);
}

/* The report's list v of n is exactly want (NULL-terminated). */
static void expect_list(char **v, size_t n, const char *const *want)
{
	size_t i = 0;

	for (; want[i]; i++) {
		CHECK(i < n);
		if (i < n)
			CHECK_STR(v[i], want[i]);
	}
	CHECK(n == i);
	for (; i < n; i++)
		printf("  unexpected: %s\n", v[i]);
}

#define LIST(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* Applies bad together with a good file, a good delete and a good edit:
 * refused with exactly the lines of want, and nothing written. */
static void expect_refused_with(struct reply_change bad, const struct apply_limits *lim,
				const char *const *want)
{
	struct reply_edit e = sr("keep\n", "changed\n");
	struct reply_change ch[] = { file("ok.txt", "fine\n"), del("gone.txt"), bad,
				     edit("keep.txt", &e, 1) };
	struct apply_report rep;

	put("gone.txt", "gone\n");
	CHECK(apply_n(ch, 4, lim, &rep) == -1);
	expect_list(rep.refused, rep.nrefused, want);
	CHECK(rep.nwritten == 0 && rep.ndeleted == 0);
	CHECK(!exists("ok.txt"));
	expect_file("gone.txt", "gone\n");
	expect_file("keep.txt", "keep\n");
	apply_report_free(&rep);
}

static void expect_refused(struct reply_change bad, const char *want)
{
	expect_refused_with(bad, NULL, LIST(want));
}

static void test_new_file_in_new_subdir(void)
{
	struct reply_change ch[] = { file("src/deep/new.c", "int x;\n") };
	struct apply_report rep;

	setup();
	CHECK(apply_n(ch, 1, NULL, &rep) == 0);
	expect_list(rep.written, rep.nwritten, LIST("src/deep/new.c"));
	CHECK(rep.ndeleted == 0 && rep.nrefused == 0 && rep.nfailed == 0);
	expect_file("src/deep/new.c", "int x;\n");
	CHECK(mode_of("src/deep/new.c") == 0644);
	CHECK(mode_of("src/deep") == 0755);
	apply_report_free(&rep);
	teardown();
}

static void test_replace_keeps_mode(void)
{
	struct reply_change ch[] = { file("run.sh", "#!/bin/sh\necho new\n") };
	struct apply_report rep;

	setup();
	put("run.sh", "#!/bin/sh\necho old\n");
	CHECK(chmod(at(ws, "run.sh"), 0755) == 0);
	CHECK(apply_n(ch, 1, NULL, &rep) == 0);
	expect_list(rep.written, rep.nwritten, LIST("run.sh"));
	expect_file("run.sh", "#!/bin/sh\necho new\n");
	CHECK(mode_of("run.sh") == 0755);
	apply_report_free(&rep);
	teardown();
}

static void test_delete(void)
{
	struct reply_change ch[] = { del("keep.txt"), del("missing.txt"), del("sub/none.txt") };
	struct apply_report rep;

	setup();
	CHECK(apply_n(ch, 3, NULL, &rep) == 0);
	/* A missing file is no refusal and is not reported as deleted. */
	expect_list(rep.deleted, rep.ndeleted, LIST("keep.txt"));
	CHECK(rep.nwritten == 0 && rep.nrefused == 0);
	CHECK(!exists("keep.txt"));
	apply_report_free(&rep);
	CHECK(apply_n(ch + 1, 1, NULL, &rep) == 0);
	CHECK(rep.ndeleted == 0 && rep.nrefused == 0);
	apply_report_free(&rep);
	teardown();
}

static void test_delete_symlink_removes_link(void)
{
	struct reply_change ch[] = { del("link.txt") };
	struct apply_report rep;

	setup();
	put("real.txt", "real\n");
	CHECK(symlink("real.txt", at(ws, "link.txt")) == 0);
	CHECK(apply_n(ch, 1, NULL, &rep) == 0);
	expect_list(rep.deleted, rep.ndeleted, LIST("link.txt"));
	CHECK(!exists("link.txt"));
	expect_file("real.txt", "real\n");
	apply_report_free(&rep);
	/* Even one leading outside: removing the link touches nothing there. */
	ch[0] = del("out");
	CHECK(apply_n(ch, 1, NULL, &rep) == 0);
	expect_list(rep.deleted, rep.ndeleted, LIST("out"));
	CHECK(!exists("out"));
	apply_report_free(&rep);
	teardown();
}

static void test_edit_exact(void)
{
	struct reply_edit e[] = { sr("    return 1\n", "    return 2\n") };
	struct reply_change ch[] = { edit("f.py", e, 1) };
	struct apply_report rep;

	setup();
	put("f.py", "def f():\n    return 1\n\nx = 1\n");
	CHECK(apply_n(ch, 1, NULL, &rep) == 0);
	expect_list(rep.written, rep.nwritten, LIST("f.py"));
	CHECK(rep.nfailed == 0);
	expect_file("f.py", "def f():\n    return 2\n\nx = 1\n");
	apply_report_free(&rep);
	teardown();
}

static void test_edit_trailing_whitespace(void)
{
	struct reply_edit e[] = { sr("a = 1\nb = 2\n", "a = 10\nb = 20\n"), sr("d = 4 \t", "d = 40"),
				  sr("x\n", "z\n") };
	struct reply_edit exact[] = { sr("foo\n", "bar\n") };
	struct reply_change ch[] = { edit("f.py", e, 3), edit("g.py", exact, 1) };
	struct apply_report rep;

	setup();
	put("f.py", "a = 1   \nb = 2\t\nc = 3\nd = 4  \nx\r\ny\r\n");
	/* An exact match wins over an earlier one that only ignores spaces. */
	put("g.py", "foo \nfoo\n");
	CHECK(apply_n(ch, 2, NULL, &rep) == 0);
	CHECK(rep.nfailed == 0);
	expect_list(rep.written, rep.nwritten, LIST("f.py", "g.py"));
	expect_file("f.py", "a = 10\nb = 20\nc = 3\nd = 40\nz\ny\r\n");
	expect_file("g.py", "foo \nbar\n");
	apply_report_free(&rep);
	teardown();
}

static void test_edit_not_found(void)
{
	struct reply_edit e[] = { sr("one\n", "1\n"), sr("zzz\n", "x\n"), sr("three\n", "3\n") };
	struct reply_edit none[] = { sr("nothing\n", "x\n") };
	struct reply_change ch[] = { edit("app.py", e, 3), file("other.txt", "other\n"),
				     edit("keep.txt", none, 1) };
	struct apply_report rep;

	setup();
	put("app.py", "one\ntwo\nthree\n");
	CHECK(apply_n(ch, 3, NULL, &rep) == 0);
	expect_list(rep.failed, rep.nfailed,
		    LIST("app.py: edit 2 of 3: SEARCH text not found",
			 "keep.txt: edit 1 of 1: SEARCH text not found"));
	expect_list(rep.written, rep.nwritten, LIST("app.py", "other.txt"));
	CHECK(rep.nrefused == 0);
	expect_file("app.py", "1\ntwo\n3\n");
	expect_file("other.txt", "other\n");
	expect_file("keep.txt", "keep\n");
	apply_report_free(&rep);
	teardown();
}

static void test_edit_empty_search(void)
{
	struct reply_edit create[] = { sr("", "print(1)\n"), sr("1", "2") };
	struct reply_edit notempty[] = { sr("", "x\n") };
	struct reply_edit missing[] = { sr("a\n", "b\n") };
	struct reply_change ch[] = { edit("new/dir/f.py", create, 2), edit("keep.txt", notempty, 1),
				     edit("nope.py", missing, 1), edit("empty.txt", notempty, 1) };
	struct apply_report rep;

	setup();
	put("empty.txt", "");
	CHECK(apply_n(ch, 4, NULL, &rep) == 0);
	expect_list(rep.written, rep.nwritten, LIST("new/dir/f.py", "empty.txt"));
	expect_list(rep.failed, rep.nfailed,
		    LIST("keep.txt: edit 1 of 1: SEARCH is empty but the file is not; quote the "
			 "lines to replace",
			 "nope.py: edit 1 of 1: the file does not exist (an empty SEARCH creates it)"));
	expect_file("new/dir/f.py", "print(2)\n");
	expect_file("empty.txt", "x\n");
	expect_file("keep.txt", "keep\n");
	CHECK(!exists("nope.py"));
	apply_report_free(&rep);
	teardown();
}

static void test_duplicates_later_wins(void)
{
	struct reply_edit e[] = { sr("b\n", "c\n") };
	struct reply_change ch[] = { file("d.txt", "one\n"), file("./d.txt", "two\n"),
				     file("n.txt", "new\n"), del("n.txt"),
				     file("e.txt", "a\nb\n"), edit("e.txt", e, 1),
				     del("keep.txt"), file("keep.txt", "again\n") };
	struct apply_report rep;

	setup();
	CHECK(apply_n(ch, 8, NULL, &rep) == 0);
	expect_list(rep.written, rep.nwritten, LIST("d.txt", "e.txt", "keep.txt"));
	CHECK(rep.ndeleted == 0 && rep.nfailed == 0 && rep.nrefused == 0);
	expect_file("d.txt", "two\n");
	expect_file("e.txt", "a\nc\n");
	expect_file("keep.txt", "again\n");
	CHECK(!exists("n.txt"));
	apply_report_free(&rep);
	teardown();
}

static void test_refuse_absolute_and_dotdot(void)
{
	setup();
	expect_refused(file("/etc/passwd", "x\n"),
		       "refused /etc/passwd: absolute paths are not allowed; give a path relative "
		       "to the workspace");
	expect_refused(file("../x", "x\n"), "refused ../x: the path leaves the workspace");
	expect_refused(file("a/../../sentinel", "x\n"),
		       "refused a/../../sentinel: the path leaves the workspace");
	expect_refused(del("../sentinel"), "refused ../sentinel: the path leaves the workspace");
	expect_refused(file("~/.bashrc", "x\n"),
		       "refused ~/.bashrc: paths from the home directory (~) are not allowed; give "
		       "a path relative to the workspace");
	teardown();
}

static void test_refuse_symlink_out(void)
{
	struct reply_edit e[] = { sr("do not", "do") };

	setup();
	expect_refused(file("out/sentinel", "pwned\n"),
		       "refused out/sentinel: out is a symlink that leads outside the workspace");
	expect_refused(file("up/sentinel", "pwned\n"),
		       "refused up/sentinel: up is a symlink that leads outside the workspace");
	expect_refused(file("out/new.txt", "x\n"),
		       "refused out/new.txt: out is a symlink that leads outside the workspace");
	expect_refused(del("out/sentinel"),
		       "refused out/sentinel: out is a symlink that leads outside the workspace");
	expect_refused(edit("up/sentinel", e, 1),
		       "refused up/sentinel: up is a symlink that leads outside the workspace");
	/* Through a chain of links, and as the last component. */
	CHECK(symlink("up", at(ws, "chain")) == 0);
	CHECK(symlink("../sentinel", at(ws, "s.txt")) == 0);
	CHECK(mkdir(at(ws, "sub"), 0755) == 0);
	CHECK(symlink("../../ws/keep.txt", at(ws, "sub/back")) == 0);
	expect_refused(file("chain/sentinel", "x\n"),
		       "refused chain/sentinel: chain is a symlink that leads outside the workspace");
	expect_refused(file("s.txt", "x\n"),
		       "refused s.txt: s.txt is a symlink that leads outside the workspace");
	expect_refused(file("sub/back", "x\n"),
		       "refused sub/back: sub/back is a symlink that leads outside the workspace");
	teardown();
}

static void test_refuse_metadata(void)
{
	setup();
	CHECK(mkdir(at(ws, ".git"), 0755) == 0);
	CHECK(symlink(".git", at(ws, "g")) == 0);
	expect_refused(file(".git/hooks/pre-commit", "x\n"),
		       "refused .git/hooks/pre-commit: .git is read-only");
	expect_refused(file(".git", "x\n"), "refused .git: .git is read-only");
	expect_refused(del("sub/.git/config"), "refused sub/.git/config: .git is read-only");
	expect_refused(file(".faos-codex/state", "x\n"),
		       "refused .faos-codex/state: .faos-codex is read-only");
	expect_refused(file("a/.git/../b", "x\n"), "refused a/.git/../b: .git is read-only");
	expect_refused(file("g/config", "x\n"), "refused g/config: .git is read-only");
	teardown();
}

static void test_refuse_bad_path_text(void)
{
	char longp[4200], comp[300];

	setup();
	expect_refused(file("", "x\n"),
		       "refused \"\": the path is empty; give a path relative to the workspace");
	expect_refused(file("a\tb", "x\n"),
		       "refused a\\x09b: the path has a control character (byte 2)");
	expect_refused(file("a\nb\x7f", "x\n"),
		       "refused a\\x0ab\\x7f: the path has a control character (byte 2)");
	expect_refused(file("caf\xe9.txt", "x\n"),
		       "refused caf\\xe9.txt: the path is not valid UTF-8 (byte 4)");
	expect_refused(file("dir/", "x\n"),
		       "refused dir/: the path ends with '/'; give a file path");
	expect_refused(file("a/..", "x\n"),
		       "refused a/..: the path names the workspace itself; give a file path");
	memset(longp, 'a', 4097);
	longp[4097] = '\0';
	char *want = xasprintf("refused %.120s... (4097 bytes): the path is over 4096 bytes",
			       longp);
	expect_refused(file(longp, "x\n"), want);
	free(want);
	memset(comp, 'c', 256);
	comp[256] = '\0';
	want = xasprintf("refused %.120s... (256 bytes): a path component is over 255 bytes", comp);
	expect_refused(file(comp, "x\n"), want);
	free(want);
	/* A file name needs room for the temporary file written beside it. */
	comp[240] = '\0';
	want = xasprintf("refused %.120s... (240 bytes): the file name is over 239 bytes, too "
			 "long to write safely; give a shorter name", comp);
	expect_refused(file(comp, "x\n"), want);
	free(want);
	teardown();
}

/* 255 bytes is fine for a directory, 239 for a file. */
static void test_longest_names(void)
{
	char dir[256], name[240];
	struct apply_report rep;

	memset(dir, 'd', 255);
	dir[255] = '\0';
	memset(name, 'f', 239);
	name[239] = '\0';
	char *path = xasprintf("%s/%s", dir, name);
	struct reply_change ch[] = { file(path, "x\n") };
	setup();
	CHECK(apply_n(ch, 1, NULL, &rep) == 0);
	expect_list(rep.written, rep.nwritten, (const char *const[]){ path, NULL });
	expect_file(path, "x\n");
	apply_report_free(&rep);
	free(path);
	teardown();
}

static void test_refuse_wrong_kind(void)
{
	struct reply_edit e[] = { sr("a", "b") };

	setup();
	CHECK(mkdir(at(ws, "src"), 0755) == 0);
	CHECK(mkfifo(at(ws, "pipe"), 0644) == 0);
	expect_refused(file("src", "x\n"), "refused src: the path is a directory; give a file path");
	expect_refused(edit("src", e, 1), "refused src: the path is a directory; give a file path");
	expect_refused(del("src"), "refused src: the path is a directory; DELETE removes files");
	expect_refused(edit("pipe", e, 1),
		       "refused pipe: the path is not a regular file (a device, FIFO or socket)");
	expect_refused(file("pipe", "x\n"),
		       "refused pipe: the path is not a regular file (a device, FIFO or socket)");
	expect_refused(file("keep.txt/x", "x\n"), "refused keep.txt/x: keep.txt is not a directory");
	CHECK(symlink("loop", at(ws, "loop")) == 0);
	expect_refused(file("loop/x", "x\n"),
		       "refused loop/x: too many levels of symlinks at loop");
	teardown();
}

static void test_refuse_content(void)
{
	struct reply_edit e[] = { sr("keep", "k\xff") };

	setup();
	expect_refused(file_n("bin.dat", "ab\0cd", 5),
		       "refused bin.dat: contains a NUL byte (byte 3); only text files can be "
		       "written");
	expect_refused(file("bin.dat", "0123456789abcdef\xff"),
		       "refused bin.dat: not valid UTF-8 text (byte 17)");
	expect_refused(edit("keep.txt", e, 1),
		       "refused keep.txt: edit 1 of 1: REPLACE: not valid UTF-8 text (byte 2)");
	teardown();
}

static void test_refuse_every_reason(void)
{
	struct reply_change ch[] = { file("/etc/passwd", "x"), file("fine.txt", "fine\n"),
				     file("../x", "x"), file(".git/hooks/pre-commit", "x"),
				     file("bin.dat", "\xc0\xaf") };
	struct apply_report rep;

	setup();
	CHECK(apply_n(ch, 5, NULL, &rep) == -1);
	expect_list(rep.refused, rep.nrefused,
		    LIST("refused /etc/passwd: absolute paths are not allowed; give a path "
			 "relative to the workspace",
			 "refused ../x: the path leaves the workspace",
			 "refused .git/hooks/pre-commit: .git is read-only",
			 "refused bin.dat: not valid UTF-8 text (byte 1)"));
	CHECK(rep.nwritten == 0 && !exists("fine.txt"));
	apply_report_free(&rep);
	teardown();
}

static void test_dotdot_inside_ok(void)
{
	struct reply_change ch[] = { file("a/../b.txt", "b\n"), file("x/./y//z/../w.txt", "w\n") };
	struct apply_report rep;

	setup();
	CHECK(apply_n(ch, 2, NULL, &rep) == 0);
	expect_list(rep.written, rep.nwritten, LIST("b.txt", "x/y/w.txt"));
	expect_file("b.txt", "b\n");
	expect_file("x/y/w.txt", "w\n");
	CHECK(!exists("a"));
	apply_report_free(&rep);
	teardown();
}

static void test_symlink_inside_ok(void)
{
	struct reply_change ch[] = { file("lnk/f.txt", "f\n"), file("alnk/g.txt", "g\n"),
				     file("sub/back/h.txt", "h\n"), file("name.txt", "via link\n") };
	struct apply_report rep;

	setup();
	CHECK(mkdir(at(ws, "sub"), 0755) == 0);
	CHECK(mkdir(at(ws, "other"), 0755) == 0);
	CHECK(symlink("sub", at(ws, "lnk")) == 0);
	char *abs = xasprintf("%s/sub", ws);
	CHECK(symlink(abs, at(ws, "alnk")) == 0);
	free(abs);
	CHECK(symlink("../other", at(ws, "sub/back")) == 0);
	CHECK(symlink("sub/real.txt", at(ws, "name.txt")) == 0);
	CHECK(apply_n(ch, 4, NULL, &rep) == 0);
	expect_list(rep.written, rep.nwritten,
		    LIST("sub/f.txt", "sub/g.txt", "other/h.txt", "sub/real.txt"));
	expect_file("sub/f.txt", "f\n");
	expect_file("sub/g.txt", "g\n");
	expect_file("other/h.txt", "h\n");
	expect_file("sub/real.txt", "via link\n");
	struct stat st;
	CHECK(lstat(at(ws, "name.txt"), &st) == 0 && S_ISLNK(st.st_mode));
	apply_report_free(&rep);
	teardown();
}

static void test_caps(void)
{
	struct apply_limits lim = { 2, 10, 15 };
	struct reply_change ok[] = { file("a.txt", "0123456789"), file("b.txt", "01234") };
	struct reply_change three[] = { file("a.txt", "a"), file("b.txt", "b"), file("c.txt", "c") };
	struct reply_change total[] = { file("a.txt", "01234567"), file("b.txt", "01234567") };
	struct reply_edit grow[] = { sr("grow", "grow, grow") };
	struct apply_report rep;

	setup();
	CHECK(apply_n(ok, 2, &lim, &rep) == 0);
	CHECK(rep.nwritten == 2);
	apply_report_free(&rep);
	CHECK(apply_n(three, 3, &lim, &rep) == -1);
	expect_list(rep.refused, rep.nrefused,
		    LIST("refused the reply: 3 changes are over the limit of 2 per reply; ask for "
			 "fewer files at a time"));
	CHECK(rep.nwritten == 0 && !exists("c.txt"));
	apply_report_free(&rep);
	CHECK(apply_n(total, 2, &lim, &rep) == -1);
	expect_list(rep.refused, rep.nrefused,
		    LIST("refused the reply: the files come to 16 bytes, over the 15-byte limit "
			 "per reply; ask for fewer or smaller files at a time"));
	expect_file("a.txt", "0123456789");
	apply_report_free(&rep);
	/* Room for the good changes expect_refused_with adds. */
	lim.max_files = 10;
	lim.max_total_bytes = 100;
	expect_refused_with(file("big.txt", "0123456789A"), &lim,
			    LIST("refused big.txt: 11 bytes is over the 10-byte limit per file"));
	/* An edit that grows a file past the limit, and a file already past it. */
	put("g.txt", "grow\n");
	expect_refused_with(edit("g.txt", grow, 1), &lim,
			    LIST("refused g.txt: 11 bytes is over the 10-byte limit per file"));
	put("huge.txt", "grow 56789012345678\n");
	expect_refused_with(edit("huge.txt", grow, 1), &lim,
			    LIST("refused huge.txt: 20 bytes is over the 10-byte limit per file"));
	teardown();
}

static void test_caps_in_mib(void)
{
	size_t two = 2u << 20, over = (1u << 20) + 1;
	char *big = xmalloc(two + 1);

	memset(big, 'x', two);
	big[two] = '\0';
	setup();
	expect_refused(file_n("big.txt", big, two),
		       "refused big.txt: 2.0 MiB is over the 1 MiB limit per file");
	expect_refused(file_n("big.txt", big, over),
		       "refused big.txt: 1048577 bytes is over the 1 MiB limit per file");
	teardown();
	free(big);
}

static void test_utf8(void)
{
	const char *valid = "h\xc3\xa9llo \xe2\x9c\x93 \xf0\x9d\x84\x9e \xf4\x8f\xbf\xbf\n";
	struct reply_change ch[] = { file("\xc3\xa9t\xc3\xa9.txt", valid) };
	struct apply_report rep;

	setup();
	CHECK(apply_n(ch, 1, NULL, &rep) == 0);
	expect_list(rep.written, rep.nwritten, LIST("\xc3\xa9t\xc3\xa9.txt"));
	expect_file("\xc3\xa9t\xc3\xa9.txt", valid);
	apply_report_free(&rep);
	expect_refused(file("o.txt", "ab\xc0\xaf"), "refused o.txt: not valid UTF-8 text (byte 3)");
	expect_refused(file("o.txt", "\xe0\x80\xaf"),
		       "refused o.txt: not valid UTF-8 text (byte 1)");
	expect_refused(file("o.txt", "ok\xf0\x80\x80\xaf"),
		       "refused o.txt: not valid UTF-8 text (byte 3)");
	expect_refused(file("s.txt", "x\xed\xa0\x80"),
		       "refused s.txt: not valid UTF-8 text (byte 2)");
	expect_refused(file("t.txt", "ab\xe2\x82"), "refused t.txt: not valid UTF-8 text (byte 3)");
	expect_refused(file("t.txt", "\xe2\x82z"), "refused t.txt: not valid UTF-8 text (byte 1)");
	expect_refused(file("m.txt", "\xf4\x90\x80\x80"),
		       "refused m.txt: not valid UTF-8 text (byte 1)");
	expect_refused(file("c.txt", "a\x80"), "refused c.txt: not valid UTF-8 text (byte 2)");
	teardown();
}

static void expect_path(const char *path, const char *want)
{
	char *why = NULL, *got = apply_check_path(ws, path, &why);

	CHECK_STR(got, want);
	CHECK(why == NULL);
	free(got);
	free(why);
}

static void expect_bad_path(const char *path, const char *want_why)
{
	char *why = NULL, *got = apply_check_path(ws, path, &why);

	CHECK(got == NULL);
	CHECK_STR(why, want_why);
	free(got);
	free(why);
}

static void test_check_path(void)
{
	setup();
	CHECK(mkdir(at(ws, "sub"), 0755) == 0);
	CHECK(symlink("sub", at(ws, "lnk")) == 0);
	expect_path("a/./b", "a/b");
	expect_path("a//b", "a/b");
	expect_path("./x", "x");
	expect_path("a/b/../c", "a/c");
	expect_path("a/b/../../c", "c");
	expect_path(".gitignore", ".gitignore");
	expect_path(".GIT/x", ".GIT/x");
	expect_path("x.git/.github/y", "x.git/.github/y");
	expect_path("..foo/...", "..foo/...");
	expect_path("lnk/x", "sub/x");
	expect_path("\xc3\xa9/\xc3\xbc.txt", "\xc3\xa9/\xc3\xbc.txt");
	expect_bad_path("/x", "absolute paths are not allowed; give a path relative to the "
			      "workspace");
	expect_bad_path("../x", "the path leaves the workspace");
	expect_bad_path("a/../../x", "the path leaves the workspace");
	expect_bad_path("out/x", "out is a symlink that leads outside the workspace");
	expect_bad_path(".", "the path names the workspace itself; give a file path");
	expect_bad_path("a/", "the path ends with '/'; give a file path");
	expect_bad_path("", "the path is empty; give a path relative to the workspace");
	expect_bad_path(".git", ".git is read-only");
	expect_bad_path("x/.faos-codex/y", ".faos-codex is read-only");
	expect_bad_path("a/.git/../b", ".git is read-only");
	char *why = NULL;
	CHECK(apply_check_path("/nonexistent-faos-ws", "x", &why) == NULL);
	CHECK_STR(why, "workspace /nonexistent-faos-ws: No such file or directory");
	free(why);
	teardown();
}

/* Removes ws/rel (a file under directories only) a component at a time:
 * a path this deep is past PATH_MAX, so nftw cannot remove it. */
static void remove_deep(const char *rel)
{
	char *copy = xstrdup(rel), *names[64];
	int fds[65], n = 0;

	fds[0] = open(ws, O_RDONLY | O_DIRECTORY);
	for (char *s = copy, *slash; (slash = strchr(s, '/')) != NULL && n < 64; s = slash + 1) {
		*slash = '\0';
		names[n] = s;
		fds[n + 1] = openat(fds[n], s, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
		n++;
	}
	CHECK(unlinkat(fds[n], strrchr(rel, '/') + 1, 0) == 0);
	for (; n > 0; n--) {
		close(fds[n]);
		CHECK(unlinkat(fds[n - 1], names[n - 1], AT_REMOVEDIR) == 0);
	}
	close(fds[0]);
	free(copy);
}

/* 4096 bytes exactly is allowed, even past the kernel's PATH_MAX. */
static void test_longest_path(void)
{
	char path[4097] = "";
	struct reply_change ch[] = { file(path, "deep\n") };
	struct apply_report rep;

	for (int i = 0; i < 16; i++) {
		memset(path + i * 251, 'd', 250);
		path[i * 251 + 250] = '/';
	}
	memset(path + 16 * 251, 'f', 4096 - 16 * 251);
	path[4096] = '\0';
	setup();
	expect_path(path, path);
	CHECK(apply_n(ch, 1, NULL, &rep) == 0);
	CHECK(rep.nwritten == 1 && rep.nrefused == 0);
	if (rep.nrefused)
		printf("  %s\n", rep.refused[0]);
	apply_report_free(&rep);
	remove_deep(path);
	teardown();
}

/* A file the same reply needs as a directory: caught before writing. */
static void test_conflicting_file_and_dir(void)
{
	struct reply_change ch[] = { file("a", "x\n"), file("a/b.txt", "x\n") };
	struct apply_report rep;

	setup();
	CHECK(apply_n(ch, 2, NULL, &rep) == -1);
	expect_list(rep.refused, rep.nrefused,
		    LIST("refused a: the reply also writes a/b.txt, so a must stay a directory"));
	CHECK(rep.nwritten == 0 && !exists("a"));
	apply_report_free(&rep);
	teardown();
}

/* The write walk never goes through a symlink, even one swapped in after
 * the checks: it fails instead. */
static void test_write_walk_no_follow(void)
{
	struct pathguard g;
	const char *leaf;
	char *err = NULL;

	setup();
	CHECK(pathguard_open(&g, ws, &err) == 0);
	CHECK(pathguard_open_parent(&g, "out/x", 1, &leaf) < 0);
	CHECK(pathguard_open_parent(&g, "up/sub/x", 1, &leaf) < 0);
	int fd = pathguard_open_parent(&g, "n1/n2/x", 1, &leaf);
	CHECK(fd >= 0);
	CHECK_STR(leaf, "x");
	if (fd >= 0)
		close(fd);
	CHECK(exists("n1/n2"));
	pathguard_close(&g);
	free(err);
	teardown();
}

/* An I/O error part way: what was written is reported, the rest not, and
 * no temporary file is left. RLIMIT_FSIZE makes write() fail even for root. */
static void test_io_error(void)
{
	struct reply_change ch[] = { file("a.txt", "ab\n"), file("b.txt", "0123456789\n") };
	struct apply_report rep;
	struct rlimit old, small = { 8, 8 };

	CHECK(apply_reply("/nonexistent-faos-ws", &(struct reply){ .changes = ch, .nchanges = 2 },
			  &(struct apply_limits)APPLY_LIMITS_DEFAULT, &rep) == -1);
	expect_list(rep.refused, rep.nrefused,
		    LIST("workspace /nonexistent-faos-ws: No such file or directory"));
	apply_report_free(&rep);
	setup();
	signal(SIGXFSZ, SIG_IGN);
	CHECK(getrlimit(RLIMIT_FSIZE, &old) == 0);
	small.rlim_max = old.rlim_max;
	CHECK(setrlimit(RLIMIT_FSIZE, &small) == 0);
	CHECK(apply_n(ch, 2, NULL, &rep) == -1);
	CHECK(setrlimit(RLIMIT_FSIZE, &old) == 0);
	signal(SIGXFSZ, SIG_DFL);
	expect_list(rep.written, rep.nwritten, LIST("a.txt"));
	expect_list(rep.refused, rep.nrefused, LIST("write b.txt: File too large"));
	expect_file("a.txt", "ab\n");
	CHECK(!exists("b.txt"));
	DIR *d = opendir(ws);
	for (struct dirent *e; d && (e = readdir(d)) != NULL;)
		CHECK(strstr(e->d_name, ".tmp-") == NULL);
	if (d)
		closedir(d);
	apply_report_free(&rep);
	teardown();
}

static void test_empty_reply(void)
{
	struct apply_report rep;

	setup();
	CHECK(apply_n(NULL, 0, NULL, &rep) == 0);
	CHECK(rep.nwritten == 0 && rep.nrefused == 0 && rep.nfailed == 0 && rep.ndeleted == 0);
	apply_report_free(&rep);
	teardown();
}

int main(void)
{
	umask(022);
	RUN(test_new_file_in_new_subdir);
	RUN(test_replace_keeps_mode);
	RUN(test_delete);
	RUN(test_delete_symlink_removes_link);
	RUN(test_edit_exact);
	RUN(test_edit_trailing_whitespace);
	RUN(test_edit_not_found);
	RUN(test_edit_empty_search);
	RUN(test_duplicates_later_wins);
	RUN(test_refuse_absolute_and_dotdot);
	RUN(test_refuse_symlink_out);
	RUN(test_refuse_metadata);
	RUN(test_refuse_bad_path_text);
	RUN(test_longest_names);
	RUN(test_refuse_wrong_kind);
	RUN(test_refuse_content);
	RUN(test_refuse_every_reason);
	RUN(test_dotdot_inside_ok);
	RUN(test_symlink_inside_ok);
	RUN(test_caps);
	RUN(test_caps_in_mib);
	RUN(test_utf8);
	RUN(test_check_path);
	RUN(test_longest_path);
	RUN(test_conflicting_file_and_dir);
	RUN(test_write_walk_no_follow);
	RUN(test_io_error);
	RUN(test_empty_reply);
	return CHECK_EXIT();
}
