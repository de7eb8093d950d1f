/* ignore: .gitignore rules. fnmatch(3) matches one path segment ("*", "?",
 * "[..]", backslash escapes); what fnmatch cannot do, "**" spanning
 * directories, is done here segment by segment. Rules are checked from the
 * deepest .gitignore up, last rule first, so the first hit decides: that is
 * git's "the last matching pattern wins, deeper files override". */
#include "ignore.h"

#include <fnmatch.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xmalloc.h"

#define IGNORE_FILE_MAX (1 << 20) /* a bigger .gitignore is read this far */
#define IGNORE_PATH_MAX 4096

static uint64_t ignore_hash(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

/* The slot for dir[0..len): its entry, or the free slot where it goes. */
static struct ignore_dir *ignore_slot(struct ignore *ig, const char *dir, size_t len)
{
	size_t i = (size_t)ignore_hash(dir, len) & (ig->cap - 1);

	while (ig->slots[i].dir &&
	       !(strlen(ig->slots[i].dir) == len && memcmp(ig->slots[i].dir, dir, len) == 0))
		i = (i + 1) & (ig->cap - 1);
	return &ig->slots[i];
}

static void ignore_grow(struct ignore *ig)
{
	struct ignore_dir *old = ig->slots;
	size_t old_cap = ig->cap;

	ig->cap = old_cap ? old_cap * 2 : 64;
	ig->slots = xcalloc(ig->cap, sizeof *ig->slots);
	for (size_t i = 0; i < old_cap; i++)
		if (old[i].dir)
			*ignore_slot(ig, old[i].dir, strlen(old[i].dir)) = old[i];
	free(old);
}

void ignore_init(struct ignore *ig, const char *root)
{
	memset(ig, 0, sizeof *ig);
	ig->root = root ? xstrdup(root) : NULL;
	ignore_grow(ig);
}

static void ignore_rules_free(struct ignore_dir *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->rules[i].pat);
	free(d->rules);
	d->rules = NULL;
	d->n = 0;
}

void ignore_free(struct ignore *ig)
{
	for (size_t i = 0; i < ig->cap; i++) {
		if (ig->slots[i].dir) {
			ignore_rules_free(&ig->slots[i]);
			free(ig->slots[i].dir);
		}
	}
	free(ig->slots);
	free(ig->root);
	memset(ig, 0, sizeof *ig);
}

/* One line of a .gitignore into a rule; 0 for blank lines and comments. */
static int ignore_parse_line(const char *line, size_t len, struct ignore_rule *r)
{
	if (len && line[len - 1] == '\r')
		len--;
	/* Trailing spaces go, unless escaped with a backslash. */
	while (len && line[len - 1] == ' ' && !(len >= 2 && line[len - 2] == '\\'))
		len--;
	if (len == 0 || line[0] == '#')
		return 0;
	memset(r, 0, sizeof *r);
	if (line[0] == '!') {
		r->negate = 1;
		line++;
		len--;
	}
	if (len && line[len - 1] == '/') {
		r->dir_only = 1;
		len--;
	}
	if (memchr(line, '/', len))
		r->anchored = 1;
	if (len && line[0] == '/') {
		line++;
		len--;
	}
	if (len == 0)
		return 0;
	r->pat = xstrndup(line, len);
	return 1;
}

static void ignore_parse(struct ignore_dir *d, const char *text, size_t len)
{
	const char *end = text + len;

	while (text < end) {
		const char *nl = memchr(text, '\n', (size_t)(end - text));
		size_t n = nl ? (size_t)(nl - text) : (size_t)(end - text);
		struct ignore_rule r;
		if (ignore_parse_line(text, n, &r)) {
			d->rules = xreallocarray(d->rules, d->n + 1, sizeof *d->rules);
			d->rules[d->n++] = r;
		}
		text += n + (nl != NULL);
	}
}

