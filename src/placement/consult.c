/*
 * consult.c: consulting settings about naming them in a child's plan. The LA sends the
 * draft plan; the setting has 15 days to answer (SEND Code of Practice 9.83) whether it
 * can meet the child's needs; a refusal must give one of the statutory grounds. Lists of
 * what is waiting, and what is overdue, for the LA and for each setting.
 */
#include <stdlib.h>
#include <string.h>

#include "access/access.h"
#include "platform/audit.h"
#include "platform/csvout.h"
#include "platform/err.h"
#include "platform/log.h"
#include "placement/internal.h"

const char *const consultation_grounds[3][2] = {
	{"unsuitable", "Unsuitable for the child's age, ability, aptitude or special "
		       "educational needs"},
	{"efficient_education", "Incompatible with the efficient education of others"},
	{"resources", "Incompatible with the efficient use of resources"},
};

static const char *ground_label(const char *v)
{
	for (size_t i = 0; v && i < 3; i++)
		if (strcmp(v, consultation_grounds[i][0]) == 0)
			return consultation_grounds[i][1];
	return NULL;
}

static const char *long_date(struct arena *a, const char *iso)
{
	struct date d;
	char buf[DATE_LONG_MAX];
	if (!iso || date_parse(iso, &d) != 0)
		return iso ? iso : "";
	date_long(d, buf, sizeof(buf));
	return arena_strdup(a, buf);
}

static const char *answer_text(struct arena *a, struct db_stmt *st, int col)
{
	/* col: answer, ground, reasons, answered_on */
	if (db_column_is_null(st, col))
		return NULL;
	if (strcmp(db_column_text(st, col), "can_meet") == 0)
		return arena_printf(a, "Can meet the needs (%s)",
				    long_date(a, db_column_text(st, col + 3)));
	return arena_printf(a, "Cannot: %s. %s (%s)",
			    ground_label(db_column_text(st, col + 1))
				    ? ground_label(db_column_text(st, col + 1))
				    : "",
			    db_column_is_null(st, col + 2) ? "" : db_column_text(st, col + 2),
			    long_date(a, db_column_text(st, col + 3)));
}

void consultations_block(struct html *h, struct request *req, const char *child,
			 const struct field_errors *errs)
{
	struct arena *a = req_arena(req);
	const struct user *u = auth_user(req);
	html_raw(h, "<h2 class=\"govuk-heading-m\">Settings consulted</h2>");
	struct db_stmt *st = NULL;
	struct gds_table_cell *cells = arena_alloc(a, sizeof(*cells) * 4 * 50);
	size_t n = 0;
	char today[DATE_ISO_LEN + 1];
	date_iso(date_today(), today);
	if (cells && db_prepare(req_db(req),
				"SELECT o.name, c.sent_on, c.due_on, c.answer, c.ground, c.reasons,"
				" c.answered_on FROM placement_consultation c JOIN organisation o"
				" ON o.id = c.setting_id WHERE c.child_id = $1 ORDER BY c.sent_on,"
				" o.name LIMIT 50",
				&st) == 0) {
		if (db_bind_text(st, 1, child) == 0)
			while (db_step(st) == DB_ROW) {
				struct gds_table_cell *r = &cells[4 * n++];
				const char *ans = answer_text(a, st, 3);
				int overdue = !ans && strcmp(db_column_text(st, 2), today) < 0;
				r[0] = (struct gds_table_cell){
					.text = arena_strdup(a, db_column_text(st, 0))};
				r[1] = (struct gds_table_cell){
					.text = long_date(a, db_column_text(st, 1))};
				r[2] = (struct gds_table_cell){
					.text = arena_printf(a, "%s%s",
							     long_date(a, db_column_text(st, 2)),
							     overdue ? " (overdue)" : "")};
				r[3] = (struct gds_table_cell){.text = ans ? ans : "Waiting"};
			}
		db_reset(st);
	}
	static const struct gds_table_cell head[] = {
		{.text = "Setting"}, {.text = "Sent"}, {.text = "Answer due"}, {.text = "Answer"}};
	if (n)
		gds_table(h, &(struct gds_table){.caption = "Consultations",
						 .caption_size = GDS_SIZE_S,
						 .head = head,
						 .cells = cells,
						 .n_cols = 4,
						 .n_rows = n,
						 .first_cell_is_header = 1,
						 .scroll_label = "Consultations"});
	else
		gds_p(h, "No setting has been consulted yet.");
	if (!(ROLE_BIT(u->role) & PLACEMENT_OFFICERS))
		return;
	gds_form_start(h, arena_printf(a, "/children/%s/placement/consult", child));
	gds_hidden(h, "csrf", u->csrf);
	gds_input(h, &(struct gds_input){.name = "consult_setting",
					 .label = "Consult a setting: its URN",
					 .label_size = GDS_SIZE_S,
					 .hint = "It has 15 days to answer, with the draft plan",
					 .classes = "govuk-input--width-10",
					 .value = req_form(req, "consult_setting"),
					 .errors = errs});
	gds_button(h, &(struct gds_button){.text = "Send the consultation",
					   .kind = GDS_BUTTON_SECONDARY});
	gds_form_end(h);
}

