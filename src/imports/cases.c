/*
 * cases.c: the requests file (an EHC needs assessment: the request, the decision whether
 * to assess, the draft, the outcome, and an exception period, written as the case's
 * timeline with its state and next legal deadline as src/assessment/ keeps them), the
 * plans file (an issued plan: a minimal sendap-plan/1 document, checked by plan_validate,
 * hashed and audited as plan_issue does) and the reviews file (annual reviews with their
 * meeting, decision and closing). Layouts: docs/import.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "assessment/case.h"
#include "imports/internal.h"
#include "plan/plan.h"
#include "platform/err.h"
#include "review/review.h"

static const char imported_reasons[] = "Imported: recorded in the previous case-management system";

/* ---- requests ---- */

enum {
	RQ_KEY,
	RQ_CHILD,
	RQ_BY,
	RQ_ON,
	RQ_DECISION,
	RQ_DECISION_ON,
	RQ_DRAFT_ON,
	RQ_OUTCOME,
	RQ_OUTCOME_ON,
	RQ_EX_REASON,
	RQ_EX_FROM,
	RQ_EX_TO,
	RQ_RYA,
	RQ_N
};

static const char *const request_cols[RQ_N] = {
	"source_id",      "child_source_id", "requested_by", "requested_on", "decision",
	"decision_on",    "draft_issued_on", "outcome",      "outcome_on",   "exception_reason",
	"exception_from", "exception_to",    "rya",
};

/* step: one event after the request: allowed in the state, on or after the last date */
static void step(struct importer *I, char *state, struct date *last, const char *event,
		 int date_col, int event_col)
{
	struct date d;
	if (!imp_date(I, date_col, 1, imp_earliest(), I->today, &d))
		return;
	const char *next = assessment_next_state(state, event);
	if (!next) {
		imp_problem(I, event_col, "cannot follow a case that is %s", state);
		snprintf(state, 24, "%s", "invalid");
		return;
	}
	if (date_cmp(d, *last) < 0)
		imp_problem(I, date_col, "out of range: before the case's previous step");
	snprintf(state, 24, "%s", next);
	*last = d;
}

static void request_check(struct importer *I)
{
	static const char *const by[] = {"parent", "young_person", "setting", NULL};
	static const char *const decisions[] = {"decision_to_assess", "decision_not_to_assess",
						"withdrawn", NULL};
	static const char *const outcomes[] = {"decision_not_to_issue", "final_plan_issued",
					       "withdrawn", NULL};
	static const char *const reasons[] = {"setting_closed", "family_circumstances",
					      "child_away", "missed_appointment", NULL};
	I->ref[RQ_CHILD] = imp_ref(I, RQ_CHILD, 1, "children", "child");
	imp_choice(I, RQ_BY, 1, by);
	imp_set(I, RQ_RYA, imp_flag(I, RQ_RYA) ? "1" : "0");
	struct date on;
	int has_on = imp_date(I, RQ_ON, 1, imp_earliest(), I->today, &on);
	if (has_on && assessment_rules.families) {
		struct arena a;
		arena_init(&a, 0);
		if (!case_rules_cover(I->v[RQ_ON], &a))
			imp_problem(I, RQ_ON,
				    "out of range: no statutory clock rules cover a"
				    " request on this day");
		arena_release(&a);
	}
	const char *decision = imp_choice(I, RQ_DECISION, 0, decisions);
	const char *outcome = imp_choice(I, RQ_OUTCOME, 0, outcomes);
	char state[24] = "requested";
	struct date last = on;
	if (!has_on)
		return;
	if (decision)
		step(I, state, &last, decision, RQ_DECISION_ON, RQ_DECISION);
	else if (I->v[RQ_DECISION_ON])
		imp_problem(I, RQ_DECISION_ON, "a date with no decision");
	if (I->v[RQ_DRAFT_ON])
		step(I, state, &last, "draft_issued", RQ_DRAFT_ON, RQ_DRAFT_ON);
	if (outcome) {
		if (!decision && !I->bad[RQ_DECISION])
			imp_problem(I, RQ_OUTCOME, "an outcome needs a decision first");
		else if (strcmp(outcome, "final_plan_issued") == 0 && !I->v[RQ_DRAFT_ON])
			imp_problem(I, RQ_DRAFT_ON,
				    "required: a final plan needs its draft's date");
		else
			step(I, state, &last, outcome, RQ_OUTCOME_ON, RQ_OUTCOME);
	} else if (I->v[RQ_OUTCOME_ON]) {
		imp_problem(I, RQ_OUTCOME_ON, "a date with no outcome");
	}
	const char *why = imp_choice(I, RQ_EX_REASON, 0, reasons);
	struct date from, to;
	int f = imp_date(I, RQ_EX_FROM, why != NULL, on, imp_years_on(I, 1), &from);
	int t = imp_date(I, RQ_EX_TO, why != NULL, on, imp_years_on(I, 1), &to);
	if (f && t && date_cmp(to, from) < 0)
		imp_problem(I, RQ_EX_TO, "out of range: the end is before the start");
	if (!why && !I->bad[RQ_EX_REASON] && (I->v[RQ_EX_FROM] || I->v[RQ_EX_TO]))
		imp_problem(I, RQ_EX_REASON, "required: an exception period needs its reason");
}

