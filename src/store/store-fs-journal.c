/* store-fs-journal: the filesystem backend's journal: one O_APPEND
 * descriptor per open project, held under flock(2) so that two processes
 * never interleave one project's history; each line one write(2). */
#include "store/store-fs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "base/atomic.h"
#include "base/paths.h"
#include "base/xmalloc.h"

#define JOURNAL "journal.jsonl"

static char *busy(const char *name, const char *path)
{
	return xasprintf("project '%s' is open in another faos-codex (%s); close it there first",
			 name, path);
}

int store_fs_lock(struct store_backend *be, const char *name, int *fd, char **err)
{
	char *path = store_fs_project_path(be, name, JOURNAL);

	*fd = open(path, O_RDWR | O_CLOEXEC);
	if (*fd < 0 && errno == ENOENT) {
		free(path);
		return 0;
	}
	if (*fd < 0 || flock(*fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno == EWOULDBLOCK)
			*err = busy(name, path);
		else
			*err = paths_error("cannot lock", path);
		if (*fd >= 0)
			close(*fd);
		*fd = -1;
		free(path);
		return -1;
	}
	free(path);
	return 0;
}

int store_fs_journal_open(struct store_backend *be, const char *name, char **err)
{
	struct fs_backend *f = (struct fs_backend *)be;
	char *path = store_fs_project_path(be, name, JOURNAL);
	char *dir = store_fs_project_path(be, name, NULL);
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600), rc = -1;

	if (fd < 0 || atomic_sync_dir(dir) < 0) {
		*err = paths_error("cannot open", path);
	} else if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		*err = errno == EWOULDBLOCK ? busy(name, path) : paths_error("cannot lock", path);
	} else {
		if (f->jfd >= 0)
			close(f->jfd);
		free(f->jname);
		f->jfd = fd, f->jname = xstrdup(name);
		fd = -1, rc = 0;
	}
	if (fd >= 0)
		close(fd);
	free(path);
	free(dir);
	return rc;
}

char *store_fs_journal_read(struct store_backend *be, const char *name, size_t *len, char **err)
{
	char *path = store_fs_project_path(be, name, JOURNAL), *data = paths_read_file(path, len);

	if (data == NULL && errno == ENOENT) {
		data = xstrdup("");
		*len = 0;
	} else if (data == NULL) {
		*err = paths_error("cannot read", path);
	}
	free(path);
	return data;
}

int store_fs_journal_cut(struct store_backend *be, const char *name, size_t len, char **err)
{
	char *path = store_fs_project_path(be, name, JOURNAL);
	int fd = open(path, O_WRONLY | O_CLOEXEC), rc = 0;

	if (fd < 0 || ftruncate(fd, (off_t)len) < 0 || fsync(fd) < 0) {
		*err = paths_error("cannot cut the torn line off", path);
		rc = -1;
	}
	if (fd >= 0)
		close(fd);
	free(path);
	return rc;
}

int store_fs_journal_append(struct store_backend *be, const char *name, const char *line,
			    size_t len, int sync, char **err)
{
	struct fs_backend *f = (struct fs_backend *)be;

	if (f->jname == NULL || strcmp(f->jname, name) != 0) {
		*err = xasprintf("journal of project '%s' is not open", name);
		return -1;
	}
	ssize_t n;
	while ((n = write(f->jfd, line, len)) < 0 && errno == EINTR)
		;
	if (n == (ssize_t)len && (!sync || fdatasync(f->jfd) == 0))
		return 0;
	int saved = n < 0 || n == (ssize_t)len ? errno : ENOSPC;
	if (n > 0 && n < (ssize_t)len) {
		/* Take our own fragment back off, so the journal stays whole. */
		off_t end = lseek(f->jfd, 0, SEEK_END);
		if (end >= n && ftruncate(f->jfd, end - n) < 0)
			saved = errno;
	}
	char *path = store_fs_project_path(be, name, JOURNAL);
	errno = saved;
	*err = paths_error("cannot append to", path);
	free(path);
	return -1;
}
