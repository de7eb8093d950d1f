/* discovery: the routes a client probes to learn which server it talks to
 * and what it serves — model lists, /props, /info, /health, Ollama's
 * /api/tags, /api/show, /api/version and "/" — in each server's own shape.
 * The flavour (fl_opt.flavor) decides; routes.c decides who gets here. */
#include "proto.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LLAMA_DIGEST "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72"
#define LLAMA_MODIFIED "2025-09-30T12:04:31.411813917Z"
#define LMS_EMBED "text-embedding-nomic-embed-text-v1.5"

static int send_obj(int fd, const struct req *rq, int status, cJSON *o)
{
	const struct flavor *fl = fl_opt.flavor;
	char *s = json_take(o);
	int keep = http_send(fd, rq, status, fl->st, fl->ct_json, s);

	free(s);
	return keep;
}

static cJSON *card(const char *id, const char *owner, bool created)
{
	cJSON *c = cJSON_CreateObject();

	cJSON_AddStringToObject(c, "id", id);
	cJSON_AddStringToObject(c, "object", "model");
	if (created)
		cJSON_AddNumberToObject(c, "created", (double)time(NULL));
	cJSON_AddStringToObject(c, "owned_by", owner);
	return c;
}

/* handle_models: the Ollama-style "models" array and the OpenAI list in one body. */
static int models_llama(int fd, const struct req *rq)
{
	char body[1024];

	snprintf(body, sizeof body,
		 "{\"models\":[{\"name\":\"%s\",\"model\":\"%s\",\"modified_at\":\"\","
		 "\"size\":\"\",\"digest\":\"\",\"type\":\"model\",\"description\":\"\","
		 "\"tags\":[\"\"],\"capabilities\":[\"completion\"],\"parameters\":\"\","
		 "\"details\":{\"parent_model\":\"\",\"format\":\"gguf\",\"family\":\"\","
		 "\"families\":[\"\"],\"parameter_size\":\"\",\"quantization_level\":\"\"}}],"
		 "\"object\":\"list\",\"data\":[{\"id\":\"%s\",\"object\":\"model\","
		 "\"created\":%lld,\"owned_by\":\"llamacpp\",\"meta\":{\"vocab_type\":2,"
		 "\"n_vocab\":32000,\"n_ctx_train\":4096,\"n_embd\":288,"
		 "\"n_params\":15191712,\"size\":60766208}}]}",
		 FL_MODEL, FL_MODEL, FL_MODEL, (long long)time(NULL));
	return http_send(fd, rq, 200, ST_LLAMA, FL_CT_JSON, body);
}

/* vLLM's ModelCard with one ModelPermission. */
static cJSON *vllm_card(const char *id)
{
	cJSON *c = card(id, "vllm", true);
	cJSON *perm = cJSON_CreateObject();
	char pid[64] = "modelperm-";

	rand_hex(pid + 10, 32);
	cJSON_AddStringToObject(c, "root", id);
	cJSON_AddNullToObject(c, "parent");
	cJSON_AddNumberToObject(c, "max_model_len", 32768);
	cJSON_AddStringToObject(perm, "id", pid);
	cJSON_AddStringToObject(perm, "object", "model_permission");
	cJSON_AddNumberToObject(perm, "created", (double)time(NULL));
	cJSON_AddFalseToObject(perm, "allow_create_engine");
	cJSON_AddTrueToObject(perm, "allow_sampling");
	cJSON_AddTrueToObject(perm, "allow_logprobs");
	cJSON_AddFalseToObject(perm, "allow_search_indices");
	cJSON_AddTrueToObject(perm, "allow_view");
	cJSON_AddFalseToObject(perm, "allow_fine_tuning");
	cJSON_AddStringToObject(perm, "organization", "*");
	cJSON_AddNullToObject(perm, "group");
	cJSON_AddFalseToObject(perm, "is_blocking");
	cJSON_AddItemToArray(cJSON_AddArrayToObject(c, "permission"), perm);
	return c;
}

/* LM Studio lists every downloaded model, the embedding one too. */
int disc_models(int fd, const struct req *rq)
{
	const struct flavor *fl = fl_opt.flavor;
	cJSON *o = cJSON_CreateObject();
	cJSON *data;

	if (fl->chat == CH_LLAMA) {
		cJSON_Delete(o);
		return models_llama(fd, rq);
	}
	if (fl->chat != CH_LMSTUDIO)
		cJSON_AddStringToObject(o, "object", "list");
	data = cJSON_AddArrayToObject(o, "data");
	if (fl->chat == CH_VLLM) {
		cJSON_AddItemToArray(data, vllm_card(fl->model));
	} else if (fl->chat == CH_LMSTUDIO) {
		cJSON_AddItemToArray(data, card(fl->model, "organization_owner", false));
		cJSON_AddItemToArray(data, card(LMS_EMBED, "organization_owner", false));
		cJSON_AddStringToObject(o, "object", "list");
	} else {
		cJSON_AddItemToArray(data, card(fl->model, fl->chat == CH_OLLAMA ? "library"
										  : fl->model, true));
	}
	return send_obj(fd, rq, 200, o);
}

