/* status: the helper's status lines on fd 3, read by the supervisor
 * (src/sandbox/run.c). One line each: "setup STAGE: ERRNO", "exec ERRNO",
 * "background N", then "exit CODE" or "signal SIG CORE". */
#include <stdarg.h>
#include <stdio.h>

#include "sandbox/helper.h"

int helper_fail(const char *stage, int err)
{
	dprintf(HELPER_STATUS_FD, "setup %s: %d\n", stage, err);
	return -1;
}

void helper_status(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vdprintf(HELPER_STATUS_FD, fmt, ap);
	va_end(ap);
	dprintf(HELPER_STATUS_FD, "\n");
}
