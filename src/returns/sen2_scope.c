/*
 * sen2_scope.c: what each record means for the SEN2 return, and which requests the
 * return holds. The rules, with the items they give, are in docs/sen2.md; in short:
 *
 * - a request is in the return when it was received in the year, was decided or had its
 *   assessment completed in the year, is still open at the year's end, or led to a plan
 *   that is active at the census or ceased in the year;
 * - its NamedPlan is there when the plan started or ceased in the year, its ActivePlans
 *   when the plan is maintained on the census date;
 * - Week20 is 1 when an exception the law allows for the 20 weeks (SEND Regulations
 *   2014, reg 13(3)) was recorded on the case between the request and the final plan;
 * - the mediation and tribunal flags come from mediations held and appeals registered
 *   about the decision: not to assess (the request's), not to issue (the assessment's),
 *   and the plan's contents, an amendment or ceasing ("other").
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "returns/internal.h"

int sen2_weeks(const char *a, const char *b)
{
	struct date x, y;
	if (!a || !b || date_parse(a, &x) || date_parse(b, &y))
		return -1;
	int64_t d = date_days(y) - date_days(x);
	return d < 0 ? -1 : (int)(d / 7);
}

int sen2_within(const char *d, const char *from, const char *to)
{
	return d && d[0] && strcmp(d, from) >= 0 && strcmp(d, to) <= 0;
}

/* the reasons that excuse the final plan's 20 weeks (reference/rules/england.json) */
static int week20_reason(const char *r)
{
	static const char *const ok[] = {"setting_closed", "family_circumstances", "child_away",
					 "missed_appointment", "coronavirus"};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strcmp(r, ok[i]) == 0)
			return 1;
	return 0;
}

void sen2_scope_event(struct loader *L, struct sen2_request *q, const char *type, const char *on,
		      const char *source)
{
	int later = strcmp(on, L->to) > 0; /* between the year's end and the census */
	if (strcmp(type, "final_plan_issued") == 0) {
		/* on the caseload at the census either way; an outcome of the year only
		 * when issued in it */
		q->has_plan = 1;
		snprintf(q->plan_start, sizeof(q->plan_start), "%s", on);
		q->plan_src = source;
		if (later)
			return;
		q->as_outcome = SEN2_AS_ISSUE;
		snprintf(q->as_outcome_on, sizeof(q->as_outcome_on), "%s", on);
		q->as_src = source;
		return;
	}
	if (later)
		return;
	if (strcmp(type, "decision_to_assess") == 0 ||
	    strcmp(type, "decision_not_to_assess") == 0) {
		int yes = type[9] == 't';
		q->outcome = yes ? SEN2_REQ_ASSESS : SEN2_REQ_NOT_ASSESS;
		q->assessed = yes;
		snprintf(q->outcome_on, sizeof(q->outcome_on), "%s", on);
		q->outcome_src = source;
	} else if (strcmp(type, "decision_not_to_issue") == 0) {
		q->as_outcome = SEN2_AS_NOT_ISSUE;
		snprintf(q->as_outcome_on, sizeof(q->as_outcome_on), "%s", on);
		q->as_src = source;
	} else if (strcmp(type, "withdrawn") == 0) {
		if (q->assessed) {
			q->as_outcome = SEN2_AS_WITHDRAWN;
			snprintf(q->as_outcome_on, sizeof(q->as_outcome_on), "%s", on);
			q->as_src = source;
		} else {
			q->outcome = SEN2_REQ_WITHDRAWN;
			snprintf(q->outcome_on, sizeof(q->outcome_on), "%s", on);
			q->outcome_src = source;
		}
	}
}

void sen2_scope_exception(struct loader *L, struct sen2_request *q, const char *reason,
			  const char *from, const char *to, const char *source)
{
	(void)L;
	if (!week20_reason(reason) || q->nexc == sizeof(q->exc) / sizeof(q->exc[0]))
		return;
	snprintf(q->exc[q->nexc].from, 11, "%s", from);
	snprintf(q->exc[q->nexc].to, 11, "%s", to);
	q->exc[q->nexc++].source = source;
}

