/*
 * http_sen2_checks.c: every check of the SEN2 return (docs/sen2.md, E01..E14 and
 * Q01..Q09) fires on a minimal broken record, run as the real `sendap export sen2
 * --check`. Each broken record has an LA of its own, so checks never mix: the LA holds
 * one child that is clean but for the one thing broken (or, for the checks of the whole
 * return, Q03 and Q06, the few children that make the proportion). The line printed names
 * the code and the child; an error exits 1, queries alone exit 0 with "0 errors".
 *
 * The clean records the broken ones start from:
 *   refused   a request of 2 March 2026 refused on 6 April: a Person with one request
 *             and no plan (for the checks of the person)
 *   old_plan  a plan of May 2024 on a setting's roll, reviewed in May 2026 (for the
 *             checks of plans and placements)
 *
 * Then what the checks and the file must also do, from docs/sen2.md: E13 names a URN
 * that is 6 characters but not 6 digits (the schema refuses it); E01 counts characters,
 * not bytes (60 accented letters are a valid name); a plan issued in 2026 that ceases in
 * January 2027 is a new plan of 2026 without a CeaseDate (events after 31 December are
 * left out of the year's outcomes).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sen2_fixture.h"

static int urn_serial;

/* a mainstream setting of la with a fresh URN; its id (kept for 64 more calls) */
static const char *school(const char *la)
{
	static char ids[64][24];
	char *id = ids[++urn_serial % 64];
	snprintf(id, sizeof(ids[0]), "o-%s-%d", la, urn_serial);
	org(id, la, fmt("%06d", 200000 + urn_serial), NULL, "01");
	return id;
}

static void refused(const char *id, const char *la)
{
	const char *k = fmt("k-%s", id);
	child(id, la, "Ref", "2016-05-05", "F", NULL);
	kase(k, id, la, "parent", "2026-03-02");
	ev(k, "decision_not_to_assess", "2026-04-06");
}

/* a plan issued in 2026: request 12 January, assess 16 February, final plan 18 May */
static void new_plan(const char *id, const char *la)
{
	const char *k = fmt("k-%s", id);
	child(id, la, "New", "2016-03-10", "M", "SEMH");
	kase(k, id, la, "parent", "2026-01-12");
	ev(k, "decision_to_assess", "2026-02-16");
	ev(k, "final_plan_issued", "2026-05-18");
	plan(fmt("pv-%s", id), id, "1", "final", "2026-05-18", "{}");
}

/* the plan of old_plan ceasing on `on` for `reason`, the setting named in it */
static void ceased(const char *id, const char *la, const char *reason, const char *on)
{
	const char *o = school(la);
	old_plan(id, la, NULL);
	named(fmt("pn-%s", id), id, o, NULL, "2024-05-20");
	cease(fmt("pc-%s", id), id, la, reason, on);
}

