/* config-yaml: the YAML reader shared by config-yaml.c (the top level) and
 * config-sections.c (keys:, endpoints:, agents:). Private to those two. */
#ifndef FAOS_CONFIG_YAML_H
#define FAOS_CONFIG_YAML_H

#include <yaml.h>

#include "base/config.h"

struct yaml_reader {
	yaml_parser_t parser;
	yaml_event_t event;
	const char *name; /* file name for messages */
	const char *text;
	size_t len;
	struct config *cfg;
	char **err;
	enum config_source src; /* SRC_FILE, or SRC_PROJECT for a project's file */
	int agents_read;        /* the agents: section came already */
};

/* "name:line:column" of mark (allocated). */
char *yaml_where(const struct yaml_reader *r, yaml_mark_t mark);
/* Set *r->err to "where: what"; returns -1. _free also frees what. */
int yaml_fail(struct yaml_reader *r, yaml_mark_t mark, const char *what);
int yaml_fail_free(struct yaml_reader *r, yaml_mark_t mark, char *what);
/* Next event into r->event (the previous one is freed). 0, or -1. */
int yaml_next(struct yaml_reader *r);
/* A value that is not a scalar: say what we expected instead. */
int yaml_expect_scalar(struct yaml_reader *r, const char *key);
/* A plain empty, ~ or null scalar. */
int yaml_is_null(const yaml_event_t *ev);

static inline const char *yaml_scalar(const yaml_event_t *ev)
{
	return (const char *)ev->data.scalar.value;
}

/* The sections; the current event is the section's value. 0, or -1. */
int yaml_read_keys(struct yaml_reader *r);
int yaml_read_endpoints(struct yaml_reader *r);
int yaml_read_agents(struct yaml_reader *r, yaml_mark_t key_mark);

#endif
