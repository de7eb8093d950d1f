/* syntax: one table entry per language (comment markers, quote characters,
 * keywords) and one scanner for all of them. Light on purpose: it colours
 * what a reader's eye looks for and never parses; a wrong guess costs a
 * colour, never text (the viewer prints every byte whatever the spans say). */
#include "syntax.h"

#include <string.h>
#include <strings.h>

struct syn_lang {
	const char *name;
	const char *const *keywords; /* NULL-ended */
	const char *line_comment;    /* "//", "#", or NULL */
	const char *block_open, *block_close;
	const char *quotes;          /* characters that open a one-line string */
	unsigned hash_at_word : 1;   /* "#" starts a comment only after a space (shell) */
	unsigned triple : 1;         /* Python's """ and ''' strings span lines */
	unsigned preproc : 1;        /* "#include" is a keyword */
	unsigned yaml_keys : 1;      /* "key:" at the start of a line is a keyword */
	unsigned markdown : 1;       /* headings and code fences only */
};

static const char *const c_words[] = {
	"auto", "bool", "break", "case", "char", "class", "const", "constexpr", "continue",
	"default", "delete", "do", "double", "else", "enum", "extern", "false", "float", "for",
	"goto", "if", "inline", "int", "long", "namespace", "new", "nullptr", "private",
	"protected", "public", "register", "restrict", "return", "short", "signed", "sizeof",
	"static", "struct", "switch", "template", "this", "true", "typedef", "typename", "union",
	"unsigned", "using", "virtual", "void", "volatile", "while", "NULL", NULL,
};
static const char *const py_words[] = {
	"False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
	"continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
	"if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
	"self", "try", "while", "with", "yield", NULL,
};
static const char *const js_words[] = {
	"async", "await", "break", "case", "catch", "class", "const", "continue", "default",
	"delete", "do", "else", "enum", "export", "extends", "false", "finally", "for", "function",
	"if", "implements", "import", "in", "instanceof", "interface", "let", "new", "null",
	"return", "static", "super", "switch", "this", "throw", "true", "try", "type", "typeof",
	"undefined", "var", "void", "while", "yield", NULL,
};
static const char *const go_words[] = {
	"break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough",
	"false", "for", "func", "go", "goto", "if", "import", "interface", "map", "nil", "package",
	"range", "return", "select", "struct", "switch", "true", "type", "var", NULL,
};
static const char *const rs_words[] = {
	"as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
	"extern", "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move",
	"mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
	"true", "type", "unsafe", "use", "where", "while", NULL,
};
static const char *const sh_words[] = {
	"break", "case", "continue", "do", "done", "elif", "else", "esac", "exit", "export", "fi",
	"for", "function", "if", "in", "local", "readonly", "return", "set", "shift", "then",
	"trap", "unset", "until", "while", NULL,
};
static const char *const mk_words[] = {
	"define", "else", "endef", "endif", "export", "ifdef", "ifeq", "ifndef", "ifneq",
	"include", "override", "unexport", "vpath", NULL,
};
static const char *const data_words[] = { "true", "false", "null", "yes", "no", NULL };

static const struct syn_lang langs[] = {
	{ "C", c_words, "//", "/*", "*/", "\"'", 0, 0, 1, 0, 0 },
	{ "Python", py_words, "#", NULL, NULL, "\"'", 0, 1, 0, 0, 0 },
	{ "JavaScript", js_words, "//", "/*", "*/", "\"'`", 0, 0, 0, 0, 0 },
	{ "Go", go_words, "//", "/*", "*/", "\"'`", 0, 0, 0, 0, 0 },
	{ "Rust", rs_words, "//", "/*", "*/", "\"", 0, 0, 0, 0, 0 },
	{ "Shell", sh_words, "#", NULL, NULL, "\"'", 1, 0, 0, 0, 0 },
	{ "Makefile", mk_words, "#", NULL, NULL, "\"", 1, 0, 0, 0, 0 },
	{ "YAML", data_words, "#", NULL, NULL, "\"'", 1, 0, 0, 1, 0 },
	{ "JSON", data_words, NULL, NULL, NULL, "\"", 0, 0, 0, 0, 0 },
	{ "Markdown", NULL, NULL, NULL, NULL, "", 0, 0, 0, 0, 1 },
};