static int consult_post(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	const char *child = req_param(req, "id");
	int rc = access_child(req, child);
	if (rc || (rc = auth_require(req, PLACEMENT_OFFICERS)) != 0)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct field_errors errs = {0};
	char setting[ID_LEN + 1];
	if (find_setting(db, req_form(req, "consult_setting"), setting, NULL, req_arena(req)) != 0)
		field_error_add(&errs, "consult_setting", NULL,
				"Enter the URN of a school or college in the directory");
	if (errs.n)
		return placement_child_page(req, 422, child, &errs);
	struct child c;
	if ((rc = child_get(db, child, &c)) != 0)
		return rc;
	char id[ID_LEN + 1], today[DATE_ISO_LEN + 1], due[DATE_ISO_LEN + 1], now[32],
		version[ID_LEN + 1] = "";
	id_new(id);
	date_iso(date_today(), today);
	date_iso(date_add_days(date_today(), CONSULTATION_DAYS), due);
	log_now_iso(now, sizeof(now));
	struct db_stmt *st = NULL;
	/* the draft plan goes with it: the latest version */
	if (db_prepare(db,
		       "SELECT id FROM plan_version WHERE child_ref = $1 ORDER BY version DESC"
		       " LIMIT 1",
		       &st) == 0) {
		if (db_bind_text(st, 1, child) == 0 && db_step(st) == DB_ROW)
			snprintf(version, sizeof(version), "%s", db_column_text(st, 0));
		db_reset(st);
	}
	if ((rc = db_begin(db)) != 0)
		return rc;
	const char *v[] = {id,    child, c.la_code, setting, version[0] ? version : NULL,
			   today, due,   u->id,     now};
	rc = placement_exec(db,
			    "INSERT INTO placement_consultation (id, child_id, la_code, setting_id,"
			    " plan_version_id, sent_on, due_on, created_by, created_at) VALUES ($1,"
			    " $2, $3, $4, $5, $6, $7, $8, $9)",
			    v, 9);
	/* the setting's SENCo may now see the child, to answer (src/access/) */
	const char *s[] = {child, setting, today};
	if (rc == 0)
		rc = placement_exec(
			db,
			"INSERT INTO child_setting (child_id, organisation_id, relation,"
			" started_on) VALUES ($1, $2, 'consultation', $3) ON CONFLICT DO"
			" NOTHING",
			s, 3);
	if (rc == 0)
		rc = placement_audit(db, u->id, "create", "placement_consultation", id);
	if (rc == 0)
		rc = db_commit(db);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return resp_redirect(req, arena_printf(req_arena(req), "/children/%s/placement", child));
}

/* the list: the LA's (officers) or the setting's (SENCo) consultations waiting for an
 * answer, overdue first */
/* the consultations not yet answered, of a setting or an LA (where names the column) */
#define WAITING_SQL(where)                                                                      \
	"SELECT c.id, k.given_name || ' ' || k.family_name, o.name, c.sent_on, c.due_on,"       \
	" c.child_id FROM placement_consultation c JOIN child k ON k.id = c.child_id JOIN"      \
	" organisation o ON o.id = c.setting_id WHERE " where " = $1 AND c.answered_on IS NULL" \
	" ORDER BY c.due_on"

/* consultations_csv: every consultation waiting (the page stops at 500), st bound */
static int consultations_csv(struct request *req, struct db_stmt *st, const char *today)
{
	struct buf b;
	csvout_init(&b);
	static const char *const head[] = {"consultation_id", "child_id", "child_or_young_person",
					   "setting",         "sent_on",  "answer_due",
					   "overdue"};
	csvout_row(&b, head, sizeof(head) / sizeof(head[0]));
	while (db_step(st) == DB_ROW && !b.err) {
		csvout_id(&b, db_column_text(st, 0));
		csvout_id(&b, db_column_text(st, 5));
		csvout_text(&b, db_column_text(st, 1));
		csvout_text(&b, db_column_text(st, 2));
		csvout_id(&b, db_column_text(st, 3));
		csvout_id(&b, db_column_text(st, 4));
		csvout_text(&b, strcmp(db_column_text(st, 4), today) < 0 ? "yes" : "no");
		csvout_end_row(&b);
	}
	db_reset(st);
	return csvout_send(req, &b, "consultations.csv");
}

