/*
 * child.c: one child's placement. The family's right to ask for a mainstream school or
 * college is always on the page; they ask for any setting (from the directory or a
 * tailored list, or not); the LA answers each request with its reasons, consults
 * settings (consult.c), and names the setting with its reasons.
 */
#include <stdlib.h>
#include <string.h>

#include "access/access.h"
#include "platform/audit.h"
#include "platform/err.h"
#include "platform/log.h"
#include "placement/internal.h"

int placement_exec(struct db *db, const char *sql, const char *const *v, int n)
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

int placement_audit(struct db *db, const char *actor, const char *action, const char *type,
		    const char *id)
{
	struct audit_entry e = {.actor_id = actor,
				.actor_role = actor ? "user" : "system",
				.action = action,
				.record_type = type,
				.record_id = id};
	return audit_append(db, &e);
}

int find_setting(struct db *db, const char *key, char *out, const char **name, struct arena *a)
{
	struct db_stmt *st = NULL;
	if (!key || !*key)
		return ERR_NOTFOUND;
	int rc = db_prepare(db,
			    "SELECT id, name FROM organisation WHERE kind = 'setting' AND (urn = $1"
			    " OR id = $1)",
			    &st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, key)) == 0) {
		rc = db_step(st);
		if (rc == DB_ROW) {
			snprintf(out, ID_LEN + 1, "%s", db_column_text(st, 0));
			if (name)
				*name = arena_strdup(a, db_column_text(st, 1));
			rc = 0;
		} else {
			rc = rc == DB_DONE ? ERR_NOTFOUND : rc;
		}
	}
	db_reset(st);
	return rc;
}

static void preferences_block(struct html *h, struct request *req, const char *child,
			      const struct field_errors *errs)
{
	struct arena *a = req_arena(req);
	const struct user *u = auth_user(req);
	int officer = ROLE_BIT(u->role) & PLACEMENT_OFFICERS ? 1 : 0;
	struct db_stmt *st = NULL;
	html_raw(h, "<h2 class=\"govuk-heading-m\">What the family has asked for</h2>");
	int any = 0, answering = 0;
	if (db_prepare(req_db(req),
		       "SELECT p.id, coalesce(o.name, ''), p.mainstream_requested, p.reasons,"
		       " p.made_on, p.la_answer, p.la_reasons FROM placement_preference p LEFT"
		       " JOIN organisation o ON o.id = p.setting_id WHERE p.child_id = $1 ORDER BY"
		       " p.made_on, p.id",
		       &st) == 0) {
		if (db_bind_text(st, 1, child) == 0)
			while (db_step(st) == DB_ROW) {
				any = 1;
				const char *id = arena_strdup(a, db_column_text(st, 0));
				const char *what =
					db_column_text(st, 1)[0]
						? arena_strdup(a, db_column_text(st, 1))
						: "A mainstream school or college (none named)";
				if (db_column_int64(st, 2) && db_column_text(st, 1)[0])
					what = arena_printf(a, "%s (mainstream)", what);
				const char *answer =
					db_column_is_null(st, 5)
						? "Not answered yet"
						: arena_printf(a, "%s: %s",
							       strcmp(db_column_text(st, 5),
								      "agreed") == 0
								       ? "Agreed"
								       : "Refused",
							       db_column_is_null(st, 6)
								       ? ""
								       : db_column_text(st, 6));
				struct gds_summary_row rows[3] = {
					{.key = "Asked for", .value = what},
					{.key = "Why",
					 .value = db_column_is_null(st, 3)
							  ? "Not given"
							  : arena_strdup(a, db_column_text(st, 3))},
					{.key = "The council's answer", .value = answer}};
				gds_summary_list(
					h, &(struct gds_summary_list){.rows = rows, .n_rows = 3});
				/* one answer form at a time: the oldest request waiting */
				if (!officer || !db_column_is_null(st, 5) || answering++)
					continue;
				static const struct gds_choice answers[] = {
					{.value = "agreed", .text = "Agree"},
					{.value = "refused", .text = "Refuse"}};
				gds_form_start(
					h, arena_printf(a, "/children/%s/placement/preference/%s",
							child, id));
				gds_hidden(h, "csrf", u->csrf);
				gds_radios(h,
					   &(struct gds_choices){.name = "answer",
								 .legend = "The council's answer",
								 .legend_size = GDS_SIZE_S,
								 .items = answers,
								 .n_items = 2,
								 .is_inline = 1,
								 .errors = errs});
				gds_textarea(
					h,
					&(struct gds_textarea){
						.name = "la_reasons",
						.label = "Reasons",
						.label_size = GDS_SIZE_S,
						.hint = "A refusal must say which statutory ground "
							"applies",
						.rows = 2,
						.errors = errs});
				gds_button(h, &(struct gds_button){.text = "Record the answer",
								   .kind = GDS_BUTTON_SECONDARY});
				gds_form_end(h);
			}
		db_reset(st);
	}
	if (!any)
		gds_p(h, "Nothing yet.");
}

