/* pane-prompt: the multi-line prompt editor pane: drawing, typed text,
 * bracketed paste and Ctrl-X Ctrl-E. The text and its undo live in editbuf.c, the keys (the
 * prompt.* actions, history, search, $VISUAL) in pane-prompt-keys.c. Enter
 * inserts a newline; submitting is the app's global action, which takes
 * pane_prompt_text() and then calls pane_prompt_submitted(). */
#include "pane-prompt.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "app.h"
#include "base/paths.h"
#include "base/xmalloc.h"
#include "keymap.h"
#include "pane-prompt-int.h"
#include "theme.h"
#include "wrap.h"

/* The offset in the match where the query starts: the cursor goes there,
 * as in the shell's reverse search. */
static size_t search_cursor(const struct prompt *s)
{
	const char *text = s->search.shown.data ? s->search.shown.data : "";
	const char *at = s->search.query.len ? strstr(text, s->search.query.data) : NULL;

	return at ? (size_t)(at - text) : 0;
}

/* What is shown: the text, or the search's match over it. A read-only
 * editbuf view, so rows and cursor are found the same way for both. */
static const struct editbuf *prompt_shown(struct prompt *s, struct editbuf *view)
{
	if (!s->search.on || s->search.match < 0)
		return &s->eb;
	memset(view, 0, sizeof *view);
	view->text = s->search.shown;
	view->cursor = search_cursor(s);
	return view;
}

/* Scroll so the cursor's row is in view, and no further than needed. */
static void prompt_scroll(struct prompt *s, int rows, int height)
{
	if (s->crow < s->top)
		s->top = s->crow;
	if (s->crow >= s->top + height)
		s->top = s->crow - height + 1;
	if (s->top > 0 && rows - s->top < height)
		s->top = rows > height ? rows - height : 0;
}

static void prompt_draw(struct pane *p, WINDOW *w, int focused)
{
	struct prompt *s = PROMPT(p);
	struct editbuf view;
	const struct editbuf *eb = prompt_shown(s, &view);
	int height = getmaxy(w), width = getmaxx(w);
	const char *text = editbuf_text(eb);
	size_t len = editbuf_len(eb), pos = 0, end, next;

	/* One column is kept free so the cursor can sit after a full row. */
	s->width = width > 1 ? width - 1 : 1;
	editbuf_locate(eb, s->width, eb->cursor, &s->crow, &s->ccol);
	prompt_scroll(s, editbuf_rows(eb, s->width), height);
	wattrset(w, theme_attr(eb == &s->eb ? TS_EDITOR : TS_MATCH));
	for (int row = 0; row < s->top + height && wrap_row(text, len, pos, s->width, &end, &next);
	     row++, pos = next)
		if (row >= s->top)
			mvwaddnstr(w, row - s->top, 0, text + pos, (int)(end - pos));
	if (len == 0 && !focused) {
		wattrset(w, theme_attr(TS_STREAM_NOTE));
		mvwaddnstr(w, 0, 0, "Type a prompt; Ctrl-S sends it.", width);
	}
	wattrset(w, theme_attr(TS_NORMAL));
}

static int prompt_cursor(struct pane *p, int *row, int *col)
{
	*row = PROMPT(p)->crow - PROMPT(p)->top;
	*col = PROMPT(p)->ccol;
	return 0;
}

/* Keys no action took: printable characters (first, as wants_text asks),
 * DEL from terminals whose Backspace is not in terminfo, C-j. */
static int prompt_key(struct pane *p, int key)
{
	struct prompt *s = PROMPT(p);

	if (s->prefix) { /* C-x then anything but C-e: the pair means nothing */
		s->prefix = 0;
		p->dirty = 1;
		return 1;
	}
	if (prompt_search_key(p, key)) {
		p->dirty = 1;
		return 1;
	}
	if (key == 0x7f) {
		s->goal = -1;
		editbuf_backspace(&s->eb);
	} else if (key == '\n') {
		s->goal = -1;
		editbuf_insert(&s->eb, "\n", 1);
	} else if (key >= ' ' && !(key & (KEYC_FUNC | KEYC_META))) {
		char mb[MB_LEN_MAX];
		struct buf clean = BUF_INIT;
		mbstate_t st;
		memset(&st, 0, sizeof st);
		size_t n = wcrtomb(mb, (wchar_t)key, &st);
		if (n != (size_t)-1)
			editbuf_clean(mb, n, &clean);
		if (clean.len)
			editbuf_type(&s->eb, clean.data, clean.len);
		buf_free(&clean);
		s->goal = -1;
	} else {
		return 0;
	}
	p->dirty = 1;
	return 1;
}

