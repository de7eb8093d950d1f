/* planning: the planner's step of a multi-agent loop. PLAN asks for the
 * files to write ("- path: purpose"), their interfaces and the run
 * command; the answer is parsed leniently (plan.h), checked like any reply
 * (a path outside the workspace refuses the whole plan, and the planner
 * hears why), shared among the coders and journaled as a "plan" event.
 * With approval: review the plan waits for the user, who may edit it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "gateway/result.h"
#include "orch/orch-int.h"
#include "orch/pathguard.h"

int orch_act_plan(struct orch *o)
{
	struct orch_agent *planner = orch_agent(o, ORCH_ROLE_PLANNER, 0);
	o->passed = false;
	if (orch_agent_ask(o, planner, NULL, 0, o->failure.data, o->feedback.data) < 0)
		return EV_GATEWAY_FAILED;
	buf_reset(&o->feedback); /* told once; the journal keeps it */
	orch_agents_pump(o);
	return -1;
}

void orch_plan_forget(struct orch *o)
{
	if (o->have_plan)
		plan_free(&o->plan);
	free(o->owner);
	o->owner = NULL;
	o->have_plan = false;
}

/* Why the plan cannot be coded (allocated), or NULL: it lists no file, or
 * names a path the guards would refuse in a reply. Its paths are
 * normalised in place ("./a//b.py" is "a/b.py"), so the coders' files are
 * matched to the plan by plain comparison. */
static char *plan_check_paths(const struct orch *o, struct plan *p)
{
	if (p->nfiles == 0)
		return xstrdup("the plan lists no files");
	struct pathguard g;
	char *why = NULL;
	if (pathguard_open(&g, store_project(o->store)->workspace, &why) < 0)
		return why;
	for (size_t i = 0; i < p->nfiles && !why; i++) {
		char *norm = pathguard_normalise(p->files[i].path, &why);
		mode_t mode;
		char *real = norm ? pathguard_resolve(&g, norm, 1, &mode, &why) : NULL;
		if (why) {
			char *shown = pathguard_show(p->files[i].path);
			char *line = xasprintf("%s: %s", shown, why);
			free(shown);
			free(why);
			why = line;
			free(norm);
		} else {
			free(p->files[i].path);
			p->files[i].path = norm;
		}
		free(real);
	}
	pathguard_close(&g);
	return why;
}

static void record_plan(struct orch *o, const char *source)
{
	cJSON *f = cJSON_CreateObject();
	char *text = plan_render(&o->plan);
	cJSON_AddNumberToObject(f, "iteration", o->iteration);
	cJSON_AddStringToObject(f, "role", "planner");
	cJSON_AddStringToObject(f, "source", source);
	cJSON_AddStringToObject(f, "text", text);
	cJSON *files = cJSON_AddArrayToObject(f, "files");
	for (size_t i = 0; i < o->plan.nfiles; i++) {
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "path", o->plan.files[i].path);
		cJSON_AddStringToObject(e, "purpose", o->plan.files[i].purpose);
		cJSON_AddNumberToObject(e, "coder", o->owner[i]);
		cJSON_AddItemToArray(files, e);
	}
	if (o->plan.run_command)
		cJSON_AddStringToObject(f, "run_command", o->plan.run_command);
	cJSON_AddItemToObject(f, "notes", cJSON_CreateStringArray((const char *const *)o->plan.notes,
								  (int)o->plan.nnotes));
	orch_record(o, "plan", f, true);
	free(text);
}

/* Takes p over (whatever the outcome). */
int orch_plan_accept(struct orch *o, struct plan *p, const char *source)
{
	char *why = plan_check_paths(o, p);
	if (why) {
		snprintf(o->cause, sizeof o->cause, "the plan was refused: %s", why);
		free(why);
		plan_free(p);
		return -1;
	}
	orch_plan_forget(o);
	o->plan = *p;
	o->have_plan = true;
	o->owner = xcalloc(o->plan.nfiles + 1, sizeof *o->owner);
	plan_share(&o->plan, o->ncoders, o->owner);
	for (size_t i = 0; i < o->plan.nfiles; i++)
		o->owner[i]++; /* coders count from 1 */
	if (o->plan.run_command) {
		free(o->model_command);
		o->model_command = xstrdup(o->plan.run_command);
	}
	record_plan(o, source);
	return 0;
}

static void tell_plan_refused(struct orch *o, bool empty)
{
	if (empty)
		buf_append_str(&o->failure,
			       "Your last answer listed no files. List each file of the project on a "
			       "line of its own as `- path: purpose`, then the interfaces between "
			       "them, then the command that runs the tests in a ```run block.\n");
	else
		buf_printf(&o->failure, "Your plan was refused (%s). Paths must be relative to the "
					"project root and stay inside it; .git is read-only.\n",
			   o->cause);
}

void orch_on_plan_reply(struct orch *o, struct orch_agent *a, const struct msg *m)
{
	const struct gw_result *r = m->payload;
	if (!orch_record_agent_reply(o, a, m))
		return;
	struct plan p;
	plan_parse(r->text ? r->text : "", r->text ? strlen(r->text) : 0, &p);
	buf_reset(&o->failure);
	bool empty = p.nfiles == 0;
	if (orch_plan_accept(o, &p, "planner") < 0) {
		tell_plan_refused(o, empty);
		orch_run_events(o, empty ? EV_REPLY_EMPTY : EV_REFUSED);
		return;
	}
	orch_fire(o, o->review ? EV_PLAN_FOR_REVIEW : EV_PLANNED, "a plan of %zu file%s",
		  o->plan.nfiles, o->plan.nfiles == 1 ? "" : "s");
}

char *orch_plan_text(const struct orch *o)
{
	return o->have_plan ? plan_render(&o->plan) : NULL;
}

int orch_plan_decide(struct orch *o, const char *edited, char **err)
{
	if (o->state != ORCH_REVIEWING_PLAN) {
		*err = xstrdup("no plan waits for a decision");
		return -1;
	}
	if (edited) {
		struct plan p;
		plan_parse(edited, strlen(edited), &p);
		if (orch_plan_accept(o, &p, "user") < 0) {
			*err = xasprintf("%s; fix the plan and save it again (it still waits)",
					 o->cause);
			o->cause[0] = '\0';
			return -1;
		}
	}
	orch_fire(o, EV_ACCEPTED, edited ? "the plan, edited by the user" : "the plan, accepted");
	return 0;
}