static void ask_form(struct html *h, struct request *req, const char *child,
		     const struct field_errors *errs)
{
	struct arena *a = req_arena(req);
	const struct user *u = auth_user(req);
	html_raw(h, "<h2 class=\"govuk-heading-m\" id=\"ask-heading\">Ask for a school or "
		    "college</h2>");
	gds_p(h, "You can ask for any school or college, whether or not it is on a list you have "
		 "been given. Find it in the directory and copy its number (URN), or ask for a "
		 "mainstream school or college without naming one.");
	html_raw(h, "<p class=\"govuk-body\">");
	gds_link(h, "/settings", "Find a school or college in the directory");
	html_raw(h, "</p>");
	gds_form_start(h, arena_printf(a, "/children/%s/placement/preference", child));
	gds_hidden(h, "csrf", u->csrf);
	static const struct gds_choice kinds[] = {
		{.value = "setting", .text = "A particular school or college"},
		{.value = "mainstream", .text = "A mainstream school or college, none named"}};
	gds_radios(h, &(struct gds_choices){.name = "ask",
					    .legend = "What are you asking for?",
					    .legend_size = GDS_SIZE_S,
					    .items = kinds,
					    .n_items = 2,
					    .value = req_form(req, "ask"),
					    .errors = errs});
	gds_input(h,
		  &(struct gds_input){.name = "setting",
				      .label = "Its unique reference number (URN)",
				      .label_size = GDS_SIZE_S,
				      .hint = "Only for a particular school or college",
				      .classes = "govuk-input--width-10",
				      .value = req_form(req, "setting") ? req_form(req, "setting")
									: req_query(req, "setting"),
				      .errors = errs});
	gds_textarea(h, &(struct gds_textarea){.name = "reasons",
					       .label = "Why (optional)",
					       .label_size = GDS_SIZE_S,
					       .value = req_form(req, "reasons"),
					       .rows = 2,
					       .errors = errs});
	gds_button(h, &(struct gds_button){.text = "Send", .prevent_double_click = 1});
	gds_form_end(h);
}

static void named_block(struct html *h, struct request *req, const char *child,
			const struct field_errors *errs)
{
	struct arena *a = req_arena(req);
	const struct user *u = auth_user(req);
	struct db_stmt *st = NULL;
	html_raw(h, "<h2 class=\"govuk-heading-m\">The setting named in the plan</h2>");
	int any = 0;
	if (db_prepare(req_db(req),
		       "SELECT coalesce(o.name, n.setting_type, ''), n.reasons, n.named_on FROM"
		       " placement_named n LEFT JOIN organisation o ON o.id = n.setting_id WHERE"
		       " n.child_id = $1 ORDER BY n.named_on DESC, n.id LIMIT 1",
		       &st) == 0) {
		if (db_bind_text(st, 1, child) == 0 && db_step(st) == DB_ROW) {
			any = 1;
			struct gds_summary_row rows[3] = {
				{.key = "Named", .value = arena_strdup(a, db_column_text(st, 0))},
				{.key = "The council's reasons",
				 .value = arena_strdup(a, db_column_text(st, 1))},
				{.key = "On", .value = arena_strdup(a, db_column_text(st, 2))}};
			gds_summary_list(h, &(struct gds_summary_list){.rows = rows, .n_rows = 3});
		}
		db_reset(st);
	}
	if (!any)
		gds_p(h, "No setting has been named yet.");
	if (!(ROLE_BIT(u->role) & PLACEMENT_OFFICERS))
		return;
	gds_form_start(h, arena_printf(a, "/children/%s/placement/name", child));
	gds_hidden(h, "csrf", u->csrf);
	gds_input(h, &(struct gds_input){.name = "name_setting",
					 .label = "The setting to name: its URN",
					 .label_size = GDS_SIZE_S,
					 .classes = "govuk-input--width-10",
					 .value = req_form(req, "name_setting"),
					 .errors = errs});
	gds_textarea(h, &(struct gds_textarea){
				.name = "name_reasons",
				.label = "Reasons",
				.label_size = GDS_SIZE_S,
				.hint = "Including how the family's preference was weighed",
				.value = req_form(req, "name_reasons"),
				.rows = 3,
				.errors = errs});
	gds_button(h,
		   &(struct gds_button){.text = "Name the setting", .kind = GDS_BUTTON_SECONDARY});
	gds_form_end(h);
}

