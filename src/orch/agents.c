/* agents: the roles of a multi-agent loop (planner, coders, reviewer),
 * where each asks, and their requests. Every request goes through one
 * queue per endpoint: an agent asks (its prompt is rendered and journaled
 * at once), and the pump starts it when its endpoint serves fewer requests
 * than its concurrency; the rest wait, and say so ("queued"). Their
 * messages come back on the front-end's queue like the single model's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/xmalloc.h"
#include "gateway/result.h"
#include "orch/orch-int.h"

static const char *const role_names[] = { "model", "planner", "coder", "reviewer" };

const char *orch_role_name(enum orch_role role)
{
	return (unsigned)role < sizeof role_names / sizeof *role_names ? role_names[role] : "?";
}

void orch_agent_label(const struct orch_agent_id *who, int brief, char *out, size_t size)
{
	if (who->role == ORCH_ROLE_CODER)
		snprintf(out, size, brief ? "C%d" : "coder %d", who->coder);
	else if (brief)
		snprintf(out, size, "%c", orch_role_name(who->role)[0] - 'a' + 'A');
	else
		snprintf(out, size, "%s", orch_role_name(who->role));
}

int orch_agent_before(const struct orch_agent_id *a, const struct orch_agent_id *b)
{
	return a->role != b->role ? a->role < b->role : a->coder < b->coder;
}

static const char *const default_templates[] = { "codegen", "planner", "coder", "reviewer" };

/* What an endpoint's requests count against, and how many it takes. */
static void agent_slot(const struct config *cfg, struct orch_agent *a)
{
	const char *name = a->endpoint[0] ? a->endpoint : config_str(cfg, OPT_ENDPOINT);
	const struct config_endpoint *e = name[0] ? config_find_endpoint(cfg, name) : NULL;
	a->slot = xstrdup(name[0] ? name : "default");
	a->concurrency = (int)config_int(cfg, OPT_CONCURRENCY);
	if (e && e->v[EP_CONCURRENCY].i > 0)
		a->concurrency = (int)e->v[EP_CONCURRENCY].i;
	if (a->concurrency < 1)
		a->concurrency = 1;
}

static void agent_init(struct orch *o, struct orch_agent *a, enum orch_role role, int coder,
		       int cfg_role)
{
	const struct config_agent *c = &o->cfg->agents[cfg_role];
	a->id = (struct orch_agent_id){ role, coder };
	a->endpoint = c->v[AG_ENDPOINT].s;
	a->model = c->v[AG_MODEL].s;
	a->template = c->v[AG_TEMPLATE].s[0] ? c->v[AG_TEMPLATE].s : default_templates[role];
	a->temperature = c->v[AG_TEMPERATURE].src != SRC_DEFAULT ? c->v[AG_TEMPERATURE].d : -1;
	agent_slot(o->cfg, a);
}

void orch_agents_setup(struct orch *o, int coders, int reviewer)
{
	const struct config *cfg = o->cfg;
	orch_agents_free(o);
	o->agents_on = true;
	o->ncoders = coders > 0 ? coders : (int)cfg->agents[AGENT_CODER].v[AG_COUNT].i;
	if (o->ncoders < 1)
		o->ncoders = 1;
	o->has_reviewer = reviewer < 0 ? cfg->agents[AGENT_REVIEWER].set : reviewer;
	o->nagents = 1 + (size_t)o->ncoders + (o->has_reviewer ? 1 : 0);
	o->agents = xcalloc(o->nagents, sizeof *o->agents);
	agent_init(o, &o->agents[0], ORCH_ROLE_PLANNER, 0, AGENT_PLANNER);
	for (int k = 1; k <= o->ncoders; k++)
		agent_init(o, &o->agents[k], ORCH_ROLE_CODER, k, AGENT_CODER);
	if (o->has_reviewer)
		agent_init(o, &o->agents[o->nagents - 1], ORCH_ROLE_REVIEWER, 0, AGENT_REVIEWER);
}

/* A request prepared and not started (QUEUED) is freed; the agent is
 * IDLE. */
static void agent_drop_request(struct orch_agent *a)
{
	if (a->status == AGENT_QUEUED)
		gw_plan_free(&a->request);
	a->status = AGENT_IDLE;
}

