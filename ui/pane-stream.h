/* pane-stream: the transcript of prompts and streamed answers. */
#ifndef FAOS_PANE_STREAM_H
#define FAOS_PANE_STREAM_H

#include <stddef.h>

#include "pane.h"

enum stream_kind { STREAM_PROMPT, STREAM_ANSWER, STREAM_REASONING, STREAM_NOTE, STREAM_ERROR };

/* Untrusted text is sanitised here; it may arrive split anywhere. A new
 * entry starts when kind differs from the last entry's or when fresh is set. */
void pane_stream_append(struct pane *p, enum stream_kind kind, const char *text, size_t len,
			int fresh);
/* Scroll by pages (negative: up); 0 pages returns to following the tail. */
void pane_stream_scroll(struct pane *p, int pages);

#endif
