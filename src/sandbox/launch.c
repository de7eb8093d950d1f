/* launch: turns a policy into a plan (layers decided, workspace checked) and
 * the plan into the helper's command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/paths.h"
#include "base/xmalloc.h"
#include "sandbox/run.h"

#define BIT(l) (1u << (l))

int run_plan_make(const struct sbx_policy *p, struct run_plan *plan, struct sbx_result *res)
{
	memset(plan, 0, sizeof *plan);
	plan->p = p;
	plan->pr = sandbox_probe();
	plan->uid = (uid_t)-1;
	if (!p->argv || !p->argv[0]) {
		res->outcome = SBX_SETUP_FAILED;
		snprintf(res->detail, sizeof res->detail, "no command to run");
		return 125;
	}
	if (sandbox_decide(plan->pr, p, &plan->layers, res->warnings, sizeof res->warnings,
			   res->detail, sizeof res->detail) < 0) {
		res->outcome = SBX_REFUSED;
		return 125;
	}
	if (workspace_check(p->workspace ? p->workspace : ".", plan->workspace, res->detail,
			    sizeof res->detail) < 0) {
		res->outcome = SBX_REFUSED;
		return 125;
	}
	if (plan->layers & BIT(SBX_UID))
		plan->uid = (uid_t)p->sandbox_uid;
	else if (plan->pr->root)
		plan->uid = 0; /* root without capabilities: the workspace must be ours again */
	sandbox_layer_names(plan->layers, " ", res->layers, sizeof res->layers);
	return 0;
}

struct argv_builder {
	char **v;
	size_t n;
};

static void push(struct argv_builder *a, const char *s)
{
	a->v = xreallocarray(a->v, a->n + 2, sizeof *a->v);
	a->v[a->n++] = xstrdup(s);
	a->v[a->n] = NULL;
}

static void push_num(struct argv_builder *a, const char *opt, long long v)
{
	char num[32];
	snprintf(num, sizeof num, "%lld", v);
	push(a, opt);
	push(a, num);
}

char **run_helper_argv(const struct run_plan *plan, const struct scratch *scr,
		       const struct sbx_cgroup *cg)
{
	const struct sbx_policy *p = plan->p;
	struct argv_builder a = { 0 };
	bool ns = plan->layers & BIT(SBX_NAMESPACES);

	push(&a, plan->pr->helper);
	push(&a, "--workspace");
	push(&a, plan->workspace);
	if (ns) {
		push(&a, "--namespaces");
		push(&a, "--root-dir");
		push(&a, scr->root);
		if (!plan->pr->root)
			push(&a, "--userns");
	} else {
		push(&a, "--tmp-dir");
		push(&a, scr->tmp);
		push(&a, "--home-dir");
		push(&a, scr->home);
	}
	if (p->network)
		push(&a, "--network");
	if (plan->layers & BIT(SBX_LANDLOCK))
		push(&a, "--landlock");
	if (plan->layers & BIT(SBX_SECCOMP))
		push(&a, "--seccomp");
	if (plan->uid != (uid_t)-1) {
		push_num(&a, "--uid", plan->uid);
		push_num(&a, "--gid", plan->uid);
	}
	/* Without a cgroup, address space and RLIMIT_NPROC stand in (the
	 * latter counts every process of the uid, so only as a fallback). */
	if (!cg) {
		push_num(&a, "--rlimit-as", (long long)p->memory_mb << 20);
		push_num(&a, "--nproc", p->max_procs);
	}
	push_num(&a, "--nofile", p->open_files);
	push_num(&a, "--cpu", p->cpu_s);
	push_num(&a, "--fsize", (long long)p->file_size_mb << 20);
	push_num(&a, "--tmp-size", (long long)(p->memory_mb < 1024 ? p->memory_mb : 1024) << 20);
	push_num(&a, "--grace", p->grace_s);
	for (int i = 0; paths_protected[i]; i++) {
		push(&a, "--protect");
		push(&a, paths_protected[i]);
	}
	for (int c = 0; cg && c < CG_COUNT; c++) {
		push(&a, "--cgroup");
		push(&a, cg->procs[c]);
	}
	push(&a, "--");
	for (char **arg = p->argv; *arg; arg++)
		push(&a, *arg);
	return a.v;
}

void run_argv_free(char **argv)
{
	for (char **a = argv; a && *a; a++)
		free(*a);
	free(argv);
}
