/* routes: the flavours (which server is imitated: its routes, model name,
 * headers, error dialects) and the dispatch of one request. A route a real
 * server of that kind lacks answers as that server answers unknown paths,
 * so a client's auto-detection meets the real thing. */
#include "proto.h"

#include <stdio.h>
#include <string.h>

#define LLAMA_404 \
	"{\"error\":{\"code\":404,\"message\":\"File Not Found\",\"type\":\"not_found_error\"}}"

/* fake:NAME in the model, else the /s/NAME/ prefix, else --scenario. */
static const char *scen_name(const struct req *rq)
{
	const cJSON *model = cJSON_GetObjectItemCaseSensitive(rq->json, "model");
	const char *m = cJSON_IsString(model) ? model->valuestring : NULL;

	if (m && strncmp(m, "fake:", 5) == 0)
		return m + 5;
	return rq->scen[0] ? rq->scen : fl_opt.scenario;
}

static int unknown_scenario(int fd, const struct req *rq, enum dialect d, const char *name)
{
	char msg[300];

	fprintf(stderr, "fakellm: unknown scenario '%.200s'\n", name);
	snprintf(msg, sizeof msg, "fakellm: unknown scenario '%.200s'", name);
	return err_send(fd, rq, d, E_INVALID, msg, NULL);
}

/* -1: no failure; else the keep value of the failure sent (or not sent). */
static int gate(int fd, const struct req *rq, enum dialect d, const struct scen *s)
{
	if (s->gate == G_NONE || !scen_gate_fails(s))
		return -1;
	switch (s->gate) {
	case G_429: return err_send(fd, rq, d, E_RATE, NULL, "Retry-After: 1\r\n");
	case G_429_MS: return err_send(fd, rq, d, E_RATE, NULL, "retry-after-ms: 200\r\n");
	case G_LOADING: return err_send(fd, rq, d, E_LOADING, NULL, NULL);
	case G_DROP: return 0;
	case G_NONE: break;
	}
	return -1;
}

/* A protocol route: the body must be JSON (and valid for the protocol);
 * then the scenario may fail the request before the writer plays it. */
int proto_handle(int fd, const struct req *rq, const struct proto *pr)
{
	enum dialect d = pr->dialect == D_FLAVOR ? fl_opt.flavor->oai : pr->dialect;
	const char *bad, *name;
	const struct scen *s;
	int keep;

	if (!rq->json)
		return err_send(fd, rq, d, E_BADJSON, NULL, NULL);
	if (pr->check && (bad = pr->check(rq->json)))
		return err_send(fd, rq, d, E_INVALID, bad, NULL);
	name = scen_name(rq);
	if (!(s = scen_find(name)))
		return unknown_scenario(fd, rq, d, name);
	if ((keep = gate(fd, rq, d, s)) >= 0)
		return keep;
	if (s->kind == K_ERR)
		return err_send(fd, rq, d, s->err, NULL, NULL);
	if (s->kind == K_FIXED)
		return http_send(fd, rq, s->status, s->style, s->ctype, s->body);
	return gen_play(fd, rq, pr, s);
}

static int chat_llama(int fd, const struct req *rq) { return proto_handle(fd, rq, &proto_chat_llama); }
static int chat_compat(int fd, const struct req *rq) { return proto_handle(fd, rq, &proto_chat_compat); }
static int responses(int fd, const struct req *rq) { return proto_handle(fd, rq, &proto_responses); }
static int messages(int fd, const struct req *rq) { return proto_handle(fd, rq, &proto_anthropic); }
static int ollama_chat(int fd, const struct req *rq) { return proto_handle(fd, rq, &proto_ollama); }
static int tgi_stream(int fd, const struct req *rq) { return proto_handle(fd, rq, &proto_tgi); }

