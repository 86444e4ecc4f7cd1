/*
 * api.c: a child's EHC needs assessment over the JSON API, with the same checks as the
 * pages: GET the case (its state, officer, every deadline from the statutory clock and
 * the timeline), POST a request, POST a step, POST an exception period.
 */
#include <string.h>

#include "access/access.h"
#include "assessment/case.h"
#include "platform/err.h"

#define LA_STAFF (ROLE_BIT(ROLE_CASEWORKER) | ROLE_BIT(ROLE_LA_MANAGER))

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

/* only: every member of o is one of names; prefix is o's own pointer ("" for the body) */
static void only(json_t *o, const char *prefix, const char *const *names, struct arena *a,
		 struct field_errors *errs)
{
	const char *key;
	json_t *v;
	json_object_foreach(o, key, v)
	{
		int ok = 0;
		for (size_t i = 0; names[i] && !ok; i++)
			ok = strcmp(key, names[i]) == 0;
		if (!ok)
			field_error_add(errs, arena_strdup(a, key),
					arena_printf(a, "%s/%s", prefix, key),
					"This field is not recognised");
	}
}

/* a date that is real and not in the future */
static const char *past_date(json_t *o, const char *key, const char *pointer,
			     struct field_errors *errs)
{
	const char *v = member(o, key, pointer, errs);
	struct date d;
	if (!v) {
		field_error_add(errs, key, pointer, "Enter the date, written as YYYY-MM-DD");
		return NULL;
	}
	if (date_parse(v, &d) != 0) {
		field_error_add(errs, key, pointer, "Must be a real date, written as YYYY-MM-DD");
		return NULL;
	}
	if (date_cmp(d, date_today()) > 0) {
		field_error_add(errs, key, pointer, "Must be today or in the past");
		return NULL;
	}
	return v;
}

static int get_case(struct request *req)
{
	const char *child = req_param(req, "id");
	int rc = access_child(req, child);
	if (rc)
		return rc;
	struct db *db = req_db(req);
	struct assessment_case c;
	if ((rc = case_of_child(req_db(req), child, &c)) != 0)
		return rc;
	if ((rc = audit_record(req, "read", "assessment", child)) != 0)
		return rc;
	/* the family reading the case is the evidence that its portal notices were read */
	const struct user *u = auth_user(req);
	if ((u->role == ROLE_PARENT || u->role == ROLE_YOUNG_PERSON) &&
	    (rc = case_notices_read(db, c.id)) != 0)
		return rc;
	json_t *hist = case_history(db, &c);
	struct field_errors errs = {0};
	json_t *clock = clock_compute(&assessment_rules, hist, date_today(), req_arena(req), &errs);
	json_t *out =
		json_pack("{s:s, s:s, s:s, s:s, s:O, s:o}", "id", c.id, "state", c.state,
			  "requested_on", c.requested_on, "requested_by", c.requested_by, "events",
			  json_object_get(hist, "events"), "deadlines",
			  clock ? json_incref(json_object_get(clock, "deadlines")) : json_array());
	json_object_set_new(out, "officer",
			    c.officer_id[0] ? json_pack("{s:s, s:s}", "name", c.officer_name,
							"email", c.officer_email)
					    : json_null());
	json_object_set_new(out, "next_step",
			    c.next_step[0] ? json_string(c.next_step) : json_null());
	json_object_set_new(out, "next_due", c.next_due[0] ? json_string(c.next_due) : json_null());
	json_decref(clock);
	json_decref(hist);
	return resp_json(req, 200, out);
}

static int post_request(struct request *req)
{
	const char *child = req_param(req, "id");
	int rc = access_child(req, child);
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	if (u->role == ROLE_PROFESSIONAL)
		return ERR_DENIED;
	json_t *body = req_json(req);
	if (!body)
		return 0;
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	struct field_errors errs = {0};
	char existing[ID_LEN + 1];
	if (!json_is_object(body)) {
		field_error_add(&errs, "", "", "The body must be a JSON object");
	} else {
		static const char *const names[] = {"date", NULL};
		only(body, "", names, a, &errs);
	}
	const char *date = errs.n ? NULL : past_date(body, "date", "/date", &errs);
	if (date && !case_rules_cover(date, a))
		field_error_add(&errs, "date", "/date",
				"Must be on or after 1 September 2014, when the SEND Regulations "
				"2014 began");
	if (!errs.n && case_for_child(db, child, existing, sizeof(existing)) == 0)
		field_error_add(&errs, "", "",
				"This child already has an assessment case: add steps to it");
	if (errs.n) {
		json_decref(body);
		return resp_problem(req, 422, "Invalid request", NULL, &errs);
	}
	struct assessment_case c;
	char day[DATE_ISO_LEN + 1];
	snprintf(day, sizeof(day), "%s", date);
	json_decref(body);
	if ((rc = case_request(db, child, day, u, req_id(req), a, &c)) != 0)
		return rc;
	resp_header(req, "Location", arena_printf(a, "/api/v1/children/%s/assessment", child));
	return resp_json(req, 201,
			 json_pack("{s:s, s:s, s:s}", "id", c.id, "state", c.state, "requested_on",
				   c.requested_on));
}

