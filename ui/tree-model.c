/* tree-model: the rows of the file tree as one flat array in display order
 * (a directory's children follow it, one level deeper), because drawing
 * and moving the selection are then just indexing, and expanding a
 * directory is one insertion. Deleted files have no directory entry, so
 * they are added from the marks ("gone" rows) where their directory is
 * listed. */
#include "tree-model.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/xmalloc.h"

#define TREE_PATH_MAX 4096

static int entry_cmp(const void *a, const void *b)
{
	const struct tree_entry *x = a, *y = b;

	if (x->is_dir != y->is_dir)
		return y->is_dir - x->is_dir; /* directories first */
	int c = strcasecmp(x->name, y->name);
	return c ? c : strcmp(x->name, y->name);
}

static void entry_add(struct tree_entry **out, size_t *n, size_t *cap, struct tree_entry e)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*out = xreallocarray(*out, *cap, sizeof **out);
	}
	(*out)[(*n)++] = e;
}

static int entry_is_dir(DIR *d, const struct dirent *de, int links)
{
	struct stat st;

	if (de->d_type == DT_DIR)
		return 1;
	if (de->d_type != DT_UNKNOWN && !(links && de->d_type == DT_LNK))
		return 0;
	return fstatat(dirfd(d), de->d_name, &st, links ? 0 : AT_SYMLINK_NOFOLLOW) == 0 &&
	       S_ISDIR(st.st_mode);
}

size_t tree_list_dir(const char *root, struct ignore *ig, const char *dir, size_t max, int links,
		     struct tree_entry **out, size_t *more)
{
	char *full = dir[0] ? xasprintf("%s/%s", root, dir) : xstrdup(root);
	DIR *d = opendir(full);
	size_t n = 0, cap = 0;
	char rel[TREE_PATH_MAX];
	struct dirent *de;

	free(full);
	*out = NULL;
	*more = 0;
	while (d && (de = readdir(d)) != NULL) {
		const char *name = de->d_name;
		if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || strcmp(name, ".git") == 0)
			continue;
		int is_dir = entry_is_dir(d, de, links);
		size_t len = (size_t)snprintf(rel, sizeof rel, "%s%s%s", dir, dir[0] ? "/" : "", name);
		if (len >= sizeof rel || ignore_match(ig, rel, is_dir))
			continue;
		if (n == max)
			(*more)++;
		else
			entry_add(out, &n, &cap, (struct tree_entry){ xstrdup(name), is_dir });
	}
	if (d)
		closedir(d);
	if (n)
		qsort(*out, n, sizeof **out, entry_cmp);
	return n;
}

void tree_entries_free(struct tree_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(e[i].name);
	free(e);
}

static int mark_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tree_mark *)a)->path, ((const struct tree_mark *)b)->path);
}

/* The first mark at or after prefix in sorted order. */
static size_t marks_lower(const struct tree_mark *v, size_t n, const char *prefix)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(v[mid].path, prefix) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Entries for the deleted files (and directories left only with deleted
 * files) directly in dir that the listing lacks. */
static void add_gone(const struct tree_model *m, const char *dir, struct tree_entry **e, size_t *n)
{
	char prefix[TREE_PATH_MAX];
	size_t cap = *n, listed = *n;

	snprintf(prefix, sizeof prefix, "%s%s", dir, dir[0] ? "/" : "");
	size_t plen = strlen(prefix);
	for (size_t i = marks_lower(m->marks, m->nmarks, prefix);
	     i < m->nmarks && strncmp(m->marks[i].path, prefix, plen) == 0; i++) {
		if (m->marks[i].mark != 'D')
			continue;
		const char *rest = m->marks[i].path + plen, *slash = strchr(rest, '/');
		size_t len = slash ? (size_t)(slash - rest) : strlen(rest);
		int known = 0;
		for (size_t k = 0; k < *n && !known; k++)
			known = strlen((*e)[k].name) == len && memcmp((*e)[k].name, rest, len) == 0;
		if (!known && len)
			entry_add(e, n, &cap, (struct tree_entry){ xstrndup(rest, len), slash != NULL });
	}
	for (size_t k = listed; k < *n; k++)
		(*e)[k].is_dir |= 2; /* gone; entry_cmp only compares is_dir != 0 below */
}

