/*
 * http_placement.c: placements over HTTP against a real sendap (src/placement/): the
 * public settings directory and a setting's page; the local inclusion plan's status and
 * the tailored-list switch it gates; tailored lists made by the rules of rank.h and chosen
 * from by the family; the family's requests (any setting, or mainstream with none named)
 * and the LA's answers; consultations with settings and their SENCos' answers; naming.
 *
 * `sendap migrate` makes the database; a hand-made directory goes straight into it:
 * settings around NW1 1AA (51.5 N, 0.1 W) at distances worked out by hand, some beyond 20
 * or 30 miles or out of the child's age, and 22 "Pager" schools for paging. Child W (LA
 * 202, ASD, 10 on 31 August before next September) lives there; T has no postcode; R1 and
 * R2 fill places. Tests run in order, later ones on what earlier ones wrote. SQLite by
 * default; with SENDAP_TEST_PG_URL set, that PostgreSQL.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <curl/curl.h>
#include <jansson.h>

#include "harness.h"
#include "platform/auth.h"
#include "platform/dates.h"
#include "platform/db.h"
#include "platform/ids.h"

#define PASSWORD "correct horse battery"

static struct server srv;
static struct db *tdb;            /* the test's own connection, for fixtures and reads */
static struct response R;         /* the last answer */
static struct buf got[4], before; /* query results, taking turns; the state before */

enum who { ANON, CW, MGR, P, SH, SK, N_ACTORS };
struct actor {
	const char *key, *role, *la;
	int org; /* a SENCo's setting, or -1 */
	char id[ID_LEN + 1];
	char cookie[300], csrf[64];
};

enum { CH_W, CH_T, CH_R1, CH_R2, N_CHILDREN };
static char child_id[N_CHILDREN][ID_LEN + 1];

/* the directory, URN 100001 + index: near home (L: north and east of it, in millionths of
 * a degree), two near a postcode in Newcastle (N: west of it), one nowhere */
#define HOME_LAT 51500000
#define HOME_LON (-100000)
#define L(n, e) HOME_LAT + (n), HOME_LON + (e)
#define N(w) 54970000, -1610000 - (w)
/* clang-format off */
enum {
	ALDER, BIRCH, CEDAR, DAMSON, ELM, FIR, GORSE, HAZEL, IVY, JUNIPER, KESTREL, LAUREL, MAPLE,
	NUTMEG, OAK, QUINCE, ROWAN, SORREL, WILLOW, XYLO, BOLD, TYNE, HALT, N_SETTINGS
};
static const struct fixture {
	const char *name, *type, *unit, *from, *to, *cap;
	long lat, lon;
	const char *ofsted, *need1, *need2, *report;
} fx[N_SETTINGS] = {
	[ALDER] = {"Alder Primary School", "01", "0", "4", "11", "210", L(15000, 0), "good", "ASD"},
	[BIRCH] = {"Birch Primary School", "34", "0", "4", "11", "420", L(8000, 0),
		   "requires_improvement"},
	[CEDAR] = {"Cedar Primary School", "01", "1", "4", "11", "210", L(44000, 0), "good", "ASD"},
	[DAMSON] = {"Damson Primary School", "01", "1", "4", "11", NULL, L(5000, 0), "outstanding",
		    "HI"},
	[ELM] = {"Elm Primary School", "01", "0", "4", "11", NULL, L(22000, 0), "good"},
	[FIR] = {"Fir Primary School", "01", "0", "4", "11", NULL, L(22000, 0), "outstanding"},
	[GORSE] = {"Gorse Primary School", "01", "0", "4", "11", "1", L(36000, 0), "good"},
	[HAZEL] = {"Hazel Special School", "07", "0", "4", "19", "10", L(-72000, 0), "good", "ASD",
		   "SLCN", "https://hazel.example/sen-report"},
	[IVY] = {"Ivy Special School", "07", "0", "4", "19", "50", L(-10000, 0), "good", "SLD"},
	[JUNIPER] = {"Juniper Special School", "44", "0", "4", "19", "1", L(-20000, 0),
		     "outstanding", "ASD"},
	[KESTREL] = {"Kestrel Special School", "07", "0", "4", "19", "20", L(0, 40000), 0, "ASD"},
	[LAUREL] = {"Laurel House School", "10", "0", "5", "18", "30", L(17000, 0), "good", "ASD"},
	[MAPLE] = {"Maple Pupil Referral Unit", "14", "0", "5", "16", NULL, L(3000, 0)},
	[NUTMEG] = {"Nutmeg Academy", "34", "0", "11", "16", NULL, L(2000, 0), "good"},
	[OAK] = {"Oak Primary School", "01", "0", "4", "11", NULL, L(200000, -400000), "good"},
	[QUINCE] = {"Quince College", "18", "0", "16", "25", NULL, L(60000, 0), "good"},
	[ROWAN] = {"Rowan Nursery School", "15", "0", "2", "4", NULL, L(9000, 0), "good"},
	[SORREL] = {"Sorrel Post-16 Centre", "32", "0", "16", "25", NULL, L(25000, 0), 0, "PMLD"},
	[WILLOW] = {"Willow Primary School", "01", "0", "4", "11", NULL, L(420000, -300000)},
	[XYLO] = {"Xylo Primary School", "01", "0", "4", "11", NULL, L(400000, 0), "good"},
	[BOLD] = {"<b>Bold & Co</b> School", "01", "0", "4", "11", NULL, 0, 0},
	[TYNE] = {"Tyne Valley School", "01", "0", "4", "11", NULL, N(480000), "good"},
	[HALT] = {"Haltwhistle Primary School", "01", "0", "4", "11", NULL, N(740000)},
};
/* clang-format on */
static char sid[N_SETTINGS][ID_LEN + 1];
static char today[DATE_ISO_LEN + 1];

