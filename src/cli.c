/* cli: shared option handling and configuration loading for all commands. */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/log.h"
#include "base/paths.h"
#include "base/xmalloc.h"
#include "cli-opts.h"
#include "frontend.h"

const char *cli_prog = "faos-codex";

const char cli_common_help[] =
	"Options shared by every command:\n"
	"  -c, --config=FILE     read FILE instead of ~/.config/faos-codex/config.yaml\n"
	"  -e, --endpoint=URL    the model server's base URL, e.g. http://127.0.0.1:8080,\n"
	"                        or the name of an entry of endpoints: in the config\n"
	"      --api=KIND        wire protocol: auto (probe the server), openai,\n"
	"                        responses, anthropic, ollama, tgi\n"
	"  -m, --model=NAME      the model to ask for\n"
	"      --data-dir=DIR    where sessions and history are kept\n"
	"  -v, --verbose         write debug records to the log file\n";

int cli_common_option(int opt, const char *arg, struct cli_common *common)
{
	switch (opt) {
	case 'c': common->config_path = arg; return 1;
	case 'e': common->endpoint = arg; return 1;
	case OPT_LONG_API: common->api = arg; return 1;
	case 'm': common->model = arg; return 1;
	case OPT_LONG_DATA_DIR: common->data_dir = arg; return 1;
	case 'v': common->verbose = 1; return 1;
	default: return 0;
	}
}

static int cli_apply_flags(struct config *cfg, const struct cli_common *c, char **err)
{
	const struct {
		const char *value;
		enum opt_id id;
		const char *flag;
	} flags[] = {
		{ c->endpoint, OPT_ENDPOINT, "--endpoint" }, { c->api, OPT_API, "--api" },
		{ c->model, OPT_MODEL, "--model" }, { c->data_dir, OPT_DATA_DIR, "--data-dir" },
		{ c->verbose ? "debug" : NULL, OPT_LOG_LEVEL, "--verbose" },
	};

	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
		if (flags[i].value &&
		    config_set(cfg, flags[i].id, flags[i].value, SRC_FLAG, flags[i].flag, err) < 0)
			return -1;
	return 0;
}

static int cli_load_layers(struct config *cfg, const struct cli_common *common, char **err)
{
	char *path = common->config_path ? xstrdup(common->config_path) : config_default_path();
	int rc = config_load_file(cfg, path, common->config_path != NULL, err);

	free(path);
	if (rc == 0)
		rc = config_load_env(cfg, ".env", err);
	if (rc == 0)
		rc = cli_apply_flags(cfg, common, err);
	if (rc == 0)
		rc = frontend_check_keys(cfg, err);
	return rc;
}

int cli_load_config(struct config *cfg, const struct cli_common *common)
{
	char *err = NULL;

	config_init(cfg);
	if (cli_load_layers(cfg, common, &err) == 0)
		return 0;
	fprintf(stderr, "%s: %s\n", cli_prog, err);
	free(err);
	config_free(cfg);
	return -1;
}

void cli_open_log(const struct config *cfg)
{
	char *dir = paths_xdg(XDG_STATE);
	char *path = xasprintf("%s/faos-codex.log", dir);
	char *err = NULL;

	if (log_open(path, (enum log_level)config_int(cfg, OPT_LOG_LEVEL), &err) < 0) {
		fprintf(stderr, "%s: warning: logging is off: %s\n", cli_prog, err);
		free(err);
	}
	free(path);
	free(dir);
}

char *cli_read_stdin(void)
{
	struct buf b = BUF_INIT;
	char chunk[4096];
	ssize_t n;

	while ((n = read(STDIN_FILENO, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		buf_append(&b, chunk, (size_t)n);
	}
	return buf_steal(&b);
}

static int cli_signal_pipe[2] = { -1, -1 };

static void cli_on_signal(int sig)
{
	int saved = errno;
	unsigned char c = (unsigned char)sig;
	ssize_t ignored = write(cli_signal_pipe[1], &c, 1);

	(void)ignored;
	errno = saved;
}

int cli_signals_open(void)
{
	struct sigaction sa = { .sa_handler = cli_on_signal };

	if (pipe2(cli_signal_pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
		fprintf(stderr, "%s: pipe: %s\n", cli_prog, strerror(errno));
		return -1;
	}
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	return cli_signal_pipe[0];
}

int cli_signals_take(void)
{
	unsigned char c;
	int got = 0;

	while (read(cli_signal_pipe[0], &c, 1) == 1)
		got = 1;
	return got;
}

void cli_signals_close(void)
{
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	close(cli_signal_pipe[0]);
	close(cli_signal_pipe[1]);
	cli_signal_pipe[0] = cli_signal_pipe[1] = -1;
}
