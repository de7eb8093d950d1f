/* editbuf: edits, kills and undo of the prompt editor's text; motions and
 * screen rows are in editbuf-move.c. See editbuf.h for the design. */
#include "editbuf.h"

#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "editbuf-int.h"

/* Undo keeps at most this many changes; the oldest groups go first. */
#define UNDO_MAX 2000

void editbuf_init(struct editbuf *eb)
{
	memset(eb, 0, sizeof *eb);
}

static void changes_clear(struct editbuf_changes *cs)
{
	for (size_t i = 0; i < cs->n; i++) {
		free(cs->c[i].removed);
		free(cs->c[i].inserted);
	}
	cs->n = 0;
}

void editbuf_free(struct editbuf *eb)
{
	changes_clear(&eb->undo);
	changes_clear(&eb->redo);
	free(eb->undo.c);
	free(eb->redo.c);
	buf_free(&eb->text);
	buf_free(&eb->killed);
}

const char *editbuf_text(const struct editbuf *eb)
{
	return eb->text.data ? eb->text.data : "";
}

size_t editbuf_len(const struct editbuf *eb)
{
	return eb->text.len;
}

void editbuf_reset(struct editbuf *eb)
{
	changes_clear(&eb->undo);
	changes_clear(&eb->redo);
	buf_reset(&eb->text);
	eb->cursor = 0;
	eb->typing = eb->killing = 0;
}

/* Replace n_old bytes at pos with ins (never a pointer into the text). */
static void eb_splice(struct editbuf *eb, size_t pos, size_t n_old, const char *ins, size_t n_ins)
{
	size_t old_len = eb->text.len;

	if (n_ins > 0)
		buf_append(&eb->text, ins, n_ins); /* only to grow: moved into place below */
	if (eb->text.data == NULL)
		return;
	memmove(eb->text.data + pos + n_ins, eb->text.data + pos + n_old, old_len - pos - n_old);
	memcpy(eb->text.data + pos, ins, n_ins);
	eb->text.len = old_len - n_old + n_ins;
	eb->text.data[eb->text.len] = '\0';
}

static void changes_push(struct editbuf_changes *cs, const struct editbuf_change *c)
{
	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? cs->cap * 2 : 16;
		cs->c = xreallocarray(cs->c, cs->cap, sizeof *cs->c);
	}
	cs->c[cs->n++] = *c;
}

/* Forget the oldest groups once undo holds too much. */
static void undo_trim(struct editbuf *eb)
{
	struct editbuf_changes *u = &eb->undo;
	size_t cut = u->n / 2;

	if (u->n <= UNDO_MAX)
		return;
	while (cut < u->n && u->c[cut].group == u->c[cut - 1].group)
		cut++;
	for (size_t i = 0; i < cut; i++) {
		free(u->c[i].removed);
		free(u->c[i].inserted);
	}
	memmove(u->c, u->c + cut, (u->n - cut) * sizeof *u->c);
	u->n -= cut;
}

/* Typing right after typing grows the last change instead of adding one. */
static int eb_extend_typing(struct editbuf *eb, size_t pos, const char *ins, size_t n_ins)
{
	struct editbuf_change *last = eb->undo.n ? &eb->undo.c[eb->undo.n - 1] : NULL;

	if (!eb->typing || !last || last->nremoved || last->pos + last->ninserted != pos)
		return 0;
	last->inserted = xrealloc(last->inserted, last->ninserted + n_ins + 1);
	memcpy(last->inserted + last->ninserted, ins, n_ins);
	last->ninserted += n_ins;
	last->inserted[last->ninserted] = '\0';
	return 1;
}

void eb_change(struct editbuf *eb, size_t pos, size_t n_old, const char *ins, size_t n_ins, int typing)
{
	if (n_old == 0 && n_ins == 0)
		return;
	changes_clear(&eb->redo);
	if (!(typing && eb_extend_typing(eb, pos, ins, n_ins))) {
		struct editbuf_change c = {
			.pos = pos,
			.removed = xmemdup(eb->text.data ? eb->text.data + pos : "", n_old),
			.nremoved = n_old,
			.inserted = xmemdup(ins, n_ins),
			.ninserted = n_ins,
			.cursor_before = eb->cursor,
			.group = typing && eb->typing ? eb->group : ++eb->group,
		};
		changes_push(&eb->undo, &c);
		undo_trim(eb);
	}
	eb_splice(eb, pos, n_old, ins, n_ins);
	eb->typing = typing;
	eb->killing = 0;
}

