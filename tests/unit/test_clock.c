/*
 * test_clock.c: the statutory clock (src/assessment/clock.c) against the cases worked by hand
 * in tests/clock/cases.json, with the real rules (reference/rules/england.json) and bank
 * holidays (reference/bank_holidays.csv); and the date functions it stands on.
 *
 * Each case is one cmocka test named after it. A case gives "input" (what `sendap clock`
 * reads) and either "expect", a list of deadlines of which only the members given are
 * compared (step and item find the deadline; due, status, rule, days_late, days_left and
 * exception_days, where exception_days 0 means no exception counted), with "expect_absent"
 * naming steps that must not appear; or "expect_errors", the JSON pointers of every error,
 * in any order. A failure prints the case's name and the member that differs.
 *
 * The cases are read from tests/clock/cases.json relative to the working directory (the
 * repository's root, where scripts/test.sh runs the tests), or from $CLOCK_CASES.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assessment/clock.h"
#include "platform/dates.h"

#define CASES_FILE "tests/clock/cases.json"

static struct clock_rules rules;
static int rules_loaded;

static struct date D(int y, int m, int d) {
	return (struct date){y, m, d};
}

static void
assert_date(struct date got, int y, int m, int d)
{
	char g[DATE_ISO_LEN + 1], w[DATE_ISO_LEN + 1];
	date_iso(got, g);
	date_iso(D(y, m, d), w);
	if (strcmp(g, w) != 0) {
		print_error("got %s, want %s\n", g, w);
		fail();
	}
}

/* ---- the date functions the clock uses ---- */

static void add_months_keeps_the_day_or_takes_the_last(void **state)
{
	(void)state;
	/* the corresponding day, when the month has it */
	assert_date(date_add_months(D(2025, 1, 15), 2), 2025, 3, 15);
	assert_date(date_add_months(D(2025, 8, 31), 2), 2025, 10, 31);
	/* 31 December + 2 months: February has no 31st, so its last day */
	assert_date(date_add_months(D(2024, 12, 31), 2), 2025, 2, 28);
	assert_date(date_add_months(D(2023, 12, 31), 2), 2024, 2, 29);
	assert_date(date_add_months(D(2024, 12, 30), 2), 2025, 2, 28);
	/* 31 January + 1 month; 31 March + 1 month = 30 April */
	assert_date(date_add_months(D(2025, 1, 31), 1), 2025, 2, 28);
	assert_date(date_add_months(D(2024, 1, 31), 1), 2024, 2, 29);
	assert_date(date_add_months(D(2025, 3, 31), 1), 2025, 4, 30);
	/* 12 months from 29 February 2024 is 28 February 2025; 48 months, 29 February 2028 */
	assert_date(date_add_months(D(2024, 2, 29), 12), 2025, 2, 28);
	assert_date(date_add_months(D(2024, 2, 29), 48), 2028, 2, 29);
	/* across the year: 30 November + 3 months = 28 February; 15 Dec + 1 = 15 Jan */
	assert_date(date_add_months(D(2025, 11, 30), 3), 2026, 2, 28);
	assert_date(date_add_months(D(2025, 12, 15), 1), 2026, 1, 15);
	assert_date(date_add_months(D(2025, 5, 20), 0), 2025, 5, 20);
}

static void weekdays_from_the_calendar(void **state)
{
	(void)state;
	/* 0 Monday .. 6 Sunday */
	assert_int_equal(date_weekday(D(1970, 1, 1)), 3);   /* a Thursday */
	assert_int_equal(date_weekday(D(2025, 1, 6)), 0);   /* Monday */
	assert_int_equal(date_weekday(D(2025, 1, 31)), 4);  /* Friday */
	assert_int_equal(date_weekday(D(2025, 3, 1)), 5);   /* Saturday */
	assert_int_equal(date_weekday(D(2025, 6, 1)), 6);   /* Sunday */
	assert_int_equal(date_weekday(D(2024, 2, 29)), 3);  /* Thursday */
	assert_int_equal(date_weekday(D(2022, 9, 19)), 0);  /* Monday, the State Funeral */
	assert_int_equal(date_weekday(D(2023, 5, 8)), 0);   /* Monday, the coronation */
	assert_int_equal(date_weekday(D(2000, 1, 1)), 5);   /* Saturday */
	assert_int_equal(date_weekday(D(1969, 12, 31)), 2); /* Wednesday, before the epoch */
}

