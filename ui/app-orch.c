/* app-orch: the orchestrator in the TUI; see app-orch.h. */
#include "app-orch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/paths.h"
#include "base/xmalloc.h"
#include "orch/orch.h"
#include "cli-project.h"
#include "pane-log.h"
#include "pane-stream.h"
#include "review.h"

static void note(struct app *a, enum stream_kind kind, const char *text)
{
	pane_stream_append(a->pane[PANE_STREAM], kind, text, strlen(text), 1);
}

/* "calc · EXECUTING 2/4 · v2" */
static void loop_status(struct app *a, const char *state)
{
	const struct store_project *p = store_project(a->project);
	status_set_loop(&a->status, p->name, state, orch_iteration(a->orch),
			orch_max_iterations(a->orch), p->latest);
}

static void joined(struct buf *b, const cJSON *f, const char *key)
{
	const cJSON *item;
	cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(f, key))
		if (cJSON_IsString(item))
			buf_printf(b, "%s%s", b->len ? ", " : "", item->valuestring);
}

static void on_state(struct app *a, const cJSON *f)
{
	const char *to = json_str(f, "to", "");
	char line[1200];

	snprintf(line, sizeof line, "[%s → %s] %s", json_str(f, "from", ""), to,
		 json_str(f, "cause", ""));
	note(a, strcmp(to, "FAILED") == 0 ? STREAM_ERROR : STREAM_NOTE, line);
	loop_status(a, to);
	int st = orch_state_find(to);
	/* The loop's clock runs while it works, not while it waits for the user. */
	status_loop_busy(&a->status, st > ORCH_IDLE && !orch_terminal((enum orch_state)st) &&
				     st != ORCH_WAITING_FOR_USER && st != ORCH_REVIEWING &&
				     st != ORCH_REVIEWING_PLAN,
			 clock_now_ms());
}

static void on_version(struct app *a, const cJSON *f)
{
	struct buf b = BUF_INIT;
	char line[1200];

	joined(&b, f, "written");
	snprintf(line, sizeof line, "version %d: %s", (int)json_num(f, "version", 0),
		 b.data ? b.data : "(deletions only)");
	note(a, STREAM_NOTE, line);
	buf_free(&b);
	app_orch_show_version(a);
}

static void on_run(struct app *a, const cJSON *f)
{
	char line[1200];

	snprintf(line, sizeof line, "$ %s", json_str(f, "command", ""));
	pane_log_line(a->pane[PANE_LOG], LINE_INFO, line);
}

static void on_run_result(struct app *a, const cJSON *f)
{
	bool ok = json_true(f, "passed");
	char line[1200];

	pane_log_flush(a->pane[PANE_LOG]);
	snprintf(line, sizeof line, "%s %s", ok ? "✓" : "✗", json_str(f, "result", ""));
	pane_log_line(a->pane[PANE_LOG], ok ? LINE_OK : LINE_BAD, line);
	pane_log_set_file(a->pane[PANE_LOG], json_str(f, "log", ""));
	status_set_run(&a->status, json_str(f, "result", ""));
}

static void on_reply(struct app *a, const cJSON *f)
{
	struct orch_agent_id who;

	/* The generation's text is complete. */
	if (orch_agent_of(f, &who))
		pane_stream_agent_end(a->pane[PANE_STREAM], &who);
	else
		pane_stream_end(a->pane[PANE_STREAM]);
}

static void on_review(struct app *a, const cJSON *f)
{
	(void)f;
	app_orch_review(a);
}

static void on_ask(struct app *a, const cJSON *f)
{
	if (strcmp(json_str(f, "need", ""), "plan") == 0)
		app_agents_plan_waits(a);
	else if (strcmp(json_str(f, "need", ""), "run_command") == 0)
		note(a, STREAM_NOTE, "Nothing says how to run this project: type the command that "
				     "builds and tests it (e.g. make test) and send it.");
	else
		note(a, STREAM_NOTE, "The loop waits for you: a prompt is feedback for the next "
				     "generation.");
}

