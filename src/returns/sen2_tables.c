/*
 * sen2_tables.c: the tables DfE publishes from SEN2 (the "Education, health and care
 * plans" release on Explore Education Statistics; ../shared/reference/sen2.md §2.5), for
 * one LA, from the same return the XML is written from, so a figure here and a count of
 * the XML always agree. Each file is in the published tidy shape: the geography columns
 * (time_period, time_identifier, geographic_level, country_code, country_name,
 * region_name, old_la_code, la_name), then the breakdown, then the figures.
 *
 * requests.csv         requests received in the year, by what was decided and how soon
 * assessments.csv      assessments of those requests, by outcome and how soon
 * timeliness_20_week.csv  plans issued in the year: within 20 weeks, with and without
 *                      exceptions; 20 to 52 weeks; over 52 weeks
 * caseload.csv         plans on the census date by sex, age, primary need, setting
 * newplans.csv         plans issued in the year, the same breakdowns
 * ceased_plans.csv     plans ceased in the year by reason
 * annual_reviews.csv   plans on the census date: review due in the year, meeting held,
 *                      decision, decision within 4 weeks of the meeting
 */
#include <stdio.h>
#include <string.h>

#include "platform/csvout.h"
#include "returns/internal.h"

struct table {
	FILE *f;
	const struct sen2_return *r;
};

static void head(struct table *t, const char *const *cols)
{
	static const char *const geo[] = {"time_period",  "time_identifier", "geographic_level",
					  "country_code", "country_name",    "region_name",
					  "old_la_code",  "la_name"};
	for (size_t i = 0; i < 8; i++)
		csvout_fcell(t->f, geo[i], 0);
	for (size_t i = 0; cols[i]; i++)
		csvout_fcell(t->f, cols[i], cols[i + 1] == NULL);
}

static void geo(struct table *t)
{
	char y[8];
	snprintf(y, sizeof(y), "%d", t->r->year->year);
	const char *v[] = {y,         "Calendar year", "Local authority", "E92000001",
			   "England", t->r->region,    t->r->la_code,     t->r->la_name};
	for (size_t i = 0; i < 8; i++)
		csvout_fcell(t->f, v[i], 0);
}

static void nums(struct table *t, const long *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char s[24];
		snprintf(s, sizeof(s), "%ld", v[i]);
		csvout_fcell(t->f, s, i + 1 == n);
	}
}

static FILE *open_in(const char *dir, const char *name)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return fopen(path, "w");
}

/* days from a to b (ISO dates), -1 when either is missing */
static long days(const char *a, const char *b)
{
	struct date x, y;
	if (date_parse(a, &x) || date_parse(b, &y))
		return -1;
	return (long)(date_days(y) - date_days(x));
}

/* each request of the return that passes `in` */
#define EACH(r, q)                                                                                 \
	for (size_t i_ = 0; i_ < (r)->npersons; i_++)                                              \
		for (size_t j_ = 0; j_ < (r)->persons[i_].nall; j_++)                              \
			for (const struct sen2_request *q = &(r)->persons[i_].all[j_]; q && q->in; \
			     q = NULL)

static void requests(struct table *t, const char *from, const char *to)
{
	static const char *const cols[] = {"requests_received",
					   "decided_to_assess",
					   "decided_not_to_assess",
					   "withdrawn",
					   "ongoing",
					   "decided_within_6_weeks",
					   "decided_after_6_weeks",
					   "mediation",
					   "tribunal",
					   "rya",
					   NULL};
	long v[10] = {0};
	EACH(t->r, q)
	{
		if (!sen2_within(q->received, from, to))
			continue;
		v[0]++;
		v[1] += q->outcome == SEN2_REQ_ASSESS;
		v[2] += q->outcome == SEN2_REQ_NOT_ASSESS;
		v[3] += q->outcome == SEN2_REQ_WITHDRAWN;
		v[4] += q->outcome == SEN2_REQ_ONGOING;
		if (q->outcome == SEN2_REQ_ASSESS || q->outcome == SEN2_REQ_NOT_ASSESS) {
			/* the decision is due within 6 weeks: the day 6 weeks on is the last */
			long d = days(q->received, q->outcome_on);
			v[5] += d >= 0 && d <= 42;
			v[6] += d > 42;
		}
		v[7] += q->mediation;
		v[8] += q->tribunal;
		v[9] += q->rya;
	}
	head(t, cols);
	geo(t);
	nums(t, v, 10);
}

