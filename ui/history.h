/* history: past prompts, kept across sessions in DATA_DIR/history for
 * Alt-P, Alt-N and Ctrl-R in the prompt editor. No curses.
 *
 * The file holds one JSON object per line ({"text":"..."}), so multi-line
 * prompts keep their newlines and any byte survives. It is only appended
 * to, one write(2) per prompt, so sessions running side by side do not
 * overwrite each other; a line that does not parse (a write cut short by a
 * crash) is skipped. When the file holds twice the limit it is rewritten
 * atomically with the newest entries only. */
#ifndef FAOS_HISTORY_H
#define FAOS_HISTORY_H

#include <stddef.h>

struct history {
	char **items; /* oldest first */
	size_t n, cap;
	size_t in_file; /* entries (good or not) in the file, to know when to compact */
	char *path;
	int limit;    /* entries kept; 0: no history at all */
};

/* Reads path (a missing file is an empty history), keeping the newest limit
 * entries. -1 and *err (allocated) if the file exists but cannot be read;
 * h is then empty but usable. */
int history_load(struct history *h, const char *path, int limit, char **err);
/* Adds text as the newest entry and appends it to the file, creating the
 * file's directory. An entry equal to the newest one is not added again,
 * nor an empty one. -1 and *err when the file cannot be written (the entry
 * is kept for this session). */
int history_add(struct history *h, const char *text, char **err);
/* Entry i (0 is the oldest), or NULL. */
const char *history_get(const struct history *h, size_t i);
/* The newest entry older than before (an index; h->n for all) containing
 * query, or -1. An empty query matches every entry. */
long history_search(const struct history *h, const char *query, long before);
void history_free(struct history *h);

#endif
