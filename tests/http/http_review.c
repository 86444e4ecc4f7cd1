/*
 * http_review.c: reviews of issued plans (src/review) over HTTP against a real sendap,
 * scheduled by `sendap review schedule` and review_schedule(). The database is made by
 * `sendap migrate`; the cast and children are written straight into it, each plan through
 * plan_import and plan_issue, its issue date then set by SQL. Every date is relative to
 * the real today, by which the pages and the steps judge: steps are dated in the past,
 * and issue dates put each review where a test needs it. In order, each building on the
 * last: scheduling (one open review per issued plan not ceased: annual, due the last day
 * of 12 months from the first issue, or a phase transfer due by the regulation 18
 * deadline; a second run makes none); the LA's list, a setting's list for the term and
 * the transfer tracker counting late, at risk and on track from each next step; who may
 * see and record; bad steps refused with 422 and nothing saved (order, dates, the meeting
 * record's views, ratings, preparing for adulthood from Year 9 on the meeting's day,
 * adult services from 17); maintain, amend and cease; last, no open review once a plan has
 * ceased.
 */
#include <errno.h>
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
#include "review/review.h"

#define PASSWORD "correct horse battery"

static struct server srv;
static struct db *tdb;
static struct response R;
static struct buf got, before, after;
static struct date T;                  /* today */
static int sy;                         /* this school year began on 1 September sy */
static struct date sept, d18, d18post; /* next September; its regulation 18 deadlines */

enum who { CW, MGR, CW2, SENCO, SENCO2, P, N_ACTORS };
enum { O_PRIM, O_SEC, O_FE, N_ORGS };
static char org[N_ORGS][ID_LEN + 1];
struct actor {
	const char *key, *role, *la;
	int org; /* -1: none */
	char id[ID_LEN + 1], cookie[300], csrf[64];
};
static struct actor cast[N_ACTORS] = {
	[CW] = {"cw", "caseworker", "202", -1},      [MGR] = {"mgr", "la_manager", "202", -1},
	[CW2] = {"cw2", "caseworker", "204", -1},    [SENCO] = {"senco", "senco", NULL, O_PRIM},
	[SENCO2] = {"senco2", "senco", NULL, O_SEC}, [P] = {"p", "parent", NULL, -1},
};

/* the children: the school year they are in now (-17: aged 17), their setting, how many
 * days ago their plan was issued (0: see seed); all of LA 202 but Oli, of 204 */
enum { A, B, C, L, RR, FAR, E, E2, S16, Y9, A17, D, D2, DR, OUT, N_CH };
static const struct {
	const char *name;
	int year, org, ago;
} kids[N_CH] = {
	[A] = {"Amy", 3, O_PRIM, 300},   [B] = {"Ben", 3, O_PRIM, 310},
	[C] = {"Cal", 3, O_PRIM, 320},   [L] = {"Lou", 3, O_PRIM, 400},
	[RR] = {"Rae", 3, O_PRIM, 0},    [FAR] = {"Fay", 3, O_PRIM, 100},
	[E] = {"Eve", 6, O_PRIM, 30},    [E2] = {"Eli", 6, O_PRIM, 0},
	[S16] = {"Sid", 11, O_SEC, 30},  [Y9] = {"Nia", 9, O_SEC, 300},
	[A17] = {"Ada", -17, O_FE, 300}, [D] = {"Dan", 3, O_PRIM, 300},
	[D2] = {"Dot", 3, O_PRIM, 300},  [DR] = {"Dee", 3, O_PRIM, 300},
	[OUT] = {"Oli", 3, O_PRIM, 300},
};
static char child_id[N_CH][ID_LEN + 1];
static struct date issued[N_CH];

/* ---- dates ---- */

static struct date day(int k)
{
	return date_add_days(T, k);
}

/* ring: one of 16 buffers that take turns, for strings that live a while */
static char *ring(void)
{
	static char b[16][256];
	static unsigned k;
	return b[k++ % 16];
}

static const char *iso(struct date d)
{
	char *b = ring();
	date_iso(d, b);
	return b;
}

/* annual_due: the last day of 12 months starting with d (section 44), counted here
 * without the code under test: the day before the same date a year on; from 29 February,
 * 28 February */
static struct date annual_due(struct date d)
{
	if (d.m == 2 && d.d == 29)
		return (struct date){d.y + 1, 2, 28};
	return date_add_days((struct date){d.y + 1, d.m, d.d}, -1);
}

/* status of a review with no step recorded: its invitations go 14 days before the
 * meeting's last day, or, for a transfer, 44 days before the deadline (15 days' comments,
 * 14 for the report, 14 clear days' notice) */
enum { LATE, AT_RISK, ON_TRACK, DONE };
static int first_status(const char *kind, struct date due)
{
	int64_t left =
		date_days(due) - (strcmp(kind, "phase_transfer") == 0 ? 44 : 14) - date_days(T);
	return left < 0 ? LATE : left <= 14 ? AT_RISK : ON_TRACK;
}

