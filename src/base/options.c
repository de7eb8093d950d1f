/* options: the option tables themselves and name lookup. */
#include "base/options.h"

#include <string.h>

#include "base/text.h"

#define OPT_ROW(id, name, type, min, max, def, choices, flags, help) \
	{ name, type, min, max, def, choices, flags, help },

const struct option_def option_table[OPT__COUNT] = { CONFIG_OPTIONS(OPT_ROW) };
const struct option_def endpoint_table[EP__COUNT] = { ENDPOINT_OPTIONS(OPT_ROW) };

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

	_Static_assert(OPT__COUNT <= 64 && EP__COUNT <= 64, "names[] too small");

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
