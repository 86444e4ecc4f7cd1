/*
 * http_review_year.c: a whole school year of reviews, simulated on a demo LA. The real
 * `sendap migrate` and `sendap demo --children 2000 --seed 7` make LA 202 (Camden); then
 * every week from 1 September 2026 to 31 August 2027 review_schedule(db, "202", day)
 * keeps its reviews current, and for a fixed two thirds of the children (chosen by a hash
 * of name and date of birth, so the same children every run) each review's steps are
 * recorded on time: invitations, the meeting, its report and a decision to maintain; the
 * other third are left alone and fall late. Checked, as tally lines:
 *
 *   (a) no child ever has two open reviews, and at the end every child with an issued
 *       plan that has not ceased has exactly one;
 *   (b) every review due in the year was scheduled, before its day: each child's reviews
 *       follow from the rule (the first due the last day of 12 months starting with the
 *       plan's first issue, each next 12 months from the last meeting; a child who reaches
 *       their setting's top age next September has a phase-transfer review, due by the
 *       regulation 18 deadline, and still within the 12 months of section 44); and,
 *       before the year, a run on 1 March 2026 schedules nothing for plans issued later;
 *   (c) the LA's list (/reviews) and the tracker (/reviews/transfers?year=2027) show the
 *       late / at risk / on track / done counts that SQL finds over the review table, with
 *       CASE expressions that mirror src/review/next.c, on the server's today.
 *
 * Honesty about dates. The demo builds its data for the real today: plans issued over the
 * 14 months before it, ages by its school year, reviews already scheduled. (Which of its
 * children get an issued plan, and when, changes from run to run: it follows the order of
 * their random ids; so the counts below vary, the checks do not.) So that the simulated
 * year starts where a real one would, the test moves every issue date back by the days
 * from 1 September 2026 to the demo's today (keeping the demo's spread), moves dates of
 * birth by whole years if the demo ran in another school year, and deletes the demo's
 * reviews. The steps are written to the review table by SQL, as store.c writes them:
 * review_invitations() and the rest refuse days after the real today, and most of the
 * simulated year is after it; their order checks and forms are tested in http_review.c,
 * and here it is the schedule's judgement by the day it is given that runs.
 *
 * The server judges "today" by the real clock, so (c) runs three times, each against the
 * real today: on the reviews as the year left them; after moving every review's dates
 * (not transfer_on, which names the cohort) so that the first week with late, at-risk and
 * on-track reviews falls on today; and after moving them so that 31 August 2027 does, when
 * the pages show what an officer would have seen on the last simulated day, whatever day
 * the test runs. A status depends only on the days between the dates and today, so the
 * moved reviews stand today as they stood on the day moved onto it.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <curl/curl.h>

#include "demo/demo.h"
#include "harness.h"
#include "platform/dates.h"
#include "platform/db.h"
#include "platform/ids.h"
#include "review/review.h"

static struct server srv;
static struct db *tdb;
static struct tally tl = {"http review year", 0, 0};
static struct buf got;
static const struct date START = {2026, 9, 1}, END = {2027, 8, 31}, SEPT = {2027, 9, 1};

#define MAX_KIDS 400
#define MAX_REVIEWS 2000

struct kid {
	char id[ID_LEN + 1];
	struct date dob, issued;
	int age_to;    /* of the setting on whose roll they are; 0: none */
	int on_time;   /* their steps are recorded on time */
	int transfers; /* they reach the setting's top age by 31 August 2027 */
};
static struct kid kids[MAX_KIDS];
static size_t nkids;

/* when the simulation first saw each review open */
static struct seen {
	char id[ID_LEN + 1];
	struct date on;
} seen[MAX_REVIEWS];
static size_t nseen;

/* ---- small things ---- */

