/*
 * http_redress2.c: complaints, the Ombudsman, disability discrimination claims, an LA's
 * mediation before an appeal, and the timeline with its SEN2 flags, over HTTP against a
 * real sendap (src/redress/complaints.c, settings.c, pages.c, appeal.c). Caseworker CW and
 * SEND manager MG of LA 202; parent P of J, K and L, whose decisions were served on
 * 1 December 2025, 1 September 2026 and 15 September 2026. Working days are counted by
 * hand where asserted, England's bank holidays skipped. Each refused write must name its
 * error and leave the redress tables as they were. Tests build on each other, in order.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <curl/curl.h>

#include "harness.h"
#include "platform/auth.h"
#include "platform/dates.h"
#include "platform/db.h"
#include "platform/ids.h"

#define PASSWORD "correct horse battery"

static struct server srv;
static struct db *tdb;
static struct response R;
static struct buf got, before, now_;

enum who { ANON, CW, MG, P, N_ACTORS };
static struct actor {
	const char *key, *role, *la;
	char id[ID_LEN + 1];
	char cookie[300], csrf[64];
} cast[N_ACTORS] = {
	[CW] = {"cw", "caseworker", "202"},
	[MG] = {"mg", "la_manager", "202"},
	[P] = {"p", "parent", NULL},
};

enum { J, K, L, N_CHILDREN };
static char child_id[N_CHILDREN][ID_LEN + 1];
static char complaint_j[ID_LEN + 1], ombudsman_j[ID_LEN + 1], ombudsman_late[ID_LEN + 1];
static char med_j[ID_LEN + 1];

#define J_DECISION "refuse_assess%7C2025-12-01"
#define K_DECISION "plan_contents%7C2026-09-01"
#define L_DECISION "refuse_issue%7C2026-09-15"

/* ---- the database ---- */

#define run(...) harness_sql(tdb, __VA_ARGS__)

#define text_of(...) harness_or_none(harness_text(tdb, &got, __VA_ARGS__))

#define dump(b, sql) harness_dump(tdb, b, sql)

/* the tables a refused write could touch, every row and column */
static const char *world(struct buf *b)
{
	buf_reset(b);
	dump(b, "SELECT * FROM complaint ORDER BY id");
	dump(b, "SELECT * FROM complaint_stage_setting ORDER BY la_code, body_kind, stage");
	dump(b, "SELECT * FROM ombudsman_complaint ORDER BY id");
	dump(b, "SELECT * FROM discrimination_claim ORDER BY id");
	dump(b, "SELECT * FROM la_redress_setting ORDER BY la_code");
	dump(b, "SELECT * FROM mediation ORDER BY id");
	dump(b, "SELECT * FROM tribunal_appeal ORDER BY id");
	return buf_cstr(b);
}

static void snap(void)
{
	world(&before);
}

#define assert_unchanged() assert_string_equal(world(&now_), buf_cstr(&before))

/* complaint_row: what a complaint holds, "NULL" for nothing */
static const char *complaint_row(const char *id)
{
	return text_of("SELECT route || ' ' || body_kind || ' ' || made_on || ' ' || CAST(stage AS"
		       " TEXT) || ' ' || stage_started_on || ' ' || response_due || ' ' ||"
		       " coalesce(responded_on, 'NULL') || ' ' || coalesce(resolution, 'NULL')"
		       " FROM complaint WHERE id = $1",
		       1, id);
}

static const char *due_of(int ch, const char *made)
{
	return text_of("SELECT response_due FROM complaint WHERE child_id = $1 AND made_on = $2", 2,
		       child_id[ch], made);
}

/* ---- requests ---- */

static const char *fmt(const char *f, ...)
{
	static char b[8][9000];
	static int k;
	k = (k + 1) % 8;
	va_list ap;
	va_start(ap, f);
	vsnprintf(b[k], sizeof(b[k]), f, ap);
	va_end(ap);
	return b[k];
}

#define at(ch, rest) fmt("/children/%s/disagree%s", child_id[ch], rest)

static const char *boxes(const char *name, const char *iso)
{
	struct date t = {0, 0, 0};
	date_parse(iso, &t);
	return fmt("%s-day=%d&%s-month=%d&%s-year=%d", name, t.d, name, t.m, name, t.y);
}

static const char *tomorrow(void)
{
	static char s[DATE_ISO_LEN + 1];
	date_iso(date_add_days(date_today(), 1), s);
	return s;
}