/* The entry for dir, created (and its .gitignore read) on first use. */
static struct ignore_dir *ignore_dir_get(struct ignore *ig, const char *dir, size_t len, int read)
{
	struct ignore_dir *d = ignore_slot(ig, dir, len);

	if (d->dir)
		return d;
	if ((ig->count + 1) * 2 > ig->cap) {
		ignore_grow(ig);
		d = ignore_slot(ig, dir, len);
	}
	d->dir = xstrndup(dir, len);
	ig->count++;
	if (!read || ig->root == NULL)
		return d;
	char *path = len ? xasprintf("%s/%.*s/.gitignore", ig->root, (int)len, dir)
			 : xasprintf("%s/.gitignore", ig->root);
	FILE *f = fopen(path, "r");
	free(path);
	if (f) { /* as big as it is, up to IGNORE_FILE_MAX */
		struct buf text = BUF_INIT;
		char chunk[8192];
		size_t n;
		while (text.len < IGNORE_FILE_MAX && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
			buf_append(&text, chunk, n);
		fclose(f);
		ignore_parse(d, text.data ? text.data : "", text.len);
		buf_free(&text);
	}
	return d;
}

void ignore_add(struct ignore *ig, const char *dir, const char *text, size_t len)
{
	struct ignore_dir *d = ignore_dir_get(ig, dir, strlen(dir), 0);

	ignore_rules_free(d);
	ignore_parse(d, text, len);
}

/* One segment of pat against one of path (each up to '/' or the end). */
static int ignore_segment(const char *pat, size_t plen, const char *path, size_t len)
{
	char p[IGNORE_PATH_MAX], s[IGNORE_PATH_MAX];

	if (plen >= sizeof p || len >= sizeof s)
		return 0;
	memcpy(p, pat, plen);
	p[plen] = '\0';
	memcpy(s, path, len);
	s[len] = '\0';
	return fnmatch(p, s, 0) == 0;
}

int ignore_glob(const char *pat, const char *path)
{
	if (pat[0] == '*' && pat[1] == '*' && (pat[2] == '/' || pat[2] == '\0')) {
		if (pat[2] == '\0')
			return path[0] != '\0'; /* "dir/ **": everything inside */
		for (const char *p = path;; p++) { /* zero or more directories */
			if (ignore_glob(pat + 3, p))
				return 1;
			p = strchr(p, '/');
			if (p == NULL)
				return 0;
		}
	}
	const char *pe = strchr(pat, '/'), *se = strchr(path, '/');
	size_t plen = pe ? (size_t)(pe - pat) : strlen(pat);
	size_t slen = se ? (size_t)(se - path) : strlen(path);

	if (!ignore_segment(pat, plen, path, slen))
		return 0;
	if (pe == NULL || se == NULL)
		return pe == NULL && se == NULL;
	return ignore_glob(pe + 1, se + 1);
}

static int ignore_rule_hits(const struct ignore_rule *r, const char *sub, int is_dir)
{
	if (r->dir_only && !is_dir)
		return 0;
	if (r->anchored)
		return ignore_glob(r->pat, sub);
	const char *base = strrchr(sub, '/');
	return fnmatch(r->pat, base ? base + 1 : sub, 0) == 0;
}

int ignore_match(struct ignore *ig, const char *relpath, int is_dir)
{
	/* Each parent directory, deepest first, with relpath relative to it. */
	for (size_t end = strlen(relpath);;) {
		size_t cut = end; /* just past the last '/' before end, or 0 */
		while (cut > 0 && relpath[cut - 1] != '/')
			cut--;
		size_t dlen = cut ? cut - 1 : 0;
		struct ignore_dir *d = ignore_dir_get(ig, relpath, dlen, 1);
		for (size_t i = d->n; i-- > 0;)
			if (ignore_rule_hits(&d->rules[i], relpath + cut, is_dir))
				return !d->rules[i].negate;
		if (cut == 0)
			return 0;
		end = dlen;
	}
}
