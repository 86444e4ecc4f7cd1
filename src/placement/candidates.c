/*
 * candidates.c: the settings a tailored list is made from: those within a box around
 * the child's home (max_miles each way) whose age range takes the child, with their
 * designated needs and how many are on roll. Two queries, both on indexes: the box
 * (organisation_place) and the designations of the settings in it.
 */
#include <stdlib.h>
#include <string.h>

#include "placement/placement.h"
#include "platform/err.h"

static int by_id(const void *a, const void *b)
{
	return strcmp(((const struct rank_setting *)a)->id, ((const struct rank_setting *)b)->id);
}

int placement_candidates(struct db *db, int32_t lat, int32_t lon, int age, int max_miles,
			 struct arena *a, struct rank_setting **out, size_t *n_out)
{
	*out = NULL;
	*n_out = 0;
	int32_t dlat = max_miles * LAT_PER_MILE, dlon = max_miles * LON_PER_MILE;
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, PLACEMENT_CANDIDATES_SQL, &st);
	if (rc)
		return rc;
	size_t n = 0, cap = 256;
	struct rank_setting *s = malloc(cap * sizeof(*s));
	if (!s) {
		db_reset(st);
		return ERR_NOMEM;
	}
	if ((rc = db_bind_int64(st, 1, lat - dlat)) == 0 &&
	    (rc = db_bind_int64(st, 2, lat + dlat)) == 0 &&
	    (rc = db_bind_int64(st, 3, lon - dlon)) == 0 &&
	    (rc = db_bind_int64(st, 4, lon + dlon)) == 0 && (rc = db_bind_int64(st, 5, age)) == 0) {
		while ((rc = db_step(st)) == DB_ROW) {
			if (n == cap) {
				struct rank_setting *more = realloc(s, 2 * cap * sizeof(*s));
				if (!more) {
					rc = ERR_NOMEM;
					break;
				}
				s = more;
				cap *= 2;
			}
			struct rank_setting *x = &s[n++];
			memset(x, 0, sizeof(*x));
			x->id = arena_strdup(a, db_column_text(st, 0));
			x->name = arena_strdup(a, db_column_text(st, 1));
			x->kind =
				setting_kind_of(db_column_text(st, 2), (int)db_column_int64(st, 3),
						(int)db_column_int64(st, 4));
			x->age_from = (int)db_column_int64(st, 5);
			x->age_to = (int)db_column_int64(st, 6);
			x->places = (int)db_column_int64(st, 7);
			x->has_coords = 1;
			x->lat_e6 = (int32_t)db_column_int64(st, 8);
			x->lon_e6 = (int32_t)db_column_int64(st, 9);
			x->ofsted = db_column_is_null(st, 10)
					    ? 0
					    : ofsted_parse(db_column_text(st, 10));
			x->filled = (int)db_column_int64(st, 11);
		}
		rc = rc == DB_DONE ? 0 : rc < 0 ? rc : ERR_DB;
	}
	db_reset(st);
	/* the designations of the settings in the box, matched by id: sorted here with
	 * strcmp, since a database's collation need not order ids the same way */
	if (rc == 0)
		qsort(s, n, sizeof(*s), by_id);
	if (rc == 0 && (rc = db_prepare(db, PLACEMENT_CANDIDATE_NEEDS_SQL, &st)) == 0) {
		if ((rc = db_bind_int64(st, 1, lat - dlat)) == 0 &&
		    (rc = db_bind_int64(st, 2, lat + dlat)) == 0 &&
		    (rc = db_bind_int64(st, 3, lon - dlon)) == 0 &&
		    (rc = db_bind_int64(st, 4, lon + dlon)) == 0) {
			while (db_step(st) == DB_ROW) {
				struct rank_setting key = {.id = db_column_text(st, 0)};
				struct rank_setting *x = bsearch(&key, s, n, sizeof(*s), by_id);
				if (x && x->n_needs < NEEDS_MAX)
					x->needs[x->n_needs++] =
						arena_strdup(a, db_column_text(st, 1));
			}
		}
		db_reset(st);
	}
	if (rc) {
		free(s);
		return rc;
	}
	*out = s;
	*n_out = n;
	return 0;
}
