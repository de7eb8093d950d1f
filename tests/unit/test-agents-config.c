/* test-agents-config: the configuration of multi-agent coordination: the
 * agents: section of the YAML config (values and every error message), the
 * concurrency options, config_agent_set, config_check_agents, a project's own
 * config.yaml (config_load_project), the dump, and the --agent and --coders
 * flags through cli_load_config. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/config.h"
#include "base/options.h"
#include "check.h"
#include "config-check.h"
#include "cli-opts.h"
#include "cli.h"

static void test_tables(void)
{
	CHECK_STR(agent_role_name(AGENT_PLANNER), "planner");
	CHECK_STR(agent_role_name(AGENT_CODER), "coder");
	CHECK_STR(agent_role_name(AGENT_REVIEWER), "reviewer");
	CHECK(agent_role_name(AGENT__COUNT) == NULL);
	CHECK(agent_role_name(-1) == NULL);
	CHECK(agent_role_find("coder") == AGENT_CODER);
	CHECK(agent_role_find("reviewer") == AGENT_REVIEWER);
	CHECK(agent_role_find("Coder") == -1);
	CHECK(agent_role_find("") == -1);
	CHECK_STR(agent_role_closest("planer"), "planner");
	CHECK(agent_role_closest("tester") == NULL);
	CHECK(agent_field_find("count") == AG_COUNT);
	CHECK(agent_field_find("name") == -1);
	CHECK_STR(agent_field_closest("modle"), "model");
	CHECK_STR(agent_table[AG_ENDPOINT].name, "endpoint");
	CHECK(agent_table[AG_ENDPOINT].flags & OPT_NAME);
	CHECK_STR(agent_table[AG_TEMPERATURE].def, "0.2");
	CHECK(agent_table[AG_TEMPERATURE].max == 2);
	CHECK(agent_table[AG_COUNT].min == 1 && agent_table[AG_COUNT].max == 16);
	CHECK(option_find("concurrency") == OPT_CONCURRENCY);
	CHECK(option_table[OPT_CONCURRENCY].min == 1 && option_table[OPT_CONCURRENCY].max == 64);
	CHECK(endpoint_field_find("concurrency") == EP_CONCURRENCY);
	CHECK_STR(endpoint_table[EP_CONCURRENCY].def, "0");
}

static void test_defaults_off(void)
{
	struct config cfg;

	config_init(&cfg);
	CHECK(!config_agents_on(&cfg));
	CHECK(config_int(&cfg, OPT_CONCURRENCY) == 2);
	for (int role = 0; role < AGENT__COUNT; role++) {
		CHECK(!cfg.agents[role].set);
		CHECK(cfg.agents[role].where == NULL);
		for (int f = 0; f < AG__COUNT; f++) {
			CHECK_STR(cfg.agents[role].v[f].s, agent_table[f].def);
			CHECK(cfg.agents[role].v[f].src == SRC_DEFAULT);
		}
		CHECK(cfg.agents[role].v[AG_COUNT].i == 1);
		CHECK(cfg.agents[role].v[AG_TEMPERATURE].d == 0.2);
	}
	char *err = NULL;
	CHECK(config_check_agents(&cfg, &err) == 0);
	config_free(&cfg);
}

static const char good_yaml[] =
	"concurrency: 4\n"
	"endpoints:\n"
	"  - { name: gpu, url: http://gpu.lan:8000, concurrency: 1 }\n"
	"agents:\n"
	"  planner:  { endpoint: gpu, model: qwen2.5-coder:32b, temperature: 0.1 }\n"
	"  coder:    { model: qwen2.5-coder:7b, count: 2 }\n"
	"  reviewer: { endpoint: gpu, model: qwen2.5-coder:32b, template: strict }\n";

static void test_yaml_good(void)
{
	struct config cfg;
	int rc;
	char *err = load(&cfg, good_yaml, &rc);

	CHECK(rc == 0);
	free(err);
	CHECK(config_agents_on(&cfg));
	CHECK(config_int(&cfg, OPT_CONCURRENCY) == 4);
	CHECK(cfg.nendpoints == 1);
	if (cfg.nendpoints == 1)
		CHECK(cfg.endpoints[0].v[EP_CONCURRENCY].i == 1);
	const struct config_agent *p = &cfg.agents[AGENT_PLANNER];
	const struct config_agent *c = &cfg.agents[AGENT_CODER];
	const struct config_agent *r = &cfg.agents[AGENT_REVIEWER];
	CHECK(p->set && c->set && r->set);
	CHECK_STR(p->where, "t.yaml:5:3");
	CHECK_STR(p->v[AG_ENDPOINT].s, "gpu");
	CHECK_STR(p->v[AG_ENDPOINT].where, "t.yaml:5:25");
	CHECK(p->v[AG_ENDPOINT].src == SRC_FILE);
	CHECK_STR(p->v[AG_MODEL].s, "qwen2.5-coder:32b");
	CHECK(p->v[AG_TEMPERATURE].d == 0.1);
	CHECK(p->v[AG_TEMPERATURE].src == SRC_FILE);
	CHECK(p->v[AG_COUNT].src == SRC_DEFAULT);
	CHECK_STR(c->v[AG_ENDPOINT].s, "");
	CHECK(c->v[AG_ENDPOINT].src == SRC_DEFAULT);
	CHECK_STR(c->v[AG_MODEL].s, "qwen2.5-coder:7b");
	CHECK(c->v[AG_COUNT].i == 2);
	CHECK(c->v[AG_TEMPERATURE].src == SRC_DEFAULT); /* the top-level one applies */
	CHECK_STR(r->v[AG_TEMPLATE].s, "strict");
	CHECK(config_check_agents(&cfg, &err) == 0);
	config_free(&cfg);
}

