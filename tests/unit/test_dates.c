/*
 * test_dates.c: calendar dates and timestamps (src/platform/dates.c), as worked examples.
 *
 * A year is a leap year when it divides by 4, except centuries, which must divide by 400:
 * 1900 is common, 2000 leap, 2024 leap, 2100 common. date_parse takes exactly
 * "YYYY-MM-DD" (ten characters, two dashes, a real day) and nothing else. date_long is the
 * GOV.UK style "4 June 2026". date_add_years keeps the day, except that 29 February in a
 * common year becomes 28 February. date_age counts whole years; a 29 February birthday
 * counts from 1 March in a common year. time_iso writes "YYYY-MM-DDTHH:MM:SS.000Z" in UTC,
 * which sorts as text in time order.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "platform/dates.h"
#include "platform/err.h"

static struct date D(int y, int m, int d) {
	return (struct date){y, m, d};
}

static void
leap_years_follow_the_gregorian_rule(void **state)
{
	(void)state;
	/* 1900: divides by 4 and by 100 but not by 400 (1900 = 4 * 475 + 0 = 400 * 4 + 300) */
	assert_false(date_valid(1900, 2, 29));
	assert_true(date_valid(1900, 2, 28));
	/* 2000: divides by 400 (2000 = 400 * 5) */
	assert_true(date_valid(2000, 2, 29));
	/* 2024: divides by 4 (2024 = 4 * 506), not by 100 */
	assert_true(date_valid(2024, 2, 29));
	/* 2023: 2023 = 4 * 505 + 3 */
	assert_false(date_valid(2023, 2, 29));
	/* 2100: divides by 100 but not by 400 (2100 = 400 * 5 + 100) */
	assert_false(date_valid(2100, 2, 29));
	assert_false(date_valid(2024, 2, 30));
}

static void month_lengths_and_ranges(void **state)
{
	(void)state;
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	for (int m = 1; m <= 12; m++) {
		assert_true(date_valid(2026, m, days[m - 1]));
		assert_false(date_valid(2026, m, days[m - 1] + 1));
		assert_false(date_valid(2026, m, 0));
	}
	assert_false(date_valid(2026, 0, 1));
	assert_false(date_valid(2026, 13, 1));
	assert_false(date_valid(0, 1, 1));
	assert_true(date_valid(1, 1, 1));
	assert_true(date_valid(9999, 12, 31));
	assert_false(date_valid(10000, 1, 1));
}

static void parse_reads_exact_iso_dates(void **state)
{
	(void)state;
	struct date d = {0, 0, 0};
	assert_int_equal(date_parse("2026-06-04", &d), 0);
	assert_int_equal(d.y, 2026);
	assert_int_equal(d.m, 6);
	assert_int_equal(d.d, 4);
	assert_int_equal(date_parse("2024-02-29", &d), 0);
	assert_int_equal(d.m, 2);
	assert_int_equal(d.d, 29);
	assert_int_equal(date_parse("0001-01-01", &d), 0);
	assert_int_equal(d.y, 1);
}

static void parse_refuses_anything_else_and_leaves_out_alone(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"2026-2-3",    /* no leading zeros */
		"2026-02-30",  /* 30 February */
		"2026-13-01",  /* month 13 */
		"2026-00-10",  /* month 0 */
		"2026-01-00",  /* day 0 */
		"2023-02-29",  /* not a leap year */
		"2026-06-04 ", /* trailing space */
		"2026-06-04x", /* trailing character */
		"2026-06-04T09:30:00Z",
		" 2026-06-04", /* leading space */
		"2026/06/04",  /* wrong separators */
		"26-06-04",    /* two-digit year */
		"+026-06-04",  /* sign */
		"2026-0a-04",  /* letter */
		"04-06-2026",  /* day first */
		"0000-01-01",  /* year 0 */
		"",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct date d = {7, 7, 7};
		assert_int_equal(date_parse(bad[i], &d), ERR_INVALID);
		assert_int_equal(d.y, 7);
		assert_int_equal(d.m, 7);
		assert_int_equal(d.d, 7);
	}
	struct date d = {7, 7, 7};
	assert_int_equal(date_parse(NULL, &d), ERR_INVALID);
}

