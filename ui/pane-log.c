/* pane-log: the sandbox log. Each run's stdout and stderr, sanitised and
 * told apart by colour and by a "!" gutter for stderr (so it survives the
 * mono theme), then its result line. Memory is bounded however much a run
 * prints: the last LOG_LINES lines of at most LOG_LINE_MAX bytes each are
 * kept, longer lines are cut with a marker, and the whole output stays in
 * the run's log file, which "o" opens in $PAGER. One log line is one
 * screen row (cut at the pane's edge), so scrolling is simple arithmetic.
 * Follows the tail unless scrolled up; then the view stays still and the
 * title counts what arrived below. */
#include "pane-log.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/text.h"
#include "base/xmalloc.h"
#include "action.h"
#include "app.h"
#include "draw-text.h"
#include "theme.h"

#define LOG_LINES 2000
#define LOG_LINE_MAX 4096
#define CUT_MARK " …"

struct log_line {
	char *text;
	size_t len;
	enum log_kind kind;
};

struct log_state {
	struct log_line ring[LOG_LINES];
	size_t first, count;   /* oldest line, lines kept */
	size_t dropped;        /* lines that fell out of the ring */
	struct buf partial[3]; /* [1] stdout, [2] stderr: sanitised, no newline yet */
	struct text_sanitizer san[3];
	int cut[3];            /* the stream's current line was cut: drop up to its newline */
	int scroll;            /* lines above the tail; 0 follows */
	size_t unseen;         /* lines that arrived while scrolled up */
	char *file;            /* the latest run's full log, or NULL */
};

/* How much of text fits in a line, cut on a UTF-8 character boundary. */
static size_t cut_length(const char *text, size_t len)
{
	if (len <= LOG_LINE_MAX)
		return len;
	len = LOG_LINE_MAX;
	while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
		len--;
	return len;
}

static void add_line(struct pane *p, enum log_kind kind, const char *text, size_t len)
{
	struct log_state *s = p->state;
	size_t keep = cut_length(text, len);
	size_t mark = keep < len ? strlen(CUT_MARK) : 0;
	struct log_line *l = &s->ring[(s->first + s->count) % LOG_LINES];

	if (s->count == LOG_LINES) {
		free(l->text);
		s->first = (s->first + 1) % LOG_LINES;
		s->dropped++;
	} else {
		s->count++;
	}
	l->text = xmalloc(keep + mark + 1);
	memcpy(l->text, text, keep);
	memcpy(l->text + keep, CUT_MARK, mark);
	l->len = keep + mark;
	l->text[l->len] = '\0';
	l->kind = kind;
	if (s->scroll > 0) { /* keep the scrolled view still */
		if (s->scroll < LOG_LINES)
			s->scroll++;
		s->unseen++;
	}
	p->dirty = 1;
}

/* Whole lines out of the stream's partial buffer. A line that grows past
 * LOG_LINE_MAX is shown cut at once; the rest of it, up to its newline, is
 * dropped, so one endless line costs no more than a short one. */
static void commit_lines(struct pane *p, int stream)
{
	struct log_state *s = p->state;
	struct buf *b = &s->partial[stream];
	enum log_kind kind = stream == 2 ? LINE_STDERR : LINE_STDOUT;
	size_t start = 0;

	for (size_t i = 0; i < b->len; i++) {
		if (b->data[i] != '\n')
			continue;
		if (s->cut[stream])
			s->cut[stream] = 0;
		else
			add_line(p, kind, b->data + start, i - start);
		start = i + 1;
	}
	buf_consume(b, start);
	if (b->len > LOG_LINE_MAX) {
		if (!s->cut[stream])
			add_line(p, kind, b->data, b->len);
		s->cut[stream] = 1;
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
		if (s->partial[stream].len > 0 && !s->cut[stream])
			add_line(p, stream == 2 ? LINE_STDERR : LINE_STDOUT, s->partial[stream].data,
				 s->partial[stream].len);
		buf_reset(&s->partial[stream]);
		s->cut[stream] = 0;
	}
}

void pane_log_set_file(struct pane *p, const char *path)
{
	struct log_state *s = p->state;

	free(s->file);
	s->file = path && path[0] ? xstrdup(path) : NULL;
	p->dirty = 1; /* the title offers the pager */
}

static const enum theme_slot kind_slot[] = {
	[LINE_STDOUT] = TS_LOG_STDOUT, [LINE_STDERR] = TS_LOG_STDERR, [LINE_INFO] = TS_STREAM_NOTE,
	[LINE_OK] = TS_STREAM_NOTE, [LINE_BAD] = TS_ERROR,
};

