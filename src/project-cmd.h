/* project-cmd: the subcommands of `faos-codex project` (cli-project.c
 * parses and dispatches). Each returns an exit status after printing its
 * result, or one line on stderr saying what went wrong. */
#ifndef FAOS_PROJECT_CMD_H
#define FAOS_PROJECT_CMD_H

struct project_args {
	int json, all, yes, version; /* version -1: the latest */
	const char *workspace, *template;
	char **pos; /* the subcommand's positional arguments */
	int npos;
};

/* project-view.c: what is there. */
int project_list(const char *data, struct project_args *a);
int project_show(const char *data, struct project_args *a);
int project_versions(const char *data, struct project_args *a);
int project_diff(const char *data, struct project_args *a);
/* project-ops.c: what changes. */
int project_restore(const char *data, struct project_args *a);
int project_new(const char *data, struct project_args *a);
int project_finalize(const char *data, struct project_args *a);
int project_reopen(const char *data, struct project_args *a);
int project_archive(const char *data, struct project_args *a);
int project_unarchive(const char *data, struct project_args *a);
int project_export(const char *data, struct project_args *a);
int project_delete(const char *data, struct project_args *a);

/* Opens pos[0]; NULL after printing why. */
struct store *project_open(const char *data, const char *name);
/* A version number argument; -1 after printing why. */
int project_version_arg(const char *arg);

#endif
