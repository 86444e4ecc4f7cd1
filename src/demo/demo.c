/*
 * demo.c: builds the demo dataset of `sendap demo` (see demo.h). Every choice is drawn
 * from a splitmix64 stream seeded from --seed and the LA code, so an LA's data does not
 * depend on which other LAs are built with it. Rows are streamed straight into the store
 * through cached prepared statements inside one transaction; the only things held in
 * memory are the LAs' settings, so 100 000 children take seconds and little memory.
 *
 * The shares of SEN, EHC plans, sex, primary need and ethnicity are rounded from the
 * DfE's published statistics and kept together in the "figures" section below.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo.h"
#include "people/people.h"
#include "platform/auth.h"
#include "platform/err.h"
#include "platform/ids.h"
#include "platform/log.h"
#include "platform/migrate.h"

/* ---- figures ----
 *
 * Sources (rounded; a demo needs the shape, not the decimals):
 *  - DfE, "Special educational needs in England", academic year 2023/24 (published June
 *    2024) and 2024/25 (June 2025), explore-education-statistics.service.gov.uk/
 *    find-statistics/special-educational-needs-in-england: about 18-19% of pupils have
 *    SEN, about a quarter of them (4.8-5.3% of all pupils) an EHC plan; boys are about 73%
 *    of pupils with a plan and about 64% of those on SEN support; autism (ASD) is the most
 *    common primary need among plans, speech, language and communication needs (SLCN)
 *    among SEN support.
 *  - DfE, "Schools, pupils and their characteristics", January 2024: White British about
 *    64% of pupils, then any other White background, Black African, Pakistani, Indian.
 * Outside school age the shares are this file's own plausible guesses.
 */

/* primary need, per 1000 pupils with an EHC plan and per 1000 on SEN support */
static const struct need_share {
	const char *code;
	int ehcp, support;
} need_shares[] = {
	{"ASD", 330, 80}, {"SLCN", 210, 255}, {"SEMH", 150, 210}, {"MLD", 85, 140},
	{"SLD", 70, 10},  {"SPLD", 30, 145},  {"PD", 38, 25},     {"HI", 20, 15},
	{"VI", 10, 8},    {"MSI", 3, 2},      {"PMLD", 20, 1},    {"DS", 10, 4},
	{"OTH", 24, 50},  {"NSA", 0, 55},
};

/* SEN by cohort (age on 31 August): per 1000 children, and per 1000 of those with SEN
 * the share with a plan. Compulsory school age (cohorts 4-15, Reception to Year 11)
 * follows the DfE figures; SEN support ends with school, so adults have plans only. */
static const struct sen_band {
	int from, to;
	int sen, ehcp;
} sen_bands[] = {
	{0, 1, 10, 300},    {2, 3, 60, 200},    {4, 15, 190, 250},
	{16, 17, 130, 400}, {18, 19, 60, 1000}, {20, 23, 25, 1000},
};

/* boys per 1000: with a plan, on SEN support, without SEN (so that about 51% overall) */
#define MALE_EHCP 730
#define MALE_SUPPORT 640
#define MALE_NONE 475

/* ethnicity per 1000 pupils (DfE census codes) */
static const struct code_share {
	const char *code;
	int w;
} ethnicity_shares[] = {
	{"WBRI", 640}, {"WIRI", 3},  {"WIRT", 2},  {"WOTH", 70}, {"WROM", 7},
	{"MWBC", 15},  {"MWBA", 10}, {"MWAS", 15}, {"MOTH", 25}, {"AIND", 35},
	{"APKN", 45},  {"ABAN", 20}, {"AOTH", 20}, {"BCRB", 10}, {"BAFR", 45},
	{"BOTH", 8},   {"CHNE", 5},  {"OOTH", 20}, {"REFU", 5},
};

/* children per 1000 in each cohort 0..23: weighted to school age */
static const int cohort_weights[24] = {
	30, 30, 30, 30,             /* 0-3: early years */
	55, 55, 55, 55, 55, 55, 55, /* 4-10: Reception to Year 6 */
	55, 55, 55, 55, 55,         /* 11-15: Years 7 to 11 */
	40, 40,                     /* 16-17: Years 12 and 13 */
	25, 25, 25, 20, 15, 15,     /* 18-23 */
};
#define SCHOOL_FIRST 4
#define SCHOOL_LAST 15

/* ---- word lists ---- */

static const char *const girls[] = {
	"Olivia",    "Amelia", "Isla",    "Ava",    "Ivy",      "Freya",  "Lily",   "Florence",
	"Mia",       "Willow", "Rosie",   "Sophia", "Isabella", "Grace",  "Daisy",  "Sienna",
	"Poppy",     "Elsie",  "Emily",   "Ella",   "Evelyn",   "Phoebe", "Sofia",  "Evie",
	"Charlotte", "Harper", "Matilda", "Ruby",   "Alice",    "Maya",   "Aisha",  "Fatima",
	"Zainab",    "Maryam", "Amira",   "Hafsa",  "Priya",    "Ananya", "Simran", "Chloe",
	"Niamh",     "Aoife",  "Siobhan", "Zofia",  "Maja",     "Oliwia", "Amara",  "Chiamaka",
	"Adaeze",    "Nia",    "Keisha",  "Mei",    "Lin",      "Yasmin", "Leah",   "Hannah",
	"Jessica",   "Megan",  "Bethany", "Sara",
};
static const char *const boys[] = {
	"Muhammad", "Noah",   "Oliver", "George",  "Leo",   "Arthur",    "Oscar",   "Harry",
	"Theodore", "Archie", "Jack",   "Charlie", "Henry", "Thomas",    "Freddie", "Alfie",
	"Finley",   "Teddy",  "Lucas",  "Jacob",   "Isaac", "Alexander", "Joshua",  "James",
	"William",  "Ethan",  "Samuel", "Daniel",  "Adam",  "Yusuf",     "Ibrahim", "Omar",
	"Ali",      "Hamza",  "Zayn",   "Arjun",   "Rohan", "Aarav",     "Dev",     "Kai",
	"Liam",     "Cian",   "Oisin",  "Jakub",   "Filip", "Antoni",    "Kwame",   "Tobi",
	"Chidi",    "Emeka",  "Jayden", "Tyrone",  "Wei",   "Jun",       "Mateo",   "Luca",
	"Ryan",     "Callum", "Nathan", "Ben",
};
static const char *const surnames[] = {
	"Smith",     "Jones",    "Williams", "Taylor",   "Brown",      "Davies",     "Evans",
	"Wilson",    "Thomas",   "Johnson",  "Roberts",  "Robinson",   "Thompson",   "Wright",
	"Walker",    "White",    "Edwards",  "Hughes",   "Green",      "Hall",       "Lewis",
	"Harris",    "Clarke",   "Patel",    "Jackson",  "Wood",       "Turner",     "Martin",
	"Cooper",    "Hill",     "Ward",     "Morris",   "Moore",      "Clark",      "Lee",
	"King",      "Baker",    "Harrison", "Morgan",   "Allen",      "James",      "Scott",
	"Phillips",  "Watson",   "Davis",    "Parker",   "Price",      "Bennett",    "Young",
	"Griffiths", "Mitchell", "Kelly",    "Cook",     "Carter",     "Richardson", "Bailey",
	"Collins",   "Bell",     "Shaw",     "Murphy",   "O'Brien",    "Byrne",      "Walsh",
	"Khan",      "Ahmed",    "Hussain",  "Ali",      "Begum",      "Rahman",     "Islam",
	"Akhtar",    "Mahmood",  "Shah",     "Singh",    "Kaur",       "Sharma",     "Gill",
	"Chowdhury", "Miah",     "Okafor",   "Adeyemi",  "Mensah",     "Owusu",      "Osei",
	"Abdi",      "Mohamed",  "Nowak",    "Kowalski", "Wisniewski", "Popescu",    "Silva",
	"Santos",    "Rossi",    "Chen",     "Wang",     "Nguyen",     "Yilmaz",     "Papadopoulos",
	"Campbell",  "Francis",
};

