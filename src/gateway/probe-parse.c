/* probe-parse: discovery documents of each server kind; see probe-parse.h. */
#include "gateway/probe-parse.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "gateway/protoutil.h"

void probe_add_model(struct gw_probe *p, const char *id, long context)
{
	for (size_t i = 0; i < p->nmodels; i++) {
		if (strcmp(p->models[i].id, id) == 0) {
			if (context > 0)
				p->models[i].context = context;
			return;
		}
	}
	p->models = xreallocarray(p->models, p->nmodels + 1, sizeof *p->models);
	p->models[p->nmodels++] = (struct gw_model_info){ xstrdup(id), context > 0 ? context : 0 };
}

static long model_context(const cJSON *m)
{
	long ctx = proto_long(m, "max_model_len");

	if (ctx <= 0)
		ctx = proto_long(cJSON_GetObjectItemCaseSensitive(m, "meta"), "n_ctx_train");
	return ctx > 0 ? ctx : 0;
}

char *probe_read_models(struct gw_probe *p, const char *body, size_t len, int *ok)
{
	cJSON *root = cJSON_ParseWithLength(body, len);
	const cJSON *data = cJSON_GetObjectItemCaseSensitive(root, "data");
	const cJSON *m;
	char *owned_by = NULL;

	*ok = cJSON_IsArray(data) ? 0 : -1;
	const cJSON *list = cJSON_IsArray(data) ? data : NULL;
	cJSON_ArrayForEach(m, list) {
		const char *id = proto_string(m, "id");
		if (id == NULL)
			continue;
		probe_add_model(p, id, model_context(m));
		if (owned_by == NULL && proto_string(m, "owned_by"))
			owned_by = xstrdup(proto_string(m, "owned_by"));
	}
	cJSON_Delete(root);
	return owned_by;
}

long probe_read_props(const char *body, size_t len)
{
	cJSON *root = cJSON_ParseWithLength(body, len);
	const cJSON *gen = cJSON_GetObjectItemCaseSensitive(root, "default_generation_settings");
	long ctx = -1;

	if (cJSON_IsObject(gen)) {
		ctx = proto_long(gen, "n_ctx");
		if (ctx < 0)
			ctx = proto_long(root, "n_ctx");
		if (ctx < 0)
			ctx = 0;
	}
	cJSON_Delete(root);
	return ctx;
}

int probe_read_tgi_info(struct gw_probe *p, const char *body, size_t len)
{
	cJSON *root = cJSON_ParseWithLength(body, len);
	const char *router = proto_string(root, "router");
	long total = proto_long(root, "max_total_tokens");
	const char *id = proto_string(root, "model_id");
	int rc = -1;

	if ((router && strcmp(router, "text-generation-router") == 0) || (total > 0 && id)) {
		if (id)
			probe_add_model(p, id, total);
		rc = 0;
	}
	cJSON_Delete(root);
	return rc;
}

int probe_read_ollama_version(const char *body, size_t len)
{
	cJSON *root = cJSON_ParseWithLength(body, len);
	int rc = proto_string(root, "version") != NULL && cJSON_GetArraySize(root) == 1 ? 0 : -1;

	cJSON_Delete(root);
	return rc;
}

int probe_read_ollama_tags(struct gw_probe *p, const char *body, size_t len)
{
	cJSON *root = cJSON_ParseWithLength(body, len);
	const cJSON *models = cJSON_GetObjectItemCaseSensitive(root, "models");
	const cJSON *m;

	if (!cJSON_IsArray(models)) {
		cJSON_Delete(root);
		return -1;
	}
	cJSON_ArrayForEach(m, models) {
		const char *name = proto_string(m, "name");
		if (name)
			probe_add_model(p, name, 0);
	}
	cJSON_Delete(root);
	return 0;
}

long probe_read_ollama_show(const char *body, size_t len)
{
	cJSON *root = cJSON_ParseWithLength(body, len);
	const cJSON *info = cJSON_GetObjectItemCaseSensitive(root, "model_info");
	const cJSON *item;
	long ctx = 0;

	/* The key is "<architecture>.context_length" (llama., qwen2., gemma3., ...). */
	const cJSON *fields = cJSON_IsObject(info) ? info : NULL;
	cJSON_ArrayForEach(item, fields) {
		const char *dot = strrchr(item->string, '.');
		if (dot && strcmp(dot, ".context_length") == 0 && cJSON_IsNumber(item))
			ctx = (long)item->valuedouble;
	}
	cJSON_Delete(root);
	return ctx;
}

void probe_read_lmstudio(struct gw_probe *p, const char *body, size_t len)
{
	cJSON *root = cJSON_ParseWithLength(body, len);
	const cJSON *data = cJSON_GetObjectItemCaseSensitive(root, "data");
	const cJSON *m;

	const cJSON *list = cJSON_IsArray(data) ? data : NULL;
	cJSON_ArrayForEach(m, list) {
		const char *id = proto_string(m, "id");
		long ctx = proto_long(m, "loaded_context_length");
		if (ctx <= 0)
			ctx = proto_long(m, "max_context_length");
		if (id)
			probe_add_model(p, id, ctx);
	}
	cJSON_Delete(root);
}
