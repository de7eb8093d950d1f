/* app: actions, queue messages and drawing for the TUI. */
#include "app.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/log.h"
#include "base/xmalloc.h"
#include "gateway/plan.h"
#include "base/paths.h"
#include "app-orch.h"
#include "pane-log.h"
#include "pane-prompt.h"
#include "pane-stream.h"
#include "theme.h"

static void app_note(struct app *a, enum stream_kind kind, const char *text)
{
	pane_stream_append(a->pane[PANE_STREAM], kind, text, strlen(text), 1);
}

static void app_welcome(struct app *a)
{
	struct gw_plan plan;
	char *err = NULL;

	app_note(a, STREAM_NOTE, "FAOS Codex " FAOS_VERSION ". Type a prompt below; Ctrl-S or "
		 "Alt-Enter sends it, Enter starts a new line. Tab moves between panes, Ctrl-C "
		 "cancels a request, Ctrl-Q quits.");
	if (gw_plan_endpoints(&plan, a->cfg, &err) < 0) {
		app_note(a, STREAM_ERROR, err);
		free(err);
	} else if (plan.scanning) {
		char *path = a->cfg->path ? xstrdup(a->cfg->path) : config_default_path();
		char *text = xasprintf("No model server is configured, so the usual local ports "
				       "%s on 127.0.0.1 are tried. To choose one, start faos-codex "
				       "with --endpoint URL, set FAOS_CODEX_ENDPOINT, or add "
				       "'endpoint:' to %s.", config_str(a->cfg, OPT_SCAN_PORTS), path);
		app_note(a, STREAM_NOTE, text);
		free(text);
		free(path);
		a->status.target = xstrdup("local ports");
	} else {
		const struct gw_endpoint *ep = &plan.eps[0];
		a->status.target = xasprintf("%s%s%s", ep->name, ep->model[0] ? " " : "", ep->model);
	}
	gw_plan_free(&plan);
}

void app_init(struct app *a, const struct config *cfg)
{
	char *err = NULL;
	char cwd[4096];

	memset(a, 0, sizeof *a);
	a->cfg = cfg;
	a->q = queue_new();
	if (keymap_build(&a->keys, cfg, &err) < 0) /* validated at start-up already */
		abort();
	a->pane[PANE_PROMPT] = pane_prompt_new();
	a->pane[PANE_TREE] = pane_tree_new(getcwd(cwd, sizeof cwd) ? cwd : ".");
	a->pane[PANE_STREAM] = pane_stream_new();
	a->pane[PANE_LOG] = pane_log_new();
	a->focus = PANE_PROMPT;
	app_welcome(a);
	app_orch_open(a);
}

void app_free(struct app *a)
{
	app_orch_close(a); /* its workers' last messages stay queued: freed below */
	if (a->call) {
		gateway_cancel(a->call);
		gateway_join(a->call);
	}
	if (a->run) { /* its last message may still be queued: freed with the queue */
		sandbox_job_cancel(a->run);
		sandbox_job_join(a->run);
	}
	for (int i = 0; i < PANE__COUNT; i++)
		pane_free(a->pane[i]);
	if (a->status_win)
		delwin(a->status_win);
	status_free(&a->status);
	keymap_free(&a->keys);
	queue_free(a->q);
}

void app_resize(struct app *a, int rows, int cols)
{
	a->rows = rows;
	a->cols = cols;
	layout_compute(rows, cols, &a->lay);
	for (int i = 0; i < PANE__COUNT; i++)
		pane_place(a->pane[i], a->lay.pane[i]);
	if (a->status_win)
		delwin(a->status_win);
	a->status_win = a->lay.status.w > 0 ? newwin(1, cols, a->lay.status.y, 0) : NULL;
	if (a->pane[a->focus]->win == NULL)
		a->focus = PANE_PROMPT;
	a->full_redraw = 1;
}

static void app_submit(struct app *a)
{
	struct pane *prompt = a->pane[PANE_PROMPT];
	const char *text = pane_prompt_text(prompt);

	if (text[strspn(text, " \t\n")] == '\0')
		return;
	if (a->orch) {
		app_orch_submit(a, text);
		pane_prompt_clear(prompt);
		pane_stream_scroll(a->pane[PANE_STREAM], 0);
		status_dismiss(&a->status);
		return;
	}
	if (a->call) {
		status_set_error(&a->status, "a request is already running; Ctrl-C cancels it");
		return;
	}
	struct gw_plan plan;
	char *err = NULL;

	if (gw_plan_build(&plan, a->cfg, text, &err) < 0) {
		status_set_error(&a->status, err);
		free(err);
		gw_plan_free(&plan);
		return;
	}
	app_note(a, STREAM_PROMPT, text);
	a->call = gateway_start(&plan.req, a->q, ++a->request);
	a->call_request = a->request;
	gw_plan_free(&plan);
	pane_prompt_clear(prompt);
	pane_stream_scroll(a->pane[PANE_STREAM], 0);
	status_dismiss(&a->status);
	a->status.state = RUN_WAITING;
	a->status.t_start = clock_now_ms();
	a->status.t_first = 0;
	a->status.pieces = 0;
	a->status.have_usage = 0;
}