static const char *const admired_for[] = {
	"Kind to younger children",
	"Always makes people laugh",
	"Brilliant at remembering facts",
	"Helps tidy up without being asked",
	"Very determined",
	"A loyal friend",
	"Notices when others are upset",
	"Keeps trying when things are hard",
	"Honest and fair",
	"Full of ideas",
	"Gentle with animals",
	"A great sense of humour",
	"Welcomes new children",
	"Proud of their family",
};
static const char *const interests[] = {
	"Loves drawing",
	"Dinosaurs",
	"Football",
	"Lego and building things",
	"Trains and timetables",
	"Swimming",
	"Music and singing",
	"Cooking with family",
	"Minecraft",
	"Animals, especially dogs",
	"Dancing",
	"Comics and graphic novels",
	"Gardening",
	"Space and the planets",
	"Cycling",
	"Baking",
};
static const char *const aspirations[] = {
	"Wants to be a vet",     "To make more friends",
	"To read on their own",  "To travel to school independently",
	"To work with animals",  "To go to college",
	"To be a chef",          "To live independently one day",
	"To design video games", "To play in a team",
	"To join a drama club",  "To get a part-time job",
};
static const char *const communication[] = {
	"Uses Makaton signs alongside speech",
	"Prefers a visual timetable and now-and-next boards",
	"Uses PECS picture cards",
	"Needs extra time to answer questions",
	"Likes information written down",
	"Uses British Sign Language",
	"Talks more easily while doing an activity",
	"Uses an eye-gaze communication device",
	"Prefers short, clear sentences",
};

/* places for setting names */
static const char *const places[] = {
	"Oakfield",    "Brookside",   "Elmwood",     "Hillcrest",   "Meadowbank",  "Riverside",
	"Ashgrove",    "Beechwood",   "Church Lane", "Greenfields", "Kingsmead",   "Larkrise",
	"Millbrook",   "Northgate",   "Parkside",    "Queensway",   "Rosehill",    "St Anne's",
	"St John's",   "St Mary's",   "Thornbury",   "Westfield",   "Willow Bank", "Fairfield",
	"Holly Tree",  "Springfield", "Orchard",     "Castle Hill", "Bridgewater", "Foxwood",
	"Hawthorn",    "Lime Grove",  "Marlborough", "Newbridge",   "Priory",      "Redhill",
	"Southfields", "Valley Road", "Whitecross",  "Yew Tree",
};
static const char *const place_qualifiers[] = {"North", "South", "East", "West",
					       "Upper", "Lower", "Old",  "New"};

/* London postcode areas, and Camden's own districts */
static const char *const camden_districts[] = {"NW1",  "NW3",  "NW5", "NW6",
					       "WC1H", "WC1N", "N6",  "N19"};
static const char *const london_areas[] = {"E", "N", "NW", "SE", "SW", "W"};
/* inward-code letters: never C, I, K, M, O or V */
static const char inward_letters[] = "ABDEFGHJLNPQRSTUWXYZ";

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---- a deterministic random stream: splitmix64 ---- */

struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* rng_below: 0..n-1 (n > 0); the modulo bias is far below anything a demo shows */
static unsigned rng_below(struct rng *r, unsigned n)
{
	return (unsigned)(rng_next(r) % n);
}

/* rng_permille: 1 with probability p/1000 */
static int rng_permille(struct rng *r, int p)
{
	return (int)rng_below(r, 1000) < p;
}

static const char *rng_pick(struct rng *r, const char *const *list, size_t n)
{
	return list[rng_below(r, (unsigned)n)];
}

/* ---- identifiers ---- */

/* uln_check_digit: the ULN's 10th digit for its first nine: 10 - (sum of digit i times
 * weight 10..2) mod 11; -1 when that is 10, which no ULN may have. */
static int uln_check_digit(const char nine[9])
{
	int sum = 0;
	for (int i = 0; i < 9; i++)
		sum += (nine[i] - '0') * (10 - i);
	int c = 10 - sum % 11;
	return c <= 9 ? c : -1;
}

/* ---- statements ---- */

struct val {
	int is_int;
	const char *s; /* NULL binds SQL NULL */
	int64_t i;
};
#define T(x) ((struct val){0, (x), 0})
#define I(x) ((struct val){1, NULL, (int64_t)(x)})
#define EXEC(db, sql, ...)                                       \
	exec_row((db), (sql), (const struct val[]){__VA_ARGS__}, \
		 (int)(sizeof((const struct val[]){__VA_ARGS__}) / sizeof(struct val)))

/* exec_row runs one cached statement that returns no rows. */
static int exec_row(struct db *db, const char *sql, const struct val *v, int n)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	for (int k = 0; k < n && rc == 0; k++)
		rc = v[k].is_int ? db_bind_int64(st, k + 1, v[k].i)
				 : db_bind_text(st, k + 1, v[k].s);
	if (rc == 0) {
		rc = db_step(st);
		rc = rc == DB_DONE ? 0 : rc == DB_ROW ? ERR_DB : rc;
	}
	db_reset(st);
	return rc;
}

/* count_rows: SELECT COUNT(*) FROM table (table is always a literal of this file). */
static int count_rows(struct db *db, const char *sql, int64_t *n)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW) {
		*n = db_column_int64(st, 0);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = ERR_DB;
	}
	db_reset(st);
	return rc;
}

static const char SQL_ORG[] =
	"INSERT INTO organisation (id, kind, name, la_code, urn, ukprn, setting_type, phase,"
	" age_from, age_to, postcode, capacity, sen_unit, resourced_provision, created_at)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";
static const char SQL_CHILD[] =
	"INSERT INTO child (id, given_name, family_name, search_given, search_family,"
	" date_of_birth, sex, ethnicity, postcode, la_code, upn, uln, disadvantaged,"
	" first_language, communication, admired_for, interests, aspirations, primary_need,"
	" sen_status, created_at, updated_at)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,"
	" $18, $19, $20, $21, $21)";
static const char SQL_USER[] =
	"INSERT INTO user_account (id, email, name, role, la_code, organisation_id, child_id,"
	" password_hash, disabled, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
static const char SQL_MEMBER[] = "INSERT INTO family_member (id, name, email, user_id, created_at)"
				 " VALUES ($1, $2, $3, $4, $5)";
static const char SQL_FAMILY[] =
	"INSERT INTO family_link (family_member_id, child_id, relationship,"
	" parental_responsibility) VALUES ($1, $2, $3, $4)";
