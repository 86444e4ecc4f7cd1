/*
 * pages.c: a child's EHC plan on the web: the latest version, every section, for anyone
 * who may see the child (the family sees their own copy); council staff also see the
 * quality flags beside the lines they concern.
 */
#include <stdlib.h>
#include <string.h>

#include "access/access.h"
#include "people/people.h"
#include "plan/internal.h"
#include "platform/audit.h"
#include "platform/csvout.h"
#include "platform/err.h"
#include "platform/gds.h"

int plan_is_draft(const struct plan_ctx *c)
{
	return c->doc.plan && strcmp(c->doc.status, "draft") == 0;
}

unsigned plan_writable(struct request *req, const char *child)
{
	const struct user *u = auth_user(req);
	if (!u)
		return 0;
	if (ROLE_BIT(u->role) & PLAN_OFFICERS)
		return PLAN_ALL_SECTIONS;
	if (ROLE_BIT(u->role) & PLAN_FAMILY)
		return 1u << PLAN_A;
	if (u->role == ROLE_PROFESSIONAL || u->role == ROLE_SENCO)
		return plan_contributor_sections(req_db(req), child, u->id);
	return 0;
}

int plan_ctx_load(struct request *req, struct plan_ctx *c)
{
	memset(c, 0, sizeof(*c));
	c->child_id = req_param(req, "id");
	int rc = access_child(req, c->child_id);
	if (rc)
		return rc;
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	c->user = auth_user(req);
	if ((rc = child_get(db, c->child_id, &c->child)) != 0)
		return rc;
	c->name = arena_printf(a, "%s %s", c->child.given_name, c->child.family_name);
	rc = plan_latest(db, c->child_id, &c->doc);
	if (rc && rc != ERR_NOTFOUND)
		return rc;
	const char *tpl = c->doc.plan ? json_string_value(json_object_get(c->doc.plan, "template"))
				      : plan_template_for_la(db, c->child.la_code, a);
	if ((rc = plan_template_get(db, tpl, a, &c->tpl)) != 0 ||
	    (rc = audit_record(req, "read", "plan", c->child_id)) != 0) {
		plan_ctx_release(c);
		return rc;
	}
	c->writable = plan_writable(req, c->child_id);
	return 0;
}

void plan_ctx_release(struct plan_ctx *c)
{
	json_decref(c->doc.plan);
	c->doc.plan = NULL;
}

const char *plan_sections_words(struct arena *a, unsigned bits)
{
	const char *out = NULL;
	int n = 0, total = 0;
	for (int s = 0; s < PLAN_SECTIONS; s++)
		total += (bits >> s) & 1;
	for (int s = 0; s < PLAN_SECTIONS; s++) {
		if (!(bits & (1u << s)))
			continue;
		n++;
		out = !out ? arena_printf(a, "%s %s", total > 1 ? "sections" : "section",
					  plan_section_info[s].code)
			   : arena_printf(a, "%s%s%s", out, n == total ? " and " : ", ",
					  plan_section_info[s].code);
	}
	return out ? out : "no sections";
}

int plan_refused(struct request *req, int status, const char *child, const char *title,
		 const char *why)
{
	const struct user *u = auth_user(req);
	struct arena *a = req_arena(req);
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = title, .sign_out_csrf = u ? u->csrf : NULL});
	gds_back_link(&h, arena_printf(a, "/children/%s/plan", child), "Back to the plan");
	gds_heading(&h, &(struct gds_heading){.text = title});
	gds_p(&h, why);
	gds_page_end(&h);
	int rc = html_error(&h);
	if (rc) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, status, &h);
}

static void para_link(struct html *h, const char *href, const char *text)
{
	html_raw(h, "<p class=\"govuk-body sendap-no-print\">");
	gds_link(h, href, text);
	html_raw(h, "</p>");
}

