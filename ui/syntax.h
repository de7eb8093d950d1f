/* syntax: a small line-based highlighter for the file viewer: keywords,
 * strings, comments and numbers of common languages, chosen by the file's
 * name. Pure (no curses), unit-tested. A line is coloured knowing only the
 * state its predecessor left (inside a block comment, a triple-quoted
 * string, a Markdown code fence), so the viewer can keep one small state per
 * line and colour any screenful without reading from the top. */
#ifndef FAOS_SYNTAX_H
#define FAOS_SYNTAX_H

#include <stddef.h>

enum syn_kind { SYN_PLAIN, SYN_KEYWORD, SYN_STRING, SYN_COMMENT, SYN_NUMBER };

/* A coloured run of bytes within a line; what no span covers is plain. */
struct syn_span {
	size_t start, len;
	enum syn_kind kind;
};

/* What carries from one line to the next; 0 at the start of a file. */
enum syn_state { SYN_NORMAL, SYN_IN_COMMENT, SYN_IN_STRING3, SYN_IN_STRING3_SQ, SYN_IN_FENCE };

struct syn_lang;

/* The language for a file name ("src/x.c", "Makefile"), or NULL (plain). */
const struct syn_lang *syntax_for_path(const char *path);
const char *syntax_name(const struct syn_lang *lang);
/* Colours line[0..len) (no newline) starting in state; spans go into
 * spans[0..max) in order (*n of them; spans may be NULL to learn only the
 * state, which is cheaper). Returns the state the next line starts in. */
int syntax_line(const struct syn_lang *lang, int state, const char *line, size_t len,
		struct syn_span *spans, size_t max, size_t *n);

#endif
