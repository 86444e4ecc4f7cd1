/*
 * test_sen2.c: the SEN2 return's data files and rules that need no database.
 *
 * - Each year held (reference/sen2/2026.json, 2027.json) loads, its census date is the
 *   Thursday in January that DfE set (../shared/reference/sen2.md §2.1), and the year it
 *   covers is the calendar year before.
 * - The XSD's enumerations are exactly the year file's code lists, so the schema and the
 *   checks never disagree about a code.
 * - A year that is not held, and a year file that is wrong, are refused with a reason.
 * - The codes written for our records, and week arithmetic (sen2_weeks, sen2_within).
 * - A document that breaks the schema fails sen2_xml_validate with the element named.
 *
 * Run from the repository's root (scripts/test.sh does).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "returns/internal.h"

static void census_dates_are_the_january_thursdays_dfe_set(void **state)
{
	(void)state;
	static const struct {
		int year;
		struct date census;
	} want[] = {{2026, {2026, 1, 15}}, {2027, {2027, 1, 21}}};
	for (size_t i = 0; i < 2; i++) {
		struct sen2_year y;
		char err[512] = "";
		assert_int_equal(sen2_year_load("reference", want[i].year, &y, err, sizeof(err)),
				 0);
		assert_int_equal(date_cmp(y.census, want[i].census), 0);
		assert_int_equal(date_weekday(y.census), 3); /* Thursday (Monday is 0) */
		assert_int_equal(y.from.y, want[i].year - 1);
		assert_int_equal(y.from.m, 1);
		assert_int_equal(y.from.d, 1);
		assert_int_equal(y.to.m, 12);
		assert_int_equal(y.to.d, 31);
		assert_true(sen2_code_ok(&y, "SENtype", "DS"));
		assert_true(sen2_code_ok(&y, "CeaseReason", "9"));
		assert_false(sen2_code_ok(&y, "SENtype", "NSA")); /* SEN support only */
		assert_false(sen2_code_ok(&y, "NoSuchList", "A"));
		assert_int_equal(access(y.xsd, R_OK), 0);
	}
}

static void a_year_not_held_is_refused_with_the_reason(void **state)
{
	(void)state;
	struct sen2_year y;
	char err[512] = "";
	assert_int_not_equal(sen2_year_load("reference", 2019, &y, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "2019"));
}

static void a_wrong_year_file_is_refused(void **state)
{
	(void)state;
	char dir[] = "/tmp/sen2-test-XXXXXX", path[128];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/sen2", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	static const char *const bad[] = {
		"not json", "{\"census_date\": \"2030-02-30\", \"codes\": {}}", /* no such day */
		"{\"census_date\": \"2031-01-16\", \"codes\": {}}",             /* another year */
		"{\"census_date\": \"2030-01-17\", \"codes\": {\"Sex\": [[1]]}}", /* not [code, meaning] */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		snprintf(path, sizeof(path), "%s/sen2/2030.json", dir);
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs(bad[i], f);
		fclose(f);
		struct sen2_year y;
		char err[512] = "";
		assert_int_not_equal(sen2_year_load(dir, 2030, &y, err, sizeof(err)), 0);
		assert_true(err[0] != 0);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/sen2", dir);
	rmdir(path);
	rmdir(dir);
}

/* the enumeration values of the XSD's simple type NAME, in order, joined by spaces */
static void xsd_enum(xmlXPathContextPtr ctx, const char *type, char *out, size_t n)
{
	char xp[256];
	snprintf(xp, sizeof(xp), "//xs:simpleType[@name='%sCode']//xs:enumeration/@value", type);
	xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)xp, ctx);
	out[0] = 0;
	for (int i = 0; o && o->nodesetval && i < o->nodesetval->nodeNr; i++) {
		xmlChar *v = xmlNodeGetContent(o->nodesetval->nodeTab[i]);
		size_t u = strlen(out);
		snprintf(out + u, n - u, "%s%s", u ? " " : "", (const char *)v);
		xmlFree(v);
	}
	xmlXPathFreeObject(o);
}

static void the_schema_codes_are_the_year_files_codes(void **state)
{
	(void)state;
	for (int year = 2026; year <= 2027; year++) {
		struct sen2_year y;
		char err[512] = "";
		assert_int_equal(sen2_year_load("reference", year, &y, err, sizeof(err)), 0);
		xmlDocPtr doc = xmlReadFile(y.xsd, NULL, XML_PARSE_NONET);
		assert_non_null(doc);
		xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
		xmlXPathRegisterNs(ctx, (const xmlChar *)"xs",
				   (const xmlChar *)"http://www.w3.org/2001/XMLSchema");
		for (size_t i = 0; i < y.nlists; i++) {
			char in_xsd[1024], in_file[1024] = "";
			xsd_enum(ctx, y.lists[i].name, in_xsd, sizeof(in_xsd));
			for (size_t k = 0; k < y.lists[i].n; k++) {
				size_t u = strlen(in_file);
				snprintf(in_file + u, sizeof(in_file) - u, "%s%s", u ? " " : "",
					 y.lists[i].code[k]);
			}
			if (strcmp(in_xsd, in_file) != 0)
				fail_msg("%d %s: the XSD has [%s], the year file [%s]", year,
					 y.lists[i].name, in_xsd, in_file);
		}
		xmlXPathFreeContext(ctx);
		xmlFreeDoc(doc);
	}
}

