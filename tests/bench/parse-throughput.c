/* parse-throughput: how fast the stream parsers eat a recorded answer.
 *
 * Usage: parse-throughput SSE_FILE NDJSON_FILE
 *
 * SSE_FILE is the body of a streamed /v1/chat/completions answer and
 * NDJSON_FILE the body of a streamed Ollama /api/chat answer, recorded once
 * from the fake server (tests/bench/run.sh does that, into build/bench/).
 * Each file is read into memory, then fed in 16 KiB pieces (curl's default
 * receive buffer) through:
 *   - the SSE parser alone (no-op event callback);
 *   - the SSE parser + the openai decoder + gw_stream (no-op emit);
 *   - the NDJSON splitter alone (no-op line callback);
 *   - the NDJSON splitter + the ollama decoder + gw_stream (no-op emit).
 * Each is timed 5 times (CLOCK_MONOTONIC) and the best pass is printed in
 * MB/s (1 MB = 10^6 bytes) with the time per event. Figures, not asserts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gateway/decoder.h"
#include "gateway/ndjson.h"
#include "gateway/proto.h"
#include "gateway/sse.h"
#include "gateway/stream.h"

#define PIECE (16 * 1024)
#define PASSES 5

struct counts {
	long events;
	long tokens;
	size_t text_bytes;
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p;
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		perror(path);
		exit(1);
	}
	p = malloc((size_t)n + 1);
	if (p == NULL || fread(p, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "%s: cannot read\n", path);
		exit(1);
	}
	fclose(f);
	p[n] = '\0';
	*len = (size_t)n;
	return p;
}

static void on_emit(void *ctx, enum msg_type type, const char *text, size_t len)
{
	struct counts *c = ctx;

	(void)text;
	if (type == MSG_TOKEN) {
		c->tokens++;
		c->text_bytes += len;
	}
}

/* --- SSE alone --- */

static int sse_noop(void *ctx, const struct sse_event *ev)
{
	(void)ev;
	((struct counts *)ctx)->events++;
	return 0;
}

static void run_sse(const char *data, size_t len, struct counts *c)
{
	struct sse_parser p;

	sse_init(&p, 0, sse_noop, c);
	for (size_t off = 0; off < len; off += PIECE)
		if (sse_feed(&p, data + off, len - off < PIECE ? len - off : PIECE) != SSE_OK)
			break;
	sse_finish(&p);
	sse_free(&p);
}

/* --- a protocol through the gateway's decoder (framing + events) --- */

static void run_decoded(const struct gw_proto *proto, const char *data, size_t len,
			struct counts *c)
{
	struct gw_decoder d;

	gw_decoder_init(&d, proto, on_emit, c);
	for (size_t off = 0; off < len; off += PIECE)
		gw_decoder_feed(&d, data + off, len - off < PIECE ? len - off : PIECE);
	gw_decoder_finish(&d);
	if (d.stream.error || (!d.stream.complete && d.stream.finish_reason == NULL))
		fprintf(stderr, "parse-throughput: %s stream not complete\n", proto->name);
	c->events = c->tokens; /* per token, for the ns/event column */
	gw_decoder_free(&d);
}

static void run_sse_openai(const char *data, size_t len, struct counts *c)
{
	run_decoded(&gw_proto_openai, data, len, c);
}

static void run_ndjson_ollama(const char *data, size_t len, struct counts *c)
{
	run_decoded(&gw_proto_ollama, data, len, c);
}

/* --- NDJSON alone --- */

static int nd_noop(void *ctx, const char *line, size_t len)
{
	(void)line;
	(void)len;
	((struct counts *)ctx)->events++;
	return 0;
}

static void run_ndjson(const char *data, size_t len, struct counts *c)
{
	struct ndjson_parser p;

	ndjson_init(&p, 0, nd_noop, c);
	for (size_t off = 0; off < len; off += PIECE)
		if (ndjson_feed(&p, data + off, len - off < PIECE ? len - off : PIECE) != NDJSON_OK)
			break;
	ndjson_finish(&p);
	ndjson_free(&p);
}

static void bench(const char *label, void (*run)(const char *, size_t, struct counts *),
		  const char *data, size_t len)
{
	double best = 1e9;
	struct counts c = { 0 };

	for (int i = 0; i < PASSES; i++) {
		memset(&c, 0, sizeof c);
		double t0 = now_s();
		run(data, len, &c);
		double t = now_s() - t0;
		if (t < best)
			best = t;
	}
	printf("parse %-34s %6.1f MB in %7.2f ms: %8.1f MB/s, %6.0f ns/event (%ld events",
	       label, (double)len / 1e6, best * 1e3, (double)len / 1e6 / best,
	       best * 1e9 / (double)(c.events ? c.events : 1), c.events);
	if (c.tokens)
		printf(", %ld tokens", c.tokens);
	printf("; best of %d)\n", PASSES);
}

int main(int argc, char **argv)
{
	size_t slen, nlen;
	char *sse, *nd;

	if (argc != 3) {
		fprintf(stderr, "usage: parse-throughput SSE_FILE NDJSON_FILE\n");
		return 2;
	}
	sse = read_file(argv[1], &slen);
	nd = read_file(argv[2], &nlen);
	bench("SSE only:", run_sse, sse, slen);
	bench("SSE + openai + gw_stream:", run_sse_openai, sse, slen);
	bench("NDJSON only:", run_ndjson, nd, nlen);
	bench("NDJSON + ollama + gw_stream:", run_ndjson_ollama, nd, nlen);
	free(sse);
	free(nd);
	return 0;
}
