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

extern const struct route redress_routes[];
extern const size_t redress_routes_count;

#endif
