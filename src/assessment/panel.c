/*
 * panel.c: multi-agency panels. An LA runs panels at the application point (whether to
 * assess) and the planning point (whether to issue a plan): members from education,
 * health and care, meetings, and for each meeting an agenda built from the cases due —
 * cases waiting for that decision, most urgent legal deadline first. The panel records a
 * recommendation with its rationale, and any support offered without an assessment (and
 * later whether it happened). The LA still decides, with its own reasons, as a step of
 * the case.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assessment/case.h"
#include "platform/csvout.h"
#include "platform/err.h"
#include "platform/gds.h"
#include "platform/log.h"

#define LA_STAFF (ROLE_BIT(ROLE_CASEWORKER) | ROLE_BIT(ROLE_LA_MANAGER))
#define AGENDA_MAX 60

struct panel {
	char id[ID_LEN + 1];
	char kind[16];
	char name[128];
};

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

static int exec(struct db *db, const char *sql, const char *const *v, int n)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	for (int i = 0; i < n && rc == 0; i++)
		rc = v[i] && *v[i] ? db_bind_text(st, i + 1, v[i]) : db_bind_null(st, i + 1);
	if (rc == 0) {
		rc = db_step(st);
		rc = rc == DB_DONE ? 0 : rc < 0 ? rc : ERR_DB;
	}
	db_reset(st);
	return rc;
}

/* write: one statement and its audit row, in one transaction */
static int write(struct request *req, const char *sql, const char *const *v, int n,
		 const char *action, const char *record)
{
	struct db *db = req_db(req);
	const struct user *u = auth_user(req);
	int rc = db_begin(db);
	if (rc)
		return rc;
	rc = exec(db, sql, v, n);
	if (rc == 0) {
		struct audit_entry e = {.actor_id = u->id,
					.actor_role = role_name(u->role),
					.action = action,
					.record_type = "panel",
					.record_id = record,
					.request_id = req_id(req)};
		rc = audit_append(db, &e);
	}
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

/* panel_get: the LA's panel by id (another LA's answers ERR_NOTFOUND) */
static int panel_get(struct db *db, const char *id, const char *la, struct panel *p)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, "SELECT id, kind, name FROM panel WHERE id = $1 AND la_code = $2",
			    &st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, id)) == 0 && (rc = db_bind_text(st, 2, la)) == 0) {
		rc = db_step(st);
		if (rc == DB_ROW) {
			snprintf(p->id, sizeof(p->id), "%s", db_column_text(st, 0));
			snprintf(p->kind, sizeof(p->kind), "%s", db_column_text(st, 1));
			snprintf(p->name, sizeof(p->name), "%s", db_column_text(st, 2));
			rc = 0;
		} else if (rc == DB_DONE) {
			rc = ERR_NOTFOUND;
		}
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

/* ---- the list of panels ---- */

static int panels_page(struct request *req, int status, const struct field_errors *errs)
{
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, "SELECT id, kind, name FROM panel WHERE la_code = $1 ORDER BY name",
			    &st);
	if (rc)
		return rc;
	struct gds_table_cell *cells = arena_alloc(a, sizeof(*cells) * 2 * 50);
	size_t n = 0;
	if (cells && db_bind_text(st, 1, u->la_code) == 0)
		while (n < 50 && db_step(st) == DB_ROW) {
			cells[n * 2] = (struct gds_table_cell){
				.text = arena_strdup(a, db_column_text(st, 2)),
				.href = arena_printf(a, "/panels/%s", db_column_text(st, 0))};
			cells[n * 2 + 1] = (struct gds_table_cell){
				.text = strcmp(db_column_text(st, 1), "application") == 0
						? "Whether to assess"
						: "Whether to issue a plan"};
			n++;
		}
	db_reset(st);
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){
				   .title = "Panels", .errors = errs, .sign_out_csrf = u->csrf});
	gds_heading(&h, &(struct gds_heading){.text = "Multi-agency panels"});
	if (n) {
		static const struct gds_table_cell head[] = {{.text = "Panel"},
							     {.text = "Recommends on"}};
		gds_table(&h, &(struct gds_table){.head = head,
						  .cells = cells,
						  .n_cols = 2,
						  .n_rows = n,
						  .scroll_label = "Panels"});
		csvout_link(&h, req, "/panels", NULL);
	} else {
		gds_p(&h, "There are no panels yet.");
	}
	if (u->role == ROLE_LA_MANAGER) {
		gds_heading(&h, &(struct gds_heading){.text = "Set up a panel", .level = 2});
		gds_form_start(&h, "/panels");
		gds_hidden(&h, "csrf", u->csrf);
		gds_input(&h, &(struct gds_input){.name = "name",
						  .label = "Name",
						  .value = req_form(req, "name"),
						  .errors = errs});
		static const struct gds_choice kinds[] = {
			{.value = "application", .text = "Whether to assess (application point)"},
			{.value = "planning", .text = "Whether to issue a plan (planning point)"}};
		gds_radios(&h, &(struct gds_choices){.name = "kind",
						     .legend = "What the panel recommends on",
						     .legend_size = GDS_SIZE_S,
						     .items = kinds,
						     .n_items = 2,
						     .value = req_form(req, "kind"),
						     .errors = errs});
		gds_button(&h, &(struct gds_button){.text = "Set up panel"});
		gds_form_end(&h);
	}
	return send_page(req, status, &h);
}

