/* policy: which layers a run gets and whether it may run at all, decided
 * from the probe by one table of properties (SANDBOX.md's refuse-or-warn
 * table): each property names the layers that hold it strongly, those that
 * hold it weakly, and whether lacking both refuses the run or warns. */
#include <stdio.h>
#include <string.h>

#include "base/config.h"
#include "sandbox/sandbox.h"

#define BIT(l) (1u << (l))

static const char *const layer_names[SBX_LAYER_COUNT] = {
	[SBX_NAMESPACES] = "namespaces", [SBX_LANDLOCK] = "landlock", [SBX_SECCOMP] = "seccomp",
	[SBX_CGROUP] = "cgroup", [SBX_UID] = "uid", [SBX_RLIMITS] = "rlimits",
};

const char *sandbox_layer_name(enum sbx_layer layer)
{
	return layer < SBX_LAYER_COUNT ? layer_names[layer] : "?";
}

int sandbox_layer_find(const char *name)
{
	for (int i = 0; i < SBX_LAYER_COUNT; i++)
		if (strcmp(name, layer_names[i]) == 0)
			return i;
	return -1;
}

enum when_missing { REFUSE, WARN };

/* Layer caveats: Landlock isolates signals only from ABI 6 (scopes); a
 * user other than root gets a working RLIMIT_NPROC without a new uid. */
#define NEEDS_SCOPES 1u
#define NPROC_WHEN_USER 2u

struct property {
	const char *name;
	unsigned strong, weak;
	enum when_missing missing;
	unsigned caveats;
	const char *enable; /* what the user can do */
	bool (*applies)(const struct sbx_probe *, const struct sbx_policy *);
};

static bool always(const struct sbx_probe *pr, const struct sbx_policy *p)
{
	(void)pr, (void)p;
	return true;
}

static bool network_off(const struct sbx_probe *pr, const struct sbx_policy *p)
{
	(void)pr;
	return !p->network;
}

static bool has_vsock(const struct sbx_probe *pr, const struct sbx_policy *p)
{
	(void)p;
	return pr->vsock;
}

static const struct property properties[] = {
	{ "writes outside the workspace blocked", BIT(SBX_NAMESPACES) | BIT(SBX_LANDLOCK),
	  BIT(SBX_UID), REFUSE, 0,
	  "allow user namespaces (sysctl user.max_user_namespaces, or AppArmor's "
	  "kernel.apparmor_restrict_unprivileged_userns=0) or enable Landlock (boot with lsm=...,landlock)",
	  always },
	{ "network off", BIT(SBX_NAMESPACES) | BIT(SBX_SECCOMP), 0, REFUSE, 0,
	  "allow user namespaces or seccomp filtering, or opt in with run_network: true", network_off },
	{ "hypervisor channel (vsock) closed", BIT(SBX_SECCOMP), 0, REFUSE, 0,
	  "a kernel with seccomp filtering (CONFIG_SECCOMP_FILTER)", has_vsock },
	{ "signals and ptrace cannot reach outside", BIT(SBX_NAMESPACES) | BIT(SBX_LANDLOCK),
	  BIT(SBX_UID), REFUSE, NEEDS_SCOPES,
	  "allow user namespaces, or a kernel with Landlock ABI 6 (Linux 6.12)", always },
	{ "whole process tree killed at the end", BIT(SBX_NAMESPACES) | BIT(SBX_CGROUP),
	  BIT(SBX_RLIMITS), WARN, 0, "allow user namespaces or a writable cgroup", always },
	{ "home, keys and other projects unreadable", BIT(SBX_NAMESPACES) | BIT(SBX_LANDLOCK),
	  BIT(SBX_UID), WARN, 0, "allow user namespaces or enable Landlock", always },
	{ ".git and project metadata read-only", BIT(SBX_NAMESPACES), BIT(SBX_UID), WARN, 0,
	  "allow user namespaces", always },
	{ "memory limit", BIT(SBX_CGROUP), BIT(SBX_RLIMITS), WARN, 0,
	  "run as root or under a delegated cgroup (RLIMIT_AS is the fallback)", always },
	{ "process limit", BIT(SBX_CGROUP), BIT(SBX_UID), WARN, NPROC_WHEN_USER,
	  "a pids cgroup, or run as a user other than root (RLIMIT_NPROC ignores uid 0)", always },
};

/* What the run would have: available and not turned off. Landlock's
 * signal scope needs ABI 6; the dedicated uid exists only when root. */
static unsigned active_layers(const struct sbx_probe *pr, const struct sbx_policy *p)
{
	unsigned active = BIT(SBX_RLIMITS);
	for (int l = 0; l < SBX_LAYER_COUNT; l++)
		if (pr->layer[l] && !(p->disabled & BIT(l)))
			active |= BIT(l);
	return active;
}

static unsigned property_layers(const struct property *prop, const struct sbx_probe *pr,
				unsigned active, unsigned mask)
{
	unsigned have = active & mask;
	if ((prop->caveats & NEEDS_SCOPES) && pr->landlock_abi < 6)
		have &= ~BIT(SBX_LANDLOCK);
	if ((prop->caveats & NPROC_WHEN_USER) && !pr->root && (mask & BIT(SBX_UID)))
		have |= BIT(SBX_RLIMITS);
	return have;
}

