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

/* time_now: seconds since the epoch, UTC. */
int64_t time_now(void);
/* time_iso writes the timestamp for unix seconds t (out must hold TIME_ISO_LEN + 1). */
void time_iso(int64_t t, char *out);

#endif
