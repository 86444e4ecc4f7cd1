/*
 * demo.h: `sendap demo`, a deterministic, realistic dataset for trying sendap out: one or
 * more LAs, each with settings, an ICB, a social care team and an AP provider, children and
 * young people aged 0-25 with SEN shaped like England's published figures, their parents
 * and carers, and a sign-in for every role.
 *
 * Everything but the record ids (fresh random ones from id_new), the timestamps of the run
 * and the password hash follows from the seed and the academic year of `today`: the same
 * seed in the same academic year gives the same children, settings and links.
 */
#ifndef SENDAP_DEMO_H
#define SENDAP_DEMO_H

#include <stdint.h>
#include <stdio.h>

#include "platform/dates.h"
#include "platform/db.h"

/* The one password every demo account shares; demo_build prints it with the sign-ins. */
#define DEMO_PASSWORD "demo-sendap-2025"
/* Email addresses of demo accounts end with this (per LA: camden.demo.sendap.example). */
#define DEMO_DOMAIN "demo.sendap.example"

#define DEMO_MAX_CHILDREN 2000000UL /* in all */
#define DEMO_MAX_PER_LA 250000UL    /* in one LA, so its UPN serials never run out */
#define DEMO_MIN_PER_LA 10UL        /* each LA needs its first few families and staff */

struct demo_options {
	unsigned las;           /* LAs to fill: 1 is 202 Camden; more are spread over regions */
	unsigned long children; /* in all, shared out evenly between the LAs */
	uint64_t seed;
	int replace;  /* empty the child, organisation, account and session tables first */
	int if_empty; /* if children exist already: change nothing, print the sign-ins, 0 */
	/* the day the data is built for ({0, 0, 0}: date_today()); ages and dates of birth
	 * follow from the academic year it falls in, so tests can fix it */
	struct date today;
};

/* demo_options_default: 1 LA, 2000 children, seed 1, no replace, today. */
void demo_options_default(struct demo_options *o);

/*
 * demo_build applies any missing migrations (migrate_apply), checks that the reference
 * tables are loaded, and writes the dataset in one transaction, prepared statements only.
 * Progress and, at the end, the demo sign-ins go to out (NULL: nothing is printed).
 *
 * Refusals are explained on stderr and returned: ERR_NOTFOUND when the reference tables are
 * empty (run `sendap migrate`), ERR_CONFLICT when the database already holds children and
 * neither replace nor if_empty is set, ERR_INVALID for options out of range. A storage
 * failure rolls everything back and returns its ERR_*.
 *
 * With replace, every row of user_session, advice_request, family_link, family_member,
 * child_setting,
 * user_account, child and organisation is deleted first (in the same transaction), demo
 * or not; the audit trail (audit_event, audit_head) and the reference tables are kept.
 *
 * Parents and carers are family_member rows; only the parents of the first five children
 * of each LA have a user_account and can sign in.
 */
int demo_build(struct db *db, const struct demo_options *o, FILE *out);

/* demo_print_sign_ins prints one enabled demo account per role, preferring the LA whose
 * email domain is prefer_domain (may be NULL). */
int demo_print_sign_ins(struct db *db, const char *prefer_domain, FILE *out);

#endif
