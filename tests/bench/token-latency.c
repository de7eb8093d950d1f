/* token-latency: time from a token's bytes leaving the server to the token
 * reaching the consumer of the gateway's queue.
 *
 * Usage: token-latency [TOKENS [GAP_US]]   (defaults 2000 and 2000)
 *
 * A tiny HTTP server on a loopback thread answers one POST with a
 * llama-server-style SSE stream (chunked, one HTTP chunk = one event = one
 * write(2), TCP_NODELAY). Each token's content is "t<ns> ", where <ns> is
 * CLOCK_MONOTONIC read just before the write. Tokens go out GAP_US apart,
 * so each arrives in its own read. The client is the real gateway
 * (gateway_start() with one "openai" endpoint, libcurl on its worker
 * thread); the main thread waits on queue_fd() with poll(), takes the
 * messages with queue_take_all() and, for every MSG_TOKEN, subtracts the
 * embedded send time from CLOCK_MONOTONIC read right after the take.
 *
 * The figure therefore includes the kernel's loopback delivery, libcurl's
 * wake-up and read, chunked decoding, the SSE parser, the openai decoder,
 * gw_stream, queue_post() and the eventfd wake-up of the consumer thread.
 * The first WARMUP tokens (connection warm-up) are sent but not counted.
 * Prints median, p99, max (and min, mean) in microseconds. Never asserts. */
#include <curl/curl.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "base/msg.h"
#include "base/queue.h"
#include "gateway/gateway.h"

#define WARMUP 10

struct server {
	int listen_fd;
	int tokens; /* counted + WARMUP */
	long gap_us;
};

static long long mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* One HTTP chunk holding one SSE event "data: JSON\n\n", in one write. */
static int send_event(int fd, const char *json)
{
	char ev[1024], out[1100];
	int n = snprintf(ev, sizeof ev, "data: %s\n\n", json);
	int m = snprintf(out, sizeof out, "%x\r\n%s\r\n", n, ev);

	return write_all(fd, out, (size_t)m);
}

#define CHUNK_HEAD "{\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":"
#define CHUNK_TAIL                                                                           \
	"}],\"created\":1795292518,\"id\":\"chatcmpl-bench\",\"model\":\"bench\","           \
	"\"object\":\"chat.completion.chunk\"}"

/* Reads the request head and its Content-Length body. */
static int read_request(int fd)
{
	char buf[65536];
	size_t have = 0;
	char *end;

	for (;;) {
		ssize_t n = recv(fd, buf + have, sizeof buf - 1 - have, 0);
		if (n <= 0)
			return -1;
		have += (size_t)n;
		buf[have] = '\0';
		if ((end = strstr(buf, "\r\n\r\n")) != NULL)
			break;
		if (have == sizeof buf - 1)
			return -1;
	}
	size_t head = (size_t)(end + 4 - buf), body = 0;
	for (char *line = strstr(buf, "\r\n"); line && line < end; line = strstr(line + 2, "\r\n"))
		if (strncasecmp(line + 2, "Content-Length:", 15) == 0)
			body = strtoul(line + 17, NULL, 10);
	for (size_t got = have - head; got < body;) {
		ssize_t n = recv(fd, buf, sizeof buf, 0);
		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	return 0;
}

static void *server_main(void *arg)
{
	struct server *sv = arg;
	int fd = accept(sv->listen_fd, NULL, NULL), one = 1;
	char json[512];

	if (fd < 0)
		return NULL;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (read_request(fd) < 0)
		goto out;
	static const char head[] = "HTTP/1.1 200 OK\r\n"
				   "Content-Type: text/event-stream\r\n"
				   "Server: llama.cpp\r\n"
				   "Transfer-Encoding: chunked\r\n\r\n";
	if (write_all(fd, head, sizeof head - 1) < 0 ||
	    send_event(fd, CHUNK_HEAD "{\"role\":\"assistant\",\"content\":null}" CHUNK_TAIL) < 0)
		goto out;

	struct timespec next;
	clock_gettime(CLOCK_MONOTONIC, &next);
	for (int i = 0; i < sv->tokens; i++) {
		next.tv_nsec += sv->gap_us * 1000;
		while (next.tv_nsec >= 1000000000L) {
			next.tv_nsec -= 1000000000L;
			next.tv_sec++;
		}
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR)
			;
		snprintf(json, sizeof json, CHUNK_HEAD "{\"content\":\"t%lld \"}" CHUNK_TAIL,
			 mono_ns());
		if (send_event(fd, json) < 0)
			goto out;
	}
	send_event(fd, "{\"choices\":[{\"finish_reason\":\"stop\",\"index\":0,\"delta\":{}}],"
		       "\"created\":1795292518,\"id\":\"chatcmpl-bench\",\"model\":\"bench\","
		       "\"object\":\"chat.completion.chunk\"}");
	send_event(fd, "[DONE]");
	write_all(fd, "0\r\n\r\n", 5);
out:
	close(fd);
	return NULL;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* Records now - t for every "t<ns> " in text (in the raw HTTP bytes, too,
 * nothing else has a 't' followed by digits and a space). */
static void record(const char *text, const char *end_text, long long now, long long *lat,
		   int *seen, int max)
{
	for (const char *p = text; p < end_text && (p = memchr(p, 't', (size_t)(end_text - p)));) {
		char *end;
		long long sent = strtoll(p + 1, &end, 10);
		if (end != p + 1 && *end == ' ' && *seen < max)
			lat[(*seen)++] = now - sent;
		p = end > p + 1 ? end : p + 1;
	}
}

/* The gateway as the client; returns the number of tokens recorded. */
static int via_gateway(const char *url, long long *lat, int max, int *wakeups)
{
	struct gw_endpoint ep = { .name = "bench", .url = url, .api = "openai" };
	struct gw_message msgs[] = { { "system", "You are a benchmark." },
				     { "user", "Stream tokens." } };
	struct gateway_request req = {
		.endpoints = &ep, .nendpoints = 1, .messages = msgs, .nmessages = 2,
		.temperature = 0, .connect_timeout = 5, .first_byte_timeout = 60,
		.idle_timeout = 60, .retries = 0,
	};
	struct queue *q = queue_new();
	struct gateway_call *call = gateway_start(&req, q, 1);
	struct pollfd pfd = { queue_fd(q), POLLIN, 0 };
	int seen = 0, done = 0;

	*wakeups = 0;
	while (!done) {
		if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
			break;
		struct msg *list = queue_take_all(q);
		long long now = mono_ns();
		(*wakeups)++;
		for (struct msg *m = list; m; m = m->next) {
			if (m->type == MSG_TOKEN) {
				record(m->text, m->text + m->len, now, lat, &seen, max);
			} else if (m->type == MSG_FAILED) {
				fprintf(stderr, "token-latency: %s\n", m->text);
				done = 1;
			} else if (m->type == MSG_DONE || m->type == MSG_CANCELLED) {
				done = 1;
			}
		}
		msg_free_list(list);
	}
	gateway_join(call);
	queue_free(q);
	return seen;
}

/* Baseline: a bare blocking socket and recv(), no HTTP client, no parser;
 * the send times are found in the raw bytes. */
static int via_recv(const struct sockaddr_in *addr, long long *lat, int max, int *wakeups)
{
	static const char rq[] = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
				 "Content-Length: 2\r\n\r\n{}";
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), seen = 0;
	char buf[65536];
	ssize_t n;

	*wakeups = 0;
	if (fd < 0 || connect(fd, (const struct sockaddr *)addr, sizeof *addr) < 0 ||
	    write_all(fd, rq, sizeof rq - 1) < 0) {
		perror("token-latency: connect");
		return 0;
	}
	while ((n = recv(fd, buf, sizeof buf, 0)) > 0) {
		long long now = mono_ns();
		(*wakeups)++;
		/* a token never straddles reads here: each is one small write */
		record(buf, buf + n, now, lat, &seen, max);
	}
	close(fd);
	return seen;
}