static struct actor cast[N_ACTORS] = {
	[CW] = {"cw", "caseworker", "202", -1}, [MGR] = {"mgr", "la_manager", "202", -1},
	[P] = {"p", "parent", NULL, -1},        [SH] = {"sh", "senco", NULL, HAZEL},
	[SK] = {"sk", "senco", NULL, KESTREL},
};

/* ---- the database ---- */

#define run(...) harness_sql(tdb, __VA_ARGS__)

/* text_of: the first row's columns joined with '|' ("" for NULL), or NULL when there is
 * no row; in one of four buffers that take turns, so that two answers can be compared */
static const char *text_of(const char *sql, int n, ...)
{
	static int k;
	struct buf *out = &got[k = (k + 1) % 4];
	struct db_stmt *st = NULL;
	buf_reset(out);
	if (db_prepare(tdb, sql, &st))
		return NULL;
	va_list ap;
	va_start(ap, n);
	int rc = 0;
	for (int i = 1; i <= n && rc == 0; i++)
		rc = db_bind_text(st, i, va_arg(ap, const char *));
	va_end(ap);
	int row = rc == 0 && db_step(st) == DB_ROW;
	for (int i = 0; row && i < db_column_count(st); i++)
		buf_printf(out, "%s%s", i ? "|" : "",
			   db_column_is_null(st, i) ? "" : db_column_text(st, i));
	db_reset(st);
	return row ? buf_cstr(out) : NULL;
}

/* what the placement pages may write, in one line: a refusal must leave it as it was */
static const char *stored(void)
{
	return text_of("SELECT (SELECT count(*) FROM placement_preference), (SELECT"
		       " count(la_answer) FROM placement_preference), (SELECT count(*) FROM"
		       " placement_consultation), (SELECT count(answered_on) FROM"
		       " placement_consultation), (SELECT count(*) FROM placement_named), (SELECT"
		       " count(*) FROM tailored_list), (SELECT count(chosen_setting_id) FROM"
		       " tailored_list), (SELECT count(*) FROM child_setting), (SELECT status ||"
		       " ':' || coalesce(signed_off_by, '') FROM local_inclusion_plan), (SELECT"
		       " tailored_lists || ':' || max_miles FROM la_placement_setting)",
		       0);
}

/* fmt: printf into one of four buffers that take turns */
static const char *fmt(const char *f, ...)
{
	static char out[4][512];
	static int k;
	va_list ap;
	va_start(ap, f);
	vsnprintf(out[k = (k + 1) % 4], sizeof(out[0]), f, ap);
	va_end(ap);
	return out[k];
}

static void snap(void)
{
	buf_reset(&before);
	buf_puts(&before, stored());
}

#define assert_unchanged() assert_string_equal(stored(), buf_cstr(&before))

/* ---- requests ---- */

static const char *at(int ch, const char *rest)
{
	static char p[4][256];
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof(p[k]), "/children/%s%s", child_id[ch], rest);
	return p[k];
}

static long get(enum who w, const char *path)
{
	const char *h[] = {cast[w].cookie[0] ? cast[w].cookie : NULL, NULL};
	response_release(&R);
	harness_request(&srv, "GET", path, h, NULL, 0, &R);
	return R.status;
}

static long post(enum who w, const char *path, const char *body)
{
	response_release(&R);
	harness_send(&srv, cast[w].cookie, cast[w].csrf, "POST", path, body, CSRF_RIGHT, &R);
	return R.status;
}

#define has(text) response_has(&R, text)

/* refused: a POST answered with status and, when says is given, a page that says it */
static void refused(enum who w, const char *path, const char *body, long status, const char *says)
{
	if (post(w, path, body) != status || (says && !has(says)))
		fail_msg("POST %s \"%s\" as %s: %ld, not %ld %s", path, body, cast[w].key, R.status,
			 status, says ? says : "");
}

/* linked: a setting's name as a link in R ("" when it is not there) */
static const char *linked(int s)
{
	static char t[128];
	snprintf(t, sizeof(t), ">%s</a>", fx[s].name);
	return t;
}

/* in_order: the settings' links appear in R in this order */
static int in_order(const int *s, size_t n)
{
	const char *p = buf_cstr(&R.body);
	for (size_t i = 0; i < n && p; i++)
		if ((p = strstr(p, linked(s[i]))) == NULL)
			fprintf(stderr, "not in order: %s\n", fx[s[i]].name);
	return p != NULL;
}

/* value_after: the value of the summary row `key` after `anchor` in R, or "" */
static const char *value_after(const char *anchor, const char *key)
{
	static char out[256];
	char k[96];
	out[0] = '\0';
	snprintf(k, sizeof(k), ">%s</dt><dd class=\"govuk-summary-list__value\">", key);
	const char *a = strstr(buf_cstr(&R.body), anchor);
	const char *v = a ? strstr(a, k) : NULL;
	if (v) {
		v += strlen(k);
		const char *e = strstr(v, "</dd>");
		snprintf(out, sizeof(out), "%.*s", e ? (int)(e - v) : 0, v);
	}
	return out;
}

/* ---- the fixture ---- */

static int add_setting(const char *id, const struct fixture *f, const char *urn, const char *now)
{
	char lat[16], lon[16];
	snprintf(lat, sizeof(lat), "%ld", f->lat);
	snprintf(lon, sizeof(lon), "%ld", f->lon);
	return run("INSERT INTO organisation (id, kind, name, la_code, urn, setting_type, age_from,"
		   " age_to, postcode, capacity, sen_unit, resourced_provision, created_at, lat_e6,"
		   " lon_e6, ofsted, sen_report_url) VALUES ($1, 'setting', $2, '202', $3, $4,"
		   " CAST($5 AS INTEGER), CAST($6 AS INTEGER), 'NW1 9ZZ', CAST($7 AS INTEGER),"
		   " CAST($8 AS INTEGER), 0, $9, CAST($10 AS INTEGER), CAST($11 AS INTEGER), $12,"
		   " $13)",
		   13, id, f->name, urn, f->type, f->from, f->to, f->cap, f->unit, now,
		   f->lat ? lat : NULL, f->lat ? lon : NULL, f->ofsted, f->report);
}

