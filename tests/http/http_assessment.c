/*
 * http_assessment.c: EHC needs assessments over HTTP against a real sendap. A small cast
 * (a caseworker of LA 202 allocated to the children, a manager of 202, a parent, a
 * caseworker of LA 383, a professional) is written straight into a fresh database; each
 * account signs in through POST /sign-in. Then:
 *
 *   - the whole journey through the pages: the parent asks for an assessment with the
 *     date boxes, the caseworker records each step up to the final plan, and after every
 *     step the parent's page shows it, its date, the notice and the deadlines' statuses;
 *   - the same journey through the JSON API, checking the clock's due dates and statuses;
 *   - bad input, form and JSON: each answered 422 naming the field, and nothing saved;
 *   - who may see and who may record; the CSRF guard;
 *   - the caseloads and the managers' timeliness page.
 *
 * Every date is in the past, chosen relative to today, so the test runs on any day. The
 * deadlines expected are worked by hand from the request date (6 weeks is 42 days) and
 * England's bank holidays (reference/bank_holidays.csv).
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
#include "platform/auth.h"
#include "platform/dates.h"
#include "platform/db.h"
#include "platform/ids.h"

#define PASSWORD "correct horse battery"

static struct server srv;
static struct db *tdb; /* the test's own connection, for fixtures and counts */

/* ---- the cast ---- */

enum who { ANON, P, CW, MGR, CW383, PRO, SENCO, MGR383, N_ACTORS };

struct actor {
	const char *key;
	const char *name;
	const char *email;
	const char *role;
	const char *la;
	char id[ID_LEN + 1];
	char cookie[300]; /* "Cookie: sendap_session=..." */
	char csrf[64];
};

static struct actor cast[N_ACTORS] = {
	[ANON] = {"anonymous", NULL, NULL, NULL, NULL, "", "", ""},
	[P] = {"P", "Priya Patel", "p@example.org", "parent", NULL, "", "", ""},
	[CW] = {"CW", "Colin Walsh", "cw@example.org", "caseworker", "202", "", "", ""},
	[MGR] = {"MGR", "Maya Green", "mgr@example.org", "la_manager", "202", "", "", ""},
	[CW383] = {"CW383", "Lee Dunn", "cw383@example.org", "caseworker", "383", "", "", ""},
	[PRO] = {"PRO", "Pat Rowe", "pro@example.org", "professional", NULL, "", "", ""},
	[SENCO] = {"SENCO", "Sue Crane", "senco@example.org", "senco", NULL, "", "", ""},
	[MGR383] = {"MGR383", "Mo Hart", "mgr383@example.org", "la_manager", "383", "", "", ""},
};

/*
 * A: the journey through the pages. B: the journey through the API. C: bad input. D: the
 * caseloads. E and F: a panel's agenda. G: advice from a professional. H: advice to chase.
 * I: a setting's request (on the roll of SENCO's setting). J: the exceptions form. All of
 * LA 202, school age, allocated to CW; P is the parent of all of them. X (a panel's
 * agenda), T1 and T2 (the 20-week shares) are of LA 383.
 */
enum { CH_A, CH_B, CH_C, CH_D, CH_E, CH_F, CH_G, CH_H, CH_I, CH_J, CH_X, CH_T1, CH_T2, N_CHILDREN };
static char child_id[N_CHILDREN][ID_LEN + 1];
static char unknown_id[ID_LEN + 1];
static char org_id[ID_LEN + 1]; /* SENCO's setting */

/* England's bank holidays, for working days */
static struct date holiday_days[400];
static struct holidays holidays = {holiday_days, 0};

/* ---- database helpers ---- */

#define run(...) harness_sql(tdb, __VA_ARGS__)

/* count: the single number a SELECT count(*) with up to two text parameters gives */
static long count(const char *sql, const char *a, const char *b)
{
	struct db_stmt *st = NULL;
	long n = -1;
	if (db_prepare(tdb, sql, &st))
		return -1;
	const char *args[] = {a, b};
	int rc = 0;
	for (int i = 0; i < 2 && args[i] && rc == 0; i++)
		rc = db_bind_text(st, i + 1, args[i]);
	if (rc == 0 && db_step(st) == DB_ROW)
		n = (long)db_column_int64(st, 0);
	db_reset(st);
	return n;
}

/* text_of: the text of the single value a SELECT with one text parameter gives ("" if
 * none) */
static const char *text_of(const char *sql, const char *a)
{
	static char ring[4][128];
	static int k;
	char *out = ring[k++ % 4];
	out[0] = '\0';
	struct db_stmt *st = NULL;
	if (db_prepare(tdb, sql, &st))
		return out;
	if (db_bind_text(st, 1, a) == 0 && db_step(st) == DB_ROW && !db_column_is_null(st, 0))
		snprintf(out, 128, "%s", db_column_text(st, 0));
	db_reset(st);
	return out;
}

/* case_of: the id of the child's assessment case */
static const char *case_of(int child)
{
	return text_of("SELECT id FROM assessment_case WHERE child_id = $1", child_id[child]);
}

/* what a refused request must leave as it was: every row of the area */
struct tally_rows {
	long cases, events, notices, exceptions;
};

static struct tally_rows rows_now(void)
{
	return (struct tally_rows){
		count("SELECT count(*) FROM assessment_case", NULL, NULL),
		count("SELECT count(*) FROM case_event", NULL, NULL),
		count("SELECT count(*) FROM notice", NULL, NULL),
		count("SELECT count(*) FROM case_exception", NULL, NULL),
	};
}

static int rows_same(struct tally_rows a, struct tally_rows b)
{
	return a.cases == b.cases && a.events == b.events && a.notices == b.notices &&
	       a.exceptions == b.exceptions;
}

/* reads_of: the audit rows of w's reads of the child's assessment */
static long reads_of(enum who w, const char *child)
{
	return count("SELECT count(*) FROM audit_event WHERE actor_id = $1 AND action = 'read'"
		     " AND record_type = 'assessment' AND record_id = $2",
		     cast[w].id, child);
}

/* wait_reads: reads_of once it reaches want, or after 5 s (the audit rows of reads are
 * written by a background thread, audit_writer.c) */
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

static int load_holidays(void)
{
	FILE *f = fopen("reference/bank_holidays.csv", "r");
	if (!f)
		return -1;
	char line[256];
	while (fgets(line, sizeof(line), f) && holidays.n < 400) {
		struct date d;
		line[strcspn(line, ",")] = '\0';
		if (date_parse(line, &d) == 0)
			holiday_days[holidays.n++] = d;
	}
	fclose(f);
	return holidays.n ? 0 : -1;
}

static int seed(void)
{
	char now[TIME_ISO_LEN + 1], hash[128];
	time_iso(time_now(), now);
	if (password_hash(PASSWORD, hash, sizeof(hash)))
		return -1;
	int rc = run("INSERT INTO local_authority (code, name, region) VALUES ('202', 'Camden',"
		     " 'London'), ('383', 'Leeds', 'Yorkshire and The Humber')",
		     0);
	for (int w = 1; w < N_ACTORS; w++)
		id_new(cast[w].id);
	for (int w = 1; w < N_ACTORS && rc == 0; w++) {
		struct actor *a = &cast[w];
		rc = run("INSERT INTO user_account (id, email, name, role, la_code,"
			 " password_hash, disabled, created_at)"
			 " VALUES ($1, $2, $3, $4, $5, $6, 0, $7)",
			 7, a->id, a->email, a->name, a->role, a->la, hash, now);
	}
	static const char *const given[N_CHILDREN] = {"Amara", "Ben",  "Cara", "Dev",  "Erin",
						      "Finn",  "Gita", "Hana", "Isla", "Jay",
						      "Xan",   "Tom",  "Uma"};
	static const char *const family[N_CHILDREN] = {
		"Ashdown", "Brook", "Cole",  "Dale", "Ellis", "Ford",     "Gray",
		"Hill",    "Irwin", "Jones", "Xu",   "Tate",  "Underwood"};
	for (int i = 0; i < N_CHILDREN && rc == 0; i++) {
		char sg[32], sf[32];
		id_new(child_id[i]);
		snprintf(sg, sizeof(sg), "%c%s", given[i][0] + 32, given[i] + 1);
		snprintf(sf, sizeof(sf), "%c%s", family[i][0] + 32, family[i] + 1);
		rc = run("INSERT INTO child (id, given_name, family_name, search_given,"
			 " search_family, date_of_birth, sex, la_code, sen_status, caseworker_id,"
			 " created_at, updated_at)"
			 " VALUES ($1, $2, $3, $4, $5, '2016-03-02', 'F', '202', 'sen_support',"
			 " $6, $7, $7)",
			 7, child_id[i], given[i], family[i], sg, sf, cast[CW].id, now);
		if (rc == 0 && i >= CH_X)
			rc = run("UPDATE child SET la_code = '383', caseworker_id = $2 WHERE id = "
				 "$1",
				 2, child_id[i], cast[CW383].id);
	}
	/* SENCO's setting, with I on its roll */
	id_new(org_id);
	rc = rc ? rc
		: run("INSERT INTO organisation (id, kind, name, la_code, created_at)"
		      " VALUES ($1, 'setting', 'Kentish Town Primary', '202', $2)",
		      2, org_id, now);
	rc = rc ? rc
		: run("UPDATE user_account SET organisation_id = $1 WHERE id = $2", 2, org_id,
		      cast[SENCO].id);
	rc = rc ? rc
		: run("INSERT INTO child_setting (child_id, organisation_id, relation, started_on)"
		      " VALUES ($1, $2, 'roll', '2021-09-01')",
		      2, child_id[CH_I], org_id);
	/* family_member ids reuse the account ids: one person, one id, in this fixture */
	rc = rc ? rc
		: run("INSERT INTO family_member (id, name, user_id, created_at)"
		      " VALUES ($1, 'Priya Patel', $1, $2)",
		      2, cast[P].id, now);
	for (int i = 0; i < CH_X && rc == 0; i++)
		rc = run("INSERT INTO family_link (family_member_id, child_id, relationship)"
			 " VALUES ($1, $2, 'mother')",
			 2, cast[P].id, child_id[i]);
	id_new(unknown_id);
	return rc;
}

/* ---- requests ---- */

/* send_as sends one request with the actor's cookie; a POST from a signed-in actor carries
 * its CSRF token (form field for pages, X-CSRF-Token for /api/) unless told otherwise */