static void test_yaml_empty_roles(void)
{
	struct config cfg;
	int rc;
	char *err = load(&cfg, "agents:\n  coder: {}\n  reviewer:\n", &rc);

	CHECK(rc == 0);
	free(err);
	CHECK(config_agents_on(&cfg));
	CHECK(!cfg.agents[AGENT_PLANNER].set);
	CHECK(cfg.agents[AGENT_CODER].set);
	CHECK_STR(cfg.agents[AGENT_CODER].where, "t.yaml:2:3");
	CHECK(cfg.agents[AGENT_CODER].v[AG_COUNT].i == 1);
	CHECK(cfg.agents[AGENT_REVIEWER].set);
	config_free(&cfg);

	/* An empty section turns nothing on. */
	err = load(&cfg, "agents: {}\n", &rc);
	CHECK(rc == 0);
	CHECK(!config_agents_on(&cfg));
	free(err);
	config_free(&cfg);
	err = load(&cfg, "agents:\nmodel: m\n", &rc);
	CHECK(rc == 0);
	CHECK(!config_agents_on(&cfg));
	free(err);
	config_free(&cfg);
}

static void test_yaml_errors(void)
{
	expect_error("agents:\n  planer: {}\n",
		     "t.yaml:2:3: agents: unknown role 'planer' (did you mean 'planner'?)");
	expect_error("agents:\n  tester: {}\n",
		     "t.yaml:2:3: agents: unknown role 'tester' (the roles are planner, coder and "
		     "reviewer)");
	expect_error("agents:\n  coder: { modle: x }\n",
		     "t.yaml:2:12: agents: coder: unknown field 'modle' (did you mean 'model'?)");
	expect_error("agents:\n  coder: { name: x }\n",
		     "t.yaml:2:12: agents: coder: unknown field 'name'");
	expect_error("agents:\n  coder: { model: a, model: b }\n",
		     "t.yaml:2:22: agents: coder: model is set twice");
	expect_error("agents:\n  coder: qwen\n",
		     "t.yaml:2:10: agents: coder: expected a mapping of field: value, e.g. coder: "
		     "{ model: qwen2.5-coder:7b }");
	expect_error("agents:\n  coder: [a]\n",
		     "t.yaml:2:10: agents: coder: expected a mapping of field: value, e.g. coder: "
		     "{ model: qwen2.5-coder:7b }");
	expect_error("agents: [coder]\n",
		     "t.yaml:1:9: agents: expected a mapping of role: fields, e.g. coder: "
		     "{ model: qwen2.5-coder:7b, count: 2 }");
	expect_error("agents:\n  coder: {}\n  coder: {}\n", "t.yaml:3:3: agents: coder is set twice");
	expect_error("agents: {}\nagents: {}\n", "t.yaml:2:1: agents is set twice");
	expect_error("agents:\n  planner: { count: 2 }\n",
		     "t.yaml:2:21: agents: planner: count is for coders only");
	expect_error("agents:\n  reviewer: { count: 2 }\n",
		     "t.yaml:2:22: agents: reviewer: count is for coders only");
	expect_error("agents:\n  coder: { count: 17 }\n",
		     "t.yaml:2:19: agents: coder: count: 17 is out of bounds (1 to 16)");
	expect_error("agents:\n  coder: { count: 1.5 }\n",
		     "t.yaml:2:19: agents: coder: count: '1.5' is not a whole number");
	expect_error("agents:\n  coder: { temperature: hot }\n",
		     "t.yaml:2:25: agents: coder: temperature: 'hot' is not a number");
	expect_error("agents:\n  coder: { endpoint: 'gpu box' }\n",
		     "t.yaml:2:22: agents: coder: endpoint: 'gpu box' is not a name (letters, "
		     "digits, '_', '.' and '-')");
	expect_error("agents:\n  coder: { model: [a] }\n",
		     "t.yaml:2:19: agents: coder: model: expected a single value, not a list");
	expect_error("agents:\n  [coder]: {}\n",
		     "t.yaml:2:3: agents: role: expected a single value, not a list");
	expect_error("agent:\n  coder: {}\n",
		     "t.yaml:1:1: unknown option 'agent' (did you mean 'agents'?)");
	expect_error("concurrency: 0\n", "t.yaml:1:14: concurrency: 0 is out of bounds (1 to 64)");
	expect_error("endpoints:\n  - { name: a, url: http://a, concurrency: 65 }\n",
		     "t.yaml:2:44: concurrency: 65 is out of bounds (0 to 64) (in endpoints:)");
	expect_error("endpoints:\n  - { name: a, url: [x] }\n",
		     "t.yaml:2:21: endpoints: url: expected a single value, not a list");
}

