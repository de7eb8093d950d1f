/* reply: a model's answer turned into intended changes, leniently.
 *
 * Local models are inconsistent, so the parser accepts the usual variants
 * of the format the generation prompt asks for:
 *  - A file is a fenced code block (``` or ~~~) whose path is given on the
 *    line just before the fence (the path alone, in `backticks` or **bold**,
 *    after "File:" / "Path:", or as a markdown heading "### src/app.py"),
 *    or in the fence's info string ("```python src/app.py",
 *    "```python title=\"src/app.py\"", "```src/app.py"). The block's
 *    content replaces the file whole.
 *  - An edit: a block (fenced or not) under the path line holding
 *    "<<<<<<< SEARCH" / "=======" / ">>>>>>> REPLACE" sections.
 *  - "DELETE path" on a line of its own, outside blocks, removes a file.
 *  - A fenced block whose info string is "run" (or "sh run", "bash run")
 *    holds the command line(s) that build and test the project.
 *  - A block that never closes runs to the end of the reply (marked so).
 *    Fences nested in a markdown file's block (```` ```python ```` inside
 *    a README.md block) are kept as content: an inner fence with an info
 *    string opens a nested level that its bare fence closes.
 *  - Prose outside the blocks is the explanation; <think>...</think>
 *    content is kept apart as thinking (never parsed for files).
 * Paths are returned as written (trimmed of quotes, backticks, bold);
 * checking them is apply.h's job. No I/O here. */
#ifndef FAOS_REPLY_H
#define FAOS_REPLY_H

#include <stddef.h>

enum reply_kind {
	REPLY_FILE,   /* content replaces the file (created if missing) */
	REPLY_EDIT,   /* search/replace sections applied to the current file */
	REPLY_DELETE, /* the file is removed */
};

struct reply_edit {
	char *search, *replace; /* exact text, NUL-terminated; lines keep their '\n' */
	size_t search_len, replace_len;
};

struct reply_change {
	enum reply_kind kind;
	char *path;                /* as the model wrote it, decorations removed */
	char *content;             /* REPLY_FILE: the new content (NUL-terminated) */
	size_t len;
	struct reply_edit *edits;  /* REPLY_EDIT */
	size_t nedits;
	size_t line;               /* 1-based line of the block or DELETE in the reply */
	int unterminated;          /* the block's fence never closed */
};

struct reply {
	struct reply_change *changes; /* in reply order */
	size_t nchanges;
	char *run_command;  /* lines of the run block(s), '\n'-joined, no final
			     * newline; NULL when the reply gave none */
	char *explanation;  /* prose outside blocks and <think>, trimmed; never NULL */
	char *thinking;     /* <think> content, trimmed; never NULL */
	char **notes;       /* one line each: "line 12: code block without a
			     * file path (left out)", ...; for the user */
	size_t nnotes;
};

/* Parses the len bytes of text (need not be NUL-terminated) into *out.
 * Never fails: a reply with nothing usable has nchanges == 0 and no
 * run_command. Free with reply_free. */
void reply_parse(const char *text, size_t len, struct reply *out);
void reply_free(struct reply *r);
/* One change's memory (when a change is dropped from a reply). */
void reply_change_free(struct reply_change *c);

#endif
