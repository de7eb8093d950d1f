/* cli-project: `faos-codex project list|show|versions|diff|restore|new|
 * finalize|reopen|archive|unarchive|export|delete`, over the store. */
#include "cli-project.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/paths.h"
#include "base/xmalloc.h"
#include "cli-opts.h"
#include "cli.h"
#include "exitcode.h"
#include "project-cmd.h"

char *cli_data_dir(const struct config *cfg)
{
	return paths_data_dir(config_str(cfg, OPT_DATA_DIR));
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *cli_scaffold_find(const char *name)
{
	char exe[4096], *found = NULL;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	exe[n > 0 ? n : 0] = '\0';
	char *bin_dir = paths_dirname(exe), *config = paths_xdg(XDG_CONFIG);
	/* The user's own first, then the source tree beside a build, then
	 * the installed ones. A name is one plain path component. */
	const char *const bases[] = { config, bin_dir, FAOS_DATADIR };
	const char *const under[] = { "/templates/scaffold/", "/../templates/scaffold/",
				      "/templates/scaffold/" };
	for (size_t i = 0; i < 3 && !found && name[0] && name[0] != '.' && !strchr(name, '/'); i++) {
		char *dir = xasprintf("%s%s%s", bases[i], under[i], name);
		if (is_dir(dir))
			found = dir;
		else
			free(dir);
	}
	free(bin_dir);
	free(config);
	return found;
}

char *cli_scaffold_dir(const char *name)
{
	char *found = cli_scaffold_find(name);
	if (!found)
		fprintf(stderr, "%s: no template '%s'; the templates are %s\n", cli_prog, name,
			CLI_SCAFFOLDS);
	return found;
}

/* "myproj" for --workspace ~/src/myproj, else "run-20261121-101500". */
static char *default_name(const char *workspace)
{
	if (workspace) {
		char *real = realpath(workspace, NULL);
		const char *base = real ? strrchr(real, '/') : NULL;
		char *name = xstrdup(base && base[1] ? base + 1 : "project");
		for (char *p = name; *p; p++)
			if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", *p))
				*p = '-';
		if (name[0] == '.')
			name[0] = '_';
		free(real);
		return name;
	}
	char stamp[32];
	time_t now = time(NULL);
	strftime(stamp, sizeof stamp, "run-%Y%m%d-%H%M%S", localtime(&now));
	return xstrdup(stamp);
}

static int open_or_create(const char *data, const char *name, const char *workspace,
			  const char *template, int resume, int announce, struct store **out)
{
	char *err = NULL, *warning = NULL, *scaffold = NULL;
	if (store_open(data, name, out, &warning, &err) == 0) {
		if (warning)
			fprintf(stderr, "%s: %s\n", cli_prog, warning);
		free(warning);
		if (workspace || template)
			fprintf(stderr, "%s: project '%s' exists: --workspace and --template only "
					"apply to new projects (ignored)\n", cli_prog, name);
		if (announce)
			fprintf(stderr, "%s: project %s (workspace %s)\n", cli_prog, name,
				store_project(*out)->workspace);
		store_set_last(data, name);
		return EXIT_OK;
	}
	char *dir = xasprintf("%s/projects/%s", data, name);
	int exists = is_dir(dir);
	free(dir);
	if (resume || exists) { /* locked by another faos-codex, or damaged: say so */
		fprintf(stderr, "%s: run: %s\n", cli_prog, err);
		free(err);
		return EXIT_USAGE;
	}
	free(err);
	err = NULL;
	if (template && !(scaffold = cli_scaffold_dir(template)))
		return EXIT_USAGE;
	int rc = store_create(data, name, workspace, scaffold, out, &err);
	free(scaffold);
	if (rc < 0) {
		fprintf(stderr, "%s: %s\n", cli_prog, err);
		free(err);
		return EXIT_USAGE;
	}
	if (announce)
		fprintf(stderr, "%s: new project %s (workspace %s)\n", cli_prog, name,
			store_project(*out)->workspace);
	return EXIT_OK;
}

int cli_project_for_run(const struct config *cfg, const char *name, const char *workspace,
			const char *template, int resume, int announce, struct store **out)
{
	char *data = cli_data_dir(cfg), *err = NULL;
	char *made = name ? NULL : default_name(workspace);
	const char *n = name ? name : made;
	int rc = EXIT_USAGE;
	if (store_check_name(n, &err) < 0) {
		fprintf(stderr, "%s: --project: %s\n", cli_prog, err);
		free(err);
	} else
		rc = open_or_create(data, n, workspace, template, resume, announce, out);
	free(made);
	free(data);
	return rc;
}

static void project_usage(FILE *out)
{
	fprintf(out,
		"Usage: faos-codex project COMMAND [ARG]...\n"
		"Manage projects: each keeps its workspace, every version and every run.\n"
		"\n"
		"  list [--all]                   projects, newest change first (--all: archived too)\n"
		"  show NAME                      one project: workspace, state, versions, last loop\n"
		"  versions NAME                  every version with what it changed\n"
		"  diff NAME V1 V2                unified diff from version V1 to V2\n"
		"  restore NAME V                 the workspace back to version V (a new version)\n"
		"  new NAME [--workspace DIR] [--template T]   create a project\n"
		"  finalize NAME                  freeze it: the final version is tagged\n"
		"  reopen NAME                    allow changes again\n"
		"  archive NAME | unarchive NAME  move it to a compressed archive and back\n"
		"  export NAME [--version V] DEST copy a version's files to the directory DEST,\n"
		"                                 or a tarball when DEST ends in .tar.gz or .tgz\n"
		"  delete NAME --yes              remove it and its history (an external\n"
		"                                 workspace is left alone)\n"
		"\n"
		"  --json                         list, show, versions: JSON on standard output\n"
		"\n%s"
		"\nExit status: 0 done; 1 the operation failed; 2 bad usage or no such project.\n",
		cli_common_help);
}

enum { P_JSON = 3000, P_ALL, P_VERSION, P_WORKSPACE, P_TEMPLATE, P_YES };

static int project_parse(int argc, char **argv, struct cli_common *common, struct project_args *a)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG,
		{ "json", no_argument, NULL, P_JSON },
		{ "all", no_argument, NULL, P_ALL },
		{ "yes", no_argument, NULL, P_YES },
		{ "version", required_argument, NULL, P_VERSION },
		{ "workspace", required_argument, NULL, P_WORKSPACE },
		{ "template", required_argument, NULL, P_TEMPLATE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	char *end;
	optind = 0;
	a->version = -1;
	while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT "h", longopts, NULL)) != -1) {
		if (cli_common_option(opt, optarg, common))
			continue;
		switch (opt) {
		case P_JSON: a->json = 1; break;
		case P_ALL: a->all = 1; break;
		case P_YES: a->yes = 1; break;
		case P_WORKSPACE: a->workspace = optarg; break;
		case P_TEMPLATE: a->template = optarg; break;
		case P_VERSION:
			a->version = (int)strtol(optarg, &end, 10);
			if (*end || a->version < 0) {
				fprintf(stderr, "%s: project: --version '%s': give a version number\n",
					cli_prog, optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h': project_usage(stdout); return EXIT_OK;
		default:
			fprintf(stderr, "Try 'faos-codex project --help' for more information.\n");
			return EXIT_USAGE;
		}
	}
	a->pos = argv + optind;
	a->npos = argc - optind;
	return -1;
}

/* The subcommands and how many positional arguments each takes. */
static const struct {
	const char *name;
	int args;
	int (*fn)(const char *data, struct project_args *a);
} commands[] = {
	{ "list", 0, project_list }, { "show", 1, project_show },
	{ "versions", 1, project_versions }, { "diff", 3, project_diff },
	{ "restore", 2, project_restore }, { "new", 1, project_new },
	{ "finalize", 1, project_finalize }, { "reopen", 1, project_reopen },
	{ "archive", 1, project_archive }, { "unarchive", 1, project_unarchive },
	{ "export", 2, project_export }, { "delete", 1, project_delete },
};

int cli_project(int argc, char **argv, struct cli_common *common)
{
	struct project_args a = { 0 };
	struct config cfg;
	int rc = project_parse(argc, argv, common, &a);
	if (rc >= 0)
		return rc;
	if (a.npos == 0) {
		fprintf(stderr, "%s: project: which command? list, show, versions, diff, restore, "
				"new, finalize, reopen, archive, unarchive, export, delete\n", cli_prog);
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
		if (strcmp(a.pos[0], commands[i].name) != 0)
			continue;
		if (a.npos - 1 != commands[i].args) {
			fprintf(stderr, "%s: project %s: takes %d argument%s; see 'faos-codex project "
					"--help'\n", cli_prog, commands[i].name, commands[i].args,
				commands[i].args == 1 ? "" : "s");
			return EXIT_USAGE;
		}
		if (cli_load_config(&cfg, common) < 0)
			return EXIT_USAGE;
		char *data = cli_data_dir(&cfg);
		a.pos++;
		a.npos--;
		rc = commands[i].fn(data, &a);
		free(data);
		config_free(&cfg);
		return rc;
	}
	fprintf(stderr, "%s: project: unknown command '%s'; see 'faos-codex project --help'\n",
		cli_prog, a.pos[0]);
	return EXIT_USAGE;
}