static int consultations_page(struct request *req, int status, const struct field_errors *errs)
{
	int rc = auth_require(req, PLACEMENT_OFFICERS | ROLE_BIT(ROLE_SENCO));
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct arena *a = req_arena(req);
	int senco = u->role == ROLE_SENCO;
	char today[DATE_ISO_LEN + 1];
	date_iso(date_today(), today);
	/* a form sent back with its errors (422) is always the page */
	int csv = status == 200 ? csvout_wanted(req) : 0;
	if (csv < 0)
		return csv;
	const char *key = senco ? u->org_id : u->la_code;
	struct db_stmt *st = NULL;
	if ((rc = db_prepare(req_db(req),
			     csv ? (senco ? WAITING_SQL("c.setting_id") : WAITING_SQL("c.la_code"))
			     : senco ? WAITING_SQL("c.setting_id") " LIMIT 500"
				     : WAITING_SQL("c.la_code") " LIMIT 500",
			     &st)) != 0)
		return rc;
	/* the family's names are on the list: the read is audited as a list of children's */
	if ((rc = db_bind_text(st, 1, key)) != 0 ||
	    (rc = audit_record(req, "list", "consultation_list", key)) != 0) {
		db_reset(st);
		return rc;
	}
	if (csv)
		return consultations_csv(req, st, today);
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "Consultations waiting for an answer",
					      .errors = errs,
					      .sign_out_csrf = u->csrf});
	gds_heading(&h, &(struct gds_heading){.text = "Consultations waiting for an answer"});
	int overdue = 0, n = 0;
	while (db_step(st) == DB_ROW) {
		n++;
		const char *id = arena_strdup(a, db_column_text(st, 0));
		int late = strcmp(db_column_text(st, 4), today) < 0;
		overdue += late;
		html_raw(&h, "<div class=\"govuk-summary-card\"><div "
			     "class=\"govuk-summary-card__title-wrapper\"><h2 "
			     "class=\"govuk-summary-card__title\">");
		html_text(&h, db_column_text(st, 1));
		html_raw(&h, "</h2></div><div class=\"govuk-summary-card__content\">");
		struct gds_summary_row rows[3] = {
			{.key = "Setting", .value = arena_strdup(a, db_column_text(st, 2))},
			{.key = "Sent", .value = long_date(a, db_column_text(st, 3))},
			{.key = "Answer due",
			 .value = arena_printf(a, "%s%s", long_date(a, db_column_text(st, 4)),
					       late ? ": overdue" : "")}};
		gds_summary_list(&h, &(struct gds_summary_list){.rows = rows, .n_rows = 3});
		html_raw(&h, "<p class=\"govuk-body\">");
		gds_link(&h, arena_printf(a, "/placements/consultations/%s", id),
			 arena_printf(a, "Answer for %s", db_column_text(st, 1)));
		html_raw(&h, "</p>");
		html_raw(&h, "</div></div>");
	}
	db_reset(st);
	gds_p(&h, n ? arena_printf(a, "%d waiting, %d overdue (15 days have passed).", n, overdue)
		    : "Nothing is waiting for an answer.");
	csvout_link(&h, req, "/placements/consultations", NULL);
	gds_page_end(&h);
	if ((rc = html_error(&h)) != 0) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, status, &h);
}

static int consultations_get(struct request *req)
{
	return consultations_page(req, 200, NULL);
}

