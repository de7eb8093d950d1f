/* test-sse: unit tests of the incremental SSE parser (src/gateway/sse.c). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xmalloc.h"
#include "check.h"
#include "gateway/sse.h"

/* Every event is logged as "[type](data)<last_id>". */
struct rec {
	struct buf log;
	int count;
	int stop_at; /* stop after this many events; 0 = never */
};

static int on_event(void *ctx, const struct sse_event *ev)
{
	struct rec *r = ctx;

	buf_printf(&r->log, "[%s](", ev->type);
	buf_append(&r->log, ev->data, ev->data_len);
	buf_printf(&r->log, ")<%s>", ev->last_id);
	r->count++;
	return r->stop_at && r->count >= r->stop_at;
}

/* Parse len bytes fed in pieces of `step` bytes (0 = all at once). Returns
 * the event log (caller frees); *finish gets sse_finish's result. Every feed
 * must return SSE_OK. */
static char *parse_n(const char *in, size_t len, size_t step, int *finish)
{
	struct rec r = { BUF_INIT, 0, 0 };
	struct sse_parser p;
	int ok = 1;

	sse_init(&p, 0, on_event, &r);
	if (step == 0)
		step = len ? len : 1;
	for (size_t i = 0; i < len; i += step) {
		size_t n = len - i < step ? len - i : step;
		ok &= sse_feed(&p, in + i, n) == SSE_OK;
	}
	CHECK(ok);
	*finish = sse_finish(&p);
	sse_free(&p);
	return buf_steal(&r.log);
}

/* parse_n on a string, checking the log and sse_finish's result, for the
 * whole string, byte by byte, and in pieces of 3. */
static void expect(const char *in, const char *want, int want_finish)
{
	size_t steps[] = { 0, 1, 3 };

	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		int fin = -1;
		char *got = parse_n(in, strlen(in), steps[i], &fin);
		CHECK_STR(got, want);
		CHECK(fin == want_finish);
		free(got);
	}
}

/* Feed the pieces in order (NULL-terminated). Returns the log. */
static char *parse_pieces(const char *const *pieces, int *finish)
{
	struct rec r = { BUF_INIT, 0, 0 };
	struct sse_parser p;

	sse_init(&p, 0, on_event, &r);
	for (size_t i = 0; pieces[i] != NULL; i++)
		CHECK(sse_feed(&p, pieces[i], strlen(pieces[i])) == SSE_OK);
	*finish = sse_finish(&p);
	sse_free(&p);
	return buf_steal(&r.log);
}

static void expect_pieces(const char *const *pieces, const char *want)
{
	int fin = -1;
	char *got = parse_pieces(pieces, &fin);

	CHECK_STR(got, want);
	CHECK(fin == 0);
	free(got);
}

static void test_lf_endings(void)
{
	expect("data: a\n\ndata: b\n\n", "[message](a)<>[message](b)<>", 0);
}

static void test_crlf_endings(void)
{
	expect("data: a\r\n\r\ndata: b\r\n\r\n", "[message](a)<>[message](b)<>", 0);
}

static void test_cr_endings(void)
{
	expect("data: a\r\rdata: b\r\r", "[message](a)<>[message](b)<>", 0);
}

static void test_mixed_endings(void)
{
	expect("data: a\rdata: b\r\ndata: c\n\r\n", "[message](a\nb\nc)<>", 0);
	expect("data: a\n\r\rdata: b\r\n\n", "[message](a)<>[message](b)<>", 0);
}

/* A CR ending one piece and an LF starting the next are one line end. */
static void test_crlf_split_across_pieces(void)
{
	const char *const one[] = { "data: a\r", "\ndata: b\r", "\n\r", "\n", NULL };
	const char *const empty[] = { "data: a\r", "", "\n", "data: b\r\n\r\n", NULL };
	const char *const two_cr[] = { "data: a\r", "\r", "data: b\n\n", NULL };
	const char *const lone_lf[] = { "data: a\r", "\n", "\n", NULL };

	expect_pieces(one, "[message](a\nb)<>");
	expect_pieces(empty, "[message](a\nb)<>");
	expect_pieces(two_cr, "[message](a)<>[message](b)<>");
	expect_pieces(lone_lf, "[message](a)<>");
}

