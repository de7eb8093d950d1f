/* tui-memory: the TUI's resident memory (VmRSS) at start, with a
 * 100,000-file workspace, and while a sandbox run prints 1 GB.
 *
 * Usage: tui-memory BINARY WORKDIR [CONFIG]
 *   WORKDIR gets an empty directory and the workspace (10 directories of
 *   10,000 empty files, d00/f00000 ... d09/f09999); the caller removes it.
 *   CONFIG, when given, is a configuration whose run_command prints 1 GB
 *   (and whose run_max_output lets it): F5 runs it and RSS is sampled
 *   every 250 ms until the result line "✓ exit 0" shows.
 * The TUI gets -e http://127.0.0.1:9 (nothing listens: no request is made).
 * Prints figures; never asserts. */
#include <fcntl.h>
#include <sys/stat.h>

#include "tui-pty.h"

#define DEAD "http://127.0.0.1:9"
#define DIRS 10
#define FILES 10000

static struct tui t;

static int make_workspace(const char *root)
{
	char path[4200]; /* root is at most 4096 bytes with its NUL */

	if (mkdir(root, 0755) < 0 && errno != EEXIST)
		return -1;
	for (int d = 0; d < DIRS; d++) {
		snprintf(path, sizeof path, "%s/d%02d", root, d);
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			return -1;
		for (int f = 0; f < FILES; f++) {
			snprintf(path, sizeof path, "%s/d%02d/f%05d", root, d, f);
			int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
			if (fd < 0)
				return -1;
			close(fd);
		}
	}
	return 0;
}

/* Starts the TUI in dir and waits for its first frame; the ms it took. */
static double start(const char *bin, const char *dir, const char *config)
{
	char *argv[] = { (char *)bin, "-e", DEAD, config ? "-c" : NULL, (char *)config, NULL };

	if (tui_spawn(&t, argv, dir, 40, 120) < 0)
		return -1;
	return tui_wait(&t, TUI_FRAME_MARKER, 10000);
}

static void report(const char *what, long kib)
{
	printf("tui rss %s: %.1f MiB (%ld KiB)\n", what, (double)kib / 1024, kib);
}

static void plain_start(const char *bin, const char *dir)
{
	double ms = start(bin, dir, NULL);
	long first = proc_rss_kib(t.pid);
	tui_drain(&t, 500);
	printf("tui first frame in an empty directory: %.2f ms\n", ms);
	report("after the first frame", first);
	report("0.5 s later", proc_rss_kib(t.pid));
	tui_quit(&t);
}

static void big_workspace(const char *bin, const char *ws)
{
	double ms = start(bin, ws, NULL);
	long first = proc_rss_kib(t.pid);

	printf("tui first frame with %d files: %.2f ms\n", DIRS * FILES, ms);
	report("with 100,000 files, after the first frame", first);
	tui_send(&t, "\x1b" "2"); /* Alt-2: the file tree */
	tui_drain(&t, 100);
	tui_mark(&t);
	tui_send(&t, "\r"); /* Enter on the first entry, d00 */
	double shown = tui_wait(&t, "f00000", 10000);
	long expanded = proc_rss_kib(t.pid);
	printf("tui expand a %d-entry directory: %.2f ms to the first name on screen%s\n", FILES,
	       shown, shown < 0 ? " (never shown)" : "");
	report("after expanding d00 (10,000 entries)", expanded);
	tui_drain(&t, 500);
	report("0.5 s later", proc_rss_kib(t.pid));
	tui_quit(&t);
}

static void sandbox_output(const char *bin, const char *dir, const char *config)
{
	long before, peak = 0, kib;
	int samples = 0;

	start(bin, dir, config);
	tui_drain(&t, 300);
	before = proc_rss_kib(t.pid);
	tui_mark(&t);
	double t0 = tui_now_ms();
	tui_send(&t, "\x1b[15~"); /* F5 */
	while (!memmem(t.seen, t.used, "✓ exit 0", strlen("✓ exit 0")) &&
	       tui_now_ms() - t0 < 180000) {
		tui_drain(&t, 250);
		kib = proc_rss_kib(t.pid);
		peak = kib > peak ? kib : peak;
		samples++;
	}
	double secs = (tui_now_ms() - t0) / 1e3;
	tui_drain(&t, 500);
	report("before the 1 GB run", before);
	printf("tui rss during the 1 GB run: max %.1f MiB over %d samples; run took %.1f s%s\n",
	       (double)peak / 1024, samples, secs,
	       memmem(t.seen, t.used, "✓ exit 0", strlen("✓ exit 0")) ? "" : " (no \"✓ exit 0\" seen)");
	report("after the 1 GB run", proc_rss_kib(t.pid));
	printf("tui VmHWM (peak RSS of the process): %.1f MiB\n",
	       (double)proc_status_field(t.pid, NULL, "VmHWM") / 1024);
	tui_quit(&t);
}

int main(int argc, char **argv)
{
	char empty[4096], ws[4096];

	if (argc >= 3 && strlen(argv[2]) > 4000) {
		fprintf(stderr, "tui-memory: WORKDIR too long\n");
		return 2;
	}

	if (argc < 3) {
		fprintf(stderr, "usage: tui-memory BINARY WORKDIR [CONFIG]\n");
		return 2;
	}
	snprintf(empty, sizeof empty, "%s/empty", argv[2]);
	snprintf(ws, sizeof ws, "%s/workspace", argv[2]);
	if ((mkdir(argv[2], 0755) < 0 && errno != EEXIST) ||
	    (mkdir(empty, 0755) < 0 && errno != EEXIST) || make_workspace(ws) < 0) {
		perror("tui-memory: making the directories");
		return 1;
	}
	plain_start(argv[1], empty);
	big_workspace(argv[1], ws);
	if (argc > 3)
		sandbox_output(argv[1], empty, argv[3]);
	return 0;
}
