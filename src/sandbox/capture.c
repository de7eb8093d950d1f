/* capture: what a run printed, kept three ways: the head and the tail of
 * each stream in memory (errors are usually at the end), and everything in
 * the run's log file up to a cap. Counting never stops. */
#include <string.h>
#include <unistd.h>

#include "sandbox/capture.h"

void capture_add(struct sbx_capture *c, const char *p, size_t n)
{
	c->total += n;
	if (c->head.len < SBX_HEAD) {
		size_t take = SBX_HEAD - c->head.len < n ? SBX_HEAD - c->head.len : n;
		buf_append(&c->head, p, take);
		p += take;
		n -= take;
	}
	if (n == 0)
		return;
	if (n >= SBX_TAIL) {
		buf_reset(&c->tail);
		buf_append(&c->tail, p + n - SBX_TAIL, SBX_TAIL);
		return;
	}
	buf_append(&c->tail, p, n);
	if (c->tail.len > 2 * SBX_TAIL) /* amortised: trim once per SBX_TAIL bytes */
		buf_consume(&c->tail, c->tail.len - SBX_TAIL);
}

void capture_finish(struct sbx_capture *c)
{
	if (c->tail.len > SBX_TAIL)
		buf_consume(&c->tail, c->tail.len - SBX_TAIL);
}

void capture_free(struct sbx_capture *c)
{
	buf_free(&c->head);
	buf_free(&c->tail);
}

void spool_write(struct spool *s, const char *p, size_t n)
{
	if (s->fd < 0)
		return;
	if (s->written + n > s->cap) {
		n = (size_t)(s->cap - s->written);
		if (!s->truncated) {
			s->truncated = true;
			static const char note[] = "\n[faos-codex: the log stops here; the run printed more]\n";
			if (n > 0 && write(s->fd, p, n) < 0)
				s->fd = -1;
			if (s->fd >= 0 && write(s->fd, note, sizeof note - 1) < 0)
				s->fd = -1;
		}
		s->written = s->cap;
		return;
	}
	while (n > 0) {
		ssize_t w = write(s->fd, p, n);
		if (w <= 0) {
			s->fd = -1; /* disk full: the run goes on, the log stops */
			return;
		}
		p += w;
		n -= (size_t)w;
		s->written += (uint64_t)w;
	}
}
