/*
 * http_plan_write2.c: asking others to write a plan, issuing it, amending it, and a plan
 * as a file (src/plan/editor.c, exchange.c, store.c, template.c), over HTTP against a
 * real sendap. The database is made by `sendap migrate` (so it holds the templates
 * national/1 and 202/1) and a small cast is written straight into it: a
 * caseworker and a manager of LA 202; parent P of child L; professional PRO with an open
 * request for advice on L and PRO2 with a closed one; SENCO at L's setting, SENCO2 at a
 * setting L has left, an AP provider at L's setting. L and M have a complete plan, a
 * draft (tests/plan/full.json); N, U and X have none. Then, in order:
 *
 *   - officers ask a professional advising on L, or the SENCo of L's setting, to write
 *     named sections; they write those and are refused the others, which stay as they were;
 *   - check answers, then issue: the version becomes final, its hash is audited, and it
 *     never changes; a stale version is not issued; an amendment is a new draft;
 *   - the export is the API's document byte for byte; an import becomes the next draft, and
 *     a file that is not this child's valid plan is refused with nothing stored; a plan in
 *     a template not held here is shown under the national headings.
 *
 * http_plan_write.c has the section forms, comments and the LA's templates. Against SQLite by default; with
 * SENDAP_TEST_PG_URL set, against that PostgreSQL.
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
#include <sodium.h>

#include "harness.h"
#include "plan/plan.h"
#include "platform/auth.h"
#include "platform/dates.h"
#include "platform/db.h"
#include "platform/ids.h"

#define PASSWORD "correct horse battery"
#define FULL_PLAN "tests/plan/full.json"
#define BOUNDARY "sendap-test-boundary-7d1f"

static struct server srv;
static struct db *tdb;        /* the test's own connection, for fixtures and reads */
static struct response R, R2; /* the last answers: each request releases the one before */
static struct buf got, num;   /* query results */
static struct buf before;     /* a stored plan as it was */
static struct buf doc, mp;    /* a plan file; the import form that carries it */
static json_t *J;             /* the stored plan, parsed by latest() */

enum who { ANON, CW, MGR, P, PRO, PRO2, SENCO, SENCO2, AP, N_ACTORS };
struct actor {
	const char *key, *role, *la;
	int org; /* the setting they work at: 0 none, 1 L's, 2 one L has left */
	char id[ID_LEN + 1];
	char cookie[300], csrf[64];
};
static struct actor cast[N_ACTORS] = {
	[CW] = {"cw", "caseworker", "202", 0},
	[MGR] = {"mgr", "la_manager", "202", 0},
	[P] = {"p", "parent", NULL, 0},
	[PRO] = {"pro", "professional", NULL, 0},
	[PRO2] = {"pro2", "professional", NULL, 0},
	[SENCO] = {"senco", "senco", NULL, 1},
	[SENCO2] = {"senco2", "senco", NULL, 2},
	[AP] = {"ap", "ap_provider", NULL, 1},
};

enum { CH_L, CH_M, CH_N, CH_U, CH_X, N_CHILDREN };
static char child_id[N_CHILDREN][ID_LEN + 1];
static char org_id[3][ID_LEN + 1];

/* ---- the database ---- */

#define run(...) harness_sql(tdb, __VA_ARGS__)

#include "plan_write_fixture.h"

/* ---- requests ---- */

/* form: a formatted request body, in one of four buffers that take turns */
__attribute__((format(printf, 1, 2))) static const char *form(const char *fmt, ...)
{
	static char b[4][512];
	static int k;
	k = (k + 1) % 4;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(b[k], sizeof(b[k]), fmt, ap);
	va_end(ap);
	return b[k];
}

/* at: "/children/<id><rest>" */
#define at(ch, rest) form("/children/%s%s", child_id[ch], rest)

static long get_to(struct response *r, enum who w, const char *path)
{
	const char *h[] = {cast[w].cookie[0] ? cast[w].cookie : NULL, NULL};
	response_release(r);
	harness_request(&srv, "GET", path, h, NULL, 0, r);
	return r->status;
}

#define get(w, path) get_to(&R, w, path)

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

/* plan_file: tests/plan/full.json for the child, in template tpl (NULL: as it is), its
 * first line of provision linked to need bad (NULL: as it is), as canonical JSON in doc */
