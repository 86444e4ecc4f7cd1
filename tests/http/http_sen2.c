/*
 * http_sen2.c: the SEN2 return (`sendap export sen2`, src/returns/) run as the real binary
 * on a small LA written by hand, every count worked out from docs/sen2.md. Collection
 * year 2027: the census is Thursday 21 January 2027; the year is 2026.
 *
 * LA 202 (Camden). Settings: S1 community school URN 100001 (type 01, mainstream); S2
 * community special URN 100002 (07, special); S3 further education college by UKPRN
 * 10000003 only (18); S4 academy URN 100004 (34, mainstream) with a SEN unit.
 *
 *   ava  F 2016-03-10 ASD+SLCN  request 12 Jan 2026 (parent); assess 16 Feb (35 days);
 *        final plan 18 May (126 days, within 20 weeks); S1 named, on its roll from June;
 *        plan's personal budget held by the parent (PB 1, DP 1, OA 0); an appeal about
 *        the plan's contents registered 10 Aug (OtherTribunal 1)
 *   ben  M 2012-11-05 SEMH  request 2 Feb (setting: source 2); assess 9 Mar (35); a
 *        family_circumstances exception 1 Apr..15 May; final plan 20 Jul (168 days:
 *        20 to 52 weeks, Week20 1); no budget; none named, on S2's roll from September
 *   cat  F 2018  request 2 Mar, RYA; assess 6 Apr (35); not to issue 22 Jun (112 days:
 *        within 16 weeks)
 *   dan  M 2017  no UPN, UPNunknown UN2; request 16 Mar; not to assess 20 Apr (35)
 *   eve  F 2015  a 2025 request refused in 2025 (not in the return); request 1 Apr 2026;
 *        not to assess 1 Jun (61 days: after 6 weeks); mediation about it held 10 Jul,
 *        appeal registered 3 Aug (RequestMediation 1, RequestTribunal 1)
 *   fin  M 2019  request 4 May; withdrawn 25 May (W)
 *   gus  M 2020  request 1 Dec 2026, undecided (30 days: no Q09)
 *   hal  M 2007-04-04  request 2023, final plan 26 Jun 2023, S3 named; ceased 15 Jul 2026
 *        for reason 3 (NamedPlan with CeaseReason 3; not active)
 *   ivy  F 2014-07-07 MLD  plan of 20 May 2024 on S1's roll; amended 15 Jun 2026 (budget
 *        held by the LA); annual review met 11 May 2026, amend, decided 26 May (15 days)
 *   jay  M 2011-10-10 SLCN  plan of 2022 (its request imported); moved in from 203 on
 *        1 Sep 2026 (TransferLA 1); S4's SEN unit from 2 Sep; review met 16 Nov,
 *        maintain, decided 21 Dec (35 days: after 4 weeks)
 *   kit  M 2010-01-01 PD  ULN only; request 1 Jun 2026; assess 6 Jul (35); final plan
 *        11 Jan 2027, before the census: on the caseload, not a new plan, assessment
 *        outstanding at the year's end; S2's roll from 12 Jan 2027
 *   ned  M 2016  request 3 Aug; assess 14 Sep (42 days: the last day of 6 weeks); moved
 *        out to 203 on 5 Oct while assessing (Exported 1)
 *   lou  a request of 2025 decided in 2025: not in the return
 *   max  a request of 5 Jan 2027: not in the return
 *
 * So the return has 12 persons (all but lou and max), each with 1 request: 9 received in
 * 2026 and hal's, ivy's and jay's older ones. Then: a value the XSD refuses (check E15
 * names it too) makes the export fail, leaving only FILE.part (LA 204).
 *
 * Against SQLite by default; with SENDAP_TEST_PG_URL set, against that PostgreSQL
 * (sh scripts/with-pg.sh build/asan/tests/http_sen2).
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

#define BUDGET_PARENT                                                                       \
	"{\"personal_budget\":{\"amount_pence\":125000,\"held_by\":\"parent\"},\"schema\":" \
	"\"sendap-plan/1\",\"template\":\"national/1\"}"
#define BUDGET_LA "{\"personal_budget\":{\"amount_pence\":50000,\"held_by\":\"la\"}}"
#define NO_BUDGET "{\"personal_budget\":null,\"schema\":\"sendap-plan/1\"}"

static char xml[128], tables[128], trace[128];
static xmlDocPtr doc;
static int export_rc = -1;

static void seed_202(void)
{
	const char *la = "202";
	org("s1", la, "100001", NULL, "01");
	org("s2", la, "100002", NULL, "07");
	org("s3", la, NULL, "10000003", "18");
	org("s4", la, "100004", NULL, "34");
	SQL("UPDATE organisation SET sen_unit = 1 WHERE id = 's4'", 0);

	child("ava", la, "Ava", "2016-03-10", "F", "ASD");
	SQL("UPDATE child SET secondary_need = 'SLCN' WHERE id = 'ava'", 0);
	kase("k-ava", "ava", la, "parent", "2026-01-12");
	ev("k-ava", "decision_to_assess", "2026-02-16");
	ev("k-ava", "final_plan_issued", "2026-05-18");
	plan("pv-ava", "ava", "1", "final", "2026-05-18", BUDGET_PARENT);
	named("pn-ava", "ava", "s1", NULL, "2026-05-18");
	roll("ava", "s1", "2026-06-01", NULL);
	appeal("ap-ava", "ava", la, "plan_contents", "2026-08-10");

	child("ben", la, "Ben", "2012-11-05", "M", "SEMH");
	kase("k-ben", "ben", la, "setting", "2026-02-02");
	ev("k-ben", "decision_to_assess", "2026-03-09");
	exception("k-ben", "family_circumstances", "2026-04-01", "2026-05-15");
	ev("k-ben", "final_plan_issued", "2026-07-20");
	plan("pv-ben", "ben", "1", "final", "2026-07-20", NO_BUDGET);
	roll("ben", "s2", "2026-09-01", NULL);

	child("cat", la, "Cat", "2018-01-20", "F", NULL);
	kase("k-cat", "cat", la, "parent", "2026-03-02");
	SQL("UPDATE assessment_case SET rya = 1 WHERE id = 'k-cat'", 0);
	ev("k-cat", "decision_to_assess", "2026-04-06");
	ev("k-cat", "decision_not_to_issue", "2026-06-22");

	child("dan", la, "Dan", "2017-06-01", "M", NULL);
	SQL("UPDATE child SET upn = NULL, upn_unknown = 'UN2' WHERE id = 'dan'", 0);
	kase("k-dan", "dan", la, "parent", "2026-03-16");
	ev("k-dan", "decision_not_to_assess", "2026-04-20");

	child("eve", la, "Eve", "2015-09-09", "F", NULL);
	kase("k-eve0", "eve", la, "parent", "2025-02-03");
	ev("k-eve0", "decision_not_to_assess", "2025-03-10");
	kase("k-eve", "eve", la, "parent", "2026-04-01");
	ev("k-eve", "decision_not_to_assess", "2026-06-01");
	mediation("md-eve", "eve", la, "refuse_assess", "2026-07-10");
	appeal("ap-eve", "eve", la, "refuse_assess", "2026-08-03");

	child("fin", la, "Fin", "2019-02-02", "M", NULL);
	kase("k-fin", "fin", la, "parent", "2026-05-04");
	ev("k-fin", "withdrawn", "2026-05-25");

	child("gus", la, "Gus", "2020-04-04", "M", NULL);
	kase("k-gus", "gus", la, "parent", "2026-12-01");

	child("hal", la, "Hal", "2007-04-04", "M", "HI");
	kase("k-hal", "hal", la, "parent", "2023-02-06");
	ev("k-hal", "decision_to_assess", "2023-03-13");
	ev("k-hal", "final_plan_issued", "2023-06-26");
	plan("pv-hal", "hal", "1", "final", "2023-06-26", "{}");
	named("pn-hal", "hal", "s3", NULL, "2023-06-26");
	roll("hal", "s3", "2023-09-01", "2026-07-15");
	cease("pc-hal", "hal", la, "3", "2026-07-15");

	child("ivy", la, "Ivy", "2014-07-07", "F", "MLD");
	kase("k-ivy", "ivy", la, "parent", "2024-01-08");
	ev("k-ivy", "decision_to_assess", "2024-02-12");
	ev("k-ivy", "final_plan_issued", "2024-05-20");
	plan("pv-ivy1", "ivy", "1", "final", "2024-05-20", "{}");
	plan("pv-ivy2", "ivy", "2", "amended", "2026-06-15", BUDGET_LA);
	roll("ivy", "s1", "2021-09-01", NULL);
	review("rv-ivy", "ivy", la, "2026-05-11", "amend", "2026-05-26");

	child("jay", la, "Jay", "2011-10-10", "M", "SLCN");
	kase("k-jay", "jay", la, "parent", "2022-01-10");
	ev("k-jay", "decision_to_assess", "2022-02-14");
	ev("k-jay", "final_plan_issued", "2022-06-06");
	plan("pv-jay", "jay", "1", "final", "2022-06-06", "{}");
	move("mv-jay", "jay", "203", la, "2026-09-01");
	roll("jay", "s4", "2026-09-02", NULL);
	SQL("UPDATE child_setting SET sen_unit = 1 WHERE child_id = 'jay'", 0);
	review("rv-jay", "jay", la, "2026-11-16", "maintain", "2026-12-21");

	child("kit", la, "Kit", "2010-01-01", "M", "PD");
	SQL("UPDATE child SET upn = NULL, uln = '1234567899' WHERE id = 'kit'", 0);
	kase("k-kit", "kit", la, "parent", "2026-06-01");
	ev("k-kit", "decision_to_assess", "2026-07-06");
	ev("k-kit", "final_plan_issued", "2027-01-11");
	plan("pv-kit", "kit", "1", "final", "2027-01-11", "{}");
	roll("kit", "s2", "2027-01-12", NULL);

	child("ned", "203", "Ned", "2016-08-08", "M", NULL);
	kase("k-ned", "ned", la, "parent", "2026-08-03");
	ev("k-ned", "decision_to_assess", "2026-09-14");
	move("mv-ned", "ned", la, "203", "2026-10-05");

	child("lou", la, "Lou", "2016-05-05", "F", NULL);
	kase("k-lou", "lou", la, "parent", "2025-03-03");
	ev("k-lou", "decision_not_to_assess", "2025-04-07");

	child("max", la, "Max", "2019-09-09", "M", NULL);
	kase("k-max", "max", la, "parent", "2027-01-05");
}

/* LA 204: one active plan whose placement is residential "X", a code that check E15
 * reports and the XSD's ResidentialCode (A, B) refuses */
