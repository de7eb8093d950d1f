/* loop: the orchestrator's events, its journal and the workers' messages;
 * see orch.h. The actions themselves are in step.c. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "orch/orch-int.h"

struct orch *orch_new(const struct config *cfg, struct store *store, struct queue *q,
		      const struct orch_sink *sink, const struct orch_limits *lim)
{
	struct orch *o = xcalloc(1, sizeof *o);
	o->cfg = cfg;
	o->store = store;
	o->q = q;
	o->sink = *sink;
	o->lim.max_iterations = (int)config_int(cfg, OPT_MAX_ITERATIONS);
	o->lim.max_tokens = config_int(cfg, OPT_MAX_LOOP_TOKENS);
	o->lim.max_seconds = config_int(cfg, OPT_MAX_LOOP_TIME);
	if (lim && lim->max_iterations > 0)
		o->lim.max_iterations = lim->max_iterations;
	if (lim && lim->max_tokens > 0)
		o->lim.max_tokens = lim->max_tokens;
	if (lim && lim->max_seconds > 0)
		o->lim.max_seconds = lim->max_seconds;
	if (lim && lim->run_command && lim->run_command[0])
		o->lim.run_command = lim->run_command;
	o->state = ORCH_IDLE;
	return o;
}

void orch_free(struct orch *o)
{
	if (!o)
		return;
	if (o->call) {
		gateway_cancel(o->call);
		gateway_join(o->call);
	}
	if (o->job) {
		sandbox_job_cancel(o->job);
		sandbox_job_join(o->job);
	}
	orch_agents_free(o);
	orch_plan_forget(o);
	free(o->last_run);
	if (o->have_reply)
		reply_free(&o->reply);
	orch_review_forget(o);
	buf_free(&o->feedback);
	buf_free(&o->failure);
	free(o->description);
	free(o->model_command);
	free(o->command);
	free(o);
}

static void emit(struct orch *o, const char *type, const cJSON *fields)
{
	if (o->sink.event)
		o->sink.event(o->sink.ctx, type, fields);
}

void orch_record(struct orch *o, const char *type, cJSON *fields, bool sync)
{
	char *err = NULL;
	if (!fields)
		fields = cJSON_CreateObject();
	emit(o, type, fields);
	/* The store takes the fields over. A journal that cannot be written
	 * is reported, and the loop goes on: the workspace and the versions
	 * are still there, and stopping would lose the work in flight. */
	if (store_append(o->store, type, fields, sync, &err) < 0) {
		log_error("orch.journal", "%s", err);
		cJSON *n = cJSON_CreateObject();
		cJSON_AddStringToObject(n, "text", err);
		emit(o, "notice", n);
		cJSON_Delete(n);
		free(err);
	}
}