static void seed_checks(void)
{
	char long_name[102];
	memset(long_name, 'x', 101);
	long_name[101] = 0;
	refused("e01", "301");
	SQL("UPDATE child SET family_name = $1 WHERE id = 'e01'", 1, long_name);
	refused("e01s", "302");
	SQL("UPDATE child SET sex = 'U' WHERE id = 'e01s'", 0);
	refused("e02", "303");
	SQL("UPDATE child SET date_of_birth = '1995-06-01' WHERE id = 'e02'", 0);
	refused("e03", "304");
	SQL("UPDATE child SET upn = NULL WHERE id = 'e03'", 0);
	refused("e04", "305");
	char bad[16];
	snprintf(bad, sizeof(bad), "%s", new_upn());
	bad[0] = bad[0] == 'A' ? 'B' : 'A'; /* the wrong check letter */
	SQL("UPDATE child SET upn = $1 WHERE id = 'e04'", 1, bad);
	refused("e05", "306");
	SQL("UPDATE child SET date_of_birth = '2026-06-01' WHERE id = 'e05'", 0);
	/* E06: refused on 6 April, the request dated 4 May */
	child("e06", "307", "Six", "2016-05-05", "F", NULL);
	kase("k-e06", "e06", "307", "parent", "2026-05-04");
	ev("k-e06", "decision_not_to_assess", "2026-04-06");
	/* E07: a plan of May 2025 with no assessment case */
	child("e07", "308", "Seven", "2016-05-05", "F", "ASD");
	plan("pv-e07", "e07", "1", "final", "2025-05-01", "{}");
	roll("e07", school("308"), "2024-09-01", NULL);
	/* E08: left the roll in July 2026 */
	old_plan("e08", "309", NULL);
	roll("e08", school("309"), "2024-09-01", "2026-07-01");
	/* E09: a setting with neither URN nor UKPRN */
	org("o-310", "310", NULL, NULL, "01");
	old_plan("e09", "310", "o-310");
	/* E10: only a type of setting named, not a SENsetting code */
	old_plan("e10", "311", NULL);
	named("pn-e10", "e10", NULL, "XYZ", "2024-05-20");
	old_plan("e11", "312", school("312"));
	SQL("UPDATE child SET primary_need = NULL WHERE id = 'e11'", 0);
	old_plan("e11n", "334", school("334"));
	SQL("UPDATE child SET primary_need = 'NSA' WHERE id = 'e11n'", 0); /* not a SENtype */
	ceased("e12", "313", "0", "2026-07-15");
	refused("e13", "314");
	SQL("UPDATE child SET postcode = 'NOT A PC' WHERE id = 'e13'", 0);
	new_plan("e14", "315"); /* nowhere named, on no roll */
	old_plan("q01", "316", NULL);
	named("pn-q01", "q01", NULL, "OTH", "2024-05-20");
	old_plan("q02", "317", NULL);
	named("pn-q02", "q02", NULL, "NIEO", "2024-05-20");
	/* Q03: 5 plans ceased in 2026, 1 for reason 9: more than 1 in 10 */
	static const char *const reasons[] = {"9", "1", "2", "3", "4"};
	for (int i = 0; i < 5; i++) {
		char id[16];
		snprintf(id, sizeof(id), "q03-%d", i);
		ceased(id, "318", reasons[i], "2026-07-15");
	}
	/* Q04: a further education college by URN */
	org("o-319", "319", "300319", NULL, "18");
	old_plan("q04", "319", "o-319");
	/* Q05: in a SEN unit the school does not have */
	old_plan("q05", "320", school("320"));
	SQL("UPDATE child_setting SET sen_unit = 1 WHERE child_id = 'q05'", 0);
	/* Q06: 4 new plans in 2026, 3 with an exception */
	const char *o = school("330");
	for (int i = 0; i < 4; i++) {
		char id[16];
		snprintf(id, sizeof(id), "q06-%d", i);
		new_plan(id, "330");
		roll(id, o, "2026-06-01", NULL);
		if (i < 3)
			exception(fmt("k-%s", id), "child_away", "2026-03-01", "2026-04-01");
	}
	old_plan("q07", "331", school("331"));
	SQL("DELETE FROM review WHERE child_id = 'q07'", 0);
	old_plan("q08", "332", NULL); /* moved in, on no roll */
	move("mv-q08", "q08", "203", "332", "2026-09-01");
	child("q09", "333", "Nine", "2016-05-05", "F", NULL);
	kase("k-q09", "q09", "333", "parent", "2026-03-02");

	/* what else the checks and the file must do */
	org("o-335", "335", "A12345", NULL, "01");
	old_plan("e13u", "335", "o-335");
	refused("accent", "336");
	char name[128];
	for (int i = 0; i < 60; i++)
		memcpy(name + 2 * i, "\xc3\xa9", 2); /* é */
	name[120] = 0;
	SQL("UPDATE child SET family_name = $1 WHERE id = 'accent'", 1, name);
	new_plan("late", "340");
	roll("late", school("340"), "2026-06-01", NULL);
	cease("pc-late", "late", "340", "3", "2027-01-10");
	/* a clean LA of each kind */
	refused("ok1", "341");
	old_plan("ok2", "341", school("341"));
}

static const struct {
	const char *code, *la, *child; /* child NULL: a check of the whole return */
	int error;
} cases[] = {
	{"E01", "301", "e01", 1},  {"E01", "302", "e01s", 1}, {"E02", "303", "e02", 1},
	{"E03", "304", "e03", 1},  {"E04", "305", "e04", 1},  {"E05", "306", "e05", 1},
	{"E06", "307", "e06", 1},  {"E07", "308", "e07", 1},  {"E08", "309", "e08", 1},
	{"E09", "310", "e09", 1},  {"E10", "311", "e10", 1},  {"E11", "312", "e11", 1},
	{"E11", "334", "e11n", 1}, {"E12", "313", "e12", 1},  {"E13", "314", "e13", 1},
	{"E14", "315", "e14", 1},  {"Q01", "316", "q01", 0},  {"Q02", "317", "q02", 0},
	{"Q03", "318", NULL, 0},   {"Q04", "319", "q04", 0},  {"Q05", "320", "q05", 0},
	{"Q06", "330", NULL, 0},   {"Q07", "331", "q07", 0},  {"Q08", "332", "q08", 0},
	{"Q09", "333", "q09", 0},
};