static void seed_204(void)
{
	org("s9", "204", "100009", NULL, "07");
	old_plan("res", "204", "s9");
	SQL("UPDATE child_setting SET residential = 'X' WHERE child_id = 'res'", 0);
}

static int setup(void **state)
{
	(void)state;
	snprintf(xml, sizeof(xml), "%s/sen2-202-2027.xml", work);
	snprintf(tables, sizeof(tables), "%s/tables", work);
	snprintf(trace, sizeof(trace), "%s/trace.csv", work);
	export_rc = export_sen2("202", "--out", xml, "--tables", tables, "--trace", trace,
				(const char *)NULL);
	doc = xmlReadFile(xml, NULL, XML_PARSE_NONET);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	xmlFreeDoc(doc);
	return 0;
}

static void exports_and_validates(void **state)
{
	(void)state;
	assert_int_equal(export_rc, 0);
	assert_non_null(strstr(buf_cstr(&o_), "12 persons written"));
	assert_non_null(doc);
	const char *argv[] = {"xmllint", "--noout", "--schema", "reference/sen2/sen2-2026.xsd",
			      xml,       NULL};
	assert_int_equal(spawn(argv), 0);
	assert_string_equal(xstr(doc, "string(/Message/Header/Source/LEA)"), "202");
	assert_string_equal(xstr(doc, "string(//CollectionDetails/Year)"), "2027");
	assert_string_equal(xstr(doc, "string(//CollectionDetails/ReferenceDate)"), "2027-01-21");
}

