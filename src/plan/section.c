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

static const struct gds_choice areas[] = {
	{.value = "communication_interaction", .text = "Communication and interaction"},
	{.value = "cognition_learning", .text = "Cognition and learning"},
	{.value = "social_emotional_mental_health",
	 .text = "Social, emotional and mental health"},
	{.value = "sensory_physical", .text = "Sensory and physical"},
};

static const struct gds_option budgets[] = {
	{.value = "", .text = "Not said"},
	{.value = "school", .text = "The school's own budget"},
	{.value = "high_needs", .text = "High needs funding (the LA)"},
	{.value = "nhs", .text = "The NHS"},
	{.value = "social_care", .text = "Social care"},
	{.value = "other", .text = "Other"},
};

static const struct gds_choice holders[] = {
	{.value = "parent", .text = "Direct payments to the parent"},
	{.value = "young_person", .text = "Direct payments to the young person"},
	{.value = "la", .text = "Held by the local authority (a notional budget)"},
	{.value = "setting", .text = "Held by the school or college"},
	{.value = "third_party", .text = "Held by a third party"},
};

/* the text members of each kind of line, in form order */
struct text_field {
	const char *key, *label, *hint;
	int area; /* a textarea */
};
static const struct text_field need_fields[] = {
	{"text", "The need", "Describe it specifically: what the child finds hard, and when", 1}};
static const struct text_field outcome_fields[] = {
	{"text", "The outcome",
	 "What the child or young person will be able to do, specific enough to tell when it is "
	 "met",
	 1}};
static const struct text_field provision_fields[] = {
	{"what", "The provision", "What will be done, specifically", 1},
	{"who", "Who delivers it", "Their role and qualification", 0},
	{"frequency", "How often", "For example, once a week in term time (38 weeks a year)", 0},
	{"duration", "For how long", "For example, 45 minutes a session", 0},
	{"group_size", "Group size", "For example, 1:1 or a group of up to 4", 0},
	{"where", "Where", "For example, in class, or in a quiet room", 0},
	{"secured_by", "Who secures it", "The body responsible for making sure it happens", 0},
};
static const struct text_field advice_fields[] = {
	{"from", "Whose advice or information", "For example, Educational psychologist", 0},
	{"summary", "What it said, in brief", NULL, 1},
};
static const struct text_field placement_fields[] = {
	{"name", "The school, college or other setting",
	 "Leave blank to name only the type of setting", 0},
	{"type", "The type of setting", "For example, mainstream primary school", 0},
	{"urn", "Its unique reference number (URN)", NULL, 0},
};
static const struct text_field budget_fields[] = {
	{"arrangements", "How it is arranged", "What it pays for and how it is managed", 1},
};

struct section_form {
	const struct text_field *fields;
	size_t n;
};

static struct section_form form_of(enum plan_section s)
{
	switch (s) {
	case PLAN_B:
	case PLAN_C:
	case PLAN_D: return (struct section_form){need_fields, 1};
	case PLAN_E: return (struct section_form){outcome_fields, 1};
	case PLAN_F:
	case PLAN_G:
	case PLAN_H1:
	case PLAN_H2: return (struct section_form){provision_fields, 7};
	case PLAN_K: return (struct section_form){advice_fields, 2};
	case PLAN_I: return (struct section_form){placement_fields, 3};
	case PLAN_J: return (struct section_form){budget_fields, 1};
	default: return (struct section_form){NULL, 0};
	}
}