static int seed(void)
{
	char now[TIME_ISO_LEN + 1], hash[128], dob[16], old[16];
	time_iso(time_now(), now);
	/* aged 10 on 31 August before next September (tailored.c's rule) */
	struct date d = date_today();
	int sept_year = d.m >= 9 ? d.y + 1 : d.y;
	snprintf(dob, sizeof(dob), "%04d-03-01", sept_year - 10);
	snprintf(old, sizeof(old), "%04d-03-01", sept_year - 12);
	if (password_hash(PASSWORD, hash, sizeof(hash)))
		return -1;
	int rc = run("INSERT INTO postcode (postcode, lat_e6, lon_e6) VALUES ('NW1 1AA', 51500000,"
		     " -100000), ('NE1 4ST', 54970000, -1610000)",
		     0);
	for (int s = 0; s < N_SETTINGS && rc == 0; s++) {
		char u[12];
		snprintf(u, sizeof(u), "%d", 100001 + s);
		id_new(sid[s]);
		rc = add_setting(sid[s], &fx[s], u, now);
		const char *needs[] = {fx[s].need1, fx[s].need2};
		for (int k = 0; k < 2 && rc == 0; k++)
			if (needs[k])
				rc = run("INSERT INTO organisation_need VALUES ($1, $2)", 2, sid[s],
					 needs[k]);
	}
	for (int i = 1; i <= 22 && rc == 0; i++) {
		char id[ID_LEN + 1], name[32], u[12];
		struct fixture f = {
			.name = name, .type = "01", .unit = "0", .from = "4", .to = "11"};
		id_new(id);
		snprintf(name, sizeof(name), "Pager School %02d", i);
		snprintf(u, sizeof(u), "%d", 200000 + i);
		rc = add_setting(id, &f, u, now);
		rc = rc ? rc : run("INSERT INTO organisation_need VALUES ($1, 'MLD')", 1, id);
	}
	rc = rc ? rc
		: run("INSERT INTO organisation (id, kind, name, la_code, created_at) VALUES"
		      " ('icb-not-a-setting', 'icb', 'An ICB', '202', $1)",
		      1, now);
	static const char *const names[] = {"Wes", "Tia", "Ray", "Rob"};
	for (int i = 0; i < N_CHILDREN && rc == 0; i++) {
		id_new(child_id[i]);
		rc = run("INSERT INTO child (id, given_name, family_name, search_given,"
			 " search_family, date_of_birth, sex, la_code, sen_status, postcode,"
			 " primary_need, created_at, updated_at) VALUES ($1, $2, 'Webb', lower($2),"
			 " 'webb', $3, 'M', '202', 'ehcp', $4, $5, $6, $6)",
			 6, child_id[i], names[i], i == CH_W ? dob : old,
			 i == CH_W ? "NW1 1AA" : NULL, i <= CH_T ? "ASD" : NULL, now);
	}
	/* Gorse is full (1 of 1), Hazel has 2 of 10, Juniper 1 of 1 (R1's place there ended) */
	static const int roll[][3] = {{CH_R1, GORSE, 0},
				      {CH_R1, HAZEL, 0},
				      {CH_R2, HAZEL, 0},
				      {CH_R2, JUNIPER, 0},
				      {CH_R1, JUNIPER, 1}};
	for (size_t i = 0; i < 5 && rc == 0; i++)
		rc = run("INSERT INTO child_setting (child_id, organisation_id, relation,"
			 " started_on, ended_on) VALUES ($1, $2, 'roll', '2023-09-01', $3)",
			 3, child_id[roll[i][0]], sid[roll[i][1]],
			 roll[i][2] ? "2024-07-19" : NULL);
	for (int w = 1; w < N_ACTORS && rc == 0; w++) {
		struct actor *a = &cast[w];
		id_new(a->id);
		rc = run("INSERT INTO user_account (id, email, name, role, la_code,"
			 " organisation_id, password_hash, disabled, created_at) VALUES ($1,"
			 " $2 || '@example.org', $2, $3, $4, $5, $6, 0, $7)",
			 7, a->id, a->key, a->role, a->la, a->org >= 0 ? sid[a->org] : NULL, hash,
			 now);
	}
	rc = rc ? rc
		: run("INSERT INTO family_member (id, name, user_id, created_at)"
		      " VALUES ($1, 'P', $1, $2)",
		      2, cast[P].id, now);
	return rc ? rc
		  : run("INSERT INTO family_link (family_member_id, child_id, relationship)"
			" VALUES ($1, $2, 'mother')",
			2, cast[P].id, child_id[CH_W]);
}

/* ---- the directory ---- */