static int plan_page(struct request *req)
{
	struct plan_ctx c;
	int rc = plan_ctx_load(req, &c);
	if (rc)
		return rc;
	const struct user *u = c.user;
	struct arena *a = req_arena(req);
	const char *id = c.child_id;
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "Education, health and care plan",
					      .sign_out_csrf = u->csrf});
	gds_back_link(&h, arena_printf(a, "/children/%s", id), "Back to the record");
	gds_heading(&h, &(struct gds_heading){.text = "Education, health and care plan",
					      .caption = c.name});
	if (c.doc.plan) {
		html_raw(&h, "<p class=\"govuk-body\">");
		gds_tag(&h,
			strcmp(c.doc.status, "draft") == 0   ? "Draft"
			: strcmp(c.doc.status, "final") == 0 ? "Final"
							     : "Amended",
			strcmp(c.doc.status, "draft") == 0 ? GDS_TAG_YELLOW : GDS_TAG_GREEN);
		html_textf(&h, " Version %lld", (long long)c.doc.version);
		if (c.doc.issued_on[0]) {
			struct date d;
			char when[DATE_LONG_MAX];
			if (date_parse(c.doc.issued_on, &d) == 0) {
				date_long(d, when, sizeof(when));
				html_textf(&h, ", issued on %s", when);
			}
		}
		html_raw(&h, "</p>");
	}
	if (c.writable & ~(1u << PLAN_A))
		para_link(&h, arena_printf(a, "/children/%s/plan/edit", id),
			  ROLE_BIT(u->role) & PLAN_OFFICERS
				  ? "Write or change the plan"
				  : "Write the sections you were asked for");
	else if (c.writable)
		para_link(&h, arena_printf(a, "/children/%s/plan/section-a", id),
			  "Write or change section A: about me");
	if (c.doc.plan && (strcmp(c.doc.status, "draft") != 0 || c.doc.version > 1)) {
		/* after the plan: its reviews, provision missed, ceasing (src/review/) */
		html_raw(&h, "<ul class=\"govuk-list sendap-no-print\"><li>");
		gds_link(&h, arena_printf(a, "/children/%s/reviews", id), "Reviews of this plan");
		html_raw(&h, "</li><li>");
		gds_link(&h, arena_printf(a, "/children/%s/plan/missed", id),
			 "Provision that did not happen");
		html_raw(&h, "</li><li>");
		gds_link(&h, arena_printf(a, "/children/%s/plan/cease", id), "Ceasing the plan");
		html_raw(&h, "</li></ul>");
	}
	if (!c.doc.plan) {
		gds_p(&h, "There is no plan yet.");
	} else {
		json_t *flags = NULL;
		if (c.writable & ~(1u << PLAN_A)) {
			flags = plan_quality(c.doc.plan, c.child.date_of_birth, date_today());
			if (json_array_size(flags))
				gds_inset_text(&h,
					       arena_printf(a,
							    "The quality check found %zu things to "
							    "look at: they are marked Check.",
							    json_array_size(flags)));
		}
		if (ROLE_BIT(u->role) & PLAN_FAMILY && plan_is_draft(&c))
			gds_inset_text(&h, "This plan is a draft. You can comment on any line of "
					   "it: use the Comment link under the line.");
		if (c.doc.version > 1)
			para_link(&h,
				  arena_printf(a, "/children/%s/plan/compare?from=%lld&to=%lld", id,
					       (long long)c.doc.version - 1,
					       (long long)c.doc.version),
				  arena_printf(a, "What changed since version %lld",
					       (long long)c.doc.version - 1));
		if (c.tpl.known == 0)
			gds_inset_text(&h,
				       arena_printf(a,
						    "This plan was written in the template \"%s\", "
						    "which this system does not hold: it is shown "
						    "under the national headings.",
						    c.tpl.id ? c.tpl.id : ""));
		json_t *comments = plan_comments(req_db(req), c.doc.id);
		const char *comment_href =
			plan_is_draft(&c) && (ROLE_BIT(u->role) & (PLAN_FAMILY | PLAN_OFFICERS))
				? arena_printf(a, "/children/%s/plan/comment?line=", id)
				: NULL;
		plan_render(&h, c.doc.plan,
			    &(struct plan_view){.flags = flags,
						.comments = comments,
						.tpl = &c.tpl,
						.comment_href = comment_href});
		json_decref(comments);
		json_decref(flags);
	}
	plan_ctx_release(&c);
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
static const char *flag_words(const char *code)
{
	static const struct {
		const char *code, *words;
	} words[] = {
		{"need_without_outcome", "A need with no outcome"},
		{"need_without_provision", "A need with no provision"},
		{"outcome_without_provision", "An outcome with no provision"},
		{"outcome_not_time_bound", "An outcome with no date"},
		{"provision_not_quantified", "Provision not quantified"},
		{"provision_vague", "Provision in vague words"},
		{"provision_no_one_responsible", "Provision with no one responsible"},
		{"provision_wrong_section", "Provision perhaps in the wrong section"},
		{"no_preparation_for_adulthood", "No preparation for adulthood from Year 9"},
	};
	for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++)
		if (strcmp(words[w].code, code) == 0)
			return words[w].words;
	return code;
}