/* panels_csv: every panel of the LA (the page shows the first 50) */
static int panels_csv(struct request *req)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(req_db(req),
			    "SELECT id, kind, name FROM panel WHERE la_code = $1 ORDER BY name",
			    &st);
	if (rc)
		return rc;
	struct buf b;
	csvout_init(&b);
	static const char *const head[] = {"panel_id", "panel", "point", "recommends_on"};
	csvout_row(&b, head, 4);
	if ((rc = db_bind_text(st, 1, auth_user(req)->la_code)) == 0)
		while (db_step(st) == DB_ROW && !b.err) {
			int application = strcmp(db_column_text(st, 1), "application") == 0;
			csvout_id(&b, db_column_text(st, 0));
			csvout_text(&b, db_column_text(st, 2));
			csvout_id(&b, db_column_text(st, 1));
			csvout_text(&b,
				    application ? "Whether to assess" : "Whether to issue a plan");
			csvout_end_row(&b);
		}
	db_reset(st);
	if (rc) {
		buf_release(&b);
		return rc;
	}
	return csvout_send(req, &b, "panels.csv");
}

static int panels(struct request *req)
{
	int rc = auth_require(req, LA_STAFF);
	if (rc)
		return rc;
	int csv = csvout_wanted(req);
	if (csv)
		return csv < 0 ? csv : panels_csv(req);
	return panels_page(req, 200, NULL);
}

static int panel_create(struct request *req)
{
	int rc = auth_require(req, ROLE_BIT(ROLE_LA_MANAGER));
	if (rc)
		return rc;
	if (req_form_bad(req))
		return ERR_INVALID;
	const struct user *u = auth_user(req);
	const char *name = req_form(req, "name"), *kind = req_form(req, "kind");
	struct field_errors errs = {0};
	if (!name || !*name)
		field_error_add(&errs, "name", "/name", "Enter the panel's name");
	else if (strlen(name) > 120)
		field_error_add(&errs, "name", "/name", "Name must be 120 characters or fewer");
	if (!kind || (strcmp(kind, "application") && strcmp(kind, "planning")))
		field_error_add(&errs, "kind", "/kind", "Choose what the panel recommends on");
	if (errs.n)
		return panels_page(req, 422, &errs);
	char id[ID_LEN + 1], now[32];
	id_new(id);
	log_now_iso(now, sizeof(now));
	const char *v[] = {id, u->la_code, kind, name, now};
	if ((rc = write(req,
			"INSERT INTO panel (id, la_code, kind, name, created_at)"
			" VALUES ($1, $2, $3, $4, $5)",
			v, 5, "create", id)) != 0)
		return rc;
	return resp_redirect(req, arena_printf(req_arena(req), "/panels/%s", id));
}

/* ---- one panel: members and meetings ---- */

