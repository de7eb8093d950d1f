/* commands: what the : command line runs. One table of commands (name,
 * usage, help, what their arguments complete to, the function) drives
 * running, completion, the usage shown on a wrong argument and the help
 * overlay. */
#ifndef FAOS_COMMANDS_H
#define FAOS_COMMANDS_H

#include <stddef.h>

struct app;

/* What an argument completes to. */
enum cmd_arg { ARG_NONE, ARG_PROJECT, ARG_TEMPLATE, ARG_THEME, ARG_VERSION, ARG_PLAN };

struct command {
	const char *name;
	const char *usage; /* "open NAME" */
	const char *help;  /* one line */
	int min_args, max_args;
	enum cmd_arg args[2]; /* what the first two arguments complete to */
	/* argv[0] is the command's name; argc within min_args..max_args + 1.
	 * Reports its own success (output pane) and errors (status bar). */
	void (*run)(struct app *a, int argc, char **argv);
};

/* The table, ended by an entry whose name is NULL. */
extern const struct command commands[];

const struct command *command_find(const char *name);
/* Runs one line ("open calc"); a wrong command or argument count is a
 * one-line error in the status bar that gives the usage. */
void commands_run(struct app *a, const char *line);
/* Every completion of argument argi (0: the command's name) of the command
 * named cmd, allocated and sorted; *n gets the count. NULL when none. */
char **commands_candidates(struct app *a, const char *cmd, int argi, size_t *n);
void commands_list_free(char **list, size_t n);
/* word is one of the n in list. */
int commands_list_has(char *const *list, size_t n, const char *word);

#endif
