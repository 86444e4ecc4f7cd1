/*
 * rules.c: review, amendment, phase-transfer and move deadlines (see rules.h for how the
 * periods are counted). The limits come from reference/reviews/england.json.
 */
#include <stdio.h>
#include <string.h>

#include "platform/err.h"
#include "review/rules.h"

void review_rules_default(struct review_rules *r)
{
	*r = (struct review_rules){.version = "2014-09-01",
				   .from = {2014, 9, 1},
				   .review_months = 12,
				   .under5_review_months = 6,
				   .invitation_days = 14,
				   .report_days = 14,
				   .decision_days = 28,
				   .comment_days = 15,
				   .amended_final_days = 56,
				   .school_deadline_month = 2,
				   .school_deadline_day = 15,
				   .post16_deadline_month = 3,
				   .post16_deadline_day = 31,
				   .post16_move_months = 5,
				   .move_notice_days = 42,
				   .move_review_months = 3,
				   .appeal_months = 2};
}

static int limit_int(json_t *limits, const char *key, int lo, int hi, int *out)
{
	json_t *v = json_object_get(json_object_get(limits, key), "value");
	if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
		return -1;
	*out = (int)json_integer_value(v);
	return 0;
}

static int limit_day(json_t *limits, const char *key, int *month, int *day)
{
	const char *v = json_string_value(json_object_get(json_object_get(limits, key), "value"));
	int m = 0, d = 0;
	if (!v || strlen(v) != 5 || v[2] != '-')
		return -1;
	m = (v[0] - '0') * 10 + (v[1] - '0');
	d = (v[3] - '0') * 10 + (v[4] - '0');
	if (!date_valid(2024, m, d)) /* a leap year: 29 February is a day of the year */
		return -1;
	*month = m;
	*day = d;
	return 0;
}

int review_rules_load(const char *path, struct date on, struct review_rules *out, char *err,
		      size_t n)
{
	review_rules_default(out);
	json_error_t je;
	json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	if (!doc) {
		snprintf(err, n, "%s: line %d: %s", path, je.line, je.text);
		return ERR_INVALID;
	}
	/* the version in force on the day: the latest that started on or before it */
	json_t *best = NULL;
	struct date best_from = {0, 0, 0};
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(doc, "versions"), i, v)
	{
		struct date from;
		if (date_parse(json_string_value(json_object_get(v, "effective_from")), &from) != 0)
			continue;
		if (date_cmp(from, on) <= 0 && (!best || date_cmp(from, best_from) > 0)) {
			best = v;
			best_from = from;
		}
	}
	int rc = 0;
	json_t *L = json_object_get(best, "limits");
	if (!best || !json_is_object(L)) {
		snprintf(err, n, "%s: no version in force on that day", path);
		rc = ERR_INVALID;
	} else if (limit_int(L, "review_months", 1, 24, &out->review_months) ||
		   limit_int(L, "under5_review_months", 1, 12, &out->under5_review_months) ||
		   limit_int(L, "invitation_days", 0, 90, &out->invitation_days) ||
		   limit_int(L, "report_days", 0, 90, &out->report_days) ||
		   limit_int(L, "decision_days", 0, 180, &out->decision_days) ||
		   limit_int(L, "comment_days", 1, 90, &out->comment_days) ||
		   limit_int(L, "amended_final_days", 1, 365, &out->amended_final_days) ||
		   limit_day(L, "transfer_school_deadline", &out->school_deadline_month,
			     &out->school_deadline_day) ||
		   limit_day(L, "transfer_post16_deadline", &out->post16_deadline_month,
			     &out->post16_deadline_day) ||
		   limit_int(L, "post16_move_months", 1, 24, &out->post16_move_months) ||
		   limit_int(L, "move_notice_days", 1, 180, &out->move_notice_days) ||
		   limit_int(L, "move_review_months", 1, 24, &out->move_review_months) ||
		   limit_int(L, "appeal_months", 1, 24, &out->appeal_months)) {
		snprintf(err, n, "%s: a limit is missing or out of range", path);
		rc = ERR_INVALID;
	} else {
		const char *name = json_string_value(json_object_get(best, "version"));
		snprintf(out->version, sizeof(out->version), "%s", name ? name : "");
		out->from = best_from;
	}
	json_decref(doc);
	return rc;
}

struct date review_period_end(struct date d, int months)
{
	struct date c = date_add_months(d, months);
	/* no corresponding day (29, 30 or 31 in a shorter month): the month's last day */
	return c.d == d.d ? date_add_days(c, -1) : c;
}

