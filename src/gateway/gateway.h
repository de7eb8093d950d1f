/* gateway: one streamed model request on its own pthread.
 *
 * Threads: gateway_start(), gateway_cancel() and gateway_join() are called by
 * the owning (UI or CLI) thread; the worker thread runs libcurl and the
 * stream parsers and talks back only through queue_post(). Ownership: the
 * call copies everything it needs from the request; messages posted belong
 * to the queue's consumer. Cancel: gateway_cancel() sets a flag and wakes
 * curl_multi_poll(), so the worker stops within one loop pass and posts
 * MSG_CANCELLED. Every call posts exactly one terminal message. */
#ifndef FAOS_GATEWAY_H
#define FAOS_GATEWAY_H

#include "base/queue.h"

enum gateway_error {
	GW_ERR_NONE,
	GW_ERR_UNREACHABLE, /* could not connect, DNS, TLS */
	GW_ERR_TIMEOUT,     /* idle or connect timeout */
	GW_ERR_HTTP,        /* the server answered an HTTP error */
	GW_ERR_STREAM,      /* in-band error, malformed or truncated stream */
};

struct gateway_request {
	const char *endpoint; /* base URL; a trailing "/" or "/v1" is accepted */
	const char *api_key;  /* "" or NULL for none */
	const char *model;    /* "" or NULL: the server's default */
	const char *system;   /* system message, may be "" */
	const char *prompt;
	double temperature;
	long max_tokens;      /* 0: the server's limit */
	long connect_timeout; /* seconds */
	long idle_timeout;    /* seconds without a byte, 0: none */
};

struct gateway_call;
struct config;

/* A request for prompt with every setting taken from cfg; the strings stay
 * owned by cfg and the caller. */
void gateway_request_from_config(struct gateway_request *req, const struct config *cfg,
				 const char *prompt);

/* Starts the request; never fails for network reasons (those arrive as
 * MSG_FAILED). id is copied into every message. */
struct gateway_call *gateway_start(const struct gateway_request *req, struct queue *q,
				   unsigned id);
void gateway_cancel(struct gateway_call *call);
/* Waits for the worker to finish and frees the call. */
void gateway_join(struct gateway_call *call);

/* endpoint + path with the endpoint normalised; allocated. */
char *gateway_url(const char *endpoint, const char *path);

#endif
