/*
 * caseload.c: open assessment cases ordered by their next legal deadline: the officer's
 * own (GET /assessments) and the team's, the LA's (GET /assessments?view=team), with how
 * many are overdue and how many fall due this week; for managers, how each officer
 * stands (GET /assessments/timeliness).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assessment/case.h"
#include "people/page.h"
#include "platform/csvout.h"
#include "platform/err.h"
#include "platform/gds.h"

#define LA_STAFF (ROLE_BIT(ROLE_CASEWORKER) | ROLE_BIT(ROLE_LA_MANAGER))
#define CASE_PAGE 100

static int send_page(struct request *req, int status, struct html *h)
{
	gds_page_end(h);
	int rc = html_error(h);
	if (rc) {
		html_release(h);
		return rc;
	}
	return resp_html(req, status, h);
}

/* counts: open cases, overdue ones and those due in the next 7 days */
static int counts(struct db *db, const char *where_sql, const char *key, const char *today,
		  const char *week, int64_t out[3])
{
	char sql[512];
	/* three counts, each a range of the (…, closed_on, next_due) index: one pass with
	 * CASE over every open case costs three times as much */
	snprintf(sql, sizeof(sql),
		 "SELECT (SELECT count(*) FROM assessment_case a WHERE %s AND a.closed_on IS NULL),"
		 " (SELECT count(*) FROM assessment_case a WHERE %s AND a.closed_on IS NULL"
		 " AND a.next_due < $2),"
		 " (SELECT count(*) FROM assessment_case a WHERE %s AND a.closed_on IS NULL"
		 " AND a.next_due >= $2 AND a.next_due <= $3)",
		 where_sql, where_sql, where_sql);
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, key)) == 0 && (rc = db_bind_text(st, 2, today)) == 0 &&
	    (rc = db_bind_text(st, 3, week)) == 0 && (rc = db_step(st)) == DB_ROW) {
		for (int i = 0; i < 3; i++)
			out[i] = db_column_int64(st, i);
		rc = 0;
	}
	db_reset(st);
	return rc;
}

static const char *long_date(struct arena *a, const char *iso)
{
	struct date d;
	char *out = arena_alloc(a, DATE_LONG_MAX);
	if (!out || !iso || date_parse(iso, &d) != 0)
		return "";
	date_long(d, out, DATE_LONG_MAX);
	return out;
}

static const char *step_label(const char *s)
{
	static const struct {
		const char *step, *label;
	} labels[] = {
		{"decide_to_assess", "Decide whether to assess"},
		{"advice", "Advice due"},
		{"notify_not_to_issue", "Decide whether to issue a plan"},
		{"draft_comments", "Family's comments on the draft"},
		{"consultation", "Consultation answer due"},
		{"final_plan", "Issue the final plan"},
	};
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(labels[i].step, s) == 0)
			return labels[i].label;
	return s;
}

/*
 * unread_notices: the task list of notices sent through this service that the family has
 * not opened within UNREAD_WORKING_DAYS working days: each must now be posted, or the
 * family may never see a decision they can appeal (LGO 21 019 072).
 */
#define UNREAD_WORKING_DAYS 5
static void unread_notices(struct html *h, struct request *req, struct db *db,
			   const char *where_sql, const char *key)
{
	struct arena *a = req_arena(req);
	/* sent on or before the working day UNREAD_WORKING_DAYS before today */
	struct holidays hol = {assessment_rules.holidays, assessment_rules.n_holidays};
	struct date d = date_today();
	for (int n = 0; n < UNREAD_WORKING_DAYS;) {
		d = date_add_days(d, -1);
		if (date_is_working_day(d, &hol))
			n++;
	}
	char cutoff[DATE_ISO_LEN + 1];
	date_iso(d, cutoff);
	char sql[700];
	snprintf(sql, sizeof(sql),
		 /* from the few unread notices to their cases (notice_unread), never from
		  * the LA's thousands of cases to their notices: CROSS JOIN keeps SQLite to
		  * that order */
		 "SELECT a.child_id, ch.given_name, ch.family_name, e.type, n.sent_on"
		 " FROM notice n CROSS JOIN assessment_case a CROSS JOIN case_event e"
		 " CROSS JOIN child ch WHERE a.id = n.case_id AND e.case_id = n.case_id"
		 " AND e.seq = n.event_seq AND ch.id = a.child_id AND %s"
		 " AND n.channel = 'portal' AND n.read_at IS NULL AND n.sent_on <= $2"
		 " ORDER BY n.sent_on LIMIT 50",
		 where_sql);
	struct db_stmt *st = NULL;
	if (db_prepare(db, sql, &st) != 0)
		return;
	struct gds_table_cell *cells = arena_alloc(a, sizeof(*cells) * 3 * 50);
	size_t n = 0;
	if (cells && db_bind_text(st, 1, key) == 0 && db_bind_text(st, 2, cutoff) == 0)
		while (n < 50 && db_step(st) == DB_ROW) {
			cells[n * 3] = (struct gds_table_cell){
				.text = arena_printf(a, "%s %s", db_column_text(st, 1),
						     db_column_text(st, 2)),
				.href = arena_printf(a, "/children/%s/assessment",
						     db_column_text(st, 0))};
			cells[n * 3 + 1] = (struct gds_table_cell){
				.text = arena_strdup(
					a, assessment_event_label(db_column_text(st, 3)))};
			cells[n * 3 + 2] = (struct gds_table_cell){
				.text = long_date(a, db_column_text(st, 4))};
			n++;
		}
	db_reset(st);
	if (!n)
		return;
	static const struct gds_table_cell head[] = {
		{.text = "Child or young person"}, {.text = "Notice"}, {.text = "Sent on"}};
	gds_table(h, &(struct gds_table){
			     .caption = "Notices not read in this service within 5 working days: "
					"post them",
			     .caption_size = GDS_SIZE_M,
			     .head = head,
			     .cells = cells,
			     .n_cols = 3,
			     .n_rows = n,
			     .scroll_label = "Notices to post"});
}

