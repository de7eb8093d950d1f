/* pane-prompt: the multi-line prompt editor. */
#ifndef FAOS_PANE_PROMPT_H
#define FAOS_PANE_PROMPT_H

#include "pane.h"

/* The text typed so far (never NULL); a history search in progress is
 * accepted first, so this is the text on the screen. */
const char *pane_prompt_text(struct pane *p);
/* Empties the editor (its undo too) without recording anything. */
void pane_prompt_clear(struct pane *p);
/* After the text was sent: records it in the prompt history (DATA_DIR/
 * history, history_size entries; the configuration comes from p->app),
 * then clears the editor. */
void pane_prompt_submitted(struct pane *p);

#endif
