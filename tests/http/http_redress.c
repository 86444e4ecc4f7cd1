/*
 * http_redress.c: disagreeing with a decision, over HTTP against a real sendap
 * (src/redress/pages.c, mediation.c, appeal.c). The database is made by `sendap migrate`;
 * the cast is written straight into it: caseworkers of LA 202 (CW) and 203 (CW2), and
 * parent P of J and B. J's decision not to assess was posted on Monday 23 December 2024,
 * so it counts as served two working days later, after Christmas Day and Boxing Day, on
 * Friday 27 December 2024 (a second notice, by email on 2 January 2025, is later and does
 * not count). B's decision not to issue was emailed and served on 31 December 2024.
 *
 * J's journey, every date worked out by hand: contact the adviser by 27 February 2025;
 * P contacts them on 24 February; the council is told on 20 March, so mediation is due by
 * 19 April; it is held on Thursday 17 April, so the certificate is due 3 working days on,
 * after Good Friday and Easter Monday, on 24 April; issued on 23 April, it moves the last
 * day to appeal from 27 February to 23 May 2025. The appeal is registered on that last
 * day, the tribunal orders an assessment on 1 October 2025 (steps due 15 October and
 * 10 December 2025, 7 January 2026), and the first step is done on 14 October. B's appeal
 * is registered late, allowed; its amendment order of 1 July 2025 is done in time.
 *
 * Every refused write is checked to name its error in the error summary and to leave the
 * redress tables exactly as they were. Tests run in order and build on each other.
 * Against SQLite by default; with SENDAP_TEST_PG_URL set, against that PostgreSQL
 * (sh scripts/with-pg.sh build/asan/tests/http_redress).
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
static struct db *tdb;          /* the test's own connection, for fixtures and reads */
static struct response R;       /* the last answer: each request releases the one before */
static struct buf got;          /* query results */
static struct buf before, now_; /* the redress tables, before and after a refusal */

enum who { ANON, CW, CW2, P, N_ACTORS };
struct actor {
	const char *key, *role, *la;
	char id[ID_LEN + 1];
	char cookie[300], csrf[64];
};
static struct actor cast[N_ACTORS] = {
	[CW] = {"cw", "caseworker", "202"},
	[CW2] = {"cw2", "caseworker", "203"},
	[P] = {"p", "parent", NULL},
};

enum { J, B, N_CHILDREN };
static const char *const names[N_CHILDREN] = {"jo", "bea"};
static char child_id[N_CHILDREN][ID_LEN + 1];
static char med_j[ID_LEN + 1]; /* J's mediation */
static char appeal_j[ID_LEN + 1], appeal_b[ID_LEN + 1];
static char order_j[ID_LEN + 1], order_b[ID_LEN + 1];

#define J_DECISION "refuse_assess%7C2024-12-27"
#define B_DECISION "refuse_issue%7C2024-12-31"

/* ---- the database ---- */

#define run(...) harness_sql(tdb, __VA_ARGS__)

#define text_of(...) harness_or_none(harness_text(tdb, &got, __VA_ARGS__))

#define dump(b, sql) harness_dump(tdb, b, sql)

/* the tables a refused write could touch, every row and column */
static const char *world(struct buf *b)
{
	buf_reset(b);
	dump(b, "SELECT * FROM mediation ORDER BY id");
	dump(b, "SELECT * FROM tribunal_appeal ORDER BY id");
	dump(b, "SELECT * FROM tribunal_order ORDER BY id");
	dump(b, "SELECT * FROM tribunal_order_step ORDER BY order_id, step");
	return buf_cstr(b);
}

static void snap(void)
{
	world(&before);
}

#define assert_unchanged() assert_string_equal(world(&now_), buf_cstr(&before))

/* mediation_row: J's mediation, each step's column ("NULL" for none) */
static const char *mediation_row(void)
{
	return text_of("SELECT decision || ' ' || decision_served_on || ' ' || contacted_on || ' '"
		       " || coalesce(declined_on, 'NULL') || ' ' || coalesce(la_told_on, 'NULL')"
		       " || ' ' || coalesce(held_on, 'NULL') || ' ' || coalesce(outcome, 'NULL') ||"
		       " ' ' || coalesce(agencies, 'NULL') || ' ' || coalesce(certificate_on,"
		       " 'NULL') FROM mediation WHERE id = $1",
		       1, med_j);
}

static const char *appeal_row(const char *id)
{
	return text_of("SELECT decision || ' ' || decision_served_on || ' ' || registered_on || ' '"
		       " || CAST(late AS TEXT) || ' ' || issues || ' ' || grounds || ' ' ||"
		       " coalesce(decided_on, 'NULL') || ' ' || coalesce(outcome, 'NULL') || ' ' ||"
		       " la_code FROM tribunal_appeal WHERE id = $1",
		       1, id);
}