/* quality_csv: the table of flags as CSV, after the page's audit row (by_code borrowed) */
static int quality_csv(struct request *req, json_t *by_code, size_t plans)
{
	struct buf b;
	csvout_init(&b);
	static const char *const head[] = {"flag_code", "flag", "plans", "plans_checked"};
	csvout_row(&b, head, 4);
	const char *code;
	json_t *v;
	json_object_foreach(by_code, code, v)
	{
		csvout_id(&b, code);
		csvout_text(&b, flag_words(code));
		csvout_number(&b, (long long)json_integer_value(v));
		csvout_number(&b, (long long)plans);
		csvout_end_row(&b);
	}
	int rc = audit_record(req, "list", "plan_quality", auth_user(req)->la_code);
	if (rc) {
		buf_release(&b);
		return rc;
	}
	return csvout_send(req, &b, "plan-quality.csv");
}

static int quality_report(struct request *req)
{
	int rc = auth_require(req, ROLE_BIT(ROLE_CASEWORKER) | ROLE_BIT(ROLE_LA_MANAGER));
	if (rc)
		return rc;
	int csv = csvout_wanted(req);
	if (csv < 0)
		return csv;
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
	if (csv) {
		rc = quality_csv(req, by_code, plans);
		json_decref(by_code);
		return rc;
	}
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
		cells[r * 2] = (struct gds_table_cell){.text = arena_strdup(a, flag_words(code))};
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
	csvout_link(&h, req, "/plans/quality", NULL);
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

static int section_a_form(struct request *req)
{
	struct plan_ctx c;
	int rc = plan_ctx_load(req, &c);
	if (rc)
		return rc;
	if (!(c.writable & (1u << PLAN_A)))
		rc = plan_refused(req, 403, c.child_id, "You cannot change section A",
				  "Section A is written by the child or young person, their family "
				  "and the council's SEND team.");
	else if (c.doc.plan && !plan_is_draft(&c))
		rc = plan_refused(req, 409, c.child_id, "This plan has been issued",
				  "An issued plan does not change. Section A can be written again "
				  "when the council starts an amendment, after a review.");
	else
		rc = section_a_page(req, 200, c.child_id, json_object_get(c.doc.plan, "section_a"),
				    NULL);
	plan_ctx_release(&c);
	return rc;
}

/* set_section_a: the edit plan_edit makes: section A replaced by the one built */
static int set_section_a(json_t *plan, void *ctx, struct arena *a, struct field_errors *errs)
{
	(void)a, (void)errs;
	return json_object_set(plan, "section_a", ctx) ? ERR_NOMEM : 0;
}

static int section_a_save(struct request *req)
{
	const char *id = req_param(req, "id");
	int rc = access_child(req, id);
	if (rc)
		return rc;
	if (req_form_bad(req))
		return ERR_INVALID;
	if (!(plan_writable(req, id) & (1u << PLAN_A)))
		return plan_refused(req, 403, id, "You cannot change section A",
				    "Section A is written by the child or young person, their "
				    "family and the council's SEND team.");
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
	struct child c;
	if ((rc = child_get(db, id, &c)) != 0) {
		json_decref(section);
		return rc;
	}
	char vid[ID_LEN + 1];
	rc = plan_edit(db, id, plan_template_for_la(db, c.la_code, a), set_section_a, section,
		       u->id, a, &errs, vid);
	json_decref(section);
	if (rc == ERR_CONFLICT)
		return plan_refused(
			req, 409, id, "This plan has been issued",
			"An issued plan does not change. Section A can be written again "
			"when the council starts an amendment, after a review.");
	if (rc == ERR_INVALID)
		return section_a_page(req, 422, id, NULL, &errs);
	if (rc)
		return rc;
	return resp_redirect(req, arena_printf(a, "/children/%s/plan", id));
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
	{"GET", "/children/{id}/plan/compare", plan_compare_page},
	{"GET", "/children/{id}/plan", plan_page},
	{"GET", "/plans/quality", quality_report},
	{"GET", "/children/{id}/plan/edit", plan_edit_page},
	{"GET", "/children/{id}/plan/edit/{section}", plan_section_page},
	{"POST", "/children/{id}/plan/edit/{section}", plan_section_save},
	{"POST", "/children/{id}/plan/edit/{section}/remove", plan_section_remove},
	{"POST", "/children/{id}/plan/contributors", plan_contributors_save},
	{"GET", "/children/{id}/plan/check", plan_check_page},
	{"POST", "/children/{id}/plan/issue", plan_issue_post},
	{"POST", "/children/{id}/plan/amend", plan_amend_post},
	{"GET", "/children/{id}/plan/export", plan_export_page},
	{"GET", "/children/{id}/plan/import", plan_import_page},
	{"POST", "/children/{id}/plan/import", plan_import_post},
	{"GET", "/children/{id}/plan/comment", plan_comment_page},
	{"POST", "/children/{id}/plan/comment", plan_comment_post},
};
const size_t plan_routes_count = sizeof(plan_routes) / sizeof(plan_routes[0]);
