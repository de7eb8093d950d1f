/* tui-keys: keystroke-to-screen latency in the prompt editor: idle, while
 * a reply streams at a steady pace, and while one streams at full speed.
 *
 * Usage: tui-keys BINARY DEAD-URL PACED-URL FULL-URL [KEYS]   (default 200)
 * The TUI runs on a pty. For each key the harness writes one character and
 * reads the pty until that character's bytes come back: the time from the
 * write() to the read() that holds them, i.e. the TUI's wake-up, key
 * handling, frame pacing and terminal output (no terminal emulator). The
 * characters typed are Cyrillic "ф" and "ж" in turn: the fake server's
 * tokens ("t0 t1 ...") and the TUI's own text never hold them, so their
 * bytes on the pty are the echo. Keys go 40-119 ms apart (fast typing,
 * varied so they do not fall in step with the frame clock); every 40 keys
 * Ctrl-U clears the line (not timed). First with no request (DEAD-URL),
 * then while the replies from PACED-URL and FULL-URL stream (a prompt sent
 * with Ctrl-S first); the harness says when a reply ended before the last
 * key (the status bar says "done"). Prints p50, p99, max; never asserts. */
#include "tui-pty.h"

static struct tui t;

static void series(const char *what, int keys)
{
	char label[128];

	snprintf(label, sizeof label, "tui keystroke latency %s", what);
	/* "done" alone: ncurses turns " streaming |" into " done |" by
	 * writing "done" and deleting characters, not by a rewrite */
	tui_key_series(&t, label, keys, "done", "the reply ended");
}

static int start(const char *bin, const char *url)
{
	char *argv[] = { (char *)bin, "-e", (char *)url, NULL };

	if (tui_spawn(&t, argv, NULL, 40, 120) < 0 || tui_wait(&t, TUI_FRAME_MARKER, 10000) < 0) {
		fprintf(stderr, "tui-keys: no first frame\n");
		return -1;
	}
	tui_drain(&t, 300);
	return 0;
}

/* A series while the reply from url streams. */
static void streaming(const char *bin, const char *url, const char *what, int keys)
{
	if (start(bin, url) < 0)
		return;
	tui_mark(&t);
	tui_send(&t, "bench\x13"); /* a prompt, Ctrl-S */
	if (tui_wait(&t, "streaming", 10000) < 0)
		fprintf(stderr, "tui-keys: the reply never started streaming\n");
	else
		series(what, keys);
	tui_quit(&t);
}

int main(int argc, char **argv)
{
	int keys = argc > 5 ? atoi(argv[5]) : 200;

	if (argc < 5 || keys < 1) {
		fprintf(stderr, "usage: tui-keys BINARY DEAD-URL PACED-URL FULL-URL [KEYS]\n");
		return 2;
	}
	if (start(argv[1], argv[2]) == 0) {
		series("idle", keys);
		tui_quit(&t);
	}
	streaming(argv[1], argv[3], "while streaming at a steady pace", keys);
	streaming(argv[1], argv[4], "while streaming at full speed", keys);
	return 0;
}