static int panel_page(struct request *req, int status, const struct panel *p,
		      const struct field_errors *errs)
{
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	struct html h;
	html_init(&h);
	gds_page_start(
		&h, &(struct gds_page){.title = p->name, .errors = errs, .sign_out_csrf = u->csrf});
	gds_back_link(&h, "/panels", "All panels");
	gds_heading(&h, &(struct gds_heading){
				.text = p->name,
				.caption = strcmp(p->kind, "application") == 0
						   ? "Recommends whether to assess"
						   : "Recommends whether to issue a plan"});
	struct db_stmt *st = NULL;
	int rc = db_prepare(db,
			    "SELECT name, role, organisation FROM panel_member WHERE panel_id = $1"
			    " ORDER BY name",
			    &st);
	if (rc) {
		html_release(&h);
		return rc;
	}
	struct gds_table_cell *cells = arena_alloc(a, sizeof(*cells) * 3 * 40);
	size_t n = 0;
	if (cells && db_bind_text(st, 1, p->id) == 0)
		while (n < 40 && db_step(st) == DB_ROW) {
			for (int k = 0; k < 3; k++)
				cells[n * 3 + (size_t)k] = (struct gds_table_cell){
					.text = arena_strdup(a, db_column_text(st, k))};
			n++;
		}
	db_reset(st);
	static const struct gds_table_cell mhead[] = {
		{.text = "Name"}, {.text = "Role"}, {.text = "Organisation"}};
	if (n)
		gds_table(&h, &(struct gds_table){.caption = "Members",
						  .caption_size = GDS_SIZE_M,
						  .head = mhead,
						  .cells = cells,
						  .n_cols = 3,
						  .n_rows = n,
						  .scroll_label = "Members"});
	else
		gds_p(&h, "The panel has no members yet.");

	if ((rc = db_prepare(db,
			     "SELECT id, meets_on FROM panel_meeting WHERE panel_id = $1"
			     " ORDER BY meets_on DESC LIMIT 20",
			     &st)) != 0) {
		html_release(&h);
		return rc;
	}
	gds_heading(&h, &(struct gds_heading){.text = "Meetings", .level = 2});
	html_raw(&h, "<ul class=\"govuk-list\">");
	if (db_bind_text(st, 1, p->id) == 0)
		while (db_step(st) == DB_ROW) {
			html_raw(&h, "<li>");
			gds_link(&h,
				 arena_printf(a, "/panels/%s/meetings/%s", p->id,
					      db_column_text(st, 0)),
				 long_date(a, db_column_text(st, 1)));
			html_raw(&h, "</li>");
		}
	db_reset(st);
	html_raw(&h, "</ul>");

	/* support offered without an assessment: did it happen? */
	if ((rc = db_prepare(db,
			     "SELECT i.meeting_id, i.case_id, c.given_name, c.family_name,"
			     " i.services_offered, m.meets_on FROM panel_item i"
			     " JOIN panel_meeting m ON m.id = i.meeting_id"
			     " JOIN assessment_case a ON a.id = i.case_id JOIN child c ON c.id ="
			     " a.child_id WHERE m.panel_id = $1 AND i.services_offered IS NOT NULL"
			     " AND i.services_happened IS NULL ORDER BY m.meets_on LIMIT 30",
			     &st)) != 0) {
		html_release(&h);
		return rc;
	}
	int follow = 0;
	if (db_bind_text(st, 1, p->id) == 0)
		while (db_step(st) == DB_ROW) {
			if (!follow++)
				gds_heading(&h, &(struct gds_heading){
							.text = "Support offered: did it happen?",
							.level = 2});
			const char *who = arena_printf(a, "%s %s", db_column_text(st, 2),
						       db_column_text(st, 3));
			struct gds_summary_row r[2] = {
				{.key = "Offered at the meeting on",
				 .value = long_date(a, db_column_text(st, 5))},
				{.key = "Support",
				 .value = arena_strdup(a, db_column_text(st, 4))}};
			gds_summary_list(&h, &(struct gds_summary_list){
						     .rows = r, .n_rows = 2, .card_title = who});
			gds_form_start(&h,
				       arena_printf(a, "/panels/%s/meetings/%s/items/%s", p->id,
						    db_column_text(st, 0), db_column_text(st, 1)));
			gds_hidden(&h, "csrf", u->csrf);
			gds_button(&h, &(struct gds_button){.text = "It happened",
							    .name = "happened",
							    .value = "yes",
							    .kind = GDS_BUTTON_SECONDARY});
			gds_button(&h, &(struct gds_button){.text = "It did not happen",
							    .name = "happened",
							    .value = "no",
							    .kind = GDS_BUTTON_SECONDARY});
			gds_form_end(&h);
		}
	db_reset(st);

	gds_heading(&h, &(struct gds_heading){.text = "Add a member", .level = 2});
	gds_form_start(&h, arena_printf(a, "/panels/%s/members", p->id));
	gds_hidden(&h, "csrf", u->csrf);
	gds_input(&h, &(struct gds_input){.name = "name",
					  .label = "Name",
					  .value = req_form(req, "name"),
					  .errors = errs});
	gds_input(&h, &(struct gds_input){.name = "role",
					  .label = "Role",
					  .hint = "For example, designated clinical officer",
					  .value = req_form(req, "role"),
					  .errors = errs});
	gds_input(&h, &(struct gds_input){.name = "organisation",
					  .label = "Organisation",
					  .value = req_form(req, "organisation"),
					  .errors = errs});
	gds_button(&h, &(struct gds_button){.text = "Add member", .kind = GDS_BUTTON_SECONDARY});
	gds_form_end(&h);

	gds_heading(&h, &(struct gds_heading){.text = "Arrange a meeting", .level = 2});
	gds_form_start(&h, arena_printf(a, "/panels/%s/meetings", p->id));
	gds_hidden(&h, "csrf", u->csrf);
	gds_date_input(&h, &(struct gds_date_input){.name = "meets",
						    .legend = "Date of the meeting",
						    .legend_size = GDS_SIZE_S,
						    .day = req_form(req, "meets-day"),
						    .month = req_form(req, "meets-month"),
						    .year = req_form(req, "meets-year"),
						    .errors = errs});
	gds_button(&h,
		   &(struct gds_button){.text = "Arrange meeting", .kind = GDS_BUTTON_SECONDARY});
	gds_form_end(&h);
	return send_page(req, status, &h);
}

