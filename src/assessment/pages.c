/*
 * pages.c: a child's EHC needs assessment on the web: the family and the professionals
 * see the stage, the allocated officer and how to reach them, the next decision and its
 * legal latest date, and the whole path to the final plan with every date; the family
 * (or a setting, or the council on their behalf) makes the request; council staff record
 * each step, which is refused when the case's stage does not allow it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/access.h"
#include "assessment/case.h"
#include "people/page.h"
#include "people/people.h"
#include "platform/err.h"
#include "platform/form.h"
#include "platform/gds.h"

#define LA_STAFF (ROLE_BIT(ROLE_CASEWORKER) | ROLE_BIT(ROLE_LA_MANAGER))

static const char *state_label(const char *s)
{
	static const struct {
		const char *state, *label;
	} labels[] = {
		{"requested", "Waiting for the decision whether to assess"},
		{"assessing", "Being assessed"},
		{"draft", "Draft plan sent"},
		{"plan", "Final plan issued"},
		{"not_assessing", "The council decided not to assess"},
		{"not_issuing", "The council decided not to issue a plan"},
		{"withdrawn", "Request withdrawn"},
	};
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(labels[i].state, s) == 0)
			return labels[i].label;
	return s;
}

static const char *long_date(struct arena *a, const char *iso)
{
	struct date d;
	char *out = arena_alloc(a, DATE_LONG_MAX);
	if (!out || !iso || date_parse(iso, &d) != 0)
		return "";
	date_long(d, out, DATE_LONG_MAX);
	return out;
}

static int send_page(struct request *req, int status, struct html *h)
{
	gds_page_end(h);
	int rc = html_error(h);
	if (rc) {
		html_release(h);
		return rc;
	}
	return resp_html(req, status, h);
}

static void step_form(struct html *h, struct request *req, const struct user *u,
		      const struct assessment_case *c, const struct field_errors *errs)
{
	const char *allowed[16];
	size_t n = assessment_allowed(c->state, allowed, 16);
	if (!n)
		return;
	struct gds_option opts[17];
	opts[0] = (struct gds_option){.value = "", .text = "Choose the step"};
	for (size_t i = 0; i < n; i++)
		opts[i + 1] = (struct gds_option){.value = allowed[i],
						  .text = assessment_event_label(allowed[i])};
	gds_heading(h, &(struct gds_heading){.text = "Record the next step", .level = 2});
	gds_form_start(h,
		       arena_printf(req_arena(req), "/children/%s/assessment/steps", c->child_id));
	gds_hidden(h, "csrf", u->csrf);
	gds_select(h, &(struct gds_select){.name = "type",
					   .label = "Step",
					   .items = opts,
					   .n_items = n + 1,
					   .value = req_form(req, "type"),
					   .errors = errs});
	gds_date_input(h, &(struct gds_date_input){.name = "date",
						   .legend = "Date it happened",
						   .legend_size = GDS_SIZE_S,
						   .hint = "For example, 27 3 2026",
						   .day = req_form(req, "date-day"),
						   .month = req_form(req, "date-month"),
						   .year = req_form(req, "date-year"),
						   .errors = errs});
	gds_input(h, &(struct gds_input){.name = "item",
					 .label = "Who the advice or consultation is for",
					 .hint = "For advice and consultations only: for example, "
						 "educational psychologist, or the setting's name",
					 .value = req_form(req, "item"),
					 .errors = errs});
	gds_input(h, &(struct gds_input){
			     .name = "advisor",
			     .label = "Email address of the professional asked for advice",
			     .hint = "For advice asked of someone with an account here: they "
				     "can then read the record and write their advice",
			     .type = "email",
			     .spellcheck = -1,
			     .value = req_form(req, "advisor"),
			     .errors = errs});
	gds_textarea(h, &(struct gds_textarea){.name = "reasons",
					       .label = "Reasons for the decision",
					       .hint = "For decisions: the family will read these",
					       .value = req_form(req, "reasons"),
					       .errors = errs});
	gds_input(h, &(struct gds_input){.name = "recipient",
					 .label = "Who the notice goes to",
					 .hint = "For decisions and plans",
					 .value = req_form(req, "recipient"),
					 .errors = errs});
	static const struct gds_choice channels[] = {{.value = "portal", .text = "This service"},
						     {.value = "email", .text = "Email"},
						     {.value = "post", .text = "Post"}};
	gds_radios(h, &(struct gds_choices){.name = "channel",
					    .legend = "How the notice is sent",
					    .legend_size = GDS_SIZE_S,
					    .items = channels,
					    .n_items = 3,
					    .value = req_form(req, "channel"),
					    .is_inline = 1,
					    .errors = errs});
	gds_button(h, &(struct gds_button){.text = "Record step", .prevent_double_click = 1});
	gds_form_end(h);
}

static const struct gds_choice plan_sections[] = {
	{.value = "B", .text = "B: special educational needs"},
	{.value = "C", .text = "C: health needs related to the SEN"},
	{.value = "D", .text = "D: social care needs"},
	{.value = "E", .text = "E: outcomes"},
	{.value = "F", .text = "F: special educational provision"},
	{.value = "G", .text = "G: health provision"},
	{.value = "H1", .text = "H1: social care provision (section 2 CSDPA 1970)"},
	{.value = "H2", .text = "H2: other social care provision"},
};
#define N_SECTIONS (sizeof(plan_sections) / sizeof(plan_sections[0]))

/* advice_list: the advice given so far, with the plan sections each informs */
static void advice_list(struct html *h, struct arena *a, struct db *db, const char *case_id)
{
	struct db_stmt *st = NULL;
	if (db_prepare(db,
		       "SELECT v.item, v.sections, v.body, v.given_on, u.name FROM advice v"
		       " LEFT JOIN user_account u ON u.id = v.author_id WHERE v.case_id = $1"
		       " ORDER BY v.given_on, v.created_at",
		       &st) != 0)
		return;
	int first = 1;
	if (db_bind_text(st, 1, case_id) == 0)
		while (db_step(st) == DB_ROW) {
			if (first) {
				gds_heading(h, &(struct gds_heading){.text = "Advice", .level = 2});
				first = 0;
			}
			struct gds_summary_row rows[3] = {
				{.key = "Given on", .value = long_date(a, db_column_text(st, 3))},
				{.key = "For plan sections",
				 .value = arena_strdup(a, db_column_text(st, 1))},
				{.key = "Advice", .value = arena_strdup(a, db_column_text(st, 2))},
			};
			const char *by = db_column_is_null(st, 4) ? "" : db_column_text(st, 4);
			gds_summary_list(h, &(struct gds_summary_list){
						    .rows = rows,
						    .n_rows = 3,
						    .card_title = arena_printf(
							    a, "%s%s%s", db_column_text(st, 0),
							    *by ? ": " : "", by)});
		}
	db_reset(st);
}

