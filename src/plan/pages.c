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

#define SECTION_A_WRITERS                                                                  \
	(ROLE_BIT(ROLE_PARENT) | ROLE_BIT(ROLE_YOUNG_PERSON) | ROLE_BIT(ROLE_CASEWORKER) | \
	 ROLE_BIT(ROLE_LA_MANAGER))

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
	if (ROLE_BIT(u->role) & SECTION_A_WRITERS) {
		html_raw(&h, "<p class=\"govuk-body\">");
		gds_link(&h, arena_printf(a, "/children/%s/plan/section-a", id),
			 "Write or change section A: about me");
		html_raw(&h, "</p>");
	}
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
		/* from the second version on: what changed since the one before */
		struct db_stmt *st = NULL;
		if (db_prepare(db, "SELECT max(version) FROM plan_version WHERE child_ref = $1",
			       &st) == 0) {
			if (db_bind_text(st, 1, id) == 0 && db_step(st) == DB_ROW &&
			    db_column_int64(st, 0) > 1) {
				long long v = (long long)db_column_int64(st, 0);
				html_raw(&h, "<p class=\"govuk-body\">");
				gds_link(&h,
					 arena_printf(a,
						      "/children/%s/plan/compare?from=%lld&to=%lld",
						      id, v - 1, v),
					 arena_printf(a, "What changed since version %lld", v - 1));
				html_raw(&h, "</p>");
			}
			db_reset(st);
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
		static const struct {
			const char *code, *words;
		} flag_words[] = {
			{"need_without_outcome", "A need with no outcome"},
			{"need_without_provision", "A need with no provision"},
			{"outcome_without_provision", "An outcome with no provision"},
			{"outcome_not_time_bound", "An outcome with no date"},
			{"provision_not_quantified", "Provision not quantified"},
			{"provision_vague", "Provision in vague words"},
			{"provision_no_one_responsible", "Provision with no one responsible"},
			{"provision_wrong_section", "Provision perhaps in the wrong section"},
			{"no_preparation_for_adulthood",
			 "No preparation for adulthood from Year 9"},
		};
		const char *words = code;
		for (size_t w = 0; w < sizeof(flag_words) / sizeof(flag_words[0]); w++)
			if (strcmp(flag_words[w].code, code) == 0)
				words = flag_words[w].words;
		cells[r * 2] = (struct gds_table_cell){.text = arena_strdup(a, words)};
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

/* ---- section A, written by the child or young person and the family ---- */

static const struct {
	const char *key, *label, *hint;
} a_fields[] = {
	{"strengths", "What people like and admire about me", NULL},
	{"views", "My views", "What matters to me, in my own words"},
	{"interests", "My interests", NULL},
	{"aspirations", "What I want to achieve", "Now and when I am older"},
	{"communication", "How I like to communicate",
	 "For example, signing, symbols, or short "
	 "sentences with time to answer"},
	{"family_views", "My family's views", NULL},
};
#define N_A_FIELDS (sizeof(a_fields) / sizeof(a_fields[0]))
#define A_TEXT_MAX 4000

static int section_a_page(struct request *req, int status, const char *id, json_t *a_now,
			  const struct field_errors *errs)
{
	const struct user *u = auth_user(req);
	struct arena *a = req_arena(req);
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "About me: section A of the plan",
					      .errors = errs,
					      .sign_out_csrf = u->csrf});
	gds_back_link(&h, arena_printf(a, "/children/%s/plan", id), "Back to the plan");
	gds_heading(&h,
		    &(struct gds_heading){.text = "About me", .caption = "Section A of the plan"});
	gds_p(&h, "Write in your own words. What you write here goes into the plan as it is, "
		  "before anything else.");
	gds_form_start(&h, arena_printf(a, "/children/%s/plan/section-a", id));
	gds_hidden(&h, "csrf", u->csrf);
	for (size_t i = 0; i < N_A_FIELDS; i++) {
		const char *sent = req_form(req, a_fields[i].key);
		gds_textarea(&h, &(struct gds_textarea){
					 .name = a_fields[i].key,
					 .label = a_fields[i].label,
					 .label_size = GDS_SIZE_S,
					 .hint = a_fields[i].hint,
					 .value = sent ? sent
						       : json_string_value(json_object_get(
								 a_now, a_fields[i].key)),
					 .errors = errs});
	}
	gds_button(&h, &(struct gds_button){.text = "Save", .prevent_double_click = 1});
	gds_form_end(&h);
	gds_page_end(&h);
	int rc = html_error(&h);
	if (rc) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, status, &h);
}

