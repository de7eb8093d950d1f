/* config-yaml: reads the YAML config with libyaml's event parser, so every
 * error can name its line and column: the top level of option: value lines
 * here, the sections (keys:, endpoints:, agents:) in config-sections.c. */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "base/config-yaml.h"
#include "base/text.h"
#include "base/xmalloc.h"

char *yaml_where(const struct yaml_reader *r, yaml_mark_t mark)
{
	return xasprintf("%s:%zu:%zu", r->name, mark.line + 1, mark.column + 1);
}

int yaml_fail(struct yaml_reader *r, yaml_mark_t mark, const char *what)
{
	char *where = yaml_where(r, mark);

	*r->err = xasprintf("%s: %s", where, what);
	free(where);
	return -1;
}

/* Reader errors (bad UTF-8) carry a byte offset, not a line and column. */
static yaml_mark_t yaml_offset_mark(const struct yaml_reader *r, size_t offset)
{
	yaml_mark_t mark = { offset, 0, 0 };

	for (size_t i = 0; i < offset && i < r->len; i++) {
		if (r->text[i] == '\n') {
			mark.line++;
			mark.column = 0;
		} else if (((unsigned char)r->text[i] & 0xC0) != 0x80) {
			mark.column++;
		}
	}
	return mark;
}

/* Next event into r->event (the previous one is freed). */
int yaml_next(struct yaml_reader *r)
{
	yaml_event_delete(&r->event);
	if (yaml_parser_parse(&r->parser, &r->event))
		return 0;
	const char *problem = r->parser.problem ? r->parser.problem : "malformed YAML";
	char *what = r->parser.context ? xasprintf("%s %s", problem, r->parser.context)
				       : xstrdup(problem);
	yaml_mark_t mark = r->parser.problem_mark;
	if (r->parser.error == YAML_READER_ERROR)
		mark = yaml_offset_mark(r, r->parser.problem_offset);
	int rc = yaml_fail(r, mark, what);
	free(what);
	return rc;
}

/* A value that is not a scalar: say what we expected instead. */
int yaml_expect_scalar(struct yaml_reader *r, const char *key)
{
	if (r->event.type == YAML_SCALAR_EVENT)
		return 0;
	char *what = xasprintf("%s: expected a single value, not a %s", key,
			       r->event.type == YAML_SEQUENCE_START_EVENT ? "list" : "mapping");
	int rc = yaml_fail(r, r->event.start_mark, what);
	free(what);
	return rc;
}

int yaml_fail_free(struct yaml_reader *r, yaml_mark_t mark, char *what)
{
	int rc = yaml_fail(r, mark, what);

	free(what);
	return rc;
}

