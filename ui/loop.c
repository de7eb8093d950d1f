/* loop: the UI thread's reactor. One poll() on the terminal, the queue's
 * doorbell and a self-pipe for signals; then drain messages, read keys,
 * and draw what is dirty, at most max_fps times a second, with a single
 * doupdate(). An idle TUI sleeps in poll() with no timer. */
#include "loop.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "termmodes.h"
#include "theme.h"

static int signal_pipe[2] = { -1, -1 };

/* Messages handled per pass before the keys are read again: about a
 * millisecond of tokens at the worst. */
#define LOOP_MESSAGE_SLICE 512

static void loop_on_signal(int sig)
{
	int saved = errno;
	unsigned char c = (unsigned char)sig;
	ssize_t ignored = write(signal_pipe[1], &c, 1);

	(void)ignored;
	errno = saved;
}

int loop_signals_init(void)
{
	struct sigaction sa = { .sa_handler = loop_on_signal };

	if (pipe2(signal_pipe, O_CLOEXEC | O_NONBLOCK) < 0)
		return -1;
	/* Installed before ncurses starts, so ncurses leaves SIGWINCH to us. */
	sigaction(SIGWINCH, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	return 0;
}

void loop_signals_done(void)
{
	signal(SIGWINCH, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	close(signal_pipe[0]);
	close(signal_pipe[1]);
}

static void loop_handle_signals(struct app *a)
{
	unsigned char sig;

	while (read(signal_pipe[0], &sig, 1) == 1) {
		if (sig == SIGWINCH) {
			struct winsize ws;
			if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col) {
				resizeterm(ws.ws_row, ws.ws_col);
				app_resize(a, ws.ws_row, ws.ws_col);
			}
		} else if (sig != SIGINT) {
			a->quit = 1; /* SIGTERM, SIGHUP: leave cleanly, terminal restored */
		}
	}
}

/* xterm's Alt+cursor keys (\e[1;3D) reach ncurses as extended keys named
 * kLFT3, kRIT3, ...: the bindings know them as M-Left, M-Right. */
static int loop_alt_cursor_key(int code)
{
	static const struct {
		const char *name;
		int key;
	} alt_keys[] = {
		{ "kLFT3", KEY_LEFT }, { "kRIT3", KEY_RIGHT }, { "kUP3", KEY_UP },
		{ "kDN3", KEY_DOWN },  { "kHOM3", KEY_HOME },  { "kEND3", KEY_END },
		{ "kDC3", KEY_DC },
	};
	const char *name = keyname(code);

	for (size_t i = 0; name && i < sizeof alt_keys / sizeof alt_keys[0]; i++)
		if (strcmp(name, alt_keys[i].name) == 0)
			return KEYC_META | KEYC_FUNC | alt_keys[i].key;
	return 0;
}

static int loop_read_key(void)
{
	wint_t wc;
	int r = wget_wch(stdscr, &wc);

	if (r == ERR)
		return -1;
	if (r == KEY_CODE_YES) {
		int ours = termmodes_key((int)wc);
		if (!ours)
			ours = loop_alt_cursor_key((int)wc);
		return ours ? ours : wc == KEY_RESIZE ? -2 : KEYC_FUNC | (int)wc;
	}
	if (wc == 27) { /* Alt-x arrives as ESC x */
		wint_t next;
		int r2 = wget_wch(stdscr, &next);
		if (r2 == OK)
			return KEYC_META | (int)next;
		if (r2 == KEY_CODE_YES)
			return KEYC_META | KEYC_FUNC | (int)next;
	}
	return (int)wc;
}

static void loop_read_keys(struct app *a)
{
	int key;

	while (!a->quit && (key = loop_read_key()) != -1) {
		if (key == KEYC_SYNC_YES || key == KEYC_SYNC_NO)
			a->sync_output = key == KEYC_SYNC_YES; /* the answer to our query */
		else if (key >= 0)
			app_key(a, key);
	}
}

/* Milliseconds between frames (max_fps). */
static double loop_frame_ms(const struct app *a)
{
	return 1e3 / (double)config_int(a->cfg, OPT_MAX_FPS);
}

/* Work is in flight (a request, a run, the loop's): the elapsed time on
 * the status line ticks. Waiting for the user is not work: no wake-ups. */
static int loop_busy(const struct app *a)
{
	return a->call || a->run || (a->orch && orch_busy(a->orch));
}

/* How long poll() may sleep: until the next allowed frame when something is
 * dirty, a second while a request runs (the elapsed time ticks), else
 * forever. */
static int loop_timeout(struct app *a)
{
	if (a->backlog)
		return 0; /* more to handle: a look at the keys, then on */
	if (app_needs_draw(a)) {
		double wait = a->last_frame + loop_frame_ms(a) - clock_now_ms();
		return wait > 0 ? (int)wait + 1 : 0;
	}
	return loop_busy(a) ? 1000 : -1;
}

void loop_run(struct app *a)
{
	struct pollfd fds[3] = {
		{ STDIN_FILENO, POLLIN, 0 },
		{ queue_fd(a->q), POLLIN, 0 },
		{ signal_pipe[0], POLLIN, 0 },
	};

	app_draw(a);
	while (!a->quit) {
		int n = poll(fds, 3, loop_timeout(a));
		if (n < 0 && errno != EINTR)
			break;
		if (fds[2].revents & POLLIN)
			loop_handle_signals(a);
		/* Keys first, and a key is answered at once: the frame cap is for
		 * bursts of tokens, not for the user's typing. */
		int typed = (fds[0].revents & POLLIN) != 0;
		if (fds[0].revents & (POLLIN | POLLHUP | POLLERR))
			loop_read_keys(a);
		if ((fds[0].revents & (POLLHUP | POLLERR)) && !(fds[0].revents & POLLIN))
			a->quit = 1; /* the terminal went away */
		/* The queue is drained only when the backlog is done: messages
		 * stay in order, and keys get their turn between slices. */
		if (a->backlog == NULL && (fds[1].revents & POLLIN))
			a->backlog = queue_take_all(a->q);
		if (a->backlog)
			a->backlog = app_messages(a, a->backlog, LOOP_MESSAGE_SLICE);
		if (loop_busy(a) && clock_now_ms() - a->last_frame >= 1e3)
			a->status.dirty = 1; /* the elapsed time ticks */
		if (app_needs_draw(a) && (typed || clock_now_ms() - a->last_frame >= loop_frame_ms(a)))
			app_draw(a);
	}
}