/* ---- requests ---- */

/* fmt: printf into one of 8 buffers that take turns */
static const char *fmt(const char *f, ...)
{
	static char b[8][1024];
	static int k;
	k = (k + 1) % 8;
	va_list ap;
	va_start(ap, f);
	vsnprintf(b[k], sizeof(b[k]), f, ap);
	va_end(ap);
	return b[k];
}

#define at(ch, rest) fmt("/children/%s/disagree%s", child_id[ch], rest)

/* boxes: the three boxes of a date input, from an ISO day */
static const char *boxes(const char *name, const char *iso)
{
	struct date t = {0, 0, 0};
	date_parse(iso, &t);
	return fmt("%s-day=%d&%s-month=%d&%s-year=%d", name, t.d, name, t.m, name, t.y);
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

/* a summary list's row, exactly; row_starts: its value begins so */
#define KEY "<dt class=\"govuk-summary-list__key\">"
#define VALUE "</dt><dd class=\"govuk-summary-list__value\">"
#define ROW "<div class=\"govuk-summary-list__row\">"
#define row(k, v) ROW KEY k VALUE v "</dd></div>"
#define row_starts(k, v) ROW KEY k VALUE v

/* refused: a 422 whose error summary links the field to the message */
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

/* the forms of the journey */
static long contact(enum who w, int ch, const char *decision, const char *day)
{
	return post(w, at(ch, "/mediation"),
		    fmt("mediation_decision=%s&%s", decision, boxes("contacted", day)));
}

static long mediation(enum who w, const char *step, const char *body)
{
	return post(w, at(J, fmt("/mediation/%s/%s", med_j, step)), body);
}

static long register_appeal(enum who w, int ch, const char *decision, const char *day,
			    const char *rest)
{
	return post(w, at(ch, "/appeal"),
		    fmt("appeal_decision=%s&%s%s", decision, boxes("registered", day), rest));
}

static long appeal_step(enum who w, int ch, const char *aid, const char *what, const char *body)
{
	return post(w, at(ch, fmt("/appeal/%s/%s", aid, what)), body);
}

#define choose(w, choice, day) mediation(w, "choice", fmt("choice=%s&%s", choice, boxes("on", day)))
#define held(w, day, rest) mediation(w, "held", fmt("%s%s", boxes("held", day), rest))
#define certify(w, day) mediation(w, "certificate", boxes("certificate", day))
#define decide(w, day, result) \
	appeal_step(w, J, appeal_j, "decided", fmt("%s&result=%s", boxes("decided", day), result))
#define order(w, ch, aid, type, day) \
	appeal_step(w, ch, aid, "order", fmt("order_type=%s&%s", type, boxes("ordered", day)))
#define step_done(w, ch, aid, oid, step, day) \
	appeal_step(w, ch, aid, "step", fmt("order=%s&step=%s&%s", oid, step, boxes("done", day)))

/* ---- the fixture ---- */

#define TRY(x) (rc = rc ? rc : (x))

/* an assessment case of the child with its events (seq, type, day) and notices (seq,
 * channel, sent, served) */
struct ev {
	const char *seq, *type, *on;
};
struct nt {
	const char *seq, *channel, *sent, *served;
};

static int assessment(int ch, const struct ev *ev, size_t ne, const struct nt *nt, size_t nn)
{
	char cid[ID_LEN + 1], ts[TIME_ISO_LEN + 1];
	id_new(cid);
	time_iso(time_now(), ts);
	int rc = run("INSERT INTO assessment_case (id, child_id, la_code, requested_by,"
		     " requested_on, state, created_at, updated_at) VALUES ($1, $2, '202',"
		     " 'parent', '2024-10-14', 'not_assessing', $3, $3)",
		     3, cid, child_id[ch], ts);
	for (size_t i = 0; i < ne && rc == 0; i++)
		rc = run("INSERT INTO case_event (case_id, seq, type, happened_on, reasons,"
			 " recorded_by, recorded_at) VALUES ($1, CAST($2 AS INTEGER), $3, $4,"
			 " 'Needs met at SEN support', $5, $6)",
			 6, cid, ev[i].seq, ev[i].type, ev[i].on, cast[CW].id, ts);
	for (size_t i = 0; i < nn && rc == 0; i++) {
		char nid[ID_LEN + 1];
		id_new(nid);
		rc = run(
			"INSERT INTO notice (id, case_id, event_seq, recipient, channel, sent_on,"
			" served_on, created_at) VALUES ($1, $2, CAST($3 AS INTEGER), 'parent', $4,"
			" $5, $6, $7)",
			7, nid, cid, nt[i].seq, nt[i].channel, nt[i].sent, nt[i].served, ts);
	}
	return rc;
}

static int seed(void)
{
	char ts[TIME_ISO_LEN + 1], hash[128], dob[DATE_ISO_LEN + 1];
	time_iso(time_now(), ts);
	date_iso(date_add_years(date_today(), -7), dob);
	if (password_hash(PASSWORD, hash, sizeof(hash)))
		return -1;
	int rc = 0;
	for (int i = 0; i < N_CHILDREN && rc == 0; i++) {
		id_new(child_id[i]);
		rc = run("INSERT INTO child (id, given_name, family_name, search_given,"
			 " search_family, date_of_birth, sex, la_code, sen_status, created_at,"
			 " updated_at) VALUES ($1, $2, 'Rowe', $2, 'rowe', $3, 'F', '202',"
			 " 'sen_support', $4, $4)",
			 4, child_id[i], names[i], dob, ts);
	}
	for (int w = 1; w < N_ACTORS && rc == 0; w++) {
		struct actor *a = &cast[w];
		char email[64];
		snprintf(email, sizeof(email), "%s@example.org", a->key);
		id_new(a->id);
		rc = run("INSERT INTO user_account (id, email, name, role, la_code, password_hash,"
			 " disabled, created_at) VALUES ($1, $2, $3, $4, $5, $6, 0, $7)",
			 7, a->id, email, a->key, a->role, a->la, hash, ts);
	}
	TRY(run("INSERT INTO family_member (id, name, user_id, created_at) VALUES ($1, 'P', $1,"
		" $2)",
		2, cast[P].id, ts));
	for (int i = 0; i < N_CHILDREN && rc == 0; i++)
		rc = run("INSERT INTO family_link (family_member_id, child_id, relationship)"
			 " VALUES ($1, $2, 'mother')",
			 2, cast[P].id, child_id[i]);
	/* J: the request (its acknowledgement is no decision), the decision posted on
	 * 23 December 2024 and served on the 27th, and emailed again on 2 January */
	static const struct ev ej[] = {{"1", "request", "2024-10-14"},
				       {"2", "decision_not_to_assess", "2024-12-23"}},
			       eb[] = {{"1", "decision_not_to_issue", "2024-12-31"}};
	static const struct nt nj[] = {{"1", "email", "2024-10-15", "2024-10-15"},
				       {"2", "post", "2024-12-23", "2024-12-27"},
				       {"2", "email", "2025-01-02", "2025-01-02"}},
			       nb[] = {{"1", "email", "2024-12-31", "2024-12-31"}};
	TRY(assessment(J, ej, 2, nj, 3));
	TRY(assessment(B, eb, 1, nb, 1));
	return rc;
}

/* ---- the decisions ---- */

#define J_DECISION_CARD                                                                        \
	row("Decision", "The decision not to carry out an EHC needs assessment")               \
		row("Its notice counts as served on", "27 December 2024")                      \
			row("First", "Contact the mediation adviser by 27 February 2025 (you " \
				     "do not have to mediate, but you need their certificate " \
				     "to appeal, unless you appeal only about the school or "  \
				     "college named)")

static void decisions_with_their_windows(void **state)
{
	(void)state;
	/* post on Monday 23 December 2024: Tuesday the 24th, then (Christmas Day and Boxing
	 * Day skipped) Friday the 27th; 2 months on is 27 February 2025 */
	static const enum who viewers[] = {P, CW};
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(get(viewers[i], at(J, "")), 200);
		assert_true(has(J_DECISION_CARD row("Appeal to the SEND Tribunal by",
						    "27 February 2025 (this date has passed)")));
		assert_false(has("Decision 2") || has("2 January 2025") || has("15 October 2024"));
		assert_true(has("No mediation has been recorded.") &&
			    has("No appeal has been registered."));
		assert_true(has(fmt("value=\"refuse_assess|2024-12-27\"")));
	}
	assert_true(has("Register an appeal"));
	assert_int_equal(get(P, at(J, "")), 200);
	assert_false(has("Register an appeal"));
	/* B: served on 31 December 2024; its 2 months end on the last day of February */
	assert_int_equal(get(P, at(B, "")), 200);
	assert_true(has(row("Decision", "The decision not to issue a plan")
				row("Its notice counts as served on", "31 December 2024")));
	assert_true(has("Contact the mediation adviser by 28 February 2025 (") &&
		    has(row("Appeal to the SEND Tribunal by",
			    "28 February 2025 (this date has passed)")));
	/* another LA's caseworker, and nobody, see nothing */
	assert_int_equal(get(CW2, at(J, "")), 404);
	assert_int_equal(get(ANON, at(J, "")), 303);
}

