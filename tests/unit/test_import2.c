/*
 * test_import2.c: the columns of `sendap import` that feed the SEN2 return (docs/import.md,
 * docs/sen2.md): children's upn_unknown and secondary_need, requests' rya, placements'
 * sen_unit, resourced_provision, residential and work_based. On SQLite, and on PostgreSQL
 * too when SENDAP_TEST_PG_URL is set.
 *
 * They are stored on insert and on update; importing the same files again changes nothing,
 * and a change in one of them alone updates the record; a bad value in each is reported
 * with its column named and the file imports nothing; a child with no UPN, ULN or reason
 * goes in (the return's check E03 reports it); every code of the 2027 return's lists is
 * taken; a file in the layout before these columns is refused at its header.
 */
#include <sodium.h>

#include "import_fixture.h"
#include "platform/log.h"
#include "returns/sen2.h"

static const char settings_file[] = SETTING_HEADER
	"S1,Riverside Primary School,100001,10012345,01,2,NW1 1AA,4,11,420,yes,yes\r\n"
	"S2,Hill House Special School,100002,,07,,NW3 2BB,,,,no,no\r\n";

/* N1 has a reason for no UPN and two needs; N2 has no UPN, no ULN and no reason */
static const char children_file[] =
	CHILD_HEADER "N1,Ayo,Bello,2015-03-14,M,,,,,,,ASD,ehcp,,,,,UN1,SLCN\r\n"
		     "N2,Bea,Cole,2016-04-01,F,,,,,,,,,,,,,,\r\n";

static const char requests_file[] = REQUEST_HEADER "Q1,N1,parent,2024-01-08,,,,,,,,,yes\r\n"
						   "Q2,N2,setting,2025-05-01,,,,,,,,,N\r\n";

static const char placements_file[] = PLACEMENT_HEADER "L1,N1,S1,2019-09-04,,yes,yes,1,A,S\r\n"
						       "L2,N2,S2,2021-09-01,,no,,,,\r\n";

/* import_ok: body imported as kind with no problem; its counts in f->n */
static void import_ok(struct fixture *f, const char *kind, const char *body)
{
	int rc = import(f, kind, kind, body, 0);
	if (rc != 0)
		print_error("%s: %s\n", kind, f->report);
	assert_int_equal(rc, 0);
	assert_int_equal(f->n.rejected, 0);
}

/* import_files: the four files; each row added (added) or found unchanged */
static void import_files(struct fixture *f, int added)
{
	const char *kinds[] = {"settings", "children", "requests", "placements"};
	const char *bodies[] = {settings_file, children_file, requests_file, placements_file};
	for (size_t i = 0; i < 4; i++) {
		import_ok(f, kinds[i], bodies[i]);
		assert_int_equal(f->n.rows, 2);
		assert_int_equal(added ? f->n.added : f->n.unchanged, 2);
	}
}

/* rows: the first column of every row of sql, each followed by a space */
static void rows(struct fixture *f, const char *sql, char *out, size_t n)
{
	struct db_stmt *st = NULL;
	size_t used = 0;
	out[0] = '\0';
	assert_int_equal(db_prepare(f->db, sql, &st), 0);
	while (db_step(st) == DB_ROW && used < n)
		used += (size_t)snprintf(out + used, n - used, "%s ", db_column_text(st, 0));
	db_reset(st);
}

/* sen2_columns: the new columns of every record, in one string */
static void sen2_columns(struct fixture *f, char *out, size_t n)
{
	char c[160], r[160], p[160];
	rows(f,
	     "SELECT given_name || ':' || coalesce(upn_unknown, '-') || ':' ||"
	     " coalesce(secondary_need, '-') FROM child ORDER BY given_name",
	     c, sizeof(c));
	rows(f,
	     "SELECT requested_on || ':' || CAST(rya AS TEXT) FROM assessment_case ORDER BY"
	     " requested_on",
	     r, sizeof(r));
	rows(f,
	     "SELECT started_on || ':' || CAST(sen_unit AS TEXT) || CAST(resourced_provision AS"
	     " TEXT) || coalesce(residential, '-') || coalesce(work_based, '-') FROM"
	     " child_setting ORDER BY started_on",
	     p, sizeof(p));
	snprintf(out, n, "%s| %s| %s", c, r, p);
}

static void the_sen2_columns_are_stored_and_a_child_without_upn_goes_in(void **state)
{
	struct fixture *f = *state;
	import_files(f, 1);
	char v[512];
	sen2_columns(f, v, sizeof(v));
	assert_string_equal(v, "Ayo:UN1:SLCN Bea:-:- | 2024-01-08:1 2025-05-01:0 |"
			       " 2019-09-04:11AS 2021-09-01:00-- ");
	assert_int_equal(count(f, "SELECT count(*) FROM child WHERE upn IS NULL AND uln IS NULL"
				  " AND upn_unknown IS NULL"),
			 1);
}