static void xml_counts(void **state)
{
	(void)state;
	/* 12 persons with 1 request each */
	assert_int_equal(xnum(doc, "count(//Person)"), 12);
	assert_int_equal(xnum(doc, "count(//Requests)"), 12);
	assert_int_equal(xnum(doc, "count(//Person[count(Requests) != 1])"), 0);
	assert_int_equal(xnum(doc, "count(//Person[Forename='Lou' or Forename='Max'])"), 0);
	/* decided to assess: ava ben cat kit ned, and hal ivy jay long ago */
	assert_int_equal(xnum(doc, "count(//Assessment)"), 8);
	assert_int_equal(xnum(doc, "count(//Requests[RequestOutcome='A'])"), 8);
	assert_int_equal(xnum(doc, "count(//Requests[RequestOutcome='N'])"), 2);  /* dan eve */
	assert_int_equal(xnum(doc, "count(//Requests[RequestOutcome='W'])"), 1);  /* fin */
	assert_int_equal(xnum(doc, "count(//Requests[not(RequestOutcome)])"), 1); /* gus */
	assert_int_equal(xnum(doc, "count(//Requests[not(RequestOutcomeDate)])"), 1);
	/* plans issued by the year's end: ava ben hal ivy jay; cat's not; kit's, ned's open */
	assert_int_equal(xnum(doc, "count(//Assessment[AssessmentOutcome='Y'])"), 5);
	assert_int_equal(xnum(doc, "count(//Assessment[AssessmentOutcome='N'])"), 1);
	assert_int_equal(xnum(doc, "count(//Assessment[not(AssessmentOutcome)])"), 2);
	assert_int_equal(xnum(doc, "count(//Assessment[Week20='1'])"), 1);
	assert_string_equal(xstr(doc, "string(//Person[Forename='Ben']//Week20)"), "1");
	/* new or ceased in 2026: ava, ben, hal; on the census date: ava ben ivy jay kit */
	assert_int_equal(xnum(doc, "count(//NamedPlan)"), 3);
	assert_int_equal(xnum(doc, "count(//NamedPlan[CeaseReason='3'])"), 1);
	assert_string_equal(xstr(doc, "string(//Person[Forename='Hal']//CeaseDate)"), "2026-07-15");
	assert_int_equal(xnum(doc, "count(//Person[Forename='Hal']//ActivePlans)"), 0);
	assert_int_equal(xnum(doc, "count(//ActivePlans)"), 5);
	assert_int_equal(xnum(doc, "count(//Person[Forename='Kit']//NamedPlan)"), 0);
	assert_int_equal(xnum(doc, "count(//Person[Forename='Kit']//ActivePlans)"), 1);
	/* redress: eve's mediation and appeal; ava's appeal about the contents */
	assert_int_equal(xnum(doc, "count(//Requests[RequestMediation='1'])"), 1);
	assert_int_equal(xnum(doc, "count(//Requests[RequestTribunal='1'])"), 1);
	assert_string_equal(xstr(doc, "string(//Requests[RequestMediation='1']/../Forename)"),
			    "Eve");
	assert_string_equal(xstr(doc, "string(//Person[Forename='Eve']//ReceivedDate)"),
			    "2026-04-01");
	assert_int_equal(xnum(doc, "count(//Assessment[OtherTribunal='1'])"), 1);
	assert_int_equal(xnum(doc, "count(//Assessment[OtherMediation='1'])"), 0);
	assert_int_equal(xnum(doc, "count(//Requests[Exported='1'])"), 1);
	assert_string_equal(xstr(doc, "string(//Requests[Exported='1']/../Forename)"), "Ned");
	assert_int_equal(xnum(doc, "count(//ActivePlans[TransferLA='1'])"), 1);
	assert_string_equal(xstr(doc, "string(//ActivePlans[TransferLA='1']/../../Forename)"),
			    "Jay");
	assert_int_equal(xnum(doc, "count(//Requests[RYA='1'])"), 1);
	assert_int_equal(xnum(doc, "count(//Requests[RequestSource='2'])"), 1);
}

