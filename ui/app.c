/* app: actions, queue messages and drawing for the TUI. */
#include "app.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "base/log.h"
#include "base/xmalloc.h"
#include "gateway/plan.h"
#include "base/paths.h"
#include "app-orch.h"
#include "projects.h"
#include "pane-log.h"
#include "pane-prompt.h"
#include "pane-stream.h"
#include "theme.h"

void app_note(struct app *a, int kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	char *text = xvasprintf(fmt, ap);
	va_end(ap);
	pane_stream_append(a->pane[PANE_STREAM], (enum stream_kind)kind, text, strlen(text), 1);
	free(text);
}

void app_error(struct app *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	char *text = xvasprintf(fmt, ap);
	va_end(ap);
	status_set_error(&a->status, text);
	free(text);
}

static void app_welcome(struct app *a)
{
	struct gw_plan plan;
	char *err = NULL;

	app_note(a, STREAM_NOTE, "%s", "FAOS Codex " FAOS_VERSION ". Type a prompt below; Ctrl-S or "
		 "Alt-Enter sends it, Enter starts a new line. Tab moves between panes, F1 lists "
		 "the keys, Ctrl-C cancels a request, Ctrl-Q quits.");
	if (gw_plan_endpoints(&plan, a->cfg, &err) < 0) {
		app_note(a, STREAM_ERROR, "%s", err);
		free(err);
	} else if (plan.scanning) {
		char *path = a->cfg->path ? xstrdup(a->cfg->path) : config_default_path();
		app_note(a, STREAM_NOTE, "No model server is configured, so the usual local ports "
			 "%s on 127.0.0.1 are tried. To choose one, start faos-codex with --endpoint "
			 "URL, set FAOS_CODEX_ENDPOINT, or add 'endpoint:' to %s.",
			 config_str(a->cfg, OPT_SCAN_PORTS), path);
		free(path);
		status_set_target(&a->status, "local ports", NULL, NULL);
	} else {
		const struct gw_endpoint *ep = &plan.eps[0];
		status_set_target(&a->status, ep->name, NULL, ep->model);
		if (ep->context > 0)
			status_set_context(&a->status, 0, ep->context);
	}
	gw_plan_free(&plan);
}

void app_init(struct app *a, const struct config *cfg)
{
	char *err = NULL;
	char cwd[4096];

	memset(a, 0, sizeof *a);
	/* The TUI is the configuration's only user while it runs, on this
	 * thread; requests copy what they need when they start. */
	a->cfg = (struct config *)cfg;
	a->q = queue_new();
	if (keymap_build(&a->keys, cfg, &err) < 0) /* validated at start-up already */
		abort();
	a->pane[PANE_PROMPT] = pane_prompt_new();
	a->pane[PANE_TREE] = pane_tree_new(getcwd(cwd, sizeof cwd) ? cwd : ".");
	a->pane[PANE_STREAM] = pane_stream_new();
	a->pane[PANE_LOG] = pane_log_new();
	a->pane[PANE_VIEW] = pane_view_new();
	a->pane[SCREEN_REVIEW] = screen_review_new();
	a->pane[SCREEN_PROJECTS] = screen_projects_new();
	a->pane[SCREEN_HELP] = screen_help_new();
	a->pane[SCREEN_CMDLINE] = screen_cmdline_new();
	for (int i = 0; i < PANE__COUNT; i++) {
		a->pane[i]->id = (enum pane_id)i;
		a->pane[i]->app = a;
	}
	a->focus = PANE_PROMPT;
	a->lay_opts.zoom = -1;
	app_welcome(a);
	projects_open_at_start(a);
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
	for (struct msg *m = a->backlog, *next; m; m = next) {
		next = m->next;
		msg_free(m);
	}
	for (int i = 0; i < PANE__COUNT; i++)
		pane_free(a->pane[i]);
	if (a->status_win)
		delwin(a->status_win);
	status_free(&a->status);
	keymap_free(&a->keys);
	buf_free(&a->paste);
	queue_free(a->q);
}

int app_set_model(struct app *a, const char *model, char **err)
{
	if (a->call || (a->orch && orch_busy(a->orch))) {
		*err = xstrdup("a request is in flight; change the model when it has ended (or Ctrl-C)");
		return -1;
	}
	if (config_set(a->cfg, OPT_MODEL, model, SRC_FLAG, ":model", err) < 0)
		return -1;
	status_set_target(&a->status, model, NULL, NULL); /* until the next request says who answers */
	return 0;
}

/* The prompt went out: into the history, the editor emptied, the output
 * following its tail again, an old error dismissed. */
static void app_prompt_sent(struct app *a)
{
	pane_prompt_submitted(a->pane[PANE_PROMPT]);
	pane_stream_agent_select(a->pane[PANE_STREAM], NULL); /* where the prompt shows */
	pane_stream_scroll(a->pane[PANE_STREAM], 0);
	status_dismiss(&a->status);
}

static void app_submit(struct app *a)
{
	struct pane *prompt = a->pane[PANE_PROMPT];
	const char *text = pane_prompt_text(prompt);

	if (text[strspn(text, " \t\n")] == '\0')
		return;
	if (a->orch) {
		app_orch_submit(a, text);
		app_prompt_sent(a);
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
	app_note(a, STREAM_PROMPT, "%s", text); /* the user's text is no format */
	a->call = gateway_start(&plan.req, a->q, ++a->request);
	a->call_request = a->request;
	gw_plan_free(&plan);
	app_prompt_sent(a);
	status_request_started(&a->status, clock_now_ms());
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
		app_note(a, STREAM_NOTE, "%s", err); /* the run goes on without a log file */
		free(err);
		free(dir);
		return NULL;
	}
	return dir;
}

