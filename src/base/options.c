/* options: the option table itself and name lookup. */
#include "base/options.h"

#include <string.h>

#include "base/text.h"

const struct option_def option_table[OPT__COUNT] = {
#define OPT_ROW(id, name, type, min, max, def, choices, flags, help) \
	[OPT_##id] = { name, type, min, max, def, choices, flags, help },
	CONFIG_OPTIONS(OPT_ROW)
#undef OPT_ROW
};

int option_find(const char *name)
{
	for (int i = 0; i < OPT__COUNT; i++)
		if (strcmp(option_table[i].name, name) == 0)
			return i;
	return -1;
}

const char *option_closest(const char *name)
{
	const char *names[OPT__COUNT];

	for (int i = 0; i < OPT__COUNT; i++)
		names[i] = option_table[i].name;
	return text_closest(name, names, OPT__COUNT);
}
