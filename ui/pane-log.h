/* pane-log: the sandbox log pane's interface for the app. */
#ifndef FAOS_PANE_LOG_H
#define FAOS_PANE_LOG_H

#include <stddef.h>

#include "pane.h"

enum log_kind { LINE_STDOUT, LINE_STDERR, LINE_INFO, LINE_OK, LINE_BAD };

/* Bytes from a run (stream 1 stdout, 2 stderr); sanitised here. */
void pane_log_output(struct pane *p, int stream, const char *bytes, size_t len);
/* One whole line of our own (the command, the layers, the result). */
void pane_log_line(struct pane *p, enum log_kind kind, const char *text);
/* The run ended: what is left of unfinished lines becomes lines. */
void pane_log_flush(struct pane *p);
/* The latest run's whole log file (the result's log_path), which the
 * pager key opens; "" or NULL: none. */
void pane_log_set_file(struct pane *p, const char *path);

#endif
