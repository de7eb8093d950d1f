/* plan: the planner's answer turned into the files to write, the
 * interfaces between them and the run command, leniently; and the rule
 * that shares the files among coders.
 *
 * The planner is asked for "- path: purpose" lines, an interfaces section
 * and a run command. Local models vary the markdown, so the parser takes:
 *  - File items: "- src/app.py: purpose", "* src/app.py — purpose",
 *    "1. src/app.py - purpose", "- **src/app.py**: ...", "- `src/app.py`:
 *    ...", "- src/app.py (purpose)", a table row "| src/app.py | purpose |",
 *    and, under a files heading, "src/app.py: purpose" without a bullet.
 *    A path is one word that looks like a file name (has '/' or an
 *    extension, or is a name like Makefile); it is kept as written, less
 *    its markdown, and not checked: that is apply.h's job. A path listed
 *    again is kept once (the first), with a note.
 *  - Sections: a markdown heading ("## Files"), a bold line ("**Files:**")
 *    or a label ("Files:", "Run command:") starts one. The text under a
 *    heading that says "interface" is kept verbatim up to the next heading
 *    (a deeper heading or one naming a file stays inside it).
 *  - The run command: a ```run block (lines joined, as in a reply), else a
 *    label "Run: cmd" / "Run command: `cmd`", or under a run heading a
 *    ```sh/```bash/plain block or a line that reads as a command.
 *  - <think>...</think> content is ignored; a plan wrapped whole in a
 *    ```markdown block is read as if it were not.
 * No I/O here. */
#ifndef FAOS_ORCH_PLAN_H
#define FAOS_ORCH_PLAN_H

#include <stddef.h>

struct plan_file {
	char *path;    /* as written, markdown removed */
	char *purpose; /* trimmed; "" when the line gave none */
	size_t line;   /* 1-based line in the plan text */
	size_t *uses;  /* indexes of the other plan files that its purpose,
			* or an interfaces line naming it, mentions (by
			* path, base name or base name less its extension),
			* ascending */
	size_t nuses;
};

struct plan {
	struct plan_file *files; /* in plan order */
	size_t nfiles;
	char *interfaces;        /* trimmed; "" when none, never NULL */
	char *run_command;       /* lines '\n'-joined, no final newline; NULL if none */
	char **notes;            /* "line 7: src/app.py listed twice (kept once)" */
	size_t nnotes;
};

/* Parses the len bytes of text (need not be NUL-terminated) into *out.
 * Never fails: a plan with nothing usable has nfiles == 0. Free with
 * plan_free. */
void plan_parse(const char *text, size_t len, struct plan *out);
void plan_free(struct plan *p);

/* The plan in the canonical form, which plan_parse reads back to the same
 * files, interfaces and run command (for a plan the user edits):
 *   ## Files\n- path: purpose\n...\n\n## Interfaces\n...\n\n## Run\n```run\n...\n```\n
 * An empty section is left out. */
char *plan_render(const struct plan *p);

/* Shares the files among coders (1 or more) so that files that depend on
 * each other stay with one coder: a file and the files it uses, a test and
 * the file it tests (test_calc.py, calc_test.go, calc.test.js, CalcTest.java
 * or tests/calc.py with calc.py), a C header and its source (calc.h,
 * calc.c in one directory). The groups go, largest first (then in plan
 * order), to the coder with the fewest files (then the lowest index).
 * owner[i] gets file i's coder, 0..coders-1. Returns how many coders got
 * a file: fewer than coders when there are fewer groups, 0 for no files. */
int plan_share(const struct plan *p, int coders, int *owner);

#endif