static void directory_by_name_kind_need_and_age(void **state)
{
	(void)state;
	static const struct {
		const char *query, *count;
		int in, out;
	} cases[] = {
		{"", "45 settings match.", ALDER, -1},
		{"q=hazel", "1 setting matches.", HAZEL, IVY},
		{"q=PRIMARY+school&kind=unit", "2 settings match.", CEDAR, ALDER},
		{"kind=mainstream", "34 settings match.", ALDER, CEDAR},
		{"kind=unit", "2 settings match.", DAMSON, HAZEL},
		{"kind=special", "4 settings match.", JUNIPER, LAUREL},
		{"kind=independent", "1 setting matches.", LAUREL, HAZEL},
		{"kind=fe", "2 settings match.", SORREL, ROWAN},
		{"kind=early", "1 setting matches.", ROWAN, QUINCE},
		{"kind=ap", "1 setting matches.", MAPLE, NUTMEG},
		{"need=ASD", "6 settings match.", ALDER, DAMSON},
		{"need=HI", "1 setting matches.", DAMSON, CEDAR},
		{"age=3", "1 setting matches.", ROWAN, ALDER},
		{"age=17&kind=fe", "2 settings match.", QUINCE, HAZEL},
		{"age=12&kind=mainstream", "1 setting matches.", NUTMEG, ALDER},
		{"need=ASD&kind=special&age=10", "3 settings match.", KESTREL, IVY},
		{"kind=fe&age=10", "0 settings match.", -1, QUINCE},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(get(ANON, fmt("/settings?%s", cases[i].query)), 200);
		if (!has(cases[i].count))
			fail_msg("/settings?%s: not \"%s\"", cases[i].query, cases[i].count);
		assert_true(cases[i].in < 0 || has(linked(cases[i].in)));
		assert_true(cases[i].out < 0 || !has(linked(cases[i].out)));
	}
	/* each with its kind, designations and places (R1's place at Juniper has ended) */
	assert_int_equal(get(ANON, "/settings?q=juniper"), 200);
	assert_string_equal(value_after(linked(JUNIPER), "Kind"), "Special school");
	assert_non_null(strstr(value_after(linked(JUNIPER), "Places"), ", 1 filled"));
	assert_false(has(">Distance</dt>"));
}

static void directory_near_a_postcode(void **state)
{
	(void)state;
	assert_int_equal(get(ANON, "/settings?near=nw1+1aa"), 200);
	/* 20 settings near it have coordinates; Willow is 31.7 miles away */
	assert_true(has("19 settings match."));
	assert_false(has(linked(WILLOW)) || has("Bold") || has(">Pager School 01</a>"));
	/* nearest first; Elm and Fir are as near as each other, and go by name */
	static const int order[] = {NUTMEG, MAPLE,   DAMSON, BIRCH, ROWAN,   IVY,    ALDER,
				    LAUREL, JUNIPER, ELM,    FIR,   KESTREL, SORREL, GORSE,
				    CEDAR,  QUINCE,  HAZEL,  OAK,   XYLO};
	assert_true(in_order(order, sizeof(order) / sizeof(order[0])));
	/* due north, 69.0941 miles a degree: 0.002 -> 0.138, 0.005 -> 0.345, 0.044 -> 3.040,
	 * 0.072 -> 4.975, 0.4 -> 27.638. Due east 0.04 at 51.5 N: 2R asin(cos 51.5 sin 0.02)
	 * = 7917.6 x 0.62251 x 3.4907e-4 = 1.7205. 0.2 N and 0.4 W: h = sin^2(0.1) + cos 51.5
	 * cos 51.7 sin^2(0.2) = 3.0462e-6 + 0.62251 x 0.61978 x 1.2185e-5 = 7.7472e-6, and
	 * 7917.6 x asin(sqrt h) = 22.04 */
	static const struct {
		int s;
		const char *miles;
	} shown[] = {{NUTMEG, "0.1 miles"}, {DAMSON, "0.3 miles"}, {CEDAR, "3.0 miles"},
		     {HAZEL, "5.0 miles"},  {XYLO, "27.6 miles"},  {KESTREL, "1.7 miles"},
		     {OAK, "22.0 miles"}};
	for (size_t i = 0; i < sizeof(shown) / sizeof(shown[0]); i++)
		assert_string_equal(value_after(linked(shown[i].s), "Distance"), shown[i].miles);
	assert_int_equal(get(ANON, "/settings?near=NW11AA&need=ASD&kind=special"), 200);
	assert_true(has("3 settings match."));
	static const int special[] = {JUNIPER, KESTREL, HAZEL};
	assert_true(in_order(special, 3));
}

/* In the north a degree of longitude is shorter: at 54.97 N, cos 54.97 = 0.57401, and
 * 0.74 deg due west is 2R asin(0.57401 x sin 0.37) = 7917.6 x 0.0037068 = 29.35 miles,
 * within 30; 0.48 deg is 19.04 */
static void directory_near_a_northern_postcode(void **state)
{
	(void)state;
	assert_int_equal(get(ANON, "/settings?near=NE1+4ST"), 200);
	assert_string_equal(value_after(linked(TYNE), "Distance"), "19.0 miles");
	assert_string_equal(value_after(linked(HALT), "Distance"), "29.3 miles");
	assert_true(has("2 settings match."));
}

static void directory_refuses_bad_postcodes_and_ages(void **state)
{
	(void)state;
	static const char *const bad[][2] = {
		{"near=not+a+postcode", "Enter a postcode, like SW1A 1AA"},
		{"near=ZZ9+9ZZ", "We do not know where that postcode is: try a nearby one"},
		{"age=99", "Enter an age from 0 to 25"},
		{"age=ten", "Enter an age from 0 to 25"}};
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(get(ANON, fmt("/settings?%s", bad[i][0])), 422);
		assert_true(has("govuk-error-summary") && has(bad[i][1]));
	}
}

#define PAGED "/settings?q=pager&amp;kind=mainstream&amp;need=MLD&amp;age=7&amp;near=&amp;page="

static void directory_pages_keep_the_filters(void **state)
{
	(void)state;
	assert_int_equal(get(ANON, "/settings?q=pager&kind=mainstream&need=MLD&age=7"), 200);
	assert_true(has("22 settings match."));
	assert_true(has(">Pager School 01</a>") && has(">Pager School 20</a>"));
	assert_false(has(">Pager School 21</a>"));
	assert_true(has("href=\"" PAGED "2\" rel=\"next\""));
	assert_int_equal(get(ANON, "/settings?q=pager&kind=mainstream&need=MLD&age=7&near=&page=2"),
			 200);
	assert_true(has(">Pager School 21</a>") && has(">Pager School 22</a>"));
	assert_false(has(">Pager School 20</a>") || has("rel=\"next\""));
	assert_true(has("href=\"" PAGED "1\""));
}

