/*
 * people.c: the children file (one row a child or young person: the record from birth to
 * 25, checked as the child form checks it: UPN check letter, ULN check digit, postcode,
 * codes from the reference tables) and the contacts file (parents and carers, each linked
 * to one or more of the children imported before). Layouts: docs/import.md.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "imports/internal.h"
#include "people/people.h"
#include "platform/err.h"

/* ---- children ---- */

enum {
	CH_KEY,
	CH_GIVEN,
	CH_FAMILY,
	CH_DOB,
	CH_SEX,
	CH_ETHNICITY,
	CH_POSTCODE,
	CH_UPN,
	CH_ULN,
	CH_DISADVANTAGED,
	CH_LANGUAGE,
	CH_NEED,
	CH_SEN,
	CH_COMMUNICATION,
	CH_ADMIRED,
	CH_INTERESTS,
	CH_ASPIRATIONS,
	CH_UPN_UNKNOWN,
	CH_NEED2,
	CH_N
};

static const char *const child_cols[CH_N] = {
	"source_id",   "given_name",    "family_name",    "date_of_birth",
	"sex",         "ethnicity",     "postcode",       "upn",
	"uln",         "disadvantaged", "first_language", "primary_need",
	"sen_status",  "communication", "admired_for",    "interests",
	"aspirations", "upn_unknown",   "secondary_need",
};

static void children_check(struct importer *I)
{
	static const char *const sexes[] = {"F", "M", NULL};
	static const char *const statuses[] = {"none", "sen_support", "ehcp", NULL};
	/* the UPNunknown list of reference/sen2/2027.json */
	static const char *const upn_unknown[] = {"UN1", "UN2", "UN3", "UN4", "UN5", NULL};
	struct date dob;
	imp_text(I, CH_GIVEN, 1, NAME_MAX_LEN);
	imp_text(I, CH_FAMILY, 1, NAME_MAX_LEN);
	imp_date(I, CH_DOB, 1, date_add_years(I->today, -CHILD_MAX_AGE), I->today, &dob);
	imp_choice(I, CH_SEX, 1, sexes);
	imp_code(I, CH_ETHNICITY, 0, "SELECT 1 FROM ethnicity WHERE code = $1", "ethnicity");
	const char *pc = imp_text(I, CH_POSTCODE, 0, 10);
	char norm[16];
	if (pc && postcode_normalise(pc, norm, sizeof(norm)) != 0)
		imp_problem(I, CH_POSTCODE, "not a UK postcode, like SW1A 1AA");
	else if (pc)
		imp_set(I, CH_POSTCODE, norm);
	const char *upn = imp_text(I, CH_UPN, 0, 13);
	if (upn) {
		char u[14];
		size_t i = 0;
		for (; upn[i] && i < 13; i++)
			u[i] = (char)toupper((unsigned char)upn[i]);
		u[i] = '\0';
		if (strlen(u) != 13)
			imp_problem(I, CH_UPN, "not a UPN: 13 characters, like A123456789012");
		else if (!upn_valid(u))
			imp_problem(I, CH_UPN, "not a UPN: its check letter does not match");
		else
			imp_set(I, CH_UPN, u);
	}
	const char *uln = imp_text(I, CH_ULN, 0, 10);
	if (uln && !uln_valid(uln))
		imp_problem(I, CH_ULN, "not a ULN: 10 digits with the right check digit");
	imp_set(I, CH_DISADVANTAGED, imp_flag(I, CH_DISADVANTAGED) ? "1" : "0");
	imp_text(I, CH_LANGUAGE, 0, LANGUAGE_MAX_LEN);
	imp_code(I, CH_NEED, 0, "SELECT 1 FROM need_type WHERE code = $1", "SEN2 need type");
	imp_choice(I, CH_SEN, 0, statuses);
	for (int c = CH_COMMUNICATION; c <= CH_ASPIRATIONS; c++)
		imp_text(I, c, 0, TEXT_MAX_LEN);
	/* the SEN2 items (docs/sen2.md). A child with no UPN, ULN or reason is imported: the
	 * return's check E03 reports it. */
	imp_choice(I, CH_UPN_UNKNOWN, 0, upn_unknown);
	const char *need2 = imp_text(I, CH_NEED2, 0, 64);
	if (need2 && strcmp(need2, "NSA") == 0)
		imp_problem(I, CH_NEED2,
			    "not a secondary need: NSA (no specialist assessment) is for the"
			    " primary need only");
	else if (need2 && I->v[CH_NEED] && strcmp(need2, I->v[CH_NEED]) == 0)
		imp_problem(I, CH_NEED2, "the same as primary_need: give another need or none");
	else if (need2)
		imp_code(I, CH_NEED2, 0, "SELECT 1 FROM need_type WHERE code = $1",
			 "SEN2 need type");
}

