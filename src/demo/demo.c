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

#include "demo/internal.h"
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
/* London postcode areas, and Camden's own districts */
static const char *const camden_districts[] = {"NW1",  "NW3",  "NW5", "NW6",
					       "WC1H", "WC1N", "N6",  "N19"};
static const char *const london_areas[] = {"E", "N", "NW", "SE", "SW", "W"};
/* inward-code letters: never C, I, K, M, O or V */
static const char inward_letters[] = "ABDEFGHJLNPQRSTUWXYZ";

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

/* exec_row runs one cached statement that returns no rows. */
int exec_row(struct db *db, const char *sql, const struct val *v, int n)
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
int count_rows(struct db *db, const char *sql, int64_t *n)
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

/* slug: lower case, runs of anything but letters and digits become one hyphen */
void slug(const char *in, char *out, size_t n)
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
void postcode(struct la_run *lr, char out[12])
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

int add_user(struct run *run, const char *id, const char *email, const char *name, enum role role,
	     const char *la_code, const char *org_id, const char *child_id, int can_sign_in)
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

int build_la(struct run *run, const struct la *la, unsigned long n, int first)
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
	if (rc == 0)
		rc = demo_places(run, la);
	if (rc == 0 && run->out)
		fprintf(run->out, "  %s (%s): %lu children and young people, %zu settings\n",
			lr.display, la->code, n, lr.nsettings);
out:
	free(lr.settings);
	free(lr.upn_serial);
	return rc;
}
