/* log.c: JSON lines on stderr; see log.h. */
#include "platform/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int log_fd = 2;

void log_set_fd(int fd)
{
	log_fd = fd;
}

void log_now_iso(char *out, size_t n)
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	char date[24];
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, n, "%s.%03ldZ", date, ts.tv_nsec / 1000000);
}

void log_object(json_t *obj)
{
	if (log_fd < 0 || !obj) {
		json_decref(obj);
		return;
	}
	char now[32];
	log_now_iso(now, sizeof(now));
	json_object_set_new(obj, "ts", json_string(now));
	char *line = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(obj);
	if (!line)
		return;
	size_t len = strlen(line);
	line[len] = '\n'; /* replaces the NUL; write() needs no terminator */
	ssize_t w = write(log_fd, line, len + 1);
	(void)w;
	free(line);
}

static void log_v(const char *level, const char *msg, va_list ap)
{
	json_t *obj = json_object();
	if (!obj)
		return;
	json_object_set_new(obj, "level", json_string(level));
	json_object_set_new(obj, "msg", json_string(msg));
	const char *key;
	while ((key = va_arg(ap, const char *)) != NULL) {
		const char *value = va_arg(ap, const char *);
		json_object_set_new(obj, key, value ? json_string(value) : json_null());
	}
	log_object(obj);
}

void log_info(const char *msg, ...)
{
	va_list ap;
	va_start(ap, msg);
	log_v("info", msg, ap);
	va_end(ap);
}

void log_error(const char *msg, ...)
{
	va_list ap;
	va_start(ap, msg);
	log_v("error", msg, ap);
	va_end(ap);
}