static int check(int ok, const char *fmt, ...)
{
	char what[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return tally_check(&tl, ok, what);
}

static const char *iso(struct date d)
{
	static char b[16][DATE_ISO_LEN + 1];
	static unsigned k;
	char *out = b[k++ % 16];
	date_iso(d, out);
	return out;
}

static struct date parse(const char *s)
{
	struct date d = {0, 0, 0};
	if (s && *s && date_parse(s, &d) != 0)
		d = (struct date){0, 0, 0};
	return d;
}

/* annual_due: the last day of 12 months starting with d (section 44), counted here
 * without the code under test */
static struct date annual_due(struct date d)
{
	if (d.m == 2 && d.d == 29)
		return (struct date){d.y + 1, 2, 28};
	return date_add_days((struct date){d.y + 1, d.m, d.d}, -1);
}

#define text_of(...) harness_text(tdb, &got, __VA_ARGS__)
#define count_of(...) harness_number(text_of(__VA_ARGS__))

#define run(...) harness_sql(tdb, __VA_ARGS__)

/* rows: runs sql (its text parameters in v) and calls fn for each row */
static int rows(const char *sql, const char *const *v, int n,
		void (*fn)(struct db_stmt *st, void *ctx), void *ctx)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(tdb, sql, &st);
	for (int i = 0; i < n && rc == 0; i++)
		rc = db_bind_text(st, i + 1, v[i]);
	while (rc == 0 && (rc = db_step(st)) == DB_ROW) {
		fn(st, ctx);
		rc = 0;
	}
	if (st)
		db_reset(st);
	return rc == DB_DONE ? 0 : rc;
}

static const char *col(struct db_stmt *st, int i)
{
	return db_column_is_null(st, i) ? "" : db_column_text(st, i);
}

/* sendap: runs the binary with args, its output to /dev/null; the exit status */
static int sendap(const char *const *args)
{
	const char *bin = getenv("SENDAP_BIN");
	const char *argv[16] = {bin && *bin ? bin : "build/asan/sendap"};
	for (size_t k = 0; args[k] && k < 14; k++)
		argv[k + 1] = args[k];
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stdout))
			_exit(126);
		execv(argv[0], (char *const *)(uintptr_t)argv);
		_exit(127);
	}
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* ---- moving the demo to the simulated year ---- */

struct id_date {
	char id[ID_LEN + 1];
	struct date d;
};
struct id_dates {
	struct id_date *v;
	size_t n, cap;
};

static void take_id_date(struct db_stmt *st, void *ctx)
{
	struct id_dates *l = ctx;
	if (l->n < l->cap) {
		snprintf(l->v[l->n].id, sizeof(l->v[l->n].id), "%s", col(st, 0));
		l->v[l->n++].d = parse(col(st, 1));
	}
}

/* shift: each row's date moved by days (or years), written back with update */
static int shift(const char *select, const char *update, int64_t days, int years)
{
	static struct id_date v[8192];
	struct id_dates l = {v, 0, 8192};
	int rc = rows(select, NULL, 0, take_id_date, &l);
	for (size_t i = 0; i < l.n && rc == 0; i++) {
		struct date d =
			years ? date_add_years(l.v[i].d, years) : date_add_days(l.v[i].d, days);
		rc = run(update, 2, l.v[i].id, iso(d));
	}
	return rc;
}

static int rebase(struct date demo_day)
{
	int school_year = demo_day.m >= 9 ? demo_day.y : demo_day.y - 1;
	int rc = shift("SELECT id, issued_on FROM plan_version WHERE issued_on IS NOT NULL",
		       "UPDATE plan_version SET issued_on = $2 WHERE id = $1",
		       date_days(START) - date_days(demo_day), 0);
	if (rc == 0 && school_year != 2026)
		rc = shift("SELECT id, date_of_birth FROM child WHERE id IN (SELECT child_ref FROM"
			   " plan_version)",
			   "UPDATE child SET date_of_birth = $2 WHERE id = $1", 0,
			   2026 - school_year);
	return rc ? rc : run("DELETE FROM review", 0);
}

static void take_kid(struct db_stmt *st, void *ctx)
{
	(void)ctx;
	if (nkids == MAX_KIDS)
		return;
	struct kid *k = &kids[nkids++];
	snprintf(k->id, sizeof(k->id), "%s", col(st, 0));
	k->dob = parse(col(st, 3));
	k->issued = parse(col(st, 4));
	k->age_to = (int)strtol(col(st, 5), NULL, 10);
	/* FNV-1a of name and date of birth: the same children every run */
	uint32_t h = 2166136261u;
	for (int c = 1; c <= 3; c++)
		for (const char *p = col(st, c); *p; p++)
			h = (h ^ (unsigned char)*p) * 16777619u;
	k->on_time = h % 3 != 0;
	k->transfers = k->age_to > 0 && date_age(k->dob, END) >= k->age_to;
}

