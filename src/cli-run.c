/* cli-run: `faos-codex run`, the whole loop without the TUI. The same core
 * as the TUI (orch/): this thread drains the queue into the orchestrator
 * and prints its progress on stderr, or JSON Lines events on stdout. */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"
#include "base/xmalloc.h"
#include "cli-opts.h"
#include "cli-project.h"
#include "cli.h"
#include "exitcode.h"
#include "orch/orch.h"
#include "run-report.h"

enum { R_PROJECT = 2000, R_WORKSPACE, R_TEMPLATE, R_MAX_ITER, R_RUN_CMD, R_RESUME,
       R_JSON };

struct run_args {
	const char *prompt, *project, *workspace, *template, *run_cmd;
	int max_iterations, resume, json;
};

static void run_usage(FILE *out)
{
	fprintf(out,
		"Usage: faos-codex run [OPTION]... -p TEXT\n"
		"       faos-codex run --project NAME --resume\n"
		"Take a description to code that passes its tests: ask the model, write its\n"
		"files, run the project's test command in the sandbox, feed failures back,\n"
		"until the command passes or the budget is spent.\n"
		"\n"
		"  -p, --prompt=TEXT       what to build (standard input when not given)\n"
		"      --project=NAME      the project, created when it does not exist (default:\n"
		"                          named after --workspace, else run-YYYYmmdd-HHMMSS)\n"
		"      --workspace=DIR     an existing directory to work in (new projects)\n"
		"      --template=NAME     a new project starts from a scaffold: python-cli,\n"
		"                          c-make, node-cli\n"
		"      --max-iterations=N  generations before giving up (max_iterations)\n"
		"      --run-cmd=CMD       the command that builds and tests the project; it\n"
		"                          overrides the model's and run_command\n"
		"      --resume            continue the project's interrupted loop\n"
		"      --json              one JSON object per line on standard output per\n"
		"                          event: state, version, run, usage, notice, done;\n"
		"                          with agents also agent, plan, critique, and a\n"
		"                          role (and coder) on every event of a role\n"
		"  -h, --help              display this help and exit\n"
		"\n%s"
		"\nExit status: 0 the run command passed; 1 the budget was spent without\n"
		"passing; 2 bad usage or configuration, or no run command; 3 the model server\n"
		"failed; 4 the sandbox refused to run; 130 interrupted.\n",
		cli_common_help);
}

