/* tree-walk: every file of a workspace, read a slice at a time, for the
 * tree's filter. The UI thread runs a step per frame (a few milliseconds),
 * so 100,000 files never stall it; the list is then kept (paths packed in
 * one buffer) until the files change. Without curses: the benchmark uses
 * it too. */
#ifndef FAOS_TREE_WALK_H
#define FAOS_TREE_WALK_H

#include <stddef.h>
#include <stdint.h>

#include "ignore.h"

/* Files kept at most (a bigger workspace is searched this far; ~40 bytes
 * each). */
#define TREE_WALK_MAX_FILES 500000

struct tree_walk {
	char *root;
	struct ignore *ig;   /* borrowed: the tree's */
	char *paths;         /* "a/b.c\0a/c.c\0...": the files found */
	size_t paths_len, paths_cap;
	uint32_t *off;       /* file i's path is paths + off[i] */
	size_t count, cap;
	char **todo;         /* directories still to read (a stack) */
	size_t ntodo, todo_cap;
	int started, done;
	int capped;          /* stopped at TREE_WALK_MAX_FILES */
};

void tree_walk_init(struct tree_walk *w, const char *root, struct ignore *ig);
/* Forget what was found: the next step starts again. */
void tree_walk_reset(struct tree_walk *w);
void tree_walk_free(struct tree_walk *w);
/* Reads directories for about budget_ms (at least one); 1 when done. */
int tree_walk_step(struct tree_walk *w, double budget_ms);
static inline const char *tree_walk_path(const struct tree_walk *w, size_t i)
{
	return w->paths + w->off[i];
}
/* 1 if the file's name (its whole path when query holds a "/") holds
 * query, ignoring ASCII case. */
int tree_walk_matches(const char *path, const char *query);

#endif
