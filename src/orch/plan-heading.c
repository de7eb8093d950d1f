/* plan-heading: the lines that start a section of a plan and which
 * section their title names: a markdown heading ("## 2. Interfaces"), a
 * bold line ("**Files:**", "**Run:** `make test`") or a label ("Files:",
 * "Run command: make test").
 *
 * A heading always starts a section, even one the plan does not use
 * ("## Notes"): the text under it is not the previous section's. A label
 * is only a label when its title names a section, since prose and
 * interface text are full of "word: text" lines ("Returns: the sum",
 * "Commands: add, list"). */
#include <string.h>

#include "orch/plan-impl.h"

static int word_prefix(struct span w, const char *lit)
{
	size_t k = strlen(lit);

	if (w.n < k)
		return 0;
	for (size_t i = 0; i < k; i++)
		if (ascii_lower(w.s[i]) != lit[i])
			return 0;
	return 1;
}

/* The next word of letters and digits in *t, taken off it. */
static struct span next_word(struct span *t)
{
	size_t i = 0, k;

	while (i < t->n && !ascii_alnum((unsigned char)t->s[i]))
		i++;
	k = i;
	while (k < t->n && ascii_alnum((unsigned char)t->s[k]))
		k++;
	struct span w = { t->s + i, k - i };
	span_skip(t, k);
	return w;
}

/* The first of the words "interface", "file", "run" the title holds
 * decides: "Interfaces between files" is about interfaces, "Files and
 * their interfaces" about files. "Command" counts only as a short title
 * ("Test command"): "Commands" in prose is a program's, not ours. */
static enum plan_section title_section(struct span t)
{
	size_t words = 0;
	struct span w, last = { NULL, 0 };

	while ((w = next_word(&t)).n) {
		words++;
		last = w;
		if (word_prefix(w, "interface"))
			return SEC_IFACE;
		if (reply_one_of(w, "file|files|structure|layout"))
			return SEC_FILES;
		if (reply_one_of(w, "run|running"))
			return SEC_RUN;
	}
	if (words <= 2 && last.n && reply_one_of(last, "command"))
		return SEC_RUN;
	return SEC_OTHER;
}

/* "## Files", "### 2. Interfaces ##" */
static int atx_heading(struct span l, struct plan_heading *h)
{
	struct span t = l;
	size_t level;

	if (span_skip_run(&t, ' ') > 3)
		return 0;
	level = span_skip_run(&t, '#');
	if (level < 1 || level > 6 || (t.n && !is_blank_char(t.s[0])))
		return 0;
	reply_trim(&t);
	while (t.n && t.s[t.n - 1] == '#')
		t.n--;
	*h = (struct plan_heading){ .kind = HK_ATX, .level = (int)level };
	h->sec = title_section(t);
	h->names_file = plan_names_file(t);
	return 1;
}

/* "**Files**", "**Files:**", "__Run__: make test" */
static int bold_line(struct span l, struct plan_heading *h)
{
	struct span t = l;
	const char *close;
	int colon = 0;

	reply_trim(&t);
	if (t.n < 5 || (memcmp(t.s, "**", 2) != 0 && memcmp(t.s, "__", 2) != 0))
		return 0;
	close = memmem(t.s + 2, t.n - 2, t.s, 2);
	if (close == NULL)
		return 0;
	struct span title = { t.s + 2, (size_t)(close - t.s - 2) };
	struct span after = { close + 2, (size_t)(t.s + t.n - close - 2) };
	reply_trim(&title);
	reply_trim(&after);
	if (title.n && title.s[title.n - 1] == ':')
		colon = 1;
	else if (after.n && after.s[0] == ':') {
		colon = 1;
		span_skip(&after, 1);
		reply_trim(&after);
	}
	/* "**Note** text" is emphasis; "**src/app.py**" names a file */
	if ((after.n && !colon) || plan_names_file(title))
		return 0;
	*h = (struct plan_heading){ .kind = HK_BOLD, .level = 7, .content = after };
	h->sec = title_section(title);
	return !(after.n && h->sec == SEC_OTHER); /* "**Note:** text" is prose */
}

static int label_title(struct span t)
{
	size_t words = 0;

	if (t.n == 0 || t.n > 60 || !ascii_alnum((unsigned char)t.s[0]))
		return 0;
	for (size_t i = 0; i < t.n; i++) {
		unsigned char c = (unsigned char)t.s[i];
		if (!ascii_alnum(c) && c != ' ' && c != '-' && c != ',' && c != '&' && c != '/')
			return 0;
		words += c == ' ' && i + 1 < t.n && t.s[i + 1] != ' ';
	}
	return words < 6;
}

/* "Files:", "Run command: `make test`" */
static int label(struct span l, struct plan_heading *h)
{
	struct span t = l;
	const char *colon;

	reply_trim(&t);
	colon = memchr(t.s, ':', t.n);
	if (colon == NULL)
		return 0;
	struct span title = { t.s, (size_t)(colon - t.s) };
	struct span content = { colon + 1, (size_t)(t.s + t.n - colon - 1) };
	reply_trim(&title);
	reply_trim(&content);
	if (!label_title(title))
		return 0;
	*h = (struct plan_heading){ .kind = HK_LABEL, .level = 7, .content = content };
	h->sec = title_section(title);
	return h->sec != SEC_OTHER;
}

int plan_heading(struct span l, struct plan_heading *h)
{
	return atx_heading(l, h) || bold_line(l, h) || label(l, h);
}
