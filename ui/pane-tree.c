/* pane-tree: the workspace's files. Directories are read only when first
 * expanded (Enter), so a huge tree costs nothing until opened; .git is never
 * listed. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/xmalloc.h"
#include "keymap.h"
#include "pane.h"
#include "action.h"
#include "theme.h"

struct tree_node {
	char *path;  /* relative to the root */
	const char *name; /* points into path */
	int depth, is_dir, expanded;
};

struct tree {
	char *root;
	struct tree_node *n;
	size_t count;
	size_t sel, top;
};

#define TREE_MAX_ENTRIES 100000

static int tree_cmp(const void *a, const void *b)
{
	const struct tree_node *x = a, *y = b;

	if (x->is_dir != y->is_dir)
		return y->is_dir - x->is_dir; /* directories first */
	return strcmp(x->name, y->name);
}

/* Children of dir (relative path, "" for the root), sorted, in *out. */
static size_t tree_read_dir(const struct tree *t, const char *dir, int depth, struct tree_node **out)
{
	char *full = dir[0] ? xasprintf("%s/%s", t->root, dir) : xstrdup(t->root);
	DIR *d = opendir(full);
	struct dirent *de;
	size_t n = 0;

	*out = NULL;
	while (d && (de = readdir(d)) != NULL && n < TREE_MAX_ENTRIES) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
		    strcmp(de->d_name, ".git") == 0)
			continue;
		struct stat st;
		char *rel = dir[0] ? xasprintf("%s/%s", dir, de->d_name) : xstrdup(de->d_name);
		char *abs = xasprintf("%s/%s", t->root, rel);
		int is_dir = stat(abs, &st) == 0 && S_ISDIR(st.st_mode);
		free(abs);
		*out = xreallocarray(*out, n + 1, sizeof **out);
		(*out)[n++] = (struct tree_node){ rel, strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel,
						  depth, is_dir, 0 };
	}
	if (d)
		closedir(d);
	free(full);
	qsort(*out, n, sizeof **out, tree_cmp);
	return n;
}

static void tree_insert(struct tree *t, size_t at, struct tree_node *kids, size_t k)
{
	t->n = xreallocarray(t->n, t->count + k, sizeof *t->n);
	memmove(t->n + at + k, t->n + at, (t->count - at) * sizeof *t->n);
	memcpy(t->n + at, kids, k * sizeof *kids);
	t->count += k;
}

static void tree_toggle(struct tree *t, size_t i)
{
	struct tree_node *node = &t->n[i];

	if (!node->is_dir)
		return;
	if (node->expanded) { /* drop the descendants */
		size_t end = i + 1;
		while (end < t->count && t->n[end].depth > node->depth)
			free(t->n[end++].path);
		memmove(t->n + i + 1, t->n + end, (t->count - end) * sizeof *t->n);
		t->count -= end - i - 1;
		t->n[i].expanded = 0;
		return;
	}
	struct tree_node *kids;
	size_t k = tree_read_dir(t, node->path, node->depth + 1, &kids);
	node->expanded = 1;
	tree_insert(t, i + 1, kids, k);
	free(kids);
}

static int tree_key(struct pane *p, int key)
{
	struct tree *t = p->state;

	if (key == (KEYC_FUNC | KEY_UP) && t->sel > 0)
		t->sel--;
	else if (key == (KEYC_FUNC | KEY_DOWN) && t->sel + 1 < t->count)
		t->sel++;
	else if ((key == '\r' || key == '\n') && t->count)
		tree_toggle(t, t->sel);
	else
		return 0;
	p->dirty = 1;
	return 1;
}

static void tree_draw(struct pane *p, WINDOW *w, int focused)
{
	struct tree *t = p->state;
	int height = getmaxy(w), width = getmaxx(w);

	if (t->sel < t->top)
		t->top = t->sel;
	if (t->sel >= t->top + (size_t)height)
		t->top = t->sel - (size_t)height + 1;
	if (t->count == 0) {
		wattrset(w, theme_attr(TS_STREAM_NOTE));
		mvwaddnstr(w, 0, 1, "(no files yet)", width - 1);
	}
	for (int row = 0; row < height && t->top + (size_t)row < t->count; row++) {
		const struct tree_node *node = &t->n[t->top + (size_t)row];
		int sel = focused && t->top + (size_t)row == t->sel;
		wattrset(w, theme_attr(sel ? TS_TREE_SELECTED : node->is_dir ? TS_TREE_DIR : TS_TREE_FILE));
		if (sel)
			mvwhline(w, row, 0, ' ', width);
		int indent = 1 + 2 * node->depth;
		if (indent < width)
			mvwprintw(w, row, indent, "%.*s%s", width - indent - 1, node->name,
				  node->is_dir ? "/" : "");
	}
	wattrset(w, theme_attr(TS_NORMAL));
}

static void tree_free(struct pane *p)
{
	struct tree *t = p->state;

	for (size_t i = 0; i < t->count; i++)
		free(t->n[i].path);
	free(t->n);
	free(t->root);
	free(t);
}

static const struct pane_ops tree_ops = {
	.title = "Files",
	.draw = tree_draw,
	.key = tree_key,
	.free = tree_free,
};

struct pane *pane_tree_new(const char *root)
{
	struct pane *p = xcalloc(1, sizeof *p);
	struct tree *t = xcalloc(1, sizeof *t);

	t->root = xstrdup(root);
	t->count = tree_read_dir(t, "", 0, &t->n);
	p->ops = &tree_ops;
	p->state = t;
	return p;
}

const struct action_def tree_actions[] = {
	{ NULL, 0, NULL, NULL, NULL },
};
