/* clock: milliseconds on the monotonic clock, for durations and deadlines
 * (time to first token, frame pacing, timeouts); never wall-clock time. */
#ifndef FAOS_CLOCK_H
#define FAOS_CLOCK_H

#include <time.h>

static inline double clock_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

#endif
