/* app-orch: the TUI's side of the loop. With a project open (the last one
 * used, as `faos-codex run` or `project new` left it), a submitted prompt
 * starts the orchestrator's loop, or is feedback while one runs; its
 * events become lines in the output pane and the status bar's loop part
 * (project, state, iteration, version); the model's tokens stream into the
 * output pane and the run's stdout and stderr into the Sandbox pane. With
 * agents (planner, coders, reviewer), each agent's tokens go to its own tab
 * of the output pane and its state to the status bar (app-agents.c). */
#ifndef FAOS_APP_ORCH_H
#define FAOS_APP_ORCH_H

#include <stdbool.h>

#include "app.h"

/* Closes the open project (its loop stopped first) and the status bar's part. */
void app_orch_close(struct app *a);
/* Opens project name instead of the open one; refused (-1, *err) while the
 * open one's loop runs. */
int app_orch_switch(struct app *a, const char *name, char **err);
/* A new project (from scaffold template_name, or empty when NULL), opened. */
int app_orch_create(struct app *a, const char *name, const char *template_name, char **err);
/* The open project's loop is between start and end, or has work in flight. */
bool app_orch_running(const struct app *a);
/* :resume: continues the open project's interrupted loop from the journal. */
int app_orch_resume(struct app *a, char **err);
/* The tree on the workspace with the latest version's changes marked. */
void app_orch_show_version(struct app *a);
/* A reply waits for approval: open the review view on it. */
void app_orch_review(struct app *a);
/* The prompt: a new loop, feedback for the running one, or the run command
 * when the loop waits for one. */
void app_orch_submit(struct app *a, const char *text);
/* :plan show|edit|accept: the planner's plan in its tab; under approval:
 * review, the waiting plan edited in $EDITOR or accepted (coding starts).
 * Errors go to the status bar. */
void app_orch_plan(struct app *a, const char *what);
/* F6: the loop stops at its next decision and waits for the user; false
 * when no loop is running. */
bool app_orch_pause(struct app *a);
/* Ctrl-C: true when it cancelled the loop. */
bool app_orch_cancel(struct app *a);

/* app-orch-config.c: the project's own config.yaml (approval, agents:)
 * over the app's configuration while it is open; false (and an error in
 * the status bar) when it is unusable, and the user's settings apply. */
bool app_orch_config_open(struct app *a, const char *project_dir);
/* The user's own settings back (the project closes). */
void app_orch_config_close(struct app *a);

/* app-agents.c: a loop with agents, each in its tab of the output pane
 * and in the status bar's agents part. */
/* The events about agents: prompt, agent, plan, critique, usage. */
void app_agents_event(struct app *a, const char *type, const cJSON *f);
/* An agent's tokens or reasoning (who is not the model). */
void app_agents_text(struct app *a, const struct orch_agent_id *who, enum orch_stream stream,
		     const char *bytes, size_t len);
/* The "ask" for the plan: say so where the user looks. */
void app_agents_plan_waits(struct app *a);

#endif
