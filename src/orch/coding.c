/* coding: the coders' step of a multi-agent loop. CODE asks each coder
 * for its share of the plan's files, in parallel (the pump keeps each
 * endpoint within its concurrency); the answers are journaled as they
 * arrive, so a completed coder's work survives a crash or a cancel; when
 * every coder of the round has answered, the answers are merged into one
 * reply, which then goes the single loop's way (review, apply).
 *
 * Who is asked: every coder with files on the first round after a plan,
 * after a failed run or with the user's feedback; after a review, only
 * the coders the reviewer's comments concern. */
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

/* A coder is asked again when the reviewer spoke of its files, or on
 * everyone's turn; resumed, one that answered this round is not. */
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
	bool everyone = !o->coded || o->recode_all || o->feedback.len;
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
	if (rc < 0)
		return EV_GATEWAY_FAILED;
	bool resumed = o->resuming;
	o->resuming = false;
	o->coded = true;
	o->recode_all = false;
	buf_reset(&o->feedback); /* told once; the journal keeps it */
	if (asked == 0 && !resumed) { /* comments on no coder's file: everyone */
		o->coded = false;
		return orch_act_code(o);
	}
	if (asked == 0)
		return orch_code_merge(o);
	orch_agents_pump(o);
	return -1;
}

int orch_plan_owner(const struct orch *o, const char *path)
{
	char *why = NULL, *norm = pathguard_normalise(path, &why);
	int owner = 0;
	for (size_t i = 0; norm && i < o->plan.nfiles && !owner; i++) {
		char *p = pathguard_normalise(o->plan.files[i].path, &why);
		if (p && strcmp(p, norm) == 0)
			owner = o->owner[i];
		free(p);
		free(why);
		why = NULL;
	}
	free(why);
	free(norm);
	return owner;
}

static bool same_path(const char *a, const char *b)
{
	char *why = NULL, *na = pathguard_normalise(a, &why);
	free(why);
	why = NULL;
	char *nb = pathguard_normalise(b, &why);
	free(why);
	bool same = na && nb ? strcmp(na, nb) == 0 : strcmp(a, b) == 0;
	free(na);
	free(nb);
	return same;
}

static bool already_written(const struct reply *merged, const char *path)
{
	for (size_t i = 0; i < merged->nchanges; i++)
		if (same_path(merged->changes[i].path, path))
			return true;
	return false;
}

/* Moves coder k's usable changes into merged; what is left out is told. */
static void take_changes(struct orch *o, int k, bool cut, struct reply *r, struct reply *merged)
{
	for (size_t i = 0; i < r->nchanges; i++) {
		struct reply_change *c = &r->changes[i];
		int owner = orch_plan_owner(o, c->path);
		const char *why = NULL;
		if (c->unterminated && cut)
			why = "was cut off (the answer reached its length limit): give it again";
		else if (owner && owner != k)
			why = "belongs to another coder's share: left out";
		else if (already_written(merged, c->path))
			why = "was written by another coder too: left out";
		if (why) {
			buf_printf(&o->failure, "Coder %d: %s %s.\n", k, c->path, why);
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
		o->recode_all = true;
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
	a->cut = !r->complete || strcmp(r->finish_reason, "length") == 0;
	if (!round_answered(o))
		return;
	int ev = orch_code_merge(o);
	orch_run_events(o, (enum orch_event)ev);
}
