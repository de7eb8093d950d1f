/* test-stream-tabs: the output pane's agent tabs without curses: tabs made
 * when an agent is first named, kept in the order loop, planner, coders,
 * reviewer; each tab's own transcript, follow-tail and search; the
 * unseen mark; and the tab row's text at several widths. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "stream-tabs.h"

static const struct orch_agent_id planner = { ORCH_ROLE_PLANNER, 0 };
static const struct orch_agent_id coder1 = { ORCH_ROLE_CODER, 1 };
static const struct orch_agent_id coder2 = { ORCH_ROLE_CODER, 2 };
static const struct orch_agent_id reviewer = { ORCH_ROLE_REVIEWER, 0 };
static const struct orch_agent_id model = { ORCH_ROLE_MODEL, 0 };

static char row[512];

static const char *tab_row(const struct stream_tabs *ts, int width)
{
	stream_tabs_format(ts, width, row, sizeof row);
	return row;
}

static void add(struct stream_tabs *ts, const struct orch_agent_id *who, const char *text)
{
	stream_tabs_append(ts, who, STREAM_ANSWER, text, strlen(text), 0);
}

static const char *text_of(const struct stream_tabs *ts, size_t i)
{
	const struct transcript *t = &ts->tab[i]->t;
	return t->n ? t->e[t->n - 1].text.data : "";
}

/* The single-model loop and chat never show a row: the model's text is
 * the loop tab's. */
static void no_agents_no_row(void)
{
	struct stream_tabs ts;

	stream_tabs_init(&ts);
	add(&ts, NULL, "hello ");
	add(&ts, &model, "world");
	CHECK(!ts.shown);
	CHECK(ts.n == 1);
	CHECK_STR(text_of(&ts, 0), "hello world");
	stream_tabs_free(&ts);
}

static void tabs_in_role_order_whoever_comes_first(void)
{
	struct stream_tabs ts;

	stream_tabs_init(&ts);
	add(&ts, NULL, "prompt");
	add(&ts, &coder2, "two");
	CHECK(ts.shown);
	add(&ts, &reviewer, "looks fine");
	add(&ts, &planner, "- a.c: main");
	add(&ts, &coder1, "one");
	add(&ts, &coder2, " more");
	CHECK(ts.n == 5);
	CHECK_STR(tab_row(&ts, 80), "[loop]│ planner• │ coder 1• │ coder 2• │ reviewer• ");
	CHECK_STR(text_of(&ts, 1), "- a.c: main");
	CHECK_STR(text_of(&ts, 2), "one");
	CHECK_STR(text_of(&ts, 3), "two more");
	CHECK_STR(text_of(&ts, 4), "looks fine");
	CHECK_STR(text_of(&ts, 0), "prompt");
	stream_tabs_free(&ts);
}

/* Showing a tab clears its mark; a tab made before the shown one keeps
 * the same tab shown; [ and ] wrap around. */
static void selecting_and_stepping(void)
{
	struct stream_tabs ts;

	stream_tabs_init(&ts);
	add(&ts, &coder1, "one");
	stream_tabs_step(&ts, 1);
	CHECK(stream_tabs_current(&ts)->who.role == ORCH_ROLE_CODER);
	CHECK_STR(tab_row(&ts, 80), " loop │[coder 1]");
	add(&ts, &planner, "plan");
	CHECK(stream_tabs_current(&ts)->who.coder == 1);
	CHECK_STR(tab_row(&ts, 80), " loop │ planner• │[coder 1]");
	add(&ts, &coder1, " again"); /* shown: no mark */
	CHECK(!ts.tab[2]->unseen);
	stream_tabs_step(&ts, 1);
	CHECK(ts.cur == 0);
	stream_tabs_step(&ts, -1);
	CHECK(ts.cur == 2);
	stream_tabs_step(&ts, -1);
	CHECK_STR(tab_row(&ts, 80), " loop │[planner]│ coder 1 ");
	stream_tabs_free(&ts);
}

