/* atomic: temp file + fsync + rename + directory fsync; see atomic.h. */
#include "base/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/paths.h"

static int write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int atomic_sync_dirfd(int dirfd)
{
	/* Some filesystems refuse fsync on a directory (EINVAL): nothing to do there. */
	if (fsync(dirfd) < 0 && errno != EINVAL)
		return -1;
	return 0;
}

int atomic_sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = atomic_sync_dirfd(fd);
	int saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

int atomic_write_at(int dirfd, const char *name, const void *data, size_t len, mode_t mode,
		    int keep_mode)
{
	char tmp[512];
	struct stat st;
	if (strchr(name, '/') || snprintf(tmp, sizeof tmp, ".%s.tmp-%d", name, (int)getpid()) >=
					 (int)sizeof tmp)
		return errno = EINVAL, -1;
	if (keep_mode && fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
		mode = st.st_mode & 07777;
	int fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	if (write_all(fd, data, len) < 0 || fchmod(fd, mode) < 0 || fsync(fd) < 0) {
		int saved = errno;
		close(fd);
		unlinkat(dirfd, tmp, 0);
		return errno = saved, -1;
	}
	close(fd);
	if (renameat(dirfd, tmp, dirfd, name) < 0) {
		int saved = errno;
		unlinkat(dirfd, tmp, 0);
		return errno = saved, -1;
	}
	return atomic_sync_dirfd(dirfd);
}

int atomic_write(const char *path, const void *data, size_t len, mode_t mode)
{
	char *dir = paths_dirname(path);
	const char *slash = strrchr(path, '/');
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (dfd < 0)
		return -1;
	int rc = atomic_write_at(dfd, slash ? slash + 1 : path, data, len, mode, 0);
	int saved = errno;
	close(dfd);
	errno = saved;
	return rc;
}
