/* plan-render: a plan written back in the one form plan_parse reads
 * without guessing (so a plan the user edits comes back the same), its
 * notes, and freeing it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xmalloc.h"
#include "orch/plan-impl.h"

void plan_note(struct plan *p, const char *fmt, ...)
{
	va_list ap;

	if (p->nnotes > PLAN_NOTES_MAX)
		return; /* a hostile plan could make one per line */
	p->notes = xreallocarray(p->notes, p->nnotes + 1, sizeof *p->notes);
	if (p->nnotes == PLAN_NOTES_MAX) {
		p->notes[p->nnotes++] = xstrdup("(more notes left out)");
		return;
	}
	va_start(ap, fmt);
	p->notes[p->nnotes++] = xvasprintf(fmt, ap);
	va_end(ap);
}

char *plan_render(const struct plan *p)
{
	struct buf b = BUF_INIT;

	buf_append_str(&b, "## Files\n");
	for (size_t i = 0; i < p->nfiles; i++) {
		const struct plan_file *f = &p->files[i];
		if (f->purpose[0])
			buf_printf(&b, "- %s: %s\n", f->path, f->purpose);
		else
			buf_printf(&b, "- %s\n", f->path);
	}
	if (p->interfaces && p->interfaces[0])
		buf_printf(&b, "\n## Interfaces\n%s\n", p->interfaces);
	if (p->run_command)
		buf_printf(&b, "\n## Run\n```run\n%s\n```\n", p->run_command);
	return buf_steal(&b);
}

void plan_free(struct plan *p)
{
	for (size_t i = 0; i < p->nfiles; i++) {
		free(p->files[i].path);
		free(p->files[i].purpose);
		free(p->files[i].uses);
	}
	for (size_t i = 0; i < p->nnotes; i++)
		free(p->notes[i]);
	free(p->files);
	free(p->notes);
	free(p->interfaces);
	free(p->run_command);
	memset(p, 0, sizeof *p);
}