static void xml_items(void **state)
{
	(void)state;
	/* the budget: ava's NamedPlan only (ivy's is not a new plan) */
	assert_int_equal(xnum(doc, "count(//NamedPlan[PB='1'])"), 1);
	assert_int_equal(xnum(doc, "count(//NamedPlan[DP='1'])"), 1);
	assert_int_equal(xnum(doc, "count(//NamedPlan[OA='1'])"), 0);
	assert_string_equal(xstr(doc, "string(//Person[Forename='Ava']//NamedPlan/DP)"), "1");
	assert_string_equal(xstr(doc, "string(//Person[Forename='Ava']//NamedPlan/StartDate)"),
			    "2026-05-18");
	/* needs: ava 2, ben ivy jay kit 1 */
	assert_int_equal(xnum(doc, "count(//SENneed)"), 6);
	assert_int_equal(xnum(doc, "count(//SENneed[SENtypeRank='2' and SENtype='SLCN'])"), 1);
	assert_string_equal(xstr(doc, "string(//Person[Forename='Kit']//SENneed/SENtype)"), "PD");
	/* placements on the census date: S1 (ava, ivy), S2 (ben, kit), S4 (jay) */
	assert_int_equal(xnum(doc, "count(//PlacementDetail)"), 5);
	assert_int_equal(xnum(doc, "count(//PlacementDetail[URN='100001'])"), 2);
	assert_int_equal(xnum(doc, "count(//PlacementDetail[URN='100002'])"), 2);
	assert_int_equal(xnum(doc, "count(//PlacementDetail[SENunitIndicator='1'])"), 1);
	assert_string_equal(
		xstr(doc, "string(//Person[Forename='Jay']//PlacementDetail/EntryDate)"),
		"2026-09-02");
	/* plan details: ava's named S1, ben's roll S2, hal's named college */
	assert_int_equal(xnum(doc, "count(//PlanDetail)"), 3);
	assert_int_equal(xnum(doc, "count(//PlanDetail[UKPRN='10000003' and not(URN)])"), 1);
	/* reviews */
	assert_string_equal(xstr(doc, "concat(//Person[Forename='Ivy']//ReviewMeeting, ' ',"
				      " //Person[Forename='Ivy']//ReviewOutcome, ' ',"
				      " //Person[Forename='Ivy']//LastReview)"),
			    "2026-05-11 A 2026-05-26");
	assert_string_equal(xstr(doc, "string(//Person[Forename='Jay']//ReviewOutcome)"), "M");
	/* identifiers */
	assert_string_equal(xstr(doc, "string(//Person[Forename='Dan']/UPNunknown)"), "UN2");
	assert_int_equal(xnum(doc, "count(//Person[Forename='Dan']/UPN)"), 0);
	assert_string_equal(xstr(doc, "string(//Person[Forename='Kit']/UniqueLearnerNumber)"),
			    "1234567899");
	assert_int_equal(xnum(doc, "count(//Person[UPN])"), 10);
}

