/* coding: the coders' step of a multi-agent loop. CODE asks each coder
 * for its share of the plan's files, in parallel (the pump keeps each
 * endpoint within its concurrency); the answers are journaled as they
 * arrive, so a completed coder's work survives a crash or a cancel; when
 * every coder of the round has answered, the answers are merged into one
 * reply, which then goes the single loop's way (review, apply).
 *
 * Who is asked: after a review, only the coders the reviewer's comments
 * concern; else (a new plan, a failed run, the user's feedback) every
 * coder with files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "gateway/result.h"
#include "orch/orch-int.h"
#include "orch/pathguard.h"

/* "- path: purpose" lines of coder k's files. */
static char *share_of(const struct orch *o, int k)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < o->plan.nfiles; i++)
		if (o->owner[i] == k)
			buf_printf(&b, "- %s: %s\n", o->plan.files[i].path, o->plan.files[i].purpose);
	return b.len ? buf_steal(&b) : NULL;
}

static int ask_coder(struct orch *o, struct orch_agent *a, const char *plan, const char *share)
{
	char k[16], n[16];
	snprintf(k, sizeof k, "%d", a->id.coder);
	snprintf(n, sizeof n, "%d", o->ncoders);
	const struct tpl_var vars[] = {
		{ "plan", plan }, { "share", share }, { "coder", k }, { "coders", n },
	};
	struct buf feedback = BUF_INIT;
	if (o->feedback.len)
		buf_printf(&feedback, "%s\n", o->feedback.data);
	if (a->feedback.len)
		buf_printf(&feedback, "The reviewer's comments on your files:\n%s", a->feedback.data);
	int rc = orch_agent_ask(o, a, vars, sizeof vars / sizeof *vars, o->failure.data,
				feedback.data);
	buf_free(&feedback);
	buf_reset(&a->feedback);
	a->in_round = rc == 0;
	return rc;
}

bool orch_coder_has_share(const struct orch *o, int k)
{
	for (size_t i = 0; o->have_plan && i < o->plan.nfiles; i++)
		if (o->owner[i] == k)
			return true;
	return false;
}

/* The reviewer's comments are waiting for some coder. */
static bool comments_waiting(const struct orch *o)
{
	for (size_t i = 0; i < o->nagents; i++)
		if (o->agents[i].feedback.len)
			return true;
	return false;
}

/* Who this round asks. Resumed, the coders of the cut-off round that had
 * not answered. After a review, only the coders with comments on their
 * files. Else (a new plan, a failed run, a refusal, nothing usable, the
 * user's feedback) every coder with files. */
static bool coder_asked(const struct orch *o, const struct orch_agent *a, bool everyone)
{
	if (o->resuming)
		return a->in_round && !a->answer;
	return everyone || a->feedback.len;
}

static bool round_has_coders(const struct orch *o)
{
	for (size_t i = 0; i < o->nagents; i++)
		if (o->agents[i].in_round)
			return true;
	return false;
}

int orch_act_code(struct orch *o)
{
	if (o->resuming && !round_has_coders(o))
		o->resuming = false; /* cut off before anyone was asked: a new round */
	bool everyone = o->feedback.len || !comments_waiting(o);
	char *plan = plan_render(&o->plan);
	int asked = 0, rc = 0;
	o->passed = false;
	for (int k = 1; k <= o->ncoders && rc == 0; k++) {
		struct orch_agent *a = orch_agent(o, ORCH_ROLE_CODER, k);
		char *share = share_of(o, k);
		if (share && coder_asked(o, a, everyone)) {
			rc = ask_coder(o, a, plan, share);
			asked += rc == 0;
		} else {
			if (!o->resuming || !a->answer)
				a->in_round = false;
			buf_reset(&a->feedback); /* not asked: nothing of it is current */
		}
		free(share);
	}
	free(plan);
	o->resuming = false;
	if (rc < 0)
		return EV_GATEWAY_FAILED;
	buf_reset(&o->feedback); /* told once; the journal keeps it */
	if (asked == 0) /* resumed with every answer in: merge them */
		return orch_code_merge(o);
	orch_agents_pump(o);
	return -1;
}

