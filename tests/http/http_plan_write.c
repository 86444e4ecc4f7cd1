/*
 * http_plan_write.c: writing the sections of a plan on the web (src/plan/editor.c,
 * section.c, section_save.c, exchange.c's comments), over HTTP against a real sendap. The
 * database is made by `sendap migrate` (so it holds the plan templates) and a small cast
 * is written straight into it: a caseworker and a manager of LA 202, parent P of child W,
 * a parent P2 of nobody, and professional PRO with an open request for advice on W who
 * has not been asked to write any section. W and T have no plan at first; S has one.
 * Then, in order (later tests build on the plan the earlier ones wrote):
 *
 *   - only officers see the task list; each section's status follows the plan ("Not yet
 *     started", "N to check", "Completed");
 *   - each section's form adds a line with the next id, changes one in place, and refuses
 *     bad input (links to lines not in the plan, long text, unreal dates, bad amounts, a
 *     missing CSRF token) with 422 or 403, leaving the stored plan byte for byte as it was;
 *   - a line that others link to cannot be removed;
 *   - the family and officers comment on the lines of a draft; others cannot;
 *   - a plan keeps the template it was begun in (LA 202's, loaded by migrate) when a newer
 *     one arrives, in which T's new plan is then written.
 *
 * http_plan_write2.c has contributors, issuing, amending and files. Against
 * SQLite by default; with SENDAP_TEST_PG_URL set, against that PostgreSQL.
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
#include "plan/plan.h"
#include "platform/auth.h"
#include "platform/dates.h"
#include "platform/db.h"
#include "platform/ids.h"

#define PASSWORD "correct horse battery"

static struct server srv;
static struct db *tdb;      /* the test's own connection, for fixtures and reads */
static struct response R;   /* the last answer: each request releases the one before */
static struct buf got, num; /* query results */
static struct buf before;   /* a stored plan as it was, to compare after a refusal */
static json_t *J;           /* the stored plan, parsed by latest() */

enum who { ANON, CW, MGR, P, P2, PRO, N_ACTORS };
struct actor {
	const char *key, *role, *la;
	char id[ID_LEN + 1];
	char cookie[300], csrf[64];
};
static struct actor cast[N_ACTORS] = {
	[CW] = {"cw", "caseworker", "202"},    [MGR] = {"mgr", "la_manager", "202"},
	[P] = {"p", "parent", NULL},           [P2] = {"p2", "parent", NULL},
	[PRO] = {"pro", "professional", NULL},
};

enum { CH_W, CH_S, CH_T, N_CHILDREN };
static char child_id[N_CHILDREN][ID_LEN + 1];

/* ---- the database ---- */

#define run(...) harness_sql(tdb, __VA_ARGS__)

#include "plan_write_fixture.h"

/* ---- requests ---- */

/* at: "/children/<id><rest>", in one of four buffers that take turns */
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

static long post_as(enum who w, const char *path, const char *body, enum csrf use)
{
	response_release(&R);
	harness_send(&srv, cast[w].cookie, cast[w].csrf, "POST", path, body, use, &R);
	return R.status;
}

#define post(w, path, body) post_as(w, path, body, CSRF_RIGHT)
#define has(text) response_has(&R, text)
#define assert_redirect(where) assert_true(response_location_is(&R, where))

static int occurrences(const char *s)
{
	int n = 0;
	for (const char *p = buf_cstr(&R.body); (p = strstr(p, s)) != NULL; p += strlen(s))
		n++;
	return n;
}

/* task_status: the status shown for the task "Section <code>: ..." on the task list in R,
 * without its tags; NULL when there is no such task */
