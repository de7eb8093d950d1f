/* reply-block: fenced blocks and unfenced SEARCH/REPLACE edits, line by
 * line, for reply.c: where a block ends (the nested-fence rule for
 * markdown files), and what it becomes when it does (a file, an edit, the
 * run command, deletions, or a note). */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "orch/reply-impl.h"

void reply_open_block(struct reply_parser *p, const struct fence *f, struct span info)
{
	struct reply_block *b = &p->b;

	b->stack[0] = *f;
	b->depth = 1;
	b->line = p->lineno;
	b->run = reply_info_is_run(info);
	if (b->run) {
		p->prev.s = NULL; /* a run block has no path: the line stays prose */
		p->expl_gap = 1;
	} else {
		char *lpath = reply_path_of_prev(p);
		b->path = reply_path_from_info(info);
		if (b->path)
			free(lpath);
		else
			b->path = lpath;
		b->markdown = reply_info_lang(info, "markdown|md|mdx") ||
			      (b->path && reply_path_ends(b->path, ".md|.markdown|.mdx"));
		b->diff = reply_info_lang(info, "diff|patch|udiff");
	}
	reply_sr_init(&b->sr, (struct span){ NULL, 0 });
	p->st = ST_BLOCK;
}

/* An empty buffer's data is NULL, and NULL + 0 is undefined. */
static const char *buf_start(const struct buf *b)
{
	return b->data ? b->data : "";
}

static void add_run(struct reply_parser *p, const struct buf *content)
{
	const char *s = buf_start(content), *end = s + content->len;
	struct span l;

	for (size_t line = p->b.line + 1; reply_next_line(&s, end, &l); line++) {
		reply_trim(&l);
		if (l.n >= 2 && l.s[0] == '$' && l.s[1] == ' ')
			l.s += 2, l.n -= 2, reply_trim(&l); /* a prompt, not the command */
		if (l.n == 0)
			continue;
		if (memchr(l.s, '\0', l.n) != NULL) {
			reply_note(p->r, "line %zu: run command line with a NUL byte (left out)",
				   line);
			continue;
		}
		if (p->run.len)
			buf_append_char(&p->run, '\n');
		buf_append(&p->run, l.s, l.n);
	}
}

/* Its non-blank lines are all "DELETE path" lines, and there is one. */
static int only_deletes(const struct buf *content)
{
	const char *s = buf_start(content), *end = s + content->len;
	struct span l;
	int any = 0;

	while (reply_next_line(&s, end, &l)) {
		if (reply_blank(l))
			continue;
		char *path = reply_delete_path(l);
		if (path == NULL)
			return 0;
		free(path);
		any = 1;
	}
	return any;
}

/* A block without a path holding only "DELETE path" lines. */
static int add_block_deletes(struct reply_parser *p, const struct buf *content)
{
	const char *s = buf_start(content), *end = s + content->len;
	struct span l;
	char *path;

	if (!only_deletes(content))
		return 0;
	for (size_t line = p->b.line + 1; reply_next_line(&s, end, &l); line++)
		if ((path = reply_delete_path(l)) != NULL)
			reply_new_change(p, REPLY_DELETE, path, line);
	return 1;
}

static void note_unclosed(struct reply_parser *p, size_t line, const char *path)
{
	reply_note(p->r, "line %zu: code block for %s never closed (taken to the end of the reply)",
		   line, path);
}

static void add_edits(struct reply_parser *p, int unterminated)
{
	struct reply_block *b = &p->b;
	struct reply_change *c = NULL;

	for (size_t i = 0; i < b->sr.ngroups; i++) {
		struct sr_group *g = &b->sr.groups[i];
		if (!g->path && !b->path) {
			reply_note(p->r,
				   "line %zu: SEARCH/REPLACE block without a file path (left out)",
				   g->line);
			continue;
		}
		if (g->nedits == 0)
			continue; /* its sections were dropped, with notes */
		c = reply_new_change(p, REPLY_EDIT, g->path ? g->path : xstrdup(b->path),
				     g->path ? g->line : b->line);
		c->edits = g->edits;
		c->nedits = g->nedits;
		g->path = NULL;
		g->edits = NULL;
		g->nedits = 0;
	}
	if (c == NULL)
		return;
	c->unterminated = unterminated;
	if (unterminated && b->depth > 0) /* a fence, not a cut unfenced section */
		note_unclosed(p, b->line, c->path);
}