/* exception_list: the periods recorded when the time limits do not bind, each with the
 * rules' words for its reason */
static void exception_list(struct html *h, struct arena *a, struct db *db,
			   const struct assessment_case *c)
{
	struct db_stmt *st = NULL;
	if (db_prepare(db,
		       "SELECT starts_on, ends_on, reason FROM case_exception WHERE case_id = $1"
		       " ORDER BY starts_on",
		       &st) != 0)
		return;
	json_t *reasons = json_object_get(
		json_object_get(assessment_rules.families, c->rule_family), "exception_reasons");
	int first = 1;
	if (db_bind_text(st, 1, c->id) == 0)
		while (db_step(st) == DB_ROW) {
			if (first) {
				gds_heading(h, &(struct gds_heading){
						       .text = "When the time limits do not apply",
						       .level = 2});
				html_raw(h, "<ul class=\"govuk-list govuk-list--bullet\">");
				first = 0;
			}
			const char *code = db_column_text(st, 2), *text = code;
			size_t i;
			json_t *r;
			json_array_foreach(reasons, i, r)
			{
				const char *k = json_string_value(json_object_get(r, "code"));
				if (k && code && strcmp(k, code) == 0)
					text = json_string_value(json_object_get(r, "text"));
			}
			html_raw(h, "<li>");
			html_text(h, arena_printf(a, "From %s to %s: %s",
						  long_date(a, db_column_text(st, 0)),
						  long_date(a, db_column_text(st, 1)),
						  text ? text : ""));
			html_raw(h, "</li>");
		}
	if (!first)
		html_raw(h, "</ul>");
	db_reset(st);
}

