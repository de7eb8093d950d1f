/* test-statusbar: the status line as status_format() lays it out at 40, 80
 * and 200 columns: which parts stay, which are left out whole, the error
 * line, the agents' part, and the setters that feed it. */
#include <locale.h>
#include <stdlib.h>

#include "check.h"
#include "statusbar.h"

#define KEYS "C-s send  F5 run  C-c cancel  F1 help  C-q quit "
#define TARGET "127.0.0.1:8080 openai qwen2.5-coder-7b"

static char line[2048];

static const char *fmt(const struct status *s, double now, int width)
{
	status_format(s, now, width, line, sizeof line);
	return line;
}

/* text, then spaces up to width - len(KEYS) columns, then KEYS. */
static const char *with_keys(const char *text, int width)
{
	static char want[512];
	int extra = 0; /* bytes of text that take no column of their own */
	for (const char *c = text; *c; c++)
		extra += (*c & 0xc0) == 0x80;
	snprintf(want, sizeof want, "%-*s%s", width - (int)strlen(KEYS) + extra, text, KEYS);
	return want;
}

/* A request 2.3 s in: first token after 312 ms, 90 tokens since. */
static void streaming(struct status *s)
{
	memset(s, 0, sizeof *s);
	status_set_target(s, "127.0.0.1:8080", "openai", "qwen2.5-coder-7b");
	status_request_started(s, 1000);
	status_token(s, 1312);
	for (int i = 1; i < 90; i++)
		status_token(s, 1312 + i * 20);
}

static void streaming_at_three_widths(void)
{
	struct status s;

	streaming(&s);
	CHECK_STR(fmt(&s, 3312, 200),
		  with_keys(" streaming | " TARGET " | ttft 312 ms | 45.0 tok/s | out 90 | 2.3 s", 200));
	CHECK_STR(fmt(&s, 3312, 80), " streaming | " TARGET " | ttft 312 ms | 45.0 tok/s");
	/* the target does not fit, the shorter figures after it still do */
	CHECK_STR(fmt(&s, 3312, 40), " streaming | ttft 312 ms | 45.0 tok/s");
	CHECK(status_ticking(&s));
	status_free(&s);
}

/* A finished loop with every part set. */
static void loop_done(struct status *s)
{
	struct msg_usage u = { .prompt_tokens = 1234, .completion_tokens = 567, .ttft_ms = 312,
			       .tokens_per_s = 45.2, .elapsed_ms = 12900 };

	memset(s, 0, sizeof *s);
	status_loop_started(s, 1000);
	status_set_loop(s, "demo", "DONE", 2, 4, 2);
	status_set_target(s, "127.0.0.1:8080", "openai", "qwen2.5-coder-7b");
	status_request_started(s, 50000);
	status_token(s, 50312);
	status_usage(s, &u);
	status_request_ended(s, RUN_DONE);
	status_set_context(s, s->ctx_used, 8192);
	status_set_run(s, "exit 0");
	status_set_layers(s, "namespaces landlock seccomp cgroup uid rlimits");
	status_loop_busy(s, 0, 84000);
}

static void everything_at_200_columns(void)
{
	struct status s;

	loop_done(&s);
	CHECK_STR(fmt(&s, 99000, 200),
		  " demo · DONE 2/4 · v2 | done | " TARGET " | run: exit 0 | ttft 312 ms | "
		  "45.2 tok/s | in 1234 out 567 | ctx 22% of 8192 | sandbox: all layers | loop 1m23s");
	CHECK(!status_ticking(&s)); /* the loop's clock stopped at 83 s */
	status_free(&s);
}

static void loop_at_80_and_40_columns(void)
{
	struct status s;

	loop_done(&s);
	CHECK_STR(fmt(&s, 99000, 80), " demo · DONE 2/4 · v2 | done | " TARGET);
	CHECK_STR(fmt(&s, 99000, 40), " demo · DONE 2/4 · v2 | done");
	free(s.target);
	s.target = NULL;
	status_set_target(&s, "local", "", NULL);
	CHECK_STR(fmt(&s, 99000, 80),
		  " demo · DONE 2/4 · v2 | done | local | run: exit 0 | ttft 312 ms | 45.2 tok/s");
	status_free(&s);
}