/* the children of LA 202 with an issued plan that has not ceased */
static int load_kids(void)
{
	return rows("SELECT c.id, c.given_name, c.family_name, c.date_of_birth, (SELECT"
		    " min(p.issued_on) FROM plan_version p WHERE p.child_ref = c.id AND p.status"
		    " <> 'draft'), (SELECT min(o.age_to) FROM child_setting s JOIN organisation o"
		    " ON o.id = s.organisation_id WHERE s.child_id = c.id AND s.relation = 'roll'"
		    " AND s.ended_on IS NULL) FROM child c WHERE c.la_code = '202' AND EXISTS"
		    " (SELECT 1 FROM plan_version p WHERE p.child_ref = c.id AND p.status <>"
		    " 'draft') AND NOT EXISTS (SELECT 1 FROM plan_cease x WHERE x.child_id = c.id"
		    " AND x.ceases_on IS NOT NULL AND x.ceases_on <= '2027-08-31') ORDER BY c.id",
		    NULL, 0, take_kid, NULL);
}

static struct kid *kid_of(const char *id)
{
	for (size_t i = 0; i < nkids; i++)
		if (strcmp(kids[i].id, id) == 0)
			return &kids[i];
	return NULL;
}

/* ---- the simulation ---- */

struct review_row {
	char id[ID_LEN + 1], child[ID_LEN + 1], kind[16], transfer_kind[16];
	struct date transfer_on, due, invitations, meeting, report, decision, closed;
};
struct review_rows {
	struct review_row v[MAX_REVIEWS];
	size_t n;
};
static struct review_rows rr;

#define REVIEW_ROW_SQL                                                                      \
	"SELECT id, child_id, kind, coalesce(transfer_kind, ''), transfer_on, due_on,"      \
	" invitations_on, meeting_on, report_on, decision_on, closed_on FROM review WHERE " \
	"la_code = '202' AND "

static void take_review(struct db_stmt *st, void *ctx)
{
	struct review_rows *l = ctx;
	if (l->n == MAX_REVIEWS)
		return;
	struct review_row *r = &l->v[l->n++];
	snprintf(r->id, sizeof(r->id), "%s", col(st, 0));
	snprintf(r->child, sizeof(r->child), "%s", col(st, 1));
	snprintf(r->kind, sizeof(r->kind), "%s", col(st, 2));
	snprintf(r->transfer_kind, sizeof(r->transfer_kind), "%s", col(st, 3));
	struct date *d[] = {&r->transfer_on, &r->due,      &r->invitations, &r->meeting,
			    &r->report,      &r->decision, &r->closed};
	for (int i = 0; i < 7; i++)
		*d[i] = parse(col(st, 4 + i));
}

static int load_reviews(const char *where, const char *arg)
{
	char sql[512];
	snprintf(sql, sizeof(sql), "%s%s", REVIEW_ROW_SQL, where);
	rr.n = 0;
	return rows(sql, &arg, arg ? 1 : 0, take_review, &rr);
}

static struct date seen_on(const char *id)
{
	for (size_t i = 0; i < nseen; i++)
		if (strcmp(seen[i].id, id) == 0)
			return seen[i].on;
	return (struct date){0, 0, 0};
}

static struct date later(struct date a, struct date b)
{
	return date_cmp(a, b) >= 0 ? a : b;
}

/* steps: the on-time children's steps whose day has come, each dated its planned day: the
 * meeting a week before the last day (5 weeks before a transfer's deadline, so that its
 * report and decision fit), or 3 weeks after the review was scheduled if that is later;
 * invitations 3 weeks before it, the report a week after, the decision two weeks after */