static void send_as(enum who w, const char *method, const char *path, const char *body,
		    enum csrf csrf, struct response *r)
{
	harness_send(&srv, cast[w].cookie, cast[w].csrf, method, path, body, csrf, r);
}

static int sign_in_actor(enum who w)
{
	struct actor *a = &cast[w];
	char where[256] = "";
	if (harness_sign_in(&srv, a->email, PASSWORD, a->cookie, sizeof(a->cookie), a->csrf,
			    sizeof(a->csrf), where, sizeof(where)) != 0 ||
	    0) {
		fprintf(stderr, "http_assessment: %s could not sign in\n", a->key);
		return -1;
	}
	return 0;
}

/* ---- dates ---- */

static struct date today;

static struct date ago(int days)
{
	return date_add_days(today, -days);
}

static struct date plus(struct date d, int days)
{
	return date_add_days(d, days);
}

/* working: the first working day on or after d */
static struct date working(struct date d)
{
	while (!date_is_working_day(d, &holidays))
		d = plus(d, 1);
	return d;
}

/* monday_clear: the first Monday on or after d that, with the
 * Tuesday and Wednesday after it, is a working day: its notice by post is served on the
 * Wednesday */
static struct date monday_clear(struct date d)
{
	for (int i = 0; i < 60; i++, d = plus(d, 1))
		if (date_weekday(d) == 0 && date_is_working_day(d, &holidays) &&
		    date_is_working_day(plus(d, 1), &holidays) &&
		    date_is_working_day(plus(d, 2), &holidays))
			return d;
	fail_msg("no clear Monday after %d-%d-%d", d.y, d.m, d.d);
	return d;
}

static const char *isod(struct date d)
{
	static char ring[8][DATE_ISO_LEN + 1];
	static int k;
	char *out = ring[k++ % 8];
	date_iso(d, out);
	return out;
}

static const char *longd(struct date d)
{
	static char ring[8][DATE_LONG_MAX];
	static int k;
	char *out = ring[k++ % 8];
	date_long(d, out, DATE_LONG_MAX);
	return out;
}

/* ---- the pages ---- */

static const char *page_path(int child)
{
	static char p[128];
	snprintf(p, sizeof(p), "/children/%s/assessment", child_id[child]);
	return p;
}

static const char *steps_path(int child)
{
	static char p[128];
	snprintf(p, sizeof(p), "/children/%s/assessment/steps", child_id[child]);
	return p;
}

static const char *api_path(int child, const char *tail)
{
	static char p[160];
	snprintf(p, sizeof(p), "/api/v1/children/%s/assessment%s", child_id[child], tail);
	return p;
}

/* form_step: the step form's body (values already form-encoded; NULL leaves a field out) */
static void form_step(char *out, size_t n, const char *type, struct date d, const char *item,
		      const char *reasons, const char *recipient, const char *channel)
{
	snprintf(out, n, "type=%s&date-day=%d&date-month=%d&date-year=%d%s%s%s%s%s%s%s%s",
		 type ? type : "", d.d, d.m, d.y, item ? "&item=" : "", item ? item : "",
		 reasons ? "&reasons=" : "", reasons ? reasons : "", recipient ? "&recipient=" : "",
		 recipient ? recipient : "", channel ? "&channel=" : "", channel ? channel : "");
}

/* record_form: CW records a step through the form, which must answer 303 to the page */
static void record_form(int child, const char *type, struct date d, const char *item,
			const char *reasons, const char *recipient, const char *channel)
{
	char body[1024];
	form_step(body, sizeof(body), type, d, item, reasons, recipient, channel);
	struct response r;
	send_as(CW, "POST", steps_path(child), body, CSRF_RIGHT, &r);
	if (r.status != 303 || !response_location_is(&r, page_path(child)))
		fail_msg("%s on %s: status %ld: %.400s", type, isod(d), r.status,
			 buf_cstr(&r.body));
	response_release(&r);
}

/* page_of: GET the child's assessment page as w, which must answer 200; the caller
 * releases r */
static void page_of(enum who w, int child, struct response *r)
{
	send_as(w, "GET", page_path(child), NULL, CSRF_RIGHT, r);
	if (r->status != 200)
		fail_msg("GET %s as %s: %ld", page_path(child), cast[w].key, r->status);
}

/* summary_is: the summary list's row key holds value */
static int summary_is(const struct response *r, const char *key, const char *value)
{
	char want[512];
	snprintf(want, sizeof(want), "%s</dt><dd class=\"govuk-summary-list__value\">%s</dd>", key,
		 value);
	return response_has(r, want);
}

/* table_row_has: some row of a table has the cell text first and, in that same row, every
 * one of the other texts (NULL-terminated) */
static int table_row_has(const struct response *r, const char *first, ...)
{
	const char *s = buf_cstr(&r->body);
	for (const char *row = strstr(s, "<tr"); row; row = strstr(row + 3, "<tr")) {
		const char *end = strstr(row, "</tr>");
		if (!end)
			return 0;
		size_t len = (size_t)(end - row);
		char *copy = malloc(len + 1);
		memcpy(copy, row, len);
		copy[len] = '\0';
		char cell[512];
		snprintf(cell, sizeof(cell), ">%s<", first);
		int ok = strstr(copy, cell) != NULL;
		va_list ap;
		va_start(ap, first);
		for (const char *t = va_arg(ap, const char *); ok && t;
		     t = va_arg(ap, const char *)) {
			snprintf(cell, sizeof(cell), ">%s<", t);
			ok = strstr(copy, cell) != NULL;
		}
		va_end(ap);
		free(copy);
		if (ok)
			return 1;
	}
	return 0;
}

/* the statutory steps' names, as the rules give them */
#define DECIDE "Decide whether to carry out an EHC needs assessment and tell the family"
#define ADVICE "Give the advice asked for"
#define NOT_ISSUE "Tell the family of a decision not to issue a plan"
#define CONSULT "Setting answers the consultation on a place"
#define FINAL "Issue the final EHC plan"
#define APPEAL "Last day to appeal to the SEND Tribunal (2 months from the decision notice)"

/* the journey's dates, worked out once from today */
struct journey {
	struct date request, decision, advice_asked, ep_done, draft, consult_sent, consult_done,
		final;
};

static struct journey journey_dates(void)
{
	struct journey j;
	j.request = ago(150);
	j.decision = monday_clear(plus(j.request, 21)); /* within the 6 weeks */
	j.advice_asked = plus(j.decision, 1);
	j.ep_done = plus(j.decision, 15);
	j.draft = working(plus(j.request, 100));
	j.consult_sent = plus(j.draft, 5);
	j.consult_done = plus(j.draft, 10);
	j.final = working(plus(j.request, 128)); /* within the 20 weeks */
	return j;
}