static void test_check_agents(void)
{
	struct config cfg;
	int rc;
	char *err = load(&cfg,
			 "endpoints:\n  - { name: gpu, url: http://gpu:8000 }\n"
			 "agents:\n  coder: { endpoint: gpu }\n  planner: { endpoint: gpus }\n",
			 &rc);

	CHECK(rc == 0);
	free(err);
	err = NULL;
	CHECK(config_check_agents(&cfg, &err) == -1);
	CHECK_STR(err, "t.yaml:5:24: agents: planner: endpoint 'gpus' is not an entry of "
		       "endpoints: (add it there or leave endpoint out)");
	free(err);
	config_free(&cfg);

	/* Without a place, the message starts with the section. */
	config_init(&cfg);
	CHECK(config_agent_set(&cfg, AGENT_REVIEWER, AG_ENDPOINT, "big", SRC_FLAG, NULL, &err) == 0);
	CHECK(config_check_agents(&cfg, &err) == -1);
	CHECK_STR(err, "agents: reviewer: endpoint 'big' is not an entry of endpoints: (add it "
		       "there or leave endpoint out)");
	free(err);
	config_free(&cfg);
}

static void test_agent_set(void)
{
	struct config cfg;
	char *err = NULL;

	config_init(&cfg);
	CHECK(config_agent_set(&cfg, AGENT_CODER, AG_MODEL, "small", SRC_FLAG, "--agent", &err) ==
	      0);
	CHECK(cfg.agents[AGENT_CODER].set);
	CHECK(!cfg.agents[AGENT_PLANNER].set);
	CHECK(config_agents_on(&cfg));
	CHECK_STR(cfg.agents[AGENT_CODER].where, "--agent");
	CHECK(cfg.agents[AGENT_CODER].v[AG_MODEL].src == SRC_FLAG);
	CHECK(config_agent_set(&cfg, AGENT_CODER, AG_COUNT, "3", SRC_FLAG, "--coders", &err) == 0);
	CHECK(cfg.agents[AGENT_CODER].v[AG_COUNT].i == 3);
	CHECK_STR(cfg.agents[AGENT_CODER].where, "--agent"); /* the first place stays */

	CHECK(config_agent_set(&cfg, AGENT_PLANNER, AG_COUNT, "2", SRC_FLAG, "--coders", &err) ==
	      -1);
	CHECK_STR(err, "--coders: agents: planner: count is for coders only");
	free(err);
	CHECK(!cfg.agents[AGENT_PLANNER].set); /* a refused value turns nothing on */
	CHECK(config_agent_set(&cfg, AGENT_PLANNER, AG_COUNT, "2", SRC_FILE, NULL, &err) == -1);
	CHECK_STR(err, "agents: planner: count is for coders only");
	free(err);
	CHECK(config_agent_set(&cfg, AGENT_PLANNER, AG_TEMPERATURE, "3", SRC_FLAG, NULL, &err) ==
	      -1);
	CHECK_STR(err, "agents: planner: temperature: 3 is out of bounds (0 to 2)");
	free(err);
	CHECK(!cfg.agents[AGENT_PLANNER].set);
	CHECK(cfg.agents[AGENT_PLANNER].v[AG_TEMPERATURE].d == 0.2);
	config_free(&cfg);
}