void sen2_scope_budget(struct sen2_person *p, const char *plan_json)
{
	json_t *doc = json_loads(plan_json ? plan_json : "", 0, NULL);
	json_t *pb = json_object_get(doc, "personal_budget");
	p->pb = p->oa = p->dp = 0;
	if (json_is_object(pb)) {
		const char *held = json_string_value(json_object_get(pb, "held_by"));
		p->pb = 1;
		if (held && (strcmp(held, "parent") == 0 || strcmp(held, "young_person") == 0))
			p->dp = 1;
		else
			p->oa = 1; /* held by the LA, the setting or a third party */
	}
	json_decref(doc);
}

void sen2_scope_move(struct loader *L, struct sen2_person *p, const char *from_la,
		     const char *to_la, const char *on, const char *source)
{
	if (strcmp(to_la, L->ret->la_code) == 0 && sen2_within(on, L->from, L->to)) {
		snprintf(p->moved_in, sizeof(p->moved_in), "%s", on);
		p->moved_in_src = source;
	}
	if (strcmp(from_la, L->ret->la_code) == 0) {
		snprintf(p->moved_out, sizeof(p->moved_out), "%s", on);
		p->moved_out_src = source;
	}
}

void sen2_scope_redress(struct sen2_person *p, int tribunal, const char *decision, const char *on,
			const char *source)
{
	if (p->nredress == sizeof(p->redress) / sizeof(p->redress[0]))
		return;
	struct sen2_redress *r = &p->redress[p->nredress++];
	r->tribunal = tribunal;
	r->decision = decision;
	snprintf(r->on, sizeof(r->on), "%s", on);
	r->source = source;
}

/* the latest request received by `on` that passes the test */
static struct sen2_request *latest(struct sen2_person *p, const char *on,
				   int (*test)(const struct sen2_request *))
{
	struct sen2_request *hit = NULL;
	for (size_t i = 0; i < p->nall; i++)
		if (strcmp(p->all[i].received, on) <= 0 && test(&p->all[i]))
			hit = &p->all[i];
	return hit;
}

static int refused(const struct sen2_request *q)
{
	return q->outcome == SEN2_REQ_NOT_ASSESS;
}

static int not_issued(const struct sen2_request *q)
{
	return q->as_outcome == SEN2_AS_NOT_ISSUE;
}

static int planned(const struct sen2_request *q)
{
	return q->has_plan;
}

static void flags(struct sen2_person *p)
{
	for (size_t i = 0; i < p->nredress; i++) {
		struct sen2_redress *r = &p->redress[i];
		struct sen2_request *q;
		int *flag;
		const char **src;
		if (strcmp(r->decision, "refuse_assess") == 0) {
			if (!(q = latest(p, r->on, refused)))
				continue;
			flag = r->tribunal ? &q->tribunal : &q->mediation;
			src = r->tribunal ? &q->tribunal_src : &q->mediation_src;
		} else if (strcmp(r->decision, "refuse_issue") == 0) {
			if (!(q = latest(p, r->on, not_issued)))
				continue;
			flag = r->tribunal ? &q->as_tribunal : &q->as_mediation;
			src = r->tribunal ? &q->as_tribunal_src : &q->as_mediation_src;
		} else {
			if (!(q = latest(p, r->on, planned)))
				continue;
			flag = r->tribunal ? &q->other_tribunal : &q->other_mediation;
			src = r->tribunal ? &q->other_tribunal_src : &q->other_mediation_src;
		}
		*flag = 1;
		*src = r->source;
	}
}

static void week20(struct sen2_request *q)
{
	const char *end = q->as_outcome == SEN2_AS_ISSUE ? q->as_outcome_on : NULL;
	for (size_t i = 0; end && i < q->nexc; i++)
		if (strcmp(q->exc[i].from, end) <= 0 && strcmp(q->exc[i].to, q->received) >= 0) {
			q->week20 = 1;
			q->week20_src = q->exc[i].source;
			return;
		}
}