static int steps(struct date today, int *closed)
{
	char now[TIME_ISO_LEN + 1];
	time_iso(time_now(), now);
	int rc = load_reviews("closed_on IS NULL", NULL);
	for (size_t i = 0; i < rr.n && rc == 0; i++) {
		const struct review_row *r = &rr.v[i];
		struct kid *k = kid_of(r->child);
		if (!k || !k->on_time)
			continue;
		int transfer = strcmp(r->kind, "phase_transfer") == 0;
		struct date m = later(date_add_days(r->due, transfer ? -35 : -7),
				      date_add_days(seen_on(r->id), 21));
		struct date inv = date_add_days(m, -21), rep = date_add_days(m, 7),
			    dec = date_add_days(m, 14);
		if (!r->invitations.y && date_cmp(inv, today) <= 0)
			rc = run("UPDATE review SET invitations_on = $2, updated_at = $3 WHERE id ="
				 " $1",
				 3, r->id, iso(inv), now);
		if (rc == 0 && !r->meeting.y && date_cmp(m, today) <= 0)
			rc = run("UPDATE review SET meeting_on = $2, record = $3, updated_at = $4"
				 " WHERE id = $1",
				 4, r->id, iso(m),
				 "{\"attendees\":\"SENCo, parent, caseworker\",\"changes\":{},"
				 "\"child_views\":\"Happy at school\",\"family_views\":\"Pleased\","
				 "\"pfa\":{},\"progress\":[]}",
				 now);
		if (rc == 0 && !r->report.y && date_cmp(rep, today) <= 0)
			rc = run("UPDATE review SET report_on = $2, updated_at = $3 WHERE id = $1",
				 3, r->id, iso(rep), now);
		if (rc == 0 && date_cmp(dec, today) <= 0) {
			rc = run("UPDATE review SET decision = 'maintain', decision_on = $2,"
				 " decision_reasons = 'Needs and provision unchanged', closed_on ="
				 " $2, updated_at = $3 WHERE id = $1",
				 3, r->id, iso(dec), now);
			(*closed)++;
		}
	}
	return rc;
}

/* note_new: the open reviews not seen before were scheduled today */
static int note_new(struct date today)
{
	int rc = load_reviews("closed_on IS NULL", NULL);
	for (size_t i = 0; i < rr.n && rc == 0 && nseen < MAX_REVIEWS; i++)
		if (!seen_on(rr.v[i].id).y) {
			snprintf(seen[nseen].id, sizeof(seen[nseen].id), "%s", rr.v[i].id);
			seen[nseen++].on = today;
		}
	return rc;
}

static int simulate(void)
{
	long doubled = 0, weeks = 0;
	int created = 0, closed = 0, rc = 0;
	for (struct date d = START; date_cmp(d, END) <= 0 && rc == 0; d = date_add_days(d, 7)) {
		int n = 0;
		rc = steps(d, &closed);
		rc = rc ? rc : review_schedule(tdb, "202", d, &n);
		rc = rc ? rc : note_new(d);
		created += n;
		weeks++;
		long two = count_of("SELECT count(*) FROM (SELECT child_id FROM review WHERE"
				    " closed_on IS NULL GROUP BY child_id HAVING count(*) > 1) x",
				    0, NULL);
		if (two != 0 && doubled == 0)
			fprintf(stderr, "  on %s, %ld children had two open reviews\n", iso(d),
				two);
		doubled += two != 0;
	}
	check(rc == 0 && weeks == 53, "the year ran: 53 weeks, %d reviews scheduled, %d closed",
	      created, closed);
	check(created > (int)nkids && closed > 0, "reviews were held and their next scheduled");
	check(doubled == 0, "(a) in no week did a child have two open reviews (%ld weeks did)",
	      doubled);
	return rc;
}

/* early: a run on a day before some plans were issued schedules none for them (the code
 * judges by the day it is given); what it made is then deleted */
static void early(void)
{
	int n = 0;
	int rc = review_schedule(tdb, "202", (struct date){2026, 3, 1}, &n);
	long future = count_of("SELECT count(*) FROM review r WHERE NOT EXISTS (SELECT 1 FROM"
			       " plan_version p WHERE p.child_ref = r.child_id AND p.status <>"
			       " 'draft' AND p.issued_on <= '2026-03-01')",
			       0, NULL);
	check(rc == 0 && future == 0,
	      "(b) a schedule run on 1 March 2026 makes no review of a plan first issued after"
	      " that day (%ld of its %d are)",
	      future, n);
	run("DELETE FROM review", 0);
}

/* ---- (a) and (b) ---- */

