/*
 * rank.c: the tailored list's order (the rules are in rank.h) and distances.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "placement/rank.h"

static const char *const kind_labels[KIND_COUNT] = {
	[KIND_MAINSTREAM] = "Mainstream",
	[KIND_MAINSTREAM_UNIT] = "Mainstream with a SEN unit or resourced provision",
	[KIND_SPECIAL] = "Special school",
	[KIND_INDEPENDENT] = "Independent or non-maintained special school",
	[KIND_AP] = "Alternative provision",
	[KIND_FE] = "Further education college",
	[KIND_POST16_SPECIAL] = "Specialist post-16 institution",
	[KIND_EARLY_YEARS] = "Early years",
};

const char *setting_kind_label(enum setting_kind k)
{
	return k < KIND_COUNT ? kind_labels[k] : "";
}

static const struct {
	const char *code;
	enum setting_kind kind;
} map[] = {{"07", KIND_SPECIAL},     {"12", KIND_SPECIAL},     {"33", KIND_SPECIAL},
	   {"36", KIND_SPECIAL},     {"44", KIND_SPECIAL},     {"08", KIND_INDEPENDENT},
	   {"10", KIND_INDEPENDENT}, {"14", KIND_AP},          {"38", KIND_AP},
	   {"42", KIND_AP},          {"43", KIND_AP},          {"18", KIND_FE},
	   {"31", KIND_FE},          {"39", KIND_FE},          {"45", KIND_FE},
	   {"46", KIND_FE},          {"57", KIND_FE},          {"32", KIND_POST16_SPECIAL},
	   {"15", KIND_EARLY_YEARS}, {"EYP", KIND_EARLY_YEARS}};

/* setting_kind_where writes the SQL condition on organisation o for settings of kind k:
 * the type codes of that kind, or for mainstream none of the listed codes */
size_t setting_kind_where(enum setting_kind k, char *out, size_t n)
{
	char codes[256] = "";
	size_t len = 0, m = 0;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (k == KIND_MAINSTREAM || k == KIND_MAINSTREAM_UNIT || map[i].kind == k)
			len += (size_t)snprintf(codes + len, sizeof(codes) - len, "%s'%s'",
						len ? ", " : "", map[i].code);
	if (k == KIND_MAINSTREAM || k == KIND_MAINSTREAM_UNIT)
		m = (size_t)snprintf(
			out, n, "(coalesce(o.setting_type, '') NOT IN (%s) AND %s)", codes,
			k == KIND_MAINSTREAM ? "o.sen_unit = 0 AND o.resourced_provision = 0"
					     : "(o.sen_unit = 1 OR o.resourced_provision = 1)");
	else
		m = (size_t)snprintf(out, n, "(o.setting_type IN (%s))", len ? codes : "''");
	return m;
}

enum setting_kind setting_kind_of(const char *t, int sen_unit, int resourced)
{
	for (size_t i = 0; t && i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(t, map[i].code) == 0)
			return map[i].kind;
	return sen_unit || resourced ? KIND_MAINSTREAM_UNIT : KIND_MAINSTREAM;
}

int ofsted_parse(const char *s)
{
	static const char *const g[] = {"outstanding", "good", "requires_improvement",
					"inadequate"};
	for (int i = 0; s && i < 4; i++)
		if (strcmp(s, g[i]) == 0)
			return i + 1;
	return 0;
}

const char *ofsted_label(int grade)
{
	static const char *const l[] = {"Not yet inspected", "Outstanding", "Good",
					"Requires improvement", "Inadequate"};
	return grade >= 0 && grade <= 4 ? l[grade] : l[0];
}

double distance_miles(int32_t lat1, int32_t lon1, int32_t lat2, int32_t lon2)
{
	const double rad = 3.14159265358979323846 / 180.0 / 1e6;
	double p1 = lat1 * rad, p2 = lat2 * rad;
	double dp = (double)(lat2 - lat1) * rad, dl = (double)(lon2 - lon1) * rad;
	double h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);
	return 2 * 3958.8 * asin(sqrt(h < 1 ? h : 1));
}

