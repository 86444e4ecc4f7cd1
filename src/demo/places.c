/*
 * places.c: where the demo's postcodes are, and what the directory shows of its settings.
 * The demo's postcodes are made up, so their coordinates are too: each LA sits near its
 * region's middle (Camden where Camden is), and each postcode within a few miles of the
 * LA's centre, by a hash of the postcode, so the same seed gives the same map. Special
 * schools, units and resourced provision are designated for need types; every setting
 * gets an Ofsted grade and a link to its SEN information report (example.org).
 */
#include "demo/internal.h"

/* FNV-1a: a stable hash of text, for stable made-up places */
static uint64_t fnv(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* approximate middles of England's regions, in millionths of a degree */
static const struct {
	const char *region;
	int32_t lat, lon;
} middles[] = {{"London", 51507000, -128000},
	       {"South East", 51300000, -800000},
	       {"South West", 50900000, -3300000},
	       {"East of England", 52200000, 400000},
	       {"East Midlands", 52800000, -1000000},
	       {"West Midlands", 52500000, -2000000},
	       {"Yorkshire and The Humber", 53800000, -1300000},
	       {"North West", 53700000, -2600000},
	       {"North East", 54900000, -1600000}};

static void la_centre(const struct la *la, int32_t *lat, int32_t *lon)
{
	*lat = 52500000;
	*lon = -1500000;
	int london = 0;
	for (size_t i = 0; i < N_OF(middles); i++)
		if (strcmp(la->region, middles[i].region) == 0) {
			*lat = middles[i].lat;
			*lon = middles[i].lon;
			london = i == 0;
		}
	if (strcmp(la->code, "202") == 0) { /* Camden */
		*lat = 51549000;
		*lon = -165000;
		return;
	}
	uint64_t h = fnv(la->code);
	int32_t spread = london ? 80000 : 400000;
	*lat += (int32_t)(h % (uint64_t)(2 * spread)) - spread;
	*lon += (int32_t)((h >> 20) % (uint64_t)(2 * spread)) - spread;
}

static const char *const special_needs[] = {"ASD", "SLD", "PMLD", "SEMH", "MLD", "PD", "SLCN"};
static const char *const unit_needs[] = {"ASD", "SLCN", "HI", "SEMH", "SPLD"};
static const char *const grades[] = {"outstanding", "good",        "good",
				     "good",        "good",        "requires_improvement",
				     "good",        "outstanding", "requires_improvement",
				     "inadequate"};

/* each distinct postcode of the LA's children and organisations gets coordinates */
static int coordinates(struct run *run, const struct la *la)
{
	int32_t clat, clon;
	la_centre(la, &clat, &clon);
	struct db_stmt *st = NULL;
	size_t n = 0, cap = 1024;
	char(*pcs)[12] = malloc(cap * sizeof(*pcs));
	if (!pcs)
		return ERR_NOMEM;
	int rc = db_prepare(
		run->db,
		"SELECT postcode FROM child WHERE la_code = $1 AND postcode IS NOT NULL"
		" UNION SELECT postcode FROM organisation WHERE la_code = $1 AND postcode"
		" IS NOT NULL ORDER BY 1",
		&st);
	if (rc == 0 && (rc = db_bind_text(st, 1, la->code)) == 0)
		while (db_step(st) == DB_ROW) {
			if (n == cap) {
				char(*more)[12] = realloc(pcs, 2 * cap * sizeof(*pcs));
				if (!more) {
					rc = ERR_NOMEM;
					break;
				}
				pcs = more;
				cap *= 2;
			}
			snprintf(pcs[n++], 12, "%s", db_column_text(st, 0));
		}
	if (st)
		db_reset(st);
	for (size_t i = 0; i < n && rc == 0; i++) {
		uint64_t h = fnv(pcs[i]);
		/* within about 3.5 miles north or south and 3.5 miles east or west */
		int32_t lat = clat + (int32_t)(h % 100000) - 50000;
		int32_t lon = clon + (int32_t)((h >> 24) % 160000) - 80000;
		rc = EXEC(run->db,
			  "INSERT INTO postcode (postcode, lat_e6, lon_e6) VALUES ($1, $2, $3)"
			  " ON CONFLICT (postcode) DO NOTHING",
			  T(pcs[i]), I(lat), I(lon));
	}
	free(pcs);
	if (rc == 0)
		rc = EXEC(
			run->db,
			"UPDATE organisation SET lat_e6 = (SELECT p.lat_e6 FROM postcode p WHERE"
			" p.postcode = organisation.postcode), lon_e6 = (SELECT p.lon_e6 FROM"
			" postcode p WHERE p.postcode = organisation.postcode) WHERE la_code = $1",
			T(la->code));
	return rc;
}

int demo_places(struct run *run, const struct la *la)
{
	int rc = coordinates(run, la);
	struct db_stmt *st = NULL;
	struct {
		char id[ID_LEN + 1];
		char type[8];
		char name[160];
		int unit;
	} orgs[256];
	size_t n = 0;
	if (rc == 0 && (rc = db_prepare(run->db,
					"SELECT id, coalesce(setting_type, ''), name, sen_unit +"
					" resourced_provision FROM organisation WHERE la_code = $1"
					" AND kind = 'setting' ORDER BY id",
					&st)) == 0) {
		if ((rc = db_bind_text(st, 1, la->code)) == 0)
			while (n < 256 && db_step(st) == DB_ROW) {
				snprintf(orgs[n].id, sizeof(orgs[n].id), "%s",
					 db_column_text(st, 0));
				snprintf(orgs[n].type, sizeof(orgs[n].type), "%s",
					 db_column_text(st, 1));
				snprintf(orgs[n].name, sizeof(orgs[n].name), "%s",
					 db_column_text(st, 2));
				orgs[n].unit = db_column_int64(st, 3) > 0;
				n++;
			}
		db_reset(st);
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		uint64_t h = fnv(orgs[i].name);
		char url[256], s[160];
		slug(orgs[i].name, s, sizeof(s));
		snprintf(url, sizeof(url), "https://www.example.org/%s/sen-information-report", s);
		rc = EXEC(
			run->db,
			"UPDATE organisation SET ofsted = $2, sen_report_url = $3, sen_places = $4"
			" WHERE id = $1",
			T(orgs[i].id), T(grades[h % N_OF(grades)]), T(url),
			orgs[i].unit ? I(8 + (int64_t)(h % 5) * 4) : T(NULL));
		int special = strcmp(orgs[i].type, "07") == 0 || strcmp(orgs[i].type, "44") == 0 ||
			      strcmp(orgs[i].type, "36") == 0;
		size_t k = special ? 2 + h % 2 : orgs[i].unit ? 1 : 0;
		const char *const *list = special ? special_needs : unit_needs;
		size_t len = special ? N_OF(special_needs) : N_OF(unit_needs);
		for (size_t j = 0; j < k && rc == 0; j++)
			rc = EXEC(
				run->db,
				"INSERT INTO organisation_need (organisation_id, need_code) VALUES"
				" ($1, $2) ON CONFLICT DO NOTHING",
				T(orgs[i].id), T(list[(h / 7 + j) % len]));
	}
	return rc;
}
