/* test-config: unit tests of the option table, YAML config, .env and
 * environment layers, and config dumping (src/base/options.c, config*.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/config.h"
#include "base/options.h"
#include "check.h"
#include "config-check.h"

static const char *const env_vars[] = { "OPENAI_BASE_URL", "OPENAI_API_KEY",
					"FAOS_CODEX_ENDPOINT", "FAOS_CODEX_MODEL",
					"FAOS_CODEX_API" };

static void clear_env(void)
{
	for (size_t i = 0; i < sizeof env_vars / sizeof env_vars[0]; i++)
		unsetenv(env_vars[i]);
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text = NULL;
	size_t len = 0;

	if (f == NULL)
		return NULL;
	FILE *out = open_memstream(&text, &len);
	int c;
	while ((c = fgetc(f)) != EOF)
		fputc(c, out);
	fclose(out);
	fclose(f);
	return text;
}

static void test_defaults_equal_table(void)
{
	struct config cfg;

	config_init(&cfg);
	for (int id = 0; id < OPT__COUNT; id++) {
		CHECK_STR(cfg.v[id].s, option_table[id].def);
		CHECK(cfg.v[id].src == SRC_DEFAULT);
		CHECK(cfg.v[id].where == NULL);
	}
	CHECK(cfg.path == NULL);
	CHECK(cfg.nbindings == 0);
	CHECK_STR(config_str(&cfg, OPT_ENDPOINT), "");
	CHECK_STR(config_str(&cfg, OPT_API), "auto");
	CHECK(config_int(&cfg, OPT_API) == 0);
	CHECK_STR(config_str(&cfg, OPT_MODEL), "");
	CHECK_STR(config_str(&cfg, OPT_API_KEY), "");
	CHECK_STR(config_str(&cfg, OPT_SYSTEM_PROMPT),
		  "You are a careful programming assistant. Answer concisely.");
	CHECK(config_double(&cfg, OPT_TEMPERATURE) == 0.2);
	CHECK(config_int(&cfg, OPT_MAX_TOKENS) == 0);
	CHECK(config_int(&cfg, OPT_CONNECT_TIMEOUT) == 10);
	CHECK(config_int(&cfg, OPT_IDLE_TIMEOUT) == 120);
	CHECK_STR(config_str(&cfg, OPT_THEME), "default");
	CHECK(config_int(&cfg, OPT_MAX_FPS) == 30);
	CHECK_STR(config_str(&cfg, OPT_DATA_DIR), "");
	CHECK_STR(config_str(&cfg, OPT_LOG_LEVEL), "info");
	CHECK(config_int(&cfg, OPT_LOG_LEVEL) == 2);
	config_free(&cfg);
}

static void test_option_lookup(void)
{
	CHECK(option_find("endpoint") == OPT_ENDPOINT);
	CHECK(option_find("temperature") == OPT_TEMPERATURE);
	CHECK(option_find("log_level") == OPT_LOG_LEVEL);
	CHECK(option_find("Endpoint") == -1);
	CHECK(option_find("keys") == -1);
	CHECK(option_find("") == -1);
	CHECK_STR(option_closest("endpont"), "endpoint");
	CHECK_STR(option_closest("max_token"), "max_tokens");
	CHECK_STR(option_closest("loglevel"), "log_level");
	CHECK(option_closest("completely_unrelated") == NULL);
	/* Option names are unique. */
	for (int i = 0; i < OPT__COUNT; i++)
		CHECK(option_find(option_table[i].name) == i);
}

