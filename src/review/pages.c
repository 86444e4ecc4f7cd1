/*
 * pages.c: reviews on the web. The LA's list of open reviews by their next legal date;
 * a setting's list of the reviews it must hold this term; one review with its steps and
 * the form for the next one. The setting records the invitations, the meeting and its
 * report; the LA decides and sends amendments; the family sees where it stands.
 */
#include <stdlib.h>
#include <string.h>

#include "access/access.h"
#include "people/people.h"
#include "platform/audit.h"
#include "platform/auth.h"
#include "platform/csvout.h"
#include "platform/err.h"
#include "platform/gds.h"
#include "redress/redress.h"
#include "review/internal.h"

static const char *long_date(struct arena *a, struct date d)
{
	char buf[DATE_LONG_MAX];
	if (!d.y)
		return "";
	date_long(d, buf, sizeof(buf));
	return arena_strdup(a, buf);
}

const char *review_kind_label(const struct review *r)
{
	if (strcmp(r->kind, "phase_transfer") == 0) {
		int k = transfer_kind_parse(r->transfer_kind);
		return k >= 0 ? transfer_kind_label(k) : "Phase transfer";
	}
	return strcmp(r->kind, "move") == 0 ? "First review after a move" : "Annual review";
}

enum gds_tag_colour review_status_colour(enum step_status s)
{
	return s == STEP_LATE ? GDS_TAG_RED : s == STEP_AT_RISK ? GDS_TAG_YELLOW : GDS_TAG_GREEN;
}

/* ---- the lists ---- */

#define LIST_MAX 1000
#define LIST_SQL_ALL(where)                                                                   \
	"SELECT r.id, r.child_id, r.la_code, r.setting_id, r.kind, r.transfer_kind,"          \
	" r.decision, r.rules_version, r.transfer_on, r.due_on, r.target_on,"                 \
	" r.invitations_on, r.meeting_on, r.report_on, r.decision_on, r.amendments_on,"       \
	" r.amended_on, r.closed_on, NULL, NULL, c.given_name || ' ' || c.family_name"        \
	" FROM review r JOIN child c ON c.id = r.child_id WHERE " where " AND r.closed_on IS" \
	" NULL ORDER BY r.due_on, c.family_name, c.given_name"
#define LIST_SQL(where) LIST_SQL_ALL(where) " LIMIT 1000"

struct row {
	struct review r;
	const char *name;
	struct next_step next;
	int has_next;
};

static size_t load_rows(struct request *req, const char *sql, const char *key, const char *term_end,
			struct row *rows)
{
	struct db_stmt *st = NULL;
	struct arena *a = req_arena(req);
	size_t n = 0;
	if (db_prepare(req_db(req), sql, &st) != 0)
		return 0;
	if (db_bind_text(st, 1, key) == 0 && (!term_end || db_bind_text(st, 2, term_end) == 0))
		while (n < LIST_MAX && db_step(st) == DB_ROW) {
			review_read_row(st, a, &rows[n].r);
			rows[n].name = arena_strdup(a, db_column_text(st, 20));
			rows[n].has_next =
				review_next_step(&rows[n].r, date_today(), &rows[n].next);
			n++;
		}
	db_reset(st);
	return n;
}

/*
 * list_csv: every open review of the list (the page stops at LIST_MAX), with its ids and
 * ISO dates, after the page's audit row has been written by the caller.
 */
static int list_csv(struct request *req, const char *sql, const char *key, const char *term_end,
		    const char *filename)
{
	struct db_stmt *st = NULL;
	struct arena *a = req_arena(req);
	struct date today = date_today();
	int rc = db_prepare(req_db(req), sql, &st);
	if (rc)
		return rc;
	struct buf b;
	csvout_init(&b);
	static const char *const head[] = {"review_id", "child_id",  "child_or_young_person",
					   "review",    "next_step", "latest_date",
					   "status"};
	csvout_row(&b, head, sizeof(head) / sizeof(head[0]));
	if ((rc = db_bind_text(st, 1, key)) == 0 &&
	    (!term_end || (rc = db_bind_text(st, 2, term_end)) == 0))
		while (db_step(st) == DB_ROW && !b.err) {
			struct review r;
			struct next_step next;
			char due[DATE_ISO_LEN + 1] = "";
			review_read_row(st, a, &r);
			int has_next = review_next_step(&r, today, &next);
			if (has_next)
				date_iso(next.due, due);
			csvout_id(&b, r.id);
			csvout_id(&b, r.child_id);
			csvout_text(&b, db_column_text(st, 20));
			csvout_text(&b, review_kind_label(&r));
			csvout_text(&b, has_next ? review_step_label(next.step) : "");
			csvout_id(&b, due);
			csvout_text(&b, has_next ? step_status_label(next.status) : "");
			csvout_end_row(&b);
		}
	db_reset(st);
	if (rc) {
		buf_release(&b);
		return rc;
	}
	return csvout_send(req, &b, filename);
}

