/*
 * test_placement_rank.c: the tailored list's order (src/placement/rank.c) on small
 * hand-made directories, against orders worked out by hand from the rules in the header
 * comment of src/placement/rank.h; and the pieces it is made of: setting_kind_of,
 * distance_miles, ofsted_parse and ofsted_label.
 *
 * The child's home is at 52.000000 N, 1.000000 W in every directory. Settings are put due
 * north of it, so their distances are easy to work by hand: on a sphere of radius 3958.8
 * miles a degree of latitude is 2 * pi * 3958.8 / 360 = 69.0941 miles, so an offset of
 * d millionths of a degree is d * 69.0941 / 1e6 miles:
 *
 *      1000 -> 0.069     5000 -> 0.345    10000 -> 0.691    20000 -> 1.382
 *     30000 -> 2.073    40000 -> 2.764    50000 -> 3.455    60000 -> 4.146
 *     80000 -> 5.528   150000 -> 10.364  287000 -> 19.830  291000 -> 20.106
 *    300000 -> 20.728
 *
 * A failure prints the order the ranking gave and the order expected, with the counts.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "placement/rank.h"

#define HOME_LAT 52000000
#define HOME_LON -1000000
/* a setting d millionths of a degree due north of home */
#define NORTH(d) .has_coords = 1, .lat_e6 = HOME_LAT + (d), .lon_e6 = HOME_LON
#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_OUT 64

static const struct rank_child asd8 = {.age = 8,
				       .need = "ASD",
				       .mainstream_suitable = 1,
				       .has_coords = 1,
				       .lat_e6 = HOME_LAT,
				       .lon_e6 = HOME_LON};

/* list: the ids of the entries, comma-separated, into buf */
static void list(const struct rank_entry *e, size_t n, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? ", " : "", e[i].s->id);
}

/*
 * expect: rank the directory for the child and compare the ids in order (want ends with
 * NULL) and the counts. On a difference prints both orders and fails.
 */
static void expect(const char *what, const struct rank_child *c, const struct rank_setting *s,
		   size_t n, const struct rank_options *o, const char *const *want,
		   size_t want_considered, size_t want_full)
{
	struct rank_entry out[MAX_OUT];
	struct rank_result r = placement_rank(c, s, n, o, out, MAX_OUT);
	size_t n_want = 0;
	while (want[n_want])
		n_want++;
	int same = r.n == n_want && r.considered == want_considered && r.full == want_full;
	for (size_t i = 0; same && i < n_want; i++)
		same = strcmp(out[i].s->id, want[i]) == 0;
	if (!same) {
		char got[1024], exp[1024];
		size_t len = 0;
		list(out, r.n, got, sizeof(got));
		exp[0] = '\0';
		for (size_t i = 0; i < n_want && len < sizeof(exp); i++)
			len += (size_t)snprintf(exp + len, sizeof(exp) - len, "%s%s", i ? ", " : "",
						want[i]);
		print_error("%s:\n  got      [%s] considered %zu full %zu\n"
			    "  expected [%s] considered %zu full %zu\n",
			    what, got, r.considered, r.full, exp, want_considered, want_full);
		fail();
	}
}

#define IDS(...) ((const char *const[]){__VA_ARGS__, NULL})
#define NONE ((const char *const[]){NULL})

/*
 * The mixed directory: for a child of 8 whose primary need is ASD.
 *
 *   birch    unit, designated ASD          5.528 mi  group 0, designated: first
 *   cedar    unit, designated HI only      0.691 mi  group 0, not designated
 *   dogwood  mainstream naming ASD         2.073 mi  group 0: only units and RP are
 *                                                    designated in mainstream (rule 2)
 *   oak      mainstream                    3.455 mi  group 0
 *   elm      special, designated SLD, ASD 10.364 mi  group 1
 *   fir      special, designated PD        0.345 mi  not designated: never (rule 2)
 *   gorse    independent, designated ASD   1.382 mi  group 2, after elm although nearer
 *   hazel    AP, designated ASD            0.069 mi  AP: never (rule 1)
 *   ivy      mainstream 11-18              0.138 mi  age: never (rule 1)
 *   juniper  mainstream                   20.728 mi  beyond 20 miles: never (rule 1)
 *
 * Suitable for mainstream: birch, cedar, dogwood, oak, elm, gorse; considered 6 (fir,
 * hazel, ivy and juniper are not considered under rules 1 and 2). Not suitable: elm,
 * gorse; considered 2.
 */