static const char SQL_PLACE[] =
	"INSERT INTO child_setting (child_id, organisation_id, relation, started_on)"
	" VALUES ($1, $2, $3, $4)";
static const char SQL_ADVICE[] =
	"INSERT INTO advice_request (user_id, child_id, requested_at) VALUES ($1, $2, $3)";

/* ---- the build ---- */

enum skind { SK_PRIMARY, SK_SECONDARY, SK_SPECIAL, SK_AP, SK_FE, SK_EARLY, SK_COUNT };

struct la {
	char code[4];
	char name[96];
	char region[48];
};

struct setting {
	char id[ID_LEN + 1];
	enum skind kind;
	int age_from, age_to; /* a child of cohort c fits when age_from <= c < age_to */
};

/* the state of the whole run */
struct run {
	struct db *db;
	FILE *out;
	char now[TIME_ISO_LEN + 8];
	char hash[192]; /* the one argon2id hash every demo sign-in shares */
	struct date today;
	int year;          /* the academic year runs from 1 September year */
	uint64_t org_k;    /* settings and providers so far: URN and UKPRN serials */
	uint64_t uln_k;    /* ULN serials tried so far */
	uint64_t family_k; /* parents without a sign-in so far: unique emails */
	uint64_t seed;
};

/* the state of one LA */
struct la_run {
	const struct la *la;
	struct rng rng;
	char domain[160];  /* camden.demo.sendap.example */
	char display[128]; /* "City of Bristol" for "Bristol, City of" */
	struct setting *settings;
	size_t nsettings;
	size_t nprimary;
	uint16_t *upn_serial; /* [primary][year % 100]: serials used */
	char icb[ID_LEN + 1], social_care[ID_LEN + 1], ap_provider[ID_LEN + 1];
	char professional[ID_LEN + 1]; /* the one who is asked for advice */
	int advice_left;
	int london, camden;
	char area[3]; /* postcode area outside London */
};

/* slug: lower case, runs of anything but letters and digits become one hyphen */
static void slug(const char *in, char *out, size_t n)
{
	size_t k = 0;
	int dash = 0;
	for (; *in && k + 2 < n; in++) {
		unsigned char ch = (unsigned char)*in;
		if (isalnum(ch)) {
			if (dash && k > 0)
				out[k++] = '-';
			dash = 0;
			out[k++] = (char)tolower(ch);
		} else if (ch != '\'') {
			dash = 1;
		}
	}
	out[k] = '\0';
}

static void lower_ascii(const char *in, char *out, size_t n)
{
	size_t k = 0;
	for (; *in && k + 1 < n; in++)
		out[k++] = (char)tolower((unsigned char)*in);
	out[k] = '\0';
}

/* postcode: an outward code of the LA's area, then a random inward code */
static void postcode(struct la_run *lr, char out[12])
{
	struct rng *r = &lr->rng;
	char outward[6];
	if (lr->camden)
		snprintf(outward, sizeof(outward), "%s",
			 rng_pick(r, camden_districts, N_OF(camden_districts)));
	else if (lr->london)
		snprintf(outward, sizeof(outward), "%s%u",
			 rng_pick(r, london_areas, N_OF(london_areas)), 1 + rng_below(r, 20));
	else
		snprintf(outward, sizeof(outward), "%s%u", lr->area, 1 + rng_below(r, 30));
	snprintf(out, 12, "%s %u%c%c", outward, rng_below(r, 10),
		 inward_letters[rng_below(r, sizeof(inward_letters) - 1)],
		 inward_letters[rng_below(r, sizeof(inward_letters) - 1)]);
}

/* postcode_area: two letters from the LA's name, shaped like a postcode area */
static void postcode_area(const char *name, char area[3])
{
	char a = 0, b = 0;
	for (const char *p = name; *p && !b; p++) {
		char ch = (char)toupper((unsigned char)*p);
		if (ch < 'A' || ch > 'Z')
			continue;
		if (!a)
			a = strchr("QVX", ch) ? 'B' : ch;
		else if (!strchr("IJZ", ch))
			b = ch;
	}
	area[0] = a ? a : 'B';
	area[1] = b ? b : 'A';
	area[2] = '\0';
}

static void person_name(struct rng *r, int male, char *given, size_t gn, char *family, size_t fn)
{
	snprintf(given, gn, "%s",
		 male ? rng_pick(r, boys, N_OF(boys)) : rng_pick(r, girls, N_OF(girls)));
	snprintf(family, fn, "%s", rng_pick(r, surnames, N_OF(surnames)));
}

static int add_user(struct run *run, const char *id, const char *email, const char *name,
		    enum role role, const char *la_code, const char *org_id, const char *child_id,
		    int can_sign_in)
{
	return EXEC(run->db, SQL_USER, T(id), T(email), T(name), T(role_name(role)), T(la_code),
		    T(org_id), T(child_id), T(can_sign_in ? run->hash : "!"),
		    I(can_sign_in ? 0 : 1), T(run->now));
}

/* staff: a sign-in for one member of staff, with a name from the lists */
static int add_staff(struct run *run, struct la_run *lr, const char *local, enum role role,
		     const char *la_code, const char *org_id, char id_out[ID_LEN + 1])
{
	char given[32], family[32], name[80], email[320], id[ID_LEN + 1];
	person_name(&lr->rng, (int)rng_below(&lr->rng, 2), given, sizeof(given), family,
		    sizeof(family));
	snprintf(name, sizeof(name), "%s %s", given, family);
	snprintf(email, sizeof(email), "%s@%s", local, lr->domain);
	id_new(id);
	if (id_out)
		memcpy(id_out, id, ID_LEN + 1);
	return add_user(run, id, email, name, role, la_code, org_id, NULL, 1);
}

static const char *const kind_phase[SK_COUNT] = {"2", "4", "0", "0", "6", "1"};