static void journey_through_the_pages(void **state)
{
	(void)state;
	struct journey j = journey_dates();
	struct response r;
	char body[512], line[512];

	/* no case yet: the parent sees the request form with its date boxes */
	page_of(P, CH_A, &r);
	assert_true(response_has(&r, "No one has asked for an assessment yet."));
	assert_true(response_has(&r, "name=\"date-day\""));
	response_release(&r);

	long reads = reads_of(P, child_id[CH_A]);
	snprintf(body, sizeof(body), "date-day=%d&date-month=%d&date-year=%d", j.request.d,
		 j.request.m, j.request.y);
	send_as(P, "POST", page_path(CH_A), body, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 303);
	assert_true(response_location_is(&r, page_path(CH_A)));
	response_release(&r);
	assert_int_equal(count("SELECT count(*) FROM assessment_case WHERE child_id = $1"
			       " AND requested_by = 'parent' AND requested_on = $2"
			       " AND officer_id IS NOT NULL AND state = 'requested'",
			       child_id[CH_A], isod(j.request)),
			 1);

	/* the stage, the officer and how to reach them, the next decision and its legal
	 * latest date: the request plus 6 weeks, 42 days */
	struct date decide_due = plus(j.request, 42);
	page_of(P, CH_A, &r);
	assert_true(summary_is(&r, "Stage", "Waiting for the decision whether to assess"));
	assert_true(summary_is(&r, "Your officer", "Colin Walsh (cw@example.org)"));
	assert_true(summary_is(&r, "Asked for on", longd(j.request)));
	assert_true(summary_is(&r, "Next decision", DECIDE));
	assert_true(summary_is(&r, "Legal latest date", longd(decide_due)));
	assert_true(response_has(&r, "The path to a final plan"));
	/* 150 days on, the decision, the not-to-issue notice and the plan are all overdue */
	assert_true(table_row_has(&r, DECIDE, longd(decide_due), "Overdue", NULL));
	assert_true(table_row_has(&r, NOT_ISSUE, longd(plus(j.request, 112)), "Overdue", NULL));
	assert_true(table_row_has(&r, FINAL, longd(plus(j.request, 140)), "Overdue", NULL));
	snprintf(line, sizeof(line), "%s: Request for an EHC needs assessment", longd(j.request));
	assert_true(response_has(&r, line));
	/* a parent has no step form */
	assert_false(response_has(&r, "Record the next step"));
	response_release(&r);
	/* each read of the page leaves an audit row */
	assert_int_equal(wait_reads(P, child_id[CH_A], reads + 2), reads + 2);

	/* the caseworker has the step form */
	page_of(CW, CH_A, &r);
	assert_true(response_has(&r, "Record the next step"));
	assert_true(response_has(&r, "value=\"decision_to_assess\""));
	response_release(&r);

	/* the decision to assess, its notice by post on a Monday: served the Wednesday */
	record_form(CH_A, "decision_to_assess", j.decision, NULL,
		    "Evidence+from+the+school+shows+needs+beyond+SEN+support", "Priya+Patel",
		    "post");
	page_of(P, CH_A, &r);
	assert_true(summary_is(&r, "Stage", "Being assessed"));
	snprintf(line, sizeof(line),
		 "%s: Decision to carry out an assessment. Reasons: Evidence from the school"
		 " shows needs beyond SEN support. Notice to Priya Patel by post, served on %s",
		 longd(j.decision), longd(plus(j.decision, 2)));
	if (!response_has(&r, line))
		fail_msg("no \"%s\" in %s", line, buf_cstr(&r.body));
	assert_true(table_row_has(&r, DECIDE, longd(decide_due), longd(j.decision), "Done on time",
				  NULL));
	response_release(&r);

	/* advice asked of two, received from one */
	record_form(CH_A, "advice_requested", j.advice_asked, "Educational+psychologist", NULL,
		    NULL, NULL);
	record_form(CH_A, "advice_requested", j.advice_asked, "Health", NULL, NULL, NULL);
	page_of(P, CH_A, &r);
	snprintf(line, sizeof(line), "%s: Advice asked for (Educational psychologist)",
		 longd(j.advice_asked));
	assert_true(response_has(&r, line));
	snprintf(line, sizeof(line), "%s: Advice asked for (Health)", longd(j.advice_asked));
	assert_true(response_has(&r, line));
	struct date advice_due = plus(j.advice_asked, 42);
	assert_true(table_row_has(&r, ADVICE ": Educational psychologist", longd(advice_due),
				  "Overdue", NULL));
	response_release(&r);
	record_form(CH_A, "advice_received", j.ep_done, "Educational+psychologist", NULL, NULL,
		    NULL);
	page_of(P, CH_A, &r);
	snprintf(line, sizeof(line), "%s: Advice received (Educational psychologist)",
		 longd(j.ep_done));
	assert_true(response_has(&r, line));
	assert_true(table_row_has(&r, ADVICE ": Educational psychologist", longd(advice_due),
				  longd(j.ep_done), "Done on time", NULL));
	assert_true(table_row_has(&r, ADVICE ": Health", longd(advice_due), "Overdue", NULL));
	response_release(&r);

	/* the draft, its notice by email */
	record_form(CH_A, "draft_issued", j.draft, NULL, NULL, "Priya+Patel", "email");
	page_of(P, CH_A, &r);
	assert_true(summary_is(&r, "Stage", "Draft plan sent"));
	snprintf(line, sizeof(line),
		 "%s: Draft plan sent. Notice to Priya Patel by email, served on %s",
		 longd(j.draft), longd(j.draft));
	assert_true(response_has(&r, line));
	/* a draft ends the clock of a decision not to issue */
	assert_false(response_has(&r, NOT_ISSUE));
	assert_true(table_row_has(&r, FINAL, longd(plus(j.request, 140)), "Overdue", NULL));
	response_release(&r);

	/* the consultation of a setting */
	record_form(CH_A, "consultation_sent", j.consult_sent, "Setting+One", NULL, NULL, NULL);
	page_of(P, CH_A, &r);
	snprintf(line, sizeof(line), "%s: Setting consulted about a place (Setting One)",
		 longd(j.consult_sent));
	assert_true(response_has(&r, line));
	assert_true(table_row_has(&r, CONSULT ": Setting One", longd(plus(j.consult_sent, 15)),
				  "Overdue", NULL));
	response_release(&r);
	record_form(CH_A, "consultation_answered", j.consult_done, "Setting+One", NULL, NULL, NULL);
	page_of(P, CH_A, &r);
	snprintf(line, sizeof(line), "%s: Setting answered the consultation (Setting One)",
		 longd(j.consult_done));
	assert_true(response_has(&r, line));
	assert_true(table_row_has(&r, CONSULT ": Setting One", longd(plus(j.consult_sent, 15)),
				  longd(j.consult_done), "Done on time", NULL));
	response_release(&r);

	/* the final plan, its notice through this service */
	record_form(CH_A, "final_plan_issued", j.final, NULL, NULL, "Priya+Patel", "portal");
	page_of(P, CH_A, &r);
	assert_true(summary_is(&r, "Stage", "Final plan issued"));
	snprintf(line, sizeof(line),
		 "%s: Final EHC plan issued. Notice to Priya Patel by portal, served on %s",
		 longd(j.final), longd(j.final));
	assert_true(response_has(&r, line));
	assert_true(table_row_has(&r, FINAL, longd(plus(j.request, 140)), longd(j.final),
				  "Done on time", NULL));
	/* the appeal's 2 months run from the plan's service, not yet out */
	assert_true(
		table_row_has(&r, APPEAL, longd(date_add_months(j.final, 2)), "Not yet due", NULL));
	assert_true(table_row_has(&r, DECIDE, longd(decide_due), "Done on time", NULL));
	response_release(&r);

	/* the case is closed: no more steps but an appeal or a review; the form offers only
	 * those */
	page_of(CW, CH_A, &r);
	assert_true(response_has(&r, "value=\"appeal_lodged\""));
	assert_false(response_has(&r, "value=\"draft_issued\""));
	response_release(&r);
	assert_int_equal(count("SELECT count(*) FROM assessment_case WHERE child_id = $1"
			       " AND state = 'plan' AND closed_on = $2",
			       child_id[CH_A], isod(j.final)),
			 1);
	assert_int_equal(count("SELECT count(*) FROM case_event e JOIN assessment_case a ON"
			       " a.id = e.case_id WHERE a.child_id = $1",
			       child_id[CH_A], NULL),
			 9);
	assert_int_equal(count("SELECT count(*) FROM notice n JOIN assessment_case a ON"
			       " a.id = n.case_id WHERE a.child_id = $1",
			       child_id[CH_A], NULL),
			 3);
}

/* ---- the API ---- */

static json_t *json_of(const struct response *r)
{
	return json_loads(buf_cstr(&r->body), 0, NULL);
}

/* api_step: CW posts a step, which must answer 201 with the new state */
static void api_step(int child, const char *json, const char *want_state)
{
	struct response r;
	send_as(CW, "POST", api_path(child, "/steps"), json, CSRF_RIGHT, &r);
	if (r.status != 201)
		fail_msg("%s: %ld %.400s", json, r.status, buf_cstr(&r.body));
	assert_true(response_location_is(&r, api_path(child, "")));
	json_t *o = json_of(&r);
	assert_string_equal(json_string_value(json_object_get(o, "state")), want_state);
	json_decref(o);
	response_release(&r);
}

/* api_case: GET the case as w (200); the caller frees it */
static json_t *api_case(enum who w, int child)
{
	struct response r;
	send_as(w, "GET", api_path(child, ""), NULL, CSRF_RIGHT, &r);
	if (r.status != 200)
		fail_msg("GET %s as %s: %ld", api_path(child, ""), cast[w].key, r.status);
	json_t *o = json_of(&r);
	response_release(&r);
	assert_non_null(o);
	return o;
}

/* deadline: the case's deadline for step (and item) */
static json_t *deadline(json_t *c, const char *step, const char *item)
{
	size_t i;
	json_t *d;
	json_array_foreach(json_object_get(c, "deadlines"), i, d)
	{
		const char *s = json_string_value(json_object_get(d, "step"));
		const char *it = json_string_value(json_object_get(d, "item"));
		if (s && strcmp(s, step) == 0 && (!item || (it && strcmp(it, item) == 0)))
			return d;
	}
	return NULL;
}

/* deadline_is: the deadline is there with this due date, status and done date (NULL:
 * not done) */
static void deadline_is(json_t *c, const char *step, const char *item, struct date due,
			const char *status, const struct date *done)
{
	json_t *d = deadline(c, step, item);
	if (!d)
		fail_msg("no deadline %s %s", step, item ? item : "");
	assert_string_equal(json_string_value(json_object_get(d, "due")), isod(due));
	assert_string_equal(json_string_value(json_object_get(d, "status")), status);
	if (done)
		assert_string_equal(json_string_value(json_object_get(d, "done")), isod(*done));
	else
		assert_true(json_is_null(json_object_get(d, "done")));
}

static const char *event_served(json_t *c, const char *type)
{
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(c, "events"), i, e)
	{
		if (strcmp(json_string_value(json_object_get(e, "type")), type) == 0)
			return json_string_value(json_object_get(e, "served"));
	}
	return NULL;
}

