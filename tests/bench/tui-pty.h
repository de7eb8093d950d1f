/* tui-pty: driving the real TUI on a pseudo-terminal for the TUI
 * benchmarks (tui-memory, tui-cpu, tui-keys), and reading its figures from
 * /proc. Header-only (static functions) because every tests/bench .c file is
 * its own program.
 *
 * A pty rather than tmux: the harness sees every byte the TUI writes the
 * moment it is written, with no terminal emulator or capture polling in
 * between, so times are the TUI's own. Markers are found in the raw output
 * (ncurses writes a changed run of text contiguously), the way
 * first-frame.c finds "C-q quit" at the end of the status line. */
#ifndef FAOS_TUI_PTY_H
#define FAOS_TUI_PTY_H

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TUI_FRAME_MARKER "C-q quit" /* the last text of the status line */
#define TUI_WINDOW (1 << 16)        /* output kept for marker searches */

struct tui {
	pid_t pid;
	int fd;
	char seen[2 * TUI_WINDOW + 1]; /* output since the last tui_mark() */
	size_t used;
	unsigned long long total; /* bytes the TUI wrote */
};

static inline double tui_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Starts argv[0] in dir on a rows x cols pty (TERM xterm-256color, UTF-8). */
static inline int tui_spawn(struct tui *t, char *const argv[], const char *dir, int rows, int cols)
{
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };

	t->used = 0;
	t->total = 0;
	t->pid = forkpty(&t->fd, NULL, NULL, &ws);
	if (t->pid < 0) {
		perror("forkpty");
		return -1;
	}
	if (t->pid == 0) {
		if (dir && chdir(dir) < 0)
			_exit(126);
		setenv("TERM", "xterm-256color", 1);
		setenv("LANG", "C.UTF-8", 1);
		execv(argv[0], argv);
		_exit(127);
	}
	return 0;
}

/* Forget what was read so far: the next marker must come after this. */
static inline void tui_mark(struct tui *t)
{
	t->used = 0;
	t->seen[0] = '\0';
}

/* Reads what is there, waiting up to wait_ms for the first byte; 0 on
 * timeout, -1 at the end of the output. */
static inline int tui_read(struct tui *t, int wait_ms)
{
	struct pollfd p = { t->fd, POLLIN, 0 };
	char buf[TUI_WINDOW];

	if (poll(&p, 1, wait_ms) <= 0)
		return 0;
	ssize_t n = read(t->fd, buf, sizeof buf);
	if (n <= 0)
		return -1;
	t->total += (unsigned long long)n;
	if (t->used + (size_t)n > 2 * TUI_WINDOW) { /* keep the tail: a marker may straddle */
		size_t keep = TUI_WINDOW < t->used ? TUI_WINDOW : t->used;
		memmove(t->seen, t->seen + t->used - keep, keep);
		t->used = keep;
	}
	memcpy(t->seen + t->used, buf, (size_t)n); /* n <= TUI_WINDOW: it fits */
	t->used += (size_t)n;
	t->seen[t->used] = '\0';
	return 1;
}

/* Reads until marker shows (since the last tui_mark), at most timeout_ms;
 * the ms it took, or -1. */
static inline double tui_wait(struct tui *t, const char *marker, int timeout_ms)
{
	double start = tui_now_ms(), left;

	while (!memmem(t->seen, t->used, marker, strlen(marker))) {
		left = start + timeout_ms - tui_now_ms();
		if (left <= 0 || tui_read(t, (int)left + 1) < 0)
			return -1;
	}
	return tui_now_ms() - start;
}

/* Reads (and drops) everything for ms, so the TUI never blocks on output. */
static inline void tui_drain(struct tui *t, double ms)
{
	double end = tui_now_ms() + ms, left;

	while ((left = end - tui_now_ms()) > 0)
		if (tui_read(t, (int)left + 1) < 0)
			return;
}

static inline void tui_send(struct tui *t, const char *keys)
{
	if (write(t->fd, keys, strlen(keys)) < 0)
		perror("write to the pty");
}

/* Ctrl-Q, then SIGTERM if it is still there after 5 s. */
static inline void tui_quit(struct tui *t)
{
	tui_send(t, "\x11");
	double end = tui_now_ms() + 5000;
	while (tui_now_ms() < end && tui_read(t, 100) >= 0)
		if (waitpid(t->pid, NULL, WNOHANG) == t->pid)
			goto closed;
	kill(t->pid, SIGTERM);
	waitpid(t->pid, NULL, 0);
closed:
	close(t->fd);
}