/* A fresh directory for the run's log: DATA_DIR/runs/YYYYmmdd-HHMMSS-N. */
static char *app_run_dir(struct app *a)
{
	char *base = paths_data_dir(config_str(a->cfg, OPT_DATA_DIR));
	char stamp[32], *err = NULL;
	time_t now = time(NULL);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime(&now));
	char *dir = xasprintf("%s/runs/%s-%u", base, stamp, a->request + 1);
	free(base);
	if (paths_mkdir_p(dir, &err) < 0) {
		app_note(a, STREAM_NOTE, err); /* the run goes on without a log file */
		free(err);
		free(dir);
		return NULL;
	}
	return dir;
}

static void app_run(struct app *a)
{
	char cwd[4096];
	if (a->run) {
		status_set_error(&a->status, "a run is already going; Ctrl-C stops it");
		return;
	}
	if (!getcwd(cwd, sizeof cwd)) {
		status_set_error(&a->status, "cannot tell the current directory; start faos-codex in the project");
		return;
	}
	const char *cmd = sandbox_run_command(config_str(a->cfg, OPT_RUN_COMMAND), cwd);
	if (!cmd) {
		char *text = xasprintf("no run command: set run_command in the configuration (nothing "
				       "to detect in %s)", cwd);
		status_set_error(&a->status, text);
		free(text);
		return;
	}
	struct sbx_policy p;
	char *argv[] = { "/bin/sh", "-c", (char *)cmd, NULL };
	char *dir = app_run_dir(a);
	sandbox_policy_from_config(&p, a->cfg);
	p.workspace = cwd;
	p.argv = argv;
	p.run_dir = dir;
	char *line = xasprintf("$ %s", cmd);
	pane_log_line(a->pane[PANE_LOG], LINE_INFO, line);
	free(line);
	a->run = sandbox_job_start(&p, a->q, ++a->request);
	a->run_request = a->request;
	free(dir);
	free(a->status.run);
	a->status.run = xstrdup("run: running");
	a->status.dirty = 1;
}

static void app_focus(struct app *a, int step)
{
	for (int i = 0; i < PANE__COUNT; i++) {
		a->focus = (enum pane_id)(((int)a->focus + step + PANE__COUNT) % PANE__COUNT);
		if (a->pane[a->focus]->win)
			break;
	}
	for (int i = 0; i < PANE__COUNT; i++)
		a->pane[i]->dirty = 1; /* titles show focus */
}

static void app_action(struct app *a, enum action_id action)
{
	switch (action) {
	case ACT_SUBMIT: app_submit(a); break;
	case ACT_CANCEL:
		app_orch_cancel(a);
		if (a->call)
			gateway_cancel(a->call);
		if (a->run)
			sandbox_job_cancel(a->run);
		break;
	case ACT_RUN: app_run(a); break;
	case ACT_QUIT: a->quit = 1; break;
	case ACT_FOCUS_NEXT: app_focus(a, 1); break;
	case ACT_FOCUS_PREV: app_focus(a, -1); break;
	case ACT_SCROLL_UP: pane_stream_scroll(a->pane[PANE_STREAM], -1); break;
	case ACT_SCROLL_DOWN: pane_stream_scroll(a->pane[PANE_STREAM], 1); break;
	case ACT_DISMISS: status_dismiss(&a->status); break;
	case ACT_REDRAW: a->full_redraw = 1; break;
	case ACT_NONE:
	case ACT__COUNT: break;
	}
}

void app_key(struct app *a, int key)
{
	struct pane *focused = a->pane[a->focus];
	int text = key >= ' ' && key != 0x7f && !(key & (KEYC_FUNC | KEYC_META));

	if (text && focused->ops->wants_text && focused->ops->key(focused, key))
		return;
	enum action_id action = keymap_lookup(&a->keys, key);
	if (action != ACT_NONE)
		app_action(a, action);
	else if (focused->ops->key)
		focused->ops->key(focused, key);
}
