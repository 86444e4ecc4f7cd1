/*
 * store.c: reviews in the database: reading one, scheduling them for an LA, and
 * recording each step in the order the law sets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/audit.h"
#include "platform/err.h"
#include "platform/log.h"
#include "assessment/assessment.h"
#include "plan/plan.h"
#include "review/internal.h"

struct review_rules review_rules_now = {
	"2014-09-01", {2014, 9, 1}, 12, 6, 14, 14, 28, 15, 56, 2, 15, 3, 31, 5, 42, 3, 2};

int review_rules_init(const char *reference_dir, char *err, size_t n)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/reviews/england.json", reference_dir);
	return review_rules_load(path, date_today(), &review_rules_now, err, n);
}

int review_year_group(struct date dob, struct date on)
{
	return plan_year_group(dob, on);
}

static const char *const cease_reasons[] = {
	"The young person reached the maximum age",
	"Needs met without a plan",
	"Moved on to higher education",
	"Moved on to paid employment (not an apprenticeship)",
	"Transferred to another local authority in England",
	"The young person no longer wishes to engage in education or training",
	"Moved outside England",
	"Died",
	"Another reason",
};

const char *review_cease_reason(const char *code)
{
	if (!code || strlen(code) != 1 || code[0] < '1' || code[0] > '9')
		return NULL;
	return cease_reasons[code[0] - '1'];
}

static void text_col(struct db_stmt *st, int i, char *out, size_t n)
{
	snprintf(out, n, "%s", db_column_is_null(st, i) ? "" : db_column_text(st, i));
}

static struct date date_col(struct db_stmt *st, int i)
{
	struct date d = {0, 0, 0};
	if (!db_column_is_null(st, i) && date_parse(db_column_text(st, i), &d) != 0)
		d = (struct date){0, 0, 0};
	return d;
}

void review_read_row(struct db_stmt *st, struct arena *a, struct review *r)
{
	text_col(st, 0, r->id, sizeof(r->id));
	text_col(st, 1, r->child_id, sizeof(r->child_id));
	text_col(st, 2, r->la_code, sizeof(r->la_code));
	text_col(st, 3, r->setting_id, sizeof(r->setting_id));
	text_col(st, 4, r->kind, sizeof(r->kind));
	text_col(st, 5, r->transfer_kind, sizeof(r->transfer_kind));
	text_col(st, 6, r->decision, sizeof(r->decision));
	text_col(st, 7, r->rules_version, sizeof(r->rules_version));
	struct date *d[] = {&r->transfer_on, &r->due_on,    &r->target_on,   &r->invitations_on,
			    &r->meeting_on,  &r->report_on, &r->decision_on, &r->amendments_on,
			    &r->amended_on,  &r->closed_on};
	for (int i = 0; i < 10; i++)
		*d[i] = date_col(st, 8 + i);
	r->record = db_column_is_null(st, 18) ? NULL : arena_strdup(a, db_column_text(st, 18));
	r->reasons = db_column_is_null(st, 19) ? NULL : arena_strdup(a, db_column_text(st, 19));
	if (db_column_count(st) > 21) {
		text_col(st, 20, r->notice_channel, sizeof(r->notice_channel));
		r->notice_served_on = date_col(st, 21);
	}
}

int review_get(struct db *db, const char *id, struct arena *a, struct review *out)
{
	memset(out, 0, sizeof(*out));
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, "SELECT " REVIEW_COLUMNS " FROM review WHERE id = $1", &st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, id)) == 0) {
		rc = db_step(st);
		if (rc == DB_ROW) {
			review_read_row(st, a, out);
			rc = 0;
		} else if (rc == DB_DONE) {
			rc = ERR_NOTFOUND;
		}
	}
	db_reset(st);
	return rc;
}

/* ---- writing ---- */

static int run(struct db *db, const char *sql, const char *const *v, int n)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, sql, &st);
	for (int i = 0; i < n && rc == 0; i++)
		rc = v[i] ? db_bind_text(st, i + 1, v[i]) : db_bind_null(st, i + 1);
	if (rc == 0) {
		rc = db_step(st);
		rc = rc == DB_DONE ? 0 : rc < 0 ? rc : ERR_DB;
	}
	if (st)
		db_reset(st);
	return rc;
}

static int audit(struct db *db, const char *actor, const char *action, const char *id)
{
	struct audit_entry e = {.actor_id = actor,
				.actor_role = actor ? "user" : "system",
				.action = action,
				.record_type = "review",
				.record_id = id};
	return audit_append(db, &e);
}

