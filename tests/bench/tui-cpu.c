/* tui-cpu: the TUI's CPU time idle and while a reply streams in.
 *
 * Usage: tui-cpu BINARY DEAD-URL STREAM-URL [SECONDS]   (default 10)
 *   idle: the TUI on DEAD-URL (nothing listens; no request is made), first
 *     frame, 1 s to settle, then SECONDS of nothing: CPU ticks (utime +
 *     stime of every thread, /proc/PID/stat) and context switches of every
 *     thread (/proc/PID/task/TID/status; voluntary ones are wake-ups).
 *   stream: the TUI on STREAM-URL (a fake server pacing its tokens, set up
 *     by the caller), a prompt sent with Ctrl-S, and the same figures over
 *     SECONDS once "streaming" shows in the status bar; also the bytes the
 *     TUI wrote to the terminal. The stream must last longer than that.
 * The harness drains the pty and sleeps in poll() otherwise; it is not
 * counted. Prints figures; never asserts. */
#include "tui-pty.h"

static struct tui t;

struct sample {
	long long ticks, voluntary, involuntary;
	unsigned long long bytes;
	double ms;
	long token; /* the highest fake token "tN " drawn so far, -1: none */
};

/* The fake server's tokens are "t0 t1 ...": the highest number in the
 * recent output is (within a frame) the last token shown. */
static long last_token(void)
{
	long best = -1;

	for (size_t i = 0; i + 1 < t.used; i++) {
		if (t.seen[i] != 't' || t.seen[i + 1] < '0' || t.seen[i + 1] > '9')
			continue;
		char *end;
		long v = strtol(t.seen + i + 1, &end, 10);
		if (*end == ' ' && v > best)
			best = v;
	}
	return best;
}

static void take(struct sample *s)
{
	s->token = last_token();
	s->ticks = proc_ticks(t.pid);
	proc_switches(t.pid, &s->voluntary, &s->involuntary);
	s->bytes = t.total;
	s->ms = tui_now_ms();
}

static void report(const char *what, const struct sample *a, const struct sample *b)
{
	double hz = (double)sysconf(_SC_CLK_TCK), secs = (b->ms - a->ms) / 1e3;
	long long ticks = b->ticks - a->ticks;

	printf("tui cpu %s: %lld ticks (%.0f ms CPU, %.1f%% of one core) over %.1f s; "
	       "%lld wake-ups (voluntary switches), %lld preempted; %.1f KiB/s to the terminal\n",
	       what, ticks, (double)ticks * 1e3 / hz, (double)ticks / hz / secs * 100.0, secs,
	       b->voluntary - a->voluntary, b->involuntary - a->involuntary,
	       (double)(b->bytes - a->bytes) / 1024.0 / secs);
}

static int start(const char *bin, const char *url)
{
	char *argv[] = { (char *)bin, "-e", (char *)url, NULL };

	if (tui_spawn(&t, argv, NULL, 40, 120) < 0 || tui_wait(&t, TUI_FRAME_MARKER, 10000) < 0) {
		fprintf(stderr, "tui-cpu: no first frame\n");
		return -1;
	}
	return 0;
}

static void idle(const char *bin, const char *url, double secs)
{
	struct sample a, b;

	if (start(bin, url) < 0)
		return;
	tui_drain(&t, 1000);
	take(&a);
	tui_drain(&t, secs * 1e3);
	take(&b);
	report("idle", &a, &b);
	tui_quit(&t);
}

static void streaming(const char *bin, const char *url, double secs)
{
	struct sample a, b;

	if (start(bin, url) < 0)
		return;
	tui_mark(&t);
	tui_send(&t, "bench\x13"); /* a prompt, Ctrl-S */
	if (tui_wait(&t, "streaming", 10000) < 0) {
		fprintf(stderr, "tui-cpu: the reply never started streaming\n");
		tui_quit(&t);
		return;
	}
	take(&a);
	tui_drain(&t, secs * 1e3);
	take(&b);
	report("streaming", &a, &b);
	if (a.token >= 0 && b.token > a.token)
		printf("tui streaming pace seen on screen: %.0f tokens/s\n",
		       (double)(b.token - a.token) / ((b.ms - a.ms) / 1e3));
	tui_quit(&t);
}

int main(int argc, char **argv)
{
	double secs = argc > 4 ? atof(argv[4]) : 10;

	if (argc < 4 || secs <= 0) {
		fprintf(stderr, "usage: tui-cpu BINARY DEAD-URL STREAM-URL [SECONDS]\n");
		return 2;
	}
	idle(argv[1], argv[2], secs);
	streaming(argv[1], argv[3], secs);
	return 0;
}
