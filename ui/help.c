/* help: placeholder until built (see the plan). */
#include <stdlib.h>

#include "action.h"
#include "app.h"
#include "base/xmalloc.h"

static void stub_draw(struct pane *p, WINDOW *w, int focused)
{
	(void)p;
	(void)w;
	(void)focused;
}

static const struct pane_ops stub_ops = {
	.title = "Help",
	.draw = stub_draw,
	.no_title = 1,
};

struct pane *screen_help_new(void)
{
	struct pane *p = xcalloc(1, sizeof *p);
	p->ops = &stub_ops;
	return p;
}

const struct action_def help_actions[] = {
	{ NULL, 0, NULL, NULL, NULL },
};