static int post_step(struct request *req)
{
	const char *child = req_param(req, "id");
	int rc = access_child(req, child);
	if (rc)
		return rc;
	if ((rc = auth_require(req, LA_STAFF)) != 0)
		return rc;
	const struct user *u = auth_user(req);
	struct assessment_case c;
	if ((rc = case_of_child(req_db(req), child, &c)) != 0)
		return rc;
	json_t *body = req_json(req);
	if (!body)
		return 0;
	struct arena *a = req_arena(req);
	struct field_errors errs = {0};
	struct case_step s = {0};
	if (!json_is_object(body)) {
		field_error_add(&errs, "", "", "The body must be a JSON object");
	} else {
		static const char *const names[] = {"type",    "date",   "item",
						    "reasons", "notice", NULL};
		only(body, "", names, a, &errs);
		s.type = member(body, "type", "/type", &errs);
		s.date = past_date(body, "date", "/date", &errs);
		s.item = member(body, "item", "/item", &errs);
		s.reasons = member(body, "reasons", "/reasons", &errs);
		json_t *notice = json_object_get(body, "notice");
		static const char *const notice_names[] = {"recipient", "channel", NULL};
		if (notice && !json_is_object(notice) && !json_is_null(notice))
			field_error_add(&errs, "notice", "/notice",
					"Must be an object with recipient and channel");
		else if (json_is_object(notice))
			only(notice, "/notice", notice_names, a, &errs);
		s.recipient = member(notice, "recipient", "/notice/recipient", &errs);
		s.channel = member(notice, "channel", "/notice/channel", &errs);
		case_step_check(c.state, &s, &errs);
	}
	if (!errs.n) {
		struct audit_entry why = {.actor_id = u->id,
					  .actor_role = role_name(u->role),
					  .action = s.type,
					  .record_type = "child",
					  .request_id = req_id(req)};
		rc = case_record(req_db(req), &c, &s, &errs, &why, a);
	}
	json_t *out =
		!errs.n && !rc ? json_pack("{s:s, s:s}", "state", c.state, "type", s.type) : NULL;
	json_decref(body);
	if (errs.n)
		return resp_problem(req, 422, "Invalid step", "Some fields need correcting.",
				    &errs);
	if (rc)
		return rc;
	resp_header(req, "Location", arena_printf(a, "/api/v1/children/%s/assessment", c.child_id));
	return resp_json(req, 201, out);
}

static int post_exception(struct request *req)
{
	const char *child = req_param(req, "id");
	int rc = access_child(req, child);
	if (rc)
		return rc;
	if ((rc = auth_require(req, LA_STAFF)) != 0)
		return rc;
	const struct user *u = auth_user(req);
	struct assessment_case c;
	if ((rc = case_of_child(req_db(req), child, &c)) != 0)
		return rc;
	json_t *body = req_json(req);
	if (!body)
		return 0;
	struct arena *a = req_arena(req);
	struct field_errors errs = {0};
	const char *from = NULL, *to = NULL, *reason = NULL;
	if (!json_is_object(body)) {
		field_error_add(&errs, "", "", "The body must be a JSON object");
	} else {
		static const char *const names[] = {"from", "to", "reason", NULL};
		only(body, "", names, a, &errs);
		from = member(body, "from", "/from", &errs);
		to = member(body, "to", "/to", &errs);
		reason = member(body, "reason", "/reason", &errs);
		struct date f, t;
		if (!from || date_parse(from, &f) != 0)
			field_error_add(&errs, "from", "/from", "Enter a real date, YYYY-MM-DD");
		if (!to || date_parse(to, &t) != 0)
			field_error_add(&errs, "to", "/to", "Enter a real date, YYYY-MM-DD");
		if (!errs.n)
			case_exception_check(&c, from, to, reason, &errs);
	}
	if (!errs.n)
		rc = case_add_exception(req_db(req), &c, from, to, reason,
					&(struct audit_entry){.actor_id = u->id,
							      .actor_role = role_name(u->role),
							      .action = "exception",
							      .record_type = "child",
							      .request_id = req_id(req)},
					a);
	json_t *out = !errs.n && !rc ? json_pack("{s:s, s:s, s:s}", "from", from, "to", to,
						 "reason", reason)
				     : NULL;
	json_decref(body);
	if (errs.n)
		return resp_problem(req, 422, "Invalid exception", NULL, &errs);
	if (rc)
		return rc;
	return resp_json(req, 201, out);
}

