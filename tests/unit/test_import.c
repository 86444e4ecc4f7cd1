/*
 * test_import.c: `sendap import` (src/imports/) on a fresh, migrated SQLite file with the
 * reference data loaded, and on PostgreSQL too when SENDAP_TEST_PG_URL is set.
 *
 * Good files of every kind land in the tables they are for; a second import of the same
 * files changes nothing (same ids, the same rows) and a changed row updates its record.
 * Each problem (column count, impossible and out-of-range dates, unknown codes, bad UPN,
 * ULN, URN, UKPRN and postcode, invalid UTF-8 with its byte offsets, duplicate and unknown
 * keys) is reported as FILE:ROW:COLUMN, every one of them, and a file with any problem
 * imports nothing; with partial the good rows go in and the others to a rejects file. A
 * byte-order mark and spreadsheet quoting are read. A file of about 200 MB with one bad
 * row at its end is refused in a child process whose peak memory stays bounded. The
 * columns that feed the SEN2 return are tested in test_import2.c; the fixture both use is
 * import_fixture.h.
 */
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <sodium.h>

#include "import_fixture.h"
#include "platform/log.h"

/*
 * AddressSanitizer keeps freed memory in quarantine (256 MB by default), which would
 * count against the bound the big-file test checks; 16 MB keeps use-after-free checks
 * useful and the measure about the import's own memory.
 */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "quarantine_size_mb=16";
}

/* children: three good rows, quoted as a spreadsheet writes them */
static char *children_file(void)
{
	char u1[14], u2[14], l1[11], *out = NULL;
	size_t n;
	upn(1, u1);
	upn(2, u2);
	uln(100, l1);
	FILE *m = open_memstream(&out, &n);
	fprintf(m, CHILD_HEADER);
	fprintf(m,
		"C1,Ayo,Bello,2015-03-14,M,BAFR,nw1 2ab,%s,,no,English,SLCN,ehcp,"
		"\"Pictures, and signs\",\"Called \"\"the fixer\"\"\",\"Lego\nand trains\","
		"Vet,,SEMH\r\n",
		u1);
	fprintf(m, "C2,Zoë,O'Neill,2009-11-30,F,WBRI,,%s,%s,yes,,ASD,sen_support,,,,,,\r\n", u2,
		l1);
	fprintf(m, "C3,Sam,\"Smith, Jr\",2020-01-01,M,,,,,,,,,,,,,,\r\n");
	fclose(m);
	return out;
}

static const char contacts_file[] =
	"source_id,child_source_ids,name,relationship,parental_responsibility,email,phone\r\n"
	"P1,C1,Funmi Bello,mother,yes,funmi@example.com,020 7946 0000\r\n"
	"P2,C2; C3,Alex O'Neill,father,yes,,+44 7700 900000\r\n";

static const char settings_file[] =
	"source_id,name,urn,ukprn,setting_type,phase,postcode,age_from,age_to,capacity,"
	"sen_unit,resourced_provision\r\n"
	"S1,Riverside Primary School,100001,10012345,01,2,NW1 1AA,4,11,420,yes,no\r\n"
	"S2,\"Hill House, Special School\",100002,,07,,NW3 2BB,,,,0,1\r\n";

static const char requests_file[] = REQUEST_HEADER
	"R1,C1,parent,2024-01-08,decision_to_assess,2024-02-26,2024-04-22,final_plan_issued,"
	"2024-05-20,child_away,2024-02-01,2024-02-10,no\r\n"
	"R2,C2,setting,2025-05-01,,,,,,,,,yes\r\n"
	"R3,C3,parent,2024-09-02,decision_not_to_assess,2024-10-07,,,,,,,\r\n";

static const char plans_file[] = "source_id,child_source_id,issued_on,template\r\n"
				 "PL1,C1,2024-05-20,\r\n"
				 "PL2,C2,2023-07-01,national/1\r\n";

static const char placements_file[] =
	PLACEMENT_HEADER "A1,C1,S1,2019-09-04,,yes,,,,\r\n"
			 "A2,C2,S2,2021-09-01,2025-07-18,no,no,yes,B,\r\n";