static void narrow_rows_use_brief_labels_then_cut(void)
{
	struct stream_tabs ts;

	stream_tabs_init(&ts);
	stream_tabs_get(&ts, &planner);
	stream_tabs_get(&ts, &coder1);
	stream_tabs_get(&ts, &coder2);
	stream_tabs_get(&ts, &reviewer);
	stream_tabs_select(&ts, 2);
	CHECK_STR(tab_row(&ts, 47), " loop │ planner │[coder 1]│ coder 2 │ reviewer ");
	CHECK_STR(tab_row(&ts, 46), " L │ P │[C1]│ C2 │ R ");
	/* Too narrow for all: the row starts later, so the shown tab stays. */
	CHECK_STR(tab_row(&ts, 12), "…│ P │[C1]…");
	CHECK_STR(tab_row(&ts, 11), "…│ P │[C1]…");
	CHECK_STR(tab_row(&ts, 8), "…│[C1]…");
	stream_tabs_free(&ts);
}

/* Each tab scrolls and searches by itself. */
static void each_tab_keeps_its_view_and_search(void)
{
	struct stream_tabs ts;

	stream_tabs_init(&ts);
	for (int i = 0; i < 30; i++) {
		char line[32];
		snprintf(line, sizeof line, "line %d\n", i);
		add(&ts, &coder1, line);
		add(&ts, &coder2, line);
	}
	struct transcript *one = &stream_tabs_get(&ts, &coder1)->t;
	struct transcript *two = &stream_tabs_get(&ts, &coder2)->t;
	transcript_set_size(one, 20, 5);
	transcript_set_size(two, 20, 5);
	transcript_scroll(one, -10);
	CHECK(!one->follow);
	CHECK(two->follow);
	CHECK(transcript_search(two, "line 2") == 11);
	CHECK(one->query == NULL);
	add(&ts, &coder1, "more\n");
	CHECK(transcript_unseen(one));
	CHECK(!transcript_unseen(two));
	stream_tabs_free(&ts);
}

/* A loop with fewer coders, no reviewer or no agents at all drops the
 * tabs it lacks; the tab shown stays shown if kept, else the loop's is. */
static void pruning_follows_the_next_loop(void)
{
	struct stream_tabs ts;

	stream_tabs_init(&ts);
	add(&ts, NULL, "prompt");
	add(&ts, &planner, "plan");
	add(&ts, &coder1, "one");
	add(&ts, &coder2, "two");
	add(&ts, &reviewer, "ok");
	stream_tabs_select(&ts, 2); /* coder 1 */
	stream_tabs_prune(&ts, 1, 0);
	CHECK(ts.n == 3);
	CHECK(ts.shown);
	CHECK(ts.cur == 2);
	CHECK_STR(text_of(&ts, 2), "one");
	stream_tabs_select(&ts, 2);
	stream_tabs_prune(&ts, -1, 0);
	CHECK(ts.n == 1);
	CHECK(!ts.shown);
	CHECK(ts.cur == 0);
	CHECK_STR(text_of(&ts, 0), "prompt");
	stream_tabs_free(&ts);
}

/* Many coders on a narrow row: the shown tab is never cut off. */
static void the_shown_tab_always_fits(void)
{
	struct stream_tabs ts;

	stream_tabs_init(&ts);
	add(&ts, &planner, "plan");
	for (int k = 1; k <= 16; k++) {
		const struct orch_agent_id c = { ORCH_ROLE_CODER, k };
		add(&ts, &c, "x");
	}
	add(&ts, &reviewer, "ok");
	stream_tabs_select(&ts, 17); /* coder 16 */
	CHECK(strstr(tab_row(&ts, 40), "[C16]") != NULL);
	CHECK(strncmp(tab_row(&ts, 40), "\xe2\x80\xa6", 3) == 0);
	stream_tabs_select(&ts, 0);
	CHECK(strncmp(tab_row(&ts, 40), "[L]", 3) == 0);
	stream_tabs_free(&ts);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	RUN(no_agents_no_row);
	RUN(tabs_in_role_order_whoever_comes_first);
	RUN(selecting_and_stepping);
	RUN(narrow_rows_use_brief_labels_then_cut);
	RUN(each_tab_keeps_its_view_and_search);
	RUN(pruning_follows_the_next_loop);
	RUN(the_shown_tab_always_fits);
	return CHECK_EXIT();
}