static const char *plan_file(int ch, const char *tpl, const char *bad)
{
	json_error_t je;
	json_t *plan = json_load_file(FULL_PLAN, JSON_REJECT_DUPLICATES, &je);
	buf_reset(&doc);
	if (!plan)
		return buf_cstr(&doc);
	json_object_set_new(json_object_get(plan, "child"), "id", json_string(child_id[ch]));
	if (tpl)
		json_object_set_new(plan, "template", json_string(tpl));
	json_t *p1 = json_array_get(json_object_get(plan, "provision"), 0);
	if (bad)
		json_array_set_new(json_object_get(p1, "needs"), 0, json_string(bad));
	char *s = plan_canonical(plan);
	buf_puts(&doc, s ? s : "");
	free(s);
	json_decref(plan);
	return buf_cstr(&doc);
}

/* import_full: the child's full plan as its next version, on the test's connection */
static int import_full(int ch)
{
	json_error_t je;
	json_t *plan = json_loads(plan_file(ch, NULL, NULL), 0, &je);
	struct arena a;
	arena_init(&a, 0);
	struct field_errors errs = {0};
	char vid[ID_LEN + 1];
	int rc = plan ? plan_import(tdb, plan, NULL, &a, &errs, vid) : -1;
	arena_release(&a);
	json_decref(plan);
	return rc;
}

/* import_file: the import form sent by w with the file, as a browser sends it */
static long import_file(enum who w, int ch, const char *file)
{
	buf_reset(&mp);
	buf_printf(&mp,
		   "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
		   "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"plan\";"
		   " filename=\"plan.json\"\r\nContent-Type: application/json\r\n\r\n",
		   cast[w].csrf);
	buf_puts(&mp, file);
	buf_puts(&mp, "\r\n--" BOUNDARY "--\r\n");
	const char *h[] = {cast[w].cookie, "Content-Type: multipart/form-data; boundary=" BOUNDARY,
			   NULL};
	response_release(&R);
	harness_request(&srv, "POST", at(ch, "/plan/import"), h, buf_cstr(&mp), mp.len, &R);
	return R.status;
}

static int seed(void)
{
	char now[TIME_ISO_LEN + 1], hash[128], dob[DATE_ISO_LEN + 1];
	time_iso(time_now(), now);
	date_iso(date_add_years(date_today(), -8), dob); /* well before Year 9 */
	if (password_hash(PASSWORD, hash, sizeof(hash)))
		return -1;
	int rc = 0;
	for (int o = 1; o <= 2 && rc == 0; o++) {
		id_new(org_id[o]);
		rc = run("INSERT INTO organisation (id, kind, name, la_code, created_at)"
			 " VALUES ($1, 'setting', $2, '202', $3)",
			 3, org_id[o], o == 1 ? "Hill Primary" : "Dale Infants", now);
	}
	static const char *const names[N_CHILDREN] = {"lena", "mo", "nia", "uma", "xan"};
	for (int i = 0; i < N_CHILDREN && rc == 0; i++) {
		id_new(child_id[i]);
		rc = run("INSERT INTO child (id, given_name, family_name, search_given,"
			 " search_family, date_of_birth, sex, la_code, sen_status, created_at,"
			 " updated_at) VALUES ($1, $2, 'Lowe', $2, 'lowe', $3, 'F', '202', 'ehcp',"
			 " $4, $4)",
			 4, child_id[i], names[i], dob, now);
	}
	for (int w = 1; w < N_ACTORS && rc == 0; w++) {
		struct actor *a = &cast[w];
		char email[64];
		snprintf(email, sizeof(email), "%s@example.org", a->key);
		id_new(a->id);
		rc = run(
			"INSERT INTO user_account (id, email, name, role, la_code, organisation_id,"
			" password_hash, disabled, created_at)"
			" VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8)",
			8, a->id, email, a->key, a->role, a->la, a->org ? org_id[a->org] : NULL,
			hash, now);
	}
	rc = rc ? rc
		: run("INSERT INTO family_member (id, name, user_id, created_at)"
		      " VALUES ($1, 'P', $1, $2)",
		      2, cast[P].id, now);
	rc = rc ? rc
		: run("INSERT INTO family_link (family_member_id, child_id, relationship)"
		      " VALUES ($1, $2, 'mother')",
		      2, cast[P].id, child_id[CH_L]);
	rc = rc ? rc
		: run("INSERT INTO advice_request (user_id, child_id, requested_at, closed_at)"
		      " VALUES ($1, $3, $4, NULL), ($2, $3, $4, $4)",
		      4, cast[PRO].id, cast[PRO2].id, child_id[CH_L], now);
	rc = rc ? rc
		: run("INSERT INTO child_setting (child_id, organisation_id, relation, started_on,"
		      " ended_on) VALUES ($1, $2, 'roll', '2023-09-01', NULL),"
		      " ($1, $3, 'roll', '2021-09-01', '2023-07-21')",
		      3, child_id[CH_L], org_id[1], org_id[2]);
	rc = rc ? rc : import_full(CH_L);
	return rc ? rc : import_full(CH_M);
}

