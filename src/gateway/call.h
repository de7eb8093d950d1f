/* call: the state of one gateway call, shared by gateway.c (the call's
 * life, endpoints and retries) and transfer.c (one HTTP attempt). Private
 * to src/gateway. */
#ifndef FAOS_CALL_H
#define FAOS_CALL_H

#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>

#include "base/buf.h"
#include "gateway/gateway.h"
#include "gateway/decoder.h"
#include "gateway/prompt.h"
#include "gateway/proto.h"

/* How one attempt ended. */
struct attempt {
	enum gateway_error code; /* GW_ERR_NONE: the answer is complete */
	char *text;              /* one readable line when code != NONE */
	int retryable;           /* worth another attempt (if nothing was shown) */
	int endpoint_down;       /* no HTTP answer at all: try the next endpoint */
	long server_wait_ms;     /* Retry-After, -1 if none */
};

struct gateway_call {
	/* Set before the thread starts, read-only after. */
	struct queue *q;
	unsigned id;
	struct gateway_request req;  /* deep copy; req.endpoints owned */
	struct gw_prompt prompt;     /* the messages, owned; req.messages points here */
	CURLM *multi; /* curl_multi_wakeup() is the one call safe from other threads */
	pthread_t thread;
	atomic_int cancelled;

	/* Worker thread only: the whole call. */
	const struct gw_endpoint *ep; /* the endpoint of the current attempt */
	const struct gw_proto *proto;
	char *model_owned;            /* a model name the probe chose, or NULL */
	int attempts;
	long shown;                   /* answer/reasoning pieces posted */
	struct buf text, reasoning;   /* everything posted, for the result */
	double t_start, t_first;
	unsigned seed;                /* jitter */

	/* Worker thread only: the current attempt. */
	CURL *easy;
	char *url;
	int classified;  /* status and content type read */
	long status;
	int streaming;   /* the body is the protocol's stream framing */
	struct buf raw;  /* a non-stream body (error page or whole answer) */
	struct gw_decoder dec; /* the answer; its stream outlives the attempt */
	double t_sent, t_last_byte;
	enum { DEADLINE_NONE, DEADLINE_FIRST_BYTE, DEADLINE_IDLE } timed_out;
	char curl_err[CURL_ERROR_SIZE];
};

/* transfer.c: one attempt against call->ep with call->proto; fills *out. */
void transfer_run(struct gateway_call *call, struct attempt *out);

#endif
