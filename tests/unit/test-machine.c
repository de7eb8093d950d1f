/* test-machine: the orchestrator's transition table (src/orch/machine.c)
 * is checked as data: every state is reachable, every working state can
 * end, every state handles cancel and error, no row leads nowhere or is
 * duplicated; then random event sequences never leave the known states. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "orch/machine.h"

/* The states reachable from `from` through the table. */
static void reach(enum orch_state from, int seen[ORCH_STATE__COUNT])
{
	if (seen[from])
		return;
	seen[from] = 1;
	for (size_t i = 0; i < orch_table_len; i++)
		if (orch_table[i].from == from)
			reach(orch_table[i].to, seen);
}

static void test_every_state_reachable_from_idle(void)
{
	int seen[ORCH_STATE__COUNT] = { 0 };
	reach(ORCH_IDLE, seen);
	for (int s = 0; s < ORCH_STATE__COUNT; s++)
		if (!seen[s])
			CHECK_STR(orch_state_name((enum orch_state)s), "reachable");
}

static void test_every_state_can_end(void)
{
	for (int s = 0; s < ORCH_STATE__COUNT; s++) {
		int seen[ORCH_STATE__COUNT] = { 0 };
		reach((enum orch_state)s, seen);
		CHECK(seen[ORCH_DONE] || seen[ORCH_FAILED] || seen[ORCH_CANCELLED]);
	}
}

static void test_every_state_handles_cancel_and_error(void)
{
	for (int s = 0; s < ORCH_STATE__COUNT; s++) {
		const struct orch_transition *c = orch_next((enum orch_state)s, EV_CANCEL);
		const struct orch_transition *e = orch_next((enum orch_state)s, EV_ERROR);
		CHECK(c != NULL && e != NULL);
		if (!c || !e)
			continue;
		/* Cancel always ends (or leaves an ended loop as it was). */
		CHECK(orch_terminal(c->to));
		CHECK(orch_terminal(e->to));
		if (!orch_terminal((enum orch_state)s)) {
			CHECK(c->to == ORCH_CANCELLED);
			CHECK(e->to == ORCH_FAILED);
		}
	}
}

static void test_rows_are_valid_and_unique(void)
{
	for (size_t i = 0; i < orch_table_len; i++) {
		const struct orch_transition *t = &orch_table[i];
		CHECK((unsigned)t->from < ORCH_STATE__COUNT);
		CHECK((unsigned)t->to < ORCH_STATE__COUNT);
		CHECK((unsigned)t->event < ORCH_EVENT__COUNT);
		CHECK((unsigned)t->action < ORCH_ACTION__COUNT);
		CHECK(orch_next(t->from, t->event) == t);
	}
}

static void test_every_event_and_action_is_used(void)
{
	int ev[ORCH_EVENT__COUNT] = { 0 }, act[ORCH_ACTION__COUNT] = { 0 };
	for (size_t i = 0; i < orch_table_len; i++) {
		ev[orch_table[i].event] = 1;
		act[orch_table[i].action] = 1;
	}
	for (int e = 0; e < ORCH_EVENT__COUNT; e++)
		if (!ev[e])
			CHECK_STR(orch_event_name((enum orch_event)e), "used");
	for (int a = 0; a < ORCH_ACTION__COUNT; a++)
		if (!act[a])
			CHECK_STR(orch_action_name((enum orch_action)a), "used");
}

/* Working states are left only by rows that do something: a working
 * state that moved without an action would stall the loop. */
static void test_working_transitions_act(void)
{
	for (size_t i = 0; i < orch_table_len; i++) {
		const struct orch_transition *t = &orch_table[i];
		if (t->from != t->to && !orch_terminal(t->from))
			CHECK(t->action != OA_NONE);
	}
}

static void test_the_happy_path(void)
{
	static const enum orch_event path[] = { EV_START, EV_REPLY, EV_APPLIED, EV_RUN_DONE,
						EV_RETRY, EV_READY, EV_REPLY, EV_APPLIED,
						EV_RUN_DONE, EV_PASSED };
	enum orch_state s = ORCH_IDLE;
	for (size_t i = 0; i < sizeof path / sizeof *path; i++) {
		const struct orch_transition *t = orch_next(s, path[i]);
		CHECK(t != NULL);
		if (!t)
			return;
		s = t->to;
	}
	CHECK_STR(orch_state_name(s), "DONE");
}