/* the form for a period the statutory limits do not bind (regulation 10(4) and others) */
static void exception_form(struct html *h, struct request *req, const struct user *u,
			   const struct assessment_case *c, const struct field_errors *errs)
{
	struct arena *a = req_arena(req);
	json_t *reasons = json_object_get(
		json_object_get(assessment_rules.families, c->rule_family), "exception_reasons");
	size_t n = json_array_size(reasons);
	struct gds_choice *items = arena_alloc(a, sizeof(*items) * (n + 1));
	if (!items)
		return;
	for (size_t i = 0; i < n; i++) {
		json_t *r = json_array_get(reasons, i);
		items[i] =
			(struct gds_choice){.value = json_string_value(json_object_get(r, "code")),
					    .text = json_string_value(json_object_get(r, "text")),
					    .hint = json_string_value(json_object_get(r, "law"))};
	}
	gds_heading(h, &(struct gds_heading){.text = "Record an exception", .level = 2});
	gds_p(h, "A period when the time limits do not bind, for one of the reasons the "
		 "regulations allow. It is shown to the family and counted apart in reports.");
	gds_form_start(h, arena_printf(a, "/children/%s/assessment/exceptions", c->child_id));
	gds_hidden(h, "csrf", u->csrf);
	gds_date_input(h, &(struct gds_date_input){.name = "from",
						   .legend = "From",
						   .legend_size = GDS_SIZE_S,
						   .day = req_form(req, "from-day"),
						   .month = req_form(req, "from-month"),
						   .year = req_form(req, "from-year"),
						   .errors = errs});
	gds_date_input(h, &(struct gds_date_input){.name = "to",
						   .legend = "To",
						   .legend_size = GDS_SIZE_S,
						   .day = req_form(req, "to-day"),
						   .month = req_form(req, "to-month"),
						   .year = req_form(req, "to-year"),
						   .errors = errs});
	gds_radios(h, &(struct gds_choices){.name = "reason",
					    .legend = "Reason",
					    .legend_size = GDS_SIZE_S,
					    .items = items,
					    .n_items = n,
					    .value = req_form(req, "reason"),
					    .errors = errs});
	gds_button(h, &(struct gds_button){.text = "Record exception",
					   .kind = GDS_BUTTON_SECONDARY,
					   .prevent_double_click = 1});
	gds_form_end(h);
}

