/*
 * test_site_rules.c: what makes an accessibility problem report acceptable
 * (report_validate in src/site/rules.c), as worked examples at the limits.
 *
 * The description is required: empty, missing or only spaces, tabs and line breaks is
 * "Enter a description of the problem". It may be up to 2000 characters (not bytes: é and
 * emoji count once); 2001 is "Description must be 2000 characters or fewer". The page is
 * optional (NULL or empty is fine); when given it must be a path: start with one '/', not
 * "//" (another host), and hold no spaces, tabs or line breaks; it may be up to 200
 * characters. Each bad field gets one error, page before description, with the form field
 * name and the JSON pointer of the same field.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "site/site.h"

#define ENTER_DESCRIPTION "Enter a description of the problem"
#define DESCRIPTION_TOO_LONG "Description must be 2000 characters or fewer"
#define PAGE_NOT_A_PATH "Enter the page address as a path starting with /, like /accessibility"
#define PAGE_TOO_LONG "Page address must be 200 characters or fewer"

/* repeat returns a heap string: prefix, then unit written count times. */
static char *repeat(const char *prefix, const char *unit, size_t count)
{
	size_t pl = strlen(prefix), ul = strlen(unit);
	char *s = malloc(pl + ul * count + 1);
	assert_non_null(s);
	memcpy(s, prefix, pl);
	for (size_t i = 0; i < count; i++)
		memcpy(s + pl + i * ul, unit, ul);
	s[pl + ul * count] = '\0';
	return s;
}

/* check validates and returns the number of errors, leaving them in *e. */
static size_t check(const char *page, const char *description, struct field_errors *e)
{
	memset(e, 0, sizeof(*e));
	report_validate(page, description, e);
	return e->n;
}

static void assert_only_error(const struct field_errors *e, const char *name, const char *msg)
{
	assert_int_equal(e->n, 1);
	assert_string_equal(e->items[0].name, name);
	assert_non_null(e->items[0].pointer);
	assert_int_equal(e->items[0].pointer[0], '/');
	assert_string_equal(e->items[0].pointer + 1, name);
	assert_string_equal(e->items[0].message, msg);
}

static void ordinary_report_is_accepted(void **state)
{
	(void)state;
	struct field_errors e;
	assert_int_equal(check("/accessibility", "The skip link is hidden behind the header.", &e),
			 0);
	assert_int_equal(check(NULL, "x", &e), 0);
	assert_int_equal(check("", "x", &e), 0);
	assert_int_equal(check("/", "x", &e), 0);
	assert_int_equal(check("/accessibility/report?x=1#top", "x", &e), 0);
}

static void empty_description_asks_for_one(void **state)
{
	(void)state;
	struct field_errors e;
	check(NULL, "", &e);
	assert_only_error(&e, "description", ENTER_DESCRIPTION);
	check(NULL, NULL, &e);
	assert_only_error(&e, "description", ENTER_DESCRIPTION);
}

static void whitespace_only_description_counts_as_blank(void **state)
{
	(void)state;
	struct field_errors e;
	const char *blanks[] = {" ", "   ", "\t", "\r\n", "\n\n\n", " \t\r\n \t\r\n"};
	for (size_t i = 0; i < sizeof(blanks) / sizeof(blanks[0]); i++) {
		check("/", blanks[i], &e);
		assert_only_error(&e, "description", ENTER_DESCRIPTION);
	}
	/* one visible character among the spaces is enough */
	assert_int_equal(check("/", "  .  ", &e), 0);
	assert_int_equal(check("/", "\n\xc3\xa9\n", &e), 0);
}

static void whitespace_only_description_of_max_plus_one_is_blank_not_too_long(void **state)
{
	(void)state;
	struct field_errors e;
	char *spaces = repeat("", " ", REPORT_DESCRIPTION_MAX + 1);
	check(NULL, spaces, &e);
	assert_only_error(&e, "description", ENTER_DESCRIPTION);
	free(spaces);
}

static void description_of_exactly_2000_characters_is_accepted(void **state)
{
	(void)state;
	struct field_errors e;
	assert_int_equal(REPORT_DESCRIPTION_MAX, 2000);
	char *s = repeat("", "a", 2000);
	assert_int_equal(check(NULL, s, &e), 0);
	free(s);
}

static void description_of_2001_characters_is_too_long(void **state)
{
	(void)state;
	struct field_errors e;
	char *s = repeat("", "a", 2001);
	check(NULL, s, &e);
	assert_only_error(&e, "description", DESCRIPTION_TOO_LONG);
	free(s);
	/* spaces count too: 1998 letters between two spaces fit, two spaces and 1999 do not */
	s = repeat(" ", "b", 1998);
	size_t len = strlen(s);
	char *t = realloc(s, len + 2);
	assert_non_null(t);
	t[len] = ' ';
	t[len + 1] = '\0';
	assert_int_equal(check(NULL, t, &e), 0);
	free(t);
	s = repeat("  ", "b", 1999);
	check(NULL, s, &e);
	assert_only_error(&e, "description", DESCRIPTION_TOO_LONG);
	free(s);
}