/* ---- the database ---- */

#define run(...) harness_sql(tdb, __VA_ARGS__)

#define text_of(...) harness_text(tdb, &got, __VA_ARGS__)

#define count_of(...) harness_number(text_of(__VA_ARGS__))

static long open_reviews(int ch)
{
	return count_of("SELECT count(*) FROM review WHERE child_id = $1 AND closed_on IS NULL", 1,
			child_id[ch]);
}

/* rid: the id of the child's open review ("" if none) */
static const char *rid(int ch)
{
	const char *id = text_of("SELECT id FROM review WHERE child_id = $1 AND closed_on IS NULL",
				 1, child_id[ch]);
	static char b[8][ID_LEN + 1]; /* its own turns: ids are kept through a test */
	static unsigned k;
	char *out = b[k++ % 8];
	snprintf(out, ID_LEN + 1, "%s", id ? id : "");
	return out;
}

/* col: one column of a review ("" for NULL) */
static const char *col(const char *id, const char *column)
{
	char sql[128];
	snprintf(sql, sizeof(sql), "SELECT %s FROM review WHERE id = $1", column);
	const char *v = text_of(sql, 1, id);
	return v ? v : "(no review)";
}

/* row_of: every column of the review and the count of ceasings, as text, into before or
 * after, to compare the two after a refusal */
static void row_of(const char *id, struct buf *out)
{
	struct db_stmt *st = NULL;
	buf_reset(out);
	if (db_prepare(tdb,
		       "SELECT r.*, (SELECT count(*) FROM plan_cease c WHERE c.child_id ="
		       " r.child_id) FROM review r WHERE r.id = $1",
		       &st) == 0 &&
	    db_bind_text(st, 1, id) == 0 && db_step(st) == DB_ROW)
		for (int i = 0; i < db_column_count(st); i++)
			buf_printf(out, "%s|",
				   db_column_is_null(st, i) ? "-" : db_column_text(st, i));
	if (st)
		db_reset(st);
	assert_true(out->len > 0);
}

/* ---- requests ---- */

/* ask: a request as w (a form with the CSRF token when body is not NULL); the status */
static long ask(enum who w, const char *method, const char *path, const char *body)
{
	response_release(&R);
	harness_send(&srv, cast[w].cookie, cast[w].csrf, method, path, body, CSRF_RIGHT, &R);
	return R.status;
}
#define get(w, path) ask(w, "GET", path, NULL)

static const char *at(const char *id, const char *step)
{
	char *b = ring();
	snprintf(b, 256, "/reviews/%s%s%s", id, step ? "/" : "", step ? step : "");
	return b;
}

#define post(w, id, step, body) ask(w, "POST", at(id, step), body)

#define has(text) response_has(&R, text)

/* fd: the three boxes of a date input */
static const char *fd(const char *name, struct date d)
{
	char *b = ring();
	snprintf(b, 256, "%s-day=%d&%s-month=%d&%s-year=%d", name, d.d, name, d.m, name, d.y);
	return b;
}

/* decision: the decision form, dated d, with the cease reason's day 60 days ago or none */
static const char *decision(struct date d, int reason_day, const char *rest)
{
	char *b = ring();
	snprintf(b, 256, "%s&%s&notice_channel=portal&%s", fd("decided", d),
		 reason_day ? fd("reason", day(-60)) : "x=", rest);
	return b;
}

enum { VIEWS = 1, RATE1 = 2, RATE2 = 4, PFA = 8, ADULT = 16, ALL = VIEWS | RATE1 | RATE2 };
static const char *meeting(struct date d, unsigned what)
{
	static char b[1024];
	snprintf(b, sizeof(b), "%s%s%s%s%s%s", fd("meeting", d),
		 what & VIEWS ? "&attendees=SENCo%2C+mother&child_views=Likes+maths"
				"&family_views=Pleased"
			      : "",
		 what & RATE1 ? "&progress-1=achieved&progress-1-note=Reads+aloud" : "",
		 what & RATE2 ? "&progress-2=progressing" : "",
		 what & PFA ? "&pfa-employment=Work+experience&pfa-independent_living=Cooks"
			      "&pfa-community=Youth+club&pfa-health=Sees+the+GP"
			    : "",
		 what & ADULT ? "&adult_services=referred" : "");
	return b;
}

/* forbidden: the post answers status, and nothing about the review changed */
static void forbidden(enum who w, const char *id, const char *step, const char *body, long status)
{
	row_of(id, &before);
	assert_int_equal(post(w, id, step, body), status);
	row_of(id, &after);
	assert_string_equal(buf_cstr(&after), buf_cstr(&before));
}

/* refused: 422 with the message, and nothing changed */
static void refused(enum who w, const char *id, const char *step, const char *body,
		    const char *message)
{
	forbidden(w, id, step, body, 422);
	if (!has(message))
		fprintf(stderr, "expected \"%s\" in the answer to %s\n", message, body);
	assert_true(has(message));
}

