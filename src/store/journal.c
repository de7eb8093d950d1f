/* journal: the project's append-only history (journal.jsonl).
 *
 * One JSON object per line, {"v":SCHEMA,"seq":N,"t":MS,"type":...} and
 * the event's fields; each line is one write(2). Loading repairs only what
 * a crash can leave: a torn last line (no '\n', or not JSON) is cut off
 * and reported; an unreadable line in the middle is skipped and reported
 * but stays in the file. Lines of an older schema go through the
 * migrations table in memory; the file is never rewritten. */
#include "store/store-int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/buf.h"
#include "base/xmalloc.h"

#define MAX_LISTED 5 /* bad line numbers named in the warning */

typedef int (*journal_migrate_fn)(cJSON *ev, long seq);

/* Schema 0 (before "v" existed): {"type":...,"time":MS?,...} without seq;
 * its place in the file gives the sequence number. */
static int migrate_0_to_1(cJSON *ev, long seq)
{
	cJSON *time = cJSON_DetachItemFromObjectCaseSensitive(ev, "time");
	double t = cJSON_IsNumber(time) ? time->valuedouble : 0;

	cJSON_Delete(time);
	if (!cJSON_GetObjectItemCaseSensitive(ev, "seq"))
		cJSON_AddNumberToObject(ev, "seq", (double)seq);
	if (!cJSON_GetObjectItemCaseSensitive(ev, "t"))
		cJSON_AddNumberToObject(ev, "t", t);
	return 0;
}

/* migrations[v] brings an event from schema v to v + 1. */
static const journal_migrate_fn migrations[STORE_SCHEMA] = {
	[0] = migrate_0_to_1,
};

/* The line as an event of STORE_SCHEMA, or NULL (*newer set to the
 * schema when it is one we do not know yet). */
static cJSON *parse_line(const char *line, size_t len, long seq, int *newer)
{
	cJSON *j = cJSON_ParseWithLength(line, len), *v;
	int ver;

	*newer = 0;
	if (!cJSON_IsObject(j))
		goto bad;
	v = cJSON_GetObjectItemCaseSensitive(j, "v");
	ver = v == NULL ? 0 : cJSON_IsNumber(v) && v->valuedouble >= 0 ? v->valueint : -1;
	if (ver < 0)
		goto bad;
	if (ver > STORE_SCHEMA) {
		*newer = ver;
		goto bad;
	}
	if (ver < STORE_SCHEMA) {
		for (; ver < STORE_SCHEMA; ver++)
			if (migrations[ver](j, seq) < 0)
				goto bad;
		cJSON_DeleteItemFromObjectCaseSensitive(j, "v");
		cJSON_AddNumberToObject(j, "v", STORE_SCHEMA);
	}
	const cJSON *type = cJSON_GetObjectItemCaseSensitive(j, "type");
	if (cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(j, "seq")) &&
	    cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(j, "t")) && cJSON_IsString(type) &&
	    type->valuestring[0] != '\0')
		return j;
bad:
	cJSON_Delete(j);
	return NULL;
}

/* What an event changes in the project as loaded. */
static void replay(struct store *s, const struct store_event *ev)
{
	const cJSON *num = cJSON_GetObjectItemCaseSensitive(ev->json, "number");
	const char *text;

	if (ev->t_ms > s->p.updated_ms)
		s->p.updated_ms = ev->t_ms;
	if (!strcmp(ev->type, "version") && cJSON_IsNumber(num)) {
		if (!s->have_version)
			s->first_version = num->valueint;
		s->p.latest = num->valueint;
		s->have_version = 1;
	} else if (!strcmp(ev->type, "finalize")) {
		num = cJSON_GetObjectItemCaseSensitive(ev->json, "version");
		s->p.state = STORE_FINALIZED;
		s->p.final_version = cJSON_IsNumber(num) ? num->valueint : s->p.latest;
	} else if (!strcmp(ev->type, "reopen")) {
		s->p.state = STORE_ACTIVE;
		s->p.final_version = 0;
	} else if (!strcmp(ev->type, "prompt") && s->p.description[0] == '\0' &&
		   (text = json_str(ev->json, "text", NULL)) != NULL) {
		free(s->p.description);
		s->p.description = xstrdup(text);
	} else if (!strcmp(ev->type, "state") && (text = json_str(ev->json, "to", NULL)) != NULL) {
		free(s->p.loop_state);
		s->p.loop_state = xstrdup(text);
	}
}

static void push_event(struct store *s, cJSON *j)
{
	if (s->nevents == s->events_cap) {
		s->events_cap = s->events_cap ? s->events_cap * 2 : 64;
		s->events = xreallocarray(s->events, s->events_cap, sizeof *s->events);
	}
	struct store_event *ev = &s->events[s->nevents++];
	ev->json = j;
	ev->seq = (long)cJSON_GetObjectItemCaseSensitive(j, "seq")->valuedouble;
	ev->t_ms = (long long)cJSON_GetObjectItemCaseSensitive(j, "t")->valuedouble;
	ev->type = cJSON_GetObjectItemCaseSensitive(j, "type")->valuestring;
	if (ev->seq >= s->next_seq)
		s->next_seq = ev->seq + 1;
	replay(s, ev);
}

/* Bytes of a torn tail to cut off (0: none): a fragment with no '\n', or
 * a whole last line that does not parse. */
