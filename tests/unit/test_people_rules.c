/*
 * test_people_rules.c: what makes a child's record acceptable (src/people/rules.c), with
 * every check-digit and statutory case worked out by hand in the comment beside it.
 *
 * UPN (DfE; the GovTalk "Unique Pupil Number" data standard v2.0): characters 2..13 are
 * multiplied by weights 2..13, the sum is taken mod 23, and 0..22 gives the check letter
 * from ABCDEFGHJKLMNPQRTUVWXYZ (no I, O or S). A temporary UPN ends in a letter, which
 * counts as its place in that same list (A = 0, B = 1, ... H = 7, J = 8, ... Z = 22).
 * ULN (Learning Records Service): digits 1..9 times weights 10..2, r = sum mod 11; r = 0
 * is never valid, otherwise the check digit is 10 - r; the first digit is never 0.
 * Postcodes: outward A9, A99, AA9, AA99, A9A or AA9A, inward 9AA without C I K M O V in
 * the letters, GIR 0AA. Compulsory school age ends on the last Friday in June of the
 * school year (1 September to 31 August) in which the child turns 16; from the next day
 * the young person holds the rights. child_check gives one GOV.UK message per bad field
 * and fills in nothing for a field it refuses.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "people/people.h"
#include "platform/err.h"

static struct date D(int y, int m, int d) {
	return (struct date){y, m, d};
}

/* ---- UPN ---- */

static void
upn_permanent_numbers_worked_by_hand(void **state)
{
	(void)state;
	/*
	 * B801200005001 (the example in python-stdnum's UPN module):
	 * 8*2 + 0*3 + 1*4 + 2*5 + 0*6 + 0*7 + 0*8 + 0*9 + 5*10 + 0*11 + 0*12 + 1*13
	 * = 16 + 4 + 10 + 50 + 13 = 93; 93 - 4*23 = 1 -> B
	 */
	assert_int_equal(upn_check_letter("801200005001"), 'B');
	assert_true(upn_valid("B801200005001"));
	assert_false(upn_valid("A801200005001"));
	/*
	 * 207000016049 (a school-software help page's example, whose own sum is off by one):
	 * 2*2 + 0*3 + 7*4 + 0*5 + 0*6 + 0*7 + 0*8 + 1*9 + 6*10 + 0*11 + 4*12 + 9*13
	 * = 4 + 28 + 9 + 60 + 48 + 117 = 266; 266 - 11*23 (253) = 13 -> P (A0 .. N12, P13)
	 */
	assert_int_equal(upn_check_letter("207000016049"), 'P');
	assert_true(upn_valid("P207000016049"));
	assert_false(upn_valid("Q207000016049"));
	/*
	 * 202123425679 (LA 202, establishment 1234, year 25, serial 679):
	 * 2*2 + 0*3 + 2*4 + 1*5 + 2*6 + 3*7 + 4*8 + 2*9 + 5*10 + 6*11 + 7*12 + 9*13
	 * = 4 + 0 + 8 + 5 + 12 + 21 + 32 + 18 + 50 + 66 + 84 + 117 = 417;
	 * 417 - 18*23 (414) = 3 -> D
	 */
	assert_int_equal(upn_check_letter("202123425679"), 'D');
	assert_true(upn_valid("D202123425679"));
	assert_false(upn_valid("E202123425679"));
	/* the same with serial 678: 417 - 13 = 404; 404 - 17*23 (391) = 13 -> P */
	assert_true(upn_valid("P202123425678"));
	assert_false(upn_valid("D202123425678")); /* one digit changed: the letter no longer fits */
}

static void upn_temporary_numbers_count_their_last_letter_as_its_place_in_the_list(void **state)
{
	(void)state;
	/*
	 * X00180001701A (a temporary UPN from a school-software help page):
	 * 0*2 + 0*3 + 1*4 + 8*5 + 0*6 + 0*7 + 0*8 + 1*9 + 7*10 + 0*11 + 1*12 + A(0)*13
	 * = 4 + 40 + 9 + 70 + 12 + 0 = 135; 135 - 5*23 (115) = 20 -> X
	 */
	assert_int_equal(upn_check_letter("00180001701A"), 'X');
	assert_true(upn_valid("X00180001701A"));
	/*
	 * C20212342567T: the digits give 2*2 + 0*3 + 2*4 + 1*5 + 2*6 + 3*7 + 4*8 + 2*9 + 5*10
	 * + 6*11 + 7*12 = 300; T is 16 in ABCDEFGHJKLMNPQRT (not 19, its place in the whole
	 * alphabet): 300 + 16*13 = 508; 508 - 22*23 (506) = 2 -> C.
	 * (Counting T as 19 would give 300 + 247 = 547; 547 - 23*23 = 18 -> V, which is wrong.)
	 */
	assert_int_equal(upn_check_letter("20212342567T"), 'C');
	assert_true(upn_valid("C20212342567T"));
	assert_false(upn_valid("V20212342567T"));
	/* Z is 22: 300 + 22*13 = 586; 586 - 25*23 (575) = 11 -> M */
	assert_int_equal(upn_check_letter("20212342567Z"), 'M');
	assert_true(upn_valid("M20212342567Z"));
	/* H is 7 and J is 8 (I is skipped): 300 + 8*13 = 404 -> 404 - 391 = 13 -> P */
	assert_int_equal(upn_check_letter("20212342567J"), 'P');
	/* I, O and S are never the last letter of a temporary UPN */
	assert_int_equal(upn_check_letter("20212342567I"), 0);
	assert_int_equal(upn_check_letter("20212342567O"), 0);
	assert_int_equal(upn_check_letter("20212342567S"), 0);
}