static int panel_show(struct request *req)
{
	int rc = auth_require(req, LA_STAFF);
	if (rc)
		return rc;
	struct panel p;
	if ((rc = panel_get(req_db(req), req_param(req, "id"), auth_user(req)->la_code, &p)))
		return rc;
	return panel_page(req, 200, &p, NULL);
}

static int panel_add_member(struct request *req)
{
	int rc = auth_require(req, LA_STAFF);
	if (rc)
		return rc;
	if (req_form_bad(req))
		return ERR_INVALID;
	struct panel p;
	if ((rc = panel_get(req_db(req), req_param(req, "id"), auth_user(req)->la_code, &p)))
		return rc;
	struct field_errors errs = {0};
	const char *f[] = {"name", "role", "organisation"};
	const char *msg[] = {"Enter the member's name", "Enter their role",
			     "Enter their organisation"};
	const char *v[5];
	for (int i = 0; i < 3; i++) {
		v[i + 1] = req_form(req, f[i]);
		if (!v[i + 1] || !*v[i + 1])
			field_error_add(&errs, f[i], arena_printf(req_arena(req), "/%s", f[i]),
					msg[i]);
		else if (strlen(v[i + 1]) > 200)
			field_error_add(&errs, f[i], arena_printf(req_arena(req), "/%s", f[i]),
					"Must be 200 characters or fewer");
	}
	if (errs.n)
		return panel_page(req, 422, &p, &errs);
	char now[32];
	log_now_iso(now, sizeof(now));
	v[0] = p.id;
	v[4] = now;
	if ((rc = write(req,
			"INSERT INTO panel_member (panel_id, name, role, organisation, added_at)"
			" VALUES ($1, $2, $3, $4, $5)",
			v, 5, "add_member", p.id)) != 0)
		return rc;
	return resp_redirect(req, arena_printf(req_arena(req), "/panels/%s", p.id));
}

