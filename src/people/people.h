/*
 * people.h: children and young people (one record from birth to 25), the parents and
 * carers linked to them, and the user accounts of everyone who signs in.
 *
 * rules.c checks a record's fields (UPN check letter, dates, postcode) with no I/O;
 * store.c holds the SQL; pages.c and api.c the routes.
 */
#ifndef SENDAP_PEOPLE_H
#define SENDAP_PEOPLE_H

#include <stddef.h>
#include <stdint.h>

#include "platform/audit.h"
#include "platform/auth.h"
#include "platform/dates.h"
#include "platform/db.h"
#include "platform/fields.h"
#include "platform/ids.h"
#include "platform/router.h"

#define NAME_MAX_LEN 100
#define TEXT_MAX_LEN 2000
#define LANGUAGE_MAX_LEN 60
#define CHILD_MAX_AGE 25

struct child {
	char id[ID_LEN + 1];
	char given_name[NAME_MAX_LEN * 4 + 1]; /* up to 100 characters of UTF-8 */
	char family_name[NAME_MAX_LEN * 4 + 1];
	struct date date_of_birth;
	char sex[2];       /* "F" or "M" */
	char ethnicity[8]; /* DfE code, "" when not known */
	char postcode[9];  /* normalised "SW1A 1AA", "" when not known */
	char la_code[4];   /* LA of residence */
	char upn[14];      /* "" when not known */
	char uln[11];      /* "" when not known */
	int disadvantaged;
	char first_language[LANGUAGE_MAX_LEN * 4 + 1]; /* up to 60 characters of UTF-8 */
	char primary_need[8];                          /* SEN2 need code, "" when none recorded */
	char secondary_need[8];                        /* the same, "" when none */
	char upn_unknown[8]; /* why neither UPN nor ULN is held (SEN2 UPNunknown), or "" */
	char sen_status[16]; /* "none", "sen_support", "ehcp" */
	/* free text, arena-owned or NULL */
	const char *communication;
	const char *admired_for;
	const char *interests;
	const char *aspirations;
};

/* The input of a child form or JSON body: text as typed, before checking. */
struct child_input {
	const char *given_name, *family_name;
	const char *dob_day, *dob_month, *dob_year; /* the three boxes of the date input */
	const char *dob_iso;                        /* or, from the API, "YYYY-MM-DD" */
	const char *sex, *ethnicity, *postcode, *la_code, *upn, *uln;
	const char *disadvantaged; /* "yes", "no" or NULL */
	const char *first_language, *communication, *admired_for, *interests, *aspirations;
};

/* ---- rules.c: no I/O ---- */

/* upn_valid: 1 if s is a 13-character UPN whose check letter is right (DfE's algorithm:
 * weights 2..13 over characters 2..13, sum mod 23 gives the letter). */
int upn_valid(const char *s);
/* upn_check_letter: the check letter for the 12 characters after it, or 0. */
char upn_check_letter(const char *rest12);
/* uln_valid: 1 if s is a 10-digit ULN whose check digit is right. */
int uln_valid(const char *s);
/* postcode_normalise: a UK postcode upper-cased with one space before the inward code
 * ("sw1a1aa" -> "SW1A 1AA"); ERR_INVALID if it does not have a postcode's shape. */
int postcode_normalise(const char *in, char *out, size_t n);
/*
 * child_check turns input into a child, adding a GOV.UK-style message for each field
 * that is wrong (names use the form's field ids: given-name, dob-day, ...). today is
 * passed in so that the age rules (born in the past, not more than 25 years ago) can be
 * tested with fixed dates. Returns the number of errors.
 */
size_t child_check(const struct child_input *in, struct date today, struct child *out,
		   struct field_errors *errs);
/* rights_holder_is_young_person: 1 from the end of compulsory school age (the last
 * Friday of June of the school year in which they turn 16). */
int rights_holder_is_young_person(struct date dob, struct date today);

/* ---- store.c ---- */

/* child_get reads the record without its free text; child_get_text with it (the text is
 * copied into a). Both: 0, ERR_NOTFOUND or a storage ERR_*. Neither checks access. */
int child_get(struct db *db, const char *id, struct child *out);
int child_get_text(struct db *db, const char *id, struct arena *a, struct child *out);
/* child_insert gives the child a new id and saves it, with the audit row, in one
 * transaction. */
int child_insert(struct db *db, struct child *c, const struct audit_entry *why);
/* child_update saves the details a caseworker may change (names, date of birth, sex,
 * ethnicity, postcode, UPN, ULN, UPNunknown, needs) with the audit row, in one
 * transaction: 0, ERR_CONFLICT when another record has the UPN, or a storage ERR_*. */
int child_update(struct db *db, const struct child *c, const struct audit_entry *why);

struct child_row {
	char id[ID_LEN + 1];
	char name[NAME_MAX_LEN * 8 + 2];
	char dob[DATE_ISO_LEN + 1];
	char upn[14];
	char sen_status[16];
	char primary_need[8]; /* the SEN2 code */
	char need_name[64];   /* its name, "Autistic spectrum disorder" */
	char setting[128];
};

/* A page of children: rows lives in the caller's array of cap rows. */
struct child_page {
	struct child_row *rows;
	size_t cap, n;
	int64_t total;
};

enum child_list {
	LIST_FAMILY,   /* key: parent's user id */
	LIST_CASELOAD, /* key: the caseworker's user id (cases allocated to them) */
	LIST_LA_CASES, /* key: LA code (every EHC plan case, for managers) */
	LIST_PUPILS,   /* key: organisation id (on roll or under consultation) */
	LIST_ADVICE,   /* key: professional's user id */
};
int child_list(struct db *db, enum child_list which, const char *key, int64_t offset,
	       struct child_page *page);

struct child_query {
	const char *name;    /* part of a given or family name, or NULL */
	const char *dob;     /* ISO date, or NULL */
	const char *upn;     /* exact, or NULL */
	const char *la_code; /* limit to one LA, or NULL */
	const char *org_id;  /* limit to one setting's roll and consultations, or NULL */
};
int child_search(struct db *db, const struct child_query *q, int64_t offset,
		 struct child_page *page);

/* ---- accounts (admin.c) ---- */

struct user_input {
	const char *name, *email, *role, *la_code, *org_id, *password;
};
/* user_check checks a new account's fields and hashes its password into hash. */
int user_check(const struct user_input *in, struct user *out, char *hash, size_t n,
	       struct field_errors *errs);
/* user_insert saves a checked account with its audit row; ERR_CONFLICT if the email is
 * taken. */
int user_insert(struct db *db, struct user *u, const char *hash, const struct audit_entry *why);
/* user_set_disabled and user_set_password also end every session of the account. */
int user_set_disabled(struct db *db, const char *id, int disabled, const struct audit_entry *why);
int user_set_password(struct db *db, const char *id, const char *password,
		      const struct audit_entry *why);
int user_find_by_email(struct db *db, const char *email, char *id, size_t n);

/* ---- the command line (cli.c): `sendap user ...` and `sendap audit verify` ---- */
int people_cli_user(int argc, char **argv, const char *default_db);
int people_cli_audit(int argc, char **argv, const char *default_db);

/* ---- the routes (pages.c, api.c) ---- */
extern const struct route people_routes[];
extern const size_t people_routes_count;

#endif