static void status_cell(struct html *h, const void *arg)
{
	const struct row *w = arg;
	if (w->has_next)
		gds_tag(h, step_status_label(w->next.status), review_status_colour(w->next.status));
}

static int list_page(struct request *req, const char *title, const char *caption, struct row *rows,
		     size_t n, const char *intro)
{
	const struct user *u = auth_user(req);
	struct arena *a = req_arena(req);
	size_t counts[4] = {0};
	for (size_t i = 0; i < n; i++)
		if (rows[i].has_next)
			counts[rows[i].next.status]++;
	struct gds_table_cell *cells = arena_alloc(a, sizeof(*cells) * 5 * (n ? n : 1));
	if (!cells)
		return ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		struct gds_table_cell *c = &cells[5 * i];
		c[0] = (struct gds_table_cell){
			.text = rows[i].name, .href = arena_printf(a, "/reviews/%s", rows[i].r.id)};
		c[1] = (struct gds_table_cell){.text = review_kind_label(&rows[i].r)};
		c[2] = (struct gds_table_cell){
			.text = rows[i].has_next ? review_step_label(rows[i].next.step) : ""};
		c[3] = (struct gds_table_cell){
			.text = rows[i].has_next ? long_date(a, rows[i].next.due) : ""};
		c[4] = (struct gds_table_cell){.slot = {status_cell, &rows[i]}};
	}
	static const struct gds_table_cell head[] = {{.text = "Child or young person"},
						     {.text = "Review"},
						     {.text = "Next step"},
						     {.text = "Latest date"},
						     {.text = "Status"}};
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = title, .sign_out_csrf = u->csrf});
	gds_heading(&h, &(struct gds_heading){.text = title, .caption = caption});
	if (intro)
		gds_p(&h, intro);
	if (ROLE_BIT(u->role) & REVIEW_OFFICERS) {
		html_raw(&h, "<ul class=\"govuk-list\"><li>");
		gds_link(&h, "/reviews/transfers", "Phase transfers");
		html_raw(&h, "</li><li>");
		gds_link(&h, "/reviews/provision", "Provision that did not happen");
		html_raw(&h, "</li>");
		if (u->role == ROLE_LA_MANAGER) {
			html_raw(&h, "<li>");
			gds_link(&h, "/reviews/under-5", "Reviews of children under 5");
			html_raw(&h, "</li>");
		}
		html_raw(&h, "</ul>");
	}
	gds_p(&h, arena_printf(a,
			       "%zu open: %zu late, %zu at risk (due within 2 weeks), %zu on "
			       "track.",
			       n, counts[STEP_LATE], counts[STEP_AT_RISK], counts[STEP_ON_TRACK]));
	if (n == LIST_MAX)
		gds_inset_text(&h, "Only the first 1,000, by their latest date, are shown.");
	if (n)
		gds_table(&h,
			  &(struct gds_table){.caption = "Open reviews by their next latest date",
					      .caption_size = GDS_SIZE_S,
					      .head = head,
					      .cells = cells,
					      .n_cols = 5,
					      .n_rows = n,
					      .first_cell_is_header = 1,
					      .scroll_label = "Open reviews"});
	csvout_link(&h, req, req_path(req), NULL);
	gds_page_end(&h);
	int rc = html_error(&h);
	if (rc) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, 200, &h);
}

static int la_reviews(struct request *req)
{
	int rc = auth_require(req, ROLE_BIT(ROLE_CASEWORKER) | ROLE_BIT(ROLE_LA_MANAGER));
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	int csv = csvout_wanted(req);
	if (csv < 0)
		return csv;
	if (csv)
		return (rc = audit_record(req, "read", "review_list", u->la_code)) != 0
			       ? rc
			       : list_csv(req, LIST_SQL_ALL("r.la_code = $1"), u->la_code, NULL,
					  "reviews.csv");
	struct row *rows = arena_alloc(req_arena(req), sizeof(*rows) * LIST_MAX);
	if (!rows)
		return ERR_NOMEM;
	size_t n = load_rows(req, LIST_SQL("r.la_code = $1"), u->la_code, NULL, rows);
	if ((rc = audit_record(req, "read", "review_list", u->la_code)) != 0)
		return rc;
	return list_page(req, "Reviews", "Plans of children and young people in your area", rows, n,
			 NULL);
}

