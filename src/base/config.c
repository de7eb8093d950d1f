/* config: typed values, validation against the option table, dumping. */
#include "base/config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/paths.h"
#include "base/xmalloc.h"

static void config_value_clear(struct config_value *v)
{
	free(v->s);
	free(v->where);
	memset(v, 0, sizeof *v);
}

/* A table default, unvalidated: entry tables' defaults may be empty
 * where a value is required (the reader checks presence). */
static void config_value_default(struct config_value *v, const struct option_def *def)
{
	v->s = xstrdup(def->def);
	v->d = strtod(def->def, NULL);
	v->i = (long)v->d;
}

void config_init(struct config *cfg)
{
	char *err = NULL;

	memset(cfg, 0, sizeof *cfg);
	for (int id = 0; id < OPT__COUNT; id++) {
		/* A default that fails its own validation is a broken table. */
		if (config_set(cfg, id, option_table[id].def, SRC_DEFAULT, NULL, &err) < 0) {
			fprintf(stderr, "faos-codex: bad built-in default: %s\n", err);
			abort();
		}
	}
	for (int role = 0; role < AGENT__COUNT; role++)
		for (int f = 0; f < AG__COUNT; f++)
			config_value_default(&cfg->agents[role].v[f], &agent_table[f]);
}

void config_free(struct config *cfg)
{
	for (int id = 0; id < OPT__COUNT; id++)
		config_value_clear(&cfg->v[id]);
	for (size_t i = 0; i < cfg->nbindings; i++) {
		free(cfg->bindings[i].action);
		free(cfg->bindings[i].keys);
		free(cfg->bindings[i].where);
	}
	free(cfg->bindings);
	for (size_t i = 0; i < cfg->nendpoints; i++) {
		for (int f = 0; f < EP__COUNT; f++)
			config_value_clear(&cfg->endpoints[i].v[f]);
		free(cfg->endpoints[i].where);
	}
	free(cfg->endpoints);
	for (int role = 0; role < AGENT__COUNT; role++) {
		for (int f = 0; f < AG__COUNT; f++)
			config_value_clear(&cfg->agents[role].v[f]);
		free(cfg->agents[role].where);
	}
	free(cfg->path);
	memset(cfg, 0, sizeof *cfg);
}

/* "where: [section: ]name: problem" */
static char *config_error(const char *where, const char *section, const struct option_def *def,
			  const char *problem)
{
	char *name = section ? xasprintf("%s: %s", section, def->name) : xstrdup(def->name);
	char *msg = where ? xasprintf("%s: %s: %s", where, name, problem)
			  : xasprintf("%s: %s", name, problem);
	free(name);
	return msg;
}

static int config_parse_number(const struct option_def *def, const char *text,
			       struct config_value *v, char **problem)
{
	char *end;

	errno = 0;
	double d = strtod(text, &end);
	if (text[0] == '\0' || *end != '\0' || errno != 0 || !isfinite(d)) {
		*problem = xasprintf("'%s' is not a number", text);
		return -1;
	}
	if (def->type == OPT_INT && d != floor(d)) {
		*problem = xasprintf("'%s' is not a whole number", text);
		return -1;
	}
	if (d < def->min || d > def->max) {
		*problem = xasprintf("%s is out of bounds (%.15g to %.15g)", text, def->min, def->max);
		return -1;
	}
	v->d = d;
	v->i = (long)d;
	return 0;
}

static int config_parse_enum(const struct option_def *def, const char *text,
			     struct config_value *v, char **problem)
{
	const char *p = def->choices;
	long index = 0;
	size_t len = strlen(text);

	while (p != NULL) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		if (n == len && strncmp(p, text, n) == 0) {
			v->i = index;
			return 0;
		}
		p = bar ? bar + 1 : NULL;
		index++;
	}
	char *list = xstrdup(def->choices);
	for (char *c = list; *c; c++)
		if (*c == '|')
			*c = '/';
	*problem = xasprintf("'%s' is not one of %s", text, list);
	free(list);
	return -1;
}

static int config_parse_bool(const char *text, struct config_value *v, char **problem)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };

	for (size_t i = 0; i < 4; i++) {
		if (strcmp(text, yes[i]) == 0 || strcmp(text, no[i]) == 0) {
			v->i = strcmp(text, yes[i]) == 0;
			return 0;
		}
	}
	*problem = xasprintf("'%s' is not true or false", text);
	return -1;
}

static int is_http_url(const char *text)
{
	return strncmp(text, "http://", 7) == 0 || strncmp(text, "https://", 8) == 0;
}

/* Letters, digits and the characters in extra, at least one. */
static int is_word(const char *text, const char *extra)
{
	if (text[0] == '\0')
		return 0;
	for (const char *c = text; *c; c++)
		if (!isalnum((unsigned char)*c) && strchr(extra, *c) == NULL)
			return 0;
	return 1;
}

static int is_port_list(const char *text)
{
	for (const char *p = text; *p;) {
		char *end;
		long port = strtol(p, &end, 10);
		if (end == p || port < 1 || port > 65535 || (*end != ',' && *end != '\0'))
			return 0;
		p = *end == ',' ? end + 1 : end;
	}
	return 1;
}

