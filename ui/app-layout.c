/* app-layout: the layout actions (zoom, split sizes). */
#include "action.h"
#include "app.h"

const struct action_def layout_actions[] = {
	{ NULL, 0, NULL, NULL, NULL },
};
