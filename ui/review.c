/* review: the review screen's API (review.h), its keys and its comment
 * line. Two sets may be held at once, a pending approval and the versions
 * browsed last, so looking at history never loses a reply that waits for
 * a decision; the screen shows one of them. Navigation is in
 * review-nav.c, drawing in review-draw.c. */
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "app.h"
#include "base/xmalloc.h"
#include "keymap.h"
#include "pane-stream.h"
#include "review-int.h"

static struct review_state *state_of(const struct app *a)
{
	return a->pane[SCREEN_REVIEW]->state;
}

static void show(struct pane *p, struct review_set *set)
{
	struct review_state *st = p->state;

	st->shown = set;
	st->commenting = 0;
	buf_reset(&st->comment);
	st->drawn_unified = st->unified || p->app->cols < REVIEW_MIN_SIDE_COLS;
	review_load(st, 0);
	app_open_screen(p->app, SCREEN_REVIEW);
}

void review_open(struct app *a, struct review_set *set, review_decided_fn decided)
{
	struct pane *p = a->pane[SCREEN_REVIEW];
	struct review_state *st = p->state;
	struct review_set **slot = set->approving ? &st->pending : &st->browse;

	if (*slot == st->shown)
		st->shown = NULL;
	review_set_free(*slot);
	*slot = set;
	if (set->approving)
		st->decided = decided;
	show(p, set);
}

int review_open_versions(struct app *a, int from, int to, char **err)
{
	if (a->project == NULL) {
		*err = xstrdup("no project is open: create one with 'faos-codex project new NAME'");
		return -1;
	}
	struct review_set *set = review_set_versions(a->project, from, to, err);
	if (set == NULL)
		return -1;
	review_open(a, set, NULL);
	return 0;
}

int review_pending(const struct app *a)
{
	return state_of(a)->pending != NULL;
}

static void review_free(struct pane *p)
{
	struct review_state *st = p->state;

	review_unload(st);
	review_set_free(st->pending);
	review_set_free(st->browse);
	buf_free(&st->comment);
	free(st);
}

/* The approving set is decided: the screen goes, then the caller hears of
 * it, then the set is freed. */
static void decide(struct pane *p, const char *comment)
{
	struct review_state *st = p->state;
	struct review_set *set = st->pending;
	review_decided_fn fn = st->decided;
	char *text = comment ? xstrdup(comment) : NULL;

	st->pending = NULL;
	st->decided = NULL;
	st->shown = NULL;
	st->commenting = 0;
	buf_reset(&st->comment);
	review_unload(st);
	app_close_screen(p->app, SCREEN_REVIEW);
	if (fn)
		fn(p->app, set, text);
	review_set_free(set);
	free(text);
}

static int not_approving(struct pane *p)
{
	struct review_state *st = p->state;

	if (st->shown && st->shown == st->pending)
		return 0;
	app_error(p->app, "this review only shows versions: there is nothing to accept or reject");
	return 1;
}

static size_t nfiles(const struct review_state *st)
{
	return st->shown ? st->shown->n : 0;
}

static void act_next_hunk(struct app *a, struct pane *p)
{
	struct review_state *st = p->state;
	(void)a;
	if (st->hunk + 1 < (int)st->sbs.nhunks)
		review_go_hunk(p, st->hunk + 1);
	else if (st->cur + 1 < nfiles(st))
		review_go_file(p, st->cur + 1, 0);
}

static void act_prev_hunk(struct app *a, struct pane *p)
{
	struct review_state *st = p->state;
	(void)a;
	if (st->hunk > 0)
		review_go_hunk(p, st->hunk - 1);
	else if (st->cur > 0)
		review_go_file(p, st->cur - 1, 1);
}

static void act_down(struct app *a, struct pane *p) { (void)a; review_scroll(p, 1); }
static void act_up(struct app *a, struct pane *p) { (void)a; review_scroll(p, -1); }
static void act_top(struct app *a, struct pane *p) { (void)a; review_scroll(p, -(1 << 30)); }
static void act_bottom(struct app *a, struct pane *p) { (void)a; review_scroll(p, 1 << 30); }

/* A page is the diff rows on screen, less one kept for continuity. */
static void page(struct pane *p, int dir)
{
	struct review_geo g;

	review_geometry(p->state, p->r.h, p->r.w, &g);
	review_scroll(p, dir * (g.body_h > 2 ? g.body_h - 1 : 1));
}

static void act_page_down(struct app *a, struct pane *p) { (void)a; page(p, 1); }
static void act_page_up(struct app *a, struct pane *p) { (void)a; page(p, -1); }

static void act_next_file(struct app *a, struct pane *p)
{
	struct review_state *st = p->state;
	(void)a;
	if (nfiles(st) > 1)
		review_go_file(p, (st->cur + 1) % nfiles(st), 0);
}

static void act_prev_file(struct app *a, struct pane *p)
{
	struct review_state *st = p->state;
	(void)a;
	if (nfiles(st) > 1)
		review_go_file(p, (st->cur + nfiles(st) - 1) % nfiles(st), 0);
}

static void act_unified(struct app *a, struct pane *p)
{
	struct review_state *st = p->state;

	if (p->r.w < REVIEW_MIN_SIDE_COLS) {
		app_error(a, "the side-by-side view needs %d columns; this terminal has %d, so the "
			  "review stays unified", REVIEW_MIN_SIDE_COLS, p->r.w);
		return;
	}
	st->unified = !st->unified;
	review_follow(p);
	review_clamp(p);
	p->dirty = 1;
}