/* many: n letters a, for a value over its limit */
static const char *many(size_t n)
{
	static char s[4200];
	memset(s, 'a', n);
	s[n] = '\0';
	return s;
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

#define KEY "<dt class=\"govuk-summary-list__key\">"
#define VALUE "</dt><dd class=\"govuk-summary-list__value\">"
#define ROW "<div class=\"govuk-summary-list__row\">"
#define row(k, v) ROW KEY k VALUE v "</dd></div>"

static int refused(long status, const char *field, const char *message)
{
	const char *body = buf_cstr(&R.body);
	const char *summary = strstr(body, "govuk-error-summary__list");
	const char *item = fmt("<li><a href=\"#%s\">%s</a></li>", field, message);
	if (status != 422 || !summary || !strstr(summary, item)) {
		fprintf(stderr, "wanted 422 with \"%s\", got %ld\n", item, status);
		return 0;
	}
	return 1;
}

/* refused_with: the call is refused so (a write returns its status) */
#define refused_with(call, field, message) assert_true(refused((call), field, message))

/* section: the page from a heading to the next, in a buffer of its own */
static char *section(const char *heading)
{
	static char s[16384];
	const char *b = strstr(buf_cstr(&R.body), fmt("%s</h2>", heading));
	if (!b) {
		snprintf(s, sizeof(s), "(no heading %s)", heading);
		return s;
	}
	const char *e = strstr(b + 1, "<h2");
	size_t n = e ? (size_t)(e - b) : strlen(b);
	n = n < sizeof(s) - 1 ? n : sizeof(s) - 1;
	memcpy(s, b, n);
	s[n] = '\0';
	return s;
}

#define in_section(heading, text) (strstr(section(heading), text) != NULL)
#define SEN2(m, a) "For the SEN2 return: mediation held " m "; appeal to the tribunal " a "."

static long complain(enum who w, int ch, const char *route, const char *kind, const char *made)
{
	return post(w, at(ch, "/complaint"),
		    fmt("route=%s&body_kind=%s&body_name=Northshire+SEND+team&about=Late+plan&%s",
			route, kind, boxes("made", made)));
}

static long complaint_step(enum who w, const char *act, const char *on, const char *rest)
{
	return post(w, at(J, fmt("/complaint/%s", complaint_j)),
		    fmt("act=%s&%s%s", act, boxes("act_on", on), rest));
}

static long ombudsman(int ch, const char *aware, const char *made, const char *rest)
{
	return post(P, at(ch, "/ombudsman"),
		    fmt("%s&%s%s", boxes("aware", aware), boxes("to_ombudsman", made), rest));
}

static long finding(enum who w, int ch, const char *oid, const char *on, const char *rest)
{
	return post(w, at(ch, fmt("/ombudsman/%s", oid)), fmt("%s%s", boxes("found", on), rest));
}

static long appeal(int ch, const char *decision, const char *on, const char *issues)
{
	return post(CW, at(ch, "/appeal"),
		    fmt("appeal_decision=%s&%s%s&grounds=Needs+not+met", decision,
			boxes("registered", on), issues));
}

/* med: a step of J's mediation, by an officer */
static long med(const char *step, const char *body)
{
	return post(CW, at(J, fmt("/mediation/%s/%s", med_j, step)), body);
}

/* sen2: the child's page, as the parent sees it, says so */
#define sen2(ch, m, a) (get(P, at(ch, "")) == 200 && has(SEN2(m, a)))

/* ---- the fixture ---- */

/* the cast, then each child with its decision: an event of an assessment case (the case
 * and its notice take the child's id) with its notice, emailed and served on the day */
static int seed(void)
{
	static const char *const child[N_CHILDREN][3] = {
		{"jo", "decision_not_to_assess", "2025-12-01"},
		{"kit", "final_plan_issued", "2026-09-01"},
		{"lou", "decision_not_to_issue", "2026-09-15"}};
	char ts[TIME_ISO_LEN + 1], hash[128], dob[DATE_ISO_LEN + 1];
	time_iso(time_now(), ts);
	date_iso(date_add_years(date_today(), -9), dob);
	int rc = password_hash(PASSWORD, hash, sizeof(hash));
	for (int w = 1; w < N_ACTORS && rc == 0; w++) {
		id_new(cast[w].id);
		rc = run("INSERT INTO user_account (id, email, name, role, la_code, password_hash,"
			 " disabled, created_at) VALUES ($1, $2, $3, $4, $5, $6, 0, $7)",
			 7, cast[w].id, fmt("%s@example.org", cast[w].key), cast[w].key,
			 cast[w].role, cast[w].la, hash, ts);
	}
	if (rc == 0)
		rc = run("INSERT INTO family_member (id, name, user_id, created_at) VALUES ($1,"
			 " 'P', $1, $2)",
			 2, cast[P].id, ts);
	for (int i = 0; i < N_CHILDREN && rc == 0; i++) {
		const char *id = child_id[i], *on = child[i][2];
		id_new(child_id[i]);
		rc = run("INSERT INTO child (id, given_name, family_name, search_given,"
			 " search_family, date_of_birth, sex, la_code, sen_status, created_at,"
			 " updated_at) VALUES ($1, $2, 'Hale', $2, 'hale', $3, 'M', '202',"
			 " 'sen_support', $4, $4)",
			 4, id, child[i][0], dob, ts);
		rc = rc ? rc
			: run("INSERT INTO family_link (family_member_id, child_id, relationship)"
			      " VALUES ($1, $2, 'father')",
			      2, cast[P].id, id);
		rc = rc ? rc
			: run("INSERT INTO assessment_case (id, child_id, la_code, requested_by,"
			      " requested_on, state, created_at, updated_at) VALUES ($1, $1, '202',"
			      " 'parent', '2025-06-02', 'not_assessing', $2, $2)",
			      2, id, ts);
		rc = rc ? rc
			: run("INSERT INTO case_event (case_id, seq, type, happened_on, reasons,"
			      " recorded_by, recorded_at) VALUES ($1, 1, $2, $3, 'Why', $4, $5)",
			      5, id, child[i][1], on, cast[CW].id, ts);
		rc = rc ? rc
			: run("INSERT INTO notice (id, case_id, event_seq, recipient, channel,"
			      " sent_on, served_on, created_at) VALUES ($1, $1, 1, 'parent',"
			      " 'email', $2, $2, $3)",
			      3, id, on, ts);
	}
	return rc;
}

/* ---- complaints ---- */

static void complaints_recorded_with_their_due_dates(void **state)
{
	(void)state;
	/* the parent, about the council, Thursday 18 December 2025: 10 working days are 19,
	 * 22, 23, 24, (25, 26 skipped) 29, 30, 31, (1 January skipped) 2, 5, 6 January */
	assert_int_equal(complain(P, J, "complaint", "la", "2025-12-18"), 303);
	assert_true(response_location_is(&R, at(J, "")));
	snprintf(complaint_j, sizeof(complaint_j), "%s",
		 text_of("SELECT id FROM complaint WHERE child_id = $1", 1, child_id[J]));
	assert_string_equal(complaint_row(complaint_j),
			    "complaint la 2025-12-18 1 2025-12-18 2026-01-06 NULL NULL");
	assert_string_equal(text_of("SELECT la_code || ' ' || body_name || ' ' || about || ' ' ||"
				    " created_by FROM complaint WHERE id = $1",
				    1, complaint_j),
			    fmt("202 Northshire SEND team Late plan %s", cast[P].id));
	assert_int_equal(get(P, at(J, "")), 200);
	assert_true(in_section("Complaints and disagreement resolution",
			       row("A complaint", "Northshire SEND team: Late plan")
				       row("Made on", "18 December 2025") row("Stage", "1")
					       row("Response due by", "6 January 2026")
						       row("Response", "Not yet")));
	/* an officer, about a health body, Friday 20 March 2026: 25 working days, Good Friday
	 * (3 April) and Easter Monday (6 April) skipped, end on 28 April; a setting, Friday
	 * 27 March: 10 working days are 30, 31 March, 1, 2, 7 to 10, 13, 14 April */
	assert_int_equal(complain(CW, K, "disagreement_resolution", "health", "2026-03-20"), 303);
	assert_int_equal(complain(CW, K, "complaint", "setting", "2026-03-27"), 303);
	assert_string_equal(text_of("SELECT route || ' ' || created_by FROM complaint WHERE"
				    " child_id = $1 AND body_kind = 'health'",
				    1, child_id[K]),
			    fmt("disagreement_resolution %s", cast[CW].id));
	assert_string_equal(due_of(K, "2026-03-20"), "2026-04-28");
	assert_string_equal(due_of(K, "2026-03-27"), "2026-04-14");
	assert_int_equal(get(P, at(K, "")), 200);
	assert_true(has(row("Disagreement resolution", "Northshire SEND team: Late plan")
				row("Made on", "20 March 2026") row("Stage", "1")
					row("Response due by", "28 April 2026")));
}

static void complaint_due_follows_the_la_setting(void **state)
{
	(void)state;
	/* another LA's days, and this LA's for stage 2, leave stage 1 at the default:
	 * Monday 30 March 2026 + 10 working days is 15 April */
	assert_int_equal(run("INSERT INTO complaint_stage_setting (la_code, body_kind, stage,"
			     " working_days) VALUES ('203', 'setting', 1, 2), ('202', 'setting', 2,"
			     " 30)",
			     0),
			 0);
	assert_int_equal(complain(CW, K, "complaint", "setting", "2026-03-30"), 303);
	assert_string_equal(due_of(K, "2026-03-30"), "2026-04-15");
	/* LA 202's 5 days for a setting, Tuesday 31 March 2026: 1, 2, (Easter) 7, 8, 9 April */
	assert_int_equal(run("INSERT INTO complaint_stage_setting (la_code, body_kind, stage,"
			     " working_days) VALUES ('202', 'setting', 1, 5)",
			     0),
			 0);
	assert_int_equal(complain(CW, K, "complaint", "setting", "2026-03-31"), 303);
	assert_string_equal(due_of(K, "2026-03-31"), "2026-04-09");
}

static void complaint_refused_with_422(void **state)
{
	(void)state;
	char ok[64], future[64];
	snprintf(ok, sizeof(ok), "%s", boxes("made", "2026-01-10"));
	snprintf(future, sizeof(future), "%s", boxes("made", tomorrow()));
	const char *n = "Northshire", *a = "Late", *c = "complaint",
		   *real = "The date must be a real date",
		   *name = "Enter its name, in 200 characters or fewer",
		   *about = "Enter what it is about, in 4,000 characters or fewer";
	struct {
		const char *route, *kind, *name, *about, *made, *field, *message;
	} bad[] = {
		{"", "la", n, a, ok, "route", "Choose a complaint or disagreement resolution"},
		{"appeal", "la", n, a, ok, "route",
		 "Choose a complaint or disagreement resolution"},
		{c, "school", n, a, ok, "body_kind", "Choose who it is about"},
		{c, "la", "", a, ok, "body_name", name},
		{c, "la", NULL, a, ok, "body_name", name},
		{c, "la", n, "", ok, "about", about},
		{c, "la", n, NULL, ok, "about", about},
		{c, "la", n, a, "x=1", "made-day", "Enter the date"},
		{c, "la", n, a, "made-day=31&made-month=2&made-year=2026", "made-day", real},
		{c, "la", n, a, future, "made-day", "The date must be today or in the past"},
	};
	snap();
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		/* NULL: one character over the limit */
		refused_with(
			post(P, at(J, "/complaint"),
			     fmt("route=%s&body_kind=%s&body_name=%s&about=%s&%s", bad[i].route,
				 bad[i].kind, bad[i].name ? bad[i].name : many(201),
				 bad[i].about ? bad[i].about : many(4001), bad[i].made)),
			bad[i].field, bad[i].message);
		assert_unchanged();
	}
}