static cJSON *props_settings(void)
{
	cJSON *s = cJSON_CreateObject();
	cJSON *p, *next;

	cJSON_AddNumberToObject(s, "id", 0);
	cJSON_AddNumberToObject(s, "id_task", -1);
	cJSON_AddNumberToObject(s, "n_ctx", 4096);
	cJSON_AddFalseToObject(s, "speculative");
	cJSON_AddFalseToObject(s, "is_processing");
	p = cJSON_AddObjectToObject(s, "params");
	cJSON_AddNumberToObject(p, "n_predict", -1);
	cJSON_AddNumberToObject(p, "seed", 4294967295.0);
	cJSON_AddNumberToObject(p, "temperature", 0.800000011920929);
	cJSON_AddNumberToObject(p, "top_k", 40);
	cJSON_AddNumberToObject(p, "top_p", 0.949999988079071);
	cJSON_AddNumberToObject(p, "min_p", 0.05000000074505806);
	cJSON_AddNumberToObject(p, "max_tokens", -1);
	cJSON_AddBoolToObject(p, "stream", true);
	cJSON_AddStringToObject(s, "prompt", "");
	next = cJSON_AddObjectToObject(s, "next_token");
	cJSON_AddTrueToObject(next, "has_next_token");
	cJSON_AddFalseToObject(next, "has_new_line");
	cJSON_AddNumberToObject(next, "n_remain", -1);
	cJSON_AddNumberToObject(next, "n_decoded", 0);
	cJSON_AddStringToObject(next, "stopping_word", "");
	return s;
}

/* GET /props (llama-server README): n_ctx 4096 per slot, one slot. */
int disc_props(int fd, const struct req *rq)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *mod;

	cJSON_AddItemToObject(o, "default_generation_settings", props_settings());
	cJSON_AddNumberToObject(o, "total_slots", 1);
	cJSON_AddStringToObject(o, "model_alias", FL_MODEL);
	cJSON_AddStringToObject(o, "model_path", "/models/" FL_MODEL);
	mod = cJSON_AddObjectToObject(o, "modalities");
	cJSON_AddFalseToObject(mod, "vision");
	cJSON_AddFalseToObject(mod, "audio");
	cJSON_AddStringToObject(o, "chat_template",
				"{% for message in messages %}{{ message.content }}{% endfor %}");
	cJSON_AddStringToObject(o, "bos_token", "<s>");
	cJSON_AddStringToObject(o, "eos_token", "</s>");
	cJSON_AddStringToObject(o, "build_info", FL_FINGERPRINT);
	return send_obj(fd, rq, 200, o);
}

int disc_health(int fd, const struct req *rq)
{
	return http_send(fd, rq, 200, ST_LLAMA, FL_CT_JSON, "{\"status\":\"ok\"}");
}

/* vLLM and TGI: 200 with an empty body and no Content-Type. */
int disc_health_empty(int fd, const struct req *rq)
{
	return http_send(fd, rq, 200, fl_opt.flavor->st, NULL, "");
}

/* TGI's Info struct (§5.5). */
int disc_info(int fd, const struct req *rq)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "model_id", fl_opt.flavor->model);
	cJSON_AddStringToObject(o, "model_sha", "0e9e39f249a16976918f6564b8830bc894c89659");
	cJSON_AddStringToObject(o, "model_pipeline_tag", "text-generation");
	cJSON_AddNumberToObject(o, "max_concurrent_requests", 128);
	cJSON_AddNumberToObject(o, "max_best_of", 2);
	cJSON_AddNumberToObject(o, "max_stop_sequences", 4);
	cJSON_AddNumberToObject(o, "max_input_tokens", 4095);
	cJSON_AddNumberToObject(o, "max_total_tokens", 4096);
	cJSON_AddNumberToObject(o, "validation_workers", 2);
	cJSON_AddNumberToObject(o, "max_client_batch_size", 4);
	cJSON_AddStringToObject(o, "router", "text-generation-router");
	cJSON_AddStringToObject(o, "version", "3.3.6");
	cJSON_AddStringToObject(o, "sha", "3f0cdc2d24ec8e0ae29ef4e11c4a6d0e82e01a84");
	cJSON_AddNullToObject(o, "docker_label");
	return send_obj(fd, rq, 200, o);
}

static cJSON *ollama_details(void)
{
	cJSON *d = cJSON_CreateObject();

	cJSON_AddStringToObject(d, "parent_model", "");
	cJSON_AddStringToObject(d, "format", "gguf");
	cJSON_AddStringToObject(d, "family", "llama");
	cJSON_AddItemToObject(d, "families", cJSON_CreateStringArray((const char *[]){"llama"}, 1));
	cJSON_AddStringToObject(d, "parameter_size", "3.2B");
	cJSON_AddStringToObject(d, "quantization_level", "Q4_K_M");
	return d;
}