/*
 * advice_to_chase: advice asked for more than 6 weeks ago (regulation 8) that has not
 * arrived, oldest first, for open cases: the officer's chasing list.
 */
static void advice_to_chase(struct html *h, struct request *req, struct db *db,
			    const char *where_sql, const char *key)
{
	struct arena *a = req_arena(req);
	char cutoff[DATE_ISO_LEN + 1];
	date_iso(date_add_days(date_today(), -42), cutoff);
	char sql[900];
	snprintf(sql, sizeof(sql),
		 "SELECT a.child_id, ch.given_name, ch.family_name, r.item, r.happened_on"
		 " FROM case_event r CROSS JOIN assessment_case a CROSS JOIN child ch"
		 " WHERE r.type = 'advice_requested' AND r.happened_on < $2 AND a.id = r.case_id"
		 " AND ch.id = a.child_id AND %s AND a.closed_on IS NULL AND NOT EXISTS"
		 " (SELECT 1 FROM case_event x WHERE x.case_id = r.case_id"
		 " AND x.type = 'advice_received' AND x.item = r.item)"
		 " ORDER BY r.happened_on LIMIT 50",
		 where_sql);
	struct db_stmt *st = NULL;
	if (db_prepare(db, sql, &st) != 0)
		return;
	struct gds_table_cell *cells = arena_alloc(a, sizeof(*cells) * 3 * 50);
	size_t n = 0;
	if (cells && db_bind_text(st, 1, key) == 0 && db_bind_text(st, 2, cutoff) == 0)
		while (n < 50 && db_step(st) == DB_ROW) {
			cells[n * 3] = (struct gds_table_cell){
				.text = arena_printf(a, "%s %s", db_column_text(st, 1),
						     db_column_text(st, 2)),
				.href = arena_printf(a, "/children/%s/assessment",
						     db_column_text(st, 0))};
			cells[n * 3 + 1] = (struct gds_table_cell){
				.text = arena_strdup(a, db_column_text(st, 3))};
			cells[n * 3 + 2] = (struct gds_table_cell){
				.text = long_date(a, db_column_text(st, 4))};
			n++;
		}
	db_reset(st);
	if (!n)
		return;
	static const struct gds_table_cell head[] = {{.text = "Child or young person"},
						     {.text = "Advice from"},
						     {.text = "Asked for on"}};
	gds_table(h, &(struct gds_table){.caption = "Advice overdue: more than 6 weeks since "
						    "it was asked for",
					 .caption_size = GDS_SIZE_M,
					 .head = head,
					 .cells = cells,
					 .n_cols = 3,
					 .n_rows = n,
					 .scroll_label = "Advice to chase"});
}

#define CASE_SQL                                                                              \
	"SELECT a.child_id, ch.given_name, ch.family_name, a.state, a.next_step, a.next_due," \
	" u.name FROM assessment_case a JOIN child ch ON ch.id = a.child_id LEFT JOIN"        \
	" user_account u ON u.id = a.officer_id WHERE %s AND a.closed_on IS NULL ORDER BY"    \
	" a.next_due, a.id"