/* the latest version's id, and a version's status */
static void latest_id(int ch, char *out)
{
	const char *id = text_of("SELECT id FROM plan_version WHERE child_ref = $1"
				 " ORDER BY version DESC LIMIT 1",
				 1, child_id[ch]);
	snprintf(out, ID_LEN + 1, "%s", id ? id : "");
}

static const char *status_of(const char *version_id)
{
	const char *s = text_of("SELECT status FROM plan_version WHERE id = $1", 1, version_id);
	return s ? s : "(none)";
}

static long issues(void)
{
	return count_of("SELECT count(*) FROM audit_event WHERE action = 'issue'", 0);
}

/* ---- the tests ---- */

static const char *sections_of(enum who w)
{
	return text_of(
		"SELECT sections FROM plan_contributor WHERE child_ref = $1 AND user_id = $2", 2,
		child_id[CH_L], cast[w].id);
}

static void contributors_advise_or_work_at_the_setting(void **state)
{
	(void)state;
	/* a closed request for advice, a setting left, an AP provider, a parent, nobody */
	static const enum who refused[] = {PRO2, SENCO2, AP, P, ANON};
	for (size_t i = 0; i < 5; i++) {
		const char *body = form("person=%s&sections=C", cast[refused[i]].id);
		assert_int_equal(post(CW, at(CH_L, "/plan/contributors"), body), 422);
		assert_true(has("Choose a person who is advising on this child"));
		assert_null(sections_of(refused[i]));
	}
	assert_int_equal(post(CW, at(CH_L, "/plan/contributors"),
			      form("person=%s&sections=C&sections=G", cast[PRO].id)),
			 303);
	assert_redirect(at(CH_L, "/plan/edit#contributors"));
	assert_string_equal(sections_of(PRO), "C,G");
	assert_int_equal(post(MGR, at(CH_L, "/plan/contributors"),
			      form("person=%s&sections=F", cast[SENCO].id)),
			 303);
	assert_string_equal(sections_of(SENCO), "F");
	/* only officers ask */
	assert_int_equal(post(PRO, at(CH_L, "/plan/contributors"),
			      form("person=%s&sections=B", cast[SENCO].id)),
			 403);
	assert_string_equal(sections_of(SENCO), "F");
	assert_int_equal(get(CW, at(CH_L, "/plan/edit")), 200);
	assert_true(has("People asked to write sections"));
}

static void contributors_see_only_their_sections(void **state)
{
	(void)state;
	assert_int_equal(get(PRO, at(CH_L, "/plan/edit")), 200);
	assert_true(has("You have been asked to write sections C and G."));
	assert_int_equal(occurrences(TASK), 2);
	assert_non_null(task_status("C"));
	assert_non_null(task_status("G"));
	assert_null(task_status("F"));
	assert_false(has("Ask someone to write sections"));
	assert_int_equal(get(SENCO, at(CH_L, "/plan/edit")), 200);
	assert_int_equal(occurrences(TASK), 1);
	assert_string_equal(task_status("F"), "Completed");
}

