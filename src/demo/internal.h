/*
 * internal.h: what the demo builder's files share (demo.c: one LA's children and families;
 * settings.c: its settings and providers; run.c: the entry points of demo.h). Not for other areas.
 */
#ifndef SENDAP_DEMO_INTERNAL_H
#define SENDAP_DEMO_INTERNAL_H

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

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* cohorts (age on 31 August) of compulsory school age: Reception to Year 11 */
#define SCHOOL_FIRST 4
#define SCHOOL_LAST 15

/* ---- a deterministic random stream: splitmix64 ---- */

struct rng {
	uint64_t s;
};

static inline uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* rng_below: 0..n-1 (n > 0); the modulo bias is far below anything a demo shows */
static inline unsigned rng_below(struct rng *r, unsigned n)
{
	return (unsigned)(rng_next(r) % n);
}

/* rng_permille: 1 with probability p/1000 */
static inline int rng_permille(struct rng *r, int p)
{
	return (int)rng_below(r, 1000) < p;
}

static inline const char *rng_pick(struct rng *r, const char *const *list, size_t n)
{
	return list[rng_below(r, (unsigned)n)];
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
int exec_row(struct db *db, const char *sql, const struct val *v, int n);
/* count_rows: SELECT COUNT(*) FROM table (table is always a literal of the demo). */
int count_rows(struct db *db, const char *sql, int64_t *n);

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

/* demo.c */
void slug(const char *in, char *out, size_t n);
void postcode(struct la_run *lr, char out[12]);
int add_user(struct run *run, const char *id, const char *email, const char *name, enum role role,
	     const char *la_code, const char *org_id, const char *child_id, int can_sign_in);
int build_la(struct run *run, const struct la *la, unsigned long n, int first);

/* places.c: coordinates for the LA's postcodes; designations, Ofsted grades and SEN
 * information reports for its settings */
int demo_places(struct run *run, const struct la *la);

/* plans.c: EHC plans for children with one, after the children are in */
int demo_plans(struct run *run, const struct la *las, unsigned nlas);

/* cases.c: the assessment cases behind the plans, this year's other requests, a roll for
 * every child with a plan and a few named settings; after the LA's plans are written */
int demo_cases(struct run *run, const struct la *la);

/* settings.c */
int add_org(struct run *run, struct la_run *lr, const char *kind, const char *name, int ukprn,
	    char id_out[ID_LEN + 1]);
int add_settings(struct run *run, struct la_run *lr, unsigned long n);
const struct setting *pick_setting(struct la_run *lr, enum skind k, int c,
				   const struct setting * not );
const struct setting *roll(struct la_run *lr, int c, const char *status, const char *need,
			   int *joined);

#endif