/* latest: the child's latest plan, or a new empty one for them (a new reference) */
static json_t *latest(struct db *db, const char *id)
{
	char *content = NULL;
	json_t *plan = NULL;
	if (plan_export(db, id, 0, &content) == 0) {
		json_error_t je;
		plan = json_loads(content, 0, &je);
	}
	free(content);
	if (!plan)
		plan = json_pack("{s:s, s:s, s:{s:s}, s:{}}", "schema", PLAN_SCHEMA, "template",
				 "sendap/1", "child", "id", id, "section_a");
	return plan;
}

static int section_a_form(struct request *req)
{
	const char *id = req_param(req, "id");
	int rc = access_child(req, id);
	if (rc)
		return rc;
	if ((rc = auth_require(req, SECTION_A_WRITERS)) != 0)
		return rc;
	json_t *plan = latest(req_db(req), id);
	if (!plan)
		return ERR_NOMEM;
	if ((rc = audit_record(req, "read", "plan", id)) != 0) {
		json_decref(plan);
		return rc;
	}
	rc = section_a_page(req, 200, id, json_object_get(plan, "section_a"), NULL);
	json_decref(plan);
	return rc;
}

static int section_a_save(struct request *req)
{
	const char *id = req_param(req, "id");
	int rc = access_child(req, id);
	if (rc)
		return rc;
	if ((rc = auth_require(req, SECTION_A_WRITERS)) != 0)
		return rc;
	if (req_form_bad(req))
		return ERR_INVALID;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	struct field_errors errs = {0};
	json_t *section = json_object();
	for (size_t i = 0; i < N_A_FIELDS; i++) {
		const char *v = req_form(req, a_fields[i].key);
		if (v && strlen(v) > A_TEXT_MAX)
			field_error_add(&errs, a_fields[i].key,
					arena_printf(a, "/section_a/%s", a_fields[i].key),
					"Must be 4,000 characters or fewer");
		else if (v && *v)
			json_object_set_new(section, a_fields[i].key, json_string(v));
	}
	if (errs.n) {
		json_decref(section);
		return section_a_page(req, 422, id, NULL, &errs);
	}
	json_t *plan = latest(db, id);
	if (!plan) {
		json_decref(section);
		return ERR_NOMEM;
	}
	json_object_set_new(plan, "section_a", section);
	char vid[ID_LEN + 1];
	rc = plan_save_draft(db, plan, u->id, a, &errs, vid);
	json_decref(plan);
	if (rc == ERR_INVALID)
		return section_a_page(req, 422, id, NULL, &errs);
	if (rc)
		return rc;
	return resp_redirect(req, arena_printf(a, "/children/%s/plan", id));
}

/* ---- comparing two versions ---- */

static const char *line_text(json_t *line)
{
	const char *t = json_string_value(json_object_get(line, "text"));
	return t ? t : json_string_value(json_object_get(line, "what"));
}

/* describe: a member's value as text for the comparison */
static const char *describe(struct arena *a, json_t *v)
{
	if (!v || json_is_null(v))
		return "(nothing)";
	if (json_is_string(v))
		return json_string_value(v);
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	const char *out = arena_strdup(a, s ? s : "");
	free(s);
	return out;
}

/* label: words for a member's name on the comparison page */
static const char *label(const char *key)
{
	static const struct {
		const char *key, *words;
	} labels[] = {
		{"views", "My views"},
		{"family_views", "My family's views"},
		{"strengths", "What people like and admire about me"},
		{"interests", "My interests"},
		{"aspirations", "What I want to achieve"},
		{"communication", "How I like to communicate"},
		{"text", "Wording"},
		{"area", "Area of need"},
		{"by", "By when"},
		{"needs", "Needs it answers"},
		{"outcomes", "Outcomes it works towards"},
		{"preparation_for_adulthood", "Prepares for adulthood"},
		{"section", "Section"},
		{"what", "Provision"},
		{"who", "Who delivers it"},
		{"secured_by", "Who secures it"},
		{"frequency", "How often"},
		{"duration", "How long"},
		{"group_size", "Group size"},
		{"budget", "Budget"},
		{"name", "Name"},
		{"type", "Type"},
		{"urn", "URN"},
		{"amount_pence", "Amount in pence"},
		{"arrangements", "Arrangements"},
		{"direct_payments", "Direct payments"},
	};
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(labels[i].key, key) == 0)
			return labels[i].words;
	return key;
}