/* next_deadline: the earliest open or overdue deadline of the clock's answer (as
 * src/assessment/store.c keeps it for caseloads) */
static void next_deadline(json_t *clock, char *stepname, size_t sn, char *due, size_t dn)
{
	stepname[0] = due[0] = '\0';
	size_t i;
	json_t *d;
	json_array_foreach(json_object_get(clock, "deadlines"), i, d)
	{
		const char *status = json_string_value(json_object_get(d, "status"));
		const char *when = json_string_value(json_object_get(d, "due"));
		const char *s = json_string_value(json_object_get(d, "step"));
		if (!status || !when || !s ||
		    (strcmp(status, "open") != 0 && strcmp(status, "overdue") != 0))
			continue;
		if (!due[0] || strcmp(when, due) < 0) {
			snprintf(due, dn, "%s", when);
			snprintf(stepname, sn, "%s", s);
		}
	}
}

/* refresh: the case's next step and its legal latest date, from its timeline */
static int refresh(struct importer *I, const char *id, const char *state)
{
	char stepname[48] = "", due[DATE_ISO_LEN + 1] = "";
	if (assessment_rules.families && !assessment_state_closed(state)) {
		struct assessment_case c;
		memset(&c, 0, sizeof(c));
		snprintf(c.id, sizeof(c.id), "%s", id);
		snprintf(c.rule_family, sizeof(c.rule_family), "%s", "england");
		struct arena a;
		arena_init(&a, 0);
		struct field_errors errs = {0};
		json_t *h = case_history(I->db, &c);
		json_t *clock = h ? clock_compute(&assessment_rules, h, I->today, &a, &errs) : NULL;
		if (clock)
			next_deadline(clock, stepname, sizeof(stepname), due, sizeof(due));
		json_decref(clock);
		json_decref(h);
		arena_release(&a);
	}
	const char *v[] = {id, stepname[0] ? stepname : NULL, due[0] ? due : NULL};
	return imp_exec(I, "UPDATE assessment_case SET next_step = $2, next_due = $3 WHERE id = $1",
			v, 3);
}

static int request_write(struct importer *I, const char *our, const char *extra, char *our_out,
			 char *extra_out)
{
	(void)extra;
	(void)extra_out;
	int rc = 0;
	if (our)
		snprintf(our_out, ID_LEN + 1, "%s", our);
	else
		id_new(our_out);
	/* the timeline, in order, and the state it leaves */
	struct {
		const char *type, *on;
	} ev[4];
	int n = 0;
	char state[24] = "requested";
	const char *closed = NULL;
	ev[n].type = "request";
	ev[n++].on = I->v[RQ_ON];
	const char *steps[][2] = {{I->v[RQ_DECISION], I->v[RQ_DECISION_ON]},
				  {I->v[RQ_DRAFT_ON] ? "draft_issued" : NULL, I->v[RQ_DRAFT_ON]},
				  {I->v[RQ_OUTCOME], I->v[RQ_OUTCOME_ON]}};
	for (int i = 0; i < 3; i++) {
		if (!steps[i][0])
			continue;
		snprintf(state, sizeof(state), "%s", assessment_next_state(state, steps[i][0]));
		ev[n].type = steps[i][0];
		ev[n++].on = steps[i][1];
		if (assessment_state_closed(state))
			closed = steps[i][1];
	}
	if (our) {
		const char *d[] = {our_out};
		rc = imp_exec(I, "DELETE FROM case_event WHERE case_id = $1", d, 1);
		if (rc == 0)
			rc = imp_exec(I, "DELETE FROM case_exception WHERE case_id = $1", d, 1);
		const char *v[] = {our_out, I->ref[RQ_CHILD], I->v[RQ_BY], I->v[RQ_ON],
				   state,   closed,           I->now,      I->v[RQ_RYA]};
		if (rc == 0)
			rc = imp_exec(I,
				      "UPDATE assessment_case SET child_id = $2, requested_by = $3,"
				      " requested_on = $4, state = $5, closed_on = $6, updated_at ="
				      " $7, rya = CAST($8 AS INTEGER) WHERE id = $1",
				      v, 8);
	} else {
		const char *v[] = {our_out, I->ref[RQ_CHILD], I->la,  I->v[RQ_BY], I->v[RQ_ON],
				   state,   closed,           I->now, I->v[RQ_RYA]};
		rc = imp_exec(I,
			      "INSERT INTO assessment_case (id, child_id, la_code, requested_by,"
			      " requested_on, state, closed_on, created_at, updated_at, rya)"
			      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, CAST($9 AS INTEGER))",
			      v, 9);
	}
	for (int i = 0; i < n && rc == 0; i++) {
		char seq[16];
		snprintf(seq, sizeof(seq), "%d", i + 1);
		const char *v[] = {our_out,
				   seq,
				   ev[i].type,
				   ev[i].on,
				   strncmp(ev[i].type, "decision_", 9) == 0 ? imported_reasons
									    : NULL,
				   I->now};
		rc = imp_exec(I,
			      "INSERT INTO case_event (case_id, seq, type, happened_on, reasons,"
			      " recorded_at) VALUES ($1, CAST($2 AS INTEGER), $3, $4, $5, $6)",
			      v, 6);
	}
	if (rc == 0 && I->v[RQ_EX_REASON]) {
		const char *v[] = {our_out, I->v[RQ_EX_FROM], I->v[RQ_EX_TO], I->v[RQ_EX_REASON],
				   I->now};
		rc = imp_exec(I,
			      "INSERT INTO case_exception (case_id, starts_on, ends_on, reason,"
			      " recorded_at) VALUES ($1, $2, $3, $4, $5)",
			      v, 5);
	}
	if (rc == 0)
		rc = refresh(I, our_out, state);
	return rc;
}

