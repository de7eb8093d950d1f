/* errors: one failure (wrong key, loading, prompt too long, rate limit, bad
 * JSON, bad request) rendered the way each server family writes it, so a
 * client meets the real body shape on every route. The status codes are the
 * same everywhere except TGI's validation errors (422), as TGI sends them. */
#include "proto.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONTEXT_MSG \
	"request (6009 tokens) exceeds the available context size (4096 tokens), try increasing it"
#define VLLM_CONTEXT_MSG                                                              \
	"This model's maximum context length is 32768 tokens. However, you requested " \
	"39197 tokens in the messages, Please reduce the length of the messages. None"
#define TGI_CONTEXT_MSG                                                         \
	"Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096. " \
	"Given: 6009 `inputs` tokens and 20 `max_new_tokens`"
#define LLAMA_BAD_JSON \
	"[json.exception.parse_error.101] parse error: syntax error while parsing value"

struct failure {
	int status;
	const char *type; /* llama-server's type name */
	const char *msg;
};

static struct failure failure_of(enum errk k, const char *msg)
{
	switch (k) {
	case E_AUTH: return (struct failure){401, "authentication_error", "Invalid API Key"};
	case E_LOADING: return (struct failure){503, "unavailable_error", "Loading model"};
	case E_CONTEXT: return (struct failure){400, "exceed_context_size_error", CONTEXT_MSG};
	case E_RATE: return (struct failure){429, "rate_limit_error", "Too many requests"};
	case E_BADJSON: return (struct failure){400, "invalid_request_error", "invalid JSON body"};
	case E_INVALID: break;
	}
	return (struct failure){400, "invalid_request_error", msg};
}

static cJSON *llama_body(enum errk k, struct failure f)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *e = cJSON_AddObjectToObject(o, "error");

	if (k == E_BADJSON)
		f = (struct failure){500, "server_error", LLAMA_BAD_JSON};
	cJSON_AddNumberToObject(e, "code", f.status);
	cJSON_AddStringToObject(e, "message", f.msg);
	cJSON_AddStringToObject(e, "type", f.type);
	if (k == E_CONTEXT) {
		cJSON_AddNumberToObject(e, "n_prompt_tokens", 6009);
		cJSON_AddNumberToObject(e, "n_ctx", 4096);
	}
	return o;
}

static cJSON *anthropic_body(enum errk k, struct failure f)
{
	static const char *const types[] = {
		[E_AUTH] = "authentication_error", [E_LOADING] = "overloaded_error",
		[E_CONTEXT] = "invalid_request_error", [E_RATE] = "rate_limit_error",
		[E_BADJSON] = "invalid_request_error", [E_INVALID] = "invalid_request_error",
	};
	cJSON *o = cJSON_CreateObject();
	cJSON *e;

	cJSON_AddStringToObject(o, "type", "error");
	e = cJSON_AddObjectToObject(o, "error");
	cJSON_AddStringToObject(e, "type", types[k]);
	cJSON_AddStringToObject(e, "message", f.msg);
	return o;
}

/* vLLM ≥ 0.10.1 (ErrorInfo); its API-key middleware answers a bare string. */
static cJSON *vllm_body(enum errk k, struct failure f)
{
	static const char *const types[] = {
		[E_AUTH] = "", [E_LOADING] = "ServiceUnavailableError",
		[E_CONTEXT] = "BadRequestError", [E_RATE] = "rate_limit_error",
		[E_BADJSON] = "BadRequestError", [E_INVALID] = "BadRequestError",
	};
	cJSON *o = cJSON_CreateObject();
	cJSON *e;

	if (k == E_AUTH) {
		cJSON_AddStringToObject(o, "error", "Unauthorized");
		return o;
	}
	e = cJSON_AddObjectToObject(o, "error");
	cJSON_AddStringToObject(e, "message", k == E_CONTEXT ? VLLM_CONTEXT_MSG : f.msg);
	cJSON_AddStringToObject(e, "type", types[k]);
	cJSON_AddNullToObject(e, "param");
	cJSON_AddNumberToObject(e, "code", f.status);
	return o;
}

/* Ollama's openai.NewError (400 invalid_request_error, 404 not_found_error,
 * else api_error), also used for LM Studio; 401 and 429 keep OpenAI's names. */
static cJSON *oai_body(enum errk k, struct failure f)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *e = cJSON_AddObjectToObject(o, "error");
	const char *type = f.status == 400 ? "invalid_request_error" : "api_error";

	if (k == E_AUTH || k == E_RATE)
		type = f.type;
	cJSON_AddStringToObject(e, "message", f.msg);
	cJSON_AddStringToObject(e, "type", type);
	cJSON_AddNullToObject(e, "param");
	cJSON_AddNullToObject(e, "code");
	return o;
}

static cJSON *ollama_body(enum errk k, struct failure f)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "error", k == E_AUTH ? "unauthorized" : f.msg);
	return o;
}

/* TGI's ErrorResponse; overload is its own "Model is overloaded". */
static cJSON *tgi_body(enum errk k, struct failure f, int *status)
{
	static const char *const types[] = {
		[E_AUTH] = "authorization", [E_LOADING] = "unhealthy",
		[E_CONTEXT] = "validation", [E_RATE] = "overloaded",
		[E_BADJSON] = "validation", [E_INVALID] = "validation",
	};
	cJSON *o = cJSON_CreateObject();
	const char *msg = f.msg;

	if (k == E_AUTH)
		msg = "Unauthorized";
	else if (k == E_RATE)
		msg = "Model is overloaded";
	else if (k == E_CONTEXT)
		msg = TGI_CONTEXT_MSG;
	if (k == E_CONTEXT || k == E_INVALID)
		*status = 422;
	cJSON_AddStringToObject(o, "error", msg);
	cJSON_AddStringToObject(o, "error_type", types[k]);
	return o;
}

static cJSON *body_of(enum dialect d, enum errk k, struct failure f, int *status)
{
	*status = f.status;
	switch (d) {
	case D_LLAMA:
		*status = k == E_BADJSON ? 500 : f.status;
		return llama_body(k, f);
	case D_ANTHROPIC: return anthropic_body(k, f);
	case D_VLLM: return vllm_body(k, f);
	case D_OAI: return oai_body(k, f);
	case D_OLLAMA: return ollama_body(k, f);
	case D_TGI: return tgi_body(k, f, status);
	case D_FLAVOR: break;
	}
	return llama_body(k, f);
}

/* Headers in the flavour's style; msg is used by E_INVALID only. */
int err_send(int fd, const struct req *rq, enum dialect d, enum errk k,
	     const char *msg, const char *extra)
{
	const struct flavor *fl = fl_opt.flavor;
	int status;
	char *s = json_take(body_of(d, k, failure_of(k, msg), &status));
	int keep = http_send_x(fd, rq, status, fl->st, fl->ct_json, s, extra);

	free(s);
	return keep;
}
