/* main: argv, then start-up in order: config -> log -> curl -> front-end. */
#include <curl/curl.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/log.h"
#include "cli-opts.h"
#include "cli.h"
#include "exitcode.h"
#include "frontend.h"
#include "gateway/probe.h"

static void main_usage(FILE *out)
{
	fprintf(out,
		"Usage: faos-codex [OPTION]... [COMMAND [ARG]...]\n"
		"Turn a plain-language description into running code with a local LLM.\n"
		"\n"
		"With no COMMAND, open the full-screen interface.\n"
		"\n"
		"Commands:\n"
		"  ask               stream one answer from the model to standard output\n"
		"  models            probe the endpoints: server kind, protocol, models\n"
		"  sandbox -- CMD    run CMD in the workspace under the sandbox\n"
		"  doctor            report the sandbox layers and what they hold here\n"
		"  run -p TEXT       the whole loop: generate, apply, run, refine until it passes\n"
		"  project CMD       list, show, diff, restore, finalize, archive, export projects\n"
		"\n"
		"%s"
		"      --dump-config     print the effective configuration as YAML and exit\n"
		"      --defaults        with --dump-config: the built-in defaults instead\n"
		"  -h, --help            display this help and exit\n"
		"  -V, --version         output version information and exit\n"
		"\n"
		"Exit status: 0 success; 2 bad usage or configuration; 3 the model server\n"
		"was unreachable or answered an error; 130 interrupted.\n"
		"\n"
		"Run 'faos-codex COMMAND --help' for a command's options.  See faos-codex(1).\n",
		cli_common_help);
}

static void main_version(void)
{
	printf("faos-codex %s\n", FAOS_VERSION);
	printf("libcurl %s, %s\n", curl_version_info(CURLVERSION_NOW)->version,
	       "ncursesw, libyaml, cJSON, libbsd");
}

static int main_dump(const struct cli_common *common, int defaults_only)
{
	struct config cfg;

	if (cli_load_config(&cfg, common) < 0)
		return EXIT_USAGE;
	config_dump(&cfg, stdout, defaults_only);
	frontend_dump_keys(&cfg, stdout, defaults_only);
	config_free(&cfg);
	return EXIT_OK;
}

static int main_tui(const struct cli_common *common)
{
	struct config cfg;

	if (cli_load_config(&cfg, common) < 0)
		return EXIT_USAGE;
	cli_open_log(&cfg);
	int rc = frontend_tui(&cfg);
	log_close();
	config_free(&cfg);
	return rc;
}

static int main_command(int argc, char **argv, struct cli_common *common)
{
	if (strcmp(argv[0], "ask") == 0)
		return cli_ask(argc, argv, common);
	if (strcmp(argv[0], "models") == 0)
		return cli_models(argc, argv, common);
	if (strcmp(argv[0], "sandbox") == 0)
		return cli_sandbox(argc, argv, common);
	if (strcmp(argv[0], "doctor") == 0)
		return cli_doctor(argc, argv, common);
	if (strcmp(argv[0], "run") == 0)
		return cli_run(argc, argv, common);
	if (strcmp(argv[0], "project") == 0)
		return cli_project(argc, argv, common);
	fprintf(stderr, "%s: unknown command '%s'; try 'faos-codex --help'\n", cli_prog, argv[0]);
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG,
		{ "dump-config", no_argument, NULL, OPT_LONG_DUMP },
		{ "defaults", no_argument, NULL, OPT_LONG_DEFAULTS },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli_common common = { 0 };
	int opt, dump = 0, defaults = 0, rc;

	setlocale(LC_ALL, "");
	signal(SIGPIPE, SIG_IGN);
	/* "+": stop at the command name; its options are the command's. */
	while ((opt = getopt_long(argc, argv, "+" CLI_COMMON_SHORT "hV", longopts, NULL)) != -1) {
		if (cli_common_option(opt, optarg, &common))
			continue;
		switch (opt) {
		case OPT_LONG_DUMP: dump = 1; break;
		case OPT_LONG_DEFAULTS: defaults = 1; break;
		case 'h': main_usage(stdout); return EXIT_OK;
		case 'V': main_version(); return EXIT_OK;
		default:
			fprintf(stderr, "Try 'faos-codex --help' for more information.\n");
			return EXIT_USAGE;
		}
	}
	if (dump)
		return main_dump(&common, defaults);
	if (defaults) {
		fprintf(stderr, "%s: --defaults only goes with --dump-config\n", cli_prog);
		return EXIT_USAGE;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (optind < argc)
		rc = main_command(argc - optind, argv + optind, &common);
	else
		rc = main_tui(&common);
	gw_probe_cache_clear();
	curl_global_cleanup();
	return rc;
}
