/* faos-codex-sbx: the sandbox helper. The supervisor (src/sandbox/run.c)
 * posix_spawns it with stdin /dev/null, stdout/stderr pipes and a status
 * pipe on fd 3, in a new session; it builds the layers the options name and
 * runs the command (see src/sandbox/helper.h for the process shape). With
 * --probe it reports which layers this kernel and identity allow instead.
 * It is a separate small program, not a fork of the multi-threaded TUI:
 * between fork and exec only async-signal-safe calls are allowed. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/paths.h"
#include "sandbox/helper.h"

#define INSIDE_ID 1000 /* the uid/gid inside a user namespace */

/* LeakSanitizer hook (only sanitizer builds call it): the helper's
 * processes end inside new pid namespaces or under the command's rlimits,
 * where the leak checker cannot stop the world or map memory and dies
 * with a "fatal error" on our stderr, which is the command's stderr. */
int __lsan_is_turned_off(void);
int __lsan_is_turned_off(void)
{
	return 1;
}

static int ns_flags(const struct helper_opts *o)
{
	int flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS;
	if (!o->network)
		flags |= CLONE_NEWNET;
	if (o->userns)
		flags |= CLONE_NEWUSER;
	return flags;
}

/* Inside a new user namespace we may map only our own ids. */
static int map_ids(void)
{
	char map[64];
	snprintf(map, sizeof map, "%d %u 1\n", INSIDE_ID, (unsigned)getuid());
	if (paths_write_text("/proc/self/setgroups", "deny\n", 0) < 0 ||
	    paths_write_text("/proc/self/uid_map", map, 0) < 0)
		return -1;
	snprintf(map, sizeof map, "%d %u 1\n", INSIDE_ID, (unsigned)getgid());
	return paths_write_text("/proc/self/gid_map", map, 0);
}

