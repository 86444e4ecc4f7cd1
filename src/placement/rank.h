/*
 * rank.h: the tailored list's order, and distances, as pure functions.
 *
 * The seeds leave open what "suitable" means (requirements.md §6.3 item 4); these are the
 * rules, and docs/placement.md explains them:
 *
 *   1. A setting is considered only if the child's age on the day of the placement is in
 *      its age range, it is not alternative provision, and it is within max_miles of home
 *      (a setting or home with no coordinates is never within).
 *   2. Mainstream is always considered when the child can be taught in mainstream
 *      (the default: only an officer's judgement that they cannot takes it away). A unit
 *      or resourced provision is "designated" when it names the child's primary need.
 *      A special school is considered only when designated for the primary need;
 *      an independent or non-maintained special school likewise, and only in its own
 *      group, after the state-funded ones ("specialist and independent where appropriate").
 *   3. A specialist setting (special, independent, specialist post-16) with no place free
 *      (places known and all filled) is left off, and counted. A mainstream school is not:
 *      it must admit a child whose plan names it (Children and Families Act 2014, s43).
 *   4. Order: the groups in turn, mainstream (when suitable), state-funded specialist,
 *      independent; within a group, designated for the need first, then nearer first, then
 *      the better Ofsted grade, then the name.
 *   5. At most `limit` settings; each carries its reasons, in words.
 */
#ifndef SENDAP_PLACEMENT_RANK_H
#define SENDAP_PLACEMENT_RANK_H

#include <stddef.h>
#include <stdint.h>

/* kinds of setting, as the directory groups them */
enum setting_kind {
	KIND_MAINSTREAM,
	KIND_MAINSTREAM_UNIT, /* with a SEN unit or resourced provision */
	KIND_SPECIAL,         /* maintained, academy or free special school */
	KIND_INDEPENDENT,     /* independent or non-maintained special school */
	KIND_AP,              /* alternative provision: never on a tailored list */
	KIND_FE,              /* further education college */
	KIND_POST16_SPECIAL,  /* specialist post-16 institution */
	KIND_EARLY_YEARS,
	KIND_COUNT
};
const char *setting_kind_label(enum setting_kind k);
/* setting_kind_of: from GIAS-style establishment type code and the unit/RP flags */
enum setting_kind setting_kind_of(const char *type_code, int sen_unit, int resourced);
/* setting_kind_where: the same rule as an SQL condition on "organisation o" (our own
 * literals only); returns its length */
size_t setting_kind_where(enum setting_kind k, char *out, size_t n);

/* the size of a box of max_miles around a place, in millionths of a degree: a degree of
 * latitude is 69 miles; of longitude, at least 38 miles anywhere in England (56 N) */
#define LAT_PER_MILE 14500
#define LON_PER_MILE 26400

#define NEEDS_MAX 8

struct rank_setting {
	const char *id, *name;
	enum setting_kind kind;
	int age_from, age_to;
	const char *needs[NEEDS_MAX]; /* designated need codes */
	size_t n_needs;
	int places; /* -1: not known */
	int filled; /* on roll */
	int has_coords;
	int32_t lat_e6, lon_e6;
	int ofsted; /* 1 outstanding, 2 good, 3 requires improvement, 4 inadequate, 0 none */
};

struct rank_child {
	int age;          /* on 31 August before the placement starts */
	const char *need; /* primary need code */
	int mainstream_suitable;
	int has_coords;
	int32_t lat_e6, lon_e6;
};

struct rank_options {
	int max_miles; /* 0: 20 */
	size_t limit;  /* 0: 10 */
};

struct rank_entry {
	const struct rank_setting *s;
	int group; /* 0 mainstream, 1 specialist, 2 independent */
	int designated;
	double miles;
	char reasons[400]; /* "Mainstream; designated for ASD; 2.3 miles; 12 places free" */
};

struct rank_result {
	size_t n;          /* entries written */
	size_t considered; /* settings within age and distance */
	size_t full;       /* left off: no place free */
};

/* placement_rank orders the settings for the child; out holds cap entries */
struct rank_result placement_rank(const struct rank_child *c, const struct rank_setting *s,
				  size_t n, const struct rank_options *o, struct rank_entry *out,
				  size_t cap);

/* distance_miles: great-circle distance (haversine on a sphere of radius 3958.8 miles) */
double distance_miles(int32_t lat1_e6, int32_t lon1_e6, int32_t lat2_e6, int32_t lon2_e6);

/* ofsted_parse: "outstanding" 1 .. "inadequate" 4; anything else 0 */
int ofsted_parse(const char *s);
const char *ofsted_label(int grade);

#endif
