/* codeblock: the fenced code blocks of an answer, with their info strings.
 *
 * CommonMark fences at the top level of the document: a line of 3 or more
 * backticks or tildes, indented at most 3 spaces, opens a block; its info
 * string is the rest of the line, trimmed (a backtick fence's info string
 * may not contain a backtick, or the line is not a fence). The block ends
 * at a line of the same character, at least as long, indented at most 3
 * spaces and followed only by spaces or tabs; a fence that never closes
 * runs to the end of the text. From each content line, up to as many
 * spaces as the opening fence was indented are removed.
 *
 * Left out: fences inside block quotes or list items indented past 3
 * spaces, tabs as indentation (a tab is not a space here), backslash
 * escapes and entities in info strings. Line endings are LF or CRLF; they
 * are kept as they are in the content. */
#ifndef FAOS_CODEBLOCK_H
#define FAOS_CODEBLOCK_H

#include <stddef.h>

struct codeblock {
	char *info;           /* info string, trimmed; "" when none */
	char *content;        /* the lines between the fences, each with its line end */
	size_t content_len;
	char *preceding_line; /* the last non-blank line before the opening fence
				 and after any earlier block, trimmed; "" when none
				 (answers often name the file there) */
	size_t line;          /* 1-based line of the opening fence */
	int closed;           /* 0: the text ended inside the block */
};

/* Finds the blocks in the len bytes of text; *out (NULL when there are
 * none) is freed with codeblock_free_all. Returns how many. */
size_t codeblock_parse(const char *text, size_t len, struct codeblock **out);
void codeblock_free_all(struct codeblock *blocks, size_t n);

#endif