static void test_config_set(void)
{
	struct config cfg;
	char *err = NULL;

	config_init(&cfg);
	CHECK(config_set(&cfg, OPT_MAX_TOKENS, "512", SRC_FLAG, "--max-tokens", &err) == 0);
	CHECK(config_int(&cfg, OPT_MAX_TOKENS) == 512);
	CHECK(cfg.v[OPT_MAX_TOKENS].src == SRC_FLAG);
	CHECK_STR(cfg.v[OPT_MAX_TOKENS].where, "--max-tokens");

	/* A rejected value leaves the previous one in place. */
	CHECK(config_set(&cfg, OPT_MAX_TOKENS, "1.5", SRC_FLAG, "--max-tokens", &err) == -1);
	CHECK_STR(err, "--max-tokens: max_tokens: '1.5' is not a whole number");
	free(err);
	err = NULL;
	CHECK(config_int(&cfg, OPT_MAX_TOKENS) == 512);
	CHECK_STR(config_str(&cfg, OPT_MAX_TOKENS), "512");

	CHECK(config_set(&cfg, OPT_MAX_TOKENS, "2000000", SRC_FLAG, "--max-tokens", &err) == -1);
	CHECK_STR(err, "--max-tokens: max_tokens: 2000000 is out of bounds (0 to 1048576)");
	free(err);
	err = NULL;
	CHECK(config_set(&cfg, OPT_MAX_FPS, "0", SRC_FLAG, NULL, &err) == -1);
	CHECK_STR(err, "max_fps: 0 is out of bounds (1 to 240)");
	free(err);
	err = NULL;
	CHECK(config_set(&cfg, OPT_TEMPERATURE, "warm", SRC_FLAG, "--temperature", &err) == -1);
	CHECK_STR(err, "--temperature: temperature: 'warm' is not a number");
	free(err);
	err = NULL;
	CHECK(config_set(&cfg, OPT_TEMPERATURE, "nan", SRC_FLAG, "--temperature", &err) == -1);
	CHECK_STR(err, "--temperature: temperature: 'nan' is not a number");
	free(err);
	err = NULL;
	CHECK(config_set(&cfg, OPT_TEMPERATURE, "", SRC_FLAG, "--temperature", &err) == -1);
	CHECK_STR(err, "--temperature: temperature: '' is not a number");
	free(err);
	err = NULL;
	CHECK(config_set(&cfg, OPT_TEMPERATURE, "2", SRC_FLAG, NULL, &err) == 0);
	CHECK(config_double(&cfg, OPT_TEMPERATURE) == 2.0);
	CHECK(config_set(&cfg, OPT_LOG_LEVEL, "debug", SRC_FLAG, NULL, &err) == 0);
	CHECK(config_int(&cfg, OPT_LOG_LEVEL) == 3);
	CHECK(config_set(&cfg, OPT_LOG_LEVEL, "DEBUG", SRC_FLAG, "--log-level", &err) == -1);
	CHECK_STR(err, "--log-level: log_level: 'DEBUG' is not one of error/warn/info/debug");
	free(err);
	err = NULL;
	CHECK(config_set(&cfg, OPT_ENDPOINT, "https://h.example/v1", SRC_FLAG, NULL, &err) == 0);
	CHECK(config_set(&cfg, OPT_ENDPOINT, "", SRC_FLAG, NULL, &err) == 0);
	CHECK(config_set(&cfg, OPT_ENDPOINT, "ftp://h", SRC_FLAG, "--endpoint", &err) == -1);
	CHECK_STR(err, "--endpoint: endpoint: 'ftp://h' is not an http:// or https:// URL");
	free(err);
	config_free(&cfg);
}

static void test_yaml_good_file(void)
{
	static const char yaml[] = "# my settings\n"
				   "endpoint: http://127.0.0.1:8080\n"
				   "api: openai\n"
				   "model: qwen2.5-coder\n"
				   "system_prompt: \"Be brief.\\tNo fluff.\"\n"
				   "temperature: 0.7\n"
				   "max_tokens: 512\n"
				   "idle_timeout: 0\n"
				   "log_level: debug\n"
				   "theme: 'light'\n";
	struct config cfg;
	int rc;
	char *err = load(&cfg, yaml, &rc);

	CHECK(rc == 0);
	CHECK(err == NULL);
	free(err);
	CHECK_STR(config_str(&cfg, OPT_ENDPOINT), "http://127.0.0.1:8080");
	CHECK(cfg.v[OPT_ENDPOINT].src == SRC_FILE);
	CHECK_STR(cfg.v[OPT_ENDPOINT].where, "t.yaml:2:11");
	CHECK_STR(config_str(&cfg, OPT_API), "openai");
	CHECK(config_int(&cfg, OPT_API) == 1);
	CHECK_STR(cfg.v[OPT_API].where, "t.yaml:3:6");
	CHECK_STR(config_str(&cfg, OPT_MODEL), "qwen2.5-coder");
	CHECK_STR(config_str(&cfg, OPT_SYSTEM_PROMPT), "Be brief.\tNo fluff.");
	CHECK_STR(cfg.v[OPT_SYSTEM_PROMPT].where, "t.yaml:5:16");
	CHECK(config_double(&cfg, OPT_TEMPERATURE) == 0.7);
	CHECK_STR(config_str(&cfg, OPT_TEMPERATURE), "0.7");
	CHECK(config_int(&cfg, OPT_MAX_TOKENS) == 512);
	CHECK(config_int(&cfg, OPT_IDLE_TIMEOUT) == 0);
	CHECK_STR(config_str(&cfg, OPT_LOG_LEVEL), "debug");
	CHECK(config_int(&cfg, OPT_LOG_LEVEL) == 3);
	CHECK_STR(config_str(&cfg, OPT_THEME), "light");
	for (int id = 0; id < OPT__COUNT; id++) {
		int set = id != OPT_API_KEY && id != OPT_CONNECT_TIMEOUT && id != OPT_MAX_FPS &&
			  id != OPT_DATA_DIR && id != OPT_CONTEXT && id != OPT_TEMPLATE &&
			  id != OPT_FIRST_BYTE_TIMEOUT && id != OPT_RETRIES &&
			  id != OPT_RETRY_DELAY_MS && id != OPT_RETRY_MAX_DELAY_MS &&
			  id != OPT_CONCURRENCY && id != OPT_SCAN_PORTS && id != OPT_MOUSE && id != OPT_HISTORY_SIZE &&
			  id != OPT_APPROVAL && id < OPT_RUN_COMMAND; /* no run_* keys in it */
		CHECK(cfg.v[id].src == (set ? SRC_FILE : SRC_DEFAULT));
	}
	CHECK_STR(config_str(&cfg, OPT_CONNECT_TIMEOUT), "10");
	config_free(&cfg);
}

