/* sandbox: run one command of a project under the strongest confinement the
 * machine allows, stream what it prints, and say exactly how it ended.
 *
 * Threads: sandbox_run() blocks the thread that calls it (a worker in the
 * TUI and the orchestrator, the main thread in `faos-codex sandbox`) and
 * calls the sink's output callback on that same thread. The probe is done
 * once per process (pthread_once) and is read-only afterwards. Cancel: make
 * cancel_fd readable (an eventfd or pipe); the run is then stopped like a
 * timeout (SIGTERM, SIGKILL after the grace period) and reported CANCELLED.
 *
 * Backends: `local` (this directory) is the only one built; the policy and
 * result types are backend-neutral so another runner can be added behind
 * sandbox_run without touching callers. */
#ifndef FAOS_SANDBOX_H
#define FAOS_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

struct config;

/* The layers, each probed once and each can be turned off for a run. */
enum sbx_layer {
	SBX_NAMESPACES, /* mount, pid, net, ipc, uts (+user when not root) */
	SBX_LANDLOCK,
	SBX_SECCOMP,
	SBX_CGROUP,
	SBX_UID,        /* a dedicated unprivileged uid, when we are root */
	SBX_RLIMITS,    /* always on */
	SBX_LAYER_COUNT
};

struct sbx_probe {
	bool root;
	bool layer[SBX_LAYER_COUNT]; /* available on this machine */
	char detail[SBX_LAYER_COUNT][200];
	int landlock_abi;
	bool vsock; /* /dev/vsock: a hypervisor channel a netns does not close */
	char helper[4096]; /* absolute path of faos-codex-sbx, or "" */
	char error[256];   /* why the helper could not be probed, or "" */
};

struct sbx_policy {
	const char *workspace; /* the directory the command runs in */
	char **argv;
	int timeout_s, grace_s;
	long memory_mb, max_output_mb, file_size_mb;
	int max_procs, open_files, cpu_s;
	bool network;
	bool unconfined; /* config `sandbox: off` */
	unsigned disabled; /* bits (1u << enum sbx_layer) turned off for this run */
	int sandbox_uid;
	const char *run_dir; /* where output.log goes; NULL: a fresh one in data_dir */
	int cancel_fd; /* -1: none */
};

enum sbx_stream { SBX_STDOUT = 1, SBX_STDERR = 2 };

enum sbx_outcome {
	SBX_EXITED,
	SBX_SIGNALED,
	SBX_TIMEOUT,
	SBX_OOM,
	SBX_OUTPUT_LIMIT,
	SBX_CANCELLED,
	SBX_EXEC_FAILED,
	SBX_SETUP_FAILED,
	SBX_REFUSED,
};

/* First SBX_HEAD bytes and last SBX_TAIL bytes of one stream. */
#define SBX_HEAD (64 * 1024)
#define SBX_TAIL (192 * 1024)
struct sbx_capture {
	struct buf head, tail; /* tail is linearised at the end of the run */
	uint64_t total;
};

struct sbx_result {
	enum sbx_outcome outcome;
	int code;   /* EXITED: the exit status; EXEC_FAILED: 126 or 127 */
	int signal; /* SIGNALED, and how TIMEOUT/OOM/... runs died */
	bool core;
	int err;    /* EXEC_FAILED, SETUP_FAILED: errno */
	long duration_ms;
	long timeout_s;
	long memory_mb;
	uint64_t oom_kills;
	bool procs_limit_hit;
	int max_procs;
	int background_killed;
	bool pipes_held; /* something kept the output open after the run */
	uint64_t max_output;
	struct sbx_capture out, err_stream;
	char detail[512];   /* setup stage, refusal reason */
	char layers[160];   /* "namespaces landlock seccomp cgroup uid rlimits" */
	char warnings[512]; /* properties held only weakly, "; "-separated */
	char log_path[4096];
};

struct sbx_sink {
	void (*output)(void *ctx, enum sbx_stream stream, const char *bytes, size_t len);
	/* Before the command starts: the layers it gets ("namespaces landlock
	 * …") and the properties held only weakly ("" when none). */
	void (*started)(void *ctx, const char *layers, const char *warnings);
	void *ctx;
};

/* The policy from the configuration (run_* keys), cancel_fd -1. */
void sandbox_policy_from_config(struct sbx_policy *p, const struct config *cfg);

/* The cached probe; the first call runs the helper with --probe. */
const struct sbx_probe *sandbox_probe(void);

/* Runs the command; fills res (free it with sandbox_result_free). Returns
 * the exit status a shell would report: the command's code, 128+signal,
 * 124 timeout, 125 refused or setup failure, 126/127 exec failure. */
int sandbox_run(const struct sbx_policy *p, const struct sbx_sink *sink, struct sbx_result *res);
void sandbox_result_free(struct sbx_result *res);

/* "exit 1", "killed by SIGSEGV", "timed out after 60 s", "out of memory
 * (limit 1024 MiB)", "output limit 256 MiB exceeded", "refused: …". */
void sandbox_result_line(const struct sbx_result *res, char *out, size_t size);
/* True when the sandbox ended the run (timeout, memory, output, process
 * limit, refusal, setup) and not the program itself. */
bool sandbox_result_enforced(const struct sbx_result *res);

/* Layer names for messages and the --no-LAYER flags. */
const char *sandbox_layer_name(enum sbx_layer layer);
int sandbox_layer_find(const char *name);
/* The names of the layers in bits (1u << enum sbx_layer), joined by sep. */
void sandbox_layer_names(unsigned bits, const char *sep, char *out, size_t size);

/* Decides, from the probe and the policy, which layers a run gets and
 * whether it may run at all. Returns 0 and fills layers (bit mask) and
 * warnings, or -1 with the refusal in why. */
int sandbox_decide(const struct sbx_probe *pr, const struct sbx_policy *p, unsigned *layers,
		   char *warnings, size_t wsize, char *why, size_t why_size);

/* The doctor report: layers, then the properties and what holds each, then
 * the verdict. Returns what sandbox_decide returns (-1: runs are refused). */
int sandbox_doctor(const struct sbx_probe *pr, const struct sbx_policy *p, struct buf *out);

#endif
