/* app: the TUI's state. Owned and touched by the UI thread only. */
#ifndef FAOS_APP_H
#define FAOS_APP_H

#include <stdarg.h>

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
#include "theme.h"

#define APP_MAX_SCREENS 4

struct app {
	struct config *cfg;  /* main's, changed only here (:model) on this thread */
	struct config *user_settings; /* the user's approval and agents: while an open
				       * project's own apply (app-orch-config.c) */
	struct queue *q;
	struct keymap keys;
	struct pane *pane[PANE__COUNT];
	enum pane_id focus;        /* the focused laid-out pane */
	enum pane_id screens[APP_MAX_SCREENS]; /* open screens, the last on top */
	int nscreens;
	struct layout_opts lay_opts;
	struct layout lay;
	int rows, cols;
	WINDOW *status_win;
	struct status status;
	struct theme theme;        /* the theme in use (switched live by :theme) */
	int colour;                /* the terminal has colours */
	struct gateway_call *call; /* the request in flight, or NULL */
	struct sbx_job *run;       /* the sandbox run going, or NULL */
	unsigned run_request;      /* its id (same counter as request) */
	unsigned request;          /* the latest id given to a request or a run */
	unsigned call_request;     /* the model request's id */
	struct store *project;     /* the open project, or NULL (app-orch.h) */
	struct orch *orch;         /* its loop, when a project is open */
	struct msg *backlog;       /* messages taken from the queue, not handled yet */
	struct buf paste;          /* a bracketed paste being received */
	int pasting;
	int sync_output;           /* the terminal confirmed DEC mode 2026 */
	int mouse;                 /* mouse reporting is on */
	int quit;
	int full_redraw;
	double last_frame;         /* ms, monotonic */
};

void app_init(struct app *a, const struct config *cfg);
void app_free(struct app *a);
/* Screen size changed (or first start): lay out the panes again. */
void app_resize(struct app *a, int rows, int cols);
/* Lay out again at the same size (zoom, split sizes, the viewer opened). */
void app_relayout(struct app *a);
void app_key(struct app *a, int key);
/* Handles up to budget messages of list; returns the rest (NULL when all
 * were handled), so a flood of tokens never keeps keys waiting long. */
struct msg *app_messages(struct app *a, struct msg *list, int budget);
/* Draws what is dirty with one doupdate(). */
void app_draw(struct app *a);
int app_needs_draw(const struct app *a);

/* The pane keys go to: the top screen, else the focused pane. */
struct pane *app_focused(struct app *a);
/* Focus a laid-out pane (shown or not: a stacked layout shows it). */
void app_focus_pane(struct app *a, enum pane_id id);
/* Open a screen over the main one (review, projects, help, command line);
 * it takes the keys until closed. Opening one already open raises it. */
void app_open_screen(struct app *a, enum pane_id screen);
/* Close the top screen (the one that asks, normally). */
void app_close_screen(struct app *a, enum pane_id screen);
int app_screen_open(const struct app *a, enum pane_id screen);
/* A line in the output pane (kind: enum stream_kind). */
void app_note(struct app *a, int kind, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* An error in the status bar, until dismissed. */
void app_error(struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Runs argv on the real terminal with the TUI suspended ($EDITOR, $PAGER),
 * then restores the screen. The exit status, or -1 with *err set. */
int app_external(struct app *a, char *const argv[], char **err);
/* The command in $VISUAL/$EDITOR ($PAGER) split for app_external, with path
 * appended; default vi (less). Free with app_argv_free. */
char **app_editor_argv(const char *path);
char **app_pager_argv(const char *path);
void app_argv_free(char **argv);
/* :model NAME: the model of the next requests (loop and chat). Refused
 * (-1, *err) while a request is in flight. */
int app_set_model(struct app *a, const char *model, char **err);
/* Everything repainted on the next frame (theme switch, after app_external). */
void app_redraw_all(struct app *a);

#endif
