/* pane-tree: the file tree pane. The rows come from tree-model (read as
 * directories are expanded); "/" turns the pane into a flat list of the
 * files whose names match, over the whole workspace: tree-walk reads it a
 * few milliseconds per frame (the pane stays dirty until done) and keeps
 * the list, so typing re-filters a list in memory and 100,000 files never
 * stall the screen. Keys are actions (tree.*), so the help overlay and the
 * keys: config see them; while the filter row is open, printable keys are
 * its text. */
#include "pane-tree.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "base/xmalloc.h"
#include "draw-text.h"
#include "keymap.h"
#include "theme.h"
#include "tree-pane.h"

#define WALK_STEP_MS 8 /* a quarter of a frame at 30/s */

int tree_filtering(const struct tree *t)
{
	return t->typing || t->query[0];
}

void tree_hits_rescan(struct tree *t)
{
	t->nhits = t->scanned = t->fsel = t->ftop = 0;
}

/* The files the walk found since the last look, against the query. */
static void hits_match(struct tree *t)
{
	for (; t->scanned < t->walk.count; t->scanned++) {
		if (!tree_walk_matches(tree_walk_path(&t->walk, t->scanned), t->query))
			continue;
		if (t->nhits == t->hits_cap) {
			t->hits_cap = t->hits_cap ? t->hits_cap * 2 : 256;
			t->hits = xreallocarray(t->hits, t->hits_cap, sizeof *t->hits);
		}
		t->hits[t->nhits++] = (uint32_t)t->scanned;
	}
}

int tree_filter_update(struct pane *p)
{
	struct tree *t = p->state;
	int done = tree_walk_step(&t->walk, WALK_STEP_MS);

	hits_match(t);
	return done;
}

static size_t rows_count(const struct tree *t)
{
	return tree_filtering(t) ? t->nhits : t->m.count;
}

static size_t *sel_of(struct tree *t)
{
	return tree_filtering(t) ? &t->fsel : &t->sel;
}

void tree_move_sel(struct pane *p, long delta)
{
	struct tree *t = p->state;
	if (tree_filtering(t))
		tree_filter_update(p);
	size_t *sel = sel_of(t), n = rows_count(t);
	long to = (long)*sel + delta;

	*sel = n == 0 || to < 0 ? 0 : (size_t)to >= n ? n - 1 : (size_t)to;
	p->dirty = 1;
}

static void fmt_count(size_t n, char *out, size_t size)
{
	if (n >= 1000000)
		snprintf(out, size, "%zu,%03zu,%03zu", n / 1000000, n / 1000 % 1000, n % 1000);
	else if (n >= 1000)
		snprintf(out, size, "%zu,%03zu", n / 1000, n % 1000);
	else
		snprintf(out, size, "%zu", n);
}

static int mark_slot(char mark)
{
	return mark == 'A' ? TS_MARK_ADDED : mark == 'D' ? TS_MARK_DELETED : TS_MARK_MODIFIED;
}

/* The mark column: a letter, so it reads without colour too. */
static void draw_mark(WINDOW *w, int row, char mark)
{
	if (mark) {
		wattrset(w, theme_attr(mark_slot(mark)));
		mvwaddch(w, row, 0, (chtype)mark);
	}
}

static void draw_node(struct tree *t, WINDOW *w, int row, const struct tree_node *node, int sel)
{
	int width = getmaxx(w), col = 0;
	int base = sel ? TS_TREE_SELECTED : node->kind == TN_DIR ? TS_TREE_DIR : TS_TREE_FILE;

	if (sel) {
		wattrset(w, theme_attr(TS_TREE_SELECTED));
		mvwhline(w, row, 0, ' ', width);
	}
	if (node->kind == TN_MORE) {
		char n[32], text[64];
		fmt_count(node->more, n, sizeof n);
		snprintf(text, sizeof text, "... %s more (not listed)", n);
		if (2 + 2 * node->depth >= width)
			return; /* too deep for this width, like any row */
		wmove(w, row, 2 + 2 * node->depth);
		draw_text(w, text, strlen(text), theme_attr(sel ? base : TS_STREAM_NOTE), 0, width, &col);
		return;
	}
	draw_mark(w, row, tree_model_mark(&t->m, node->path, node->kind == TN_DIR));
	int x = 2 + 2 * node->depth;
	if (x >= width)
		return;
	int attr = theme_attr(node->gone && !sel ? TS_MARK_DELETED : base);
	wmove(w, row, x);
	const char *lead = node->kind != TN_DIR ? "  " : node->expanded ? "- " : "+ ";
	draw_text(w, lead, 2, attr, 0, width, &col);
	draw_text(w, node->name, strlen(node->name), attr, 0, width, &col);
	if (node->kind == TN_DIR)
		draw_text(w, "/", 1, attr, 0, width, &col);
}