static void upn_of_the_wrong_shape_is_refused(void **state)
{
	(void)state;
	assert_false(upn_valid(NULL));
	assert_false(upn_valid(""));
	assert_false(upn_valid("D20212342567"));   /* 12 characters */
	assert_false(upn_valid("D2021234256790")); /* 14 */
	assert_false(upn_valid("d202123425679"));  /* lower-case check letter */
	assert_false(upn_valid("D2021234256a9"));  /* a letter before the 13th character */
	assert_false(upn_valid("D20212342567t"));  /* lower-case temporary letter */
	assert_false(upn_valid("I202123425679"));  /* I is never a check letter */
	assert_false(upn_valid("D202123425 79"));
	assert_int_equal(upn_check_letter(NULL), 0);
	assert_int_equal(upn_check_letter("20212342567"), 0);
	assert_int_equal(upn_check_letter("2021234256790"), 0);
	assert_int_equal(upn_check_letter("2021234256-9"), 0);
}

/* ---- ULN ---- */

static void uln_numbers_worked_by_hand(void **state)
{
	(void)state;
	/*
	 * 9276308686 (HESA's example): 9*10 + 2*9 + 7*8 + 6*7 + 3*6 + 0*5 + 8*4 + 6*3 + 8*2
	 * = 90 + 18 + 56 + 42 + 18 + 0 + 32 + 18 + 16 = 290; 290 - 26*11 (286) = 4;
	 * 10 - 4 = 6, the last digit
	 */
	assert_true(uln_valid("9276308686"));
	assert_false(uln_valid("9276308685"));
	assert_false(uln_valid("9276308687"));
	/*
	 * 123456789?: 1*10 + 2*9 + 3*8 + 4*7 + 5*6 + 6*5 + 7*4 + 8*3 + 9*2
	 * = 10 + 18 + 24 + 28 + 30 + 30 + 28 + 24 + 18 = 210; 210 - 19*11 (209) = 1;
	 * 10 - 1 = 9
	 */
	assert_true(uln_valid("1234567899"));
	assert_false(uln_valid("1234567890"));
	/* 100000000?: 1*10 = 10; 10 mod 11 = 10; 10 - 10 = 0 */
	assert_true(uln_valid("1000000000"));
	assert_false(uln_valid("1000000001"));
}

static void uln_with_remainder_zero_is_never_valid(void **state)
{
	(void)state;
	/* 100000006?: 1*10 + 6*2 = 22 = 2*11, remainder 0: no check digit can make it valid */
	char s[] = "100000006?";
	for (char c = '0'; c <= '9'; c++) {
		s[9] = c;
		assert_false(uln_valid(s));
	}
	/* 100000005?: 10 + 10 = 20; 20 - 11 = 9; 10 - 9 = 1 */
	assert_true(uln_valid("1000000051"));
}

static void uln_of_the_wrong_shape_is_refused(void **state)
{
	(void)state;
	assert_false(uln_valid(NULL));
	assert_false(uln_valid(""));
	assert_false(uln_valid("927630868"));   /* 9 digits */
	assert_false(uln_valid("92763086860")); /* 11 */
	assert_false(uln_valid("927630868a"));
	assert_false(uln_valid(" 927630868"));
	/* a leading 0: 0*10 + 1*9 = 9; 10 - 9 = 1 would fit, but no ULN starts with 0 */
	assert_false(uln_valid("0100000001"));
}

/* ---- postcodes ---- */

static void postcodes_of_every_shape_are_normalised(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"SW1A 1AA", "SW1A 1AA"}, /* AA9A */
		{"sw1a1aa", "SW1A 1AA"},  {"  sw1a  1aa ", "SW1A 1AA"},
		{"M1 1AE", "M1 1AE"},                               /* A9 */
		{"B33 8TH", "B33 8TH"},                             /* A99 */
		{"CR2 6XH", "CR2 6XH"},                             /* AA9 */
		{"DN55 1PT", "DN55 1PT"},                           /* AA99 */
		{"GIR 0AA", "GIR 0AA"},                             /* the exception */
		{"gir0aa", "GIR 0AA"},    {"EC1A 1BB", "EC1A 1BB"}, /* AA9A */
		{"W1A 0AX", "W1A 0AX"},                             /* A9A */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char out[9] = "";
		assert_int_equal(postcode_normalise(cases[i][0], out, sizeof(out)), 0);
		assert_string_equal(out, cases[i][1]);
	}
}

