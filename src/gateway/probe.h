/* probe: find out what kind of server an endpoint is, which protocol to
 * speak to it, and its models with their context sizes. Used by `api: auto`
 * (once per endpoint per process) and by `faos-codex models`.
 *
 * The probe asks the routes that tell the servers apart: GET /v1/models
 * (all OpenAI-compatible servers), /api/version (Ollama), /info (TGI),
 * /props (llama.cpp), then per kind the route that knows context sizes
 * (Ollama POST /api/show, LM Studio /api/v0/models). Blocking; runs on a
 * worker thread or in the CLI. */
#ifndef FAOS_PROBE_H
#define FAOS_PROBE_H

#include <stdatomic.h>
#include <stddef.h>

#include "gateway/gateway.h"

struct gw_model_info {
	char *id;
	long context; /* tokens, 0 when the server does not say */
};

struct gw_probe {
	int reachable;     /* something answered HTTP */
	char *server;      /* "llama.cpp", "vllm", "ollama", "lmstudio", "tgi",
			    * "openai-compatible", or NULL when unknown */
	const char *api;   /* the protocol auto chooses (a static string) */
	struct gw_model_info *models;
	size_t nmodels;
	char *error;       /* one line: why nothing usable answered, or NULL */
};

/* Probe ep (its url and api_key). cancel, when not NULL, is polled so a
 * cancelled request does not wait for the probe. 0 when a server of some
 * kind answered, -1 with out->error otherwise. */
int gw_probe_run(const struct gw_endpoint *ep, long connect_timeout, atomic_int *cancel,
		 struct gw_probe *out);
void gw_probe_free(struct gw_probe *p);

/* gw_probe_run, remembered per URL for the life of the process when it
 * succeeds; *out is a copy the caller frees. */
int gw_probe_cached(const struct gw_endpoint *ep, long connect_timeout, atomic_int *cancel,
		    struct gw_probe *out);

/* Forget the remembered probes (at exit, so leak checkers stay quiet). */
void gw_probe_cache_clear(void);

/* The context size of model (or of the first model when model is empty or
 * unknown), 0 if unknown. */
long gw_probe_context(const struct gw_probe *p, const char *model);

#endif
