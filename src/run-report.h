/* run-report: how `faos-codex run` shows the loop: human-readable progress
 * on stderr, and with --json also one JSON object per line on stdout for
 * the events state, version, run, usage, notice and done, and with agents
 * agent, plan and critique. */
#ifndef FAOS_RUN_REPORT_H
#define FAOS_RUN_REPORT_H

#include <stdio.h>

#include "base/text.h"
#include "orch/orch.h"

struct run_report {
	int json;
	int verbose; /* the model's answer and the run's output on stderr too */
	FILE *out;   /* for --json */
	struct text_sanitizer san;
};

/* orch_sink callbacks; ctx is a struct run_report. */
void run_report_event(void *ctx, const char *type, const cJSON *fields);
void run_report_text(void *ctx, enum orch_stream stream, const struct orch_agent_id *who,
		     const char *bytes, size_t len);

#endif