static const char *task_status(const char *code)
{
	static char out[64];
	char title[32];
	snprintf(title, sizeof(title), ">Section %s: ", code);
	const char *t = strstr(buf_cstr(&R.body), title);
	const char *s = t ? strstr(t, "class=\"govuk-task-list__status") : NULL;
	s = s ? strchr(s, '>') : NULL;
	if (!s)
		return NULL;
	size_t n = 0;
	for (s++; *s && strncmp(s, "</div>", 6) != 0 && n + 1 < sizeof(out); s++) {
		if (*s == '<' && (s = strchr(s, '>')) == NULL)
			break;
		if (*s != '>')
			out[n++] = *s;
	}
	out[n] = '\0';
	return out;
}

#define TASK "<li class=\"govuk-task-list__item"

/* ---- the fixture ---- */

/* S's plan: section A, one need, one outcome, one line of provision, nothing to check */
static int import_s(void)
{
	json_t *plan = json_pack(
		"{s:s, s:s, s:{s:s}, s:{s:s}, s:[{s:s, s:s, s:s}], s:[{s:s, s:s, s:s, s:[s]}],"
		" s:[{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:[s], s:[s]}]}",
		"schema", PLAN_SCHEMA, "template", "202/1", "child", "id", child_id[CH_S],
		"section_a", "views", "I like trains", "needs", "id", "n1", "area",
		"cognition_learning", "text", "Reads two years below his age", "outcomes", "id",
		"o1", "text", "Reads a Year 3 text aloud", "by", "2031-07-18", "needs", "n1",
		"provision", "id", "p1", "section", "F", "what", "Phonics programme", "who",
		"Teaching assistant", "frequency", "Four times a week", "duration", "20 minutes",
		"secured_by", "Local authority", "needs", "n1", "outcomes", "o1");
	struct arena a;
	arena_init(&a, 0);
	struct field_errors errs = {0};
	char vid[ID_LEN + 1];
	int rc = plan ? plan_import(tdb, plan, NULL, &a, &errs, vid) : -1;
	arena_release(&a);
	json_decref(plan);
	return rc;
}

static int seed(void)
{
	char now[TIME_ISO_LEN + 1], hash[128], dob[DATE_ISO_LEN + 1];
	time_iso(time_now(), now);
	date_iso(date_add_years(date_today(), -8), dob); /* well before Year 9 */
	if (password_hash(PASSWORD, hash, sizeof(hash)))
		return -1;
	int rc = 0;
	for (int i = 0; i < N_CHILDREN && rc == 0; i++) {
		id_new(child_id[i]);
		rc = run("INSERT INTO child (id, given_name, family_name, search_given,"
			 " search_family, date_of_birth, sex, la_code, sen_status, created_at,"
			 " updated_at) VALUES ($1, $2, 'Webb', $2, 'webb', $3, 'M', '202', 'ehcp',"
			 " $4, $4)",
			 4, child_id[i],
			 i == CH_W   ? "wes"
			 : i == CH_S ? "sam"
				     : "tom",
			 dob, now);
	}
	for (int w = 1; w < N_ACTORS && rc == 0; w++) {
		struct actor *a = &cast[w];
		char email[64];
		snprintf(email, sizeof(email), "%s@example.org", a->key);
		id_new(a->id);
		rc = run("INSERT INTO user_account (id, email, name, role, la_code, password_hash,"
			 " disabled, created_at) VALUES ($1, $2, $3, $4, $5, $6, 0, $7)",
			 7, a->id, email, a->key, a->role, a->la, hash, now);
	}
	rc = rc ? rc
		: run("INSERT INTO family_member (id, name, user_id, created_at)"
		      " VALUES ($1, 'P', $1, $2)",
		      2, cast[P].id, now);
	rc = rc ? rc
		: run("INSERT INTO family_link (family_member_id, child_id, relationship)"
		      " VALUES ($1, $2, 'mother')",
		      2, cast[P].id, child_id[CH_W]);
	rc = rc ? rc
		: run("INSERT INTO advice_request (user_id, child_id, requested_at)"
		      " VALUES ($1, $2, $3)",
		      3, cast[PRO].id, child_id[CH_W], now);
	return rc ? rc : import_s();
}

/* ---- the tests ---- */

