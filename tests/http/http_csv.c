/*
 * http_csv.c: the list pages as CSV (?format=csv, src/platform/csvout.c) against a real
 * sendap on a demo LA (`sendap migrate`, then `sendap demo --children 2000 --seed 5`). Two
 * children are renamed by SQL to =HYPERLINK("http://x"): one on the demo caseworker's
 * caseload, one with an open assessment. Checked, as tally lines:
 *
 *   - each list answers its CSV with 200, text/csv; charset=utf-8, an attachment with a
 *     fixed file name, Cache-Control: no-store, the UTF-8 byte order mark and its header
 *     row; its page links to it keeping the page's filters;
 *   - the renamed children's rows carry their ids, and their names come out as
 *     '=HYPERLINK(...) in a quoted cell, never as a formula;
 *   - the CSV has every row of the list, not the page's 50 (children) or 100 (cases);
 *   - a role the page refuses gets the same status for the CSV, and an unknown format 400;
 *   - the CSV's read is audited as the page's is;
 *   - the sufficiency CSV keeps its columns.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "demo/demo.h"
#include "harness.h"
#include "platform/db.h"

#define DOMAIN "@camden.demo.sendap.example"
#define BOM "\xEF\xBB\xBF"
#define EVIL "=HYPERLINK(\"http://x\")"
#define EVIL_CELL "\"'=HYPERLINK(\"\"http://x\"\")"

static struct server srv;
static struct db *tdb;
static struct tally tl = {"http csv", 0, 0};
static struct buf got;

enum who { CW, MGR, SENCO, PARENT, ANALYST, N_WHO };
static struct {
	const char *email;
	char id[64], cookie[300];
} who[N_WHO] = {
	[CW] = {"casework1" DOMAIN},
	[MGR] = {"manager" DOMAIN},
	[SENCO] = {"senco1" DOMAIN},
	[PARENT] = {"parent1" DOMAIN},
	[ANALYST] = {"analyst@dfe.demo.sendap.example"},
};

static int check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int check(int ok, const char *fmt, ...)
{
	char what[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return tally_check(&tl, ok, what);
}

#define text_of(...) harness_text(tdb, &got, __VA_ARGS__)
#define count_of(...) harness_number(text_of(__VA_ARGS__))

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

static void fetch(enum who w, const char *path, struct response *r)
{
	const char *h[] = {who[w].cookie, NULL};
	response_release(r);
	memset(r, 0, sizeof(*r));
	harness_request(&srv, "GET", path, h, NULL, 0, r);
}

static int header_is(const struct response *r, const char *name, const char *want)
{
	char v[256] = "";
	return response_header(r, name, v, sizeof(v)) == 0 && strcmp(v, want) == 0;
}

/* rows: the CSV's lines, header included */
static long rows(const struct response *r)
{
	long n = 0;
	for (const char *p = buf_cstr(&r->body); (p = strstr(p, "\r\n")) != NULL; p += 2)
		n++;
	return n;
}

/* audits: the audit rows of w's reads of the kind, once the background writer has
 * written at least want of them (or after 5 s) */
static long audits(enum who w, const char *type, long want)
{
	long n = -1;
	for (int i = 0; i < 1000; i++) {
		n = count_of("SELECT count(*) FROM audit_event WHERE actor_id = $1 AND"
			     " record_type = $2",
			     2, who[w].id, type);
		if (n >= want)
			break;
		struct timespec pause = {0, 5 * 1000 * 1000};
		nanosleep(&pause, NULL);
	}
	return n;
}

/* a list's CSV: the answer's headers, the byte order mark, the header row */
static void csv_ok(enum who w, const char *path, const char *filename, const char *head,
		   struct response *r)
{
	char want[128];
	fetch(w, path, r);
	snprintf(want, sizeof(want), "attachment; filename=\"%s\"", filename);
	check(r->status == 200, "%s answers 200 (got %ld)", path, r->status);
	check(header_is(r, "Content-Type", "text/csv; charset=utf-8"), "%s is text/csv in UTF-8",
	      path);
	check(header_is(r, "Content-Disposition", want), "%s is the attachment %s", path, filename);
	check(header_is(r, "Cache-Control", "no-store"), "%s is not to be stored", path);
	check(strncmp(buf_cstr(&r->body), BOM, 3) == 0 &&
		      strncmp(buf_cstr(&r->body) + 3, head, strlen(head)) == 0,
	      "%s starts with the byte order mark and the header row %.40s...", path, head);
}

