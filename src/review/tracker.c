/*
 * tracker.c: the phase-transfer tracker. For the cohort changing phase in one September,
 * by kind of transfer: each child's next step, its latest day back-scheduled from the
 * deadline of regulation 18, and whether they are on track, at risk or late, and why.
 */
#include <stdlib.h>
#include <string.h>

#include "platform/audit.h"
#include "access/access.h"
#include "platform/csvout.h"
#include "platform/err.h"
#include "platform/form.h"
#include "review/internal.h"

#define TRACK_MAX 2000

struct tracked {
	struct review r;
	const char *name;
	struct next_step next;
	int has_next;
};

static void status_cell(struct html *h, const void *arg)
{
	const struct tracked *t = arg;
	if (t->has_next)
		gds_tag(h, step_status_label(t->next.status), review_status_colour(t->next.status));
	else
		gds_tag(h, "Done", GDS_TAG_GREY);
}

/* why: the reason a step is late or at risk, as the page says it */
static const char *why(struct arena *a, const struct tracked *t)
{
	if (!t->has_next)
		return "";
	if (t->next.status == STEP_LATE)
		return arena_printf(a, "%s: its latest day has passed",
				    review_step_label(t->next.step));
	return t->next.status == STEP_AT_RISK ? "Its latest day is within 2 weeks" : "";
}

/* transfers_csv: the whole cohort (the page stops at TRACK_MAX), one row a child */
static int transfers_csv(struct request *req, struct db_stmt *st, struct date today)
{
	struct arena *a = req_arena(req);
	struct buf b;
	csvout_init(&b);
	static const char *const head[] = {"review_id", "child_id",  "child_or_young_person",
					   "transfer",  "next_step", "latest_date",
					   "status",    "why"};
	csvout_row(&b, head, sizeof(head) / sizeof(head[0]));
	while (db_step(st) == DB_ROW && !b.err) {
		struct tracked t = {0};
		char due[DATE_ISO_LEN + 1] = "";
		review_read_row(st, a, &t.r);
		t.has_next = review_next_step(&t.r, today, &t.next);
		if (t.has_next)
			date_iso(t.next.due, due);
		int k = transfer_kind_parse(t.r.transfer_kind);
		csvout_id(&b, t.r.id);
		csvout_id(&b, t.r.child_id);
		csvout_text(&b, db_column_text(st, 20));
		csvout_text(&b, k >= 0 ? transfer_kind_label(k) : "");
		csvout_text(&b,
			    t.has_next ? review_step_label(t.next.step) : "Amended plan issued");
		csvout_id(&b, due);
		csvout_text(&b, t.has_next ? step_status_label(t.next.status) : "Done");
		csvout_text(&b, why(a, &t));
		csvout_end_row(&b);
	}
	db_reset(st);
	return csvout_send(req, &b, "phase-transfers.csv");
}

