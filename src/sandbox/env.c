/* env: the environment a sandboxed program gets, built from an allowlist
 * (never inherited wholesale): fixed values for the tools' sake, plus the
 * locale and time zone copied when they look like what they claim to be.
 * No name that looks like it carries a secret is ever passed. */
#include <ctype.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "sandbox/env.h"

extern char **environ;

static const char *const secret_patterns[] = {
	"*KEY*", "*TOKEN*", "*SECRET*", "*PASSWORD*", "*PASSWD*", "*CREDENTIAL*", "AWS_*",
	"AZURE_*", "GOOGLE_APPLICATION_CREDENTIALS", "GH_*", "GITHUB_*", "SSH_AUTH_SOCK",
	"GPG_AGENT_INFO", "DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "DISPLAY",
	"WAYLAND_DISPLAY", "LD_*", "BASH_ENV", "ENV", "PROMPT_COMMAND", "PYTHONSTARTUP",
	"PERL5OPT", "NODE_OPTIONS", "RUBYOPT", "*_PROXY", "KUBECONFIG", "DOCKER_HOST",
};

bool env_name_denied(const char *name)
{
	char upper[128];
	size_t i;
	for (i = 0; name[i] && i < sizeof upper - 1; i++)
		upper[i] = (char)toupper((unsigned char)name[i]);
	upper[i] = '\0';
	for (size_t p = 0; p < sizeof secret_patterns / sizeof *secret_patterns; p++)
		if (fnmatch(secret_patterns[p], upper, 0) == 0)
			return true;
	return false;
}

/* LANG=en_US.UTF-8, TZ=Europe/Paris: letters, digits and . _ - @ / + only. */
static bool plain_value(const char *v)
{
	if (!*v || strlen(v) > 64)
		return false;
	for (; *v; v++)
		if (!isalnum((unsigned char)*v) && !strchr("._-@/+:", *v))
			return false;
	return true;
}

static void add(char ***envp, size_t *n, const char *name, const char *value)
{
	if (env_name_denied(name))
		return;
	*envp = xrealloc(*envp, (*n + 2) * sizeof **envp);
	size_t len = strlen(name) + strlen(value) + 2;
	char *entry = xmalloc(len);
	snprintf(entry, len, "%s=%s", name, value);
	(*envp)[(*n)++] = entry;
	(*envp)[*n] = NULL;
}

char **env_build(const char *home, const char *tmpdir)
{
	static const char *const fixed[][2] = {
		{ "PATH", "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin" },
		{ "USER", "sandbox" }, { "LOGNAME", "sandbox" }, { "SHELL", "/bin/sh" },
		{ "TERM", "dumb" }, { "PAGER", "cat" }, { "GIT_PAGER", "cat" },
		{ "GIT_TERMINAL_PROMPT", "0" }, { "DEBIAN_FRONTEND", "noninteractive" },
		{ "PYTHONUNBUFFERED", "1" }, { "PYTHONDONTWRITEBYTECODE", "1" },
		{ "FAOS_CODEX_SANDBOX", "1" },
	};
	char **envp = NULL;
	size_t n = 0;

	for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
		add(&envp, &n, fixed[i][0], fixed[i][1]);
	add(&envp, &n, "HOME", home);
	add(&envp, &n, "TMPDIR", tmpdir);
	bool have_lang = false;
	for (char **e = environ; *e; e++) {
		const char *eq = strchr(*e, '=');
		if (!eq || eq - *e >= 64)
			continue;
		char name[64];
		memcpy(name, *e, (size_t)(eq - *e));
		name[eq - *e] = '\0';
		bool locale = strcmp(name, "LANG") == 0 || strncmp(name, "LC_", 3) == 0;
		if ((locale || strcmp(name, "TZ") == 0) && plain_value(eq + 1)) {
			add(&envp, &n, name, eq + 1);
			have_lang |= locale;
		}
	}
	if (!have_lang)
		add(&envp, &n, "LANG", "C.UTF-8");
	return envp;
}

void env_free(char **envp)
{
	for (char **e = envp; e && *e; e++)
		free(*e);
	free(envp);
}
