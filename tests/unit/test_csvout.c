/*
 * test_csvout.c: CSV rows (csvout.h). A file starts with the UTF-8 byte order mark; every
 * text cell is in double quotes with its quotes doubled, so commas, quotes and line breaks
 * inside a cell stay inside it; rows end with CRLF and carry no trailing comma; a text cell
 * starting with = + - @ tab or carriage return, or a full-width = + - @, gets a leading
 * single quote so a spreadsheet shows it as text, and one with such a character anywhere
 * else does not; ids, dates and codes the service made stay as they are when made only of
 * letters, digits, '-' and '_' (a base64url id may start with '-'), and are guarded like
 * text otherwise; numbers the code writes are unquoted and never prefixed, negative ones
 * included; a NULL cell is empty; a file past its maximum fails with ERR_TOOBIG.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "platform/buf.h"
#include "platform/csvout.h"
#include "platform/err.h"

#define BOM "\xEF\xBB\xBF"

/* one_cell: the row csvout_text writes for s, without the byte order mark */
static char *one_cell(const char *s)
{
	static char out[256];
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(csvout_text(&b, s), 0);
	assert_int_equal(csvout_end_row(&b), 0);
	assert_true(b.len < sizeof(out));
	memcpy(out, b.data, b.len + 1);
	buf_release(&b);
	return out;
}

static void a_file_starts_with_the_utf8_byte_order_mark(void **state)
{
	(void)state;
	struct buf b;
	csvout_init(&b);
	const char *const head[] = {"name", "date_of_birth"};
	assert_int_equal(csvout_row(&b, head, 2), 0);
	assert_string_equal(buf_cstr(&b), BOM "\"name\",\"date_of_birth\"\r\n");
	buf_release(&b);
}

static void text_is_quoted_and_its_quotes_doubled(void **state)
{
	(void)state;
	assert_string_equal(one_cell("Amara"), "\"Amara\"\r\n");
	assert_string_equal(one_cell("say \"hi\""), "\"say \"\"hi\"\"\"\r\n");
	assert_string_equal(one_cell(""), "\"\"\r\n");
	assert_string_equal(one_cell(NULL), "\"\"\r\n");
}

static void commas_and_line_breaks_stay_inside_the_cell(void **state)
{
	(void)state;
	assert_string_equal(one_cell("Smith, Jo"), "\"Smith, Jo\"\r\n");
	assert_string_equal(one_cell("line one\nline two"), "\"line one\nline two\"\r\n");
	assert_string_equal(one_cell("a\r\nb"), "\"a\r\nb\"\r\n");
}

static void each_formula_character_at_the_start_is_prefixed_with_a_quote(void **state)
{
	(void)state;
	assert_string_equal(one_cell("=HYPERLINK(\"http://x\")"),
			    "\"'=HYPERLINK(\"\"http://x\"\")\"\r\n");
	assert_string_equal(one_cell("=1+2"), "\"'=1+2\"\r\n");
	assert_string_equal(one_cell("+44 20"), "\"'+44 20\"\r\n");
	assert_string_equal(one_cell("-3"), "\"'-3\"\r\n");
	assert_string_equal(one_cell("@SUM(A1)"), "\"'@SUM(A1)\"\r\n");
	assert_string_equal(one_cell("\t=1"), "\"'\t=1\"\r\n");
	assert_string_equal(one_cell("\r=1"), "\"'\r=1\"\r\n");
}

static void full_width_formula_characters_are_prefixed_too(void **state)
{
	(void)state;
	assert_string_equal(one_cell("\xEF\xBC\x9D"
				     "1+1"),
			    "\"'\xEF\xBC\x9D"
			    "1+1\"\r\n");
	assert_string_equal(one_cell("\xEF\xBC\x8B"
				     "1"),
			    "\"'\xEF\xBC\x8B"
			    "1\"\r\n");
	assert_string_equal(one_cell("\xEF\xBC\x8D"
				     "1"),
			    "\"'\xEF\xBC\x8D"
			    "1\"\r\n");
	assert_string_equal(one_cell("\xEF\xBC\xA0"
				     "x"),
			    "\"'\xEF\xBC\xA0"
			    "x\"\r\n");
	/* another full-width character is left alone */
	assert_string_equal(one_cell("\xEF\xBC\xA1"
				     "x"),
			    "\"\xEF\xBC\xA1"
			    "x\"\r\n");
}

static void formula_characters_after_the_start_change_nothing(void **state)
{
	(void)state;
	assert_string_equal(one_cell("Mary-Jane"), "\"Mary-Jane\"\r\n");
	assert_string_equal(one_cell("a=b"), "\"a=b\"\r\n");
	assert_string_equal(one_cell(" =1"), "\" =1\"\r\n");
	assert_string_equal(one_cell("'=1"), "\"'=1\"\r\n");
}

