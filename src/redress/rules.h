/*
 * rules.h: the deadlines of disagreeing with a decision, as pure functions over the limits
 * in reference/redress/england.json (each with its law and source) and the bank holidays.
 *
 * Counting: "within 2 months of" a day is the corresponding date 2 months on, or that
 * month's last day (31 December gives 28 or 29 February); "within 30 days" is 30 days on;
 * "within 3 working days" counts the working days after the day, skipping weekends and
 * bank holidays (Christmas Day, Boxing Day and Good Friday among them); "within N weeks"
 * of an order is 7N days on.
 */
#ifndef SENDAP_REDRESS_RULES_H
#define SENDAP_REDRESS_RULES_H

#include <stddef.h>

#include "platform/dates.h"

struct redress_rules {
	char version[32];
	int appeal_months;                     /* 2 */
	int certificate_appeal_months;         /* 1 */
	int mediation_contact_months;          /* 2 */
	int certificate_declined_working_days; /* 3 */
	int health_issues_working_days;        /* 3 */
	int mediation_days;                    /* 30 */
	int certificate_after_working_days;    /* 3 */
	int lgsco_months;                      /* 12 */
	int response_working_days;             /* 30: the council answers an appeal */
	int order_weeks[7][3]; /* weeks of each order's steps (ORDER_TYPES, ORDER_STEPS_MAX) */
};

void redress_rules_default(struct redress_rules *r);
/* redress_rules_load: the version in force on `on`; err says why not */
int redress_rules_load(const char *path, struct date on, struct redress_rules *out, char *err,
		       size_t n);

/*
 * appeal_by: the last day to appeal: 2 months from the notice's service, or 1 month from a
 * mediation certificate (certificate.y == 0: none), whichever is later; then the
 * tribunal's rule 12: a period ending between 25 December and 1 January runs to the first
 * working day after 1 January, one ending in August to the first working day after 31
 * August, and one ending on any other day that is not a working day to the next working
 * day.
 */
struct date appeal_by(const struct redress_rules *r, struct date served, struct date certificate,
		      const struct holidays *h);
/* mediation_contact_by: the family contacts the mediation adviser by this day */
struct date mediation_contact_by(const struct redress_rules *r, struct date served);
/* certificate_declined_by: the adviser's certificate when the family will not mediate */
struct date certificate_declined_by(const struct redress_rules *r, struct date told,
				    const struct holidays *h);
/* health_issues_by: the LA tells the health body of the health matters */
struct date health_issues_by(const struct redress_rules *r, struct date told,
			     const struct holidays *h);
/* response_by: the council's response to an appeal, in working days from registration */
struct date response_by(const struct redress_rules *r, struct date registered,
			const struct holidays *h);
/* mediation_by: mediation held within 30 days of the LA being told */
struct date mediation_by(const struct redress_rules *r, struct date la_told);
/* certificate_after_by: the mediator's certificate after mediation (or after the 30 days
 * passed with none held) */
struct date certificate_after_by(const struct redress_rules *r, struct date ended,
				 const struct holidays *h);
/* lgsco_by: a complaint to the Local Government and Social Care Ombudsman: 12 months
 * beginning with the day the person first knew, so the day before the corresponding date
 * (or that month's last day when there is none) */
struct date lgsco_by(const struct redress_rules *r, struct date aware);

/* Tribunal orders (regulation 44) and unopposed appeals (regulation 45): each order type
 * has steps, each due a number of weeks from the order (or the LA's notice not to oppose). */
enum order_type {
	ORDER_ASSESS,
	ORDER_MAKE_PLAN,
	ORDER_AMEND,
	ORDER_CHANGE_SCHOOL,
	ORDER_CEASE,
	ORDER_ASSESS_UNOPPOSED,
	ORDER_AMEND_UNOPPOSED,
	ORDER_TYPES
};
const char *order_type_name(enum order_type t);  /* "assess": stored */
const char *order_type_label(enum order_type t); /* words */
int order_type_parse(const char *s);             /* -1 if none */

#define ORDER_STEPS_MAX 3
struct order_step {
	const char *step;  /* "notify", "final_plan" */
	const char *label; /* words */
	struct date due;
};
/* order_steps: the steps of an order made on `from`, by the rules' weeks; how many */
size_t order_steps(const struct redress_rules *r, enum order_type t, struct date from,
		   struct order_step out[ORDER_STEPS_MAX]);

#endif
