/*
 * test_review_rules.c: the review rules (src/review/rules.c) against the cases worked by
 * hand in tests/review/cases.json, with the limits of reference/reviews/england.json.
 *
 * Each case is one cmocka test named after it. A case gives "fn" (review_due,
 * review_target, review_steps, amend_clock, transfer_deadline, transfer_schedule,
 * move_duties or step_status), its "args" and "expect", the members to compare: dates as
 * "YYYY-MM-DD", a status as its label. A failure prints the case's name, the member, what
 * was expected and what the function gave.
 *
 * Besides the cases: review_rules_default gives the file's limits, and a file that is not
 * JSON, lacks a limit or has an impossible day ("02-30") is refused with a message.
 *
 * The cases are read from tests/review/cases.json relative to the working directory (the
 * repository's root, where scripts/test.sh runs the tests), or from $REVIEW_CASES.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "platform/dates.h"
#include "review/rules.h"

#define CASES_FILE "tests/review/cases.json"
#define RULES_FILE "reference/reviews/england.json"

static struct review_rules rules;
static int rules_loaded;

static struct date D(int y, int m, int d) {
	return (struct date){y, m, d};
}

/* ---- the limits ---- */

static void
default_is_the_file(void **state)
{
	(void)state;
	assert_true(rules_loaded);
	struct review_rules def;
	review_rules_default(&def);
	int bad = 0;
	assert_string_equal(def.version, rules.version);
	assert_int_equal(date_cmp(def.from, rules.from), 0);
#define SAME(f)                                                                       \
	do {                                                                          \
		if (def.f != rules.f) {                                               \
			print_error("%s: default %d, file %d\n", #f, def.f, rules.f); \
			bad = 1;                                                      \
		}                                                                     \
	} while (0)
	SAME(review_months);
	SAME(under5_review_months);
	SAME(invitation_days);
	SAME(report_days);
	SAME(decision_days);
	SAME(comment_days);
	SAME(amended_final_days);
	SAME(school_deadline_month);
	SAME(school_deadline_day);
	SAME(post16_deadline_month);
	SAME(post16_deadline_day);
	SAME(post16_move_months);
	SAME(move_notice_days);
	SAME(move_review_months);
	SAME(appeal_months);
#undef SAME
	if (bad)
		fail();
}

/* load_text: write text to a temporary file and load it; 0 or the error, with err set */
static int load_text(const char *text, char *err, size_t n)
{
	char path[] = "/tmp/test_review_rules_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	size_t len = strlen(text);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	close(fd);
	struct review_rules r;
	err[0] = '\0';
	int rc = review_rules_load(path, D(2026, 1, 1), &r, err, n);
	unlink(path);
	if (rc != 0 && !strstr(err, path)) {
		print_error("the message does not name the file: %s\n", err);
		fail();
	}
	return rc;
}

/* load_changed: the real file with one limit's value replaced (or removed, when v is NULL) */
static int load_changed(const char *key, json_t *v, char *err, size_t n)
{
	json_error_t je;
	json_t *doc = json_load_file(RULES_FILE, 0, &je);
	assert_non_null(doc);
	json_t *limits =
		json_object_get(json_array_get(json_object_get(doc, "versions"), 0), "limits");
	assert_non_null(json_object_get(limits, key));
	if (v)
		json_object_set_new(json_object_get(limits, key), "value", v);
	else
		json_object_del(limits, key);
	char *text = json_dumps(doc, 0);
	json_decref(doc);
	assert_non_null(text);
	int rc = load_text(text, err, n);
	free(text);
	return rc;
}

static void broken_files_are_refused(void **state)
{
	(void)state;
	char err[512];
	/* the file unchanged, through the same path, loads */
	assert_int_equal(load_changed("review_months", json_integer(12), err, sizeof(err)), 0);
	/* not JSON */
	assert_int_not_equal(load_text("{\"versions\": [", err, sizeof(err)), 0);
	assert_true(err[0] != '\0');
	/* each limit missing */
	static const char *const keys[] = {
		"review_months",
		"under5_review_months",
		"invitation_days",
		"report_days",
		"decision_days",
		"comment_days",
		"amended_final_days",
		"transfer_school_deadline",
		"transfer_post16_deadline",
		"post16_move_months",
		"move_notice_days",
		"move_review_months",
		"appeal_months",
	};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		err[0] = '\0';
		if (load_changed(keys[i], NULL, err, sizeof(err)) == 0 || err[0] == '\0') {
			print_error("without %s: loaded, or no message\n", keys[i]);
			fail();
		}
	}
	/* days of the year that do not exist, or are not "MM-DD" */
	static const char *const days[] = {"02-30", "04-31", "13-01", "00-10", "2-15", "02/15"};
	for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
		err[0] = '\0';
		if (load_changed("transfer_school_deadline", json_string(days[i]), err,
				 sizeof(err)) == 0 ||
		    err[0] == '\0') {
			print_error("deadline \"%s\": loaded, or no message\n", days[i]);
			fail();
		}
	}
	/* 29 February is a day of the year */
	assert_int_equal(
		load_changed("transfer_post16_deadline", json_string("02-29"), err, sizeof(err)),
		0);
	/* a limit of the wrong type or out of range */
	assert_int_not_equal(load_changed("review_months", json_string("12"), err, sizeof(err)), 0);
	assert_int_not_equal(load_changed("comment_days", json_integer(0), err, sizeof(err)), 0);
}

