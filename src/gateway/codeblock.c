/* codeblock: a line-by-line scan for CommonMark fenced code blocks. */
#include "gateway/codeblock.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xmalloc.h"

/* One line of the text: [s, s + n) without its line end, which is
 * [s + n, s + full). */
struct line {
	const char *s;
	size_t n;
	size_t full;
};

struct fence {
	char ch;       /* '`' or '~' */
	size_t len;    /* 3 or more */
	size_t indent; /* 0..3 spaces */
};

static size_t leading_spaces(const struct line *l)
{
	size_t i = 0;

	while (i < l->n && l->s[i] == ' ')
		i++;
	return i;
}

static int is_space_or_tab(char c)
{
	return c == ' ' || c == '\t';
}

/* A fence's indentation and run of '`' or '~'; 0 when the line has none. */
static int fence_run(const struct line *l, struct fence *f)
{
	f->indent = leading_spaces(l);
	if (f->indent > 3 || f->indent == l->n || (l->s[f->indent] != '`' && l->s[f->indent] != '~'))
		return 0;
	f->ch = l->s[f->indent];
	f->len = 0;
	while (f->indent + f->len < l->n && l->s[f->indent + f->len] == f->ch)
		f->len++;
	return f->len >= 3;
}

/* [s, s + n) without surrounding spaces and tabs; allocated. */
static char *trimmed(const char *s, size_t n)
{
	while (n && is_space_or_tab(*s))
		s++, n--;
	while (n && is_space_or_tab(s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* An opening fence: its run and its info string (allocated), or 0. */
static int is_opening(const struct line *l, struct fence *f, char **info)
{
	if (!fence_run(l, f))
		return 0;
	const char *rest = l->s + f->indent + f->len;
	size_t n = l->n - f->indent - f->len;
	if (f->ch == '`' && memchr(rest, '`', n) != NULL)
		return 0; /* inline code such as ```a``` b, not a fence */
	*info = trimmed(rest, n);
	return 1;
}

static int is_closing(const struct line *l, const struct fence *open)
{
	struct fence f;

	if (!fence_run(l, &f) || f.ch != open->ch || f.len < open->len)
		return 0;
	for (size_t i = f.indent + f.len; i < l->n; i++)
		if (!is_space_or_tab(l->s[i]))
			return 0;
	return 1;
}

/* The state of one scan. */
struct scan {
	struct codeblock *blocks;
	size_t n;
	struct codeblock *open; /* the block being read, or NULL */
	struct fence fence;     /* its opening fence */
	struct buf content;
	const char *prev;       /* the last non-blank line outside blocks, or NULL */
	size_t prev_n;
};

static void open_block(struct scan *sc, const struct fence *f, char *info, size_t lineno)
{
	sc->blocks = xreallocarray(sc->blocks, sc->n + 1, sizeof *sc->blocks);
	sc->open = &sc->blocks[sc->n++];
	*sc->open = (struct codeblock){
		.info = info,
		.preceding_line = sc->prev ? trimmed(sc->prev, sc->prev_n) : xstrdup(""),
		.line = lineno,
	};
	sc->fence = *f;
}

static void close_block(struct scan *sc, int closed)
{
	sc->open->content_len = sc->content.len;
	sc->open->content = buf_steal(&sc->content);
	sc->open->closed = closed;
	sc->open = NULL;
	sc->prev = NULL; /* a block's own lines never name the next block */
}

/* A content line, less up to the opening fence's indentation. */
static void add_content(struct scan *sc, const struct line *l)
{
	size_t skip = leading_spaces(l);

	if (skip > sc->fence.indent)
		skip = sc->fence.indent;
	buf_append(&sc->content, l->s + skip, l->full - skip);
}

static int is_blank(const struct line *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (!is_space_or_tab(l->s[i]))
			return 0;
	return 1;
}

static void scan_line(struct scan *sc, const struct line *l, size_t lineno)
{
	struct fence f;
	char *info;

	if (sc->open && is_closing(l, &sc->fence))
		close_block(sc, 1);
	else if (sc->open)
		add_content(sc, l);
	else if (is_opening(l, &f, &info))
		open_block(sc, &f, info, lineno);
	else if (!is_blank(l))
		sc->prev = l->s, sc->prev_n = l->n;
}

size_t codeblock_parse(const char *text, size_t len, struct codeblock **out)
{
	struct scan sc = { 0 };
	const char *p = text, *end = text + len;

	for (size_t lineno = 1; p < end; lineno++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		struct line l = { p, (size_t)((nl ? nl : end) - p), (size_t)((nl ? nl + 1 : end) - p) };
		if (l.n && p[l.n - 1] == '\r')
			l.n--;
		scan_line(&sc, &l, lineno);
		p += l.full;
	}
	if (sc.open)
		close_block(&sc, 0);
	*out = sc.blocks;
	return sc.n;
}

void codeblock_free_all(struct codeblock *blocks, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(blocks[i].info);
		free(blocks[i].content);
		free(blocks[i].preceding_line);
	}
	free(blocks);
}