/* GET /api/tags (§6.3). */
int disc_tags(int fd, const struct req *rq)
{
	cJSON *o, *m;

	if (fl_opt.flavor->chat == CH_LLAMA)
		return models_llama(fd, rq);
	o = cJSON_CreateObject();
	m = cJSON_CreateObject();
	cJSON_AddStringToObject(m, "name", fl_opt.flavor->model);
	cJSON_AddStringToObject(m, "model", fl_opt.flavor->model);
	cJSON_AddStringToObject(m, "modified_at", LLAMA_MODIFIED);
	cJSON_AddNumberToObject(m, "size", 2019393189);
	cJSON_AddStringToObject(m, "digest", LLAMA_DIGEST);
	cJSON_AddItemToObject(m, "details", ollama_details());
	cJSON_AddItemToArray(cJSON_AddArrayToObject(o, "models"), m);
	return send_obj(fd, rq, 200, o);
}

static bool served(const char *name)
{
	const char *m = fl_opt.flavor->model;
	size_t base = strcspn(m, ":");

	return strcmp(name, m) == 0 || strncmp(name, "fake:", 5) == 0 ||
	       (strlen(name) == base && strncmp(name, m, base) == 0);
}

static cJSON *show_info(void)
{
	cJSON *i = cJSON_CreateObject();

	cJSON_AddStringToObject(i, "general.architecture", "llama");
	cJSON_AddStringToObject(i, "general.basename", "Llama-3.2");
	cJSON_AddNumberToObject(i, "general.parameter_count", 3212749888.0);
	cJSON_AddNumberToObject(i, "llama.block_count", 28);
	cJSON_AddNumberToObject(i, "llama.context_length", 131072);
	cJSON_AddNumberToObject(i, "llama.embedding_length", 3072);
	cJSON_AddNumberToObject(i, "tokenizer.ggml.eos_token_id", 128009);
	return i;
}

/* POST /api/show: num_ctx 4096 in parameters, 131072 trained. */
int disc_show(int fd, const struct req *rq)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(rq->json, "model");
	const char *name = cJSON_IsString(m) ? m->valuestring : "";
	char msg[300];
	cJSON *o = cJSON_CreateObject();

	if (!*name || !served(name)) {
		snprintf(msg, sizeof msg, *name ? "model '%.200s' not found" : "model is required",
			 name);
		cJSON_AddStringToObject(o, "error", msg);
		return send_obj(fd, rq, *name ? 404 : 400, o);
	}
	cJSON_AddStringToObject(o, "license", "LLAMA 3.2 COMMUNITY LICENSE AGREEMENT");
	cJSON_AddStringToObject(o, "modelfile",
				"# Modelfile generated by \"ollama show\"\nFROM llama3.2:latest\n"
				"PARAMETER num_ctx 4096\nPARAMETER stop <|eot_id|>\n");
	cJSON_AddStringToObject(o, "parameters", "num_ctx                        4096\n"
						 "stop                           \"<|eot_id|>\"");
	cJSON_AddStringToObject(o, "template", "{{ .Prompt }}");
	cJSON_AddItemToObject(o, "details", ollama_details());
	cJSON_AddItemToObject(o, "model_info", show_info());
	cJSON_AddItemToObject(o, "capabilities",
			      cJSON_CreateStringArray((const char *[]){"completion", "tools"}, 2));
	cJSON_AddStringToObject(o, "modified_at", LLAMA_MODIFIED);
	return send_obj(fd, rq, 200, o);
}

int disc_version(int fd, const struct req *rq)
{
	return http_send(fd, rq, 200, ST_GO, FL_CT_JSON, "{\"version\":\"0.12.3\"}");
}

int disc_root(int fd, const struct req *rq)
{
	return http_send(fd, rq, 200, ST_GO, "text/plain; charset=utf-8", "Ollama is running");
}

static cJSON *lms_model(const char *id, const char *type, const char *arch, const char *state,
			int ctx)
{
	cJSON *m = cJSON_CreateObject();

	cJSON_AddStringToObject(m, "id", id);
	cJSON_AddStringToObject(m, "object", "model");
	cJSON_AddStringToObject(m, "type", type);
	cJSON_AddStringToObject(m, "publisher", "lmstudio-community");
	cJSON_AddStringToObject(m, "arch", arch);
	cJSON_AddStringToObject(m, "compatibility_type", "gguf");
	cJSON_AddStringToObject(m, "quantization", "Q4_K_M");
	cJSON_AddStringToObject(m, "state", state);
	cJSON_AddNumberToObject(m, "max_context_length", ctx);
	return m;
}

/* GET /api/v0/models: LM Studio's own list, with state and context length. */
int disc_lms_models(int fd, const struct req *rq)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *data;

	cJSON_AddStringToObject(o, "object", "list");
	data = cJSON_AddArrayToObject(o, "data");
	cJSON_AddItemToArray(data, lms_model(fl_opt.flavor->model, "llm", "qwen2", "loaded", 8192));
	cJSON_AddItemToArray(data, lms_model(LMS_EMBED, "embeddings", "nomic-bert", "not-loaded", 2048));
	return send_obj(fd, rq, 200, o);
}