/* compare_objects: one row per member that differs between a and b */
static size_t compare_objects(struct html *h, struct arena *ar, json_t *a, json_t *b,
			      const char *where)
{
	size_t n = 0;
	json_t *keys = json_object();
	const char *k;
	json_t *v;
	json_object_foreach(a, k, v) json_object_set_new(keys, k, json_true());
	json_object_foreach(b, k, v) json_object_set_new(keys, k, json_true());
	json_object_foreach(keys, k, v)
	{
		json_t *x = json_object_get(a, k), *y = json_object_get(b, k);
		if (json_equal(x, y) || (!x && json_is_null(y)) || (json_is_null(x) && !y))
			continue;
		n++;
		html_raw(h, "<li>");
		html_text(h, where);
		html_raw(h, ", ");
		html_text(h, label(k));
		/* words, not only <del> and <ins>: screen readers mostly do not announce those */
		html_raw(h, ": was <del>");
		html_text(h, describe(ar, x));
		html_raw(h, "</del>, now <ins>");
		html_text(h, describe(ar, y));
		html_raw(h, "</ins></li>");
	}
	json_decref(keys);
	return n;
}

static json_t *by_id(json_t *list, const char *id)
{
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x)
	{
		const char *xid = json_string_value(json_object_get(x, "id"));
		if (xid && strcmp(xid, id) == 0)
			return x;
	}
	return NULL;
}

/* compare_section: one section held as an object (A, I, J) */
static size_t compare_section(struct html *h, struct arena *ar, json_t *a, json_t *b,
			      const char *key, const char *title)
{
	html_raw(h, "<h2 class=\"govuk-heading-m\">");
	html_text(h, title);
	html_raw(h, "</h2><ul class=\"govuk-list\">");
	size_t n =
		compare_objects(h, ar, json_object_get(a, key), json_object_get(b, key), "Changed");
	html_raw(h, "</ul>");
	if (!n)
		html_raw(h, "<p class=\"govuk-body\">No change.</p>");
	return n;
}

/* plan_compare writes what changed from plan a to plan b, section by section and line by
 * line (lines are matched by their ids) */
static void plan_compare(struct html *h, struct arena *ar, json_t *a, json_t *b)
{
	static const struct {
		const char *key, *title;
	} lists[] = {{"needs", "Section B: special educational needs"},
		     {"health_needs", "Section C: health needs"},
		     {"care_needs", "Section D: social care needs"},
		     {"outcomes", "Section E: outcomes"},
		     {"provision", "Sections F to H: provision"}};
	static const struct {
		const char *key, *title;
	} objects[] = {{"section_a", "Section A: about me"},
		       {"placement", "Section I: placement"},
		       {"personal_budget", "Section J: personal budget"}};
	size_t total = 0;
	total += compare_section(h, ar, a, b, objects[0].key, objects[0].title);
	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++) {
		json_t *la = json_object_get(a, lists[l].key),
		       *lb = json_object_get(b, lists[l].key);
		size_t n = 0, i;
		json_t *x;
		html_raw(h, "<h2 class=\"govuk-heading-m\">");
		html_text(h, lists[l].title);
		html_raw(h, "</h2><ul class=\"govuk-list\">");
		json_array_foreach(lb, i, x)
		{
			const char *id = json_string_value(json_object_get(x, "id"));
			json_t *old = id ? by_id(la, id) : NULL;
			if (!old) {
				n++;
				html_raw(h, "<li><strong class=\"govuk-tag govuk-tag--green\">Added"
					    "</strong> ");
				html_text(h, line_text(x));
				html_raw(h, "</li>");
			} else if (!json_equal(old, x)) {
				n += compare_objects(
					h, ar, old, x,
					arena_printf(ar, "Changed \"%s\"", line_text(old)));
			}
		}
		json_array_foreach(la, i, x)
		{
			const char *id = json_string_value(json_object_get(x, "id"));
			if (id && !by_id(lb, id)) {
				n++;
				html_raw(h, "<li><strong class=\"govuk-tag govuk-tag--red\">Removed"
					    "</strong> ");
				html_text(h, line_text(x));
				html_raw(h, "</li>");
			}
		}
		html_raw(h, "</ul>");
		if (!n)
			html_raw(h, "<p class=\"govuk-body\">No change.</p>");
		total += n;
	}
	for (size_t o = 1; o < 3; o++)
		total += compare_section(h, ar, a, b, objects[o].key, objects[o].title);
	(void)total;
}