static void init_main(const struct helper_opts *o, bool pidns) __attribute__((noreturn));
static void init_main(const struct helper_opts *o, bool pidns)
{
	int rs = -1;
	if (pidns) {
		/* The outer helper dies (SIGKILL from the supervisor): so do we,
		 * and with PID 1 gone the kernel kills the whole namespace. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (mounts_build(o) < 0 || mounts_network(o) < 0)
			_exit(1);
	}
	if (privs_drop(o) < 0)
		_exit(1);
	if (pidns)
		prctl(PR_SET_PDEATHSIG, SIGKILL); /* cleared by the uid change */
	if (chdir(o->workspace) < 0) {
		helper_fail("enter workspace", errno);
		_exit(1);
	}
	if (o->landlock && (rs = landlock_prepare(o)) < 0)
		_exit(1);
	reaper_run(o, rs, pidns);
}

static pid_t init_pid;

static void forward_term(int sig)
{
	(void)sig;
	kill(init_pid, SIGTERM);
}

/* The outer helper, in the host's namespaces: waits for init and passes the
 * supervisor's SIGTERM on (init accepts it because it comes from outside). */
static int outer_wait(void)
{
	struct sigaction sa = { .sa_handler = forward_term };
	sigset_t stops;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigemptyset(&stops);
	sigaddset(&stops, SIGTERM);
	sigaddset(&stops, SIGINT);
	sigaddset(&stops, SIGHUP);
	sigprocmask(SIG_UNBLOCK, &stops, NULL); /* a stop that came early is forwarded now */
	int status;
	while (waitpid(init_pid, &status, 0) < 0)
		if (errno != EINTR)
			return 1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int run(const struct helper_opts *o)
{
	char pid[32];
	/* faos-codex died (kill -9, a crash): the run dies with it rather than
	 * go on unwatched until its timeout; init follows (its own PDEATHSIG). */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		return 1;
	/* A stop can come at any moment, even before init is ready for it;
	 * PID 1 drops a signal it neither handles nor blocks, so the stop
	 * signals stay blocked (pending) until init's reaper waits for them,
	 * and until outer_wait forwards them here. */
	sigset_t stops;
	sigemptyset(&stops);
	sigaddset(&stops, SIGTERM);
	sigaddset(&stops, SIGINT);
	sigaddset(&stops, SIGHUP);
	sigprocmask(SIG_BLOCK, &stops, NULL);
	snprintf(pid, sizeof pid, "%d\n", (int)getpid());
	for (int i = 0; i < o->ncgroups; i++)
		if (paths_write_text(o->cgroups[i], pid, 0) < 0)
			return helper_fail("join cgroup", errno), 1;
	/* The OOM killer takes the sandbox before anything else. */
	paths_write_text("/proc/self/oom_score_adj", "1000\n", 0);
	if (!o->namespaces) {
		prctl(PR_SET_CHILD_SUBREAPER, 1);
		init_main(o, false);
	}
	if (unshare(ns_flags(o)) < 0)
		return helper_fail("create namespaces", errno), 1;
	if (o->userns && map_ids() < 0)
		return helper_fail("map user ids", errno), 1;
	init_pid = fork();
	if (init_pid < 0)
		return helper_fail("fork init", errno), 1;
	if (init_pid == 0)
		init_main(o, true);
	return outer_wait();
}

/* --probe: one "name value [detail]" line per layer on stdout. */
static int probe_namespaces(bool userns)
{
	struct helper_opts o = { .userns = userns };
	pid_t pid = fork();
	if (pid == 0) {
		if (unshare(ns_flags(&o)) < 0)
			_exit(10);
		pid_t init = fork();
		if (init == 0) {
			if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
				_exit(11);
			if (mount("tmpfs", "/tmp", "tmpfs", 0, "size=64k") < 0 ||
			    mount("proc", "/tmp", "proc", 0, NULL) < 0)
				_exit(12);
			_exit(0);
		}
		int st;
		waitpid(init, &st, 0);
		_exit(WIFEXITED(st) ? WEXITSTATUS(st) : 13);
	}
	int st;
	if (pid < 0 || waitpid(pid, &st, 0) < 0)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 13;
}

static int probe(void)
{
	static const char *const why[] = { [10] = "unshare refused", [11] = "mount refused",
					   [12] = "cannot mount tmpfs or proc", [13] = "probe crashed" };
	bool root = geteuid() == 0;
	int ns = probe_namespaces(!root);
	printf("root %d\n", root);
	if (ns == 0)
		printf("namespaces 1 %s\n", root ? "as root" : "in a user namespace");
	else
		printf("namespaces 0 %s\n", ns >= 10 && ns <= 13 ? why[ns] : "probe failed");
	printf("landlock %d\n", landlock_abi());
	printf("seccomp %d\n", seccomp_available());
	printf("vsock %d\n", access("/dev/vsock", F_OK) == 0);
	return 0;
}

enum {
	OPT_ROOT = 256, OPT_TMP, OPT_HOME, OPT_NS, OPT_USERNS, OPT_NET, OPT_LANDLOCK, OPT_SECCOMP,
	OPT_UID, OPT_GID, OPT_AS, OPT_NPROC, OPT_NOFILE, OPT_CPU, OPT_FSIZE, OPT_TMPSIZE,
	OPT_GRACE, OPT_PROTECT, OPT_CGROUP, OPT_PROBE,
};

static long long number(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < 0) {
		fprintf(stderr, "faos-codex-sbx: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

static void parse(int argc, char **argv, struct helper_opts *o)
{
	static const struct option opts[] = {
		{ "workspace", required_argument, NULL, 'w' }, { "root-dir", required_argument, NULL, OPT_ROOT },
		{ "tmp-dir", required_argument, NULL, OPT_TMP }, { "home-dir", required_argument, NULL, OPT_HOME },
		{ "namespaces", no_argument, NULL, OPT_NS }, { "userns", no_argument, NULL, OPT_USERNS },
		{ "network", no_argument, NULL, OPT_NET }, { "landlock", no_argument, NULL, OPT_LANDLOCK },
		{ "seccomp", no_argument, NULL, OPT_SECCOMP }, { "uid", required_argument, NULL, OPT_UID },
		{ "gid", required_argument, NULL, OPT_GID }, { "rlimit-as", required_argument, NULL, OPT_AS },
		{ "nproc", required_argument, NULL, OPT_NPROC }, { "nofile", required_argument, NULL, OPT_NOFILE },
		{ "cpu", required_argument, NULL, OPT_CPU }, { "fsize", required_argument, NULL, OPT_FSIZE },
		{ "tmp-size", required_argument, NULL, OPT_TMPSIZE }, { "grace", required_argument, NULL, OPT_GRACE },
		{ "protect", required_argument, NULL, OPT_PROTECT }, { "cgroup", required_argument, NULL, OPT_CGROUP },
		{ "probe", no_argument, NULL, OPT_PROBE }, { NULL, 0, NULL, 0 },
	};
	int c;
	while ((c = getopt_long(argc, argv, "+w:", opts, NULL)) != -1) {
		switch (c) {
		case 'w': o->workspace = optarg; break;
		case OPT_ROOT: o->root_dir = optarg; break;
		case OPT_TMP: o->tmp_dir = optarg; break;
		case OPT_HOME: o->home_dir = optarg; break;
		case OPT_NS: o->namespaces = true; break;
		case OPT_USERNS: o->userns = true; break;
		case OPT_NET: o->network = true; break;
		case OPT_LANDLOCK: o->landlock = true; break;
		case OPT_SECCOMP: o->seccomp = true; break;
		case OPT_UID: o->uid = (uid_t)number(optarg); break;
		case OPT_GID: o->gid = (gid_t)number(optarg); break;
		case OPT_AS: o->mem_bytes = number(optarg); break;
		case OPT_NPROC: o->nproc = (long)number(optarg); break;
		case OPT_NOFILE: o->nofile = (long)number(optarg); break;
		case OPT_CPU: o->cpu_s = (long)number(optarg); break;
		case OPT_FSIZE: o->fsize_bytes = number(optarg); break;
		case OPT_TMPSIZE: o->tmp_bytes = number(optarg); break;
		case OPT_GRACE: o->grace_s = (int)number(optarg); break;
		case OPT_PROTECT:
			if (o->nprotect < HELPER_MAX_PROTECT)
				o->protect[o->nprotect++] = optarg;
			break;
		case OPT_CGROUP:
			if (o->ncgroups < HELPER_MAX_CGROUPS)
				o->cgroups[o->ncgroups++] = optarg;
			break;
		case OPT_PROBE: exit(probe());
		default: exit(2);
		}
	}
	o->argv = argv + optind;
}

int main(int argc, char **argv)
{
	struct helper_opts o = { .uid = (uid_t)-1, .gid = (gid_t)-1, .grace_s = 5 };
	parse(argc, argv, &o);
	/* The status fd must not reach the command. */
	if (fcntl(HELPER_STATUS_FD, F_SETFD, FD_CLOEXEC) < 0) {
		fprintf(stderr, "faos-codex-sbx: run by faos-codex only (no status fd)\n");
		return 2;
	}
	if (!o.workspace || !o.argv[0] || (o.namespaces && !o.root_dir) ||
	    (!o.namespaces && o.landlock && (!o.tmp_dir || !o.home_dir))) {
		helper_fail("helper arguments", EINVAL);
		return 2;
	}
	return run(&o);
}
