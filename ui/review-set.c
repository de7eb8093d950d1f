/* review-set: review sets built from the open project's store (version N
 * against version M), and freeing any set. The two versions' file lists
 * are both sorted by path, so one merge finds what was added, deleted or
 * modified (a different sha256); contents are read whole, as the screen
 * shows whole files. The reviewer agent's critique of the newer version
 * comes from the journal with it. */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "review-int.h"

static void free_file(struct review_file *f)
{
	free(f->path);
	free(f->old_text);
	free(f->new_text);
}

void review_set_free(struct review_set *set)
{
	if (set == NULL)
		return;
	for (size_t i = 0; i < set->n; i++)
		free_file(&set->files[i]);
	free(set->files);
	free(set->title);
	review_critique_free(set->critique);
	free(set);
}

/* The content of f (NULL: the file is not in that version). */
static int read_side(struct store *s, const struct store_file *f, char **text, size_t *len,
		     int *exists, char **err)
{
	*text = NULL;
	*len = 0;
	*exists = f != NULL;
	if (f == NULL)
		return 0;
	*text = store_file_read(s, f, len, err);
	return *text ? 0 : -1;
}

static int add_file(struct review_set *set, struct store *s, const struct store_file *old,
		    const struct store_file *new, char **err)
{
	struct review_file f = { 0 };

	f.path = xstrdup(old ? old->path : new->path);
	f.accepted = 1;
	if (read_side(s, old, &f.old_text, &f.old_len, &f.old_exists, err) < 0 ||
	    read_side(s, new, &f.new_text, &f.new_len, &f.new_exists, err) < 0) {
		free_file(&f);
		return -1;
	}
	set->files = xreallocarray(set->files, set->n + 1, sizeof *set->files);
	set->files[set->n++] = f;
	return 0;
}

static int merge_versions(struct review_set *set, struct store *s, const struct store_version *va,
			  const struct store_version *vb, char **err)
{
	size_t i = 0, j = 0;

	while (i < va->nfiles || j < vb->nfiles) {
		const struct store_file *fa = i < va->nfiles ? &va->files[i] : NULL;
		const struct store_file *fb = j < vb->nfiles ? &vb->files[j] : NULL;
		int cmp = !fa ? 1 : !fb ? -1 : strcmp(fa->path, fb->path);
		int rc = 0;
		if (cmp < 0) {
			rc = add_file(set, s, fa, NULL, err);
			i++;
		} else if (cmp > 0) {
			rc = add_file(set, s, NULL, fb, err);
			j++;
		} else {
			if (strcmp(fa->sha256, fb->sha256) != 0)
				rc = add_file(set, s, fa, fb, err);
			i++;
			j++;
		}
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* A project made on an empty workspace starts at version 1: its version
 * 0 is then "nothing yet" (as store_diff reads it), so the first version
 * and the reviewer's critique of it can be browsed against it. */
static int load_version(struct store *s, int number, struct store_version *v, char **err)
{
	if (store_version_load(s, number, v, err) == 0)
		return 0;
	if (number != 0)
		return -1;
	free(*err);
	*err = NULL;
	memset(v, 0, sizeof *v);
	return 0;
}

struct review_set *review_set_versions(struct store *s, int from, int to, char **err)
{
	struct store_version va, vb;

	if (load_version(s, from, &va, err) < 0)
		return NULL;
	if (load_version(s, to, &vb, err) < 0) {
		store_version_free(&va);
		return NULL;
	}
	struct review_set *set = xcalloc(1, sizeof *set);
	set->title = xasprintf("%s: v%d → v%d", store_project(s)->name, from, to);
	if (merge_versions(set, s, &va, &vb, err) < 0) {
		review_set_free(set);
		set = NULL;
	} else {
		const struct store_event *ev;
		size_t nev = store_events(s, &ev);
		set->critique = review_critique_find(ev, nev, to);
	}
	store_version_free(&va);
	store_version_free(&vb);
	return set;
}

int review_comment_stray(const struct review_set *set, const struct review_comment *c)
{
	for (size_t i = 0; i < set->n; i++)
		if (c->path[0] && strcmp(review_plain_path(set->files[i].path), c->path) == 0)
			return 0;
	return 1;
}

int review_notes_rows(const struct review_set *set)
{
	size_t stray = 0;

	if (set == NULL || set->critique == NULL)
		return 0;
	for (size_t i = 0; i < set->critique->n; i++)
		stray += review_comment_stray(set, &set->critique->comments[i]);
	return 1 + (stray < REVIEW_STRAY_ROWS ? (int)stray : REVIEW_STRAY_ROWS);
}