static void iso_and_long_forms(void **state)
{
	(void)state;
	char iso[DATE_ISO_LEN + 1];
	date_iso(D(2026, 6, 4), iso);
	assert_string_equal(iso, "2026-06-04");
	date_iso(D(987, 1, 9), iso);
	assert_string_equal(iso, "0987-01-09");

	char l[DATE_LONG_MAX];
	date_long(D(2026, 6, 4), l, sizeof(l));
	assert_string_equal(l, "4 June 2026");
	date_long(D(2026, 9, 30), l, sizeof(l));
	assert_string_equal(l, "30 September 2026");
	date_long(D(2027, 1, 1), l, sizeof(l));
	assert_string_equal(l, "1 January 2027");
	date_long(D(2026, 12, 25), l, sizeof(l));
	assert_string_equal(l, "25 December 2026");
	date_long(D(2026, 13, 1), l, sizeof(l));
	assert_string_equal(l, "");
	/* a short buffer is cut, never overrun */
	char s[5];
	date_long(D(2026, 6, 4), s, sizeof(s));
	assert_string_equal(s, "4 Ju");
}

static void cmp_orders_by_year_then_month_then_day(void **state)
{
	(void)state;
	assert_int_equal(date_cmp(D(2026, 6, 4), D(2026, 6, 4)), 0);
	assert_true(date_cmp(D(2026, 6, 3), D(2026, 6, 4)) < 0);
	assert_true(date_cmp(D(2026, 6, 4), D(2026, 6, 3)) > 0);
	assert_true(date_cmp(D(2026, 5, 31), D(2026, 6, 1)) < 0);
	assert_true(date_cmp(D(2025, 12, 31), D(2026, 1, 1)) < 0);
	assert_true(date_cmp(D(2027, 1, 1), D(2026, 12, 31)) > 0);
	/* the month outweighs the day, the year outweighs both */
	assert_true(date_cmp(D(2026, 2, 1), D(2026, 1, 31)) > 0);
	assert_true(date_cmp(D(2026, 1, 1), D(2025, 12, 31)) > 0);
}

static void add_years_keeps_the_day_and_moves_29_february_to_28(void **state)
{
	(void)state;
	struct date r = date_add_years(D(2010, 1, 15), 16);
	assert_int_equal(date_cmp(r, D(2026, 1, 15)), 0);
	r = date_add_years(D(2026, 6, 4), -25);
	assert_int_equal(date_cmp(r, D(2001, 6, 4)), 0);
	/* 2024-02-29 + 1 = 2025, a common year: 28 February */
	r = date_add_years(D(2024, 2, 29), 1);
	assert_int_equal(date_cmp(r, D(2025, 2, 28)), 0);
	/* + 4 = 2028, a leap year: stays 29 February */
	r = date_add_years(D(2024, 2, 29), 4);
	assert_int_equal(date_cmp(r, D(2028, 2, 29)), 0);
	/* 2000-02-29 + 100 = 2100, a century that is not a leap year */
	r = date_add_years(D(2000, 2, 29), 100);
	assert_int_equal(date_cmp(r, D(2100, 2, 28)), 0);
	r = date_add_years(D(2024, 2, 29), -1);
	assert_int_equal(date_cmp(r, D(2023, 2, 28)), 0);
	r = date_add_years(D(2024, 2, 28), 1);
	assert_int_equal(date_cmp(r, D(2025, 2, 28)), 0);
}

static void age_turns_over_on_the_birthday(void **state)
{
	(void)state;
	/* born 2010-06-04: on 2026-06-04, 2026 - 2010 = 16; the day before, 15 */
	assert_int_equal(date_age(D(2010, 6, 4), D(2026, 6, 4)), 16);
	assert_int_equal(date_age(D(2010, 6, 4), D(2026, 6, 3)), 15);
	assert_int_equal(date_age(D(2010, 6, 4), D(2026, 6, 5)), 16);
	/* a month earlier, the day number larger: still 15 */
	assert_int_equal(date_age(D(2010, 6, 4), D(2026, 5, 30)), 15);
	assert_int_equal(date_age(D(2010, 6, 4), D(2010, 6, 4)), 0);
	assert_int_equal(date_age(D(2010, 12, 31), D(2011, 12, 30)), 0);
	assert_int_equal(date_age(D(2010, 12, 31), D(2011, 12, 31)), 1);
}

