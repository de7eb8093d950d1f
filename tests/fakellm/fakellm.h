/* fakellm: declarations shared by the scripted fake LLM server's files.
 *
 * Threads: main() parses options, fills fl_opt and then only accepts; each
 * connection runs on its own detached thread (http.c). fl_opt is read-only once
 * the first thread exists. fl_stopping is set by main() on SIGTERM/SIGINT; every
 * wait in a connection thread is sliced so it notices the flag within 100 ms. */
#ifndef FAKELLM_H
#define FAKELLM_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include <cJSON.h>

#define FL_FINGERPRINT "b8291-0a1b2c3d"
#define FL_MODEL "fake-model.gguf"
#define FL_CT_JSON "application/json; charset=utf-8"

struct fl_opts {
	const char *port_file;
	const char *log_path;
	const char *scenario; /* default scenario when the model is not "fake:..." */
	int port;
	int delay_ms;         /* sleep between tokens */
	char **tok;           /* the reply, already cut into tokens */
	size_t ntok;
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

/* util.c: randomness, reply tokens, prompt size. */
void rand_alnum(char *dst, size_t n);
void rand_hex(char *dst, size_t n);
char **tokens_split(const char *text, size_t len, size_t *ntok);
char **tokens_numbered(size_t n, size_t *ntok);
void tokens_free(char **tok, size_t ntok);
int words_in_messages(const cJSON *body);
cJSON *json_parse_locked(const char *s, size_t n);

/* One parsed HTTP request. */
struct req {
	char method[16];
	char target[2048];
	char *auth;   /* Authorization value or NULL */
	char *origin; /* Origin value or NULL (llama-server echoes it) */
	bool close;   /* the answer must say Connection: close */
	char *body;
	size_t body_len;
	cJSON *json;  /* body parsed as JSON, or NULL */
};

/* Header styles of the servers we imitate. */
enum style { ST_LLAMA, ST_NGINX, ST_GO, ST_UVICORN };

/* http.c. Answers return 1 to keep the connection, 0 to close it. */
int http_log_open(const char *path);
void http_log_close(void);
void http_serve(int fd);
int http_head(int fd, const struct req *rq, int status, enum style st,
	      const char *ctype, long clen);
int http_send(int fd, const struct req *rq, int status, enum style st,
	      const char *ctype, const char *body);
int http_keeps(const struct req *rq, int status, enum style st);

/* chat.c */
bool chat_scenario_known(const char *name);
int chat_handle(int fd, const struct req *rq);

/* crlf.c */
struct chat;
struct scenario;
int crlf_run(struct chat *c, const struct scenario *s);

/* State of one /v1/chat/completions answer (chat.c, crlf.c). */
struct chat {
	int fd;
	const struct req *rq;
	const char *model; /* echoed back */
	char id[48];
	long created;
	bool stream, usage, head_sent;
	int prompt_n;
	size_t sent;       /* content tokens sent */
	double t0, t_first; /* request start, first token (ms, monotonic) */
};

#endif