static int case_page(struct request *req, int status, const char *child_id,
		     const struct field_errors *errs)
{
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	char case_id[ID_LEN + 1];
	int rc = case_for_child(db, child_id, case_id, sizeof(case_id));
	if (rc && rc != ERR_NOTFOUND)
		return rc;
	int has_case = rc == 0;
	struct assessment_case c;
	json_t *clock = NULL;
	if (has_case) {
		if ((rc = case_get(db, case_id, &c)) != 0)
			return rc;
		json_t *hist = case_history(db, &c);
		struct field_errors cerrs = {0};
		clock = clock_compute(&assessment_rules, hist, date_today(), a, &cerrs);
		json_decref(hist);
	}
	struct html h;
	html_init(&h);
	/* the signed-in navigation, as on the child's record */
	people_page_start(&h, u, "EHC needs assessment", errs, NULL);
	gds_back_link(&h, arena_printf(a, "/children/%s", child_id), "Back to the record");
	gds_heading(&h, &(struct gds_heading){.text = "Education, health and care needs "
						      "assessment"});
	if (!has_case) {
		gds_p(&h, "No one has asked for an assessment yet.");
		if (u->role != ROLE_PROFESSIONAL) {
			gds_form_start(&h, arena_printf(a, "/children/%s/assessment", child_id));
			gds_hidden(&h, "csrf", u->csrf);
			gds_date_input(
				&h, &(struct gds_date_input){
					    .name = "date",
					    .legend = "Date of the request",
					    .legend_size = GDS_SIZE_S,
					    .hint = "The day the council received it. For example, "
						    "27 3 2026",
					    .day = req_form(req, "date-day"),
					    .month = req_form(req, "date-month"),
					    .year = req_form(req, "date-year"),
					    .errors = errs});
			gds_button(&h, &(struct gds_button){.text = "Ask for an assessment",
							    .prevent_double_click = 1});
			gds_form_end(&h);
		}
		json_decref(clock);
		return send_page(req, status, &h);
	}
	const char *next_name = c.next_step;
	size_t i;
	json_t *d;
	json_array_foreach(json_object_get(clock, "deadlines"), i, d)
	{
		const char *s = json_string_value(json_object_get(d, "step"));
		if (s && strcmp(s, c.next_step) == 0)
			next_name = json_string_value(json_object_get(d, "name"));
	}
	struct gds_summary_row rows[5] = {
		{.key = "Stage", .value = state_label(c.state)},
		{.key = "Your officer",
		 .value = c.officer_name[0]
				  ? arena_printf(a, "%s (%s)", c.officer_name, c.officer_email)
				  : "Not allocated yet: the council's SEND team will tell you"},
		{.key = "Asked for on", .value = long_date(a, c.requested_on)},
		{.key = "Next decision", .value = c.next_step[0] ? next_name : "None due"},
		{.key = "Legal latest date",
		 .value = c.next_due[0] ? long_date(a, c.next_due) : "None"},
	};
	gds_summary_list(&h, &(struct gds_summary_list){.rows = rows, .n_rows = 5});

	size_t nd = json_array_size(json_object_get(clock, "deadlines"));
	struct gds_table_cell *cells = arena_alloc(a, sizeof(*cells) * 4 * (nd + 1));
	size_t n = 0;
	json_array_foreach(json_object_get(clock, "deadlines"), i, d)
	{
		if (!cells)
			break;
		const char *state = json_string_value(json_object_get(d, "status"));
		const char *item = json_string_value(json_object_get(d, "item"));
		const char *name = json_string_value(json_object_get(d, "name"));
		cells[n * 4] = (struct gds_table_cell){
			.text = item ? arena_printf(a, "%s: %s", name, item) : name};
		cells[n * 4 + 1] = (struct gds_table_cell){
			.text = long_date(a, json_string_value(json_object_get(d, "due")))};
		cells[n * 4 + 2] = (struct gds_table_cell){
			.text = long_date(a, json_string_value(json_object_get(d, "done")))};
		cells[n * 4 + 3] = (struct gds_table_cell){
			.text = strcmp(state, "met") == 0         ? "Done on time"
				: strcmp(state, "late") == 0      ? "Done late"
				: strcmp(state, "overdue") == 0   ? "Overdue"
				: strcmp(state, "cut_short") == 0 ? "Cut short"
				: strcmp(state, "ended") == 0     ? "Ended"
								  : "Not yet due"};
		n++;
	}
	static const struct gds_table_cell head[] = {{.text = "Step"},
						     {.text = "Legal latest date"},
						     {.text = "Done on"},
						     {.text = "Status"}};
	gds_table(&h, &(struct gds_table){.caption = "The path to a final plan",
					  .caption_size = GDS_SIZE_M,
					  .head = head,
					  .cells = cells,
					  .n_cols = 4,
					  .n_rows = n,
					  .scroll_label = "The path to a final plan"});

	struct db_stmt *st = NULL;
	if (db_prepare(db,
		       "SELECT e.type, e.happened_on, e.item, e.reasons, n.recipient, n.channel,"
		       " n.served_on FROM case_event e LEFT JOIN notice n ON n.case_id ="
		       " e.case_id AND n.event_seq = e.seq WHERE e.case_id = $1 ORDER BY e.seq",
		       &st) == 0) {
		gds_heading(&h, &(struct gds_heading){.text = "What has happened", .level = 2});
		html_raw(&h, "<ol class=\"govuk-list govuk-list--number\">");
		if (db_bind_text(st, 1, c.id) == 0)
			while (db_step(st) == DB_ROW) {
				html_raw(&h, "<li>");
				html_text(&h, long_date(a, db_column_text(st, 1)));
				html_raw(&h, ": ");
				html_text(&h, assessment_event_label(db_column_text(st, 0)));
				if (!db_column_is_null(st, 2)) {
					html_raw(&h, " (");
					html_text(&h, db_column_text(st, 2));
					html_raw(&h, ")");
				}
				/* reasons that end in a full stop are not given a second */
				int stopped = 0;
				if (!db_column_is_null(st, 3)) {
					const char *r = db_column_text(st, 3);
					size_t rl = strlen(r);
					html_raw(&h, ". Reasons: ");
					html_text(&h, r);
					stopped = rl && r[rl - 1] == '.';
				}
				if (!db_column_is_null(st, 4)) {
					if (stopped)
						html_raw(&h, " Notice to ");
					else
						html_raw(&h, ". Notice to ");
					html_text(&h, db_column_text(st, 4));
					html_raw(&h, " by ");
					html_text(&h, db_column_text(st, 5));
					html_raw(&h, ", served on ");
					html_text(&h, long_date(a, db_column_text(st, 6)));
				}
				html_raw(&h, "</li>");
			}
		html_raw(&h, "</ol>");
		db_reset(st);
	}
	exception_list(&h, a, db, &c);
	advice_list(&h, a, db, c.id);
	if (assessment_next_state(c.state, "advice_received") &&
	    (ROLE_BIT(u->role) & (LA_STAFF | ROLE_BIT(ROLE_PROFESSIONAL) | ROLE_BIT(ROLE_SENCO)))) {
		html_raw(&h, "<p class=\"govuk-body\">");
		gds_link(&h, arena_printf(a, "/children/%s/assessment/advice", child_id),
			 "Give advice for this assessment");
		html_raw(&h, "</p>");
	}
	if ((ROLE_BIT(u->role) & LA_STAFF) && strcmp(u->la_code, c.la_code) == 0) {
		step_form(&h, req, u, &c, errs);
		exception_form(&h, req, u, &c, errs);
	}
	json_decref(clock);
	return send_page(req, status, &h);
}