static int panel_add_meeting(struct request *req)
{
	int rc = auth_require(req, LA_STAFF);
	if (rc)
		return rc;
	if (req_form_bad(req))
		return ERR_INVALID;
	struct panel p;
	if ((rc = panel_get(req_db(req), req_param(req, "id"), auth_user(req)->la_code, &p)))
		return rc;
	struct field_errors errs = {0};
	const char *dd = req_form(req, "meets-day"), *mm = req_form(req, "meets-month"),
		   *yy = req_form(req, "meets-year");
	char iso[32];
	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", yy ? (int)strtol(yy, NULL, 10) % 10000 : 0,
		 mm ? (int)strtol(mm, NULL, 10) % 100 : 0,
		 dd ? (int)strtol(dd, NULL, 10) % 100 : 0);
	struct date d;
	if (!dd || !mm || !yy || !*dd || !*mm || !*yy || dd[strspn(dd, "0123456789")] ||
	    mm[strspn(mm, "0123456789")] || yy[strspn(yy, "0123456789")] || strlen(yy) != 4 ||
	    strlen(mm) > 2 || strlen(dd) > 2 || date_parse(iso, &d) != 0)
		field_error_add(&errs, "meets-day", "/meets_on",
				"Enter a real date for the meeting");
	if (errs.n)
		return panel_page(req, 422, &p, &errs);
	char id[ID_LEN + 1], now[32];
	id_new(id);
	log_now_iso(now, sizeof(now));
	const char *v[] = {id, p.id, iso, now};
	if ((rc = write(req,
			"INSERT INTO panel_meeting (id, panel_id, meets_on, created_at)"
			" VALUES ($1, $2, $3, $4)",
			v, 4, "add_meeting", p.id)) != 0)
		return rc;
	return resp_redirect(req, arena_printf(req_arena(req), "/panels/%s/meetings/%s", p.id, id));
}

/* ---- a meeting: the agenda and the recommendations ---- */

