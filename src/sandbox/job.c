/* job: a sandbox run on a worker thread; see job.h for the threading. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/msg.h"
#include "base/xmalloc.h"
#include "sandbox/job.h"

#define DISPLAY_BACKLOG (4u << 20) /* bytes of output queued for the display */

struct sbx_job {
	pthread_t thread;
	struct queue *q;
	unsigned request;
	struct sbx_policy policy;
	char *workspace, *run_dir;
	char **argv;
	int cancel[2];
	atomic_size_t backlog;
	unsigned long long left_out; /* bytes not shown since the last note */
};

static void post_text(struct sbx_job *j, enum msg_type type, int code, const char *p, size_t n)
{
	struct msg *m = msg_new_text(type, j->request, p, n);
	m->code = code;
	queue_post(j->q, m);
}

static void job_output(void *ctx, enum sbx_stream stream, const char *bytes, size_t len)
{
	struct sbx_job *j = ctx;
	if (atomic_load(&j->backlog) > DISPLAY_BACKLOG) {
		j->left_out += len;
		return;
	}
	if (j->left_out > 0) {
		char note[128];
		int n = snprintf(note, sizeof note, "[%llu bytes not shown here; the run's log has them]",
				 j->left_out);
		/* Counted like output: the consumer gives back every MSG_RUN_OUTPUT's
		 * length, and a note not added would drive the count below zero. */
		atomic_fetch_add(&j->backlog, (size_t)n);
		post_text(j, MSG_RUN_OUTPUT, 0, note, (size_t)n);
		j->left_out = 0;
	}
	atomic_fetch_add(&j->backlog, len);
	post_text(j, MSG_RUN_OUTPUT, stream, bytes, len);
}

static void job_started(void *ctx, const char *layers, const char *warnings)
{
	struct sbx_job *j = ctx;
	post_text(j, MSG_RUN_STARTED, 0, layers, strlen(layers));
	if (warnings[0])
		post_text(j, MSG_RUN_WARNING, 0, warnings, strlen(warnings));
}

static void result_free(void *payload)
{
	sandbox_result_free(payload);
	free(payload);
}

static void *job_main(void *arg)
{
	struct sbx_job *j = arg;
	struct sbx_sink sink = { .output = job_output, .started = job_started, .ctx = j };
	struct sbx_result *res = xmalloc(sizeof *res);
	int status = sandbox_run(&j->policy, &sink, res);
	char line[1024];
	sandbox_result_line(res, line, sizeof line);
	struct msg *m = msg_new_text(MSG_RUN_DONE, j->request, line, strlen(line));
	m->code = status;
	m->payload = res;
	m->payload_free = result_free;
	queue_post(j->q, m);
	return NULL;
}

static char **copy_argv(char **argv)
{
	size_t n = 0;
	while (argv[n])
		n++;
	char **copy = xcalloc(n + 1, sizeof *copy);
	for (size_t i = 0; i < n; i++)
		copy[i] = xstrdup(argv[i]);
	return copy;
}

struct sbx_job *sandbox_job_start(const struct sbx_policy *p, struct queue *q, unsigned request)
{
	struct sbx_job *j = xcalloc(1, sizeof *j);
	j->q = q;
	j->request = request;
	j->policy = *p;
	j->workspace = xstrdup(p->workspace ? p->workspace : ".");
	j->run_dir = p->run_dir ? xstrdup(p->run_dir) : NULL;
	j->argv = copy_argv(p->argv);
	j->policy.workspace = j->workspace;
	j->policy.run_dir = j->run_dir;
	j->policy.argv = j->argv;
	if (pipe2(j->cancel, O_CLOEXEC) < 0) {
		j->cancel[0] = j->cancel[1] = -1;
	}
	j->policy.cancel_fd = j->cancel[0];
	if (pthread_create(&j->thread, NULL, job_main, j) != 0)
		abort(); /* out of threads: as fatal as out of memory */
	return j;
}

void sandbox_job_cancel(struct sbx_job *j)
{
	if (j->cancel[1] >= 0 && write(j->cancel[1], "x", 1) < 0 && errno != EAGAIN)
		return;
}

void sandbox_job_consumed(struct sbx_job *j, size_t bytes)
{
	atomic_fetch_sub(&j->backlog, bytes);
}

void sandbox_job_join(struct sbx_job *j)
{
	pthread_join(j->thread, NULL);
	for (int i = 0; i < 2; i++)
		if (j->cancel[i] >= 0)
			close(j->cancel[i]);
	for (char **a = j->argv; *a; a++)
		free(*a);
	free(j->argv);
	free(j->workspace);
	free(j->run_dir);
	free(j);
}

static bool has(const char *dir, const char *name)
{
	char path[4096];
	struct stat st;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return stat(path, &st) == 0;
}

const char *sandbox_run_command(const char *configured, const char *dir)
{
	static const struct {
		const char *file, *command;
	} by_file[] = {
		{ "Makefile", "make test" }, { "pyproject.toml", "python3 -m pytest -q" },
		{ "tests", "python3 -m pytest -q" }, { "package.json", "npm test" },
		{ "Cargo.toml", "cargo test" }, { "go.mod", "go test ./..." },
	};
	if (configured && configured[0])
		return configured;
	for (size_t i = 0; i < sizeof by_file / sizeof *by_file; i++)
		if (has(dir, by_file[i].file))
			return by_file[i].command;
	return NULL;
}
