/* budget: token estimates, and trimming a prompt to the context. */
#include "gateway/budget.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xmalloc.h"

/* The counts behind an estimate. They add up over pieces of a text cut at
 * character boundaries, so a cut can be planned in one pass. */
struct tally {
	size_t ascii;  /* ASCII bytes but digits */
	size_t digits;
	size_t other;  /* non-ASCII characters and stray bytes */
};

/* Bytes of the character at s: a UTF-8 lead byte with the continuation
 * bytes that follow it (at most 4 in all), else one byte. Never more than
 * one line, as continuation bytes are never '\n'. */
static size_t char_len(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];
	size_t want = c >= 0xF8 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	size_t len = 1;

	while (len < want && len < n && ((unsigned char)s[len] & 0xC0) == 0x80)
		len++;
	return len;
}

static void tally_add(struct tally *t, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if (isdigit(c))
				t->digits++;
			else
				t->ascii++;
			i++;
		} else {
			t->other++;
			i += char_len(s + i, n - i);
		}
	}
}

static void tally_sub(struct tally *t, const char *s, size_t n)
{
	struct tally piece = { 0 };

	tally_add(&piece, s, n);
	t->ascii -= piece.ascii;
	t->digits -= piece.digits;
	t->other -= piece.other;
}

static long tally_tokens(const struct tally *t)
{
	return (long)((t->ascii + 2) / 3 + t->digits + t->other);
}

long budget_estimate(const char *text, size_t len)
{
	struct tally t = { 0 };

	tally_add(&t, text, len);
	return tally_tokens(&t);
}

static long message_tokens(const struct gw_message *m)
{
	return budget_estimate(m->content, strlen(m->content)) + BUDGET_MESSAGE_TOKENS;
}

static int is_system(const struct gw_message *m)
{
	return strcmp(m->role, "system") == 0;
}

long budget_prompt_tokens(const struct gw_prompt *p)
{
	long sum = BUDGET_REPLY_TOKENS;

	for (size_t i = 0; i < p->n; i++)
		sum += message_tokens(&p->msgs[i]);
	return sum;
}

/* What is left when everything that may be dropped is gone. */
static long system_tokens(const struct gw_prompt *p)
{
	long sum = BUDGET_REPLY_TOKENS;

	for (size_t i = 0; i < p->n; i++)
		if (is_system(&p->msgs[i]))
			sum += message_tokens(&p->msgs[i]);
	return sum;
}

/* A cut of the beginning of a message's text. */
struct cut {
	size_t at;    /* bytes dropped */
	size_t lines; /* whole lines among them */
	size_t bytes; /* bytes of the next line among them */
};

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

/* The line that replaces what was cut, newline included; allocated. */
static char *cut_marker(const struct cut *c)
{
	struct buf b = BUF_INIT;

	buf_append_str(&b, "[… ");
	if (c->lines)
		buf_printf(&b, "%zu earlier line%s", c->lines, plural(c->lines));
	if (c->lines && c->bytes)
		buf_printf(&b, " and %zu byte%s", c->bytes, plural(c->bytes));
	else if (c->bytes)
		buf_printf(&b, "%zu earlier byte%s", c->bytes, plural(c->bytes));
	buf_append_str(&b, " dropped to fit the context …]\n");
	return buf_steal(&b);
}

static int fits(const struct tally *rest, const struct tally *marker, long allowed)
{
	struct tally sum = { rest->ascii + marker->ascii, rest->digits + marker->digits,
			     rest->other + marker->other };

	return tally_tokens(&sum) <= allowed;
}

/* The tally of the marker for c. */
static struct tally marker_tally(const struct cut *c)
{
	struct tally t = { 0 };
	char *text = cut_marker(c);

	tally_add(&t, text, strlen(text));
	free(text);
	return t;
}

/* Plans the shortest cut of s's beginning after which the rest, behind its
 * marker, is at most `allowed` tokens: whole lines first, then characters
 * of the last line; one character is always kept. The marker is costed
 * with the most lines and bytes it could name, so the real one never costs
 * more than planned. -1 when no cut is enough. */