static const struct rank_setting mixed[] = {
	{.id = "oak",
	 .name = "Oak Primary School",
	 .kind = KIND_MAINSTREAM,
	 .age_from = 4,
	 .age_to = 11,
	 .places = 420,
	 .filled = 400,
	 .ofsted = 2,
	 NORTH(50000)},
	{.id = "birch",
	 .name = "Birch Primary School",
	 .kind = KIND_MAINSTREAM_UNIT,
	 .age_from = 4,
	 .age_to = 11,
	 .needs = {"ASD"},
	 .n_needs = 1,
	 .places = 30,
	 .filled = 18,
	 .ofsted = 2,
	 NORTH(80000)},
	{.id = "cedar",
	 .name = "Cedar Primary School",
	 .kind = KIND_MAINSTREAM_UNIT,
	 .age_from = 4,
	 .age_to = 11,
	 .needs = {"HI"},
	 .n_needs = 1,
	 .places = 315,
	 .filled = 300,
	 .ofsted = 3,
	 NORTH(10000)},
	{.id = "dogwood",
	 .name = "Dogwood Primary Academy",
	 .kind = KIND_MAINSTREAM,
	 .age_from = 4,
	 .age_to = 11,
	 .needs = {"ASD"},
	 .n_needs = 1,
	 .places = 210,
	 .filled = 200,
	 .ofsted = 1,
	 NORTH(30000)},
	{.id = "elm",
	 .name = "Elm Special School",
	 .kind = KIND_SPECIAL,
	 .age_from = 2,
	 .age_to = 19,
	 .needs = {"SLD", "ASD"},
	 .n_needs = 2,
	 .places = 100,
	 .filled = 90,
	 .ofsted = 2,
	 NORTH(150000)},
	{.id = "fir",
	 .name = "Fir Special School",
	 .kind = KIND_SPECIAL,
	 .age_from = 4,
	 .age_to = 19,
	 .needs = {"PD"},
	 .n_needs = 1,
	 .places = 80,
	 .filled = 20,
	 .ofsted = 1,
	 NORTH(5000)},
	{.id = "gorse",
	 .name = "Gorse House School",
	 .kind = KIND_INDEPENDENT,
	 .age_from = 5,
	 .age_to = 19,
	 .needs = {"ASD"},
	 .n_needs = 1,
	 .places = 40,
	 .filled = 30,
	 .ofsted = 1,
	 NORTH(20000)},
	{.id = "hazel",
	 .name = "Hazel Pupil Referral Unit",
	 .kind = KIND_AP,
	 .age_from = 5,
	 .age_to = 16,
	 .needs = {"ASD"},
	 .n_needs = 1,
	 .places = 40,
	 .filled = 10,
	 .ofsted = 2,
	 NORTH(1000)},
	{.id = "ivy",
	 .name = "Ivy Academy",
	 .kind = KIND_MAINSTREAM,
	 .age_from = 11,
	 .age_to = 18,
	 .places = 1200,
	 .filled = 1000,
	 .ofsted = 2,
	 NORTH(2000)},
	{.id = "juniper",
	 .name = "Juniper Primary School",
	 .kind = KIND_MAINSTREAM,
	 .age_from = 4,
	 .age_to = 11,
	 .places = 210,
	 .filled = 100,
	 .ofsted = 1,
	 NORTH(300000)},
};

static void mixed_directory_mainstream_suitable(void **state)
{
	(void)state;
	expect("mixed directory, ASD, suitable for mainstream", &asd8, mixed, N_OF(mixed), NULL,
	       IDS("birch", "cedar", "dogwood", "oak", "elm", "gorse"), 6, 0);
	/* the groups and designations behind that order */
	static const struct {
		const char *id;
		int group, designated;
	} want[] = {{"birch", 0, 1}, {"cedar", 0, 0}, {"dogwood", 0, 0},
		    {"oak", 0, 0},   {"elm", 1, 1},   {"gorse", 2, 1}};
	struct rank_entry out[MAX_OUT];
	struct rank_result r = placement_rank(&asd8, mixed, N_OF(mixed), NULL, out, MAX_OUT);
	assert_int_equal(r.n, N_OF(want));
	for (size_t i = 0; i < N_OF(want); i++) {
		if (out[i].group != want[i].group || out[i].designated != want[i].designated) {
			print_error("%s: group %d designated %d, expected group %d designated %d\n",
				    want[i].id, out[i].group, out[i].designated, want[i].group,
				    want[i].designated);
			fail();
		}
	}
	/* miles are the hand-worked distances */
	assert_true(fabs(out[0].miles - 5.528) < 0.001);
	assert_true(fabs(out[4].miles - 10.364) < 0.001);
}

static void mixed_directory_not_suitable(void **state)
{
	(void)state;
	struct rank_child c = asd8;
	c.mainstream_suitable = 0;
	/* no mainstream group, units included; the AP is still never listed */
	expect("mixed directory, ASD, not suitable for mainstream", &c, mixed, N_OF(mixed), NULL,
	       IDS("elm", "gorse"), 2, 0);
}

/*
 * The specialist groups for a child of 14 with SEMH who cannot be taught in mainstream:
 *
 *   sp_far   special, SEMH             10.364 mi  good         group 1
 *   sp_near  special, SEMH, ASD         2.073 mi  requires imp group 1
 *   sp_asd   special, ASD only          0.691 mi               not designated: never
 *   ind_out  independent, SEMH          0.345 mi  outstanding  group 2: after sp_far
 *   ind_ri   independent, SEMH          0.345 mi  req. impr.   group 2, after ind_out
 *   ind_asd  independent, ASD           0.069 mi               not designated: never
 *   ap       AP, SEMH                   0.138 mi               never
 *   fe       FE college 14-19           1.382 mi               mainstream: never here
 *   sec      mainstream 11-16           0.691 mi               never here
 *   unit     unit, SEMH                 0.691 mi               mainstream: never here
 *
 * Expected: sp_near, sp_far, ind_out, ind_ri; considered 4.
 */