void editbuf_set(struct editbuf *eb, const char *text, size_t len)
{
	eb_change(eb, 0, eb->text.len, text, len, 0);
	eb->cursor = len;
}

void editbuf_type(struct editbuf *eb, const char *text, size_t len)
{
	eb_change(eb, eb->cursor, 0, text, len, 1);
	eb->cursor += len;
}

void editbuf_insert(struct editbuf *eb, const char *text, size_t len)
{
	eb_change(eb, eb->cursor, 0, text, len, 0);
	eb->cursor += len;
}

static int eb_remove(struct editbuf *eb, size_t from, size_t to)
{
	if (to <= from)
		return 0;
	eb_change(eb, from, to - from, "", 0, 0);
	eb->cursor = from;
	return 1;
}

int editbuf_backspace(struct editbuf *eb)
{
	return eb_remove(eb, eb_prev_cluster(eb, eb->cursor), eb->cursor);
}

int editbuf_delete(struct editbuf *eb)
{
	return eb_remove(eb, eb->cursor, eb_next_cluster(eb, eb->cursor));
}

/* Remove [from, to) into the kill buffer: after a kill it adds on, in front
 * when killing backwards, so C-w C-w yanks back as it was. */
static int eb_kill(struct editbuf *eb, size_t from, size_t to, int backwards)
{
	if (to <= from)
		return 0;
	const char *cut = eb->text.data + from;
	if (!eb->killing) {
		buf_reset(&eb->killed);
		buf_append(&eb->killed, cut, to - from);
	} else if (backwards) {
		struct buf joined = BUF_INIT;
		buf_append(&joined, cut, to - from);
		buf_append(&joined, eb->killed.data ? eb->killed.data : "", eb->killed.len);
		buf_free(&eb->killed);
		eb->killed = joined;
	} else {
		buf_append(&eb->killed, cut, to - from);
	}
	eb_remove(eb, from, to);
	eb->killing = 1;
	return 1;
}

int editbuf_kill_line(struct editbuf *eb)
{
	size_t end = eb_line_end(eb, eb->cursor);

	if (end == eb->cursor && end < eb->text.len)
		end++; /* at the end of a line: join the next one */
	return eb_kill(eb, eb->cursor, end, 0);
}

int editbuf_kill_to_start(struct editbuf *eb)
{
	size_t start = eb_line_start(eb, eb->cursor);

	if (start == eb->cursor && start > 0)
		start--; /* at the start of a line: join the previous one */
	return eb_kill(eb, start, eb->cursor, 1);
}

int editbuf_kill_word(struct editbuf *eb)
{
	size_t pos = eb->cursor;

	while (pos > 0 && eb_is_blank(eb, eb_prev_cluster(eb, pos)))
		pos = eb_prev_cluster(eb, pos);
	while (pos > 0 && !eb_is_blank(eb, eb_prev_cluster(eb, pos)))
		pos = eb_prev_cluster(eb, pos);
	return eb_kill(eb, pos, eb->cursor, 1);
}

int editbuf_kill_word_right(struct editbuf *eb)
{
	return eb_kill(eb, eb->cursor, eb_word_end(eb, eb->cursor), 0);
}

int editbuf_yank(struct editbuf *eb)
{
	if (eb->killed.len == 0)
		return 0;
	char *copy = xmemdup(eb->killed.data, eb->killed.len);
	editbuf_insert(eb, copy, eb->killed.len);
	free(copy);
	return 1;
}

int editbuf_undo(struct editbuf *eb)
{
	struct editbuf_changes *u = &eb->undo;

	if (u->n == 0)
		return 0;
	unsigned group = u->c[u->n - 1].group;
	while (u->n && u->c[u->n - 1].group == group) {
		struct editbuf_change c = u->c[--u->n];
		eb_splice(eb, c.pos, c.ninserted, c.removed, c.nremoved);
		eb->cursor = c.cursor_before;
		changes_push(&eb->redo, &c);
	}
	eb->typing = eb->killing = 0;
	return 1;
}

int editbuf_redo(struct editbuf *eb)
{
	struct editbuf_changes *r = &eb->redo;

	if (r->n == 0)
		return 0;
	unsigned group = r->c[r->n - 1].group;
	while (r->n && r->c[r->n - 1].group == group) {
		struct editbuf_change c = r->c[--r->n];
		eb_splice(eb, c.pos, c.nremoved, c.inserted, c.ninserted);
		eb->cursor = c.pos + c.ninserted;
		changes_push(&eb->undo, &c);
	}
	eb->typing = eb->killing = 0;
	return 1;
}
