/* layout: where each pane goes for a terminal size. Pure arithmetic, no
 * curses, unit-tested. A pane with h == 0 or w == 0 is hidden. */
#ifndef FAOS_LAYOUT_H
#define FAOS_LAYOUT_H

struct rect {
	int y, x, h, w;
};

enum pane_id { PANE_PROMPT, PANE_TREE, PANE_STREAM, PANE_LOG, PANE__COUNT };

struct layout {
	struct rect pane[PANE__COUNT];
	struct rect status;
	int sep_x; /* column of the vertical line beside the tree, -1 if none */
};

/* Terminals smaller than this show only a "too small" note. */
#define LAYOUT_MIN_ROWS 4
#define LAYOUT_MIN_COLS 16

void layout_compute(int rows, int cols, struct layout *out);
/* 1 when the terminal is too small for any pane. */
int layout_too_small(int rows, int cols);

#endif