static void setting_page_shows_what_a_family_needs(void **state)
{
	(void)state;
	assert_int_equal(get(ANON, fmt("/settings/%s", sid[HAZEL])), 200);
	assert_true(has(">Hazel Special School</h1>"));
	assert_string_equal(value_after("<h1", "Designated for"), "ASD, SLCN");
	assert_string_equal(value_after("<h1", "Places"), "10 places, 2 filled");
	assert_string_equal(value_after("<h1", "Ofsted"), "Good");
	assert_string_equal(value_after("<h1", "Ages"), "4 to 19");
	assert_string_equal(value_after("<h1", "Local authority"), "Camden");
	assert_true(has("href=\"https://hazel.example/sen-report\">Its SEN information report"));
	assert_int_equal(get(ANON, fmt("/settings/%s", sid[KESTREL])), 200);
	assert_string_equal(value_after("<h1", "Places"), "20 places, 0 filled");
	assert_string_equal(value_after("<h1", "Ofsted"), "Not yet inspected");
	assert_false(has("Its SEN information report"));
	/* unknown, or not a setting */
	assert_int_equal(get(ANON, "/settings/0000000000000000000000000a"), 404);
	assert_int_equal(get(ANON, "/settings/icb-not-a-setting"), 404);
	/* text is escaped, on the page and in the directory */
	assert_int_equal(get(ANON, fmt("/settings/%s", sid[BOLD])), 200);
	assert_true(has(">&lt;b&gt;Bold &amp; Co&lt;/b&gt; School</h1>"));
	assert_false(has("<b>Bold"));
	assert_int_equal(get(ANON, "/settings?q=%3Cb%3EBold"), 200);
	assert_true(has(">&lt;b&gt;Bold &amp; Co&lt;/b&gt; School</a>"));
	assert_true(has("value=\"&lt;b&gt;Bold\""));
	assert_false(has("<b>Bold"));
}

/* ---- the local inclusion plan and the tailored-list switch ---- */

#define ONLY_SIGNED_OFF "only when the local inclusion plan is signed off"
#define PLAN "/placements/settings/plan"
#define LISTS "/placements/settings/lists"
#define LISTS_ON "lists=on&max_miles=20"
#define SIGNED_OFF "status=signed_off&signed_off_by=Jo+Grey"
#define switch_state() row("tailored_lists FROM la_placement_setting", 0)

/* row: one row's columns, joined with '|' */
#define row(sql, ...) text_of("SELECT " sql, __VA_ARGS__)

static void family_always_sees_the_right_to_mainstream(void **state)
{
	(void)state;
	assert_int_equal(get(P, at(CH_W, "/placement")), 200);
	assert_true(has("id=\"mainstream-right\""));
	assert_true(has("You can ask for a mainstream school or college."));
	assert_true(has(at(CH_W, "/placement/preference\"")));
	assert_false(has("A list of suitable settings"));
	/* without tailored lists no list can be made */
	snap();
	refused(CW, at(CH_W, "/placement/list"), "", 409, NULL);
	assert_unchanged();
}

static void lists_switch_needs_a_signed_off_plan(void **state)
{
	(void)state;
	/* no plan recorded, then draft, then submitted */
	static const char *const plans[] = {NULL, "status=draft", "status=submitted"};
	for (size_t i = 0; i < 3; i++) {
		assert_true(!plans[i] || post(MGR, PLAN, plans[i]) == 303);
		snap();
		refused(MGR, LISTS, LISTS_ON, 422, ONLY_SIGNED_OFF);
		assert_unchanged();
		assert_null(switch_state());
	}
	assert_string_equal(row("status FROM local_inclusion_plan WHERE la_code = '202'", 0),
			    "submitted");
	snap();
	refused(MGR, PLAN, "status=signed_off", 422,
		"Enter who signed it off for the Regions Group");
	refused(MGR, PLAN, "status=approved", 422, "Choose the plan&#39;s status");
	/* a caseworker may do neither */
	assert_int_equal(get(CW, "/placements/settings"), 403);
	refused(CW, PLAN, SIGNED_OFF, 403, NULL);
	refused(CW, LISTS, LISTS_ON, 403, NULL);
	assert_unchanged();
	assert_int_equal(post(MGR, PLAN, SIGNED_OFF), 303);
	assert_string_equal(
		row("status, signed_off_by, signed_off_on FROM local_inclusion_plan", 0),
		fmt("signed_off|Jo Grey|%s", today));
	/* signed off, but not switched on yet */
	refused(CW, at(CH_W, "/placement/list"), "", 409, NULL);
	assert_int_equal(post(MGR, LISTS, LISTS_ON), 303);
	assert_string_equal(row("tailored_lists, max_miles, set_by FROM la_placement_setting", 0),
			    fmt("1|20|%s", cast[MGR].id));
	assert_int_equal(get(MGR, "/placements/settings"), 200);
	assert_true(has("On: caseworkers can make a list of suitable settings"));
	/* a plan back in draft switches lists off, and they stay off until signed off */
	assert_int_equal(post(MGR, PLAN, "status=draft"), 303);
	assert_string_equal(switch_state(), "0");
	snap();
	refused(CW, at(CH_W, "/placement/list"), "", 409, NULL);
	refused(MGR, LISTS, LISTS_ON, 422, ONLY_SIGNED_OFF);
	assert_unchanged();
	assert_int_equal(post(MGR, PLAN, SIGNED_OFF), 303);
	assert_string_equal(switch_state(), "0");
	assert_int_equal(post(MGR, LISTS, LISTS_ON), 303);
	assert_string_equal(switch_state(), "1");
}

/* ---- tailored lists ---- */

/* rank.h for W (ASD, 10, at home): mainstream first with the designated unit (Cedar) at
 * its head, then by distance (Fir before Elm at the same distance: Outstanding), Gorse
 * full but mainstream (s43), Alder designated but with no unit; specialist designated
 * for ASD with a place (Kestrel nearer than Hazel; Juniper full, Ivy SLD off);
 * independent last though near. Off: Maple (AP), Nutmeg (ages), Oak (22 miles). */
