/* pathguard: the paths a model writes, checked, normalised and resolved
 * inside the workspace, and the directory walk that every write and read
 * of apply.c goes through. Internal to src/orch (apply.c is the user).
 *
 * Checking is done in two steps: pathguard_normalise looks at the text
 * only (empty, too long, control characters, absolute, "..", .git), and
 * pathguard_resolve then follows the path on disk component by component,
 * symlinks included, and says where it really lands. The writes later open
 * that resolved path one directory at a time with O_NOFOLLOW, so a symlink
 * swapped in after the check makes the write fail instead of escaping. */
#ifndef FAOS_PATHGUARD_H
#define FAOS_PATHGUARD_H

#include <stddef.h>
#include <sys/types.h>

#define PATHGUARD_PATH_MAX 4096 /* bytes in a path */
#define PATHGUARD_NAME_MAX 255  /* bytes in one component */

struct pathguard {
	int wsfd;     /* the workspace directory, opened once */
	char *wsreal; /* its real path, to judge absolute symlink targets */
};

/* Opens workspace (an existing directory). 0, or -1 and *err (allocated). */
int pathguard_open(struct pathguard *g, const char *workspace, char **err);
void pathguard_close(struct pathguard *g);

/* The path as the model wrote it, normalised by its text alone ("a/./b",
 * "a//b", "a/x/../b" -> "a/b"). Allocated, or NULL and *why (allocated). */
char *pathguard_normalise(const char *path, char **why);

/* Follows norm (from pathguard_normalise) on disk: symlinks that stay in
 * the workspace are replaced by their targets, so the result names real
 * directories only. The last component is followed only when follow_last
 * is set (a DELETE removes the link itself). *mode is the last component's
 * st_mode, 0 when it does not exist. Allocated, or NULL and *why. */
char *pathguard_resolve(const struct pathguard *g, const char *norm, int follow_last,
			mode_t *mode, char **why);

/* Opens the directory holding rel (a resolved path) one component at a
 * time with O_NOFOLLOW, making missing ones (mode 0755) when create is set.
 * Returns the directory's fd with *leaf pointing at rel's last component,
 * or -1 and errno (ENOENT: a directory is missing and create is 0). */
int pathguard_open_parent(const struct pathguard *g, const char *rel, int create,
			  const char **leaf);

/* Offset of the first byte of s that does not start a valid UTF-8
 * sequence (overlongs, surrogates, past U+10FFFF and truncated sequences
 * are invalid), or len when all of s is valid. */
size_t pathguard_utf8_error(const char *s, size_t len);

/* path made fit for a one-line message: control characters and invalid
 * UTF-8 as \xNN, cut after about 120 bytes, "" for an empty path. */
char *pathguard_show(const char *path);

#endif