static int gone_cmp(const void *a, const void *b)
{
	struct tree_entry x = *(const struct tree_entry *)a, y = *(const struct tree_entry *)b;

	x.is_dir = x.is_dir & 1;
	y.is_dir = y.is_dir & 1;
	return entry_cmp(&x, &y);
}

/* The rows for dir's children at depth, in *out; returns how many. */
static size_t model_children(struct tree_model *m, const char *dir, int depth, struct tree_node **out)
{
	struct tree_entry *e;
	size_t more, n = tree_list_dir(m->root, &m->ig, dir, m->max_entries, 1, &e, &more);
	size_t listed = n;

	add_gone(m, dir, &e, &n);
	if (n > listed)
		qsort(e, n, sizeof *e, gone_cmp);
	*out = xcalloc(n + 1, sizeof **out);
	for (size_t i = 0; i < n; i++) {
		char *path = dir[0] ? xasprintf("%s/%s", dir, e[i].name) : xstrdup(e[i].name);
		(*out)[i] = (struct tree_node){ .path = path, .name = path + strlen(path) - strlen(e[i].name),
						.depth = depth, .kind = (e[i].is_dir & 1) ? TN_DIR : TN_FILE,
						.gone = (e[i].is_dir & 2) != 0 };
	}
	tree_entries_free(e, n);
	if (more) {
		char *path = xstrdup(dir);
		(*out)[n++] = (struct tree_node){ .path = path, .name = path, .more = more,
						  .depth = depth, .kind = TN_MORE };
	}
	return n;
}

static void model_insert(struct tree_model *m, size_t at, const struct tree_node *rows, size_t k)
{
	if (k == 0)
		return; /* an empty directory: rows may be NULL */
	if (m->count + k > m->cap) {
		m->cap = (m->count + k) * 2;
		m->n = xreallocarray(m->n, m->cap, sizeof *m->n);
	}
	memmove(m->n + at + k, m->n + at, (m->count - at) * sizeof *m->n);
	memcpy(m->n + at, rows, k * sizeof *rows);
	m->count += k;
}

static void model_read_root(struct tree_model *m)
{
	struct tree_node *rows;
	size_t k = model_children(m, "", 0, &rows);

	model_insert(m, 0, rows, k);
	free(rows);
}

void tree_model_init(struct tree_model *m, const char *root)
{
	memset(m, 0, sizeof *m);
	m->root = xstrdup(root);
	m->max_entries = TREE_MAX_ENTRIES;
	ignore_init(&m->ig, root);
	model_read_root(m);
}

static void model_clear(struct tree_model *m)
{
	for (size_t i = 0; i < m->count; i++)
		free(m->n[i].path);
	m->count = 0;
}

static void marks_free(struct tree_mark *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free((char *)v[i].path);
	free(v);
}

void tree_model_free(struct tree_model *m)
{
	model_clear(m);
	free(m->n);
	marks_free(m->marks, m->nmarks);
	marks_free(m->dir_marks, m->ndir_marks);
	ignore_free(&m->ig);
	free(m->root);
	memset(m, 0, sizeof *m);
}

void tree_model_expand(struct tree_model *m, size_t i)
{
	if (i >= m->count || m->n[i].kind != TN_DIR || m->n[i].expanded)
		return;
	struct tree_node *rows;
	size_t k = model_children(m, m->n[i].path, m->n[i].depth + 1, &rows);
	m->n[i].expanded = 1;
	model_insert(m, i + 1, rows, k);
	free(rows);
}

