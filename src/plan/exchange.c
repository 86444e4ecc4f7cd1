/*
 * exchange.c: a plan in and out as a file (schema sendap-plan/1, docs/plan.md), for
 * officers moving a plan between systems or councils; and the family's comments on the
 * lines of a draft.
 */
#include <stdlib.h>
#include <string.h>

#include "access/access.h"
#include "plan/internal.h"
#include "platform/audit.h"
#include "platform/err.h"
#include "platform/gds.h"

int plan_export_page(struct request *req)
{
	int rc = auth_require(req, PLAN_OFFICERS);
	if (rc)
		return rc;
	const char *id = req_param(req, "id");
	if ((rc = access_child(req, id)) != 0)
		return rc;
	const char *v = req_query(req, "version");
	char *end = NULL;
	long version = v ? strtol(v, &end, 10) : 0;
	if (v && (!end || *end || version < 1))
		return ERR_NOTFOUND;
	char *content = NULL;
	if ((rc = plan_export(req_db(req), id, version, &content)) != 0)
		return rc;
	if ((rc = audit_record(req, "export", "plan", id)) != 0) {
		free(content);
		return rc;
	}
	/* the file is named for the version, never the child: names stay out of file names
	 * that end up in download folders and email attachments */
	resp_header(req, "Content-Disposition",
		    arena_printf(req_arena(req), "attachment; filename=\"plan-%s%s%s.json\"", id,
				 v ? "-v" : "", v ? v : ""));
	return resp_bytes(req, 200, "application/json", content, strlen(content));
}

static int import_page(struct request *req, int status, const struct plan_ctx *c,
		       const struct field_errors *errs)
{
	struct arena *a = req_arena(req);
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "Import a plan from a file",
					      .errors = errs,
					      .sign_out_csrf = c->user->csrf});
	gds_back_link(&h, arena_printf(a, "/children/%s/plan/edit", c->child_id),
		      "Back to writing the plan");
	gds_heading(&h,
		    &(struct gds_heading){.text = "Import a plan from a file", .caption = c->name});
	gds_p(&h, "The file must be a plan in the schema sendap-plan/1, for this child. It "
		  "becomes the plan's next version, a draft: nothing already issued changes.");
	html_raw(&h, "<form method=\"post\" enctype=\"multipart/form-data\" novalidate");
	html_attr(&h, "action", arena_printf(a, "/children/%s/plan/import", c->child_id));
	html_raw(&h, ">");
	gds_hidden(&h, "csrf", c->user->csrf);
	const char *msg = field_error_for(errs, "plan");
	html_raw(&h, "<div class=\"govuk-form-group");
	if (msg)
		html_raw(&h, " govuk-form-group--error");
	html_raw(&h, "\"><label class=\"govuk-label govuk-label--s\" for=\"plan\">The plan "
		     "file (JSON)</label>");
	if (msg)
		gds_error_message(&h, "plan", msg);
	html_raw(&h, "<input class=\"govuk-file-upload");
	if (msg)
		html_raw(&h, " govuk-file-upload--error");
	html_raw(&h,
		 "\" id=\"plan\" name=\"plan\" type=\"file\" accept=\".json,application/json\"");
	if (msg)
		html_raw(&h, " aria-describedby=\"plan-error\"");
	html_raw(&h, "></div>");
	gds_button(&h, &(struct gds_button){.text = "Import", .prevent_double_click = 1});
	gds_form_end(&h);
	gds_page_end(&h);
	int rc = html_error(&h);
	if (rc) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, status, &h);
}

int plan_import_page(struct request *req)
{
	int rc = auth_require(req, PLAN_OFFICERS);
	if (rc)
		return rc;
	struct plan_ctx c;
	if ((rc = plan_ctx_load(req, &c)) != 0)
		return rc;
	rc = import_page(req, 200, &c, NULL);
	plan_ctx_release(&c);
	return rc;
}

int plan_import_post(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	int rc = auth_require(req, PLAN_OFFICERS);
	if (rc)
		return rc;
	struct plan_ctx c;
	if ((rc = plan_ctx_load(req, &c)) != 0)
		return rc;
	struct arena *a = req_arena(req);
	struct field_errors errs = {0}, found = {0};
	const char *file = req_form(req, "plan");
	json_error_t je;
	json_t *plan = file && *file ? json_loads(file, JSON_REJECT_DUPLICATES, &je) : NULL;
	const char *child =
		json_string_value(json_object_get(json_object_get(plan, "child"), "id"));
	char vid[ID_LEN + 1];
	if (!file || !*file)
		field_error_add(&errs, "plan", NULL, "Choose the plan file to import");
	else if (!plan)
		field_error_add(
			&errs, "plan", NULL,
			arena_printf(a, "The file is not JSON: line %d, %s", je.line, je.text));
	else if (!json_is_object(plan) || !child || strcmp(child, c.child_id) != 0)
		field_error_add(&errs, "plan", NULL,
				"The file is a plan for another child, or names no child: its "
				"child.id must be this child's");
	else if ((rc = plan_import(req_db(req), plan, c.user->id, a, &found, vid)) == ERR_INVALID) {
		/* the first problem, by where it is in the file */
		field_error_add(&errs, "plan", NULL,
				arena_printf(a, "The plan was not imported: %s (at %s)%s",
					     found.items[0].message,
					     found.items[0].pointer ? found.items[0].pointer : "/",
					     found.n > 1
						     ? arena_printf(a, ", and %zu more problems",
								    found.n - 1)
						     : ""));
		rc = 0;
	}
	json_decref(plan);
	if (!rc && errs.n)
		rc = import_page(req, 422, &c, &errs);
	else if (!rc)
		rc = resp_redirect(req, arena_printf(a, "/children/%s/plan/edit", c.child_id));
	plan_ctx_release(&c);
	return rc;
}