static void description_length_counts_characters_not_bytes(void **state)
{
	(void)state;
	struct field_errors e;
	/* é is 2 bytes, € is 3, the emoji is 4: 2000 of each fit, 2001 do not */
	static const char *const units[] = {"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80"};
	for (size_t i = 0; i < 3; i++) {
		char *ok = repeat("", units[i], 2000);
		assert_int_equal(check(NULL, ok, &e), 0);
		free(ok);
		char *over = repeat("", units[i], 2001);
		check(NULL, over, &e);
		assert_only_error(&e, "description", DESCRIPTION_TOO_LONG);
		free(over);
	}
}

static void page_of_exactly_200_characters_is_accepted(void **state)
{
	(void)state;
	struct field_errors e;
	assert_int_equal(REPORT_PAGE_MAX, 200);
	char *page = repeat("/", "p", 199);
	assert_int_equal(strlen(page), 200);
	assert_int_equal(check(page, "x", &e), 0);
	free(page);
	page = repeat("/", "\xc3\xa9", 199); /* 200 characters, 399 bytes */
	assert_int_equal(check(page, "x", &e), 0);
	free(page);
}

static void page_of_201_characters_is_too_long(void **state)
{
	(void)state;
	struct field_errors e;
	char *page = repeat("/", "p", 200);
	check(page, "x", &e);
	assert_only_error(&e, "page", PAGE_TOO_LONG);
	free(page);
	page = repeat("/", "\xf0\x9f\x98\x80", 200);
	check(page, "x", &e);
	assert_only_error(&e, "page", PAGE_TOO_LONG);
	free(page);
}

static void page_that_is_not_a_local_path_is_refused(void **state)
{
	(void)state;
	struct field_errors e;
	static const char *const bad[] = {
		"accessibility",
		"https://example.com/",
		"//example.com/x",
		"//",
		" /accessibility",
		"/a b",
		"/a\tb",
		"/a\nb",
		"/a\r",
		"\t",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		check(bad[i], "x", &e);
		assert_only_error(&e, "page", PAGE_NOT_A_PATH);
	}
}

static void page_that_is_both_not_a_path_and_too_long_gets_one_error(void **state)
{
	(void)state;
	struct field_errors e;
	char *page = repeat("x", "p", 300);
	check(page, "x", &e);
	assert_only_error(&e, "page", PAGE_NOT_A_PATH);
	free(page);
}

static void both_fields_bad_give_two_errors_page_first(void **state)
{
	(void)state;
	struct field_errors e;
	assert_int_equal(check("nope", "   ", &e), 2);
	assert_string_equal(e.items[0].name, "page");
	assert_string_equal(e.items[0].pointer, "/page");
	assert_string_equal(e.items[0].message, PAGE_NOT_A_PATH);
	assert_string_equal(e.items[1].name, "description");
	assert_string_equal(e.items[1].pointer, "/description");
	assert_string_equal(e.items[1].message, ENTER_DESCRIPTION);
}

static void earlier_error_for_a_field_is_kept(void **state)
{
	(void)state;
	/* the API adds a type error first ("must be text"); validation does not replace it */
	struct field_errors e = {0};
	field_error_add(&e, "description", "/description", "Description must be text");
	report_validate(NULL, "", &e);
	assert_int_equal(e.n, 1);
	assert_string_equal(e.items[0].message, "Description must be text");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ordinary_report_is_accepted),
		cmocka_unit_test(empty_description_asks_for_one),
		cmocka_unit_test(whitespace_only_description_counts_as_blank),
		cmocka_unit_test(whitespace_only_description_of_max_plus_one_is_blank_not_too_long),
		cmocka_unit_test(description_of_exactly_2000_characters_is_accepted),
		cmocka_unit_test(description_of_2001_characters_is_too_long),
		cmocka_unit_test(description_length_counts_characters_not_bytes),
		cmocka_unit_test(page_of_exactly_200_characters_is_accepted),
		cmocka_unit_test(page_of_201_characters_is_too_long),
		cmocka_unit_test(page_that_is_not_a_local_path_is_refused),
		cmocka_unit_test(page_that_is_both_not_a_path_and_too_long_gets_one_error),
		cmocka_unit_test(both_fields_bad_give_two_errors_page_first),
		cmocka_unit_test(earlier_error_for_a_field_is_kept),
	};
	return cmocka_run_group_tests_name("site_rules", tests, NULL, NULL);
}