const struct imp_kind imp_requests = {
	"requests", request_cols, RQ_N, request_check, request_write, RQ_CHILD, "assessment_case",
};

/* ---- plans ---- */

enum { PN_KEY, PN_CHILD, PN_ISSUED, PN_TEMPLATE, PN_N };

static const char *const plan_cols[PN_N] = {"source_id", "child_source_id", "issued_on",
					    "template"};

static void plan_check(struct importer *I)
{
	struct date d;
	I->ref[PN_CHILD] = imp_ref(I, PN_CHILD, 1, "children", "child");
	imp_date(I, PN_ISSUED, 1, imp_earliest(), I->today, &d);
	imp_code(I, PN_TEMPLATE, 0, "SELECT 1 FROM plan_template WHERE id = $1", "plan template");
}

static int plan_write(struct importer *I, const char *our, const char *extra, char *our_out,
		      char *extra_out)
{
	(void)extra;
	(void)extra_out;
	if (our) {
		imp_problem(I, PN_ISSUED,
			    "an issued plan never changes: this key was imported"
			    " before with other values (amend the plan in sendap)");
		return ERR_INVALID;
	}
	const char *child = I->ref[PN_CHILD];
	const char *tpl = I->v[PN_TEMPLATE] ? I->v[PN_TEMPLATE] : PLAN_TEMPLATE_NATIONAL;
	json_t *plan = json_pack("{s:s, s:s, s:{s:s}}", "schema", PLAN_SCHEMA, "template", tpl,
				 "child", "id", child);
	struct arena a;
	arena_init(&a, 0);
	struct field_errors errs = {0};
	char *content = NULL;
	int rc = plan ? 0 : ERR_NOMEM;
	if (rc == 0 && plan_validate(plan, &a, &errs))
		rc = ERR_INVALID;
	if (rc == 0 && !(content = plan_canonical(plan)))
		rc = ERR_NOMEM;
	int64_t version = 1;
	int earlier = 0;
	struct db_stmt *st = NULL;
	if (rc == 0 &&
	    (rc = db_prepare(I->db,
			     "SELECT max(version), sum(CASE WHEN status <> 'draft' THEN 1"
			     " ELSE 0 END) FROM plan_version WHERE child_ref = $1",
			     &st)) == 0) {
		if ((rc = db_bind_text(st, 1, child)) == 0 && (rc = db_step(st)) == DB_ROW) {
			version = db_column_is_null(st, 0) ? 1 : db_column_int64(st, 0) + 1;
			earlier = !db_column_is_null(st, 1) && db_column_int64(st, 1) > 0;
			rc = 0;
		} else if (rc > 0) {
			rc = ERR_DB;
		}
		db_reset(st);
	}
	char hash[65], vtext[24], rec[ID_LEN + 70];
	if (rc == 0) {
		unsigned char h[32];
		crypto_generichash(h, sizeof(h), (const unsigned char *)content, strlen(content),
				   NULL, 0);
		sodium_bin2hex(hash, sizeof(hash), h, sizeof(h));
		snprintf(vtext, sizeof(vtext), "%lld", (long long)version);
		id_new(our_out);
		const char *v[] = {our_out,
				   child,
				   vtext,
				   earlier ? "amended" : "final",
				   tpl,
				   content,
				   hash,
				   I->now,
				   I->v[PN_ISSUED]};
		rc = imp_exec(I,
			      "INSERT INTO plan_version (id, child_ref, version, status, template,"
			      " content, hash, created_at, issued_on) VALUES ($1, $2, CAST($3 AS"
			      " INTEGER), $4, $5, $6, $7, $8, $9)",
			      v, 9);
	}
	if (rc == 0) {
		/* as plan_issue: the hash goes into the audit trail with the version */
		snprintf(rec, sizeof(rec), "%s:%s", our_out, hash);
		rc = imp_audit(I, "issue", "plan_version", rec);
	}
	free(content);
	json_decref(plan);
	arena_release(&a);
	return rc;
}

