/* result: the structured result of one answer, attached to the terminal
 * message (MSG_DONE, or MSG_FAILED with what arrived before the failure):
 * the text, the reasoning, the fenced code blocks with their info strings,
 * the tool calls, the finish reason and whether the answer is complete. */
#ifndef FAOS_RESULT_H
#define FAOS_RESULT_H

#include <stddef.h>

#include "base/buf.h"
#include "gateway/codeblock.h"
#include "gateway/stream.h"

struct gw_result_call {
	char *id, *name, *arguments; /* never NULL ("" when not given) */
};

struct gw_result {
	char *text;              /* the answer, <think> blocks removed */
	char *reasoning;
	struct codeblock *blocks;
	size_t nblocks;
	struct gw_result_call *calls;
	size_t ncalls;
	char *finish_reason;     /* "" when the server never said */
	int complete;            /* the answer ended as the model meant it to */
};

/* Takes the bytes of text and reasoning (the buffers are left empty). */
void *gw_result_build(const struct gw_stream *s, struct buf *text, struct buf *reasoning,
		      int complete);
/* The answer stopped before the model meant it to (not complete, or at
 * its length limit): its last block may be half written. NULL counts. */
int gw_result_cut_short(const struct gw_result *r);
/* A payload_free for struct msg. */
void gw_result_free(void *result);

#endif
