/* options: the one typed table of configuration options. It drives
 * validation, --dump-config, config.yaml.example and the man page check.
 * Adding an option is adding one line here. */
#ifndef FAOS_OPTIONS_H
#define FAOS_OPTIONS_H

enum opt_type { OPT_STRING, OPT_INT, OPT_DOUBLE, OPT_BOOL, OPT_ENUM };

#define OPT_SECRET 1u /* never logged, stored or shown */
#define OPT_URL 2u    /* empty or an http:// or https:// URL */
#define OPT_ENDPOINT_REF 4u /* a URL as OPT_URL, or a bare name (checked later) */
#define OPT_REQUIRED 8u /* must be given (endpoint entries) */
#define OPT_ENV_NAME 16u /* empty or an environment variable name */
#define OPT_PORT_LIST 32u /* comma-separated TCP ports */
#define OPT_NAME 64u /* letters, digits, '_', '.' and '-' (usable as --endpoint NAME) */

/* X(id, name, type, min, max, default, choices, flags, help) */
#define API_CHOICES "auto|openai|responses|anthropic|ollama|tgi"

#define CONFIG_OPTIONS(X)                                                                  \
	X(ENDPOINT, "endpoint", OPT_STRING, 0, 0, "", NULL, OPT_ENDPOINT_REF,              \
	  "Base URL of the model server (http://127.0.0.1:8080), or the name of an "      \
	  "entry of endpoints: (empty: the endpoints: list, else the usual local ports)")  \
	X(API, "api", OPT_ENUM, 0, 0, "auto", API_CHOICES, 0,                              \
	  "Wire protocol of endpoint: auto probes the server once and chooses")            \
	X(SCAN_PORTS, "scan_ports", OPT_STRING, 0, 0, "11434,8080,8000,1234,3000", NULL,   \
	  OPT_PORT_LIST, "Ports on 127.0.0.1 tried when no endpoint is configured "        \
	  "(Ollama, llama.cpp, vLLM, LM Studio, TGI)")                                     \
	X(MODEL, "model", OPT_STRING, 0, 0, "", NULL, 0,                                   \
	  "Model name sent with each request (empty: the server's loaded model)")          \
	X(API_KEY, "api_key", OPT_STRING, 0, 0, "", NULL, OPT_SECRET,                      \
	  "Bearer token for endpoint; better kept in OPENAI_API_KEY")                      \
	X(CONTEXT, "context", OPT_INT, 0, 16777216, "0", NULL, 0,                          \
	  "Context size of endpoint's model in tokens (0: ask the server)")                \
	X(SYSTEM_PROMPT, "system_prompt", OPT_STRING, 0, 0,                                \
	  "You are a careful programming assistant. Answer concisely.", NULL, 0,           \
	  "System message sent before every prompt")                                       \
	X(TEMPLATE, "template", OPT_STRING, 0, 0, "chat", NULL, 0,                         \
	  "Prompt template: NAME.txt in the templates directory, else the built-in one")   \
	X(TEMPERATURE, "temperature", OPT_DOUBLE, 0, 2, "0.2", NULL, 0,                    \
	  "Sampling temperature")                                                          \
	X(MAX_TOKENS, "max_tokens", OPT_INT, 0, 1048576, "0", NULL, 0,                     \
	  "Most tokens generated per answer (0: the server's limit)")                      \
	X(CONNECT_TIMEOUT, "connect_timeout", OPT_INT, 1, 300, "10", NULL, 0,              \
	  "Seconds to wait for a connection to the server")                                \
	X(FIRST_BYTE_TIMEOUT, "first_byte_timeout", OPT_INT, 0, 86400, "600", NULL, 0,     \
	  "Seconds to wait for the first token while the server reads the prompt (0: never)") \
	X(IDLE_TIMEOUT, "idle_timeout", OPT_INT, 0, 3600, "120", NULL, 0,                  \
	  "Give up when the stream is silent this many seconds after the first token "     \
	  "(0: never)")                                                                    \
	X(RETRIES, "retries", OPT_INT, 0, 50, "5", NULL, 0,                                \
	  "Further attempts after a refused connection, 408, 409, 429 or 5xx (never "      \
	  "once text was shown)")                                                               \
	X(RETRY_DELAY_MS, "retry_delay_ms", OPT_INT, 10, 600000, "1000", NULL, 0,          \
	  "First wait between attempts in ms; it doubles each time, with jitter")          \
	X(RETRY_MAX_DELAY_MS, "retry_max_delay_ms", OPT_INT, 10, 3600000, "30000", NULL, 0, \
	  "Longest single wait between attempts in ms, Retry-After included")              \
	X(CONCURRENCY, "concurrency", OPT_INT, 1, 64, "2", NULL, 0,                        \
	  "Requests sent at once to one endpoint; more wait their turn (local servers "   \
	  "often serve one or two at a time)")                                             \
	X(THEME, "theme", OPT_STRING, 0, 0, "default", NULL, 0,                            \
	  "Colour theme: default, light, mono, or NAME.yaml in the themes directory")      \
	X(MAX_FPS, "max_fps", OPT_INT, 1, 240, "30", NULL, 0,                              \
	  "Most screen updates per second while text streams in")                          \
	X(MOUSE, "mouse", OPT_BOOL, 0, 0, "true", NULL, 0,                                 \
	  "The wheel scrolls the pane under the pointer and a click focuses it (false "    \
	  "leaves the mouse to the terminal, for selecting text)")                         \
	X(HISTORY_SIZE, "history_size", OPT_INT, 0, 100000, "1000", NULL, 0,               \
	  "Past prompts kept in DATA_DIR/history for Alt-P, Alt-N and Ctrl-R (0: none)")   \
	X(APPROVAL, "approval", OPT_ENUM, 0, 0, "auto", "auto|review", 0,                  \
	  "review stops each reply of the loop in the review view, to accept or reject "   \
	  "per file or send a comment back, before it is applied; auto applies and runs")  \
	X(DATA_DIR, "data_dir", OPT_STRING, 0, 0, "", NULL, 0,                             \
	  "Where sessions and history are kept (empty: $XDG_DATA_HOME/faos-codex)")        \
	X(LOG_LEVEL, "log_level", OPT_ENUM, 0, 0, "info", "error|warn|info|debug", 0,      \
	  "Detail of the log file in $XDG_STATE_HOME/faos-codex")                          \
	X(RUN_COMMAND, "run_command", OPT_STRING, 0, 0, "", NULL, 0,                       \
	  "Shell command that builds and tests the project (empty: detected from its "     \
	  "files: Makefile, pyproject.toml, package.json, Cargo.toml, go.mod)")            \
	X(SANDBOX, "sandbox", OPT_ENUM, 0, 0, "on", "on|off", 0,                           \
	  "off runs generated programs unconfined (limits and timeouts still apply), "     \
	  "with a warning on every run: only for code you trust")                          \
	X(RUN_NETWORK, "run_network", OPT_BOOL, 0, 0, "false", NULL, 0,                    \
	  "Let sandboxed programs reach the network (their own 127.0.0.1 always works)")   \
	X(RUN_TIMEOUT, "run_timeout", OPT_INT, 1, 604800, "600", NULL, 0,                  \
	  "Seconds a run may take before SIGTERM (then SIGKILL after run_grace)")          \
	X(RUN_GRACE, "run_grace", OPT_INT, 0, 60, "5", NULL, 0,                            \
	  "Seconds between SIGTERM and SIGKILL when a run is stopped")                     \
	X(RUN_MEMORY, "run_memory", OPT_INT, 16, 1048576, "4096", NULL, 0,                 \
	  "Memory of a run in MiB, all its processes and its /tmp together")              \
	X(RUN_MAX_PROCS, "run_max_procs", OPT_INT, 1, 100000, "512", NULL, 0,              \
	  "Processes and threads a run may have at once")                                  \
	X(RUN_CPU, "run_cpu", OPT_INT, 0, 604800, "1800", NULL, 0,                         \
	  "CPU seconds each process of a run may use (0: no limit)")                       \
	X(RUN_MAX_OUTPUT, "run_max_output", OPT_INT, 1, 65536, "256", NULL, 0,             \
	  "MiB a run may print (stdout and stderr together) before it is killed")          \
	X(RUN_FILE_SIZE, "run_file_size", OPT_INT, 1, 1048576, "2048", NULL, 0,            \
	  "Largest file a run may write, in MiB")                                          \
	X(RUN_OPEN_FILES, "run_open_files", OPT_INT, 16, 1048576, "4096", NULL, 0,         \
	  "Open files per process of a run")                                               \
	X(SANDBOX_UID, "sandbox_uid", OPT_INT, 1000, 2147483647, "64000", NULL, 0,         \
	  "When faos-codex runs as root: the unprivileged uid (and gid) runs use")         \
	X(MAX_ITERATIONS, "max_iterations", OPT_INT, 1, 100, "4", NULL, 0,                 \
	  "Generations a loop may make before it gives up (the first included)")           \
	X(MAX_LOOP_TOKENS, "max_loop_tokens", OPT_INT, 0, 1000000000, "0", NULL, 0,        \
	  "Tokens (prompts and answers of every iteration) a loop may spend (0: no limit)") \
	X(MAX_LOOP_TIME, "max_loop_time", OPT_INT, 0, 604800, "0", NULL, 0,                \
	  "Seconds a loop may take before it stops refining (0: no limit)")                \
	X(LOOP_TEMPLATE, "loop_template", OPT_STRING, 0, 0, "codegen", NULL, 0,            \
	  "Prompt template of the loop's generations: NAME.txt in the templates "          \
	  "directory, else the built-in one")                                              \
	X(PROMPT_FILES_KB, "prompt_files_kb", OPT_INT, 0, 65536, "64", NULL, 0,            \
	  "KiB of the project's current files sent with each generation (the others are "  \
	  "listed by name)")

