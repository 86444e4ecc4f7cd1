/*
 * mediation.c: mediation about a decision. The family contacts the mediation adviser; if
 * they will not mediate, the adviser's certificate is due within 3 working days; if they
 * will, the LA arranges mediation within 30 days of being told, and the certificate is due
 * within 3 working days of it. Mediation is free to families: nothing here can charge.
 * Each step is checked against the ones before it: no outcome dated before the
 * mediation, no mediation before the LA was told, no certificate before what it certifies.
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

static const struct gds_choice outcomes[] = {
	{.value = "agreed", .text = "Agreed"},
	{.value = "partly_agreed", .text = "Partly agreed"},
	{.value = "not_agreed", .text = "Not agreed"},
};
static const struct gds_choice agencies[] = {
	{.value = "education", .text = "Education (the council)"},
	{.value = "health", .text = "Health"},
	{.value = "care", .text = "Social care"},
};

/* agency_words: "education,health" as "Education (the council), Health" */
static const char *agency_words(struct arena *a, const char *list)
{
	const char *out = "";
	for (size_t i = 0; list && i < sizeof(agencies) / sizeof(agencies[0]); i++)
		if (strstr(list, agencies[i].value))
			out = arena_printf(a, "%s%s%s", out, *out ? ", " : "", agencies[i].text);
	return out;
}

static const char *outcome_label(const char *v)
{
	for (size_t i = 0; v && i < sizeof(outcomes) / sizeof(outcomes[0]); i++)
		if (strcmp(v, outcomes[i].value) == 0)
			return outcomes[i].text;
	return "no outcome";
}

static struct date col_date(struct db_stmt *st, int i)
{
	struct date d = {0, 0, 0};
	if (!db_column_is_null(st, i))
		date_parse(db_column_text(st, i), &d);
	return d;
}

