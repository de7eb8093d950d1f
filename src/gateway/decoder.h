/* decoder: one protocol's framing (SSE or NDJSON) joined to its event
 * decoder: response bytes in, gw_stream calls out. The gateway, the unit
 * tests and the benchmarks all decode through it, so what they measure
 * and check is what users run. Stops reading after an in-band error or a
 * line over the cap, as a client must: what follows cannot be trusted.
 * Pure: no I/O. */
#ifndef FAOS_DECODER_H
#define FAOS_DECODER_H

#include <stddef.h>

#include "gateway/ndjson.h"
#include "gateway/proto.h"
#include "gateway/sse.h"
#include "gateway/stream.h"

struct gw_decoder {
	const struct gw_proto *proto;
	struct gw_stream stream; /* the answer; stays readable after finish */
	struct sse_parser sse;
	struct ndjson_parser nd;
	int line_capped;         /* a line went over the cap */
};

void gw_decoder_init(struct gw_decoder *d, const struct gw_proto *proto, gw_emit_fn emit,
		     void *ctx);
/* A piece of the response body, split anywhere. */
void gw_decoder_feed(struct gw_decoder *d, const char *data, size_t len);
/* End of the body: frees the framing parsers and flushes held text.
 * Returns 1 when an event or line was left unterminated (cut short). */
int gw_decoder_finish(struct gw_decoder *d);
/* Frees everything, the stream included; safe on a zeroed decoder. */
void gw_decoder_free(struct gw_decoder *d);

#endif
