/* config-yaml: reads the YAML config (a mapping of option: value, plus a
 * `keys:` mapping of action: keys and an `endpoints:` list of mappings) with libyaml's event parser, so every
 * error can name its line and column. */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "base/config.h"
#include "base/xmalloc.h"

struct yaml_reader {
	yaml_parser_t parser;
	yaml_event_t event;
	const char *name; /* file name for messages */
	const char *text;
	size_t len;
	struct config *cfg;
	char **err;
};

static char *yaml_where(const struct yaml_reader *r, yaml_mark_t mark)
{
	return xasprintf("%s:%zu:%zu", r->name, mark.line + 1, mark.column + 1);
}

static int yaml_fail(struct yaml_reader *r, yaml_mark_t mark, const char *what)
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
static int yaml_next(struct yaml_reader *r)
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

static const char *yaml_scalar(const yaml_event_t *ev)
{
	return (const char *)ev->data.scalar.value;
}

/* A value that is not a scalar: say what we expected instead. */
static int yaml_expect_scalar(struct yaml_reader *r, const char *key)
{
	if (r->event.type == YAML_SCALAR_EVENT)
		return 0;
	char *what = xasprintf("%s: expected a single value, not a %s", key,
			       r->event.type == YAML_SEQUENCE_START_EVENT ? "list" : "mapping");
	int rc = yaml_fail(r, r->event.start_mark, what);
	free(what);
	return rc;
}

static void yaml_add_binding(struct yaml_reader *r, const char *action, const char *keys,
			     yaml_mark_t mark)
{
	struct config *cfg = r->cfg;

	cfg->bindings = xreallocarray(cfg->bindings, cfg->nbindings + 1, sizeof *cfg->bindings);
	cfg->bindings[cfg->nbindings++] = (struct config_binding){
		xstrdup(action), xstrdup(keys), yaml_where(r, mark)
	};
}

static int yaml_read_keys(struct yaml_reader *r)
{
	if (r->event.type != YAML_MAPPING_START_EVENT)
		return yaml_fail(r, r->event.start_mark,
				 "keys: expected a mapping of action: keys, e.g. submit: \"C-s\"");
	for (;;) {
		if (yaml_next(r) < 0)
			return -1;
		if (r->event.type == YAML_MAPPING_END_EVENT)
			return 0;
		if (yaml_expect_scalar(r, "keys") < 0)
			return -1;
		char *action = xstrdup(yaml_scalar(&r->event));
		int rc = yaml_next(r);
		if (rc == 0)
			rc = yaml_expect_scalar(r, action);
		if (rc == 0)
			yaml_add_binding(r, action, yaml_scalar(&r->event), r->event.start_mark);
		free(action);
		if (rc < 0)
			return -1;
	}
}

/* One field of an endpoints: entry; seen guards against repeats. */
static int yaml_read_endpoint_field(struct yaml_reader *r, struct config_endpoint *ep,
				    unsigned char *seen)
{
	yaml_mark_t key_mark = r->event.start_mark;
	char *key = xstrdup(yaml_scalar(&r->event));
	int field = endpoint_field_find(key), rc = -1;

	if (field < 0) {
		const char *near = endpoint_field_closest(key);
		char *what = near ? xasprintf("endpoints: unknown field '%s' (did you mean '%s'?)",
					      key, near)
				  : xasprintf("endpoints: unknown field '%s'", key);
		rc = yaml_fail(r, key_mark, what);
		free(what);
	} else if (seen[field]) {
		char *what = xasprintf("endpoints: %s is set twice", key);
		rc = yaml_fail(r, key_mark, what);
		free(what);
	} else if (yaml_next(r) == 0 && yaml_expect_scalar(r, key) == 0) {
		seen[field] = 1;
		char *where = yaml_where(r, r->event.start_mark);
		char *err = NULL;
		rc = config_endpoint_set(ep, field, yaml_scalar(&r->event), where, &err);
		if (rc < 0) {
			*r->err = xasprintf("%s (in endpoints:)", err);
			free(err);
		}
		free(where);
	}
	free(key);
	return rc;
}