static int plan_cut(const char *s, size_t len, long allowed, struct cut *c)
{
	struct cut most = { len, 0, 0 };
	struct tally rest = { 0 };
	size_t at = 0;

	for (const char *nl = s; (nl = memchr(nl, '\n', (size_t)(s + len - nl))); nl++)
		most.lines++;
	struct tally marker = marker_tally(&most);
	tally_add(&rest, s, len);
	*c = (struct cut){ 0 };
	for (const char *nl; (nl = memchr(s + at, '\n', len - at)) && (size_t)(nl + 1 - s) < len;) {
		size_t next = (size_t)(nl + 1 - s);
		tally_sub(&rest, s + at, next - at);
		c->lines++;
		c->at = at = next;
		if (fits(&rest, &marker, allowed))
			return 0;
	}
	most.bytes = len;
	marker = marker_tally(&most);
	for (size_t n; at + (n = char_len(s + at, len - at)) < len;) {
		tally_sub(&rest, s + at, n);
		at += n;
		*c = (struct cut){ at, c->lines, c->bytes + n };
		if (fits(&rest, &marker, allowed))
			return 0;
	}
	return -1;
}

static void apply_cut(struct gw_prompt *p, size_t i, const struct cut *c)
{
	char *text = cut_marker(c);
	char *cut = xasprintf("%s%s", text, p->msgs[i].content + c->at);

	free(text);
	gw_prompt_set_content(p, i, cut);
}

/* Removes the first n messages that are not system messages. */
static void drop_oldest(struct gw_prompt *p, size_t n)
{
	for (size_t i = 0; n > 0 && i < p->n;) {
		if (is_system(&p->msgs[i])) {
			i++;
		} else {
			gw_prompt_remove(p, i);
			n--;
		}
	}
}

/* "dropped 2 older messages and the first 310 lines of the prompt (~5100
 * tokens) to fit the 4096-token context"; allocated. */
static char *describe(const struct gw_prompt *p, size_t ndropped, const struct cut *c,
		      long tokens, long context)
{
	struct buf b = BUF_INIT;

	buf_append_str(&b, "dropped ");
	if (ndropped)
		buf_printf(&b, "%zu older message%s", ndropped, plural(ndropped));
	if (ndropped && c->at)
		buf_append_str(&b, " and ");
	if (c->lines == 1)
		buf_append_str(&b, "the first line");
	else if (c->lines)
		buf_printf(&b, "the first %zu lines", c->lines);
	if (c->lines && c->bytes)
		buf_printf(&b, " and %zu byte%s", c->bytes, plural(c->bytes));
	else if (c->bytes)
		buf_printf(&b, "the first %zu byte%s", c->bytes, plural(c->bytes));
	if (c->at)
		buf_append_str(&b, strcmp(p->msgs[p->n - 1].role, "user") == 0 ? " of the prompt"
									       : " of the last message");
	buf_printf(&b, " (~%ld tokens) to fit the %ld-token context", tokens, context);
	return buf_steal(&b);
}

/* Why p cannot fit however much is dropped, or NULL when it can. */
static char *cannot_fit(const struct gw_prompt *p, long context, long reserve)
{
	long system = system_tokens(p);

	if (reserve >= context)
		return xasprintf("no room for the prompt: the %ld tokens kept for the answer fill "
				 "the %ld-token context", reserve, context);
	if (system > context - reserve && reserve > 0)
		return xasprintf("the system prompt alone is ~%ld tokens, too many for the "
				 "%ld-token context with %ld kept for the answer",
				 system, context, reserve);
	if (system > context - reserve)
		return xasprintf("the system prompt alone is ~%ld tokens, too many for the "
				 "%ld-token context", system, context);
	return NULL;
}

int budget_fit(struct gw_prompt *p, long context, long reserve, char **note)
{
	*note = NULL;
	if (reserve < 0)
		reserve = 0;
	long limit = context - reserve, before = budget_prompt_tokens(p);
	if (context <= 0 || before <= limit)
		return 0;
	if ((*note = cannot_fit(p, context, reserve)) != NULL)
		return -1;

	/* Plan everything first, so that p is untouched when it cannot fit. */
	size_t last = p->n - 1, ndrop = 0;
	long total = before;
	for (size_t i = 0; i < last && total > limit; i++) {
		if (!is_system(&p->msgs[i])) {
			total -= message_tokens(&p->msgs[i]);
			ndrop++;
		}
	}
	struct cut cut = { 0 };
	const struct gw_message *m = &p->msgs[last];
	long allowed = limit - (total - message_tokens(m)) - BUDGET_MESSAGE_TOKENS;
	if (total > limit &&
	    (is_system(m) || plan_cut(m->content, strlen(m->content), allowed, &cut) < 0)) {
		*note = xasprintf("the system prompt (~%ld tokens) leaves no room for the prompt "
				  "in the %ld-token context", system_tokens(p), context);
		return -1;
	}
	drop_oldest(p, ndrop);
	if (cut.at)
		apply_cut(p, p->n - 1, &cut);
	*note = describe(p, ndrop, &cut, before - budget_prompt_tokens(p), context);
	return 1;
}