static void test_yaml_empty_and_comments(void)
{
	static const char *const fine[] = { "",
					    "# nothing but comments\n# here\n",
					    "\n\n   \n",
					    "---\n",
					    "---\n# comment\n...\n" };

	for (size_t i = 0; i < sizeof fine / sizeof fine[0]; i++) {
		struct config cfg;
		int rc;
		char *err = load(&cfg, fine[i], &rc);
		CHECK(rc == 0);
		CHECK(err == NULL);
		free(err);
		for (int id = 0; id < OPT__COUNT; id++) {
			CHECK(cfg.v[id].src == SRC_DEFAULT);
			CHECK_STR(cfg.v[id].s, option_table[id].def);
		}
		config_free(&cfg);
	}
}

static void test_yaml_malformed(void)
{
	/* A tab where indentation is expected. */
	expect_error("endpoint: http://h:1\n\tmodel: y\n",
		     "t.yaml:2:1: found a tab character that violates indentation while "
		     "scanning a plain scalar");
	/* An unclosed quote: libyaml finds the end of the stream inside it. */
	expect_error("model: \"abc\napi: openai\n",
		     "t.yaml:3:1: found unexpected end of stream while scanning a quoted "
		     "scalar");
	expect_error("model: a\n  b: c\n",
		     "t.yaml:2:4: mapping values are not allowed in this context");
	/* Not a mapping at the top. */
	expect_error("hello\n", "t.yaml:1:1: expected option: value lines at the top level");
	expect_error("- model\n- api\n",
		     "t.yaml:1:1: expected option: value lines at the top level");
}

/* Errors from libyaml's reader (bad UTF-8, control characters) must also
 * say where they are (config.h: errors say "file:line:column"). */
static void test_yaml_reader_error_position(void)
{
	struct config cfg;
	int rc;
	char *err = load(&cfg, "api: auto\nmax_fps: 30\nmodel: ab\xff\n", &rc);

	CHECK(rc == -1);
	/* The bad byte is line 3, column 10. */
	if (err == NULL || strncmp(err, "t.yaml:3:10: ", 13) != 0)
		CHECK_STR(err, "t.yaml:3:10: invalid leading UTF-8 octet");
	CHECK(err != NULL && strstr(err, "invalid leading UTF-8 octet") != NULL);
	free(err);
	config_free(&cfg);
}

static void test_yaml_unknown_key(void)
{
	expect_error("model: a\nendpont: http://h:1\n",
		     "t.yaml:2:1: unknown option 'endpont' (did you mean 'endpoint'?)");
	/* The key's own column, in flow style. */
	expect_error("{model: a, temprature: 1}\n",
		     "t.yaml:1:12: unknown option 'temprature' (did you mean 'temperature'?)");
	expect_error("zzzzzzzzz: 1\n",
		     "t.yaml:1:1: unknown option 'zzzzzzzzz' (faos-codex --dump-config lists "
		     "them)");
}

static void test_yaml_bad_values(void)
{
	expect_error("temperature: 5\n",
		     "t.yaml:1:14: temperature: 5 is out of bounds (0 to 2)");
	expect_error("model: m\ntemperature: -0.1\n",
		     "t.yaml:2:14: temperature: -0.1 is out of bounds (0 to 2)");
	expect_error("api: foo\n", "t.yaml:1:6: api: 'foo' is not one of auto/openai/responses/anthropic/ollama/tgi");
	expect_error("log_level: verbose\n",
		     "t.yaml:1:12: log_level: 'verbose' is not one of error/warn/info/debug");
	expect_error("endpoint: localhost:8080\n",
		     "t.yaml:1:11: endpoint: 'localhost:8080' is neither an http:// or https:// "
		     "URL nor the name of an endpoints: entry (did you mean http://localhost:8080?)");
	expect_error("max_tokens: 1.5\n", "t.yaml:1:13: max_tokens: '1.5' is not a whole number");
	expect_error("max_fps: fast\n", "t.yaml:1:10: max_fps: 'fast' is not a number");
	expect_error("temperature:\n", "t.yaml:1:13: temperature: '' is not a number");
}

static void test_yaml_not_scalar(void)
{
	expect_error("model: [a, b]\n", "t.yaml:1:8: model: expected a single value, not a list");
	expect_error("model:\n  - a\n  - b\n",
		     "t.yaml:2:3: model: expected a single value, not a list");
	expect_error("model:\n  name: x\n",
		     "t.yaml:2:3: model: expected a single value, not a mapping");
	expect_error("temperature: {a: 1}\n",
		     "t.yaml:1:14: temperature: expected a single value, not a mapping");
}

static void test_yaml_duplicate_key(void)
{
	expect_error("model: a\napi: auto\nmodel: b\n", "t.yaml:3:1: model is set twice");
}

