/* test-openai: unit tests of the Chat Completions wire format
 * (src/gateway/openai.c) on real server streams fed through the SSE parser,
 * of error-body descriptions (src/gateway/httperr.c) and of gateway_url.
 * The chunk lines are copied from PROTOCOLS.md (llama-server §3.4, §3.5,
 * §3.8; vLLM §4.2, §4.4; Ollama §6.4), with content chunks built in the same
 * shape where the source quotes only the start of a stream. */
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "gateway/gateway.h"
#include "gateway/httperr.h"
#include "gateway/openai.h"
#include "gateway/sse.h"
#include "check.h"

/* What one stream produced: emitted pieces logged as T(text) for MSG_TOKEN
 * and R(text) for MSG_REASONING, plus the stream's final state. */
struct result {
	char *log;
	enum sse_status status; /* the first sse_feed result that was not SSE_OK */
	int saw_done;
	char *finish_reason;
	char *error;
	long prompt_tokens, completion_tokens, deltas;
};

static void on_emit(void *ctx, enum msg_type type, const char *text, size_t len)
{
	struct buf *log = ctx;

	buf_append_str(log, type == MSG_TOKEN ? "T(" : type == MSG_REASONING ? "R(" : "?(");
	buf_append(log, text, len);
	buf_append_char(log, ')');
}

static int on_event(void *ctx, const struct sse_event *ev)
{
	return openai_on_event(ctx, ev->type, ev->data, ev->data_len);
}

static void result_free(struct result *r)
{
	free(r->log);
	free(r->finish_reason);
	free(r->error);
}

/* Feed the stream in pieces of step bytes (0: all at once), stopping at
 * the first status other than SSE_OK, as the gateway does. */
static struct result run(const char *in, size_t step)
{
	struct buf log = BUF_INIT;
	struct gw_stream s;
	struct sse_parser p;
	struct result r = { 0 };
	size_t len = strlen(in);

	gw_stream_init(&s, on_emit, &log);
	sse_init(&p, 0, on_event, &s);
	if (step == 0)
		step = len ? len : 1;
	r.status = SSE_OK;
	for (size_t i = 0; i < len && r.status == SSE_OK; i += step)
		r.status = sse_feed(&p, in + i, len - i < step ? len - i : step);
	sse_finish(&p);
	sse_free(&p);
	r.log = buf_steal(&log);
	gw_stream_flush(&s);
	r.saw_done = s.complete;
	r.finish_reason = s.finish_reason ? strdup(s.finish_reason) : NULL;
	r.error = s.error ? strdup(s.error) : NULL;
	r.prompt_tokens = s.prompt_tokens;
	r.completion_tokens = s.completion_tokens;
	r.deltas = s.deltas;
	gw_stream_free(&s);
	CHECK(s.finish_reason == NULL && s.error == NULL);
	return r;
}

/* Run whole, byte by byte and in pieces of 7: all must agree. */
static struct result run_all(const char *in)
{
	struct result whole = run(in, 0);
	size_t steps[] = { 1, 7 };

	for (size_t i = 0; i < 2; i++) {
		struct result r = run(in, steps[i]);
		CHECK_STR(r.log, whole.log);
		CHECK(r.status == whole.status);
		CHECK(r.saw_done == whole.saw_done);
		CHECK((r.finish_reason == NULL) == (whole.finish_reason == NULL));
		if (whole.finish_reason)
			CHECK_STR(r.finish_reason, whole.finish_reason);
		CHECK((r.error == NULL) == (whole.error == NULL));
		if (whole.error)
			CHECK_STR(r.error, whole.error);
		CHECK(r.prompt_tokens == whole.prompt_tokens);
		CHECK(r.completion_tokens == whole.completion_tokens);
		CHECK(r.deltas == whole.deltas);
		result_free(&r);
	}
	return whole;
}

/* llama-server b9465 keep-alive pings and role chunk (§3.4), content and
 * finish chunks of the same shape, the b6497 usage chunk and [DONE]. */
