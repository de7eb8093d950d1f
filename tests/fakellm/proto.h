/* proto: what the engine, the scenarios, the error dialects and the protocol
 * writers share. Everything here lives on one connection's thread except the
 * tables, which are read-only. */
#ifndef FAKELLM_PROTO_H
#define FAKELLM_PROTO_H

#include "fakellm.h"

/* Error body shapes. */
enum dialect {
	D_LLAMA,     /* {"error":{"code","message","type"}} */
	D_ANTHROPIC, /* {"type":"error","error":{"type","message"}} */
	D_VLLM,      /* {"error":{"message","type","param","code"}}, code an int */
	D_OAI,       /* {"error":{"message","type","param":null,"code":null}} */
	D_OLLAMA,    /* {"error":"..."} */
	D_TGI,       /* {"error":"...","error_type":"..."} */
	D_FLAVOR,    /* for a protocol: the flavour's OpenAI dialect */
};

/* What went wrong, before any byte of the answer. */
enum errk { E_AUTH, E_LOADING, E_CONTEXT, E_RATE, E_BADJSON, E_INVALID };

/* How a chat-completions chunk looks on each server (proto-openai*.c). */
enum chat_shape { CH_LLAMA, CH_VLLM, CH_OLLAMA, CH_LMSTUDIO, CH_TGI };

struct route {
	const char *method, *path;
	int (*fn)(int fd, const struct req *rq);
	unsigned flags;
};

#define R_DISCOVERY 1u /* scenario ignored but for loading and /s/error-401/ */
#define R_OPEN 2u      /* answers even while llama-server loads */

struct flavor {
	const char *name;
	const char *model;   /* the served model's name */
	enum style st;
	const char *ct_json; /* Content-Type of JSON bodies */
	const char *ct_sse;  /* Content-Type of SSE streams */
	enum dialect native; /* discovery routes and the server's own API */
	enum dialect oai;    /* /v1/chat/completions and /v1/responses */
	enum chat_shape chat;
	bool echo_model;     /* answers name the request's model, not the served one */
	const char *mid_msg; /* text of a mid-stream failure */
	const struct route *routes;
	size_t nroutes;
	int (*not_found)(int fd, const struct req *rq);
};

/* errors.c */
int err_send(int fd, const struct req *rq, enum dialect d, enum errk k,
	     const char *msg, const char *extra);

/* How a streamed answer ends. */
enum tail {
	END_DONE,       /* finish and the protocol's end marker */
	END_NO_DONE,    /* finish without the end marker */
	END_ERROR,      /* in-band error (midstream-error) */
	END_LEGACY,     /* pre-2025 llama-server "error:" field */
	END_ERROR_DONE, /* vLLM: error event then [DONE] */
	END_FAILED,     /* Responses: response.failed */
	END_CUT,        /* the socket closes */
	END_STALL,      /* silence until the client leaves */
	END_OVERCAP,    /* a 40 MiB line that never ends, then close */
};

/* What the script says, one piece at a time. */
enum pk { PK_TEXT, PK_REASON, PK_TOOL, PK_CUT };

struct piece {
	enum pk kind;
	const char *text;
	int frag; /* PK_TOOL: 0, 1, 2 */
};

#define TOOL_NAME "get_weather"
#define TOOL_ARGS "{\"city\":\"Tokyo\"}"
#define TOOL_FRAGS 3

enum script { SC_REPLY, SC_THINK, SC_REASON, SC_TOOL, SC_MALFORMED, SC_HUGE };
enum gate { G_NONE, G_429, G_429_MS, G_LOADING, G_DROP };
enum kind { K_STREAM, K_FIXED, K_ERR, K_CRLF };

#define ALL (-1)
#define HALF (-2)

struct scen {
	const char *name;
	enum kind kind;
	/* streamed answers */
	int wait_ms;   /* silence before anything; -1: --wait-ms */
	int pings;     /* pings right after the headers (newer llama-server) */
	bool mid_ping; /* one more ping halfway through the tokens */
	int max_tok;   /* ALL, HALF or at most this many pieces */
	enum tail tail;
	bool forced;   /* streams even without "stream": true */
	bool legacy;   /* pre-2025: headers at once, one event per HTTP chunk */
	enum script script;
	enum gate gate; /* the first --fail-first requests fail so */
	/* K_ERR: an error in the route's dialect */
	enum errk err;
	/* K_FIXED: the same bytes on every route */
	int status;
	enum style style;
	const char *ctype, *body;
};

struct gen;