static void accepted(enum who w, const char *id, const char *step, const char *body)
{
	assert_int_equal(post(w, id, step, body), 303);
	assert_true(response_location_is(&R, at(id, NULL)));
}

/* ---- the fixture ---- */

/* sendap: runs the binary with args, its output (up to n - 1 bytes) into out; exit status */
static int sendap(const char *const *args, char *out, size_t n)
{
	const char *bin = getenv("SENDAP_BIN");
	const char *argv[16] = {bin && *bin ? bin : "build/asan/sendap"};
	for (size_t k = 0; args[k] && k < 14; k++)
		argv[k + 1] = args[k];
	int fds[2];
	pid_t pid = pipe(fds) == 0 ? fork() : -1;
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		execv(argv[0], (char *const *)(uintptr_t)argv);
		_exit(127);
	}
	close(fds[1]);
	size_t len = 0;
	ssize_t r;
	while (len + 1 < n && (r = read(fds[0], out + len, n - 1 - len)) > 0)
		len += (size_t)r;
	out[len] = '\0';
	close(fds[0]);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int plan_for(int ch, int issue)
{
	char text[1024];
	snprintf(
		text, sizeof(text),
		"{\"schema\":\"" PLAN_SCHEMA "\",\"template\":\"202/1\",\"child\":{\"id\":\"%s\"},"
		"\"section_a\":{\"views\":\"I like trains\"},\"needs\":[{\"id\":\"n1\",\"area\":"
		"\"cognition_learning\",\"text\":\"Reads slowly\"}],\"outcomes\":[{\"id\":\"o1\","
		"\"text\":\"Reads aloud\",\"by\":\"2031-07-18\",\"needs\":[\"n1\"]},{\"id\":\"o2\","
		"\"text\":\"Writes a page\",\"by\":\"2031-07-18\",\"needs\":[\"n1\"]}],"
		"\"provision\":[{\"id\":\"p1\",\"section\":\"F\",\"what\":\"Phonics\",\"who\":"
		"\"Teaching assistant\",\"frequency\":\"Daily\",\"duration\":\"20 minutes\","
		"\"secured_by\":\"The LA\",\"needs\":[\"n1\"],\"outcomes\":[\"o1\",\"o2\"]}]}",
		child_id[ch]);
	json_error_t je;
	json_t *plan = json_loads(text, 0, &je);
	struct arena a;
	arena_init(&a, 0);
	struct field_errors errs = {0};
	char vid[ID_LEN + 1], hash[65];
	int rc = plan ? plan_import(tdb, plan, NULL, &a, &errs, vid) : -1;
	if (rc == 0 && issue)
		rc = plan_issue(tdb, vid, NULL, hash);
	if (rc == 0 && issue)
		rc = run("UPDATE plan_version SET issued_on = $2 WHERE id = $1", 2, vid,
			 iso(issued[ch]));
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
	static const struct {
		const char *name, *phase, *age_to;
	} orgs[N_ORGS] = {{"Hill Primary", "2", "11"},
			  {"Vale Secondary", "4", "16"},
			  {"Town College", "6", "99"}};
	int rc = 0;
	for (int o = 0; o < N_ORGS && rc == 0; o++) {
		id_new(org[o]);
		rc = run("INSERT INTO organisation (id, kind, name, la_code, phase, age_from,"
			 " age_to, created_at) VALUES ($1, 'setting', $2, '202', $3, 4, $4, $5)",
			 5, org[o], orgs[o].name, orgs[o].phase, orgs[o].age_to, now);
	}
	for (int w = 0; w < N_ACTORS && rc == 0; w++) {
		struct actor *a = &cast[w];
		char email[64];
		snprintf(email, sizeof(email), "%s@example.org", a->key);
		id_new(a->id);
		rc = run(
			"INSERT INTO user_account (id, email, name, role, la_code, organisation_id,"
			" password_hash, disabled, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7,"
			" 0, $8)",
			8, a->id, email, a->key, a->role, a->la, a->org >= 0 ? org[a->org] : NULL,
			hash, now);
	}
	for (int i = 0; i < N_CH && rc == 0; i++) {
		id_new(child_id[i]);
		/* Rae's review is due in 20 days; Eli's 30 days before the regulation 18 deadline */
		issued[i] = kids[i].ago ? day(-kids[i].ago)
			    : i == RR   ? date_add_years(day(21), -1)
					: date_add_years(date_add_days(d18, -29), -1);
		struct date dob = kids[i].year >= 0 ? (struct date){sy - kids[i].year - 4, 1, 15}
						    : date_add_days(date_add_years(T, -17), -30);
		char lower[16];
		snprintf(lower, sizeof(lower), "%c%s", kids[i].name[0] | 0x20, kids[i].name + 1);
		rc = run("INSERT INTO child (id, given_name, family_name, search_given,"
			 " search_family, date_of_birth, sex, la_code, sen_status, created_at,"
			 " updated_at) VALUES ($1, $2, 'Webb', $3, 'webb', $4, 'F', $5, 'ehcp', $6,"
			 " $6)",
			 6, child_id[i], kids[i].name, lower, iso(dob), i == OUT ? "204" : "202",
			 now);
		rc = rc ? rc
			: run("INSERT INTO child_setting (child_id, organisation_id, relation,"
			      " started_on) VALUES ($1, $2, 'roll', '2020-09-01')",
			      2, child_id[i], org[kids[i].org]);
		rc = rc ? rc : plan_for(i, i != DR);
	}
	rc = rc ? rc
		: run("INSERT INTO family_member (id, name, user_id, created_at)"
		      " VALUES ($1, 'P', $1, $2)",
		      2, cast[P].id, now);
	rc = rc ? rc
		: run("INSERT INTO family_link (family_member_id, child_id, relationship)"
		      " VALUES ($1, $2, 'mother')",
		      2, cast[P].id, child_id[A]);
	/* D's plan has ceased; D2's ceases in five days' time */
	for (int k = 0; k < 2 && rc == 0; k++) {
		char cid[ID_LEN + 1];
		id_new(cid);
		rc = run(
			"INSERT INTO plan_cease (id, child_id, la_code, reason, reason_on,"
			" decided_on, notice_on, appeal_by, ceases_on, recorded_at) VALUES ($1, $2,"
			" '202', '4', $3, $3, $3, $4, $5, $6)",
			6, cid, child_id[k ? D2 : D], iso(day(-90)), iso(day(-30)),
			iso(day(k ? 5 : -1)), now);
	}
	return rc;
}

