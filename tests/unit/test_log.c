/*
 * test_log.c: the JSON-lines logger (log.h). Each call writes exactly one line: one
 * compact JSON object and a newline. The object holds "level", "msg", the key/value pairs
 * given, in that order, then "ts" (UTC, 2026-11-24T20:31:05.123Z), and nothing else. A NULL
 * value is a JSON null; quotes, backslashes and newlines in values are escaped, so a value
 * can never end the line or add a field. log_object adds only "ts". Logging to fd -1
 * writes nothing. The lines are read back from a temp file the logger is pointed at.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "platform/log.h"

struct fixture {
	char path[64];
	int fd;
	char text[8192];
	size_t len;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	snprintf(f->path, sizeof(f->path), "/tmp/sendap-test-log-XXXXXX");
	f->fd = mkstemp(f->path);
	if (f->fd < 0) {
		free(f);
		return -1;
	}
	log_set_fd(f->fd);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	log_set_fd(2);
	close(f->fd);
	unlink(f->path);
	free(f);
	return 0;
}

/* written reads everything logged so far into f->text. */
static const char *written(struct fixture *f)
{
	ssize_t n = pread(f->fd, f->text, sizeof(f->text) - 1, 0);
	assert_true(n >= 0);
	f->len = (size_t)n;
	f->text[f->len] = '\0';
	return f->text;
}

static size_t count_lines(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (*s == '\n')
			n++;
	return n;
}

/* only_line checks that exactly one line was written and parses it. */
static json_t *only_line(struct fixture *f)
{
	const char *s = written(f);
	assert_int_equal(count_lines(s), 1);
	assert_true(f->len > 0);
	assert_int_equal(s[f->len - 1], '\n');
	json_error_t err;
	json_t *obj = json_loadb(s, f->len - 1, 0, &err);
	if (!obj)
		fail_msg("not JSON: %s (%s)", s, err.text);
	assert_true(json_is_object(obj));
	return obj;
}

static void assert_member(json_t *obj, const char *key, const char *want)
{
	json_t *v = json_object_get(obj, key);
	if (!v)
		fail_msg("no \"%s\"", key);
	assert_true(json_is_string(v));
	assert_string_equal(json_string_value(v), want);
}

/* assert_iso_ts checks the shape 2026-11-24T20:31:05.123Z. */
static void assert_iso_ts(const char *ts)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd.dddZ";
	assert_int_equal(strlen(ts), strlen(shape));
	for (size_t i = 0; shape[i]; i++) {
		if (shape[i] == 'd')
			assert_true(isdigit((unsigned char)ts[i]));
		else
			assert_int_equal(ts[i], shape[i]);
	}
}

/* digits reads n decimal digits at s. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static void info_writes_one_line_with_level_msg_fields_and_ts_only(void **state)
{
	struct fixture *f = *state;
	log_info("server started", "port", "8080", "db", "sqlite", NULL);
	json_t *obj = only_line(f);
	assert_int_equal(json_object_size(obj), 5);
	assert_member(obj, "level", "info");
	assert_member(obj, "msg", "server started");
	assert_member(obj, "port", "8080");
	assert_member(obj, "db", "sqlite");
	assert_iso_ts(json_string_value(json_object_get(obj, "ts")));
	json_decref(obj);
	/* compact, in the order given, with ts last */
	assert_memory_equal(f->text,
			    "{\"level\":\"info\",\"msg\":\"server started\",\"port\":\"8080\","
			    "\"db\":\"sqlite\",\"ts\":\"",
			    strlen("{\"level\":\"info\",\"msg\":\"server started\",\"port\":"
				   "\"8080\",\"db\":\"sqlite\",\"ts\":\""));
	assert_int_equal(f->len, strlen("{\"level\":\"info\",\"msg\":\"server started\","
					"\"port\":\"8080\",\"db\":\"sqlite\",\"ts\":\"\"}\n") +
					 24);
}

static void error_is_written_with_level_error(void **state)
{
	struct fixture *f = *state;
	log_error("migration failed", "migration", "0002_local_authority", "code", "23505", NULL);
	json_t *obj = only_line(f);
	assert_int_equal(json_object_size(obj), 5);
	assert_member(obj, "level", "error");
	assert_member(obj, "msg", "migration failed");
	assert_member(obj, "migration", "0002_local_authority");
	assert_member(obj, "code", "23505");
	json_decref(obj);
}

static void message_without_fields_has_level_msg_and_ts_only(void **state)
{
	struct fixture *f = *state;
	log_info("shutting down", NULL);
	json_t *obj = only_line(f);
	assert_int_equal(json_object_size(obj), 3);
	assert_member(obj, "level", "info");
	assert_member(obj, "msg", "shutting down");
	assert_non_null(json_object_get(obj, "ts"));
	json_decref(obj);
}

static void null_value_is_written_as_json_null(void **state)
{
	struct fixture *f = *state;
	log_info("lookup", "code", (const char *)NULL, NULL);
	json_t *obj = only_line(f);
	assert_int_equal(json_object_size(obj), 4);
	json_t *v = json_object_get(obj, "code");
	assert_non_null(v);
	assert_true(json_is_null(v));
	json_decref(obj);
}

