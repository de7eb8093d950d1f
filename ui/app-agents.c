/* app-agents: a loop with agents in the TUI. Each agent's tokens, notices
 * and replies go to its tab of the output pane (stream-tabs.h), its state
 * and tokens/s to the status bar's agents part; the loop's own lines (its
 * states, versions, run results, the user's prompts) stay in the first,
 * "loop" tab, with a one-line summary of the plan and of each verdict, so
 * that tab tells the whole story and the others hold the detail.
 *
 * Also :plan, the user's review of the planner's plan under approval:
 * review (orch_plan_waiting): shown in the planner tab, edited in
 * $EDITOR, accepted. */
#include "app-orch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/json.h"
#include "base/paths.h"
#include "base/xmalloc.h"
#include "pane-stream.h"

#define STREAM(a) ((a)->pane[PANE_STREAM])

static const struct orch_agent_id planner = { ORCH_ROLE_PLANNER, 0 };
static const struct orch_agent_id reviewer = { ORCH_ROLE_REVIEWER, 0 };

static void tab_note(struct app *a, const struct orch_agent_id *who, enum stream_kind kind,
		     const char *text)
{
	pane_stream_agent_append(STREAM(a), who, kind, text, strlen(text), 1);
}

void app_agents_text(struct app *a, const struct orch_agent_id *who, enum orch_stream stream,
		     const char *bytes, size_t len)
{
	pane_stream_agent_append(STREAM(a), who,
				 stream == ORCH_TOKENS ? STREAM_ANSWER : STREAM_REASONING, bytes,
				 len, 0);
	status_agent_token(&a->status, who, clock_now_ms());
}

/* A loop starts: the status bar's agents start afresh; with agents the
 * tab row shows, the tabs of agents this loop lacks go (the others keep
 * what the last loop's agents wrote); without, the row goes. */
static void on_prompt(struct app *a, const cJSON *f)
{
	status_agents_clear(&a->status);
	if (json_true(f, "agents")) {
		pane_stream_tabs_prune(STREAM(a), (int)json_num(f, "coders", 1),
				       json_true(f, "reviewer"));
		pane_stream_tabs_show(STREAM(a));
	} else {
		pane_stream_tabs_prune(STREAM(a), -1, 0);
	}
}

/* "asks code-model at local for calc.c, main.c" at the top of each of
 * the agent's requests, so its tab says what it was asked. */
static void on_agent(struct app *a, const cJSON *f)
{
	struct orch_agent_id who;
	const char *status = json_str(f, "status", "");
	struct buf b = BUF_INIT;
	const cJSON *file;

	if (!orch_agent_of(f, &who))
		return;
	status_agent_set(&a->status, &who, status);
	pane_stream_agent_streaming(STREAM(a), &who, strcmp(status, "asking") == 0);
	if (strcmp(status, "asking") == 0) {
		buf_printf(&b, "asks %s at %s", json_str(f, "model", "?"), json_str(f, "endpoint", "?"));
		int k = 0;
		cJSON_ArrayForEach(file, cJSON_GetObjectItemCaseSensitive(f, "files"))
			if (cJSON_IsString(file))
				buf_printf(&b, "%s%s", k++ ? ", " : " for ", file->valuestring);
	} else if (strcmp(status, "queued") == 0) {
		buf_printf(&b, "queued: waits for a free slot of %s", json_str(f, "endpoint", "?"));
	} else {
		pane_stream_agent_end(STREAM(a), &who);
		if (strcmp(status, "failed") == 0 || strcmp(status, "cancelled") == 0)
			buf_printf(&b, "(%s)", status);
	}
	if (b.len)
		tab_note(a, &who, strcmp(status, "failed") == 0 ? STREAM_ERROR : STREAM_NOTE, b.data);
	buf_free(&b);
}

/* The plan as the coders get it, in the planner's tab; its files and who
 * writes them in the loop's. */
static void on_plan(struct app *a, const cJSON *f)
{
	struct buf b = BUF_INIT;
	const cJSON *file;
	const char *text = json_str(f, "text", "");

	buf_printf(&b, "The plan (iteration %d), as the coders get it:", (int)json_num(f, "iteration", 0));
	tab_note(a, &planner, STREAM_NOTE, b.data);
	pane_stream_agent_append(STREAM(a), &planner, STREAM_ANSWER, text, strlen(text), 1);
	pane_stream_agent_end(STREAM(a), &planner);
	buf_reset(&b);
	buf_append_str(&b, "plan:");
	cJSON_ArrayForEach(file, cJSON_GetObjectItemCaseSensitive(f, "files"))
		buf_printf(&b, "%s %s (coder %d)", b.len > 5 ? "," : "", json_str(file, "path", "?"),
			   (int)json_num(file, "coder", 0));
	if (json_str(f, "run_command", NULL))
		buf_printf(&b, "; run: %s", json_str(f, "run_command", ""));
	pane_stream_append(STREAM(a), STREAM_NOTE, b.data, b.len, 1);
	buf_free(&b);
}

/* "reviewer: REQUEST CHANGES (2 comments: calc.c:12, main.c)" in the
 * reviewer's tab and the loop's. */
