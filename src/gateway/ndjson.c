/* ndjson: owns NDJSON line splitting across reads: BOM, CRLF, blank lines, the line cap. */
#include "gateway/ndjson.h"

#include <string.h>

/* A line buffer that grew past this (a huge line) is released after use
 * rather than kept for the whole stream. */
#define NDJSON_KEEP_CAP ((size_t)1 << 20)

static const char ndjson_bom[3] = { '\xEF', '\xBB', '\xBF' };

static void trim(struct buf *b)
{
	if (b->cap > NDJSON_KEEP_CAP)
		buf_free(b);
	else
		buf_reset(b);
}

/* Spaces, tabs and CRs only: a keep-alive or padding, not an object. */
static int is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* Would n more bytes on the current line stay within max_line? */
static int fits(const struct ndjson_parser *p, size_t n)
{
	return p->line.len <= p->max_line && n <= p->max_line - p->line.len;
}

/* The LF arrived: hand the buffered line over (without a CR before the LF)
 * and start the next one. Returns the callback's verdict. */
static int end_line(struct ndjson_parser *p)
{
	size_t n = p->line.len;
	int rc = 0;

	if (n > 0 && p->line.data[n - 1] == '\r')
		n--;
	if (!is_blank(p->line.data, n)) {
		p->line.data[n] = '\0';
		rc = p->on_line(p->ctx, p->line.data, n);
	}
	trim(&p->line);
	return rc;
}

/* Match a leading BOM, possibly split over pieces. Until decided, the matched
 * prefix waits in the line buffer; on a mismatch it simply stays there as the
 * start of the first line (it holds no LF). */
static const char *skip_bom(struct ndjson_parser *p, const char *s, const char *end)
{
	size_t k = 0;

	while (s + k < end && p->line.len + k < sizeof ndjson_bom &&
	       s[k] == ndjson_bom[p->line.len + k])
		k++;
	buf_append(&p->line, s, k);
	s += k;
	if (p->line.len == sizeof ndjson_bom) {
		buf_reset(&p->line);
		p->bom_checked = 1;
	} else if (s < end) {
		p->bom_checked = 1;
	}
	return s;
}

void ndjson_init(struct ndjson_parser *p, size_t max_line, ndjson_line_fn fn, void *ctx)
{
	*p = (struct ndjson_parser){
		.on_line = fn,
		.ctx = ctx,
		.max_line = max_line ? max_line : NDJSON_DEFAULT_MAX_LINE,
		.line = BUF_INIT,
	};
}

enum ndjson_status ndjson_feed(struct ndjson_parser *p, const char *bytes, size_t n)
{
	const char *s = bytes, *end = bytes + n;

	if (n > 0 && !p->bom_checked)
		s = skip_bom(p, s, end);
	while (s < end) {
		const char *lf = memchr(s, '\n', (size_t)(end - s));
		size_t k = (size_t)((lf ? lf : end) - s);
		if (!fits(p, k)) {
			buf_free(&p->line);
			return NDJSON_LINE_TOO_LONG;
		}
		/* Copied even when the line lies wholly in this piece: the
		 * callback gets a NUL-terminated line and the piece is const. */
		buf_append(&p->line, s, k);
		if (lf == NULL)
			return NDJSON_OK;
		s = lf + 1;
		if (end_line(p))
			return NDJSON_STOPPED;
	}
	return NDJSON_OK;
}

int ndjson_finish(struct ndjson_parser *p)
{
	int cut = p->line.len > 0 && !is_blank(p->line.data, p->line.len);

	trim(&p->line);
	return cut;
}

void ndjson_free(struct ndjson_parser *p)
{
	buf_free(&p->line);
}