/* term_end: the last day of the school term `on` falls in (autumn to 31 December, spring
 * to 31 March... the spring term ends at Easter, which moves; this list runs to 30 April,
 * summer to 31 August) */
static struct date term_end(struct date on)
{
	if (on.m >= 9)
		return (struct date){on.y, 12, 31};
	if (on.m <= 4)
		return (struct date){on.y, 4, 30};
	return (struct date){on.y, 8, 31};
}

static int setting_reviews(struct request *req)
{
	int rc = auth_require(req, ROLE_BIT(ROLE_SENCO));
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct arena *a = req_arena(req);
	struct date end = term_end(date_today());
	char end_iso[DATE_ISO_LEN + 1];
	date_iso(end, end_iso);
	int csv = csvout_wanted(req);
	if (csv < 0)
		return csv;
	if (csv)
		return (rc = audit_record(req, "read", "review_list", u->org_id)) != 0
			       ? rc
			       : list_csv(req, LIST_SQL_ALL("r.setting_id = $1 AND r.due_on <= $2"),
					  u->org_id, end_iso, "setting-reviews.csv");
	struct row *rows = arena_alloc(a, sizeof(*rows) * LIST_MAX);
	if (!rows)
		return ERR_NOMEM;
	size_t n = load_rows(req, LIST_SQL("r.setting_id = $1 AND r.due_on <= $2"), u->org_id,
			     end_iso, rows);
	if ((rc = audit_record(req, "read", "review_list", u->org_id)) != 0)
		return rc;
	return list_page(req, "Reviews to hold this term", "Your setting", rows, n,
			 arena_printf(a,
				      "The reviews your setting must hold by the end of this term "
				      "(%s), and any that are late. Invitations and advice go out "
				      "at least 2 weeks before each meeting.",
				      long_date(a, end)));
}

/* ---- one review ---- */

static void step_row(struct arena *a, struct gds_summary_row *row, const char *key,
		     struct date done, const char *extra)
{
	*row = (struct gds_summary_row){
		.key = key,
		.value = done.y ? arena_printf(a, "%s%s", long_date(a, done), extra ? extra : "")
				: "Not yet"};
}

