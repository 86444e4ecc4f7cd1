/*
 * test_buf.c: growable, capped byte buffers (buf.h). The bytes are always NUL-terminated;
 * an empty buffer reads as ""; appends up to exactly the maximum succeed and one byte more
 * fails with ERR_TOOBIG, leaving the buffer as it was; the first error sticks, so later
 * appends fail with it too; reset clears the error; release and steal leave the buffer
 * empty and reusable with the same maximum. Sizes so large that len + n + 1 would wrap
 * around are refused rather than wrapping, and a failed allocation gives ERR_NOMEM.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "platform/buf.h"
#include "platform/err.h"

/*
 * Under AddressSanitizer a malloc too large to serve aborts the process by default; the
 * out-of-memory test needs it to return NULL the way the C library does. The ASAN_OPTIONS
 * environment variable still overrides anything set here.
 */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

static void empty_buffer_reads_as_empty_string(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.err, 0);
	assert_string_equal(buf_cstr(&b), "");
	buf_release(&b);
}

static void max_of_zero_means_default_max(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(b.max, BUF_DEFAULT_MAX);
	assert_int_equal(BUF_DEFAULT_MAX, 64u * 1024 * 1024);
	buf_init(&b, 10);
	assert_int_equal(b.max, 10);
}

static void appends_accumulate_and_stay_nul_terminated(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_puts(&b, "abc"), 0);
	assert_int_equal(b.data[b.len], '\0');
	assert_int_equal(buf_putc(&b, '-'), 0);
	assert_int_equal(b.data[b.len], '\0');
	assert_int_equal(buf_append(&b, "xyz123", 3), 0);
	assert_int_equal(b.data[b.len], '\0');
	assert_int_equal(buf_printf(&b, "[%d|%s|%05.1f]", -42, "s", 2.5), 0);
	assert_int_equal(b.data[b.len], '\0');
	assert_string_equal(buf_cstr(&b), "abc-xyz[-42|s|002.5]");
	assert_int_equal(b.len, strlen("abc-xyz[-42|s|002.5]"));
	assert_int_equal(b.err, 0);
	buf_release(&b);
}

static void append_copies_embedded_nul_bytes(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_append(&b, "a\0b", 3), 0);
	assert_int_equal(buf_putc(&b, '\0'), 0);
	assert_int_equal(b.len, 4);
	assert_memory_equal(b.data, "a\0b\0", 5); /* plus the terminator */
	buf_release(&b);
}

static void append_of_zero_bytes_succeeds_and_changes_nothing(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_append(&b, NULL, 0), 0);
	assert_int_equal(buf_puts(&b, ""), 0);
	assert_int_equal(buf_printf(&b, "%s", ""), 0);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_cstr(&b), "");
	assert_int_equal(buf_puts(&b, "x"), 0);
	assert_int_equal(buf_append(&b, NULL, 0), 0);
	assert_string_equal(buf_cstr(&b), "x");
	buf_release(&b);
}

static void growth_over_many_appends_keeps_every_byte(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	for (int i = 0; i < 100000; i++)
		assert_int_equal(buf_putc(&b, (char)('a' + i % 26)), 0);
	assert_int_equal(buf_printf(&b, "%30000d", 7), 0);
	assert_int_equal(b.len, 130000);
	assert_true(b.alloc > b.len);
	for (int i = 0; i < 100000; i++)
		assert_int_equal(b.data[i], 'a' + i % 26);
	assert_int_equal(b.data[129999], '7');
	assert_int_equal(b.data[130000], '\0');
	buf_release(&b);
}

static void exactly_max_bytes_fit(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 16);
	assert_int_equal(buf_puts(&b, "0123456789"), 0);
	assert_int_equal(buf_printf(&b, "%s", "abcde"), 0);
	assert_int_equal(buf_putc(&b, 'Z'), 0);
	assert_int_equal(b.len, 16);
	assert_int_equal(b.err, 0);
	assert_string_equal(buf_cstr(&b), "0123456789abcdeZ");
	buf_release(&b);
}

