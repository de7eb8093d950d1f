/* atomic: files replaced whole or not at all, and durable once we say so.
 *
 * A crash (kill -9, power loss) at any moment leaves either the old file
 * or the new one, never a mix: the bytes go to a temporary file in the
 * same directory, which is fsync'd and renamed over the target, and then
 * the directory is fsync'd so the rename itself survives. */
#ifndef FAOS_ATOMIC_H
#define FAOS_ATOMIC_H

#include <stddef.h>
#include <sys/types.h>

/* Replaces name in the directory dirfd (AT_FDCWD: the cwd) with the len
 * bytes of data, mode for the file (a file that exists keeps its mode
 * when keep_mode is set). name must not contain '/'. 0 or -1 and errno;
 * on failure the temporary file is removed and the target is untouched. */
int atomic_write_at(int dirfd, const char *name, const void *data, size_t len, mode_t mode,
		    int keep_mode);
/* The same for a path (its directory must exist). */
int atomic_write(const char *path, const void *data, size_t len, mode_t mode);
/* fsync of a directory (after a rename, unlink or mkdir in it). */
int atomic_sync_dir(const char *path);
int atomic_sync_dirfd(int dirfd);

#endif
