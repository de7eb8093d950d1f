/* pane-stream: the output pane. The transcript, its wrapping, folds,
 * scrolling and search live in the curses-free model (stream-model.h);
 * this file draws it and turns keys into model calls.
 *
 * The pane takes printable keys first (wants_text) only so the one-row
 * search input can have them: while that input is closed, key() declines
 * them and they go on to the key bindings (n, N, /, g, G, Space here; q
 * quits as in any other pane but the editor).
 *
 * With agents the pane holds one transcript per agent (stream-tabs.h) and
 * a tab row on its first row; every key acts on the tab shown, so each
 * tab keeps its own place, follow-tail and search. */
#include "pane-stream.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "app.h"
#include "base/xmalloc.h"
#include "action.h"
#include "keymap.h"
#include "stream-draw.h"
#include "theme.h"
#include "wrap.h"

struct stream_pane {
	struct stream_tabs tabs; /* one transcript per agent; tab 0 the loop's */
	int searching;   /* the / input is open on the last row */
	struct buf input;
	int height;      /* transcript rows at the last draw (a page) */
	int win_rows;    /* rows of the content window */
	int input_col;   /* where the cursor goes in the input row */
};

#define SP(p) ((struct stream_pane *)(p)->state)
/* The transcript of the tab shown. */
#define CUR(sp) (&stream_tabs_current(&(sp)->tabs)->t)

void pane_stream_append(struct pane *p, enum stream_kind kind, const char *text, size_t len,
			int fresh)
{
	stream_tabs_append(&SP(p)->tabs, NULL, kind, text, len, fresh);
	p->dirty = 1;
}

void pane_stream_scroll(struct pane *p, int pages)
{
	struct stream_pane *sp = SP(p);
	int step = sp->height > 2 ? sp->height - 1 : 1;

	if (pages == 0)
		transcript_follow(CUR(sp));
	else
		transcript_scroll(CUR(sp), (long)pages * step);
	p->dirty = 1;
}

void pane_stream_end(struct pane *p)
{
	transcript_end(&stream_tabs_get(&SP(p)->tabs, NULL)->t);
	p->dirty = 1;
}

void pane_stream_tabs_show(struct pane *p)
{
	SP(p)->tabs.shown = 1;
	p->dirty = 1;
}

void pane_stream_tabs_prune(struct pane *p, int coders, int reviewer)
{
	stream_tabs_prune(&SP(p)->tabs, coders, reviewer);
	p->dirty = 1;
}

int pane_stream_tabs_shown(const struct pane *p)
{
	return SP(p)->tabs.shown;
}

void pane_stream_agent_append(struct pane *p, const struct orch_agent_id *who,
			      enum stream_kind kind, const char *text, size_t len, int fresh)
{
	stream_tabs_append(&SP(p)->tabs, who, kind, text, len, fresh);
	p->dirty = 1;
}

void pane_stream_agent_end(struct pane *p, const struct orch_agent_id *who)
{
	transcript_end(&stream_tabs_get(&SP(p)->tabs, who)->t);
	p->dirty = 1;
}

void pane_stream_agent_streaming(struct pane *p, const struct orch_agent_id *who, int streaming)
{
	stream_tabs_get(&SP(p)->tabs, who)->streaming = streaming;
	p->dirty = 1;
}

void pane_stream_agent_select(struct pane *p, const struct orch_agent_id *who)
{
	struct stream_tabs *ts = &SP(p)->tabs;
	struct stream_tab *tab = stream_tabs_get(ts, who);

	for (size_t i = 0; i < ts->n; i++)
		if (ts->tab[i] == tab)
			stream_tabs_select(ts, i);
	p->dirty = 1;
}

/* "/query" on the last row; the query's tail if it is too long. */
static void draw_input(WINDOW *w, int y, struct stream_pane *sp)
{
	int width = getmaxx(w);
	const char *q = sp->input.data ? sp->input.data : "";
	size_t len = sp->input.len, from = 0;

	while (from < len && wrap_width(q + from, len - from) > width - 2)
		do
			from++;
		while (from < len && (q[from] & 0xc0) == 0x80);
	stream_fill_row(w, y, theme_attr(TS_NORMAL));
	mvwaddstr(w, y, 0, "/");
	waddnstr(w, q + from, (int)(len - from));
	sp->input_col = 1 + wrap_width(q + from, len - from);
}

