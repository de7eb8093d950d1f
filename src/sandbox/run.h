/* run: internals shared by the supervisor (run.c), the launch plan
 * (launch.c) and the classification of how a run ended (outcome.c). */
#ifndef FAOS_SANDBOX_RUN_H
#define FAOS_SANDBOX_RUN_H

#include <limits.h>
#include <sys/types.h>

#include "sandbox/cgroup.h"
#include "sandbox/sandbox.h"
#include "sandbox/workspace.h"

struct run_plan {
	const struct sbx_policy *p;
	const struct sbx_probe *pr;
	unsigned layers;     /* 1u << enum sbx_layer */
	uid_t uid;           /* the sandbox uid, or (uid_t)-1 */
	char workspace[PATH_MAX];
};

/* Decides layers and checks the workspace; 0, or the exit status (125)
 * with res filled as REFUSED / SETUP_FAILED. */
int run_plan_make(const struct sbx_policy *p, struct run_plan *plan, struct sbx_result *res);
/* The helper's argv for this plan; free with run_argv_free. */
char **run_helper_argv(const struct run_plan *plan, const struct scratch *scr,
		       const struct sbx_cgroup *cg);
void run_argv_free(char **argv);

/* Fills res from the helper's status lines, the supervisor's own reason to
 * stop (SBX_EXITED: none) and the helper's exit; returns the exit status. */
int run_classify(struct sbx_result *res, const char *status, size_t len,
		 enum sbx_outcome stop_reason, int helper_status);

#endif