/* before anything is written: W has no plan */
static void others_may_not_write(void **state)
{
	(void)state;
	static const enum who refused[] = {P, PRO};
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(get(refused[i], at(CH_W, "/plan/edit")), 403);
		assert_true(has("You have not been asked to write this plan"));
	}
	assert_int_equal(get(P2, at(CH_W, "/plan/edit")), 404);
	assert_int_equal(post(P, at(CH_W, "/plan/edit/b"), "area=cognition_learning&text=x"), 403);
	assert_int_equal(post(PRO, at(CH_W, "/plan/edit/c"), "text=Asthma"), 403);
	assert_int_equal(versions(CH_W), 0);
}

static void officers_see_every_section_to_start(void **state)
{
	(void)state;
	static const char *const codes[] = {"A", "B",  "C",  "D", "E", "F",
					    "G", "H1", "H2", "I", "J", "K"};
	for (enum who w = CW; w <= MGR; w++) {
		assert_int_equal(get(w, at(CH_W, "/plan/edit")), 200);
		assert_int_equal(occurrences(TASK), 12);
		for (size_t i = 0; i < 12; i++) {
			const char *s = task_status(codes[i]);
			assert_non_null(s);
			assert_string_equal(s, "Not yet started");
		}
		/* a new plan in LA 202 is written in its template */
		assert_true(has(">Section A: All about me</a>"));
		assert_true(has("It will be written in the template: Camden EHC plan template"));
	}
}

static void statuses_follow_the_plan(void **state)
{
	(void)state;
	assert_int_equal(get(CW, at(CH_S, "/plan/edit")), 200);
	static const char *const done[] = {"A", "B", "E", "F"};
	static const char *const empty[] = {"C", "D", "G", "H1", "H2", "I", "J", "K"};
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(task_status(done[i]), "Completed");
	for (size_t i = 0; i < 8; i++)
		assert_string_equal(task_status(empty[i]), "Not yet started");
	/* a line in vague words: F has one thing to check */
	assert_int_equal(
		post(CW, at(CH_S, "/plan/edit/f"),
		     "what=Access+to+a+quiet+room&who=Teaching+assistant&frequency=Daily"
		     "&duration=10+minutes&secured_by=Local+authority&needs=n1&outcomes=o1"),
		303);
	assert_int_equal(get(CW, at(CH_S, "/plan/edit")), 200);
	assert_string_equal(task_status("F"), "1 to check");
	assert_string_equal(task_status("B"), "Completed");
	assert_string_equal(task_status("G"), "Not yet started");
}

static void needs_take_the_next_ids(void **state)
{
	(void)state;
	static const struct {
		const char *slug, *body, *list, *id;
	} lines[] = {
		{"b", "area=cognition_learning&text=Reads+two+years+below+age", "needs", "n1"},
		{"b", "area=communication_interaction&text=Finds+long+instructions+hard", "needs",
		 "n2"},
		{"c", "text=Asthma", "health_needs", "c1"},
		{"d", "text=Short+breaks+for+the+family", "care_needs", "d1"},
	};
	for (size_t i = 0; i < 4; i++) {
		char where[32];
		snprintf(where, sizeof(where), "/plan/edit/%s", lines[i].slug);
		assert_int_equal(post(CW, at(CH_W, where), lines[i].body), 303);
		assert_redirect(at(CH_W, where));
		assert_non_null(latest(CH_W));
		assert_non_null(line_in(lines[i].list, lines[i].id));
	}
	assert_string_equal(member(line_in("needs", "n1"), "area"), "cognition_learning");
	assert_string_equal(member(line_in("needs", "n2"), "text"), "Finds long instructions hard");
	assert_string_equal(member(line_in("health_needs", "c1"), "text"), "Asthma");
	/* one draft, changed in place, recorded in the LA's template */
	assert_int_equal(versions(CH_W), 1);
	assert_string_equal(member(J, "template"), "202/1");
	assert_string_equal(text_of("SELECT status || ' ' || template FROM plan_version WHERE"
				    " child_ref = $1",
				    1, child_id[CH_W]),
			    "draft 202/1");
}

