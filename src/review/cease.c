/*
 * cease.c: when a plan stops, and when a child moves to another LA.
 *
 * Ceasing: a decision to cease (recorded with the review's decision, with its SEN2 reason
 * and that reason's date) gives the family 2 months to appeal; the plan is maintained
 * until that time has passed (review_schedule then records the day it ceased) or an
 * appeal is decided: upheld, the plan continues; dismissed, it ceases that day.
 *
 * Moves (regulation 15): the plan transfers with the child; the new LA must tell the
 * family within 6 weeks and review before the later of 12 months from the last review and
 * 3 months from the transfer. The old LA's open reviews end; the new LA's first review is
 * scheduled; the child is the new LA's from the day of the transfer.
 */
#include <stdlib.h>
#include <string.h>

#include "access/access.h"
#include "platform/audit.h"
#include "platform/err.h"
#include "platform/form.h"
#include "platform/log.h"
#include "review/internal.h"

static int exec_v(struct db *db, const char *sql, const char *const *v, int n)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, sql, &st);
	for (int i = 0; i < n && rc == 0; i++)
		rc = v[i] ? db_bind_text(st, i + 1, v[i]) : db_bind_null(st, i + 1);
	if (rc == 0)
		rc = db_step(st) == DB_DONE ? 0 : ERR_DB;
	if (st)
		db_reset(st);
	return rc;
}

/* ---- ceasing ---- */

static int cease_page(struct request *req, int status, const char *child,
		      const struct field_errors *errs)
{
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	struct child c;
	int rc = child_get(db, child, &c);
	if (rc || (rc = audit_record(req, "read", "plan_cease", child)) != 0)
		return rc;
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "Ceasing the plan",
					      .errors = errs,
					      .sign_out_csrf = u->csrf});
	gds_back_link(&h, arena_printf(a, "/children/%s/plan", child), "Back to the plan");
	gds_heading(&h, &(struct gds_heading){
				.text = "Ceasing the plan",
				.caption = arena_printf(a, "%s %s", c.given_name, c.family_name)});
	struct db_stmt *st = NULL;
	int any = 0;
	if ((rc = db_prepare(db,
			     "SELECT id, reason, reason_on, decided_on, appeal_by,"
			     " appeal_lodged_on, appeal_decided_on, appeal_upheld, ceases_on FROM"
			     " plan_cease WHERE child_id = $1 ORDER BY decided_on DESC, id",
			     &st)) != 0) {
		html_release(&h);
		return rc;
	}
	if (db_bind_text(st, 1, child) == 0)
		while (db_step(st) == DB_ROW) {
			any = 1;
			const char *id = arena_strdup(a, db_column_text(st, 0));
			const char *col[9];
			for (int i = 0; i < 9; i++) {
				struct date d;
				char buf[DATE_LONG_MAX];
				col[i] = db_column_is_null(st, i)
						 ? NULL
						 : arena_strdup(a, db_column_text(st, i));
				/* the dates in words: "4 November 2026" */
				if (i >= 2 && i != 7 && col[i] && date_parse(col[i], &d) == 0) {
					date_long(d, buf, sizeof(buf));
					col[i] = arena_strdup(a, buf);
				}
			}
			struct gds_summary_row rows[6] = {
				{.key = "Reason", .value = review_cease_reason(col[1])},
				{.key = "Which rests on", .value = col[2]},
				{.key = "Decided and notice given", .value = col[3]},
				{.key = "Appeal by", .value = col[4]},
				{.key = "Appeal",
				 .value = !col[5]   ? "None recorded"
					  : !col[6] ? arena_printf(a,
								   "Lodged on %s: the plan is "
								   "maintained until it is decided",
								   col[5])
					  : col[7] && strcmp(col[7], "1") == 0
						  ? arena_printf(a,
								 "Upheld on %s: the plan continues",
								 col[6])
						  : arena_printf(a, "Dismissed on %s", col[6])},
				{.key = "The plan ceased",
				 .value = col[8] ? col[8]
					  : col[7] && strcmp(col[7], "1") == 0
						  ? "No: it continues"
						  : "Not yet: it is maintained until the time to "
						    "appeal "
						    "has passed or an appeal is decided"}};
			gds_summary_list(&h, &(struct gds_summary_list){.rows = rows, .n_rows = 6});
			if (!(ROLE_BIT(u->role) & REVIEW_OFFICERS) || col[8] ||
			    (col[7] && strcmp(col[7], "1") == 0))
				continue;
			int lodged = col[5] != NULL;
			gds_form_start(&h, arena_printf(a, "/children/%s/plan/cease/%s", child,
							lodged ? "outcome" : "appeal"));
			gds_hidden(&h, "csrf", u->csrf);
			gds_hidden(&h, "cease", id);
			if (!lodged) {
				form_date_input(&h, req, "lodged", "The family appealed on", NULL,
						errs);
			} else {
				form_date_input(&h, req, "decided", "The tribunal decided on", NULL,
						errs);
				static const struct gds_choice outcome[] = {
					{.value = "upheld", .text = "Upheld: the plan continues"},
					{.value = "dismissed",
					 .text = "Dismissed: the plan ceases"}};
				gds_radios(&h,
					   &(struct gds_choices){.name = "outcome",
								 .legend = "The decision",
								 .legend_size = GDS_SIZE_S,
								 .items = outcome,
								 .n_items = 2,
								 .value = req_form(req, "outcome"),
								 .errors = errs});
			}
			gds_button(&h, &(struct gds_button){.text = "Save",
							    .kind = GDS_BUTTON_SECONDARY});
			gds_form_end(&h);
		}
	db_reset(st);
	if (!any)
		gds_p(&h, "No decision to cease this plan has been made.");
	gds_page_end(&h);
	if ((rc = html_error(&h)) != 0) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, status, &h);
}