/* The fields of one entry of the `endpoints:` list, same X() shape. */
#define ENDPOINT_OPTIONS(X)                                                                \
	X(NAME, "name", OPT_STRING, 0, 0, "", NULL, OPT_REQUIRED | OPT_NAME,               \
	  "Name for messages, the status bar and --endpoint NAME")                         \
	X(URL, "url", OPT_STRING, 0, 0, "", NULL, OPT_URL | OPT_REQUIRED,                  \
	  "Base URL of the server")                                                        \
	X(API, "api", OPT_ENUM, 0, 0, "auto", API_CHOICES, 0,                              \
	  "Wire protocol; auto probes the server once")                                    \
	X(MODEL, "model", OPT_STRING, 0, 0, "", NULL, 0,                                   \
	  "Model to ask for (empty: the server's)")                                        \
	X(API_KEY_ENV, "api_key_env", OPT_STRING, 0, 0, "", NULL, OPT_ENV_NAME,            \
	  "Environment variable holding the API key (keys are never stored here)")         \
	X(CA_BUNDLE, "ca_bundle", OPT_STRING, 0, 0, "", NULL, 0,                           \
	  "PEM file of CA certificates to trust for https")                                \
	X(PROXY, "proxy", OPT_STRING, 0, 0, "", NULL, 0,                                   \
	  "Proxy URL (empty: the usual *_proxy environment variables)")                    \
	X(CONTEXT, "context", OPT_INT, 0, 16777216, "0", NULL, 0,                          \
	  "Context size in tokens (0: ask the server)")                                    \
	X(CONCURRENCY, "concurrency", OPT_INT, 0, 64, "0", NULL, 0,                        \
	  "Requests sent at once to this server (0: the top-level concurrency)")           \
	X(PRICE_IN, "price_in", OPT_DOUBLE, 0, 1000000, "0", NULL, 0,                      \
	  "Cost per million prompt tokens, for the usage figures")                         \
	X(PRICE_OUT, "price_out", OPT_DOUBLE, 0, 1000000, "0", NULL, 0,                    \
	  "Cost per million completion tokens")

