/* commands: the : commands and what their arguments complete to. Each
 * command checks its arguments itself and says in one line what is wrong
 * and what to do, because the status bar has room for one line only; the
 * project commands go through app-orch.h (which owns the open project and
 * its loop) and the store. */
#include "commands.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "action.h"
#include "app-orch.h"
#include "app.h"
#include "base/paths.h"
#include "base/text.h"
#include "base/xmalloc.h"
#include "pane-stream.h"
#include "review.h"
#include "theme-embedded.h"

static char *data_dir(struct app *a)
{
	return paths_data_dir(config_str(a->cfg, OPT_DATA_DIR));
}

static void run_action(struct app *a, const char *name)
{
	const struct action_def *d = action_find(name);
	if (d)
		d->run(a, app_focused(a));
}

static int need_project(struct app *a, const char *cmd)
{
	if (a->project)
		return 1;
	app_error(a, "%s: no project is open (:open NAME opens one, :new NAME creates one)", cmd);
	return 0;
}

/* The loop (or a request of it) is going: no changing the project under it. */
static int loop_running(struct app *a, const char *cmd)
{
	if (!app_orch_running(a))
		return 0;
	app_error(a, "%s: the loop is running; stop it first (:stop or C-c)", cmd);
	return 1;
}

static char *joined(char **list, size_t n)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", list[i]);
	return b.data ? buf_steal(&b) : xstrdup("none");
}

static int parse_version(struct app *a, const char *cmd, const char *text, int *out)
{
	int latest = store_project(a->project)->latest;
	const char *digits = text[0] == 'v' ? text + 1 : text;
	char *end;
	long v = strtol(digits, &end, 10);

	if (digits[0] < '0' || digits[0] > '9' || *end || v > latest) {
		app_error(a, "%s: no version '%s' (this project has versions 0 to %d)", cmd, text, latest);
		return -1;
	}
	*out = (int)v;
	return 0;
}

static void cmd_open(struct app *a, int argc, char **argv)
{
	size_t n = 0;
	char **names = commands_candidates(a, "open", 1, &n), *err = NULL;
	(void)argc;
	if (!commands_list_has(names, n, argv[1])) {
		char *list = joined(names, n);
		app_error(a, "open: no project '%s' (projects: %s; 'new %s' creates it)", argv[1],
			  list, argv[1]);
		free(list);
	} else if (app_orch_switch(a, argv[1], &err) < 0) {
		app_error(a, "open: %s", err);
	}
	free(err);
	commands_list_free(names, n);
}

static void cmd_new(struct app *a, int argc, char **argv)
{
	size_t n = 0;
	char *err = NULL, **templates = commands_candidates(a, "new", 2, &n);
	if (store_check_name(argv[1], &err) < 0) {
		app_error(a, "new: %s", err);
	} else if (argc > 2 && !commands_list_has(templates, n, argv[2])) {
		char *list = joined(templates, n);
		app_error(a, "new: no template '%s' (templates: %s)", argv[2], list);
		free(list);
	} else if (app_orch_create(a, argv[1], argc > 2 ? argv[2] : NULL, &err) < 0) {
		app_error(a, "new: %s", err);
	}
	free(err);
	commands_list_free(templates, n);
}

static void cmd_run(struct app *a, int argc, char **argv) { (void)argc; (void)argv; run_action(a, "run"); }
static void cmd_stop(struct app *a, int argc, char **argv) { (void)argc; (void)argv; run_action(a, "cancel"); }
static void cmd_resume(struct app *a, int argc, char **argv)
{
	char *err = NULL;
	(void)argc;
	(void)argv;
	if (app_orch_resume(a, &err) < 0) {
		app_error(a, "resume: %s", err);
		free(err);
	}
}

/* :plan [show|edit|accept]: the planner's plan (app-agents.c). */
static void cmd_plan(struct app *a, int argc, char **argv)
{
	app_orch_plan(a, argc > 1 ? argv[1] : "show");
}