static void append(char *out, size_t size, const char *text)
{
	size_t n = strlen(out);
	if (n > 0 && n + 2 < size)
		strcat(out, "; "), n += 2;
	snprintf(out + n, size - n, "%s", text);
}

void sandbox_layer_names(unsigned bits, const char *sep, char *out, size_t size)
{
	out[0] = '\0';
	for (int l = 0; l < SBX_LAYER_COUNT; l++) {
		if (!(bits & BIT(l)))
			continue;
		size_t n = strlen(out);
		snprintf(out + n, size - n, "%s%s", n ? sep : "", layer_names[l]);
	}
}

int sandbox_decide(const struct sbx_probe *pr, const struct sbx_policy *p, unsigned *layers,
		   char *warnings, size_t wsize, char *why, size_t why_size)
{
	warnings[0] = '\0';
	why[0] = '\0';
	if (!pr->helper[0]) {
		snprintf(why, why_size, "%s", pr->error);
		return -1;
	}
	unsigned active = active_layers(pr, p);
	if (p->unconfined) {
		*layers = active & (BIT(SBX_RLIMITS) | BIT(SBX_CGROUP));
		append(warnings, wsize, "sandbox: off in the configuration: the program runs unconfined");
		return 0;
	}
	*layers = active;
	for (size_t i = 0; i < sizeof properties / sizeof *properties; i++) {
		const struct property *prop = &properties[i];
		if (!prop->applies(pr, p) || property_layers(prop, pr, active, prop->strong))
			continue;
		char text[400];
		if (prop->missing == REFUSE && !property_layers(prop, pr, active, prop->weak)) {
			snprintf(why, why_size, "no layer can hold \"%s\" here; %s", prop->name, prop->enable);
			return -1;
		}
		snprintf(text, sizeof text, "%s: %s", prop->name,
			 property_layers(prop, pr, active, prop->weak) ? "held weakly" : "not held");
		append(warnings, wsize, text);
	}
	return 0;
}

static const char *layer_state(const struct sbx_probe *pr, const struct sbx_policy *p, int l)
{
	if (l == SBX_RLIMITS)
		return "active";
	if (!pr->layer[l])
		return "missing";
	return p->disabled & BIT(l) ? "off" : "active";
}

int sandbox_doctor(const struct sbx_probe *pr, const struct sbx_policy *p, struct buf *out)
{
	char text[600], held[128];
	unsigned active = active_layers(pr, p);

	buf_printf(out, "helper      %s\n", pr->helper[0] ? pr->helper : pr->error);
	buf_printf(out, "layers:\n");
	for (int l = 0; l < SBX_LAYER_COUNT; l++)
		buf_printf(out, "  %-11s %-8s %s\n", layer_names[l], layer_state(pr, p, l),
			   pr->detail[l]);
	buf_printf(out, "properties:\n");
	for (size_t i = 0; i < sizeof properties / sizeof *properties; i++) {
		const struct property *prop = &properties[i];
		if (!prop->applies(pr, p))
			continue;
		unsigned strong = property_layers(prop, pr, active, prop->strong);
		unsigned weak = property_layers(prop, pr, active, prop->weak);
		sandbox_layer_names(strong ? strong : weak, ", ", held, sizeof held);
		const char *state = strong ? "held" : weak ? "weak" : prop->missing == REFUSE ? "REFUSE" : "no";
		buf_printf(out, "  %-6s %s%s%s%s\n", state, prop->name, held[0] ? " (" : "", held,
			   held[0] ? ")" : "");
	}
	unsigned layers;
	char warnings[512], why[512];
	int verdict = sandbox_decide(pr, p, &layers, warnings, sizeof warnings, why, sizeof why);
	if (verdict < 0)
		snprintf(text, sizeof text, "runs are refused: %s", why);
	else
		snprintf(text, sizeof text, "runs are allowed%s%s", warnings[0] ? " with warnings: " : "",
			 warnings);
	buf_printf(out, "verdict     %s\n", text);
	return verdict;
}

void sandbox_policy_from_config(struct sbx_policy *p, const struct config *cfg)
{
	memset(p, 0, sizeof *p);
	p->timeout_s = (int)config_int(cfg, OPT_RUN_TIMEOUT);
	p->grace_s = (int)config_int(cfg, OPT_RUN_GRACE);
	p->memory_mb = config_int(cfg, OPT_RUN_MEMORY);
	p->max_procs = (int)config_int(cfg, OPT_RUN_MAX_PROCS);
	p->cpu_s = (int)config_int(cfg, OPT_RUN_CPU);
	p->max_output_mb = config_int(cfg, OPT_RUN_MAX_OUTPUT);
	p->file_size_mb = config_int(cfg, OPT_RUN_FILE_SIZE);
	p->open_files = (int)config_int(cfg, OPT_RUN_OPEN_FILES);
	p->network = config_int(cfg, OPT_RUN_NETWORK) != 0;
	p->unconfined = config_int(cfg, OPT_SANDBOX) == 1;
	p->sandbox_uid = (int)config_int(cfg, OPT_SANDBOX_UID);
	p->cancel_fd = -1;
}