int review_page(struct request *req, int status, const char *id, const struct field_errors *errs)
{
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	const struct user *u = auth_user(req);
	struct review r;
	int rc = review_get(db, id, a, &r);
	if (rc)
		return rc;
	if ((rc = access_child(req, r.child_id)) != 0)
		return rc;
	struct child c;
	if ((rc = child_get(db, r.child_id, &c)) != 0)
		return rc;
	if ((rc = audit_record(req, "read", "review", id)) != 0)
		return rc;
	struct next_step next;
	int has_next = review_next_step(&r, date_today(), &next);
	int officer = ROLE_BIT(u->role) & REVIEW_OFFICERS ? 1 : 0;
	int setting = u->role == ROLE_SENCO;
	struct gds_summary_row rows[10];
	size_t n = 0;
	rows[n++] = (struct gds_summary_row){.key = "Review", .value = review_kind_label(&r)};
	if (r.transfer_on.y)
		rows[n++] = (struct gds_summary_row){.key = "Transfer",
						     .value = long_date(a, r.transfer_on)};
	rows[n++] = (struct gds_summary_row){
		.key = strcmp(r.kind, "phase_transfer") == 0 ? "Amended plan due by"
							     : "Meeting due by",
		.value = arena_printf(a, "%s (the legal last day)", long_date(a, r.due_on))};
	if (r.target_on.y && date_cmp(r.target_on, r.due_on) < 0)
		rows[n++] = (struct gds_summary_row){
			.key = "The council aims for",
			.value = arena_printf(a, "%s (children under 5 are reviewed more often)",
					      long_date(a, r.target_on))};
	int late_invites = r.invitations_on.y && r.meeting_on.y &&
			   date_days(r.meeting_on) - date_days(r.invitations_on) <=
				   review_rules_now.invitation_days; /* 14 clear days between */
	step_row(a, &rows[n++], "Invitations and advice sent", r.invitations_on, NULL);
	step_row(a, &rows[n++], "Meeting held", r.meeting_on,
		 late_invites ? ", less than 2 weeks after the invitations" : NULL);
	step_row(a, &rows[n++], "Report received", r.report_on, NULL);
	step_row(a, &rows[n++], "Decision", r.decision_on,
		 r.decision[0] ? arena_printf(a, ": %s", r.decision) : NULL);
	if (strcmp(r.decision, "amend") == 0) {
		struct amend_clock ac = review_amend_clock(&review_rules_now, r.amendments_on);
		step_row(a, &rows[n++], "Proposed amendments sent", r.amendments_on,
			 r.amendments_on.y
				 ? arena_printf(a,
						"; the family may comment until %s; the amended "
						"plan is due between %s and %s",
						long_date(a, ac.comments_until),
						long_date(a, ac.final_from),
						long_date(a, ac.final_by))
				 : NULL);
		step_row(a, &rows[n++], "Amended plan issued", r.amended_on, NULL);
	}
	struct html h;
	html_init(&h);
	const char *name = arena_printf(a, "%s %s", c.given_name, c.family_name);
	gds_page_start(&h, &(struct gds_page){.title = review_kind_label(&r),
					      .errors = errs,
					      .sign_out_csrf = u->csrf});
	gds_back_link(&h,
		      officer   ? "/reviews"
		      : setting ? "/reviews/setting"
				: "/children",
		      "Back to the list");
	gds_heading(&h, &(struct gds_heading){.text = review_kind_label(&r), .caption = name});
	if (has_next) {
		html_raw(&h, "<p class=\"govuk-body\">");
		gds_tag(&h, step_status_label(next.status), review_status_colour(next.status));
		html_textf(&h, " Next: %s, by %s.", review_step_label(next.step),
			   long_date(a, next.due));
		html_raw(&h, "</p>");
	} else if (r.closed_on.y) {
		gds_p(&h, arena_printf(a, "This review ended on %s.", long_date(a, r.closed_on)));
	}
	gds_summary_list(&h, &(struct gds_summary_list){.rows = rows, .n_rows = n});
	if (r.reasons)
		gds_inset_text(&h, arena_printf(a, "The council's reasons: %s", r.reasons));
	if (r.decision[0] && r.notice_channel[0]) {
		/* the window as the tribunal counts it, with any mediation (src/redress/) */
		struct date by =
			redress_appeal_by(db, r.child_id,
					  strcmp(r.decision, "cease") == 0   ? "cease"
					  : strcmp(r.decision, "amend") == 0 ? "amendment"
									     : "plan_contents",
					  r.notice_served_on);
		gds_p(&h, arena_printf(
				  a,
				  "The notice of the decision went by %s on %s and counts as "
				  "served on %s. If the family disagrees, they can appeal to the "
				  "SEND Tribunal until %s; first they contact a mediation adviser.",
				  strcmp(r.notice_channel, "portal") == 0 ? "the family's page"
									  : r.notice_channel,
				  long_date(a, r.decision_on), long_date(a, r.notice_served_on),
				  long_date(a, by)));
		html_raw(&h, "<p class=\"govuk-body\">");
		gds_link(&h, arena_printf(a, "/children/%s/disagree", r.child_id),
			 "Disagreeing with the decision");
		html_raw(&h, "</p>");
	}
	if (has_next && next.step != STEP_AMENDED_PLAN &&
	    (officer || (setting && next.step <= STEP_REPORT)))
		review_step_form(&h, req, &r, &c, next.step, errs);
	else if (has_next && next.step == STEP_AMENDED_PLAN && officer) {
		html_raw(&h, "<p class=\"govuk-body\">");
		gds_link(&h, arena_printf(a, "/children/%s/plan/edit", r.child_id),
			 "Write and issue the amended plan");
		html_raw(&h, "</p>");
	}
	gds_page_end(&h);
	if ((rc = html_error(&h)) != 0) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, status, &h);
}

/* the child's reviews, newest first: for the family and everyone working with them */
static int child_reviews(struct request *req)
{
	const char *child = req_param(req, "id");
	int rc = access_child(req, child);
	return rc ? rc : review_child_page(req, 200, child, NULL);
}

