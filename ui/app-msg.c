/* app-msg: what the TUI does with each message from the gateway worker. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "orch/orch.h"
#include "base/xmalloc.h"
#include "pane-log.h"
#include "pane-stream.h"
#include "sandbox/sandbox.h"

static void app_finish(struct app *a, enum run_state state)
{
	gateway_join(a->call); /* the worker has posted its last message */
	a->call = NULL;
	a->status.state = state;
}

static void app_message(struct app *a, const struct msg *m)
{
	struct pane *stream = a->pane[PANE_STREAM];

	switch (m->type) {
	case MSG_TOKEN:
	case MSG_REASONING:
		if (a->status.t_first == 0)
			a->status.t_first = clock_now_ms();
		a->status.state = RUN_STREAMING;
		a->status.pieces++;
		pane_stream_append(stream, m->type == MSG_TOKEN ? STREAM_ANSWER : STREAM_REASONING,
				   m->text, m->len, 0);
		break;
	case MSG_NOTICE:
		pane_stream_append(stream, STREAM_NOTE, m->text, m->len, 1);
		break;
	case MSG_ROUTE:
		/* Say which endpoint answers: with several, it may not be the first. */
		free(a->status.target);
		a->status.target = xasprintf("%s %s%s%s", m->usage.endpoint, m->usage.api,
					     m->usage.model[0] ? " " : "", m->usage.model);
		break;
	case MSG_USAGE:
		a->status.usage = m->usage;
		a->status.have_usage = 1;
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
		if (res->log_path[0]) {
			snprintf(line, sizeof line, "log: %.1000s", res->log_path);
			pane_log_line(log, LINE_INFO, line);
		}
		free(a->status.run);
		a->status.run = xasprintf("run: %s", m->text);
		sandbox_job_join(a->run);
		a->run = NULL;
		break;
	}
	default:
		break;
	}
}

void app_messages(struct app *a, struct msg *list)
{
	if (list)
		a->status.dirty = 1;
	for (struct msg *m = list, *next; m; m = next) {
		next = m->next;
		if (a->orch && orch_handle(a->orch, m))
			continue; /* the loop's, and freed */
		if (a->run && m->request == a->run_request)
			app_run_message(a, m);
		else if (a->call && m->request == a->call_request)
			app_message(a, m);
		msg_free(m);
	}
}
