/* test-ndjson: unit tests of the incremental NDJSON line splitter
 * (src/gateway/ndjson.c): splits at every byte, CRLF, blank lines, the
 * BOM, the line cap, stopping, and the end of the stream. */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "check.h"
#include "gateway/ndjson.h"

/* Every line is logged as "[line]". */
struct rec {
	struct buf log;
	int count;
	int stop_at; /* stop after this many lines; 0 = never */
};

static int on_line(void *ctx, const char *line, size_t len)
{
	struct rec *r = ctx;

	CHECK(line[len] == '\0');
	buf_append_char(&r->log, '[');
	buf_append(&r->log, line, len);
	buf_append_char(&r->log, ']');
	r->count++;
	return r->stop_at && r->count >= r->stop_at;
}

/* Parse in pieces of step bytes (0 = all at once) with the given cap.
 * Returns the log (caller frees); *status gets the first status other
 * than NDJSON_OK (feeding stops there, as the gateway does) and *finish
 * ndjson_finish's result. */
static char *parse(const char *in, size_t len, size_t step, size_t cap,
		   enum ndjson_status *status, int *finish)
{
	struct rec r = { BUF_INIT, 0, 0 };
	struct ndjson_parser p;

	ndjson_init(&p, cap, on_line, &r);
	*status = NDJSON_OK;
	if (step == 0)
		step = len ? len : 1;
	for (size_t i = 0; i < len && *status == NDJSON_OK; i += step)
		*status = ndjson_feed(&p, in + i, len - i < step ? len - i : step);
	*finish = ndjson_finish(&p);
	ndjson_free(&p);
	buf_append(&r.log, "", 0);
	return buf_steal(&r.log);
}

/* The log, status and finish must be the same whole, byte by byte, in
 * pieces of 2 and 3, and split in two at every position. */
static void expect_cap(const char *in, size_t cap, const char *want,
		       enum ndjson_status want_status, int want_finish)
{
	size_t len = strlen(in);
	size_t steps[] = { 0, 1, 2, 3 };

	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		enum ndjson_status st;
		int fin;
		char *got = parse(in, len, steps[i], cap, &st, &fin);
		CHECK_STR(got, want);
		CHECK(st == want_status);
		CHECK(fin == want_finish);
		free(got);
	}
	for (size_t cut = 1; cut < len; cut++) {
		struct rec r = { BUF_INIT, 0, 0 };
		struct ndjson_parser p;
		ndjson_init(&p, cap, on_line, &r);
		enum ndjson_status st = ndjson_feed(&p, in, cut);
		if (st == NDJSON_OK)
			st = ndjson_feed(&p, in + cut, len - cut);
		CHECK(st == want_status);
		CHECK(ndjson_finish(&p) == want_finish);
		buf_append(&r.log, "", 0);
		CHECK_STR(r.log.data, want);
		ndjson_free(&p);
		buf_free(&r.log);
	}
}

static void expect(const char *in, const char *want, int want_finish)
{
	expect_cap(in, 0, want, NDJSON_OK, want_finish);
}

static void test_lines(void)
{
	expect("{\"a\":1}\n{\"b\":2}\n", "[{\"a\":1}][{\"b\":2}]", 0);
	expect("", "", 0);
	expect("x\n", "[x]", 0);
}

static void test_crlf(void)
{
	expect("{\"a\":1}\r\n{\"b\":2}\r\n", "[{\"a\":1}][{\"b\":2}]", 0);
	/* Only the CR right before the LF goes; a lone CR is part of the line. */
	expect("a\rb\n", "[a\rb]", 0);
	expect("a\r\r\n", "[a\r]", 0);
}

static void test_blank_lines_skipped(void)
{
	expect("\n\r\n  \n\t\r\na\n\n\nb\n \n", "[a][b]", 0);
	expect(" a \n", "[ a ]", 0);
}

static void test_bom(void)
{
	expect("\xEF\xBB\xBF{\"a\":1}\n", "[{\"a\":1}]", 0);
	expect("\xEF\xBB\xBF\n", "", 0);
	/* Only at the very start. */
	expect("a\n\xEF\xBB\xBF" "b\n", "[a][\xEF\xBB\xBF" "b]", 0);
	/* Half a BOM stays part of the first line. */
	expect("\xEF\xBBx\n", "[\xEF\xBBx]", 0);
	expect("\xEF\n", "[\xEF]", 0);
	/* One BOM only: a second one is data. */
	expect("\xEF\xBB\xBF\xEF\xBB\xBFz\n", "[\xEF\xBB\xBFz]", 0);
}

