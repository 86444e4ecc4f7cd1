/*
 * check.c: what makes a plan a plan (plan_validate) and what makes it a good one
 * (plan_quality); see plan.h and docs/plan.md.
 *
 * The quality flags follow the SEND Code of Practice 2015: 9.69 (outcomes specific and
 * linked to needs), 9.69 (provision "detailed and specific and should normally
 * be quantified, for example, in terms of the type, hours and frequency of support and
 * level of expertise"), 8.9 and 9.179 (preparation for adulthood from Year 9), and the
 * split of educational, health and care provision into sections F, G and H (9.62).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "plan/plan.h"

static const char *const need_areas[] = {"communication_interaction", "cognition_learning",
					 "social_emotional_mental_health", "sensory_physical"};
static const char *const provision_sections[] = {"F", "G", "H1", "H2"};
static const char *const budgets[] = {"school", "high_needs", "nhs", "social_care", "other"};

/* lists of lines and where their ids live */
struct list {
	const char *key;     /* "needs" */
	const char *section; /* "B" */
};
static const struct list lists[] = {{"needs", "B"},
				    {"health_needs", "C"},
				    {"care_needs", "D"},
				    {"outcomes", "E"},
				    {"provision", "F-H"}};

static int in(const char *s, const char *const *set, size_t n)
{
	for (size_t i = 0; s && i < n; i++)
		if (strcmp(s, set[i]) == 0)
			return 1;
	return 0;
}

