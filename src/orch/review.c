/* review: approval: review. A reply stops in REVIEWING (the PRESENT action
 * journals a "review" event the front-end answers by showing the files);
 * the user's decision comes back through orch_review_decide: the files
 * kept are applied as any reply, the others are dropped from it and the
 * model is told; a comment, or nothing kept, sends the reply back as
 * feedback and counts against the budget like a failed run. */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "orch/apply.h"
#include "orch/orch-int.h"

void orch_set_review(struct orch *o, bool review)
{
	o->review = review;
}

bool orch_reviewing(const struct orch *o)
{
	return o->state == ORCH_REVIEWING && o->have_reply;
}

void orch_review_forget(struct orch *o)
{
	apply_preview_free(o->preview, o->npreview);
	o->preview = NULL;
	o->npreview = 0;
}

/* What the reply would do is worked out once, here: a reply that would be
 * refused needs no review (APPLY refuses it and the model hears why), and
 * one that would not is what orch_pending hands to the front-end. */
int orch_act_present(struct orch *o)
{
	const struct apply_limits lim = APPLY_LIMITS_DEFAULT;
	struct apply_report rep;

	orch_review_forget(o);
	if (apply_preview(store_project(o->store)->workspace, &o->reply, &lim, &o->preview,
			  &o->npreview, &rep) < 0) {
		snprintf(o->cause, sizeof o->cause, "no review: the reply would be refused (%s)",
			 rep.nrefused ? rep.refused[0] : "it cannot be applied");
		apply_report_free(&rep);
		return EV_ACCEPTED;
	}
	apply_report_free(&rep);
	cJSON *f = cJSON_CreateObject(), *paths = cJSON_AddArrayToObject(f, "paths");
	cJSON_AddNumberToObject(f, "iteration", o->iteration);
	for (size_t i = 0; i < o->npreview; i++)
		cJSON_AddItemToArray(paths, cJSON_CreateString(o->preview[i].path));
	if (o->reply.run_command)
		cJSON_AddStringToObject(f, "run_command", o->reply.run_command);
	orch_record(o, "review", f, true);
	return -1; /* the user answers */
}

int orch_pending(struct orch *o, struct orch_pending **out, size_t *n, char **err)
{
	*out = NULL;
	*n = 0;
	if (!orch_reviewing(o) || o->preview == NULL) {
		*err = xstrdup("no reply is waiting for review");
		return -1;
	}
	const struct apply_preview *v = o->preview;
	*out = xcalloc(o->npreview ? o->npreview : 1, sizeof **out);
	for (size_t i = 0; i < o->npreview; i++) {
		(*out)[i] = (struct orch_pending){
			.path = xstrdup(v[i].path),
			.old_text = xmemdup(v[i].before.data ? v[i].before.data : "", v[i].before.len),
			.old_len = v[i].before.len,
			.old_exists = v[i].existed,
			.new_text = xmemdup(v[i].after.data ? v[i].after.data : "", v[i].after.len),
			.new_len = v[i].after.len,
			.new_exists = !v[i].del,
		};
	}
	*n = o->npreview;
	return 0;
}

void orch_pending_free(struct orch_pending *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p[i].path);
		free(p[i].old_text);
		free(p[i].new_text);
	}
	free(p);
}

/* Is the change's path (as the model wrote it) one of the kept ones? */
static bool change_kept(const char *workspace, const struct reply_change *c, char *const *kept,
			size_t nkept)
{
	char *why = NULL, *res = apply_check_path(workspace, c->path, &why);
	bool found = false;

	for (size_t i = 0; res && i < nkept && !found; i++)
		found = strcmp(res, kept[i]) == 0;
	free(res);
	free(why);
	return found;
}

/* Drops the changes to files not kept from the reply; returns how many
 * changes are left. */
static size_t keep_only(struct orch *o, char *const *kept, size_t nkept)
{
	const char *ws = store_project(o->store)->workspace;
	struct reply *r = &o->reply;
	size_t left = 0;

	for (size_t i = 0; i < r->nchanges; i++) {
		if (change_kept(ws, &r->changes[i], kept, nkept)) {
			r->changes[left++] = r->changes[i];
			continue;
		}
		reply_change_free(&r->changes[i]);
	}
	r->nchanges = left;
	return left;
}

static void record_decision(struct orch *o, char *const *kept, size_t nkept,
			    char *const *dropped, size_t ndropped, const char *comment)
{
	cJSON *f = cJSON_CreateObject();
	cJSON *k = cJSON_AddArrayToObject(f, "accepted"), *d = cJSON_AddArrayToObject(f, "rejected");
	for (size_t i = 0; i < nkept; i++)
		cJSON_AddItemToArray(k, cJSON_CreateString(kept[i]));
	for (size_t i = 0; i < ndropped; i++)
		cJSON_AddItemToArray(d, cJSON_CreateString(dropped[i]));
	if (comment)
		cJSON_AddStringToObject(f, "comment", comment);
	orch_record(o, "review_decision", f, true);
}

void orch_review_decide(struct orch *o, char *const *kept, size_t nkept, char *const *dropped,
			size_t ndropped, const char *comment)
{
	if (!orch_reviewing(o))
		return;
	if (comment && !comment[strspn(comment, " \t\n")])
		comment = NULL;
	record_decision(o, kept, nkept, dropped, ndropped, comment);
	orch_review_forget(o);
	size_t left = comment ? 0 : kept ? keep_only(o, kept, nkept) : o->reply.nchanges;
	if (!kept)
		nkept = left;
	if (comment || (left == 0 && !o->reply.run_command)) {
		o->passed = false;
		buf_reset(&o->failure);
		buf_append_str(&o->failure, "The user reviewed your last answer and sent it back: "
					    "nothing of it was applied.\n");
		if (comment)
			orch_feedback(o, comment);
		orch_fire(o, EV_REJECTED, "%s", comment ? "sent back by the user with a comment"
							: "every file rejected by the user");
		return;
	}
	if (ndropped) {
		struct buf b = BUF_INIT;
		buf_append_str(&b, "The user rejected your changes to");
		for (size_t i = 0; i < ndropped; i++)
			buf_printf(&b, "%s %s", i ? "," : "", dropped[i]);
		buf_append_str(&b, "; they were not applied.");
		orch_feedback(o, b.data);
		buf_free(&b);
	}
	orch_fire(o, EV_ACCEPTED, "accepted by the user (%zu of %zu file%s)", nkept, nkept + ndropped,
		  nkept + ndropped == 1 ? "" : "s");
}
