/*
 * log.h: a JSON-lines logger (one object per line on stderr, written with jansson).
 *
 * Log text says what failed first, in lower case, and never carries personal data: no
 * names, no identifiers of children, no query strings, no request bodies. Values are
 * strings passed as NULL-terminated key/value pairs:
 *     log_error("migration failed", "migration", m->name, NULL);
 * A line is written with a single write(2), so lines from threads never interleave.
 */
#ifndef SENDAP_LOG_H
#define SENDAP_LOG_H

#include <stddef.h>

#include <jansson.h>

void log_info(const char *msg, ...) __attribute__((sentinel));
void log_error(const char *msg, ...) __attribute__((sentinel));
/* log_object writes obj (stolen) after adding "ts"; used by the access log. */
void log_object(json_t *obj);
/* log_set_fd sends lines to fd instead of 2; -1 turns logging off (benchmarks). */
void log_set_fd(int fd);
/* log_now_iso writes the current UTC time as 2026-11-24T20:31:05.123Z. */
void log_now_iso(char *out, size_t n);

#endif