/* lower: an ASCII lower-case copy for search, as people/store.c keeps them */
static void lower(const char *in, char *out, size_t n)
{
	size_t i = 0;
	for (; in && in[i] && i + 1 < n; i++)
		out[i] = (char)tolower((unsigned char)in[i]);
	out[i] = '\0';
}

static int children_write(struct importer *I, const char *our, const char *extra, char *our_out,
			  char *extra_out)
{
	(void)extra;
	(void)extra_out;
	char given[NAME_MAX_LEN * 4 + 1], family[NAME_MAX_LEN * 4 + 1];
	lower(I->v[CH_GIVEN], given, sizeof(given));
	lower(I->v[CH_FAMILY], family, sizeof(family));
	if (our)
		snprintf(our_out, ID_LEN + 1, "%s", our);
	else
		id_new(our_out);
	const char *v[] = {our_out,
			   I->v[CH_GIVEN],
			   I->v[CH_FAMILY],
			   given,
			   family,
			   I->v[CH_DOB],
			   I->v[CH_SEX],
			   I->v[CH_ETHNICITY],
			   I->v[CH_POSTCODE],
			   I->la,
			   I->v[CH_UPN],
			   I->v[CH_ULN],
			   I->v[CH_DISADVANTAGED],
			   I->v[CH_LANGUAGE],
			   I->v[CH_COMMUNICATION],
			   I->v[CH_ADMIRED],
			   I->v[CH_INTERESTS],
			   I->v[CH_ASPIRATIONS],
			   I->v[CH_NEED],
			   I->v[CH_SEN] ? I->v[CH_SEN] : "none",
			   I->now,
			   I->v[CH_UPN_UNKNOWN],
			   I->v[CH_NEED2]};
	if (our)
		return imp_exec(I,
				"UPDATE child SET given_name = $2, family_name = $3, search_given ="
				" $4, search_family = $5, date_of_birth = $6, sex = $7, ethnicity ="
				" $8, postcode = $9, la_code = $10, upn = $11, uln = $12,"
				" disadvantaged = CAST($13 AS INTEGER), first_language = $14,"
				" communication = $15, admired_for = $16, interests = $17,"
				" aspirations = $18, primary_need = $19, sen_status = $20,"
				" updated_at = $21, upn_unknown = $22, secondary_need = $23"
				" WHERE id = $1",
				v, 23);
	return imp_exec(
		I,
		"INSERT INTO child (id, given_name, family_name, search_given,"
		" search_family, date_of_birth, sex, ethnicity, postcode, la_code, upn, uln,"
		" disadvantaged, first_language, communication, admired_for, interests,"
		" aspirations, primary_need, sen_status, created_at, updated_at, upn_unknown,"
		" secondary_need) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,"
		" CAST($13 AS INTEGER), $14, $15, $16, $17, $18, $19, $20, $21, $21, $22, $23)",
		v, 23);
}

const struct imp_kind imp_children = {
	"children", child_cols, CH_N, children_check, children_write, CH_UPN, "child",
};

/* ---- contacts ---- */

enum { CO_KEY, CO_CHILDREN, CO_NAME, CO_RELATIONSHIP, CO_PR, CO_EMAIL, CO_PHONE, CO_N };

static const char *const contact_cols[CO_N] = {
	"source_id", "child_source_ids", "name", "relationship", "parental_responsibility", "email",
	"phone",
};

