/*
 * test_html.c: the escaping HTML writer (html.h). Text and attribute values escape each of
 * & < > " and ' and nothing else: every other byte, UTF-8 sequences included, passes
 * through unchanged. html_raw writes its literal as it is; html_attr writes
 * ` name="value"` and nothing for a NULL value; html_attr_flag writes ` name` only when
 * on; html_textf escapes what it formats; output past HTML_MAX sets a sticky ERR_TOOBIG.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "platform/err.h"
#include "platform/html.h"

/* text_of escapes s with html_text and returns a heap copy of the markup. */
static char *text_of(const char *s)
{
	struct html h;
	html_init(&h);
	html_text(&h, s);
	assert_int_equal(html_error(&h), 0);
	char *out = buf_steal(&h.b, NULL);
	html_release(&h);
	return out;
}

static void assert_text_escapes_to(const char *in, const char *want)
{
	char *got = text_of(in);
	assert_string_equal(got, want);
	free(got);
}

static void text_escapes_each_dangerous_character(void **state)
{
	(void)state;
	assert_text_escapes_to("&", "&amp;");
	assert_text_escapes_to("<", "&lt;");
	assert_text_escapes_to(">", "&gt;");
	assert_text_escapes_to("\"", "&quot;");
	assert_text_escapes_to("'", "&#39;");
	assert_text_escapes_to("&<>\"'", "&amp;&lt;&gt;&quot;&#39;");
	assert_text_escapes_to("a&b<c>d\"e'f", "a&amp;b&lt;c&gt;d&quot;e&#39;f");
}

