/* tree-actions: what the keys do in the file tree (tree.* actions): move,
 * expand and collapse, open a file in the viewer, filter by name. Each
 * action works on whichever list shows, the tree or the filter's hits. */
#include <stdlib.h>

#include "action.h"
#include "app.h"
#include "pane-tree.h"
#include "pane-view.h"
#include "tree-pane.h"

static void open_file(struct app *a, struct tree *t, const char *path)
{
	char *err = NULL;

	if (pane_view_open(a->pane[PANE_VIEW], t->m.root, path, &err) < 0) {
		app_error(a, "%s", err);
		free(err);
		return;
	}
	app_relayout(a); /* the layout shows the viewer now that it has a file */
	app_focus_pane(a, PANE_VIEW);
}

/* Enter: ends typing a filter; opens a file; expands or collapses a
 * directory. */
static void act_open(struct app *a, struct pane *p)
{
	struct tree *t = p->state;

	if (t->typing) {
		t->typing = 0;
		p->dirty = 1;
		return;
	}
	if (tree_filtering(t)) {
		tree_filter_update(p); /* keys typed faster than frames: match them now */
		if (t->fsel < t->nhits)
			open_file(a, t, tree_walk_path(&t->walk, t->hits[t->fsel]));
		return;
	}
	if (t->sel >= t->m.count)
		return;
	struct tree_node *node = &t->m.n[t->sel];
	if (node->kind == TN_DIR && node->expanded)
		tree_model_collapse(&t->m, t->sel);
	else if (node->kind == TN_DIR)
		tree_model_expand(&t->m, t->sel);
	else if (node->kind == TN_FILE && node->gone)
		app_error(a, "%s was deleted in the latest version: nothing to show", node->path);
	else if (node->kind == TN_FILE)
		open_file(a, t, node->path);
	p->dirty = 1;
}

/* Right: expands a directory, or steps into an expanded one. */
static void act_expand(struct app *a, struct pane *p)
{
	struct tree *t = p->state;

	(void)a;
	if (tree_filtering(t) || t->sel >= t->m.count || t->m.n[t->sel].kind != TN_DIR)
		return;
	if (t->m.n[t->sel].expanded)
		tree_move_sel(p, 1);
	else
		tree_model_expand(&t->m, t->sel);
	p->dirty = 1;
}

/* Left: collapses an expanded directory, else goes to the parent. */
static void act_collapse(struct app *a, struct pane *p)
{
	struct tree *t = p->state;

	(void)a;
	if (tree_filtering(t) || t->sel >= t->m.count)
		return;
	if (t->m.n[t->sel].expanded)
		tree_model_collapse(&t->m, t->sel);
	else
		t->sel = tree_model_parent(&t->m, t->sel);
	p->dirty = 1;
}

static void act_up(struct app *a, struct pane *p) { (void)a; tree_move_sel(p, -1); }
static void act_down(struct app *a, struct pane *p) { (void)a; tree_move_sel(p, 1); }
static void act_first(struct app *a, struct pane *p) { (void)a; tree_move_sel(p, -(1L << 40)); }
static void act_last(struct app *a, struct pane *p) { (void)a; tree_move_sel(p, 1L << 40); }

static void act_filter(struct app *a, struct pane *p)
{
	struct tree *t = p->state;

	(void)a;
	t->typing = 1;
	p->dirty = 1;
}

/* Escape: drops the filter; without one, does what Escape does elsewhere
 * (dismiss the error in the status bar). */
static void act_clear_filter(struct app *a, struct pane *p)
{
	struct tree *t = p->state;

	if (!tree_filtering(t)) {
		status_dismiss(&a->status);
		return;
	}
	t->typing = 0;
	t->query[0] = '\0';
	tree_hits_rescan(t);
	p->dirty = 1;
}

static void act_refresh(struct app *a, struct pane *p)
{
	(void)a;
	pane_tree_refresh(p);
}

const struct action_def tree_actions[] = {
	{ "tree.open", PANE_TREE, "Enter",
	  "open the file in the viewer, or expand/collapse the directory (ends typing a filter)", act_open },
	{ "tree.expand", PANE_TREE, "Right", "expand the directory (again: step into it)", act_expand },
	{ "tree.collapse", PANE_TREE, "Left", "collapse the directory, or go to the parent", act_collapse },
	{ "tree.up", PANE_TREE, "Up", "select the previous file", act_up },
	{ "tree.down", PANE_TREE, "Down", "select the next file", act_down },
	{ "tree.first", PANE_TREE, "Home", "select the first file", act_first },
	{ "tree.last", PANE_TREE, "End", "select the last file", act_last },
	{ "tree.filter", PANE_TREE, "/",
	  "filter all the workspace's files by name (a \"/\" in it matches the path)", act_filter },
	{ "tree.clear-filter", PANE_TREE, "Escape", "clear the filter and show the tree again",
	  act_clear_filter },
	{ "tree.refresh", PANE_TREE, "C-r", "read the files again (keeps what is expanded)", act_refresh },
	{ NULL, 0, NULL, NULL, NULL },
};
