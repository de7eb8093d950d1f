/* ignore: .gitignore matching for the file tree and its filter. Pure (no
 * curses), unit-tested. The rules of each directory's .gitignore are read
 * once, on first use, and kept in a table keyed by the directory, so
 * matching a path costs one lookup per parent directory and never reads a
 * file twice. */
#ifndef FAOS_IGNORE_H
#define FAOS_IGNORE_H

#include <stddef.h>

struct ignore_rule {
	char *pat;             /* without "!", the leading "/" and the trailing "/" */
	unsigned char negate;  /* "!pat": re-includes what an earlier rule ignored */
	unsigned char dir_only; /* "pat/": directories only */
	unsigned char anchored; /* had a "/" before its end: relative to its directory */
};

struct ignore_dir {
	char *dir; /* relative to the root, "" for the root; NULL: a free slot */
	struct ignore_rule *rules;
	size_t n;
};

struct ignore {
	char *root; /* where .gitignore files are read from; NULL: none are */
	struct ignore_dir *slots;
	size_t cap, count;
};

/* root NULL: no file is read (the rules come from ignore_add only). */
void ignore_init(struct ignore *ig, const char *root);
void ignore_free(struct ignore *ig);
/* Rules for dir ("" for the root, "a/b" below it) given as .gitignore text;
 * they replace what dir's file would have given. */
void ignore_add(struct ignore *ig, const char *dir, const char *text, size_t len);
/* 1 if relpath ("a/b/c.txt") is ignored. Its parent directories are taken
 * as not ignored: the tree and the filter never enter an ignored directory,
 * which is also git's rule (nothing below an ignored directory comes back). */
int ignore_match(struct ignore *ig, const char *relpath, int is_dir);
/* One pattern ("*.c", "a/ ** /b" without the spaces, "[ab]?") against a
 * slash-separated path; "**" as a whole segment spans directories. */
int ignore_glob(const char *pat, const char *path);

#endif