static void journey_through_the_api(void **state)
{
	(void)state;
	struct journey j = journey_dates();
	char body[512];
	struct response r;

	/* no case yet */
	send_as(P, "GET", api_path(CH_B, ""), NULL, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 404);
	response_release(&r);

	snprintf(body, sizeof(body), "{\"date\":\"%s\"}", isod(j.request));
	send_as(P, "POST", api_path(CH_B, ""), body, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 201);
	assert_true(response_location_is(&r, api_path(CH_B, "")));
	json_t *o = json_of(&r);
	assert_string_equal(json_string_value(json_object_get(o, "state")), "requested");
	assert_string_equal(json_string_value(json_object_get(o, "requested_on")), isod(j.request));
	assert_true(id_valid(json_string_value(json_object_get(o, "id"))));
	json_decref(o);
	response_release(&r);
	/* a second request for the same child is refused */
	send_as(P, "POST", api_path(CH_B, ""), body, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 422);
	response_release(&r);

	struct date decide_due = plus(j.request, 42);
	json_t *c = api_case(P, CH_B);
	assert_string_equal(json_string_value(json_object_get(c, "state")), "requested");
	assert_string_equal(json_string_value(json_object_get(c, "requested_by")), "parent");
	assert_string_equal(json_string_value(json_object_get(c, "requested_on")), isod(j.request));
	json_t *officer = json_object_get(c, "officer");
	assert_string_equal(json_string_value(json_object_get(officer, "name")), "Colin Walsh");
	assert_string_equal(json_string_value(json_object_get(officer, "email")), "cw@example.org");
	assert_string_equal(json_string_value(json_object_get(c, "next_step")), "decide_to_assess");
	assert_string_equal(json_string_value(json_object_get(c, "next_due")), isod(decide_due));
	deadline_is(c, "decide_to_assess", NULL, decide_due, "overdue", NULL);
	deadline_is(c, "notify_not_to_issue", NULL, plus(j.request, 112), "overdue", NULL);
	deadline_is(c, "final_plan", NULL, plus(j.request, 140), "overdue", NULL);
	/* days late: from the due date to today */
	assert_int_equal(json_integer_value(json_object_get(deadline(c, "decide_to_assess", NULL),
							    "days_late")),
			 150 - 42);
	assert_int_equal(json_array_size(json_object_get(c, "events")), 1);
	json_decref(c);

	snprintf(body, sizeof(body),
		 "{\"type\":\"decision_to_assess\",\"date\":\"%s\",\"reasons\":\"Needs beyond"
		 " SEN support\",\"notice\":{\"recipient\":\"Priya Patel\",\"channel\":\"post\"}}",
		 isod(j.decision));
	api_step(CH_B, body, "assessing");
	c = api_case(P, CH_B);
	deadline_is(c, "decide_to_assess", NULL, decide_due, "met", &j.decision);
	/* posted on a Monday, served on the Wednesday */
	assert_int_equal(date_weekday(j.decision), 0);
	assert_string_equal(event_served(c, "decision_to_assess"), isod(plus(j.decision, 2)));
	json_decref(c);

	static const char *const items[] = {"Educational psychologist", "Health"};
	for (int i = 0; i < 2; i++) {
		snprintf(body, sizeof(body),
			 "{\"type\":\"advice_requested\",\"date\":\"%s\",\"item\":\"%s\"}",
			 isod(j.advice_asked), items[i]);
		api_step(CH_B, body, "assessing");
	}
	snprintf(body, sizeof(body),
		 "{\"type\":\"advice_received\",\"date\":\"%s\",\"item\":\"Educational"
		 " psychologist\"}",
		 isod(j.ep_done));
	api_step(CH_B, body, "assessing");
	struct date advice_due = plus(j.advice_asked, 42);
	c = api_case(P, CH_B);
	deadline_is(c, "advice", "Educational psychologist", advice_due, "met", &j.ep_done);
	deadline_is(c, "advice", "Health", advice_due, "overdue", NULL);
	json_decref(c);

	snprintf(body, sizeof(body),
		 "{\"type\":\"draft_issued\",\"date\":\"%s\",\"notice\":{\"recipient\":\"Priya"
		 " Patel\",\"channel\":\"email\"}}",
		 isod(j.draft));
	api_step(CH_B, body, "draft");
	c = api_case(P, CH_B);
	assert_null(deadline(c, "notify_not_to_issue", NULL));
	assert_string_equal(event_served(c, "draft_issued"), isod(j.draft));
	json_decref(c);

	snprintf(body, sizeof(body),
		 "{\"type\":\"consultation_sent\",\"date\":\"%s\",\"item\":\"Setting One\"}",
		 isod(j.consult_sent));
	api_step(CH_B, body, "draft");
	c = api_case(P, CH_B);
	deadline_is(c, "consultation", "Setting One", plus(j.consult_sent, 15), "overdue", NULL);
	json_decref(c);
	snprintf(body, sizeof(body),
		 "{\"type\":\"consultation_answered\",\"date\":\"%s\",\"item\":\"Setting One\"}",
		 isod(j.consult_done));
	api_step(CH_B, body, "draft");

	snprintf(body, sizeof(body),
		 "{\"type\":\"final_plan_issued\",\"date\":\"%s\",\"notice\":{\"recipient\":"
		 "\"Priya Patel\",\"channel\":\"portal\"}}",
		 isod(j.final));
	api_step(CH_B, body, "plan");
	c = api_case(P, CH_B);
	assert_string_equal(json_string_value(json_object_get(c, "state")), "plan");
	deadline_is(c, "decide_to_assess", NULL, decide_due, "met", &j.decision);
	deadline_is(c, "advice", "Educational psychologist", advice_due, "met", &j.ep_done);
	deadline_is(c, "advice", "Health", advice_due, "overdue", NULL);
	deadline_is(c, "consultation", "Setting One", plus(j.consult_sent, 15), "met",
		    &j.consult_done);
	deadline_is(c, "final_plan", NULL, plus(j.request, 140), "met", &j.final);
	deadline_is(c, "appeal", NULL, date_add_months(j.final, 2), "open", NULL);
	deadline_is(c, "annual_review", NULL, date_add_months(j.final, 12), "open", NULL);
	assert_int_equal(
		json_integer_value(json_object_get(deadline(c, "appeal", NULL), "days_left")),
		date_days(date_add_months(j.final, 2)) - date_days(today));
	assert_int_equal(json_array_size(json_object_get(c, "events")), 9);
	json_decref(c);

	/* an exception period: 201, saved, and the clock reads it */
	long before = count("SELECT count(*) FROM case_exception", NULL, NULL);
	snprintf(body, sizeof(body), "{\"from\":\"%s\",\"to\":\"%s\",\"reason\":\"child_away\"}",
		 isod(plus(j.request, 1)), isod(plus(j.request, 5)));
	send_as(CW, "POST", api_path(CH_B, "/exceptions"), body, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 201);
	o = json_of(&r);
	assert_string_equal(json_string_value(json_object_get(o, "reason")), "child_away");
	assert_string_equal(json_string_value(json_object_get(o, "from")),
			    isod(plus(j.request, 1)));
	json_decref(o);
	response_release(&r);
	assert_int_equal(count("SELECT count(*) FROM case_exception", NULL, NULL), before + 1);
	/* the clocks that accept the reason report its 5 days; no due date moves */
	c = api_case(P, CH_B);
	static const char *const accepting[] = {"decide_to_assess", "final_plan"};
	for (size_t i = 0; i < 2; i++) {
		json_t *x = json_object_get(deadline(c, accepting[i], NULL), "exception");
		assert_int_equal(json_integer_value(json_object_get(x, "days")), 5);
		assert_string_equal(
			json_string_value(json_array_get(json_object_get(x, "reasons"), 0)),
			"child_away");
	}
	deadline_is(c, "decide_to_assess", NULL, decide_due, "met", &j.decision);
	deadline_is(c, "final_plan", NULL, plus(j.request, 140), "met", &j.final);
	assert_true(json_is_null(
		json_object_get(deadline(c, "advice", "Educational psychologist"), "exception")));
	json_decref(c);

	/* the steps route answers only POST */
	send_as(CW, "GET", api_path(CH_B, "/steps"), NULL, CSRF_RIGHT, &r);
	char allow[64] = "";
	assert_int_equal(r.status, 405);
	assert_int_equal(response_header(&r, "Allow", allow, sizeof(allow)), 0);
	assert_string_equal(allow, "POST");
	response_release(&r);
}

/* ---- bad input ---- */

/* problem_points: a 422 problem+json whose errors include this pointer */
static int problem_points(const struct response *r, const char *pointer)
{
	char ct[128] = "";
	response_header(r, "Content-Type", ct, sizeof(ct));
	if (r->status != 422 || strcmp(ct, "application/problem+json") != 0)
		return 0;
	json_t *o = json_loads(buf_cstr(&r->body), 0, NULL);
	json_t *v;
	size_t i;
	int found = 0;
	json_array_foreach(json_object_get(o, "errors"), i, v)
	{
		const char *p = json_string_value(json_object_get(v, "pointer"));
		found |= p && strcmp(p, pointer) == 0;
	}
	json_decref(o);
	return found;
}

/* form_refused: the form answers 422 with the error summary linking to anchor, and the
 * area's rows are as they were */
static void form_refused(const char *path, const char *body, const char *anchor)
{
	struct tally_rows before = rows_now();
	struct response r;
	char href[64];
	send_as(CW, "POST", path, body, CSRF_RIGHT, &r);
	snprintf(href, sizeof(href), "href=\"#%s\"", anchor);
	if (r.status != 422 || !response_has(&r, "govuk-error-summary") || !response_has(&r, href))
		fail_msg("%s: status %ld, no link to #%s: %.300s", body, r.status, anchor,
			 buf_cstr(&r.body));
	response_release(&r);
	assert_true(rows_same(before, rows_now()));
}

/* api_refused: the API answers 422 problem+json pointing at pointer; nothing saved */
static void api_refused(const char *path, const char *body, const char *pointer)
{
	struct tally_rows before = rows_now();
	struct response r;
	send_as(CW, "POST", path, body, CSRF_RIGHT, &r);
	if (!problem_points(&r, pointer))
		fail_msg("%s: status %ld, no error at %s: %.400s", body, r.status, pointer,
			 buf_cstr(&r.body));
	response_release(&r);
	assert_true(rows_same(before, rows_now()));
}