static void act_close(struct app *a, struct pane *p)
{
	struct review_state *st = p->state;
	char keys[64] = "";

	if (st->commenting) {
		st->commenting = 0;
		p->dirty = 1;
		return;
	}
	app_close_screen(a, SCREEN_REVIEW);
	if (st->shown && st->shown == st->pending) {
		keymap_action_keys(&a->keys, action_find("review"), keys, sizeof keys);
		app_note(a, STREAM_NOTE, "The reply waits for your review; %s shows it again.",
			 keys[0] ? keys : ":review");
		return;
	}
	st->shown = NULL;
	review_unload(st);
	review_set_free(st->browse); /* versions are read again when asked for */
	st->browse = NULL;
}

static void act_accept_all(struct app *a, struct pane *p)
{
	struct review_state *st = p->state;
	(void)a;
	if (not_approving(p))
		return;
	for (size_t i = 0; i < st->shown->n; i++)
		st->shown->files[i].accepted = 1;
	decide(p, NULL);
}

static void act_accept_file(struct app *a, struct pane *p)
{
	struct review_state *st = p->state;
	(void)a;
	if (not_approving(p) || st->cur >= nfiles(st))
		return;
	st->shown->files[st->cur].accepted = 1;
	p->dirty = 1;
}

static void act_reject_file(struct app *a, struct pane *p)
{
	struct review_state *st = p->state;
	(void)a;
	if (not_approving(p) || st->cur >= nfiles(st))
		return;
	st->shown->files[st->cur].accepted = !st->shown->files[st->cur].accepted;
	p->dirty = 1;
}

static void act_apply(struct app *a, struct pane *p)
{
	struct review_state *st = p->state;
	(void)a;
	if (st->commenting) {
		if (st->comment.len == 0 || st->comment.data[strspn(st->comment.data, " ")] == '\0') {
			app_error(a, "the comment is empty: type what the model should change, or Escape");
			return;
		}
		decide(p, st->comment.data);
		return;
	}
	if (!not_approving(p))
		decide(p, NULL);
}

static void act_comment(struct app *a, struct pane *p)
{
	struct review_state *st = p->state;
	(void)a;
	if (not_approving(p))
		return;
	st->commenting = 1;
	p->dirty = 1;
}

/* Alt-R: the pending reply, else the latest version against the one before. */
static void act_review(struct app *a, struct pane *focused)
{
	struct pane *p = a->pane[SCREEN_REVIEW];
	struct review_state *st = p->state;
	char *err = NULL;
	(void)focused;

	if (st->pending) {
		if (st->shown != st->pending)
			show(p, st->pending);
		else
			app_open_screen(a, SCREEN_REVIEW);
		return;
	}
	if (a->project == NULL) {
		app_error(a, "no project is open, so there are no versions to review; start one with "
			  "'faos-codex project new NAME'");
		return;
	}
	const struct store_project *pr = store_project(a->project);
	if (pr->latest < 1) {
		app_error(a, "project %s has only version %d: there is nothing to compare it with yet",
			  pr->name, pr->latest);
		return;
	}
	if (review_open_versions(a, pr->latest - 1, pr->latest, &err) < 0) {
		app_error(a, "%s", err);
		free(err);
	}
}

static const struct pane_ops review_ops = {
	.title = "Review",
	.draw = review_draw,
	.key = review_comment_key,
	.cursor = review_comment_cursor,
	.paste = review_comment_paste,
	.scroll_by = review_scroll,
	.free = review_free,
	.wants_text = 1,
	.no_title = 1,
};

struct pane *screen_review_new(void)
{
	struct pane *p = xcalloc(1, sizeof *p);
	struct review_state *st = xcalloc(1, sizeof *st);

	st->hunk = -1;
	p->ops = &review_ops;
	p->state = st;
	return p;
}

#define R SCREEN_REVIEW
const struct action_def review_actions[] = {
	{ "review", SCOPE_GLOBAL, "M-r", "review: the reply waiting for approval, else the latest version against the one before", act_review },
	{ "review.next-hunk", R, "n", "go to the next change (on to the next file after the last)", act_next_hunk },
	{ "review.prev-hunk", R, "p", "go to the previous change", act_prev_hunk },
	{ "review.down", R, "Down j", "scroll the diff down a line", act_down },
	{ "review.up", R, "Up k", "scroll the diff up a line", act_up },
	{ "review.page-down", R, "PgDn Space", "scroll the diff down a page", act_page_down },
	{ "review.page-up", R, "PgUp", "scroll the diff up a page", act_page_up },
	{ "review.top", R, "Home g", "go to the top of the file", act_top },
	{ "review.bottom", R, "End G", "go to the end of the file", act_bottom },
	{ "review.next-file", R, "Tab ]", "show the next file of the review", act_next_file },
	{ "review.prev-file", R, "S-Tab [", "show the previous file of the review", act_prev_file },
	{ "review.unified", R, "u", "switch between side by side and unified diff", act_unified },
	{ "review.close", R, "Escape q", "close the review (a reply waiting for approval stays pending)", act_close },
	{ "review.accept-all", R, "a", "approving: accept every file of the reply and apply it", act_accept_all },
	{ "review.accept-file", R, "y", "approving: accept the file shown", act_accept_file },
	{ "review.reject-file", R, "x", "approving: reject the file shown (again: accept it)", act_reject_file },
	{ "review.apply", R, "Enter", "approving: apply the accepted files (or send the comment being written)", act_apply },
	{ "review.comment", R, "c", "approving: send the reply back with a comment for the next refinement", act_comment },
	{ NULL, 0, NULL, NULL, NULL },
};
#undef R
