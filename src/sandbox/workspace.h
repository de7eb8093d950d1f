/* workspace: the run's directories (see workspace.c). */
#ifndef FAOS_SANDBOX_WORKSPACE_H
#define FAOS_SANDBOX_WORKSPACE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Resolves dir into real (PATH_MAX) and refuses /, system trees and $HOME. */
int workspace_check(const char *dir, char *real, char *why, size_t size);
/* lchown everything but the protected paths to uid:gid (no symlinks followed). */
int workspace_give(const char *real, uid_t uid, gid_t gid);

struct scratch {
	char dir[PATH_MAX], root[PATH_MAX + 8], tmp[PATH_MAX + 8], home[PATH_MAX + 8];
};

int scratch_make(struct scratch *s, uid_t uid, gid_t gid);
void scratch_remove(struct scratch *s);

#endif
