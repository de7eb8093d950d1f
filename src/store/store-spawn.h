/* store-spawn: running tar and git for the store, without a shell. */
#ifndef FAOS_STORE_SPAWN_H
#define FAOS_STORE_SPAWN_H

#include "base/buf.h"

/* Runs argv[0], looked up on PATH, with envp (NULL: PATH from ours and
 * LANG=C, nothing else) and stdin from /dev/null; its stdout goes to out
 * (NULL: /dev/null). 0 when it exits with 0; else -1 and *err (allocated)
 * is the first line it wrote to stderr, or how it ended. */
int store_spawn(char *const argv[], char *const envp[], struct buf *out, char **err);
/* tar czf tgz -C from member, into a temporary name beside tgz that is
 * fsync'd and renamed over it: tgz is whole or absent. */
int store_tar_create(const char *tgz, const char *from, const char *member, char **err);
/* 1 when an executable named prog is on PATH. */
int store_on_path(const char *prog);

#endif
