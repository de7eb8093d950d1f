/* store-fs: the local filesystem backend (layout in store.h): projects as
 * directories, documents and objects written with base/atomic.h. Its
 * journal is in store-fs-journal.c, its archives in store-fs-archive.c. */
#include "store/store-fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomic.h"
#include "base/paths.h"
#include "base/xmalloc.h"

char *store_fs_project_path(const struct store_backend *be, const char *name, const char *rel)
{
	if (rel == NULL)
		return xasprintf("%s/projects/%s", be->data_dir, name);
	return xasprintf("%s/projects/%s/%s", be->data_dir, name, rel);
}

char *store_fs_archive_path(const struct store_backend *be, const char *name)
{
	return xasprintf("%s/archive/%s.tar.gz", be->data_dir, name);
}

static int fs_exists(struct store_backend *be, const char *name)
{
	char *dir = store_fs_project_path(be, name, NULL), *tgz = store_fs_archive_path(be, name);
	struct stat st;
	int rc = stat(dir, &st) == 0 ? 1 : stat(tgz, &st) == 0 ? 2 : 0;

	free(dir);
	free(tgz);
	return rc;
}

static char *fs_where(struct store_backend *be, const char *name, int archived)
{
	return archived ? store_fs_archive_path(be, name) : store_fs_project_path(be, name, NULL);
}

static int fs_create(struct store_backend *be, const char *name, char **err)
{
	static const char *const sub[] = { "versions", "objects", "runs" };
	char *projects = xasprintf("%s/projects", be->data_dir), *dir = NULL;
	int rc = -1;

	if (paths_mkdir_p(projects, err) < 0)
		goto out;
	dir = store_fs_project_path(be, name, NULL);
	if (fs_exists(be, name) != 0) {
		errno = EEXIST;
		*err = paths_error("cannot create directory", dir);
		goto out;
	}
	if (mkdir(dir, 0700) < 0) {
		*err = paths_error("cannot create directory", dir);
		goto out;
	}
	for (size_t i = 0; i < sizeof sub / sizeof *sub; i++) {
		char *p = store_fs_project_path(be, name, sub[i]);
		int bad = mkdir(p, 0700) < 0;
		if (bad)
			*err = paths_error("cannot create directory", p);
		free(p);
		if (bad)
			goto out;
	}
	rc = atomic_sync_dir(projects) < 0 || atomic_sync_dir(dir) < 0 ? -1 : 0;
	if (rc < 0)
		*err = paths_error("cannot sync", dir);
out:
	free(projects);
	free(dir);
	return rc;
}

/* Entries of data/sub: directories not starting with '.', or files ending
 * in suffix, with the suffix cut off. */
static int fs_list(struct store_backend *be, int archived, char ***names, size_t *n, char **err)
{
	const char *suffix = archived ? ".tar.gz" : NULL;
	char *dir = xasprintf("%s/%s", be->data_dir, archived ? "archive" : "projects");
	DIR *d = opendir(dir);
	struct dirent *de;

	*names = NULL, *n = 0;
	if (d == NULL) {
		int missing = errno == ENOENT;
		if (!missing)
			*err = paths_error("cannot read directory", dir);
		free(dir);
		return missing ? 0 : -1;
	}
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name), sl = suffix ? strlen(suffix) : 0;
		if (de->d_name[0] == '.' || len <= sl ||
		    (suffix && strcmp(de->d_name + len - sl, suffix) != 0))
			continue;
		*names = xreallocarray(*names, *n + 1, sizeof **names);
		(*names)[(*n)++] = xstrndup(de->d_name, len - sl);
	}
	closedir(d);
	free(dir);
	return 0;
}

int store_fs_remove_dir(struct store_backend *be, const char *name, char **err)
{
	char *dir = store_fs_project_path(be, name, NULL);
	char *gone = xasprintf("%s/projects/.deleted-%s-%d", be->data_dir, name, (int)getpid());
	char *projects = xasprintf("%s/projects", be->data_dir);
	int rc = 0;

	/* One rename makes it disappear whole; a crash while removing the
	 * tree leaves a hidden directory that no listing shows. */
	paths_remove_tree(gone);
	if (rename(dir, gone) < 0) {
		*err = paths_error("cannot remove", dir);
		rc = -1;
	} else {
		atomic_sync_dir(projects);
		paths_remove_tree(gone);
	}
	free(dir);
	free(gone);
	free(projects);
	return rc;
}

