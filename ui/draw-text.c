/* draw-text: the text is cut into pieces (a character, or the visible
 * spelling of a byte that must not be sent as is), each with its width;
 * drawing and measuring walk the same pieces, so a measured column is
 * always where the text lands. */
#include "draw-text.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

struct piece {
	const char *bytes; /* what to draw */
	size_t nbytes;     /* ... of bytes; 0: draw width spaces (a tab) */
	int width;
	size_t used;       /* bytes of the text it stands for */
	char vis[12];      /* a visible spelling, when bytes points here */
};

static void piece_visible(struct piece *p, const char *fmt, unsigned v, size_t used)
{
	int n = snprintf(p->vis, sizeof p->vis, fmt, v);

	p->bytes = p->vis;
	p->nbytes = (size_t)n;
	p->width = n;
	p->used = used;
}

static void piece_at(const char *s, size_t len, int col, struct piece *p)
{
	unsigned char c = (unsigned char)s[0];
	mbstate_t st;
	wchar_t wc;

	if (c == '\t') {
		*p = (struct piece){ .width = DRAW_TAB - col % DRAW_TAB, .used = 1 };
		return;
	}
	if (c < 0x20 || c == 0x7f) {
		piece_visible(p, "^%c", c == 0x7f ? '?' : c ^ 0x40, 1);
		return;
	}
	if (c < 0x80) {
		*p = (struct piece){ .bytes = s, .nbytes = 1, .width = 1, .used = 1 };
		return;
	}
	memset(&st, 0, sizeof st);
	size_t n = mbrtowc(&wc, s, len, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		piece_visible(p, "\\x%02x", c, 1);
		return;
	}
	int width = wcwidth(wc);
	if ((wc >= 0x80 && wc < 0xa0) || width < 0) {
		piece_visible(p, "\\u%04x", (unsigned)wc, n);
		return;
	}
	*p = (struct piece){ .bytes = s, .nbytes = n, .width = width, .used = n };
}

int draw_text(WINDOW *w, const char *s, size_t len, int attr, int skip, int limit, int *col)
{
	struct piece p;

	wattrset(w, attr);
	for (size_t i = 0; i < len; i += p.used) {
		piece_at(s + i, len - i, *col, &p);
		if (*col + p.width <= skip) {
			*col += p.width;
			continue;
		}
		int shown = *col < skip ? *col + p.width - skip : p.width; /* cut by the scroll */
		if (getcurx(w) + shown > limit)
			return 1;
		if (p.nbytes == 0 || shown < p.width) {
			for (int k = 0; k < shown; k++)
				waddch(w, ' ');
		} else if (p.width > 0 || getcurx(w) > 0) {
			waddnstr(w, p.bytes, (int)p.nbytes);
		}
		*col += p.width;
	}
	return 0;
}

int draw_text_width(const char *s, size_t len)
{
	struct piece p;
	int col = 0;

	for (size_t i = 0; i < len; i += p.used) {
		piece_at(s + i, len - i, col, &p);
		col += p.width;
	}
	return col;
}

size_t draw_text_tail(const char *s, size_t len, int width)
{
	struct piece p;
	int total = draw_text_width(s, len);
	size_t i = 0;

	for (; i < len && total > width; i += p.used) {
		piece_at(s + i, len - i, 0, &p);
		total -= p.width;
	}
	return i;
}