/* ---- the published tables ---- */

#define MAX_CELLS 48
struct csv {
	size_t rows, cols;
	char cell[24][MAX_CELLS][100];
};
static struct csv T;

/* read a CSV file (quoted fields, "" for a quote) into T; 0 or -1 */
static int csv_read(const char *name)
{
	static struct buf b;
	slurp(fmt("%s/%s", tables, name), &b);
	memset(&T, 0, sizeof(T));
	const char *s = buf_cstr(&b);
	if (!*s)
		return -1;
	size_t r = 0, c = 0, k = 0;
	int quoted = 0;
	for (; *s && r < 24; s++) {
		if (quoted && *s == '"' && s[1] == '"') {
			s++;
		} else if (*s == '"') {
			quoted = !quoted;
			continue;
		} else if (!quoted && (*s == ',' || *s == '\n')) {
			c++, k = 0;
			if (c > T.cols)
				T.cols = c;
			if (*s == '\n')
				r++, c = 0;
			continue;
		} else if (*s == '\r' && !quoted) {
			continue;
		}
		if (c < MAX_CELLS && k + 1 < sizeof(T.cell[0][0]))
			T.cell[r][c][k++] = *s;
	}
	T.rows = r;
	return 0;
}

static int col(const char *name)
{
	for (size_t c = 0; c < T.cols; c++)
		if (strcmp(T.cell[0][c], name) == 0)
			return (int)c;
	fprintf(stderr, "no column %s\n", name);
	return -1;
}

/* the number in column name of the first row whose column key is value (key NULL: row 1);
 * 0 when no row has it (a breakdown with no plans), -1 when the column is missing */
static long num(const char *name, const char *key, const char *value)
{
	int c = col(name), k = key ? col(key) : -1;
	if (c < 0 || (key && k < 0))
		return -1;
	for (size_t r = 1; r < T.rows; r++)
		if (!key || strcmp(T.cell[r][k], value) == 0)
			return strtol(T.cell[r][c], NULL, 10);
	return 0;
}

/* a breakdown of caseload.csv or newplans.csv */
static long plans(const char *topic, const char *value)
{
	int t = col("breakdown_topic"), b = col("breakdown"), n = col("number_of_plans");
	for (size_t r = 1; t >= 0 && b >= 0 && n >= 0 && r < T.rows; r++)
		if (strcmp(T.cell[r][t], topic) == 0 && strcmp(T.cell[r][b], value) == 0)
			return strtol(T.cell[r][n], NULL, 10);
	return 0;
}

static void table_geography(void **state)
{
	(void)state;
	static const char *const files[] = {
		"requests.csv", "assessments.csv",  "timeliness_20_week.csv", "caseload.csv",
		"newplans.csv", "ceased_plans.csv", "annual_reviews.csv"};
	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++) {
		assert_int_equal(csv_read(files[i]), 0);
		assert_true(T.rows >= 2);
		assert_string_equal(T.cell[1][col("time_period")], "2027");
		assert_string_equal(T.cell[1][col("old_la_code")], "202");
		assert_string_equal(T.cell[1][col("la_name")], "Camden");
	}
}

