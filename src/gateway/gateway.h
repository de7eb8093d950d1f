/* gateway: one streamed model request on its own pthread.
 *
 * Threads: gateway_start(), gateway_cancel() and gateway_join() are called by
 * the owning (UI or CLI) thread; the worker thread runs libcurl and the
 * stream parsers and talks back only through queue_post(). Ownership: the
 * call copies everything it needs from the request; messages posted belong
 * to the queue's consumer. Cancel: gateway_cancel() sets a flag and wakes
 * curl_multi_poll() or the retry wait, so the worker stops within one loop
 * pass and posts MSG_CANCELLED. Every call posts exactly one terminal
 * message.
 *
 * One call may try several endpoints: each is probed once per process when
 * its api is "auto" (probe.h), an endpoint that cannot be reached hands over
 * to the next, and retryable answers (408, 409, 429, 5xx) are retried
 * with exponential backoff and jitter, honouring Retry-After, until the
 * retry budget is spent. Nothing is retried once answer text was shown. */
#ifndef FAOS_GATEWAY_H
#define FAOS_GATEWAY_H

#include "base/queue.h"

enum gateway_error {
	GW_ERR_NONE,
	GW_ERR_UNREACHABLE, /* could not connect, DNS, TLS */
	GW_ERR_TIMEOUT,     /* connect, first-byte or idle timeout */
	GW_ERR_HTTP,        /* the server answered an HTTP error */
	GW_ERR_STREAM,      /* in-band error, malformed or truncated stream */
	GW_ERR_CONFIG,      /* nothing to ask: no endpoint, unknown api */
};

/* One message of the conversation sent; role is "system", "user" or
 * "assistant". */
struct gw_message {
	const char *role;
	const char *content;
};

/* One model server. Strings are borrowed for the duration of
 * gateway_start() (the call copies them). */
struct gw_endpoint {
	const char *name;      /* for messages and the status bar */
	const char *url;       /* base URL; a trailing "/" or "/v1" is accepted */
	const char *api;       /* "auto" or a protocol name (proto.h) */
	const char *model;     /* "" or NULL: the server's default */
	const char *api_key;   /* the resolved key, "" or NULL for none */
	const char *ca_bundle; /* PEM file of extra trusted CAs, or NULL */
	const char *proxy;     /* proxy URL, or NULL (libcurl's env defaults) */
	long context;          /* context size in tokens, 0: ask the server */
	double price_in;       /* cost per million prompt tokens */
	double price_out;      /* cost per million completion tokens */
};

struct gateway_request {
	const struct gw_endpoint *endpoints; /* tried in order */
	size_t nendpoints;
	const struct gw_message *messages;
	size_t nmessages;
	double temperature;
	long max_tokens;         /* 0: the server's limit */
	long connect_timeout;    /* seconds */
	long first_byte_timeout; /* seconds from sending to the first byte, 0: none */
	long idle_timeout;       /* seconds without a byte, 0: none */
	int retries;             /* further attempts after the first */
	long retry_base_ms;      /* first backoff; doubles per attempt */
	long retry_max_ms;       /* cap on one wait, Retry-After included */
	int scanning;            /* the endpoints are guessed local ports: a
				  * closed one is no news, only "none" is */
	/* Set per endpoint by the worker for the protocols' body builders. */
	const char *model;
	long context;
};

struct gateway_call;
struct config;

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