static void test_load_project(void)
{
	struct config cfg;
	char *err = NULL;
	int rc;
	char *missing = tmp_path("no-such-config.yaml");

	err = load(&cfg, "approval: auto\nagents:\n  coder: { model: user-model, count: 4 }\n", &rc);
	CHECK(rc == 0);
	CHECK(config_agent_set(&cfg, AGENT_CODER, AG_COUNT, "2", SRC_FLAG, "--coders", &err) == 0);
	CHECK(config_load_project(&cfg, missing, &err) == 0);
	CHECK_STR(config_str(&cfg, OPT_APPROVAL), "auto");

	char *path = tmp_file("project.yaml",
			      "approval: review\n"
			      "agents:\n"
			      "  coder: { model: project-model, count: 3 }\n"
			      "  reviewer: {}\n");
	CHECK(config_load_project(&cfg, path, &err) == 0);
	CHECK_STR(config_str(&cfg, OPT_APPROVAL), "review");
	CHECK(cfg.v[OPT_APPROVAL].src == SRC_PROJECT);
	const struct config_agent *c = &cfg.agents[AGENT_CODER];
	CHECK_STR(c->v[AG_MODEL].s, "project-model");
	CHECK(c->v[AG_MODEL].src == SRC_PROJECT);
	char *where = malloc(strlen(path) + 8);
	sprintf(where, "%s:3:19", path);
	CHECK_STR(c->v[AG_MODEL].where, where);
	free(where);
	CHECK(c->v[AG_COUNT].i == 2); /* --coders wins over the project */
	CHECK(c->v[AG_COUNT].src == SRC_FLAG);
	CHECK(cfg.agents[AGENT_REVIEWER].set);
	CHECK(!cfg.agents[AGENT_PLANNER].set);
	char *text = dump(&cfg, 0);
	CHECK(strstr(text, "\napproval: review  # from project config: ") != NULL);
	free(text);
	config_free(&cfg);
	free(path);

	/* Anything but approval and agents: is refused, naming file, line and key. */
	config_init(&cfg);
	path = tmp_file("bad.yaml", "approval: review\nmodel: big\n");
	CHECK(config_load_project(&cfg, path, &err) == -1);
	char *want = malloc(strlen(path) + 128);
	sprintf(want, "%s:2:1: model: only approval and agents: can be set per project (set it in "
		      "your own config file)", path);
	CHECK_STR(err, want);
	free(err);
	CHECK_STR(config_str(&cfg, OPT_APPROVAL), "auto"); /* nothing of a bad file is taken */
	free(path);
	path = tmp_file("bad2.yaml", "endpoints: []\n");
	CHECK(config_load_project(&cfg, path, &err) == -1);
	sprintf(want, "%s:1:1: endpoints: only approval and agents: can be set per project (set "
		      "it in your own config file)", path);
	CHECK_STR(err, want);
	free(err);
	free(path);

	/* The agents it names are checked against the user's endpoints. */
	path = tmp_file("bad3.yaml", "agents:\n  planner: { endpoint: gpu }\n");
	CHECK(config_load_project(&cfg, path, &err) == -1);
	sprintf(want, "%s:2:24: agents: planner: endpoint 'gpu' is not an entry of endpoints: "
		      "(add it there or leave endpoint out)", path);
	CHECK_STR(err, want);
	free(err);
	free(path);
	config_free(&cfg);

	/* A file that exists but cannot be read is an error. */
	config_init(&cfg);
	CHECK(config_load_project(&cfg, tmpdir, &err) == -1);
	CHECK(err != NULL && strstr(err, "cannot read the project's config file") != NULL);
	free(err);
	config_free(&cfg);
	free(want);
	free(missing);
}