static void cmd_help(struct app *a, int argc, char **argv) { (void)argc; (void)argv; run_action(a, "help"); }
static void cmd_quit(struct app *a, int argc, char **argv) { (void)argc; (void)argv; a->quit = 1; }

static void cmd_finalize(struct app *a, int argc, char **argv)
{
	char *err = NULL;
	(void)argc;
	if (!need_project(a, argv[0]) || loop_running(a, argv[0]))
		return;
	if (store_finalize(a->project, &err) < 0) {
		app_error(a, "finalize: %s", err);
		free(err);
		return;
	}
	const struct store_project *p = store_project(a->project);
	app_note(a, STREAM_NOTE, "Project %s finalized at version %d (faos-codex project reopen %s "
		 "allows changes again).", p->name, p->final_version, p->name);
}

static void cmd_archive(struct app *a, int argc, char **argv)
{
	char *err = NULL;
	(void)argc;
	if (!need_project(a, argv[0]) || loop_running(a, argv[0]))
		return;
	char *name = xstrdup(store_project(a->project)->name), *data = data_dir(a);
	app_orch_close(a);
	if (store_archive(data, name, &err) < 0)
		app_error(a, "archive: %s", err);
	else
		app_note(a, STREAM_NOTE, "Project %s archived and closed (faos-codex project "
			 "unarchive %s brings it back); prompts now go to the model directly.",
			 name, name);
	free(err);
	free(name);
	free(data);
}

static void cmd_export(struct app *a, int argc, char **argv)
{
	char *err = NULL;
	int v;
	if (!need_project(a, argv[0]))
		return;
	v = store_project(a->project)->latest;
	if (argc > 2 && parse_version(a, argv[0], argv[2], &v) < 0)
		return;
	const char *home = getenv("HOME");
	char *dest = strncmp(argv[1], "~/", 2) == 0 && home ? xasprintf("%s%s", home, argv[1] + 1)
							    : xstrdup(argv[1]);
	if (store_export(a->project, v, dest, &err) < 0)
		app_error(a, "export: %s", err);
	else
		app_note(a, STREAM_NOTE, "Version %d of %s exported to %s.", v,
			 store_project(a->project)->name, dest);
	free(err);
	free(dest);
}

static void cmd_restore(struct app *a, int argc, char **argv)
{
	char *err = NULL;
	int v, now = 0;
	(void)argc;
	if (!need_project(a, argv[0]) || loop_running(a, argv[0]) ||
	    parse_version(a, argv[0], argv[1], &v) < 0)
		return;
	if (store_restore(a->project, v, &now, &err) < 0) {
		app_error(a, "restore: %s", err);
		free(err);
		return;
	}
	app_note(a, STREAM_NOTE, "Version %d restored as version %d.", v, now);
	a->pane[PANE_TREE]->dirty = 1;
}

static void cmd_review(struct app *a, int argc, char **argv)
{
	char *err = NULL;
	int to, from;
	if (!need_project(a, argv[0]))
		return;
	to = store_project(a->project)->latest;
	if (argc > 1 && parse_version(a, argv[0], argv[1], &to) < 0)
		return;
	from = to - 1;
	if (argc > 2 && parse_version(a, argv[0], argv[2], &from) < 0)
		return;
	if (from < 0) {
		app_error(a, "review: version 0 has nothing before it; name two versions (review 2 0)");
		return;
	}
	if (review_open_versions(a, from, to, &err) < 0) {
		app_error(a, "review: %s", err);
		free(err);
	}
}

static void cmd_model(struct app *a, int argc, char **argv)
{
	char *err = NULL;
	(void)argc;
	if (app_set_model(a, argv[1], &err) < 0) {
		app_error(a, "model: %s", err);
		free(err);
		return;
	}
	app_note(a, STREAM_NOTE, "The next requests use the model %s.", argv[1]);
}