/* add_setting writes one setting of kind k, the i-th of its kind in this LA */
static int add_setting(struct run *run, struct la_run *lr, struct setting *s, enum skind k,
		       size_t i)
{
	struct rng *r = &lr->rng;
	char place[64], name[160], pc[12], urn[8], ukprn[10];
	const char *type = NULL;
	int64_t capacity = -1;
	int unit = 0, rp = 0;
	size_t p = (i + (size_t)k * 7 + (size_t)(lr->la->code[2] - '0') * 3) % N_OF(places);
	if (i >= N_OF(places))
		snprintf(place, sizeof(place), "%s %s",
			 place_qualifiers[(i / N_OF(places) - 1) % N_OF(place_qualifiers)],
			 places[p]);
	else
		snprintf(place, sizeof(place), "%s", places[p]);
	s->kind = k;
	switch (k) {
	case SK_PRIMARY: {
		static const char *const types[] = {"34", "34", "01", "01", "01", "28", "02", "03"};
		static const int caps[] = {210, 315, 420, 420, 630};
		type = rng_pick(r, types, N_OF(types));
		s->age_from = rng_permille(r, 300) ? 3 : 4;
		s->age_to = 11;
		capacity = caps[rng_below(r, N_OF(caps))];
		unit = rng_permille(r, 120);
		rp = !unit && rng_permille(r, 110);
		snprintf(name, sizeof(name), "%s %s", place,
			 type[1] == '2' || type[1] == '3'   ? "CofE Primary School"
			 : type[0] == '3' || type[0] == '2' ? "Primary Academy"
							    : "Primary School");
		break;
	}
	case SK_SECONDARY: {
		static const char *const types[] = {"34", "34", "34", "28", "01", "35"};
		type = rng_pick(r, types, N_OF(types));
		s->age_from = 11;
		s->age_to = rng_permille(r, 600) ? 18 : 16;
		capacity = 900 + 30 * (int64_t)rng_below(r, 31);
		unit = rng_permille(r, 100);
		rp = !unit && rng_permille(r, 120);
		snprintf(name, sizeof(name), "%s %s", place, type[0] == '0' ? "School" : "Academy");
		break;
	}
	case SK_SPECIAL: {
		static const char *const types[] = {"07", "07", "44", "36"};
		static const int ranges[][2] = {{2, 19}, {2, 19},  {4, 19},  {4, 19},
						{4, 19}, {11, 19}, {11, 19}, {4, 11}};
		type = rng_pick(r, types, N_OF(types));
		unsigned v = rng_below(r, N_OF(ranges));
		s->age_from = ranges[v][0];
		s->age_to = ranges[v][1];
		capacity = 80 + 5 * (int64_t)rng_below(r, 35);
		snprintf(name, sizeof(name), "%s Special School", place);
		break;
	}
	case SK_AP:
		type = rng_permille(r, 600) ? "14" : "42";
		s->age_from = 11;
		s->age_to = 16;
		capacity = 30 + 5 * (int64_t)rng_below(r, 13);
		snprintf(name, sizeof(name), "%s %s", place,
			 type[0] == '1' ? "Pupil Referral Unit" : "Alternative Provision Academy");
		break;
	case SK_FE:
		type = "18";
		s->age_from = 16;
		s->age_to = 99; /* as GIAS records further education colleges */
		snprintf(name, sizeof(name), "%s College", place);
		break;
	case SK_EARLY:
	default:
		type = "15";
		s->age_from = 2;
		s->age_to = 5;
		capacity = 50 + 5 * (int64_t)rng_below(r, 15);
		snprintf(name, sizeof(name), "%s Nursery School", place);
		break;
	}
	/* URN and UKPRN: a serial through a multiplier coprime to the range, so unique */
	uint64_t k2 = run->org_k++;
	snprintf(urn, sizeof(urn), "%06u",
		 (unsigned)(100000 + (k2 * 7919 + run->seed * 104729) % 900000));
	snprintf(ukprn, sizeof(ukprn), "%08u",
		 (unsigned)(10000000 + (k2 * 7331 + run->seed * 7) % 90000));
	postcode(lr, pc);
	id_new(s->id);
	return EXEC(run->db, SQL_ORG, T(s->id), T("setting"), T(name), T(lr->la->code), T(urn),
		    T(ukprn), T(type), T(kind_phase[k]), I(s->age_from), I(s->age_to), T(pc),
		    capacity < 0 ? T(NULL) : I(capacity), I(unit), I(rp), T(run->now));
}

static int add_org(struct run *run, struct la_run *lr, const char *kind, const char *name,
		   int with_ukprn, char id[ID_LEN + 1])
{
	char pc[12], ukprn[10];
	uint64_t k2 = run->org_k++;
	snprintf(ukprn, sizeof(ukprn), "%08u",
		 (unsigned)(10000000 + (k2 * 7331 + run->seed * 7) % 90000));
	postcode(lr, pc);
	id_new(id);
	return EXEC(run->db, SQL_ORG, T(id), T(kind), T(name), T(lr->la->code), T(NULL),
		    T(with_ukprn ? ukprn : NULL), T(NULL), T(NULL), T(NULL), T(NULL), T(pc),
		    T(NULL), I(0), I(0), T(run->now));
}

/* setting counts for an LA of n children: about one per 250, at least one of each kind */
static void setting_plan(unsigned long n, size_t count[SK_COUNT])
{
	size_t total = n / 250 < 6 ? 6 : n / 250;
	count[SK_AP] = 1 + total / 60;
	count[SK_FE] = 1 + total / 80;
	count[SK_SPECIAL] = total * 6 / 100 ? total * 6 / 100 : 1;
	count[SK_SECONDARY] = total * 14 / 100 ? total * 14 / 100 : 1;
	count[SK_EARLY] = total * 12 / 100 ? total * 12 / 100 : 1;
	size_t other = count[SK_AP] + count[SK_FE] + count[SK_SPECIAL] + count[SK_SECONDARY] +
		       count[SK_EARLY];
	count[SK_PRIMARY] = total > other ? total - other : 1;
}

/* add_settings: the first three are a primary, a secondary and a special school (their
 * SENCos get sign-ins), then the rest kind by kind */
static int add_settings(struct run *run, struct la_run *lr, unsigned long n)
{
	size_t count[SK_COUNT], made[SK_COUNT] = {0}, total = 0;
	setting_plan(n, count);
	for (int k = 0; k < SK_COUNT; k++)
		total += count[k];
	lr->settings = calloc(total, sizeof(*lr->settings));
	lr->nprimary = count[SK_PRIMARY];
	lr->upn_serial = calloc(lr->nprimary * 100, sizeof(*lr->upn_serial));
	if (!lr->settings || !lr->upn_serial)
		return ERR_NOMEM;
	static const enum skind first[] = {SK_PRIMARY, SK_SECONDARY, SK_SPECIAL};
	int rc = 0;
	for (size_t f = 0; f < N_OF(first) && rc == 0; f++) {
		enum skind k = first[f];
		rc = add_setting(run, lr, &lr->settings[lr->nsettings++], k, made[k]++);
	}
	for (int k = 0; k < SK_COUNT && rc == 0; k++)
		while (made[k] < count[k] && rc == 0)
			rc = add_setting(run, lr, &lr->settings[lr->nsettings++], (enum skind)k,
					 made[k]++);
	return rc;
}

/* pick_setting: a random setting of kind k that takes cohort c, or NULL */
static const struct setting *pick_setting(struct la_run *lr, enum skind k, int c,
					  const struct setting * not )
{
	size_t n = 0;
	for (size_t i = 0; i < lr->nsettings; i++) {
		const struct setting *s = &lr->settings[i];
		n += s->kind == k && s->age_from <= c && c < s->age_to && s != not ;
	}
	if (n == 0)
		return NULL;
	size_t want = rng_below(&lr->rng, (unsigned)n);
	for (size_t i = 0; i < lr->nsettings; i++) {
		const struct setting *s = &lr->settings[i];
		if (s->kind == k && s->age_from <= c && c < s->age_to && s != not &&want-- == 0)
			return s;
	}
	return NULL;
}

