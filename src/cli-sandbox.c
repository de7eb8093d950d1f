/* cli-sandbox: `faos-codex sandbox -- COMMAND` runs one command under the
 * sandbox policy, its stdout to stdout and its stderr to stderr, and exits
 * as the command did; `faos-codex doctor` reports the layers and the
 * properties they hold. Every end the sandbox enforced is one stderr line
 * beginning "faos-codex: sandbox:". */
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/text.h"
#include "cli-opts.h"
#include "cli.h"
#include "exitcode.h"
#include "sandbox/sandbox.h"

enum {
	OPT_WORKSPACE = 2000, OPT_TIMEOUT, OPT_MEMORY, OPT_MAX_PROCS, OPT_MAX_OUTPUT, OPT_NETWORK,
	OPT_NO_LAYER, /* + enum sbx_layer */
};

#define SANDBOX_OPTIONS                                                                    \
	"      --workspace=DIR   the directory the command may write (default: .)\n"      \
	"      --timeout=SEC     stop the command after SEC seconds (run_timeout)\n"      \
	"      --memory=MB       memory of the whole run in MiB (run_memory)\n"           \
	"      --max-procs=N     processes and threads at once (run_max_procs)\n"         \
	"      --max-output=MB   stop the command after it printed MB MiB (run_max_output)\n" \
	"      --network         let the command reach the network (run_network)\n"       \
	"      --no-namespaces, --no-landlock, --no-seccomp, --no-cgroup, --no-uid\n"       \
	"                        turn one layer off; properties no layer left can hold\n"   \
	"                        refuse the run instead of weakening it\n"

static void sandbox_usage(FILE *out)
{
	fprintf(out,
		"Usage: faos-codex sandbox [OPTION]... -- COMMAND [ARG]...\n"
		"Run COMMAND in the workspace under the sandbox: its stdout and stderr stream\n"
		"through, and the sandbox's own verdicts are one stderr line each.\n"
		"\n" SANDBOX_OPTIONS
		"  -h, --help            display this help and exit\n"
		"\n%s"
		"\nExit status: the command's; 128+N if signal N ended it; 124 timed out;\n"
		"125 refused or the sandbox could not be set up; 126 not executable;\n"
		"127 not found; 130 interrupted.\n",
		cli_common_help);
}

static void doctor_usage(FILE *out)
{
	fprintf(out,
		"Usage: faos-codex doctor [OPTION]...\n"
		"Report which sandbox layers this machine allows and which properties they\n"
		"hold, for the configured policy changed by the options below.\n"
		"\n" SANDBOX_OPTIONS
		"  -h, --help            display this help and exit\n"
		"\n%s"
		"\nExit status: 0 runs are allowed; 1 runs would be refused; 2 bad usage.\n",
		cli_common_help);
}

/* The flags that are configuration options go through config_set, so they
 * get the same validation and messages as the config file. */
static const struct {
	int opt;
	enum opt_id id;
	const char *flag;
} config_flags[] = {
	{ OPT_TIMEOUT, OPT_RUN_TIMEOUT, "--timeout" },
	{ OPT_MEMORY, OPT_RUN_MEMORY, "--memory" },
	{ OPT_MAX_PROCS, OPT_RUN_MAX_PROCS, "--max-procs" },
	{ OPT_MAX_OUTPUT, OPT_RUN_MAX_OUTPUT, "--max-output" },
	{ OPT_NETWORK, OPT_RUN_NETWORK, "--network" },
};
#define N_CONFIG_FLAGS (sizeof config_flags / sizeof *config_flags)

struct sandbox_args {
	const char *workspace;
	const char *value[N_CONFIG_FLAGS]; /* as given, or NULL */
	unsigned disabled;
};

/* 0 parsed, 1 --help shown, -1 bad usage. */
static int sandbox_parse(int argc, char **argv, struct cli_common *common, struct sandbox_args *a,
			 void (*usage)(FILE *))
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG,
		{ "workspace", required_argument, NULL, OPT_WORKSPACE },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "memory", required_argument, NULL, OPT_MEMORY },
		{ "max-procs", required_argument, NULL, OPT_MAX_PROCS },
		{ "max-output", required_argument, NULL, OPT_MAX_OUTPUT },
		{ "network", no_argument, NULL, OPT_NETWORK },
		{ "no-namespaces", no_argument, NULL, OPT_NO_LAYER + SBX_NAMESPACES },
		{ "no-landlock", no_argument, NULL, OPT_NO_LAYER + SBX_LANDLOCK },
		{ "no-seccomp", no_argument, NULL, OPT_NO_LAYER + SBX_SECCOMP },
		{ "no-cgroup", no_argument, NULL, OPT_NO_LAYER + SBX_CGROUP },
		{ "no-uid", no_argument, NULL, OPT_NO_LAYER + SBX_UID },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "+" CLI_COMMON_SHORT "h", longopts, NULL)) != -1) {
		if (cli_common_option(opt, optarg, common))
			continue;
		if (opt >= OPT_TIMEOUT && opt <= OPT_NETWORK) {
			a->value[opt - OPT_TIMEOUT] = optarg ? optarg : "true";
		} else if (opt >= OPT_NO_LAYER && opt < OPT_NO_LAYER + SBX_LAYER_COUNT) {
			a->disabled |= 1u << (opt - OPT_NO_LAYER);
		} else if (opt == OPT_WORKSPACE) {
			a->workspace = optarg;
		} else if (opt == 'h') {
			usage(stdout);
			return 1;
		} else {
			fprintf(stderr, "Try 'faos-codex %s --help' for more information.\n", argv[0]);
			return -1;
		}
	}
	return 0;
}

