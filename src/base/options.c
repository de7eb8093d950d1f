/* options: the option tables themselves and name lookup. */
#include "base/options.h"

#include <string.h>

#include "base/text.h"

#define OPT_ROW(id, name, type, min, max, def, choices, flags, help) \
	{ name, type, min, max, def, choices, flags, help },

const struct option_def option_table[OPT__COUNT] = { CONFIG_OPTIONS(OPT_ROW) };
const struct option_def endpoint_table[EP__COUNT] = { ENDPOINT_OPTIONS(OPT_ROW) };
const struct option_def agent_table[AG__COUNT] = { AGENT_OPTIONS(OPT_ROW) };

#undef OPT_ROW

static int table_find(const struct option_def *table, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(table[i].name, name) == 0)
			return i;
	return -1;
}

static const char *table_closest(const struct option_def *table, int n, const char *name)
{
	const char *names[64]; /* more than either table has */

	_Static_assert(OPT__COUNT <= 64 && EP__COUNT <= 64 && AG__COUNT <= 64, "names[] too small");

	for (int i = 0; i < n; i++)
		names[i] = table[i].name;
	return text_closest(name, names, (size_t)n);
}

int option_find(const char *name)
{
	return table_find(option_table, OPT__COUNT, name);
}

const char *option_closest(const char *name)
{
	return table_closest(option_table, OPT__COUNT, name);
}

int endpoint_field_find(const char *name)
{
	return table_find(endpoint_table, EP__COUNT, name);
}

const char *endpoint_field_closest(const char *name)
{
	return table_closest(endpoint_table, EP__COUNT, name);
}

int agent_field_find(const char *name)
{
	return table_find(agent_table, AG__COUNT, name);
}

const char *agent_field_closest(const char *name)
{
	return table_closest(agent_table, AG__COUNT, name);
}

static const char *const agent_role_names[AGENT__COUNT] = {
	[AGENT_PLANNER] = "planner", [AGENT_CODER] = "coder", [AGENT_REVIEWER] = "reviewer",
};

const char *agent_role_name(int role)
{
	return role >= 0 && role < AGENT__COUNT ? agent_role_names[role] : NULL;
}

int agent_role_find(const char *name)
{
	for (int role = 0; role < AGENT__COUNT; role++)
		if (strcmp(agent_role_names[role], name) == 0)
			return role;
	return -1;
}

const char *agent_role_closest(const char *name)
{
	return text_closest(name, agent_role_names, AGENT__COUNT);
}
