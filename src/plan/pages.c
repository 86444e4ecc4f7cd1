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

const struct route plan_routes[] = {
	{"GET", "/children/{id}/plan", plan_page},
};
const size_t plan_routes_count = sizeof(plan_routes) / sizeof(plan_routes[0]);