/* ---- mediation ---- */

static void contact_refused_with_422(void **state)
{
	(void)state;
	snap();
	assert_true(refused(contact(P, J, J_DECISION, "2024-12-26"), "contacted-day",
			    "The adviser cannot be contacted before the decision"));
	assert_unchanged();
	/* the sent date, another child's decision, no decision, nonsense */
	static const char *const unknown[] = {"refuse_assess%7C2024-12-23", B_DECISION, "", "bogus",
					      "refuse_assess"};
	for (size_t i = 0; i < 5; i++) {
		assert_true(refused(contact(P, J, unknown[i], "2025-02-24"), "mediation_decision",
				    "Choose the decision"));
		assert_unchanged();
	}
	assert_true(refused(post(P, at(J, "/mediation"), "mediation_decision=" J_DECISION),
			    "contacted-day", "Enter the date"));
	assert_int_equal(contact(CW2, J, J_DECISION, "2025-02-24"), 404);
	assert_unchanged();
}

static void family_contacts_the_adviser(void **state)
{
	(void)state;
	assert_int_equal(contact(P, J, J_DECISION, "2025-02-24"), 303);
	assert_true(response_location_is(&R, at(J, "")));
	snprintf(med_j, sizeof(med_j), "%s",
		 text_of("SELECT id FROM mediation WHERE child_id = $1", 1, child_id[J]));
	assert_string_equal(mediation_row(),
			    "refuse_assess 2024-12-27 2025-02-24 NULL NULL NULL NULL NULL NULL");
	assert_string_equal(text_of("SELECT la_code || ' ' || recorded_by FROM mediation WHERE"
				    " id = $1",
				    1, med_j),
			    fmt("202 %s", cast[P].id));
	assert_int_equal(get(P, at(J, "")), 200);
	assert_true(has(row("Mediation adviser contacted", "24 February 2025")
				row("Certificate", "Not yet")));
	/* the family records contact; only officers record the steps after it */
	assert_false(has(fmt("/mediation/%s/", med_j)));
	assert_int_equal(get(CW, at(J, "")), 200);
	assert_true(has(fmt("/mediation/%s/choice", med_j)));
}