int review_child_page(struct request *req, int status, const char *child,
		      const struct field_errors *errs)
{
	int rc;
	struct child c;
	if ((rc = child_get(req_db(req), child, &c)) != 0)
		return rc;
	struct row *rows = arena_alloc(req_arena(req), sizeof(*rows) * 50);
	if (!rows)
		return ERR_NOMEM;
	struct db_stmt *st = NULL;
	struct arena *a = req_arena(req);
	size_t n = 0;
	if ((rc = db_prepare(req_db(req),
			     "SELECT " REVIEW_COLUMNS
			     ", '' FROM review WHERE child_id = $1 ORDER BY"
			     " due_on DESC LIMIT 50",
			     &st)) != 0)
		return rc;
	if (db_bind_text(st, 1, child) == 0)
		while (n < 50 && db_step(st) == DB_ROW) {
			review_read_row(st, a, &rows[n].r);
			rows[n].has_next =
				review_next_step(&rows[n].r, date_today(), &rows[n].next);
			rows[n].name = review_kind_label(&rows[n].r);
			n++;
		}
	db_reset(st);
	if ((rc = audit_record(req, "read", "review_list", child)) != 0)
		return rc;
	const struct user *u = auth_user(req);
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "Reviews of the plan",
					      .errors = errs,
					      .sign_out_csrf = u->csrf});
	gds_back_link(&h, arena_printf(a, "/children/%s/plan", child), "Back to the plan");
	gds_heading(&h, &(struct gds_heading){.text = "Reviews of the plan"});
	if (!n)
		gds_p(&h, "No review has been scheduled yet. A plan is reviewed within 12 months "
			  "of being issued.");
	struct gds_summary_row *list = arena_alloc(a, sizeof(*list) * (n ? n : 1));
	for (size_t i = 0; list && i < n; i++)
		list[i] = (struct gds_summary_row){
			.key = arena_printf(a, "%s, due by %s", rows[i].name,
					    long_date(a, rows[i].r.due_on)),
			.value = rows[i].r.closed_on.y
					 ? arena_printf(a, "Ended on %s",
							long_date(a, rows[i].r.closed_on))
				 : rows[i].has_next
					 ? arena_printf(a, "Next: %s, by %s",
							review_step_label(rows[i].next.step),
							long_date(a, rows[i].next.due))
					 : "",
			.actions = {
				{.href = arena_printf(a, "/reviews/%s", rows[i].r.id),
				 .text = "View",
				 .visually_hidden = arena_printf(a, "review due by %s",
								 long_date(a, rows[i].r.due_on))}}};
	if (n && list)
		gds_summary_list(&h, &(struct gds_summary_list){.rows = list, .n_rows = n});
	if ((ROLE_BIT(u->role) & REVIEW_OFFICERS) &&
	    date_age(c.date_of_birth, date_today()) >= 16) {
		html_raw(&h, "<h2 class=\"govuk-heading-m\">A move between post-16 "
			     "institutions</h2>");
		gds_p(&h,
		      "The plan must be reviewed and amended, naming the new institution, at "
		      "least 5 months before the move (SEND Regulations 2014, regulation 18(2)).");
		gds_form_start(&h, arena_printf(a, "/children/%s/reviews/transfer", child));
		gds_hidden(&h, "csrf", u->csrf);
		gds_date_input(&h,
			       &(struct gds_date_input){.name = "transfer",
							.legend = "The day of the move",
							.legend_size = GDS_SIZE_S,
							.day = req_form(req, "transfer-day"),
							.month = req_form(req, "transfer-month"),
							.year = req_form(req, "transfer-year"),
							.errors = errs});
		gds_button(&h, &(struct gds_button){.text = "Plan the transfer review",
						    .kind = GDS_BUTTON_SECONDARY});
		gds_form_end(&h);
	}
	gds_page_end(&h);
	if ((rc = html_error(&h)) != 0) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, status, &h);
}

static int review_get_page(struct request *req)
{
	int rc = auth_require(req, 0);
	if (rc)
		return rc;
	return review_page(req, 200, req_param(req, "id"), NULL);
}

const struct route review_routes[] = {
	{"GET", "/reviews", la_reviews},
	{"GET", "/reviews/setting", setting_reviews},
	{"GET", "/reviews/transfers", review_transfers_page},
	{"GET", "/reviews/under-5", review_under5_get},
	{"POST", "/reviews/under-5", review_under5_post},
	{"GET", "/reviews/{id}", review_get_page},
	{"GET", "/children/{id}/reviews", child_reviews},
	{"POST", "/children/{id}/reviews/transfer", review_transfer_post},
	{"POST", "/reviews/{id}/{step}", review_step_post},
};
const size_t review_routes_count = sizeof(review_routes) / sizeof(review_routes[0]);