static const char llama_stream[] =
	":\n\n:\n\n:\n\n"
	"data: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"role\":\"assistant\","
	"\"content\":null}}],\"created\":1780390177,\"id\":\"chatcmpl-uI7JNfldkYifvjYLehw5OnRid3v0JxBC\","
	"\"model\":\"Qwen3.6-27B-Q4_0.gguf\",\"system_fingerprint\":\"b9465-23e6dab86\",\"object\":"
	"\"chat.completion.chunk\"}\n\n"
	"data: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"content\":\"Hello\"}}],"
	"\"created\":1780390177,\"id\":\"chatcmpl-uI7JNfldkYifvjYLehw5OnRid3v0JxBC\",\"model\":"
	"\"Qwen3.6-27B-Q4_0.gguf\",\"system_fingerprint\":\"b9465-23e6dab86\",\"object\":"
	"\"chat.completion.chunk\"}\n\n"
	"data: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"content\":\", w\\u00f6rld "
	"\\u65e5\\n\"}}],\"created\":1780390177,\"id\":\"chatcmpl-uI7JNfldkYifvjYLehw5OnRid3v0JxBC\","
	"\"model\":\"Qwen3.6-27B-Q4_0.gguf\",\"system_fingerprint\":\"b9465-23e6dab86\",\"object\":"
	"\"chat.completion.chunk\"}\n\n"
	":\n\n"
	"data: {\"choices\":[{\"finish_reason\":\"stop\",\"index\":0,\"delta\":{}}],\"created\":1780390177,"
	"\"id\":\"chatcmpl-uI7JNfldkYifvjYLehw5OnRid3v0JxBC\",\"model\":\"Qwen3.6-27B-Q4_0.gguf\","
	"\"system_fingerprint\":\"b9465-23e6dab86\",\"object\":\"chat.completion.chunk\"}\n\n"
	"data: {\"choices\":[],\"created\":1758108431,\"id\":\"chatcmpl-Ca3q6j8NlTmm9h34TBbwr3wjgO47kWpz\","
	"\"model\":\"google/gemma-3-1b-it-qat-q4_0\",\"system_fingerprint\":\"b6497-cd08fc3e\",\"object\":"
	"\"chat.completion.chunk\",\"usage\":{\"completion_tokens\":31,\"prompt_tokens\":75,"
	"\"total_tokens\":106},\"timings\":{\"cache_n\":0,\"prompt_n\":75,\"prompt_ms\":180.025,"
	"\"prompt_per_token_ms\":2.400333333333333,\"prompt_per_second\":416.60880433273155,"
	"\"predicted_n\":31,\"predicted_ms\":875.429,\"predicted_per_token_ms\":28.239645161290323,"
	"\"predicted_per_second\":35.41120981827196}}\n\n"
	"data: [DONE]\n\n";

static void test_llama_stream(void)
{
	struct result r = run_all(llama_stream);

	CHECK_STR(r.log, "T(Hello)T(, wörld 日\n)");
	CHECK(r.status == SSE_OK);
	CHECK(r.saw_done == 1);
	CHECK_STR(r.finish_reason, "stop");
	CHECK(r.error == NULL);
	CHECK(r.prompt_tokens == 75);
	CHECK(r.completion_tokens == 31);
	CHECK(r.deltas == 2);
	result_free(&r);
}

static void test_role_chunk_emits_nothing(void)
{
	struct result r = run_all(
		"data: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"role\":"
		"\"assistant\",\"content\":null}}],\"created\":1780390177,\"id\":\"chatcmpl-uI7JNfldkYif"
		"vjYLehw5OnRid3v0JxBC\",\"model\":\"Qwen3.6-27B-Q4_0.gguf\",\"system_fingerprint\":"
		"\"b9465-23e6dab86\",\"object\":\"chat.completion.chunk\"}\n\n");

	CHECK_STR(r.log, "");
	CHECK(r.deltas == 0);
	CHECK(r.saw_done == 0);
	CHECK(r.finish_reason == NULL);
	CHECK(r.error == NULL);
	CHECK(r.prompt_tokens == -1);
	CHECK(r.completion_tokens == -1);
	result_free(&r);
}

/* §3.5: reasoning_content deltas (b9554, timings on every chunk), then the
 * pre-mid-2025 form with the raw tag in content (build 5523). */