/* An archived project is its tarball. */
static int remove_archived(struct store_backend *be, const char *name, char **err)
{
	char *tgz = store_fs_archive_path(be, name), *dir = paths_dirname(tgz);
	int rc = unlink(tgz);

	if (rc < 0)
		*err = paths_error("cannot remove", tgz);
	else
		atomic_sync_dir(dir);
	free(tgz);
	free(dir);
	return rc;
}

static int fs_remove(struct store_backend *be, const char *name, char **err)
{
	int fd, rc;

	if (fs_exists(be, name) == 2)
		return remove_archived(be, name, err);
	if (store_fs_lock(be, name, &fd, err) < 0)
		return -1;
	rc = store_fs_remove_dir(be, name, err);
	if (fd >= 0)
		close(fd);
	return rc;
}

static char *fs_doc_read(struct store_backend *be, const char *name, int archived,
			 const char *doc, size_t *len, char **err)
{
	if (archived)
		return store_fs_archive_read(be, name, doc, len, err);
	char *path = store_fs_project_path(be, name, doc), *data = paths_read_file(path, len);
	if (data == NULL) {
		int saved = errno;
		*err = paths_error("cannot read", path);
		errno = saved;
	}
	free(path);
	return data;
}

/* atomic_write, making the directory when it is missing (and syncing
 * its parent, so the new entry is durable too). */
static int write_file(const char *path, const void *data, size_t len, mode_t mode, char **err)
{
	int rc = atomic_write(path, data, len, mode);

	if (rc < 0 && errno == ENOENT) {
		char *dir = paths_dirname(path), *parent = paths_dirname(dir);
		if (paths_mkdir_p(dir, err) == 0) {
			atomic_sync_dir(parent);
			rc = atomic_write(path, data, len, mode);
		} else {
			free(dir);
			free(parent);
			return -1;
		}
		free(dir);
		free(parent);
	}
	if (rc < 0)
		*err = paths_error("cannot write", path);
	return rc;
}

static int fs_doc_write(struct store_backend *be, const char *name, const char *doc,
			const void *data, size_t len, char **err)
{
	char *path = store_fs_project_path(be, name, doc);
	int rc = write_file(path, data, len, 0600, err);

	free(path);
	return rc;
}

static char *object_path(struct store_backend *be, const char *name, const char *sha)
{
	return xasprintf("%s/projects/%s/objects/%.2s/%s", be->data_dir, name, sha, sha + 2);
}

static int fs_object_put(struct store_backend *be, const char *name, const char *sha,
			 const void *data, size_t len, char **err)
{
	char *path = object_path(be, name, sha);
	struct stat st;
	int rc = 0;

	/* Same name, same content: an object is written once. */
	if (stat(path, &st) != 0)
		rc = write_file(path, data, len, 0444, err);
	free(path);
	return rc;
}

static char *fs_object_get(struct store_backend *be, const char *name, const char *sha,
			   size_t *len, char **err)
{
	char *path = object_path(be, name, sha), *data = paths_read_file(path, len);

	if (data == NULL)
		*err = paths_error("cannot read object", path);
	free(path);
	return data;
}

static void fs_free(struct store_backend *be)
{
	struct fs_backend *f = (struct fs_backend *)be;

	if (f->jfd >= 0)
		close(f->jfd);
	free(f->jname);
	free(be->data_dir);
	free(f);
}

static const struct store_backend_ops fs_ops = {
	.project_create = fs_create,
	.project_exists = fs_exists,
	.project_where = fs_where,
	.project_list = fs_list,
	.project_remove = fs_remove,
	.project_archive = store_fs_archive,
	.project_unarchive = store_fs_unarchive,
	.doc_read = fs_doc_read,
	.doc_write = fs_doc_write,
	.journal_open = store_fs_journal_open,
	.journal_read = store_fs_journal_read,
	.journal_cut = store_fs_journal_cut,
	.journal_append = store_fs_journal_append,
	.object_put = fs_object_put,
	.object_get = fs_object_get,
	.free = fs_free,
};

struct store_backend *store_backend_fs(const char *data_dir)
{
	struct fs_backend *f = xcalloc(1, sizeof *f);

	f->be.ops = &fs_ops;
	f->be.data_dir = xstrdup(data_dir);
	f->jfd = -1;
	return &f->be;
}