static void no_version_before_2014(void **state)
{
	(void)state;
	char err[512] = "";
	struct review_rules r;
	assert_int_not_equal(review_rules_load(RULES_FILE, D(2014, 8, 31), &r, err, sizeof(err)),
			     0);
	assert_true(err[0] != '\0');
	assert_int_equal(review_rules_load(RULES_FILE, D(2014, 9, 1), &r, err, sizeof(err)), 0);
	assert_string_equal(r.version, "2014-09-01");
}

/* ---- the cases ---- */

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "(none)";
}

static int arg_date(const char *name, json_t *args, const char *key, struct date *out)
{
	if (date_parse(json_string_value(json_object_get(args, key)), out) != 0) {
		print_error("%s: args.%s is not a date: %s\n", name, key, str(args, key));
		return 1;
	}
	return 0;
}

static void put_date(json_t *got, const char *key, struct date d)
{
	char s[DATE_ISO_LEN + 1];
	date_iso(d, s);
	json_object_set_new(got, key, json_string(s));
}

/* compute: call the case's function, its results into got by name; 1 on a bad case */
static int compute(const char *name, const char *fn, json_t *args, json_t *got)
{
	struct date a, b;
	if (strcmp(fn, "review_due") == 0) {
		if (arg_date(name, args, "last", &a))
			return 1;
		put_date(got, "due", review_due(&rules, a));
	} else if (strcmp(fn, "review_target") == 0) {
		json_t *m = json_object_get(args, "under5_months");
		if (arg_date(name, args, "last", &a) || arg_date(name, args, "dob", &b))
			return 1;
		if (!json_is_integer(m)) {
			print_error("%s: args.under5_months is not a whole number\n", name);
			return 1;
		}
		put_date(got, "due", review_target(&rules, a, b, (int)json_integer_value(m)));
	} else if (strcmp(fn, "review_steps") == 0) {
		if (arg_date(name, args, "meeting", &a))
			return 1;
		struct review_steps s = review_steps_for(&rules, a);
		put_date(got, "invitations", s.invitations);
		put_date(got, "report", s.report);
		put_date(got, "decision", s.decision);
	} else if (strcmp(fn, "amend_clock") == 0) {
		if (arg_date(name, args, "served", &a))
			return 1;
		struct amend_clock c = review_amend_clock(&rules, a);
		put_date(got, "comments_until", c.comments_until);
		put_date(got, "final_from", c.final_from);
		put_date(got, "final_by", c.final_by);
	} else if (strcmp(fn, "transfer_deadline") == 0) {
		int k = transfer_kind_parse(json_string_value(json_object_get(args, "kind")));
		if (k < 0) {
			print_error("%s: args.kind is not a kind: %s\n", name, str(args, "kind"));
			return 1;
		}
		if (arg_date(name, args, "transfer_on", &a))
			return 1;
		put_date(got, "deadline", transfer_deadline(&rules, (enum transfer_kind)k, a));
	} else if (strcmp(fn, "transfer_schedule") == 0) {
		if (arg_date(name, args, "deadline", &a))
			return 1;
		struct transfer_schedule s = transfer_schedule_for(&rules, a);
		put_date(got, "invitations", s.invitations);
		put_date(got, "meeting", s.meeting);
		put_date(got, "decision", s.decision);
		put_date(got, "final", s.final);
	} else if (strcmp(fn, "move_duties") == 0) {
		if (arg_date(name, args, "transfer_on", &a) || arg_date(name, args, "last", &b))
			return 1;
		struct move_duties m = review_move_duties(&rules, a, b);
		put_date(got, "notify_by", m.notify_by);
		put_date(got, "review_by", m.review_by);
	} else if (strcmp(fn, "step_status") == 0) {
		json_t *done = json_object_get(args, "done");
		if (arg_date(name, args, "due", &a) || arg_date(name, args, "today", &b))
			return 1;
		if (!json_is_boolean(done)) {
			print_error("%s: args.done is not true or false\n", name);
			return 1;
		}
		enum step_status s = step_status_on(a, json_is_true(done), b, b);
		json_object_set_new(got, "status", json_string(step_status_label(s)));
	} else {
		print_error("%s: no function %s\n", name, fn);
		return 1;
	}
	return 0;
}

