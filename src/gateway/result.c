/* result: building and freeing the structured result; see result.h. */
#include "gateway/result.h"

#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"

static char *take(struct buf *b)
{
	return buf_steal(b);
}

void *gw_result_build(const struct gw_stream *s, struct buf *text, struct buf *reasoning,
		      int complete)
{
	struct gw_result *r = xcalloc(1, sizeof *r);
	size_t text_len = text->len;

	r->text = take(text);
	r->reasoning = take(reasoning);
	r->nblocks = codeblock_parse(r->text, text_len, &r->blocks);
	r->finish_reason = xstrdup(s->finish_reason ? s->finish_reason : "");
	r->complete = complete;
	if (s->ncalls)
		r->calls = xcalloc(s->ncalls, sizeof *r->calls);
	for (size_t i = 0; i < s->ncalls; i++) {
		const struct gw_tool_call *c = &s->calls[i];
		r->calls[i] = (struct gw_result_call){
			xstrdup(c->id ? c->id : ""), xstrdup(c->name ? c->name : ""),
			xstrndup(c->args.data ? c->args.data : "", c->args.len) };
	}
	r->ncalls = s->ncalls;
	return r;
}

void gw_result_free(void *result)
{
	struct gw_result *r = result;

	if (r == NULL)
		return;
	for (size_t i = 0; i < r->ncalls; i++) {
		free(r->calls[i].id);
		free(r->calls[i].name);
		free(r->calls[i].arguments);
	}
	free(r->calls);
	codeblock_free_all(r->blocks, r->nblocks);
	free(r->text);
	free(r->reasoning);
	free(r->finish_reason);
	free(r);
}

int gw_result_cut_short(const struct gw_result *r)
{
	return !r || !r->complete || strcmp(r->finish_reason, "length") == 0;
}
