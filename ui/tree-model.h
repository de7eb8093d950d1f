/* tree-model: what the file tree lists, without curses (the benchmark and
 * the pane share it). Directories are read when expanded, one level at a
 * time, so a workspace of any size costs its root listing until opened;
 * .git and what the .gitignore files ignore are never listed. */
#ifndef FAOS_TREE_MODEL_H
#define FAOS_TREE_MODEL_H

#include <stddef.h>

#include "ignore.h"

/* Most entries read from one directory; the rest are counted and shown as
 * one "... N more" row. */
#define TREE_MAX_ENTRIES 50000

/* A file the latest version changed: 'A' added, 'M' modified, 'D' deleted;
 * path relative to the workspace. */
struct tree_mark {
	const char *path;
	char mark;
};

enum tree_kind { TN_FILE, TN_DIR, TN_MORE };

struct tree_node {
	char *path;       /* relative to the root; TN_MORE: the directory's */
	const char *name; /* the last part of path */
	size_t more;      /* TN_MORE: entries not listed */
	int depth;
	unsigned char kind, expanded;
	unsigned char gone; /* not on disk: listed for a 'D' mark */
};

struct tree_model {
	char *root;
	struct ignore ig;
	struct tree_node *n; /* the visible rows, in order */
	size_t count, cap;
	struct tree_mark *marks, *dir_marks; /* sorted by path; owned copies */
	size_t nmarks, ndir_marks;
	size_t max_entries; /* TREE_MAX_ENTRIES (tests may lower it) */
};

/* An entry of a directory listing. */
struct tree_entry {
	char *name;
	int is_dir;
};

/* The entries of dir ("" for the root) under root, without .git and the
 * ignored, directories first, each group sorted; at most max, *more gets
 * how many others there were. links: a symbolic link to a directory counts
 * as one (the tree) or as a file (a full walk, which must not loop). */
size_t tree_list_dir(const char *root, struct ignore *ig, const char *dir, size_t max, int links,
		     struct tree_entry **out, size_t *more);
void tree_entries_free(struct tree_entry *e, size_t n);

/* Reads root's listing. */
void tree_model_init(struct tree_model *m, const char *root);
void tree_model_free(struct tree_model *m);
/* Reads the files again, keeping the expanded directories expanded. */
void tree_model_reload(struct tree_model *m);
void tree_model_expand(struct tree_model *m, size_t i);
void tree_model_collapse(struct tree_model *m, size_t i);
/* The row of the directory holding row i; i itself for a top-level row. */
size_t tree_model_parent(const struct tree_model *m, size_t i);
/* The row showing path, or (size_t)-1. */
size_t tree_model_find(const struct tree_model *m, const char *path);
/* Copies marks (the caller keeps its own). Deleted files are listed from
 * the next reload on. */
void tree_model_set_marks(struct tree_model *m, const struct tree_mark *marks, size_t n);
/* The mark of a file's path or of a directory holding marked files, or 0. */
char tree_model_mark(const struct tree_model *m, const char *path, int is_dir);

#endif