/* children: the ';'-separated keys of the children, each resolved to our id */
static void contact_children(struct importer *I)
{
	const char *list = imp_text(I, CO_CHILDREN, 1, 600);
	if (!list)
		return;
	const char *p = list;
	while (*p) {
		const char *end = strchr(p, ';');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char key[72];
		while (n && *p == ' ') {
			p++;
			n--;
		}
		while (n && p[n - 1] == ' ')
			n--;
		if (n == 0 || n >= sizeof(key)) {
			imp_problem(I, CO_CHILDREN,
				    "a key in the list is empty or too long:"
				    " separate the children's keys with \";\"");
			return;
		}
		memcpy(key, p, n);
		key[n] = '\0';
		if (I->nids == (int)(sizeof(I->ids) / sizeof(I->ids[0]))) {
			imp_problem(I, CO_CHILDREN, "too many children: at most 8");
			return;
		}
		char our[ID_LEN + 1];
		int rc = imp_lookup(I, "children", key, our, sizeof(our), NULL, 0, NULL, 0);
		if (rc < 0) {
			I->fatal = rc;
			return;
		}
		if (rc == 0) {
			imp_problem(I, CO_CHILDREN,
				    "unknown key: no child with the source_id \"%s\" has been"
				    " imported for this LA (import the children file first)",
				    key);
			return;
		}
		for (int i = 0; i < I->nids; i++)
			if (strcmp(I->ids[i], our) == 0) {
				imp_problem(I, CO_CHILDREN, "the child \"%s\" is listed twice",
					    key);
				return;
			}
		size_t l = strlen(our) + 1;
		if (I->scratch_used + l > sizeof(I->scratch))
			return;
		char *s = I->scratch + I->scratch_used;
		memcpy(s, our, l);
		I->scratch_used += l;
		I->ids[I->nids++] = s;
		if (!end)
			break;
		p = end + 1;
	}
}

static void contact_check(struct importer *I)
{
	static const char *const relationships[] = {"mother",      "father",      "parent",
						    "step_parent", "grandparent", "foster_carer",
						    "carer",       "other",       NULL};
	static const char *const yes_no[] = {"yes", "no", NULL};
	contact_children(I);
	imp_text(I, CO_NAME, 1, NAME_MAX_LEN);
	imp_choice(I, CO_RELATIONSHIP, 1, relationships);
	imp_choice(I, CO_PR, 1, yes_no);
	const char *email = imp_text(I, CO_EMAIL, 0, 254);
	if (email) {
		const char *at = strchr(email, '@');
		int ok = at && at != email && at[1] && !strchr(at + 1, '@') && strchr(at, '.');
		for (const char *c = email; ok && *c; c++)
			ok = (unsigned char)*c > ' ';
		if (!ok)
			imp_problem(I, CO_EMAIL, "not an email address, like name@example.com");
	}
	const char *phone = imp_text(I, CO_PHONE, 0, 30);
	for (const char *c = phone; c && *c; c++)
		if (!isdigit((unsigned char)*c) && !strchr(" +()-", *c)) {
			imp_problem(I, CO_PHONE, "not a phone number: digits, spaces, + ( ) -");
			break;
		}
}

static int contact_write(struct importer *I, const char *our, const char *extra, char *our_out,
			 char *extra_out)
{
	(void)extra;
	(void)extra_out;
	int rc;
	if (our)
		snprintf(our_out, ID_LEN + 1, "%s", our);
	else
		id_new(our_out);
	const char *m[] = {our_out, I->v[CO_NAME], I->v[CO_EMAIL], I->v[CO_PHONE], I->now};
	if (our) {
		rc = imp_exec(I,
			      "UPDATE family_member SET name = $2, email = $3, phone = $4 WHERE"
			      " id = $1",
			      m, 4);
		if (rc == 0)
			rc = imp_exec(I, "DELETE FROM family_link WHERE family_member_id = $1", m,
				      1);
	} else {
		rc = imp_exec(I,
			      "INSERT INTO family_member (id, name, email, phone, created_at)"
			      " VALUES ($1, $2, $3, $4, $5)",
			      m, 5);
	}
	const char *pr = strcmp(I->v[CO_PR], "yes") == 0 ? "1" : "0";
	for (int i = 0; i < I->nids && rc == 0; i++) {
		const char *l[] = {our_out, I->ids[i], I->v[CO_RELATIONSHIP], pr};
		rc = imp_exec(I,
			      "INSERT INTO family_link (family_member_id, child_id, relationship,"
			      " parental_responsibility) VALUES ($1, $2, $3, CAST($4 AS INTEGER))",
			      l, 4);
	}
	return rc;
}

const struct imp_kind imp_contacts = {
	"contacts", contact_cols, CO_N, contact_check, contact_write, CO_CHILDREN, "family_member",
};