static void ids_the_service_made_are_never_prefixed(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	/* a base64url id that starts with '-', a date, a code, an empty one */
	csvout_id(&b, "-nBdlDRtkNd1Pe-4KKdWDg");
	csvout_id(&b, "2020-04-20");
	csvout_id(&b, "decide_to_assess");
	csvout_id(&b, NULL);
	csvout_end_row(&b);
	assert_string_equal(
		buf_cstr(&b),
		"\"-nBdlDRtkNd1Pe-4KKdWDg\",\"2020-04-20\",\"decide_to_assess\",\"\"\r\n");
	buf_release(&b);
}

static void an_id_that_could_be_a_formula_is_guarded_like_text(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	csvout_id(&b, "=cmd|' /C calc'!A0");
	csvout_id(&b, "-1+1");
	csvout_id(&b, "@x");
	csvout_end_row(&b);
	assert_string_equal(buf_cstr(&b), "\"'=cmd|' /C calc'!A0\",\"'-1+1\",\"'@x\"\r\n");
	buf_release(&b);
}

static void numbers_are_unquoted_and_never_prefixed(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(csvout_number(&b, 12), 0);
	assert_int_equal(csvout_number(&b, -3), 0);
	assert_int_equal(csvout_number(&b, 0), 0);
	assert_int_equal(csvout_text(&b, "-3"), 0);
	assert_int_equal(csvout_end_row(&b), 0);
	assert_int_equal(csvout_number(&b, -9223372036854775807LL - 1), 0);
	assert_int_equal(csvout_end_row(&b), 0);
	assert_string_equal(buf_cstr(&b), "12,-3,0,\"'-3\"\r\n-9223372036854775808\r\n");
	buf_release(&b);
}

static void rows_follow_each_other_without_a_trailing_comma(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	const char *const r1[] = {"a", "b"}, *const r2[] = {"c"};
	csvout_row(&b, r1, 2);
	csvout_row(&b, r2, 1);
	csvout_text(&b, "d");
	csvout_text(&b, "");
	csvout_end_row(&b);
	assert_string_equal(buf_cstr(&b), "\"a\",\"b\"\r\n\"c\"\r\n\"d\",\"\"\r\n");
	buf_release(&b);
}

static void a_long_cell_is_written_whole(void **state)
{
	(void)state;
	size_t n = 5000;
	char *s = malloc(n + 1);
	assert_non_null(s);
	memset(s, '"', n);
	s[0] = '=';
	s[n] = '\0';
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(csvout_text(&b, s), 0);
	csvout_end_row(&b);
	/* the quote, the '=', 4999 quotes doubled, the two around and CRLF */
	assert_int_equal(b.len, 2 + 1 + 1 + 2 * (n - 1) + 2);
	assert_memory_equal(b.data, "\"'=\"\"", 5);
	buf_release(&b);
	free(s);
}

static void a_file_past_its_maximum_fails_with_toobig(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 16);
	assert_int_equal(csvout_text(&b, "0123456789"), 0);
	assert_int_equal(csvout_text(&b, "0123456789"), ERR_TOOBIG);
	assert_int_equal(csvout_number(&b, 1), ERR_TOOBIG);
	assert_int_equal(csvout_end_row(&b), ERR_TOOBIG);
	buf_release(&b);
}

/* csvout_fcell, for files: quoted, a formula defused, an id or a date left as it is */
static void file_cells_are_quoted_and_guarded_like_ids(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	assert_non_null(f);
	assert_int_equal(csvout_fcell(f, "=HYPERLINK(\"http://x\")", 0), 0);
	assert_int_equal(csvout_fcell(f, "-nBd3_x", 0), 0);
	assert_int_equal(csvout_fcell(f, "2026-01-15", 0), 0);
	assert_int_equal(csvout_fcell(f, "@SUM(A1)", 0), 0);
	assert_int_equal(csvout_fcell(f, NULL, 1), 0);
	rewind(f);
	char line[256] = "";
	assert_non_null(fgets(line, sizeof(line), f));
	fclose(f);
	assert_string_equal(line, "\"'=HYPERLINK(\"\"http://x\"\")\",\"-nBd3_x\",\"2026-01-15\","
				  "\"'@SUM(A1)\",\"\"\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_file_starts_with_the_utf8_byte_order_mark),
		cmocka_unit_test(text_is_quoted_and_its_quotes_doubled),
		cmocka_unit_test(commas_and_line_breaks_stay_inside_the_cell),
		cmocka_unit_test(each_formula_character_at_the_start_is_prefixed_with_a_quote),
		cmocka_unit_test(full_width_formula_characters_are_prefixed_too),
		cmocka_unit_test(formula_characters_after_the_start_change_nothing),
		cmocka_unit_test(ids_the_service_made_are_never_prefixed),
		cmocka_unit_test(an_id_that_could_be_a_formula_is_guarded_like_text),
		cmocka_unit_test(numbers_are_unquoted_and_never_prefixed),
		cmocka_unit_test(rows_follow_each_other_without_a_trailing_comma),
		cmocka_unit_test(a_long_cell_is_written_whole),
		cmocka_unit_test(a_file_past_its_maximum_fails_with_toobig),
		cmocka_unit_test(file_cells_are_quoted_and_guarded_like_ids),
	};
	return cmocka_run_group_tests_name("csvout", tests, NULL, NULL);
}