static void one_open_each(void)
{
	size_t wrong = 0;
	for (size_t i = 0; i < nkids; i++)
		if (count_of(
			    "SELECT count(*) FROM review WHERE child_id = $1 AND closed_on IS NULL",
			    1, kids[i].id) != 1)
			wrong++;
	long open = count_of("SELECT count(*) FROM review WHERE closed_on IS NULL", 0, NULL);
	check(nkids > 30 && wrong == 0 && open == (long)nkids,
	      "(a) at the end each of the %zu children with an issued plan has exactly one open"
	      " review (%zu have not; %ld open in all)",
	      nkids, wrong, open);
}

static struct date deadline_of(const struct review_row *r)
{
	return strcmp(r->transfer_kind, "post16") == 0 ? (struct date){r->transfer_on.y, 3, 30}
						       : (struct date){r->transfer_on.y, 2, 14};
}

/* example: prints the first few of each kind of fault */
static void example(size_t *n, const char *what, const struct kid *k, const struct review_row *r,
		    struct date want)
{
	if ((*n)++ < 3)
		fprintf(stderr, "  %s: child %s (plan issued %s): review %s due %s, expected %s\n",
			what, k->id, iso(k->issued), r->kind, iso(r->due), iso(want));
}

static void chains(void)
{
	size_t annual_bad = 0, reg18_bad = 0, s44_bad = 0, order_bad = 0, early_bad = 0,
	       transfer_bad = 0, transfers = 0, followed = 0, in_year = 0, total = 0;
	for (size_t i = 0; i < nkids; i++) {
		const struct kid *k = &kids[i];
		load_reviews("child_id = $1 ORDER BY due_on", k->id);
		struct date last = k->issued;
		size_t phase = 0;
		for (size_t j = 0; j < rr.n; j++) {
			const struct review_row *r = &rr.v[j];
			struct date annual = annual_due(last);
			total++;
			in_year += date_cmp(r->due, START) >= 0 && date_cmp(r->due, END) <= 0;
			if (strcmp(r->kind, "phase_transfer") == 0) {
				struct date dl = deadline_of(r);
				phase += date_cmp(r->transfer_on, SEPT) == 0;
				if (date_cmp(r->due, dl) > 0 ||
				    (date_cmp(r->due, dl) != 0 && date_cmp(r->due, annual) != 0))
					example(&reg18_bad, "not the regulation 18 deadline", k, r,
						dl);
				if (date_cmp(r->due, annual) > 0)
					example(&s44_bad,
						"a transfer review due after the 12 months of s44",
						k, r, annual);
			} else if (date_cmp(r->due, annual) != 0) {
				example(&annual_bad, "annual review not 12 months on", k, r,
					annual);
			}
			/* scheduled by its day, or on the first day if it was due before */
			struct date s = seen_on(r->id);
			if (!s.y || date_cmp(s, later(r->due, START)) > 0)
				example(&early_bad, "scheduled after its day", k, r, s);
			int is_last = j + 1 == rr.n;
			if (is_last ? r->closed.y != 0
				    : !r->meeting.y || date_cmp(r->closed, r->decision) != 0)
				example(&order_bad, "closed out of turn", k, r, r->closed);
			if (!is_last)
				followed++;
			if (r->meeting.y)
				last = r->meeting;
		}
		transfers += k->transfers;
		if (phase != (size_t)k->transfers)
			transfer_bad++;
	}
	check(annual_bad == 0,
	      "(b) of the %zu reviews (%zu due within the year), every annual one is due the last"
	      " day of 12 months from the plan's first issue or the last meeting (%zu are not)",
	      total, in_year, annual_bad);
	check(early_bad == 0 && order_bad == 0 && followed > 0,
	      "(b) each was scheduled by its day, the next as the last closed (%zu followed"
	      " another; %zu late, %zu out of turn)",
	      followed, early_bad, order_bad);
	check(transfers > 0 && transfer_bad == 0,
	      "(b) the %zu children reaching their setting's top age by 31 August 2027 have"
	      " one phase-transfer review for September 2027, and no one else (%zu wrong)",
	      transfers, transfer_bad);
	check(reg18_bad == 0,
	      "(b) each transfer review is due by the regulation 18 deadline"
	      " (%zu are not)",
	      reg18_bad);
	check(s44_bad == 0,
	      "(b) each transfer review is due within 12 months of the plan or the last"
	      " meeting too (section 44): %zu are due later",
	      s44_bad);
}

