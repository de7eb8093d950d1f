/* theme: semantic colour slots. Pane code asks for a slot's attributes and
 * never names a colour; themes are YAML files mapping slot -> colours. */
#ifndef FAOS_THEME_H
#define FAOS_THEME_H

enum theme_slot {
	TS_NORMAL,
	TS_TITLE,
	TS_TITLE_FOCUS,
	TS_SEPARATOR,
	TS_STATUS,
	TS_ERROR,
	TS_STREAM_PROMPT,
	TS_STREAM_ANSWER,
	TS_STREAM_REASONING,
	TS_STREAM_NOTE,
	TS_TREE_DIR,
	TS_TREE_FILE,
	TS_TREE_SELECTED,
	TS_LOG_STDOUT,
	TS_LOG_STDERR,
	TS_EDITOR,
	TS_LINENO,
	TS_CODE,
	TS_SYN_KEYWORD,
	TS_SYN_STRING,
	TS_SYN_COMMENT,
	TS_SYN_NUMBER,
	TS_DIFF_ADD,
	TS_DIFF_DEL,
	TS_DIFF_ADD_WORD,
	TS_DIFF_DEL_WORD,
	TS_DIFF_HUNK,
	TS_MARK_ADDED,
	TS_MARK_MODIFIED,
	TS_MARK_DELETED,
	TS_MATCH,
	TS_MARKER,
	TS_OVERLAY,
	TS_SELECTED,
	TS__COUNT
};

struct theme_style {
	short fg, bg; /* -1: terminal default */
	int attrs;    /* A_BOLD | A_REVERSE ... */
};

struct theme {
	struct theme_style slot[TS__COUNT];
};

/* Parses theme YAML (slots: {name: {fg, bg, attr}}); unknown slots and
 * colours are errors ("NAME:LINE:COL: ..."). -1 and *err on failure. */
int theme_parse(struct theme *t, const char *text, const char *name, char **err);
/* Loads a theme by name: $XDG_CONFIG_HOME/faos-codex/themes/NAME.yaml, else
 * the built-in one. -1 and *err if neither exists or it is malformed. */
int theme_load(struct theme *t, const char *name, char **err);
/* Creates colour pairs (when the terminal has colours). */
void theme_apply(const struct theme *t, int use_colour);
/* Attributes to draw a slot with (colour pair included). */
int theme_attr(enum theme_slot slot);
const char *theme_slot_name(enum theme_slot slot);

#endif
