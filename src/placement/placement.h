/*
 * placement.h: where a child with a plan goes to school or college. The settings
 * directory (public), consultations with settings, the family's preference and their
 * right to ask for mainstream, the setting named, tailored lists where an LA may use
 * them, and sufficiency for the LA. The ranking rules are in rank.h.
 */
#ifndef SENDAP_PLACEMENT_H
#define SENDAP_PLACEMENT_H

#include <stdint.h>

#include "placement/rank.h"
#include "platform/arena.h"
#include "platform/db.h"
#include "platform/router.h"

/* postcode_where: the coordinates of a normalised postcode; ERR_NOTFOUND if not held */
int postcode_where(struct db *db, const char *postcode, int32_t *lat_e6, int32_t *lon_e6);

/* `sendap postcodes import FILE`: an ONS postcode directory CSV (pcds or pcd, lat, long) */
int placement_cli(int argc, char **argv);

/* the days a setting has to answer a consultation (SEND Code of Practice 9.83) */
#define CONSULTATION_DAYS 15

/* the statutory grounds on which a setting may be refused (Children and Families Act
 * 2014, s39(4)): their stored names and words */
extern const char *const consultation_grounds[3][2];

/*
 * placement_candidates: the settings within max_miles (a box) of lat/lon whose ages take
 * a child of `age`, with designations and roll counts, for placement_rank. *out is
 * malloc'd (free it); its strings are in the arena.
 */
#define PLACEMENT_CANDIDATES_SQL                                                                \
	"SELECT o.id, o.name, coalesce(o.setting_type, ''), o.sen_unit, o.resourced_provision," \
	" coalesce(o.age_from, -1), coalesce(o.age_to, -1), coalesce(o.capacity, -1),"          \
	" o.lat_e6, o.lon_e6, o.ofsted, (SELECT count(*) FROM child_setting s WHERE"            \
	" s.organisation_id = o.id AND s.relation = 'roll' AND s.ended_on IS NULL)"             \
	" FROM organisation o WHERE o.kind = 'setting' AND o.lat_e6 BETWEEN $1 AND $2 AND"      \
	" o.lon_e6 BETWEEN $3 AND $4 AND o.age_from <= $5 AND o.age_to >= $5"
#define PLACEMENT_CANDIDATE_NEEDS_SQL                                                          \
	"SELECT n.organisation_id, n.need_code FROM organisation_need n JOIN organisation o"   \
	" ON o.id = n.organisation_id WHERE o.kind = 'setting' AND o.lat_e6 BETWEEN $1 AND $2" \
	" AND o.lon_e6 BETWEEN $3 AND $4"
int placement_candidates(struct db *db, int32_t lat, int32_t lon, int age, int max_miles,
			 struct arena *a, struct rank_setting **out, size_t *n_out);

/* tailored_lists_allowed: 1 when the LA's local inclusion plan is signed off */
int tailored_lists_allowed(struct db *db, const char *la_code);

extern const struct route placement_directory_routes[]; /* directory.c */
extern const size_t placement_directory_routes_count;
extern const struct route placement_child_routes[]; /* child.c */
extern const size_t placement_child_routes_count;
extern const struct route placement_consult_routes[]; /* consult.c */
extern const size_t placement_consult_routes_count;
extern const struct route placement_tailored_routes[]; /* tailored.c */
extern const size_t placement_tailored_routes_count;
extern const struct route placement_sufficiency_routes[]; /* sufficiency.c */
extern const size_t placement_sufficiency_routes_count;

#endif