static void mediation_steps_refused_with_422(void **state)
{
	(void)state;
	snap();
	assert_int_equal(choose(P, "mediate", "2025-03-20"), 403);
	assert_int_equal(choose(CW2, "mediate", "2025-03-20"), 404);
	assert_int_equal(mediation(CW, "later", boxes("on", "2025-03-20")), 404);
	assert_unchanged();
	assert_true(refused(choose(CW, "mediate", "2025-02-23"), "on-day",
			    "This cannot be before the adviser was contacted"));
	assert_true(refused(choose(CW, "maybe", "2025-03-20"), "choice",
			    "Choose what the family decided"));
	/* held before the council was told of it at all; a certificate of nothing */
	assert_true(refused(held(CW, "2025-04-17", "&outcome=agreed&agencies=education"),
			    "held-day",
			    "Record first that the family told the council they wish to mediate"));
	assert_true(refused(certify(CW, "2025-04-23"), "certificate-day",
			    "A certificate follows the family declining, or the mediation"));
	assert_unchanged();
}

static void council_told_mediation_due_in_30_days(void **state)
{
	(void)state;
	assert_int_equal(choose(CW, "mediate", "2025-03-20"), 303);
	assert_string_equal(mediation_row(), "refuse_assess 2024-12-27 2025-02-24 NULL 2025-03-20"
					     " NULL NULL NULL NULL");
	/* 20 March + 30 days: 11 to 31 March, 19 into April */
	assert_int_equal(get(P, at(J, "")), 200);
	assert_true(has(row("Mediating", "The council was told on 20 March 2025; mediation is due"
					 " by 19 April 2025")));
	snap();
	assert_true(refused(choose(CW, "declined", "2025-03-21"), "choice", "Recorded already"));
	/* held before the council was told; no outcome; no one taking part */
	assert_true(refused(held(CW, "2025-03-19", "&outcome=agreed&agencies=education"),
			    "held-day", "Mediation cannot be before the council was told of it"));
	assert_true(refused(held(CW, "2025-04-17", "&agencies=education"), "outcome",
			    "Choose the outcome"));
	assert_true(refused(held(CW, "2025-04-17", "&outcome=won&agencies=education"), "outcome",
			    "Choose the outcome"));
	assert_true(refused(held(CW, "2025-04-17", "&outcome=agreed"), "agencies",
			    "Choose who took part"));
	assert_true(refused(held(CW, "2025-04-17", "&outcome=agreed&agencies=lawyers"), "agencies",
			    "Choose who took part"));
	assert_true(refused(certify(CW, "2025-04-23"), "certificate-day",
			    "A certificate follows the family declining, or the mediation"));
	assert_int_equal(held(P, "2025-04-17", "&outcome=agreed&agencies=education"), 403);
	assert_unchanged();
}

