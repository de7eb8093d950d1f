/* editbuf-move: the prompt editor's motions, its screen rows and the
 * cleaning of text from outside. Characters are decoded here rather than
 * with mbrtowc so that a stray byte is one U+FFFD whatever the locale;
 * widths come from wcwidth, like ui/wrap.c, so rows and cursor agree with
 * what the pane draws. */
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "editbuf-int.h"
#include "wrap.h"

size_t eb_decode(const char *s, size_t left, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n;
	unsigned c, min;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xE0) == 0xC0)
		n = 2, c = u[0] & 0x1F, min = 0x80;
	else if ((u[0] & 0xF0) == 0xE0)
		n = 3, c = u[0] & 0x0F, min = 0x800;
	else if ((u[0] & 0xF8) == 0xF0)
		n = 4, c = u[0] & 0x07, min = 0x10000;
	else
		goto invalid;
	if (n > left)
		goto invalid;
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			goto invalid;
		c = c << 6 | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto invalid;
	*cp = c;
	return n;
invalid:
	*cp = 0xFFFD;
	return 1;
}

static unsigned eb_char_at(const struct editbuf *eb, size_t pos)
{
	unsigned cp;

	eb_decode(eb->text.data + pos, eb->text.len - pos, &cp);
	return cp;
}

static int is_mark(unsigned cp)
{
	return cp >= 0x300 && wcwidth((wchar_t)cp) == 0;
}

size_t eb_next_cluster(const struct editbuf *eb, size_t pos)
{
	unsigned cp;

	if (pos >= eb->text.len)
		return eb->text.len;
	pos += eb_decode(eb->text.data + pos, eb->text.len - pos, &cp);
	while (pos < eb->text.len) {
		size_t n = eb_decode(eb->text.data + pos, eb->text.len - pos, &cp);
		if (!is_mark(cp))
			break;
		pos += n;
	}
	return pos;
}

/* The start of the character that ends at pos. */
static size_t eb_prev_char(const struct editbuf *eb, size_t pos)
{
	size_t start = pos;
	unsigned cp;

	/* A lead byte up to 3 bytes back whose character ends exactly at pos. */
	for (size_t back = 2; back <= 4 && back <= pos; back++)
		if (eb_decode(eb->text.data + pos - back, back, &cp) == back)
			start = pos - back;
	return start == pos ? pos - 1 : start;
}

size_t eb_prev_cluster(const struct editbuf *eb, size_t pos)
{
	while (pos > 0) {
		pos = eb_prev_char(eb, pos);
		if (!is_mark(eb_char_at(eb, pos)))
			break;
	}
	return pos;
}

size_t eb_line_start(const struct editbuf *eb, size_t pos)
{
	while (pos > 0 && eb->text.data[pos - 1] != '\n')
		pos--;
	return pos;
}

size_t eb_line_end(const struct editbuf *eb, size_t pos)
{
	while (pos < eb->text.len && eb->text.data[pos] != '\n')
		pos++;
	return pos;
}

int eb_is_blank(const struct editbuf *eb, size_t pos)
{
	char c = eb->text.data[pos];
	return c == ' ' || c == '\t' || c == '\n';
}

static int is_word(const struct editbuf *eb, size_t pos)
{
	return iswalnum((wint_t)eb_char_at(eb, pos));
}

size_t eb_word_end(const struct editbuf *eb, size_t pos)
{
	while (pos < eb->text.len && !is_word(eb, pos))
		pos = eb_next_cluster(eb, pos);
	while (pos < eb->text.len && is_word(eb, pos))
		pos = eb_next_cluster(eb, pos);
	return pos;
}

/* Every motion ends the typing group and a run of kills. */
static int eb_move(struct editbuf *eb, size_t to)
{
	eb->typing = eb->killing = 0;
	if (to == eb->cursor)
		return 0;
	eb->cursor = to;
	return 1;
}

int editbuf_left(struct editbuf *eb) { return eb_move(eb, eb_prev_cluster(eb, eb->cursor)); }
int editbuf_right(struct editbuf *eb) { return eb_move(eb, eb_next_cluster(eb, eb->cursor)); }
int editbuf_home(struct editbuf *eb) { return eb_move(eb, eb_line_start(eb, eb->cursor)); }
int editbuf_end(struct editbuf *eb) { return eb_move(eb, eb_line_end(eb, eb->cursor)); }
int editbuf_word_right(struct editbuf *eb) { return eb_move(eb, eb_word_end(eb, eb->cursor)); }

