/*
 * test_ids.c: opaque record ids (ids.h). id_new writes 22 characters of URL-safe base64
 * and a NUL; they decode to 16 bytes (128 bits); fresh ids differ and do not count up.
 * id_valid accepts exactly 22 characters from A-Z a-z 0-9 - _ and nothing else: not
 * NULL, not shorter or longer, not standard base64's + / or padding, not non-ASCII.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "platform/ids.h"

#define MANY 2000

static int setup(void **state)
{
	(void)state;
	return sodium_init() < 0 ? -1 : 0;
}

static void new_id_is_22_url_safe_characters_and_a_nul(void **state)
{
	(void)state;
	char id[ID_LEN + 2];
	memset(id, '#', sizeof(id));
	id_new(id);
	assert_int_equal(ID_LEN, 22);
	assert_int_equal(strlen(id), ID_LEN);
	assert_int_equal(id[ID_LEN + 1], '#'); /* nothing written past the NUL */
	for (size_t i = 0; i < ID_LEN; i++)
		assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				       "0123456789-_",
				       id[i]));
}

static void new_id_decodes_to_128_bits(void **state)
{
	(void)state;
	char id[ID_LEN + 1];
	unsigned char raw[32];
	size_t len = 0;
	id_new(id);
	assert_int_equal(sodium_base642bin(raw, sizeof(raw), id, ID_LEN, NULL, &len, NULL,
					   sodium_base64_VARIANT_URLSAFE_NO_PADDING),
			 0);
	assert_int_equal(len, 16);
}

static void new_ids_pass_id_valid(void **state)
{
	(void)state;
	for (int i = 0; i < MANY; i++) {
		char id[ID_LEN + 1];
		id_new(id);
		assert_true(id_valid(id));
	}
}

static int cmp_id(const void *a, const void *b)
{
	return memcmp(a, b, ID_LEN);
}

static void fresh_ids_are_distinct_and_vary_in_every_leading_position(void **state)
{
	(void)state;
	static char ids[MANY][ID_LEN + 1];
	for (int i = 0; i < MANY; i++)
		id_new(ids[i]);
	/* random, not counting: each of the first 21 characters takes many values */
	for (size_t pos = 0; pos < ID_LEN - 1; pos++) {
		int seen[256] = {0};
		int kinds = 0;
		for (int i = 0; i < MANY; i++)
			if (!seen[(unsigned char)ids[i][pos]]++)
				kinds++;
		if (kinds < 32)
			fail_msg("position %zu took only %d values", pos, kinds);
	}
	qsort(ids, MANY, sizeof(ids[0]), cmp_id);
	for (int i = 1; i < MANY; i++)
		assert_int_not_equal(memcmp(ids[i - 1], ids[i], ID_LEN), 0);
}

static void valid_accepts_every_character_of_the_alphabet(void **state)
{
	(void)state;
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				       "0123456789-_";
	for (size_t start = 0; start + ID_LEN <= sizeof(alphabet) - 1; start++) {
		char id[ID_LEN + 1];
		memcpy(id, alphabet + start, ID_LEN);
		id[ID_LEN] = '\0';
		assert_true(id_valid(id));
	}
	assert_true(id_valid("----------------------"));
	assert_true(id_valid("______________________"));
}

static void valid_refuses_the_wrong_length(void **state)
{
	(void)state;
	assert_false(id_valid(NULL));
	assert_false(id_valid(""));
	assert_false(id_valid("AAAAAAAAAAAAAAAAAAAAA"));   /* 21 */
	assert_true(id_valid("AAAAAAAAAAAAAAAAAAAAAA"));   /* 22 */
	assert_false(id_valid("AAAAAAAAAAAAAAAAAAAAAAA")); /* 23 */
	assert_false(id_valid("AAAAAAAAAAAAAAAAAAAAAAA=="));
}

static void valid_refuses_characters_outside_the_alphabet(void **state)
{
	(void)state;
	static const char *const bad[] =
		{
			"AAAAAAAAAAAAAAAAAAAAA+", /* standard base64 */
			"AAAAAAAAAAAAAAAAAAAAA/",       "AAAAAAAAAAAAAAAAAAAAA=", /* padding */
			"AAAAAAAAAAAAAAAAAAAAA.",       "AAAAAAAAAA AAAAAAAAAAA",
			"AAAAAAAAAAAAAAAAAAAAA%",       "AAAAAAAAAAAAAAAAAAAAA\n",
			"AAAAAAAAAAAAAAAAAAAA\xc3\xa9", /* 22 bytes, but one is 2-byte UTF-8 */
			"../../../../etc/passwd",       "1 OR 1=1; DROP TABLE x",
		};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(strlen(bad[i]), ID_LEN);
		if (id_valid(bad[i]))
			fail_msg("\"%s\" was accepted", bad[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(new_id_is_22_url_safe_characters_and_a_nul),
		cmocka_unit_test(new_id_decodes_to_128_bits),
		cmocka_unit_test(new_ids_pass_id_valid),
		cmocka_unit_test(fresh_ids_are_distinct_and_vary_in_every_leading_position),
		cmocka_unit_test(valid_accepts_every_character_of_the_alphabet),
		cmocka_unit_test(valid_refuses_the_wrong_length),
		cmocka_unit_test(valid_refuses_characters_outside_the_alphabet),
	};
	return cmocka_run_group_tests_name("ids", tests, setup, NULL);
}
