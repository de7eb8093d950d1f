/* fuzz-ndjson: libFuzzer harness; NDJSON lines must not depend on how the input is split.
 *
 * Input: one control byte, then the stream. Bits 0-6 of the control byte
 * pick the split position of the two-piece run (as a fraction of the
 * stream); bit 7 selects a tiny line cap so that NDJSON_LINE_TOO_LONG is
 * exercised. The stream is split whole, in two pieces and byte by byte;
 * the line logs, the final status and ndjson_finish's result must agree.
 * A line starting with "stop" makes the callback stop parsing.
 *
 * The same bytes then go through the Ollama protocol (the one NDJSON
 * user) into a gw_stream, whole and byte by byte, stopping at the first
 * error as the gateway does: both runs must leave the same answer, and
 * parse_whole must survive the bytes as a whole body. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "gateway/ndjson.h"
#include "gateway/proto.h"
#include "gateway/stream.h"

#define SMALL_CAP 24

static void log_bytes(struct buf *log, const char *s, size_t n)
{
	buf_append(log, &n, sizeof n);
	buf_append(log, s, n);
}

static int record(void *ctx, const char *line, size_t len)
{
	struct buf *log = ctx;

	/* Never empty, never blank, NUL-terminated, no LF inside. */
	if (len == 0 || line[len] != '\0' || memchr(line, '\n', len) != NULL)
		abort();
	log_bytes(log, line, len);
	return len >= 4 && memcmp(line, "stop", 4) == 0;
}

struct outcome {
	struct buf log;
	enum ndjson_status status;
	int finish;
};

/* Feed [0, first) as one piece, then the rest in pieces of `step` bytes,
 * stopping at the first status other than NDJSON_OK. */
static void run(struct outcome *o, const char *s, size_t n, size_t first, size_t step,
		size_t cap)
{
	struct ndjson_parser p;

	*o = (struct outcome){ .log = BUF_INIT, .status = NDJSON_OK };
	ndjson_init(&p, cap, record, &o->log);
	if (first > 0)
		o->status = ndjson_feed(&p, s, first);
	for (size_t i = first; i < n && o->status == NDJSON_OK; i += step)
		o->status = ndjson_feed(&p, s + i, n - i < step ? n - i : step);
	o->finish = ndjson_finish(&p);
	ndjson_free(&p);
}

static void same(const struct outcome *a, const struct outcome *b)
{
	if (a->status != b->status || a->finish != b->finish || a->log.len != b->log.len ||
	    (a->log.len && memcmp(a->log.data, b->log.data, a->log.len) != 0))
		abort();
}

static void emit(void *ctx, enum msg_type type, const char *text, size_t len)
{
	struct buf *log = ctx;

	if (len == 0 || (type != MSG_TOKEN && type != MSG_REASONING))
		abort();
	buf_append_char(log, type == MSG_TOKEN ? 'T' : 'R');
	log_bytes(log, text, len);
}

static int to_ollama(void *ctx, const char *line, size_t len)
{
	return gw_proto_ollama.on_event(ctx, "", line, len);
}

static void log_str(struct buf *log, const char *s)
{
	log_bytes(log, s ? s : "", s ? strlen(s) : 0);
}

/* Everything the answer holds besides the emitted pieces. */
static void log_state(struct buf *log, const struct gw_stream *s)
{
	long counts[] = { s->complete, s->prompt_tokens, s->completion_tokens, s->deltas };

	buf_append(log, counts, sizeof counts);
	log_str(log, s->finish_reason);
	log_str(log, s->error);
	log_str(log, s->model);
	for (size_t i = 0; i < s->ncalls; i++) {
		const struct gw_tool_call *c = &s->calls[i];
		buf_append(log, &c->index, sizeof c->index);
		log_str(log, c->id);
		log_str(log, c->name);
		log_bytes(log, c->args.data ? c->args.data : "", c->args.len);
	}
}

/* The lines through the Ollama protocol in pieces of step bytes. */
static void run_ollama(struct buf *log, const char *s, size_t n, size_t step)
{
	struct gw_stream st;
	struct ndjson_parser p;
	enum ndjson_status status = NDJSON_OK;

	gw_stream_init(&st, emit, log);
	ndjson_init(&p, 0, to_ollama, &st);
	for (size_t i = 0; i < n && status == NDJSON_OK && st.error == NULL; i += step)
		status = ndjson_feed(&p, s + i, n - i < step ? n - i : step);
	ndjson_finish(&p);
	ndjson_free(&p);
	gw_stream_flush(&st);
	log_state(log, &st);
	gw_stream_free(&st);
}

static void check_ollama(const char *s, size_t n)
{
	struct buf whole = BUF_INIT, bytes = BUF_INIT, body = BUF_INIT;
	struct gw_stream st;

	run_ollama(&whole, s, n, n ? n : 1);
	run_ollama(&bytes, s, n, 1);
	if (whole.len != bytes.len || memcmp(whole.data, bytes.data, whole.len) != 0)
		abort();
	gw_stream_init(&st, emit, &body);
	gw_proto_ollama.parse_whole(&st, s, n);
	gw_stream_flush(&st);
	gw_stream_free(&st);
	buf_free(&whole);
	buf_free(&bytes);
	buf_free(&body);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
	check_ollama(s, n);
	return 0;
}
