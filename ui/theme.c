/* theme: parsing theme YAML into slot styles, and colour pairs. */
#include "theme.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "base/paths.h"
#include "base/xmalloc.h"
#include "theme-embedded.h"

static const char *const slot_names[TS__COUNT] = {
	[TS_NORMAL] = "normal", [TS_TITLE] = "title", [TS_TITLE_FOCUS] = "title_focus",
	[TS_SEPARATOR] = "separator", [TS_STATUS] = "status", [TS_ERROR] = "error",
	[TS_STREAM_PROMPT] = "stream_prompt", [TS_STREAM_ANSWER] = "stream_answer",
	[TS_STREAM_REASONING] = "stream_reasoning", [TS_STREAM_NOTE] = "stream_note",
	[TS_TREE_DIR] = "tree_dir", [TS_TREE_FILE] = "tree_file",
	[TS_TREE_SELECTED] = "tree_selected", [TS_LOG_STDOUT] = "log_stdout",
	[TS_LOG_STDERR] = "log_stderr", [TS_EDITOR] = "editor",
	[TS_LINENO] = "lineno",
	[TS_CODE] = "code",
	[TS_SYN_KEYWORD] = "syn_keyword",
	[TS_SYN_STRING] = "syn_string",
	[TS_SYN_COMMENT] = "syn_comment",
	[TS_SYN_NUMBER] = "syn_number",
	[TS_DIFF_ADD] = "diff_add",
	[TS_DIFF_DEL] = "diff_del",
	[TS_DIFF_ADD_WORD] = "diff_add_word",
	[TS_DIFF_DEL_WORD] = "diff_del_word",
	[TS_DIFF_HUNK] = "diff_hunk",
	[TS_MARK_ADDED] = "mark_added",
	[TS_MARK_MODIFIED] = "mark_modified",
	[TS_MARK_DELETED] = "mark_deleted",
	[TS_MATCH] = "match",
	[TS_MARKER] = "marker",
	[TS_OVERLAY] = "overlay",
	[TS_SELECTED] = "selected",
};

static const char *const colour_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
	const char *name;
	int attr;
} attr_names[] = {
	{ "bold", A_BOLD }, { "dim", A_DIM }, { "reverse", A_REVERSE },
	{ "underline", A_UNDERLINE }, { "italic", A_ITALIC }, { "normal", 0 },
};

static int slot_attrs[TS__COUNT];

const char *theme_slot_name(enum theme_slot slot)
{
	return slot_names[slot];
}

static char *theme_where(const char *name, const yaml_node_t *node)
{
	return xasprintf("%s:%zu:%zu", name, node->start_mark.line + 1,
			 node->start_mark.column + 1);
}

static int theme_fail(const char *name, const yaml_node_t *node, const char *what,
		      const char *detail, char **err)
{
	char *where = theme_where(name, node);

	*err = xasprintf("%s: %s%s", where, what, detail);
	free(where);
	return -1;
}

static int theme_colour(const char *text, short *out)
{
	char *end;

	if (strcmp(text, "default") == 0) {
		*out = -1;
		return 0;
	}
	for (short i = 0; i < 8; i++) {
		if (strcmp(text, colour_names[i]) == 0) {
			*out = i;
			return 0;
		}
	}
	long n = strtol(text, &end, 10);
	if (*text == '\0' || *end != '\0' || n < 0 || n > 255)
		return -1;
	*out = (short)n;
	return 0;
}

static int theme_attr_list(const char *text, int *out)
{
	char *copy = xstrdup(text), *save = NULL;
	int rc = 0;

	*out = 0;
	for (char *w = strtok_r(copy, " ,", &save); w && rc == 0; w = strtok_r(NULL, " ,", &save)) {
		rc = -1;
		for (size_t i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++) {
			if (strcmp(w, attr_names[i].name) == 0) {
				*out |= attr_names[i].attr;
				rc = 0;
			}
		}
	}
	free(copy);
	return rc;
}

/* One "fg: x" / "bg: x" / "attr: x" pair of a slot. */
static int theme_style_field(struct theme_style *st, const char *key, const char *value)
{
	if (strcmp(key, "fg") == 0)
		return theme_colour(value, &st->fg);
	if (strcmp(key, "bg") == 0)
		return theme_colour(value, &st->bg);
	if (strcmp(key, "attr") == 0)
		return theme_attr_list(value, &st->attrs);
	return -1;
}

