/*
 * editor.c: writing a plan, for the council's SEND officers and the contributors they
 * ask. The task list (one task per section, with its status), who has been asked to
 * write which sections, check answers before issue, issuing, and starting an amendment.
 * Every page works without JavaScript: plain links and forms.
 */
#include <stdlib.h>
#include <string.h>

#include "access/access.h"
#include "plan/internal.h"
#include "platform/audit.h"
#include "platform/err.h"
#include "platform/gds.h"

/* section_flags: how many quality flags concern each section */
static void section_flags(json_t *plan, json_t *flags, size_t out[PLAN_SECTIONS])
{
	memset(out, 0, sizeof(size_t) * PLAN_SECTIONS);
	size_t i;
	json_t *f;
	json_array_foreach(flags, i, f)
	{
		const char *line = json_string_value(json_object_get(f, "line"));
		int s = line ? plan_line_section(plan, line) : PLAN_E; /* plan-wide: outcomes */
		if (s >= 0)
			out[s]++;
	}
}

static size_t section_comments(json_t *plan, json_t *comments, enum plan_section s)
{
	size_t i, n = 0;
	json_t *c;
	json_array_foreach(comments, i, c)
	{
		if (plan_line_section(plan, json_string_value(json_object_get(c, "line"))) ==
		    (int)s)
			n++;
	}
	return n;
}

const char *plan_section_href(struct arena *a, const char *child, enum plan_section s)
{
	return s == PLAN_A ? arena_printf(a, "/children/%s/plan/section-a", child)
			   : arena_printf(a, "/children/%s/plan/edit/%s", child,
					  plan_section_info[s].slug);
}

/* the people who may be asked to write sections: professionals with an open request
 * for advice on the child, and the SENCo of a setting the child attends */
#define CANDIDATES_SQL                                                                      \
	"SELECT u.id, u.name, u.role FROM advice_request r JOIN user_account u ON u.id ="   \
	" r.user_id WHERE r.child_id = $1 AND r.closed_at IS NULL AND u.disabled = 0"       \
	" UNION SELECT u.id, u.name, u.role FROM child_setting s JOIN user_account u ON"    \
	" u.organisation_id = s.organisation_id AND u.role = 'senco' WHERE s.child_id = $1" \
	" AND s.ended_on IS NULL AND u.disabled = 0 ORDER BY 2"

static void contributors_block(struct html *h, struct request *req, const struct plan_ctx *c,
			       const struct field_errors *errs)
{
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	html_raw(h, "<h2 class=\"govuk-heading-m\" id=\"contributors\">Who is writing</h2>");
	struct db_stmt *st = NULL;
	struct gds_table_cell cells[3 * 40];
	size_t rows = 0;
	if (db_prepare(db,
		       "SELECT u.name, u.role, p.sections FROM plan_contributor p JOIN"
		       " user_account u ON u.id = p.user_id WHERE p.child_ref = $1 ORDER BY u.name",
		       &st) == 0) {
		if (db_bind_text(st, 1, c->child_id) == 0)
			while (rows < 40 && db_step(st) == DB_ROW) {
				cells[3 * rows] = (struct gds_table_cell){
					.text = arena_strdup(a, db_column_text(st, 0))};
				cells[3 * rows + 1] = (struct gds_table_cell){
					.text = role_label(role_parse(db_column_text(st, 1)))};
				cells[3 * rows + 2] = (struct gds_table_cell){
					.text = arena_strdup(a, db_column_text(st, 2))};
				rows++;
			}
		db_reset(st);
	}
	if (rows) {
		static const struct gds_table_cell head[] = {
			{.text = "Name"}, {.text = "Role"}, {.text = "Sections"}};
		gds_table(h, &(struct gds_table){.caption = "People asked to write sections",
						 .caption_size = GDS_SIZE_S,
						 .head = head,
						 .cells = cells,
						 .n_cols = 3,
						 .n_rows = rows,
						 .first_cell_is_header = 1});
	} else {
		gds_p(h, "Nobody else has been asked to write a section yet.");
	}
	struct gds_option people[41];
	size_t n = 0;
	people[n++] = (struct gds_option){.value = "", .text = "Choose a person"};
	if (db_prepare(db, CANDIDATES_SQL, &st) == 0) {
		if (db_bind_text(st, 1, c->child_id) == 0)
			while (n < 41 && db_step(st) == DB_ROW)
				people[n++] = (struct gds_option){
					.value = arena_strdup(a, db_column_text(st, 0)),
					.text = arena_printf(
						a, "%s (%s)", db_column_text(st, 1),
						role_label(role_parse(db_column_text(st, 2))))};
		db_reset(st);
	}
	if (n == 1) {
		gds_p(h, "To ask someone to write a section, first request their advice (health, "
			 "social care, educational psychology) or record the child's setting.");
		return;
	}
	struct gds_choice boxes[PLAN_SECTIONS - 1];
	for (int s = PLAN_B; s < PLAN_SECTIONS; s++)
		boxes[s - 1] = (struct gds_choice){.value = plan_section_info[s].code,
						   .text = arena_printf(a, "Section %s: %s",
									plan_section_info[s].code,
									c->tpl.heading[s])};
	gds_form_start(h, arena_printf(a, "/children/%s/plan/contributors", c->child_id));
	gds_hidden(h, "csrf", c->user->csrf);
	gds_select(h, &(struct gds_select){.name = "person",
					   .label = "Ask someone to write sections",
					   .label_size = GDS_SIZE_S,
					   .items = people,
					   .n_items = n,
					   .value = req_form(req, "person"),
					   .errors = errs});
	gds_checkboxes(h, &(struct gds_choices){
				  .name = "sections",
				  .legend = "Which sections",
				  .legend_size = GDS_SIZE_S,
				  .hint = "They will be able to write only these. Untick them all "
					  "to stop asking.",
				  .items = boxes,
				  .n_items = PLAN_SECTIONS - 1,
				  .small = 1,
				  .errors = errs});
	gds_button(h, &(struct gds_button){.text = "Ask them", .kind = GDS_BUTTON_SECONDARY});
	gds_form_end(h);
}