void redress_mediation_block(struct html *h, struct request *req, const char *child,
			     const struct redress_decision *d, size_t n,
			     const struct field_errors *errs)
{
	struct arena *a = req_arena(req);
	const struct user *u = auth_user(req);
	struct holidays hol;
	redress_holidays(&hol);
	html_raw(h, "<h2 class=\"govuk-heading-m\">Mediation</h2>");
	struct db_stmt *st = NULL;
	int any = 0, form_shown = 0;
	if (db_prepare(req_db(req),
		       "SELECT id, decision, contacted_on, declined_on, la_told_on, held_on,"
		       " outcome, agencies, certificate_on FROM mediation WHERE child_id = $1"
		       " ORDER BY contacted_on DESC, id",
		       &st) == 0) {
		if (db_bind_text(st, 1, child) == 0)
			while (db_step(st) == DB_ROW) {
				any = 1;
				const char *id = arena_strdup(a, db_column_text(st, 0));
				struct date contacted = col_date(st, 2), declined = col_date(st, 3),
					    told = col_date(st, 4), held = col_date(st, 5),
					    cert = col_date(st, 8);
				const char *outcome =
					db_column_is_null(st, 6)
						? NULL
						: arena_strdup(a, db_column_text(st, 6));
				struct gds_summary_row rows[6];
				size_t k = 0;
				rows[k++] = (struct gds_summary_row){
					.key = "About",
					.value = redress_kind_label(db_column_text(st, 1))};
				rows[k++] = (struct gds_summary_row){
					.key = "Mediation adviser contacted",
					.value = redress_long(a, contacted)};
				if (declined.y)
					rows[k++] = (struct gds_summary_row){
						.key = "Not mediating",
						.value = arena_printf(
							a,
							"Said on %s; the certificate is due by %s",
							redress_long(a, declined),
							redress_long(a, certificate_declined_by(
										&redress_rules_now,
										declined, &hol)))};
				if (told.y)
					rows[k++] = (struct gds_summary_row){
						.key = "Mediating",
						.value = arena_printf(
							a,
							"The council was told on %s; mediation is "
							"due by %s",
							redress_long(a, told),
							redress_long(
								a, mediation_by(&redress_rules_now,
										told)))};
				if (held.y)
					rows[k++] = (struct gds_summary_row){
						.key = "Mediation held",
						.value = arena_printf(
							a,
							"%s: %s%s%s; the certificate is due by %s",
							redress_long(a, held),
							outcome_label(outcome),
							db_column_is_null(st, 7)
								? ""
								: "; taking part: ",
							db_column_is_null(st, 7)
								? ""
								: agency_words(
									  a, db_column_text(st, 7)),
							redress_long(a, certificate_after_by(
										&redress_rules_now,
										held, &hol)))};
				rows[k++] = (struct gds_summary_row){
					.key = "Certificate",
					.value = cert.y ? arena_printf(a, "Issued on %s",
								       redress_long(a, cert))
							: "Not yet"};
				gds_summary_list(
					h, &(struct gds_summary_list){.rows = rows, .n_rows = k});
				/* the next step, for officers: one form at a time */
				if (!(ROLE_BIT(u->role) & REDRESS_OFFICERS) || cert.y ||
				    form_shown++)
					continue;
				gds_form_start(
					h, arena_printf(a, "/children/%s/disagree/mediation/%s/%s",
							child, id,
							!declined.y && !told.y ? "choice"
							: told.y && !held.y    ? "held"
									       : "certificate"));
				gds_hidden(h, "csrf", u->csrf);
				if (!declined.y && !told.y) {
					static const struct gds_choice choice[] = {
						{.value = "declined",
						 .text = "They will not mediate"},
						{.value = "mediate",
						 .text = "They want to mediate (the council was "
							 "told)"}};
					gds_radios(h, &(struct gds_choices){
							      .name = "choice",
							      .legend = "What the family decided",
							      .legend_size = GDS_SIZE_S,
							      .items = choice,
							      .n_items = 2,
							      .value = req_form(req, "choice"),
							      .errors = errs});
					form_date_input(h, req, "on", "On", NULL, errs);
				} else if (told.y && !held.y) {
					form_date_input(h, req, "held", "Mediation held on", NULL,
							errs);
					gds_radios(h, &(struct gds_choices){
							      .name = "outcome",
							      .legend = "The outcome",
							      .legend_size = GDS_SIZE_S,
							      .items = outcomes,
							      .n_items = 3,
							      .value = req_form(req, "outcome"),
							      .errors = errs});
					gds_checkboxes(
						h, &(struct gds_choices){.name = "agencies",
									 .legend = "Who took part",
									 .legend_size = GDS_SIZE_S,
									 .items = agencies,
									 .n_items = 3,
									 .small = 1,
									 .errors = errs});
				} else {
					form_date_input(h, req, "certificate",
							"Certificate issued on", NULL, errs);
				}
				gds_button(h, &(struct gds_button){.text = "Save",
								   .kind = GDS_BUTTON_SECONDARY});
				gds_form_end(h);
			}
		db_reset(st);
	}
	if (!any)
		gds_p(h, "No mediation has been recorded.");
	if (!n || !(ROLE_BIT(u->role) & (REDRESS_OFFICERS | REDRESS_FAMILY)))
		return;
	struct gds_option *opts = arena_alloc(a, sizeof(*opts) * (n + 1));
	if (!opts)
		return;
	opts[0] = (struct gds_option){.value = "", .text = "Choose the decision"};
	for (size_t i = 0; i < n; i++)
		opts[i + 1] = (struct gds_option){
			.value = redress_choice(a, &d[i]),
			.text = arena_printf(a, "%s (served %s)", redress_kind_label(d[i].kind),
					     redress_long(a, d[i].served))};
	gds_form_start(h, arena_printf(a, "/children/%s/disagree/mediation", child));
	gds_hidden(h, "csrf", u->csrf);
	gds_select(h,
		   &(struct gds_select){.name = "mediation_decision",
					.label = "Record contact with the mediation adviser about",
					.label_size = GDS_SIZE_S,
					.items = opts,
					.n_items = n + 1,
					.value = req_form(req, "mediation_decision"),
					.errors = errs});
	form_date_input(h, req, "contacted", "Contacted on", NULL, errs);
	gds_button(h, &(struct gds_button){.text = "Record", .kind = GDS_BUTTON_SECONDARY});
	gds_form_end(h);
}