static void test_finish_reports_a_cut_line(void)
{
	expect("a\n{\"b\":", "[a]", 1);
	expect("{\"b\":", "", 1);
	expect("a\r", "", 1);
	/* Trailing blanks are no lost line. */
	expect("a\n  \r", "[a]", 0);
	/* Half a BOM and nothing else: bytes were cut. */
	expect("\xEF\xBB", "", 1);
}

static void test_cap(void)
{
	expect_cap("abcd\nefgh\n", 4, "[abcd][efgh]", NDJSON_OK, 0);
	expect_cap("abcd\nefghi\nz\n", 4, "[abcd]", NDJSON_LINE_TOO_LONG, 0);
	/* The cap counts every byte before the LF, a CR included. */
	expect_cap("abc\r\n", 3, "", NDJSON_LINE_TOO_LONG, 0);
	expect_cap("abc\r\n", 4, "[abc]", NDJSON_OK, 0);
	/* A partial line over the cap is an error before its LF arrives. */
	expect_cap("ab\nabcdefgh", 4, "[ab]", NDJSON_LINE_TOO_LONG, 0);
	/* Blank lines count too: a server sending megabytes of spaces. */
	expect_cap("       \n", 4, "", NDJSON_LINE_TOO_LONG, 0);
}

static void test_default_cap(void)
{
	struct ndjson_parser p;

	ndjson_init(&p, 0, on_line, NULL);
	CHECK(p.max_line == SSE_DEFAULT_MAX_LINE);
	CHECK(NDJSON_DEFAULT_MAX_LINE == SSE_DEFAULT_MAX_LINE);
	ndjson_free(&p);
}

static void test_stop(void)
{
	struct rec r = { BUF_INIT, 0, 2 };
	struct ndjson_parser p;

	ndjson_init(&p, 0, on_line, &r);
	CHECK(ndjson_feed(&p, "a\nb\nc\n", 6) == NDJSON_STOPPED);
	buf_append(&r.log, "", 0);
	CHECK_STR(r.log.data, "[a][b]");
	/* The rest of that piece was dropped; a later piece is parsed. */
	r.stop_at = 0;
	CHECK(ndjson_feed(&p, "d\n", 2) == NDJSON_OK);
	CHECK_STR(r.log.data, "[a][b][d]");
	CHECK(ndjson_finish(&p) == 0);
	ndjson_free(&p);
	buf_free(&r.log);
}

/* A 1 MiB line fed in odd pieces arrives whole, once. */
static void test_long_line(void)
{
	size_t n = (size_t)1 << 20;
	char *in = malloc(n + 2);
	struct rec r = { BUF_INIT, 0, 0 };
	struct ndjson_parser p;

	memset(in, 'x', n);
	in[n] = '\n';
	in[n + 1] = '\0';
	ndjson_init(&p, 0, on_line, &r);
	for (size_t i = 0; i < n + 1; i += 4093)
		CHECK(ndjson_feed(&p, in + i, n + 1 - i < 4093 ? n + 1 - i : 4093) == NDJSON_OK);
	CHECK(r.count == 1);
	CHECK(r.log.len == n + 2);
	CHECK(ndjson_finish(&p) == 0);
	ndjson_free(&p);
	buf_free(&r.log);
	free(in);
}

/* A NUL inside a line is passed on with the line's length. */
static void test_nul_in_line(void)
{
	struct rec r = { BUF_INIT, 0, 0 };
	struct ndjson_parser p;

	ndjson_init(&p, 0, on_line, &r);
	CHECK(ndjson_feed(&p, "a\0b\n", 4) == NDJSON_OK);
	CHECK(r.log.len == 5 && memcmp(r.log.data, "[a\0b]", 5) == 0);
	ndjson_free(&p);
	buf_free(&r.log);
}

int main(void)
{
	RUN(test_lines);
	RUN(test_crlf);
	RUN(test_blank_lines_skipped);
	RUN(test_bom);
	RUN(test_finish_reports_a_cut_line);
	RUN(test_cap);
	RUN(test_default_cap);
	RUN(test_stop);
	RUN(test_long_line);
	RUN(test_nul_in_line);
	return CHECK_EXIT();
}
