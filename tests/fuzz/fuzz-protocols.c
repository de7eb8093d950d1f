/* fuzz-protocols: libFuzzer harness; hostile server bytes through the SSE
 * parser into every wire format's event decoder, and the whole input to
 * every whole-answer parser. Nothing may crash, leak or read out of bounds,
 * and a stream that recorded an error must have stopped emitting. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gateway/proto.h"
#include "gateway/sse.h"
#include "gateway/stream.h"

#define NPROTO 5

struct fan {
	const struct gw_proto *proto[NPROTO];
	struct gw_stream stream[NPROTO];
	int stopped[NPROTO];
};

static volatile unsigned char fuzz_sink;

static void ignore(void *ctx, enum msg_type type, const char *text, size_t len)
{
	(void)ctx, (void)type;
	/* Touch every byte, so a bad length is caught by ASan. */
	for (size_t i = 0; i < len; i++)
		fuzz_sink = fuzz_sink ^ (unsigned char)text[i];
}

static int fan_event(void *ctx, const struct sse_event *ev)
{
	struct fan *f = ctx;

	for (int i = 0; i < NPROTO; i++)
		if (!f->stopped[i])
			f->stopped[i] = f->proto[i]->on_event(&f->stream[i], ev->type, ev->data,
							      ev->data_len);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size); /* libFuzzer calls it */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[NPROTO] = { "openai", "responses", "anthropic", "ollama",
						   "tgi" };
	struct fan f = { 0 };
	struct sse_parser p;

	for (int i = 0; i < NPROTO; i++) {
		f.proto[i] = gw_proto_find(names[i]);
		gw_stream_init(&f.stream[i], ignore, NULL);
	}
	sse_init(&p, 1 << 16, fan_event, &f);
	sse_feed(&p, (const char *)data, size);
	sse_finish(&p);
	sse_free(&p);
	for (int i = 0; i < NPROTO; i++) {
		gw_stream_flush(&f.stream[i]);
		if (f.stopped[i] && f.stream[i].error == NULL)
			abort(); /* a decoder stopped without saying why */
		gw_stream_free(&f.stream[i]);
		gw_stream_init(&f.stream[i], ignore, NULL);
		f.proto[i]->parse_whole(&f.stream[i], (const char *)data, size);
		gw_stream_free(&f.stream[i]);
	}
	return 0;
}
