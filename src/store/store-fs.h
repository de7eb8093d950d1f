/* store-fs: what the files of the local filesystem backend (store-fs.c,
 * store-fs-journal.c, store-fs-archive.c) share. The rest of the store
 * sees store-backend.h only. */
#ifndef FAOS_STORE_FS_H
#define FAOS_STORE_FS_H

#include <stddef.h>

#include "store/store-backend.h"

struct fs_backend {
	struct store_backend be;
	char *jname; /* the project whose journal jfd is, or NULL */
	int jfd;     /* O_APPEND, flock'd */
};

/* <data>/projects/NAME[/rel] and <data>/archive/NAME.tar.gz, allocated. */
char *store_fs_project_path(const struct store_backend *be, const char *name, const char *rel);
char *store_fs_archive_path(const struct store_backend *be, const char *name);
/* Takes the project's lock for an operation on the whole project: *fd is
 * the locked journal (-1 when there is none yet); close it to release. */
int store_fs_lock(struct store_backend *be, const char *name, int *fd, char **err);
/* Renames projects/NAME out of the way, then removes it. */
int store_fs_remove_dir(struct store_backend *be, const char *name, char **err);

int store_fs_journal_open(struct store_backend *be, const char *name, char **err);
char *store_fs_journal_read(struct store_backend *be, const char *name, size_t *len, char **err);
int store_fs_journal_cut(struct store_backend *be, const char *name, size_t len, char **err);
int store_fs_journal_append(struct store_backend *be, const char *name, const char *line,
			    size_t len, int sync, char **err);

int store_fs_archive(struct store_backend *be, const char *name, char **err);
int store_fs_unarchive(struct store_backend *be, const char *name, char **err);
char *store_fs_archive_read(struct store_backend *be, const char *name, const char *doc,
			    size_t *len, char **err);

#endif
