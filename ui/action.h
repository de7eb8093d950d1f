/* action: what a key can do. The actions are one registry of sections,
 * each kept beside the code that runs it (app.c's global actions,
 * pane-prompt.c's editing actions, ...), listed in action.c. An entry's
 * name, help and default keys drive dispatch, the keys: config section,
 * the ? help overlay, --dump-config and the man page. */
#ifndef FAOS_ACTION_H
#define FAOS_ACTION_H

#include "layout.h"

struct app;
struct pane;

/* Where an action works: anywhere, or while one pane (or screen) has the
 * focus. A pane's actions are named "scope.action" ("tree.filter"). */
#define SCOPE_GLOBAL (-1)

struct action_def {
	const char *name;
	int scope;        /* SCOPE_GLOBAL or an enum pane_id */
	const char *keys; /* default bindings, in the keys: syntax */
	const char *help;
	/* p is the focused pane (for a scoped action: the pane of its scope). */
	void (*run)(struct app *a, struct pane *p);
};

/* Sections end with an entry whose name is NULL. */
extern const struct action_def app_actions[];      /* app.c */
extern const struct action_def layout_actions[];   /* app-layout.c */
extern const struct action_def command_actions[];  /* cmdline.c */
extern const struct action_def prompt_actions[];   /* pane-prompt-keys.c */
extern const struct action_def tree_actions[];     /* tree-actions.c */
extern const struct action_def stream_actions[];   /* pane-stream.c */
extern const struct action_def log_actions[];      /* pane-log.c */
extern const struct action_def view_actions[];     /* view-keys.c */
extern const struct action_def review_actions[];   /* review.c */
extern const struct action_def projects_actions[]; /* projects.c */
extern const struct action_def help_actions[];     /* help.c */
extern const struct action_def cmdline_actions[];  /* cmdline.c */

/* Every section, in the order the help overlay lists them; NULL-ended. */
extern const struct action_def *const action_sections[];

/* The action named name ("submit", "tree.filter"), or NULL. */
const struct action_def *action_find(const char *name);
/* The scope's short name ("prompt", "tree", "output", ...; "global"). */
const char *action_scope_name(int scope);
/* The scope named name, SCOPE_GLOBAL for "global", -2 if none. */
int action_scope_find(const char *name);
/* Every action name, for "did you mean"; *n gets the count. Static. */
const char *const *action_names(int *n);

#endif