/* ---- (c) the pages against SQL ---- */

/*
 * The status of each review on a day t, as src/review/next.c works it out, written as
 * comparisons of the stored dates with days around t (so it runs the same on SQLite and
 * PostgreSQL): a step whose latest day is base + k is late when base < t - k and at risk
 * when base <= t + 14 - k. The parameters: $1 the LA, then t-56 $2, t-42 $3, t-28 $4,
 * t-14 $5, t $6, t+14 $7, t+15 $8, t+28 $9, t+29 $10, t+43 $11, t+44 $12, t+58 $13.
 */
static const int offsets[] = {-56, -42, -28, -14, 0, 14, 15, 28, 29, 43, 44, 58};
#define PT "r.kind = 'phase_transfer'"
#define STATUS_SQL                                                                                                                                                                                                                  \
	"CASE WHEN r.closed_on IS NOT NULL THEN 'done'" /* invitations: 14 days before the meeting's last day; a transfer's 44 before */                                                                                            \
	" WHEN r.invitations_on IS NULL THEN CASE WHEN " PT " THEN CASE WHEN r.due_on < $12"                                                                                                                                        \
	" THEN 'late' WHEN r.due_on <= $13 THEN 'at_risk' ELSE 'on_track' END ELSE CASE WHEN"                                                                                                                                       \
	" r.due_on < $7 THEN 'late' WHEN r.due_on <= $9 THEN 'at_risk' ELSE 'on_track' END END" /* the meeting: by due_on; a transfer's 29 days before its deadline */                                                              \
	" WHEN r.meeting_on IS NULL THEN CASE WHEN " PT " THEN CASE WHEN r.due_on < $10 THEN"                                                                                                                                       \
	" 'late' WHEN r.due_on <= $11 THEN 'at_risk' ELSE 'on_track' END ELSE CASE WHEN"                                                                                                                                            \
	" r.due_on < $6 THEN 'late' WHEN r.due_on <= $7 THEN 'at_risk' ELSE 'on_track' END END" /* the report: 14 days after the meeting */                                                                                         \
	" WHEN r.decision IS NULL AND r.report_on IS NULL THEN CASE WHEN r.meeting_on < $5"                                                                                                                                         \
	" THEN 'late' WHEN r.meeting_on <= $6 THEN 'at_risk' ELSE 'on_track' END" /* the decision, and the amendments after amend: 28 days after the meeting, and for */ /* a transfer no later than 15 days before the deadline */ \
	" WHEN r.decision IS NULL OR (r.decision = 'amend' AND r.amendments_on IS NULL) THEN"                                                                                                                                       \
	" CASE WHEN r.meeting_on < $4 OR (" PT " AND r.due_on < $8) THEN 'late' WHEN"                                                                                                                                               \
	" r.meeting_on <= $5 OR (" PT " AND r.due_on <= $10) THEN 'at_risk' ELSE 'on_track'"                                                                                                                                        \
	" END" /* the amended plan: 8 weeks after the amendments; a transfer's by its deadline */                                                                                                                                   \
	" WHEN r.decision = 'amend' THEN CASE WHEN r.amendments_on < $2 OR (" PT " AND"                                                                                                                                             \
	" r.due_on < $6) THEN 'late' WHEN r.amendments_on <= $3 OR (" PT " AND r.due_on <= $7)"                                                                                                                                     \
	" THEN 'at_risk' ELSE 'on_track' END"                                                                                                                                                                                       \
	" ELSE 'done' END"

enum { LATE, AT_RISK, ON_TRACK, DONE };
struct counts {
	long n[TRANSFER_KINDS + 1][4]; /* by transfer kind (the last: none), by status */
};

static void take_count(struct db_stmt *st, void *ctx)
{
	struct counts *c = ctx;
	int k = transfer_kind_parse(col(st, 0));
	static const char *const names[] = {"late", "at_risk", "on_track", "done"};
	for (int s = 0; s < 4; s++)
		if (strcmp(col(st, 1), names[s]) == 0)
			c->n[k < 0 ? TRANSFER_KINDS : k][s] += db_column_int64(st, 2);
}

