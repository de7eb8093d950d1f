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
	else if (strcmp(type, "notice") == 0)
		fprintf(stderr, "%s: %s\n", cli_prog, json_str(f, "text", ""));
	else if (strcmp(type, "reply") == 0 && r->verbose && json_str(f, "explanation", "")[0])
		fprintf(stderr, "%s: the model says: %s\n", cli_prog, json_str(f, "explanation", ""));
}

/* --json: the journal's fields under "event", except what only the journal
 * needs (the reply text, the output tails). */
static void json_line(struct run_report *r, const char *type, const cJSON *f)
{
	static const char *const shown[] = { "state", "version", "usage", "notice", "done" };
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