static void quotes_backslashes_and_newlines_are_escaped_within_one_line(void **state)
{
	struct fixture *f = *state;
	const char *nasty = "a\"b\\c\nd\re\tf\x01\",\"level\":\"forged";
	log_error("line one\nline two", "detail", nasty, NULL);
	json_t *obj = only_line(f);
	assert_int_equal(json_object_size(obj), 4);
	assert_member(obj, "level", "error");
	assert_member(obj, "msg", "line one\nline two");
	assert_member(obj, "detail", nasty);
	json_decref(obj);
}

static void utf8_values_are_kept(void **state)
{
	struct fixture *f = *state;
	log_info("caf\xc3\xa9", "region", "\xe2\x80\x93 \xf0\x9f\x98\x80", NULL);
	json_t *obj = only_line(f);
	assert_member(obj, "msg", "caf\xc3\xa9");
	assert_member(obj, "region", "\xe2\x80\x93 \xf0\x9f\x98\x80");
	json_decref(obj);
}

static void value_that_is_not_utf8_never_breaks_the_line(void **state)
{
	struct fixture *f = *state;
	log_info("bad bytes", "value", "\xff\xfe", "after", "ok", NULL);
	json_t *obj = only_line(f);
	assert_null(strchr(f->text, '\xff'));
	assert_member(obj, "after", "ok");
	json_decref(obj);
}

static void each_call_writes_its_own_line(void **state)
{
	struct fixture *f = *state;
	log_info("one", NULL);
	log_error("two", "k", "v", NULL);
	log_info("three", NULL);
	const char *s = written(f);
	assert_int_equal(count_lines(s), 3);
	const char *want[] = {"one", "two", "three"};
	const char *line = s;
	for (int i = 0; i < 3; i++) {
		const char *nl = strchr(line, '\n');
		assert_non_null(nl);
		json_t *obj = json_loadb(line, (size_t)(nl - line), 0, NULL);
		assert_non_null(obj);
		assert_member(obj, "msg", want[i]);
		json_decref(obj);
		line = nl + 1;
	}
	assert_int_equal(*line, '\0');
}

static void ts_is_the_current_utc_time(void **state)
{
	struct fixture *f = *state;
	struct timespec before, after; /* the clock log.c reads; time() can lag it */
	clock_gettime(CLOCK_REALTIME, &before);
	log_info("tick", NULL);
	clock_gettime(CLOCK_REALTIME, &after);
	json_t *obj = only_line(f);
	const char *ts = json_string_value(json_object_get(obj, "ts"));
	assert_non_null(ts);
	assert_iso_ts(ts);
	/* the seconds part, read back as UTC, lies between the two readings of the clock */
	struct tm tm = {0};
	tm.tm_year = digits(ts, 4) - 1900;
	tm.tm_mon = digits(ts + 5, 2) - 1;
	tm.tm_mday = digits(ts + 8, 2);
	tm.tm_hour = digits(ts + 11, 2);
	tm.tm_min = digits(ts + 14, 2);
	tm.tm_sec = digits(ts + 17, 2);
	time_t t = timegm(&tm);
	assert_true(t >= before.tv_sec && t <= after.tv_sec);
	json_decref(obj);
}

static void now_iso_has_the_documented_shape_and_truncates_safely(void **state)
{
	(void)state;
	char out[32];
	log_now_iso(out, sizeof(out));
	assert_iso_ts(out);
	char small[11];
	memset(small, '#', sizeof(small));
	log_now_iso(small, sizeof(small));
	assert_int_equal(strlen(small), 10); /* "2026-11-24" and a NUL, nothing past it */
	assert_int_equal(small[4], '-');
}

static void log_object_adds_only_ts(void **state)
{
	struct fixture *f = *state;
	json_t *in = json_pack("{s:s, s:i, s:s}", "method", "GET", "status", 200, "path", "/");
	assert_non_null(in);
	log_object(in); /* stolen */
	json_t *obj = only_line(f);
	assert_int_equal(json_object_size(obj), 4);
	assert_member(obj, "method", "GET");
	assert_int_equal(json_integer_value(json_object_get(obj, "status")), 200);
	assert_member(obj, "path", "/");
	assert_iso_ts(json_string_value(json_object_get(obj, "ts")));
	assert_null(json_object_get(obj, "level"));
	json_decref(obj);
	log_object(NULL); /* nothing, and no crash */
	assert_int_equal(count_lines(written(f)), 1);
}

static void fd_minus_one_turns_logging_off(void **state)
{
	struct fixture *f = *state;
	log_set_fd(-1);
	log_info("quiet", "k", "v", NULL);
	log_error("quiet", NULL);
	log_object(json_pack("{s:s}", "k", "v")); /* still freed: the leak check would see */
	log_set_fd(f->fd);
	assert_int_equal(written(f)[0], '\0');
	log_info("loud", NULL);
	assert_int_equal(count_lines(written(f)), 1);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(info_writes_one_line_with_level_msg_fields_and_ts_only),
		T(error_is_written_with_level_error),
		T(message_without_fields_has_level_msg_and_ts_only),
		T(null_value_is_written_as_json_null),
		T(quotes_backslashes_and_newlines_are_escaped_within_one_line),
		T(utf8_values_are_kept),
		T(value_that_is_not_utf8_never_breaks_the_line),
		T(each_call_writes_its_own_line),
		T(ts_is_the_current_utc_time),
		cmocka_unit_test(now_iso_has_the_documented_shape_and_truncates_safely),
		T(log_object_adds_only_ts),
		T(fd_minus_one_turns_logging_off),
	};
	return cmocka_run_group_tests_name("log", tests, NULL, NULL);
}