static void postcodes_of_the_wrong_shape_are_refused(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"ZZ1",      /* no inward code */
		"SW1A 1CA", /* C is never an inward letter */
		"SW1A 1AC",  "SW1A 1IA", "SW1A 1KA", "SW1A 1MA",
		"SW1A 1OA",  "SW1A 1VA", "123", /* digits only */
		"SW1A 1AAA",                    /* too long */
		"SW1AB 1AA",                    /* outward too long */
		"",                             /* empty */
		"   ",       "SW1A-1AA",        /* a dash */
		"1W1A 1AA",                     /* outward starts with a digit */
		"SWA 1AA",                      /* no digit in the outward code */
		"SW1A AAA",                     /* inward starts with a letter */
		"SW1A 11A",                     /* inward digit where a letter goes */
		"GIR 0AB",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char out[9] = "x";
		assert_int_equal(postcode_normalise(bad[i], out, sizeof(out)), ERR_INVALID);
		assert_string_equal(out, "x");
	}
	char out[9];
	assert_int_equal(postcode_normalise(NULL, out, sizeof(out)), ERR_INVALID);
	/* out too small for "SW1A 1AA" and its NUL */
	char small[8];
	assert_int_equal(postcode_normalise("SW1A 1AA", small, sizeof(small)), ERR_INVALID);
}

/* ---- compulsory school age ---- */

static void young_person_from_the_day_after_the_last_friday_of_june(void **state)
{
	(void)state;
	/*
	 * Born 2010-01-15: 16 on 2026-01-15, in the school year 2025/26, which ends in June
	 * 2026. 1 January 2026 is a Thursday; 26 June is day 31+28+31+30+31+26 = 177, and
	 * (177 - 1) mod 7 = 1, so a Friday; 30 June (day 181) is a Tuesday, so 26 June is the
	 * last Friday. Still the parent on 26 June; the young person from 27 June.
	 */
	assert_false(rights_holder_is_young_person(D(2010, 1, 15), D(2026, 6, 26)));
	assert_true(rights_holder_is_young_person(D(2010, 1, 15), D(2026, 6, 27)));
	assert_false(rights_holder_is_young_person(D(2010, 1, 15), D(2026, 1, 15)));
	assert_true(rights_holder_is_young_person(D(2010, 1, 15), D(2030, 1, 1)));
	/* born 2010-08-31: 16 on 2026-08-31, the last day of 2025/26: the same end date */
	assert_false(rights_holder_is_young_person(D(2010, 8, 31), D(2026, 6, 26)));
	assert_true(rights_holder_is_young_person(D(2010, 8, 31), D(2026, 6, 27)));
	/* born 2010-07-01: 16 on 2026-07-01, after the end date but in the same school year:
	 * the young person from 27 June 2026, before the birthday (Education Act 1996 s.8) */
	assert_true(rights_holder_is_young_person(D(2010, 7, 1), D(2026, 6, 27)));
	/*
	 * Born 2010-09-01: 16 on 2026-09-01, the first day of 2026/27, which ends in June
	 * 2027. 1 January 2027 is a Friday (2026 has 365 days: Thursday + 1); 25 June 2027 is
	 * day 151 + 25 = 176, (176 - 1) mod 7 = 0, a Friday; 30 June (day 181) is a Wednesday.
	 */
	assert_false(rights_holder_is_young_person(D(2010, 9, 1), D(2026, 6, 27)));
	assert_false(rights_holder_is_young_person(D(2010, 9, 1), D(2027, 6, 25)));
	assert_true(rights_holder_is_young_person(D(2010, 9, 1), D(2027, 6, 26)));
}

static void young_person_with_a_29_february_birthday(void **state)
{
	(void)state;
	/*
	 * Born 2008-02-29: 16 on 2024-02-29 (a leap year), school year 2023/24. 1 January 2024
	 * is a Monday; 30 June 2024 is day 31+29+31+30+31+30 = 182, (182 - 1) mod 7 = 6, a
	 * Sunday, so the last Friday is 28 June.
	 */
	assert_false(rights_holder_is_young_person(D(2008, 2, 29), D(2024, 6, 28)));
	assert_true(rights_holder_is_young_person(D(2008, 2, 29), D(2024, 6, 29)));
	/*
	 * Born 2084-02-29: 2100 is not a leap year, so 16 on 28 February 2100, school year
	 * 2099/2100. 1 January 2100: 36525 days after Saturday 1 January 2000 (25 leap years),
	 * 36525 mod 7 = 6, a Friday; 30 June is day 181, 180 mod 7 = 5, a Wednesday; the last
	 * Friday is 25 June 2100.
	 */
	assert_false(rights_holder_is_young_person(D(2084, 2, 29), D(2100, 6, 25)));
	assert_true(rights_holder_is_young_person(D(2084, 2, 29), D(2100, 6, 26)));
}

/* ---- child_check ---- */

#define TODAY D(2026, 6, 4)

