/* pane-stream: the output pane, the transcript of prompts and streamed
 * answers (the model behind it is stream-model.h). */
#ifndef FAOS_PANE_STREAM_H
#define FAOS_PANE_STREAM_H

#include <stddef.h>

#include "pane.h"
#include "stream-model.h"

/* Untrusted text is sanitised here; it may arrive split anywhere. A new
 * entry starts when kind differs from the last entry's or when fresh is set. */
void pane_stream_append(struct pane *p, enum stream_kind kind, const char *text, size_t len,
			int fresh);
/* Scroll by pages (negative: up); 0 pages returns to following the tail. */
void pane_stream_scroll(struct pane *p, int pages);
/* The answer is complete (done, failed or cancelled): the last entry gets
 * no more text, and a reasoning fold stops saying "so far". */
void pane_stream_end(struct pane *p);

#endif
