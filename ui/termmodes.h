/* termmodes: what the TUI asks of the terminal beyond curses: bracketed
 * paste, mouse reporting (when the mouse option is on) and the query for
 * synchronized output (DEC mode 2026), which is used only once the terminal
 * has answered that it supports it. */
#ifndef FAOS_TERMMODES_H
#define FAOS_TERMMODES_H

#include "keymap.h"

struct app;

/* Key codes the reader gets for the terminal's answer to the 2026 query. */
#define KEYC_SYNC_YES (KEYC_FUNC | 0x7f03)
#define KEYC_SYNC_NO (KEYC_FUNC | 0x7f04)

/* Once, after newterm(): teaches curses the paste and answer sequences and
 * sends the 2026 query. */
void termmodes_init(struct app *a);
/* The key for one of our sequences (a code from wget_wch's KEY_CODE_YES),
 * or 0 when code is not ours. */
int termmodes_key(int code);
/* Turn the modes on (start, after app_external) and off (before it, at exit). */
void termmodes_enter(struct app *a);
void termmodes_leave(struct app *a);
/* doupdate(), inside a synchronized update when the terminal supports it. */
void termmodes_update(struct app *a);

#endif