static int sql_counts(const char *filter, struct date t, struct counts *c)
{
	char sql[4096], dates[12][DATE_ISO_LEN + 1];
	const char *v[13] = {"202"};
	for (int i = 0; i < 12; i++) {
		date_iso(date_add_days(t, offsets[i]), dates[i]);
		v[i + 1] = dates[i];
	}
	snprintf(sql, sizeof(sql),
		 "SELECT coalesce(r.transfer_kind, ''), " STATUS_SQL ", count(*) FROM review r"
		 " WHERE r.la_code = $1 AND %s GROUP BY 1, 2",
		 filter);
	memset(c, 0, sizeof(*c));
	return rows(sql, v, 13, take_count, c);
}

static void fetch(const char *cookie, const char *path, struct response *r)
{
	const char *h[] = {cookie, NULL};
	response_release(r);
	harness_request(&srv, "GET", path, h, NULL, 0, r);
}

static int occurrences(const struct response *r, const char *s)
{
	int n = 0;
	for (const char *p = buf_cstr(&r->body); (p = strstr(p, s)) != NULL; p += strlen(s))
		n++;
	return n;
}

/* compare: the list and the tracker on the server's today, against SQL on the same day;
 * totals: the list's and the tracker's counts by status */
static void compare(const char *cookie, const char *when, long list[4], long tracker[4])
{
	struct response r = {0};
	for (int attempt = 0; attempt < 2; attempt++) {
		struct date t = date_today();
		struct counts open, cohort;
		int rc = sql_counts("r.closed_on IS NULL", t, &open);
		rc = rc ? rc
			: sql_counts("r.kind = 'phase_transfer' AND r.transfer_on = '2027-09-01'",
				     t, &cohort);
		char want[TRANSFER_KINDS + 1][200];
		memset(list, 0, 4 * sizeof(long));
		memset(tracker, 0, 4 * sizeof(long));
		for (int k = 0; k <= TRANSFER_KINDS; k++)
			for (int s = 0; s < 4; s++) {
				list[s] += open.n[k][s];
				tracker[s] += cohort.n[k][s];
			}
		snprintf(want[0], sizeof(want[0]),
			 "%ld open: %ld late, %ld at risk (due within 2 weeks), %ld on track.",
			 list[LATE] + list[AT_RISK] + list[ON_TRACK], list[LATE], list[AT_RISK],
			 list[ON_TRACK]);
		fetch(cookie, "/reviews", &r);
		int list_ok =
			rc == 0 && r.status == 200 && list[DONE] == 0 && response_has(&r, want[0]);
		char list_want[200];
		snprintf(list_want, sizeof(list_want), "%s", want[0]);
		fetch(cookie, "/reviews/transfers?year=2027", &r);
		int kinds = 0, tracker_ok = rc == 0 && r.status == 200;
		for (int k = 0; k < TRANSFER_KINDS; k++) {
			long *n = cohort.n[k], m = n[0] + n[1] + n[2] + n[3];
			if (!m)
				continue;
			kinds++;
			snprintf(want[k], sizeof(want[k]),
				 "%s: %ld (%ld late, %ld at risk, %ld on track, %ld done)",
				 transfer_kind_label((enum transfer_kind)k), m, n[LATE], n[AT_RISK],
				 n[ON_TRACK], n[DONE]);
			if (!response_has(&r, want[k])) {
				fprintf(stderr, "  the tracker does not show \"%s\"\n", want[k]);
				tracker_ok = 0;
			}
		}
		tracker_ok = tracker_ok && kinds > 0 && occurrences(&r, " done)") == kinds;
		if (date_cmp(t, date_today()) != 0 && attempt == 0)
			continue; /* midnight passed: once more, on the new day */
		if (!list_ok)
			fprintf(stderr, "  /reviews does not show \"%s\"\n", list_want);
		check(list_ok, "(c) %s, /reviews on %s shows what SQL counts: %s", when, iso(t),
		      list_want);
		check(tracker_ok,
		      "(c) %s, /reviews/transfers?year=2027 shows SQL's counts for its %d kinds:"
		      " %ld late, %ld at risk, %ld on track, %ld done",
		      when, kinds, tracker[LATE], tracker[AT_RISK], tracker[ON_TRACK],
		      tracker[DONE]);
		break;
	}
	response_release(&r);
}

