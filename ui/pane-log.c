/* pane-log: the sandbox log. Each run's stdout and stderr, sanitised and
 * told apart by colour (and a "!" gutter for stderr, so it survives the
 * mono theme), then its result line. Memory is bounded: the last LOG_LINES
 * lines of at most LOG_LINE_MAX bytes each are kept (the whole output is in
 * the run's log file). Follows the tail unless scrolled up. */
#include "pane-log.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/xmalloc.h"
#include "keymap.h"
#include "action.h"
#include "theme.h"
#include "wrap.h"

#define LOG_LINES 2000
#define LOG_LINE_MAX 4096

struct log_line {
	char *text;
	size_t len;
	enum log_kind kind;
};

struct log_state {
	struct log_line ring[LOG_LINES];
	size_t first, count; /* oldest line, lines kept */
	struct buf partial[3]; /* [1] stdout, [2] stderr: sanitised, no newline yet */
	struct text_sanitizer san[3];
	int scroll; /* lines above the tail; 0 follows */
};

static void add_line(struct pane *p, enum log_kind kind, const char *text, size_t len)
{
	struct log_state *s = p->state;
	if (len > LOG_LINE_MAX)
		len = LOG_LINE_MAX;
	struct log_line *l = &s->ring[(s->first + s->count) % LOG_LINES];
	if (s->count == LOG_LINES) {
		free(l->text);
		s->first = (s->first + 1) % LOG_LINES;
	} else {
		s->count++;
	}
	l->text = xmalloc(len + 1);
	memcpy(l->text, text, len);
	l->text[len] = '\0';
	l->len = len;
	l->kind = kind;
	if (s->scroll > 0 && s->scroll < LOG_LINES)
		s->scroll++; /* keep the scrolled view still */
	p->dirty = 1;
}

/* Whole lines out of the stream's partial buffer. */
static void commit_lines(struct pane *p, int stream)
{
	struct log_state *s = p->state;
	struct buf *b = &s->partial[stream];
	enum log_kind kind = stream == 2 ? LINE_STDERR : LINE_STDOUT;
	size_t start = 0;
	for (size_t i = 0; i < b->len; i++)
		if (b->data[i] == '\n') {
			add_line(p, kind, b->data + start, i - start);
			start = i + 1;
		}
	buf_consume(b, start);
	if (b->len > LOG_LINE_MAX) { /* a line that never ends */
		add_line(p, kind, b->data, b->len);
		buf_reset(b);
	}
}

void pane_log_output(struct pane *p, int stream, const char *bytes, size_t len)
{
	struct log_state *s = p->state;
	if (stream != 1 && stream != 2)
		return;
	text_sanitize(&s->san[stream], bytes, len, &s->partial[stream]);
	commit_lines(p, stream);
}

void pane_log_line(struct pane *p, enum log_kind kind, const char *text)
{
	struct buf clean = { 0 };
	struct text_sanitizer san = { 0 };
	text_sanitize(&san, text, strlen(text), &clean);
	text_sanitize_end(&san, &clean);
	add_line(p, kind, clean.data ? clean.data : "", clean.len);
	buf_free(&clean);
}

void pane_log_flush(struct pane *p)
{
	struct log_state *s = p->state;
	for (int stream = 1; stream <= 2; stream++) {
		text_sanitize_end(&s->san[stream], &s->partial[stream]);
		if (s->partial[stream].len > 0)
			add_line(p, stream == 2 ? LINE_STDERR : LINE_STDOUT, s->partial[stream].data,
				 s->partial[stream].len);
		buf_reset(&s->partial[stream]);
	}
}

static const enum theme_slot kind_slot[] = {
	[LINE_STDOUT] = TS_LOG_STDOUT, [LINE_STDERR] = TS_LOG_STDERR, [LINE_INFO] = TS_STREAM_NOTE,
	[LINE_OK] = TS_STREAM_NOTE, [LINE_BAD] = TS_ERROR,
};

static void log_draw(struct pane *p, WINDOW *w, int focused)
{
	struct log_state *s = p->state;
	int rows = getmaxy(w), cols = getmaxx(w);
	(void)focused;
	if (s->count == 0) {
		wattrset(w, theme_attr(TS_STREAM_NOTE));
		mvwaddnstr(w, 0, 1, "No runs yet. F5 runs the project's command in the sandbox.",
			   cols - 1);
		wattrset(w, theme_attr(TS_NORMAL));
		return;
	}
	if (s->scroll > (int)s->count - rows)
		s->scroll = (int)s->count - rows > 0 ? (int)s->count - rows : 0;
	size_t shown = s->count < (size_t)rows ? s->count : (size_t)rows;
	size_t top = s->count - shown - (size_t)s->scroll;
	for (size_t i = 0; i < shown; i++) {
		const struct log_line *l = &s->ring[(s->first + top + i) % LOG_LINES];
		size_t end, next;
		wattrset(w, theme_attr(kind_slot[l->kind]));
		mvwaddstr(w, (int)i, 0, l->kind == LINE_STDERR ? "!" : " ");
		if (cols > 1 && wrap_row(l->text, l->len, 0, cols - 1, &end, &next))
			mvwaddnstr(w, (int)i, 1, l->text, (int)end);
	}
	wattrset(w, theme_attr(TS_NORMAL));
}

static int log_key(struct pane *p, int key)
{
	struct log_state *s = p->state;
	int page = p->r.h > 2 ? p->r.h - 2 : 1;
	switch (key & ~KEYC_FUNC) {
	case KEY_UP: s->scroll++; break;
	case KEY_DOWN: s->scroll = s->scroll > 0 ? s->scroll - 1 : 0; break;
	case KEY_PPAGE: s->scroll += page; break;
	case KEY_NPAGE: s->scroll = s->scroll > page ? s->scroll - page : 0; break;
	case KEY_END: s->scroll = 0; break;
	default: return 0;
	}
	p->dirty = 1;
	return 1;
}

static void log_free(struct pane *p)
{
	struct log_state *s = p->state;
	for (size_t i = 0; i < s->count; i++)
		free(s->ring[(s->first + i) % LOG_LINES].text);
	for (int i = 0; i < 3; i++)
		buf_free(&s->partial[i]);
	free(s);
}

static const struct pane_ops log_ops = {
	.title = "Sandbox",
	.draw = log_draw,
	.key = log_key,
	.free = log_free,
};

struct pane *pane_log_new(void)
{
	struct pane *p = xcalloc(1, sizeof *p);
	p->ops = &log_ops;
	p->state = xcalloc(1, sizeof(struct log_state));
	return p;
}

const struct action_def log_actions[] = {
	{ NULL, 0, NULL, NULL, NULL },
};
