/* pane-prompt: a small multi-line editor. Enter inserts a newline; submit
 * is a key binding handled by the app, not here. */
#include "pane-prompt.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "base/buf.h"
#include "base/xmalloc.h"
#include "keymap.h"
#include "action.h"
#include "theme.h"
#include "wrap.h"

struct editor {
	struct buf text;
	size_t cursor; /* byte offset, always on a character boundary */
	int top;       /* first wrapped row shown */
	int crow, ccol; /* cursor position in the content at the last draw */
};

#define ED(p) ((struct editor *)(p)->state)

static int is_continuation(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

static size_t ed_prev(const struct editor *e, size_t pos)
{
	while (pos > 0 && is_continuation((unsigned char)e->text.data[--pos]))
		;
	return pos;
}

static size_t ed_next(const struct editor *e, size_t pos)
{
	if (pos >= e->text.len)
		return pos;
	while (++pos < e->text.len && is_continuation((unsigned char)e->text.data[pos]))
		;
	return pos;
}

static size_t ed_line_start(const struct editor *e, size_t pos)
{
	while (pos > 0 && e->text.data[pos - 1] != '\n')
		pos--;
	return pos;
}

static size_t ed_line_end(const struct editor *e, size_t pos)
{
	while (pos < e->text.len && e->text.data[pos] != '\n')
		pos++;
	return pos;
}

static void ed_insert(struct editor *e, const char *s, size_t n)
{
	struct buf tail = BUF_INIT;

	buf_append(&tail, e->text.data ? e->text.data + e->cursor : "", e->text.len - e->cursor);
	e->text.len = e->cursor;
	buf_append(&e->text, s, n);
	buf_append(&e->text, tail.data ? tail.data : "", tail.len);
	e->cursor += n;
	buf_free(&tail);
}

static void ed_delete(struct editor *e, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(e->text.data + from, e->text.data + to, e->text.len - to + 1);
	e->text.len -= to - from;
	e->cursor = from;
}

/* Up/Down: same byte column in the neighbouring logical line. */
static void ed_vertical(struct editor *e, int down)
{
	size_t start = ed_line_start(e, e->cursor), col = e->cursor - start;
	size_t target;

	if (down) {
		size_t end = ed_line_end(e, e->cursor);
		if (end >= e->text.len)
			return;
		target = end + 1;
	} else {
		if (start == 0)
			return;
		target = ed_line_start(e, start - 1);
	}
	size_t line_end = ed_line_end(e, target);
	size_t pos = target + col < line_end ? target + col : line_end;
	while (pos > target && pos < e->text.len && is_continuation((unsigned char)e->text.data[pos]))
		pos--;
	e->cursor = pos;
}

static int ed_motion(struct editor *e, int key)
{
	switch (key) {
	case KEYC_FUNC | KEY_LEFT: e->cursor = ed_prev(e, e->cursor); return 1;
	case KEYC_FUNC | KEY_RIGHT: e->cursor = ed_next(e, e->cursor); return 1;
	case KEYC_FUNC | KEY_UP: ed_vertical(e, 0); return 1;
	case KEYC_FUNC | KEY_DOWN: ed_vertical(e, 1); return 1;
	case KEYC_FUNC | KEY_HOME:
	case 'a' - 'a' + 1: e->cursor = ed_line_start(e, e->cursor); return 1;
	case KEYC_FUNC | KEY_END:
	case 'e' - 'a' + 1: e->cursor = ed_line_end(e, e->cursor); return 1;
	default: return 0;
	}
}

static int ed_edit(struct editor *e, int key)
{
	switch (key) {
	case KEYC_FUNC | KEY_BACKSPACE:
	case 0x7f:
	case 'h' - 'a' + 1: ed_delete(e, ed_prev(e, e->cursor), e->cursor); return 1;
	case KEYC_FUNC | KEY_DC:
	case 'd' - 'a' + 1: ed_delete(e, e->cursor, ed_next(e, e->cursor)); return 1;
	case 'k' - 'a' + 1: {
		size_t end = ed_line_end(e, e->cursor);
		ed_delete(e, e->cursor, end == e->cursor ? ed_next(e, end) : end);
		return 1;
	}
	case 'u' - 'a' + 1: ed_delete(e, ed_line_start(e, e->cursor), e->cursor); return 1;
	case '\r':
	case '\n': ed_insert(e, "\n", 1); return 1;
	default: return 0;
	}
}

static int prompt_key(struct pane *p, int key)
{
	struct editor *e = ED(p);
	int used = ed_motion(e, key) || ed_edit(e, key);

	if (!used && key >= ' ' && !(key & (KEYC_FUNC | KEYC_META))) {
		char mb[MB_LEN_MAX];
		mbstate_t st;
		memset(&st, 0, sizeof st);
		size_t n = wcrtomb(mb, (wchar_t)key, &st);
		if (n != (size_t)-1)
			ed_insert(e, mb, n);
		used = 1;
	}
	if (used)
		p->dirty = 1;
	return used;
}

static void prompt_draw(struct pane *p, WINDOW *w, int focused)
{
	struct editor *e = ED(p);
	int height = getmaxy(w), width = getmaxx(w);
	size_t pos = 0, end, next;
	int row = 0;
	const char *text = e->text.data ? e->text.data : "";

	(void)focused;
	e->crow = 0;
	e->ccol = 0;
	/* First pass: the cursor's row, to scroll it into view. */
	while (wrap_row(text, e->text.len, pos, width - 1, &end, &next)) {
		if (e->cursor >= pos && (e->cursor <= end || next == e->text.len || e->cursor < next)) {
			e->crow = row;
			e->ccol = wrap_width(text + pos, e->cursor - pos);
		}
		if (next == e->text.len && text[e->text.len - 1] == '\n' && e->cursor == e->text.len) {
			e->crow = row + 1;
			e->ccol = 0;
		}
		pos = next;
		row++;
	}
	if (e->crow < e->top)
		e->top = e->crow;
	if (e->crow >= e->top + height)
		e->top = e->crow - height + 1;
	wattrset(w, theme_attr(TS_EDITOR));
	pos = 0;
	for (row = 0; wrap_row(text, e->text.len, pos, width - 1, &end, &next); row++, pos = next)
		if (row >= e->top && row < e->top + height)
			mvwaddnstr(w, row - e->top, 0, text + pos, (int)(end - pos));
	if (e->text.len == 0 && !focused) {
		wattrset(w, theme_attr(TS_STREAM_NOTE));
		mvwaddnstr(w, 0, 0, "Type a prompt; Ctrl-S sends it.", width);
	}
	wattrset(w, theme_attr(TS_NORMAL));
}

static int prompt_cursor(struct pane *p, int *row, int *col)
{
	*row = ED(p)->crow - ED(p)->top;
	*col = ED(p)->ccol;
	return 0;
}

static void prompt_free(struct pane *p)
{
	buf_free(&ED(p)->text);
	free(p->state);
}

static const struct pane_ops prompt_ops = {
	.title = "Prompt",
	.draw = prompt_draw,
	.key = prompt_key,
	.cursor = prompt_cursor,
	.free = prompt_free,
	.wants_text = 1,
};

const char *pane_prompt_text(struct pane *p)
{
	return ED(p)->text.data ? ED(p)->text.data : "";
}

void pane_prompt_clear(struct pane *p)
{
	buf_reset(&ED(p)->text);
	ED(p)->cursor = 0;
	ED(p)->top = 0;
	p->dirty = 1;
}

struct pane *pane_prompt_new(void)
{
	struct pane *p = xcalloc(1, sizeof *p);

	p->ops = &prompt_ops;
	p->state = xcalloc(1, sizeof(struct editor));
	return p;
}

const struct action_def prompt_actions[] = {
	{ NULL, 0, NULL, NULL, NULL },
};
