/* app-orch-config: a project's own settings while it is open. Its
 * config.yaml (DATA/projects/NAME/, out of the model's reach) may choose
 * approval and agents: for that project; config_load_project() lays them
 * over the app's configuration, which the orchestrator reads when a loop
 * starts. The user's own approval and agents: are kept aside meanwhile
 * and put back when the project closes, so opening another project never
 * inherits the first one's agents. */
#include "app-orch.h"

#include <stdlib.h>

#include "base/xmalloc.h"

static void value_copy(struct config_value *dst, const struct config_value *src)
{
	free(dst->s);
	free(dst->where);
	*dst = *src;
	dst->s = xstrdup(src->s);
	dst->where = src->where ? xstrdup(src->where) : NULL;
}

/* What a project's file may set, from src to dst. */
static void settings_copy(struct config *dst, const struct config *src)
{
	value_copy(&dst->v[OPT_APPROVAL], &src->v[OPT_APPROVAL]);
	for (int role = 0; role < AGENT__COUNT; role++) {
		struct config_agent *to = &dst->agents[role];
		const struct config_agent *from = &src->agents[role];
		for (int f = 0; f < AG__COUNT; f++)
			value_copy(&to->v[f], &from->v[f]);
		free(to->where);
		to->where = from->where ? xstrdup(from->where) : NULL;
		to->set = from->set;
	}
}

bool app_orch_config_open(struct app *a, const char *project_dir)
{
	char *path = xasprintf("%s/config.yaml", project_dir), *err = NULL;
	bool ok = true;

	app_orch_config_close(a); /* a project opened before: the user's first */
	a->user_settings = xcalloc(1, sizeof *a->user_settings);
	config_init(a->user_settings);
	settings_copy(a->user_settings, a->cfg);
	if (config_load_project(a->cfg, path, &err) < 0) {
		/* Half applied, maybe: the user's settings, whole, instead. */
		settings_copy(a->cfg, a->user_settings);
		app_error(a, "%s (the project's settings are not used)", err);
		free(err);
		ok = false;
	}
	free(path);
	return ok;
}

void app_orch_config_close(struct app *a)
{
	if (a->user_settings == NULL)
		return;
	settings_copy(a->cfg, a->user_settings);
	config_free(a->user_settings);
	free(a->user_settings);
	a->user_settings = NULL;
}