static int compare_page(struct request *req)
{
	const char *id = req_param(req, "id");
	int rc = access_child(req, id);
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *ar = req_arena(req);
	const char *f = req_query(req, "from"), *t = req_query(req, "to");
	char *e1 = NULL, *e2 = NULL;
	long from = f ? strtol(f, &e1, 10) : 0, to = t ? strtol(t, &e2, 10) : 0;
	if (!f || !t || *e1 || *e2 || from < 1 || to < 1)
		return ERR_INVALID;
	char *ca = NULL, *cb = NULL;
	if ((rc = plan_export(db, id, from, &ca)) != 0 ||
	    (rc = plan_export(db, id, to, &cb)) != 0) {
		free(ca);
		free(cb);
		return rc;
	}
	if ((rc = audit_record(req, "read", "plan", id)) != 0) {
		free(ca);
		free(cb);
		return rc;
	}
	json_error_t je;
	json_t *a = json_loads(ca, 0, &je), *b = json_loads(cb, 0, &je);
	free(ca);
	free(cb);
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "What changed in the plan",
					      .sign_out_csrf = u->csrf});
	gds_back_link(&h, arena_printf(ar, "/children/%s/plan", id), "Back to the plan");
	gds_heading(&h,
		    &(struct gds_heading){
			    .text = arena_printf(ar, "What changed from version %ld to version %ld",
						 from, to)});
	if (a && b)
		plan_compare(&h, ar, a, b);
	json_decref(a);
	json_decref(b);
	gds_page_end(&h);
	if ((rc = html_error(&h)) != 0) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, 200, &h);
}

/* ---- the JSON API: a plan out and in ---- */

static int api_get_plan(struct request *req)
{
	const char *id = req_param(req, "id");
	int rc = access_child(req, id);
	if (rc)
		return rc;
	const char *v = req_query(req, "version");
	char *end = NULL;
	long version = v ? strtol(v, &end, 10) : 0;
	if (v && (!end || *end || version < 1)) {
		struct field_errors errs = {0};
		field_error_add(&errs, "version", "/version", "Must be a whole number from 1");
		return resp_problem(req, 400, "Invalid query", NULL, &errs);
	}
	char *content = NULL;
	if ((rc = plan_export(req_db(req), id, version, &content)) != 0)
		return rc;
	if ((rc = audit_record(req, "read", "plan", id)) != 0) {
		free(content);
		return rc;
	}
	json_error_t je;
	json_t *plan = json_loads(content, 0, &je);
	free(content);
	return plan ? resp_json(req, 200, plan) : ERR_DB;
}

static int api_put_plan(struct request *req)
{
	const char *id = req_param(req, "id");
	int rc = access_child(req, id);
	if (rc)
		return rc;
	if ((rc = auth_require(req, ROLE_BIT(ROLE_CASEWORKER) | ROLE_BIT(ROLE_LA_MANAGER))) != 0)
		return rc;
	json_t *plan = req_json(req);
	if (!plan)
		return 0;
	const struct user *u = auth_user(req);
	struct arena *a = req_arena(req);
	struct field_errors errs = {0};
	const char *child =
		json_string_value(json_object_get(json_object_get(plan, "child"), "id"));
	if (json_is_object(plan) && (!child || strcmp(child, id) != 0))
		field_error_add(&errs, "/child/id", "/child/id",
				"Must be the id of the child in the address");
	char vid[ID_LEN + 1];
	if (!errs.n)
		rc = plan_import(req_db(req), plan, u->id, a, &errs, vid);
	json_decref(plan);
	if (errs.n)
		return resp_problem(req, 422, "Not a plan", "Some fields need correcting.", &errs);
	if (rc)
		return rc;
	resp_header(req, "Location", arena_printf(a, "/api/v1/children/%s/plan", id));
	return resp_json(req, 201, json_pack("{s:s, s:s}", "id", vid, "status", "draft"));
}

const struct route plan_routes[] = {
	{"GET", "/children/{id}/plan/section-a", section_a_form},
	{"POST", "/children/{id}/plan/section-a", section_a_save},
	{"GET", "/api/v1/children/{id}/plan", api_get_plan},
	{"POST", "/api/v1/children/{id}/plan", api_put_plan},
	{"GET", "/children/{id}/plan/compare", compare_page},
	{"GET", "/children/{id}/plan", plan_page},
	{"GET", "/plans/quality", quality_report},
};
const size_t plan_routes_count = sizeof(plan_routes) / sizeof(plan_routes[0]);
