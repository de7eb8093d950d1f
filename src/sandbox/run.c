/* run: the supervisor side of one sandboxed run. Decides the layers,
 * prepares the cgroup and scratch directories, posix_spawns the helper, and
 * drives one poll loop over stdout, stderr, the status pipe, the helper's
 * pidfd and the caller's cancel fd, never blocking on the child: output is
 * read as fast as it comes (to the sink, the head/tail capture and the log)
 * while deadlines fire the stop sequence (SIGTERM, SIGKILL after the grace
 * period). The thread calling sandbox_run does all of it (sandbox.h). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/xmalloc.h"
#include "sandbox/capture.h"
#include "sandbox/cgroup.h"
#include "sandbox/env.h"
#include "sandbox/run.h"
#include "sandbox/workspace.h"

#define READ_CHUNK (64 * 1024)
#define READ_BUDGET (1024 * 1024) /* per stream per wakeup, so neither starves */
#define LOG_CAP (64ULL << 20)
#define DRAIN_MS 2000            /* output still open after the helper ended */
#define KILL_SLACK_MS 2000       /* beyond the grace period before SIGKILL */

static atomic_uint run_seq;

enum { FD_OUT, FD_ERR, FD_STATUS, FD_PID, FD_CANCEL, FD_COUNT };

struct supervisor {
	const struct sbx_policy *p;
	const struct sbx_sink *sink;
	struct sbx_result *res;
	int fd[FD_COUNT];
	pid_t pid;
	bool helper_done;
	int helper_status;
	struct buf status; /* the helper's status lines */
	struct spool log;
	enum sbx_outcome stop_reason; /* SBX_EXITED: not stopping */
	long long stop_at, kill_at, drain_at;
	bool killed;
	struct sbx_cgroup cg;
	bool have_cg;
};

static long long now_ms(void)
{
	return (long long)clock_now_ms();
}

static void start_stop(struct supervisor *s, enum sbx_outcome why)
{
	if (s->stop_reason != SBX_EXITED || s->helper_done)
		return;
	s->stop_reason = why;
	syscall(SYS_pidfd_send_signal, s->fd[FD_PID], SIGTERM, NULL, 0);
	s->kill_at = now_ms() + s->p->grace_s * 1000LL + KILL_SLACK_MS;
}

static void force_kill(struct supervisor *s)
{
	if (!s->helper_done)
		syscall(SYS_pidfd_send_signal, s->fd[FD_PID], SIGKILL, NULL, 0);
	if (s->have_cg)
		cgroup_kill_all(&s->cg);
	s->killed = true;
}

/* Past the output limit nothing more is kept or shown, but reading goes on
 * (a full pipe would block the program and turn a flood into a timeout). */
static void take_output(struct supervisor *s, int which, const char *p, size_t n)
{
	struct sbx_capture *c = which == FD_OUT ? &s->res->out : &s->res->err_stream;
	uint64_t seen = s->res->out.total + s->res->err_stream.total;
	uint64_t room = seen < s->res->max_output ? s->res->max_output - seen : 0;
	if (n > room) {
		n = (size_t)room;
		start_stop(s, SBX_OUTPUT_LIMIT);
	}
	if (n == 0)
		return;
	capture_add(c, p, n);
	spool_write(&s->log, p, n);
	if (s->sink && s->sink->output)
		s->sink->output(s->sink->ctx, which == FD_OUT ? SBX_STDOUT : SBX_STDERR, p, n);
}