static int cease_get(struct request *req)
{
	const char *child = req_param(req, "id");
	int rc = access_child(req, child);
	return rc ? rc : cease_page(req, 200, child, NULL);
}

static int cease_post(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	const char *child = req_param(req, "id"), *what = req_param(req, "what");
	int rc = access_child(req, child);
	if (rc || (rc = auth_require(req, REVIEW_OFFICERS)) != 0)
		return rc;
	int appeal = strcmp(what, "appeal") == 0;
	if (!appeal && strcmp(what, "outcome") != 0)
		return ERR_NOTFOUND;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct field_errors errs = {0};
	char on[DATE_ISO_LEN + 1];
	const char *cease = req_form(req, "cease"), *outcome = req_form(req, "outcome");
	form_date(req, appeal ? "lodged" : "decided", on, &errs, 0);
	if (!appeal && (!outcome || (strcmp(outcome, "upheld") && strcmp(outcome, "dismissed"))))
		field_error_add(&errs, "outcome", NULL, "Choose the tribunal's decision");
	if (errs.n)
		return cease_page(req, 422, child, &errs);
	if ((rc = db_begin(db)) != 0)
		return rc;
	/* the row, locked: it must be this child's, and in the state the step follows */
	struct db_stmt *st = NULL;
	char decided[DATE_ISO_LEN + 1] = "", lodged[DATE_ISO_LEN + 1] = "";
	int found = 0, ended = 0;
	if ((rc = db_prepare(db,
			     "UPDATE plan_cease SET recorded_at = recorded_at WHERE id = $1 AND"
			     " child_id = $2 RETURNING decided_on, appeal_lodged_on, ceases_on,"
			     " appeal_upheld",
			     &st)) == 0) {
		if (db_bind_text(st, 1, cease ? cease : "") == 0 &&
		    db_bind_text(st, 2, child) == 0 && db_step(st) == DB_ROW) {
			found = 1;
			snprintf(decided, sizeof(decided), "%s", db_column_text(st, 0));
			if (!db_column_is_null(st, 1))
				snprintf(lodged, sizeof(lodged), "%s", db_column_text(st, 1));
			ended = !db_column_is_null(st, 2) || !db_column_is_null(st, 3);
		}
		db_reset(st);
	}
	if (!rc && !found)
		rc = ERR_NOTFOUND;
	else if (!rc && (ended || (appeal ? lodged[0] != 0 : lodged[0] == 0)))
		rc = ERR_CONFLICT;
	else if (!rc && strcmp(on, appeal ? decided : lodged) < 0)
		field_error_add(&errs, appeal ? "lodged-day" : "decided-day", NULL,
				appeal ? "The appeal cannot be before the decision to cease"
				       : "The tribunal's decision cannot be before the appeal");
	if (rc || errs.n) {
		db_rollback(db);
		return errs.n ? cease_page(req, 422, child, &errs) : rc;
	}
	int upheld = !appeal && strcmp(outcome, "upheld") == 0;
	const char *v[] = {cease, on, upheld ? "1" : "0"};
	rc = appeal ? exec_v(db, "UPDATE plan_cease SET appeal_lodged_on = $2 WHERE id = $1", v, 2)
		    : exec_v(db,
			     "UPDATE plan_cease SET appeal_decided_on = $2, appeal_upheld ="
			     " CAST($3 AS INTEGER), ceases_on = CASE WHEN $3 = '1' THEN NULL ELSE"
			     " $2 END WHERE id = $1",
			     v, 3);
	if ((rc = audit_commit(db, rc, u->id, appeal ? "appeal" : "appeal_decided", "plan_cease",
			       cease)) != 0)
		return rc;
	return resp_redirect(req, arena_printf(req_arena(req), "/children/%s/plan/cease", child));
}

