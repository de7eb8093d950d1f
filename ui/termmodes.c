/* termmodes: bracketed paste, mouse reporting and synchronized output; see
 * termmodes.h. */
#include "termmodes.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"

/* Our key codes for sequences curses does not know. */
enum { TM_PASTE_START = KEY_MAX + 1, TM_PASTE_END, TM_SYNC_YES, TM_SYNC_NO };

static void tm_write(const char *s)
{
	size_t len = strlen(s);
	while (len > 0) {
		ssize_t n = write(STDOUT_FILENO, s, len);
		if (n <= 0)
			return; /* the terminal went away: the loop sees the hangup */
		s += n;
		len -= (size_t)n;
	}
}

void termmodes_init(struct app *a)
{
	/* Home and End as tmux and screen send them, which xterm's terminfo
	 * entry (TERM=xterm-256color inside tmux) does not list. */
	define_key("\033[1~", KEY_HOME);
	define_key("\033[4~", KEY_END);
	define_key("\033[7~", KEY_HOME);
	define_key("\033[8~", KEY_END);
	define_key("\033[H", KEY_HOME);
	define_key("\033[F", KEY_END);
	define_key("\033[200~", TM_PASTE_START);
	define_key("\033[201~", TM_PASTE_END);
	/* DECRPM: 1 set, 2 reset (both: supported); 0 unknown, 4 permanently off. */
	define_key("\033[?2026;1$y", TM_SYNC_YES);
	define_key("\033[?2026;2$y", TM_SYNC_YES);
	define_key("\033[?2026;0$y", TM_SYNC_NO);
	define_key("\033[?2026;3$y", TM_SYNC_YES);
	define_key("\033[?2026;4$y", TM_SYNC_NO);
	termmodes_enter(a);
	/* The Linux console has no DECRQM and would show the query's tail. */
	const char *term = getenv("TERM");
	if (term == NULL || strncmp(term, "linux", 5) != 0)
		tm_write("\033[?2026$p");
}

int termmodes_key(int code)
{
	switch (code) {
	case TM_PASTE_START: return KEYC_PASTE_START;
	case TM_PASTE_END: return KEYC_PASTE_END;
	case TM_SYNC_YES: return KEYC_SYNC_YES;
	case TM_SYNC_NO: return KEYC_SYNC_NO;
	default: return 0;
	}
}

void termmodes_enter(struct app *a)
{
	tm_write("\033[?2004h");
	a->mouse = config_int(a->cfg, OPT_MOUSE) != 0;
	if (a->mouse) {
		mouseinterval(0); /* a press is a click at once, no wait for a release */
		mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	}
}

void termmodes_leave(struct app *a)
{
	if (a->mouse)
		mousemask(0, NULL);
	tm_write("\033[?2004l");
}

void termmodes_update(struct app *a)
{
	/* doupdate() writes its whole frame before returning, so the markers
	 * written around it bracket exactly that frame. */
	if (a->sync_output)
		tm_write("\033[?2026h");
	doupdate();
	if (a->sync_output)
		tm_write("\033[?2026l");
}
