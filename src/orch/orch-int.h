/* orch-int: the orchestrator's state, shared by its files (loop.c: events
 * and messages; step.c, execute.c, decide.c: the actions; resume.c: back from the journal). */
#ifndef FAOS_ORCH_INT_H
#define FAOS_ORCH_INT_H

#include "base/buf.h"
#include "gateway/gateway.h"
#include "orch/apply.h"
#include "orch/orch.h"
#include "orch/reply.h"
#include "sandbox/job.h"

struct orch {
	const struct config *cfg;
	struct store *store;
	struct queue *q;
	struct orch_sink sink;
	struct orch_limits lim;

	enum orch_state state;
	int iteration;            /* of the current or last generation, from 1 */
	long tokens_used;         /* this loop's, from the servers' usage */
	long long started_ms;     /* this loop's start */
	char *description;        /* this loop's */
	struct buf feedback;      /* queued for the next generation */
	bool pause_requested;

	struct gateway_call *call;
	unsigned call_id;
	struct sbx_job *job;
	unsigned job_id;
	unsigned next_id;

	struct reply reply;       /* the answer being applied */
	bool have_reply;
	struct buf failure;       /* what the next refinement tells the model */
	char *model_command;      /* the last run block the model gave */
	char *command;            /* the command of the run in flight or last */
	bool passed;              /* the last run exited 0 */
	enum orch_event end_cause; /* what ended the loop, for the exit status */
	int gateway_error;        /* enum gateway_error of a failed request */
	char cause[512];          /* the next transition's cause, for the journal */
	bool waiting_for_command; /* WAITING_FOR_USER because nothing says how to run */
	bool review;              /* approval: review: each reply stops in REVIEWING */
	struct apply_preview *preview; /* the reply under review, file by file */
	size_t npreview;
};

/* loop.c */
void orch_fire(struct orch *o, enum orch_event ev, const char *cause_fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* From event ev on, with o->cause already set. */
void orch_run_events(struct orch *o, enum orch_event ev);
/* Journals type + fields (taken) and tells the sink; fsync'd when sync. */
void orch_record(struct orch *o, const char *type, cJSON *fields, bool sync);
void orch_notice(struct orch *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* decide.c: the exit status of a loop ended by why. */
int orch_end_exit(enum orch_event why, int gateway_error);
/* decide.c: performs an action; returns the event it leads to at once, or
 * -1 when the answer comes later (a worker's message). */
int orch_act(struct orch *o, enum orch_action action, enum orch_event why);
/* step.c: REQUEST; execute.c: APPLY and RUN. */
int orch_act_request(struct orch *o);
int orch_act_apply(struct orch *o);
int orch_act_run(struct orch *o);
/* review.c: PRESENT, and dropping the preview it keeps. */
int orch_act_present(struct orch *o);
void orch_review_forget(struct orch *o);
/* What the next refinement tells the model about a failed run. */
void orch_tell_run_failure(struct orch *o, const char *command, const char *result,
			   const char *out_tail, const char *err_tail);
/* The message handlers of the workers' terminal messages. */
void orch_on_reply(struct orch *o, const struct msg *m);
void orch_on_run_done(struct orch *o, const struct msg *m);

#endif
