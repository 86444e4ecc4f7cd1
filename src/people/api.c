/*
 * api.c: the people area's JSON routes and its route table.
 *
 * The API uses the same session cookie as the pages. POST /api/v1/sessions signs in and
 * answers with the CSRF token, which every later POST sends as X-CSRF-Token.
 */
#include <stdlib.h>
#include <string.h>

#include "access/access.h"
#include "people/page.h"
#include "people/people.h"
#include "platform/audit.h"
#include "platform/err.h"

#define API_PAGE 50

static json_t *user_json(const struct user *u)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "id", u->id, "name", u->name, "email",
			      u->email, "role", role_name(u->role));
	if (o && u->la_code[0])
		json_object_set_new(o, "la_code", json_string(u->la_code));
	if (o && u->org_id[0])
		json_object_set_new(o, "organisation_id", json_string(u->org_id));
	if (o && u->child_id[0])
		json_object_set_new(o, "child_id", json_string(u->child_id));
	return o;
}

/* member reads an optional string; a present non-string is a field error */
static const char *member(json_t *o, const char *key, const char *pointer,
			  struct field_errors *errs)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		field_error_add(errs, key, pointer, "Must be a string");
		return NULL;
	}
	return json_string_value(v);
}

/* only_members: every member of o is one of the allowed names */
static void only_members(json_t *o, const char *const *allowed, struct arena *a,
			 struct field_errors *errs)
{
	const char *key;
	json_t *v;
	json_object_foreach(o, key, v)
	{
		int ok = 0;
		for (size_t i = 0; allowed[i] && !ok; i++)
			ok = strcmp(key, allowed[i]) == 0;
		if (!ok)
			field_error_add(errs, arena_strdup(a, key), arena_printf(a, "/%s", key),
					"This field is not recognised");
	}
}

int people_api_sign_in(struct request *req)
{
	json_t *body = req_json(req);
	if (!body)
		return 0;
	struct field_errors errs = {0};
	int rc = 0;
	if (!json_is_object(body)) {
		field_error_add(&errs, "", "", "The body must be a JSON object");
		rc = resp_problem(req, 422, "Invalid sign-in", NULL, &errs);
		goto out;
	}
	const char *email = member(body, "email", "/email", &errs);
	const char *password = member(body, "password", "/password", &errs);
	if (!errs.n && (!email || !*email))
		field_error_add(&errs, "email", "/email", "Enter your email address");
	if (!errs.n && (!password || !*password))
		field_error_add(&errs, "password", "/password", "Enter your password");
	if (errs.n) {
		rc = resp_problem(req, 422, "Invalid sign-in", NULL, &errs);
		goto out;
	}
	struct db *db = req_db(req);
	struct user u;
	rc = db ? sign_in(db, email, password, req_address(req), &u) : ERR_DB;
	if (rc == ERR_DENIED) {
		rc = resp_problem(req, 401, "Sign-in refused",
				  "The email address and password do not match an account.", NULL);
		goto out;
	}
	if (rc)
		goto out;
	char token[64];
	if ((rc = session_start(db, &u, token, sizeof(token))) != 0)
		goto out;
	struct audit_entry e = {.actor_id = u.id,
				.actor_role = role_name(u.role),
				.action = "sign_in",
				.record_type = "user",
				.record_id = u.id,
				.request_id = req_id(req)};
	if ((rc = db_begin(db)) == 0) {
		rc = audit_append(db, &e);
		rc = rc ? rc : db_commit(db);
		if (rc)
			db_rollback(db);
	}
	if (rc)
		goto out;
	auth_set_cookie(req, token);
	json_t *out = json_pack("{s:o, s:s}", "user", user_json(&u), "csrf_token", u.csrf);
	rc = resp_json(req, 201, out);
out:
	json_decref(body);
	return rc;
}

int people_api_sign_out(struct request *req)
{
	int rc = auth_require(req, 0);
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	if ((rc = session_end(db, req_cookie(req, SESSION_COOKIE))) != 0 ||
	    (rc = audit_record(req, "sign_out", "user", u->id)) != 0)
		return rc;
	auth_clear_cookie(req);
	return resp_json(req, 200, json_pack("{s:b}", "signed_out", 1));
}

int people_api_me(struct request *req)
{
	int rc = auth_require(req, 0);
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	json_t *o = user_json(u);
	if (o)
		json_object_set_new(o, "csrf_token", json_string(u->csrf));
	return resp_json(req, 200, o);
}