struct date review_due(const struct review_rules *r, struct date last)
{
	return review_period_end(last, r->review_months);
}

struct date review_target(const struct review_rules *r, struct date last, struct date dob,
			  int under5_months)
{
	int m = under5_months ? under5_months : r->under5_review_months;
	if (m < 3)
		m = 3;
	if (m > 6)
		m = 6;
	if (date_age(dob, last) < 5)
		return review_period_end(last, m);
	return review_due(r, last);
}

struct review_steps review_steps_for(const struct review_rules *r, struct date meeting)
{
	/* "at least two weeks' notice": clear days, neither the day sent nor the day of the
	 * meeting counts (Re Hector Whaling [1936] Ch 208) */
	return (struct review_steps){.invitations =
					     date_add_days(meeting, -(r->invitation_days + 1)),
				     .report = date_add_days(meeting, r->report_days),
				     .decision = date_add_days(meeting, r->decision_days)};
}

struct amend_clock review_amend_clock(const struct review_rules *r, struct date served)
{
	return (struct amend_clock){.comments_until = date_add_days(served, r->comment_days - 1),
				    .final_from = date_add_days(served, r->comment_days),
				    .final_by = date_add_days(served, r->amended_final_days)};
}

static const struct {
	const char *name, *label;
} kinds[TRANSFER_KINDS] = {
	[TRANSFER_EARLY_YEARS] = {"early_years", "Early years to school"},
	[TRANSFER_INFANT] = {"infant", "Infant to junior school"},
	[TRANSFER_PRIMARY] = {"primary", "Primary to secondary or middle school"},
	[TRANSFER_MIDDLE] = {"middle", "Middle to secondary or upper school"},
	[TRANSFER_POST16] = {"post16", "Secondary school to post-16"},
	[TRANSFER_POST16_MOVE] = {"post16_move", "One post-16 institution to another"},
};

const char *transfer_kind_name(enum transfer_kind k)
{
	return k < TRANSFER_KINDS ? kinds[k].name : "";
}

const char *transfer_kind_label(enum transfer_kind k)
{
	return k < TRANSFER_KINDS ? kinds[k].label : "";
}

int transfer_kind_parse(const char *s)
{
	for (int k = 0; s && k < TRANSFER_KINDS; k++)
		if (strcmp(s, kinds[k].name) == 0)
			return k;
	return -1;
}

struct date transfer_deadline(const struct review_rules *r, enum transfer_kind k,
			      struct date transfer_on)
{
	if (k == TRANSFER_POST16_MOVE) /* at least 5 months before the transfer */
		return date_add_months(transfer_on, -r->post16_move_months);
	/* "before 15 February" (31 March) in the calendar year of the transfer: the day
	 * before is the last */
	struct date d = k == TRANSFER_POST16
				? (struct date){transfer_on.y, r->post16_deadline_month,
						r->post16_deadline_day}
				: (struct date){transfer_on.y, r->school_deadline_month,
						r->school_deadline_day};
	return date_add_days(d, -1);
}

struct transfer_schedule transfer_schedule_for(const struct review_rules *r, struct date deadline)
{
	struct transfer_schedule s;
	s.final = deadline;
	/* the family's 15 days must end before the amended plan is issued */
	s.decision = date_add_days(deadline, -r->comment_days);
	/* the meeting's report (2 weeks) must reach the LA by its decision */
	s.meeting = date_add_days(s.decision, -r->report_days);
	s.invitations = date_add_days(s.meeting, -(r->invitation_days + 1)); /* clear days */
	return s;
}

#define AT_RISK_DAYS 14

enum step_status step_status_on(struct date due, int done, struct date done_on, struct date today)
{
	(void)done_on;
	if (done)
		return STEP_DONE;
	int64_t left = date_days(due) - date_days(today);
	if (left < 0)
		return STEP_LATE;
	return left <= AT_RISK_DAYS ? STEP_AT_RISK : STEP_ON_TRACK;
}

const char *step_status_label(enum step_status s)
{
	static const char *const l[] = {"Done", "On track", "At risk", "Late"};
	return s <= STEP_LATE ? l[s] : "";
}

struct move_duties review_move_duties(const struct review_rules *r, struct date transfer_on,
				      struct date last_review_or_made)
{
	struct date a = review_period_end(last_review_or_made, r->review_months);
	struct date b = review_period_end(transfer_on, r->move_review_months);
	return (struct move_duties){.notify_by = date_add_days(transfer_on, r->move_notice_days),
				    .review_by = date_cmp(a, b) >= 0 ? a : b};
}