static void unticking_every_section_stops_asking(void **state)
{
	(void)state;
	assert_int_equal(
		post(CW, at(CH_L, "/plan/contributors"), form("person=%s", cast[SENCO].id)), 303);
	assert_null(sections_of(SENCO));
	assert_int_equal(get(SENCO, at(CH_L, "/plan/edit")), 403);
	assert_true(has("You have not been asked to write this plan"));
	snap(CH_L);
	assert_int_equal(post(SENCO, at(CH_L, "/plan/edit/f"), "what=Swimming&needs=n1"), 403);
	assert_unchanged(CH_L);
	assert_string_equal(sections_of(PRO), "C,G"); /* others still asked */
}

static void contributor_writes_c_and_g(void **state)
{
	(void)state;
	assert_int_equal(post(PRO, at(CH_L, "/plan/edit/c"), "text=Needs+an+inhaler+in+PE"), 303);
	assert_redirect(at(CH_L, "/plan/edit/c"));
	assert_int_equal(post(PRO, at(CH_L, "/plan/edit/g"),
			      "what=Asthma+review&who=School+nurse&frequency=Once+a+year"
			      "&duration=1+hour&secured_by=ICB&budget=nhs&needs=h1"),
			 303);
	assert_non_null(latest(CH_L));
	assert_string_equal(member(line_in("health_needs", "c2"), "text"),
			    "Needs an inhaler in PE");
	/* c1 is a line of section D: a new line takes the next id free in the whole plan */
	json_t *p6 = line_in("provision", "p6");
	assert_string_equal(member(p6, "section"), "G");
	assert_string_equal(member(p6, "budget"), "nhs");
	assert_int_equal(get(PRO, at(CH_L, "/plan/edit/g")), 200);
	assert_true(has("Asthma review"));
}

static void contributor_refused_section_f(void **state)
{
	(void)state;
	snap(CH_L);
	static const char *const why =
		"You were asked to write sections C and G of this plan, not section F";
	assert_int_equal(post(PRO, at(CH_L, "/plan/edit/f"),
			      "what=Extra+reading&who=Teacher&frequency=Daily&duration=1+hour"
			      "&needs=n1"),
			 403);
	assert_true(has(why));
	assert_unchanged(CH_L);
	assert_int_equal(get(PRO, at(CH_L, "/plan/edit/f")), 403);
	assert_true(has(why));
	assert_int_equal(post(PRO, at(CH_L, "/plan/edit/f"), "line=p1&what=Changed&needs=n1"), 403);
	assert_int_equal(post(PRO, at(CH_L, "/plan/edit/f/remove"), "line=p1"), 403);
	assert_int_equal(post(PRO, at(CH_L, "/plan/edit/b"), "area=cognition_learning&text=x"),
			 403);
	assert_true(has("not section B"));
	assert_unchanged(CH_L);
}

/* after the contributors wrote C and G */
static void check_answers_before_issue(void **state)
{
	(void)state;
	char vid[ID_LEN + 1];
	latest_id(CH_L, vid);
	assert_int_equal(get(CW, at(CH_L, "/plan/check")), 200);
	assert_int_equal(occurrences("class=\"govuk-summary-list__row"), 12);
	static const char *const rows[] = {
		"Section A: Views, interests and aspirations</dt><dd class=\"govuk-summary-list__"
		"value\">Written</dd>",
		"Section C: Health needs</dt><dd class=\"govuk-summary-list__value\">2 lines</dd>",
		"Section F: Special educational provision</dt><dd class=\"govuk-summary-list__"
		"value\">3 lines</dd>",
		"Disabled Persons Act 1970</dt><dd class=\"govuk-summary-list__value\">Nothing "
		"written</dd>",
	};
	for (size_t i = 0; i < 4; i++)
		assert_true(has(rows[i]));
	assert_true(has(form("<input type=\"hidden\" name=\"version\" value=\"%s\">", vid)));
	assert_int_equal(get(MGR, at(CH_L, "/plan/check")), 200);
	assert_int_equal(get(P, at(CH_L, "/plan/check")), 403);
	assert_int_equal(get(CW, at(CH_N, "/plan/check")), 409);
	assert_true(has("There is no draft to check"));
}