/* ---- scheduling ---- */

/* schedule_cli: `sendap review schedule --la 202 --on <today>`; what it says */
static const char *schedule_cli(void)
{
	static char out[256];
	const char *args[] = {"review", "schedule", "--la",        "202",       "--on", iso(T),
			      "--db",   srv.db_url, "--reference", "reference", NULL};
	return sendap(args, out, sizeof(out)) == 0 ? out : "(failed)";
}

static void schedule_one_open_review_per_issued_plan(void **state)
{
	(void)state;
	assert_string_equal(schedule_cli(), "12 reviews scheduled\n");
	for (int i = 0; i < N_CH; i++) {
		int want = i != D && i != DR && i != OUT;
		assert_int_equal(open_reviews(i), want);
		assert_int_equal(
			count_of("SELECT count(*) FROM review WHERE child_id = $1", 1, child_id[i]),
			want);
	}
	/* annual: 12 months starting with the plan's first issue; held at the setting */
	static const int annual[] = {A, B, C, L, RR, FAR, Y9, A17, D2};
	for (size_t i = 0; i < sizeof(annual) / sizeof(annual[0]); i++) {
		const char *id = rid(annual[i]);
		assert_string_equal(col(id, "kind"), "annual");
		assert_string_equal(col(id, "due_on"), iso(annual_due(issued[annual[i]])));
		assert_string_equal(col(id, "target_on"), iso(annual_due(issued[annual[i]])));
		assert_string_equal(col(id, "setting_id"), org[kids[annual[i]].org]);
		assert_string_equal(col(id, "la_code"), "202");
	}
	/* reaching the setting's top age next September: a phase transfer instead */
	for (int k = 0; k < 2; k++) {
		const char *id = rid(k ? S16 : E);
		assert_string_equal(col(id, "kind"), "phase_transfer");
		assert_string_equal(col(id, "transfer_kind"), k ? "post16" : "primary");
		assert_string_equal(col(id, "transfer_on"), iso(sept));
		assert_string_equal(col(id, "due_on"), iso(k ? d18post : d18));
	}
}

static void schedule_twice_makes_nothing_new(void **state)
{
	(void)state;
	long all = count_of("SELECT count(*) FROM review", 0);
	assert_string_equal(schedule_cli(), "0 reviews scheduled\n");
	int created = -1;
	assert_int_equal(review_schedule(tdb, "202", T, &created), 0);
	assert_int_equal(created, 0);
	assert_int_equal(count_of("SELECT count(*) FROM review", 0), all);
	/* a plan that has ceased, on or before the day, gets none */
	assert_int_equal(open_reviews(D), 0);
	assert_int_equal(open_reviews(D2), 1); /* hers ceases in 5 days */
}

/* A transfer review is still a review under section 44: when the 12 months from the plan
 * run out before the regulation 18 deadline, it is due by the earlier, as an annual review
 * already open is when it becomes the transfer review (schedule.c, to_transfer). */
static void transfer_review_keeps_the_earlier_annual_limit(void **state)
{
	(void)state;
	const char *id = rid(E2);
	assert_string_equal(col(id, "kind"), "phase_transfer");
	assert_string_equal(col(id, "due_on"), iso(annual_due(issued[E2]))); /* d18 - 30 */
}