static void text_escapes_a_script_injection(void **state)
{
	(void)state;
	assert_text_escapes_to("<script>alert('x')</script>",
			       "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
	assert_text_escapes_to("\"><img src=x onerror=alert(1)>",
			       "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
}

static void text_escapes_an_entity_again(void **state)
{
	(void)state;
	assert_text_escapes_to("&amp;", "&amp;amp;");
	assert_text_escapes_to("&#39;", "&amp;#39;");
	assert_text_escapes_to("&&", "&amp;&amp;");
}

static void text_passes_every_other_ascii_byte_unchanged(void **state)
{
	(void)state;
	char in[128];
	size_t n = 0;
	for (int c = 1; c < 128; c++)
		if (!strchr("&<>\"'", c))
			in[n++] = (char)c;
	in[n] = '\0';
	assert_text_escapes_to(in, in);
}

static void text_passes_utf8_through_byte_for_byte(void **state)
{
	(void)state;
	/* 2-, 3- and 4-byte sequences: é, the en dash, ≤, U+FFFD and an emoji */
	const char *s = "Caf\xc3\xa9 \xe2\x80\x93 a \xe2\x89\xa4 b \xef\xbf\xbd \xf0\x9f\x98\x80";
	assert_text_escapes_to(s, s);
	/* fullwidth less-than (U+FF1C) is not '<' and stays as it is */
	assert_text_escapes_to("\xef\xbc\x9c", "\xef\xbc\x9c");
	/* escaping next to multi-byte characters does not split them */
	assert_text_escapes_to("\xc3\xa9<\xc3\xa9", "\xc3\xa9&lt;\xc3\xa9");
}

static void text_of_null_or_empty_writes_nothing(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	html_text(&h, NULL);
	html_text(&h, "");
	html_text_n(&h, "<", 0);
	assert_int_equal(h.b.len, 0);
	assert_string_equal(buf_cstr(&h.b), "");
	assert_int_equal(html_error(&h), 0);
	html_release(&h);
}

static void text_n_escapes_exactly_n_bytes(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	html_text_n(&h, "a<b>c", 3);
	assert_string_equal(buf_cstr(&h.b), "a&lt;b");
	html_release(&h);
}

static void textf_escapes_what_it_formats(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	html_textf(&h, "%s & %d", "<b>", 42);
	assert_int_equal(html_error(&h), 0);
	assert_string_equal(buf_cstr(&h.b), "&lt;b&gt; &amp; 42");
	html_release(&h);
}

static void int_writes_decimal_including_extremes(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	html_int(&h, 0);
	html_raw(&h, " ");
	html_int(&h, -1);
	html_raw(&h, " ");
	html_int(&h, INT64_MAX);
	html_raw(&h, " ");
	html_int(&h, INT64_MIN);
	assert_string_equal(buf_cstr(&h.b), "0 -1 9223372036854775807 -9223372036854775808");
	html_release(&h);
}

static void raw_writes_its_literal_unescaped(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	html_raw(&h, "<p class=\"govuk-body\">");
	html_text(&h, "Tom & Jerry");
	html_raw(&h, "</p>");
	assert_string_equal(buf_cstr(&h.b), "<p class=\"govuk-body\">Tom &amp; Jerry</p>");
	html_release(&h);
}

static void attr_writes_name_and_escaped_value_in_double_quotes(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	html_raw(&h, "<input");
	html_attr(&h, "value", "\" onfocus=\"alert(1)");
	html_attr(&h, "title", "it's <b> & more");
	html_raw(&h, ">");
	assert_string_equal(buf_cstr(&h.b), "<input value=\"&quot; onfocus=&quot;alert(1)\""
					    " title=\"it&#39;s &lt;b&gt; &amp; more\">");
	html_release(&h);
}

static void attr_passes_utf8_through(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	html_attr(&h, "alt", "na\xc3\xafve \xf0\x9f\x98\x80");
	assert_string_equal(buf_cstr(&h.b), " alt=\"na\xc3\xafve \xf0\x9f\x98\x80\"");
	html_release(&h);
}

static void attr_with_null_value_writes_nothing_and_empty_value_writes_empty(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	html_attr(&h, "aria-describedby", NULL);
	assert_int_equal(h.b.len, 0);
	html_attr(&h, "value", "");
	assert_string_equal(buf_cstr(&h.b), " value=\"\"");
	html_release(&h);
}

static void attr_flag_writes_the_bare_name_only_when_on(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	html_attr_flag(&h, "checked", 0);
	assert_int_equal(h.b.len, 0);
	html_attr_flag(&h, "checked", 1);
	html_attr_flag(&h, "disabled", 7);
	assert_string_equal(buf_cstr(&h.b), " checked disabled");
	html_release(&h);
}

static void output_past_html_max_sets_a_sticky_toobig(void **state)
{
	(void)state;
	/* each '&' becomes five bytes, so 2 MiB of them is 10 MiB of markup, past 8 MiB */
	size_t n = (size_t)2 << 20;
	char *amps = malloc(n + 1);
	assert_non_null(amps);
	memset(amps, '&', n);
	amps[n] = '\0';
	struct html h;
	html_init(&h);
	html_text(&h, amps);
	assert_int_equal(html_error(&h), ERR_TOOBIG);
	assert_true(h.b.len <= HTML_MAX);
	size_t len = h.b.len;
	html_raw(&h, "x");
	html_text(&h, "y");
	html_int(&h, 1);
	assert_int_equal(h.b.len, len);
	assert_int_equal(html_error(&h), ERR_TOOBIG);
	html_release(&h);
	free(amps);
}

static void textf_past_html_max_sets_toobig(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	html_textf(&h, "%*d", (int)HTML_MAX + 1, 1);
	assert_int_equal(html_error(&h), ERR_TOOBIG);
	html_release(&h);
}

static void no_error_after_ordinary_writes(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	assert_int_equal(html_error(&h), 0);
	html_raw(&h, "<h1>");
	html_text(&h, "Hello");
	html_raw(&h, "</h1>");
	assert_int_equal(html_error(&h), 0);
	html_release(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_escapes_each_dangerous_character),
		cmocka_unit_test(text_escapes_a_script_injection),
		cmocka_unit_test(text_escapes_an_entity_again),
		cmocka_unit_test(text_passes_every_other_ascii_byte_unchanged),
		cmocka_unit_test(text_passes_utf8_through_byte_for_byte),
		cmocka_unit_test(text_of_null_or_empty_writes_nothing),
		cmocka_unit_test(text_n_escapes_exactly_n_bytes),
		cmocka_unit_test(textf_escapes_what_it_formats),
		cmocka_unit_test(int_writes_decimal_including_extremes),
		cmocka_unit_test(raw_writes_its_literal_unescaped),
		cmocka_unit_test(attr_writes_name_and_escaped_value_in_double_quotes),
		cmocka_unit_test(attr_passes_utf8_through),
		cmocka_unit_test(attr_with_null_value_writes_nothing_and_empty_value_writes_empty),
		cmocka_unit_test(attr_flag_writes_the_bare_name_only_when_on),
		cmocka_unit_test(output_past_html_max_sets_a_sticky_toobig),
		cmocka_unit_test(textf_past_html_max_sets_toobig),
		cmocka_unit_test(no_error_after_ordinary_writes),
	};
	return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
