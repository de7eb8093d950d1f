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

/* Opens the last project, if there is one; says so in the output pane. */
void app_orch_open(struct app *a);
void app_orch_close(struct app *a);
/* The prompt: a new loop, or feedback for the running one. */
void app_orch_submit(struct app *a, const char *text);
/* Ctrl-C: true when it cancelled the loop. */
bool app_orch_cancel(struct app *a);

#endif