/* roll: where a child of cohort c is on roll (NULL for none) and which year they joined */
static const struct setting *roll(struct la_run *lr, int c, const char *status, const char *need,
				  int *joined)
{
	struct rng *r = &lr->rng;
	int ehcp = strcmp(status, "ehcp") == 0, sen = strcmp(status, "none") != 0;
	const struct setting *s = NULL;
	int entry = c;
	if (c <= 1)
		return NULL;
	if (c <= 3) {
		s = rng_permille(r, 650) ? pick_setting(lr, SK_EARLY, c, NULL) : NULL;
		entry = 2 + (int)rng_below(r, (unsigned)(c - 1));
	} else if (c <= SCHOOL_LAST) {
		if (ehcp && rng_permille(r, 420)) {
			s = pick_setting(lr, SK_SPECIAL, c, NULL);
			entry = c - (int)rng_below(r, (unsigned)(c - 3));
		} else if (c >= 11 &&
			   ((sen && need && strcmp(need, "SEMH") == 0 && rng_permille(r, 80)) ||
			    rng_permille(r, 4))) {
			s = pick_setting(lr, SK_AP, c, NULL);
			entry = c;
		}
		if (!s) {
			s = pick_setting(lr, c <= 10 ? SK_PRIMARY : SK_SECONDARY, c, NULL);
			entry = c <= 10 ? 4 : 11;
		}
	} else if (c <= 17) {
		if (ehcp && rng_permille(r, 300))
			s = pick_setting(lr, SK_SPECIAL, c, NULL);
		if (!s && rng_permille(r, 450)) {
			s = pick_setting(lr, SK_SECONDARY, c, NULL);
			entry = s ? 11 : 16;
		}
		if (!s && rng_permille(r, 850))
			s = pick_setting(lr, SK_FE, c, NULL);
		if (s && s->kind != SK_SECONDARY)
			entry = s->kind == SK_SPECIAL ? c - (int)rng_below(r, 3) : 16;
	} else {
		int p = ehcp ? (c <= 19 ? 800 : 400) : (c <= 19 ? 150 : 30);
		if (ehcp && c == 18 && rng_permille(r, 300))
			s = pick_setting(lr, SK_SPECIAL, c, NULL);
		if (!s && rng_permille(r, p))
			s = pick_setting(lr, SK_FE, c, NULL);
		entry = c - (int)rng_below(r, 2);
	}
	*joined = entry;
	return s;
}

static const char *pick_need(struct rng *r, int ehcp)
{
	int total = 0;
	for (size_t i = 0; i < N_OF(need_shares); i++)
		total += ehcp ? need_shares[i].ehcp : need_shares[i].support;
	int x = (int)rng_below(r, (unsigned)total);
	for (size_t i = 0; i < N_OF(need_shares); i++) {
		x -= ehcp ? need_shares[i].ehcp : need_shares[i].support;
		if (x < 0)
			return need_shares[i].code;
	}
	return "OTH";
}

static const char *pick_ethnicity(struct rng *r)
{
	int total = 0;
	for (size_t i = 0; i < N_OF(ethnicity_shares); i++)
		total += ethnicity_shares[i].w;
	int x = (int)rng_below(r, (unsigned)total);
	for (size_t i = 0; i < N_OF(ethnicity_shares); i++) {
		x -= ethnicity_shares[i].w;
		if (x < 0)
			return ethnicity_shares[i].code;
	}
	return "WBRI";
}

static int pick_cohort(struct rng *r)
{
	int total = 0;
	for (int c = 0; c < 24; c++)
		total += cohort_weights[c];
	int x = (int)rng_below(r, (unsigned)total);
	for (int c = 0; c < 24; c++) {
		x -= cohort_weights[c];
		if (x < 0)
			return c;
	}
	return 10;
}

static const char *first_language(struct rng *r, const char *eth)
{
	if (!strcmp(eth, "APKN") && rng_permille(r, 450))
		return rng_permille(r, 500) ? "Urdu" : "Punjabi";
	if (!strcmp(eth, "ABAN") && rng_permille(r, 550))
		return "Bengali";
	if (!strcmp(eth, "WOTH") && rng_permille(r, 600))
		return rng_permille(r, 500) ? "Polish" : "Romanian";
	if (!strcmp(eth, "BAFR") && rng_permille(r, 350))
		return rng_permille(r, 500) ? "Somali" : "Yoruba";
	if (!strcmp(eth, "AIND") && rng_permille(r, 300))
		return "Gujarati";
	if (!strcmp(eth, "CHNE") && rng_permille(r, 500))
		return "Chinese";
	return "English";
}

/* date_in_cohort: a random birthday for cohort c: 1 September (year-c-1) to 31 August
 * (year-c) */
static struct date date_in_cohort(struct rng *r, int year, int c)
{
	struct date from = {year - c - 1, 9, 1}, to = {year - c, 8, 31};
	int64_t a = date_days(from), b = date_days(to);
	return date_from_days(a + (int64_t)rng_below(r, (unsigned)(b - a + 1)));
}

static void iso_days_ago(struct date today, int days, const char *time_of_day, char *out, size_t n)
{
	char d[DATE_ISO_LEN + 1];
	date_iso(date_from_days(date_days(today) - days), d);
	snprintf(out, n, "%s%s", d, time_of_day);
}

/* add_parents: one or two parents or carers (family_member) with their family_link rows.
 * Only the first five children's parents have accounts and can sign in. */
static int add_parents(struct run *run, struct la_run *lr, unsigned long i, const char *child_id,
		       const char *family)
{
	struct rng *r = &lr->rng;
	int two = rng_permille(r, 720);
	for (int p = 0; p < (two ? 2 : 1); p++) {
		const char *rel;
		int pr = 1;
		if (p == 0) {
			unsigned v = rng_below(r, 100);
			rel = two || v < 80 ? "mother" : v < 92 ? "father" : "carer";
		} else {
			rel = rng_permille(r, 900) ? "father" : "carer";
		}
		if (!strcmp(rel, "carer"))
			pr = rng_permille(r, 500);
		int male =
			!strcmp(rel, "father") || (!strcmp(rel, "carer") && rng_permille(r, 300));
		char given[32], other[32], name[80], email[320], id[ID_LEN + 1], a[32], b[64];
		person_name(r, male, given, sizeof(given), other, sizeof(other));
		const char *fam = rng_permille(r, 850) ? family : other;
		snprintf(name, sizeof(name), "%s %s", given, fam);
		int can = i < 5;
		if (can) {
			snprintf(email, sizeof(email), "parent%lu%s@%s", i + 1, p ? "b" : "",
				 lr->domain);
		} else {
			slug(given, a, sizeof(a));
			slug(fam, b, sizeof(b));
			snprintf(email, sizeof(email), "%s.%s.%llu@family.%s", a, b,
				 (unsigned long long)++run->family_k, lr->domain);
		}
		char member[ID_LEN + 1];
		id_new(id);
		id_new(member);
		int rc = can ? add_user(run, id, email, name, ROLE_PARENT, NULL, NULL, NULL, 1) : 0;
		if (rc == 0)
			rc = EXEC(run->db, SQL_MEMBER, T(member), T(name), T(email),
				  T(can ? id : NULL), T(run->now));
		if (rc == 0)
			rc = EXEC(run->db, SQL_FAMILY, T(member), T(child_id), T(rel), I(pr));
		if (rc)
			return rc;
	}
	return 0;
}

/* make_upn: LA code, the DfE number of the primary school that allocated it, the year it
 * was allocated, a serial; the check letter in front */
