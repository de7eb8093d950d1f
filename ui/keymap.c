/* keymap: key-name parsing and the binding table, for defaults and the
 * user's keys: section alike. */
#include "keymap.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/xmalloc.h"
#include "frontend.h"

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{ "Enter", '\r' }, { "Tab", '\t' }, { "Escape", 27 }, { "Space", ' ' },
	{ "S-Tab", KEYC_FUNC | KEY_BTAB }, { "BTab", KEYC_FUNC | KEY_BTAB },
	{ "PgUp", KEYC_FUNC | KEY_PPAGE }, { "PgDn", KEYC_FUNC | KEY_NPAGE },
	{ "Up", KEYC_FUNC | KEY_UP }, { "Down", KEYC_FUNC | KEY_DOWN },
	{ "Left", KEYC_FUNC | KEY_LEFT }, { "Right", KEYC_FUNC | KEY_RIGHT },
	{ "Home", KEYC_FUNC | KEY_HOME }, { "End", KEYC_FUNC | KEY_END },
	{ "Backspace", KEYC_FUNC | KEY_BACKSPACE }, { "Delete", KEYC_FUNC | KEY_DC },
	{ "Insert", KEYC_FUNC | KEY_IC },
};
#define KEY_NAME_COUNT (int)(sizeof key_names / sizeof key_names[0])

static int keymap_parse_base(const char *name)
{
	for (int i = 0; i < KEY_NAME_COUNT; i++)
		if (strcmp(key_names[i].name, name) == 0)
			return key_names[i].key;
	if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
		int n = atoi(name + 1);
		if (n >= 1 && n <= 12 && strspn(name + 1, "0123456789") == strlen(name + 1))
			return KEYC_FUNC | KEY_F(n);
	}
	/* One character, which may be a multi-byte UTF-8 one. */
	wchar_t wc;
	int len = mbtowc(&wc, name, strlen(name));
	if (len > 0 && name[len] == '\0' && wc > ' ' && wc != 0x7f)
		return (int)wc;
	return -1;
}

int keymap_parse_key(const char *name)
{
	if (strncmp(name, "M-", 2) == 0 && name[2] != '\0') {
		int key = keymap_parse_key(name + 2);
		return key < 0 ? -1 : key | KEYC_META;
	}
	if (strncmp(name, "C-", 2) == 0 && name[2] != '\0' && name[3] == '\0') {
		char c = name[2];
		if (c >= 'a' && c <= 'z')
			return c - 'a' + 1;
		if (c >= '@' && c <= '_')
			return c - '@';
		return -1;
	}
	return keymap_parse_base(name);
}

void keymap_key_name(int key, char *out, int size)
{
	const char *meta = key & KEYC_META ? "M-" : "";
	int base = key & ~KEYC_META;

	for (int i = 0; i < KEY_NAME_COUNT; i++) {
		if (key_names[i].key == base) {
			snprintf(out, (size_t)size, "%s%s", meta, key_names[i].name);
			return;
		}
	}
	if (base >= 1 && base <= 26)
		snprintf(out, (size_t)size, "%sC-%c", meta, base + 'a' - 1);
	else if (base == 0 || (base >= 28 && base < 32)) /* 27 is Escape, named above */
		snprintf(out, (size_t)size, "%sC-%c", meta, base + '@');
	else if ((base & KEYC_FUNC) && (base & KEYC_MASK) >= KEY_F(1) && (base & KEYC_MASK) <= KEY_F(12))
		snprintf(out, (size_t)size, "%sF%d", meta, (base & KEYC_MASK) - KEY_F0);
	else if (!(base & KEYC_FUNC))
		snprintf(out, (size_t)size, "%s%lc", meta, (wint_t)base);
	else
		snprintf(out, (size_t)size, "%s<key %d>", meta, base & KEYC_MASK);
}

static void keymap_add(struct keymap *km, int key, int scope, const struct action_def *action)
{
	for (int i = 0; i < km->count; i++) {
		if (km->entries[i].key == key && km->entries[i].scope == scope) {
			km->entries[i].action = action; /* a later binding takes the key */
			return;
		}
	}
	km->entries = xreallocarray(km->entries, (size_t)km->count + 1, sizeof *km->entries);
	km->entries[km->count++] = (struct keymap_entry){ key, scope, action };
}

static void keymap_unbind(struct keymap *km, int scope, const struct action_def *action)
{
	int kept = 0;

	for (int i = 0; i < km->count; i++)
		if (km->entries[i].action != action || km->entries[i].scope != scope)
			km->entries[kept++] = km->entries[i];
	km->count = kept;
}

