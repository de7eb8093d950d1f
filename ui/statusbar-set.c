/* statusbar-set: what the status line is told (the state of a request,
 * the loop, the target, the layers, the run, an error). Every text that
 * comes from outside is sanitised here, when it is stored, so formatting
 * and drawing (statusbar.c) only copy. */
#include "statusbar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/xmalloc.h"
#include "sandbox/sandbox.h"

/* Stores raw (owned, or NULL to clear) in *field made safe and kept on
 * one line: it may come from a server, a file name or a program. */
static void status_store(struct status *s, char **field, char *raw)
{
	struct text_sanitizer san = { 0 };
	struct buf b = BUF_INIT;

	free(*field);
	*field = NULL;
	s->dirty = 1;
	if (!raw)
		return;
	text_sanitize(&san, raw, strlen(raw), &b);
	text_sanitize_end(&san, &b);
	free(raw);
	*field = buf_steal(&b);
	for (char *p = *field; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
}

void status_set_error(struct status *s, const char *text)
{
	status_store(s, &s->error, xstrdup(text));
}

void status_dismiss(struct status *s)
{
	status_store(s, &s->error, NULL);
}

void status_set_target(struct status *s, const char *endpoint, const char *api, const char *model)
{
	status_store(s, &s->target,
		     xasprintf("%s%s%s%s%s", endpoint, api && api[0] ? " " : "", api ? api : "",
			       model && model[0] ? " " : "", model ? model : ""));
}

void status_request_started(struct status *s, double now)
{
	s->state = RUN_WAITING;
	s->t_start = now;
	s->t_first = 0;
	s->pieces = 0;
	s->have_usage = 0;
	s->dirty = 1;
}

void status_token(struct status *s, double now)
{
	if (s->t_first == 0)
		s->t_first = now;
	s->state = RUN_STREAMING;
	s->pieces++;
	s->dirty = 1;
}

void status_usage(struct status *s, const struct msg_usage *u)
{
	s->usage = *u;
	s->have_usage = 1;
	if (u->prompt_tokens >= 0)
		s->ctx_used = u->prompt_tokens + u->completion_tokens;
	if (u->context > 0)
		s->ctx_size = u->context;
	s->dirty = 1;
}

void status_request_ended(struct status *s, enum run_state state)
{
	s->state = state;
	s->dirty = 1;
}

void status_set_loop(struct status *s, const char *project, const char *state, int iteration,
		     int max, int version)
{
	status_store(s, &s->loop,
		     xasprintf("%s · %s %d/%d · v%d", project, state, iteration, max, version));
}

void status_loop_started(struct status *s, double now)
{
	s->loop_clock = 1;
	s->loop_busy = 1;
	s->loop_ms = 0;
	s->loop_since = now;
	s->dirty = 1;
}

void status_loop_busy(struct status *s, int busy, double now)
{
	if (busy && !s->loop_busy)
		s->loop_since = now;
	else if (!busy && s->loop_busy)
		s->loop_ms += now - s->loop_since;
	s->loop_busy = busy != 0;
	s->dirty = 1;
}

/* Whether the space-separated list holds the word. */
static int has_word(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; (p = strstr(p, word)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/* "sandbox: all layers", or the layers missing: "sandbox: no landlock, uid". */
void status_set_layers(struct status *s, const char *layers)
{
	struct buf b = BUF_INIT;

	if (layers) {
		for (int l = 0; l < SBX_LAYER_COUNT; l++) {
			const char *name = sandbox_layer_name((enum sbx_layer)l);
			if (!has_word(layers, name))
				buf_printf(&b, "%s%s", b.len ? ", " : "sandbox: no ", name);
		}
		if (!b.len)
			buf_append_str(&b, "sandbox: all layers");
	}
	status_store(s, &s->layers, layers ? buf_steal(&b) : NULL);
}

void status_set_context(struct status *s, long used, long size)
{
	s->ctx_used = used;
	s->ctx_size = size;
	s->dirty = 1;
}

void status_set_run(struct status *s, const char *result)
{
	status_store(s, &s->run, result ? xasprintf("run: %s", result) : NULL);
}

int status_ticking(const struct status *s)
{
	return s->state == RUN_WAITING || s->state == RUN_STREAMING || s->loop_busy;
}