int redress_mediation_post(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	const char *child = req_param(req, "id");
	int rc = access_child(req, child);
	if (rc || (rc = auth_require(req, REDRESS_OFFICERS | REDRESS_FAMILY)) != 0)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	struct redress_decision d[20];
	size_t n = redress_decisions(db, child, a, d, 20);
	struct field_errors errs = {0};
	int k = redress_choice_parse(req_form(req, "mediation_decision"), d, n);
	char on[DATE_ISO_LEN + 1], served[DATE_ISO_LEN + 1];
	if (k < 0)
		field_error_add(&errs, "mediation_decision", NULL, "Choose the decision");
	if (form_date(req, "contacted", on, &errs, 0) == 0 && k >= 0) {
		date_iso(d[k].served, served);
		if (strcmp(on, served) < 0)
			field_error_add(&errs, "contacted-day", NULL,
					"The adviser cannot be contacted before the decision");
	}
	if (errs.n)
		return redress_child_page(req, 422, child, &errs);
	struct child c;
	if ((rc = child_get(db, child, &c)) != 0)
		return rc;
	char id[ID_LEN + 1], now[32];
	id_new(id);
	log_now_iso(now, sizeof(now));
	const char *v[] = {id, child, c.la_code, d[k].kind, served, on, u->id, now};
	if ((rc = db_begin(db)) != 0)
		return rc;
	struct db_stmt *st = NULL;
	rc = db_prepare(
		db,
		"INSERT INTO mediation (id, child_id, la_code, decision, decision_served_on,"
		" contacted_on, recorded_by, created_at, updated_at) VALUES ($1, $2, $3, $4,"
		" $5, $6, $7, $8, $8)",
		&st);
	for (int i = 0; i < 8 && rc == 0; i++)
		rc = db_bind_text(st, i + 1, v[i]);
	if (rc == 0)
		rc = db_step(st) == DB_DONE ? 0 : ERR_DB;
	if (st)
		db_reset(st);
	return redress_saved(req, db, child, rc, u->id, "create", "mediation", id);
}

