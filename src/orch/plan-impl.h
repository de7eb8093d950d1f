/* plan-impl: what the plan parser's files share (not part of the
 * interface; see plan.h). plan-parse.c scans the lines (sections, file
 * items, <think>), plan-block.c reads the blocks, the run command and the
 * interfaces text, plan-heading.c says which lines start a section,
 * plan-item.c which are file items, plan-share.c finds the mentions
 * between files and shares them among coders, plan-render.c writes a plan
 * back and frees it. The lines are read with the reply parser's lexer (reply-impl.h), so a
 * plan's fences and think tags follow the same rules as a reply's. */
#ifndef FAOS_ORCH_PLAN_IMPL_H
#define FAOS_ORCH_PLAN_IMPL_H

#include <stddef.h>

#include "base/buf.h"
#include "orch/plan.h"
#include "orch/reply-impl.h"

/* A coding task never needs more; a hostile plan cannot make the
 * quadratic duplicate and mention checks slow. */
#define PLAN_FILES_MAX 500
#define PLAN_NOTES_MAX 100

enum plan_section { SEC_NONE, SEC_FILES, SEC_IFACE, SEC_RUN, SEC_OTHER };

enum heading_kind {
	HK_ATX,   /* "## Files" */
	HK_BOLD,  /* "**Files:**", "**Run:** cmd" */
	HK_LABEL, /* "Files:", "Run command: cmd" */
};

struct plan_heading {
	enum heading_kind kind;
	enum plan_section sec; /* what its title says */
	int level;             /* 1..6 for HK_ATX; 7 otherwise */
	int names_file;        /* its title is a path ("### calc.py") */
	struct span content;   /* after a label's colon, trimmed */
};

/* --- the scan (plan-parse.c, plan-block.c) --- */

enum block_use {
	USE_NONE,     /* a block the plan does not need (a tree, an example) */
	USE_RUN,      /* ```run */
	USE_RUN_SEC,  /* a shell block under a run heading */
	USE_IFACE,    /* a block in the interfaces: part of their text */
};

/* Who said the run command: a ```run block outranks a label or a block
 * under a run heading, which the prompt did not ask for. */
enum run_rank { RANK_NONE, RANK_SECTION, RANK_BLOCK };

struct plan_parser {
	struct plan *p;
	size_t files_cap, lineno;
	int files_full;        /* PLAN_FILES_MAX reached (said once) */
	enum plan_section sec;
	int iface_level;       /* its heading's; a deeper heading stays inside */
	const char *closer;    /* the tag that ends the current <think>; NULL outside */
	size_t think_start;    /* its line */
	int in_block;
	struct fence fence;
	enum block_use use;
	size_t block_line;
	int md_wrap;           /* inside a ```markdown block around the whole plan */
	struct fence md_fence;
	struct buf iface, run, block;
	size_t iface_blanks;   /* blank lines held until more text follows */
	enum run_rank rank;
};

/* The run command cmd, said in a way of that rank. */
void plan_set_run(struct plan_parser *pp, struct span cmd, enum run_rank rank);
/* A line under a run heading, outside blocks. */
void plan_run_section_line(struct plan_parser *pp, struct span l);
void plan_iface_line(struct plan_parser *pp, struct span l);
void plan_open_block(struct plan_parser *pp, const struct fence *f, struct span info,
		     struct span l);
/* closing: the fence line, or NULL when the plan ends inside the block. */
void plan_close_block(struct plan_parser *pp, const struct span *closing);
void plan_block_line(struct plan_parser *pp, struct span l);
/* A fence of a ```markdown block around the whole plan (not a block). */
int plan_markdown_wrap(struct plan_parser *pp, const struct fence *f, struct span info,
		       struct span l);

/* --- plan-heading.c --- */

/* l is a heading, a bold line or a label that says which section follows. */
int plan_heading(struct span l, struct plan_heading *h);

/* --- plan-item.c --- */

/* l is a file item; *path and *purpose are allocated. bare: a line
 * without a bullet counts (under a files heading). */
int plan_file_item(struct span l, int bare, char **path, char **purpose);
/* The title is one word that names a file ("`src/app.py`:"). */
int plan_names_file(struct span title);
/* Takes a list marker ("- ", "1. ") off *l; returns 1 if there was one. */
int plan_skip_bullet(struct span *l);
/* The command in a "Run:" label's content or a line under a run heading:
 * the first `code span` if it starts with one, less a "$ " prompt. */
struct span plan_command(struct span l);
/* A copy without NUL bytes (a plan's strings are C strings). */
char *plan_dup(struct span l);

/* --- plan-render.c --- */

void plan_note(struct plan *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* --- plan-share.c --- */

/* Fills each file's uses from the purposes and the interfaces text. */
void plan_link(struct plan *p);

#endif
