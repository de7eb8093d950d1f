/* critique: the reviewer's step of a multi-agent loop. After the coders'
 * change is written (a version), CRITIQUE shows the reviewer the plan, the
 * change as a diff against the version before it, and the result of the
 * last run; the answer's verdict decides: APPROVE lets the run proceed,
 * REQUEST CHANGES sends each comment to the coder that owns its file (the
 * comments on no coder's file to all of them) and counts against the
 * budget like a failed run. A verdict that is neither is taken as a
 * request for changes: nothing unapproved runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "gateway/result.h"
#include "orch/critique.h"
#include "orch/orch-int.h"

int orch_act_critique(struct orch *o)
{
	struct orch_agent *reviewer = orch_agent(o, ORCH_ROLE_REVIEWER, 0);
	int latest = store_project(o->store)->latest;
	struct buf diff = BUF_INIT;
	char *err = NULL, *plan = plan_render(&o->plan), version[16];
	if (!o->wrote_last) /* the coders changed nothing: the version as it is */
		buf_printf(&diff, "(nothing changed since; this is version %d's change)\n", latest);
	if (latest > 0 && store_diff(o->store, latest - 1, latest, &diff, &err) < 0) {
		buf_printf(&diff, "(the diff could not be made: %s)\n", err);
		free(err);
	}
	snprintf(version, sizeof version, "%d", latest);
	const struct tpl_var vars[] = {
		{ "plan", plan }, { "diff", diff.len ? diff.data : "(no change)\n" },
		{ "run_result", o->last_run ? o->last_run : "" }, { "version", version },
	};
	int rc = orch_agent_ask(o, reviewer, vars, sizeof vars / sizeof *vars, NULL, NULL);
	free(plan);
	buf_free(&diff);
	if (rc < 0)
		return EV_GATEWAY_FAILED;
	orch_agents_pump(o);
	return -1;
}

/* The files a comment may name: the plan's and the latest version's. */
static char **known_paths(struct orch *o, size_t *n)
{
	struct store_version v;
	char *err = NULL;
	char **paths = NULL;
	*n = 0;
	if (store_version_load(o->store, store_project(o->store)->latest, &v, &err) < 0) {
		free(err);
		memset(&v, 0, sizeof v);
	}
	paths = xcalloc(o->plan.nfiles + v.nfiles + 1, sizeof *paths);
	for (size_t i = 0; i < o->plan.nfiles; i++)
		paths[(*n)++] = xstrdup(o->plan.files[i].path);
	for (size_t i = 0; i < v.nfiles; i++)
		paths[(*n)++] = xstrdup(v.files[i].path);
	store_version_free(&v);
	return paths;
}

static cJSON *comments_json(const struct critique *c)
{
	cJSON *list = cJSON_CreateArray();
	for (size_t i = 0; i < c->ncomments; i++) {
		cJSON *e = cJSON_CreateObject();
		if (c->comments[i].path)
			cJSON_AddStringToObject(e, "path", c->comments[i].path);
		else
			cJSON_AddNullToObject(e, "path");
		cJSON_AddNumberToObject(e, "line", (double)c->comments[i].line);
		cJSON_AddStringToObject(e, "text", c->comments[i].text);
		cJSON_AddItemToArray(list, e);
	}
	return list;
}

static void tell_coder(struct orch *o, int k, const char *path, long line, const char *text)
{
	struct orch_agent *a = orch_agent(o, ORCH_ROLE_CODER, k);
	if (!a)
		return;
	if (path && line)
		buf_printf(&a->feedback, "- %s line %ld: %s\n", path, line, text);
	else if (path)
		buf_printf(&a->feedback, "- %s: %s\n", path, text);
	else
		buf_printf(&a->feedback, "- %s\n", text);
}

/* Each comment to its file's coder; the others to every coder with files. */
void orch_route_comments(struct orch *o, const cJSON *comments)
{
	const cJSON *c;
	cJSON_ArrayForEach(c, comments) {
		const cJSON *p = cJSON_GetObjectItemCaseSensitive(c, "path");
		const char *path = cJSON_IsString(p) ? p->valuestring : NULL;
		long line = (long)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(c, "line"));
		const cJSON *t = cJSON_GetObjectItemCaseSensitive(c, "text");
		const char *text = cJSON_IsString(t) ? t->valuestring : "";
		int owner = path ? orch_plan_owner(o, path) : 0;
		for (int k = 1; k <= o->ncoders; k++)
			if (owner ? k == owner : orch_coder_has_share(o, k))
				tell_coder(o, k, path, line, text);
	}
}

static void record_critique(struct orch *o, const struct critique *c, const char *text,
			    cJSON **comments)
{
	cJSON *f = cJSON_CreateObject();
	cJSON_AddNumberToObject(f, "iteration", o->iteration);
	cJSON_AddStringToObject(f, "role", "reviewer");
	cJSON_AddNumberToObject(f, "version", store_project(o->store)->latest);
	cJSON_AddStringToObject(f, "verdict", critique_verdict_name(c->verdict));
	cJSON_AddItemToObject(f, "comments", comments_json(c));
	cJSON_AddStringToObject(f, "text", text);
	*comments = cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(f, "comments"), 1);
	orch_record(o, "critique", f, true);
}

void orch_on_critique(struct orch *o, struct orch_agent *a, const struct msg *m)
{
	const struct gw_result *r = m->payload;
	if (!orch_record_agent_reply(o, a, m))
		return;
	const char *text = r->text ? r->text : "";
	size_t npaths;
	char **paths = known_paths(o, &npaths);
	struct critique c;
	cJSON *comments;
	critique_parse(text, strlen(text), paths, npaths, &c);
	record_critique(o, &c, text, &comments);
	enum critique_verdict verdict = c.verdict;
	size_t n = c.ncomments;
	critique_free(&c);
	for (size_t i = 0; i < npaths; i++)
		free(paths[i]);
	free(paths);
	if (verdict == CRITIQUE_APPROVE) {
		cJSON_Delete(comments);
		if (orch_choose_command(o) < 0)
			orch_run_events(o, EV_NO_RUN_COMMAND);
		else
			orch_fire(o, EV_APPROVED, "the reviewer approved version %d",
				  store_project(o->store)->latest);
		return;
	}
	orch_route_comments(o, comments);
	cJSON_Delete(comments);
	if (n == 0) /* changes without a word on what: the whole answer to all */
		for (int k = 1; k <= o->ncoders; k++)
			if (orch_coder_has_share(o, k))
				tell_coder(o, k, NULL, 0, text);
	orch_fire(o, EV_CHANGES_REQUESTED, "the reviewer %s (%zu comment%s)",
		  verdict == CRITIQUE_CHANGES ? "requested changes" :
						"said neither APPROVE nor REQUEST CHANGES",
		  n, n == 1 ? "" : "s");
}