static void working_days_skip_weekends_and_bank_holidays(void **state)
{
	(void)state;
	assert_true(rules_loaded);
	struct holidays h = {rules.holidays, rules.n_holidays};
	/* Fri 20 Dec 2024 + 3: Mon 23, Tue 24, (25, 26 holidays) Fri 27 */
	assert_date(date_add_working_days(D(2024, 12, 20), 3, &h), 2024, 12, 27);
	/* Fri 27 Dec 2024 + 3: Mon 30, Tue 31, (1 Jan holiday) Thu 2 Jan */
	assert_date(date_add_working_days(D(2024, 12, 27), 3, &h), 2025, 1, 2);
	/* Thu 17 Apr 2025 + 3: (Good Friday, weekend, Easter Monday) Tue 22, Wed 23, Thu 24 */
	assert_date(date_add_working_days(D(2025, 4, 17), 3, &h), 2025, 4, 24);
	/* Tue 31 May 2022 + 3: Wed 1 Jun, (2 and 3 Jun, the jubilee) Mon 6, Tue 7 */
	assert_date(date_add_working_days(D(2022, 5, 31), 3, &h), 2022, 6, 7);
	/* Thu 15 Sep 2022 + 3: Fri 16, (Mon 19 the funeral) Tue 20, Wed 21 */
	assert_date(date_add_working_days(D(2022, 9, 15), 3, &h), 2022, 9, 21);
	/* Thu 4 May 2023 + 3: Fri 5, (Mon 8 the coronation) Tue 9, Wed 10 */
	assert_date(date_add_working_days(D(2023, 5, 4), 3, &h), 2023, 5, 10);
	/* without the holidays only weekends are skipped: Fri 20 Dec 2024 + 3 = Wed 25 */
	assert_date(date_add_working_days(D(2024, 12, 20), 3, NULL), 2024, 12, 25);
	/* from a Saturday, the Saturday does not count: Sat 8 Mar 2025 + 1 = Mon 10 */
	assert_date(date_add_working_days(D(2025, 3, 8), 1, &h), 2025, 3, 10);
	/* 0 working days is the day itself */
	assert_date(date_add_working_days(D(2025, 3, 8), 0, &h), 2025, 3, 8);
	assert_false(date_is_working_day(D(2022, 9, 19), &h));
	assert_false(date_is_working_day(D(2023, 1, 2), &h)); /* New Year substitute */
	assert_true(date_is_working_day(D(2023, 1, 3), &h));
	assert_false(date_is_working_day(D(2025, 3, 1), &h)); /* a Saturday */
}

static void weeks_are_calendar_days(void **state)
{
	(void)state;
	/* 6 weeks = 42 days: 1 Feb 2024 (29 days in February) to 14 Mar, 1 Feb 2023 to 15 Mar */
	assert_date(date_add_days(D(2024, 2, 1), 42), 2024, 3, 14);
	assert_date(date_add_days(D(2023, 2, 1), 42), 2023, 3, 15);
	/* 20 weeks = 140 days from 1 Nov 2023: 20 Mar 2024 */
	assert_date(date_add_days(D(2023, 11, 1), 140), 2024, 3, 20);
	assert_int_equal(date_days(D(2025, 5, 26)) - date_days(D(2025, 1, 6)), 140);
}

/* ---- the cases ---- */

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "(none)";
}

/* find: the first deadline of the step (and item, when given) */
static json_t *find(json_t *deadlines, const char *step, json_t *item)
{
	size_t i;
	json_t *d;
	json_array_foreach(deadlines, i, d)
	{
		if (strcmp(str(d, "step"), step) != 0)
			continue;
		if (item && !json_equal(item, json_object_get(d, "item")))
			continue;
		return d;
	}
	return NULL;
}

static int check_deadline(const char *name, json_t *want, json_t *got)
{
	int bad = 0;
	const char *step = str(want, "step");
	const char *item = json_string_value(json_object_get(want, "item"));
	static const char *const strings[] = {"due", "status", "rule"};
	for (size_t k = 0; k < sizeof(strings) / sizeof(strings[0]); k++) {
		json_t *w = json_object_get(want, strings[k]);
		if (w && !json_equal(w, json_object_get(got, strings[k]))) {
			print_error("%s: %s%s%s: %s is %s, want %s\n", name, step, item ? "/" : "",
				    item ? item : "", strings[k], str(got, strings[k]),
				    json_string_value(w));
			bad = 1;
		}
	}
	static const char *const numbers[] = {"days_late", "days_left"};
	for (size_t k = 0; k < sizeof(numbers) / sizeof(numbers[0]); k++) {
		json_t *w = json_object_get(want, numbers[k]);
		json_t *g = json_object_get(got, numbers[k]);
		if (w && (!json_is_integer(g) || json_integer_value(g) != json_integer_value(w))) {
			print_error("%s: %s%s%s: %s is %lld, want %lld%s\n", name, step,
				    item ? "/" : "", item ? item : "", numbers[k],
				    (long long)json_integer_value(g),
				    (long long)json_integer_value(w), g ? "" : " (absent)");
			bad = 1;
		}
	}
	json_t *w = json_object_get(want, "exception_days");
	if (w) {
		json_int_t days = json_integer_value(
			json_object_get(json_object_get(got, "exception"), "days"));
		if (days != json_integer_value(w)) {
			print_error("%s: %s%s%s: exception_days is %lld, want %lld\n", name, step,
				    item ? "/" : "", item ? item : "", (long long)days,
				    (long long)json_integer_value(w));
			bad = 1;
		}
	}
	return bad;
}