/* The largest scroll that still fills the window. */
static int max_scroll(const struct log_state *s, int rows)
{
	return (int)s->count > rows ? (int)s->count - rows : 0;
}

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
	if (s->scroll > max_scroll(s, rows))
		s->scroll = max_scroll(s, rows);
	if (s->scroll == 0)
		s->unseen = 0;
	size_t shown = s->count < (size_t)rows ? s->count : (size_t)rows;
	size_t top = s->count - shown - (size_t)s->scroll;
	for (size_t i = 0; i < shown; i++) {
		const struct log_line *l = &s->ring[(s->first + top + i) % LOG_LINES];
		int attr = theme_attr(kind_slot[l->kind]), col = 0;
		wattrset(w, attr);
		mvwaddstr(w, (int)i, 0, l->kind == LINE_STDERR ? "!" : " ");
		/* Cut at the edge by display width: tabs expanded, anything
		 * unprintable shown visibly (the pager shows lines whole). */
		draw_text(w, l->text, l->len, attr, 0, cols, &col);
	}
	wattrset(w, theme_attr(TS_NORMAL));
}

/* What the title says: scrolled up and what came since, or that older
 * lines are only in the full log. */
static void log_title_extra(struct pane *p, char *out, size_t size)
{
	struct log_state *s = p->state;

	if (s->scroll > 0 && s->unseen > 0)
		snprintf(out, size, "%zu new ↓ (End follows)", s->unseen);
	else if (s->scroll > 0)
		snprintf(out, size, "scrolled up (End follows)");
	else if (s->dropped > 0 && s->file)
		snprintf(out, size, "last %d lines; o: full log", LOG_LINES);
	else if (s->dropped > 0)
		snprintf(out, size, "last %d lines", LOG_LINES);
	else if (s->file)
		snprintf(out, size, "o: full log");
}

static void log_scroll_by(struct pane *p, int delta)
{
	struct log_state *s = p->state;
	int rows = p->r.h > 1 ? p->r.h - 1 : 1;

	s->scroll -= delta;
	if (s->scroll > max_scroll(s, rows))
		s->scroll = max_scroll(s, rows);
	if (s->scroll <= 0) {
		s->scroll = 0;
		s->unseen = 0;
	}
	p->dirty = 1;
}

static void log_free(struct pane *p)
{
	struct log_state *s = p->state;

	for (size_t i = 0; i < s->count; i++)
		free(s->ring[(s->first + i) % LOG_LINES].text);
	for (int i = 0; i < 3; i++)
		buf_free(&s->partial[i]);
	free(s->file);
	free(s);
}

static const struct pane_ops log_ops = {
	.title = "Sandbox",
	.draw = log_draw,
	.scroll_by = log_scroll_by,
	.title_extra = log_title_extra,
	.free = log_free,
};

struct pane *pane_log_new(void)
{
	struct pane *p = xcalloc(1, sizeof *p);

	p->ops = &log_ops;
	p->state = xcalloc(1, sizeof(struct log_state));
	return p;
}

static void act_up(struct app *a, struct pane *p) { (void)a; log_scroll_by(p, -1); }
static void act_down(struct app *a, struct pane *p) { (void)a; log_scroll_by(p, 1); }
static void act_top(struct app *a, struct pane *p) { (void)a; log_scroll_by(p, -LOG_LINES); }
static void act_bottom(struct app *a, struct pane *p) { (void)a; log_scroll_by(p, LOG_LINES); }

static void act_pager(struct app *a, struct pane *p)
{
	struct log_state *s = p->state;
	char *err = NULL;

	if (s->file == NULL) {
		app_error(a, "no run log yet: each run's whole output is kept in a log file, "
			  "offered here once the run ends");
		return;
	}
	if (access(s->file, R_OK) < 0) {
		app_error(a, "cannot read the run's log %s: %s", s->file, strerror(errno));
		return;
	}
	char **argv = app_pager_argv(s->file);
	if (app_external(a, argv, &err) < 0) {
		app_error(a, "%s", err);
		free(err);
	}
	app_argv_free(argv);
}

const struct action_def log_actions[] = {
	{ "sandbox.pager", PANE_LOG, "o Enter", "open the latest run's whole log in $PAGER", act_pager },
	{ "sandbox.up", PANE_LOG, "Up k", "scroll the log up a line", act_up },
	{ "sandbox.down", PANE_LOG, "Down j", "scroll the log down a line", act_down },
	{ "sandbox.top", PANE_LOG, "Home g", "go to the oldest line kept", act_top },
	{ "sandbox.bottom", PANE_LOG, "End G", "go to the newest line and follow new output", act_bottom },
	{ NULL, 0, NULL, NULL, NULL },
};