static void stale_version_is_not_issued(void **state)
{
	(void)state;
	char vid[ID_LEN + 1], stale[ID_LEN + 1];
	latest_id(CH_L, vid);
	id_new(stale);
	snap(CH_L);
	assert_int_equal(post(CW, at(CH_L, "/plan/issue"), form("version=%s", stale)), 409);
	assert_true(has("The plan was not issued"));
	assert_int_equal(post(CW, at(CH_L, "/plan/issue"), "version="), 409);
	/* another child's draft is not this one's */
	char other[ID_LEN + 1];
	latest_id(CH_M, other);
	assert_int_equal(post(CW, at(CH_L, "/plan/issue"), form("version=%s", other)), 409);
	assert_int_equal(post(P, at(CH_L, "/plan/issue"), form("version=%s", vid)), 403);
	assert_string_equal(status_of(vid), "draft");
	assert_string_equal(status_of(other), "draft");
	assert_string_equal(text_of("SELECT hash FROM plan_version WHERE id = $1", 1, vid), "");
	assert_int_equal(issues(), 0);
	assert_unchanged(CH_L);
}

static void issuing_fixes_the_version(void **state)
{
	(void)state;
	char vid[ID_LEN + 1], hex[65], rec[ID_LEN + 70];
	latest_id(CH_L, vid);
	assert_int_equal(post(CW, at(CH_L, "/plan/issue"), form("version=%s", vid)), 303);
	assert_redirect(at(CH_L, "/plan"));
	assert_string_equal(status_of(vid), "final");
	/* the hash is BLAKE2b-256 of the content as stored, and the audit trail has it */
	const char *content = text_of("SELECT content FROM plan_version WHERE id = $1", 1, vid);
	assert_non_null(content);
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)content, strlen(content), NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	assert_string_equal(text_of("SELECT hash FROM plan_version WHERE id = $1", 1, vid), hex);
	snprintf(rec, sizeof(rec), "%s:%s", vid, hex);
	assert_int_equal(count_of("SELECT count(*) FROM audit_event WHERE action = 'issue' AND"
				  " record_type = 'plan_version' AND record_id = $1",
				  1, rec),
			 1);
	assert_int_equal(issues(), 1);
	struct date d;
	const char *on = text_of("SELECT issued_on FROM plan_version WHERE id = $1", 1, vid);
	assert_int_equal(date_parse(on ? on : "", &d), 0);
	assert_int_equal(get(P, at(CH_L, "/plan")), 200);
	assert_true(has("Final</strong> Version 1, issued on "));
}

static void issued_version_never_changes(void **state)
{
	(void)state;
	char vid[ID_LEN + 1];
	latest_id(CH_L, vid);
	snap(CH_L);
	assert_int_equal(post(CW, at(CH_L, "/plan/edit/b"), "area=sensory_physical&text=x"), 409);
	assert_true(has("This plan has been issued"));
	assert_int_equal(get(CW, at(CH_L, "/plan/edit/b")), 409);
	assert_int_equal(post(CW, at(CH_L, "/plan/edit/k/remove"), "line=k1"), 409);
	assert_int_equal(post(PRO, at(CH_L, "/plan/edit/c"), "text=Hay+fever"), 409);
	assert_int_equal(post(P, at(CH_L, "/plan/section-a"), "views=Changed"), 409);
	assert_int_equal(post(CW, at(CH_L, "/plan/issue"), form("version=%s", vid)), 409);
	assert_int_equal(get(CW, at(CH_L, "/plan/check")), 409);
	/* comments are on drafts */
	assert_int_equal(get(P, at(CH_L, "/plan/comment?line=n1")), 409);
	assert_int_equal(post(P, at(CH_L, "/plan/comment"), "line=n1&comment=Hello"), 409);
	assert_true(has("There is no draft to comment on"));
	assert_int_equal(
		count_of("SELECT count(*) FROM plan_comment WHERE plan_version_id = $1", 1, vid),
		0);
	assert_unchanged(CH_L);
	assert_string_equal(status_of(vid), "final");
	assert_int_equal(issues(), 1);
	assert_int_equal(versions(CH_L), 1);
}

