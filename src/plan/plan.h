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
#include "platform/ids.h"
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

/* ---- sections.c: the plan's sections, and the templates that name them ---- */

enum plan_section {
	PLAN_A,
	PLAN_B,
	PLAN_C,
	PLAN_D,
	PLAN_E,
	PLAN_F,
	PLAN_G,
	PLAN_H1,
	PLAN_H2,
	PLAN_I,
	PLAN_J,
	PLAN_K,
	PLAN_SECTIONS
};

struct plan_section_info {
	const char *code;    /* "A", "H1": as the Code of Practice letters them */
	const char *slug;    /* "a", "h1": in addresses */
	const char *heading; /* the heading in the national template */
	const char *list;    /* the member holding its lines; NULL for A, I and J */
	const char *prefix;  /* new lines' ids start with it: "n", "o", "p", ... */
};
extern const struct plan_section_info plan_section_info[PLAN_SECTIONS];

/* plan_section_parse: the section for a code or slug ("H1", "h1"); -1 if none */
int plan_section_parse(const char *s);
/* plan_line_section: the section a line of the plan sits in; -1 if no line has that id */
int plan_line_section(json_t *plan, const char *line_id);
/* plan_line_get: the line with that id (borrowed), its list index in *index; NULL if none */
json_t *plan_line_get(json_t *plan, const char *line_id, size_t *index);
/* plan_section_lines: how many lines (or, for A, I and J, filled members) the section has */
size_t plan_section_lines(json_t *plan, enum plan_section s);

/*
 * A template names the sections (an LA's variant may call section A "All about me") and
 * gives each a hint. Templates are data (reference/templates/, table plan_template) and
 * never change in place: each plan records the template id it was written in, so an
 * older plan keeps the headings it was written under.
 */
#define PLAN_TEMPLATE_NATIONAL "national/1"
struct plan_template {
	const char *id;
	const char *name;
	const char *heading[PLAN_SECTIONS];
	const char *hint[PLAN_SECTIONS];
	int known; /* 0: the plan's template is not held here; national headings are used */
};
/* plan_template_get: the template with that id, strings in the arena */
int plan_template_get(struct db *db, const char *id, struct arena *a, struct plan_template *out);
/* plan_template_for_la: the id new plans in that LA are written in: the LA's latest
 * variant, else the latest national template */
const char *plan_template_for_la(struct db *db, const char *la_code, struct arena *a);
/* plan_templates_load: every reference/templates/ *.json into plan_template; one already
 * held is left as it is (a changed template must take a new id). err: why not. */
int plan_templates_load(struct db *db, const char *dir, int *loaded, char *err, size_t n);

/* ---- render.c ---- */
struct html;
struct plan_view {
	json_t *flags;                   /* quality flags shown beside their lines; may be NULL */
	json_t *comments;                /* [{"line", "author", "body", "at"}]; may be NULL */
	const struct plan_template *tpl; /* the headings; NULL: the national ones */
	const char *comment_href;        /* non-NULL: each line links to <comment_href><line id> */
};
/* plan_render writes the plan's sections as HTML */
void plan_render(struct html *h, json_t *plan, const struct plan_view *v);

/* ---- store.c: versions in the database ---- */

/* plan_canonical: the plan as stored and exported: keys sorted, compact (free() it) */
char *plan_canonical(json_t *plan);
/* plan_import checks the plan and keeps it as the child's next version, a draft; its id
 * goes into id_out (ID_LEN + 1 bytes) */
int plan_import(struct db *db, json_t *plan, const char *actor, struct arena *a,
		struct field_errors *errs, char *id_out);
/*
 * plan_edit changes the child's latest version, a draft, in one transaction: fn gets the
 * plan (locked while it runs) and changes it, or records errors and returns ERR_INVALID;
 * the result must pass plan_validate. With no plan yet, fn gets a new empty one written
 * in template_id. ERR_CONFLICT: the latest version was issued (amend it first).
 */
typedef int (*plan_edit_fn)(json_t *plan, void *ctx, struct arena *a, struct field_errors *errs);
int plan_edit(struct db *db, const char *child, const char *template_id, plan_edit_fn fn, void *ctx,
	      const char *actor, struct arena *a, struct field_errors *errs, char *id_out);
/* plan_amend copies the latest issued version into a new draft version (ERR_CONFLICT if
 * the latest is already a draft, or there is no plan) */
int plan_amend(struct db *db, const char *child, const char *actor, struct arena *a,
	       struct field_errors *errs, char *id_out);
/* plan_export: a version of the child's plan (version 0: the latest) exactly as stored */
int plan_export(struct db *db, const char *child, int64_t version, char **out);
/* plan_issue makes a draft final ("amended" when an earlier version was issued): it
 * never changes again; its hash (65 bytes of hex) is
 * written to the audit trail. ERR_CONFLICT if it was not a draft. */
int plan_issue(struct db *db, const char *id, const char *actor, char *hash_out);

/* the latest version of a child's plan: plan_latest fills it (ERR_NOTFOUND: none yet) */
struct plan_doc {
	char id[ID_LEN + 1];
	int64_t version;
	char status[12]; /* "draft", "final", "amended" */
	char issued_on[DATE_ISO_LEN + 1];
	json_t *plan; /* owned: json_decref it */
};
int plan_latest(struct db *db, const char *child, struct plan_doc *out);

/* ---- writing.c: who writes which sections, and the family's comments ---- */

/* plan_contributor_sections: the sections (bits 1u << PLAN_x) the user was asked to
 * write for the child; 0 if none */
unsigned plan_contributor_sections(struct db *db, const char *child, const char *user);
/* plan_contributor_set: ask the user to write those sections (0: ask no longer) */
int plan_contributor_set(struct db *db, const char *child, const char *user, unsigned sections,
			 const char *asked_by);
/* plan_comments: the comments on a version, oldest first: [{"line", "author", "body", "at"}] */
json_t *plan_comments(struct db *db, const char *version_id);
/* plan_comment_add: a comment on a line of a draft version */
int plan_comment_add(struct db *db, const char *version_id, const char *line, const char *author,
		     const char *body);

/* the routes (pages.c) */
extern const struct route plan_routes[];
extern const size_t plan_routes_count;

/* `sendap plan check|import|export|issue` (cli.c) */
int plan_cli(int argc, char **argv);

#endif