static int config_parse_string(const struct option_def *def, const char *text, char **problem)
{
	if ((def->flags & OPT_REQUIRED) && text[0] == '\0') {
		*problem = xstrdup("must not be empty");
		return -1;
	}
	if (text[0] == '\0')
		return 0;
	if ((def->flags & (OPT_URL | OPT_ENDPOINT_REF)) && strstr(text, "://") && !is_http_url(text)) {
		*problem = xasprintf("'%s' is not an http:// or https:// URL", text);
		return -1;
	}
	if ((def->flags & OPT_URL) && !is_http_url(text)) {
		*problem = xasprintf("'%s' is not an http:// or https:// URL", text);
		return -1;
	}
	if ((def->flags & OPT_ENDPOINT_REF) && !is_http_url(text) && !is_word(text, "_.-")) {
		*problem = xasprintf("'%s' is neither an http:// or https:// URL nor the name of "
				     "an endpoints: entry (did you mean http://%s?)", text, text);
		return -1;
	}
	if ((def->flags & OPT_NAME) && !is_word(text, "_.-")) {
		*problem = xasprintf("'%s' is not a name (letters, digits, '_', '.' and '-')", text);
		return -1;
	}
	if ((def->flags & OPT_PORT_LIST) && !is_port_list(text)) {
		*problem = xasprintf("'%s' is not a comma-separated list of ports (1 to 65535)", text);
		return -1;
	}
	if ((def->flags & OPT_ENV_NAME) && (!is_word(text, "_") || isdigit((unsigned char)text[0]))) {
		*problem = xasprintf("'%s' is not an environment variable name", text);
		return -1;
	}
	return 0;
}

static int config_parse(const struct option_def *def, const char *text, struct config_value *v,
			char **problem)
{
	switch (def->type) {
	case OPT_INT:
	case OPT_DOUBLE:
		return config_parse_number(def, text, v, problem);
	case OPT_ENUM:
		return config_parse_enum(def, text, v, problem);
	case OPT_BOOL:
		return config_parse_bool(text, v, problem);
	case OPT_STRING:
		return config_parse_string(def, text, problem);
	}
	return 0;
}

static int config_value_set(const struct option_def *def, const char *section,
			    struct config_value *slot, const char *text, enum config_source src,
			    const char *where, char **err)
{
	struct config_value v = { 0 };
	char *problem = NULL;

	if (config_parse(def, text, &v, &problem) < 0) {
		*err = config_error(where, section, def, problem);
		free(problem);
		return -1;
	}
	config_value_clear(slot);
	v.s = xstrdup(text);
	v.src = src;
	v.where = where ? xstrdup(where) : NULL;
	*slot = v;
	return 0;
}

int config_set(struct config *cfg, int id, const char *text, enum config_source src,
	       const char *where, char **err)
{
	return config_value_set(&option_table[id], NULL, &cfg->v[id], text, src, where, err);
}

int config_endpoint_set(struct config_endpoint *ep, int field, const char *text,
			const char *where, char **err)
{
	return config_value_set(&endpoint_table[field], NULL, &ep->v[field], text, SRC_FILE,
				where, err);
}

void config_agent_enable(struct config *cfg, int role, const char *where)
{
	struct config_agent *ag = &cfg->agents[role];

	if (!ag->set && where)
		ag->where = xstrdup(where);
	ag->set = 1;
}

int config_agent_set(struct config *cfg, int role, int field, const char *text,
		     enum config_source src, const char *where, char **err)
{
	char *section = xasprintf("agents: %s", agent_role_name(role));
	int rc = -1;

	if (field == AG_COUNT && role != AGENT_CODER)
		*err = where ? xasprintf("%s: %s: count is for coders only", where, section)
			     : xasprintf("%s: count is for coders only", section);
	else
		rc = config_value_set(&agent_table[field], section, &cfg->agents[role].v[field],
				      text, src, where, err);
	if (rc == 0)
		config_agent_enable(cfg, role, where);
	free(section);
	return rc;
}

struct config_endpoint *config_add_endpoint(struct config *cfg, const char *where)
{
	cfg->endpoints = xreallocarray(cfg->endpoints, cfg->nendpoints + 1, sizeof *cfg->endpoints);
	struct config_endpoint *ep = &cfg->endpoints[cfg->nendpoints++];
	memset(ep, 0, sizeof *ep);
	ep->where = xstrdup(where);
	for (int f = 0; f < EP__COUNT; f++)
		config_value_default(&ep->v[f], &endpoint_table[f]);
	return ep;
}

const struct config_endpoint *config_find_endpoint(const struct config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->nendpoints; i++)
		if (strcmp(cfg->endpoints[i].v[EP_NAME].s, name) == 0)
			return &cfg->endpoints[i];
	return NULL;
}

char *config_default_path(void)
{
	char *dir = paths_xdg(XDG_CONFIG);
	char *path = xasprintf("%s/config.yaml", dir);

	free(dir);
	return path;
}

int config_load_file(struct config *cfg, const char *path, int required, char **err)
{
	size_t len;
	char *text = paths_read_file(path, &len);

	if (text == NULL) {
		if (errno == ENOENT && !required)
			return 0;
		*err = xasprintf("%s: cannot read the config file: %s", path, strerror(errno));
		return -1;
	}
	int rc = config_load_yaml(cfg, text, len, path, err);
	free(text);
	if (rc == 0) {
		free(cfg->path);
		cfg->path = xstrdup(path);
	}
	return rc;
}
