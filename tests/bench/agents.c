/* agents: the multi-agent benchmarks of issue 7. Do parallel coders pay
 * off against a local server that serves a few requests at once, and does
 * the TUI stay responsive while several streams arrive together?
 *
 * Usage: agents BINARY FAKELLM WORKDIR [RUNS] [KEYS]   (default 3, 200)
 *   wall time: `faos-codex run` with a planner and coders on a plan of four
 *     independent files (alpha.py ... delta.py, ~400 tokens each; the run
 *     command imports all four), against fakellm at --rate 200 tokens/s
 *     per request with --slots 4, concurrency: 4 in the config; with
 *     --coders 1 and --coders 4, RUNS times each (interleaved), median and
 *     the speed-up. Every run must exit 0 (all four files written and
 *     imported); a run that does not is reported with its stderr's path.
 *   keystroke latency: the TUI on a pty with the same agents, idle with
 *     the project open, then while its four coders stream 9,000 tokens
 *     each at 200 tokens/s at once (45 s): a series with the loop's tab
 *     shown (the status bar's four tokens/s change), then one with coder
 *     1's tab shown (its tokens draw too); measured as tui-keys does (a
 *     key written, the time until its echo comes back).
 * Each coder gets its own reply through fakellm --reply-when: the coder
 * prompt lists "Your files (coder K of N):" then "- path: purpose" lines,
 * so "):\n- alpha.py:" picks the coder that owns alpha.py. WORKDIR is made
 * and filled here (the caller removes it). Prints figures; never asserts. */
#include "tui-pty.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>

#define RATE "200"
#define SLOTS "4"
#define SHORT_TOKENS 400
#define LONG_TOKENS 9000
#define PROMPT "four tables of numbers"

static const char *const files[] = { "alpha", "bravo", "charlie", "delta" };
static char work[PATH_MAX - 64];
static struct tui t;

static const char *at(const char *name)
{
	static char paths[8][PATH_MAX];
	static int next;
	char *p = paths[next++ % 8];

	snprintf(p, PATH_MAX, "%s/%s", work, name);
	return p;
}

/* A coder's answer: NAME.py holding a table, `tokens` fakellm tokens long
 * (a token is a word and the whitespace after it). */
static void put_table(FILE *f, const char *name, int tokens)
{
	fprintf(f, "%s.py\n```python\nTABLE = [\n", name);
	for (int i = 1; i <= tokens - 7; i++)
		fprintf(f, "%d,\n", i);
	fputs("]\n```\n", f);
}

static int fixtures(void)
{
	FILE *plan = fopen(at("plan.txt"), "w"), *all = fopen(at("all.txt"), "w");
	FILE *cfg = fopen(at("config.yaml"), "w");
	char name[64];

	if (!plan || !all || !cfg)
		return -1;
	/* Purposes that name no other file: the four are shared out alone. */
	fputs("## Files\n", plan);
	for (int i = 0; i < 4; i++)
		fprintf(plan, "- %s.py: table number %d of the numbers\n", files[i], i + 1);
	fputs("\n## Run\n```run\npython3 -c 'import alpha, bravo, charlie, delta'\n```\n", plan);
	fputs("concurrency: 4\n", cfg);
	for (int i = 0; i < 4; i++) {
		put_table(all, files[i], SHORT_TOKENS);
		for (int len = 0; len < 2; len++) {
			snprintf(name, sizeof name, "%s%s.txt", files[i], len ? "-long" : "");
			FILE *f = fopen(at(name), "w");
			if (!f)
				return -1;
			put_table(f, files[i], len ? LONG_TOKENS : SHORT_TOKENS);
			fclose(f);
		}
	}
	return fclose(plan) | fclose(all) | fclose(cfg);
}

/* fakellm with the planner's and the coders' replies (suffix "" or
 * "-long"); its base URL into url. */