static void complaint_escalated_and_answered(void **state)
{
	(void)state;
	snap();
	assert_int_equal(complaint_step(P, "answer", "2026-01-05", "&resolution=upheld"), 403);
	assert_int_equal(complaint_step(P, "escalate", "2026-01-05", ""), 403);
	refused_with(complaint_step(CW, "answer", "2025-12-17", "&resolution=upheld"), "act_on-day",
		     "This cannot be before the complaint, or its stage, began");
	refused_with(complaint_step(CW, "escalate", "2025-12-17", ""), "act_on-day",
		     "This cannot be before the complaint, or its stage, began");
	refused_with(complaint_step(CW, "shrug", "2026-01-05", ""), "act", "Choose what happened");
	refused_with(
		post(CW, at(J, fmt("/complaint/%s", complaint_j)), "act=answer&resolution=upheld"),
		"act_on-day", "Enter the date");
	refused_with(complaint_step(CW, "answer", "2026-01-05", "&resolution=won"), "resolution",
		     "Choose the outcome");
	assert_unchanged();
	/* stage 2 from Tuesday 24 March 2026, 20 working days: 25 to 27, 30, 31 March, 1, 2,
	 * (Good Friday and Easter Monday skipped) 7 to 10, 13 to 17, 20 to 23 April */
	assert_int_equal(complaint_step(CW, "escalate", "2026-03-24", ""), 303);
	assert_string_equal(complaint_row(complaint_j),
			    "complaint la 2025-12-18 2 2026-03-24 2026-04-23 NULL NULL");
	snap();
	refused_with(complaint_step(CW, "escalate", "2026-03-25", ""), "act",
		     "It is at its last stage already");
	assert_unchanged();
	assert_int_equal(complaint_step(CW, "answer", "2026-04-20", "&resolution=partly_upheld"),
			 303);
	assert_string_equal(complaint_row(complaint_j), "complaint la 2025-12-18 2 2026-03-24"
							" 2026-04-23 2026-04-20 partly_upheld");
	snap();
	refused_with(complaint_step(CW, "answer", "2026-04-21", "&resolution=upheld"), "act",
		     "That complaint has been answered already");
	assert_unchanged();
	assert_int_equal(get(P, at(J, "")), 200);
	assert_true(has(row("Made on", "18 December 2025") row("Stage", "2")
				row("Response due by", "23 April 2026")
					row("Response", "20 April 2026: Partly upheld")));
}