enum { L_C, L_PY, L_JS, L_GO, L_RS, L_SH, L_MK, L_YAML, L_JSON, L_MD };

static const struct {
	const char *suffix; /* ".c", or a whole name ("Makefile") */
	int lang;
} by_name[] = {
	{ ".c", L_C }, { ".h", L_C }, { ".cc", L_C }, { ".cpp", L_C }, { ".cxx", L_C },
	{ ".hpp", L_C }, { ".hh", L_C }, { ".hxx", L_C }, { ".py", L_PY }, { ".pyi", L_PY },
	{ ".js", L_JS }, { ".mjs", L_JS }, { ".cjs", L_JS }, { ".jsx", L_JS }, { ".ts", L_JS },
	{ ".tsx", L_JS }, { ".go", L_GO }, { ".rs", L_RS }, { ".sh", L_SH }, { ".bash", L_SH },
	{ ".zsh", L_SH }, { ".bashrc", L_SH }, { ".profile", L_SH }, { "Makefile", L_MK },
	{ "makefile", L_MK }, { "GNUmakefile", L_MK }, { ".mk", L_MK }, { ".yaml", L_YAML },
	{ ".yml", L_YAML }, { ".json", L_JSON }, { ".md", L_MD }, { ".markdown", L_MD },
};

const struct syn_lang *syntax_for_path(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');

	for (size_t i = 0; i < sizeof by_name / sizeof by_name[0]; i++) {
		const char *s = by_name[i].suffix;
		if (s[0] == '.' ? dot && strcasecmp(dot, s) == 0 : strcmp(base, s) == 0)
			return &langs[by_name[i].lang];
	}
	return NULL;
}

const char *syntax_name(const struct syn_lang *lang)
{
	return lang ? lang->name : "plain text";
}

/* Where spans go while a line is scanned. */
struct scan {
	struct syn_span *spans;
	size_t max, n;
};

static void emit(struct scan *s, size_t start, size_t end, enum syn_kind kind)
{
	if (s->spans && s->n < s->max && end > start)
		s->spans[s->n++] = (struct syn_span){ start, end - start, kind };
}

