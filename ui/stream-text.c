/* stream-text: transcript entries, their row caches and display rows.
 *
 * Rows are cached per entry and extended as text arrives: the last row is
 * wrapped again from its start, everything before it is final. Whether a
 * line of an answer is a ``` fence is known from its first few bytes, and
 * code lines wrap narrower (they have a gutter), so while the last line is
 * still too short to tell, it is wrapped again from the line's start; that
 * is at most a handful of bytes. */
#include "stream-model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "wrap.h"

void transcript_init(struct transcript *t)
{
	memset(t, 0, sizeof *t);
	t->follow = 1;
}

void transcript_free(struct transcript *t)
{
	for (size_t i = 0; i < t->n; i++) {
		buf_free(&t->e[i].text);
		free(t->e[i].rows);
	}
	free(t->e);
	transcript_search_clear(t);
	memset(t, 0, sizeof *t);
}

/* The line at 'at' is a fence (up to three spaces, then ```), or text, or
 * code; *decided is 0 while the bytes so far could still become a fence. */
static enum stream_line line_class(const struct stream_entry *e, size_t at, int code, int *decided)
{
	const char *s = e->text.data;
	size_t len = e->text.len, i = at;
	int spaces = 0, ticks = 0;

	if (e->kind != STREAM_ANSWER) {
		*decided = 1;
		return SLINE_TEXT;
	}
	while (i < len && s[i] == ' ' && spaces < 3) {
		i++;
		spaces++;
	}
	while (i < len && s[i] == '`' && ticks < 3) {
		i++;
		ticks++;
	}
	if (ticks == 3) {
		*decided = 1;
		return SLINE_FENCE;
	}
	*decided = i < len;
	return code ? SLINE_CODE : SLINE_TEXT;
}

static void entry_push_row(struct stream_entry *e, size_t start, enum stream_line line)
{
	if (e->nrows == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 16;
		e->rows = xreallocarray(e->rows, e->cap, sizeof *e->rows);
	}
	e->rows[e->nrows].start = start;
	e->rows[e->nrows++].line = (unsigned char)line;
}

/* Where wrapping resumes: the last row if its line's kind is settled, else
 * the last line's start; everything at a new width. */
static size_t entry_resume(struct stream_entry *e, int width)
{
	if (e->wrap_w != width) {
		e->nrows = 0;
		e->line_start = 0;
		e->code_before = 0;
		return 0;
	}
	if (e->line_decided && e->nrows > 0 && e->rows[e->nrows - 1].start >= e->line_start)
		return e->rows[--e->nrows].start;
	while (e->nrows > 0 && e->rows[e->nrows - 1].start >= e->line_start)
		e->nrows--;
	return e->line_start;
}

void stream_entry_wrap(struct stream_entry *e, int width)
{
	const char *s = e->text.data;
	size_t len = e->text.len, end, next;

	if (width < 1)
		width = 1;
	size_t pos = entry_resume(e, width);
	e->wrap_w = width;
	enum stream_line line = line_class(e, e->line_start, e->code_before, &e->line_decided);
	for (;;) {
		int w = line == SLINE_TEXT ? width : width - STREAM_GUTTER;
		if (!wrap_row(s, len, pos, w < 1 ? 1 : w, &end, &next))
			break;
		entry_push_row(e, pos, line);
		pos = next;
		if (end < next && s[end] == '\n') {
			if (line == SLINE_FENCE)
				e->code_before = !e->code_before;
			e->line_start = next;
			line = line_class(e, next, e->code_before, &e->line_decided);
		}
	}
}

/* Tabs become spaces: curses would expand them by column, and the row
 * cache measures widths itself. */
static void entry_add(struct stream_entry *e, const struct buf *clean)
{
	size_t run = 0;

	/* Reasoning opens with the newline after <think>: no blank first
	 * line, and the fold counts the lines there are. */
	while (e->kind == STREAM_REASONING && e->text.len == 0 && run < clean->len &&
	       (clean->data[run] == '\n' || clean->data[run] == ' '))
		run++;
	for (size_t i = run; i < clean->len; i++) {
		if (clean->data[i] == '\n')
			e->newlines++;
		if (clean->data[i] != '\t')
			continue;
		buf_append(&e->text, clean->data + run, i - run);
		buf_append(&e->text, "    ", 4);
		run = i + 1;
	}
	if (clean->len > run)
		buf_append(&e->text, clean->data + run, clean->len - run);
}

