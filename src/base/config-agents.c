/* config-agents: the `agents:` section as a whole: whether multi-agent
 * coordination is on, the check of each role's endpoint against the
 * endpoints: list (only possible once every layer is read), and a project's
 * own config.yaml, which may choose approval and agents for that project. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/paths.h"
#include "base/xmalloc.h"

int config_agents_on(const struct config *cfg)
{
	for (int role = 0; role < AGENT__COUNT; role++)
		if (cfg->agents[role].set)
			return 1;
	return 0;
}

int config_check_agents(const struct config *cfg, char **err)
{
	for (int role = 0; role < AGENT__COUNT; role++) {
		const struct config_agent *ag = &cfg->agents[role];
		const struct config_value *ep = &ag->v[AG_ENDPOINT];
		if (!ag->set || ep->s[0] == '\0' || config_find_endpoint(cfg, ep->s))
			continue;
		*err = xasprintf("%s%sagents: %s: endpoint '%s' is not an entry of endpoints: "
				 "(add it there or leave endpoint out)",
				 ep->where ? ep->where : "", ep->where ? ": " : "",
				 agent_role_name(role), ep->s);
		return -1;
	}
	return 0;
}

/* own's settings over cfg's, except where a flag decided. */
static int project_merge(struct config *cfg, const struct config *own, char **err)
{
	const struct config_value *approval = &own->v[OPT_APPROVAL];

	if (approval->src != SRC_DEFAULT && cfg->v[OPT_APPROVAL].src != SRC_FLAG &&
	    config_set(cfg, OPT_APPROVAL, approval->s, approval->src, approval->where, err) < 0)
		return -1;
	for (int role = 0; role < AGENT__COUNT; role++) {
		const struct config_agent *ag = &own->agents[role];
		if (!ag->set)
			continue;
		config_agent_enable(cfg, role, ag->where);
		for (int f = 0; f < AG__COUNT; f++) {
			const struct config_value *v = &ag->v[f];
			if (v->src == SRC_DEFAULT || cfg->agents[role].v[f].src == SRC_FLAG)
				continue;
			if (config_agent_set(cfg, role, f, v->s, v->src, v->where, err) < 0)
				return -1;
		}
	}
	return 0;
}

int config_load_project(struct config *cfg, const char *path, char **err)
{
	size_t len;
	char *text = paths_read_file(path, &len);

	if (text == NULL) {
		if (errno == ENOENT)
			return config_check_agents(cfg, err);
		*err = xasprintf("%s: cannot read the project's config file: %s", path,
				 strerror(errno));
		return -1;
	}
	struct config own;
	config_init(&own);
	int rc = config_load_yaml_project(&own, text, len, path, err);
	if (rc == 0)
		rc = project_merge(cfg, &own, err);
	if (rc == 0)
		rc = config_check_agents(cfg, err);
	config_free(&own);
	free(text);
	return rc;
}
