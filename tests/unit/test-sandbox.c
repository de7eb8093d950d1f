/* test-sandbox: unit tests of the sandbox's pure parts: the refuse-or-warn
 * table (src/sandbox/policy.c) over made-up machines, the environment
 * allowlist (env.c), the head/tail capture (capture.c) and the verdict
 * from status lines (outcome.c). The real layers are tested through the
 * binary in tests/integration/sandbox.sh. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "check.h"
#include "sandbox/capture.h"
#include "sandbox/env.h"
#include "sandbox/run.h"

#define BIT(l) (1u << (l))

/* A machine with every layer (root, Landlock ABI 7, /dev/vsock). */
static struct sbx_probe full_machine(void)
{
	struct sbx_probe pr = { .root = true, .landlock_abi = 7, .vsock = true };
	for (int l = 0; l < SBX_LAYER_COUNT; l++)
		pr.layer[l] = true;
	strcpy(pr.helper, "/usr/libexec/faos-codex/faos-codex-sbx");
	return pr;
}

static int decide(const struct sbx_probe *pr, const struct sbx_policy *p, unsigned *layers,
		  char *warnings, char *why)
{
	return sandbox_decide(pr, p, layers, warnings, 512, why, 512);
}

static void test_all_layers(void)
{
	struct sbx_probe pr = full_machine();
	struct sbx_policy p = { 0 };
	unsigned layers;
	char warnings[512], why[512];
	CHECK(decide(&pr, &p, &layers, warnings, why) == 0);
	CHECK(layers == BIT(SBX_LAYER_COUNT) - 1);
	CHECK_STR(warnings, "");
}

static void test_turned_off_layers_are_not_used(void)
{
	struct sbx_probe pr = full_machine();
	struct sbx_policy p = { .disabled = BIT(SBX_LANDLOCK) | BIT(SBX_CGROUP) };
	unsigned layers;
	char warnings[512], why[512];
	CHECK(decide(&pr, &p, &layers, warnings, why) == 0);
	CHECK(!(layers & BIT(SBX_LANDLOCK)) && !(layers & BIT(SBX_CGROUP)));
	CHECK_STR(warnings, "memory limit: held weakly; process limit: held weakly");
}

static void test_vsock_needs_seccomp(void)
{
	struct sbx_probe pr = full_machine();
	struct sbx_policy p = { .disabled = BIT(SBX_SECCOMP) };
	unsigned layers;
	char warnings[512], why[512];
	CHECK(decide(&pr, &p, &layers, warnings, why) < 0);
	CHECK_STR(why, "no layer can hold \"hypervisor channel (vsock) closed\" here; a kernel "
		       "with seccomp filtering (CONFIG_SECCOMP_FILTER)");
	pr.vsock = false; /* without the channel there is nothing to close */
	CHECK(decide(&pr, &p, &layers, warnings, why) == 0);
}

static void test_network_off_needs_a_layer(void)
{
	struct sbx_probe pr = full_machine();
	pr.vsock = false;
	struct sbx_policy p = { .disabled = BIT(SBX_SECCOMP) | BIT(SBX_NAMESPACES) };
	unsigned layers;
	char warnings[512], why[512];
	CHECK(decide(&pr, &p, &layers, warnings, why) < 0);
	CHECK(strstr(why, "\"network off\"") != NULL);
	p.network = true; /* opted in: nothing to hold */
	CHECK(decide(&pr, &p, &layers, warnings, why) == 0);
}

static void test_no_write_confinement_refuses(void)
{
	struct sbx_probe pr = full_machine();
	struct sbx_policy p = { .disabled = BIT(SBX_NAMESPACES) | BIT(SBX_LANDLOCK) | BIT(SBX_UID) };
	unsigned layers;
	char warnings[512], why[512];
	CHECK(decide(&pr, &p, &layers, warnings, why) < 0);
	CHECK(strncmp(why, "no layer can hold \"writes outside the workspace blocked\"", 55) == 0);
}

static void test_landlock_scopes_need_abi_6(void)
{
	/* An ordinary user without user namespaces: Landlock alone. */
	struct sbx_probe pr = full_machine();
	pr.root = false;
	pr.layer[SBX_NAMESPACES] = pr.layer[SBX_UID] = pr.layer[SBX_CGROUP] = false;
	pr.landlock_abi = 6;
	struct sbx_policy p = { 0 };
	unsigned layers;
	char warnings[512], why[512];
	CHECK(decide(&pr, &p, &layers, warnings, why) == 0);
	CHECK(strstr(warnings, "process limit: held weakly") != NULL); /* RLIMIT_NPROC works for us */
	pr.landlock_abi = 5;
	CHECK(decide(&pr, &p, &layers, warnings, why) < 0);
	CHECK(strstr(why, "\"signals and ptrace cannot reach outside\"") != NULL);
}

static void test_unconfined_warns(void)
{
	struct sbx_probe pr = full_machine();
	struct sbx_policy p = { .unconfined = true };
	unsigned layers;
	char warnings[512], why[512];
	CHECK(decide(&pr, &p, &layers, warnings, why) == 0);
	CHECK(layers == (BIT(SBX_RLIMITS) | BIT(SBX_CGROUP)));
	CHECK_STR(warnings, "sandbox: off in the configuration: the program runs unconfined");
}

