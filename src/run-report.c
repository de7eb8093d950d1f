/* run-report: the headless loop's progress; see run-report.h. */
#include "run-report.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/json.h"
#include "cli.h"

static void list(FILE *out, const cJSON *f, const char *key)
{
	const cJSON *item;
	int first = 1;
	cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(f, key))
		if (cJSON_IsString(item)) {
			fprintf(out, "%s%s", first ? "" : ", ", item->valuestring);
			first = 0;
		}
}

static void human_state(const cJSON *f)
{
	const char *to = json_str(f, "to", ""), *from = json_str(f, "from", ""), *cause = json_str(f, "cause", "");
	int it = (int)json_num(f, "iteration", 0), max = (int)json_num(f, "max_iterations", 0);
	if (strcmp(to, "GENERATING") == 0)
		fprintf(stderr, "%s: iteration %d/%d: asking the model\n", cli_prog, it, max);
	else if (strcmp(to, "PLANNING") == 0)
		fprintf(stderr, "%s: iteration %d/%d: asking the planner\n", cli_prog, it, max);
	else if (strcmp(to, "CODING") == 0)
		fprintf(stderr, "%s: iteration %d/%d: asking the coders\n", cli_prog, it, max);
	else if (strcmp(to, "CRITIQUING") == 0)
		fprintf(stderr, "%s: asking the reviewer about %s\n", cli_prog, cause);
	else if (strcmp(to, "EVALUATING") == 0 && strcmp(from, "EXECUTING") != 0)
		fprintf(stderr, "%s: %s\n", cli_prog, cause); /* refused or empty */
	else if (strcmp(to, "DONE") == 0)
		fprintf(stderr, "%s: passed: %s (iteration %d)\n", cli_prog, cause, it);
	else if (strcmp(to, "FAILED") == 0)
		fprintf(stderr, "%s: failed: %s\n", cli_prog, cause);
	else if (strcmp(to, "CANCELLED") == 0 && strcmp(from, "CANCELLED") != 0)
		fprintf(stderr, "%s: cancelled\n", cli_prog);
	else if (strcmp(to, "WAITING_FOR_USER") == 0)
		fprintf(stderr, "%s: %s\n", cli_prog, cause);
}

/* "plan: 4 files; coder 1: calc.py, test_calc.py; coder 2: greet.py" */
static void human_plan(const cJSON *f)
{
	const cJSON *files = cJSON_GetObjectItemCaseSensitive(f, "files"), *e;
	int n = cJSON_GetArraySize(files), coders = 0;
	cJSON_ArrayForEach(e, files)
		if ((int)json_num(e, "coder", 0) > coders)
			coders = (int)json_num(e, "coder", 0);
	fprintf(stderr, "%s: plan: %d file%s", cli_prog, n, n == 1 ? "" : "s");
	for (int k = 1; k <= coders; k++) {
		int first = 1;
		cJSON_ArrayForEach(e, files)
			if ((int)json_num(e, "coder", 0) == k) {
				if (first)
					fprintf(stderr, "; coder %d: %s", k, json_str(e, "path", ""));
				else
					fprintf(stderr, ", %s", json_str(e, "path", ""));
				first = 0;
			}
	}
	fputc('\n', stderr);
}

/* "reviewer: REQUEST CHANGES" and its comments, one per line. */
static void human_critique(const cJSON *f)
{
	const char *verdict = json_str(f, "verdict", "");
	const cJSON *c;
	fprintf(stderr, "%s: reviewer: %s\n", cli_prog,
		strcmp(verdict, "approve") == 0 ? "APPROVE" :
		strcmp(verdict, "request_changes") == 0 ? "REQUEST CHANGES" : "no verdict (taken as REQUEST CHANGES)");
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(f, "comments")) {
		const char *path = json_str(c, "path", "");
		long line = (long)json_num(c, "line", 0);
		if (!path[0])
			fprintf(stderr, "%s:   %s\n", cli_prog, json_str(c, "text", ""));
		else if (line)
			fprintf(stderr, "%s:   %s:%ld: %s\n", cli_prog, path, line, json_str(c, "text", ""));
		else
			fprintf(stderr, "%s:   %s: %s\n", cli_prog, path, json_str(c, "text", ""));
	}
}

/* "coder 2" or "planner". */
static void agent_name(const cJSON *f, char *out, size_t size)
{
	struct orch_agent_id who;
	if (orch_agent_of(f, &who))
		orch_agent_label(&who, 0, out, size);
	else
		snprintf(out, size, "%s", json_str(f, "role", ""));
}

