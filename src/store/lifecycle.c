/* lifecycle: finalize and reopen, listing, archiving, deleting, and the
 * last project.
 *
 * Archiving packs the project's store directory (its default workspace
 * with it); a workspace outside the store is not the store's and stays
 * where it is, as it does on delete. */
#include "store/store-int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/atomic.h"
#include "base/log.h"
#include "base/paths.h"
#include "base/xmalloc.h"

int store_finalize(struct store *s, char **err)
{
	if (s->p.state == STORE_FINALIZED) {
		*err = xasprintf("project '%s' is already finalized at version %d; 'faos-codex "
				 "project reopen %s' to change it", s->p.name, s->p.final_version,
				 s->p.name);
		return -1;
	}
	if (!s->have_version) {
		*err = xasprintf("project '%s' has no version to finalize; record one first",
				 s->p.name);
		return -1;
	}
	cJSON *f = cJSON_CreateObject();
	cJSON_AddNumberToObject(f, "version", s->p.latest);
	if (store_journal_append(s, "finalize", f, 1, err) < 0)
		return -1;
	if (s->p.git)
		store_git_tag(s, s->p.final_version);
	return store_save_project(s, err);
}

int store_reopen(struct store *s, char **err)
{
	if (s->p.state != STORE_FINALIZED) {
		*err = xasprintf("project '%s' is not finalized; there is nothing to reopen",
				 s->p.name);
		return -1;
	}
	if (store_journal_append(s, "reopen", NULL, 1, err) < 0)
		return -1;
	return store_save_project(s, err);
}

static int cmp_recent(const void *a, const void *b)
{
	const struct store_project *x = a, *y = b;

	if (x->updated_ms != y->updated_ms)
		return x->updated_ms > y->updated_ms ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Appends the projects of one kind to *out. */
static int list_kind(struct store_backend *be, int archived, struct store_project **out,
		     size_t *n, char **err)
{
	char **names;
	size_t count;

	if (be->ops->project_list(be, archived, &names, &count, err) < 0)
		return -1;
	*out = xreallocarray(*out, *n + count + 1, sizeof **out);
	for (size_t i = 0; i < count; i++) {
		struct store_project *p = &(*out)[*n];
		char *e2 = NULL, *text = NULL;
		size_t len;
		if (store_check_name(names[i], &e2) == 0)
			text = be->ops->doc_read(be, names[i], archived, "project.json", &len, &e2);
		if (text == NULL || store_project_from_json(text, p) < 0) {
			/* Listed all the same: a project is never hidden. */
			log_warn("store.list", "%s: %s", names[i], e2 ? e2 : "bad project.json");
			memset(p, 0, sizeof *p);
			p->name = xstrdup(names[i]);
			p->workspace = xstrdup("");
			p->description = xstrdup("");
			p->loop_state = xstrdup("");
		}
		p->archived = archived;
		(*n)++;
		free(text);
		free(e2);
		free(names[i]);
	}
	free(names);
	return 0;
}

int store_list(const char *data_dir, int with_archived, struct store_project **out, size_t *n,
	       char **err)
{
	struct store_backend *be = store_backend_fs(data_dir);
	int rc;

	*out = NULL, *n = 0;
	rc = list_kind(be, 0, out, n, err);
	if (rc == 0 && with_archived)
		rc = list_kind(be, 1, out, n, err);
	be->ops->free(be);
	if (rc < 0) {
		store_project_free_all(*out, *n);
		*out = NULL, *n = 0;
		return -1;
	}
	if (*n > 1)
		qsort(*out, *n, sizeof **out, cmp_recent);
	return 0;
}

void store_project_free_all(struct store_project *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_project_clear(&p[i]);
	free(p);
}

int store_archive(const char *data_dir, const char *name, char **err)
{
	if (store_check_name(name, err) < 0)
		return -1;
	struct store_backend *be = store_backend_fs(data_dir);
	int where = be->ops->project_exists(be, name), rc = -1;

	if (where == 1) {
		rc = be->ops->project_archive(be, name, err);
	} else if (where == 2) {
		char *path = be->ops->project_where(be, name, 1);
		*err = xasprintf("project '%s' is already archived (%s)", name, path);
		free(path);
	} else {
		*err = store_missing(be, name);
	}
	be->ops->free(be);
	return rc;
}

int store_unarchive(const char *data_dir, const char *name, char **err)
{
	if (store_check_name(name, err) < 0)
		return -1;
	struct store_backend *be = store_backend_fs(data_dir);
	int where = be->ops->project_exists(be, name), rc = -1;
	char *path = be->ops->project_where(be, name, where != 1);

	if (where == 2)
		rc = be->ops->project_unarchive(be, name, err);
	else if (where == 1)
		*err = xasprintf("project '%s' already exists (%s); delete it or rename it "
				 "before unarchiving", name, path);
	else
		*err = xasprintf("no archived project '%s' (%s); 'faos-codex project list' shows "
				 "the projects", name, path);
	free(path);
	be->ops->free(be);
	return rc;
}

int store_delete(const char *data_dir, const char *name, char **err)
{
	if (store_check_name(name, err) < 0)
		return -1;
	struct store_backend *be = store_backend_fs(data_dir);
	int rc = -1;

	if (be->ops->project_exists(be, name))
		rc = be->ops->project_remove(be, name, err);
	else
		*err = store_missing(be, name);
	be->ops->free(be);
	return rc;
}

char *store_last(const char *data_dir)
{
	char *path = xasprintf("%s/last-project", data_dir), *e2 = NULL;
	char *name = paths_read_file(path, NULL);

	free(path);
	if (name == NULL)
		return NULL;
	name[strcspn(name, "\n")] = '\0';
	struct store_backend *be = store_backend_fs(data_dir);
	/* A project since deleted or archived is not reopened. */
	if (store_check_name(name, &e2) < 0 || be->ops->project_exists(be, name) != 1) {
		free(name);
		name = NULL;
	}
	be->ops->free(be);
	free(e2);
	return name;
}

int store_set_last(const char *data_dir, const char *name)
{
	char *e2 = NULL, *path, *text;
	int rc;

	if (store_check_name(name, &e2) < 0) {
		free(e2);
		errno = EINVAL;
		return -1;
	}
	if (paths_mkdir_p(data_dir, &e2) < 0) {
		free(e2);
		return -1;
	}
	path = xasprintf("%s/last-project", data_dir);
	text = xasprintf("%s\n", name);
	rc = atomic_write(path, text, strlen(text), 0600);
	free(path);
	free(text);
	return rc;
}
