/* review-notes: reading the reviewer's critique of a version from the
 * project's journal (see review-notes.h). The event comes from a model's
 * reply, so everything in it is untrusted: a malformed event is skipped
 * (the review still shows the diff), and each comment's text is made one
 * safe line here, once, so the placement can measure it and the drawing
 * can show it as it is. */
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/xmalloc.h"
#include "review-notes.h"
#include "store/store.h"

const char *review_plain_path(const char *path)
{
	while (path[0] == '.' && path[1] == '/')
		for (path += 2; *path == '/'; path++)
			;
	return path;
}

/* Control bytes made visible; newlines, tabs and runs of blanks become
 * one space, so a comment of several lines reads as one. */
static char *one_line(const char *text)
{
	struct text_sanitizer san = { 0 };
	struct buf clean = BUF_INIT, out = BUF_INIT;

	text_sanitize(&san, text, strlen(text), &clean);
	text_sanitize_end(&san, &clean);
	for (size_t i = 0; i < clean.len; i++) {
		char c = clean.data[i];
		int blank = c == ' ' || c == '\n' || c == '\t';
		if (!blank)
			buf_append_char(&out, c);
		else if (out.len && out.data[out.len - 1] != ' ')
			buf_append_char(&out, ' ');
	}
	while (out.len && out.data[out.len - 1] == ' ')
		out.len--;
	buf_free(&clean);
	char *s = xmalloc(out.len + 1);
	if (out.len)
		memcpy(s, out.data, out.len);
	s[out.len] = '\0';
	buf_free(&out);
	return s;
}

static const char *string_of(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A comment needs its text; the path and the line are optional. */
static int add_comment(struct review_critique *c, const cJSON *item)
{
	const char *text = string_of(item, "text"), *path = string_of(item, "path");
	const cJSON *line = cJSON_GetObjectItemCaseSensitive(item, "line");

	if (!cJSON_IsObject(item) || text == NULL)
		return 0;
	struct review_comment rc = { 0 };
	rc.path = xstrdup(path ? review_plain_path(path) : "");
	rc.line = cJSON_IsNumber(line) && line->valuedouble >= 1 && line->valuedouble < 1e9
			  ? (long)line->valuedouble : 0;
	rc.text = one_line(text);
	c->comments = xreallocarray(c->comments, c->n + 1, sizeof *c->comments);
	c->comments[c->n++] = rc;
	return 1;
}

static struct review_critique *critique_of(const cJSON *ev, int version)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(ev, "version");
	const char *verdict = string_of(ev, "verdict");
	const cJSON *comments = cJSON_GetObjectItemCaseSensitive(ev, "comments"), *item;

	if (!cJSON_IsNumber(v) || v->valuedouble != (double)version || verdict == NULL)
		return NULL;
	if (strcmp(verdict, "approve") != 0 && strcmp(verdict, "request_changes") != 0)
		return NULL;
	struct review_critique *c = xcalloc(1, sizeof *c);
	c->version = version;
	c->approve = strcmp(verdict, "approve") == 0;
	if (cJSON_IsArray(comments))
		cJSON_ArrayForEach(item, comments)
			add_comment(c, item);
	return c;
}

struct review_critique *review_critique_find(const struct store_event *events, size_t n, int version)
{
	for (size_t i = n; i-- > 0;) {
		if (events[i].type == NULL || strcmp(events[i].type, "critique") != 0)
			continue;
		struct review_critique *c = critique_of(events[i].json, version);
		if (c)
			return c;
	}
	return NULL;
}

void review_critique_free(struct review_critique *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->comments[i].path);
		free(c->comments[i].text);
	}
	free(c->comments);
	free(c);
}
