/* stream-search: / n N over the whole transcript.
 *
 * The matches are kept in transcript order and extended as text arrives
 * (only the new text, plus the query's length before it, is looked at), so
 * "match 2/7" stays true while the answer streams and n never rescans the
 * session. A lowercase query matches any case (ASCII letters). */
#include "stream-model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"

static int fold_byte(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

size_t stream_find(const char *hay, size_t len, size_t from, const char *q, size_t qlen,
		   int fold_case)
{
	if (qlen == 0 || len < qlen)
		return (size_t)-1;
	for (size_t i = from; i + qlen <= len; i++) {
		size_t k = 0;
		if (fold_case)
			while (k < qlen && fold_byte((unsigned char)hay[i + k]) == (unsigned char)q[k])
				k++;
		else
			while (k < qlen && hay[i + k] == q[k])
				k++;
		if (k == qlen)
			return i;
	}
	return (size_t)-1;
}

void transcript_search_clear(struct transcript *t)
{
	free(t->query);
	free(t->m);
	t->query = NULL;
	t->qlen = 0;
	t->m = NULL;
	t->nm = t->mcap = t->cur = 0;
	t->scan_entry = t->scan_off = 0;
}

static void match_push(struct transcript *t, size_t entry, size_t off)
{
	if (t->nm == t->mcap) {
		t->mcap = t->mcap ? t->mcap * 2 : 16;
		t->m = xreallocarray(t->m, t->mcap, sizeof *t->m);
	}
	int none = t->cur == t->nm;
	t->m[t->nm++] = (struct stream_match){ entry, off };
	if (none)
		t->cur = t->nm; /* still none chosen */
}

void transcript_search_update(struct transcript *t)
{
	for (size_t i = t->scan_entry; i < t->n; i++) {
		const struct buf *text = &t->e[i].text;
		size_t from = i == t->scan_entry ? t->scan_off : 0, at;
		while ((at = stream_find(text->data, text->len, from, t->query, t->qlen,
					 t->fold_case)) != (size_t)-1) {
			match_push(t, i, at);
			from = at + t->qlen;
		}
		/* A match starting before len - qlen + 1 would lie in the text
		 * already seen; later ones may still be completed. */
		size_t settled = text->len >= t->qlen ? text->len - t->qlen + 1 : 0;
		t->scan_entry = i;
		t->scan_off = from > settled ? from : settled;
	}
}

size_t transcript_match_from(const struct transcript *t, size_t i, size_t off)
{
	size_t lo = 0, hi = t->nm;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct stream_match *m = &t->m[mid];
		if (m->entry < i || (m->entry == i && m->off + t->qlen <= off))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Show match k: its reasoning unfolds, the cursor goes to its row. */
static void match_reveal(struct transcript *t, size_t k)
{
	const struct stream_match *m = &t->m[k];
	struct stream_entry *e = &t->e[m->entry];
	size_t row = 0;

	t->cur = k;
	if (e->kind == STREAM_REASONING)
		e->folded = 0;
	while (row + 1 < e->nrows && e->rows[row + 1].start <= m->off)
		row++;
	size_t head = e->kind == STREAM_REASONING ? 1 : 0;
	transcript_reveal(t, transcript_abs(t, (struct stream_pos){ m->entry, head + row }));
}

/* The first match at or after the view's top, else the first one. */
static size_t match_from_view(const struct transcript *t)
{
	struct stream_row_info ri = { .kind = SROW_FOLD };
	struct stream_pos pos = transcript_pos(t, transcript_view_top(t));
	size_t off = 0;

	if (transcript_row(t, pos, &ri) && ri.kind == SROW_TEXT)
		off = ri.start;
	else if (ri.kind == SROW_GAP)
		pos.entry++;
	size_t k = transcript_match_from(t, pos.entry, off);
	while (k < t->nm && t->m[k].entry == pos.entry && t->m[k].off < off)
		k++;
	return k < t->nm ? k : 0;
}

size_t transcript_search(struct transcript *t, const char *query)
{
	transcript_search_clear(t);
	if (query == NULL || query[0] == '\0')
		return 0;
	t->query = xstrdup(query);
	t->qlen = strlen(query);
	t->fold_case = 1;
	for (size_t i = 0; i < t->qlen; i++)
		if (query[i] >= 'A' && query[i] <= 'Z')
			t->fold_case = 0;
	transcript_search_update(t);
	if (t->nm > 0)
		match_reveal(t, match_from_view(t));
	return t->nm;
}

int transcript_search_step(struct transcript *t, int dir)
{
	if (t->nm == 0)
		return 0;
	if (t->cur >= t->nm)
		match_reveal(t, match_from_view(t));
	else if (dir > 0)
		match_reveal(t, (t->cur + 1) % t->nm);
	else
		match_reveal(t, (t->cur + t->nm - 1) % t->nm);
	return 1;
}

void transcript_search_status(const struct transcript *t, char *out, size_t size)
{
	if (t->query == NULL)
		snprintf(out, size, "%s", "");
	else if (t->nm == 0)
		snprintf(out, size, "no match for '%.40s'", t->query);
	else if (t->cur < t->nm)
		snprintf(out, size, "match %zu/%zu", t->cur + 1, t->nm);
	else
		snprintf(out, size, "%zu matches", t->nm);
}
