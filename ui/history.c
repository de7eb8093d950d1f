/* history: the prompt history file; see history.h for the format and why
 * it is append-only. */
#include "history.h"

#include <cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomic.h"
#include "base/buf.h"
#include "base/paths.h"
#include "base/xmalloc.h"

static void history_push(struct history *h, char *text)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 64;
		h->items = xreallocarray(h->items, h->cap, sizeof *h->items);
	}
	h->items[h->n++] = text;
}

/* Keep the newest limit entries. */
static void history_trim(struct history *h)
{
	size_t limit = h->limit > 0 ? (size_t)h->limit : 0;

	if (h->n <= limit)
		return;
	size_t drop = h->n - limit;
	for (size_t i = 0; i < drop; i++)
		free(h->items[i]);
	memmove(h->items, h->items + drop, limit * sizeof *h->items);
	h->n = limit;
}

/* The entry on one line, or NULL when it is not one (a torn write). */
static char *history_parse_line(const char *line, size_t len)
{
	cJSON *obj = cJSON_ParseWithLength(line, len);
	const cJSON *text = cJSON_GetObjectItemCaseSensitive(obj, "text");
	char *out = cJSON_IsString(text) && text->valuestring[0] ? xstrdup(text->valuestring) : NULL;

	cJSON_Delete(obj);
	return out;
}

int history_load(struct history *h, const char *path, int limit, char **err)
{
	size_t len = 0;

	memset(h, 0, sizeof *h);
	h->path = xstrdup(path);
	h->limit = limit;
	if (limit <= 0)
		return 0;
	char *data = paths_read_file(path, &len);
	if (data == NULL) {
		if (errno == ENOENT)
			return 0;
		*err = paths_error("cannot read the prompt history", path);
		return -1;
	}
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - data) : len;
		char *entry = end > pos ? history_parse_line(data + pos, end - pos) : NULL;
		if (entry)
			history_push(h, entry);
		if (end > pos)
			h->in_file++;
		pos = end + 1;
	}
	free(data);
	history_trim(h);
	return 0;
}

static char *history_line(const char *text)
{
	cJSON *obj = cJSON_CreateObject();

	cJSON_AddStringToObject(obj, "text", text);
	char *printed = cJSON_PrintUnformatted(obj);
	cJSON_Delete(obj);
	if (printed == NULL)
		abort(); /* out of memory */
	char *line = xasprintf("%s\n", printed);
	cJSON_free(printed);
	return line;
}

static int write_all(int fd, const char *s, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, s, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Appends line in one write; after a torn last line (no newline) the new
 * one starts on a line of its own, so only the torn one is lost. */
static int history_append(struct history *h, const char *line)
{
	int fd = open(h->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	struct stat st;
	char last = '\n';
	int rc = -1;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && st.st_size > 0 && pread(fd, &last, 1, st.st_size - 1) != 1)
		last = '\n';
	char *out = last == '\n' ? xstrdup(line) : xasprintf("\n%s", line);
	rc = write_all(fd, out, strlen(out));
	free(out);
	if (close(fd) < 0)
		rc = -1;
	return rc;
}

/* The file rewritten whole with its newest entries. It is read again
 * first: what other sessions appended since this one loaded is theirs to
 * keep, and this session's list becomes what the file now holds. */
static int history_compact(struct history *h)
{
	struct history now;
	struct buf all = BUF_INIT;
	char *err = NULL;

	if (history_load(&now, h->path, h->limit, &err) < 0) {
		free(err);
		history_free(&now);
		return -1;
	}
	for (size_t i = 0; i < now.n; i++) {
		char *line = history_line(now.items[i]);
		buf_append_str(&all, line);
		free(line);
	}
	int rc = atomic_write(h->path, all.data ? all.data : "", all.len, 0600);
	buf_free(&all);
	if (rc == 0) {
		free(now.path);
		now.path = h->path;
		h->path = NULL;
		history_free(h);
		*h = now;
		h->in_file = h->n;
	} else {
		history_free(&now);
	}
	return rc;
}

int history_add(struct history *h, const char *text, char **err)
{
	if (h->limit <= 0 || text[0] == '\0' || (h->n && strcmp(h->items[h->n - 1], text) == 0))
		return 0;
	history_push(h, xstrdup(text));
	history_trim(h);

	char *dir = paths_dirname(h->path);
	int rc = paths_mkdir_p(dir, err);
	free(dir);
	if (rc < 0)
		return -1;
	char *line = history_line(text);
	rc = history_append(h, line);
	free(line);
	h->in_file++;
	if (rc == 0 && h->in_file >= 2 * (size_t)h->limit)
		rc = history_compact(h);
	if (rc < 0)
		*err = paths_error("cannot write the prompt history", h->path);
	return rc;
}

const char *history_get(const struct history *h, size_t i)
{
	return i < h->n ? h->items[i] : NULL;
}

long history_search(const struct history *h, const char *query, long before)
{
	if (before > (long)h->n)
		before = (long)h->n;
	for (long i = before - 1; i >= 0; i--)
		if (strstr(h->items[i], query))
			return i;
	return -1;
}

void history_free(struct history *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->items[i]);
	free(h->items);
	free(h->path);
	memset(h, 0, sizeof *h);
}
