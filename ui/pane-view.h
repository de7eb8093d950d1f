/* pane-view: the file viewer: one file, read-only, with line numbers and
 * light syntax colouring; opened from the file tree. */
#ifndef FAOS_PANE_VIEW_H
#define FAOS_PANE_VIEW_H

#include "pane.h"

/* Files bigger than this show their first VIEW_MAX_BYTES with a note. */
#define VIEW_MAX_BYTES (2 << 20)

/* Loads root/relpath into the viewer (replacing what it showed). A binary
 * file shows a one-line note instead of its bytes. 0, or -1 with *err
 * ("cannot open src/x.c: Permission denied") and the viewer unchanged. */
int pane_view_open(struct pane *p, const char *root, const char *relpath, char **err);
/* 1 while a file is loaded. */
int pane_view_is_open(const struct pane *p);

#endif
