/* sandbox: what the execution sandbox costs on this machine.
 *
 * Usage: sandbox [RUNS]   (default 100)
 *
 * 1. Start-up: RUNS in-process sandbox_run() of `true` with the default
 *    configuration's policy (every layer the machine allows), beside RUNS
 *    plain posix_spawn + waitpid of /bin/true and RUNS of /bin/true under
 *    `bwrap --unshare-all` (when /usr/bin/bwrap exists), back to back; then
 *    RUNS/5 of the sandbox (all layers, then cgroup off) and of bwrap
 *    100 ms apart; then the sandbox with each layer off in turn. One
 *    warm-up run of each series is not counted (the first sandbox_run also
 *    probes the machine).
 * 2. Tear-down, 10 runs: a sandboxed shell starts 1,000 `sleep 1000` in the
 *    background and prints "ready"; the output callback then writes to the
 *    policy's cancel pipe and the time from that write until sandbox_run
 *    returns is measured. grace_s is 0, so it is the kill time (SIGTERM,
 *    then SIGKILL at once), plus reaping, the cgroup and the scratch dir.
 * 3. Throughput: a sandboxed `head -c 1 GiB /dev/zero` read through the
 *    sandbox's pipes into the head/tail capture and output.log (which stops
 *    at 64 MiB; the rest is still read and counted). Beside it, the same
 *    command read from a plain pipe in-process.
 *
 * The helper is found beside this binary: the Makefile copies
 * faos-codex-sbx into build/bench/. Times are wall-clock on
 * CLOCK_MONOTONIC; MB = 10^6 bytes. Prints figures, never asserts. */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/config.h"
#include "base/paths.h"
#include "sandbox/sandbox.h"

extern char **environ;

#define GIB (1ULL << 30)
#define TREE 1000
#define GAP_MS 100
#define GAP_TEXT "100"

static long long mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* "LABEL: median X ms, p90 Y ms (min, max)" of n samples in ns; sorts v. */
static void report_ms(const char *label, long long *v, int n, const char *extra)
{
	qsort(v, (size_t)n, sizeof *v, cmp_ll);
	int p90 = (int)((double)n * 0.9 + 0.999999) - 1;
	printf("%s: median %.2f ms, p90 %.2f ms (min %.2f, max %.2f, %d runs)%s\n", label,
	       (double)v[n / 2] / 1e6, (double)v[p90] / 1e6, (double)v[0] / 1e6,
	       (double)v[n - 1] / 1e6, n, extra);
}

