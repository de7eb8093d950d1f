/* msg: construction, destruction and names of queue messages. */
#include "base/msg.h"

#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"

static const char *const msg_names[MSG__COUNT] = {
	[MSG_TOKEN] = "token",
	[MSG_REASONING] = "reasoning",
	[MSG_NOTICE] = "notice",
	[MSG_ROUTE] = "route",
	[MSG_USAGE] = "usage",
	[MSG_DONE] = "done",
	[MSG_FAILED] = "failed",
	[MSG_CANCELLED] = "cancelled",
	[MSG_RUN_STARTED] = "run-started",
	[MSG_RUN_WARNING] = "run-warning",
	[MSG_RUN_OUTPUT] = "run-output",
	[MSG_RUN_DONE] = "run-done",
};

struct msg *msg_new(enum msg_type type, unsigned request)
{
	struct msg *m = xcalloc(1, sizeof *m);

	m->type = type;
	m->request = request;
	m->usage.prompt_tokens = -1;
	return m;
}

struct msg *msg_new_text(enum msg_type type, unsigned request, const char *text, size_t len)
{
	struct msg *m = msg_new(type, request);

	m->text = xmemdup(text, len);
	m->len = len;
	return m;
}

void msg_free(struct msg *m)
{
	if (m == NULL)
		return;
	free(m->text);
	if (m->payload_free)
		m->payload_free(m->payload);
	free(m);
}

void msg_free_list(struct msg *m)
{
	while (m != NULL) {
		struct msg *next = m->next;
		msg_free(m);
		m = next;
	}
}

const char *msg_type_name(enum msg_type type)
{
	return type < MSG__COUNT ? msg_names[type] : "unknown";
}