int editbuf_word_left(struct editbuf *eb)
{
	size_t pos = eb->cursor;

	while (pos > 0 && !is_word(eb, eb_prev_cluster(eb, pos)))
		pos = eb_prev_cluster(eb, pos);
	while (pos > 0 && is_word(eb, eb_prev_cluster(eb, pos)))
		pos = eb_prev_cluster(eb, pos);
	return eb_move(eb, pos);
}

struct eb_row {
	size_t start, end, next;
};

/* Walks the rows of the text in rows of width cells. A text that is empty
 * or ends with a newline has one more, empty row at its end, where the
 * cursor goes. */
struct eb_rows {
	const char *text;
	size_t len, pos;
	int width, extra_done;
};

static void rows_begin(struct eb_rows *it, const struct editbuf *eb, int width)
{
	*it = (struct eb_rows){ editbuf_text(eb), eb->text.len, 0, width < 1 ? 1 : width, 0 };
}

static int rows_next(struct eb_rows *it, struct eb_row *row)
{
	size_t end, next;

	if (wrap_row(it->text, it->len, it->pos, it->width, &end, &next)) {
		*row = (struct eb_row){ it->pos, end, next };
		it->pos = next;
		return 1;
	}
	if (it->extra_done || (it->len > 0 && it->text[it->len - 1] != '\n'))
		return 0;
	it->extra_done = 1;
	*row = (struct eb_row){ it->len, it->len, it->len };
	return 1;
}

int editbuf_rows(const struct editbuf *eb, int width)
{
	struct eb_rows it;
	struct eb_row row;
	int n = 0;

	rows_begin(&it, eb, width);
	while (rows_next(&it, &row))
		n++;
	return n;
}

/* The row is the last one starting at or before pos: a position where a
 * row was wrapped belongs to the next row, a newline to its own. */
void editbuf_locate(const struct editbuf *eb, int width, size_t pos, int *row, int *col)
{
	struct eb_rows it;
	struct eb_row r, found = { 0, 0, 0 };
	int n = 0, at = 0;

	rows_begin(&it, eb, width);
	for (; rows_next(&it, &r) && r.start <= pos; n++) {
		found = r;
		at = n;
	}
	*row = at;
	*col = wrap_width(editbuf_text(eb) + found.start, (pos < found.end ? pos : found.end) - found.start);
}

/* The position on row n nearest to display column col without passing it;
 * the cursor if there is no row n. */
static size_t eb_at(const struct editbuf *eb, int width, int n, int col)
{
	struct eb_rows it;
	struct eb_row r, after;
	int found = 0;

	rows_begin(&it, eb, width);
	for (int i = 0; !found && rows_next(&it, &r); i++)
		found = i == n;
	if (!found)
		return eb->cursor;
	size_t limit = r.end;
	if (rows_next(&it, &after) && after.start == r.end && r.end > r.start)
		limit = eb_prev_cluster(eb, r.end); /* r.end itself is the next row's */
	size_t pos = r.start;
	int used = 0;
	while (pos < limit) {
		size_t next = eb_next_cluster(eb, pos);
		int w = wrap_width(eb->text.data + pos, next - pos);
		if (used + w > col)
			break;
		used += w;
		pos = next;
	}
	return pos;
}

static int eb_vertical(struct editbuf *eb, int width, int *goal, int step)
{
	int row, col;

	editbuf_locate(eb, width, eb->cursor, &row, &col);
	if (*goal < 0)
		*goal = col;
	if (row + step < 0 || row + step >= editbuf_rows(eb, width))
		return 0;
	return eb_move(eb, eb_at(eb, width, row + step, *goal));
}

int editbuf_up(struct editbuf *eb, int width, int *goal) { return eb_vertical(eb, width, goal, -1); }
int editbuf_down(struct editbuf *eb, int width, int *goal) { return eb_vertical(eb, width, goal, 1); }

void editbuf_clean(const char *in, size_t len, struct buf *out)
{
	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = eb_decode(in + i, len - i, &cp);
		if (cp == '\r') {
			if (i + 1 >= len || in[i + 1] != '\n')
				buf_append_char(out, '\n');
		} else if (cp == '\t') {
			buf_append(out, "    ", 4);
		} else if (cp == '\n' || (cp >= 0x20 && cp != 0x7f && !(cp >= 0x80 && cp < 0xA0))) {
			if (cp == 0xFFFD && n == 1)
				buf_append(out, "\xEF\xBF\xBD", 3);
			else
				buf_append(out, in + i, n);
		}
		i += n;
	}
}
