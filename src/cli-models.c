/* cli-models: `faos-codex models`: for every endpoint the configuration
 * names (or the usual local ports when it names none), the server kind the
 * probe detected, the protocol that would be used, the models and their
 * context sizes, and what could not be reached. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "cli-opts.h"
#include "cli.h"
#include "exitcode.h"
#include "gateway/plan.h"
#include "gateway/probe.h"

static void models_usage(FILE *out)
{
	fprintf(out,
		"Usage: faos-codex models [OPTION]...\n"
		"Probe every configured endpoint and list the server kind, the protocol\n"
		"used with it, its models and their context sizes.\n"
		"\n"
		"  -h, --help            display this help and exit\n"
		"\n%s"
		"\nExit status: 0 at least one endpoint answered; 2 bad usage or\n"
		"configuration; 3 no endpoint answered.\n",
		cli_common_help);
}

/* One endpoint's report; 1 when it answered. */
static int models_report(const struct gw_endpoint *ep, long connect_timeout)
{
	struct gw_probe p;
	int rc = gw_probe_run(ep, connect_timeout, NULL, &p);
	int is_auto = strcmp(ep->api, "auto") == 0;

	printf("%s  %s\n", ep->name, ep->url);
	if (!p.reachable) {
		printf("  unreachable: %s\n", p.error);
	} else {
		printf("  server: %s\n", p.server ? p.server : "unknown");
		printf("  api: %s (%s)\n", is_auto ? p.api : ep->api,
		       is_auto ? "detected" : "configured");
		if (rc < 0)
			printf("  problem: %s\n", p.error);
		for (size_t i = 0; i < p.nmodels; i++) {
			if (p.models[i].context > 0)
				printf("  model: %s  context %ld\n", p.models[i].id, p.models[i].context);
			else
				printf("  model: %s  context unknown\n", p.models[i].id);
		}
		if (p.nmodels == 0)
			printf("  models: none listed\n");
	}
	int answered = p.reachable;
	gw_probe_free(&p);
	return answered;
}

static int models_parse(int argc, char **argv, struct cli_common *common)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG,
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	optind = 0;
	while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT "h", longopts, NULL)) != -1) {
		if (cli_common_option(opt, optarg, common))
			continue;
		if (opt == 'h') {
			models_usage(stdout);
			return EXIT_OK;
		}
		fprintf(stderr, "Try 'faos-codex models --help' for more information.\n");
		return EXIT_USAGE;
	}
	if (optind < argc) {
		fprintf(stderr, "%s: models: unexpected argument '%s'\n", cli_prog, argv[optind]);
		return EXIT_USAGE;
	}
	return -1;
}

int cli_models(int argc, char **argv, struct cli_common *common)
{
	struct config cfg;
	struct gw_plan plan = { 0 };
	char *err = NULL;
	int rc = models_parse(argc, argv, common), answered = 0;

	if (rc >= 0)
		return rc;
	if (cli_load_config(&cfg, common) < 0)
		return EXIT_USAGE;
	if (gw_plan_endpoints(&plan, &cfg, &err) < 0) {
		fprintf(stderr, "%s: models: %s\n", cli_prog, err);
		rc = EXIT_USAGE;
	} else {
		cli_open_log(&cfg);
		if (plan.scanning)
			printf("No endpoint is configured; probing the usual local ports.\n");
		for (size_t i = 0; i < plan.neps; i++)
			answered += models_report(&plan.eps[i], plan.req.connect_timeout);
		rc = answered ? EXIT_OK : EXIT_ENDPOINT;
		if (!answered)
			fprintf(stderr, "%s: models: no endpoint answered\n", cli_prog);
		log_close();
	}
	gw_plan_free(&plan);
	free(err);
	config_free(&cfg);
	return rc;
}