/* A stream exercising most rules at once; every split must give the same
 * events as the unsplit stream. */
static const char multi[] =
	"\xEF\xBB\xBF:hello\r\n"
	"id: 1\nevent: delta\ndata: {\"t\":\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"}\n\n"
	"data:x\r\rdata:  two\r\ndata\n\n"
	":\n\nretry: 50\nid\n\n"
	"error: {\"code\":400}\r\n\r\ndata: [DONE]\n\n";

static const char multi_want[] =
	"[delta]({\"t\":\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"})<1>"
	"[message](x)<1>"
	"[message]( two\n)<1>"
	"[error]({\"code\":400})<>"
	"[message]([DONE])<>";

static char *parse_split(const char *in, size_t len, size_t i, size_t j, int *finish)
{
	struct rec r = { BUF_INIT, 0, 0 };
	struct sse_parser p;
	int ok = 1;

	sse_init(&p, 0, on_event, &r);
	ok &= sse_feed(&p, in, i) == SSE_OK;
	ok &= sse_feed(&p, in + i, j - i) == SSE_OK;
	ok &= sse_feed(&p, in + j, len - j) == SSE_OK;
	CHECK(ok);
	*finish = sse_finish(&p);
	sse_free(&p);
	return buf_steal(&r.log);
}

static void test_every_split_point(void)
{
	size_t len = sizeof multi - 1;
	int fin = -1;
	char *whole = parse_n(multi, len, 0, &fin);

	CHECK_STR(whole, multi_want);
	CHECK(fin == 0);
	for (size_t i = 0; i <= len; i++) {
		for (size_t j = i; j <= len; j++) {
			char *got = parse_split(multi, len, i, j, &fin);
			CHECK_STR(got, whole);
			CHECK(fin == 0);
			free(got);
		}
	}
	free(whole);
}

static void test_bom(void)
{
	const char *const split[] = { "\xEF", "\xBB", "\xBF", "data: a\n\n", NULL };
	const char *const split2[] = { "\xEF\xBB", "\xBF" "data: a\n\n", NULL };

	expect("\xEF\xBB\xBF" "data: a\n\n", "[message](a)<>", 0);
	expect_pieces(split, "[message](a)<>");
	expect_pieces(split2, "[message](a)<>");
	/* Only one BOM is stripped: the second makes an unknown field name. */
	expect("\xEF\xBB\xBF\xEF\xBB\xBF" "data: a\n\ndata: b\n\n", "[message](b)<>", 0);
	/* A partial BOM is part of the first line. */
	expect("\xEF\xBB" "data: a\n\ndata: b\n\n", "[message](b)<>", 0);
	expect("\xEF\n" "data: b\n\n", "[message](b)<>", 0);
	/* A BOM later in the stream is data. */
	expect("data: \xEF\xBB\xBF\n\n", "[message](\xEF\xBB\xBF)<>", 0);
}

static void test_comments_and_pings(void)
{
	expect(":\n\n", "", 0);
	expect(":\n\n:\n\n: ping - 2025-01-01\n\n", "", 0);
	expect(":data: x\n\n", "", 0);
	expect(": ping\ndata: a\n: ping\ndata: b\n\n", "[message](a\nb)<>", 0);
	expect(":\n\ndata: a\n\n:\n\n", "[message](a)<>", 0);
	expect(": keepalive\n", "", 0);
}

static void test_data_without_space(void)
{
	expect("data:x\n\n", "[message](x)<>", 0);
	expect("data:{\"a\":1}\n\n", "[message]({\"a\":1})<>", 0);
}

