/* config-dump: the configuration as commented YAML (--dump-config and
 * config.yaml.example come from here, so they cannot drift from the table). */
#include <stdio.h>
#include <string.h>

#include "base/config.h"

static const char *const source_names[] = {
	[SRC_DEFAULT] = "default", [SRC_FILE] = "config file", [SRC_DOTENV] = ".env",
	[SRC_ENV] = "environment", [SRC_PROJECT] = "project config", [SRC_FLAG] = "command line",
};

void config_dump_quoted(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\x%02x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static void dump_help(const struct option_def *def, FILE *out)
{
	fprintf(out, "# %s", def->help);
	if (def->type == OPT_INT || def->type == OPT_DOUBLE)
		fprintf(out, " [%.15g to %.15g]", def->min, def->max);
	if (def->type == OPT_ENUM) {
		fputs(" [", out);
		for (const char *c = def->choices; *c; c++)
			fputs(*c == '|' ? ", " : (char[]){ *c, 0 }, out);
		fputc(']', out);
	}
	fputc('\n', out);
}

static void dump_value(const struct option_def *def, const struct config_value *v,
		       int defaults_only, FILE *out)
{
	const char *text = defaults_only ? def->def : v->s;
	int hidden = !defaults_only && (def->flags & OPT_SECRET) && text[0] != '\0';

	fprintf(out, "%s: ", def->name);
	if (hidden)
		fputs("\"\"", out);
	else if (def->type == OPT_STRING)
		config_dump_quoted(out, text);
	else
		fputs(text, out);
	if (!defaults_only && v->src != SRC_DEFAULT)
		fprintf(out, "  # %sfrom %s%s%s", hidden ? "set, hidden, " : "",
			source_names[v->src], v->where ? ": " : "", v->where ? v->where : "");
	fputc('\n', out);
}

/* The example entry of config.yaml.example: commented out, every field
 * with its help, so the file stays valid YAML as shipped. */
static void dump_endpoints_example(FILE *out)
{
	fputs("\n# More model servers, tried in order after `endpoint` when one cannot be\n"
	      "# reached (--endpoint NAME picks one). Each entry's fields:\n"
	      "# endpoints:\n", out);
	for (int f = 0; f < EP__COUNT; f++) {
		const struct option_def *def = &endpoint_table[f];
		fprintf(out, "#   %s %s: ", f == 0 ? "-" : " ", def->name);
		if (def->flags & OPT_REQUIRED)
			fputs(f == EP_NAME ? "gpu-box" : "https://gpu-box.lan:8000", out);
		else if (def->type == OPT_STRING)
			config_dump_quoted(out, def->def);
		else
			fputs(def->def, out);
		fprintf(out, "  # %s\n", def->help);
	}
}

static void dump_endpoints(const struct config *cfg, FILE *out)
{
	if (cfg->nendpoints == 0) {
		fputs("\nendpoints: []\n", out);
		return;
	}
	fputs("\nendpoints:\n", out);
	for (size_t i = 0; i < cfg->nendpoints; i++) {
		fprintf(out, "  # from %s\n", cfg->endpoints[i].where);
		for (int f = 0; f < EP__COUNT; f++) {
			const struct option_def *def = &endpoint_table[f];
			fprintf(out, "  %s %s: ", f == 0 ? "-" : " ", def->name);
			if (def->type == OPT_STRING)
				config_dump_quoted(out, cfg->endpoints[i].v[f].s);
			else
				fputs(cfg->endpoints[i].v[f].s, out);
			fputc('\n', out);
		}
	}
}

/* Example values of config.yaml.example's agents: (NULL: the default). */
static const char *const agent_examples[AGENT__COUNT][AG__COUNT] = {
	[AGENT_PLANNER] = { "gpu-box", "qwen2.5-coder:32b", NULL, "0.1", NULL },
	[AGENT_CODER] = { NULL, "qwen2.5-coder:7b", NULL, NULL, "2" },
	[AGENT_REVIEWER] = { "gpu-box", "qwen2.5-coder:32b", NULL, NULL, NULL },
};

/* The coder of the example, one field a line with its help (it is the one
 * role with every field). */
static void dump_coder_example(FILE *out)
{
	fputs("#   coder:\n", out);
	for (int f = 0; f < AG__COUNT; f++) {
		const char *v = agent_examples[AGENT_CODER][f];
		const struct option_def *def = &agent_table[f];
		fprintf(out, "#     %s: ", def->name);
		if (v == NULL && def->type == OPT_STRING)
			config_dump_quoted(out, def->def);
		else
			fputs(v ? v : def->def, out);
		fputs("  ", out);
		dump_help(def, out);
	}
}

/* Another role of the example, on one line. */
static void dump_role_example(FILE *out, int role)
{
	const char *sep = "{ ";

	fprintf(out, "#   %s: ", agent_role_name(role));
	for (int f = 0; f < AG__COUNT; f++) {
		if (agent_examples[role][f] == NULL)
			continue;
		fprintf(out, "%s%s: %s", sep, agent_table[f].name, agent_examples[role][f]);
		sep = ", ";
	}
	fputs(" }\n", out);
}

/* The commented agents: of config.yaml.example; uncommented, it is valid. */
static void dump_agents_example(FILE *out)
{
	fputs("\n# Multi-agent coordination, off unless a role is set here (or with --agent\n"
	      "# ROLE=MODEL, --coders N): the planner writes a plan of files, the coders\n"
	      "# (count of them, in parallel) write their share of its files, the reviewer\n"
	      "# answers APPROVE or REQUEST CHANGES. Each role takes the fields shown for\n"
	      "# coder (count is for coders only); `reviewer: {}` is a role with defaults.\n"
	      "# agents:\n", out);
	for (int role = 0; role < AGENT__COUNT; role++) {
		if (role == AGENT_CODER)
			dump_coder_example(out);
		else
			dump_role_example(out, role);
	}
}

static void dump_agents(const struct config *cfg, FILE *out)
{
	if (!config_agents_on(cfg)) {
		fputs("\n# Multi-agent coordination is off (no role is set).\nagents: {}\n", out);
		return;
	}
	fputs("\nagents:\n", out);
	for (int role = 0; role < AGENT__COUNT; role++) {
		const struct config_agent *ag = &cfg->agents[role];
		if (!ag->set)
			continue;
		fprintf(out, "  %s:", agent_role_name(role));
		if (ag->where)
			fprintf(out, "  # from %s", ag->where);
		fputc('\n', out);
		for (int f = 0; f < AG__COUNT; f++) {
			if (f == AG_COUNT && role != AGENT_CODER)
				continue;
			fputs("    ", out);
			if (f == AG_TEMPERATURE && ag->v[f].src == SRC_DEFAULT)
				fprintf(out, "temperature: %s  # the top-level temperature\n",
					config_str(cfg, OPT_TEMPERATURE));
			else
				dump_value(&agent_table[f], &ag->v[f], 0, out);
		}
	}
}

void config_dump(const struct config *cfg, FILE *out, int defaults_only)
{
	fputs("# FAOS Codex configuration: $XDG_CONFIG_HOME/faos-codex/config.yaml\n"
	      "# (else ~/.config/faos-codex/config.yaml), or --config FILE.\n"
	      "# Precedence: command-line flags > environment > .env > this file > defaults.\n",
	      out);
	if (defaults_only)
		fputs("# Every option is listed with its default value.\n", out);
	else if (cfg->path)
		fprintf(out, "# Effective values; read from %s.\n", cfg->path);
	else
		fputs("# Effective values; no config file was read.\n", out);
	for (int id = 0; id < OPT__COUNT; id++) {
		fputc('\n', out);
		dump_help(&option_table[id], out);
		dump_value(&option_table[id], &cfg->v[id], defaults_only, out);
	}
	if (defaults_only) {
		dump_endpoints_example(out);
		dump_agents_example(out);
	} else {
		dump_endpoints(cfg, out);
		dump_agents(cfg, out);
	}
}