/* The roles of multi-agent coordination, keys of the `agents:` section. */
enum agent_role { AGENT_PLANNER, AGENT_CODER, AGENT_REVIEWER, AGENT__COUNT };

/* The fields of one role of the `agents:` section, same X() shape. */
#define AGENT_OPTIONS(X)                                                                   \
	X(ENDPOINT, "endpoint", OPT_STRING, 0, 0, "", NULL, OPT_NAME,                      \
	  "Name of an entry of endpoints: (empty: the default endpoint, as --endpoint)")   \
	X(MODEL, "model", OPT_STRING, 0, 0, "", NULL, 0,                                   \
	  "Model to ask for (empty: the endpoint's model)")                                \
	X(TEMPLATE, "template", OPT_STRING, 0, 0, "", NULL, 0,                             \
	  "Prompt template: NAME.txt in the templates directory (empty: the role's "       \
	  "built-in planner, coder or reviewer template)")                                 \
	X(TEMPERATURE, "temperature", OPT_DOUBLE, 0, 2, "0.2", NULL, 0,                    \
	  "Sampling temperature (when not set: the top-level temperature)")                \
	X(COUNT, "count", OPT_INT, 1, 16, "1", NULL, 0,                                    \
	  "Coders only: how many coders work in parallel")

enum opt_id {
#define OPT_ENUM_ID(id, ...) OPT_##id,
	CONFIG_OPTIONS(OPT_ENUM_ID)
#undef OPT_ENUM_ID
	OPT__COUNT
};

enum ep_id {
#define EP_ENUM_ID(id, ...) EP_##id,
	ENDPOINT_OPTIONS(EP_ENUM_ID)
#undef EP_ENUM_ID
	EP__COUNT
};

enum ag_id {
#define AG_ENUM_ID(id, ...) AG_##id,
	AGENT_OPTIONS(AG_ENUM_ID)
#undef AG_ENUM_ID
	AG__COUNT
};

struct option_def {
	const char *name;
	enum opt_type type;
	double min, max; /* bounds for OPT_INT and OPT_DOUBLE */
	const char *def; /* default, in the syntax a user would write */
	const char *choices; /* "a|b|c" for OPT_ENUM */
	unsigned flags;
	const char *help;
};

extern const struct option_def option_table[OPT__COUNT];
extern const struct option_def endpoint_table[EP__COUNT];
extern const struct option_def agent_table[AG__COUNT];

/* The option called name, or -1. */
int option_find(const char *name);
/* The name closest to an unknown one (for "did you mean"), or NULL. */
const char *option_closest(const char *name);
/* The same for the fields of an endpoints: entry. */
int endpoint_field_find(const char *name);
const char *endpoint_field_closest(const char *name);
/* The same for the fields of a role of agents:. */
int agent_field_find(const char *name);
const char *agent_field_closest(const char *name);

/* "planner", "coder", "reviewer" (NULL for anything else). */
const char *agent_role_name(int role);
/* The role called name, or -1. */
int agent_role_find(const char *name);
/* The role name closest to an unknown one, or NULL. */
const char *agent_role_closest(const char *name);

#endif