static void amendment_starts_a_new_draft(void **state)
{
	(void)state;
	char v1[ID_LEN + 1], v2[ID_LEN + 1];
	latest_id(CH_L, v1);
	snap(CH_L);
	assert_int_equal(post(P, at(CH_L, "/plan/amend"), ""), 403);
	assert_int_equal(versions(CH_L), 1);
	assert_int_equal(post(CW, at(CH_L, "/plan/amend"), ""), 303);
	assert_redirect(at(CH_L, "/plan/edit"));
	assert_int_equal(versions(CH_L), 2);
	latest_id(CH_L, v2);
	assert_string_equal(status_of(v2), "draft");
	assert_unchanged(CH_L); /* a copy of the issued version */
	assert_int_equal(post(CW, at(CH_L, "/plan/amend"), ""), 409);
	assert_true(has("An amendment is already being written"));
	assert_int_equal(versions(CH_L), 2);
	/* the draft changes; the issued version does not */
	assert_int_equal(post(CW, at(CH_L, "/plan/edit/b"),
			      "area=sensory_physical&text=Tires+quickly+when+writing"),
			 303);
	assert_string_not_equal(stored(CH_L), buf_cstr(&before));
	assert_string_equal(text_of("SELECT content FROM plan_version WHERE id = $1", 1, v1),
			    buf_cstr(&before));
	/* an issued amendment is "amended"; the first stays "final" */
	assert_int_equal(post(CW, at(CH_L, "/plan/issue"), form("version=%s", v2)), 303);
	assert_string_equal(status_of(v2), "amended");
	assert_string_equal(status_of(v1), "final");
	assert_int_equal(issues(), 2);
}

static void export_is_the_stored_document(void **state)
{
	(void)state;
	char cd[256] = "";
	static const char *const which[] = {"", "?version=1", "?version=2"};
	for (size_t i = 0; i < 3; i++) {
		char rest[64];
		snprintf(rest, sizeof(rest), "/plan/export%s", which[i]);
		assert_int_equal(get(CW, at(CH_L, rest)), 200);
		assert_int_equal(response_header(&R, "Content-Disposition", cd, sizeof(cd)), 0);
		assert_int_equal(strncmp(cd, "attachment;", 11), 0);
		assert_int_equal(
			get_to(&R2, CW,
			       form("/api/v1/children/%s/plan%s", child_id[CH_L], which[i])),
			200);
		assert_string_equal(buf_cstr(&R.body), buf_cstr(&R2.body));
		assert_string_equal(
			buf_cstr(&R.body),
			text_of("SELECT content FROM plan_version WHERE child_ref = $1 AND version"
				" = $2",
				2, child_id[CH_L], i == 1 ? "1" : "2"));
	}
	assert_int_equal(get(CW, at(CH_L, "/plan/export?version=9")), 404);
	assert_int_equal(get(CW, at(CH_L, "/plan/export?version=x")), 404);
	assert_int_equal(get(P, at(CH_L, "/plan/export")), 403);
	assert_int_equal(get(CW, at(CH_N, "/plan/export")), 404);
}

static void import_adds_a_draft_version(void **state)
{
	(void)state;
	long n = versions(CH_M);
	assert_int_equal(get(CW, at(CH_M, "/plan/import")), 200);
	assert_true(has("enctype=\"multipart/form-data\""));
	assert_int_equal(import_file(CW, CH_M, plan_file(CH_M, "national/1", NULL)), 303);
	assert_redirect(at(CH_M, "/plan/edit"));
	assert_int_equal(versions(CH_M), n + 1);
	assert_string_equal(stored(CH_M), buf_cstr(&doc)); /* the file, byte for byte */
	char vid[ID_LEN + 1];
	latest_id(CH_M, vid);
	assert_string_equal(status_of(vid), "draft");
}

static void import_refuses_bad_files(void **state)
{
	(void)state;
	long n = versions(CH_M);
	snap(CH_M);
	assert_int_equal(import_file(CW, CH_M, plan_file(CH_X, NULL, NULL)), 422);
	assert_true(has("The file is a plan for another child"));
	assert_int_equal(import_file(CW, CH_M, "{\"schema\": \"sendap-plan/1\","), 422);
	assert_true(has("The file is not JSON"));
	assert_int_equal(import_file(CW, CH_M, plan_file(CH_M, NULL, "n99")), 422);
	assert_true(has("The plan was not imported: "));
	assert_true(has("(at /provision/0/needs/0)"));
	assert_int_equal(import_file(CW, CH_M, "[1, 2]"), 422);
	assert_int_equal(import_file(CW, CH_M, ""), 422);
	assert_true(has("govuk-error-summary"));
	assert_int_equal(versions(CH_M), n);
	assert_unchanged(CH_M);
}