int review_transfers_page(struct request *req)
{
	int rc = auth_require(req, REVIEW_OFFICERS);
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct arena *a = req_arena(req);
	struct date today = date_today();
	int year = today.m >= 9 ? today.y + 1 : today.y;
	const char *y = req_query(req, "year");
	if (y) {
		char *end = NULL;
		long v = strtol(y, &end, 10);
		if (!*y || *end || v < 2015 || v > 2100)
			return ERR_NOTFOUND;
		year = (int)v;
	}
	int csv = csvout_wanted(req);
	if (csv < 0)
		return csv;
	char sept[DATE_ISO_LEN + 1];
	date_iso((struct date){year, 9, 1}, sept);
	struct tracked *rows = arena_alloc(a, sizeof(*rows) * TRACK_MAX);
	if (!rows)
		return ERR_NOMEM;
	size_t n = 0;
	struct db_stmt *st = NULL;
	if ((rc = db_prepare(req_db(req),
			     "SELECT r.id, r.child_id, r.la_code, r.setting_id, r.kind,"
			     " r.transfer_kind, r.decision, r.rules_version, r.transfer_on,"
			     " r.due_on, r.target_on, r.invitations_on, r.meeting_on, r.report_on,"
			     " r.decision_on, r.amendments_on, r.amended_on, r.closed_on, NULL,"
			     " NULL, c.given_name || ' ' || c.family_name FROM review r JOIN child"
			     " c ON c.id = r.child_id WHERE r.la_code = $1 AND r.kind ="
			     " 'phase_transfer' AND r.transfer_on = $2 ORDER BY r.transfer_kind,"
			     " r.due_on, c.family_name, c.given_name",
			     &st)) != 0)
		return rc;
	if (csv) {
		if ((rc = db_bind_text(st, 1, u->la_code)) != 0 ||
		    (rc = db_bind_text(st, 2, sept)) != 0 ||
		    (rc = audit_record(req, "read", "transfer_tracker", u->la_code)) != 0) {
			db_reset(st);
			return rc;
		}
		return transfers_csv(req, st, today);
	}
	if ((rc = db_bind_text(st, 1, u->la_code)) == 0 && (rc = db_bind_text(st, 2, sept)) == 0)
		while (n < TRACK_MAX && db_step(st) == DB_ROW) {
			review_read_row(st, a, &rows[n].r);
			rows[n].name = arena_strdup(a, db_column_text(st, 20));
			rows[n].has_next = review_next_step(&rows[n].r, today, &rows[n].next);
			n++;
		}
	db_reset(st);
	if (rc || (rc = audit_record(req, "read", "transfer_tracker", u->la_code)) != 0)
		return rc;
	struct html h;
	html_init(&h);
	const char *title = arena_printf(a, "Phase transfers in September %d", year);
	gds_page_start(&h, &(struct gds_page){.title = title, .sign_out_csrf = u->csrf});
	gds_back_link(&h, "/reviews", "Back to reviews");
	gds_heading(&h, &(struct gds_heading){.text = title, .caption = "Reviews"});
	gds_p(&h, "Each plan must be reviewed and amended, naming the next school or college, "
		  "before 15 February of the year of the transfer (before 31 March from secondary "
		  "school to post-16). The latest day of each step is worked back from that "
		  "deadline so that every statutory period still fits.");
	html_raw(&h, "<p class=\"govuk-body\">");
	gds_link(&h, arena_printf(a, "/reviews/transfers?year=%d", year - 1), "Previous year");
	html_raw(&h, " | ");
	gds_link(&h, arena_printf(a, "/reviews/transfers?year=%d", year + 1), "Next year");
	html_raw(&h, "</p>");
	csvout_link(&h, req, "/reviews/transfers", (const char *const[]){"year", NULL});
	if (!n)
		gds_p(&h, "No child with a plan in this area changes phase that September.");
	for (int k = 0; k < TRANSFER_KINDS; k++) {
		size_t count[5] = {0}, m = 0;
		for (size_t i = 0; i < n; i++)
			if (transfer_kind_parse(rows[i].r.transfer_kind) == k) {
				m++;
				count[rows[i].has_next ? rows[i].next.status : STEP_DONE]++;
			}
		if (!m)
			continue;
		struct gds_table_cell *cells = arena_alloc(a, sizeof(*cells) * 5 * m);
		if (!cells) {
			html_release(&h);
			return ERR_NOMEM;
		}
		size_t j = 0;
		for (size_t i = 0; i < n; i++) {
			struct tracked *t = &rows[i];
			if (transfer_kind_parse(t->r.transfer_kind) != k)
				continue;
			char due[DATE_LONG_MAX] = "";
			if (t->has_next)
				date_long(t->next.due, due, sizeof(due));
			struct gds_table_cell *c = &cells[5 * j++];
			c[0] = (struct gds_table_cell){
				.text = t->name, .href = arena_printf(a, "/reviews/%s", t->r.id)};
			c[1] = (struct gds_table_cell){
				.text = t->has_next ? review_step_label(t->next.step)
						    : "Amended plan issued"};
			c[2] = (struct gds_table_cell){.text = arena_strdup(a, due)};
			c[3] = (struct gds_table_cell){.slot = {status_cell, t}};
			c[4] = (struct gds_table_cell){.text = why(a, t)};
		}
		static const struct gds_table_cell head[] = {{.text = "Child or young person"},
							     {.text = "Next step"},
							     {.text = "Latest date"},
							     {.text = "Status"},
							     {.text = "Why"}};
		gds_table(&h,
			  &(struct gds_table){
				  .caption = arena_printf(
					  a,
					  "%s: %zu (%zu late, %zu at risk, %zu on track, %zu done)",
					  transfer_kind_label(k), m, count[STEP_LATE],
					  count[STEP_AT_RISK], count[STEP_ON_TRACK],
					  count[STEP_DONE]),
				  .caption_size = GDS_SIZE_M,
				  .head = head,
				  .cells = cells,
				  .n_cols = 5,
				  .n_rows = m,
				  .first_cell_is_header = 1,
				  .scroll_label = transfer_kind_label(k)});
	}
	gds_page_end(&h);
	if ((rc = html_error(&h)) != 0) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, 200, &h);
}