static void mediation_held_and_certified(void **state)
{
	(void)state;
	assert_int_equal(
		held(CW, "2025-04-17", "&outcome=partly_agreed&agencies=education&agencies=health"),
		303);
	assert_string_equal(mediation_row(), "refuse_assess 2024-12-27 2025-02-24 NULL 2025-03-20"
					     " 2025-04-17 partly_agreed education,health NULL");
	/* Thursday 17 April 2025: Good Friday and Easter Monday skipped, the 3 working days
	 * are 22, 23 and 24 April */
	assert_int_equal(get(P, at(J, "")), 200);
	assert_true(has(row_starts("Mediation held", "17 April 2025: Partly agreed; ")) &&
		    has("; the certificate is due by 24 April 2025</dd>"));
	snap();
	assert_true(refused(held(CW, "2025-04-18", "&outcome=agreed&agencies=care"), "held-day",
			    "Recorded already"));
	assert_true(refused(certify(CW, "2025-04-16"), "certificate-day",
			    "The certificate cannot be before what it certifies"));
	assert_int_equal(certify(P, "2025-04-23"), 403);
	assert_unchanged();
	/* before the certificate the window is still 2 months from service */
	assert_true(refused(register_appeal(CW, J, J_DECISION, "2025-02-28",
					    "&issues=assess&grounds=Needs+not+met"),
			    "registered-day",
			    "The time to appeal ended on 27 February 2025: tick that the tribunal"
			    " allowed a late appeal, if it did"));
	assert_unchanged();
	assert_int_equal(certify(CW, "2025-04-23"), 303);
	assert_string_equal(mediation_row(), "refuse_assess 2024-12-27 2025-02-24 NULL 2025-03-20"
					     " 2025-04-17 partly_agreed education,health"
					     " 2025-04-23");
	snap();
	assert_true(refused(certify(CW, "2025-04-24"), "certificate-day", "Recorded already"));
	assert_unchanged();
	/* the window: 1 month from the certificate (23 May) is later than 27 February */
	assert_int_equal(get(P, at(J, "")), 200);
	assert_true(has(row("Certificate", "Issued on 23 April 2025")));
	assert_true(has(J_DECISION_CARD row("Appeal to the SEND Tribunal by",
					    "23 May 2025 (this date has passed)")));
	assert_false(has("27 February 2025 (this date has passed)"));
	/* B's window does not move with J's certificate */
	assert_int_equal(get(P, at(B, "")), 200);
	assert_true(has(
		row("Appeal to the SEND Tribunal by", "28 February 2025 (this date has passed)")));
}

/* ---- appeals ---- */

static void appeal_refused_with_422(void **state)
{
	(void)state;
	const char *ok = "&issues=assess&grounds=Needs+not+met";
	snap();
	assert_int_equal(register_appeal(P, J, J_DECISION, "2025-05-23", ok), 403);
	assert_int_equal(register_appeal(CW2, J, J_DECISION, "2025-05-23", ok), 404);
	/* the day after the window, without the flag */
	assert_true(refused(register_appeal(CW, J, J_DECISION, "2025-05-24", ok), "registered-day",
			    "The time to appeal ended on 23 May 2025: tick that the tribunal"
			    " allowed a late appeal, if it did"));
	assert_true(refused(register_appeal(CW, J, J_DECISION, "2024-12-26", ok), "registered-day",
			    "An appeal cannot be registered before the decision"));
	assert_true(
		refused(register_appeal(CW, J, J_DECISION, "2025-05-23", "&grounds=Needs+not+met"),
			"issues", "Choose the issues appealed"));
	assert_true(refused(register_appeal(CW, J, J_DECISION, "2025-05-23",
					    "&issues=assess&issues=Z&grounds=Needs+not+met"),
			    "issues", "Choose the issues appealed"));
	assert_true(refused(register_appeal(CW, J, J_DECISION, "2025-05-23", "&issues=assess"),
			    "grounds", "Enter the grounds of the appeal"));
	assert_true(
		refused(register_appeal(CW, J, J_DECISION, "2025-05-23", "&issues=assess&grounds="),
			"grounds", "Enter the grounds of the appeal"));
	assert_true(refused(register_appeal(CW, J, "refuse_assess%7C2024-12-23", "2025-05-23", ok),
			    "appeal_decision", "Choose the decision appealed"));
	assert_true(refused(register_appeal(CW, J, B_DECISION, "2025-05-23", ok), "appeal_decision",
			    "Choose the decision appealed"));
	assert_true(refused(register_appeal(CW, J, "nonsense", "2025-05-23", ok), "appeal_decision",
			    "Choose the decision appealed"));
	assert_unchanged();
}