/* A paste is text, one undo step, never a submit: Enter inside it is a
 * newline like any other. */
static void prompt_paste(struct pane *p, const char *text, size_t len)
{
	struct prompt *s = PROMPT(p);
	struct buf clean = BUF_INIT;

	s->prefix = 0;
	prompt_search_accept(p);
	editbuf_clean(text, len, &clean);
	if (clean.len)
		editbuf_insert(&s->eb, clean.data, clean.len);
	buf_free(&clean);
	s->goal = -1;
	p->dirty = 1;
}

static int write_all(int fd, const char *s, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, s, len);
		if (n <= 0)
			return -1;
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The file the editor left, as the new text (one undo step); editors end
 * files with a newline the prompt did not have. */
static void external_read_back(struct pane *p, const char *path)
{
	struct prompt *s = PROMPT(p);
	size_t len;
	char *data = paths_read_file(path, &len);
	struct buf clean = BUF_INIT;

	if (data == NULL) {
		app_error(p->app, "cannot read %s back from the editor: the prompt is unchanged", path);
		return;
	}
	editbuf_clean(data, len, &clean);
	while (clean.len && clean.data[clean.len - 1] == '\n')
		clean.data[--clean.len] = '\0';
	prompt_set_text(s, clean.data ? clean.data : "");
	buf_free(&clean);
	free(data);
}

/* Ctrl-X Ctrl-E: the text in $VISUAL/$EDITOR, the TUI suspended meanwhile. */
void prompt_external(struct pane *p)
{
	const char *tmp = getenv("TMPDIR");
	char *path = xasprintf("%s/faos-prompt-XXXXXX.md", tmp && tmp[0] ? tmp : "/tmp"), *err = NULL;
	int fd = mkstemps(path, 3);
	const char *text = editbuf_text(&PROMPT(p)->eb);

	int failed = fd < 0 || write_all(fd, text, strlen(text)) < 0;
	if (fd >= 0 && close(fd) < 0)
		failed = 1;
	if (failed) {
		char *msg = paths_error("cannot write the prompt for the editor to", path);
		app_error(p->app, "%s", msg);
		free(msg);
		if (fd >= 0)
			unlink(path);
		free(path);
		return;
	}
	char **argv = app_editor_argv(path);
	int rc = app_external(p->app, argv, &err);
	if (rc < 0) {
		app_error(p->app, "%s", err);
		free(err);
	} else if (rc != 0) {
		const char *slash = strrchr(argv[0], '/');
		app_error(p->app, "%s exited with status %d: the prompt is unchanged",
			  slash ? slash + 1 : argv[0], rc);
	} else {
		external_read_back(p, path);
	}
	app_argv_free(argv);
	unlink(path);
	free(path);
}

static void prompt_free(struct pane *p)
{
	struct prompt *s = PROMPT(p);

	editbuf_free(&s->eb);
	history_free(&s->hist);
	free(s->draft);
	buf_free(&s->search.query);
	buf_free(&s->search.shown);
	free(s);
}

static const struct pane_ops prompt_ops = {
	.title = "Prompt",
	.draw = prompt_draw,
	.key = prompt_key,
	.cursor = prompt_cursor,
	.paste = prompt_paste,
	.title_extra = prompt_title_extra,
	.free = prompt_free,
	.wants_text = 1,
};

const char *pane_prompt_text(struct pane *p)
{
	prompt_search_accept(p); /* what is sent is what the user sees */
	return editbuf_text(&PROMPT(p)->eb);
}

void pane_prompt_clear(struct pane *p)
{
	struct prompt *s = PROMPT(p);

	prompt_search_accept(p);
	editbuf_reset(&s->eb);
	s->top = 0;
	s->goal = -1;
	s->prefix = 0;
	s->hist_at = -1;
	free(s->draft);
	s->draft = NULL;
	p->dirty = 1;
}

void pane_prompt_submitted(struct pane *p)
{
	struct history *h = prompt_history(p);
	char *err = NULL;

	if (h && history_add(h, pane_prompt_text(p), &err) < 0) {
		app_error(p->app, "%s", err); /* the prompt still goes; only its recall is lost */
		free(err);
	}
	pane_prompt_clear(p);
}

struct pane *pane_prompt_new(void)
{
	struct pane *p = xcalloc(1, sizeof *p);
	struct prompt *s = xcalloc(1, sizeof *s);

	editbuf_init(&s->eb);
	s->goal = -1;
	s->hist_at = -1;
	s->search.match = -1;
	p->ops = &prompt_ops;
	p->state = s;
	return p;
}