static struct child_input valid_input(void)
{
	return (struct child_input){
		.given_name = "Ava",
		.family_name = "Okafor",
		.dob_day = "15",
		.dob_month = "1",
		.dob_year = "2010",
		.sex = "F",
		.ethnicity = "WBRI",
		.postcode = "sw1a1aa",
		.la_code = "202",
		.upn = "D202123425679",
		.uln = "9276308686",
		.disadvantaged = "yes",
		.first_language = "English",
		.communication = "Signs and pictures",
		.admired_for = "Kindness",
		.interests = "Trains",
		.aspirations = "To drive one",
	};
}

static size_t check(const struct child_input *in, struct child *c, struct field_errors *e)
{
	memset(e, 0, sizeof(*e));
	memset(c, 0x5a, sizeof(*c)); /* child_check must clear what it does not fill */
	return child_check(in, TODAY, c, e);
}

static void assert_only_error(const struct field_errors *e, const char *name, const char *pointer,
			      const char *message)
{
	assert_int_equal(e->n, 1);
	assert_string_equal(e->items[0].name, name);
	assert_string_equal(e->items[0].pointer, pointer);
	assert_string_equal(e->items[0].message, message);
}

/* repeat writes unit count times into buf (static, so a failed case leaks nothing). */
static char *repeat(char *buf, size_t n, const char *unit, size_t count)
{
	size_t ul = strlen(unit);
	assert_true(ul * count < n);
	for (size_t i = 0; i < count; i++)
		memcpy(buf + i * ul, unit, ul);
	buf[ul * count] = '\0';
	return buf;
}

static char b1[8200], b2[8200], b3[8200], b4[8200], b5[8200];
#define REPEAT(b, unit, count) repeat(b, sizeof(b), unit, count)

static void valid_record_is_filled_in(void **state)
{
	(void)state;
	struct child_input in = valid_input();
	struct child c;
	struct field_errors e;
	assert_int_equal(check(&in, &c, &e), 0);
	assert_string_equal(c.id, "");
	assert_string_equal(c.given_name, "Ava");
	assert_string_equal(c.family_name, "Okafor");
	assert_int_equal(date_cmp(c.date_of_birth, D(2010, 1, 15)), 0);
	assert_string_equal(c.sex, "F");
	assert_string_equal(c.ethnicity, "WBRI");
	assert_string_equal(c.postcode, "SW1A 1AA");
	assert_string_equal(c.la_code, "202");
	assert_string_equal(c.upn, "D202123425679");
	assert_string_equal(c.uln, "9276308686");
	assert_int_equal(c.disadvantaged, 1);
	assert_string_equal(c.first_language, "English");
	assert_string_equal(c.primary_need, "");
	assert_string_equal(c.sen_status, "none");
	assert_ptr_equal(c.communication, in.communication);
	assert_ptr_equal(c.admired_for, in.admired_for);
	assert_ptr_equal(c.interests, in.interests);
	assert_ptr_equal(c.aspirations, in.aspirations);
}

static void optional_fields_may_be_left_out(void **state)
{
	(void)state;
	struct child_input in = valid_input();
	in.ethnicity = "";
	in.postcode = NULL;
	in.upn = "  ";
	in.uln = NULL;
	in.disadvantaged = NULL;
	in.first_language = NULL;
	in.communication = NULL;
	in.admired_for = "";
	in.interests = NULL;
	in.aspirations = NULL;
	struct child c;
	struct field_errors e;
	assert_int_equal(check(&in, &c, &e), 0);
	assert_string_equal(c.ethnicity, "");
	assert_string_equal(c.postcode, "");
	assert_string_equal(c.upn, "");
	assert_string_equal(c.uln, "");
	assert_int_equal(c.disadvantaged, 0);
	assert_string_equal(c.first_language, "");
	assert_null(c.communication);
	assert_null(c.admired_for);
	assert_null(c.interests);
	assert_null(c.aspirations);
}

static void values_are_trimmed_and_upn_upper_cased(void **state)
{
	(void)state;
	struct child_input in = valid_input();
	in.given_name = "  Ava \t";
	in.family_name = "\nOkafor ";
	in.sex = " M ";
	in.la_code = " 202 ";
	in.upn = " d202123425679 ";
	in.uln = " 9276308686\r\n";
	in.disadvantaged = " no ";
	in.first_language = "  Welsh  ";
	struct child c;
	struct field_errors e;
	assert_int_equal(check(&in, &c, &e), 0);
	assert_string_equal(c.given_name, "Ava");
	assert_string_equal(c.family_name, "Okafor");
	assert_string_equal(c.sex, "M");
	assert_string_equal(c.la_code, "202");
	assert_string_equal(c.upn, "D202123425679");
	assert_string_equal(c.uln, "9276308686");
	assert_int_equal(c.disadvantaged, 0);
	assert_string_equal(c.first_language, "Welsh");
}

