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
#include "gateway/decoder.h"
#include "gateway/gateway.h"
#include "gateway/ndjson.h"
#include "gateway/proto.h"
#include "gateway/sse.h"
#include "gateway/stream.h"

/* One SSE event with a name, and one without. */
#define EV(type, json) "event: " type "\ndata: " json "\n\n"
#define DATA(json) "data: " json "\n\n"

/* Emitted pieces as T(text) for answer text, R(text) for reasoning. */
static void on_emit(void *ctx, enum msg_type type, const char *text, size_t len)
{
	struct buf *log = ctx;

	buf_append_str(log, type == MSG_TOKEN ? "T(" : type == MSG_REASONING ? "R(" : "?(");
	buf_append(log, text, len);
	buf_append_char(log, ')');
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
 * gateway's decoder (the protocol's framing and event decoder), then end
 * the stream. */
static char *run(const struct gw_proto *proto, const char *in, size_t step)
{
	struct buf log = BUF_INIT;
	struct gw_decoder d;
	size_t len = strlen(in);

	gw_decoder_init(&d, proto, on_emit, &log);
	if (step == 0)
		step = len ? len : 1;
	for (size_t i = 0; i < len; i += step)
		gw_decoder_feed(&d, in + i, len - i < step ? len - i : step);
	int cut = gw_decoder_finish(&d);
	buf_append(&log, "", 0);
	char *out = summary(&d.stream, log.data, cut);
	gw_decoder_free(&d);
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

/* ---- Responses API ---- */

static void test_responses_body(void)
{
	expect_body(&gw_proto_responses, "gpt-4.1-mini", 0.2, 100, 8192, ALL,
		    "{\"model\":\"gpt-4.1-mini\",\"input\":[{\"role\":\"user\",\"content\":\"Hi\"},"
		    "{\"role\":\"assistant\",\"content\":\"Hello.\"},{\"role\":\"user\",\"content\":"
		    "\"Sum 2+2\"}],\"instructions\":\"You are terse.\",\"stream\":true,\"temperature\":"
		    "0.2,\"max_output_tokens\":100}");
	expect_body(&gw_proto_responses, "", 0, 0, 0, NO_SYSTEM,
		    "{\"input\":[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\","
		    "\"content\":\"Hello.\"},{\"role\":\"user\",\"content\":\"Sum 2+2\"}],\"stream\":"
		    "true,\"temperature\":0}");
}

/* The OpenAI shape: every event numbered, a message item at output_index 0. */
static const char responses_openai_stream[] =
	EV("response.created", "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":"
	   "{\"id\":\"resp_67c9fdcecf488190\",\"object\":\"response\",\"created_at\":1741290958,"
	   "\"status\":\"in_progress\",\"error\":null,\"incomplete_details\":null,\"model\":"
	   "\"gpt-4.1-2025-04-14\",\"output\":[],\"usage\":null}}")
	EV("response.in_progress", "{\"type\":\"response.in_progress\",\"sequence_number\":1,"
	   "\"response\":{\"id\":\"resp_67c9fdcecf488190\",\"object\":\"response\",\"status\":"
	   "\"in_progress\",\"model\":\"gpt-4.1-2025-04-14\",\"output\":[]}}")
	EV("response.output_item.added", "{\"type\":\"response.output_item.added\","
	   "\"sequence_number\":2,\"output_index\":0,\"item\":{\"id\":\"msg_67c9fdcf37fc8190\","
	   "\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}}")
	EV("response.content_part.added", "{\"type\":\"response.content_part.added\","
	   "\"sequence_number\":3,\"item_id\":\"msg_67c9fdcf37fc8190\",\"output_index\":0,"
	   "\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"\",\"annotations\":[]}}")
	EV("response.output_text.delta", "{\"type\":\"response.output_text.delta\","
	   "\"sequence_number\":4,\"item_id\":\"msg_67c9fdcf37fc8190\",\"output_index\":0,"
	   "\"content_index\":0,\"delta\":\"Hi\"}")
	EV("response.output_text.delta", "{\"type\":\"response.output_text.delta\","
	   "\"sequence_number\":5,\"item_id\":\"msg_67c9fdcf37fc8190\",\"output_index\":0,"
	   "\"content_index\":0,\"delta\":\" there, w\\u00f6rld!\"}")
	EV("response.output_text.done", "{\"type\":\"response.output_text.done\","
	   "\"sequence_number\":6,\"item_id\":\"msg_67c9fdcf37fc8190\",\"output_index\":0,"
	   "\"content_index\":0,\"text\":\"Hi there, w\\u00f6rld!\"}")
	EV("response.content_part.done", "{\"type\":\"response.content_part.done\","
	   "\"sequence_number\":7,\"item_id\":\"msg_67c9fdcf37fc8190\",\"output_index\":0,"
	   "\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"Hi there, w\\u00f6rld!\","
	   "\"annotations\":[]}}")
	EV("response.output_item.done", "{\"type\":\"response.output_item.done\","
	   "\"sequence_number\":8,\"output_index\":0,\"item\":{\"id\":\"msg_67c9fdcf37fc8190\","
	   "\"type\":\"message\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":[{\"type\":"
	   "\"output_text\",\"text\":\"Hi there, w\\u00f6rld!\",\"annotations\":[]}]}}")
	EV("response.completed", "{\"type\":\"response.completed\",\"sequence_number\":9,"
	   "\"response\":{\"id\":\"resp_67c9fdcecf488190\",\"object\":\"response\",\"status\":"
	   "\"completed\",\"error\":null,\"incomplete_details\":null,\"model\":\"gpt-4.1-2025-04-14\","
	   "\"output\":[{\"id\":\"msg_67c9fdcf37fc8190\",\"type\":\"message\",\"status\":\"completed\","
	   "\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"Hi there, "
	   "w\\u00f6rld!\",\"annotations\":[]}]}],\"usage\":{\"input_tokens\":37,"
	   "\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":11,"
	   "\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":48}}}");

static void test_responses_openai_stream(void)
{
	expect_stream(&gw_proto_responses, responses_openai_stream,
		      "T(Hi)T( there, wörld!)|finish=stop|usage=37/11|complete=1"
		      "|model=gpt-4.1-2025-04-14");
}

/* llama-server's shape (server-task.cpp): no output_index, no sequence
 * numbers, function_call items named by call_id only, argument deltas by
 * item_id; the final events repeat everything in *.done items. */
static const char responses_llama_stream[] =
	EV("response.created", "{\"type\":\"response.created\",\"response\":{\"id\":\"resp_Kq2\","
	   "\"object\":\"response\",\"status\":\"in_progress\"}}")
	EV("response.in_progress", "{\"type\":\"response.in_progress\",\"response\":{\"id\":"
	   "\"resp_Kq2\",\"object\":\"response\",\"status\":\"in_progress\"}}")
	EV("response.output_item.added", "{\"type\":\"response.output_item.added\",\"item\":{\"id\":"
	   "\"rs_Xy\",\"summary\":[],\"type\":\"reasoning\",\"content\":[],\"encrypted_content\":\"\","
	   "\"status\":\"in_progress\"}}")
	EV("response.reasoning_text.delta", "{\"type\":\"response.reasoning_text.delta\",\"delta\":"
	   "\"Weather\",\"item_id\":\"rs_Xy\"}")
	EV("response.reasoning_text.delta", "{\"type\":\"response.reasoning_text.delta\",\"delta\":"
	   "\" tool.\",\"item_id\":\"rs_Xy\"}")
	EV("response.output_item.added", "{\"type\":\"response.output_item.added\",\"item\":"
	   "{\"content\":[],\"id\":\"msg_Ab\",\"role\":\"assistant\",\"status\":\"in_progress\","
	   "\"type\":\"message\"}}")
	EV("response.content_part.added", "{\"type\":\"response.content_part.added\",\"item_id\":"
	   "\"msg_Ab\",\"part\":{\"type\":\"output_text\",\"text\":\"\"}}")
	EV("response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"item_id\":"
	   "\"msg_Ab\",\"delta\":\"Checking.\"}")
	EV("response.output_item.added", "{\"type\":\"response.output_item.added\",\"item\":"
	   "{\"arguments\":\"\",\"call_id\":\"fc_c1\",\"name\":\"get_weather\",\"type\":"
	   "\"function_call\",\"status\":\"in_progress\"}}")
	EV("response.function_call_arguments.delta", "{\"type\":"
	   "\"response.function_call_arguments.delta\",\"delta\":\"{\\\"city\\\":\",\"item_id\":"
	   "\"fc_c1\"}")
	EV("response.function_call_arguments.delta", "{\"type\":"
	   "\"response.function_call_arguments.delta\",\"delta\":\"\\\"Paris\\\"}\",\"item_id\":"
	   "\"fc_c1\"}")
	EV("response.output_item.added", "{\"type\":\"response.output_item.added\",\"item\":"
	   "{\"arguments\":\"\",\"call_id\":\"fc_c2\",\"name\":\"get_time\",\"type\":"
	   "\"function_call\",\"status\":\"in_progress\"}}")
	EV("response.function_call_arguments.delta", "{\"type\":"
	   "\"response.function_call_arguments.delta\",\"delta\":\"{}\",\"item_id\":\"fc_c2\"}")
	EV("response.output_item.done", "{\"type\":\"response.output_item.done\",\"item\":{\"id\":"
	   "\"rs_Xy\",\"summary\":[],\"type\":\"reasoning\",\"content\":[{\"text\":\"Weather tool.\","
	   "\"type\":\"reasoning_text\"}],\"encrypted_content\":\"\"}}")
	EV("response.output_text.done", "{\"type\":\"response.output_text.done\",\"item_id\":"
	   "\"msg_Ab\",\"text\":\"Checking.\"}")
	EV("response.output_item.done", "{\"type\":\"response.output_item.done\",\"item\":{\"type\":"
	   "\"message\",\"status\":\"completed\",\"id\":\"msg_Ab\",\"content\":[{\"type\":"
	   "\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"Checking.\"}],\"role\":"
	   "\"assistant\"}}")
	EV("response.output_item.done", "{\"type\":\"response.output_item.done\",\"item\":{\"type\":"
	   "\"function_call\",\"status\":\"completed\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\","
	   "\"call_id\":\"fc_c1\",\"name\":\"get_weather\"}}")
	EV("response.output_item.done", "{\"type\":\"response.output_item.done\",\"item\":{\"type\":"
	   "\"function_call\",\"status\":\"completed\",\"arguments\":\"{}\",\"call_id\":\"fc_c2\","
	   "\"name\":\"get_time\"}}")
	EV("response.completed", "{\"type\":\"response.completed\",\"response\":{\"id\":\"resp_Kq2\","
	   "\"object\":\"response\",\"created_at\":1767225600,\"status\":\"completed\",\"model\":"
	   "\"Qwen3-8B-Q4_K_M.gguf\",\"output\":[{\"type\":\"message\",\"content\":[{\"type\":"
	   "\"output_text\",\"text\":\"Checking.\"}]}],\"usage\":{\"input_tokens\":120,"
	   "\"output_tokens\":31,\"total_tokens\":151}}}");

static void test_responses_llama_stream(void)
{
	expect_stream(&gw_proto_responses, responses_llama_stream,
		      "R(Weather)R( tool.)T(Checking.)|finish=tool_calls|usage=120/31|complete=1"
		      "|model=Qwen3-8B-Q4_K_M.gguf|call 0 fc_c1 get_weather {\"city\":\"Paris\"}"
		      "|call 1 fc_c2 get_time {}");
}

/* OpenAI numbers items: a reasoning summary at 0, the call at 1; the
 * call_id is kept, and output_item.done does not repeat the arguments. */
static void test_responses_openai_function_call(void)
{
	expect_stream(&gw_proto_responses,
		EV("response.output_item.added", "{\"type\":\"response.output_item.added\","
		   "\"output_index\":0,\"item\":{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":[]}}")
		EV("response.reasoning_summary_text.delta", "{\"type\":"
		   "\"response.reasoning_summary_text.delta\",\"item_id\":\"rs_1\",\"output_index\":0,"
		   "\"summary_index\":0,\"delta\":\"Need the weather.\"}")
		EV("response.output_item.added", "{\"type\":\"response.output_item.added\","
		   "\"output_index\":1,\"item\":{\"id\":\"fc_12345xyz\",\"call_id\":\"call_12345xyz\","
		   "\"type\":\"function_call\",\"name\":\"get_weather\",\"arguments\":\"\","
		   "\"status\":\"in_progress\"}}")
		EV("response.function_call_arguments.delta", "{\"type\":"
		   "\"response.function_call_arguments.delta\",\"item_id\":\"fc_12345xyz\","
		   "\"output_index\":1,\"delta\":\"{\\\"location\\\":\"}")
		EV("response.function_call_arguments.delta", "{\"type\":"
		   "\"response.function_call_arguments.delta\",\"item_id\":\"fc_12345xyz\","
		   "\"output_index\":1,\"delta\":\"\\\"Paris, France\\\"}\"}")
		EV("response.function_call_arguments.done", "{\"type\":"
		   "\"response.function_call_arguments.done\",\"item_id\":\"fc_12345xyz\","
		   "\"output_index\":1,\"arguments\":\"{\\\"location\\\":\\\"Paris, France\\\"}\"}")
		EV("response.output_item.done", "{\"type\":\"response.output_item.done\","
		   "\"output_index\":1,\"item\":{\"id\":\"fc_12345xyz\",\"call_id\":\"call_12345xyz\","
		   "\"type\":\"function_call\",\"name\":\"get_weather\",\"arguments\":"
		   "\"{\\\"location\\\":\\\"Paris, France\\\"}\",\"status\":\"completed\"}}")
		EV("response.completed", "{\"type\":\"response.completed\",\"response\":{\"status\":"
		   "\"completed\",\"model\":\"o4-mini-2025-04-16\",\"usage\":{\"input_tokens\":50,"
		   "\"output_tokens\":40}}}"),
		"R(Need the weather.)|finish=tool_calls|usage=50/40|complete=1"
		"|model=o4-mini-2025-04-16|call 1 call_12345xyz get_weather "
		"{\"location\":\"Paris, France\"}");
}