static void one_byte_past_max_fails_with_toobig_and_leaves_buffer_as_it_was(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 16);
	assert_int_equal(buf_puts(&b, "0123456789abcdef"), 0);
	assert_int_equal(buf_putc(&b, 'x'), ERR_TOOBIG);
	assert_int_equal(b.err, ERR_TOOBIG);
	assert_int_equal(b.len, 16);
	assert_string_equal(buf_cstr(&b), "0123456789abcdef");
	buf_release(&b);
}

static void single_append_larger_than_max_fails_whole(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 8);
	assert_int_equal(buf_puts(&b, "ab"), 0);
	/* 7 more would make 9: nothing of it is written, not even the part that fits */
	assert_int_equal(buf_append(&b, "cdefghi", 7), ERR_TOOBIG);
	assert_int_equal(b.len, 2);
	assert_string_equal(buf_cstr(&b), "ab");
	buf_release(&b);

	buf_init(&b, 8);
	assert_int_equal(buf_puts(&b, "123456789"), ERR_TOOBIG);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_cstr(&b), "");
	buf_release(&b);
}

static void printf_past_max_fails_with_toobig_and_writes_nothing(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 10);
	assert_int_equal(buf_puts(&b, "abc"), 0);
	assert_int_equal(buf_printf(&b, "%d", 12345678), ERR_TOOBIG);
	assert_int_equal(b.len, 3);
	assert_string_equal(buf_cstr(&b), "abc");
	buf_release(&b);
}

static void first_error_sticks_and_later_appends_fail_with_it(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 4);
	assert_int_equal(buf_puts(&b, "abcde"), ERR_TOOBIG);
	/* these would fit, but the writer checks once at the end, so they must not land */
	assert_int_equal(buf_putc(&b, 'x'), ERR_TOOBIG);
	assert_int_equal(buf_puts(&b, "y"), ERR_TOOBIG);
	assert_int_equal(buf_append(&b, "z", 1), ERR_TOOBIG);
	assert_int_equal(buf_printf(&b, "%d", 1), ERR_TOOBIG);
	assert_int_equal(b.err, ERR_TOOBIG);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_cstr(&b), "");
	buf_release(&b);
}

static void printf_that_cannot_be_formatted_fails_with_invalid(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_puts(&b, "ok"), 0);
	/* in the C locale a non-ASCII wide character cannot be converted: vsnprintf fails */
	assert_int_equal(buf_printf(&b, "%ls", L"\x00e9"), ERR_INVALID);
	assert_int_equal(b.err, ERR_INVALID);
	assert_string_equal(buf_cstr(&b), "ok");
	assert_int_equal(buf_putc(&b, 'x'), ERR_INVALID);
	buf_release(&b);
}

static void failed_format_after_an_error_keeps_the_first_error(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 2);
	assert_int_equal(buf_puts(&b, "abc"), ERR_TOOBIG);
	assert_int_equal(buf_printf(&b, "%ls", L"\x00e9"), ERR_TOOBIG);
	assert_int_equal(b.err, ERR_TOOBIG);
	buf_release(&b);
}

static void reset_empties_and_clears_the_error_but_keeps_max(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 4);
	assert_int_equal(buf_puts(&b, "abcd"), 0);
	assert_int_equal(buf_putc(&b, 'e'), ERR_TOOBIG);
	buf_reset(&b);
	assert_int_equal(b.err, 0);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.max, 4);
	assert_string_equal(buf_cstr(&b), "");
	assert_int_equal(buf_puts(&b, "wxyz"), 0);
	assert_string_equal(buf_cstr(&b), "wxyz");
	assert_int_equal(buf_putc(&b, '!'), ERR_TOOBIG);
	buf_release(&b);

	struct buf never;
	buf_init(&never, 0);
	buf_reset(&never); /* resetting a buffer that never allocated is harmless */
	assert_string_equal(buf_cstr(&never), "");
	buf_release(&never);
}

static void release_frees_and_leaves_a_reusable_buffer_with_the_same_max(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 5);
	assert_int_equal(buf_puts(&b, "abcdef"), ERR_TOOBIG);
	assert_int_equal(buf_puts(&b, "x"), ERR_TOOBIG);
	buf_release(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.alloc, 0);
	assert_int_equal(b.err, 0);
	assert_int_equal(b.max, 5);
	assert_int_equal(buf_puts(&b, "abcde"), 0);
	assert_int_equal(buf_putc(&b, 'f'), ERR_TOOBIG);
	buf_release(&b);
	buf_release(&b); /* twice is harmless */
}

