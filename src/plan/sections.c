/*
 * sections.c: the lettered sections of an EHC plan (SEND Code of Practice 2015, 9.62),
 * where each keeps its lines in the sendap-plan/1 document, and finding a line by its id.
 */
#include <string.h>
#include <strings.h>

#include "plan/plan.h"

const struct plan_section_info plan_section_info[PLAN_SECTIONS] = {
	{"A", "a", "Views, interests and aspirations", NULL, NULL},
	{"B", "b", "Special educational needs", "needs", "n"},
	{"C", "c", "Health needs", "health_needs", "c"},
	{"D", "d", "Social care needs", "care_needs", "d"},
	{"E", "e", "Outcomes", "outcomes", "o"},
	{"F", "f", "Special educational provision", "provision", "p"},
	{"G", "g", "Health provision", "provision", "p"},
	{"H1", "h1",
	 "Social care provision under section 2 of the Chronically Sick and Disabled Persons "
	 "Act 1970",
	 "provision", "p"},
	{"H2", "h2", "Other social care provision", "provision", "p"},
	{"I", "i", "Placement", NULL, NULL},
	{"J", "j", "Personal budget", NULL, NULL},
	{"K", "k", "Advice and information", "advice", "k"},
};

int plan_section_parse(const char *s)
{
	if (!s)
		return -1;
	for (int i = 0; i < PLAN_SECTIONS; i++)
		if (strcasecmp(s, plan_section_info[i].code) == 0)
			return i;
	return -1;
}

static const char *str(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* a line's section: its list's, or for provision its own "section" member */
static int section_of(const char *list, json_t *line)
{
	if (strcmp(list, "provision") == 0)
		return plan_section_parse(str(line, "section"));
	for (int i = 0; i < PLAN_SECTIONS; i++)
		if (plan_section_info[i].list && strcmp(plan_section_info[i].list, list) == 0)
			return i;
	return -1;
}

static const char *const lists[] = {"needs",    "health_needs", "care_needs",
				    "outcomes", "provision",    "advice"};

json_t *plan_line_get(json_t *plan, const char *line_id, size_t *index)
{
	if (!line_id)
		return NULL;
	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++) {
		size_t i;
		json_t *x;
		json_array_foreach(json_object_get(plan, lists[l]), i, x)
		{
			const char *id = str(x, "id");
			if (id && strcmp(id, line_id) == 0) {
				if (index)
					*index = i;
				return x;
			}
		}
	}
	return NULL;
}

int plan_line_section(json_t *plan, const char *line_id)
{
	if (!line_id)
		return -1;
	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++) {
		size_t i;
		json_t *x;
		json_array_foreach(json_object_get(plan, lists[l]), i, x)
		{
			const char *id = str(x, "id");
			if (id && strcmp(id, line_id) == 0)
				return section_of(lists[l], x);
		}
	}
	return -1;
}

size_t plan_section_lines(json_t *plan, enum plan_section s)
{
	const struct plan_section_info *si = &plan_section_info[s];
	if (!si->list) {
		static const char *const member[] = {[PLAN_A] = "section_a",
						     [PLAN_I] = "placement",
						     [PLAN_J] = "personal_budget"};
		json_t *o = json_object_get(plan, member[s]);
		return json_is_object(o) ? json_object_size(o) : 0;
	}
	size_t n = 0, i;
	json_t *x;
	json_array_foreach(json_object_get(plan, si->list), i, x)
	{
		if (strcmp(si->list, "provision") != 0 || section_of("provision", x) == (int)s)
			n++;
	}
	return n;
}
