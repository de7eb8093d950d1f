/* machine: the transition table; see machine.h. */
#include "orch/machine.h"

#include <string.h>

#define T(from, ev, to, act) { ORCH_##from, EV_##ev, ORCH_##to, OA_##act }
/* Cancel and error rows for a working state. */
#define STOPS(s) T(s, CANCEL, CANCELLED, ABORT), T(s, ERROR, FAILED, ABORT)

const struct orch_transition orch_table[] = {
	T(IDLE, START, GENERATING, REQUEST),
	T(IDLE, START_AGENTS, PLANNING, PLAN),
	T(IDLE, CANCEL, CANCELLED, FINISH),
	T(IDLE, ERROR, FAILED, FINISH),

	T(GENERATING, REPLY, APPLYING, APPLY),
	T(GENERATING, REVIEW, REVIEWING, PRESENT),
	/* A reply with nothing usable is answered with a correction request,
	 * within the same budget as a failing run. */
	T(GENERATING, REPLY_EMPTY, EVALUATING, EVALUATE),
	T(GENERATING, GATEWAY_FAILED, FAILED, FINISH),
	STOPS(GENERATING),

	/* The user's decision; a reply sent back counts against the budget
	 * like a failed run. */
	T(REVIEWING, ACCEPTED, APPLYING, APPLY),
	T(REVIEWING, REJECTED, EVALUATING, EVALUATE),
	STOPS(REVIEWING),

	T(APPLYING, APPLIED, EXECUTING, RUN),
	T(APPLYING, TO_REVIEWER, CRITIQUING, CRITIQUE),
	T(APPLYING, REFUSED, EVALUATING, EVALUATE),
	T(APPLYING, NO_RUN_COMMAND, WAITING_FOR_USER, ASK_USER),
	STOPS(APPLYING),

	T(EXECUTING, RUN_DONE, EVALUATING, EVALUATE),
	T(EXECUTING, RUN_REFUSED, FAILED, FINISH),
	STOPS(EXECUTING),

	T(EVALUATING, PASSED, DONE, FINISH),
	T(EVALUATING, RETRY, REFINING, REFINE),
	T(EVALUATING, BUDGET_SPENT, FAILED, FINISH),
	T(EVALUATING, PAUSE, WAITING_FOR_USER, ASK_USER),
	STOPS(EVALUATING),

	T(REFINING, READY, GENERATING, REQUEST),
	T(REFINING, REPLAN, PLANNING, PLAN),
	T(REFINING, RECODE, CODING, CODE),
	STOPS(REFINING),

	T(WAITING_FOR_USER, USER_INPUT, REFINING, REFINE),
	T(WAITING_FOR_USER, RUN_COMMAND, EXECUTING, RUN),
	STOPS(WAITING_FOR_USER),

	/* Agents: the planner's plan, shared among the coders; their
	 * answers, merged, go the single loop's way (review, apply); the
	 * reviewer reads what was written before it runs. A failing coder
	 * stops its siblings too (ABORT). */
	T(PLANNING, PLANNED, CODING, CODE),
	T(PLANNING, PLAN_FOR_REVIEW, REVIEWING_PLAN, ASK_USER),
	T(PLANNING, REPLY_EMPTY, EVALUATING, EVALUATE),
	T(PLANNING, REFUSED, EVALUATING, EVALUATE),
	T(PLANNING, GATEWAY_FAILED, FAILED, FINISH),
	STOPS(PLANNING),

	T(REVIEWING_PLAN, ACCEPTED, CODING, CODE),
	STOPS(REVIEWING_PLAN),

	T(CODING, REPLY, APPLYING, APPLY),
	T(CODING, REVIEW, REVIEWING, PRESENT),
	T(CODING, REPLY_EMPTY, EVALUATING, EVALUATE),
	T(CODING, GATEWAY_FAILED, FAILED, ABORT),
	STOPS(CODING),

	T(CRITIQUING, APPROVED, EXECUTING, RUN),
	T(CRITIQUING, CHANGES_REQUESTED, EVALUATING, EVALUATE),
	T(CRITIQUING, NO_RUN_COMMAND, WAITING_FOR_USER, ASK_USER),
	T(CRITIQUING, GATEWAY_FAILED, FAILED, FINISH),
	STOPS(CRITIQUING),

	/* An ended loop takes a new description; cancelling it again is a
	 * no-op, and an error after the end (the journal failing on the
	 * final write) is still reported. */
	T(DONE, START, GENERATING, REQUEST),
	T(DONE, START_AGENTS, PLANNING, PLAN),
	T(DONE, CANCEL, DONE, NONE),
	T(DONE, ERROR, FAILED, FINISH),
	T(FAILED, START, GENERATING, REQUEST),
	T(FAILED, START_AGENTS, PLANNING, PLAN),
	T(FAILED, CANCEL, FAILED, NONE),
	T(FAILED, ERROR, FAILED, NONE),
	T(CANCELLED, START, GENERATING, REQUEST),
	T(CANCELLED, START_AGENTS, PLANNING, PLAN),
	T(CANCELLED, CANCEL, CANCELLED, NONE),
	T(CANCELLED, ERROR, FAILED, FINISH),
};
const size_t orch_table_len = sizeof orch_table / sizeof *orch_table;

const struct orch_transition *orch_next(enum orch_state state, enum orch_event event)
{
	for (size_t i = 0; i < orch_table_len; i++)
		if (orch_table[i].from == state && orch_table[i].event == event)
			return &orch_table[i];
	return NULL;
}

bool orch_terminal(enum orch_state state)
{
	return state == ORCH_DONE || state == ORCH_FAILED || state == ORCH_CANCELLED;
}

#define ORCH_NAME(name) #name,
static const char *const state_names[] = { ORCH_STATES(ORCH_NAME) };
static const char *const event_names[] = { ORCH_EVENTS(ORCH_NAME) };
static const char *const action_names[] = { ORCH_ACTIONS(ORCH_NAME) };
#undef ORCH_NAME

const char *orch_state_name(enum orch_state state)
{
	return (unsigned)state < ORCH_STATE__COUNT ? state_names[state] : "?";
}

const char *orch_event_name(enum orch_event event)
{
	return (unsigned)event < ORCH_EVENT__COUNT ? event_names[event] : "?";
}

const char *orch_action_name(enum orch_action action)
{
	return (unsigned)action < ORCH_ACTION__COUNT ? action_names[action] : "?";
}

int orch_state_find(const char *name)
{
	for (int i = 0; i < ORCH_STATE__COUNT; i++)
		if (strcmp(state_names[i], name) == 0)
			return i;
	return -1;
}