static void appeal_registered_on_the_last_day(void **state)
{
	(void)state;
	assert_int_equal(register_appeal(CW, J, J_DECISION, "2025-05-23",
					 "&issues=assess&grounds=Needs+not+met"),
			 303);
	assert_true(response_location_is(&R, at(J, "")));
	snprintf(appeal_j, sizeof(appeal_j), "%s",
		 text_of("SELECT id FROM tribunal_appeal WHERE child_id = $1", 1, child_id[J]));
	assert_string_equal(appeal_row(appeal_j), "refuse_assess 2024-12-27 2025-05-23 0 assess"
						  " Needs not met NULL NULL 202");
	assert_string_equal(text_of("SELECT coalesce(mediation_id, 'NULL') || ' ' || created_by"
				    " FROM tribunal_appeal WHERE id = $1",
				    1, appeal_j),
			    fmt("NULL %s", cast[CW].id));
	assert_int_equal(get(P, at(J, "")), 200);
	assert_true(has(row("Issues", "Refusal to assess") row("Grounds", "Needs not met")
				row("Decided", "Not yet")));
	assert_false(has(fmt("/appeal/%s/", appeal_j)));
	assert_int_equal(get(CW, at(J, "")), 200);
	assert_true(has(fmt("/appeal/%s/decided", appeal_j)) &&
		    has(fmt("/appeal/%s/order", appeal_j)));
}

static void late_appeal_only_when_allowed(void **state)
{
	(void)state;
	/* B: 2 months from 31 December 2024 end on 28 February 2025 */
	const char *ok = "&issues=issue&grounds=A+plan+is+needed";
	snap();
	assert_true(refused(register_appeal(CW, B, B_DECISION, "2025-03-03", ok), "registered-day",
			    "The time to appeal ended on 28 February 2025: tick that the tribunal"
			    " allowed a late appeal, if it did"));
	assert_unchanged();
	assert_int_equal(register_appeal(CW, B, B_DECISION, "2025-03-03", fmt("%s&late=yes", ok)),
			 303);
	snprintf(appeal_b, sizeof(appeal_b), "%s",
		 text_of("SELECT id FROM tribunal_appeal WHERE child_id = $1", 1, child_id[B]));
	assert_string_equal(appeal_row(appeal_b), "refuse_issue 2024-12-31 2025-03-03 1 issue"
						  " A plan is needed NULL NULL 202");
	assert_int_equal(get(P, at(B, "")), 200);
	assert_true(has(" (late, allowed by the tribunal)</dd>"));
}

/* ---- the tribunal's decision and orders ---- */

static void outcome_and_order_refused_with_422(void **state)
{
	(void)state;
	snap();
	assert_int_equal(decide(P, "2025-10-01", "upheld"), 403);
	assert_int_equal(order(P, J, appeal_j, "assess", "2025-10-01"), 403);
	assert_int_equal(order(CW2, J, appeal_j, "assess", "2025-10-01"), 404);
	/* B's appeal through J's page; something else */
	assert_int_equal(order(CW, J, appeal_b, "assess", "2025-10-01"), 404);
	assert_int_equal(appeal_step(CW, J, appeal_j, "costs", boxes("ordered", "2025-10-01")),
			 404);
	assert_true(refused(decide(CW, "2025-05-22", "upheld"), "decided-day",
			    "The decision cannot be before the appeal was registered"));
	assert_true(refused(appeal_step(CW, J, appeal_j, "decided", boxes("decided", "2025-10-01")),
			    "result", "Choose the outcome"));
	assert_true(refused(decide(CW, "2025-10-01", "won"), "result", "Choose the outcome"));
	assert_true(refused(order(CW, J, appeal_j, "assess", "2025-05-22"), "ordered-day",
			    "An order cannot be before the appeal was registered"));
	assert_true(refused(order(CW, J, appeal_j, "apologise", "2025-10-01"), "order_type",
			    "Choose the order"));
	assert_unchanged();
}