/* ---- the Ombudsman ---- */

#define LATE(d) "The 12 months ended on " d ": tick that the Ombudsman accepted it late, if it did"

static void ombudsman_within_12_months_of_knowing(void **state)
{
	(void)state;
	/* aware on 10 March 2025: the 12 months beginning with it end on 9 March 2026 */
	snap();
	refused_with(ombudsman(J, "2025-03-10", "2026-03-10", ""), "to_ombudsman-day",
		     LATE("9 March 2026"));
	assert_unchanged();
	assert_int_equal(ombudsman(J, "2025-03-10", "2026-03-09", ""), 303);
	snprintf(ombudsman_j, sizeof(ombudsman_j), "%s",
		 text_of("SELECT id FROM ombudsman_complaint WHERE child_id = $1", 1, child_id[J]));
	assert_int_equal(ombudsman(J, "2025-03-10", "2026-03-10", "&late_accepted=yes"), 303);
	snprintf(ombudsman_late, sizeof(ombudsman_late), "%s",
		 text_of("SELECT id FROM ombudsman_complaint WHERE child_id = $1 AND id <> $2", 2,
			 child_id[J], ombudsman_j));
	static const char *const sql =
		"SELECT aware_on || ' ' || made_on || ' ' || CAST(late_accepted AS TEXT) || ' ' ||"
		" coalesce(decided_on, 'NULL') || ' ' || la_code || ' ' || created_by FROM"
		" ombudsman_complaint WHERE id = $1";
	assert_string_equal(text_of(sql, 1, ombudsman_j),
			    fmt("2025-03-10 2026-03-09 0 NULL 202 %s", cast[P].id));
	assert_string_equal(text_of(sql, 1, ombudsman_late),
			    fmt("2025-03-10 2026-03-10 1 NULL 202 %s", cast[P].id));
	assert_int_equal(get(P, at(J, "")), 200);
	const char *s = section("The Local Government and Social Care Ombudsman");
	assert_non_null(strstr(s, row("Made on", "10 March 2026 (late, accepted by the Ombudsman)")
					  row("Known about since", "10 March 2025")
						  row("Finding", "Not yet")));
	assert_non_null(strstr(s, row("Made on", "9 March 2026")
					  row("Known about since", "10 March 2025")));
}