static void outcome_saved_with_needs_date_and_adulthood(void **state)
{
	(void)state;
	assert_int_equal(post(CW, at(CH_W, "/plan/edit/e"),
			      "text=Reads+a+Year+4+text+aloud&needs=n1&needs=n2&by-day=17"
			      "&by-month=7&by-year=2030&preparation_for_adulthood=yes"),
			 303);
	assert_redirect(at(CH_W, "/plan/edit/e"));
	assert_non_null(latest(CH_W));
	json_t *o1 = line_in("outcomes", "o1");
	assert_non_null(o1);
	assert_string_equal(member(o1, "by"), "2030-07-17");
	assert_true(json_is_true(json_object_get(o1, "preparation_for_adulthood")));
	json_t *needs = json_object_get(o1, "needs");
	assert_int_equal(json_array_size(needs), 2);
	assert_string_equal(json_string_value(json_array_get(needs, 0)), "n1");
	assert_string_equal(json_string_value(json_array_get(needs, 1)), "n2");
}

static void provision_saved_with_links_and_budget(void **state)
{
	(void)state;
	assert_int_equal(post(CW, at(CH_W, "/plan/edit/f"),
			      "what=Phonics&who=Teaching+assistant&frequency=Four+times+a+week"
			      "&duration=20+minutes&group_size=1%3A2&where=Quiet+room"
			      "&secured_by=Local+authority&budget=high_needs&needs=n1&outcomes=o1"),
			 303);
	assert_redirect(at(CH_W, "/plan/edit/f"));
	assert_non_null(latest(CH_W));
	json_t *p1 = line_in("provision", "p1");
	assert_non_null(p1);
	assert_string_equal(member(p1, "section"), "F");
	assert_string_equal(member(p1, "group_size"), "1:2");
	assert_string_equal(member(p1, "budget"), "high_needs");
	assert_string_equal(json_string_value(json_array_get(json_object_get(p1, "needs"), 0)),
			    "n1");
	assert_string_equal(json_string_value(json_array_get(json_object_get(p1, "outcomes"), 0)),
			    "o1");
	/* H1 keeps its lines in the same list, marked with their section */
	assert_int_equal(post(CW, at(CH_W, "/plan/edit/h1"),
			      "what=Adapted+bathroom&who=Occupational+therapist&secured_by=Social+"
			      "care&budget=social_care&needs=n2"),
			 303);
	assert_redirect(at(CH_W, "/plan/edit/h1"));
	assert_non_null(latest(CH_W));
	assert_string_equal(member(line_in("provision", "p2"), "section"), "H1");
	assert_int_equal(get(CW, at(CH_W, "/plan")), 200);
	assert_true(has(">Phonics"));
	assert_true(has(">Adapted bathroom"));
}

static void advice_placement_and_budget_saved(void **state)
{
	(void)state;
	assert_int_equal(post(CW, at(CH_W, "/plan/edit/k"),
			      "from=Educational+psychologist&summary=Needs+small+steps"
			      "&date-day=2&date-month=10&date-year=2025"),
			 303);
	assert_int_equal(post(CW, at(CH_W, "/plan/edit/i"),
			      "name=Hill+Primary&type=Mainstream+primary&urn=100000"),
			 303);
	assert_redirect(at(CH_W, "/plan/edit/i"));
	assert_int_equal(post(CW, at(CH_W, "/plan/edit/j"),
			      "amount=1250.50&held_by=parent&arrangements=Short+breaks"),
			 303);
	assert_non_null(latest(CH_W));
	json_t *k1 = line_in("advice", "k1");
	assert_non_null(k1);
	assert_string_equal(member(k1, "date"), "2025-10-02");
	json_t *pl = json_object_get(J, "placement");
	assert_string_equal(member(pl, "name"), "Hill Primary");
	assert_string_equal(member(pl, "urn"), "100000");
	json_t *pb = json_object_get(J, "personal_budget");
	assert_int_equal(json_integer_value(json_object_get(pb, "amount_pence")), 125050);
	assert_string_equal(member(pb, "held_by"), "parent");
	assert_int_equal(get(CW, at(CH_W, "/plan")), 200);
	assert_true(has("£1250.50 a year: Short breaks"));
}

