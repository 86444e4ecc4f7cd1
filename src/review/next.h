/*
 * next.h: what a review waits for next (next.c), for its page, the lists and the tracker.
 */
#ifndef SENDAP_REVIEW_NEXT_H
#define SENDAP_REVIEW_NEXT_H

#include "review/review.h"

enum review_step {
	STEP_INVITATIONS,
	STEP_MEETING,
	STEP_REPORT,
	STEP_DECISION,
	STEP_AMENDMENTS,
	STEP_AMENDED_PLAN,
};

struct next_step {
	enum review_step step;
	struct date due;        /* the latest day for it */
	struct date not_before; /* y == 0: no earliest day */
	enum step_status status;
};

/* review_next_step: 1 and the step when the review waits for one; 0 when it is done */
int review_next_step(const struct review *r, struct date today, struct next_step *out);
const char *review_step_label(enum review_step s);

#endif
