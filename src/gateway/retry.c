/* retry: backoff policy and Retry-After parsing; see retry.h. */
#include "gateway/retry.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

int retry_status(long status)
{
	return status == 408 || status == 409 || status == 429 || (status >= 500 && status <= 599);
}

long retry_backoff_ms(int attempt, long base_ms, long max_ms, unsigned *seed)
{
	double wait = (double)base_ms;

	for (int i = 1; i < attempt && wait < (double)max_ms; i++)
		wait *= 2;
	if (wait > (double)max_ms)
		wait = (double)max_ms;
	double jitter = 0.5 + 0.5 * ((double)rand_r(seed) / ((double)RAND_MAX + 1.0));
	return (long)(wait * jitter);
}

/* All digits (after surrounding blanks), as a number; -1 otherwise. */
static long parse_count(const char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	double v = strtod(s, &end);
	while (isspace((unsigned char)*end))
		end++;
	if (*end != '\0' || errno != 0 || v > 1e9)
		return -1;
	return (long)v;
}

static long parse_http_date(const char *s, time_t now)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	/* IMF-fixdate, the form RFC 9110 requires senders to use. */
	const char *end = strptime(s, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	if (end == NULL || *end != '\0')
		return -1;
	time_t when = timegm(&tm);
	return when <= now ? 0 : (long)(when - now) * 1000;
}

long retry_after_ms(const char *retry_after_ms, const char *retry_after, time_t now)
{
	if (retry_after_ms != NULL) {
		long ms = parse_count(retry_after_ms);
		if (ms >= 0)
			return ms;
	}
	if (retry_after == NULL)
		return -1;
	long seconds = parse_count(retry_after);
	if (seconds >= 0)
		return seconds * 1000;
	return parse_http_date(retry_after, now);
}

long retry_wait_ms(long server_ms, long backoff_ms, long max_ms)
{
	long wait = server_ms >= 0 ? server_ms : backoff_ms;

	return wait > max_ms ? max_ms : wait;
}
