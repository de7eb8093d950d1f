/* helper: what the sandbox helper (faos-codex-sbx) is told to build, and the
 * layer steps it runs, in order, between posix_spawn and the user's command.
 *
 * Process shape (one run):
 *   supervisor (faos-codex, any thread)
 *    └─ faos-codex-sbx            outer: joins the cgroup, unshares, forwards SIGTERM
 *        └─ init (PID 1 in the new pid namespace, or the outer itself as a
 *           subreaper when there are no namespaces): mounts, drops privileges,
 *           reaps, kills what is left, writes the status record on fd 3
 *            └─ the command: own process group, rlimits, Landlock, seccomp, execvp
 * Everything here runs in a single-threaded process, so it may allocate and
 * print freely; errors become one "setup STAGE ERRNO" status line. */
#ifndef FAOS_SANDBOX_HELPER_H
#define FAOS_SANDBOX_HELPER_H

#include <stdbool.h>
#include <sys/types.h>

#define HELPER_STATUS_FD 3
#define HELPER_MAX_PROTECT 8
#define HELPER_MAX_CGROUPS 4

struct helper_opts {
	const char *workspace; /* absolute, no symlinks */
	const char *root_dir;  /* empty directory to build the new root on */
	const char *tmp_dir;   /* without namespaces: the run's private TMPDIR and HOME */
	const char *home_dir;
	bool namespaces, userns, network, landlock, seccomp;
	uid_t uid; /* uid/gid to drop to when root; (uid_t)-1: stay */
	gid_t gid;
	long long mem_bytes;  /* RLIMIT_AS fallback when no memory cgroup; 0: none */
	long nproc, nofile, cpu_s;
	long long fsize_bytes, tmp_bytes;
	int grace_s;
	const char *protect[HELPER_MAX_PROTECT]; /* workspace-relative, read-only */
	int nprotect;
	const char *cgroups[HELPER_MAX_CGROUPS]; /* cgroup.procs files to join */
	int ncgroups;
	char **argv; /* the command */
};

/* Writes "setup STAGE ERRNO" on the status fd; returns -1 for chaining. */
int helper_fail(const char *stage, int err);
/* Writes one status line (printf-style). */
void helper_status(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* mounts.c: the filesystem view, called as init inside the new namespaces. */
int mounts_build(const struct helper_opts *o);
/* Loopback up and the hostname, inside new net/uts namespaces. */
int mounts_network(const struct helper_opts *o);

/* privs.c: the rlimits (set in the command's process, before exec); the
 * uid/gid, capabilities and no-new-privs (set in init, before the fork). */
int privs_limit(const struct helper_opts *o);
int privs_drop(const struct helper_opts *o);

/* landlock.c: ABI of the running kernel (0 when unavailable). */
int landlock_abi(void);
/* Builds the ruleset for the paths this run may use; -1 on failure. */
int landlock_prepare(const struct helper_opts *o);
/* In the command's process, before exec. */
int landlock_enforce(int ruleset_fd);

/* seccomp.c: the syscall filter, loaded in the command's process. */
int seccomp_enforce(const struct helper_opts *o);
bool seccomp_available(void);

/* reaper.c: fork the command, reap everything, report. Does not return. */
void reaper_run(const struct helper_opts *o, int ruleset_fd, bool pid_namespace) __attribute__((noreturn));

#endif