static const char *str(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int blank(const char *s)
{
	for (; s && *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

/* find_line: which list holds the line with this id (its key), or NULL */
static const char *find_line(json_t *plan, const char *id, json_t **line)
{
	for (size_t l = 0; id && l < sizeof(lists) / sizeof(lists[0]); l++) {
		size_t i;
		json_t *x;
		json_array_foreach(json_object_get(plan, lists[l].key), i, x)
		{
			const char *xid = str(x, "id");
			if (xid && strcmp(xid, id) == 0) {
				if (line)
					*line = x;
				return lists[l].key;
			}
		}
	}
	return NULL;
}

static void err(struct field_errors *errs, struct arena *a, const char *pointer, const char *msg)
{
	/* each error is named by its pointer: several lines may have the same problem */
	field_error_add(errs, pointer, pointer, msg);
	(void)a;
}

/* check_links: every id in o[key] is a line of one of the wanted lists */
static void check_links(json_t *plan, json_t *o, const char *key, const char *const *want,
			size_t nwant, const char *at, struct arena *a, struct field_errors *errs)
{
	json_t *links = json_object_get(o, key);
	if (!links)
		return;
	if (!json_is_array(links)) {
		err(errs, a, arena_printf(a, "%s/%s", at, key), "Must be a list of line ids");
		return;
	}
	size_t i;
	json_t *v;
	json_array_foreach(links, i, v)
	{
		const char *list = find_line(plan, json_string_value(v), NULL);
		if (!list || !in(list, want, nwant))
			err(errs, a, arena_printf(a, "%s/%s/%zu", at, key, i),
			    json_is_string(v) ? arena_printf(a,
							     "\"%s\" is not a line of this plan "
							     "that this can link to",
							     json_string_value(v))
					      : "Must be a line id");
	}
}

size_t plan_validate(json_t *plan, struct arena *a, struct field_errors *errs)
{
	size_t before = errs->n;
	if (!json_is_object(plan)) {
		err(errs, a, "", "A plan is a JSON object");
		return errs->n - before;
	}
	const char *schema = str(plan, "schema");
	if (!schema || strcmp(schema, PLAN_SCHEMA) != 0)
		err(errs, a, "/schema", "Must be \"" PLAN_SCHEMA "\"");
	if (blank(str(plan, "template")))
		err(errs, a, "/template", "Give the template and version the plan is written in");
	static const char *const known[] = {"schema",     "template",        "child",
					    "section_a",  "needs",           "health_needs",
					    "care_needs", "outcomes",        "provision",
					    "placement",  "personal_budget", "advice"};
	const char *key;
	json_t *v;
	json_object_foreach(plan, key, v)
	{
		if (!in(key, known, sizeof(known) / sizeof(known[0])))
			err(errs, a, arena_printf(a, "/%s", key), "Not a section of a plan");
	}
	/* ids: present, unique across the whole plan */
	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++) {
		json_t *arr = json_object_get(plan, lists[l].key);
		if (arr && !json_is_array(arr)) {
			err(errs, a, arena_printf(a, "/%s", lists[l].key), "Must be a list");
			continue;
		}
		size_t i;
		json_t *x;
		json_array_foreach(arr, i, x)
		{
			const char *at = arena_printf(a, "/%s/%zu", lists[l].key, i);
			const char *id = str(x, "id");
			if (!json_is_object(x) || blank(id)) {
				err(errs, a, arena_printf(a, "%s/id", at), "Give the line an id");
				continue;
			}
			json_t *first = NULL;
			find_line(plan, id, &first);
			if (first != x)
				err(errs, a, arena_printf(a, "%s/id", at),
				    "Another line of this plan has the same id");
			const char *text = lists[l].key[0] == 'p' ? str(x, "what") : str(x, "text");
			if (blank(text))
				err(errs, a,
				    arena_printf(a, "%s/%s", at,
						 lists[l].key[0] == 'p' ? "what" : "text"),
				    "Write what this line says");
		}
	}
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(plan, "needs"), i, x)
	{
		if (!in(str(x, "area"), need_areas, 4))
			err(errs, a, arena_printf(a, "/needs/%zu/area", i),
			    "Choose the area of need: communication_interaction, "
			    "cognition_learning, "
			    "social_emotional_mental_health or sensory_physical");
	}
	static const char *const needs_lists[] = {"needs", "health_needs", "care_needs"};
	static const char *const need_or_outcome[] = {"needs", "health_needs", "care_needs",
						      "outcomes"};
	json_array_foreach(json_object_get(plan, "outcomes"), i, x)
	{
		const char *at = arena_printf(a, "/outcomes/%zu", i);
		json_t *links = json_object_get(x, "needs");
		if (!json_is_array(links) || json_array_size(links) == 0)
			err(errs, a, arena_printf(a, "%s/needs", at),
			    "Link the outcome to the needs it answers");
		check_links(plan, x, "needs", needs_lists, 3, at, a, errs);
		json_t *by = json_object_get(x, "by");
		struct date d;
		if (by && !json_is_null(by) &&
		    (!json_is_string(by) || date_parse(json_string_value(by), &d) != 0))
			err(errs, a, arena_printf(a, "%s/by", at), "Must be a date, YYYY-MM-DD");
		json_t *pfa = json_object_get(x, "preparation_for_adulthood");
		if (pfa && !json_is_boolean(pfa))
			err(errs, a, arena_printf(a, "%s/preparation_for_adulthood", at),
			    "Must be true or false");
	}
	json_array_foreach(json_object_get(plan, "provision"), i, x)
	{
		const char *at = arena_printf(a, "/provision/%zu", i);
		if (!in(str(x, "section"), provision_sections, 4))
			err(errs, a, arena_printf(a, "%s/section", at),
			    "Must be F (education), G (health), H1 or H2 (social care)");
		json_t *budget = json_object_get(x, "budget");
		if (budget && !json_is_null(budget) && !in(json_string_value(budget), budgets, 5))
			err(errs, a, arena_printf(a, "%s/budget", at),
			    "Must be school, high_needs, nhs, social_care or other");
		check_links(plan, x, "needs", needs_lists, 3, at, a, errs);
		check_links(plan, x, "outcomes", need_or_outcome + 3, 1, at, a, errs);
	}
	json_t *pb = json_object_get(plan, "personal_budget");
	if (pb && !json_is_null(pb)) {
		json_t *amount = json_object_get(pb, "amount_pence");
		if (!json_is_integer(amount) || json_integer_value(amount) < 0)
			err(errs, a, "/personal_budget/amount_pence",
			    "Give the amount in whole pence, 0 or more");
	}
	return errs->n - before;
}

/* ---- quality ---- */

/* words that leave provision unenforceable: who gets what, how much, is left open */
static const char *const vague[] = {
	"access to",      "opportunities for", "opportunity to", "regular", "regularly",
	"as required",    "as and when",       "as needed",      "up to",   "upto",
	"where possible", "wherever possible", "as appropriate"};

static int has_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = text; p && *p; p++) {
		if (strncasecmp(p, word, n) != 0)
			continue;
		int start = p == text || !isalpha((unsigned char)p[-1]);
		int end = !isalpha((unsigned char)p[n]);
		if (start && end)
			return 1;
	}
	return 0;
}

static void flag(json_t *out, const char *code, const char *line, const char *pointer,
		 const char *message)
{
	json_array_append_new(out, json_pack("{s:s, s:s?, s:s, s:s}", "code", code, "line", line,
					     "pointer", pointer, "message", message));
}

