/* execute: the orchestrator's APPLY and RUN actions: the reply written
 * behind the guards and recorded as a version, then the run command in the
 * sandbox, and what its result tells the next refinement. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/paths.h"
#include "base/xmalloc.h"
#include "orch/apply.h"
#include "orch/orch-int.h"
#include "sandbox/sandbox.h"

#define FAILURE_TAIL 3000 /* bytes of each stream's end told to the model */

static cJSON *string_array(char *const *items, size_t n)
{
	return cJSON_CreateStringArray((const char *const *)items, (int)n);
}

static void record_apply(struct orch *o, const struct apply_report *rep, int version)
{
	cJSON *f = cJSON_CreateObject();
	cJSON_AddNumberToObject(f, "iteration", o->iteration);
	cJSON_AddNumberToObject(f, "version", version);
	cJSON_AddItemToObject(f, "written", string_array(rep->written, rep->nwritten));
	cJSON_AddItemToObject(f, "deleted", string_array(rep->deleted, rep->ndeleted));
	cJSON_AddItemToObject(f, "refused", string_array(rep->refused, rep->nrefused));
	cJSON_AddItemToObject(f, "failed", string_array(rep->failed, rep->nfailed));
	if (o->reply.run_command)
		cJSON_AddStringToObject(f, "run_command", o->reply.run_command);
	orch_record(o, "apply", f, false);
}

/* "iteration 2: a CLI that converts CSV to JSON" (the first line, cut);
 * with agents, "iteration 2 (coders): ...". */
static char *version_message(const struct orch *o)
{
	const char *d = o->description ? o->description : "";
	size_t n = strcspn(d, "\n");
	if (n > 72)
		n = 72;
	return xasprintf("iteration %d%s: %.*s", o->iteration, o->agents_on ? " (coders)" : "",
			 (int)n, d);
}

static void tell_refused(struct orch *o, const struct apply_report *rep)
{
	buf_append_str(&o->failure, "Nothing of your last answer was written:\n");
	for (size_t i = 0; i < rep->nrefused; i++)
		buf_printf(&o->failure, "- %s\n", rep->refused[i]);
	buf_append_str(&o->failure, "Paths must be relative to the project root and stay "
				    "inside it; .git is read-only.\n");
}

static void tell_failed_edits(struct orch *o, const struct apply_report *rep)
{
	buf_append_str(&o->failure, "These edits did not apply (the SEARCH text is not in the "
				    "current file): give the whole file instead.\n");
	for (size_t i = 0; i < rep->nfailed; i++)
		buf_printf(&o->failure, "- %s\n", rep->failed[i]);
}

/* The run command: the user's override, the model's (this reply's or an
 * earlier one's), the configuration's, one detected from the files. */
static const char *pick_command(const struct orch *o)
{
	if (o->lim.run_command)
		return o->lim.run_command;
	if (o->model_command)
		return o->model_command;
	return sandbox_run_command(config_str(o->cfg, OPT_RUN_COMMAND),
				   store_project(o->store)->workspace);
}

static int commit(struct orch *o, const struct apply_report *rep, int *version)
{
	char *err = NULL, *message = version_message(o);
	int rc = store_commit(o->store, o->iteration, message, rep->written, rep->nwritten,
			      rep->deleted, rep->ndeleted, version, &err);
	free(message);
	if (rc < 0) {
		snprintf(o->cause, sizeof o->cause, "%s", err);
		free(err);
		return -1;
	}
	cJSON *f = cJSON_CreateObject();
	cJSON_AddNumberToObject(f, "version", *version);
	cJSON_AddNumberToObject(f, "iteration", o->iteration);
	cJSON_AddItemToObject(f, "written", string_array(rep->written, rep->nwritten));
	cJSON_AddItemToObject(f, "deleted", string_array(rep->deleted, rep->ndeleted));
	if (o->sink.event) /* the store journaled it already */
		o->sink.event(o->sink.ctx, "version", f);
	cJSON_Delete(f);
	return 0;
}

int orch_act_apply(struct orch *o)
{
	const struct apply_limits lim = APPLY_LIMITS_DEFAULT;
	struct apply_report rep;
	int version = 0;
	int rc = apply_reply(store_project(o->store)->workspace, &o->reply, &lim, &rep);
	bool wrote = rep.nwritten || rep.ndeleted;
	if (rc < 0 || (!wrote && rep.nfailed)) {
		record_apply(o, &rep, 0);
		if (rc < 0)
			tell_refused(o, &rep);
		else
			tell_failed_edits(o, &rep);
		snprintf(o->cause, sizeof o->cause, "%s",
			 rep.nrefused ? rep.refused[0] : rep.failed[0]);
		apply_report_free(&rep);
		return EV_REFUSED;
	}
	if (rep.nfailed)
		tell_failed_edits(o, &rep);
	if (wrote && commit(o, &rep, &version) < 0) {
		record_apply(o, &rep, 0);
		apply_report_free(&rep);
		return EV_ERROR;
	}
	record_apply(o, &rep, version);
	apply_report_free(&rep);
	if (o->reply.run_command) { /* kept for the replies that give none */
		free(o->model_command);
		o->model_command = xstrdup(o->reply.run_command);
	}
	o->wrote_last = wrote;
	snprintf(o->cause, sizeof o->cause, wrote ? "version %d" : "nothing to write", version);
	/* With a reviewer, nothing runs before it approves: the command is
	 * chosen then. */
	if (o->agents_on && o->has_reviewer)
		return EV_TO_REVIEWER;
	return orch_choose_command(o) < 0 ? EV_NO_RUN_COMMAND : EV_APPLIED;
}

