/*
 * sen2_check.c: the checks DfE COLLECT makes of a SEN2 return, made here first so the
 * LA fixes the record rather than the file. Errors must be fixed before submission;
 * queries need an explanation or a fix (../shared/reference/sen2.md §2.4, where the
 * practitioner checks they follow are listed). Each issue names the child and the page
 * to fix it on. docs/sen2.md lists every check with its code.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "people/people.h"
#include "returns/internal.h"

struct ctx {
	struct sen2_return *ret;
	struct sen2_checks *out;
	int failed;
};

static void add(struct ctx *C, enum sen2_severity sev, const char *code,
		const struct sen2_person *p, const char *fix_page, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static void add(struct ctx *C, enum sen2_severity sev, const char *code,
		const struct sen2_person *p, const char *fix_page, const char *fmt, ...)
{
	struct sen2_checks *o = C->out;
	struct arena *a = &C->ret->arena;
	if (o->n == o->cap && !(o->issues = sen2_grow(a, o->issues, &o->cap, sizeof(*o->issues)))) {
		C->failed = 1;
		return;
	}
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	struct sen2_issue *i = &o->issues[o->n++];
	i->severity = sev;
	i->code = code;
	i->child_id = p ? p->id : NULL;
	i->child_name = p ? arena_printf(a, "%s %s", p->forename, p->surname) : NULL;
	i->message = arena_strdup(a, msg);
	i->fix = p && fix_page ? arena_printf(a, "/children/%s%s", p->id, fix_page) : NULL;
	if (sev == SEN2_ERROR)
		o->errors++;
	else
		o->queries++;
}

/* the start of the school year the census falls in: 31 August before it */
static struct date year_start(const struct sen2_year *y)
{
	return (struct date){y->census.y - 1, 8, 31};
}

/* more than 100 characters (UTF-8: continuation bytes are not counted) */
static int too_long(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n > 100;
}

/* n digits and nothing else */
static int digits(const char *s, size_t n)
{
	size_t i = 0;
	while (s[i] >= '0' && s[i] <= '9')
		i++;
	return i == n && !s[i];
}

static int upper4(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return 0;
	return !s[4];
}

static void person(struct ctx *C, const struct sen2_person *p)
{
	const struct sen2_year *y = C->ret->year;
	struct date birth;
	char pc[9];
	if (!p->surname[0] || !p->forename[0] || too_long(p->surname) || too_long(p->forename))
		add(C, SEN2_ERROR, "E01", p, "/edit",
		    "Surname and forename must each be given, at most 100 characters");
	if (!sen2_code_ok(y, "Sex", p->sex))
		add(C, SEN2_ERROR, "E01", p, "/edit",
		    "Sex \"%s\" is not one of the return's codes (F, M)", p->sex);
	if (date_parse(p->birth, &birth))
		add(C, SEN2_ERROR, "E02", p, "/edit", "The date of birth is missing or not a date");
	else {
		int age = date_age(birth, year_start(y));
		if (age < 0 || age > 25)
			add(C, SEN2_ERROR, "E02", p, "/edit",
			    "Aged %d at the start of the school year (31 August %d): must be 0 to "
			    "25",
			    age, y->census.y - 1);
	}
	if (!p->upn[0] && !p->uln[0] && !p->upn_unknown[0])
		add(C, SEN2_ERROR, "E03", p, "/edit",
		    "Neither a UPN nor a ULN is recorded, and no reason why (UPNunknown)");
	if (p->upn_unknown[0] && !sen2_code_ok(y, "UPNunknown", p->upn_unknown))
		add(C, SEN2_ERROR, "E03", p, "/edit",
		    "UPNunknown \"%s\" is not one of the return's codes", p->upn_unknown);
	if (p->upn[0] && !upn_valid(p->upn))
		add(C, SEN2_ERROR, "E04", p, "/edit",
		    "UPN %s is not valid: its check letter is wrong", p->upn);
	if (p->uln[0] && !uln_valid(p->uln))
		add(C, SEN2_ERROR, "E04", p, "/edit",
		    "ULN %s is not valid: its check digit is wrong", p->uln);
	if (p->postcode[0] &&
	    (postcode_normalise(p->postcode, pc, sizeof(pc)) || strcmp(pc, p->postcode)))
		add(C, SEN2_ERROR, "E13", p, "/edit", "Postcode \"%s\" is not a postcode",
		    p->postcode);
	if (p->ethnicity[0] && !upper4(p->ethnicity))
		add(C, SEN2_ERROR, "E13", p, "/edit", "Ethnicity \"%s\" is not a 4-letter code",
		    p->ethnicity);
}

