/* pathguard: model paths normalised, resolved without leaving the
 * workspace, and opened directory by directory; see pathguard.h. */
#include "orch/pathguard.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomic.h"
#include "base/paths.h"
#include "base/buf.h"
#include "base/xmalloc.h"

#define HOPS_MAX 40 /* symlinks followed for one path, as the kernel's ELOOP */

/* Our metadata and git's: never written by a model, under any path. */
/* Length of the valid UTF-8 sequence at s (len bytes left), 0 if invalid.
 * The second byte's range excludes overlongs (E0, F0), surrogates (ED)
 * and code points past U+10FFFF (F4). */
static size_t utf8_seq(const unsigned char *s, size_t len)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	size_t n;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
	else
		return 0;
	if (len < n || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return n;
}

size_t pathguard_utf8_error(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		size_t n = utf8_seq(u + i, len - i);
		if (n == 0)
			return i;
		i += n;
	}
	return len;
}

char *pathguard_show(const char *path)
{
	const unsigned char *p = (const unsigned char *)path;
	size_t len = path ? strlen(path) : 0, i = 0;
	struct buf b = BUF_INIT;

	if (len == 0)
		return xstrdup("\"\"");
	while (i < len && b.len < 120) {
		size_t n = utf8_seq(p + i, len - i);
		if (n == 0 || p[i] < 0x20 || p[i] == 0x7f) {
			buf_printf(&b, "\\x%02x", p[i]);
			n = 1;
		} else {
			buf_append(&b, p + i, n);
		}
		i += n;
	}
	if (i < len)
		buf_printf(&b, "... (%zu bytes)", len);
	return buf_steal(&b);
}

/* The text checks of pathguard_normalise before the components. */
static char *check_text(const char *path, size_t len)
{
	if (len == 0)
		return xstrdup("the path is empty; give a path relative to the workspace");
	if (len > PATHGUARD_PATH_MAX)
		return xasprintf("the path is over %d bytes", PATHGUARD_PATH_MAX);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)path[i];
		if (c < 0x20 || c == 0x7f)
			return xasprintf("the path has a control character (byte %zu)", i + 1);
	}
	size_t bad = pathguard_utf8_error(path, len);
	if (bad < len)
		return xasprintf("the path is not valid UTF-8 (byte %zu)", bad + 1);
	if (path[0] == '/')
		return xstrdup("absolute paths are not allowed; give a path relative to the workspace");
	if (path[0] == '~')
		return xstrdup("paths from the home directory (~) are not allowed; give a path "
			       "relative to the workspace");
	if (path[len - 1] == '/')
		return xstrdup("the path ends with '/'; give a file path");
	return NULL;
}

/* Drops the last component of b ("a/b" -> "a", "a" -> ""). */
static void pop_component(struct buf *b)
{
	char *slash = b->len ? memrchr(b->data, '/', b->len) : NULL;

	b->len = slash ? (size_t)(slash - b->data) : 0;
	if (b->data)
		b->data[b->len] = '\0';
}

static void push_component(struct buf *b, const char *c, size_t n)
{
	if (b->len)
		buf_append_char(b, '/');
	buf_append(b, c, n);
}

/* One component of a path as written: its verdict, or NULL and out grown. */
static char *normalise_component(struct buf *out, const char *c, size_t n)
{
	const char *name = paths_protected_name(c, n);

	if (n > PATHGUARD_NAME_MAX)
		return xasprintf("a path component is over %d bytes", PATHGUARD_NAME_MAX);
	if (name)
		return xasprintf("%s is read-only", name);
	if (n == 2 && c[0] == '.' && c[1] == '.') {
		if (out->len == 0)
			return xstrdup("the path leaves the workspace");
		pop_component(out);
	} else if (n != 0 && !(n == 1 && c[0] == '.')) {
		push_component(out, c, n);
	}
	return NULL;
}

char *pathguard_normalise(const char *path, char **why)
{
	size_t len = path ? strlen(path) : 0;
	struct buf out = BUF_INIT;

	*why = check_text(path, len);
	for (size_t i = 0, n; *why == NULL && i < len; i += n + 1) {
		n = strcspn(path + i, "/");
		*why = normalise_component(&out, path + i, n);
	}
	if (*why == NULL && out.len == 0)
		*why = xstrdup("the path names the workspace itself; give a file path");
	if (*why) {
		buf_free(&out);
		return NULL;
	}
	return buf_steal(&out);
}

