/*
 * section.c: writing one section of a plan: its lines, each with its quality flags and
 * the family's comments, a form to add a line or change one, and removing a line. I and
 * J are one form each. Who may write a section is decided by plan_writable: a contributor
 * who was asked for sections C and G is refused F with a page that says so.
 *
 * Each save runs through plan_edit: the draft is locked, changed and checked in one
 * transaction, so a line linked to a need that is not in this plan, or an outcome that
 * answers no need, is refused whole with the reason beside the field.
 */
#include <stdlib.h>
#include <string.h>

#include "plan/internal.h"
#include "platform/err.h"
#include "platform/gds.h"

#define LINE_MAX_FIELDS 12
#define CHOICES_MAX 200

const struct gds_choice plan_need_areas[4] = {
	{.value = "communication_interaction", .text = "Communication and interaction"},
	{.value = "cognition_learning", .text = "Cognition and learning"},
	{.value = "social_emotional_mental_health", .text = "Social, emotional and mental health"},
	{.value = "sensory_physical", .text = "Sensory and physical"},
};

const struct gds_option plan_budgets[6] = {
	{.value = "", .text = "Not said"},
	{.value = "school", .text = "The school's own budget"},
	{.value = "high_needs", .text = "High needs funding (the LA)"},
	{.value = "nhs", .text = "The NHS"},
	{.value = "social_care", .text = "Social care"},
	{.value = "other", .text = "Other"},
};

const struct gds_choice plan_holders[5] = {
	{.value = "parent", .text = "Direct payments to the parent"},
	{.value = "young_person", .text = "Direct payments to the young person"},
	{.value = "la", .text = "Held by the local authority (a notional budget)"},
	{.value = "setting", .text = "Held by the school or college"},
	{.value = "third_party", .text = "Held by a third party"},
};

static const struct plan_text_field need_fields[] = {
	{"text", "The need", "Describe it specifically: what the child finds hard, and when", 1}};
static const struct plan_text_field outcome_fields[] = {
	{"text", "The outcome",
	 "What the child or young person will be able to do, specific enough to tell when it is "
	 "met",
	 1}};
static const struct plan_text_field provision_fields[] = {
	{"what", "The provision", "What will be done, specifically", 1},
	{"who", "Who delivers it", "Their role and qualification", 0},
	{"frequency", "How often", "For example, once a week in term time (38 weeks a year)", 0},
	{"duration", "For how long", "For example, 45 minutes a session", 0},
	{"group_size", "Group size", "For example, 1:1 or a group of up to 4", 0},
	{"where", "Where", "For example, in class, or in a quiet room", 0},
	{"secured_by", "Who secures it", "The body responsible for making sure it happens", 0},
};
static const struct plan_text_field advice_fields[] = {
	{"from", "Whose advice or information", "For example, Educational psychologist", 0},
	{"summary", "What it said, in brief", NULL, 1},
};
static const struct plan_text_field placement_fields[] = {
	{"name", "The school, college or other setting",
	 "Leave blank to name only the type of setting", 0},
	{"type", "The type of setting", "For example, mainstream primary school", 0},
	{"urn", "Its unique reference number (URN)", NULL, 0},
};
static const struct plan_text_field budget_fields[] = {
	{"arrangements", "How it is arranged", "What it pays for and how it is managed", 1},
};

struct plan_form plan_section_form(enum plan_section s)
{
	switch (s) {
	case PLAN_B:
	case PLAN_C:
	case PLAN_D: return (struct plan_form){need_fields, 1};
	case PLAN_E: return (struct plan_form){outcome_fields, 1};
	case PLAN_F:
	case PLAN_G:
	case PLAN_H1:
	case PLAN_H2: return (struct plan_form){provision_fields, 7};
	case PLAN_K: return (struct plan_form){advice_fields, 2};
	case PLAN_I: return (struct plan_form){placement_fields, 3};
	case PLAN_J: return (struct plan_form){budget_fields, 1};
	default: return (struct plan_form){NULL, 0};
	}
}

int plan_is_provision(enum plan_section s)
{
	return s >= PLAN_F && s <= PLAN_H2;
}

static const char *str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s && *s ? s : NULL;
}

