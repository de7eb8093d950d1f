/* template: rendering "--- ROLE" templates line by line, and finding them
 * (user override, installed copy, compiled-in copy). */
#include "gateway/template.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/paths.h"
#include "base/xmalloc.h"
#include "gateway/template-embedded.h"

static const char *const roles[] = { "system", "user", "assistant" };
#define ROLES_KNOWN "known: system, user, assistant"

/* One rendering in progress. */
struct render {
	const char *src; /* file name for errors */
	const struct tpl_var *vars;
	size_t nvars;
	struct gw_prompt *out;
	char **err;
	size_t line;      /* 1-based number of the line being read */
	const char *role; /* of the message being built; NULL before the first */
	size_t nmessages; /* "--- ROLE" lines seen, whether rendered empty or not */
	struct buf content;
	size_t keep;      /* content length up to the last non-blank template line */
};

/* Sets the error "src:line: what" (what is taken over) and returns -1. */
static int fail(struct render *r, char *what)
{
	*r->err = xasprintf("%s:%zu: %s", r->src, r->line, what);
	free(what);
	return -1;
}

static int is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Narrows [*s, *s + *n) to its text without surrounding spaces and tabs. */
static void trim(const char **s, size_t *n)
{
	while (*n && ((*s)[0] == ' ' || (*s)[0] == '\t'))
		(*s)++, (*n)--;
	while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
		(*n)--;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "prompt, system": the caller's variable names, sorted; allocated. */
static char *known_vars(const struct tpl_var *vars, size_t nvars)
{
	const char **names = xreallocarray(NULL, nvars + 1, sizeof *names);
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < nvars; i++)
		names[i] = vars[i].name;
	qsort(names, nvars, sizeof *names, cmp_names);
	for (size_t i = 0; i < nvars; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
	free(names);
	return nvars ? buf_steal(&b) : xstrdup("none");
}

static int var_name_is_valid(const char *name, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!islower((unsigned char)name[i]) && !isdigit((unsigned char)name[i]) &&
		    name[i] != '_')
			return 0;
	return n > 0;
}

/* The value of the variable between "{{" and "}}", or NULL after an error. */
static const char *var_value(struct render *r, const char *name, size_t n)
{
	trim(&name, &n);
	if (!var_name_is_valid(name, n)) {
		fail(r, xasprintf("bad variable name {{%.*s}}: use a-z, 0-9 and _", (int)n, name));
		return NULL;
	}
	for (size_t i = 0; i < r->nvars; i++)
		if (strlen(r->vars[i].name) == n && memcmp(r->vars[i].name, name, n) == 0)
			return r->vars[i].value ? r->vars[i].value : "";
	char *known = known_vars(r->vars, r->nvars);
	fail(r, xasprintf("unknown variable {{%.*s}}; known: %s", (int)n, name, known));
	free(known);
	return NULL;
}

/* Appends one template line to the message with its variables replaced. */
static int render_line(struct render *r, const char *s, size_t n)
{
	const char *end = s + n;

	while (s < end) {
		const char *open = memmem(s, (size_t)(end - s), "{{", 2);
		if (open == NULL) {
			buf_append(&r->content, s, (size_t)(end - s));
			break;
		}
		buf_append(&r->content, s, (size_t)(open - s));
		const char *name = open + 2;
		const char *close = memmem(name, (size_t)(end - name), "}}", 2);
		if (close == NULL)
			return fail(r, xstrdup("\"{{\" without \"}}\" on the same line"));
		const char *value = var_value(r, name, (size_t)(close - name));
		if (value == NULL)
			return -1;
		buf_append_str(&r->content, value);
		s = close + 2;
	}
	return 0;
}

/* Ends the message being built: trailing blank lines go, and a message of
 * only whitespace is left out. */
static void end_message(struct render *r)
{
	if (r->role == NULL)
		return;
	if (!is_blank(r->content.data, r->keep))
		gw_prompt_add(r->out, r->role, r->content.data, r->keep);
	buf_reset(&r->content);
	r->keep = 0;
}

/* rest: what follows "---" on a message's first line. */
static int start_message(struct render *r, const char *rest, size_t n)
{
	end_message(r);
	trim(&rest, &n);
	if (n == 0)
		return fail(r, xstrdup("\"---\" without a role; " ROLES_KNOWN));
	r->role = NULL;
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (strlen(roles[i]) == n && memcmp(roles[i], rest, n) == 0)
			r->role = roles[i];
	if (r->role == NULL)
		return fail(r, xasprintf("unknown role \"%.*s\"; " ROLES_KNOWN, (int)n, rest));
	r->nmessages++;
	return 0;
}