static void age_with_a_29_february_birthday_counts_from_1_march_in_a_common_year(void **state)
{
	(void)state;
	/* born 2008-02-29; 2025 is common, so the 17th birthday is 1 March 2025 */
	assert_int_equal(date_age(D(2008, 2, 29), D(2025, 2, 28)), 16);
	assert_int_equal(date_age(D(2008, 2, 29), D(2025, 3, 1)), 17);
	/* 2024 is a leap year: the 16th birthday is 29 February itself */
	assert_int_equal(date_age(D(2008, 2, 29), D(2024, 2, 28)), 15);
	assert_int_equal(date_age(D(2008, 2, 29), D(2024, 2, 29)), 16);
	/* 2100 is common: 92 on 1 March 2100, not on 28 February (2100 - 2008 = 92) */
	assert_int_equal(date_age(D(2008, 2, 29), D(2100, 2, 28)), 91);
	assert_int_equal(date_age(D(2008, 2, 29), D(2100, 3, 1)), 92);
}

static void time_iso_writes_utc_timestamps(void **state)
{
	(void)state;
	char t[TIME_ISO_LEN + 1];
	time_iso(0, t);
	assert_string_equal(t, "1970-01-01T00:00:00.000Z");
	/*
	 * 2026-06-04T09:30:00Z: from 1970 to 2026 is 56 years with 14 leap days (1972..2024),
	 * 56 * 365 + 14 = 20454 days; then 31 + 28 + 31 + 30 + 31 + 3 = 154 days to 4 June:
	 * 20608 days * 86400 = 1780531200, plus 9.5 hours (34200 s) = 1780565400.
	 */
	time_iso(1780565400, t);
	assert_string_equal(t, "2026-06-04T09:30:00.000Z");
	assert_int_equal(strlen(t), TIME_ISO_LEN);
	/*
	 * 2000-02-29T23:59:59Z: 30 years with 7 leap days (1972..1996) = 10957 days, plus
	 * 31 + 28 = 59 days: 11016 * 86400 = 951782400, plus 86399 = 951868799.
	 */
	time_iso(951868799, t);
	assert_string_equal(t, "2000-02-29T23:59:59.000Z");
	time_iso(951868800, t);
	assert_string_equal(t, "2000-03-01T00:00:00.000Z");
}

static void time_iso_sorts_as_text_in_time_order(void **state)
{
	(void)state;
	/* 999999999 < 1000000000, though as decimal text "999999999" sorts after */
	static const int64_t ts[] = {0,          59,         60,        86399,      86400,
				     951868799,  951868800,  999999999, 1000000000, 1780565400,
				     1780565401, 4102444799, 4102444800};
	char a[TIME_ISO_LEN + 1], b[TIME_ISO_LEN + 1];
	for (size_t i = 1; i < sizeof(ts) / sizeof(ts[0]); i++) {
		time_iso(ts[i - 1], a);
		time_iso(ts[i], b);
		assert_true(strcmp(a, b) < 0);
	}
	time_iso(1000000000, a);
	assert_string_equal(a, "2001-09-09T01:46:40.000Z");
	time_iso(4102444800, a);
	assert_string_equal(a, "2100-01-01T00:00:00.000Z");
}

static void today_is_a_real_date(void **state)
{
	(void)state;
	struct date t = date_today();
	assert_true(date_valid(t.y, t.m, t.d));
	assert_true(t.y >= 2024);
	assert_true(time_now() > 1700000000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(leap_years_follow_the_gregorian_rule),
		cmocka_unit_test(month_lengths_and_ranges),
		cmocka_unit_test(parse_reads_exact_iso_dates),
		cmocka_unit_test(parse_refuses_anything_else_and_leaves_out_alone),
		cmocka_unit_test(iso_and_long_forms),
		cmocka_unit_test(cmp_orders_by_year_then_month_then_day),
		cmocka_unit_test(add_years_keeps_the_day_and_moves_29_february_to_28),
		cmocka_unit_test(age_turns_over_on_the_birthday),
		cmocka_unit_test(
			age_with_a_29_february_birthday_counts_from_1_march_in_a_common_year),
		cmocka_unit_test(time_iso_writes_utc_timestamps),
		cmocka_unit_test(time_iso_sorts_as_text_in_time_order),
		cmocka_unit_test(today_is_a_real_date),
	};
	return cmocka_run_group_tests_name("dates", tests, NULL, NULL);
}
