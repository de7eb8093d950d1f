/* prompt: a message list that owns its strings. Templates render into it,
 * the context budget trims it, and its msgs array is what a
 * gateway_request's messages point at. */
#ifndef FAOS_PROMPT_H
#define FAOS_PROMPT_H

#include <stddef.h>

#include "gateway/gateway.h"

struct gw_prompt {
	struct gw_message *msgs; /* role and content are allocated and owned */
	size_t n;
};

#define GW_PROMPT_INIT { NULL, 0 }

/* Appends a copy of role and of the len bytes of content. */
void gw_prompt_add(struct gw_prompt *p, const char *role, const char *content, size_t len);
/* Removes message i, keeping the order of the others. */
void gw_prompt_remove(struct gw_prompt *p, size_t i);
/* Replaces the content of message i with content (allocated; taken over). */
void gw_prompt_set_content(struct gw_prompt *p, size_t i, char *content);
/* Frees every message and leaves p empty. */
void gw_prompt_free(struct gw_prompt *p);

#endif