static void test_yaml_keys(void)
{
	static const char yaml[] = "model: m\n"
				   "keys:\n"
				   "  submit: \"C-s\"\n"
				   "  cancel: Escape\n"
				   "  scroll_up: 'PgUp C-b'\n"
				   "theme: mono\n";
	struct config cfg;
	int rc;
	char *err = load(&cfg, yaml, &rc);

	CHECK(rc == 0);
	free(err);
	CHECK(cfg.nbindings == 3);
	if (cfg.nbindings == 3) {
		CHECK_STR(cfg.bindings[0].action, "submit");
		CHECK_STR(cfg.bindings[0].keys, "C-s");
		CHECK_STR(cfg.bindings[0].where, "t.yaml:3:11");
		CHECK_STR(cfg.bindings[1].action, "cancel");
		CHECK_STR(cfg.bindings[1].keys, "Escape");
		CHECK_STR(cfg.bindings[1].where, "t.yaml:4:11");
		CHECK_STR(cfg.bindings[2].action, "scroll_up");
		CHECK_STR(cfg.bindings[2].keys, "PgUp C-b");
		CHECK_STR(cfg.bindings[2].where, "t.yaml:5:14");
	}
	/* Options after the keys section are still read. */
	CHECK_STR(config_str(&cfg, OPT_THEME), "mono");
	CHECK_STR(config_str(&cfg, OPT_MODEL), "m");
	config_free(&cfg);

	expect_error("keys: C-s\n",
		     "t.yaml:1:7: keys: expected a mapping of action: keys, e.g. submit: \"C-s\"");
	expect_error("keys:\n  submit: [C-s, C-x]\n",
		     "t.yaml:2:11: submit: expected a single value, not a list");
	expect_error("keys:\n  [a]: x\n", "t.yaml:2:3: keys: expected a single value, not a list");
}

static void test_load_file(void)
{
	struct config cfg;
	char *err = NULL;
	char *missing = tmp_file("unused", "");
	char *path = tmp_file("config.yaml", "model: from-file\n");

	unlink(missing);
	config_init(&cfg);
	CHECK(config_load_file(&cfg, missing, 0, &err) == 0);
	CHECK(err == NULL);
	CHECK(cfg.path == NULL);
	CHECK(config_load_file(&cfg, missing, 1, &err) == -1);
	char *want = malloc(strlen(missing) + 80);
	sprintf(want, "%s: cannot read the config file: No such file or directory", missing);
	CHECK_STR(err, want);
	free(want);
	free(err);
	err = NULL;

	CHECK(config_load_file(&cfg, path, 1, &err) == 0);
	CHECK_STR(cfg.path, path);
	CHECK_STR(config_str(&cfg, OPT_MODEL), "from-file");
	want = malloc(strlen(path) + 16);
	sprintf(want, "%s:1:8", path);
	CHECK_STR(cfg.v[OPT_MODEL].where, want);
	free(want);
	char *text = dump(&cfg, 0);
	want = malloc(strlen(path) + 64);
	sprintf(want, "# Effective values; read from %s.\n", path);
	CHECK(strstr(text, want) != NULL);
	free(want);
	free(text);
	config_free(&cfg);

	/* Errors name the file. */
	char *bad = tmp_file("bad.yaml", "\nmodle: x\n");
	config_init(&cfg);
	CHECK(config_load_file(&cfg, bad, 0, &err) == -1);
	want = malloc(strlen(bad) + 80);
	sprintf(want, "%s:2:1: unknown option 'modle' (did you mean 'model'?)", bad);
	CHECK_STR(err, want);
	CHECK(cfg.path == NULL);
	free(want);
	free(err);
	config_free(&cfg);
	unlink(bad);
	unlink(path);
	free(bad);
	free(path);
	free(missing);
}

static const char dotenv_text[] =
	"# settings for the local server\n"
	"export OPENAI_BASE_URL=http://base.example:8000/v1\n"
	"OPENAI_API_KEY=\"sk-dotenv-key\"\n"
	"FAOS_CODEX_MODEL='llama 3 #8b'\n"
	"FAOS_CODEX_API = openai # trailing comment\n"
	"  # FAOS_CODEX_MODEL=commented-out\n"
	"#FAOS_CODEX_MODEL=commented-out-too\n"
	"UNRELATED_VAR=ignored\n"
	"\n"
	"FAOS_CODEX_ENDPOINT\n";

