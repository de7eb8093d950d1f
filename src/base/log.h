/* log: JSON lines to a file under $XDG_STATE_HOME/faos-codex, never to the
 * terminal. Thread-safe: each record is one write(2) on an O_APPEND fd.
 * Callers never pass secrets (API keys) to it. */
#ifndef FAOS_LOG_H
#define FAOS_LOG_H

enum log_level { LOG_ERROR, LOG_WARN, LOG_INFO, LOG_DEBUG };

/* Opens (creating directories) the log file; -1 and *err on failure, in
 * which case logging stays off and the program goes on. */
int log_open(const char *path, enum log_level level, char **err);
void log_close(void);
int log_enabled(enum log_level level);
/* event: a short machine-readable name ("request.start"); fmt: the text. */
void log_write(enum log_level level, const char *event, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define log_error(ev, ...) log_write(LOG_ERROR, ev, __VA_ARGS__)
#define log_warn(ev, ...) log_write(LOG_WARN, ev, __VA_ARGS__)
#define log_info(ev, ...) log_write(LOG_INFO, ev, __VA_ARGS__)
#define log_debug(ev, ...) log_write(LOG_DEBUG, ev, __VA_ARGS__)

#endif