static int assessment_page(struct request *req)
{
	const char *id = req_param(req, "id");
	int rc = access_child(req, id);
	if (rc)
		return rc;
	if ((rc = audit_record(req, "read", "assessment", id)) != 0)
		return rc;
	/* the family opening the case is the evidence that its portal notices were read */
	const struct user *u = auth_user(req);
	if (u->role == ROLE_PARENT || u->role == ROLE_YOUNG_PERSON) {
		char case_id[ID_LEN + 1];
		if (case_for_child(req_db(req), id, case_id, sizeof(case_id)) == 0 &&
		    (rc = case_notices_read(req_db(req), case_id)) != 0)
			return rc;
	}
	return case_page(req, 200, id, NULL);
}

static int read_date(struct request *req, const char *name, char *iso, struct field_errors *errs,
		     struct arena *a)
{
	(void)a;
	return form_date(req, name, iso, errs, 0);
}

static int read_any_date(struct request *req, const char *name, char *iso,
			 struct field_errors *errs, struct arena *a)
{
	(void)a;
	return form_date(req, name, iso, errs, FORM_DATE_FUTURE_OK);
}

static int assessment_request(struct request *req)
{
	const char *id = req_param(req, "id");
	int rc = access_child(req, id);
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	if (u->role == ROLE_PROFESSIONAL)
		return ERR_DENIED;
	if (req_form_bad(req))
		return ERR_INVALID;
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	char existing[ID_LEN + 1];
	if (case_for_child(db, id, existing, sizeof(existing)) == 0)
		return resp_redirect(req, arena_printf(a, "/children/%s/assessment", id));
	struct field_errors errs = {0};
	char iso[DATE_ISO_LEN + 1];
	if (read_date(req, "date", iso, &errs, a) != 0)
		return case_page(req, 422, id, &errs);
	if (!case_rules_cover(iso, a)) {
		field_error_add(&errs, "date-day", "/date",
				"The date must be on or after 1 September 2014, when the SEND "
				"Regulations 2014 began");
		return case_page(req, 422, id, &errs);
	}
	struct assessment_case c;
	if ((rc = case_request(db, id, iso, u, req_id(req), a, &c)) != 0)
		return rc;
	return resp_redirect(req, arena_printf(a, "/children/%s/assessment", id));
}