static int yaml_endpoint_complete(struct yaml_reader *r, const struct config_endpoint *ep,
				  const unsigned char *seen, yaml_mark_t mark)
{
	for (int f = 0; f < EP__COUNT; f++) {
		if (!(endpoint_table[f].flags & OPT_REQUIRED) || seen[f])
			continue;
		char *what = xasprintf("endpoints: this entry has no %s: (give it %s: ...)",
				       endpoint_table[f].name, endpoint_table[f].name);
		int rc = yaml_fail(r, mark, what);
		free(what);
		return rc;
	}
	for (const struct config_endpoint *o = r->cfg->endpoints; o < ep; o++) {
		if (strcmp(o->v[EP_NAME].s, ep->v[EP_NAME].s) != 0)
			continue;
		char *what = xasprintf("endpoints: the name '%s' is used twice (first at %s)",
				       ep->v[EP_NAME].s, o->where);
		int rc = yaml_fail(r, mark, what);
		free(what);
		return rc;
	}
	return 0;
}

static int yaml_read_endpoint(struct yaml_reader *r)
{
	unsigned char seen[EP__COUNT] = { 0 };
	yaml_mark_t mark = r->event.start_mark;

	if (r->event.type != YAML_MAPPING_START_EVENT)
		return yaml_fail(r, mark, "endpoints: each entry is a mapping, e.g. "
					  "- { name: gpu, url: http://gpu:8000 }");
	char *where = yaml_where(r, mark);
	struct config_endpoint *ep = config_add_endpoint(r->cfg, where);
	free(where);
	for (;;) {
		if (yaml_next(r) < 0)
			return -1;
		if (r->event.type == YAML_MAPPING_END_EVENT)
			return yaml_endpoint_complete(r, ep, seen, mark);
		if (yaml_expect_scalar(r, "endpoints: field name") < 0 ||
		    yaml_read_endpoint_field(r, ep, seen) < 0)
			return -1;
	}
}

static int yaml_read_endpoints(struct yaml_reader *r)
{
	if (r->event.type != YAML_SEQUENCE_START_EVENT)
		return yaml_fail(r, r->event.start_mark,
				 "endpoints: expected a list of entries, each starting with '- name:'");
	for (;;) {
		if (yaml_next(r) < 0)
			return -1;
		if (r->event.type == YAML_SEQUENCE_END_EVENT)
			return 0;
		if (yaml_read_endpoint(r) < 0)
			return -1;
	}
}

static int yaml_unknown_key(struct yaml_reader *r, const char *key, yaml_mark_t mark)
{
	const char *near = option_closest(key);
	char *what = near ? xasprintf("unknown option '%s' (did you mean '%s'?)", key, near)
			  : xasprintf("unknown option '%s' (faos-codex --dump-config lists them)", key);
	int rc = yaml_fail(r, mark, what);
	free(what);
	return rc;
}

static int yaml_read_option(struct yaml_reader *r, const char *key, yaml_mark_t key_mark,
			    unsigned char *seen)
{
	int id = option_find(key);

	if (id < 0 && strcmp(key, "keys") != 0 && strcmp(key, "endpoints") != 0)
		return yaml_unknown_key(r, key, key_mark);
	if (yaml_next(r) < 0)
		return -1;
	if (id < 0)
		return strcmp(key, "keys") == 0 ? yaml_read_keys(r) : yaml_read_endpoints(r);
	if (seen[id]) {
		char *what = xasprintf("%s is set twice", key);
		int rc = yaml_fail(r, key_mark, what);
		free(what);
		return rc;
	}
	seen[id] = 1;
	if (yaml_expect_scalar(r, key) < 0)
		return -1;
	char *where = yaml_where(r, r->event.start_mark);
	int rc = config_set(r->cfg, id, yaml_scalar(&r->event), SRC_FILE, where, r->err);
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

int config_load_yaml(struct config *cfg, const char *text, size_t len, const char *name,
		     char **err)
{
	struct yaml_reader r = { .name = name, .text = text, .len = len, .cfg = cfg, .err = err };

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