static int meeting_page(struct request *req, int status, const struct panel *p,
			const char *meeting_id, const struct field_errors *errs)
{
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	struct db_stmt *st = NULL;
	int rc = db_prepare(
		db, "SELECT meets_on FROM panel_meeting WHERE id = $1 AND panel_id = $2", &st);
	if (rc)
		return rc;
	const char *meets = NULL;
	if (db_bind_text(st, 1, meeting_id) == 0 && db_bind_text(st, 2, p->id) == 0 &&
	    db_step(st) == DB_ROW)
		meets = arena_strdup(a, db_column_text(st, 0));
	db_reset(st);
	if (!meets)
		return ERR_NOTFOUND;
	/* the agenda: the LA's cases waiting for this panel's decision, most urgent first,
	 * with what this meeting has recommended already */
	if ((rc = db_prepare(
		     db,
		     "SELECT a.id, c.given_name, c.family_name, a.next_due, i.recommendation,"
		     " i.rationale, i.services_offered, a.child_id FROM assessment_case a"
		     " JOIN child c ON c.id = a.child_id LEFT JOIN panel_item i ON i.case_id = a.id"
		     " AND i.meeting_id = $2 WHERE a.la_code = $1 AND a.state = $3"
		     " ORDER BY a.next_due, a.id LIMIT 60",
		     &st)) != 0)
		return rc;
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "Panel meeting",
					      .errors = errs,
					      .sign_out_csrf = u->csrf});
	gds_back_link(&h, arena_printf(a, "/panels/%s", p->id), p->name);
	gds_heading(&h, &(struct gds_heading){
				.text = arena_printf(a, "Meeting on %s", long_date(a, meets)),
				.caption = p->name});
	int application = strcmp(p->kind, "application") == 0;
	gds_p(&h, application ? "Cases waiting for the decision whether to assess, the most "
				"urgent legal deadline first."
			      : "Cases being assessed, waiting for the decision whether to issue "
				"a plan, the most urgent legal deadline first.");
	int rows = 0;
	if (db_bind_text(st, 1, u->la_code) == 0 && db_bind_text(st, 2, meeting_id) == 0 &&
	    db_bind_text(st, 3, application ? "requested" : "assessing") == 0)
		while (db_step(st) == DB_ROW && rows < AGENDA_MAX) {
			rows++;
			const char *case_id = arena_strdup(a, db_column_text(st, 0));
			const char *name = arena_printf(a, "%s %s", db_column_text(st, 1),
							db_column_text(st, 2));
			struct gds_summary_row r[3] = {
				{.key = "Legal latest date",
				 .value = long_date(a, db_column_text(st, 3))},
				{.key = "Recommendation",
				 .value = db_column_is_null(st, 4)
						  ? "Not considered yet"
						  : arena_printf(a, "%s: %s", db_column_text(st, 4),
								 db_column_text(st, 5))},
				{.key = "Support offered without an assessment",
				 .value = db_column_is_null(st, 6)
						  ? "None recorded"
						  : arena_strdup(a, db_column_text(st, 6))},
			};
			gds_summary_list(&h, &(struct gds_summary_list){
						     .rows = r, .n_rows = 3, .card_title = name});
			if (!db_column_is_null(st, 4))
				continue;
			gds_form_start(&h, arena_printf(a, "/panels/%s/meetings/%s/items", p->id,
							meeting_id));
			gds_hidden(&h, "csrf", u->csrf);
			gds_hidden(&h, "case", case_id);
			const struct gds_choice app[] = {
				{.value = "assess", .text = "Assess"},
				{.value = "do_not_assess", .text = "Do not assess"},
				{.value = "defer", .text = "Defer to a later meeting"}};
			const struct gds_choice plan[] = {
				{.value = "issue", .text = "Issue a plan"},
				{.value = "do_not_issue", .text = "Do not issue a plan"},
				{.value = "defer", .text = "Defer to a later meeting"}};
			/* names carry the case id: ids stay unique across the agenda's forms */
			gds_radios(
				&h,
				&(struct gds_choices){
					.name = arena_printf(a, "rec-%s", case_id),
					.value = req_form(req, arena_printf(a, "rec-%s", case_id)),
					.legend = arena_printf(a, "Recommendation for %s", name),
					.legend_size = GDS_SIZE_S,
					.items = application ? app : plan,
					.n_items = 3,
					.is_inline = 1,
					.errors = errs});
			gds_textarea(&h, &(struct gds_textarea){
						 .name = arena_printf(a, "why-%s", case_id),
						 .value = req_form(
							 req, arena_printf(a, "why-%s", case_id)),
						 .label = "Rationale",
						 .rows = 3,
						 .errors = errs});
			if (application)
				gds_textarea(
					&h,
					&(struct gds_textarea){
						.name = arena_printf(a, "services-%s", case_id),
						.value =
							req_form(req, arena_printf(a, "services-%s",
										   case_id)),
						.label = "Support offered without an assessment, "
							 "if any",
						.rows = 2});
			gds_button(&h, &(struct gds_button){.text = "Record recommendation",
							    .kind = GDS_BUTTON_SECONDARY});
			gds_form_end(&h);
		}
	db_reset(st);
	if (!rows)
		gds_p(&h, "No cases are waiting for this decision.");
	return send_page(req, status, &h);
}

static int meeting_show(struct request *req)
{
	int rc = auth_require(req, LA_STAFF);
	if (rc)
		return rc;
	struct panel p;
	if ((rc = panel_get(req_db(req), req_param(req, "id"), auth_user(req)->la_code, &p)))
		return rc;
	if ((rc = audit_record(req, "read", "panel_meeting", req_param(req, "meeting"))) != 0)
		return rc;
	return meeting_page(req, 200, &p, req_param(req, "meeting"), NULL);
}