static void changing_a_line_keeps_its_id(void **state)
{
	(void)state;
	assert_int_equal(get(CW, at(CH_W, "/plan/edit/b?line=n2")), 200);
	assert_true(has("Change this line"));
	assert_true(has("<input type=\"hidden\" name=\"line\" value=\"n2\">"));
	assert_int_equal(post(CW, at(CH_W, "/plan/edit/b"),
			      "line=n2&area=sensory_physical&text=Sensitive+to+noise"),
			 303);
	assert_non_null(latest(CH_W));
	assert_int_equal(json_array_size(json_object_get(J, "needs")), 2);
	assert_string_equal(member(line_in("needs", "n2"), "text"), "Sensitive to noise");
	assert_string_equal(member(line_in("needs", "n2"), "area"), "sensory_physical");
	assert_string_equal(member(line_in("needs", "n1"), "text"), "Reads two years below age");
}

static void section_a_and_unknown_sections(void **state)
{
	(void)state;
	assert_int_equal(get(CW, at(CH_W, "/plan/edit/a")), 303);
	assert_redirect(at(CH_W, "/plan/section-a"));
	assert_int_equal(get(CW, at(CH_W, "/plan/edit/x")), 404);
	snap(CH_W);
	assert_int_equal(post(CW, at(CH_W, "/plan/edit/h3"), "what=x"), 404);
	assert_unchanged(CH_W);
}

static void links_must_be_to_lines_of_this_plan(void **state)
{
	(void)state;
	snap(CH_W);
	assert_int_equal(post(CW, at(CH_W, "/plan/edit/e"), "text=Runs&needs=n99"), 422);
	assert_true(has("govuk-error-summary"));
	assert_true(has("<a href=\"#needs\">Choose needs that are in this plan"));
	assert_unchanged(CH_W);
	assert_int_equal(post(CW, at(CH_W, "/plan/edit/e"), "text=Runs&needs=n1&needs=n99"), 422);
	assert_unchanged(CH_W);
	assert_int_equal(post(CW, at(CH_W, "/plan/edit/e"), "text=Runs"), 422);
	assert_true(has("<a href=\"#needs\">Choose the needs this outcome answers"));
	assert_unchanged(CH_W);
	assert_int_equal(post(CW, at(CH_W, "/plan/edit/f"), "what=Swim&needs=n1&outcomes=o9"), 422);
	assert_true(has("<a href=\"#outcomes\">Choose outcomes that are in this plan"));
	assert_unchanged(CH_W);
	assert_int_equal(post(CW, at(CH_W, "/plan/edit/b"), "line=n1&area=feelings&text=x"), 422);
	assert_true(has("Choose the area of need"));
	assert_unchanged(CH_W);
}

static void text_over_4000_characters_refused(void **state)
{
	(void)state;
	static char body[4200];
	int n = snprintf(body, sizeof(body), "area=cognition_learning&text=");
	memset(body + n, 'x', 4001);
	body[n + 4001] = '\0';
	snap(CH_W);
	assert_int_equal(post(CW, at(CH_W, "/plan/edit/b"), body), 422);
	assert_true(has("Must be 4,000 characters or fewer"));
	assert_unchanged(CH_W);
	body[n + 4000] = '\0'; /* exactly 4,000: allowed */
	assert_int_equal(post(CW, at(CH_W, "/plan/edit/b"), body), 303);
	assert_non_null(latest(CH_W));
	assert_int_equal(strlen(member(line_in("needs", "n3"), "text")), 4000);
}

