/* versions: recording a version (versions/N.json, objects, the "version"
 * journal event, the git commit) and reading one back.
 *
 * Order, for crashes: objects, then versions/N.json, then the journal
 * line, then git. A version exists once its journal line does; before
 * that its files are unnamed and the next commit reuses the number. */
#include "store/store-int.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/json.h"
#include "base/buf.h"
#include "base/xmalloc.h"

static cJSON *str_array(char *const *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
	return a;
}

char *store_version_text(const struct store_version *v)
{
	cJSON *j = cJSON_CreateObject(), *files = cJSON_CreateArray();

	cJSON_AddNumberToObject(j, "number", v->number);
	cJSON_AddNumberToObject(j, "time", (double)v->time_ms);
	cJSON_AddNumberToObject(j, "iteration", v->iteration);
	cJSON_AddStringToObject(j, "message", v->message);
	for (size_t i = 0; i < v->nfiles; i++) {
		cJSON *f = cJSON_CreateObject();
		cJSON_AddStringToObject(f, "path", v->files[i].path);
		cJSON_AddStringToObject(f, "sha256", v->files[i].sha256);
		cJSON_AddNumberToObject(f, "size", (double)v->files[i].size);
		cJSON_AddNumberToObject(f, "mode", v->files[i].mode);
		cJSON_AddItemToArray(files, f);
	}
	cJSON_AddItemToObject(j, "files", files);
	cJSON_AddItemToObject(j, "added", str_array(v->added, v->nadded));
	cJSON_AddItemToObject(j, "modified", str_array(v->modified, v->nmodified));
	cJSON_AddItemToObject(j, "deleted", str_array(v->deleted, v->ndeleted));
	char *text = cJSON_PrintUnformatted(j);
	char *out = xasprintf("%s\n", text);
	cJSON_free(text);
	cJSON_Delete(j);
	return out;
}

static int read_paths(const cJSON *a, char ***out, size_t *n)
{
	const cJSON *e;

	*out = NULL, *n = 0;
	if (!cJSON_IsArray(a))
		return -1;
	*out = xcalloc((size_t)cJSON_GetArraySize(a) + 1, sizeof **out);
	cJSON_ArrayForEach(e, a) {
		if (!cJSON_IsString(e) || !store_ws_path_ok(e->valuestring))
			return -1;
		(*out)[(*n)++] = xstrdup(e->valuestring);
	}
	return 0;
}

static int read_file_entry(const cJSON *e, struct store_file *f)
{
	const cJSON *path = cJSON_GetObjectItemCaseSensitive(e, "path");
	const cJSON *sha = cJSON_GetObjectItemCaseSensitive(e, "sha256");
	const cJSON *size = cJSON_GetObjectItemCaseSensitive(e, "size");
	const cJSON *mode = cJSON_GetObjectItemCaseSensitive(e, "mode");

	/* A path is written into workspaces later: it must stay inside. */
	if (!cJSON_IsString(path) || !store_ws_path_ok(path->valuestring) || !cJSON_IsString(sha) ||
	    strlen(sha->valuestring) != 64 || strspn(sha->valuestring, "0123456789abcdef") != 64 ||
	    !cJSON_IsNumber(size) || !cJSON_IsNumber(mode))
		return -1;
	f->path = xstrdup(path->valuestring);
	memcpy(f->sha256, sha->valuestring, 65);
	f->size = (size_t)size->valuedouble;
	f->mode = (unsigned)mode->valueint & 07777;
	return 0;
}

static int version_from_json(const char *text, struct store_version *v)
{
	cJSON *j = cJSON_Parse(text), *e;
	const cJSON *msg = cJSON_GetObjectItemCaseSensitive(j, "message");
	const cJSON *files = cJSON_GetObjectItemCaseSensitive(j, "files");
	int rc = -1;

	memset(v, 0, sizeof *v);
	if (!cJSON_IsString(msg) || !cJSON_IsArray(files))
		goto out;
	v->number = (int)json_num(j, "number", -1);
	v->time_ms = (long long)json_num(j, "time", -1);
	v->iteration = (int)json_num(j, "iteration", -1);
	v->message = xstrdup(msg->valuestring);
	v->files = xcalloc((size_t)cJSON_GetArraySize(files) + 1, sizeof *v->files);
	cJSON_ArrayForEach(e, files) {
		if (read_file_entry(e, &v->files[v->nfiles]) < 0)
			goto out;
		v->nfiles++;
	}
	if (read_paths(cJSON_GetObjectItemCaseSensitive(j, "added"), &v->added, &v->nadded) == 0 &&
	    read_paths(cJSON_GetObjectItemCaseSensitive(j, "modified"), &v->modified,
		       &v->nmodified) == 0 &&
	    read_paths(cJSON_GetObjectItemCaseSensitive(j, "deleted"), &v->deleted,
		       &v->ndeleted) == 0)
		rc = 0;
out:
	cJSON_Delete(j);
	return rc;
}

int store_version_read(struct store *s, int number, struct store_version *out, char **err)
{
	char *doc = xasprintf("versions/%d.json", number), *e2 = NULL;
	size_t len;
	char *text = s->be->ops->doc_read(s->be, s->p.name, 0, doc, &len, &e2);
	int rc = 0;

	memset(out, 0, sizeof *out);
	if (text == NULL || version_from_json(text, out) < 0 || out->number != number) {
		*err = xasprintf("version %d of project '%s' cannot be read (%s/%s): %s; "
				 "restore the file from a backup", number, s->p.name, s->dir, doc,
				 e2 ? e2 : "damaged");
		store_version_free(out);
		rc = -1;
	}
	free(e2);
	free(text);
	free(doc);
	return rc;
}

int store_version_load(struct store *s, int number, struct store_version *out, char **err)
{
	if (!s->have_version || number < s->first_version || number > s->p.latest) {
		memset(out, 0, sizeof *out);
		if (s->have_version)
			*err = xasprintf("project '%s' has no version %d; its versions are %d to %d",
					 s->p.name, number, s->first_version, s->p.latest);
		else
			*err = xasprintf("project '%s' has no version yet", s->p.name);
		return -1;
	}
	return store_version_read(s, number, out, err);
}

static void free_strs(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void store_version_free(struct store_version *v)
{
	for (size_t i = 0; i < v->nfiles; i++)
		free(v->files[i].path);
	free(v->files);
	free(v->message);
	free_strs(v->added, v->nadded);
	free_strs(v->modified, v->nmodified);
	free_strs(v->deleted, v->ndeleted);
	memset(v, 0, sizeof *v);
}