/* A filter hit: its path, cut at the left so the name shows. */
static void draw_hit(struct tree *t, WINDOW *w, int row, const char *path, int sel)
{
	int width = getmaxx(w), col = 0, room = width - 2;
	size_t len = strlen(path), from = draw_text_tail(path, len, room);
	int attr = theme_attr(sel ? TS_TREE_SELECTED : TS_TREE_FILE);

	if (sel) {
		wattrset(w, attr);
		mvwhline(w, row, 0, ' ', width);
	}
	draw_mark(w, row, tree_model_mark(&t->m, path, 0));
	wmove(w, row, 2);
	if (from > 0) {
		from = draw_text_tail(path, len, room - 3);
		draw_text(w, "...", 3, attr, 0, width, &col);
	}
	draw_text(w, path + from, len - from, attr, 0, width, &col);
}

/* The filter row: "/query" and, right-aligned, the progress or the count
 * (shorter when the pane is narrow). */
static void draw_filter_row(struct tree *t, WINDOW *w)
{
	int width = getmaxx(w), col = 0;
	char n[32], note[64], brief[48];

	fmt_count(t->walk.done ? t->nhits : t->walk.count, n, sizeof n);
	if (!t->walk.done) {
		snprintf(note, sizeof note, " searching... %s files", n);
		snprintf(brief, sizeof brief, " %s...", n);
	} else {
		snprintf(note, sizeof note, " %s match%s%s", n, t->nhits == 1 ? "" : "es",
			 t->walk.capped ? " (first 500,000 files)" : "");
		snprintf(brief, sizeof brief, " %s", n);
	}
	wmove(w, 0, 0);
	draw_text(w, "/", 1, theme_attr(TS_MARKER), 0, width, &col);
	draw_text(w, t->query, strlen(t->query), theme_attr(TS_NORMAL), 0, width, &col);
	const char *shown = note;
	int x = width - draw_text_width(note, strlen(note));
	if (x <= getcurx(w) + 1) {
		shown = brief;
		x = width - draw_text_width(brief, strlen(brief));
	}
	if (x > getcurx(w) + 1) {
		col = 0;
		wmove(w, 0, x);
		draw_text(w, shown, strlen(shown), theme_attr(TS_STREAM_NOTE), 0, width, &col);
	}
}

/* Keeps the selection on screen in a list of height rows. */
static void follow(size_t sel, size_t *top, int height)
{
	if (height < 1)
		height = 1;
	if (sel < *top)
		*top = sel;
	if (sel >= *top + (size_t)height)
		*top = sel - (size_t)height + 1;
}

static void tree_draw(struct pane *p, WINDOW *w, int focused)
{
	struct tree *t = p->state;
	int height = getmaxy(w);

	if (tree_filtering(t)) {
		if (!tree_filter_update(p))
			p->dirty = 1; /* more to read: another slice next frame */
		if (t->fsel >= t->nhits)
			t->fsel = t->nhits ? t->nhits - 1 : 0;
		draw_filter_row(t, w);
		follow(t->fsel, &t->ftop, height - 1);
		for (int row = 1; row < height && t->ftop + (size_t)row - 1 < t->nhits; row++) {
			size_t i = t->ftop + (size_t)row - 1;
			draw_hit(t, w, row, tree_walk_path(&t->walk, t->hits[i]), focused && i == t->fsel);
		}
	} else {
		follow(t->sel, &t->top, height);
		if (t->m.count == 0) {
			int col = 0;
			wmove(w, 0, 1);
			draw_text(w, "(no files)", 10, theme_attr(TS_STREAM_NOTE), 0, getmaxx(w), &col);
		}
		for (int row = 0; row < height && t->top + (size_t)row < t->m.count; row++) {
			size_t i = t->top + (size_t)row;
			draw_node(t, w, row, &t->m.n[i], focused && i == t->sel);
		}
	}
	wattrset(w, theme_attr(TS_NORMAL));
}

