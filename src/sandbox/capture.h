/* capture: head + tail of a stream in memory, and the log file spool. */
#ifndef FAOS_SANDBOX_CAPTURE_H
#define FAOS_SANDBOX_CAPTURE_H

#include <stdbool.h>
#include <stdint.h>

#include "sandbox/sandbox.h"

void capture_add(struct sbx_capture *c, const char *p, size_t n);
/* Leaves exactly the last SBX_TAIL bytes (or fewer) in tail. */
void capture_finish(struct sbx_capture *c);
void capture_free(struct sbx_capture *c);

struct spool {
	int fd; /* -1: no log (or it failed) */
	uint64_t written, cap;
	bool truncated;
};

void spool_write(struct spool *s, const char *p, size_t n);

#endif
