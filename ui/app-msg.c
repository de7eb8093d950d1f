/* app-msg: what the TUI does with each message from the gateway worker. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "base/xmalloc.h"
#include "pane-stream.h"

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
	case MSG__COUNT:
		break;
	}
}

void app_messages(struct app *a, struct msg *list)
{
	for (struct msg *m = list; m; m = m->next)
		if (a->call && m->request == a->request)
			app_message(a, m);
	if (list)
		a->status.dirty = 1;
	msg_free_list(list);
}