/* caseload_csv: every open case of the list (the page shows the 100 most urgent) */
static int caseload_csv(struct request *req, const char *where, const char *key, const char *today,
			int team)
{
	char sql[1024];
	snprintf(sql, sizeof(sql), CASE_SQL, where);
	struct db_stmt *st = NULL;
	int rc = db_prepare(req_db(req), sql, &st);
	if (rc)
		return rc;
	struct buf b;
	csvout_init(&b);
	static const char *const head[] = {"child_id",  "child_or_young_person", "next_step_code",
					   "next_step", "legal_latest_date",     "overdue",
					   "officer"};
	csvout_row(&b, head, sizeof(head) / sizeof(head[0]));
	if ((rc = db_bind_text(st, 1, key)) == 0)
		while ((rc = db_step(st)) == DB_ROW && !b.err) {
			const char *due = db_column_is_null(st, 5) ? "" : db_column_text(st, 5);
			int none = db_column_is_null(st, 4);
			csvout_id(&b, db_column_text(st, 0));
			csvout_text(&b, arena_printf(req_arena(req), "%s %s", db_column_text(st, 1),
						     db_column_text(st, 2)));
			csvout_id(&b, none ? "" : db_column_text(st, 4));
			csvout_text(&b, none ? "None" : step_label(db_column_text(st, 4)));
			csvout_id(&b, due);
			csvout_text(&b, *due && strcmp(due, today) < 0 ? "yes" : "no");
			csvout_text(&b, db_column_is_null(st, 6) ? "Not allocated"
								 : db_column_text(st, 6));
			csvout_end_row(&b);
		}
	db_reset(st);
	if (rc == DB_DONE || rc == DB_ROW)
		rc = 0;
	if (rc || (rc = audit_record(req, "list", "assessment_list", team ? "team" : "own")) != 0) {
		buf_release(&b);
		return rc;
	}
	return csvout_send(req, &b, team ? "team-assessments.csv" : "my-assessments.csv");
}

static int caseload(struct request *req)
{
	int rc = auth_require(req, LA_STAFF);
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	const char *view = req_query(req, "view");
	int team = (view && strcmp(view, "team") == 0) || u->role == ROLE_LA_MANAGER;
	const char *where = team ? "a.la_code = $1" : "a.officer_id = $1";
	const char *key = team ? u->la_code : u->id;
	char today[DATE_ISO_LEN + 1], week[DATE_ISO_LEN + 1];
	struct date t = date_today();
	date_iso(t, today);
	date_iso(date_add_days(t, 7), week);
	int csv = csvout_wanted(req);
	if (csv)
		return csv < 0 ? csv : caseload_csv(req, where, key, today, team);
	int64_t c[3] = {0, 0, 0};
	if ((rc = counts(db, where, key, today, week, c)) != 0)
		return rc;
	char sql[1024];
	snprintf(sql, sizeof(sql), CASE_SQL " LIMIT %d", where, CASE_PAGE);
	struct db_stmt *st = NULL;
	if ((rc = db_prepare(db, sql, &st)) != 0)
		return rc;
	struct gds_table_cell *cells = arena_alloc(a, sizeof(*cells) * 4 * CASE_PAGE);
	size_t n = 0;
	if ((rc = db_bind_text(st, 1, key)) == 0 && cells)
		while ((rc = db_step(st)) == DB_ROW && n < CASE_PAGE) {
			const char *due = db_column_text(st, 5);
			int overdue = due && strcmp(due, today) < 0;
			struct gds_table_cell *row = &cells[n * 4];
			row[0] = (struct gds_table_cell){
				.text = arena_printf(a, "%s %s", db_column_text(st, 1),
						     db_column_text(st, 2)),
				.href = arena_printf(a, "/children/%s/assessment",
						     db_column_text(st, 0))};
			row[1] = (struct gds_table_cell){
				.text = db_column_is_null(st, 4)
						? "None"
						: step_label(db_column_text(st, 4))};
			row[2] = (struct gds_table_cell){
				.text = due ? arena_printf(a, "%s%s", long_date(a, due),
							   overdue ? " (overdue)" : "")
					    : ""};
			row[3] = (struct gds_table_cell){
				.text = db_column_is_null(st, 6)
						? "Not allocated"
						: arena_strdup(a, db_column_text(st, 6))};
			n++;
		}
	db_reset(st);
	if (rc != DB_DONE && rc != DB_ROW && rc != 0)
		return rc;
	if (!cells)
		return ERR_NOMEM;
	if ((rc = audit_record(req, "list", "assessment_list", team ? "team" : "own")) != 0)
		return rc;

	struct html h;
	html_init(&h);
	const char *title = team ? "Team assessments" : "My assessments";
	/* the signed-in navigation, as on every other page of theirs, "Assessments" current */
	people_page_start(&h, u, title, NULL, "/assessments");
	gds_heading(&h, &(struct gds_heading){.text = title, .caption = u->name});
	html_raw(&h, "<p class=\"govuk-body\">");
	if (team && u->role != ROLE_LA_MANAGER)
		gds_link(&h, "/assessments", "Show only my cases");
	else if (!team)
		gds_link(&h, "/assessments?view=team", "Show the whole team's cases");
	else
		gds_link(&h, "/assessments/timeliness", "Timeliness by officer and by stage");
	html_raw(&h, "</p>");
	struct gds_summary_row sum[3] = {
		{.key = "Open cases", .value = arena_printf(a, "%lld", (long long)c[0])},
		{.key = "Overdue", .value = arena_printf(a, "%lld", (long long)c[1])},
		{.key = "Due in the next 7 days",
		 .value = arena_printf(a, "%lld", (long long)c[2])},
	};
	gds_summary_list(&h, &(struct gds_summary_list){.rows = sum, .n_rows = 3});
	unread_notices(&h, req, db, team ? "a.la_code = $1" : "a.officer_id = $1", key);
	advice_to_chase(&h, req, db, team ? "a.la_code = $1" : "a.officer_id = $1", key);
	static const struct gds_table_cell head[] = {{.text = "Child or young person"},
						     {.text = "Next step"},
						     {.text = "Legal latest date"},
						     {.text = "Officer"}};
	gds_table(&h, &(struct gds_table){.caption = c[0] > CASE_PAGE ? "The 100 most urgent cases"
								      : "Cases, most urgent first",
					  .caption_size = GDS_SIZE_M,
					  .head = head,
					  .cells = cells,
					  .n_cols = 4,
					  .n_rows = n,
					  .scroll_label = "Cases, most urgent first"});
	csvout_link(&h, req, "/assessments", (const char *const[]){"view", NULL});
	return send_page(req, 200, &h);
}

