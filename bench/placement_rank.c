/*
 * placement_rank.c: bench/placement.sh's program. A tailored list over a national
 * directory, timed as a ratio to the bare SQL it runs.
 *
 * seed: fills a migrated SQLite database with a made-up national directory of N settings
 * spread over England (the same ones for the same N: its own PRNG, seeded with a fixed
 * number), children on the settings' rolls, and runs ANALYZE. Kinds in realistic shares
 * (63% primary, 14% secondary, 1% all-through, 8% independent mainstream, 2% nursery, 6%
 * special, 2% independent special, 1.5% AP, 2% FE and sixth form, 0.5% specialist
 * post-16), age ranges by kind, capacities (3% not known), Ofsted grades (4% none),
 * designations for special schools, units and resourced provision. Places are drawn
 * around 39 towns and cities weighted by size, most within a few miles of one, the rest
 * up to some 30 miles away, inside England's box (lat 50.0-55.8, lon -5.7-1.7) and out of
 * Wales and Scotland. Specialist settings are 72-108% full, so about a fifth have no
 * place; mainstream schools have about 1.5% of their capacity on the roll (children with
 * plans), units 8-19 more; one roll row in twenty has ended (those do not count).
 *
 * run: for H child homes drawn the same way (ages 3-18, needs in SEN2-like shares, 55%
 * suitable for mainstream), in ROUNDS rounds of SECONDS each side:
 *   (a) bare: PLACEMENT_CANDIDATES_SQL and PLACEMENT_CANDIDATE_NEEDS_SQL straight on
 *       SQLite, prepared once, with the bindings placement_candidates gives them (a box of
 *       max_miles around home, the age), stepping every row and reading every column;
 *   (b) the tailored list: placement_candidates() and placement_rank() (limit 10, 20
 *       miles), through sendap's db layer, as src/placement/tailored.c makes one.
 * Prints the query plans (EXPLAIN QUERY PLAN), the candidate counts, microseconds per
 * list on each side and the ratio (b)/(a), per round and the median.
 *
 * usage: placement_rank seed DB SETTINGS
 *        placement_rank run DB HOMES SECONDS ROUNDS
 */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "placement/placement.h"
#include "platform/arena.h"
#include "platform/db.h"

#define MAX_MILES 20
#define LIMIT 10
/* the box is max_miles times these: src/placement/candidates.c's (rank.h has them in newer
 * trees; keep in step otherwise) */
#ifndef LAT_PER_MILE
#define LAT_PER_MILE 14500
#endif
#ifndef LON_PER_MILE
#define LON_PER_MILE 26400
#endif

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* cpu_s: this thread's CPU time, which other work on the machine does not inflate */
static double cpu_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ---- a small PRNG (splitmix64): the same numbers for the same seed everywhere ---- */

struct rng {
	uint64_t s;
};

static uint64_t next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* unif: [0, 1) */
static double unif(struct rng *r)
{
	return (double)(next(r) >> 11) * (1.0 / 9007199254740992.0);
}

static unsigned below(struct rng *r, unsigned n)
{
	return (unsigned)(next(r) % n);
}

static int between(struct rng *r, int lo, int hi)
{
	return lo + (int)below(r, (unsigned)(hi - lo + 1));
}

/* gauss: a standard normal draw (Box-Muller) */
static double gauss(struct rng *r)
{
	double u1 = 1.0 - unif(r), u2 = unif(r);
	return sqrt(-2.0 * log(u1)) * cos(2.0 * 3.14159265358979323846 * u2);
}

#define PICK(r, a) ((a)[below((r), (unsigned)(sizeof(a) / sizeof((a)[0])))])
#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---- where: towns and cities, weighted roughly by size ---- */

static const struct {
	double lat, lon;
	int weight;
} towns[] = {
	{51.5074, -0.1278, 90}, {52.4862, -1.8904, 25}, {53.4808, -2.2426, 25},
	{53.8008, -1.5491, 18}, {53.4084, -2.9916, 12}, {54.9783, -1.6178, 10},
	{53.3811, -1.4701, 12}, {51.4545, -2.5879, 10}, {52.9548, -1.1581, 10},
	{52.6369, -1.1398, 8},  {50.9097, -1.4044, 8},  {50.3755, -4.1427, 4},
	{52.6309, 1.2974, 4},   {50.7184, -3.5339, 3},  {52.2053, 0.1218, 4},
	{51.7520, -1.2577, 4},  {50.8225, -0.1372, 5},  {53.7676, -0.3274, 5},
	{53.9600, -1.0873, 3},  {54.8925, -2.9329, 2},  {52.0567, 1.1482, 3},
	{51.4543, -0.9781, 5},  {53.0027, -2.1794, 5},  {54.5742, -1.2350, 4},
	{53.7632, -2.7031, 4},  {53.2307, -0.5406, 2},  {50.2632, -5.0510, 1},
	{51.2802, 1.0789, 2},   {50.7192, -1.8808, 4},  {52.4068, -1.5197, 6},
	{52.9225, -1.4746, 5},  {52.0406, -0.7594, 4},  {51.5558, -1.7797, 3},
	{51.8642, -2.2382, 3},  {52.5695, -0.2405, 3},  {52.7073, -2.7553, 2},
	{54.3280, -2.7463, 1},  {51.8959, 0.8919, 3},   {51.7356, 0.4685, 3},
};

