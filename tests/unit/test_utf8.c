/*
 * test_utf8.c: the strict UTF-8 check (utf8.h). Well-formed UTF-8 up to U+10FFFF passes;
 * overlong forms, UTF-16 surrogates, code points past U+10FFFF, stray or missing
 * continuation bytes, sequences cut short by the end of the input, and NUL bytes are all
 * refused. Only the n bytes given are looked at. Besides worked examples, every 1-, 2- and
 * 3-byte input and a wide sample of 4-byte inputs are checked against an independent
 * decoder written from RFC 3629.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "platform/utf8.h"

static int valid(const char *s)
{
	return utf8_valid(s, strlen(s));
}

static void empty_input_is_valid(void **state)
{
	(void)state;
	assert_true(utf8_valid("", 0));
	assert_true(utf8_valid("\xff", 0)); /* nothing is read when n is 0 */
}

static void ascii_is_valid(void **state)
{
	(void)state;
	assert_true(valid("hello, world"));
	assert_true(valid("/api/v1/local-authorities/202"));
	assert_true(valid("\x01\x7f\t\r\n"));
}

static void nul_is_refused_anywhere(void **state)
{
	(void)state;
	assert_false(utf8_valid("\0", 1));
	assert_false(utf8_valid("a\0b", 3));
	assert_false(utf8_valid("ab\0", 3));
	/* encoded as an overlong pair it is refused too (modified UTF-8) */
	assert_false(utf8_valid("\xc0\x80", 2));
}

static void only_the_n_bytes_given_are_checked(void **state)
{
	(void)state;
	assert_true(utf8_valid("ab\xff", 2));
	assert_true(utf8_valid("ab\0cd", 2));
	/* but a sequence cut by n is truncated */
	assert_false(utf8_valid("\xc3\xa9", 1));
	assert_false(utf8_valid("\xe2\x82\xac", 2));
	assert_false(utf8_valid("\xf0\x9f\x98\x80", 3));
}

static void boundary_code_points_are_valid(void **state)
{
	(void)state;
	assert_true(valid("\x7f"));             /* U+007F, last 1-byte */
	assert_true(valid("\xc2\x80"));         /* U+0080, first 2-byte */
	assert_true(valid("\xdf\xbf"));         /* U+07FF, last 2-byte */
	assert_true(valid("\xe0\xa0\x80"));     /* U+0800, first 3-byte */
	assert_true(valid("\xed\x9f\xbf"));     /* U+D7FF, just below the surrogates */
	assert_true(valid("\xee\x80\x80"));     /* U+E000, just above them */
	assert_true(valid("\xef\xbf\xbd"));     /* U+FFFD */
	assert_true(valid("\xef\xbf\xbf"));     /* U+FFFF, last 3-byte */
	assert_true(valid("\xf0\x90\x80\x80")); /* U+10000, first 4-byte */
	assert_true(valid("\xf3\xbf\xbf\xbf")); /* U+FFFFF */
	assert_true(valid("\xf4\x8f\xbf\xbf")); /* U+10FFFF, the last code point */
	assert_true(valid("Caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xe4\xb8\xad"));
}

static void overlong_forms_are_refused(void **state)
{
	(void)state;
	assert_false(valid("\xc0\xaf"));             /* '/' in two bytes */
	assert_false(valid("\xc1\xbf"));             /* U+007F in two bytes */
	assert_false(valid("\xe0\x80\xaf"));         /* '/' in three */
	assert_false(valid("\xe0\x9f\xbf"));         /* U+07FF in three */
	assert_false(valid("\xf0\x80\x80\xaf"));     /* '/' in four */
	assert_false(valid("\xf0\x8f\xbf\xbf"));     /* U+FFFF in four */
	assert_false(valid("\xf8\x80\x80\x80\xaf")); /* five-byte form */
	assert_false(valid("\xfc\x80\x80\x80\x80\xaf"));
	assert_false(valid("/..\xc0\xaf..")); /* path traversal via an overlong slash */
}

static void surrogates_are_refused(void **state)
{
	(void)state;
	assert_false(valid("\xed\xa0\x80")); /* U+D800 */
	assert_false(valid("\xed\xad\xbf")); /* U+DB7F */
	assert_false(valid("\xed\xb0\x80")); /* U+DC00 */
	assert_false(valid("\xed\xbf\xbf")); /* U+DFFF */
	/* a surrogate pair written as two 3-byte sequences (CESU-8) */
	assert_false(valid("\xed\xa0\xbd\xed\xb8\x80"));
}