/* ---- the lists ---- */

/* expect_counts: the sentence the lists show for the open reviews the query finds */
static const char *expect_counts(const char *where, const char *key)
{
	static char s[160];
	char sql[256];
	snprintf(sql, sizeof(sql),
		 "SELECT kind, due_on FROM review WHERE %s AND closed_on IS NULL AND"
		 " invitations_on IS NULL",
		 where);
	struct db_stmt *st = NULL;
	size_t n[3] = {0}, total = 0;
	assert_int_equal(db_prepare(tdb, sql, &st), 0);
	assert_int_equal(db_bind_text(st, 1, key), 0);
	while (db_step(st) == DB_ROW) {
		struct date due;
		assert_int_equal(date_parse(db_column_text(st, 1), &due), 0);
		n[first_status(db_column_text(st, 0), due)]++;
		total++;
	}
	db_reset(st);
	snprintf(s, sizeof(s),
		 "%zu open: %zu late, %zu at risk (due within 2 weeks), %zu on track.", total,
		 n[LATE], n[AT_RISK], n[ON_TRACK]);
	return s;
}

/* tag_after: the status tag in the row that names the child */
static const char *tag_after(const char *name)
{
	static char tag[32];
	const char *p = strstr(buf_cstr(&R.body), name);
	p = p ? strstr(p, "govuk-tag") : NULL;
	p = p ? strchr(p, '>') : NULL;
	snprintf(tag, sizeof(tag), "%.*s", p ? (int)strcspn(p + 1, "<") : 0, p ? p + 1 : "");
	return tag;
}

static void la_list_counts_from_next_steps(void **state)
{
	(void)state;
	for (enum who w = CW; w <= MGR; w++) {
		assert_int_equal(get(w, "/reviews"), 200);
		const char *want = expect_counts("la_code = $1", "202");
		assert_true(has(want));
		assert_string_equal(tag_after(">Lou Webb<"), "Late"); /* due 35 days ago */
		assert_string_equal(tag_after(">Rae Webb<"), "At risk");
		assert_string_equal(tag_after(">Fay Webb<"), "On track");
		assert_false(has("Oli Webb")); /* another LA's */
		assert_false(has("Dan Webb")); /* ceased */
	}
	static const enum who others[] = {SENCO, P};
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(get(others[i], "/reviews"), 403);
		assert_int_equal(get(others[i], "/reviews/transfers"), 403);
	}
	assert_int_equal(get(CW2, "/reviews"), 200);
	assert_true(has("0 open: 0 late, 0 at risk"));
}

static void setting_list_for_the_term(void **state)
{
	(void)state;
	struct date end = T.m >= 9   ? (struct date){T.y, 12, 31}
			  : T.m <= 4 ? (struct date){T.y, 4, 30}
				     : (struct date){T.y, 8, 31};
	char where[128];
	snprintf(where, sizeof(where), "setting_id = $1 AND due_on <= '%s'", iso(end));
	assert_int_equal(get(SENCO, "/reviews/setting"), 200);
	assert_true(has(expect_counts(where, org[O_PRIM])));
	assert_true(has(">Lou Webb<"));  /* late */
	assert_false(has(">Fay Webb<")); /* due after the term */
	assert_false(has(">Sid Webb<")); /* another setting's */
	assert_int_equal(get(CW, "/reviews/setting"), 403);
	assert_int_equal(get(SENCO2, "/reviews/setting"), 200);
	assert_true(has(">Sid Webb<") == (date_cmp(d18post, end) <= 0));
	assert_false(has(">Lou Webb<"));
}

static void tracker_groups_by_transfer_kind(void **state)
{
	(void)state;
	char path[64], want[160];
	snprintf(path, sizeof(path), "/reviews/transfers?year=%d", sept.y);
	assert_int_equal(get(CW, path), 200);
	int n[4] = {0};
	n[first_status("phase_transfer", d18)]++;
	struct date e2;
	assert_int_equal(date_parse(col(rid(E2), "due_on"), &e2), 0);
	n[first_status("phase_transfer", e2)]++;
	snprintf(want, sizeof(want),
		 "Primary to secondary or middle school: 2 (%d late, %d at risk, %d on track, 0 "
		 "done)",
		 n[LATE], n[AT_RISK], n[ON_TRACK]);
	assert_true(has(want));
	int s = first_status("phase_transfer", d18post);
	snprintf(want, sizeof(want),
		 "Secondary school to post-16: 1 (%d late, %d at risk, %d on track, 0 done)",
		 s == LATE, s == AT_RISK, s == ON_TRACK);
	assert_true(has(want));
	assert_false(has("Infant to junior"));
	assert_true(has(">Eve Webb<") && has(">Sid Webb<") && !has(">Amy Webb<"));
	snprintf(path, sizeof(path), "/reviews/transfers?year=%d", sept.y + 1);
	assert_int_equal(get(CW, path), 200);
	assert_true(has("No child with a plan in this area changes phase that September."));
	assert_int_equal(get(CW, "/reviews/transfers?year=20x7"), 404);
}