/* Without `event:` lines the JSON type decides; [DONE] from a proxy is
 * no error. */
static void test_responses_type_from_json(void)
{
	expect_stream(&gw_proto_responses,
		DATA("{\"type\":\"response.output_text.delta\",\"delta\":\"ok\"}")
		DATA("{\"type\":\"response.completed\",\"response\":{\"status\":\"completed\","
		     "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}")
		DATA("[DONE]"),
		"T(ok)|finish=stop|usage=3/1|complete=1");
}

static void test_responses_incomplete(void)
{
	expect_stream(&gw_proto_responses,
		EV("response.output_text.delta", "{\"type\":\"response.output_text.delta\","
		   "\"delta\":\"Once upon\"}")
		EV("response.incomplete", "{\"type\":\"response.incomplete\",\"response\":{\"status\":"
		   "\"incomplete\",\"incomplete_details\":{\"reason\":\"max_output_tokens\"},\"model\":"
		   "\"gpt-4.1\",\"usage\":{\"input_tokens\":9,\"output_tokens\":16}}}"),
		"T(Once upon)|finish=length|usage=9/16|complete=1|model=gpt-4.1");
	expect_stream(&gw_proto_responses,
		EV("response.incomplete", "{\"type\":\"response.incomplete\",\"response\":{\"status\":"
		   "\"incomplete\",\"incomplete_details\":{\"reason\":\"content_filter\"}}}"),
		"|finish=content_filter|usage=-1/-1|complete=1");
}