/* place: a point in England near a town (60% within about 5 miles, the rest about 30) */
static void place(struct rng *r, int32_t *lat_e6, int32_t *lon_e6)
{
	int total = 0;
	for (size_t i = 0; i < N_OF(towns); i++)
		total += towns[i].weight;
	for (;;) {
		int w = (int)below(r, (unsigned)total);
		size_t t = 0;
		while (w >= towns[t].weight)
			w -= towns[t++].weight;
		double sd = unif(r) < 0.6 ? 0.07 : 0.45; /* degrees of latitude */
		double lat = towns[t].lat + sd * gauss(r);
		double lon = towns[t].lon + sd * 1.6 * gauss(r);
		if (lat < 50.0 || lat > 55.8 || lon < -5.7 || lon > 1.7)
			continue;
		if (lat > 51.35 && lat < 53.35 && lon < -3.05) /* Wales */
			continue;
		if (lat > 55.0 && lon < -2.1) /* Scotland */
			continue;
		*lat_e6 = (int32_t)lround(lat * 1e6);
		*lon_e6 = (int32_t)lround(lon * 1e6);
		return;
	}
}

/* ---- seed ---- */

enum bkind {
	B_PRIMARY,
	B_SECONDARY,
	B_ALLTHROUGH,
	B_INDEP,
	B_NURSERY,
	B_SPECIAL,
	B_INDSPECIAL,
	B_AP,
	B_FE,
	B_SPI,
	B_COUNT
};
static const int shares[B_COUNT] = {630, 140, 10, 80, 20, 60, 20, 15, 20, 5}; /* per mille */

/* designations, weighted by repetition */
static const char *const special_needs[] = {"ASD",  "ASD",  "ASD",  "ASD",  "SLD", "SLD",
					    "PMLD", "SEMH", "SEMH", "SEMH", "MLD", "MLD",
					    "PD",   "SLCN", "SLCN", "HI",   "VI",  "MSI"};
static const char *const indep_needs[] = {"ASD",  "ASD",  "ASD",  "SEMH", "SEMH",
					  "SEMH", "SLCN", "SPLD", "SLD"};
static const char *const unit_needs[] = {"ASD", "ASD",  "ASD",  "SLCN", "SLCN",
					 "HI",  "SEMH", "SPLD", "VI",   "PD"};
/* children's primary needs, roughly as SEN2 counts them for plans */
static const char *const child_needs[] = {
	"ASD",  "ASD",  "ASD",  "ASD",  "ASD", "ASD", "SLCN", "SLCN", "SLCN", "SLCN",
	"SEMH", "SEMH", "SEMH", "SEMH", "MLD", "MLD", "SLD",  "SPLD", "PMLD", "PD",
};

static const char *const name_a[] = {"Ash",  "Beck",  "Brook", "Castle", "Church", "Cross", "Elm",
				     "Fair", "Green", "Hall",  "Hill",   "King",   "Lang",  "Lee",
				     "Long", "Mill",  "New",   "North",  "Oak",    "Park",  "Queen",
				     "Red",  "Rose",  "South", "Stan",   "Stone",  "Sut",   "Thorn",
				     "Wal",  "West",  "Wood",  "Yar"};
static const char *const name_b[] = {"bury", "field", "ford",  "gate",  "ham",
				     "ley",  "mead",  "stead", "ton",   "well",
				     "wick", "worth", "dale",  "hurst", "combe"};
static const char *const given[] = {"Amara", "Ben",   "Chloe",  "Dev",   "Ella", "Finn",
				    "Grace", "Hamza", "Isla",   "Jack",  "Kai",  "Layla",
				    "Mia",   "Noah",  "Olivia", "Priya", "Ruby", "Sam"};
static const char *const family[] = {"Adams", "Begum",   "Clarke", "Davies", "Evans",  "Fox",
				     "Green", "Hussain", "Jones",  "Khan",   "Lewis",  "Murphy",
				     "Nowak", "Patel",   "Smith",  "Taylor", "Walker", "Wright"};

