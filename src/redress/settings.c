/*
 * settings.c: an LA's choice to ask for mediation before any appeal. The law asks the
 * family to contact a mediation adviser before most appeals, not to mediate, and never
 * for an appeal about the setting named alone; so this is off unless the LA sets it, and
 * even then an appeal only about section I needs no certificate.
 */
#include <stdlib.h>
#include <string.h>

#include "platform/audit.h"
#include "platform/auth.h"
#include "platform/err.h"
#include "platform/gds.h"
#include "platform/log.h"
#include "redress/internal.h"

int redress_mediation_mandatory(struct db *db, const char *la)
{
	struct db_stmt *st = NULL;
	int on = 0;
	if (db_prepare(db, "SELECT mediation_mandatory FROM la_redress_setting WHERE la_code = $1",
		       &st) == 0) {
		on = db_bind_text(st, 1, la) == 0 && db_step(st) == DB_ROW &&
		     db_column_int64(st, 0) != 0;
		db_reset(st);
	}
	return on;
}

static int page(struct request *req, int status, const struct field_errors *errs)
{
	int rc = auth_require(req, ROLE_BIT(ROLE_LA_MANAGER));
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	int on = redress_mediation_mandatory(req_db(req), u->la_code);
	static const struct gds_choice choices[] = {
		{.value = "off",
		 .text = "No: as the law stands, the family contacts the mediation "
			 "adviser and may choose not to mediate"},
		{.value = "on",
		 .text = "Yes: ask for mediation before any appeal (except one "
			 "about the school or college named alone)"}};
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "Mediation before an appeal",
					      .errors = errs,
					      .sign_out_csrf = u->csrf});
	gds_heading(&h, &(struct gds_heading){.text = "Mediation before an appeal"});
	gds_form_start(&h, "/redress/settings");
	gds_hidden(&h, "csrf", u->csrf);
	gds_radios(&h, &(struct gds_choices){.name = "mandatory",
					     .legend = "Must the family mediate before appealing?",
					     .legend_size = GDS_SIZE_S,
					     .items = choices,
					     .n_items = 2,
					     .value = on ? "on" : "off",
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

int redress_settings_get(struct request *req)
{
	return page(req, 200, NULL);
}

int redress_settings_post(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	int rc = auth_require(req, ROLE_BIT(ROLE_LA_MANAGER));
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	const char *m = req_form(req, "mandatory");
	if (!m || (strcmp(m, "on") && strcmp(m, "off"))) {
		struct field_errors errs = {0};
		field_error_add(&errs, "mandatory", NULL, "Choose yes or no");
		return page(req, 422, &errs);
	}
	struct db *db = req_db(req);
	char now[32];
	log_now_iso(now, sizeof(now));
	if ((rc = db_begin(db)) != 0)
		return rc;
	struct db_stmt *st = NULL;
	rc = db_prepare(
		db,
		"INSERT INTO la_redress_setting (la_code, mediation_mandatory, set_by, set_at)"
		" VALUES ($1, CAST($2 AS INTEGER), $3, $4) ON CONFLICT (la_code) DO UPDATE SET"
		" mediation_mandatory = CAST($2 AS INTEGER), set_by = $3, set_at = $4",
		&st);
	const char *v[] = {u->la_code, strcmp(m, "on") == 0 ? "1" : "0", u->id, now};
	for (int i = 0; i < 4 && rc == 0; i++)
		rc = db_bind_text(st, i + 1, v[i]);
	if (rc == 0)
		rc = db_step(st) == DB_DONE ? 0 : ERR_DB;
	if (st)
		db_reset(st);
	if ((rc = audit_commit(db, rc, u->id, m, "la_redress_setting", u->la_code)) != 0)
		return rc;
	return resp_redirect(req, "/redress/settings");
}
