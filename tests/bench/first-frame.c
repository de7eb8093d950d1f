/* first-frame: time from exec to the TUI's first complete frame, and its
 * resident memory then. Runs faos-codex on a pseudo-terminal N times; the
 * frame is complete when the status bar's last text has been written.
 * Usage: first-frame BINARY [RUNS] */
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MARKER "C-q quit"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static long rss_kib(pid_t pid)
{
	char path[64], line[256];
	long kib = -1;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "VmRSS:", 6) == 0)
			kib = atol(line + 6);
	if (f)
		fclose(f);
	return kib;
}

/* Reads the pty until MARKER shows; returns ms from fork to then. */
static double wait_frame(int fd, double start)
{
	char buf[65536], seen[131072];
	size_t used = 0;
	struct pollfd p = { fd, POLLIN, 0 };

	while (poll(&p, 1, 5000) > 0) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n <= 0)
			break;
		if (used + (size_t)n >= sizeof seen)
			used = 0;
		memcpy(seen + used, buf, (size_t)n);
		used += (size_t)n;
		seen[used] = '\0';
		if (strstr(seen, MARKER))
			return now_ms() - start;
	}
	return -1;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	int runs = argc > 2 ? atoi(argv[2]) : 20;
	double t[256];
	long rss = 0;
	struct winsize ws = { .ws_row = 30, .ws_col = 120 };

	if (argc < 2 || runs < 1 || runs > 256) {
		fprintf(stderr, "usage: first-frame BINARY [RUNS<=256]\n");
		return 2;
	}
	for (int i = 0; i < runs; i++) {
		int fd;
		double start = now_ms();
		pid_t pid = forkpty(&fd, NULL, NULL, &ws);
		if (pid == 0) {
			setenv("TERM", "xterm-256color", 1);
			setenv("LANG", "C.UTF-8", 1);
			execl(argv[1], argv[1], "-e", "http://127.0.0.1:1", (char *)NULL);
			_exit(127);
		}
		t[i] = wait_frame(fd, start);
		rss = rss_kib(pid);
		if (write(fd, "\x11", 1) < 0) /* Ctrl-Q */
			kill(pid, SIGTERM);
		char drain[4096];
		while (read(fd, drain, sizeof drain) > 0)
			;
		waitpid(pid, NULL, 0);
		close(fd);
	}
	qsort(t, (size_t)runs, sizeof t[0], cmp);
	printf("first frame: median %.2f ms, min %.2f ms, max %.2f ms over %d runs\n",
	       t[runs / 2], t[0], t[runs - 1], runs);
	printf("resident memory after the first frame: %.1f MiB (%ld KiB)\n", (double)rss / 1024, rss);
	return 0;
}
