/* projects: the projects screen; see projects.h. The list is read from the
 * store each time the screen opens (never kept up to date behind it: it
 * is only looked at while open), and opening or creating goes through
 * app-orch.h like the : commands do, so both paths behave the same. */
#include "projects.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "action.h"
#include "app-orch.h"
#include "app.h"
#include "base/paths.h"
#include "base/xmalloc.h"
#include "cmdline.h"
#include "keymap.h"
#include "pane-stream.h"
#include "theme.h"

struct projects {
	struct store_project *list;
	size_t n, sel;
	int top;
	int naming;           /* typing a new project's name */
	struct lineedit name;
	int cursor_row, cursor_col;
};

#define PR(p) ((struct projects *)(p)->state)

/* "just now", "3 min ago", "5 h ago", "2 days ago", else the date. */
static void projects_when(long long ms, char *out, size_t size)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	long long ago = ((long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 - ms) / 1000;
	time_t t = (time_t)(ms / 1000);

	if (ago < 60)
		snprintf(out, size, "just now");
	else if (ago < 3600)
		snprintf(out, size, "%lld min ago", ago / 60);
	else if (ago < 86400)
		snprintf(out, size, "%lld h ago", ago / 3600);
	else if (ago < 7 * 86400)
		snprintf(out, size, "%lld day%s ago", ago / 86400, ago < 2 * 86400 ? "" : "s");
	else
		strftime(out, size, "%Y-%m-%d", localtime(&t));
}

/* Reads the list again and selects name (when listed). */
static void projects_load(struct app *a, struct projects *s, const char *name)
{
	char *data = paths_data_dir(config_str(a->cfg, OPT_DATA_DIR)), *err = NULL;

	store_project_free_all(s->list, s->n);
	s->list = NULL;
	s->n = s->sel = 0;
	s->top = 0;
	s->naming = 0;
	if (store_list(data, 0, &s->list, &s->n, &err) < 0) {
		app_error(a, "projects: %s", err);
		free(err);
	}
	for (size_t i = 0; name && i < s->n; i++)
		if (strcmp(s->list[i].name, name) == 0)
			s->sel = i;
	free(data);
}

static int projects_is_open(struct app *a, const char *name)
{
	return a->project && strcmp(store_project(a->project)->name, name) == 0;
}

static void projects_draw_row(struct pane *p, WINDOW *w, int y, size_t i, const int *col)
{
	struct projects *s = PR(p);
	const struct store_project *pr = &s->list[i];
	int width = getmaxx(w), selected = i == s->sel;
	char when[32], versions[16];

	projects_when(pr->updated_ms, when, sizeof when);
	snprintf(versions, sizeof versions, "%d", pr->latest);
	wattrset(w, theme_attr(selected ? TS_SELECTED : TS_NORMAL));
	mvwhline(w, y, 0, ' ', width);
	mvwaddstr(w, y, 0, selected ? ">" : " "); /* the selection shows without colour */
	char *name = xasprintf("%s%s", pr->name, projects_is_open(p->app, pr->name) ? " (open)" : "");
	const char *cells[] = { name, pr->state == STORE_FINALIZED ? "finalized" : "active", when,
				versions };
	for (int c = 0; c < 4 && col[c] < width; c++)
		ui_put_clipped(w, y, col[c], cells[c], width - col[c] - 1);
	free(name);
}

static void projects_footer(struct pane *p, WINDOW *w, int y)
{
	struct projects *s = PR(p);
	int width = getmaxx(w);

	wattrset(w, theme_attr(TS_STATUS));
	mvwhline(w, y, 0, ' ', width);
	if (s->naming) {
		int x = ui_put_clipped(w, y, 1, "New project name: ", width - 1) + 1;
		s->cursor_col = lineedit_draw(&s->name, w, y, x, width - x - 1);
		s->cursor_row = y;
		return;
	}
	ui_put_clipped(w, y, 1, p->app->project ? "Enter open  n new project  Esc back  (Alt-O lists "
			"them again)" : "Enter open  n new project  Esc go on without a project (plain "
			"chat with the model)", width - 2);
}

static void projects_draw(struct pane *p, WINDOW *w, int focused)
{
	struct projects *s = PR(p);
	int height = getmaxy(w), width = getmaxx(w), name_w = 4;

	(void)focused;
	wattrset(w, theme_attr(TS_TITLE_FOCUS));
	mvwhline(w, 0, 0, ' ', width);
	ui_put_clipped(w, 0, 1, "Projects", width - 1);
	for (size_t i = 0; i < s->n; i++) {
		int nw = ui_text_width(s->list[i].name) + (projects_is_open(p->app, s->list[i].name) ? 7 : 0);
		name_w = nw > name_w ? nw : name_w;
	}
	name_w = name_w > 40 ? 40 : name_w;
	const int col[4] = { 2, 4 + name_w, 16 + name_w, 30 + name_w };
	const char *heads[] = { "NAME", "STATE", "CHANGED", "VERSIONS" };
	wattrset(w, theme_attr(TS_NORMAL) | A_BOLD);
	for (int c = 0; c < 4 && height > 2 && col[c] < width; c++)
		ui_put_clipped(w, 1, col[c], heads[c], width - col[c] - 1);
	int rows = height - 3;
	if ((int)s->sel < s->top)
		s->top = (int)s->sel;
	if (rows > 0 && (int)s->sel >= s->top + rows)
		s->top = (int)s->sel - rows + 1;
	wattrset(w, theme_attr(TS_NORMAL));
	if (s->n == 0 && height > 3)
		ui_put_clipped(w, 2, 2, "No projects yet: n creates one.", width - 3);
	for (int y = 0; y < rows && (size_t)(s->top + y) < s->n; y++)
		projects_draw_row(p, w, 2 + y, (size_t)(s->top + y), col);
	if (height > 2)
		projects_footer(p, w, height - 1);
	wattrset(w, theme_attr(TS_NORMAL));
}

