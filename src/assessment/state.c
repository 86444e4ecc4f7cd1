/*
 * state.c: which step may follow which in an EHC needs assessment, and when a notice
 * counts as served. No I/O.
 *
 *   requested ──decision_to_assess──> assessing ──draft_issued──> draft ──final_plan_issued──> plan
 *       │                                │                          │
 *       └─decision_not_to_assess─> not_assessing                    └─(advice, comments, consultations)
 *                                        └─decision_not_to_issue─> not_issuing
 *   any open state ──withdrawn──> withdrawn
 *
 * Deemed service follows the Civil Procedure Rules 6.26 as the Tribunal applies them:
 * first class post is served on the second working day after posting; email and the
 * portal on the day sent if that is a working day, else the next working day.
 */
#include <string.h>

#include "assessment/case.h"

struct transition {
	const char *from;
	const char *event;
	const char *to; /* NULL: the state does not change */
};

static const struct transition transitions[] = {
	{"requested", "decision_to_assess", "assessing"},
	{"requested", "decision_not_to_assess", "not_assessing"},
	{"requested", "withdrawn", "withdrawn"},
	{"assessing", "advice_requested", NULL},
	{"assessing", "advice_received", NULL},
	{"assessing", "decision_not_to_issue", "not_issuing"},
	{"assessing", "draft_issued", "draft"},
	{"assessing", "withdrawn", "withdrawn"},
	{"draft", "advice_received", NULL},
	{"draft", "draft_comments_received", NULL},
	{"draft", "consultation_sent", NULL},
	{"draft", "consultation_answered", NULL},
	{"draft", "final_plan_issued", "plan"},
	{"draft", "withdrawn", "withdrawn"},
	{"not_assessing", "appeal_lodged", NULL},
	{"not_issuing", "appeal_lodged", NULL},
	{"plan", "appeal_lodged", NULL},
	{"plan", "review_completed", NULL},
};

const char *assessment_next_state(const char *state, const char *event)
{
	for (size_t i = 0; i < sizeof(transitions) / sizeof(transitions[0]); i++)
		if (strcmp(transitions[i].from, state) == 0 &&
		    strcmp(transitions[i].event, event) == 0)
			return transitions[i].to ? transitions[i].to : state;
	return NULL;
}

size_t assessment_allowed(const char *state, const char **out, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < sizeof(transitions) / sizeof(transitions[0]) && n < cap; i++)
		if (strcmp(transitions[i].from, state) == 0)
			out[n++] = transitions[i].event;
	return n;
}

int assessment_is_decision(const char *event)
{
	return strcmp(event, "decision_to_assess") == 0 ||
	       strcmp(event, "decision_not_to_assess") == 0 ||
	       strcmp(event, "decision_not_to_issue") == 0 ||
	       strcmp(event, "final_plan_issued") == 0 || strcmp(event, "draft_issued") == 0;
}

int assessment_state_closed(const char *state)
{
	return strcmp(state, "withdrawn") == 0 || strcmp(state, "not_assessing") == 0 ||
	       strcmp(state, "not_issuing") == 0 || strcmp(state, "plan") == 0;
}

struct date assessment_served_on(const char *channel, struct date sent, const struct holidays *h)
{
	if (strcmp(channel, "post") == 0)
		return date_add_working_days(sent, 2, h);
	return date_is_working_day(sent, h) ? sent : date_add_working_days(sent, 1, h);
}

const char *assessment_event_label(const char *event)
{
	static const struct {
		const char *event, *label;
	} labels[] = {
		{"request", "Request for an EHC needs assessment"},
		{"decision_to_assess", "Decision to carry out an assessment"},
		{"decision_not_to_assess", "Decision not to carry out an assessment"},
		{"advice_requested", "Advice asked for"},
		{"advice_received", "Advice received"},
		{"decision_not_to_issue", "Decision not to issue a plan"},
		{"draft_issued", "Draft plan sent"},
		{"draft_comments_received", "Family's comments on the draft received"},
		{"consultation_sent", "Setting consulted about a place"},
		{"consultation_answered", "Setting answered the consultation"},
		{"final_plan_issued", "Final EHC plan issued"},
		{"appeal_lodged", "Appeal lodged with the SEND Tribunal"},
		{"review_completed", "Annual review completed"},
		{"withdrawn", "Request withdrawn"},
	};
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(labels[i].event, event) == 0)
			return labels[i].label;
	return event;
}

void case_step_check(const char *state, struct case_step *s, struct field_errors *errs)
{
	if (!s->type || !*s->type)
		field_error_add(errs, "type", "/type", "Choose the step");
	else if (!assessment_next_state(state, s->type))
		field_error_add(errs, "type", "/type",
				"That step cannot happen at this stage of the case");
	int per_item = s->type && (strncmp(s->type, "advice_", 7) == 0 ||
				   strncmp(s->type, "consultation_", 13) == 0);
	if (per_item && (!s->item || !*s->item))
		field_error_add(errs, "item", "/item",
				"Enter who the advice or consultation is for");
	else if (per_item && strlen(s->item) > 200)
		field_error_add(errs, "item", "/item", "Must be 200 characters or fewer");
	if (!per_item)
		s->item = NULL;
	int decision = s->type && strncmp(s->type, "decision_", 9) == 0;
	if (decision && (!s->reasons || !*s->reasons))
		field_error_add(errs, "reasons", "/reasons", "Enter the reasons for the decision");
	else if (s->reasons && strlen(s->reasons) > 8000)
		field_error_add(errs, "reasons", "/reasons",
				"Reasons must be 8000 characters or fewer");
	if (s->reasons && !*s->reasons)
		s->reasons = NULL;
	if (s->type && assessment_is_decision(s->type)) {
		if (!s->recipient || !*s->recipient)
			field_error_add(errs, "recipient", "/notice/recipient",
					"Enter who the notice goes to");
		else if (strlen(s->recipient) > 200)
			field_error_add(errs, "recipient", "/notice/recipient",
					"Must be 200 characters or fewer");
		if (!s->channel || (strcmp(s->channel, "post") && strcmp(s->channel, "email") &&
				    strcmp(s->channel, "portal")))
			field_error_add(errs, "channel", "/notice/channel",
					"Choose how the notice is sent: post, email or portal");
	} else {
		s->recipient = s->channel = NULL;
	}
}

int case_rules_cover(const char *iso, struct arena *a)
{
	json_t *h = json_pack("{s:[{s:s, s:s}]}", "events", "type", "request", "date", iso);
	struct field_errors errs = {0};
	json_t *clock = h ? clock_compute(&assessment_rules, h, date_today(), a, &errs) : NULL;
	int ok = clock != NULL;
	json_decref(clock);
	json_decref(h);
	return ok;
}

void case_exception_check(const struct assessment_case *c, const char *from, const char *to,
			  const char *reason, struct field_errors *errs)
{
	/* names and pointers serve both the form (its date boxes) and the API */
	if (strcmp(to, from) < 0)
		field_error_add(errs, "to-day", "/to", "The end cannot come before the start");
	if (strcmp(from, c->requested_on) < 0)
		field_error_add(errs, "from-day", "/from",
				"An exception cannot start before the request");
	size_t i;
	json_t *r;
	json_array_foreach(
		json_object_get(json_object_get(assessment_rules.families, c->rule_family),
				"exception_reasons"),
		i, r)
	{
		const char *code = json_string_value(json_object_get(r, "code"));
		if (reason && code && strcmp(code, reason) == 0)
			return;
	}
	field_error_add(errs, "reason", "/reason", "Choose the reason for the exception");
}
