/* action: what a key can do. One table (name, help, default keys) drives
 * dispatch, the keys: config section, --dump-config and the man page. */
#ifndef FAOS_ACTION_H
#define FAOS_ACTION_H

enum action_id {
	ACT_NONE = -1,
	ACT_SUBMIT,
	ACT_CANCEL,
	ACT_QUIT,
	ACT_FOCUS_NEXT,
	ACT_FOCUS_PREV,
	ACT_SCROLL_UP,
	ACT_SCROLL_DOWN,
	ACT_DISMISS,
	ACT_REDRAW,
	ACT_RUN,
	ACT__COUNT
};

struct action_def {
	const char *name;
	const char *keys; /* default bindings, in the keys: syntax */
	const char *help;
};

extern const struct action_def action_table[ACT__COUNT];

int action_find(const char *name);

#endif
