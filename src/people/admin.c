/*
 * admin.c: user administration, on pages (administrators) and for `sendap user`. Adding
 * an account checks every field; disabling one ends its sessions at once.
 */
#include <stdio.h>
#include <string.h>

#include "people/page.h"
#include "people/people.h"
#include "platform/audit.h"
#include "platform/err.h"
#include "platform/log.h"

#define ADMIN_ONLY ROLE_BIT(ROLE_ADMIN)
#define USERS_PAGE 200

int user_check(const struct user_input *in, struct user *out, char *hash, size_t n,
	       struct field_errors *errs)
{
	memset(out, 0, sizeof(*out));
	if (!in->name || !*in->name)
		field_error_add(errs, "name", "/name", "Enter their full name");
	else if (strlen(in->name) >= sizeof(out->name))
		field_error_add(errs, "name", "/name", "Name must be 100 characters or fewer");
	else
		snprintf(out->name, sizeof(out->name), "%s", in->name);
	if (!in->email || !*in->email)
		field_error_add(errs, "email", "/email", "Enter their email address");
	else if (email_normalise(in->email, out->email, sizeof(out->email)) != 0)
		field_error_add(errs, "email", "/email",
				"Enter an email address in the correct format, like "
				"name@example.com");
	out->role = role_parse(in->role);
	if (out->role == ROLE_NONE)
		field_error_add(errs, "role", "/role", "Select their role");
	int la_staff = out->role == ROLE_CASEWORKER || out->role == ROLE_LA_MANAGER;
	int org_staff = out->role == ROLE_SENCO || out->role == ROLE_AP_PROVIDER;
	if (la_staff) {
		if (!in->la_code || strlen(in->la_code) != 3)
			field_error_add(errs, "la-code", "/la_code",
					"Enter the 3-digit code of their local authority");
		else
			snprintf(out->la_code, sizeof(out->la_code), "%s", in->la_code);
	}
	if (org_staff) {
		if (!in->org_id || !id_valid(in->org_id))
			field_error_add(errs, "organisation", "/organisation_id",
					"Enter the id of their setting or provider");
		else
			snprintf(out->org_id, sizeof(out->org_id), "%s", in->org_id);
	}
	if (!in->password || !*in->password)
		field_error_add(errs, "password", "/password", "Enter a password");
	else if (strlen(in->password) < PASSWORD_MIN)
		field_error_add(errs, "password", "/password",
				"Password must be 10 characters or more");
	else if (strlen(in->password) > PASSWORD_MAX)
		field_error_add(errs, "password", "/password",
				"Password must be 256 characters or fewer");
	if (errs->n)
		return ERR_INVALID;
	return password_hash(in->password, hash, n);
}

static int bind_opt(struct db_stmt *st, int i, const char *v)
{
	return v && *v ? db_bind_text(st, i, v) : db_bind_null(st, i);
}

int user_insert(struct db *db, struct user *u, const char *hash, const struct audit_entry *why)
{
	char now[32];
	id_new(u->id);
	log_now_iso(now, sizeof(now));
	int rc = db_begin(db);
	if (rc)
		return rc;
	struct db_stmt *st = NULL;
	rc = db_prepare(db,
			"INSERT INTO user_account (id, email, name, role, la_code, organisation_id,"
			" child_id, password_hash, disabled, created_at)"
			" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9)",
			&st);
	if (rc == 0) {
		if ((rc = db_bind_text(st, 1, u->id)) == 0 &&
		    (rc = db_bind_text(st, 2, u->email)) == 0 &&
		    (rc = db_bind_text(st, 3, u->name)) == 0 &&
		    (rc = db_bind_text(st, 4, role_name(u->role))) == 0 &&
		    (rc = bind_opt(st, 5, u->la_code)) == 0 &&
		    (rc = bind_opt(st, 6, u->org_id)) == 0 &&
		    (rc = bind_opt(st, 7, u->child_id)) == 0 &&
		    (rc = db_bind_text(st, 8, hash)) == 0 && (rc = db_bind_text(st, 9, now)) == 0) {
			rc = db_step(st);
			rc = rc == DB_DONE ? 0 : rc < 0 ? rc : ERR_DB;
		}
		db_reset(st);
	}
	if (rc == 0 && why) {
		struct audit_entry e = *why;
		e.record_id = u->id;
		rc = audit_append(db, &e);
	}
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

static int exec_id(struct db *db, const char *sql, const char *id, const char *extra)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, id)) == 0 &&
	    (!extra || (rc = db_bind_text(st, 2, extra)) == 0))
		rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : rc < 0 ? rc : ERR_DB;
}