static void test_dump_effective(void)
{
	struct config cfg, back;
	int rc;
	char *err = load(&cfg, good_yaml, &rc);

	CHECK(rc == 0);
	free(err);
	char *text = dump(&cfg, 0);
	CHECK(strstr(text, "\nconcurrency: 4  # from config file: t.yaml:1:14\n") != NULL);
	CHECK(strstr(text, "\nagents:\n  planner:  # from t.yaml:5:3\n"
			   "    endpoint: \"gpu\"  # from config file: t.yaml:5:25\n"
			   "    model: \"qwen2.5-coder:32b\"  # from config file: t.yaml:5:37\n"
			   "    template: \"\"\n"
			   "    temperature: 0.1  # from config file: t.yaml:5:69\n"
			   "  coder:  # from t.yaml:6:3\n"
			   "    endpoint: \"\"\n") != NULL);
	CHECK(strstr(text, "    temperature: 0.2  # the top-level temperature\n"
			   "    count: 2  # from config file: t.yaml:6:47\n"
			   "  reviewer:  # from t.yaml:7:3\n") != NULL);
	CHECK(strstr(text, "\n    concurrency: 1\n    price_in: 0\n") != NULL);
	/* Read back, it is the same configuration. */
	config_init(&back);
	CHECK(config_load_yaml(&back, text, strlen(text), "dump.yaml", &err) == 0);
	free(err);
	for (int role = 0; role < AGENT__COUNT; role++) {
		CHECK(back.agents[role].set);
		for (int f = 0; f < AG__COUNT; f++)
			CHECK_STR(back.agents[role].v[f].s, cfg.agents[role].v[f].s);
	}
	config_free(&back);
	free(text);
	config_free(&cfg);

	config_init(&cfg);
	text = dump(&cfg, 0);
	CHECK(strstr(text, "\n# Multi-agent coordination is off (no role is set).\nagents: {}\n") !=
	      NULL);
	free(text);
	config_free(&cfg);
}

/* config.yaml.example documents agents: in comments; uncommented, its
 * example is a valid section. */
