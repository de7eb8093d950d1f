/* fuzz-reply: libFuzzer harness for the reply parser (src/orch/reply.h).
 *
 * Input: the reply text itself (not NUL-terminated, so a read past its end
 * is caught by ASan). Besides not crashing, the parse must hold these
 * invariants:
 *  - every change has a non-empty path without '\n';
 *  - a REPLY_FILE's content and every edit's search/replace text is
 *    NUL-terminated at its length, and when the input holds no NUL byte
 *    the length is the strlen;
 *  - explanation and thinking are never NULL (run_command and every note
 *    are NUL-terminated strings where present);
 *  - parsing the same input twice gives the same result (compared through
 *    a byte dump of everything the parse returned).
 * Any breach aborts, so libFuzzer saves the input under its artifact
 * prefix. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "orch/reply.h"

/* A string field: its length, then its bytes; NULL is a length of -1. */
static void dump_bytes(struct buf *out, const char *s, size_t n)
{
	buf_append(out, &n, sizeof n);
	if (s != NULL)
		buf_append(out, s, n);
}

static void dump_str(struct buf *out, const char *s)
{
	dump_bytes(out, s, s != NULL ? strlen(s) : (size_t)-1);
}

static void dump_num(struct buf *out, size_t n)
{
	buf_append(out, &n, sizeof n);
}

/* Checks that s[0..len) is followed by a NUL and, when the input had no
 * NUL byte, holds none either. */
static void check_text(const char *s, size_t len, int input_has_nul)
{
	if (s == NULL || s[len] != '\0')
		abort();
	if (!input_has_nul && strlen(s) != len)
		abort();
}

static void check_and_dump(const struct reply *r, int input_has_nul, struct buf *out)
{
	if (r->explanation == NULL || r->thinking == NULL)
		abort();
	if (r->nchanges > 0 && r->changes == NULL)
		abort();
	if (r->nnotes > 0 && r->notes == NULL)
		abort();
	dump_num(out, r->nchanges);
	for (size_t i = 0; i < r->nchanges; i++) {
		const struct reply_change *c = &r->changes[i];

		if (c->path == NULL || c->path[0] == '\0' || strchr(c->path, '\n') != NULL)
			abort();
		dump_num(out, (size_t)c->kind);
		dump_str(out, c->path);
		dump_num(out, c->line);
		dump_num(out, (size_t)c->unterminated);
		switch (c->kind) {
		case REPLY_FILE:
			check_text(c->content, c->len, input_has_nul);
			dump_bytes(out, c->content, c->len);
			break;
		case REPLY_EDIT:
			if (c->nedits > 0 && c->edits == NULL)
				abort();
			dump_num(out, c->nedits);
			for (size_t k = 0; k < c->nedits; k++) {
				const struct reply_edit *e = &c->edits[k];

				check_text(e->search, e->search_len, input_has_nul);
				check_text(e->replace, e->replace_len, input_has_nul);
				dump_bytes(out, e->search, e->search_len);
				dump_bytes(out, e->replace, e->replace_len);
			}
			break;
		case REPLY_DELETE:
			break;
		default:
			abort();
		}
	}
	dump_str(out, r->run_command);
	dump_str(out, r->explanation);
	dump_str(out, r->thinking);
	dump_num(out, r->nnotes);
	for (size_t i = 0; i < r->nnotes; i++) {
		if (r->notes[i] == NULL)
			abort();
		dump_str(out, r->notes[i]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size); /* libFuzzer calls it */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	int has_nul = memchr(data, '\0', size) != NULL;
	struct buf first = BUF_INIT, second = BUF_INIT;
	struct reply r;

	reply_parse(text, size, &r);
	check_and_dump(&r, has_nul, &first);
	reply_free(&r);

	reply_parse(text, size, &r);
	check_and_dump(&r, has_nul, &second);
	reply_free(&r);

	if (first.len != second.len ||
	    (first.len > 0 && memcmp(first.data, second.data, first.len) != 0))
		abort();
	buf_free(&first);
	buf_free(&second);
	return 0;
}