static void on_critique(struct app *a, const cJSON *f)
{
	struct buf b = BUF_INIT;
	const cJSON *c, *comments = cJSON_GetObjectItemCaseSensitive(f, "comments");
	bool approve = strcmp(json_str(f, "verdict", ""), "approve") == 0;
	int n = cJSON_GetArraySize(comments), k = 0;

	buf_printf(&b, "reviewer: %s", approve ? "APPROVE" : "REQUEST CHANGES");
	if (n > 0)
		buf_printf(&b, " (%d comment%s", n, n == 1 ? "" : "s");
	cJSON_ArrayForEach(c, comments) { /* the files named; general ones only counted */
		const char *path = json_str(c, "path", NULL);
		int line = (int)json_num(c, "line", 0);
		if (path == NULL || path[0] == '\0')
			continue;
		buf_printf(&b, "%s %s", k++ ? "," : ":", path);
		if (line > 0)
			buf_printf(&b, ":%d", line);
	}
	if (n > 0)
		buf_append_str(&b, ")");
	pane_stream_agent_end(STREAM(a), &reviewer);
	tab_note(a, &reviewer, STREAM_NOTE, b.data);
	pane_stream_append(STREAM(a), STREAM_NOTE, b.data, b.len, 1);
	buf_free(&b);
}

static void on_usage(struct app *a, const cJSON *f)
{
	struct orch_agent_id who;

	if (orch_agent_of(f, &who) && json_num(f, "tokens_per_s", -1) >= 0)
		status_agent_usage(&a->status, &who, json_num(f, "tokens_per_s", 0));
}

void app_agents_event(struct app *a, const char *type, const cJSON *f)
{
	static const struct {
		const char *type;
		void (*show)(struct app *a, const cJSON *f);
	} views[] = {
		{ "prompt", on_prompt }, { "agent", on_agent }, { "plan", on_plan },
		{ "critique", on_critique }, { "usage", on_usage },
	};
	for (size_t i = 0; i < sizeof views / sizeof views[0]; i++)
		if (strcmp(type, views[i].type) == 0)
			views[i].show(a, f);
}

void app_agents_plan_waits(struct app *a)
{
	static const char text[] = "The plan waits for your review: :plan edit opens it in "
				   "$EDITOR, :plan accept starts the coders.";

	tab_note(a, &planner, STREAM_NOTE, text);
	pane_stream_append(STREAM(a), STREAM_NOTE, text, sizeof text - 1, 1);
}

/* :plan show: the plan in the planner's tab, which comes to the front. */
static void plan_show(struct app *a)
{
	char *text = orch_plan_text(a->orch);

	if (text == NULL) {
		app_error(a, "plan: there is no plan yet (the planner writes one when a loop with "
			     "agents starts)");
		return;
	}
	tab_note(a, &planner, STREAM_NOTE, orch_plan_waiting(a->orch) ?
		 "The plan, waiting for your review (:plan edit, :plan accept):" : "The plan:");
	pane_stream_agent_append(STREAM(a), &planner, STREAM_ANSWER, text, strlen(text), 1);
	pane_stream_agent_end(STREAM(a), &planner);
	pane_stream_agent_select(STREAM(a), &planner);
	free(text);
}

static void plan_decide(struct app *a, const char *edited)
{
	char *err = NULL;

	if (orch_plan_decide(a->orch, edited, &err) < 0) {
		app_error(a, "plan: %s", err);
		free(err);
		return;
	}
	app_note(a, STREAM_NOTE, "%s", edited ? "Your edited plan goes to the coders."
					      : "The plan goes to the coders.");
}

/* The plan in a temporary file for the editor; its path, or NULL. */
static char *plan_to_file(struct app *a)
{
	const char *tmp = getenv("TMPDIR");
	char *path = xasprintf("%s/faos-plan-XXXXXX.md", tmp && tmp[0] ? tmp : "/tmp");
	char *text = orch_plan_text(a->orch);
	int fd = mkstemps(path, 3);
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
	int failed = fp == NULL || text == NULL || fputs(text, fp) == EOF;

	if (fp ? fclose(fp) != 0 : fd >= 0 && close(fd) < 0)
		failed = 1;
	free(text);
	if (failed) {
		char *msg = paths_error("cannot write the plan for the editor to", path);
		app_error(a, "plan edit: %s; the plan still waits", msg);
		free(msg);
		if (fd >= 0)
			unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

/* :plan edit: the plan in $EDITOR; what is saved replaces it and coding
 * starts. A plan the loop cannot use is refused and still waits. */
static void plan_edit(struct app *a)
{
	char *path = plan_to_file(a), *err = NULL;

	if (path == NULL)
		return;
	char **argv = app_editor_argv(path);
	int rc = app_external(a, argv, &err);
	if (rc < 0) {
		app_error(a, "plan edit: %s; the plan still waits", err);
		free(err);
	} else if (rc != 0) {
		const char *slash = strrchr(argv[0], '/');
		app_error(a, "plan edit: %s exited with status %d; the plan still waits",
			  slash ? slash + 1 : argv[0], rc);
	} else {
		size_t len;
		char *text = paths_read_file(path, &len);
		if (text == NULL)
			app_error(a, "plan edit: cannot read %s back from the editor; the plan "
				     "still waits", path);
		else
			plan_decide(a, text);
		free(text);
	}
	app_argv_free(argv);
	unlink(path);
	free(path);
}

void app_orch_plan(struct app *a, const char *what)
{
	if (!a->orch) {
		app_error(a, "plan: no project is open (:open NAME opens one)");
	} else if (strcmp(what, "show") == 0) {
		plan_show(a);
	} else if (strcmp(what, "edit") != 0 && strcmp(what, "accept") != 0) {
		app_error(a, "plan: no '%s' (plan show, plan edit or plan accept)", what);
	} else if (!orch_plan_waiting(a->orch)) {
		app_error(a, "plan %s: no plan waits for review (with approval: review the "
			     "planner's plan waits before the coders start)", what);
	} else if (strcmp(what, "edit") == 0) {
		plan_edit(a);
	} else {
		plan_decide(a, NULL);
	}
}
