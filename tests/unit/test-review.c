/* test-review: the review screen's approving mode, headless. Curses runs
 * on /dev/null (200x60), the keys go through app_key as in the TUI, and
 * what the screen drew is read back from its window. The screen test
 * (tests/tui/review-tui.sh) covers browsing versions in a real terminal;
 * this covers deciding a reply: per-file choices, hiding and reopening,
 * accept all, and a comment sent back; and the reviewer agent's critique
 * of a version (a "critique" journal event) shown among the rows. */
#include <locale.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "action.h"
#include "app.h"
#include "base/xmalloc.h"
#include "check.h"
#include "review.h"
#include "store/store.h"

static struct app A;
static int decided_calls;
static char *decided_comment;
static int decided_accepted[4];

static void on_decided(struct app *a, struct review_set *set, const char *comment)
{
	(void)a;
	decided_calls++;
	free(decided_comment);
	decided_comment = comment ? xstrdup(comment) : NULL;
	for (size_t i = 0; i < set->n && i < 4; i++)
		decided_accepted[i] = set->files[i].accepted;
}

static void add_file(struct review_set *s, const char *path, const char *old, const char *new)
{
	struct review_file *f = &s->files[s->n++];
	f->path = xstrdup(path);
	f->old_exists = old != NULL;
	f->new_exists = new != NULL;
	f->old_text = old ? xstrdup(old) : NULL;
	f->old_len = old ? strlen(old) : 0;
	f->new_text = new ? xstrdup(new) : NULL;
	f->new_len = new ? strlen(new) : 0;
	f->accepted = 1;
}

static struct review_set *reply(void)
{
	struct review_set *s = xcalloc(1, sizeof *s);
	s->title = xstrdup("reply of iteration 1 against the workspace");
	s->files = xcalloc(2, sizeof *s->files);
	add_file(s, "calc.py", "def add(a, b):\n    return a - b\n", "def add(a, b):\n    return a + b\n");
	add_file(s, "new.txt", NULL, "fresh\n");
	s->approving = 1;
	return s;
}

static void keys(const char *k)
{
	for (; *k; k++)
		app_key(&A, *k == '\n' ? '\r' : (unsigned char)*k);
	app_draw(&A);
}

/* Row y of the review screen as text. */
static const char *screen_row(int y)
{
	static char out[1024];
	wchar_t w[300];
	WINDOW *win = A.pane[SCREEN_REVIEW]->win;

	out[0] = '\0';
	if (win && mvwinnwstr(win, y, 0, w, 299) != ERR)
		wcstombs(out, w, sizeof out - 1);
	return out;
}

static void test_choices_hide_and_apply(void)
{
	review_open(&A, reply(), on_decided);
	app_draw(&A);
	CHECK(review_pending(&A) && app_screen_open(&A, SCREEN_REVIEW));
	CHECK(strstr(screen_row(0), "calc.py (file 1/2)") != NULL);
	CHECK(strstr(screen_row(0), "2 of 2 files accepted") != NULL);
	CHECK(strstr(screen_row(2), "> ✓ M calc.py") != NULL);
	CHECK(strstr(screen_row(3), "  ✓ A new.txt") != NULL);
	CHECK(strstr(screen_row(3), "  2 -     return a - b") != NULL);
	CHECK(strstr(screen_row(3), "│  2 +     return a + b") != NULL);
	CHECK(strstr(screen_row(58), "a accept all") != NULL);
	keys("x");
	CHECK(strstr(screen_row(2), "> ✗ M calc.py") != NULL);
	CHECK(strstr(screen_row(0), "1 of 2 files accepted") != NULL);
	keys("\t");
	CHECK(strstr(screen_row(0), "new.txt (file 2/2)") != NULL);
	keys("\033");
	CHECK(!app_screen_open(&A, SCREEN_REVIEW) && review_pending(&A) && decided_calls == 0);
	action_find("review")->run(&A, app_focused(&A)); /* Alt-R */
	app_draw(&A);
	CHECK(app_screen_open(&A, SCREEN_REVIEW));
	CHECK(strstr(screen_row(0), "new.txt (file 2/2)") != NULL); /* where it was left */
	keys("\n");
	CHECK(decided_calls == 1 && decided_comment == NULL);
	CHECK(decided_accepted[0] == 0 && decided_accepted[1] == 1);
	CHECK(!review_pending(&A) && !app_screen_open(&A, SCREEN_REVIEW));
}

static void test_accept_all(void)
{
	decided_calls = 0;
	review_open(&A, reply(), on_decided);
	keys("xa");
	CHECK(decided_calls == 1 && decided_comment == NULL);
	CHECK(decided_accepted[0] == 1 && decided_accepted[1] == 1);
	CHECK(!review_pending(&A));
}