static void dates_must_be_real(void **state)
{
	(void)state;
	snap(CH_W);
	assert_int_equal(post(CW, at(CH_W, "/plan/edit/e"),
			      "text=Runs&needs=n1&by-day=31&by-month=2&by-year=2027"),
			 422);
	assert_true(has("<a href=\"#by-day\">The date must be a real date"));
	assert_unchanged(CH_W);
	assert_int_equal(
		post(CW, at(CH_W, "/plan/edit/k"), "from=GP&date-day=1&date-month=1&date-year=27"),
		422);
	assert_true(has("The date must be a real date"));
	assert_int_equal(post(CW, at(CH_W, "/plan/edit/k"), "from=GP&date-day=1&date-month=1"),
			 422);
	assert_unchanged(CH_W);
}

static void budget_amount_must_be_money(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"amount=12x&held_by=la",
		"amount=1250.5&held_by=la",
		"amount=-5&held_by=la",
		"amount=99&held_by=bank",
		"amount=&arrangements=Short+breaks",
	};
	snap(CH_W);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(post(CW, at(CH_W, "/plan/edit/j"), bad[i]), 422);
		assert_true(has("govuk-error-summary"));
		assert_unchanged(CH_W);
	}
	assert_int_equal(post(CW, at(CH_W, "/plan/edit/j"), "amount=12x&held_by=la"), 422);
	assert_true(has("<a href=\"#amount\">Enter the amount in pounds, like 1250 or 1250.50"));
}

static void linked_lines_cannot_be_removed(void **state)
{
	(void)state;
	snap(CH_W);
	assert_int_equal(post(CW, at(CH_W, "/plan/edit/b/remove"), "line=n1"), 422);
	assert_true(has("Line n1 cannot be removed while outcome o1, provision p1 links to it"));
	assert_unchanged(CH_W);
	assert_int_equal(post(CW, at(CH_W, "/plan/edit/e/remove"), "line=o1"), 422);
	assert_true(has("Line o1 cannot be removed while provision p1 links to it"));
	assert_unchanged(CH_W);
	/* a line of another section, or none */
	assert_int_equal(post(CW, at(CH_W, "/plan/edit/c/remove"), "line=n1"), 422);
	assert_int_equal(post(CW, at(CH_W, "/plan/edit/c/remove"), "line=zz"), 422);
	assert_unchanged(CH_W);
	/* nothing links to d1 */
	assert_int_equal(post(CW, at(CH_W, "/plan/edit/d/remove"), "line=d1"), 303);
	assert_redirect(at(CH_W, "/plan/edit/d"));
	assert_non_null(latest(CH_W));
	assert_null(line_in("care_needs", "d1"));
	assert_non_null(line_in("needs", "n1"));
}

static void posts_need_the_csrf_token(void **state)
{
	(void)state;
	snap(CH_W);
	const char *body = "area=cognition_learning&text=Forged";
	assert_int_equal(post_as(CW, at(CH_W, "/plan/edit/b"), body, CSRF_NONE), 403);
	assert_int_equal(post_as(CW, at(CH_W, "/plan/edit/b"), body, CSRF_WRONG), 403);
	assert_int_equal(post_as(CW, at(CH_W, "/plan/edit/b/remove"), "line=n3", CSRF_NONE), 403);
	assert_unchanged(CH_W);
}

static long comments_on_w(void)
{
	return count_of("SELECT count(*) FROM plan_comment c JOIN plan_version v ON v.id ="
			" c.plan_version_id WHERE v.child_ref = $1",
			1, child_id[CH_W]);
}

