/* layout: splits the screen into tree | (stream / log / prompt) + status. */
#include "layout.h"

#include <string.h>

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

int layout_too_small(int rows, int cols)
{
	return rows < LAYOUT_MIN_ROWS || cols < LAYOUT_MIN_COLS;
}

/* The right-hand column: stream on top, then the log, the prompt below. */
static void layout_column(struct layout *out, int x, int w, int body)
{
	int prompt_h = body >= 12 ? clamp(body / 4, 4, 10) : clamp(body / 2, 2, 4);
	int log_h = body >= 16 ? clamp(body / 5, 3, 12) : 0;
	int stream_h = body - prompt_h - log_h;

	out->pane[PANE_STREAM] = (struct rect){ 0, x, stream_h, w };
	out->pane[PANE_LOG] = (struct rect){ stream_h, x, log_h, log_h ? w : 0 };
	out->pane[PANE_PROMPT] = (struct rect){ stream_h + log_h, x, prompt_h, w };
}

void layout_compute(int rows, int cols, struct layout_opts *opts, struct layout *out)
{
	(void)opts;
	memset(out, 0, sizeof *out);
	out->sep_x = -1;
	if (layout_too_small(rows, cols))
		return;
	int body = rows - 1;
	out->status = (struct rect){ rows - 1, 0, 1, cols };
	int tree_w = 0;
	if (cols >= 60 && body >= 8) {
		tree_w = clamp(cols / 5, 16, 32);
		out->pane[PANE_TREE] = (struct rect){ 0, 0, body, tree_w };
		out->sep_x = tree_w;
		tree_w++;
	}
	layout_column(out, tree_w, cols - tree_w, body);
}
