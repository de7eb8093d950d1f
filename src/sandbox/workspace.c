/* workspace: checks on the directory a run may write, handing it to the
 * sandbox uid, and the run's scratch directory (the new root's mount point;
 * without namespaces also the private TMPDIR and HOME). */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/paths.h"
#include "sandbox/workspace.h"


static const char *const system_trees[] = { "/usr", "/etc", "/proc", "/sys", "/dev", "/boot",
					     "/bin", "/sbin", "/lib", "/lib64", "/run", NULL };

static bool is_under(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

int workspace_check(const char *dir, char *real, char *why, size_t size)
{
	struct stat st;
	if (!realpath(dir, real) || stat(real, &st) < 0) {
		snprintf(why, size, "workspace %s: %s", dir, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(why, size, "workspace %s: not a directory", dir);
		return -1;
	}
	const char *home = getenv("HOME");
	char home_real[PATH_MAX];
	bool is_home = home && realpath(home, home_real) && is_under(home_real, real);
	bool system = strcmp(real, "/") == 0;
	for (int i = 0; system_trees[i]; i++)
		system |= is_under(real, system_trees[i]);
	if (system || is_home) {
		snprintf(why, size, "workspace %s would expose %s; use a project directory", real,
			 is_home ? "your home directory" : "the system");
		return -1;
	}
	if (strlen(real) > 1024) {
		snprintf(why, size, "workspace path is longer than 1024 bytes");
		return -1;
	}
	return 0;
}

/* nftw has no user pointer; runs happen one per thread. */
static _Thread_local uid_t give_uid;
static _Thread_local gid_t give_gid;
static _Thread_local int give_errors;
static _Thread_local size_t give_base;

static int give_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)type;
	if (ftw->level == 1) {
		for (int i = 0; paths_protected[i]; i++)
			if (strcmp(path + give_base + 1, paths_protected[i]) == 0)
				return FTW_SKIP_SUBTREE; /* stays ours: read-only to the sandbox */
	}
	if ((st->st_uid != give_uid || st->st_gid != give_gid) &&
	    lchown(path, give_uid, give_gid) < 0)
		give_errors++;
	return FTW_CONTINUE;
}

int workspace_give(const char *real, uid_t uid, gid_t gid)
{
	give_uid = uid;
	give_gid = gid;
	give_errors = 0;
	give_base = strlen(real);
	if (nftw(real, give_one, 32, FTW_PHYS | FTW_MOUNT | FTW_ACTIONRETVAL) < 0)
		return -1;
	return give_errors ? (errno = EPERM, -1) : 0;
}

/* Scratch directories of processes that are gone (a faos-codex killed with
 * kill -9), once per process: only our own, and only real directories. */
static void scratch_sweep(const char *tmp)
{
	static atomic_bool swept;
	if (atomic_exchange(&swept, true))
		return;
	DIR *d = opendir(tmp);
	for (struct dirent *e; d && (e = readdir(d));) {
		int pid;
		char path[PATH_MAX];
		struct stat st;
		if (sscanf(e->d_name, "faos-codex-run-%d-", &pid) != 1 || pid == getpid() ||
		    kill(pid, 0) == 0 || errno != ESRCH ||
		    snprintf(path, sizeof path, "%s/%s", tmp, e->d_name) >= (int)sizeof path ||
		    lstat(path, &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid())
			continue;
		paths_remove_tree(path);
	}
	if (d)
		closedir(d);
}

int scratch_make(struct scratch *s, uid_t uid, gid_t gid)
{
	const char *tmp = getenv("TMPDIR");
	if (!tmp || tmp[0] != '/' || strlen(tmp) >= 512)
		tmp = "/tmp";
	scratch_sweep(tmp);
	/* The pid in the name says whose it is, for the sweep. */
	snprintf(s->dir, sizeof s->dir, "%s/faos-codex-run-%d-XXXXXX", tmp, (int)getpid());
	if (!mkdtemp(s->dir))
		return -1;
	snprintf(s->root, sizeof s->root, "%s/root", s->dir);
	snprintf(s->tmp, sizeof s->tmp, "%s/tmp", s->dir);
	snprintf(s->home, sizeof s->home, "%s/home", s->dir);
	if (mkdir(s->root, 0700) < 0 || mkdir(s->tmp, 0700) < 0 || mkdir(s->home, 0700) < 0)
		return -1;
	/* The sandbox uid must reach its TMPDIR and HOME, and nothing else. */
	if (uid != (uid_t)-1 && (chmod(s->dir, 0711) < 0 || chown(s->tmp, uid, gid) < 0 ||
				 chown(s->home, uid, gid) < 0))
		return -1;
	return 0;
}

void scratch_remove(struct scratch *s)
{
	if (s->dir[0])
		paths_remove_tree(s->dir);
	s->dir[0] = '\0';
}