static void test_comment(void)
{
	decided_calls = 0;
	review_open(&A, reply(), on_decided);
	keys("cuse ints, not floats");
	CHECK(decided_calls == 0);
	CHECK(strstr(screen_row(58), "Comment for the model") != NULL);
	CHECK(strstr(screen_row(58), "use ints, not floats") != NULL);
	keys("\n");
	CHECK(decided_calls == 1 && decided_comment && strcmp(decided_comment, "use ints, not floats") == 0);
	CHECK(!review_pending(&A) && !app_screen_open(&A, SCREEN_REVIEW));
}

static void test_empty_comment_is_refused(void)
{
	decided_calls = 0;
	review_open(&A, reply(), on_decided);
	keys("c\n");
	CHECK(decided_calls == 0 && review_pending(&A));
	keys("\033"); /* closes the comment line, the review stays */
	CHECK(app_screen_open(&A, SCREEN_REVIEW));
	keys("a");
	CHECK(decided_calls == 1);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0)
		abort();
}

/* The screen row holding text, or -1. */
static int row_of(const char *text)
{
	for (int y = 0; y < 60; y++)
		if (strstr(screen_row(y), text))
			return y;
	return -1;
}

static const char calc_v1[] = "def total(items):\n    s = 0\n    for i in range(len(items)):\n"
			      "        s += items[i]\n    return s\n";
static const char calc_v2[] = "def total(items):\n    s = 0\n    for i in range(len(items) - 1):\n"
			      "        s += items[i]\n    return s\n";

/* A project whose version 2 the reviewer read: a store made by the store's
 * own calls, the critique appended as the orchestrator journals it. */
static struct store *project_with_critique(char *dir)
{
	char ws[300], data[300], *err = NULL;
	struct store *s;
	char *written[] = { "calc.py", "other.txt" };

	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(ws, sizeof ws, "%s/ws", dir);
	snprintf(data, sizeof data, "%s/data", dir);
	if (mkdir(ws, 0700) < 0)
		abort();
	write_file(ws, "calc.py", "def total(items):\n    return 0\n");
	write_file(ws, "other.txt", "one\n");
	if (store_create(data, "demo", ws, NULL, &s, &err) < 0)
		abort();
	write_file(ws, "calc.py", calc_v1);
	if (store_commit(s, 1, "iteration 1", written, 1, NULL, 0, NULL, &err) < 0)
		abort();
	write_file(ws, "calc.py", calc_v2);
	write_file(ws, "other.txt", "two\n");
	if (store_commit(s, 2, "iteration 2", written, 2, NULL, 0, NULL, &err) < 0)
		abort();
	cJSON *ev = cJSON_Parse(
		"{\"iteration\":2,\"version\":2,\"verdict\":\"request_changes\",\"comments\":["
		"{\"path\":\"calc.py\",\"line\":3,\"text\":\"the loop skips the last item\"},"
		"{\"path\":\"calc.py\",\"line\":0,\"text\":\"add a docstring\"},"
		"{\"path\":\"notes.md\",\"line\":0,\"text\":\"write down why\"},"
		"{\"path\":\"README.md\",\"line\":7,\"text\":\"\\u001b]0;pwned\\u0007 title\"}],"
		"\"text\":\"REQUEST CHANGES\"}");
	if (store_append(s, "critique", ev, 0, &err) < 0)
		abort();
	ev = cJSON_Parse("{\"iteration\":1,\"version\":1,\"verdict\":\"approve\",\"comments\":[]}");
	if (store_append(s, "critique", ev, 0, &err) < 0)
		abort();
	return s;
}