/* choices_of: one checkbox per line of the plan's lists (needs: B, C, D; outcomes: E) */
static size_t choices_of(struct arena *a, json_t *plan, const char *const *lists, size_t nl,
			 struct gds_choice *out)
{
	size_t n = 0;
	for (size_t l = 0; l < nl; l++) {
		size_t i;
		json_t *x;
		json_array_foreach(json_object_get(plan, lists[l]), i, x)
		{
			if (n == CHOICES_MAX || !str(x, "id"))
				continue;
			const char *t = str(x, "text") ? str(x, "text") : "";
			out[n++] = (struct gds_choice){
				.value = str(x, "id"),
				.text = arena_printf(a, "%s: %.120s%s", str(x, "id"), t,
						     strlen(t) > 120 ? "…" : "")};
		}
	}
	return n;
}

/* values_of: the ids a line links to, for ticking its boxes */
static size_t values_of(struct request *req, json_t *line, const char *key,
			const struct gds_choice *items, size_t n, const char **out)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		int on = line ? 0 : req_form_has(req, key, items[i].value);
		size_t j;
		json_t *x;
		json_array_foreach(json_object_get(line, key), j, x)
		{
			const char *v = json_string_value(x);
			on |= v && strcmp(v, items[i].value) == 0;
		}
		if (on)
			out[k++] = items[i].value;
	}
	return k;
}

/* the form: line NULL adds a line; the values shown are the form as sent (after an
 * error) or the line as it is */