static void test_responses_errors(void)
{
	expect_stream(&gw_proto_responses,
		EV("response.output_text.delta", "{\"type\":\"response.output_text.delta\","
		   "\"delta\":\"Par\"}")
		EV("response.failed", "{\"type\":\"response.failed\",\"response\":{\"status\":"
		   "\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"The model crashed\"},"
		   "\"incomplete_details\":null}}"),
		"T(Par)|finish=-|usage=-1/-1|complete=0|error=server_error: The model crashed");
	/* An error is final even when a good end follows. */
	expect_stream(&gw_proto_responses,
		EV("error", "{\"type\":\"error\",\"code\":\"rate_limit_exceeded\",\"message\":"
		   "\"Rate limit reached\",\"param\":null,\"sequence_number\":2}")
		EV("response.completed", "{\"type\":\"response.completed\",\"response\":{\"status\":"
		   "\"completed\"}}"),
		"|finish=-|usage=-1/-1|complete=0|error=rate_limit_exceeded: Rate limit reached");
	/* llama-server after streaming began: data: {"error":{...}}, code is
	 * the HTTP status, so the type names it. */
	expect_stream(&gw_proto_responses,
		EV("response.output_text.delta", "{\"type\":\"response.output_text.delta\","
		   "\"delta\":\"Hi\"}")
		DATA("{\"error\":{\"code\":500,\"message\":\"Failed to parse input at pos 0\","
		     "\"type\":\"server_error\"}}"),
		"T(Hi)|finish=-|usage=-1/-1|complete=0|error=server_error: Failed to parse input at "
		"pos 0");
	expect_stream(&gw_proto_responses,
		EV("response.failed", "{\"type\":\"response.failed\",\"response\":{\"status\":"
		   "\"failed\",\"error\":null}}"),
		"|finish=-|usage=-1/-1|complete=0|error=the response failed without saying why");
}

