/* store: everything a project keeps on disk, so nothing is ever lost.
 *
 * Layout under <data-dir> (see the man page, FILES):
 *   projects/NAME/project.json    name, workspace, state, created; replaced
 *                                 atomically on every change
 *   projects/NAME/journal.jsonl   the append-only history, one JSON object
 *                                 per line: {"v":SCHEMA,"seq":N,"t":MS,
 *                                 "type":"...",...}
 *   projects/NAME/versions/N.json the full file set of version N (path,
 *                                 sha256, size, mode) and what it changed
 *   projects/NAME/objects/ab/cd…  file contents by sha256, shared by versions
 *   projects/NAME/runs/…          each run's output log
 *   projects/NAME/workspace/      the default workspace
 *   archive/NAME.tar.gz           archived projects
 *   last-project                  the project to reopen at start
 *
 * Durability: journal lines are appended with one write(2) each (O_APPEND)
 * and fsync'd when the caller asks (at every state transition); versions
 * and objects are written with base/atomic.h before the journal line that
 * names them, so a crash leaves at worst an object nobody names. On open,
 * a torn last line (no newline, or not JSON) is cut off and reported,
 * never parsed; a bad line in the middle is skipped and reported. Older
 * schema versions are migrated in memory when read; the file is never
 * rewritten.
 *
 * Backends: the operations below are the interface; store-fs*.c is the
 * local-filesystem backend behind a struct store_backend vtable
 * (store-backend.h), so another backend can be added without touching
 * callers.
 *
 * Git: where git is installed and the workspace has no repository of its
 * own, store_create makes one and every version is also a commit (hooks,
 * external diff, textconv and fsmonitor disabled; the user's global and
 * system git config not read). A workspace that already is a repository is
 * left to its owner: no commits are made in it. */
#ifndef FAOS_STORE_H
#define FAOS_STORE_H

#include <stddef.h>

#include <cJSON.h>

#include "base/buf.h"

#define STORE_SCHEMA 1

enum store_state { STORE_ACTIVE, STORE_FINALIZED };

struct store_project {
	char *name;
	char *workspace;     /* absolute */
	char *description;   /* the first prompt, "" until there is one */
	enum store_state state;
	int final_version;   /* the tagged version when finalized, else 0 */
	int latest;          /* latest version number, 0 when none */
	long long created_ms, updated_ms;
	char *loop_state;    /* orchestrator state at the last "state" event, "" if none */
	int git;             /* versions are also git commits */
	int archived;        /* only in store_list results */
};

struct store_file {
	char *path;          /* relative, normalised */
	char sha256[65];
	size_t size;
	unsigned mode;       /* permission bits */
};

struct store_version {
	int number;
	long long time_ms;
	int iteration;       /* loop iteration that produced it, 0: none */
	char *message;       /* "iteration 2: add tests for empty input" */
	struct store_file *files; /* the whole file set, sorted by path */
	size_t nfiles;
	char **added, **modified, **deleted; /* relative to the previous version */
	size_t nadded, nmodified, ndeleted;
};

struct store_event {
	long seq;
	long long t_ms;
	const char *type;    /* points into json */
	cJSON *json;         /* the whole line, migrated to STORE_SCHEMA */
};

struct store;

/* NAME: 1-64 of letters, digits, '.', '_', '-', not starting with '.'.
 * 0, or -1 and *err naming the bad character. */
int store_check_name(const char *name, char **err);

/* Creates project name. workspace: an existing directory, or NULL for
 * <data-dir>/projects/NAME/workspace (created). scaffold: a directory whose
 * files are copied into the workspace first, or NULL. Files already in
 * the workspace (or from the scaffold) become version 0. The project
 * becomes the last project. -1 and *err when it exists or I/O fails. */
int store_create(const char *data_dir, const char *name, const char *workspace,
		 const char *scaffold, struct store **out, char **err);
/* Opens and loads it (journal, project, latest version). *warning, when
 * set (allocated), is one line to show: "journal.jsonl: torn last line
 * (37 bytes) ignored". */
int store_open(const char *data_dir, const char *name, struct store **out, char **warning,
	       char **err);
void store_close(struct store *s);

const struct store_project *store_project(const struct store *s);
const char *store_dir(const struct store *s); /* <data-dir>/projects/NAME */

/* Journal. Appends {"v","seq","t","type"} + fields (taken over, may be
 * NULL); fsync'd when sync. The event is also added to the loaded list.
 * The first "prompt" event's "text" becomes the description, the last
 * "state" event's "to" the loop_state; the store's own types (create,
 * version, finalize, reopen, git_error) are refused. */
int store_append(struct store *s, const char *type, cJSON *fields, int sync, char **err);
size_t store_events(const struct store *s, const struct store_event **events);

/* Versions. Records a new version = the latest one with the files written
 * (read from the workspace now) and deleted; commits it to git when the
 * project uses git; appends a "version" journal event (fsync'd). */
int store_commit(struct store *s, int iteration, const char *message, char *const *written,
		 size_t nwritten, char *const *deleted, size_t ndeleted, int *number, char **err);
int store_version_load(struct store *s, int number, struct store_version *out, char **err);
void store_version_free(struct store_version *v);
/* Content of one file of a version (allocated, NUL-terminated). */
char *store_file_read(struct store *s, const struct store_file *f, size_t *len, char **err);
/* Unified diff (3 lines of context) from version v1 (0: no files) to v2
 * into out. */
int store_diff(struct store *s, int v1, int v2, struct buf *out, char **err);
/* Workspace := version number's files (files of the latest version that
 * are not in it are removed; other files are left alone), recorded as a
 * new version "restore version N". *number gets the new version. */
int store_restore(struct store *s, int number, int *new_number, char **err);

/* Lifecycle. Finalized projects refuse store_commit and store_restore
 * until reopened. */
int store_finalize(struct store *s, char **err);
int store_reopen(struct store *s, char **err);
/* Projects (archived ones too when with_archived), sorted by last change,
 * newest first. */
int store_list(const char *data_dir, int with_archived, struct store_project **out, size_t *n,
	       char **err);
void store_project_free_all(struct store_project *p, size_t n);
int store_archive(const char *data_dir, const char *name, char **err);
int store_unarchive(const char *data_dir, const char *name, char **err);
/* version 0..latest; dest ending in .tar.gz or .tgz: a tarball, else a
 * directory that must not exist yet. */
int store_export(struct store *s, int version, const char *dest, char **err);
int store_delete(const char *data_dir, const char *name, char **err);

/* The project `faos-codex` reopens at start (allocated), or NULL. */
char *store_last(const char *data_dir);
int store_set_last(const char *data_dir, const char *name);

#endif