/* `coder:` with nothing after it, like `coder: {}`: the role with defaults. */
int yaml_is_null(const yaml_event_t *ev)
{
	if (ev->type != YAML_SCALAR_EVENT || ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	const char *v = yaml_scalar(ev);
	return v[0] == '\0' || strcmp(v, "~") == 0 || strcmp(v, "null") == 0;
}

static const char *const yaml_sections[] = { "keys", "endpoints", "agents" };
#define YAML_SECTIONS (sizeof yaml_sections / sizeof yaml_sections[0])

static int yaml_section(const char *key)
{
	for (size_t i = 0; i < YAML_SECTIONS; i++)
		if (strcmp(key, yaml_sections[i]) == 0)
			return (int)i;
	return -1;
}

static int yaml_unknown_key(struct yaml_reader *r, const char *key, yaml_mark_t mark)
{
	const char *names[OPT__COUNT + YAML_SECTIONS];

	for (int id = 0; id < OPT__COUNT; id++)
		names[id] = option_table[id].name;
	for (size_t i = 0; i < YAML_SECTIONS; i++)
		names[OPT__COUNT + i] = yaml_sections[i];
	const char *near = text_closest(key, names, OPT__COUNT + YAML_SECTIONS);
	return yaml_fail_free(r, mark,
			      near ? xasprintf("unknown option '%s' (did you mean '%s'?)", key, near)
				   : xasprintf("unknown option '%s' (faos-codex --dump-config lists "
					       "them)", key));
}

static int yaml_read_section(struct yaml_reader *r, int section, yaml_mark_t key_mark)
{
	switch (section) {
	case 0: return yaml_read_keys(r);
	case 1: return yaml_read_endpoints(r);
	default: return yaml_read_agents(r, key_mark);
	}
}

static int yaml_read_option(struct yaml_reader *r, const char *key, yaml_mark_t key_mark,
			    unsigned char *seen)
{
	int id = option_find(key), section = yaml_section(key);

	if (id < 0 && section < 0)
		return yaml_unknown_key(r, key, key_mark);
	if (r->src == SRC_PROJECT && id != OPT_APPROVAL && strcmp(key, "agents") != 0)
		return yaml_fail_free(r, key_mark,
				      xasprintf("%s: only approval and agents: can be set per "
						"project (set it in your own config file)", key));
	if (yaml_next(r) < 0)
		return -1;
	if (id < 0)
		return yaml_read_section(r, section, key_mark);
	if (seen[id])
		return yaml_fail_free(r, key_mark, xasprintf("%s is set twice", key));
	seen[id] = 1;
	if (yaml_expect_scalar(r, key) < 0)
		return -1;
	char *where = yaml_where(r, r->event.start_mark);
	int rc = config_set(r->cfg, id, yaml_scalar(&r->event), r->src, where, r->err);
	free(where);
	return rc;
}

static int yaml_read_top(struct yaml_reader *r)
{
	unsigned char seen[OPT__COUNT] = { 0 };

	if (r->event.type != YAML_MAPPING_START_EVENT)
		return yaml_fail(r, r->event.start_mark,
				 "expected option: value lines at the top level");
	for (;;) {
		if (yaml_next(r) < 0)
			return -1;
		if (r->event.type == YAML_MAPPING_END_EVENT)
			return 0;
		if (yaml_expect_scalar(r, "option name") < 0)
			return -1;
		char *key = xstrdup(yaml_scalar(&r->event));
		int rc = yaml_read_option(r, key, r->event.start_mark, seen);
		free(key);
		if (rc < 0)
			return -1;
	}
}

/* Walk stream and document framing; an empty file is a valid config. */
static int yaml_read_stream(struct yaml_reader *r)
{
	do {
		if (yaml_next(r) < 0)
			return -1;
	} while (r->event.type == YAML_STREAM_START_EVENT ||
		 r->event.type == YAML_DOCUMENT_START_EVENT);
	if (r->event.type == YAML_STREAM_END_EVENT)
		return 0;
	if (r->event.type == YAML_SCALAR_EVENT && r->event.data.scalar.length == 0)
		return 0; /* a document holding only comments */
	return yaml_read_top(r);
}

static int yaml_load(struct config *cfg, const char *text, size_t len, const char *name,
		     enum config_source src, char **err)
{
	struct yaml_reader r = { .name = name, .text = text, .len = len, .cfg = cfg, .err = err,
				 .src = src };

	if (!yaml_parser_initialize(&r.parser)) {
		*err = xasprintf("%s: cannot start the YAML parser", name);
		return -1;
	}
	yaml_parser_set_input_string(&r.parser, (const unsigned char *)text, len);
	r.event.type = YAML_NO_EVENT;
	int rc = yaml_read_stream(&r);
	yaml_event_delete(&r.event);
	yaml_parser_delete(&r.parser);
	return rc;
}

int config_load_yaml(struct config *cfg, const char *text, size_t len, const char *name,
		     char **err)
{
	return yaml_load(cfg, text, len, name, SRC_FILE, err);
}

int config_load_yaml_project(struct config *cfg, const char *text, size_t len,
			     const char *name, char **err)
{
	return yaml_load(cfg, text, len, name, SRC_PROJECT, err);
}
