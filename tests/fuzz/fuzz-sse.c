/* fuzz-sse: libFuzzer harness; the SSE parser must dispatch the same events however its input is split.
 *
 * Input: one control byte, then the stream. Bits 0-6 of the control byte
 * pick the split position of the two-piece run (as a fraction of the stream);
 * bit 7 selects a tiny line cap so that SSE_LINE_TOO_LONG is exercised. The
 * stream is parsed whole, in two pieces and byte by byte; the event logs,
 * the final status, sse_finish's result and retry_ms must all agree.
 * An event whose data starts with "stop" makes the callback stop parsing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "gateway/sse.h"

#define SMALL_CAP 24

static void log_bytes(struct buf *log, const char *s, size_t n)
{
	buf_append(log, &n, sizeof n);
	buf_append(log, s, n);
}

static int record(void *ctx, const struct sse_event *ev)
{
	struct buf *log = ctx;

	/* type may be "" here: `event:` with a NUL in its value is kept as
	 * the spec says, and C sees only the part before the NUL. */
	if (ev->type == NULL || ev->last_id == NULL || ev->data[ev->data_len] != '\0')
		abort();
	log_bytes(log, ev->type, strlen(ev->type));
	log_bytes(log, ev->data, ev->data_len);
	log_bytes(log, ev->last_id, strlen(ev->last_id));
	return ev->data_len >= 4 && memcmp(ev->data, "stop", 4) == 0;
}

struct outcome {
	struct buf log;
	enum sse_status status;
	int finish;
	long retry_ms;
};

/* Feed [0, first) as one piece, then the rest in pieces of `step` bytes,
 * stopping at the first status other than SSE_OK. */
static void run(struct outcome *o, const char *s, size_t n, size_t first,
		size_t step, size_t cap)
{
	struct sse_parser p;

	*o = (struct outcome){ .log = BUF_INIT, .status = SSE_OK };
	sse_init(&p, cap, record, &o->log);
	if (first > 0)
		o->status = sse_feed(&p, s, first);
	for (size_t i = first; i < n && o->status == SSE_OK; i += step)
		o->status = sse_feed(&p, s + i, n - i < step ? n - i : step);
	o->finish = sse_finish(&p);
	o->retry_ms = p.retry_ms;
	sse_free(&p);
}

static void same(const struct outcome *a, const struct outcome *b)
{
	if (a->status != b->status || a->finish != b->finish ||
	    a->retry_ms != b->retry_ms || a->log.len != b->log.len ||
	    (a->log.len && memcmp(a->log.data, b->log.data, a->log.len) != 0))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size); /* libFuzzer calls it */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	const char *s = (const char *)data + 1;
	size_t n = size - 1;
	size_t split = n * (data[0] & 0x7f) / 0x7f;
	size_t cap = (data[0] & 0x80) ? SMALL_CAP : 0;
	struct outcome whole, two, bytes;

	run(&whole, s, n, n, 1, cap);
	run(&two, s, n, split, n ? n : 1, cap);
	run(&bytes, s, n, 0, 1, cap);
	same(&whole, &two);
	same(&whole, &bytes);
	buf_free(&whole.log);
	buf_free(&two.log);
	buf_free(&bytes.log);
	return 0;
}