/* The state of pathguard_resolve: what is resolved, what is left. */
struct walk {
	const struct pathguard *g;
	struct buf done; /* resolved so far: no symlink, no "." or ".." */
	struct buf todo; /* still to follow, '/'-separated, from pos */
	size_t pos;
	char *link;      /* the first symlink followed: to blame if we leave */
	int hops, follow_last;
	mode_t mode;     /* of done's last component, 0 when missing */
	char *why;
};

/* The next component of todo (skipping empty ones), or 0 at the end. */
static int next_component(struct walk *w, const char **c, size_t *n)
{
	const char *s = w->todo.data ? w->todo.data : "";

	while (s[w->pos] == '/')
		w->pos++;
	if (s[w->pos] == '\0')
		return 0;
	*c = s + w->pos;
	*n = strcspn(*c, "/");
	w->pos += *n;
	return 1;
}

/* Whether a component other than "." is left in todo. */
static int more_left(const struct walk *w)
{
	const char *s = w->todo.data + w->pos;

	while (*s) {
		size_t n = strcspn(s, "/");
		if (n > 1 || (n == 1 && *s != '.'))
			return 1;
		s += n + (s[n] == '/');
	}
	return 0;
}

/* A directory fd and a name in it for done: the workspace and done whole
 * while it is shorter than the kernel's PATH_MAX, else done's parent
 * opened step by step. Release with done_release. */
static int done_at(const struct walk *w, const char **name)
{
	if (w->done.len < PATH_MAX) {
		*name = w->done.data;
		return w->g->wsfd;
	}
	return pathguard_open_parent(w->g, w->done.data, 0, name);
}

static void done_release(const struct walk *w, int fd)
{
	int saved = errno;

	if (fd >= 0 && fd != w->g->wsfd)
		close(fd);
	errno = saved;
}

static int stat_done(const struct walk *w, struct stat *st)
{
	const char *name;
	int fd = done_at(w, &name);
	int rc = fd < 0 ? -1 : fstatat(fd, name, st, AT_SYMLINK_NOFOLLOW);

	done_release(w, fd);
	return rc;
}

static void leave(struct walk *w)
{
	if (w->link)
		w->why = xasprintf("%s is a symlink that leads outside the workspace", w->link);
	else
		w->why = xstrdup("the path leaves the workspace");
}

/* ".." from a symlink's target: back to the real parent directory. */
static void walk_up(struct walk *w)
{
	struct stat st;

	if (w->done.len == 0) {
		leave(w);
		return;
	}
	pop_component(&w->done);
	w->mode = S_IFDIR;
	if (w->done.len && stat_done(w, &st) < 0)
		w->mode = 0;
}

/* done ends at a symlink (its own component from mark on): continue with
 * its target in place of it. Absolute targets must fall in the workspace. */
static void walk_link(struct walk *w, size_t mark)
{
	char target[PATHGUARD_PATH_MAX + 1];
	const char *rel = target;
	struct buf todo = BUF_INIT;

	if (++w->hops > HOPS_MAX) {
		w->why = xasprintf("too many levels of symlinks at %s", w->done.data);
		return;
	}
	const char *name;
	int fd = done_at(w, &name);
	ssize_t n = fd < 0 ? -1 : readlinkat(fd, name, target, sizeof target - 1);
	done_release(w, fd);
	if (n < 0) {
		w->why = xasprintf("cannot read the symlink %s: %s", w->done.data, strerror(errno));
		return;
	}
	target[n] = '\0';
	if (w->link == NULL)
		w->link = xstrdup(w->done.data);
	w->done.len = mark;
	w->done.data[mark] = '\0';
	if (target[0] == '/') {
		size_t wl = strlen(w->g->wsreal);
		if (strcmp(w->g->wsreal, "/") == 0)
			wl = 0;
		else if (strncmp(target, w->g->wsreal, wl) != 0 ||
			 (target[wl] != '/' && target[wl] != '\0')) {
			leave(w);
			return;
		}
		rel = target + wl;
		buf_reset(&w->done);
	}
	buf_append_str(&todo, rel);
	buf_append_char(&todo, '/');
	buf_append_str(&todo, w->todo.data + w->pos);
	buf_free(&w->todo);
	w->todo = todo;
	w->pos = 0;
}

