/* plan-block: the parts of a plan that are not file items: the fenced
 * blocks (what each is for: the run command, interface text, nothing), the
 * run command from its several forms, and the interfaces text, kept
 * verbatim but for trailing blanks and the blank lines at its ends. */
#include <stdlib.h>
#include <string.h>

#include "orch/plan-impl.h"

/* --- the run command --- */

void plan_set_run(struct plan_parser *pp, struct span cmd, enum run_rank rank)
{
	struct buf *run = &pp->run;

	if (cmd.n == 0)
		return;
	if (rank == RANK_BLOCK && pp->rank == RANK_BLOCK) {
		buf_append_char(run, '\n'); /* run blocks add up, as in a reply */
	} else if (rank > pp->rank) {
		buf_reset(run);
		pp->rank = rank;
	} else {
		if (rank == pp->rank && (run->len != cmd.n || memcmp(run->data, cmd.s, cmd.n) != 0))
			plan_note(pp->p, "line %zu: another run command (the first is kept)",
				  pp->lineno);
		return;
	}
	buf_append(run, cmd.s, cmd.n);
}

/* A line of a run block, as a reply's: trimmed, less a "$ " prompt. */
static void run_block_line(struct plan_parser *pp, struct span l)
{
	reply_trim(&l);
	if (l.n >= 2 && l.s[0] == '$' && l.s[1] == ' ') {
		span_skip(&l, 2);
		reply_trim(&l);
	}
	if (l.n == 0)
		return;
	if (memchr(l.s, '\0', l.n) != NULL) {
		plan_note(pp->p, "line %zu: run command line with a NUL byte (left out)",
			  pp->lineno);
		return;
	}
	if (pp->block.len)
		buf_append_char(&pp->block, '\n');
	buf_append(&pp->block, l.s, l.n);
}

/* Under a run heading, a line that reads as a command ("python3 -m
 * unittest", "`make test`"), not as a sentence ("This runs the tests."). */
void plan_run_section_line(struct plan_parser *pp, struct span l)
{
	int code;

	reply_trim(&l);
	plan_skip_bullet(&l);
	code = l.n && l.s[0] == '`';
	l = plan_command(l);
	if (l.n == 0 || pp->rank != RANK_NONE || memchr(l.s, '\0', l.n) != NULL)
		return;
	char first = l.s[0], last = l.s[l.n - 1];
	if (code || (((first >= 'a' && first <= 'z') || first == '.' || first == '/') &&
		     last != '.' && last != ':'))
		plan_set_run(pp, l, RANK_SECTION);
}

/* --- the interfaces --- */

void plan_iface_line(struct plan_parser *pp, struct span l)
{
	while (l.n && (is_blank_char(l.s[l.n - 1]) || l.s[l.n - 1] == '\0'))
		l.n--;
	if (l.n == 0) {
		pp->iface_blanks += pp->iface.len > 0; /* kept only between lines */
		return;
	}
	for (; pp->iface_blanks; pp->iface_blanks--)
		buf_append_char(&pp->iface, '\n');
	if (pp->iface.len)
		buf_append_char(&pp->iface, '\n');
	char *s = plan_dup(l);
	buf_append_str(&pp->iface, s);
	free(s);
}

/* --- blocks --- */

static int shell_info(struct span info)
{
	return info.n == 0 ||
	       reply_info_lang(info, "sh|bash|shell|zsh|console|terminal|cmd|powershell|"
				     "text|txt|plain|plaintext");
}

void plan_open_block(struct plan_parser *pp, const struct fence *f, struct span info,
		     struct span l)
{
	pp->in_block = 1;
	pp->fence = *f;
	pp->block_line = pp->lineno;
	buf_reset(&pp->block);
	if (reply_info_is_run(info))
		pp->use = USE_RUN;
	else if (pp->sec == SEC_IFACE)
		pp->use = USE_IFACE;
	else if (pp->sec == SEC_RUN && pp->rank == RANK_NONE && shell_info(info))
		pp->use = USE_RUN_SEC;
	else
		pp->use = USE_NONE;
	if (pp->use == USE_IFACE)
		plan_iface_line(pp, l);
}

void plan_close_block(struct plan_parser *pp, const struct span *closing)
{
	struct span cmd = { pp->block.data, pp->block.len };

	if (pp->use == USE_IFACE && closing)
		plan_iface_line(pp, *closing);
	else if (pp->use == USE_RUN)
		plan_set_run(pp, cmd, RANK_BLOCK);
	else if (pp->use == USE_RUN_SEC)
		plan_set_run(pp, cmd, RANK_SECTION);
	pp->in_block = 0;
}

void plan_block_line(struct plan_parser *pp, struct span l)
{
	if (reply_fence_closes(l, &pp->fence))
		plan_close_block(pp, &l);
	else if (pp->use == USE_IFACE)
		plan_iface_line(pp, l);
	else if (pp->use == USE_RUN || pp->use == USE_RUN_SEC)
		run_block_line(pp, l);
}

/* A model asked for markdown may put the whole plan in a ```markdown
 * block: its fences are not a block. Returns 1 for such a fence. */
int plan_markdown_wrap(struct plan_parser *pp, const struct fence *f, struct span info,
		       struct span l)
{
	if (pp->md_wrap && reply_fence_closes(l, &pp->md_fence)) {
		pp->md_wrap = 0;
		return 1;
	}
	if (pp->md_wrap || pp->sec == SEC_IFACE || !reply_info_lang(info, "markdown|md"))
		return 0;
	pp->md_wrap = 1;
	pp->md_fence = *f;
	return 1;
}
