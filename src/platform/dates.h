/*
 * dates.h: calendar dates and timestamps.
 *
 * A date is a day in the proleptic Gregorian calendar, stored as ISO 8601 "YYYY-MM-DD"
 * and shown on pages as "4 June 2026". Timestamps are UTC "YYYY-MM-DDTHH:MM:SS.mmmZ"
 * (the form log_now_iso writes), so they sort as text in both stores.
 */
#ifndef SENDAP_DATES_H
#define SENDAP_DATES_H

#include <stddef.h>
#include <stdint.h>

struct date {
	int y, m, d;
};

#define DATE_ISO_LEN 10  /* "2026-06-04" */
#define TIME_ISO_LEN 24  /* "2026-06-04T09:30:00.000Z" */
#define DATE_LONG_MAX 24 /* "30 September 2026" and its NUL fit */

/* date_valid: 1 if y-m-d is a real day (years 1..9999; 29 February only in leap years). */
int date_valid(int y, int m, int d);
/* date_parse reads exactly "YYYY-MM-DD" into *out: 0, or ERR_INVALID. */
int date_parse(const char *s, struct date *out);
/* date_iso writes "YYYY-MM-DD" (out must hold DATE_ISO_LEN + 1). */
void date_iso(struct date d, char *out);
/* date_long writes "4 June 2026", the GOV.UK style. */
void date_long(struct date d, char *out, size_t n);
/* date_cmp: <0, 0, >0 as a is before, the same as, after b. */
int date_cmp(struct date a, struct date b);
/* date_today: today in UTC. */
struct date date_today(void);
/* date_add_years: the same day n years on; 29 February becomes 28 February. */
struct date date_add_years(struct date d, int n);
/* date_age: whole years from birth to on (a birthday on 29 February counts from 1 March
 * in a common year, as English law reads it). */
int date_age(struct date birth, struct date on);

/* date_days: days since 1970-01-01 (negative before); date_from_days is its inverse. */
int64_t date_days(struct date d);
struct date date_from_days(int64_t days);
/* date_add_days: n calendar days on (n may be negative). */
struct date date_add_days(struct date d, int64_t n);
/*
 * date_add_months: the corresponding day n months on; when that month is too short, its
 * last day (31 January + 1 month = 28 or 29 February), as English law counts a period of
 * months (the "corresponding date rule", Dodds v Walker [1981]).
 */
struct date date_add_months(struct date d, int n);
/* date_weekday: 0 Monday .. 6 Sunday. */
int date_weekday(struct date d);

/* A sorted list of days that are not working days besides weekends (bank holidays). */
struct holidays {
	const struct date *days;
	size_t n;
};
/* date_is_working_day: not a Saturday, Sunday or one of the holidays. */
int date_is_working_day(struct date d, const struct holidays *h);
/* date_add_working_days: the nth working day after d (d itself does not count). */
struct date date_add_working_days(struct date d, int n, const struct holidays *h);

/* time_now: seconds since the epoch, UTC. */
int64_t time_now(void);
/* time_iso writes the timestamp for unix seconds t (out must hold TIME_ISO_LEN + 1). */
void time_iso(int64_t t, char *out);

#endif
