/*
 * test_fields.c: the field-error list (fields.h) behind both the GOV.UK error summary and
 * the `errors` of an API problem. Errors keep the order they were added in; each records
 * the name, pointer (NULL allowed) and message it was given, by reference; a second error
 * for a name already listed is ignored so the first message stands; errors past
 * FIELD_ERRORS_MAX are dropped; field_error_for finds a message by exact name and gives
 * NULL for a name not listed or for no list at all.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "platform/fields.h"

static void new_list_is_empty_and_finds_nothing(void **state)
{
	(void)state;
	struct field_errors e = {0};
	assert_int_equal(e.n, 0);
	assert_null(field_error_for(&e, "description"));
	assert_null(field_error_for(&e, ""));
}

static void no_list_finds_nothing(void **state)
{
	(void)state;
	assert_null(field_error_for(NULL, "description"));
}

static void errors_are_kept_in_the_order_added_with_what_was_given(void **state)
{
	(void)state;
	struct field_errors e = {0};
	static const char name[] = "page", ptr[] = "/page", msg[] = "Enter the page address";
	field_error_add(&e, name, ptr, msg);
	field_error_add(&e, "description", "/description", "Enter a description of the problem");
	assert_int_equal(e.n, 2);
	/* borrowed, not copied */
	assert_ptr_equal(e.items[0].name, name);
	assert_ptr_equal(e.items[0].pointer, ptr);
	assert_ptr_equal(e.items[0].message, msg);
	assert_string_equal(e.items[1].name, "description");
	assert_string_equal(e.items[1].pointer, "/description");
	assert_string_equal(e.items[1].message, "Enter a description of the problem");
	assert_ptr_equal(field_error_for(&e, "page"), msg);
	assert_string_equal(field_error_for(&e, "description"),
			    "Enter a description of the problem");
}

static void null_pointer_is_kept_as_null(void **state)
{
	(void)state;
	struct field_errors e = {0};
	field_error_add(&e, "email", NULL, "Enter an email address");
	assert_int_equal(e.n, 1);
	assert_null(e.items[0].pointer);
	assert_string_equal(field_error_for(&e, "email"), "Enter an email address");
}

static void second_error_for_the_same_field_is_ignored(void **state)
{
	(void)state;
	struct field_errors e = {0};
	field_error_add(&e, "description", "/description", "Enter a description");
	field_error_add(&e, "page", "/page", "Enter a page");
	field_error_add(&e, "description", "/other", "Description is too long");
	/* the same name in other memory is still the same field */
	char copy[] = "description";
	field_error_add(&e, copy, "/description", "A third message");
	assert_int_equal(e.n, 2);
	assert_string_equal(field_error_for(&e, "description"), "Enter a description");
	assert_string_equal(e.items[0].pointer, "/description");
	assert_string_equal(e.items[1].name, "page");
}

static void names_are_compared_exactly(void **state)
{
	(void)state;
	struct field_errors e = {0};
	field_error_add(&e, "page", "/page", "one");
	assert_null(field_error_for(&e, "Page"));
	assert_null(field_error_for(&e, "pag"));
	assert_null(field_error_for(&e, "page2"));
	assert_null(field_error_for(&e, "page "));
	field_error_add(&e, "page2", "/page2", "two");
	field_error_add(&e, "Page", "/Page", "three");
	assert_int_equal(e.n, 3);
	assert_string_equal(field_error_for(&e, "page"), "one");
	assert_string_equal(field_error_for(&e, "page2"), "two");
	assert_string_equal(field_error_for(&e, "Page"), "three");
}

static void errors_past_the_maximum_are_dropped(void **state)
{
	(void)state;
	static char names[FIELD_ERRORS_MAX + 8][16];
	struct field_errors e = {0};
	for (size_t i = 0; i < FIELD_ERRORS_MAX + 8; i++) {
		snprintf(names[i], sizeof(names[i]), "field%zu", i);
		field_error_add(&e, names[i], NULL, names[i]);
	}
	assert_int_equal(e.n, FIELD_ERRORS_MAX);
	for (size_t i = 0; i < FIELD_ERRORS_MAX; i++) {
		assert_string_equal(e.items[i].name, names[i]);
		assert_string_equal(field_error_for(&e, names[i]), names[i]);
	}
	for (size_t i = FIELD_ERRORS_MAX; i < FIELD_ERRORS_MAX + 8; i++)
		assert_null(field_error_for(&e, names[i]));
	/* a repeat of a listed name is still ignored when the list is full */
	field_error_add(&e, names[0], NULL, "again");
	assert_int_equal(e.n, FIELD_ERRORS_MAX);
	assert_string_equal(field_error_for(&e, names[0]), names[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(new_list_is_empty_and_finds_nothing),
		cmocka_unit_test(no_list_finds_nothing),
		cmocka_unit_test(errors_are_kept_in_the_order_added_with_what_was_given),
		cmocka_unit_test(null_pointer_is_kept_as_null),
		cmocka_unit_test(second_error_for_the_same_field_is_ignored),
		cmocka_unit_test(names_are_compared_exactly),
		cmocka_unit_test(errors_past_the_maximum_are_dropped),
	};
	return cmocka_run_group_tests_name("fields", tests, NULL, NULL);
}
