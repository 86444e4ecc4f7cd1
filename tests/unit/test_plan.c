/*
 * test_plan.c: the EHC plan checker (src/plan/check.c) against the hand-written plan lines
 * in tests/plan/lines.json, one cmocka test per case, named after the case.
 *
 * A case under "cases" must pass plan_validate with no error; plan_quality, judged for a
 * child born on "dob" on the day "on", must give every code of must_flag and none of
 * must_not_flag. A case under "invalid" must be refused with exactly the JSON pointers of
 * "errors", in any order. On a mismatch the test prints what differs and the flags or
 * errors it got. The file is read relative to the working directory (the repository root,
 * as scripts/test.sh runs it); PLAN_CASES names another file.
 *
 * plan_year_group is also worked by hand here: the school year runs 1 September to 31
 * August, a child starts Reception (0) in the school year in which they turn 5, so a
 * birthday on 31 August and one on 1 September of the same year are a school year apart.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"

#define CASES_FILE "tests/plan/lines.json"

static struct date D(int y, int m, int d) {
	return (struct date){y, m, d};
}

/* ---- plan_year_group, by hand ---- */

static void
year_group_either_side_of_1_september_birthday(void **state)
{
	(void)state;
	/*
	 * Born 31 August 2011: the school year of birth is Sept 2010 - Aug 2011. Turns 5 on
	 * 31 August 2016, the last day of school year 2015/16: Reception 2015/16, Year 1
	 * 2016/17, ... Year 9 2024/25.
	 */
	assert_int_equal(plan_year_group(D(2011, 8, 31), D(2015, 9, 1)), 0);
	assert_int_equal(plan_year_group(D(2011, 8, 31), D(2024, 8, 31)), 8);
	assert_int_equal(plan_year_group(D(2011, 8, 31), D(2024, 9, 1)), 9);
	assert_int_equal(plan_year_group(D(2011, 8, 31), D(2025, 8, 31)), 9);
	/*
	 * Born 1 September 2011, one day later: school year of birth Sept 2011 - Aug 2012.
	 * Turns 5 on 1 September 2016: Reception 2016/17 ... Year 8 2024/25, Year 9 2025/26.
	 */
	assert_int_equal(plan_year_group(D(2011, 9, 1), D(2016, 9, 1)), 0);
	assert_int_equal(plan_year_group(D(2011, 9, 1), D(2024, 9, 1)), 8);
	assert_int_equal(plan_year_group(D(2011, 9, 1), D(2025, 8, 31)), 8);
	assert_int_equal(plan_year_group(D(2011, 9, 1), D(2025, 9, 1)), 9);
}

static void year_group_other_birthdays(void **state)
{
	(void)state;
	/* born 14 March 2015: cohort Sept 2014 - Aug 2015, Reception 2019/20, Year 6 2025/26 */
	assert_int_equal(plan_year_group(D(2015, 3, 14), D(2025, 10, 1)), 6);
	/* born 29 February 2012: cohort 2011/12, turns 5 in 2016/17 (on 28 Feb 2017 or 1 Mar
	 * as the law reads it; either way the same school year): Year 9 in 2025/26 */
	assert_int_equal(plan_year_group(D(2012, 2, 29), D(2025, 9, 1)), 9);
	assert_int_equal(plan_year_group(D(2012, 2, 29), D(2025, 8, 31)), 8);
	/* born 31 December 2007: cohort 2007/08, Reception 2012/13, Year 13 in 2025/26 */
	assert_int_equal(plan_year_group(D(2007, 12, 31), D(2026, 7, 31)), 13);
	/* born 1 January 2008, the same cohort: also Year 13 */
	assert_int_equal(plan_year_group(D(2008, 1, 1), D(2026, 7, 31)), 13);
	/* born 15 June 2022: cohort 2021/22, Reception 2026/27; before that, nursery age (-1) */
	assert_int_equal(plan_year_group(D(2022, 6, 15), D(2026, 9, 1)), 0);
	assert_int_equal(plan_year_group(D(2022, 6, 15), D(2026, 3, 1)), -1);
}

/* ---- the cases of lines.json ---- */

static const char *s(json_t *o, const char *k)
{
	const char *v = json_string_value(json_object_get(o, k));
	return v ? v : "";
}

static int flagged(json_t *flags, const char *code)
{
	size_t i;
	json_t *f;
	json_array_foreach(flags, i, f)
	{
		if (strcmp(s(f, "code"), code) == 0)
			return 1;
	}
	return 0;
}

static void print_flags(json_t *flags)
{
	size_t i;
	json_t *f;
	print_message("  flags given:%s\n", json_array_size(flags) ? "" : " none");
	json_array_foreach(flags, i, f)
	{
		print_message("    %s %s (%s)\n", s(f, "code"), s(f, "pointer"), s(f, "line"));
	}
}

static void print_errors(const struct field_errors *errs)
{
	print_message("  errors given:%s\n", errs->n ? "" : " none");
	for (size_t i = 0; i < errs->n; i++)
		print_message("    %s: %s\n", errs->items[i].pointer, errs->items[i].message);
}

