/* step: the orchestrator's actions (machine.h's OA_*): ask the model,
 * apply its reply, run the command, decide, refine, finish. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "gateway/plan.h"
#include "gateway/result.h"
#include "orch/compose.h"
#include "orch/orch-int.h"

/* The files of the latest version: what the model wrote so far. */
static void latest_files(struct orch *o, struct store_version *v)
{
	char *err = NULL;
	memset(v, 0, sizeof *v);
	if (store_version_load(o->store, store_project(o->store)->latest, v, &err) < 0)
		memset(v, 0, sizeof *v); /* no version yet */
	free(err);
}

static void record_request(struct orch *o, const struct orch_agent *a, const char *failure,
			   const char *feedback)
{
	cJSON *f = cJSON_CreateObject();
	cJSON_AddNumberToObject(f, "iteration", o->iteration);
	orch_add_who(f, a ? &a->id : NULL);
	cJSON_AddStringToObject(f, "failure", failure ? failure : "");
	cJSON_AddStringToObject(f, "feedback", feedback ? feedback : "");
	orch_record(o, "request", f, false);
}

static int build_plan(struct orch *o, const struct orch_agent *a, struct gw_plan *out, char **err)
{
	if (!a)
		return gw_plan_endpoints(out, o->cfg, err);
	return gw_plan_endpoints_as(out, o->cfg, a->endpoint, a->model, a->temperature, err);
}

int orch_build_request(struct orch *o, const struct orch_agent *a, const struct tpl_var *extra,
		       size_t nextra, const char *failure, const char *feedback,
		       struct gw_plan *out)
{
	struct store_version v;
	char *err = NULL;
	latest_files(o, &v);
	char **paths = xcalloc(v.nfiles + 1, sizeof *paths);
	for (size_t i = 0; i < v.nfiles; i++)
		paths[i] = v.files[i].path;
	const struct compose_in in = {
		.template_name = a ? a->template : config_str(o->cfg, OPT_LOOP_TEMPLATE),
		.workspace = store_project(o->store)->workspace,
		.description = o->description, .files = paths, .nfiles = v.nfiles,
		.files_budget = (size_t)config_int(o->cfg, OPT_PROMPT_FILES_KB) * 1024,
		.failure = failure, .feedback = feedback,
		.iteration = o->iteration, .max_iterations = o->lim.max_iterations,
		.extra = extra, .nextra = nextra,
	};
	int rc = build_plan(o, a, out, &err);
	if (rc == 0)
		rc = compose_prompt(&in, &out->prompt, &err);
	free(paths);
	store_version_free(&v);
	if (rc < 0) {
		o->gateway_error = GW_ERR_CONFIG;
		snprintf(o->cause, sizeof o->cause, "%s%s%s", a ? orch_role_name(a->id.role) : "",
			 a ? ": " : "", err);
		free(err);
		gw_plan_free(out);
		return -1;
	}
	out->req.messages = out->prompt.msgs;
	out->req.nmessages = out->prompt.n;
	record_request(o, a, failure, feedback);
	return 0;
}

int orch_act_request(struct orch *o)
{
	struct gw_plan plan;
	o->passed = false;
	if (orch_build_request(o, NULL, NULL, 0, o->failure.data, o->feedback.data, &plan) < 0)
		return EV_GATEWAY_FAILED;
	buf_reset(&o->feedback); /* told once; the journal keeps it */
	o->call_id = ORCH_REQUEST_BASE + o->next_id++;
	o->call = gateway_start(&plan.req, o->q, o->call_id);
	gw_plan_free(&plan);
	return -1;
}

void orch_drop_cut_blocks(struct reply *r, struct buf *failure, const char *who)
{
	size_t kept = 0;
	for (size_t i = 0; i < r->nchanges; i++) {
		struct reply_change *c = &r->changes[i];
		if (c->unterminated) {
			buf_printf(failure, "%s%s was cut off (the answer reached its length limit): "
					    "give it again.\n", who, c->path);
			reply_change_free(c);
			continue;
		}
		r->changes[kept++] = *c;
	}
	r->nchanges = kept;
}

static void record_reply(struct orch *o, const struct msg *m, const struct gw_result *r)
{
	cJSON *f = cJSON_CreateObject();
	cJSON_AddNumberToObject(f, "iteration", o->iteration);
	cJSON_AddStringToObject(f, "text", r && r->text ? r->text : "");
	cJSON_AddStringToObject(f, "thinking", r && r->reasoning ? r->reasoning : "");
	cJSON_AddBoolToObject(f, "complete", m->type == MSG_DONE && r && r->complete);
	if (m->type == MSG_FAILED) {
		cJSON_AddBoolToObject(f, "incomplete", 1);
		cJSON_AddStringToObject(f, "error", m->text ? m->text : "");
	}
	if (o->have_reply) {
		cJSON_AddStringToObject(f, "explanation", o->reply.explanation);
		cJSON_AddNumberToObject(f, "changes", (double)o->reply.nchanges);
	}
	orch_record(o, "reply", f, false);
}

void orch_on_reply(struct orch *o, const struct msg *m)
{
	const struct gw_result *r = m->payload;
	if (m->type == MSG_CANCELLED)
		return; /* the cancel already ended the loop */
	if (o->have_reply)
		reply_free(&o->reply);
	o->have_reply = false;
	if (m->type == MSG_FAILED || !r) {
		record_reply(o, m, r);
		o->gateway_error = m->code;
		orch_fire(o, EV_GATEWAY_FAILED, "%s", m->text ? m->text : "the request failed");
		return;
	}
	buf_reset(&o->failure);
	reply_parse(r->text ? r->text : "", r->text ? strlen(r->text) : 0, &o->reply);
	o->have_reply = true;
	if (gw_result_cut_short(r))
		orch_drop_cut_blocks(&o->reply, &o->failure, "");
	record_reply(o, m, r);
	if (o->reply.nchanges == 0 && !o->reply.run_command) {
		buf_append_str(&o->failure,
			       "Your last answer had no usable block: no file was written. Give each "
			       "file as its path on a line of its own followed by a fenced code block "
			       "with the whole file, and the test command in a ```run block.\n");
		orch_fire(o, EV_REPLY_EMPTY, "the answer had no file block");
		return;
	}
	orch_fire(o, o->review ? EV_REVIEW : EV_REPLY, "%zu change%s%s", o->reply.nchanges,
		  o->reply.nchanges == 1 ? "" : "s", o->reply.run_command ? " and a run command" : "");
}