static void steal_hands_over_the_bytes_and_leaves_the_buffer_empty(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 100);
	assert_int_equal(buf_puts(&b, "hello"), 0);
	size_t len = 0;
	char *p = buf_steal(&b, &len);
	assert_non_null(p);
	assert_int_equal(len, 5);
	assert_string_equal(p, "hello");
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.max, 100);
	assert_string_equal(buf_cstr(&b), "");
	/* the buffer is usable again and does not share the stolen bytes */
	assert_int_equal(buf_puts(&b, "again"), 0);
	assert_string_equal(p, "hello");
	free(p);
	p = buf_steal(&b, NULL); /* len may be NULL */
	assert_string_equal(p, "again");
	free(p);
	buf_release(&b);
}

static void steal_from_an_empty_buffer_gives_an_empty_string_to_free(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	size_t len = 99;
	char *p = buf_steal(&b, &len);
	assert_non_null(p);
	assert_int_equal(len, 0);
	assert_string_equal(p, "");
	free(p); /* ASan's leak check fails the run if it was not the caller's to free */
}

static void size_that_would_wrap_around_is_refused(void **state)
{
	(void)state;
	struct buf b;
	/* with no practical maximum, len + n + 1 must still not be allowed to wrap to a
	 * small number and pass as "already allocated" */
	buf_init(&b, SIZE_MAX);
	assert_int_equal(buf_puts(&b, "abc"), 0);
	assert_int_equal(buf_append(&b, "x", SIZE_MAX - 3), ERR_TOOBIG);
	assert_string_equal(buf_cstr(&b), "abc");
	buf_release(&b);

	buf_init(&b, SIZE_MAX);
	assert_int_equal(buf_append(&b, "x", SIZE_MAX), ERR_TOOBIG);
	assert_int_equal(b.len, 0);
	buf_release(&b);
}

static void allocation_that_fails_gives_nomem_and_sticks(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, SIZE_MAX);
	assert_int_equal(buf_puts(&b, "abc"), 0);
	/* more than any allocator gives, and more than doubling the size can reach without
	 * overflowing: the growth must stop at the size needed and report the failure */
	assert_int_equal(buf_append(&b, "x", SIZE_MAX / 2 + 2), ERR_NOMEM);
	assert_int_equal(b.err, ERR_NOMEM);
	assert_string_equal(buf_cstr(&b), "abc");
	assert_int_equal(buf_putc(&b, 'd'), ERR_NOMEM);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_buffer_reads_as_empty_string),
		cmocka_unit_test(max_of_zero_means_default_max),
		cmocka_unit_test(appends_accumulate_and_stay_nul_terminated),
		cmocka_unit_test(append_copies_embedded_nul_bytes),
		cmocka_unit_test(append_of_zero_bytes_succeeds_and_changes_nothing),
		cmocka_unit_test(growth_over_many_appends_keeps_every_byte),
		cmocka_unit_test(exactly_max_bytes_fit),
		cmocka_unit_test(one_byte_past_max_fails_with_toobig_and_leaves_buffer_as_it_was),
		cmocka_unit_test(single_append_larger_than_max_fails_whole),
		cmocka_unit_test(printf_past_max_fails_with_toobig_and_writes_nothing),
		cmocka_unit_test(first_error_sticks_and_later_appends_fail_with_it),
		cmocka_unit_test(printf_that_cannot_be_formatted_fails_with_invalid),
		cmocka_unit_test(failed_format_after_an_error_keeps_the_first_error),
		cmocka_unit_test(reset_empties_and_clears_the_error_but_keeps_max),
		cmocka_unit_test(release_frees_and_leaves_a_reusable_buffer_with_the_same_max),
		cmocka_unit_test(steal_hands_over_the_bytes_and_leaves_the_buffer_empty),
		cmocka_unit_test(steal_from_an_empty_buffer_gives_an_empty_string_to_free),
		cmocka_unit_test(size_that_would_wrap_around_is_refused),
		cmocka_unit_test(allocation_that_fails_gives_nomem_and_sticks),
	};
	return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