static const struct route llama_routes[] = {
	{"POST", "/v1/chat/completions", chat_llama, 0},
	{"POST", "/chat/completions", chat_llama, 0},
	{"POST", "/v1/responses", responses, 0},
	{"POST", "/v1/messages", messages, 0},
	{"GET", "/v1/models", disc_models, R_DISCOVERY | R_OPEN},
	{"GET", "/models", disc_models, R_DISCOVERY | R_OPEN},
	{"GET", "/api/tags", disc_tags, R_DISCOVERY | R_OPEN},
	{"GET", "/props", disc_props, R_DISCOVERY},
	{"GET", "/health", disc_health, 0},
	{"GET", "/v1/health", disc_health, 0},
};

static const struct route vllm_routes[] = {
	{"POST", "/v1/chat/completions", chat_compat, 0},
	{"POST", "/v1/responses", responses, 0},
	{"POST", "/v1/messages", messages, 0},
	{"GET", "/v1/models", disc_models, R_DISCOVERY},
	{"GET", "/health", disc_health_empty, 0},
};

static const struct route ollama_routes[] = {
	{"POST", "/api/chat", ollama_chat, 0},
	{"GET", "/api/tags", disc_tags, R_DISCOVERY},
	{"POST", "/api/show", disc_show, R_DISCOVERY},
	{"GET", "/api/version", disc_version, R_DISCOVERY},
	{"GET", "/", disc_root, 0},
	{"HEAD", "/", disc_root, 0},
	{"POST", "/v1/chat/completions", chat_compat, 0},
	{"GET", "/v1/models", disc_models, R_DISCOVERY},
	{"POST", "/v1/messages", messages, 0},
	{"POST", "/v1/responses", responses, 0},
};

static const struct route lmstudio_routes[] = {
	{"POST", "/v1/chat/completions", chat_compat, 0},
	{"POST", "/v1/responses", responses, 0},
	{"POST", "/v1/messages", messages, 0},
	{"GET", "/v1/models", disc_models, R_DISCOVERY},
	{"GET", "/api/v0/models", disc_lms_models, R_DISCOVERY},
};

static const struct route tgi_routes[] = {
	{"POST", "/generate_stream", tgi_stream, 0},
	{"POST", "/v1/chat/completions", chat_compat, 0},
	{"GET", "/info", disc_info, R_DISCOVERY},
	{"GET", "/health", disc_health_empty, 0},
	{"GET", "/v1/models", disc_models, R_DISCOVERY},
};

static int nf_llama(int fd, const struct req *rq)
{
	return http_send(fd, rq, 404, ST_LLAMA, FL_CT_JSON, LLAMA_404);
}

/* FastAPI's default 404. */
static int nf_vllm(int fd, const struct req *rq)
{
	return http_send(fd, rq, 404, ST_STARLETTE, "application/json", "{\"detail\":\"Not Found\"}");
}

/* Gin's default 404. */
static int nf_ollama(int fd, const struct req *rq)
{
	return http_send(fd, rq, 404, ST_GO, "text/plain", "404 page not found");
}

/* LM Studio answers 200 with an error body (lmstudio-bug-tracker#618). */
static int nf_lmstudio(int fd, const struct req *rq)
{
	char body[2400];

	snprintf(body, sizeof body, "{\"error\":\"Unexpected endpoint or method. (%s %s)\"}",
		 rq->method, rq->target);
	return http_send(fd, rq, 200, ST_EXPRESS, FL_CT_JSON, body);
}

/* axum's fallback: 404, empty body, no Content-Type. */
static int nf_tgi(int fd, const struct req *rq)
{
	return http_send(fd, rq, 404, ST_AXUM, NULL, "");
}

#define ROUTES(t) t, sizeof t / sizeof t[0]