static void assessments(struct table *t, const char *from, const char *to)
{
	static const char *const cols[] = {"assessments",
					   "plan_issued",
					   "plan_not_issued",
					   "withdrawn",
					   "outstanding",
					   "not_issued_within_16_weeks",
					   "not_issued_after_16_weeks",
					   "mediation",
					   "tribunal",
					   "other_mediation",
					   "other_tribunal",
					   NULL};
	long v[11] = {0};
	EACH(t->r, q)
	{
		if (!q->assessed || !sen2_within(q->received, from, to))
			continue;
		v[0]++;
		v[1] += q->as_outcome == SEN2_AS_ISSUE;
		v[2] += q->as_outcome == SEN2_AS_NOT_ISSUE;
		v[3] += q->as_outcome == SEN2_AS_WITHDRAWN;
		v[4] += q->as_outcome == SEN2_AS_ONGOING;
		if (q->as_outcome == SEN2_AS_NOT_ISSUE) {
			long d = days(q->received, q->as_outcome_on);
			v[5] += d >= 0 && d <= 112;
			v[6] += d > 112;
		}
		v[7] += q->as_mediation;
		v[8] += q->as_tribunal;
		v[9] += q->other_mediation;
		v[10] += q->other_tribunal;
	}
	head(t, cols);
	geo(t);
	nums(t, v, 11);
}

static void timeliness(struct table *t, const char *from, const char *to)
{
	static const char *const cols[] = {"plans_issued",
					   "within_20_weeks",
					   "plans_issued_excluding_exceptions",
					   "within_20_weeks_excluding_exceptions",
					   "from_20_to_52_weeks",
					   "over_52_weeks",
					   NULL};
	long v[6] = {0};
	EACH(t->r, q)
	{
		if (q->as_outcome != SEN2_AS_ISSUE || !sen2_within(q->as_outcome_on, from, to))
			continue;
		long d = days(q->received, q->as_outcome_on);
		int in20 = d >= 0 && d <= 140; /* 20 weeks: the day 20 weeks on is the last */
		v[0]++;
		v[1] += in20;
		v[2] += !q->week20;
		v[3] += !q->week20 && in20;
		v[4] += d > 140 && d <= 364;
		v[5] += d > 364;
	}
	head(t, cols);
	geo(t);
	nums(t, v, 6);
}

/* ---- caseload and new plans: counts by breakdown ---- */

#define MAX_ROWS 64

struct counts {
	size_t n;
	char topic[MAX_ROWS][16], value[MAX_ROWS][96];
	long count[MAX_ROWS];
};

static void bump(struct counts *c, const char *topic, const char *value)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->topic[i], topic) == 0 && strcmp(c->value[i], value) == 0) {
			c->count[i]++;
			return;
		}
	if (c->n == MAX_ROWS)
		return;
	snprintf(c->topic[c->n], sizeof(c->topic[0]), "%s", topic);
	snprintf(c->value[c->n], sizeof(c->value[0]), "%s", value);
	c->count[c->n++] = 1;
}

static const char *age_band(const struct sen2_person *p, struct date on)
{
	struct date b;
	if (date_parse(p->birth, &b))
		return "Unknown";
	int age = date_age(b, on);
	return age < 5     ? "Under 5"
	       : age <= 10 ? "5 to 10"
	       : age <= 15 ? "11 to 15"
	       : age <= 19 ? "16 to 19"
			   : "20 to 25";
}

/* the broad type of setting, as the release groups them */
static const char *setting_group(const struct sen2_request *q)
{
	const struct sen2_place *p = q->nplaces ? &q->places[0] : q->ndetail ? &q->detail[0] : NULL;
	if (!p)
		return "No placement";
	if (!p->urn[0] && !p->ukprn[0])
		return p->sensetting[0] ? p->sensetting : "No placement";
	const char *t = p->setting_type ? p->setting_type : "";
	static const char *const special[] = {"07", "08", "10", "12", "33", "36", "44"};
	static const char *const ap[] = {"14", "38", "42", "43"};
	static const char *const post16[] = {"18", "31", "32", "39", "45", "46", "57"};
	for (size_t i = 0; i < sizeof(special) / sizeof(*special); i++)
		if (strcmp(t, special[i]) == 0)
			return "Special school";
	for (size_t i = 0; i < sizeof(ap) / sizeof(*ap); i++)
		if (strcmp(t, ap[i]) == 0)
			return "Alternative provision";
	for (size_t i = 0; i < sizeof(post16) / sizeof(*post16); i++)
		if (strcmp(t, post16[i]) == 0)
			return "Post-16 and further education";
	return "Mainstream school";
}

