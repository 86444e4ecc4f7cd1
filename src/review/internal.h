/*
 * internal.h: what the review pages share (pages.c: the lists and one review; steps.c:
 * the form and the recording of each step; tracker.c: phase transfers by cohort).
 */
#ifndef SENDAP_REVIEW_INTERNAL_H
#define SENDAP_REVIEW_INTERNAL_H

#include "people/people.h"
#include "platform/auth.h"
#include "platform/gds.h"
#include "platform/http.h"
#include "review/next.h"
#include "review/review.h"

#define REVIEW_OFFICERS (ROLE_BIT(ROLE_CASEWORKER) | ROLE_BIT(ROLE_LA_MANAGER))

/* the columns review_read_row reads, in order (store.c) */
#define REVIEW_COLUMNS                                                                         \
	"id, child_id, la_code, setting_id, kind, transfer_kind, decision, rules_version,"     \
	" transfer_on, due_on, target_on, invitations_on, meeting_on, report_on, decision_on," \
	" amendments_on, amended_on, closed_on, record, decision_reasons, notice_channel,"     \
	" notice_served_on"
void review_read_row(struct db_stmt *st, struct arena *a, struct review *r);

const char *review_kind_label(const struct review *r);
enum gds_tag_colour review_status_colour(enum step_status s);
/* review_page: one review, its steps and the form for the next (pages.c) */
int review_page(struct request *req, int status, const char *id, const struct field_errors *errs);
/* steps.c */
void review_step_form(struct html *h, struct request *req, const struct review *r,
		      const struct child *c, enum review_step step,
		      const struct field_errors *errs);
int review_step_post(struct request *req);
/* review_child_page: the child's reviews (pages.c) */
int review_child_page(struct request *req, int status, const char *child,
		      const struct field_errors *errs);
/* tracker.c */
int review_transfers_page(struct request *req);
int review_transfer_post(struct request *req);
int review_under5_get(struct request *req);
int review_under5_post(struct request *req);

#endif
