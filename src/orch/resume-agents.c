/* resume-agents: a multi-agent loop continued from its journal with the
 * role that was interrupted. The journal holds what is needed: the
 * "prompt" says the loop used agents (and how many coders), the last
 * "plan" gives the plan back, the coders' "request" and "reply" events
 * after the last move into CODING say which coders of that round had
 * answered (their answers are kept, only the others are asked again), and
 * a "critique" that requested changes gives each coder its comments. */
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/xmalloc.h"
#include "orch/orch-int.h"

static bool is(const struct store_event *e, const char *type)
{
	return strcmp(e->type, type) == 0;
}

static bool is_coder(const struct store_event *e)
{
	return strcmp(json_str(e->json, "role", ""), "coder") == 0;
}

static long last_after(const struct store_event *ev, size_t n, size_t from, const char *type)
{
	long at = -1;
	for (size_t i = from; i < n; i++)
		if (is(&ev[i], type))
			at = (long)i;
	return at;
}

/* The plan as journaled (shared again: the sharing is deterministic). */
static void restore_plan(struct orch *o, const cJSON *e)
{
	const char *text = json_str(e, "text", "");
	orch_plan_forget(o);
	plan_parse(text, strlen(text), &o->plan);
	o->have_plan = true;
	o->owner = xcalloc(o->plan.nfiles + 1, sizeof *o->owner);
	plan_share(&o->plan, o->ncoders, o->owner);
	for (size_t i = 0; i < o->plan.nfiles; i++)
		o->owner[i]++;
	if (o->plan.run_command && !o->model_command)
		o->model_command = xstrdup(o->plan.run_command);
}

/* The coders of the last round, and the answers that arrived. */
static long restore_round(struct orch *o, const struct store_event *ev, size_t n, size_t from)
{
	long coding = -1;
	/* A resumption's own record is not the round's start. */
	for (size_t i = from; i < n; i++)
		if (is(&ev[i], "state") && strcmp(json_str(ev[i].json, "to", ""), "CODING") == 0 &&
		    strcmp(json_str(ev[i].json, "trigger", ""), "RESUME") != 0)
			coding = (long)i;
	for (size_t i = coding < 0 ? n : (size_t)coding; i < n; i++) {
		if (!is_coder(&ev[i]))
			continue;
		struct orch_agent *a = orch_agent(o, ORCH_ROLE_CODER, (int)json_num(ev[i].json, "coder", 0));
		if (!a)
			continue;
		if (is(&ev[i], "request")) {
			a->in_round = true;
			free(a->answer);
			a->answer = NULL;
		} else if (is(&ev[i], "reply") && json_true(ev[i].json, "complete")) {
			free(a->answer);
			a->answer = xstrdup(json_str(ev[i].json, "text", ""));
			a->cut = json_true(ev[i].json, "cut");
		}
	}
	return coding;
}

/* What the reviewer heard of the last run. */
static void restore_last_run(struct orch *o, const struct store_event *ev, size_t n, size_t from)
{
	long at = last_after(ev, n, from, "run_result");
	if (at >= 0)
		orch_note_last_run(o, json_str(ev[at].json, "command", ""),
				   json_str(ev[at].json, "result", ""),
				   json_str(ev[at].json, "stdout_tail", ""),
				   json_str(ev[at].json, "stderr_tail", ""));
}

/* The reviewer's last request for changes, told again to the coders when
 * they have not acted on it yet: the loop stopped after it (*critiqued),
 * or during the round it started (no run in between). */
static void restore_comments(struct orch *o, const struct store_event *ev, size_t n,
			     size_t from, long coding, bool *critiqued)
{
	long critique = last_after(ev, n, from, "critique");
	*critiqued = false;
	if (critique < 0 || strcmp(json_str(ev[critique].json, "verdict", ""), "approve") == 0)
		return;
	*critiqued = critique > coding;
	bool round_after = coding > critique && last_after(ev, (size_t)coding, (size_t)critique,
							      "run_result") < 0;
	if (*critiqued || round_after)
		orch_route_comments(o, cJSON_GetObjectItemCaseSensitive(ev[critique].json, "comments"));
}

bool orch_resume_agents(struct orch *o, const struct store_event *ev, size_t n, long prompt,
			bool *critiqued)
{
	const cJSON *p = ev[prompt].json;
	if (!json_true(p, "agents"))
		return false;
	orch_agents_setup(o, (int)json_num(p, "coders", 1), json_true(p, "reviewer"));
	long plan = last_after(ev, n, (size_t)prompt, "plan");
	if (plan >= 0)
		restore_plan(o, ev[plan].json);
	long coding = restore_round(o, ev, n, (size_t)prompt);
	restore_last_run(o, ev, n, (size_t)prompt);
	restore_comments(o, ev, n, (size_t)prompt, coding, critiqued);
	return true;
}

static void forget_comments(struct orch *o)
{
	for (size_t i = 0; i < o->nagents; i++)
		buf_reset(&o->agents[i].feedback);
}

/* Where a multi-agent loop picks up; -1 leaves it to the single loop's
 * rules (a run, a decision on its result, a wait for the user). */
int orch_resume_agents_point(struct orch *o, enum orch_state last, bool critiqued,
			     enum orch_action *action)
{
	switch (last) {
	case ORCH_PLANNING:
		break;
	case ORCH_REVIEWING_PLAN:
		if (!o->have_plan)
			break;
		*action = o->review ? OA_ASK_USER : OA_CODE;
		return o->review ? ORCH_REVIEWING_PLAN : ORCH_CODING;
	case ORCH_CODING:
		if (!o->have_plan)
			break;
		o->resuming = true;
		*action = OA_CODE;
		return ORCH_CODING;
	case ORCH_APPLYING:
	case ORCH_REVIEWING:
		if (!o->have_plan)
			break;
		forget_comments(o); /* acted on: the round answered */
		orch_code_merge(o); /* the round's answers, as they were */
		*action = o->review && last == ORCH_REVIEWING ? OA_PRESENT : OA_APPLY;
		return *action == OA_PRESENT ? ORCH_REVIEWING : ORCH_APPLYING;
	case ORCH_CRITIQUING:
		forget_comments(o);
		o->wrote_last = true;
		*action = OA_CRITIQUE;
		return ORCH_CRITIQUING;
	case ORCH_EVALUATING:
	case ORCH_REFINING:
		if (!critiqued)
			return -1;
		*action = OA_EVALUATE; /* the reviewer's request counts, as it did */
		return ORCH_EVALUATING;
	default:
		return -1;
	}
	if (o->have_plan) {
		*action = OA_CODE;
		return ORCH_CODING;
	}
	*action = OA_PLAN;
	return ORCH_PLANNING;
}
