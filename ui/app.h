/* app: the TUI's state. Owned and touched by the UI thread only. */
#ifndef FAOS_APP_H
#define FAOS_APP_H

#include "base/clock.h"
#include "base/config.h"
#include "base/queue.h"
#include "gateway/gateway.h"
#include "keymap.h"
#include "layout.h"
#include "pane.h"
#include "orch/orch.h"
#include "sandbox/job.h"
#include "statusbar.h"
#include "store/store.h"

struct app {
	const struct config *cfg;
	struct queue *q;
	struct keymap keys;
	struct pane *pane[PANE__COUNT];
	enum pane_id focus;
	struct layout lay;
	int rows, cols;
	WINDOW *status_win;
	struct status status;
	struct gateway_call *call; /* the request in flight, or NULL */
	struct sbx_job *run;       /* the sandbox run going, or NULL */
	unsigned run_request;      /* its id (same counter as request) */
	unsigned request;          /* the latest id given to a request or a run */
	unsigned call_request;     /* the model request's id */
	struct store *project;     /* the open project, or NULL (app-orch.h) */
	struct orch *orch;         /* its loop, when a project is open */
	int quit;
	int full_redraw;
	double last_frame;         /* ms, monotonic */
};

void app_init(struct app *a, const struct config *cfg);
void app_free(struct app *a);
/* Screen size changed (or first start): lay out the panes again. */
void app_resize(struct app *a, int rows, int cols);
void app_key(struct app *a, int key);
void app_messages(struct app *a, struct msg *list);
/* Draws what is dirty with one doupdate(). */
void app_draw(struct app *a);
int app_needs_draw(const struct app *a);

#endif
