/* pane-stream: the output pane, the transcript of prompts and streamed
 * answers (the model behind it is stream-model.h). */
#ifndef FAOS_PANE_STREAM_H
#define FAOS_PANE_STREAM_H

#include <stddef.h>

#include "orch/orch.h"
#include "pane.h"
#include "stream-model.h"

/* The loop's transcript (the only one without agents; with them, the
 * first tab's). Untrusted text is sanitised here; it may arrive split anywhere. A new
 * entry starts when kind differs from the last entry's or when fresh is set. */
void pane_stream_append(struct pane *p, enum stream_kind kind, const char *text, size_t len,
			int fresh);
/* Scroll by pages (negative: up); 0 pages returns to following the tail. */
void pane_stream_scroll(struct pane *p, int pages);
/* The answer is complete (done, failed or cancelled): the last entry gets
 * no more text, and a reasoning fold stops saying "so far". */
void pane_stream_end(struct pane *p);

/* Agents (stream-tabs.h): one tab per agent with a transcript of its own.
 * The tab row shows from the first agent on, or from this call (a loop
 * with agents started). */
void pane_stream_tabs_show(struct pane *p);
/* See stream_tabs_prune. */
void pane_stream_tabs_prune(struct pane *p, int coders, int reviewer);
int pane_stream_tabs_shown(const struct pane *p);
/* Text for who's tab, created when who is first named; who NULL or the
 * model: the loop's transcript, as pane_stream_append. */
void pane_stream_agent_append(struct pane *p, const struct orch_agent_id *who,
			      enum stream_kind kind, const char *text, size_t len, int fresh);
/* who's reply is complete (see pane_stream_end). */
void pane_stream_agent_end(struct pane *p, const struct orch_agent_id *who);
/* Whether who's request is in flight. */
void pane_stream_agent_streaming(struct pane *p, const struct orch_agent_id *who, int streaming);
/* Show who's tab. */
void pane_stream_agent_select(struct pane *p, const struct orch_agent_id *who);

#endif