static void import_is_for_officers(void **state)
{
	(void)state;
	long n = versions(CH_L);
	assert_int_equal(get(P, at(CH_L, "/plan/import")), 403);
	assert_int_equal(import_file(P, CH_L, plan_file(CH_L, NULL, NULL)), 403);
	assert_int_equal(import_file(PRO, CH_L, plan_file(CH_L, NULL, NULL)), 403);
	assert_int_equal(versions(CH_L), n);
}

static void unknown_template_shows_national_headings(void **state)
{
	(void)state;
	assert_int_equal(import_file(CW, CH_U, plan_file(CH_U, "someshire/9", NULL)), 303);
	assert_string_equal(text_of("SELECT template FROM plan_version WHERE child_ref = $1", 1,
				    child_id[CH_U]),
			    "someshire/9");
	assert_int_equal(get(CW, at(CH_U, "/plan")), 200);
	assert_true(has(">Section A: Views, interests and aspirations</h2>"));
	assert_true(has(">Section F: Special educational provision</h2>"));
	assert_true(has("someshire/9"));
	assert_true(has("which this system does not hold"));
	assert_int_equal(get(CW, at(CH_U, "/plan/edit")), 200);
	assert_true(has(">Section A: Views, interests and aspirations</a>"));
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	buf_init(&got, 0);
	buf_init(&num, 0);
	buf_init(&before, 0);
	buf_init(&doc, 0);
	buf_init(&mp, 0);
	if (sodium_init() < 0 || harness_db_fresh(&srv) || harness_migrate(&srv) ||
	    db_open(srv.db_url, &tdb) || seed() || harness_start(&srv, NULL)) {
		fprintf(stderr, "http_plan_write2: could not migrate, seed or start sendap\n");
		return 1;
	}
	int rc = 0;
	for (int w = 1; w < N_ACTORS && rc == 0; w++) {
		char email[64];
		snprintf(email, sizeof(email), "%s@example.org", cast[w].key);
		rc = harness_sign_in(&srv, email, PASSWORD, cast[w].cookie, sizeof(cast[w].cookie),
				     cast[w].csrf, sizeof(cast[w].csrf), NULL, 0);
		if (rc)
			fprintf(stderr, "http_plan_write2: %s could not sign in\n", cast[w].key);
	}
	int failures = 1;
	if (rc == 0) {
		static const struct CMUnitTest tests[] = {
			cmocka_unit_test(contributors_advise_or_work_at_the_setting),
			cmocka_unit_test(contributors_see_only_their_sections),
			cmocka_unit_test(unticking_every_section_stops_asking),
			cmocka_unit_test(contributor_writes_c_and_g),
			cmocka_unit_test(contributor_refused_section_f),
			cmocka_unit_test(check_answers_before_issue),
			cmocka_unit_test(stale_version_is_not_issued),
			cmocka_unit_test(issuing_fixes_the_version),
			cmocka_unit_test(issued_version_never_changes),
			cmocka_unit_test(amendment_starts_a_new_draft),
			cmocka_unit_test(export_is_the_stored_document),
			cmocka_unit_test(import_adds_a_draft_version),
			cmocka_unit_test(import_refuses_bad_files),
			cmocka_unit_test(import_is_for_officers),
			cmocka_unit_test(unknown_template_shows_national_headings),
		};
		const char *group = getenv("SENDAP_TEST_PG_URL") ? "http plan write 2 (postgresql)"
								 : "http plan write 2 (sqlite)";
		failures = _cmocka_run_group_tests(group, tests, sizeof(tests) / sizeof(tests[0]),
						   NULL, NULL);
	}
	response_release(&R);
	response_release(&R2);
	buf_release(&got);
	buf_release(&num);
	buf_release(&before);
	buf_release(&doc);
	buf_release(&mp);
	json_decref(J);
	db_close(tdb);
	int status = harness_stop(&srv, SIGTERM);
	harness_cleanup(&srv);
	curl_global_cleanup();
	if (status != 0) {
		fprintf(stderr,
			"http_plan_write2: sendap exited with status %d (sanitizer report in "
			"build/test-logs/server-*.log)\n",
			status);
		return 1;
	}
	return failures ? 1 : 0;
}
