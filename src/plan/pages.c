/*
 * pages.c: a child's EHC plan on the web: the latest version, every section, for anyone
 * who may see the child (the family sees their own copy); council staff also see the
 * quality flags beside the lines they concern.
 */
#include <stdlib.h>
#include <string.h>

#include "access/access.h"
#include "people/people.h"
#include "plan/plan.h"
#include "platform/audit.h"
#include "platform/err.h"
#include "platform/gds.h"

static int plan_page(struct request *req)
{
	const char *id = req_param(req, "id");
	int rc = access_child(req, id);
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	struct child c;
	if ((rc = child_get(db, id, &c)) != 0)
		return rc;
	char *content = NULL;
	rc = plan_export(db, id, 0, &content);
	if (rc && rc != ERR_NOTFOUND)
		return rc;
	if ((rc = audit_record(req, "read", "plan", id)) != 0) {
		free(content);
		return rc;
	}
	json_error_t je;
	json_t *plan = content ? json_loads(content, 0, &je) : NULL;
	free(content);
	char name[sizeof(c.given_name) + sizeof(c.family_name) + 2];
	snprintf(name, sizeof(name), "%s %s", c.given_name, c.family_name);
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "Education, health and care plan",
					      .sign_out_csrf = u->csrf});
	gds_back_link(&h, arena_printf(a, "/children/%s", id), "Back to the record");
	gds_heading(&h, &(struct gds_heading){.text = "Education, health and care plan",
					      .caption = name});
	if (!plan) {
		gds_p(&h, "There is no plan yet.");
	} else {
		json_t *flags = NULL;
		if (u->role == ROLE_CASEWORKER || u->role == ROLE_LA_MANAGER) {
			flags = plan_quality(plan, c.date_of_birth, date_today());
			if (json_array_size(flags))
				gds_inset_text(&h,
					       arena_printf(a,
							    "The quality check found %zu things to "
							    "look at: they are marked Check.",
							    json_array_size(flags)));
		}
		plan_render(&h, plan, flags);
		json_decref(flags);
		json_decref(plan);
	}
	gds_page_end(&h);
	if ((rc = html_error(&h)) != 0) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, 200, &h);
}

/*
 * quality_report: the quality check across the LA's plans (the latest version of each
 * child's plan): how many plans raise each flag, and the plans with the most flags.
 */
#define REPORT_MAX 5000
static int quality_report(struct request *req)
{
	int rc = auth_require(req, ROLE_BIT(ROLE_CASEWORKER) | ROLE_BIT(ROLE_LA_MANAGER));
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	struct db_stmt *st = NULL;
	if ((rc = db_prepare(db,
			     "SELECT c.id, c.given_name, c.family_name, c.date_of_birth, p.content"
			     " FROM plan_version p JOIN child c ON c.id = p.child_ref"
			     " WHERE c.la_code = $1 AND p.version = (SELECT max(q.version) FROM"
			     " plan_version q WHERE q.child_ref = p.child_ref) LIMIT 5000",
			     &st)) != 0)
		return rc;
	json_t *by_code = json_object();
	struct worst {
		const char *id, *name;
		size_t flags;
	} top[10] = {{0}};
	size_t plans = 0;
	struct date today = date_today();
	if ((rc = db_bind_text(st, 1, u->la_code)) == 0)
		while (plans < REPORT_MAX && db_step(st) == DB_ROW) {
			json_error_t je;
			json_t *plan = json_loads(db_column_text(st, 4), 0, &je);
			struct date dob;
			if (!plan || date_parse(db_column_text(st, 3), &dob) != 0) {
				json_decref(plan);
				continue;
			}
			plans++;
			json_t *flags = plan_quality(plan, dob, today);
			json_t *seen = json_object();
			size_t i;
			json_t *f;
			json_array_foreach(flags, i, f)
			{
				const char *code = json_string_value(json_object_get(f, "code"));
				if (!code || json_object_get(seen, code))
					continue;
				json_object_set_new(seen, code, json_true());
				json_int_t n = json_integer_value(json_object_get(by_code, code));
				json_object_set_new(by_code, code, json_integer(n + 1));
			}
			size_t nf = json_array_size(flags);
			for (size_t k = 0; k < 10; k++)
				if (nf > top[k].flags) {
					memmove(&top[k + 1], &top[k], sizeof(top[0]) * (9 - k));
					top[k] = (struct worst){
						arena_strdup(a, db_column_text(st, 0)),
						arena_printf(a, "%s %s", db_column_text(st, 1),
							     db_column_text(st, 2)),
						nf};
					break;
				}
			json_decref(seen);
			json_decref(flags);
			json_decref(plan);
		}
	db_reset(st);
	struct html h;
	html_init(&h);
	gds_page_start(&h,
		       &(struct gds_page){.title = "Quality of plans", .sign_out_csrf = u->csrf});
	gds_heading(&h, &(struct gds_heading){.text = "Quality of plans"});
	gds_p(&h,
	      arena_printf(a, "The quality check across the latest version of %zu plans.", plans));
	size_t n = json_object_size(by_code);
	struct gds_table_cell *cells = arena_alloc(a, sizeof(*cells) * 2 * (n + 1));
	size_t r = 0;
	const char *code;
	json_t *v;
	json_object_foreach(by_code, code, v)
	{
		if (!cells)
			break;
		cells[r * 2] = (struct gds_table_cell){.text = arena_strdup(a, code)};
		cells[r * 2 + 1] = (struct gds_table_cell){
			.text = arena_printf(a, "%lld", (long long)json_integer_value(v)),
			.numeric = 1};
		r++;
	}
	static const struct gds_table_cell head[] = {{.text = "Flag"},
						     {.text = "Plans", .numeric = 1}};
	gds_table(&h, &(struct gds_table){.caption = "Plans raising each flag",
					  .caption_size = GDS_SIZE_M,
					  .head = head,
					  .cells = cells,
					  .n_cols = 2,
					  .n_rows = r,
					  .scroll_label = "Plans raising each flag"});
	gds_heading(&h, &(struct gds_heading){.text = "Plans with the most flags", .level = 2});
	html_raw(&h, "<ul class=\"govuk-list\">");
	for (size_t k = 0; k < 10 && top[k].id; k++) {
		html_raw(&h, "<li>");
		gds_link(&h, arena_printf(a, "/children/%s/plan", top[k].id), top[k].name);
		html_textf(&h, ": %zu", top[k].flags);
		html_raw(&h, "</li>");
	}
	html_raw(&h, "</ul>");
	json_decref(by_code);
	if ((rc = audit_record(req, "list", "plan_quality", u->la_code)) != 0) {
		html_release(&h);
		return rc;
	}
	gds_page_end(&h);
	if ((rc = html_error(&h)) != 0) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, 200, &h);
}

const struct route plan_routes[] = {
	{"GET", "/children/{id}/plan", plan_page},
	{"GET", "/plans/quality", quality_report},
};
const size_t plan_routes_count = sizeof(plan_routes) / sizeof(plan_routes[0]);