static void human_agent(const cJSON *f)
{
	char who[64];
	const char *status = json_str(f, "status", "");
	agent_name(f, who, sizeof who);
	if (strcmp(status, "queued") == 0)
		fprintf(stderr, "%s: %s waits for a free slot of endpoint %s (concurrency)\n", cli_prog,
			who, json_str(f, "endpoint", ""));
	else if (strcmp(status, "failed") == 0)
		fprintf(stderr, "%s: %s failed\n", cli_prog, who);
}

static void human(struct run_report *r, const char *type, const cJSON *f)
{
	if (strcmp(type, "state") == 0)
		human_state(f);
	else if (strcmp(type, "version") == 0) {
		fprintf(stderr, "%s: version %d: ", cli_prog, (int)json_num(f, "version", 0));
		if (cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(f, "written"))) {
			fputs("wrote ", stderr);
			list(stderr, f, "written");
		}
		if (cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(f, "deleted"))) {
			fputs("; deleted ", stderr);
			list(stderr, f, "deleted");
		}
		fputc('\n', stderr);
	} else if (strcmp(type, "run") == 0)
		fprintf(stderr, "%s: run: %s\n", cli_prog, json_str(f, "command", ""));
	else if (strcmp(type, "run_result") == 0)
		fprintf(stderr, "%s: run: %s (log: %s)\n", cli_prog, json_str(f, "result", ""),
			json_str(f, "log", ""));
	else if (strcmp(type, "notice") == 0 && json_str(f, "role", "")[0]) {
		char who[64];
		agent_name(f, who, sizeof who);
		fprintf(stderr, "%s: %s: %s\n", cli_prog, who, json_str(f, "text", ""));
	} else if (strcmp(type, "notice") == 0)
		fprintf(stderr, "%s: %s\n", cli_prog, json_str(f, "text", ""));
	else if (strcmp(type, "plan") == 0)
		human_plan(f);
	else if (strcmp(type, "critique") == 0)
		human_critique(f);
	else if (strcmp(type, "agent") == 0)
		human_agent(f);
	else if (strcmp(type, "reply") == 0 && r->verbose && json_str(f, "explanation", "")[0])
		fprintf(stderr, "%s: the model says: %s\n", cli_prog, json_str(f, "explanation", ""));
}

/* --json: the journal's fields under "event", except what only the journal
 * needs (the reply text, the output tails). */
static void json_line(struct run_report *r, const char *type, const cJSON *f)
{
	static const char *const shown[] = { "state", "version", "usage", "notice", "done",
					     "agent", "plan", "critique" };
	const char *name = type;
	int show = strcmp(type, "run_result") == 0;
	for (size_t i = 0; i < sizeof shown / sizeof *shown; i++)
		show |= strcmp(type, shown[i]) == 0;
	if (!show)
		return;
	if (strcmp(type, "run_result") == 0)
		name = "run";
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "event", name);
	const cJSON *item;
	cJSON_ArrayForEach(item, f)
		if (strcmp(item->string, "stdout_tail") && strcmp(item->string, "stderr_tail"))
			cJSON_AddItemToObject(o, item->string, cJSON_Duplicate(item, 1));
	char *text = cJSON_PrintUnformatted(o);
	fprintf(r->out, "%s\n", text);
	fflush(r->out);
	free(text);
	cJSON_Delete(o);
}

void run_report_event(void *ctx, const char *type, const cJSON *fields)
{
	struct run_report *r = ctx;
	/* Progress on stderr either way: --json only adds the events on stdout. */
	if (r->json)
		json_line(r, type, fields);
	human(r, type, fields);
}

void run_report_text(void *ctx, enum orch_stream stream, const struct orch_agent_id *who,
		     const char *bytes, size_t len)
{
	(void)who;
	struct run_report *r = ctx;
	if (!r->verbose || r->json || stream == ORCH_REASONING)
		return;
	/* The model's and the program's bytes may hold escape sequences:
	 * never raw to a terminal. */
	struct buf out = BUF_INIT;
	if (isatty(STDERR_FILENO))
		text_sanitize(&r->san, bytes, len, &out);
	else
		buf_append(&out, bytes, len);
	fwrite(out.data ? out.data : "", 1, out.len, stderr);
	buf_free(&out);
}
