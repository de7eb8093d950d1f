/* reaper: the sandbox's init. Forks the command into its own process group
 * (Landlock and seccomp applied in the child, so the command cannot signal
 * or confine us), reaps every process that ends up as our child, and when
 * the command ends kills whatever it left behind and writes the exact status
 * on the status fd: "exit CODE" or "signal SIG CORE" from the wait status
 * itself, never from the program's output (so "exit 137" is not SIGKILL).
 *
 * SIGTERM/SIGINT/SIGHUP count only when they come from outside: from the
 * parent namespace (si_pid 0) or, without a pid namespace, from our parent.
 * Then everything gets SIGTERM and SIGCONT, and SIGKILL after the grace
 * period. With a pid namespace "everything" is kill(-1) inside it; without
 * one we are a subreaper and walk our descendants through /proc. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/close_range.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sandbox/helper.h"

enum { STAGE_LANDLOCK = 1, STAGE_SECCOMP, STAGE_EXEC };

struct exec_error {
	int stage, err;
};

static void ignore_signal(int sig)
{
	(void)sig;
}

static void command_exec(const struct helper_opts *o, int ruleset_fd, int errfd)
{
	struct exec_error e = { 0, 0 };
	sigset_t none;

	setpgid(0, 0);
	for (int sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			signal(sig, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	/* Nothing of ours reaches the command: the exec-error pipe and the
	 * ruleset close at exec too. */
	syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC);
	if (ruleset_fd >= 0 && landlock_enforce(ruleset_fd) < 0)
		e = (struct exec_error){ STAGE_LANDLOCK, errno };
	else if (o->seccomp && seccomp_enforce(o) < 0)
		e = (struct exec_error){ STAGE_SECCOMP, errno ? errno : EINVAL };
	/* The limits are the command's, set last (nothing allocates after
	 * them): init stays free to reap and kill whatever they are, and a
	 * sanitizer build keeps its shadow memory. privs_limit reports its
	 * own failure on the status fd, which is still open here. */
	else if (privs_limit(o) < 0)
		_exit(127);
	else {
		execvp(o->argv[0], o->argv);
		e = (struct exec_error){ STAGE_EXEC, errno };
	}
	if (write(errfd, &e, sizeof e) < 0)
		_exit(126);
	_exit(127);
}

/* Descendants of pid through /proc/PID/task/TID/children. */
static int signal_descendants(pid_t pid, int sig)
{
	char path[64];
	int n = 0;
	snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
	DIR *tasks = opendir(path);
	if (!tasks)
		return 0;
	for (struct dirent *t; (t = readdir(tasks));) {
		if (t->d_name[0] == '.')
			continue;
		char cpath[320];
		snprintf(cpath, sizeof cpath, "/proc/%d/task/%s/children", (int)pid, t->d_name);
		FILE *f = fopen(cpath, "re");
		if (!f)
			continue;
		for (int child; fscanf(f, "%d", &child) == 1;) {
			n += signal_descendants(child, sig);
			if (kill(child, sig) == 0)
				n++;
		}
		fclose(f);
	}
	closedir(tasks);
	return n;
}

static int signal_all(bool pidns, int sig)
{
	if (pidns)
		return kill(-1, sig) == 0;
	return signal_descendants(getpid(), sig);
}

static int count_processes(bool pidns)
{
	if (!pidns)
		return signal_descendants(getpid(), 0);
	int n = 0;
	DIR *d = opendir("/proc");
	for (struct dirent *e; d && (e = readdir(d));)
		if (atoi(e->d_name) > 1)
			n++;
	if (d)
		closedir(d);
	return n;
}

/* Reaps what has ended; records the command's status. */
static void reap(pid_t command, siginfo_t *main_info, bool *main_done)
{
	for (;;) {
		siginfo_t info = { 0 };
		if (waitid(P_ALL, 0, &info, WEXITED | WNOHANG) < 0 || info.si_pid == 0)
			return;
		if (info.si_pid == command) {
			*main_info = info;
			*main_done = true;
		}
	}
}

