/* cgroup: one cgroup per run under our own, for the memory and process
 * limits, their counters (OOM kills, fork failures) and a race-free kill of
 * everything in it (freeze, SIGKILL each member, thaw, until empty).
 * cgroup v1 (memory, pids, freezer) is what these machines have; a pure v2
 * hierarchy is reported missing, and the rlimits stand in. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/paths.h"
#include "sandbox/cgroup.h"

static const char *const controllers[CG_COUNT] = { "memory", "pids", "freezer" };

/* Our own cgroup in one v1 hierarchy, from /proc/self/cgroup. */
static int own_path(const char *controller, char *out, size_t size)
{
	char line[1024];
	int found = -1;
	FILE *f = fopen("/proc/self/cgroup", "re");
	if (!f)
		return -1;
	while (found < 0 && fgets(line, sizeof line, f)) {
		char *list = strchr(line, ':'), *path = list ? strchr(list + 1, ':') : NULL;
		if (!path)
			continue;
		*path++ = '\0';
		path[strcspn(path, "\n")] = '\0';
		for (char *tok = strtok(list + 1, ","); tok; tok = strtok(NULL, ","))
			if (strcmp(tok, controller) == 0) {
				snprintf(out, size, "/sys/fs/cgroup/%s%s", controller,
					 strcmp(path, "/") == 0 ? "" : path);
				found = 0;
			}
	}
	fclose(f);
	return found;
}

static int write_file(const char *dir, const char *name, const char *value)
{
	char path[CG_PATH + 64];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return paths_write_text(path, value, 0);
}

/* The number after "key " in a flat keyed file, or 0. */
static unsigned long long read_key(const char *dir, const char *name, const char *key)
{
	char path[CG_PATH + 64], line[256];
	unsigned long long v = 0;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "re");
	if (!f)
		return 0;
	size_t klen = strlen(key);
	while (fgets(line, sizeof line, f))
		if (strncmp(line, key, klen) == 0 && line[klen] == ' ')
			v = strtoull(line + klen + 1, NULL, 10);
	fclose(f);
	return v;
}

int cgroup_probe(char *detail, size_t size)
{
	char path[CG_PATH];
	struct stat st;

	if (stat("/sys/fs/cgroup/cgroup.controllers", &st) == 0) {
		snprintf(detail, size, "cgroup v2 hierarchy: not supported yet (rlimits stand in)");
		return 0;
	}
	for (int c = 0; c < CG_COUNT; c++) {
		if (own_path(controllers[c], path, sizeof path) < 0) {
			snprintf(detail, size, "no cgroup v1 %s controller", controllers[c]);
			return 0;
		}
		if (access(path, W_OK) < 0) {
			snprintf(detail, size, "%s: not writable (%s)", path, strerror(errno));
			return 0;
		}
	}
	snprintf(detail, size, "v1: memory, pids, freezer");
	return 1;
}

/* The cgroups a faos-codex killed with kill -9 left behind, once per
 * process: empty ones of processes that are gone are removed (rmdir
 * refuses a cgroup that still has members, so nothing alive is touched). */
static void sweep_stale(const char *base)
{
	DIR *d = opendir(base);
	for (struct dirent *e; d && (e = readdir(d));) {
		int pid;
		unsigned n;
		char dir[CG_PATH];
		if (sscanf(e->d_name, "faos-codex-%d-%u", &pid, &n) != 2 || pid == getpid() ||
		    kill(pid, 0) == 0 || errno != ESRCH)
			continue;
		if (snprintf(dir, sizeof dir, "%s/%s", base, e->d_name) < (int)sizeof dir)
			rmdir(dir);
	}
	if (d)
		closedir(d);
}

/* mkdir; a cgroup of our name can only be left by a dead process that had
 * our pid, so an empty one is taken over. */
static int make_dir(const char *dir)
{
	if (mkdir(dir, 0755) == 0)
		return 0;
	if (errno != EEXIST || rmdir(dir) < 0)
		return errno = EEXIST, -1;
	return mkdir(dir, 0755);
}

int cgroup_create(struct sbx_cgroup *cg, const char *name, long long mem_bytes, int max_procs)
{
	static atomic_bool swept;
	char value[32], base[CG_PATH];

	memset(cg, 0, sizeof *cg);
	for (int c = 0; c < CG_COUNT; c++) {
		if (own_path(controllers[c], base, sizeof base) < 0)
			return errno = ENOENT, -1;
		if (!atomic_load(&swept))
			sweep_stale(base);
		if (snprintf(cg->dir[c], sizeof cg->dir[c], "%s/%s", base, name) >= CG_PATH)
			return errno = ENAMETOOLONG, -1;
		snprintf(cg->procs[c], sizeof cg->procs[c], "%s/%s/cgroup.procs", base, name);
		if (make_dir(cg->dir[c]) < 0)
			return -1;
		cg->made = c + 1;
	}
	atomic_store(&swept, true);
	snprintf(value, sizeof value, "%lld", mem_bytes);
	if (write_file(cg->dir[CG_MEMORY], "memory.limit_in_bytes", value) < 0)
		return -1;
	/* No swap here, but where there is: memory+swap = memory. */
	write_file(cg->dir[CG_MEMORY], "memory.memsw.limit_in_bytes", value);
	snprintf(value, sizeof value, "%d", max_procs);
	if (write_file(cg->dir[CG_PIDS], "pids.max", value) < 0)
		return -1;
	return 0;
}

/* SIGKILL everything in the cgroup; frozen first so nothing forks between
 * the read of the member list and the kill. Returns how many were killed. */
int cgroup_kill_all(struct sbx_cgroup *cg)
{
	int killed = 0;
	if (cg->made < CG_COUNT)
		return 0;
	/* Up to a second: a loaded machine can take that long to finish off
	 * a large tree, and a caller that returns sooner leaves it behind. */
	for (int round = 0; round < 1000; round++) {
		int seen = 0, pid;
		write_file(cg->dir[CG_FREEZER], "freezer.state", "FROZEN");
		FILE *f = fopen(cg->procs[CG_FREEZER], "re");
		while (f && fscanf(f, "%d", &pid) == 1)
			if (kill(pid, SIGKILL) == 0)
				seen++;
		if (f)
			fclose(f);
		write_file(cg->dir[CG_FREEZER], "freezer.state", "THAWED");
		killed += seen;
		if (seen == 0)
			break;
		usleep(1000);
	}
	return killed;
}

void cgroup_counters(const struct sbx_cgroup *cg, uint64_t *oom_kills, bool *procs_hit)
{
	*oom_kills = read_key(cg->dir[CG_MEMORY], "memory.oom_control", "oom_kill");
	*procs_hit = read_key(cg->dir[CG_PIDS], "pids.events", "max") > 0;
}

void cgroup_destroy(struct sbx_cgroup *cg)
{
	cgroup_kill_all(cg);
	for (int c = cg->made - 1; c >= 0; c--)
		for (int tries = 0; rmdir(cg->dir[c]) < 0 && errno == EBUSY && tries < 200; tries++)
			usleep(5000); /* members still exiting */
	cg->made = 0;
}