static void test_dump_defaults(void)
{
	struct config cfg;
	char *err = NULL;

	config_init(&cfg);
	char *text = dump(&cfg, 1);
	CHECK(strstr(text, "\n# Requests sent at once to one endpoint; more wait their turn (local "
			   "servers often serve one or two at a time) [1 to 64]\nconcurrency: 2\n") !=
	      NULL);
	CHECK(strstr(text, "\n#     concurrency: 0  # Requests sent at once to this server (0: "
			   "the top-level concurrency)") != NULL);
	for (int f = 0; f < AG__COUNT; f++) {
		char line[64];
		snprintf(line, sizeof line, "\n#     %s: ", agent_table[f].name);
		CHECK(strstr(text, line) != NULL);
	}
	CHECK(strstr(text, "#     count: 2  # Coders only: how many coders work in parallel [1 to "
			   "16]\n") != NULL);
	const char *at = strstr(text, "\n# agents:\n");
	CHECK(at != NULL);
	if (at != NULL) {
		char *yaml = malloc(strlen(at) + 128);
		char *out = yaml + sprintf(yaml, "endpoints: [{ name: gpu-box, url: http://g }]\n");
		for (const char *p = at + 1; p[0] == '#' && p[1] == ' ';) {
			size_t n = strcspn(p, "\n");
			out += sprintf(out, "%.*s\n", (int)n - 2, p + 2);
			p += n + (p[n] == '\n');
		}
		struct config ex;
		config_init(&ex);
		CHECK(config_load_yaml(&ex, yaml, strlen(yaml), "example", &err) == 0);
		if (err)
			CHECK_STR(err, "");
		free(err);
		CHECK(config_check_agents(&ex, &err) == 0);
		for (int role = 0; role < AGENT__COUNT; role++)
			CHECK(ex.agents[role].set);
		CHECK(ex.agents[AGENT_CODER].v[AG_COUNT].i == 2);
		config_free(&ex);
		free(yaml);
	}
	/* As shipped, every line of it is a comment: nothing is on. */
	config_free(&cfg);
	config_init(&cfg);
	CHECK(config_load_yaml(&cfg, text, strlen(text), "dump.yaml", &err) == 0);
	free(err);
	CHECK(!config_agents_on(&cfg));
	free(text);
	config_free(&cfg);
}

/* cli_load_config with these arguments parsed as a command would; the
 * error line it prints (NULL when it succeeds). */
static char *load_flags(struct config *cfg, const char *yaml, char **argv)
{
	struct cli_common common = { 0 };
	static const struct option longopts[] = { CLI_COMMON_LONG, { NULL, 0, NULL, 0 } };
	int argc = 0, opt;

	while (argv[argc])
		argc++;
	optind = 0;
	while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT, longopts, NULL)) != -1)
		CHECK(cli_common_option(opt, optarg, &common) == 1);
	char *path = tmp_file("flags.yaml", yaml);
	char *errpath = tmp_path("stderr.txt");
	common.config_path = path;
	fflush(stderr);
	int saved = dup(2), fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 2);
	close(fd);
	int rc = cli_load_config(cfg, &common);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	char *msg = NULL;
	if (rc < 0) {
		FILE *f = fopen(errpath, "r");
		size_t len = 0;
		CHECK(f != NULL);
		if (f != NULL && getline(&msg, &len, f) > 0)
			msg[strcspn(msg, "\n")] = '\0';
		if (f != NULL)
			fclose(f);
		CHECK(msg != NULL);
	}
	free(errpath);
	free(path);
	return msg;
}