/* ---- moves between LAs ---- */

static int move_page(struct request *req, int status, const char *child,
		     const struct field_errors *errs)
{
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	struct child c;
	int rc = child_get(db, child, &c);
	if (rc || (rc = audit_record(req, "read", "child_move", child)) != 0)
		return rc;
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "Moving to another local authority",
					      .errors = errs,
					      .sign_out_csrf = u->csrf});
	gds_back_link(&h, arena_printf(a, "/children/%s", child), "Back to the record");
	gds_heading(&h, &(struct gds_heading){
				.text = "Moving to another local authority",
				.caption = arena_printf(a, "%s %s", c.given_name, c.family_name)});
	gds_p(&h, "The plan moves with the child. The new council must tell the family within 6 "
		  "weeks that the plan has transferred, whether it will assess, and when it will "
		  "review the plan: before the later of 12 months from the last review and 3 "
		  "months from the transfer (SEND Regulations 2014, regulation 15).");
	struct gds_option *las = arena_alloc(a, sizeof(*las) * 200);
	size_t n = 0;
	struct db_stmt *st = NULL;
	if (!las) {
		html_release(&h);
		return ERR_NOMEM;
	}
	las[n++] = (struct gds_option){.value = "", .text = "Choose the new council"};
	if (db_prepare(
		    db,
		    "SELECT code, name FROM local_authority WHERE effective_to IS NULL AND code <>"
		    " $1 ORDER BY name",
		    &st) == 0) {
		if (db_bind_text(st, 1, c.la_code) == 0)
			while (n < 200 && db_step(st) == DB_ROW)
				las[n++] = (struct gds_option){
					.value = arena_strdup(a, db_column_text(st, 0)),
					.text = arena_strdup(a, db_column_text(st, 1))};
		db_reset(st);
	}
	gds_form_start(&h, arena_printf(a, "/children/%s/move", child));
	gds_hidden(&h, "csrf", u->csrf);
	gds_select(&h, &(struct gds_select){.name = "to_la",
					    .label = "The new council",
					    .label_size = GDS_SIZE_S,
					    .items = las,
					    .n_items = n,
					    .value = req_form(req, "to_la"),
					    .errors = errs});
	form_date_input(&h, req, "transferred", "The day the plan transferred", NULL, errs);
	gds_button(&h,
		   &(struct gds_button){.text = "Transfer the plan", .prevent_double_click = 1});
	gds_form_end(&h);
	gds_page_end(&h);
	if ((rc = html_error(&h)) != 0) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, status, &h);
}

static int move_get(struct request *req)
{
	const char *child = req_param(req, "id");
	int rc = access_child(req, child);
	if (rc || (rc = auth_require(req, REVIEW_OFFICERS)) != 0)
		return rc;
	return move_page(req, 200, child, NULL);
}

