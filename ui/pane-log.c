/* pane-log: the sandbox log. Runs of generated code arrive with the run
 * loop; until then it says so rather than pretending. */
#include <stdlib.h>

#include "base/xmalloc.h"
#include "pane.h"
#include "theme.h"

static void log_draw(struct pane *p, WINDOW *w, int focused)
{
	(void)p;
	(void)focused;
	wattrset(w, theme_attr(TS_STREAM_NOTE));
	mvwaddnstr(w, 0, 1, "No runs yet.", getmaxx(w) - 1);
	wattrset(w, theme_attr(TS_NORMAL));
}

static const struct pane_ops log_ops = {
	.title = "Sandbox",
	.draw = log_draw,
};

struct pane *pane_log_new(void)
{
	struct pane *p = xcalloc(1, sizeof *p);

	p->ops = &log_ops;
	return p;
}
