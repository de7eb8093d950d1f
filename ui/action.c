/* action: the registry of action sections and lookups by name. */
#include "action.h"

#include <string.h>

const struct action_def *const action_sections[] = {
	app_actions,    layout_actions, command_actions, prompt_actions,
	tree_actions,   stream_actions, log_actions,     view_actions,
	review_actions, projects_actions, help_actions,  cmdline_actions,
	NULL,
};

static const char *const scope_names[PANE__COUNT] = {
	[PANE_PROMPT] = "prompt",     [PANE_TREE] = "tree",
	[PANE_STREAM] = "output",     [PANE_LOG] = "sandbox",
	[PANE_VIEW] = "view",         [SCREEN_REVIEW] = "review",
	[SCREEN_PROJECTS] = "projects", [SCREEN_HELP] = "help",
	[SCREEN_CMDLINE] = "cmdline",
};

const char *action_scope_name(int scope)
{
	return scope >= 0 && scope < PANE__COUNT ? scope_names[scope] : "global";
}

int action_scope_find(const char *name)
{
	if (strcmp(name, "global") == 0)
		return SCOPE_GLOBAL;
	for (int i = 0; i < PANE__COUNT; i++)
		if (strcmp(scope_names[i], name) == 0)
			return i;
	return -2;
}

const struct action_def *action_find(const char *name)
{
	for (int s = 0; action_sections[s]; s++)
		for (const struct action_def *d = action_sections[s]; d->name; d++)
			if (strcmp(d->name, name) == 0)
				return d;
	return NULL;
}

const char *const *action_names(int *n)
{
	static const char *names[512];
	static int count = -1;

	if (count < 0) {
		count = 0;
		for (int s = 0; action_sections[s]; s++)
			for (const struct action_def *d = action_sections[s]; d->name && count < 512; d++)
				names[count++] = d->name;
	}
	*n = count;
	return names;
}
