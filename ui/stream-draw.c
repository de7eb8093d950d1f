/* stream-draw: drawing the output pane's display rows with curses: text
 * in its entry's colour, code with a background and a "│" gutter (so it
 * stands apart in mono too), search matches marked, the fold line of
 * reasoning, the "new output ↓" marker and the agents' tab row. */
#include "stream-draw.h"

#include <string.h>
#include <wchar.h>

#include "theme.h"
#include "wrap.h"

static const enum theme_slot kind_slot[] = {
	[STREAM_PROMPT] = TS_STREAM_PROMPT, [STREAM_ANSWER] = TS_STREAM_ANSWER,
	[STREAM_REASONING] = TS_STREAM_REASONING, [STREAM_NOTE] = TS_STREAM_NOTE,
	[STREAM_ERROR] = TS_ERROR,
};

/* Bytes of s[0..len) that fit in width columns. */
size_t stream_fit_bytes(const char *s, size_t len, int width)
{
	size_t i = 0;
	int used = 0;
	mbstate_t st;

	memset(&st, 0, sizeof st);
	while (i < len) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s + i, len - i, &st);
		int w = 1;
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof st);
			n = 1;
		} else {
			w = wcwidth(wc) < 0 ? 1 : wcwidth(wc);
		}
		if (used + w > width)
			break;
		used += w;
		i += n;
	}
	return i;
}

void stream_fill_row(WINDOW *w, int y, int attr)
{
	wattrset(w, attr);
	mvwhline(w, y, 0, ' ' | (chtype)attr, getmaxx(w));
}

/* A text row's characters from column x, matches of the search marked. */
static void draw_text(WINDOW *w, int y, int x, const struct transcript *t,
		      const struct stream_row_info *ri, int base)
{
	const char *s = ri->e->text.data;
	size_t pos = ri->start, k = t->query ? transcript_match_from(t, ri->entry, ri->start) : t->nm;

	wmove(w, y, x);
	while (pos < ri->end) {
		size_t stop = ri->end;
		int attr = base;
		if (k < t->nm && t->m[k].entry == ri->entry && t->m[k].off < ri->end) {
			size_t match_end = t->m[k].off + t->qlen;
			if (t->m[k].off > pos) {
				stop = t->m[k].off;
			} else {
				stop = match_end < ri->end ? match_end : ri->end;
				/* The current match also in mono, where matches
				 * and the cursor row are both reverse. */
				attr = theme_attr(TS_MATCH) | (k == t->cur ? A_BOLD | A_UNDERLINE : 0);
				if (match_end <= ri->end)
					k++;
			}
		}
		wattrset(w, attr);
		waddnstr(w, s + pos, (int)(stop - pos));
		pos = stop;
	}
}

void stream_draw_row(WINDOW *w, int y, const struct transcript *t,
		     const struct stream_row_info *ri, int selected)
{
	int width = getmaxx(w);

	if (ri->kind == SROW_GAP) {
		if (selected)
			stream_fill_row(w, y, theme_attr(TS_SELECTED));
	} else if (ri->kind == SROW_FOLD) {
		char label[192];
		transcript_fold_label(t, ri->entry, label, sizeof label);
		stream_fill_row(w, y, theme_attr(selected ? TS_SELECTED : TS_STREAM_REASONING));
		mvwaddnstr(w, y, 0, label, (int)stream_fit_bytes(label, strlen(label), width));
	} else if (ri->line == SLINE_TEXT) {
		int attr = theme_attr(selected ? TS_SELECTED : kind_slot[ri->e->kind]);
		if (selected)
			stream_fill_row(w, y, attr);
		draw_text(w, y, 0, t, ri, attr);
	} else {
		/* Code: a background across the row and a gutter, so the
		 * block stands apart in mono too; fences dimmed. */
		int attr = theme_attr(selected ? TS_SELECTED : TS_CODE);
		stream_fill_row(w, y, attr);
		mvwaddnstr(w, y, 0, "\xe2\x94\x82 ", width >= STREAM_GUTTER ? -1 : 0);
		if (ri->line == SLINE_FENCE && !selected)
			attr |= A_DIM;
		draw_text(w, y, STREAM_GUTTER, t, ri, attr);
	}
}

void stream_draw_marker(WINDOW *w, int y)
{
	static const char label[] = " new output \xe2\x86\x93 End ";
	int lw = wrap_width(label, sizeof label - 1), width = getmaxx(w);
	int x = width > lw ? width - lw : 0;

	wattrset(w, theme_attr(TS_MARKER));
	mvwaddnstr(w, y, x, label, (int)stream_fit_bytes(label, sizeof label - 1, width));
}

/* The tab row: the shown tab in brackets and reverse, tabs with unseen
 * output with "•" and in the marker's colour; cut with "…" (as
 * stream_tabs_format) when even the brief labels do not fit. */
void stream_draw_tabs(WINDOW *w, const struct stream_tabs *ts)
{
	int width = getmaxx(w), brief = stream_tabs_brief(ts, width), used = 0;
	char cell[80];

	stream_fill_row(w, 0, theme_attr(TS_NORMAL));
	wmove(w, 0, 0);
	for (size_t i = 0; i < ts->n; i++) {
		stream_tabs_cell(ts, i, brief, cell, sizeof cell);
		int cw = wrap_width(cell, strlen(cell)) + (i > 0);
		if (used + cw > width) {
			wattrset(w, theme_attr(TS_NORMAL));
			mvwaddstr(w, 0, used < width ? used : width - 1, "\xe2\x80\xa6");
			return;
		}
		wattrset(w, theme_attr(TS_SEPARATOR));
		if (i > 0)
			waddstr(w, "\xe2\x94\x82");
		wattrset(w, theme_attr(i == ts->cur ? TS_SELECTED : ts->tab[i]->unseen ? TS_MARKER
										 : TS_NORMAL));
		waddstr(w, cell);
		used += cw;
	}
}