static void cmd_theme(struct app *a, int argc, char **argv)
{
	struct theme t;
	char *err = NULL;
	(void)argc;
	if (getenv("NO_COLOR")) {
		app_error(a, "theme: NO_COLOR is set, so the screen stays mono (unset it to use themes)");
		return;
	}
	if (theme_load(&t, argv[1], &err) < 0) {
		app_error(a, "theme: %s", err);
		free(err);
		return;
	}
	a->theme = t;
	theme_apply(&a->theme, a->colour);
	app_redraw_all(a);
	app_note(a, STREAM_NOTE, "Theme %s.", argv[1]);
}

const struct command commands[] = {
	{ "new", "new NAME [TEMPLATE]", "create a project (from a scaffold template) and open it", 1, 2, { ARG_NONE, ARG_TEMPLATE }, cmd_new },
	{ "open", "open NAME", "open a project", 1, 1, { ARG_PROJECT, ARG_NONE }, cmd_open },
	{ "run", "run", "run the project's command in the sandbox (F5)", 0, 0, { ARG_NONE, ARG_NONE }, cmd_run },
	{ "stop", "stop", "cancel the loop, the request and the run (C-c)", 0, 0, { ARG_NONE, ARG_NONE }, cmd_stop },
	{ "resume", "resume", "continue the loop faos-codex was stopped in, from its last step", 0, 0, { ARG_NONE, ARG_NONE }, cmd_resume },
	{ "finalize", "finalize", "finalize the open project (no more changes)", 0, 0, { ARG_NONE, ARG_NONE }, cmd_finalize },
	{ "archive", "archive", "archive the open project and close it", 0, 0, { ARG_NONE, ARG_NONE }, cmd_archive },
	{ "export", "export PATH [VERSION]", "export the open project's files (a directory, or PATH.tar.gz)", 1, 2, { ARG_NONE, ARG_VERSION }, cmd_export },
	{ "restore", "restore VERSION", "restore a version of the files (as a new version)", 1, 1, { ARG_VERSION, ARG_NONE }, cmd_restore },
	{ "review", "review [N [M]]", "review version N against M (default: the latest against the one before)", 0, 2, { ARG_VERSION, ARG_VERSION }, cmd_review },
	{ "plan", "plan [show|edit|accept]", "show the planner's plan; edit it in $EDITOR or accept it while it waits for review", 0, 1, { ARG_PLAN, ARG_NONE }, cmd_plan },
	{ "model", "model NAME", "use another model for the next requests", 1, 1, { ARG_NONE, ARG_NONE }, cmd_model },
	{ "theme", "theme NAME", "switch the colour theme (default, light, mono or your own)", 1, 1, { ARG_THEME, ARG_NONE }, cmd_theme },
	{ "help", "help", "list the keys and commands", 0, 0, { ARG_NONE, ARG_NONE }, cmd_help },
	{ "quit", "quit", "quit", 0, 0, { ARG_NONE, ARG_NONE }, cmd_quit },
	{ NULL, NULL, NULL, 0, 0, { ARG_NONE, ARG_NONE }, NULL },
};

const struct command *command_find(const char *name)
{
	for (const struct command *c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static void unknown_command(struct app *a, const char *name)
{
	const char *names[32];
	size_t n = 0;
	for (const struct command *c = commands; c->name && n < 32; c++)
		names[n++] = c->name;
	const char *near = text_closest(name, names, n);
	app_error(a, "unknown command '%s'%s%s%s (:help lists the commands)", name,
		  near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
}

void commands_run(struct app *a, const char *line)
{
	char *copy = xstrdup(line + strspn(line, " :")), *save = NULL, *argv[8];
	int argc = 0;

	for (char *w = strtok_r(copy, " \t", &save); w && argc < 8; w = strtok_r(NULL, " \t", &save))
		argv[argc++] = w;
	if (argc > 0) {
		const struct command *c = command_find(argv[0]);
		if (c == NULL)
			unknown_command(a, argv[0]);
		else if (argc - 1 < c->min_args || argc - 1 > c->max_args)
			app_error(a, "usage: %s (%s)", c->usage, c->help);
		else
			c->run(a, argc, argv);
	}
	free(copy);
}
