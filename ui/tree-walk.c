/* tree-walk: a depth-first walk with an explicit stack, so it can stop
 * between any two directories and go on at the next frame. Each directory
 * is listed sorted and its subdirectories are pushed in reverse, so files
 * come out in the tree's order. Symbolic links to directories are taken as
 * files: following them could loop. */
#include "tree-walk.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/clock.h"
#include "base/xmalloc.h"
#include "tree-model.h"

void tree_walk_init(struct tree_walk *w, const char *root, struct ignore *ig)
{
	memset(w, 0, sizeof *w);
	w->root = xstrdup(root);
	w->ig = ig;
}

void tree_walk_reset(struct tree_walk *w)
{
	for (size_t i = 0; i < w->ntodo; i++)
		free(w->todo[i]);
	w->ntodo = 0;
	w->count = 0;
	w->paths_len = 0;
	w->started = w->done = w->capped = 0;
}

void tree_walk_free(struct tree_walk *w)
{
	tree_walk_reset(w);
	free(w->todo);
	free(w->paths);
	free(w->off);
	free(w->root);
	memset(w, 0, sizeof *w);
}

static void walk_push(struct tree_walk *w, char *dir)
{
	if (w->ntodo == w->todo_cap) {
		w->todo_cap = w->todo_cap ? w->todo_cap * 2 : 64;
		w->todo = xreallocarray(w->todo, w->todo_cap, sizeof *w->todo);
	}
	w->todo[w->ntodo++] = dir;
}

static void walk_add_file(struct tree_walk *w, const char *dir, const char *name)
{
	size_t dlen = strlen(dir), nlen = strlen(name);
	size_t need = dlen + (dlen > 0) + nlen + 1;

	if (w->count == TREE_WALK_MAX_FILES || w->paths_len + need > UINT32_MAX) {
		w->capped = 1;
		return;
	}
	if (w->paths_len + need > w->paths_cap) {
		w->paths_cap = (w->paths_len + need) * 2;
		w->paths = xrealloc(w->paths, w->paths_cap);
	}
	if (w->count == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 1024;
		w->off = xreallocarray(w->off, w->cap, sizeof *w->off);
	}
	char *p = w->paths + w->paths_len;
	w->off[w->count++] = (uint32_t)w->paths_len;
	if (dlen) {
		memcpy(p, dir, dlen);
		p[dlen] = '/';
		p += dlen + 1;
	}
	memcpy(p, name, nlen + 1);
	w->paths_len += need;
}

/* Lists one directory: its files into the list, its subdirectories onto
 * the stack. */
static void walk_dir(struct tree_walk *w, char *dir)
{
	struct tree_entry *e;
	size_t more, n = tree_list_dir(w->root, w->ig, dir, (size_t)-1, 0, &e, &more);

	for (size_t i = 0; i < n; i++)
		if (!e[i].is_dir)
			walk_add_file(w, dir, e[i].name);
	for (size_t i = n; i-- > 0;)
		if (e[i].is_dir)
			walk_push(w, dir[0] ? xasprintf("%s/%s", dir, e[i].name) : xstrdup(e[i].name));
	tree_entries_free(e, n);
	free(dir);
}

int tree_walk_step(struct tree_walk *w, double budget_ms)
{
	if (w->done)
		return 1;
	if (!w->started) {
		w->started = 1;
		walk_push(w, xstrdup(""));
	}
	double until = clock_now_ms() + budget_ms;
	do {
		walk_dir(w, w->todo[--w->ntodo]);
	} while (w->ntodo && !w->capped && clock_now_ms() < until);
	if (w->ntodo == 0 || w->capped) {
		for (size_t i = 0; i < w->ntodo; i++)
			free(w->todo[i]);
		w->ntodo = 0;
		w->done = 1;
	}
	return w->done;
}

int tree_walk_matches(const char *path, const char *query)
{
	if (query[0] == '\0')
		return 1;
	if (!strchr(query, '/')) {
		const char *slash = strrchr(path, '/');
		path = slash ? slash + 1 : path;
	}
	return strcasestr(path, query) != NULL;
}