static void test_responses_missing_end(void)
{
	expect_stream(&gw_proto_responses,
		EV("response.output_text.delta", "{\"type\":\"response.output_text.delta\","
		   "\"delta\":\"Hi\"}")
		"event: response.output_text.delta\ndata: {\"type\":",
		"T(Hi)|finish=-|usage=-1/-1|complete=0|cut");
}

/* A server that streamed nothing but put the answer in response.completed. */
static void test_responses_completed_only(void)
{
	expect_stream(&gw_proto_responses,
		EV("response.completed", "{\"type\":\"response.completed\",\"response\":{\"status\":"
		   "\"completed\",\"model\":\"m\",\"output\":[{\"type\":\"message\",\"content\":[{\"type\":"
		   "\"output_text\",\"text\":\"All at once\"}]}]}}"),
		"T(All at once)|finish=stop|usage=-1/-1|complete=1|model=m");
}

static void test_responses_whole(void)
{
	/* llama-server's non-streamed response (to_json_oaicompat_resp). */
	expect_whole(&gw_proto_responses,
		"{\"completed_at\":1767225600,\"created_at\":1767225600,\"id\":\"resp_Kq2\",\"model\":"
		"\"Qwen3-8B-Q4_K_M.gguf\",\"object\":\"response\",\"output\":[{\"id\":\"rs_Xy\","
		"\"summary\":[],\"type\":\"reasoning\",\"content\":[{\"text\":\"Weather tool.\",\"type\":"
		"\"reasoning_text\"}],\"encrypted_content\":\"\",\"status\":\"completed\"},{\"content\":"
		"[{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"Checking.\"}],"
		"\"id\":\"msg_Ab\",\"role\":\"assistant\",\"status\":\"completed\",\"type\":\"message\"},"
		"{\"type\":\"function_call\",\"status\":\"completed\",\"arguments\":"
		"\"{\\\"city\\\":\\\"Paris\\\"}\",\"call_id\":\"fc_c1\",\"name\":\"get_weather\"}],"
		"\"status\":\"completed\",\"usage\":{\"input_tokens\":120,\"output_tokens\":31,"
		"\"total_tokens\":151}}",
		"R(Weather tool.)T(Checking.)|finish=tool_calls|usage=120/31|complete=1"
		"|model=Qwen3-8B-Q4_K_M.gguf|call 0 fc_c1 get_weather {\"city\":\"Paris\"}");
	/* OpenAI: reasoning as a summary only, cut by the token limit. */
	expect_whole(&gw_proto_responses,
		"{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"incomplete\","
		"\"incomplete_details\":{\"reason\":\"max_output_tokens\"},\"error\":null,\"model\":"
		"\"o4-mini\",\"output\":[{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[{\"type\":"
		"\"summary_text\",\"text\":\"Thinking about it.\"}]},{\"type\":\"message\",\"id\":"
		"\"msg_1\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":"
		"\"Partial\",\"annotations\":[]}]}],\"usage\":{\"input_tokens\":5,\"output_tokens\":64}}",
		"R(Thinking about it.)T(Partial)|finish=length|usage=5/64|complete=1|model=o4-mini");
	expect_whole(&gw_proto_responses,
		"{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":"
		"\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}",
		"|finish=-|usage=-1/-1|complete=0|error=invalid_api_key: Incorrect API key provided");
	expect_whole(&gw_proto_responses,
		"{\"id\":\"resp_2\",\"object\":\"response\",\"status\":\"cancelled\",\"output\":[]}",
		"|finish=-|usage=-1/-1|complete=0|error=the response ended with status \"cancelled\"");
	expect_whole(&gw_proto_responses, "<html>",
		"|finish=-|usage=-1/-1|complete=0|error=the answer is neither a stream nor JSON: "
		"<html>");
}

/* ---- Anthropic Messages ---- */

static void test_anthropic_body(void)
{
	expect_body(&gw_proto_anthropic, "claude-sonnet-4-5", 0.2, 100, 8192, ALL,
		    "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"system\":\"You are terse.\","
		    "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\","
		    "\"content\":\"Hello.\"},{\"role\":\"user\",\"content\":\"Sum 2+2\"}],\"stream\":"
		    "true,\"temperature\":0.2}");
	/* The API requires a model and max_tokens: defaults are sent. */
	expect_body(&gw_proto_anthropic, NULL, 0, 0, 0, NO_SYSTEM,
		    "{\"model\":\"default\",\"max_tokens\":4096,\"messages\":[{\"role\":\"user\","
		    "\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Hello.\"},{\"role\":"
		    "\"user\",\"content\":\"Sum 2+2\"}],\"stream\":true,\"temperature\":0}");
}

/* Anthropic's reference stream, spaces after the colons as it sends them. */
static const char anthropic_basic_stream[] =
	EV("message_start", "{\"type\": \"message_start\", \"message\": {\"id\": "
	   "\"msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY\", \"type\": \"message\", \"role\": "
	   "\"assistant\", \"content\": [], \"model\": \"claude-opus-4-6\", \"stop_reason\": null, "
	   "\"stop_sequence\": null, \"usage\": {\"input_tokens\": 25, \"output_tokens\": 1}}}")
	EV("content_block_start", "{\"type\": \"content_block_start\", \"index\": 0, "
	   "\"content_block\": {\"type\": \"text\", \"text\": \"\"}}")
	EV("ping", "{\"type\": \"ping\"}")
	EV("content_block_delta", "{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": "
	   "{\"type\": \"text_delta\", \"text\": \"Hello\"}}")
	EV("content_block_delta", "{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": "
	   "{\"type\": \"text_delta\", \"text\": \"!\"}}")
	EV("content_block_stop", "{\"type\": \"content_block_stop\", \"index\": 0}")
	EV("message_delta", "{\"type\": \"message_delta\", \"delta\": {\"stop_reason\": "
	   "\"end_turn\", \"stop_sequence\":null}, \"usage\": {\"output_tokens\": 15}}")
	EV("message_stop", "{\"type\": \"message_stop\"}");