static void projects_move(struct pane *p, int delta)
{
	struct projects *s = PR(p);
	long sel = (long)s->sel + delta;

	if (s->n == 0)
		return;
	s->sel = sel < 0 ? 0 : sel >= (long)s->n ? s->n - 1 : (size_t)sel;
	p->dirty = 1;
}

static int projects_key(struct pane *p, int key)
{
	struct projects *s = PR(p);

	if (s->naming) {
		p->dirty = 1;
		return lineedit_key(&s->name, key);
	}
	switch (key) {
	case KEYC_FUNC | KEY_UP: projects_move(p, -1); return 1;
	case KEYC_FUNC | KEY_DOWN: projects_move(p, 1); return 1;
	case KEYC_FUNC | KEY_HOME: projects_move(p, -(int)s->n); return 1;
	case KEYC_FUNC | KEY_END: projects_move(p, (int)s->n); return 1;
	}
	return 0; /* n and the other printable keys go on to the bindings */
}

static int projects_cursor(struct pane *p, int *row, int *col)
{
	if (!PR(p)->naming)
		return -1;
	*row = PR(p)->cursor_row;
	*col = PR(p)->cursor_col;
	return 0;
}

static void projects_paste(struct pane *p, const char *text, size_t len)
{
	if (PR(p)->naming) {
		lineedit_insert(&PR(p)->name, text, len);
		p->dirty = 1;
	}
}

static void projects_free(struct pane *p)
{
	struct projects *s = PR(p);

	store_project_free_all(s->list, s->n);
	lineedit_free(&s->name);
	free(s);
}

static const struct pane_ops projects_ops = {
	.title = "Projects",
	.draw = projects_draw,
	.key = projects_key,
	.cursor = projects_cursor,
	.paste = projects_paste,
	.scroll_by = projects_move,
	.free = projects_free,
	.wants_text = 1,
	.no_title = 1,
};

struct pane *screen_projects_new(void)
{
	struct pane *p = xcalloc(1, sizeof *p);
	p->ops = &projects_ops;
	p->state = xcalloc(1, sizeof(struct projects));
	return p;
}

void projects_open(struct app *a)
{
	char *data = paths_data_dir(config_str(a->cfg, OPT_DATA_DIR));
	char *last = a->project ? xstrdup(store_project(a->project)->name) : store_last(data);

	projects_load(a, PR(a->pane[SCREEN_PROJECTS]), last);
	app_open_screen(a, SCREEN_PROJECTS);
	free(last);
	free(data);
}

void projects_open_at_start(struct app *a)
{
	char *data = paths_data_dir(config_str(a->cfg, OPT_DATA_DIR)), *last = store_last(data);
	struct projects *s = PR(a->pane[SCREEN_PROJECTS]);

	projects_load(a, s, last);
	if (s->n > 0)
		app_open_screen(a, SCREEN_PROJECTS);
	free(last);
	free(data);
}

static void projects_create(struct app *a, struct pane *p)
{
	struct projects *s = PR(p);
	char *name = xstrdup(lineedit_text(&s->name) + strspn(lineedit_text(&s->name), " ")), *err = NULL;
	size_t len = strlen(name);

	while (len > 0 && name[len - 1] == ' ')
		name[--len] = '\0'; /* a space inside is for store_check_name to refuse */
	if (name[0] == '\0') {
		s->naming = 0;
	} else if (store_check_name(name, &err) < 0 || app_orch_create(a, name, NULL, &err) < 0) {
		app_error(a, "new project: %s", err); /* the name stays to be corrected */
	} else {
		s->naming = 0;
		app_close_screen(a, SCREEN_PROJECTS);
	}
	p->dirty = 1;
	free(err);
	free(name);
}

static void act_open(struct app *a, struct pane *p)
{
	struct projects *s = PR(p);
	char *err = NULL;

	if (s->naming) {
		projects_create(a, p);
		return;
	}
	if (s->n == 0)
		return;
	if (projects_is_open(a, s->list[s->sel].name) || app_orch_switch(a, s->list[s->sel].name, &err) == 0)
		app_close_screen(a, SCREEN_PROJECTS);
	else
		app_error(a, "open: %s", err);
	free(err);
}

static void act_new(struct app *a, struct pane *p)
{
	(void)a;
	PR(p)->naming = 1;
	lineedit_set(&PR(p)->name, "");
	p->dirty = 1;
}

static void act_close(struct app *a, struct pane *p)
{
	if (PR(p)->naming) {
		PR(p)->naming = 0;
		p->dirty = 1;
		return;
	}
	app_close_screen(a, SCREEN_PROJECTS);
	if (!a->project)
		app_note(a, STREAM_NOTE, "No project open: prompts go to the model directly. Alt-O "
			 "lists the projects; :new NAME creates one.");
}

static void act_projects(struct app *a, struct pane *p)
{
	(void)p;
	projects_open(a);
}

const struct action_def projects_actions[] = {
	{ "projects", SCOPE_GLOBAL, "M-o", "list the projects, to open or create one", act_projects },
	{ "projects.open", SCREEN_PROJECTS, "Enter", "open the selected project (or create the one named)", act_open },
	{ "projects.new", SCREEN_PROJECTS, "n", "create a project: asks for its name", act_new },
	{ "projects.close", SCREEN_PROJECTS, "Escape", "close the list (without a project: plain chat with the model)", act_close },
	{ NULL, 0, NULL, NULL, NULL },
};