/*
 * twenty_weeks: of the final plans issued in the last 12 months, the share issued within
 * 20 weeks of the request, with and without the cases where a regulation 10(4) exception
 * was recorded, as DfE's "Education, health and care plans" statistics report them.
 */
static void twenty_weeks(struct html *h, struct arena *a, struct db *db, const char *la)
{
	struct date today = date_today();
	char since[DATE_ISO_LEN + 1];
	date_iso(date_add_months(today, -12), since);
	struct db_stmt *st = NULL;
	if (db_prepare(
		    db,
		    "SELECT a.requested_on, e.happened_on, (SELECT count(*) FROM case_exception x"
		    " WHERE x.case_id = a.id) FROM assessment_case a JOIN case_event e ON"
		    " e.case_id = a.id AND e.type = 'final_plan_issued' WHERE a.la_code = $1"
		    " AND e.happened_on >= $2",
		    &st) != 0)
		return;
	long all = 0, all_in = 0, plain = 0, plain_in = 0;
	if (db_bind_text(st, 1, la) == 0 && db_bind_text(st, 2, since) == 0)
		while (db_step(st) == DB_ROW) {
			struct date req, fin;
			if (date_parse(db_column_text(st, 0), &req) ||
			    date_parse(db_column_text(st, 1), &fin))
				continue;
			int in = date_cmp(fin, date_add_days(req, 140)) <= 0;
			all++;
			all_in += in;
			if (db_column_int64(st, 2) == 0) {
				plain++;
				plain_in += in;
			}
		}
	db_reset(st);
	const char *share_all =
		all ? arena_printf(a, "%ld of %ld (%ld%%)", all_in, all, all_in * 100 / all)
		    : "None";
	const char *share_plain = plain ? arena_printf(a, "%ld of %ld (%ld%%)", plain_in, plain,
						       plain_in * 100 / plain)
					: "None";
	struct gds_summary_row rows[2] = {
		{.key = "Including exception cases", .value = share_all},
		{.key = "Excluding exception cases", .value = share_plain},
	};
	gds_heading(h, &(struct gds_heading){
			       .text = "Final plans issued within 20 weeks, last 12 months",
			       .level = 2});
	gds_summary_list(h, &(struct gds_summary_list){.rows = rows, .n_rows = 2});
}

