/* app-msg: what the TUI does with each message from the workers: the
 * gateway's and the sandbox's for the TUI's own requests and runs, and,
 * before the orchestrator takes its own, a look at those too, so the status
 * bar shows the figures of every request and run whoever started it. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "orch/orch.h"
#include "pane-log.h"
#include "pane-stream.h"
#include "sandbox/sandbox.h"

static void app_finish(struct app *a, enum run_state state)
{
	gateway_join(a->call); /* the worker has posted its last message */
	a->call = NULL;
	status_request_ended(&a->status, state);
}

static void app_message(struct app *a, const struct msg *m)
{
	struct pane *stream = a->pane[PANE_STREAM];

	switch (m->type) {
	case MSG_TOKEN:
	case MSG_REASONING:
		status_token(&a->status, clock_now_ms());
		pane_stream_append(stream, m->type == MSG_TOKEN ? STREAM_ANSWER : STREAM_REASONING,
				   m->text, m->len, 0);
		break;
	case MSG_NOTICE:
		pane_stream_append(stream, STREAM_NOTE, m->text, m->len, 1);
		break;
	case MSG_ROUTE:
		/* Say which endpoint answers: with several, it may not be the first. */
		status_set_target(&a->status, m->usage.endpoint, m->usage.api, m->usage.model);
		if (m->usage.context > 0)
			status_set_context(&a->status, a->status.ctx_used, m->usage.context);
		break;
	case MSG_USAGE:
		status_usage(&a->status, &m->usage);
		break;
	case MSG_DONE:
		app_finish(a, RUN_DONE);
		break;
	case MSG_FAILED:
		pane_stream_append(stream, STREAM_ERROR, m->text, m->len, 1);
		status_set_error(&a->status, m->text);
		app_finish(a, RUN_FAILED);
		break;
	case MSG_CANCELLED:
		pane_stream_append(stream, STREAM_NOTE, "(cancelled)", 11, 1);
		app_finish(a, RUN_CANCELLED);
		break;
	case MSG_RUN_STARTED:
	case MSG_RUN_WARNING:
	case MSG_RUN_OUTPUT:
	case MSG_RUN_DONE:
	case MSG__COUNT:
		break;
	}
}

/* Messages of the sandbox run. */
static void app_run_message(struct app *a, const struct msg *m)
{
	struct pane *log = a->pane[PANE_LOG];
	char line[1200];

	switch (m->type) {
	case MSG_RUN_STARTED:
		snprintf(line, sizeof line, "sandbox: %s", m->text);
		pane_log_line(log, LINE_INFO, line);
		status_set_layers(&a->status, m->text);
		break;
	case MSG_RUN_WARNING:
		snprintf(line, sizeof line, "sandbox warning: %s", m->text);
		pane_log_line(log, LINE_BAD, line);
		break;
	case MSG_RUN_OUTPUT:
		sandbox_job_consumed(a->run, m->len);
		if (m->code == 0)
			pane_log_line(log, LINE_INFO, m->text);
		else
			pane_log_output(log, m->code, m->text, m->len);
		break;
	case MSG_RUN_DONE: {
		const struct sbx_result *res = m->payload;
		bool ok = res->outcome == SBX_EXITED && res->code == 0;
		pane_log_flush(log);
		snprintf(line, sizeof line, "%s %s (%.1f s)", ok ? "✓" : "✗", m->text,
			 (double)res->duration_ms / 1000.0);
		pane_log_line(log, ok ? LINE_OK : LINE_BAD, line);
		pane_log_set_file(log, res->log_path);
		if (res->log_path[0]) {
			snprintf(line, sizeof line, "log: %.1000s", res->log_path);
			pane_log_line(log, LINE_INFO, line);
		}
		status_set_run(&a->status, m->text);
		sandbox_job_join(a->run);
		a->run = NULL;
		break;
	}
	default:
		break;
	}
}

/* The orchestrator's requests and runs, seen on their way to it: it
 * tells the front-end its events, not the figures. Its request starts
 * are not messages; the route (sent once the endpoint is resolved, before
 * the request) stands for one when app-orch.c has not said. */
static void app_observe_orch(struct app *a, const struct msg *m)
{
	struct status *s = &a->status;
	int in_flight = s->state == RUN_WAITING || s->state == RUN_STREAMING;

	switch (m->type) {
	case MSG_ROUTE:
		if (!in_flight)
			status_request_started(s, clock_now_ms());
		status_set_target(s, m->usage.endpoint, m->usage.api, m->usage.model);
		if (m->usage.context > 0)
			status_set_context(s, s->ctx_used, m->usage.context);
		break;
	case MSG_TOKEN:
	case MSG_REASONING:
		status_token(s, clock_now_ms());
		break;
	case MSG_USAGE:
		status_usage(s, &m->usage);
		break;
	case MSG_DONE:
	case MSG_FAILED: /* the loop says why, in the output pane */
	case MSG_CANCELLED:
		status_request_ended(s, m->type == MSG_DONE ? RUN_DONE :
					m->type == MSG_FAILED ? RUN_FAILED : RUN_CANCELLED);
		break;
	case MSG_RUN_STARTED:
		status_set_layers(s, m->text);
		status_set_run(s, "running");
		break;
	case MSG_RUN_DONE:
		status_set_run(s, m->text);
		break;
	default:
		break;
	}
}

struct msg *app_messages(struct app *a, struct msg *list, int budget)
{
	if (list)
		a->status.dirty = 1;
	struct msg *m = list, *next;
	for (; m && budget-- > 0; m = next) {
		next = m->next;
		if (a->orch && m->request >= ORCH_REQUEST_BASE)
			app_observe_orch(a, m);
		if (a->orch && orch_handle(a->orch, m))
			continue; /* the loop's, and freed */
		if (a->run && m->request == a->run_request)
			app_run_message(a, m);
		else if (a->call && m->request == a->call_request)
			app_message(a, m);
		msg_free(m);
	}
	return m;
}
