/* test-keymap: key names, defaults and the user's keys: section. */
#include <curses.h>
#include <locale.h>
#include <stdlib.h>

#include "base/config.h"
#include "check.h"
#include "keymap.h"

static void keymap_parses_key_names(void)
{
	CHECK(keymap_parse_key("C-s") == 19);
	CHECK(keymap_parse_key("C-q") == 17);
	CHECK(keymap_parse_key("M-Enter") == (KEYC_META | '\r'));
	CHECK(keymap_parse_key("S-Tab") == (KEYC_FUNC | KEY_BTAB));
	CHECK(keymap_parse_key("PgUp") == (KEYC_FUNC | KEY_PPAGE));
	CHECK(keymap_parse_key("F12") == (KEYC_FUNC | KEY_F(12)));
	CHECK(keymap_parse_key("q") == 'q');
	CHECK(keymap_parse_key("é") == 0xe9);
	CHECK(keymap_parse_key("F13") == -1);
	CHECK(keymap_parse_key("C-") == -1);
	CHECK(keymap_parse_key("Ctrl-s") == -1);
	CHECK(keymap_parse_key("") == -1);
}

static void keymap_names_round_trip(void)
{
	const char *names[] = { "C-s", "M-Enter", "S-Tab", "PgDn", "F2", "q", "Escape", "M-x" };
	char out[32];

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		keymap_key_name(keymap_parse_key(names[i]), out, sizeof out);
		CHECK_STR(out, names[i]);
	}
}

static void keymap_defaults_bind_the_documented_keys(void)
{
	struct keymap km;
	char *err = NULL;

	CHECK(keymap_build(&km, NULL, &err) == 0);
	CHECK(keymap_lookup(&km, SCOPE_GLOBAL, 19) == action_find("submit"));
	CHECK(keymap_lookup(&km, SCOPE_GLOBAL, KEYC_META | '\r') == action_find("submit"));
	CHECK(keymap_lookup(&km, SCOPE_GLOBAL, 3) == action_find("cancel"));
	CHECK(keymap_lookup(&km, SCOPE_GLOBAL, 17) == action_find("quit"));
	CHECK(keymap_lookup(&km, SCOPE_GLOBAL, 'q') == action_find("quit"));
	CHECK(keymap_lookup(&km, SCOPE_GLOBAL, '\t') == action_find("focus-next"));
	CHECK(keymap_lookup(&km, SCOPE_GLOBAL, KEYC_FUNC | KEY_BTAB) == action_find("focus-prev"));
	CHECK(keymap_lookup(&km, SCOPE_GLOBAL, 'x') == NULL);
	keymap_free(&km);
}

static void keymap_user_section_replaces_defaults(void)
{
	const char *yaml = "keys:\n  submit: \"C-x M-s\"\n";
	struct config cfg;
	struct keymap km;
	char *err = NULL;

	config_init(&cfg);
	CHECK(config_load_yaml(&cfg, yaml, strlen(yaml), "k.yaml", &err) == 0);
	CHECK(keymap_build(&km, &cfg, &err) == 0);
	CHECK(keymap_lookup(&km, SCOPE_GLOBAL, 24) == action_find("submit"));
	CHECK(keymap_lookup(&km, SCOPE_GLOBAL, KEYC_META | 's') == action_find("submit"));
	CHECK(keymap_lookup(&km, SCOPE_GLOBAL, 19) == NULL); /* C-s no longer submits */
	keymap_free(&km);
	config_free(&cfg);
}

static void keymap_scopes_and_per_pane_bindings(void)
{
	const char *yaml = "keys:\n  tree.quit: x\n";
	struct config cfg;
	struct keymap km;
	char *err = NULL;

	config_init(&cfg);
	CHECK(config_load_yaml(&cfg, yaml, strlen(yaml), "k.yaml", &err) == 0);
	CHECK(keymap_build(&km, &cfg, &err) == 0);
	CHECK(keymap_lookup(&km, PANE_TREE, 'x') == action_find("quit"));
	CHECK(keymap_lookup(&km, PANE_STREAM, 'x') == NULL); /* only in the tree */
	CHECK(keymap_lookup(&km, PANE_STREAM, 'q') == action_find("quit"));
	CHECK(keymap_lookup(&km, PANE_TREE, 'q') == action_find("quit")); /* globals stay */
	keymap_free(&km);
	config_free(&cfg);
}

static void keymap_errors_name_the_place(void)
{
	const char *bad_action = "keys:\n  sumbit: C-s\n";
	const char *bad_key = "keys:\n  quit: \"C-q Hyper-x\"\n";
	struct config cfg;
	struct keymap km;
	char *err = NULL;

	config_init(&cfg);
	CHECK(config_load_yaml(&cfg, bad_action, strlen(bad_action), "k.yaml", &err) == 0);
	CHECK(keymap_build(&km, &cfg, &err) == -1);
	CHECK_STR(err, "k.yaml:2:11: keys: unknown action 'sumbit' (did you mean 'submit'?)");
	free(err);
	config_free(&cfg);
	config_init(&cfg);
	CHECK(config_load_yaml(&cfg, bad_key, strlen(bad_key), "k.yaml", &err) == 0);
	CHECK(keymap_build(&km, &cfg, &err) == -1);
	CHECK_STR(err, "k.yaml:2:9: keys: quit: 'Hyper-x' is not a key (write keys like C-s, "
		       "M-Enter, S-Tab, PgUp, F2 or q)");
	free(err);
	config_free(&cfg);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	RUN(keymap_parses_key_names);
	RUN(keymap_names_round_trip);
	RUN(keymap_defaults_bind_the_documented_keys);
	RUN(keymap_user_section_replaces_defaults);
	RUN(keymap_scopes_and_per_pane_bindings);
	RUN(keymap_errors_name_the_place);
	return CHECK_EXIT();
}