static const int expected[] = {CEDAR, DAMSON, BIRCH,   ALDER, FIR,
			       ELM,   GORSE,  KESTREL, HAZEL, LAUREL};
#define N_EXPECTED (sizeof(expected) / sizeof(expected[0]))

static void officers_make_a_list_by_the_ranking_rules(void **state)
{
	(void)state;
	snap();
	refused(P, at(CH_W, "/placement/list"), "", 403, NULL);
	assert_unchanged();
	assert_int_equal(post(CW, at(CH_W, "/placement/list"), ""), 303);
	assert_true(response_location_is(&R, at(CH_W, "/placement")));
	assert_string_equal(row("child_id, la_code, made_by FROM tailored_list", 0),
			    fmt("%s|202|%s", child_id[CH_W], cast[CW].id));
	json_error_t je;
	json_t *entries = json_loads(row("entries FROM tailored_list", 0), 0, &je);
	json_t *inputs = json_loads(row("inputs FROM tailored_list", 0), 0, &je);
	assert_int_equal(json_array_size(entries), N_EXPECTED);
	for (size_t i = 0; i < N_EXPECTED && i < json_array_size(entries); i++) {
		json_t *e = json_array_get(entries, i);
		const char *s = json_string_value(json_object_get(e, "setting"));
		if (!s || strcmp(s, sid[expected[i]]) != 0)
			fail_msg("entry %zu: %s, not %s", i + 1,
				 json_string_value(json_object_get(e, "name")),
				 fx[expected[i]].name);
	}
	/* each with its reasons in words (Cedar, Alder, Gorse, Hazel) */
	static const char *const reasons[] = {
		"Mainstream with a SEN unit or resourced provision; designated for ASD; 3.0 miles"
		" from home; 210 places free; Ofsted: Good",
		"Mainstream; 1.0 miles from home; 210 places free; Ofsted: Good",
		"Mainstream; 2.5 miles from home; Ofsted: Good",
		"Special school; designated for ASD; 5.0 miles from home; 8 places free; Ofsted:"
		" Good"};
	static const size_t at_index[] = {0, 3, 6, 8};
	for (size_t r = 0; r < 4; r++)
		assert_string_equal(json_string_value(json_object_get(
					    json_array_get(entries, at_index[r]), "reasons")),
				    reasons[r]);
	/* what it was made from: 14 in the box and the age range, 11 considered, 1 full */
	char *in = json_dumps(inputs, JSON_COMPACT | JSON_SORT_KEYS);
	assert_string_equal(in ? in : "",
			    "{\"age\":10,\"candidates\":14,\"considered\":11,"
			    "\"full\":1,\"mainstream_suitable\":true,\"max_miles\":20,"
			    "\"need\":\"ASD\"}");
	free(in);
	json_decref(entries);
	json_decref(inputs);
}

static void no_list_without_a_known_postcode(void **state)
{
	(void)state;
	snap();
	refused(CW, at(CH_T, "/placement/list"), "", 422, "home postcode is not known");
	/* and one the postcode table does not hold */
	assert_int_equal(
		run("UPDATE child SET postcode = 'E1 6AN' WHERE id = $1", 1, child_id[CH_T]), 0);
	refused(CW, at(CH_T, "/placement/list"), "", 422, "home postcode is not known");
	assert_unchanged();
}

static void family_chooses_from_the_list(void **state)
{
	(void)state;
	assert_int_equal(get(P, at(CH_W, "/placement")), 200);
	assert_true(has("A list of suitable settings") && has("id=\"mainstream-right\""));
	assert_true(in_order(expected, N_EXPECTED));
	assert_true(has("id=\"choose-1\"") && has("id=\"choose-10\"") && !has("id=\"choose-11\""));
	assert_int_equal(get(CW, at(CH_W, "/placement")), 200);
	assert_true(in_order(expected, N_EXPECTED));
	assert_false(has("Choose this one"));
	assert_true(has("Make the list again"));
	char list[ID_LEN + 1];
	snprintf(list, sizeof(list), "%s", row("id FROM tailored_list", 0));
	/* a setting not on the list, a list not the child's, an officer choosing */
	snap();
	refused(P, at(CH_W, "/placement/choose"), fmt("list=%s&setting=%s", list, sid[IVY]), 404,
		NULL);
	refused(P, at(CH_W, "/placement/choose"),
		fmt("list=%s&setting=%s", child_id[CH_W], sid[CEDAR]), 404, NULL);
	refused(CW, at(CH_W, "/placement/choose"), fmt("list=%s&setting=%s", list, sid[CEDAR]), 403,
		NULL);
	assert_unchanged();
	assert_int_equal(
		post(P, at(CH_W, "/placement/choose"), fmt("list=%s&setting=%s", list, sid[CEDAR])),
		303);
	assert_string_equal(row("chosen_setting_id, chosen_on FROM tailored_list", 0),
			    fmt("%s|%s", sid[CEDAR], today));
	assert_string_equal(row("setting_id, mainstream_requested, made_by, child_id FROM"
				" placement_preference",
				0),
			    fmt("%s|0|%s|%s", sid[CEDAR], cast[P].id, child_id[CH_W]));
	assert_int_equal(get(P, at(CH_W, "/placement")), 200);
	assert_true(has(">Chosen</strong>") && !has("id=\"choose-1\"") && has("id=\"choose-2\""));
}

