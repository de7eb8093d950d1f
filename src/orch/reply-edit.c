/* reply-edit: the "<<<<<<< SEARCH / ======= / >>>>>>> REPLACE" sections of
 * an edit, fed one line at a time by reply.c (from a fenced block or from
 * the prose). A path line before a section (aider writes one inside the
 * fence) starts a group of sections for that path; sections without one
 * belong to the previous group, or to the block's path. */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "orch/reply-impl.h"

enum { SR_OUT, SR_SEARCH, SR_REPLACE };

void reply_sr_init(struct reply_sr *sr, struct span cand)
{
	memset(sr, 0, sizeof *sr);
	sr->cand = cand;
}

int reply_sr_in_section(const struct reply_sr *sr)
{
	return sr->state != SR_OUT;
}

static struct sr_group *new_group(struct reply_sr *sr, char *path, size_t line)
{
	if (sr->ngroups == sr->cap) {
		sr->cap = sr->cap ? sr->cap * 2 : 2;
		sr->groups = xreallocarray(sr->groups, sr->cap, sizeof *sr->groups);
	}
	sr->groups[sr->ngroups] = (struct sr_group){ .path = path, .line = line };
	return &sr->groups[sr->ngroups++];
}

/* The group the section at line joins: the path line just before it
 * starts a new one unless it repeats the current group's path. */
static void pick_group(struct reply_sr *sr, size_t line)
{
	char *path = sr->cand.s ? reply_path_from_line(sr->cand, 0) : NULL;
	struct sr_group *last = sr->ngroups ? &sr->groups[sr->ngroups - 1] : NULL;

	sr->cand.s = NULL;
	if (last && (!path || (last->path && strcmp(last->path, path) == 0))) {
		free(path);
		return;
	}
	new_group(sr, path, line);
}

static void start_section(struct reply_sr *sr, size_t line)
{
	pick_group(sr, line);
	buf_reset(&sr->search);
	buf_reset(&sr->replace);
	sr->marker_line = line;
	sr->state = SR_SEARCH;
	sr->saw_marker = 1;
}

static void drop_section(struct reply_sr *sr, struct reply *r, const char *why)
{
	reply_note(r, "line %zu: SEARCH/REPLACE section %s (left out)", sr->marker_line, why);
	sr->state = SR_OUT;
}

static void finish_section(struct reply_sr *sr)
{
	struct sr_group *g = &sr->groups[sr->ngroups - 1];

	if (g->nedits == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 4;
		g->edits = xreallocarray(g->edits, g->cap, sizeof *g->edits);
	}
	struct reply_edit *e = &g->edits[g->nedits++];
	e->search_len = sr->search.len;
	e->search = buf_steal(&sr->search);
	e->replace_len = sr->replace.len;
	e->replace = buf_steal(&sr->replace);
	sr->state = SR_OUT;
}

static void add_line(struct buf *b, struct span l, int nl)
{
	buf_append(b, l.s, l.n);
	if (nl)
		buf_append_char(b, '\n');
}

void reply_sr_feed(struct reply_sr *sr, struct span l, int nl, size_t lineno, struct reply *r)
{
	enum reply_marker mk = reply_marker(l);

	/* A new SEARCH inside a section means the model lost its place: the
	 * unfinished section is not trusted. */
	if (mk == MK_SEARCH) {
		if (sr->state != SR_OUT)
			drop_section(sr, r, "not closed");
		start_section(sr, lineno);
	} else if (sr->state == SR_OUT) {
		if (!reply_blank(l))
			sr->cand = l;
	} else if (sr->state == SR_SEARCH && mk == MK_DIVIDER) {
		sr->state = SR_REPLACE;
	} else if (sr->state == SR_SEARCH && mk == MK_REPLACE) {
		drop_section(sr, r, "without =======");
	} else if (sr->state == SR_REPLACE && mk == MK_REPLACE) {
		finish_section(sr);
	} else {
		add_line(sr->state == SR_SEARCH ? &sr->search : &sr->replace, l, nl);
	}
}

void reply_sr_cut(struct reply_sr *sr, struct reply *r)
{
	if (sr->state != SR_OUT)
		drop_section(sr, r, "not closed");
}

void reply_sr_free(struct reply_sr *sr)
{
	for (size_t i = 0; i < sr->ngroups; i++) {
		struct sr_group *g = &sr->groups[i];
		for (size_t k = 0; k < g->nedits; k++) {
			free(g->edits[k].search);
			free(g->edits[k].replace);
		}
		free(g->edits);
		free(g->path);
	}
	free(sr->groups);
	buf_free(&sr->search);
	buf_free(&sr->replace);
	memset(sr, 0, sizeof *sr);
}