static void bad_input_is_refused_and_nothing_saved(void **state)
{
	(void)state;
	struct date request = ago(60), tomorrow = plus(today, 1);
	char body[1024];
	struct response r;

	/* the request itself: a date in the future, none at all, not a real one */
	snprintf(body, sizeof(body), "date-day=%d&date-month=%d&date-year=%d", tomorrow.d,
		 tomorrow.m, tomorrow.y);
	form_refused(page_path(CH_C), body, "date-day");
	form_refused(page_path(CH_C), "date-day=&date-month=&date-year=", "date-day");
	form_refused(page_path(CH_C), "date-day=31&date-month=2&date-year=2026", "date-day");
	snprintf(body, sizeof(body), "{\"date\":\"%s\"}", isod(tomorrow));
	api_refused(api_path(CH_C, ""), body, "/date");
	/* a request before the SEND Regulations 2014 began, which no rules' clock covers */
	form_refused(page_path(CH_C), "date-day=1&date-month=1&date-year=2012", "date-day");
	api_refused(api_path(CH_C, ""), "{\"date\":\"2012-01-01\"}", "/date");
	snprintf(body, sizeof(body), "{\"date\":\"%s\",\"colour\":\"red\"}", isod(request));
	api_refused(api_path(CH_C, ""), body, "/colour");
	assert_int_equal(count("SELECT count(*) FROM assessment_case WHERE child_id = $1",
			       child_id[CH_C], NULL),
			 0);

	/* a step with no case: 404 */
	send_as(CW, "POST", api_path(CH_C, "/steps"), "{\"type\":\"withdrawn\"}", CSRF_RIGHT, &r);
	assert_int_equal(r.status, 404);
	response_release(&r);

	/* the caseworker makes the request on the family's behalf */
	snprintf(body, sizeof(body), "{\"date\":\"%s\"}", isod(request));
	send_as(CW, "POST", api_path(CH_C, ""), body, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 201);
	response_release(&r);

	const struct date decided = plus(request, 10);
	/* a date in the future */
	form_step(body, sizeof(body), "decision_to_assess", tomorrow, NULL, "Needs", "Priya+Patel",
		  "post");
	form_refused(steps_path(CH_C), body, "date-day");
	snprintf(body, sizeof(body),
		 "{\"type\":\"decision_to_assess\",\"date\":\"%s\",\"reasons\":\"Needs\","
		 "\"notice\":{\"recipient\":\"Priya Patel\",\"channel\":\"post\"}}",
		 isod(tomorrow));
	api_refused(api_path(CH_C, "/steps"), body, "/date");
	/* a date before the last step (the request) */
	form_step(body, sizeof(body), "decision_to_assess", plus(request, -1), NULL, "Needs",
		  "Priya+Patel", "post");
	form_refused(steps_path(CH_C), body, "date-day");
	snprintf(body, sizeof(body),
		 "{\"type\":\"decision_to_assess\",\"date\":\"%s\",\"reasons\":\"Needs\","
		 "\"notice\":{\"recipient\":\"Priya Patel\",\"channel\":\"post\"}}",
		 isod(plus(request, -1)));
	api_refused(api_path(CH_C, "/steps"), body, "/date");
	/* a step the stage forbids: the final plan right after the request */
	form_step(body, sizeof(body), "final_plan_issued", decided, NULL, NULL, "Priya+Patel",
		  "portal");
	form_refused(steps_path(CH_C), body, "type");
	snprintf(body, sizeof(body),
		 "{\"type\":\"final_plan_issued\",\"date\":\"%s\",\"notice\":{\"recipient\":"
		 "\"Priya Patel\",\"channel\":\"portal\"}}",
		 isod(decided));
	api_refused(api_path(CH_C, "/steps"), body, "/type");
	/* no step, or one nobody knows */
	form_step(body, sizeof(body), "", decided, NULL, NULL, NULL, NULL);
	form_refused(steps_path(CH_C), body, "type");
	snprintf(body, sizeof(body), "{\"type\":\"party\",\"date\":\"%s\"}", isod(decided));
	api_refused(api_path(CH_C, "/steps"), body, "/type");
	/* a decision without reasons */
	form_step(body, sizeof(body), "decision_to_assess", decided, NULL, "", "Priya+Patel",
		  "post");
	form_refused(steps_path(CH_C), body, "reasons");
	snprintf(body, sizeof(body),
		 "{\"type\":\"decision_to_assess\",\"date\":\"%s\","
		 "\"notice\":{\"recipient\":\"Priya Patel\",\"channel\":\"post\"}}",
		 isod(decided));
	api_refused(api_path(CH_C, "/steps"), body, "/reasons");
	/* every problem at once */
	snprintf(body, sizeof(body),
		 "{\"type\":\"decision_to_assess\",\"date\":\"%s\","
		 "\"notice\":{\"channel\":\"post\"}}",
		 isod(decided));
	send_as(CW, "POST", api_path(CH_C, "/steps"), body, CSRF_RIGHT, &r);
	assert_true(problem_points(&r, "/reasons"));
	assert_true(problem_points(&r, "/notice/recipient"));
	response_release(&r);
	/* a decision notice without a recipient, or without a channel */
	form_step(body, sizeof(body), "decision_to_assess", decided, NULL, "Needs", "", "post");
	form_refused(steps_path(CH_C), body, "recipient");
	snprintf(body, sizeof(body),
		 "{\"type\":\"decision_to_assess\",\"date\":\"%s\",\"reasons\":\"Needs\","
		 "\"notice\":{\"channel\":\"post\"}}",
		 isod(decided));
	api_refused(api_path(CH_C, "/steps"), body, "/notice/recipient");
	form_step(body, sizeof(body), "decision_to_assess", decided, NULL, "Needs", "Priya+Patel",
		  NULL);
	form_refused(steps_path(CH_C), body, "channel");
	snprintf(body, sizeof(body),
		 "{\"type\":\"decision_to_assess\",\"date\":\"%s\",\"reasons\":\"Needs\","
		 "\"notice\":{\"recipient\":\"Priya Patel\",\"channel\":\"pigeon\"}}",
		 isod(decided));
	api_refused(api_path(CH_C, "/steps"), body, "/notice/channel");
	/* an unknown member */
	snprintf(body, sizeof(body),
		 "{\"type\":\"decision_to_assess\",\"date\":\"%s\",\"reasons\":\"Needs\","
		 "\"notice\":{\"recipient\":\"Priya Patel\",\"channel\":\"post\"},"
		 "\"colour\":\"red\"}",
		 isod(decided));
	api_refused(api_path(CH_C, "/steps"), body, "/colour");
	/* the notice's members are checked as closely as the body's */
	snprintf(body, sizeof(body),
		 "{\"type\":\"decision_to_assess\",\"date\":\"%s\",\"reasons\":\"Needs\","
		 "\"notice\":{\"recipient\":\"Priya Patel\",\"channel\":\"post\","
		 "\"colour\":\"red\"}}",
		 isod(decided));
	api_refused(api_path(CH_C, "/steps"), body, "/notice/colour");
	snprintf(body, sizeof(body),
		 "{\"type\":\"decision_to_assess\",\"date\":\"%s\",\"reasons\":\"Needs\","
		 "\"notice\":\"by post\"}",
		 isod(decided));
	api_refused(api_path(CH_C, "/steps"), body, "/notice");
	/* not an object, not JSON */
	api_refused(api_path(CH_C, "/steps"), "[1, 2]", "");
	{
		struct tally_rows before = rows_now();
		send_as(CW, "POST", api_path(CH_C, "/steps"), "{\"type\":", CSRF_RIGHT, &r);
		assert_int_equal(r.status / 100, 4);
		response_release(&r);
		assert_true(rows_same(before, rows_now()));
	}

	/* now the decision, whole: then advice without whom it is for */
	snprintf(body, sizeof(body),
		 "{\"type\":\"decision_to_assess\",\"date\":\"%s\",\"reasons\":\"Needs\","
		 "\"notice\":{\"recipient\":\"Priya Patel\",\"channel\":\"post\"}}",
		 isod(decided));
	api_step(CH_C, body, "assessing");
	form_step(body, sizeof(body), "advice_requested", decided, NULL, NULL, NULL, NULL);
	form_refused(steps_path(CH_C), body, "item");
	form_step(body, sizeof(body), "advice_requested", decided, "", NULL, NULL, NULL);
	form_refused(steps_path(CH_C), body, "item");
	snprintf(body, sizeof(body), "{\"type\":\"advice_requested\",\"date\":\"%s\"}",
		 isod(decided));
	api_refused(api_path(CH_C, "/steps"), body, "/item");
	/* the same decision again is not a step this stage allows */
	snprintf(body, sizeof(body),
		 "{\"type\":\"decision_to_assess\",\"date\":\"%s\",\"reasons\":\"Needs\","
		 "\"notice\":{\"recipient\":\"Priya Patel\",\"channel\":\"post\"}}",
		 isod(decided));
	api_refused(api_path(CH_C, "/steps"), body, "/type");

	/* exception periods: the end before the start, a reason the rules do not know */
	snprintf(body, sizeof(body), "{\"from\":\"%s\",\"to\":\"%s\",\"reason\":\"child_away\"}",
		 isod(plus(request, 5)), isod(plus(request, 2)));
	api_refused(api_path(CH_C, "/exceptions"), body, "/to");
	snprintf(body, sizeof(body), "{\"from\":\"%s\",\"to\":\"%s\",\"reason\":\"sunspots\"}",
		 isod(plus(request, 2)), isod(plus(request, 5)));
	api_refused(api_path(CH_C, "/exceptions"), body, "/reason");
	snprintf(body, sizeof(body), "{\"from\":\"%s\",\"to\":\"%s\",\"reason\":\"child_away\"}",
		 isod(plus(request, -3)), isod(plus(request, 5)));
	api_refused(api_path(CH_C, "/exceptions"), body, "/from");
	snprintf(body, sizeof(body),
		 "{\"from\":\"%s\",\"to\":\"%s\",\"reason\":\"child_away\",\"why\":\"x\"}",
		 isod(plus(request, 2)), isod(plus(request, 5)));
	api_refused(api_path(CH_C, "/exceptions"), body, "/why");

	/* withdrawn: after it, no step at all */
	record_form(CH_C, "withdrawn", plus(decided, 1), NULL, NULL, NULL, NULL);
	page_of(P, CH_C, &r);
	assert_true(summary_is(&r, "Stage", "Request withdrawn"));
	response_release(&r);
	static const char *const after[] = {"advice_requested", "draft_issued", "withdrawn",
					    "decision_not_to_issue", "final_plan_issued"};
	for (size_t i = 0; i < sizeof(after) / sizeof(after[0]); i++) {
		form_step(body, sizeof(body), after[i], plus(decided, 2), "Health", "Needs",
			  "Priya+Patel", "post");
		form_refused(steps_path(CH_C), body, "type");
		snprintf(body, sizeof(body),
			 "{\"type\":\"%s\",\"date\":\"%s\",\"item\":\"Health\",\"reasons\":"
			 "\"Needs\",\"notice\":{\"recipient\":\"Priya Patel\",\"channel\":"
			 "\"post\"}}",
			 after[i], isod(plus(decided, 2)));
		api_refused(api_path(CH_C, "/steps"), body, "/type");
	}
	/* the caseworker's page offers no step form once nothing may follow */
	page_of(CW, CH_C, &r);
	assert_false(response_has(&r, "Record the next step"));
	response_release(&r);
}

/* ---- who may see, who may record ---- */