static int is_provision(enum plan_section s)
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
		gds_radios(h, &(struct gds_choices){
				      .name = "area",
				      .legend = "Area of need",
				      .legend_size = GDS_SIZE_S,
				      .items = areas,
				      .n_items = 4,
				      .value = sent ? req_form(req, "area") : str(shown, "area"),
				      .errors = errs});
	struct section_form f = form_of(s);
	for (size_t i = 0; i < f.n; i++) {
		const char *value = sent ? req_form(req, f.fields[i].key)
					 : str(s == PLAN_I ? json_object_get(plan, "placement")
						   : s == PLAN_J
						   ? json_object_get(plan, "personal_budget")
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
	if (s == PLAN_E || is_provision(s)) {
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
						  .n_values = values_of(req, shown, "needs", items, n,
									ticked),
						  .small = 1,
						  .errors = errs});
		else
			gds_inset_text(h, "Write the needs (sections B, C and D) first: each line "
					  "here links to the needs it answers.");
	}
	if (is_provision(s)) {
		size_t n = choices_of(a, plan, outcome_list, 1, items);
		if (n)
			gds_checkboxes(h, &(struct gds_choices){
						  .name = "outcomes",
						  .legend = "The outcomes it works towards",
						  .legend_size = GDS_SIZE_S,
						  .items = items,
						  .n_items = n,
						  .values = ticked,
						  .n_values = values_of(req, shown, "outcomes", items,
									n, ticked),
						  .small = 1,
						  .errors = errs});
		gds_select(h, &(struct gds_select){.name = "budget",
						   .label = "Paid for from",
						   .label_size = GDS_SIZE_S,
						   .items = budgets,
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
			h, &(struct gds_date_input){
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
		int ticked_pfa = sent ? req_form_has(req, "preparation_for_adulthood", "yes")
				      : json_is_true(json_object_get(shown,
								     "preparation_for_adulthood"));
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
		gds_input(h, &(struct gds_input){.name = "amount",
						 .label = "Amount a year",
						 .label_size = GDS_SIZE_S,
						 .hint = "Leave blank if there is no personal budget",
						 .value = amount,
						 .prefix = "£",
						 .inputmode = "decimal",
						 .classes = "govuk-input--width-10",
						 .errors = errs});
		gds_radios(h, &(struct gds_choices){
				      .name = "held_by",
				      .legend = "How it is held",
				      .legend_size = GDS_SIZE_S,
				      .items = holders,
				      .n_items = 5,
				      .value = sent ? req_form(req, "held_by") : str(pb, "held_by"),
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
	struct section_form f = form_of(s);
	struct gds_summary_row rows[LINE_MAX_FIELDS];
	size_t n = 0;
	if (s == PLAN_B)
		for (size_t k = 0; k < 4; k++)
			if (str(line, "area") && strcmp(str(line, "area"), areas[k].value) == 0)
				rows[n++] = (struct gds_summary_row){.key = "Area of need",
								     .value = areas[k].text};
	for (size_t i = 0; i < f.n && n < LINE_MAX_FIELDS; i++)
		rows[n++] = (struct gds_summary_row){
			.key = f.fields[i].label,
			.value = str(line, f.fields[i].key) ? str(line, f.fields[i].key)
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
	if (n)
		rows[0].actions[0] = (struct gds_summary_action){
			.href = arena_printf(a, "/children/%s/plan/edit/%s?line=%s#line-form",
					     c->child_id, plan_section_info[s].slug, id),
			.text = "Change",
			.visually_hidden = arena_printf(a, " line %s", id)};
	gds_summary_list(h, &(struct gds_summary_list){
				    .rows = rows, .n_rows = n, .card_title = arena_printf(a, "Line %s", id)});
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

/* section_page: the section's lines and the form, changing the line want (NULL: adding) */
static int section_page(struct request *req, int status, struct plan_ctx *c, enum plan_section s,
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
	gds_page_start(&h,
		       &(struct gds_page){.title = title, .errors = errs, .sign_out_csrf = c->user->csrf});
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
static int may_write(struct request *req, struct plan_ctx *c, int s, int *answered)
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
	rc = may_write(req, &c, s, &answered);
	if (!answered) {
		json_t *empty = NULL;
		if (!c.doc.plan)
			c.doc.plan = empty = json_object();
		rc = section_page(req, 200, &c, s, req_query(req, "line"), NULL);
		if (empty)
			c.doc.plan = NULL, json_decref(empty);
	}
	plan_ctx_release(&c);
	return rc;
}

/* ---- saving ---- */

struct edit {
	struct request *req;
	enum plan_section s;
	const char *line;   /* the line changed or removed; NULL: a new line */
	json_t *built;      /* the line or object the form made */
};

static void put_text(json_t *o, const char *key, const char *v)
{
	if (v && *v)
		json_object_set_new(o, key, json_string(v));
	else
		json_object_del(o, key);
}

static void put_ids(struct request *req, json_t *o, const char *key, json_t *plan,
		    const char *const *lists, size_t nl)
{
	json_t *ids = json_array();
	for (size_t l = 0; l < nl; l++) {
		size_t i;
		json_t *x;
		json_array_foreach(json_object_get(plan, lists[l]), i, x)
		{
			if (str(x, "id") && req_form_has(req, key, str(x, "id")))
				json_array_append_new(ids, json_string(str(x, "id")));
		}
	}
	json_object_set_new(o, key, ids);
}

/* read_date: the three boxes of a date input as "YYYY-MM-DD"; "" when all are blank */
static const char *read_date(struct request *req, const char *name, struct field_errors *errs)
{
	struct arena *a = req_arena(req);
	const char *d = req_form(req, arena_printf(a, "%s-day", name));
	const char *m = req_form(req, arena_printf(a, "%s-month", name));
	const char *y = req_form(req, arena_printf(a, "%s-year", name));
	if ((!d || !*d) && (!m || !*m) && (!y || !*y))
		return "";
	char *end = NULL;
	long dd = d ? strtol(d, &end, 10) : 0;
	int bad = !d || !*d || *end;
	long mm = m ? strtol(m, &end, 10) : 0;
	bad |= !m || !*m || *end;
	long yy = y ? strtol(y, &end, 10) : 0;
	bad |= !y || strlen(y) != 4 || *end;
	if (bad || !date_valid((int)yy, (int)mm, (int)dd)) {
		field_error_add(errs, arena_printf(a, "%s-day", name), arena_printf(a, "/%s", name),
				"Enter a real date, for example 17 7 2027");
		return NULL;
	}
	return arena_printf(a, "%04ld-%02ld-%02ld", yy, mm, dd);
}

/* build: the line (or I/J object) from the form, with what can be checked before the
 * plan is: required text, lengths, dates, amounts */
static json_t *build(struct request *req, enum plan_section s, json_t *plan,
		     struct field_errors *errs)
{
	struct arena *a = req_arena(req);
	json_t *o = json_object();
	struct section_form f = form_of(s);
	for (size_t i = 0; i < f.n; i++) {
		const char *v = req_form(req, f.fields[i].key);
		if (v && strlen(v) > PLAN_TEXT_MAX)
			field_error_add(errs, f.fields[i].key, NULL,
					"Must be 4,000 characters or fewer");
		put_text(o, f.fields[i].key, v);
	}
	const char *first = f.fields[0].key;
	if (s != PLAN_I && s != PLAN_J && !str(o, first))
		field_error_add(errs, first, NULL,
				arena_printf(a, "Enter %s", s == PLAN_K ? "whose advice it is"
						: is_provision(s)	    ? "the provision"
						: s == PLAN_E		    ? "the outcome"
									    : "the need"));
	static const char *const need_lists[] = {"needs", "health_needs", "care_needs"};
	static const char *const outcome_list[] = {"outcomes"};
	if (s == PLAN_B) {
		const char *area = req_form(req, "area");
		int ok = 0;
		for (size_t k = 0; k < 4; k++)
			ok |= area && strcmp(area, areas[k].value) == 0;
		if (!ok)
			field_error_add(errs, "area", NULL, "Choose the area of need");
		else
			put_text(o, "area", area);
	}
	if (s == PLAN_E || is_provision(s))
		put_ids(req, o, "needs", plan, need_lists, 3);
	if (is_provision(s))
		put_ids(req, o, "outcomes", plan, outcome_list, 1);
	/* a box ticked for a line that is not in this plan (another plan's need, from a
	 * page left open or a crafted form) is refused, not quietly dropped */
	static const char *const keys[] = {"needs", "outcomes"};
	for (size_t k = 0; k < 2; k++)
		if (req_form_count(req, keys[k]) > json_array_size(json_object_get(o, keys[k])))
			field_error_add(errs, keys[k], NULL,
					k ? "Choose outcomes that are in this plan: one of those "
					    "chosen is not"
					  : "Choose needs that are in this plan: one of those chosen "
					    "is not");
	if (s == PLAN_E && !json_array_size(json_object_get(o, "needs")))
		field_error_add(errs, "needs", NULL, "Choose the needs this outcome answers");
	if (is_provision(s)) {
		json_object_set_new(o, "section", json_string(plan_section_info[s].code));
		const char *b = req_form(req, "budget");
		int ok = !b || !*b;
		for (size_t k = 1; k < 6; k++)
			ok |= b && strcmp(b, budgets[k].value) == 0;
		if (!ok)
			field_error_add(errs, "budget", NULL, "Choose where the money comes from");
		put_text(o, "budget", ok ? b : NULL);
	}
	if (s == PLAN_E || s == PLAN_K) {
		const char *key = s == PLAN_E ? "by" : "date";
		const char *d = read_date(req, key, errs);
		if (d && *d)
			json_object_set_new(o, key, json_string(d));
		if (s == PLAN_E)
			json_object_set_new(o, "preparation_for_adulthood",
					    json_boolean(req_form_has(req,
								      "preparation_for_adulthood",
								      "yes")));
	}
	if (s == PLAN_J) {
		const char *amount = req_form(req, "amount");
		const char *held = req_form(req, "held_by");
		if (amount && *amount) {
			const char *p = amount[0] == '\xc2' ? amount + 2 : amount; /* "£" */
			char *end = NULL;
			long pounds = strtol(p, &end, 10), pence = 0;
			int bad = end == p || pounds < 0 || pounds > 10000000;
			if (!bad && *end == '.') {
				const char *q = end + 1;
				bad = strlen(q) != 2 || q[0] < '0' || q[0] > '9' || q[1] < '0' ||
				      q[1] > '9';
				pence = bad ? 0 : (q[0] - '0') * 10 + (q[1] - '0');
			} else if (!bad && *end) {
				bad = 1;
			}
			if (bad)
				field_error_add(errs, "amount", NULL,
						"Enter the amount in pounds, like 1250 or 1250.50");
			json_object_set_new(o, "amount_pence",
					    json_integer((json_int_t)pounds * 100 + pence));
			int ok = 0;
			for (size_t k = 0; k < 5; k++)
				ok |= held && strcmp(held, holders[k].value) == 0;
			if (!ok)
				field_error_add(errs, "held_by", NULL, "Choose how it is held");
			else
				put_text(o, "held_by", held);
		} else if (str(o, "arrangements") || (held && *held)) {
			field_error_add(errs, "amount", NULL,
					"Enter the amount, or leave everything blank for no "
					"personal budget");
		}
	}
	return o;
}

/* the ids in use, to give a new line the next free one ("p4") */
static const char *new_id(struct arena *a, json_t *plan, const char *prefix)
{
	for (long n = 1;; n++) {
		const char *id = arena_printf(a, "%s%ld", prefix, n);
		if (!id || !plan_line_get(plan, id, NULL))
			return id;
	}
}

static int apply_save(json_t *plan, void *ctx, struct arena *a, struct field_errors *errs)
{
	struct edit *e = ctx;
	const struct plan_section_info *si = &plan_section_info[e->s];
	if (e->s == PLAN_I || e->s == PLAN_J) {
		const char *key = e->s == PLAN_I ? "placement" : "personal_budget";
		if (json_object_size(e->built))
			return json_object_set(plan, key, e->built) ? ERR_NOMEM : 0;
		return json_object_set_new(plan, key, json_null()) ? ERR_NOMEM : 0;
	}
	json_t *list = json_object_get(plan, si->list);
	if (!list) {
		list = json_array();
		json_object_set_new(plan, si->list, list);
	}
	if (e->line) {
		size_t at;
		json_t *old = plan_line_get(plan, e->line, &at);
		if (!old || plan_line_section(plan, e->line) != (int)e->s) {
			field_error_add(errs, "line", NULL,
					"That line is not in this section: it may have been "
					"removed. Add it again.");
			return ERR_INVALID;
		}
		/* members the form does not show (from an import) are kept */
		json_object_update(old, e->built);
		struct section_form f = form_of(e->s);
		for (size_t i = 0; i < f.n; i++)
			if (!json_object_get(e->built, f.fields[i].key))
				json_object_del(old, f.fields[i].key);
		static const char *const maybe[] = {"by", "date", "budget"};
		for (size_t i = 0; i < 3; i++)
			if (!json_object_get(e->built, maybe[i]))
				json_object_del(old, maybe[i]);
		return 0;
	}
	json_t *line = json_deep_copy(e->built);
	json_object_set_new(line, "id", json_string(new_id(a, plan, si->prefix)));
	return json_array_append_new(list, line) ? ERR_NOMEM : 0;
}

/* links_to: the lines that link to id, in words ("outcome o2, provision p1") */
static const char *links_to(struct arena *a, json_t *plan, const char *id)
{
	static const char *const lists[] = {"outcomes", "provision"};
	const char *out = NULL;
	for (size_t l = 0; l < 2; l++) {
		size_t i;
		json_t *x;
		json_array_foreach(json_object_get(plan, lists[l]), i, x)
		{
			int hit = 0;
			static const char *const keys[] = {"needs", "outcomes"};
			for (size_t k = 0; k < 2; k++) {
				size_t j;
				json_t *v;
				json_array_foreach(json_object_get(x, keys[k]), j, v)
				{
					hit |= json_is_string(v) &&
					       strcmp(json_string_value(v), id) == 0;
				}
			}
			if (hit)
				out = arena_printf(a, "%s%s%s %s", out ? out : "", out ? ", " : "",
						   l ? "provision" : "outcome", str(x, "id"));
		}
	}
	return out;
}

static int apply_remove(json_t *plan, void *ctx, struct arena *a, struct field_errors *errs)
{
	struct edit *e = ctx;
	size_t at;
	if (!e->line || !plan_line_get(plan, e->line, &at) ||
	    plan_line_section(plan, e->line) != (int)e->s) {
		field_error_add(errs, "line", NULL, "That line is not in this section");
		return ERR_INVALID;
	}
	const char *users = links_to(a, plan, e->line);
	if (users) {
		field_error_add(errs, "line", NULL,
				arena_printf(a,
					     "Line %s cannot be removed while %s links to it: change "
					     "or remove that first",
					     e->line, users));
		return ERR_INVALID;
	}
	return json_array_remove(json_object_get(plan, plan_section_info[e->s].list), at)
		       ? ERR_NOMEM
		       : 0;
}

/* name_errors: plan_validate names fields by JSON pointer; the form by its field names */
static void name_errors(struct field_errors *errs)
{
	for (size_t i = 0; i < errs->n; i++) {
		const char *p = errs->items[i].pointer ? errs->items[i].pointer : "";
		if (strstr(p, "/needs"))
			errs->items[i].name = "needs";
		else if (strstr(p, "/outcomes/") && strchr(p + 1, '/') != strrchr(p, '/'))
			errs->items[i].name = "outcomes";
		else if (strstr(p, "amount_pence"))
			errs->items[i].name = "amount";
	}
}

static int save(struct request *req, int remove)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	struct plan_ctx c;
	int rc = plan_ctx_load(req, &c), answered = 0;
	if (rc)
		return rc;
	int s = plan_section_parse(req_param(req, "section"));
	rc = may_write(req, &c, s, &answered);
	if (answered) {
		plan_ctx_release(&c);
		return rc;
	}
	struct arena *a = req_arena(req);
	struct field_errors errs = {0};
	json_t *empty = json_object();
	json_t *basis = c.doc.plan ? c.doc.plan : empty;
	const char *line = req_form(req, "line");
	struct edit e = {.req = req,
			 .s = s,
			 .line = line && *line ? line : NULL,
			 .built = remove ? NULL : build(req, s, basis, &errs)};
	char vid[ID_LEN + 1];
	if (!errs.n)
		rc = plan_edit(req_db(req), c.child_id, c.tpl.id, remove ? apply_remove : apply_save,
			       &e, c.user->id, a, &errs, vid);
	json_decref(e.built);
	if (rc == ERR_CONFLICT)
		rc = plan_refused(req, 409, c.child_id, "This plan has been issued",
				  "It was issued while you were writing. The council's SEND team can "
				  "start an amendment: a new draft version.");
	else if (errs.n) {
		name_errors(&errs);
		if (!c.doc.plan)
			c.doc.plan = json_incref(empty);
		rc = section_page(req, 422, &c, s, remove ? NULL : e.line, &errs);
	} else if (rc == 0) {
		rc = resp_redirect(req, arena_printf(a, "/children/%s/plan/edit/%s", c.child_id,
						     plan_section_info[s].slug));
	}
	json_decref(empty);
	plan_ctx_release(&c);
	return rc;
}

int plan_section_save(struct request *req)
{
	return save(req, 0);
}

int plan_section_remove(struct request *req)
{
	return save(req, 1);
}
