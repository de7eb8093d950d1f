/* keymap: key names ("C-s", "M-Enter", "S-Tab", "PgUp", "q") to key codes
 * and key codes to actions. Key codes: a Unicode code point, or KEYC_FUNC |
 * an ncurses KEY_* value, optionally | KEYC_META for Alt. */
#ifndef FAOS_KEYMAP_H
#define FAOS_KEYMAP_H

#include "action.h"
#include "base/config.h"

#define KEYC_FUNC (1 << 24)
#define KEYC_META (1 << 25)
#define KEYC_MASK (KEYC_FUNC - 1)

struct keymap_entry {
	int key;
	enum action_id action;
};

struct keymap {
	struct keymap_entry *entries;
	int count;
};

/* One key name; -1 if not a key. */
int keymap_parse_key(const char *name);
/* The canonical name of a key code, into out. */
void keymap_key_name(int key, char *out, int size);
/* Defaults, then the config's keys: section (which replaces an action's
 * default keys). -1 and *err ("file:line:col: ...") on a bad entry. */
int keymap_build(struct keymap *km, const struct config *cfg, char **err);
enum action_id keymap_lookup(const struct keymap *km, int key);
void keymap_free(struct keymap *km);

#endif
