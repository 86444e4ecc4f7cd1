/*
 * organisations.h: local authorities (and, with issue 4, settings, ICBs, social care
 * teams and AP providers). Other areas read organisations only through this header.
 */
#ifndef SENDAP_ORGANISATIONS_H
#define SENDAP_ORGANISATIONS_H

#include <stddef.h>

#include "platform/db.h"
#include "platform/router.h"

struct local_authority {
	char code[4]; /* DfE 3-digit LA code */
	char name[96];
	char region[48];
};

/* la_code_valid: 1 if s is a 3-digit LA code. */
int la_code_valid(const char *s);

/* la_get reads one LA by code: 0, ERR_NOTFOUND, or a storage ERR_*. */
int la_get(struct db *db, const char *code, struct local_authority *out);

/*
 * Reference data: the code lists and calendars in reference/ (see reference/README.md).
 * Counts are data rows, the header row not included. la_reorganisations is checked (its
 * codes must be LAs) but not stored: no table holds it yet.
 */
struct reference_counts {
	int local_authorities;
	int la_reorganisations;
	int need_types;
	int ethnicities;
	int phases;
	int setting_types;
	int bank_holidays;
	/* why reference_load failed, e.g. `local_authorities.csv line 5 column 1 (code):
	 * "2x2" is not a 3-digit LA code`; "" on success */
	char error[320];
};

/*
 * reference_check_dir: 0 if dir is a directory holding every reference file, else
 * ERR_NOTFOUND (or ERR_TOOBIG for a path too long) with out->error saying what is missing.
 * It touches no database, so `sendap migrate` can check before it changes anything.
 */
int reference_check_dir(const char *dir, struct reference_counts *out);

/*
 * reference_load reads every reference file in dir, checks its header row and values, and
 * upserts the rows (INSERT ... ON CONFLICT DO UPDATE) in one transaction of its own: all
 * files or none. Rows are never deleted, and loading the same files again changes nothing.
 * It must not be called inside a transaction. Returns 0 with the counts in *out; or
 * ERR_INVALID for a file that breaks a rule, ERR_NOTFOUND for a missing directory or file,
 * ERR_IO, ERR_TOOBIG, ERR_NOMEM or a storage ERR_*, with the counts zero and out->error
 * naming the file, line and column. out may be NULL.
 */
int reference_load(struct db *db, const char *dir, struct reference_counts *out);

/* The JSON routes of this area, mounted by main.c. */
extern const struct route organisations_routes[];
extern const size_t organisations_routes_count;

#endif
