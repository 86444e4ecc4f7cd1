/*
 * plan.h: the EHC plan as typed data (sections A to K), its checks and its quality flags.
 *
 * A plan is a JSON document in the schema "sendap-plan/1" (docs/plan.md): section A in
 * the family's words, B needs by area, C health and D social care needs, E outcomes
 * linked to the needs they answer, F/G/H1/H2 provision lines each linked to needs and
 * outcomes, I placement, J personal budget, K the advice it draws on. Lines carry ids
 * ("n1", "o2", "p3") that links refer to, within the same plan only.
 *
 * plan_validate refuses what cannot be a plan (a link to a line that is not in this
 * plan, an outcome answering no need, a section that does not exist); plan_quality then
 * flags what a good plan would not have (a need with no provision, provision that is
 * not quantified or is written in vague words, no preparation-for-adulthood outcome from
 * Year 9, ...). Both are pure: no I/O.
 */
#ifndef SENDAP_PLAN_H
#define SENDAP_PLAN_H

#include <stdint.h>

#include <jansson.h>

#include "platform/arena.h"
#include "platform/db.h"
#include "platform/dates.h"
#include "platform/fields.h"
#include "platform/router.h"

#define PLAN_SCHEMA "sendap-plan/1"

/*
 * plan_validate checks the document's shape and links; each problem goes into errs with
 * the JSON pointer of the field (/provision/3/needs/0) and a message. Returns the number
 * of errors.
 */
size_t plan_validate(json_t *plan, struct arena *a, struct field_errors *errs);

/*
 * plan_quality returns a new JSON array of flags, each {"code", "line", "pointer",
 * "message"}, for a plan that passed plan_validate. dob is the child's date of birth and
 * on the day judged on (preparation for adulthood is expected from Year 9).
 */
json_t *plan_quality(json_t *plan, struct date dob, struct date on);

/* plan_year_group: the child's National Curriculum year on that day (Reception is 0; a
 * child turning 5 between 1 September and 31 August starts Reception that September). */
int plan_year_group(struct date dob, struct date on);

/* ---- render.c ---- */
struct html;
/* plan_render writes the plan's sections as HTML; flags (may be NULL) are shown beside
 * the lines they concern */
void plan_render(struct html *h, json_t *plan, json_t *flags);

/* ---- store.c: versions in the database ---- */

/* plan_canonical: the plan as stored and exported: keys sorted, compact (free() it) */
char *plan_canonical(json_t *plan);
/* plan_import checks the plan and keeps it as the child's next version, a draft; its id
 * goes into id_out (ID_LEN + 1 bytes) */
int plan_import(struct db *db, json_t *plan, const char *actor, struct arena *a,
		struct field_errors *errs, char *id_out);
/* plan_save_draft: the child's latest version is a draft: it is changed in place; else
 * (no plan yet, or the latest was issued) the plan becomes a new draft version */
int plan_save_draft(struct db *db, json_t *plan, const char *actor, struct arena *a,
		    struct field_errors *errs, char *id_out);
/* plan_export: a version of the child's plan (version 0: the latest) exactly as stored */
int plan_export(struct db *db, const char *child, int64_t version, char **out);
/* plan_issue makes a draft final: it never changes again; its hash (65 bytes of hex) is
 * written to the audit trail. ERR_CONFLICT if it was not a draft. */
int plan_issue(struct db *db, const char *id, const char *actor, char *hash_out);

/* the routes (pages.c) */
extern const struct route plan_routes[];
extern const size_t plan_routes_count;

/* `sendap plan check|import|export|issue` (cli.c) */
int plan_cli(int argc, char **argv);

#endif
