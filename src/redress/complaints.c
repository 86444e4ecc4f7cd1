/*
 * complaints.c: complaints and disagreement resolution against the LA, a setting or a
 * health body, each stage with the working days its body has to respond (set per LA; the
 * defaults below are common local policies, not law); complaints to the Local Government
 * and Social Care Ombudsman within 12 months of becoming aware (s26B), with the finding
 * and remedy; disability discrimination claims against a setting, kept apart from
 * appeals. Anyone who may see the child records a complaint; officers record answers.
 */
#include <stdlib.h>
#include <string.h>

#include "access/access.h"
#include "people/people.h"
#include "platform/audit.h"
#include "platform/auth.h"
#include "platform/err.h"
#include "platform/form.h"
#include "platform/gds.h"
#include "platform/log.h"
#include "redress/internal.h"

static const struct {
	const char *kind, *label;
	int days[2]; /* working days to respond at stage 1 and stage 2 */
} bodies[] = {
	{"la", "The council", {10, 20}},
	{"setting", "A school, college or other setting", {10, 15}},
	{"health", "A health body", {25, 25}},
};
static const struct gds_choice body_choices[] = {
	{.value = "la", .text = "The council"},
	{.value = "setting", .text = "A school, college or other setting"},
	{.value = "health", .text = "A health body"},
};
static const struct gds_choice routes[] = {
	{.value = "complaint", .text = "A complaint"},
	{.value = "disagreement_resolution", .text = "Disagreement resolution"},
};
static const struct gds_choice resolutions[] = {
	{.value = "upheld", .text = "Upheld"},
	{.value = "partly_upheld", .text = "Partly upheld"},
	{.value = "not_upheld", .text = "Not upheld"},
	{.value = "resolved", .text = "Resolved by agreement"},
};
static const struct gds_choice findings[] = {
	{.value = "fault_injustice", .text = "Fault causing injustice"},
	{.value = "fault", .text = "Fault, no injustice"},
	{.value = "no_fault", .text = "No fault"},
	{.value = "not_investigated", .text = "Not investigated"},
};
static const struct gds_choice claim_outcomes[] = {
	{.value = "upheld", .text = "Upheld"},
	{.value = "dismissed", .text = "Dismissed"},
	{.value = "withdrawn", .text = "Withdrawn"},
	{.value = "settled", .text = "Settled"},
};

static int one_of(const char *v, const struct gds_choice *c, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		if (strcmp(v, c[i].value) == 0)
			return 1;
	return 0;
}

