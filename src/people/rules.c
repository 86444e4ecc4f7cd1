/*
 * rules.c: what makes a child's record acceptable. No I/O.
 *
 * UPN: DfE "Unique pupil numbers (UPN): guidance for schools and local authorities",
 * annex on the check letter. ULN: Learning Records Service "Unique learner number (ULN)
 * check digit" (weights 10..2, modulo 11). Compulsory school age: Education Act 1996
 * s.8 and the Education (Start of Compulsory School Age) Order; it ends on the last
 * Friday of June of the school year in which the child turns 16, and from then the
 * Children and Families Act 2014 s.80 / SEND Regulations 2014 give the young person the
 * rights and decisions the parent held.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "people/people.h"
#include "platform/err.h"

static const char upn_letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ"; /* 23: no I, O, S */

static int upn_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	const char *p = c ? strchr(upn_letters, c) : NULL;
	return p ? (int)(p - upn_letters) : -1;
}

char upn_check_letter(const char *rest12)
{
	if (!rest12 || strlen(rest12) != 12)
		return 0;
	int sum = 0;
	for (int i = 0; i < 12; i++) {
		/* characters 2..12 are digits; character 13 may be a letter (a temporary UPN) */
		int v = i < 11 ? (isdigit((unsigned char)rest12[i]) ? rest12[i] - '0' : -1)
			       : upn_value(rest12[i]);
		if (v < 0)
			return 0;
		sum += v * (i + 2);
	}
	return upn_letters[sum % 23];
}

int upn_valid(const char *s)
{
	if (!s || strlen(s) != 13)
		return 0;
	char want = upn_check_letter(s + 1);
	return want && s[0] == want;
}