static void order_steps_due_2_10_and_14_weeks_on(void **state)
{
	(void)state;
	assert_int_equal(decide(CW, "2025-10-01", "upheld"), 303);
	assert_string_equal(appeal_row(appeal_j), "refuse_assess 2024-12-27 2025-05-23 0 assess"
						  " Needs not met 2025-10-01 upheld 202");
	assert_int_equal(order(CW, J, appeal_j, "assess", "2025-10-01"), 303);
	snprintf(order_j, sizeof(order_j), "%s",
		 text_of("SELECT id FROM tribunal_order WHERE appeal_id = $1", 1, appeal_j));
	assert_string_equal(text_of("SELECT type || ' ' || ordered_on || ' ' || la_code || ' ' ||"
				    " created_by FROM tribunal_order WHERE id = $1",
				    1, order_j),
			    fmt("assess 2025-10-01 202 %s", cast[CW].id));
	/* 1 October 2025: 14 days, 70 days (30 + 31 + 9) and 98 days (70 + 28) on */
	assert_int_equal(get(P, at(J, "")), 200);
	assert_true(has(row("Order", "Make an EHC needs assessment, made on 1 October 2025") row(
		"Tell the family the assessment will be made", "Overdue: due by 15 October 2025")
				row("If no plan: the decision not to issue, at the latest",
				    "Overdue: due by 10 December 2025")
					row("The final plan, at the latest",
					    "Overdue: due by 7 January 2026")));
	/* B: an amendment ordered on 1 July 2025, due 35 days on */
	assert_int_equal(order(CW, B, appeal_b, "amend", "2025-07-01"), 303);
	snprintf(order_b, sizeof(order_b), "%s",
		 text_of("SELECT id FROM tribunal_order WHERE appeal_id = $1", 1, appeal_b));
	assert_int_equal(get(CW, at(B, "")), 200);
	assert_true(has(row("The amended plan", "Overdue: due by 5 August 2025")));
	assert_true(has(fmt("name=\"order\" value=\"%s\"", order_b)));
}

static void steps_done_and_the_orders_overdue(void **state)
{
	(void)state;
	assert_int_equal(get(CW, "/redress/orders"), 200);
	assert_true(has("jo Rowe: Make an EHC needs assessment, made on 1 October 2025") &&
		    has("bea Rowe: ") && has("made on 1 July 2025"));
	assert_true(has("2 orders; 2 with a step past its date and not done."));
	snap();
	assert_int_equal(step_done(P, J, appeal_j, order_j, "notify", "2025-10-14"), 403);
	assert_unchanged();
	assert_int_equal(step_done(CW, J, appeal_j, order_j, "notify", "2025-10-14"), 303);
	assert_int_equal(step_done(CW, B, appeal_b, order_b, "amended_plan", "2025-08-04"), 303);
	assert_string_equal(text_of("SELECT step || ' ' || done_on || ' ' || recorded_by FROM"
				    " tribunal_order_step WHERE order_id = $1",
				    1, order_j),
			    fmt("notify 2025-10-14 %s", cast[CW].id));
	assert_string_equal(text_of("SELECT count(*) FROM tribunal_order_step", 0), "2");
	assert_int_equal(get(P, at(J, "")), 200);
	assert_true(has("(due by 15 October 2025)</dd>"));
	assert_false(has("Overdue: due by 15 October 2025"));
	assert_true(has("Overdue: due by 10 December 2025") &&
		    has("Overdue: due by 7 January 2026"));
	/* J's order still has steps overdue; B's one step is done */
	assert_int_equal(get(CW, "/redress/orders"), 200);
	assert_true(has("jo Rowe: Make an EHC needs assessment, made on 1 October 2025"));
	assert_false(has("bea Rowe: Amend") || has("made on 1 July 2025"));
	/* B's late appeal has no response recorded: it is listed as overdue below the orders */
	assert_true(has("Responses to appeals overdue") &&
		    has("bea Rowe: the response was due by"));
	assert_true(has("2 orders; 1 with a step past its date and not done."));
	assert_int_equal(get(CW2, "/redress/orders"), 200);
	assert_true(has("0 orders; 0 with a step past its date and not done."));
	assert_int_equal(get(P, "/redress/orders"), 403);
}

