/* test-stream: the protocol-independent answer state (src/gateway/stream.c:
 * <think> separation split at every byte, tool-call assembly, finish-reason
 * normalisation), the retry policy (retry.c) and the discovery documents
 * of each server kind (probe-parse.c). */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "gateway/probe-parse.h"
#include "gateway/retry.h"
#include "gateway/stream.h"
#include "check.h"

static void on_emit(void *ctx, enum msg_type type, const char *text, size_t len)
{
	struct buf *log = ctx;

	buf_append_str(log, type == MSG_TOKEN ? "T(" : "R(");
	buf_append(log, text, len);
	buf_append_char(log, ')');
}

/* The log with adjacent pieces of one kind merged, so that any split of the
 * input must give the same text: "T(ab)R(c)". */
static char *merged(const char *log)
{
	struct buf out = BUF_INIT;
	char kind = 0;

	for (const char *p = log; *p;) {
		char k = p[0];
		const char *end = strchr(p + 2, ')');
		/* pieces never contain ')' in these tests */
		if (k != kind) {
			if (kind)
				buf_append_char(&out, ')');
			buf_append_char(&out, k);
			buf_append_char(&out, '(');
			kind = k;
		}
		buf_append(&out, p + 2, (size_t)(end - p - 2));
		p = end + 1;
	}
	if (kind)
		buf_append_char(&out, ')');
	return buf_steal(&out);
}

/* Feeds text in pieces of step bytes (0: whole) and returns the merged log. */
static char *think(const char *text, size_t step)
{
	struct buf log = BUF_INIT;
	struct gw_stream s;
	size_t len = strlen(text);

	gw_stream_init(&s, on_emit, &log);
	if (step == 0)
		step = len ? len : 1;
	for (size_t i = 0; i < len; i += step)
		gw_stream_text(&s, text + i, len - i < step ? len - i : step);
	gw_stream_flush(&s);
	gw_stream_free(&s);
	char *log_text = buf_steal(&log);
	char *m = merged(log_text);
	free(log_text);
	return m;
}

static void expect_think(const char *text, const char *want)
{
	for (size_t step = 0; step <= 9; step++) {
		char *got = think(text, step);
		CHECK_STR(got, want);
		free(got);
	}
}

static void test_think_split_anywhere(void)
{
	expect_think("<think>Let me think.</think>\n\nHello", "R(Let me think.)T(Hello)");
	expect_think("  \n<think>a<b</think>c", "R(a<b)T(c)");
	expect_think("Hello <think>x</think>", "T(Hello <think>x</think>)");
	expect_think("<thinking>no</thinking>", "T(<thinking>no</thinking>)");
	expect_think("<thi", "T(<thi)");                /* cut short: it was text */
	expect_think("<think>never closed", "R(never closed)");
	expect_think("<think>a</thin", "R(a</thin)");     /* an unfinished close tag */
	expect_think("plain answer", "T(plain answer)");
	expect_think("<think></think>answer", "T(answer)");
}

static void test_tool_calls_by_index(void)
{
	struct buf log = BUF_INIT;
	struct gw_stream s;

	gw_stream_init(&s, on_emit, &log);
	gw_stream_tool_call(&s, 0, "call_1", "get_weather", "", 0);
	gw_stream_tool_call(&s, 1, "call_2", "ls", "{", 1);
	gw_stream_tool_call(&s, 0, NULL, NULL, "{\"city\":", 8);
	gw_stream_tool_call(&s, 1, NULL, NULL, "}", 1);
	gw_stream_tool_call(&s, 0, NULL, NULL, "\"Tokyo\"}", 8);
	CHECK(s.ncalls == 2);
	if (s.ncalls == 2) {
		CHECK_STR(s.calls[0].id, "call_1");
		CHECK_STR(s.calls[0].name, "get_weather");
		CHECK_STR(s.calls[0].args.data, "{\"city\":\"Tokyo\"}");
		CHECK_STR(s.calls[1].args.data, "{}");
	}
	CHECK(log.len == 0);
	gw_stream_free(&s);
	buf_free(&log);
}

static void test_finish_and_errors(void)
{
	static const char *const cases[][2] = {
		{ "end_turn", "stop" },     { "eos_token", "stop" },  { "stop_sequence", "stop" },
		{ "max_tokens", "length" }, { "tool_use", "tool_calls" }, { "length", "length" },
		{ "content_filter", "content_filter" }, { "weird", "weird" },
	};
	struct gw_stream s;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		gw_stream_init(&s, on_emit, NULL);
		gw_stream_finish(&s, cases[i][0]);
		CHECK_STR(s.finish_reason, cases[i][1]);
		gw_stream_free(&s);
	}
	gw_stream_init(&s, on_emit, NULL);
	gw_stream_finish(&s, "");
	CHECK(s.finish_reason == NULL);
	gw_stream_error(&s, strdup("first"));
	gw_stream_error(&s, strdup("second"));
	CHECK_STR(s.error, "first");
	gw_stream_usage(&s, 10, -1);
	gw_stream_usage(&s, -1, 5);
	CHECK(s.prompt_tokens == 10 && s.completion_tokens == 5);
	gw_stream_model(&s, "a");
	gw_stream_model(&s, "b");
	CHECK_STR(s.model, "a");
	gw_stream_free(&s);
}