static void make_id(struct rng *r, char out[23])
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	for (int i = 0; i < 22; i++)
		out[i] = b64[next(r) >> 58];
	out[22] = '\0';
}

static void lower(const char *s, char *out, size_t n)
{
	size_t i = 0;
	for (; s[i] && i + 1 < n; i++)
		out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
	out[i] = '\0';
}

static int must(sqlite3 *db, int rc, const char *what)
{
	if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
		fprintf(stderr, "placement_rank: %s: %s\n", what, sqlite3_errmsg(db));
		exit(1);
	}
	return rc;
}

static void step_reset(sqlite3 *db, sqlite3_stmt *st, const char *what)
{
	must(db, sqlite3_step(st), what);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/* a setting's generated facts */
struct gen {
	enum bkind k;
	const char *type, *phase, *suffix;
	int age_from, age_to, capacity, unit, rp, n_needs;
	const char *needs[3];
};

static void pick_needs(struct rng *r, struct gen *g, const char *const *list, size_t n, int k)
{
	g->n_needs = 0;
	for (int tries = 0; g->n_needs < k && tries < 20; tries++) {
		const char *x = list[below(r, (unsigned)n)];
		int dup = 0;
		for (int j = 0; j < g->n_needs; j++)
			dup |= strcmp(g->needs[j], x) == 0;
		if (!dup)
			g->needs[g->n_needs++] = x;
	}
}

static void generate(struct rng *r, struct gen *g)
{
	int w = (int)below(r, 1000);
	enum bkind k = B_PRIMARY;
	while (w >= shares[k])
		w -= shares[k++];
	memset(g, 0, sizeof(*g));
	g->k = k;
	switch (k) {
	case B_PRIMARY: {
		static const char *const t[] = {"34", "34", "01", "01", "01",
						"28", "02", "03", "05"};
		static const int caps[] = {210, 315, 420, 420, 630};
		g->type = PICK(r, t);
		g->phase = "2";
		g->suffix = "Primary School";
		g->age_from = unif(r) < 0.3 ? 3 : 4;
		g->age_to = 11;
		g->capacity = PICK(r, caps);
		g->unit = unif(r) < 0.10;
		g->rp = !g->unit && unif(r) < 0.09;
		break;
	}
	case B_SECONDARY: {
		static const char *const t[] = {"34", "34", "34", "28", "01", "35", "05"};
		g->type = PICK(r, t);
		g->phase = "4";
		g->suffix = "Academy";
		g->age_from = 11;
		g->age_to = unif(r) < 0.4 ? 16 : 18;
		g->capacity = 600 + 30 * between(r, 0, 40);
		g->unit = unif(r) < 0.08;
		g->rp = !g->unit && unif(r) < 0.10;
		break;
	}
	case B_ALLTHROUGH: {
		static const char *const t[] = {"34", "28", "35"};
		g->type = PICK(r, t);
		g->phase = "7";
		g->suffix = "All-through Academy";
		g->age_from = 4;
		g->age_to = 18;
		g->capacity = between(r, 1200, 2000);
		g->unit = unif(r) < 0.10;
		break;
	}
	case B_INDEP: {
		static const int ranges[][2] = {{3, 18}, {3, 11}, {11, 18}, {7, 18}};
		unsigned v = below(r, N_OF(ranges));
		g->type = "11";
		g->phase = "0";
		g->suffix = "School";
		g->age_from = ranges[v][0];
		g->age_to = ranges[v][1];
		g->capacity = between(r, 80, 900);
		break;
	}
	case B_NURSERY:
		g->type = "15";
		g->phase = "1";
		g->suffix = "Nursery School";
		g->age_from = 2;
		g->age_to = 5;
		g->capacity = between(r, 50, 130);
		break;
	case B_SPECIAL: {
		static const char *const t[] = {"07", "07", "44", "44", "36", "12", "33"};
		static const int ranges[][2] = {{2, 19}, {2, 19},  {4, 19},  {4, 19},
						{4, 19}, {11, 19}, {11, 19}, {4, 11}};
		unsigned v = below(r, N_OF(ranges));
		g->type = PICK(r, t);
		g->phase = "0";
		g->suffix = "Special School";
		g->age_from = ranges[v][0];
		g->age_to = ranges[v][1];
		g->capacity = between(r, 60, 250);
		pick_needs(r, g, special_needs, N_OF(special_needs), between(r, 1, 3));
		break;
	}
	case B_INDSPECIAL: {
		static const int ranges[][2] = {{5, 19}, {7, 19}, {11, 19}, {8, 18}, {4, 16}};
		unsigned v = below(r, N_OF(ranges));
		g->type = unif(r) < 0.2 ? "08" : "10";
		g->phase = "0";
		g->suffix = "House School";
		g->age_from = ranges[v][0];
		g->age_to = ranges[v][1];
		g->capacity = between(r, 20, 100);
		pick_needs(r, g, indep_needs, N_OF(indep_needs), between(r, 1, 2));
		break;
	}
	case B_AP: {
		static const char *const t[] = {"14", "14", "42", "43", "38"};
		g->type = PICK(r, t);
		g->phase = "0";
		g->suffix = "Pupil Referral Unit";
		g->age_from = unif(r) < 0.8 ? 11 : 5;
		g->age_to = 16;
		g->capacity = between(r, 20, 90);
		break;
	}
	case B_FE: {
		static const char *const t[] = {"18", "18", "31", "39", "45"};
		g->type = PICK(r, t);
		g->phase = "6";
		g->suffix = g->type[0] == '1' ? "College" : "Sixth Form College";
		g->age_from = 16;
		g->age_to = g->type[0] == '1' ? 25 : 19;
		g->capacity = between(r, 800, 5000);
		break;
	}
	case B_SPI:
	default:
		g->type = "32";
		g->phase = "6";
		g->suffix = "Specialist College";
		g->age_from = 16;
		g->age_to = 25;
		g->capacity = between(r, 20, 120);
		pick_needs(r, g, special_needs, N_OF(special_needs), between(r, 1, 3));
		break;
	}
	if (g->unit || g->rp)
		pick_needs(r, g, unit_needs, N_OF(unit_needs), 1);
	if (unif(r) < 0.03)
		g->capacity = -1;
}

/* roll: how many children are on the setting's roll */
static int roll(struct rng *r, const struct gen *g)
{
	int specialist = g->k == B_SPECIAL || g->k == B_INDSPECIAL || g->k == B_SPI;
	if (specialist)
		return g->capacity < 0 ? between(r, 40, 160)
				       : (int)lround(g->capacity * (0.72 + 0.36 * unif(r)));
	int cap = g->capacity < 0 ? 300 : g->capacity;
	int n = (int)lround(cap * (g->k == B_AP ? 0.6 : 0.03) * unif(r));
	if (g->unit || g->rp)
		n += between(r, 8, 19);
	return n;
}

static int seed(const char *path, int n_settings)
{
	double t0 = now_s();
	sqlite3 *db;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		fprintf(stderr, "placement_rank: cannot open %s\n", path);
		return 1;
	}
	must(db,
	     sqlite3_exec(db,
			  "PRAGMA foreign_keys=ON; PRAGMA journal_mode=OFF;"
			  " PRAGMA synchronous=OFF; PRAGMA cache_size=-262144",
			  NULL, NULL, NULL),
	     "pragmas");
	/* a throw-away database: no journal while it is filled, WAL (as sendap runs it)
	 * after */
	/* the local authorities of today, to give each setting and child one */
	char(*las)[8] = NULL;
	size_t n_las = 0;
	sqlite3_stmt *st;
	must(db,
	     sqlite3_prepare_v2(
		     db,
		     "SELECT code FROM local_authority WHERE effective_to IS NULL ORDER BY code",
		     -1, &st, NULL),
	     "local authorities");
	while (sqlite3_step(st) == SQLITE_ROW) {
		char(*more)[8] = realloc(las, (n_las + 1) * sizeof(*las));
		if (!more)
			return 1;
		las = more;
		snprintf(las[n_las++], 8, "%s", (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	if (!n_las) {
		fprintf(stderr, "placement_rank: no local authorities: migrate with --reference\n");
		return 1;
	}
	sqlite3_stmt *org, *need, *child, *cs;
	must(db,
	     sqlite3_prepare_v2(
		     db,
		     "INSERT INTO organisation (id, kind, name, la_code, urn, setting_type, phase,"
		     " age_from, age_to, capacity, sen_unit, resourced_provision, lat_e6, lon_e6,"
		     " ofsted, created_at) VALUES (?1, 'setting', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
		     " ?10, ?11, ?12, ?13, ?14, '2026-01-05T09:00:00Z')",
		     -1, &org, NULL),
	     "organisation");
	must(db,
	     sqlite3_prepare_v2(db,
				"INSERT INTO organisation_need (organisation_id, need_code)"
				" VALUES (?1, ?2)",
				-1, &need, NULL),
	     "organisation_need");
	must(db,
	     sqlite3_prepare_v2(
		     db,
		     "INSERT INTO child (id, given_name, family_name, search_given, search_family,"
		     " date_of_birth, sex, la_code, primary_need, sen_status, created_at,"
		     " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'ehcp',"
		     " '2026-01-05T09:00:00Z', '2026-01-05T09:00:00Z')",
		     -1, &child, NULL),
	     "child");
	must(db,
	     sqlite3_prepare_v2(db,
				"INSERT INTO child_setting (child_id, organisation_id, relation,"
				" started_on, ended_on) VALUES (?1, ?2, 'roll', ?3, ?4)",
				-1, &cs, NULL),
	     "child_setting");
	must(db, sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), "begin");
	struct rng r = {20260105};
	long kinds[B_COUNT] = {0}, units = 0, designations = 0, children = 0, ended = 0;
	for (int i = 0; i < n_settings; i++) {
		struct gen g;
		generate(&r, &g);
		kinds[g.k]++;
		units += g.unit || g.rp;
		char id[23], name[160];
		make_id(&r, id);
		snprintf(name, sizeof(name), "%s%s %s", PICK(&r, name_a), PICK(&r, name_b),
			 g.suffix);
		int32_t lat, lon;
		place(&r, &lat, &lon);
		double u = unif(&r);
		const char *ofsted = u < 0.15   ? "outstanding"
				     : u < 0.80 ? "good"
				     : u < 0.92 ? "requires_improvement"
				     : u < 0.96 ? "inadequate"
						: NULL;
		const char *la = las[below(&r, (unsigned)n_las)];
		char urn[12];
		snprintf(urn, sizeof(urn), "%d", 100000 + i);
		sqlite3_bind_text(org, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(org, 2, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(org, 3, la, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(org, 4, urn, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(org, 5, g.type, -1, SQLITE_STATIC);
		sqlite3_bind_text(org, 6, g.phase, -1, SQLITE_STATIC);
		sqlite3_bind_int(org, 7, g.age_from);
		sqlite3_bind_int(org, 8, g.age_to);
		if (g.capacity >= 0)
			sqlite3_bind_int(org, 9, g.capacity);
		sqlite3_bind_int(org, 10, g.unit);
		sqlite3_bind_int(org, 11, g.rp);
		sqlite3_bind_int(org, 12, lat);
		sqlite3_bind_int(org, 13, lon);
		if (ofsted)
			sqlite3_bind_text(org, 14, ofsted, -1, SQLITE_STATIC);
		step_reset(db, org, "insert organisation");
		for (int j = 0; j < g.n_needs; j++) {
			sqlite3_bind_text(need, 1, id, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(need, 2, g.needs[j], -1, SQLITE_STATIC);
			step_reset(db, need, "insert organisation_need");
			designations++;
		}
		int on_roll = roll(&r, &g);
		for (int j = 0; j < on_roll; j++) {
			/* one in twenty has left as well: an ended row that does not count */
			int left = unif(&r) < 0.05;
			for (int pass = 0; pass <= left; pass++) {
				char cid[23], gl[32], fl[32], dob[24], start[24];
				make_id(&r, cid);
				const char *gn = PICK(&r, given), *fn = PICK(&r, family);
				lower(gn, gl, sizeof(gl));
				lower(fn, fl, sizeof(fl));
				int age = between(&r, g.age_from < 2 ? 2 : g.age_from,
						  g.age_to > 24 ? 24 : g.age_to);
				snprintf(dob, sizeof(dob), "%04d-%02d-%02d", 2025 - age,
					 between(&r, 1, 12), between(&r, 1, 28));
				snprintf(start, sizeof(start), "%04d-09-01",
					 2025 - between(&r, 0, 4));
				sqlite3_bind_text(child, 1, cid, -1, SQLITE_TRANSIENT);
				sqlite3_bind_text(child, 2, gn, -1, SQLITE_STATIC);
				sqlite3_bind_text(child, 3, fn, -1, SQLITE_STATIC);
				sqlite3_bind_text(child, 4, gl, -1, SQLITE_TRANSIENT);
				sqlite3_bind_text(child, 5, fl, -1, SQLITE_TRANSIENT);
				sqlite3_bind_text(child, 6, dob, -1, SQLITE_TRANSIENT);
				sqlite3_bind_text(child, 7, unif(&r) < 0.7 ? "M" : "F", -1,
						  SQLITE_STATIC);
				sqlite3_bind_text(child, 8, la, -1, SQLITE_TRANSIENT);
				sqlite3_bind_text(child, 9, PICK(&r, child_needs), -1,
						  SQLITE_STATIC);
				step_reset(db, child, "insert child");
				sqlite3_bind_text(cs, 1, cid, -1, SQLITE_TRANSIENT);
				sqlite3_bind_text(cs, 2, id, -1, SQLITE_TRANSIENT);
				sqlite3_bind_text(cs, 3, start, -1, SQLITE_TRANSIENT);
				if (pass)
					sqlite3_bind_text(cs, 4, "2025-07-20", -1, SQLITE_STATIC);
				step_reset(db, cs, "insert child_setting");
				children++;
				ended += pass;
			}
		}
	}
	must(db, sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), "commit");
	sqlite3_finalize(org);
	sqlite3_finalize(need);
	sqlite3_finalize(child);
	sqlite3_finalize(cs);
	double t1 = now_s();
	must(db, sqlite3_exec(db, "ANALYZE; PRAGMA journal_mode=WAL", NULL, NULL, NULL), "analyze");
	sqlite3_close(db);
	free(las);
	static const char *const labels[B_COUNT] = {
		"primary", "secondary",      "all-through", "independent",   "nursery",
		"special", "indep. special", "AP",          "FE/sixth form", "specialist post-16"};
	printf("directory: %d settings (", n_settings);
	for (int k = 0; k < B_COUNT; k++)
		printf("%s%s %ld", k ? ", " : "", labels[k], kinds[k]);
	printf("),\n  %ld with a unit or RP, %ld designations; %ld children on rolls (%ld of "
	       "them ended)\n  seeded in %.1f s, ANALYZE %.1f s\n",
	       units, designations, children, ended, t1 - t0, now_s() - t1);
	return 0;
}

/* ---- run ---- */

struct home {
	struct rank_child c;
};

static void homes_make(struct home *h, int n)
{
	struct rng r = {424242};
	for (int i = 0; i < n; i++) {
		memset(&h[i], 0, sizeof(h[i]));
		h[i].c.age = between(&r, 3, 18);
		h[i].c.need = PICK(&r, child_needs);
		h[i].c.mainstream_suitable = unif(&r) < 0.55;
		h[i].c.has_coords = 1;
		place(&r, &h[i].c.lat_e6, &h[i].c.lon_e6);
	}
}

/* bare: the two statements for one home, every row stepped and every column read */
struct bare {
	sqlite3 *db;
	sqlite3_stmt *box, *needs;
	int box_i[6], needs_i[5]; /* the index of "$n" in each statement */
};

static long bare_list(struct bare *b, const struct rank_child *c, long *rows, long *need_rows)
{
	int32_t dlat = MAX_MILES * LAT_PER_MILE, dlon = MAX_MILES * LON_PER_MILE;
	int64_t v[6] = {0,
			(int64_t)c->lat_e6 - dlat,
			(int64_t)c->lat_e6 + dlat,
			(int64_t)c->lon_e6 - dlon,
			(int64_t)c->lon_e6 + dlon,
			c->age};
	long bytes = 0;
	for (int k = 1; k <= 5; k++)
		sqlite3_bind_int64(b->box, b->box_i[k], v[k]);
	for (int k = 1; k <= 4; k++)
		sqlite3_bind_int64(b->needs, b->needs_i[k], v[k]);
	while (sqlite3_step(b->box) == SQLITE_ROW) {
		/* as placement_candidates reads them: text or integer */
		for (int i = 0; i < 12; i++) {
			if (i <= 2 || i == 10) {
				const unsigned char *t = sqlite3_column_text(b->box, i);
				bytes += t ? (long)strlen((const char *)t) : 0;
			} else {
				bytes += (long)(sqlite3_column_int64(b->box, i) & 1);
			}
		}
		(*rows)++;
	}
	sqlite3_reset(b->box);
	while (sqlite3_step(b->needs) == SQLITE_ROW) {
		for (int i = 0; i < 2; i++) {
			const unsigned char *t = sqlite3_column_text(b->needs, i);
			bytes += t ? (long)strlen((const char *)t) : 0;
		}
		(*need_rows)++;
	}
	sqlite3_reset(b->needs);
	return bytes;
}

struct tally {
	long lists, candidates, entries, considered, full;
	double t_candidates, t_rank;
};

static int full_list(struct db *db, const struct rank_child *c, struct tally *t, int timed)
{
	struct arena a;
	arena_init(&a, 0);
	struct rank_setting *s = NULL;
	size_t n = 0;
	double t0 = timed ? now_s() : 0;
	int rc = placement_candidates(db, c->lat_e6, c->lon_e6, c->age, MAX_MILES, &a, &s, &n);
	double t1 = timed ? now_s() : 0;
	if (rc) {
		fprintf(stderr, "placement_rank: placement_candidates: %d (%s)\n", rc,
			db_errcode(db));
		arena_release(&a);
		return rc;
	}
	struct rank_entry out[LIMIT];
	struct rank_options o = {.max_miles = MAX_MILES, .limit = LIMIT};
	struct rank_result r = placement_rank(c, s, n, &o, out, LIMIT);
	if (timed) {
		t->t_candidates += t1 - t0;
		t->t_rank += now_s() - t1;
	}
	t->lists++;
	t->candidates += (long)n;
	t->entries += (long)r.n;
	t->considered += (long)r.considered;
	t->full += (long)r.full;
	free(s);
	arena_release(&a);
	return 0;
}

static int explain(sqlite3 *db, const char *label, const char *sql)
{
	char q[2048];
	snprintf(q, sizeof(q), "EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *st;
	must(db, sqlite3_prepare_v2(db, q, -1, &st, NULL), "explain");
	int uses = 0;
	printf("  %s:\n", label);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(st, 3);
		printf("    %s\n", d ? d : "");
		if (d && strstr(d, "USING INDEX organisation_place") && strstr(d, "SEARCH o"))
			uses = 1;
	}
	sqlite3_finalize(st);
	printf("    -> %s the organisation_place index for the box\n",
	       uses ? "uses" : "DOES NOT USE");
	return uses;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return x < y ? -1 : x > y;
}

static int run(const char *path, int n_homes, double seconds, int rounds)
{
	struct home *homes = calloc((size_t)n_homes, sizeof(*homes));
	long *per_home = calloc((size_t)n_homes, sizeof(*per_home));
	double *ra = calloc((size_t)rounds, sizeof(double)),
	       *rb = calloc((size_t)rounds, sizeof(double)),
	       *rr = calloc((size_t)rounds, sizeof(double));
	if (!homes || !per_home || !ra || !rb || !rr)
		return 1;
	homes_make(homes, n_homes);

	struct bare b = {0};
	if (sqlite3_open_v2(path, &b.db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		fprintf(stderr, "placement_rank: cannot open %s\n", path);
		return 1;
	}
	/* the same connection settings as sendap's (src/platform/db_sqlite.c) */
	must(b.db,
	     sqlite3_exec(b.db,
			  "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
			  " PRAGMA foreign_keys=ON; PRAGMA mmap_size=268435456;",
			  NULL, NULL, NULL),
	     "pragmas");
	must(b.db,
	     sqlite3_prepare_v3(b.db, PLACEMENT_CANDIDATES_SQL, -1, SQLITE_PREPARE_PERSISTENT,
				&b.box, NULL),
	     "prepare the box");
	must(b.db,
	     sqlite3_prepare_v3(b.db, PLACEMENT_CANDIDATE_NEEDS_SQL, -1, SQLITE_PREPARE_PERSISTENT,
				&b.needs, NULL),
	     "prepare the designations");
	for (int k = 1; k <= 5; k++) {
		char name[4];
		snprintf(name, sizeof(name), "$%d", k);
		b.box_i[k] = sqlite3_bind_parameter_index(b.box, name);
		if (k <= 4)
			b.needs_i[k] = sqlite3_bind_parameter_index(b.needs, name);
	}

	printf("query plans (EXPLAIN QUERY PLAN):\n");
	int uses = explain(b.db, "PLACEMENT_CANDIDATES_SQL", PLACEMENT_CANDIDATES_SQL);
	uses &= explain(b.db, "PLACEMENT_CANDIDATE_NEEDS_SQL", PLACEMENT_CANDIDATE_NEEDS_SQL);

	struct db *db;
	int rc = db_open(path, &db);
	if (rc) {
		fprintf(stderr, "placement_rank: db_open %s: %d\n", path, rc);
		return 1;
	}

	/* one pass of each to warm the caches, and the counts; both must see the same rows */
	struct tally t0 = {0};
	long rows = 0, need_rows = 0, suitable = 0;
	for (int i = 0; i < n_homes; i++) {
		long before = rows;
		bare_list(&b, &homes[i].c, &rows, &need_rows);
		per_home[i] = rows - before;
		long cand = t0.candidates;
		if (full_list(db, &homes[i].c, &t0, 0))
			return 1;
		if (t0.candidates - cand != per_home[i]) {
			fprintf(stderr, "placement_rank: home %d: %ld rows bare, %ld candidates\n",
				i, per_home[i], t0.candidates - cand);
			return 1;
		}
		suitable += homes[i].c.mainstream_suitable;
	}
	qsort(per_home, (size_t)n_homes, sizeof(*per_home), cmp_long);
	printf("%d homes (%ld suitable for mainstream), a box of %d miles, limit %d:\n", n_homes,
	       suitable, MAX_MILES, LIMIT);
	printf("  candidates per list (the box, ages): mean %.0f, min %ld, median %ld, p90 %ld,"
	       " max %ld\n",
	       (double)rows / n_homes, per_home[0], per_home[n_homes / 2],
	       per_home[n_homes * 9 / 10], per_home[n_homes - 1]);
	printf("  designation rows per list: mean %.0f; within 20 miles and suitable: mean %.0f;"
	       " full: mean %.1f; listed: mean %.1f\n",
	       (double)need_rows / n_homes, (double)t0.considered / n_homes,
	       (double)t0.full / n_homes, (double)t0.entries / n_homes);

	/* each home's two lists are timed back to back, (a) first for even homes and (b)
	 * first for odd ones, so both sides see the same load from other work */
	printf("timing: %d rounds of about %.1f s, whole passes over the homes, each home's"
	       " (a) and (b) back to back:\n",
	       rounds, 2 * seconds);
	double *ca = calloc((size_t)rounds, sizeof(double)),
	       *cb = calloc((size_t)rounds, sizeof(double)),
	       *cr = calloc((size_t)rounds, sizeof(double)), cand_share = 0;
	if (!ca || !cb || !cr)
		return 1;
	for (int round = 0; round < rounds; round++) {
		long lists = 0, dummy_r = 0, dummy_n = 0;
		double wall[2] = {0, 0}, cpu[2] = {0, 0};
		struct tally t = {0};
		double s0 = now_s();
		do {
			for (int i = 0; i < n_homes; i++)
				for (int k = 0; k < 2; k++) {
					int side = (i + k) % 2; /* 0: (a), 1: (b) */
					double w0 = now_s(), c0 = cpu_s();
					if (side == 0)
						bare_list(&b, &homes[i].c, &dummy_r, &dummy_n);
					else if (full_list(db, &homes[i].c, &t, 1))
						return 1;
					wall[side] += now_s() - w0;
					cpu[side] += cpu_s() - c0;
				}
			lists += n_homes;
		} while (now_s() - s0 < 2 * seconds);
		ra[round] = wall[0] * 1e6 / (double)lists;
		rb[round] = wall[1] * 1e6 / (double)lists;
		rr[round] = wall[1] / wall[0];
		ca[round] = cpu[0] * 1e6 / (double)lists;
		cb[round] = cpu[1] * 1e6 / (double)lists;
		cr[round] = cpu[1] / cpu[0];
		cand_share += t.t_candidates / (t.t_candidates + t.t_rank) / rounds;
		printf("  round %d, %ld lists each: (a) %.1f us, (b) %.1f us (candidates %.1f +"
		       " rank %.1f), %.2fx; CPU time (a) %.1f us, (b) %.1f us, %.2fx\n",
		       round + 1, lists, ra[round], rb[round],
		       t.t_candidates * 1e6 / (double)t.lists, t.t_rank * 1e6 / (double)t.lists,
		       rr[round], ca[round], cb[round], cr[round]);
	}
	qsort(ra, (size_t)rounds, sizeof(double), cmp_double);
	qsort(rb, (size_t)rounds, sizeof(double), cmp_double);
	qsort(rr, (size_t)rounds, sizeof(double), cmp_double);
	qsort(ca, (size_t)rounds, sizeof(double), cmp_double);
	qsort(cb, (size_t)rounds, sizeof(double), cmp_double);
	qsort(cr, (size_t)rounds, sizeof(double), cmp_double);
	printf("median of %d rounds, per list:       wall-clock            CPU time\n", rounds);
	printf("  (a) bare SQL (both statements)    %9.1f us        %9.1f us\n", ra[rounds / 2],
	       ca[rounds / 2]);
	printf("  (b) placement_candidates + rank   %9.1f us        %9.1f us\n", rb[rounds / 2],
	       cb[rounds / 2]);
	printf("  ratio (b)/(a)                     %9.2fx         %9.2fx\n", rr[rounds / 2],
	       cr[rounds / 2]);
	printf("  (b) in placement_candidates: %.0f%%; in placement_rank: %.0f%%\n",
	       100 * cand_share, 100 * (1 - cand_share));
	free(ca);
	free(cb);
	free(cr);
	if (!uses)
		printf("NOTE: a query does not use the organisation_place index for the box\n");
	sqlite3_finalize(b.box);
	sqlite3_finalize(b.needs);
	sqlite3_close(b.db);
	db_close(db);
	free(homes);
	free(per_home);
	free(ra);
	free(rb);
	free(rr);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "seed") == 0)
		return seed(argv[2], (int)strtol(argv[3], NULL, 10));
	if (argc == 6 && strcmp(argv[1], "run") == 0) {
		int homes = (int)strtol(argv[3], NULL, 10), rounds = (int)strtol(argv[5], NULL, 10);
		double seconds = strtod(argv[4], NULL);
		if (homes < 1 || rounds < 1 || !(seconds > 0)) {
			fputs("placement_rank: HOMES and ROUNDS at least 1, SECONDS above 0\n",
			      stderr);
			return 2;
		}
		return run(argv[2], homes, seconds, rounds);
	}
	fputs("usage: placement_rank seed DB SETTINGS\n"
	      "       placement_rank run DB HOMES SECONDS ROUNDS\n",
	      stderr);
	return 2;
}
