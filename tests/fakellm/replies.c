/* replies: the scripted reply sequences and which one an answer takes.
 *
 * Tests give different requests different replies so one server can play a
 * whole conversation, or several agents at once: the default sequence
 * (--reply, --reply-file, --tokens), one per --replies-for MODEL, one per
 * --reply-when TEXT. Every reply is cut into tokens here once, before any
 * connection thread starts; afterwards only the sequences' atomic counters
 * change, so reply_pick is safe from any thread. */
#include "fakellm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct fbuf b = {0};
	char tmp[8192];
	size_t n;

	if (!f) {
		fprintf(stderr, "fakellm: cannot read reply file %s: ", path);
		perror(NULL);
		return NULL;
	}
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		fbuf_add(&b, tmp, n);
	fbuf_add(&b, "", 0);
	fclose(f);
	*len = b.len;
	return b.p;
}

static void reply_from_text(struct reply *r, const char *text)
{
	r->tok = tokens_split(text, strlen(text), &r->ntok);
}

static int reply_from_file(struct reply *r, const char *file)
{
	size_t len;
	char *buf = read_file(file, &len);

	if (!buf)
		return -1;
	r->tok = tokens_split(buf, len, &r->ntok);
	free(buf);
	return 0;
}

static bool same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* The sequence of (kind, key), made on first use, so the table keeps the
 * order of first appearance on the command line. (It may move: no pointer
 * into it is kept across calls.) */
static struct reply_seq *seq_get(enum seq_kind kind, const char *key)
{
	for (size_t i = 0; i < fl_opt.nseqs; i++)
		if (fl_opt.seqs[i].kind == kind && same(fl_opt.seqs[i].key, key))
			return &fl_opt.seqs[i];
	fl_opt.seqs = xrealloc(fl_opt.seqs, (fl_opt.nseqs + 1) * sizeof *fl_opt.seqs);
	fl_opt.seqs[fl_opt.nseqs] = (struct reply_seq){.kind = kind, .key = key};
	atomic_init(&fl_opt.seqs[fl_opt.nseqs].served, 0);
	return &fl_opt.seqs[fl_opt.nseqs++];
}

static struct reply *seq_add(struct reply_seq *q)
{
	q->r = xrealloc(q->r, (q->n + 1) * sizeof *q->r);
	q->r[q->n] = (struct reply){0};
	return &q->r[q->n++];
}

/* seqs[0] is the default sequence: --tokens, else --reply, else the
 * --reply-file files, else the built-in text. */
int replies_setup(const char *reply, const struct reply_arg *ra, size_t nra, int ntokens)
{
	struct reply_seq *def = seq_get(SEQ_DEFAULT, NULL);
	bool files = false;

	for (size_t i = 0; i < nra; i++)
		files |= ra[i].kind == SEQ_DEFAULT;
	if (ntokens >= 0) {
		struct reply *r = seq_add(def);

		r->tok = tokens_numbered((size_t)ntokens, &r->ntok);
	} else if (reply || !files) {
		reply_from_text(seq_add(def), reply ? reply : "Hello from the fake model.\n");
	}
	for (size_t i = 0; i < nra; i++) {
		struct reply_seq *q = seq_get(ra[i].kind, ra[i].key);

		if (q->kind == SEQ_DEFAULT && ntokens >= 0)
			continue; /* --tokens replaces the default sequence */
		if (reply_from_file(seq_add(q), ra[i].file) < 0)
			return -1;
	}
	return 0;
}

void replies_free(void)
{
	for (size_t i = 0; i < fl_opt.nseqs; i++) {
		for (size_t j = 0; j < fl_opt.seqs[i].n; j++)
			tokens_free(fl_opt.seqs[i].r[j].tok, fl_opt.seqs[i].r[j].ntok);
		free(fl_opt.seqs[i].r);
	}
	free(fl_opt.seqs);
}

/* "KEY=FILE" for --replies-for (split at the first '=': model names have
 * none) and --reply-when (at the last: the text may have some); both parts
 * non-empty. s is cut in place. */
int reply_arg_parse(char *s, enum seq_kind kind, struct reply_arg *out)
{
	char *eq = kind == SEQ_WHEN ? strrchr(s, '=') : strchr(s, '=');

	if (!eq || eq == s || eq[1] == '\0') {
		fprintf(stderr, "fakellm: %s wants %s=FILE, not '%s'\n",
			kind == SEQ_WHEN ? "--reply-when" : "--replies-for",
			kind == SEQ_WHEN ? "TEXT" : "MODEL", s);
		return -1;
	}
	*eq = '\0';
	*out = (struct reply_arg){.kind = kind, .key = s, .file = eq + 1};
	return 0;
}

/* The first --reply-when sequence whose text the prompt contains, else the
 * body's "model"'s (--replies-for), else the default one; each call takes
 * the sequence's next reply, the last one once it runs out. */
const struct reply *reply_pick(const cJSON *body)
{
	const cJSON *model = cJSON_GetObjectItemCaseSensitive(body, "model");
	struct reply_seq *q = NULL;
	char *prompt = NULL;
	size_t k;

	for (size_t i = 1; i < fl_opt.nseqs && !q; i++) {
		const struct reply_seq *s = &fl_opt.seqs[i];

		if (s->kind != SEQ_WHEN)
			continue;
		if (!prompt)
			prompt = prompt_text(body);
		if (strstr(prompt, s->key))
			q = &fl_opt.seqs[i];
	}
	free(prompt);
	for (size_t i = 1; i < fl_opt.nseqs && !q && cJSON_IsString(model); i++)
		if (fl_opt.seqs[i].kind == SEQ_MODEL && strcmp(fl_opt.seqs[i].key, model->valuestring) == 0)
			q = &fl_opt.seqs[i];
	if (!q)
		q = &fl_opt.seqs[0];
	k = atomic_fetch_add(&q->served, 1);
	return &q->r[k < q->n ? k : q->n - 1];
}
