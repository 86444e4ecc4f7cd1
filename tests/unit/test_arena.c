/*
 * test_arena.c: request memory (arena.h). Every allocation is zeroed and aligned for any
 * type; requests larger than what is left of a block get a new block without losing what
 * was handed out before; strdup, strndup and printf copy into the arena; the total is
 * capped (16 MiB by default) and an allocation past the cap returns NULL, including one so
 * large that adding it to the total would overflow; release frees everything and leaves
 * the arena usable.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "platform/arena.h"

/* The alignment arena.h promises: "aligned for any type". */
#define ALIGN_ANY _Alignof(max_align_t)

static void alloc_is_aligned_for_any_type_and_zeroed(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	/* odd sizes one after another, so that a careless bump pointer would drift */
	for (size_t n = 1; n < 100; n += 7) {
		unsigned char *p = arena_alloc(&a, n);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % ALIGN_ANY, 0);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(p[i], 0);
		memset(p, 0xAB, n); /* the next allocation must still come back zeroed */
	}
	arena_release(&a);
}

static void alloc_of_zero_bytes_gives_a_distinct_pointer(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	void *p = arena_alloc(&a, 0);
	void *q = arena_alloc(&a, 0);
	assert_non_null(p);
	assert_non_null(q);
	assert_ptr_not_equal(p, q);
	arena_release(&a);
}

static void allocations_do_not_overlap(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	unsigned char *p[64];
	for (int i = 0; i < 64; i++) {
		p[i] = arena_alloc(&a, 100);
		assert_non_null(p[i]);
		memset(p[i], i, 100);
	}
	for (int i = 0; i < 64; i++)
		for (int k = 0; k < 100; k++)
			assert_int_equal(p[i][k], i);
	arena_release(&a);
}

static void growth_past_one_block_keeps_earlier_memory(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	char *first = arena_strdup(&a, "first");
	assert_non_null(first);

	/* far more than one 8 KiB block, in small and large pieces */
	unsigned char *small[40];
	for (int i = 0; i < 40; i++) {
		small[i] = arena_alloc(&a, 1000);
		assert_non_null(small[i]);
		memset(small[i], 'a' + i % 26, 1000);
	}
	unsigned char *big = arena_alloc(&a, 100000);
	assert_non_null(big);
	assert_int_equal((uintptr_t)big % ALIGN_ANY, 0);
	memset(big, 0x5A, 100000);
	char *after = arena_strdup(&a, "after");
	assert_non_null(after);

	assert_string_equal(first, "first");
	assert_string_equal(after, "after");
	for (int i = 0; i < 40; i++)
		for (int k = 0; k < 1000; k++)
			assert_int_equal(small[i][k], 'a' + i % 26);
	for (int k = 0; k < 100000; k++)
		assert_int_equal(big[k], 0x5A);
	assert_true(a.used >= 40 * 1000 + 100000);
	arena_release(&a);
}

static void strdup_and_strndup_copy_and_terminate(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	char src[] = "hello, world";
	char *d = arena_strdup(&a, src);
	char *n = arena_strndup(&a, src, 5);
	char *e = arena_strdup(&a, "");
	assert_non_null(d);
	assert_non_null(n);
	assert_non_null(e);
	assert_ptr_not_equal(d, src);
	src[0] = 'J'; /* a copy, not a reference */
	assert_string_equal(d, "hello, world");
	assert_string_equal(n, "hello");
	assert_string_equal(e, "");

	/* strndup copies exactly n bytes, NULs and all, and adds its own terminator */
	char *z = arena_strndup(&a, "ab\0cd", 5);
	assert_non_null(z);
	assert_memory_equal(z, "ab\0cd", 6);

	assert_null(arena_strdup(&a, NULL));
	assert_null(arena_strndup(&a, NULL, 3));
	arena_release(&a);
}