static json_t *rows_json(const struct child_page *pg)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < pg->n; i++) {
		const struct child_row *r = &pg->rows[i];
		json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "id", r->id, "name", r->name,
				      "date_of_birth", r->dob, "sen_status", r->sen_status);
		if (o && r->upn[0])
			json_object_set_new(o, "upn", json_string(r->upn));
		if (o && r->primary_need[0])
			json_object_set_new(o, "primary_need", json_string(r->primary_need));
		if (o && r->setting[0])
			json_object_set_new(o, "setting", json_string(r->setting));
		json_array_append_new(arr, o);
	}
	return arr;
}

int people_api_children(struct request *req)
{
	int rc = auth_require(req, ROLE_BIT(ROLE_PARENT) | ROLE_BIT(ROLE_YOUNG_PERSON) |
					   ROLE_BIT(ROLE_CASEWORKER) | ROLE_BIT(ROLE_LA_MANAGER) |
					   ROLE_BIT(ROLE_SENCO) | ROLE_BIT(ROLE_AP_PROVIDER) |
					   ROLE_BIT(ROLE_PROFESSIONAL));
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	const char *p = req_query(req, "page");
	char *end = NULL;
	long page = p ? strtol(p, &end, 10) : 1;
	if (p && (!end || *end || page < 1 || page > 1000000)) {
		struct field_errors errs = {0};
		field_error_add(&errs, "page", "/page", "Must be a whole number from 1");
		return resp_problem(req, 400, "Invalid query", NULL, &errs);
	}
	struct child_row *rows = arena_alloc(a, sizeof(*rows) * API_PAGE);
	if (!rows)
		return ERR_NOMEM;
	struct child_page pg = {.rows = rows, .cap = API_PAGE};
	if (u->role == ROLE_YOUNG_PERSON) {
		/* a young person's list is their own record, given as "self" */
		pg.n = 0;
		pg.total = 0;
	} else {
		enum child_list which;
		const char *key;
		switch (u->role) {
		case ROLE_PARENT: which = LIST_FAMILY, key = u->id; break;
		case ROLE_CASEWORKER: which = LIST_CASELOAD, key = u->id; break;
		case ROLE_LA_MANAGER: which = LIST_LA_CASES, key = u->la_code; break;
		case ROLE_PROFESSIONAL: which = LIST_ADVICE, key = u->id; break;
		default: which = LIST_PUPILS, key = u->org_id; break;
		}
		if ((rc = child_list(db, which, key, (int64_t)(page - 1) * API_PAGE, &pg)) != 0)
			return rc;
	}
	if ((rc = audit_record(req, "list", "child_list", role_name(u->role))) != 0)
		return rc;
	json_t *out = json_pack("{s:o, s:I, s:i, s:i}", "children", rows_json(&pg), "total",
				(json_int_t)pg.total, "page", (int)page, "page_size", API_PAGE);
	if (out && u->role == ROLE_YOUNG_PERSON)
		json_object_set_new(out, "self", json_string(u->child_id));
	return resp_json(req, 200, out);
}

static json_t *child_json(const struct child *c)
{
	char dob[DATE_ISO_LEN + 1];
	date_iso(c->date_of_birth, dob);
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "id", c->id, "given_name",
			      c->given_name, "family_name", c->family_name, "date_of_birth", dob,
			      "sex", c->sex, "la_code", c->la_code, "sen_status", c->sen_status,
			      "disadvantaged", c->disadvantaged);
	struct {
		const char *k, *v;
	} opt[] = {{"ethnicity", c->ethnicity},
		   {"postcode", c->postcode},
		   {"upn", c->upn},
		   {"uln", c->uln},
		   {"first_language", c->first_language},
		   {"primary_need", c->primary_need},
		   {"communication", c->communication},
		   {"admired_for", c->admired_for},
		   {"interests", c->interests},
		   {"aspirations", c->aspirations}};
	for (size_t i = 0; o && i < sizeof(opt) / sizeof(opt[0]); i++)
		json_object_set_new(o, opt[i].k,
				    opt[i].v && *opt[i].v ? json_string(opt[i].v) : json_null());
	if (o)
		json_object_set_new(
			o, "rights_holder",
			json_string(rights_holder_is_young_person(c->date_of_birth, date_today())
					    ? "young_person"
					    : "parent"));
	return o;
}

