/* review: the side-by-side review screen. It shows a set of files, each
 * as two versions (before and after), aligned line by line with the
 * changed words highlighted, or as a unified diff (u, and automatically on
 * terminals narrower than REVIEW_MIN_SIDE_COLS). It works in two modes:
 * browsing (version N against version M of the open project) and
 * approving (a reply waiting for the user: accept all, accept or reject
 * per file, or send it back with a comment). Hiding an approving review
 * keeps it pending; Alt-R brings it back. Browsing versions shows the
 * reviewer agent's comments on the newer one (review-notes.h). */
#ifndef FAOS_REVIEW_H
#define FAOS_REVIEW_H

#include <stddef.h>

struct app;
struct review_critique;

/* Below this many columns the side-by-side view would be too cramped to
 * read (two halves of under 50 columns with line numbers), so the review
 * shows the unified view instead. */
#define REVIEW_MIN_SIDE_COLS 100

struct review_file {
	char *path;
	char *old_text; size_t old_len; int old_exists; /* before (the workspace or version N) */
	char *new_text; size_t new_len; int new_exists; /* after (the reply or version M) */
	int accepted; /* the user's choice; starts 1 */
};

struct review_set {
	char *title;          /* e.g. "v1 → v2" or "reply of iteration 2 against the workspace" */
	struct review_file *files;
	size_t n;
	int approving;        /* 1: a reply waiting for the user's decision */
	struct review_critique *critique; /* the reviewer's on the new side, or NULL */
};

/* Called once when an approving review is decided. comment == NULL: apply
 * the files whose accepted is 1; otherwise the reply is sent back with
 * comment as feedback. The screen is closed before the call and the set is
 * freed after it returns: copy what must outlive it. */
typedef void (*review_decided_fn)(struct app *a, struct review_set *set, const char *comment);

/* Shows set (taken over, freed by the review). A browsing set replaces the
 * one browsed before; an approving set replaces any pending one (whose
 * decision is then never called). */
void review_open(struct app *a, struct review_set *set, review_decided_fn decided);
/* Browses version from against version to of the open project: every file
 * added, modified or deleted between them. -1 and *err (one line) when
 * there is no project, a version does not exist or cannot be read. */
int review_open_versions(struct app *a, int from, int to, char **err);
/* An approving review is waiting for the user's decision. */
int review_pending(const struct app *a);
void review_set_free(struct review_set *set);

#endif
