/* detect: which layers this machine and identity allow, found once per
 * process: the helper's own --probe (namespaces by trial, Landlock ABI,
 * seccomp, /dev/vsock) plus the cgroup check, done here because the
 * supervisor is the one that creates the cgroups. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <seccomp.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sandbox/cgroup.h"
#include "sandbox/sandbox.h"

#ifndef FAOS_LIBEXECDIR
#define FAOS_LIBEXECDIR "/usr/local/libexec/faos-codex"
#endif
#define HELPER_NAME "faos-codex-sbx"

static struct sbx_probe probe_result;
static pthread_once_t probe_once = PTHREAD_ONCE_INIT;

/* A helper we may trust: a regular executable owned by root or by us that
 * nobody else can replace. Never looked up in PATH or the workspace. */
static bool trusted_helper(const char *path, char *why, size_t size)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		snprintf(why, size, "%s: %s", path, strerror(errno));
		return false;
	}
	if (!S_ISREG(st.st_mode) || access(path, X_OK) < 0) {
		snprintf(why, size, "%s: not an executable file", path);
		return false;
	}
	if ((st.st_uid != 0 && st.st_uid != geteuid()) || (st.st_mode & (S_IWGRP | S_IWOTH))) {
		snprintf(why, size, "%s: writable by others or owned by another user; refusing it", path);
		return false;
	}
	return true;
}

static void find_helper(struct sbx_probe *pr)
{
	char self[PATH_MAX], candidate[PATH_MAX + 32], why[PATH_MAX + 96] = "";
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		self[n] = '\0';
		char *slash = strrchr(self, '/');
		if (slash) {
			*slash = '\0';
			snprintf(candidate, sizeof candidate, "%s/%s", self, HELPER_NAME);
			if (trusted_helper(candidate, why, sizeof why) &&
			    snprintf(pr->helper, sizeof pr->helper, "%s", candidate) < (int)sizeof pr->helper)
				return;
		}
	}
	snprintf(candidate, sizeof candidate, "%s/%s", FAOS_LIBEXECDIR, HELPER_NAME);
	if (trusted_helper(candidate, why, sizeof why) &&
	    snprintf(pr->helper, sizeof pr->helper, "%s", candidate) < (int)sizeof pr->helper)
		return;
	snprintf(pr->error, sizeof pr->error,
		 "sandbox helper not usable (%.150s); reinstall faos-codex (make install)", why);
}

static void parse_line(struct sbx_probe *pr, const char *line)
{
	char key[32], detail[160] = "";
	int value;
	if (sscanf(line, "%31s %d %159[^\n]", key, &value, detail) < 2)
		return;
	if (strcmp(key, "root") == 0) {
		pr->root = value;
	} else if (strcmp(key, "namespaces") == 0) {
		pr->layer[SBX_NAMESPACES] = value;
		snprintf(pr->detail[SBX_NAMESPACES], sizeof pr->detail[0], "%s%s",
			 value ? "mount, pid, net, ipc, uts " : "", detail);
	} else if (strcmp(key, "landlock") == 0) {
		pr->landlock_abi = value;
		pr->layer[SBX_LANDLOCK] = value >= 1;
		snprintf(pr->detail[SBX_LANDLOCK], sizeof pr->detail[0], value >= 1 ? "ABI %d" :
			 "not in this kernel, or not in its lsm= list", value);
	} else if (strcmp(key, "seccomp") == 0) {
		pr->layer[SBX_SECCOMP] = value;
		const struct scmp_version *v = seccomp_version();
		snprintf(pr->detail[SBX_SECCOMP], sizeof pr->detail[0],
			 value ? "libseccomp %u.%u.%u" : "no seccomp filter support in this kernel",
			 v->major, v->minor, v->micro);
	} else if (strcmp(key, "vsock") == 0) {
		pr->vsock = value;
	}
}

/* Runs "helper --probe" and reads its lines. */
static int run_helper_probe(struct sbx_probe *pr)
{
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) < 0)
		return -1;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	char *argv[] = { pr->helper, "--probe", NULL };
	char *envp[] = { NULL };
	pid_t pid;
	int rc = posix_spawn(&pid, pr->helper, &fa, NULL, argv, envp);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (rc != 0) {
		close(fds[0]);
		errno = rc;
		return -1;
	}
	FILE *f = fdopen(fds[0], "r");
	char line[256];
	while (f && fgets(line, sizeof line, f))
		parse_line(pr, line);
	if (f)
		fclose(f);
	int status;
	waitpid(pid, &status, 0);
	return 0;
}

static void probe_now(void)
{
	struct sbx_probe *pr = &probe_result;
	find_helper(pr);
	pr->layer[SBX_RLIMITS] = true;
	snprintf(pr->detail[SBX_RLIMITS], sizeof pr->detail[0],
		 "core, open files, file size, CPU, processes%s", "");
	if (pr->helper[0] && run_helper_probe(pr) < 0)
		snprintf(pr->error, sizeof pr->error, "cannot run the sandbox helper %.180s: %s",
			 pr->helper, strerror(errno));
	pr->layer[SBX_CGROUP] = cgroup_probe(pr->detail[SBX_CGROUP], sizeof pr->detail[0]);
	pr->layer[SBX_UID] = pr->root;
	snprintf(pr->detail[SBX_UID], sizeof pr->detail[0], "%s",
		 pr->root ? "runs get their own uid (we are root)" : "not needed: we are not root");
	if (pr->error[0])
		pr->helper[0] = '\0';
}

const struct sbx_probe *sandbox_probe(void)
{
	pthread_once(&probe_once, probe_now);
	return &probe_result;
}
