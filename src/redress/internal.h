/*
 * internal.h: what the disagreement pages share (pages.c, mediation.c, appeal.c).
 */
#ifndef SENDAP_REDRESS_INTERNAL_H
#define SENDAP_REDRESS_INTERNAL_H

#include "platform/arena.h"
#include "platform/db.h"
#include "platform/fields.h"
#include "platform/html.h"
#include "platform/http.h"
#include "redress/redress.h"

#define REDRESS_OFFICERS (ROLE_BIT(ROLE_CASEWORKER) | ROLE_BIT(ROLE_LA_MANAGER))
#define REDRESS_FAMILY (ROLE_BIT(ROLE_PARENT) | ROLE_BIT(ROLE_YOUNG_PERSON))

struct redress_decision {
	const char *kind; /* 'refuse_assess', 'refuse_issue', 'plan_contents', 'amendment',
			   * 'cease' */
	struct date served;
};
size_t redress_decisions(struct db *db, const char *child, struct arena *a,
			 struct redress_decision *out, size_t cap);
const char *redress_kind_label(const char *kind);
const struct holidays *redress_holidays(struct holidays *h);
const char *redress_long(struct arena *a, struct date d);
int redress_child_page(struct request *req, int status, const char *child,
		       const struct field_errors *errs);

/* mediation.c */
void redress_mediation_block(struct html *h, struct request *req, const char *child,
			     const struct redress_decision *d, size_t n,
			     const struct field_errors *errs);
int redress_mediation_post(struct request *req);
int redress_mediation_step(struct request *req);
/* appeal.c */
void redress_appeal_block(struct html *h, struct request *req, const char *child,
			  const struct redress_decision *d, size_t n,
			  const struct field_errors *errs);
int redress_appeal_post(struct request *req);
int redress_appeal_step(struct request *req);
int redress_orders_page(struct request *req);
/* complaints.c */
void redress_complaints_block(struct html *h, struct request *req, const char *child,
			      const struct field_errors *errs);
void redress_ombudsman_block(struct html *h, struct request *req, const char *child,
			     const struct field_errors *errs);
void redress_claims_block(struct html *h, struct request *req, const char *child,
			  const struct field_errors *errs);
int redress_complaint_post(struct request *req);
int redress_complaint_step(struct request *req);
int redress_ombudsman_post(struct request *req);
int redress_ombudsman_step(struct request *req);
int redress_claim_post(struct request *req);
/* settings.c: the LA's choice of mediation before any appeal */
int redress_mediation_mandatory(struct db *db, const char *la_code);
int redress_settings_get(struct request *req);
int redress_settings_post(struct request *req);

/* decision_choice: "<kind>|<served ISO>" for a form's value, and back */
const char *redress_choice(struct arena *a, const struct redress_decision *d);
int redress_choice_parse(const char *v, const struct redress_decision *d, size_t n);

/* redress_saved ends a write (audit_commit) and, when it committed, sends the family's
 * disagreement page again: /children/CHILD/disagree */
int redress_saved(struct request *req, struct db *db, const char *child, int rc, const char *actor,
		  const char *action, const char *type, const char *id);

#endif