int user_set_disabled(struct db *db, const char *id, int disabled, const struct audit_entry *why)
{
	struct user u;
	int rc = user_get(db, id, &u, NULL);
	if (rc)
		return rc;
	if ((rc = db_begin(db)) != 0)
		return rc;
	rc = exec_id(db,
		     disabled ? "UPDATE user_account SET disabled = 1 WHERE id = $1"
			      : "UPDATE user_account SET disabled = 0 WHERE id = $1",
		     id, NULL);
	if (rc == 0 && disabled)
		rc = exec_id(db, "DELETE FROM user_session WHERE user_id = $1", id, NULL);
	if (rc == 0 && why) {
		struct audit_entry e = *why;
		e.record_id = id;
		rc = audit_append(db, &e);
	}
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

int user_set_password(struct db *db, const char *id, const char *password,
		      const struct audit_entry *why)
{
	struct user u;
	int rc = user_get(db, id, &u, NULL);
	if (rc)
		return rc;
	if (!password || strlen(password) < PASSWORD_MIN || strlen(password) > PASSWORD_MAX)
		return ERR_INVALID;
	char hash[128];
	if ((rc = password_hash(password, hash, sizeof(hash))) != 0)
		return rc;
	if ((rc = db_begin(db)) != 0)
		return rc;
	rc = exec_id(db, "UPDATE user_account SET password_hash = $2 WHERE id = $1", id, hash);
	if (rc == 0)
		rc = exec_id(db, "DELETE FROM user_session WHERE user_id = $1", id, NULL);
	if (rc == 0 && why) {
		struct audit_entry e = *why;
		e.record_id = id;
		rc = audit_append(db, &e);
	}
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

int user_find_by_email(struct db *db, const char *email, char *id, size_t n)
{
	char norm[256];
	if (email_normalise(email, norm, sizeof(norm)) != 0)
		return ERR_INVALID;
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, "SELECT id FROM user_account WHERE email = $1", &st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, norm)) == 0) {
		rc = db_step(st);
		if (rc == DB_ROW) {
			snprintf(id, n, "%s", db_column_text(st, 0));
			rc = 0;
		} else if (rc == DB_DONE) {
			rc = ERR_NOTFOUND;
		}
	}
	db_reset(st);
	return rc;
}

/* ---- pages ---- */

/* the "Disable" button of one row of the users table: a form that posts the CSRF token */
struct disable_button {
	const char *action;
	const char *csrf;
	const char *name;
};

static void render_disable(struct html *h, const void *arg)
{
	const struct disable_button *b = arg;
	gds_form_start(h, b->action);
	gds_hidden(h, "csrf", b->csrf);
	html_raw(h, "<button type=\"submit\" class=\"govuk-button govuk-button--warning "
		    "govuk-!-margin-bottom-0\">Disable<span class=\"govuk-visually-hidden\"> ");
	html_text(h, b->name);
	html_raw(h, "</span></button>");
	gds_form_end(h);
}

int people_admin_users(struct request *req)
{
	int rc = auth_require(req, ADMIN_ONLY);
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	struct db_stmt *st = NULL;
	if ((rc = db_prepare(db,
			     "SELECT id, name, email, role, disabled FROM user_account"
			     " ORDER BY disabled, role = 'parent', name, id LIMIT 200",
			     &st)) != 0)
		return rc;
	struct gds_table_cell *cells = arena_alloc(a, sizeof(*cells) * 5 * USERS_PAGE);
	struct disable_button *buttons = arena_alloc(a, sizeof(*buttons) * USERS_PAGE);
	size_t n = 0;
	while (cells && buttons && n < USERS_PAGE && (rc = db_step(st)) == DB_ROW) {
		struct gds_table_cell *row = &cells[n * 5];
		row[0] = (struct gds_table_cell){.text = arena_strdup(a, db_column_text(st, 1))};
		row[1] = (struct gds_table_cell){.text = arena_strdup(a, db_column_text(st, 2))};
		row[2] = (struct gds_table_cell){
			.text = role_label(role_parse(db_column_text(st, 3)))};
		int disabled = (int)db_column_int64(st, 4);
		row[3] = (struct gds_table_cell){.text = disabled ? "Disabled" : "Active"};
		row[4] = (struct gds_table_cell){.text = ""};
		if (!disabled && strcmp(db_column_text(st, 0), u->id) != 0) {
			buttons[n] = (struct disable_button){
				.action = arena_printf(a, "/admin/users/%s/disable",
						       db_column_text(st, 0)),
				.csrf = u->csrf,
				.name = row[0].text};
			row[4].slot = (struct gds_slot){render_disable, &buttons[n]};
		}
		n++;
	}
	db_reset(st);
	if (!cells || !buttons)
		return ERR_NOMEM;
	struct html h;
	html_init(&h);
	people_page_start(&h, u, "Users", NULL, "/admin/users");
	gds_heading(&h, &(struct gds_heading){.text = "Users"});
	gds_button(&h, &(struct gds_button){.text = "Add a user", .href = "/admin/users/new"});
	static const struct gds_table_cell head[] = {{.text = "Name"},
						     {.text = "Email address"},
						     {.text = "Role"},
						     {.text = "Status"},
						     {.text = "Action"}};
	gds_table(&h, &(struct gds_table){.head = head,
					  .cells = cells,
					  .n_cols = 5,
					  .n_rows = n,
					  .scroll_label = "Users"});
	return people_send(req, 200, &h);
}