/* scenario.c. The script plays g->sc with g->rp's reply tokens. */
const struct scen *scen_find(const char *name);
bool scen_gate_fails(const struct scen *s);
size_t script_len(const struct gen *g);
struct piece script_at(const struct gen *g, size_t i);
const char *huge_text(void);

struct proto;

/* The state of one answer. */
struct gen {
	int fd;
	const struct req *rq;
	const struct flavor *fl;
	const struct proto *pr;
	const struct scen *sc;
	const struct reply *rp; /* the reply text's tokens for this answer */
	const char *model;    /* named in the answer */
	char id[64];          /* chatcmpl-…, msg_…, resp_… */
	char item[64];        /* current output item / tool call id */
	char call[64];        /* tool call_id */
	long created;
	bool stream, usage, details;
	bool head_sent, begun;
	bool cut;             /* rendering a cut line: no accounting */
	bool end_marker;      /* the tail is END_DONE */
	bool finished;        /* the finish rode on the last piece */
	int prompt_n;
	int seq;              /* Responses sequence_number; TGI token index */
	int block;            /* open block/item kind, writer-defined, 0 none */
	int index;            /* block index / output_index of the open one */
	size_t sent;          /* pieces sent (completion tokens) */
	double t0, t_load, t_first; /* request, start of work, first token (ms) */
	struct fbuf text, reason, args; /* what was said so far */
	struct fbuf *capture; /* crlf: collect the body instead of sending */
	char extra[192];      /* extra response headers, or "" */
};

enum fail { F_MID, F_LEGACY, F_ERROR_DONE, F_FAILED };

struct proto {
	enum dialect dialect;
	bool chat;            /* a /v1/chat/completions shape */
	bool ndjson;          /* lines end in "\n", not "\n\n" */
	bool stream_default;  /* streams when "stream" is absent */
	const char *ctype;    /* NULL: the flavour's SSE type */
	const char *(*check)(const cJSON *body); /* NULL or a 400 message */
	void (*init)(struct gen *g);             /* ids, extra headers */
	void (*begin)(struct gen *g, struct fbuf *b);
	void (*piece)(struct gen *g, struct fbuf *b, const struct piece *p, bool last);
	void (*ping)(struct gen *g, struct fbuf *b);
	int (*finish)(struct gen *g, struct fbuf *b, bool end);
	int (*fail)(struct gen *g, struct fbuf *b, enum fail f);
	int (*whole)(struct gen *g);
};

/* routes.c */
int proto_handle(int fd, const struct req *rq, const struct proto *pr);

/* engine.c */
int gen_flush(struct gen *g, struct fbuf *b);
int gen_head(struct gen *g);
int gen_collect(struct gen *g);
void gen_account(struct gen *g, const struct piece *p);
int gen_send_json(struct gen *g, cJSON *o);
int gen_run_stream(struct gen *g);
int gen_play(int fd, const struct req *rq, const struct proto *pr, const struct scen *s);
void sse_data(struct fbuf *b, cJSON *o);                   /* data: JSON\n\n */
void sse_event(struct fbuf *b, const char *type, cJSON *o); /* event: T\ndata: JSON\n\n */
void ndjson_line(struct fbuf *b, cJSON *o);
double gen_ms3(double ms);

/* crlf.c */
int crlf_chat(struct gen *g);
int crlf_any(struct gen *g);

/* the writers */
extern const struct proto proto_chat_llama, proto_chat_compat;
extern const struct proto proto_anthropic, proto_responses, proto_ollama, proto_tgi;

/* proto-openai.c: helpers the other chat shapes share. */
cJSON *oai_usage(const struct gen *g);
cJSON *oai_tool_head(const struct gen *g);
cJSON *oai_tool_args(const char *args);
cJSON *oai_message(const struct gen *g, const char *reasoning_key);
const char *oai_finish_reason(const struct gen *g);

/* proto-tgi.c: x-compute-characters, the characters of the prompt. */
int tgi_chars(const cJSON *body);

/* discovery.c */
int disc_models(int fd, const struct req *rq);
int disc_props(int fd, const struct req *rq);
int disc_health(int fd, const struct req *rq);
int disc_health_empty(int fd, const struct req *rq);
int disc_info(int fd, const struct req *rq);
int disc_tags(int fd, const struct req *rq);
int disc_show(int fd, const struct req *rq);
int disc_version(int fd, const struct req *rq);
int disc_root(int fd, const struct req *rq);
int disc_lms_models(int fd, const struct req *rq);

#endif