static int make_upn(struct la_run *lr, int entry_year, char out[14])
{
	size_t p = rng_below(&lr->rng, (unsigned)lr->nprimary);
	int yy = ((entry_year % 100) + 100) % 100;
	for (size_t tries = 0; lr->upn_serial[p * 100 + (size_t)yy] >= 1000; tries++) {
		if (tries >= lr->nprimary)
			return ERR_TOOBIG;
		p = (p + 1) % lr->nprimary;
	}
	unsigned serial = lr->upn_serial[p * 100 + (size_t)yy]++;
	char rest[13];
	snprintf(rest, sizeof(rest), "%s%04u%02d%03u", lr->la->code, 2000 + (unsigned)p, yy,
		 serial);
	out[0] = upn_check_letter(rest);
	memcpy(out + 1, rest, 13);
	return 0;
}

static void make_uln(struct run *run, char out[11])
{
	for (;;) {
		char nine[10];
		uint64_t k = run->uln_k++;
		snprintf(nine, sizeof(nine), "%09llu",
			 (unsigned long long)(100000000 +
					      (k * 7919 + run->seed * 15485863) % 900000000));
		int c = uln_check_digit(nine);
		if (c >= 0) {
			snprintf(out, 11, "%s%d", nine, c);
			return;
		}
	}
}

/* add_child writes child i of the LA with their parents and settings */
static int add_child(struct run *run, struct la_run *lr, unsigned long i, int young_person)
{
	struct rng *r = &lr->rng;
	char id[ID_LEN + 1], given[32], family[32], sg[32], sf[32], dob_s[DATE_ISO_LEN + 1];
	char pc[12], upn[14] = "", uln[11] = "", started[DATE_ISO_LEN + 1];
	struct date dob;
	int c;
	const char *status = "none", *need = NULL;
	if (young_person) {
		/* 19 years and about four months old today */
		dob = date_from_days(date_days(date_add_years(run->today, -19)) - 130);
		c = dob.m >= 9 ? run->year - dob.y - 1 : run->year - dob.y;
		status = "ehcp";
	} else {
		c = i == 0 ? 9 : i == 1 ? 13 : pick_cohort(r);
		dob = date_in_cohort(r, run->year, c);
		const struct sen_band *band = &sen_bands[0];
		for (size_t b = 0; b < N_OF(sen_bands); b++)
			if (c >= sen_bands[b].from && c <= sen_bands[b].to)
				band = &sen_bands[b];
		if (i == 0)
			status = "ehcp";
		else if (i == 1)
			status = "sen_support";
		else if (rng_permille(r, band->sen))
			status = rng_permille(r, band->ehcp) ? "ehcp" : "sen_support";
	}
	int ehcp = !strcmp(status, "ehcp"), sen = strcmp(status, "none") != 0;
	if (sen)
		need = pick_need(r, ehcp);
	int male = rng_permille(r, ehcp ? MALE_EHCP : sen ? MALE_SUPPORT : MALE_NONE);
	const char *eth = pick_ethnicity(r);
	person_name(r, male, given, sizeof(given), family, sizeof(family));
	lower_ascii(given, sg, sizeof(sg));
	lower_ascii(family, sf, sizeof(sf));
	date_iso(dob, dob_s);
	postcode(lr, pc);
	int rc = 0;
	if (c >= SCHOOL_FIRST && (rc = make_upn(lr, run->year - (c - SCHOOL_FIRST), upn)))
		return rc;
	if (date_age(dob, run->today) >= 14)
		make_uln(run, uln);
	int disadvantaged = rng_permille(r, sen ? 400 : 240);
	const char *lang = first_language(r, eth);
	int comm_p = ehcp ? 600 : sen ? 250 : 50;
	const char *comm =
		rng_permille(r, comm_p) ? rng_pick(r, communication, N_OF(communication)) : NULL;
	const char *adm = rng_pick(r, admired_for, N_OF(admired_for));
	const char *intr = rng_pick(r, interests, N_OF(interests));
	const char *asp = rng_pick(r, aspirations, N_OF(aspirations));
	id_new(id);
	rc = EXEC(run->db, SQL_CHILD, T(id), T(given), T(family), T(sg), T(sf), T(dob_s),
		  T(male ? "M" : "F"), T(eth), T(pc), T(lr->la->code), T(upn[0] ? upn : NULL),
		  T(uln[0] ? uln : NULL), I(disadvantaged), T(lang), T(comm), T(adm), T(intr),
		  T(asp), T(need), T(status), T(run->now));
	if (rc)
		return rc;
	if (young_person) {
		char email[320], name[80];
		snprintf(email, sizeof(email), "young.person@%s", lr->domain);
		snprintf(name, sizeof(name), "%s %s", given, family);
		char uid[ID_LEN + 1];
		id_new(uid);
		if ((rc = add_user(run, uid, email, name, ROLE_YOUNG_PERSON, NULL, NULL, id, 1)))
			return rc;
	}
	if ((rc = add_parents(run, lr, i, id, family)))
		return rc;
	int joined = c;
	const struct setting *s = roll(lr, c, status, need, &joined);
	if (s) {
		/* joined in September of the year they were in cohort `joined` */
		int y = run->year - (c - joined);
		snprintf(started, sizeof(started), "%04d-09-01", y);
		if ((rc = EXEC(run->db, SQL_PLACE, T(id), T(s->id), T("roll"), T(started))))
			return rc;
	}
	if (ehcp && c >= SCHOOL_FIRST && c <= 18 && rng_permille(r, 60)) {
		const struct setting *cs = pick_setting(lr, SK_SPECIAL, c, s);
		if (!cs)
			cs = pick_setting(lr, c <= 10 ? SK_PRIMARY : SK_SECONDARY, c, s);
		if (cs) {
			iso_days_ago(run->today, 7 + (int)rng_below(r, 50), "", started,
				     sizeof(started));
			if ((rc = EXEC(run->db, SQL_PLACE, T(id), T(cs->id), T("consultation"),
				       T(started))))
				return rc;
		}
	}
	if (ehcp && lr->advice_left > 0) {
		char at[TIME_ISO_LEN + 8];
		iso_days_ago(run->today, 5 + 9 * lr->advice_left, "T09:30:00.000Z", at, sizeof(at));
		lr->advice_left--;
		if ((rc = EXEC(run->db, SQL_ADVICE, T(lr->professional), T(id), T(at))))
			return rc;
	}
	return 0;
}

static void display_name(const char *name, char *out, size_t n)
{
	const char *comma = strstr(name, ", ");
	if (comma)
		snprintf(out, n, "%s %.*s", comma + 2, (int)(comma - name), name);
	else
		snprintf(out, n, "%s", name);
}

