/* engine: plays a scenario's script through the route's protocol writer.
 * The writer renders; the engine decides timing and HTTP chunking: one
 * script piece is one internal result, written as one HTTP chunk, as
 * llama-server does. Runs on the connection's thread. */
#include "proto.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CUT_MARK "FAKELLM-CUT-MARK"
#define OVERCAP_LEN (40u * 1024 * 1024)
#define OVERCAP_CHUNK (1024u * 1024)

void sse_data(struct fbuf *b, cJSON *o)
{
	char *s = json_take(o);

	fbuf_puts(b, "data: ");
	fbuf_puts(b, s);
	fbuf_puts(b, "\n\n");
	free(s);
}

void sse_event(struct fbuf *b, const char *type, cJSON *o)
{
	fbuf_printf(b, "event: %s\n", type);
	sse_data(b, o);
}

void ndjson_line(struct fbuf *b, cJSON *o)
{
	char *s = json_take(o);

	fbuf_puts(b, s);
	fbuf_puts(b, "\n");
	free(s);
}

/* llama-server measures in microseconds and prints milliseconds. */
double gen_ms3(double ms)
{
	double r = (double)(long long)(ms * 1000.0 + 0.5) / 1000.0;

	return r > 0.001 ? r : 0.001;
}

int gen_head(struct gen *g)
{
	if (g->head_sent || g->capture)
		return 0;
	g->head_sent = true;
	return http_head_x(g->fd, g->rq, 200, g->fl->st, g->pr->ctype ? g->pr->ctype : g->fl->ct_sse,
			   -1, g->extra[0] ? g->extra : NULL);
}

/* b as one HTTP chunk (nothing when empty); b is emptied. */
int gen_flush(struct gen *g, struct fbuf *b)
{
	int r = 0;

	if (b->len == 0)
		return 0;
	if (g->capture)
		fbuf_add(g->capture, b->p, b->len);
	else if ((r = gen_head(g)) == 0)
		r = io_chunk(g->fd, b->p, b->len);
	b->len = 0;
	return r;
}

void gen_account(struct gen *g, const struct piece *p)
{
	if (g->cut)
		return;
	if (p->kind == PK_TEXT)
		fbuf_puts(&g->text, p->text);
	else if (p->kind == PK_REASON)
		fbuf_puts(&g->reason, p->text);
	else if (p->kind == PK_TOOL)
		fbuf_puts(&g->args, p->text);
	g->sent++;
}

/* The whole script into g->text/reason/args, --delay-ms per piece as if it
 * were generated; -1 when the server stops meanwhile. */
int gen_collect(struct gen *g)
{
	size_t n = script_len(g);

	g->t_first = io_now_ms();
	fbuf_add(&g->text, "", 0);
	for (size_t i = 0; i < n; i++) {
		struct piece p = script_at(g, i);

		if (io_sleep_ms(fl_opt.delay_ms) < 0)
			return -1;
		if (p.kind != PK_CUT)
			gen_account(g, &p);
	}
	return 0;
}

int gen_send_json(struct gen *g, cJSON *o)
{
	char *s = json_take(o);
	int keep = http_send(g->fd, g->rq, 200, g->fl->st, g->fl->ct_json, s);

	free(s);
	return keep;
}

static size_t steps_to_send(const struct gen *g)
{
	size_t n = script_len(g);
	int max = g->sc->max_tok;

	if (max == HALF && n / 2 > 0)
		return n / 2;
	if (max >= 0 && (size_t)max < n)
		return (size_t)max;
	return n;
}

/* The piece rendered with a marker for its text, cut just before it: the
 * start of an event whose JSON never ends. */
static void render_cut(struct gen *g, struct fbuf *b)
{
	struct piece p = {.kind = PK_TEXT, .text = CUT_MARK};
	size_t start = b->len;
	char *at;

	g->cut = true;
	g->pr->piece(g, b, &p, false);
	g->cut = false;
	at = memmem(b->p + start, b->len - start, CUT_MARK, strlen(CUT_MARK));
	if (at) {
		b->len = (size_t)(at - b->p);
		b->p[b->len] = '\0';
	}
}

static void render_piece(struct gen *g, struct fbuf *b, size_t i, bool last)
{
	struct piece p = script_at(g, i);

	if (p.kind != PK_CUT) {
		g->pr->piece(g, b, &p, last);
		return;
	}
	render_cut(g, b);
	fbuf_puts(b, p.text);
	fbuf_puts(b, g->pr->ndjson ? "\n" : "\n\n");
}

/* Piece i (if any) as one HTTP chunk; the first also opens the answer. */
static int send_step(struct gen *g, size_t i, size_t n)
{
	const struct scen *s = g->sc;
	bool normal = s->tail == END_DONE || s->tail == END_NO_DONE;
	struct fbuf b = {0};
	int r = 0;

	if (i == 0)
		g->t_first = io_now_ms();
	if (gen_head(g) < 0)
		return -1;
	if (!g->begun) {
		g->begun = true;
		g->pr->begin(g, &b);
		if (s->legacy)
			r = gen_flush(g, &b);
	}
	if (r == 0 && i < n)
		render_piece(g, &b, i, normal && i + 1 == n && n == script_len(g));
	if (r == 0)
		r = gen_flush(g, &b);
	fbuf_free(&b);
	return r;
}

static int send_ping(struct gen *g)
{
	struct fbuf b = {0};
	int r;

	g->pr->ping(g, &b);
	r = gen_flush(g, &b);
	fbuf_free(&b);
	return r;
}

/* While capturing (crlf) there is nothing to wait for. */
static int pause_ms(const struct gen *g, int ms)
{
	return g->capture ? 0 : io_sleep_ms(ms);
}

