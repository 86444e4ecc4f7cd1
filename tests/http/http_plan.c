/*
 * http_plan.c: a child's EHC plan page, GET /children/{id}/plan, over HTTP against a real
 * sendap. A small cast is written straight into a fresh database (as in http_access.c): a
 * parent P linked to child A, a parent P2 linked to child B, a caseworker and a manager of
 * LA 202, a DfE analyst. Plans are imported with plan_import() on the test's own
 * connection: A's complete plan (tests/plan/full.json), B's plan with vague, unquantified
 * provision, C's plan with HTML in its text; D has no plan. Then:
 *
 *   - P sees A's plan: every section A to K, the provision tables' rows, no flags; a new
 *     version imported while the server runs is the one shown;
 *   - B's plan answers P exactly as an unknown id does, and the analyst gets 404 for all;
 *   - council staff see the "Check" flags beside the lines and an inset counting them
 *     (the count is the number shown); the family never does;
 *   - each read writes one audit row, and a 404 writes none;
 *   - text from the plan is escaped.
 *
 * Against SQLite by default; with SENDAP_TEST_PG_URL set, against that PostgreSQL.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <curl/curl.h>
#include <jansson.h>

#include "harness.h"
#include "plan/plan.h"
#include "platform/auth.h"
#include "platform/dates.h"
#include "platform/db.h"
#include "platform/err.h"
#include "platform/ids.h"

#define PASSWORD "correct horse battery"
#define FULL_PLAN "tests/plan/full.json"

static struct server srv;
static struct db *tdb; /* the test's own connection, for fixtures and counts */

/* ---- the cast ---- */

enum who { ANON, P, P2, CW, MGR, DFE, N_ACTORS };

struct actor {
	const char *key;
	const char *email;
	const char *role;
	const char *la;
	const char *home; /* where signing in leads */
	char id[ID_LEN + 1];
	char cookie[300]; /* "Cookie: sendap_session=..." */
};

static struct actor cast[N_ACTORS] = {
	[ANON] = {"anonymous", NULL, NULL, NULL, NULL, "", ""},
	[P] = {"P", "p@example.org", "parent", NULL, "/children", "", ""},
	[P2] = {"P2", "p2@example.org", "parent", NULL, "/children", "", ""},
	[CW] = {"CW", "cw@example.org", "caseworker", "202", "/children", "", ""},
	[MGR] = {"MGR", "mgr@example.org", "la_manager", "202", "/children", "", ""},
	[DFE] = {"DFE", "dfe@example.org", "dfe_analyst", NULL, "/", "", ""},
};

/* A: P's child, a complete plan. B: P2's child, a plan with vague provision. C: a plan
 * with HTML in its text. D: no plan. All of LA 202, A allocated to CW. */
enum { CH_A, CH_B, CH_C, CH_D, N_CHILDREN };
static char child_id[N_CHILDREN][ID_LEN + 1];
static char unknown_id[ID_LEN + 1];

/* ---- database helpers ---- */

#define run(...) harness_sql(tdb, __VA_ARGS__)

static long reads_of(enum who w, const char *id)
{
	struct db_stmt *st = NULL;
	long n = -1;
	if (db_prepare(tdb,
		       "SELECT count(*) FROM audit_event WHERE actor_id = $1 AND action = 'read'"
		       " AND record_type = 'plan' AND record_id = $2",
		       &st))
		return -1;
	if (db_bind_text(st, 1, cast[w].id) == 0 && db_bind_text(st, 2, id) == 0 &&
	    db_step(st) == DB_ROW)
		n = (long)db_column_int64(st, 0);
	db_reset(st);
	return n;
}

/* wait_reads: reads_of once it has reached want, or after 5 s (the server writes the rows
 * of reads from a background thread, a moment after the response) */
static long wait_reads(enum who w, const char *id, long want)
{
	long n = reads_of(w, id);
	for (int i = 0; n < want && i < 1000; i++) {
		struct timespec pause = {0, 5 * 1000 * 1000};
		nanosleep(&pause, NULL);
		n = reads_of(w, id);
	}
	return n;
}

/* ---- the plans ---- */