void orch_notice(struct orch *o, const char *fmt, ...)
{
	char text[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	cJSON *f = cJSON_CreateObject();
	cJSON_AddStringToObject(f, "text", text);
	orch_record(o, "notice", f, false);
}

static void record_transition(struct orch *o, const struct orch_transition *t)
{
	cJSON *f = cJSON_CreateObject();
	cJSON_AddStringToObject(f, "from", orch_state_name(t->from));
	cJSON_AddStringToObject(f, "to", orch_state_name(t->to));
	cJSON_AddStringToObject(f, "trigger", orch_event_name(t->event));
	cJSON_AddStringToObject(f, "cause", o->cause);
	cJSON_AddNumberToObject(f, "iteration", o->iteration);
	cJSON_AddNumberToObject(f, "max_iterations", o->lim.max_iterations);
	/* The states of one role say whose they are. */
	static const struct { enum orch_state state; enum orch_role role; } owned[] = {
		{ ORCH_PLANNING, ORCH_ROLE_PLANNER }, { ORCH_REVIEWING_PLAN, ORCH_ROLE_PLANNER },
		{ ORCH_CODING, ORCH_ROLE_CODER }, { ORCH_CRITIQUING, ORCH_ROLE_REVIEWER },
	};
	for (size_t i = 0; i < sizeof owned / sizeof *owned; i++)
		if (owned[i].state == t->to)
			cJSON_AddStringToObject(f, "role", orch_role_name(owned[i].role));
	orch_record(o, "state", f, true); /* every transition is durable */
}

void orch_fire(struct orch *o, enum orch_event ev, const char *cause_fmt, ...)
{
	va_list ap;
	va_start(ap, cause_fmt);
	vsnprintf(o->cause, sizeof o->cause, cause_fmt, ap);
	va_end(ap);
	orch_run_events(o, ev);
}

/* Each action may lead at once to the next event (a decision); the chain
 * stops at an action whose answer comes from a worker. */
void orch_run_events(struct orch *o, enum orch_event ev)
{
	for (;;) {
		const struct orch_transition *t = orch_next(o->state, ev);
		if (!t) {
			log_debug("orch.ignored", "%s in %s", orch_event_name(ev),
				  orch_state_name(o->state));
			return;
		}
		if (t->from == t->to && t->action == OA_NONE)
			return; /* cancelling an ended loop: nothing happens */
		record_transition(o, t);
		o->state = t->to;
		if (orch_terminal(t->to))
			o->end_cause = ev;
		int next = orch_act(o, t->action, ev);
		if (next < 0)
			return;
		ev = (enum orch_event)next;
	}
}

int orch_start(struct orch *o, const char *description, char **err)
{
	const struct store_project *p = store_project(o->store);
	if (o->state != ORCH_IDLE && !orch_terminal(o->state)) {
		*err = xstrdup("a loop is already running; cancel it first (Ctrl-C)");
		return -1;
	}
	if (p->state == STORE_FINALIZED) {
		*err = xasprintf("project '%s' is finalized; 'faos-codex project reopen %s' to change it",
				 p->name, p->name);
		return -1;
	}
	free(o->description);
	o->description = xstrdup(description);
	o->iteration = 1;
	o->tokens_used = 0;
	o->started_ms = (long long)clock_now_ms();
	o->passed = false;
	buf_reset(&o->failure);
	orch_plan_forget(o);
	free(o->last_run);
	o->last_run = NULL;
	orch_agents_free(o);
	o->agents_on = false;
	if (config_agents_on(o->cfg))
		orch_agents_setup(o, 0, -1);
	cJSON *f = cJSON_CreateObject();
	cJSON_AddStringToObject(f, "text", description);
	cJSON_AddNumberToObject(f, "max_iterations", o->lim.max_iterations);
	if (o->agents_on) {
		cJSON_AddBoolToObject(f, "agents", 1);
		cJSON_AddNumberToObject(f, "coders", o->ncoders);
		cJSON_AddBoolToObject(f, "reviewer", o->has_reviewer);
	}
	orch_record(o, "prompt", f, true);
	if (o->agents_on)
		orch_fire(o, EV_START_AGENTS, "a new description, for %d coder%s%s", o->ncoders,
			  o->ncoders == 1 ? "" : "s", o->has_reviewer ? " and a reviewer" : "");
	else
		orch_fire(o, EV_START, "a new description");
	return 0;
}

void orch_feedback(struct orch *o, const char *text)
{
	cJSON *f = cJSON_CreateObject();
	cJSON_AddStringToObject(f, "text", text);
	orch_record(o, "feedback", f, true);
	if (o->feedback.len)
		buf_append_char(&o->feedback, '\n');
	buf_append_str(&o->feedback, text);
	if (o->state == ORCH_WAITING_FOR_USER)
		orch_fire(o, EV_USER_INPUT, "feedback from the user");
}

void orch_pause(struct orch *o)
{
	o->pause_requested = true;
}

bool orch_needs_run_command(const struct orch *o)
{
	return o->state == ORCH_WAITING_FOR_USER && o->waiting_for_command;
}

int orch_run_command(struct orch *o, const char *command, char **err)
{
	if (!orch_needs_run_command(o)) {
		*err = xstrdup("the loop is not waiting for a run command");
		return -1;
	}
	if (!command[strspn(command, " \t\n")]) {
		*err = xstrdup("the run command is empty; give the command that builds and tests the "
			       "project, e.g. make test");
		return -1;
	}
	free(o->command);
	o->command = xstrdup(command);
	cJSON *f = cJSON_CreateObject();
	cJSON_AddStringToObject(f, "command", command);
	orch_record(o, "run_command", f, true);
	orch_fire(o, EV_RUN_COMMAND, "run command from the user");
	return 0;
}

void orch_cancel(struct orch *o)
{
	orch_fire(o, EV_CANCEL, "cancelled by the user");
}

void orch_record_usage(struct orch *o, const struct msg *m, const struct orch_agent_id *who)
{
	long in = m->usage.prompt_tokens > 0 ? m->usage.prompt_tokens : 0;
	o->tokens_used += in + m->usage.completion_tokens;
	cJSON *f = cJSON_CreateObject();
	cJSON_AddNumberToObject(f, "iteration", o->iteration);
	orch_add_who(f, who);
	cJSON_AddNumberToObject(f, "prompt_tokens", (double)m->usage.prompt_tokens);
	cJSON_AddNumberToObject(f, "completion_tokens", (double)m->usage.completion_tokens);
	cJSON_AddNumberToObject(f, "ttft_ms", m->usage.ttft_ms);
	cJSON_AddNumberToObject(f, "tokens_per_s", m->usage.tokens_per_s);
	cJSON_AddStringToObject(f, "endpoint", m->usage.endpoint);
	cJSON_AddStringToObject(f, "model", m->usage.model);
	cJSON_AddNumberToObject(f, "loop_tokens", (double)o->tokens_used);
	orch_record(o, "usage", f, false);
}

static const struct orch_agent_id the_model = { ORCH_ROLE_MODEL, 0 };

static void on_gateway_message(struct orch *o, struct msg *m)
{
	enum orch_stream kind = m->type == MSG_TOKEN ? ORCH_TOKENS : ORCH_REASONING;
	switch (m->type) {
	case MSG_TOKEN:
	case MSG_REASONING:
		if (o->sink.text)
			o->sink.text(o->sink.ctx, kind, &the_model, m->text, m->len);
		break;
	case MSG_NOTICE:
		orch_notice(o, "%s", m->text);
		break;
	case MSG_USAGE:
		orch_record_usage(o, m, NULL);
		break;
	case MSG_DONE:
	case MSG_FAILED:
	case MSG_CANCELLED:
		gateway_join(o->call); /* it has posted its last message */
		o->call = NULL;
		if (o->state == ORCH_GENERATING)
			orch_on_reply(o, m);
		break;
	default:
		break;
	}
}

static void on_run_message(struct orch *o, struct msg *m)
{
	switch (m->type) {
	case MSG_RUN_STARTED: {
		cJSON *f = cJSON_CreateObject();
		cJSON_AddStringToObject(f, "layers", m->text ? m->text : "");
		orch_record(o, "sandbox", f, false);
		break;
	}
	case MSG_RUN_WARNING:
		orch_notice(o, "sandbox: %s", m->text);
		break;
	case MSG_RUN_OUTPUT:
		sandbox_job_consumed(o->job, m->len);
		if (o->sink.text && m->code)
			o->sink.text(o->sink.ctx, m->code == 1 ? ORCH_STDOUT : ORCH_STDERR, NULL,
				     m->text, m->len);
		break;
	case MSG_RUN_DONE:
		sandbox_job_join(o->job);
		o->job = NULL;
		if (o->state == ORCH_EXECUTING)
			orch_on_run_done(o, m);
		break;
	default:
		break;
	}
}

bool orch_handle(struct orch *o, struct msg *m)
{
	if (m->request < ORCH_REQUEST_BASE)
		return false;
	if (o->call && m->request == o->call_id)
		on_gateway_message(o, m);
	else if (o->job && m->request == o->job_id)
		on_run_message(o, m);
	else
		orch_agents_handle(o, m);
	msg_free(m); /* or a straggler of a worker already joined */
	return true;
}

enum orch_state orch_state(const struct orch *o) { return o->state; }
int orch_iteration(const struct orch *o) { return o->iteration; }
int orch_max_iterations(const struct orch *o) { return o->lim.max_iterations; }
bool orch_busy(const struct orch *o) { return o->call || o->job || orch_agents_busy(o); }
bool orch_agents_on(const struct orch *o) { return o->agents_on; }
int orch_coders(const struct orch *o) { return o->agents_on ? o->ncoders : 1; }
bool orch_plan_waiting(const struct orch *o) { return o->state == ORCH_REVIEWING_PLAN; }

bool orch_finished(const struct orch *o)
{
	return !orch_busy(o) && (orch_terminal(o->state) || o->state == ORCH_WAITING_FOR_USER);
}

int orch_exit_code(const struct orch *o)
{
	if (o->state == ORCH_WAITING_FOR_USER)
		return o->waiting_for_command ? 2 : 1;
	return orch_end_exit(o->end_cause, o->gateway_error);
}
