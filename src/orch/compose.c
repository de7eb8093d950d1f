/* compose: the generation prompt; see compose.h. */
#include "orch/compose.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/paths.h"
#include "base/xmalloc.h"
#include "gateway/template.h"

/* A fence longer than any run of backticks in the content, so a file that
 * itself holds fenced blocks (a README) cannot close ours early. */
static void fence_for(const char *text, size_t len, char *fence, size_t size)
{
	size_t longest = 0, run = 0;
	for (size_t i = 0; i < len; i++) {
		run = text[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	size_t n = longest < 3 ? 3 : longest + 1;
	if (n >= size)
		n = size - 1;
	memset(fence, '`', n);
	fence[n] = '\0';
}

static int is_text(const char *p, size_t len)
{
	return memchr(p, '\0', len) == NULL;
}

char *compose_files(const char *workspace, char *const *files, size_t nfiles, size_t budget)
{
	struct buf out = BUF_INIT, skipped = BUF_INIT;
	size_t used = 0;
	for (size_t i = 0; i < nfiles; i++) {
		char *path = xasprintf("%s/%s", workspace, files[i]);
		struct stat st;
		if (stat(path, &st) < 0 || !S_ISREG(st.st_mode)) {
			free(path);
			continue; /* deleted by hand since: nothing to show */
		}
		size_t len = (size_t)st.st_size;
		/* Only what fits is read: a big data file is listed, not loaded. */
		char *text = used + len <= budget ? paths_read_file(path, &len) : NULL;
		free(path);
		if (!text || !is_text(text, len) || used + len > budget) {
			buf_printf(&skipped, "- %s (%zu bytes%s)\n", files[i], len,
				   text && !is_text(text, len) ? ", binary" : "");
		} else {
			char fence[64];
			fence_for(text, len, fence, sizeof fence);
			buf_printf(&out, "%s\n%s\n%s%s%s\n\n", files[i], fence, text,
				   len && text[len - 1] != '\n' ? "\n" : "", fence);
			used += len;
		}
		free(text);
	}
	if (out.len == 0 && skipped.len == 0) {
		buf_free(&out);
		return xstrdup("");
	}
	struct buf all = BUF_INIT;
	buf_append_str(&all, "The project's current files:\n\n");
	buf_append(&all, out.data ? out.data : "", out.len);
	if (skipped.len) {
		buf_append_str(&all, "Also in the project (not shown, over the prompt's budget "
				     "or not text):\n");
		buf_append(&all, skipped.data, skipped.len);
	}
	buf_free(&out);
	buf_free(&skipped);
	return buf_steal(&all);
}

static char *compose_instructions(const char *workspace)
{
	char *path = xasprintf("%s/AGENTS.md", workspace);
	size_t len = 0;
	char *text = paths_read_file(path, &len);
	free(path);
	if (!text || !is_text(text, len) || len == 0) {
		free(text);
		return xstrdup("");
	}
	int cut = len > COMPOSE_INSTRUCTIONS_MAX;
	if (cut)
		text[COMPOSE_INSTRUCTIONS_MAX] = '\0';
	char *out = xasprintf("Instructions from the project's AGENTS.md%s:\n\n%s", cut ?
			      " (cut at 16 KiB)" : "", text);
	free(text);
	return out;
}

static char *labelled(const char *label, const char *text)
{
	if (!text || text[strspn(text, " \t\r\n")] == '\0')
		return xstrdup("");
	return xasprintf("%s\n%s", label, text);
}

int compose_prompt(const struct compose_in *in, struct gw_prompt *out, char **err)
{
	char iteration[16], max[16];
	snprintf(iteration, sizeof iteration, "%d", in->iteration);
	snprintf(max, sizeof max, "%d", in->max_iterations);
	char *instructions = compose_instructions(in->workspace);
	char *files = compose_files(in->workspace, in->files, in->nfiles, in->files_budget);
	char *failure = labelled("The last attempt did not pass. Fix it; answer in the same "
				 "format, with only the files that change.\n", in->failure);
	char *feedback = labelled("Feedback from the user, to follow:", in->feedback);
	const struct tpl_var base[] = {
		{ "description", in->description }, { "instructions", instructions },
		{ "files", files }, { "failure", failure }, { "feedback", feedback },
		{ "iteration", iteration }, { "max_iterations", max },
	};
	size_t nbase = sizeof base / sizeof *base;
	struct tpl_var *vars = xcalloc(nbase + in->nextra, sizeof *vars);
	memcpy(vars, base, sizeof base);
	if (in->nextra)
		memcpy(vars + nbase, in->extra, in->nextra * sizeof *vars);
	int rc = template_render(in->template_name, vars, nbase + in->nextra, out, err);
	free(vars);
	free(instructions);
	free(files);
	free(failure);
	free(feedback);
	return rc;
}