static pid_t fake_start(const char *fakellm, const char *suffix, char *url, size_t n)
{
	char port_file[PATH_MAX], plan[PATH_MAX + 16], one[PATH_MAX + 32], each[4][PATH_MAX + 32];
	char *argv[32];
	int k = 0;

	snprintf(port_file, sizeof port_file, "%s/port%s", work, suffix);
	unlink(port_file);
	snprintf(plan, sizeof plan, "plan-m=%s", at("plan.txt"));
	snprintf(one, sizeof one, "(coder 1 of 1):\n=%s", at("all.txt"));
	argv[k++] = (char *)fakellm;
	for (const char *const *a = (const char *const[]){ "--port-file", port_file, "--rate", RATE,
			"--slots", SLOTS, "--replies-for", plan, "--reply-when", one, NULL }; *a; a++)
		argv[k++] = (char *)*a;
	for (int i = 0; i < 4; i++) {
		snprintf(each[i], sizeof each[i], "):\n- %s.py:=%s/%s%s.txt", files[i], work, files[i], suffix);
		argv[k++] = "--reply-when";
		argv[k++] = each[i];
	}
	argv[k] = NULL;
	pid_t pid = fork();
	if (pid == 0) {
		execv(fakellm, argv);
		_exit(127);
	}
	for (int i = 0; i < 250; i++) {
		FILE *f = fopen(port_file, "r");
		int port = 0;
		if (f && fscanf(f, "%d", &port) == 1 && port > 0) {
			fclose(f);
			snprintf(url, n, "http://127.0.0.1:%d", port);
			return pid;
		}
		if (f)
			fclose(f);
		usleep(20000);
	}
	fprintf(stderr, "agents: %s wrote no port to %s\n", fakellm, port_file);
	return -1;
}

static void stop(pid_t pid)
{
	if (pid > 0) {
		kill(pid, SIGTERM);
		waitpid(pid, NULL, 0);
	}
}

/* argv with stdout to /dev/null and stderr to err_path; its exit status,
 * and the wall time in *ms. */
