/*
 * test_demo.c: `sendap demo` (demo.h) on a fresh, migrated SQLite file with the reference
 * data loaded from reference/.
 *
 * 3000 children with seed 7 on a fixed day: building again with the same seed (through
 * --replace) gives the same rows, a different seed different ones. Among school-age
 * children (Reception to Year 11) 15-25% have SEN and 20-30% of those an EHC plan; autism
 * is the most common primary need among plans and SLCN among SEN support. Every UPN is
 * unique with a right check letter, every ULN has a right check digit, every child lives
 * in an LA that exists, and each role has an enabled demo account that signs in with the
 * demo password. A second build is refused without --replace, --if-empty changes nothing,
 * and an empty reference table is reported rather than written around.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "demo/demo.h"
#include "organisations/organisations.h"
#include "platform/auth.h"
#include "platform/db.h"
#include "platform/err.h"
#include "platform/log.h"
#include "platform/migrate.h"

#define CHILDREN 3000
#define SEED 7
/* a day in the 2024/25 academic year: school age is born 1 Sep 2008 .. 31 Aug 2020 */
static const struct date TODAY = {2025, 1, 16};
#define SCHOOL_AGE "date_of_birth BETWEEN '2008-09-01' AND '2020-08-31'"

struct fixture {
	char path[64];
	struct db *db;
};

static void remove_db_files(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < 4; i++) {
		char p[80];
		snprintf(p, sizeof(p), "%s%s", path, suffixes[i]);
		unlink(p);
	}
}

static int open_fresh(struct fixture *f, int load_reference)
{
	snprintf(f->path, sizeof(f->path), "/tmp/sendap-test-demo-XXXXXX");
	int fd = mkstemp(f->path);
	if (fd < 0)
		return -1;
	close(fd);
	unlink(f->path);
	if (db_open(f->path, &f->db) || migrate_apply(f->db, NULL))
		return -1;
	if (load_reference && reference_load(f->db, "reference", NULL))
		return -1;
	return 0;
}

static int setup(void **state)
{
	if (sodium_init() < 0)
		return -1;
	log_set_fd(-1);
	struct fixture *f = calloc(1, sizeof(*f));
	if (!f || open_fresh(f, 1)) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	db_close(f->db);
	remove_db_files(f->path);
	free(f);
	log_set_fd(2);
	return 0;
}

static struct demo_options options(uint64_t seed)
{
	struct demo_options o;
	demo_options_default(&o);
	o.children = CHILDREN;
	o.seed = seed;
	o.today = TODAY;
	return o;
}

static int64_t count(struct db *db, const char *sql)
{
	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(db, sql, &st), 0);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_column_int64(st, 0);
	db_reset(st);
	return n;
}

/* checksum: BLAKE2b over every row the demo writes, in an order that needs no ids, and
 * with neither ids nor timestamps of the run (those are fresh each time) */
static void checksum(struct db *db, unsigned char out[32])
{
	static const char *const queries[] = {
		"SELECT given_name, family_name, search_given, search_family, date_of_birth, sex,"
		" ethnicity, postcode, la_code, upn, uln, disadvantaged, first_language,"
		" communication, admired_for, interests, aspirations, primary_need, sen_status"
		" FROM child ORDER BY 1, 2, 5, 10, 8, 11, 7, 6, 13, 14, 15, 16, 17, 18, 19",
		"SELECT kind, name, la_code, urn, ukprn, setting_type, phase, age_from, age_to,"
		" postcode, capacity, sen_unit, resourced_provision FROM organisation"
		" ORDER BY 3, 1, 4, 5, 2, 10",
		"SELECT c.given_name, c.family_name, c.date_of_birth, c.upn, c.postcode, o.name,"
		" o.urn, o.postcode, s.relation, s.started_on FROM child_setting s"
		" JOIN child c ON c.id = s.child_id JOIN organisation o ON o.id = s.organisation_id"
		" ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10",
		"SELECT email, name, role, la_code, disabled FROM user_account ORDER BY 1",
		"SELECT m.email, m.name, c.given_name, c.family_name, c.date_of_birth, c.postcode,"
		" f.relationship, f.parental_responsibility FROM family_link f"
		" JOIN family_member m ON m.id = f.family_member_id JOIN child c ON c.id ="
		" f.child_id ORDER BY 1, 2, 3, 4, 5, 6",
		"SELECT u.email, c.given_name, c.family_name, c.date_of_birth, a.requested_at"
		" FROM advice_request a JOIN user_account u ON u.id = a.user_id"
		" JOIN child c ON c.id = a.child_id ORDER BY 1, 2, 3, 4",
		"SELECT c.given_name, c.family_name, c.date_of_birth, a.requested_by,"
		" a.requested_on, a.state, a.next_step, a.next_due, a.closed_on, e.seq, e.type,"
		" e.happened_on, e.item FROM case_event e JOIN assessment_case a ON a.id ="
		" e.case_id JOIN child c ON c.id = a.child_id ORDER BY 1, 2, 3, 5, 10",
	};
	crypto_generichash_state h;
	crypto_generichash_init(&h, NULL, 0, 32);
	for (size_t q = 0; q < sizeof(queries) / sizeof(queries[0]); q++) {
		struct db_stmt *st = NULL;
		assert_int_equal(db_prepare(db, queries[q], &st), 0);
		int rc, rows = 0;
		while ((rc = db_step(st)) == DB_ROW) {
			for (int i = 0; i < db_column_count(st); i++) {
				const char *v = db_column_text(st, i);
				const char *text = v ? v : "\x01NULL";
				crypto_generichash_update(&h, (const unsigned char *)text,
							  strlen(text) + 1);
			}
			rows++;
		}
		assert_int_equal(rc, DB_DONE);
		assert_true(rows > 0);
		db_reset(st);
	}
	crypto_generichash_final(&h, out, 32);
}