static int meeting_record(struct request *req)
{
	int rc = auth_require(req, LA_STAFF);
	if (rc)
		return rc;
	if (req_form_bad(req))
		return ERR_INVALID;
	struct db *db = req_db(req);
	const struct user *u = auth_user(req);
	struct panel p;
	if ((rc = panel_get(db, req_param(req, "id"), u->la_code, &p)))
		return rc;
	const char *meeting = req_param(req, "meeting");
	const char *case_id = req_form(req, "case");
	struct assessment_case c;
	int application = strcmp(p.kind, "application") == 0;
	/* the case must be one this panel's agenda holds: the LA's, waiting for its decision */
	if (!case_id || !id_valid(case_id) || case_get(db, case_id, &c) != 0 ||
	    strcmp(c.la_code, u->la_code) != 0 ||
	    strcmp(c.state, application ? "requested" : "assessing") != 0)
		return ERR_NOTFOUND;
	struct field_errors errs = {0};
	struct arena *a = req_arena(req);
	const char *rec_name = arena_printf(a, "rec-%s", case_id);
	const char *why_name = arena_printf(a, "why-%s", case_id);
	const char *rec = req_form(req, rec_name);
	const char *why = req_form(req, why_name);
	const char *services = req_form(req, arena_printf(a, "services-%s", case_id));
	static const char *const app[] = {"assess", "do_not_assess", "defer"};
	static const char *const plan[] = {"issue", "do_not_issue", "defer"};
	int ok = 0;
	for (int i = 0; rec && i < 3; i++)
		ok |= strcmp(rec, application ? app[i] : plan[i]) == 0;
	if (!ok)
		field_error_add(&errs, rec_name, "/recommendation",
				"Choose the panel's recommendation");
	if (!why || !*why)
		field_error_add(&errs, why_name, "/rationale",
				"Enter the rationale for the recommendation");
	else if (strlen(why) > 8000)
		field_error_add(&errs, why_name, "/rationale",
				"Rationale must be 8000 characters or fewer");
	if (errs.n)
		return meeting_page(req, 422, &p, meeting, &errs);
	char now[32];
	log_now_iso(now, sizeof(now));
	const char *v[] = {meeting, case_id, rec, why, services, u->id, now, p.id};
	rc = write(req,
		   "INSERT INTO panel_item (meeting_id, case_id, recommendation, rationale,"
		   " services_offered, recorded_by, recorded_at)"
		   " SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS (SELECT 1 FROM panel_meeting"
		   " WHERE id = $1 AND panel_id = $8)",
		   v, 8, "recommendation", c.child_id);
	if (rc == ERR_CONFLICT)
		return resp_redirect(
			req, arena_printf(req_arena(req), "/panels/%s/meetings/%s", p.id, meeting));
	if (rc)
		return rc;
	return resp_redirect(req,
			     arena_printf(req_arena(req), "/panels/%s/meetings/%s", p.id, meeting));
}

static int item_happened(struct request *req)
{
	int rc = auth_require(req, LA_STAFF);
	if (rc)
		return rc;
	if (req_form_bad(req))
		return ERR_INVALID;
	const struct user *u = auth_user(req);
	struct panel p;
	if ((rc = panel_get(req_db(req), req_param(req, "id"), u->la_code, &p)))
		return rc;
	const char *v = req_form(req, "happened");
	if (!v || (strcmp(v, "yes") && strcmp(v, "no")))
		return ERR_INVALID;
	const char *args[] = {req_param(req, "meeting"), req_param(req, "case"),
			      strcmp(v, "yes") == 0 ? "1" : "0", p.id};
	if ((rc = write(req,
			"UPDATE panel_item SET services_happened = CAST($3 AS INTEGER)"
			" WHERE meeting_id = $1 AND case_id = $2 AND meeting_id IN"
			" (SELECT id FROM panel_meeting WHERE panel_id = $4)",
			args, 4, "services_happened", p.id)) != 0)
		return rc;
	return resp_redirect(req, arena_printf(req_arena(req), "/panels/%s", p.id));
}

const struct route assessment_panel_routes[] = {
	{"POST", "/panels/{id}/meetings/{meeting}/items/{case}", item_happened},
	{"GET", "/panels", panels},
	{"POST", "/panels", panel_create},
	{"GET", "/panels/{id}", panel_show},
	{"POST", "/panels/{id}/members", panel_add_member},
	{"POST", "/panels/{id}/meetings", panel_add_meeting},
	{"GET", "/panels/{id}/meetings/{meeting}", meeting_show},
	{"POST", "/panels/{id}/meetings/{meeting}/items", meeting_record},
};
const size_t assessment_panel_routes_count =
	sizeof(assessment_panel_routes) / sizeof(assessment_panel_routes[0]);