static void test_llama_reasoning(void)
{
	struct result r = run_all(
		"data: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"reasoning_content\":"
		"\" word\"}}],\"created\":1781492230,\"id\":\"chatcmpl-qC6laQHbZ2CmxNvJ4NoB1L93LcVF7nfe\","
		"\"model\":\"gemma-4-31B-it-UD-Q6_K_XL.gguf\",\"system_fingerprint\":\"b9554-d403f00ec\","
		"\"object\":\"chat.completion.chunk\",\"timings\":{\"cache_n\":7,\"prompt_n\":10,"
		"\"prompt_ms\":251.51,\"prompt_per_token_ms\":25.151,\"prompt_per_second\":"
		"39.75985050296211,\"predicted_n\":8,\"predicted_ms\":137.375,\"predicted_per_token_ms\":"
		"17.171875,\"predicted_per_second\":58.234758871701544,\"draft_n\":10,"
		"\"draft_n_accepted\":4}}\n\n"
		"data: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"content\":"
		"\"<think>Okay\"}}],\"created\":1748500000,\"id\":\"chatcmpl-x\",\"model\":\"m\","
		"\"object\":\"chat.completion.chunk\"}\n\n"
		"data: [DONE]\n\n");

	CHECK_STR(r.log, "R( word)R(Okay)"); /* the raw tag is reasoning too */
	CHECK(r.deltas == 2);
	CHECK(r.saw_done == 1);
	CHECK(r.finish_reason == NULL);
	CHECK(r.prompt_tokens == -1);
	result_free(&r);
}

/* §3.4: build b4764 put usage and timings on the finish chunk itself. */
static void test_llama_usage_on_finish_chunk(void)
{
	struct result r = run_all(
		"data: {\"choices\":[{\"finish_reason\":\"length\",\"index\":0,\"delta\":{}}],\"created\":"
		"1740866276,\"id\":\"chatcmpl-eWACYYovPVwZUlX94o2w9BeOsAhfN3z7\",\"model\":"
		"\"gpt-3.5-turbo\",\"system_fingerprint\":\"b4764-7ad0779f\",\"object\":"
		"\"chat.completion.chunk\",\"usage\":{\"completion_tokens\":1,\"prompt_tokens\":43,"
		"\"total_tokens\":44},\"timings\":{\"prompt_n\":43,\"prompt_ms\":246.082,"
		"\"prompt_per_token_ms\":5.722837209302326,\"prompt_per_second\":174.73850180021293,"
		"\"predicted_n\":1,\"predicted_ms\":0.028,\"predicted_per_token_ms\":0.028,"
		"\"predicted_per_second\":35714.28571428571}}\n\n"
		"data: [DONE]\n\n");

	CHECK_STR(r.log, "");
	CHECK_STR(r.finish_reason, "length");
	CHECK(r.prompt_tokens == 43);
	CHECK(r.completion_tokens == 1);
	CHECK(r.saw_done == 1);
	result_free(&r);
}

/* §4.2: vLLM's first chunk (role, content ""), content chunks, the older
 * form (role, no content), the `reasoning` field (§4.3), a finish chunk
 * that also carries content and stop_reason, and a usage chunk. */