static json_t *full_plan(const char *child)
{
	json_error_t je;
	json_t *plan = json_load_file(FULL_PLAN, JSON_REJECT_DUPLICATES, &je);
	if (!plan) {
		fprintf(stderr, "http_plan: %s: %s\n", FULL_PLAN, je.text);
		return NULL;
	}
	json_object_set_new(json_object_get(plan, "child"), "id", json_string(child));
	return plan;
}

/* vague_plan: one need, one outcome, one line of provision with "access to" in it and no
 * frequency; no outcome prepares for adulthood (B is past Year 9) */
static json_t *vague_plan(const char *child)
{
	return json_pack(
		"{s:s, s:s, s:{s:s, s:s}, s:[{s:s, s:s, s:s}], s:[{s:s, s:s, s:s, s:[s]}],"
		" s:[{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:[s], s:[s]}]}",
		"schema", PLAN_SCHEMA, "template", "sendap-example/1", "child", "id", child, "name",
		"Ben Brook", "needs", "id", "n1", "area", "cognition_learning", "text",
		"Reads about two years below his age", "outcomes", "id", "o1", "text",
		"Reads a Year 6 text aloud at 80 words a minute", "by", "2027-07-16", "needs", "n1",
		"provision", "id", "p1", "section", "F", "what", "Access to a reading intervention",
		"who", "Teaching assistant", "secured_by", "Local authority", "duration",
		"20 minutes", "group_size", "1:4", "needs", "n1", "outcomes", "o1");
}

/* import: plan_import on the test's own connection; 0 or the error */
static int import(json_t *plan)
{
	if (!plan)
		return -1;
	struct arena a;
	arena_init(&a, 0);
	struct field_errors errs = {0};
	char vid[ID_LEN + 1];
	int rc = plan_import(tdb, plan, NULL, &a, &errs, vid);
	for (size_t i = 0; rc && i < errs.n; i++)
		fprintf(stderr, "http_plan: import: %s: %s\n", errs.items[i].pointer,
			errs.items[i].message);
	arena_release(&a);
	json_decref(plan);
	return rc;
}

static int seed(void)
{
	char now[TIME_ISO_LEN + 1], hash[128];
	time_iso(time_now(), now);
	if (password_hash(PASSWORD, hash, sizeof(hash)))
		return -1;
	int rc = run("INSERT INTO local_authority (code, name, region) VALUES ('202', 'Camden',"
		     " 'London')",
		     0);
	static const struct {
		const char *given, *family, *dob;
		enum who caseworker;
	} kids[N_CHILDREN] = {
		[CH_A] = {"Amara", "Ashdown", "2014-03-02", CW},
		[CH_B] = {"Ben", "Brook", "2012-07-19", ANON},
		[CH_C] = {"Cara", "Cole", "2013-11-30", ANON},
		[CH_D] = {"Dev", "Dale", "2015-01-09", ANON},
	};
	for (int w = 1; w < N_ACTORS; w++)
		id_new(cast[w].id);
	for (int i = 0; i < N_CHILDREN && rc == 0; i++) {
		char sg[32], sf[32];
		id_new(child_id[i]);
		snprintf(sg, sizeof(sg), "%c%s", kids[i].given[0] + 32, kids[i].given + 1);
		snprintf(sf, sizeof(sf), "%c%s", kids[i].family[0] + 32, kids[i].family + 1);
		rc = run("INSERT INTO child (id, given_name, family_name, search_given,"
			 " search_family, date_of_birth, sex, la_code, sen_status, caseworker_id,"
			 " created_at, updated_at)"
			 " VALUES ($1, $2, $3, $4, $5, $6, 'F', '202', 'ehcp', $7, $8, $8)",
			 8, child_id[i], kids[i].given, kids[i].family, sg, sf, kids[i].dob,
			 kids[i].caseworker ? cast[kids[i].caseworker].id : NULL, now);
	}
	for (int w = 1; w < N_ACTORS && rc == 0; w++) {
		struct actor *a = &cast[w];
		rc = run("INSERT INTO user_account (id, email, name, role, la_code, password_hash,"
			 " disabled, created_at)"
			 " VALUES ($1, $2, $3, $4, $5, $6, 0, $7)",
			 7, a->id, a->email, a->key, a->role, a->la, hash, now);
	}
	rc = rc ? rc
		: run("INSERT INTO family_member (id, name, user_id, created_at)"
		      " VALUES ($1, 'P', $1, $3), ($2, 'P2', $2, $3)",
		      3, cast[P].id, cast[P2].id, now);
	rc = rc ? rc
		: run("INSERT INTO family_link (family_member_id, child_id, relationship)"
		      " VALUES ($1, $2, 'mother'), ($3, $4, 'father')",
		      4, cast[P].id, child_id[CH_A], cast[P2].id, child_id[CH_B]);
	rc = rc ? rc : import(full_plan(child_id[CH_A]));
	rc = rc ? rc : import(vague_plan(child_id[CH_B]));
	if (rc == 0) {
		json_t *c = full_plan(child_id[CH_C]);
		json_t *n1 = c ? json_array_get(json_object_get(c, "needs"), 0) : NULL;
		json_object_set_new(n1, "text",
				    json_string("<script>alert(\"n1\")</script> & \"quoted\""));
		json_object_set_new(json_object_get(c, "section_a"), "views",
				    json_string("<b>I like</b> <img src=x onerror=alert(1)>"));
		json_object_set_new(json_array_get(json_object_get(c, "provision"), 0), "who",
				    json_string("<i>therapist</i>"));
		rc = import(c);
	}
	id_new(unknown_id);
	return rc;
}