/* ---- who may see and record ---- */

static void who_sees_and_who_records(void **state)
{
	(void)state;
	const char *a = rid(A);
	assert_int_equal(get(P, at(a, NULL)), 200);
	assert_true(has("Annual review") && has("Amy Webb"));
	assert_false(has("name=\"invitations-day\"")); /* nothing to record */
	forbidden(P, a, "invitations", fd("invitations", day(-40)), 403);
	assert_int_equal(get(CW2, at(a, NULL)), 404);
	forbidden(CW2, a, "invitations", fd("invitations", day(-40)), 404);
	assert_int_equal(get(SENCO2, at(a, NULL)), 404); /* not on Vale's roll */
	forbidden(SENCO2, a, "invitations", fd("invitations", day(-40)), 404);
	forbidden(CW, a, "minutes", fd("minutes", day(-40)), 404);
	assert_int_equal(get(SENCO, at(a, NULL)), 200);
	assert_true(has("Send the invitations and advice") && has("name=\"invitations-day\""));
}

/* ---- refusals ---- */

static void steps_out_of_order_refused(void **state)
{
	(void)state;
	const char *c = rid(C);
	refused(CW, c, "meeting", meeting(day(-20), ALL), "Record the invitations first");
	refused(CW, c, "report", fd("report", day(-10)), "Record the meeting first");
	refused(CW, c, "decision", decision(day(-10), 0, "decision=maintain&reasons=Fine"),
		"Record the review meeting first");
	refused(CW, c, "invitations", fd("invitations", day(1)),
		"The date must be today or in the past");
	refused(CW, c, "invitations",
		"invitations-day=31&invitations-month=2&invitations-year=2026",
		"The date must be a real date");
	refused(CW, c, "invitations",
		"invitations-day=&invitations-month=&invitations-year=", "Enter the date");
	accepted(CW, c, "invitations", fd("invitations", day(-40)));
	assert_string_equal(col(c, "invitations_on"), iso(day(-40)));
	refused(CW, c, "meeting", meeting(day(-41), ALL),
		"The meeting cannot be before its invitations were sent");
	refused(CW, c, "meeting", meeting(day(1), ALL), "The date must be today or in the past");
	refused(CW, c, "meeting", meeting(day(-20), RATE1 | RATE2), "#attendees\">Enter who came");
	assert_true(has("#child_views\">Enter the child") &&
		    has("#family_views\">Enter the family"));
	refused(CW, c, "meeting", meeting(day(-20), VIEWS | RATE1),
		"#progress-2\">Say how far the outcome has been achieved");
	assert_false(has("#progress-1\""));
	refused(CW, c, "meeting", meeting(day(-20), VIEWS | RATE2),
		"#progress-1\">Say how far the outcome has been achieved");
	accepted(CW, c, "meeting", meeting(day(-20), ALL));
	assert_non_null(strstr(col(c, "record"), "\"attendees\":\"SENCo, mother\""));
	assert_non_null(
		strstr(col(c, "record"),
		       "\"progress\":[{\"note\":\"Reads aloud\",\"outcome\":\"o1\",\"rating\":"
		       "\"achieved\"},{\"note\":\"\",\"outcome\":\"o2\",\"rating\":"
		       "\"progressing\"}]"));
	refused(CW, c, "meeting", meeting(day(-19), ALL), "The meeting has been recorded already");
	refused(CW, c, "invitations", fd("invitations", day(-30)),
		"The meeting has been recorded: invitations come before it");
	refused(CW, c, "report", fd("report", day(-21)),
		"The report cannot be before the meeting it reports");
	accepted(CW, c, "report", fd("report", day(-15)));
}

