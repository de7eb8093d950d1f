/* plan-parse: a planner's answer turned into a plan, one line at a time.
 *
 * The scan keeps the section the last heading started (files, interfaces,
 * run, another), whether it is inside a fenced block and what that block
 * is for (the run command, interface text, nothing), and whether it is
 * inside <think>. File items are taken in every section but the
 * interfaces, whose text ("- calc.py: add(a, b)") is kept verbatim
 * instead. A line may be scanned again after </think> on it, by the loop
 * in scan_line, not by recursion. Line ends are LF or CRLF. */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "orch/plan-impl.h"

static void add_file(struct plan_parser *pp, char *path, char *purpose)
{
	struct plan *p = pp->p;

	for (size_t i = 0; i < p->nfiles; i++) {
		if (strcmp(p->files[i].path, path) == 0) {
			plan_note(p, "line %zu: %s listed twice (kept once)", pp->lineno, path);
			goto drop;
		}
	}
	if (p->nfiles == PLAN_FILES_MAX) {
		if (!pp->files_full)
			plan_note(p, "line %zu: more than %d files (the rest left out)",
				  pp->lineno, PLAN_FILES_MAX);
		pp->files_full = 1;
		goto drop;
	}
	if (p->nfiles == pp->files_cap) {
		pp->files_cap = pp->files_cap ? pp->files_cap * 2 : 8;
		p->files = xreallocarray(p->files, pp->files_cap, sizeof *p->files);
	}
	p->files[p->nfiles++] = (struct plan_file){ .path = path, .purpose = purpose,
						    .line = pp->lineno };
	return;
drop:
	free(path);
	free(purpose);
}

/* --- sections --- */

/* In the interfaces, a deeper heading or one naming a file ("### calc.py")
 * is part of their text. */
static int ends_iface(const struct plan_parser *pp, const struct plan_heading *h)
{
	return !h->names_file && !(h->kind == HK_ATX && h->level > pp->iface_level);
}

/* "Run: `make test`" */
static void label_run(struct plan_parser *pp, struct span content)
{
	struct span cmd = plan_command(content);

	if (cmd.n && memchr(cmd.s, '\0', cmd.n) == NULL)
		plan_set_run(pp, cmd, RANK_SECTION);
}

static void enter_section(struct plan_parser *pp, const struct plan_heading *h)
{
	pp->sec = h->sec;
	if (h->sec == SEC_IFACE) {
		pp->iface_level = h->level;
		pp->iface_blanks = pp->iface.len > 0; /* sections apart by a blank line */
		if (h->content.n)
			plan_iface_line(pp, h->content);
	} else if (h->sec == SEC_RUN) {
		label_run(pp, h->content);
	}
}

/* "- **Run:** `make test`" in a list of notes. */
static void bullet_label(struct plan_parser *pp, struct span l)
{
	struct plan_heading h;

	reply_trim(&l);
	if (plan_skip_bullet(&l) && plan_heading(l, &h) && h.kind != HK_ATX &&
	    h.sec == SEC_RUN)
		label_run(pp, h.content);
}

static void plain_line(struct plan_parser *pp, struct span l)
{
	struct plan_heading h;
	struct fence f;
	struct span info;
	char *path, *purpose;

	if (reply_fence(l, &f, &info)) {
		if (!plan_markdown_wrap(pp, &f, info, l))
			plan_open_block(pp, &f, info, l);
	} else if (plan_heading(l, &h) && (pp->sec != SEC_IFACE || ends_iface(pp, &h))) {
		enter_section(pp, &h);
	} else if (pp->sec == SEC_IFACE) {
		plan_iface_line(pp, l);
	} else if (plan_file_item(l, pp->sec == SEC_FILES, &path, &purpose)) {
		add_file(pp, path, purpose);
	} else if (pp->sec == SEC_RUN) {
		plan_run_section_line(pp, l);
	} else {
		bullet_label(pp, l);
	}
}

/* Returns 1 when the text after </think> on the line must be scanned. */
static int think_line(struct plan_parser *pp, struct span *l)
{
	size_t k = strlen(pp->closer);
	const char *end = memmem(l->s, l->n, pp->closer, k);

	if (end == NULL)
		return 0;
	span_skip(l, (size_t)(end - l->s) + k);
	pp->closer = NULL;
	return !reply_blank(*l);
}

static void scan_line(struct plan_parser *pp, struct span l)
{
	const char *closer;
	size_t tag;

	for (;;) {
		if (pp->closer) {
			if (!think_line(pp, &l))
				return;
		} else if (!pp->in_block && (tag = reply_think_open(l, &closer)) != 0) {
			pp->closer = closer;
			pp->think_start = pp->lineno;
			span_skip(&l, tag);
		} else {
			break;
		}
	}
	if (pp->in_block)
		plan_block_line(pp, l);
	else
		plain_line(pp, l);
}

static void finish(struct plan_parser *pp)
{
	struct plan *p = pp->p;

	if (pp->in_block) {
		plan_note(p, "line %zu: code block never closed (read to the end)",
			  pp->block_line);
		plan_close_block(pp, NULL);
	}
	if (pp->closer)
		plan_note(p, "line %zu: <think> never closed (the rest is taken as thinking)",
			  pp->think_start);
	p->interfaces = buf_steal(&pp->iface);
	p->run_command = pp->run.len ? buf_steal(&pp->run) : NULL;
	buf_free(&pp->run);
	buf_free(&pp->block);
	plan_link(p);
}

void plan_parse(const char *text, size_t len, struct plan *out)
{
	struct plan_parser pp = { .p = out };
	const char *s, *end;
	struct span l;

	memset(out, 0, sizeof *out);
	if (text == NULL)
		text = "", len = 0;
	if (reply_starts_in_think(text, len)) {
		pp.closer = "</think>";
		pp.think_start = 1;
	}
	s = text;
	end = text + len;
	while (reply_next_line(&s, end, &l)) {
		if (l.n && l.s[l.n - 1] == '\r')
			l.n--;
		pp.lineno++;
		scan_line(&pp, l);
	}
	finish(&pp);
}
