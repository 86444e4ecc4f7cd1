/*
 * delivery.c: section F provision that did not happen. The setting (its SENCo) or the LA
 * records sessions missed on a line of the plan (staff absent, a therapist post vacant,
 * the setting closed); the family sees every record; totals per line of the plan and,
 * for the LA, per provider.
 */
#include <stdlib.h>
#include <string.h>

#include "access/access.h"
#include "plan/plan.h"
#include "platform/audit.h"
#include "platform/csvout.h"
#include "platform/err.h"
#include "platform/form.h"
#include "platform/log.h"
#include "review/internal.h"

#define RECORDERS (REVIEW_OFFICERS | ROLE_BIT(ROLE_SENCO))
#define SESSIONS_MAX 500

static const struct gds_choice reasons[] = {
	{.value = "staff_absent", .text = "Staff absent"},
	{.value = "post_vacant", .text = "The post is vacant (for example, no therapist)"},
	{.value = "setting_closed", .text = "The setting was closed"},
	{.value = "child_absent", .text = "The child was absent"},
	{.value = "other", .text = "Another reason"},
};

/* may_record: LA officers; a SENCo only for a child on their setting's roll (a setting
 * only being consulted does not deliver the provision) */
static int may_record(struct request *req, const char *child)
{
	const struct user *u = auth_user(req);
	if (!u || !(ROLE_BIT(u->role) & RECORDERS))
		return 0;
	if (u->role != ROLE_SENCO)
		return 1;
	struct db_stmt *st = NULL;
	int on_roll = 0;
	if (db_prepare(req_db(req),
		       "SELECT 1 FROM child_setting WHERE child_id = $1 AND organisation_id = $2"
		       " AND relation = 'roll' AND ended_on IS NULL",
		       &st) == 0) {
		on_roll = db_bind_text(st, 1, child) == 0 && db_bind_text(st, 2, u->org_id) == 0 &&
			  db_step(st) == DB_ROW;
		db_reset(st);
	}
	return on_roll;
}

/* long_date: "4 November 2026" for a stored ISO date */
static const char *long_date(struct arena *a, const char *iso)
{
	struct date d;
	char buf[DATE_LONG_MAX];
	if (!iso || date_parse(iso, &d) != 0)
		return iso ? iso : "";
	date_long(d, buf, sizeof(buf));
	return arena_strdup(a, buf);
}

static const char *reason_label(const char *v)
{
	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (v && strcmp(v, reasons[i].value) == 0)
			return reasons[i].text;
	return v ? v : "";
}

/* the section F lines of the latest issued version, as radio items */
static size_t f_lines(struct request *req, const char *child, struct gds_choice *out, size_t cap,
		      char *version_id)
{
	struct arena *a = req_arena(req);
	struct db_stmt *st = NULL;
	size_t n = 0;
	version_id[0] = '\0';
	if (db_prepare(req_db(req),
		       "SELECT id, content FROM plan_version WHERE child_ref = $1 AND status <>"
		       " 'draft' ORDER BY version DESC LIMIT 1",
		       &st) != 0)
		return 0;
	if (db_bind_text(st, 1, child) == 0 && db_step(st) == DB_ROW) {
		snprintf(version_id, ID_LEN + 1, "%s", db_column_text(st, 0));
		json_error_t je;
		json_t *plan = json_loads(db_column_text(st, 1), 0, &je);
		size_t i;
		json_t *p;
		json_array_foreach(json_object_get(plan, "provision"), i, p)
		{
			const char *id = json_string_value(json_object_get(p, "id"));
			const char *sec = json_string_value(json_object_get(p, "section"));
			if (n == cap || !id || !sec || strcmp(sec, "F") != 0)
				continue;
			out[n++] = (struct gds_choice){
				.value = arena_strdup(a, id),
				.text = arena_printf(
					a, "%s: %s", id,
					json_string_value(json_object_get(p, "what")))};
		}
		json_decref(plan);
	}
	db_reset(st);
	return n;
}

