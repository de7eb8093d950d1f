/* apply: a parsed reply checked whole, planned in memory, then written
 * atomically into the workspace; see apply.h.
 *
 * Three passes. check: every change's path and text against the guards.
 * plan: the final state of each file the reply touches, in memory (later
 * changes win, edits apply to what earlier changes left), so the caps can
 * be judged on what would really be written. write: only when nothing was
 * refused, each file through pathguard's O_NOFOLLOW walk and atomic.h.
 *
 * Choices: a DELETE of a file that does not exist is no refusal and is
 * not reported as deleted; a DELETE of a symlink removes the link itself;
 * an edit whose sections partly match applies the matching ones. */
#include "orch/apply.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomic.h"
#include "base/buf.h"
#include "base/xmalloc.h"
#include "orch/edit.h"
#include "orch/pathguard.h"

/* The longest file name written: room for atomic.h's temporary name. */
#define WRITE_NAME_MAX (PATHGUARD_NAME_MAX - 16)

/* The final state of one file of the reply. */
struct entry {
	char *path;             /* resolved: the key and what the report says */
	const char *as_written; /* the model's path of the last change to it */
	int del;                /* removed, else content is written */
	struct buf content;
};

struct apply_plan {
	struct pathguard g;
	const struct reply *r;
	const struct apply_limits *lim;
	struct apply_report *rep;
	char **resolved; /* per change; NULL once refused */
	struct entry *e;
	size_t n;
};

static void push(char ***v, size_t *n, char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = s;
}

/* "refused <path as written>: <why>", taking why. */
static void refuse(struct apply_plan *p, const char *path, char *why)
{
	char *shown = pathguard_show(path);

	push(&p->rep->refused, &p->rep->nrefused, xasprintf("refused %s: %s", shown, why));
	free(shown);
	free(why);
}

static const struct {
	size_t size;
	const char *name;
} units[] = { { 1u << 20, "MiB" }, { 1u << 10, "KiB" }, { 1, "bytes" } };

static size_t unit_of(size_t n)
{
	size_t i = 0;

	while (n < units[i].size && units[i].size > 1)
		i++;
	return i;
}

/* n in a readable unit: "512 bytes", "2.5 KiB"; as a limit, "1 MiB" when
 * exact and "100-byte". */
static char *size_text(size_t n, int limit)
{
	size_t u = unit_of(n);

	if (units[u].size == 1)
		return xasprintf(limit ? "%zu-byte" : "%zu bytes", n);
	if (limit && n % units[u].size == 0)
		return xasprintf("%zu %s", n / units[u].size, units[u].name);
	return xasprintf("%.1f %s", (double)n / (double)units[u].size, units[u].name);
}

/* n and limit in readable units (*a and *b, allocated); n in bytes when
 * rounding would make it look no bigger than the limit ("1.0 MiB is over
 * the 1 MiB limit" reads as a contradiction). */
static void sizes(size_t n, size_t limit, char **a, char **b)
{
	*a = size_text(n, 0);
	*b = size_text(limit, 1);
	if (unit_of(n) == unit_of(limit) && strtod(*a, NULL) <= strtod(*b, NULL)) {
		free(*a);
		*a = xasprintf("%zu bytes", n);
	}
}

/* "2.0 MiB is over the 1 MiB limit per file". */
static char *over_limit(size_t n, size_t limit, const char *per)
{
	char *a, *b;

	sizes(n, limit, &a, &b);
	char *msg = xasprintf("%s is over the %s limit %s", a, b, per);
	free(a);
	free(b);
	return msg;
}

/* Why len bytes of model text cannot be written, or NULL. */
static char *text_problem(const char *s, size_t len)
{
	if (len == 0)
		return NULL;
	const char *nul = memchr(s, '\0', len);
	size_t bad = pathguard_utf8_error(s, len);

	if (nul && (size_t)(nul - s) <= bad)
		return xasprintf("contains a NUL byte (byte %zu); only text files can be written",
				 (size_t)(nul - s) + 1);
	if (bad < len)
		return xasprintf("not valid UTF-8 text (byte %zu)", bad + 1);
	return NULL;
}

