/* resume: an interrupted loop continued from its journal, at the last
 * completed step. What the journal holds is enough: the description (the
 * last "prompt"), the iteration and the state (the last "state"), the
 * failure told to the model (the last "request", or the "run_result"
 * after it), feedback not yet sent, the model's run command, the reply
 * that arrived but was not applied. A reply that was streaming when the
 * program died is marked incomplete and asked for again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/json.h"
#include "base/xmalloc.h"
#include "orch/orch-int.h"

/* Indexes of the journal events that matter, from the last "prompt" on. */
struct trail {
	long prompt, state, request, reply, run, result, apply;
	enum orch_state last_state;
	int iteration;
	long tokens;
};

static void follow(const struct store_event *ev, size_t n, struct trail *t)
{
	*t = (struct trail){ -1, -1, -1, -1, -1, -1, -1, ORCH_IDLE, 1, 0 };
	for (size_t i = 0; i < n; i++)
		if (strcmp(ev[i].type, "prompt") == 0)
			t->prompt = (long)i;
	for (size_t i = t->prompt < 0 ? n : (size_t)t->prompt; i < n; i++) {
		const char *type = ev[i].type;
		long at = (long)i;
		if (strcmp(type, "state") == 0) {
			int s = orch_state_find(json_str(ev[i].json, "to", ""));
			t->state = at;
			t->last_state = s < 0 ? ORCH_IDLE : (enum orch_state)s;
			t->iteration = (int)json_num(ev[i].json, "iteration", 0);
		} else if (strcmp(type, "request") == 0) {
			t->request = at;
			t->reply = -1;
		} else if (strcmp(type, "reply") == 0)
			t->reply = at;
		else if (strcmp(type, "run") == 0) {
			t->run = at;
			t->result = -1;
		} else if (strcmp(type, "run_result") == 0)
			t->result = at;
		else if (strcmp(type, "apply") == 0)
			t->apply = at;
		else if (strcmp(type, "usage") == 0)
			t->tokens += (long)(json_num(ev[i].json, "prompt_tokens", 0) +
					    json_num(ev[i].json, "completion_tokens", 0));
	}
	if (t->iteration < 1)
		t->iteration = 1;
}

/* The model's run command: the last one any reply of the project gave. */
static void restore_command(struct orch *o, const struct store_event *ev, size_t n)
{
	for (size_t i = n; i-- > 0;)
		if (strcmp(ev[i].type, "apply") == 0 && json_str(ev[i].json, "run_command", "")[0]) {
			o->model_command = xstrdup(json_str(ev[i].json, "run_command", ""));
			return;
		}
}

static void restore_failure(struct orch *o, const struct store_event *ev, size_t n,
			    const struct trail *t)
{
	buf_reset(&o->failure);
	buf_reset(&o->feedback);
	if (t->result > t->request && t->result >= 0) {
		const cJSON *r = ev[t->result].json;
		o->passed = json_true(r, "passed");
		if (!o->passed)
			orch_tell_run_failure(o, json_str(r, "command", ""), json_str(r, "result", ""),
					      json_str(r, "stdout_tail", ""),
					      json_str(r, "stderr_tail", ""));
	} else if (t->request >= 0)
		buf_append_str(&o->failure, json_str(ev[t->request].json, "failure", ""));
	for (size_t i = t->request < 0 ? (size_t)t->prompt : (size_t)t->request; i < n; i++)
		if (strcmp(ev[i].type, "feedback") == 0) {
			if (o->feedback.len)
				buf_append_char(&o->feedback, '\n');
			buf_append_str(&o->feedback, json_str(ev[i].json, "text", ""));
		}
}