const struct imp_kind imp_plans = {
	"plans", plan_cols, PN_N, plan_check, plan_write, PN_CHILD, "plan_version",
};

/* ---- reviews ---- */

enum {
	RV_KEY,
	RV_CHILD,
	RV_SETTING,
	RV_DUE,
	RV_MEETING,
	RV_DECISION,
	RV_DECISION_ON,
	RV_CLOSED,
	RV_N
};

static const char *const review_cols[RV_N] = {
	"source_id",  "child_source_id", "setting_source_id", "due_on",
	"meeting_on", "decision",        "decision_on",       "closed_on",
};

static void review_check(struct importer *I)
{
	static const char *const decisions[] = {"maintain", "amend", "cease", NULL};
	struct date due, met, decided, closed;
	I->ref[RV_CHILD] = imp_ref(I, RV_CHILD, 1, "children", "child");
	I->ref[RV_SETTING] = imp_ref(I, RV_SETTING, 0, "settings", "setting");
	imp_date(I, RV_DUE, 1, imp_earliest(), imp_years_on(I, 2), &due);
	int m = imp_date(I, RV_MEETING, 0, imp_earliest(), I->today, &met);
	const char *decision = imp_choice(I, RV_DECISION, 0, decisions);
	int d = imp_date(I, RV_DECISION_ON, decision != NULL, imp_earliest(), I->today, &decided);
	int c = imp_date(I, RV_CLOSED, 0, imp_earliest(), I->today, &closed);
	if (decision && !I->v[RV_MEETING] && !I->bad[RV_MEETING])
		imp_problem(I, RV_MEETING, "required: a decision needs the meeting's date");
	if (!decision && I->v[RV_DECISION_ON] && !I->bad[RV_DECISION])
		imp_problem(I, RV_DECISION_ON, "a date with no decision");
	if (m && d && date_cmp(decided, met) < 0)
		imp_problem(I, RV_DECISION_ON, "out of range: before the meeting");
	if (c && !decision && !I->bad[RV_DECISION])
		imp_problem(I, RV_CLOSED, "a review is closed only after its decision");
	else if (c && d && date_cmp(closed, decided) < 0)
		imp_problem(I, RV_CLOSED, "out of range: before the decision");
}

static int review_write(struct importer *I, const char *our, const char *extra, char *our_out,
			char *extra_out)
{
	(void)extra;
	(void)extra_out;
	if (our)
		snprintf(our_out, ID_LEN + 1, "%s", our);
	else
		id_new(our_out);
	const char *v[] = {our_out,
			   I->ref[RV_CHILD],
			   I->la,
			   I->ref[RV_SETTING],
			   I->v[RV_DUE],
			   I->v[RV_MEETING],
			   I->v[RV_DECISION],
			   I->v[RV_DECISION_ON],
			   I->v[RV_CLOSED],
			   I->now,
			   review_rules_now.version};
	if (our)
		return imp_exec(I,
				"UPDATE review SET child_id = $2, la_code = $3, setting_id = $4,"
				" due_on = $5, meeting_on = $6, decision = $7, decision_on = $8,"
				" closed_on = $9, updated_at = $10 WHERE id = $1",
				v, 10);
	return imp_exec(I,
			"INSERT INTO review (id, child_id, la_code, setting_id, kind, due_on,"
			" meeting_on, decision, decision_on, closed_on, rules_version, created_at,"
			" updated_at) VALUES ($1, $2, $3, $4, 'annual', $5, $6, $7, $8, $9, $11,"
			" $10, $10)",
			v, 11);
}

const struct imp_kind imp_reviews = {
	"reviews", review_cols, RV_N, review_check, review_write, RV_CHILD, "review",
};