static const char *label_of(const char *v, const struct gds_choice *c, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		if (strcmp(v, c[i].value) == 0)
			return c[i].text;
	return v ? v : "";
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* response_days: the LA's own working days for a body's stage, else the default */
static int response_days(struct db *db, const char *la, const char *kind, int stage)
{
	int days = 20;
	for (size_t i = 0; i < N(bodies); i++)
		if (strcmp(kind, bodies[i].kind) == 0)
			days = bodies[i].days[stage > 1];
	struct db_stmt *st = NULL;
	if (db_prepare(db,
		       "SELECT working_days FROM complaint_stage_setting WHERE la_code = $1 AND"
		       " body_kind = $2 AND stage = $3",
		       &st) == 0) {
		if (db_bind_text(st, 1, la) == 0 && db_bind_text(st, 2, kind) == 0 &&
		    db_bind_int64(st, 3, stage) == 0 && db_step(st) == DB_ROW)
			days = (int)db_column_int64(st, 0);
		db_reset(st);
	}
	return days;
}

static const char *iso_long(struct arena *a, const char *iso)
{
	struct date d;
	return iso && date_parse(iso, &d) == 0 ? redress_long(a, d) : (iso ? iso : "");
}

void redress_complaints_block(struct html *h, struct request *req, const char *child,
			      const struct field_errors *errs)
{
	struct arena *a = req_arena(req);
	const struct user *u = auth_user(req);
	int officer = ROLE_BIT(u->role) & REDRESS_OFFICERS ? 1 : 0;
	struct db *db = req_db(req);
	struct db_stmt *st = NULL;
	html_raw(h, "<h2 class=\"govuk-heading-m\">Complaints and disagreement resolution</h2>");
	int any = 0, answer_form = 0;
	if (db_prepare(
		    db,
		    "SELECT id, route, body_kind, body_name, about, made_on, stage, response_due,"
		    " responded_on, resolution FROM complaint WHERE child_id = $1 ORDER BY"
		    " made_on DESC, id",
		    &st) == 0) {
		if (db_bind_text(st, 1, child) == 0)
			while (db_step(st) == DB_ROW) {
				any = 1;
				const char *id = arena_strdup(a, db_column_text(st, 0));
				int answered = !db_column_is_null(st, 8);
				struct gds_summary_row rows[5] = {
					{.key = label_of(db_column_text(st, 1), routes, N(routes)),
					 .value = arena_printf(a, "%s: %s", db_column_text(st, 3),
							       db_column_text(st, 4))},
					{.key = "Made on",
					 .value = iso_long(a, db_column_text(st, 5))},
					{.key = "Stage",
					 .value = arena_printf(a, "%lld",
							       (long long)db_column_int64(st, 6))},
					{.key = "Response due by",
					 .value = iso_long(a, db_column_text(st, 7))},
					{.key = "Response",
					 .value = answered ? arena_printf(
								     a, "%s: %s",
								     iso_long(a, db_column_text(st,
												8)),
								     label_of(db_column_text(st, 9),
									      resolutions,
									      N(resolutions)))
							   : "Not yet"}};
				gds_summary_list(
					h, &(struct gds_summary_list){.rows = rows, .n_rows = 5});
				if (!officer || answer_form++)
					continue;
				gds_form_start(h,
					       arena_printf(a, "/children/%s/disagree/complaint/%s",
							    child, id));
				gds_hidden(h, "csrf", u->csrf);
				static const struct gds_choice acts[] = {
					{.value = "answer", .text = "Record the response"},
					{.value = "escalate", .text = "Taken to the next stage"}};
				gds_radios(h, &(struct gds_choices){
						      .name = "act",
						      .legend = "For the latest complaint",
						      .legend_size = GDS_SIZE_S,
						      .items = acts,
						      .n_items = 2,
						      .errors = errs});
				form_date_input(h, req, "act_on", "On", NULL, errs);
				gds_radios(h, &(struct gds_choices){
						      .name = "resolution",
						      .legend = "If answered: the outcome",
						      .legend_size = GDS_SIZE_S,
						      .items = resolutions,
						      .n_items = N(resolutions),
						      .errors = errs});
				gds_button(h, &(struct gds_button){.text = "Save",
								   .kind = GDS_BUTTON_SECONDARY});
				gds_form_end(h);
			}
		db_reset(st);
	}
	if (!any)
		gds_p(h, "None recorded.");
	gds_form_start(h, arena_printf(a, "/children/%s/disagree/complaint", child));
	gds_hidden(h, "csrf", u->csrf);
	gds_radios(h,
		   &(struct gds_choices){.name = "route",
					 .legend = "Record a complaint or disagreement resolution",
					 .legend_size = GDS_SIZE_S,
					 .items = routes,
					 .n_items = N(routes),
					 .value = req_form(req, "route"),
					 .errors = errs});
	gds_radios(h, &(struct gds_choices){.name = "body_kind",
					    .legend = "About",
					    .legend_size = GDS_SIZE_S,
					    .items = body_choices,
					    .n_items = N(body_choices),
					    .value = req_form(req, "body_kind"),
					    .errors = errs});
	gds_input(h, &(struct gds_input){.name = "body_name",
					 .label = "Its name",
					 .label_size = GDS_SIZE_S,
					 .value = req_form(req, "body_name"),
					 .errors = errs});
	gds_textarea(h, &(struct gds_textarea){.name = "about",
					       .label = "What it is about",
					       .label_size = GDS_SIZE_S,
					       .value = req_form(req, "about"),
					       .rows = 2,
					       .errors = errs});
	form_date_input(h, req, "made", "Made on", NULL, errs);
	gds_button(h, &(struct gds_button){.text = "Record", .kind = GDS_BUTTON_SECONDARY});
	gds_form_end(h);
}

void redress_ombudsman_block(struct html *h, struct request *req, const char *child,
			     const struct field_errors *errs)
{
	struct arena *a = req_arena(req);
	const struct user *u = auth_user(req);
	struct db_stmt *st = NULL;
	html_raw(h, "<h2 class=\"govuk-heading-m\">The Local Government and Social Care "
		    "Ombudsman</h2>");
	gds_p(h, "A complaint to the Ombudsman must be made within 12 months of knowing about "
		 "the problem. The Ombudsman usually expects the council's own complaints process "
		 "to have been used first, and does not usually look at what the tribunal can "
		 "decide.");
	int any = 0, form = 0;
	if (db_prepare(req_db(req),
		       "SELECT id, aware_on, made_on, late_accepted, decided_on, finding, remedy"
		       " FROM ombudsman_complaint WHERE child_id = $1 ORDER BY made_on DESC, id",
		       &st) == 0) {
		if (db_bind_text(st, 1, child) == 0)
			while (db_step(st) == DB_ROW) {
				any = 1;
				const char *id = arena_strdup(a, db_column_text(st, 0));
				int decided = !db_column_is_null(st, 4);
				struct gds_summary_row rows[3] = {
					{.key = "Made on",
					 .value = arena_printf(
						 a, "%s%s", iso_long(a, db_column_text(st, 2)),
						 db_column_int64(st, 3)
							 ? " (late, accepted by the Ombudsman)"
							 : "")},
					{.key = "Known about since",
					 .value = iso_long(a, db_column_text(st, 1))},
					{.key = "Finding",
					 .value = decided ? arena_printf(
								    a, "%s: %s%s%s",
								    iso_long(a,
									     db_column_text(st, 4)),
								    label_of(db_column_text(st, 5),
									     findings, N(findings)),
								    db_column_is_null(st, 6)
									    ? ""
									    : ". Remedy: ",
								    db_column_is_null(st, 6)
									    ? ""
									    : db_column_text(st, 6))
							  : "Not yet"}};
				gds_summary_list(
					h, &(struct gds_summary_list){.rows = rows, .n_rows = 3});
				if (decided || !(ROLE_BIT(u->role) & REDRESS_OFFICERS) || form++)
					continue;
				gds_form_start(h,
					       arena_printf(a, "/children/%s/disagree/ombudsman/%s",
							    child, id));
				gds_hidden(h, "csrf", u->csrf);
				form_date_input(h, req, "found", "The Ombudsman decided on", NULL,
						errs);
				gds_radios(h, &(struct gds_choices){.name = "finding",
								    .legend = "The finding",
								    .legend_size = GDS_SIZE_S,
								    .items = findings,
								    .n_items = N(findings),
								    .errors = errs});
				gds_textarea(h,
					     &(struct gds_textarea){.name = "remedy",
								    .label = "The remedy, if any",
								    .label_size = GDS_SIZE_S,
								    .rows = 2,
								    .errors = errs});
				gds_button(h, &(struct gds_button){.text = "Save",
								   .kind = GDS_BUTTON_SECONDARY});
				gds_form_end(h);
			}
		db_reset(st);
	}
	if (!any)
		gds_p(h, "None recorded.");
	gds_form_start(h, arena_printf(a, "/children/%s/disagree/ombudsman", child));
	gds_hidden(h, "csrf", u->csrf);
	form_date_input(h, req, "aware", "Known about since", NULL, errs);
	form_date_input(h, req, "to_ombudsman", "Complaint made to the Ombudsman on", NULL, errs);
	static const struct gds_choice late[] = {
		{.value = "yes", .text = "Made after 12 months, and the Ombudsman accepted it"}};
	gds_checkboxes(h, &(struct gds_choices){.name = "late_accepted",
						.items = late,
						.n_items = 1,
						.small = 1,
						.errors = errs});
	gds_button(h, &(struct gds_button){.text = "Record", .kind = GDS_BUTTON_SECONDARY});
	gds_form_end(h);
}

void redress_claims_block(struct html *h, struct request *req, const char *child,
			  const struct field_errors *errs)
{
	struct arena *a = req_arena(req);
	const struct user *u = auth_user(req);
	struct db_stmt *st = NULL;
	html_raw(h, "<h2 class=\"govuk-heading-m\">Disability discrimination claims</h2>");
	int any = 0;
	if (db_prepare(req_db(req),
		       "SELECT setting_name, about, made_on, decided_on, outcome FROM"
		       " discrimination_claim WHERE child_id = $1 ORDER BY made_on DESC, id",
		       &st) == 0) {
		if (db_bind_text(st, 1, child) == 0)
			while (db_step(st) == DB_ROW) {
				any = 1;
				struct gds_summary_row rows[3] = {
					{.key = "Against",
					 .value = arena_printf(a, "%s: %s", db_column_text(st, 0),
							       db_column_text(st, 1))},
					{.key = "Made on",
					 .value = iso_long(a, db_column_text(st, 2))},
					{.key = "Outcome",
					 .value = db_column_is_null(st, 4)
							  ? "Not yet"
							  : arena_printf(
								    a, "%s: %s",
								    iso_long(a,
									     db_column_text(st, 3)),
								    label_of(db_column_text(st, 4),
									     claim_outcomes,
									     N(claim_outcomes)))}};
				gds_summary_list(
					h, &(struct gds_summary_list){.rows = rows, .n_rows = 3});
			}
		db_reset(st);
	}
	if (!any)
		gds_p(h, "None recorded.");
	gds_form_start(h, arena_printf(a, "/children/%s/disagree/claim", child));
	gds_hidden(h, "csrf", u->csrf);
	gds_input(h, &(struct gds_input){.name = "setting_name",
					 .label = "Record a claim against (the setting)",
					 .label_size = GDS_SIZE_S,
					 .value = req_form(req, "setting_name"),
					 .errors = errs});
	gds_textarea(h, &(struct gds_textarea){.name = "claim_about",
					       .label = "What it is about",
					       .label_size = GDS_SIZE_S,
					       .value = req_form(req, "claim_about"),
					       .rows = 2,
					       .errors = errs});
	form_date_input(h, req, "claimed", "Made on", NULL, errs);
	gds_button(h, &(struct gds_button){.text = "Record", .kind = GDS_BUTTON_SECONDARY});
	gds_form_end(h);
}

/* ---- recording ---- */

static int save(struct request *req, const char *child, const char *sql, const char *const *v,
		int n, const char *action, const char *type, const char *id)
{
	struct db *db = req_db(req);
	const struct user *u = auth_user(req);
	int rc = db_begin(db);
	if (rc)
		return rc;
	struct db_stmt *st = NULL;
	int changed = 0;
	rc = db_prepare(db, sql, &st);
	for (int i = 0; i < n && rc == 0; i++)
		rc = v[i] ? db_bind_text(st, i + 1, v[i]) : db_bind_null(st, i + 1);
	if (rc == 0) {
		int s = db_step(st);
		changed = s == DB_DONE || s == DB_ROW;
		rc = changed ? 0 : ERR_DB;
	}
	if (st)
		db_reset(st);
	return redress_saved(req, db, child, rc, u->id, action, type, id);
}

int redress_complaint_post(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	const char *child = req_param(req, "id");
	int rc = access_child(req, child);
	if (rc)
		return rc;
	const char *route = req_form(req, "route"), *kind = req_form(req, "body_kind");
	const char *name = req_form(req, "body_name"), *about = req_form(req, "about");
	struct field_errors errs = {0};
	char made[DATE_ISO_LEN + 1], due[DATE_ISO_LEN + 1];
	if (!one_of(route, routes, N(routes)))
		field_error_add(&errs, "route", NULL,
				"Choose a complaint or disagreement resolution");
	if (!one_of(kind, body_choices, N(body_choices)))
		field_error_add(&errs, "body_kind", NULL, "Choose who it is about");
	if (!name || !*name || strlen(name) > 200)
		field_error_add(&errs, "body_name", NULL,
				"Enter its name, in 200 characters or fewer");
	if (!about || !*about || strlen(about) > 4000)
		field_error_add(&errs, "about", NULL,
				"Enter what it is about, in 4,000 characters or fewer");
	form_date(req, "made", made, &errs, 0);
	if (errs.n)
		return redress_child_page(req, 422, child, &errs);
	struct child c;
	if ((rc = child_get(req_db(req), child, &c)) != 0)
		return rc;
	struct date m;
	struct holidays hol;
	date_parse(made, &m);
	date_iso(date_add_working_days(m, response_days(req_db(req), c.la_code, kind, 1),
				       redress_holidays(&hol)),
		 due);
	char id[ID_LEN + 1], now[32];
	id_new(id);
	log_now_iso(now, sizeof(now));
	const char *v[] = {id,   child, c.la_code,          route, kind, name, about, made,
			   made, due,   auth_user(req)->id, now};
	return save(req, child,
		    "INSERT INTO complaint (id, child_id, la_code, route, body_kind, body_name,"
		    " about, made_on, stage_started_on, response_due, created_by, created_at)"
		    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
		    v, 12, "create", "complaint", id);
}

int redress_complaint_step(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	const char *child = req_param(req, "id"), *cid = req_param(req, "cid");
	int rc = access_child(req, child);
	if (rc || (rc = auth_require(req, REDRESS_OFFICERS)) != 0)
		return rc;
	const char *act = req_form(req, "act"), *resolution = req_form(req, "resolution");
	struct field_errors errs = {0};
	char on[DATE_ISO_LEN + 1];
	int answer = act && strcmp(act, "answer") == 0;
	if (!act || (!answer && strcmp(act, "escalate") != 0))
		field_error_add(&errs, "act", NULL, "Choose what happened");
	form_date(req, "act_on", on, &errs, 0);
	if (answer && !one_of(resolution, resolutions, N(resolutions)))
		field_error_add(&errs, "resolution", NULL, "Choose the outcome");
	/* the complaint: this child's (else 404), its stage, and whether it is answered */
	struct db_stmt *st = NULL;
	char made[DATE_ISO_LEN + 1] = "", kind[16] = "", la[4] = "";
	int stage = 0, found = 0, answered = 0;
	if (db_prepare(req_db(req),
		       "SELECT stage_started_on, body_kind, stage, la_code, CASE WHEN responded_on"
		       " IS NULL THEN 0 ELSE 1 END FROM complaint WHERE id = $1 AND child_id = $2",
		       &st) == 0) {
		if (db_bind_text(st, 1, cid) == 0 && db_bind_text(st, 2, child) == 0 &&
		    db_step(st) == DB_ROW) {
			found = 1;
			snprintf(made, sizeof(made), "%s", db_column_text(st, 0));
			snprintf(kind, sizeof(kind), "%s", db_column_text(st, 1));
			stage = (int)db_column_int64(st, 2);
			snprintf(la, sizeof(la), "%s", db_column_text(st, 3));
			answered = db_column_int64(st, 4) != 0;
		}
		db_reset(st);
	}
	if (!found)
		return ERR_NOTFOUND;
	if (answer && answered)
		field_error_add(&errs, "act", NULL, "That complaint has been answered already");
	if (!errs.n && strcmp(on, made) < 0)
		field_error_add(&errs, "act_on-day", NULL,
				"This cannot be before the complaint, or its stage, began");
	if (!answer && stage >= 2)
		field_error_add(&errs, "act", NULL, "It is at its last stage already");
	if (errs.n)
		return redress_child_page(req, 422, child, &errs);
	if (answer) {
		const char *v[] = {cid, on, resolution};
		return save(req, child,
			    "UPDATE complaint SET responded_on = $2, resolution = $3 WHERE id = $1",
			    v, 3, "answer", "complaint", cid);
	}
	struct date d, due_d;
	struct holidays hol;
	char due[DATE_ISO_LEN + 1];
	date_parse(on, &d);
	due_d = date_add_working_days(d, response_days(req_db(req), la, kind, 2),
				      redress_holidays(&hol));
	date_iso(due_d, due);
	const char *v[] = {cid, on, due};
	/* stage 1's answer, if any, is kept; stage 2 waits for its own */
	return save(req, child,
		    "UPDATE complaint SET stage = 2, stage_started_on = $2, response_due = $3,"
		    " escalated_on = $2, stage1_responded_on = responded_on, stage1_resolution ="
		    " resolution, responded_on = NULL, resolution = NULL WHERE id = $1",
		    v, 3, "escalate", "complaint", cid);
}

int redress_ombudsman_post(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	const char *child = req_param(req, "id");
	int rc = access_child(req, child);
	if (rc)
		return rc;
	struct field_errors errs = {0};
	char aware[DATE_ISO_LEN + 1], made[DATE_ISO_LEN + 1];
	int late = req_form_has(req, "late_accepted", "yes");
	int ok = form_date(req, "aware", aware, &errs, 0) == 0;
	ok &= form_date(req, "to_ombudsman", made, &errs, 0) == 0;
	if (ok) {
		struct date a, m;
		date_parse(aware, &a);
		date_parse(made, &m);
		struct date by = lgsco_by(&redress_rules_now, a);
		if (date_cmp(m, a) < 0)
			field_error_add(&errs, "to_ombudsman-day", NULL,
					"The complaint cannot be before knowing about the problem");
		else if (date_cmp(m, by) > 0 && !late)
			field_error_add(&errs, "to_ombudsman-day", NULL,
					arena_printf(req_arena(req),
						     "The 12 months ended on %s: tick that the "
						     "Ombudsman accepted it late, if it did",
						     redress_long(req_arena(req), by)));
	}
	if (errs.n)
		return redress_child_page(req, 422, child, &errs);
	struct child c;
	if ((rc = child_get(req_db(req), child, &c)) != 0)
		return rc;
	char id[ID_LEN + 1], now[32];
	id_new(id);
	log_now_iso(now, sizeof(now));
	const char *v[] = {id, child, c.la_code, aware, made, late ? "1" : "0", auth_user(req)->id,
			   now};
	return save(req, child,
		    "INSERT INTO ombudsman_complaint (id, child_id, la_code, aware_on, made_on,"
		    " late_accepted, created_by, created_at) VALUES ($1, $2, $3, $4, $5, CAST($6 AS"
		    " INTEGER), $7, $8)",
		    v, 8, "create", "ombudsman_complaint", id);
}

int redress_ombudsman_step(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	const char *child = req_param(req, "id"), *oid = req_param(req, "oid");
	int rc = access_child(req, child);
	if (rc || (rc = auth_require(req, REDRESS_OFFICERS)) != 0)
		return rc;
	struct field_errors errs = {0};
	char on[DATE_ISO_LEN + 1] = "";
	const char *finding = req_form(req, "finding"), *remedy = req_form(req, "remedy");
	form_date(req, "found", on, &errs, 0);
	if (!one_of(finding, findings, N(findings)))
		field_error_add(&errs, "finding", NULL, "Choose the finding");
	if (remedy && strlen(remedy) > 4000)
		field_error_add(&errs, "remedy", NULL, "Must be 4,000 characters or fewer");
	/* this child's complaint (else 404), not decided yet, and not found before it */
	struct db_stmt *st = NULL;
	char made[DATE_ISO_LEN + 1] = "";
	int found = 0, decided = 0;
	if (db_prepare(req_db(req),
		       "SELECT made_on, CASE WHEN decided_on IS NULL THEN 0 ELSE 1 END FROM"
		       " ombudsman_complaint WHERE id = $1 AND child_id = $2",
		       &st) == 0) {
		if (db_bind_text(st, 1, oid) == 0 && db_bind_text(st, 2, child) == 0 &&
		    db_step(st) == DB_ROW) {
			found = 1;
			snprintf(made, sizeof(made), "%s", db_column_text(st, 0));
			decided = db_column_int64(st, 1) != 0;
		}
		db_reset(st);
	}
	if (!found)
		return ERR_NOTFOUND;
	if (decided)
		field_error_add(&errs, "finding", NULL, "The finding has been recorded already");
	else if (on[0] && strcmp(on, made) < 0)
		field_error_add(&errs, "found-day", NULL,
				"The finding cannot be before the complaint to the Ombudsman");
	if (errs.n)
		return redress_child_page(req, 422, child, &errs);
	const char *v[] = {oid, child, on, finding, remedy && *remedy ? remedy : NULL};
	return save(req, child,
		    "UPDATE ombudsman_complaint SET decided_on = $3, finding = $4, remedy = $5"
		    " WHERE id = $1 AND child_id = $2 AND decided_on IS NULL AND made_on <= $3",
		    v, 5, "decided", "ombudsman_complaint", oid);
}

int redress_claim_post(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	const char *child = req_param(req, "id");
	int rc = access_child(req, child);
	if (rc)
		return rc;
	const char *name = req_form(req, "setting_name"), *about = req_form(req, "claim_about");
	struct field_errors errs = {0};
	char made[DATE_ISO_LEN + 1];
	if (!name || !*name || strlen(name) > 200)
		field_error_add(&errs, "setting_name", NULL,
				"Enter the setting, in 200 characters or fewer");
	if (!about || !*about || strlen(about) > 4000)
		field_error_add(&errs, "claim_about", NULL,
				"Enter what it is about, in 4,000 characters or fewer");
	form_date(req, "claimed", made, &errs, 0);
	if (errs.n)
		return redress_child_page(req, 422, child, &errs);
	struct child c;
	if ((rc = child_get(req_db(req), child, &c)) != 0)
		return rc;
	char id[ID_LEN + 1], now[32];
	id_new(id);
	log_now_iso(now, sizeof(now));
	const char *v[] = {id, child, c.la_code, name, about, made, auth_user(req)->id, now};
	return save(req, child,
		    "INSERT INTO discrimination_claim (id, child_id, la_code, setting_name, about,"
		    " made_on, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
		    v, 8, "create", "discrimination_claim", id);
}