static int missed_page(struct request *req, int status, const char *child,
		       const struct field_errors *errs)
{
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	struct child c;
	int rc = child_get(db, child, &c);
	if (rc)
		return rc;
	struct db_stmt *st = NULL;
	struct gds_table_cell *cells = arena_alloc(a, sizeof(*cells) * 6 * 200);
	size_t n = 0;
	long total = 0;
	if (!cells)
		return ERR_NOMEM;
	if ((rc = db_prepare(db,
			     "SELECT m.line, m.missed_from, m.missed_to, m.sessions, m.reason,"
			     " coalesce(o.name, 'The local authority'), m.note FROM"
			     " provision_missed m LEFT JOIN organisation o ON o.id = m.provider_id"
			     " WHERE m.child_id = $1 ORDER BY m.missed_from DESC, m.id LIMIT 200",
			     &st)) != 0)
		return rc;
	if (db_bind_text(st, 1, child) == 0)
		while (db_step(st) == DB_ROW) {
			struct gds_table_cell *r = &cells[6 * n++];
			total += (long)db_column_int64(st, 3);
			r[0] = (struct gds_table_cell){
				.text = arena_strdup(a, db_column_text(st, 0))};
			r[1] = (struct gds_table_cell){
				.text = arena_printf(a, "%s to %s",
						     long_date(a, db_column_text(st, 1)),
						     long_date(a, db_column_text(st, 2)))};
			r[2] = (struct gds_table_cell){
				.text = arena_printf(a, "%lld", (long long)db_column_int64(st, 3)),
				.numeric = 1};
			r[3] = (struct gds_table_cell){
				.text = arena_strdup(a, reason_label(db_column_text(st, 4)))};
			r[4] = (struct gds_table_cell){
				.text = arena_strdup(a, db_column_text(st, 5))};
			r[5] = (struct gds_table_cell){
				.text = db_column_is_null(st, 6)
						? ""
						: arena_strdup(a, db_column_text(st, 6))};
		}
	db_reset(st);
	if ((rc = audit_record(req, "read", "provision_missed", child)) != 0)
		return rc;
	struct html h;
	html_init(&h);
	const char *name = arena_printf(a, "%s %s", c.given_name, c.family_name);
	gds_page_start(&h, &(struct gds_page){.title = "Provision that did not happen",
					      .errors = errs,
					      .sign_out_csrf = u->csrf});
	gds_back_link(&h, arena_printf(a, "/children/%s/plan", child), "Back to the plan");
	gds_heading(&h, &(struct gds_heading){.text = "Provision that did not happen",
					      .caption = name});
	gds_p(&h, arena_printf(a, "%ld session%s of section F provision recorded as missed.", total,
			       total == 1 ? "" : "s"));
	static const struct gds_table_cell head[] = {{.text = "Line"},     {.text = "When"},
						     {.text = "Sessions"}, {.text = "Why"},
						     {.text = "Provider"}, {.text = "Note"}};
	if (n)
		gds_table(&h, &(struct gds_table){.caption = "Sessions missed, newest first",
						  .caption_size = GDS_SIZE_S,
						  .head = head,
						  .cells = cells,
						  .n_cols = 6,
						  .n_rows = n,
						  .scroll_label = "Sessions missed"});
	if (may_record(req, child)) {
		struct gds_choice lines[100];
		char version[ID_LEN + 1];
		size_t nl = f_lines(req, child, lines, 100, version);
		html_raw(&h, "<h2 class=\"govuk-heading-m\">Record provision that did not "
			     "happen</h2>");
		if (!nl) {
			gds_p(&h, "There is no issued plan with section F provision to record "
				  "against.");
		} else {
			gds_form_start(&h, arena_printf(a, "/children/%s/plan/missed", child));
			gds_hidden(&h, "csrf", u->csrf);
			gds_radios(&h, &(struct gds_choices){.name = "line",
							     .legend = "Which provision",
							     .legend_size = GDS_SIZE_S,
							     .items = lines,
							     .n_items = nl,
							     .value = req_form(req, "line"),
							     .errors = errs});
			static const char *const dates[][2] = {{"from", "First day missed"},
							       {"to", "Last day missed"}};
			for (size_t k = 0; k < 2; k++)
				gds_date_input(
					&h,
					&(struct gds_date_input){
						.name = dates[k][0],
						.legend = dates[k][1],
						.legend_size = GDS_SIZE_S,
						.day = req_form(req, arena_printf(a, "%s-day",
										  dates[k][0])),
						.month = req_form(req, arena_printf(a, "%s-month",
										    dates[k][0])),
						.year = req_form(req, arena_printf(a, "%s-year",
										   dates[k][0])),
						.errors = errs});
			gds_input(&h, &(struct gds_input){.name = "sessions",
							  .label = "Sessions missed",
							  .label_size = GDS_SIZE_S,
							  .inputmode = "numeric",
							  .classes = "govuk-input--width-4",
							  .value = req_form(req, "sessions"),
							  .errors = errs});
			gds_radios(&h, &(struct gds_choices){.name = "reason",
							     .legend = "Why",
							     .legend_size = GDS_SIZE_S,
							     .items = reasons,
							     .n_items = 5,
							     .value = req_form(req, "reason"),
							     .errors = errs});
			gds_textarea(&h, &(struct gds_textarea){.name = "note",
								.label = "Note (optional)",
								.label_size = GDS_SIZE_S,
								.value = req_form(req, "note"),
								.rows = 2,
								.errors = errs});
			gds_button(&h,
				   &(struct gds_button){.text = "Save", .prevent_double_click = 1});
			gds_form_end(&h);
		}
	}
	gds_page_end(&h);
	if ((rc = html_error(&h)) != 0) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, status, &h);
}