void orch_agents_free(struct orch *o)
{
	orch_agents_cancel(o);
	for (size_t i = 0; i < o->nagents; i++) {
		struct orch_agent *a = &o->agents[i];
		if (a->call)
			gateway_join(a->call);
		agent_drop_request(a);
		buf_free(&a->feedback);
		free(a->answer);
		free(a->slot);
	}
	free(o->agents);
	o->agents = NULL;
	o->nagents = 0;
}

struct orch_agent *orch_agent(struct orch *o, enum orch_role role, int coder)
{
	for (size_t i = 0; i < o->nagents; i++)
		if (o->agents[i].id.role == role && (role != ORCH_ROLE_CODER || o->agents[i].id.coder == coder))
			return &o->agents[i];
	return NULL;
}

void orch_add_who(cJSON *f, const struct orch_agent_id *who)
{
	if (!who || who->role == ORCH_ROLE_MODEL)
		return;
	cJSON_AddStringToObject(f, "role", orch_role_name(who->role));
	if (who->role == ORCH_ROLE_CODER && who->coder > 0)
		cJSON_AddNumberToObject(f, "coder", who->coder);
}

bool orch_agent_of(const cJSON *f, struct orch_agent_id *who)
{
	const char *role = json_str(f, "role", "");
	for (int r = ORCH_ROLE_PLANNER; r <= ORCH_ROLE_REVIEWER; r++)
		if (strcmp(role, orch_role_name((enum orch_role)r)) == 0) {
			who->role = (enum orch_role)r;
			who->coder = r == ORCH_ROLE_CODER ? (int)json_num(f, "coder", 1) : 0;
			return true;
		}
	return false;
}

void orch_agent_event(struct orch *o, const struct orch_agent *a, const char *status)
{
	cJSON *f = cJSON_CreateObject();
	orch_add_who(f, &a->id);
	cJSON_AddStringToObject(f, "status", status);
	cJSON_AddStringToObject(f, "endpoint", a->slot);
	cJSON_AddStringToObject(f, "model", a->model);
	if (a->id.role == ORCH_ROLE_CODER && o->have_plan) {
		cJSON *files = cJSON_AddArrayToObject(f, "files");
		for (size_t i = 0; i < o->plan.nfiles; i++)
			if (o->owner[i] == a->id.coder)
				cJSON_AddItemToArray(files, cJSON_CreateString(o->plan.files[i].path));
	}
	orch_record(o, "agent", f, false);
}

int orch_agent_ask(struct orch *o, struct orch_agent *a, const struct tpl_var *vars,
		   size_t nvars, const char *failure, const char *feedback)
{
	struct gw_plan request;
	if (orch_build_request(o, a, vars, nvars, failure, feedback, &request) < 0)
		return -1;
	agent_drop_request(a);
	a->request = request;
	a->status = AGENT_QUEUED;
	a->told_queued = false;
	free(a->answer);
	a->answer = NULL;
	a->cut = false;
	return 0;
}

static int slot_in_use(const struct orch *o, const char *slot)
{
	int n = 0;
	for (size_t i = 0; i < o->nagents; i++)
		n += o->agents[i].status == AGENT_ASKING && strcmp(o->agents[i].slot, slot) == 0;
	return n;
}

void orch_agents_pump(struct orch *o)
{
	for (size_t i = 0; i < o->nagents; i++) {
		struct orch_agent *a = &o->agents[i];
		if (a->status != AGENT_QUEUED)
			continue;
		if (slot_in_use(o, a->slot) >= a->concurrency) {
			if (!a->told_queued)
				orch_agent_event(o, a, "queued");
			a->told_queued = true;
			continue;
		}
		a->call_id = ORCH_REQUEST_BASE + o->next_id++;
		a->call = gateway_start(&a->request.req, o->q, a->call_id);
		agent_drop_request(a); /* the call has its own copy */
		a->status = AGENT_ASKING;
		orch_agent_event(o, a, "asking");
	}
}