/* ---- requests ---- */

static void get_as(enum who w, const char *path, struct response *r)
{
	const char *h[] = {cast[w].cookie[0] ? cast[w].cookie : NULL, NULL};
	harness_request(&srv, "GET", path, h, NULL, 0, r);
}

static const char *plan_path(const char *child)
{
	static char p[128];
	snprintf(p, sizeof(p), "/children/%s/plan", child);
	return p;
}

static int occurrences(const struct response *r, const char *s)
{
	int n = 0;
	for (const char *p = buf_cstr(&r->body); (p = strstr(p, s)) != NULL; p += strlen(s))
		n++;
	return n;
}

static int sign_in_actor(enum who w)
{
	struct actor *a = &cast[w];
	char where[256] = "";
	if (harness_sign_in(&srv, a->email, PASSWORD, a->cookie, sizeof(a->cookie), NULL, 0, where,
			    sizeof(where)) != 0 ||
	    strcmp(where, a->home) != 0) {
		fprintf(stderr, "http_plan: %s could not sign in\n", a->key);
		return -1;
	}
	return 0;
}

/* inset_count: N in the inset "The quality check found N things", or -1 */
static long inset_count(const struct response *r)
{
	const char *p = strstr(buf_cstr(&r->body), "The quality check found ");
	return p ? strtol(p + strlen("The quality check found "), NULL, 10) : -1;
}

#define CHECK_TAG "<strong class=\"govuk-tag govuk-tag--orange\">Check</strong>"

/* ---- the tests ---- */