static void lists(void)
{
	struct response r = {0}, h = {0};
	/* the caseworker's caseload: every child, with the renamed one */
	const char *x = text_of("SELECT id FROM child WHERE caseworker_id = $1 ORDER BY id LIMIT 1",
				1, who[CW].id);
	char kid[64];
	snprintf(kid, sizeof(kid), "%s", x ? x : "");
	check(*kid != '\0', "the demo caseworker has a child on their caseload");
	harness_sql(tdb, "UPDATE child SET given_name = $1 WHERE id = $2", 2, EVIL, kid);
	long before = audits(CW, "child_list", 0);
	csv_ok(CW, "/children?format=csv", "children.csv",
	       "\"child_id\",\"name\",\"date_of_birth\",\"support\",\"primary_need_code\","
	       "\"primary_need\",\"setting\"\r\n",
	       &r);
	char row[160];
	snprintf(row, sizeof(row), "\r\n\"%s\"," EVIL_CELL, kid);
	check(response_has(&r, row), "the renamed child's row has their id and the name as text");
	check(!response_has(&r, ",\"=HYPERLINK"), "no cell starts with =");
	check(audits(CW, "child_list", before + 1) == before + 1,
	      "the CSV of the children is audited as the page is");
	long all = count_of("SELECT count(*) FROM child WHERE caseworker_id = $1", 1, who[CW].id,
			    NULL);
	check(rows(&r) == all + 1, "every child of the caseload is in the CSV (%ld rows for %ld)",
	      rows(&r) - 1, all);
	fetch(CW, "/children", &h);
	check(response_has(&h, "href=\"/children?format=csv\"") &&
		      response_has(&h, "Download this list as CSV (spreadsheet)"),
	      "/children links to its CSV");

	/* the manager's list of every plan in the LA: more than a page of 50 */
	csv_ok(MGR, "/children?format=csv", "children.csv", "\"child_id\"", &r);
	all = count_of("SELECT count(*) FROM child WHERE la_code = '202' AND sen_status = 'ehcp'",
		       0, NULL, NULL);
	check(all > 50 && rows(&r) == all + 1,
	      "the manager's CSV has all %ld children with plans, not a page of 50", all);

	/* assessments: the demo's cases are cleared, then 120 open cases of the
	 * caseworker's, the renamed child's due last, past the page's 100 */
	static const char *const clear[] = {
		"DELETE FROM notice",     "DELETE FROM case_exception",
		"DELETE FROM case_event", "DELETE FROM panel_item",
		"DELETE FROM advice",     "DELETE FROM assessment_case"};
	for (size_t i = 0; i < sizeof(clear) / sizeof(*clear); i++)
		check(harness_sql(tdb, clear[i], 0) == 0, "%s", clear[i]);
	check(harness_sql(
		      tdb,
		      "INSERT INTO assessment_case (id, child_id, la_code, officer_id,"
		      " requested_by, requested_on, state, next_step, next_due, created_at,"
		      " updated_at) SELECT 'case-' || id, id, la_code, CASE WHEN id = $2 THEN NULL "
		      "ELSE $1 END, 'parent',"
		      " '2026-01-05', 'requested', 'decide_to_assess', CASE WHEN id = $2 THEN"
		      " '2099-01-01' ELSE '2026-03-02' END, '2026-01-05T09:00:00Z',"
		      " '2026-01-05T09:00:00Z' FROM child WHERE la_code = '202' ORDER BY id = $2"
		      " DESC, id LIMIT 120",
		      2, who[CW].id, kid) == 0,
	      "120 open assessments are added for the caseworker");
	const char *akid = kid;
	harness_sql(tdb,
		    "INSERT INTO panel (id, la_code, kind, name, created_at) VALUES ('panel-1',"
		    " '202', 'application', $1, '2026-01-05T09:00:00Z')",
		    1, EVIL);
	before = audits(MGR, "assessment_list", 0);
	csv_ok(MGR, "/assessments?format=csv", "team-assessments.csv",
	       "\"child_id\",\"child_or_young_person\",\"next_step_code\",\"next_step\","
	       "\"legal_latest_date\",\"overdue\",\"officer\"\r\n",
	       &r);
	snprintf(row, sizeof(row), "\r\n\"%s\"," EVIL_CELL, akid);
	check(response_has(&r, row), "the renamed child's case is in the CSV, the name as text");
	check(response_has(&r,
			   "\",\"decide_to_assess\",\"Decide whether to assess\",\"2099-01-01\","
			   "\"no\",\"Not allocated\"\r\n"),
	      "its latest date is in ISO form");
	all = count_of("SELECT count(*) FROM assessment_case WHERE la_code = '202' AND closed_on"
		       " IS NULL",
		       0, NULL, NULL);
	check(rows(&r) == all + 1, "every open case is in the CSV (%ld)", all);
	check(audits(MGR, "assessment_list", before + 1) == before + 1,
	      "the CSV of the cases is audited as the page is");
	fetch(MGR, "/assessments", &h);
	snprintf(row, sizeof(row), "/children/%s/assessment", akid);
	check(h.status == 200 && !response_has(&h, row),
	      "the page shows the 100 most urgent cases, not the renamed child's");
	csv_ok(CW, "/assessments?format=csv", "my-assessments.csv", "\"child_id\"", &r);
	check(rows(&r) == all, "the caseworker's own CSV has their %ld cases", all - 1);
	fetch(CW, "/assessments?view=team", &h);
	check(response_has(&h, "href=\"/assessments?view=team&amp;format=csv\""),
	      "the team's page links to the team's CSV");
	csv_ok(CW, "/assessments?view=team&format=csv", "team-assessments.csv", "\"child_id\"", &r);
	check(rows(&r) == all + 1, "the caseworker's team CSV keeps the filter");

	csv_ok(MGR, "/assessments/timeliness?format=csv", "assessment-timeliness.csv",
	       "\"by\",\"next_step_code\",\"officer_or_next_step\",\"open\",\"overdue\"\r\n", &r);
	check(response_has(&r, "\"officer\",\"\",\"Florence King\",119,") &&
		      response_has(&r, "\"stage\",\"decide_to_assess\",\"Decide whether to "
				       "assess\",120,"),
	      "timeliness has the rows by officer and by stage, the counts as numbers");

	before = audits(CW, "review_list", 0);
	csv_ok(CW, "/reviews?format=csv", "reviews.csv",
	       "\"review_id\",\"child_id\",\"child_or_young_person\",\"review\",\"next_step\","
	       "\"latest_date\",\"status\"\r\n",
	       &r);
	all = count_of("SELECT count(*) FROM review WHERE la_code = '202' AND closed_on IS NULL", 0,
		       NULL, NULL);
	check(rows(&r) == all + 1, "every open review is in the CSV (%ld)", all);
	check(audits(CW, "review_list", before + 1) == before + 1,
	      "the CSV of the reviews is audited as the page is");
	csv_ok(CW, "/reviews/transfers?format=csv", "phase-transfers.csv",
	       "\"review_id\",\"child_id\",\"child_or_young_person\",\"transfer\"", &r);
	fetch(CW, "/reviews/transfers?year=2031", &h);
	check(response_has(&h, "href=\"/reviews/transfers?year=2031&amp;format=csv\""),
	      "the tracker links to the CSV of the year it shows");
	csv_ok(CW, "/reviews/provision?format=csv", "provision-not-delivered.csv",
	       "\"provider\",\"sessions_missed\",\"children\"\r\n", &r);
	csv_ok(CW, "/plans/quality?format=csv", "plan-quality.csv",
	       "\"flag_code\",\"flag\",\"plans\",\"plans_checked\"\r\n", &r);
	before = audits(CW, "consultation_list", 0);
	csv_ok(CW, "/placements/consultations?format=csv", "consultations.csv",
	       "\"consultation_id\",\"child_id\",\"child_or_young_person\",\"setting\",\"sent_on\","
	       "\"answer_due\",\"overdue\"\r\n",
	       &r);
	check(audits(CW, "consultation_list", before + 1) == before + 1,
	      "the CSV of the consultations is audited as the page is");
	csv_ok(CW, "/redress/orders?format=csv", "tribunal-orders.csv",
	       "\"item\",\"child_id\",\"child_or_young_person\",\"order_id\"", &r);
	csv_ok(CW, "/panels?format=csv", "panels.csv",
	       "\"panel_id\",\"panel\",\"point\",\"recommends_on\"\r\n", &r);
	check(response_has(&r, "\r\n\"panel-1\"," EVIL_CELL "\",\"application\""),
	      "a panel named as a formula comes out as text");
	csv_ok(CW, "/placements/sufficiency.csv", "scap-special-places.csv",
	       "\"la_code\",\"urn\",\"ukprn\",\"name\",\"establishment_type\",\"provision\","
	       "\"age_from\",\"age_to\",\"places\",\"on_roll\",\"designated_needs\"\r\n",
	       &r);

	/* each page links to its CSV */
	static const char *const pages[] = {"/assessments/timeliness",
					    "/reviews",
					    "/reviews/provision",
					    "/plans/quality",
					    "/placements/consultations",
					    "/redress/orders",
					    "/panels"};
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		char href[128];
		snprintf(href, sizeof(href), "href=\"%s?format=csv\"", pages[i]);
		fetch(MGR, pages[i], &h);
		check(h.status == 200 && response_has(&h, href), "%s links to its CSV", pages[i]);
	}

	/* refused as the page is refused; an unknown format is a bad request */
	static const struct {
		enum who w;
		const char *path;
	} refused[] = {
		{ANALYST, "/children"},          {PARENT, "/assessments"},
		{CW, "/assessments/timeliness"}, {PARENT, "/reviews"},
		{SENCO, "/reviews/transfers"},   {PARENT, "/reviews/provision"},
		{ANALYST, "/plans/quality"},     {PARENT, "/placements/consultations"},
		{SENCO, "/redress/orders"},      {PARENT, "/panels"},
	};
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		char path[128];
		snprintf(path, sizeof(path), "%s?format=csv", refused[i].path);
		fetch(refused[i].w, refused[i].path, &h);
		fetch(refused[i].w, path, &r);
		check((h.status == 403 || h.status == 404) && r.status == h.status &&
			      !header_is(&r, "Content-Type", "text/csv; charset=utf-8"),
		      "%s: refused as the page is (%ld, the page %ld)", path, r.status, h.status);
	}
	static const char *const bad[] = {"/children?format=xlsx",
					  "/assessments?format=", "/reviews?format=CSV",
					  "/panels?format=tsv"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fetch(MGR, bad[i], &r);
		check(r.status == 400 && response_has(&r, "govuk-template"),
		      "%s is refused with the 400 page (got %ld)", bad[i], r.status);
	}
	response_release(&r);
	response_release(&h);
}