static void breakdowns(struct table *t, int new_plans, const char *from, const char *to)
{
	static const char *const cols[] = {"breakdown_topic", "breakdown", "number_of_plans", NULL};
	static struct counts c; /* one table at a time; 10 KB kept off the stack */
	struct date start = {t->r->year->census.y - 1, 8, 31};
	memset(&c, 0, sizeof(c));
	EACH(t->r, q)
	{
		if (new_plans ? !(q->as_outcome == SEN2_AS_ISSUE &&
				  sen2_within(q->as_outcome_on, from, to))
			      : !q->active)
			continue;
		const struct sen2_person *p = q->person;
		bump(&c, "Total", "Total");
		bump(&c, "Sex",
		     strcmp(p->sex, "F") == 0   ? "Female"
		     : strcmp(p->sex, "M") == 0 ? "Male"
						: "Unknown");
		bump(&c, "Age", age_band(p, start));
		bump(&c, "Primary need", p->primary_need[0] ? p->primary_need : "Unknown");
		bump(&c, "Setting type", setting_group(q));
	}
	if (!c.n)
		bump(&c, "Total", "Total"), c.count[0] = 0;
	head(t, cols);
	for (size_t i = 0; i < c.n; i++) {
		geo(t);
		csvout_fcell(t->f, c.topic[i], 0);
		csvout_fcell(t->f, c.value[i], 0);
		nums(t, &c.count[i], 1);
	}
}

static void ceased(struct table *t, const char *from, const char *to)
{
	static const char *const cols[] = {"cease_reason", "cease_reason_description",
					   "number_of_plans", NULL};
	const struct sen2_code_list *l = NULL;
	for (size_t i = 0; i < t->r->year->nlists; i++)
		if (strcmp(t->r->year->lists[i].name, "CeaseReason") == 0)
			l = &t->r->year->lists[i];
	head(t, cols);
	for (size_t k = 0; l && k < l->n; k++) {
		long n = 0;
		EACH(t->r, q)
		n += sen2_within(q->cease_on, from, to) && q->cease_reason &&
		     strcmp(q->cease_reason, l->code[k]) == 0;
		geo(t);
		csvout_fcell(t->f, l->code[k], 0);
		csvout_fcell(t->f, l->meaning[k], 0);
		nums(t, &n, 1);
	}
}

static void reviews(struct table *t, const char *to)
{
	static const char *const cols[] = {"plans",
					   "review_expected",
					   "meeting_held",
					   "maintain",
					   "amend",
					   "cease",
					   "no_decision",
					   "decision_within_4_weeks",
					   "decision_after_4_weeks",
					   NULL};
	long v[9] = {0};
	EACH(t->r, q)
	{
		if (!q->active)
			continue;
		v[0]++;
		/* a review falls due in the year when the plan is a year old by its end */
		v[1] += sen2_weeks(q->plan_start, to) >= 52;
		if (!q->review_src)
			continue;
		v[2]++;
		const char *o = sen2_review_outcome_code(q->review_outcome);
		v[3] += strcmp(o, "M") == 0;
		v[4] += strcmp(o, "A") == 0;
		v[5] += strcmp(o, "C") == 0;
		v[6] += !o[0];
		if (o[0]) {
			long d = days(q->review_meeting, q->review_on);
			v[7] += d >= 0 && d <= 28;
			v[8] += d < 0 || d > 28;
		}
	}
	head(t, cols);
	geo(t);
	nums(t, v, 9);
}

const char *const sen2_table_names[SEN2_TABLES] = {
	"requests.csv", "assessments.csv",  "timeliness_20_week.csv", "caseload.csv",
	"newplans.csv", "ceased_plans.csv", "annual_reviews.csv"};

int sen2_table_write(const struct sen2_return *ret, const char *name, FILE *f)
{
	char from[11], to[11];
	struct table t = {.f = f, .r = ret};
	size_t i = 0;
	while (i < SEN2_TABLES && strcmp(sen2_table_names[i], name) != 0)
		i++;
	date_iso(ret->year->from, from);
	date_iso(ret->year->to, to);
	switch (i) {
	case 0: requests(&t, from, to); break;
	case 1: assessments(&t, from, to); break;
	case 2: timeliness(&t, from, to); break;
	case 3: breakdowns(&t, 0, from, to); break;
	case 4: breakdowns(&t, 1, from, to); break;
	case 5: ceased(&t, from, to); break;
	case 6: reviews(&t, to); break;
	default: return 1;
	}
	return ferror(f) != 0;
}

int sen2_tables_write(const struct sen2_return *ret, const char *dir, char *err, size_t n)
{
	for (size_t i = 0; i < SEN2_TABLES; i++) {
		FILE *f = open_in(dir, sen2_table_names[i]);
		int rc = !f || sen2_table_write(ret, sen2_table_names[i], f) != 0;
		if ((f && fclose(f) != 0) || rc) {
			snprintf(err, n, "cannot write %s/%s", dir, sen2_table_names[i]);
			return 1;
		}
	}
	return 0;
}
