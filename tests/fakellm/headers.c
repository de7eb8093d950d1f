/* headers: the status line and header block of each server we imitate, in
 * its own order and case, because clients (and their tests) see exactly
 * these bytes. Runs on the connection's thread. */
#include "fakellm.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef void head_fn(struct fbuf *b, const struct req *rq, bool keep, const char *ctype,
		     long clen, const char *extra);

static const char *reason(int status)
{
	static const struct {
		int status;
		const char *text;
	} t[] = {
		{200, "OK"}, {400, "Bad Request"}, {401, "Unauthorized"},
		{404, "Not Found"}, {422, "Unprocessable Entity"}, {429, "Too Many Requests"},
		{500, "Internal Server Error"}, {502, "Bad Gateway"},
		{503, "Service Unavailable"},
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (t[i].status == status)
			return t[i].text;
	return "Unknown";
}

static void length_line(struct fbuf *b, long clen, const char *te)
{
	if (clen < 0)
		fbuf_printf(b, "%s: chunked\r\n", te);
	else
		fbuf_printf(b, "Content-Length: %ld\r\n", clen);
}

/* Extra lines as given, or with lower-case names for servers that send those. */
static void extra_lines(struct fbuf *b, const char *extra, bool lower)
{
	size_t start = b->len;
	bool in_name = true;

	if (!extra)
		return;
	fbuf_puts(b, extra);
	for (size_t i = start; lower && i < b->len; i++) {
		if (b->p[i] == ':')
			in_name = false;
		else if (b->p[i] == '\n')
			in_name = true;
		else if (in_name)
			b->p[i] = (char)tolower((unsigned char)b->p[i]);
	}
}

static bool is_sse(const char *ctype)
{
	return strncmp(ctype, "text/event-stream", 17) == 0;
}

/* cpp-httplib as llama-server b8291 configures it: no Date; Keep-Alive, or
 * Connection: close on errors; the CORS origin echoes the request's Origin. */
static void head_llama(struct fbuf *b, const struct req *rq, bool keep,
		       const char *ctype, long clen, const char *extra)
{
	fbuf_printf(b, "Content-Type: %s\r\n", ctype);
	fbuf_puts(b, keep ? "Keep-Alive: timeout=5, max=100\r\n" : "Connection: close\r\n");
	fbuf_puts(b, "Server: llama.cpp\r\n");
	fbuf_printf(b, "Access-Control-Allow-Origin: %s\r\n", rq->origin ? rq->origin : "");
	extra_lines(b, extra, false);
	length_line(b, clen, "Transfer-Encoding");
}

static void head_nginx(struct fbuf *b, const struct req *rq, bool keep,
		       const char *ctype, long clen, const char *extra)
{
	char date[64];

	(void)rq;
	io_http_date(date, sizeof date);
	fbuf_printf(b, "Server: nginx/1.24.0\r\nDate: %s\r\nContent-Type: %s\r\n", date, ctype);
	length_line(b, clen, "Transfer-Encoding");
	fbuf_printf(b, "Connection: %s\r\n", keep ? "keep-alive" : "close");
	extra_lines(b, extra, false);
}

/* Go net/http (Ollama): header map first, then Connection, Date, length. */
static void head_go(struct fbuf *b, const struct req *rq, bool keep,
		    const char *ctype, long clen, const char *extra)
{
	char date[64];

	(void)rq;
	io_http_date(date, sizeof date);
	fbuf_printf(b, "Content-Type: %s\r\n", ctype);
	extra_lines(b, extra, false);
	if (!keep)
		fbuf_puts(b, "Connection: close\r\n");
	if (clen < 0)
		fbuf_puts(b, "Transfer-Encoding: chunked\r\n");
	fbuf_printf(b, "Date: %s\r\n", date);
	if (clen >= 0)
		fbuf_printf(b, "Content-Length: %ld\r\n", clen);
}

/* uvicorn + sse-starlette: lower-case names, h11 appends Transfer-Encoding. */
static void head_uvicorn(struct fbuf *b, const struct req *rq, bool keep,
			 const char *ctype, long clen, const char *extra)
{
	char date[64];

	(void)rq;
	io_http_date(date, sizeof date);
	fbuf_printf(b, "date: %s\r\nserver: uvicorn\r\n", date);
	fbuf_printf(b, "cache-control: no-cache\r\nconnection: %s\r\n",
		    keep ? "keep-alive" : "close");
	fbuf_printf(b, "x-accel-buffering: no\r\ncontent-type: %s\r\n", ctype);
	extra_lines(b, extra, true);
	length_line(b, clen, "Transfer-Encoding");
}

/* uvicorn + starlette (vLLM): date and server first, then starlette's
 * content-length and content-type; h11 adds transfer-encoding last. */
static void head_starlette(struct fbuf *b, const struct req *rq, bool keep,
			   const char *ctype, long clen, const char *extra)
{
	char date[64];

	(void)rq;
	io_http_date(date, sizeof date);
	fbuf_printf(b, "date: %s\r\nserver: uvicorn\r\n", date);
	if (clen >= 0)
		fbuf_printf(b, "content-length: %ld\r\n", clen);
	if (ctype)
		fbuf_printf(b, "content-type: %s\r\n", ctype);
	extra_lines(b, extra, true);
	if (!keep)
		fbuf_puts(b, "connection: close\r\n");
	if (clen < 0)
		fbuf_puts(b, "transfer-encoding: chunked\r\n");
}

/* axum on hyper (TGI): the http crate lower-cases every name; axum's Sse
 * sets content-type and cache-control; hyper appends the length and date. */
static void head_axum(struct fbuf *b, const struct req *rq, bool keep,
		      const char *ctype, long clen, const char *extra)
{
	char date[64];

	(void)rq;
	io_http_date(date, sizeof date);
	if (ctype)
		fbuf_printf(b, "content-type: %s\r\n", ctype);
	if (ctype && is_sse(ctype))
		fbuf_puts(b, "cache-control: no-cache\r\n");
	extra_lines(b, extra, true);
	if (!keep)
		fbuf_puts(b, "connection: close\r\n");
	if (clen < 0)
		fbuf_puts(b, "transfer-encoding: chunked\r\n");
	else
		fbuf_printf(b, "content-length: %ld\r\n", clen);
	fbuf_printf(b, "date: %s\r\n", date);
}

/* Express on Node (LM Studio), as captured in lmstudio-bug-tracker#618:
 * Express's headers, then Node's Date, Connection and Keep-Alive. */
static void head_express(struct fbuf *b, const struct req *rq, bool keep,
			 const char *ctype, long clen, const char *extra)
{
	char date[64];

	(void)rq;
	io_http_date(date, sizeof date);
	fbuf_printf(b, "X-Powered-By: Express\r\nContent-Type: %s\r\n", ctype);
	if (is_sse(ctype))
		fbuf_puts(b, "Cache-Control: no-cache\r\n");
	if (clen >= 0)
		fbuf_printf(b, "Content-Length: %ld\r\n", clen);
	extra_lines(b, extra, false);
	fbuf_printf(b, "Date: %s\r\n", date);
	fbuf_puts(b, keep ? "Connection: keep-alive\r\nKeep-Alive: timeout=5\r\n"
			  : "Connection: close\r\n");
	if (clen < 0)
		fbuf_puts(b, "Transfer-Encoding: chunked\r\n");
}

int http_keeps(const struct req *rq, int status, enum style st)
{
	return !rq->close && !(st == ST_LLAMA && status >= 400);
}

/* clen < 0 announces a chunked body. */
int http_head_x(int fd, const struct req *rq, int status, enum style st,
		const char *ctype, long clen, const char *extra)
{
	static head_fn *const fns[] = {
		[ST_LLAMA] = head_llama, [ST_NGINX] = head_nginx, [ST_GO] = head_go,
		[ST_UVICORN] = head_uvicorn, [ST_STARLETTE] = head_starlette,
		[ST_AXUM] = head_axum, [ST_EXPRESS] = head_express,
	};
	struct fbuf b = {0};

	fbuf_printf(&b, "HTTP/1.1 %d %s\r\n", status, reason(status));
	fns[st](&b, rq, http_keeps(rq, status, st), ctype, clen, extra);
	fbuf_puts(&b, "\r\n");
	int r = io_write(fd, b.p, b.len);

	fbuf_free(&b);
	return r;
}

int http_head(int fd, const struct req *rq, int status, enum style st,
	      const char *ctype, long clen)
{
	return http_head_x(fd, rq, status, st, ctype, clen, NULL);
}

/* Express's weak ETag: W/"<length in hex>-<27 base64 characters>". The hash
 * here is FNV-1a, not SHA-1: only the shape matters. */
static void express_etag(struct fbuf *b, const char *body, size_t n)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	uint64_t h = 1469598103934665603ULL;
	char tag[28];

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)body[i]) * 1099511628211ULL;
	for (int i = 0; i < 27; i++) {
		tag[i] = b64[h & 63];
		h = (h >> 6) | (h << 58);
		h *= 31;
	}
	tag[27] = '\0';
	fbuf_printf(b, "ETag: W/\"%zx-%s\"\r\n", n, tag);
}

int http_send_x(int fd, const struct req *rq, int status, enum style st,
		const char *ctype, const char *body, const char *extra)
{
	size_t n = strlen(body);
	struct fbuf x = {0};
	int r;

	if (st == ST_EXPRESS)
		express_etag(&x, body, n);
	if (extra)
		fbuf_puts(&x, extra);
	r = http_head_x(fd, rq, status, st, ctype, (long)n, x.p);
	fbuf_free(&x);
	if (r < 0 || (strcmp(rq->method, "HEAD") != 0 && io_write(fd, body, n) < 0))
		return 0;
	return http_keeps(rq, status, st);
}

int http_send(int fd, const struct req *rq, int status, enum style st,
	      const char *ctype, const char *body)
{
	return http_send_x(fd, rq, status, st, ctype, body, NULL);
}
