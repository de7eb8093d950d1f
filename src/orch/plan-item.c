/* plan-item: what one line of a plan is: a heading or label that starts a
 * section, a file item ("- `src/app.py`: purpose", a table row), or prose.
 * Leniency has a limit: a file item starts with one word that looks like
 * a file name once its markdown is taken off, so a bullet of prose
 * ("- Use Python 3.11") is never a file. */
#include <string.h>

#include "base/xmalloc.h"
#include "orch/plan-impl.h"

/* Names without an extension that are files all the same (case matters:
 * "Build" is a word, "BUILD" a Bazel file). */
static const char *const bare_names[] = {
	"Makefile", "makefile", "GNUmakefile", "Dockerfile", "Containerfile",
	"Vagrantfile", "Jenkinsfile", "Procfile", "Gemfile", "Rakefile",
	"Justfile", "justfile", "Pipfile", "Brewfile", "Caddyfile",
	"LICENSE", "COPYING", "README", "CHANGELOG", "AUTHORS", "BUILD", "WORKSPACE",
};

/* Names of things that look like files but are what prose talks about. */
static const char not_files[] = "node.js|vue.js|next.js|nuxt.js|express.js|three.js|d3.js|"
				"chart.js|socket.io|e.g|i.e|a.k.a";

static int span_is(struct span l, const char *lit)
{
	return l.n == strlen(lit) && memcmp(l.s, lit, l.n) == 0;
}

static int starts_with(struct span l, const char *lit)
{
	size_t k = strlen(lit);

	return l.n >= k && memcmp(l.s, lit, k) == 0;
}

char *plan_dup(struct span l)
{
	char *s = xmalloc(l.n + 1);
	size_t k = 0;

	for (size_t i = 0; i < l.n; i++)
		if (l.s[i] != '\0')
			s[k++] = l.s[i];
	s[k] = '\0';
	return s;
}

static int bare_name(struct span p)
{
	for (size_t i = 0; i < sizeof bare_names / sizeof *bare_names; i++)
		if (span_is(p, bare_names[i]))
			return 1;
	return 0;
}

/* The extension names a kind of file: "py", not the "11" of python3.11. */
static int has_extension(struct span p)
{
	const char *dot = NULL;

	for (size_t i = 0; i < p.n; i++)
		if (p.s[i] == '.')
			dot = p.s + i;
	if (dot == NULL)
		return 0;
	for (const char *c = dot + 1; c < p.s + p.n; c++)
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z'))
			return 1;
	return 0;
}

/* One word that names a file. A colon would be a URL or "file:line";
 * '*', '`' and quotes are leftover markdown; ',' and ';' are prose. */
static int path_like(struct span p)
{
	int letter = 0, slash = 0;

	if (p.n == 0 || p.n > REPLY_PATH_MAX)
		return 0;
	for (size_t i = 0; i < p.n; i++) {
		unsigned char c = (unsigned char)p.s[i];
		if (c <= ' ' || c == 0x7f || (c < 0x80 && strchr("`*\"'<>|:,;?", c) != NULL))
			return 0;
		letter |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
		slash |= c == '/';
	}
	char last = p.s[p.n - 1];
	if (!letter || last == '.' || last == '/' || reply_one_of(p, not_files))
		return 0;
	return slash || has_extension(p) || bare_name(p);
}

int plan_skip_bullet(struct span *l)
{
	size_t k = 0;

	if (starts_with(*l, "\u2022")) /* • */
		k = strlen("\u2022");
	else if (l->n && (l->s[0] == '-' || l->s[0] == '*' || l->s[0] == '+'))
		k = 1;
	else {
		while (k < l->n && k < 4 && l->s[k] >= '0' && l->s[k] <= '9')
			k++;
		if (k == 0 || k == 4 || k == l->n || (l->s[k] != '.' && l->s[k] != ')'))
			return 0;
		k++;
	}
	if (k < l->n && !is_blank_char(l->s[k]))
		return 0;
	span_skip(l, k);
	reply_trim(l);
	/* a task list's box: "- [ ] src/app.py" */
	if (starts_with(*l, "[ ] ") || starts_with(*l, "[x] ") || starts_with(*l, "[X] ")) {
		span_skip(l, 4);
		reply_trim(l);
	}
	return 1;
}

/* A closing mark ends a word: "__init__.py" is a name, not bold "init". */
static int mark_ends(const char *after, const char *end)
{
	return after == end || (!ascii_alnum((unsigned char)*after) && *after != '.' &&
				*after != '/' && *after != '_' && *after != '-');
}

/* *w starts with markdown around a word (bold, code, quotes, a link's
 * text): *w becomes the inside, *after what follows the closing mark. */
static int unwrap(struct span *w, struct span *after)
{
	static const char *const marks[] = { "**", "__", "`", "\"", "'", "*" };

	if (starts_with(*w, "[")) {
		const char *close = memmem(w->s, w->n, "](", 2);
		const char *end = close ? memchr(close, ')', (size_t)(w->s + w->n - close)) : NULL;
		if (end == NULL)
			return 0;
		*after = (struct span){ end + 1, (size_t)(w->s + w->n - end - 1) };
		*w = (struct span){ w->s + 1, (size_t)(close - w->s - 1) };
		return 1;
	}
	for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
		size_t k = strlen(marks[i]);
		if (w->n <= k || !starts_with(*w, marks[i]))
			continue;
		const char *close = memmem(w->s + k, w->n - k, marks[i], k);
		if (close == NULL || !mark_ends(close + k, w->s + w->n))
			return 0;
		*after = (struct span){ close + k, (size_t)(w->s + w->n - close - k) };
		*w = (struct span){ w->s + k, (size_t)(close - w->s - k) };
		return 1;
	}
	return 0;
}