int people_api_child(struct request *req)
{
	const char *id = req_param(req, "id");
	int rc = access_child(req, id);
	if (rc)
		return rc;
	struct child c;
	if ((rc = child_get_text(req_db(req), id, req_arena(req), &c)) != 0)
		return rc;
	if ((rc = audit_record(req, "read", "child", id)) != 0)
		return rc;
	return resp_json(req, 200, child_json(&c));
}

int people_api_child_create(struct request *req)
{
	int rc = auth_require(req, ROLE_BIT(ROLE_CASEWORKER) | ROLE_BIT(ROLE_LA_MANAGER));
	if (rc)
		return rc;
	json_t *body = req_json(req);
	if (!body)
		return 0;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	struct field_errors errs = {0};
	if (!json_is_object(body)) {
		field_error_add(&errs, "", "", "The body must be a JSON object");
		rc = resp_problem(req, 422, "Invalid child record", NULL, &errs);
		goto out;
	}
	static const char *const allowed[] = {
		"given_name",    "family_name", "date_of_birth", "sex",           "ethnicity",
		"postcode",      "upn",         "uln",           "disadvantaged", "first_language",
		"communication", "admired_for", "interests",     "aspirations",   NULL};
	only_members(body, allowed, a, &errs);
	json_t *dis = json_object_get(body, "disadvantaged");
	if (dis && !json_is_boolean(dis) && !json_is_null(dis))
		field_error_add(&errs, "disadvantaged", "/disadvantaged", "Must be true or false");
	struct child_input in = {
		.given_name = member(body, "given_name", "/given_name", &errs),
		.family_name = member(body, "family_name", "/family_name", &errs),
		.dob_iso = member(body, "date_of_birth", "/date_of_birth", &errs),
		.sex = member(body, "sex", "/sex", &errs),
		.ethnicity = member(body, "ethnicity", "/ethnicity", &errs),
		.postcode = member(body, "postcode", "/postcode", &errs),
		.la_code = u->la_code,
		.upn = member(body, "upn", "/upn", &errs),
		.uln = member(body, "uln", "/uln", &errs),
		.disadvantaged = json_is_true(dis) ? "yes" : "no",
		.first_language = member(body, "first_language", "/first_language", &errs),
		.communication = member(body, "communication", "/communication", &errs),
		.admired_for = member(body, "admired_for", "/admired_for", &errs),
		.interests = member(body, "interests", "/interests", &errs),
		.aspirations = member(body, "aspirations", "/aspirations", &errs),
	};
	if (!in.dob_iso)
		in.dob_iso = "";
	struct child c;
	child_check(&in, date_today(), &c, &errs);
	if (c.ethnicity[0] &&
	    !people_code_exists(db, "SELECT 1 FROM ethnicity WHERE code = $1", c.ethnicity))
		field_error_add(&errs, "ethnicity", "/ethnicity", "Not a DfE ethnicity code");
	if (c.upn[0] && people_code_exists(db, "SELECT 1 FROM child WHERE upn = $1", c.upn))
		field_error_add(&errs, "upn", "/upn",
				"A child with this unique pupil number already has a record");
	if (errs.n) {
		rc = resp_problem(req, 422, "Invalid child record", "Some fields need correcting.",
				  &errs);
		goto out;
	}
	struct audit_entry why = {.actor_id = u->id,
				  .actor_role = role_name(u->role),
				  .action = "create",
				  .record_type = "child",
				  .request_id = req_id(req)};
	rc = child_insert(db, &c, &why);
	if (rc == 0) {
		char *loc = arena_printf(a, "/api/v1/children/%s", c.id);
		resp_header(req, "Location", loc);
		rc = resp_json(req, 201, child_json(&c));
	}
out:
	json_decref(body);
	return rc;
}