/* iso: a date as text in buf, or NULL when not recorded */
static const char *iso(struct date d, char buf[DATE_ISO_LEN + 1])
{
	if (!d.y)
		return NULL;
	date_iso(d, buf);
	return buf;
}

/* lock: begin, and read the review locked for this transaction */
static int lock(struct db *db, const char *id, struct arena *a, struct review *r)
{
	int rc = db_begin(db);
	if (rc)
		return rc;
	struct db_stmt *st = NULL;
	rc = db_prepare(
		db,
		"UPDATE review SET updated_at = updated_at WHERE id = $1 RETURNING " REVIEW_COLUMNS,
		&st);
	if (rc == 0) {
		if ((rc = db_bind_text(st, 1, id)) == 0) {
			rc = db_step(st);
			if (rc == DB_ROW) {
				review_read_row(st, a, r);
				rc = r->closed_on.y ? ERR_CONFLICT : 0;
			} else if (rc == DB_DONE) {
				rc = ERR_NOTFOUND;
			}
		}
		db_reset(st);
	}
	if (rc)
		db_rollback(db);
	return rc;
}

static int finish(struct db *db, int rc)
{
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

static const char *long_date(struct arena *a, struct date d)
{
	char buf[DATE_LONG_MAX];
	date_long(d, buf, sizeof(buf));
	return arena_strdup(a, buf);
}

/* a day recorded must have happened: not after today */
static int not_future(struct date on, const char *field, struct field_errors *errs)
{
	if (date_cmp(on, date_today()) > 0) {
		field_error_add(errs, field, NULL, "The date must be today or in the past");
		return 1;
	}
	return 0;
}

int review_invitations(struct db *db, const char *id, struct date on, const char *actor,
		       struct field_errors *errs)
{
	if (not_future(on, "invitations-day", errs))
		return ERR_INVALID;
	struct arena a;
	arena_init(&a, 0);
	struct review r;
	int rc = lock(db, id, &a, &r);
	if (rc == 0 && r.meeting_on.y) {
		field_error_add(errs, "invitations-day", NULL,
				"The meeting has been recorded: invitations come before it");
		rc = ERR_INVALID;
	}
	char d[DATE_ISO_LEN + 1], now[32];
	log_now_iso(now, sizeof(now));
	if (rc == 0) {
		const char *v[] = {id, iso(on, d), now};
		rc = run(db, "UPDATE review SET invitations_on = $2, updated_at = $3 WHERE id = $1",
			 v, 3);
		if (rc == 0)
			rc = audit(db, actor, "invitations", id);
		rc = finish(db, rc);
	} else if (rc != ERR_NOTFOUND && rc != ERR_CONFLICT) {
		db_rollback(db);
	}
	arena_release(&a);
	return rc;
}

static const char *const ratings[] = {"achieved", "progressing", "not_progressing"};
static const char *const pfa_areas[] = {"employment", "independent_living", "community", "health"};
static const char *const adult_services[] = {"referred", "not_yet", "not_needed"};

static int one_of(const char *v, const char *const *list, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		if (strcmp(v, list[i]) == 0)
			return 1;
	return 0;
}

/* record_check: what a meeting record must hold, for this child on the meeting's day */
static void record_check(json_t *rec, struct date dob, struct date on, struct arena *a,
			 struct field_errors *errs)
{
	static const char *const text[] = {"attendees", "child_views", "family_views"};
	static const char *const msg[] = {"Enter who came to the meeting",
					  "Enter the child's or young person's views",
					  "Enter the family's views"};
	for (size_t i = 0; i < 3; i++) {
		const char *v = json_string_value(json_object_get(rec, text[i]));
		if (!v || !*v)
			field_error_add(errs, text[i], NULL, msg[i]);
		else if (strlen(v) > 4000)
			field_error_add(errs, text[i], NULL, "Must be 4,000 characters or fewer");
	}
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(rec, "progress"), i, p)
	{
		if (!one_of(json_string_value(json_object_get(p, "rating")), ratings, 3))
			field_error_add(errs, arena_printf(a, "progress-%zu", i + 1), NULL,
					"Say how far the outcome has been achieved");
	}
	int year = review_year_group(dob, on);
	if (year >= 9) /* preparing for adulthood from Year 9 */
		for (size_t k = 0; k < 4; k++) {
			const char *v = json_string_value(
				json_object_get(json_object_get(rec, "pfa"), pfa_areas[k]));
			if (!v || !*v)
				field_error_add(errs, arena_printf(a, "pfa-%s", pfa_areas[k]), NULL,
						"From Year 9 every review covers preparing for "
						"adulthood: enter this area");
		}
	if (date_age(dob, on) >= 17 &&
	    !one_of(json_string_value(json_object_get(rec, "adult_services")), adult_services, 3))
		field_error_add(errs, "adult_services", NULL,
				"From 17, say whether the young person has been referred to "
				"adult services");
}