static void access_and_csrf(void **state)
{
	(void)state;
	struct response r, u;
	char body[512], twin[160];
	struct date d = ago(5);
	/* a caseworker of another LA, and a professional asked for no advice: not found,
	 * exactly as a child that does not exist */
	static const enum who outsiders[] = {CW383, PRO};
	for (size_t i = 0; i < 2; i++) {
		enum who w = outsiders[i];
		send_as(w, "GET", page_path(CH_A), NULL, CSRF_RIGHT, &r);
		assert_int_equal(r.status, 404);
		snprintf(twin, sizeof(twin), "/children/%s/assessment", unknown_id);
		send_as(w, "GET", twin, NULL, CSRF_RIGHT, &u);
		assert_int_equal(u.status, 404);
		response_release(&u);
		response_release(&r);
		send_as(w, "GET", api_path(CH_A, ""), NULL, CSRF_RIGHT, &r);
		assert_int_equal(r.status, 404);
		response_release(&r);
		struct tally_rows before = rows_now();
		snprintf(body, sizeof(body), "{\"date\":\"%s\"}", isod(d));
		send_as(w, "POST", api_path(CH_D, ""), body, CSRF_RIGHT, &r);
		assert_int_equal(r.status, 404);
		response_release(&r);
		send_as(w, "POST", api_path(CH_B, "/steps"), "{\"type\":\"review_completed\"}",
			CSRF_RIGHT, &r);
		assert_int_equal(r.status, 404);
		response_release(&r);
		form_step(body, sizeof(body), "review_completed", d, NULL, NULL, NULL, NULL);
		send_as(w, "POST", steps_path(CH_B), body, CSRF_RIGHT, &r);
		assert_int_equal(r.status, 404);
		response_release(&r);
		assert_true(rows_same(before, rows_now()));
	}
	struct tally_rows before = rows_now();
	/* a professional asked for advice about a child sees the page, but may neither ask
	 * for an assessment nor record a step */
	char now[TIME_ISO_LEN + 1];
	time_iso(time_now(), now);
	assert_int_equal(run("INSERT INTO advice_request (user_id, child_id, requested_at)"
			     " VALUES ($1, $2, $3)",
			     3, cast[PRO].id, child_id[CH_B], now),
			 0);
	send_as(PRO, "GET", page_path(CH_B), NULL, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 200);
	assert_true(summary_is(&r, "Stage", "Final plan issued"));
	assert_false(response_has(&r, "Record the next step"));
	response_release(&r);
	json_t *c = api_case(PRO, CH_B);
	assert_string_equal(json_string_value(json_object_get(c, "state")), "plan");
	json_decref(c);
	send_as(PRO, "POST", api_path(CH_B, "/steps"), "{\"type\":\"review_completed\"}",
		CSRF_RIGHT, &r);
	assert_int_equal(r.status, 403);
	response_release(&r);
	snprintf(body, sizeof(body), "{\"date\":\"%s\"}", isod(d));
	send_as(PRO, "POST", api_path(CH_B, ""), body, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 403);
	response_release(&r);
	snprintf(body, sizeof(body), "date-day=%d&date-month=%d&date-year=%d", d.d, d.m, d.y);
	send_as(PRO, "POST", page_path(CH_B), body, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 403);
	response_release(&r);
	assert_true(rows_same(before, rows_now()));

	/* a parent sees the case but may not record steps: 403 */
	form_step(body, sizeof(body), "review_completed", d, NULL, NULL, NULL, NULL);
	send_as(P, "POST", steps_path(CH_B), body, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 403);
	response_release(&r);
	snprintf(body, sizeof(body), "{\"type\":\"review_completed\",\"date\":\"%s\"}", isod(d));
	send_as(P, "POST", api_path(CH_B, "/steps"), body, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 403);
	response_release(&r);
	snprintf(body, sizeof(body), "{\"from\":\"%s\",\"to\":\"%s\",\"reason\":\"child_away\"}",
		 isod(d), isod(d));
	send_as(P, "POST", api_path(CH_B, "/exceptions"), body, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 403);
	response_release(&r);
	/* nobody signed in */
	send_as(ANON, "GET", api_path(CH_B, ""), NULL, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 401);
	response_release(&r);
	send_as(ANON, "GET", page_path(CH_B), NULL, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 303);
	assert_true(response_location_is(&r, "/sign-in"));
	response_release(&r);
	assert_true(rows_same(before, rows_now()));

	/* without the CSRF token, or with a wrong one: 403, nothing saved */
	static const enum csrf bad[] = {CSRF_NONE, CSRF_WRONG};
	for (size_t i = 0; i < 2; i++) {
		form_step(body, sizeof(body), "review_completed", d, NULL, NULL, NULL, NULL);
		send_as(CW, "POST", steps_path(CH_B), body, bad[i], &r);
		assert_int_equal(r.status, 403);
		response_release(&r);
		snprintf(body, sizeof(body), "{\"type\":\"review_completed\",\"date\":\"%s\"}",
			 isod(d));
		send_as(CW, "POST", api_path(CH_B, "/steps"), body, bad[i], &r);
		assert_int_equal(r.status, 403);
		response_release(&r);
		snprintf(body, sizeof(body), "date-day=%d&date-month=%d&date-year=%d", d.d, d.m,
			 d.y);
		send_as(P, "POST", page_path(CH_D), body, bad[i], &r);
		assert_int_equal(r.status, 403);
		response_release(&r);
		snprintf(body, sizeof(body), "{\"date\":\"%s\"}", isod(d));
		send_as(P, "POST", api_path(CH_D, ""), body, bad[i], &r);
		assert_int_equal(r.status, 403);
		response_release(&r);
	}
	assert_true(rows_same(before, rows_now()));
	/* and with it, the same step is recorded */
	record_form(CH_B, "review_completed", d, NULL, NULL, NULL, NULL);
	assert_int_equal(rows_now().events, before.events + 1);
}

/* ---- caseloads ---- */

static void caseloads_and_timeliness(void **state)
{
	(void)state;
	struct date request = ago(10);
	char body[256], link[160];
	struct response r;
	snprintf(body, sizeof(body), "{\"date\":\"%s\"}", isod(request));
	send_as(P, "POST", api_path(CH_D, ""), body, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 201);
	response_release(&r);
	struct date due = plus(request, 42);

	/* the officer's own: the open case, its next step and legal latest date; the closed
	 * ones (A's plan, C's withdrawn request) are not there */
	send_as(CW, "GET", "/assessments", NULL, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 200);
	assert_true(response_has(&r, "My assessments"));
	snprintf(link, sizeof(link), "href=\"/children/%s/assessment\"", child_id[CH_D]);
	assert_true(response_has(&r, link));
	assert_true(table_row_has(&r, "Dev Dale", "Decide whether to assess", longd(due),
				  "Colin Walsh", NULL));
	snprintf(link, sizeof(link), "href=\"/children/%s/assessment\"", child_id[CH_A]);
	assert_false(response_has(&r, link));
	snprintf(link, sizeof(link), "href=\"/children/%s/assessment\"", child_id[CH_C]);
	assert_false(response_has(&r, link));
	assert_true(summary_is(&r, "Open cases", "1"));
	assert_true(summary_is(&r, "Overdue", "0"));
	response_release(&r);

	/* the team's */
	send_as(CW, "GET", "/assessments?view=team", NULL, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 200);
	assert_true(response_has(&r, "Team assessments"));
	assert_true(table_row_has(&r, "Dev Dale", "Decide whether to assess", longd(due), NULL));
	response_release(&r);
	send_as(MGR, "GET", "/assessments", NULL, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 200);
	assert_true(response_has(&r, "Team assessments"));
	assert_true(table_row_has(&r, "Dev Dale", "Decide whether to assess", longd(due), NULL));
	response_release(&r);
	/* another LA's caseworker: none of these */
	send_as(CW383, "GET", "/assessments?view=team", NULL, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 200);
	assert_false(response_has(&r, "Dev Dale"));
	response_release(&r);
	/* families and professionals have no caseload */
	send_as(P, "GET", "/assessments", NULL, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 403);
	response_release(&r);
	send_as(PRO, "GET", "/assessments", NULL, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 403);
	response_release(&r);

	/* timeliness: for managers only */
	send_as(MGR, "GET", "/assessments/timeliness", NULL, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 200);
	assert_true(response_has(&r, ">Timeliness of "));
	assert_true(table_row_has(&r, "Colin Walsh", "1", "0", NULL));
	assert_true(table_row_has(&r, "Decide whether to assess", "1", "0", NULL));
	response_release(&r);
	send_as(CW, "GET", "/assessments/timeliness", NULL, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 403);
	response_release(&r);
}

/* ---- panels ---- */

/* location_of: the response's Location header ("" if none) */
static const char *location_of(const struct response *r)
{
	static char loc[2][256];
	static int k;
	char *out = loc[k++ % 2];
	if (response_header(r, "Location", out, 256) != 0)
		out[0] = '\0';
	return out;
}

/* post_is: w POSTs body to path; the status must be want; the caller releases r */
static void post_is(enum who w, const char *path, const char *body, long want, struct response *r)
{
	send_as(w, "POST", path, body, CSRF_RIGHT, r);
	if (r->status != want)
		fail_msg("POST %s as %s: %ld, not %ld: %.400s", path, cast[w].key, r->status, want,
			 buf_cstr(&r->body));
}

/* get_is: GET path as w must answer want; the caller releases r */
static void get_is(enum who w, const char *path, long want, struct response *r)
{
	send_as(w, "GET", path, NULL, CSRF_RIGHT, r);
	if (r->status != want)
		fail_msg("GET %s as %s: %ld, not %ld", path, cast[w].key, r->status, want);
}

/* request_case: w asks for an assessment of the child on d through the API (201) */
static void request_case(enum who w, int child, struct date d)
{
	char body[64];
	struct response r;
	snprintf(body, sizeof(body), "{\"date\":\"%s\"}", isod(d));
	post_is(w, api_path(child, ""), body, 201, &r);
	response_release(&r);
}

/* form_error: a 422 page whose error summary links to #anchor */
static int form_error(const struct response *r, const char *anchor)
{
	char href[160];
	snprintf(href, sizeof(href), "href=\"#%s\"", anchor);
	return r->status == 422 && response_has(r, "govuk-error-summary") && response_has(r, href);
}

