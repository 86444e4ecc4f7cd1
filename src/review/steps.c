/*
 * steps.c: the form for a review's next step, and recording it. The setting records the
 * invitations, the meeting (who came, the child's and family's views, progress on each
 * outcome of the plan, the changes proposed by section, and from Year 9 preparing for
 * adulthood) and its report; the LA records its decision and the proposed amendments.
 */
#include <stdlib.h>
#include <string.h>

#include "access/access.h"
#include "plan/plan.h"
#include "platform/err.h"
#include "platform/form.h"
#include "review/internal.h"

static const struct gds_choice ratings[] = {
	{.value = "achieved", .text = "Achieved"},
	{.value = "progressing", .text = "Progressing"},
	{.value = "not_progressing", .text = "Not progressing"},
};
static const struct {
	const char *key, *label;
} pfa[] = {{"employment", "Employment and further or higher education"},
	   {"independent_living", "Independent living"},
	   {"community", "Friends, relationships and the community"},
	   {"health", "Good health"}};
static const char *const change_sections[] = {"B", "E", "F", "I"};
static const struct gds_choice adult_services[] = {
	{.value = "referred", .text = "Referred to adult services"},
	{.value = "not_yet", .text = "Not yet referred"},
	{.value = "not_needed", .text = "Not needed"},
};

static void text_field(struct html *h, struct request *req, const char *name, const char *label,
		       const char *hint, const struct field_errors *errs)
{
	gds_textarea(h, &(struct gds_textarea){.name = name,
					       .label = label,
					       .label_size = GDS_SIZE_S,
					       .hint = hint,
					       .value = req_form(req, name),
					       .rows = 3,
					       .errors = errs});
}

static void meeting_fields(struct html *h, struct request *req, const struct review *r,
			   const struct child *c, const struct field_errors *errs)
{
	struct arena *a = req_arena(req);
	form_date_input(h, req, "meeting", "Date of the meeting", NULL, errs);
	text_field(h, req, "attendees", "Who came", "Names and roles, one to a line", errs);
	text_field(h, req, "child_views", "The child's or young person's views", NULL, errs);
	text_field(h, req, "family_views", "The family's views", NULL, errs);
	struct plan_doc d;
	if (plan_latest(req_db(req), r->child_id, &d) == 0) {
		html_raw(h, "<h3 class=\"govuk-heading-m\">Progress on each outcome</h3>");
		size_t i;
		json_t *o;
		json_array_foreach(json_object_get(d.plan, "outcomes"), i, o)
		{
			const char *name = arena_printf(a, "progress-%zu", i + 1);
			gds_radios(h, &(struct gds_choices){.name = name,
							    .legend = json_string_value(
								    json_object_get(o, "text")),
							    .legend_size = GDS_SIZE_S,
							    .items = ratings,
							    .n_items = 3,
							    .value = req_form(req, name),
							    .is_inline = 1,
							    .small = 1,
							    .errors = errs});
			text_field(h, req, arena_printf(a, "progress-%zu-note", i + 1),
				   "What shows it", NULL, errs);
		}
		json_decref(d.plan);
	}
	html_raw(h, "<h3 class=\"govuk-heading-m\">Changes proposed</h3>");
	for (size_t k = 0; k < 4; k++)
		text_field(h, req, arena_printf(a, "change-%s", change_sections[k]),
			   arena_printf(a, "Section %s", change_sections[k]),
			   "Leave blank if no change", errs);
	struct date today = date_today();
	if (review_year_group(c->date_of_birth, today) >= 9) {
		html_raw(h, "<h3 class=\"govuk-heading-m\">Preparing for adulthood</h3>");
		for (size_t k = 0; k < 4; k++)
			text_field(h, req, arena_printf(a, "pfa-%s", pfa[k].key), pfa[k].label,
				   NULL, errs);
	}
	if (review_year_group(c->date_of_birth, today) >= 11)
		gds_input(h,
			  &(struct gds_input){
				  .name = "destination",
				  .label = "Destination planned or taken up",
				  .label_size = GDS_SIZE_S,
				  .hint = "For example, a supported internship, an apprenticeship, "
					  "college, employment",
				  .value = req_form(req, "destination"),
				  .errors = errs});
	if (date_age(c->date_of_birth, today) >= 17)
		gds_radios(h, &(struct gds_choices){.name = "adult_services",
						    .legend = "Adult services",
						    .legend_size = GDS_SIZE_S,
						    .items = adult_services,
						    .n_items = 3,
						    .value = req_form(req, "adult_services"),
						    .errors = errs});
}

