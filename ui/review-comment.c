/* review-comment: the one-line comment an approving review can send back
 * instead of applying the reply. While it is open it takes the printable
 * keys (the screen has wants_text, and gives them back otherwise); Enter
 * and Escape stay with review.apply and review.close, which ask whether it
 * is open. What is typed goes to the model, so it is kept as plain text. */
#include <string.h>
#include <wchar.h>

#include "keymap.h"
#include "review-int.h"

int review_comment_col(const struct review_state *st, int w, size_t *from)
{
	int label = (int)strlen(REVIEW_COMMENT_LABEL), avail = w - label - 1;
	const char *t = st->comment.data ? st->comment.data : "";
	size_t len = st->comment.len;

	*from = 0;
	if (avail < 1)
		return w > 0 ? w - 1 : 0;
	/* The tail that fits, so what is typed stays in sight. */
	while (*from < len && sbs_width(t + *from, len - *from) > avail) {
		(*from)++;
		while (*from < len && (t[*from] & 0xC0) == 0x80)
			(*from)++;
	}
	return label + sbs_width(t + *from, len - *from);
}

/* The comment line takes the printable keys while open. */
int review_comment_key(struct pane *p, int key)
{
	struct review_state *st = p->state;

	if (!st->commenting)
		return 0;
	if (key == (KEYC_FUNC | KEY_BACKSPACE) || key == 0x7f || key == 8) {
		while (st->comment.len && (st->comment.data[st->comment.len - 1] & 0xC0) == 0x80)
			st->comment.len--;
		if (st->comment.len)
			st->comment.len--;
		if (st->comment.data)
			st->comment.data[st->comment.len] = '\0';
	} else if (key == 21) { /* C-u */
		buf_reset(&st->comment);
	} else if (key >= ' ' && !(key & (KEYC_FUNC | KEYC_META))) {
		char mb[8];
		mbstate_t ms;
		memset(&ms, 0, sizeof ms);
		size_t n = wcrtomb(mb, (wchar_t)key, &ms);
		if (n != (size_t)-1)
			buf_append(&st->comment, mb, n);
	}
	p->dirty = 1;
	return 1;
}

/* A paste into the comment line: one line, control bytes dropped (the
 * comment goes to the model, which takes plain text). */
void review_comment_paste(struct pane *p, const char *text, size_t len)
{
	struct review_state *st = p->state;

	if (!st->commenting)
		return;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == '\n' || c == '\t')
			buf_append_char(&st->comment, ' ');
		else if (c >= 0x20 && c != 0x7f)
			buf_append_char(&st->comment, (char)c);
	}
	p->dirty = 1;
}

int review_comment_cursor(struct pane *p, int *row, int *col)
{
	struct review_state *st = p->state;
	size_t from;

	if (!st->commenting || p->r.h < 1)
		return -1;
	*row = p->r.h - 1;
	*col = review_comment_col(st, p->r.w, &from);
	return 0;
}