static void test_vllm_stream(void)
{
	struct result r = run_all(
		"data: {\"id\":\"chatcmpl-8b2b91720edd4372b0579e89255b4828\",\"object\":"
		"\"chat.completion.chunk\",\"created\":1772423572,\"model\":\"qwen3_8b\",\"choices\":"
		"[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,"
		"\"finish_reason\":null}]}\n\n"
		"data: {\"id\":\"chatcmpl-8b2b91720edd4372b0579e89255b4828\",\"object\":"
		"\"chat.completion.chunk\",\"created\":1772423572,\"model\":\"qwen3_8b\",\"choices\":"
		"[{\"index\":0,\"delta\":{\"content\":\" .\"},\"logprobs\":null,\"finish_reason\":null}]}"
		"\n\n"
		"data: {\"id\":\"chatcmpl-8b2b91720edd4372b0579e89255b4828\",\"object\":"
		"\"chat.completion.chunk\",\"created\":1772423572,\"model\":\"qwen3_8b\",\"choices\":"
		"[{\"index\":0,\"delta\":{\"content\":\"<think>\"},\"logprobs\":null,\"finish_reason\":"
		"null}]}\n\n"
		"data: {\"id\":\"cmpl-840312ff78664572bb504e606140b952\",\"object\":\"chat.completion.chunk\","
		"\"created\":1719969577,\"model\":\"Qwen-v\",\"choices\":[{\"index\":0,\"delta\":{\"role\":"
		"\"assistant\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
		"data: {\"id\":\"cmpl-840312ff78664572bb504e606140b952\",\"object\":\"chat.completion.chunk\","
		"\"created\":1719969577,\"model\":\"Qwen-v\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
		"\"我是\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
		"data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1772423572,"
		"\"model\":\"qwen3_8b\",\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"Let me "
		"think.\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
		"data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1772423572,"
		"\"model\":\"qwen3_8b\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" end\"},"
		"\"logprobs\":null,\"finish_reason\":\"length\",\"stop_reason\":null}]}\n\n"
		"data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1772423572,"
		"\"model\":\"qwen3_8b\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"total_tokens\":"
		"509,\"completion_tokens\":500}}\n\n"
		"data: [DONE]\n\n");

	CHECK_STR(r.log, "T( .)T(<think>)T(我是)R(Let me think.)T( end)");
	CHECK(r.deltas == 5);
	CHECK_STR(r.finish_reason, "length");
	CHECK(r.prompt_tokens == 9);
	CHECK(r.completion_tokens == 500);
	CHECK(r.saw_done == 1);
	CHECK(r.error == NULL);
	result_free(&r);
}

/* §6.4: Ollama 2024 (role on every chunk, finish_reason "" instead of
 * null), then the current form (reasoning, empty-delta finish chunk, usage
 * re-sent with choices: []). */
static void test_ollama_stream(void)
{
	struct result r = run_all(
		"data: {\"id\":\"chatcmpl-693\",\"object\":\"chat.completion.chunk\",\"created\":1715427619,"
		"\"model\":\"mistral:latest\",\"system_fingerprint\":\"fp_ollama\",\"choices\":[{\"index\":"
		"0,\"delta\":{\"role\":\"assistant\",\"content\":\" if\"},\"finish_reason\":\"\"}]}\n\n"
		"data: {\"id\":\"chatcmpl-7\",\"object\":\"chat.completion.chunk\",\"created\":1754200000,"
		"\"model\":\"gemma4\",\"system_fingerprint\":\"fp_ollama\",\"choices\":[{\"index\":0,"
		"\"delta\":{\"role\":\"assistant\",\"reasoning\":\"Hmm\"},\"finish_reason\":null}]}\n\n"
		"data: {\"id\":\"chatcmpl-7\",\"object\":\"chat.completion.chunk\",\"created\":1754200000,"
		"\"model\":\"gemma4\",\"system_fingerprint\":\"fp_ollama\",\"choices\":[{\"index\":0,"
		"\"delta\":{\"content\":\"Yes.\"},\"finish_reason\":null}]}\n\n"
		"data: {\"id\":\"chatcmpl-7\",\"object\":\"chat.completion.chunk\",\"created\":1754200000,"
		"\"model\":\"gemma4\",\"system_fingerprint\":\"fp_ollama\",\"choices\":[{\"index\":0,"
		"\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
		"data: {\"id\":\"chatcmpl-7\",\"object\":\"chat.completion.chunk\",\"created\":1754200000,"
		"\"model\":\"gemma4\",\"system_fingerprint\":\"fp_ollama\",\"choices\":[],\"usage\":"
		"{\"prompt_tokens\":12,\"completion_tokens\":4,\"total_tokens\":16}}\n\n"
		"data: [DONE]\n\n");

	CHECK_STR(r.log, "T( if)R(Hmm)T(Yes.)");
	CHECK_STR(r.finish_reason, "stop");
	CHECK(r.prompt_tokens == 12);
	CHECK(r.completion_tokens == 4);
	CHECK(r.saw_done == 1);
	result_free(&r);

	/* "" alone never becomes the finish reason. */
	r = run_all("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},"
		    "\"finish_reason\":\"\"}]}\n\n");
	CHECK_STR(r.log, "T(x)");
	CHECK(r.finish_reason == NULL);
	result_free(&r);
}

