/* project-view: `project list`, `show`, `versions` and `diff`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/xmalloc.h"
#include "cli.h"
#include "exitcode.h"
#include "project-cmd.h"
#include "store/store.h"

struct store *project_open(const char *data, const char *name)
{
	struct store *s = NULL;
	char *err = NULL, *warning = NULL;
	if (store_open(data, name, &s, &warning, &err) < 0) {
		fprintf(stderr, "%s: project: %s\n", cli_prog, err);
		free(err);
		return NULL;
	}
	if (warning)
		fprintf(stderr, "%s: project: %s\n", cli_prog, warning);
	free(warning);
	return s;
}

int project_version_arg(const char *arg)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (*end || end == arg || v < 0 || v > 1000000000) {
		fprintf(stderr, "%s: project: '%s' is not a version number\n", cli_prog, arg);
		return -1;
	}
	return (int)v;
}

static void when(long long ms, char *out, size_t size)
{
	time_t t = (time_t)(ms / 1000);
	strftime(out, size, "%Y-%m-%d %H:%M", localtime(&t));
}

static const char *state_name(const struct store_project *p)
{
	return p->archived ? "archived" : p->state == STORE_FINALIZED ? "finalized" : "active";
}

static cJSON *project_json(const struct store_project *p)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", p->name);
	cJSON_AddStringToObject(o, "state", state_name(p));
	cJSON_AddStringToObject(o, "workspace", p->workspace ? p->workspace : "");
	cJSON_AddNumberToObject(o, "versions", p->latest);
	cJSON_AddNumberToObject(o, "final_version", p->final_version);
	cJSON_AddStringToObject(o, "loop_state", p->loop_state ? p->loop_state : "");
	cJSON_AddStringToObject(o, "description", p->description ? p->description : "");
	cJSON_AddNumberToObject(o, "created_ms", (double)p->created_ms);
	cJSON_AddNumberToObject(o, "updated_ms", (double)p->updated_ms);
	cJSON_AddBoolToObject(o, "git", p->git);
	return o;
}

static void print_json(cJSON *o)
{
	char *text = cJSON_PrintUnformatted(o);
	printf("%s\n", text);
	free(text);
	cJSON_Delete(o);
}

int project_list(const char *data, struct project_args *a)
{
	struct store_project *ps = NULL;
	size_t n = 0;
	char *err = NULL;
	if (store_list(data, a->all, &ps, &n, &err) < 0) {
		fprintf(stderr, "%s: project list: %s\n", cli_prog, err);
		free(err);
		return EXIT_FAIL;
	}
	if (a->json) {
		cJSON *arr = cJSON_CreateArray();
		for (size_t i = 0; i < n; i++) {
			cJSON *o = project_json(&ps[i]);
			cJSON_DeleteItemFromObject(o, "loop_state"); /* known only once opened */
			cJSON_AddItemToArray(arr, o);
		}
		print_json(arr);
	} else if (n > 0) {
		printf("%-24s %-10s %8s  %s\n", "NAME", "STATE", "VERSIONS", "CHANGED");
		for (size_t i = 0; i < n; i++) {
			char t[32];
			when(ps[i].updated_ms, t, sizeof t);
			printf("%-24s %-10s %8d  %s\n", ps[i].name, state_name(&ps[i]), ps[i].latest, t);
		}
	}
	store_project_free_all(ps, n);
	return EXIT_OK;
}

int project_show(const char *data, struct project_args *a)
{
	struct store *s = project_open(data, a->pos[0]);
	if (!s)
		return EXIT_USAGE;
	const struct store_project *p = store_project(s);
	if (a->json)
		print_json(project_json(p));
	else {
		char created[32], updated[32];
		when(p->created_ms, created, sizeof created);
		when(p->updated_ms, updated, sizeof updated);
		printf("name:        %s\nstate:       %s", p->name, state_name(p));
		if (p->state == STORE_FINALIZED)
			printf(" (final version %d)", p->final_version);
		printf("\nworkspace:   %s\nstore:       %s\nversions:    %d\n", p->workspace,
		       store_dir(s), p->latest);
		printf("created:     %s\nchanged:     %s\nlast loop:   %s\ngit:         %s\n",
		       created, updated, p->loop_state[0] ? p->loop_state : "-",
		       p->git ? "yes" : "no");
		printf("description: %s\n", p->description[0] ? p->description : "-");
	}
	store_close(s);
	return EXIT_OK;
}

static cJSON *version_json(const struct store_version *v)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "version", v->number);
	cJSON_AddNumberToObject(o, "time_ms", (double)v->time_ms);
	cJSON_AddNumberToObject(o, "iteration", v->iteration);
	cJSON_AddStringToObject(o, "message", v->message ? v->message : "");
	cJSON_AddNumberToObject(o, "files", (double)v->nfiles);
	cJSON_AddItemToObject(o, "added", cJSON_CreateStringArray((const char *const *)v->added,
								   (int)v->nadded));
	cJSON_AddItemToObject(o, "modified",
			      cJSON_CreateStringArray((const char *const *)v->modified,
						      (int)v->nmodified));
	cJSON_AddItemToObject(o, "deleted",
			      cJSON_CreateStringArray((const char *const *)v->deleted,
						      (int)v->ndeleted));
	return o;
}

int project_versions(const char *data, struct project_args *a)
{
	struct store *s = project_open(data, a->pos[0]);
	if (!s)
		return EXIT_USAGE;
	cJSON *arr = a->json ? cJSON_CreateArray() : NULL;
	int latest = store_project(s)->latest;
	for (int n = 0; n <= latest; n++) {
		struct store_version v;
		char *err = NULL;
		if (store_version_load(s, n, &v, &err) < 0) {
			free(err); /* version 0 exists only when the workspace had files */
			continue;
		}
		if (arr)
			cJSON_AddItemToArray(arr, version_json(&v));
		else {
			char t[32];
			when(v.time_ms, t, sizeof t);
			printf("%4d  %s  %3zu files  +%zu ~%zu -%zu  %s\n", v.number, t, v.nfiles,
			       v.nadded, v.nmodified, v.ndeleted, v.message ? v.message : "");
		}
		store_version_free(&v);
	}
	if (arr)
		print_json(arr);
	store_close(s);
	return EXIT_OK;
}

int project_diff(const char *data, struct project_args *a)
{
	int v1 = project_version_arg(a->pos[1]), v2 = project_version_arg(a->pos[2]);
	if (v1 < 0 || v2 < 0)
		return EXIT_USAGE;
	struct store *s = project_open(data, a->pos[0]);
	if (!s)
		return EXIT_USAGE;
	struct buf out = BUF_INIT;
	char *err = NULL;
	int rc = store_diff(s, v1, v2, &out, &err);
	if (rc < 0) {
		fprintf(stderr, "%s: project diff: %s\n", cli_prog, err);
		free(err);
	} else
		fwrite(out.data ? out.data : "", 1, out.len, stdout);
	buf_free(&out);
	store_close(s);
	return rc < 0 ? EXIT_USAGE : EXIT_OK;
}
