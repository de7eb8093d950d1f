/* statusbar: the status line's formatting and its drawing (what it is
 * told: statusbar-set.c; the agents' part: statusbar-agents.c).
 *
 * Formatting is by parts: each part is built whole, then parts are taken
 * in order of importance while they fit, so a narrow terminal loses the
 * least useful figures first and never shows half a figure. Every text
 * that comes from outside was sanitised when it was stored, so formatting
 * and drawing only copy. */
#include "statusbar.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "base/xmalloc.h"
#include "theme.h"
#include "wrap.h"

#define PART_MAX 320 /* bytes of one part: a target is at most ~210 before sanitising */
#define PARTS 14
#define KEYS "C-s send  F5 run  C-c cancel  F1 help  C-q quit "

static const char *const state_names[] = {
	[RUN_IDLE] = "idle", [RUN_WAITING] = "waiting", [RUN_STREAMING] = "streaming",
	[RUN_DONE] = "done", [RUN_CANCELLED] = "cancelled", [RUN_FAILED] = "failed",
};

const char *status_state_name(enum run_state state)
{
	return state_names[state];
}

/* "12.3 s", "4m05s", "2h03m". */
static void format_elapsed(double ms, char *out, size_t size)
{
	long sec = (long)(ms / 1e3);

	if (ms < 60e3)
		snprintf(out, size, "%.1f s", ms / 1e3);
	else if (sec < 3600)
		snprintf(out, size, "%ldm%02lds", sec / 60, sec % 60);
	else
		snprintf(out, size, "%ldh%02ldm", sec / 3600, sec / 60 % 60);
}

struct parts {
	char text[PARTS][PART_MAX];
	char alt[PARTS][PART_MAX]; /* a shorter form to try before leaving it out, or "" */
	int n;
};

static __attribute__((format(printf, 2, 3))) void add(struct parts *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	p->alt[p->n][0] = '\0';
	vsnprintf(p->text[p->n++], PART_MAX, fmt, ap);
	va_end(ap);
}

/* The agents' part, with its compact form as the shorter one. */
static void add_agents(const struct status *s, double now, struct parts *p)
{
	if (s->nagents == 0)
		return;
	status_agents_format(s, now, 0, p->text[p->n], PART_MAX);
	status_agents_format(s, now, 1, p->alt[p->n], PART_MAX);
	p->n++;
}

/* The request's figures, live while it streams, final after. */
static void add_figures(const struct status *s, double now, struct parts *p)
{
	const struct msg_usage *u = &s->usage;
	int final = s->have_usage;

	if (s->state == RUN_IDLE)
		return;
	if (final ? u->ttft_ms > 0 : s->t_first > 0)
		add(p, "ttft %.0f ms", final ? u->ttft_ms : s->t_first - s->t_start);
	if (final)
		add(p, "%.1f tok/s", u->tokens_per_s);
	else if (s->t_first > 0)
		add(p, "%.1f tok/s", now > s->t_first ? (double)s->pieces * 1e3 / (now - s->t_first) : 0.0);
	if (final && u->prompt_tokens >= 0)
		add(p, "in %ld out %ld", u->prompt_tokens, u->completion_tokens);
	else
		add(p, "out %ld", final ? u->completion_tokens : s->pieces);
}

/* Every part, most important first. */
static void status_parts(const struct status *s, double now, struct parts *p)
{
	char when[32];

	if (s->loop)
		add(p, "%s", s->loop);
	add_agents(s, now, p);
	add(p, "%s", state_names[s->state]);
	/* Without a target the configuration error is in the output pane. */
	add(p, "%s", s->target ? s->target : "no usable endpoint: see the output pane");
	if (s->run)
		add(p, "%s", s->run);
	/* With agents, requests overlap: their figures would mix several
	 * streams, and the agents' part has each one's tokens/s. */
	if (s->nagents == 0)
		add_figures(s, now, p);
	if (s->ctx_size > 0 && s->ctx_used > 0)
		add(p, "ctx %.0f%% of %ld", (double)s->ctx_used * 100.0 / (double)s->ctx_size,
		    s->ctx_size);
	else if (s->ctx_size > 0)
		add(p, "ctx %ld", s->ctx_size);
	if (s->layers)
		add(p, "%s", s->layers);
	if (s->loop_clock) {
		format_elapsed(s->loop_ms + (s->loop_busy ? now - s->loop_since : 0), when,
			       sizeof when);
		add(p, "loop %s", when);
	} else if (s->state == RUN_WAITING || s->state == RUN_STREAMING || s->have_usage) {
		format_elapsed(s->have_usage ? s->usage.elapsed_ms : now - s->t_start, when,
			       sizeof when);
		add(p, "%s", when);
	}
	if (s->have_usage && s->usage.retries > 0)
		add(p, "%d %s", s->usage.retries, s->usage.retries == 1 ? "retry" : "retries");
	if (s->have_usage && s->usage.cost > 0)
		add(p, "cost %.4f", s->usage.cost);
}

