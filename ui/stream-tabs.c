/* stream-tabs: the output pane's tabs, one transcript per agent; see
 * stream-tabs.h. The tabs are pointers so a tab inserted in the middle
 * (coder 2 naming itself before coder 1) never moves a transcript whose
 * rows and marks others may be looking at. */
#include "stream-tabs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "wrap.h"

#define UNSEEN_MARK "\xe2\x80\xa2" /* • */
#define SEPARATOR "\xe2\x94\x82"   /* │ */
#define ELLIPSIS "\xe2\x80\xa6"    /* … */

static struct stream_tab *tab_new(const struct orch_agent_id *who)
{
	struct stream_tab *tab = xcalloc(1, sizeof *tab);

	tab->who = *who;
	transcript_init(&tab->t);
	return tab;
}

void stream_tabs_init(struct stream_tabs *ts)
{
	const struct orch_agent_id loop = { ORCH_ROLE_MODEL, 0 };

	memset(ts, 0, sizeof *ts);
	ts->tab = xcalloc(1, sizeof *ts->tab);
	ts->tab[0] = tab_new(&loop);
	ts->n = 1;
}

void stream_tabs_free(struct stream_tabs *ts)
{
	for (size_t i = 0; i < ts->n; i++) {
		transcript_free(&ts->tab[i]->t);
		free(ts->tab[i]);
	}
	free(ts->tab);
	memset(ts, 0, sizeof *ts);
}

void stream_tabs_show(struct stream_tabs *ts)
{
	ts->shown = 1;
}

struct stream_tab *stream_tabs_get(struct stream_tabs *ts, const struct orch_agent_id *who)
{
	size_t at = 0;

	if (who == NULL || who->role == ORCH_ROLE_MODEL)
		return ts->tab[0];
	for (size_t i = 0; i < ts->n; i++) {
		if (ts->tab[i]->who.role == who->role && ts->tab[i]->who.coder == who->coder)
			return ts->tab[i];
		if (orch_agent_before(&ts->tab[i]->who, who))
			at = i + 1;
	}
	ts->tab = xreallocarray(ts->tab, ts->n + 1, sizeof *ts->tab);
	memmove(ts->tab + at + 1, ts->tab + at, (ts->n - at) * sizeof *ts->tab);
	ts->tab[at] = tab_new(who);
	ts->n++;
	if (ts->cur >= at)
		ts->cur++; /* the tab shown stays the one shown */
	ts->shown = 1;
	return ts->tab[at];
}

/* A tab of an agent the next loop does not have. */
static int tab_gone(const struct stream_tab *tab, int coders, int reviewer)
{
	switch (tab->who.role) {
	case ORCH_ROLE_MODEL: return 0;
	case ORCH_ROLE_PLANNER: return coders < 0;
	case ORCH_ROLE_CODER: return coders < 0 || tab->who.coder > coders;
	case ORCH_ROLE_REVIEWER: return coders < 0 || !reviewer;
	}
	return 1;
}

void stream_tabs_prune(struct stream_tabs *ts, int coders, int reviewer)
{
	struct stream_tab *shown = ts->tab[ts->cur];
	size_t kept = 0;

	ts->cur = 0;
	for (size_t i = 0; i < ts->n; i++) {
		struct stream_tab *tab = ts->tab[i];
		if (tab_gone(tab, coders, reviewer)) {
			transcript_free(&tab->t);
			free(tab);
			continue;
		}
		if (tab == shown)
			ts->cur = kept;
		ts->tab[kept++] = tab;
	}
	ts->n = kept;
	ts->shown = coders >= 0;
}

struct stream_tab *stream_tabs_current(const struct stream_tabs *ts)
{
	return ts->tab[ts->cur];
}

void stream_tabs_append(struct stream_tabs *ts, const struct orch_agent_id *who,
			enum stream_kind kind, const char *text, size_t len, int fresh)
{
	struct stream_tab *tab = stream_tabs_get(ts, who);

	transcript_append(&tab->t, kind, text, len, fresh);
	if (tab != stream_tabs_current(ts))
		tab->unseen = 1;
}

void stream_tabs_select(struct stream_tabs *ts, size_t i)
{
	if (i >= ts->n)
		return;
	ts->cur = i;
	ts->tab[i]->unseen = 0;
}

void stream_tabs_step(struct stream_tabs *ts, int dir)
{
	stream_tabs_select(ts, (ts->cur + ts->n + (dir > 0 ? 1 : ts->n - 1)) % ts->n);
}

void stream_tab_label(const struct orch_agent_id *who, int brief, char *out, size_t size)
{
	if (who->role == ORCH_ROLE_MODEL) /* the loop's own tab */
		snprintf(out, size, "%s", brief ? "L" : "loop");
	else
		orch_agent_label(who, brief, out, size);
}

void stream_tabs_cell(const struct stream_tabs *ts, size_t i, int brief, char *out, size_t size)
{
	char label[32];
	int shown = i == ts->cur;

	stream_tab_label(&ts->tab[i]->who, brief, label, sizeof label);
	snprintf(out, size, "%s%s%s%s", shown ? "[" : " ", label,
		 ts->tab[i]->unseen && !shown ? UNSEEN_MARK : "", shown ? "]" : " ");
}

/* Columns of the row with full (brief 0) or brief labels. */
static int row_width(const struct stream_tabs *ts, int brief)
{
	char cell[64];
	int w = 0;

	for (size_t i = 0; i < ts->n; i++) {
		stream_tabs_cell(ts, i, brief, cell, sizeof cell);
		w += wrap_width(cell, strlen(cell)) + (i > 0);
	}
	return w;
}

int stream_tabs_brief(const struct stream_tabs *ts, int width)
{
	return row_width(ts, 0) > width;
}

/* The first tab the row starts with: 0, or later so the shown tab fits
 * (then "…" leads). */
static size_t row_start(const struct stream_tabs *ts, int brief, int width)
{
	char cell[64];
	int used = 0;

	for (size_t i = ts->cur + 1; i-- > 0;) {
		stream_tabs_cell(ts, i, brief, cell, sizeof cell);
		used += wrap_width(cell, strlen(cell)) + 1;
		if (used + (i > 0 ? 1 : 0) > width)
			return i < ts->cur ? i + 1 : ts->cur;
	}
	return 0;
}

void stream_tabs_format(const struct stream_tabs *ts, int width, char *out, size_t size)
{
	int brief = stream_tabs_brief(ts, width), used = 0;
	size_t len = 0, from = row_start(ts, brief, width);
	char cell[64];

	out[0] = '\0';
	if (from > 0 && size > sizeof ELLIPSIS) {
		memcpy(out, ELLIPSIS, sizeof ELLIPSIS);
		len = strlen(ELLIPSIS);
		used = 1;
	}
	for (size_t i = from; i < ts->n; i++) {
		char piece[80];
		stream_tabs_cell(ts, i, brief, cell, sizeof cell);
		snprintf(piece, sizeof piece, "%s%s", i > 0 ? SEPARATOR : "", cell);
		int w = wrap_width(piece, strlen(piece));
		if (used + w > width || len + strlen(piece) + sizeof ELLIPSIS > size) {
			/* Cut: say so in the last column there is. */
			if (used >= width && len > 0)
				while (len > 0 && (out[--len] & 0xc0) == 0x80)
					;
			snprintf(out + len, size - len, "%s", ELLIPSIS);
			return;
		}
		memcpy(out + len, piece, strlen(piece) + 1);
		len += strlen(piece);
		used += w;
	}
}