/* The filter row's text: printable keys add, Backspace removes. */
static int tree_key(struct pane *p, int key)
{
	struct tree *t = p->state;
	size_t len = strlen(t->query);

	if (!t->typing)
		return 0;
	if (key == (KEYC_FUNC | KEY_BACKSPACE) || key == 0x7f || key == 8) {
		while (len > 0 && ((unsigned char)t->query[--len] & 0xC0) == 0x80)
			;
		t->query[len] = '\0';
	} else if (key >= ' ' && !(key & (KEYC_FUNC | KEYC_META))) {
		char mb[MB_LEN_MAX];
		mbstate_t st;
		memset(&st, 0, sizeof st);
		size_t n = wcrtomb(mb, (wchar_t)key, &st);
		if (n == (size_t)-1 || len + n >= sizeof t->query)
			return 1;
		memcpy(t->query + len, mb, n);
		t->query[len + n] = '\0';
	} else {
		return 0;
	}
	tree_hits_rescan(t);
	p->dirty = 1;
	return 1;
}

static int tree_cursor(struct pane *p, int *row, int *col)
{
	struct tree *t = p->state;

	if (!t->typing)
		return -1;
	*row = 0;
	*col = 1 + draw_text_width(t->query, strlen(t->query));
	return 0;
}

static void tree_scroll_by(struct pane *p, int delta)
{
	tree_move_sel(p, delta);
}

static void tree_title_extra(struct pane *p, char *out, size_t size)
{
	struct tree *t = p->state;
	const char *base = strrchr(t->m.root, '/');

	base = base && base[1] ? base + 1 : t->m.root;
	if (tree_filtering(t))
		snprintf(out, size, "filter");
	else if (draw_text_width(base, strlen(base)) == (int)strlen(base)) /* plain: safe to show */
		snprintf(out, size, "%s", base);
}

static void tree_free(struct pane *p)
{
	struct tree *t = p->state;

	tree_walk_free(&t->walk);
	tree_model_free(&t->m);
	free(t->hits);
	free(t);
}

static const struct pane_ops tree_ops = {
	.title = "Files",
	.draw = tree_draw,
	.key = tree_key,
	.cursor = tree_cursor,
	.scroll_by = tree_scroll_by,
	.title_extra = tree_title_extra,
	.free = tree_free,
	.wants_text = 1,
};

struct pane *pane_tree_new(const char *root)
{
	struct pane *p = xcalloc(1, sizeof *p);
	struct tree *t = xcalloc(1, sizeof *t);

	tree_model_init(&t->m, root);
	tree_walk_init(&t->walk, root, &t->m.ig);
	p->ops = &tree_ops;
	p->state = t;
	return p;
}

void pane_tree_set_root(struct pane *p, const char *root)
{
	struct tree *t = p->state;

	tree_walk_free(&t->walk);
	tree_model_free(&t->m);
	tree_model_init(&t->m, root);
	tree_walk_init(&t->walk, root, &t->m.ig);
	t->sel = t->top = 0;
	t->typing = 0;
	t->query[0] = '\0';
	tree_hits_rescan(t);
	p->dirty = 1;
}

void pane_tree_set_marks(struct pane *p, const struct tree_mark *marks, size_t n)
{
	struct tree *t = p->state;

	tree_model_set_marks(&t->m, marks, n);
	pane_tree_refresh(p); /* deleted files are listed from the marks */
}

void pane_tree_refresh(struct pane *p)
{
	struct tree *t = p->state;
	char *keep = t->sel < t->m.count ? xstrdup(t->m.n[t->sel].path) : NULL;

	tree_model_reload(&t->m);
	size_t at = keep ? tree_model_find(&t->m, keep) : (size_t)-1;
	if (at != (size_t)-1)
		t->sel = at;
	else if (t->sel >= t->m.count)
		t->sel = t->m.count ? t->m.count - 1 : 0;
	free(keep);
	tree_walk_reset(&t->walk); /* the filter's list is read again when shown */
	tree_hits_rescan(t);
	p->dirty = 1;
}
