/*
 * api.c: JSON routes of the site: GET /healthz, GET /api/v1 (an index of the API) and
 * POST /api/v1/accessibility-reports.
 */
#include <string.h>

#include "platform/err.h"
#include "platform/http.h"
#include "site/handlers.h"
#include "site/site.h"

int site_healthz(struct request *req)
{
	struct db *db = req_db(req);
	struct db_stmt *st = NULL;
	int ok = db && db_prepare(db, "SELECT 1", &st) == 0 && db_step(st) == DB_ROW;
	if (st)
		db_reset(st);
	return resp_json(req, ok ? 200 : 503,
			 json_pack("{s:s, s:s}", "status", ok ? "ok" : "unavailable", "database",
				   ok ? "ok" : "not answering"));
}

int site_api_index(struct request *req)
{
	return resp_json(req, 200,
			 json_pack("{s:{s:s, s:s, s:s}}", "links", "local_authorities",
				   "/api/v1/local-authorities", "accessibility_reports",
				   "/api/v1/accessibility-reports", "health", "/healthz"));
}

/* text_member reads an optional string member; a present non-string is a field error. */
static const char *text_member(json_t *body, const char *key, const char *pointer,
			       const char *message, struct field_errors *errs)
{
	json_t *v = json_object_get(body, key);
	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		field_error_add(errs, key, pointer, message);
		return NULL;
	}
	return json_string_value(v);
}

int site_api_report_create(struct request *req)
{
	json_t *body = req_json(req);
	if (!body)
		return 0; /* req_json has answered */
	struct field_errors errs = {0};
	int rc = 0;
	if (!json_is_object(body)) {
		field_error_add(&errs, "", "", "The body must be a JSON object");
		rc = resp_problem(req, 422, "Invalid report", "The body must be a JSON object.",
				  &errs);
		goto out;
	}
	const char *key;
	json_t *value;
	json_object_foreach(body, key, value)
	{
		if (strcmp(key, "page") != 0 && strcmp(key, "description") != 0) {
			const char *ptr = arena_printf(req_arena(req), "/%s", key);
			field_error_add(&errs, ptr ? ptr + 1 : "", ptr,
					"This field is not part of a report");
		}
	}
	const char *page = text_member(body, "page", "/page", "Page address must be text", &errs);
	const char *desc =
		text_member(body, "description", "/description", "Description must be text", &errs);
	/* a non-text description already has its error; field_error_add keeps the first */
	report_validate(page, desc ? desc : "", &errs);
	if (errs.n) {
		rc = resp_problem(req, 422, "Invalid report", "Some fields need correcting.",
				  &errs);
		goto out;
	}
	struct db *db = req_db(req);
	if (!db) {
		rc = ERR_DB;
		goto out;
	}
	struct accessibility_report r = {.page = page && *page ? page : NULL, .description = desc};
	rc = report_insert(db, &r);
	if (rc)
		goto out;
	rc = resp_json(req, 201,
		       json_pack("{s:s, s:s?, s:s, s:s}", "id", r.id, "page", r.page, "description",
				 r.description, "created_at", r.created_at));
out:
	json_decref(body);
	return rc;
}