static void panels_agenda_and_follow_up(void **state)
{
	(void)state;
	struct response r;
	char path[400], body[512], want[400];

	/* families have no panels */
	get_is(P, "/panels", 403, &r);
	response_release(&r);

	/* setting up: a name and a kind are both needed */
	long panels = count("SELECT count(*) FROM panel", NULL, NULL);
	post_is(MGR, "/panels", "name=&kind=application", 422, &r);
	assert_true(form_error(&r, "name"));
	response_release(&r);
	post_is(MGR, "/panels", "name=Camden+application+panel", 422, &r);
	assert_true(form_error(&r, "kind"));
	response_release(&r);
	assert_int_equal(count("SELECT count(*) FROM panel", NULL, NULL), panels);
	post_is(MGR, "/panels", "name=Camden+application+panel&kind=application", 303, &r);
	char panel[128];
	snprintf(panel, sizeof(panel), "%s", location_of(&r));
	response_release(&r);
	assert_int_equal(strncmp(panel, "/panels/", 8), 0);
	assert_true(id_valid(panel + 8));
	get_is(MGR, "/panels", 200, &r);
	snprintf(want, sizeof(want), "href=\"%s\"", panel);
	assert_true(response_has(&r, want));
	assert_true(table_row_has(&r, "Camden application panel", "Whether to assess", NULL));
	response_release(&r);

	/* a member: each field is needed */
	snprintf(path, sizeof(path), "%s/members", panel);
	post_is(MGR, path, "name=Ada+Osei&role=&organisation=North+Central+London+ICB", 422, &r);
	assert_true(form_error(&r, "role"));
	response_release(&r);
	assert_int_equal(count("SELECT count(*) FROM panel_member", NULL, NULL), 0);
	post_is(MGR, path,
		"name=Ada+Osei&role=Designated+clinical+officer&organisation=North+Central+"
		"London+ICB",
		303, &r);
	assert_true(response_location_is(&r, panel));
	response_release(&r);
	get_is(CW, panel, 200, &r);
	assert_true(table_row_has(&r, "Ada Osei", "Designated clinical officer",
				  "North Central London ICB", NULL));
	response_release(&r);

	/* a meeting: the date must be real */
	snprintf(path, sizeof(path), "%s/meetings", panel);
	post_is(MGR, path, "meets-day=31&meets-month=2&meets-year=2026", 422, &r);
	assert_true(form_error(&r, "meets-day"));
	response_release(&r);
	assert_int_equal(count("SELECT count(*) FROM panel_meeting", NULL, NULL), 0);
	struct date meets = plus(today, 7);
	snprintf(body, sizeof(body), "meets-day=%d&meets-month=%d&meets-year=%d", meets.d, meets.m,
		 meets.y);
	post_is(MGR, path, body, 303, &r);
	char meeting[256];
	snprintf(meeting, sizeof(meeting), "%s", location_of(&r));
	response_release(&r);
	snprintf(want, sizeof(want), "%s/meetings/", panel);
	assert_int_equal(strncmp(meeting, want, strlen(want)), 0);
	assert_true(id_valid(meeting + strlen(want)));

	/* the agenda: the LA's cases waiting for the decision, the most urgent first; not
	 * another LA's */
	request_case(P, CH_F, ago(20));
	request_case(P, CH_E, ago(35));
	request_case(CW383, CH_X, ago(40));
	get_is(CW, meeting, 200, &r);
	snprintf(want, sizeof(want), "Meeting on %s", longd(meets));
	assert_true(response_has(&r, want));
	const char *page = buf_cstr(&r.body);
	const char *e = strstr(page, "Erin Ellis"), *f = strstr(page, "Finn Ford");
	assert_non_null(e);
	assert_non_null(f);
	assert_true(e < f);
	assert_false(response_has(&r, "Xan Xu"));
	assert_true(response_has(&r, longd(plus(ago(35), 42))));
	char case_e[ID_LEN + 1], case_f[ID_LEN + 1];
	snprintf(case_e, sizeof(case_e), "%s", case_of(CH_E));
	snprintf(case_f, sizeof(case_f), "%s", case_of(CH_F));
	snprintf(want, sizeof(want), "name=\"rec-%s\"", case_e);
	assert_true(response_has(&r, want));
	response_release(&r);

	/* a recommendation without its rationale: 422, nothing saved */
	snprintf(path, sizeof(path), "%s/items", meeting);
	snprintf(body, sizeof(body),
		 "case=%s&rec-%s=do_not_assess&why-%s=&services-%s=Speech+and+language+therapy",
		 case_e, case_e, case_e, case_e);
	post_is(CW, path, body, 422, &r);
	snprintf(want, sizeof(want), "why-%s", case_e);
	assert_true(form_error(&r, want));
	response_release(&r);
	assert_int_equal(count("SELECT count(*) FROM panel_item", NULL, NULL), 0);

	/* with it, and support offered instead: saved, and the case leaves the form */
	snprintf(body, sizeof(body),
		 "case=%s&rec-%s=do_not_assess&why-%s=Needs+met+at+SEN+support&services-%s="
		 "Speech+and+language+therapy",
		 case_e, case_e, case_e, case_e);
	post_is(CW, path, body, 303, &r);
	assert_true(response_location_is(&r, meeting));
	response_release(&r);
	assert_int_equal(
		count("SELECT count(*) FROM panel_item WHERE case_id = $1"
		      " AND recommendation = 'do_not_assess' AND rationale = 'Needs met"
		      " at SEN support' AND services_offered = 'Speech and language therapy'"
		      " AND services_happened IS NULL",
		      case_e, NULL),
		1);
	get_is(CW, meeting, 200, &r);
	snprintf(want, sizeof(want), "name=\"rec-%s\"", case_e);
	assert_false(response_has(&r, want));
	snprintf(want, sizeof(want), "name=\"rec-%s\"", case_f);
	assert_true(response_has(&r, want));
	assert_true(response_has(&r, "do_not_assess: Needs met at SEN support"));
	response_release(&r);

	/* the panel's page asks whether the support happened; yes is recorded */
	char item[320];
	snprintf(item, sizeof(item), "%s/items/%s", meeting, case_e);
	get_is(MGR, panel, 200, &r);
	assert_true(response_has(&r, "Support offered: did it happen?"));
	snprintf(want, sizeof(want), "action=\"%s\"", item);
	assert_true(response_has(&r, want));
	response_release(&r);
	post_is(MGR, item, "happened=yes", 303, &r);
	assert_true(response_location_is(&r, panel));
	response_release(&r);
	assert_int_equal(count("SELECT count(*) FROM panel_item WHERE case_id = $1"
			       " AND services_happened = 1",
			       case_e, NULL),
			 1);
	get_is(MGR, panel, 200, &r);
	assert_false(response_has(&r, "Support offered: did it happen?"));
	response_release(&r);

	/* another LA's caseworker: not found, the panel and its meeting alike */
	get_is(CW383, panel, 404, &r);
	response_release(&r);
	get_is(CW383, meeting, 404, &r);
	response_release(&r);
	post_is(CW383, item, "happened=no", 404, &r);
	response_release(&r);
	assert_int_equal(count("SELECT count(*) FROM panel_item WHERE case_id = $1"
			       " AND services_happened = 1",
			       case_e, NULL),
			 1);
}

/* ---- advice ---- */

static const char *advice_path(int child)
{
	static char p[128];
	snprintf(p, sizeof(p), "/children/%s/assessment/advice", child_id[child]);
	return p;
}

static const char *record_path(int child)
{
	static char p[128];
	snprintf(p, sizeof(p), "/children/%s", child_id[child]);
	return p;
}

/* assessing: the child's case asked for on request and decided on decided */
static void assessing(int child, struct date request, struct date decided)
{
	char body[512];
	request_case(P, child, request);
	snprintf(body, sizeof(body),
		 "{\"type\":\"decision_to_assess\",\"date\":\"%s\",\"reasons\":\"Needs\","
		 "\"notice\":{\"recipient\":\"Priya Patel\",\"channel\":\"post\"}}",
		 isod(decided));
	api_step(child, body, "assessing");
}

static void advice_from_a_professional(void **state)
{
	(void)state;
	struct response r;
	char body[512], line[256];
	assessing(CH_G, ago(60), ago(55));

	/* not asked yet: the professional cannot see the child */
	get_is(PRO, record_path(CH_G), 404, &r);
	response_release(&r);
	get_is(PRO, advice_path(CH_G), 404, &r);
	response_release(&r);

	/* asked, by the email address of their account */
	form_step(body, sizeof(body), "advice_requested", ago(50), "Educational+psychologist", NULL,
		  NULL, NULL);
	size_t len = strlen(body);
	snprintf(body + len, sizeof(body) - len, "&advisor=pro%%40example.org");
	post_is(CW, steps_path(CH_G), body, 303, &r);
	response_release(&r);
	get_is(PRO, record_path(CH_G), 200, &r);
	response_release(&r);
	get_is(PRO, advice_path(CH_G), 200, &r);
	assert_true(response_has(&r, "Give advice for the assessment"));
	assert_true(response_has(&r, "name=\"sections\""));
	response_release(&r);

	/* no sections, no text: 422, nothing saved */
	struct tally_rows before = rows_now();
	long advice = count("SELECT count(*) FROM advice", NULL, NULL);
	post_is(PRO, advice_path(CH_G), "item=Educational+psychologist&advice=", 422, &r);
	assert_true(form_error(&r, "sections"));
	assert_true(form_error(&r, "advice"));
	response_release(&r);
	assert_true(rows_same(before, rows_now()));
	assert_int_equal(count("SELECT count(*) FROM advice", NULL, NULL), advice);

	/* whole: stored with its sections, and the advice arriving is a step */
	post_is(PRO, advice_path(CH_G),
		"item=Educational+psychologist&sections=B&sections=F&advice=Needs+a+quiet+space"
		"+to+learn",
		303, &r);
	assert_true(response_location_is(&r, page_path(CH_G)));
	response_release(&r);
	assert_int_equal(
		count("SELECT count(*) FROM advice WHERE case_id = $1 AND item ="
		      " 'Educational psychologist' AND sections = 'B,F' AND body = 'Needs a"
		      " quiet space to learn' AND author_id = $2",
		      case_of(CH_G), cast[PRO].id),
		1);
	assert_int_equal(count("SELECT count(*) FROM case_event WHERE case_id = $1 AND type ="
			       " 'advice_received' AND item = 'Educational psychologist'"
			       " AND happened_on = $2",
			       case_of(CH_G), isod(today)),
			 1);
	page_of(CW, CH_G, &r);
	assert_true(response_has(&r, "Educational psychologist: Pat Rowe"));
	assert_true(summary_is(&r, "For plan sections", "B,F"));
	assert_true(summary_is(&r, "Advice", "Needs a quiet space to learn"));
	snprintf(line, sizeof(line), "%s: Advice received (Educational psychologist)",
		 longd(today));
	assert_true(response_has(&r, line));
	response_release(&r);
}