static int designated_for(const struct rank_setting *s, const char *need)
{
	for (size_t i = 0; need && i < s->n_needs; i++)
		if (s->needs[i] && strcmp(s->needs[i], need) == 0)
			return 1;
	return 0;
}

static int cmp_entry(const void *pa, const void *pb)
{
	const struct rank_entry *a = pa, *b = pb;
	if (a->group != b->group)
		return a->group - b->group;
	if (a->designated != b->designated)
		return b->designated - a->designated;
	if (a->miles != b->miles)
		return a->miles < b->miles ? -1 : 1;
	int ga = a->s->ofsted ? a->s->ofsted : 5, gb = b->s->ofsted ? b->s->ofsted : 5;
	if (ga != gb)
		return ga - gb;
	int c = strcmp(a->s->name ? a->s->name : "", b->s->name ? b->s->name : "");
	return c ? c : strcmp(a->s->id ? a->s->id : "", b->s->id ? b->s->id : "");
}

struct rank_result placement_rank(const struct rank_child *c, const struct rank_setting *s,
				  size_t n, const struct rank_options *o, struct rank_entry *out,
				  size_t cap)
{
	struct rank_result r = {0, 0, 0};
	int max_miles = o && o->max_miles > 0 ? o->max_miles : 20;
	size_t limit = o && o->limit ? o->limit : 10;
	struct rank_entry *all = calloc(n ? n : 1, sizeof(*all));
	if (!all)
		return r;
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		const struct rank_setting *x = &s[i];
		if (x->kind == KIND_AP || c->age < x->age_from || c->age > x->age_to)
			continue;
		if (!c->has_coords || !x->has_coords)
			continue;
		double miles = distance_miles(c->lat_e6, c->lon_e6, x->lat_e6, x->lon_e6);
		if (miles > max_miles)
			continue;
		int designated = designated_for(x, c->need);
		int group;
		switch (x->kind) {
		case KIND_MAINSTREAM:
		case KIND_MAINSTREAM_UNIT:
		case KIND_FE:
		case KIND_EARLY_YEARS:
			if (!c->mainstream_suitable)
				continue;
			group = 0;
			if (x->kind != KIND_MAINSTREAM_UNIT)
				designated = 0; /* designation means a unit or RP here */
			break;
		case KIND_SPECIAL:
		case KIND_POST16_SPECIAL:
			if (!designated)
				continue;
			group = 1;
			break;
		case KIND_INDEPENDENT:
			if (!designated)
				continue;
			group = 2;
			break;
		default: continue;
		}
		r.considered++;
		/* a mainstream school must admit a child whose plan names it (s43): only
		 * specialist places run out */
		if (group > 0 && x->places >= 0 && x->filled >= x->places) {
			r.full++;
			continue;
		}
		struct rank_entry *e = &all[m++];
		e->s = x;
		e->group = group;
		e->designated = designated;
		e->miles = miles;
	}
	qsort(all, m, sizeof(*all), cmp_entry);
	/* the reasons, in words, only for the settings kept */
	for (size_t i = 0; i < m && r.n < cap && r.n < limit; i++) {
		struct rank_entry *e = &out[r.n++];
		*e = all[i];
		const struct rank_setting *x = e->s;
		size_t len = (size_t)snprintf(e->reasons, sizeof(e->reasons), "%s",
					      setting_kind_label(x->kind));
		if (e->designated && c->need)
			len += (size_t)snprintf(e->reasons + len, sizeof(e->reasons) - len,
						"; designated for %s", c->need);
		len += (size_t)snprintf(e->reasons + len, sizeof(e->reasons) - len,
					"; %.1f miles from home", e->miles);
		if (x->places >= 0 && x->filled < x->places)
			len += (size_t)snprintf(e->reasons + len, sizeof(e->reasons) - len,
						"; %d place%s free", x->places - x->filled,
						x->places - x->filled == 1 ? "" : "s");
		snprintf(e->reasons + len, sizeof(e->reasons) - len, "; Ofsted: %s",
			 ofsted_label(x->ofsted));
	}
	free(all);
	return r;
}
