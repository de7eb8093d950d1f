/* critique-parse: the reviewer's answer as a verdict and comments; see
 * critique.h. */
#include "orch/critique.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/xmalloc.h"

struct line {
	const char *p;
	size_t n;
};

/* What follows the last </think>: the answer proper. */
static const char *after_think(const char *text, size_t *len)
{
	const char *end = text + *len, *from = text;
	for (const char *t; (t = memmem(from, (size_t)(end - from), "</think>", 8));)
		from = t + 8;
	*len = (size_t)(end - from);
	return from;
}

static bool starts_ci(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word);
	return n >= w && strncasecmp(s, word, w) == 0;
}

/* The verdict word at the start of s, as a whole word; its length in *w. */
static enum critique_verdict verdict_word(const char *s, size_t n, size_t *w)
{
	static const struct { const char *word; enum critique_verdict v; } words[] = {
		{ "APPROVED", CRITIQUE_APPROVE }, { "APPROVE", CRITIQUE_APPROVE },
		{ "REQUEST CHANGES", CRITIQUE_CHANGES }, { "REQUEST_CHANGES", CRITIQUE_CHANGES },
		{ "REQUEST-CHANGES", CRITIQUE_CHANGES }, { "REQUESTED CHANGES", CRITIQUE_CHANGES },
		{ "CHANGES REQUESTED", CRITIQUE_CHANGES },
	};
	for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
		*w = strlen(words[k].word);
		if (starts_ci(s, n, words[k].word) &&
		    (*w == n || !(isalnum((unsigned char)s[*w]) || s[*w] == '_')))
			return words[k].v;
	}
	return CRITIQUE_UNCLEAR;
}

/* The verdict a line gives: at its start, less markdown and a "Verdict:"
 * label; alone says the line must hold nothing else (but punctuation). */
static enum critique_verdict verdict_of(struct line l, bool alone)
{
	size_t i = 0, w;
	while (i < l.n && strchr(" \t#>*_`-", l.p[i]))
		i++;
	if (starts_ci(l.p + i, l.n - i, "verdict"))
		for (i += 7; i < l.n && strchr(" \t:*_`-", l.p[i]); i++)
			;
	enum critique_verdict v = verdict_word(l.p + i, l.n - i, &w);
	if (v == CRITIQUE_UNCLEAR || !alone)
		return v;
	for (size_t j = i + w; j < l.n; j++)
		if (!strchr(" \t*_`.!:", l.p[j]))
			return CRITIQUE_UNCLEAR;
	return v;
}

static bool path_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '/' || c == '-' || c == '.';
}

/* The leftmost known path in l named as a word (the longer on a tie):
 * its index, or -1; *at is its offset. */
static long find_path(struct line l, char *const *paths, size_t npaths, size_t *at)
{
	long best = -1;
	for (size_t k = 0; k < npaths; k++) {
		size_t w = strlen(paths[k]);
		for (const char *p = l.p; w && (p = memmem(p, l.n - (size_t)(p - l.p), paths[k], w));
		     p++) {
			size_t off = (size_t)(p - l.p);
			char after = off + w < l.n ? l.p[off + w] : ' ';
			bool word = (off == 0 || !path_char(l.p[off - 1])) &&
				    (!path_char(after) ||
				     (after == '.' && (off + w + 1 >= l.n || !path_char(l.p[off + w + 1]))));
			if (!word)
				continue;
			if (best < 0 || off < *at || (off == *at && w > strlen(paths[best]))) {
				best = (long)k;
				*at = off;
			}
			break;
		}
	}
	return best;
}

/* A line number right at s ("12", "L12"), or 0; *used gets its length. */
static long number_at(const char *s, size_t n, size_t *used)
{
	size_t i = n && (s[0] == 'L' || s[0] == 'l') ? 1 : 0;
	long v = 0;
	size_t d = i;
	while (d < n && isdigit((unsigned char)s[d]) && v < 100000000)
		v = v * 10 + (s[d++] - '0');
	*used = d;
	return d > i ? v : 0;
}

/* "path:12", "path line 12", "path (line 12)", "path, lines 12-14",
 * "path#L12" right after the path; *used: how much of it there is. */
static long line_after(const char *s, size_t n, size_t *used)
{
	size_t i = 0, k;
	while (i < n && strchr("`*_", s[i]))
		i++;
	if (i < n && (s[i] == ':' || s[i] == '#')) {
		long v = number_at(s + i + 1, n - i - 1, &k);
		if (v) {
			*used = i + 1 + k;
			return v;
		}
	}
	while (i < n && strchr(" ,(", s[i]))
		i++;
	size_t word = starts_ci(s + i, n - i, "lines ") ? 6 : starts_ci(s + i, n - i, "line ") ? 5 : 0;
	long v = word ? number_at(s + i + word, n - i - word, &k) : 0;
	*used = v ? i + word + k : 0;
	return v;
}

/* "line 12" anywhere in the comment. */
static long line_anywhere(struct line l)
{
	for (size_t i = 0; i + 5 < l.n; i++)
		if ((i == 0 || !isalnum((unsigned char)l.p[i - 1])) && starts_ci(l.p + i, l.n - i, "line")) {
			size_t j = i + 4 + (l.p[i + 4] == 's'), k;
			while (j < l.n && l.p[j] == ' ')
				j++;
			long v = number_at(l.p + j, l.n - j, &k);
			if (v && k && l.p[j] != 'L' && l.p[j] != 'l')
				return v;
		}
	return 0;
}

