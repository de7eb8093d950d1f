/* cli-project: `faos-codex project …` (the lifecycle commands) and the
 * project lookup `run` shares with it. */
#ifndef FAOS_CLI_PROJECT_H
#define FAOS_CLI_PROJECT_H

#include "base/config.h"
#include "store/store.h"

/* The data directory of cfg (allocated): data_dir, else the XDG default. */
char *cli_data_dir(const struct config *cfg);

/* The directory of scaffold name (allocated), or NULL after printing which
 * ones exist. */
/* The scaffolds that ship with faos-codex, for messages. */
#define CLI_SCAFFOLDS "python-cli, c-make and node-cli"
/* The directory of scaffold template name, or NULL (silently). */
char *cli_scaffold_find(const char *name);
/* The same, saying on stderr when there is none. */
char *cli_scaffold_dir(const char *name);

/* Opens project name, or creates it (with workspace and template) when it
 * does not exist and resume is not asked; with no name, one is made from
 * the workspace's name or the time. Says which on stderr when announce.
 * EXIT_OK and *out, or an exit status after a one-line error. */
int cli_project_for_run(const struct config *cfg, const char *name, const char *workspace,
			const char *template, int resume, int announce, struct store **out);

#endif
