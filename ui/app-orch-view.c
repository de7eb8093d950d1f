/* app-orch-view: what the TUI shows of the loop's results: the tree on
 * the workspace with the latest version's marks, and a reply under
 * approval (approval: review) in the review view, whose decision goes to
 * orch_review_decide. */
#include "app-orch.h"

#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "orch/orch.h"
#include "pane-stream.h"
#include "pane-tree.h"
#include "review.h"

static void note(struct app *a, enum stream_kind kind, const char *text)
{
	pane_stream_append(a->pane[PANE_STREAM], kind, text, strlen(text), 1);
}

/* The tree shows the workspace, with the latest version's changes marked. */
void app_orch_show_version(struct app *a)
{
	const struct store_project *p = store_project(a->project);
	struct store_version v;
	char *err = NULL;

	pane_tree_set_root(a->pane[PANE_TREE], p->workspace);
	if (p->latest == 0 || store_version_load(a->project, p->latest, &v, &err) < 0) {
		free(err);
		pane_tree_set_marks(a->pane[PANE_TREE], NULL, 0);
		return;
	}
	size_t n = v.nadded + v.nmodified + v.ndeleted, k = 0;
	struct tree_mark *marks = xcalloc(n ? n : 1, sizeof *marks);
	for (size_t i = 0; i < v.nadded; i++)
		marks[k++] = (struct tree_mark){ v.added[i], 'A' };
	for (size_t i = 0; i < v.nmodified; i++)
		marks[k++] = (struct tree_mark){ v.modified[i], 'M' };
	for (size_t i = 0; i < v.ndeleted; i++)
		marks[k++] = (struct tree_mark){ v.deleted[i], 'D' };
	pane_tree_set_marks(a->pane[PANE_TREE], marks, k);
	free(marks);
	store_version_free(&v);
}

static void on_review_decided(struct app *a, struct review_set *set, const char *comment)
{
	char **kept = xcalloc(set->n + 1, sizeof *kept), **dropped = xcalloc(set->n + 1, sizeof *dropped);
	size_t nk = 0, nd = 0;

	for (size_t i = 0; i < set->n; i++) {
		if (set->files[i].accepted)
			kept[nk++] = set->files[i].path;
		else
			dropped[nd++] = set->files[i].path;
	}
	if (a->orch && orch_reviewing(a->orch))
		orch_review_decide(a->orch, kept, nk, dropped, nd, comment);
	free(kept);
	free(dropped);
}

/* A reply waits for approval: the review view shows it file by file. */
void app_orch_review(struct app *a)
{
	struct orch_pending *p;
	size_t n;
	char *err = NULL;

	if (orch_pending(a->orch, &p, &n, &err) < 0) {
		note(a, STREAM_ERROR, err);
		free(err);
		return;
	}
	struct review_set *set = xcalloc(1, sizeof *set);
	set->title = xasprintf("reply of iteration %d against the workspace", orch_iteration(a->orch));
	set->files = xcalloc(n ? n : 1, sizeof *set->files);
	set->n = n;
	set->approving = 1;
	for (size_t i = 0; i < n; i++) {
		set->files[i] = (struct review_file){
			.path = p[i].path, .old_text = p[i].old_text, .old_len = p[i].old_len,
			.old_exists = p[i].old_exists, .new_text = p[i].new_text,
			.new_len = p[i].new_len, .new_exists = p[i].new_exists, .accepted = 1,
		};
		p[i] = (struct orch_pending){ 0 }; /* moved into the set */
	}
	orch_pending_free(p, n);
	note(a, STREAM_NOTE, "The reply waits for your review (approval: review): a accepts all, "
			     "y/x keep or reject a file, Enter applies, c sends a comment back.");
	review_open(a, set, on_review_decided);
}