static int edit_page(struct request *req, int status, struct plan_ctx *c,
		     const struct field_errors *errs)
{
	struct arena *a = req_arena(req);
	const char *id = c->child_id;
	int officer = ROLE_BIT(c->user->role) & PLAN_OFFICERS ? 1 : 0;
	int editable = !c->doc.plan || plan_is_draft(c);
	json_t *flags = c->doc.plan
				? plan_quality(c->doc.plan, c->child.date_of_birth, date_today())
				: NULL;
	json_t *comments = c->doc.plan ? plan_comments(req_db(req), c->doc.id) : NULL;
	size_t per[PLAN_SECTIONS];
	section_flags(c->doc.plan, flags, per);
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "Write the plan",
					      .errors = errs,
					      .sign_out_csrf = c->user->csrf});
	gds_back_link(&h, arena_printf(a, "/children/%s/plan", id), "Back to the plan");
	gds_heading(&h, &(struct gds_heading){.text = "Write the plan", .caption = c->name});
	if (c->doc.plan)
		gds_p(&h, arena_printf(a, "Version %lld, %s. Written in the template: %s.",
				       (long long)c->doc.version, c->doc.status, c->tpl.name));
	else
		gds_p(&h, arena_printf(a,
				       "There is no plan yet. It will be written in the "
				       "template: %s.",
				       c->tpl.name));
	if (!officer)
		gds_p(&h, arena_printf(a, "You have been asked to write %s.",
				       plan_sections_words(a, c->writable)));
	if (!editable) {
		gds_inset_text(&h, "This version has been issued and does not change. To change "
				   "the plan, start an amendment: a new draft version.");
		if (officer) {
			gds_form_start(&h, arena_printf(a, "/children/%s/plan/amend", id));
			gds_hidden(&h, "csrf", c->user->csrf);
			gds_button(&h, &(struct gds_button){.text = "Start an amendment"});
			gds_form_end(&h);
		}
	}
	struct gds_task tasks[PLAN_SECTIONS];
	size_t n = 0;
	for (int s = 0; s < PLAN_SECTIONS; s++) {
		if (!(c->writable & (1u << s)))
			continue;
		size_t lines = c->doc.plan ? plan_section_lines(c->doc.plan, s) : 0;
		size_t said = section_comments(c->doc.plan, comments, s);
		struct gds_task *t = &tasks[n++];
		*t = (struct gds_task){.title = arena_printf(a, "Section %s: %s",
							     plan_section_info[s].code,
							     c->tpl.heading[s]),
				       .href = editable ? plan_section_href(a, id, s) : NULL};
		if (said)
			t->hint = arena_printf(a, "%zu comment%s on its lines", said,
					       said == 1 ? "" : "s");
		if (!editable) {
			t->status = "Issued";
			t->status_style = GDS_TASK_TEXT;
		} else if (!lines) {
			t->status = "Not yet started";
			t->status_style = GDS_TASK_TAG;
			t->status_colour = GDS_TAG_BLUE;
		} else if (per[s]) {
			t->status = arena_printf(a, "%zu to check", per[s]);
			t->status_style = GDS_TASK_TAG;
			t->status_colour = GDS_TAG_ORANGE;
		} else {
			t->status = "Completed";
			t->status_style = GDS_TASK_TEXT;
		}
	}
	gds_task_list(&h, &(struct gds_task_list){.items = tasks, .n_items = n});
	if (officer && editable && c->doc.plan) {
		html_raw(&h, "<p class=\"govuk-body\">");
		gds_link(&h, arena_printf(a, "/children/%s/plan/check", id),
			 "Check the plan before it is issued");
		html_raw(&h, "</p>");
	}
	if (officer) {
		contributors_block(&h, req, c, errs);
		html_raw(&h, "<h2 class=\"govuk-heading-m\">The plan as a file</h2>"
			     "<ul class=\"govuk-list\">");
		if (c->doc.plan) {
			html_raw(&h, "<li>");
			gds_link(&h, arena_printf(a, "/children/%s/plan/export", id),
				 "Download this version (JSON, schema sendap-plan/1)");
			html_raw(&h, "</li>");
		}
		html_raw(&h, "<li>");
		gds_link(&h, arena_printf(a, "/children/%s/plan/import", id),
			 "Import a plan from a file");
		html_raw(&h, "</li></ul>");
	}
	json_decref(flags);
	json_decref(comments);
	gds_page_end(&h);
	int rc = html_error(&h);
	if (rc) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, status, &h);
}

