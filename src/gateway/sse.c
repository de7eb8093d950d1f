/* sse: owns SSE stream parsing: BOM, line splitting across reads, fields and event dispatch. */
#include "gateway/sse.h"

#include <limits.h>
#include <string.h>

/* A buffer that grew past this (a huge event) is released after use rather
 * than kept for the whole stream. */
#define SSE_KEEP_CAP ((size_t)1 << 20)

static const char sse_bom[3] = { '\xEF', '\xBB', '\xBF' };

/* Positions of the next LF and of the next CR in the current piece. Each is
 * searched again only once the cursor has passed it, so a piece is scanned in
 * linear time whatever mix of line endings it holds. NULL: none left. */
struct eol_scan {
	const char *end;
	const char *lf;
	const char *cr;
};

static const char *find_again(const char *cached, const char *s, const char *end, int c)
{
	if (cached == NULL || cached >= s)
		return cached;
	return memchr(s, c, (size_t)(end - s));
}

static const char *next_eol(struct eol_scan *sc, const char *s)
{
	sc->lf = find_again(sc->lf, s, sc->end, '\n');
	sc->cr = find_again(sc->cr, s, sc->end, '\r');
	if (sc->lf == NULL)
		return sc->cr;
	if (sc->cr == NULL)
		return sc->lf;
	return sc->lf < sc->cr ? sc->lf : sc->cr;
}

static void trim(struct buf *b)
{
	if (b->cap > SSE_KEEP_CAP)
		buf_free(b);
	else
		buf_reset(b);
}

static void set_buf(struct buf *b, const char *v, size_t n)
{
	buf_reset(b);
	buf_append(b, v, n);
}

static void append_data(struct sse_parser *p, const char *v, size_t n)
{
	buf_append(&p->data, v, n);
	buf_append(&p->data, "\n", 1);
}

/* retry: only ASCII digits (at least one) count; huge values saturate. */
static void set_retry(struct sse_parser *p, const char *v, size_t n)
{
	long ms = 0;

	if (n == 0)
		return;
	for (size_t i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return;
		long d = v[i] - '0';
		ms = ms > (LONG_MAX - d) / 10 ? LONG_MAX : ms * 10 + d;
	}
	p->retry_ms = ms;
}

static int field_is(const char *f, size_t flen, const char *name)
{
	size_t n = strlen(name);

	return flen == n && memcmp(f, name, n) == 0;
}

static void process_field(struct sse_parser *p, const char *f, size_t flen,
			  const char *v, size_t vlen)
{
	if (field_is(f, flen, "data")) {
		append_data(p, v, vlen);
	} else if (field_is(f, flen, "event")) {
		set_buf(&p->type, v, vlen);
	} else if (field_is(f, flen, "id")) {
		if (memchr(v, '\0', vlen) == NULL)
			set_buf(&p->last_id, v, vlen);
	} else if (field_is(f, flen, "retry")) {
		set_retry(p, v, vlen);
	} else if (field_is(f, flen, "error")) {
		/* Deliberate deviation from the spec (which ignores unknown
		 * fields): llama-server before September 2025 (PR #16109) sent
		 * a streaming error as the non-standard field
		 * `error: {json}` followed by `data: [DONE]`. A spec parser
		 * drops it and the error is lost (PROTOCOLS.md pitfall P10),
		 * so `error: v` is treated as `event: error` + `data: v`. */
		set_buf(&p->type, "error", 5);
		append_data(p, v, vlen);
	}
}

/* Blank line: hand the event over, then reset data and type (not last_id). */
static int dispatch(struct sse_parser *p)
{
	int rc = 0;

	p->pending = 0;
	if (p->data.len > 0 && p->on_event != NULL) {
		if (p->data.data[p->data.len - 1] == '\n')
			p->data.data[--p->data.len] = '\0';
		struct sse_event ev = {
			.type = p->type.len ? p->type.data : "message",
			.data = p->data.data,
			.data_len = p->data.len,
			.last_id = p->last_id.data ? p->last_id.data : "",
		};
		rc = p->on_event(p->ctx, &ev);
	}
	trim(&p->data);
	buf_reset(&p->type);
	return rc;
}