static void parent_sees_the_whole_plan(void **state)
{
	(void)state;
	struct response r;
	get_as(P, plan_path(child_id[CH_A]), &r);
	assert_int_equal(r.status, 200);
	static const char *const headings[] = {
		">Section A: Views, interests and aspirations</h2>",
		">Section B: Special educational needs</h2>",
		">Section C: Health needs</h2>",
		">Section D: Social care needs</h2>",
		">Section E: Outcomes</h2>",
		">Section F: Special educational provision</h2>",
		">Section G: Health provision</h2>",
		">Section H1: Social care provision under section 2 of the Chronically Sick and "
		"Disabled Persons Act 1970</h2>",
		">Section H2: Other social care provision</h2>",
		">Section I: Placement</h2>",
		">Section J: Personal budget</h2>",
		">Section K: Advice and information</h2>",
	};
	const char *prev = buf_cstr(&r.body);
	for (size_t i = 0; i < sizeof(headings) / sizeof(headings[0]); i++) {
		const char *at = strstr(prev, headings[i]);
		if (!at)
			print_error("missing or out of order: %s\n", headings[i]);
		assert_non_null(at);
		prev = at;
	}
	assert_true(response_has(&r, "<h1 class=\"govuk-heading-l\">"));
	assert_int_equal(occurrences(&r, "<h1"), 1);
	assert_true(response_has(&r, "Amara Ashdown"));
	/* five lines of provision: three in F, one in G, one in H2; each a row with its header */
	assert_int_equal(occurrences(&r, "<tr class=\"govuk-table__row\"><th scope=\"row\""), 5);
	assert_int_equal(occurrences(&r, "<table class=\"govuk-table\">"), 3);
	/* the family may comment on a draft: a link under the line's text, in its cell */
	assert_true(response_has(&r, "Speech and language therapy programme on following "
				     "instructions<p class=\"govuk-body-s sendap-no-print\"><a "
				     "class=\"govuk-link\" href=\"/children/"));
	assert_true(response_has(
		&r, "</span></a></p>"
		    "</th><td class=\"govuk-table__cell\">Speech and language therapist"
		    " (HCPC registered)</td><td class=\"govuk-table__cell\">Once a week in"
		    " term time</td><td class=\"govuk-table__cell\">30 minutes</td>"));
	assert_true(response_has(&r, "Overnight short break for the family"));
	assert_true(response_has(&r, "Example Secondary School"));
	assert_true(response_has(&r, "£1200.00 a year"));
	assert_true(response_has(&r, "By 17 July 2026"));
	assert_true(response_has(&r, "Preparing for adulthood"));
	/* a complete plan for the family: no flags, no inset */
	assert_int_equal(occurrences(&r, ">Check</strong>"), 0);
	assert_false(response_has(&r, "The quality check found"));
	response_release(&r);
}

static void latest_version_is_shown(void **state)
{
	(void)state;
	json_t *v2 = full_plan(child_id[CH_A]);
	assert_non_null(v2);
	json_object_set_new(json_object_get(v2, "placement"), "name",
			    json_string("Riverside Secondary School"));
	assert_int_equal(import(v2), 0);
	struct response r;
	get_as(P, plan_path(child_id[CH_A]), &r);
	assert_int_equal(r.status, 200);
	assert_true(response_has(&r, "Riverside Secondary School"));
	assert_false(response_has(&r, "Example Secondary School"));
	response_release(&r);
}