int orch_choose_command(struct orch *o)
{
	const char *cmd = pick_command(o);
	if (!cmd) {
		o->waiting_for_command = true;
		snprintf(o->cause, sizeof o->cause,
			 "no run command: the model gave none, none is configured and nothing in "
			 "the workspace says how to test it; give one (--run-cmd CMD or run_command)");
		return -1;
	}
	free(o->command);
	o->command = xstrdup(cmd);
	return 0;
}

int orch_act_run(struct orch *o)
{
	char *err = NULL;
	char *dir = xasprintf("%s/runs/%d-%u", store_dir(o->store), o->iteration, o->next_id);
	if (paths_mkdir_p(dir, &err) < 0) {
		orch_notice(o, "%s (the run goes on without a log file)", err);
		free(err);
		free(dir);
		dir = NULL;
	}
	struct sbx_policy p;
	char *argv[] = { "/bin/sh", "-c", o->command, NULL };
	sandbox_policy_from_config(&p, o->cfg);
	p.workspace = store_project(o->store)->workspace;
	p.argv = argv;
	p.run_dir = dir;
	o->waiting_for_command = false;
	cJSON *f = cJSON_CreateObject();
	cJSON_AddNumberToObject(f, "iteration", o->iteration);
	cJSON_AddStringToObject(f, "command", o->command);
	orch_record(o, "run", f, true);
	o->job_id = ORCH_REQUEST_BASE + o->next_id++;
	o->job = sandbox_job_start(&p, o->q, o->job_id);
	free(dir);
	return -1;
}

void orch_tell_run_failure(struct orch *o, const char *command, const char *result,
			   const char *out_tail, const char *err_tail)
{
	buf_printf(&o->failure, "The command `%s` ended: %s.\nThe end of its standard output:\n"
				"```\n%s\n```\nThe end of its standard error:\n```\n%s\n```\n",
		   command, result, out_tail, err_tail);
}

void orch_note_last_run(struct orch *o, const char *command, const char *result,
			const char *out_tail, const char *err_tail)
{
	size_t keep = 1500, on = out_tail ? strlen(out_tail) : 0, en = err_tail ? strlen(err_tail) : 0;
	free(o->last_run);
	o->last_run = xasprintf("The last run: the command `%s` ended: %s.\nThe end of its "
				"output:\n```\n%s\n%s\n```\n", command, result,
				on > keep ? out_tail + on - keep : on ? out_tail : "",
				en > keep ? err_tail + en - keep : en ? err_tail : "");
}

/* The last n bytes a stream printed. */
static void tail_of(const struct sbx_capture *c, size_t n, struct buf *out)
{
	const struct buf *b = c->tail.len ? &c->tail : &c->head;
	size_t from = b->len > n ? b->len - n : 0;
	if (b->len)
		buf_append(out, b->data + from, b->len - from);
}

void orch_on_run_done(struct orch *o, const struct msg *m)
{
	const struct sbx_result *res = m->payload;
	char line[600];
	struct buf out = BUF_INIT, err = BUF_INIT;
	sandbox_result_line(res, line, sizeof line);
	tail_of(&res->out, FAILURE_TAIL, &out);
	tail_of(&res->err_stream, FAILURE_TAIL, &err);
	cJSON *f = cJSON_CreateObject();
	cJSON_AddNumberToObject(f, "iteration", o->iteration);
	cJSON_AddStringToObject(f, "command", o->command);
	cJSON_AddNumberToObject(f, "status", m->code);
	cJSON_AddStringToObject(f, "result", line);
	cJSON_AddStringToObject(f, "log", res->log_path);
	cJSON_AddNumberToObject(f, "duration_ms", (double)res->duration_ms);
	cJSON_AddStringToObject(f, "stdout_tail", out.data ? out.data : "");
	cJSON_AddStringToObject(f, "stderr_tail", err.data ? err.data : "");
	o->passed = res->outcome == SBX_EXITED && res->code == 0;
	cJSON_AddBoolToObject(f, "passed", o->passed);
	orch_record(o, "run_result", f, false);
	if (!o->passed)
		orch_tell_run_failure(o, o->command, line, out.data ? out.data : "",
				      err.data ? err.data : "");
	if (o->agents_on)
		orch_note_last_run(o, o->command, line, out.data, err.data);
	buf_free(&out);
	buf_free(&err);
	if (res->outcome == SBX_REFUSED || res->outcome == SBX_SETUP_FAILED)
		orch_fire(o, EV_RUN_REFUSED, "%s", line);
	else
		orch_fire(o, EV_RUN_DONE, "%s", line);
}