static void table_requests(void **state)
{
	(void)state;
	assert_int_equal(csv_read("requests.csv"), 0);
	/* received in 2026: ava ben cat dan eve fin gus kit ned */
	assert_int_equal(num("requests_received", NULL, NULL), 9);
	assert_int_equal(num("decided_to_assess", NULL, NULL), 5);     /* ava ben cat kit ned */
	assert_int_equal(num("decided_not_to_assess", NULL, NULL), 2); /* dan eve */
	assert_int_equal(num("withdrawn", NULL, NULL), 1);             /* fin */
	assert_int_equal(num("ongoing", NULL, NULL), 1);               /* gus */
	/* 35 days for ava ben cat dan kit, 42 for ned (the last day), 61 for eve */
	assert_int_equal(num("decided_within_6_weeks", NULL, NULL), 6);
	assert_int_equal(num("decided_after_6_weeks", NULL, NULL), 1);
	assert_int_equal(num("mediation", NULL, NULL), 1);
	assert_int_equal(num("tribunal", NULL, NULL), 1);
	assert_int_equal(num("rya", NULL, NULL), 1);
}

static void table_assessments(void **state)
{
	(void)state;
	assert_int_equal(csv_read("assessments.csv"), 0);
	assert_int_equal(num("assessments", NULL, NULL), 5);
	assert_int_equal(num("plan_issued", NULL, NULL), 2);     /* ava ben */
	assert_int_equal(num("plan_not_issued", NULL, NULL), 1); /* cat */
	assert_int_equal(num("withdrawn", NULL, NULL), 0);
	assert_int_equal(num("outstanding", NULL, NULL), 2); /* kit (issued 2027), ned */
	/* cat: 112 days, the last day of 16 weeks */
	assert_int_equal(num("not_issued_within_16_weeks", NULL, NULL), 1);
	assert_int_equal(num("not_issued_after_16_weeks", NULL, NULL), 0);
	assert_int_equal(num("mediation", NULL, NULL), 0);
	assert_int_equal(num("tribunal", NULL, NULL), 0);
	assert_int_equal(num("other_mediation", NULL, NULL), 0);
	assert_int_equal(num("other_tribunal", NULL, NULL), 1); /* ava */
}

static void table_timeliness(void **state)
{
	(void)state;
	assert_int_equal(csv_read("timeliness_20_week.csv"), 0);
	/* ava 126 days, no exception; ben 168 days with an exception */
	assert_int_equal(num("plans_issued", NULL, NULL), 2);
	assert_int_equal(num("within_20_weeks", NULL, NULL), 1);
	assert_int_equal(num("plans_issued_excluding_exceptions", NULL, NULL), 1);
	assert_int_equal(num("within_20_weeks_excluding_exceptions", NULL, NULL), 1);
	assert_int_equal(num("from_20_to_52_weeks", NULL, NULL), 1);
	assert_int_equal(num("over_52_weeks", NULL, NULL), 0);
}

static void table_caseload(void **state)
{
	(void)state;
	assert_int_equal(csv_read("caseload.csv"), 0);
	/* ava ben ivy jay kit; ages on 31 August 2026: 10, 13, 12, 14, 16 */
	assert_int_equal(plans("Total", "Total"), 5);
	assert_int_equal(plans("Sex", "Female"), 2);
	assert_int_equal(plans("Sex", "Male"), 3);
	assert_int_equal(plans("Age", "Under 5"), 0);
	assert_int_equal(plans("Age", "5 to 10"), 1);
	assert_int_equal(plans("Age", "11 to 15"), 3);
	assert_int_equal(plans("Age", "16 to 19"), 1);
	assert_int_equal(plans("Primary need", "ASD"), 1);
	assert_int_equal(plans("Primary need", "SEMH"), 1);
	assert_int_equal(plans("Primary need", "MLD"), 1);
	assert_int_equal(plans("Primary need", "SLCN"), 1);
	assert_int_equal(plans("Primary need", "PD"), 1);
	assert_int_equal(plans("Setting type", "Mainstream school"), 3); /* S1 S1 S4 */
	assert_int_equal(plans("Setting type", "Special school"), 2);    /* S2 S2 */

	assert_int_equal(csv_read("newplans.csv"), 0);
	assert_int_equal(plans("Total", "Total"), 2); /* ava ben */
	assert_int_equal(plans("Sex", "Female"), 1);
	assert_int_equal(plans("Sex", "Male"), 1);
	assert_int_equal(plans("Age", "5 to 10"), 1);
	assert_int_equal(plans("Age", "11 to 15"), 1);
	assert_int_equal(plans("Primary need", "ASD"), 1);
	assert_int_equal(plans("Primary need", "SEMH"), 1);
	assert_int_equal(plans("Setting type", "Mainstream school"), 1);
	assert_int_equal(plans("Setting type", "Special school"), 1);
}

