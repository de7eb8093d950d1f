/* projmeta: project names and project.json.
 *
 * project.json is what listings read without opening the journal: name,
 * workspace, state and the figures that change (latest, updated,
 * description). The journal is the truth; on open, what it says wins and
 * a stale project.json is written again (project.c). */
#include "store/store-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/buf.h"
#include "base/xmalloc.h"

#define NAME_MAX_LEN 64

int store_check_name(const char *name, char **err)
{
	size_t len = strlen(name);

	if (len == 0 || len > NAME_MAX_LEN) {
		*err = xasprintf("project name '%.64s%s' must have 1 to 64 characters", name,
				 len > NAME_MAX_LEN ? "..." : "");
		return -1;
	}
	if (name[0] == '.') {
		*err = xasprintf("project name '%s' starts with '.'; start it with a letter or "
				 "digit", name);
		return -1;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '_' || c == '-')
			continue;
		char shown[8];
		snprintf(shown, sizeof shown, c > 0x20 && c < 0x7f ? "'%c'" : "\\x%02x", c);
		*err = xasprintf("project name has %s at position %zu; use only letters, digits, "
				 "'.', '_' and '-'", shown, i + 1);
		return -1;
	}
	return 0;
}

char *store_missing(struct store_backend *be, const char *name)
{
	int where = be->ops->project_exists(be, name);
	char *path = be->ops->project_where(be, name, where == 2), *msg;

	if (where == 2)
		msg = xasprintf("project '%s' is archived (%s); 'faos-codex project unarchive %s' "
				"first", name, path, name);
	else
		msg = xasprintf("no project '%s' (%s); 'faos-codex project list' shows the "
				"projects", name, path);
	free(path);
	return msg;
}

int store_project_from_json(const char *text, struct store_project *p)
{
	cJSON *j = cJSON_Parse(text);
	const char *name = json_str(j, "name", NULL), *ws = json_str(j, "workspace", NULL);

	memset(p, 0, sizeof *p);
	if (name == NULL || ws == NULL) {
		cJSON_Delete(j);
		return -1;
	}
	p->name = xstrdup(name);
	p->workspace = xstrdup(ws);
	p->description = xstrdup(json_str(j, "description", ""));
	p->loop_state = xstrdup("");
	p->state = !strcmp(json_str(j, "state", ""), "finalized") ? STORE_FINALIZED : STORE_ACTIVE;
	p->final_version = (int)json_num(j, "final_version", 0);
	p->latest = (int)json_num(j, "latest", 0);
	p->created_ms = (long long)json_num(j, "created", 0);
	p->updated_ms = (long long)json_num(j, "updated", 0);
	p->git = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j, "git"));
	cJSON_Delete(j);
	return 0;
}

int store_save_project(struct store *s, char **err)
{
	const struct store_project *p = &s->p;
	cJSON *j = cJSON_CreateObject();

	cJSON_AddNumberToObject(j, "v", STORE_SCHEMA);
	cJSON_AddStringToObject(j, "name", p->name);
	cJSON_AddStringToObject(j, "workspace", p->workspace);
	cJSON_AddStringToObject(j, "description", p->description);
	cJSON_AddStringToObject(j, "state", p->state == STORE_FINALIZED ? "finalized" : "active");
	cJSON_AddNumberToObject(j, "final_version", p->final_version);
	cJSON_AddNumberToObject(j, "latest", p->latest);
	cJSON_AddNumberToObject(j, "created", (double)p->created_ms);
	cJSON_AddNumberToObject(j, "updated", (double)p->updated_ms);
	cJSON_AddBoolToObject(j, "git", p->git);
	char *text = cJSON_Print(j);
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s\n", text);
	cJSON_free(text);
	cJSON_Delete(j);
	int rc = s->be->ops->doc_write(s->be, p->name, "project.json", b.data, b.len, err);
	buf_free(&b);
	return rc;
}

void store_project_clear(struct store_project *p)
{
	free(p->name);
	free(p->workspace);
	free(p->description);
	free(p->loop_state);
	memset(p, 0, sizeof *p);
}
