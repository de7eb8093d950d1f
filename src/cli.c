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
	"  -v, --verbose         write debug records to the log file\n"
	"      --agent ROLE=MODEL\n"
	"                        multi-agent: ROLE (planner, coder or reviewer) asks\n"
	"                        MODEL; repeat it for each role (agents: in the config)\n"
	"      --coders=N        N coders (1 to 16) write the plan's files in parallel\n";

/* --agent ROLE=MODEL; a malformed one is kept for cli_load_config to report,
 * like every other configuration error. */
static void cli_agent_option(const char *arg, struct cli_common *common)
{
	const char *eq = strchr(arg, '=');
	char role[32];

	if (eq && (size_t)(eq - arg) < sizeof role) {
		snprintf(role, sizeof role, "%.*s", (int)(eq - arg), arg);
		int r = agent_role_find(role);
		if (r >= 0 && eq[1] != '\0') {
			common->agent_model[r] = eq + 1;
			return;
		}
	}
	if (common->agent_bad == NULL)
		common->agent_bad = arg;
}

int cli_common_option(int opt, const char *arg, struct cli_common *common)
{
	switch (opt) {
	case OPT_LONG_AGENT: cli_agent_option(arg, common); return 1;
	case OPT_LONG_CODERS: common->coders = arg; return 1;
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

/* What is wrong with a --agent that is not ROLE=MODEL. */
static char *cli_agent_error(const char *arg)
{
	const char *eq = strchr(arg, '=');

	if (eq == NULL)
		return xasprintf("--agent '%s': give ROLE=MODEL, e.g. --agent coder=qwen2.5-coder:7b "
				 "(the roles are planner, coder and reviewer)", arg);
	char *role = xstrndup(arg, (size_t)(eq - arg));
	const char *near = agent_role_closest(role);
	char *msg;
	if (agent_role_find(role) >= 0)
		msg = xasprintf("--agent '%s': the model is missing; give ROLE=MODEL, e.g. "
				"--agent %s=qwen2.5-coder:7b", arg, role);
	else if (near)
		msg = xasprintf("--agent '%s': unknown role '%s' (did you mean '%s'?)", arg, role,
				near);
	else
		msg = xasprintf("--agent '%s': unknown role '%s' (the roles are planner, coder and "
				"reviewer)", arg, role);
	free(role);
	return msg;
}

static int cli_apply_agent_flags(struct config *cfg, const struct cli_common *c, char **err)
{
	if (c->agent_bad) {
		*err = cli_agent_error(c->agent_bad);
		return -1;
	}
	for (int role = 0; role < AGENT__COUNT; role++)
		if (c->agent_model[role] &&
		    config_agent_set(cfg, role, AG_MODEL, c->agent_model[role], SRC_FLAG, "--agent",
				     err) < 0)
			return -1;
	if (c->coders &&
	    config_agent_set(cfg, AGENT_CODER, AG_COUNT, c->coders, SRC_FLAG, "--coders", err) < 0) {
		free(*err);
		*err = xasprintf("--coders '%s': give a number from %g to %g", c->coders,
				 agent_table[AG_COUNT].min, agent_table[AG_COUNT].max);
		return -1;
	}
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
		rc = cli_apply_agent_flags(cfg, common, err);
	if (rc == 0)
		rc = config_check_agents(cfg, err);
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