void review_step_form(struct html *h, struct request *req, const struct review *r,
		      const struct child *c, enum review_step step, const struct field_errors *errs)
{
	static const char *const slugs[] = {[STEP_INVITATIONS] = "invitations",
					    [STEP_MEETING] = "meeting",
					    [STEP_REPORT] = "report",
					    [STEP_DECISION] = "decision",
					    [STEP_AMENDMENTS] = "amendments"};
	if (step > STEP_AMENDMENTS)
		return;
	struct arena *a = req_arena(req);
	const struct user *u = auth_user(req);
	html_raw(h, "<h2 class=\"govuk-heading-m\">");
	html_text(h, review_step_label(step));
	html_raw(h, "</h2>");
	gds_form_start(h, arena_printf(a, "/reviews/%s/%s", r->id, slugs[step]));
	gds_hidden(h, "csrf", u->csrf);
	switch (step) {
	case STEP_INVITATIONS:
		form_date_input(h, req, "invitations", "Date the invitations and advice were sent",
				"At least 2 weeks before the meeting", errs);
		break;
	case STEP_MEETING: meeting_fields(h, req, r, c, errs); break;
	case STEP_REPORT:
		form_date_input(h, req, "report", "Date the report reached the council",
				"Within 2 weeks of the meeting", errs);
		break;
	case STEP_DECISION: {
		static const struct gds_choice decisions[] = {
			{.value = "maintain", .text = "Maintain the plan as it is"},
			{.value = "amend", .text = "Amend the plan"},
			{.value = "cease", .text = "Cease the plan"},
		};
		gds_radios(h, &(struct gds_choices){.name = "decision",
						    .legend = "The decision",
						    .legend_size = GDS_SIZE_S,
						    .items = decisions,
						    .n_items = 3,
						    .value = req_form(req, "decision"),
						    .errors = errs});
		form_date_input(h, req, "decided", "Date of the decision",
				"Within 4 weeks of the meeting; the notice gives the family their "
				"rights of appeal",
				errs);
		text_field(h, req, "reasons", "Reasons", NULL, errs);
		static const struct gds_choice channels[] = {
			{.value = "portal", .text = "On the family's page here"},
			{.value = "email", .text = "By email"},
			{.value = "post", .text = "By post"}};
		gds_radios(h, &(struct gds_choices){
				      .name = "notice_channel",
				      .legend = "How the notice was sent",
				      .legend_size = GDS_SIZE_S,
				      .hint = "The notice tells the family of the decision and "
					      "of their right to appeal within 2 months",
				      .items = channels,
				      .n_items = 3,
				      .value = req_form(req, "notice_channel"),
				      .errors = errs});
		struct gds_option reasons[10] = {{.value = "", .text = "Not ceasing"}};
		for (int k = 1; k <= 9; k++) {
			char code[2] = {(char)('0' + k), '\0'};
			reasons[k] = (struct gds_option){.value = arena_strdup(a, code),
							 .text = review_cease_reason(code)};
		}
		gds_select(h, &(struct gds_select){.name = "cease_reason",
						   .label = "If ceasing: the reason",
						   .label_size = GDS_SIZE_S,
						   .items = reasons,
						   .n_items = 10,
						   .value = req_form(req, "cease_reason"),
						   .errors = errs});
		form_date_input(h, req, "reason", "If ceasing: the date the reason rests on",
				"For example, the day paid employment began", errs);
		break;
	}
	case STEP_AMENDMENTS:
		form_date_input(h, req, "amendments", "Date the proposed amendments were sent",
				"The family then has 15 days to comment; the amended plan follows "
				"within 8 weeks",
				errs);
		break;
	default: break;
	}
	gds_button(h, &(struct gds_button){.text = "Save", .prevent_double_click = 1});
	gds_form_end(h);
}

/* ---- recording ---- */

static struct date as_date(const char *iso)
{
	struct date d = {0, 0, 0};
	if (iso && *iso)
		date_parse(iso, &d);
	return d;
}

