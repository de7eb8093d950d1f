/* decoder: framing plus protocol decoding; see decoder.h. */
#include "gateway/decoder.h"

#include <string.h>

static int on_sse_event(void *ctx, const struct sse_event *ev)
{
	struct gw_decoder *d = ctx;

	return d->proto->on_event(&d->stream, ev->type, ev->data, ev->data_len);
}

static int on_ndjson_line(void *ctx, const char *line, size_t len)
{
	struct gw_decoder *d = ctx;

	return d->proto->on_event(&d->stream, "", line, len);
}

void gw_decoder_init(struct gw_decoder *d, const struct gw_proto *proto, gw_emit_fn emit,
		     void *ctx)
{
	memset(d, 0, sizeof *d);
	d->proto = proto;
	gw_stream_init(&d->stream, emit, ctx);
	if (proto->framing == GW_FRAMING_SSE)
		sse_init(&d->sse, 0, on_sse_event, d);
	else
		ndjson_init(&d->nd, 0, on_ndjson_line, d);
}

void gw_decoder_feed(struct gw_decoder *d, const char *data, size_t len)
{
	if (d->stream.error || d->line_capped)
		return; /* what follows an error is drained and ignored */
	if (d->proto->framing == GW_FRAMING_SSE) {
		if (sse_feed(&d->sse, data, len) == SSE_LINE_TOO_LONG)
			d->line_capped = 1;
	} else if (ndjson_feed(&d->nd, data, len) == NDJSON_LINE_TOO_LONG) {
		d->line_capped = 1;
	}
}

int gw_decoder_finish(struct gw_decoder *d)
{
	int cut = d->proto->framing == GW_FRAMING_SSE ? sse_finish(&d->sse)
						      : ndjson_finish(&d->nd);

	sse_free(&d->sse);
	ndjson_free(&d->nd);
	gw_stream_flush(&d->stream);
	return cut;
}

void gw_decoder_free(struct gw_decoder *d)
{
	sse_free(&d->sse);
	ndjson_free(&d->nd);
	gw_stream_free(&d->stream);
}
