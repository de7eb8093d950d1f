/* pane-view: the file viewer. A file is read once into memory (at most
 * VIEW_MAX_BYTES) with an index of line starts and the highlighter's state
 * at each line start, so any screenful is drawn from its first line without
 * reading from the top: scrolling costs the visible lines only. Bytes are
 * drawn through draw-text, which shows control bytes and broken UTF-8
 * visibly. The viewer's state exists only while a file is open (app.c
 * lays it out only then). */
#include "pane-view.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/xmalloc.h"
#include "draw-text.h"
#include "syntax.h"
#include "theme.h"
#include "view.h"

/* A binary file has a NUL byte in its first BINARY_PROBE bytes (git's rule). */
#define BINARY_PROBE 8000

static void view_index_lines(struct view *v)
{
	size_t cap = 1024;

	v->line = xmalloc(cap * sizeof *v->line);
	v->nlines = 0;
	for (size_t pos = 0; pos < v->len || (pos == 0 && v->len == 0);) {
		const char *nl = memchr(v->text + pos, '\n', v->len - pos);
		if (v->nlines + 1 >= cap) {
			cap *= 2;
			v->line = xreallocarray(v->line, cap, sizeof *v->line);
		}
		v->line[v->nlines++] = (uint32_t)pos;
		if (nl == NULL)
			break;
		pos = (size_t)(nl - v->text) + 1;
	}
	v->line[v->nlines] = (uint32_t)v->len; /* one past the last line */
	v->state = xmalloc(v->nlines + 1);
	int st = 0;
	for (size_t i = 0; i < v->nlines; i++) {
		size_t len;
		const char *s = view_line(v, i, &len);
		v->state[i] = (unsigned char)st;
		st = syntax_line(v->lang, st, s, len, NULL, 0, NULL);
	}
}

const char *view_line(const struct view *v, size_t i, size_t *len)
{
	size_t start = v->line[i], end = v->line[i + 1];

	if (end > start && v->text[end - 1] == '\n')
		end--;
	if (end > start && v->text[end - 1] == '\r')
		end--; /* CRLF files read as lines, not as "^M" at every end */
	*len = end - start;
	return v->text + start;
}

static void size_text(off_t n, char *out, size_t size)
{
	if (n >= 1 << 20)
		snprintf(out, size, "%.1f MB", (double)n / (1 << 20));
	else if (n >= 1 << 10)
		snprintf(out, size, "%.1f KB", (double)n / (1 << 10));
	else
		snprintf(out, size, "%lld bytes", (long long)n);
}

