/* stream-tabs: the output pane's tabs when the loop uses agents (planner,
 * coders 1..N, reviewer), without curses so the tab row is unit-tested.
 *
 * Tab 0 is the loop's: the prompts, the loop's state lines, versions, run
 * results and the single-model loop's or plain chat's answers, i.e. the
 * transcript the pane had before agents. Each agent gets a tab when it is
 * first named, with a transcript of its own, so its follow-tail, scroll
 * position and search are its own. Tabs are kept in a fixed order (loop,
 * planner, coder 1..N, reviewer) whatever order the agents appear in. */
#ifndef FAOS_STREAM_TABS_H
#define FAOS_STREAM_TABS_H

#include <stddef.h>

#include "orch/orch.h"
#include "stream-model.h"

struct stream_tab {
	struct orch_agent_id who; /* role ORCH_ROLE_MODEL: the loop's tab */
	struct transcript t;
	int streaming;            /* its agent's request is in flight */
	int unseen;               /* text arrived while another tab was shown */
};

struct stream_tabs {
	struct stream_tab **tab;
	size_t n, cur;
	int shown; /* the tab row is on: the loop uses agents */
};

void stream_tabs_init(struct stream_tabs *ts);
void stream_tabs_free(struct stream_tabs *ts);
/* The tab row shows from now on (a loop with agents started). */
void stream_tabs_show(struct stream_tabs *ts);
/* who's tab, created (and the row shown) when who is an agent seen for
 * the first time; who NULL or role ORCH_ROLE_MODEL: the loop's tab. */
struct stream_tab *stream_tabs_get(struct stream_tabs *ts, const struct orch_agent_id *who);
/* Drops the tabs of agents the next loop does not have: coders above
 * coders, the reviewer unless reviewer; coders < 0: every agent's tab, and
 * the row hides (a loop without agents, another project). The loop's tab
 * stays; the shown tab stays shown if kept, else the loop's is. */
void stream_tabs_prune(struct stream_tabs *ts, int coders, int reviewer);
/* The tab shown, and its transcript. */
struct stream_tab *stream_tabs_current(const struct stream_tabs *ts);
/* Text for who's tab (see transcript_append); marks it unseen when it is
 * not the one shown. */
void stream_tabs_append(struct stream_tabs *ts, const struct orch_agent_id *who,
			enum stream_kind kind, const char *text, size_t len, int fresh);
/* Show tab i (its unseen mark goes). */
void stream_tabs_select(struct stream_tabs *ts, size_t i);
/* The next (dir > 0) or previous tab, wrapping around. */
void stream_tabs_step(struct stream_tabs *ts, int dir);

/* "loop", "planner", "coder 2", "reviewer"; brief: "L", "P", "C2", "R". */
void stream_tab_label(const struct orch_agent_id *who, int brief, char *out, size_t size);
/* The text of tab i in the row: " label " ("[label]" when shown), with
 * "•" after the label when it has unseen output. */
void stream_tabs_cell(const struct stream_tabs *ts, size_t i, int brief, char *out,
		      size_t size);
/* Whether the row needs the brief labels to fit width columns. */
int stream_tabs_brief(const struct stream_tabs *ts, int width);
/* The whole row as text, cells joined by "│", cut to width with "…"; it
 * starts later, after a "…", when the shown tab would not fit. */
void stream_tabs_format(const struct stream_tabs *ts, int width, char *out, size_t size);

#endif
