/* external: running $EDITOR or $PAGER on the real terminal. The TUI leaves
 * curses mode (endwin), turns off what it asked of the terminal (bracketed
 * paste, mouse reporting), waits for the program and comes back with a
 * full repaint; queued messages wait meanwhile and are drained after. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"
#include "base/xmalloc.h"
#include "termmodes.h"

/* "vim -u NONE" + path → { "vim", "-u", "NONE", path, NULL }. Words split on
 * blanks; no shell, so a path with spaces stays one argument. */
static char **argv_of(const char *command, const char *path)
{
	char *copy = xstrdup(command), *save = NULL;
	char **argv = NULL;
	size_t n = 0;

	for (char *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		argv = xreallocarray(argv, n + 2, sizeof *argv);
		argv[n++] = xstrdup(w);
	}
	free(copy);
	argv = xreallocarray(argv, n + 3, sizeof *argv);
	if (path)
		argv[n++] = xstrdup(path);
	argv[n] = NULL;
	return argv;
}

static const char *env_or(const char *a, const char *b, const char *fallback)
{
	const char *v = getenv(a);
	if (v && v[strspn(v, " \t")])
		return v;
	v = b ? getenv(b) : NULL;
	return v && v[strspn(v, " \t")] ? v : fallback;
}

char **app_editor_argv(const char *path)
{
	return argv_of(env_or("VISUAL", "EDITOR", "vi"), path);
}

char **app_pager_argv(const char *path)
{
	return argv_of(env_or("PAGER", NULL, "less"), path);
}

void app_argv_free(char **argv)
{
	for (size_t i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}

static int external_wait(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int app_external(struct app *a, char *const argv[], char **err)
{
	termmodes_leave(a);
	def_prog_mode();
	endwin();
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGWINCH, SIG_DFL);
		execvp(argv[0], argv);
		fprintf(stderr, "faos-codex: cannot start %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	int rc = pid < 0 ? -1 : external_wait(pid);
	reset_prog_mode();
	termmodes_enter(a);
	app_redraw_all(a);
	if (pid < 0)
		*err = xasprintf("cannot start %s: %s", argv[0], strerror(errno));
	else if (rc == 127)
		*err = xasprintf("cannot start %s: set $VISUAL, $EDITOR or $PAGER to a program "
				 "that is installed", argv[0]);
	return pid < 0 || rc == 127 ? -1 : rc;
}
