/* wsfiles: reading and writing a workspace's files for the store.
 *
 * Paths are opened beneath the workspace root with openat2(RESOLVE_BENEATH)
 * so that a symlink inside the workspace may be followed while one leading
 * out of it is refused by the kernel; where openat2 is missing, every
 * component is opened with O_NOFOLLOW instead (stricter: no symlink at
 * all). The last component is never followed: a symlinked file is not a
 * file the store records. */
#include "store/store-int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sha2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/atomic.h"
#include "base/buf.h"
#include "base/paths.h"
#include "base/xmalloc.h"

#define MAX_DEPTH 64

int store_ws_path_ok(const char *path)
{
	size_t len = strlen(path);

	if (len == 0 || len > 4096 || path[0] == '/')
		return 0;
	for (const char *c = path; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return 0;
	for (const char *c = path; ; ) {
		size_t n = strcspn(c, "/");
		if (n == 0 || (n == 1 && c[0] == '.') || (n == 2 && !strncmp(c, "..", 2)) ||
		    paths_protected_name(c, n))
			return 0;
		if (c[n] == '\0')
			return 1;
		c += n + 1;
	}
}

void store_ws_sha256(const void *data, size_t len, char hex[65])
{
	SHA256Data(data, len, hex);
}

static int open_walk(int rootfd, const char *path, int flags)
{
	int dfd = fcntl(rootfd, F_DUPFD_CLOEXEC, 0);

	for (const char *c = path; dfd >= 0; ) {
		size_t n = strcspn(c, "/");
		char *comp = xstrndup(c, n);
		int last = c[n] == '\0';
		int fd = openat(dfd, comp, last ? flags | O_NOFOLLOW | O_CLOEXEC
						: O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		int saved = errno;
		struct stat st;
		/* A symlinked directory fails as "not a directory": say symlink. */
		if (fd < 0 && saved == ENOTDIR && fstatat(dfd, comp, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISLNK(st.st_mode))
			saved = ELOOP;
		free(comp);
		close(dfd);
		errno = saved;
		if (last || fd < 0)
			return fd;
		dfd = fd;
		c += n + 1;
	}
	return -1;
}

static int open_beneath(int rootfd, const char *path, int flags)
{
#ifdef SYS_openat2
	/* Asked once: a kernel (or seccomp filter) without it stays so. */
	static _Atomic int missing;
	if (!missing) {
		struct open_how how = { .flags = (unsigned long long)(flags | O_CLOEXEC),
					.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS };
		int fd = (int)syscall(SYS_openat2, rootfd, path, &how, sizeof how);
		if (fd >= 0 || (errno != ENOSYS && errno != EPERM))
			return fd;
		missing = 1;
	}
#endif
	return open_walk(rootfd, path, flags);
}

static char *why_not(const char *root, const char *path)
{
	if (errno == ELOOP)
		return xasprintf("'%s' is a symlink (%s/%s); only regular files are recorded",
				 path, root, path);
	if (errno == EXDEV)
		return xasprintf("'%s' leads out of the workspace (%s/%s); only files inside it "
				 "are recorded", path, root, path);
	if (errno == ENOENT)
		return xasprintf("'%s' is not in the workspace (%s/%s); write it first or list it "
				 "as deleted", path, root, path);
	return xasprintf("cannot open %s/%s: %s", root, path, strerror(errno));
}

char *store_ws_read(int wsfd, const char *root, const char *path, size_t *len, unsigned *mode,
		    char **err)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	int fd = open_beneath(wsfd, path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW);
	struct buf b = BUF_INIT;
	struct stat st;
	char chunk[65536];
	ssize_t n;

	if (fd < 0) {
		*err = why_not(root, path);
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		*err = xasprintf("'%s' is not a regular file in the workspace (%s/%s); only "
				 "regular files are recorded", path, root, path);
		close(fd);
		return NULL;
	}
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*err = xasprintf("cannot read %s/%s: %s", root, path, strerror(errno));
			close(fd);
			buf_free(&b);
			return NULL;
		}
		buf_append(&b, chunk, (size_t)n);
	}
	close(fd);
	*len = b.len;
	*mode = st.st_mode & 07777;
	return buf_steal(&b);
}