/* last_review: the plan's first issue or the last review meeting, whichever is later */
static struct date last_review(struct db *db, const char *child)
{
	struct date d = {0, 0, 0};
	struct db_stmt *st = NULL;
	if (db_prepare(db,
		       "SELECT max(x) FROM (SELECT min(issued_on) AS x FROM plan_version WHERE"
		       " child_ref = $1 AND status <> 'draft' UNION ALL SELECT max(meeting_on)"
		       " FROM review WHERE child_id = $1) t",
		       &st) != 0)
		return d;
	if (db_bind_text(st, 1, child) == 0 && db_step(st) == DB_ROW && !db_column_is_null(st, 0))
		date_parse(db_column_text(st, 0), &d);
	db_reset(st);
	return d;
}

static int move_post(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	const char *child = req_param(req, "id");
	int rc = access_child(req, child);
	if (rc || (rc = auth_require(req, REVIEW_OFFICERS)) != 0)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct field_errors errs = {0};
	struct child c;
	if ((rc = child_get(db, child, &c)) != 0)
		return rc;
	const char *to = req_form(req, "to_la");
	char on[DATE_ISO_LEN + 1];
	int64_t known = 0;
	struct db_stmt *st = NULL;
	if (to && *to &&
	    db_prepare(db,
		       "SELECT count(*) FROM local_authority WHERE code = $1 AND effective_to IS"
		       " NULL",
		       &st) == 0) {
		if (db_bind_text(st, 1, to) == 0 && db_step(st) == DB_ROW)
			known = db_column_int64(st, 0);
		db_reset(st);
	}
	if (!known || strcmp(to, c.la_code) == 0)
		field_error_add(&errs, "to_la", NULL, "Choose the council the child has moved to");
	form_date(req, "transferred", on, &errs, FORM_DATE_FUTURE_OK);
	struct date last = last_review(db, child);
	if (!errs.n && !last.y)
		field_error_add(&errs, "to_la", NULL,
				"There is no issued plan to transfer: the new council assesses "
				"afresh");
	if (errs.n)
		return move_page(req, 422, child, &errs);
	struct date t;
	date_parse(on, &t);
	struct move_duties m = review_move_duties(&review_rules_now, t, last);
	char id[ID_LEN + 1], rid[ID_LEN + 1], now[32], notify[DATE_ISO_LEN + 1],
		due[DATE_ISO_LEN + 1];
	id_new(id);
	id_new(rid);
	log_now_iso(now, sizeof(now));
	date_iso(m.notify_by, notify);
	date_iso(m.review_by, due);
	if ((rc = db_begin(db)) != 0)
		return rc;
	const char *mv[] = {id, child, c.la_code, to, on, notify, u->id, now};
	rc = exec_v(db,
		    "INSERT INTO child_move (id, child_id, from_la, to_la, transferred_on,"
		    " notify_by, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7,"
		    " $8)",
		    mv, 8);
	const char *cv[] = {child, to, on, now};
	if (rc == 0) /* the old LA's open reviews end with the transfer */
		rc = exec_v(db,
			    "UPDATE review SET closed_on = $3, updated_at = $4 WHERE child_id = $1"
			    " AND closed_on IS NULL AND la_code <> $2",
			    cv, 4);
	if (rc == 0)
		rc = exec_v(db, "UPDATE child SET la_code = $2, caseworker_id = NULL WHERE id = $1",
			    cv, 2);
	const char *rv[] = {rid, child, to, due, review_rules_now.version, now};
	if (rc == 0)
		rc = exec_v(
			db,
			"INSERT INTO review (id, child_id, la_code, kind, due_on, target_on,"
			" rules_version, created_at, updated_at) VALUES ($1, $2, $3, 'move', $4,"
			" $4, $5, $6, $6)",
			rv, 6);
	if ((rc = audit_commit(db, rc, u->id, "transfer", "child_move", id)) != 0)
		return rc;
	return resp_redirect(req, "/reviews");
}

const struct route review_cease_routes[] = {
	{"GET", "/children/{id}/plan/cease", cease_get},
	{"POST", "/children/{id}/plan/cease/{what}", cease_post},
	{"GET", "/children/{id}/move", move_get},
	{"POST", "/children/{id}/move", move_post},
};
const size_t review_cease_routes_count =
	sizeof(review_cease_routes) / sizeof(review_cease_routes[0]);