static void family_asks_for_any_setting_or_mainstream(void **state)
{
	(void)state;
	static const char *const bad[][2] = {
		{"ask=setting&setting=999999", "Enter the URN of a school or college"},
		{"ask=setting&setting=", "Enter the URN of a school or college"},
		{"ask=setting&setting=icb-not-a-setting", "Enter the URN of a school or college"},
		{"ask=anything&setting=100009", "Choose what you are asking for"},
	};
	snap();
	for (size_t i = 0; i < 4; i++)
		refused(P, at(CH_W, "/placement/preference"), bad[i][0], 422, bad[i][1]);
	assert_unchanged();
	/* Ivy is not on the list */
	assert_int_equal(post(P, at(CH_W, "/placement/preference"),
			      "ask=setting&setting=100009&reasons=Near+his+grandmother"),
			 303);
	assert_string_equal(row("mainstream_requested, reasons FROM placement_preference WHERE"
				" setting_id = $1",
				1, sid[IVY]),
			    "0|Near his grandmother");
	assert_int_equal(post(P, at(CH_W, "/placement/preference"), "ask=mainstream"), 303);
	assert_string_equal(row("setting_id, made_by FROM placement_preference WHERE"
				" mainstream_requested = 1",
				0),
			    fmt("|%s", cast[P].id));
	assert_string_equal(row("count(*) FROM placement_preference", 0), "3");
	assert_int_equal(get(P, at(CH_W, "/placement")), 200);
	assert_true(has(">Ivy Special School</dd>"));
	assert_true(has(">A mainstream school or college (none named)</dd>"));
}

/* ---- the LA's answers, consultations, naming ---- */

static void la_answers_a_preference_once(void **state)
{
	(void)state;
	const char *pid = row("id FROM placement_preference WHERE setting_id = $1", 1, sid[IVY]);
	char path[128];
	snprintf(path, sizeof(path), "/children/%s/placement/preference/%s", child_id[CH_W], pid);
	snap();
	refused(CW, path, "answer=refused", 422, "Enter the reasons");
	refused(CW, path, "answer=refused&la_reasons=", 422, "Enter the reasons");
	refused(CW, path, "answer=perhaps&la_reasons=Why", 422, "Choose agree or refuse");
	refused(P, path, "answer=agreed&la_reasons=I+agree", 403, NULL);
	assert_unchanged();
	assert_int_equal(post(CW, path,
			      "answer=refused&la_reasons=Incompatible+with+the+efficient+use+of+"
			      "resources%3A+a+nearer+school+meets+his+needs"),
			 303);
	assert_string_equal(row("la_answer, la_reasons, answered_by, answered_on FROM"
				" placement_preference WHERE setting_id = $1",
				1, sid[IVY]),
			    fmt("refused|Incompatible with the efficient use of resources: a"
				" nearer school meets his needs|%s|%s",
				cast[CW].id, today));
	snap();
	refused(MGR, path, "answer=agreed&la_reasons=On+second+thoughts", 409, NULL);
	assert_unchanged();
	assert_int_equal(get(P, at(CH_W, "/placement")), 200);
	assert_true(has("Refused: Incompatible with the efficient use of resources"));
}

static void consulted_settings_answer_within_15_days(void **state)
{
	(void)state;
	assert_int_equal(get(SH, at(CH_W, "")), 404);
	snap();
	refused(CW, at(CH_W, "/placement/consult"), "consult_setting=999999", 422,
		"Enter the URN of a school or college in the directory");
	refused(P, at(CH_W, "/placement/consult"), "consult_setting=100008", 403, NULL);
	assert_unchanged();
	assert_int_equal(post(CW, at(CH_W, "/placement/consult"), "consult_setting=100008"), 303);
	char due[DATE_ISO_LEN + 1], path[96];
	date_iso(date_add_days(date_today(), 15), due);
	assert_string_equal(row("setting_id, la_code, sent_on, due_on, created_by FROM"
				" placement_consultation",
				0),
			    fmt("%s|202|%s|%s|%s", sid[HAZEL], today, due, cast[CW].id));
	assert_string_equal(row("started_on FROM child_setting WHERE child_id = $1 AND"
				" organisation_id = $2 AND relation = 'consultation'",
				2, child_id[CH_W], sid[HAZEL]),
			    today);
	snprintf(path, sizeof(path), "/placements/consultations/%s",
		 row("id FROM placement_consultation", 0));
	/* Hazel's SENCo may now see W, and has it to answer; Kestrel's has not */
	assert_int_equal(get(SH, at(CH_W, "")), 200);
	assert_int_equal(get(SH, "/placements/consultations"), 200);
	assert_true(has("Wes Webb") && has(path));
	assert_int_equal(get(SK, "/placements/consultations"), 200);
	assert_false(has("Wes Webb"));
	assert_int_equal(get(SK, at(CH_W, "")), 404);
	assert_int_equal(get(SK, path), 404);
	assert_int_equal(get(SH, path), 200);
	/* a refusal needs a statutory ground and reasons */
	static const char *const bad[][2] = {
		{"answer=cannot_meet&reasons=No+room", "must give one of the statutory grounds"},
		{"answer=cannot_meet&ground=because&reasons=No+room", "the statutory grounds"},
		{"answer=cannot_meet&ground=resources", "Enter the reasons for the refusal"},
		{"answer=cannot_meet&ground=resources&reasons=", "Enter the reasons for the"},
		{"answer=maybe", "Choose whether the setting can meet the needs"}};
	snap();
	refused(SK, path, "answer=can_meet", 404, NULL);
	for (size_t i = 0; i < 5; i++)
		refused(SH, path, bad[i][0], 422, bad[i][1]);
	assert_unchanged();
	assert_int_equal(
		post(SH, path, "answer=cannot_meet&ground=resources&reasons=Every+class+is+full"),
		303);
	assert_string_equal(
		row("answer, ground, reasons, answered_by, answered_on FROM placement_consultation",
		    0),
		fmt("cannot_meet|resources|Every class is full|%s|%s", cast[SH].id, today));
	snap();
	refused(SH, path, "answer=can_meet", 404, NULL);
	assert_int_equal(get(SH, path), 404);
	assert_unchanged();
	assert_int_equal(get(CW, at(CH_W, "/placement")), 200);
	assert_true(has("Cannot: Incompatible with the efficient use of resources. Every class is "
			"full"));
}