static void test_retry_policy(void)
{
	unsigned seed = 1;

	CHECK(retry_status(408) && retry_status(409) && retry_status(429) && retry_status(500) && retry_status(503));
	CHECK(!retry_status(400) && !retry_status(401) && !retry_status(404) && !retry_status(422));
	for (int attempt = 1; attempt <= 8; attempt++) {
		long full = 500L << (attempt - 1);
		if (full > 30000)
			full = 30000;
		for (int k = 0; k < 50; k++) {
			long w = retry_backoff_ms(attempt, 500, 30000, &seed);
			CHECK(w >= full / 2 && w < full);
		}
	}
	CHECK(retry_after_ms("200", "5", 0) == 200);          /* retry-after-ms first */
	CHECK(retry_after_ms(NULL, "5", 0) == 5000);
	CHECK(retry_after_ms(NULL, " 7 ", 0) == 7000);
	CHECK(retry_after_ms("x", "2", 0) == 2000);
	CHECK(retry_after_ms(NULL, "soon", 0) == -1);
	CHECK(retry_after_ms(NULL, NULL, 0) == -1);
	/* An HTTP-date 90 s after now; a date in the past means "now". */
	CHECK(retry_after_ms(NULL, "Thu, 01 Jan 1970 00:01:30 GMT", 0) == 90000);
	CHECK(retry_after_ms(NULL, "Thu, 01 Jan 1970 00:01:30 GMT", 100) == 0);
	CHECK(retry_wait_ms(-1, 800, 30000) == 800);
	CHECK(retry_wait_ms(1000, 800, 30000) == 1000);
	CHECK(retry_wait_ms(120000, 800, 30000) == 30000);
}

static void test_probe_documents(void)
{
	struct gw_probe p = { 0 };
	int ok;
	static const char vllm[] =
		"{\"object\":\"list\",\"data\":[{\"id\":\"Qwen/Qwen3-8B\",\"object\":\"model\","
		"\"created\":1,\"owned_by\":\"vllm\",\"root\":\"Qwen/Qwen3-8B\",\"parent\":null,"
		"\"max_model_len\":32768,\"permission\":[]}]}";
	char *owner = probe_read_models(&p, vllm, strlen(vllm), &ok);

	CHECK(ok == 0);
	CHECK_STR(owner, "vllm");
	free(owner);
	CHECK(p.nmodels == 1 && p.models[0].context == 32768);
	CHECK(gw_probe_context(&p, "") == 32768);
	CHECK(gw_probe_context(&p, "other") == 32768);
	gw_probe_free(&p);

	owner = probe_read_models(&p, "{\"error\":\"x\"}", 13, &ok);
	CHECK(ok == -1 && owner == NULL && p.nmodels == 0);

	static const char props[] = "{\"default_generation_settings\":{\"n_ctx\":4096},"
				    "\"total_slots\":1}";
	CHECK(probe_read_props(props, strlen(props)) == 4096);
	CHECK(probe_read_props("{\"version\":\"0.5\"}", 17) == -1);

	static const char info[] = "{\"model_id\":\"bigscience/bloom\",\"max_input_tokens\":4095,"
				   "\"max_total_tokens\":4096,\"router\":\"text-generation-router\"}";
	CHECK(probe_read_tgi_info(&p, info, strlen(info)) == 0);
	CHECK(p.nmodels == 1 && strcmp(p.models[0].id, "bigscience/bloom") == 0);
	CHECK(gw_probe_context(&p, "bigscience/bloom") == 4096);
	gw_probe_free(&p);

	CHECK(probe_read_ollama_version("{\"version\":\"0.12.3\"}", 20) == 0);
	CHECK(probe_read_ollama_version("{\"version\":\"1\",\"x\":1}", 21) == -1);
	static const char tags[] = "{\"models\":[{\"name\":\"llama3.2:latest\"},{\"name\":\"qwen\"}]}";
	CHECK(probe_read_ollama_tags(&p, tags, strlen(tags)) == 0);
	CHECK(p.nmodels == 2);
	static const char show[] = "{\"model_info\":{\"general.architecture\":\"llama\","
				   "\"llama.context_length\":131072}}";
	CHECK(probe_read_ollama_show(show, strlen(show)) == 131072);
	gw_probe_free(&p);

	static const char lms[] = "{\"data\":[{\"id\":\"gemma\",\"max_context_length\":8192},"
				  "{\"id\":\"qwen\",\"max_context_length\":32768,"
				  "\"loaded_context_length\":4096}]}";
	probe_read_lmstudio(&p, lms, strlen(lms));
	CHECK(gw_probe_context(&p, "gemma") == 8192);
	CHECK(gw_probe_context(&p, "qwen") == 4096);
	gw_probe_free(&p);
}

int main(void)
{
	RUN(test_think_split_anywhere);
	RUN(test_tool_calls_by_index);
	RUN(test_finish_and_errors);
	RUN(test_retry_policy);
	RUN(test_probe_documents);
	return CHECK_EXIT();
}