static void specialist_groups_in_turn(void **state)
{
	(void)state;
	static const struct rank_setting dir[] = {
		{.id = "sp_far",
		 .name = "Far Special",
		 .kind = KIND_SPECIAL,
		 .age_from = 11,
		 .age_to = 19,
		 .needs = {"SEMH"},
		 .n_needs = 1,
		 .places = -1,
		 .ofsted = 2,
		 NORTH(150000)},
		{.id = "sp_near",
		 .name = "Near Special",
		 .kind = KIND_SPECIAL,
		 .age_from = 4,
		 .age_to = 19,
		 .needs = {"ASD", "SEMH"},
		 .n_needs = 2,
		 .places = 120,
		 .filled = 60,
		 .ofsted = 3,
		 NORTH(30000)},
		{.id = "sp_asd",
		 .name = "ASD Special",
		 .kind = KIND_SPECIAL,
		 .age_from = 4,
		 .age_to = 19,
		 .needs = {"ASD"},
		 .n_needs = 1,
		 .places = 120,
		 .filled = 60,
		 .ofsted = 1,
		 NORTH(10000)},
		{.id = "ind_ri",
		 .name = "Alder Independent",
		 .kind = KIND_INDEPENDENT,
		 .age_from = 7,
		 .age_to = 16,
		 .needs = {"SEMH"},
		 .n_needs = 1,
		 .places = 30,
		 .filled = 10,
		 .ofsted = 3,
		 NORTH(5000)},
		{.id = "ind_out",
		 .name = "Zed Independent",
		 .kind = KIND_INDEPENDENT,
		 .age_from = 7,
		 .age_to = 16,
		 .needs = {"SEMH"},
		 .n_needs = 1,
		 .places = 30,
		 .filled = 10,
		 .ofsted = 1,
		 NORTH(5000)},
		{.id = "ind_asd",
		 .name = "ASD Independent",
		 .kind = KIND_INDEPENDENT,
		 .age_from = 7,
		 .age_to = 19,
		 .needs = {"ASD"},
		 .n_needs = 1,
		 .places = 30,
		 .filled = 10,
		 .ofsted = 1,
		 NORTH(1000)},
		{.id = "ap",
		 .name = "AP Academy",
		 .kind = KIND_AP,
		 .age_from = 11,
		 .age_to = 16,
		 .needs = {"SEMH"},
		 .n_needs = 1,
		 .places = 50,
		 .filled = 10,
		 .ofsted = 2,
		 NORTH(2000)},
		{.id = "fe",
		 .name = "FE College",
		 .kind = KIND_FE,
		 .age_from = 14,
		 .age_to = 19,
		 .places = 3000,
		 .filled = 100,
		 .ofsted = 2,
		 NORTH(20000)},
		{.id = "sec",
		 .name = "Secondary Academy",
		 .kind = KIND_MAINSTREAM,
		 .age_from = 11,
		 .age_to = 16,
		 .places = 1000,
		 .filled = 900,
		 .ofsted = 2,
		 NORTH(10000)},
		{.id = "unit",
		 .name = "Unit Academy",
		 .kind = KIND_MAINSTREAM_UNIT,
		 .age_from = 11,
		 .age_to = 16,
		 .needs = {"SEMH"},
		 .n_needs = 1,
		 .places = 20,
		 .filled = 5,
		 .ofsted = 2,
		 NORTH(10000)},
	};
	const struct rank_child c = {.age = 14,
				     .need = "SEMH",
				     .mainstream_suitable = 0,
				     .has_coords = 1,
				     .lat_e6 = HOME_LAT,
				     .lon_e6 = HOME_LON};
	expect("SEMH, 14, not suitable for mainstream", &c, dir, N_OF(dir), NULL,
	       IDS("sp_near", "sp_far", "ind_out", "ind_ri"), 4, 0);
	/* the same child, suitable: the mainstream group comes first, the unit designated
	 * for SEMH at its head; then the FE college (mainstream) and the secondary by
	 * distance: sec 0.691, fe 1.382 */
	struct rank_child s = c;
	s.mainstream_suitable = 1;
	expect("SEMH, 14, suitable for mainstream", &s, dir, N_OF(dir), NULL,
	       IDS("unit", "sec", "fe", "sp_near", "sp_far", "ind_out", "ind_ri"), 7, 0);
}

/*
 * Full settings (rule 3), for the child of 8 with ASD, suitable for mainstream:
 *
 *   full_sp     special ASD, 100 of 100          left off, counted
 *   over_sp     special ASD, 104 on a roll of 100 left off, counted
 *   full_ind    independent ASD, 40 of 40        left off, counted
 *   unknown_sp  special ASD, places not known, 150 on roll: stays   4.146 mi
 *   one_left    special ASD, 99 of 100: stays                       1.382 mi
 *   full_pri    mainstream, 230 on a roll of 210: stays (s43)       0.691 mi
 *   full_unit   unit ASD, 20 of 20: stays (a mainstream school)     2.764 mi
 *
 * Expected: full_unit, full_pri, one_left, unknown_sp; considered 7 (the full ones were
 * considered), full 3.
 */
static void full_specialist_left_off_mainstream_stays(void **state)
{
	(void)state;
	static const struct rank_setting dir[] = {
		{.id = "full_sp",
		 .name = "Full Special",
		 .kind = KIND_SPECIAL,
		 .age_from = 4,
		 .age_to = 19,
		 .needs = {"ASD"},
		 .n_needs = 1,
		 .places = 100,
		 .filled = 100,
		 .ofsted = 1,
		 NORTH(5000)},
		{.id = "over_sp",
		 .name = "Over Special",
		 .kind = KIND_SPECIAL,
		 .age_from = 4,
		 .age_to = 19,
		 .needs = {"ASD"},
		 .n_needs = 1,
		 .places = 100,
		 .filled = 104,
		 .ofsted = 1,
		 NORTH(5000)},
		{.id = "full_ind",
		 .name = "Full Independent",
		 .kind = KIND_INDEPENDENT,
		 .age_from = 4,
		 .age_to = 19,
		 .needs = {"ASD"},
		 .n_needs = 1,
		 .places = 40,
		 .filled = 40,
		 .ofsted = 2,
		 NORTH(1000)},
		{.id = "unknown_sp",
		 .name = "Unknown Special",
		 .kind = KIND_SPECIAL,
		 .age_from = 4,
		 .age_to = 19,
		 .needs = {"ASD"},
		 .n_needs = 1,
		 .places = -1,
		 .filled = 150,
		 .ofsted = 2,
		 NORTH(60000)},
		{.id = "one_left",
		 .name = "One Left Special",
		 .kind = KIND_SPECIAL,
		 .age_from = 4,
		 .age_to = 19,
		 .needs = {"ASD"},
		 .n_needs = 1,
		 .places = 100,
		 .filled = 99,
		 .ofsted = 2,
		 NORTH(20000)},
		{.id = "full_pri",
		 .name = "Full Primary",
		 .kind = KIND_MAINSTREAM,
		 .age_from = 4,
		 .age_to = 11,
		 .places = 210,
		 .filled = 230,
		 .ofsted = 2,
		 NORTH(10000)},
		{.id = "full_unit",
		 .name = "Full Unit Primary",
		 .kind = KIND_MAINSTREAM_UNIT,
		 .age_from = 4,
		 .age_to = 11,
		 .needs = {"ASD"},
		 .n_needs = 1,
		 .places = 20,
		 .filled = 20,
		 .ofsted = 2,
		 NORTH(40000)},
	};
	expect("full settings", &asd8, dir, N_OF(dir), NULL,
	       IDS("full_unit", "full_pri", "one_left", "unknown_sp"), 7, 3);
}