void orch_agents_cancel(struct orch *o)
{
	for (size_t i = 0; i < o->nagents; i++) {
		struct orch_agent *a = &o->agents[i];
		if (a->call)
			gateway_cancel(a->call);
		if (a->status == AGENT_QUEUED) {
			agent_drop_request(a);
			orch_agent_event(o, a, "cancelled");
		}
	}
}

bool orch_agents_busy(const struct orch *o)
{
	for (size_t i = 0; i < o->nagents; i++)
		if (o->agents[i].call)
			return true;
	return false;
}

/* A token, a notice or the usage of an agent's call; the terminal message
 * joins the worker and goes to the role's handler while its step lasts. */
static void on_agent_message(struct orch *o, struct orch_agent *a, struct msg *m)
{
	switch (m->type) {
	case MSG_TOKEN:
	case MSG_REASONING:
		if (o->sink.text)
			o->sink.text(o->sink.ctx, m->type == MSG_TOKEN ? ORCH_TOKENS : ORCH_REASONING,
				     &a->id, m->text, m->len);
		return;
	case MSG_NOTICE: {
		cJSON *f = cJSON_CreateObject();
		cJSON_AddStringToObject(f, "text", m->text ? m->text : "");
		orch_add_who(f, &a->id);
		orch_record(o, "notice", f, false);
		return;
	}
	case MSG_USAGE:
		orch_record_usage(o, m, &a->id);
		return;
	case MSG_DONE:
	case MSG_FAILED:
	case MSG_CANCELLED:
		break;
	default:
		return;
	}
	gateway_join(a->call);
	a->call = NULL;
	a->status = AGENT_IDLE;
	orch_agent_event(o, a, m->type == MSG_DONE ? "done" :
			       m->type == MSG_FAILED ? "failed" : "cancelled");
	if (m->type == MSG_DONE && a->id.role == ORCH_ROLE_CODER && o->state != ORCH_CODING) {
		/* Finished as the loop stopped: kept in the journal all the same. */
		orch_record_agent_reply(o, a, m);
	} else if (m->type != MSG_CANCELLED) {
		if (a->id.role == ORCH_ROLE_PLANNER && o->state == ORCH_PLANNING)
			orch_on_plan_reply(o, a, m);
		else if (a->id.role == ORCH_ROLE_CODER && o->state == ORCH_CODING)
			orch_on_code_reply(o, a, m);
		else if (a->id.role == ORCH_ROLE_REVIEWER && o->state == ORCH_CRITIQUING)
			orch_on_critique(o, a, m);
	}
	if (!orch_terminal(o->state))
		orch_agents_pump(o); /* a slot is free */
}

bool orch_agents_handle(struct orch *o, struct msg *m)
{
	for (size_t i = 0; i < o->nagents; i++)
		if (o->agents[i].call && o->agents[i].call_id == m->request) {
			on_agent_message(o, &o->agents[i], m);
			return true;
		}
	return false;
}

bool orch_record_agent_reply(struct orch *o, const struct orch_agent *a, const struct msg *m)
{
	const struct gw_result *r = m->payload;
	bool complete = m->type == MSG_DONE && r && r->complete;
	cJSON *f = cJSON_CreateObject();
	cJSON_AddNumberToObject(f, "iteration", o->iteration);
	orch_add_who(f, &a->id);
	cJSON_AddStringToObject(f, "text", r && r->text ? r->text : "");
	cJSON_AddStringToObject(f, "thinking", r && r->reasoning ? r->reasoning : "");
	cJSON_AddBoolToObject(f, "complete", complete);
	if (a->id.role == ORCH_ROLE_CODER) /* its blocks cut short are not written */
		cJSON_AddBoolToObject(f, "cut", gw_result_cut_short(r));
	if (m->type == MSG_FAILED) {
		cJSON_AddBoolToObject(f, "incomplete", 1);
		cJSON_AddStringToObject(f, "error", m->text ? m->text : "");
	}
	/* A coder's answer is a completed step: durable before it counts. */
	orch_record(o, "reply", f, a->id.role == ORCH_ROLE_CODER);
	if (m->type == MSG_FAILED || !r) {
		o->gateway_error = m->code;
		orch_fire(o, EV_GATEWAY_FAILED, "%s %s", orch_role_name(a->id.role),
			  m->text ? m->text : "failed");
		return false;
	}
	return true;
}