/* the DfE algorithm again, written out here so the test does not trust demo.c's copy */
static int upn_ok(const char *s)
{
	static const char letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";
	if (!s || strlen(s) != 13)
		return 0;
	int sum = 0;
	for (int i = 1; i < 13; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		sum += (s[i] - '0') * (i + 1);
	}
	return s[0] == letters[sum % 23];
}

static int uln_ok(const char *s)
{
	if (!s || strlen(s) != 10 || s[0] == '0')
		return 0;
	int sum = 0;
	for (int i = 0; i < 10; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	for (int i = 0; i < 9; i++)
		sum += (s[i] - '0') * (10 - i);
	int check = 10 - sum % 11;
	return check < 10 && s[9] - '0' == check;
}

static const char *top_need(struct db *db, const char *status, char *out, size_t n)
{
	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(db,
				    "SELECT primary_need FROM child WHERE sen_status = $1"
				    " GROUP BY primary_need ORDER BY COUNT(*) DESC LIMIT 1",
				    &st),
			 0);
	assert_int_equal(db_bind_text(st, 1, status), 0);
	assert_int_equal(db_step(st), DB_ROW);
	snprintf(out, n, "%s", db_column_text(st, 0));
	db_reset(st);
	return out;
}

static void demo_same_seed_same_rows_other_seed_others(void **state)
{
	struct fixture *f = *state;
	struct demo_options o = options(SEED);
	unsigned char first[32], again[32], other[32];
	assert_int_equal(demo_build(f->db, &o, NULL), 0);
	checksum(f->db, first);
	o.replace = 1;
	assert_int_equal(demo_build(f->db, &o, NULL), 0);
	checksum(f->db, again);
	assert_memory_equal(first, again, 32);
	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM child"), CHILDREN);
	o.seed = SEED + 1;
	assert_int_equal(demo_build(f->db, &o, NULL), 0);
	checksum(f->db, other);
	assert_memory_not_equal(first, other, 32);
}

static void demo_sen_shares_follow_the_dfe_figures(void **state)
{
	struct fixture *f = *state;
	struct demo_options o = options(SEED);
	assert_int_equal(demo_build(f->db, &o, NULL), 0);
	int64_t pupils = count(f->db, "SELECT COUNT(*) FROM child WHERE " SCHOOL_AGE);
	int64_t sen = count(f->db, "SELECT COUNT(*) FROM child WHERE " SCHOOL_AGE
				   " AND sen_status <> 'none'");
	int64_t ehcp = count(f->db, "SELECT COUNT(*) FROM child WHERE " SCHOOL_AGE
				    " AND sen_status = 'ehcp'");
	assert_true(pupils > CHILDREN / 2);
	assert_true(sen * 100 >= pupils * 15 && sen * 100 <= pupils * 25);
	assert_true(ehcp * 100 >= sen * 20 && ehcp * 100 <= sen * 30);
	char need[16];
	assert_string_equal(top_need(f->db, "ehcp", need, sizeof(need)), "ASD");
	assert_string_equal(top_need(f->db, "sen_support", need, sizeof(need)), "SLCN");
	/* a need exactly when there is SEN */
	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM child WHERE (sen_status = 'none')"
				      " = (primary_need IS NOT NULL)"),
			 0);
}

