/* scenario: what happens in an answer, whatever the protocol — the table of
 * scenarios, the "fail the first N requests" counters, and the script of
 * pieces (reply tokens, reasoning words, tool-call fragments, a cut line)
 * that the engine plays through a protocol writer. */
#include "proto.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define HUGE_LEN (16u * 1024 * 1024)

#define NGINX_502                                                                      \
	"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"           \
	"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.24.0</center>" \
	"\r\n</body>\r\n</html>\r\n"

#define STREAM(...) .kind = K_STREAM, .max_tok = ALL, __VA_ARGS__
#define FORCED(...) .kind = K_STREAM, .forced = true, __VA_ARGS__

static const struct scen scens[] = {
	{.name = "ok", STREAM()},
	{.name = "llama", STREAM()},
	{.name = "slow-headers", STREAM(.wait_ms = 3000)},
	{.name = "slow-first-byte", STREAM(.wait_ms = -1)},
	{.name = "pings", STREAM(.pings = 3, .mid_ping = true)},
	{.name = "think", STREAM(.script = SC_THINK)},
	{.name = "reasoning", STREAM(.script = SC_REASON)},
	{.name = "tool-call", STREAM(.script = SC_TOOL)},
	{.name = "huge-line", STREAM(.script = SC_HUGE)},
	{.name = "retry-429", STREAM(.gate = G_429)},
	{.name = "retry-429-ms", STREAM(.gate = G_429_MS)},
	{.name = "loading-then-ok", STREAM(.gate = G_LOADING)},
	{.name = "drop-then-ok", STREAM(.gate = G_DROP)},
	{.name = "midstream-error", FORCED(.max_tok = HALF, .tail = END_ERROR)},
	{.name = "error-then-done", FORCED(.max_tok = HALF, .tail = END_ERROR_DONE)},
	{.name = "failed", FORCED(.max_tok = HALF, .tail = END_FAILED)},
	{.name = "legacy-error", FORCED(.max_tok = 3, .tail = END_LEGACY, .legacy = true)},
	{.name = "truncated", FORCED(.max_tok = 3, .tail = END_CUT)},
	{.name = "no-done", FORCED(.max_tok = ALL, .tail = END_NO_DONE)},
	{.name = "stall", FORCED(.max_tok = 1, .tail = END_STALL)},
	{.name = "malformed", FORCED(.max_tok = ALL, .script = SC_MALFORMED)},
	{.name = "over-cap", FORCED(.max_tok = 0, .tail = END_OVERCAP)},
	{.name = "crlf", .kind = K_CRLF, .max_tok = ALL, .forced = true},
	{.name = "error-401", .kind = K_ERR, .err = E_AUTH},
	{.name = "loading", .kind = K_ERR, .err = E_LOADING},
	{.name = "context", .kind = K_ERR, .err = E_CONTEXT},
	{.name = "error-string", .kind = K_FIXED, .status = 400, .style = ST_GO,
	 .ctype = FL_CT_JSON, .body = "{\"error\":\"model 'x' not found\"}"},
	{.name = "html-502", .kind = K_FIXED, .status = 502, .style = ST_NGINX,
	 .ctype = "text/html", .body = NGINX_502},
	{.name = "plain-500", .kind = K_FIXED, .status = 500, .style = ST_LLAMA,
	 .ctype = "text/plain", .body = "Internal Server Error"},
};

#define NSCENS (sizeof scens / sizeof scens[0])

const struct scen *scen_find(const char *name)
{
	for (size_t i = 0; i < NSCENS; i++)
		if (strcmp(scens[i].name, name) == 0)
			return &scens[i];
	return NULL;
}

/* True for the first --fail-first requests of a gated scenario, counted per
 * scenario over the whole server. */
bool scen_gate_fails(const struct scen *s)
{
	static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	static int seen[NSCENS];
	size_t i = (size_t)(s - scens);
	bool fails;

	pthread_mutex_lock(&mu);
	fails = seen[i] < fl_opt.fail_first;
	if (fails)
		seen[i]++;
	pthread_mutex_unlock(&mu);
	return fails;
}

static char *huge;

static void huge_init(void)
{
	huge = malloc(HUGE_LEN + 1);
	if (!huge)
		abort();
	memset(huge, 'a', HUGE_LEN);
	huge[HUGE_LEN] = '\0';
}

/* 16 MiB of 'a', made once and shared read-only. */
const char *huge_text(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, huge_init);
	return huge;
}

/* think: raw tags in the content, split the way tokenizers split them. */
static const char *const think_pre[] = {"<thi", "nk>", " Let", " me", " think.", "</thi", "nk>"};
static const char *const reason_words[] = {"Let ", "me ", "think."};
/* TOOL_ARGS in three pieces, cut inside the key and inside the value. */
static const char *const tool_frags[TOOL_FRAGS] = {"{\"city\"", ":\"Tok", "yo\"}"};

#define NTHINK (sizeof think_pre / sizeof think_pre[0])
#define NREASON (sizeof reason_words / sizeof reason_words[0])

size_t script_len(const struct gen *g)
{
	size_t ntok = g->rp->ntok;

	switch (g->sc->script) {
	case SC_THINK: return NTHINK + ntok;
	case SC_REASON: return NREASON + ntok;
	case SC_TOOL: return TOOL_FRAGS;
	case SC_MALFORMED: return 1 + ntok;
	case SC_HUGE: return 1;
	case SC_REPLY: break;
	}
	return ntok;
}

static struct piece text(const char *t)
{
	return (struct piece){.kind = PK_TEXT, .text = t};
}

/* malformed: one good token, the cut line, then the rest. */
static struct piece malformed_at(const struct reply *rp, size_t i)
{
	size_t cut = rp->ntok > 0 ? 1 : 0;

	if (i == cut)
		return (struct piece){.kind = PK_CUT, .text = "t"};
	return text(rp->tok[i < cut ? i : i - 1]);
}

struct piece script_at(const struct gen *g, size_t i)
{
	char *const *tok = g->rp->tok;

	switch (g->sc->script) {
	case SC_THINK:
		return text(i < NTHINK ? think_pre[i] : tok[i - NTHINK]);
	case SC_REASON:
		if (i < NREASON)
			return (struct piece){.kind = PK_REASON, .text = reason_words[i]};
		return text(tok[i - NREASON]);
	case SC_TOOL:
		return (struct piece){.kind = PK_TOOL, .text = tool_frags[i], .frag = (int)i};
	case SC_MALFORMED:
		return malformed_at(g->rp, i);
	case SC_HUGE:
		return text(huge_text());
	case SC_REPLY:
		break;
	}
	return text(tok[i]);
}