/*
 * Ties (rule 4) among mainstream schools for the child of 8 with ASD:
 *
 *   u_ri, u_good  units designated ASD, both 2.764 mi, requires improvement and good:
 *                 first (designated), good before requires improvement
 *   near          0.345 mi, inadequate: nearest of the rest
 *   at 1.382 mi:  zeta (outstanding), beta (good), gamma (good), delta (inadequate),
 *                 alpha (not inspected): by grade, then name, the unknown grade last
 *   far           2.073 mi, outstanding
 *   twin_b, twin_a  same name, place and grade as each other, at 2.764 mi: the rules
 *                 stop at the name; listed both, in either order (checked apart)
 */
static void ties_by_distance_then_ofsted_then_name(void **state)
{
	(void)state;
	static const struct rank_setting dir[] = {
		{.id = "far",
		 .name = "Far Primary",
		 .kind = KIND_MAINSTREAM,
		 .age_from = 4,
		 .age_to = 11,
		 .places = -1,
		 .ofsted = 1,
		 NORTH(30000)},
		{.id = "alpha",
		 .name = "Alpha Primary",
		 .kind = KIND_MAINSTREAM,
		 .age_from = 4,
		 .age_to = 11,
		 .places = -1,
		 .ofsted = 0,
		 NORTH(20000)},
		{.id = "delta",
		 .name = "Delta Primary",
		 .kind = KIND_MAINSTREAM,
		 .age_from = 4,
		 .age_to = 11,
		 .places = -1,
		 .ofsted = 4,
		 NORTH(20000)},
		{.id = "gamma",
		 .name = "Gamma Primary",
		 .kind = KIND_MAINSTREAM,
		 .age_from = 4,
		 .age_to = 11,
		 .places = -1,
		 .ofsted = 2,
		 NORTH(20000)},
		{.id = "zeta",
		 .name = "Zeta Primary",
		 .kind = KIND_MAINSTREAM,
		 .age_from = 4,
		 .age_to = 11,
		 .places = -1,
		 .ofsted = 1,
		 NORTH(20000)},
		{.id = "beta",
		 .name = "Beta Primary",
		 .kind = KIND_MAINSTREAM,
		 .age_from = 4,
		 .age_to = 11,
		 .places = -1,
		 .ofsted = 2,
		 NORTH(20000)},
		{.id = "near",
		 .name = "Near Primary",
		 .kind = KIND_MAINSTREAM,
		 .age_from = 4,
		 .age_to = 11,
		 .places = -1,
		 .ofsted = 4,
		 NORTH(5000)},
		{.id = "u_ri",
		 .name = "A Unit Primary",
		 .kind = KIND_MAINSTREAM_UNIT,
		 .age_from = 4,
		 .age_to = 11,
		 .needs = {"ASD"},
		 .n_needs = 1,
		 .places = -1,
		 .ofsted = 3,
		 NORTH(40000)},
		{.id = "u_good",
		 .name = "Z Unit Primary",
		 .kind = KIND_MAINSTREAM_UNIT,
		 .age_from = 4,
		 .age_to = 11,
		 .needs = {"ASD"},
		 .n_needs = 1,
		 .places = -1,
		 .ofsted = 2,
		 NORTH(40000)},
	};
	expect("ties: designation, distance, Ofsted (unknown last), name", &asd8, dir, N_OF(dir),
	       NULL,
	       IDS("u_good", "u_ri", "near", "zeta", "beta", "gamma", "delta", "alpha", "far"), 9,
	       0);
	/* and in the specialist group: same place, grades unknown, 3, 2, 2 */
	static const struct rank_setting sp[] = {
		{.id = "s_unknown",
		 .name = "A Special",
		 .kind = KIND_SPECIAL,
		 .age_from = 4,
		 .age_to = 19,
		 .needs = {"ASD"},
		 .n_needs = 1,
		 .places = -1,
		 .ofsted = 0,
		 NORTH(20000)},
		{.id = "s_ri",
		 .name = "B Special",
		 .kind = KIND_SPECIAL,
		 .age_from = 4,
		 .age_to = 19,
		 .needs = {"ASD"},
		 .n_needs = 1,
		 .places = -1,
		 .ofsted = 3,
		 NORTH(20000)},
		{.id = "s_good_y",
		 .name = "Y Special",
		 .kind = KIND_SPECIAL,
		 .age_from = 4,
		 .age_to = 19,
		 .needs = {"ASD"},
		 .n_needs = 1,
		 .places = -1,
		 .ofsted = 2,
		 NORTH(20000)},
		{.id = "s_good_c",
		 .name = "C Special",
		 .kind = KIND_SPECIAL,
		 .age_from = 4,
		 .age_to = 19,
		 .needs = {"ASD"},
		 .n_needs = 1,
		 .places = -1,
		 .ofsted = 2,
		 NORTH(20000)},
	};
	struct rank_child c = asd8;
	c.mainstream_suitable = 0;
	expect("ties among special schools", &c, sp, N_OF(sp), NULL,
	       IDS("s_good_c", "s_good_y", "s_ri", "s_unknown"), 4, 0);
	/* two with the same name, place and grade: both listed */
	static const struct rank_setting twins[] = {
		{.id = "twin_b",
		 .name = "Twin Primary",
		 .kind = KIND_MAINSTREAM,
		 .age_from = 4,
		 .age_to = 11,
		 .places = -1,
		 .ofsted = 2,
		 NORTH(40000)},
		{.id = "twin_a",
		 .name = "Twin Primary",
		 .kind = KIND_MAINSTREAM,
		 .age_from = 4,
		 .age_to = 11,
		 .places = -1,
		 .ofsted = 2,
		 NORTH(40000)},
	};
	struct rank_entry out[4];
	struct rank_result r = placement_rank(&asd8, twins, 2, NULL, out, 4);
	assert_int_equal(r.n, 2);
	assert_true(strcmp(out[0].s->id, out[1].s->id) != 0);
}

