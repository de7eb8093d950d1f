/* options: the one typed table of configuration options. It drives
 * validation, --dump-config, config.yaml.example and the man page check.
 * Adding an option is adding one line here. */
#ifndef FAOS_OPTIONS_H
#define FAOS_OPTIONS_H

enum opt_type { OPT_STRING, OPT_INT, OPT_DOUBLE, OPT_BOOL, OPT_ENUM };

#define OPT_SECRET 1u /* never logged, stored or shown */
#define OPT_URL 2u    /* empty or an http:// or https:// URL */

/* X(id, name, type, min, max, default, choices, flags, help) */
#define CONFIG_OPTIONS(X)                                                                  \
	X(ENDPOINT, "endpoint", OPT_STRING, 0, 0, "", NULL, OPT_URL,                       \
	  "Base URL of the model server, e.g. http://127.0.0.1:8080 (empty: none set)")    \
	X(API, "api", OPT_ENUM, 0, 0, "auto", "auto|openai", 0,                            \
	  "Wire protocol: openai (POST /v1/chat/completions), auto (openai for now)")      \
	X(MODEL, "model", OPT_STRING, 0, 0, "", NULL, 0,                                   \
	  "Model name sent with each request (empty: the server's loaded model)")          \
	X(API_KEY, "api_key", OPT_STRING, 0, 0, "", NULL, OPT_SECRET,                      \
	  "Bearer token for the endpoint; better kept in OPENAI_API_KEY")                  \
	X(SYSTEM_PROMPT, "system_prompt", OPT_STRING, 0, 0,                                \
	  "You are a careful programming assistant. Answer concisely.", NULL, 0,           \
	  "System message sent before every prompt")                                       \
	X(TEMPERATURE, "temperature", OPT_DOUBLE, 0, 2, "0.2", NULL, 0,                    \
	  "Sampling temperature")                                                          \
	X(MAX_TOKENS, "max_tokens", OPT_INT, 0, 1048576, "0", NULL, 0,                     \
	  "Most tokens generated per answer (0: the server's limit)")                      \
	X(CONNECT_TIMEOUT, "connect_timeout", OPT_INT, 1, 300, "10", NULL, 0,              \
	  "Seconds to wait for a connection to the server")                                \
	X(IDLE_TIMEOUT, "idle_timeout", OPT_INT, 0, 3600, "300", NULL, 0,                  \
	  "Give up when the server sends nothing for this many seconds (0: never)")        \
	X(THEME, "theme", OPT_STRING, 0, 0, "default", NULL, 0,                            \
	  "Colour theme: default, light, mono, or NAME.yaml in the themes directory")      \
	X(MAX_FPS, "max_fps", OPT_INT, 1, 240, "60", NULL, 0,                              \
	  "Most screen updates per second while text streams in")                          \
	X(DATA_DIR, "data_dir", OPT_STRING, 0, 0, "", NULL, 0,                             \
	  "Where sessions and history are kept (empty: $XDG_DATA_HOME/faos-codex)")        \
	X(LOG_LEVEL, "log_level", OPT_ENUM, 0, 0, "info", "error|warn|info|debug", 0,      \
	  "Detail of the log file in $XDG_STATE_HOME/faos-codex")

enum opt_id {
#define OPT_ENUM_ID(id, ...) OPT_##id,
	CONFIG_OPTIONS(OPT_ENUM_ID)
#undef OPT_ENUM_ID
	OPT__COUNT
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

/* The option called name, or -1. */
int option_find(const char *name);
/* The name closest to an unknown one (for "did you mean"), or NULL. */
const char *option_closest(const char *name);

#endif
