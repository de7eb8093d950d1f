/* buf: a growable byte buffer, always NUL-terminated for convenience. */
#ifndef FAOS_BUF_H
#define FAOS_BUF_H

#include <stddef.h>

struct buf {
	char *data; /* NULL until the first append; data[len] == '\0' after it */
	size_t len;
	size_t cap;
};

#define BUF_INIT { NULL, 0, 0 }

void buf_append(struct buf *b, const void *data, size_t len);
void buf_append_str(struct buf *b, const char *s);
void buf_append_char(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Drop the first n bytes (n <= len). */
void buf_consume(struct buf *b, size_t n);
void buf_reset(struct buf *b);
/* Hand the bytes to the caller (never NULL) and leave b empty. */
char *buf_steal(struct buf *b);
void buf_free(struct buf *b);

#endif