/* fifteen primaries 0.069, 0.138, ... 1.036 miles away */
static struct rank_setting fifteen[15];
static const char *const fifteen_ids[15] = {"p01", "p02", "p03", "p04", "p05", "p06", "p07", "p08",
					    "p09", "p10", "p11", "p12", "p13", "p14", "p15"};

static int make_fifteen(void **state)
{
	(void)state;
	/* stored farthest first, so the order must come from the ranking */
	for (size_t i = 0; i < 15; i++)
		fifteen[14 - i] = (struct rank_setting){.id = fifteen_ids[i],
							.name = "Primary School",
							.kind = KIND_MAINSTREAM,
							.age_from = 4,
							.age_to = 11,
							.places = -1,
							.ofsted = 2,
							NORTH(1000 * ((int32_t)i + 1))};
	return 0;
}

static void limit_and_its_default(void **state)
{
	(void)state;
	const struct rank_options four = {.max_miles = 0, .limit = 4};
	expect("limit 4", &asd8, fifteen, 15, &four, IDS("p01", "p02", "p03", "p04"), 15, 0);
	const struct rank_options zero = {0, 0};
	expect("limit 0: the default, 10", &asd8, fifteen, 15, &zero,
	       IDS("p01", "p02", "p03", "p04", "p05", "p06", "p07", "p08", "p09", "p10"), 15, 0);
	expect("no options: limit 10", &asd8, fifteen, 15, NULL,
	       IDS("p01", "p02", "p03", "p04", "p05", "p06", "p07", "p08", "p09", "p10"), 15, 0);
	const struct rank_options all = {.max_miles = 0, .limit = 100};
	expect("limit 100", &asd8, fifteen, 15, &all,
	       IDS("p01", "p02", "p03", "p04", "p05", "p06", "p07", "p08", "p09", "p10", "p11",
		   "p12", "p13", "p14", "p15"),
	       15, 0);
	/* out holds 3: no more than 3 written, whatever the limit */
	struct rank_entry out[3];
	struct rank_result r = placement_rank(&asd8, fifteen, 15, NULL, out, 3);
	assert_int_equal(r.n, 3);
	assert_string_equal(out[2].s->id, "p03");
}

/* within 19.830 miles and beyond at 20.106 */
static void max_miles_default_20(void **state)
{
	(void)state;
	static const struct rank_setting dir[] = {
		{.id = "out",
		 .name = "Out Primary",
		 .kind = KIND_MAINSTREAM,
		 .age_from = 4,
		 .age_to = 11,
		 .places = -1,
		 .ofsted = 2,
		 NORTH(291000)},
		{.id = "in",
		 .name = "In Primary",
		 .kind = KIND_MAINSTREAM,
		 .age_from = 4,
		 .age_to = 11,
		 .places = -1,
		 .ofsted = 2,
		 NORTH(287000)},
	};
	expect("no options: 20 miles", &asd8, dir, 2, NULL, IDS("in"), 1, 0);
	const struct rank_options zero = {0, 0};
	expect("max_miles 0: 20 miles", &asd8, dir, 2, &zero, IDS("in"), 1, 0);
	const struct rank_options m21 = {.max_miles = 21, .limit = 0};
	expect("max_miles 21", &asd8, dir, 2, &m21, IDS("in", "out"), 2, 0);
	const struct rank_options m19 = {.max_miles = 19, .limit = 0};
	expect("max_miles 19", &asd8, dir, 2, &m19, NONE, 0, 0);
	/* 19.830 miles is within 20 also for a special school, south of home */
	static const struct rank_setting south[] = {
		{.id = "s_special",
		 .name = "South Special",
		 .kind = KIND_SPECIAL,
		 .age_from = 4,
		 .age_to = 19,
		 .needs = {"ASD"},
		 .n_needs = 1,
		 .places = -1,
		 .ofsted = 2,
		 .has_coords = 1,
		 .lat_e6 = HOME_LAT - 287000,
		 .lon_e6 = HOME_LON},
	};
	expect("a special school 19.83 miles south", &asd8, south, 1, NULL, IDS("s_special"), 1, 0);
}

static void no_coordinates_never_listed(void **state)
{
	(void)state;
	static const struct rank_setting dir[] = {
		/* at home's very coordinates, but with has_coords 0 */
		{.id = "nowhere",
		 .name = "Nowhere Primary",
		 .kind = KIND_MAINSTREAM,
		 .age_from = 4,
		 .age_to = 11,
		 .places = -1,
		 .ofsted = 1,
		 .has_coords = 0,
		 .lat_e6 = HOME_LAT,
		 .lon_e6 = HOME_LON},
		{.id = "nowhere_sp",
		 .name = "Nowhere Special",
		 .kind = KIND_SPECIAL,
		 .age_from = 4,
		 .age_to = 19,
		 .needs = {"ASD"},
		 .n_needs = 1,
		 .places = -1,
		 .ofsted = 1,
		 .has_coords = 0,
		 .lat_e6 = 0,
		 .lon_e6 = 0},
		{.id = "here",
		 .name = "Here Primary",
		 .kind = KIND_MAINSTREAM,
		 .age_from = 4,
		 .age_to = 11,
		 .places = -1,
		 .ofsted = 2,
		 NORTH(10000)},
	};
	expect("settings without coordinates", &asd8, dir, N_OF(dir), NULL, IDS("here"), 1, 0);
	struct rank_child homeless = asd8;
	homeless.has_coords = 0;
	expect("a home without coordinates", &homeless, dir, N_OF(dir), NULL, NONE, 0, 0);
	homeless.lat_e6 = 0;
	homeless.lon_e6 = 0;
	expect("a home without coordinates, at 0,0", &homeless, dir, N_OF(dir), NULL, NONE, 0, 0);
}