/* Appends text to out cut to at most width columns, with "…" when cut.
 * Returns the columns used. */
static int append_cut(char *out, size_t size, const char *text, int width)
{
	size_t len = strlen(out), i = 0, tlen = strlen(text);
	int used = 0, whole = wrap_width(text, tlen) <= width;
	int room = whole ? width : width - 1;
	mbstate_t st;

	memset(&st, 0, sizeof st);
	while (i < tlen) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, text + i, tlen - i, &st);
		int w = 1;
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			n = 1;
			memset(&st, 0, sizeof st);
		} else if (wcwidth(wc) >= 0) {
			w = wcwidth(wc);
		}
		if (used + w > room || len + n + 1 >= size)
			break;
		memcpy(out + len, text + i, n);
		len += n;
		i += n;
		used += w;
	}
	out[len] = '\0';
	if (!whole && room >= 0 && len + sizeof "…" <= size) {
		strcat(out, "…");
		used++;
	}
	return used;
}

/* " ✗ text  (Esc dismisses)"; when short of room the text is cut, not the
 * way out, down to a few columns of it. */
static size_t format_error(const char *error, int width, char *out, size_t size)
{
	static const char long_tail[] = "  (Esc dismisses)", short_tail[] = "  (Esc)";
	int text_w = wrap_width(error, strlen(error));
	const char *tail = 3 + text_w + (int)strlen(long_tail) <= width ? long_tail
			   : width >= 3 + 8 + (int)strlen(short_tail) ? short_tail : "";
	int tail_w = (int)strlen(tail);

	out[0] = '\0';
	append_cut(out, size, " ✗ ", width < 3 ? width : 3);
	append_cut(out, size, error, width - 3 - tail_w);
	append_cut(out, size, tail, tail_w);
	return strlen(out);
}

size_t status_format(const struct status *s, double now, int width, char *out, size_t size)
{
	struct parts p = { .n = 0 };
	int used = 1, keys_w = (int)strlen(KEYS);

	if (size == 0)
		return 0;
	out[0] = '\0';
	if (width < 2)
		return 0;
	if (s->error)
		return format_error(s->error, width, out, size);
	status_parts(s, now, &p);
	append_cut(out, size, " ", 1);
	/* The most important part always shows, cut when nothing else would. */
	used += append_cut(out, size, p.text[0], width - 1);
	for (int i = 1; i < p.n; i++) {
		const char *text = p.text[i];
		int w = wrap_width(text, strlen(text));
		if (used + 3 + w > width && p.alt[i][0]) {
			text = p.alt[i];
			w = wrap_width(text, strlen(text));
		}
		if (used + 3 + w > width)
			continue; /* left out whole; a shorter, less important one may fit */
		append_cut(out, size, " | ", 3);
		used += 3 + append_cut(out, size, text, w);
	}
	if (used + 2 + keys_w <= width) {
		size_t len = strlen(out);
		for (; used < width - keys_w && len + 1 < size; used++)
			out[len++] = ' ';
		out[len] = '\0';
		append_cut(out, size, KEYS, keys_w);
	}
	return strlen(out);
}

void status_draw(struct status *s, WINDOW *w, double now)
{
	char line[4096];
	int width = getmaxx(w);

	status_format(s, now, width, line, sizeof line);
	werase(w);
	wattrset(w, theme_attr(s->error ? TS_ERROR : TS_STATUS));
	mvwhline(w, 0, 0, ' ', width);
	mvwaddstr(w, 0, 0, line);
	wattrset(w, theme_attr(TS_NORMAL));
	wnoutrefresh(w);
	s->dirty = 0;
}

void status_free(struct status *s)
{
	free(s->target);
	free(s->run);
	free(s->loop);
	free(s->layers);
	free(s->error);
}