static void line_form(struct html *h, struct request *req, const struct plan_ctx *c,
		      enum plan_section s, json_t *line, const struct field_errors *errs)
{
	struct arena *a = req_arena(req);
	json_t *plan = c->doc.plan;
	int sent = errs && errs->n;
	json_t *shown = sent ? NULL : line;
	const char *line_id = line ? str(line, "id") : NULL;
	int whole = !plan_section_info[s].list; /* I and J: the section is the form */
	if (!whole && line)
		html_raw(h, "<h2 class=\"govuk-heading-m\" id=\"line-form\">Change this line</h2>");
	else if (!whole)
		html_raw(h, "<h2 class=\"govuk-heading-m\" id=\"line-form\">Add a line</h2>");
	gds_form_start(h, arena_printf(a, "/children/%s/plan/edit/%s", c->child_id,
				       plan_section_info[s].slug));
	gds_hidden(h, "csrf", c->user->csrf);
	if (line_id)
		gds_hidden(h, "line", line_id);
	if (s == PLAN_B)
		gds_radios(h, &(struct gds_choices){.name = "area",
						    .legend = "Area of need",
						    .legend_size = GDS_SIZE_S,
						    .items = plan_need_areas,
						    .n_items = 4,
						    .value = sent ? req_form(req, "area")
								  : str(shown, "area"),
						    .errors = errs});
	struct plan_form f = plan_section_form(s);
	for (size_t i = 0; i < f.n; i++) {
		const char *value =
			sent ? req_form(req, f.fields[i].key)
			     : str(s == PLAN_I   ? json_object_get(plan, "placement")
				   : s == PLAN_J ? json_object_get(plan, "personal_budget")
						 : shown,
				   f.fields[i].key);
		if (f.fields[i].area)
			gds_textarea(h, &(struct gds_textarea){.name = f.fields[i].key,
							       .label = f.fields[i].label,
							       .label_size = GDS_SIZE_S,
							       .hint = f.fields[i].hint,
							       .value = value,
							       .rows = 4,
							       .errors = errs});
		else
			gds_input(h, &(struct gds_input){.name = f.fields[i].key,
							 .label = f.fields[i].label,
							 .label_size = GDS_SIZE_S,
							 .hint = f.fields[i].hint,
							 .value = value,
							 .errors = errs});
	}
	static const char *const need_lists[] = {"needs", "health_needs", "care_needs"};
	static const char *const outcome_list[] = {"outcomes"};
	struct gds_choice *items = arena_alloc(a, sizeof(*items) * CHOICES_MAX);
	const char **ticked = arena_alloc(a, sizeof(*ticked) * CHOICES_MAX);
	if (!items || !ticked)
		return;
	if (s == PLAN_E || plan_is_provision(s)) {
		size_t n = choices_of(a, plan, need_lists, 3, items);
		if (n)
			gds_checkboxes(h, &(struct gds_choices){
						  .name = "needs",
						  .legend = s == PLAN_E ? "The needs it answers"
									: "The needs it meets",
						  .legend_size = GDS_SIZE_S,
						  .items = items,
						  .n_items = n,
						  .values = ticked,
						  .n_values = values_of(req, shown, "needs", items,
									n, ticked),
						  .small = 1,
						  .errors = errs});
		else
			gds_inset_text(h, "Write the needs (sections B, C and D) first: each line "
					  "here links to the needs it answers.");
	}
	if (plan_is_provision(s)) {
		size_t n = choices_of(a, plan, outcome_list, 1, items);
		if (n)
			gds_checkboxes(h, &(struct gds_choices){
						  .name = "outcomes",
						  .legend = "The outcomes it works towards",
						  .legend_size = GDS_SIZE_S,
						  .items = items,
						  .n_items = n,
						  .values = ticked,
						  .n_values = values_of(req, shown, "outcomes",
									items, n, ticked),
						  .small = 1,
						  .errors = errs});
		gds_select(h, &(struct gds_select){.name = "budget",
						   .label = "Paid for from",
						   .label_size = GDS_SIZE_S,
						   .items = plan_budgets,
						   .n_items = 6,
						   .value = sent ? req_form(req, "budget")
								 : str(shown, "budget"),
						   .errors = errs});
	}
	if (s == PLAN_E || s == PLAN_K) {
		const char *key = s == PLAN_E ? "by" : "date";
		const char *iso = str(shown, key);
		char d[3] = "", m[3] = "", y[5] = "";
		if (iso && strlen(iso) == 10) {
			memcpy(y, iso, 4);
			memcpy(m, iso + 5, 2);
			memcpy(d, iso + 8, 2);
		}
		gds_date_input(
			h,
			&(struct gds_date_input){
				.name = key,
				.legend = s == PLAN_E ? "To be achieved by" : "Date given",
				.legend_size = GDS_SIZE_S,
				.hint = "For example, 17 7 2027",
				.day = sent ? req_form(req, arena_printf(a, "%s-day", key)) : d,
				.month = sent ? req_form(req, arena_printf(a, "%s-month", key)) : m,
				.year = sent ? req_form(req, arena_printf(a, "%s-year", key)) : y,
				.errors = errs});
	}
	if (s == PLAN_E) {
		static const struct gds_choice pfa[] = {
			{.value = "yes",
			 .text = "This outcome prepares for adulthood",
			 .hint = "Employment, independent living, friends and community, or good "
				 "health in adult life"}};
		const char *on[] = {"yes"};
		int ticked_pfa =
			sent ? req_form_has(req, "preparation_for_adulthood", "yes")
			     : json_is_true(json_object_get(shown, "preparation_for_adulthood"));
		gds_checkboxes(h, &(struct gds_choices){.name = "preparation_for_adulthood",
							.items = pfa,
							.n_items = 1,
							.values = on,
							.n_values = ticked_pfa ? 1 : 0,
							.small = 1,
							.errors = errs});
	}
	if (s == PLAN_J) {
		json_t *pb = json_object_get(plan, "personal_budget");
		const char *amount = sent ? req_form(req, "amount") : NULL;
		if (!sent && json_is_integer(json_object_get(pb, "amount_pence"))) {
			json_int_t p = json_integer_value(json_object_get(pb, "amount_pence"));
			amount = arena_printf(a, "%lld.%02lld", (long long)(p / 100),
					      (long long)(p % 100));
		}
		gds_input(h,
			  &(struct gds_input){.name = "amount",
					      .label = "Amount a year",
					      .label_size = GDS_SIZE_S,
					      .hint = "Leave blank if there is no personal budget",
					      .value = amount,
					      .prefix = "£",
					      .inputmode = "decimal",
					      .classes = "govuk-input--width-10",
					      .errors = errs});
		gds_radios(h, &(struct gds_choices){.name = "held_by",
						    .legend = "How it is held",
						    .legend_size = GDS_SIZE_S,
						    .items = plan_holders,
						    .n_items = 5,
						    .value = sent ? req_form(req, "held_by")
								  : str(pb, "held_by"),
						    .errors = errs});
	}
	gds_button(h, &(struct gds_button){.text = "Save", .prevent_double_click = 1});
	gds_form_end(h);
}

