/* decide: the orchestrator's decisions (EVALUATE, REFINE), what it tells
 * the user (ASK_USER), and its ends (FINISH, ABORT); orch_act dispatches
 * every action. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "orch/orch-int.h"

static int act_evaluate(struct orch *o)
{
	long long elapsed = (long long)clock_now_ms() - o->started_ms;
	if (o->passed) {
		snprintf(o->cause, sizeof o->cause, "`%s` passed", o->command ? o->command : "");
		return EV_PASSED;
	}
	if (o->iteration >= o->lim.max_iterations) {
		snprintf(o->cause, sizeof o->cause, "%d of %d iterations used without passing",
			 o->iteration, o->lim.max_iterations);
		return EV_BUDGET_SPENT;
	}
	if (o->lim.max_tokens > 0 && o->tokens_used >= o->lim.max_tokens) {
		snprintf(o->cause, sizeof o->cause, "%ld of %ld tokens used without passing",
			 o->tokens_used, o->lim.max_tokens);
		return EV_BUDGET_SPENT;
	}
	if (o->lim.max_seconds > 0 && elapsed >= o->lim.max_seconds * 1000) {
		snprintf(o->cause, sizeof o->cause, "%lld of %ld seconds used without passing",
			 elapsed / 1000, o->lim.max_seconds);
		return EV_BUDGET_SPENT;
	}
	if (o->pause_requested) {
		o->pause_requested = false;
		snprintf(o->cause, sizeof o->cause, "paused by the user");
		return EV_PAUSE;
	}
	snprintf(o->cause, sizeof o->cause, "iteration %d of %d did not pass", o->iteration,
		 o->lim.max_iterations);
	return EV_RETRY;
}

static int act_refine(struct orch *o)
{
	o->iteration++;
	snprintf(o->cause, sizeof o->cause, "iteration %d of %d", o->iteration,
		 o->lim.max_iterations);
	if (o->agents_on)
		return o->have_plan ? EV_RECODE : EV_REPLAN;
	return EV_READY;
}

static void act_ask_user(struct orch *o, enum orch_event why)
{
	cJSON *f = cJSON_CreateObject();
	if (why == EV_NO_RUN_COMMAND)
		cJSON_AddStringToObject(f, "need", "run_command");
	else if (why == EV_PLAN_FOR_REVIEW)
		cJSON_AddStringToObject(f, "need", "plan");
	else
		cJSON_AddStringToObject(f, "need", "feedback");
	orch_record(o, "ask", f, false);
}

/* How a loop ended: the event that led to the terminal state, its name in
 * the "done" record, and the exit status of `faos-codex run`. */
static const struct {
	enum orch_event why;
	const char *status;
	int exit;
} ends[] = {
	{ EV_PASSED, "passed", 0 },
	{ EV_BUDGET_SPENT, "budget_spent", 1 },
	{ EV_GATEWAY_FAILED, "gateway_failed", 3 },
	{ EV_RUN_REFUSED, "sandbox_refused", 4 },
	{ EV_CANCEL, "cancelled", 130 },
};

static const char *end_status(enum orch_event why)
{
	for (size_t i = 0; i < sizeof ends / sizeof *ends; i++)
		if (ends[i].why == why)
			return ends[i].status;
	return "error";
}

int orch_end_exit(enum orch_event why, int gateway_error)
{
	if (why == EV_GATEWAY_FAILED && gateway_error == GW_ERR_CONFIG)
		return 2; /* nothing to ask: the configuration's fault */
	for (size_t i = 0; i < sizeof ends / sizeof *ends; i++)
		if (ends[i].why == why)
			return ends[i].exit;
	return 1;
}

static void act_finish(struct orch *o, enum orch_event why, const char *cause)
{
	cJSON *f = cJSON_CreateObject();
	cJSON_AddStringToObject(f, "status", end_status(why));
	cJSON_AddStringToObject(f, "cause", cause);
	cJSON_AddNumberToObject(f, "iterations", o->iteration);
	cJSON_AddNumberToObject(f, "version", store_project(o->store)->latest);
	cJSON_AddNumberToObject(f, "tokens", (double)o->tokens_used);
	cJSON_AddNumberToObject(f, "exit", orch_exit_code(o));
	orch_record(o, "done", f, true);
}

/* The request or run in flight is told to stop; its last message comes
 * later and is only joined (orch_handle). */
static void act_abort(struct orch *o, enum orch_event why, const char *cause)
{
	if (o->call)
		gateway_cancel(o->call);
	if (o->job)
		sandbox_job_cancel(o->job);
	orch_agents_cancel(o);
	act_finish(o, why, cause);
}

int orch_act(struct orch *o, enum orch_action action, enum orch_event why)
{
	/* The cause of the transition that led here, for the final record. */
	char cause[sizeof o->cause];
	snprintf(cause, sizeof cause, "%s", o->cause);
	o->cause[0] = '\0';
	switch (action) {
	case OA_REQUEST: return orch_act_request(o);
	case OA_PLAN: return orch_act_plan(o);
	case OA_CODE: return orch_act_code(o);
	case OA_CRITIQUE: return orch_act_critique(o);
	case OA_APPLY: return orch_act_apply(o);
	case OA_PRESENT: return orch_act_present(o);
	case OA_RUN: return orch_act_run(o);
	case OA_EVALUATE: return act_evaluate(o);
	case OA_REFINE: return act_refine(o);
	case OA_ASK_USER: act_ask_user(o, why); return -1;
	case OA_FINISH: act_finish(o, why, cause); return -1;
	case OA_ABORT: act_abort(o, why, cause); return -1;
	case OA_NONE:
	case ORCH_ACTION__COUNT: break;
	}
	return -1;
}
