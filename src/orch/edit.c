/* edit: SEARCH/REPLACE on a text, exactly or ignoring trailing
 * whitespace line by line, and the current text read safely; see edit.h. */
#include "orch/edit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/xmalloc.h"

/* The line of s at *pos: [*start, *end) without its '\n'; *pos moves past
 * the '\n' (or to len on a last line without one). */
static void next_line(const char *s, size_t len, size_t *pos, size_t *start, size_t *end)
{
	const char *nl = memchr(s + *pos, '\n', len - *pos);

	*start = *pos;
	*end = nl ? (size_t)(nl - s) : len;
	*pos = nl ? *end + 1 : len;
}

/* end moved back over the trailing whitespace of the line [start, end). */
static size_t trim_end(const char *s, size_t start, size_t end)
{
	while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\r' ||
			       s[end - 1] == '\f' || s[end - 1] == '\v'))
		end--;
	return end;
}

static int same_line(const char *a, size_t as, size_t ae, const char *b, size_t bs, size_t be)
{
	ae = trim_end(a, as, ae);
	be = trim_end(b, bs, be);
	return ae - as == be - bs && memcmp(a + as, b + bs, ae - as) == 0;
}

/* Whether the lines of search match the lines of text from tpos on; then
 * *end is where the match ends in text: past the last line's '\n' when
 * the search ends with one, else at the end of that line's content. */
static int lines_match_at(const char *text, size_t len, size_t tpos, const char *search,
			  size_t slen, size_t *end)
{
	size_t spos = 0, ss, se, ts = 0, te = 0;

	while (spos < slen) {
		if (tpos >= len)
			return 0;
		next_line(search, slen, &spos, &ss, &se);
		next_line(text, len, &tpos, &ts, &te);
		if (!same_line(search, ss, se, text, ts, te))
			return 0;
	}
	*end = search[slen - 1] == '\n' ? tpos : te;
	return 1;
}

/* The first whole-line match ignoring trailing whitespace: [*at, *end). */
static int loose_find(const char *text, size_t len, const char *search, size_t slen,
		      size_t *at, size_t *end)
{
	size_t pos = 0, s, e;

	while (pos < len) {
		if (lines_match_at(text, len, pos, search, slen, end)) {
			*at = pos;
			return 0;
		}
		next_line(text, len, &pos, &s, &e);
	}
	return -1;
}

int edit_apply(const char *text, size_t len, const struct reply_edit *e, struct buf *out)
{
	size_t at, end;

	if (e->search_len == 0)
		return -1;
	const char *hit = memmem(text, len, e->search, e->search_len);
	if (hit) {
		at = (size_t)(hit - text);
		end = at + e->search_len;
	} else if (loose_find(text, len, e->search, e->search_len, &at, &end) < 0) {
		return -1;
	}
	buf_append(out, text, at);
	buf_append(out, e->replace, e->replace_len);
	buf_append(out, text + end, len - end);
	return 0;
}

/* One section on text; NULL, or why it failed. */
static const char *edit_one(struct buf *text, int *exists, const struct reply_edit *ed)
{
	struct buf out = BUF_INIT;

	if (ed->search_len == 0) {
		if (*exists && text->len > 0)
			return "SEARCH is empty but the file is not; quote the lines to replace";
		buf_reset(text);
		buf_append(text, ed->replace, ed->replace_len);
		*exists = 1;
		return NULL;
	}
	if (!*exists)
		return "the file does not exist (an empty SEARCH creates it)";
	if (edit_apply(text->data ? text->data : "", text->len, ed, &out) < 0)
		return "SEARCH text not found";
	buf_free(text);
	*text = out;
	return NULL;
}

size_t edit_sections(const struct reply_change *c, struct buf *text, int *exists,
		     char ***failed, size_t *nfailed)
{
	size_t ok = 0;

	for (size_t k = 0; k < c->nedits; k++) {
		const char *why = edit_one(text, exists, &c->edits[k]);
		if (why == NULL) {
			ok++;
			continue;
		}
		char *shown = pathguard_show(c->path);
		*failed = xreallocarray(*failed, *nfailed + 1, sizeof **failed);
		(*failed)[(*nfailed)++] = xasprintf("%s: edit %zu of %zu: %s", shown, k + 1,
						    c->nedits, why);
		free(shown);
	}
	return ok;
}

/* The regular file open at fd into out, at most max bytes. */
static int read_fd(int fd, size_t max, struct buf *out, size_t *size)
{
	struct stat st;
	char chunk[65536];

	if (fstat(fd, &st) < 0)
		return -1;
	if (!S_ISREG(st.st_mode))
		return errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL, -1;
	*size = (size_t)st.st_size;
	while (out->len <= max) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			return 1;
		buf_append(out, chunk, (size_t)n);
	}
	/* Grown since fstat, or a file that lies about its size. */
	if (out->len > *size)
		*size = out->len;
	return errno = EFBIG, -1;
}

int edit_load(const struct pathguard *g, const char *rel, size_t max, struct buf *out,
	      size_t *size)
{
	const char *leaf;
	int dfd = pathguard_open_parent(g, rel, 0, &leaf), fd = -1, rc;

	*size = 0;
	if (dfd >= 0)
		fd = openat(dfd, leaf, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		rc = errno == ENOENT ? 0 : -1;
	else
		rc = read_fd(fd, max, out, size);
	int saved = errno;
	if (fd >= 0)
		close(fd);
	if (dfd >= 0)
		close(dfd);
	errno = saved;
	return rc;
}