static int assessment_step(struct request *req)
{
	const char *id = req_param(req, "id");
	int rc = access_child(req, id);
	if (rc)
		return rc;
	if ((rc = auth_require(req, LA_STAFF)) != 0)
		return rc;
	if (req_form_bad(req))
		return ERR_INVALID;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	struct assessment_case c;
	if ((rc = case_of_child(db, id, &c)) != 0)
		return rc;
	struct field_errors errs = {0};
	struct case_step s = {.type = req_form(req, "type"),
			      .item = req_form(req, "item"),
			      .reasons = req_form(req, "reasons"),
			      .recipient = req_form(req, "recipient"),
			      .channel = req_form(req, "channel")};
	char iso[DATE_ISO_LEN + 1];
	if (read_date(req, "date", iso, &errs, a) == 0)
		s.date = iso;
	case_step_check(c.state, &s, &errs);
	char advisor[ID_LEN + 1];
	const char *email = req_form(req, "advisor");
	if (s.type && strcmp(s.type, "advice_requested") == 0 && email && *email) {
		struct user pro;
		if (user_find_by_email(db, email, advisor, sizeof(advisor)) != 0 ||
		    user_get(db, advisor, &pro, NULL) != 0 || pro.role != ROLE_PROFESSIONAL)
			field_error_add(&errs, "advisor", "/advisor",
					"Enter the email address of a health, care or educational "
					"psychology professional with an account");
		else
			s.advisor_id = advisor;
	}
	if (errs.n)
		return case_page(req, 422, id, &errs);
	struct audit_entry why = {.actor_id = u->id,
				  .actor_role = role_name(u->role),
				  .action = s.type,
				  .record_type = "child",
				  .request_id = req_id(req)};
	rc = case_record(db, &c, &s, &errs, &why, a);
	if (rc == ERR_INVALID)
		return case_page(req, 422, id, &errs);
	if (rc)
		return rc;
	return resp_redirect(req, arena_printf(a, "/children/%s/assessment", id));
}

static int assessment_exception(struct request *req)
{
	const char *id = req_param(req, "id");
	int rc = access_child(req, id);
	if (rc)
		return rc;
	if ((rc = auth_require(req, LA_STAFF)) != 0)
		return rc;
	if (req_form_bad(req))
		return ERR_INVALID;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	struct assessment_case c;
	if ((rc = case_of_child(db, id, &c)) != 0)
		return rc;
	struct field_errors errs = {0};
	char from[DATE_ISO_LEN + 1], to[DATE_ISO_LEN + 1];
	int ok_from = read_date(req, "from", from, &errs, a) == 0;
	int ok_to = read_any_date(req, "to", to, &errs, a) == 0;
	const char *reason = req_form(req, "reason");
	if (ok_from && ok_to)
		case_exception_check(&c, from, to, reason, &errs);
	else if (!reason)
		field_error_add(&errs, "reason", "/reason", "Choose the reason for the exception");
	if (errs.n)
		return case_page(req, 422, id, &errs);
	struct audit_entry why = {.actor_id = u->id,
				  .actor_role = role_name(u->role),
				  .action = "exception",
				  .record_type = "child",
				  .request_id = req_id(req)};
	if ((rc = case_add_exception(db, &c, from, to, reason, &why, a)) != 0)
		return rc;
	return resp_redirect(req, arena_printf(a, "/children/%s/assessment", id));
}

static int advice_page(struct request *req, int status, const char *id,
		       const struct field_errors *errs)
{
	const struct user *u = auth_user(req);
	struct arena *a = req_arena(req);
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "Give advice for the assessment",
					      .errors = errs,
					      .sign_out_csrf = u->csrf});
	gds_back_link(&h, arena_printf(a, "/children/%s/assessment", id), "Back to the assessment");
	gds_heading(&h, &(struct gds_heading){.text = "Give advice for the assessment"});
	gds_form_start(&h, arena_printf(a, "/children/%s/assessment/advice", id));
	gds_hidden(&h, "csrf", u->csrf);
	gds_input(&h,
		  &(struct gds_input){.name = "item",
				      .label = "Whose advice this is",
				      .hint = "As the request for advice named it: for example, "
					      "educational psychologist",
				      .value = req_form(req, "item"),
				      .errors = errs});
	const char *ticked[N_SECTIONS];
	size_t nt = 0;
	for (size_t i = 0; i < N_SECTIONS; i++)
		if (req_form_has(req, "sections", plan_sections[i].value))
			ticked[nt++] = plan_sections[i].value;
	gds_checkboxes(&h, &(struct gds_choices){.name = "sections",
						 .legend = "Which parts of the plan it informs",
						 .legend_size = GDS_SIZE_S,
						 .hint = "Select all that apply",
						 .items = plan_sections,
						 .n_items = N_SECTIONS,
						 .values = ticked,
						 .n_values = nt,
						 .errors = errs});
	gds_textarea(&h, &(struct gds_textarea){.name = "advice",
						.label = "Your advice",
						.rows = 12,
						.value = req_form(req, "advice"),
						.errors = errs});
	gds_button(&h, &(struct gds_button){.text = "Send advice", .prevent_double_click = 1});
	gds_form_end(&h);
	return send_page(req, status, &h);
}

