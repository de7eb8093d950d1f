/* keymap: key names ("C-s", "M-Enter", "S-Tab", "PgUp", "q") to key codes
 * and (scope, key) to actions. Key codes: a Unicode code point, or KEYC_FUNC
 * | an ncurses KEY_* value, optionally | KEYC_META for Alt. */
#ifndef FAOS_KEYMAP_H
#define FAOS_KEYMAP_H

#include "action.h"
#include "base/config.h"

#define KEYC_FUNC (1 << 24)
#define KEYC_META (1 << 25)
#define KEYC_MASK (KEYC_FUNC - 1)
/* Keys of our own, delivered by the reader (ui/loop.c), never by a user
 * binding: the start and end of a bracketed paste. */
#define KEYC_PASTE_START (KEYC_FUNC | 0x7f01)
#define KEYC_PASTE_END (KEYC_FUNC | 0x7f02)

struct keymap_entry {
	int key;
	int scope; /* SCOPE_GLOBAL or the pane the binding works in */
	const struct action_def *action;
};

struct keymap {
	struct keymap_entry *entries;
	int count;
};

/* One key name; -1 if not a key. */
int keymap_parse_key(const char *name);
/* The canonical name of a key code, into out. */
void keymap_key_name(int key, char *out, int size);
/* Defaults, then the config's keys: section. An entry "action: keys" replaces
 * the action's default keys; "scope.action: keys" for a global action
 * ("tree.quit") binds it in that pane only. -1 and *err ("file:line:col:
 * ...") on a bad entry. */
int keymap_build(struct keymap *km, const struct config *cfg, char **err);
/* The binding of key in scope, else the global one; NULL if none. */
const struct action_def *keymap_lookup(const struct keymap *km, int scope, int key);
/* The keys bound to action (in any scope), in the keys: syntax. */
void keymap_action_keys(const struct keymap *km, const struct action_def *action, char *out,
			size_t size);
void keymap_free(struct keymap *km);

#endif