static void add_file(struct reply_parser *p, int unterminated)
{
	struct reply_block *b = &p->b;
	struct reply_change *c = reply_new_change(p, REPLY_FILE, b->path, b->line);

	b->path = NULL;
	c->len = b->content.len;
	c->content = buf_steal(&b->content);
	c->unterminated = unterminated;
	if (unterminated)
		note_unclosed(p, c->line, c->path);
}

void reply_end_block(struct reply_parser *p, int unterminated)
{
	struct reply_block *b = &p->b;

	reply_sr_cut(&b->sr, p->r);
	if (b->run)
		add_run(p, &b->content);
	else if (b->sr.saw_marker)
		add_edits(p, unterminated);
	else if (b->diff && b->path && !reply_path_ends(b->path, ".diff|.patch"))
		reply_note(p->r, "line %zu: unified diff for %s left out (not supported)", b->line,
			   b->path);
	else if (b->path)
		add_file(p, unterminated);
	else if (!add_block_deletes(p, &b->content))
		reply_note(p->r, "line %zu: code block without a file path (left out)", b->line);
	reply_sr_free(&b->sr);
	buf_free(&b->content);
	free(b->path);
	memset(b, 0, sizeof *b);
	p->st = ST_PROSE;
	p->prev.s = NULL;
	p->expl_gap = 1;
}

/* Up to the block's indentation in spaces off a content line. */
static struct span unindent(const struct reply_block *b, struct span l)
{
	size_t k = 0;

	while (k < l.n && k < b->stack[0].indent && l.s[k] == ' ')
		k++;
	return (struct span){ l.s + k, l.n - k };
}

void reply_block_line(struct reply_parser *p, struct span l, int nl)
{
	struct reply_block *b = &p->b;
	struct span c = unindent(b, l);
	struct fence f;
	struct span info;
	int inner = 0;

	/* A markdown file's sections may quote part of a fenced example:
	 * their fences are text. Elsewhere a fence still ends the block,
	 * so a forgotten REPLACE marker costs one section, not the rest. */
	if (!(b->markdown && reply_sr_in_section(&b->sr))) {
		if (reply_fence_closes(l, &b->stack[b->depth - 1])) {
			if (--b->depth == 0) {
				reply_end_block(p, 0);
				return;
			}
			inner = 1;
		} else if (b->markdown && reply_fence(l, &f, &info) && info.n &&
			   f.indent <= b->stack[0].indent + 3) {
			if (b->depth < REPLY_NEST_MAX)
				b->stack[b->depth++] = f;
			inner = 1;
		}
	}
	buf_append(&b->content, c.s, c.n);
	if (nl)
		buf_append_char(&b->content, '\n');
	if (!inner && b->depth == 1 && !b->run)
		reply_sr_feed(&b->sr, c, nl, p->lineno, p->r);
}

/* --- unfenced edits --- */

void reply_open_edit(struct reply_parser *p)
{
	struct reply_block *b = &p->b;
	struct span cand = p->prev;

	free(reply_path_of_prev(p));
	b->line = p->lineno;
	reply_sr_init(&b->sr, cand);
	p->st = ST_EDIT;
}

/* Returns 1 when the line is not the edit's and must be scanned again. */
int reply_edit_line(struct reply_parser *p, struct span l, int nl)
{
	if (!reply_sr_in_section(&p->b.sr) && !reply_blank(l) && reply_marker(l) != MK_SEARCH) {
		reply_end_block(p, 0);
		return 1;
	}
	reply_sr_feed(&p->b.sr, l, nl, p->lineno, p->r);
	return 0;
}