static const struct flavor flavors[] = {
	{"llama", FL_MODEL, ST_LLAMA, FL_CT_JSON, "text/event-stream", D_LLAMA, D_LLAMA,
	 CH_LLAMA, true, "Failed to parse input at pos 0", ROUTES(llama_routes), nf_llama},
	{"vllm", "Qwen/Qwen2.5-7B-Instruct", ST_STARLETTE, "application/json",
	 "text/event-stream; charset=utf-8", D_VLLM, D_VLLM, CH_VLLM, false,
	 "EngineCore encountered an issue. See stack trace (above) for the root cause.",
	 ROUTES(vllm_routes), nf_vllm},
	{"ollama", "llama3.2:latest", ST_GO, FL_CT_JSON, "text/event-stream", D_OLLAMA, D_OAI,
	 CH_OLLAMA, true, "an error was encountered while running the model",
	 ROUTES(ollama_routes), nf_ollama},
	{"lmstudio", "qwen2.5-7b-instruct", ST_EXPRESS, FL_CT_JSON, "text/event-stream", D_OAI,
	 D_OAI, CH_LMSTUDIO, false,
	 "The model has crashed without additional information. (Exit code: null)",
	 ROUTES(lmstudio_routes), nf_lmstudio},
	{"tgi", "meta-llama/Llama-3.1-8B-Instruct", ST_AXUM, "application/json",
	 "text/event-stream", D_TGI, D_TGI, CH_TGI, false,
	 "Request failed during generation: Server error: CUDA out of memory. "
	 "Tried to allocate 20.00 MiB",
	 ROUTES(tgi_routes), nf_tgi},
};

const struct flavor *flavor_find(const char *name)
{
	for (size_t i = 0; i < sizeof flavors / sizeof flavors[0]; i++)
		if (strcmp(flavors[i].name, name) == 0)
			return &flavors[i];
	return NULL;
}

const char *flavor_names(void)
{
	return "llama, vllm, ollama, lmstudio, tgi";
}

/* "/s/NAME/rest" is "/rest" with scenario NAME; the query is dropped. */
static void split_target(struct req *rq)
{
	const char *t = rq->target;
	size_t plen = strcspn(t, "?");

	if (strncmp(t, "/s/", 3) == 0) {
		const char *slash = memchr(t + 3, '/', plen - 3);
		size_t n = slash ? (size_t)(slash - t - 3) : plen - 3;

		if (n < sizeof rq->scen) {
			memcpy(rq->scen, t + 3, n);
			rq->scen[n] = '\0';
			t = slash ? slash : "/";
			plen = slash ? plen - (size_t)(slash - rq->target) : 1;
		}
	}
	memcpy(rq->path, t, plen);
	rq->path[plen] = '\0';
}

static const struct route *route_find(const struct req *rq)
{
	const struct flavor *fl = fl_opt.flavor;

	for (size_t i = 0; i < fl->nroutes; i++)
		if (strcmp(fl->routes[i].method, rq->method) == 0 &&
		    strcmp(fl->routes[i].path, rq->path) == 0)
			return &fl->routes[i];
	return NULL;
}

static bool is_loading(const struct req *rq)
{
	return strcmp(rq->scen[0] ? rq->scen : fl_opt.scenario, "loading") == 0;
}

/* While loading, llama-server answers 503 on every path but the model lists
 * (and the protocol routes, where a "fake:" model can still pick); other
 * flavours answer 503 on their discovery routes and /health only. */
static bool gated(const struct route *r)
{
	bool llama = fl_opt.flavor->chat == CH_LLAMA;

	if (!r)
		return llama;
	if (r->flags & R_OPEN)
		return false;
	return (r->flags & R_DISCOVERY) || strcmp(r->path, "/health") == 0 ||
	       strcmp(r->path, "/v1/health") == 0 || strcmp(r->path, "/") == 0;
}

int route(int fd, struct req *rq)
{
	const struct flavor *fl = fl_opt.flavor;
	const struct route *r;

	split_target(rq);
	r = route_find(rq);
	if (is_loading(rq) && gated(r))
		return err_send(fd, rq, fl->native, E_LOADING, NULL, NULL);
	if (r && (r->flags & R_DISCOVERY) && strcmp(rq->scen, "error-401") == 0)
		return err_send(fd, rq, fl->native, E_AUTH, NULL, NULL);
	return r ? r->fn(fd, rq) : fl->not_found(fd, rq);
}