static void places(struct ctx *C, const struct sen2_person *p, const struct sen2_place *pl,
		   size_t n, const char *what)
{
	const struct sen2_year *y = C->ret->year;
	for (size_t i = 0; i < n; i++) {
		const struct sen2_place *x = &pl[i];
		if (!x->urn[0] && !x->ukprn[0] && !x->sensetting[0])
			add(C, SEN2_ERROR, "E09", p, "/placement",
			    "%s with no URN, UKPRN or SENsetting", what);
		else if (!x->urn[0] && !x->ukprn[0] &&
			 !sen2_code_ok(y, "SENsetting", x->sensetting))
			add(C, SEN2_ERROR, "E10", p, "/placement",
			    "%s: SENsetting \"%s\" is not one of the return's codes", what,
			    x->sensetting);
		else if (!x->urn[0] && !x->ukprn[0] && strcmp(x->sensetting, "OTH") == 0)
			add(C, SEN2_QUERY, "Q01", p, "/placement",
			    "%s: a type of setting is named (OTH) but no setting: COLLECT asks why",
			    what);
		else if (!x->urn[0] && !x->ukprn[0] && strcmp(x->sensetting, "NIEO") == 0)
			add(C, SEN2_QUERY, "Q02", p, "/placement",
			    "%s: not in education for another reason (NIEO): COLLECT asks why",
			    what);
		if ((x->urn[0] && !digits(x->urn, 6)) || (x->ukprn[0] && !digits(x->ukprn, 8)))
			add(C, SEN2_ERROR, "E13", p, "/placement",
			    "%s: URN must be 6 digits and UKPRN 8", what);
		if (x->urn[0] && x->setting_type && strcmp(x->setting_type, "18") == 0)
			add(C, SEN2_QUERY, "Q04", p, "/placement",
			    "%s: a further education college given by URN; colleges are returned "
			    "by UKPRN",
			    what);
		if ((x->res && x->res[0] && !sen2_code_ok(y, "Residential", x->res)) ||
		    (x->wbp && x->wbp[0] && !sen2_code_ok(y, "WorkBased", x->wbp)))
			add(C, SEN2_ERROR, "E15", p, "/placement",
			    "%s: residential \"%s\" or work-based \"%s\" is not one of the "
			    "return's codes",
			    what, x->res, x->wbp);
		if ((x->unit && !x->setting_has_unit) || (x->rp && !x->setting_has_rp))
			add(C, SEN2_QUERY, "Q05", p, "/placement",
			    "%s: at a SEN unit or resourced provision the setting does not have",
			    what);
	}
}

static void request(struct ctx *C, const struct sen2_person *p, const struct sen2_request *q)
{
	const struct sen2_year *y = C->ret->year;
	char to[11];
	date_iso(y->to, to);
	if (strcmp(q->received, p->birth) < 0)
		add(C, SEN2_ERROR, "E05", p, "/assessment",
		    "The request (%s) is dated before the date of birth", q->received);
	if ((q->outcome_on[0] && strcmp(q->outcome_on, q->received) < 0) ||
	    (q->as_outcome_on[0] &&
	     strcmp(q->as_outcome_on, q->outcome_on[0] ? q->outcome_on : q->received) < 0))
		add(C, SEN2_ERROR, "E06", p, "/assessment",
		    "A decision is dated before the request or the decision to assess");
	if (q->outcome == SEN2_REQ_ONGOING && sen2_weeks(q->received, to) >= 6)
		add(C, SEN2_QUERY, "Q09", p, "/assessment",
		    "The request of %s had no decision whether to assess by 31 December %d, %d "
		    "weeks after it was received",
		    q->received, y->to.y, sen2_weeks(q->received, to));
	if (!q->has_plan)
		return;
	if (q->named && !q->ndetail)
		add(C, SEN2_ERROR, "E14", p, "/placement",
		    "The plan names no setting or type of setting (PlanDetail)");
	/* PlanDetail is only written for a plan new or ceased in the year; when it is a
	 * copy of the placements (no setting named), the placements' checks cover it */
	if (q->named && (!q->active || !q->nplaces || q->detail[0].source != q->places[0].source))
		places(C, p, q->detail, q->ndetail, "The setting named in the plan");
	if (q->cease_on[0] && !sen2_code_ok(y, "CeaseReason", q->cease_reason))
		add(C, SEN2_ERROR, "E12", p, "/plan/cease",
		    "The plan ceased on %s without a reason the return knows", q->cease_on);
	if (!q->active)
		return;
	if (!q->nplaces)
		add(C, q->transferla ? SEN2_QUERY : SEN2_ERROR, q->transferla ? "Q08" : "E08", p,
		    "/placement",
		    q->transferla ? "Transferred in with no placement on the census date"
				  : "An active plan with no placement on the census date");
	places(C, p, q->places, q->nplaces, "The placement on the census date");
	if (!q->need[0] || !q->need[0][0])
		add(C, SEN2_ERROR, "E11", p, "/edit",
		    "An active plan with no primary need (SENtype)");
	for (int i = 0; i < 2; i++)
		if (q->need[i] && q->need[i][0] && !sen2_code_ok(y, "SENtype", q->need[i]))
			add(C, SEN2_ERROR, "E11", p, "/edit",
			    "Need \"%s\" is not one of the return's SENtype codes", q->need[i]);
	char census[11];
	date_iso(y->census, census);
	if (!q->review_src && sen2_weeks(q->plan_start, to) >= 52)
		add(C, SEN2_QUERY, "Q07", p, "/reviews",
		    "A plan of more than a year with no annual review meeting in %d", y->from.y);
}

