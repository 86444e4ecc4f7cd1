/*
 * review.h: after the plan is issued. Reviews (annual, phase transfer, after a move in)
 * and their statutory steps; the decision to maintain, amend or cease; ceasing with its
 * appeal window; provision that did not happen; moves between LAs.
 *
 * Every step is recorded in one transaction with its audit row, after the order the law
 * sets is checked: no meeting before its invitations, no report or decision without a
 * meeting, no cease without its SEN2 reason and that reason's date.
 */
#ifndef SENDAP_REVIEW_H
#define SENDAP_REVIEW_H

#include <jansson.h>

#include "platform/arena.h"
#include "platform/db.h"
#include "platform/dates.h"
#include "platform/fields.h"
#include "platform/ids.h"
#include "platform/router.h"
#include "review/rules.h"

/* the limits in force, loaded once by `sendap serve` and the CLI (review_rules_default
 * until then) */
extern struct review_rules review_rules_now;
/* review_rules_init loads <reference>/reviews/england.json for today */
int review_rules_init(const char *reference_dir, char *err, size_t n);

struct review {
	char id[ID_LEN + 1];
	char child_id[ID_LEN + 1];
	char la_code[4];
	char setting_id[ID_LEN + 1];
	char kind[16];          /* "annual", "phase_transfer", "move" */
	char transfer_kind[16]; /* phase transfers */
	char decision[12];      /* "", "maintain", "amend", "cease" */
	char rules_version[32];
	/* a date with y == 0 is not recorded */
	struct date transfer_on, due_on, target_on, invitations_on, meeting_on, report_on,
		decision_on, amendments_on, amended_on, closed_on;
	char notice_channel[8];
	struct date notice_served_on;
	const char *record;  /* the meeting record, JSON (arena) or NULL */
	const char *reasons; /* the decision's reasons (arena) or NULL */
};

int review_get(struct db *db, const char *id, struct arena *a, struct review *out);

/*
 * review_schedule makes sure every child of the LA with an issued plan that has not
 * ceased has one open review: a phase transfer review when they change phase next
 * September, else the next annual review (12 months starting with the plan's making or
 * the last meeting). Amendment reviews whose amended plan has been issued are closed.
 * Idempotent: run it any day. created: reviews added.
 */
int review_schedule(struct db *db, const char *la_code, struct date on, int *created);

/*
 * review_plan_transfer: a transfer planned on a given day (a move between post-16
 * institutions, which no school year predicts): the open review, if not yet held,
 * becomes its phase-transfer review, due by the earlier date; else one is added.
 * ERR_CONFLICT when a review is under way (its meeting held).
 */
int review_plan_transfer(struct db *db, const char *child, enum transfer_kind k,
			 struct date transfer_on, const char *actor);

/* The steps. Each checks the order the law sets (errors name the field), then records
 * the step and its audit row in one transaction. ERR_INVALID with errs; ERR_CONFLICT if
 * the review is closed. */
int review_invitations(struct db *db, const char *id, struct date on, const char *actor,
		       struct field_errors *errs);
/* record: {"attendees", "child_views", "family_views", "progress": [{"outcome",
 * "rating", "note"}], "changes": {"B": "..."}, "pfa": {"employment", ...},
 * "destination", "adult_services"} (docs/review.md) */
int review_meeting(struct db *db, const char *id, struct date on, json_t *record, const char *actor,
		   struct arena *a, struct field_errors *errs);
int review_report(struct db *db, const char *id, struct date on, const char *actor,
		  struct field_errors *errs);
struct review_decision {
	const char *decision; /* "maintain", "amend", "cease" */
	struct date on;
	const char *reasons;
	const char *channel;         /* the notice: "post", "email" or "portal" */
	const char *cease_reason;    /* SEN2 CeaseReason "1".."9" */
	struct date cease_reason_on; /* the date of what the reason rests on */
};
int review_decide(struct db *db, const char *id, const struct review_decision *d, const char *actor,
		  struct field_errors *errs);
int review_amendments(struct db *db, const char *id, struct date on, const char *actor,
		      struct field_errors *errs);

/* SEN2 CeaseReason codes 1..9 and their words; NULL for an unknown code */
const char *review_cease_reason(const char *code);

/* the child's National Curriculum year on a day (Reception 0) */
int review_year_group(struct date dob, struct date on);

/* routes (pages.c, tracker.c) and `sendap review` (cli.c) */
extern const struct route review_routes[];
extern const size_t review_routes_count;
extern const struct route review_delivery_routes[]; /* delivery.c */
extern const size_t review_delivery_routes_count;
extern const struct route review_cease_routes[]; /* cease.c: ceasing and moves */
extern const size_t review_cease_routes_count;
int review_cli(int argc, char **argv);

#endif
