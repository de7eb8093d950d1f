/* reply-impl: what the reply parser's files share (not part of the
 * interface; see reply.h). reply.c scans the lines (prose, <think>),
 * reply-block.c reads blocks and unfenced edits, reply-edit.c their
 * SEARCH/REPLACE sections, reply-lex.c says what a line is and
 * reply-path.c which path it names. Lines are spans of the reply's text,
 * without their line end, and may hold NUL bytes: every scan is bounded
 * by the span's length. */
#ifndef FAOS_REPLY_IMPL_H
#define FAOS_REPLY_IMPL_H

#include <stddef.h>

#include "base/buf.h"
#include "orch/reply.h"

#define REPLY_PATH_MAX 4096 /* longer is never a path line (apply.h's limit too) */
#define REPLY_NEST_MAX 16   /* fence levels tracked inside a markdown block */

struct span {
	const char *s; /* NULL: no span */
	size_t n;
};

static inline int is_blank_char(char c)
{
	return c == ' ' || c == '\t';
}

/* Locale-free: a reply is not in the user's locale. */
static inline int ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static inline void span_skip(struct span *l, size_t k)
{
	l->s += k;
	l->n -= k;
}

/* Leading characters c, removed; returns how many. */
static inline size_t span_skip_run(struct span *l, char c)
{
	size_t k = 0;

	while (k < l->n && l->s[k] == c)
		k++;
	span_skip(l, k);
	return k;
}

/* --- reply-lex.c: what a line is --- */

struct fence {
	char ch;       /* '`' or '~' */
	size_t len;    /* 3 or more */
	size_t indent; /* leading spaces */
};

enum reply_marker { MK_NONE, MK_SEARCH, MK_DIVIDER, MK_REPLACE };

int reply_blank(struct span l);
void reply_trim(struct span *l);
/* l is one of the '|'-separated words of list (ASCII case ignored). */
int reply_one_of(struct span l, const char *list);
/* The next line of [*s, end) (LF ends) into *l; 0 at the end. */
int reply_next_line(const char **s, const char *end, struct span *l);
/* The next blank-separated word of *rest, taken off it. */
struct span reply_next_word(struct span *rest);
/* A fence line: fills *f and *info (trimmed) and returns 1. */
int reply_fence(struct span l, struct fence *f, struct span *info);
/* A bare fence that closes open. */
int reply_fence_closes(struct span l, const struct fence *open);
enum reply_marker reply_marker(struct span l);
/* Length of a <think> or <thinking> tag that starts l after blanks, or 0;
 * *closer is set to the tag that ends it. */
size_t reply_think_open(struct span l, const char **closer);
/* A line that starts, after blanks, with </think> or </thinking>. */
int reply_think_close_line(struct span l);
int reply_info_is_run(struct span info);
/* The info string's first word is one of the '|'-separated words. */
int reply_info_lang(struct span info, const char *words);
/* path ends with one of the '|'-separated suffixes (ASCII case ignored). */
int reply_path_ends(const char *path, const char *suffixes);

/* --- reply-path.c: which path a line names --- */

/* The path a path line names (allocated), or NULL. explicit: any word
 * without blanks is taken, not only one that looks like a file name. */
char *reply_path_from_line(struct span l, int explicit);
/* The path in a fence's info string (allocated), or NULL. */
char *reply_path_from_info(struct span info);
/* The path of a "DELETE path" line (allocated), or NULL. */
char *reply_delete_path(struct span l);

/* --- reply-edit.c: SEARCH/REPLACE sections --- */

/* Consecutive sections for one path. */
struct sr_group {
	char *path;  /* from a path line inside the block; NULL: the block's path */
	size_t line; /* its first SEARCH marker */
	struct reply_edit *edits;
	size_t nedits, cap;
};

struct reply_sr {
	int state;         /* SR_OUT, SR_SEARCH, SR_REPLACE (reply-edit.c) */
	struct buf search, replace;
	size_t marker_line;
	struct span cand;  /* the last non-blank line outside sections */
	struct sr_group *groups;
	size_t ngroups, cap;
	int saw_marker;
};

void reply_sr_init(struct reply_sr *sr, struct span cand);
/* Feeds one line (nl: it had a line end). */
void reply_sr_feed(struct reply_sr *sr, struct span l, int nl, size_t lineno, struct reply *r);
int reply_sr_in_section(const struct reply_sr *sr);
/* The text ended inside a section: it is dropped, with a note. */
void reply_sr_cut(struct reply_sr *sr, struct reply *r);
void reply_sr_free(struct reply_sr *sr);

/* --- reply.c and reply-block.c: the scan --- */

enum reply_state { ST_PROSE, ST_BLOCK, ST_EDIT, ST_THINK };

/* The fenced block or unfenced edit being read. */
struct reply_block {
	struct fence stack[REPLY_NEST_MAX]; /* [0] is the block's own fence */
	size_t depth;
	size_t line;
	char *path;
	int run, markdown, diff;
	struct buf content;
	struct reply_sr sr;
};

struct reply_parser {
	struct reply *r;
	size_t changes_cap;
	enum reply_state st;
	size_t lineno;
	struct buf expl, think, span_think, run;
	int expl_gap;         /* a blank line or a block since the last prose line */
	struct span prev;     /* the last prose line, which may name the next block */
	size_t prev_off;      /* where it starts in expl */
	const char *closer;   /* the tag that ends the current <think> */
	size_t think_line;
	struct reply_block b;
};

void reply_note(struct reply *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
struct reply_change *reply_new_change(struct reply_parser *p, enum reply_kind kind, char *path,
				      size_t line);
/* The path the last prose line names, taken out of the explanation. */
char *reply_path_of_prev(struct reply_parser *p);

void reply_open_block(struct reply_parser *p, const struct fence *f, struct span info);
void reply_block_line(struct reply_parser *p, struct span l, int nl);
/* Turns the block or edit into changes and notes; back to prose. */
void reply_end_block(struct reply_parser *p, int unterminated);
/* At a SEARCH marker in the prose. */
void reply_open_edit(struct reply_parser *p);
/* Returns 1 when the line is not the edit's and must be scanned again. */
int reply_edit_line(struct reply_parser *p, struct span l, int nl);

/* Reasoning models whose template opens <think> send only its end: a
 * line starting with </think> before any line starting with <think>. */
int reply_starts_in_think(const char *text, size_t len);

#endif