int placement_child_page(struct request *req, int status, const char *child,
			 const struct field_errors *errs)
{
	const struct user *u = auth_user(req);
	struct arena *a = req_arena(req);
	struct child c;
	int rc = child_get(req_db(req), child, &c);
	if (rc || (rc = audit_record(req, "read", "placement", child)) != 0)
		return rc;
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "School or college",
					      .errors = errs,
					      .sign_out_csrf = u->csrf});
	gds_back_link(&h, arena_printf(a, "/children/%s", child), "Back to the record");
	gds_heading(&h, &(struct gds_heading){
				.text = "School or college",
				.caption = arena_printf(a, "%s %s", c.given_name, c.family_name)});
	/* the right that must always be seen (Children and Families Act 2014, s33) */
	html_raw(&h, "<div class=\"govuk-inset-text\" id=\"mainstream-right\"><p "
		     "class=\"govuk-body\"><strong>You can ask for a mainstream school or "
		     "college.</strong> The council must name one if you ask, even if a special "
		     "school is suggested, unless that would be incompatible with the efficient "
		     "education of other children and there is nothing reasonable it can do to "
		     "prevent that (Children and Families Act 2014, section 33).</p></div>");
	tailored_block(&h, req, &c, errs);
	preferences_block(&h, req, child, errs);
	if (ROLE_BIT(u->role) & (PLACEMENT_FAMILY | PLACEMENT_OFFICERS))
		ask_form(&h, req, child, errs);
	consultations_block(&h, req, child, errs);
	named_block(&h, req, child, errs);
	gds_page_end(&h);
	if ((rc = html_error(&h)) != 0) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, status, &h);
}

static int child_get_page(struct request *req)
{
	const char *child = req_param(req, "id");
	int rc = access_child(req, child);
	return rc ? rc : placement_child_page(req, 200, child, NULL);
}

static int preference_post(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	const char *child = req_param(req, "id");
	int rc = access_child(req, child);
	if (rc || (rc = auth_require(req, PLACEMENT_FAMILY | PLACEMENT_OFFICERS)) != 0)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	struct field_errors errs = {0};
	const char *ask = req_form(req, "ask"), *key = req_form(req, "setting");
	const char *reasons = req_form(req, "reasons");
	char setting[ID_LEN + 1] = "";
	int mainstream = ask && strcmp(ask, "mainstream") == 0;
	if (!ask || (!mainstream && strcmp(ask, "setting") != 0))
		field_error_add(&errs, "ask", NULL, "Choose what you are asking for");
	else if (!mainstream && find_setting(db, key, setting, NULL, a) != 0)
		field_error_add(&errs, "setting", NULL,
				"Enter the URN of a school or college in the directory");
	if (reasons && strlen(reasons) > 2000)
		field_error_add(&errs, "reasons", NULL, "Must be 2,000 characters or fewer");
	if (errs.n)
		return placement_child_page(req, 422, child, &errs);
	char id[ID_LEN + 1], today[TIME_ISO_LEN + 1];
	id_new(id);
	time_iso(time_now(), today); /* a timestamp: requests keep the order they were made */
	const char *v[] = {id,
			   child,
			   setting[0] ? setting : NULL,
			   mainstream ? "1" : "0",
			   reasons && *reasons ? reasons : NULL,
			   u->id,
			   today};
	if ((rc = db_begin(db)) != 0)
		return rc;
	rc = placement_exec(db,
			    "INSERT INTO placement_preference (id, child_id, setting_id,"
			    " mainstream_requested, reasons, made_by, made_on) VALUES ($1, $2, $3,"
			    " CAST($4 AS INTEGER), $5, $6, $7)",
			    v, 7);
	if (rc == 0)
		rc = placement_audit(db, u->id, "create", "placement_preference", id);
	if (rc == 0)
		rc = db_commit(db);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return resp_redirect(req, arena_printf(a, "/children/%s/placement", child));
}

