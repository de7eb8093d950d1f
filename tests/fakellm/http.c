/* http: one connection's life, as cpp-httplib runs it for llama-server: read a
 * request (head, 100-continue, body), log it, route it, answer, and keep the
 * connection for the next request (5 s idle timeout, at most 100 requests).
 * Runs on the connection's own thread; the log file is shared under log_mu. */
#include "fakellm.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#define IDLE_MS 5000
#define READ_MS 30000
#define HEAD_MAX (64 * 1024)
#define BODY_MAX (256UL * 1024 * 1024)
#define KEEPALIVE_MAX 100

#define LOADING_BODY \
	"{\"error\":{\"code\":503,\"message\":\"Loading model\",\"type\":\"unavailable_error\"}}"
#define NOT_FOUND_BODY \
	"{\"error\":{\"code\":404,\"message\":\"File Not Found\",\"type\":\"not_found_error\"}}"

struct conn {
	int fd;
	struct fbuf in; /* received bytes; the current request starts at 0 */
	size_t pos;     /* bytes of in used by the current request */
	int served;
};

struct head_info {
	size_t clen;
	bool chunked, expect, close, keep_alive, http10;
};

static FILE *log_file;
static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;

int http_log_open(const char *path)
{
	log_file = fopen(path, "a");
	return log_file ? 0 : -1;
}

void http_log_close(void)
{
	if (log_file)
		fclose(log_file);
	log_file = NULL;
}