int review_meeting(struct db *db, const char *id, struct date on, json_t *record, const char *actor,
		   struct arena *a, struct field_errors *errs)
{
	if (not_future(on, "meeting-day", errs))
		return ERR_INVALID;
	struct review r;
	int rc = lock(db, id, a, &r);
	if (rc)
		return rc;
	struct child_dob {
		struct date dob;
	} c = {{0, 0, 0}};
	struct db_stmt *st = NULL;
	if ((rc = db_prepare(db, "SELECT date_of_birth FROM child WHERE id = $1", &st)) == 0) {
		if (db_bind_text(st, 1, r.child_id) == 0 && db_step(st) == DB_ROW)
			date_parse(db_column_text(st, 0), &c.dob);
		db_reset(st);
	}
	if (!r.invitations_on.y)
		field_error_add(errs, "meeting-day", NULL,
				"Record the invitations first: they go out at least 2 weeks before "
				"the meeting");
	else if (date_cmp(on, r.invitations_on) < 0)
		field_error_add(errs, "meeting-day", NULL,
				arena_printf(a,
					     "The meeting cannot be before its invitations were "
					     "sent (%s)",
					     long_date(a, r.invitations_on)));
	if (r.meeting_on.y)
		field_error_add(errs, "meeting-day", NULL, "The meeting has been recorded already");
	record_check(record, c.dob, on, a, errs);
	if (errs->n) {
		db_rollback(db);
		return ERR_INVALID;
	}
	char d[DATE_ISO_LEN + 1], now[32];
	log_now_iso(now, sizeof(now));
	char *json = json_dumps(record, JSON_COMPACT | JSON_SORT_KEYS);
	const char *v[] = {id, iso(on, d), json, now};
	rc = json ? run(db,
			"UPDATE review SET meeting_on = $2, record = $3, updated_at = $4"
			" WHERE id = $1",
			v, 4)
		  : ERR_NOMEM;
	free(json);
	if (rc == 0)
		rc = audit(db, actor, "meeting", id);
	return finish(db, rc);
}

int review_report(struct db *db, const char *id, struct date on, const char *actor,
		  struct field_errors *errs)
{
	if (not_future(on, "report-day", errs))
		return ERR_INVALID;
	struct arena a;
	arena_init(&a, 0);
	struct review r;
	int rc = lock(db, id, &a, &r);
	if (rc) {
		arena_release(&a);
		return rc;
	}
	if (!r.meeting_on.y)
		field_error_add(errs, "report-day", NULL,
				"Record the meeting first: the report follows it");
	else if (date_cmp(on, r.meeting_on) < 0)
		field_error_add(errs, "report-day", NULL,
				"The report cannot be before the meeting it reports");
	char d[DATE_ISO_LEN + 1], now[32];
	log_now_iso(now, sizeof(now));
	const char *v[] = {id, iso(on, d), now};
	if (errs->n)
		rc = ERR_INVALID;
	else
		rc = run(db, "UPDATE review SET report_on = $2, updated_at = $3 WHERE id = $1", v,
			 3);
	if (rc == 0)
		rc = audit(db, actor, "report", id);
	arena_release(&a);
	return finish(db, rc);
}