static int preference_answer(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	const char *child = req_param(req, "id"), *pid = req_param(req, "pid");
	int rc = access_child(req, child);
	if (rc || (rc = auth_require(req, PLACEMENT_OFFICERS)) != 0)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct field_errors errs = {0};
	const char *answer = req_form(req, "answer"), *why = req_form(req, "la_reasons");
	if (!answer || (strcmp(answer, "agreed") && strcmp(answer, "refused")))
		field_error_add(&errs, "answer", NULL, "Choose agree or refuse");
	if (!why || !*why)
		field_error_add(&errs, "la_reasons", NULL, "Enter the reasons");
	if (errs.n)
		return placement_child_page(req, 422, child, &errs);
	char today[DATE_ISO_LEN + 1];
	date_iso(date_today(), today);
	const char *v[] = {pid, child, answer, why, today, u->id};
	if ((rc = db_begin(db)) != 0)
		return rc;
	struct db_stmt *st = NULL;
	int changed = 0;
	if ((rc = db_prepare(db,
			     "UPDATE placement_preference SET la_answer = $3, la_reasons = $4,"
			     " answered_on = $5, answered_by = $6 WHERE id = $1 AND child_id = $2"
			     " AND la_answer IS NULL RETURNING id",
			     &st)) == 0) {
		for (int i = 0; i < 6 && rc == 0; i++)
			rc = db_bind_text(st, i + 1, v[i]);
		if (rc == 0)
			changed = db_step(st) == DB_ROW;
		db_reset(st);
	}
	if (rc == 0 && !changed)
		rc = ERR_CONFLICT; /* not this child's, or answered already */
	if (rc == 0)
		rc = placement_audit(db, u->id, answer, "placement_preference", pid);
	if (rc == 0)
		rc = db_commit(db);
	if (rc) {
		db_rollback(db);
		return rc == ERR_CONFLICT ? resp_error(req, 409) : rc;
	}
	return resp_redirect(req, arena_printf(req_arena(req), "/children/%s/placement", child));
}

static int name_post(struct request *req)
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
	const char *why = req_form(req, "name_reasons");
	if (find_setting(db, req_form(req, "name_setting"), setting, NULL, req_arena(req)) != 0)
		field_error_add(&errs, "name_setting", NULL,
				"Enter the URN of a school or college in the directory");
	if (!why || !*why)
		field_error_add(&errs, "name_reasons", NULL, "Enter the reasons");
	if (errs.n)
		return placement_child_page(req, 422, child, &errs);
	char id[ID_LEN + 1], today[DATE_ISO_LEN + 1];
	id_new(id);
	date_iso(date_today(), today);
	const char *v[] = {id, child, setting, why, today, u->id};
	if ((rc = db_begin(db)) != 0)
		return rc;
	rc = placement_exec(
		db,
		"INSERT INTO placement_named (id, child_id, setting_id, reasons, named_on,"
		" named_by) VALUES ($1, $2, $3, $4, $5, $6)",
		v, 6);
	if (rc == 0)
		rc = placement_audit(db, u->id, "create", "placement_named", id);
	if (rc == 0)
		rc = db_commit(db);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return resp_redirect(req, arena_printf(req_arena(req), "/children/%s/placement", child));
}

const struct route placement_child_routes[] = {
	{"GET", "/children/{id}/placement", child_get_page},
	{"POST", "/children/{id}/placement/preference", preference_post},
	{"POST", "/children/{id}/placement/preference/{pid}", preference_answer},
	{"POST", "/children/{id}/placement/name", name_post},
};
const size_t placement_child_routes_count =
	sizeof(placement_child_routes) / sizeof(placement_child_routes[0]);
