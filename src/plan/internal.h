/*
 * internal.h: what the plan's pages share: the page context (the child, the latest
 * version, its template, what the signed-in user may write) and the handlers that
 * pages.c lists in plan_routes.
 */
#ifndef SENDAP_PLAN_INTERNAL_H
#define SENDAP_PLAN_INTERNAL_H

#include "people/people.h"
#include "plan/plan.h"
#include "platform/auth.h"
#include "platform/gds.h"
#include "platform/http.h"

#define PLAN_OFFICERS (ROLE_BIT(ROLE_CASEWORKER) | ROLE_BIT(ROLE_LA_MANAGER))
#define PLAN_FAMILY (ROLE_BIT(ROLE_PARENT) | ROLE_BIT(ROLE_YOUNG_PERSON))
#define PLAN_ALL_SECTIONS ((1u << PLAN_SECTIONS) - 1)
#define PLAN_TEXT_MAX 4000

struct plan_ctx {
	const char *child_id;
	struct child child;
	const char *name;    /* "Ayo Bello" */
	struct plan_doc doc; /* doc.plan is NULL when there is no plan yet */
	struct plan_template tpl;
	unsigned writable; /* the sections this user may write (bits 1u << PLAN_x) */
	const struct user *user;
};

/*
 * plan_ctx_load: for a page about the child's plan: the user may see the child (else
 * 404), and the read is audited. 0 or an ERR_*. plan_ctx_release frees it.
 */
int plan_ctx_load(struct request *req, struct plan_ctx *c);
void plan_ctx_release(struct plan_ctx *c);
/* plan_writable: the sections the signed-in user may write for the child: officers all,
 * the family section A, a contributor the sections they were asked for, others none */
unsigned plan_writable(struct request *req, const char *child);
/* plan_sections_words: "sections C and G" */
const char *plan_sections_words(struct arena *a, unsigned bits);
/* plan_refused: a page saying plainly why (403 not allowed, 409 not now) */
int plan_refused(struct request *req, int status, const char *child, const char *title,
		 const char *why);
/* plan_is_draft: the context has a plan and its latest version is a draft */
int plan_is_draft(const struct plan_ctx *c);

/* editor.c */
/* plan_section_href: where the section is written (A: the family's own page) */
const char *plan_section_href(struct arena *a, const char *child, enum plan_section s);
int plan_edit_page(struct request *req);
int plan_contributors_save(struct request *req);
int plan_check_page(struct request *req);
int plan_issue_post(struct request *req);
int plan_amend_post(struct request *req);
/* section.c: the forms of each section */
extern const struct gds_choice plan_need_areas[4];
extern const struct gds_option plan_budgets[6];
extern const struct gds_choice plan_holders[5];
/* the text members of a section's line (or its I/J object), in form order */
struct plan_text_field {
	const char *key, *label, *hint;
	int area; /* a textarea */
};
struct plan_form {
	const struct plan_text_field *fields;
	size_t n;
};
struct plan_form plan_section_form(enum plan_section s);
int plan_is_provision(enum plan_section s);
/* plan_section_render: the section's lines and its form, changing line want (NULL: add) */
int plan_section_render(struct request *req, int status, struct plan_ctx *c, enum plan_section s,
			const char *want, const struct field_errors *errs);
/* plan_may_write: 0 if the user may write section s now; else *answered and the page
 * saying why has been sent, or an ERR_* */
int plan_may_write(struct request *req, struct plan_ctx *c, int s, int *answered);
int plan_section_page(struct request *req);
/* the advice written in a child's assessments ($1: the child), newest first */
#define PLAN_ADVICE_SQL                                                                   \
	"SELECT v.id, v.item, v.given_on, v.body FROM advice v JOIN assessment_case k ON" \
	" k.id = v.case_id WHERE k.child_id = $1 ORDER BY v.given_on DESC, v.id"
/* section_save.c */
int plan_section_save(struct request *req);
int plan_section_remove(struct request *req);
/* exchange.c */
int plan_export_page(struct request *req);
int plan_import_page(struct request *req);
int plan_import_post(struct request *req);
int plan_comment_page(struct request *req);
int plan_comment_post(struct request *req);
/* compare.c */
int plan_compare_page(struct request *req);

#endif