#define ADVISERS (LA_STAFF | ROLE_BIT(ROLE_PROFESSIONAL) | ROLE_BIT(ROLE_SENCO))

static int advice_form(struct request *req)
{
	const char *id = req_param(req, "id");
	int rc = access_child(req, id);
	if (rc)
		return rc;
	if ((rc = auth_require(req, ADVISERS)) != 0)
		return rc;
	return advice_page(req, 200, id, NULL);
}

static int advice_submit(struct request *req)
{
	const char *id = req_param(req, "id");
	int rc = access_child(req, id);
	if (rc)
		return rc;
	if ((rc = auth_require(req, ADVISERS)) != 0)
		return rc;
	if (req_form_bad(req))
		return ERR_INVALID;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	struct assessment_case c;
	if ((rc = case_of_child(db, id, &c)) != 0)
		return rc;
	struct field_errors errs = {0};
	const char *item = req_form(req, "item");
	const char *text = req_form(req, "advice");
	if (!item || !*item)
		field_error_add(&errs, "item", "/item", "Enter whose advice this is");
	else if (strlen(item) > 200)
		field_error_add(&errs, "item", "/item", "Must be 200 characters or fewer");
	/* the checkboxes arrive as repeated "sections" fields: read them one by one */
	char sections[64] = "";
	for (size_t i = 0; i < N_SECTIONS; i++)
		if (req_form_has(req, "sections", plan_sections[i].value)) {
			size_t len = strlen(sections);
			snprintf(sections + len, sizeof(sections) - len, "%s%s", len ? "," : "",
				 plan_sections[i].value);
		}
	if (!sections[0])
		field_error_add(&errs, "sections", "/sections",
				"Select the parts of the plan your advice informs");
	if (!text || !*text)
		field_error_add(&errs, "advice", "/advice", "Enter your advice");
	else if (strlen(text) > 20000)
		field_error_add(&errs, "advice", "/advice",
				"Advice must be 20,000 characters or fewer");
	if (!assessment_next_state(c.state, "advice_received"))
		field_error_add(&errs, "advice", "/advice",
				"The assessment is not at a stage that takes advice");
	if (errs.n)
		return advice_page(req, 422, id, &errs);
	char today[DATE_ISO_LEN + 1];
	date_iso(date_today(), today);
	struct case_advice adv = {.item = item, .sections = sections, .text = text, .date = today};
	struct audit_entry why = {.actor_id = u->id,
				  .actor_role = role_name(u->role),
				  .action = "advice",
				  .record_type = "child",
				  .request_id = req_id(req)};
	rc = case_add_advice(db, &c, &adv, &errs, &why, a);
	if (rc == ERR_INVALID)
		return advice_page(req, 422, id, &errs);
	if (rc)
		return rc;
	return resp_redirect(req, arena_printf(a, "/children/%s/assessment", id));
}

const struct route assessment_routes[] = {
	{"GET", "/children/{id}/assessment/advice", advice_form},
	{"POST", "/children/{id}/assessment/advice", advice_submit},
	{"POST", "/children/{id}/assessment/exceptions", assessment_exception},
	{"GET", "/children/{id}/assessment", assessment_page},
	{"POST", "/children/{id}/assessment", assessment_request},
	{"POST", "/children/{id}/assessment/steps", assessment_step},
};
const size_t assessment_routes_count = sizeof(assessment_routes) / sizeof(assessment_routes[0]);