/* ---- the family's comments on a draft ---- */

#define COMMENT_MAX 2000
#define COMMENTERS (PLAN_FAMILY | PLAN_OFFICERS)

static int comment_page(struct request *req, int status, const struct plan_ctx *c, const char *line,
			const struct field_errors *errs)
{
	struct arena *a = req_arena(req);
	json_t *l = plan_line_get(c->doc.plan, line, NULL);
	const char *text = json_string_value(json_object_get(l, "text"));
	if (!text)
		text = json_string_value(json_object_get(l, "what"));
	if (!text)
		text = json_string_value(json_object_get(l, "from"));
	int s = plan_line_section(c->doc.plan, line);
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "Comment on a line of the draft plan",
					      .errors = errs,
					      .sign_out_csrf = c->user->csrf});
	gds_back_link(&h, arena_printf(a, "/children/%s/plan", c->child_id), "Back to the plan");
	gds_heading(&h, &(struct gds_heading){.text = "Comment on this line",
					      .caption = arena_printf(a, "Section %s: %s",
								      plan_section_info[s].code,
								      c->tpl.heading[s])});
	gds_inset_text(&h, text ? text : "");
	gds_form_start(&h, arena_printf(a, "/children/%s/plan/comment", c->child_id));
	gds_hidden(&h, "csrf", c->user->csrf);
	gds_hidden(&h, "line", line);
	gds_textarea(&h, &(struct gds_textarea){
				 .name = "comment",
				 .label = "Your comment",
				 .label_size = GDS_SIZE_S,
				 .hint = "What is right or wrong about it, or what is missing. The "
					 "SEND team sees it beside the line.",
				 .value = req_form(req, "comment"),
				 .errors = errs});
	gds_button(&h, &(struct gds_button){.text = "Send comment", .prevent_double_click = 1});
	gds_form_end(&h);
	gds_page_end(&h);
	int rc = html_error(&h);
	if (rc) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, status, &h);
}

/* comment_check: 0 if the user may comment on that line now; else the page saying why
 * has been sent (*answered) or an ERR_* is returned */
static int comment_check(struct request *req, const struct plan_ctx *c, const char *line,
			 int *answered)
{
	*answered = 1;
	if (!(ROLE_BIT(c->user->role) & COMMENTERS))
		return plan_refused(req, 403, c->child_id, "You cannot comment on this plan",
				    "The child or young person and their family comment on a "
				    "draft plan.");
	if (!plan_is_draft(c))
		return plan_refused(req, 409, c->child_id, "There is no draft to comment on",
				    "Comments are on a draft plan. An issued plan can be "
				    "discussed at its next review.");
	if (!line || plan_line_section(c->doc.plan, line) < 0)
		return ERR_NOTFOUND;
	*answered = 0;
	return 0;
}

int plan_comment_page(struct request *req)
{
	struct plan_ctx c;
	int rc = plan_ctx_load(req, &c), answered;
	if (rc)
		return rc;
	const char *line = req_query(req, "line");
	rc = comment_check(req, &c, line, &answered);
	if (!answered)
		rc = comment_page(req, 200, &c, line, NULL);
	plan_ctx_release(&c);
	return rc;
}

int plan_comment_post(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	struct plan_ctx c;
	int rc = plan_ctx_load(req, &c), answered;
	if (rc)
		return rc;
	const char *line = req_form(req, "line");
	rc = comment_check(req, &c, line, &answered);
	if (!answered) {
		const char *body = req_form(req, "comment");
		struct field_errors errs = {0};
		if (!body || !*body)
			field_error_add(&errs, "comment", NULL, "Enter your comment");
		else if (strlen(body) > COMMENT_MAX)
			field_error_add(&errs, "comment", NULL,
					"Must be 2,000 characters or fewer");
		if (errs.n)
			rc = comment_page(req, 422, &c, line, &errs);
		else if ((rc = plan_comment_add(req_db(req), c.doc.id, line, c.user->id, body)) ==
			 0)
			rc = resp_redirect(
				req, arena_printf(req_arena(req), "/children/%s/plan", c.child_id));
	}
	plan_ctx_release(&c);
	return rc;
}