/* Reads the file; -1 with *err on failure. */
static int view_read(struct view *v, const char *path, char **err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	struct stat st;
	char size[32];

	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		*err = xasprintf("cannot open %s: %s", v->path,
				 fd >= 0 ? "not a regular file" : strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	size_t want = st.st_size > VIEW_MAX_BYTES ? VIEW_MAX_BYTES : (size_t)st.st_size;
	v->text = xmalloc(want + 1);
	while (v->len < want) {
		ssize_t n = read(fd, v->text + v->len, want - v->len);
		if (n <= 0)
			break;
		v->len += (size_t)n;
	}
	close(fd);
	v->text[v->len] = '\0';
	size_text(st.st_size, size, sizeof size);
	if (memchr(v->text, '\0', v->len < BINARY_PROBE ? v->len : BINARY_PROBE)) {
		snprintf(v->note, sizeof v->note, "binary file (%s): not shown", size);
		v->len = 0;
	} else if ((off_t)v->len < st.st_size) {
		char *nl = memrchr(v->text, '\n', v->len);
		if (nl)
			v->len = (size_t)(nl - v->text) + 1; /* whole lines only */
		snprintf(v->note, sizeof v->note, "the file is %s: its first 2 MB are shown", size);
	}
	return 0;
}

static void view_free_state(struct view *v)
{
	if (v == NULL)
		return;
	free(v->root);
	free(v->path);
	free(v->full);
	free(v->text);
	free(v->line);
	free(v->state);
	free(v);
}

int pane_view_open(struct pane *p, const char *root, const char *relpath, char **err)
{
	struct view *v = xcalloc(1, sizeof *v);
	char *full = xasprintf("%s/%s", root, relpath);

	v->root = xstrdup(root);
	v->path = xstrdup(relpath);
	v->full = full;
	v->hit = -1;
	v->lang = syntax_for_path(relpath);
	int r = view_read(v, full, err);
	if (r < 0) {
		view_free_state(v);
		return -1;
	}
	view_index_lines(v);
	if (p->state) /* keep the search: looking for the same thing in another file */
		memcpy(v->query, ((struct view *)p->state)->query, sizeof v->query);
	view_free_state(p->state);
	p->state = v;
	p->dirty = 1;
	return 0;
}

int pane_view_is_open(const struct pane *p)
{
	return p->state != NULL;
}

void view_close(struct pane *p)
{
	view_free_state(p->state);
	p->state = NULL;
	p->dirty = 1;
}

/* The line's number, right-aligned in the gutter. */
static void draw_lineno(WINDOW *w, int row, size_t i, int gutter)
{
	char num[24];

	snprintf(num, sizeof num, "%*zu ", gutter - 1, i + 1);
	wattrset(w, theme_attr(TS_LINENO));
	mvwaddnstr(w, row, 0, num, getmaxx(w));
}

/* Plain text is TS_NORMAL: TS_CODE's background is for code set apart in
 * prose (the output pane); here everything is code. */
static int kind_attr(enum syn_kind k)
{
	static const int slot[] = { TS_NORMAL, TS_SYN_KEYWORD, TS_SYN_STRING, TS_SYN_COMMENT,
				    TS_SYN_NUMBER };
	return theme_attr(slot[k]);
}

/* Draws line[a..b) in attr, the parts matching the search in TS_MATCH. */
static int draw_run(WINDOW *w, const struct view *v, const char *line, size_t len, size_t a, size_t b,
		    int attr, int *col)
{
	int width = getmaxx(w);
	size_t reach = b + strlen(v->query); /* a match starting before b ends by here */

	while (a < b) {
		size_t ms, me;
		int hit = view_find_match(v, line, reach < len ? reach : len, a, &ms, &me) && ms < b;
		size_t plain_end = hit ? ms : b;
		if (draw_text(w, line + a, plain_end - a, attr, v->left, width, col))
			return 1;
		if (!hit)
			return 0;
		size_t end = me < b ? me : b;
		if (draw_text(w, line + ms, end - ms, theme_attr(TS_MATCH), v->left, width, col))
			return 1;
		a = end;
	}
	return 0;
}

static void draw_code(WINDOW *w, const struct view *v, int row, size_t i, int gutter)
{
	struct syn_span spans[128];
	size_t len, n = 0, pos = 0;
	const char *line = view_line(v, i, &len);
	int col = 0;

	syntax_line(v->lang, v->state[i], line, len, spans, 128, &n);
	wmove(w, row, gutter);
	for (size_t k = 0; k < n; k++) {
		if (draw_run(w, v, line, len, pos, spans[k].start, kind_attr(SYN_PLAIN), &col) ||
		    draw_run(w, v, line, len, spans[k].start, spans[k].start + spans[k].len,
			     kind_attr(spans[k].kind), &col))
			return;
		pos = spans[k].start + spans[k].len;
	}
	draw_run(w, v, line, len, pos, len, kind_attr(SYN_PLAIN), &col);
}

static void draw_note(WINDOW *w, int row, const char *text)
{
	int col = 0;

	wmove(w, row, 1);
	draw_text(w, text, strlen(text), theme_attr(TS_STREAM_NOTE), 0, getmaxx(w), &col);
}

static void view_draw(struct pane *p, WINDOW *w, int focused)
{
	struct view *v = p->state;
	int height = getmaxy(w) - (v && v->typing);

	(void)focused;
	if (v == NULL) {
		draw_note(w, 0, "(no file: choose one in Files and press Enter)");
		return;
	}
	view_clamp(v, height);
	int gutter = view_gutter(v), row = 0;
	if (v->len == 0 && v->note[0]) {
		draw_note(w, 0, v->note);
		return;
	}
	for (size_t i = v->top; row < height && i < v->nlines; i++, row++) {
		draw_lineno(w, row, i, gutter);
		draw_code(w, v, row, i, gutter);
	}
	if (row < height && v->note[0])
		draw_note(w, row, v->note);
	if (v->typing)
		view_draw_search_row(w, v, getmaxy(w) - 1);
	wattrset(w, theme_attr(TS_NORMAL));
}

static void view_title_extra(struct pane *p, char *out, size_t size)
{
	struct view *v = p->state;
	size_t used = 0;

	if (v == NULL)
		return;
	/* The path is untrusted: anything not printable becomes "?". */
	for (const unsigned char *s = (const unsigned char *)v->path; *s && used + 1 < size; s++) {
		int c1 = s[0] == 0xC2 && s[1] >= 0x80 && s[1] < 0xA0;
		out[used++] = c1 || *s < 0x20 || *s == 0x7f ? '?' : (char)*s;
		s += c1;
	}
	out[used] = '\0';
	if (v->nlines && v->len)
		snprintf(out + used, size - used, "  %zu/%zu%s%s", v->top + 1, v->nlines,
			 v->lang ? "  " : "", v->lang ? syntax_name(v->lang) : "");
}

static void view_scroll_by(struct pane *p, int delta)
{
	view_scroll(p, delta);
}

static void view_free(struct pane *p)
{
	view_free_state(p->state);
}

static const struct pane_ops view_ops = {
	.title = "Viewer",
	.draw = view_draw,
	.key = view_key,
	.cursor = view_cursor,
	.scroll_by = view_scroll_by,
	.title_extra = view_title_extra,
	.free = view_free,
	.wants_text = 1,
};

struct pane *pane_view_new(void)
{
	struct pane *p = xcalloc(1, sizeof *p);

	p->ops = &view_ops;
	return p;
}