static void names_are_required(void **state)
{
	(void)state;
	struct child_input in = valid_input();
	struct child c;
	struct field_errors e;
	in.given_name = " \t ";
	assert_int_equal(check(&in, &c, &e), 1);
	assert_only_error(&e, "given-name", "/given_name", "Enter their first name");
	assert_string_equal(c.given_name, "");
	in = valid_input();
	in.family_name = NULL;
	assert_int_equal(check(&in, &c, &e), 1);
	assert_only_error(&e, "family-name", "/family_name", "Enter their last name");
	assert_string_equal(c.family_name, "");
}

static void names_may_be_100_characters_counted_in_utf8(void **state)
{
	(void)state;
	struct child_input in = valid_input();
	struct child c;
	struct field_errors e;
	/* 100 x "é" is 200 bytes but 100 characters; 100 x a 4-byte emoji is 400 bytes */
	char *e100 = REPEAT(b1, "\xc3\xa9", 100), *e101 = REPEAT(b2, "\xc3\xa9", 101);
	char *f100 = REPEAT(b3, "\xf0\x9f\x98\x80", 100), *a101 = REPEAT(b4, "a", 101);
	char *a500 = REPEAT(b5, "a", 500);
	in.given_name = e100;
	in.family_name = f100;
	assert_int_equal(check(&in, &c, &e), 0);
	assert_string_equal(c.given_name, e100);
	assert_string_equal(c.family_name, f100);

	in.given_name = e101;
	assert_int_equal(check(&in, &c, &e), 1);
	assert_only_error(&e, "given-name", "/given_name",
			  "First name must be 100 characters or fewer");
	assert_string_equal(c.given_name, "");

	in = valid_input();
	in.family_name = a101;
	assert_int_equal(check(&in, &c, &e), 1);
	assert_only_error(&e, "family-name", "/family_name",
			  "Last name must be 100 characters or fewer");
	assert_string_equal(c.family_name, "");
	in.family_name = a500;
	assert_int_equal(check(&in, &c, &e), 1);
	assert_only_error(&e, "family-name", "/family_name",
			  "Last name must be 100 characters or fewer");
}

static void date_of_birth_parts_must_all_be_given(void **state)
{
	(void)state;
	struct child_input in = valid_input();
	struct child c;
	struct field_errors e;
	in.dob_day = in.dob_month = in.dob_year = "";
	assert_int_equal(check(&in, &c, &e), 1);
	assert_only_error(&e, "dob-day", "/date_of_birth", "Enter date of birth");
	in.dob_day = NULL;
	in.dob_month = " ";
	in.dob_year = NULL;
	assert_int_equal(check(&in, &c, &e), 1);
	assert_only_error(&e, "dob-day", "/date_of_birth", "Enter date of birth");

	in = valid_input();
	in.dob_day = " ";
	assert_int_equal(check(&in, &c, &e), 1);
	assert_only_error(&e, "dob-day", "/date_of_birth", "Date of birth must include a day");
	in = valid_input();
	in.dob_month = NULL;
	assert_int_equal(check(&in, &c, &e), 1);
	assert_only_error(&e, "dob-month", "/date_of_birth", "Date of birth must include a month");
	in = valid_input();
	in.dob_year = "";
	assert_int_equal(check(&in, &c, &e), 1);
	assert_only_error(&e, "dob-year", "/date_of_birth", "Date of birth must include a year");
	assert_int_equal(c.date_of_birth.y, 0);
	assert_int_equal(c.date_of_birth.m, 0);
	assert_int_equal(c.date_of_birth.d, 0);
	/* day and month missing: the first missing part is named */
	in = valid_input();
	in.dob_day = "";
	in.dob_month = "";
	assert_int_equal(check(&in, &c, &e), 1);
	assert_only_error(&e, "dob-day", "/date_of_birth", "Date of birth must include a day");
}