/* Where to pick up, and the action that starts there. */
static enum orch_state resume_point(struct orch *o, const struct store_event *ev,
				    const struct trail *t, enum orch_action *action)
{
	bool have_reply = t->reply > t->request && t->request >= 0 &&
			  json_true(ev[t->reply].json, "complete");
	switch (t->last_state) {
	case ORCH_APPLYING:
	case ORCH_REVIEWING: /* shown again, or applied when no longer reviewing */
		if (!have_reply)
			break;
		const char *text = json_str(ev[t->reply].json, "text", "");
		reply_parse(text, strlen(text), &o->reply);
		o->have_reply = true;
		*action = o->review && t->last_state == ORCH_REVIEWING ? OA_PRESENT : OA_APPLY;
		return *action == OA_PRESENT ? ORCH_REVIEWING : ORCH_APPLYING;
	case ORCH_EXECUTING:
	case ORCH_WAITING_FOR_USER: {
		const char *cmd = o->lim.run_command ? o->lim.run_command :
				  t->run >= 0 ? json_str(ev[t->run].json, "command", "") : o->model_command;
		if (!cmd || !cmd[0])
			break;
		o->command = xstrdup(cmd);
		*action = OA_RUN;
		return ORCH_EXECUTING;
	}
	case ORCH_EVALUATING:
		if (t->result < t->request || t->result < 0)
			break;
		*action = OA_EVALUATE;
		return ORCH_EVALUATING;
	default:
		break;
	}
	*action = OA_REQUEST;
	return ORCH_GENERATING;
}

static void mark_cut_reply(struct orch *o, const struct trail *t)
{
	if (t->request < 0 || t->reply > t->request)
		return;
	cJSON *f = cJSON_CreateObject();
	cJSON_AddNumberToObject(f, "iteration", t->iteration);
	cJSON_AddBoolToObject(f, "complete", 0);
	cJSON_AddBoolToObject(f, "incomplete", 1);
	cJSON_AddStringToObject(f, "error", "interrupted while the answer streamed; asked again");
	orch_record(o, "reply", f, true);
}

int orch_resume(struct orch *o, char **err)
{
	const struct store_event *ev;
	size_t n = store_events(o->store, &ev);
	struct trail t;
	const char *name = store_project(o->store)->name;
	follow(ev, n, &t);
	if (t.prompt < 0) {
		*err = xasprintf("nothing to resume in project '%s': no loop was started; give a "
				 "description with -p TEXT", name);
		return -1;
	}
	if (orch_terminal(t.last_state)) {
		*err = xasprintf("nothing to resume in project '%s': its last loop ended %s at "
				 "iteration %d; start a new one with -p TEXT", name,
				 orch_state_name(t.last_state), t.iteration);
		return -1;
	}
	free(o->description);
	o->description = xstrdup(json_str(ev[t.prompt].json, "text", ""));
	int max = (int)json_num(ev[t.prompt].json, "max_iterations", 0);
	if (max > 0 && o->lim.max_iterations == (int)config_int(o->cfg, OPT_MAX_ITERATIONS))
		o->lim.max_iterations = max;
	o->iteration = t.iteration;
	o->tokens_used = t.tokens;
	o->started_ms = (long long)clock_now_ms();
	restore_command(o, ev, n);
	restore_failure(o, ev, n, &t);
	mark_cut_reply(o, &t);
	/* A record appended may have moved the events: their indexes hold. */
	n = store_events(o->store, &ev);
	enum orch_action action;
	enum orch_state from = t.last_state, to;
	bool critiqued = false;
	int at = -1;
	orch_agents_free(o);
	o->agents_on = false;
	if (orch_resume_agents(o, ev, n, t.prompt, &critiqued))
		at = orch_resume_agents_point(o, t.last_state, critiqued, &action);
	to = at >= 0 ? (enum orch_state)at : resume_point(o, ev, &t, &action);
	if (o->agents_on && action == OA_REQUEST) { /* no single model here */
		action = o->have_plan ? OA_CODE : OA_PLAN;
		to = o->have_plan ? ORCH_CODING : ORCH_PLANNING;
	}
	cJSON *f = cJSON_CreateObject();
	cJSON_AddStringToObject(f, "from", orch_state_name(from));
	cJSON_AddStringToObject(f, "to", orch_state_name(to));
	cJSON_AddStringToObject(f, "trigger", "RESUME");
	cJSON_AddStringToObject(f, "cause", "resumed after an interruption");
	cJSON_AddNumberToObject(f, "iteration", o->iteration);
	cJSON_AddNumberToObject(f, "max_iterations", o->lim.max_iterations);
	orch_record(o, "state", f, true);
	o->state = to;
	int next = orch_act(o, action, to == ORCH_REVIEWING_PLAN ? EV_PLAN_FOR_REVIEW : EV_START);
	if (next >= 0)
		orch_run_events(o, (enum orch_event)next);
	return 0;
}
