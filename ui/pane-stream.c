/* pane-stream: transcript entries, each with a row cache that is extended as
 * tokens arrive (only the last row is re-wrapped) and rebuilt on resize, so
 * a long answer costs the same per frame as a short one. */
#include "pane-stream.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/xmalloc.h"
#include "action.h"
#include "theme.h"
#include "wrap.h"

struct stream_entry {
	enum stream_kind kind;
	struct buf text;              /* sanitised */
	struct text_sanitizer san;
	size_t *rows;                 /* row start offsets at wrap_w */
	size_t nrows, cap;
	int wrap_w;
};

struct stream {
	struct stream_entry *e;
	size_t n;
	int scroll;  /* rows above the tail; 0 follows the tail */
	int height;  /* content rows at the last draw, for paging */
};

static const enum theme_slot kind_slot[] = {
	[STREAM_PROMPT] = TS_STREAM_PROMPT, [STREAM_ANSWER] = TS_STREAM_ANSWER,
	[STREAM_REASONING] = TS_STREAM_REASONING, [STREAM_NOTE] = TS_STREAM_NOTE,
	[STREAM_ERROR] = TS_ERROR,
};

static void entry_push_row(struct stream_entry *e, size_t start)
{
	if (e->nrows == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 16;
		e->rows = xreallocarray(e->rows, e->cap, sizeof *e->rows);
	}
	e->rows[e->nrows++] = start;
}

/* Re-wrap from the start of the last row (or everything if width changed). */
static void entry_wrap(struct stream_entry *e, int width)
{
	size_t pos = 0, end, next;

	if (e->wrap_w == width && e->nrows > 0)
		pos = e->rows[--e->nrows];
	else
		e->nrows = 0;
	e->wrap_w = width;
	while (wrap_row(e->text.data, e->text.len, pos, width, &end, &next)) {
		entry_push_row(e, pos);
		pos = next;
	}
}

static struct stream_entry *stream_new_entry(struct stream *s, enum stream_kind kind)
{
	s->e = xreallocarray(s->e, s->n + 1, sizeof *s->e);
	struct stream_entry *e = &s->e[s->n++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	return e;
}

void pane_stream_append(struct pane *p, enum stream_kind kind, const char *text, size_t len,
			int fresh)
{
	struct stream *s = p->state;
	struct stream_entry *e = s->n ? &s->e[s->n - 1] : NULL;
	struct buf clean = BUF_INIT;

	if (e == NULL || e->kind != kind || fresh)
		e = stream_new_entry(s, kind);
	text_sanitize(&e->san, text, len, &clean);
	/* Tabs become spaces: curses would expand them by column, and the row
	 * cache measures widths itself. */
	size_t run = 0;
	for (size_t i = 0; i < clean.len; i++) {
		if (clean.data[i] != '\t')
			continue;
		buf_append(&e->text, clean.data + run, i - run);
		buf_append(&e->text, "    ", 4);
		run = i + 1;
	}
	buf_append(&e->text, clean.data ? clean.data + run : "", clean.len - run);
	buf_free(&clean);
	if (e->wrap_w > 0)
		entry_wrap(e, e->wrap_w);
	p->dirty = 1;
}

void pane_stream_scroll(struct pane *p, int pages)
{
	struct stream *s = p->state;
	int step = s->height > 2 ? s->height - 1 : 1;

	s->scroll = pages == 0 ? 0 : s->scroll - pages * step;
	if (s->scroll < 0)
		s->scroll = 0;
	p->dirty = 1;
}

/* Rows of entry i including the blank line that separates entries. */
static size_t entry_height(const struct stream *s, size_t i)
{
	return s->e[i].nrows + (i + 1 < s->n ? 1 : 0);
}

static void stream_draw_row(WINDOW *w, int y, const struct stream_entry *e, size_t row)
{
	size_t start = e->rows[row];
	size_t end = row + 1 < e->nrows ? e->rows[row + 1] : e->text.len;

	while (end > start && (e->text.data[end - 1] == '\n'))
		end--;
	wattrset(w, theme_attr(kind_slot[e->kind]));
	mvwaddnstr(w, y, 0, e->text.data + start, (int)(end - start));
}

static void stream_draw(struct pane *p, WINDOW *w, int focused)
{
	struct stream *s = p->state;
	int height = getmaxy(w), width = getmaxx(w);
	size_t total = 0;

	(void)focused;
	s->height = height;
	for (size_t i = 0; i < s->n; i++) {
		if (s->e[i].wrap_w != width)
			entry_wrap(&s->e[i], width);
		total += entry_height(s, i);
	}
	if ((size_t)s->scroll + (size_t)height > total)
		s->scroll = total > (size_t)height ? (int)(total - (size_t)height) : 0;
	/* Row numbers of the window's top in the whole transcript. */
	size_t top = total > (size_t)height + (size_t)s->scroll ? total - (size_t)height - (size_t)s->scroll : 0;
	size_t at = 0;
	for (size_t i = 0; i < s->n && at < top + (size_t)height; i++) {
		for (size_t r = 0; r < s->e[i].nrows; r++, at++)
			if (at >= top && at < top + (size_t)height)
				stream_draw_row(w, (int)(at - top), &s->e[i], r);
		at += entry_height(s, i) - s->e[i].nrows;
	}
	wattrset(w, theme_attr(TS_NORMAL));
}

static void stream_free(struct pane *p)
{
	struct stream *s = p->state;

	for (size_t i = 0; i < s->n; i++) {
		buf_free(&s->e[i].text);
		free(s->e[i].rows);
	}
	free(s->e);
	free(s);
}

static const struct pane_ops stream_ops = {
	.title = "Output",
	.draw = stream_draw,
	.free = stream_free,
};

struct pane *pane_stream_new(void)
{
	struct pane *p = xcalloc(1, sizeof *p);

	p->ops = &stream_ops;
	p->state = xcalloc(1, sizeof(struct stream));
	return p;
}

const struct action_def stream_actions[] = {
	{ NULL, 0, NULL, NULL, NULL },
};
