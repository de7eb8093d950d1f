/* critique: the reviewer agent's answer turned into a verdict and
 * comments, leniently. The reviewer is asked for a first line APPROVE or
 * REQUEST CHANGES, then concrete comments per file. Local models decorate
 * it, so the verdict is read from the first line with text, less markdown
 * ("**APPROVE**", "## Verdict: REQUEST CHANGES", "Changes requested"), and
 * when that line says neither, from the first line anywhere that does.
 * A comment is a line of prose after the verdict (a bullet, or a line and
 * the indented lines that continue it); it names a file when it mentions
 * one of the known paths (the plan's and the version's files) as a word,
 * and a line when "path:12", "path line 12", "(line 12)" or "L12"
 * follows. <think>...</think> content is ignored. No I/O here. */
#ifndef FAOS_CRITIQUE_H
#define FAOS_CRITIQUE_H

#include <stddef.h>

enum critique_verdict { CRITIQUE_UNCLEAR, CRITIQUE_APPROVE, CRITIQUE_CHANGES };

struct critique_comment {
	char *path; /* one of the known paths, or NULL: the change as a whole */
	long line;  /* 1-based, 0 when none is named */
	char *text; /* the comment, its leading "path:line:" taken off */
};

struct critique {
	enum critique_verdict verdict;
	struct critique_comment *comments;
	size_t ncomments;
};

/* text holds len bytes and a NUL after them; paths: the files a comment
 * may name. Never fails. Free with critique_free. */
void critique_parse(const char *text, size_t len, char *const *paths, size_t npaths,
		    struct critique *out);
void critique_free(struct critique *c);
/* "approve", "request_changes" or "unclear". */
const char *critique_verdict_name(enum critique_verdict v);

#endif
