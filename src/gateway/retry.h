/* retry: when and how long to wait before trying a request again. Pure:
 * the clock and the random source are passed in, so the policy is tested
 * without sleeping. */
#ifndef FAOS_RETRY_H
#define FAOS_RETRY_H

#include <time.h>

/* An HTTP status worth another attempt: 408, 409, 429 and 5xx (a local
 * server answers 503 or 502 while it loads or swaps a model). */
int retry_status(long status);

/* The wait before attempt number `attempt` (1 = the first retry):
 * base * 2^(attempt-1), capped at max, then scaled by a jitter factor in
 * [0.5, 1.0) drawn from *seed, so clients that failed together do not
 * return together. */
long retry_backoff_ms(int attempt, long base_ms, long max_ms, unsigned *seed);

/* The server's own wait from the `retry-after-ms` header (milliseconds,
 * read first, as the OpenAI SDKs do) or `Retry-After` (seconds, or an
 * HTTP-date relative to now). Either may be NULL. -1 when neither gives a
 * usable value. */
long retry_after_ms(const char *retry_after_ms, const char *retry_after, time_t now);

/* The wait to use: the server's when it gave one (never less than 0),
 * else the backoff; either way at most max_ms. */
long retry_wait_ms(long server_ms, long backoff_ms, long max_ms);

#endif