static void test_flags(void)
{
	struct config cfg;
	char *argv1[] = { "run", "--agent", "planner=big", "--agent=coder=small", "--coders", "3",
			  "--agent", "coder=smaller", NULL };
	char *msg = load_flags(&cfg, "agents:\n  coder: { model: file-model, count: 2 }\n"
				     "  reviewer: { model: rev }\n", argv1);

	CHECK(msg == NULL);
	free(msg);
	if (msg == NULL) {
		CHECK(config_agents_on(&cfg));
		CHECK_STR(cfg.agents[AGENT_PLANNER].v[AG_MODEL].s, "big");
		CHECK(cfg.agents[AGENT_PLANNER].v[AG_MODEL].src == SRC_FLAG);
		CHECK_STR(cfg.agents[AGENT_PLANNER].where, "--agent");
		CHECK_STR(cfg.agents[AGENT_CODER].v[AG_MODEL].s, "smaller"); /* the last one */
		CHECK(cfg.agents[AGENT_CODER].v[AG_COUNT].i == 3);
		CHECK(cfg.agents[AGENT_CODER].v[AG_COUNT].src == SRC_FLAG);
		CHECK_STR(cfg.agents[AGENT_REVIEWER].v[AG_MODEL].s, "rev");
		config_free(&cfg);
	}

	char *argv2[] = { "run", "--coders", "2", NULL };
	msg = load_flags(&cfg, "", argv2);
	CHECK(msg == NULL);
	if (msg == NULL) {
		CHECK(cfg.agents[AGENT_CODER].set);
		CHECK(!cfg.agents[AGENT_PLANNER].set && !cfg.agents[AGENT_REVIEWER].set);
		CHECK(cfg.agents[AGENT_CODER].v[AG_COUNT].i == 2);
		config_free(&cfg);
	}
	free(msg);

	static const struct {
		const char *flag, *arg, *yaml, *want;
	} bad[] = {
		{ "--agent", "planer=x", "", "faos-codex: --agent 'planer=x': unknown role 'planer' "
					     "(did you mean 'planner'?)" },
		{ "--agent", "boss=x", "", "faos-codex: --agent 'boss=x': unknown role 'boss' (the "
					   "roles are planner, coder and reviewer)" },
		{ "--agent", "qwen", "", "faos-codex: --agent 'qwen': give ROLE=MODEL, e.g. --agent "
					 "coder=qwen2.5-coder:7b (the roles are planner, coder and "
					 "reviewer)" },
		{ "--agent", "coder=", "", "faos-codex: --agent 'coder=': the model is missing; give "
					   "ROLE=MODEL, e.g. --agent coder=qwen2.5-coder:7b" },
		{ "--coders", "0", "", "faos-codex: --coders '0': give a number from 1 to 16" },
		{ "--coders", "two", "", "faos-codex: --coders 'two': give a number from 1 to 16" },
		{ "--agent", "coder=x", "agents:\n  coder: { endpoint: gpu }\n",
		  "faos-codex: flags.yaml:2:22: agents: coder: endpoint 'gpu' is not an entry of "
		  "endpoints: (add it there or leave endpoint out)" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *argv[] = { "run", (char *)bad[i].flag, (char *)bad[i].arg, NULL };
		msg = load_flags(&cfg, bad[i].yaml, argv);
		/* The config file's path is in tmpdir: compare from its name on. */
		const char *m = msg;
		char *in_tmp = msg ? strstr(msg, tmpdir) : NULL;
		char *shown = NULL;
		if (in_tmp) {
			shown = malloc(strlen(msg) + 1);
			sprintf(shown, "%.*s%s", (int)(in_tmp - msg), msg,
				in_tmp + strlen(tmpdir) + 1);
			m = shown;
		}
		CHECK_STR(m, bad[i].want);
		free(shown);
		free(msg);
	}
}

int main(void)
{
	strcpy(tmpdir, "/tmp/faos-test-agents-XXXXXX");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_tables);
	RUN(test_defaults_off);
	RUN(test_yaml_good);
	RUN(test_yaml_empty_roles);
	RUN(test_yaml_errors);
	RUN(test_check_agents);
	RUN(test_agent_set);
	RUN(test_load_project);
	RUN(test_dump_effective);
	RUN(test_dump_defaults);
	RUN(test_flags);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	return CHECK_EXIT();
}
