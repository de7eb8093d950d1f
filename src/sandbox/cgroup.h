/* cgroup: per-run cgroup v1 limits, counters and kill (see cgroup.c). */
#ifndef FAOS_SANDBOX_CGROUP_H
#define FAOS_SANDBOX_CGROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { CG_MEMORY, CG_PIDS, CG_FREEZER, CG_COUNT };
#define CG_PATH 1024

struct sbx_cgroup {
	char dir[CG_COUNT][CG_PATH];
	char procs[CG_COUNT][2 * CG_PATH]; /* the cgroup.procs files the helper joins */
	int made; /* directories created so far */
};

/* 1 when per-run cgroups can be made here, else 0 and why in detail. */
int cgroup_probe(char *detail, size_t size);
/* Creates NAME under our own cgroups with the limits; -1 and errno. */
int cgroup_create(struct sbx_cgroup *cg, const char *name, long long mem_bytes, int max_procs);
int cgroup_kill_all(struct sbx_cgroup *cg);
void cgroup_counters(const struct sbx_cgroup *cg, uint64_t *oom_kills, bool *procs_hit);
/* Kills what is left and removes the directories. */
void cgroup_destroy(struct sbx_cgroup *cg);

#endif
