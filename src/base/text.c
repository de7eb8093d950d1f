/* text: sanitising untrusted text for display; "did you mean" lookup. */
#include "base/text.h"

#include <stdio.h>
#include <string.h>

static void text_emit_control(unsigned char c, struct buf *out)
{
	char vis[3] = { '^', (char)(c == 0x7f ? '?' : c ^ 0x40), '\0' };

	buf_append(out, vis, 2);
}

/* Handle the byte after a held one; returns 1 if it consumed c. */
static int text_release(struct text_sanitizer *s, unsigned char c, struct buf *out)
{
	unsigned char held = s->held;

	s->held = 0;
	if (held == '\r') {
		if (c == '\n')
			return 0; /* CRLF: the LF alone is kept */
		text_emit_control('\r', out);
		return 0;
	}
	if (held == 0xC2 && c >= 0x80 && c <= 0x9F) {
		buf_printf(out, "\\u%04x", c);
		return 1;
	}
	buf_append_char(out, (char)held);
	return 0;
}

void text_sanitize(struct text_sanitizer *s, const char *in, size_t n, struct buf *out)
{
	size_t run = 0; /* start of the current run of plain bytes */

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)in[i];
		if (s->held) {
			if (text_release(s, c, out)) {
				run = i + 1;
				continue;
			}
		}
		int plain = (c >= 0x20 && c != 0x7f && c != 0xC2) || c == '\n' || c == '\t';
		if (plain)
			continue;
		buf_append(out, in + run, i - run);
		run = i + 1;
		if (c == '\r' || c == 0xC2)
			s->held = c;
		else
			text_emit_control(c, out);
	}
	buf_append(out, in + run, n - run);
}

void text_sanitize_end(struct text_sanitizer *s, struct buf *out)
{
	if (s->held == '\r')
		text_emit_control('\r', out);
	else if (s->held)
		buf_append_char(out, (char)s->held);
	s->held = 0;
}

static size_t text_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t row[64];

	if (la >= 63 || lb >= 63)
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = diag + cost;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *text_closest(const char *word, const char *const *candidates, size_t n)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;

	for (size_t i = 0; i < n; i++) {
		size_t d = text_distance(word, candidates[i]);
		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	/* A third of the word's length (at least 2 edits) is still a typo. */
	size_t limit = strlen(word) / 3 > 2 ? strlen(word) / 3 : 2;
	return best_d <= limit ? best : NULL;
}
