/* plan-share: which plan files depend on each other, and the files shared
 * among coders along those lines.
 *
 * A file depends on the files its purpose mentions, and the files named on
 * one line of the interfaces depend on each other. A mention is the path,
 * the base name ("calc.py") or the base name less its extension ("calc",
 * as in "calc.add"), as a whole word: "test_calc.py" does not mention
 * "calc.py". Tests go with what they test, a C header with its source.
 * Mentions err towards linking: two files wrongly kept together cost some
 * parallelism, two wrongly apart cost a broken interface.
 *
 * The groups (union-find) are dealt out largest first to the least loaded
 * coder, with every tie broken by plan order, so one plan always gives the
 * same shares. */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "orch/plan-impl.h"

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Length of the base name less its extension (".gitignore" keeps its). */
static size_t stem_len(const char *base)
{
	const char *dot = strrchr(base, '.');

	return dot && dot != base ? (size_t)(dot - base) : strlen(base);
}

static int word_char(char c)
{
	return ascii_alnum((unsigned char)c) || c == '_' || c == '-' || (unsigned char)c >= 0x80;
}

/* tok (k bytes) occurs in text as a whole word; a stem must not follow a
 * dot ("os.path" is not path.py) but may be followed by one ("calc.add"). */
static int has_word(const char *text, size_t n, const char *tok, size_t k, int stem)
{
	const char *end = text + n, *s = text;

	if (k == 0)
		return 0;
	while ((s = memmem(s, (size_t)(end - s), tok, k)) != NULL) {
		char before = s > text ? s[-1] : ' ';
		char after = s + k < end ? s[k] : ' ';
		if (!word_char(before) && !(stem && before == '.') && !word_char(after))
			return 1;
		s++;
	}
	return 0;
}

static int mentions(const char *text, size_t n, const struct plan_file *f)
{
	const char *base = base_name(f->path);
	size_t stem = stem_len(base);

	return has_word(text, n, f->path, strlen(f->path), 0) ||
	       has_word(text, n, base, strlen(base), 0) ||
	       (stem >= 2 && has_word(text, n, base, stem, 1));
}

static void mark_line(const struct plan *p, const char *s, size_t n, unsigned char *uses)
{
	size_t nf = p->nfiles;
	unsigned char *named = xcalloc(nf ? nf : 1, 1);

	for (size_t i = 0; i < nf; i++)
		named[i] = (unsigned char)mentions(s, n, &p->files[i]);
	for (size_t i = 0; i < nf; i++)
		for (size_t j = 0; named[i] && j < nf; j++)
			if (named[j] && i != j)
				uses[i * nf + j] = 1;
	free(named);
}

void plan_link(struct plan *p)
{
	size_t nf = p->nfiles;
	unsigned char *uses = xcalloc(nf ? nf * nf : 1, 1);
	const char *s = p->interfaces, *end = s + strlen(s);
	struct span l;

	for (size_t i = 0; i < nf; i++) {
		const char *purpose = p->files[i].purpose;
		for (size_t j = 0; j < nf; j++)
			if (i != j && mentions(purpose, strlen(purpose), &p->files[j]))
				uses[i * nf + j] = 1;
	}
	while (reply_next_line(&s, end, &l))
		mark_line(p, l.s, l.n, uses);
	for (size_t i = 0; i < nf; i++) {
		struct plan_file *f = &p->files[i];
		for (size_t j = 0; j < nf; j++) {
			if (!uses[i * nf + j])
				continue;
			f->uses = xreallocarray(f->uses, f->nuses + 1, sizeof *f->uses);
			f->uses[f->nuses++] = j;
		}
	}
	free(uses);
}

/* --- tests and their subjects --- */

static int ends_with(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);

	return n > k && memcmp(s + n - k, lit, k) == 0;
}

static int in_test_dir(const char *path)
{
	const char *base = base_name(path);

	for (const char *d = path; d < base;) {
		const char *slash = strchr(d, '/');
		struct span dir = { d, (size_t)(slash - d) };
		if (reply_one_of(dir, "test|tests|__tests__|spec"))
			return 1;
		d = slash + 1;
	}
	return 0;
}