static void code_points_past_u10ffff_are_refused(void **state)
{
	(void)state;
	assert_false(valid("\xf4\x90\x80\x80")); /* U+110000 */
	assert_false(valid("\xf4\xbf\xbf\xbf")); /* U+13FFFF */
	assert_false(valid("\xf5\x80\x80\x80"));
	assert_false(valid("\xf7\xbf\xbf\xbf")); /* U+1FFFFF */
	assert_false(valid("\xfe"));
	assert_false(valid("\xff"));
}

static void stray_and_missing_continuation_bytes_are_refused(void **state)
{
	(void)state;
	assert_false(valid("\x80"));
	assert_false(valid("\xbf"));
	assert_false(valid("a\x80z"));
	assert_false(valid("\xc3\xa9\xa9")); /* one continuation too many */
	assert_false(valid("\xc3\x28"));     /* second byte is ASCII */
	assert_false(valid("\xc3\xc3\xa9")); /* a lead where a continuation belongs */
	assert_false(valid("\xe2\x28\xa1"));
	assert_false(valid("\xe2\x82\x28"));
	assert_false(valid("\xf0\x28\x8c\xbc"));
	assert_false(valid("\xf0\x90\x28\xbc"));
	assert_false(valid("\xf0\x90\x8c\x28"));
	assert_false(utf8_valid("\xc3\x00", 2)); /* NUL as a continuation */
}

static void sequences_cut_short_are_refused(void **state)
{
	(void)state;
	assert_false(valid("\xc3"));
	assert_false(valid("\xe2\x82"));
	assert_false(valid("\xf0\x9f\x98"));
	assert_false(valid("abc\xf0\x9f"));
	assert_false(valid("\xe2\x82"
			   "A")); /* cut short, then more text */
	assert_false(valid("\xf0\x9f\x98"
			   "AB"));
}

/* ref_valid is an independent decoder: decode, then check the code point's range. */
static int ref_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		size_t len;
		uint32_t cp, min;
		if (c == 0)
			return 0;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			len = 2, cp = c & 0x1F, min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			len = 3, cp = c & 0x0F, min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			len = 4, cp = c & 0x07, min = 0x10000;
		} else {
			return 0;
		}
		if (i + len > n)
			return 0;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += len;
	}
	return 1;
}

static void every_short_input_agrees_with_a_reference_decoder(void **state)
{
	(void)state;
	unsigned char s[4];
	for (unsigned a = 0; a < 256; a++) {
		s[0] = (unsigned char)a;
		assert_int_equal(utf8_valid((const char *)s, 1), ref_valid(s, 1));
		for (unsigned b = 0; b < 256; b++) {
			s[1] = (unsigned char)b;
			if (utf8_valid((const char *)s, 2) != ref_valid(s, 2))
				fail_msg("2 bytes %02x %02x", a, b);
			for (unsigned c = 0; c < 256; c++) {
				s[2] = (unsigned char)c;
				if (utf8_valid((const char *)s, 3) != ref_valid(s, 3))
					fail_msg("3 bytes %02x %02x %02x", a, b, c);
			}
		}
	}
}

static void four_byte_inputs_agree_with_a_reference_decoder(void **state)
{
	(void)state;
	/* every lead from 0xE0 up and every second byte; the last two from the edges */
	static const unsigned char tail[] = {0x00, 0x41, 0x7F, 0x80, 0x81, 0x8F, 0x90,
					     0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xF4, 0xFF};
	unsigned char s[4];
	size_t agreed = 0;
	for (unsigned a = 0xE0; a < 256; a++)
		for (unsigned b = 0; b < 256; b++)
			for (size_t c = 0; c < sizeof(tail); c++)
				for (size_t d = 0; d < sizeof(tail); d++) {
					s[0] = (unsigned char)a;
					s[1] = (unsigned char)b;
					s[2] = tail[c];
					s[3] = tail[d];
					if (utf8_valid((const char *)s, 4) != ref_valid(s, 4))
						fail_msg("4 bytes %02x %02x %02x %02x", a, b, s[2],
							 s[3]);
					agreed++;
				}
	assert_int_equal(agreed, 32u * 256 * sizeof(tail) * sizeof(tail));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_input_is_valid),
		cmocka_unit_test(ascii_is_valid),
		cmocka_unit_test(nul_is_refused_anywhere),
		cmocka_unit_test(only_the_n_bytes_given_are_checked),
		cmocka_unit_test(boundary_code_points_are_valid),
		cmocka_unit_test(overlong_forms_are_refused),
		cmocka_unit_test(surrogates_are_refused),
		cmocka_unit_test(code_points_past_u10ffff_are_refused),
		cmocka_unit_test(stray_and_missing_continuation_bytes_are_refused),
		cmocka_unit_test(sequences_cut_short_are_refused),
		cmocka_unit_test(every_short_input_agrees_with_a_reference_decoder),
		cmocka_unit_test(four_byte_inputs_agree_with_a_reference_decoder),
	};
	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