/* Why a change of this kind cannot go to what is at the path, or NULL. */
static char *kind_problem(enum reply_kind kind, mode_t mode)
{
	if (S_ISDIR(mode))
		return xstrdup(kind == REPLY_DELETE ? "the path is a directory; DELETE removes files"
						      : "the path is a directory; give a file path");
	if (mode == 0 || S_ISREG(mode) || (kind == REPLY_DELETE && S_ISLNK(mode)))
		return NULL;
	return xstrdup("the path is not a regular file (a device, FIFO or socket)");
}

/* kind_problem, and a name too long to write: atomic.h writes through a
 * temporary ".NAME.tmp-PID" that must itself fit in 255 bytes. */
static char *target_problem(enum reply_kind kind, const char *res, mode_t mode)
{
	const char *slash = strrchr(res, '/');
	size_t n = strlen(slash ? slash + 1 : res);

	if (kind != REPLY_DELETE && n > WRITE_NAME_MAX)
		return xasprintf("the file name is over %d bytes, too long to write safely; "
				 "give a shorter name", WRITE_NAME_MAX);
	return kind_problem(kind, mode);
}

/* The text checks of change i; 0 or -1 once refused. */
static int check_content(struct apply_plan *p, const struct reply_change *c)
{
	char *why;
	int rc = 0;

	if (c->kind == REPLY_FILE && c->len > p->lim->max_file_bytes) {
		refuse(p, c->path, over_limit(c->len, p->lim->max_file_bytes, "per file"));
		rc = -1;
	}
	if (c->kind == REPLY_FILE && (why = text_problem(c->content, c->len)) != NULL) {
		refuse(p, c->path, why);
		rc = -1;
	}
	for (size_t k = 0; c->kind == REPLY_EDIT && k < c->nedits; k++) {
		why = text_problem(c->edits[k].replace, c->edits[k].replace_len);
		if (why) {
			refuse(p, c->path, xasprintf("edit %zu of %zu: REPLACE: %s", k + 1,
						      c->nedits, why));
			free(why);
			rc = -1;
		}
	}
	return rc;
}

/* Pass 1 for change i: path and text. */
static void check_change(struct apply_plan *p, size_t i)
{
	const struct reply_change *c = &p->r->changes[i];
	char *why = NULL, *res = NULL;
	mode_t mode = 0;
	char *norm = pathguard_normalise(c->path, &why);

	if (norm)
		res = pathguard_resolve(&p->g, norm, c->kind != REPLY_DELETE, &mode, &why);
	free(norm);
	if (res && (why = target_problem(c->kind, res, mode)) != NULL) {
		free(res);
		res = NULL;
	}
	if (res == NULL) {
		refuse(p, c->path, why);
		return;
	}
	if (check_content(p, c) < 0) {
		free(res);
		return;
	}
	p->resolved[i] = res;
}

static struct entry *find(struct apply_plan *p, const char *path)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->e[i].path, path) == 0)
			return &p->e[i];
	return NULL;
}

/* The entry of path, made (empty) on first use. */
static struct entry *entry(struct apply_plan *p, const char *path, const char *as_written)
{
	struct entry *e = find(p, path);

	if (e == NULL) {
		p->e = xreallocarray(p->e, p->n + 1, sizeof *p->e);
		e = &p->e[p->n++];
		*e = (struct entry){ .path = xstrdup(path) };
	}
	e->as_written = as_written;
	return e;
}

/* The file at rel on disk into out, *exists 0 when it is missing; -1
 * once refused (a bigger file than the limit cannot be edited). */
static int load(struct apply_plan *p, const char *rel, const char *as_written, struct buf *out,
		int *exists)
{
	size_t size = 0;
	int rc = edit_load(&p->g, rel, p->lim->max_file_bytes, out, &size);
	char *why;

	*exists = rc > 0;
	if (rc >= 0)
		return 0;
	if (errno == EFBIG)
		why = over_limit(size, p->lim->max_file_bytes, "per file");
	else if (errno == EISDIR || errno == EINVAL)
		why = kind_problem(REPLY_EDIT, errno == EISDIR ? S_IFDIR : S_IFIFO);
	else
		why = xasprintf("cannot read it: %s", strerror(errno));
	refuse(p, as_written, why);
	return -1;
}

