/*
 * rules.c: the deadlines of disagreeing with a decision (the counting is in rules.h).
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "platform/err.h"
#include "redress/rules.h"

/* the steps of each order, and their weeks as the 2015 text sets them (the defaults); the
 * weeks in force are read from the rules file into struct redress_rules */
static const struct {
	const char *name, *label;
	struct {
		const char *step, *label;
		int weeks;
	} steps[ORDER_STEPS_MAX];
	size_t n;
} orders[ORDER_TYPES] = {
	[ORDER_ASSESS] = {"assess",
			  "Make an EHC needs assessment",
			  {{"notify", "Tell the family the assessment will be made", 2},
			   {"not_to_issue", "If no plan: the decision not to issue, at the latest",
			    10},
			   {"final_plan", "The final plan, at the latest", 14}},
			  3},
	[ORDER_MAKE_PLAN] = {"make_plan",
			     "Make and maintain a plan",
			     {{"draft", "The draft plan", 5}, {"final_plan", "The final plan", 11}},
			     2},
	[ORDER_AMEND] = {"amend",
			 "Amend the plan's contents",
			 {{"amended_plan", "The amended plan", 5}},
			 1},
	[ORDER_CHANGE_SCHOOL] = {"change_school",
				 "Change the school or college named",
				 {{"amended_plan", "The amended plan naming the school", 2}},
				 1},
	[ORDER_CEASE] = {"cease", "Cease the plan", {{"ceased", "The plan ceases", 0}}, 1},
	[ORDER_ASSESS_UNOPPOSED] = {"assess_unopposed",
				    "An assessment the council no longer opposes",
				    {{"notify", "Tell the family the assessment will be made", 2},
				     {"not_to_issue",
				      "If no plan: the decision not to issue, at the latest", 10},
				     {"final_plan", "The final plan, at the latest", 14}},
				    3},
	[ORDER_AMEND_UNOPPOSED] = {"amend_unopposed",
				   "An amendment the council no longer opposes",
				   {{"amended_plan", "The amended plan", 5}},
				   1},
};

_Static_assert(sizeof(((struct redress_rules *)0)->order_weeks) ==
		       sizeof(int) * ORDER_TYPES * ORDER_STEPS_MAX,
	       "order_weeks is [ORDER_TYPES][ORDER_STEPS_MAX]");

void redress_rules_default(struct redress_rules *r)
{
	*r = (struct redress_rules){.version = "2015-04-01",
				    .appeal_months = 2,
				    .certificate_appeal_months = 1,
				    .mediation_contact_months = 2,
				    .certificate_declined_working_days = 3,
				    .health_issues_working_days = 3,
				    .mediation_days = 30,
				    .certificate_after_working_days = 3,
				    .lgsco_months = 12,
				    .response_working_days = 30};
	for (int t = 0; t < ORDER_TYPES; t++)
		for (size_t k = 0; k < orders[t].n; k++)
			r->order_weeks[t][k] = orders[t].steps[k].weeks;
}

static int limit(json_t *L, const char *key, int lo, int hi, int *out)
{
	json_t *v = json_object_get(json_object_get(L, key), "value");
	if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
		return -1;
	*out = (int)json_integer_value(v);
	return 0;
}

