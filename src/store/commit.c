/* commit: a new version = the latest one with the written files (read from
 * the workspace now) replaced or added and the deleted ones gone. */
#include "store/store-int.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"
#include "base/xmalloc.h"

struct change {
	struct store_file *w; /* the written files, sorted, one per path */
	size_t nw;
	char **d;             /* deleted paths, sorted */
	size_t nd;
};

static int cmp_file(const void *a, const void *b)
{
	return strcmp(((const struct store_file *)a)->path, ((const struct store_file *)b)->path);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const struct store_file *find_file(const struct store_file *v, size_t n, const char *path)
{
	struct store_file key = { .path = (char *)path };
	return n ? bsearch(&key, v, n, sizeof *v, cmp_file) : NULL;
}

static int find_str(char *const *v, size_t n, const char *s)
{
	return n && bsearch(&s, v, n, sizeof *v, cmp_str) != NULL;
}

static void push_str(char ***v, size_t *n, const char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = xstrdup(s);
}

static void change_free(struct change *c)
{
	for (size_t i = 0; i < c->nw; i++)
		free(c->w[i].path);
	free(c->w);
	for (size_t i = 0; i < c->nd; i++)
		free(c->d[i]);
	free(c->d);
}

static int check_paths(char *const *written, size_t nw, char *const *deleted, size_t nd,
		       struct change *c, char **err)
{
	for (size_t i = 0; i < nw + nd; i++) {
		const char *p = i < nw ? written[i] : deleted[i - nw];
		if (!store_ws_path_ok(p)) {
			*err = xasprintf("cannot record '%s': not a relative path inside the workspace "
					 "(no '..', '.git' or '.faos-codex'); pass paths as they were "
					 "written", p);
			return -1;
		}
		if (i >= nw)
			push_str(&c->d, &c->nd, p);
	}
	if (c->nd > 1)
		qsort(c->d, c->nd, sizeof *c->d, cmp_str);
	for (size_t i = 0; i < nw; i++) {
		if (find_str(c->d, c->nd, written[i])) {
			*err = xasprintf("'%s' is both written and deleted; pass it once", written[i]);
			return -1;
		}
	}
	return 0;
}

/* Reads each written file, stores its object, and sorts them by path. */
static int read_written(struct store *s, char *const *written, size_t nw, struct change *c,
			char **err)
{
	int wsfd = store_ws_open_root(s->p.workspace, err), rc = 0;

	if (wsfd < 0)
		return -1;
	c->w = xcalloc(nw + 1, sizeof *c->w);
	for (size_t i = 0; i < nw && rc == 0; i++) {
		struct store_file *f = &c->w[c->nw];
		char *data = store_ws_read(wsfd, s->p.workspace, written[i], &f->size, &f->mode,
					   err);
		if (data == NULL) {
			rc = -1;
			break;
		}
		store_ws_sha256(data, f->size, f->sha256);
		rc = s->be->ops->object_put(s->be, s->p.name, f->sha256, data, f->size, err);
		f->path = xstrdup(written[i]);
		c->nw++;
		free(data);
	}
	close(wsfd);
	if (c->nw > 1)
		qsort(c->w, c->nw, sizeof *c->w, cmp_file);
	/* The same path twice: once is enough (same content, read just now). */
	size_t k = 0;
	for (size_t i = 0; i < c->nw; i++) {
		if (k > 0 && !strcmp(c->w[k - 1].path, c->w[i].path))
			free(c->w[i].path);
		else
			c->w[k++] = c->w[i];
	}
	c->nw = k;
	return rc;
}

/* v := prev with c applied, and what changed. */
static void build_version(const struct store_version *prev, const struct change *c,
			  struct store_version *v)
{
	v->files = xcalloc(prev->nfiles + c->nw + 1, sizeof *v->files);
	for (size_t i = 0; i < prev->nfiles; i++) {
		const struct store_file *pf = &prev->files[i];
		if (find_file(c->w, c->nw, pf->path))
			continue;
		if (find_str(c->d, c->nd, pf->path)) {
			push_str(&v->deleted, &v->ndeleted, pf->path);
			continue;
		}
		v->files[v->nfiles] = *pf;
		v->files[v->nfiles++].path = xstrdup(pf->path);
	}
	for (size_t i = 0; i < c->nw; i++) {
		const struct store_file *pf = find_file(prev->files, prev->nfiles, c->w[i].path);
		if (pf == NULL)
			push_str(&v->added, &v->nadded, c->w[i].path);
		else if (strcmp(pf->sha256, c->w[i].sha256) != 0 || pf->mode != c->w[i].mode)
			push_str(&v->modified, &v->nmodified, c->w[i].path);
		v->files[v->nfiles] = c->w[i];
		v->files[v->nfiles++].path = xstrdup(c->w[i].path);
	}
	if (v->nfiles > 1)
		qsort(v->files, v->nfiles, sizeof *v->files, cmp_file);
}

static int record(struct store *s, struct store_version *v, char **err)
{
	char *doc = xasprintf("versions/%d.json", v->number);
	char *text = store_version_text(v);
	int rc = s->be->ops->doc_write(s->be, s->p.name, doc, text, strlen(text), err);
	free(text);
	free(doc);
	if (rc < 0)
		return -1;
	cJSON *f = cJSON_CreateObject();
	cJSON_AddNumberToObject(f, "number", v->number);
	cJSON_AddNumberToObject(f, "iteration", v->iteration);
	cJSON_AddStringToObject(f, "message", v->message);
	cJSON_AddNumberToObject(f, "files", (double)v->nfiles);
	cJSON_AddNumberToObject(f, "added", (double)v->nadded);
	cJSON_AddNumberToObject(f, "modified", (double)v->nmodified);
	cJSON_AddNumberToObject(f, "deleted", (double)v->ndeleted);
	return store_journal_append(s, "version", f, 1, err);
}

int store_version_commit(struct store *s, int number, int iteration, const char *message,
			 char *const *written, size_t nwritten, char *const *deleted, size_t ndeleted,
			 char **err)
{
	struct change c = { NULL, 0, NULL, 0 };
	struct store_version v = { .number = number, .iteration = iteration };
	char **git_w = NULL;
	int rc = -1;

	if (check_paths(written, nwritten, deleted, ndeleted, &c, err) < 0 ||
	    read_written(s, written, nwritten, &c, err) < 0)
		goto out;
	v.time_ms = store_now_ms();
	v.message = xstrdup(message ? message : "");
	build_version(&s->last, &c, &v);
	if (record(s, &v, err) < 0)
		goto out;
	if (s->p.git) {
		git_w = xcalloc(c.nw + 1, sizeof *git_w);
		for (size_t i = 0; i < c.nw; i++)
			git_w[i] = c.w[i].path; /* borrowed */
		store_git_commit(s, number, v.message, git_w, c.nw, v.deleted, v.ndeleted);
	}
	store_version_free(&s->last);
	s->last = v;
	memset(&v, 0, sizeof v);
	char *e2 = NULL;
	/* The version is recorded; a stale project.json is redone at open. */
	if (store_save_project(s, &e2) < 0)
		log_warn("store.project", "%s", e2);
	free(e2);
	rc = 0;
out:
	free(git_w);
	store_version_free(&v);
	change_free(&c);
	return rc;
}

int store_commit(struct store *s, int iteration, const char *message, char *const *written,
		 size_t nwritten, char *const *deleted, size_t ndeleted, int *number, char **err)
{
	int n = s->have_version ? s->p.latest + 1 : 1;

	if (s->p.state == STORE_FINALIZED) {
		*err = xasprintf("project '%s' is finalized; 'faos-codex project reopen %s' to "
				 "change it", s->p.name, s->p.name);
		return -1;
	}
	if (store_version_commit(s, n, iteration, message, written, nwritten, deleted, ndeleted,
				 err) < 0)
		return -1;
	if (number)
		*number = n;
	return 0;
}