static void codes_for_our_records(void **state)
{
	(void)state;
	assert_string_equal(sen2_request_source_code("parent"), "1");
	assert_string_equal(sen2_request_source_code("young_person"), "1");
	assert_string_equal(sen2_request_source_code("setting"), "2");
	assert_string_equal(sen2_request_source_code("something else"), "5");
	assert_string_equal(sen2_request_outcome_code(SEN2_REQ_ONGOING), "");
	assert_string_equal(sen2_request_outcome_code(SEN2_REQ_NOT_ASSESS), "N");
	assert_string_equal(sen2_assessment_outcome_code(SEN2_AS_ISSUE), "Y");
	assert_string_equal(sen2_review_outcome_code("amend"), "A");
	assert_string_equal(sen2_review_outcome_code(NULL), "");
}

static void weeks_and_the_year(void **state)
{
	(void)state;
	/* 20 weeks from 2 March 2026 is 20 July; 19 July is 19 whole weeks */
	assert_int_equal(sen2_weeks("2026-03-02", "2026-07-20"), 20);
	assert_int_equal(sen2_weeks("2026-03-02", "2026-07-19"), 19);
	assert_int_equal(sen2_weeks("2026-03-02", "2026-03-01"), -1);
	assert_int_equal(sen2_weeks("2026-03-02", ""), -1);
	assert_true(sen2_within("2026-01-01", "2026-01-01", "2026-12-31"));
	assert_true(sen2_within("2026-12-31", "2026-01-01", "2026-12-31"));
	assert_false(sen2_within("2027-01-01", "2026-01-01", "2026-12-31"));
	assert_false(sen2_within("", "2026-01-01", "2026-12-31"));
}

static void a_document_that_breaks_the_schema_is_refused(void **state)
{
	(void)state;
	struct sen2_year y;
	char err[1024] = "";
	assert_int_equal(sen2_year_load("reference", 2027, &y, err, sizeof(err)), 0);
	char path[] = "/tmp/sen2-bad-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	/* Sex "X" is not a code; the rest is a valid header and person */
	fputs("<?xml version=\"1.0\"?><Message><Header><CollectionDetails><Collection>SEN2"
	      "</Collection><Year>2027</Year><ReferenceDate>2027-01-21</ReferenceDate>"
	      "</CollectionDetails><Source><SourceLevel>L</SourceLevel><LEA>202</LEA>"
	      "<SoftwareCode>sendap</SoftwareCode><Release>1</Release><SerialNo>1</SerialNo>"
	      "<DateTime>2027-02-01T10:00:00</DateTime></Source></Header><Persons><Person>"
	      "<Surname>A</Surname><Forename>B</Forename><PersonBirthDate>2015-01-01"
	      "</PersonBirthDate><Sex>X</Sex><Requests><ReceivedDate>2026-01-05</ReceivedDate>"
	      "<RequestSource>1</RequestSource><RYA>0</RYA><RequestMediation>0"
	      "</RequestMediation><RequestTribunal>0</RequestTribunal><Exported>0</Exported>"
	      "</Requests></Person></Persons></Message>",
	      f);
	fclose(f);
	assert_int_not_equal(sen2_xml_validate(y.xsd, path, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "Sex"));
	/* the same with a valid code passes */
	f = fopen(path, "r+");
	assert_non_null(f);
	char buf[4096];
	size_t len = fread(buf, 1, sizeof(buf) - 1, f);
	buf[len] = 0;
	char *x = strstr(buf, "<Sex>X</Sex>");
	assert_non_null(x);
	x[5] = 'F';
	rewind(f);
	fwrite(buf, 1, len, f);
	fclose(f);
	assert_int_equal(sen2_xml_validate(y.xsd, path, err, sizeof(err)), 0);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(census_dates_are_the_january_thursdays_dfe_set),
		cmocka_unit_test(a_year_not_held_is_refused_with_the_reason),
		cmocka_unit_test(a_wrong_year_file_is_refused),
		cmocka_unit_test(the_schema_codes_are_the_year_files_codes),
		cmocka_unit_test(codes_for_our_records),
		cmocka_unit_test(weeks_and_the_year),
		cmocka_unit_test(a_document_that_breaks_the_schema_is_refused),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	xmlCleanupParser();
	return rc;
}
