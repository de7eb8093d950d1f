/* config-env: the environment variables we honour, and .env files. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/paths.h"
#include "base/xmalloc.h"

/* In increasing precedence: FAOS_CODEX_ENDPOINT beats OPENAI_BASE_URL. */
static const struct {
	const char *name;
	enum opt_id id;
} env_names[] = {
	{ "OPENAI_BASE_URL", OPT_ENDPOINT },
	{ "OPENAI_API_KEY", OPT_API_KEY },
	{ "FAOS_CODEX_ENDPOINT", OPT_ENDPOINT },
	{ "FAOS_CODEX_MODEL", OPT_MODEL },
	{ "FAOS_CODEX_API", OPT_API },
	{ "FAOS_CODEX_RETRIES", OPT_RETRIES },
};
#define ENV_COUNT (sizeof env_names / sizeof env_names[0])

static int env_index(const char *name, size_t len)
{
	for (size_t i = 0; i < ENV_COUNT; i++)
		if (strlen(env_names[i].name) == len && strncmp(env_names[i].name, name, len) == 0)
			return (int)i;
	return -1;
}

static char *dotenv_value(char *v)
{
	while (isspace((unsigned char)*v))
		v++;
	if (v[0] == '"' || v[0] == '\'') {
		char *close = strchr(v + 1, v[0]);
		if (close) {
			*close = '\0'; /* anything after the closing quote is a comment */
			return v + 1;
		}
	}
	char *hash = strstr(v, " #"); /* unquoted values may end in a comment */
	if (hash)
		*hash = '\0';
	size_t len = strlen(v);
	while (len && isspace((unsigned char)v[len - 1]))
		v[--len] = '\0';
	return v;
}

/* One KEY=VALUE line; values[] collects the ones we know. */
static void dotenv_line(char *line, char **values)
{
	while (isspace((unsigned char)*line))
		line++;
	if (strncmp(line, "export ", 7) == 0)
		line += 7;
	char *eq = strchr(line, '=');
	if (eq == NULL || line[0] == '#')
		return;
	size_t name_len = (size_t)(eq - line);
	while (name_len && isspace((unsigned char)line[name_len - 1]))
		name_len--;
	int i = env_index(line, name_len);
	if (i < 0)
		return;
	free(values[i]);
	values[i] = xstrdup(dotenv_value(eq + 1));
}

static void dotenv_read(const char *path, char **values)
{
	char *text = paths_read_file(path, NULL);

	if (text == NULL)
		return;
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		dotenv_line(line, values);
	free(text);
}

/* Apply values[] in table order; where is ".env" or the variable's name. */
static int env_apply(struct config *cfg, char **values, enum config_source src,
		     const char *dotenv_path, char **err)
{
	for (size_t i = 0; i < ENV_COUNT; i++) {
		if (values[i] == NULL || values[i][0] == '\0')
			continue;
		char *where = src == SRC_DOTENV ? xasprintf("%s: %s", dotenv_path, env_names[i].name)
						: xstrdup(env_names[i].name);
		int rc = config_set(cfg, env_names[i].id, values[i], src, where, err);
		free(where);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int config_load_env(struct config *cfg, const char *dotenv_path, char **err)
{
	char *from_file[ENV_COUNT] = { 0 };
	char *from_env[ENV_COUNT] = { 0 };
	int rc;

	if (dotenv_path)
		dotenv_read(dotenv_path, from_file);
	for (size_t i = 0; i < ENV_COUNT; i++) {
		const char *v = getenv(env_names[i].name);
		from_env[i] = v ? xstrdup(v) : NULL;
	}
	rc = env_apply(cfg, from_file, SRC_DOTENV, dotenv_path, err);
	if (rc == 0)
		rc = env_apply(cfg, from_env, SRC_ENV, NULL, err);
	for (size_t i = 0; i < ENV_COUNT; i++) {
		free(from_file[i]);
		free(from_env[i]);
	}
	return rc;
}