static void table_ceased_and_reviews(void **state)
{
	(void)state;
	assert_int_equal(csv_read("ceased_plans.csv"), 0);
	assert_int_equal(T.rows, 10); /* the header and reasons 1 to 9 */
	for (int r = 1; r <= 9; r++)
		assert_int_equal(num("number_of_plans", "cease_reason", fmt("%d", r)), r == 3);

	assert_int_equal(csv_read("annual_reviews.csv"), 0);
	assert_int_equal(num("plans", NULL, NULL), 5);
	assert_int_equal(num("review_expected", NULL, NULL), 2); /* ivy (2024), jay (2022) */
	assert_int_equal(num("meeting_held", NULL, NULL), 2);
	assert_int_equal(num("maintain", NULL, NULL), 1);
	assert_int_equal(num("amend", NULL, NULL), 1);
	assert_int_equal(num("cease", NULL, NULL), 0);
	assert_int_equal(num("no_decision", NULL, NULL), 0);
	assert_int_equal(num("decision_within_4_weeks", NULL, NULL), 1); /* ivy 15 days */
	assert_int_equal(num("decision_after_4_weeks", NULL, NULL), 1);  /* jay 35 days */
}

/* the trace: a row path,value,source whose path ends with tail */
static int traced(const char *tail, const char *value, const char *source)
{
	static struct buf b;
	slurp(trace, &b);
	const char *want = fmt("/%s\",\"%s\",\"%s\"\n", tail, value, source);
	const char *alt = fmt("/%s,%s,%s\n", tail, value, source); /* unquoted */
	return strstr(buf_cstr(&b), want) || strstr(buf_cstr(&b), alt);
}

static void trace_names_records(void **state)
{
	(void)state;
	assert_true(traced("Requests[1]/ReceivedDate", "2026-01-12", "assessment_case k-ava"));
	assert_true(traced("Week20", "1", "case_exception k-ben/2026-04-01"));
	assert_true(traced("CeaseReason", "3", "plan_cease pc-hal"));
	assert_true(traced("TransferLA", "1", "child_move mv-jay"));
	assert_true(traced("RequestMediation", "1", "mediation md-eve"));
	assert_true(traced("Exported", "1", "child_move mv-ned"));
	assert_true(traced("ReviewOutcome", "A", "review rv-ivy"));
	assert_true(traced("Week20", "0", "no such record"));
}

static void clean_la_checks(void **state)
{
	(void)state;
	assert_int_equal(checks_of("202"), 0);
	assert_non_null(strstr(buf_cstr(&o_), "sen2 checks: 0 errors, 0 queries"));
}

/* RES "X": check E15 names it, and the XSD refuses it, so the export fails: exit 1, no
 * file at --out, FILE.part kept for whoever looks into it */
static void invalid_value_fails_the_export(void **state)
{
	(void)state;
	assert_int_equal(checks_of("204"), 1);
	assert_true(line_has("E15", "child res:"));
	assert_non_null(strstr(buf_cstr(&o_), "sen2 checks: 1 errors, 0 queries"));
	const char *out = fmt("%s/sen2-204.xml", work);
	assert_int_equal(export_sen2("204", "--out", out, (const char *)NULL), 1);
	assert_false(exists(out));
	assert_true(exists(fmt("%s.part", out)));
	assert_non_null(strstr(buf_cstr(&e_), "does not validate"));
	assert_non_null(strstr(buf_cstr(&e_), "RES"));
}

static void write_key(const char *path, unsigned char fill)
{
	unsigned char k[32];
	memset(k, fill, sizeof(k));
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(k, 1, sizeof(k), f), sizeof(k));
	fclose(f);
}

/* the de-identified extract: one row per request (12), no name, birth date, postcode or
 * UPN, the same pseudonym for a child under the same key and another under another key */