static void idle_shows_the_keys_when_they_fit(void)
{
	struct status s = { 0 };

	status_set_target(&s, "127.0.0.1:8080", "openai", NULL);
	CHECK_STR(fmt(&s, 0, 80), with_keys(" idle | 127.0.0.1:8080 openai", 80));
	CHECK_STR(fmt(&s, 0, 40), " idle | 127.0.0.1:8080 openai");
	CHECK(!status_ticking(&s));
	free(s.target);
	s.target = NULL;
	CHECK_STR(fmt(&s, 0, 40), " idle");
	CHECK_STR(fmt(&s, 0, 80), " idle | no usable endpoint: see the output pane");
	status_free(&s);
}

static void a_first_part_too_wide_is_cut(void)
{
	struct status s = { 0 };

	status_set_loop(&s, "a-very-long-project-name", "GENERATING", 1, 4, 0);
	CHECK_STR(fmt(&s, 0, 20), " a-very-long-projec…");
	CHECK_STR(fmt(&s, 0, 1), "");
	status_free(&s);
}

static void error_replaces_the_line_until_dismissed(void)
{
	struct status s;
	static const char err[] = "endpoint local answered HTTP 401: Invalid API Key; set api_key "
				  "in the configuration";

	streaming(&s);
	status_set_error(&s, err);
	CHECK_STR(fmt(&s, 3312, 200), " ✗ endpoint local answered HTTP 401: Invalid API Key; set "
				      "api_key in the configuration  (Esc dismisses)");
	CHECK_STR(fmt(&s, 3312, 80), " ✗ endpoint local answered HTTP 401: Invalid API Key; set "
				     "api_key in the…  (Esc)");
	CHECK_STR(fmt(&s, 3312, 40), " ✗ endpoint local answered HTTP …  (Esc)");
	CHECK_STR(fmt(&s, 3312, 12), " ✗ endpoint…");
	status_dismiss(&s);
	CHECK_STR(fmt(&s, 3312, 40), " streaming | ttft 312 ms | 45.0 tok/s");
	status_free(&s);
}

static void untrusted_text_is_made_visible(void)
{
	struct status s = { 0 };

	status_set_error(&s, "bad\x1b[2Jthing\nsecond line");
	CHECK_STR(fmt(&s, 0, 80), " ✗ bad^[[2Jthing second line  (Esc dismisses)");
	status_dismiss(&s);
	status_set_target(&s, "ep", "openai", "model\x07name");
	CHECK_STR(fmt(&s, 0, 40), " idle | ep openai model^Gname");
	status_free(&s);
}

static void layers_say_what_is_missing(void)
{
	struct status s = { 0 };

	status_set_layers(&s, "namespaces seccomp cgroup rlimits");
	CHECK_STR(s.layers, "sandbox: no landlock, uid");
	status_set_layers(&s, "rlimits");
	CHECK_STR(s.layers, "sandbox: no namespaces, landlock, seccomp, cgroup, uid");
	status_set_layers(&s, NULL);
	CHECK(s.layers == NULL);
	status_free(&s);
}

static void elapsed_and_context_forms(void)
{
	struct status s = { 0 };

	status_set_target(&s, "ep", NULL, NULL);
	status_request_started(&s, 0);
	CHECK_STR(fmt(&s, 4321, 200), with_keys(" waiting | ep | out 0 | 4.3 s", 200));
	status_set_context(&s, 0, 32768);
	CHECK_STR(fmt(&s, 61000, 80), " waiting | ep | out 0 | ctx 32768 | 1m01s");
	status_loop_started(&s, 0);
	CHECK_STR(fmt(&s, 7384000, 80), " waiting | ep | out 0 | ctx 32768 | loop 2h03m");
	status_request_ended(&s, RUN_CANCELLED);
	CHECK(status_ticking(&s)); /* the loop is still busy */
	status_loop_busy(&s, 0, 7384000);
	CHECK(!status_ticking(&s));
	status_free(&s);
}