/* linked: some line of list key links to id under link_key */
static int linked(json_t *plan, const char *key, const char *link_key, const char *id)
{
	size_t i, j;
	json_t *x, *v;
	json_array_foreach(json_object_get(plan, key), i, x)
	{
		json_array_foreach(json_object_get(x, link_key), j, v)
		{
			if (json_is_string(v) && strcmp(json_string_value(v), id) == 0)
				return 1;
		}
	}
	return 0;
}

int plan_year_group(struct date dob, struct date on)
{
	int cohort = dob.m >= 9 ? dob.y : dob.y - 1; /* the Sept-Aug year of birth */
	int school_year = on.m >= 9 ? on.y : on.y - 1;
	return school_year - cohort - 5;
}

json_t *plan_quality(json_t *plan, struct date dob, struct date on)
{
	json_t *out = json_array();
	char ptr[96];
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(plan, "needs"), i, x)
	{
		const char *id = str(x, "id");
		snprintf(ptr, sizeof(ptr), "/needs/%zu", i);
		if (!linked(plan, "outcomes", "needs", id))
			flag(out, "need_without_outcome", id, ptr, "No outcome answers this need");
		if (!linked(plan, "provision", "needs", id))
			flag(out, "need_without_provision", id, ptr,
			     "No provision meets this need");
	}
	int pfa = 0;
	json_array_foreach(json_object_get(plan, "outcomes"), i, x)
	{
		const char *id = str(x, "id");
		snprintf(ptr, sizeof(ptr), "/outcomes/%zu", i);
		if (!linked(plan, "provision", "outcomes", id))
			flag(out, "outcome_without_provision", id, ptr,
			     "No provision works towards this outcome");
		if (blank(str(x, "by")))
			flag(out, "outcome_not_time_bound", id, ptr,
			     "Say by when the outcome should be achieved");
		pfa |= json_is_true(json_object_get(x, "preparation_for_adulthood"));
	}
	json_array_foreach(json_object_get(plan, "provision"), i, x)
	{
		const char *id = str(x, "id");
		const char *section = str(x, "section");
		snprintf(ptr, sizeof(ptr), "/provision/%zu", i);
		if (blank(str(x, "frequency")) || blank(str(x, "duration")))
			flag(out, "provision_not_quantified", id, ptr,
			     "Say how often and for how long: provision must be quantified");
		static const char *const fields[] = {"what", "frequency", "duration", "group_size"};
		int vague_found = 0;
		for (size_t f = 0; f < 4 && !vague_found; f++)
			for (size_t w = 0; w < sizeof(vague) / sizeof(vague[0]) && !vague_found;
			     w++)
				if (has_word(str(x, fields[f]), vague[w])) {
					char msg[160];
					snprintf(msg, sizeof(msg),
						 "\"%s\" leaves what the child gets open: say "
						 "exactly "
						 "what, how often and for how long",
						 vague[w]);
					flag(out, "provision_vague", id, ptr, msg);
					vague_found = 1;
				}
		if (blank(str(x, "who")) || blank(str(x, "secured_by")))
			flag(out, "provision_no_one_responsible", id, ptr,
			     "Say who delivers it and who secures it");
		/* a line in the wrong section: judged by the needs it meets */
		size_t j;
		json_t *v;
		int edu = 0, health = 0, care = 0;
		json_array_foreach(json_object_get(x, "needs"), j, v)
		{
			const char *list = find_line(plan, json_string_value(v), NULL);
			if (!list)
				continue;
			edu |= strcmp(list, "needs") == 0;
			health |= strcmp(list, "health_needs") == 0;
			care |= strcmp(list, "care_needs") == 0;
		}
		if (section && strcmp(section, "F") == 0 && !edu && (health || care))
			flag(out, "provision_wrong_section", id, ptr,
			     "Educational provision (section F) meets only health or care needs: "
			     "should it be in G or H?");
		else if (section && strcmp(section, "G") == 0 && !health && (edu || care))
			flag(out, "provision_wrong_section", id, ptr,
			     "Health provision (section G) meets no health need: should it be in F "
			     "or H?");
		else if (section && section[0] == 'H' && !care && (edu || health))
			flag(out, "provision_wrong_section", id, ptr,
			     "Social care provision (section H) meets no care need: should it be "
			     "in "
			     "F or G?");
	}
	if (plan_year_group(dob, on) >= 9 && !pfa)
		flag(out, "no_preparation_for_adulthood", NULL, "/outcomes",
		     "From Year 9 the plan needs outcomes that prepare for adulthood: "
		     "employment, independent living, community, health");
	return out;
}
