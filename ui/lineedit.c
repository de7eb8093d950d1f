/* lineedit: the one-line editor of the command line and the projects
 * screen's name prompt, the clipped drawing they share, and the common
 * prefix of completion candidates. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "cmdline.h"
#include "base/xmalloc.h"
#include "draw-text.h"
#include "keymap.h"
#include "theme.h"

#define CTRL(c) ((c) - 'a' + 1)

static int is_continuation(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

const char *lineedit_text(const struct lineedit *e)
{
	return e->text.data ? e->text.data : "";
}

static size_t le_prev(const struct lineedit *e, size_t pos)
{
	while (pos > 0 && is_continuation((unsigned char)e->text.data[--pos]))
		;
	return pos;
}

static size_t le_next(const struct lineedit *e, size_t pos)
{
	if (pos >= e->text.len)
		return pos;
	while (++pos < e->text.len && is_continuation((unsigned char)e->text.data[pos]))
		;
	return pos;
}

void lineedit_replace(struct lineedit *e, size_t from, size_t to, const char *text)
{
	struct buf out = BUF_INIT;
	const char *old = lineedit_text(e);

	buf_append(&out, old, from);
	buf_append_str(&out, text);
	size_t cursor = out.len;
	buf_append_str(&out, old + to);
	buf_free(&e->text);
	e->text = out;
	e->cursor = cursor;
}

void lineedit_insert(struct lineedit *e, const char *text, size_t len)
{
	struct buf clean = BUF_INIT;

	/* A pasted newline or escape sequence must not become part of a command. */
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)text[i] >= ' ' && text[i] != 0x7f)
			buf_append_char(&clean, text[i]);
	if (clean.len)
		lineedit_replace(e, e->cursor, e->cursor, clean.data);
	buf_free(&clean);
}

void lineedit_set(struct lineedit *e, const char *text)
{
	buf_reset(&e->text);
	buf_append_str(&e->text, text);
	e->cursor = e->text.len;
}

void lineedit_free(struct lineedit *e)
{
	buf_free(&e->text);
	e->cursor = 0;
}

static void le_delete(struct lineedit *e, size_t from, size_t to)
{
	if (to > from)
		lineedit_replace(e, from, to, "");
	e->cursor = from;
}

static size_t le_word_start(const struct lineedit *e)
{
	size_t pos = e->cursor;

	while (pos > 0 && e->text.data[pos - 1] == ' ')
		pos--;
	while (pos > 0 && e->text.data[pos - 1] != ' ')
		pos--;
	return pos;
}

int lineedit_key(struct lineedit *e, int key)
{
	switch (key) {
	case KEYC_FUNC | KEY_LEFT: e->cursor = le_prev(e, e->cursor); return 1;
	case KEYC_FUNC | KEY_RIGHT: e->cursor = le_next(e, e->cursor); return 1;
	case KEYC_FUNC | KEY_HOME: case CTRL('a'): e->cursor = 0; return 1;
	case KEYC_FUNC | KEY_END: case CTRL('e'): e->cursor = e->text.len; return 1;
	case KEYC_FUNC | KEY_BACKSPACE: case 0x7f: case CTRL('h'):
		le_delete(e, le_prev(e, e->cursor), e->cursor);
		return 1;
	case KEYC_FUNC | KEY_DC: case CTRL('d'): le_delete(e, e->cursor, le_next(e, e->cursor)); return 1;
	case CTRL('u'): le_delete(e, 0, e->cursor); return 1;
	case CTRL('k'): le_delete(e, e->cursor, e->text.len); return 1;
	case CTRL('w'): le_delete(e, le_word_start(e), e->cursor); return 1;
	}
	if (key < ' ' || key == 0x7f || (key >= 0x80 && key < 0xa0) || (key & (KEYC_FUNC | KEYC_META)))
		return 0;
	char mb[MB_LEN_MAX];
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t n = wcrtomb(mb, (wchar_t)key, &st);
	if (n != (size_t)-1) {
		mb[n] = '\0';
		lineedit_replace(e, e->cursor, e->cursor, mb);
	}
	return 1;
}

int ui_put_clipped(WINDOW *w, int y, int x, const char *text, int width)
{
	int col = 0;

	wmove(w, y, x);
	draw_text(w, text, strlen(text), (int)getattrs(w), 0, x + width, &col);
	return getcurx(w) - x;
}

int ui_text_width(const char *text)
{
	return draw_text_width(text, strlen(text));
}

int lineedit_draw(const struct lineedit *e, WINDOW *w, int y, int x, int width)
{
	const char *text = lineedit_text(e);
	/* Scrolled sideways by whole characters until the cursor fits. */
	size_t start = width > 1 ? draw_text_tail(text, e->cursor, width - 1) : 0;
	int col = x + draw_text_width(text + start, e->cursor - start);

	ui_put_clipped(w, y, x, text + start, width);
	return col;
}

size_t complete_common(const char *word, const char *const *cands, size_t n, char *out,
		       size_t size)
{
	size_t wlen = strlen(word), matches = 0, common = 0;
	const char *first = NULL;

	for (size_t i = 0; i < n; i++) {
		if (strncmp(cands[i], word, wlen) != 0)
			continue;
		if (first == NULL) {
			first = cands[i];
			common = strlen(first);
		}
		size_t k = 0;
		while (k < common && cands[i][k] == first[k])
			k++;
		common = k;
		matches++;
	}
	if (first == NULL) {
		first = word;
		common = wlen;
	}
	if (common >= size)
		common = size - 1;
	while (common > 0 && is_continuation((unsigned char)first[common]))
		common--; /* never cut a character in half */
	memcpy(out, first, common);
	out[common] = '\0';
	return matches;
}
