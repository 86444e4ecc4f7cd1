/* dates.c: calendar arithmetic for ISO dates; see dates.h. */
#include "platform/dates.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "platform/err.h"

static const char *const month_names[] = {"January",   "February", "March",    "April",
					  "May",       "June",     "July",     "August",
					  "September", "October",  "November", "December"};

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap(y) ? 29 : days[m - 1];
}

int date_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int date_parse(const char *s, struct date *out)
{
	struct date d;
	if (!s || strlen(s) != DATE_ISO_LEN || s[4] != '-' || s[7] != '-' || digits(s, 4, &d.y) ||
	    digits(s + 5, 2, &d.m) || digits(s + 8, 2, &d.d) || !date_valid(d.y, d.m, d.d))
		return ERR_INVALID;
	*out = d;
	return 0;
}

void date_iso(struct date d, char *out)
{
	snprintf(out, DATE_ISO_LEN + 1, "%04u-%02u-%02u", (unsigned)d.y % 10000u,
		 (unsigned)d.m % 100u, (unsigned)d.d % 100u);
}

void date_long(struct date d, char *out, size_t n)
{
	if (d.m < 1 || d.m > 12) {
		snprintf(out, n, "%s", "");
		return;
	}
	snprintf(out, n, "%d %s %d", d.d, month_names[d.m - 1], d.y);
}

int date_cmp(struct date a, struct date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

struct date date_today(void)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	return (struct date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

struct date date_add_years(struct date d, int n)
{
	struct date r = {d.y + n, d.m, d.d};
	if (r.m == 2 && r.d == 29 && !leap(r.y))
		r.d = 28;
	return r;
}

int date_age(struct date birth, struct date on)
{
	int age = on.y - birth.y;
	/* a 29 February birthday falls on 1 March in a common year */
	int bm = birth.m, bd = birth.d;
	if (bm == 2 && bd == 29 && !leap(on.y)) {
		bm = 3;
		bd = 1;
	}
	if (on.m < bm || (on.m == bm && on.d < bd))
		age--;
	return age;
}

/* days from civil (Howard Hinnant's algorithm, public domain) */
int64_t date_days(struct date d)
{
	int64_t y = d.y - (d.m <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct date date_from_days(int64_t z)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t dd = doy - (153 * mp + 2) / 5 + 1;
	int64_t mm = mp + (mp < 10 ? 3 : -9);
	return (struct date){(int)(y + (mm <= 2)), (int)mm, (int)dd};
}

struct date date_add_days(struct date d, int64_t n)
{
	return date_from_days(date_days(d) + n);
}

struct date date_add_months(struct date d, int n)
{
	int total = d.y * 12 + (d.m - 1) + n;
	struct date r = {total / 12, total % 12 + 1, d.d};
	int last = days_in_month(r.y, r.m);
	if (r.d > last)
		r.d = last;
	return r;
}

int date_weekday(struct date d)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0) */
	int64_t w = (date_days(d) + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

static int is_holiday(struct date d, const struct holidays *h)
{
	size_t lo = 0, hi = h ? h->n : 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = date_cmp(h->days[mid], d);
		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

int date_is_working_day(struct date d, const struct holidays *h)
{
	return date_weekday(d) < 5 && !is_holiday(d, h);
}

struct date date_add_working_days(struct date d, int n, const struct holidays *h)
{
	while (n > 0) {
		d = date_add_days(d, 1);
		if (date_is_working_day(d, h))
			n--;
	}
	return d;
}

int64_t time_now(void)
{
	return (int64_t)time(NULL);
}

void time_iso(int64_t t, char *out)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	snprintf(out, TIME_ISO_LEN + 1, "%04u-%02u-%02uT%02u:%02u:%02u.000Z",
		 (unsigned)(tm.tm_year + 1900) % 10000u, (unsigned)(tm.tm_mon + 1) % 100u,
		 (unsigned)tm.tm_mday % 100u, (unsigned)tm.tm_hour % 100u,
		 (unsigned)tm.tm_min % 100u, (unsigned)tm.tm_sec % 100u);
}