/* The last entry is finished: what its sanitiser holds goes out. */
static void entry_finish(struct transcript *t, struct stream_entry *e)
{
	struct buf rest = BUF_INIT;

	text_sanitize_end(&e->san, &rest);
	entry_add(e, &rest);
	buf_free(&rest);
	e->done = 1;
	if (t->width > 0)
		stream_entry_wrap(e, t->width);
}

static struct stream_entry *transcript_new_entry(struct transcript *t, enum stream_kind kind)
{
	if (t->n > 0 && !t->e[t->n - 1].done)
		entry_finish(t, &t->e[t->n - 1]);
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->e = xreallocarray(t->e, t->cap, sizeof *t->e);
	}
	struct stream_entry *e = &t->e[t->n++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->folded = kind == STREAM_REASONING;
	return e;
}

void transcript_append(struct transcript *t, enum stream_kind kind, const char *text, size_t len,
		       int fresh)
{
	struct stream_entry *e = t->n ? &t->e[t->n - 1] : NULL;
	struct buf clean = BUF_INIT;

	if (e == NULL || e->kind != kind || e->done || fresh)
		e = transcript_new_entry(t, kind);
	text_sanitize(&e->san, text, len, &clean);
	entry_add(e, &clean);
	buf_free(&clean);
	if (t->width > 0)
		stream_entry_wrap(e, t->width);
	if (!t->follow)
		t->unseen = 1;
	if (t->query)
		transcript_search_update(t);
}

void transcript_end(struct transcript *t)
{
	if (t->n > 0 && !t->e[t->n - 1].done) {
		entry_finish(t, &t->e[t->n - 1]);
		if (t->query)
			transcript_search_update(t);
	}
}

size_t transcript_entry_rows(const struct transcript *t, size_t i)
{
	const struct stream_entry *e = &t->e[i];
	size_t rows = e->kind == STREAM_REASONING ? 1 : 0;

	if (!e->folded)
		rows += e->nrows;
	return rows + (i + 1 < t->n ? 1 : 0);
}

void transcript_fold_label(const struct transcript *t, size_t i, char *out, size_t size)
{
	const struct stream_entry *e = &t->e[i];
	size_t lines = e->newlines;
	int growing = !e->done && i + 1 == t->n;

	if (e->text.len > 0 && e->text.data[e->text.len - 1] != '\n')
		lines++;
	snprintf(out, size, "%s reasoning (%zu line%s%s) \xe2\x80\x94 Enter %s", e->folded ? "\xe2\x96\xb8" : "\xe2\x96\xbe",
		 lines, lines == 1 ? "" : "s", growing ? " so far\xe2\x80\xa6" : "",
		 e->folded ? "expands" : "folds");
}

int transcript_row(const struct transcript *t, struct stream_pos pos, struct stream_row_info *ri)
{
	if (pos.entry >= t->n)
		return 0;
	const struct stream_entry *e = &t->e[pos.entry];
	size_t r = pos.row;

	memset(ri, 0, sizeof *ri);
	ri->e = e;
	ri->entry = pos.entry;
	if (e->kind == STREAM_REASONING) {
		if (r == 0) {
			ri->kind = SROW_FOLD;
			return 1;
		}
		r--;
	}
	size_t body = e->folded ? 0 : e->nrows;
	if (r < body) {
		ri->kind = SROW_TEXT;
		ri->start = e->rows[r].start;
		ri->end = r + 1 < e->nrows ? e->rows[r + 1].start : e->text.len;
		while (ri->end > ri->start && e->text.data[ri->end - 1] == '\n')
			ri->end--;
		ri->line = (enum stream_line)e->rows[r].line;
		return 1;
	}
	if (r == body && pos.entry + 1 < t->n) {
		ri->kind = SROW_GAP;
		return 1;
	}
	return 0;
}