static void importing_again_changes_nothing_and_a_new_column_alone_updates(void **state)
{
	struct fixture *f = *state;
	import_files(f, 1);
	int64_t audit = count(f, "SELECT count(*) FROM audit_event");
	char before[512], after[512], ids[256], ids_after[256];
	static const char ids_sql[] = "SELECT id FROM child UNION ALL SELECT id FROM"
				      " assessment_case ORDER BY 1";
	sen2_columns(f, before, sizeof(before));
	rows(f, ids_sql, ids, sizeof(ids));
	import_files(f, 0);
	sen2_columns(f, after, sizeof(after));
	assert_string_equal(before, after);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_event"), audit);

	/* a change in one of the new columns only is a changed row: the same records updated */
	import_ok(f, "children",
		  CHILD_HEADER "N1,Ayo,Bello,2015-03-14,M,,,,,,,ASD,ehcp,,,,,UN3,\r\n"
			       "N2,Bea,Cole,2016-04-01,F,,,,,,,,,,,,,,HI\r\n");
	assert_int_equal(f->n.updated, 2);
	import_ok(f, "requests",
		  REQUEST_HEADER "Q1,N1,parent,2024-01-08,,,,,,,,,no\r\n"
				 "Q2,N2,setting,2025-05-01,,,,,,,,,\r\n");
	assert_int_equal(f->n.updated, 1);
	assert_int_equal(f->n.unchanged, 1); /* an empty rya is no, as "N" was */
	import_ok(f, "placements",
		  PLACEMENT_HEADER "L1,N1,S1,2019-09-04,,yes,no,1,B,\r\n"
				   "L2,N2,S2,2021-09-01,,no,,,,T\r\n");
	assert_int_equal(f->n.updated, 2);
	sen2_columns(f, after, sizeof(after));
	assert_string_equal(after, "Ayo:UN3:- Bea:-:HI | 2024-01-08:0 2025-05-01:0 |"
				   " 2019-09-04:01B- 2021-09-01:00-T ");
	rows(f, ids_sql, ids_after, sizeof(ids_after));
	assert_string_equal(ids, ids_after);
	assert_int_equal(count(f, "SELECT count(*) FROM child_setting"), 2);
}

