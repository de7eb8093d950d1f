/* reply: a model's answer turned into changes, one line at a time.
 *
 * The scan is a small state machine: prose, a fenced block, an unfenced
 * SEARCH/REPLACE edit, or <think>. A line may be rescanned in another
 * state (the prose after </think> on its line, the line that ends an
 * unfenced edit), so the loop in scan_line, not recursion, carries it:
 * hostile input cannot deepen the stack. Line ends are LF or CRLF; CRLF
 * becomes LF in everything returned (a transport's line end, not the
 * file's). Blocks and edits are read in reply-block.c. */
#include "orch/reply.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "orch/reply-impl.h"

#define MAX_NOTES 100 /* a hostile reply could make one per line */

void reply_note(struct reply *r, const char *fmt, ...)
{
	va_list ap;

	if (r->nnotes > MAX_NOTES)
		return;
	r->notes = xreallocarray(r->notes, r->nnotes + 1, sizeof *r->notes);
	if (r->nnotes == MAX_NOTES) {
		r->notes[r->nnotes++] = xstrdup("(more notes left out)");
		return;
	}
	char *s;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = xstrdup("(note lost: out of memory)");
	va_end(ap);
	r->notes[r->nnotes++] = s;
}

struct reply_change *reply_new_change(struct reply_parser *p, enum reply_kind kind, char *path,
				      size_t line)
{
	struct reply *r = p->r;

	if (r->nchanges == p->changes_cap) {
		p->changes_cap = p->changes_cap ? p->changes_cap * 2 : 8;
		r->changes = xreallocarray(r->changes, p->changes_cap, sizeof *r->changes);
	}
	struct reply_change *c = &r->changes[r->nchanges++];
	*c = (struct reply_change){ .kind = kind, .path = path, .line = line };
	return c;
}

/* Prose bytes less NULs (explanation and thinking are C strings). */
static void append_text(struct buf *b, struct span l)
{
	const char *z;

	while ((z = memchr(l.s, '\0', l.n)) != NULL) {
		buf_append(b, l.s, (size_t)(z - l.s));
		l.n -= (size_t)(z - l.s) + 1;
		l.s = z + 1;
	}
	buf_append(b, l.s, l.n);
}

static void prose_line(struct reply_parser *p, struct span l)
{
	while (l.n && (l.s[l.n - 1] == ' ' || l.s[l.n - 1] == '\t'))
		l.n--; /* invisible, and markdown's hard break means nothing here */
	p->prev = l;
	p->prev_off = p->expl.len;
	if (p->expl.len)
		buf_append(&p->expl, "\n\n", p->expl_gap ? 2 : 1);
	append_text(&p->expl, l);
	p->expl_gap = 0;
}

/* The last prose line names a block: it is not explanation. */
static void drop_prev(struct reply_parser *p)
{
	p->expl.len = p->prev_off;
	if (p->expl.data)
		p->expl.data[p->expl.len] = '\0';
	p->prev.s = NULL;
}

char *reply_path_of_prev(struct reply_parser *p)
{
	char *path = p->prev.s ? reply_path_from_line(p->prev, 0) : NULL;

	if (path)
		drop_prev(p);
	p->prev.s = NULL;
	p->expl_gap = 1;
	return path;
}

/* --- <think> --- */

static void open_think(struct reply_parser *p, const char *closer)
{
	p->closer = closer;
	p->think_line = p->lineno;
	p->prev.s = NULL;
	p->st = ST_THINK;
}

static void close_think(struct reply_parser *p)
{
	struct span t = { p->span_think.data, p->span_think.len };

	while (t.n && (t.s[0] == '\n' || t.s[0] == ' ' || t.s[0] == '\t'))
		t.s++, t.n--;
	while (t.n && (t.s[t.n - 1] == '\n' || t.s[t.n - 1] == ' ' || t.s[t.n - 1] == '\t'))
		t.n--;
	if (t.n && p->think.len)
		buf_append(&p->think, "\n\n", 2);
	buf_append(&p->think, t.s, t.n);
	buf_reset(&p->span_think);
	p->st = ST_PROSE;
}

/* Returns 1 when the prose after </think> in *l must be scanned. */
static int think_line(struct reply_parser *p, struct span *l, int nl)
{
	size_t k = strlen(p->closer);
	const char *end = memmem(l->s, l->n, p->closer, k);

	if (end == NULL) {
		append_text(&p->span_think, *l);
		if (nl)
			buf_append_char(&p->span_think, '\n');
		return 0;
	}
	append_text(&p->span_think, (struct span){ l->s, (size_t)(end - l->s) });
	close_think(p);
	l->n -= (size_t)(end - l->s) + k;
	l->s = end + k;
	return !reply_blank(*l);
}

