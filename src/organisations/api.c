/* api.c: JSON routes for organisations: /api/v1/local-authorities. */
#include <jansson.h>

#include "organisations/organisations.h"
#include "platform/err.h"
#include "platform/http.h"

static json_t *la_json(const struct local_authority *la)
{
	return json_pack("{s:s, s:s, s:s}", "code", la->code, "name", la->name, "region",
			 la->region);
}

static int la_show(struct request *req)
{
	const char *code = req_param(req, "code");
	if (!la_code_valid(code))
		return resp_problem(req, 404, "Not found",
				    "A local authority code is 3 digits, such as 202.", NULL);
	struct db *db = req_db(req);
	if (!db)
		return ERR_DB;
	struct local_authority la;
	int rc = la_get(db, code, &la);
	if (rc)
		return rc;
	return resp_json(req, 200, la_json(&la));
}

static int la_index(struct request *req)
{
	struct db *db = req_db(req);
	struct db_stmt *st = NULL;
	if (!db)
		return ERR_DB;
	int rc =
		db_prepare(db, "SELECT code, name, region FROM local_authority ORDER BY code", &st);
	if (rc)
		return rc;
	json_t *items = json_array();
	while ((rc = db_step(st)) == DB_ROW)
		json_array_append_new(
			items, json_pack("{s:s, s:s, s:s}", "code", db_column_text(st, 0), "name",
					 db_column_text(st, 1), "region", db_column_text(st, 2)));
	db_reset(st);
	if (rc != DB_DONE) {
		json_decref(items);
		return rc;
	}
	return resp_json(req, 200, json_pack("{s:o}", "items", items));
}

const struct route organisations_routes[] = {
	{"GET", "/api/v1/local-authorities", la_index},
	{"GET", "/api/v1/local-authorities/{code}", la_show},
};
const size_t organisations_routes_count =
	sizeof(organisations_routes) / sizeof(organisations_routes[0]);