/* 1 when bytes arrived; 0 on EOF, timeout, stop or error. */
static int conn_fill(struct conn *c, int ms)
{
	char tmp[16384];

	if (io_wait_in(c->fd, ms) <= 0)
		return 0;
	for (;;) {
		ssize_t n = recv(c->fd, tmp, sizeof tmp, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 0;
		fbuf_add(&c->in, tmp, (size_t)n);
		return 1;
	}
}

static int conn_need(struct conn *c, size_t n)
{
	while (c->in.len - c->pos < n)
		if (!conn_fill(c, READ_MS))
			return -1;
	return 0;
}

/* Length of the line at pos including its CRLF, or -1. */
static long conn_line(struct conn *c, size_t max)
{
	for (;;) {
		size_t avail = c->in.len - c->pos;
		char *base = avail ? c->in.p + c->pos : NULL;
		char *crlf = base ? memmem(base, avail, "\r\n", 2) : NULL;

		if (crlf)
			return (long)(crlf - base) + 2;
		if (avail > max || !conn_fill(c, READ_MS))
			return -1;
	}
}

/* Length of the head with its blank line; 0 means close quietly (EOF, idle). */
static size_t read_head(struct conn *c)
{
	for (;;) {
		char *end = c->in.len ? memmem(c->in.p, c->in.len, "\r\n\r\n", 4) : NULL;

		if (end)
			return (size_t)(end - c->in.p) + 4;
		if (c->in.len > HEAD_MAX)
			return 0;
		if (!conn_fill(c, c->in.len ? READ_MS : IDLE_MS))
			return 0;
	}
}

static int parse_request_line(struct req *rq, char *line, struct head_info *h)
{
	char *sp1 = strchr(line, ' ');
	char *sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;

	if (!sp2 || sp1 == line || sp2 == sp1 + 1)
		return -1;
	if ((size_t)(sp1 - line) >= sizeof rq->method ||
	    (size_t)(sp2 - sp1 - 1) >= sizeof rq->target)
		return -1;
	memcpy(rq->method, line, (size_t)(sp1 - line));
	memcpy(rq->target, sp1 + 1, (size_t)(sp2 - sp1 - 1));
	h->http10 = strcmp(sp2 + 1, "HTTP/1.0") == 0;
	return h->http10 || strcmp(sp2 + 1, "HTTP/1.1") == 0 ? 0 : -1;
}

static int parse_header(struct req *rq, struct head_info *h, char *line)
{
	char *colon = strchr(line, ':');
	char *v, *end;

	if (!colon || colon == line)
		return -1;
	*colon = '\0';
	for (v = colon + 1; *v == ' ' || *v == '\t'; v++)
		;
	for (end = v + strlen(v); end > v && (end[-1] == ' ' || end[-1] == '\t'); end--)
		;
	*end = '\0';
	if (strcasecmp(line, "content-length") == 0) {
		h->clen = strtoull(v, &end, 10);
		return *v >= '0' && *v <= '9' && *end == '\0' ? 0 : -1;
	}
	if (strcasecmp(line, "transfer-encoding") == 0)
		h->chunked = strcasestr(v, "chunked") != NULL;
	else if (strcasecmp(line, "expect") == 0)
		h->expect = strcasecmp(v, "100-continue") == 0;
	else if (strcasecmp(line, "connection") == 0) {
		h->close = strcasestr(v, "close") != NULL;
		h->keep_alive = strcasestr(v, "keep-alive") != NULL;
	} else if (strcasecmp(line, "authorization") == 0 && !rq->auth)
		rq->auth = strdup(v);
	else if (strcasecmp(line, "origin") == 0 && !rq->origin)
		rq->origin = strdup(v);
	return 0;
}

static int parse_head(struct conn *c, size_t len, struct req *rq, struct head_info *h)
{
	char *head = strndup(c->in.p, len);
	char *line = head, *crlf;
	int r = 0;

	for (bool first = true; r == 0 && (crlf = strstr(line, "\r\n")) && crlf != line;
	     first = false) {
		*crlf = '\0';
		r = first ? parse_request_line(rq, line, h) : parse_header(rq, h, line);
		line = crlf + 2;
	}
	free(head);
	rq->close = h->close || (h->http10 && !h->keep_alive);
	c->pos = len;
	return r == 0 && rq->method[0] ? 0 : -1;
}

static int read_chunked(struct conn *c, struct fbuf *body)
{
	for (;;) {
		long n = conn_line(c, 1024);
		char *end;

		if (n < 0)
			return -1;
		unsigned long size = strtoul(c->in.p + c->pos, &end, 16);

		if (end == c->in.p + c->pos || size > BODY_MAX - body->len)
			return -1;
		c->pos += (size_t)n;
		if (size == 0)
			break;
		if (conn_need(c, size + 2) < 0)
			return -1;
		fbuf_add(body, c->in.p + c->pos, size);
		c->pos += size + 2;
	}
	for (;;) { /* trailers up to the blank line */
		long n = conn_line(c, HEAD_MAX);

		if (n < 0)
			return -1;
		c->pos += (size_t)n;
		if (n == 2)
			return 0;
	}
}

static int read_body(struct conn *c, struct req *rq, const struct head_info *h)
{
	struct fbuf body = {0};
	int r = 0;

	if (h->expect && (h->chunked || c->in.len - c->pos < h->clen) &&
	    io_write(c->fd, "HTTP/1.1 100 Continue\r\n\r\n", 25) < 0)
		return -1;
	if (h->chunked)
		r = read_chunked(c, &body);
	else if (h->clen > BODY_MAX)
		r = -1;
	else if ((r = conn_need(c, h->clen)) == 0) {
		fbuf_add(&body, c->in.p + c->pos, h->clen);
		c->pos += h->clen;
	}
	fbuf_add(&body, "", 0);
	rq->body = body.p;
	rq->body_len = body.len;
	rq->json = r == 0 ? json_parse_locked(body.p, body.len) : NULL;
	return r;
}

/* 1 got a request, 0 close quietly, -1 malformed (answer 400). */
static int read_request(struct conn *c, struct req *rq)
{
	struct head_info h = {0};
	size_t len = read_head(c);

	if (len == 0)
		return 0;
	if (parse_head(c, len, rq, &h) < 0)
		return -1;
	return read_body(c, rq, &h) < 0 ? 0 : 1;
}

static void req_free(struct req *rq)
{
	free(rq->auth);
	free(rq->origin);
	free(rq->body);
	cJSON_Delete(rq->json);
}

static void log_request(const struct req *rq)
{
	if (!log_file)
		return;
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "method", rq->method);
	cJSON_AddStringToObject(o, "path", rq->target);
	if (rq->auth)
		cJSON_AddStringToObject(o, "authorization", rq->auth);
	else
		cJSON_AddNullToObject(o, "authorization");
	cJSON_AddItemToObject(o, "body", rq->json ? cJSON_Duplicate(rq->json, 1)
						  : cJSON_CreateString(rq->body));
	char *s = cJSON_PrintUnformatted(o);

	pthread_mutex_lock(&log_mu);
	fprintf(log_file, "%s\n", s);
	fflush(log_file);
	pthread_mutex_unlock(&log_mu);
	free(s);
	cJSON_Delete(o);
}