int redress_mediation_step(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	const char *child = req_param(req, "id"), *mid = req_param(req, "mid");
	const char *step = req_param(req, "step");
	int rc = access_child(req, child);
	if (rc || (rc = auth_require(req, REDRESS_OFFICERS)) != 0)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	struct field_errors errs = {0};
	if ((rc = db_begin(db)) != 0)
		return rc;
	/* the mediation, locked, and what is recorded already */
	struct db_stmt *st = NULL;
	char contacted[DATE_ISO_LEN + 1] = "", declined[DATE_ISO_LEN + 1] = "",
				      told[DATE_ISO_LEN + 1] = "", held[DATE_ISO_LEN + 1] = "",
				      cert[DATE_ISO_LEN + 1] = "";
	int found = 0;
	if ((rc = db_prepare(db,
			     "UPDATE mediation SET updated_at = updated_at WHERE id = $1 AND"
			     " child_id = $2 RETURNING contacted_on, coalesce(declined_on, ''),"
			     " coalesce(la_told_on, ''), coalesce(held_on, ''),"
			     " coalesce(certificate_on, '')",
			     &st)) == 0) {
		if (db_bind_text(st, 1, mid) == 0 && db_bind_text(st, 2, child) == 0 &&
		    db_step(st) == DB_ROW) {
			found = 1;
			snprintf(contacted, sizeof(contacted), "%s", db_column_text(st, 0));
			snprintf(declined, sizeof(declined), "%s", db_column_text(st, 1));
			snprintf(told, sizeof(told), "%s", db_column_text(st, 2));
			snprintf(held, sizeof(held), "%s", db_column_text(st, 3));
			snprintf(cert, sizeof(cert), "%s", db_column_text(st, 4));
		}
		db_reset(st);
	}
	if (rc || !found) {
		db_rollback(db);
		return rc ? rc : ERR_NOTFOUND;
	}
	char on[DATE_ISO_LEN + 1] = "", now[32];
	log_now_iso(now, sizeof(now));
	const char *sql = NULL, *v[5] = {mid, now, NULL, NULL, NULL};
	int nv = 3;
	if (strcmp(step, "choice") == 0) {
		const char *choice = req_form(req, "choice");
		int decl = choice && strcmp(choice, "declined") == 0;
		if (!choice || (!decl && strcmp(choice, "mediate") != 0))
			field_error_add(&errs, "choice", NULL, "Choose what the family decided");
		if (form_date(req, "on", on, &errs, 0) == 0 && strcmp(on, contacted) < 0)
			field_error_add(&errs, "on-day", NULL,
					"This cannot be before the adviser was contacted");
		if (declined[0] || told[0])
			field_error_add(&errs, "choice", NULL, "Recorded already");
		sql = decl ? "UPDATE mediation SET declined_on = $3, updated_at = $2 WHERE id = $1"
			   : "UPDATE mediation SET la_told_on = $3, updated_at = $2 WHERE id = $1";
		v[2] = on;
	} else if (strcmp(step, "held") == 0) {
		const char *outcome = req_form(req, "outcome");
		int ok = 0;
		for (size_t i = 0; i < 3; i++)
			ok |= outcome && strcmp(outcome, outcomes[i].value) == 0;
		if (!told[0])
			field_error_add(&errs, "held-day", NULL,
					"Record first that the family told the council they wish "
					"to mediate");
		if (form_date(req, "held", on, &errs, 0) == 0 && told[0] && strcmp(on, told) < 0)
			field_error_add(&errs, "held-day", NULL,
					"Mediation cannot be before the council was told of it");
		if (!ok)
			field_error_add(&errs, "outcome", NULL, "Choose the outcome");
		if (held[0])
			field_error_add(&errs, "held-day", NULL, "Recorded already");
		const char *list = "";
		for (size_t i = 0; i < 3; i++)
			if (req_form_has(req, "agencies", agencies[i].value))
				list = arena_printf(a, "%s%s%s", list, *list ? "," : "",
						    agencies[i].value);
		if (!*list)
			field_error_add(&errs, "agencies", NULL, "Choose who took part");
		sql = "UPDATE mediation SET held_on = $3, outcome = $4, agencies = $5, updated_at ="
		      " $2 WHERE id = $1";
		v[2] = on;
		v[3] = outcome;
		v[4] = list;
		nv = 5;
	} else if (strcmp(step, "certificate") == 0) {
		const char *after = held[0] ? held : declined;
		if (!after[0])
			field_error_add(&errs, "certificate-day", NULL,
					"A certificate follows the family declining, or the "
					"mediation");
		if (form_date(req, "certificate", on, &errs, 0) == 0 && after[0] &&
		    strcmp(on, after) < 0)
			field_error_add(&errs, "certificate-day", NULL,
					"The certificate cannot be before what it certifies");
		if (cert[0])
			field_error_add(&errs, "certificate-day", NULL, "Recorded already");
		sql = "UPDATE mediation SET certificate_on = $3, updated_at = $2 WHERE id = $1";
		v[2] = on;
	} else {
		db_rollback(db);
		return ERR_NOTFOUND;
	}
	if (errs.n) {
		db_rollback(db);
		return redress_child_page(req, 422, child, &errs);
	}
	if ((rc = db_prepare(db, sql, &st)) == 0) {
		for (int i = 0; i < nv && rc == 0; i++)
			rc = db_bind_text(st, i + 1, v[i]);
		if (rc == 0)
			rc = db_step(st) == DB_DONE ? 0 : ERR_DB;
		db_reset(st);
	}
	return redress_saved(req, db, child, rc, u->id, step, "mediation", mid);
}
