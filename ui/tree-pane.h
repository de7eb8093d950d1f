/* tree-pane: the file tree pane's state, shared by its drawing
 * (pane-tree.c) and its actions (tree-actions.c); private to those two. */
#ifndef FAOS_TREE_PANE_H
#define FAOS_TREE_PANE_H

#include <stddef.h>
#include <stdint.h>

#include "pane.h"
#include "tree-model.h"
#include "tree-walk.h"

struct tree {
	struct tree_model m;
	size_t sel, top;   /* the tree's selected and first shown rows */
	int typing;        /* the filter row has the keys */
	char query[256];   /* the filter, UTF-8 */
	struct tree_walk walk;
	uint32_t *hits;    /* the walk's files that match query */
	size_t nhits, hits_cap, scanned; /* scanned: walk files checked so far */
	size_t fsel, ftop; /* the filter list's selected and first shown rows */
};

/* The filter list shows (the row is open, or a filter is kept). */
int tree_filtering(const struct tree *t);
/* The query changed: match the walk's files again from the first. */
void tree_hits_rescan(struct tree *t);
/* Reads a slice of the workspace for the filter (a few ms) and matches
 * what it found; 1 when every file has been read. */
int tree_filter_update(struct pane *p);
/* Move the selection of the list shown by delta rows, within it. */
void tree_move_sel(struct pane *p, long delta);

#endif