static void bad_decisions_refused_then_cease(void **state)
{
	(void)state;
	const char *c = rid(C);
	refused(CW, c, "decision", decision(day(-21), 0, "decision=maintain&reasons=Fine"),
		"The decision cannot be before the meeting");
	refused(CW, c, "decision", decision(day(1), 0, "decision=maintain&reasons=Fine"),
		"The date must be today or in the past");
	refused(CW, c, "decision", decision(day(-10), 0, "decision=cease&reasons=Works"),
		"#cease_reason\">Choose the reason the plan ceases");
	refused(CW, c, "decision", decision(day(-10), 0, "decision=cease&reasons=W&cease_reason=4"),
		"#reason-day\">Enter the date the reason for ceasing");
	refused(CW, c, "decision",
		decision(day(-10), 1, "decision=cease&reasons=W&cease_reason=12"),
		"Choose the reason the plan ceases");
	refused(CW, c, "decision", decision(day(-10), 1, "decision=stop&reasons=Works"),
		"Choose maintain, amend or cease");
	refused(CW, c, "decision", decision(day(-10), 1, "decision=cease&reasons=&cease_reason=4"),
		"Enter the reasons for the decision");
	/* the setting may not decide */
	const char *body = decision(day(-10), 1, "decision=cease&reasons=Works&cease_reason=4");
	forbidden(SENCO, c, "decision", body, 403);
	accepted(MGR, c, "decision", body);
	assert_string_equal(col(c, "decision"), "cease");
	assert_string_equal(col(c, "closed_on"), iso(day(-10)));
	char want[160];
	snprintf(want, sizeof(want), "4 %s %s %s open %s", iso(day(-60)), iso(day(-10)),
		 iso(date_add_months(day(-10), 2)), c);
	assert_string_equal(text_of("SELECT reason || ' ' || reason_on || ' ' || decided_on || ' '"
				    " || appeal_by || ' ' || coalesce(ceases_on, 'open') || ' ' ||"
				    " review_id FROM plan_cease WHERE child_id = $1",
				    1, child_id[C]),
			    want);
	/* closed: nothing more is recorded on it */
	forbidden(CW, c, "amendments", fd("amendments", day(-5)), 409);
	forbidden(CW, c, "invitations", fd("invitations", day(-5)), 409);
}

static void adulthood_from_year_9_on_the_meeting_day(void **state)
{
	(void)state;
	const char *y = rid(Y9);
	struct date aug1 = {sy, 8, 1}, aug20 = {sy, 8, 20}; /* Year 8 then, Year 9 now */
	accepted(SENCO2, y, "invitations", fd("invitations", aug1));
	refused(SENCO2, y, "meeting", meeting(T, ALL),
		"#pfa-employment\">From Year 9 every review covers preparing for adulthood");
	assert_true(has("#pfa-independent_living\"") && has("#pfa-community\"") &&
		    has("#pfa-health\""));
	assert_false(has("#adult_services\""));
	accepted(SENCO2, y, "meeting", meeting(aug20, ALL));
	assert_string_equal(col(y, "meeting_on"), iso(aug20));
	const char *a = rid(A17);
	accepted(CW, a, "invitations", fd("invitations", day(-40)));
	refused(CW, a, "meeting", meeting(day(-20), ALL),
		"#pfa-employment\">From Year 9 every review covers");
	refused(CW, a, "meeting", meeting(day(-20), ALL | PFA),
		"#adult_services\">From 17, say whether the young person has been referred");
	accepted(CW, a, "meeting", meeting(day(-20), ALL | PFA | ADULT));
	assert_non_null(strstr(col(a, "record"), "\"adult_services\":\"referred\""));
	assert_non_null(strstr(col(a, "record"), "\"community\":\"Youth club\""));
}

/* ---- the three decisions ---- */

static void maintain_closes_and_the_next_is_due_from_the_meeting(void **state)
{
	(void)state;
	const char *a = rid(A);
	accepted(SENCO, a, "invitations", fd("invitations", day(-40)));
	accepted(SENCO, a, "meeting", meeting(day(-20), ALL));
	accepted(SENCO, a, "report", fd("report", day(-15)));
	const char *body = decision(day(-10), 0, "decision=maintain&reasons=Progressing+well");
	forbidden(SENCO, a, "decision", body, 403);
	accepted(CW, a, "decision", body);
	assert_string_equal(col(a, "decision"), "maintain");
	assert_string_equal(col(a, "closed_on"), iso(day(-10)));
	assert_int_equal(open_reviews(A), 0);
	assert_int_equal(get(P, at(a, NULL)), 200);
	assert_true(has("This review ended on"));
	int created = 0;
	assert_int_equal(review_schedule(tdb, "202", T, &created), 0);
	assert_int_equal(created, 2); /* A's next, and C's: maintained while it may be appealed */
	const char *next = rid(A);
	assert_string_equal(col(next, "kind"), "annual");
	assert_string_equal(col(next, "due_on"), iso(annual_due(day(-20))));
	assert_int_equal(open_reviews(C), 1);
}

