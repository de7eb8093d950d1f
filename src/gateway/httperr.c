/* httperr: readable messages from error bodies. */
#include "gateway/httperr.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/xmalloc.h"

#define SNIPPET_MAX 120

const char *httperr_snippet(const char *text, size_t len)
{
	static _Thread_local char out[SNIPPET_MAX * 4 + 8];
	struct text_sanitizer san = { 0 };
	struct buf b = BUF_INIT;

	while (len && isspace((unsigned char)*text))
		text++, len--;
	const char *nl = memchr(text, '\n', len);
	size_t n = nl ? (size_t)(nl - text) : len;
	int cut = n > SNIPPET_MAX;
	size_t keep = cut ? SNIPPET_MAX : n;
	while (cut && keep > 0 && ((unsigned char)text[keep] & 0xC0) == 0x80)
		keep--; /* never cut a UTF-8 character in two */
	text_sanitize(&san, text, keep, &b);
	text_sanitize_end(&san, &b);
	snprintf(out, sizeof out, "%s%s", b.len ? b.data : "(empty)", cut || nl ? "..." : "");
	buf_free(&b);
	return out;
}

char *httperr_describe_error_value(const cJSON *error)
{
	if (cJSON_IsString(error))
		return xstrdup(httperr_snippet(error->valuestring, strlen(error->valuestring)));
	const cJSON *msg = cJSON_GetObjectItemCaseSensitive(error, "message");
	const cJSON *type = cJSON_GetObjectItemCaseSensitive(error, "type");
	if (!cJSON_IsString(msg))
		return xstrdup("the server reported an error without a message");
	char *text = xstrdup(httperr_snippet(msg->valuestring, strlen(msg->valuestring)));
	if (!cJSON_IsString(type) || type->valuestring[0] == '\0')
		return text;
	char *with_type = xasprintf("%s (%s)", text,
				    httperr_snippet(type->valuestring, strlen(type->valuestring)));
	free(text);
	return with_type;
}

char *httperr_describe_json(const cJSON *root)
{
	static const char *const keys[] = { "error", "detail", "message" };

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, keys[i]);
		if (cJSON_IsString(v) || cJSON_IsObject(v))
			return httperr_describe_error_value(v);
	}
	return xstrdup("no error message");
}

/* The text of <title> in an HTML page, or NULL. */
static char *httperr_html_title(const char *body, size_t len)
{
	char *copy = xstrndup(body, len);
	char *open = strcasestr(copy, "<title>");
	char *close = open ? strcasestr(open, "</title>") : NULL;
	char *title = NULL;

	if (open && close) {
		open += strlen("<title>");
		title = xstrdup(httperr_snippet(open, (size_t)(close - open)));
	}
	free(copy);
	return title;
}

char *httperr_describe_body(const char *content_type, const char *body, size_t len)
{
	cJSON *root = len ? cJSON_ParseWithLength(body, len) : NULL;

	if (root != NULL) {
		char *text = cJSON_IsObject(root) ? httperr_describe_json(root)
						  : xstrdup(httperr_snippet(body, len));
		cJSON_Delete(root);
		return text;
	}
	if (len == 0)
		return xstrdup("an empty body");
	int html = (content_type && strcasestr(content_type, "html")) ||
		   strncasecmp(body, "<!doctype html", 14) == 0 || strncasecmp(body, "<html", 5) == 0;
	if (html) {
		char *title = httperr_html_title(body, len);
		char *text = xasprintf("an HTML page%s%s%s", title ? " \"" : "",
				       title ? title : "", title ? "\"" : "");
		free(title);
		return text;
	}
	return xstrdup(httperr_snippet(body, len));
}

const char *httperr_hint(long status)
{
	switch (status) {
	case 401:
	case 403:
		return "; check the API key (OPENAI_API_KEY, api_key, or the endpoint's api_key_env)";
	case 404:
		return "; this server does not serve that protocol: check --endpoint, or let "
		       "--api auto choose";
	case 503:
		return "; the server may still be loading the model, try again shortly";
	default:
		return "";
	}
}
