/* wrap: row breaking by display width. */
#include "wrap.h"

#include <string.h>
#include <wchar.h>

/* Length and width of the character at p (1 and 1 for invalid bytes). */
static size_t wrap_char(const char *p, size_t left, int *w)
{
	mbstate_t st;
	wchar_t wc;

	memset(&st, 0, sizeof st);
	size_t n = mbrtowc(&wc, p, left, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*w = 1;
		return 1;
	}
	int cw = wcwidth(wc);
	*w = cw < 0 ? 1 : cw;
	return n;
}

int wrap_row(const char *text, size_t len, size_t pos, int width, size_t *end, size_t *next)
{
	size_t space = 0; /* just past the last space in this row, 0 if none */
	int used = 0;

	if (pos >= len)
		return 0;
	for (size_t i = pos; i < len;) {
		if (text[i] == '\n') {
			*end = i;
			*next = i + 1;
			return 1;
		}
		int w;
		size_t n = wrap_char(text + i, len - i, &w);
		if (used + w > width && i > pos) {
			*end = *next = space > pos ? space : i;
			return 1;
		}
		used += w;
		i += n;
		if (text[i - 1] == ' ')
			space = i;
	}
	*end = *next = len;
	return 1;
}

int wrap_width(const char *text, size_t len)
{
	int total = 0;

	for (size_t i = 0; i < len;) {
		int w;
		i += wrap_char(text + i, len - i, &w);
		total += w;
	}
	return total;
}