/* Looks at done's last component on disk; mark is where it starts. */
static void stat_done_at(struct walk *w, size_t mark, int last)
{
	struct stat st;

	w->mode = 0;
	if (stat_done(w, &st) < 0) {
		/* Missing: the writes make the directories; nothing to follow. */
		if (errno != ENOENT)
			w->why = xasprintf("cannot look at %s: %s", w->done.data, strerror(errno));
		return;
	}
	if (S_ISLNK(st.st_mode) && (!last || w->follow_last)) {
		walk_link(w, mark);
		return;
	}
	w->mode = st.st_mode;
	if (!last && !S_ISDIR(st.st_mode))
		w->why = xasprintf("%s is not a directory", w->done.data);
}

static void walk_name(struct walk *w, const char *c, size_t n)
{
	const char *name = paths_protected_name(c, n);
	size_t mark = w->done.len;

	if (name) {
		w->why = xasprintf("%s is read-only", name);
		return;
	}
	push_component(&w->done, c, n);
	stat_done_at(w, mark, !more_left(w));
}

char *pathguard_resolve(const struct pathguard *g, const char *norm, int follow_last,
			mode_t *mode, char **why)
{
	struct walk w = { .g = g, .follow_last = follow_last };
	const char *c;
	size_t n;

	buf_append_str(&w.todo, norm);
	while (w.why == NULL && next_component(&w, &c, &n)) {
		if (n == 2 && c[0] == '.' && c[1] == '.')
			walk_up(&w);
		else if (!(n == 1 && c[0] == '.'))
			walk_name(&w, c, n);
	}
	if (w.why == NULL && w.done.len == 0)
		w.why = xstrdup("the path names the workspace itself; give a file path");
	if (w.why == NULL && w.done.len > PATHGUARD_PATH_MAX)
		w.why = xasprintf("the path is over %d bytes once symlinks are followed",
				  PATHGUARD_PATH_MAX);
	buf_free(&w.todo);
	free(w.link);
	*mode = w.mode;
	*why = w.why;
	if (w.why) {
		buf_free(&w.done);
		return NULL;
	}
	return buf_steal(&w.done);
}

int pathguard_open(struct pathguard *g, const char *workspace, char **err)
{
	g->wsreal = NULL;
	g->wsfd = open(workspace, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (g->wsfd >= 0)
		g->wsreal = realpath(workspace, NULL);
	if (g->wsreal == NULL) {
		*err = xasprintf("workspace %s: %s", workspace, strerror(errno));
		if (g->wsfd >= 0)
			close(g->wsfd);
		g->wsfd = -1;
		return -1;
	}
	return 0;
}

void pathguard_close(struct pathguard *g)
{
	if (g->wsfd >= 0)
		close(g->wsfd);
	free(g->wsreal);
	g->wsfd = -1;
	g->wsreal = NULL;
}

/* Opens the directory name in dfd, never through a symlink; makes it
 * first when create is set and it is missing. */
static int open_dir(int dfd, const char *name, int create)
{
	int flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	int fd = openat(dfd, name, flags);

	if (fd >= 0 || errno != ENOENT || !create)
		return fd;
	if (mkdirat(dfd, name, 0755) < 0 && errno != EEXIST)
		return -1;
	/* The new entry must survive a crash as much as the file in it. */
	if (atomic_sync_dirfd(dfd) < 0)
		return -1;
	return openat(dfd, name, flags);
}

int pathguard_open_parent(const struct pathguard *g, const char *rel, int create,
			  const char **leaf)
{
	int dfd = openat(g->wsfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	const char *p = rel;
	char name[PATHGUARD_NAME_MAX + 1];

	for (const char *slash; dfd >= 0 && (slash = strchr(p, '/')) != NULL; p = slash + 1) {
		size_t n = (size_t)(slash - p);
		if (n > PATHGUARD_NAME_MAX) {
			close(dfd);
			return errno = ENAMETOOLONG, -1;
		}
		memcpy(name, p, n);
		name[n] = '\0';
		int fd = open_dir(dfd, name, create);
		int saved = errno;
		close(dfd);
		errno = saved;
		dfd = fd;
	}
	*leaf = p;
	return dfd;
}
