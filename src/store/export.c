/* export: one version's files out of the store, into a new directory or a
 * tarball (.tar.gz / .tgz) whose one top directory is NAME-vN. The files
 * come from the objects, not from the workspace, so any version can be
 * exported whatever the workspace holds now. */
#include "store/store-int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/paths.h"
#include "base/xmalloc.h"
#include "store/store-spawn.h"

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n > k && strcmp(s + n - k, suffix) == 0;
}

/* Makes dir (which must not exist) and writes v's files into it. */
static int export_dir(struct store *s, const struct store_version *v, const char *dir,
		      char **err)
{
	int fd, rc = 0;

	if (mkdir(dir, 0755) < 0) {
		*err = errno == EEXIST ? xasprintf("%s exists; export to a new directory", dir)
				       : paths_error("cannot create directory", dir);
		return -1;
	}
	if ((fd = store_ws_open_root(dir, err)) < 0)
		return -1;
	for (size_t i = 0; i < v->nfiles && rc == 0; i++) {
		size_t len;
		char *data = store_file_read(s, &v->files[i], &len, err);
		const struct store_file *f = &v->files[i];
		rc = data ? store_ws_write(fd, dir, f->path, data, len, f->mode, err) : -1;
		free(data);
	}
	close(fd);
	if (rc < 0)
		paths_remove_tree(dir); /* ours, made above: no half export stays */
	return rc;
}

static int export_tarball(struct store *s, const struct store_version *v, const char *dest,
			  char **err)
{
	char *tmp = xasprintf("%s/.export-XXXXXX", s->dir);
	char *top = xasprintf("%s-v%d", s->p.name, v->number), *dir = NULL;
	struct stat st;
	int rc = -1;

	if (lstat(dest, &st) == 0) {
		*err = xasprintf("%s exists; export to a new file name", dest);
		goto out;
	}
	if (mkdtemp(tmp) == NULL) {
		*err = paths_error("cannot create directory", tmp);
		goto out;
	}
	dir = xasprintf("%s/%s", tmp, top);
	if (export_dir(s, v, dir, err) == 0)
		rc = store_tar_create(dest, tmp, top, err);
	paths_remove_tree(tmp);
out:
	free(tmp);
	free(top);
	free(dir);
	return rc;
}

int store_export(struct store *s, int version, const char *dest, char **err)
{
	struct store_version v;
	int rc;

	if (store_version_load(s, version, &v, err) < 0)
		return -1;
	if (ends_with(dest, ".tar.gz") || ends_with(dest, ".tgz"))
		rc = export_tarball(s, &v, dest, err);
	else
		rc = export_dir(s, &v, dest, err);
	store_version_free(&v);
	return rc;
}