int plan_edit_page(struct request *req)
{
	struct plan_ctx c;
	int rc = plan_ctx_load(req, &c);
	if (rc)
		return rc;
	if (!(c.writable & ~(1u << PLAN_A)))
		rc = plan_refused(req, 403, c.child_id,
				  "You have not been asked to write this plan",
				  "The council's SEND team writes the plan and asks health, social "
				  "care, educational psychology and the setting to write the "
				  "sections they know about.");
	else
		rc = edit_page(req, 200, &c, NULL);
	plan_ctx_release(&c);
	return rc;
}

int plan_contributors_save(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	int rc = auth_require(req, PLAN_OFFICERS);
	if (rc)
		return rc;
	struct plan_ctx c;
	if ((rc = plan_ctx_load(req, &c)) != 0)
		return rc;
	struct db *db = req_db(req);
	struct field_errors errs = {0};
	const char *person = req_form(req, "person");
	int found = 0;
	struct db_stmt *st = NULL;
	if (person && *person && (rc = db_prepare(db, CANDIDATES_SQL, &st)) == 0) {
		if ((rc = db_bind_text(st, 1, c.child_id)) == 0)
			while (!found && db_step(st) == DB_ROW)
				found = strcmp(db_column_text(st, 0), person) == 0;
		db_reset(st);
	}
	if (rc) {
		plan_ctx_release(&c);
		return rc;
	}
	if (!found)
		field_error_add(&errs, "person", "/person",
				"Choose a person who is advising on this child or works at their "
				"setting");
	unsigned bits = 0, sent = (unsigned)req_form_count(req, "sections"), known = 0;
	for (int s = PLAN_B; s < PLAN_SECTIONS; s++)
		if (req_form_has(req, "sections", plan_section_info[s].code)) {
			bits |= 1u << s;
			known++;
		}
	if (known < sent)
		field_error_add(&errs, "sections", "/sections",
				"Choose sections of the plan, B to K");
	if (!errs.n)
		rc = plan_contributor_set(db, c.child_id, person, bits, c.user->id);
	if (!rc && errs.n)
		rc = edit_page(req, 422, &c, &errs);
	else if (!rc)
		rc = resp_redirect(req,
				   arena_printf(req_arena(req),
						"/children/%s/plan/edit#contributors", c.child_id));
	plan_ctx_release(&c);
	return rc;
}

/* ---- check answers, issue, amend ---- */

