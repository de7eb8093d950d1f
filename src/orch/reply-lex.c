/* reply-lex: what one line of a model's reply is (fence, SEARCH/REPLACE
 * marker, think tag) and the span helpers the other reply files share.
 * Lines may hold NUL bytes: every scan is bounded by the span's length. */
#include <string.h>

#include "orch/reply-impl.h"

int reply_blank(struct span l)
{
	for (size_t i = 0; i < l.n; i++)
		if (!is_blank_char(l.s[i]))
			return 0;
	return 1;
}

void reply_trim(struct span *l)
{
	while (l->n && is_blank_char(l->s[0]))
		l->s++, l->n--;
	while (l->n && is_blank_char(l->s[l->n - 1]))
		l->n--;
}

static int starts_ci(struct span l, const char *lit)
{
	size_t n = strlen(lit);

	if (l.n < n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (ascii_lower(l.s[i]) != ascii_lower(lit[i]))
			return 0;
	return 1;
}

static int equals_ci(struct span l, const char *lit)
{
	return l.n == strlen(lit) && starts_ci(l, lit);
}

/* l is the n bytes of w (ASCII case ignored). */
static int word_is(struct span l, const char *w, size_t n)
{
	size_t i = 0;

	if (l.n != n)
		return 0;
	while (i < n && ascii_lower(l.s[i]) == ascii_lower(w[i]))
		i++;
	return i == n;
}

/* l is one of the '|'-separated words of list. */
int reply_one_of(struct span l, const char *list)
{
	while (*list) {
		size_t n = strcspn(list, "|");
		if (word_is(l, list, n))
			return 1;
		list += n + (list[n] == '|');
	}
	return 0;
}

int reply_fence(struct span l, struct fence *f, struct span *info)
{
	struct span rest = l;

	f->indent = span_skip_run(&rest, ' ');
	if (rest.n == 0 || (rest.s[0] != '`' && rest.s[0] != '~'))
		return 0;
	f->ch = rest.s[0];
	f->len = span_skip_run(&rest, f->ch);
	if (f->len < 3)
		return 0;
	/* "```a``` b" is inline code, not a fence (CommonMark) */
	if (f->ch == '`' && memchr(rest.s, '`', rest.n) != NULL)
		return 0;
	reply_trim(&rest);
	*info = rest;
	return 1;
}

int reply_fence_closes(struct span l, const struct fence *open)
{
	struct fence f;
	struct span info;

	/* Indented up to 3 past the opening fence: a list item's block
	 * closes at the list's indentation, while a code line indented
	 * deeper stays content. */
	return reply_fence(l, &f, &info) && info.n == 0 && f.ch == open->ch &&
	       f.len >= open->len && f.indent <= open->indent + 3;
}

/* 5 to 9 of c, as aider and the models trained on it write them. */
enum reply_marker reply_marker(struct span l)
{
	if (l.n < 5 || (l.s[0] != '<' && l.s[0] != '=' && l.s[0] != '>'))
		return MK_NONE;
	char c = l.s[0];
	size_t k = span_skip_run(&l, c);
	reply_trim(&l);
	if (k < 5 || k > 9)
		return MK_NONE;
	if (c == '=')
		return l.n == 0 ? MK_DIVIDER : MK_NONE;
	if (c == '<')
		return equals_ci(l, "SEARCH") ? MK_SEARCH : MK_NONE;
	return equals_ci(l, "REPLACE") ? MK_REPLACE : MK_NONE;
}

size_t reply_think_open(struct span l, const char **closer)
{
	size_t lead = 0;

	while (lead < l.n && is_blank_char(l.s[lead]))
		lead++;
	span_skip(&l, lead);
	if (l.n >= 7 && memcmp(l.s, "<think>", 7) == 0) {
		*closer = "</think>";
		return lead + 7;
	}
	if (l.n >= 10 && memcmp(l.s, "<thinking>", 10) == 0) {
		*closer = "</thinking>";
		return lead + 10;
	}
	return 0;
}

int reply_think_close_line(struct span l)
{
	reply_trim(&l);
	return (l.n >= 8 && memcmp(l.s, "</think>", 8) == 0) ||
	       (l.n >= 11 && memcmp(l.s, "</thinking>", 11) == 0);
}

/* Each line of content ([s, s + n), LF ends) in turn. */
int reply_next_line(const char **s, const char *end, struct span *l)
{
	if (*s >= end)
		return 0;
	const char *nl = memchr(*s, '\n', (size_t)(end - *s));
	*l = (struct span){ *s, (size_t)((nl ? nl : end) - *s) };
	*s = nl ? nl + 1 : end;
	return 1;
}

/* The next blank-separated word of *rest. */
struct span reply_next_word(struct span *rest)
{
	struct span w;
	size_t k = 0;

	reply_trim(rest);
	while (k < rest->n && !is_blank_char(rest->s[k]))
		k++;
	w = (struct span){ rest->s, k };
	span_skip(rest, k);
	return w;
}

int reply_info_is_run(struct span info)
{
	struct span first = reply_next_word(&info), second = reply_next_word(&info);

	if (reply_next_word(&info).n != 0)
		return 0;
	if (second.n == 0)
		return equals_ci(first, "run");
	return equals_ci(second, "run") && reply_one_of(first, "sh|bash|shell|zsh|console");
}

int reply_info_lang(struct span info, const char *words)
{
	return reply_one_of(reply_next_word(&info), words);
}

int reply_path_ends(const char *path, const char *suffixes)
{
	size_t n = strlen(path);

	while (*suffixes) {
		size_t k = strcspn(suffixes, "|");
		if (k <= n && word_is((struct span){ path + n - k, k }, suffixes, k))
			return 1;
		suffixes += k + (suffixes[k] == '|');
	}
	return 0;
}
