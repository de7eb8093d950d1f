/* config-sections: the sections of the YAML config: `keys:` (a mapping of
 * action: keys), `endpoints:` (a list of mappings of fields) and `agents:`
 * (a mapping of role: mapping of fields). Their fields are read by one
 * table-driven reader, so both say the same things about the same mistakes. */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "base/config-yaml.h"
#include "base/xmalloc.h"

/* A mapping of field: value: an endpoints: entry or a role of agents:. */
struct yaml_fields {
	const char *section; /* "endpoints", "agents: coder": the messages' prefix */
	int (*find)(const char *name);
	const char *(*closest)(const char *name);
	int (*set)(struct yaml_reader *r, void *target, int field, const char *text,
		   const char *where);
	void *target;
	unsigned char seen[32];
};

static void yaml_add_binding(struct yaml_reader *r, const char *action, const char *keys,
			     yaml_mark_t mark)
{
	struct config *cfg = r->cfg;

	cfg->bindings = xreallocarray(cfg->bindings, cfg->nbindings + 1, sizeof *cfg->bindings);
	cfg->bindings[cfg->nbindings++] = (struct config_binding){
		xstrdup(action), xstrdup(keys), yaml_where(r, mark)
	};
}

int yaml_read_keys(struct yaml_reader *r)
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

/* One field: value pair; fs->seen guards against repeats. */
static int yaml_read_field(struct yaml_reader *r, struct yaml_fields *fs)
{
	yaml_mark_t key_mark = r->event.start_mark;
	char *key = xstrdup(yaml_scalar(&r->event));
	int field = fs->find(key), rc = -1;

	if (field < 0) {
		const char *near = fs->closest(key);
		rc = yaml_fail_free(r, key_mark,
				    near ? xasprintf("%s: unknown field '%s' (did you mean '%s'?)",
						     fs->section, key, near)
					 : xasprintf("%s: unknown field '%s'", fs->section, key));
	} else if (fs->seen[field]) {
		rc = yaml_fail_free(r, key_mark,
				    xasprintf("%s: %s is set twice", fs->section, key));
	} else if (yaml_next(r) == 0) {
		char *label = xasprintf("%s: %s", fs->section, key);
		rc = yaml_expect_scalar(r, label);
		free(label);
		if (rc == 0) {
			fs->seen[field] = 1;
			char *where = yaml_where(r, r->event.start_mark);
			rc = fs->set(r, fs->target, field, yaml_scalar(&r->event), where);
			free(where);
		}
	}
	free(key);
	return rc;
}

/* The rest of a mapping (its start event is read) as fields. */
static int yaml_read_fields(struct yaml_reader *r, struct yaml_fields *fs)
{
	char *label = xasprintf("%s: field name", fs->section);
	int rc = 0;

	while (rc == 0) {
		if (yaml_next(r) < 0)
			rc = -1;
		else if (r->event.type == YAML_MAPPING_END_EVENT)
			break;
		else if (yaml_expect_scalar(r, label) < 0 || yaml_read_field(r, fs) < 0)
			rc = -1;
	}
	free(label);
	return rc;
}

static int yaml_set_endpoint_field(struct yaml_reader *r, void *target, int field,
				   const char *text, const char *where)
{
	char *err = NULL;

	if (config_endpoint_set(target, field, text, where, &err) == 0)
		return 0;
	*r->err = xasprintf("%s (in endpoints:)", err);
	free(err);
	return -1;
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
	yaml_mark_t mark = r->event.start_mark;

	if (r->event.type != YAML_MAPPING_START_EVENT)
		return yaml_fail(r, mark, "endpoints: each entry is a mapping, e.g. "
					  "- { name: gpu, url: http://gpu:8000 }");
	char *where = yaml_where(r, mark);
	struct config_endpoint *ep = config_add_endpoint(r->cfg, where);
	free(where);
	struct yaml_fields fs = { "endpoints", endpoint_field_find, endpoint_field_closest,
				  yaml_set_endpoint_field, ep, { 0 } };
	_Static_assert(EP__COUNT <= sizeof fs.seen, "seen[] too small");
	if (yaml_read_fields(r, &fs) < 0)
		return -1;
	return yaml_endpoint_complete(r, ep, fs.seen, mark);
}

int yaml_read_endpoints(struct yaml_reader *r)
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

static int yaml_set_agent_field(struct yaml_reader *r, void *target, int field,
				const char *text, const char *where)
{
	int role = (int)((struct config_agent *)target - r->cfg->agents);

	return config_agent_set(r->cfg, role, field, text, r->src, where, r->err);
}

/* A role's mapping of fields (its event is the current one). */
static int yaml_read_role(struct yaml_reader *r, int role, yaml_mark_t key_mark)
{
	const char *name = agent_role_name(role);
	char *where = yaml_where(r, key_mark);
	char *section = xasprintf("agents: %s", name);
	struct yaml_fields fs = { section, agent_field_find, agent_field_closest,
				  yaml_set_agent_field, &r->cfg->agents[role], { 0 } };
	int rc = 0;

	_Static_assert(AG__COUNT <= sizeof fs.seen, "seen[] too small");
	if (r->event.type == YAML_MAPPING_START_EVENT || yaml_is_null(&r->event))
		config_agent_enable(r->cfg, role, where);
	if (r->event.type == YAML_MAPPING_START_EVENT)
		rc = yaml_read_fields(r, &fs);
	else if (!yaml_is_null(&r->event))
		rc = yaml_fail_free(r, r->event.start_mark,
				    xasprintf("%s: expected a mapping of field: value, e.g. %s: "
					      "{ model: qwen2.5-coder:7b }", section, name));
	free(section);
	free(where);
	return rc;
}

static int yaml_read_role_key(struct yaml_reader *r, unsigned char *seen)
{
	yaml_mark_t mark = r->event.start_mark;
	const char *key = yaml_scalar(&r->event);
	int role = agent_role_find(key);

	if (role < 0) {
		const char *near = agent_role_closest(key);
		return yaml_fail_free(r, mark,
				      near ? xasprintf("agents: unknown role '%s' (did you mean "
						       "'%s'?)", key, near)
					   : xasprintf("agents: unknown role '%s' (the roles are "
						       "planner, coder and reviewer)", key));
	}
	if (seen[role])
		return yaml_fail_free(r, mark, xasprintf("agents: %s is set twice", key));
	seen[role] = 1;
	if (yaml_next(r) < 0)
		return -1;
	return yaml_read_role(r, role, mark);
}

int yaml_read_agents(struct yaml_reader *r, yaml_mark_t key_mark)
{
	unsigned char seen[AGENT__COUNT] = { 0 };

	if (r->agents_read)
		return yaml_fail(r, key_mark, "agents is set twice");
	r->agents_read = 1;
	if (yaml_is_null(&r->event))
		return 0;
	if (r->event.type != YAML_MAPPING_START_EVENT)
		return yaml_fail(r, r->event.start_mark,
				 "agents: expected a mapping of role: fields, e.g. "
				 "coder: { model: qwen2.5-coder:7b, count: 2 }");
	for (;;) {
		if (yaml_next(r) < 0)
			return -1;
		if (r->event.type == YAML_MAPPING_END_EVENT)
			return 0;
		if (yaml_expect_scalar(r, "agents: role") < 0 || yaml_read_role_key(r, seen) < 0)
			return -1;
	}
}
