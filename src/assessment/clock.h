/*
 * clock.h: the statutory clock of an EHC needs assessment and the plan that follows.
 *
 * The rules are data (reference/rules/<family>.json): each family of rules (England's is
 * "england") has dated versions, and each version a set of steps, each with what starts
 * its clock, what stops it, its limit (days, weeks, months or working days) and its law
 * and source. A step uses the version in force on the day its clock started, so a rule
 * change never moves a deadline already running.
 *
 * clock_compute is pure: a case history and the rules in, the deadlines out. The server
 * and `sendap clock` both call it.
 */
#ifndef SENDAP_CLOCK_H
#define SENDAP_CLOCK_H

#include <stddef.h>

#include <jansson.h>

#include "platform/arena.h"
#include "platform/dates.h"
#include "platform/fields.h"

/* The loaded rules: every family in reference/rules/, and England's bank holidays. */
struct clock_rules {
	json_t *families; /* {"england": {...the file...}, ...} */
	struct date *holidays;
	size_t n_holidays;
};

/* clock_rules_load reads every .json file in dir/rules and dir/bank_holidays.csv. On failure
 * it writes why into err (file and place) and returns an ERR_*. */
int clock_rules_load(const char *dir, struct clock_rules *out, char *err, size_t n);
void clock_rules_release(struct clock_rules *r);

/*
 * clock_compute reads a case history (the JSON documented in docs/clock.md) and returns
 * its deadlines as a new JSON object, or NULL with each problem in errs (JSON pointers
 * into the input, such as /events/2/date; their text lives in a). today is the date
 * "overdue" is judged on unless the case gives "as_of".
 */
json_t *clock_compute(const struct clock_rules *rules, json_t *history, struct date today,
		      struct arena *a, struct field_errors *errs);

#endif