static void family_comments_on_a_draft_line(void **state)
{
	(void)state;
	assert_int_equal(get(P, at(CH_W, "/plan/comment?line=n1")), 200);
	assert_true(has("Comment on this line"));
	assert_true(has("Reads two years below age"));
	assert_int_equal(post(P, at(CH_W, "/plan/comment"),
			      "line=n1&comment=Which+reading+scheme%3F+%3Cb%3Enow%3C%2Fb%3E"),
			 303);
	assert_redirect(at(CH_W, "/plan"));
	assert_int_equal(comments_on_w(), 1);
	/* on the plan page, in a list under the line */
	assert_int_equal(get(P, at(CH_W, "/plan")), 200);
	const char *line = strstr(buf_cstr(&R.body), "Reads two years below age");
	assert_non_null(line);
	line += strlen("Reads two years below age");
	static const char *const list = "<ul class=\"govuk-list sendap-plan-comments\"><li>";
	assert_int_equal(strncmp(line, list, strlen(list)), 0);
	const char *said = strstr(line, "Which reading scheme? &lt;b&gt;now&lt;/b&gt;");
	assert_non_null(said);
	assert_true(said < strstr(line, "</ul>"));
	assert_false(has("<b>now"));
	/* and on the officer's page for the section */
	assert_int_equal(get(CW, at(CH_W, "/plan/edit/b")), 200);
	assert_true(has("govuk-tag--purple\">Comment</strong> p (Parent or carer)"));
	assert_true(has("Which reading scheme? &lt;b&gt;now&lt;/b&gt;"));
	/* officers comment too */
	assert_int_equal(post(CW, at(CH_W, "/plan/comment"), "line=p1&comment=Noted"), 303);
	assert_int_equal(comments_on_w(), 2);
}

static void comments_refused_where_they_cannot_be(void **state)
{
	(void)state;
	long n = comments_on_w();
	assert_int_equal(get(P, at(CH_W, "/plan/comment?line=zz9")), 404);
	assert_int_equal(post(P, at(CH_W, "/plan/comment"), "line=zz9&comment=Hello"), 404);
	assert_int_equal(post(P, at(CH_W, "/plan/comment"), "line=n1&comment="), 422);
	assert_true(has("Enter your comment"));
	assert_int_equal(get(P2, at(CH_W, "/plan/comment?line=n1")), 404);
	assert_int_equal(post(P2, at(CH_W, "/plan/comment"), "line=n1&comment=Hello"), 404);
	assert_int_equal(post(PRO, at(CH_W, "/plan/comment"), "line=n1&comment=Hello"), 403);
	assert_true(has("You cannot comment on this plan"));
	assert_int_equal(comments_on_w(), n);
}

static const char *template_of(int ch)
{
	const char *t = text_of("SELECT template FROM plan_version WHERE child_ref = $1"
				" ORDER BY version DESC LIMIT 1",
				1, child_id[ch]);
	return t ? t : "(none)";
}