static const char reviews_file[] =
	"source_id,child_source_id,setting_source_id,due_on,meeting_on,decision,decision_on,"
	"closed_on\r\n"
	"V1,C1,S1,2025-05-19,2025-05-12,maintain,2025-05-20,2025-05-21\r\n"
	"V2,C2,,2025-09-01,,,,\r\n";

static void import_all(struct fixture *f, long expect_added)
{
	char *children = children_file();
	const char *kinds[] = {"children", "contacts",   "settings", "requests",
			       "plans",    "placements", "reviews"};
	const char *bodies[] = {children,   contacts_file,   settings_file, requests_file,
				plans_file, placements_file, reviews_file};
	for (size_t i = 0; i < 7; i++) {
		int rc = import(f, kinds[i], kinds[i], bodies[i], 0);
		if (rc != 0)
			print_error("%s: %s\n", kinds[i], f->report);
		assert_int_equal(rc, 0);
		assert_true(f->n.committed);
		assert_int_equal(f->n.rejected, 0);
		if (expect_added >= 0)
			assert_int_equal(f->n.added, f->n.rows);
		else
			assert_int_equal(f->n.unchanged, f->n.rows);
	}
	free(children);
}

static void good_files_of_every_kind_land_in_their_tables(void **state)
{
	struct fixture *f = *state;
	import_all(f, 1);
	char v[256];
	assert_int_equal(count(f, "SELECT count(*) FROM child WHERE la_code = '202'"), 3);
	text(f, "SELECT family_name FROM child WHERE given_name = 'Sam'", v, sizeof(v));
	assert_string_equal(v, "Smith, Jr");
	text(f, "SELECT admired_for FROM child WHERE given_name = 'Ayo'", v, sizeof(v));
	assert_string_equal(v, "Called \"the fixer\"");
	text(f, "SELECT interests FROM child WHERE given_name = 'Ayo'", v, sizeof(v));
	assert_string_equal(v, "Lego\nand trains");
	text(f, "SELECT postcode FROM child WHERE given_name = 'Ayo'", v, sizeof(v));
	assert_string_equal(v, "NW1 2AB");
	text(f, "SELECT search_family FROM child WHERE given_name = 'Zoë'", v, sizeof(v));
	assert_string_equal(v, "o'neill");
	assert_int_equal(count(f, "SELECT count(*) FROM family_member"), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM family_link"), 3);
	assert_int_equal(count(f, "SELECT count(*) FROM organisation WHERE kind = 'setting'"
				  " AND la_code = '202'"),
			 2);
	text(f, "SELECT name FROM organisation WHERE urn = '100002'", v, sizeof(v));
	assert_string_equal(v, "Hill House, Special School");
	assert_int_equal(count(f, "SELECT resourced_provision FROM organisation WHERE urn ="
				  " '100002'"),
			 1);
	/* the cases: state, closing day and timeline as the assessment area keeps them */
	text(f,
	     "SELECT state || ' ' || closed_on FROM assessment_case WHERE requested_on ="
	     " '2024-01-08'",
	     v, sizeof(v));
	assert_string_equal(v, "plan 2024-05-20");
	assert_int_equal(count(f, "SELECT count(*) FROM case_event e JOIN assessment_case a ON"
				  " a.id = e.case_id WHERE a.requested_on = '2024-01-08'"),
			 4);
	text(f,
	     "SELECT state || ' ' || next_step FROM assessment_case WHERE requested_on ="
	     " '2025-05-01'",
	     v, sizeof(v));
	assert_string_equal(v, "requested decide_to_assess");
	text(f, "SELECT state FROM assessment_case WHERE requested_on = '2024-09-02'", v,
	     sizeof(v));
	assert_string_equal(v, "not_assessing");
	assert_int_equal(count(f, "SELECT count(*) FROM case_exception WHERE reason ="
				  " 'child_away'"),
			 1);
	/* plans: issued, final, hashed, their hash audited */
	assert_int_equal(count(f, "SELECT count(*) FROM plan_version WHERE status = 'final' AND"
				  " hash IS NOT NULL AND issued_on IS NOT NULL"),
			 2);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_event WHERE action = 'issue'"), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM child_setting WHERE relation = 'roll'"), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM placement_named"), 1);
	text(f,
	     "SELECT decision || ' ' || closed_on FROM review WHERE kind = 'annual' AND"
	     " meeting_on IS NOT NULL",
	     v, sizeof(v));
	assert_string_equal(v, "maintain 2025-05-21");
	assert_int_equal(count(f, "SELECT count(*) FROM review"), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM import_key"), 16);
	assert_int_equal(count(f, "SELECT count(*) FROM import_seen"), 0);
}

/* fingerprint: BLAKE2b of every row written, ids included */
static void fingerprint(struct fixture *f, unsigned char out[32])
{
	static const char *const q[] = {
		"SELECT id || given_name || family_name || coalesce(upn, '') || coalesce("
		"upn_unknown, '') || coalesce(secondary_need, '') FROM child ORDER BY id",
		"SELECT id || name FROM family_member ORDER BY id",
		"SELECT family_member_id || child_id || relationship FROM family_link ORDER BY 1",
		"SELECT id || name FROM organisation ORDER BY id",
		"SELECT id || state || coalesce(next_step, '') || rya FROM assessment_case ORDER "
		"BY "
		"id",
		"SELECT case_id || seq || type || happened_on FROM case_event ORDER BY 1",
		"SELECT case_id || reason FROM case_exception ORDER BY 1",
		"SELECT id || hash FROM plan_version ORDER BY id",
		"SELECT child_id || organisation_id || started_on || sen_unit || "
		"resourced_provision"
		" || coalesce(residential, '') || coalesce(work_based, '') FROM child_setting ORDER"
		" BY 1",
		"SELECT id FROM placement_named ORDER BY id",
		"SELECT id || due_on FROM review ORDER BY id",
		"SELECT la_code || kind || source_id || our_id FROM import_key ORDER BY 1",
	};
	crypto_generichash_state h;
	crypto_generichash_init(&h, NULL, 0, 32);
	for (size_t i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
		struct db_stmt *st = NULL;
		assert_int_equal(db_prepare(f->db, q[i], &st), 0);
		while (db_step(st) == DB_ROW) {
			const char *t = db_column_text(st, 0);
			crypto_generichash_update(&h, (const unsigned char *)t, strlen(t) + 1);
		}
		db_reset(st);
	}
	crypto_generichash_final(&h, out, 32);
}

static void importing_twice_changes_nothing_and_a_changed_row_updates(void **state)
{
	struct fixture *f = *state;
	unsigned char before[32], after[32];
	import_all(f, 1);
	fingerprint(f, before);
	int64_t audit = count(f, "SELECT count(*) FROM audit_event");
	import_all(f, -1);
	fingerprint(f, after);
	assert_memory_equal(before, after, 32);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_event"), audit);

	char id[64], again[64];
	text(f, "SELECT id FROM child WHERE given_name = 'Sam'", id, sizeof(id));
	char *children = children_file();
	char *sam = strstr(children, "C3,Sam,");
	assert_non_null(sam);
	memcpy(sam + 3, "Kim", 3);
	assert_int_equal(import(f, "children", "children", children, 0), 0);
	assert_int_equal(f->n.updated, 1);
	assert_int_equal(f->n.unchanged, 2);
	text(f, "SELECT id FROM child WHERE given_name = 'Kim'", again, sizeof(again));
	assert_string_equal(id, again);
	assert_int_equal(count(f, "SELECT count(*) FROM child"), 3);
	free(children);

	/* a changed request rewrites its case's timeline, under the same id */
	text(f, "SELECT id FROM assessment_case WHERE requested_on = '2025-05-01'", id, sizeof(id));
	assert_int_equal(import(f, "requests", "requests",
				REQUEST_HEADER
				"R2,C2,setting,2025-05-01,withdrawn,2025-05-20,,,,,,,yes\r\n",
				0),
			 0);
	assert_int_equal(f->n.updated, 1);
	text(f,
	     "SELECT id || ' ' || state FROM assessment_case WHERE requested_on ="
	     " '2025-05-01'",
	     again, sizeof(again));
	char want[80];
	snprintf(want, sizeof(want), "%s withdrawn", id);
	assert_string_equal(again, want);
	assert_int_equal(count(f, "SELECT count(*) FROM case_event WHERE case_id IN (SELECT id"
				  " FROM assessment_case WHERE requested_on = '2025-05-01')"),
			 2);
}

static void every_problem_is_reported_and_nothing_is_imported(void **state)
{
	struct fixture *f = *state;
	char u1[14], bad_upn[14], *body = NULL;
	size_t n;
	upn(1, u1);
	upn(2, bad_upn);
	bad_upn[0] = bad_upn[0] == 'A' ? 'B' : 'A';
	FILE *m = open_memstream(&body, &n);
	fprintf(m, CHILD_HEADER);
	fprintf(m, "K1,Ada,Ok,2015-01-01,F,,,%s,,,,,,,,,,,\r\n", u1);      /* row 2: good */
	fprintf(m, "K2,Bo,Short,2015-01-01,M\r\n");                        /* row 3 */
	fprintf(m, "K3,Cy,Date,2025-02-30,M,,,,,,,,,,,,,,\r\n");           /* row 4 */
	fprintf(m, "K4,Di,Future,2031-01-01,X,ZZZZ,,,,,,NOPE,,,,,,,\r\n"); /* row 5 */
	fprintf(m, "K5,Ed,Codes,2015-01-01,M,,SW1A 1A,%s,1234567890,maybe,,,,,,,,,\r\n",
		bad_upn);                                               /* row 6 */
	fprintf(m, "K1,Fi,Again,2015-01-01,F,,,,,,,,,,,,,,\r\n");       /* row 7 */
	fprintf(m, "K7,G\xC3\x28o,Utf,2015-01-01,F,,,,,,,,,,,,,,\r\n"); /* row 8 */
	fprintf(m, "K8,,Nameless,,,,,,,,,,,,,,,,\r\n");                 /* row 9 */
	fprintf(m, "K9,Hal,Hill,1900-01-01,\"Line\nbreak\tand \"\"quote\"\"\",,,,,,,,,,,,,,\r\n");
	fclose(m);
	assert_int_equal(import(f, "children", "in", body, 0), ERR_INVALID);
	free(body);
	assert_false(f->n.committed);
	assert_int_equal(f->n.rows, 9);
	assert_int_equal(f->n.rejected, 8);
	assert_int_equal(f->n.added, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM child"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM import_key"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM import_seen"), 0);
	char p[160];
	snprintf(p, sizeof(p),
		 "%s/in:3:ethnicity: value \"\": wrong column count: the row has 5"
		 " values, the header 19",
		 f->dir);
	has(f, p);
	has(f, ":4:date_of_birth: value \"2025-02-30\": not a real date");
	has(f, ":5:date_of_birth: value \"2031-01-01\": out of range");
	has(f, ":5:sex: value \"X\": unknown code: use one of F, M");
	has(f, ":5:ethnicity: value \"ZZZZ\": unknown code");
	has(f, ":5:primary_need: value \"NOPE\": unknown code");
	has(f, ":6:postcode: value \"SW1A 1A\": not a UK postcode");
	has(f, ":6:upn: value \"");
	has(f, "its check letter does not match");
	has(f, ":6:uln: value \"1234567890\": not a ULN");
	has(f, ":6:disadvantaged: value \"maybe\": unknown code: use yes or no");
	has(f, ":7:source_id: value \"K1\": duplicate key: row 2 has the same source_id");
	/* G, 0xC3 then '(' : the sequence breaks at byte 2 of the value; the file offset is
	 * counted from 0 over the whole file */
	has(f, ":8:given_name: value \"G\\xC3(o\": not valid UTF-8: byte 2 of the value, byte");
	has(f, ":9:given_name: value \"\": required");
	has(f, ":9:date_of_birth: value \"\": required");
	has(f, ":9:sex: value \"\": required");
	has(f, ":10:sex: value \"Line\\nbreak\\tand \\\"quote\\\"\": unknown code");
	has(f, ":10:date_of_birth: value \"1900-01-01\": out of range");
}

static void the_file_offset_of_invalid_utf8_is_exact(void **state)
{
	struct fixture *f = *state;
	/* with a byte-order mark: the offset counts it, as a hex editor would */
	char body[512];
	int n = snprintf(body, sizeof(body),
			 "\xEF\xBB\xBF" CHILD_HEADER "K1,Ab\xFF,X,2015-01-01,F,,,,,,,,,,,,,,\r\n");
	const char *bad = strchr(body, '\xFF');
	char want[160];
	snprintf(want, sizeof(want),
		 ":2:given_name: value \"Ab\\xFF\": not valid UTF-8: byte 3 of the value, byte %ld"
		 " of the file",
		 (long)(bad - body));
	(void)n;
	assert_int_equal(import(f, "children", "in", body, 0), ERR_INVALID);
	has(f, want);
}

static void a_bom_crlf_and_quoting_are_read(void **state)
{
	struct fixture *f = *state;
	const char body[] = "\xEF\xBB\xBF" CHILD_HEADER
			    "B1,\"Mary, Anne\",\"O\"\"Brien\",2016-02-29,F,,,,,,,,,\"one\r\ntwo\","
			    ",,,,\r\n"
			    "B2,Li,Wei,2016-03-01,M,,,,,,,,,,,,,,";
	assert_int_equal(import(f, "children", "in", body, 0), 0);
	assert_int_equal(f->n.added, 2);
	char v[64];
	text(f,
	     "SELECT given_name || '|' || family_name FROM child WHERE date_of_birth ="
	     " '2016-02-29'",
	     v, sizeof(v));
	assert_string_equal(v, "Mary, Anne|O\"Brien");
	text(f, "SELECT communication FROM child WHERE date_of_birth = '2016-02-29'", v, sizeof(v));
	assert_string_equal(v, "one\r\ntwo");
}

static void a_wrong_header_or_broken_quoting_stops_the_file(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(import(f, "settings", "in", "source_id,name,urn\r\nS1,A,100001\r\n", 0),
			 ERR_INVALID);
	has(f, ":1:ukprn: value \"\": the header's column 4 must be \"ukprn\"");
	assert_int_equal(import(f, "plans", "in",
				"source_id,child_source_id,issued_on,template\r\n"
				"P1,C1,2024-01-01,\r\n"
				"P2,C\"1,2024-01-01,\r\n",
				0),
			 ERR_INVALID);
	has(f, ":3:child_source_id: value \"\": a quote in the wrong place");
	has(f, ":2:child_source_id: value \"C1\": unknown key");
	assert_int_equal(import(f, "plans", "in", "", 0), ERR_INVALID);
	has(f, ":1:-: value \"\": the file is empty");
	assert_int_equal(count(f, "SELECT count(*) FROM plan_version"), 0);
}

static void settings_and_references_are_checked(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(import(f, "settings", "in",
				"source_id,name,urn,ukprn,setting_type,phase,postcode,age_from,"
				"age_to,capacity,sen_unit,resourced_provision\r\n"
				"S1,A,12345,20012345,99,9,,11,4,x,,\r\n",
				0),
			 ERR_INVALID);
	has(f, ":2:urn: value \"12345\": not a URN");
	has(f, ":2:ukprn: value \"20012345\": not a UKPRN");
	has(f, ":2:setting_type: value \"99\": unknown code");
	has(f, ":2:phase: value \"9\": unknown code");
	has(f, ":2:age_to: value \"4\": out of range");
	has(f, ":2:capacity: value \"x\": not a whole number");
	assert_int_equal(import(f, "requests", "in",
				REQUEST_HEADER
				"R1,NOBODY,council,2024-01-01,decision_not_to_assess,2024-02-01,,"
				"final_plan_issued,2024-03-01,holiday,,,\r\n",
				0),
			 ERR_INVALID);
	has(f, ":2:child_source_id: value \"NOBODY\": unknown key");
	has(f, ":2:requested_by: value \"council\": unknown code");
	has(f, ":2:draft_issued_on: value \"\": required: a final plan needs its draft's date");
	has(f, ":2:exception_reason: value \"holiday\": unknown code");
}

static void partial_imports_the_good_rows_and_rejects_the_rest(void **state)
{
	struct fixture *f = *state;
	const char body[] = CHILD_HEADER "G1,Ann,One,2015-01-01,F,,,,,,,,,,,,,,\r\n"
					 "G2,Ben,\"Two, bad\",2015-02-30,M,,,,,,,,,,,,,,\r\n"
					 "G3,Cat,Three,2015-01-01,F,,,,,,,,,,,,,,\r\n"
					 "G4,Dan\r\n"
					 "G1,Eve,Dup,2015-01-01,F,,,,,,,,,,,,,,\r\n";
	assert_int_equal(import(f, "children", "in", body, 1), 0);
	assert_true(f->n.committed);
	assert_int_equal(f->n.rows, 5);
	assert_int_equal(f->n.added, 2);
	assert_int_equal(f->n.rejected, 3);
	assert_int_equal(count(f, "SELECT count(*) FROM child"), 2);
	char path[128], got[2048] = "";
	snprintf(path, sizeof(path), "%s/in.rejects.csv", f->dir);
	FILE *r = fopen(path, "rb");
	assert_non_null(r);
	size_t n = fread(got, 1, sizeof(got) - 1, r);
	fclose(r);
	got[n] = '\0';
	const char want[] =
		"source_id,given_name,family_name,date_of_birth,sex,ethnicity,postcode,upn,uln,"
		"disadvantaged,first_language,primary_need,sen_status,communication,admired_for,"
		"interests,aspirations,upn_unknown,secondary_need,error\r\n"
		"\"G2\",\"Ben\",\"Two, bad\",\"2015-02-30\",\"M\",\"\",\"\",\"\",\"\",\"\",\"\","
		"\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"date_of_birth: not a real date: write "
		"dates as"
		" YYYY-MM-DD\"\r\n"
		"\"G4\",\"Dan\",\"family_name: wrong column count: the row has 2 values, the"
		" header 19\"\r\n"
		"\"G1\",\"Eve\",\"Dup\",\"2015-01-01\",\"F\",\"\",\"\",\"\",\"\",\"\",\"\",\"\","
		"\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"source_id: duplicate key: row 2 has the same"
		" source_id\"\r\n";
	assert_string_equal(got, want);
	/* the rejects, fixed, go in; the rows already in are left as they were */
	assert_int_equal(import(f, "children", "in",
				CHILD_HEADER "G1,Ann,One,2015-01-01,F,,,,,,,,,,,,,,\r\n"
					     "G2,Ben,\"Two, bad\",2015-02-28,M,,,,,,,,,,,,,,\r\n",
				1),
			 0);
	assert_int_equal(f->n.added, 1);
	assert_int_equal(f->n.unchanged, 1);
	assert_int_equal(f->n.rejected, 0);
}

static void a_conflict_in_the_database_rejects_only_its_row(void **state)
{
	struct fixture *f = *state;
	char u[14], body[512];
	upn(5, u);
	snprintf(body, sizeof(body),
		 CHILD_HEADER "U1,Ann,One,2015-01-01,F,,,%s,,,,,,,,,,,\r\n"
			      "U2,Ben,Two,2015-01-01,M,,,%s,,,,,,,,,,,\r\n",
		 u, u);
	assert_int_equal(import(f, "children", "in", body, 0), ERR_INVALID);
	has(f, ":3:upn: value \"");
	has(f, "conflict: another record already has this value");
	assert_int_equal(count(f, "SELECT count(*) FROM child"), 0);
	assert_int_equal(import(f, "children", "in", body, 1), 0);
	assert_int_equal(f->n.added, 1);
	assert_int_equal(f->n.rejected, 1);
	assert_int_equal(count(f, "SELECT count(*) FROM child"), 1);
}

/* rss_kb: the resident set of this process now, from /proc/self/statm */
static long rss_kb(void)
{
	long pages = 0, resident = 0;
	FILE *s = fopen("/proc/self/statm", "r");
	if (s) {
		if (fscanf(s, "%ld %ld", &pages, &resident) != 2)
			resident = 0;
		fclose(s);
	}
	return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static void a_200_mb_file_with_one_bad_row_is_refused_in_bounded_memory(void **state)
{
	struct fixture *f = *state;
	char path[128];
	snprintf(path, sizeof(path), "%s/big", f->dir);
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	char text[1401];
	for (size_t i = 0; i < sizeof(text) - 1; i++)
		text[i] = "abcdefghij klmnopqrst uvwxyz, "[i % 30];
	text[sizeof(text) - 1] = '\0';
	fputs(CHILD_HEADER, fp);
	long rows = 0;
	for (long written = 0; written < 200L * 1000 * 1000; rows++)
		written += fprintf(fp,
				   "K%ld,Given%ld,\"Family, %ld\",2012-%02ld-%02ld,%c,WBRI,,,,no,"
				   "English,ASD,ehcp,,,\"%s\",Aspirations,,\r\n",
				   rows, rows, rows, rows % 12 + 1, rows % 28 + 1,
				   rows % 2 ? 'F' : 'M', text);
	fprintf(fp, "BAD,Last,Row,2012-02-30,F,,,,,,,,,,,,,,\r\n");
	assert_int_equal(fclose(fp), 0);

	fflush(NULL);
	long start = rss_kb();
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct db *db = NULL;
		struct import_counts n;
		struct import_options o = {.la_code = "202", .today = TODAY};
		FILE *rep = fopen("/dev/null", "w");
		o.report = rep;
		int rc = f->kind == DB_SQLITE ? db_open(f->path, &db) : ERR_INVALID;
		if (rc == 0)
			rc = import_file(db, "children", path, &o, &n);
		db_close(db);
		fclose(rep);
		/* refused, every row read, only the last rejected */
		_exit(rc == ERR_INVALID && n.rows == rows + 1 && n.rejected == 1 ? 0 : 1);
	}
	int status = 0;
	struct rusage ru;
	assert_int_equal(wait4(pid, &status, 0, &ru), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	print_message("big file: %ld rows; RSS at fork %ld kB, child's peak %ld kB\n", rows + 1,
		      start, ru.ru_maxrss);
	assert_true(ru.ru_maxrss < start + 100 * 1024);
	assert_int_equal(count(f, "SELECT count(*) FROM child"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM import_seen"), 0);
	unlink(path);
}

#define COMMON_TESTS                                                                               \
	cmocka_unit_test_setup_teardown(good_files_of_every_kind_land_in_their_tables, setup,      \
					teardown),                                                 \
		cmocka_unit_test_setup_teardown(                                                   \
			importing_twice_changes_nothing_and_a_changed_row_updates, setup,          \
			teardown),                                                                 \
		cmocka_unit_test_setup_teardown(every_problem_is_reported_and_nothing_is_imported, \
						setup, teardown),                                  \
		cmocka_unit_test_setup_teardown(                                                   \
			partial_imports_the_good_rows_and_rejects_the_rest, setup, teardown),      \
		cmocka_unit_test_setup_teardown(a_conflict_in_the_database_rejects_only_its_row,   \
						setup, teardown)

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
		cmocka_unit_test_setup_teardown(the_file_offset_of_invalid_utf8_is_exact, setup,
						teardown),
		cmocka_unit_test_setup_teardown(a_bom_crlf_and_quoting_are_read, setup, teardown),
		cmocka_unit_test_setup_teardown(a_wrong_header_or_broken_quoting_stops_the_file,
						setup, teardown),
		cmocka_unit_test_setup_teardown(settings_and_references_are_checked, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			a_200_mb_file_with_one_bad_row_is_refused_in_bounded_memory, setup,
			teardown),
	};
	const struct CMUnitTest pg_tests[] = {COMMON_TESTS};
	group_kind = DB_SQLITE;
	int failed = cmocka_run_group_tests_name("import_sqlite", sqlite_tests, NULL, NULL);
	const char *url = getenv("SENDAP_TEST_PG_URL");
	if (url && *url) {
		group_kind = DB_POSTGRES;
		failed += cmocka_run_group_tests_name("import_postgresql", pg_tests, NULL, NULL);
	} else {
		printf("import_postgresql: not run, SENDAP_TEST_PG_URL is not set"
		       " (sh scripts/with-pg.sh ./build/asan/tests/test_import runs them)\n");
	}
	clock_rules_release(&assessment_rules);
	return failed != 0;
}
