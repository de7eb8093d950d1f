/* fakellm: declarations shared by the scripted fake LLM server's files.
 *
 * Threads: main() parses options, fills fl_opt and then only accepts; each
 * connection runs on its own detached thread (http.c). fl_opt is read-only once
 * the first thread exists, but for the reply sequences' atomic counters. fl_stopping is set by main() on SIGTERM/SIGINT; every
 * wait in a connection thread is sliced so it notices the flag within 100 ms.
 *
 * The answer to a request is split in two: scenario.c says what happens (the
 * script: tokens, pings, waits, errors, cuts), and one protocol writer
 * (proto-*.c, declared in proto.h) says how it looks on the wire. engine.c
 * plays the script through the writer. routes.c holds the flavours: which
 * server is imitated, which routes it has and how its headers look. */
#ifndef FAKELLM_H
#define FAKELLM_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include <cJSON.h>

#define FL_FINGERPRINT "b8291-0a1b2c3d"
#define FL_MODEL "fake-model.gguf"
#define FL_CT_JSON "application/json; charset=utf-8"

struct flavor;

/* One reply text, cut into tokens once before any thread starts. */
struct reply {
	char **tok;
	size_t ntok;
};

enum seq_kind {
	SEQ_DEFAULT, /* --reply, --reply-file, --tokens */
	SEQ_MODEL,   /* --replies-for MODEL=FILE: the body's "model" is key */
	SEQ_WHEN,    /* --reply-when TEXT=FILE: the prompt contains key */
};

/* A scripted conversation: the Nth answer that takes this sequence gets
 * r[N-1], later ones r[n-1]. served is the only field written once threads
 * exist (atomically). */
struct reply_seq {
	enum seq_kind kind;
	const char *key; /* NULL for the default sequence */
	struct reply *r;
	size_t n;
	atomic_size_t served;
};

/* One reply option, in command-line order. */
struct reply_arg {
	enum seq_kind kind;
	const char *key;
	const char *file;
};

struct fl_opts {
	const char *port_file;
	const char *log_path;
	const char *scenario; /* default scenario when the request picks none */
	const struct flavor *flavor;
	int port;
	int delay_ms;         /* sleep between tokens */
	int rate;             /* tokens per second on a steady clock (0: delay_ms) */
	int wait_ms;          /* slow-first-byte's silence */
	int fail_first;       /* retry-429 & co.: how many requests fail first */
	int slots;            /* answers played at once (0: no limit) */
	struct reply_seq *seqs; /* [0] the default sequence, then the others in
				 * order of first appearance */
	size_t nseqs;
	double t_start;       /* io_now_ms() at start, for the log's t_ms */
};

extern struct fl_opts fl_opt;
extern atomic_bool fl_stopping;

/* util.c: growable byte buffer, always NUL-terminated once non-empty. */
struct fbuf {
	char *p;
	size_t len, cap;
};

void fbuf_add(struct fbuf *b, const void *p, size_t n);
void fbuf_puts(struct fbuf *b, const char *s);
void fbuf_printf(struct fbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void fbuf_free(struct fbuf *b);
void *xrealloc(void *p, size_t n); /* aborts when out of memory */

/* util.c: socket I/O. All return 0 on success, -1 on failure or stop. */
int io_write(int fd, const void *p, size_t n);
int io_chunk(int fd, const void *p, size_t n); /* one HTTP/1.1 chunk, n > 0 */
int io_chunk_str(int fd, const char *s);
int io_chunk_end(int fd);                      /* "0\r\n\r\n" */
int io_sleep_ms(int ms);
int io_wait_in(int fd, int ms);                /* 1 readable, 0 timeout, -1 stop */
void io_wait_gone(int fd);                     /* until the peer hangs up or stop */
double io_now_ms(void);
void io_http_date(char *dst, size_t n);
void io_rfc3339(char *dst, size_t n);          /* Go's RFC3339Nano, UTC */

/* util.c: randomness. */
void rand_alnum(char *dst, size_t n);
void rand_hex(char *dst, size_t n);
void rand_lower(char *dst, size_t n);          /* a-z0-9 */

/* text.c: reply tokens, prompt size, JSON. */
char **tokens_split(const char *text, size_t len, size_t *ntok);
char **tokens_numbered(size_t n, size_t *ntok);
void tokens_free(char **tok, size_t ntok);
char *prompt_text(const cJSON *body);          /* allocated */
int words_in_messages(const cJSON *body);
int words_in_request(const cJSON *body);
cJSON *json_parse_locked(const char *s, size_t n);
char *json_take(cJSON *o);                     /* compact text; frees o */

/* replies.c: the reply sequences; set up before any thread starts. */
int replies_setup(const char *reply, const struct reply_arg *ra, size_t nra, int ntokens);
void replies_free(void);
int reply_arg_parse(char *s, enum seq_kind kind, struct reply_arg *out);
const struct reply *reply_pick(const cJSON *body); /* the next reply for this body */

/* slots.c: --slots. slot_take waits, in arrival (ticket) order, until fewer
 * than --slots answers play; 0 when it got one, -1 when the client hung up
 * or the server stops meanwhile. Each 0 needs one slot_give. */
int slot_take(int fd, unsigned long ticket);
void slot_give(void);

/* One parsed HTTP request. */
struct req {
	char method[16];
	char target[2048]; /* as received, for the log */
	char path[2048];   /* routed path: no /s/NAME prefix, no query */
	char scen[128];    /* NAME from a /s/NAME/ prefix, or "" */
	char *auth;        /* Authorization value or NULL */
	char *api_key;     /* x-api-key value or NULL */
	char *anth_ver;    /* anthropic-version value or NULL */
	char *origin;      /* Origin value or NULL (llama-server echoes it) */
	bool close;        /* the answer must say Connection: close */
	char *body;
	size_t body_len;
	cJSON *json;       /* body parsed as JSON, or NULL */
	double t_ms;       /* arrival, ms since start */
	unsigned long ticket; /* arrival order over the whole server, from 1 */
};

/* Header styles of the servers we imitate. */
enum style {
	ST_LLAMA,     /* cpp-httplib (llama-server) */
	ST_NGINX,     /* nginx in front of something */
	ST_GO,        /* Go net/http (Ollama) */
	ST_UVICORN,   /* uvicorn + sse-starlette (llama-cpp-python) */
	ST_STARLETTE, /* uvicorn + plain starlette responses (vLLM) */
	ST_AXUM,      /* axum/hyper (TGI) */
	ST_EXPRESS,   /* Node + Express (LM Studio) */
};

/* headers.c. Answers return 1 to keep the connection, 0 to close it.
 * extra: more header lines ("Name: value\r\n"...), or NULL; lower-case
 * styles lower-case their names. A HEAD request gets no body. */
int http_head(int fd, const struct req *rq, int status, enum style st,
	      const char *ctype, long clen);
int http_head_x(int fd, const struct req *rq, int status, enum style st,
		const char *ctype, long clen, const char *extra);
int http_send(int fd, const struct req *rq, int status, enum style st,
	      const char *ctype, const char *body);
int http_send_x(int fd, const struct req *rq, int status, enum style st,
		const char *ctype, const char *body, const char *extra);
int http_keeps(const struct req *rq, int status, enum style st);

/* http.c */
int http_log_open(const char *path);
void http_log_close(void);
void http_serve(int fd);

/* routes.c: the flavours and the dispatch of one request. */
const struct flavor *flavor_find(const char *name);
const char *flavor_names(void);
int route(int fd, struct req *rq);

#endif
