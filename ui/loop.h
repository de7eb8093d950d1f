/* loop: the TUI reactor (see loop.c). */
#ifndef FAOS_LOOP_H
#define FAOS_LOOP_H

#include "app.h"

int loop_signals_init(void);
void loop_signals_done(void);
void loop_run(struct app *a);

#endif