static int run_parse(int argc, char **argv, struct cli_common *common, struct run_args *a)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG,
		{ "prompt", required_argument, NULL, 'p' },
		{ "project", required_argument, NULL, R_PROJECT },
		{ "workspace", required_argument, NULL, R_WORKSPACE },
		{ "template", required_argument, NULL, R_TEMPLATE },
		{ "max-iterations", required_argument, NULL, R_MAX_ITER },
		{ "run-cmd", required_argument, NULL, R_RUN_CMD },
		{ "resume", no_argument, NULL, R_RESUME },
		{ "json", no_argument, NULL, R_JSON },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	char *end;
	optind = 0;
	while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT "p:h", longopts, NULL)) != -1) {
		if (cli_common_option(opt, optarg, common))
			continue;
		switch (opt) {
		case 'p': a->prompt = optarg; break;
		case R_PROJECT: a->project = optarg; break;
		case R_WORKSPACE: a->workspace = optarg; break;
		case R_TEMPLATE: a->template = optarg; break;
		case R_RUN_CMD: a->run_cmd = optarg; break;
		case R_RESUME: a->resume = 1; break;
		case R_JSON: a->json = 1; break;
		case R_MAX_ITER:
			a->max_iterations = (int)strtol(optarg, &end, 10);
			if (*end || a->max_iterations < 1 || a->max_iterations > 100) {
				fprintf(stderr, "%s: run: --max-iterations '%s': give a number from 1 "
						"to 100\n", cli_prog, optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h': run_usage(stdout); return EXIT_OK;
		default:
			fprintf(stderr, "Try 'faos-codex run --help' for more information.\n");
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "%s: run: unexpected argument '%s'; give the description with "
				"-p TEXT\n", cli_prog, argv[optind]);
		return EXIT_USAGE;
	}
	if (a->resume && !a->project) {
		fprintf(stderr, "%s: run: --resume needs --project NAME\n", cli_prog);
		return EXIT_USAGE;
	}
	return -1;
}

/* Drains the queue into the orchestrator until the loop is over. */
static void run_drive(struct orch *o, struct queue *q, int sigfd)
{
	struct pollfd fds[2] = { { queue_fd(q), POLLIN, 0 }, { sigfd, POLLIN, 0 } };
	while (!orch_finished(o)) {
		if (poll(fds, 2, -1) < 0 && errno != EINTR)
			break;
		if ((fds[1].revents & POLLIN) && cli_signals_take())
			orch_cancel(o);
		for (struct msg *m = queue_take_all(q), *next; m; m = next) {
			next = m->next;
			if (!orch_handle(o, m))
				msg_free(m);
		}
	}
}

static int run_loop(struct config *cfg, struct store *s, const struct run_args *a,
		    const char *prompt, int verbose)
{
	struct run_report rep = { .json = a->json, .verbose = verbose, .out = stdout };
	struct orch_sink sink = { run_report_event, run_report_text, &rep };
	struct orch_limits lim = { .max_iterations = a->max_iterations, .run_command = a->run_cmd };
	struct queue *q = queue_new();
	struct orch *o = orch_new(cfg, s, q, &sink, &lim);
	char *err = NULL;
	int sigfd = cli_signals_open();
	if (sigfd < 0) {
		orch_free(o);
		queue_free(q);
		return EXIT_FAIL;
	}
	int rc = a->resume ? orch_resume(o, &err) : orch_start(o, prompt, &err);
	if (rc < 0) {
		fprintf(stderr, "%s: run: %s\n", cli_prog, err);
		free(err);
		rc = EXIT_USAGE;
	} else {
		run_drive(o, q, sigfd);
		rc = orch_exit_code(o);
	}
	orch_free(o);
	msg_free_list(queue_take_all(q));
	queue_free(q);
	cli_signals_close();
	return rc;
}

/* The project's own config.yaml (DATA/projects/NAME/, out of the model's
 * reach) may turn agents on or set approval for this project alone. */
static int load_project_config(struct config *cfg, struct store *s)
{
	char *path = xasprintf("%s/config.yaml", store_dir(s)), *err = NULL;
	int rc = config_load_project(cfg, path, &err);
	if (rc < 0) {
		fprintf(stderr, "%s: run: %s\n", cli_prog, err);
		free(err);
	}
	free(path);
	return rc;
}

int cli_run(int argc, char **argv, struct cli_common *common)
{
	struct run_args a = { 0 };
	struct config cfg;
	int rc = run_parse(argc, argv, common, &a);
	if (rc >= 0)
		return rc;
	if (cli_load_config(&cfg, common) < 0)
		return EXIT_USAGE;
	char *prompt = NULL;
	if (!a.resume) {
		prompt = a.prompt ? xstrdup(a.prompt) : cli_read_stdin();
		if (prompt[strspn(prompt, " \t\r\n")] == '\0') {
			fprintf(stderr, "%s: run: the description is empty; pass -p TEXT or pipe it on "
					"standard input\n", cli_prog);
			free(prompt);
			config_free(&cfg);
			return EXIT_USAGE;
		}
	}
	struct store *s = NULL;
	rc = cli_project_for_run(&cfg, a.project, a.workspace, a.template, a.resume, 1, &s);
	if (rc == EXIT_OK && load_project_config(&cfg, s) < 0) {
		store_close(s);
		rc = EXIT_USAGE;
	} else if (rc == EXIT_OK) {
		cli_open_log(&cfg);
		rc = run_loop(&cfg, s, &a, prompt, common->verbose);
		log_close();
		store_close(s);
	}
	free(prompt);
	config_free(&cfg);
	return rc;
}