static void test_usage_only_and_null_choices(void)
{
	struct result r = run_all("data: {\"choices\":[],\"usage\":{\"completion_tokens\":31,"
				  "\"prompt_tokens\":75,\"total_tokens\":106}}\n\n");

	CHECK_STR(r.log, "");
	CHECK(r.prompt_tokens == 75);
	CHECK(r.completion_tokens == 31);
	CHECK(r.finish_reason == NULL);
	CHECK(r.error == NULL);
	result_free(&r);

	r = run_all("data: {\"id\":\"x\",\"choices\":null,\"usage\":{\"prompt_tokens\":5,"
		    "\"completion_tokens\":6}}\n\n"
		    "data: {\"id\":\"x\",\"choices\":null}\n\n"
		    "data: {\"id\":\"x\"}\n\n"
		    "data: {\"choices\":[{\"index\":0,\"delta\":null,\"finish_reason\":null}],"
		    "\"usage\":null}\n\n"
		    "data: [DONE]\n\n");
	CHECK_STR(r.log, "");
	CHECK(r.prompt_tokens == 5);
	CHECK(r.completion_tokens == 6);
	CHECK(r.error == NULL);
	CHECK(r.saw_done == 1);
	result_free(&r);
}

/* §3.8 generation 3 / §11: a mid-stream error is one data: {"error":{...}}
 * event, and nothing after it counts. */
static void test_inband_error(void)
{
	struct result r = run_all(
		"data: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"content\":\"Hi\"}}],"
		"\"object\":\"chat.completion.chunk\"}\n\n"
		"data: {\"error\":{\"code\":500,\"message\":\"Failed to parse input at pos 0\",\"type\":"
		"\"server_error\"}}\n\n"
		"data: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"content\":\"late\"}}]}"
		"\n\n"
		"data: [DONE]\n\n");

	CHECK_STR(r.log, "T(Hi)");
	CHECK_STR(r.error, "Failed to parse input at pos 0 (server_error)");
	CHECK(r.status == SSE_STOPPED);
	CHECK(r.saw_done == 0);
	result_free(&r);

	/* vLLM (§4.4): the error object, then [DONE]. */
	r = run_all("data: {\"error\": {\"object\": \"error\", \"message\": \"The model `x` does not "
		    "exist.\", \"type\": \"NotFoundError\", \"param\": null, \"code\": 404}}\n\n"
		    "data: [DONE]\n\n");
	CHECK_STR(r.error, "The model `x` does not exist. (NotFoundError)");
	CHECK(r.status == SSE_STOPPED);
	CHECK(r.saw_done == 0);
	result_free(&r);

	/* TGI (§5.3): a string error, cut to a snippet. */
	r = run_all("data: {\"error\":\"Input validation error: `inputs` tokens + `max_new_tokens` "
		    "must be <= 2048. Given: 1887 `inputs` tokens and 1024 `max_new_tokens`\","
		    "\"error_type\":\"validation\"}\n\n");
	CHECK_STR(r.error, "Input validation error: `inputs` tokens + `max_new_tokens` must be <= "
			   "2048. Given: 1887 `inputs` tokens and 1024 `max_ne...");
	result_free(&r);

	/* Control bytes in the message are made visible. */
	r = run_all("data: {\"error\":{\"message\":\"bad\\u001b[2J\\nthing\",\"type\":\"x\"}}\n\n");
	CHECK_STR(r.error, "bad^[[2J... (x)");
	result_free(&r);

	/* "error": null is not an error. */
	r = run_all("data: {\"error\":null,\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"}}]}"
		    "\n\n");
	CHECK(r.error == NULL);
	CHECK_STR(r.log, "T(ok)");
	result_free(&r);
}

/* §3.8 generation 1: llama-server before Sept 2025 sent the non-standard
 * SSE field `error:` followed by data: [DONE]. */