/* Reads until EAGAIN or the budget; closes the fd at EOF. */
static void drain(struct supervisor *s, int which)
{
	static _Thread_local char chunk[READ_CHUNK];
	for (size_t got = 0; got < READ_BUDGET;) {
		ssize_t n = read(s->fd[which], chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		if (n <= 0) {
			close(s->fd[which]);
			s->fd[which] = -1;
			return;
		}
		got += (size_t)n;
		if (which == FD_STATUS)
			buf_append(&s->status, chunk, (size_t)n);
		else
			take_output(s, which, chunk, (size_t)n);
	}
}

static void helper_exited(struct supervisor *s)
{
	siginfo_t info = { 0 };
	if (waitid((idtype_t)P_PIDFD, (id_t)s->fd[FD_PID], &info, WEXITED) == 0)
		s->helper_status = info.si_code == CLD_EXITED ? info.si_status : 128 + info.si_status;
	s->helper_done = true;
	close(s->fd[FD_PID]);
	s->fd[FD_PID] = -1;
	s->drain_at = now_ms() + DRAIN_MS;
}

static int poll_timeout(const struct supervisor *s)
{
	long long next = -1, now = now_ms();
	long long at[] = { s->stop_reason == SBX_EXITED ? s->stop_at : 0,
			   s->killed ? 0 : s->kill_at, s->helper_done ? s->drain_at : 0 };
	for (size_t i = 0; i < sizeof at / sizeof *at; i++)
		if (at[i] > 0 && (next < 0 || at[i] < next))
			next = at[i];
	if (next < 0)
		return -1;
	return next <= now ? 0 : (int)(next - now);
}

static void check_deadlines(struct supervisor *s)
{
	long long now = now_ms();
	if (s->stop_reason == SBX_EXITED && now >= s->stop_at)
		start_stop(s, SBX_TIMEOUT);
	if (s->kill_at > 0 && !s->killed && now >= s->kill_at)
		force_kill(s);
	if (s->helper_done && now >= s->drain_at && (s->fd[FD_OUT] >= 0 || s->fd[FD_ERR] >= 0)) {
		/* Something outside the helper's reach holds the pipes. */
		s->res->pipes_held = true;
		if (s->have_cg)
			cgroup_kill_all(&s->cg);
		for (int i = FD_OUT; i <= FD_STATUS; i++)
			if (s->fd[i] >= 0)
				close(s->fd[i]), s->fd[i] = -1;
	}
}

static void supervise(struct supervisor *s)
{
	s->stop_at = now_ms() + s->p->timeout_s * 1000LL;
	for (;;) {
		struct pollfd pfd[FD_COUNT];
		int n = 0, map[FD_COUNT];
		for (int i = 0; i < FD_COUNT; i++)
			if (s->fd[i] >= 0) {
				pfd[n] = (struct pollfd){ .fd = s->fd[i], .events = POLLIN };
				map[n++] = i;
			}
		bool open_io = s->fd[FD_OUT] >= 0 || s->fd[FD_ERR] >= 0 || s->fd[FD_STATUS] >= 0;
		if (s->helper_done && !open_io)
			return;
		if (poll(pfd, (nfds_t)n, poll_timeout(s)) < 0 && errno != EINTR) {
			force_kill(s); /* cannot watch it any more: end it */
			return;
		}
		for (int i = 0; i < n; i++) {
			if (!(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			if (map[i] == FD_PID)
				helper_exited(s);
			else if (map[i] == FD_CANCEL) {
				start_stop(s, SBX_CANCELLED);
				close(s->fd[FD_CANCEL]); /* our dup; seen once is enough */
				s->fd[FD_CANCEL] = -1;
			} else
				drain(s, map[i]);
		}
		check_deadlines(s);
	}
}

static int make_pipes(int out[2], int err[2], int status[2])
{
	if (pipe2(out, O_CLOEXEC) < 0 || pipe2(err, O_CLOEXEC) < 0 || pipe2(status, O_CLOEXEC) < 0)
		return -1;
	/* Only our read ends are non-blocking: a non-blocking write end
	 * would make the program's writes fail with EAGAIN. */
	fcntl(out[0], F_SETFL, O_NONBLOCK);
	fcntl(err[0], F_SETFL, O_NONBLOCK);
	fcntl(status[0], F_SETFL, O_NONBLOCK);
	fcntl(out[0], F_SETPIPE_SZ, 1 << 20); /* fewer wakeups under a flood */
	return 0;
}

static int spawn_helper(struct supervisor *s, char **argv, char **envp)
{
	int out[2] = { -1, -1 }, err[2] = { -1, -1 }, st[2] = { -1, -1 };
	if (make_pipes(out, err, st) < 0)
		return -1;
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t none, all;
	sigemptyset(&none);
	sigfillset(&all);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_adddup2(&fa, err[1], 2);
	posix_spawn_file_actions_adddup2(&fa, st[1], 3);
	posix_spawnattr_init(&attr);
	/* A new session: no controlling terminal, so /dev/tty and TIOCSTI
	 * have nothing to reach; signals back to their defaults. */
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK |
				 POSIX_SPAWN_SETSIGDEF);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &all);
	int rc = posix_spawn(&s->pid, argv[0], &fa, &attr, argv, envp);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close(out[1]);
	close(err[1]);
	close(st[1]);
	s->fd[FD_OUT] = out[0];
	s->fd[FD_ERR] = err[0];
	s->fd[FD_STATUS] = st[0];
	if (rc != 0)
		return errno = rc, -1;
	s->fd[FD_PID] = (int)syscall(SYS_pidfd_open, s->pid, 0);
	if (s->fd[FD_PID] < 0) {
		kill(s->pid, SIGKILL);
		waitpid(s->pid, NULL, 0);
		return -1;
	}
	return 0;
}

static void close_all(struct supervisor *s)
{
	if (s->pid > 0 && !s->helper_done) /* killed above: reap it */
		waitpid(s->pid, NULL, 0);
	for (int i = 0; i < FD_COUNT; i++)
		if (s->fd[i] >= 0)
			close(s->fd[i]);
	if (s->log.fd >= 0)
		close(s->log.fd);
}

static int setup_failed(struct sbx_result *res, const char *fmt, const char *arg)
	__attribute__((format(printf, 2, 0)));
static int setup_failed(struct sbx_result *res, const char *fmt, const char *arg)
{
	res->outcome = SBX_SETUP_FAILED;
	res->err = errno;
	snprintf(res->detail, sizeof res->detail, fmt, arg, strerror(res->err));
	return 125;
}

static int prepare(struct supervisor *s, const struct run_plan *plan, struct scratch *scr)
{
	struct sbx_result *res = s->res;
	uid_t uid = plan->uid;
	if (scratch_make(scr, uid, (gid_t)uid) < 0)
		return setup_failed(res, "cannot make the run's scratch directory %.200s: %s", scr->dir);
	if (uid != (uid_t)-1 && workspace_give(plan->workspace, uid, (gid_t)uid) < 0)
		return setup_failed(res, "cannot give %.200s to the sandbox uid: %s", plan->workspace);
	if (plan->layers & (1u << SBX_CGROUP)) {
		char name[64];
		snprintf(name, sizeof name, "faos-codex-%d-%u", (int)getpid(),
			 atomic_fetch_add(&run_seq, 1));
		if (cgroup_create(&s->cg, name, (long long)s->p->memory_mb << 20, s->p->max_procs) < 0) {
			cgroup_destroy(&s->cg);
			return setup_failed(res, "cannot make the run's cgroup %.200s: %s", name);
		}
		s->have_cg = true;
	}
	if (s->p->run_dir) {
		snprintf(res->log_path, sizeof res->log_path, "%s/output.log", s->p->run_dir);
		s->log.fd = open(res->log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (s->log.fd < 0)
			return setup_failed(res, "cannot write the run log %.200s: %s", res->log_path);
	}
	return 0;
}

int sandbox_run(const struct sbx_policy *p, const struct sbx_sink *sink, struct sbx_result *res)
{
	struct supervisor s = { .p = p, .sink = sink, .res = res, .stop_reason = SBX_EXITED,
				.log = { .fd = -1 } };
	struct scratch scr = { 0 };
	struct run_plan plan;
	long long started = now_ms();

	memset(res, 0, sizeof *res);
	for (int i = 0; i < FD_COUNT; i++)
		s.fd[i] = -1;
	res->timeout_s = p->timeout_s;
	res->memory_mb = p->memory_mb;
	res->max_procs = p->max_procs;
	res->max_output = (uint64_t)p->max_output_mb << 20;
	s.log.cap = res->max_output < LOG_CAP ? res->max_output : LOG_CAP;
	int rc = run_plan_make(p, &plan, res);
	if (rc == 0)
		rc = prepare(&s, &plan, &scr);
	if (rc == 0) {
		char **argv = run_helper_argv(&plan, &scr, s.have_cg ? &s.cg : NULL);
		char **envp = env_build(plan.layers & (1u << SBX_NAMESPACES) ? "/home/sandbox" : scr.home,
					plan.layers & (1u << SBX_NAMESPACES) ? "/tmp" : scr.tmp);
		if (sink && sink->started)
			sink->started(sink->ctx, res->layers, res->warnings);
		if (p->cancel_fd >= 0)
			s.fd[FD_CANCEL] = fcntl(p->cancel_fd, F_DUPFD_CLOEXEC, 0);
		if (spawn_helper(&s, argv, envp) < 0)
			rc = setup_failed(res, "cannot start the sandbox helper %.200s: %s", argv[0]);
		else
			supervise(&s);
		run_argv_free(argv);
		env_free(envp);
	}
	if (s.have_cg) {
		cgroup_counters(&s.cg, &res->oom_kills, &res->procs_limit_hit);
		cgroup_destroy(&s.cg);
	}
	close_all(&s);
	scratch_remove(&scr);
	capture_finish(&res->out);
	capture_finish(&res->err_stream);
	res->duration_ms = (long)(now_ms() - started);
	if (rc == 0)
		rc = run_classify(res, s.status.data ? s.status.data : "", s.status.len,
				  s.stop_reason, s.helper_status);
	buf_free(&s.status);
	if (res->outcome == SBX_EXEC_FAILED)
		snprintf(res->detail, sizeof res->detail, "'%.200s': %s", p->argv[0], strerror(res->err));
	return rc;
}

void sandbox_result_free(struct sbx_result *res)
{
	capture_free(&res->out);
	capture_free(&res->err_stream);
}