static void stream_draw(struct pane *p, WINDOW *w, int focused)
{
	struct stream_pane *sp = SP(p);
	struct transcript *t = CUR(sp);
	struct stream_row_info ri;
	int height = getmaxy(w);
	int head = sp->tabs.shown && height > 2 ? 1 : 0; /* the tab row */
	int rows = (sp->searching && height > 1 ? height - 1 : height) - head;

	sp->height = height - head;
	sp->win_rows = height;
	if (head)
		stream_draw_tabs(w, &sp->tabs);
	transcript_set_size(t, getmaxx(w), rows);
	size_t top = transcript_view_top(t);
	struct stream_pos pos = transcript_pos(t, top);
	long cursor = focused && t->has_cursor ? (long)transcript_abs(t, t->cursor) : -1;
	for (int y = 0; y < rows && transcript_row(t, pos, &ri); y++) {
		stream_draw_row(w, head + y, t, &ri, (long)top + y == cursor);
		if (!transcript_next(t, &pos))
			break;
	}
	if (transcript_unseen(t))
		stream_draw_marker(w, head + rows - 1);
	if (sp->searching)
		draw_input(w, height - 1, sp);
	wattrset(w, theme_attr(TS_NORMAL));
}

static int stream_cursor(struct pane *p, int *row, int *col)
{
	struct stream_pane *sp = SP(p);

	if (!sp->searching)
		return -1;
	*row = sp->win_rows - 1;
	*col = sp->input_col;
	return 0;
}

static void stream_title_extra(struct pane *p, char *out, size_t size)
{
	struct stream_pane *sp = SP(p);
	char found[96];
	const char *where = "";

	if (sp->searching) {
		snprintf(out, size, "%s", "search: Enter finds, Escape cancels");
		return;
	}
	transcript_search_status(CUR(sp), found, sizeof found);
	if (transcript_unseen(CUR(sp)))
		where = "new output \xe2\x86\x93 End follows";
	else if (!CUR(sp)->follow)
		where = "scrolled, End follows";
	snprintf(out, size, "%s%s%s", found, found[0] && where[0] ? " \xc2\xb7 " : "", where);
}

static void search_close(struct pane *p)
{
	SP(p)->searching = 0;
	buf_reset(&SP(p)->input);
	p->dirty = 1;
}

static void search_run(struct pane *p)
{
	struct stream_pane *sp = SP(p);
	char *query = xstrdup(sp->input.data ? sp->input.data : "");

	search_close(p);
	if (query[0])
		transcript_search(CUR(sp), query);
	free(query);
}

/* The search input's keys; everything else declined while it is closed. */
static int stream_key(struct pane *p, int key)
{
	struct stream_pane *sp = SP(p);

	if (!sp->searching)
		return 0;
	if (key == '\r' || key == '\n') {
		search_run(p);
	} else if (key == 27) {
		search_close(p);
	} else if (key == 0x7f || key == 8 || key == (KEYC_FUNC | KEY_BACKSPACE)) {
		while (sp->input.len > 0 && (sp->input.data[--sp->input.len] & 0xc0) == 0x80)
			;
		if (sp->input.data)
			sp->input.data[sp->input.len] = '\0';
	} else if (key >= ' ' && !(key & (KEYC_FUNC | KEYC_META))) {
		char mb[8];
		mbstate_t st;
		memset(&st, 0, sizeof st);
		size_t n = wcrtomb(mb, (wchar_t)key, &st);
		if (n != (size_t)-1)
			buf_append(&sp->input, mb, n);
	} else {
		return 0;
	}
	p->dirty = 1;
	return 1;
}

static void stream_scroll_by(struct pane *p, int delta)
{
	transcript_scroll(CUR(SP(p)), delta);
	p->dirty = 1;
}

static void stream_free(struct pane *p)
{
	stream_tabs_free(&SP(p)->tabs);
	buf_free(&SP(p)->input);
	free(p->state);
}

static const struct pane_ops stream_ops = {
	.title = "Output",
	.draw = stream_draw,
	.key = stream_key,
	.cursor = stream_cursor,
	.scroll_by = stream_scroll_by,
	.title_extra = stream_title_extra,
	.free = stream_free,
	.wants_text = 1,
};

struct pane *pane_stream_new(void)
{
	struct pane *p = xcalloc(1, sizeof *p);
	struct stream_pane *sp = xcalloc(1, sizeof *sp);

