/* fuzz-critique: libFuzzer harness for the reviewer's answer
 * (src/orch/critique.h) and the planner's (src/orch/plan.h), the two
 * parsers of the multi-agent loop that read a model's text.
 *
 * Input: the answer (copied with a NUL after it, as the callers pass it).
 * Invariants, besides not crashing:
 *  - a critique's verdict is one of the three; every comment has text, a
 *    line >= 0, and a path that is NULL or one of the known paths;
 *  - parsing twice gives the same verdict and comments;
 *  - every plan file has a non-empty path without '\n'; plan_share gives
 *    each file a coder in range and reports at most as many coders;
 *  - the plan rendered and parsed again lists as many files or fewer.
 * Any breach aborts, so libFuzzer keeps the input. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "orch/critique.h"
#include "orch/plan.h"

static char *const known[] = { "calc.py", "src/app.c", "Makefile", "a" };
#define NKNOWN (sizeof known / sizeof *known)

static void check_critique(const char *text, size_t len)
{
	struct critique a, b;
	critique_parse(text, len, known, NKNOWN, &a);
	critique_parse(text, len, known, NKNOWN, &b);
	if (a.verdict > CRITIQUE_CHANGES || a.verdict != b.verdict || a.ncomments != b.ncomments)
		abort();
	for (size_t i = 0; i < a.ncomments; i++) {
		const struct critique_comment *c = &a.comments[i];
		bool ok = c->path == NULL;
		for (size_t k = 0; k < NKNOWN && !ok; k++)
			ok = strcmp(c->path, known[k]) == 0;
		if (!ok || !c->text || c->line < 0 || strcmp(c->text, b.comments[i].text) != 0 ||
		    c->line != b.comments[i].line)
			abort();
	}
	critique_free(&a);
	critique_free(&b);
}

static void check_plan(const char *text, size_t len)
{
	struct plan p, again;
	plan_parse(text, len, &p);
	int owner[64];
	size_t n = p.nfiles < 64 ? p.nfiles : 64;
	for (size_t i = 0; i < p.nfiles; i++)
		if (!p.files[i].path[0] || strchr(p.files[i].path, '\n'))
			abort();
	if (p.nfiles <= 64) {
		int got = plan_share(&p, 3, owner);
		if (got < 0 || got > 3 || (n && got == 0))
			abort();
		for (size_t i = 0; i < n; i++)
			if (owner[i] < 0 || owner[i] >= 3)
				abort();
	}
	char *r = plan_render(&p);
	plan_parse(r, strlen(r), &again);
	if (again.nfiles > p.nfiles)
		abort();
	free(r);
	plan_free(&again);
	plan_free(&p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	check_critique(text, size);
	check_plan(text, size);
	free(text);
	return 0;
}
