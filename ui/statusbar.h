/* statusbar: the bottom line: request state, endpoint and model, time to
 * first token, tokens/s, tokens in/out, elapsed time; an error replaces it
 * until dismissed. */
#ifndef FAOS_STATUSBAR_H
#define FAOS_STATUSBAR_H

#include <curses.h>

#include "base/msg.h"

enum run_state { RUN_IDLE, RUN_WAITING, RUN_STREAMING, RUN_DONE, RUN_CANCELLED, RUN_FAILED };

struct status {
	enum run_state state;
	char *target;      /* "endpoint model", or NULL when none is set */
	double t_start;    /* ms, monotonic, of the current request */
	double t_first;    /* first token, 0 before */
	long pieces;       /* tokens seen so far */
	struct msg_usage usage; /* final figures, valid when have_usage */
	int have_usage;
	char *run;         /* the sandbox run: "run: running", "run: exit 1", or NULL */
	char *loop;        /* the loop: "calc · EXECUTING 2/4 · v2", or NULL */
	char *error;       /* shown until dismissed, or NULL */
	int dirty;
};

void status_set_error(struct status *s, const char *text);
void status_dismiss(struct status *s);
void status_draw(struct status *s, WINDOW *w, double now);
void status_free(struct status *s);
const char *status_state_name(enum run_state state);

#endif
