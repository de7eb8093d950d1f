/* apply: a parsed reply written into the workspace, behind safety guards.
 *
 * Every path is checked before anything is written: relative, normalised
 * ("a/./b" -> "a/b", "a//b" -> "a/b"), no ".." component that leaves the
 * workspace, no component that is a symlink leading out of the workspace
 * (a symlink inside it that stays inside is followed), nothing under
 * ".git/" or ".faos-codex/" (our metadata) or named like them, no empty
 * path, no NUL or control characters, at most 4096 bytes. Contents: no
 * NUL byte and valid UTF-8 (a text file is what a model writes). Caps per
 * reply: file count, size of one file, total size.
 *
 * All or nothing for hostile replies: if any path or content is refused,
 * or a cap is passed, nothing at all is written and every reason is
 * reported. Edits whose SEARCH text is not found (exactly, then ignoring
 * trailing whitespace on each line) are reported as failed edits; the
 * other changes of the reply are still applied.
 *
 * Writes are atomic: a temporary file in the same directory, fsync, rename
 * over the target, fsync of the directory; parent directories are made as
 * needed (mode 0755); a new file is 0644 and an existing file keeps its
 * mode. Files are opened relative to the workspace without following
 * symlinks at the last component (openat + O_NOFOLLOW); see
 * base/atomic.h for the write itself. */
#ifndef FAOS_APPLY_H
#define FAOS_APPLY_H

#include <stddef.h>

#include "base/buf.h"

#include "orch/reply.h"

struct apply_limits {
	size_t max_files;       /* changes per reply (default 200) */
	size_t max_file_bytes;  /* one file's content (default 1 MiB) */
	size_t max_total_bytes; /* all contents together (default 8 MiB) */
};

#define APPLY_LIMITS_DEFAULT { 200, 1u << 20, 8u << 20 }

struct apply_report {
	char **written;   /* normalised paths created or replaced, in reply order */
	size_t nwritten;
	char **deleted;   /* normalised paths removed */
	size_t ndeleted;
	char **refused;   /* one line each: "refused ../x: the path leaves the
			   * workspace"; non-empty means nothing was written */
	size_t nrefused;
	char **failed;    /* one line each: "src/app.py: edit 2 of 3: SEARCH text
			   * not found" (for the next refinement) */
	size_t nfailed;
};

/* Checks one path as the model wrote it against workspace (an existing
 * directory). Returns the normalised relative path (allocated), or NULL
 * with *why (allocated, e.g. "the path leaves the workspace",
 * "absolute paths are not allowed", ".git is read-only"). */
char *apply_check_path(const char *workspace, const char *path, char **why);

/* Applies r to workspace under lim. Returns 0 when something was written
 * or deleted (or the reply had no change), -1 when the reply was refused
 * (report.refused says why) or an I/O error stopped it (report.refused
 * holds "write src/x.c: No space left on device"). rep is always filled;
 * free it with apply_report_free. */
int apply_reply(const char *workspace, const struct reply *r, const struct apply_limits *lim,
		struct apply_report *rep);
void apply_report_free(struct apply_report *rep);

/* What applying r would do, file by file, without writing anything: for
 * the review view (approval: review). */
struct apply_preview {
	char *path;        /* normalised, relative to the workspace */
	int del;           /* the file would be removed */
	struct buf after;  /* the content it would get (empty when del) */
	struct buf before; /* what it holds now */
	int existed;       /* it is there now */
};
/* 0 with *out (n entries, in the plan's order), or -1 when the reply would
 * be refused (rep says why; *out is NULL). rep is always filled. */
int apply_preview(const char *workspace, const struct reply *r, const struct apply_limits *lim,
		  struct apply_preview **out, size_t *n, struct apply_report *rep);
void apply_preview_free(struct apply_preview *v, size_t n);

#endif