static void a_bad_value_in_each_new_column_is_reported_by_column(void **state)
{
	struct fixture *f = *state;
	import_ok(f, "settings", settings_file);
	assert_int_equal(import(f, "children", "in",
				CHILD_HEADER "B1,Al,One,2015-01-01,F,,,,,,,ASD,,,,,,UN9,\r\n"
					     "B2,Bo,Two,2015-01-01,M,,,,,,,ASD,,,,,,un1,NOPE\r\n"
					     "B3,Cy,Three,2015-01-01,M,,,,,,,ASD,,,,,,,NSA\r\n"
					     "B4,Di,Four,2015-01-01,F,,,,,,,ASD,,,,,,,ASD\r\n",
				0),
			 ERR_INVALID);
	has(f, ":2:upn_unknown: value \"UN9\": unknown code: use one of UN1, UN2, UN3, UN4, UN5");
	has(f, ":3:upn_unknown: value \"un1\": unknown code");
	has(f, ":3:secondary_need: value \"NOPE\": unknown code: not one of the SEN2 need type");
	has(f, ":4:secondary_need: value \"NSA\": not a secondary need");
	has(f, ":5:secondary_need: value \"ASD\": the same as primary_need");
	assert_int_equal(f->n.rejected, 4);
	assert_int_equal(count(f, "SELECT count(*) FROM child"), 0);

	import_ok(f, "children", children_file);
	assert_int_equal(import(f, "requests", "in",
				REQUEST_HEADER "Q1,N1,parent,2024-01-08,,,,,,,,,maybe\r\n", 0),
			 ERR_INVALID);
	has(f, ":2:rya: value \"maybe\": unknown code: use yes or no");
	assert_int_equal(import(f, "placements", "in",
				PLACEMENT_HEADER "L1,N1,S1,2019-09-04,,yes,maybe,2,C,X\r\n", 0),
			 ERR_INVALID);
	has(f, ":2:sen_unit: value \"maybe\": unknown code: use yes or no");
	has(f, ":2:resourced_provision: value \"2\": unknown code: use yes or no");
	has(f, ":2:residential: value \"C\": unknown code: use one of A, B");
	has(f, ":2:work_based: value \"X\": unknown code: use one of A, S, T");
	assert_int_equal(count(f, "SELECT count(*) FROM assessment_case"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM child_setting"), 0);
}

/* list: the named code list of the year */
static const struct sen2_code_list *list(const struct sen2_year *y, const char *name)
{
	for (size_t i = 0; i < y->nlists; i++)
		if (strcmp(y->lists[i].name, name) == 0)
			return &y->lists[i];
	fail_msg("no list %s in the year file", name);
	return NULL;
}

static void every_code_of_the_2027_lists_is_taken(void **state)
{
	struct fixture *f = *state;
	static struct sen2_year y;
	char why[256], *body = NULL;
	size_t n;
	assert_int_equal(sen2_year_load("reference", 2027, &y, why, sizeof(why)), 0);
	const struct sen2_code_list *un = list(&y, "UPNunknown");
	const struct sen2_code_list *res = list(&y, "Residential");
	const struct sen2_code_list *wb = list(&y, "WorkBased");
	assert_true(un->n >= res->n && un->n >= wb->n);
	import_ok(f, "settings", settings_file);
	FILE *m = open_memstream(&body, &n);
	fputs(CHILD_HEADER, m);
	for (size_t i = 0; i < un->n; i++)
		fprintf(m, "Y%zu,Al,One,2015-01-01,F,,,,,,,,,,,,,%s,\r\n", i, un->code[i]);
	fclose(m);
	import_ok(f, "children", body);
	free(body);
	assert_int_equal(f->n.added, (long)un->n);
	m = open_memstream(&body, &n);
	fputs(PLACEMENT_HEADER, m);
	for (size_t i = 0; i < res->n; i++)
		fprintf(m, "R%zu,Y%zu,S1,2020-09-01,,,,,%s,\r\n", i, i, res->code[i]);
	for (size_t i = 0; i < wb->n; i++)
		fprintf(m, "W%zu,Y%zu,S2,2020-09-01,,,,,,%s\r\n", i, i, wb->code[i]);
	fclose(m);
	import_ok(f, "placements", body);
	free(body);
	assert_int_equal(f->n.added, (long)(res->n + wb->n));
	assert_int_equal(count(f, "SELECT count(DISTINCT upn_unknown) FROM child"), (long)un->n);
}

static void a_file_in_the_layout_before_these_columns_is_refused(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(import(f, "children", "in",
				"source_id,given_name,family_name,date_of_birth,sex,ethnicity,"
				"postcode,upn,uln,disadvantaged,first_language,primary_need,"
				"sen_status,communication,admired_for,interests,aspirations\r\n"
				"C1,Al,One,2015-01-01,F,,,,,,,,,,,,\r\n",
				0),
			 ERR_INVALID);
	has(f, ":1:upn_unknown: value \"\": the header's column 18 must be \"upn_unknown\"");
	has(f, ":1:secondary_need: value \"\": the header's column 19 must be");
	assert_int_equal(import(f, "requests", "in",
				"source_id,child_source_id,requested_by,requested_on,decision,"
				"decision_on,draft_issued_on,outcome,outcome_on,exception_reason,"
				"exception_from,exception_to\r\n",
				0),
			 ERR_INVALID);
	has(f, ":1:rya: value \"\": the header's column 13 must be \"rya\"");
	assert_int_equal(import(f, "placements", "in",
				"source_id,child_source_id,setting_source_id,started_on,ended_on,"
				"named\r\n",
				0),
			 ERR_INVALID);
	has(f, ":1:sen_unit: value \"\": the header's column 7 must be \"sen_unit\"");
	has(f, ":1:work_based: value \"\": the header's column 10 must be \"work_based\"");
	assert_int_equal(count(f, "SELECT count(*) FROM child"), 0);
}

#define COMMON_TESTS                                                                            \
	cmocka_unit_test_setup_teardown(                                                        \
		the_sen2_columns_are_stored_and_a_child_without_upn_goes_in, setup, teardown),  \
		cmocka_unit_test_setup_teardown(                                                \
			importing_again_changes_nothing_and_a_new_column_alone_updates, setup,  \
			teardown),                                                              \
		cmocka_unit_test_setup_teardown(                                                \
			a_bad_value_in_each_new_column_is_reported_by_column, setup, teardown), \
		cmocka_unit_test_setup_teardown(every_code_of_the_2027_lists_is_taken, setup,   \
						teardown)

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	log_set_fd(-1);
	char why[256];
	if (clock_rules_load("reference", &assessment_rules, why, sizeof(why)) != 0) {
		fprintf(stderr, "cannot load the rules: %s\n", why);
		return 1;
	}
	const struct CMUnitTest sqlite_tests[] = {
		COMMON_TESTS,
		cmocka_unit_test_setup_teardown(
			a_file_in_the_layout_before_these_columns_is_refused, setup, teardown),
	};
	const struct CMUnitTest pg_tests[] = {COMMON_TESTS};
	group_kind = DB_SQLITE;
	int failed = cmocka_run_group_tests_name("import2_sqlite", sqlite_tests, NULL, NULL);
	const char *url = getenv("SENDAP_TEST_PG_URL");
	if (url && *url) {
		group_kind = DB_POSTGRES;
		failed += cmocka_run_group_tests_name("import2_postgresql", pg_tests, NULL, NULL);
	} else {
		printf("import2_postgresql: not run, SENDAP_TEST_PG_URL is not set"
		       " (sh scripts/with-pg.sh ./build/asan/tests/test_import2 runs them)\n");
	}
	clock_rules_release(&assessment_rules);
	return failed != 0;
}
