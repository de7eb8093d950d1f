/* text: the reply cut into tokens, the prompt's text and size in words, and
 * JSON helpers. Tokens are made once before any thread starts; the rest is
 * safe to call from any connection thread. */
#include "fakellm.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static char *dup_range(const char *p, size_t n)
{
	char *s = xrealloc(NULL, n + 1);

	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

/* Pieces are [leading whitespace, first piece only] word whitespace*, so their
 * concatenation is the text byte for byte. */
char **tokens_split(const char *text, size_t len, size_t *ntok)
{
	char **tok = NULL;
	size_t n = 0, i = 0;

	while (i < len) {
		size_t start = i;

		while (i < len && is_ws((unsigned char)text[i]))
			i++;
		while (i < len && !is_ws((unsigned char)text[i]))
			i++;
		while (i < len && is_ws((unsigned char)text[i]))
			i++;
		tok = xrealloc(tok, (n + 1) * sizeof *tok);
		tok[n++] = dup_range(text + start, i - start);
	}
	*ntok = n;
	return tok;
}

char **tokens_numbered(size_t n, size_t *ntok)
{
	char **tok = xrealloc(NULL, n * sizeof *tok);
	char piece[32];

	for (size_t i = 0; i < n; i++) {
		int k = snprintf(piece, sizeof piece, "t%zu ", i);

		tok[i] = dup_range(piece, (size_t)k);
	}
	*ntok = n;
	return tok;
}

void tokens_free(char **tok, size_t ntok)
{
	for (size_t i = 0; i < ntok; i++)
		free(tok[i]);
	free(tok);
}

static int words_in(const char *s)
{
	int n = 0;
	bool in = false;

	for (; *s; s++) {
		bool w = !is_ws((unsigned char)*s);

		n += w && !in;
		in = w;
	}
	return n;
}

/* content is a string, or an array of parts with "text" (OpenAI multi-part). */
static int words_in_content(const cJSON *content)
{
	const cJSON *part;
	int n = 0;

	if (cJSON_IsString(content))
		return words_in(content->valuestring);
	cJSON_ArrayForEach(part, content) {
		const cJSON *text = cJSON_GetObjectItemCaseSensitive(part, "text");

		if (cJSON_IsString(text))
			n += words_in(text->valuestring);
	}
	return n;
}

int words_in_messages(const cJSON *body)
{
	const cJSON *msgs = cJSON_GetObjectItemCaseSensitive(body, "messages");
	const cJSON *m;
	int n = 0;

	if (!cJSON_IsArray(msgs))
		return 0;
	cJSON_ArrayForEach(m, msgs)
		n += words_in_content(cJSON_GetObjectItemCaseSensitive(m, "content"));
	return n;
}

/* Calls fn on every text of the prompt under key: a string, an array of
 * parts with "text", or an array of messages whose "content" (or "text")
 * is one of those. */
static void each_text_in(const cJSON *v, void (*fn)(void *, const char *), void *ctx)
{
	const cJSON *m;

	if (cJSON_IsString(v)) {
		fn(ctx, v->valuestring);
		return;
	}
	cJSON_ArrayForEach(m, v) {
		const cJSON *c = cJSON_GetObjectItemCaseSensitive(m, "content");
		const cJSON *text = cJSON_GetObjectItemCaseSensitive(m, "text");

		if (c)
			each_text_in(c, fn, ctx);
		else if (cJSON_IsString(text))
			fn(ctx, text->valuestring);
	}
}

/* Every protocol's prompt: OpenAI, Ollama and Anthropic "messages", Anthropic
 * "system", Responses "input" and "instructions", TGI "inputs". */
static void each_prompt_text(const cJSON *body, void (*fn)(void *, const char *), void *ctx)
{
	static const char *const keys[] = {"messages", "system", "input", "instructions", "inputs"};

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		each_text_in(cJSON_GetObjectItemCaseSensitive(body, keys[i]), fn, ctx);
}

static void count_words(void *ctx, const char *s)
{
	*(int *)ctx += words_in(s);
}

int words_in_request(const cJSON *body)
{
	int n = 0;

	each_prompt_text(body, count_words, &n);
	return n;
}

static void add_line(void *ctx, const char *s)
{
	fbuf_puts(ctx, s);
	fbuf_puts(ctx, "\n");
}

/* The prompt's texts, each followed by a newline (--reply-when looks here). */
char *prompt_text(const cJSON *body)
{
	struct fbuf b = {0};

	fbuf_add(&b, "", 0);
	each_prompt_text(body, add_line, &b);
	return b.p;
}

char *json_take(cJSON *o)
{
	char *s = cJSON_PrintUnformatted(o);

	cJSON_Delete(o);
	return s;
}

/* s[n] must be '\0': cJSON only rejects trailing garbage when it can see the
 * terminator. cJSON records parse errors in a global, so parses are serialised. */
cJSON *json_parse_locked(const char *s, size_t n)
{
	static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

	if (n == 0)
		return NULL;
	pthread_mutex_lock(&mu);
	cJSON *j = cJSON_ParseWithLengthOpts(s, n + 1, NULL, 1);

	pthread_mutex_unlock(&mu);
	return j;
}