/* the page writes every date in words ("23 May 2025"), as it does the deadlines */
static void dates_written_in_words(void **state)
{
	(void)state;
	assert_int_equal(get(P, at(J, "")), 200);
	assert_true(has(row("Registered", "23 May 2025")));
	assert_true(has(row_starts("Decided", "1 October 2025: ")));
	assert_true(has(row("Tell the family the assessment will be made",
			    "Done on 14 October 2025 (due by 15 October 2025)")));
	assert_int_equal(get(P, at(B, "")), 200);
	assert_true(has(row("Registered", "3 March 2025 (late, allowed by the tribunal)")));
}

/* last, as a write wrongly let through would change what the tests before it read */
static void outcome_recorded_once(void **state)
{
	(void)state;
	snap();
	long status = decide(CW, "2025-10-02", "dismissed");
	assert_string_equal(appeal_row(appeal_j), "refuse_assess 2024-12-27 2025-05-23 0 assess"
						  " Needs not met 2025-10-01 upheld 202");
	assert_true(refused(status, "decided-day", "Recorded already"));
	assert_unchanged();
}

/* a step of an order marked done: each case reported, then the test fails on any */
static void order_steps_refused_with_422(void **state)
{
	(void)state;
	static const struct {
		const char *what, *step, *day, *message;
		int ch;
	} bad[] = {
		{"done twice", "notify", "2025-10-15", "Recorded already", J},
		{"a step an assessment order does not have", "draft", "2025-10-15", NULL, J},
		{"done before the order was made", "final_plan", "2025-09-30", NULL, J},
		{"B's order through J's appeal", "amended_plan", "2025-08-05", NULL, B},
	};
	int wrong = 0;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snap();
		long status =
			appeal_step(CW, J, appeal_j, "step",
				    fmt("order=%s&step=%s&%s", bad[i].ch == J ? order_j : order_b,
					bad[i].step, boxes("done", bad[i].day)));
		int same = strcmp(world(&now_), buf_cstr(&before)) == 0;
		/* another appeal's order is not found (404); the rest are refused by field */
		int ok = same &&
			 (bad[i].ch == B   ? status == 404
			  : bad[i].message ? refused(status, "step", bad[i].message)
					   : status == 422 && has("govuk-error-summary__list"));
		if (!ok)
			fprintf(stderr,
				"POST .../appeal/{J's}/step, %s (step=%s, done %s): wanted 422"
				" (404 for another appeal's order), got %ld%s\n",
				bad[i].what, bad[i].step, bad[i].day, status,
				same ? "" : "; the step was saved");
		wrong += !ok;
	}
	assert_int_equal(wrong, 0);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	buf_init(&got, 0);
	buf_init(&before, 0);
	buf_init(&now_, 0);
	if (harness_db_fresh(&srv) || harness_migrate(&srv) || db_open(srv.db_url, &tdb) ||
	    seed() || harness_start(&srv, NULL)) {
		fprintf(stderr, "http_redress: could not migrate, seed or start sendap\n");
		return 1;
	}
	int rc = 0;
	for (int w = 1; w < N_ACTORS && rc == 0; w++) {
		char email[64];
		snprintf(email, sizeof(email), "%s@example.org", cast[w].key);
		rc = harness_sign_in(&srv, email, PASSWORD, cast[w].cookie, sizeof(cast[w].cookie),
				     cast[w].csrf, sizeof(cast[w].csrf), NULL, 0);
		if (rc)
			fprintf(stderr, "http_redress: %s could not sign in\n", cast[w].key);
	}
	int failures = 1;
	if (rc == 0) {
		static const struct CMUnitTest tests[] = {
			cmocka_unit_test(decisions_with_their_windows),
			cmocka_unit_test(contact_refused_with_422),
			cmocka_unit_test(family_contacts_the_adviser),
			cmocka_unit_test(mediation_steps_refused_with_422),
			cmocka_unit_test(council_told_mediation_due_in_30_days),
			cmocka_unit_test(mediation_held_and_certified),
			cmocka_unit_test(appeal_refused_with_422),
			cmocka_unit_test(appeal_registered_on_the_last_day),
			cmocka_unit_test(late_appeal_only_when_allowed),
			cmocka_unit_test(outcome_and_order_refused_with_422),
			cmocka_unit_test(order_steps_due_2_10_and_14_weeks_on),
			cmocka_unit_test(steps_done_and_the_orders_overdue),
			cmocka_unit_test(dates_written_in_words),
			cmocka_unit_test(outcome_recorded_once),
			cmocka_unit_test(order_steps_refused_with_422),
		};
		const char *group = getenv("SENDAP_TEST_PG_URL") ? "http redress (postgresql)"
								 : "http redress (sqlite)";
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
			"http_redress: sendap exited with status %d (sanitizer report in "
			"build/test-logs/server-*.log)\n",
			status);
		return 1;
	}
	return failures ? 1 : 0;
}