static void amend_waits_for_the_amended_plan(void **state)
{
	(void)state;
	const char *b = rid(B);
	accepted(CW, b, "invitations", fd("invitations", day(-40)));
	accepted(CW, b, "meeting", meeting(day(-20), ALL));
	accepted(CW, b, "report", fd("report", day(-15)));
	accepted(CW, b, "decision", decision(day(-10), 0, "decision=amend&reasons=New+needs"));
	assert_string_equal(col(b, "closed_on"), "");
	refused(CW, b, "amendments", fd("amendments", day(-11)),
		"The amendments cannot be sent before the decision to amend");
	forbidden(SENCO, b, "amendments", fd("amendments", day(-5)), 403);
	accepted(CW, b, "amendments", fd("amendments", day(-5)));
	int created = -1;
	assert_int_equal(review_schedule(tdb, "202", T, &created), 0);
	assert_int_equal(created, 0);
	assert_string_equal(col(b, "closed_on"), ""); /* no amended plan yet */
	struct arena ar;
	arena_init(&ar, 0);
	struct field_errors errs = {0};
	char vid[ID_LEN + 1], hash[65];
	assert_int_equal(plan_amend(tdb, child_id[B], NULL, &ar, &errs, vid), 0);
	assert_int_equal(plan_issue(tdb, vid, NULL, hash), 0);
	arena_release(&ar);
	assert_int_equal(
		run("UPDATE plan_version SET issued_on = $2 WHERE id = $1", 2, vid, iso(day(-1))),
		0);
	assert_int_equal(review_schedule(tdb, "202", T, &created), 0);
	assert_int_equal(created, 1);
	assert_string_equal(col(b, "amended_on"), iso(day(-1)));
	assert_string_equal(col(b, "closed_on"), iso(day(-1)));
	assert_string_equal(col(rid(B), "due_on"), iso(annual_due(day(-20))));
	assert_int_equal(open_reviews(B), 1);
}

/* last, as it schedules on a later day: once a plan has ceased (D2's on its day; C's the
 * day after its 2 months to appeal, as review_schedule records it), no review of it is
 * open, to be listed as due or late */
static void a_ceased_plan_has_no_open_review(void **state)
{
	(void)state;
	struct date ceased = date_add_days(date_add_months(day(-10), 2), 1);
	int created = -1;
	assert_int_equal(review_schedule(tdb, "202", ceased, &created), 0);
	assert_string_equal(
		text_of("SELECT ceases_on FROM plan_cease WHERE child_id = $1", 1, child_id[C]),
		iso(ceased));
	long c = open_reviews(C), d2 = open_reviews(D2);
	if (c || d2)
		fprintf(stderr, "open reviews of ceased plans: Cal %ld, Dot %ld\n", c, d2);
	assert_int_equal(c + d2, 0);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	buf_init(&got, 0);
	buf_init(&before, 0);
	buf_init(&after, 0);
	T = date_today();
	sy = T.m >= 9 ? T.y : T.y - 1;
	sept = (struct date){sy + 1, 9, 1};
	d18 = (struct date){sy + 1, 2, 14};
	d18post = (struct date){sy + 1, 3, 30};
	char out[4096];
	if (harness_db_fresh(&srv) ||
	    sendap((const char *[]){"migrate", "--db", srv.db_url, NULL}, out, sizeof(out)) ||
	    db_open(srv.db_url, &tdb) || seed() || harness_start(&srv, NULL)) {
		fprintf(stderr, "http_review: could not migrate, seed or start sendap\n");
		return 1;
	}
	int rc = 0;
	for (int w = 0; w < N_ACTORS && rc == 0; w++) {
		char email[64];
		snprintf(email, sizeof(email), "%s@example.org", cast[w].key);
		rc = harness_sign_in(&srv, email, PASSWORD, cast[w].cookie, sizeof(cast[w].cookie),
				     cast[w].csrf, sizeof(cast[w].csrf), NULL, 0);
		if (rc)
			fprintf(stderr, "http_review: %s could not sign in\n", cast[w].key);
	}
	int failures = 1;
	if (rc == 0) {
		static const struct CMUnitTest tests[] = {
			cmocka_unit_test(schedule_one_open_review_per_issued_plan),
			cmocka_unit_test(schedule_twice_makes_nothing_new),
			cmocka_unit_test(transfer_review_keeps_the_earlier_annual_limit),
			cmocka_unit_test(la_list_counts_from_next_steps),
			cmocka_unit_test(setting_list_for_the_term),
			cmocka_unit_test(tracker_groups_by_transfer_kind),
			cmocka_unit_test(who_sees_and_who_records),
			cmocka_unit_test(steps_out_of_order_refused),
			cmocka_unit_test(bad_decisions_refused_then_cease),
			cmocka_unit_test(adulthood_from_year_9_on_the_meeting_day),
			cmocka_unit_test(maintain_closes_and_the_next_is_due_from_the_meeting),
			cmocka_unit_test(amend_waits_for_the_amended_plan),
			cmocka_unit_test(a_ceased_plan_has_no_open_review),
		};
		const char *group = getenv("SENDAP_TEST_PG_URL") ? "http review (postgresql)"
								 : "http review (sqlite)";
		failures = _cmocka_run_group_tests(group, tests, sizeof(tests) / sizeof(tests[0]),
						   NULL, NULL);
	}
	response_release(&R);
	buf_release(&got);
	buf_release(&before);
	buf_release(&after);
	db_close(tdb);
	int status = harness_stop(&srv, SIGTERM);
	harness_cleanup(&srv);
	curl_global_cleanup();
	if (status != 0)
		fprintf(stderr, "http_review: sendap exited with %d (build/test-logs)\n", status);
	return failures || status ? 1 : 0;
}