static const char *reason(int status)
{
	static const struct {
		int status;
		const char *text;
	} t[] = {
		{200, "OK"}, {400, "Bad Request"}, {401, "Unauthorized"},
		{404, "Not Found"}, {500, "Internal Server Error"},
		{502, "Bad Gateway"}, {503, "Service Unavailable"},
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

/* cpp-httplib as llama-server b8291 configures it: no Date; Keep-Alive, or
 * Connection: close on errors; the CORS origin echoes the request's Origin. */
static void head_llama(struct fbuf *b, const struct req *rq, bool keep,
		       const char *ctype, long clen)
{
	fbuf_printf(b, "Content-Type: %s\r\n", ctype);
	fbuf_puts(b, keep ? "Keep-Alive: timeout=5, max=100\r\n" : "Connection: close\r\n");
	fbuf_puts(b, "Server: llama.cpp\r\n");
	fbuf_printf(b, "Access-Control-Allow-Origin: %s\r\n", rq->origin ? rq->origin : "");
	length_line(b, clen, "Transfer-Encoding");
}

static void head_nginx(struct fbuf *b, const struct req *rq, bool keep,
		       const char *ctype, long clen)
{
	char date[64];

	(void)rq;
	io_http_date(date, sizeof date);
	fbuf_printf(b, "Server: nginx/1.24.0\r\nDate: %s\r\nContent-Type: %s\r\n", date, ctype);
	length_line(b, clen, "Transfer-Encoding");
	fbuf_printf(b, "Connection: %s\r\n", keep ? "keep-alive" : "close");
}

/* Go net/http (Ollama): header map first, then Connection, Date, length. */
static void head_go(struct fbuf *b, const struct req *rq, bool keep,
		    const char *ctype, long clen)
{
	char date[64];

	(void)rq;
	io_http_date(date, sizeof date);
	fbuf_printf(b, "Content-Type: %s\r\n", ctype);
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
			 const char *ctype, long clen)
{
	char date[64];

	(void)rq;
	io_http_date(date, sizeof date);
	fbuf_printf(b, "date: %s\r\nserver: uvicorn\r\n", date);
	fbuf_printf(b, "cache-control: no-cache\r\nconnection: %s\r\n",
		    keep ? "keep-alive" : "close");
	fbuf_printf(b, "x-accel-buffering: no\r\ncontent-type: %s\r\n", ctype);
	length_line(b, clen, "Transfer-Encoding");
}

int http_keeps(const struct req *rq, int status, enum style st)
{
	return !rq->close && !(st == ST_LLAMA && status >= 400);
}

/* clen < 0 announces a chunked body. */
int http_head(int fd, const struct req *rq, int status, enum style st,
	      const char *ctype, long clen)
{
	static void (*const fns[])(struct fbuf *, const struct req *, bool, const char *, long) = {
		[ST_LLAMA] = head_llama, [ST_NGINX] = head_nginx,
		[ST_GO] = head_go, [ST_UVICORN] = head_uvicorn,
	};
	struct fbuf b = {0};

	fbuf_printf(&b, "HTTP/1.1 %d %s\r\n", status, reason(status));
	fns[st](&b, rq, http_keeps(rq, status, st), ctype, clen);
	fbuf_puts(&b, "\r\n");
	int r = io_write(fd, b.p, b.len);

	fbuf_free(&b);
	return r;
}

int http_send(int fd, const struct req *rq, int status, enum style st,
	      const char *ctype, const char *body)
{
	size_t n = strlen(body);

	if (http_head(fd, rq, status, st, ctype, (long)n) < 0 || io_write(fd, body, n) < 0)
		return 0;
	return http_keeps(rq, status, st);
}

static int send_health(int fd, const struct req *rq)
{
	return http_send(fd, rq, 200, ST_LLAMA, FL_CT_JSON, "{\"status\":\"ok\"}");
}

/* handle_models: the Ollama-style "models" array and the OpenAI list in one body. */
static int send_models(int fd, const struct req *rq)
{
	char body[1024];

	snprintf(body, sizeof body,
		 "{\"models\":[{\"name\":\"%s\",\"model\":\"%s\",\"modified_at\":\"\","
		 "\"size\":\"\",\"digest\":\"\",\"type\":\"model\",\"description\":\"\","
		 "\"tags\":[\"\"],\"capabilities\":[\"completion\"],\"parameters\":\"\","
		 "\"details\":{\"parent_model\":\"\",\"format\":\"gguf\",\"family\":\"\","
		 "\"families\":[\"\"],\"parameter_size\":\"\",\"quantization_level\":\"\"}}],"
		 "\"object\":\"list\",\"data\":[{\"id\":\"%s\",\"object\":\"model\","
		 "\"created\":%lld,\"owned_by\":\"llamacpp\",\"meta\":{\"vocab_type\":2,"
		 "\"n_vocab\":32000,\"n_ctx_train\":4096,\"n_embd\":288,"
		 "\"n_params\":15191712,\"size\":60766208}}]}",
		 FL_MODEL, FL_MODEL, FL_MODEL, (long long)time(NULL));
	return http_send(fd, rq, 200, ST_LLAMA, FL_CT_JSON, body);
}

static int send_not_found(int fd, const struct req *rq)
{
	return http_send(fd, rq, 404, ST_LLAMA, FL_CT_JSON, NOT_FOUND_BODY);
}

/* While "loading", llama-server answers 503 everywhere but the model list;
 * chat requests are left to chat.c so a "fake:" model can still pick. */
static const struct route {
	const char *method, *path;
	int (*fn)(int fd, const struct req *rq);
	bool gated;
} routes[] = {
	{"POST", "/v1/chat/completions", chat_handle, false},
	{"POST", "/chat/completions", chat_handle, false},
	{"GET", "/v1/models", send_models, false},
	{"GET", "/models", send_models, false},
	{"GET", "/api/tags", send_models, false},
	{"GET", "/health", send_health, true},
	{"GET", "/v1/health", send_health, true},
};

static int route(int fd, const struct req *rq)
{
	size_t plen = strcspn(rq->target, "?");
	bool loading = strcmp(fl_opt.scenario, "loading") == 0;

	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		const struct route *r = &routes[i];

		if (strcmp(r->method, rq->method) != 0 || strlen(r->path) != plen ||
		    strncmp(r->path, rq->target, plen) != 0)
			continue;
		if (loading && r->gated)
			break;
		return r->fn(fd, rq);
	}
	if (loading)
		return http_send(fd, rq, 503, ST_LLAMA, FL_CT_JSON, LOADING_BODY);
	return send_not_found(fd, rq);
}

/* Drops the finished request's bytes; pipelined ones stay for the next turn. */
static void conn_compact(struct conn *c)
{
	memmove(c->in.p, c->in.p + c->pos, c->in.len - c->pos);
	c->in.len -= c->pos;
	c->in.p[c->in.len] = '\0';
	c->pos = 0;
}

void http_serve(int fd)
{
	struct conn c = {.fd = fd};
	int keep = 1;

	while (keep && !atomic_load(&fl_stopping)) {
		struct req rq = {0};
		int r = read_request(&c, &rq);

		if (r > 0) {
			rq.close = rq.close || ++c.served >= KEEPALIVE_MAX;
			log_request(&rq);
			keep = route(fd, &rq);
			conn_compact(&c);
		} else if (r < 0) {
			rq.close = true;
			http_send(fd, &rq, 400, ST_LLAMA, "text/plain", "");
		}
		req_free(&rq);
		if (r <= 0)
			break;
	}
	fbuf_free(&c.in);
}
