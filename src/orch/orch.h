/* orch: the loop that takes a description to code that passes its tests.
 *
 * Drives the table of machine.h: each action starts work on a worker (a
 * gateway call, a sandbox job) or decides at once; the workers' messages
 * come back through the front-end's queue and are handed to orch_handle()
 * on the consumer thread (the UI thread, or the headless command's loop).
 * orch itself runs no threads and blocks on nothing but disk writes.
 *
 * Everything is journaled in the project's store: the description, each
 * request and reply, usage, the applied changes (a version), each run and
 * its result, feedback, and every state transition with its cause
 * (fsync'd), so a crash loses at most the reply being streamed.
 *
 * Front-ends hear about progress through orch_sink: events (the same
 * objects as the journal's: "state", "version", "run", "run_result",
 * "usage", "notice", "reply", "done") and streamed text (the model's
 * tokens and reasoning, the run's stdout and stderr). */
#ifndef FAOS_ORCH_H
#define FAOS_ORCH_H

#include <stdbool.h>
#include <stddef.h>

#include <cJSON.h>

#include "base/config.h"
#include "base/msg.h"
#include "base/queue.h"
#include "orch/machine.h"
#include "store/store.h"

enum orch_stream { ORCH_TOKENS, ORCH_REASONING, ORCH_STDOUT, ORCH_STDERR };

/* Who asked the model. The single-model loop has one agent, the model;
 * with agents (multi-agent, see orch_agents_on) the planner writes the
 * plan, coders 1..N write their share of its files in parallel and the
 * reviewer approves or requests changes. Events that belong to an agent
 * carry "role" (orch_role_name) and, for a coder, "coder" (1..N). */
enum orch_role { ORCH_ROLE_MODEL, ORCH_ROLE_PLANNER, ORCH_ROLE_CODER, ORCH_ROLE_REVIEWER };
struct orch_agent_id {
	enum orch_role role;
	int coder; /* 1..N for a coder, else 0 */
};
/* "model", "planner", "coder", "reviewer". */
const char *orch_role_name(enum orch_role role);
/* "planner", "coder 2", "reviewer" ("model" for the single model); brief:
 * "P", "C2", "R" ("M"). */
void orch_agent_label(const struct orch_agent_id *who, int brief, char *out, size_t size);
/* The agent an event's fields name ("role" and "coder", as events carry
 * them), or false when they name none. */
bool orch_agent_of(const cJSON *fields, struct orch_agent_id *who);
/* The order agents are listed in: the planner, coders by number, the
 * reviewer (the single model first). */
int orch_agent_before(const struct orch_agent_id *a, const struct orch_agent_id *b);

struct orch_sink {
	void (*event)(void *ctx, const char *type, const cJSON *fields);
	/* who: the agent whose tokens these are; NULL for a run's output. */
	void (*text)(void *ctx, enum orch_stream stream, const struct orch_agent_id *who,
		     const char *bytes, size_t len);
	void *ctx;
};

struct orch_limits {
	int max_iterations;  /* generations per loop, the first included */
	long max_tokens;     /* prompt + completion tokens per loop, 0: no limit */
	long max_seconds;    /* wall time per loop, 0: no limit */
	const char *run_command; /* overrides the model's and the configuration's */
};

struct orch;

/* cfg, store, q and sink are borrowed for the orchestrator's lifetime. The
 * limits come from the configuration (max_iterations, max_loop_tokens,
 * max_loop_time) unless lim overrides them (fields left 0/NULL keep the
 * configuration's). */
struct orch *orch_new(const struct config *cfg, struct store *store, struct queue *q,
		      const struct orch_sink *sink, const struct orch_limits *lim);
/* Stops anything in flight, waits for the workers and frees. */
void orch_free(struct orch *o);

/* A new loop on description (the project's own description stays the
 * first one). Refused (-1, *err) while a loop runs or the project is
 * finalized. */