static void ombudsman_refused_with_422(void **state)
{
	(void)state;
	snap();
	refused_with(ombudsman(J, "2025-03-10", "2025-03-09", ""), "to_ombudsman-day",
		     "The complaint cannot be before knowing about the problem");
	/* 12 months beginning with 29 February 2024: no 29 February 2025, so its last day */
	refused_with(ombudsman(J, "2024-02-29", "2025-03-01", ""), "to_ombudsman-day",
		     LATE("28 February 2025"));
	refused_with(ombudsman(J, "2025-03-10", "2026-03-10", "&late_accepted=maybe"),
		     "to_ombudsman-day", LATE("9 March 2026"));
	refused_with(post(P, at(J, "/ombudsman"), boxes("to_ombudsman", "2026-03-09")), "aware-day",
		     "Enter the date");
	refused_with(post(P, at(J, "/ombudsman"), boxes("aware", "2025-03-10")), "to_ombudsman-day",
		     "Enter the date");
	refused_with(ombudsman(J, "2025-03-10", tomorrow(), ""), "to_ombudsman-day",
		     "The date must be today or in the past");
	assert_unchanged();
}

static void ombudsman_finding_recorded(void **state)
{
	(void)state;
	snap();
	assert_int_equal(finding(P, J, ombudsman_j, "2026-09-15", "&finding=fault"), 403);
	refused_with(finding(CW, J, ombudsman_j, "2026-09-15", "&finding=guilty"), "finding",
		     "Choose the finding");
	refused_with(finding(CW, J, ombudsman_j, "2026-09-15", ""), "finding",
		     "Choose the finding");
	refused_with(post(CW, at(J, fmt("/ombudsman/%s", ombudsman_j)), "finding=fault"),
		     "found-day", "Enter the date");
	refused_with(finding(CW, J, ombudsman_j, "2026-09-15",
			     fmt("&finding=fault&remedy=%s", many(4001))),
		     "remedy", "Must be 4,000 characters or fewer");
	assert_unchanged();
	assert_int_equal(finding(CW, J, ombudsman_j, "2026-09-15",
				 "&finding=fault_injustice&remedy=An+apology+and+a+refund"),
			 303);
	assert_string_equal(text_of("SELECT decided_on || ' ' || finding || ' ' || remedy FROM"
				    " ombudsman_complaint WHERE id = $1",
				    1, ombudsman_j),
			    "2026-09-15 fault_injustice An apology and a refund");
	assert_int_equal(get(P, at(J, "")), 200);
	assert_true(has(row("Made on", "9 March 2026") row("Known about since", "10 March 2025")
				row("Finding", "15 September 2026: Fault causing injustice. Remedy:"
					       " An apology and a refund")));
}

/* ---- disability discrimination claims ---- */

static void claims_recorded_apart_from_appeals(void **state)
{
	(void)state;
	assert_string_equal(text_of("SELECT count(*) FROM tribunal_appeal", 0), "0");
	assert_int_equal(post(P, at(J, "/claim"),
			      fmt("setting_name=Oak+Primary&claim_about=Left+out+of+the+trip&%s",
				  boxes("claimed", "2026-04-14"))),
			 303);
	assert_string_equal(
		text_of("SELECT setting_name || ' ' || about || ' ' || made_on || ' '"
			" || coalesce(outcome, 'NULL') || ' ' || la_code || ' ' ||"
			" created_by FROM discrimination_claim WHERE child_id = $1",
			1, child_id[J]),
		fmt("Oak Primary Left out of the trip 2026-04-14 NULL 202 %s", cast[P].id));
	assert_string_equal(text_of("SELECT count(*) FROM tribunal_appeal", 0), "0");
	assert_int_equal(get(P, at(J, "")), 200);
	assert_true(in_section("Disability discrimination claims",
			       row("Against", "Oak Primary: Left out of the trip")
				       row("Made on", "14 April 2026") row("Outcome", "Not yet")));
	assert_true(in_section("Appeals to the SEND Tribunal", "No appeal has been registered."));
	assert_false(in_section("Appeals to the SEND Tribunal", "Oak Primary"));
	assert_false(in_section("Complaints and disagreement resolution", "Oak Primary"));
}