static void demo_identifiers_are_valid_and_unique(void **state)
{
	struct fixture *f = *state;
	struct demo_options o = options(SEED);
	assert_int_equal(demo_build(f->db, &o, NULL), 0);
	assert_int_equal(count(f->db, "SELECT COUNT(upn) - COUNT(DISTINCT upn) FROM child"), 0);
	assert_true(count(f->db, "SELECT COUNT(upn) FROM child") > CHILDREN / 2);
	assert_true(count(f->db, "SELECT COUNT(uln) FROM child") > 0);
	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(f->db, "SELECT upn, uln FROM child", &st), 0);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *upn = db_column_text(st, 0), *uln = db_column_text(st, 1);
		if (upn && !upn_ok(upn))
			fail_msg("UPN %s has the wrong check letter", upn);
		if (uln && !uln_ok(uln))
			fail_msg("ULN %s has the wrong check digit", uln);
	}
	assert_int_equal(rc, DB_DONE);
	db_reset(st);
	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM child WHERE la_code NOT IN"
				      " (SELECT code FROM local_authority)"),
			 0);
	assert_int_equal(count(f->db, "SELECT COUNT(urn) - COUNT(DISTINCT urn) FROM organisation"),
			 0);
	/* a setting per 250 children, at least six, every school-age pupil on roll somewhere
	 * suitable is checked by the phase: nobody is on the roll of two settings */
	assert_true(count(f->db, "SELECT COUNT(*) FROM organisation WHERE kind = 'setting'") >= 6);
	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM (SELECT child_id FROM child_setting"
				      " WHERE relation = 'roll' GROUP BY child_id"
				      " HAVING COUNT(*) > 1) x"),
			 0);
}

static void demo_has_a_sign_in_for_every_role(void **state)
{
	struct fixture *f = *state;
	struct demo_options o = options(SEED);
	assert_int_equal(demo_build(f->db, &o, NULL), 0);
	static const enum role roles[] = {
		ROLE_PARENT,      ROLE_YOUNG_PERSON, ROLE_CASEWORKER,  ROLE_LA_MANAGER,
		ROLE_SENCO,       ROLE_PROFESSIONAL, ROLE_AP_PROVIDER, ROLE_PARTNERSHIP,
		ROLE_DFE_ANALYST, ROLE_ADMIN,
	};
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		struct db_stmt *st = NULL;
		assert_int_equal(
			db_prepare(f->db,
				   "SELECT COUNT(*) FROM user_account WHERE role = $1"
				   " AND disabled = 0 AND email LIKE '%demo.sendap.example'",
				   &st),
			0);
		assert_int_equal(db_bind_text(st, 1, role_name(roles[i])), 0);
		assert_int_equal(db_step(st), DB_ROW);
		if (db_column_int64(st, 0) < 1)
			fail_msg("no demo account for the role %s", role_name(roles[i]));
		db_reset(st);
	}
	/* one hash for all of them, and it is the demo password's */
	assert_int_equal(count(f->db, "SELECT COUNT(DISTINCT password_hash) FROM user_account"
				      " WHERE disabled = 0"),
			 1);
	struct user u;
	assert_int_equal(sign_in(f->db, "casework1@camden.demo.sendap.example", DEMO_PASSWORD,
				 "127.0.0.1", &u),
			 0);
	assert_int_equal(u.role, ROLE_CASEWORKER);
	assert_string_equal(u.la_code, "202");
	/* the young person is 19 and signs in to their own record */
	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM user_account u JOIN child c"
				      " ON c.id = u.child_id WHERE u.role = 'young_person'"
				      " AND c.date_of_birth BETWEEN '2005-01-17' AND '2006-01-16'"),
			 1);
	/* five advice requests for the professional, all on children with plans */
	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM advice_request a JOIN child c"
				      " ON c.id = a.child_id WHERE c.sen_status = 'ehcp'"),
			 5);
	/* parents without a sign-in: linked, disabled, no usable hash */
	assert_true(count(f->db, "SELECT COUNT(*) FROM family_link") >= CHILDREN);
	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM child c WHERE NOT EXISTS"
				      " (SELECT 1 FROM family_link f WHERE f.child_id = c.id)"),
			 0);
}

/* the SEN2 story: each issued plan has the request that led to it, 16 to 30 weeks before
 * its first issue, and a setting's roll; open cases are on a caseworker's caseload */
