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

/* tailored_lists_allowed: 1 when the LA's local inclusion plan is signed off */
int tailored_lists_allowed(struct db *db, const char *la_code);

extern const struct route placement_directory_routes[]; /* directory.c */
extern const size_t placement_directory_routes_count;

#endif
