/* orch-int: the orchestrator's state, shared by its files (loop.c: events
 * and messages; step.c, execute.c, decide.c: the actions; resume.c: back from the journal). */
#ifndef FAOS_ORCH_INT_H
#define FAOS_ORCH_INT_H

#include "base/buf.h"
#include "gateway/gateway.h"
#include "gateway/plan.h"
#include "gateway/template.h"
#include "orch/apply.h"
#include "orch/orch.h"
#include "orch/plan.h"
#include "orch/reply.h"
#include "sandbox/job.h"

enum agent_status { AGENT_IDLE, AGENT_QUEUED, AGENT_ASKING };

/* One role of a multi-agent loop (the planner, a coder, the reviewer):
 * where it asks, and its request of the current step. */
struct orch_agent {
	struct orch_agent_id id;
	const char *endpoint;  /* an endpoints: entry's name, or "" for the default */
	const char *model;     /* "" for the endpoint's */
	const char *template;  /* the compose template of its prompts */
	double temperature;    /* < 0: the configuration's */
	char *slot;            /* what its requests count against: the endpoint */
	int concurrency;       /* requests the slot takes at once */

	enum agent_status status;
	struct gw_plan request; /* prepared, while QUEUED */
	bool told_queued;      /* the "queued" event of this wait was sent */
	struct gateway_call *call;
	unsigned call_id;
	struct buf feedback;   /* coders: the reviewer's comments on its files */
	char *answer;          /* coders: this round's answer, once complete */
	bool in_round;         /* coders: asked in this round */
	bool cut;              /* ... and it was cut short (length) */
};

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

	/* Multi-agent (agents.c, planning.c, coding.c, critique.c). */
	bool agents_on;
	struct orch_agent *agents; /* the planner, coders 1..ncoders, the reviewer */
	size_t nagents;
	int ncoders;
	bool has_reviewer;
	struct plan plan;          /* the accepted (or waiting) plan */
	bool have_plan;
	int *owner;                /* plan file -> coder 1..ncoders */
	bool wrote_last;           /* the last APPLY wrote something */
	bool resuming;             /* CODE continues a round cut off */
	char *last_run;            /* the last run's result, for the reviewer */
};

