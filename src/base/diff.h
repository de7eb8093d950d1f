/* diff: line diffs as edit operations and hunks, and the unified format.
 *
 * The edit script comes from Myers' O(ND) algorithm in its linear-space
 * form (middle snakes), after the common head and tail are set aside. Its
 * time grows with the number of changed lines, so the search is capped:
 * a changed region that needs more than DIFF_MAX_COST steps is shown as
 * "all old lines deleted, all new lines inserted" (d->fallback is set).
 * Memory is linear in the number of lines whatever the input.
 *
 * Lines include their '\n'; a last line without one is a different line
 * from the same text with one (as in diff(1) and git), and the renderer
 * marks it with "\ No newline at end of file".
 *
 * The ops and hunks are exposed for the side-by-side review; the texts are
 * not copied, so they must outlive the struct diff. */
#ifndef FAOS_DIFF_H
#define FAOS_DIFF_H

#include <stddef.h>

#include "base/buf.h"

#define DIFF_CONTEXT 3
/* Half the edit distance the search goes to before falling back. */
#define DIFF_MAX_COST 1024

enum diff_kind { DIFF_EQUAL, DIFF_DELETE, DIFF_INSERT };

/* n lines: old lines [a, a + n) for EQUAL and DELETE, new lines [b, b + n)
 * for EQUAL and INSERT; the other index is where the run sits on the
 * other side. */
struct diff_op {
	enum diff_kind kind;
	size_t a, b, n;
};

/* Old lines [a, a + na) and new lines [b, b + nb) (0-based), context
 * included; its ops are d->hunk_ops[op .. op + nops). */
struct diff_hunk {
	size_t a, na;
	size_t b, nb;
	size_t op, nops;
};

struct diff_line {
	const char *p;
	size_t len; /* with the '\n', when the line has one */
};

struct diff {
	struct diff_line *old_lines, *new_lines;
	size_t nold, nnew;
	struct diff_op *ops;      /* the whole script, DELETE before INSERT */
	size_t nops;
	struct diff_hunk *hunks;
	size_t nhunks;
	struct diff_op *hunk_ops; /* the hunks' ops, context clipped */
	size_t nhunk_ops;
	int fallback;             /* the cap was hit somewhere */
};

/* Diffs old text a against new text b, hunks with context lines of
 * context around each change. Cannot fail (memory is xmalloc'd). */
void diff_texts(const char *a, size_t alen, const char *b, size_t blen, size_t context,
		struct diff *d);
/* Appends "--- old_label", "+++ new_label" and the hunks, or nothing at
 * all when there is no hunk. Labels are used as given ("a/x", "/dev/null"). */
void diff_unified(const struct diff *d, const char *old_label, const char *new_label,
		  struct buf *out);
void diff_free(struct diff *d);

#endif
