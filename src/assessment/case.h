/*
 * case.h: an assessment case as the area's own files see it (store.c, pages.c, api.c).
 */
#ifndef SENDAP_ASSESSMENT_CASE_H
#define SENDAP_ASSESSMENT_CASE_H

#include <stddef.h>

#include <jansson.h>

#include "assessment/assessment.h"
#include "platform/arena.h"
#include "platform/audit.h"
#include "platform/db.h"
#include "platform/fields.h"
#include "platform/http.h"
#include "platform/ids.h"

struct assessment_case {
	char id[ID_LEN + 1];
	char child_id[ID_LEN + 1];
	char la_code[4];
	char officer_id[ID_LEN + 1];
	char officer_name[128];
	char officer_email[256];
	char requested_by[16];
	char requested_on[DATE_ISO_LEN + 1];
	char rule_family[32];
	char state[24];
	char next_step[48];
	char next_due[DATE_ISO_LEN + 1];
	char closed_on[DATE_ISO_LEN + 1];
};

/* one step to record, checked already for its own fields */
struct case_step {
	const char *type;
	const char *date; /* ISO */
	const char *item; /* which advice or setting, or NULL */
	const char *reasons;
	const char *recipient; /* a decision's notice: to whom, and how */
	const char *channel;
	const char *advisor_id; /* advice_requested: the professional asked, who may then see
				 * the child's record (people's advice_request), or NULL */
};

/* case_step_check: the step's own fields, whatever the channel (form or JSON): the stage
 * allows it, advice and consultations name whom they are for, decisions give reasons and
 * a notice's recipient and channel. Drops what the step does not use. */
void case_step_check(const char *state, struct case_step *s, struct field_errors *errs);

int case_get(struct db *db, const char *id, struct assessment_case *c);
/* case_for_child: the child's latest case id, or ERR_NOTFOUND */
int case_for_child(struct db *db, const char *child_id, char *id, size_t n);
/* case_of_child: the child's latest case, or ERR_NOTFOUND */
int case_of_child(struct db *db, const char *child_id, struct assessment_case *c);
/* case_request opens a case requested on date by u (the family, a young person, a setting
 * or the council): who asked, the child's LA and officer, and the audit row */
int case_request(struct db *db, const char *child_id, const char *date, const struct user *u,
		 const char *request_id, struct arena *a, struct assessment_case *c);
/* case_exception_check: an exception period's dates (the end not before the start, the
 * start not before the request) and its reason (one of the case's rules) */
void case_exception_check(const struct assessment_case *c, const char *from, const char *to,
			  const char *reason, struct field_errors *errs);
/* case_history: the case as `sendap clock` reads it (a new reference) */
json_t *case_history(struct db *db, const struct assessment_case *c);
/* case_open saves a new case (c filled in but its id) with its request event */
int case_open(struct db *db, struct assessment_case *c, const struct audit_entry *why,
	      struct arena *a);
/* case_record appends a step if the case's state allows it and its date is not before
 * the last step's (ERR_INVALID with errs), with its notice, new state and audit row */
int case_record(struct db *db, struct assessment_case *c, const struct case_step *s,
		struct field_errors *errs, const struct audit_entry *why, struct arena *a);

/* case_add_exception records a period the statutory limits do not bind (a reason code of
 * the rules), with its audit row, and recomputes the next deadline */
int case_add_exception(struct db *db, struct assessment_case *c, const char *from, const char *to,
		       const char *reason, const struct audit_entry *why, struct arena *a);

/* advice a contributor gives: for which request (item), the plan sections it informs
 * (comma-separated letters: B, C, D, E, F, G, H1, H2), the text, and its date */
struct case_advice {
	const char *item;
	const char *sections;
	const char *text;
	const char *date;
};
/* case_add_advice stores the advice and, when the stage allows, the advice_received step,
 * in one transaction */
int case_add_advice(struct db *db, struct assessment_case *c, const struct case_advice *adv,
		    struct field_errors *errs, const struct audit_entry *why, struct arena *a);

/* case_notices_read marks the case's unread portal notices as read now */
int case_notices_read(struct db *db, const char *case_id);

/* case_rules_cover: the rules in force (assessment_rules) have a version for a request
 * made on iso; a case asked for before them would have no statutory clock */
int case_rules_cover(const char *iso, struct arena *a);

#endif
