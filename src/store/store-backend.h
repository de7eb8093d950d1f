/* store-backend: the storage primitives the store is written against.
 *
 * A backend keeps projects by name: each has named documents (replaced
 * whole, atomically: "project.json", "versions/3.json"), one append-only
 * journal and a pool of objects named by their sha256. The logic of
 * store.h (versions, diff, restore, lifecycle) only uses these; the local
 * filesystem backend (store-fs*.c) lays them out as store.h describes.
 *
 * Every function that can fail returns -1 (or NULL) with *err set to one
 * allocated line that says what failed and where; errno is kept so that a
 * caller can tell "not there" (ENOENT) from other failures. One backend
 * value belongs to one thread at a time. */
#ifndef FAOS_STORE_BACKEND_H
#define FAOS_STORE_BACKEND_H

#include <stddef.h>

struct store_backend;

struct store_backend_ops {
	/* Projects. create makes an empty project (EEXIST when it exists,
	 * active or archived); exists: 1 active, 2 archived, 0 none. */
	int (*project_create)(struct store_backend *be, const char *name, char **err);
	int (*project_exists)(struct store_backend *be, const char *name);
	/* Where a project lives, for messages (a path or URL), allocated. */
	char *(*project_where)(struct store_backend *be, const char *name, int archived);
	/* Names (allocated, unsorted) of the active or the archived ones. */
	int (*project_list)(struct store_backend *be, int archived, char ***names, size_t *n,
			    char **err);
	/* Removes the project (an archived one: its archive); refused while
	 * another process has it open. archive/unarchive move it between
	 * the two kinds. */
	int (*project_remove)(struct store_backend *be, const char *name, char **err);
	int (*project_archive)(struct store_backend *be, const char *name, char **err);
	int (*project_unarchive)(struct store_backend *be, const char *name, char **err);

	/* Documents: whole content (NUL-terminated, allocated) or NULL. A
	 * document of an archived project can be read, not written. */
	char *(*doc_read)(struct store_backend *be, const char *name, int archived,
			  const char *doc, size_t *len, char **err);
	int (*doc_write)(struct store_backend *be, const char *name, const char *doc,
			 const void *data, size_t len, char **err);

	/* Journal. open takes the project for this process (refused while
	 * another has it) and must come before append. append writes the line
	 * (ending in '\n') with one write, durable when sync. cut shortens the
	 * journal to len bytes: only to drop a torn last line. */
	int (*journal_open)(struct store_backend *be, const char *name, char **err);
	char *(*journal_read)(struct store_backend *be, const char *name, size_t *len,
			      char **err);
	int (*journal_cut)(struct store_backend *be, const char *name, size_t len, char **err);
	int (*journal_append)(struct store_backend *be, const char *name, const char *line,
			      size_t len, int sync, char **err);

	/* Objects: put stores data under its sha256 (hex) unless already
	 * there; get returns it (allocated, NUL-terminated). */
	int (*object_put)(struct store_backend *be, const char *name, const char *sha256,
			  const void *data, size_t len, char **err);
	char *(*object_get)(struct store_backend *be, const char *name, const char *sha256,
			    size_t *len, char **err);

	void (*free)(struct store_backend *be);
};

struct store_backend {
	const struct store_backend_ops *ops;
	char *data_dir; /* as given by the caller */
};

/* The local filesystem backend for data_dir (made on first write). */
struct store_backend *store_backend_fs(const char *data_dir);

#endif