static void test_dotenv(void)
{
	struct config cfg;
	char *err = NULL;
	char *path = tmp_file("dot.env", dotenv_text);
	char *where = malloc(strlen(path) + 32);

	clear_env();
	config_init(&cfg);
	CHECK(config_load_env(&cfg, path, &err) == 0);
	CHECK(err == NULL);
	CHECK_STR(config_str(&cfg, OPT_ENDPOINT), "http://base.example:8000/v1");
	CHECK(cfg.v[OPT_ENDPOINT].src == SRC_DOTENV);
	sprintf(where, "%s: OPENAI_BASE_URL", path);
	CHECK_STR(cfg.v[OPT_ENDPOINT].where, where);
	CHECK_STR(config_str(&cfg, OPT_API_KEY), "sk-dotenv-key");
	CHECK(cfg.v[OPT_API_KEY].src == SRC_DOTENV);
	CHECK_STR(config_str(&cfg, OPT_MODEL), "llama 3 #8b");
	CHECK_STR(config_str(&cfg, OPT_API), "openai");
	CHECK(config_int(&cfg, OPT_API) == 1);
	sprintf(where, "%s: FAOS_CODEX_API", path);
	CHECK_STR(cfg.v[OPT_API].where, where);
	CHECK(cfg.v[OPT_TEMPERATURE].src == SRC_DEFAULT);
	config_free(&cfg);

	/* No file, or no path: nothing happens. */
	config_init(&cfg);
	CHECK(config_load_env(&cfg, NULL, &err) == 0);
	unlink(path);
	CHECK(config_load_env(&cfg, path, &err) == 0);
	CHECK(err == NULL);
	for (int id = 0; id < OPT__COUNT; id++)
		CHECK(cfg.v[id].src == SRC_DEFAULT);
	config_free(&cfg);
	free(where);
	free(path);
}

/* "unquoted values may end in a comment" (config-env.c): also when the
 * comment is set off by several spaces; a quoted value may be followed by
 * one too. */
static void test_dotenv_comment_spacing(void)
{
	struct config cfg;
	char *err = NULL;
	char *path = tmp_file("spaced.env", "FAOS_CODEX_API=openai    # aligned comment\n"
					    "FAOS_CODEX_MODEL=qwen  \n"
					    "OPENAI_API_KEY=\"sk-quoted\"  # the key\n");

	clear_env();
	config_init(&cfg);
	int rc = config_load_env(&cfg, path, &err);
	if (err != NULL)
		CHECK_STR(err, ""); /* shows the error */
	CHECK(rc == 0);
	CHECK_STR(config_str(&cfg, OPT_API), "openai");
	CHECK_STR(config_str(&cfg, OPT_MODEL), "qwen");
	CHECK_STR(config_str(&cfg, OPT_API_KEY), "sk-quoted");
	free(err);
	config_free(&cfg);
	unlink(path);
	free(path);
}

static void test_dotenv_endpoint_precedence(void)
{
	struct config cfg;
	char *err = NULL;
	/* FAOS_CODEX_ENDPOINT wins over OPENAI_BASE_URL whatever the line order. */
	char *path = tmp_file("both.env", "FAOS_CODEX_ENDPOINT=http://faos.example:1\n"
					  "OPENAI_BASE_URL=http://openai.example:2/v1\n");

	clear_env();
	config_init(&cfg);
	CHECK(config_load_env(&cfg, path, &err) == 0);
	CHECK_STR(config_str(&cfg, OPT_ENDPOINT), "http://faos.example:1");
	config_free(&cfg);
	unlink(path);
	free(path);
}

static void test_env_overrides_dotenv(void)
{
	struct config cfg;
	char *err = NULL;
	char *path = tmp_file("dot.env", dotenv_text);

	clear_env();
	setenv("OPENAI_API_KEY", "sk-env-key", 1);
	setenv("FAOS_CODEX_MODEL", "env-model", 1);
	setenv("FAOS_CODEX_API", "", 1); /* empty: not set */
	config_init(&cfg);
	CHECK(config_load_env(&cfg, path, &err) == 0);
	CHECK(err == NULL);
	CHECK_STR(config_str(&cfg, OPT_API_KEY), "sk-env-key");
	CHECK(cfg.v[OPT_API_KEY].src == SRC_ENV);
	CHECK_STR(cfg.v[OPT_API_KEY].where, "OPENAI_API_KEY");
	CHECK_STR(config_str(&cfg, OPT_MODEL), "env-model");
	CHECK(cfg.v[OPT_MODEL].src == SRC_ENV);
	CHECK_STR(cfg.v[OPT_MODEL].where, "FAOS_CODEX_MODEL");
	/* Not in the environment: the .env values stay. */
	CHECK_STR(config_str(&cfg, OPT_ENDPOINT), "http://base.example:8000/v1");
	CHECK(cfg.v[OPT_ENDPOINT].src == SRC_DOTENV);
	CHECK_STR(config_str(&cfg, OPT_API), "openai");
	CHECK(cfg.v[OPT_API].src == SRC_DOTENV);
	config_free(&cfg);

	/* Both endpoint variables in the environment: FAOS_CODEX_ENDPOINT wins,
	 * and either beats the .env file. */
	setenv("OPENAI_BASE_URL", "http://openai-env:9/v1", 1);
	config_init(&cfg);
	CHECK(config_load_env(&cfg, path, &err) == 0);
	CHECK_STR(config_str(&cfg, OPT_ENDPOINT), "http://openai-env:9/v1");
	CHECK_STR(cfg.v[OPT_ENDPOINT].where, "OPENAI_BASE_URL");
	config_free(&cfg);
	setenv("FAOS_CODEX_ENDPOINT", "https://faos-env:10", 1);
	config_init(&cfg);
	CHECK(config_load_env(&cfg, path, &err) == 0);
	CHECK_STR(config_str(&cfg, OPT_ENDPOINT), "https://faos-env:10");
	CHECK(cfg.v[OPT_ENDPOINT].src == SRC_ENV);
	CHECK_STR(cfg.v[OPT_ENDPOINT].where, "FAOS_CODEX_ENDPOINT");
	config_free(&cfg);
	clear_env();
	unlink(path);
	free(path);
}