static void printf_formats_into_the_arena(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	char *s = arena_printf(&a, "%s-%d-%05.1f", "la", 202, 3.5);
	assert_non_null(s);
	assert_string_equal(s, "la-202-003.5");
	char *empty = arena_printf(&a, "%s", "");
	assert_non_null(empty);
	assert_string_equal(empty, "");

	/* longer than a block */
	char *long_one = arena_printf(&a, "%20000d", 7);
	assert_non_null(long_one);
	assert_int_equal(strlen(long_one), 20000);
	assert_int_equal(long_one[19999], '7');
	assert_string_equal(s, "la-202-003.5");
	arena_release(&a);
}

static void default_cap_is_16_mib(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	assert_int_equal(a.cap, ARENA_DEFAULT_CAP);
	assert_int_equal(ARENA_DEFAULT_CAP, 16u * 1024 * 1024);

	/* one byte more than the cap can never fit */
	assert_null(arena_alloc(&a, ARENA_DEFAULT_CAP + 1));
	/* exactly the cap fits once ... */
	unsigned char *all = arena_alloc(&a, ARENA_DEFAULT_CAP);
	assert_non_null(all);
	all[ARENA_DEFAULT_CAP - 1] = 1;
	/* ... and then nothing more does */
	assert_null(arena_alloc(&a, 1));
	assert_null(arena_strdup(&a, "x"));
	assert_null(arena_printf(&a, "%d", 1));
	arena_release(&a);
}

static void cap_is_reached_by_many_small_allocations(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	size_t got = 0;
	for (;;) {
		void *p = arena_alloc(&a, 4000);
		if (!p)
			break;
		got += 4000;
		assert_true(got <= ARENA_DEFAULT_CAP);
	}
	/* it stopped at the cap, not far below it: within one 8 KiB block, and the blocks
	 * were well used (two 4000-byte allocations fit in each) */
	assert_true(a.used > ARENA_DEFAULT_CAP - 8192);
	assert_true(got > ARENA_DEFAULT_CAP / 100 * 97);
	assert_true(a.used <= ARENA_DEFAULT_CAP);
	arena_release(&a);
}

static void smaller_cap_is_honoured(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 64 * 1024);
	assert_non_null(arena_alloc(&a, 60 * 1024));
	assert_null(arena_alloc(&a, 8 * 1024));
	arena_release(&a);
}

static void huge_request_after_others_returns_null(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	assert_non_null(arena_alloc(&a, 10)); /* something is already counted */
	/* sizes near SIZE_MAX must not wrap the cap check around to a small number */
	assert_null(arena_alloc(&a, SIZE_MAX));
	assert_null(arena_alloc(&a, SIZE_MAX - 15));
	assert_null(arena_alloc(&a, SIZE_MAX - 64));
	assert_null(arena_alloc(&a, SIZE_MAX / 2));
	assert_null(arena_strndup(&a, "x", SIZE_MAX - 1));
	assert_non_null(arena_alloc(&a, 10));
	arena_release(&a);
}

static void release_frees_all_and_arena_is_reusable(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	assert_non_null(arena_alloc(&a, ARENA_DEFAULT_CAP));
	assert_null(arena_alloc(&a, 1));
	arena_release(&a);
	assert_null(a.head);
	assert_int_equal(a.used, 0);
	/* the whole cap is available again */
	char *s = arena_strdup(&a, "again");
	assert_non_null(s);
	assert_string_equal(s, "again");
	arena_release(&a);
	arena_release(&a); /* releasing an empty arena is harmless */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(alloc_is_aligned_for_any_type_and_zeroed),
		cmocka_unit_test(alloc_of_zero_bytes_gives_a_distinct_pointer),
		cmocka_unit_test(allocations_do_not_overlap),
		cmocka_unit_test(growth_past_one_block_keeps_earlier_memory),
		cmocka_unit_test(strdup_and_strndup_copy_and_terminate),
		cmocka_unit_test(printf_formats_into_the_arena),
		cmocka_unit_test(default_cap_is_16_mib),
		cmocka_unit_test(cap_is_reached_by_many_small_allocations),
		cmocka_unit_test(smaller_cap_is_honoured),
		cmocka_unit_test(huge_request_after_others_returns_null),
		cmocka_unit_test(release_frees_all_and_arena_is_reusable),
	};
	return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}