static void test_legacy_error_field(void)
{
	struct result r = run_all(
		"data: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"content\":\"A\"}}]}\n\n"
		"error: {\"code\":400,\"message\":\"the request exceeds the available context size. try "
		"increasing the context size or enable context shift\",\"type\":"
		"\"invalid_request_error\"}\n\n"
		"data: [DONE]\n\n");

	CHECK_STR(r.log, "T(A)");
	CHECK_STR(r.error, "the request exceeds the available context size. try increasing the "
			   "context size or enable context shift (invalid_request_error)");
	CHECK(r.status == SSE_STOPPED);
	CHECK(r.saw_done == 0);
	result_free(&r);

	/* `event: error` with a bare error object (Anthropic-style, §11). */
	r = run_all("event: error\ndata: {\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}"
		    "\n\n");
	CHECK_STR(r.error, "Overloaded (overloaded_error)");
	result_free(&r);
}

static void test_non_json_data(void)
{
	struct result r = run_all("data: hello world\n\ndata: [DONE]\n\n");

	CHECK_STR(r.error, "the stream carried an event that is not JSON: hello world");
	CHECK(r.status == SSE_STOPPED);
	CHECK(r.saw_done == 0);
	CHECK_STR(r.log, "");
	result_free(&r);

	/* Cut JSON; a second data: line shows as the snippet's "...". */
	r = run_all("data: {\"choices\":[\ndata: {\"x\n\n");
	CHECK_STR(r.error, "the stream carried an event that is not JSON: {\"choices\":[...");
	result_free(&r);

	/* Terminal escapes in the bad event are made visible. */
	r = run_all("data: \x1b]52;c;eA==\x07\n\n");
	CHECK_STR(r.error, "the stream carried an event that is not JSON: ^[]52;c;eA==^G");
	result_free(&r);
}

static void test_parse_whole(void)
{
	static const char body[] =
		"{\"id\":\"chatcmpl-abc\",\"object\":\"chat.completion\",\"created\":1741569952,"
		"\"model\":\"qwen\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
		"\"reasoning_content\":\"The user greets.\",\"content\":\"Hello! How can I help?\"},"
		"\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":19,"
		"\"completion_tokens\":10,\"total_tokens\":29}}";
	struct buf log = BUF_INIT;
	struct gw_stream s;

	gw_stream_init(&s, on_emit, &log);
	openai_parse_whole(&s, body, strlen(body));
	CHECK_STR(log.data, "R(The user greets.)T(Hello! How can I help?)");
	CHECK(s.complete == 1);
	CHECK_STR(s.finish_reason, "stop");
	CHECK(s.error == NULL);
	CHECK(s.prompt_tokens == 19);
	CHECK(s.completion_tokens == 10);
	CHECK(s.deltas == 2);
	gw_stream_free(&s);
	buf_free(&log);

	/* A whole error object is an error, not an answer. */
	static const char err[] = "{\"error\":{\"code\":503,\"message\":\"Loading model\",\"type\":"
				  "\"unavailable_error\"}}";
	gw_stream_init(&s, on_emit, &log);
	openai_parse_whole(&s, err, strlen(err));
	CHECK_STR(s.error, "Loading model (unavailable_error)");
	CHECK(s.complete == 0);
	CHECK(log.len == 0);
	gw_stream_free(&s);
	buf_free(&log);

	/* Not JSON at all. */
	static const char html[] = "<html><body>oops</body></html>\nmore";
	gw_stream_init(&s, on_emit, &log);
	openai_parse_whole(&s, html, strlen(html));
	CHECK_STR(s.error, "the answer is neither a stream nor JSON: <html><body>oops</body></html>...");
	CHECK(s.complete == 0);
	gw_stream_free(&s);
	buf_free(&log);
}

