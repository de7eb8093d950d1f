/* msg: the messages workers post to the UI thread, and their table of names.
 *
 * A message owns its payload; whoever takes it off the queue frees it with
 * msg_free(). Every request ends with exactly one terminal message
 * (MSG_DONE, MSG_FAILED or MSG_CANCELLED). */
#ifndef FAOS_MSG_H
#define FAOS_MSG_H

#include <stddef.h>

enum msg_type {
	MSG_TOKEN,     /* text: a piece of the answer */
	MSG_REASONING, /* text: a piece of the model's reasoning */
	MSG_NOTICE,    /* text: one line the user should see (a retry, a trim) */
	MSG_ROUTE,     /* text: the endpoint now answering; usage names it */
	MSG_USAGE,     /* usage: token counts and timings */
	MSG_DONE,      /* text: the finish reason ("stop", "length", ...);
			* payload: the structured result (gateway/result.h) */
	MSG_FAILED,    /* text: one readable line; code: enum gateway_error;
			* payload: the partial result, as for MSG_DONE */
	MSG_CANCELLED, /* the user cancelled the request */
	/* From a sandbox run (sandbox/job.h); its terminal message is
	 * MSG_RUN_DONE, whatever the outcome. */
	MSG_RUN_STARTED, /* text: the layers; payload: none; code: 0 */
	MSG_RUN_WARNING, /* text: properties held only weakly */
	MSG_RUN_OUTPUT,  /* text: raw bytes (unsanitised); code: 1 stdout, 2 stderr,
			  * 0 a note that output was left out of the display */
	MSG_RUN_DONE,    /* text: the result line; code: exit status;
			  * payload: struct sbx_result */
	MSG__COUNT
};

struct msg_usage {
	long prompt_tokens;     /* -1 when the server did not say */
	long completion_tokens; /* from the server, else counted deltas */
	double ttft_ms;         /* request start to first token */
	double tokens_per_s;    /* completion tokens over generation time */
	double elapsed_ms;      /* request start to end */
	int retries;            /* attempts after the first */
	double cost;            /* from the endpoint's prices, 0 for local */
	char endpoint[64];      /* name of the endpoint that answered */
	char api[16];           /* protocol used */
	char model[128];        /* model that answered, as the server said */
	long context;           /* tokens the request was fitted to, 0: unknown */
};

struct msg {
	struct msg *next; /* queue link, owned by the queue while queued */
	enum msg_type type;
	unsigned request;  /* which request it belongs to */
	char *text;        /* owned, NUL-terminated, may be NULL */
	size_t len;
	int code;
	struct msg_usage usage;
	void *payload;                 /* owned, freed with payload_free */
	void (*payload_free)(void *payload);
};

struct msg *msg_new(enum msg_type type, unsigned request);
struct msg *msg_new_text(enum msg_type type, unsigned request, const char *text, size_t len);
void msg_free(struct msg *m);
/* Free a whole list linked through next. */
void msg_free_list(struct msg *m);
const char *msg_type_name(enum msg_type type);

#endif
