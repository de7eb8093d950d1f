/* statusbar: the bottom line. Its parts, most important first: the loop
 * (project · STATE n/max · vN), with agents each agent's state and
 * tokens/s (P✓ C1 38t/s C2 queued R…; compact P✓ C1▸ C2· R… when short of
 * room), the request state, endpoint and model, the sandbox run's result,
 * time to first token, tokens/s, tokens in/out (not with agents: their
 * requests overlap),
 * context fill, the sandbox layers, elapsed time, then the key hints.
 * When the line is short of columns, the least important parts are left
 * out whole, never cut in the middle. An error replaces the whole line
 * until dismissed.
 *
 * The state is fed by calls (the gateway's messages in app-msg.c, the
 * loop's events in app-orch.c) and formatted by status_format(), a pure
 * function of the state, the time and the width, so it is unit-tested
 * without a terminal; status_draw() only paints what it returns. */
#ifndef FAOS_STATUSBAR_H
#define FAOS_STATUSBAR_H

#include <curses.h>
#include <stddef.h>

#include "base/msg.h"
#include "orch/orch.h"

enum run_state { RUN_IDLE, RUN_WAITING, RUN_STREAMING, RUN_DONE, RUN_CANCELLED, RUN_FAILED };

/* An agent of a multi-agent loop, as its "agent" events say. */
enum agent_state { AGENT_QUEUED, AGENT_ASKING, AGENT_DONE, AGENT_FAILED, AGENT_CANCELLED };

#define STATUS_AGENTS 18 /* the planner, 16 coders (agents: coder: count at most), the reviewer */

struct status_agent {
	struct orch_agent_id who;
	enum agent_state state;
	double t_first;      /* its first token of this request, 0 before */
	double t_last;       /* its latest token */
	long pieces;         /* tokens of this request so far */
	double tokens_per_s; /* the request's final figure, < 0 unknown */
};

struct status {
	enum run_state state;
	char *target;      /* "endpoint api model", or NULL when none is set */
	double t_start;    /* ms, monotonic, of the current request */
	double t_first;    /* first token, 0 before */
	long pieces;       /* tokens seen so far */
	struct msg_usage usage; /* final figures, valid when have_usage */
	int have_usage;
	long ctx_used;     /* tokens of the context in use, 0: unknown */
	long ctx_size;     /* the context size, 0: unknown */
	char *run;         /* the sandbox run: "run: running", "run: exit 1", or NULL */
	char *loop;        /* the loop: "calc · EXECUTING 2/4 · v2", or NULL */
	char *layers;      /* "sandbox: all layers", "sandbox: no landlock, uid", or NULL */
	int loop_clock;    /* a loop started: elapsed is the loop's, not the request's */
	int loop_busy;     /* its clock runs */
	double loop_ms;    /* the loop's busy time before loop_since */
	double loop_since; /* when the loop last became busy */
	char *error;       /* shown until dismissed, or NULL */
	struct status_agent agent[STATUS_AGENTS]; /* planner, coders, reviewer */
	int nagents;       /* 0: the loop has no agents (or no loop runs) */
	int dirty;
};

/* An error line "✗ text (Esc dismisses)" until status_dismiss(). text is
 * sanitised; say what happened and what to do: "what; what to do". */
void status_set_error(struct status *s, const char *text);
void status_dismiss(struct status *s);

/* Who answers: "endpoint api model" (api and model may be "" or NULL). */
void status_set_target(struct status *s, const char *endpoint, const char *api,
		       const char *model);
/* A request was sent: the figures restart. */
void status_request_started(struct status *s, double now);
/* A token or a piece of reasoning arrived. */
void status_token(struct status *s, double now);
/* The final figures of the request (and the context in use). */
void status_usage(struct status *s, const struct msg_usage *u);
/* The request ended: RUN_DONE, RUN_FAILED or RUN_CANCELLED. */
void status_request_ended(struct status *s, enum run_state state);

/* The loop's part: "project · STATE iteration/max · vversion". */
void status_set_loop(struct status *s, const char *project, const char *state, int iteration,
		     int max, int version);
/* A new loop started: its clock restarts (and runs: status_loop_busy 1). */
void status_loop_started(struct status *s, double now);
/* The loop is working (1: a request or a run in flight) or waiting or
 * ended (0); its elapsed time counts and ticks only while busy. */
void status_loop_busy(struct status *s, int busy, double now);
/* The layers a sandbox run got, as the sandbox names them
 * ("namespaces landlock seccomp cgroup uid rlimits"); NULL clears. */
void status_set_layers(struct status *s, const char *layers);
/* Context fill: used tokens of size (0: unknown, the part shows what is known). */
void status_set_context(struct status *s, long used, long size);
/* The sandbox run: "running", "exit 1", ...; shown as "run: ..."; NULL clears. */
void status_set_run(struct status *s, const char *result);

/* Agents (statusbar-agents.c): the part "P✓ C1 38t/s C2 queued R…".
 * status is an "agent" event's: "queued", "asking", "done", "failed" or
 * "cancelled" (anything else is ignored). */
void status_agent_set(struct status *s, const struct orch_agent_id *who, const char *status);
/* A token of who's reply: its live tokens/s. */
void status_agent_token(struct status *s, const struct orch_agent_id *who, double now);
/* The final tokens/s of who's request (its "usage" event). */
void status_agent_usage(struct status *s, const struct orch_agent_id *who, double tokens_per_s);
/* A new loop: no agents shown until they are named again. */
void status_agents_clear(struct status *s);
/* The agents' part for now into out, "" without agents; compact drops
 * the figures and words for one-character states (P✓ C1▸ C2· R…). */
void status_agents_format(const struct status *s, double now, int compact, char *out,
			  size_t size);

/* Something runs whose elapsed time is shown: a request in flight or a
 * busy loop. ui/loop.c redraws the status once a second while this holds
 * and otherwise sleeps without a timer. */
int status_ticking(const struct status *s);

/* The status line for width columns into out (NUL-terminated, at most
 * size bytes); returns its length in bytes. Pure: no curses. */
size_t status_format(const struct status *s, double now, int width, char *out, size_t size);
void status_draw(struct status *s, WINDOW *w, double now);
void status_free(struct status *s);
const char *status_state_name(enum run_state state);

#endif