/* An agent's notice (a reply refused, a retry) in its tab. */
static void on_notice(struct app *a, const cJSON *f)
{
	struct orch_agent_id who;
	const char *text = json_str(f, "text", "");

	if (orch_agent_of(f, &who))
		pane_stream_agent_append(a->pane[PANE_STREAM], &who, STREAM_NOTE, text, strlen(text), 1);
	else
		note(a, STREAM_NOTE, text);
}

static void on_sandbox(struct app *a, const cJSON *f)
{
	char line[1200];

	snprintf(line, sizeof line, "sandbox: %s", json_str(f, "layers", ""));
	pane_log_line(a->pane[PANE_LOG], LINE_INFO, line);
}

/* The loop's events the TUI shows; the others are only journaled. */
static const struct {
	const char *type;
	void (*show)(struct app *a, const cJSON *f);
} event_views[] = {
	{ "state", on_state },	   { "version", on_version }, { "run", on_run },
	{ "run_result", on_run_result }, { "reply", on_reply },     { "review", on_review },
	{ "notice", on_notice },   { "sandbox", on_sandbox }, { "ask", on_ask },
};

static void on_event(void *ctx, const char *type, const cJSON *f)
{
	app_agents_event(ctx, type, f);
	for (size_t i = 0; i < sizeof event_views / sizeof event_views[0]; i++)
		if (strcmp(type, event_views[i].type) == 0)
			event_views[i].show(ctx, f);
}

static void on_text(void *ctx, enum orch_stream stream, const struct orch_agent_id *who,
		    const char *bytes, size_t len)
{
	struct app *a = ctx;
	switch (stream) {
	case ORCH_TOKENS:
	case ORCH_REASONING:
		if (who && who->role != ORCH_ROLE_MODEL) {
			app_agents_text(a, who, stream, bytes, len);
			break;
		}
		pane_stream_append(a->pane[PANE_STREAM],
				   stream == ORCH_TOKENS ? STREAM_ANSWER : STREAM_REASONING, bytes, len,
				   0);
		break;
	case ORCH_STDOUT:
	case ORCH_STDERR:
		pane_log_output(a->pane[PANE_LOG], stream == ORCH_STDOUT ? 1 : 2, bytes, len);
		break;
	}
}

/* A loop the journal shows unfinished (faos-codex ended in the middle). */
static void orch_tell_interrupted(struct app *a)
{
	const char *was = store_project(a->project)->loop_state;
	int st = orch_state_find(was);

	if (st > ORCH_IDLE && !orch_terminal((enum orch_state)st)) {
		char *text = xasprintf("The last loop stopped at %s when faos-codex ended; :resume "
				       "continues it from its last completed step.", was);
		note(a, STREAM_NOTE, text);
		free(text);
	}
}

int app_orch_resume(struct app *a, char **err)
{
	if (!a->orch) {
		*err = xstrdup("no project is open: open one first (:open NAME)");
		return -1;
	}
	if (app_orch_running(a)) {
		*err = xstrdup("the loop is running already");
		return -1;
	}
	status_agents_clear(&a->status); /* the resumed loop's own come */
	if (orch_resume(a->orch, err) < 0)
		return -1;
	if (orch_agents_on(a->orch)) {
		pane_stream_tabs_prune(a->pane[PANE_STREAM], orch_coders(a->orch), 1);
		pane_stream_tabs_show(a->pane[PANE_STREAM]);
	} else {
		pane_stream_tabs_prune(a->pane[PANE_STREAM], -1, 0);
	}
	status_loop_started(&a->status, clock_now_ms());
	return 0;
}