static void date_of_birth_must_be_a_real_date(void **state)
{
	(void)state;
	static const char *const bad[][3] = {
		{"30", "2", "2012"}, {"29", "2", "2011"},  {"31", "4", "2012"},
		{"1", "13", "2012"}, {"0", "1", "2012"},   {"1", "0", "2012"},
		{"a", "1", "2012"},  {"1", "1", "12"},     {"1", "1", "999"},
		{"1", "1", "20120"}, {"123", "1", "2012"}, {"1.5", "1", "2012"},
		{"-1", "1", "2012"}, {"1", "1", "2 012"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct child_input in = valid_input();
		struct child c;
		struct field_errors e;
		in.dob_day = bad[i][0];
		in.dob_month = bad[i][1];
		in.dob_year = bad[i][2];
		assert_int_equal(check(&in, &c, &e), 1);
		assert_only_error(&e, "dob-day", "/date_of_birth",
				  "Date of birth must be a real date");
		assert_int_equal(c.date_of_birth.y, 0);
	}
	/* 29 February 2012 is real (2012 = 4 * 503); leading zeros and spaces are fine */
	struct child_input in = valid_input();
	struct child c;
	struct field_errors e;
	in.dob_day = " 29 ";
	in.dob_month = "02";
	in.dob_year = "2012";
	assert_int_equal(check(&in, &c, &e), 0);
	assert_int_equal(date_cmp(c.date_of_birth, D(2012, 2, 29)), 0);
}

static void date_of_birth_from_the_api_is_iso(void **state)
{
	(void)state;
	struct child_input in = valid_input();
	struct child c;
	struct field_errors e;
	in.dob_day = in.dob_month = in.dob_year = NULL;
	in.dob_iso = "2010-01-15";
	assert_int_equal(check(&in, &c, &e), 0);
	assert_int_equal(date_cmp(c.date_of_birth, D(2010, 1, 15)), 0);
	in.dob_iso = "";
	assert_int_equal(check(&in, &c, &e), 1);
	assert_only_error(&e, "dob-day", "/date_of_birth", "Enter date of birth");
	in.dob_iso = "15/01/2010";
	assert_int_equal(check(&in, &c, &e), 1);
	assert_only_error(&e, "dob-day", "/date_of_birth",
			  "Date of birth must be a real date, written as YYYY-MM-DD");
	in.dob_iso = "2011-02-29";
	assert_int_equal(check(&in, &c, &e), 1);
	assert_only_error(&e, "dob-day", "/date_of_birth",
			  "Date of birth must be a real date, written as YYYY-MM-DD");
	assert_int_equal(c.date_of_birth.y, 0);
}

static void date_of_birth_must_be_in_the_past_and_less_than_25_years_ago(void **state)
{
	(void)state;
	struct child_input in = valid_input();
	struct child c;
	struct field_errors e;
	in.dob_day = in.dob_month = in.dob_year = NULL;
	/* today, 4 June 2026, is the latest */
	in.dob_iso = "2026-06-04";
	assert_int_equal(check(&in, &c, &e), 0);
	in.dob_iso = "2026-06-05";
	assert_int_equal(check(&in, &c, &e), 1);
	assert_only_error(&e, "dob-day", "/date_of_birth",
			  "Date of birth must be today or in the past");
	assert_int_equal(c.date_of_birth.y, 0);
	/* 2026 - 25 = 2001: exactly 25 years ago today, 4 June 2001, is accepted */
	in.dob_iso = "2001-06-04";
	assert_int_equal(check(&in, &c, &e), 0);
	assert_int_equal(date_cmp(c.date_of_birth, D(2001, 6, 4)), 0);
	/* one day more, 3 June 2001, is refused */
	in.dob_iso = "2001-06-03";
	assert_int_equal(check(&in, &c, &e), 1);
	assert_only_error(&e, "dob-day", "/date_of_birth",
			  "Date of birth must be less than 25 years ago: this record is for "
			  "children and young people aged 0 to 25");
	assert_int_equal(c.date_of_birth.y, 0);
	/* the same through the three boxes */
	in.dob_iso = NULL;
	in.dob_day = "3";
	in.dob_month = "6";
	in.dob_year = "2001";
	assert_int_equal(check(&in, &c, &e), 1);
	assert_string_equal(e.items[0].name, "dob-day");
	in.dob_day = "4";
	assert_int_equal(check(&in, &c, &e), 0);
}

static void sex_is_f_or_m(void **state)
{
	(void)state;
	struct child_input in = valid_input();
	struct child c;
	struct field_errors e;
	in.sex = "";
	assert_int_equal(check(&in, &c, &e), 1);
	assert_only_error(&e, "sex", "/sex", "Select their sex");
	in.sex = NULL;
	assert_int_equal(check(&in, &c, &e), 1);
	assert_only_error(&e, "sex", "/sex", "Select their sex");
	static const char *const bad[] = {"f", "X", "FM", "female", "U"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		in.sex = bad[i];
		assert_int_equal(check(&in, &c, &e), 1);
		assert_only_error(&e, "sex", "/sex", "Select female or male");
		assert_string_equal(c.sex, "");
	}
}

static void ethnicity_is_four_capital_letters(void **state)
{
	(void)state;
	static const char *const bad[] = {"wbri", "WBR", "WBRIX", "WBR1", "W RI", "WBR\xc3\x8d"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct child_input in = valid_input();
		struct child c;
		struct field_errors e;
		in.ethnicity = bad[i];
		assert_int_equal(check(&in, &c, &e), 1);
		assert_only_error(&e, "ethnicity", "/ethnicity",
				  "Select an ethnicity from the list");
		assert_string_equal(c.ethnicity, "");
	}
}

static void postcode_when_given_must_be_real(void **state)
{
	(void)state;
	static const char *const bad[] = {"ZZ1", "SW1A 1CA", "123", "SW1A-1AA", "SW1A 1AAA"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct child_input in = valid_input();
		struct child c;
		struct field_errors e;
		in.postcode = bad[i];
		assert_int_equal(check(&in, &c, &e), 1);
		assert_only_error(&e, "postcode", "/postcode",
				  "Enter a real postcode, like SW1A 1AA");
		assert_string_equal(c.postcode, "");
	}
}

static void postcode_with_text_beyond_the_buffer_is_refused(void **state)
{
	(void)state;
	/* a real postcode, 60 spaces, then junk: the junk must not be dropped unseen */
	char s[128];
	memset(s, ' ', sizeof(s));
	memcpy(s, "SW1A 1AA", 8);
	memcpy(s + 68, "ZZ", 3);
	struct child_input in = valid_input();
	struct child c;
	struct field_errors e;
	in.postcode = s;
	assert_int_equal(check(&in, &c, &e), 1);
	assert_only_error(&e, "postcode", "/postcode", "Enter a real postcode, like SW1A 1AA");
	assert_string_equal(c.postcode, "");
}

static void la_code_is_required_and_three_digits(void **state)
{
	(void)state;
	struct child_input in = valid_input();
	struct child c;
	struct field_errors e;
	in.la_code = " ";
	assert_int_equal(check(&in, &c, &e), 1);
	assert_only_error(&e, "la-code", "/la_code", "Select the local authority they live in");
	static const char *const bad[] = {"20", "2020", "20a", "E09000007"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		in.la_code = bad[i];
		assert_int_equal(check(&in, &c, &e), 1);
		assert_only_error(&e, "la-code", "/la_code",
				  "Select a local authority from the list");
		assert_string_equal(c.la_code, "");
	}
}

static void upn_length_is_told_apart_from_its_check_letter(void **state)
{
	(void)state;
	struct child_input in = valid_input();
	struct child c;
	struct field_errors e;
	static const char *const short_or_long[] = {"D20212342567", "D2021234256790", "D"};
	for (size_t i = 0; i < sizeof(short_or_long) / sizeof(short_or_long[0]); i++) {
		in.upn = short_or_long[i];
		assert_int_equal(check(&in, &c, &e), 1);
		assert_only_error(&e, "upn", "/upn",
				  "Unique pupil number must be 13 characters, like A123456789012");
		assert_string_equal(c.upn, "");
	}
	/* 13 characters, but the letter for 202123425679 is D (worked above), not E */
	in.upn = "E202123425679";
	assert_int_equal(check(&in, &c, &e), 1);
	assert_only_error(&e, "upn", "/upn",
			  "Enter the unique pupil number exactly as it is written: its check "
			  "letter does not match");
	assert_string_equal(c.upn, "");
	/* a temporary UPN is accepted, upper-cased */
	in.upn = "c20212342567t";
	assert_int_equal(check(&in, &c, &e), 0);
	assert_string_equal(c.upn, "C20212342567T");
}

static void uln_when_given_must_check(void **state)
{
	(void)state;
	static const char *const bad[] = {"9276308685", "927630868", "0100000001", "1000000060",
					  "ULN"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct child_input in = valid_input();
		struct child c;
		struct field_errors e;
		in.uln = bad[i];
		assert_int_equal(check(&in, &c, &e), 1);
		assert_only_error(&e, "uln", "/uln",
				  "Unique learner number must be the 10 digits on their learner "
				  "record");
		assert_string_equal(c.uln, "");
	}
}

static void disadvantaged_is_yes_or_no(void **state)
{
	(void)state;
	static const char *const bad[] = {"Yes", "y", "1", "true", "maybe"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct child_input in = valid_input();
		struct child c;
		struct field_errors e;
		in.disadvantaged = bad[i];
		assert_int_equal(check(&in, &c, &e), 1);
		assert_only_error(&e, "disadvantaged", "/disadvantaged", "Select yes or no");
		assert_int_equal(c.disadvantaged, 0);
	}
}

static void first_language_may_be_60_characters(void **state)
{
	(void)state;
	struct child_input in = valid_input();
	struct child c;
	struct field_errors e;
	char *a60 = REPEAT(b1, "a", 60), *a61 = REPEAT(b2, "a", 61);
	/* 60 characters of two-byte UTF-8 (120 bytes) are 60 characters all the same */
	char *e60 = REPEAT(b3, "\xc3\xa9", 60), *e61 = REPEAT(b4, "\xc3\xa9", 61);
	char padded[80];
	memset(padded, ' ', sizeof(padded));
	memcpy(padded + 10, a60, 60);
	padded[79] = '\0';

	in.first_language = a60;
	assert_int_equal(check(&in, &c, &e), 0);
	assert_string_equal(c.first_language, a60);
	in.first_language = e60;
	assert_int_equal(check(&in, &c, &e), 0);
	assert_string_equal(c.first_language, e60);
	/* spaces around it are trimmed before counting */
	in.first_language = padded;
	assert_int_equal(check(&in, &c, &e), 0);
	assert_string_equal(c.first_language, a60);

	in.first_language = a61;
	assert_int_equal(check(&in, &c, &e), 1);
	assert_only_error(&e, "first-language", "/first_language",
			  "First language must be 60 characters or fewer");
	assert_string_equal(c.first_language, "");
	in.first_language = e61;
	assert_int_equal(check(&in, &c, &e), 1);
	assert_only_error(&e, "first-language", "/first_language",
			  "First language must be 60 characters or fewer");
	assert_string_equal(c.first_language, "");
}

static void text_fields_may_be_2000_characters(void **state)
{
	(void)state;
	static const struct {
		size_t field;
		const char *name, *pointer, *message;
	} fields[] = {
		{offsetof(struct child_input, communication), "communication", "/communication",
		 "How they like to communicate must be 2000 characters or fewer"},
		{offsetof(struct child_input, admired_for), "admired-for", "/admired_for",
		 "What people like and admire about them must be 2000 characters or fewer"},
		{offsetof(struct child_input, interests), "interests", "/interests",
		 "Interests must be 2000 characters or fewer"},
		{offsetof(struct child_input, aspirations), "aspirations", "/aspirations",
		 "Aspirations must be 2000 characters or fewer"},
	};
	/* 2000 characters of "é" are 4000 bytes */
	char *ok = REPEAT(b1, "\xc3\xa9", 2000), *over = REPEAT(b2, "a", 2001);
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		struct child_input in = valid_input();
		struct child c;
		struct field_errors e;
		const char **slot = (const char **)((char *)&in + fields[i].field);
		*slot = ok;
		assert_int_equal(check(&in, &c, &e), 0);
		*slot = over;
		assert_int_equal(check(&in, &c, &e), 1);
		assert_only_error(&e, fields[i].name, fields[i].pointer, fields[i].message);
	}
	struct child_input in = valid_input();
	struct child c;
	struct field_errors e;
	in.communication = ok;
	in.interests = over;
	assert_int_equal(check(&in, &c, &e), 1);
	assert_ptr_equal(c.communication, ok);
	assert_null(c.interests);
}