static int new_user_page(struct request *req, int status, const struct field_errors *errs)
{
	const struct user *u = auth_user(req);
	struct gds_option roles[ROLE_COUNT];
	size_t n = 0;
	roles[n++] = (struct gds_option){.value = "", .text = "Select a role"};
	for (int r = 1; r < ROLE_COUNT; r++)
		roles[n++] = (struct gds_option){.value = role_name((enum role)r),
						 .text = role_label((enum role)r)};
	struct html h;
	html_init(&h);
	people_page_start(&h, u, "Add a user", errs, "/admin/users");
	gds_grid_start(&h, GDS_COLUMN_TWO_THIRDS);
	gds_heading(&h, &(struct gds_heading){.text = "Add a user"});
	gds_form_start(&h, "/admin/users/new");
	gds_hidden(&h, "csrf", u->csrf);
	gds_input(&h, &(struct gds_input){.name = "name",
					  .label = "Full name",
					  .autocomplete = "off",
					  .value = req_form(req, "name"),
					  .errors = errs});
	gds_input(&h, &(struct gds_input){.name = "email",
					  .label = "Email address",
					  .type = "email",
					  .autocomplete = "off",
					  .spellcheck = -1,
					  .value = req_form(req, "email"),
					  .errors = errs});
	gds_select(&h, &(struct gds_select){.name = "role",
					    .label = "Role",
					    .items = roles,
					    .n_items = n,
					    .value = req_form(req, "role"),
					    .errors = errs});
	gds_input(&h, &(struct gds_input){.name = "la-code",
					  .label = "Local authority code (council staff)",
					  .hint = "3 digits, for example 202",
					  .classes = "govuk-input--width-4",
					  .inputmode = "numeric",
					  .value = req_form(req, "la-code"),
					  .errors = errs});
	gds_input(&h,
		  &(struct gds_input){.name = "organisation",
				      .label = "Setting or provider id (SENCos and AP providers)",
				      .value = req_form(req, "organisation"),
				      .errors = errs});
	gds_input(&h, &(struct gds_input){
			      .name = "password",
			      .label = "First password",
			      .hint = "At least 10 characters. Give it to them in person or "
				      "by phone, not by email",
			      .type = "password",
			      .autocomplete = "new-password",
			      .errors = errs});
	gds_button(&h, &(struct gds_button){.text = "Add user", .prevent_double_click = 1});
	gds_form_end(&h);
	gds_grid_end(&h);
	return people_send(req, status, &h);
}

int people_admin_new_user_form(struct request *req)
{
	int rc = auth_require(req, ADMIN_ONLY);
	return rc ? rc : new_user_page(req, 200, NULL);
}

int people_admin_new_user(struct request *req)
{
	int rc = auth_require(req, ADMIN_ONLY);
	if (rc)
		return rc;
	if (req_form_bad(req))
		return ERR_INVALID;
	const struct user *admin = auth_user(req);
	struct db *db = req_db(req);
	struct user_input in = {.name = req_form(req, "name"),
				.email = req_form(req, "email"),
				.role = req_form(req, "role"),
				.la_code = req_form(req, "la-code"),
				.org_id = req_form(req, "organisation"),
				.password = req_form(req, "password")};
	struct field_errors errs = {0};
	struct user u;
	char hash[128];
	rc = user_check(&in, &u, hash, sizeof(hash), &errs);
	if (rc == ERR_INVALID)
		return new_user_page(req, 422, &errs);
	if (rc)
		return rc;
	struct audit_entry why = {.actor_id = admin->id,
				  .actor_role = role_name(admin->role),
				  .action = "create",
				  .record_type = "user",
				  .request_id = req_id(req)};
	rc = user_insert(db, &u, hash, &why);
	if (rc == ERR_CONFLICT) {
		field_error_add(&errs, "email", "/email",
				"There is already an account with this email address");
		return new_user_page(req, 422, &errs);
	}
	return rc ? rc : resp_redirect(req, "/admin/users");
}

int people_admin_disable_user(struct request *req)
{
	int rc = auth_require(req, ADMIN_ONLY);
	if (rc)
		return rc;
	const struct user *admin = auth_user(req);
	const char *id = req_param(req, "id");
	if (!id || !id_valid(id))
		return ERR_NOTFOUND;
	struct audit_entry why = {.actor_id = admin->id,
				  .actor_role = role_name(admin->role),
				  .action = "disable",
				  .record_type = "user",
				  .request_id = req_id(req)};
	rc = user_set_disabled(req_db(req), id, 1, &why);
	return rc ? rc : resp_redirect(req, "/admin/users");
}