static const struct orch_agent_id planner = { ORCH_ROLE_PLANNER, 0 };
static const struct orch_agent_id coder1 = { ORCH_ROLE_CODER, 1 };
static const struct orch_agent_id coder2 = { ORCH_ROLE_CODER, 2 };
static const struct orch_agent_id reviewer = { ORCH_ROLE_REVIEWER, 0 };

/* A loop with agents: the planner done, coder 1 streaming 20 tokens in
 * 500 ms, coder 2 waiting for a slot, the reviewer asked (named before
 * the coders: the part keeps the order planner, coders, reviewer). */
static void agents_at_work(struct status *s)
{
	memset(s, 0, sizeof *s);
	status_set_loop(s, "calc", "CODING", 1, 4, 0);
	status_agent_set(s, &reviewer, "asking");
	status_agent_set(s, &planner, "asking");
	status_agent_set(s, &planner, "done");
	status_agent_set(s, &coder2, "queued");
	status_agent_set(s, &coder1, "asking");
	for (int i = 0; i < 20; i++)
		status_agent_token(s, &coder1, 10000 + i * 25);
	status_agent_set(s, &coder1, "bogus"); /* ignored */
}

static void agents_show_state_and_tokens_per_second(void)
{
	struct status s;

	agents_at_work(&s);
	CHECK_STR(fmt(&s, 10500, 200),
		  with_keys(" calc · CODING 1/4 · v0 | P✓ C1 40t/s C2 queued R… | idle | no usable "
			    "endpoint: see the output pane", 200));
	/* short of room: the compact form, before anything less important */
	CHECK_STR(fmt(&s, 10500, 46), " calc · CODING 1/4 · v0 | P✓ C1▸ C2· R… | idle");
	CHECK_STR(fmt(&s, 10500, 30), " calc · CODING 1/4 · v0 | idle");
	status_agent_usage(&s, &coder1, 41.6);
	status_agent_set(&s, &coder2, "asking");
	CHECK_STR(fmt(&s, 10500, 80), " calc · CODING 1/4 · v0 | P✓ C1 42t/s C2… R… | idle");
	status_agent_set(&s, &coder1, "done");
	status_agent_set(&s, &coder2, "failed");
	status_agent_set(&s, &reviewer, "cancelled");
	CHECK_STR(fmt(&s, 10500, 80), " calc · CODING 1/4 · v0 | P✓ C1✓ C2✗ R cancelled | idle");
	CHECK_STR(fmt(&s, 10500, 39), " calc · CODING 1/4 · v0 | P✓ C1✓ C2✗ R-");
	status_agents_clear(&s);
	CHECK_STR(fmt(&s, 10500, 40), " calc · CODING 1/4 · v0 | idle");
	status_free(&s);
}

/* With agents the request figures (which would mix their streams) go. */
static void agents_replace_the_request_figures(void)
{
	struct status s;

	streaming(&s);
	status_agent_set(&s, &coder1, "asking");
	CHECK_STR(fmt(&s, 3312, 80), " C1… | streaming | " TARGET " | 2.3 s");
	status_agent_set(&s, NULL, "done"); /* no agent: ignored */
	CHECK(s.nagents == 1);
	status_free(&s);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	RUN(streaming_at_three_widths);
	RUN(everything_at_200_columns);
	RUN(loop_at_80_and_40_columns);
	RUN(idle_shows_the_keys_when_they_fit);
	RUN(a_first_part_too_wide_is_cut);
	RUN(error_replaces_the_line_until_dismissed);
	RUN(untrusted_text_is_made_visible);
	RUN(layers_say_what_is_missing);
	RUN(elapsed_and_context_forms);
	RUN(agents_show_state_and_tokens_per_second);
	RUN(agents_replace_the_request_figures);
	return CHECK_EXIT();
}