static void app_run(struct app *a)
{
	char cwd[4096];
	if (app_orch_running(a)) {
		app_error(a, "the loop runs the project's command itself; wait for it or stop it (Ctrl-C)");
		return;
	}
	if (a->run) {
		status_set_error(&a->status, "a run is already going; Ctrl-C stops it");
		return;
	}
	if (a->project)
		snprintf(cwd, sizeof cwd, "%s", store_project(a->project)->workspace);
	else if (!getcwd(cwd, sizeof cwd)) {
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
	status_set_run(&a->status, "running");
	a->status.dirty = 1;
}

/* Tab and Shift-Tab: the next laid-out pane that is shown (or, stacked,
 * the next one that has something to show). */
static void app_focus_step(struct app *a, int step)
{
	enum pane_id id = a->focus;

	for (int i = 0; i < PANE__LAID; i++) {
		id = (enum pane_id)(((int)id + step + PANE__LAID) % PANE__LAID);
		if (id == PANE_VIEW && !a->lay_opts.view_open)
			continue;
		/* A viewer in the output's place hides it, but it stays reachable. */
		if (a->pane[id]->win || a->lay.stacked || id == PANE_STREAM)
			break;
	}
	app_focus_pane(a, id);
}

static void act_submit(struct app *a, struct pane *p) { (void)p; app_submit(a); }
static void act_run(struct app *a, struct pane *p) { (void)p; app_run(a); }
static void act_quit(struct app *a, struct pane *p) { (void)p; a->quit = 1; }
static void act_focus_next(struct app *a, struct pane *p) { (void)p; app_focus_step(a, 1); }
static void act_focus_prev(struct app *a, struct pane *p) { (void)p; app_focus_step(a, -1); }
static void act_focus_1(struct app *a, struct pane *p) { (void)p; app_focus_pane(a, PANE_PROMPT); }
static void act_focus_2(struct app *a, struct pane *p) { (void)p; app_focus_pane(a, PANE_TREE); }
static void act_focus_3(struct app *a, struct pane *p) { (void)p; app_focus_pane(a, PANE_STREAM); }
static void act_focus_4(struct app *a, struct pane *p) { (void)p; app_focus_pane(a, PANE_LOG); }
static void act_pause(struct app *a, struct pane *p)
{
	(void)p;
	if (!app_orch_pause(a))
		app_error(a, "no loop is running to pause (or it already waits for you)");
}

static void act_dismiss(struct app *a, struct pane *p) { (void)p; status_dismiss(&a->status); }
static void act_redraw(struct app *a, struct pane *p) { (void)p; app_redraw_all(a); }

static void act_focus_5(struct app *a, struct pane *p)
{
	(void)p;
	if (a->lay_opts.view_open)
		app_focus_pane(a, PANE_VIEW);
	else
		app_error(a, "no file is open in the viewer: choose one in Files (Alt-2) and press Enter");
}

static void act_cancel(struct app *a, struct pane *p)
{
	(void)p;
	app_orch_cancel(a);
	if (a->call)
		gateway_cancel(a->call);
	if (a->run)
		sandbox_job_cancel(a->run);
}

/* PgUp/PgDn: the focused pane if it scrolls, else the output. */
static void app_page(struct app *a, struct pane *p, int dir)
{
	if (p->ops->scroll_by == NULL)
		p = a->pane[PANE_STREAM];
	if (p->ops->scroll_by)
		p->ops->scroll_by(p, dir * (p->r.h > 3 ? p->r.h - 2 : 1));
}

static void act_scroll_up(struct app *a, struct pane *p) { app_page(a, p, -1); }
static void act_scroll_down(struct app *a, struct pane *p) { app_page(a, p, 1); }

const struct action_def app_actions[] = {
	{ "submit", SCOPE_GLOBAL, "C-s M-Enter", "send the prompt (feedback while a loop runs)", act_submit },
	{ "cancel", SCOPE_GLOBAL, "C-c", "cancel the request in flight and stop the run", act_cancel },
	{ "quit", SCOPE_GLOBAL, "C-q q", "quit (q only outside the editor)", act_quit },
	{ "focus-next", SCOPE_GLOBAL, "Tab", "move focus to the next pane", act_focus_next },
	{ "focus-prev", SCOPE_GLOBAL, "S-Tab", "move focus to the previous pane", act_focus_prev },
	{ "focus-prompt", SCOPE_GLOBAL, "M-1", "focus the prompt editor", act_focus_1 },
	{ "focus-files", SCOPE_GLOBAL, "M-2", "focus the file tree", act_focus_2 },
	{ "focus-output", SCOPE_GLOBAL, "M-3", "focus the output", act_focus_3 },
	{ "focus-sandbox", SCOPE_GLOBAL, "M-4", "focus the sandbox log", act_focus_4 },
	{ "focus-viewer", SCOPE_GLOBAL, "M-5", "focus the file viewer", act_focus_5 },
	{ "scroll-up", SCOPE_GLOBAL, "PgUp", "scroll the focused pane (or the output) up a page", act_scroll_up },
	{ "scroll-down", SCOPE_GLOBAL, "PgDn", "scroll the focused pane (or the output) down a page", act_scroll_down },
	{ "dismiss", SCOPE_GLOBAL, "Escape", "dismiss the error in the status bar", act_dismiss },
	{ "redraw", SCOPE_GLOBAL, "C-l", "redraw the whole screen", act_redraw },
	{ "run", SCOPE_GLOBAL, "F5", "run the project's command in the sandbox", act_run },
	{ "pause", SCOPE_GLOBAL, "F6", "stop the loop at its next decision and wait for you", act_pause },
	{ NULL, 0, NULL, NULL, NULL },
};
