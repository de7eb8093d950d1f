/* action: the action table. Default bindings are strings in the same syntax
 * as the user's keys: section and go through the same parser. */
#include "action.h"

#include <string.h>

const struct action_def action_table[ACT__COUNT] = {
	[ACT_SUBMIT] = { "submit", "C-s M-Enter", "send the prompt to the model" },
	[ACT_CANCEL] = { "cancel", "C-c", "cancel the request in flight and stop the run" },
	[ACT_QUIT] = { "quit", "C-q q", "quit (q only outside the editor)" },
	[ACT_FOCUS_NEXT] = { "focus-next", "Tab", "move focus to the next pane" },
	[ACT_FOCUS_PREV] = { "focus-prev", "S-Tab", "move focus to the previous pane" },
	[ACT_SCROLL_UP] = { "scroll-up", "PgUp", "scroll the output up a page" },
	[ACT_SCROLL_DOWN] = { "scroll-down", "PgDn", "scroll the output down a page" },
	[ACT_DISMISS] = { "dismiss", "Escape", "dismiss the error in the status bar" },
	[ACT_REDRAW] = { "redraw", "C-l", "redraw the whole screen" },
	[ACT_RUN] = { "run", "F5", "run the project's command in the sandbox" },
};

int action_find(const char *name)
{
	for (int i = 0; i < ACT__COUNT; i++)
		if (strcmp(action_table[i].name, name) == 0)
			return i;
	return ACT_NONE;
}
