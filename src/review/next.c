/*
 * next.c: the next step of a review and the latest day for it, and how it stands today.
 * An annual review's meeting is due by due_on; a phase-transfer review's steps are
 * back-scheduled from its deadline (transfer_schedule_for), so that every statutory
 * period still fits before the amended plan naming the new setting is due.
 */
#include <string.h>

#include "review/next.h"

static struct date earlier(struct date a, struct date b)
{
	return date_cmp(a, b) <= 0 ? a : b;
}

int review_next_step(const struct review *r, struct date today, struct next_step *out)
{
	const struct review_rules *R = &review_rules_now;
	int transfer = strcmp(r->kind, "phase_transfer") == 0;
	struct transfer_schedule t = transfer_schedule_for(R, r->due_on);
	memset(out, 0, sizeof(*out));
	if (r->closed_on.y)
		return 0;
	if (!r->invitations_on.y) {
		out->step = STEP_INVITATIONS;
		out->due = transfer ? t.invitations : date_add_days(r->due_on, -R->invitation_days);
	} else if (!r->meeting_on.y) {
		out->step = STEP_MEETING;
		out->due = transfer ? t.meeting : r->due_on;
		/* and never less than 2 weeks after the invitations */
		struct date soonest = date_add_days(r->invitations_on, R->invitation_days + 1);
		out->not_before = soonest;
	} else if (!r->decision[0]) {
		struct review_steps s = review_steps_for(R, r->meeting_on);
		out->step = r->report_on.y ? STEP_DECISION : STEP_REPORT;
		out->due = r->report_on.y ? s.decision : s.report;
		if (transfer && r->report_on.y)
			out->due = earlier(s.decision, t.decision);
	} else if (strcmp(r->decision, "amend") == 0 && !r->amendments_on.y) {
		struct review_steps s = review_steps_for(R, r->meeting_on);
		out->step = STEP_AMENDMENTS;
		out->due = transfer ? earlier(s.decision, t.decision) : s.decision;
	} else if (strcmp(r->decision, "amend") == 0) {
		struct amend_clock c = review_amend_clock(R, r->amendments_on);
		out->step = STEP_AMENDED_PLAN;
		out->due = transfer ? earlier(c.final_by, t.final) : c.final_by;
		out->not_before = c.final_from;
	} else {
		return 0;
	}
	out->status = step_status_on(out->due, 0, out->due, today);
	return 1;
}

const char *review_step_label(enum review_step s)
{
	static const char *const l[] = {
		[STEP_INVITATIONS] = "Send the invitations and advice",
		[STEP_MEETING] = "Hold the review meeting",
		[STEP_REPORT] = "Send the meeting's report to the council",
		[STEP_DECISION] = "Decide to maintain, amend or cease the plan",
		[STEP_AMENDMENTS] = "Send the proposed amendments",
		[STEP_AMENDED_PLAN] = "Issue the amended plan",
	};
	return s <= STEP_AMENDED_PLAN ? l[s] : "";
}
