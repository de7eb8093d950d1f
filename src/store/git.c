/* git: every version also a commit, in a repository the store made itself
 * (never in one the workspace already had).
 *
 * git runs from posix_spawnp with an argv (no shell) and an environment
 * of our own: HOME is the project's store directory and the system and
 * global configuration are not read, so nothing of the user's setup
 * (hooks, signing, external diff, fsmonitor, credential helpers) runs; the
 * same is forced with -c on every call. Pathspecs are literal. A failure
 * is journaled as "git_error" and never costs the version. */
#include "store/store-int.h"

#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "store/store-spawn.h"

#define BATCH 200 /* paths per git add / git rm, well below ARG_MAX */

static const char *const fixed_args[] = {
	"-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", "-c", "diff.external=",
	"-c", "core.attributesFile=/dev/null", "-c", "commit.gpgSign=false", "-c", "tag.gpgSign=false",
	"-c", "gc.auto=0", "-c", "maintenance.auto=false", "-c", "init.defaultBranch=main",
	/* Run as root, the sandbox hands the workspace to its unprivileged
	 * uid; the repository is still the one we made. */
	"-c", "safe.directory=*",
	"--literal-pathspecs",
};
#define NFIXED (sizeof fixed_args / sizeof *fixed_args)

int store_git_usable(void)
{
	return store_on_path("git");
}

/* git -C WORKSPACE <fixed> args... */
static int run_git(const struct store *s, const char *const *args, size_t nargs, char **err)
{
	const char *path = getenv("PATH");
	char *env[] = {
		xasprintf("PATH=%s", path && *path ? path : "/usr/bin:/bin"),
		xasprintf("HOME=%s", s->dir),
		xstrdup("LANG=C"),
		xstrdup("GIT_CONFIG_NOSYSTEM=1"),
		xstrdup("GIT_CONFIG_GLOBAL=/dev/null"),
		xstrdup("GIT_TERMINAL_PROMPT=0"),
		xstrdup("GIT_AUTHOR_NAME=FAOS Codex"),
		xstrdup("GIT_AUTHOR_EMAIL=faos-codex@localhost"),
		xstrdup("GIT_COMMITTER_NAME=FAOS Codex"),
		xstrdup("GIT_COMMITTER_EMAIL=faos-codex@localhost"),
		NULL,
	};
	const char **argv = xcalloc(3 + NFIXED + nargs + 1, sizeof *argv);
	size_t n = 0;

	argv[n++] = "git";
	argv[n++] = "-C";
	argv[n++] = s->p.workspace;
	for (size_t i = 0; i < NFIXED; i++)
		argv[n++] = fixed_args[i];
	for (size_t i = 0; i < nargs; i++)
		argv[n++] = args[i];
	int rc = store_spawn((char *const *)argv, env, NULL, err);
	for (char **e = env; *e; e++)
		free(*e);
	free(argv);
	return rc;
}

int store_git_init(struct store *s, char **err)
{
	static const char *const args[] = { "init", "-q" };
	char *why = NULL;

	if (run_git(s, args, 2, &why) == 0)
		return 0;
	*err = xasprintf("git init in %s failed: %s", s->p.workspace, why);
	free(why);
	return -1;
}

/* cmd... -- paths, BATCH paths at a time. */
static int run_batched(const struct store *s, const char *const *cmd, size_t ncmd,
		       char *const *paths, size_t n, char **err)
{
	const char **args = xcalloc(ncmd + 1 + BATCH, sizeof *args);
	int rc = 0;

	memcpy(args, cmd, ncmd * sizeof *args);
	args[ncmd] = "--";
	for (size_t i = 0; i < n && rc == 0; i += BATCH) {
		size_t k = n - i < BATCH ? n - i : BATCH;
		memcpy(args + ncmd + 1, paths + i, k * sizeof *args);
		rc = run_git(s, args, ncmd + 1 + k, err);
	}
	free(args);
	return rc;
}

static void journal_git_error(struct store *s, int number, const char *what, const char *why)
{
	cJSON *f = cJSON_CreateObject();
	char *msg = xasprintf("git %s for version %d failed: %s", what, number, why);
	char *e2 = NULL;

	cJSON_AddNumberToObject(f, "version", number);
	cJSON_AddStringToObject(f, "message", msg);
	if (store_journal_append(s, "git_error", f, 1, &e2) < 0)
		free(e2);
	free(msg);
}

void store_git_commit(struct store *s, int number, const char *message, char *const *written,
		      size_t nwritten, char *const *deleted, size_t ndeleted)
{
	/* -f: a version holds every file it names, .gitignore or not. */
	static const char *const add[] = { "add", "-f" };
	static const char *const rm[] = { "rm", "-q", "--cached", "--ignore-unmatch" };
	char *msg = *message ? xstrdup(message) : xasprintf("version %d", number);
	const char *commit[] = { "commit", "-q", "--no-verify", "--allow-empty", "-m", msg };
	char *why = NULL;

	if (run_batched(s, add, 2, written, nwritten, &why) < 0)
		journal_git_error(s, number, "add", why);
	else if (run_batched(s, rm, 4, deleted, ndeleted, &why) < 0)
		journal_git_error(s, number, "rm", why);
	else if (run_git(s, commit, 6, &why) < 0)
		journal_git_error(s, number, "commit", why);
	free(why);
	free(msg);
}

void store_git_tag(struct store *s, int number)
{
	char *tag = xasprintf("final-v%d", number), *why = NULL;
	const char *args[] = { "tag", "-f", tag };

	if (run_git(s, args, 3, &why) < 0)
		journal_git_error(s, number, "tag", why);
	free(why);
	free(tag);
}