/* answer_page: one consultation and the form to answer it */
static int answer_page(struct request *req, int status, const struct field_errors *errs)
{
	int rc = auth_require(req, PLACEMENT_OFFICERS | ROLE_BIT(ROLE_SENCO));
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct arena *a = req_arena(req);
	const char *id = req_param(req, "cid");
	struct db_stmt *st = NULL;
	const char *child = NULL, *setting = NULL, *due = NULL;
	if ((rc = db_prepare(req_db(req),
			     "SELECT k.given_name || ' ' || k.family_name, o.name, c.due_on FROM"
			     " placement_consultation c JOIN child k ON k.id = c.child_id JOIN"
			     " organisation o ON o.id = c.setting_id WHERE c.id = $1 AND"
			     " c.answered_on IS NULL AND (c.setting_id = $2 OR c.la_code = $3)",
			     &st)) != 0)
		return rc;
	if (db_bind_text(st, 1, id) == 0 &&
	    db_bind_text(st, 2, u->role == ROLE_SENCO ? u->org_id : "") == 0 &&
	    db_bind_text(st, 3, u->role == ROLE_SENCO ? "" : u->la_code) == 0 &&
	    db_step(st) == DB_ROW) {
		child = arena_strdup(a, db_column_text(st, 0));
		setting = arena_strdup(a, db_column_text(st, 1));
		due = long_date(a, db_column_text(st, 2));
	}
	db_reset(st);
	if (!child)
		return ERR_NOTFOUND;
	static const struct gds_choice answers[] = {
		{.value = "can_meet", .text = "We can meet the child's needs"},
		{.value = "cannot_meet", .text = "We cannot"}};
	struct gds_choice grounds[3];
	for (size_t g = 0; g < 3; g++)
		grounds[g] = (struct gds_choice){.value = consultation_grounds[g][0],
						 .text = consultation_grounds[g][1]};
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "Answer a consultation",
					      .errors = errs,
					      .sign_out_csrf = u->csrf});
	gds_back_link(&h, "/placements/consultations", "Back to the consultations");
	gds_heading(&h, &(struct gds_heading){.text = "Answer a consultation", .caption = child});
	gds_p(&h, arena_printf(a,
			       "%s is asked whether it can meet the needs in the draft plan, "
			       "by %s.",
			       setting, due));
	gds_form_start(&h, arena_printf(a, "/placements/consultations/%s", id));
	gds_hidden(&h, "csrf", u->csrf);
	gds_radios(&h, &(struct gds_choices){.name = "answer",
					     .legend = "The setting's answer",
					     .legend_size = GDS_SIZE_S,
					     .items = answers,
					     .n_items = 2,
					     .value = req_form(req, "answer"),
					     .errors = errs});
	gds_radios(&h, &(struct gds_choices){.name = "ground",
					     .legend = "If not, the statutory ground",
					     .legend_size = GDS_SIZE_S,
					     .items = grounds,
					     .n_items = 3,
					     .value = req_form(req, "ground"),
					     .errors = errs});
	gds_textarea(&h, &(struct gds_textarea){.name = "reasons",
						.label = "Reasons",
						.label_size = GDS_SIZE_S,
						.value = req_form(req, "reasons"),
						.rows = 3,
						.errors = errs});
	gds_button(&h, &(struct gds_button){.text = "Send the answer", .prevent_double_click = 1});
	gds_form_end(&h);
	gds_page_end(&h);
	if ((rc = html_error(&h)) != 0) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, status, &h);
}

static int answer_get(struct request *req)
{
	return answer_page(req, 200, NULL);
}

static int answer_post(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	int rc = auth_require(req, PLACEMENT_OFFICERS | ROLE_BIT(ROLE_SENCO));
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	const char *id = req_param(req, "cid");
	const char *answer = req_form(req, "answer"), *ground = req_form(req, "ground");
	const char *reasons = req_form(req, "reasons");
	struct field_errors errs = {0};
	int cannot = answer && strcmp(answer, "cannot_meet") == 0;
	if (!answer || (!cannot && strcmp(answer, "can_meet") != 0))
		field_error_add(&errs, "answer", NULL,
				"Choose whether the setting can meet the needs");
	if (cannot && !ground_label(ground))
		field_error_add(&errs, "ground", NULL,
				"A refusal must give one of the statutory grounds");
	if (cannot && (!reasons || !*reasons))
		field_error_add(&errs, "reasons", NULL, "Enter the reasons for the refusal");
	if (errs.n)
		return answer_page(req, 422, &errs);
	char today[DATE_ISO_LEN + 1];
	date_iso(date_today(), today);
	/* only the setting's own SENCo, or the LA that sent it, and only once */
	const char *v[] = {id,
			   answer,
			   cannot ? ground : NULL,
			   reasons && *reasons ? reasons : NULL,
			   today,
			   u->id,
			   u->role == ROLE_SENCO ? u->org_id : "",
			   u->role == ROLE_SENCO ? "" : u->la_code};
	if ((rc = db_begin(db)) != 0)
		return rc;
	struct db_stmt *st = NULL;
	int changed = 0;
	if ((rc = db_prepare(db,
			     "UPDATE placement_consultation SET answer = $2, ground = $3, reasons ="
			     " $4, answered_on = $5, answered_by = $6 WHERE id = $1 AND answered_on"
			     " IS NULL AND (setting_id = $7 OR la_code = $8) RETURNING id",
			     &st)) == 0) {
		for (int i = 0; i < 8 && rc == 0; i++)
			rc = v[i] ? db_bind_text(st, i + 1, v[i]) : db_bind_null(st, i + 1);
		if (rc == 0)
			changed = db_step(st) == DB_ROW;
		db_reset(st);
	}
	if (rc == 0 && !changed)
		rc = ERR_NOTFOUND;
	if (rc == 0)
		rc = placement_audit(db, u->id, answer, "placement_consultation", id);
	if (rc == 0)
		rc = db_commit(db);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return resp_redirect(req, "/placements/consultations");
}

const struct route placement_consult_routes[] = {
	{"POST", "/children/{id}/placement/consult", consult_post},
	{"GET", "/placements/consultations", consultations_get},
	{"GET", "/placements/consultations/{cid}", answer_get},
	{"POST", "/placements/consultations/{cid}", answer_post},
};
const size_t placement_consult_routes_count =
	sizeof(placement_consult_routes) / sizeof(placement_consult_routes[0]);