static int run_timed(char *const argv[], const char *err_path, double *ms)
{
	double t0 = tui_now_ms();
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		int out = open("/dev/null", O_WRONLY), err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (out < 0 || err < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
			_exit(126);
		execv(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	*ms = tui_now_ms() - t0;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* One `faos-codex run` with n coders; its wall time in ms, or -1. */
static double headless(const char *bin, const char *url, int n, int run)
{
	char ws[PATH_MAX + 80], project[64], coders[16], err[PATH_MAX + 80];
	double ms = -1;

	snprintf(project, sizeof project, "bench-c%d-r%d", n, run);
	snprintf(ws, sizeof ws, "%s/ws-%s", work, project);
	snprintf(err, sizeof err, "%s/%s.err", work, project);
	snprintf(coders, sizeof coders, "%d", n);
	mkdir(ws, 0755);
	char *argv[] = { (char *)bin, "run", "-c", (char *)at("config.yaml"), "-e", (char *)url,
			 "--agent", "planner=plan-m", "--agent", "coder=code-m", "--coders", coders,
			 "-p", PROMPT, "--workspace", ws, "--project", project, NULL };
	int rc = run_timed(argv, err, &ms);
	if (rc != 0) {
		printf("agents: run with %d coder(s) exited %d (see %s)\n", n, rc, err);
		return -1;
	}
	return ms;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, tui_cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void wall_times(const char *bin, const char *url, int runs)
{
	double *ms[2] = { calloc((size_t)runs, sizeof(double)), calloc((size_t)runs, sizeof(double)) };
	double med[2];
	const int coders[2] = { 1, 4 };
	int ok[2] = { 0, 0 };

	for (int r = 0; r < runs; r++)
		for (int c = 0; c < 2; c++) {
			double v = headless(bin, url, coders[c], r + 1);
			if (v >= 0)
				ms[c][ok[c]++] = v;
		}
	for (int c = 0; c < 2; c++) {
		if (!ok[c])
			continue;
		printf("agents wall time, %d coder%s: ", coders[c], coders[c] > 1 ? "s" : "");
		for (int i = 0; i < ok[c]; i++)
			printf("%s%.2f", i ? ", " : "", ms[c][i] / 1e3);
		med[c] = median(ms[c], ok[c]);
		printf(" s; median %.2f s of %d runs\n", med[c] / 1e3, ok[c]);
	}
	if (ok[0] && ok[1])
		printf("agents speed-up with 4 coders: %.2fx (aim: at least 3x)\n", med[0] / med[1]);
	free(ms[0]);
	free(ms[1]);
}

/* A keystroke series (tui-pty.h); says after which key `end` showed. */
static void series(const char *what, int keys, const char *end)
{
	char label[160];

	snprintf(label, sizeof label, "agents tui keystroke latency %s", what);
	tui_key_series(&t, label, keys, end, "coding ended");
}

/* The TUI on the project "bench-tui" of its own data directory. */
static void keystrokes(const char *bin, const char *url, int keys)
{
	double ms;

	setenv("XDG_DATA_HOME", at("tui-data"), 1);
	char *mk[] = { (char *)bin, "project", "new", "bench-tui", NULL };
	if (run_timed(mk, at("project-new.err"), &ms) != 0) {
		printf("agents: faos-codex project new failed (see %s)\n", at("project-new.err"));
		return;
	}
	char *argv[] = { (char *)bin, "-c", (char *)at("config.yaml"), "-e", (char *)url,
			 "--agent", "planner=plan-m", "--agent", "coder=code-m", "--coders", "4", NULL };
	if (tui_spawn(&t, argv, work, 40, 140) < 0 || tui_wait(&t, TUI_FRAME_MARKER, 10000) < 0) {
		fprintf(stderr, "agents: the TUI showed no first frame\n");
		return;
	}
	tui_drain(&t, 300);
	tui_mark(&t);
	tui_send(&t, "\r"); /* the projects screen: open the only one */
	if (tui_wait(&t, "IDLE 0/", 10000) < 0) {
		fprintf(stderr, "agents: the project did not open\n");
		tui_quit(&t);
		return;
	}
	tui_drain(&t, 300);
	series("idle, project with 4 coders open", keys, NULL);
	tui_mark(&t);
	tui_send(&t, PROMPT "\x13"); /* Ctrl-S starts the loop */
	if (tui_wait(&t, "CODING", 20000) < 0) {
		fprintf(stderr, "agents: the coders never started\n");
	} else {
		tui_drain(&t, 500); /* the four requests are under way */
		series("while 4 coders stream at " RATE " tokens/s each, loop tab shown", keys, "APPLYING");
		/* Alt-3 focuses the output, "]" twice shows coder 1's tab (after
		 * the planner's), Alt-1 goes back to the prompt: the tokens draw. */
		tui_mark(&t);
		tui_send(&t, "\x1b" "3");
		tui_drain(&t, 100);
		tui_send(&t, "]]");
		if (tui_wait(&t, "[coder 1]", 3000) < 0)
			printf("agents: coder 1's tab did not show\n");
		tui_send(&t, "\x1b" "1");
		tui_drain(&t, 200);
		series("while 4 coders stream at " RATE " tokens/s each, coder 1's tab shown", keys,
		       "APPLYING");
		tui_mark(&t);
		if (tui_wait(&t, "DONE", 60000) < 0)
			printf("agents: the TUI's loop did not end within a minute of the keys\n");
	}
	tui_quit(&t);
}

int main(int argc, char **argv)
{
	int runs = argc > 4 ? atoi(argv[4]) : 3, keys = argc > 5 ? atoi(argv[5]) : 200;
	char url[64], long_url[64];

	if (argc < 4 || runs < 1 || keys < 1) {
		fprintf(stderr, "usage: agents BINARY FAKELLM WORKDIR [RUNS] [KEYS]\n");
		return 2;
	}
	/* Absolute paths: the TUI runs in WORKDIR. */
	char bin[PATH_MAX], fakellm[PATH_MAX], dir[PATH_MAX];
	if (!realpath(argv[1], bin) || !realpath(argv[2], fakellm)) {
		fprintf(stderr, "agents: %s or %s: %s\n", argv[1], argv[2], strerror(errno));
		return 2;
	}
	if ((mkdir(argv[3], 0755) < 0 && errno != EEXIST) || !realpath(argv[3], dir) ||
	    strlen(dir) >= sizeof work) {
		fprintf(stderr, "agents: cannot make the directory %s: %s\n", argv[3], strerror(errno));
		return 1;
	}
	snprintf(work, sizeof work, "%s", dir);
	if (fixtures() < 0) {
		fprintf(stderr, "agents: cannot write the fixtures in %s: %s\n", work, strerror(errno));
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* The user's own config, data and logs stay out of it. */
	setenv("XDG_CONFIG_HOME", at("config"), 1);
	setenv("XDG_DATA_HOME", at("data"), 1);
	setenv("XDG_STATE_HOME", at("state"), 1);
	setenv("FAOS_CODEX_RETRIES", "0", 1);
	printf("agents: plan of 4 independent files, %d tokens per file; fakellm --rate %s "
	       "--slots %s; concurrency: 4\n", SHORT_TOKENS, RATE, SLOTS);
	pid_t fake = fake_start(fakellm, "", url, sizeof url);
	if (fake > 0)
		wall_times(bin, url, runs);
	stop(fake);
	fake = fake_start(fakellm, "-long", long_url, sizeof long_url);
	if (fake > 0)
		keystrokes(bin, long_url, keys);
	stop(fake);
	return 0;
}