/* Streams to our own stdout/stderr: raw bytes into pipes and files (what a
 * script asked for), sanitised onto a terminal (no escape sequences from a
 * generated program ever reach it). */
struct sandbox_out {
	bool tty[3];
	struct text_sanitizer san[3];
	bool verbose;
};

static void write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w <= 0)
			return; /* a closed pipe: the run goes on, its log keeps it */
		p += w;
		n -= (size_t)w;
	}
}

static void sandbox_output(void *ctx, enum sbx_stream stream, const char *bytes, size_t len)
{
	struct sandbox_out *o = ctx;
	int fd = stream == SBX_STDOUT ? 1 : 2;
	if (!o->tty[fd]) {
		write_all(fd, bytes, len);
		return;
	}
	struct buf clean = { 0 };
	text_sanitize(&o->san[fd], bytes, len, &clean);
	write_all(fd, clean.data, clean.len);
	buf_free(&clean);
}

static void sandbox_started(void *ctx, const char *layers, const char *warnings)
{
	struct sandbox_out *o = ctx;
	if (o->verbose)
		fprintf(stderr, "%s: sandbox: layers: %s\n", cli_prog, layers);
	if (warnings[0])
		fprintf(stderr, "%s: sandbox: warning: %s\n", cli_prog, warnings);
}

static int cancel_pipe[2] = { -1, -1 };

static void on_interrupt(int sig)
{
	(void)sig;
	if (write(cancel_pipe[1], "x", 1) < 0)
		return;
}

static void report(const struct sbx_result *res, bool verbose)
{
	char line[1024];
	if (res->procs_limit_hit)
		fprintf(stderr, "%s: sandbox: process limit (%d) reached: forks failed inside the run\n",
			cli_prog, res->max_procs);
	if (res->background_killed > 0)
		fprintf(stderr, "%s: sandbox: killed %d background process%s left running\n", cli_prog,
			res->background_killed, res->background_killed == 1 ? "" : "es");
	if (res->pipes_held)
		fprintf(stderr, "%s: sandbox: output pipes held open after the command ended; closed\n",
			cli_prog);
	if (res->outcome == SBX_CANCELLED)
		return;
	if (verbose || sandbox_result_enforced(res) || res->oom_kills > 0) {
		sandbox_result_line(res, line, sizeof line);
		fprintf(stderr, "%s: sandbox: %s\n", cli_prog, line);
	}
}

static int load_policy(struct cli_common *common, const struct sandbox_args *a, struct sbx_policy *p)
{
	struct config cfg;
	char *err = NULL;
	if (cli_load_config(&cfg, common) < 0)
		return -1;
	for (size_t i = 0; i < N_CONFIG_FLAGS; i++)
		if (a->value[i] && config_set(&cfg, config_flags[i].id, a->value[i], SRC_FLAG,
					      config_flags[i].flag, &err) < 0) {
			fprintf(stderr, "%s: %s\n", cli_prog, err);
			free(err);
			config_free(&cfg);
			return -1;
		}
	sandbox_policy_from_config(p, &cfg);
	config_free(&cfg);
	if (a->workspace)
		p->workspace = a->workspace;
	p->disabled |= a->disabled;
	return 0;
}

int cli_sandbox(int argc, char **argv, struct cli_common *common)
{
	struct sandbox_args a = { 0 };
	struct sbx_policy p;
	int rc = sandbox_parse(argc, argv, common, &a, sandbox_usage);
	if (rc != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (optind >= argc) {
		fprintf(stderr, "%s: sandbox: no command given; usage: faos-codex sandbox [OPTION]... -- COMMAND [ARG]...\n",
			cli_prog);
		return EXIT_USAGE;
	}
	if (load_policy(common, &a, &p) < 0)
		return EXIT_USAGE;
	p.argv = argv + optind;
	if (pipe2(cancel_pipe, O_CLOEXEC) == 0) {
		p.cancel_fd = cancel_pipe[0];
		signal(SIGINT, on_interrupt);
		signal(SIGTERM, on_interrupt);
		signal(SIGHUP, on_interrupt);
	}

	struct sandbox_out out = { .tty = { false, isatty(1) == 1, isatty(2) == 1 },
				   .verbose = common->verbose };
	struct sbx_sink sink = { .output = sandbox_output, .started = sandbox_started, .ctx = &out };
	struct sbx_result res;
	rc = sandbox_run(&p, &sink, &res);
	struct buf tail = { 0 };
	for (int fd = 1; fd <= 2; fd++)
		if (out.tty[fd]) {
			text_sanitize_end(&out.san[fd], &tail);
			write_all(fd, tail.data, tail.len);
			buf_reset(&tail);
		}
	buf_free(&tail);
	report(&res, common->verbose);
	sandbox_result_free(&res);
	return rc;
}

int cli_doctor(int argc, char **argv, struct cli_common *common)
{
	struct sandbox_args a = { 0 };
	struct sbx_policy p;
	int rc = sandbox_parse(argc, argv, common, &a, doctor_usage);
	if (rc != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (optind < argc) {
		fprintf(stderr, "%s: doctor: unexpected argument '%s'\n", cli_prog, argv[optind]);
		return EXIT_USAGE;
	}
	if (load_policy(common, &a, &p) < 0)
		return EXIT_USAGE;
	struct buf out = { 0 };
	int verdict = sandbox_doctor(sandbox_probe(), &p, &out);
	fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
	return verdict < 0 ? EXIT_FAIL : EXIT_OK;
}