int people_api_search(struct request *req)
{
	int rc = auth_require(req, ROLE_BIT(ROLE_CASEWORKER) | ROLE_BIT(ROLE_LA_MANAGER) |
					   ROLE_BIT(ROLE_SENCO) | ROLE_BIT(ROLE_AP_PROVIDER));
	if (rc)
		return rc;
	json_t *body = req_json(req);
	if (!body)
		return 0;
	const struct user *u = auth_user(req);
	struct arena *a = req_arena(req);
	struct field_errors errs = {0};
	if (!json_is_object(body)) {
		field_error_add(&errs, "", "", "The body must be a JSON object");
		rc = resp_problem(req, 422, "Invalid search", NULL, &errs);
		goto out;
	}
	static const char *const allowed[] = {"name", "date_of_birth", "upn", NULL};
	only_members(body, allowed, a, &errs);
	const char *name = member(body, "name", "/name", &errs);
	const char *dob = member(body, "date_of_birth", "/date_of_birth", &errs);
	const char *upn = member(body, "upn", "/upn", &errs);
	struct child_query q;
	if (!errs.n)
		people_search_check(name, NULL, NULL, NULL, dob, upn, a, &q, &errs);
	if (errs.n) {
		rc = resp_problem(req, 422, "Invalid search", NULL, &errs);
		goto out;
	}
	people_search_scope(u, &q);
	struct child_row *rows = arena_alloc(a, sizeof(*rows) * API_PAGE);
	struct child_page pg = {.rows = rows, .cap = API_PAGE};
	if (!rows) {
		rc = ERR_NOMEM;
		goto out;
	}
	if ((rc = child_search(req_db(req), &q, 0, &pg)) != 0 ||
	    (rc = audit_record(req, "search", "child_list", NULL)) != 0)
		goto out;
	rc = resp_json(
		req, 200,
		json_pack("{s:o, s:I}", "children", rows_json(&pg), "total", (json_int_t)pg.total));
out:
	json_decref(body);
	return rc;
}

int people_api_access_log(struct request *req)
{
	const char *id = req_param(req, "id");
	int rc = access_child(req, id);
	if (rc)
		return rc;
	struct db *db = req_db(req);
	if ((rc = audit_record(req, "read", "child_access_log", id)) != 0)
		return rc;
	audit_writer_flush(); /* the list includes every read so far, this one too */
	struct db_stmt *st = NULL;
	if ((rc = db_prepare(db,
			     "SELECT e.at, u.name, e.actor_role, e.action FROM audit_event e"
			     " LEFT JOIN user_account u ON u.id = e.actor_id"
			     " WHERE e.record_type IN ('child', 'child_access_log')"
			     " AND e.record_id = $1 ORDER BY e.seq DESC LIMIT 200",
			     &st)) != 0)
		return rc;
	json_t *arr = json_array();
	if ((rc = db_bind_text(st, 1, id)) == 0) {
		while ((rc = db_step(st)) == DB_ROW) {
			json_t *o = json_pack(
				"{s:s, s:s, s:s, s:s}", "at", db_column_text(st, 0), "who",
				db_column_is_null(st, 1) ? "The system" : db_column_text(st, 1),
				"role", db_column_text(st, 2), "action", db_column_text(st, 3));
			json_array_append_new(arr, o);
		}
		rc = rc == DB_DONE ? 0 : rc;
	}
	db_reset(st);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	return resp_json(req, 200, json_pack("{s:o}", "events", arr));
}

const struct route people_routes[] = {
	{"GET", "/sign-in", people_sign_in_form},
	{"POST", "/sign-in", people_sign_in},
	{"POST", "/sign-out", people_sign_out},
	{"GET", "/signed-out", people_signed_out},
	{"GET", "/children", people_children},
	{"GET", "/children/search", people_search_form},
	{"POST", "/children/search", people_search},
	{"GET", "/children/new", people_new_child_form},
	{"POST", "/children/new", people_new_child},
	{"GET", "/children/{id}", people_child},
	{"GET", "/children/{id}/access-log", people_child_access_log},
	{"GET", "/children/{id}/edit", people_edit_child_form},
	{"POST", "/children/{id}/edit", people_edit_child},
	{"GET", "/admin/users", people_admin_users},
	{"GET", "/admin/users/new", people_admin_new_user_form},
	{"POST", "/admin/users/new", people_admin_new_user},
	{"POST", "/admin/users/{id}/disable", people_admin_disable_user},
	{"POST", "/api/v1/sessions", people_api_sign_in},
	{"POST", "/api/v1/sessions/sign-out", people_api_sign_out},
	{"GET", "/api/v1/me", people_api_me},
	{"GET", "/api/v1/children", people_api_children},
	{"POST", "/api/v1/children", people_api_child_create},
	{"POST", "/api/v1/children/search", people_api_search},
	{"GET", "/api/v1/children/{id}", people_api_child},
	{"GET", "/api/v1/children/{id}/access-log", people_api_access_log},
};
const size_t people_routes_count = sizeof(people_routes) / sizeof(people_routes[0]);
