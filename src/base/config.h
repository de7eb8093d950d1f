/* config: the effective configuration, built in precedence order
 * defaults < config file < .env < environment < project file < command-line
 * flags (the project file, DATA/projects/NAME/config.yaml, only holds
 * approval and agents:).
 * Each layer calls config_set(), so every value passes the same validation
 * whatever its source. Errors are allocated one-line strings that say where
 * ("file:line:column", "FAOS_CODEX_API", "--model") and what to do. */
#ifndef FAOS_CONFIG_H
#define FAOS_CONFIG_H

#include <stdio.h>

#include "base/options.h"

enum config_source { SRC_DEFAULT, SRC_FILE, SRC_DOTENV, SRC_ENV, SRC_PROJECT, SRC_FLAG };

struct config_value {
	char *s;   /* canonical text of the value, always set */
	long i;    /* OPT_INT, OPT_BOOL, and the choice index of OPT_ENUM */
	double d;  /* OPT_DOUBLE */
	enum config_source src;
	char *where; /* where it was set ("file:3:10", "OPENAI_API_KEY"), or NULL */
};

/* A `keys:` entry (action: "key key ..."), checked by the front-end that
 * owns the actions; where says "file:line:column" for its errors. */
struct config_binding {
	char *action;
	char *keys;
	char *where;
};

/* One entry of the `endpoints:` list. */
struct config_endpoint {
	struct config_value v[EP__COUNT];
	char *where; /* "file:line:column" of the entry */
};

/* One role of the `agents:` section. Multi-agent coordination is on when
 * any role is set; a field left at its default means "as the single-model
 * loop does" (the default endpoint, its model, the top-level temperature). */
struct config_agent {
	struct config_value v[AG__COUNT];
	char *where; /* where the role was first turned on ("file:3:3", "--agent") */
	int set;     /* turned on by the config file, the project file or a flag */
};

struct config {
	struct config_value v[OPT__COUNT];
	struct config_agent agents[AGENT__COUNT];
	char *path; /* the config file read, or NULL */
	struct config_binding *bindings;
	size_t nbindings;
	struct config_endpoint *endpoints;
	size_t nendpoints;
};

void config_init(struct config *cfg);
void config_free(struct config *cfg);

/* Validate text against option id and store it. where names the source for
 * error messages. 0, or -1 with *err. */
int config_set(struct config *cfg, int id, const char *text, enum config_source src,
	       const char *where, char **err);

/* A new endpoints: entry with every field at its default; where is copied. */
struct config_endpoint *config_add_endpoint(struct config *cfg, const char *where);
/* Validate text against endpoint field and store it. 0, or -1 with *err. */
int config_endpoint_set(struct config_endpoint *ep, int field, const char *text,
			const char *where, char **err);
/* The endpoints: entry called name, or NULL. */
const struct config_endpoint *config_find_endpoint(const struct config *cfg, const char *name);

/* Validate text against field of role's agents: entry, store it and turn
 * the role on. count is for coders only. 0, or -1 with *err. */
int config_agent_set(struct config *cfg, int role, int field, const char *text,
		     enum config_source src, const char *where, char **err);
/* Turn role on with its fields as they are (`coder: {}`); where is copied
 * unless the role is on already. */
void config_agent_enable(struct config *cfg, int role, const char *where);
/* Whether any role is on: multi-agent coordination instead of one model. */
int config_agents_on(const struct config *cfg);
/* Each role's endpoint, when given, must name an endpoints: entry. Called
 * once the configuration is complete. 0, or -1 with *err. */
int config_check_agents(const struct config *cfg, char **err);
/* A project's own config.yaml (outside the model's reach) over cfg: it may
 * set only approval and agents:, which win over everything but flags. A
 * missing file is fine. The agents are checked afterwards. 0, or -1. */
int config_load_project(struct config *cfg, const char *path, char **err);

/* The default config file path ($XDG_CONFIG_HOME/faos-codex/config.yaml). */
char *config_default_path(void);
/* Read a YAML file. A missing file is fine unless required (--config). */
int config_load_file(struct config *cfg, const char *path, int required, char **err);
/* Parse YAML text; name is used in error messages. */
int config_load_yaml(struct config *cfg, const char *text, size_t len, const char *name,
		     char **err);
/* The same for a project's file: only approval and agents:, SRC_PROJECT. */
int config_load_yaml_project(struct config *cfg, const char *text, size_t len,
			     const char *name, char **err);
/* The environment names we read (FAOS_CODEX_*, OPENAI_*), first from a
 * .env file at dotenv_path (if it exists, may be NULL), then the real
 * environment, which wins. */
int config_load_env(struct config *cfg, const char *dotenv_path, char **err);

static inline const char *config_str(const struct config *cfg, enum opt_id id)
{
	return cfg->v[id].s;
}
static inline long config_int(const struct config *cfg, enum opt_id id)
{
	return cfg->v[id].i;
}
static inline double config_double(const struct config *cfg, enum opt_id id)
{
	return cfg->v[id].d;
}

/* YAML with one help comment per option. defaults_only: the built-in
 * defaults (that is config.yaml.example); otherwise the effective values,
 * with their sources and secrets hidden. */
void config_dump(const struct config *cfg, FILE *out, int defaults_only);
/* Double-quoted YAML scalar. */
void config_dump_quoted(FILE *out, const char *s);

#endif