/* a move between post-16 institutions, planned by the LA for a given day */
int review_transfer_post(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	const char *child = req_param(req, "id");
	int rc = access_child(req, child);
	if (rc || (rc = auth_require(req, REVIEW_OFFICERS)) != 0)
		return rc;
	struct field_errors errs = {0};
	char on[DATE_ISO_LEN + 1];
	struct date d;
	if (form_date(req, "transfer", on, &errs, FORM_DATE_FUTURE_OK) != 0 ||
	    date_parse(on, &d) != 0)
		return review_child_page(req, 422, child, &errs);
	if (date_cmp(d, date_today()) <= 0) {
		field_error_add(&errs, "transfer-day", NULL, "The move must be in the future");
		return review_child_page(req, 422, child, &errs);
	}
	rc = review_plan_transfer(req_db(req), child, TRANSFER_POST16_MOVE, d, auth_user(req)->id);
	if (rc == ERR_CONFLICT) {
		field_error_add(&errs, "transfer-day", NULL,
				"A review is under way: record its decision first");
		return review_child_page(req, 422, child, &errs);
	}
	if (rc)
		return rc;
	return resp_redirect(req, arena_printf(req_arena(req), "/children/%s/reviews", child));
}

/* the LA's own aim for reviewing the plans of children under 5 (CoP 9.178: every 3 to 6
 * months), for LA managers */
static int under5_page(struct request *req, int status, const struct field_errors *errs)
{
	int rc = auth_require(req, ROLE_BIT(ROLE_LA_MANAGER));
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct arena *a = req_arena(req);
	int months = review_rules_now.under5_review_months;
	struct db_stmt *st = NULL;
	if (db_prepare(req_db(req),
		       "SELECT under5_review_months FROM la_review_setting WHERE la_code = $1",
		       &st) == 0) {
		if (db_bind_text(st, 1, u->la_code) == 0 && db_step(st) == DB_ROW)
			months = (int)db_column_int64(st, 0);
		db_reset(st);
	}
	static const struct gds_choice choices[] = {{.value = "3", .text = "Every 3 months"},
						    {.value = "4", .text = "Every 4 months"},
						    {.value = "5", .text = "Every 5 months"},
						    {.value = "6", .text = "Every 6 months"}};
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "Reviews of children under 5",
					      .errors = errs,
					      .sign_out_csrf = u->csrf});
	gds_back_link(&h, "/reviews", "Back to reviews");
	gds_heading(&h, &(struct gds_heading){.text = "Reviews of children under 5"});
	gds_p(&h, "The law asks for a review at least every 12 months. For children under 5 the "
		  "SEND Code of Practice (9.178) asks councils to consider reviewing every 3 to 6 "
		  "months; this is your council's aim, shown beside the legal date.");
	gds_form_start(&h, "/reviews/under-5");
	gds_hidden(&h, "csrf", u->csrf);
	gds_radios(&h, &(struct gds_choices){.name = "months",
					     .legend = "Review the plans of children under 5",
					     .legend_size = GDS_SIZE_S,
					     .items = choices,
					     .n_items = 4,
					     .value = arena_printf(a, "%d", months),
					     .errors = errs});
	gds_button(&h, &(struct gds_button){.text = "Save"});
	gds_form_end(&h);
	gds_page_end(&h);
	if ((rc = html_error(&h)) != 0) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, status, &h);
}

int review_under5_get(struct request *req)
{
	return under5_page(req, 200, NULL);
}

int review_under5_post(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	int rc = auth_require(req, ROLE_BIT(ROLE_LA_MANAGER));
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	const char *m = req_form(req, "months");
	if (!m || strlen(m) != 1 || m[0] < '3' || m[0] > '6') {
		struct field_errors errs = {0};
		field_error_add(&errs, "months", NULL, "Choose from 3 to 6 months");
		return under5_page(req, 422, &errs);
	}
	struct db *db = req_db(req);
	char now[TIME_ISO_LEN + 1];
	time_iso(time_now(), now);
	struct db_stmt *st = NULL;
	if ((rc = db_begin(db)) != 0)
		return rc;
	rc = db_prepare(
		db,
		"INSERT INTO la_review_setting (la_code, under5_review_months, set_by,"
		" set_at) VALUES ($1, CAST($2 AS INTEGER), $3, $4) ON CONFLICT (la_code) DO"
		" UPDATE SET under5_review_months = CAST($2 AS INTEGER), set_by = $3, set_at"
		" = $4",
		&st);
	const char *v[] = {u->la_code, m, u->id, now};
	for (int i = 0; i < 4 && rc == 0; i++)
		rc = db_bind_text(st, i + 1, v[i]);
	if (rc == 0)
		rc = db_step(st) == DB_DONE ? 0 : ERR_DB;
	if (st)
		db_reset(st);
	if ((rc = audit_commit(db, rc, u->id, "update", "la_review_setting", u->la_code)) != 0)
		return rc;
	return resp_redirect(req, "/reviews/under-5");
}