/* A fresh directory under /tmp the sandbox uid can reach (0711). */
static int make_dir(char *path, size_t size, const char *name)
{
	snprintf(path, size, "/tmp/faos-bench-%s-XXXXXX", name);
	if (!mkdtemp(path) || chmod(path, 0711) < 0) {
		fprintf(stderr, "sandbox: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}


static void default_policy(struct sbx_policy *p, const char *workspace, char **argv)
{
	struct config cfg;

	config_init(&cfg);
	sandbox_policy_from_config(p, &cfg);
	config_free(&cfg);
	p->workspace = workspace;
	p->argv = argv;
}

/* One sandbox_run; its wall time in ns, or -1 (and why) when it did not
 * end as expected. */
static long long timed_run(const struct sbx_policy *p, const struct sbx_sink *sink,
			   struct sbx_result *res, enum sbx_outcome want)
{
	long long t0 = mono_ns();
	sandbox_run(p, sink, res);
	long long t = mono_ns() - t0;
	if (res->outcome != want) {
		char line[1024];
		sandbox_result_line(res, line, sizeof line);
		fprintf(stderr, "sandbox: %s: %s\n", p->argv[0], line);
		return -1;
	}
	return t;
}

/* posix_spawn + waitpid; ns, or -1. */
static long long timed_spawn(char **argv)
{
	pid_t pid;
	int status;
	long long t0 = mono_ns();

	if (posix_spawn(&pid, argv[0], NULL, NULL, argv, environ) != 0 ||
	    waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "sandbox: %s failed\n", argv[0]);
		return -1;
	}
	return mono_ns() - t0;
}

/* Warm-up, then n timed runs of the sandbox, gap_ms apart; 0 or -1. */
static int sample_sandbox(const struct sbx_policy *p, long long *v, int n, int gap_ms,
			  char *layers, size_t size)
{
	for (int i = -1; i < n; i++) {
		struct sbx_result res;
		if (gap_ms > 0)
			usleep((useconds_t)gap_ms * 1000);
		long long t = timed_run(p, NULL, &res, SBX_EXITED);
		snprintf(layers, size, "%s", res.layers);
		sandbox_result_free(&res);
		if (t < 0)
			return -1;
		if (i >= 0)
			v[i] = t;
	}
	return 0;
}

static int sample_spawn(char **argv, long long *v, int n, int gap_ms)
{
	for (int i = -1; i < n; i++) {
		if (gap_ms > 0)
			usleep((useconds_t)gap_ms * 1000);
		long long t = timed_spawn(argv);
		if (t < 0)
			return -1;
		if (i >= 0)
			v[i] = t;
	}
	return 0;
}

/* Where the start-up goes: the same run with one layer off at a time,
 * then with `sandbox: off` (cgroup and rlimits only). */
static void bench_layers(const struct sbx_policy *all, long long *v, int runs)
{
	char label[128], layers[160];

	for (int l = 0; l <= SBX_LAYER_COUNT; l++) {
		struct sbx_policy p = *all;
		if (l == SBX_RLIMITS)
			continue; /* always on */
		if (l < SBX_LAYER_COUNT) {
			p.disabled = 1u << l;
			snprintf(label, sizeof label, "  sandbox true, %s off",
				 sandbox_layer_name((enum sbx_layer)l));
		} else {
			p.unconfined = true;
			snprintf(label, sizeof label, "  sandbox true, sandbox: off");
		}
		if (sample_sandbox(&p, v, runs, 0, layers, sizeof layers) == 0)
			report_ms(label, v, runs, "");
		else
			printf("%s: not measured (the line above says why)\n", label);
	}
}

/* Back to back, then GAP_MS apart as a user's runs are: a cgroup v1
 * attach right after another is cheap, one after a pause waits for an
 * RCU grace period. */
static void bench_sandbox_true(const struct sbx_policy *p, long long *v, int runs)
{
	char layers[160] = "", extra[256];
	int apart = (runs + 4) / 5;

	if (sample_sandbox(p, v, runs, 0, layers, sizeof layers) == 0) {
		snprintf(extra, sizeof extra, "; layers: %s", layers);
		report_ms("sandbox true (all layers), in-process sandbox_run()", v, runs, extra);
	}
	if (sample_sandbox(p, v, apart, GAP_MS, layers, sizeof layers) == 0)
		report_ms("sandbox true (all layers), runs " GAP_TEXT " ms apart", v, apart, "");
	struct sbx_policy no_cg = *p;
	no_cg.disabled = 1u << SBX_CGROUP;
	if (sample_sandbox(&no_cg, v, apart, GAP_MS, layers, sizeof layers) == 0)
		report_ms("sandbox true, cgroup off, runs " GAP_TEXT " ms apart", v, apart, "");
}

static void bench_bwrap(long long *v, int runs)
{
	static char *argv[] = { "/usr/bin/bwrap", "--unshare-all", "--die-with-parent",
				"--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin",
				"--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
				"--proc", "/proc", "--dev", "/dev", "/bin/true", NULL };
	int apart = (runs + 4) / 5;

	if (access(argv[0], X_OK) != 0) {
		printf("bwrap: not installed\n");
		return;
	}
	if (sample_spawn(argv, v, runs, 0) == 0)
		report_ms("bwrap --unshare-all ... /bin/true via posix_spawn", v, runs, "");
	if (sample_spawn(argv, v, apart, GAP_MS) == 0)
		report_ms("bwrap --unshare-all ... /bin/true, runs " GAP_TEXT " ms apart", v, apart, "");
}

static void bench_startup(int runs)
{
	static char *true_argv[] = { "true", NULL };
	static char *spawn_argv[] = { "/bin/true", NULL };
	long long *v = calloc((size_t)runs, sizeof *v);
	char ws[128];
	struct sbx_policy p;

	if (!v || make_dir(ws, sizeof ws, "ws") < 0) {
		free(v);
		return;
	}
	default_policy(&p, ws, true_argv);
	bench_sandbox_true(&p, v, runs);
	if (sample_spawn(spawn_argv, v, runs, 0) == 0)
		report_ms("plain posix_spawn + waitpid of /bin/true", v, runs, "");
	bench_bwrap(v, runs);
	printf("aim: within 2x of bwrap, under 10 ms\n");
	bench_layers(&p, v, runs);
	paths_remove_tree(ws);
	free(v);
}

/* Tear-down: the output callback cancels the run once "ready" is seen. */
struct teardown {
	int cancel_wr;
	size_t matched; /* bytes of "ready" matched so far */
	long long cancel_ns;
};

static void teardown_output(void *ctx, enum sbx_stream stream, const char *bytes, size_t len)
{
	static const char word[] = "ready";
	struct teardown *t = ctx;

	for (size_t i = 0; stream == SBX_STDOUT && i < len && !t->cancel_ns; i++) {
		t->matched = bytes[i] == word[t->matched] ? t->matched + 1 : bytes[i] == 'r';
		if (t->matched == sizeof word - 1) {
			t->cancel_ns = mono_ns();
			if (write(t->cancel_wr, "x", 1) != 1)
				t->cancel_ns = -1;
		}
	}
}

/* One tree run; the kill time in ns, or -1. */
static long long teardown_once(const char *ws, int *killed)
{
	static char *argv[] = { "sh", "-c",
				"i=0; while [ $i -lt 1000 ]; do sleep 1000 & i=$((i+1)); done; "
				"echo ready; sleep 1000", NULL };
	int fds[2];
	struct sbx_policy p;
	struct sbx_result res;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return -1;
	default_policy(&p, ws, argv);
	p.max_procs = 2 * TREE;
	p.timeout_s = 3600;
	p.grace_s = 0;
	p.cancel_fd = fds[0];
	struct teardown t = { .cancel_wr = fds[1] };
	struct sbx_sink sink = { .output = teardown_output, .ctx = &t };
	long long ok = timed_run(&p, &sink, &res, SBX_CANCELLED);
	long long end = mono_ns();
	*killed = res.background_killed;
	sandbox_result_free(&res);
	close(fds[0]);
	close(fds[1]);
	return ok < 0 || t.cancel_ns <= 0 ? -1 : end - t.cancel_ns;
}

static void bench_teardown(int runs)
{
	long long v[16];
	char ws[128], extra[128];
	int killed = 0;

	if (make_dir(ws, sizeof ws, "tree") < 0)
		return;
	for (int i = 0; i < runs; i++)
		if ((v[i] = teardown_once(ws, &killed)) < 0) {
			paths_remove_tree(ws);
			return;
		}
	snprintf(extra, sizeof extra, "; last run: %d still there when the shell was reaped", killed);
	report_ms("tear down 1,000 sleeping processes, cancel write to sandbox_run return (grace 0: "
		  "kill time)", v, runs, extra);
	printf("aim: under 200 ms\n");
	paths_remove_tree(ws);
}

static void count_output(void *ctx, enum sbx_stream stream, const char *bytes, size_t len)
{
	(void)stream, (void)bytes;
	*(unsigned long long *)ctx += len;
}

static void bench_throughput(void)
{
	static char *argv[] = { "head", "-c", "1073741824", "/dev/zero", NULL };
	char ws[128], run[128];
	unsigned long long seen = 0;
	struct sbx_policy p;
	struct sbx_result res;
	struct stat st;

	if (make_dir(ws, sizeof ws, "ws") < 0 || make_dir(run, sizeof run, "run") < 0)
		return;
	default_policy(&p, ws, argv);
	p.max_output_mb = 2048;
	p.timeout_s = 3600;
	p.run_dir = run;
	struct sbx_sink sink = { .output = count_output, .ctx = &seen };
	long long ns = timed_run(&p, &sink, &res, SBX_EXITED);
	if (ns > 0) {
		long long log = stat(res.log_path, &st) == 0 ? (long long)st.st_size : -1;
		printf("sandbox output throughput, head -c 1 GiB /dev/zero: %.0f MB/s (%llu bytes read "
		       "in %.3f s; %llu to the sink; output.log %lld bytes)\n",
		       (double)res.out.total / ((double)ns / 1e9) / 1e6,
		       (unsigned long long)res.out.total, (double)ns / 1e9, seen, log);
	}
	sandbox_result_free(&res);
	printf("aim: at least 500 MB/s\n");
	paths_remove_tree(run);
	paths_remove_tree(ws);
}

/* Baseline: the same command, its stdout a plain pipe read here. */
static void bench_plain_pipe(void)
{
	static char *argv[] = { "/usr/bin/head", "-c", "1073741824", "/dev/zero", NULL };
	static char chunk[64 * 1024];
	posix_spawn_file_actions_t fa;
	unsigned long long total = 0;
	int fds[2], status;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return;
	fcntl(fds[0], F_SETPIPE_SZ, 1 << 20);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	long long t0 = mono_ns();
	int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	for (ssize_t n; rc == 0 && (n = read(fds[0], chunk, sizeof chunk)) > 0;)
		total += (unsigned long long)n;
	close(fds[0]);
	if (rc != 0 || waitpid(pid, &status, 0) < 0)
		return;
	double s = (double)(mono_ns() - t0) / 1e9;
	printf("plain pipe baseline, same command, 64 KiB reads: %.0f MB/s (%llu bytes in %.3f s)\n",
	       (double)total / s / 1e6, total, s);
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 100;

	if (runs < 1) {
		fprintf(stderr, "usage: sandbox [RUNS]\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	const struct sbx_probe *pr = sandbox_probe();
	if (!pr->helper[0]) {
		printf("sandbox: no helper: %s\n", pr->error);
		return 0;
	}
	bench_startup(runs);
	bench_teardown(10);
	bench_throughput();
	bench_plain_pipe();
	return 0;
}
