/* config: typed values, validation against the option table, dumping. */
#include "base/config.h"

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
	free(cfg->path);
	memset(cfg, 0, sizeof *cfg);
}

static char *config_error(const char *where, const struct option_def *def, const char *fmt,
			  const char *detail)
{
	char *what = xasprintf(fmt, detail);
	char *msg = where ? xasprintf("%s: %s: %s", where, def->name, what)
			  : xasprintf("%s: %s", def->name, what);
	free(what);
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

static int config_parse_string(const struct option_def *def, const char *text, char **problem)
{
	if ((def->flags & OPT_URL) && text[0] != '\0' && strncmp(text, "http://", 7) != 0 &&
	    strncmp(text, "https://", 8) != 0) {
		*problem = xasprintf("'%s' is not an http:// or https:// URL", text);
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

int config_set(struct config *cfg, int id, const char *text, enum config_source src,
	       const char *where, char **err)
{
	const struct option_def *def = &option_table[id];
	struct config_value v = { 0 };
	char *problem = NULL;

	if (config_parse(def, text, &v, &problem) < 0) {
		*err = config_error(where, def, "%s", problem);
		free(problem);
		return -1;
	}
	config_value_clear(&cfg->v[id]);
	v.s = xstrdup(text);
	v.src = src;
	v.where = where ? xstrdup(where) : NULL;
	cfg->v[id] = v;
	return 0;
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