static void test_only_one_space_removed(void)
{
	expect("data:  x\n\n", "[message]( x)<>", 0);
	expect("data:\tx\n\n", "[message](\tx)<>", 0);
	expect("data: x \n\n", "[message](x )<>", 0);
}

static void test_first_colon_splits(void)
{
	expect("data: a: b\n\n", "[message](a: b)<>", 0);
	expect("data:a:b\n\n", "[message](a:b)<>", 0);
}

static void test_multiline_data(void)
{
	expect("data: a\ndata:\ndata: b\n\n", "[message](a\n\nb)<>", 0);
	expect("data: a\ndata: b\ndata: c\n\n", "[message](a\nb\nc)<>", 0);
}

/* `data` without a colon, or `data:` with nothing, gives a data buffer of
 * "\n": per the spec that is an event with empty data. */
static void test_empty_data_value(void)
{
	expect("data\n\n", "[message]()<>", 0);
	expect("data:\n\n", "[message]()<>", 0);
	expect("data: \n\n", "[message]()<>", 0);
}

/* A block with no data line dispatches nothing and resets the type. */
static void test_empty_data_block_dispatches_nothing(void)
{
	expect("event: foo\n\n", "", 0);
	expect("event: foo\n\ndata: x\n\n", "[message](x)<>", 0);
	expect("\n\n\n", "", 0);
}

static void test_id_and_retry_only_blocks(void)
{
	expect("id: 7\n\n", "", 0);
	expect("retry: 3000\n\n", "", 0);
	expect("id: 7\n\nretry: 10\n\ndata: x\n\n", "[message](x)<7>", 0);
}

static void test_last_id_persists(void)
{
	expect("id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\n",
	       "[message](a)<1>[message](b)<1>[message](c)<2>", 0);
	/* `id` with no colon, or an empty value, sets the ID to "". */
	expect("id: 1\n\nid\ndata: a\n\nid: 2\n\nid:\ndata: b\n\n",
	       "[message](a)<>[message](b)<>", 0);
}

static void test_id_with_nul_ignored(void)
{
	static const char in[] = "id: 1\n\nid: a\0b\ndata: x\n\n";
	int fin = -1;
	char *got = parse_n(in, sizeof in - 1, 0, &fin);

	CHECK_STR(got, "[message](x)<1>");
	CHECK(fin == 0);
	free(got);
}

static void test_nul_in_data(void)
{
	static const char in[] = "data: a\0b\n\n";
	struct rec r = { BUF_INIT, 0, 0 };
	struct sse_parser p;

	sse_init(&p, 0, on_event, &r);
	CHECK(sse_feed(&p, in, sizeof in - 1) == SSE_OK);
	CHECK(r.log.len == sizeof "[message](a\0b)<>" - 1);
	CHECK(memcmp(r.log.data, "[message](a\0b)<>", r.log.len) == 0);
	sse_free(&p);
	buf_free(&r.log);
}

static long retry_after(const char *in)
{
	struct sse_parser p;

	sse_init(&p, 0, NULL, NULL);
	CHECK(sse_feed(&p, in, strlen(in)) == SSE_OK);
	long ms = p.retry_ms;
	sse_free(&p);
	return ms;
}

static void test_retry(void)
{
	CHECK(retry_after("") == -1);
	CHECK(retry_after("retry: 3000\n") == 3000);
	CHECK(retry_after("retry:0\n") == 0);
	CHECK(retry_after("retry: 12a\n") == -1);
	CHECK(retry_after("retry: -5\n") == -1);
	CHECK(retry_after("retry:  5\n") == -1);
	CHECK(retry_after("retry:\n") == -1);
	CHECK(retry_after("retry\n") == -1);
	CHECK(retry_after("retry: 10\nretry: x\n") == 10);
	CHECK(retry_after("retry: 99999999999999999999999999\n") == LONG_MAX);
}