int uln_valid(const char *s)
{
	if (!s || strlen(s) != 10)
		return 0;
	int sum = 0;
	for (int i = 0; i < 10; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	if (s[0] == '0')
		return 0;
	for (int i = 0; i < 9; i++)
		sum += (s[i] - '0') * (10 - i);
	int check = 10 - sum % 11;
	return check < 10 && s[9] - '0' == check;
}

/*
 * A UK postcode: outward code A9, A99, AA9, AA99, A9A or AA9A; a space; inward code 9AA.
 * The inward letters never include C, I, K, M, O or V. GIR 0AA is the one exception.
 */
int postcode_normalise(const char *in, char *out, size_t n)
{
	char c[8];
	size_t len = 0;
	if (!in)
		return ERR_INVALID;
	for (; *in; in++) {
		if (*in == ' ')
			continue;
		if (len >= 7 || !isalnum((unsigned char)*in))
			return ERR_INVALID;
		c[len++] = (char)toupper((unsigned char)*in);
	}
	if (len < 5 || n < 9)
		return ERR_INVALID;
	c[len] = '\0';
	const char *inward = c + len - 3;
	if (strcmp(c, "GIR0AA") != 0) {
		if (!isdigit((unsigned char)inward[0]) || !isalpha((unsigned char)inward[1]) ||
		    !isalpha((unsigned char)inward[2]) || strchr("CIKMOV", inward[1]) ||
		    strchr("CIKMOV", inward[2]))
			return ERR_INVALID;
		/* outward: a letter, then an optional letter, a digit, then an optional
		 * digit or letter */
		size_t ol = len - 3, i = 0;
		if (!isalpha((unsigned char)c[i++]))
			return ERR_INVALID;
		if (i < ol && isalpha((unsigned char)c[i]))
			i++;
		if (i >= ol || !isdigit((unsigned char)c[i++]))
			return ERR_INVALID;
		if (i < ol && isalnum((unsigned char)c[i]))
			i++;
		if (i != ol)
			return ERR_INVALID;
	}
	snprintf(out, n, "%.*s %s", (int)(len - 3), c, inward);
	return 0;
}

/* day_of_week: 0 Sunday .. 6 Saturday (Sakamoto's method) */
static int day_of_week(struct date d)
{
	static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
	int y = d.y - (d.m < 3);
	return (y + y / 4 - y / 100 + y / 400 + t[d.m - 1] + d.d) % 7;
}

int rights_holder_is_young_person(struct date dob, struct date today)
{
	struct date sixteen = date_add_years(dob, 16);
	/* the school year runs 1 September to 31 August */
	int year = sixteen.m >= 9 ? sixteen.y + 1 : sixteen.y;
	struct date end = {year, 6, 30};
	while (day_of_week(end) != 5)
		end.d--;
	return date_cmp(today, end) > 0;
}

/* ---- the whole record ---- */

/* put copies src into dst of n bytes, cut short if it must be (callers check lengths) */
static void put(char *dst, size_t n, const char *src)
{
	size_t l = strlen(src);
	if (l >= n)
		l = n - 1;
	memcpy(dst, src, l);
	dst[l] = '\0';
}

static size_t chars(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* trimmed: s without leading and trailing spaces, copied into out */
static const char *trimmed(const char *s, char *out, size_t n)
{
	if (!s)
		s = "";
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t len = strlen(s);
	while (len && strchr(" \t\r\n", s[len - 1]))
		len--;
	if (len >= n)
		len = n - 1;
	memcpy(out, s, len);
	out[len] = '\0';
	return out;
}

static int number(const char *s, int max_digits, int *out)
{
	char t[16];
	trimmed(s, t, sizeof(t));
	size_t len = strlen(t);
	if (len == 0 || len > (size_t)max_digits)
		return -1;
	int v = 0;
	for (size_t i = 0; i < len; i++) {
		if (!isdigit((unsigned char)t[i]))
			return -1;
		v = v * 10 + (t[i] - '0');
	}
	*out = v;
	return 0;
}

static void check_name(const char *in, char *out, size_t n, const char *field, const char *pointer,
		       const char *missing, const char *too_long, struct field_errors *errs)
{
	char t[NAME_MAX_LEN * 4 + 64];
	trimmed(in, t, sizeof(t));
	if (!*t)
		field_error_add(errs, field, pointer, missing);
	else if (chars(t) > NAME_MAX_LEN || strlen(t) >= n)
		field_error_add(errs, field, pointer, too_long);
	else
		put(out, n, t);
}

static void check_dob(const struct child_input *in, struct date today, struct child *out,
		      struct field_errors *errs)
{
	/* a whole-date error goes on the day box, a missing part on that part's box */
	const char *f = "dob-day", *p = "/date_of_birth";
	struct date d = {0, 0, 0};
	if (in->dob_iso) {
		if (!*in->dob_iso) {
			field_error_add(errs, f, p, "Enter date of birth");
			return;
		}
		if (date_parse(in->dob_iso, &d) != 0) {
			field_error_add(errs, f, p,
					"Date of birth must be a real date, written as YYYY-MM-DD");
			return;
		}
	} else {
		char a[8], b[8], c[8];
		int have_d = *trimmed(in->dob_day, a, sizeof(a)) != '\0';
		int have_m = *trimmed(in->dob_month, b, sizeof(b)) != '\0';
		int have_y = *trimmed(in->dob_year, c, sizeof(c)) != '\0';
		if (!have_d && !have_m && !have_y) {
			field_error_add(errs, f, p, "Enter date of birth");
			return;
		}
		if (!have_d || !have_m || !have_y) {
			if (!have_d)
				field_error_add(errs, "dob-day", p,
						"Date of birth must include a day");
			else if (!have_m)
				field_error_add(errs, "dob-month", p,
						"Date of birth must include a month");
			else
				field_error_add(errs, "dob-year", p,
						"Date of birth must include a year");
			return;
		}
		if (number(in->dob_day, 2, &d.d) || number(in->dob_month, 2, &d.m) ||
		    number(in->dob_year, 4, &d.y) || d.y < 1000 || !date_valid(d.y, d.m, d.d)) {
			field_error_add(errs, f, p, "Date of birth must be a real date");
			return;
		}
	}
	if (date_cmp(d, today) > 0) {
		field_error_add(errs, f, p, "Date of birth must be today or in the past");
		return;
	}
	if (date_cmp(d, date_add_years(today, -CHILD_MAX_AGE)) < 0) {
		field_error_add(errs, f, p,
				"Date of birth must be less than 25 years ago: this record is "
				"for children and young people aged 0 to 25");
		return;
	}
	out->date_of_birth = d;
}

static void check_text(const char *in, const char **out, size_t max, const char *field,
		       const char *pointer, const char *too_long, struct field_errors *errs)
{
	*out = NULL;
	if (!in || !*in)
		return;
	if (chars(in) > max)
		field_error_add(errs, field, pointer, too_long);
	else
		*out = in;
}

size_t child_check(const struct child_input *in, struct date today, struct child *out,
		   struct field_errors *errs)
{
	size_t before = errs->n;
	memset(out, 0, sizeof(*out));
	put(out->sen_status, sizeof(out->sen_status), "none");
	check_name(in->given_name, out->given_name, sizeof(out->given_name), "given-name",
		   "/given_name", "Enter their first name",
		   "First name must be 100 characters or fewer", errs);
	check_name(in->family_name, out->family_name, sizeof(out->family_name), "family-name",
		   "/family_name", "Enter their last name",
		   "Last name must be 100 characters or fewer", errs);
	check_dob(in, today, out, errs);

	char t[64];
	trimmed(in->sex, t, sizeof(t));
	if (strcmp(t, "F") == 0 || strcmp(t, "M") == 0)
		put(out->sex, sizeof(out->sex), t);
	else
		field_error_add(errs, "sex", "/sex",
				*t ? "Select female or male" : "Select their sex");

	trimmed(in->ethnicity, t, sizeof(t));
	if (*t) {
		int ok = strlen(t) == 4;
		for (size_t i = 0; ok && i < 4; i++)
			ok = isupper((unsigned char)t[i]) != 0;
		if (ok)
			put(out->ethnicity, sizeof(out->ethnicity), t);
		else
			field_error_add(errs, "ethnicity", "/ethnicity",
					"Select an ethnicity from the list");
	}

	trimmed(in->postcode, t, sizeof(t));
	/* a full buffer may have cut text off, which postcode_normalise would never see */
	if (*t && (strlen(t) == sizeof(t) - 1 ||
		   postcode_normalise(t, out->postcode, sizeof(out->postcode)) != 0))
		field_error_add(errs, "postcode", "/postcode",
				"Enter a real postcode, like SW1A 1AA");

	trimmed(in->la_code, t, sizeof(t));
	if (!*t)
		field_error_add(errs, "la-code", "/la_code",
				"Select the local authority they live in");
	else if (strlen(t) != 3 || !isdigit((unsigned char)t[0]) || !isdigit((unsigned char)t[1]) ||
		 !isdigit((unsigned char)t[2]))
		field_error_add(errs, "la-code", "/la_code",
				"Select a local authority from the list");
	else
		put(out->la_code, sizeof(out->la_code), t);

	trimmed(in->upn, t, sizeof(t));
	for (char *c = t; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	if (*t) {
		if (strlen(t) != 13)
			field_error_add(errs, "upn", "/upn",
					"Unique pupil number must be 13 characters, like "
					"A123456789012");
		else if (!upn_valid(t))
			field_error_add(errs, "upn", "/upn",
					"Enter the unique pupil number exactly as it is written: "
					"its check letter does not match");
		else
			put(out->upn, sizeof(out->upn), t);
	}

	trimmed(in->uln, t, sizeof(t));
	if (*t) {
		if (!uln_valid(t))
			field_error_add(errs, "uln", "/uln",
					"Unique learner number must be the 10 digits on their "
					"learner record");
		else
			put(out->uln, sizeof(out->uln), t);
	}

	trimmed(in->disadvantaged, t, sizeof(t));
	if (*t && strcmp(t, "yes") != 0 && strcmp(t, "no") != 0)
		field_error_add(errs, "disadvantaged", "/disadvantaged", "Select yes or no");
	out->disadvantaged = strcmp(t, "yes") == 0;

	/* counted after trimming, in a buffer big enough that a cut shows as too long */
	char lang[sizeof(out->first_language) + 64];
	trimmed(in->first_language, lang, sizeof(lang));
	if (chars(lang) > LANGUAGE_MAX_LEN || strlen(lang) >= sizeof(out->first_language))
		field_error_add(errs, "first-language", "/first_language",
				"First language must be 60 characters or fewer");
	else
		put(out->first_language, sizeof(out->first_language), lang);

	check_text(in->communication, &out->communication, TEXT_MAX_LEN, "communication",
		   "/communication",
		   "How they like to communicate must be 2000 characters or "
		   "fewer",
		   errs);
	check_text(in->admired_for, &out->admired_for, TEXT_MAX_LEN, "admired-for", "/admired_for",
		   "What people like and admire about them must be 2000 characters or fewer", errs);
	check_text(in->interests, &out->interests, TEXT_MAX_LEN, "interests", "/interests",
		   "Interests must be 2000 characters or fewer", errs);
	check_text(in->aspirations, &out->aspirations, TEXT_MAX_LEN, "aspirations", "/aspirations",
		   "Aspirations must be 2000 characters or fewer", errs);
	return errs->n - before;
}
