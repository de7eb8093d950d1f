/* project: creating, opening and closing a project.
 *
 * Create makes the directory, the workspace (or takes the given one),
 * copies the scaffold, makes the git repository, writes project.json and
 * the "create" event, and records the files found as version 0; if any
 * step fails the project directory is removed again. Open takes the
 * project's lock, then reads project.json, the journal and the latest
 * version. */
#include "store/store-int.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/paths.h"
#include "base/xmalloc.h"

static struct store *store_new(const char *data_dir, const char *name)
{
	struct store *s = xcalloc(1, sizeof *s);

	s->be = store_backend_fs(data_dir);
	s->dir = s->be->ops->project_where(s->be, name, 0);
	s->next_seq = 1;
	return s;
}

void store_close(struct store *s)
{
	if (s == NULL)
		return;
	store_journal_free(s);
	store_version_free(&s->last);
	store_project_clear(&s->p);
	free(s->dir);
	s->be->ops->free(s->be);
	free(s);
}

const struct store_project *store_project(const struct store *s)
{
	return &s->p;
}

const char *store_dir(const struct store *s)
{
	return s->dir;
}

/* Copies the scaffold's files that the workspace does not have yet. */
static int copy_scaffold(const char *scaffold, const char *ws, char **err)
{
	char **paths = NULL;
	size_t n = 0, len;
	unsigned mode;
	int sfd = -1, wfd = -1, rc = -1;

	if (store_ws_scan(scaffold, &paths, &n, err) < 0 ||
	    (sfd = store_ws_open_root(scaffold, err)) < 0 ||
	    (wfd = store_ws_open_root(ws, err)) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (fstatat(wfd, paths[i], &st, AT_SYMLINK_NOFOLLOW) == 0)
			continue; /* the user's file wins over the scaffold's */
		char *data = store_ws_read(sfd, scaffold, paths[i], &len, &mode, err);
		int bad = data == NULL || store_ws_write(wfd, ws, paths[i], data, len, mode, err) < 0;
		free(data);
		if (bad)
			goto out;
	}
	rc = 0;
out:
	if (sfd >= 0)
		close(sfd);
	if (wfd >= 0)
		close(wfd);
	store_ws_free_paths(paths, n);
	return rc;
}

/* The workspace as an absolute path, made when it is the default one. */
static char *workspace_path(struct store *s, const char *workspace, char **err)
{
	char real[PATH_MAX];
	struct stat st;

	if (workspace == NULL) {
		char *ws = xasprintf("%s/workspace", s->dir);
		if (paths_mkdir_p(ws, err) == 0)
			return ws;
		free(ws);
		return NULL;
	}
	if (realpath(workspace, real) == NULL || stat(real, &st) < 0 || !S_ISDIR(st.st_mode)) {
		*err = xasprintf("workspace %s is not a directory; create it first, or leave it "
				 "out to use the project's own", workspace);
		return NULL;
	}
	return xstrdup(real);
}

static int check_new(struct store_backend *be, const char *name, const char *scaffold,
		     char **err)
{
	int where = be->ops->project_exists(be, name);
	struct stat st;

	if (where) {
		char *path = be->ops->project_where(be, name, where == 2);
		*err = where == 2 ? xasprintf("project '%s' is archived (%s); choose another name "
					      "or 'faos-codex project unarchive %s'", name, path, name)
				  : xasprintf("project '%s' already exists (%s); choose another name "
					      "or 'faos-codex project delete %s'", name, path, name);
		free(path);
		return -1;
	}
	if (scaffold && (stat(scaffold, &st) < 0 || !S_ISDIR(st.st_mode))) {
		*err = xasprintf("scaffold %s is not a directory; check the path", scaffold);
		return -1;
	}
	return 0;
}

/* Everything of create after the directory exists; on failure the caller
 * removes the project again. */
