/* prompt: an owning message list. */
#include "gateway/prompt.h"

#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"

/* gw_message's fields are const for the gateway's borrowers; here the
 * strings are ours, so the casts only undo that promise for freeing. */
static void message_free(struct gw_message *m)
{
	free((char *)m->role);
	free((char *)m->content);
}

void gw_prompt_add(struct gw_prompt *p, const char *role, const char *content, size_t len)
{
	p->msgs = xreallocarray(p->msgs, p->n + 1, sizeof *p->msgs);
	p->msgs[p->n].role = xstrdup(role);
	p->msgs[p->n].content = xstrndup(content, len);
	p->n++;
}

void gw_prompt_remove(struct gw_prompt *p, size_t i)
{
	message_free(&p->msgs[i]);
	memmove(&p->msgs[i], &p->msgs[i + 1], (p->n - i - 1) * sizeof *p->msgs);
	p->n--;
}

void gw_prompt_set_content(struct gw_prompt *p, size_t i, char *content)
{
	free((char *)p->msgs[i].content);
	p->msgs[i].content = content;
}

void gw_prompt_free(struct gw_prompt *p)
{
	for (size_t i = 0; i < p->n; i++)
		message_free(&p->msgs[i]);
	free(p->msgs);
	p->msgs = NULL;
	p->n = 0;
}
