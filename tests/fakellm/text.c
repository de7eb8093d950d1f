/* text: the reply cut into tokens, prompt sizes in words, and JSON helpers.
 * Tokens are made once before any thread starts; the rest (reply_pick too)
 * is safe to call from any connection thread. */
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

/* The sequence of the body's "model" (--replies-for) or the default one;
 * each call takes the sequence's next reply, the last one once it runs out. */
const struct reply *reply_pick(const cJSON *body)
{
	const cJSON *model = cJSON_GetObjectItemCaseSensitive(body, "model");
	struct reply_seq *q = &fl_opt.seqs[0];
	size_t k;

	if (cJSON_IsString(model))
		for (size_t i = 1; i < fl_opt.nseqs; i++)
			if (strcmp(fl_opt.seqs[i].model, model->valuestring) == 0) {
				q = &fl_opt.seqs[i];
				break;
			}
	k = atomic_fetch_add(&q->served, 1);
	return &q->r[k < q->n ? k : q->n - 1];
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

static int words_in_key(const cJSON *body, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(body, key);
	const cJSON *m;
	int n = 0;

	if (!cJSON_IsArray(v))
		return words_in_content(v);
	cJSON_ArrayForEach(m, v) {
		const cJSON *c = cJSON_GetObjectItemCaseSensitive(m, "content");

		n += c ? words_in_content(c) : words_in_content(cJSON_GetObjectItemCaseSensitive(m, "text"));
	}
	return n;
}

/* Every protocol's prompt: OpenAI, Ollama and Anthropic "messages", Anthropic
 * "system", Responses "input" and "instructions", TGI "inputs". */
int words_in_request(const cJSON *body)
{
	static const char *const keys[] = {"messages", "system", "input", "instructions", "inputs"};
	int n = 0;

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		n += words_in_key(body, keys[i]);
	return n;
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
