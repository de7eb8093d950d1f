/* probe-parse: reading the discovery documents of each server kind into a
 * gw_probe. Pure: bodies in, models and context sizes out. */
#ifndef FAOS_PROBE_PARSE_H
#define FAOS_PROBE_PARSE_H

#include <stddef.h>

#include "gateway/probe.h"

/* GET /v1/models: adds each data[].id with max_model_len (vLLM) or
 * meta.n_ctx_train (llama.cpp); returns the first entry's owned_by
 * (allocated) or NULL; -1 from *ok when the body is not a model list. */
char *probe_read_models(struct gw_probe *p, const char *body, size_t len, int *ok);
/* GET /props (llama.cpp): the running context size n_ctx, 0 if absent, -1
 * when this is not llama.cpp's props document. */
long probe_read_props(const char *body, size_t len);
/* GET /info (TGI): 0 and the model with max_total_tokens, -1 if not TGI. */
int probe_read_tgi_info(struct gw_probe *p, const char *body, size_t len);
/* GET /api/version (Ollama): 0 when it is Ollama's {"version": ...}. */
int probe_read_ollama_version(const char *body, size_t len);
/* GET /api/tags (Ollama): replaces the model list with models[].name. */
int probe_read_ollama_tags(struct gw_probe *p, const char *body, size_t len);
/* POST /api/show (Ollama): model_info's "<arch>.context_length", 0 if none. */
long probe_read_ollama_show(const char *body, size_t len);
/* GET /api/v0/models (LM Studio): sets the context of the listed models
 * from loaded_context_length or max_context_length. */
void probe_read_lmstudio(struct gw_probe *p, const char *body, size_t len);

/* Adds or updates a model (context 0 leaves a known one). */
void probe_add_model(struct gw_probe *p, const char *id, long context);

#endif
