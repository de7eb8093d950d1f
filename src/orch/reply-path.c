/* reply-path: the path a line names ("src/app.py", "**`src/app.py`**:",
 * "File: src/app.py", "### 1. `src/app.py` (new)"), the path in a fence's
 * info string, and "DELETE path" lines. Leniency has a limit: a line of
 * prose never names a file, so a path line is one word (once its markdown
 * is taken off) that looks like a file name. */
#include <string.h>

#include "base/xmalloc.h"
#include "orch/reply-impl.h"

/* Common file names without an extension, taken on a line of their own. */
static const char bare_names[] = "Makefile|GNUmakefile|Dockerfile|Containerfile|Vagrantfile|"
				 "Jenkinsfile|Procfile|Gemfile|Rakefile|Justfile|LICENSE|"
				 "COPYING|README|CHANGELOG|AUTHORS";

enum path_mode {
	PATH_NAMED,    /* has '/' or an extension */
	PATH_BARE,     /* or is one of bare_names */
	PATH_EXPLICIT, /* any word: the model said it is a path */
	PATH_QUOTED,   /* or words: title="my notes.md" */
};

/* Characters that never appear in a path a model means (a colon would be
 * a URL or "file:line"; '*' and '`' are leftover markdown). */
static int bad_path_char(unsigned char c, enum path_mode mode)
{
	if (c == ' ')
		return mode != PATH_QUOTED;
	return c < ' ' || c == 0x7f || (c < 0x80 && strchr("`*\"<>|:", c) != NULL);
}

static int path_like(struct span p, enum path_mode mode)
{
	int alnum = 0, named = 0;

	if (p.n == 0 || p.n > REPLY_PATH_MAX)
		return 0;
	for (size_t i = 0; i < p.n; i++) {
		unsigned char c = (unsigned char)p.s[i];
		if (bad_path_char(c, mode))
			return 0;
		alnum |= ascii_alnum(c) || c >= 0x80;
		named |= c == '/' || c == '.';
	}
	char last = p.s[p.n - 1];
	if (!alnum || last == '.' || last == '/' || last == ',' || last == ';')
		return 0;
	if (named || mode >= PATH_EXPLICIT)
		return 1;
	return mode == PATH_BARE && reply_one_of(p, bare_names);
}

/* "# ", "### " */
static void skip_heading(struct span *l)
{
	struct span t = *l;
	size_t k = span_skip_run(&t, '#');

	if (k >= 1 && k <= 6 && t.n && is_blank_char(t.s[0])) {
		reply_trim(&t);
		*l = t;
	}
}

/* "- ", "* ", "+ ", "1. ", "2) " */
static void skip_list_marker(struct span *l)
{
	size_t k = 0;

	if (l->n && l->s[0] != '\0' && strchr("-*+", l->s[0]) != NULL)
		k = 1;
	else {
		while (k < l->n && k < 4 && l->s[k] >= '0' && l->s[k] <= '9')
			k++;
		if (k == 0 || k == 4 || k == l->n || (l->s[k] != '.' && l->s[k] != ')'))
			return;
		k++;
	}
	if (k < l->n && is_blank_char(l->s[k])) {
		span_skip(l, k);
		reply_trim(l);
	}
}

/* "src/app.py (new file)" -> "src/app.py" */
static void drop_parenthetical(struct span *l)
{
	if (l->n < 3 || l->s[l->n - 1] != ')')
		return;
	for (size_t i = l->n - 1; i > 0; i--)
		if (l->s[i] == '(') {
			if (is_blank_char(l->s[i - 1]))
				l->n = i - 1;
			return;
		}
}

static void strip_ends(struct span *l, char c)
{
	span_skip_run(l, c);
	while (l->n && l->s[l->n - 1] == c)
		l->n--;
}

/* `x`, "x", 'x' */
static void unwrap_pairs(struct span *l)
{
	if (l->n >= 2 && l->s[0] == '`' && l->s[l->n - 1] == '`')
		strip_ends(l, '`');
	else if (l->n >= 2 && (l->s[0] == '"' || l->s[0] == '\'') && l->s[l->n - 1] == l->s[0])
		span_skip(l, 1), l->n--;
	else if (l->n > 4 && l->s[0] == '_' && l->s[1] == '_' && l->s[l->n - 1] == '_' &&
		 l->s[l->n - 2] == '_')
		span_skip(l, 2), l->n -= 2;
}