static json_t *meeting_record(struct request *req, const char *child)
{
	struct arena *a = req_arena(req);
	json_t *rec = json_object();
	static const char *const text[] = {"attendees", "child_views", "family_views",
					   "destination", "adult_services"};
	for (size_t i = 0; i < 5; i++) {
		const char *v = req_form(req, text[i]);
		if (v && *v)
			json_object_set_new(rec, text[i], json_string(v));
	}
	json_t *progress = json_array();
	struct plan_doc d;
	if (plan_latest(req_db(req), child, &d) == 0) {
		size_t i;
		json_t *o;
		json_array_foreach(json_object_get(d.plan, "outcomes"), i, o)
		{
			const char *rating = req_form(req, arena_printf(a, "progress-%zu", i + 1));
			const char *note =
				req_form(req, arena_printf(a, "progress-%zu-note", i + 1));
			json_array_append_new(progress,
					      json_pack("{s:s?, s:s, s:s}", "outcome",
							json_string_value(json_object_get(o, "id")),
							"rating", rating ? rating : "", "note",
							note ? note : ""));
		}
		json_decref(d.plan);
	}
	json_object_set_new(rec, "progress", progress);
	json_t *changes = json_object();
	for (size_t k = 0; k < 4; k++) {
		const char *v = req_form(req, arena_printf(a, "change-%s", change_sections[k]));
		if (v && *v)
			json_object_set_new(changes, change_sections[k], json_string(v));
	}
	json_object_set_new(rec, "changes", changes);
	json_t *p = json_object();
	for (size_t k = 0; k < 4; k++) {
		const char *v = req_form(req, arena_printf(a, "pfa-%s", pfa[k].key));
		if (v && *v)
			json_object_set_new(p, pfa[k].key, json_string(v));
	}
	json_object_set_new(rec, "pfa", p);
	return rec;
}

int review_step_post(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	int rc = auth_require(req, 0);
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	const char *id = req_param(req, "id"), *step = req_param(req, "step");
	struct review r;
	if ((rc = review_get(db, id, a, &r)) != 0 || (rc = access_child(req, r.child_id)) != 0)
		return rc;
	int officer = ROLE_BIT(u->role) & REVIEW_OFFICERS ? 1 : 0;
	int setting_step = strcmp(step, "invitations") == 0 || strcmp(step, "meeting") == 0 ||
			   strcmp(step, "report") == 0;
	if (!officer && !(u->role == ROLE_SENCO && setting_step))
		return ERR_DENIED;
	struct field_errors errs = {0};
	char iso[DATE_ISO_LEN + 1];
	if (strcmp(step, "invitations") == 0) {
		if (form_date(req, "invitations", iso, &errs, 0) == 0)
			rc = review_invitations(db, id, as_date(iso), u->id, &errs);
	} else if (strcmp(step, "meeting") == 0) {
		json_t *rec = meeting_record(req, r.child_id);
		if (form_date(req, "meeting", iso, &errs, 0) == 0)
			rc = review_meeting(db, id, as_date(iso), rec, u->id, a, &errs);
		json_decref(rec);
	} else if (strcmp(step, "report") == 0) {
		if (form_date(req, "report", iso, &errs, 0) == 0)
			rc = review_report(db, id, as_date(iso), u->id, &errs);
	} else if (strcmp(step, "decision") == 0) {
		char reason_on[DATE_ISO_LEN + 1];
		form_date(req, "decided", iso, &errs, 0);
		form_date(req, "reason", reason_on, &errs, FORM_DATE_OPTIONAL);
		const char *cr = req_form(req, "cease_reason");
		struct review_decision d = {.decision = req_form(req, "decision"),
					    .on = as_date(iso),
					    .reasons = req_form(req, "reasons"),
					    .channel = req_form(req, "notice_channel"),
					    .cease_reason = cr && *cr ? cr : NULL,
					    .cease_reason_on = as_date(reason_on)};
		if (!errs.n)
			rc = review_decide(db, id, &d, u->id, &errs);
	} else if (strcmp(step, "amendments") == 0) {
		if (form_date(req, "amendments", iso, &errs, 0) == 0)
			rc = review_amendments(db, id, as_date(iso), u->id, &errs);
	} else {
		return ERR_NOTFOUND;
	}
	if (errs.n)
		return review_page(req, 422, id, &errs);
	if (rc == ERR_CONFLICT)
		return resp_error(req, 409);
	if (rc)
		return rc;
	return resp_redirect(req, arena_printf(a, "/reviews/%s", id));
}