/* The multi-agent loop walks the same table: plan, code, review (changes
 * requested, then approved), run; each step enters its role's state with
 * that role's action. */
static void test_the_agents_path(void)
{
	static const struct { enum orch_event ev; enum orch_state to; enum orch_action act; } path[] = {
		{ EV_START_AGENTS, ORCH_PLANNING, OA_PLAN },
		{ EV_PLANNED, ORCH_CODING, OA_CODE },
		{ EV_REPLY, ORCH_APPLYING, OA_APPLY },
		{ EV_TO_REVIEWER, ORCH_CRITIQUING, OA_CRITIQUE },
		{ EV_CHANGES_REQUESTED, ORCH_EVALUATING, OA_EVALUATE },
		{ EV_RETRY, ORCH_REFINING, OA_REFINE },
		{ EV_RECODE, ORCH_CODING, OA_CODE },
		{ EV_REPLY, ORCH_APPLYING, OA_APPLY },
		{ EV_TO_REVIEWER, ORCH_CRITIQUING, OA_CRITIQUE },
		{ EV_APPROVED, ORCH_EXECUTING, OA_RUN },
		{ EV_RUN_DONE, ORCH_EVALUATING, OA_EVALUATE },
		{ EV_PASSED, ORCH_DONE, OA_FINISH },
	};
	enum orch_state s = ORCH_IDLE;
	for (size_t i = 0; i < sizeof path / sizeof *path; i++) {
		const struct orch_transition *t = orch_next(s, path[i].ev);
		CHECK(t != NULL);
		if (!t)
			return;
		CHECK_STR(orch_state_name(t->to), orch_state_name(path[i].to));
		CHECK_STR(orch_action_name(t->action), orch_action_name(path[i].act));
		s = t->to;
	}
	/* A refused plan is evaluated like a refused reply and planned again;
	 * a plan under the user's review is coded once accepted. */
	CHECK(orch_next(ORCH_PLANNING, EV_REFUSED)->to == ORCH_EVALUATING);
	CHECK(orch_next(ORCH_REFINING, EV_REPLAN)->action == OA_PLAN);
	CHECK(orch_next(ORCH_PLANNING, EV_PLAN_FOR_REVIEW)->to == ORCH_REVIEWING_PLAN);
	CHECK(orch_next(ORCH_REVIEWING_PLAN, EV_ACCEPTED)->action == OA_CODE);
	/* A failing coder stops its siblings: ABORT, not FINISH. */
	CHECK(orch_next(ORCH_CODING, EV_GATEWAY_FAILED)->action == OA_ABORT);
}

static void test_names(void)
{
	CHECK_STR(orch_state_name(ORCH_WAITING_FOR_USER), "WAITING_FOR_USER");
	CHECK_STR(orch_event_name(EV_BUDGET_SPENT), "BUDGET_SPENT");
	CHECK_STR(orch_action_name(OA_REFINE), "REFINE");
	CHECK(orch_state_find("EXECUTING") == ORCH_EXECUTING);
	CHECK(orch_state_find("executing") == -1);
	CHECK_STR(orch_state_name((enum orch_state)99), "?");
}

/* Random sequences (a fixed seed, so a failure replays): whatever arrives,
 * the state stays known, and a cancel always ends the loop. */
static void test_random_sequences(void)
{
	unsigned seed = 12345;
	for (int run = 0; run < 20000; run++) {
		enum orch_state s = ORCH_IDLE;
		for (int step = 0; step < 40; step++) {
			seed = seed * 1103515245u + 12345u;
			enum orch_event e = (enum orch_event)((seed >> 16) % ORCH_EVENT__COUNT);
			const struct orch_transition *t = orch_next(s, e);
			if (t)
				s = t->to;
			CHECK((unsigned)s < ORCH_STATE__COUNT);
		}
		const struct orch_transition *t = orch_next(s, EV_CANCEL);
		CHECK(t && orch_terminal(t->to));
	}
}

int main(void)
{
	RUN(test_every_state_reachable_from_idle);
	RUN(test_every_state_can_end);
	RUN(test_every_state_handles_cancel_and_error);
	RUN(test_rows_are_valid_and_unique);
	RUN(test_every_event_and_action_is_used);
	RUN(test_working_transitions_act);
	RUN(test_the_happy_path);
	RUN(test_the_agents_path);
	RUN(test_names);
	RUN(test_random_sequences);
	return CHECK_EXIT();
}