static int sign_in_all(void)
{
	for (int w = 0; w < N_WHO; w++) {
		char csrf[64];
		const char *id =
			text_of("SELECT id FROM user_account WHERE email = $1", 1, who[w].email);
		snprintf(who[w].id, sizeof(who[w].id), "%s", id ? id : "");
		if (!check(*who[w].id && harness_sign_in(&srv, who[w].email, DEMO_PASSWORD,
							 who[w].cookie, sizeof(who[w].cookie), csrf,
							 sizeof(csrf), NULL, 0) == 0,
			   "%s signs in", who[w].email))
			return -1;
	}
	return 0;
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	buf_init(&got, 0);
	int rc = harness_db_fresh(&srv);
	rc = rc ? rc : sendap((const char *[]){"migrate", "--db", srv.db_url, NULL});
	rc = rc ? rc
		: sendap((const char *[]){"demo", "--db", srv.db_url, "--children", "2000",
					  "--seed", "5", NULL});
	if (check(rc == 0, "sendap migrate and sendap demo --children 2000 --seed 5 ran") &&
	    check(db_open(srv.db_url, &tdb) == 0, "the test opens the database") &&
	    check(harness_start(&srv, NULL) == 0, "sendap serve started") && sign_in_all() == 0)
		lists();
	db_close(tdb);
	int status = srv.pid > 0 ? harness_stop(&srv, SIGTERM) : 0;
	check(status == 0, "sendap exited cleanly (a sanitizer report would be in"
			   " build/test-logs/server-*.log)");
	harness_cleanup(&srv);
	buf_release(&got);
	curl_global_cleanup();
	return tally_finish(&tl);
}