static int take_line(struct render *r, const char *s, size_t n)
{
	if (n >= 3 && memcmp(s, "---", 3) == 0)
		return start_message(r, s + 3, n - 3);
	if (r->role == NULL) {
		if (is_blank(s, n) || s[0] == '#')
			return 0;
		return fail(r, xstrdup("text before the first \"--- ROLE\" line "
				       "(header lines start with #)"));
	}
	if (render_line(r, s, n) < 0)
		return -1;
	if (!is_blank(s, n))
		r->keep = r->content.len;
	buf_append_char(&r->content, '\n');
	return 0;
}

static int finish(struct render *r)
{
	end_message(r);
	if (r->nmessages == 0) {
		r->line = 1;
		return fail(r, xstrdup("no message: a template is \"--- ROLE\" lines ("
				       "system, user, assistant), each followed by its text"));
	}
	if (r->out->n == 0) {
		*r->err = xasprintf("%s: every message is empty with the values given", r->src);
		return -1;
	}
	return 0;
}

int template_render_text(const char *src_name, const char *text, size_t len,
			 const struct tpl_var *vars, size_t nvars, struct gw_prompt *out,
			 char **err)
{
	struct render r = { .src = src_name, .vars = vars, .nvars = nvars, .out = out, .err = err };
	const char *p = text, *end = text + len;
	int rc = 0;

	*out = (struct gw_prompt)GW_PROMPT_INIT;
	*err = NULL;
	while (rc == 0 && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		if (n && p[n - 1] == '\r')
			n--; /* a template saved with CRLF reads the same */
		r.line++;
		rc = take_line(&r, p, n);
		p = nl ? nl + 1 : end;
	}
	if (rc == 0)
		rc = finish(&r);
	buf_free(&r.content);
	if (rc < 0)
		gw_prompt_free(out);
	return rc;
}

const char *template_builtin(const char *name)
{
	for (const struct embedded_template *e = embedded_templates; e->name; e++)
		if (strcmp(e->name, name) == 0)
			return e->text;
	return NULL;
}

/* A name is a file name, never a path: nothing outside the directories. */
static int name_is_valid(const char *name)
{
	if (*name == '\0')
		return 0;
	for (; *name; name++)
		if (!isalnum((unsigned char)*name) && *name != '-' && *name != '_')
			return 0;
	return 1;
}

/* Renders the template file at path; 1 when there is none, so the lookup
 * goes on to the next place. */
static int render_file(const char *path, const struct tpl_var *vars, size_t nvars,
		       struct gw_prompt *out, char **err)
{
	size_t len;
	char *text = paths_read_file(path, &len);

	if (text == NULL && (errno == ENOENT || errno == ENOTDIR))
		return 1;
	if (text == NULL) {
		*err = paths_error("cannot read template", path);
		return -1;
	}
	int rc = template_render_text(path, text, len, vars, nvars, out, err);
	free(text);
	return rc;
}

static char *not_found(const char *name, const char *user, const char *installed)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "no template \"%s\": no %s nor %s, and none built in (", name, user,
		   installed);
	for (const struct embedded_template *e = embedded_templates; e->name; e++)
		buf_printf(&b, "%s%s", e == embedded_templates ? "" : ", ", e->name);
	buf_append_char(&b, ')');
	return buf_steal(&b);
}

int template_render(const char *name, const struct tpl_var *vars, size_t nvars,
		    struct gw_prompt *out, char **err)
{
	*out = (struct gw_prompt)GW_PROMPT_INIT;
	*err = NULL;
	if (!name_is_valid(name)) {
		*err = xasprintf("bad template name \"%s\": use letters, digits, - and _", name);
		return -1;
	}
	char *dir = paths_xdg(XDG_CONFIG);
	char *user = xasprintf("%s/templates/%s.txt", dir, name);
	char *installed = xasprintf("%s/templates/%s.txt", FAOS_DATADIR, name);
	const char *builtin = template_builtin(name);
	int rc = render_file(user, vars, nvars, out, err);

	if (rc == 1)
		rc = render_file(installed, vars, nvars, out, err);
	if (rc == 1 && builtin != NULL) {
		char *file = xasprintf("%s.txt", name);
		rc = template_render_text(file, builtin, strlen(builtin), vars, nvars, out, err);
		free(file);
	}
	if (rc == 1) {
		*err = not_found(name, user, installed);
		rc = -1;
	}
	free(dir);
	free(user);
	free(installed);
	return rc;
}
