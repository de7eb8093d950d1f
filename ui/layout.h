/* layout: where each pane goes for a terminal size. Pure arithmetic, no
 * curses, unit-tested. A pane with h == 0 or w == 0 is hidden. */
#ifndef FAOS_LAYOUT_H
#define FAOS_LAYOUT_H

struct rect {
	int y, x, h, w;
};

/* Every pane and screen has an id, which is also the scope of its key
 * bindings. The first PANE__LAID are laid out on the main screen (Alt-1..5
 * focus them in this order); the others are screens opened over it. */
enum pane_id {
	PANE_PROMPT,
	PANE_TREE,
	PANE_STREAM,
	PANE_LOG,
	PANE_VIEW,      /* the file viewer, shown while a file is open */
	PANE__LAID,
	SCREEN_REVIEW = PANE__LAID, /* side-by-side review, over the body */
	SCREEN_PROJECTS, /* the projects list, over the body */
	SCREEN_HELP,     /* the ? overlay */
	SCREEN_CMDLINE,  /* the : command line, on the status row */
	PANE__COUNT
};

/* What the user changed about the layout (zoom, split sizes) and what is
 * shown. Deltas are clamped by layout_compute(); the ones it could not
 * honour are written back, so repeated growing stops at the limit. */
struct layout_opts {
	int zoom;         /* a laid-out pane shown alone over the body, or -1 */
	int focus;        /* the focused pane: the one kept when panes stack */
	int view_open;    /* the file viewer has a file */
	int tree_delta;   /* columns added to (negative: taken from) the tree */
	int prompt_delta; /* rows added to the prompt */
	int log_delta;    /* rows added to the sandbox log */
};

struct layout {
	struct rect pane[PANE__LAID];
	struct rect status;
	int sep_x;   /* column of the vertical line beside the tree, -1 if none */
	int stacked; /* 1: the terminal is too small for all panes, only some show */
};

/* Terminals smaller than this show only a "too small" note. */
#define LAYOUT_MIN_ROWS 4
#define LAYOUT_MIN_COLS 16

/* opts may be NULL (defaults: nothing zoomed, prompt focused). */
void layout_compute(int rows, int cols, struct layout_opts *opts, struct layout *out);
/* 1 when the terminal is too small for any pane. */
int layout_too_small(int rows, int cols);

#endif