static int chop_colon(struct span *w)
{
	if (w->n && w->s[w->n - 1] == ':') {
		w->n--;
		return 1;
	}
	return 0;
}

/* The first word of *rest, less its markdown, into *w; *rest becomes what
 * follows. Returns 1 when a colon ended the word ("**app.py:**"). */
static int take_word(struct span *rest, struct span *w)
{
	struct span after, inner;
	int wrapped = 0, colon = 0;

	*w = *rest;
	while (unwrap(w, wrapped ? &inner : &after)) {
		wrapped = 1;
		reply_trim(w);
		colon |= chop_colon(w);
	}
	if (wrapped) {
		*rest = after;
		return colon;
	}
	size_t k = 0;
	while (k < rest->n && !is_blank_char(rest->s[k]) && rest->s[k] != ':')
		k++;
	*w = (struct span){ rest->s, k };
	span_skip(rest, k);
	return 0;
}

/* Takes the separator between a path and its purpose off *l. */
static int skip_separator(struct span *l)
{
	static const char *const seps[] = { ":", "\u2014", "\u2013", "->",
					    "\u2192", "=>", "--", "-" };

	reply_trim(l);
	for (size_t i = 0; i < sizeof seps / sizeof *seps; i++) {
		size_t k = strlen(seps[i]);
		if (!starts_with(*l, seps[i]))
			continue;
		/* "-" must stand apart: "-v" is not a separator */
		if (i > 0 && k < l->n && !is_blank_char(l->s[k]))
			continue;
		span_skip(l, k);
		reply_trim(l);
		return 1;
	}
	return 0;
}

static int item_from(struct span rest, char **path, char **purpose)
{
	struct span w;
	int sep = take_word(&rest, &w);

	reply_trim(&w);
	if (!path_like(w))
		return 0;
	sep |= skip_separator(&rest);
	reply_trim(&rest);
	/* "- app.py (the entry point)" */
	if (!sep && rest.n >= 2 && rest.s[0] == '(' && rest.s[rest.n - 1] == ')') {
		span_skip(&rest, 1);
		rest.n--;
		reply_trim(&rest);
	}
	*path = plan_dup(w);
	*purpose = plan_dup(rest);
	return 1;
}

/* The next '|'-separated cell of *row, trimmed. */
static struct span next_cell(struct span *row)
{
	const char *bar = memchr(row->s, '|', row->n);
	size_t k = bar ? (size_t)(bar - row->s) : row->n;
	struct span c = { row->s, k };

	span_skip(row, bar ? k + 1 : k);
	reply_trim(&c);
	return c;
}

static int all_digits(struct span c)
{
	for (size_t i = 0; i < c.n; i++)
		if (c.s[i] < '0' || c.s[i] > '9')
			return 0;
	return c.n > 0;
}

/* "| src/app.py | purpose |", "| 1 | `app.py` | purpose | notes |": the
 * other cells, joined, are the purpose. Header and rule rows fail the
 * path test. */
static int table_row(struct span row, char **path, char **purpose)
{
	struct span cell, w;
	struct buf rest = BUF_INIT;

	span_skip(&row, 1);
	cell = next_cell(&row);
	if (all_digits(cell))
		cell = next_cell(&row);
	take_word(&cell, &w);
	reply_trim(&w);
	if (!path_like(w))
		return 0;
	while (row.n) {
		cell = next_cell(&row);
		if (cell.n == 0)
			continue;
		if (rest.len)
			buf_append_str(&rest, " | ");
		buf_append(&rest, cell.s, cell.n);
	}
	*path = plan_dup(w);
	*purpose = plan_dup((struct span){ rest.data ? rest.data : "", rest.len });
	buf_free(&rest);
	return 1;
}

int plan_file_item(struct span l, int bare, char **path, char **purpose)
{
	reply_trim(&l);
	if (l.n && l.s[0] == '|')
		return table_row(l, path, purpose);
	if (!plan_skip_bullet(&l) && !bare)
		return 0;
	return item_from(l, path, purpose);
}

int plan_names_file(struct span title)
{
	struct span w;

	reply_trim(&title);
	plan_skip_bullet(&title); /* "### 1. `src/app.py`" */
	take_word(&title, &w);
	reply_trim(&w);
	chop_colon(&w);
	reply_trim(&title);
	if (title.n && title.s[0] == ':')
		span_skip(&title, 1);
	return title.n == 0 && path_like(w);
}

struct span plan_command(struct span l)
{
	struct span w = l, after;

	reply_trim(&w);
	if (starts_with(w, "`") && unwrap(&w, &after))
		reply_trim(&w);
	if (starts_with(w, "$ ")) {
		span_skip(&w, 2);
		reply_trim(&w);
	}
	return w;
}
