/* edit: the SEARCH/REPLACE sections of a model's reply applied to a
 * file's text, and that text read from the workspace. Internal to
 * src/orch (apply.c plans the edits of a reply with it, in memory). */
#ifndef FAOS_EDIT_H
#define FAOS_EDIT_H

#include <stddef.h>

#include "base/buf.h"
#include "orch/pathguard.h"
#include "orch/reply.h"

/* Replaces the first place in text (len bytes) where e->search occurs
 * exactly; failing that, the first run of whole lines that equal the
 * search's lines once trailing whitespace (spaces, tabs, CR) is ignored
 * on both sides, since models often drop or add it. 0 with the new text
 * appended to out, or -1 (out untouched) when the search matches nowhere
 * or is empty (creating a file from an empty SEARCH is edit_sections'). */
int edit_apply(const char *text, size_t len, const struct reply_edit *e, struct buf *out);

/* Applies the sections of c to text in order; *exists says whether the
 * file is there (an empty SEARCH creates a missing or empty file). A
 * section that fails is skipped and adds a line to failed ("src/app.py:
 * edit 2 of 3: SEARCH text not found"). Returns how many were applied. */
size_t edit_sections(const struct reply_change *c, struct buf *text, int *exists,
		     char ***failed, size_t *nfailed);

/* The regular file rel (a resolved path) of the workspace into out,
 * opened through pathguard's walk without following symlinks. 1 when
 * read, 0 when missing, -1 and errno: EFBIG when over max bytes (*size
 * says how big), EISDIR for a directory, EINVAL for another non-regular
 * file (a FIFO is never opened for reading in a way that blocks). */
int edit_load(const struct pathguard *g, const char *rel, size_t max, struct buf *out,
	      size_t *size);

#endif
