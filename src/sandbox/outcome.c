/* outcome: how a run ended, from the side channel only: the helper's
 * status lines (the wait status of the command itself), the supervisor's
 * own reason to stop it, and the cgroup counters. Never from the output:
 * a program that prints "Killed" or exits 137 was not killed. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox/run.h"

struct status_record {
	bool have_end, signaled, core, exec_failed, setup_failed;
	int code, sig, err;
	char stage[256];
};

static void parse_status(const char *text, size_t len, struct status_record *r, int *background)
{
	char line[256];
	size_t i = 0;
	while (i < len) {
		size_t j = i;
		while (j < len && text[j] != '\n')
			j++;
		size_t n = j - i < sizeof line - 1 ? j - i : sizeof line - 1;
		memcpy(line, text + i, n);
		line[n] = '\0';
		i = j + 1;
		int a, b;
		char *colon;
		if (sscanf(line, "exit %d", &a) == 1) {
			r->have_end = true, r->code = a;
		} else if (sscanf(line, "signal %d %d", &a, &b) == 2) {
			r->have_end = true, r->signaled = true, r->sig = a, r->core = b;
		} else if (sscanf(line, "exec %d", &a) == 1) {
			r->exec_failed = true, r->err = a;
		} else if (sscanf(line, "background %d", &a) == 1) {
			*background = a;
		} else if (strncmp(line, "setup ", 6) == 0 && (colon = strrchr(line, ':'))) {
			*colon = '\0';
			r->setup_failed = true;
			r->err = atoi(colon + 1);
			snprintf(r->stage, sizeof r->stage, "%s", line + 6);
		}
	}
}

int run_classify(struct sbx_result *res, const char *status, size_t len,
		 enum sbx_outcome stop_reason, int helper_status)
{
	struct status_record r = { 0 };
	parse_status(status, len, &r, &res->background_killed);
	res->code = r.code;
	res->signal = r.signaled ? r.sig : 0;
	res->core = r.core;
	if (r.setup_failed) {
		res->outcome = SBX_SETUP_FAILED;
		res->err = r.err;
		snprintf(res->detail, sizeof res->detail, "%s: %s", r.stage, strerror(r.err));
		return 125;
	}
	if (r.exec_failed) {
		res->outcome = SBX_EXEC_FAILED;
		res->err = r.err;
		res->code = r.err == ENOENT ? 127 : 126;
		return res->code;
	}
	if (stop_reason != SBX_EXITED) {
		res->outcome = stop_reason;
		return stop_reason == SBX_TIMEOUT     ? 124
		       : stop_reason == SBX_CANCELLED ? 130
		       : r.have_end && r.signaled     ? 128 + r.sig
		       : r.have_end                   ? r.code
						      : 137;
	}
	if (!r.have_end) {
		res->outcome = SBX_SETUP_FAILED;
		snprintf(res->detail, sizeof res->detail,
			 "the sandbox helper ended without a status (%s %d)",
			 helper_status > 128 ? "signal" : "exit",
			 helper_status > 128 ? helper_status - 128 : helper_status);
		return 125;
	}
	/* The kernel's OOM killer acted in the run and the command failed:
	 * that is the cause, even when a shell turned it into "exit 137". */
	if (res->oom_kills > 0 && (r.signaled || r.code != 0)) {
		res->outcome = SBX_OOM;
		return r.signaled ? 128 + r.sig : r.code;
	}
	res->outcome = r.signaled ? SBX_SIGNALED : SBX_EXITED;
	return r.signaled ? 128 + r.sig : r.code;
}

static const char *signal_name(int sig, char *buf, size_t size)
{
	const char *abbrev = sigabbrev_np(sig);
	if (abbrev)
		snprintf(buf, size, "SIG%s", abbrev);
	else
		snprintf(buf, size, "signal %d", sig);
	return buf;
}

void sandbox_result_line(const struct sbx_result *res, char *out, size_t size)
{
	char sig[32];
	switch (res->outcome) {
	case SBX_EXITED:
		if (res->oom_kills > 0)
			snprintf(out, size, "exit %d (%llu process%s in the run killed for lack of memory)",
				 res->code, (unsigned long long)res->oom_kills,
				 res->oom_kills == 1 ? "" : "es");
		else
			snprintf(out, size, "exit %d", res->code);
		break;
	case SBX_SIGNALED:
		signal_name(res->signal, sig, sizeof sig);
		snprintf(out, size, "%s%s%s", res->signal == SIGSYS ? "seccomp violation: killed by "
					      : res->signal == SIGXCPU ? "CPU time limit: killed by "
					      : res->signal == SIGXFSZ ? "file size limit: killed by "
								       : "killed by ",
			 sig, res->core ? " (core dumped)" : "");
		break;
	case SBX_TIMEOUT:
		snprintf(out, size, "timed out after %ld s", res->timeout_s);
		break;
	case SBX_OOM:
		snprintf(out, size, "out of memory (limit %ld MiB)", res->memory_mb);
		break;
	case SBX_OUTPUT_LIMIT:
		snprintf(out, size, "output limit %llu MiB exceeded; stopped",
			 (unsigned long long)(res->max_output >> 20));
		break;
	case SBX_CANCELLED:
		snprintf(out, size, "cancelled");
		break;
	case SBX_EXEC_FAILED:
		snprintf(out, size, "cannot run %s", res->detail);
		break;
	case SBX_SETUP_FAILED:
		snprintf(out, size, "setup failed: %s", res->detail);
		break;
	case SBX_REFUSED:
		snprintf(out, size, "refused: %s", res->detail);
		break;
	}
}

bool sandbox_result_enforced(const struct sbx_result *res)
{
	switch (res->outcome) {
	case SBX_EXITED:
		return false;
	case SBX_SIGNALED:
		return res->signal == SIGSYS || res->signal == SIGXCPU || res->signal == SIGXFSZ;
	default:
		return true;
	}
}