static int check_errors(const char *name, json_t *want, const struct field_errors *errs)
{
	int bad = 0;
	size_t i;
	json_t *p;
	json_array_foreach(want, i, p)
	{
		int found = 0;
		for (size_t k = 0; k < errs->n; k++)
			if (errs->items[k].pointer &&
			    strcmp(errs->items[k].pointer, json_string_value(p)) == 0)
				found = 1;
		if (!found) {
			print_error("%s: no error at %s\n", name, json_string_value(p));
			bad = 1;
		}
	}
	for (size_t k = 0; k < errs->n; k++) {
		int expected = 0;
		json_array_foreach(want, i, p)
		{
			if (errs->items[k].pointer &&
			    strcmp(errs->items[k].pointer, json_string_value(p)) == 0)
				expected = 1;
		}
		if (!expected) {
			print_error("%s: unexpected error at %s: %s\n", name,
				    errs->items[k].pointer ? errs->items[k].pointer : "(none)",
				    errs->items[k].message);
			bad = 1;
		}
	}
	return bad;
}

static void run_case(void **state)
{
	json_t *c = *state;
	const char *name = str(c, "name");
	assert_true(rules_loaded);
	struct arena a;
	arena_init(&a, 0);
	struct field_errors errs = {0};
	/* every case gives as_of; today is a date none of them should depend on */
	json_t *out = clock_compute(&rules, json_object_get(c, "input"), D(2030, 1, 1), &a, &errs);
	int bad = 0;
	json_t *want_errors = json_object_get(c, "expect_errors");
	if (want_errors) {
		if (out) {
			print_error("%s: computed deadlines, want errors\n", name);
			bad = 1;
		} else {
			bad = check_errors(name, want_errors, &errs);
		}
	} else if (!out) {
		for (size_t k = 0; k < errs.n; k++)
			print_error("%s: error at %s: %s\n", name,
				    errs.items[k].pointer ? errs.items[k].pointer : "(none)",
				    errs.items[k].message);
		bad = 1;
	} else {
		json_t *deadlines = json_object_get(out, "deadlines");
		size_t i;
		json_t *w;
		json_array_foreach(json_object_get(c, "expect"), i, w)
		{
			json_t *got = find(deadlines, str(w, "step"), json_object_get(w, "item"));
			if (!got) {
				print_error("%s: no deadline for %s%s%s\n", name, str(w, "step"),
					    json_object_get(w, "item") ? "/" : "",
					    json_object_get(w, "item") ? str(w, "item") : "");
				bad = 1;
				continue;
			}
			bad |= check_deadline(name, w, got);
		}
		json_array_foreach(json_object_get(c, "expect_absent"), i, w)
		{
			if (find(deadlines, json_string_value(w), NULL)) {
				print_error("%s: a deadline for %s, want none\n", name,
					    json_string_value(w));
				bad = 1;
			}
		}
	}
	json_decref(out);
	arena_release(&a);
	if (bad)
		fail();
}

static int load_rules(void **state)
{
	(void)state;
	char err[512];
	if (clock_rules_load("reference", &rules, err, sizeof(err)) != 0) {
		print_error("clock_rules_load: %s\n", err);
		return -1;
	}
	rules_loaded = 1;
	return 0;
}

static int release_rules(void **state)
{
	(void)state;
	if (rules_loaded)
		clock_rules_release(&rules);
	rules_loaded = 0;
	return 0;
}

int main(void)
{
	const char *path = getenv("CLOCK_CASES");
	json_error_t je;
	json_t *cases = json_load_file(path ? path : CASES_FILE, JSON_REJECT_DUPLICATES, &je);
	if (!json_is_array(cases) || json_array_size(cases) == 0) {
		fprintf(stderr, "test_clock: %s: %s\n", path ? path : CASES_FILE,
			cases ? "not a list of cases" : je.text);
		json_decref(cases);
		return 1;
	}
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(add_months_keeps_the_day_or_takes_the_last),
		cmocka_unit_test(weekdays_from_the_calendar),
		cmocka_unit_test(working_days_skip_weekends_and_bank_holidays),
		cmocka_unit_test(weeks_are_calendar_days),
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
	int rc = _cmocka_run_group_tests("clock", tests, n, load_rules, release_rules);
	free(tests);
	json_decref(cases);
	return rc;
}
