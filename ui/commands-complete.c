/* commands-complete: what the arguments of the : commands complete to:
 * project names, scaffold templates, themes, version numbers and what
 * :plan does. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "base/paths.h"
#include "base/xmalloc.h"
#include "commands.h"
#include "theme-embedded.h"

int commands_list_has(char *const *list, size_t n, const char *word)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], word) == 0)
			return 1;
	return 0;
}

/* Completion candidates. */
struct names {
	char **list;
	size_t n;
};

static void names_add(struct names *ns, const char *name)
{
	if (commands_list_has(ns->list, ns->n, name))
		return; /* a user's theme or template overriding a built-in one */
	ns->list = xreallocarray(ns->list, ns->n + 1, sizeof *ns->list);
	ns->list[ns->n++] = xstrdup(name);
}

/* The entries of dir: directories (want_dir), or files ending in suffix. */
static void names_from_dir(struct names *ns, const char *dir, int want_dir, const char *suffix)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d))) {
		struct stat st;
		size_t len = strlen(e->d_name), slen = suffix ? strlen(suffix) : 0;
		char *path = xasprintf("%s/%s", dir, e->d_name);
		if (e->d_name[0] != '.' && stat(path, &st) == 0 && (want_dir ? S_ISDIR(st.st_mode) :
		    S_ISREG(st.st_mode) && len > slen && strcmp(e->d_name + len - slen, suffix) == 0)) {
			e->d_name[len - slen] = '\0';
			names_add(ns, e->d_name);
		}
		free(path);
	}
	if (d)
		closedir(d);
}

/* Where `faos-codex project new --template` finds scaffolds (cli-project.c):
 * the user's, beside the build, installed. */
static void template_names(struct names *ns)
{
	char exe[4096];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	exe[len > 0 ? len : 0] = '\0';
	char *bin = paths_dirname(exe), *config = paths_xdg(XDG_CONFIG);
	char *dirs[] = { xasprintf("%s/templates/scaffold", config),
			 xasprintf("%s/../templates/scaffold", bin),
			 xasprintf("%s/templates/scaffold", FAOS_DATADIR) };
	for (size_t i = 0; i < 3; i++) {
		names_from_dir(ns, dirs[i], 1, NULL);
		free(dirs[i]);
	}
	free(bin);
	free(config);
}

static void theme_names(struct names *ns)
{
	char *config = paths_xdg(XDG_CONFIG), *dir = xasprintf("%s/themes", config);
	for (const struct embedded_theme *e = embedded_themes; e->name; e++)
		names_add(ns, e->name);
	names_from_dir(ns, dir, 0, ".yaml");
	free(dir);
	free(config);
}

static void project_names(struct app *a, struct names *ns)
{
	struct store_project *ps = NULL;
	size_t n = 0;
	char *data = paths_data_dir(config_str(a->cfg, OPT_DATA_DIR)), *err = NULL;
	if (store_list(data, 0, &ps, &n, &err) == 0) {
		for (size_t i = 0; i < n; i++)
			names_add(ns, ps[i].name);
		store_project_free_all(ps, n);
	}
	free(err);
	free(data);
}

static int by_name(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

char **commands_candidates(struct app *a, const char *cmd, int argi, size_t *n)
{
	struct names ns = { NULL, 0 };
	const struct command *c = argi > 0 ? command_find(cmd) : NULL;
	enum cmd_arg kind = c && argi <= 2 ? c->args[argi - 1] : ARG_NONE;

	if (argi == 0)
		for (c = commands; c->name; c++)
			names_add(&ns, c->name);
	else if (kind == ARG_PROJECT)
		project_names(a, &ns);
	else if (kind == ARG_TEMPLATE)
		template_names(&ns);
	else if (kind == ARG_THEME)
		theme_names(&ns);
	else if (kind == ARG_PLAN)
		for (const char *const *w = (const char *const[]){ "accept", "edit", "show", NULL }; *w; w++)
			names_add(&ns, *w);
	else if (kind == ARG_VERSION && a->project)
		for (int v = store_project(a->project)->latest; v >= 0; v--) {
			char num[16];
			snprintf(num, sizeof num, "%d", v);
			names_add(&ns, num); /* newest first: the likely one */
		}
	if (kind != ARG_VERSION && ns.n > 1)
		qsort(ns.list, ns.n, sizeof *ns.list, by_name);
	*n = ns.n;
	return ns.list;
}

void commands_list_free(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}