static void test_request_body(void)
{
	struct gw_message two[] = { { "system", "Be brief." },
				    { "user", "Say \"hi\"\n\tplease" } };
	struct gw_message one[] = { { "user", "x" } };
	struct gateway_request req = {
		.messages = two,
		.nmessages = 2,
		.model = "qwen2.5-coder",
		.temperature = 0.2,
		.max_tokens = 0,
	};
	char *body = openai_request_body(&req);

	CHECK_STR(body, "{\"model\":\"qwen2.5-coder\",\"messages\":[{\"role\":\"system\",\"content\":"
			"\"Be brief.\"},{\"role\":\"user\",\"content\":\"Say \\\"hi\\\"\\n\\tplease\"}],"
			"\"stream\":true,\"stream_options\":{\"include_usage\":true},"
			"\"temperature\":0.2}");
	free(body);

	/* No model, no system message, a token limit. */
	req.model = "";
	req.messages = one;
	req.nmessages = 1;
	req.temperature = 0.7;
	req.max_tokens = 256;
	body = openai_request_body(&req);
	CHECK_STR(body, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":true,"
			"\"stream_options\":{\"include_usage\":true},\"temperature\":0.7,"
			"\"max_tokens\":256}");
	free(body);

	req.model = NULL;
	req.temperature = 0;
	req.max_tokens = 0;
	body = openai_request_body(&req);
	CHECK_STR(body, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":true,"
			"\"stream_options\":{\"include_usage\":true},\"temperature\":0}");
	free(body);

	/* UTF-8 passes through, and the body is valid JSON. */
	one[0].content = "日本語 é";
	body = openai_request_body(&req);
	cJSON *root = cJSON_Parse(body);
	CHECK(root != NULL);
	const cJSON *msgs = cJSON_GetObjectItemCaseSensitive(root, "messages");
	const cJSON *content =
		cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(msgs, 0), "content");
	CHECK(cJSON_IsString(content));
	if (cJSON_IsString(content))
		CHECK_STR(content->valuestring, "日本語 é");
	cJSON_Delete(root);
	free(body);
}

static void expect_body(const char *ctype, const char *body, const char *want)
{
	char *got = httperr_describe_body(ctype, body, strlen(body));

	CHECK_STR(got, want);
	free(got);
}

static void test_describe_body(void)
{
	/* llama.cpp (§3.8), pretty-printed as in the README. */
	expect_body("application/json; charset=utf-8",
		    "{\n    \"error\": {\n        \"code\": 401,\n        \"message\": \"Invalid API Key\","
		    "\n        \"type\": \"authentication_error\"\n    }\n}",
		    "Invalid API Key (authentication_error)");
	expect_body("application/json",
		    "{\"error\":{\"code\":400,\"message\":\"request (6009 tokens) exceeds the available "
		    "context size (4096 tokens), try increasing it\",\"type\":"
		    "\"exceed_context_size_error\",\"n_prompt_tokens\":6009,\"n_ctx\":4096}}",
		    "request (6009 tokens) exceeds the available context size (4096 tokens), try "
		    "increasing it (exceed_context_size_error)");
	/* Ollama native (§6.2) and vLLM auth (§4.4): a string error. */
	expect_body("application/json", "{\"error\":\"model 'llama9' not found\"}",
		    "model 'llama9' not found");
	expect_body("application/json", "{\"error\": \"Unauthorized\"}", "Unauthorized");
	/* Ollama OpenAI-compat (§6.4). */
	expect_body("application/json",
		    "{\"error\":{\"message\":\"model 'x' not found\",\"type\":\"not_found_error\","
		    "\"param\":null,\"code\":null}}",
		    "model 'x' not found (not_found_error)");
	/* FastAPI. */
	expect_body("application/json", "{\"detail\":\"Not Found\"}", "Not Found");
	/* vLLM <= 0.10.0: message at the top level. */
	expect_body("application/json",
		    "{\"object\":\"error\",\"message\":\"Unknown model\",\"type\":\"NotFoundError\","
		    "\"param\":null,\"code\":404}",
		    "Unknown model");
	expect_body("application/json", "{\"error\":{\"code\":500}}",
		    "the server reported an error without a message");
	expect_body("application/json", "{\"status\":\"ok\"}", "no error message");
	/* HTML error pages, by content type or by their first bytes. */
	expect_body("text/html",
		    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 "
		    "Bad Gateway</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n</body>\r\n"
		    "</html>\r\n",
		    "an HTML page \"502 Bad Gateway\"");
	expect_body(NULL,
		    "<!DOCTYPE html><html><head><TITLE>Error 404 (Not Found)!!1</TITLE></head></html>",
		    "an HTML page \"Error 404 (Not Found)!!1\"");
	expect_body("text/html; charset=utf-8", "<html><body>no title here</body></html>",
		    "an HTML page");
	/* Plain text (llama.cpp when formatting the error fails, §3.8). */
	expect_body("text/plain", "Internal Server Error", "Internal Server Error");
	expect_body(NULL, "\n  upstream connect error\nreset reason: overflow",
		    "upstream connect error...");
	expect_body("text/plain", "", "an empty body");
	expect_body(NULL, "", "an empty body");
	expect_body("text/plain", "   \n", "(empty)");
}

