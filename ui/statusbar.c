/* statusbar: formatting and drawing the status line. */
#include "statusbar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/xmalloc.h"
#include "theme.h"

static const char *const state_names[] = {
	[RUN_IDLE] = "idle", [RUN_WAITING] = "waiting", [RUN_STREAMING] = "streaming",
	[RUN_DONE] = "done", [RUN_CANCELLED] = "cancelled", [RUN_FAILED] = "failed",
};

const char *status_state_name(enum run_state state)
{
	return state_names[state];
}

void status_set_error(struct status *s, const char *text)
{
	struct text_sanitizer san = { 0 };
	struct buf b = BUF_INIT;

	text_sanitize(&san, text, strlen(text), &b);
	text_sanitize_end(&san, &b);
	free(s->error);
	s->error = buf_steal(&b);
	s->dirty = 1;
}

void status_dismiss(struct status *s)
{
	free(s->error);
	s->error = NULL;
	s->dirty = 1;
}

/* The figures part: live while streaming, final after. */
static void status_figures(const struct status *s, double now, char *out, size_t size)
{
	double elapsed = (s->have_usage ? s->usage.elapsed_ms : now - s->t_start) / 1e3;
	double ttft = s->have_usage ? s->usage.ttft_ms : s->t_first ? s->t_first - s->t_start : 0;
	double tps = s->have_usage ? s->usage.tokens_per_s
		     : s->t_first && now > s->t_first ? (double)s->pieces * 1e3 / (now - s->t_first) : 0;
	long out_tokens = s->have_usage ? s->usage.completion_tokens : s->pieces;
	char in[24] = "?";

	if (s->have_usage && s->usage.prompt_tokens >= 0)
		snprintf(in, sizeof in, "%ld", s->usage.prompt_tokens);
	char extra[48] = "";
	if (s->have_usage && s->usage.retries > 0)
		snprintf(extra, sizeof extra, " | %d %s", s->usage.retries,
			 s->usage.retries == 1 ? "retry" : "retries");
	if (s->have_usage && s->usage.cost > 0)
		snprintf(extra + strlen(extra), sizeof extra - strlen(extra), " | cost %.4f",
			 s->usage.cost);
	if (s->state == RUN_IDLE)
		out[0] = '\0';
	else
		snprintf(out, size, " | ttft %.0f ms | %.1f tok/s | in %s out %ld | %.1f s%s", ttft,
			 tps, in, out_tokens, elapsed, extra);
}

void status_draw(struct status *s, WINDOW *w, double now)
{
	int width = getmaxx(w);
	char figures[160];

	werase(w);
	if (s->error) {
		wattrset(w, theme_attr(TS_ERROR));
		mvwhline(w, 0, 0, ' ', width);
		mvwprintw(w, 0, 0, " %s  (Esc)", s->error);
	} else {
		wattrset(w, theme_attr(TS_STATUS));
		mvwhline(w, 0, 0, ' ', width);
		status_figures(s, now, figures, sizeof figures);
		if (s->target)
			mvwprintw(w, 0, 0, " %s | %s%s", state_names[s->state], s->target, figures);
		else
			mvwprintw(w, 0, 0, " %s | no usable endpoint: see the output pane",
				  state_names[s->state]); /* the configuration error is there */
		if (s->loop)
			wprintw(w, " | %s", s->loop);
		if (s->run)
			wprintw(w, " | %s", s->run);
		const char *keys = "C-s send  F5 run  C-c cancel  C-q quit ";
		int klen = (int)strlen(keys);
		if (getcurx(w) + klen + 2 < width)
			mvwaddstr(w, 0, width - klen, keys);
	}
	wattrset(w, theme_attr(TS_NORMAL));
	wnoutrefresh(w);
	s->dirty = 0;
}

void status_free(struct status *s)
{
	free(s->target);
	free(s->run);
	free(s->loop);
	free(s->error);
}