static void test_anthropic_basic_stream(void)
{
	expect_stream(&gw_proto_anthropic, anthropic_basic_stream,
		      "T(Hello)T(!)|finish=stop|usage=25/15|complete=1|model=claude-opus-4-6");
}

/* Thinking, text and a tool call, each its own block. */
static const char anthropic_tool_stream[] =
	EV("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_014p7gG3wDgGV9\","
	   "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":"
	   "[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":472,"
	   "\"output_tokens\":2}}}")
	EV("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
	   "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}")
	EV("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
	   "{\"type\":\"thinking_delta\",\"thinking\":\"The user wants weather.\"}}")
	EV("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
	   "{\"type\":\"signature_delta\",\"signature\":\"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrk\"}}")
	EV("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
	EV("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,"
	   "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
	EV("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":"
	   "{\"type\":\"text_delta\",\"text\":\"Okay, let's check.\"}}")
	EV("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}")
	EV("content_block_start", "{\"type\":\"content_block_start\",\"index\":2,"
	   "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_01T1x1fJ34qAmk2tNTrN7Up6\","
	   "\"name\":\"get_weather\",\"input\":{}}}")
	EV("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":"
	   "{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}")
	EV("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":"
	   "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"location\\\":\"}}")
	EV("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":"
	   "{\"type\":\"input_json_delta\",\"partial_json\":\" \\\"San Francisco, CA\\\"}\"}}")
	EV("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":2}")
	EV("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\","
	   "\"stop_sequence\":null},\"usage\":{\"output_tokens\":89}}")
	EV("message_stop", "{\"type\":\"message_stop\"}");

static void test_anthropic_tool_stream(void)
{
	expect_stream(&gw_proto_anthropic, anthropic_tool_stream,
		      "R(The user wants weather.)T(Okay, let's check.)|finish=tool_calls"
		      "|usage=472/89|complete=1|model=claude-sonnet-4-5"
		      "|call 2 toolu_01T1x1fJ34qAmk2tNTrN7Up6 get_weather "
		      "{\"location\": \"San Francisco, CA\"}");
}

/* llama-server (server-task.cpp): output_tokens 0 in message_start, the
 * tool_use block without input, a length stop. */
static void test_anthropic_llama_stream(void)
{
	expect_stream(&gw_proto_anthropic,
		EV("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":"
		   "\"chatcmpl-Ab12\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],"
		   "\"model\":\"gemma-3-1b-it-Q4_K_M.gguf\",\"stop_reason\":null,\"stop_sequence\":null,"
		   "\"usage\":{\"input_tokens\":14,\"output_tokens\":0}}}")
		EV("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
		   "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
		EV("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
		   "{\"type\":\"text_delta\",\"text\":\"Use \"}}")
		EV("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,"
		   "\"content_block\":{\"type\":\"tool_use\",\"id\":\"call_9\",\"name\":\"run\"}}")
		EV("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":"
		   "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"cmd\\\":\\\"ls\"}}")
		EV("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
		EV("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}")
		EV("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
		   "\"max_tokens\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":8}}")
		EV("message_stop", "{\"type\":\"message_stop\"}"),
		"T(Use )|finish=length|usage=14/8|complete=1|model=gemma-3-1b-it-Q4_K_M.gguf"
		"|call 1 call_9 run {\"cmd\":\"ls");
}

static void test_anthropic_errors(void)
{
	expect_stream(&gw_proto_anthropic,
		EV("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
		   "{\"type\":\"text_delta\",\"text\":\"Hel\"}}")
		EV("error", "{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", "
		   "\"message\": \"Overloaded\"}}")
		EV("message_stop", "{\"type\":\"message_stop\"}"),
		"T(Hel)|finish=-|usage=-1/-1|complete=0|error=overloaded_error: Overloaded");
	/* llama-server: event: error with the bare error object (§11). */
	expect_stream(&gw_proto_anthropic,
		EV("error", "{\"code\":500,\"message\":\"Failed to parse input at pos 0\",\"type\":"
		   "\"server_error\"}"),
		"|finish=-|usage=-1/-1|complete=0|error=server_error: Failed to parse input at pos 0");
	expect_stream(&gw_proto_anthropic,
		DATA("{\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}"),
		"|finish=-|usage=-1/-1|complete=0|error=api_error: Internal server error");
	expect_stream(&gw_proto_anthropic, DATA("{\"error\":\"boom\"}"),
		      "|finish=-|usage=-1/-1|complete=0|error=boom");
	expect_stream(&gw_proto_anthropic, EV("error", "{\"type\":\"error\"}"),
		      "|finish=-|usage=-1/-1|complete=0|error=the server reported an error without "
		      "a message");
}

/* Without message_stop the answer is not complete, though its stop reason
 * came; after message_stop a proxy's [DONE] is no error. */
static void test_anthropic_end(void)
{
	expect_stream(&gw_proto_anthropic,
		EV("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
		   "{\"type\":\"text_delta\",\"text\":\"Hi\"}}")
		EV("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
		   "\"end_turn\"},\"usage\":{\"output_tokens\":1}}"),
		"T(Hi)|finish=stop|usage=-1/1|complete=0");
	expect_stream(&gw_proto_anthropic,
		EV("message_stop", "{\"type\":\"message_stop\"}") DATA("[DONE]"),
		"|finish=-|usage=-1/-1|complete=1");
}

static void test_anthropic_whole(void)
{
	expect_whole(&gw_proto_anthropic,
		"{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\",\"model\":"
		"\"claude-sonnet-4-5\",\"content\":[{\"type\":\"thinking\",\"thinking\":"
		"\"Weather needed.\",\"signature\":\"abc\"},{\"type\":\"text\",\"text\":\"Checking.\"},"
		"{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"get_weather\",\"input\":"
		"{\"location\": \"Paris\", \"unit\": \"c\"}}],\"stop_reason\":\"tool_use\","
		"\"stop_sequence\":null,\"usage\":{\"input_tokens\":40,\"output_tokens\":22}}",
		"R(Weather needed.)T(Checking.)|finish=tool_calls|usage=40/22|complete=1"
		"|model=claude-sonnet-4-5|call 2 toolu_01 get_weather "
		"{\"location\":\"Paris\",\"unit\":\"c\"}");
	expect_whole(&gw_proto_anthropic,
		"{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
		"\"max_tokens: Field required\"}}",
		"|finish=-|usage=-1/-1|complete=0|error=invalid_request_error: max_tokens: Field "
		"required");
}

/* ---- Ollama native ---- */

static void test_ollama_body(void)
{
	expect_body(&gw_proto_ollama, "llama3.2", 0.2, 100, 8192, ALL,
		    "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"system\",\"content\":"
		    "\"You are terse.\"},{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\","
		    "\"content\":\"Hello.\"},{\"role\":\"user\",\"content\":\"Sum 2+2\"}],\"stream\":"
		    "true,\"options\":{\"temperature\":0.2,\"num_ctx\":8192,\"num_predict\":100}}");
	expect_body(&gw_proto_ollama, "qwen3:8b", 0.7, 0, 0, NO_SYSTEM,
		    "{\"model\":\"qwen3:8b\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
		    "{\"role\":\"assistant\",\"content\":\"Hello.\"},{\"role\":\"user\",\"content\":"
		    "\"Sum 2+2\"}],\"stream\":true,\"options\":{\"temperature\":0.7}}");
}

/* §6.1's /api/chat chunks, one object per line as on the wire. */
#define OLLAMA_CHAT_STREAM                                                                    \
	"{\"model\":\"llama3.2\",\"created_at\":\"2023-08-04T08:52:19.385406455-07:00\","      \
	"\"message\":{\"role\":\"assistant\",\"content\":\"The\",\"images\":null},\"done\":false}\n" \
	"{\"model\":\"llama3.2\",\"created_at\":\"2023-08-04T08:52:19.404161749-07:00\","      \
	"\"message\":{\"role\":\"assistant\",\"content\":\" sky\",\"images\":null},"           \
	"\"done\":false}\n"                                                                    \
	"{\"model\":\"llama3.2\",\"created_at\":\"2023-08-04T19:22:45.499127Z\",\"message\":"  \
	"{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"total_duration\":4883583458," \
	"\"load_duration\":1334875,\"prompt_eval_count\":26,\"prompt_eval_duration\":342546000," \
	"\"eval_count\":282,\"eval_duration\":4535599000}"

static void test_ollama_chat_stream(void)
{
	const char *want = "T(The)T( sky)|finish=stop|usage=26/282|complete=1|model=llama3.2";

	expect_stream(&gw_proto_ollama, OLLAMA_CHAT_STREAM "\n", want);
	/* The same through a proxy that writes CRLF, with a BOM and blank lines. */
	expect_stream(&gw_proto_ollama,
		      "\xEF\xBB\xBF"
		      "{\"model\":\"llama3.2\",\"message\":{\"content\":\"The\"},\"done\":false}\r\n\r\n"
		      "{\"model\":\"llama3.2\",\"message\":{\"content\":\" sky\"},\"done\":false}\r\n"
		      "{\"model\":\"llama3.2\",\"message\":{\"content\":\"\"},\"done\":true,"
		      "\"prompt_eval_count\":26,\"eval_count\":282}\r\n",
		      want);
}

/* §6.1's streamed tool call (whole, arguments an object, no id), then one
 * from a newer Ollama with an id; "stop" after calls means tool_calls. */
static void test_ollama_tool_calls(void)
{
	expect_stream(&gw_proto_ollama,
		"{\"model\":\"llama3.2\",\"created_at\":\"2025-07-07T20:22:19.184789Z\",\"message\":"
		"{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":"
		"\"get_weather\",\"arguments\":{\"city\":\"Tokyo\"}}}]},\"done\":false}\n"
		"{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"\","
		"\"tool_calls\":[{\"id\":\"call_x1\",\"function\":{\"index\":1,\"name\":\"get_time\","
		"\"arguments\":{\"tz\":\"Asia/Tokyo\",\"fmt\":null}}}]},\"done\":false}\n"
		"{\"model\":\"llama3.2\",\"created_at\":\"2025-07-07T20:22:19.19314Z\",\"message\":"
		"{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"stop\",\"done\":true,"
		"\"total_duration\":182242375,\"load_duration\":41295167,\"prompt_eval_count\":169,"
		"\"prompt_eval_duration\":24573166,\"eval_count\":15,\"eval_duration\":115959084}\n",
		"|finish=tool_calls|usage=169/15|complete=1|model=llama3.2"
		"|call 0 - get_weather {\"city\":\"Tokyo\"}"
		"|call 1 call_x1 get_time {\"tz\":\"Asia/Tokyo\",\"fmt\":null}");
}

static void test_ollama_thinking(void)
{
	expect_stream(&gw_proto_ollama,
		"{\"model\":\"qwen3:8b\",\"message\":{\"role\":\"assistant\",\"content\":\"\","
		"\"thinking\":\"2+2\"},\"done\":false}\n"
		"{\"model\":\"qwen3:8b\",\"message\":{\"role\":\"assistant\",\"content\":\"\","
		"\"thinking\":\" is 4.\"},\"done\":false}\n"
		"{\"model\":\"qwen3:8b\",\"message\":{\"role\":\"assistant\",\"content\":\"4\"},"
		"\"done\":false}\n"
		"{\"model\":\"qwen3:8b\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
		"\"done\":true,\"done_reason\":\"length\",\"prompt_eval_count\":11,\"eval_count\":9}\n",
		"R(2+2)R( is 4.)T(4)|finish=length|usage=11/9|complete=1|model=qwen3:8b");
}

/* A model that writes its reasoning inline, the tags split across lines. */
static void test_ollama_inline_think(void)
{
	expect_stream(&gw_proto_ollama,
		"{\"message\":{\"content\":\"<th\"},\"done\":false}\n"
		"{\"message\":{\"content\":\"ink>Let me\"},\"done\":false}\n"
		"{\"message\":{\"content\":\" think</thi\"},\"done\":false}\n"
		"{\"message\":{\"content\":\"nk>\\n\\nAnswer\"},\"done\":false}\n"
		"{\"message\":{\"content\":\"\"},\"done\":true}\n",
		"R(Let me)R( think)T(Answer)|finish=stop|usage=-1/-1|complete=1");
}

/* §6.2: a mid-stream error is one line; what follows cannot undo it. */
static void test_ollama_error(void)
{
	expect_stream(&gw_proto_ollama,
		"{\"model\":\"gemma4\",\"created_at\":\"2025-10-26T17:21:21.196249Z\",\"message\":"
		"{\"role\":\"assistant\",\"content\":\" Yes\"},\"done\":false}\n"
		"{\"model\":\"gemma4\",\"created_at\":\"2025-10-26T17:21:21.207235Z\",\"message\":"
		"{\"role\":\"assistant\",\"content\":\".\"},\"done\":false}\n"
		"{\"error\":\"an error was encountered while running the model\"}\n"
		"{\"model\":\"gemma4\",\"message\":{\"content\":\"\"},\"done\":true}\n",
		"T( Yes)T(.)|finish=-|usage=-1/-1|complete=0|model=gemma4"
		"|error=an error was encountered while running the model");
}

static void test_ollama_missing_end(void)
{
	expect_stream(&gw_proto_ollama,
		"{\"model\":\"llama3.2\",\"message\":{\"content\":\"The\"},\"done\":false}\n"
		"{\"model\":\"llama3.2\",\"message\":{\"content\":\" sk",
		"T(The)|finish=-|usage=-1/-1|complete=0|model=llama3.2|cut");
}

static void test_ollama_whole(void)
{
	/* "stream": false, as docs/api.md shows it (pretty-printed). */
	expect_whole(&gw_proto_ollama,
		"{\n  \"model\": \"llama3.2\",\n  \"created_at\": \"2023-12-12T14:13:43.416799Z\",\n"
		"  \"message\": {\n    \"role\": \"assistant\",\n    \"content\": \"Hello! How are you "
		"today?\"\n  },\n  \"done\": true,\n  \"total_duration\": 5191566416,\n"
		"  \"load_duration\": 2154458,\n  \"prompt_eval_count\": 26,\n"
		"  \"prompt_eval_duration\": 383809000,\n  \"eval_count\": 298,\n"
		"  \"eval_duration\": 4799921000\n}",
		"T(Hello! How are you today?)|finish=stop|usage=26/298|complete=1|model=llama3.2");
	/* The NDJSON stream under a JSON content type, no final newline. */
	expect_whole(&gw_proto_ollama, OLLAMA_CHAT_STREAM,
		     "T(The)T( sky)|finish=stop|usage=26/282|complete=1|model=llama3.2");
	expect_whole(&gw_proto_ollama, "{\"error\":\"model 'x' not found\"}",
		     "|finish=-|usage=-1/-1|complete=0|error=model 'x' not found");
	expect_whole(&gw_proto_ollama, "",
		     "|finish=-|usage=-1/-1|complete=0|error=the answer is neither a stream nor "
		     "JSON: (empty)");
	expect_whole(&gw_proto_ollama, "Ollama is running",
		     "|finish=-|usage=-1/-1|complete=0|error=the answer is neither a stream nor "
		     "JSON: Ollama is running");
}

/* ---- TGI /generate_stream ---- */

static void test_tgi_body(void)
{
	expect_body(&gw_proto_tgi, "tgi", 0.2, 100, 8192, ALL,
		    "{\"inputs\":\"You are terse.\\n\\nUser: Hi\\n\\nAssistant: Hello.\\n\\nUser: "
		    "Sum 2+2\\n\\nAssistant:\",\"parameters\":{\"max_new_tokens\":100,\"temperature\":"
		    "0.2,\"details\":true,\"return_full_text\":false},\"stream\":true}");
	/* Temperature 0 is left out: TGI rejects it. */
	expect_body(&gw_proto_tgi, NULL, 0, 0, 0, NO_SYSTEM,
		    "{\"inputs\":\"User: Hi\\n\\nAssistant: Hello.\\n\\nUser: Sum 2+2\\n\\n"
		    "Assistant:\",\"parameters\":{\"details\":true,\"return_full_text\":false},"
		    "\"stream\":true}");
}

/* §5.2: three events verbatim (#2452), then a last event of the same shape
 * with an end-of-sequence special token and details. */
static void test_tgi_stream(void)
{
	expect_stream(&gw_proto_tgi,
		"data: {\"index\":1,\"token\":{\"id\":89554,\"text\":\" Deep\",\"logprob\":-0.97209036,"
		"\"special\":false},\"generated_text\":null,\"details\":null}\n\n"
		"data: {\"index\":2,\"token\":{\"id\":89950,\"text\":\" Learning\",\"logprob\":"
		"-0.3902701,\"special\":false},\"generated_text\":null,\"details\":null}\n\n"
		":\n\n"
		"data: {\"index\":3,\"token\":{\"id\":632,\"text\":\" is\",\"logprob\":-0.568623,"
		"\"special\":false},\"generated_text\":null,\"details\":null}\n\n"
		"data: {\"index\":4,\"token\":{\"id\":2,\"text\":\"</s>\",\"logprob\":-0.07,\"special\":"
		"true},\"generated_text\":\" Deep Learning is\",\"details\":{\"finish_reason\":"
		"\"eos_token\",\"generated_tokens\":4,\"seed\":null,\"input_length\":6}}\n\n",
		"T( Deep)T( Learning)T( is)|finish=stop|usage=6/4|complete=1");
}

/* §5.2's 2023 form: no space after data:, no index; the docs' last event
 * with details null still ends the answer. */
static void test_tgi_2023_stream(void)
{
	expect_stream(&gw_proto_tgi,
		"data:{\"token\":{\"id\":267,\"text\":\" a\",\"logprob\":-2.046875,\"special\":false},"
		"\"generated_text\":null,\"details\":null}\r\n\r\n"
		"data:{\"index\":16,\"token\":{\"id\":28723,\"text\":\".\",\"logprob\":-0.6196289,"
		"\"special\":false},\"generated_text\":\"This is a picture of an anthropomorphic rabbit "
		"in a space suit.\",\"details\":null}\r\n\r\n",
		"T( a)T(.)|finish=stop|usage=-1/-1|complete=1");
}

static void test_tgi_errors(void)
{
	/* §5.3 verbatim, at HTTP 200 before any token. */
	expect_stream(&gw_proto_tgi,
		"data: {\"error\":\"Input validation error: `inputs` tokens + `max_new_tokens` must "
		"be <= 2048. Given: 1887 `inputs` tokens and 1024 `max_new_tokens`\",\"error_type\":"
		"\"validation\"}\n\n",
		"|finish=-|usage=-1/-1|complete=0|error=validation: Input validation error: `inputs` "
		"tokens + `max_new_tokens` must be <= 2048. Given: 1887 `inputs` tokens and 1024 "
		"`max_ne...");
	expect_stream(&gw_proto_tgi,
		"data: {\"index\":1,\"token\":{\"id\":89554,\"text\":\" Deep\",\"logprob\":-0.97,"
		"\"special\":false},\"generated_text\":null,\"details\":null}\n\n"
		"data: {\"error\":\"Request failed during generation: Server error: CUDA out of "
		"memory\",\"error_type\":\"generation\"}\n\n"
		"data: {\"index\":2,\"token\":{\"id\":2,\"text\":\"</s>\",\"logprob\":-0.1,\"special\":"
		"true},\"generated_text\":\" Deep\",\"details\":null}\n\n",
		"T( Deep)|finish=-|usage=-1/-1|complete=0|error=generation: Request failed during "
		"generation: Server error: CUDA out of memory");
	expect_stream(&gw_proto_tgi, "data: {\"error\":\"Incomplete generation stream\"}\n\n",
		      "|finish=-|usage=-1/-1|complete=0|error=Incomplete generation stream");
}

static void test_tgi_end(void)
{
	const char *token = "data: {\"index\":1,\"token\":{\"id\":1,\"text\":\"Hi\",\"logprob\":-0.1,"
			    "\"special\":false},\"generated_text\":null,\"details\":null}\n\n";
	struct buf in = BUF_INIT;

	expect_stream(&gw_proto_tgi, token, "T(Hi)|finish=-|usage=-1/-1|complete=0");
	buf_append_str(&in, token);
	buf_append_str(&in, "data: [DONE]\n\n");
	expect_stream(&gw_proto_tgi, in.data, "T(Hi)|finish=-|usage=-1/-1|complete=1");
	buf_reset(&in);
	buf_append_str(&in, token);
	buf_append_str(&in, "data: {\"index\":2,\"token\":{\"id\":9,\"text\":\"!\",\"logprob\":-1,"
			    "\"special\":false},\"generated_text\":\"Hi!\",\"details\":{"
			    "\"finish_reason\":\"length\",\"generated_tokens\":2,\"seed\":null}}\n\n");
	expect_stream(&gw_proto_tgi, in.data, "T(Hi)T(!)|finish=length|usage=-1/2|complete=1");
	buf_free(&in);
}

static void test_tgi_whole(void)
{
	expect_whole(&gw_proto_tgi,
		"{\"generated_text\":\" Deep learning is a subset of machine learning\",\"details\":"
		"{\"finish_reason\":\"length\",\"generated_tokens\":20,\"seed\":null,\"prefill\":[],"
		"\"tokens\":[]}}",
		"T( Deep learning is a subset of machine learning)|finish=length|usage=-1/20"
		"|complete=1");
	expect_whole(&gw_proto_tgi, "[{\"generated_text\":\"Hi\"}]",
		     "T(Hi)|finish=stop|usage=-1/-1|complete=1");
	expect_whole(&gw_proto_tgi, "{\"error\":\"Model is overloaded\",\"error_type\":\"overloaded\"}",
		     "|finish=-|usage=-1/-1|complete=0|error=overloaded: Model is overloaded");
	expect_whole(&gw_proto_tgi, "{\"foo\":1}",
		     "|finish=-|usage=-1/-1|complete=0|error=the answer has no generated_text: "
		     "{\"foo\":1}");
	expect_whole(&gw_proto_tgi, "[]",
		     "|finish=-|usage=-1/-1|complete=0|error=the answer has no generated_text: []");
}

int main(void)
{
	RUN(test_table);
	RUN(test_common_rules);
	RUN(test_responses_body);
	RUN(test_responses_openai_stream);
	RUN(test_responses_llama_stream);
	RUN(test_responses_openai_function_call);
	RUN(test_responses_type_from_json);
	RUN(test_responses_incomplete);
	RUN(test_responses_errors);
	RUN(test_responses_missing_end);
	RUN(test_responses_completed_only);
	RUN(test_responses_whole);
	RUN(test_anthropic_body);
	RUN(test_anthropic_basic_stream);
	RUN(test_anthropic_tool_stream);
	RUN(test_anthropic_llama_stream);
	RUN(test_anthropic_errors);
	RUN(test_anthropic_end);
	RUN(test_anthropic_whole);
	RUN(test_ollama_body);
	RUN(test_ollama_chat_stream);
	RUN(test_ollama_tool_calls);
	RUN(test_ollama_thinking);
	RUN(test_ollama_inline_think);
	RUN(test_ollama_error);
	RUN(test_ollama_missing_end);
	RUN(test_ollama_whole);
	RUN(test_tgi_body);
	RUN(test_tgi_stream);
	RUN(test_tgi_2023_stream);
	RUN(test_tgi_errors);
	RUN(test_tgi_end);
	RUN(test_tgi_whole);
	return CHECK_EXIT();
}