/* ages are inclusive at both ends */
static void age_range_inclusive(void **state)
{
	(void)state;
	static const struct rank_setting dir[] = {
		{.id = "nursery",
		 .name = "Nursery School",
		 .kind = KIND_EARLY_YEARS,
		 .age_from = 2,
		 .age_to = 5,
		 .places = -1,
		 .ofsted = 1,
		 NORTH(1000)},
		{.id = "pri3",
		 .name = "Primary 3-11",
		 .kind = KIND_MAINSTREAM,
		 .age_from = 3,
		 .age_to = 11,
		 .places = -1,
		 .ofsted = 2,
		 NORTH(2000)},
		{.id = "pri4",
		 .name = "Primary 4-11",
		 .kind = KIND_MAINSTREAM,
		 .age_from = 4,
		 .age_to = 11,
		 .places = -1,
		 .ofsted = 2,
		 NORTH(5000)},
		{.id = "sec11",
		 .name = "Secondary 11-16",
		 .kind = KIND_MAINSTREAM,
		 .age_from = 11,
		 .age_to = 16,
		 .places = -1,
		 .ofsted = 2,
		 NORTH(10000)},
		{.id = "mid12",
		 .name = "Upper 12-16",
		 .kind = KIND_MAINSTREAM,
		 .age_from = 12,
		 .age_to = 16,
		 .places = -1,
		 .ofsted = 2,
		 NORTH(20000)},
	};
	struct rank_child c = asd8;
	c.age = 11;
	expect("age 11", &c, dir, N_OF(dir), NULL, IDS("pri3", "pri4", "sec11"), 3, 0);
	c.age = 3;
	/* early years is a mainstream setting */
	expect("age 3", &c, dir, N_OF(dir), NULL, IDS("nursery", "pri3"), 2, 0);
	c.age = 17;
	expect("age 17", &c, dir, N_OF(dir), NULL, NONE, 0, 0);
}

/*
 * A young person of 17 with SLCN, suitable for mainstream:
 *
 *   sixth    secondary 11-18                   2.073 mi  group 0
 *   fe       FE college 16-25                  4.146 mi  group 0 (mainstream)
 *   spi      specialist post-16, SLCN          0.691 mi  group 1 (specialist)
 *   spi_asd  specialist post-16, ASD only      0.345 mi  not designated: never (read as
 *            "a special school ... likewise"; rule 3 names it a specialist setting)
 *   spi_full specialist post-16, SLCN, 25 of 25: left off, counted
 *
 * Expected: sixth, fe, spi; considered 4, full 1.
 */
static void post16(void **state)
{
	(void)state;
	static const struct rank_setting dir[] = {
		{.id = "spi",
		 .name = "Speech Post-16",
		 .kind = KIND_POST16_SPECIAL,
		 .age_from = 16,
		 .age_to = 25,
		 .needs = {"SLCN", "ASD"},
		 .n_needs = 2,
		 .places = 40,
		 .filled = 30,
		 .ofsted = 2,
		 NORTH(10000)},
		{.id = "spi_asd",
		 .name = "Autism Post-16",
		 .kind = KIND_POST16_SPECIAL,
		 .age_from = 16,
		 .age_to = 25,
		 .needs = {"ASD"},
		 .n_needs = 1,
		 .places = 40,
		 .filled = 30,
		 .ofsted = 1,
		 NORTH(5000)},
		{.id = "spi_full",
		 .name = "Full Post-16",
		 .kind = KIND_POST16_SPECIAL,
		 .age_from = 16,
		 .age_to = 25,
		 .needs = {"SLCN"},
		 .n_needs = 1,
		 .places = 25,
		 .filled = 25,
		 .ofsted = 1,
		 NORTH(5000)},
		{.id = "fe",
		 .name = "Town College",
		 .kind = KIND_FE,
		 .age_from = 16,
		 .age_to = 25,
		 .places = 4000,
		 .filled = 50,
		 .ofsted = 2,
		 NORTH(60000)},
		{.id = "sixth",
		 .name = "Town Academy",
		 .kind = KIND_MAINSTREAM,
		 .age_from = 11,
		 .age_to = 18,
		 .places = 1500,
		 .filled = 1400,
		 .ofsted = 2,
		 NORTH(30000)},
	};
	const struct rank_child c = {.age = 17,
				     .need = "SLCN",
				     .mainstream_suitable = 1,
				     .has_coords = 1,
				     .lat_e6 = HOME_LAT,
				     .lon_e6 = HOME_LON};
	expect("17, SLCN", &c, dir, N_OF(dir), NULL, IDS("sixth", "fe", "spi"), 4, 1);
}