/* One complete line, terminator excluded. Returns the callback's verdict. */
static int process_line(struct sse_parser *p, const char *s, size_t n)
{
	if (n == 0)
		return dispatch(p);
	if (s[0] == ':')
		return 0; /* comment / keep-alive ping */
	p->pending = 1;
	const char *colon = memchr(s, ':', n);
	if (colon == NULL) {
		process_field(p, s, n, "", 0);
		return 0;
	}
	const char *v = colon + 1;
	size_t vlen = n - (size_t)(v - s);
	if (vlen > 0 && *v == ' ') {
		v++;
		vlen--;
	}
	process_field(p, s, (size_t)(colon - s), v, vlen);
	return 0;
}

/* Would n more bytes on the current line stay within max_line? */
static int fits(const struct sse_parser *p, size_t n)
{
	return p->line.len <= p->max_line && n <= p->max_line - p->line.len;
}

static enum sse_status too_long(struct sse_parser *p)
{
	buf_free(&p->line);
	return SSE_LINE_TOO_LONG;
}

/* The line ends at e. Zero-copy when it lies wholly inside this piece. */
static enum sse_status end_line(struct sse_parser *p, const char *s, const char *e)
{
	size_t n = (size_t)(e - s);
	int rc;

	if (!fits(p, n))
		return too_long(p);
	if (p->line.len == 0)
		return process_line(p, s, n) ? SSE_STOPPED : SSE_OK;
	buf_append(&p->line, s, n);
	rc = process_line(p, p->line.data, p->line.len);
	trim(&p->line);
	return rc ? SSE_STOPPED : SSE_OK;
}

/* The piece ends inside a line: carry the bytes over to the next read. */
static enum sse_status keep_partial(struct sse_parser *p, const char *s, const char *end)
{
	size_t n = (size_t)(end - s);

	if (!fits(p, n))
		return too_long(p);
	buf_append(&p->line, s, n);
	return SSE_OK;
}

static enum sse_status scan_lines(struct sse_parser *p, const char *s, const char *end)
{
	size_t n = (size_t)(end - s);
	struct eol_scan sc = { end, memchr(s, '\n', n), memchr(s, '\r', n) };

	while (s < end) {
		const char *e = next_eol(&sc, s);
		if (e == NULL)
			return keep_partial(p, s, end);
		const char *next = e + 1;
		if (*e == '\r' && next == end)
			p->saw_cr = 1; /* an LF may still follow in the next piece */
		else if (*e == '\r' && *next == '\n')
			next++;
		enum sse_status st = end_line(p, s, e);
		if (st != SSE_OK)
			return st;
		s = next;
	}
	return SSE_OK;
}

/* Match a leading BOM, possibly split over pieces. Until decided, the matched
 * prefix waits in the line buffer; on a mismatch it simply stays there as the
 * start of the first line (it holds no line terminator). */
static const char *skip_bom(struct sse_parser *p, const char *s, const char *end)
{
	size_t k = 0;

	while (s + k < end && p->line.len + k < sizeof sse_bom &&
	       s[k] == sse_bom[p->line.len + k])
		k++;
	buf_append(&p->line, s, k);
	s += k;
	if (p->line.len == sizeof sse_bom) {
		buf_reset(&p->line);
		p->bom_checked = 1;
	} else if (s < end) {
		p->bom_checked = 1;
	}
	return s;
}

void sse_init(struct sse_parser *p, size_t max_line, sse_event_fn fn, void *ctx)
{
	*p = (struct sse_parser){
		.on_event = fn,
		.ctx = ctx,
		.max_line = max_line ? max_line : SSE_DEFAULT_MAX_LINE,
		.line = BUF_INIT,
		.data = BUF_INIT,
		.type = BUF_INIT,
		.last_id = BUF_INIT,
		.retry_ms = -1,
	};
}

enum sse_status sse_feed(struct sse_parser *p, const char *bytes, size_t n)
{
	if (n == 0)
		return SSE_OK;
	const char *s = bytes, *end = bytes + n;
	if (!p->bom_checked)
		s = skip_bom(p, s, end);
	if (p->saw_cr && s < end) {
		p->saw_cr = 0;
		if (*s == '\n')
			s++;
	}
	return scan_lines(p, s, end);
}

int sse_finish(struct sse_parser *p)
{
	int cut = p->pending || p->line.len > 0;

	trim(&p->line);
	trim(&p->data);
	buf_reset(&p->type);
	p->pending = 0;
	p->saw_cr = 0;
	return cut;
}

void sse_free(struct sse_parser *p)
{
	buf_free(&p->line);
	buf_free(&p->data);
	buf_free(&p->type);
	buf_free(&p->last_id);
}