/* loop.c */
void orch_fire(struct orch *o, enum orch_event ev, const char *cause_fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* From event ev on, with o->cause already set. */
void orch_run_events(struct orch *o, enum orch_event ev);
/* Journals type + fields (taken) and tells the sink; fsync'd when sync. */
void orch_record(struct orch *o, const char *type, cJSON *fields, bool sync);
void orch_notice(struct orch *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* agents.c: the roles from the configuration (coders: 0 keeps the
 * configured count; reviewer -1: as configured); the agent of a role; asking one; the workers. */
void orch_agents_setup(struct orch *o, int coders, int reviewer);
void orch_agents_free(struct orch *o);
struct orch_agent *orch_agent(struct orch *o, enum orch_role role, int coder);
/* Renders the agent's prompt through its template with vars, journals a
 * "request" and queues it; the pump starts it when its endpoint has a
 * free slot. 0, or -1 with o->cause set (a configuration error). */
int orch_agent_ask(struct orch *o, struct orch_agent *a, const struct tpl_var *vars,
		   size_t nvars, const char *failure, const char *feedback);
void orch_agents_pump(struct orch *o);
/* Stops every agent request, in flight or queued. */
void orch_agents_cancel(struct orch *o);
bool orch_agents_busy(const struct orch *o);
/* Takes a message of an agent's call (true), or leaves it (false). */
bool orch_agents_handle(struct orch *o, struct msg *m);
/* Journals an agent's answer; a failed call ends the loop (false). */
bool orch_record_agent_reply(struct orch *o, const struct orch_agent *a, const struct msg *m);
/* Adds "role" (and "coder") to an event's fields. */
void orch_add_who(cJSON *f, const struct orch_agent_id *who);
void orch_agent_event(struct orch *o, const struct orch_agent *a, const char *status);
/* The "usage" event of a call (and the loop's token count). */
void orch_record_usage(struct orch *o, const struct msg *m, const struct orch_agent_id *who);
/* planning.c: PLAN, the planner's answer, the user's decision. */
int orch_act_plan(struct orch *o);
void orch_on_plan_reply(struct orch *o, struct orch_agent *a, const struct msg *m);
/* The plan's files and run command checked; 0, or -1 and the failure told. */
int orch_plan_accept(struct orch *o, struct plan *p, const char *source);
void orch_plan_forget(struct orch *o);
/* coding.c: CODE and the coders' answers. */
int orch_act_code(struct orch *o);
void orch_on_code_reply(struct orch *o, struct orch_agent *a, const struct msg *m);
/* Coder k (1..N) has files in the plan. */
bool orch_coder_has_share(const struct orch *o, int k);
/* The coder that owns path in the plan (1..N), or 0. */
int orch_plan_owner(const struct orch *o, const char *path);
/* Every asked coder answered: their answers merged into o->reply. */
int orch_code_merge(struct orch *o);
/* critique.c: CRITIQUE and the reviewer's verdict. */
int orch_act_critique(struct orch *o);
void orch_on_critique(struct orch *o, struct orch_agent *a, const struct msg *m);
/* The reviewer's comments, sent to the coders that own the files. */
void orch_route_comments(struct orch *o, const cJSON *comments);

/* resume-agents.c: the agents of an interrupted loop (false: it had
 * none), and where it picks up (-1: as a single loop would). */
bool orch_resume_agents(struct orch *o, const struct store_event *ev, size_t n, long prompt,
			bool *critiqued);
int orch_resume_agents_point(struct orch *o, enum orch_state last, bool critiqued,
			     enum orch_action *action);

/* decide.c: the exit status of a loop ended by why. */
int orch_end_exit(enum orch_event why, int gateway_error);
/* decide.c: performs an action; returns the event it leads to at once, or
 * -1 when the answer comes later (a worker's message). */
int orch_act(struct orch *o, enum orch_action action, enum orch_event why);
/* step.c: the request of one generation, the single model's (a NULL) or
 * an agent's: its endpoints and model, the prompt through its template
 * (the description, AGENTS.md, the latest version's files, failure,
 * feedback, and extra: a role's own variables), journaled as a "request".
 * 0 and *out (free with gw_plan_free), or -1 with o->cause set. */
int orch_build_request(struct orch *o, const struct orch_agent *a, const struct tpl_var *extra,
		       size_t nextra, const char *failure, const char *feedback,
		       struct gw_plan *out);
/* step.c: leaves out the blocks of an answer cut short (they would write
 * half a file), and tells why in failure, each line starting with who. */
void orch_drop_cut_blocks(struct reply *r, struct buf *failure, const char *who);
/* step.c: REQUEST; execute.c: APPLY and RUN. */
int orch_act_request(struct orch *o);
int orch_act_apply(struct orch *o);
int orch_act_run(struct orch *o);
/* review.c: PRESENT, and dropping the preview it keeps. */
int orch_act_present(struct orch *o);
void orch_review_forget(struct orch *o);
/* execute.c: the run command (the user's, the model's, the
 * configuration's, detected) into o->command; -1 and o->cause when there
 * is none. */
int orch_choose_command(struct orch *o);
/* What the reviewer hears of the last run. */
void orch_note_last_run(struct orch *o, const char *command, const char *result,
			const char *out_tail, const char *err_tail);
/* What the next refinement tells the model about a failed run. */
void orch_tell_run_failure(struct orch *o, const char *command, const char *result,
			   const char *out_tail, const char *err_tail);
/* The message handlers of the workers' terminal messages. */
void orch_on_reply(struct orch *o, const struct msg *m);
void orch_on_run_done(struct orch *o, const struct msg *m);

#endif