int review_decide(struct db *db, const char *id, const struct review_decision *dec,
		  const char *actor, struct field_errors *errs)
{
	static const char *const decisions[] = {"maintain", "amend", "cease"};
	if (!one_of(dec->decision, decisions, 3))
		field_error_add(errs, "decision", NULL, "Choose maintain, amend or cease");
	if (!dec->on.y)
		field_error_add(errs, "decided-day", NULL, "Enter the date of the decision");
	else
		not_future(dec->on, "decided-day", errs);
	if (!dec->reasons || !*dec->reasons)
		field_error_add(errs, "reasons", NULL, "Enter the reasons for the decision");
	static const char *const channels[] = {"post", "email", "portal"};
	if (!one_of(dec->channel, channels, 3))
		field_error_add(
			errs, "notice_channel", NULL,
			"Choose how the notice of the decision, with the family's rights of "
			"appeal, was sent");
	int cease = dec->decision && strcmp(dec->decision, "cease") == 0;
	if (cease && !review_cease_reason(dec->cease_reason))
		field_error_add(errs, "cease_reason", NULL, "Choose the reason the plan ceases");
	if (cease && !dec->cease_reason_on.y)
		field_error_add(errs, "reason-day", NULL,
				"Enter the date the reason for ceasing rests on (for example, "
				"the day paid employment began)");
	if (errs->n)
		return ERR_INVALID;
	struct arena a;
	arena_init(&a, 0);
	struct review r;
	int rc = lock(db, id, &a, &r);
	if (rc) {
		arena_release(&a);
		return rc;
	}
	if (!r.meeting_on.y)
		field_error_add(errs, "decision", NULL,
				"Record the review meeting first: the decision follows it");
	else if (date_cmp(dec->on, r.meeting_on) < 0)
		field_error_add(errs, "decided-day", NULL,
				"The decision cannot be before the meeting");
	if (r.decision[0])
		field_error_add(errs, "decision", NULL, "The decision has been recorded already");
	if (errs->n) {
		arena_release(&a);
		db_rollback(db);
		return ERR_INVALID;
	}
	char d[DATE_ISO_LEN + 1], now[32];
	log_now_iso(now, sizeof(now));
	/* maintain and cease end the review; amend ends with the amended plan */
	/* the notice counts as served by its channel's rule (src/assessment/state.c); the
	 * time to appeal runs from the day it was sent */
	struct holidays hol = {assessment_rules.holidays, assessment_rules.n_holidays};
	char served[DATE_ISO_LEN + 1];
	date_iso(assessment_served_on(dec->channel, dec->on, &hol), served);
	const char *v[] = {id,
			   dec->decision,
			   iso(dec->on, d),
			   dec->reasons,
			   strcmp(dec->decision, "amend") != 0 ? d : NULL,
			   now,
			   dec->channel,
			   served};
	rc = run(db,
		 "UPDATE review SET decision = $2, decision_on = $3, decision_reasons = $4,"
		 " closed_on = $5, updated_at = $6, notice_channel = $7, notice_served_on = $8"
		 " WHERE id = $1",
		 v, 8);
	if (rc == 0 && cease) {
		char cid[ID_LEN + 1], reason_on[DATE_ISO_LEN + 1], appeal_by[DATE_ISO_LEN + 1];
		id_new(cid);
		date_iso(dec->cease_reason_on, reason_on);
		date_iso(date_add_months(dec->on, review_rules_now.appeal_months), appeal_by);
		const char *c[] = {cid, r.child_id, r.la_code, id, dec->cease_reason, reason_on, d,
				   d,   appeal_by,  actor,     now};
		rc = run(db,
			 "INSERT INTO plan_cease (id, child_id, la_code, review_id, reason,"
			 " reason_on, decided_on, notice_on, appeal_by, recorded_by, recorded_at)"
			 " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
			 c, 11);
	}
	if (rc == 0)
		rc = audit(db, actor, arena_printf(&a, "decision:%s", dec->decision), id);
	arena_release(&a);
	return finish(db, rc);
}

int review_amendments(struct db *db, const char *id, struct date on, const char *actor,
		      struct field_errors *errs)
{
	if (not_future(on, "amendments-day", errs))
		return ERR_INVALID;
	struct arena a;
	arena_init(&a, 0);
	struct review r;
	int rc = lock(db, id, &a, &r);
	if (rc) {
		arena_release(&a);
		return rc;
	}
	if (strcmp(r.decision, "amend") != 0)
		field_error_add(errs, "amendments-day", NULL,
				"Proposed amendments follow a decision to amend the plan");
	else if (date_cmp(on, r.decision_on) < 0)
		field_error_add(errs, "amendments-day", NULL,
				"The amendments cannot be sent before the decision to amend");
	else if (r.amendments_on.y)
		field_error_add(errs, "amendments-day", NULL,
				"The proposed amendments have been recorded already");
	char d[DATE_ISO_LEN + 1], now[32];
	log_now_iso(now, sizeof(now));
	const char *v[] = {id, iso(on, d), now};
	if (errs->n)
		rc = ERR_INVALID;
	else
		rc = run(db, "UPDATE review SET amendments_on = $2, updated_at = $3 WHERE id = $1",
			 v, 3);
	if (rc == 0)
		rc = audit(db, actor, "amendments", id);
	arena_release(&a);
	return finish(db, rc);
}
