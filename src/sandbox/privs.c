/* privs: resource limits, then the identity and capabilities the command
 * runs with, then no-new-privileges; and a check that the drop really held. */
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sandbox/helper.h"

static int limit(int resource, unsigned long long value)
{
	struct rlimit rl = { .rlim_cur = value, .rlim_max = value };
	return setrlimit(resource, &rl);
}

/* soft = hard, so the program cannot raise them back. */
int privs_limit(const struct helper_opts *o)
{
	if (limit(RLIMIT_CORE, 0) < 0)
		return helper_fail("set core limit", errno);
	if (o->nofile > 0 && limit(RLIMIT_NOFILE, (unsigned long long)o->nofile) < 0)
		return helper_fail("set open-files limit", errno);
	if (o->fsize_bytes > 0 && limit(RLIMIT_FSIZE, (unsigned long long)o->fsize_bytes) < 0)
		return helper_fail("set file-size limit", errno);
	if (o->cpu_s > 0 && limit(RLIMIT_CPU, (unsigned long long)o->cpu_s) < 0)
		return helper_fail("set CPU limit", errno);
	if (o->mem_bytes > 0 && limit(RLIMIT_AS, (unsigned long long)o->mem_bytes) < 0)
		return helper_fail("set memory limit", errno);
	/* Counted per real uid and ignored for uid 0; set anyway, it is the
	 * process limit when there is no pids cgroup and we dropped to a uid. */
	if (o->nproc > 0 && limit(RLIMIT_NPROC, (unsigned long long)o->nproc) < 0)
		return helper_fail("set process limit", errno);
	return 0;
}

static void drop_bounding_set(void)
{
	for (int cap = 0; cap <= 63; cap++)
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno == EINVAL)
			break;
}

static int clear_capabilities(void)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
	struct __user_cap_data_struct data[2];
	memset(data, 0, sizeof data);
	return (int)syscall(SYS_capset, &hdr, data);
}

/* Every capability set must read zero; anything else fails the run closed. */
static int capabilities_are_empty(void)
{
	static const char *const sets[] = { "CapInh:", "CapPrm:", "CapEff:", "CapBnd:", "CapAmb:" };
	char line[256];
	int zero = 0;
	FILE *f = fopen("/proc/self/status", "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof line, f))
		for (size_t i = 0; i < sizeof sets / sizeof *sets; i++)
			if (strncmp(line, sets[i], strlen(sets[i])) == 0 &&
			    strtoull(line + strlen(sets[i]), NULL, 16) == 0)
				zero++;
	fclose(f);
	return zero == (int)(sizeof sets / sizeof *sets);
}

int privs_drop(const struct helper_opts *o)
{
	drop_bounding_set();
	if (o->uid != (uid_t)-1) {
		if (setgroups(0, NULL) < 0 || setresgid(o->gid, o->gid, o->gid) < 0)
			return helper_fail("drop to sandbox gid", errno);
		if (setresuid(o->uid, o->uid, o->uid) < 0)
			return helper_fail("drop to sandbox uid", errno);
	}
	if (clear_capabilities() < 0)
		return helper_fail("clear capabilities", errno);
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
		return helper_fail("clear ambient capabilities", errno);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return helper_fail("set no-new-privileges", errno);
	if (!capabilities_are_empty())
		return helper_fail("capabilities still held after the drop", EPERM);
	return 0;
}
