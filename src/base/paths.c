/* paths: XDG directories, mkdir -p, whole-file reads and small writes,
 * removing a tree. */
#include "base/paths.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/xmalloc.h"

static const struct {
	const char *env;
	const char *fallback; /* under $HOME */
} xdg_dirs[] = {
	[XDG_CONFIG] = { "XDG_CONFIG_HOME", ".config" },
	[XDG_DATA] = { "XDG_DATA_HOME", ".local/share" },
	[XDG_STATE] = { "XDG_STATE_HOME", ".local/state" },
};

char *paths_xdg(enum xdg_kind kind)
{
	const char *base = getenv(xdg_dirs[kind].env);

	/* The spec says relative values are invalid and must be ignored. */
	if (base != NULL && base[0] == '/')
		return xasprintf("%s/faos-codex", base);
	const char *home = getenv("HOME");
	if (home == NULL || home[0] == '\0')
		home = "/tmp";
	return xasprintf("%s/%s/faos-codex", home, xdg_dirs[kind].fallback);
}

char *paths_error(const char *what, const char *path)
{
	return xasprintf("%s %s: %s", what, path, strerror(errno));
}

int paths_mkdir_p(const char *path, char **err)
{
	char *copy = xstrdup(path);

	for (char *p = copy + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (mkdir(copy, 0700) < 0 && errno != EEXIST) {
			*err = paths_error("cannot create directory", copy);
			free(copy);
			return -1;
		}
		*p = saved;
		if (saved == '\0')
			break;
	}
	free(copy);
	return 0;
}

char *paths_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

char *paths_read_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct buf b = BUF_INIT;
	char chunk[65536];
	ssize_t n;

	if (fd < 0)
		return NULL;
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int saved = errno;
			close(fd);
			buf_free(&b);
			errno = saved;
			return NULL;
		}
		buf_append(&b, chunk, (size_t)n);
	}
	close(fd);
	if (len)
		*len = b.len;
	return buf_steal(&b);
}

int paths_write_text(const char *path, const char *text, int flags)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC | flags, 0644);
	if (fd < 0)
		return -1;
	size_t len = strlen(text);
	ssize_t n = write(fd, text, len);
	int saved = errno;
	close(fd);
	if (n == (ssize_t)len)
		return 0;
	errno = n < 0 ? saved : EIO;
	return -1;
}

static int remove_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st, (void)ftw;
	if (type == FTW_DP)
		rmdir(path);
	else
		unlink(path); /* symlinks are removed, never followed */
	return 0;
}

void paths_remove_tree(const char *path)
{
	nftw(path, remove_one, 32, FTW_PHYS | FTW_DEPTH | FTW_MOUNT);
}

char *paths_data_dir(const char *configured)
{
	return configured && configured[0] ? xstrdup(configured) : paths_xdg(XDG_DATA);
}

const char *const paths_protected[] = { ".git", ".faos-codex", NULL };

const char *paths_protected_name(const char *name, size_t n)
{
	for (int i = 0; paths_protected[i]; i++)
		if (strlen(paths_protected[i]) == n && memcmp(paths_protected[i], name, n) == 0)
			return paths_protected[i];
	return NULL;
}