int orch_plan_owner(const struct orch *o, const char *path)
{
	char *why = NULL, *norm = pathguard_normalise(path, &why);
	int owner = 0;
	/* The plan's paths were normalised when it was accepted. */
	for (size_t i = 0; norm && i < o->plan.nfiles && !owner; i++)
		if (strcmp(o->plan.files[i].path, norm) == 0)
			owner = o->owner[i];
	free(why);
	free(norm);
	return owner;
}

static bool already_written(const struct reply *merged, const char *norm)
{
	for (size_t i = 0; i < merged->nchanges; i++)
		if (strcmp(merged->changes[i].path, norm) == 0)
			return true;
	return false;
}

/* Moves coder k's usable changes into merged, their paths normalised (a
 * path the guards refuse stays as written: APPLY refuses it and tells);
 * what is left out is told. */
static void take_changes(struct orch *o, int k, bool cut, struct reply *r, struct reply *merged)
{
	char who[32];
	snprintf(who, sizeof who, "Coder %d: ", k);
	if (cut)
		orch_drop_cut_blocks(r, &o->failure, who);
	for (size_t i = 0; i < r->nchanges; i++) {
		struct reply_change *c = &r->changes[i];
		char *why_not = NULL, *norm = pathguard_normalise(c->path, &why_not);
		free(why_not);
		if (norm) {
			free(c->path);
			c->path = norm;
		}
		int owner = orch_plan_owner(o, c->path);
		const char *why = owner && owner != k ? "belongs to another coder's share" :
				  already_written(merged, c->path) ? "was written by another coder too" :
				  NULL;
		if (why) {
			buf_printf(&o->failure, "%s%s %s: left out.\n", who, c->path, why);
			orch_notice(o, "%s%s %s: left out", who, c->path, why);
			reply_change_free(c);
			continue;
		}
		merged->changes = xreallocarray(merged->changes, merged->nchanges + 1,
						sizeof *merged->changes);
		merged->changes[merged->nchanges++] = *c;
	}
	r->nchanges = 0;
	if (r->run_command && !merged->run_command) {
		merged->run_command = r->run_command;
		r->run_command = NULL;
	}
}

int orch_code_merge(struct orch *o)
{
	struct reply merged = { 0 };
	struct buf explanation = BUF_INIT;
	if (o->have_reply)
		reply_free(&o->reply);
	buf_reset(&o->failure);
	for (int k = 1; k <= o->ncoders; k++) {
		struct orch_agent *a = orch_agent(o, ORCH_ROLE_CODER, k);
		if (!a->in_round || !a->answer)
			continue;
		struct reply r;
		reply_parse(a->answer, strlen(a->answer), &r);
		take_changes(o, k, a->cut, &r, &merged);
		if (r.explanation[0])
			buf_printf(&explanation, "%scoder %d: %s", explanation.len ? "\n" : "", k,
				   r.explanation);
		reply_free(&r);
		a->in_round = false;
	}
	merged.explanation = explanation.len ? buf_steal(&explanation) : xstrdup("");
	merged.thinking = xstrdup("");
	o->reply = merged;
	o->have_reply = true;
	if (o->reply.nchanges == 0 && !o->reply.run_command) {
		buf_append_str(&o->failure,
			       "Your last answers had no usable block: no file was written. Give each "
			       "file of your share as its path on a line of its own followed by a "
			       "fenced code block with the whole file.\n");
		snprintf(o->cause, sizeof o->cause, "the coders' answers had no file block");
		return EV_REPLY_EMPTY;
	}
	snprintf(o->cause, sizeof o->cause, "%zu change%s from the coders", o->reply.nchanges,
		 o->reply.nchanges == 1 ? "" : "s");
	return o->review ? EV_REVIEW : EV_REPLY;
}

static bool round_answered(struct orch *o)
{
	for (int k = 1; k <= o->ncoders; k++) {
		const struct orch_agent *a = orch_agent(o, ORCH_ROLE_CODER, k);
		if (a->in_round && !a->answer)
			return false;
	}
	return true;
}

void orch_on_code_reply(struct orch *o, struct orch_agent *a, const struct msg *m)
{
	const struct gw_result *r = m->payload;
	if (!orch_record_agent_reply(o, a, m))
		return;
	a->answer = xstrdup(r->text ? r->text : "");
	a->cut = gw_result_cut_short(r);
	if (!round_answered(o))
		return;
	int ev = orch_code_merge(o);
	orch_run_events(o, (enum orch_event)ev);
}