/* last: a newer template for LA 202 */
static void plans_keep_the_template_they_began_in(void **state)
{
	(void)state;
	/* `sendap migrate` loaded the national template and LA 202's */
	assert_int_equal(count_of("SELECT count(*) FROM plan_template WHERE (id = 'national/1'"
				  " AND la_code IS NULL) OR (id = '202/1' AND la_code = '202')",
				  0),
			 2);
	assert_int_equal(get(CW, at(CH_W, "/plan")), 200);
	assert_true(has(">Section A: All about me</h2>"));
	assert_true(has(">Section B: My special educational needs</h2>"));
	assert_true(has(">Section C: Health needs</h2>")); /* not renamed: the national one */
	assert_false(has("which this system does not hold"));
	char now[TIME_ISO_LEN + 1];
	time_iso(time_now(), now);
	assert_int_equal(run("INSERT INTO plan_template (id, la_code, version, name, content,"
			     " loaded_at) VALUES ('202/2', '202', 2, 'Camden, version 2', $1, $2)",
			     2,
			     "{\"id\":\"202/2\",\"la_code\":\"202\",\"name\":\"Camden, version 2\","
			     "\"sections\":{\"A\":{\"heading\":\"Who I am\"}},\"version\":2}",
			     now),
			 0);
	assert_int_equal(get(CW, at(CH_W, "/plan")), 200);
	assert_true(has(">Section A: All about me</h2>"));
	assert_false(has("Who I am"));
	assert_int_equal(post(CW, at(CH_W, "/plan/edit/c"), "text=Hay+fever"), 303);
	assert_string_equal(template_of(CH_W), "202/1");
	assert_int_equal(get(CW, at(CH_W, "/plan/edit")), 200);
	assert_true(has(">Section A: All about me</a>"));
	/* a new plan is written in the newer one */
	assert_int_equal(post(CW, at(CH_T, "/plan/edit/b"), "area=cognition_learning&text=Slow"),
			 303);
	assert_string_equal(template_of(CH_T), "202/2");
	assert_non_null(latest(CH_T));
	assert_string_equal(member(J, "template"), "202/2");
	assert_int_equal(get(CW, at(CH_T, "/plan")), 200);
	assert_true(has(">Section A: Who I am</h2>"));
	assert_true(has(">Section B: Special educational needs</h2>"));
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	buf_init(&got, 0);
	buf_init(&num, 0);
	buf_init(&before, 0);
	if (harness_db_fresh(&srv) || harness_migrate(&srv) || db_open(srv.db_url, &tdb) ||
	    seed() || harness_start(&srv, NULL)) {
		fprintf(stderr, "http_plan_write: could not migrate, seed or start sendap\n");
		return 1;
	}
	int rc = 0;
	for (int w = 1; w < N_ACTORS && rc == 0; w++) {
		char email[64];
		snprintf(email, sizeof(email), "%s@example.org", cast[w].key);
		rc = harness_sign_in(&srv, email, PASSWORD, cast[w].cookie, sizeof(cast[w].cookie),
				     cast[w].csrf, sizeof(cast[w].csrf), NULL, 0);
		if (rc)
			fprintf(stderr, "http_plan_write: %s could not sign in\n", cast[w].key);
	}
	int failures = 1;
	if (rc == 0) {
		static const struct CMUnitTest tests[] = {
			cmocka_unit_test(others_may_not_write),
			cmocka_unit_test(officers_see_every_section_to_start),
			cmocka_unit_test(statuses_follow_the_plan),
			cmocka_unit_test(needs_take_the_next_ids),
			cmocka_unit_test(outcome_saved_with_needs_date_and_adulthood),
			cmocka_unit_test(provision_saved_with_links_and_budget),
			cmocka_unit_test(advice_placement_and_budget_saved),
			cmocka_unit_test(changing_a_line_keeps_its_id),
			cmocka_unit_test(section_a_and_unknown_sections),
			cmocka_unit_test(links_must_be_to_lines_of_this_plan),
			cmocka_unit_test(text_over_4000_characters_refused),
			cmocka_unit_test(dates_must_be_real),
			cmocka_unit_test(budget_amount_must_be_money),
			cmocka_unit_test(linked_lines_cannot_be_removed),
			cmocka_unit_test(posts_need_the_csrf_token),
			cmocka_unit_test(family_comments_on_a_draft_line),
			cmocka_unit_test(comments_refused_where_they_cannot_be),
			cmocka_unit_test(plans_keep_the_template_they_began_in),
		};
		const char *group = getenv("SENDAP_TEST_PG_URL") ? "http plan write (postgresql)"
								 : "http plan write (sqlite)";
		failures = _cmocka_run_group_tests(group, tests, sizeof(tests) / sizeof(tests[0]),
						   NULL, NULL);
	}
	response_release(&R);
	buf_release(&got);
	buf_release(&num);
	buf_release(&before);
	json_decref(J);
	db_close(tdb);
	int status = harness_stop(&srv, SIGTERM);
	harness_cleanup(&srv);
	curl_global_cleanup();
	if (status != 0) {
		fprintf(stderr,
			"http_plan_write: sendap exited with status %d (sanitizer report in "
			"build/test-logs/server-*.log)\n",
			status);
		return 1;
	}
	return failures ? 1 : 0;
}
