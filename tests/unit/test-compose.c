/* test-compose: the generation prompt's parts (src/orch/compose.c): the
 * files within the byte budget (a fence longer than any inside a file,
 * binary and over-budget files listed by name and size, vanished files
 * left out) and the rendered messages with AGENTS.md, failure and
 * feedback. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/paths.h"
#include "check.h"
#include "orch/compose.h"

static char ws[64];

static void put(const char *name, const char *data, size_t len)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", ws, name);
	FILE *f = fopen(path, "wb");
	fwrite(data, 1, len, f);
	fclose(f);
}

static void test_files_within_the_budget(void)
{
	put("a.py", "print(1)\n", 9);
	put("README.md", "```sh\nrun\n```", 13);
	put("blob.bin", "x\0y", 3);
	put("big.txt", "0123456789012345678901234567890123456789", 40);
	char *files[] = { "a.py", "README.md", "blob.bin", "big.txt", "gone.txt" };
	char *got = compose_files(ws, files, 5, 30);
	CHECK_STR(got, "The project's current files:\n\n"
		       "a.py\n```\nprint(1)\n```\n\n"
		       "README.md\n````\n```sh\nrun\n```\n````\n\n"
		       "Also in the project (not shown, over the prompt's budget or not text):\n"
		       "- blob.bin (3 bytes, binary)\n"
		       "- big.txt (40 bytes)\n");
	free(got);
}

static void test_no_files_is_empty(void)
{
	char *files[] = { "gone.txt" };
	char *got = compose_files(ws, files, 1, 1000);
	CHECK_STR(got, "");
	free(got);
}

static void test_prompt_parts(void)
{
	put("AGENTS.md", "Use tabs.\n", 10);
	char *files[] = { "a.py" };
	const struct compose_in in = {
		.template_name = "codegen", .workspace = ws, .description = "a counter",
		.files = files, .nfiles = 1, .files_budget = 1000,
		.failure = "The command `make` ended: exit 2.\n", .feedback = "use C17",
		.iteration = 2, .max_iterations = 4,
	};
	struct gw_prompt p = GW_PROMPT_INIT;
	char *err = NULL;
	CHECK(compose_prompt(&in, &p, &err) == 0);
	CHECK(p.n == 2);
	if (p.n == 2) {
		CHECK_STR(p.msgs[0].role, "system");
		CHECK(strstr(p.msgs[0].content, "<<<<<<< SEARCH") != NULL);
		CHECK_STR(p.msgs[1].content,
			  "a counter\n\n"
			  "Instructions from the project's AGENTS.md:\n\nUse tabs.\n\n\n"
			  "The project's current files:\n\na.py\n```\nprint(1)\n```\n\n\n\n"
			  "The last attempt did not pass. Fix it; answer in the same format, with "
			  "only the files that change.\n\nThe command `make` ended: exit 2.\n\n\n"
			  "Feedback from the user, to follow:\nuse C17");
	}
	gw_prompt_free(&p);
	free(err);
}

int main(void)
{
	snprintf(ws, sizeof ws, "/tmp/faos-test-compose-XXXXXX");
	if (!mkdtemp(ws))
		return 1;
	setenv("XDG_CONFIG_HOME", ws, 1); /* the built-in template, not a user's */
	RUN(test_files_within_the_budget);
	RUN(test_no_files_is_empty);
	RUN(test_prompt_parts);
	paths_remove_tree(ws);
	return CHECK_EXIT();
}