static void deidentified_extract(void **state)
{
	(void)state;
	const char *k1 = fmt("%s/k1", work), *k2 = fmt("%s/k2", work);
	write_key(k1, 7);
	write_key(k2, 9);
	const char *f1 = fmt("%s/feed1.csv", work), *f2 = fmt("%s/feed2.csv", work),
		   *f3 = fmt("%s/feed3.csv", work);
	assert_int_equal(export_sen2("202", "--out", fmt("%s/d.xml", work), "--deidentified", f1,
				     "--key", k1, (const char *)NULL),
			 0);
	assert_int_equal(export_sen2("202", "--out", fmt("%s/d.xml", work), "--deidentified", f2,
				     "--key", k1, (const char *)NULL),
			 0);
	assert_int_equal(export_sen2("202", "--out", fmt("%s/d.xml", work), "--deidentified", f3,
				     "--key", k2, (const char *)NULL),
			 0);
	struct buf a, b, c;
	buf_init(&a, 0);
	buf_init(&b, 0);
	buf_init(&c, 0);
	slurp(f1, &a);
	slurp(f2, &b);
	slurp(f3, &c);
	const char *s = buf_cstr(&a);
	size_t lines = 0;
	for (const char *x = s; *x; x++)
		lines += *x == '\n';
	assert_int_equal(lines, 13); /* the header and 12 requests */
	assert_non_null(strstr(s, "\"pseudonym\",\"la_code\",\"age_31_august\""));
	assert_null(strstr(s, "Ava"));
	assert_null(strstr(s, "Test"));       /* every family name */
	assert_null(strstr(s, "2016-03-10")); /* ava's date of birth */
	assert_null(strstr(s, "NW1 2DB"));
	assert_null(strstr(s, "\"ava\"")); /* nor our own ids */
	assert_null(strstr(s, "k-ava"));
	struct db_stmt *st = NULL; /* ava's UPN */
	assert_int_equal(db_prepare(tdb, "SELECT upn FROM child WHERE id = 'ava'", &st), 0);
	assert_int_equal(db_step(st), DB_ROW);
	assert_null(strstr(s, db_column_text(st, 0)));
	db_reset(st);
	assert_string_equal(s, buf_cstr(&b)); /* the same key: the same pseudonyms */
	char first[40] = "", other[40] = "";
	/* the first data row's pseudonym: after the header's line end and a quote */
	snprintf(first, sizeof(first), "%.32s", strchr(s, '\n') + 2);
	snprintf(other, sizeof(other), "%.32s", strchr(buf_cstr(&c), '\n') + 2);
	assert_int_equal(strspn(first, "0123456789abcdef"), 32);
	assert_int_equal(strspn(other, "0123456789abcdef"), 32);
	assert_string_not_equal(first, other);
	buf_release(&a);
	buf_release(&b);
	buf_release(&c);
	/* a key too short is refused */
	FILE *f = fopen(k2, "w");
	fputs("short", f);
	fclose(f);
	assert_int_equal(export_sen2("202", "--out", fmt("%s/d.xml", work), "--deidentified", f3,
				     "--key", k2, (const char *)NULL),
			 1);
	assert_non_null(strstr(buf_cstr(&e_), "16 to 64 random bytes"));
}

int main(void)
{
	buf_init(&o_, 0);
	buf_init(&e_, 0);
	snprintf(work, sizeof(work), "/tmp/sendap-sen2-XXXXXX");
	if (!mkdtemp(work) || harness_db_fresh(&srv) || harness_migrate(&srv) ||
	    db_open(srv.db_url, &tdb)) {
		fprintf(stderr, "http_sen2: could not make the database\n");
		return 1;
	}
	seed_202();
	seed_204();
	if (fix_failed) {
		fprintf(stderr, "http_sen2: %d fixture statements failed\n", fix_failed);
		return 1;
	}
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(exports_and_validates),
		cmocka_unit_test(xml_counts),
		cmocka_unit_test(xml_items),
		cmocka_unit_test(table_geography),
		cmocka_unit_test(table_requests),
		cmocka_unit_test(table_assessments),
		cmocka_unit_test(table_timeliness),
		cmocka_unit_test(table_caseload),
		cmocka_unit_test(table_ceased_and_reviews),
		cmocka_unit_test(trace_names_records),
		cmocka_unit_test(clean_la_checks),
		cmocka_unit_test(invalid_value_fails_the_export),
		cmocka_unit_test(deidentified_extract),
	};
	const char *group =
		getenv("SENDAP_TEST_PG_URL") ? "http sen2 (postgresql)" : "http sen2 (sqlite)";
	int failures = _cmocka_run_group_tests(group, tests, sizeof(tests) / sizeof(tests[0]),
					       setup, teardown);
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