static void every_bad_field_is_reported_once_in_form_order(void **state)
{
	(void)state;
	struct child_input in = {
		.given_name = "",
		.family_name = "",
		.dob_day = "",
		.sex = "x",
		.ethnicity = "x",
		.postcode = "x",
		.la_code = "x",
		.upn = "x",
		.uln = "x",
		.disadvantaged = "x",
	};
	static const char *const names[] = {"given-name", "family-name",  "dob-day", "sex",
					    "ethnicity",  "postcode",     "la-code", "upn",
					    "uln",        "disadvantaged"};
	struct child c;
	struct field_errors e;
	assert_int_equal(check(&in, &c, &e), 10);
	for (size_t i = 0; i < 10; i++)
		assert_string_equal(e.items[i].name, names[i]);
	/* nothing of a refused field reaches the record */
	assert_string_equal(c.given_name, "");
	assert_string_equal(c.sex, "");
	assert_string_equal(c.ethnicity, "");
	assert_string_equal(c.postcode, "");
	assert_string_equal(c.la_code, "");
	assert_string_equal(c.upn, "");
	assert_string_equal(c.uln, "");
	assert_int_equal(c.disadvantaged, 0);
	/* errors already in the list are kept and not counted */
	assert_int_equal(child_check(&in, TODAY, &c, &e), 0);
	assert_int_equal(e.n, 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(upn_permanent_numbers_worked_by_hand),
		cmocka_unit_test(
			upn_temporary_numbers_count_their_last_letter_as_its_place_in_the_list),
		cmocka_unit_test(upn_of_the_wrong_shape_is_refused),
		cmocka_unit_test(uln_numbers_worked_by_hand),
		cmocka_unit_test(uln_with_remainder_zero_is_never_valid),
		cmocka_unit_test(uln_of_the_wrong_shape_is_refused),
		cmocka_unit_test(postcodes_of_every_shape_are_normalised),
		cmocka_unit_test(postcodes_of_the_wrong_shape_are_refused),
		cmocka_unit_test(young_person_from_the_day_after_the_last_friday_of_june),
		cmocka_unit_test(young_person_with_a_29_february_birthday),
		cmocka_unit_test(valid_record_is_filled_in),
		cmocka_unit_test(optional_fields_may_be_left_out),
		cmocka_unit_test(values_are_trimmed_and_upn_upper_cased),
		cmocka_unit_test(names_are_required),
		cmocka_unit_test(names_may_be_100_characters_counted_in_utf8),
		cmocka_unit_test(date_of_birth_parts_must_all_be_given),
		cmocka_unit_test(date_of_birth_must_be_a_real_date),
		cmocka_unit_test(date_of_birth_from_the_api_is_iso),
		cmocka_unit_test(date_of_birth_must_be_in_the_past_and_less_than_25_years_ago),
		cmocka_unit_test(sex_is_f_or_m),
		cmocka_unit_test(ethnicity_is_four_capital_letters),
		cmocka_unit_test(postcode_when_given_must_be_real),
		cmocka_unit_test(postcode_with_text_beyond_the_buffer_is_refused),
		cmocka_unit_test(la_code_is_required_and_three_digits),
		cmocka_unit_test(upn_length_is_told_apart_from_its_check_letter),
		cmocka_unit_test(uln_when_given_must_check),
		cmocka_unit_test(disadvantaged_is_yes_or_no),
		cmocka_unit_test(first_language_may_be_60_characters),
		cmocka_unit_test(text_fields_may_be_2000_characters),
		cmocka_unit_test(every_bad_field_is_reported_once_in_form_order),
	};
	return cmocka_run_group_tests_name("people_rules", tests, NULL, NULL);
}