	stream_tabs_init(&sp->tabs);
	p->ops = &stream_ops;
	p->state = sp;
	return p;
}

/* The actions run with the output focused; they act on the output pane
 * whatever p is, so a binding can never reach another pane's state. */
#define OUT(a) ((a)->pane[PANE_STREAM])
#define TR(a) CUR(SP(OUT(a)))

static void act_up(struct app *a, struct pane *p) { (void)p; transcript_cursor_move(TR(a), -1); OUT(a)->dirty = 1; }
static void act_down(struct app *a, struct pane *p) { (void)p; transcript_cursor_move(TR(a), 1); OUT(a)->dirty = 1; }
static void act_top(struct app *a, struct pane *p) { (void)p; transcript_home(TR(a)); OUT(a)->dirty = 1; }
static void act_bottom(struct app *a, struct pane *p) { (void)p; transcript_follow(TR(a)); OUT(a)->dirty = 1; }

static void act_toggle(struct app *a, struct pane *p)
{
	(void)p;
	if (SP(OUT(a))->searching)
		search_run(OUT(a));
	else
		transcript_toggle_fold(TR(a));
	OUT(a)->dirty = 1;
}

static void act_search(struct app *a, struct pane *p)
{
	(void)p;
	SP(OUT(a))->searching = 1;
	buf_reset(&SP(OUT(a))->input);
	OUT(a)->dirty = 1;
}

static void search_step(struct app *a, int dir)
{
	if (TR(a)->query == NULL) {
		app_error(a, "nothing to find yet: press / in the output to search it");
		return;
	}
	transcript_search_step(TR(a), dir);
	OUT(a)->dirty = 1;
}

static void act_next(struct app *a, struct pane *p) { (void)p; search_step(a, 1); }
static void act_prev(struct app *a, struct pane *p) { (void)p; search_step(a, -1); }

/* Escape: closes the search input, else forgets the search (its marks go),
 * else does what Escape does elsewhere: dismiss the error. */
static void act_cancel(struct app *a, struct pane *p)
{
	(void)p;
	if (SP(OUT(a))->searching)
		search_close(OUT(a));
	else if (TR(a)->query)
		transcript_search_clear(TR(a));
	else
		status_dismiss(&a->status);
	OUT(a)->dirty = 1;
}

/* [ and ]: the agents' tabs, wrapping around. */
static void tab_step(struct app *a, int dir)
{
	struct stream_pane *sp = SP(OUT(a));

	if (!sp->tabs.shown) {
		app_error(a, "the output has no tabs: they appear when a loop uses agents "
			     "(an agents: section in config.yaml, or --agent)");
		return;
	}
	stream_tabs_step(&sp->tabs, dir);
	OUT(a)->dirty = 1;
}

static void act_tab_next(struct app *a, struct pane *p) { (void)p; tab_step(a, 1); }
static void act_tab_prev(struct app *a, struct pane *p) { (void)p; tab_step(a, -1); }

const struct action_def stream_actions[] = {
	{ "output.up", PANE_STREAM, "Up k", "move the output's cursor up (the view stops following)", act_up },
	{ "output.down", PANE_STREAM, "Down j", "move the output's cursor down (past the end: follow the tail)", act_down },
	{ "output.top", PANE_STREAM, "Home g", "go to the start of the session's transcript", act_top },
	{ "output.bottom", PANE_STREAM, "End G", "go to the end of the output and follow it as it streams", act_bottom },
	{ "output.toggle", PANE_STREAM, "Enter Space", "expand or fold the reasoning under the cursor (else the lowest in view)", act_toggle },
	{ "output.search", PANE_STREAM, "/", "search the transcript (lowercase matches any case)", act_search },
	{ "output.search-next", PANE_STREAM, "n", "go to the next match of the search", act_next },
	{ "output.search-prev", PANE_STREAM, "N", "go to the previous match of the search", act_prev },
	{ "output.tab-next", PANE_STREAM, "]", "show the next agent's tab (loop, planner, coders, reviewer)", act_tab_next },
	{ "output.tab-prev", PANE_STREAM, "[", "show the previous agent's tab", act_tab_prev },
	{ "output.cancel", PANE_STREAM, "Escape", "close the search (else dismiss the error in the status bar)", act_cancel },
	{ NULL, 0, NULL, NULL, NULL },
};