int orch_start(struct orch *o, const char *description, char **err);
/* Continues an interrupted loop from the journal: from the last completed
 * step. -1 and *err when there is nothing to resume. */
int orch_resume(struct orch *o, char **err);
/* Feedback for the next generation (queued; journaled now). When the loop
 * waits for the user it goes on with it. */
void orch_feedback(struct orch *o, const char *text);
/* Stop at the next decision and wait for the user. */
void orch_pause(struct orch *o);
/* The loop waits because nothing says how to run the project. */
bool orch_needs_run_command(const struct orch *o);
/* The user's answer to that: the command runs at once (journaled as
 * "run_command"). -1 and *err when not waiting for one or it is empty. */
int orch_run_command(struct orch *o, const char *command, char **err);
void orch_cancel(struct orch *o);

/* Takes m if it belongs to the orchestrator's workers (true: m is freed),
 * else leaves it to the caller (false). */
bool orch_handle(struct orch *o, struct msg *m);

/* approval: review. The front-end that can show replies turns it on; each
 * reply then stops in REVIEWING (a "review" event) until the user decides. */
void orch_set_review(struct orch *o, bool review);
/* A reply waits for the user's decision. */
bool orch_reviewing(const struct orch *o);
/* The waiting reply, file by file (copies, the caller's): what each file
 * holds now and what it would hold (paths normalised). -1 and *err when
 * none waits. A reply that would be refused never waits: it is applied, so
 * the refusal reaches the model. */
struct orch_pending {
	char *path;
	char *old_text; size_t old_len; bool old_exists;
	char *new_text; size_t new_len; bool new_exists; /* false: deleted */
};
int orch_pending(struct orch *o, struct orch_pending **out, size_t *n, char **err);
void orch_pending_free(struct orch_pending *p, size_t n);
/* The user's decision: the files kept (kept NULL: all) are applied and run; the dropped
 * ones are left out and the model is told. A comment (or nothing kept and
 * no run command) sends the reply back as feedback for the next
 * generation, within the same budget as a failed run. */
void orch_review_decide(struct orch *o, char *const *kept, size_t nkept, char *const *dropped,
			size_t ndropped, const char *comment);

/* Multi-agent. The loop uses agents when the configuration has an agents:
 * section (or --agent / --coders set one), or when it resumes a loop that
 * used them; else it is the single-model loop. */
bool orch_agents_on(const struct orch *o);
/* How many coders the loop has (1 without agents). */
int orch_coders(const struct orch *o);
/* approval: review: the planner's plan waits for the user (state
 * REVIEWING_PLAN, an "ask" event with need "plan"). */
bool orch_plan_waiting(const struct orch *o);
/* The current plan in its canonical form (plan_render), allocated; NULL
 * when there is none yet. */
char *orch_plan_text(const struct orch *o);
/* The user's decision on the waiting plan: edited NULL keeps it, else the
 * edited text replaces it (parsed as a plan; it must list files, inside
 * the workspace). Coding starts. -1 and *err when no plan waits or the
 * edited one is unusable (the plan still waits). */
int orch_plan_decide(struct orch *o, const char *edited, char **err);

enum orch_state orch_state(const struct orch *o);
int orch_iteration(const struct orch *o);
int orch_max_iterations(const struct orch *o);
/* A gateway call or a sandbox run is still in flight. */
bool orch_busy(const struct orch *o);
/* The loop is over: a terminal state, or waiting for a user the headless
 * front-end does not have, and nothing in flight. */
bool orch_finished(const struct orch *o);
/* The exit status of the ended loop: 0 passed, 1 budget spent, 2 no run
 * command, 3 gateway failure, 4 sandbox refused, 130 cancelled. */
int orch_exit_code(const struct orch *o);

/* Request ids on the queue at or above this belong to the orchestrator. */
#define ORCH_REQUEST_BASE 0x40000000u

#endif