static void claim_refused_with_422(void **state)
{
	(void)state;
	char future[64];
	snprintf(future, sizeof(future), "%s", boxes("claimed", tomorrow()));
	const char *ok = "claimed-day=14&claimed-month=4&claimed-year=2026",
		   *name = "Enter the setting, in 200 characters or fewer",
		   *about = "Enter what it is about, in 4,000 characters or fewer";
	struct {
		const char *name, *about, *made, *field, *message;
	} bad[] = {
		{"", "Trip", ok, "setting_name", name},
		{NULL, "Trip", ok, "setting_name", name},
		{"Oak", "", ok, "claim_about", about},
		{"Oak", NULL, ok, "claim_about", about},
		{"Oak", "Trip", "x=1", "claimed-day", "Enter the date"},
		{"Oak", "Trip", "claimed-day=30&claimed-month=2&claimed-year=2026", "claimed-day",
		 "The date must be a real date"},
		{"Oak", "Trip", future, "claimed-day", "The date must be today or in the past"},
	};
	snap();
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		/* NULL: one character over the limit */
		refused_with(post(P, at(J, "/claim"),
				  fmt("setting_name=%s&claim_about=%s&%s",
				      bad[i].name ? bad[i].name : many(201),
				      bad[i].about ? bad[i].about : many(4001), bad[i].made)),
			     bad[i].field, bad[i].message);
		assert_unchanged();
	}
}

/* ---- mediation before an appeal ---- */

#define RADIO(v) "name=\"mandatory\" type=\"radio\" value=\"" v "\" checked"
#define ASKS \
	"This council asks for mediation before an appeal: record the mediation certificate first"

static void mediation_setting_for_managers_only_off_by_default(void **state)
{
	(void)state;
	assert_int_equal(get(MG, "/redress/settings"), 200);
	assert_true(has(RADIO("off")));
	assert_int_equal(get(CW, "/redress/settings"), 403);
	assert_int_equal(get(P, "/redress/settings"), 403);
	snap();
	assert_int_equal(post(CW, "/redress/settings", "mandatory=on"), 403);
	assert_int_equal(post(P, "/redress/settings", "mandatory=on"), 403);
	refused_with(post(MG, "/redress/settings", "mandatory=maybe"), "mandatory",
		     "Choose yes or no");
	refused_with(post(MG, "/redress/settings", "mandatory="), "mandatory", "Choose yes or no");
	assert_unchanged();
	/* off, as it is by default: no certificate needed */
	assert_int_equal(appeal(L, L_DECISION, "2026-10-05", "&issues=issue"), 303);
	assert_string_equal(text_of("SELECT decision || ' ' || registered_on || ' ' || issues FROM"
				    " tribunal_appeal WHERE child_id = $1",
				    1, child_id[L]),
			    "refuse_issue 2026-10-05 issue");
}

static void mediation_asked_for_when_the_la_says_so(void **state)
{
	(void)state;
	assert_int_equal(post(MG, "/redress/settings", "mandatory=on"), 303);
	assert_true(response_location_is(&R, "/redress/settings"));
	assert_string_equal(text_of("SELECT CAST(mediation_mandatory AS TEXT) || ' ' || set_by"
				    " FROM la_redress_setting WHERE la_code = '202'",
				    0),
			    fmt("1 %s", cast[MG].id));
	assert_int_equal(get(MG, "/redress/settings"), 200);
	assert_true(has(RADIO("on")));
	snap();
	refused_with(appeal(J, J_DECISION, "2026-01-30", "&issues=assess"), "appeal_decision",
		     ASKS);
	assert_true(
		refused(appeal(K, K_DECISION, "2026-10-01", "&issues=F"), "appeal_decision", ASKS));
	refused_with(appeal(K, K_DECISION, "2026-10-01", "&issues=B&issues=I"), "appeal_decision",
		     ASKS);
	assert_unchanged();
	/* an appeal only about the setting named needs no certificate */
	assert_int_equal(appeal(K, K_DECISION, "2026-10-01", "&issues=I"), 303);
	assert_string_equal(text_of("SELECT decision || ' ' || issues FROM tribunal_appeal WHERE"
				    " child_id = $1",
				    1, child_id[K]),
			    "plan_contents I");
	assert_true(sen2(K, "no", "yes"));
}

static void appeal_accepted_once_mediation_is_certified(void **state)
{
	(void)state;
	assert_true(sen2(J, "no", "no"));
	assert_int_equal(
		post(P, at(J, "/mediation"),
		     fmt("mediation_decision=%s&%s", J_DECISION, boxes("contacted", "2026-01-05"))),
		303);
	snprintf(med_j, sizeof(med_j), "%s",
		 text_of("SELECT id FROM mediation WHERE child_id = $1", 1, child_id[J]));
	assert_int_equal(med("choice", fmt("choice=mediate&%s", boxes("on", "2026-01-12"))), 303);
	assert_true(sen2(J, "no", "no"));
	assert_int_equal(med("held", fmt("%s&outcome=not_agreed&agencies=education",
					 boxes("held", "2026-02-05"))),
			 303);
	assert_true(sen2(J, "yes", "no"));
	/* held, but no certificate yet */
	snap();
	refused_with(appeal(J, J_DECISION, "2026-01-30", "&issues=assess"), "appeal_decision",
		     ASKS);
	assert_unchanged();
	assert_int_equal(med("certificate", boxes("certificate", "2026-02-09")), 303);
	/* the window: 1 month from the certificate, 9 March 2026 */
	assert_int_equal(appeal(J, J_DECISION, "2026-03-02", "&issues=assess"), 303);
	assert_string_equal(text_of("SELECT registered_on || ' ' || issues || ' ' || CAST(late AS"
				    " TEXT) FROM tribunal_appeal WHERE child_id = $1",
				    1, child_id[J]),
			    "2026-03-02 assess 0");
	assert_true(sen2(J, "yes", "yes"));
}