static int missed_get(struct request *req)
{
	const char *child = req_param(req, "id");
	int rc = access_child(req, child);
	return rc ? rc : missed_page(req, 200, child, NULL);
}

static int missed_post(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	const char *child = req_param(req, "id");
	int rc = access_child(req, child);
	if (rc)
		return rc;
	if ((rc = auth_require(req, RECORDERS)) != 0)
		return rc;
	if (!may_record(req, child))
		return ERR_DENIED;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct field_errors errs = {0};
	struct gds_choice lines[100];
	char version[ID_LEN + 1], from[DATE_ISO_LEN + 1], to[DATE_ISO_LEN + 1];
	size_t nl = f_lines(req, child, lines, 100, version);
	const char *line = req_form(req, "line");
	int known = 0;
	for (size_t i = 0; i < nl; i++)
		known |= line && strcmp(line, lines[i].value) == 0;
	if (!known)
		field_error_add(&errs, "line", NULL,
				"Choose the provision from section F of the plan");
	int ok = form_date(req, "from", from, &errs, 0) == 0;
	ok &= form_date(req, "to", to, &errs, 0) == 0;
	if (ok && strcmp(to, from) < 0)
		field_error_add(&errs, "to-day", NULL, "The last day cannot be before the first");
	const char *s = req_form(req, "sessions");
	char *end = NULL;
	long sessions = s && *s ? strtol(s, &end, 10) : 0;
	if (!s || !*s || *end || sessions < 1 || sessions > SESSIONS_MAX)
		field_error_add(&errs, "sessions", NULL,
				"Enter the sessions missed, from 1 to 500");
	const char *reason = req_form(req, "reason");
	if (!reason || !*reason || strcmp(reason_label(reason), reason) == 0)
		field_error_add(&errs, "reason", NULL, "Choose why it did not happen");
	const char *note = req_form(req, "note");
	if (note && strlen(note) > 2000)
		field_error_add(&errs, "note", NULL, "Must be 2,000 characters or fewer");
	if (errs.n)
		return missed_page(req, 422, child, &errs);
	/* the provider: the SENCo's setting; for the LA, none (the LA itself) */
	char id[ID_LEN + 1], now[32], count[16];
	id_new(id);
	log_now_iso(now, sizeof(now));
	snprintf(count, sizeof(count), "%ld", sessions);
	const char *v[] = {id,    child, version, line,   u->role == ROLE_SENCO ? u->org_id : NULL,
			   from,  to,    count,   reason, note && *note ? note : NULL,
			   u->id, now};
	if ((rc = db_begin(db)) != 0)
		return rc;
	struct db_stmt *st = NULL;
	rc = db_prepare(db,
			"INSERT INTO provision_missed (id, child_id, plan_version_id, line,"
			" provider_id, missed_from, missed_to, sessions, reason, note, recorded_by,"
			" recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, CAST($8 AS INTEGER), $9,"
			" $10, $11, $12)",
			&st);
	for (int i = 0; i < 12 && rc == 0; i++)
		rc = v[i] ? db_bind_text(st, i + 1, v[i]) : db_bind_null(st, i + 1);
	if (rc == 0)
		rc = db_step(st) == DB_DONE ? 0 : ERR_DB;
	if (st)
		db_reset(st);
	if ((rc = audit_commit(db, rc, u->id, "create", "provision_missed", id)) != 0)
		return rc;
	return resp_redirect(req, arena_printf(req_arena(req), "/children/%s/plan/missed", child));
}