/* the plan the LA maintains: from the person's latest request that issued one */
static void plan(struct loader *L, struct sen2_person *p, struct sen2_request *q)
{
	/* a cease after this plan began: by the census it ends the plan on the caseload;
	 * only one by the year's end is reported (CeaseDate, the ceased tables) */
	int ended = p->cease_on[0] && strcmp(p->cease_on, q->plan_start) >= 0;
	if (ended && strcmp(p->cease_on, L->to) <= 0) {
		snprintf(q->cease_on, sizeof(q->cease_on), "%s", p->cease_on);
		q->cease_reason = p->cease_reason;
		q->cease_src = p->cease_src;
	}
	q->active = !ended || strcmp(p->cease_on, L->census) > 0;
	q->named = sen2_within(q->plan_start, L->from, L->to) ||
		   sen2_within(q->cease_on, L->from, L->to);
	q->plan_version = p->plan_version;
	q->pb = p->pb;
	q->oa = p->oa;
	q->dp = p->dp;
	/* PlanDetail: the setting named in the plan, else where they are */
	if (p->has_named)
		q->detail[q->ndetail++] = p->named;
	else
		for (size_t i = 0; i < p->nplaces; i++)
			q->detail[q->ndetail++] = p->places[i];
	if (!q->active)
		return;
	q->places = p->places;
	q->nplaces = p->nplaces;
	if (!q->nplaces && p->has_named && p->named.sensetting[0]) {
		/* no roll: the type of setting the plan names (EHE, OLA, ...) */
		q->places = &p->named;
		q->nplaces = 1;
	}
	q->transferla = p->moved_in[0] != 0;
	q->transfer_src = p->moved_in_src;
	if (p->review_src) {
		snprintf(q->review_meeting, sizeof(q->review_meeting), "%s", p->review_meeting);
		snprintf(q->review_on, sizeof(q->review_on), "%s", p->review_on);
		q->review_outcome = p->review_outcome;
		q->review_src = p->review_src;
	}
	q->need[0] = p->primary_need;
	q->need[1] = p->secondary_need;
	q->need_src = p->src;
}

static void one_request(struct loader *L, struct sen2_person *p, struct sen2_request *q)
{
	q->src = arena_printf(&L->ret->arena, "assessment_case %s", q->id);
	q->source_code = sen2_request_source_code(q->requested_by);
	week20(q);
	if (p->moved_out[0] && strcmp(p->moved_out, q->received) >= 0 &&
	    q->outcome != SEN2_REQ_NOT_ASSESS && q->outcome != SEN2_REQ_WITHDRAWN &&
	    (q->as_outcome == SEN2_AS_ONGOING || strcmp(q->as_outcome_on, p->moved_out) > 0)) {
		q->exported = 1;
		q->exported_src = p->moved_out_src;
	}
	int open = q->outcome == SEN2_REQ_ONGOING ||
		   (q->outcome == SEN2_REQ_ASSESS && q->as_outcome == SEN2_AS_ONGOING);
	q->in = sen2_within(q->received, L->from, L->to) ||
		sen2_within(q->outcome_on, L->from, L->to) ||
		sen2_within(q->as_outcome_on, L->from, L->to) || q->active || q->named ||
		(open && !q->exported);
}

int sen2_scope(struct loader *L)
{
	struct sen2_return *r = L->ret;
	size_t cap = 0;
	for (size_t i = 0; i < r->npersons; i++) {
		struct sen2_person *p = &r->persons[i];
		struct sen2_request *holder = NULL;
		p->src = arena_printf(&r->arena, "child %s", p->id);
		for (size_t j = 0; j < p->nall; j++)
			if (p->all[j].has_plan)
				holder = &p->all[j];
		if (holder && p->plan_version)
			plan(L, p, holder);
		flags(p);
		for (size_t j = 0; j < p->nall; j++) {
			one_request(L, p, &p->all[j]);
			p->nin += p->all[j].in != 0;
		}
		/* a plan we maintain that no request issued: the checks name it */
		int ceased = p->cease_on[0] && strcmp(p->cease_on, L->census) <= 0;
		if (p->plan_version && !holder && !ceased) {
			if (r->norphans == cap &&
			    !(r->orphans =
				      sen2_grow(&r->arena, r->orphans, &cap, sizeof(*r->orphans))))
				return -1;
			struct sen2_orphan *o = &r->orphans[r->norphans++];
			o->child_id = p->id;
			o->name = arena_printf(&r->arena, "%s %s", p->forename, p->surname);
			snprintf(o->plan_start, sizeof(o->plan_start), "%s", p->plan_first);
			o->source = arena_printf(&r->arena, "plan_version %s", p->plan_version);
		}
	}
	return 0;
}