static void off_again_no_certificate_needed(void **state)
{
	(void)state;
	assert_int_equal(post(MG, "/redress/settings", "mandatory=off"), 303);
	assert_string_equal(text_of("SELECT CAST(mediation_mandatory AS TEXT) FROM"
				    " la_redress_setting WHERE la_code = '202'",
				    0),
			    "0");
	assert_int_equal(appeal(K, K_DECISION, "2026-10-02", "&issues=F"), 303);
	assert_string_equal(
		text_of("SELECT count(*) FROM tribunal_appeal WHERE child_id = $1", 1, child_id[K]),
		"2");
}

/* ---- the timeline ---- */

/* timeline: the page's timeline, up to the end of its list */
static const char *timeline(void)
{
	char *s = section("Timeline"), *e = strstr(s, "</ul>");
	if (e)
		e[5] = '\0';
	return s + strlen("Timeline</h2>");
}

static void timeline_newest_first(void **state)
{
	(void)state;
	static const char *const want[] = {
		"15 September 2026: The Ombudsman decided",
		"20 April 2026: Complaint answered",
		"14 April 2026: Disability discrimination claim made",
		"24 March 2026: Complaint taken to the next stage",
		"10 March 2026: Complaint to the Ombudsman",
		"9 March 2026: Complaint to the Ombudsman",
		"2 March 2026: Appeal registered with the SEND Tribunal",
		"9 February 2026: Mediation certificate",
		"5 February 2026: Mediation held",
		"12 January 2026: Told the council they wish to mediate",
		"5 January 2026: Mediation adviser contacted",
		"18 December 2025: Complaint made",
	};
	buf_reset(&now_);
	buf_puts(&now_, "<ul class=\"govuk-list\">");
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		buf_puts(&now_, fmt("<li>%s</li>", want[i]));
	buf_puts(&now_, "</ul>");
	assert_true(sen2(J, "yes", "yes"));
	assert_string_equal(timeline(), buf_cstr(&now_));
	/* L: an appeal, no mediation */
	assert_true(sen2(L, "no", "yes"));
	assert_string_equal(timeline(), "<ul class=\"govuk-list\"><li>5 October 2026: Appeal"
					" registered with the SEND Tribunal</li></ul>");
}

/* the complaint taken to stage 2 on 24 March 2026 is a recorded step too */
static void timeline_shows_the_escalation(void **state)
{
	(void)state;
	assert_int_equal(get(P, at(J, "")), 200);
	const char *t = timeline();
	if (!strstr(t, "<li>24 March 2026: "))
		fprintf(stderr, "no line for the escalation on 24 March 2026 in:\n%s\n", t);
	assert_non_null(strstr(t, "<li>24 March 2026: "));
}

/* last: a finding that cannot apply, each case reported, then the test fails on any */
static void ombudsman_finding_refused_when_it_cannot_apply(void **state)
{
	(void)state;
	struct {
		const char *what, *oid, *day;
		int ch;
	} bad[] = {
		{"decided before the complaint was made (10 March 2026)", ombudsman_late,
		 "2026-03-01", J},
		{"decided twice", ombudsman_j, "2026-09-16", J},
		{"J's complaint through K's page", ombudsman_late, "2026-09-16", K},
		{"no such complaint", "nosuchcomplaint", "2026-09-16", J},
	};
	static const char *const audits = "SELECT count(*) FROM audit_event WHERE record_type ="
					  " 'ombudsman_complaint' AND action = 'decided'";
	int wrong = 0;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snap();
		char n[16];
		snprintf(n, sizeof(n), "%s", text_of(audits, 0));
		long status = finding(CW, bad[i].ch, bad[i].oid, bad[i].day, "&finding=no_fault");
		int same = strcmp(world(&now_), buf_cstr(&before)) == 0;
		int audited = strcmp(text_of(audits, 0), n) != 0;
		int ok = same && !audited && (status == 422 || (status == 404 && i >= 2));
		if (!ok)
			fprintf(stderr,
				"POST /children/{%s}/disagree/ombudsman/{oid} found %s,"
				" finding=no_fault, %s: wanted a refusal (422, or 404), got "
				"%ld%s%s\n",
				bad[i].ch == J ? "J" : "K", bad[i].day, bad[i].what, status,
				same ? ", nothing saved" : ", the finding saved",
				audited ? ", and an audit event 'decided' written" : "");
		wrong += !ok;
	}
	assert_int_equal(wrong, 0);
}

/* the council's response is due 30 working days from registration; the response and the
 * hearing are recorded; the outcome of each issue too */
