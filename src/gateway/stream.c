/* stream: protocol-independent answer state; see stream.h. */
#include "gateway/stream.h"

#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"

#define THINK_OPEN "<think>"
#define THINK_CLOSE "</think>"

void gw_stream_init(struct gw_stream *s, gw_emit_fn emit, void *ctx)
{
	memset(s, 0, sizeof *s);
	s->emit = emit;
	s->ctx = ctx;
	s->prompt_tokens = -1;
	s->completion_tokens = -1;
}

void gw_stream_free(struct gw_stream *s)
{
	for (size_t i = 0; i < s->ncalls; i++) {
		free(s->calls[i].id);
		free(s->calls[i].name);
		buf_free(&s->calls[i].args);
	}
	free(s->calls);
	free(s->finish_reason);
	free(s->error);
	free(s->model);
	buf_free(&s->held);
	memset(s, 0, sizeof *s);
}

static void stream_emit(struct gw_stream *s, enum msg_type type, const char *text, size_t len)
{
	if (len == 0)
		return;
	s->deltas++;
	s->emit(s->ctx, type, text, len);
}

void gw_stream_reasoning(struct gw_stream *s, const char *text, size_t len)
{
	stream_emit(s, MSG_REASONING, text, len);
}

/* Length of the longest suffix of text[0..len) that is a proper prefix of
 * tag: those bytes may be the start of a tag split across pieces. */
static size_t partial_tag(const char *text, size_t len, const char *tag)
{
	size_t tlen = strlen(tag);

	for (size_t k = tlen - 1; k > 0; k--)
		if (k <= len && memcmp(text + len - k, tag, k) == 0)
			return k;
	return 0;
}

static void stream_answer(struct gw_stream *s, const char *text, size_t len);

/* Inside <think>: reasoning until </think>, then the answer. */
static void stream_inside(struct gw_stream *s, const char *text, size_t len)
{
	const char *end = memmem(text, len, THINK_CLOSE, strlen(THINK_CLOSE));

	if (end != NULL) {
		stream_emit(s, MSG_REASONING, text, (size_t)(end - text));
		s->think = THINK_ANSWER;
		s->after_think = 1;
		const char *rest = end + strlen(THINK_CLOSE);
		stream_answer(s, rest, len - (size_t)(rest - text));
		return;
	}
	size_t keep = partial_tag(text, len, THINK_CLOSE);
	stream_emit(s, MSG_REASONING, text, len - keep);
	buf_append(&s->held, text + len - keep, keep);
}

static void stream_answer(struct gw_stream *s, const char *text, size_t len)
{
	/* Models put a blank line after </think>; the answer starts after it,
	 * whichever pieces those newlines arrive in. */
	while (s->after_think && len > 0 && (*text == '\n' || *text == '\r')) {
		text++;
		len--;
	}
	if (len > 0)
		s->after_think = 0;
	stream_emit(s, MSG_TOKEN, text, len);
}

/* Undecided: the held bytes (leading whitespace, then a prefix of <think>)
 * decide whether the answer opens with a think block. */
static void stream_undecided(struct gw_stream *s)
{
	const char *p = s->held.data;
	size_t len = s->held.len, ws = 0, olen = strlen(THINK_OPEN);

	while (ws < len && (p[ws] == ' ' || p[ws] == '\t' || p[ws] == '\r' || p[ws] == '\n'))
		ws++;
	size_t rest = len - ws;
	if (rest >= olen && memcmp(p + ws, THINK_OPEN, olen) == 0) {
		char *after = xstrndup(p + ws + olen, rest - olen);
		size_t n = rest - olen;
		buf_reset(&s->held);
		s->think = THINK_INSIDE;
		stream_inside(s, after, n);
		free(after);
	} else if (rest > 0 && memcmp(p + ws, THINK_OPEN, rest < olen ? rest : olen) != 0) {
		s->think = THINK_ANSWER;
		char *all = buf_steal(&s->held);
		stream_answer(s, all, len);
		free(all);
	}
}

void gw_stream_text(struct gw_stream *s, const char *text, size_t len)
{
	if (len == 0)
		return;
	switch (s->think) {
	case THINK_ANSWER:
		stream_answer(s, text, len);
		return;
	case THINK_UNDECIDED:
		buf_append(&s->held, text, len);
		stream_undecided(s);
		return;
	case THINK_INSIDE:
		if (s->held.len == 0) {
			stream_inside(s, text, len);
			return;
		}
		buf_append(&s->held, text, len);
		size_t n = s->held.len;
		char *all = buf_steal(&s->held);
		stream_inside(s, all, n);
		free(all);
		return;
	}
}

void gw_stream_flush(struct gw_stream *s)
{
	if (s->held.len == 0)
		return;
	size_t n = s->held.len;
	char *all = buf_steal(&s->held);
	stream_emit(s, s->think == THINK_INSIDE ? MSG_REASONING : MSG_TOKEN, all, n);
	free(all);
}

static struct gw_tool_call *stream_call(struct gw_stream *s, int index)
{
	for (size_t i = 0; i < s->ncalls; i++)
		if (s->calls[i].index == index)
			return &s->calls[i];
	s->calls = xreallocarray(s->calls, s->ncalls + 1, sizeof *s->calls);
	struct gw_tool_call *c = &s->calls[s->ncalls++];
	memset(c, 0, sizeof *c);
	c->index = index;
	return c;
}

void gw_stream_tool_call(struct gw_stream *s, int index, const char *id, const char *name,
			 const char *args, size_t args_len)
{
	struct gw_tool_call *c = stream_call(s, index);

	if (id != NULL && id[0] != '\0' && c->id == NULL)
		c->id = xstrdup(id);
	if (name != NULL && name[0] != '\0' && c->name == NULL)
		c->name = xstrdup(name);
	if (args != NULL)
		buf_append(&c->args, args, args_len);
}

void gw_stream_finish(struct gw_stream *s, const char *reason)
{
	static const char *const synonyms[][2] = {
		{ "end_turn", "stop" },      { "eos_token", "stop" },
		{ "stop_sequence", "stop" }, { "max_tokens", "length" },
		{ "tool_use", "tool_calls" }, { "completed", "stop" },
	};

	if (reason == NULL || reason[0] == '\0')
		return;
	for (size_t i = 0; i < sizeof synonyms / sizeof synonyms[0]; i++)
		if (strcmp(reason, synonyms[i][0]) == 0)
			reason = synonyms[i][1];
	free(s->finish_reason);
	s->finish_reason = xstrdup(reason);
}

void gw_stream_usage(struct gw_stream *s, long prompt_tokens, long completion_tokens)
{
	if (prompt_tokens >= 0)
		s->prompt_tokens = prompt_tokens;
	if (completion_tokens >= 0)
		s->completion_tokens = completion_tokens;
}

void gw_stream_error(struct gw_stream *s, char *msg)
{
	if (s->error == NULL)
		s->error = msg;
	else
		free(msg);
}

void gw_stream_complete(struct gw_stream *s)
{
	s->complete = 1;
}

void gw_stream_model(struct gw_stream *s, const char *model)
{
	if (s->model == NULL && model != NULL && model[0] != '\0')
		s->model = xstrdup(model);
}