/* after latest_version_is_shown: version 2 changed the placement only */
static void versions_are_compared(void **state)
{
	(void)state;
	struct response r;
	get_as(P, plan_path(child_id[CH_A]), &r);
	assert_int_equal(r.status, 200);
	assert_true(response_has(&r, "What changed since version 1"));
	response_release(&r);
	char path[160];
	snprintf(path, sizeof(path), "/children/%s/plan/compare?from=1&to=2", child_id[CH_A]);
	get_as(P, path, &r);
	assert_int_equal(r.status, 200);
	assert_true(response_has(&r, "What changed from version 1 to version 2"));
	assert_true(response_has(&r, "was <del>Example Secondary School</del>, now "
				     "<ins>Riverside Secondary School</ins>"));
	assert_false(response_has(&r, "Removed"));
	response_release(&r);
	/* another family's child: as if it did not exist */
	snprintf(path, sizeof(path), "/children/%s/plan/compare?from=1&to=2", child_id[CH_A]);
	get_as(P2, path, &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	/* a version that does not exist */
	snprintf(path, sizeof(path), "/children/%s/plan/compare?from=1&to=9", child_id[CH_A]);
	get_as(P, path, &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
}

/* the JSON API: export, import the same document back, export again: identical */
static void api_round_trip(void **state)
{
	(void)state;
	char path[160], csrf_h[128], cookie_csrf[64] = "";
	struct response r;
	get_as(CW, "/api/v1/me", &r);
	assert_int_equal(r.status, 200);
	const char *t = strstr(buf_cstr(&r.body), "\"csrf_token\":\"");
	assert_non_null(t);
	t += strlen("\"csrf_token\":\"");
	snprintf(cookie_csrf, sizeof(cookie_csrf), "%.*s", (int)strcspn(t, "\""), t);
	response_release(&r);
	snprintf(csrf_h, sizeof(csrf_h), "X-CSRF-Token: %s", cookie_csrf);

	snprintf(path, sizeof(path), "/api/v1/children/%s/plan?version=1", child_id[CH_A]);
	get_as(CW, path, &r);
	assert_int_equal(r.status, 200);
	char *first = strdup(buf_cstr(&r.body));
	response_release(&r);
	assert_non_null(first);

	snprintf(path, sizeof(path), "/api/v1/children/%s/plan", child_id[CH_A]);
	const char *h[] = {cast[CW].cookie, csrf_h, "Content-Type: application/json", NULL};
	harness_request(&srv, "POST", path, h, first, strlen(first), &r);
	assert_int_equal(r.status, 201);
	response_release(&r);

	get_as(CW, path, &r); /* the latest: the version just imported */
	assert_int_equal(r.status, 200);
	assert_string_equal(buf_cstr(&r.body), first);
	response_release(&r);

	/* the family may read it, not import */
	get_as(P, path, &r);
	assert_int_equal(r.status, 200);
	response_release(&r);
	/* a link to a need not in this plan is refused, naming the field */
	char *bad = strdup(first);
	char *at = strstr(bad, "\"needs\":[\"n1\"],\"outcomes\":[\"o1\",\"o4\"]");
	assert_non_null(at);
	memcpy(at + 10, "zz", 2);
	harness_request(&srv, "POST", path, h, bad, strlen(bad), &r);
	assert_int_equal(r.status, 422);
	assert_true(response_has(&r, "/provision/0/needs/0"));
	response_release(&r);
	free(bad);
	free(first);
}

/* csrf_header: "X-CSRF-Token: ..." for the actor, from GET /api/v1/me */
static void csrf_header(enum who w, char *out, size_t n)
{
	struct response r;
	get_as(w, "/api/v1/me", &r);
	const char *t = strstr(buf_cstr(&r.body), "\"csrf_token\":\"");
	assert_non_null(t);
	t += strlen("\"csrf_token\":\"");
	snprintf(out, n, "X-CSRF-Token: %.*s", (int)strcspn(t, "\""), t);
	response_release(&r);
}

static long versions_of(const char *child)
{
	char sql[160];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM plan_version WHERE child_ref = '%s'",
		 child);
	struct db_stmt *st = NULL;
	long n = -1;
	if (db_prepare(tdb, sql, &st) == 0 && db_step(st) == DB_ROW)
		n = (long)db_column_int64(st, 0);
	if (st)
		db_reset(st);
	return n;
}

/* the family writes section A: a first draft for a child with no plan, then the same
 * draft changed in place; another family's child is not found */
static void family_writes_section_a(void **state)
{
	(void)state;
	char csrf[128], path[160];
	csrf_header(P, csrf, sizeof(csrf));
	const char *h[] = {cast[P].cookie, csrf, "Content-Type: application/x-www-form-urlencoded",
			   NULL};
	struct response r;
	/* child A's family: A already has plans; add a child of P's with none: use A's
	 * latest and check a new draft appears, then is changed in place */
	long before = versions_of(child_id[CH_A]);
	snprintf(path, sizeof(path), "/children/%s/plan/section-a", child_id[CH_A]);
	get_as(P, path, &r);
	assert_int_equal(r.status, 200);
	assert_true(response_has(&r, "About me"));
	response_release(&r);
	const char *body = "views=I+like+horses+%3Cb%3Ea+lot%3C%2Fb%3E&aspirations=Vet+nurse";
	harness_request(&srv, "POST", path, h, body, strlen(body), &r);
	assert_int_equal(r.status, 303);
	response_release(&r);
	long after = versions_of(child_id[CH_A]);
	assert_true(after == before || after == before + 1);
	harness_request(&srv, "POST", path, h, body, strlen(body), &r);
	assert_int_equal(r.status, 303);
	response_release(&r);
	assert_int_equal(versions_of(child_id[CH_A]), after); /* the draft changed in place */
	get_as(P, plan_path(child_id[CH_A]), &r);
	assert_true(response_has(&r, "I like horses &lt;b&gt;a lot&lt;/b&gt;"));
	response_release(&r);
	/* too long */
	char *big = malloc(5000);
	assert_non_null(big);
	memcpy(big, "views=", 6);
	memset(big + 6, 'x', 4100);
	big[4106] = '\0';
	harness_request(&srv, "POST", path, h, big, strlen(big), &r);
	assert_int_equal(r.status, 422);
	response_release(&r);
	free(big);
	/* another family's child */
	snprintf(path, sizeof(path), "/children/%s/plan/section-a", child_id[CH_B]);
	harness_request(&srv, "POST", path, h, body, strlen(body), &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
}

static void another_familys_plan_is_not_found(void **state)
{
	(void)state;
	long before = reads_of(P, child_id[CH_B]);
	long before2 = reads_of(P2, child_id[CH_B]);
	struct response theirs, none;
	get_as(P, plan_path(child_id[CH_B]), &theirs);
	get_as(P, plan_path(unknown_id), &none);
	assert_int_equal(theirs.status, 404);
	assert_int_equal(none.status, 404);
	assert_true(response_same(&theirs, &none));
	assert_false(response_has(&theirs, "Brook"));
	assert_false(response_has(&theirs, "reading intervention"));
	response_release(&theirs);
	response_release(&none);
	/* P2's own child is there for P2 */
	get_as(P2, plan_path(child_id[CH_B]), &theirs);
	assert_int_equal(theirs.status, 200);
	response_release(&theirs);
	/* P2's read lands after any P's 404 could have queued: then P's count is final */
	assert_int_equal(wait_reads(P2, child_id[CH_B], before2 + 1), before2 + 1);
	assert_int_equal(reads_of(P, child_id[CH_B]), before);
}

static void analyst_and_stranger_get_nothing(void **state)
{
	(void)state;
	for (int c = 0; c < N_CHILDREN; c++) {
		struct response r, u;
		get_as(DFE, plan_path(child_id[c]), &r);
		get_as(DFE, plan_path(unknown_id), &u);
		assert_int_equal(r.status, 404);
		assert_true(response_same(&r, &u));
		response_release(&r);
		response_release(&u);
		/* nobody signed in is sent to sign in */
		get_as(ANON, plan_path(child_id[c]), &r);
		assert_int_equal(r.status, 303);
		char loc[256] = "";
		assert_int_equal(response_header(&r, "Location", loc, sizeof(loc)), 0);
		assert_string_equal(loc, "/sign-in");
		response_release(&r);
		assert_int_equal(reads_of(DFE, child_id[c]), 0);
	}
}

static void staff_see_flags_family_does_not(void **state)
{
	(void)state;
	struct response r;
	/* B is past Year 9 with no outcome preparing for adulthood: that flag is about the
	 * whole plan; the line p1 has "Access to" and no frequency */
	for (int w = CW; w <= MGR; w++) {
		get_as((enum who)w, plan_path(child_id[CH_B]), &r);
		assert_int_equal(r.status, 200);
		long n = inset_count(&r);
		int shown = occurrences(&r, CHECK_TAG);
		if (n != shown)
			print_error("%s: the inset counts %ld, the page shows %d Check tags\n",
				    cast[w].key, n, shown);
		assert_true(n >= 3);
		assert_int_equal(n, shown);
		/* p1's flags are beside p1, in its row's header cell */
		const char *row = strstr(buf_cstr(&r.body), "Access to a reading intervention");
		assert_non_null(row);
		const char *flag = strstr(row, CHECK_TAG);
		assert_non_null(flag);
		const char *end = strstr(row, "</th>");
		assert_non_null(end);
		assert_true(flag < end);
		assert_true(response_has(&r, "access to&quot; leaves what the child gets open"));
		assert_true(response_has(&r, "Say how often and for how long"));
		assert_true(response_has(&r, "<td class=\"govuk-table__cell\">Not given</td>"));
		/* the flag about the whole plan is shown under section E */
		const char *e = strstr(buf_cstr(&r.body), ">Section E: Outcomes</h2>");
		const char *pfa = strstr(buf_cstr(&r.body), "outcomes that prepare for adulthood");
		assert_non_null(e);
		assert_non_null(pfa);
		assert_true(e < pfa);
		response_release(&r);
	}
	/* the same plan for the family: no flags, no inset */
	get_as(P2, plan_path(child_id[CH_B]), &r);
	assert_int_equal(r.status, 200);
	assert_true(response_has(&r, "Access to a reading intervention"));
	assert_int_equal(occurrences(&r, ">Check</strong>"), 0);
	assert_false(response_has(&r, "The quality check found"));
	assert_false(response_has(&r, "sendap-plan-flags"));
	response_release(&r);
	/* a complete plan has nothing for staff to check either */
	get_as(CW, plan_path(child_id[CH_A]), &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(occurrences(&r, ">Check</strong>"), 0);
	assert_false(response_has(&r, "The quality check found"));
	response_release(&r);
}

static void no_plan_yet(void **state)
{
	(void)state;
	struct response r;
	get_as(CW, plan_path(child_id[CH_D]), &r);
	assert_int_equal(r.status, 200);
	assert_true(response_has(&r, "There is no plan yet."));
	assert_false(response_has(&r, "Section A"));
	assert_true(response_has(&r, "Dev Dale"));
	response_release(&r);
}

static void reading_a_plan_is_audited(void **state)
{
	(void)state;
	static const struct {
		enum who w;
		int child;
	} reads[] = {{P, CH_A}, {P2, CH_B}, {CW, CH_A}, {CW, CH_D}, {MGR, CH_C}};
	for (size_t i = 0; i < sizeof(reads) / sizeof(reads[0]); i++) {
		const char *id = child_id[reads[i].child];
		long before = reads_of(reads[i].w, id);
		struct response r;
		get_as(reads[i].w, plan_path(id), &r);
		assert_int_equal(r.status, 200);
		response_release(&r);
		long after = wait_reads(reads[i].w, id, before + 1);
		if (after != before + 1)
			print_error("%s reading %s's plan: %ld audit rows added\n",
				    cast[reads[i].w].key, id, after - before);
		assert_int_equal(after, before + 1);
	}
}

static void plan_text_is_escaped(void **state)
{
	(void)state;
	struct response r;
	get_as(CW, plan_path(child_id[CH_C]), &r);
	assert_int_equal(r.status, 200);
	assert_true(response_has(&r, "&lt;script&gt;alert("));
	assert_true(response_has(&r, "&lt;/script&gt; &amp; "));
	assert_false(response_has(&r, "<script>alert"));
	assert_false(response_has(&r, "</script> &"));
	assert_true(response_has(&r, "&lt;b&gt;I like&lt;/b&gt;"));
	assert_false(response_has(&r, "<b>I like"));
	assert_false(response_has(&r, "<img src=x"));
	assert_true(response_has(&r, "&lt;i&gt;therapist&lt;/i&gt;"));
	assert_false(response_has(&r, "<i>therapist"));
	response_release(&r);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (harness_db_fresh(&srv) || db_open(srv.db_url, &tdb) || seed() ||
	    harness_start(&srv, NULL)) {
		fprintf(stderr, "http_plan: could not seed or start sendap\n");
		return 1;
	}
	int rc = 0;
	for (int w = 1; w < N_ACTORS && rc == 0; w++)
		rc = sign_in_actor((enum who)w);
	int failures = 1;
	if (rc == 0) {
		static const struct CMUnitTest tests[] = {
			cmocka_unit_test(parent_sees_the_whole_plan),
			cmocka_unit_test(latest_version_is_shown),
			cmocka_unit_test(versions_are_compared),
			cmocka_unit_test(api_round_trip),
			cmocka_unit_test(family_writes_section_a),
			cmocka_unit_test(another_familys_plan_is_not_found),
			cmocka_unit_test(analyst_and_stranger_get_nothing),
			cmocka_unit_test(staff_see_flags_family_does_not),
			cmocka_unit_test(no_plan_yet),
			cmocka_unit_test(reading_a_plan_is_audited),
			cmocka_unit_test(plan_text_is_escaped),
		};
		const char *group = getenv("SENDAP_TEST_PG_URL") ? "http plan (postgresql)"
								 : "http plan (sqlite)";
		failures = _cmocka_run_group_tests(group, tests, sizeof(tests) / sizeof(tests[0]),
						   NULL, NULL);
	}
	db_close(tdb);
	int status = harness_stop(&srv, SIGTERM);
	harness_cleanup(&srv);
	curl_global_cleanup();
	if (status != 0) {
		fprintf(stderr,
			"http_plan: sendap exited with status %d (sanitizer report in "
			"build/test-logs/server-*.log)\n",
			status);
		return 1;
	}
	return failures ? 1 : 0;
}
