/* pane: the parts every pane shares: window placement and the title row. */
#include "pane.h"

#include <stdlib.h>

#include "theme.h"

void pane_place(struct pane *p, struct rect r)
{
	if (p->win)
		delwin(p->win);
	p->win = NULL;
	p->r = r;
	/* newwin(0, 0, ...) would mean "the whole screen": never ask for it. */
	if (r.h > 0 && r.w > 0)
		p->win = newwin(r.h, r.w, r.y, r.x);
	p->dirty = 1;
}

static void pane_draw_title(struct pane *p, int focused)
{
	int attr = theme_attr(focused ? TS_TITLE_FOCUS : TS_TITLE);

	wattrset(p->win, attr);
	wmove(p->win, 0, 0);
	whline(p->win, ' ', p->r.w);
	mvwaddnstr(p->win, 0, 1, p->ops->title, p->r.w - 1);
	if (p->ops->title_extra) {
		char extra[256] = "";
		p->ops->title_extra(p, extra, sizeof extra);
		int x = getcurx(p->win) + 2;
		if (extra[0] && x < p->r.w)
			mvwaddnstr(p->win, 0, x, extra, p->r.w - x);
	}
	wattrset(p->win, theme_attr(TS_NORMAL));
}

void pane_draw(struct pane *p, int focused)
{
	if (p->win == NULL)
		return;
	p->dirty = 0; /* before draw(): a pane with more to show marks itself again */
	werase(p->win);
	if (p->ops->no_title) {
		p->ops->draw(p, p->win, focused);
	} else {
		pane_draw_title(p, focused);
	}
	if (!p->ops->no_title && p->r.h > 1) {
		WINDOW *content = derwin(p->win, p->r.h - 1, p->r.w, 1, 0);
		if (content) {
			p->ops->draw(p, content, focused);
			delwin(content);
		}
	}
	wnoutrefresh(p->win);
}

void pane_free(struct pane *p)
{
	if (p == NULL)
		return;
	if (p->win)
		delwin(p->win);
	if (p->ops->free)
		p->ops->free(p);
	free(p);
}
