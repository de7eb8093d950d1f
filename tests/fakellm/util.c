/* util: byte buffers, socket writes, sliced waits, clocks and randomness.
 * Everything here is safe to call from any connection thread. */
#include "fakellm.h"

#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define SLICE_MS 100

void *xrealloc(void *p, size_t n)
{
	void *np = realloc(p, n ? n : 1);

	if (np == NULL) {
		fputs("fakellm: out of memory\n", stderr);
		abort();
	}
	return np;
}

void fbuf_add(struct fbuf *b, const void *p, size_t n)
{
	size_t need = b->len + n + 1;

	if (need > b->cap) {
		size_t cap = b->cap ? b->cap : 256;

		while (cap < need)
			cap *= 2;
		b->p = xrealloc(b->p, cap);
		b->cap = cap;
	}
	if (n > 0)
		memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void fbuf_puts(struct fbuf *b, const char *s)
{
	fbuf_add(b, s, strlen(s));
}

void fbuf_printf(struct fbuf *b, const char *fmt, ...)
{
	va_list ap;
	char small[256];

	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		fbuf_add(b, small, (size_t)n);
		return;
	}
	char *big = xrealloc(NULL, (size_t)n + 1);

	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	fbuf_add(b, big, (size_t)n);
	free(big);
}

void fbuf_free(struct fbuf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

/* MSG_NOSIGNAL as well as SIG_IGN: a client that hung up is a -1, never a crash. */
int io_write(int fd, const void *p, size_t n)
{
	const char *s = p;

	while (n > 0) {
		ssize_t w = send(fd, s, n, MSG_NOSIGNAL);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Size line, data and CRLF go out in one write, as one TCP segment if small. */
int io_chunk(int fd, const void *p, size_t n)
{
	struct fbuf b = {0};

	fbuf_printf(&b, "%zx\r\n", n);
	fbuf_add(&b, p, n);
	fbuf_add(&b, "\r\n", 2);
	int r = io_write(fd, b.p, b.len);

	fbuf_free(&b);
	return r;
}

int io_chunk_str(int fd, const char *s)
{
	return io_chunk(fd, s, strlen(s));
}

int io_chunk_end(int fd)
{
	return io_write(fd, "0\r\n\r\n", 5);
}

int io_sleep_ms(int ms)
{
	while (ms > 0) {
		if (atomic_load(&fl_stopping))
			return -1;
		int step = ms < SLICE_MS ? ms : SLICE_MS;
		struct timespec ts = {step / 1000, (long)(step % 1000) * 1000000L};

		while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
			;
		ms -= step;
	}
	return atomic_load(&fl_stopping) ? -1 : 0;
}

int io_wait_in(int fd, int ms)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};

	for (;;) {
		if (atomic_load(&fl_stopping))
			return -1;
		int step = ms < SLICE_MS ? ms : SLICE_MS;
		int r = poll(&p, 1, step);

		if (r > 0)
			return 1;
		if (r < 0 && errno != EINTR)
			return -1;
		if (r == 0)
			ms -= step;
		if (ms <= 0)
			return 0;
	}
}

/* Reads and drops whatever the client sends until it closes or we stop. */
void io_wait_gone(int fd)
{
	char scratch[4096];

	for (;;) {
		int r = io_wait_in(fd, 3600 * 1000);

		if (r < 0)
			return;
		if (r == 0)
			continue;
		ssize_t n = recv(fd, scratch, sizeof scratch, 0);

		if (n == 0 || (n < 0 && errno != EINTR))
			return;
	}
}

double io_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* RFC 9110 IMF-fixdate; the C locale is never changed, so names are English. */
void io_http_date(char *dst, size_t n)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(dst, n, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

/* Go's time.RFC3339Nano: fractional seconds without trailing zeros. */
void io_rfc3339(char *dst, size_t n)
{
	struct timespec ts;
	struct tm tm;
	char frac[16];
	int k;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	k = snprintf(frac, sizeof frac, ".%09ld", ts.tv_nsec);
	while (k > 1 && frac[k - 1] == '0')
		frac[--k] = '\0';
	if (k == 1)
		frac[0] = '\0';
	snprintf(dst, n, "%04d-%02d-%02dT%02d:%02d:%02d%sZ", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
}

static void rand_bytes(unsigned char *dst, size_t n)
{
	while (n > 0) {
		ssize_t r = getrandom(dst, n, 0);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			for (size_t i = 0; i < n; i++)
				dst[i] = (unsigned char)(i * 131u + 7u);
			return;
		}
		dst += r;
		n -= (size_t)r;
	}
}

static void rand_from(char *dst, size_t n, const char *alphabet, size_t k)
{
	unsigned char *raw = xrealloc(NULL, n);

	rand_bytes(raw, n);
	for (size_t i = 0; i < n; i++)
		dst[i] = alphabet[raw[i] % k];
	dst[n] = '\0';
	free(raw);
}

/* Writes n characters and a NUL. */
void rand_alnum(char *dst, size_t n)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	rand_from(dst, n, a, sizeof a - 1);
}

void rand_hex(char *dst, size_t n)
{
	rand_from(dst, n, "0123456789abcdef", 16);
}

void rand_lower(char *dst, size_t n)
{
	rand_from(dst, n, "abcdefghijklmnopqrstuvwxyz0123456789", 36);
}