static int parse_day(json_t *c, const char *k, struct date *d)
{
	if (date_parse(s(c, k), d) != 0) {
		print_error("case \"%s\": \"%s\" is not YYYY-MM-DD\n", s(c, "name"), k);
		return -1;
	}
	return 0;
}

static void run_case(void **state)
{
	json_t *c = *state;
	json_t *plan = json_object_get(c, "plan");
	struct date dob, on;
	if (parse_day(c, "dob", &dob) != 0 || parse_day(c, "on", &on) != 0)
		fail();
	struct arena a;
	arena_init(&a, 0);
	struct field_errors errs = {0};
	int bad = 0;
	if (plan_validate(plan, &a, &errs) != 0) {
		print_error("case \"%s\": plan_validate refused a plan that should be valid\n",
			    s(c, "name"));
		print_errors(&errs);
		arena_release(&a);
		fail();
	}
	json_t *flags = plan_quality(plan, dob, on);
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(c, "must_flag"), i, v)
	{
		if (!flagged(flags, json_string_value(v))) {
			print_error("case \"%s\": expected flag %s, not given\n", s(c, "name"),
				    json_string_value(v));
			bad = 1;
		}
	}
	json_array_foreach(json_object_get(c, "must_not_flag"), i, v)
	{
		if (flagged(flags, json_string_value(v))) {
			print_error("case \"%s\": flag %s given but must not be\n", s(c, "name"),
				    json_string_value(v));
			bad = 1;
		}
	}
	if (bad)
		print_flags(flags);
	json_decref(flags);
	arena_release(&a);
	if (bad)
		fail();
}

static int has_pointer(const struct field_errors *errs, const char *pointer)
{
	for (size_t i = 0; i < errs->n; i++)
		if (strcmp(errs->items[i].pointer, pointer) == 0)
			return 1;
	return 0;
}

static int expected_pointer(json_t *want, const char *pointer)
{
	size_t i;
	json_t *v;
	json_array_foreach(want, i, v)
	{
		if (json_is_string(v) && strcmp(json_string_value(v), pointer) == 0)
			return 1;
	}
	return 0;
}

static void run_invalid(void **state)
{
	json_t *c = *state;
	json_t *want = json_object_get(c, "errors");
	struct arena a;
	arena_init(&a, 0);
	struct field_errors errs = {0};
	plan_validate(json_object_get(c, "plan"), &a, &errs);
	int bad = 0;
	size_t i;
	json_t *v;
	json_array_foreach(want, i, v)
	{
		if (!has_pointer(&errs, json_string_value(v))) {
			print_error("case \"%s\": expected an error at %s, none given\n",
				    s(c, "name"), json_string_value(v));
			bad = 1;
		}
	}
	for (i = 0; i < errs.n; i++)
		if (!expected_pointer(want, errs.items[i].pointer)) {
			print_error("case \"%s\": unexpected error at %s: %s\n", s(c, "name"),
				    errs.items[i].pointer, errs.items[i].message);
			bad = 1;
		}
	if (json_array_size(want) == 0) {
		print_error("case \"%s\": an invalid case must expect at least one error\n",
			    s(c, "name"));
		bad = 1;
	}
	if (bad)
		print_errors(&errs);
	arena_release(&a);
	if (bad)
		fail();
}

/* add_cases: one test per element of list, run by fn; returns the new count */
static size_t add_cases(struct CMUnitTest *tests, size_t n, json_t *list, void (*fn)(void **state))
{
	size_t i;
	json_t *c;
	json_array_foreach(list, i, c)
	{
		struct CMUnitTest *t = &tests[n++];
		const char *name = json_string_value(json_object_get(c, "name"));
		t->name = name ? name : "(a case without a name)";
		t->test_func = fn;
		t->initial_state = c;
	}
	return n;
}

int main(void)
{
	const char *path = getenv("PLAN_CASES");
	json_error_t je;
	json_t *doc = json_load_file(path ? path : CASES_FILE, JSON_REJECT_DUPLICATES, &je);
	json_t *cases = json_object_get(doc, "cases");
	json_t *invalid = json_object_get(doc, "invalid");
	if (!json_is_array(cases) || json_array_size(cases) == 0 || !json_is_array(invalid) ||
	    json_array_size(invalid) == 0) {
		fprintf(stderr, "test_plan: %s: %s\n", path ? path : CASES_FILE,
			doc ? "needs non-empty \"cases\" and \"invalid\" lists" : je.text);
		json_decref(doc);
		return 1;
	}
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(year_group_either_side_of_1_september_birthday),
		cmocka_unit_test(year_group_other_birthdays),
	};
	size_t n_fixed = sizeof(fixed) / sizeof(fixed[0]);
	size_t n = n_fixed + json_array_size(cases) + json_array_size(invalid);
	struct CMUnitTest *tests = calloc(n, sizeof(*tests));
	if (!tests) {
		json_decref(doc);
		return 1;
	}
	memcpy(tests, fixed, sizeof(fixed));
	n = add_cases(tests, n_fixed, cases, run_case);
	n = add_cases(tests, n, invalid, run_invalid);
	int rc = _cmocka_run_group_tests("plan", tests, n, NULL, NULL);
	free(tests);
	json_decref(doc);
	return rc;
}