static void test_event_type_and_unknown_fields(void)
{
	expect("event: delta\ndata: x\n\n", "[delta](x)<>", 0);
	expect("event:\ndata: x\n\n", "[message](x)<>", 0);
	expect("event: a\nevent: b\ndata: x\n\n", "[b](x)<>", 0);
	/* Field names are literal: no case folding, no trimming. */
	expect("Event: foo\nDATA: y\ndata : z\ndata: x\n\n", "[message](x)<>", 0);
	expect("foo: bar\nfoo\ndata: x\n\n", "[message](x)<>", 0);
}

/* Pre-2025 llama-server error field (PROTOCOLS.md P10). */
static void test_error_field_quirk(void)
{
	expect("error: {\"code\":400,\"message\":\"too long\"}\n\ndata: [DONE]\n\n",
	       "[error]({\"code\":400,\"message\":\"too long\"})<>[message]([DONE])<>", 0);
	expect("error:oops\n\n", "[error](oops)<>", 0);
	expect("Error: oops\n\n", "", 0);
}

static void test_unterminated_final_event(void)
{
	expect("data: a\n\ndata: b\n", "[message](a)<>", 1);
	expect("data: a\n\ndata: b", "[message](a)<>", 1);
	expect("data: a\n\nid: 3\n", "[message](a)<>", 1);
	expect("data: a\n\n: partial comm", "[message](a)<>", 1);
	expect("data: a\r", "", 1);
}

static void test_clean_end(void)
{
	expect("", "", 0);
	expect("data: a\n\n", "[message](a)<>", 0);
	expect("data: a\r\n\r\n", "[message](a)<>", 0);
	expect("data: a\r\r", "[message](a)<>", 0);
	expect("data: a\n\n: ping\n", "[message](a)<>", 0);
}

/* sse_finish discards the pending event: it is never dispatched later. */
static void test_finish_discards(void)
{
	struct rec r = { BUF_INIT, 0, 0 };
	struct sse_parser p;

	sse_init(&p, 0, on_event, &r);
	CHECK(sse_feed(&p, "id: 5\ndata: a\ndata: b", 21) == SSE_OK);
	CHECK(sse_finish(&p) == 1);
	CHECK(r.count == 0);
	CHECK(sse_finish(&p) == 0);
	CHECK(sse_feed(&p, "\ndata: c\n\n", 10) == SSE_OK);
	CHECK_STR(r.log.data, "[message](c)<5>");
	sse_free(&p);
	buf_free(&r.log);
}

struct big {
	size_t count, len;
	int all_x;
};

static int on_big(void *ctx, const struct sse_event *ev)
{
	struct big *b = ctx;

	b->count++;
	b->len = ev->data_len;
	b->all_x = ev->data[0] == 'x' && ev->data[ev->data_len - 1] == 'x' &&
		   ev->data[ev->data_len] == '\0' &&
		   memcmp(ev->data, ev->data + 1, ev->data_len - 1) == 0;
	return 0;
}

static void feed_big(const char *in, size_t len, size_t step)
{
	struct big b = { 0, 0, 0 };
	struct sse_parser p;
	int ok = 1;

	sse_init(&p, SSE_DEFAULT_MAX_LINE, on_big, &b);
	for (size_t i = 0; i < len; i += step)
		ok &= sse_feed(&p, in + i, len - i < step ? len - i : step) == SSE_OK;
	CHECK(ok);
	CHECK(b.count == 1);
	CHECK(b.len == (size_t)16 << 20);
	CHECK(b.all_x);
	CHECK(sse_finish(&p) == 0);
	sse_free(&p);
}

static void test_16mib_line(void)
{
	size_t n = (size_t)16 << 20;
	size_t len = 6 + n + 2;
	char *in = xmalloc(len);

	memcpy(in, "data: ", 6);
	memset(in + 6, 'x', n);
	memcpy(in + 6 + n, "\n\n", 2);
	feed_big(in, len, len);
	feed_big(in, len, 65536);
	feed_big(in, len, 4093);
	free(in);
}

