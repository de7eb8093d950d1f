/* log: the JSON-lines log file. */
#include "base/log.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/paths.h"

static int log_fd = -1;
static enum log_level log_threshold = LOG_INFO;

static const char *const log_level_names[] = { "error", "warn", "info", "debug" };

int log_open(const char *path, enum log_level level, char **err)
{
	char *dir = paths_dirname(path);
	int rc = paths_mkdir_p(dir, err);

	free(dir);
	if (rc < 0)
		return -1;
	log_fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (log_fd < 0) {
		*err = paths_error("cannot open log file", path);
		return -1;
	}
	log_threshold = level;
	return 0;
}

void log_close(void)
{
	if (log_fd >= 0)
		close(log_fd);
	log_fd = -1;
}

int log_enabled(enum log_level level)
{
	return log_fd >= 0 && level <= log_threshold;
}

/* Append s as the inside of a JSON string. */
static void log_escape(struct buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			buf_printf(b, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			buf_printf(b, "\\u%04x", c);
		else
			buf_append_char(b, (char)c);
	}
}

void log_write(enum log_level level, const char *event, const char *fmt, ...)
{
	if (!log_enabled(level))
		return;

	struct timespec ts;
	struct tm tm;
	char when[32], text[2048];
	va_list ap;
	struct buf line = BUF_INIT;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);

	buf_printf(&line, "{\"ts\":\"%s.%03ldZ\",\"pid\":%ld,\"level\":\"%s\",\"event\":\"",
		   when, ts.tv_nsec / 1000000, (long)getpid(), log_level_names[level]);
	log_escape(&line, event);
	buf_append_str(&line, "\",\"msg\":\"");
	log_escape(&line, text);
	buf_append_str(&line, "\"}\n");
	ssize_t ignored = write(log_fd, line.data, line.len);
	(void)ignored; /* a failing log must not stop the program */
	buf_free(&line);
}
