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

/* The JSON routes of this area, mounted by main.c. */
extern const struct route organisations_routes[];
extern const size_t organisations_routes_count;

#endif
