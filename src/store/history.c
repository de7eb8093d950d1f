/* history: looking back at versions: a file's content, the diff between
 * two versions, and restoring one into the workspace. */
#include "store/store-int.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/diff.h"
#include "base/xmalloc.h"

char *store_file_read(struct store *s, const struct store_file *f, size_t *len, char **err)
{
	char sha[65];
	char *data = s->be->ops->object_get(s->be, s->p.name, f->sha256, len, err);

	if (data == NULL)
		return NULL;
	/* A damaged object is said so, not shown as the file. */
	store_ws_sha256(data, *len, sha);
	if (strcmp(sha, f->sha256) != 0) {
		*err = xasprintf("the stored content of %s (object %s in %s/objects) is damaged; "
				 "restore the store from a backup", f->path, f->sha256, s->dir);
		free(data);
		return NULL;
	}
	return data;
}

/* One file's part of the diff; a or b NULL for an added or removed file. */
static int diff_file(struct store *s, const struct store_file *a, const struct store_file *b,
		     struct buf *out, char **err)
{
	const char *path = a ? a->path : b->path;
	char *ta = NULL, *tb = NULL;
	size_t la = 0, lb = 0;
	char *old_label = a ? xasprintf("a/%s", path) : xstrdup("/dev/null");
	char *new_label = b ? xasprintf("b/%s", path) : xstrdup("/dev/null");
	int rc = -1;

	if ((a && (ta = store_file_read(s, a, &la, err)) == NULL) ||
	    (b && (tb = store_file_read(s, b, &lb, err)) == NULL))
		goto out;
	if ((ta && memchr(ta, '\0', la)) || (tb && memchr(tb, '\0', lb))) {
		buf_printf(out, "Binary files %s and %s differ\n", old_label, new_label);
	} else {
		struct diff d;
		diff_texts(ta ? ta : "", la, tb ? tb : "", lb, DIFF_CONTEXT, &d);
		if (d.nhunks == 0) /* an empty file added or removed */
			buf_printf(out, "--- %s\n+++ %s\n", old_label, new_label);
		diff_unified(&d, old_label, new_label, out);
		diff_free(&d);
	}
	rc = 0;
out:
	free(ta);
	free(tb);
	free(old_label);
	free(new_label);
	return rc;
}

int store_diff(struct store *s, int v1, int v2, struct buf *out, char **err)
{
	struct store_version a, b;
	int rc = 0;

	if (store_version_load(s, v1, &a, err) < 0) {
		if (v1 != 0)
			return -1;
		free(*err); /* no version 0 (an empty workspace): nothing before */
		*err = NULL;
		memset(&a, 0, sizeof a);
	}
	if (store_version_load(s, v2, &b, err) < 0) {
		store_version_free(&a);
		return -1;
	}
	/* Both file lists are sorted by path: one merge walk. */
	for (size_t i = 0, j = 0; rc == 0 && (i < a.nfiles || j < b.nfiles);) {
		int c = i == a.nfiles ? 1 : j == b.nfiles ? -1 : strcmp(a.files[i].path,
									 b.files[j].path);
		if (c < 0)
			rc = diff_file(s, &a.files[i++], NULL, out, err);
		else if (c > 0)
			rc = diff_file(s, NULL, &b.files[j++], out, err);
		else if (strcmp(a.files[i++].sha256, b.files[j++].sha256) != 0)
			rc = diff_file(s, &a.files[i - 1], &b.files[j - 1], out, err);
	}
	store_version_free(&a);
	store_version_free(&b);
	return rc;
}

/* Writes f into the workspace unless it already holds that content and
 * mode (untouched files keep their times, for build tools). */
static int put_back(struct store *s, int wsfd, const struct store_file *f, char **err)
{
	size_t len;
	unsigned mode;
	char sha[65], *e2 = NULL;
	char *cur = store_ws_read(wsfd, s->p.workspace, f->path, &len, &mode, &e2);
	int same = 0;

	if (cur) {
		store_ws_sha256(cur, len, sha);
		same = mode == f->mode && strcmp(sha, f->sha256) == 0;
	}
	free(cur);
	free(e2);
	if (same)
		return 0;
	char *data = store_file_read(s, f, &len, err);
	int rc = data ? store_ws_write(wsfd, s->p.workspace, f->path, data, len, f->mode, err) : -1;
	free(data);
	return rc;
}

static int restore_files(struct store *s, const struct store_version *v, char ***written,
			 size_t *nw, char ***deleted, size_t *nd, char **err)
{
	int wsfd = store_ws_open_root(s->p.workspace, err), rc = 0;
	struct store_file key;

	if (wsfd < 0)
		return -1;
	*written = xcalloc(v->nfiles + 1, sizeof **written);
	*deleted = xcalloc(s->last.nfiles + 1, sizeof **deleted);
	for (size_t i = 0; i < s->last.nfiles && rc == 0; i++) {
		key.path = s->last.files[i].path;
		size_t lo = 0, hi = v->nfiles;
		while (lo < hi) { /* v->files is sorted by path */
			size_t mid = (lo + hi) / 2;
			int c = strcmp(v->files[mid].path, key.path);
			if (c == 0)
				break;
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < hi)
			continue;
		rc = store_ws_unlink(wsfd, s->p.workspace, key.path, err);
		(*deleted)[(*nd)++] = xstrdup(key.path);
	}
	for (size_t i = 0; i < v->nfiles && rc == 0; i++) {
		rc = put_back(s, wsfd, &v->files[i], err);
		(*written)[(*nw)++] = xstrdup(v->files[i].path);
	}
	close(wsfd);
	return rc;
}

int store_restore(struct store *s, int number, int *new_number, char **err)
{
	struct store_version v;
	char **written = NULL, **deleted = NULL, *msg;
	size_t nw = 0, nd = 0;
	int rc = -1;

	if (s->p.state == STORE_FINALIZED) {
		*err = xasprintf("project '%s' is finalized; 'faos-codex project reopen %s' to "
				 "change it", s->p.name, s->p.name);
		return -1;
	}
	if (store_version_load(s, number, &v, err) < 0)
		return -1;
	msg = xasprintf("restore version %d", number);
	if (restore_files(s, &v, &written, &nw, &deleted, &nd, err) == 0 &&
	    store_commit(s, 0, msg, written, nw, deleted, nd, new_number, err) == 0)
		rc = 0;
	for (size_t i = 0; i < nw; i++)
		free(written[i]);
	for (size_t i = 0; i < nd; i++)
		free(deleted[i]);
	free(written);
	free(deleted);
	free(msg);
	store_version_free(&v);
	return rc;
}