static void test_reviewer_notes(void)
{
	char dir[] = "/tmp/test-review-notes.XXXXXX", *err = NULL, cmd[64];
	struct store *s = project_with_critique(dir);
	int y;

	A.project = s;
	CHECK(review_open_versions(&A, 1, 2, &err) == 0);
	app_draw(&A);
	CHECK(strstr(screen_row(0), "calc.py (file 1/2) · hunk 1/1 · side by side") != NULL);
	CHECK(strstr(screen_row(1), "┆ reviewer: REQUEST CHANGES (4 comments)") != NULL);
	/* Comments on files the diff does not show: in the header. */
	CHECK(strstr(screen_row(2), "┆ notes.md: write down why") != NULL);
	CHECK(strstr(screen_row(3), "┆ README.md:7: ^[]0;pwned^G title") != NULL);
	CHECK(strstr(screen_row(4), "--- old: calc.py") != NULL);
	/* The whole-file comment above the file, the line's right below it. */
	CHECK(strstr(screen_row(5), "│    ┆ reviewer: add a docstring") != NULL);
	CHECK(strstr(screen_row(6), "  1   def total(items):") != NULL);
	CHECK(strstr(screen_row(8), "│  3 +     for i in range(len(items) - 1):") != NULL);
	CHECK(strstr(screen_row(9), "│    ┆ reviewer: the loop skips the last item") != NULL);
	CHECK(strstr(screen_row(10), "│  4           s += items[i]") != NULL);
	keys("u"); /* unified: the note under the + line */
	y = row_of("  3 +     for i in range(len(items) - 1):");
	CHECK(y > 0 && strstr(screen_row(y + 1), "┆ reviewer: the loop skips the last item"));
	CHECK(row_of("@@ -1,5 +1,5 @@") == 6 && row_of("┆ reviewer: add a docstring") == 5);
	CHECK(strstr(screen_row(0), "hunk 1/1 · unified") != NULL);
	keys("u\t"); /* the next file: no notes of its own, the header stays */
	CHECK(strstr(screen_row(0), "other.txt (file 2/2) · hunk 1/1") != NULL);
	CHECK(strstr(screen_row(1), "reviewer: REQUEST CHANGES (4 comments)") != NULL);
	CHECK(row_of("reviewer: add a docstring") < 0 && row_of("│  1 + two") == 5);
	keys("p"); /* back across files to calc.py's hunk */
	CHECK(strstr(screen_row(0), "calc.py (file 1/2) · hunk 1/1") != NULL);
	CHECK(row_of("┆ reviewer: the loop skips the last item") == 9);

	CHECK(review_open_versions(&A, 0, 1, &err) == 0); /* the reviewer approved version 1 */
	app_draw(&A);
	CHECK(strstr(screen_row(1), "┆ reviewer: APPROVE") != NULL);
	CHECK(strstr(screen_row(1), "comment") == NULL);
	CHECK(strstr(screen_row(2), "--- old: calc.py") != NULL);
	/* A later critique of version 1 wins; what the header cannot hold is counted. */
	cJSON *ev = cJSON_Parse("{\"version\":1,\"verdict\":\"request_changes\",\"comments\":["
				"{\"path\":\"a\",\"text\":\"1\"},{\"path\":\"b\",\"text\":\"2\"},"
				"{\"path\":\"c\",\"text\":\"3\"},{\"path\":\"d\",\"text\":\"4\"}]}");
	CHECK(store_append(s, "critique", ev, 0, &err) == 0);
	CHECK(review_open_versions(&A, 0, 1, &err) == 0);
	app_draw(&A);
	CHECK(strstr(screen_row(1), "┆ reviewer: REQUEST CHANGES (4 comments)") != NULL);
	CHECK(strstr(screen_row(2), "┆ a: 1") && strstr(screen_row(3), "┆ b: 2"));
	CHECK(strstr(screen_row(4), "┆ … and 2 more comments on files not in this diff") != NULL);
	CHECK(strstr(screen_row(5), "--- old: calc.py") != NULL);
	CHECK(review_open_versions(&A, 0, 2, &err) == 0); /* the critique is of the new side */
	app_draw(&A);
	CHECK(strstr(screen_row(1), "┆ reviewer: REQUEST CHANGES (4 comments)") != NULL);
	CHECK(review_open_versions(&A, 2, 0, &err) == 0); /* version 0 has none: no header */
	app_draw(&A);
	CHECK(row_of("reviewer:") < 0 && strstr(screen_row(1), "--- old: calc.py") != NULL);
	keys("q");
	A.project = NULL;
	store_close(s);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	CHECK(system(cmd) == 0);
}

static void setup(void)
{
	char dir[] = "/tmp/test-review.XXXXXX", *err = NULL;

	setlocale(LC_ALL, "C.UTF-8");
	setenv("LINES", "60", 1);
	setenv("COLUMNS", "200", 1);
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *scr = newterm("xterm-256color", out, in);
	if (scr == NULL)
		abort();
	set_term(scr);
	memset(&A, 0, sizeof A);
	if (keymap_build(&A.keys, NULL, &err) < 0 || mkdtemp(dir) == NULL)
		abort();
	A.q = queue_new();
	A.pane[PANE_PROMPT] = pane_prompt_new();
	A.pane[PANE_TREE] = pane_tree_new(dir);
	A.pane[PANE_STREAM] = pane_stream_new();
	A.pane[PANE_LOG] = pane_log_new();
	A.pane[PANE_VIEW] = pane_view_new();
	A.pane[SCREEN_REVIEW] = screen_review_new();
	A.pane[SCREEN_PROJECTS] = screen_projects_new();
	A.pane[SCREEN_HELP] = screen_help_new();
	A.pane[SCREEN_CMDLINE] = screen_cmdline_new();
	for (int i = 0; i < PANE__COUNT; i++) {
		A.pane[i]->id = (enum pane_id)i;
		A.pane[i]->app = &A;
	}
	A.focus = PANE_PROMPT;
	A.lay_opts.zoom = -1;
	app_resize(&A, 60, 200);
	rmdir(dir);
}

int main(void)
{
	setup();
	RUN(test_choices_hide_and_apply);
	RUN(test_accept_all);
	RUN(test_comment);
	RUN(test_empty_comment_is_refused);
	RUN(test_reviewer_notes);
	free(decided_comment);
	endwin();
	return CHECK_EXIT();
}