/* timeliness_csv: both tables in one file, each row saying which it belongs to */
static int timeliness_csv(struct request *req, const char *const sql[2], const char *today)
{
	struct buf b;
	csvout_init(&b);
	static const char *const head[] = {"by", "next_step_code", "officer_or_next_step", "open",
					   "overdue"};
	csvout_row(&b, head, sizeof(head) / sizeof(head[0]));
	int rc = 0;
	for (int k = 0; k < 2 && rc == 0; k++) {
		struct db_stmt *st = NULL;
		if ((rc = db_prepare(req_db(req), sql[k], &st)) != 0)
			break;
		if ((rc = db_bind_text(st, 1, auth_user(req)->la_code)) == 0 &&
		    (rc = db_bind_text(st, 2, today)) == 0)
			while (db_step(st) == DB_ROW && !b.err) {
				const char *name = db_column_text(st, 0);
				csvout_text(&b, k ? "stage" : "officer");
				csvout_id(&b, k ? name : "");
				csvout_text(&b, k ? step_label(name) : name);
				csvout_number(&b, (long long)db_column_int64(st, 1));
				csvout_number(&b, (long long)db_column_int64(st, 2));
				csvout_end_row(&b);
			}
		db_reset(st);
	}
	if (rc) {
		buf_release(&b);
		return rc;
	}
	return csvout_send(req, &b, "assessment-timeliness.csv");
}

static int timeliness(struct request *req)
{
	int rc = auth_require(req, ROLE_BIT(ROLE_LA_MANAGER));
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	char today[DATE_ISO_LEN + 1];
	date_iso(date_today(), today);
	static const char *const sql[] = {
		"SELECT coalesce(u.name, 'Not allocated'), count(*),"
		" sum(CASE WHEN a.next_due < $2 THEN 1 ELSE 0 END) FROM assessment_case a"
		" LEFT JOIN user_account u ON u.id = a.officer_id WHERE a.la_code = $1"
		" AND a.closed_on IS NULL GROUP BY coalesce(u.name, 'Not allocated') ORDER BY 1",
		"SELECT coalesce(a.next_step, 'none'), count(*),"
		" sum(CASE WHEN a.next_due < $2 THEN 1 ELSE 0 END) FROM assessment_case a"
		" WHERE a.la_code = $1 AND a.closed_on IS NULL"
		" GROUP BY coalesce(a.next_step, 'none') ORDER BY 1",
	};
	static const char *const captions[] = {"By officer", "By stage"};
	int csv = csvout_wanted(req);
	if (csv)
		return csv < 0 ? csv : timeliness_csv(req, sql, today);
	struct html h;
	html_init(&h);
	people_page_start(&h, u, "Timeliness", NULL, "/assessments");
	gds_back_link(&h, "/assessments", "Back to the team's cases");
	gds_heading(&h, &(struct gds_heading){.text = "Timeliness of assessments"});
	twenty_weeks(&h, a, db, u->la_code);
	gds_heading(&h, &(struct gds_heading){.text = "Open assessments", .level = 2});
	for (int k = 0; k < 2; k++) {
		struct db_stmt *st = NULL;
		struct gds_table_cell *cells = arena_alloc(a, sizeof(*cells) * 3 * 64);
		size_t n = 0;
		if ((rc = db_prepare(db, sql[k], &st)) != 0) {
			html_release(&h);
			return rc;
		}
		if (cells && db_bind_text(st, 1, u->la_code) == 0 &&
		    db_bind_text(st, 2, today) == 0)
			while (n < 64 && db_step(st) == DB_ROW) {
				const char *name = db_column_text(st, 0);
				cells[n * 3] = (struct gds_table_cell){
					.text = k ? step_label(name) : arena_strdup(a, name)};
				cells[n * 3 + 1] = (struct gds_table_cell){
					.text = arena_printf(a, "%lld",
							     (long long)db_column_int64(st, 1)),
					.numeric = 1};
				cells[n * 3 + 2] = (struct gds_table_cell){
					.text = arena_printf(a, "%lld",
							     (long long)db_column_int64(st, 2)),
					.numeric = 1};
				n++;
			}
		db_reset(st);
		const struct gds_table_cell head[] = {{.text = k ? "Next step" : "Officer"},
						      {.text = "Open", .numeric = 1},
						      {.text = "Overdue", .numeric = 1}};
		gds_table(&h, &(struct gds_table){.caption = captions[k],
						  .caption_size = GDS_SIZE_M,
						  .head = head,
						  .cells = cells,
						  .n_cols = 3,
						  .n_rows = n,
						  .scroll_label = captions[k]});
	}
	csvout_link(&h, req, "/assessments/timeliness", NULL);
	return send_page(req, 200, &h);
}

const struct route assessment_caseload_routes[] = {
	{"GET", "/assessments", caseload},
	{"GET", "/assessments/timeliness", timeliness},
};
const size_t assessment_caseload_routes_count =
	sizeof(assessment_caseload_routes) / sizeof(assessment_caseload_routes[0]);
