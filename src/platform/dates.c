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