static int create_body(struct store *s, const char *workspace, const char *scaffold,
		       char **err)
{
	char **paths = NULL, *git_err = NULL, *dotgit;
	size_t n = 0;
	struct stat st;
	int rc = -1;

	if ((s->p.workspace = workspace_path(s, workspace, err)) == NULL)
		return -1;
	if (scaffold && copy_scaffold(scaffold, s->p.workspace, err) < 0)
		return -1;
	if (s->be->ops->journal_open(s->be, s->p.name, err) < 0)
		return -1;
	dotgit = xasprintf("%s/.git", s->p.workspace);
	if (lstat(dotgit, &st) < 0 && store_git_usable())
		s->p.git = store_git_init(s, &git_err) == 0;
	free(dotgit);
	if (store_save_project(s, err) < 0)
		goto out;
	cJSON *f = cJSON_CreateObject();
	cJSON_AddStringToObject(f, "name", s->p.name);
	cJSON_AddStringToObject(f, "workspace", s->p.workspace);
	cJSON_AddBoolToObject(f, "git", s->p.git);
	if (store_journal_append(s, "create", f, 1, err) < 0)
		goto out;
	if (git_err) {
		cJSON *g = cJSON_CreateObject();
		cJSON_AddStringToObject(g, "message", git_err);
		if (store_journal_append(s, "git_error", g, 1, err) < 0)
			goto out;
	}
	if (store_ws_scan(s->p.workspace, &paths, &n, err) < 0)
		goto out;
	if (n && store_version_commit(s, 0, 0, "initial files", paths, n, NULL, 0, err) < 0)
		goto out;
	rc = store_set_last(s->be->data_dir, s->p.name) < 0 ? -1 : 0;
	if (rc < 0)
		*err = paths_error("cannot write", s->be->data_dir);
out:
	free(git_err);
	store_ws_free_paths(paths, n);
	return rc;
}

int store_create(const char *data_dir, const char *name, const char *workspace,
		 const char *scaffold, struct store **out, char **err)
{
	struct store *s;

	*out = NULL;
	if (store_check_name(name, err) < 0)
		return -1;
	s = store_new(data_dir, name);
	if (check_new(s->be, name, scaffold, err) < 0 ||
	    s->be->ops->project_create(s->be, name, err) < 0) {
		store_close(s);
		return -1;
	}
	s->p.name = xstrdup(name);
	s->p.description = xstrdup("");
	s->p.loop_state = xstrdup("");
	s->p.created_ms = s->p.updated_ms = store_now_ms();
	if (create_body(s, workspace, scaffold, err) < 0) {
		/* Nothing half-made stays behind (an outside workspace is kept). */
		store_close(s);
		struct store_backend *be = store_backend_fs(data_dir);
		char *e2 = NULL;
		be->ops->project_remove(be, name, &e2);
		free(e2);
		be->ops->free(be);
		return -1;
	}
	*out = s;
	return 0;
}

static int load_project(struct store *s, const char *name, char **err)
{
	size_t len;
	char *text = s->be->ops->doc_read(s->be, name, 0, "project.json", &len, err);

	if (text == NULL)
		return -1;
	if (store_project_from_json(text, &s->p) < 0 || strcmp(s->p.name, name) != 0) {
		store_project_clear(&s->p);
		*err = xasprintf("project.json of project '%s' is damaged (%s/project.json); "
				 "restore it from a backup", name, s->dir);
		free(text);
		return -1;
	}
	free(text);
	return 0;
}

static void add_warning(char **warning, const char *text)
{
	char *old = *warning;

	*warning = old ? xasprintf("%s; %s", old, text) : xstrdup(text);
	free(old);
}

int store_open(const char *data_dir, const char *name, struct store **out, char **warning,
	       char **err)
{
	struct store *s;

	*out = NULL;
	if (warning)
		*warning = NULL;
	if (store_check_name(name, err) < 0)
		return -1;
	s = store_new(data_dir, name);
	if (s->be->ops->project_exists(s->be, name) != 1) {
		*err = store_missing(s->be, name);
		store_close(s);
		return -1;
	}
	if (s->be->ops->journal_open(s->be, name, err) < 0 || load_project(s, name, err) < 0) {
		store_close(s);
		return -1;
	}
	struct store_project before = s->p;
	if (store_journal_load(s, warning, err) < 0 ||
	    (s->have_version && store_version_read(s, s->p.latest, &s->last, err) < 0)) {
		store_close(s);
		return -1;
	}
	/* project.json is a cache of the journal: bring it up to date. */
	if (before.latest != s->p.latest || before.state != s->p.state ||
	    before.final_version != s->p.final_version) {
		char *e2 = NULL;
		if (store_save_project(s, &e2) < 0 && warning)
			add_warning(warning, e2);
		free(e2);
	}
	struct stat st;
	if (warning && stat(s->p.workspace, &st) < 0) {
		char *w = xasprintf("workspace %s is missing", s->p.workspace);
		add_warning(warning, w);
		free(w);
	}
	*out = s;
	return 0;
}
