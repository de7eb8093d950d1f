/* job: one sandbox run on its own pthread, reporting on the queue.
 *
 * Threads: sandbox_job_start(), _cancel(), _consumed() and _join() are
 * called by the queue's consumer (the UI thread); the worker only posts
 * messages (base/msg.h: MSG_RUN_*), ending with exactly one MSG_RUN_DONE.
 * Cancel: sandbox_job_cancel() makes the run's cancel fd readable; the run
 * stops like a timeout and ends CANCELLED. Back-pressure: output messages
 * the consumer has not yet taken are counted (the consumer reports them
 * with sandbox_job_consumed); past a bound, output is left out of the
 * display (the log file and the result's head/tail still have it) so a
 * flood never grows the queue. */
#ifndef FAOS_SANDBOX_JOB_H
#define FAOS_SANDBOX_JOB_H

#include <stddef.h>

#include "base/queue.h"
#include "sandbox/sandbox.h"

struct sbx_job;

/* Copies what it needs from p (workspace, argv, run_dir). */
struct sbx_job *sandbox_job_start(const struct sbx_policy *p, struct queue *q, unsigned request);
void sandbox_job_cancel(struct sbx_job *j);
void sandbox_job_consumed(struct sbx_job *j, size_t bytes);
/* After MSG_RUN_DONE: waits for the thread and frees the job. */
void sandbox_job_join(struct sbx_job *j);

/* The command that builds and tests the project in dir: run_command from
 * the configuration, else one detected from its files (Makefile: make
 * test; pyproject.toml or tests/: python3 -m pytest -q; package.json: npm
 * test; Cargo.toml: cargo test; go.mod: go test ./...). NULL when neither. */
const char *sandbox_run_command(const char *configured, const char *dir);

#endif