static void run_case(void **state)
{
	json_t *c = *state;
	const char *name = str(c, "name");
	const char *fn = str(c, "fn");
	json_t *want = json_object_get(c, "expect");
	assert_true(rules_loaded);
	if (!json_is_object(want) || json_object_size(want) == 0) {
		print_error("%s: no expect\n", name);
		fail();
	}
	json_t *got = json_object();
	int bad = compute(name, fn, json_object_get(c, "args"), got);
	const char *key;
	json_t *w;
	json_object_foreach(want, key, w)
	{
		if (json_object_size(got) == 0)
			break; /* the case was bad, and said so */
		json_t *g = json_object_get(got, key);
		if (!json_is_string(w) || !json_equal(w, g)) {
			print_error("%s: %s: %s is %s, want %s\n", name, fn, key,
				    json_string_value(g) ? json_string_value(g) : "(none)",
				    json_string_value(w) ? json_string_value(w) : "(not a string)");
			bad = 1;
		}
	}
	json_decref(got);
	if (bad)
		fail();
}

static int load_rules(void **state)
{
	(void)state;
	char err[512];
	if (review_rules_load(RULES_FILE, D(2026, 1, 1), &rules, err, sizeof(err)) != 0) {
		print_error("review_rules_load: %s\n", err);
		return -1;
	}
	rules_loaded = 1;
	return 0;
}

int main(void)
{
	const char *path = getenv("REVIEW_CASES");
	json_error_t je;
	json_t *cases = json_load_file(path ? path : CASES_FILE, JSON_REJECT_DUPLICATES, &je);
	if (!json_is_array(cases) || json_array_size(cases) == 0) {
		fprintf(stderr, "test_review_rules: %s: %s\n", path ? path : CASES_FILE,
			cases ? "not a list of cases" : je.text);
		json_decref(cases);
		return 1;
	}
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(default_is_the_file),
		cmocka_unit_test(broken_files_are_refused),
		cmocka_unit_test(no_version_before_2014),
	};
	size_t n_fixed = sizeof(fixed) / sizeof(fixed[0]);
	size_t n = n_fixed + json_array_size(cases);
	struct CMUnitTest *tests = calloc(n, sizeof(*tests));
	if (!tests) {
		json_decref(cases);
		return 1;
	}
	memcpy(tests, fixed, sizeof(fixed));
	size_t i;
	json_t *c;
	json_array_foreach(cases, i, c)
	{
		struct CMUnitTest *t = &tests[n_fixed + i];
		const char *name = json_string_value(json_object_get(c, "name"));
		t->name = name ? name : "(a case without a name)";
		t->test_func = run_case;
		t->initial_state = c;
	}
	int rc = _cmocka_run_group_tests("review_rules", tests, n, load_rules, NULL);
	free(tests);
	json_decref(cases);
	return rc;
}