/* A "Name:   123 kB" line of /proc/PID/status, -1 if absent. */
static inline long proc_status_field(pid_t pid, const char *task, const char *field)
{
	char path[320], line[256];
	size_t n = strlen(field);
	long v = -1;

	if (task)
		snprintf(path, sizeof path, "/proc/%d/task/%s/status", (int)pid, task);
	else
		snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, field, n) == 0 && line[n] == ':')
			v = atol(line + n + 1);
	if (f)
		fclose(f);
	return v;
}

static inline long proc_rss_kib(pid_t pid)
{
	return proc_status_field(pid, NULL, "VmRSS");
}

/* utime + stime of the whole process (every thread), in clock ticks. */
static inline long long proc_ticks(pid_t pid)
{
	char path[64], buf[1024];
	unsigned long long ut = 0, st = 0;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f || !fgets(buf, sizeof buf, f)) {
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	char *p = strrchr(buf, ')'); /* the name may hold spaces */
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut,
			 &st) != 2)
		return -1;
	return (long long)(ut + st);
}

/* Context switches of every thread (voluntary: the thread slept and was
 * woken, i.e. wake-ups; involuntary: preempted). */
static inline void proc_switches(pid_t pid, long long *voluntary, long long *involuntary)
{
	char path[64];
	struct dirent *de;

	*voluntary = *involuntary = 0;
	snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
	DIR *d = opendir(path);
	while (d && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		long v = proc_status_field(pid, de->d_name, "voluntary_ctxt_switches");
		long iv = proc_status_field(pid, de->d_name, "nonvoluntary_ctxt_switches");
		*voluntary += v > 0 ? v : 0;
		*involuntary += iv > 0 ? iv : 0;
	}
	if (d)
		closedir(d);
}

static inline int tui_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* A keystroke series on the prompt editor, printed as "LABEL: N keys:
 * p50, p99, max (min, mean)": keys 40-119 ms apart (fast typing, varied
 * so they do not fall in step with the frame clock), Ctrl-U every 40 keys
 * and at the end (not timed). The characters typed are "ф" and "ж" in
 * turn, each line starting with the other one than the line before, so no
 * key lands on a cell that already shows it (ncurses sends nothing for a
 * cell that does not change) and neither is ever in a model's tokens.
 * When end is given, says after which key it first showed ("done", a
 * state name): "(ENDED after key K)". */
static inline void tui_key_series(struct tui *t, const char *label, int keys, const char *end,
				  const char *ended_what)
{
	static const char *const chars[] = { "ф", "ж" };
	double *lat = calloc((size_t)keys, sizeof *lat), sum = 0;
	int n = 0, lost = 0, ended = -1;

	for (int i = 0; i < keys; i++) {
		if (i > 0 && i % 40 == 0) {
			tui_send(t, "\x15"); /* Ctrl-U */
			tui_drain(t, 30);
		}
		const char *c = chars[(i + i / 40) % 2];
		tui_mark(t);
		double t0 = tui_now_ms();
		tui_send(t, c);
		if (tui_wait(t, c, 5000) < 0)
			lost++;
		else
			lat[n++] = tui_now_ms() - t0;
		tui_drain(t, 40 + (i * 37) % 80);
		if (end && ended < 0 && memmem(t->seen, t->used, end, strlen(end)))
			ended = i + 1;
	}
	tui_send(t, "\x15");
	tui_drain(t, 30);
	if (n == 0) {
		printf("%s: no key came back (%d lost)\n", label, lost);
		free(lat);
		return;
	}
	qsort(lat, (size_t)n, sizeof *lat, tui_cmp_double);
	for (int i = 0; i < n; i++)
		sum += lat[i];
	int p99 = (int)((double)n * 0.99 + 0.999999) - 1;
	printf("%s: %d keys: p50 %.2f ms, p99 %.2f ms, max %.2f ms (min %.2f, mean %.2f)", label, n,
	       lat[n / 2], lat[p99], lat[n - 1], lat[0], sum / n);
	if (lost)
		printf(" (keys with no echo within 5 s: %d)", lost);
	if (ended >= 0)
		printf(" (%s after key %d)", ended_what, ended);
	printf("\n");
	free(lat);
}

#endif