/* move_to: every date of every review moved so that the day falls on today; moved: by how
 * many days they are moved now */
static int64_t moved;
static int move_to(struct date day)
{
	static const char *const cols[] = {"due_on",        "target_on",  "invitations_on",
					   "meeting_on",    "report_on",  "decision_on",
					   "amendments_on", "amended_on", "closed_on"};
	int64_t want = date_days(date_today()) - date_days(day);
	int rc = 0;
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]) && rc == 0; i++) {
		char sel[128], upd[128];
		snprintf(sel, sizeof(sel), "SELECT id, %s FROM review WHERE %s IS NOT NULL",
			 cols[i], cols[i]);
		snprintf(upd, sizeof(upd), "UPDATE review SET %s = $2 WHERE id = $1", cols[i]);
		rc = shift(sel, upd, want - moved, 0);
	}
	moved = want;
	return rc;
}

/* varied: the first week of the year on which the open reviews, as the year left them,
 * are late, at risk and on track, some of each; END if there is none */
static struct date varied(void)
{
	for (struct date d = START; date_cmp(d, END) <= 0; d = date_add_days(d, 7)) {
		struct counts c;
		long n[4] = {0};
		if (sql_counts("r.closed_on IS NULL", d, &c) != 0)
			break;
		for (int k = 0; k <= TRANSFER_KINDS; k++)
			for (int s = 0; s < 4; s++)
				n[s] += c.n[k][s];
		if (n[LATE] && n[AT_RISK] && n[ON_TRACK])
			return d;
	}
	return END;
}

static void pages(void)
{
	char email[256] = "", cookie[300], csrf[64];
	const char *e = text_of("SELECT email FROM user_account WHERE role = 'caseworker' AND"
				" la_code = '202' AND disabled = 0 ORDER BY email LIMIT 1",
				0);
	snprintf(email, sizeof(email), "%s", e ? e : "");
	if (!check(harness_sign_in(&srv, email, DEMO_PASSWORD, cookie, sizeof(cookie), csrf,
				   sizeof(csrf), NULL, 0) == 0,
		   "the demo caseworker %s signs in", email))
		return;
	long list[4], tracker[4];
	char when[96];
	compare(cookie, "as the year left them", list, tracker);
	struct date d = varied();
	snprintf(when, sizeof(when), "moved so that %s is today", iso(d));
	if (check(move_to(d) == 0, "every review's dates %s", when))
		compare(cookie, when, list, tracker);
	check(list[LATE] > 0 && list[AT_RISK] > 0 && list[ON_TRACK] > 0,
	      "(c) then the list has late, at-risk and on-track reviews");
	if (check(move_to(END) == 0, "every review's dates moved so that 31 August 2027 is today"))
		compare(cookie, "seen on 31 August 2027", list, tracker);
	check(list[LATE] > 0 && list[ON_TRACK] > 0 && tracker[DONE] > 0,
	      "(c) on the last day the list has late and on-track reviews, the tracker done ones");
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	buf_init(&got, 0);
	struct date demo_day = date_today();
	int rc = harness_db_fresh(&srv);
	rc = rc ? rc : sendap((const char *[]){"migrate", "--db", srv.db_url, NULL});
	rc = rc ? rc
		: sendap((const char *[]){"demo", "--db", srv.db_url, "--children", "2000",
					  "--seed", "7", NULL});
	if (check(rc == 0, "sendap migrate and sendap demo --children 2000 --seed 7 ran") &&
	    check(date_cmp(demo_day, date_today()) == 0, "the demo was built today") &&
	    check(db_open(srv.db_url, &tdb) == 0 && rebase(demo_day) == 0 && load_kids() == 0,
		  "the demo moved to the school year 2026-27")) {
		early();
		if (simulate() == 0) {
			one_open_each();
			chains();
		}
		if (check(harness_start(&srv, NULL) == 0, "sendap serve started"))
			pages();
	}
	db_close(tdb);
	int status = srv.pid > 0 ? harness_stop(&srv, SIGTERM) : 0;
	check(status == 0, "sendap exited cleanly (a sanitizer report would be in"
			   " build/test-logs/server-*.log)");
	harness_cleanup(&srv);
	buf_release(&got);
	curl_global_cleanup();
	return tally_finish(&tl);
}