static void appeal_response_hearing_and_issue_outcomes(void **state)
{
	(void)state;
	const char *aid =
		text_of("SELECT id FROM tribunal_appeal WHERE child_id = $1", 1, child_id[J]);
	char id[ID_LEN + 1];
	snprintf(id, sizeof(id), "%s", aid);
	/* registered Monday 2 March 2026: 30 working days, skipping Good Friday (3 April) and
	 * Easter Monday (6 April): 21 in March, 2 on 1-2 April, 4 on 7-10 April, 3 on 13-15
	 * April: Wednesday 15 April 2026 */
	assert_string_equal(
		text_of("SELECT response_due FROM tribunal_appeal WHERE id = $1", 1, id),
		"2026-04-15");
	assert_int_equal(get(CW, "/redress/orders"), 200);
	assert_true(has("the response was due by 15 April 2026"));
	const char *path = fmt("/children/%s/disagree/appeal/%s/progress", child_id[J], id);
	snap();
	refused_with(post(CW, path, "x=1"), "response-day",
		     "Enter the date of the response or of the hearing");
	refused_with(post(CW, path, boxes("hearing", "2026-02-01")), "hearing-day",
		     "The hearing cannot be before the appeal was registered");
	assert_unchanged();
	assert_int_equal(post(P, path, boxes("response", "2026-04-10")), 403);
	assert_int_equal(
		post(CW, path,
		     fmt("%s&%s", boxes("response", "2026-04-10"), boxes("hearing", "2026-06-01"))),
		303);
	assert_string_equal(text_of("SELECT response_sent_on || ' ' || hearing_on FROM"
				    " tribunal_appeal WHERE id = $1",
				    1, id),
			    "2026-04-10 2026-06-01");
	assert_int_equal(get(P, at(J, "")), 200);
	assert_true(has("Sent on 10 April 2026") && has("1 June 2026"));
	assert_int_equal(get(CW, "/redress/orders"), 200);
	assert_false(has("the response was due by 15 April 2026"));
	/* the outcome, with each issue's */
	const char *dpath = fmt("/children/%s/disagree/appeal/%s/decided", child_id[J], id);
	snap();
	refused_with(
		post(CW, dpath,
		     fmt("%s&result=upheld&issue_assess=maybe", boxes("decided", "2026-06-02"))),
		"issue_assess", "Choose upheld or dismissed");
	assert_unchanged();
	assert_int_equal(
		post(CW, dpath,
		     fmt("%s&result=upheld&issue_assess=upheld", boxes("decided", "2026-06-02"))),
		303);
	assert_string_equal(text_of("SELECT outcome || ' ' || issue_outcomes FROM tribunal_appeal"
				    " WHERE id = $1",
				    1, id),
			    "upheld assess:upheld");
	assert_int_equal(get(P, at(J, "")), 200);
	assert_true(has("Refusal to assess: upheld"));
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	buf_init(&got, 0);
	buf_init(&before, 0);
	buf_init(&now_, 0);
	if (harness_db_fresh(&srv) || harness_migrate(&srv) || db_open(srv.db_url, &tdb) ||
	    seed() || harness_start(&srv, NULL)) {
		fprintf(stderr, "http_redress2: could not migrate, seed or start sendap\n");
		return 1;
	}
	int rc = 0;
	for (int w = 1; w < N_ACTORS && rc == 0; w++) {
		rc = harness_sign_in(&srv, fmt("%s@example.org", cast[w].key), PASSWORD,
				     cast[w].cookie, sizeof(cast[w].cookie), cast[w].csrf,
				     sizeof(cast[w].csrf), NULL, 0);
		if (rc)
			fprintf(stderr, "http_redress2: %s could not sign in\n", cast[w].key);
	}
	int failures = 1;
	if (rc == 0) {
		static const struct CMUnitTest tests[] = {
			cmocka_unit_test(complaints_recorded_with_their_due_dates),
			cmocka_unit_test(complaint_due_follows_the_la_setting),
			cmocka_unit_test(complaint_refused_with_422),
			cmocka_unit_test(complaint_escalated_and_answered),
			cmocka_unit_test(ombudsman_within_12_months_of_knowing),
			cmocka_unit_test(ombudsman_refused_with_422),
			cmocka_unit_test(ombudsman_finding_recorded),
			cmocka_unit_test(claims_recorded_apart_from_appeals),
			cmocka_unit_test(claim_refused_with_422),
			cmocka_unit_test(mediation_setting_for_managers_only_off_by_default),
			cmocka_unit_test(mediation_asked_for_when_the_la_says_so),
			cmocka_unit_test(appeal_accepted_once_mediation_is_certified),
			cmocka_unit_test(off_again_no_certificate_needed),
			cmocka_unit_test(timeline_newest_first),
			cmocka_unit_test(timeline_shows_the_escalation),
			cmocka_unit_test(ombudsman_finding_refused_when_it_cannot_apply),
			cmocka_unit_test(appeal_response_hearing_and_issue_outcomes),
		};
		const char *group = getenv("SENDAP_TEST_PG_URL") ? "http redress2 (postgresql)"
								 : "http redress2 (sqlite)";
		failures = _cmocka_run_group_tests(group, tests, sizeof(tests) / sizeof(tests[0]),
						   NULL, NULL);
	}
	response_release(&R);
	buf_release(&got);
	buf_release(&before);
	buf_release(&now_);
	db_close(tdb);
	int status = harness_stop(&srv, SIGTERM);
	harness_cleanup(&srv);
	curl_global_cleanup();
	if (status != 0) {
		fprintf(stderr,
			"http_redress2: sendap exited with status %d (sanitizer report in "
			"build/test-logs/server-*.log)\n",
			status);
		return 1;
	}
	return failures ? 1 : 0;
}