static uint64_t la_seed(uint64_t seed, const char *code)
{
	uint64_t h = seed * 0x100000001b3ULL ^ 0xcbf29ce484222325ULL;
	for (const char *p = code; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
	return h;
}

/* allocate_cases gives each EHC plan case in the LA to one of its two caseworkers */
static int allocate_cases(struct db *db, const char *la_code, const char *cw1, const char *cw2)
{
	static const char *const sql[] = {
		"UPDATE child SET caseworker_id = $1 WHERE la_code = $2 AND sen_status = 'ehcp'"
		" AND search_family < 'm'",
		"UPDATE child SET caseworker_id = $1 WHERE la_code = $2 AND sen_status = 'ehcp'"
		" AND search_family >= 'm'",
	};
	const char *who[] = {cw1, cw2};
	for (int i = 0; i < 2; i++) {
		struct db_stmt *st = NULL;
		int rc = db_prepare(db, sql[i], &st);
		if (rc)
			return rc;
		if ((rc = db_bind_text(st, 1, who[i])) == 0 &&
		    (rc = db_bind_text(st, 2, la_code)) == 0)
			rc = db_step(st);
		db_reset(st);
		if (rc != DB_DONE)
			return rc < 0 ? rc : ERR_DB;
	}
	return 0;
}

static int build_la(struct run *run, const struct la *la, unsigned long n, int first)
{
	struct la_run lr;
	memset(&lr, 0, sizeof(lr));
	lr.la = la;
	lr.rng.s = la_seed(run->seed, la->code);
	lr.london = strcmp(la->region, "London") == 0;
	lr.camden = strcmp(la->code, "202") == 0;
	lr.advice_left = 5;
	postcode_area(la->name, lr.area);
	display_name(la->name, lr.display, sizeof(lr.display));
	char s[96];
	slug(la->name, s, sizeof(s));
	snprintf(lr.domain, sizeof(lr.domain), "%s.%s", s, DEMO_DOMAIN);

	char name[192];
	int rc = add_settings(run, &lr, n);
	if (rc)
		goto out;
	snprintf(name, sizeof(name), "NHS %s Integrated Care Board", lr.display);
	if ((rc = add_org(run, &lr, "icb", name, 0, lr.icb)))
		goto out;
	snprintf(name, sizeof(name), "%s Children's Social Care", lr.display);
	if ((rc = add_org(run, &lr, "social_care", name, 0, lr.social_care)))
		goto out;
	snprintf(name, sizeof(name), "%s Alternative Learning Trust",
		 places[(size_t)(la->code[1] - '0' + 11) % N_OF(places)]);
	if ((rc = add_org(run, &lr, "ap_provider", name, 1, lr.ap_provider)))
		goto out;

	char cw1[ID_LEN + 1], cw2[ID_LEN + 1];
	if ((rc = add_staff(run, &lr, "casework1", ROLE_CASEWORKER, la->code, NULL, cw1)) ||
	    (rc = add_staff(run, &lr, "casework2", ROLE_CASEWORKER, la->code, NULL, cw2)) ||
	    (rc = add_staff(run, &lr, "manager", ROLE_LA_MANAGER, la->code, NULL, NULL)) ||
	    (rc = add_staff(run, &lr, "senco1", ROLE_SENCO, NULL, lr.settings[0].id, NULL)) ||
	    (rc = add_staff(run, &lr, "senco2", ROLE_SENCO, NULL, lr.settings[1].id, NULL)) ||
	    (rc = add_staff(run, &lr, "senco3", ROLE_SENCO, NULL, lr.settings[2].id, NULL)) ||
	    (rc = add_staff(run, &lr, "professional1", ROLE_PROFESSIONAL, NULL, lr.icb,
			    lr.professional)) ||
	    (rc = add_staff(run, &lr, "professional2", ROLE_PROFESSIONAL, NULL, lr.social_care,
			    NULL)) ||
	    (rc = add_staff(run, &lr, "ap", ROLE_AP_PROVIDER, NULL, lr.ap_provider, NULL)) ||
	    (rc = add_staff(run, &lr, "partnership", ROLE_PARTNERSHIP, la->code, NULL, NULL)))
		goto out;

	for (unsigned long i = 0; i < n && rc == 0; i++)
		rc = add_child(run, &lr, i, first && i == 5);
	/* EHC plan cases are allocated by family name, A to L and M to Z, as many LAs do */
	if (rc == 0)
		rc = allocate_cases(run->db, la->code, cw1, cw2);
	if (rc == 0 && run->out)
		fprintf(run->out, "  %s (%s): %lu children and young people, %zu settings\n",
			lr.display, la->code, n, lr.nsettings);
out:
	free(lr.settings);
	free(lr.upn_serial);
	return rc;
}

/* ---- choosing LAs ---- */

/* choose_las fills want LAs into out: 202 Camden (or the first) and then one region at a
 * time in turn, by code within a region. Returns how many it found. */
static int choose_las(struct db *db, unsigned want, struct la *out, unsigned *found)
{
	struct la *all = NULL;
	size_t n = 0, cap = 0;
	struct db_stmt *st = NULL;
	int rc = db_prepare(db,
			    "SELECT code, name, region FROM local_authority"
			    " WHERE effective_to IS NULL ORDER BY region, code",
			    &st);
	if (rc)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *code = db_column_text(st, 0);
		/* City of London and the Isles of Scilly have too few children for a demo */
		if (!code || !strcmp(code, "201") || !strcmp(code, "420"))
			continue;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 64;
			struct la *bigger = realloc(all, nc * sizeof(*all));
			if (!bigger) {
				rc = ERR_NOMEM;
				break;
			}
			all = bigger;
			cap = nc;
		}
		struct la *la = &all[n++];
		snprintf(la->code, sizeof(la->code), "%s", code);
		snprintf(la->name, sizeof(la->name), "%s", db_column_text(st, 1));
		snprintf(la->region, sizeof(la->region), "%s", db_column_text(st, 2));
	}
	db_reset(st);
	rc = rc == DB_DONE ? 0 : rc;
	*found = 0;
	unsigned char *taken = rc == 0 && n ? calloc(n, 1) : NULL;
	if (rc == 0 && n && !taken)
		rc = ERR_NOMEM;
	if (rc == 0 && n) {
		size_t start = 0;
		for (size_t i = 0; i < n; i++)
			if (!strcmp(all[i].code, "202"))
				start = i;
		out[(*found)++] = all[start];
		taken[start] = 1;
		/* walk the regions in turn from the one after the first LA's */
		const char *region = all[start].region;
		while (*found < want) {
			/* the first untaken LA of the next region after `region` (cyclic) */
			size_t best = n;
			for (size_t step = 1; step <= n && best == n; step++) {
				size_t i = (start + step) % n;
				if (!taken[i] && strcmp(all[i].region, region) != 0) {
					/* first untaken in that region */
					size_t j = i;
					while (j > 0 && !strcmp(all[j - 1].region, all[i].region))
						j--;
					while (taken[j])
						j++;
					best = j;
				}
			}
			if (best == n) /* one region left */
				for (size_t i = 0; i < n && best == n; i++)
					if (!taken[i])
						best = i;
			if (best == n)
				break;
			taken[best] = 1;
			out[(*found)++] = all[best];
			region = all[best].region;
			start = best;
		}
	}
	free(taken);
	free(all);
	return rc;
}

/* ---- entry points ---- */

void demo_options_default(struct demo_options *o)
{
	memset(o, 0, sizeof(*o));
	o->las = 1;
	o->children = 2000;
	o->seed = 1;
}

