/*
 * places.c: the settings file (schools, colleges, early years and special settings of
 * the LA: organisations of kind 'setting', with their URN, UKPRN, type and phase from the
 * reference tables) and the placements file (a child on a setting's roll from a day,
 * until a day, and whether the LA named it in the plan). Layouts: docs/import.md.
 */
#include <stdio.h>
#include <string.h>

#include "imports/internal.h"
#include "people/people.h"
#include "platform/err.h"

/* digits: 1 if s is exactly n digits and does not start with 0 */
static int digits(const char *s, size_t n)
{
	if (strlen(s) != n || s[0] == '0')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* ---- settings ---- */

enum {
	SE_KEY,
	SE_NAME,
	SE_URN,
	SE_UKPRN,
	SE_TYPE,
	SE_PHASE,
	SE_POSTCODE,
	SE_AGE_FROM,
	SE_AGE_TO,
	SE_CAPACITY,
	SE_SEN_UNIT,
	SE_RP,
	SE_N
};

static const char *const setting_cols[SE_N] = {
	"source_id", "name",     "urn",    "ukprn",    "setting_type", "phase",
	"postcode",  "age_from", "age_to", "capacity", "sen_unit",     "resourced_provision",
};

static void setting_check(struct importer *I)
{
	imp_text(I, SE_NAME, 1, 200);
	const char *urn = imp_text(I, SE_URN, 0, 6);
	if (urn && !digits(urn, 6))
		imp_problem(I, SE_URN, "not a URN: 6 digits");
	const char *ukprn = imp_text(I, SE_UKPRN, 0, 8);
	if (ukprn && (!digits(ukprn, 8) || ukprn[0] != '1'))
		imp_problem(I, SE_UKPRN, "not a UKPRN: 8 digits starting with 1");
	imp_code(I, SE_TYPE, 1, "SELECT 1 FROM setting_type WHERE code = $1", "setting type");
	imp_code(I, SE_PHASE, 0, "SELECT 1 FROM phase WHERE code = $1", "phase");
	const char *pc = imp_text(I, SE_POSTCODE, 0, 10);
	char norm[16];
	if (pc && postcode_normalise(pc, norm, sizeof(norm)) != 0)
		imp_problem(I, SE_POSTCODE, "not a UK postcode, like SW1A 1AA");
	else if (pc)
		imp_set(I, SE_POSTCODE, norm);
	int64_t from = 0, to = 0, cap;
	int has_from = imp_int(I, SE_AGE_FROM, 0, 25, &from);
	int has_to = imp_int(I, SE_AGE_TO, 0, 25, &to);
	if (has_from && has_to && to < from)
		imp_problem(I, SE_AGE_TO, "out of range: age_to is below age_from");
	imp_int(I, SE_CAPACITY, 0, 100000, &cap);
	imp_set(I, SE_SEN_UNIT, imp_flag(I, SE_SEN_UNIT) ? "1" : "0");
	imp_set(I, SE_RP, imp_flag(I, SE_RP) ? "1" : "0");
}

static int setting_write(struct importer *I, const char *our, const char *extra, char *our_out,
			 char *extra_out)
{
	(void)extra;
	(void)extra_out;
	if (our)
		snprintf(our_out, ID_LEN + 1, "%s", our);
	else
		id_new(our_out);
	const char *v[] = {our_out,
			   I->v[SE_NAME],
			   I->la,
			   I->v[SE_URN],
			   I->v[SE_UKPRN],
			   I->v[SE_TYPE],
			   I->v[SE_PHASE],
			   I->v[SE_AGE_FROM],
			   I->v[SE_AGE_TO],
			   I->v[SE_POSTCODE],
			   I->v[SE_CAPACITY],
			   I->v[SE_SEN_UNIT],
			   I->v[SE_RP],
			   I->now};
	if (our)
		return imp_exec(
			I,
			"UPDATE organisation SET name = $2, la_code = $3, urn = $4, ukprn ="
			" $5, setting_type = $6, phase = $7, age_from = CAST($8 AS INTEGER),"
			" age_to = CAST($9 AS INTEGER), postcode = $10, capacity = CAST($11"
			" AS INTEGER), sen_unit = CAST($12 AS INTEGER), resourced_provision"
			" = CAST($13 AS INTEGER) WHERE id = $1",
			v, 13);
	return imp_exec(
		I,
		"INSERT INTO organisation (id, kind, name, la_code, urn, ukprn, setting_type,"
		" phase, age_from, age_to, postcode, capacity, sen_unit, resourced_provision,"
		" created_at) VALUES ($1, 'setting', $2, $3, $4, $5, $6, $7, CAST($8 AS"
		" INTEGER), CAST($9 AS INTEGER), $10, CAST($11 AS INTEGER), CAST($12 AS"
		" INTEGER), CAST($13 AS INTEGER), $14)",
		v, 14);
}

const struct imp_kind imp_settings = {
	"settings", setting_cols, SE_N, setting_check, setting_write, SE_URN, "organisation",
};

/* ---- placements ---- */

enum {
	PL_KEY,
	PL_CHILD,
	PL_SETTING,
	PL_STARTED,
	PL_ENDED,
	PL_NAMED,
	PL_SEN_UNIT,
	PL_RP,
	PL_RESIDENTIAL,
	PL_WORK_BASED,
	PL_N
};

static const char *const placement_cols[PL_N] = {
	"source_id", "child_source_id", "setting_source_id",   "started_on",  "ended_on",
	"named",     "sen_unit",        "resourced_provision", "residential", "work_based",
};

static void placement_check(struct importer *I)
{
	/* the Residential and WorkBased lists of reference/sen2/2027.json */
	static const char *const residential[] = {"A", "B", NULL};
	static const char *const work_based[] = {"A", "S", "T", NULL};
	struct date from, to;
	I->ref[PL_CHILD] = imp_ref(I, PL_CHILD, 1, "children", "child");
	I->ref[PL_SETTING] = imp_ref(I, PL_SETTING, 1, "settings", "setting");
	int f = imp_date(I, PL_STARTED, 1, imp_earliest(), imp_years_on(I, 1), &from);
	int t = imp_date(I, PL_ENDED, 0, imp_earliest(), imp_years_on(I, 5), &to);
	if (f && t && date_cmp(to, from) < 0)
		imp_problem(I, PL_ENDED, "out of range: ended_on is before started_on");
	imp_set(I, PL_NAMED, imp_flag(I, PL_NAMED) ? "1" : "0");
	/* how the child attends (SEN2 PlacementDetail, docs/sen2.md): stored as given; the
	 * return's check Q05 asks about a unit or resourced provision the setting lacks */
	imp_set(I, PL_SEN_UNIT, imp_flag(I, PL_SEN_UNIT) ? "1" : "0");
	imp_set(I, PL_RP, imp_flag(I, PL_RP) ? "1" : "0");
	imp_choice(I, PL_RESIDENTIAL, 0, residential);
	imp_choice(I, PL_WORK_BASED, 0, work_based);
}

static int placement_write(struct importer *I, const char *our, const char *extra, char *our_out,
			   char *extra_out)
{
	int rc = 0;
	if (our) {
		/* our id is "<child id>/<organisation id>": the row of child_setting */
		char child[ID_LEN + 1], org[ID_LEN + 1];
		const char *slash = strchr(our, '/');
		if (!slash || slash - our > ID_LEN || strlen(slash + 1) > ID_LEN)
			return ERR_DB;
		snprintf(child, sizeof(child), "%.*s", (int)(slash - our), our);
		snprintf(org, sizeof(org), "%s", slash + 1);
		const char *d[] = {child, org};
		rc = imp_exec(I,
			      "DELETE FROM child_setting WHERE child_id = $1 AND organisation_id ="
			      " $2 AND relation = 'roll'",
			      d, 2);
		if (rc == 0 && extra && *extra) {
			const char *e[] = {extra};
			rc = imp_exec(I, "DELETE FROM placement_named WHERE id = $1", e, 1);
		}
	}
	const char *child = I->ref[PL_CHILD], *org = I->ref[PL_SETTING];
	snprintf(our_out, 2 * ID_LEN + 2, "%s/%s", child, org);
	const char *v[] = {child,
			   org,
			   I->v[PL_STARTED],
			   I->v[PL_ENDED],
			   I->v[PL_SEN_UNIT],
			   I->v[PL_RP],
			   I->v[PL_RESIDENTIAL],
			   I->v[PL_WORK_BASED]};
	if (rc == 0)
		rc = imp_exec(I,
			      "INSERT INTO child_setting (child_id, organisation_id, relation,"
			      " started_on, ended_on, sen_unit, resourced_provision, residential,"
			      " work_based) VALUES ($1, $2, 'roll', $3, $4, CAST($5 AS INTEGER),"
			      " CAST($6 AS INTEGER), $7, $8)",
			      v, 8);
	if (rc == 0 && strcmp(I->v[PL_NAMED], "1") == 0) {
		id_new(extra_out);
		const char *n[] = {extra_out, child, org, I->v[PL_STARTED]};
		rc = imp_exec(I,
			      "INSERT INTO placement_named (id, child_id, setting_id, reasons,"
			      " named_on) VALUES ($1, $2, $3, 'Named in the plan (imported from"
			      " the previous case-management system)', $4)",
			      n, 4);
	}
	return rc;
}

const struct imp_kind imp_placements = {
	"placements", placement_cols,  PL_N, placement_check, placement_write,
	PL_SETTING,   "child_setting",
};
