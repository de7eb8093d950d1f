/* reply-parse: how fast a model's reply is turned into changes
 * (src/orch/reply.c).
 *
 * Usage: reply-parse [RUNS]
 *
 * Builds a synthetic ~5 MB reply the way a coding model writes one: a
 * <think> preamble, then files, each a sentence of prose, a path line and
 * a fenced block of code; some SEARCH/REPLACE edits; a README.md with
 * nested fences; a DELETE line and a run block. Parses it RUNS times
 * (default 20) and prints the median in MB/s (1 MB = 10^6 bytes). A figure,
 * not an assert. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "orch/reply.h"

#define FILES 40
#define LINES_PER_FILE 1900
#define EDITS 20

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void add_file(struct buf *b, int i)
{
	buf_printf(b, "The module %d keeps the parsing helpers apart from the I/O.\n\n", i);
	buf_printf(b, "src/pkg/module_%02d.py\n```python\n", i);
	for (int k = 0; k < LINES_PER_FILE; k++)
		buf_printf(b, "    result_%d = compute_value(items[%d], factor=%d)  # step %d\n", k,
			   k % 17, i, k);
	buf_append_str(b, "```\n\n");
}

static void add_edit(struct buf *b, int i)
{
	buf_printf(b, "src/pkg/module_%02d.py\n```python\n", i);
	for (int k = 0; k < 3; k++)
		buf_printf(b, "<<<<<<< SEARCH\n    result_%d = compute_value(items[0])\n=======\n"
			      "    result_%d = compute_value(items[1])\n>>>>>>> REPLACE\n",
			   k, k);
	buf_append_str(b, "```\n\n");
}

static void build_reply(struct buf *b)
{
	buf_append_str(b, "<think>\nThe user wants a package. I will write the modules, "
			  "then fix the imports.\n</think>\n\nHere is the package.\n\n");
	for (int i = 0; i < FILES; i++)
		add_file(b, i);
	for (int i = 0; i < EDITS; i++)
		add_edit(b, i);
	buf_append_str(b, "README.md\n```markdown\n# pkg\n\n```sh\npython3 -m pkg\n```\n```\n\n"
			  "DELETE src/pkg/old.py\n\n```run\npython3 -m unittest -q\n```\n");
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 20;
	struct buf text = BUF_INIT;
	struct reply r;
	size_t files = 0;

	if (runs < 1)
		runs = 1;
	double *t = calloc((size_t)runs, sizeof *t);
	if (t == NULL)
		return 1;
	build_reply(&text);
	for (int i = 0; i < runs; i++) {
		double t0 = now_s();
		reply_parse(text.data, text.len, &r);
		t[i] = now_s() - t0;
		files = r.nchanges;
		reply_free(&r);
	}
	qsort(t, (size_t)runs, sizeof *t, cmp_double);
	double median = t[runs / 2];
	printf("reply parse: %.1f MB/s (%.1f MB reply, %zu changes, median of %d: %.2f ms)\n",
	       (double)text.len / 1e6 / median, (double)text.len / 1e6, files, runs, median * 1e3);
	free(t);
	buf_free(&text);
	return 0;
}
