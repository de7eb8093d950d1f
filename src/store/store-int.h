/* store-int: the store's own state and the functions its files share
 * (project.c, projmeta.c, journal.c, versions.c, commit.c, history.c,
 * lifecycle.c, export.c, wsfiles.c, git.c). Callers outside src/store use
 * store.h only. */
#ifndef FAOS_STORE_INT_H
#define FAOS_STORE_INT_H

#include <stddef.h>
#include <time.h>

#include "store/store-backend.h"
#include "store/store.h"

struct store {
	struct store_backend *be;
	char *dir;                  /* <data>/projects/NAME, for store_dir */
	struct store_project p;
	int have_version;           /* p.latest names a version */
	int first_version;          /* 0 when there is a version 0, else 1 */
	struct store_version last;  /* the latest version (empty when none) */
	struct store_event *events; /* the journal as loaded and appended */
	size_t nevents, events_cap;
	long next_seq;
};

/* Wall-clock milliseconds, for the journal and version times. */
static inline long long store_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* project.c */
int store_save_project(struct store *s, char **err);
int store_project_from_json(const char *text, struct store_project *p);
void store_project_clear(struct store_project *p);
/* "project 'x' not found (where); ..." or the archived variant. */
char *store_missing(struct store_backend *be, const char *name);

/* journal.c: reads the journal into s (repairing a torn end). */
int store_journal_load(struct store *s, char **warning, char **err);
/* store_append without the check of reserved types, for the store's own. */
int store_journal_append(struct store *s, const char *type, cJSON *fields, int sync, char **err);
void store_journal_free(struct store *s);

/* versions.c: the commit itself, with no state check; number is 0 for the
 * version made at create. */
int store_version_commit(struct store *s, int number, int iteration, const char *message,
			 char *const *written, size_t nwritten, char *const *deleted, size_t ndeleted,
			 char **err);
int store_version_read(struct store *s, int number, struct store_version *out, char **err);
/* versions/N.json's text (allocated). */
char *store_version_text(const struct store_version *v);

/* wsfiles.c: files of a workspace, opened beneath its root. */
int store_ws_path_ok(const char *path);
void store_ws_sha256(const void *data, size_t len, char hex[65]);
/* A regular file's content, size and permission bits. */
char *store_ws_read(int wsfd, const char *root, const char *path, size_t *len, unsigned *mode,
		    char **err);
/* Atomic write, making parent directories (0755). */
int store_ws_write(int wsfd, const char *root, const char *path, const void *data, size_t len,
		   unsigned mode, char **err);
int store_ws_unlink(int wsfd, const char *root, const char *path, char **err);
/* Regular files under root, relative, sorted; .git and .faos-codex and
 * symlinks left out. */
int store_ws_scan(const char *root, char ***paths, size_t *n, char **err);
int store_ws_open_root(const char *root, char **err);
void store_ws_free_paths(char **paths, size_t n);

/* git.c */
int store_git_usable(void); /* git is on PATH */
int store_git_init(struct store *s, char **err);
/* Failures become "git_error" journal events. */
void store_git_commit(struct store *s, int number, const char *message, char *const *written,
		      size_t nwritten, char *const *deleted, size_t ndeleted);
void store_git_tag(struct store *s, int number);

#endif