void tree_model_collapse(struct tree_model *m, size_t i)
{
	if (i >= m->count || !m->n[i].expanded)
		return;
	size_t end = i + 1;
	while (end < m->count && m->n[end].depth > m->n[i].depth)
		free(m->n[end++].path);
	memmove(m->n + i + 1, m->n + end, (m->count - end) * sizeof *m->n);
	m->count -= end - i - 1;
	m->n[i].expanded = 0;
}

size_t tree_model_parent(const struct tree_model *m, size_t i)
{
	for (size_t k = i; k-- > 0;)
		if (m->n[k].depth < m->n[i].depth)
			return k;
	return i;
}

size_t tree_model_find(const struct tree_model *m, const char *path)
{
	for (size_t i = 0; i < m->count; i++)
		if (m->n[i].kind != TN_MORE && strcmp(m->n[i].path, path) == 0)
			return i;
	return (size_t)-1;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void tree_model_reload(struct tree_model *m)
{
	char **open = NULL;
	size_t nopen = 0;

	for (size_t i = 0; i < m->count; i++) {
		if (m->n[i].expanded) {
			open = xreallocarray(open, nopen + 1, sizeof *open);
			open[nopen++] = xstrdup(m->n[i].path);
		}
	}
	if (nopen)
		qsort(open, nopen, sizeof *open, str_cmp);
	model_clear(m);
	model_read_root(m);
	/* Expanding row i inserts its children after it: the loop meets them next. */
	for (size_t i = 0; i < m->count && nopen; i++) {
		const char *key = m->n[i].path;
		if (m->n[i].kind == TN_DIR && bsearch(&key, open, nopen, sizeof *open, str_cmp))
			tree_model_expand(m, i);
	}
	for (size_t i = 0; i < nopen; i++)
		free(open[i]);
	free(open);
}

/* One mark per directory holding marked files: their letter, or 'M' when
 * they differ. */
static void build_dir_marks(struct tree_model *m)
{
	size_t n = 0;

	m->dir_marks = NULL;
	for (size_t i = 0; i < m->nmarks; i++) {
		const char *p = m->marks[i].path;
		for (const char *s = strchr(p, '/'); s; s = strchr(s + 1, '/')) {
			m->dir_marks = xreallocarray(m->dir_marks, n + 1, sizeof *m->dir_marks);
			m->dir_marks[n++] = (struct tree_mark){ xstrndup(p, (size_t)(s - p)), m->marks[i].mark };
		}
	}
	if (n)
		qsort(m->dir_marks, n, sizeof *m->dir_marks, mark_cmp);
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		if (kept && strcmp(m->dir_marks[kept - 1].path, m->dir_marks[i].path) == 0) {
			if (m->dir_marks[kept - 1].mark != m->dir_marks[i].mark)
				m->dir_marks[kept - 1].mark = 'M';
			free((char *)m->dir_marks[i].path);
		} else {
			m->dir_marks[kept++] = m->dir_marks[i];
		}
	}
	m->ndir_marks = kept;
}

void tree_model_set_marks(struct tree_model *m, const struct tree_mark *marks, size_t n)
{
	marks_free(m->marks, m->nmarks);
	marks_free(m->dir_marks, m->ndir_marks);
	m->marks = xcalloc(n + 1, sizeof *m->marks);
	m->nmarks = 0;
	for (size_t i = 0; i < n; i++)
		if (marks[i].path && marks[i].path[0])
			m->marks[m->nmarks++] = (struct tree_mark){ xstrdup(marks[i].path), marks[i].mark };
	if (m->nmarks)
		qsort(m->marks, m->nmarks, sizeof *m->marks, mark_cmp);
	build_dir_marks(m);
}

char tree_model_mark(const struct tree_model *m, const char *path, int is_dir)
{
	const struct tree_mark *v = is_dir ? m->dir_marks : m->marks;
	size_t n = is_dir ? m->ndir_marks : m->nmarks;
	size_t i = marks_lower(v, n, path);

	return i < n && strcmp(v[i].path, path) == 0 ? v[i].mark : 0;
}
