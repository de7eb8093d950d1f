/* http: one connection's life, as cpp-httplib runs it for llama-server: read a
 * request (head, 100-continue, body), log it, route it (routes.c), answer, and
 * keep the connection for the next request (5 s idle timeout, at most 100
 * requests). Runs on the connection's own thread; the log file is shared
 * under log_mu. */
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
static atomic_ulong arrivals; /* requests read so far, for --slots' order */
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
	else if (strcasecmp(line, "x-api-key") == 0 && !rq->api_key)
		rq->api_key = strdup(v);
	else if (strcasecmp(line, "anthropic-version") == 0 && !rq->anth_ver)
		rq->anth_ver = strdup(v);
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
	free(rq->api_key);
	free(rq->anth_ver);
	free(rq->origin);
	free(rq->body);
	cJSON_Delete(rq->json);
}

static void add_or_null(cJSON *o, const char *key, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

/* The original four keys first, in their order; newer keys after them. */
static void log_request(const struct req *rq)
{
	if (!log_file)
		return;
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "method", rq->method);
	cJSON_AddStringToObject(o, "path", rq->target);
	add_or_null(o, "authorization", rq->auth);
	cJSON_AddItemToObject(o, "body", rq->json ? cJSON_Duplicate(rq->json, 1)
						  : cJSON_CreateString(rq->body));
	add_or_null(o, "x_api_key", rq->api_key);
	add_or_null(o, "anthropic_version", rq->anth_ver);
	cJSON_AddNumberToObject(o, "t_ms", (double)(long long)rq->t_ms);
	char *s = cJSON_PrintUnformatted(o);

	pthread_mutex_lock(&log_mu);
	fprintf(log_file, "%s\n", s);
	fflush(log_file);
	pthread_mutex_unlock(&log_mu);
	free(s);
	cJSON_Delete(o);
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
			rq.t_ms = io_now_ms() - fl_opt.t_start;
			rq.ticket = atomic_fetch_add(&arrivals, 1) + 1;
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