static void demo_plans_have_the_cases_that_led_to_them(void **state)
{
	struct fixture *f = *state;
	struct demo_options o = options(SEED);
	assert_int_equal(demo_build(f->db, &o, NULL), 0);
	int64_t planned = count(f->db, "SELECT COUNT(DISTINCT child_ref) FROM plan_version"
				       " WHERE status IN ('final', 'amended')");
	assert_true(planned > 0);
	assert_int_equal(count(f->db,
			       "SELECT COUNT(*) FROM assessment_case a JOIN case_event e"
			       " ON e.case_id = a.id AND e.type = 'final_plan_issued'"
			       " WHERE a.state = 'plan' AND a.closed_on = e.happened_on AND"
			       " e.happened_on = (SELECT MIN(p.issued_on) FROM plan_version p"
			       " WHERE p.child_ref = a.child_id AND p.status IN ('final',"
			       " 'amended')) AND julianday(e.happened_on) -"
			       " julianday(a.requested_on) BETWEEN 112 AND 210"),
			 planned);
	assert_int_equal(count(f->db,
			       "SELECT COUNT(DISTINCT p.child_ref) FROM plan_version p"
			       " WHERE p.status IN ('final', 'amended') AND NOT EXISTS"
			       " (SELECT 1 FROM child_setting s WHERE s.child_id ="
			       " p.child_ref AND s.relation = 'roll' AND s.ended_on IS NULL)"),
			 0);
	assert_true(count(f->db, "SELECT COUNT(*) FROM assessment_case WHERE state IN"
				 " ('not_assessing', 'withdrawn', 'not_issuing')") > 0);
	assert_true(count(f->db, "SELECT COUNT(*) FROM assessment_case WHERE state IN"
				 " ('requested', 'assessing')") > 0);
	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM assessment_case a JOIN child c ON"
				      " c.id = a.child_id WHERE a.closed_on IS NULL AND"
				      " (c.caseworker_id IS NULL OR a.officer_id IS NULL OR"
				      " a.next_due IS NULL)"),
			 0);
	/* every step in date order, none before the request */
	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM case_event e JOIN case_event n ON"
				      " n.case_id = e.case_id AND n.seq = e.seq + 1 WHERE"
				      " n.happened_on < e.happened_on"),
			 0);
}

static void demo_refuses_a_database_with_children_unless_told(void **state)
{
	struct fixture *f = *state;
	struct demo_options o = options(SEED);
	assert_int_equal(demo_build(f->db, &o, NULL), 0);
	int64_t users = count(f->db, "SELECT COUNT(*) FROM user_account");
	o.seed = SEED + 1;
	assert_int_equal(demo_build(f->db, &o, NULL), ERR_CONFLICT);
	o.if_empty = 1;
	assert_int_equal(demo_build(f->db, &o, NULL), 0);
	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM child"), CHILDREN);
	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM user_account"), users);
}

static void demo_without_reference_data_says_run_migrate(void **state)
{
	(void)state;
	struct fixture bare;
	memset(&bare, 0, sizeof(bare));
	assert_int_equal(open_fresh(&bare, 0), 0);
	struct demo_options o = options(SEED);
	assert_int_equal(demo_build(bare.db, &o, NULL), ERR_NOTFOUND);
	assert_int_equal(count(bare.db, "SELECT COUNT(*) FROM child"), 0);
	db_close(bare.db);
	remove_db_files(bare.path);
}

static void demo_spreads_several_las_over_regions(void **state)
{
	struct fixture *f = *state;
	struct demo_options o = options(SEED);
	o.las = 4;
	o.children = 400;
	assert_int_equal(demo_build(f->db, &o, NULL), 0);
	assert_int_equal(count(f->db, "SELECT COUNT(DISTINCT la_code) FROM child"), 4);
	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM child WHERE la_code = '202'"), 100);
	assert_int_equal(count(f->db, "SELECT COUNT(DISTINCT l.region) FROM child c"
				      " JOIN local_authority l ON l.code = c.la_code"),
			 4);
	assert_int_equal(count(f->db, "SELECT COUNT(*) FROM user_account"
				      " WHERE role = 'caseworker'"),
			 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(demo_same_seed_same_rows_other_seed_others, setup,
						teardown),
		cmocka_unit_test_setup_teardown(demo_sen_shares_follow_the_dfe_figures, setup,
						teardown),
		cmocka_unit_test_setup_teardown(demo_plans_have_the_cases_that_led_to_them, setup,
						teardown),
		cmocka_unit_test_setup_teardown(demo_identifiers_are_valid_and_unique, setup,
						teardown),
		cmocka_unit_test_setup_teardown(demo_has_a_sign_in_for_every_role, setup, teardown),
		cmocka_unit_test_setup_teardown(demo_refuses_a_database_with_children_unless_told,
						setup, teardown),
		cmocka_unit_test_setup_teardown(demo_without_reference_data_says_run_migrate, setup,
						teardown),
		cmocka_unit_test_setup_teardown(demo_spreads_several_las_over_regions, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