/* Opens name: the project, its loop, the tree on its workspace. */
static int orch_attach(struct app *a, const char *name, char **err)
{
	char *data = paths_data_dir(config_str(a->cfg, OPT_DATA_DIR)), *warning = NULL;
	int rc = store_open(data, name, &a->project, &warning, err);
	if (rc == 0) {
		const struct orch_sink sink = { on_event, on_text, a };
		app_orch_config_open(a, store_dir(a->project)); /* approval, agents: */
		a->orch = orch_new(a->cfg, a->project, a->q, &sink, NULL);
		orch_set_review(a->orch, strcmp(config_str(a->cfg, OPT_APPROVAL), "review") == 0);
		store_set_last(data, name);
		char *text = xasprintf("Project %s (workspace %s): a prompt starts the loop "
				       "(generate, apply, run, refine); while it runs, a prompt is "
				       "feedback for the next generation.", name,
				       store_project(a->project)->workspace);
		note(a, STREAM_NOTE, text);
		free(text);
		if (warning)
			note(a, STREAM_NOTE, warning);
		orch_tell_interrupted(a);
		loop_status(a, store_project(a->project)->loop_state[0] ?
				       store_project(a->project)->loop_state : "IDLE");
		app_orch_show_version(a);
	}
	free(warning);
	free(data);
	return rc;
}

bool app_orch_running(const struct app *a)
{
	if (!a->orch)
		return false;
	enum orch_state s = orch_state(a->orch);
	return orch_busy(a->orch) || !(s == ORCH_IDLE || orch_terminal(s));
}

int app_orch_switch(struct app *a, const char *name, char **err)
{
	if (app_orch_running(a)) {
		*err = xasprintf("the loop of %s is running; stop it first (Ctrl-C or :stop)",
				 store_project(a->project)->name);
		return -1;
	}
	app_orch_close(a);
	return orch_attach(a, name, err);
}

int app_orch_create(struct app *a, const char *name, const char *template_name, char **err)
{
	char *scaffold = NULL, *data;
	struct store *s;

	if (store_check_name(name, err) < 0)
		return -1;
	if (template_name && !(scaffold = cli_scaffold_find(template_name))) {
		*err = xasprintf("no template '%s'; the templates are %s", template_name, CLI_SCAFFOLDS);
		return -1;
	}
	if (app_orch_running(a)) {
		free(scaffold);
		return app_orch_switch(a, name, err); /* says why not */
	}
	data = paths_data_dir(config_str(a->cfg, OPT_DATA_DIR));
	int rc = store_create(data, name, NULL, scaffold, &s, err);
	free(scaffold);
	free(data);
	if (rc < 0)
		return -1;
	store_close(s);
	return app_orch_switch(a, name, err);
}

void app_orch_close(struct app *a)
{
	if (app_screen_open(a, SCREEN_REVIEW) && review_pending(a))
		app_close_screen(a, SCREEN_REVIEW); /* its reply goes with the loop */
	orch_free(a->orch);
	a->orch = NULL;
	app_orch_config_close(a);
	if (a->project)
		store_close(a->project);
	a->project = NULL;
	free(a->status.loop);
	a->status.loop = NULL;
	status_agents_clear(&a->status); /* the project's agents go with it */
	pane_stream_tabs_prune(a->pane[PANE_STREAM], -1, 0);
	a->status.dirty = 1;
}

void app_orch_submit(struct app *a, const char *text)
{
	enum orch_state s = orch_state(a->orch);
	note(a, STREAM_PROMPT, text);
	if (s == ORCH_IDLE || orch_terminal(s)) {
		char *err = NULL;
		if (orch_start(a->orch, text, &err) < 0) {
			status_set_error(&a->status, err);
			free(err);
		} else {
			status_loop_started(&a->status, clock_now_ms());
		}
	} else if (orch_needs_run_command(a->orch)) {
		char *err = NULL;
		if (orch_run_command(a->orch, text, &err) < 0) {
			status_set_error(&a->status, err);
			free(err);
		}
	} else {
		orch_feedback(a->orch, text);
	}
}

bool app_orch_pause(struct app *a)
{
	if (!app_orch_running(a) || orch_state(a->orch) == ORCH_WAITING_FOR_USER)
		return false;
	orch_pause(a->orch);
	note(a, STREAM_NOTE, "The loop stops for you after this run: then a prompt is feedback "
			     "for the next generation.");
	return true;
}

bool app_orch_cancel(struct app *a)
{
	if (!a->orch || (orch_terminal(orch_state(a->orch)) && !orch_busy(a->orch)) ||
	    orch_state(a->orch) == ORCH_IDLE)
		return false;
	orch_cancel(a->orch);
	return true;
}
