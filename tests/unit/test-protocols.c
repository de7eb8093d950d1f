/* test-protocols: unit tests of the Responses, Anthropic Messages, Ollama
 * and TGI wire formats (src/gateway/responses.c, anthropic.c, ollama.c,
 * tgi.c): request bodies as exact JSON, and wire streams fed through the
 * real SSE parser or the NDJSON splitter, whole, byte by byte and in
 * pieces of 7, into a gw_stream.
 *
 * Streams quote PROTOCOLS.md where it has server output (Ollama §6.1,
 * §6.2; TGI §5.2, §5.3, including the 2023 `data:` form without a space);
 * the Responses and Anthropic events follow the shapes llama-server's
 * server-task.cpp writes (no output_index, item_id only, a bare error
 * object after `event: error`, §11) and the shapes of the OpenAI and
 * Anthropic API references. */
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "check.h"
#include "gateway/gateway.h"
#include "gateway/ndjson.h"
#include "gateway/proto.h"
#include "gateway/sse.h"
#include "gateway/stream.h"

/* One SSE event with a name, and one without. */
#define EV(type, json) "event: " type "\ndata: " json "\n\n"
#define DATA(json) "data: " json "\n\n"

struct feed {
	const struct gw_proto *proto;
	struct gw_stream s;
};

/* Emitted pieces as T(text) for answer text, R(text) for reasoning. */
static void on_emit(void *ctx, enum msg_type type, const char *text, size_t len)
{
	struct buf *log = ctx;

	buf_append_str(log, type == MSG_TOKEN ? "T(" : type == MSG_REASONING ? "R(" : "?(");
	buf_append(log, text, len);
	buf_append_char(log, ')');
}

static int on_sse(void *ctx, const struct sse_event *ev)
{
	struct feed *f = ctx;

	return f->proto->on_event(&f->s, ev->type, ev->data, ev->data_len);
}

static int on_line(void *ctx, const char *line, size_t len)
{
	struct feed *f = ctx;

	return f->proto->on_event(&f->s, "", line, len);
}

/* Everything one answer left in the stream, as one line: the pieces,
 * then finish, usage, complete, model, tool calls, error, and "cut" when
 * the framing parser saw an unterminated event or line. */
static char *summary(const struct gw_stream *s, const char *log, int cut)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s|finish=%s|usage=%ld/%ld|complete=%d", log,
		   s->finish_reason ? s->finish_reason : "-", s->prompt_tokens,
		   s->completion_tokens, s->complete);
	if (s->model)
		buf_printf(&b, "|model=%s", s->model);
	for (size_t i = 0; i < s->ncalls; i++)
		buf_printf(&b, "|call %d %s %s %s", s->calls[i].index,
			   s->calls[i].id ? s->calls[i].id : "-",
			   s->calls[i].name ? s->calls[i].name : "-",
			   s->calls[i].args.data ? s->calls[i].args.data : "");
	if (s->error)
		buf_printf(&b, "|error=%s", s->error);
	if (cut)
		buf_append_str(&b, "|cut");
	return buf_steal(&b);
}

/* Feed the stream in pieces of step bytes (0: all at once) through the
 * protocol's framing, stopping as the gateway does once an error is set
 * or a feed fails; then end the stream and flush held text. */
static char *run(const struct gw_proto *proto, const char *in, size_t step)
{
	struct buf log = BUF_INIT;
	struct feed f = { .proto = proto };
	struct sse_parser sp;
	struct ndjson_parser np;
	size_t len = strlen(in);
	int ok = 1, sse = proto->framing == GW_FRAMING_SSE;

	gw_stream_init(&f.s, on_emit, &log);
	sse_init(&sp, 0, on_sse, &f);
	ndjson_init(&np, 0, on_line, &f);
	if (step == 0)
		step = len ? len : 1;
	for (size_t i = 0; i < len && ok && f.s.error == NULL; i += step) {
		size_t n = len - i < step ? len - i : step;
		ok = sse ? sse_feed(&sp, in + i, n) == SSE_OK : ndjson_feed(&np, in + i, n) == NDJSON_OK;
	}
	int cut = sse ? sse_finish(&sp) : ndjson_finish(&np);
	gw_stream_flush(&f.s);
	buf_append(&log, "", 0);
	char *out = summary(&f.s, log.data, cut);
	sse_free(&sp);
	ndjson_free(&np);
	gw_stream_free(&f.s);
	buf_free(&log);
	return out;
}