static void each_check_fires(void **state)
{
	(void)state;
	int wrong = 0;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = checks_of(cases[i].la);
		const char *who = cases[i].child ? fmt("child %s:", cases[i].child) : "the return:";
		const char *kind = fmt("%s %s ", cases[i].error ? "error" : "query", cases[i].code);
		int ok = rc == cases[i].error && line_has(kind, who) &&
			 (cases[i].error || strstr(buf_cstr(&o_), "sen2 checks: 0 errors"));
		if (!ok)
			fprintf(stderr, "%s (LA %s): wanted \"%s... %s\" and exit %d, got %d:\n%s",
				cases[i].code, cases[i].la, kind, who, cases[i].error, rc,
				buf_cstr(&o_));
		wrong += !ok;
	}
	assert_int_equal(wrong, 0);
}

static void clean_la_has_no_errors(void **state)
{
	(void)state;
	assert_int_equal(checks_of("341"), 0);
	assert_non_null(strstr(buf_cstr(&o_), "sen2 checks: 0 errors, 0 queries"));
	/* the broken records of E12 and E14 make no other error */
	assert_int_equal(checks_of("313"), 1);
	assert_non_null(strstr(buf_cstr(&o_), "sen2 checks: 1 errors"));
}

/* a URN of 6 characters that are not 6 digits: the schema refuses it, E13 must say so */
static void e13_names_a_urn_not_of_digits(void **state)
{
	(void)state;
	assert_int_equal(checks_of("335"), 1);
	assert_true(line_has("error E13 ", "child e13u:"));
}

/* a surname of 60 characters (120 bytes of UTF-8) is within E01's 100 characters */
static void e01_counts_characters(void **state)
{
	(void)state;
	assert_int_equal(checks_of("336"), 0);
	assert_false(line_has("E01", "child accent:"));
}

/* issued in 2026, ceased on 10 January 2027: a new plan of 2026, not yet ceased in it */
static void cease_after_the_year_is_left_out(void **state)
{
	(void)state;
	const char *out = fmt("%s/late.xml", work);
	assert_int_equal(export_sen2("340", "--out", out, (const char *)NULL), 0);
	xmlDocPtr d = xmlReadFile(out, NULL, XML_PARSE_NONET);
	assert_non_null(d);
	double named_plans = xnum(d, "count(//NamedPlan)");
	double cease_dates = xnum(d, "count(//NamedPlan/CeaseDate)");
	double active = xnum(d, "count(//ActivePlans)");
	xmlFreeDoc(d);
	assert_int_equal(named_plans, 1);
	assert_int_equal(active, 0); /* not maintained on the census date */
	assert_int_equal(cease_dates, 0);
}

int main(void)
{
	buf_init(&o_, 0);
	buf_init(&e_, 0);
	snprintf(work, sizeof(work), "/tmp/sendap-sen2c-XXXXXX");
	if (!mkdtemp(work) || harness_db_fresh(&srv) || harness_migrate(&srv) ||
	    db_open(srv.db_url, &tdb)) {
		fprintf(stderr, "http_sen2_checks: could not make the database\n");
		return 1;
	}
	seed_checks();
	if (fix_failed) {
		fprintf(stderr, "http_sen2_checks: %d fixture statements failed\n", fix_failed);
		return 1;
	}
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_check_fires),
		cmocka_unit_test(clean_la_has_no_errors),
		cmocka_unit_test(e13_names_a_urn_not_of_digits),
		cmocka_unit_test(e01_counts_characters),
		cmocka_unit_test(cease_after_the_year_is_left_out),
	};
	const char *group = getenv("SENDAP_TEST_PG_URL") ? "http sen2 checks (postgresql)"
							 : "http sen2 checks (sqlite)";
	int failures =
		_cmocka_run_group_tests(group, tests, sizeof(tests) / sizeof(tests[0]), NULL, NULL);
	db_close(tdb);
	xmlCleanupParser();
	harness_cleanup(&srv);
	const char *keep = getenv("SENDAP_TEST_KEEP");
	if (!(keep && *keep)) {
		const char *rm[] = {"rm", "-rf", work, NULL};
		spawn(rm);
	}
	return failures != 0;
}