static const char labels[] = "file|filename|file name|file path|filepath|path|"
			     "new file|updated file|modified file";

/* "File:", "**File:**", "**Path**:"; returns 1 when one was removed. */
static int skip_label(struct span *l)
{
	for (const char *w = labels; *w;) {
		size_t n = strcspn(w, "|");
		struct span t = *l;
		size_t i = 0;
		while (i < n && i < t.n && ascii_lower(t.s[i]) == w[i])
			i++;
		w += n + (w[n] == '|');
		if (i < n)
			continue;
		span_skip(&t, n);
		span_skip_run(&t, '*');
		if (span_skip_run(&t, ':') == 0)
			continue;
		span_skip_run(&t, '*');
		reply_trim(&t);
		*l = t;
		return 1;
	}
	return 0;
}

/* One layer of decoration off; returns 1 when something was removed. */
static int undecorate(struct span *l, int *explicit)
{
	struct span was = *l;

	reply_trim(l);
	if (l->n && l->s[l->n - 1] == ':')
		l->n--;
	drop_parenthetical(l);
	strip_ends(l, '*');
	unwrap_pairs(l);
	if (skip_label(l))
		*explicit = 1;
	return l->s != was.s || l->n != was.n;
}

char *reply_path_from_line(struct span l, int explicit)
{
	reply_trim(&l);
	if (l.n == 0 || l.n > REPLY_PATH_MAX + 64)
		return NULL;
	skip_heading(&l);
	skip_list_marker(&l);
	for (int i = 0; i < 8 && undecorate(&l, &explicit); i++)
		;
	if (!path_like(l, explicit ? PATH_EXPLICIT : PATH_BARE))
		return NULL;
	return xstrndup(l.s, l.n);
}

/* The value of title=, file=, filename= or path=; *quoted says how. */
static struct span info_attr(struct span info, int *quoted)
{
	static const char keys[] = "title|file|filename|path";

	for (size_t i = 0; i < info.n; i++) {
		if (info.s[i] != '=' || i == 0)
			continue;
		size_t k = i;
		while (k > 0 && (ascii_alnum((unsigned char)info.s[k - 1]) || info.s[k - 1] == '_'))
			k--;
		if (!reply_one_of((struct span){ info.s + k, i - k }, keys))
			continue;
		struct span v = { info.s + i + 1, info.n - i - 1 };
		char q = v.n ? v.s[0] : 0;
		size_t end = 0;
		*quoted = q == '"' || q == '\'';
		if (*quoted) {
			span_skip(&v, 1);
			while (end < v.n && v.s[end] != q)
				end++;
		} else
			while (end < v.n && !is_blank_char(v.s[end]) && v.s[end] != '}' &&
			       v.s[end] != ',')
				end++;
		return (struct span){ v.s, end };
	}
	return (struct span){ NULL, 0 };
}

static char *take(struct span p, enum path_mode mode)
{
	return path_like(p, mode) ? xstrndup(p.s, p.n) : NULL;
}

char *reply_path_from_info(struct span info)
{
	int quoted = 0;
	struct span attr = info_attr(info, &quoted), rest = info;
	char *path;

	if (attr.s)
		return take(attr, quoted ? PATH_QUOTED : PATH_EXPLICIT);
	struct span lang = reply_next_word(&rest);
	if ((path = take(lang, PATH_NAMED)) != NULL)
		return path;
	/* "python:src/app.py" */
	const char *colon = memchr(lang.s, ':', lang.n);
	if (colon != NULL) {
		size_t k = (size_t)(colon - lang.s) + 1;
		if ((path = take((struct span){ lang.s + k, lang.n - k }, PATH_NAMED)) != NULL)
			return path;
	}
	struct span second = reply_next_word(&rest);
	unwrap_pairs(&second);
	return take(second, PATH_BARE);
}

char *reply_delete_path(struct span l)
{
	reply_trim(&l);
	skip_list_marker(&l);
	span_skip_run(&l, '*');
	if (l.n < 8 || memcmp(l.s, "DELETE", 6) != 0)
		return NULL;
	span_skip(&l, 6);
	span_skip_run(&l, '*');
	if (!l.n || (l.s[0] != ':' && !is_blank_char(l.s[0])))
		return NULL;
	span_skip_run(&l, ':');
	return reply_path_from_line(l, 1);
}
