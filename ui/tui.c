/* tui: frontend_tui(): checks the terminal, starts ncurses, runs the loop,
 * and always restores the terminal on the way out. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <term.h>
#include <unistd.h>

#include "app.h"
#include "cli.h"
#include "exitcode.h"
#include "frontend.h"
#include "loop.h"
#include "termmodes.h"
#include "theme.h"

/* Refuse before touching the terminal, with a line that says why. */
static int tui_check_terminal(void)
{
	int err = 0;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "%s: the interface needs a terminal on standard input and output; "
				"for scripts use 'faos-codex ask'\n", cli_prog);
		return -1;
	}
	const char *term = getenv("TERM");
	if (term == NULL || term[0] == '\0' || setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		fprintf(stderr, "%s: terminal type '%s' is unknown to terminfo; set TERM (for "
				"example TERM=xterm-256color) or install ncurses-term\n",
			cli_prog, term ? term : "");
		return -1;
	}
	del_curterm(cur_term);
	return 0;
}

static int tui_theme(struct theme *t, const struct config *cfg)
{
	const char *name = getenv("NO_COLOR") ? "mono" : config_str(cfg, OPT_THEME);
	char *err = NULL;

	if (theme_load(t, name, &err) == 0)
		return 0;
	fprintf(stderr, "%s: %s\n", cli_prog, err);
	free(err);
	return -1;
}

static SCREEN *tui_start(struct theme *t, int *colour_out)
{
	SCREEN *screen = newterm(NULL, stdout, stdin);

	if (screen == NULL)
		return NULL;
	set_term(screen);
	raw(); /* Ctrl-C, Ctrl-S, Ctrl-Q are keys here, not signals or flow control */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	int colour = has_colors();
	if (colour) {
		start_color();
		use_default_colors();
	} else {
		char *err = NULL;
		theme_load(t, "mono", &err);
		free(err);
	}
	theme_apply(t, colour);
	curs_set(0);
	*colour_out = colour;
	return screen;
}

int frontend_tui(const struct config *cfg)
{
	struct theme theme;
	struct app app;
	int colour;

	if (tui_check_terminal() < 0 || tui_theme(&theme, cfg) < 0)
		return EXIT_USAGE;
	if (loop_signals_init() < 0) {
		perror("faos-codex: pipe");
		return EXIT_FAIL;
	}
	SCREEN *screen = tui_start(&theme, &colour);
	if (screen == NULL) {
		loop_signals_done();
		fprintf(stderr, "%s: cannot start the terminal interface\n", cli_prog);
		return EXIT_USAGE;
	}
	app_init(&app, cfg);
	app.theme = theme;
	app.colour = colour;
	termmodes_init(&app);
	app_resize(&app, LINES, COLS);
	loop_run(&app);
	termmodes_leave(&app);
	app_free(&app);
	endwin();
	delscreen(screen);
	loop_signals_done();
	return EXIT_OK;
}
