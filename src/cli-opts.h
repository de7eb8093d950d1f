/* cli-opts: the getopt table entries shared by every command. */
#ifndef FAOS_CLI_OPTS_H
#define FAOS_CLI_OPTS_H

#include <getopt.h>

#include "cli.h"

enum { OPT_LONG_API = 1000, OPT_LONG_DATA_DIR, OPT_LONG_DUMP, OPT_LONG_DEFAULTS,
       OPT_LONG_AGENT, OPT_LONG_CODERS };

#define CLI_COMMON_SHORT "c:e:m:v"
#define CLI_COMMON_LONG                                                        \
	{ "config", required_argument, NULL, 'c' },                            \
	{ "endpoint", required_argument, NULL, 'e' },                          \
	{ "api", required_argument, NULL, OPT_LONG_API },                      \
	{ "model", required_argument, NULL, 'm' },                             \
	{ "data-dir", required_argument, NULL, OPT_LONG_DATA_DIR },            \
	{ "verbose", no_argument, NULL, 'v' },                                 \
	{ "agent", required_argument, NULL, OPT_LONG_AGENT },                  \
	{ "coders", required_argument, NULL, OPT_LONG_CODERS }

/* Applies a common option; 1 if opt was one, 0 if not. */
int cli_common_option(int opt, const char *arg, struct cli_common *common);
/* The "Options shared by every command" block of --help. */
extern const char cli_common_help[];

#endif