static void test_env_over_file(void)
{
	struct config cfg;
	int rc;
	char *err = load(&cfg, "model: file-model\nendpoint: http://file:1\napi: auto\n", &rc);
	char *path = tmp_file("layer.env", "FAOS_CODEX_MODEL=dotenv-model\n");

	CHECK(rc == 0);
	clear_env();
	setenv("FAOS_CODEX_API", "openai", 1);
	CHECK(config_load_env(&cfg, path, &err) == 0);
	CHECK_STR(config_str(&cfg, OPT_MODEL), "dotenv-model");
	CHECK(cfg.v[OPT_MODEL].src == SRC_DOTENV);
	CHECK_STR(config_str(&cfg, OPT_ENDPOINT), "http://file:1");
	CHECK(cfg.v[OPT_ENDPOINT].src == SRC_FILE);
	CHECK_STR(config_str(&cfg, OPT_API), "openai");
	CHECK(cfg.v[OPT_API].src == SRC_ENV);
	config_free(&cfg);
	clear_env();
	unlink(path);
	free(path);
}

static void test_env_errors(void)
{
	struct config cfg;
	char *err = NULL;

	clear_env();
	setenv("FAOS_CODEX_API", "foo", 1);
	config_init(&cfg);
	CHECK(config_load_env(&cfg, NULL, &err) == -1);
	CHECK_STR(err, "FAOS_CODEX_API: api: 'foo' is not one of auto/openai/responses/anthropic/ollama/tgi");
	free(err);
	err = NULL;
	config_free(&cfg);
	clear_env();

	char *path = tmp_file("bad.env", "FAOS_CODEX_ENDPOINT=localhost:8080\n");
	char *want = malloc(strlen(path) + 256);
	sprintf(want, "%s: FAOS_CODEX_ENDPOINT: endpoint: 'localhost:8080' is neither an http:// or "
		      "https:// URL nor the name of an endpoints: entry (did you mean "
		      "http://localhost:8080?)",
		path);
	config_init(&cfg);
	CHECK(config_load_env(&cfg, path, &err) == -1);
	CHECK_STR(err, want);
	free(err);
	free(want);
	config_free(&cfg);
	unlink(path);
	free(path);
}

static void test_dump_defaults_roundtrip(void)
{
	struct config cfg, back;
	char *err = NULL;

	config_init(&cfg);
	/* Effective values must not leak into the defaults-only dump. */
	CHECK(config_set(&cfg, OPT_MODEL, "not-a-default", SRC_FLAG, "--model", &err) == 0);
	char *text = dump(&cfg, 1);
	char *plain = NULL;
	config_free(&cfg);
	config_init(&cfg);
	plain = dump(&cfg, 1);
	CHECK_STR(text, plain);
	free(plain);

	CHECK(strncmp(text, "# FAOS Codex configuration: ", 28) == 0);
	CHECK(strstr(text, "# Every option is listed with its default value.\n") != NULL);
	CHECK(strstr(text, "not-a-default") == NULL);
	CHECK(strstr(text, "\n# Base URL of the model server (http://127.0.0.1:8080), or the name "
			   "of an entry of endpoints: (empty: the endpoints: list, else the usual "
			   "local ports)\nendpoint: \"\"\n") != NULL);
	CHECK(strstr(text, "\n# Wire protocol of endpoint: auto probes the server once and "
			   "chooses [auto, openai, responses, anthropic, ollama, tgi]\napi: auto\n")
	      != NULL);
	CHECK(strstr(text, "\n# endpoints:\n#   - name: gpu-box  # Name for messages, the status "
			   "bar and --endpoint NAME\n#     url: https://gpu-box.lan:8000  # Base "
			   "URL of the server\n") != NULL);
	CHECK(strstr(text, "\n# Sampling temperature [0 to 2]\ntemperature: 0.2\n") != NULL);
	CHECK(strstr(text, "\n# Most tokens generated per answer (0: the server's limit) [0 to "
			   "1048576]\nmax_tokens: 0\n") != NULL);
	CHECK(strstr(text, "\nsystem_prompt: \"You are a careful programming assistant. Answer "
			   "concisely.\"\n") != NULL);
	CHECK(strstr(text, "\n# Detail of the log file in $XDG_STATE_HOME/faos-codex [error, "
			   "warn, info, debug]\nlog_level: info\n") != NULL);
	CHECK(strstr(text, "# from ") == NULL);
	/* Every option appears exactly once as "name: " at a line start. */
	for (int id = 0; id < OPT__COUNT; id++) {
		char key[64];
		int n = 0;
		snprintf(key, sizeof key, "\n%s: ", option_table[id].name);
		for (const char *p = text; (p = strstr(p, key)) != NULL; p++)
			n++;
		CHECK(n == 1);
	}

	/* Parsed back, every option is set from the file to its default. */
	config_init(&back);
	CHECK(config_load_yaml(&back, text, strlen(text), "dump.yaml", &err) == 0);
	CHECK(err == NULL);
	free(err);
	for (int id = 0; id < OPT__COUNT; id++) {
		CHECK_STR(back.v[id].s, option_table[id].def);
		CHECK(back.v[id].src == SRC_FILE);
	}
	CHECK(config_double(&back, OPT_TEMPERATURE) == 0.2);
	config_free(&back);
	config_free(&cfg);
	free(text);
}