static void test_line_too_long(void)
{
	struct rec r = { BUF_INIT, 0, 0 };
	struct sse_parser p;
	const char *ok16 = "data: 0123456789\n\n"; /* 16-byte line */
	const char *long17 = "data: 0123456789a\n\n";

	sse_init(&p, 16, on_event, &r);
	CHECK(sse_feed(&p, ok16, strlen(ok16)) == SSE_OK);
	CHECK(sse_feed(&p, long17, strlen(long17)) == SSE_LINE_TOO_LONG);
	CHECK_STR(r.log.data, "[message](0123456789)<>");
	sse_free(&p);

	/* Byte by byte: the error comes with the 17th byte, before any LF. */
	sse_init(&p, 16, on_event, &r);
	for (size_t i = 0; i < 16; i++)
		CHECK(sse_feed(&p, long17 + i, 1) == SSE_OK);
	CHECK(sse_feed(&p, long17 + 16, 1) == SSE_LINE_TOO_LONG);
	sse_free(&p);

	/* A partial line over the cap fails at once, without waiting for its end. */
	sse_init(&p, 16, on_event, &r);
	CHECK(sse_feed(&p, "data: 01", 8) == SSE_OK);
	CHECK(sse_feed(&p, "23456789abcdef", 14) == SSE_LINE_TOO_LONG);
	sse_free(&p);
	buf_free(&r.log);
}

static void test_stop_from_callback(void)
{
	const char *in = "data: a\n\ndata: b\n\ndata: c\n\n";
	struct rec r = { BUF_INIT, 0, 1 };
	struct sse_parser p;

	sse_init(&p, 0, on_event, &r);
	CHECK(sse_feed(&p, in, strlen(in)) == SSE_STOPPED);
	CHECK_STR(r.log.data, "[message](a)<>");
	CHECK(r.count == 1);
	sse_free(&p);
	buf_free(&r.log);

	/* Stopping in the second of three pieces. */
	struct rec r2 = { BUF_INIT, 0, 2 };
	sse_init(&p, 0, on_event, &r2);
	CHECK(sse_feed(&p, "data: a\n\nda", 11) == SSE_OK);
	CHECK(sse_feed(&p, "ta: b\n\ndata: c\n\n", 16) == SSE_STOPPED);
	CHECK_STR(r2.log.data, "[message](a)<>[message](b)<>");
	sse_free(&p);
	buf_free(&r2.log);
}

static void test_utf8_split_everywhere(void)
{
	const char *in = "data: \xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\n\n";
	size_t len = strlen(in);

	for (size_t i = 0; i <= len; i++) {
		int fin = -1;
		char *got = parse_split(in, len, i, i, &fin);
		CHECK_STR(got, "[message](\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80)<>");
		free(got);
	}
}

int main(void)
{
	RUN(test_lf_endings);
	RUN(test_crlf_endings);
	RUN(test_cr_endings);
	RUN(test_mixed_endings);
	RUN(test_crlf_split_across_pieces);
	RUN(test_every_split_point);
	RUN(test_bom);
	RUN(test_comments_and_pings);
	RUN(test_data_without_space);
	RUN(test_only_one_space_removed);
	RUN(test_first_colon_splits);
	RUN(test_multiline_data);
	RUN(test_empty_data_value);
	RUN(test_empty_data_block_dispatches_nothing);
	RUN(test_id_and_retry_only_blocks);
	RUN(test_last_id_persists);
	RUN(test_id_with_nul_ignored);
	RUN(test_nul_in_data);
	RUN(test_retry);
	RUN(test_event_type_and_unknown_fields);
	RUN(test_error_field_quirk);
	RUN(test_unterminated_final_event);
	RUN(test_clean_end);
	RUN(test_finish_discards);
	RUN(test_16mib_line);
	RUN(test_line_too_long);
	RUN(test_stop_from_callback);
	RUN(test_utf8_split_everywhere);
	return CHECK_EXIT();
}