static struct line trim(struct line l)
{
	while (l.n && isspace((unsigned char)l.p[0]))
		l.p++, l.n--;
	while (l.n && isspace((unsigned char)l.p[l.n - 1]))
		l.n--;
	return l;
}

/* The line less its bullet ("- ", "* ", "+ ", "1. ", "2) "); *bullet set. */
static struct line unbullet(struct line l, bool *bullet)
{
	size_t i = 0;
	while (i < l.n && isdigit((unsigned char)l.p[i]))
		i++;
	if (i && i + 1 < l.n && (l.p[i] == '.' || l.p[i] == ')') && l.p[i + 1] == ' ')
		l.p += i + 2, l.n -= i + 2, *bullet = true;
	else if (l.n >= 2 && strchr("-*+", l.p[0]) && l.p[1] == ' ')
		l.p += 2, l.n -= 2, *bullet = true;
	else
		*bullet = false;
	return trim(l);
}

struct builder {
	struct critique *out;
	char *const *paths;
	size_t npaths;
	const char *context_path; /* the file a heading named, for the lines under it */
	struct buf text;          /* the comment being gathered */
	long path, line;
};

static void flush(struct builder *b)
{
	if (!b->text.len)
		return;
	struct critique *c = b->out;
	c->comments = xreallocarray(c->comments, c->ncomments + 1, sizeof *c->comments);
	struct critique_comment *cm = &c->comments[c->ncomments++];
	cm->path = b->path >= 0 ? xstrdup(b->paths[b->path]) :
		   b->context_path ? xstrdup(b->context_path) : NULL;
	cm->line = b->line;
	cm->text = buf_steal(&b->text);
	b->path = -1;
	b->line = 0;
}

/* A new comment from l: its path and line found, "path:12:" taken off
 * its front. */
static void start_comment(struct builder *b, struct line l)
{
	size_t at = 0, used = 0;
	flush(b);
	b->path = find_path(l, b->paths, b->npaths, &at);
	b->line = 0;
	if (b->path >= 0) {
		size_t w = strlen(b->paths[b->path]);
		size_t lead = strspn(l.p, "`*_");
		b->line = line_after(l.p + at + w, l.n - at - w, &used);
		if (at == lead) { /* the comment starts with its path: keep the rest */
			size_t cut = at + w + used;
			cut += strspn(l.p + cut, "`*_");
			while (cut < l.n && strchr(" :,-)\t", l.p[cut]))
				cut++;
			if (cut < l.n)
				l.p += cut, l.n -= cut;
		}
	}
	if (!b->line)
		b->line = line_anywhere(l);
	buf_append(&b->text, l.p, l.n);
}

/* A heading or a "path:" line alone names the file of the lines under it. */
static bool context_line(struct builder *b, struct line l)
{
	size_t at = 0, i = strspn(l.p, "#*_` ");
	bool heading = l.n && l.p[0] == '#';
	long k = find_path(l, b->paths, b->npaths, &at);
	if (k < 0 || at != i)
		return heading;
	size_t rest = at + strlen(b->paths[k]);
	rest += strspn(l.p + rest, "`*_: ");
	if (!heading && rest < l.n)
		return false;
	flush(b);
	b->context_path = b->paths[k];
	return true;
}

static void comment_line(struct builder *b, struct line raw)
{
	struct line l = trim(raw);
	bool bullet;
	if (!l.n) {
		flush(b);
		return;
	}
	if (context_line(b, l))
		return;
	bool indented = raw.n && (raw.p[0] == ' ' || raw.p[0] == '\t');
	l = unbullet(l, &bullet);
	if (!bullet && indented && b->text.len) { /* continues the comment above */
		buf_append_char(&b->text, ' ');
		buf_append(&b->text, l.p, l.n);
		return;
	}
	start_comment(b, l);
}

static size_t split_lines(const char *text, size_t len, struct line **out)
{
	size_t n = 0;
	*out = NULL;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - text) : len;
		*out = xreallocarray(*out, n + 1, sizeof **out);
		(*out)[n++] = (struct line){ text + i, e - i };
		i = e + 1;
	}
	return n;
}

void critique_parse(const char *text, size_t len, char *const *paths, size_t npaths,
		    struct critique *out)
{
	struct line *lines;
	memset(out, 0, sizeof *out);
	text = after_think(text, &len);
	size_t n = split_lines(text, len, &lines), first = 0, said = n;
	while (first < n && !trim(lines[first]).n)
		first++;
	/* The first line says it; else a later line that is a verdict alone
	 * ("Approve once fixed" is not one). */
	for (size_t i = first; i < n && out->verdict == CRITIQUE_UNCLEAR; i++) {
		out->verdict = verdict_of(trim(lines[i]), i != first);
		if (out->verdict != CRITIQUE_UNCLEAR)
			said = i;
	}
	struct builder b = { .out = out, .paths = paths, .npaths = npaths, .path = -1 };
	for (size_t i = first; i < n; i++)
		if (i != said)
			comment_line(&b, lines[i]);
	flush(&b);
	buf_free(&b.text);
	free(lines);
}

void critique_free(struct critique *c)
{
	for (size_t i = 0; i < c->ncomments; i++) {
		free(c->comments[i].path);
		free(c->comments[i].text);
	}
	free(c->comments);
	memset(c, 0, sizeof *c);
}

const char *critique_verdict_name(enum critique_verdict v)
{
	return v == CRITIQUE_APPROVE ? "approve" : v == CRITIQUE_CHANGES ? "request_changes" :
	       "unclear";
}