int plan_check_page(struct request *req)
{
	int rc = auth_require(req, PLAN_OFFICERS);
	if (rc)
		return rc;
	struct plan_ctx c;
	if ((rc = plan_ctx_load(req, &c)) != 0)
		return rc;
	if (!plan_is_draft(&c)) {
		rc = plan_refused(req, 409, c.child_id, "There is no draft to check",
				  c.doc.plan ? "The latest version has been issued. Start an "
					       "amendment to change it."
					     : "Write the plan first.");
		plan_ctx_release(&c);
		return rc;
	}
	struct arena *a = req_arena(req);
	json_t *flags = plan_quality(c.doc.plan, c.child.date_of_birth, date_today());
	size_t per[PLAN_SECTIONS];
	section_flags(c.doc.plan, flags, per);
	struct gds_summary_row rows[PLAN_SECTIONS];
	for (int s = 0; s < PLAN_SECTIONS; s++) {
		size_t lines = plan_section_lines(c.doc.plan, s);
		const char *v = !lines                      ? "Nothing written"
				: plan_section_info[s].list ? arena_printf(a, "%zu line%s", lines,
									   lines == 1 ? "" : "s")
							    : "Written";
		if (per[s])
			v = arena_printf(a, "%s; %zu to check", v, per[s]);
		rows[s] = (struct gds_summary_row){
			.key = arena_printf(a, "Section %s: %s", plan_section_info[s].code,
					    c.tpl.heading[s]),
			.value = v,
			.actions = {{.href = plan_section_href(a, c.child_id, s),
				     .text = "Change",
				     .visually_hidden = arena_printf(a, "section %s",
								     plan_section_info[s].code)}}};
	}
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "Check the plan before it is issued",
					      .sign_out_csrf = c.user->csrf});
	gds_back_link(&h, arena_printf(a, "/children/%s/plan/edit", c.child_id),
		      "Back to writing the plan");
	gds_heading(&h, &(struct gds_heading){.text = "Check the plan before it is issued",
					      .caption = c.name});
	gds_summary_list(&h, &(struct gds_summary_list){.rows = rows, .n_rows = PLAN_SECTIONS});
	if (json_array_size(flags))
		gds_inset_text(&h, arena_printf(a,
						"The quality check found %zu things to look at. "
						"You can still issue the plan, but a vague or "
						"unlinked line is hard to enforce.",
						json_array_size(flags)));
	html_raw(&h, "<h2 class=\"govuk-heading-m\">Issue the plan</h2>");
	gds_p(&h, "Once issued, this version never changes. Its fingerprint (hash) is written "
		  "to the audit trail, and the family is sent the final plan.");
	gds_form_start(&h, arena_printf(a, "/children/%s/plan/issue", c.child_id));
	gds_hidden(&h, "csrf", c.user->csrf);
	gds_hidden(&h, "version", c.doc.id);
	gds_button(&h, &(struct gds_button){.text = "Issue the plan", .prevent_double_click = 1});
	gds_form_end(&h);
	json_decref(flags);
	plan_ctx_release(&c);
	gds_page_end(&h);
	if ((rc = html_error(&h)) != 0) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, 200, &h);
}

int plan_issue_post(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	int rc = auth_require(req, PLAN_OFFICERS);
	if (rc)
		return rc;
	struct plan_ctx c;
	if ((rc = plan_ctx_load(req, &c)) != 0)
		return rc;
	const char *version = req_form(req, "version");
	char hash[65];
	/* only the version that was checked: if it changed since, check it again */
	if (!plan_is_draft(&c) || !version || strcmp(version, c.doc.id) != 0)
		rc = ERR_CONFLICT;
	else
		rc = plan_issue(req_db(req), c.doc.id, c.user->id, hash);
	if (rc == ERR_CONFLICT)
		rc = plan_refused(req, 409, c.child_id, "The plan was not issued",
				  "This draft was issued already, or changed after it was checked. "
				  "Go back to the plan and check it again.");
	else if (rc == 0)
		rc = resp_redirect(req,
				   arena_printf(req_arena(req), "/children/%s/plan", c.child_id));
	plan_ctx_release(&c);
	return rc;
}

int plan_amend_post(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	int rc = auth_require(req, PLAN_OFFICERS);
	if (rc)
		return rc;
	const char *id = req_param(req, "id");
	if ((rc = access_child(req, id)) != 0)
		return rc;
	const struct user *u = auth_user(req);
	struct field_errors errs = {0};
	char vid[ID_LEN + 1];
	struct plan_doc d;
	rc = plan_latest(req_db(req), id, &d);
	json_decref(d.plan);
	if (rc == ERR_NOTFOUND)
		return plan_refused(req, 409, id, "There is no plan to amend",
				    "A plan is amended once it has been issued. Write the plan "
				    "first.");
	if (rc == 0)
		rc = plan_amend(req_db(req), id, u->id, req_arena(req), &errs, vid);
	if (rc == ERR_CONFLICT)
		return plan_refused(req, 409, id, "An amendment is already being written",
				    "The latest version is a draft: change that one.");
	if (rc)
		return rc;
	return resp_redirect(req, arena_printf(req_arena(req), "/children/%s/plan/edit", id));
}
