/*
 * rules.h: the law after a plan is issued, as pure functions. Each takes the limits in
 * force (reference/reviews/england.json: dated versions, each limit with its law and
 * source) and dates, and returns dates: when a review is due, the latest day of each of its
 * steps, the amendment clock, the phase-transfer deadline and the steps back-scheduled
 * from it, the duties of a new LA when a child moves in. No I/O.
 *
 * Periods. "Within 12 months starting with" a date (s44) counts that day: the period ends
 * the day before the corresponding date (10 March 2026 -> 9 March 2027), or, when that
 * month has no corresponding day, on the last day of the month (29 February 2024 -> 28
 * February 2025). "Within N weeks of" a day counts from the next day: 4 weeks of 1 March
 * is 29 March. "At least 15 days beginning with" the day served ends on day 15 (served 1
 * March, the family comments until 15 March; the plan can be final from 16 March). "At
 * least two weeks' notice" of a meeting counts clear days: neither the day the invitations
 * go nor the day of the meeting counts, so for a meeting on 10 March they go by 23
 * February (Re Hector Whaling [1936] Ch 208).
 */
#ifndef SENDAP_REVIEW_RULES_H
#define SENDAP_REVIEW_RULES_H

#include <jansson.h>

#include "platform/dates.h"

struct review_rules {
	char version[32];
	struct date from;          /* in force from */
	int review_months;         /* 12 */
	int under5_review_months;  /* 6: the LA may set 3 to 6 */
	int invitation_days;       /* 14 */
	int report_days;           /* 14 */
	int decision_days;         /* 28 */
	int comment_days;          /* 15 */
	int amended_final_days;    /* 56 */
	int school_deadline_month; /* 2 */
	int school_deadline_day;   /* 15: "before 15 February" */
	int post16_deadline_month; /* 3 */
	int post16_deadline_day;   /* 31: "before 31 March" */
	int post16_move_months;    /* 5 */
	int move_notice_days;      /* 42 */
	int move_review_months;    /* 3 */
	int appeal_months;         /* 2 */
};

/* review_rules_load: the version in force on day `on` from the file; err says why not */
int review_rules_load(const char *path, struct date on, struct review_rules *out, char *err,
		      size_t n);
/* review_rules_default: the 2014 limits without reading a file (tests, fallbacks) */
void review_rules_default(struct review_rules *out);

/* review_period_end: the last day of the period of n months starting with d */
struct date review_period_end(struct date d, int months);

/*
 * review_due: the last day the next review meeting may be held: 12 months starting with
 * the plan's making or its last review (s44). target: the LA's own aim, earlier for a child
 * under 5 on that day (CoP 9.178, every under5_months months; 0 means the rules' own).
 */
struct date review_due(const struct review_rules *r, struct date last);
struct date review_target(const struct review_rules *r, struct date last, struct date dob,
			  int under5_months);

/* the latest day of each step of a review held on `meeting` */
struct review_steps {
	struct date invitations; /* sent at least 2 weeks before the meeting */
	struct date report;      /* the meeting's report within 2 weeks */
	struct date decision;    /* maintain, amend or cease within 4 weeks */
};
struct review_steps review_steps_for(const struct review_rules *r, struct date meeting);

/* the amendment clock from the day the proposed amendments are served */
struct amend_clock {
	struct date comments_until; /* the family's last day to comment (day 15) */
	struct date final_from;     /* the amended plan no earlier than this */
	struct date final_by;       /* nor later than this (8 weeks) */
};
struct amend_clock review_amend_clock(const struct review_rules *r, struct date served);

/* Phase transfers (regulation 18). */
enum transfer_kind {
	TRANSFER_EARLY_YEARS, /* early years to school (Reception) */
	TRANSFER_INFANT,      /* infant to junior school */
	TRANSFER_PRIMARY,     /* primary to secondary, or to middle school */
	TRANSFER_MIDDLE,      /* middle to secondary or upper school */
	TRANSFER_POST16,      /* secondary school to a post-16 institution */
	TRANSFER_POST16_MOVE, /* one post-16 institution to another */
	TRANSFER_KINDS
};
const char *transfer_kind_name(enum transfer_kind k);  /* "post16": stored and in addresses */
const char *transfer_kind_label(enum transfer_kind k); /* words for pages */
int transfer_kind_parse(const char *s);                /* -1 if none */

/* transfer_deadline: the last day the plan may be reviewed and amended, naming the new
 * setting, for a transfer on `transfer_on` */
struct date transfer_deadline(const struct review_rules *r, enum transfer_kind k,
			      struct date transfer_on);

/* the steps back-scheduled from the deadline: the latest day of each, so that every
 * statutory period fits before the amended plan is due */
struct transfer_schedule {
	struct date invitations;
	struct date meeting;
	struct date decision; /* with the proposed amendments */
	struct date final;    /* the deadline itself */
};
struct transfer_schedule transfer_schedule_for(const struct review_rules *r, struct date deadline);

/* a step's standing on `today`: done, on track, at risk (due within 14 days), late */
enum step_status { STEP_DONE, STEP_ON_TRACK, STEP_AT_RISK, STEP_LATE };
enum step_status step_status_on(struct date due, int done, struct date done_on, struct date today);
const char *step_status_label(enum step_status s);

/* A move between LAs (regulation 15): the new LA's duties */
struct move_duties {
	struct date notify_by; /* tell the family within 6 weeks of the transfer */
	struct date review_by; /* the later of 12 months from the last review and 3 months */
};
struct move_duties review_move_duties(const struct review_rules *r, struct date transfer_on,
				      struct date last_review_or_made);

#endif
