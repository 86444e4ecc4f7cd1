/*
 * render.c: an EHC plan as an accessible HTML page: a heading for each section, the
 * family's words first (section A), needs by area, outcomes with their dates, provision
 * in tables (what, who, how often, how long, group size, who secures it), and, for those
 * writing it, the quality flags beside the lines they concern.
 */
#include <stdio.h>
#include <string.h>

#include "plan/plan.h"
#include "platform/gds.h"

static const char *str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s && *s ? s : NULL;
}

/* notes_for: the quality flags and comments about one line, as a list under it, and the
 * link to comment on it; id NULL: the flags about the whole plan (their line is null) */
static void notes_for(struct html *h, const struct plan_view *v, const char *id)
{
	size_t i;
	json_t *f;
	int open = 0;
	json_array_foreach(v->flags, i, f)
	{
		const char *line = str(f, "line");
		if (id ? !line || strcmp(line, id) != 0 : line != NULL)
			continue;
		if (!open++)
			html_raw(h, "<ul class=\"govuk-list sendap-plan-flags\">");
		html_raw(h, "<li><strong class=\"govuk-tag govuk-tag--orange\">Check</strong> ");
		html_text(h, str(f, "message"));
		html_raw(h, "</li>");
	}
	if (open)
		html_raw(h, "</ul>");
	if (!id)
		return;
	open = 0;
	json_array_foreach(v->comments, i, f)
	{
		const char *line = str(f, "line");
		if (!line || strcmp(line, id) != 0)
			continue;
		if (!open++)
			html_raw(h, "<ul class=\"govuk-list sendap-plan-comments\">");
		html_raw(h, "<li><strong class=\"govuk-tag govuk-tag--purple\">Comment</strong> ");
		html_text(h, str(f, "author"));
		if (str(f, "at")) {
			html_raw(h, ", ");
			html_text(h, str(f, "at"));
		}
		html_raw(h, ": ");
		html_text(h, str(f, "body"));
		html_raw(h, "</li>");
	}
	if (open)
		html_raw(h, "</ul>");
	if (v->comment_href) {
		/* the id percent-encoded into the query: ids come from imported plans */
		char href[512];
		size_t n = (size_t)snprintf(href, sizeof(href), "%s", v->comment_href);
		if (n < sizeof(href))
			url_encode(href + n, sizeof(href) - n, id);
		html_raw(h, "<p class=\"govuk-body-s sendap-no-print\"><a class=\"govuk-link\"");
		html_attr(h, "href", href);
		html_raw(h, ">Comment<span class=\"govuk-visually-hidden\"> on line ");
		html_text(h, id);
		html_raw(h, "</span></a></p>");
	}
}

static void section_heading(struct html *h, const struct plan_view *v, enum plan_section s)
{
	html_raw(h, "<h2 class=\"govuk-heading-l\">Section ");
	html_text(h, plan_section_info[s].code);
	html_raw(h, ": ");
	html_text(h, v->tpl ? v->tpl->heading[s] : plan_section_info[s].heading);
	html_raw(h, "</h2>");
}

static void para(struct html *h, const char *label, const char *text)
{
	if (!text)
		return;
	html_raw(h, "<h3 class=\"govuk-heading-s\">");
	html_text(h, label);
	html_raw(h, "</h3><p class=\"govuk-body sendap-plan-text\">");
	html_text(h, text);
	html_raw(h, "</p>");
}

static void needs_list(struct html *h, json_t *plan, const char *key, const char *area,
		       const struct plan_view *v)
{
	size_t i;
	json_t *n;
	int any = 0;
	json_array_foreach(json_object_get(plan, key), i, n)
	{
		if (area && (!str(n, "area") || strcmp(str(n, "area"), area) != 0))
			continue;
		if (!any++)
			html_raw(h, "<ul class=\"govuk-list govuk-list--bullet\">");
		html_raw(h, "<li>");
		html_text(h, str(n, "text"));
		notes_for(h, v, str(n, "id"));
		html_raw(h, "</li>");
	}
	if (any)
		html_raw(h, "</ul>");
	else if (!area)
		html_raw(h, "<p class=\"govuk-body\">None recorded.</p>");
}

static void provision_table(struct html *h, json_t *plan, enum plan_section s,
			    const struct plan_view *v)
{
	size_t i;
	json_t *p;
	int rows = 0;
	json_array_foreach(json_object_get(plan, "provision"), i, p)
	{
		if (plan_section_parse(str(p, "section")) != (int)s)
			continue;
		if (!rows++) {
			html_raw(h, "<div class=\"sendap-table-scroll\" role=\"region\" "
				    "tabindex=\"0\"");
			const char *caption =
				v->tpl ? v->tpl->heading[s] : plan_section_info[s].heading;
			html_attr(h, "aria-label", caption);
			html_raw(h, "><table class=\"govuk-table\"><caption "
				    "class=\"govuk-table__caption "
				    "govuk-table__caption--m\">");
			html_text(h, caption);
			html_raw(h, "</caption><thead class=\"govuk-table__head\"><tr "
				    "class=\"govuk-table__row\">");
			static const char *const head[] = {"Provision",  "Who delivers it",
							   "How often",  "How long",
							   "Group size", "Who secures it"};
			for (size_t k = 0; k < 6; k++) {
				html_raw(h, "<th scope=\"col\" class=\"govuk-table__header\">");
				html_text(h, head[k]);
				html_raw(h, "</th>");
			}
			html_raw(h, "</tr></thead><tbody class=\"govuk-table__body\">");
		}
		static const char *const cols[] = {"who", "frequency", "duration", "group_size",
						   "secured_by"};
		html_raw(h, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
			    "class=\"govuk-table__header\">");
		html_text(h, str(p, "what"));
		notes_for(h, v, str(p, "id"));
		html_raw(h, "</th>");
		for (size_t k = 0; k < 5; k++) {
			html_raw(h, "<td class=\"govuk-table__cell\">");
			const char *val = str(p, cols[k]);
			html_text(h, val ? val : "Not given");
			html_raw(h, "</td>");
		}
		html_raw(h, "</tr>");
	}
	if (rows)
		html_raw(h, "</tbody></table></div>");
	else
		html_raw(h, "<p class=\"govuk-body\">None.</p>");
}