static int post_advice(struct request *req)
{
	const char *child = req_param(req, "id");
	int rc = access_child(req, child);
	if (rc)
		return rc;
	if ((rc = auth_require(req,
			       LA_STAFF | ROLE_BIT(ROLE_PROFESSIONAL) | ROLE_BIT(ROLE_SENCO))) != 0)
		return rc;
	const struct user *u = auth_user(req);
	struct assessment_case c;
	if ((rc = case_of_child(req_db(req), child, &c)) != 0)
		return rc;
	json_t *body = req_json(req);
	if (!body)
		return 0;
	struct arena *a = req_arena(req);
	struct field_errors errs = {0};
	struct case_advice adv = {0};
	char sections[64] = "";
	if (!json_is_object(body)) {
		field_error_add(&errs, "", "", "The body must be a JSON object");
	} else {
		static const char *const names[] = {"item", "sections", "advice", NULL};
		static const char *const known[] = {"B", "C", "D", "E", "F", "G", "H1", "H2"};
		only(body, "", names, a, &errs);
		adv.item = member(body, "item", "/item", &errs);
		adv.text = member(body, "advice", "/advice", &errs);
		if (!adv.item || !*adv.item || strlen(adv.item) > 200)
			field_error_add(&errs, "item", "/item",
					"Enter whose advice this is, in 200 characters or fewer");
		if (!adv.text || !*adv.text || strlen(adv.text) > 20000)
			field_error_add(&errs, "advice", "/advice",
					"Enter the advice, in 20,000 characters or fewer");
		json_t *list = json_object_get(body, "sections");
		size_t i;
		json_t *v;
		if (!json_is_array(list) || json_array_size(list) == 0)
			field_error_add(&errs, "sections", "/sections",
					"Give the plan sections the advice informs, such as "
					"[\"B\", \"F\"]");
		json_array_foreach(list, i, v)
		{
			int ok = 0;
			for (size_t k = 0;
			     k < sizeof(known) / sizeof(known[0]) && json_is_string(v); k++)
				if (strcmp(json_string_value(v), known[k]) == 0) {
					ok = 1;
					size_t len = strlen(sections);
					if (!strstr(sections, known[k]) &&
					    len + 4 < sizeof(sections))
						snprintf(sections + len, sizeof(sections) - len,
							 "%s%s", len ? "," : "", known[k]);
				}
			if (!ok)
				field_error_add(&errs, arena_printf(a, "sections-%zu", i),
						arena_printf(a, "/sections/%zu", i),
						"Must be one of B, C, D, E, F, G, H1, H2");
		}
		if (!assessment_next_state(c.state, "advice_received"))
			field_error_add(&errs, "advice", "/advice",
					"The assessment is not at a stage that takes advice");
	}
	char today[DATE_ISO_LEN + 1];
	date_iso(date_today(), today);
	adv.sections = sections;
	adv.date = today;
	if (!errs.n)
		rc = case_add_advice(req_db(req), &c, &adv, &errs,
				     &(struct audit_entry){.actor_id = u->id,
							   .actor_role = role_name(u->role),
							   .action = "advice",
							   .record_type = "child",
							   .request_id = req_id(req)},
				     a);
	json_t *out = !errs.n && !rc ? json_pack("{s:s, s:s, s:s}", "item", adv.item, "sections",
						 sections, "given_on", today)
				     : NULL;
	json_decref(body);
	if (errs.n)
		return resp_problem(req, 422, "Invalid advice", "Some fields need correcting.",
				    &errs);
	if (rc)
		return rc;
	return resp_json(req, 201, out);
}

const struct route assessment_api_routes[] = {
	{"POST", "/api/v1/children/{id}/assessment/advice", post_advice},
	{"GET", "/api/v1/children/{id}/assessment", get_case},
	{"POST", "/api/v1/children/{id}/assessment", post_request},
	{"POST", "/api/v1/children/{id}/assessment/steps", post_step},
	{"POST", "/api/v1/children/{id}/assessment/exceptions", post_exception},
};
const size_t assessment_api_routes_count =
	sizeof(assessment_api_routes) / sizeof(assessment_api_routes[0]);