/* What the file at res holds once the earlier changes are applied. */
static int current(struct apply_plan *p, const char *res, const char *as_written, struct buf *out,
		   int *exists)
{
	struct entry *e = find(p, res);

	if (e == NULL)
		return load(p, res, as_written, out, exists);
	*exists = !e->del;
	buf_append(out, e->content.data ? e->content.data : "", e->content.len);
	return 0;
}

static void plan_edit(struct apply_plan *p, const struct reply_change *c, const char *res)
{
	struct buf text = BUF_INIT;
	int exists;

	if (current(p, res, c->path, &text, &exists) == 0 &&
	    edit_sections(c, &text, &exists, &p->rep->failed, &p->rep->nfailed) > 0) {
		struct entry *e = entry(p, res, c->path);
		buf_free(&e->content);
		e->content = text;
		e->del = 0;
		return;
	}
	buf_free(&text);
}

/* Pass 2: the changes that passed pass 1, in order, into entries. */
static void plan_changes(struct apply_plan *p)
{
	for (size_t i = 0; i < p->r->nchanges; i++) {
		const struct reply_change *c = &p->r->changes[i];
		struct entry *e;
		if (p->resolved[i] == NULL)
			continue;
		if (c->kind == REPLY_EDIT) {
			plan_edit(p, c, p->resolved[i]);
			continue;
		}
		e = entry(p, p->resolved[i], c->path);
		buf_reset(&e->content);
		e->del = c->kind == REPLY_DELETE;
		if (!e->del)
			buf_append(&e->content, c->content, c->len);
	}
}

/* The caps on the planned files, and no file that another one needs as
 * its directory. */
static void check_plan(struct apply_plan *p)
{
	size_t total = 0;

	for (size_t i = 0; i < p->n; i++) {
		struct entry *a = &p->e[i];
		size_t la = strlen(a->path);
		if (a->del)
			continue;
		total += a->content.len;
		if (a->content.len > p->lim->max_file_bytes)
			refuse(p, a->as_written,
			       over_limit(a->content.len, p->lim->max_file_bytes, "per file"));
		for (size_t j = 0; j < p->n; j++)
			if (!p->e[j].del && strncmp(p->e[j].path, a->path, la) == 0 &&
			    p->e[j].path[la] == '/')
				refuse(p, a->as_written,
				       xasprintf("the reply also writes %s, so %s must stay a directory",
						 p->e[j].path, a->path));
	}
	if (total > p->lim->max_total_bytes) {
		char *a, *b;
		sizes(total, p->lim->max_total_bytes, &a, &b);
		push(&p->rep->refused, &p->rep->nrefused,
		     xasprintf("refused the reply: the files come to %s, over the %s limit per "
			       "reply; ask for fewer or smaller files at a time", a, b));
		free(a);
		free(b);
	}
}

/* Pass 3 for one entry. 0, or -1 with the reason in refused. */
static int write_entry(struct apply_plan *p, const struct entry *e)
{
	const char *leaf;
	int dfd = pathguard_open_parent(&p->g, e->path, !e->del, &leaf), rc = dfd < 0 ? -1 : 0;

	if (e->del) {
		if (rc == 0 && unlinkat(dfd, leaf, 0) == 0) {
			rc = atomic_sync_dirfd(dfd);
			push(&p->rep->deleted, &p->rep->ndeleted, xstrdup(e->path));
		} else if (errno == ENOENT) {
			rc = 0; /* already gone: what was asked for */
		} else {
			rc = -1;
		}
	} else if (rc == 0) {
		rc = atomic_write_at(dfd, leaf, e->content.data ? e->content.data : "",
				     e->content.len, 0644, 1);
		if (rc == 0)
			push(&p->rep->written, &p->rep->nwritten, xstrdup(e->path));
	}
	int saved = errno;
	if (dfd >= 0)
		close(dfd);
	if (rc < 0)
		push(&p->rep->refused, &p->rep->nrefused,
		     xasprintf("%s %s: %s", e->del ? "delete" : "write", e->path, strerror(saved)));
	return rc;
}