void plan_render(struct html *h, json_t *plan, const struct plan_view *view)
{
	const struct plan_view none = {0};
	const struct plan_view *v = view ? view : &none;
	json_t *a = json_object_get(plan, "section_a");
	section_heading(h, v, PLAN_A);
	para(h, "What people like and admire about me", str(a, "strengths"));
	para(h, "My views", str(a, "views"));
	para(h, "My interests", str(a, "interests"));
	para(h, "What I want to achieve", str(a, "aspirations"));
	para(h, "How I like to communicate", str(a, "communication"));
	para(h, "My family's views", str(a, "family_views"));

	section_heading(h, v, PLAN_B);
	static const struct {
		const char *area, *title;
	} areas[] = {{"communication_interaction", "Communication and interaction"},
		     {"cognition_learning", "Cognition and learning"},
		     {"social_emotional_mental_health", "Social, emotional and mental health"},
		     {"sensory_physical", "Sensory and physical"}};
	for (size_t k = 0; k < 4; k++) {
		html_raw(h, "<h3 class=\"govuk-heading-m\">");
		html_text(h, areas[k].title);
		html_raw(h, "</h3>");
		needs_list(h, plan, "needs", areas[k].area, v);
	}
	section_heading(h, v, PLAN_C);
	needs_list(h, plan, "health_needs", NULL, v);
	section_heading(h, v, PLAN_D);
	needs_list(h, plan, "care_needs", NULL, v);

	section_heading(h, v, PLAN_E);
	notes_for(h, v, NULL);
	size_t i;
	json_t *o;
	html_raw(h, "<ol class=\"govuk-list govuk-list--number\">");
	json_array_foreach(json_object_get(plan, "outcomes"), i, o)
	{
		html_raw(h, "<li>");
		html_text(h, str(o, "text"));
		if (str(o, "by")) {
			struct date d;
			char when[DATE_LONG_MAX];
			if (date_parse(str(o, "by"), &d) == 0) {
				date_long(d, when, sizeof(when));
				html_raw(h, " <span class=\"govuk-hint\">By ");
				html_text(h, when);
				html_raw(h, "</span>");
			}
		}
		if (json_is_true(json_object_get(o, "preparation_for_adulthood")))
			html_raw(h, " <strong class=\"govuk-tag govuk-tag--blue\">Preparing for "
				    "adulthood</strong>");
		notes_for(h, v, str(o, "id"));
		html_raw(h, "</li>");
	}
	html_raw(h, "</ol>");

	for (enum plan_section s = PLAN_F; s <= PLAN_H2; s++) {
		section_heading(h, v, s);
		provision_table(h, plan, s, v);
	}

	json_t *pl = json_object_get(plan, "placement");
	section_heading(h, v, PLAN_I);
	if (str(pl, "name")) {
		html_raw(h, "<p class=\"govuk-body\">");
		html_text(h, str(pl, "name"));
		if (str(pl, "type")) {
			html_raw(h, " (");
			html_text(h, str(pl, "type"));
			html_raw(h, ")");
		}
		html_raw(h, "</p>");
	} else {
		html_raw(h, "<p class=\"govuk-body\">Not named yet.</p>");
	}

	json_t *pb = json_object_get(plan, "personal_budget");
	section_heading(h, v, PLAN_J);
	if (json_is_object(pb)) {
		json_int_t pence = json_integer_value(json_object_get(pb, "amount_pence"));
		html_raw(h, "<p class=\"govuk-body\">");
		html_textf(h, "£%lld.%02lld a year", (long long)(pence / 100),
			   (long long)(pence % 100));
		if (str(pb, "arrangements")) {
			html_raw(h, ": ");
			html_text(h, str(pb, "arrangements"));
		}
		html_raw(h, "</p>");
	} else {
		html_raw(h, "<p class=\"govuk-body\">No personal budget.</p>");
	}

	section_heading(h, v, PLAN_K);
	html_raw(h, "<ul class=\"govuk-list govuk-list--bullet\">");
	json_t *k;
	json_array_foreach(json_object_get(plan, "advice"), i, k)
	{
		html_raw(h, "<li>");
		html_text(h, str(k, "from") ? str(k, "from") : str(k, "item"));
		if (str(k, "date")) {
			html_raw(h, ", ");
			html_text(h, str(k, "date"));
		}
		if (str(k, "id")) /* NULL would mean the flags about the whole plan */
			notes_for(h, v, str(k, "id"));
		html_raw(h, "</li>");
	}
	html_raw(h, "</ul>");
}