static int is_ident(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
	       (unsigned char)c >= 0x80;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int starts(const char *line, size_t len, size_t i, const char *word)
{
	size_t n = word ? strlen(word) : 0;
	return n && i + n <= len && memcmp(line + i, word, n) == 0;
}

/* Index just past needle at or after i, or len + 1 when not found. */
static size_t find_end(const char *line, size_t len, size_t i, const char *needle)
{
	for (; i < len; i++)
		if (starts(line, len, i, needle))
			return i + strlen(needle);
	return len + 1;
}

static int is_keyword(const struct syn_lang *lang, const char *word, size_t n)
{
	for (const char *const *k = lang->keywords; k && *k; k++)
		if (strlen(*k) == n && memcmp(*k, word, n) == 0)
			return 1;
	return 0;
}

static int markdown_line(int state, const char *line, size_t len, struct scan *s)
{
	if (starts(line, len, 0, "```") || starts(line, len, 0, "~~~")) {
		emit(s, 0, len, SYN_STRING);
		return state == SYN_IN_FENCE ? SYN_NORMAL : SYN_IN_FENCE;
	}
	if (state == SYN_IN_FENCE) {
		emit(s, 0, len, SYN_STRING);
		return state;
	}
	size_t h = 0;
	while (h < len && h < 6 && line[h] == '#')
		h++;
	if (h && (h == len || line[h] == ' '))
		emit(s, 0, len, SYN_KEYWORD);
	return SYN_NORMAL;
}

/* Finishes a comment or string left open by the previous line; returns
 * where scanning goes on, with *state updated (still open: len). */
static size_t resume(const struct syn_lang *lang, int *state, const char *line, size_t len,
		     struct scan *s)
{
	const char *close = *state == SYN_IN_COMMENT ? lang->block_close
			    : *state == SYN_IN_STRING3 ? "\"\"\"" : "'''";
	size_t end = find_end(line, len, 0, close);

	emit(s, 0, end > len ? len : end, *state == SYN_IN_COMMENT ? SYN_COMMENT : SYN_STRING);
	if (end > len)
		return len;
	*state = SYN_NORMAL;
	return end;
}

/* The "#include" of a C line, if any; returns where scanning goes on. */
static size_t preproc(const char *line, size_t len, struct scan *s)
{
	size_t i = 0;

	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (i == len || line[i] != '#')
		return 0;
	size_t start = i++;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	while (i < len && is_ident(line[i]))
		i++;
	emit(s, start, i, SYN_KEYWORD);
	return i;
}

/* A YAML mapping key at the start of the line ("  - name: x"). */
static size_t yaml_key(const char *line, size_t len, struct scan *s)
{
	size_t i = 0;

	while (i < len && (line[i] == ' ' || line[i] == '-'))
		i++;
	size_t start = i;
	while (i < len && (is_ident(line[i]) || line[i] == '-' || line[i] == '.'))
		i++;
	if (i > start && i < len && line[i] == ':' && (i + 1 == len || line[i + 1] == ' ')) {
		emit(s, start, i, SYN_KEYWORD);
		return i;
	}
	return 0;
}

static size_t number(const char *line, size_t len, size_t i)
{
	int hex = starts(line, len, i, "0x") || starts(line, len, i, "0X");
	size_t j = i;

	while (j < len) {
		char c = line[j];
		if (is_ident(c) || c == '.')
			j++;
		else if ((c == '+' || c == '-') && !hex && (line[j - 1] == 'e' || line[j - 1] == 'E'))
			j++;
		else
			break;
	}
	return j;
}

/* One token at i (a comment, string, number or word); returns the index
 * past it, and may leave a comment or string open in *state. */
static size_t token(const struct syn_lang *lang, int *state, const char *line, size_t len, size_t i,
		    struct scan *s)
{
	char c = line[i];

	if (starts(line, len, i, lang->block_open)) {
		size_t end = find_end(line, len, i + strlen(lang->block_open), lang->block_close);
		emit(s, i, end > len ? len : end, SYN_COMMENT);
		if (end > len)
			*state = SYN_IN_COMMENT;
		return end > len ? len : end;
	}
	if (starts(line, len, i, lang->line_comment) &&
	    !(lang->hash_at_word && i > 0 && line[i - 1] != ' ' && line[i - 1] != '\t')) {
		emit(s, i, len, SYN_COMMENT);
		return len;
	}
	if (lang->triple && (starts(line, len, i, "\"\"\"") || starts(line, len, i, "'''"))) {
		size_t end = find_end(line, len, i + 3, c == '"' ? "\"\"\"" : "'''");
		emit(s, i, end > len ? len : end, SYN_STRING);
		if (end > len)
			*state = c == '"' ? SYN_IN_STRING3 : SYN_IN_STRING3_SQ;
		return end > len ? len : end;
	}
	if (strchr(lang->quotes, c) && c) {
		size_t j = i + 1;
		while (j < len && line[j] != c)
			j += line[j] == '\\' ? 2 : 1;
		j = j < len ? j + 1 : len;
		emit(s, i, j, SYN_STRING);
		return j;
	}
	if (is_digit(c) && (i == 0 || !is_ident(line[i - 1]))) {
		size_t j = number(line, len, i);
		emit(s, i, j, SYN_NUMBER);
		return j;
	}
	if (is_ident(c)) {
		size_t j = i;
		while (j < len && is_ident(line[j]))
			j++;
		if (s->spans && is_keyword(lang, line + i, j - i))
			emit(s, i, j, SYN_KEYWORD);
		return j;
	}
	return i + 1;
}

int syntax_line(const struct syn_lang *lang, int state, const char *line, size_t len,
		struct syn_span *spans, size_t max, size_t *n)
{
	struct scan s = { spans, max, 0 };
	size_t i = 0;

	if (lang && lang->markdown) {
		state = markdown_line(state, line, len, &s);
	} else if (lang) {
		if (state == SYN_IN_FENCE || (state == SYN_IN_COMMENT && !lang->block_close) ||
		    (state >= SYN_IN_STRING3 && !lang->triple))
			state = SYN_NORMAL; /* a state no longer possible: start afresh */
		if (state != SYN_NORMAL)
			i = resume(lang, &state, line, len, &s);
		else if (lang->preproc)
			i = preproc(line, len, &s);
		else if (lang->yaml_keys)
			i = yaml_key(line, len, &s);
		while (i < len)
			i = token(lang, &state, line, len, i, &s);
	}
	if (n)
		*n = s.n;
	return lang ? state : SYN_NORMAL;
}