static void test_missing_helper_refuses(void)
{
	struct sbx_probe pr = full_machine();
	pr.helper[0] = '\0';
	strcpy(pr.error, "sandbox helper not usable (x); reinstall faos-codex (make install)");
	struct sbx_policy p = { 0 };
	unsigned layers;
	char warnings[512], why[512];
	CHECK(decide(&pr, &p, &layers, warnings, why) < 0);
	CHECK_STR(why, pr.error);
}

static void test_env_allowlist(void)
{
	setenv("GITHUB_TOKEN", "t", 1);
	setenv("MY_API_KEY", "k", 1);
	setenv("LANG", "de_DE.UTF-8", 1);
	setenv("TZ", "$(rm -rf /)", 1);
	setenv("LD_PRELOAD", "/tmp/x.so", 1);
	char **env = env_build("/home/sandbox", "/tmp");
	int found_lang = 0, bad = 0;
	for (char **e = env; *e; e++) {
		found_lang |= strcmp(*e, "LANG=de_DE.UTF-8") == 0;
		bad |= strstr(*e, "TOKEN") || strstr(*e, "KEY") || strstr(*e, "TZ=") ||
		       strstr(*e, "LD_");
	}
	CHECK(found_lang);
	CHECK(!bad);
	env_free(env);
	CHECK(env_name_denied("aws_secret_access_key"));
	CHECK(env_name_denied("HTTPS_PROXY"));
	CHECK(!env_name_denied("LC_ALL"));
}

static void test_capture_head_and_tail(void)
{
	struct sbx_capture c = { 0 };
	size_t total = 0;
	char chunk[7000];
	for (int i = 0; total < 3 * (SBX_HEAD + SBX_TAIL); i++) {
		memset(chunk, 'a' + i % 26, sizeof chunk);
		capture_add(&c, chunk, sizeof chunk);
		total += sizeof chunk;
	}
	capture_finish(&c);
	CHECK(c.total == total);
	CHECK(c.head.len == SBX_HEAD);
	CHECK(c.tail.len == SBX_TAIL);
	int last = (int)(total / sizeof chunk) - 1;
	CHECK(c.tail.data[SBX_TAIL - 1] == 'a' + last % 26); /* the very end */
	CHECK(c.head.data[0] == 'a');
	capture_free(&c);
}

static void classify(const char *status, enum sbx_outcome stop, uint64_t oom, struct sbx_result *r,
		     int *rc, char *line)
{
	memset(r, 0, sizeof *r);
	r->oom_kills = oom;
	r->timeout_s = 60;
	r->memory_mb = 1024;
	*rc = run_classify(r, status, strlen(status), stop, 0);
	sandbox_result_line(r, line, 256);
}

static void test_verdicts(void)
{
	struct sbx_result r;
	char line[256];
	int rc;
	classify("exit 137\n", SBX_EXITED, 0, &r, &rc, line);
	CHECK(rc == 137 && r.outcome == SBX_EXITED);
	CHECK_STR(line, "exit 137");
	classify("signal 9 0\n", SBX_EXITED, 0, &r, &rc, line);
	CHECK(rc == 137);
	CHECK_STR(line, "killed by SIGKILL");
	classify("signal 11 1\n", SBX_EXITED, 0, &r, &rc, line);
	CHECK_STR(line, "killed by SIGSEGV (core dumped)");
	classify("signal 9 0\n", SBX_EXITED, 2, &r, &rc, line);
	CHECK_STR(line, "out of memory (limit 1024 MiB)");
	classify("exit 0\n", SBX_EXITED, 1, &r, &rc, line); /* a child died, the run passed */
	CHECK_STR(line, "exit 0 (1 process in the run killed for lack of memory)");
	classify("signal 15 0\n", SBX_TIMEOUT, 0, &r, &rc, line);
	CHECK(rc == 124);
	CHECK_STR(line, "timed out after 60 s");
	classify("setup bind workspace: 2\n", SBX_EXITED, 0, &r, &rc, line);
	CHECK(rc == 125);
	CHECK_STR(line, "setup failed: bind workspace: No such file or directory");
	classify("exec 13\nexit 127\n", SBX_EXITED, 0, &r, &rc, line);
	CHECK(rc == 126 && r.outcome == SBX_EXEC_FAILED);
	classify("background 3\nexit 0\n", SBX_EXITED, 0, &r, &rc, line);
	CHECK(rc == 0 && r.background_killed == 3);
	classify("", SBX_EXITED, 0, &r, &rc, line);
	CHECK(rc == 125);
	CHECK_STR(line, "setup failed: the sandbox helper ended without a status (exit 0)");
}

int main(void)
{
	RUN(test_all_layers);
	RUN(test_turned_off_layers_are_not_used);
	RUN(test_vsock_needs_seccomp);
	RUN(test_network_off_needs_a_layer);
	RUN(test_no_write_confinement_refuses);
	RUN(test_landlock_scopes_need_abi_6);
	RUN(test_unconfined_warns);
	RUN(test_missing_helper_refuses);
	RUN(test_env_allowlist);
	RUN(test_capture_head_and_tail);
	RUN(test_verdicts);
	return CHECK_EXIT();
}