/* The stem a test file tests ("calc" for test_calc.py, calc_test.go,
 * calc.test.js, CalcTest.java, tests/calc.py) in *subject; 0 when the
 * file is not a test. */
static int test_subject(const char *path, const char **subject, size_t *n)
{
	static const char *const suffixes[] = { "_test", "-test", ".test", "_spec", "-spec",
						".spec", "_tests", "Test", "Tests" };
	const char *base = base_name(path);
	size_t k = stem_len(base);

	if (k > 5 && (strncmp(base, "test_", 5) == 0 || strncmp(base, "test-", 5) == 0)) {
		*subject = base + 5, *n = k - 5;
		return 1;
	}
	for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
		if (ends_with(base, k, suffixes[i])) {
			*subject = base, *n = k - strlen(suffixes[i]);
			return 1;
		}
	}
	*subject = base, *n = k;
	return in_test_dir(path);
}

/* File b is what test file a tests. */
static int tests(const char *a, const char *b)
{
	const char *subject, *s;
	size_t n, k;

	if (!test_subject(a, &subject, &n) || test_subject(b, &s, &k))
		return 0;
	return n == k && strncmp(subject, s, n) == 0;
}

/* calc.h and calc.c (or .hpp and .cpp) in one directory. */
static int companions(const char *a, const char *b)
{
	static const char c_family[] = "c|h|cc|cpp|cxx|hh|hpp|hxx|m|mm";
	const char *ba = base_name(a), *bb = base_name(b);
	size_t ka = stem_len(ba), kb = stem_len(bb);

	if (ba - a != bb - b || strncmp(a, b, (size_t)(ba - a)) != 0 || ka != kb ||
	    strncmp(ba, bb, ka) != 0 || !ba[ka] || !bb[kb])
		return 0;
	const char *ea = ba + ka + 1, *eb = bb + kb + 1;
	return reply_one_of((struct span){ ea, strlen(ea) }, c_family) &&
	       reply_one_of((struct span){ eb, strlen(eb) }, c_family);
}

/* --- the groups --- */

static size_t find(size_t *parent, size_t i)
{
	while (parent[i] != i) {
		parent[i] = parent[parent[i]];
		i = parent[i];
	}
	return i;
}

/* The lower index is the root: a group is named by its first file. */
static void join(size_t *parent, size_t a, size_t b)
{
	a = find(parent, a);
	b = find(parent, b);
	if (a < b)
		parent[b] = a;
	else if (b < a)
		parent[a] = b;
}

static void build_groups(const struct plan *p, size_t *parent)
{
	for (size_t i = 0; i < p->nfiles; i++)
		parent[i] = i;
	for (size_t i = 0; i < p->nfiles; i++) {
		const struct plan_file *f = &p->files[i];
		for (size_t k = 0; k < f->nuses; k++)
			join(parent, i, f->uses[k]);
		for (size_t j = 0; j < p->nfiles; j++)
			if (i != j && (tests(f->path, p->files[j].path) ||
				       companions(f->path, p->files[j].path)))
				join(parent, i, j);
	}
}

int plan_share(const struct plan *p, int coders, int *owner)
{
	size_t nf = p->nfiles;
	size_t *parent, *size, *load;
	int busy = 0;

	if (coders < 1)
		coders = 1;
	if (nf == 0)
		return 0;
	parent = xcalloc(nf, sizeof *parent);
	size = xcalloc(nf, sizeof *size);
	load = xcalloc((size_t)coders, sizeof *load);
	build_groups(p, parent);
	for (size_t i = 0; i < nf; i++)
		size[find(parent, i)]++;
	/* Deal the groups out: each round, the largest left (first in plan
	 * order on a tie) to the coder with the fewest files. */
	for (;;) {
		size_t g = nf;
		for (size_t i = 0; i < nf; i++)
			if (size[i] && (g == nf || size[i] > size[g]))
				g = i;
		if (g == nf)
			break;
		int c = 0;
		for (int k = 1; k < coders; k++)
			if (load[k] < load[c])
				c = k;
		busy += load[c] == 0;
		load[c] += size[g];
		size[g] = 0;
		for (size_t i = 0; i < nf; i++)
			if (find(parent, i) == g)
				owner[i] = c;
	}
	free(parent);
	free(size);
	free(load);
	return busy;
}
