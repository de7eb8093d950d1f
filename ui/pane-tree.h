/* pane-tree: the file tree pane: the workspace's files with the latest
 * version's marks, and a filter over every file by name. */
#ifndef FAOS_PANE_TREE_H
#define FAOS_PANE_TREE_H

#include <stddef.h>

#include "pane.h"
#include "tree-model.h" /* struct tree_mark */

/* Show another workspace (a project's): reads its listing, drops the
 * expansion, the filter and the marks. */
void pane_tree_set_root(struct pane *p, const char *root);
/* Marks beside names (copied); a directory holding marked files shows a
 * mark too; deleted files are listed (greyed, 'D') though they are gone. */
void pane_tree_set_marks(struct pane *p, const struct tree_mark *marks, size_t n);
/* Read the files again after they changed, keeping the expanded
 * directories and the selection. */
void pane_tree_refresh(struct pane *p);

#endif
