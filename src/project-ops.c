/* project-ops: the `project` subcommands that change something: restore,
 * new, finalize, reopen, archive, unarchive, export, delete. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-project.h"
#include "cli.h"
#include "exitcode.h"
#include "project-cmd.h"
#include "store/store.h"

/* The common shape: open, do, say what happened or why not. */
static int with_project(const char *data, const char *name, const char *what,
			int (*op)(struct store *s, char **err), const char *done_fmt)
{
	struct store *s = project_open(data, name);
	char *err = NULL;
	if (!s)
		return EXIT_USAGE;
	int rc = op(s, &err);
	if (rc < 0)
		fprintf(stderr, "%s: project %s: %s\n", cli_prog, what, err);
	else
		printf(done_fmt, name, store_project(s)->final_version);
	free(err);
	store_close(s);
	return rc < 0 ? EXIT_FAIL : EXIT_OK;
}

int project_finalize(const char *data, struct project_args *a)
{
	return with_project(data, a->pos[0], "finalize", store_finalize,
			    "project %s finalized at version %d\n");
}

int project_reopen(const char *data, struct project_args *a)
{
	return with_project(data, a->pos[0], "reopen", store_reopen, "project %s reopened\n");
}

int project_restore(const char *data, struct project_args *a)
{
	int v = project_version_arg(a->pos[1]), now = 0;
	if (v < 0)
		return EXIT_USAGE;
	struct store *s = project_open(data, a->pos[0]);
	char *err = NULL;
	if (!s)
		return EXIT_USAGE;
	int rc = store_restore(s, v, &now, &err);
	if (rc < 0)
		fprintf(stderr, "%s: project restore: %s\n", cli_prog, err);
	else
		printf("project %s: version %d restored as version %d\n", a->pos[0], v, now);
	free(err);
	store_close(s);
	return rc < 0 ? EXIT_FAIL : EXIT_OK;
}

int project_new(const char *data, struct project_args *a)
{
	char *err = NULL, *scaffold = NULL;
	struct store *s = NULL;
	if (store_check_name(a->pos[0], &err) < 0) {
		fprintf(stderr, "%s: project new: %s\n", cli_prog, err);
		free(err);
		return EXIT_USAGE;
	}
	if (a->template && !(scaffold = cli_scaffold_dir(a->template)))
		return EXIT_USAGE;
	int rc = store_create(data, a->pos[0], a->workspace, scaffold, &s, &err);
	free(scaffold);
	if (rc < 0) {
		fprintf(stderr, "%s: project new: %s\n", cli_prog, err);
		free(err);
		return EXIT_USAGE;
	}
	printf("project %s created (workspace %s)\n", a->pos[0], store_project(s)->workspace);
	store_close(s);
	return EXIT_OK;
}

static int by_name(const char *data, const char *name, const char *what,
		   int (*op)(const char *data, const char *name, char **err), const char *done)
{
	char *err = NULL;
	if (op(data, name, &err) < 0) {
		fprintf(stderr, "%s: project %s: %s\n", cli_prog, what, err);
		free(err);
		return EXIT_FAIL;
	}
	printf("project %s %s\n", name, done);
	return EXIT_OK;
}

int project_archive(const char *data, struct project_args *a)
{
	return by_name(data, a->pos[0], "archive", store_archive, "archived");
}

int project_unarchive(const char *data, struct project_args *a)
{
	return by_name(data, a->pos[0], "unarchive", store_unarchive, "restored from the archive");
}

int project_delete(const char *data, struct project_args *a)
{
	if (!a->yes) {
		fprintf(stderr, "%s: project delete: this removes '%s' and its whole history; "
				"add --yes to confirm (or 'project archive' to keep it)\n", cli_prog,
			a->pos[0]);
		return EXIT_USAGE;
	}
	return by_name(data, a->pos[0], "delete", store_delete, "deleted");
}

int project_export(const char *data, struct project_args *a)
{
	struct store *s = project_open(data, a->pos[0]);
	char *err = NULL;
	if (!s)
		return EXIT_USAGE;
	int v = a->version >= 0 ? a->version : store_project(s)->latest;
	int rc = store_export(s, v, a->pos[1], &err);
	if (rc < 0)
		fprintf(stderr, "%s: project export: %s\n", cli_prog, err);
	else
		printf("project %s: version %d exported to %s\n", a->pos[0], v, a->pos[1]);
	free(err);
	store_close(s);
	return rc < 0 ? EXIT_FAIL : EXIT_OK;
}