int sen2_check(struct sen2_return *ret, struct sen2_checks *out)
{
	struct ctx C = {.ret = ret, .out = out};
	const struct sen2_year *y = ret->year;
	memset(out, 0, sizeof(*out));
	size_t ceased = 0, other = 0, issued = 0, excused = 0;
	char from[11], to[11];
	date_iso(y->from, from);
	date_iso(y->to, to);
	for (size_t i = 0; i < ret->npersons; i++) {
		const struct sen2_person *p = &ret->persons[i];
		if (!p->nin)
			continue;
		person(&C, p);
		for (size_t j = 0; j < p->nall; j++) {
			const struct sen2_request *q = &p->all[j];
			if (!q->in)
				continue;
			request(&C, p, q);
			if (sen2_within(q->cease_on, from, to)) {
				ceased++;
				other += q->cease_reason && strcmp(q->cease_reason, "9") == 0;
			}
			if (q->as_outcome == SEN2_AS_ISSUE && q->named) {
				issued++;
				excused += q->week20;
			}
		}
	}
	for (size_t i = 0; i < ret->norphans; i++) {
		struct sen2_person *p = sen2_find_person(ret, ret->orphans[i].child_id);
		add(&C, SEN2_ERROR, "E07", p, "/assessment",
		    "A plan first issued on %s that no request for assessment led to: record the "
		    "request, or import it",
		    ret->orphans[i].plan_start);
	}
	if (ceased >= 5 && other * 10 > ceased)
		add(&C, SEN2_QUERY, "Q03", NULL, NULL,
		    "%zu of %zu plans ceased in %d for reason 9 (other): COLLECT asks why", other,
		    ceased, y->from.y);
	if (issued >= 4 && excused * 2 > issued)
		add(&C, SEN2_QUERY, "Q06", NULL, NULL,
		    "%zu of %zu plans issued in %d have a 20-week exception: COLLECT asks for the "
		    "reasons",
		    excused, issued, y->from.y);
	return C.failed ? -1 : 0;
}

static int by_severity(const void *a, const void *b)
{
	const struct sen2_issue *x = a, *y = b;
	if (x->severity != y->severity)
		return (int)x->severity - (int)y->severity;
	return strcmp(x->code, y->code);
}

void sen2_checks_sort(struct sen2_checks *c)
{
	if (c->n)
		qsort(c->issues, c->n, sizeof(*c->issues), by_severity);
}

void sen2_checks_print(struct sen2_checks *c, FILE *out)
{
	sen2_checks_sort(c);
	for (size_t i = 0; i < c->n; i++) {
		const struct sen2_issue *x = &c->issues[i];
		fprintf(out, "%s %s %s%s: %s\n", x->severity == SEN2_ERROR ? "error" : "query",
			x->code, x->child_id ? "child " : "the return",
			x->child_id ? x->child_id : "", x->message);
	}
	fprintf(out, "sen2 checks: %zu errors, %zu queries\n", c->errors, c->queries);
}
