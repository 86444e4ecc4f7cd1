/*
 * settings.c: an LA's demo settings (primary, secondary, special, AP, FE, early years, with
 * plausible capacities, URNs and UKPRNs), its ICB, social care team and AP provider, and
 * which setting a child of a given age and need goes to.
 */
#include "demo/internal.h"

static const char SQL_ORG[] =
	"INSERT INTO organisation (id, kind, name, la_code, urn, ukprn, setting_type, phase,"
	" age_from, age_to, postcode, capacity, sen_unit, resourced_provision, created_at)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";

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

int add_org(struct run *run, struct la_run *lr, const char *kind, const char *name, int with_ukprn,
	    char id[ID_LEN + 1])
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
int add_settings(struct run *run, struct la_run *lr, unsigned long n)
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
const struct setting *pick_setting(struct la_run *lr, enum skind k, int c,
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
const struct setting *roll(struct la_run *lr, int c, const char *status, const char *need,
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
