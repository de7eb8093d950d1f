/* pane-prompt: the multi-line prompt editor. */
#ifndef FAOS_PANE_PROMPT_H
#define FAOS_PANE_PROMPT_H

#include "pane.h"

/* The text typed so far (never NULL) and emptying it after a submit. */
const char *pane_prompt_text(struct pane *p);
void pane_prompt_clear(struct pane *p);

#endif