/* one line as a summary card: its fields, flags and comments, Change and Remove */
static void line_card(struct html *h, struct request *req, const struct plan_ctx *c,
		      enum plan_section s, json_t *line, json_t *flags, json_t *comments)
{
	struct arena *a = req_arena(req);
	const char *id = str(line, "id");
	struct plan_form f = plan_section_form(s);
	struct gds_summary_row rows[LINE_MAX_FIELDS];
	size_t n = 0;
	if (s == PLAN_B)
		for (size_t k = 0; k < 4; k++)
			if (str(line, "area") &&
			    strcmp(str(line, "area"), plan_need_areas[k].value) == 0)
				rows[n++] = (struct gds_summary_row){
					.key = "Area of need", .value = plan_need_areas[k].text};
	for (size_t i = 0; i < f.n && n < LINE_MAX_FIELDS; i++)
		rows[n++] = (struct gds_summary_row){.key = f.fields[i].label,
						     .value = str(line, f.fields[i].key)
								      ? str(line, f.fields[i].key)
								      : "Not given"};
	static const char *const links[] = {"needs", "outcomes"};
	for (size_t l = 0; l < 2 && n < LINE_MAX_FIELDS; l++) {
		json_t *ids = json_object_get(line, links[l]);
		if (!json_array_size(ids))
			continue;
		const char *v = NULL;
		size_t i;
		json_t *x;
		json_array_foreach(ids, i, x)
		{
			v = v ? arena_printf(a, "%s, %s", v, json_string_value(x))
			      : json_string_value(x);
		}
		rows[n++] = (struct gds_summary_row){.key = l ? "Outcomes" : "Needs", .value = v};
	}
	if (str(line, "by") && n < LINE_MAX_FIELDS)
		rows[n++] = (struct gds_summary_row){.key = "By", .value = str(line, "by")};
	if (str(line, "date") && n < LINE_MAX_FIELDS)
		rows[n++] = (struct gds_summary_row){.key = "Date", .value = str(line, "date")};
	if (!id) { /* a line imported without an id can be read, not changed */
		gds_summary_list(h, &(struct gds_summary_list){.rows = rows, .n_rows = n});
		return;
	}
	if (n)
		rows[0].actions[0] = (struct gds_summary_action){
			.href = arena_printf(a, "/children/%s/plan/edit/%s?line=%s#line-form",
					     c->child_id, plan_section_info[s].slug, id),
			.text = "Change",
			.visually_hidden = arena_printf(a, "line %s", id)};
	gds_summary_list(h,
			 &(struct gds_summary_list){.rows = rows,
						    .n_rows = n,
						    .card_title = arena_printf(a, "Line %s", id)});
	size_t i;
	json_t *x;
	json_array_foreach(flags, i, x)
	{
		const char *l = str(x, "line");
		if (l && strcmp(l, id) == 0) {
			html_raw(h, "<p class=\"govuk-body\"><strong class=\"govuk-tag "
				    "govuk-tag--orange\">Check</strong> ");
			html_text(h, str(x, "message"));
			html_raw(h, "</p>");
		}
	}
	json_array_foreach(comments, i, x)
	{
		const char *l = str(x, "line");
		if (l && strcmp(l, id) == 0) {
			html_raw(h, "<p class=\"govuk-body\"><strong class=\"govuk-tag "
				    "govuk-tag--purple\">Comment</strong> ");
			html_text(h, arena_printf(a, "%s, %s: %s", str(x, "author"),
						  str(x, "at") ? str(x, "at") : "",
						  str(x, "body") ? str(x, "body") : ""));
			html_raw(h, "</p>");
		}
	}
	gds_form_start(h, arena_printf(a, "/children/%s/plan/edit/%s/remove", c->child_id,
				       plan_section_info[s].slug));
	gds_hidden(h, "csrf", c->user->csrf);
	gds_hidden(h, "line", id);
	gds_button(h, &(struct gds_button){.text = arena_printf(a, "Remove line %s", id),
					   .kind = GDS_BUTTON_WARNING});
	gds_form_end(h);
}

/* advice_received: the advice written in the child's assessment that section K does not
 * name yet, each with a button that adds it, linked to its record (advice_id) */
static void advice_received(struct html *h, struct request *req, const struct plan_ctx *c)
{
	struct arena *a = req_arena(req);
	struct db_stmt *st = NULL;
	if (db_prepare(req_db(req), PLAN_ADVICE_SQL, &st) != 0)
		return;
	int shown = 0;
	if (db_bind_text(st, 1, c->child_id) == 0)
		while (db_step(st) == DB_ROW) {
			const char *id = db_column_text(st, 0);
			size_t i;
			json_t *x;
			int named = 0;
			json_array_foreach(json_object_get(c->doc.plan, "advice"), i, x)
			{
				named |=
					str(x, "advice_id") && strcmp(str(x, "advice_id"), id) == 0;
			}
			if (named)
				continue;
			if (!shown++)
				html_raw(h, "<h2 class=\"govuk-heading-m\">Advice received in the "
					    "assessment</h2>");
			gds_p(h, arena_printf(a, "%s, given on %s", db_column_text(st, 1),
					      db_column_text(st, 2)));
			gds_form_start(h, arena_printf(a, "/children/%s/plan/edit/k", c->child_id));
			gds_hidden(h, "csrf", c->user->csrf);
			gds_hidden(h, "advice", id);
			gds_button(h, &(struct gds_button){
					      .text = "Add to section K",
					      .kind = GDS_BUTTON_SECONDARY,
					      .id = arena_printf(a, "add-advice-%d", shown)});
			gds_form_end(h);
		}
	db_reset(st);
}

