/* review-set: review sets built from the open project's store (version N
 * against version M), and freeing any set. The two versions' file lists
 * are both sorted by path, so one merge finds what was added, deleted or
 * modified (a different sha256); contents are read whole, as the screen
 * shows whole files. */
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

struct review_set *review_set_versions(struct store *s, int from, int to, char **err)
{
	struct store_version va, vb;

	if (store_version_load(s, from, &va, err) < 0)
		return NULL;
	if (store_version_load(s, to, &vb, err) < 0) {
		store_version_free(&va);
		return NULL;
	}
	struct review_set *set = xcalloc(1, sizeof *set);
	set->title = xasprintf("%s: v%d → v%d", store_project(s)->name, from, to);
	if (merge_versions(set, s, &va, &vb, err) < 0) {
		review_set_free(set);
		set = NULL;
	}
	store_version_free(&va);
	store_version_free(&vb);
	return set;
}