/* Bind every key named in list ("C-s M-Enter", commas allowed) to action. */
static int keymap_bind_list(struct keymap *km, int scope, const struct action_def *action,
			    const char *list, const char *where, char **err)
{
	char *copy = xstrdup(list), *save = NULL;
	int rc = 0;

	for (char *k = strtok_r(copy, " ,", &save); k; k = strtok_r(NULL, " ,", &save)) {
		int key = keymap_parse_key(k);
		if (key < 0) {
			*err = xasprintf("%s: keys: %s: '%s' is not a key (write keys like C-s, "
					 "M-Enter, S-Tab, PgUp, F2 or q)", where, action->name, k);
			rc = -1;
			break;
		}
		keymap_add(km, key, scope, action);
	}
	free(copy);
	return rc;
}

/* "tree.quit": the global action quit, bound in the tree only. */
static const struct action_def *keymap_scoped_global(const char *name, int *scope)
{
	const char *dot = strchr(name, '.');
	char head[32];

	if (dot == NULL || (size_t)(dot - name) >= sizeof head)
		return NULL;
	memcpy(head, name, (size_t)(dot - name));
	head[dot - name] = '\0';
	const struct action_def *d = action_find(dot + 1);
	int s = action_scope_find(head);
	if (d == NULL || d->scope != SCOPE_GLOBAL || s < 0)
		return NULL;
	*scope = s;
	return d;
}

static int keymap_apply_binding(struct keymap *km, const struct config_binding *b, char **err)
{
	const struct action_def *d = action_find(b->action);
	int scope = d ? d->scope : SCOPE_GLOBAL;

	if (d == NULL)
		d = keymap_scoped_global(b->action, &scope);
	if (d == NULL) {
		int n;
		const char *const *names = action_names(&n);
		const char *near = text_closest(b->action, names, (size_t)n);
		*err = near ? xasprintf("%s: keys: unknown action '%s' (did you mean '%s'?)",
					b->where, b->action, near)
			    : xasprintf("%s: keys: unknown action '%s' (faos-codex --dump-config "
					"lists the actions)", b->where, b->action);
		return -1;
	}
	keymap_unbind(km, scope, d);
	return keymap_bind_list(km, scope, d, b->keys, b->where, err);
}

int keymap_build(struct keymap *km, const struct config *cfg, char **err)
{
	km->entries = NULL;
	km->count = 0;
	for (int s = 0; action_sections[s]; s++)
		for (const struct action_def *d = action_sections[s]; d->name; d++)
			if (keymap_bind_list(km, d->scope, d, d->keys, "built-in", err) < 0)
				return -1;
	for (size_t i = 0; cfg && i < cfg->nbindings; i++) {
		if (keymap_apply_binding(km, &cfg->bindings[i], err) < 0) {
			keymap_free(km);
			return -1;
		}
	}
	return 0;
}

const struct action_def *keymap_lookup(const struct keymap *km, int scope, int key)
{
	const struct action_def *global = NULL;

	for (int i = 0; i < km->count; i++) {
		if (km->entries[i].key != key)
			continue;
		if (km->entries[i].scope == scope)
			return km->entries[i].action;
		if (km->entries[i].scope == SCOPE_GLOBAL)
			global = km->entries[i].action;
	}
	return global;
}

void keymap_free(struct keymap *km)
{
	free(km->entries);
	km->entries = NULL;
	km->count = 0;
}

int frontend_check_keys(const struct config *cfg, char **err)
{
	struct keymap km;

	if (keymap_build(&km, cfg, err) < 0)
		return -1;
	keymap_free(&km);
	return 0;
}

void keymap_action_keys(const struct keymap *km, const struct action_def *action, char *out,
			size_t size)
{
	out[0] = '\0';
	for (int i = 0; i < km->count; i++) {
		char name[32];
		if (km->entries[i].action != action)
			continue;
		keymap_key_name(km->entries[i].key, name, sizeof name);
		if (out[0])
			strlcat(out, " ", size);
		strlcat(out, name, size);
	}
}

void frontend_dump_keys(const struct config *cfg, FILE *out, int defaults_only)
{
	struct keymap km;
	char *err = NULL;

	if (keymap_build(&km, defaults_only ? NULL : cfg, &err) < 0) {
		free(err);
		return;
	}
	fputs("\n# Key bindings: action: \"KEY KEY...\" (C-x Ctrl, M-x Alt, S-Tab, PgUp, F1...);\n"
	      "# an action listed here loses its default keys.\nkeys:\n", out);
	for (int s = 0; action_sections[s]; s++) {
		for (const struct action_def *d = action_sections[s]; d->name; d++) {
			char keys[256];
			keymap_action_keys(&km, d, keys, sizeof keys);
			fprintf(out, "  # %s\n  %s: ", d->help, d->name);
			config_dump_quoted(out, keys);
			fputc('\n', out);
		}
	}
	keymap_free(&km);
}
