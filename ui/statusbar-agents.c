/* statusbar-agents: the status line's part for a loop with agents, one
 * short item per agent in the order planner, coders, reviewer:
 *
 *   P✓ C1 38t/s C2 queued R…
 *
 * A state is always a character or a word, never only a colour (the line
 * is one colour anyway). The tokens/s of an agent that streams is counted
 * here from its tokens, as the request's tok/s is, because with coders in
 * parallel the request figures of the status line mix several streams.
 * The compact form (one character per state, no figures) is what is left
 * on a narrow terminal before the part is dropped whole. */
#include "statusbar.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"

static const struct {
	const char *event; /* the "agent" event's status */
	const char *full;  /* after the name; NULL: the figures or "…" */
	const char *compact;
} states[] = {
	[AGENT_QUEUED] = { "queued", " queued", "\xc2\xb7" },     /* · */
	[AGENT_ASKING] = { "asking", NULL, "\xe2\x80\xa6" },      /* … or ▸ */
	[AGENT_DONE] = { "done", "\xe2\x9c\x93", "\xe2\x9c\x93" }, /* ✓ */
	[AGENT_FAILED] = { "failed", "\xe2\x9c\x97", "\xe2\x9c\x97" }, /* ✗ */
	[AGENT_CANCELLED] = { "cancelled", " cancelled", "-" },
};

/* who's entry, added in its place when new; NULL when there is no room
 * (more agents than anyone runs) or who is no agent. */
static struct status_agent *agent_get(struct status *s, const struct orch_agent_id *who)
{
	int at = 0;

	if (who == NULL || who->role == ORCH_ROLE_MODEL)
		return NULL;
	for (int i = 0; i < s->nagents; i++) {
		if (s->agent[i].who.role == who->role && s->agent[i].who.coder == who->coder)
			return &s->agent[i];
		if (orch_agent_before(&s->agent[i].who, who))
			at = i + 1;
	}
	if (s->nagents == STATUS_AGENTS)
		return NULL;
	memmove(&s->agent[at + 1], &s->agent[at], (size_t)(s->nagents - at) * sizeof s->agent[0]);
	s->nagents++;
	memset(&s->agent[at], 0, sizeof s->agent[at]);
	s->agent[at].who = *who;
	s->agent[at].tokens_per_s = -1;
	return &s->agent[at];
}

void status_agent_set(struct status *s, const struct orch_agent_id *who, const char *status)
{
	for (size_t k = 0; k < sizeof states / sizeof states[0]; k++) {
		if (strcmp(status, states[k].event) != 0)
			continue;
		struct status_agent *ag = agent_get(s, who);
		if (ag == NULL)
			return;
		if (k == AGENT_ASKING && ag->state != AGENT_ASKING) { /* a new request */
			ag->t_first = ag->t_last = 0;
			ag->pieces = 0;
			ag->tokens_per_s = -1;
		}
		ag->state = (enum agent_state)k;
		s->dirty = 1;
		return;
	}
}

void status_agent_token(struct status *s, const struct orch_agent_id *who, double now)
{
	struct status_agent *ag = agent_get(s, who);

	if (ag == NULL)
		return;
	if (ag->t_first == 0)
		ag->t_first = now;
	ag->t_last = now;
	ag->pieces++;
	ag->state = AGENT_ASKING; /* tokens come only from a request in flight */
	s->dirty = 1;
}

void status_agent_usage(struct status *s, const struct orch_agent_id *who, double tokens_per_s)
{
	struct status_agent *ag = agent_get(s, who);

	if (ag == NULL)
		return;
	ag->tokens_per_s = tokens_per_s;
	s->dirty = 1;
}

void status_agents_clear(struct status *s)
{
	s->nagents = 0;
	s->dirty = 1;
}

static void agent_item(const struct status_agent *ag, double now, int compact, struct buf *b)
{
	char name[16];
	int streams = ag->state == AGENT_ASKING && (ag->pieces > 0 || ag->tokens_per_s >= 0);

	orch_agent_label(&ag->who, 1, name, sizeof name);
	buf_printf(b, "%s%s", b->len ? " " : "", name);
	if (compact)
		buf_append_str(b, streams ? "\xe2\x96\xb8" /* ▸ */ : states[ag->state].compact);
	else if (states[ag->state].full)
		buf_append_str(b, states[ag->state].full);
	else if (!streams)
		buf_append_str(b, "\xe2\x80\xa6");
	else if (ag->tokens_per_s >= 0)
		buf_printf(b, " %.0ft/s", ag->tokens_per_s);
	else
		buf_printf(b, " %.0ft/s",
			   now > ag->t_first ? (double)ag->pieces * 1e3 / (now - ag->t_first) : 0.0);
}

void status_agents_format(const struct status *s, double now, int compact, char *out,
			  size_t size)
{
	struct buf b = BUF_INIT;

	for (int i = 0; i < s->nagents; i++)
		agent_item(&s->agent[i], now, compact, &b);
	snprintf(out, size, "%s", b.data ? b.data : "");
	buf_free(&b);
}
