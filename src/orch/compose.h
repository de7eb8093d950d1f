/* compose: the prompt of one generation, rendered through the loop's
 * template (templates/codegen.txt): the description, the project's
 * AGENTS.md (capped), its current files within a byte budget (the rest
 * listed by name), and on refinement what failed and the user's feedback. */
#ifndef FAOS_COMPOSE_H
#define FAOS_COMPOSE_H

#include <stddef.h>

#include "gateway/prompt.h"
#include "gateway/template.h"

#define COMPOSE_INSTRUCTIONS_MAX (16 * 1024)

struct compose_in {
	const char *template_name;
	const char *workspace;
	const char *description;
	char *const *files;  /* the project's files, relative to workspace */
	size_t nfiles;
	size_t files_budget; /* bytes of file contents to include */
	const char *failure; /* "" or NULL on the first generation */
	const char *feedback;
	int iteration, max_iterations;
	const struct tpl_var *extra; /* a role's own variables (plan, share, diff) */
	size_t nextra;
};

/* 0 and *out filled (free with gw_prompt_free), or -1 and *err. */
int compose_prompt(const struct compose_in *in, struct gw_prompt *out, char **err);

/* The "files" variable alone (for tests): allocated. */
char *compose_files(const char *workspace, char *const *files, size_t nfiles, size_t budget);

#endif
