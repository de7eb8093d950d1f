/* cli: command-line parsing and the headless commands. */
#ifndef FAOS_CLI_H
#define FAOS_CLI_H

#include "base/config.h"

/* Options every command takes; NULL/0 when not given. */
struct cli_common {
	const char *config_path;
	const char *endpoint, *api, *model, *data_dir;
	int verbose;
	const char *agent_model[AGENT__COUNT]; /* --agent ROLE=MODEL, the last per role */
	const char *agent_bad; /* the first --agent that is not ROLE=MODEL, reported at load */
	const char *coders;    /* --coders N */
};

/* Load defaults < file < .env < environment < flags into cfg, and validate
 * the keys and agents sections. 0, or -1 after printing a one-line error. */
int cli_load_config(struct config *cfg, const struct cli_common *common);
/* Opens the log file as configured (a failure is a warning, not fatal). */
void cli_open_log(const struct config *cfg);
/* "prog: ", for messages. */
extern const char *cli_prog;

/* SIGINT, SIGTERM and SIGHUP as bytes on a pipe, for a command's poll
 * loop: returns the fd to poll (-1 after an error line). _take empties it
 * and says whether a signal came; _close restores the defaults. */
int cli_signals_open(void);
int cli_signals_take(void);
void cli_signals_close(void);

/* Standard input, whole (allocated, never NULL). */
char *cli_read_stdin(void);

int cli_run(int argc, char **argv, struct cli_common *common);
int cli_project(int argc, char **argv, struct cli_common *common);
int cli_ask(int argc, char **argv, struct cli_common *common);
int cli_models(int argc, char **argv, struct cli_common *common);
int cli_sandbox(int argc, char **argv, struct cli_common *common);
int cli_doctor(int argc, char **argv, struct cli_common *common);

#endif
