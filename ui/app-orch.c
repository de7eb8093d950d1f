/* app-orch: the orchestrator in the TUI; see app-orch.h. */
#include "app-orch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/paths.h"
#include "base/xmalloc.h"
#include "orch/orch.h"
#include "pane-log.h"
#include "pane-stream.h"

static void note(struct app *a, enum stream_kind kind, const char *text)
{
	pane_stream_append(a->pane[PANE_STREAM], kind, text, strlen(text), 1);
}

/* "calc · EXECUTING 2/4 · v2" */
static void loop_status(struct app *a, const char *state)
{
	const struct store_project *p = store_project(a->project);
	free(a->status.loop);
	a->status.loop = xasprintf("%s · %s %d/%d · v%d", p->name, state, orch_iteration(a->orch),
				   orch_max_iterations(a->orch), p->latest);
	a->status.dirty = 1;
}

static void joined(struct buf *b, const cJSON *f, const char *key)
{
	const cJSON *item;
	cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(f, key))
		if (cJSON_IsString(item))
			buf_printf(b, "%s%s", b->len ? ", " : "", item->valuestring);
}

static void on_event(void *ctx, const char *type, const cJSON *f)
{
	struct app *a = ctx;
	char line[1200];
	if (strcmp(type, "state") == 0) {
		snprintf(line, sizeof line, "[%s → %s] %s", json_str(f, "from", ""), json_str(f, "to", ""),
			 json_str(f, "cause", ""));
		note(a, strcmp(json_str(f, "to", ""), "FAILED") == 0 ? STREAM_ERROR : STREAM_NOTE, line);
		loop_status(a, json_str(f, "to", ""));
	} else if (strcmp(type, "version") == 0) {
		struct buf b = BUF_INIT;
		joined(&b, f, "written");
		snprintf(line, sizeof line, "version %d: %s", (int)json_num(f, "version", 0),
			 b.data ? b.data : "(deletions only)");
		note(a, STREAM_NOTE, line);
		buf_free(&b);
		a->pane[PANE_TREE]->dirty = 1;
	} else if (strcmp(type, "run") == 0) {
		snprintf(line, sizeof line, "$ %s", json_str(f, "command", ""));
		pane_log_line(a->pane[PANE_LOG], LINE_INFO, line);
	} else if (strcmp(type, "run_result") == 0) {
		bool ok = json_true(f, "passed");
		pane_log_flush(a->pane[PANE_LOG]);
		snprintf(line, sizeof line, "%s %s", ok ? "✓" : "✗", json_str(f, "result", ""));
		pane_log_line(a->pane[PANE_LOG], ok ? LINE_OK : LINE_BAD, line);
		free(a->status.run);
		a->status.run = xasprintf("run: %s", json_str(f, "result", ""));
	} else if (strcmp(type, "notice") == 0)
		note(a, STREAM_NOTE, json_str(f, "text", ""));
	else if (strcmp(type, "sandbox") == 0) {
		snprintf(line, sizeof line, "sandbox: %s", json_str(f, "layers", ""));
		pane_log_line(a->pane[PANE_LOG], LINE_INFO, line);
	}
}

static void on_text(void *ctx, enum orch_stream stream, const char *bytes, size_t len)
{
	struct app *a = ctx;
	switch (stream) {
	case ORCH_TOKENS:
	case ORCH_REASONING:
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

void app_orch_open(struct app *a)
{
	char *data = paths_data_dir(config_str(a->cfg, OPT_DATA_DIR));
	char *name = store_last(data), *err = NULL, *warning = NULL;
	if (name && store_open(data, name, &a->project, &warning, &err) == 0) {
		const struct orch_sink sink = { on_event, on_text, a };
		a->orch = orch_new(a->cfg, a->project, a->q, &sink, NULL);
		char *text = xasprintf("Project %s (workspace %s): a prompt starts the loop "
				       "(generate, apply, run, refine); while it runs, a prompt is "
				       "feedback for the next generation.", name,
				       store_project(a->project)->workspace);
		note(a, STREAM_NOTE, text);
		free(text);
		if (warning)
			note(a, STREAM_NOTE, warning);
		loop_status(a, store_project(a->project)->loop_state[0] ?
				       store_project(a->project)->loop_state : "IDLE");
	} else if (name) {
		note(a, STREAM_ERROR, err); /* prompts go to the model directly meanwhile */
	}
	free(warning);
	free(err);
	free(name);
	free(data);
}

void app_orch_close(struct app *a)
{
	orch_free(a->orch);
	a->orch = NULL;
	if (a->project)
		store_close(a->project);
	a->project = NULL;
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
		}
	} else
		orch_feedback(a->orch, text);
}

bool app_orch_cancel(struct app *a)
{
	if (!a->orch || (orch_terminal(orch_state(a->orch)) && !orch_busy(a->orch)) ||
	    orch_state(a->orch) == ORCH_IDLE)
		return false;
	orch_cancel(a->orch);
	return true;
}