#define PROVISION_SQL                                                         \
	"SELECT coalesce(o.name, 'The local authority'), sum(m.sessions),"    \
	" count(DISTINCT m.child_id) FROM provision_missed m JOIN child c ON" \
	" c.id = m.child_id LEFT JOIN organisation o ON o.id = m.provider_id" \
	" WHERE c.la_code = $1 AND m.missed_from >= $2 GROUP BY 1 ORDER BY 2 DESC"

/* provision_csv: every provider's totals (the page shows the first 200) */
static int provision_csv(struct request *req, struct db_stmt *st, const char *la, const char *since)
{
	struct buf b;
	csvout_init(&b);
	static const char *const head[] = {"provider", "sessions_missed", "children"};
	csvout_row(&b, head, 3);
	int rc = db_bind_text(st, 1, la);
	if (rc == 0 && (rc = db_bind_text(st, 2, since)) == 0)
		while (db_step(st) == DB_ROW && !b.err) {
			csvout_text(&b, db_column_text(st, 0));
			csvout_number(&b, (long long)db_column_int64(st, 1));
			csvout_number(&b, (long long)db_column_int64(st, 2));
			csvout_end_row(&b);
		}
	db_reset(st);
	if (rc || (rc = audit_record(req, "read", "provision_report", la)) != 0) {
		buf_release(&b);
		return rc;
	}
	return csvout_send(req, &b, "provision-not-delivered.csv");
}

/* the LA's totals per provider over the last 12 months */
static int provision_report(struct request *req)
{
	int rc = auth_require(req, REVIEW_OFFICERS);
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct arena *a = req_arena(req);
	char since[DATE_ISO_LEN + 1];
	date_iso(date_add_months(date_today(), -12), since);
	struct db_stmt *st = NULL;
	struct gds_table_cell *cells = arena_alloc(a, sizeof(*cells) * 3 * 200);
	size_t n = 0;
	if (!cells)
		return ERR_NOMEM;
	int csv = csvout_wanted(req);
	if (csv < 0)
		return csv;
	if ((rc = db_prepare(req_db(req), csv ? PROVISION_SQL : PROVISION_SQL " LIMIT 200", &st)) !=
	    0)
		return rc;
	if (csv)
		return provision_csv(req, st, u->la_code, since);
	if (db_bind_text(st, 1, u->la_code) == 0 && db_bind_text(st, 2, since) == 0)
		while (db_step(st) == DB_ROW) {
			struct gds_table_cell *r = &cells[3 * n++];
			r[0] = (struct gds_table_cell){
				.text = arena_strdup(a, db_column_text(st, 0))};
			r[1] = (struct gds_table_cell){
				.text = arena_printf(a, "%lld", (long long)db_column_int64(st, 1)),
				.numeric = 1};
			r[2] = (struct gds_table_cell){
				.text = arena_printf(a, "%lld", (long long)db_column_int64(st, 2)),
				.numeric = 1};
		}
	db_reset(st);
	if ((rc = audit_record(req, "read", "provision_report", u->la_code)) != 0)
		return rc;
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "Provision that did not happen",
					      .sign_out_csrf = u->csrf});
	gds_back_link(&h, "/reviews", "Back to reviews");
	gds_heading(&h, &(struct gds_heading){.text = "Provision that did not happen",
					      .caption = "The last 12 months, by provider"});
	static const struct gds_table_cell head[] = {{.text = "Provider"},
						     {.text = "Sessions missed", .numeric = 1},
						     {.text = "Children", .numeric = 1}};
	if (n)
		gds_table(&h, &(struct gds_table){.caption = "Sessions missed by provider",
						  .caption_size = GDS_SIZE_S,
						  .head = head,
						  .cells = cells,
						  .n_cols = 3,
						  .n_rows = n,
						  .first_cell_is_header = 1,
						  .scroll_label = "Sessions missed by provider"});
	else
		gds_p(&h, "None recorded in the last 12 months.");
	csvout_link(&h, req, "/reviews/provision", NULL);
	gds_page_end(&h);
	if ((rc = html_error(&h)) != 0) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, 200, &h);
}

const struct route review_delivery_routes[] = {
	{"GET", "/children/{id}/plan/missed", missed_get},
	{"POST", "/children/{id}/plan/missed", missed_post},
	{"GET", "/reviews/provision", provision_report},
};
const size_t review_delivery_routes_count =
	sizeof(review_delivery_routes) / sizeof(review_delivery_routes[0]);
