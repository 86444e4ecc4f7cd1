/*
 * redress.h: disagreeing with a decision. The appealable decisions of a child (from the
 * assessment's notices and the reviews' decisions, each with its service date), the
 * window to appeal each, mediation and its certificates, appeals to the SEND Tribunal,
 * and the tribunal's orders with their compliance clocks. Rules in rules.h.
 */
#ifndef SENDAP_REDRESS_H
#define SENDAP_REDRESS_H

#include "platform/router.h"
#include "redress/rules.h"

/* the limits in force, loaded by `sendap serve` (redress_rules_default until then) */
extern struct redress_rules redress_rules_now;
int redress_rules_init(const char *reference_dir, char *err, size_t n);

/* redress_appeal_by: the last day to appeal a decision of that kind ('refuse_assess',
 * 'refuse_issue', 'plan_contents', 'amendment', 'cease') whose notice was served on
 * `served`, counting any mediation certificate about it and the tribunal's rule 12 */
struct db;
struct date redress_appeal_by(struct db *db, const char *child, const char *kind,
			      struct date served);

extern const struct route redress_routes[];
extern const size_t redress_routes_count;

#endif
