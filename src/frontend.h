/* frontend: what the core needs from the full-screen front-end. Declared in
 * src/ and implemented in ui/, so the core depends on an interface and never
 * on ncurses (the composition root, main.c, links the two). */
#ifndef FAOS_FRONTEND_H
#define FAOS_FRONTEND_H

#include <stdio.h>

#include "base/config.h"

/* Runs the TUI until the user quits; returns the exit status. */
int frontend_tui(const struct config *cfg);
/* Validates the config's `keys:` section; -1 and *err on the first bad one. */
int frontend_check_keys(const struct config *cfg, char **err);
/* Prints the `keys:` section (defaults, or the effective bindings). */
void frontend_dump_keys(const struct config *cfg, FILE *out, int defaults_only);

#endif