/* --- prose --- */

/* Returns 1 when the rest of *l must be scanned in the new state. */
static int prose(struct reply_parser *p, struct span *l, int nl)
{
	struct fence f;
	struct span info;
	const char *closer;
	size_t tag;
	char *path;

	if ((tag = reply_think_open(*l, &closer)) != 0) {
		open_think(p, closer);
		l->s += tag;
		l->n -= tag;
		return 1;
	}
	if (reply_fence(*l, &f, &info)) {
		reply_open_block(p, &f, info);
	} else if (reply_marker(*l) == MK_SEARCH) {
		reply_open_edit(p);
		reply_sr_feed(&p->b.sr, *l, nl, p->lineno, p->r);
	} else if ((path = reply_delete_path(*l)) != NULL) {
		reply_new_change(p, REPLY_DELETE, path, p->lineno);
		p->prev.s = NULL;
	} else if (reply_blank(*l)) {
		p->expl_gap = 1;
	} else {
		prose_line(p, *l);
	}
	return 0;
}

static void scan_line(struct reply_parser *p, struct span l, int nl)
{
	int again = 1;

	while (again) {
		switch (p->st) {
		case ST_PROSE:
			again = prose(p, &l, nl);
			break;
		case ST_BLOCK:
			reply_block_line(p, l, nl);
			again = 0;
			break;
		case ST_EDIT:
			again = reply_edit_line(p, l, nl);
			break;
		case ST_THINK:
			again = think_line(p, &l, nl);
			break;
		}
	}
}

int reply_starts_in_think(const char *text, size_t len)
{
	const char *s = text, *end = text + len, *dummy;
	struct span l;

	if (memmem(text, len, "</think", 7) == NULL)
		return 0;
	while (reply_next_line(&s, end, &l)) {
		if (reply_think_close_line(l))
			return 1;
		if (reply_think_open(l, &dummy))
			return 0;
	}
	return 0;
}

static void finish(struct reply_parser *p)
{
	struct reply *r = p->r;
	struct span e;

	if (p->st == ST_BLOCK)
		reply_end_block(p, 1);
	else if (p->st == ST_EDIT)
		reply_end_block(p, reply_sr_in_section(&p->b.sr));
	if (p->st == ST_THINK) {
		reply_note(r, "line %zu: <think> never closed (the rest is taken as thinking)",
			   p->think_line);
		close_think(p);
	}
	e = (struct span){ p->expl.data, p->expl.len };
	reply_trim(&e);
	while (e.n && e.s[e.n - 1] == '\n')
		e.n--;
	r->explanation = xstrndup(e.n ? e.s : "", e.n);
	r->thinking = buf_steal(&p->think);
	r->run_command = p->run.len ? buf_steal(&p->run) : NULL;
	buf_free(&p->expl);
	buf_free(&p->span_think);
	buf_free(&p->run);
}

void reply_parse(const char *text, size_t len, struct reply *out)
{
	struct reply_parser p = { .r = out };
	const char *s, *end;
	struct span l;

	memset(out, 0, sizeof *out);
	if (text == NULL)
		text = "", len = 0;
	if (reply_starts_in_think(text, len)) {
		open_think(&p, "</think>");
		p.think_line = 1;
	}
	s = text;
	end = text + len;
	while (reply_next_line(&s, end, &l)) {
		int nl = s > l.s + l.n;
		if (l.n && l.s[l.n - 1] == '\r')
			l.n--;
		p.lineno++;
		scan_line(&p, l, nl);
	}
	finish(&p);
}

void reply_change_free(struct reply_change *c)
{
	for (size_t k = 0; k < c->nedits; k++) {
		free(c->edits[k].search);
		free(c->edits[k].replace);
	}
	free(c->edits);
	free(c->path);
	free(c->content);
}

void reply_free(struct reply *r)
{
	for (size_t i = 0; i < r->nchanges; i++)
		reply_change_free(&r->changes[i]);
	for (size_t i = 0; i < r->nnotes; i++)
		free(r->notes[i]);
	free(r->changes);
	free(r->notes);
	free(r->run_command);
	free(r->explanation);
	free(r->thinking);
	memset(r, 0, sizeof *r);
}