static int theme_read_style(yaml_document_t *doc, yaml_node_t *map, struct theme_style *st,
			    const char *name, char **err)
{
	if (map->type != YAML_MAPPING_NODE)
		return theme_fail(name, map, "expected { fg: COLOUR, bg: COLOUR, attr: ATTRS }", "", err);
	*st = (struct theme_style){ -1, -1, 0 };
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);
		yaml_node_t *v = yaml_document_get_node(doc, p->value);
		if (k->type != YAML_SCALAR_NODE || v->type != YAML_SCALAR_NODE ||
		    theme_style_field(st, (char *)k->data.scalar.value, (char *)v->data.scalar.value) < 0)
			return theme_fail(name, v, "bad style entry; fg/bg take default, black, red, green, "
					  "yellow, blue, magenta, cyan, white or 0-255; attr takes ",
					  "bold, dim, reverse, underline, italic", err);
	}
	return 0;
}

static int theme_read_slots(yaml_document_t *doc, yaml_node_t *slots, struct theme *t,
			    const char *name, char **err)
{
	if (slots->type != YAML_MAPPING_NODE)
		return theme_fail(name, slots, "slots: expected a mapping of slot: style", "", err);
	for (yaml_node_pair_t *p = slots->data.mapping.pairs.start; p < slots->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);
		const char *slot = k->type == YAML_SCALAR_NODE ? (char *)k->data.scalar.value : "";
		int id = -1;
		for (int i = 0; i < TS__COUNT; i++)
			if (strcmp(slot_names[i], slot) == 0)
				id = i;
		if (id < 0)
			return theme_fail(name, k, "unknown slot ", slot, err);
		if (theme_read_style(doc, yaml_document_get_node(doc, p->value), &t->slot[id], name, err) < 0)
			return -1;
	}
	return 0;
}

static int theme_read_root(yaml_document_t *doc, struct theme *t, const char *name, char **err)
{
	yaml_node_t *root = yaml_document_get_root_node(doc);

	if (root == NULL || root->type != YAML_MAPPING_NODE) {
		*err = xasprintf("%s: a theme is a mapping with a slots: section", name);
		return -1;
	}
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);
		if (k->type == YAML_SCALAR_NODE && strcmp((char *)k->data.scalar.value, "slots") == 0)
			return theme_read_slots(doc, yaml_document_get_node(doc, p->value), t, name, err);
	}
	*err = xasprintf("%s: no slots: section", name);
	return -1;
}

int theme_parse(struct theme *t, const char *text, const char *name, char **err)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	int rc;

	for (int i = 0; i < TS__COUNT; i++)
		t->slot[i] = (struct theme_style){ -1, -1, 0 };
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, strlen(text));
	if (!yaml_parser_load(&parser, &doc)) {
		*err = xasprintf("%s:%zu:%zu: %s", name, parser.problem_mark.line + 1,
				 parser.problem_mark.column + 1,
				 parser.problem ? parser.problem : "malformed YAML");
		yaml_parser_delete(&parser);
		return -1;
	}
	rc = theme_read_root(&doc, t, name, err);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return rc;
}

int theme_load(struct theme *t, const char *name, char **err)
{
	char *dir = paths_xdg(XDG_CONFIG);
	char *path = strchr(name, '/') ? xstrdup(name) : xasprintf("%s/themes/%s.yaml", dir, name);
	char *text = paths_read_file(path, NULL);
	int rc = -1;

	free(dir);
	if (text != NULL) {
		rc = theme_parse(t, text, path, err);
		free(text);
	} else {
		for (const struct embedded_theme *e = embedded_themes; e->name && rc < 0; e++)
			if (strcmp(e->name, name) == 0)
				rc = theme_parse(t, e->text, e->name, err);
		if (rc < 0 && *err == NULL)
			*err = xasprintf("theme '%s' not found (built in: default, light, mono; or "
					 "put %s)", name, path);
	}
	free(path);
	return rc;
}

void theme_apply(const struct theme *t, int use_colour)
{
	for (int i = 0; i < TS__COUNT; i++) {
		const struct theme_style *st = &t->slot[i];
		slot_attrs[i] = st->attrs;
		if (use_colour && (st->fg >= 0 || st->bg >= 0) && st->fg < COLORS && st->bg < COLORS) {
			init_pair((short)(i + 1), st->fg, st->bg);
			slot_attrs[i] |= (int)COLOR_PAIR(i + 1);
		}
	}
}

int theme_attr(enum theme_slot slot)
{
	return slot_attrs[slot];
}