int redress_rules_load(const char *path, struct date on, struct redress_rules *out, char *err,
		       size_t n)
{
	redress_rules_default(out);
	json_error_t je;
	json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	if (!doc) {
		snprintf(err, n, "%s: line %d: %s", path, je.line, je.text);
		return ERR_INVALID;
	}
	json_t *best = NULL, *v;
	struct date best_from = {0, 0, 0}, from;
	size_t i;
	json_array_foreach(json_object_get(doc, "versions"), i, v)
	{
		if (date_parse(json_string_value(json_object_get(v, "effective_from")), &from) ==
			    0 &&
		    date_cmp(from, on) <= 0 && (!best || date_cmp(from, best_from) > 0)) {
			best = v;
			best_from = from;
		}
	}
	json_t *L = json_object_get(best, "limits");
	int rc = 0;
	if (!best || !json_is_object(L)) {
		snprintf(err, n, "%s: no version in force on that day", path);
		rc = ERR_INVALID;
	} else if (limit(L, "appeal_months", 1, 24, &out->appeal_months) ||
		   limit(L, "certificate_appeal_months", 1, 24, &out->certificate_appeal_months) ||
		   limit(L, "mediation_contact_months", 1, 24, &out->mediation_contact_months) ||
		   limit(L, "certificate_declined_working_days", 1, 60,
			 &out->certificate_declined_working_days) ||
		   limit(L, "health_issues_working_days", 1, 60,
			 &out->health_issues_working_days) ||
		   limit(L, "mediation_days", 1, 365, &out->mediation_days) ||
		   limit(L, "certificate_after_working_days", 1, 60,
			 &out->certificate_after_working_days) ||
		   limit(L, "lgsco_months", 1, 60, &out->lgsco_months) ||
		   limit(L, "response_working_days", 1, 120, &out->response_working_days)) {
		snprintf(err, n, "%s: a limit is missing or out of range", path);
		rc = ERR_INVALID;
	}
	/* the orders' weeks, step by step, into a copy kept only if all are good */
	int weeks[ORDER_TYPES][ORDER_STEPS_MAX];
	memcpy(weeks, out->order_weeks, sizeof(weeks));
	for (int t = 0; rc == 0 && t < ORDER_TYPES; t++) {
		json_t *o = json_object_get(json_object_get(best, "orders"), orders[t].name);
		json_t *steps = json_object_get(o, "steps");
		if (json_array_size(steps) != orders[t].n) {
			snprintf(err, n, "%s: order %s needs %zu steps", path, orders[t].name,
				 orders[t].n);
			rc = ERR_INVALID;
			break;
		}
		for (size_t k = 0; k < orders[t].n; k++) {
			json_t *s = json_array_get(steps, k);
			const char *name = json_string_value(json_array_get(s, 0));
			json_t *weeks_v = json_array_get(s, 2);
			if (!name || strcmp(name, orders[t].steps[k].step) != 0 ||
			    !json_is_integer(weeks_v) || json_integer_value(weeks_v) < 0 ||
			    json_integer_value(weeks_v) > 52) {
				snprintf(err, n, "%s: order %s, step %zu: a name and 0 to 52 weeks",
					 path, orders[t].name, k + 1);
				rc = ERR_INVALID;
				break;
			}
			weeks[t][k] = (int)json_integer_value(weeks_v);
		}
	}
	if (rc == 0)
		memcpy(out->order_weeks, weeks, sizeof(weeks));
	else
		redress_rules_default(out); /* a refused file leaves nothing of itself */
	if (rc == 0)
		snprintf(out->version, sizeof(out->version), "%s",
			 json_string_value(json_object_get(best, "version"))
				 ? json_string_value(json_object_get(best, "version"))
				 : "");
	json_decref(doc);
	return rc;
}

struct date appeal_by(const struct redress_rules *r, struct date served, struct date certificate,
		      const struct holidays *h)
{
	struct date d = date_add_months(served, r->appeal_months);
	if (certificate.y) {
		struct date b = date_add_months(certificate, r->certificate_appeal_months);
		if (date_cmp(b, d) > 0)
			d = b;
	}
	/* the tribunal's rule 12(3): in a special educational needs case Christmas week and
	 * August are not counted; rule 12(2): a period ending on a day that is not a working
	 * day runs to the next */
	if ((d.m == 12 && d.d >= 25) || (d.m == 1 && d.d == 1))
		return date_add_working_days((struct date){d.m == 12 ? d.y + 1 : d.y, 1, 1}, 1, h);
	if (d.m == 8)
		return date_add_working_days((struct date){d.y, 8, 31}, 1, h);
	return date_is_working_day(d, h) ? d : date_add_working_days(d, 1, h);
}

struct date mediation_contact_by(const struct redress_rules *r, struct date served)
{
	return date_add_months(served, r->mediation_contact_months);
}

struct date certificate_declined_by(const struct redress_rules *r, struct date told,
				    const struct holidays *h)
{
	return date_add_working_days(told, r->certificate_declined_working_days, h);
}

struct date health_issues_by(const struct redress_rules *r, struct date told,
			     const struct holidays *h)
{
	return date_add_working_days(told, r->health_issues_working_days, h);
}

struct date response_by(const struct redress_rules *r, struct date registered,
			const struct holidays *h)
{
	return date_add_working_days(registered, r->response_working_days, h);
}

struct date mediation_by(const struct redress_rules *r, struct date la_told)
{
	return date_add_days(la_told, r->mediation_days);
}

struct date certificate_after_by(const struct redress_rules *r, struct date ended,
				 const struct holidays *h)
{
	return date_add_working_days(ended, r->certificate_after_working_days, h);
}

struct date lgsco_by(const struct redress_rules *r, struct date aware)
{
	struct date c = date_add_months(aware, r->lgsco_months);
	return c.d == aware.d ? date_add_days(c, -1) : c;
}

const char *order_type_name(enum order_type t)
{
	return t < ORDER_TYPES ? orders[t].name : "";
}

const char *order_type_label(enum order_type t)
{
	return t < ORDER_TYPES ? orders[t].label : "";
}

int order_type_parse(const char *s)
{
	for (int t = 0; s && t < ORDER_TYPES; t++)
		if (strcmp(s, orders[t].name) == 0)
			return t;
	return -1;
}

size_t order_steps(const struct redress_rules *r, enum order_type t, struct date from,
		   struct order_step out[ORDER_STEPS_MAX])
{
	if (t >= ORDER_TYPES)
		return 0;
	for (size_t k = 0; k < orders[t].n; k++)
		out[k] = (struct order_step){.step = orders[t].steps[k].step,
					     .label = orders[t].steps[k].label,
					     .due = date_add_days(from, 7 * r->order_weeks[t][k])};
	return orders[t].n;
}