static void test_describe_json_and_hint(void)
{
	cJSON *root = cJSON_Parse("{\"detail\":{\"message\":\"nested\",\"type\":\"t\"}}");
	char *got = httperr_describe_json(root);

	CHECK_STR(got, "nested (t)");
	free(got);
	cJSON_Delete(root);
	root = cJSON_Parse("{\"message\":\"x\",\"type\":\"\"}");
	got = httperr_describe_json(root);
	CHECK_STR(got, "x");
	free(got);
	cJSON_Delete(root);

	CHECK_STR(httperr_hint(401), "; check the API key (OPENAI_API_KEY, api_key, or the endpoint's api_key_env)");
	CHECK_STR(httperr_hint(403), "; check the API key (OPENAI_API_KEY, api_key, or the endpoint's api_key_env)");
	CHECK_STR(httperr_hint(404),
		  "; this server does not serve that protocol: check --endpoint, or let --api "
		  "auto choose");
	CHECK_STR(httperr_hint(503),
		  "; the server may still be loading the model, try again shortly");
	CHECK_STR(httperr_hint(500), "");
	CHECK_STR(httperr_hint(200), "");
}

static void test_gateway_url(void)
{
	static const char *const forms[] = { "http://h:1", "http://h:1/", "http://h:1/v1",
					     "http://h:1/v1/", "http://h:1//" };

	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		char *url = gateway_url(forms[i], "/v1/chat/completions");
		CHECK_STR(url, "http://h:1/v1/chat/completions");
		free(url);
	}
	char *url = gateway_url("https://api.example.com/openai/v1", "/v1/chat/completions");
	CHECK_STR(url, "https://api.example.com/openai/v1/chat/completions");
	free(url);
	url = gateway_url("http://127.0.0.1:11434", "/v1/models");
	CHECK_STR(url, "http://127.0.0.1:11434/v1/models");
	free(url);
	/* Only a trailing "/v1" segment is dropped. */
	url = gateway_url("http://h:1/apiv1", "/v1/chat/completions");
	CHECK_STR(url, "http://h:1/apiv1/v1/chat/completions");
	free(url);
	url = gateway_url("http://h:1/v1/proxy", "/v1/chat/completions");
	CHECK_STR(url, "http://h:1/v1/proxy/v1/chat/completions");
	free(url);
}

static void test_snippet_keeps_utf8_whole(void)
{
	char text[200];

	memset(text, 'a', 119);
	strcpy(text + 119, "\xe6\x97\xa5\xe6\x9c\xac");
	const char *got = httperr_snippet(text, strlen(text));
	CHECK(strlen(got) == 119 + 3);
	CHECK(strcmp(got + 119, "...") == 0);
}

static void test_done_must_be_exact(void)
{
	struct gw_stream s;
	struct sse_event ev = { "message", "[DONE]x", 7, "" };

	gw_stream_init(&s, NULL, NULL);
	openai_on_event(&s, ev.type, ev.data, ev.data_len);
	CHECK(s.complete == 0);
	CHECK(s.error != NULL);
	gw_stream_free(&s);
}

int main(void)
{
	RUN(test_llama_stream);
	RUN(test_role_chunk_emits_nothing);
	RUN(test_llama_reasoning);
	RUN(test_llama_usage_on_finish_chunk);
	RUN(test_vllm_stream);
	RUN(test_ollama_stream);
	RUN(test_usage_only_and_null_choices);
	RUN(test_inband_error);
	RUN(test_legacy_error_field);
	RUN(test_non_json_data);
	RUN(test_parse_whole);
	RUN(test_request_body);
	RUN(test_describe_body);
	RUN(test_describe_json_and_hint);
	RUN(test_gateway_url);
	RUN(test_snippet_keeps_utf8_whole);
	RUN(test_done_must_be_exact);
	return CHECK_EXIT();
}