/* run() whole, byte by byte and in pieces of 7: all must agree. */
static char *run_all(const struct gw_proto *proto, const char *in)
{
	char *whole = run(proto, in, 0);
	size_t steps[] = { 1, 7 };

	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		char *split = run(proto, in, steps[i]);
		CHECK_STR(split, whole);
		free(split);
	}
	return whole;
}

static void expect_stream(const struct gw_proto *proto, const char *in, const char *want)
{
	char *got = run_all(proto, in);

	CHECK_STR(got, want);
	free(got);
}

/* parse_whole on a body, as for a server that ignored "stream". */
static void expect_whole(const struct gw_proto *proto, const char *body, const char *want)
{
	struct buf log = BUF_INIT;
	struct gw_stream s;

	gw_stream_init(&s, on_emit, &log);
	proto->parse_whole(&s, body, strlen(body));
	gw_stream_flush(&s);
	buf_append(&log, "", 0);
	char *got = summary(&s, log.data, 0);
	CHECK_STR(got, want);
	free(got);
	gw_stream_free(&s);
	buf_free(&log);
}

static const struct gw_message conversation[] = {
	{ "system", "You are terse." },
	{ "user", "Hi" },
	{ "assistant", "Hello." },
	{ "user", "Sum 2+2" },
};

/* The whole conversation, and the same without its system message. */
#define ALL conversation, 4
#define NO_SYSTEM conversation + 1, 3

static void expect_body(const struct gw_proto *proto, const char *model, double temperature,
			long max_tokens, long context, const struct gw_message *messages,
			size_t nmessages, const char *want)
{
	struct gateway_request req = {
		.messages = messages,
		.nmessages = nmessages,
		.temperature = temperature,
		.max_tokens = max_tokens,
		.model = model,
		.context = context,
	};
	char *got = proto->request_body(&req);

	CHECK_STR(got, want);
	free(got);
}

static void test_table(void)
{
	CHECK(gw_proto_find("responses") == &gw_proto_responses);
	CHECK(gw_proto_find("anthropic") == &gw_proto_anthropic);
	CHECK(gw_proto_find("ollama") == &gw_proto_ollama);
	CHECK(gw_proto_find("tgi") == &gw_proto_tgi);
	CHECK_STR(gw_proto_responses.path, "/v1/responses");
	CHECK_STR(gw_proto_anthropic.path, "/v1/messages");
	CHECK_STR(gw_proto_ollama.path, "/api/chat");
	CHECK_STR(gw_proto_tgi.path, "/generate_stream");
	CHECK(gw_proto_responses.framing == GW_FRAMING_SSE);
	CHECK(gw_proto_anthropic.framing == GW_FRAMING_SSE);
	CHECK(gw_proto_ollama.framing == GW_FRAMING_NDJSON);
	CHECK(gw_proto_tgi.framing == GW_FRAMING_SSE);
	CHECK(gw_proto_anthropic.auth == GW_AUTH_X_API_KEY);
	CHECK(gw_proto_responses.auth == GW_AUTH_BEARER);
	CHECK(gw_proto_ollama.auth == GW_AUTH_BEARER);
	CHECK(gw_proto_tgi.auth == GW_AUTH_BEARER);
	CHECK_STR(gw_proto_anthropic.extra_header, "anthropic-version: 2023-06-01");
	CHECK(gw_proto_responses.extra_header == NULL);
	CHECK(gw_proto_ollama.extra_header == NULL);
	CHECK(gw_proto_tgi.extra_header == NULL);
}

/* What every protocol does with an empty data line and with an event that
 * is not JSON. */
static void test_common_rules(void)
{
	const struct gw_proto *sse_protos[] = { &gw_proto_responses, &gw_proto_anthropic,
						&gw_proto_tgi };

	for (size_t i = 0; i < sizeof sse_protos / sizeof sse_protos[0]; i++) {
		expect_stream(sse_protos[i], "data:\n\n:\n\n",
			      "|finish=-|usage=-1/-1|complete=0");
		expect_stream(sse_protos[i], "data: {\"oops\"\n\ndata: {}\n\n",
			      "|finish=-|usage=-1/-1|complete=0|error=the stream carried an event "
			      "that is not JSON: {\"oops\"");
	}
	expect_stream(&gw_proto_ollama, "{\"oops\"\n{}\n",
		      "|finish=-|usage=-1/-1|complete=0|error=the stream carried an event that is "
		      "not JSON: {\"oops\"");
}