/* config.yaml.example at the top of the tree (the working directory when
 * the suite runs): its options part is config_dump(defaults_only) and every
 * value in it is the built-in default. Skipped while the file is absent. */
static void test_config_example(void)
{
	char *example = read_all("config.yaml.example");
	struct config cfg;
	char *err = NULL;

	if (example == NULL)
		return;
	config_init(&cfg);
	char *text = dump(&cfg, 1);
	/* Show the first line that differs. */
	size_t at = 0;
	while (text[at] != '\0' && example[at] == text[at])
		at++;
	if (text[at] != '\0') {
		while (at > 0 && text[at - 1] != '\n')
			at--;
		char want[256], got[256];
		snprintf(want, sizeof want, "%.*s", (int)strcspn(text + at, "\n"), text + at);
		snprintf(got, sizeof got, "%.*s", (int)strcspn(example + at, "\n"), example + at);
		CHECK_STR(got, want);
	}
	config_free(&cfg);
	config_init(&cfg);
	CHECK(config_load_yaml(&cfg, example, strlen(example), "config.yaml.example", &err) == 0);
	if (err != NULL)
		CHECK_STR(err, ""); /* shows the error */
	for (int id = 0; id < OPT__COUNT; id++)
		CHECK_STR(cfg.v[id].s, option_table[id].def);
	free(err);
	free(text);
	config_free(&cfg);
	free(example);
}

static void test_dump_effective_hides_secret(void)
{
	struct config cfg;
	int rc;
	char *err = load(&cfg, "model: qwen\napi_key: sk-file-SECRET-777\n", &rc);

	CHECK(rc == 0);
	char *text = dump(&cfg, 0);
	CHECK(strstr(text, "SECRET") == NULL);
	CHECK(strstr(text, "\napi_key: \"\"  # set, hidden, from config file: t.yaml:2:10\n") !=
	      NULL);
	CHECK(strstr(text, "\nmodel: \"qwen\"  # from config file: t.yaml:1:8\n") != NULL);
	CHECK(strstr(text, "# Effective values; no config file was read.\n") != NULL);
	/* Defaults carry no source comment. */
	CHECK(strstr(text, "\ntemperature: 0.2\n") != NULL);
	free(text);

	CHECK(config_set(&cfg, OPT_API_KEY, "sk-env-SECRET-4242", SRC_ENV, "OPENAI_API_KEY", &err) ==
	      0);
	text = dump(&cfg, 0);
	CHECK(strstr(text, "SECRET") == NULL);
	CHECK(strstr(text, "4242") == NULL);
	CHECK(strstr(text, "\napi_key: \"\"  # set, hidden, from environment: OPENAI_API_KEY\n") !=
	      NULL);
	free(text);
	/* The defaults-only dump never shows it either. */
	text = dump(&cfg, 1);
	CHECK(strstr(text, "SECRET") == NULL);
	free(text);
	config_free(&cfg);
}

static void test_dump_quoting_roundtrip(void)
{
	struct config cfg, back;
	char *err = NULL;
	const char *model = "q\"uote\\back\x01slash\ttab";

	config_init(&cfg);
	CHECK(config_set(&cfg, OPT_MODEL, model, SRC_FLAG, "--model", &err) == 0);
	CHECK(config_set(&cfg, OPT_SYSTEM_PROMPT, "line one\nline two é", SRC_FLAG, NULL, &err) ==
	      0);
	char *text = dump(&cfg, 0);
	CHECK(strstr(text, "\nmodel: \"q\\\"uote\\\\back\\x01slash\\x09tab\"  # from command "
			   "line: --model\n") != NULL);
	CHECK(strstr(text, "\nsystem_prompt: \"line one\\x0aline two é\"  # from command "
			   "line\n") != NULL);
	config_init(&back);
	CHECK(config_load_yaml(&back, text, strlen(text), "dump.yaml", &err) == 0);
	free(err);
	CHECK_STR(config_str(&back, OPT_MODEL), model);
	CHECK_STR(config_str(&back, OPT_SYSTEM_PROMPT), "line one\nline two é");
	config_free(&back);
	free(text);
	config_free(&cfg);
}

