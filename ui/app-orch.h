/* app-orch: the TUI's side of the loop. With a project open (the last one
 * used, as `faos-codex run` or `project new` left it), a submitted prompt
 * starts the orchestrator's loop, or is feedback while one runs; its
 * events become lines in the output pane and the status bar's loop part
 * (project, state, iteration, version); the model's tokens stream into the
 * output pane and the run's stdout and stderr into the Sandbox pane. */
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
/* F6: the loop stops at its next decision and waits for the user; false
 * when no loop is running. */
bool app_orch_pause(struct app *a);
/* Ctrl-C: true when it cancelled the loop. */
bool app_orch_cancel(struct app *a);

#endif