/* the reasons of entries, exactly */
static void reasons_in_words(void **state)
{
	(void)state;
	static const struct rank_setting dir[] = {
		{.id = "unit",
		 .name = "Birch Primary School",
		 .kind = KIND_MAINSTREAM_UNIT,
		 .age_from = 4,
		 .age_to = 11,
		 .needs = {"SLD", "ASD"},
		 .n_needs = 2,
		 .places = 30,
		 .filled = 18,
		 .ofsted = 2,
		 NORTH(50000)},
		{.id = "special",
		 .name = "Elm Special School",
		 .kind = KIND_SPECIAL,
		 .age_from = 2,
		 .age_to = 19,
		 .needs = {"ASD"},
		 .n_needs = 1,
		 .places = 100,
		 .filled = 99,
		 .ofsted = 1,
		 NORTH(150000)},
		{.id = "plain",
		 .name = "Oak Primary School",
		 .kind = KIND_MAINSTREAM,
		 .age_from = 4,
		 .age_to = 11,
		 .places = -1,
		 .filled = 12,
		 .ofsted = 0,
		 NORTH(10000)},
		{.id = "crowded",
		 .name = "Ash Primary School",
		 .kind = KIND_MAINSTREAM,
		 .age_from = 4,
		 .age_to = 11,
		 .places = 210,
		 .filled = 230,
		 .ofsted = 3,
		 NORTH(80000)},
		{.id = "indep",
		 .name = "Gorse House School",
		 .kind = KIND_INDEPENDENT,
		 .age_from = 5,
		 .age_to = 19,
		 .needs = {"ASD"},
		 .n_needs = 1,
		 .places = 40,
		 .filled = 35,
		 .ofsted = 4,
		 NORTH(20000)},
	};
	/* 3.455 -> 3.5, 0.691 -> 0.7, 5.528 -> 5.5, 10.364 -> 10.4, 1.382 -> 1.4 miles */
	static const char *const want[][2] = {
		{"unit", "Mainstream with a SEN unit or resourced provision; designated for ASD;"
			 " 3.5 miles from home; 12 places free; Ofsted: Good"},
		{"plain", "Mainstream; 0.7 miles from home; Ofsted: Not yet inspected"},
		{"crowded", "Mainstream; 5.5 miles from home; Ofsted: Requires improvement"},
		{"special", "Special school; designated for ASD; 10.4 miles from home; 1 place"
			    " free; Ofsted: Outstanding"},
		{"indep", "Independent or non-maintained special school; designated for ASD;"
			  " 1.4 miles from home; 5 places free; Ofsted: Inadequate"},
	};
	struct rank_entry out[MAX_OUT];
	struct rank_result r = placement_rank(&asd8, dir, N_OF(dir), NULL, out, MAX_OUT);
	if (r.n != N_OF(want)) {
		char got[512];
		list(out, r.n, got, sizeof(got));
		print_error("got [%s], expected 5 entries\n", got);
		fail();
	}
	int bad = 0;
	for (size_t i = 0; i < N_OF(want); i++) {
		if (strcmp(out[i].s->id, want[i][0]) != 0 ||
		    strcmp(out[i].reasons, want[i][1]) != 0) {
			print_error("entry %zu: got %s \"%s\"\n  expected %s \"%s\"\n", i,
				    out[i].s->id, out[i].reasons, want[i][0], want[i][1]);
			bad = 1;
		}
	}
	if (bad)
		fail();
}

static void kind_of_every_type_code(void **state)
{
	(void)state;
	static const struct {
		const char *code;
		int unit, rp;
		enum setting_kind kind;
	} cases[] = {
		/* maintained, academy and free mainstream schools, and other mainstream */
		{"01", 0, 0, KIND_MAINSTREAM},
		{"02", 0, 0, KIND_MAINSTREAM},
		{"03", 0, 0, KIND_MAINSTREAM},
		{"05", 0, 0, KIND_MAINSTREAM},
		{"06", 0, 0, KIND_MAINSTREAM},
		{"11", 0, 0, KIND_MAINSTREAM},
		{"28", 0, 0, KIND_MAINSTREAM},
		{"34", 0, 0, KIND_MAINSTREAM},
		{"35", 0, 0, KIND_MAINSTREAM},
		{"40", 0, 0, KIND_MAINSTREAM},
		{"41", 0, 0, KIND_MAINSTREAM},
		{"", 0, 0, KIND_MAINSTREAM},
		{NULL, 0, 0, KIND_MAINSTREAM},
		/* with a SEN unit or resourced provision */
		{"01", 1, 0, KIND_MAINSTREAM_UNIT},
		{"34", 0, 1, KIND_MAINSTREAM_UNIT},
		{"28", 1, 1, KIND_MAINSTREAM_UNIT},
		{NULL, 1, 0, KIND_MAINSTREAM_UNIT},
		/* special: community, foundation, academy sponsor led, free, academy converter */
		{"07", 0, 0, KIND_SPECIAL},
		{"12", 0, 0, KIND_SPECIAL},
		{"33", 0, 0, KIND_SPECIAL},
		{"36", 0, 0, KIND_SPECIAL},
		{"44", 0, 0, KIND_SPECIAL},
		{"07", 1, 1, KIND_SPECIAL}, /* the flags do not make a special school a unit */
		/* non-maintained and other independent special */
		{"08", 0, 0, KIND_INDEPENDENT},
		{"10", 0, 0, KIND_INDEPENDENT},
		/* alternative provision: PRU, free school AP, academy AP converter, sponsor led */
		{"14", 0, 0, KIND_AP},
		{"38", 0, 0, KIND_AP},
		{"42", 0, 0, KIND_AP},
		{"43", 0, 0, KIND_AP},
		{"14", 1, 0, KIND_AP},
		/* further education, sixth form centres, 16-19 free schools and academies */
		{"18", 0, 0, KIND_FE},
		{"31", 0, 0, KIND_FE},
		{"39", 0, 0, KIND_FE},
		{"45", 0, 0, KIND_FE},
		{"46", 0, 0, KIND_FE},
		{"57", 0, 0, KIND_FE},
		/* special post-16 institution */
		{"32", 0, 0, KIND_POST16_SPECIAL},
		/* LA nursery school, early years provider with no URN */
		{"15", 0, 0, KIND_EARLY_YEARS},
		{"EYP", 0, 0, KIND_EARLY_YEARS},
	};
	int bad = 0;
	for (size_t i = 0; i < N_OF(cases); i++) {
		enum setting_kind k = setting_kind_of(cases[i].code, cases[i].unit, cases[i].rp);
		if (k != cases[i].kind) {
			print_error("setting_kind_of(%s, %d, %d): got %s, expected %s\n",
				    cases[i].code ? cases[i].code : "NULL", cases[i].unit,
				    cases[i].rp, setting_kind_label(k),
				    setting_kind_label(cases[i].kind));
			bad = 1;
		}
	}
	if (bad)
		fail();
	assert_string_equal(setting_kind_label(KIND_MAINSTREAM), "Mainstream");
	assert_string_equal(setting_kind_label(KIND_MAINSTREAM_UNIT),
			    "Mainstream with a SEN unit or resourced provision");
	assert_string_equal(setting_kind_label(KIND_SPECIAL), "Special school");
	assert_string_equal(setting_kind_label(KIND_INDEPENDENT),
			    "Independent or non-maintained special school");
	assert_string_equal(setting_kind_label(KIND_AP), "Alternative provision");
	assert_string_equal(setting_kind_label(KIND_FE), "Further education college");
	assert_string_equal(setting_kind_label(KIND_POST16_SPECIAL),
			    "Specialist post-16 institution");
	assert_string_equal(setting_kind_label(KIND_EARLY_YEARS), "Early years");
	assert_string_equal(setting_kind_label(KIND_COUNT), "");
}