/* After the command: SIGKILL the rest until nothing is left; how many. */
static int kill_leftovers(bool pidns)
{
	int left = count_processes(pidns);
	for (int round = 0; round < 1000; round++) {
		signal_all(pidns, SIGKILL);
		pid_t p = waitpid(-1, NULL, 0);
		if (p < 0 && errno == ECHILD)
			break;
	}
	return left;
}

static void report_exec_error(int errfd)
{
	struct exec_error e;
	if (read(errfd, &e, sizeof e) != (ssize_t)sizeof e)
		return;
	static const char *const stages[] = { "", "landlock", "seccomp", "exec" };
	if (e.stage == STAGE_EXEC)
		helper_status("exec %d", e.err);
	else if (e.stage > 0 && e.stage < STAGE_EXEC)
		helper_fail(stages[e.stage], e.err);
}

/* Time left until a CLOCK_MONOTONIC instant (zero once it has passed). */
static struct timespec until(struct timespec at)
{
	struct timespec now, left = { 0, 0 };
	clock_gettime(CLOCK_MONOTONIC, &now);
	long long ns = (at.tv_sec - now.tv_sec) * 1000000000LL + (at.tv_nsec - now.tv_nsec);
	if (ns > 0)
		left = (struct timespec){ ns / 1000000000LL, ns % 1000000000LL };
	return left;
}

static bool from_outside(const siginfo_t *si, bool pidns, pid_t parent)
{
	return pidns ? si->si_pid == 0 : si->si_pid == parent;
}

void reaper_run(const struct helper_opts *o, int ruleset_fd, bool pidns)
{
	sigset_t watched;
	int errpipe[2];
	pid_t parent = getppid();

	sigemptyset(&watched);
	int sigs[] = { SIGCHLD, SIGTERM, SIGINT, SIGHUP };
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		/* pid 1 drops signals it has no handler for. */
		signal(sigs[i], ignore_signal);
		sigaddset(&watched, sigs[i]);
	}
	sigprocmask(SIG_BLOCK, &watched, NULL);
	if (pipe2(errpipe, O_CLOEXEC) < 0) {
		helper_fail("make exec pipe", errno);
		_exit(1);
	}
	pid_t command = fork();
	if (command < 0) {
		helper_fail("fork command", errno);
		_exit(1);
	}
	if (command == 0)
		command_exec(o, ruleset_fd, errpipe[1]);
	close(errpipe[1]);
	if (ruleset_fd >= 0)
		close(ruleset_fd);
	report_exec_error(errpipe[0]);
	close(errpipe[0]);

	siginfo_t main_info = { 0 };
	bool main_done = false, terminating = false, stopped = false;
	struct timespec kill_at = { 0, 0 };
	while (!main_done) {
		siginfo_t si;
		struct timespec left = until(kill_at);
		int sig = terminating ? sigtimedwait(&watched, &si, &left) : sigwaitinfo(&watched, &si);
		if (sig < 0 && errno == EAGAIN) {
			signal_all(pidns, SIGKILL); /* grace period over */
			terminating = false;
		} else if (sig == SIGCHLD) {
			reap(command, &main_info, &main_done);
		} else if (sig > 0 && !terminating && from_outside(&si, pidns, parent)) {
			signal_all(pidns, SIGTERM);
			signal_all(pidns, SIGCONT);
			clock_gettime(CLOCK_MONOTONIC, &kill_at);
			kill_at.tv_sec += o->grace_s;
			terminating = stopped = true;
		}
	}
	/* After a stop everything was told to end: what is still dying then
	 * was not left behind by the command. */
	int left = kill_leftovers(pidns);
	if (left > 0 && !stopped)
		helper_status("background %d", left);
	if (main_info.si_code == CLD_EXITED)
		helper_status("exit %d", main_info.si_status);
	else
		helper_status("signal %d %d", main_info.si_status, main_info.si_code == CLD_DUMPED);
	_exit(0);
}