static void overdue_consultations_are_shown(void **state)
{
	(void)state;
	assert_int_equal(post(CW, at(CH_W, "/placement/consult"), "consult_setting=100011"), 303);
	assert_int_equal(get(CW, "/placements/consultations"), 200);
	assert_true(has("1 waiting, 0 overdue"));
	assert_int_equal(run("UPDATE placement_consultation SET sent_on = '2025-01-06', due_on ="
			     " '2025-01-27' WHERE setting_id = $1",
			     1, sid[KESTREL]),
			 0);
	assert_int_equal(get(CW, "/placements/consultations"), 200);
	assert_true(has("Kestrel Special School") && has("27 January 2025: overdue"));
	assert_true(has("1 waiting, 1 overdue (15 days have passed)."));
	assert_false(has("Hazel Special School"));
	assert_int_equal(get(SK, "/placements/consultations"), 200);
	assert_true(has("27 January 2025: overdue"));
	assert_int_equal(get(CW, at(CH_W, "/placement")), 200);
	assert_true(has("27 January 2025 (overdue)"));
}

static void officers_name_the_setting(void **state)
{
	(void)state;
	const char *name = at(CH_W, "/placement/name");
	snap();
	refused(CW, name, "name_setting=100003", 422, "Enter the reasons");
	refused(CW, name, "name_setting=100003&name_reasons=", 422, "Enter the reasons");
	refused(CW, name, "name_setting=999999&name_reasons=Near", 422,
		"Enter the URN of a school or college in the directory");
	refused(P, name, "name_setting=100003&name_reasons=Near", 403, NULL);
	assert_unchanged();
	assert_int_equal(post(CW, name,
			      "name_setting=100003&name_reasons=The+family%27s+choice%3B+its+base"),
			 303);
	assert_string_equal(
		row("setting_id, reasons, named_by, named_on FROM placement_named", 0),
		fmt("%s|The family's choice; its base|%s|%s", sid[CEDAR], cast[CW].id, today));
	assert_int_equal(get(P, at(CH_W, "/placement")), 200);
	assert_true(has("The family&#39;s choice; its base"));
}

/* Last, as it fills the directory: 5,001 more mainstream schools named to come first. The
 * search reads at most 5,000 settings, by name; kind and age must still be searched for
 * in all of them */
static void directory_kind_and_age_search_every_setting(void **state)
{
	(void)state;
	assert_int_equal(run("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE"
			     " i < 5001) INSERT INTO organisation (id, kind, name, la_code,"
			     " setting_type, age_from, age_to, created_at) SELECT 'bulk-' || i,"
			     " 'setting', 'Aardvark School ' || i, '202', '01', 4, 11, $1 FROM n",
			     1, today),
			 0);
	assert_int_equal(get(ANON, "/settings?kind=special"), 200);
	assert_true(has("4 settings match.") && has(linked(KESTREL)));
	assert_int_equal(get(ANON, "/settings?kind=fe&age=17"), 200);
	assert_true(has("2 settings match.") && has(linked(SORREL)));
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	for (int i = 0; i < 4; i++)
		buf_init(&got[i], 0);
	buf_init(&before, 0);
	date_iso(date_today(), today);
	int rc = harness_db_fresh(&srv) || harness_migrate(&srv) || db_open(srv.db_url, &tdb) ||
		 seed() || harness_start(&srv, NULL);
	for (int w = 1; w < N_ACTORS && rc == 0; w++)
		rc = harness_sign_in(&srv, fmt("%s@example.org", cast[w].key), PASSWORD,
				     cast[w].cookie, sizeof(cast[w].cookie), cast[w].csrf,
				     sizeof(cast[w].csrf), NULL, 0);
	int failures = 1;
	if (rc == 0) {
		static const struct CMUnitTest tests[] = {
			cmocka_unit_test(directory_by_name_kind_need_and_age),
			cmocka_unit_test(directory_near_a_postcode),
			cmocka_unit_test(directory_near_a_northern_postcode),
			cmocka_unit_test(directory_refuses_bad_postcodes_and_ages),
			cmocka_unit_test(directory_pages_keep_the_filters),
			cmocka_unit_test(setting_page_shows_what_a_family_needs),
			cmocka_unit_test(family_always_sees_the_right_to_mainstream),
			cmocka_unit_test(lists_switch_needs_a_signed_off_plan),
			cmocka_unit_test(officers_make_a_list_by_the_ranking_rules),
			cmocka_unit_test(no_list_without_a_known_postcode),
			cmocka_unit_test(family_chooses_from_the_list),
			cmocka_unit_test(family_asks_for_any_setting_or_mainstream),
			cmocka_unit_test(la_answers_a_preference_once),
			cmocka_unit_test(consulted_settings_answer_within_15_days),
			cmocka_unit_test(overdue_consultations_are_shown),
			cmocka_unit_test(officers_name_the_setting),
			cmocka_unit_test(directory_kind_and_age_search_every_setting),
		};
		failures = _cmocka_run_group_tests(
			getenv("SENDAP_TEST_PG_URL") ? "http placement (postgresql)"
						     : "http placement (sqlite)",
			tests, sizeof(tests) / sizeof(tests[0]), NULL, NULL);
	} else {
		fprintf(stderr, "http_placement: could not migrate, seed, start or sign in\n");
	}
	response_release(&R);
	for (int i = 0; i < 4; i++)
		buf_release(&got[i]);
	buf_release(&before);
	if (tdb)
		db_close(tdb);
	int status = srv.pid > 0 ? harness_stop(&srv, SIGTERM) : 0;
	harness_cleanup(&srv);
	curl_global_cleanup();
	if (status != 0)
		fprintf(stderr,
			"http_placement: sendap exited with status %d (sanitizer report in"
			" build/test-logs/server-*.log)\n",
			status);
	return failures || status ? 1 : 0;
}