/* config_dump_quoted promises a double-quoted YAML scalar: DEL (0x7f) is not
 * printable in YAML, so it must be escaped, or the dump cannot be read back. */
static void test_dump_quoted_del(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct config cfg;
	char *err = NULL;

	fputs("model: ", f);
	config_dump_quoted(f, "a\x7f" "b");
	fputc('\n', f);
	fclose(f);
	CHECK(strchr(text, 0x7f) == NULL);
	config_init(&cfg);
	CHECK(config_load_yaml(&cfg, text, len, "q.yaml", &err) == 0);
	CHECK_STR(config_str(&cfg, OPT_MODEL), "a\x7f" "b");
	free(err);
	free(text);
	config_free(&cfg);
}

/* The endpoints: list: entries, field validation and the errors. */
static void test_yaml_endpoints(void)
{
	static const char yaml[] = "endpoint: gpu\n"
				   "endpoints:\n"
				   "  - name: gpu\n"
				   "    url: https://gpu.lan:8000\n"
				   "    api: tgi\n"
				   "    api_key_env: GPU_KEY\n"
				   "    context: 8192\n"
				   "    price_out: 0.5\n"
				   "  - { name: laptop, url: http://127.0.0.1:11434 }\n";
	struct config cfg;
	int rc;
	char *err = load(&cfg, yaml, &rc);

	CHECK(rc == 0);
	free(err);
	CHECK(cfg.nendpoints == 2);
	if (cfg.nendpoints == 2) {
		const struct config_endpoint *gpu = config_find_endpoint(&cfg, "gpu");
		CHECK(gpu == &cfg.endpoints[0]);
		CHECK_STR(gpu->v[EP_URL].s, "https://gpu.lan:8000");
		CHECK_STR(gpu->v[EP_API].s, "tgi");
		CHECK_STR(gpu->v[EP_API_KEY_ENV].s, "GPU_KEY");
		CHECK(gpu->v[EP_CONTEXT].i == 8192);
		CHECK(gpu->v[EP_PRICE_OUT].d == 0.5);
		CHECK_STR(gpu->where, "t.yaml:3:5");
		CHECK_STR(cfg.endpoints[1].v[EP_API].s, "auto");
		CHECK(cfg.endpoints[1].v[EP_CONTEXT].i == 0);
	}
	CHECK(config_find_endpoint(&cfg, "nope") == NULL);
	config_free(&cfg);

	expect_error("endpoints:\n  - name: a\n    urll: http://x\n",
		     "t.yaml:3:5: endpoints: unknown field 'urll' (did you mean 'url'?)");
	expect_error("endpoints:\n  - name: a\n",
		     "t.yaml:2:5: endpoints: this entry has no url: (give it url: ...)");
	expect_error("endpoints:\n  - {name: a, url: http://x}\n  - {name: a, url: http://y}\n",
		     "t.yaml:3:5: endpoints: the name 'a' is used twice (first at t.yaml:2:5)");
	expect_error("endpoints:\n  - {name: a, url: 'x:1'}\n",
		     "t.yaml:2:20: url: 'x:1' is not an http:// or https:// URL (in endpoints:)");
	expect_error("endpoints:\n  - {name: a, url: http://x, api_key_env: 'MY KEY'}\n",
		     "t.yaml:2:43: api_key_env: 'MY KEY' is not an environment variable name "
		     "(in endpoints:)");
	expect_error("endpoints:\n  - {name: gpu box, url: http://x}\n",
		     "t.yaml:2:12: name: 'gpu box' is not a name (letters, digits, '_', '.' and '-') "
		     "(in endpoints:)");
	expect_error("endpoints: http://x\n",
		     "t.yaml:1:12: endpoints: expected a list of entries, each starting with "
		     "'- name:'");
}

int main(void)
{
	strcpy(tmpdir, "/tmp/faos-test-config-XXXXXX");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	clear_env();
	RUN(test_defaults_equal_table);
	RUN(test_option_lookup);
	RUN(test_config_set);
	RUN(test_yaml_good_file);
	RUN(test_yaml_empty_and_comments);
	RUN(test_yaml_malformed);
	RUN(test_yaml_reader_error_position);
	RUN(test_yaml_unknown_key);
	RUN(test_yaml_bad_values);
	RUN(test_yaml_not_scalar);
	RUN(test_yaml_duplicate_key);
	RUN(test_yaml_keys);
	RUN(test_load_file);
	RUN(test_dotenv);
	RUN(test_dotenv_comment_spacing);
	RUN(test_dotenv_endpoint_precedence);
	RUN(test_env_overrides_dotenv);
	RUN(test_env_over_file);
	RUN(test_env_errors);
	RUN(test_dump_defaults_roundtrip);
	RUN(test_config_example);
	RUN(test_dump_effective_hides_secret);
	RUN(test_dump_quoting_roundtrip);
	RUN(test_dump_quoted_del);
	RUN(test_yaml_endpoints);
	rmdir(tmpdir);
	return CHECK_EXIT();
}