/* --rate: piece i goes out at start + i/rate seconds, on absolute
 * deadlines so the time spent writing does not slow the pace. */
static int pace(const struct gen *g, const struct timespec *start, size_t i)
{
	if (g->capture)
		return 0;
	long long ns = (long long)start->tv_nsec + (long long)(i * 1000000000.0 / fl_opt.rate);
	struct timespec at = { start->tv_sec + (time_t)(ns / 1000000000), (long)(ns % 1000000000) };

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL) == EINTR)
		if (atomic_load(&fl_stopping))
			return -1;
	return atomic_load(&fl_stopping) ? -1 : 0;
}

/* With no piece at all the answer still opens (i == 0 always runs). */
static int send_steps(struct gen *g)
{
	const struct scen *s = g->sc;
	size_t n = steps_to_send(g);
	struct timespec start;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (size_t i = 0; i == 0 || i < n; i++) {
		int waited = fl_opt.rate > 0 ? pace(g, &start, i) : i > 0 ? pause_ms(g, fl_opt.delay_ms) : 0;
		if (waited < 0)
			return -1;
		if (s->mid_ping && i > 0 && i == n / 2 && send_ping(g) < 0)
			return -1;
		if (send_step(g, i, n) < 0)
			return -1;
	}
	return 0;
}

/* over-cap: the start of one more event, then 40 MiB of 'a' in 1 MiB
 * chunks, as fast as the socket takes them, and never its end. */
static void send_overcap(struct gen *g)
{
	struct fbuf b = {0};
	const char *a = huge_text();

	render_cut(g, &b);
	if (gen_flush(g, &b) == 0)
		for (size_t sent = 0; sent < OVERCAP_LEN; sent += OVERCAP_CHUNK)
			if (io_chunk(g->fd, a, OVERCAP_CHUNK) < 0)
				break;
	fbuf_free(&b);
}

static int send_tail(struct gen *g, struct fbuf *b)
{
	switch (g->sc->tail) {
	case END_DONE:
	case END_NO_DONE: return g->pr->finish(g, b, g->sc->tail == END_DONE);
	case END_ERROR: return g->pr->fail(g, b, F_MID);
	case END_LEGACY: return g->pr->fail(g, b, F_LEGACY);
	case END_ERROR_DONE: return g->pr->fail(g, b, F_ERROR_DONE);
	case END_FAILED: return g->pr->fail(g, b, F_FAILED);
	case END_CUT: return -1;
	case END_STALL: io_wait_gone(g->fd); return -1;
	case END_OVERCAP: send_overcap(g); return -1;
	}
	return -1;
}

static int finish(struct gen *g)
{
	struct fbuf b = {0};
	int r = send_tail(g, &b);

	if (r == 0)
		r = gen_flush(g, &b);
	fbuf_free(&b);
	if (r < 0)
		return 0;
	if (g->capture)
		return 1;
	if (io_chunk_end(g->fd) < 0)
		return 0;
	return http_keeps(g->rq, 200, g->fl->st);
}

/* 1 keep the connection, 0 close it. */
int gen_run_stream(struct gen *g)
{
	const struct scen *s = g->sc;

	if (io_sleep_ms(s->wait_ms < 0 ? fl_opt.wait_ms : s->wait_ms) < 0)
		return 0;
	g->t_load = io_now_ms();
	if (!g->stream && !s->forced)
		return gen_collect(g) < 0 ? 0 : g->pr->whole(g);
	if ((s->pings > 0 || s->legacy) && gen_head(g) < 0)
		return 0;
	for (int i = 0; i < s->pings; i++)
		if (pause_ms(g, fl_opt.delay_ms) < 0 || send_ping(g) < 0)
			return 0;
	if (send_steps(g) < 0)
		return 0;
	return finish(g);
}

static void gen_init(struct gen *g, const struct req *rq)
{
	const cJSON *j = rq->json;
	const cJSON *model = cJSON_GetObjectItemCaseSensitive(j, "model");
	const cJSON *stream = cJSON_GetObjectItemCaseSensitive(j, "stream");
	const cJSON *opts = cJSON_GetObjectItemCaseSensitive(j, "stream_options");
	const cJSON *params = cJSON_GetObjectItemCaseSensitive(j, "parameters");

	g->model = g->fl->model;
	if (g->fl->echo_model && cJSON_IsString(model))
		g->model = model->valuestring;
	g->created = (long)time(NULL);
	g->t0 = io_now_ms();
	g->stream = cJSON_IsTrue(stream) || (!stream && g->pr->stream_default);
	g->usage = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(opts, "include_usage"));
	g->details = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(params, "details"));
	g->prompt_n = words_in_request(j);
	g->end_marker = g->sc->tail == END_DONE;
	g->pr->init(g);
}

/* Scenario s on protocol pr; 1 keep the connection, 0 close it. The reply
 * is picked once a slot is free, so the sequences count answers in the
 * order they play, and one whose client left while waiting takes none. */
int gen_play(int fd, const struct req *rq, const struct proto *pr, const struct scen *s)
{
	struct gen g = {.fd = fd, .rq = rq, .fl = fl_opt.flavor, .pr = pr, .sc = s};
	int keep;

	if (slot_take(fd, rq->ticket) < 0)
		return 0;
	g.rp = reply_pick(rq->json);
	gen_init(&g, rq);
	if (s->kind == K_CRLF)
		keep = pr->chat ? crlf_chat(&g) : crlf_any(&g);
	else
		keep = gen_run_stream(&g);
	fbuf_free(&g.text);
	fbuf_free(&g.reason);
	fbuf_free(&g.args);
	slot_give();
	return keep;
}