static void apply_plan_free(struct apply_plan *p)
{
	if (p->resolved == NULL)
		return; /* the workspace never opened: nothing was taken */
	for (size_t i = 0; i < p->r->nchanges; i++)
		free(p->resolved[i]);
	free(p->resolved);
	for (size_t i = 0; i < p->n; i++) {
		free(p->e[i].path);
		buf_free(&p->e[i].content);
	}
	free(p->e);
	pathguard_close(&p->g);
}

/* Passes 1 and 2 of apply_reply: checks every change and plans the files,
 * writing nothing. 0 with the plan in p, -1 when refused. */
static int plan_reply(struct apply_plan *p, const char *workspace)
{
	const struct reply *r = p->r;
	char *err;

	*p->rep = (struct apply_report){ 0 };
	if (pathguard_open(&p->g, workspace, &err) < 0) {
		push(&p->rep->refused, &p->rep->nrefused, err);
		return -1;
	}
	p->resolved = xcalloc(r->nchanges ? r->nchanges : 1, sizeof *p->resolved);
	if (r->nchanges > p->lim->max_files)
		push(&p->rep->refused, &p->rep->nrefused,
		     xasprintf("refused the reply: %zu changes are over the limit of %zu per "
			       "reply; ask for fewer files at a time", r->nchanges, p->lim->max_files));
	for (size_t i = 0; i < r->nchanges; i++)
		check_change(p, i);
	/* Past the count cap the plan is not worth its quadratic cost. */
	if (r->nchanges <= p->lim->max_files) {
		plan_changes(p);
		check_plan(p);
	}
	return p->rep->nrefused ? -1 : 0;
}

int apply_reply(const char *workspace, const struct reply *r, const struct apply_limits *lim,
		struct apply_report *rep)
{
	struct apply_plan p = { .r = r, .lim = lim, .rep = rep };
	int rc = plan_reply(&p, workspace);

	for (size_t i = 0; rc == 0 && i < p.n; i++)
		if (write_entry(&p, &p.e[i]) < 0)
			break;
	rc = rep->nrefused ? -1 : 0;
	apply_plan_free(&p);
	return rc;
}

int apply_preview(const char *workspace, const struct reply *r, const struct apply_limits *lim,
		  struct apply_preview **out, size_t *n, struct apply_report *rep)
{
	struct apply_plan p = { .r = r, .lim = lim, .rep = rep };
	int rc = plan_reply(&p, workspace);

	*out = NULL;
	*n = 0;
	if (rc == 0 && p.n) {
		*out = xcalloc(p.n, sizeof **out);
		for (size_t i = 0; i < p.n; i++) {
			struct apply_preview *v = &(*out)[i];
			size_t size;
			v->path = xstrdup(p.e[i].path);
			v->del = p.e[i].del;
			v->after = p.e[i].content;
			p.e[i].content = (struct buf)BUF_INIT;
			/* A file too big or unreadable shows as empty before. */
			v->existed = edit_load(&p.g, v->path, lim->max_file_bytes, &v->before, &size) > 0;
		}
		*n = p.n;
	}
	apply_plan_free(&p);
	return rc;
}

void apply_preview_free(struct apply_preview *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].path);
		buf_free(&v[i].before);
		buf_free(&v[i].after);
	}
	free(v);
}
char *apply_check_path(const char *workspace, const char *path, char **why)
{
	struct pathguard g;
	mode_t mode;
	char *res = NULL, *norm;

	*why = NULL;
	if (pathguard_open(&g, workspace, why) < 0)
		return NULL;
	norm = pathguard_normalise(path, why);
	if (norm)
		res = pathguard_resolve(&g, norm, 1, &mode, why);
	free(norm);
	pathguard_close(&g);
	return res;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void apply_report_free(struct apply_report *rep)
{
	free_list(rep->written, rep->nwritten);
	free_list(rep->deleted, rep->ndeleted);
	free_list(rep->refused, rep->nrefused);
	free_list(rep->failed, rep->nfailed);
	*rep = (struct apply_report){ 0 };
}