/* section_page: the section's lines and the form, changing the line want (NULL: adding) */
int plan_section_render(struct request *req, int status, struct plan_ctx *c, enum plan_section s,
			const char *want, const struct field_errors *errs)
{
	struct arena *a = req_arena(req);
	json_t *plan = c->doc.plan;
	json_t *line = NULL;
	if (want && plan_line_section(plan, want) == (int)s)
		line = plan_line_get(plan, want, NULL);
	json_t *flags = plan ? plan_quality(plan, c->child.date_of_birth, date_today()) : NULL;
	json_t *comments = plan ? plan_comments(req_db(req), c->doc.id) : NULL;
	struct html h;
	html_init(&h);
	const char *title =
		arena_printf(a, "Section %s: %s", plan_section_info[s].code, c->tpl.heading[s]);
	gds_page_start(&h, &(struct gds_page){
				   .title = title, .errors = errs, .sign_out_csrf = c->user->csrf});
	gds_back_link(&h, arena_printf(a, "/children/%s/plan/edit", c->child_id),
		      "Back to writing the plan");
	gds_heading(&h, &(struct gds_heading){.text = title, .caption = c->name});
	if (c->tpl.hint[s])
		gds_p(&h, c->tpl.hint[s]);
	if (plan_section_info[s].list) {
		size_t i, shown = 0;
		json_t *x;
		json_array_foreach(json_object_get(plan, plan_section_info[s].list), i, x)
		{
			if (plan_line_section(plan, str(x, "id")) != (int)s)
				continue;
			line_card(&h, req, c, s, x, flags, comments);
			shown++;
		}
		if (!shown)
			gds_p(&h, "Nothing written in this section yet.");
	}
	if (s == PLAN_K)
		advice_received(&h, req, c);
	line_form(&h, req, c, s, line, errs);
	html_raw(&h, "<p class=\"govuk-body\">");
	gds_link(&h, arena_printf(a, "/children/%s/plan/edit", c->child_id),
		 "Back to the list of sections");
	html_raw(&h, "</p>");
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

/* may_write: 0 if the user may write section s of the loaded plan now; otherwise the
 * page saying why has been sent (or an ERR_* returned) */
int plan_may_write(struct request *req, struct plan_ctx *c, int s, int *answered)
{
	struct arena *a = req_arena(req);
	*answered = 1;
	if (s < 0 || s == PLAN_A)
		return s < 0 ? ERR_NOTFOUND
			     : resp_redirect(req, plan_section_href(a, c->child_id, PLAN_A));
	if (!(c->writable & (1u << s)))
		return plan_refused(
			req, 403, c->child_id,
			arena_printf(a, "You cannot write section %s", plan_section_info[s].code),
			c->writable & ~(1u << PLAN_A)
				? arena_printf(a,
					       "You were asked to write %s of this plan, not "
					       "section %s. Ask the council's SEND team if you "
					       "should write it.",
					       plan_sections_words(a, c->writable),
					       plan_section_info[s].code)
				: "The council's SEND team writes this section, or asks the person "
				  "who knows about it to write it.");
	if (c->doc.plan && !plan_is_draft(c))
		return plan_refused(req, 409, c->child_id, "This plan has been issued",
				    "An issued plan does not change. The council's SEND team can "
				    "start an amendment: a new draft version.");
	*answered = 0;
	return 0;
}

int plan_section_page(struct request *req)
{
	struct plan_ctx c;
	int rc = plan_ctx_load(req, &c), answered = 0;
	if (rc)
		return rc;
	int s = plan_section_parse(req_param(req, "section"));
	rc = plan_may_write(req, &c, s, &answered);
	if (!answered) {
		json_t *empty = NULL;
		if (!c.doc.plan)
			c.doc.plan = empty = json_object();
		rc = plan_section_render(req, 200, &c, s, req_query(req, "line"), NULL);
		if (empty)
			c.doc.plan = NULL, json_decref(empty);
	}
	plan_ctx_release(&c);
	return rc;
}