/* The directory holding path, opened beneath the root (made, 0755, when
 * create is set); *base is the last component. */
static int parent_dir(int wsfd, const char *path, int create, const char **base)
{
	const char *slash = strrchr(path, '/');
	int cur = fcntl(wsfd, F_DUPFD_CLOEXEC, 0);

	*base = slash ? slash + 1 : path;
	for (const char *c = path; slash && cur >= 0 && c <= slash; ) {
		size_t n = strcspn(c, "/");
		char *prefix = xstrndup(path, (size_t)(c - path) + n), *comp = xstrndup(c, n);
		int fd = open_beneath(wsfd, prefix, O_RDONLY | O_DIRECTORY);
		if (fd < 0 && errno == ENOENT && create && mkdirat(cur, comp, 0755) == 0)
			fd = open_beneath(wsfd, prefix, O_RDONLY | O_DIRECTORY);
		int saved = errno;
		free(prefix);
		free(comp);
		close(cur);
		errno = saved;
		cur = fd;
		c += n + 1;
	}
	return cur;
}

int store_ws_write(int wsfd, const char *root, const char *path, const void *data, size_t len,
		   unsigned mode, char **err)
{
	const char *base;
	int dfd = parent_dir(wsfd, path, 1, &base);

	if (dfd < 0 || atomic_write_at(dfd, base, data, len, mode, 0) < 0) {
		*err = dfd < 0 ? why_not(root, path)
			       : xasprintf("cannot write %s/%s: %s", root, path, strerror(errno));
		if (dfd >= 0)
			close(dfd);
		return -1;
	}
	close(dfd);
	return 0;
}

int store_ws_unlink(int wsfd, const char *root, const char *path, char **err)
{
	const char *base;
	int dfd = parent_dir(wsfd, path, 0, &base);

	if (dfd < 0 && errno == ENOENT)
		return 0;
	if (dfd < 0 || (unlinkat(dfd, base, 0) < 0 && errno != ENOENT)) {
		*err = xasprintf("cannot remove %s/%s: %s", root, path, strerror(errno));
		if (dfd >= 0)
			close(dfd);
		return -1;
	}
	close(dfd);
	return 0;
}

int store_ws_open_root(const char *root, char **err)
{
	int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		*err = xasprintf("cannot open the workspace %s: %s; restore the directory or "
				 "recreate the project", root, strerror(errno));
	return fd;
}

struct path_list {
	char **v;
	size_t n;
};

/* Takes dfd. Directories that cannot be read are left out. */
static void scan_dir(int dfd, const char *prefix, struct path_list *l, int depth)
{
	DIR *d = fdopendir(dfd);
	struct dirent *de;

	if (d == NULL) {
		close(dfd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		const char *nm = de->d_name;
		struct stat st;
		if (!strcmp(nm, ".") || !strcmp(nm, "..") || paths_protected_name(nm, strlen(nm)) ||
		    fstatat(dirfd(d), nm, &st, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		char *path = prefix ? xasprintf("%s/%s", prefix, nm) : xstrdup(nm);
		if (S_ISREG(st.st_mode) && store_ws_path_ok(path)) {
			l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
			l->v[l->n++] = path;
			continue;
		}
		if (S_ISDIR(st.st_mode) && depth < MAX_DEPTH) {
			int fd = openat(dirfd(d), nm, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (fd >= 0)
				scan_dir(fd, path, l, depth + 1);
		}
		free(path);
	}
	closedir(d);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int store_ws_scan(const char *root, char ***paths, size_t *n, char **err)
{
	struct path_list l = { NULL, 0 };
	int fd = store_ws_open_root(root, err);

	if (fd < 0)
		return -1;
	scan_dir(fd, NULL, &l, 0);
	if (l.n > 1)
		qsort(l.v, l.n, sizeof *l.v, cmp_str);
	*paths = l.v;
	*n = l.n;
	return 0;
}

void store_ws_free_paths(char **paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
}