static void report(const char *label, long long *lat, int seen, long gap_us, int wakeups)
{
	if (seen <= WARMUP) {
		fprintf(stderr, "token-latency: %s: only %d tokens arrived\n", label, seen);
		return;
	}
	long long *v = lat + WARMUP;
	int n = seen - WARMUP, over = 0;
	double sum = 0;
	for (int i = 0; i < n; i++) {
		sum += (double)v[i];
		over += v[i] > 1000000;
	}
	qsort(v, (size_t)n, sizeof *v, cmp_ll);
	int p99 = (int)((double)n * 0.99 + 0.999999) - 1;
	printf("token latency, %s, %d tokens %ld us apart (%d wake-ups): median %.1f us, "
	       "p99 %.1f us, max %.1f us (min %.1f, mean %.1f, %d over 1 ms)\n",
	       label, n, gap_us, wakeups, (double)v[n / 2] / 1e3, (double)v[p99] / 1e3,
	       (double)v[n - 1] / 1e3, (double)v[0] / 1e3, sum / n / 1e3, over);
}

int main(int argc, char **argv)
{
	int counted = argc > 1 ? atoi(argv[1]) : 2000;
	long gap_us = argc > 2 ? atol(argv[2]) : 2000;
	struct server sv = { .tokens = counted + WARMUP, .gap_us = gap_us };
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t alen = sizeof addr;
	pthread_t th;
	char url[64];
	int seen, wakeups;

	if (counted < 1 || gap_us < 0) {
		fprintf(stderr, "usage: token-latency [TOKENS [GAP_US]]\n");
		return 2;
	}
	sv.listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (sv.listen_fd < 0 || bind(sv.listen_fd, (struct sockaddr *)&addr, sizeof addr) < 0 ||
	    listen(sv.listen_fd, 4) < 0 ||
	    getsockname(sv.listen_fd, (struct sockaddr *)&addr, &alen) < 0) {
		perror("token-latency: listen");
		return 1;
	}
	snprintf(url, sizeof url, "http://127.0.0.1:%u", ntohs(addr.sin_port));
	long long *lat = calloc((size_t)sv.tokens, sizeof *lat);

	/* Baseline first: the kernel's share alone. */
	pthread_create(&th, NULL, server_main, &sv);
	seen = via_recv(&addr, lat, sv.tokens, &wakeups);
	pthread_join(th, NULL);
	report("loopback recv() baseline, no gateway", lat, seen, gap_us, wakeups);

	curl_global_init(CURL_GLOBAL_DEFAULT);
	pthread_create(&th, NULL, server_main, &sv);
	seen = via_gateway(url, lat, sv.tokens, &wakeups);
	pthread_join(th, NULL);
	report("server write to gateway queue consumer", lat, seen, gap_us, wakeups);
	curl_global_cleanup();

	close(sv.listen_fd);
	free(lat);
	return 0;
}