int demo_print_sign_ins(struct db *db, const char *prefer_domain, FILE *out)
{
	char best[ROLE_COUNT][256];
	int best_pref[ROLE_COUNT];
	memset(best, 0, sizeof(best));
	memset(best_pref, 0, sizeof(best_pref));
	struct db_stmt *st = NULL;
	int rc = db_prepare(db,
			    "SELECT role, email FROM user_account WHERE disabled = 0"
			    " AND email LIKE $1 ORDER BY email",
			    &st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, "%" DEMO_DOMAIN)) == 0) {
		while ((rc = db_step(st)) == DB_ROW) {
			enum role r = role_parse(db_column_text(st, 0));
			const char *email = db_column_text(st, 1);
			const char *at = email ? strchr(email, '@') : NULL;
			if (r == ROLE_NONE || !at)
				continue;
			int pref = prefer_domain && !strcmp(at + 1, prefer_domain);
			if (!best[r][0] || (pref && !best_pref[r])) {
				snprintf(best[r], sizeof(best[r]), "%s", email);
				best_pref[r] = pref;
			}
		}
		rc = rc == DB_DONE ? 0 : rc;
	}
	db_reset(st);
	if (rc || !out)
		return rc;
	fprintf(out, "Demo sign-ins (password: %s):\n", DEMO_PASSWORD);
	for (int r = ROLE_NONE + 1; r < ROLE_COUNT; r++)
		if (best[r][0])
			fprintf(out, "  %-13s %s\n", role_name((enum role)r), best[r]);
	return 0;
}

/* check_ready: the reference tables the demo refers to hold rows */
static int check_ready(struct db *db)
{
	static const struct {
		const char *sql, *what;
	} tables[] = {
		{"SELECT COUNT(*) FROM local_authority", "local authorities"},
		{"SELECT COUNT(*) FROM need_type", "need types"},
		{"SELECT COUNT(*) FROM ethnicity", "ethnicity codes"},
		{"SELECT COUNT(*) FROM setting_type", "setting types"},
		{"SELECT COUNT(*) FROM phase", "phases"},
	};
	for (size_t i = 0; i < N_OF(tables); i++) {
		int64_t n = 0;
		int rc = count_rows(db, tables[i].sql, &n);
		if (rc)
			return rc;
		if (n == 0) {
			fprintf(stderr,
				"sendap demo: the database has no %s yet: run `sendap migrate`"
				" first to load the reference data\n",
				tables[i].what);
			return ERR_NOTFOUND;
		}
	}
	return 0;
}

static int delete_all(struct db *db)
{
	/* children and accounts first: the others refer to them */
	return db_exec(db,
		       "DELETE FROM user_session; DELETE FROM advice_request;"
		       " DELETE FROM family_link; DELETE FROM family_member;"
		       " DELETE FROM child_setting;"
		       " DELETE FROM user_account; DELETE FROM child; DELETE FROM organisation;");
}

int demo_build(struct db *db, const struct demo_options *o, FILE *out)
{
	struct run run;
	struct la *las = NULL;
	unsigned found = 0;
	int rc, in_tx = 0;
	memset(&run, 0, sizeof(run));
	run.db = db;
	run.out = out;
	run.seed = o->seed;
	run.today = o->today.y ? o->today : date_today();
	run.year = run.today.m >= 9 ? run.today.y : run.today.y - 1;
	log_now_iso(run.now, sizeof(run.now));

	if (o->las < 1 || o->children > DEMO_MAX_CHILDREN ||
	    o->children < DEMO_MIN_PER_LA * o->las || o->children / o->las > DEMO_MAX_PER_LA) {
		fprintf(stderr,
			"sendap demo: --children must be from %lu per LA (--las) up to %lu in all"
			" and %lu per LA\n",
			DEMO_MIN_PER_LA, DEMO_MAX_CHILDREN, DEMO_MAX_PER_LA);
		return ERR_INVALID;
	}
	if ((rc = migrate_apply(db, NULL)))
		return rc;
	if ((rc = check_ready(db)))
		return rc;
	int64_t children = 0;
	if ((rc = count_rows(db, "SELECT COUNT(*) FROM child", &children)))
		return rc;
	if (children > 0 && o->if_empty) {
		if (out)
			fprintf(out,
				"The database already holds %lld children and young people;"
				" the demo data was left as it is.\n",
				(long long)children);
		return demo_print_sign_ins(db, "camden." DEMO_DOMAIN, out);
	}
	if (children > 0 && !o->replace) {
		fprintf(stderr,
			"sendap demo: the database already holds %lld children and young people:"
			" give --replace to delete them (and every organisation, account and"
			" session) and build the demo again\n",
			(long long)children);
		return ERR_CONFLICT;
	}
	las = calloc(o->las, sizeof(*las));
	if (!las)
		return ERR_NOMEM;
	if ((rc = choose_las(db, o->las, las, &found)))
		goto out;
	if (found < o->las) {
		fprintf(stderr, "sendap demo: --las can be at most %u with this reference data\n",
			found);
		rc = ERR_INVALID;
		goto out;
	}
	/* one hash for every demo sign-in: argon2id is slow on purpose */
	if ((rc = password_hash(DEMO_PASSWORD, run.hash, sizeof(run.hash))))
		goto out;
	/* a bigger page cache for this connection while it writes: the random ids spread
	 * the inserts over every page of each index */
	if (db_kind(db) == DB_SQLITE && (rc = db_exec(db, "PRAGMA cache_size = -131072")))
		goto out;
	if ((rc = db_begin(db)))
		goto out;
	in_tx = 1;
	if (o->replace && (rc = delete_all(db)))
		goto out;
	if (out)
		fprintf(out, "Building the demo (seed %llu):\n", (unsigned long long)o->seed);
	for (unsigned k = 0; k < o->las && rc == 0; k++) {
		unsigned long n = o->children / o->las + (k < o->children % o->las);
		rc = build_la(&run, &las[k], n, k == 0);
	}
	if (rc == 0) {
		char id[ID_LEN + 1];
		id_new(id);
		rc = add_user(&run, id, "analyst@dfe." DEMO_DOMAIN, "DfE Analyst", ROLE_DFE_ANALYST,
			      NULL, NULL, NULL, 1);
		if (rc == 0) {
			id_new(id);
			rc = add_user(&run, id, "admin@" DEMO_DOMAIN, "Demo Administrator",
				      ROLE_ADMIN, NULL, NULL, NULL, 1);
		}
	}
	if (rc == 0 && (rc = db_commit(db)) == 0) {
		in_tx = 0;
		/* fresh statistics, so the query planner knows the new data's shape (without
		 * them SQLite searches names by scanning the whole LA) */
		rc = db_exec(db, "ANALYZE");
	}
	if (rc == 0) {
		char prefer[160], s[96];
		slug(las[0].name, s, sizeof(s));
		snprintf(prefer, sizeof(prefer), "%s.%s", s, DEMO_DOMAIN);
		rc = demo_print_sign_ins(db, prefer, out);
	}
out:
	if (in_tx)
		db_rollback(db);
	if (db_kind(db) == DB_SQLITE)
		db_exec(db, "PRAGMA cache_size = -2000"); /* SQLite's default */
	if (rc && rc != ERR_INVALID)
		fprintf(stderr, "sendap demo: building the demo failed (%s%s%s)\n", err_name(rc),
			rc == ERR_DB || rc == ERR_CONFLICT ? ", " : "",
			rc == ERR_DB || rc == ERR_CONFLICT ? db_errcode(db) : "");
	free(las);
	return rc;
}