static size_t torn_tail(const char *data, size_t len)
{
	if (len == 0)
		return 0;
	if (data[len - 1] != '\n') {
		const char *nl = memrchr(data, '\n', len);
		return nl ? len - (size_t)(nl - data) - 1 : len;
	}
	const char *prev = len > 1 ? memrchr(data, '\n', len - 1) : NULL;
	size_t start = prev ? (size_t)(prev - data) + 1 : 0;
	int newer;
	cJSON *j = parse_line(data + start, len - 1 - start, 0, &newer);
	if (j != NULL || newer)
		return cJSON_Delete(j), 0;
	return len - start;
}

static void note_bad(struct buf *bad, size_t *nbad, size_t lineno)
{
	if (*nbad < MAX_LISTED)
		buf_printf(bad, "%s%zu", *nbad ? ", " : "", lineno);
	(*nbad)++;
}

static char *bad_lines_text(const struct buf *bad, size_t nbad)
{
	if (nbad > MAX_LISTED)
		return xasprintf("journal.jsonl: lines %s and %zu more unreadable, skipped",
				 bad->data, nbad - MAX_LISTED);
	return xasprintf("journal.jsonl: line%s %s unreadable, skipped", nbad > 1 ? "s" : "",
			 bad->data);
}

static int parse_all(struct store *s, const char *data, size_t len, struct buf *warn,
		     char **err)
{
	struct buf bad = BUF_INIT;
	size_t nbad = 0, lineno = 0;

	for (size_t i = 0; i < len;) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len;
		int newer;
		cJSON *j = parse_line(data + i, end - i, s->next_seq, &newer);
		lineno++;
		if (newer) {
			*err = xasprintf("journal.jsonl line %zu of project '%s' is from a newer "
					 "faos-codex (schema %d, this one reads %d); upgrade "
					 "faos-codex to open it", lineno, s->p.name, newer,
					 STORE_SCHEMA);
			buf_free(&bad);
			return -1;
		}
		if (j)
			push_event(s, j);
		else
			note_bad(&bad, &nbad, lineno);
		i = end + 1;
	}
	if (nbad) {
		char *text = bad_lines_text(&bad, nbad);
		buf_printf(warn, "%s%s", warn->len ? "; " : "", text);
		free(text);
	}
	buf_free(&bad);
	return 0;
}

int store_journal_load(struct store *s, char **warning, char **err)
{
	struct buf warn = BUF_INIT;
	size_t len;
	char *data = s->be->ops->journal_read(s->be, s->p.name, &len, err);
	int rc = -1;

	if (data == NULL)
		return -1;
	s->next_seq = 1;
	size_t torn = torn_tail(data, len);
	if (torn) {
		if (s->be->ops->journal_cut(s->be, s->p.name, len - torn, err) < 0)
			goto out;
		len -= torn;
		buf_printf(&warn, "journal.jsonl: torn last line (%zu bytes) ignored", torn);
	}
	rc = parse_all(s, data, len, &warn, err);
	if (rc == 0 && warn.len && warning)
		*warning = buf_steal(&warn);
out:
	buf_free(&warn);
	free(data);
	return rc;
}

static int reserved(const char *key)
{
	return !strcmp(key, "v") || !strcmp(key, "seq") || !strcmp(key, "t") ||
	       !strcmp(key, "type");
}

int store_journal_append(struct store *s, const char *type, cJSON *fields, int sync, char **err)
{
	cJSON *ev = cJSON_CreateObject(), *f;
	struct buf line = BUF_INIT;
	char *desc = xstrdup(s->p.description);
	int rc = -1;

	cJSON_AddNumberToObject(ev, "v", STORE_SCHEMA);
	cJSON_AddNumberToObject(ev, "seq", (double)s->next_seq);
	cJSON_AddNumberToObject(ev, "t", (double)store_now_ms());
	cJSON_AddStringToObject(ev, "type", type);
	while (cJSON_IsObject(fields) && (f = fields->child) != NULL) {
		cJSON_DetachItemViaPointer(fields, f);
		if (f->string == NULL || reserved(f->string))
			cJSON_Delete(f);
		else
			cJSON_AddItemToObject(ev, f->string, f);
	}
	cJSON_Delete(fields);
	char *text = cJSON_PrintUnformatted(ev);
	buf_printf(&line, "%s\n", text);
	cJSON_free(text);
	if (s->be->ops->journal_append(s->be, s->p.name, line.data, line.len, sync, err) < 0) {
		cJSON_Delete(ev);
		goto out;
	}
	push_event(s, ev);
	rc = 0;
	/* project.json carries the description for listings. */
	if (strcmp(desc, s->p.description) != 0)
		rc = store_save_project(s, err);
out:
	free(desc);
	buf_free(&line);
	return rc;
}

/* The store's own events: their meaning is replayed on open, so a caller
 * must not be able to fake them. */
static const char *const own_types[] = { "create", "version", "finalize", "reopen", "git_error" };

int store_append(struct store *s, const char *type, cJSON *fields, int sync, char **err)
{
	int bad = type[0] == '\0';

	for (size_t i = 0; i < sizeof own_types / sizeof *own_types; i++)
		bad |= !strcmp(type, own_types[i]);
	if (bad) {
		cJSON_Delete(fields);
		*err = xasprintf("event type '%s' is reserved by the store; use another type", type);
		return -1;
	}
	return store_journal_append(s, type, fields, sync, err);
}

size_t store_events(const struct store *s, const struct store_event **events)
{
	*events = s->events;
	return s->nevents;
}

void store_journal_free(struct store *s)
{
	for (size_t i = 0; i < s->nevents; i++)
		cJSON_Delete(s->events[i].json);
	free(s->events);
	s->events = NULL;
	s->nevents = s->events_cap = 0;
}
