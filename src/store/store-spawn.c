/* store-spawn: posix_spawnp with argv, stdout/stderr through pipes read
 * with poll (so a chatty child cannot fill one pipe while we wait on the
 * other), and one line of error from stderr; tarballs made durable. */
#include "store/store-spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/atomic.h"
#include "base/paths.h"
#include "base/xmalloc.h"

#define ERR_KEEP 4096 /* stderr beyond this is read and dropped */

int store_on_path(const char *prog)
{
	const char *path = getenv("PATH");
	char *copy = xstrdup(path && *path ? path : "/usr/bin:/bin"), *save = NULL;
	int found = 0;

	for (char *dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
		char *full = xasprintf("%s/%s", *dir ? dir : ".", prog);
		struct stat st;
		found = stat(full, &st) == 0 && S_ISREG(st.st_mode) && access(full, X_OK) == 0;
		free(full);
	}
	free(copy);
	return found;
}

/* Reads both pipes to their ends; fds are closed. */
static void drain(int out_fd, int err_fd, struct buf *out, struct buf *errb)
{
	struct pollfd p[2] = { { out_fd, POLLIN, 0 }, { err_fd, POLLIN, 0 } };
	char chunk[8192];

	while (p[0].fd >= 0 || p[1].fd >= 0) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			if (p[i].fd < 0 || p[i].revents == 0)
				continue;
			ssize_t n = read(p[i].fd, chunk, sizeof chunk);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				close(p[i].fd);
				p[i].fd = -1;
			} else if (i == 0 && out) {
				buf_append(out, chunk, (size_t)n);
			} else if (i == 1 && errb->len < ERR_KEEP) {
				buf_append(errb, chunk, (size_t)n);
			}
		}
	}
	for (int i = 0; i < 2; i++)
		if (p[i].fd >= 0)
			close(p[i].fd);
}

static char *ending(const char *prog, int status, const struct buf *errb)
{
	if (errb->len > 0) {
		size_t n = strcspn(errb->data, "\n");
		return xstrndup(errb->data, n);
	}
	if (WIFEXITED(status))
		return xasprintf("%s exited with status %d", prog, WEXITSTATUS(status));
	return xasprintf("%s was killed by signal %d", prog, WTERMSIG(status));
}

int store_spawn(char *const argv[], char *const envp[], struct buf *out, char **err)
{
	char *path_env = xasprintf("PATH=%s", getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
	char *const default_env[] = { path_env, "LANG=C", NULL };
	int op[2] = { -1, -1 }, ep[2] = { -1, -1 }, status = 0, rc;
	struct buf errb = BUF_INIT;
	posix_spawn_file_actions_t fa;
	pid_t pid;

	if (pipe2(op, O_CLOEXEC) < 0 || pipe2(ep, O_CLOEXEC) < 0) {
		*err = xasprintf("cannot run %s: pipe: %s", argv[0], strerror(errno));
		free(path_env);
		for (int i = 0; i < 2; i++) {
			if (op[i] >= 0)
				close(op[i]);
			if (ep[i] >= 0)
				close(ep[i]);
		}
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	if (out)
		posix_spawn_file_actions_adddup2(&fa, op[1], 1);
	else
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, ep[1], 2);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, envp ? envp : default_env);
	posix_spawn_file_actions_destroy(&fa);
	free(path_env);
	close(op[1]);
	close(ep[1]);
	if (rc != 0) {
		close(op[0]);
		close(ep[0]);
		*err = xasprintf("cannot run %s: %s", argv[0], strerror(rc));
		return -1;
	}
	drain(op[0], ep[0], out, &errb);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	rc = WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
	if (rc < 0)
		*err = ending(argv[0], status, &errb);
	buf_free(&errb);
	return rc;
}

static int sync_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int rc = fd < 0 || fsync(fd) < 0 ? -1 : 0;

	if (fd >= 0)
		close(fd);
	return rc;
}

int store_tar_create(const char *tgz, const char *from, const char *member, char **err)
{
	const char *slash = strrchr(tgz, '/');
	char *dir = paths_dirname(tgz);
	char *tmp = xasprintf("%s/.%s.tmp-%d", dir, slash ? slash + 1 : tgz, (int)getpid());
	char *argv[] = { "tar", "czf", tmp, "-C", (char *)from, "--", (char *)member, NULL };
	char *why = NULL;
	int rc = -1;

	if (store_spawn(argv, NULL, NULL, &why) < 0)
		*err = xasprintf("cannot write %s: %s", tgz, why);
	else if (sync_file(tmp) < 0 || rename(tmp, tgz) < 0 || atomic_sync_dir(dir) < 0)
		*err = paths_error("cannot write", tgz);
	else
		rc = 0;
	if (rc < 0)
		unlink(tmp);
	free(why);
	free(tmp);
	free(dir);
	return rc;
}