/* within 0.1 mile of the figure worked by hand */
static void near_miles(const char *what, double got, double want)
{
	if (!(fabs(got - want) <= 0.1)) {
		print_error("%s: got %.4f miles, expected %.2f +/- 0.1\n", what, got, want);
		fail();
	}
}

/*
 * Worked by hand, on a sphere of radius R = 3958.8 miles:
 *   one degree of latitude: R * pi / 180 = 69.09 miles;
 *   London (51.5074 N, 0.1278 W) to Manchester (53.4808 N, 2.2426 W):
 *     dphi = 1.9734 deg, dlambda = 2.1148 deg; sin^2(dphi/2) = 2.9657e-4;
 *     cos(51.5074) cos(53.4808) = 0.62239 * 0.59497 = 0.37030;
 *     sin^2(dlambda/2) = 3.4057e-4; h = 2.9657e-4 + 0.37030 * 3.4057e-4 = 4.2269e-4;
 *     d = 2 R asin(sqrt h) = 2 * 3958.8 * 0.020561 = 162.79 miles;
 *   one degree of longitude across Greenwich at 51.5 N: 69.09 * cos(51.5) = 43.01 miles
 *     (the great circle is 0.0003 shorter than the parallel).
 */
static void distances(void **state)
{
	(void)state;
	near_miles("one degree of latitude", distance_miles(52000000, -1000000, 53000000, -1000000),
		   69.09);
	near_miles("one degree of latitude, southwards",
		   distance_miles(53000000, -1000000, 52000000, -1000000), 69.09);
	near_miles("London to Manchester", distance_miles(51507400, -127800, 53480800, -2242600),
		   162.79);
	near_miles("Manchester to London", distance_miles(53480800, -2242600, 51507400, -127800),
		   162.79);
	near_miles("a degree of longitude at 51.5 N across Greenwich",
		   distance_miles(51500000, -500000, 51500000, 500000), 43.01);
	near_miles("0.01 degree of latitude",
		   distance_miles(52000000, -1000000, 52010000, -1000000), 0.69);
	assert_true(distance_miles(52000000, -1000000, 52000000, -1000000) == 0.0);
	/* the corners of the box bench/placement.sh draws England in */
	near_miles("50.0 N 5.7 W to 55.8 N 1.7 E",
		   distance_miles(50000000, -5700000, 55800000, 1700000), 505.10);
}

static void ofsted_grades(void **state)
{
	(void)state;
	assert_int_equal(ofsted_parse("outstanding"), 1);
	assert_int_equal(ofsted_parse("good"), 2);
	assert_int_equal(ofsted_parse("requires_improvement"), 3);
	assert_int_equal(ofsted_parse("inadequate"), 4);
	assert_int_equal(ofsted_parse("Good"), 0);
	assert_int_equal(ofsted_parse("requires improvement"), 0);
	assert_int_equal(ofsted_parse("serious_weaknesses"), 0);
	assert_int_equal(ofsted_parse(""), 0);
	assert_int_equal(ofsted_parse(NULL), 0);
	assert_string_equal(ofsted_label(0), "Not yet inspected");
	assert_string_equal(ofsted_label(1), "Outstanding");
	assert_string_equal(ofsted_label(2), "Good");
	assert_string_equal(ofsted_label(3), "Requires improvement");
	assert_string_equal(ofsted_label(4), "Inadequate");
	assert_string_equal(ofsted_label(5), "Not yet inspected");
	assert_string_equal(ofsted_label(-1), "Not yet inspected");
	/* parse and label agree */
	static const char *const names[] = {"outstanding", "good", "requires_improvement",
					    "inadequate"};
	static const char *const labels[] = {"Outstanding", "Good", "Requires improvement",
					     "Inadequate"};
	for (int i = 0; i < 4; i++)
		assert_string_equal(ofsted_label(ofsted_parse(names[i])), labels[i]);
}

/* an empty directory, and a child with no need recorded */
static void empty_and_no_need(void **state)
{
	(void)state;
	struct rank_entry out[4];
	struct rank_result r = placement_rank(&asd8, NULL, 0, NULL, out, 4);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.considered, 0);
	assert_int_equal(r.full, 0);
	/* with no need, nothing is designated: the unit is ordered by distance only, the
	 * special and independent schools are never considered */
	struct rank_child c = asd8;
	c.need = NULL;
	expect("no primary need", &c, mixed, N_OF(mixed), NULL,
	       IDS("cedar", "dogwood", "oak", "birch"), 4, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mixed_directory_mainstream_suitable),
		cmocka_unit_test(mixed_directory_not_suitable),
		cmocka_unit_test(specialist_groups_in_turn),
		cmocka_unit_test(full_specialist_left_off_mainstream_stays),
		cmocka_unit_test(ties_by_distance_then_ofsted_then_name),
		cmocka_unit_test_setup(limit_and_its_default, make_fifteen),
		cmocka_unit_test(max_miles_default_20),
		cmocka_unit_test(no_coordinates_never_listed),
		cmocka_unit_test(age_range_inclusive),
		cmocka_unit_test(post16),
		cmocka_unit_test(reasons_in_words),
		cmocka_unit_test(kind_of_every_type_code),
		cmocka_unit_test(distances),
		cmocka_unit_test(ofsted_grades),
		cmocka_unit_test(empty_and_no_need),
	};
	return cmocka_run_group_tests_name("placement_rank", tests, NULL, NULL);
}
