/* store-fs-archive: archived projects of the filesystem backend, as
 * <data>/archive/NAME.tar.gz made and read by tar(1) (spawned, no shell).
 *
 * Archiving packs projects/NAME (the default workspace inside it too; a
 * workspace elsewhere is not the store's and stays where it is), makes the
 * tarball durable, and only then removes the directory. Unarchiving
 * unpacks into a hidden directory and moves the project into place with
 * one rename, so a half-unpacked project is never listed. */
#include "store/store-fs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomic.h"
#include "base/buf.h"
#include "base/paths.h"
#include "base/xmalloc.h"
#include "store/store-spawn.h"

int store_fs_archive(struct store_backend *be, const char *name, char **err)
{
	char *tgz = store_fs_archive_path(be, name), *adir = paths_dirname(tgz);
	char *projects = xasprintf("%s/projects", be->data_dir);
	int fd = -1, rc = -1;

	if (paths_mkdir_p(adir, err) < 0 || store_fs_lock(be, name, &fd, err) < 0)
		goto out;
	if (store_tar_create(tgz, projects, name, err) < 0)
		goto out;
	rc = store_fs_remove_dir(be, name, err);
out:
	if (fd >= 0)
		close(fd);
	free(tgz);
	free(adir);
	free(projects);
	return rc;
}

int store_fs_unarchive(struct store_backend *be, const char *name, char **err)
{
	char *tgz = store_fs_archive_path(be, name), *adir = paths_dirname(tgz);
	char *projects = xasprintf("%s/projects", be->data_dir);
	char *tmp = xasprintf("%s/.unarchive-XXXXXX", projects);
	char *dest = store_fs_project_path(be, name, NULL), *unpacked = NULL, *why = NULL;
	int rc = -1;

	if (paths_mkdir_p(projects, err) < 0)
		goto out;
	if (mkdtemp(tmp) == NULL) {
		*err = paths_error("cannot create directory", tmp);
		goto out;
	}
	unpacked = xasprintf("%s/%s", tmp, name);
	char *argv[] = { "tar", "xzf", tgz, "-C", tmp, "--", (char *)name, NULL };
	if (store_spawn(argv, NULL, NULL, &why) < 0) {
		*err = xasprintf("cannot unpack %s: %s; the archive is left as it is", tgz, why);
	} else if (rename(unpacked, dest) < 0) {
		*err = paths_error("cannot move the project into", dest);
	} else {
		atomic_sync_dir(projects);
		if (unlink(tgz) < 0)
			*err = paths_error("unpacked, but cannot remove", tgz);
		else
			rc = 0;
		atomic_sync_dir(adir);
	}
	paths_remove_tree(tmp);
out:
	free(why);
	free(tgz);
	free(adir);
	free(projects);
	free(tmp);
	free(dest);
	free(unpacked);
	return rc;
}

char *store_fs_archive_read(struct store_backend *be, const char *name, const char *doc,
			    size_t *len, char **err)
{
	char *tgz = store_fs_archive_path(be, name), *why = NULL;
	char *member = xasprintf("%s/%s", name, doc);
	char *argv[] = { "tar", "xzOf", tgz, "--", member, NULL };
	struct buf out = BUF_INIT;
	char *data = NULL;

	if (store_spawn(argv, NULL, &out, &why) < 0) {
		*err = xasprintf("cannot read %s from %s: %s", member, tgz, why);
		buf_free(&out);
		errno = ENOENT;
	} else {
		*len = out.len;
		data = buf_steal(&out);
	}
	free(why);
	free(tgz);
	free(member);
	return data;
}