static void advice_through_the_api(void **state)
{
	(void)state;
	struct response r;
	/* health's advice asked for too (G's case, as the form's test left it) */
	record_form(CH_G, "advice_requested", today, "Health", NULL, NULL, NULL);
	long advice = count("SELECT count(*) FROM advice", NULL, NULL);
	struct tally_rows before = rows_now();
	send_as(PRO, "POST", api_path(CH_G, "/advice"),
		"{\"item\":\"Health\",\"sections\":[\"Z\"],\"advice\":\"\"}", CSRF_RIGHT, &r);
	assert_true(problem_points(&r, "/sections/0"));
	assert_true(problem_points(&r, "/advice"));
	response_release(&r);
	send_as(PRO, "POST", api_path(CH_G, "/advice"), "{\"item\":\"Health\",\"advice\":\"x\"}",
		CSRF_RIGHT, &r);
	assert_true(problem_points(&r, "/sections"));
	response_release(&r);
	/* the family may not give advice; another LA's caseworker does not see the child */
	static const char *const ok_body =
		"{\"item\":\"Health\",\"sections\":[\"C\",\"G\"],\"advice\":\"Annual hearing"
		" checks\"}";
	send_as(P, "POST", api_path(CH_G, "/advice"), ok_body, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 403);
	response_release(&r);
	send_as(CW383, "POST", api_path(CH_G, "/advice"), ok_body, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
	assert_true(rows_same(before, rows_now()));
	assert_int_equal(count("SELECT count(*) FROM advice", NULL, NULL), advice);

	send_as(PRO, "POST", api_path(CH_G, "/advice"),
		"{\"item\":\"Health\",\"sections\":[\"C\",\"G\"],\"advice\":\"Annual hearing"
		" checks\"}",
		CSRF_RIGHT, &r);
	assert_int_equal(r.status, 201);
	json_t *o = json_of(&r);
	assert_string_equal(json_string_value(json_object_get(o, "item")), "Health");
	assert_string_equal(json_string_value(json_object_get(o, "sections")), "C,G");
	assert_string_equal(json_string_value(json_object_get(o, "given_on")), isod(today));
	json_decref(o);
	response_release(&r);
	assert_int_equal(count("SELECT count(*) FROM advice WHERE case_id = $1 AND item = 'Health'"
			       " AND sections = 'C,G' AND author_id = $2",
			       case_of(CH_G), cast[PRO].id),
			 1);
	assert_int_equal(count("SELECT count(*) FROM case_event WHERE case_id = $1 AND type ="
			       " 'advice_received' AND item = 'Health'",
			       case_of(CH_G), NULL),
			 1);
	json_t *c = api_case(CW, CH_G);
	deadline_is(c, "advice", "Health", plus(today, 42), "met", &today);
	json_decref(c);
}

/* ---- the exceptions form ---- */

static void exception_body(char *out, size_t n, struct date from, struct date to,
			   const char *reason)
{
	snprintf(out, n,
		 "from-day=%d&from-month=%d&from-year=%d&to-day=%d&to-month=%d&to-year=%d"
		 "&reason=%s",
		 from.d, from.m, from.y, to.d, to.m, to.y, reason);
}

static void exceptions_form(void **state)
{
	(void)state;
	struct response r;
	char body[512], path[160], line[512];
	request_case(P, CH_J, ago(30));
	snprintf(path, sizeof(path), "/children/%s/assessment/exceptions", child_id[CH_J]);

	/* the end before the start */
	exception_body(body, sizeof(body), ago(20), ago(25), "child_away");
	struct tally_rows before = rows_now();
	post_is(CW, path, body, 422, &r);
	assert_true(form_error(&r, "to-day"));
	response_release(&r);
	/* a reason the rules do not know */
	exception_body(body, sizeof(body), ago(20), ago(10), "sunspots");
	post_is(CW, path, body, 422, &r);
	assert_true(form_error(&r, "reason"));
	response_release(&r);
	assert_true(rows_same(before, rows_now()));

	exception_body(body, sizeof(body), ago(20), ago(10), "child_away");
	post_is(CW, path, body, 303, &r);
	assert_true(response_location_is(&r, page_path(CH_J)));
	response_release(&r);
	assert_int_equal(count("SELECT count(*) FROM case_exception WHERE case_id = $1"
			       " AND starts_on = $2",
			       case_of(CH_J), isod(ago(20))),
			 1);
	/* shown to the family */
	page_of(P, CH_J, &r);
	snprintf(line, sizeof(line), "From %s to %s: The child or their parent has been away",
		 longd(ago(20)), longd(ago(10)));
	if (!response_has(&r, line))
		fail_msg("no \"%s\" on the page", line);
	response_release(&r);
}

/* ---- the chasing list ---- */

#define CHASE "Advice overdue: more than 6 weeks since it was asked for"

static void advice_overdue_is_chased(void **state)
{
	(void)state;
	struct response r;
	assessing(CH_H, ago(70), ago(60));
	record_form(CH_H, "advice_requested", ago(50), "Health", NULL, NULL, NULL);
	get_is(CW, "/assessments", 200, &r);
	assert_true(response_has(&r, CHASE));
	assert_true(table_row_has(&r, "Hana Hill", "Health", longd(ago(50)), NULL));
	response_release(&r);

	record_form(CH_H, "advice_received", today, "Health", NULL, NULL, NULL);
	get_is(CW, "/assessments", 200, &r);
	assert_false(table_row_has(&r, "Hana Hill", "Health", longd(ago(50)), NULL));
	response_release(&r);
}

/* ---- a setting's request ---- */

#define TO_POST "Notices not read in this service within 5 working days: post them"

static void setting_request_tells_the_family(void **state)
{
	(void)state;
	struct response r;
	char body[128], line[256];
	struct date d = ago(20);
	snprintf(body, sizeof(body), "date-day=%d&date-month=%d&date-year=%d", d.d, d.m, d.y);
	post_is(SENCO, page_path(CH_I), body, 303, &r);
	assert_true(response_location_is(&r, page_path(CH_I)));
	response_release(&r);
	assert_int_equal(count("SELECT count(*) FROM assessment_case WHERE child_id = $1"
			       " AND requested_by = 'setting'",
			       child_id[CH_I], NULL),
			 1);
	/* the case's first notice: to the family, through this service */
	assert_int_equal(count("SELECT count(*) FROM notice WHERE case_id = $1 AND event_seq = 1"
			       " AND recipient = 'Parents and carers' AND channel = 'portal'"
			       " AND read_at IS NULL",
			       case_of(CH_I), NULL),
			 1);
	page_of(CW, CH_I, &r);
	snprintf(line, sizeof(line),
		 "%s: Request for an EHC needs assessment. Notice to Parents and carers by portal",
		 longd(d));
	assert_true(response_has(&r, line));
	response_release(&r);

	/* unread after 5 working days: the officer's list of notices to post */
	get_is(CW, "/assessments", 200, &r);
	assert_true(response_has(&r, TO_POST));
	assert_true(table_row_has(&r, "Isla Irwin", "Request for an EHC needs assessment", longd(d),
				  NULL));
	response_release(&r);

	/* the parent opens the case: read, and off the list */
	page_of(P, CH_I, &r);
	response_release(&r);
	assert_int_equal(count("SELECT count(*) FROM notice WHERE case_id = $1"
			       " AND read_at IS NOT NULL",
			       case_of(CH_I), NULL),
			 1);
	get_is(CW, "/assessments", 200, &r);
	assert_false(table_row_has(&r, "Isla Irwin", "Request for an EHC needs assessment",
				   longd(d), NULL));
	response_release(&r);
}

/* ---- the 20-week shares ---- */

/* plan_case: a closed case of LA 383 for the child, requested and its final plan issued
 * on the dates given, written straight into the database */
static void plan_case(int child, struct date request, struct date final, int exception)
{
	char id[ID_LEN + 1], now[TIME_ISO_LEN + 1];
	id_new(id);
	time_iso(time_now(), now);
	assert_int_equal(run("INSERT INTO assessment_case (id, child_id, la_code, requested_by,"
			     " requested_on, rule_family, state, closed_on, created_at, updated_at)"
			     " VALUES ($1, $2, '383', 'parent', $3, 'england', 'plan', $4, $5, $5)",
			     5, id, child_id[child], isod(request), isod(final), now),
			 0);
	assert_int_equal(run("INSERT INTO case_event (case_id, seq, type, happened_on,"
			     " recorded_at) VALUES ($1, 1, 'request', $2, $4),"
			     " ($1, 2, 'final_plan_issued', $3, $4)",
			     4, id, isod(request), isod(final), now),
			 0);
	if (exception)
		assert_int_equal(run("INSERT INTO case_exception (case_id, starts_on, ends_on,"
				     " reason, recorded_at) VALUES ($1, $2, $3, 'child_away', $4)",
				     4, id, isod(plus(request, 10)), isod(plus(request, 40)), now),
				 0);
}

static void timeliness_twenty_weeks(void **state)
{
	(void)state;
	struct response r;
	plan_case(CH_T1, ago(200), plus(ago(200), 130), 0); /* within 20 weeks */
	plan_case(CH_T2, ago(250), plus(ago(250), 180), 1); /* beyond, with an exception */
	get_is(MGR383, "/assessments/timeliness", 200, &r);
	assert_true(response_has(&r, "Final plans issued within 20 weeks, last 12 months"));
	assert_true(summary_is(&r, "Including exception cases", "1 of 2 (50%)"));
	assert_true(summary_is(&r, "Excluding exception cases", "1 of 1 (100%)"));
	response_release(&r);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	today = date_today();
	if (load_holidays() || harness_db_fresh(&srv) || db_open(srv.db_url, &tdb) || seed() ||
	    harness_start(&srv, NULL)) {
		fprintf(stderr, "http_assessment: could not seed or start sendap\n");
		return 1;
	}
	int rc = 0;
	for (int w = 1; w < N_ACTORS && rc == 0; w++)
		rc = sign_in_actor((enum who)w);
	int failures = 1;
	if (rc == 0) {
		static const struct CMUnitTest tests[] = {
			cmocka_unit_test(journey_through_the_pages),
			cmocka_unit_test(journey_through_the_api),
			cmocka_unit_test(bad_input_is_refused_and_nothing_saved),
			cmocka_unit_test(access_and_csrf),
			cmocka_unit_test(caseloads_and_timeliness),
			cmocka_unit_test(panels_agenda_and_follow_up),
			cmocka_unit_test(advice_from_a_professional),
			cmocka_unit_test(advice_through_the_api),
			cmocka_unit_test(exceptions_form),
			cmocka_unit_test(advice_overdue_is_chased),
			cmocka_unit_test(setting_request_tells_the_family),
			cmocka_unit_test(timeliness_twenty_weeks),
		};
		const char *group = getenv("SENDAP_TEST_PG_URL") ? "http assessment (postgresql)"
								 : "http assessment (sqlite)";
		failures = _cmocka_run_group_tests(group, tests, sizeof(tests) / sizeof(tests[0]),
						   NULL, NULL);
	}
	db_close(tdb);
	int status = harness_stop(&srv, SIGTERM);
	harness_cleanup(&srv);
	curl_global_cleanup();
	if (status != 0) {
		fprintf(stderr,
			"http_assessment: sendap exited with status %d (sanitizer report in "
			"build/test-logs/server-*.log)\n",
			status);
		return 1;
	}
	return failures ? 1 : 0;
}
