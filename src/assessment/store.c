/*
 * store.c: SQL for assessment cases. Every step is a row of the case's timeline; the
 * case's state and its next legal deadline are updated beside it in the same
 * transaction, with the audit row, so a step lands whole or not at all.
 */
#include <stdio.h>
#include <string.h>

#include "assessment/case.h"
#include "platform/err.h"
#include "platform/ids.h"
#include "platform/log.h"

struct clock_rules assessment_rules;

static void copy(char *dst, size_t n, const char *src)
{
	size_t l = src ? strlen(src) : 0;
	if (l >= n)
		l = n - 1;
	if (l)
		memcpy(dst, src, l);
	dst[l] = '\0';
}

static int bind_opt(struct db_stmt *st, int i, const char *v)
{
	return v && *v ? db_bind_text(st, i, v) : db_bind_null(st, i);
}

/* exec: run a statement of text parameters (NULL binds NULL) that returns no rows */
static int exec(struct db *db, const char *sql, const char *const *v, int n)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	for (int i = 0; i < n && rc == 0; i++)
		rc = bind_opt(st, i + 1, v[i]);
	if (rc == 0) {
		rc = db_step(st);
		rc = rc == DB_DONE ? 0 : rc < 0 ? rc : ERR_DB;
	}
	db_reset(st);
	return rc;
}

int case_get(struct db *db, const char *id, struct assessment_case *c)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db,
			    "SELECT a.id, a.child_id, a.la_code, a.officer_id, a.requested_by,"
			    " a.requested_on, a.rule_family, a.state, a.next_step, a.next_due,"
			    " a.closed_on, u.name, u.email FROM assessment_case a"
			    " LEFT JOIN user_account u ON u.id = a.officer_id WHERE a.id = $1",
			    &st);
	if (rc)
		return rc;
	memset(c, 0, sizeof(*c));
	if ((rc = db_bind_text(st, 1, id)) == 0) {
		rc = db_step(st);
		if (rc == DB_ROW) {
			copy(c->id, sizeof(c->id), db_column_text(st, 0));
			copy(c->child_id, sizeof(c->child_id), db_column_text(st, 1));
			copy(c->la_code, sizeof(c->la_code), db_column_text(st, 2));
			copy(c->officer_id, sizeof(c->officer_id), db_column_text(st, 3));
			copy(c->requested_by, sizeof(c->requested_by), db_column_text(st, 4));
			copy(c->requested_on, sizeof(c->requested_on), db_column_text(st, 5));
			copy(c->rule_family, sizeof(c->rule_family), db_column_text(st, 6));
			copy(c->state, sizeof(c->state), db_column_text(st, 7));
			copy(c->next_step, sizeof(c->next_step), db_column_text(st, 8));
			copy(c->next_due, sizeof(c->next_due), db_column_text(st, 9));
			copy(c->closed_on, sizeof(c->closed_on), db_column_text(st, 10));
			copy(c->officer_name, sizeof(c->officer_name), db_column_text(st, 11));
			copy(c->officer_email, sizeof(c->officer_email), db_column_text(st, 12));
			rc = 0;
		} else if (rc == DB_DONE) {
			rc = ERR_NOTFOUND;
		}
	}
	db_reset(st);
	return rc;
}

int case_for_child(struct db *db, const char *child_id, char *id, size_t n)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db,
			    "SELECT id FROM assessment_case WHERE child_id = $1"
			    " ORDER BY requested_on DESC, created_at DESC LIMIT 1",
			    &st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, child_id)) == 0) {
		rc = db_step(st);
		if (rc == DB_ROW) {
			copy(id, n, db_column_text(st, 0));
			rc = 0;
		} else if (rc == DB_DONE) {
			rc = ERR_NOTFOUND;
		}
	}
	db_reset(st);
	return rc;
}

/* history: the case's timeline as the clock reads it, notices' service dates included */
json_t *case_history(struct db *db, const struct assessment_case *c)
{
	struct db_stmt *st = NULL;
	json_t *events = json_array();
	int rc = db_prepare(db,
			    "SELECT e.type, e.happened_on, e.item, n.served_on FROM case_event e"
			    " LEFT JOIN notice n ON n.case_id = e.case_id AND n.event_seq = e.seq"
			    " WHERE e.case_id = $1 ORDER BY e.seq",
			    &st);
	if (rc == 0 && db_bind_text(st, 1, c->id) == 0) {
		while (db_step(st) == DB_ROW) {
			json_t *e = json_pack("{s:s, s:s}", "type", db_column_text(st, 0), "date",
					      db_column_text(st, 1));
			if (!db_column_is_null(st, 2))
				json_object_set_new(e, "item", json_string(db_column_text(st, 2)));
			if (!db_column_is_null(st, 3))
				json_object_set_new(e, "served",
						    json_string(db_column_text(st, 3)));
			json_array_append_new(events, e);
		}
	}
	if (st)
		db_reset(st);
	json_t *exs = json_array();
	if (db_prepare(db,
		       "SELECT starts_on, ends_on, reason FROM case_exception WHERE case_id = $1"
		       " ORDER BY starts_on",
		       &st) == 0) {
		if (db_bind_text(st, 1, c->id) == 0)
			while (db_step(st) == DB_ROW)
				json_array_append_new(exs,
						      json_pack("{s:s, s:s, s:s}", "from",
								db_column_text(st, 0), "to",
								db_column_text(st, 1), "reason",
								db_column_text(st, 2)));
		db_reset(st);
	}
	return json_pack("{s:s, s:o, s:o}", "rule_family", c->rule_family, "events", events,
			 "exceptions", exs);
}

/* next_deadline: the earliest open or overdue deadline of the clock's answer */
static void next_deadline(json_t *clock, char *step, size_t sn, char *due, size_t dn)
{
	step[0] = due[0] = '\0';
	size_t i;
	json_t *d;
	json_array_foreach(json_object_get(clock, "deadlines"), i, d)
	{
		const char *status = json_string_value(json_object_get(d, "status"));
		const char *when = json_string_value(json_object_get(d, "due"));
		if (!status || !when ||
		    (strcmp(status, "open") != 0 && strcmp(status, "overdue") != 0))
			continue;
		if (!due[0] || strcmp(when, due) < 0) {
			copy(due, dn, when);
			copy(step, sn, json_string_value(json_object_get(d, "step")));
		}
	}
}

/* refresh: recompute the case's next deadline from its timeline (inside the caller's
 * transaction) */
static int refresh(struct db *db, struct assessment_case *c, struct arena *a)
{
	json_t *h = case_history(db, c);
	struct field_errors errs = {0};
	json_t *clock = h ? clock_compute(&assessment_rules, h, date_today(), a, &errs) : NULL;
	json_decref(h);
	char step[48], due[DATE_ISO_LEN + 1];
	/* a finished case (withdrawn, not assessed, no plan, plan issued) has no next
	 * decision, whatever advice clocks it left running */
	if (clock && !assessment_state_closed(c->state))
		next_deadline(clock, step, sizeof(step), due, sizeof(due));
	else
		step[0] = due[0] = '\0';
	json_decref(clock);
	char now[32];
	log_now_iso(now, sizeof(now));
	const char *v[] = {c->id, step, due, now};
	return exec(db,
		    "UPDATE assessment_case SET next_step = $2, next_due = $3, updated_at = $4"
		    " WHERE id = $1",
		    v, 4);
}

int case_open(struct db *db, struct assessment_case *c, const struct audit_entry *why,
	      struct arena *a)
{
	char now[32];
	log_now_iso(now, sizeof(now));
	id_new(c->id);
	copy(c->state, sizeof(c->state), "requested");
	if (!c->rule_family[0]) {
		/* the LA's variant rule set, if it is on one from the request's date */
		struct db_stmt *st = NULL;
		copy(c->rule_family, sizeof(c->rule_family), "england");
		if (db_prepare(
			    db,
			    "SELECT family FROM la_rule_family WHERE la_code = $1 AND since <= $2",
			    &st) == 0) {
			if (db_bind_text(st, 1, c->la_code) == 0 &&
			    db_bind_text(st, 2, c->requested_on) == 0 && db_step(st) == DB_ROW &&
			    json_object_get(assessment_rules.families, db_column_text(st, 0)))
				copy(c->rule_family, sizeof(c->rule_family), db_column_text(st, 0));
			db_reset(st);
		}
	}
	int rc = db_begin(db);
	if (rc)
		return rc;
	const char *v[] = {c->id,           c->child_id,     c->la_code,     c->officer_id,
			   c->requested_by, c->requested_on, c->rule_family, now};
	rc = exec(db,
		  "INSERT INTO assessment_case (id, child_id, la_code, officer_id, requested_by,"
		  " requested_on, rule_family, state, created_at, updated_at)"
		  " VALUES ($1, $2, $3, $4, $5, $6, $7, 'requested', $8, $8)",
		  v, 8);
	if (rc == 0) {
		const char *e[] = {c->id, c->requested_on, why ? why->actor_id : NULL, now};
		rc = exec(db,
			  "INSERT INTO case_event (case_id, seq, type, happened_on, recorded_by,"
			  " recorded_at) VALUES ($1, 1, 'request', $2, $3, $4)",
			  e, 4);
	}
	if (rc == 0 && strcmp(c->requested_by, "setting") == 0) {
		/* a setting asked: the family is told, through this service */
		char nid[ID_LEN + 1], served[DATE_ISO_LEN + 1];
		struct date d;
		struct holidays h = {assessment_rules.holidays, assessment_rules.n_holidays};
		id_new(nid);
		date_parse(c->requested_on, &d);
		date_iso(assessment_served_on("portal", d, &h), served);
		const char *nv[] = {nid, c->id, "Parents and carers", c->requested_on, served, now};
		rc = exec(db,
			  "INSERT INTO notice (id, case_id, event_seq, recipient, channel, sent_on,"
			  " served_on, created_at) VALUES ($1, $2, 1, $3, 'portal', $4, $5, $6)",
			  nv, 6);
	}
	if (rc == 0)
		rc = refresh(db, c, a);
	if (rc == 0 && why) {
		struct audit_entry e = *why;
		e.record_id = c->child_id;
		rc = audit_append(db, &e);
	}
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

/* last_event: the number and date of the case's latest event */
static int last_event(struct db *db, const char *case_id, int64_t *seq, char *date, size_t n)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db,
			    "SELECT seq, happened_on FROM case_event WHERE case_id = $1"
			    " ORDER BY seq DESC LIMIT 1",
			    &st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, case_id)) == 0) {
		rc = db_step(st);
		if (rc == DB_ROW) {
			*seq = db_column_int64(st, 0);
			copy(date, n, db_column_text(st, 1));
			rc = 0;
		} else if (rc == DB_DONE) {
			rc = ERR_NOTFOUND;
		}
	}
	db_reset(st);
	return rc;
}

/* record_step: case_record inside the caller's transaction */
/* lock_state: the case's state as of now, taking the case's write lock (SQLite) or row
 * lock (PostgreSQL) first, so that two steps sent at once are judged one after the other */
static int lock_state(struct db *db, struct assessment_case *c)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db,
			    "UPDATE assessment_case SET updated_at = updated_at WHERE id = $1"
			    " RETURNING state",
			    &st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, c->id)) == 0) {
		rc = db_step(st);
		if (rc == DB_ROW) {
			copy(c->state, sizeof(c->state), db_column_text(st, 0));
			rc = 0;
		} else if (rc == DB_DONE) {
			rc = ERR_NOTFOUND;
		}
	}
	db_reset(st);
	return rc;
}

static int record_step(struct db *db, struct assessment_case *c, const struct case_step *s,
		       struct field_errors *errs, const struct audit_entry *why, struct arena *a)
{
	int lrc = lock_state(db, c);
	if (lrc)
		return lrc;
	const char *next = assessment_next_state(c->state, s->type);
	if (!next) {
		field_error_add(errs, "type", "/type",
				"That step cannot happen at this stage of the case");
		return ERR_INVALID;
	}
	int rc = 0;
	int64_t seq = 0;
	char last[DATE_ISO_LEN + 1] = "";
	rc = last_event(db, c->id, &seq, last, sizeof(last));
	if (rc == 0 && strcmp(s->date, last) < 0) {
		field_error_add(errs, "date-day", "/date",
				"The date cannot be before the case's last step");
		rc = ERR_INVALID;
	}
	char now[32], seqs[24], sent[DATE_ISO_LEN + 1], served[DATE_ISO_LEN + 1];
	log_now_iso(now, sizeof(now));
	snprintf(seqs, sizeof(seqs), "%lld", (long long)(seq + 1));
	if (rc == 0) {
		const char *v[] = {c->id,
				   seqs,
				   s->type,
				   s->date,
				   s->item,
				   s->reasons,
				   why ? why->actor_id : NULL,
				   now};
		rc = exec(db,
			  "INSERT INTO case_event (case_id, seq, type, happened_on, item, reasons,"
			  " recorded_by, recorded_at)"
			  " VALUES ($1, CAST($2 AS INTEGER), $3, $4, $5, $6, $7, $8)",
			  v, 8);
	}
	if (rc == 0 && s->recipient) {
		struct date d;
		date_parse(s->date, &d);
		struct holidays h = {assessment_rules.holidays, assessment_rules.n_holidays};
		date_iso(d, sent);
		date_iso(assessment_served_on(s->channel, d, &h), served);
		char nid[ID_LEN + 1];
		id_new(nid);
		const char *v[] = {nid, c->id, seqs, s->recipient, s->channel, sent, served, now};
		rc = exec(db,
			  "INSERT INTO notice (id, case_id, event_seq, recipient, channel, sent_on,"
			  " served_on, created_at)"
			  " VALUES ($1, $2, CAST($3 AS INTEGER), $4, $5, $6, $7, $8)",
			  v, 8);
	}
	if (rc == 0 && s->advisor_id) {
		const char *v[] = {s->advisor_id, c->child_id, now};
		rc = exec(db,
			  "INSERT INTO advice_request (user_id, child_id, requested_at)"
			  " VALUES ($1, $2, $3) ON CONFLICT (user_id, child_id) DO UPDATE"
			  " SET closed_at = NULL",
			  v, 3);
	}
	if (rc == 0) {
		copy(c->state, sizeof(c->state), next);
		const char *v[] = {c->id, c->state,
				   assessment_state_closed(c->state) ? s->date : NULL};
		rc = exec(db, "UPDATE assessment_case SET state = $2, closed_on = $3 WHERE id = $1",
			  v, 3);
	}
	if (rc == 0)
		rc = refresh(db, c, a);
	if (rc == 0 && why) {
		struct audit_entry e = *why;
		e.record_id = c->child_id;
		rc = audit_append(db, &e);
	}
	return rc;
}

int case_record(struct db *db, struct assessment_case *c, const struct case_step *s,
		struct field_errors *errs, const struct audit_entry *why, struct arena *a)
{
	int rc = db_begin(db);
	if (rc)
		return rc;
	rc = record_step(db, c, s, errs, why, a);
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

int case_add_advice(struct db *db, struct assessment_case *c, const struct case_advice *adv,
		    struct field_errors *errs, const struct audit_entry *why, struct arena *a)
{
	int rc = db_begin(db);
	if (rc)
		return rc;
	char id[ID_LEN + 1], now[32];
	id_new(id);
	log_now_iso(now, sizeof(now));
	const char *v[] = {
		id,        c->id,     adv->item, why ? why->actor_id : NULL, adv->sections,
		adv->text, adv->date, now};
	rc = exec(db,
		  "INSERT INTO advice (id, case_id, item, author_id, sections, body, given_on,"
		  " created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
		  v, 8);
	/* the advice arriving is a step of the case too, when the stage has room for it */
	if (rc == 0 && assessment_next_state(c->state, "advice_received")) {
		struct case_step step = {
			.type = "advice_received", .date = adv->date, .item = adv->item};
		rc = record_step(db, c, &step, errs, why, a);
	} else if (rc == 0 && why) {
		struct audit_entry e = *why;
		e.record_id = c->child_id;
		rc = audit_append(db, &e);
	}
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

int case_add_exception(struct db *db, struct assessment_case *c, const char *from, const char *to,
		       const char *reason, const struct audit_entry *why, struct arena *a)
{
	char now[32];
	log_now_iso(now, sizeof(now));
	int rc = db_begin(db);
	if (rc)
		return rc;
	const char *v[] = {c->id, from, to, reason, why ? why->actor_id : NULL, now};
	rc = exec(db,
		  "INSERT INTO case_exception (case_id, starts_on, ends_on, reason, recorded_by,"
		  " recorded_at) VALUES ($1, $2, $3, $4, $5, $6)",
		  v, 6);
	if (rc == 0)
		rc = refresh(db, c, a);
	if (rc == 0 && why) {
		struct audit_entry e = *why;
		e.record_id = c->child_id;
		rc = audit_append(db, &e);
	}
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

int case_notices_read(struct db *db, const char *case_id)
{
	char now[32];
	log_now_iso(now, sizeof(now));
	const char *v[] = {case_id, now};
	return exec(db,
		    "UPDATE notice SET read_at = $2 WHERE case_id = $1 AND channel = 'portal'"
		    " AND read_at IS NULL",
		    v, 2);
}

int case_of_child(struct db *db, const char *child_id, struct assessment_case *c)
{
	char id[ID_LEN + 1];
	int rc = case_for_child(db, child_id, id, sizeof(id));
	return rc ? rc : case_get(db, id, c);
}

int case_request(struct db *db, const char *child_id, const char *date, const struct user *u,
		 const char *request_id, struct arena *a, struct assessment_case *c)
{
	memset(c, 0, sizeof(*c));
	copy(c->child_id, sizeof(c->child_id), child_id);
	copy(c->requested_on, sizeof(c->requested_on), date);
	copy(c->requested_by, sizeof(c->requested_by),
	     u->role == ROLE_YOUNG_PERSON                           ? "young_person"
	     : u->role == ROLE_SENCO || u->role == ROLE_AP_PROVIDER ? "setting"
								    : "parent");
	/* the child's LA, and the caseworker their cases are allocated to, if any; a
	 * caseworker recording the request becomes its officer */
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, "SELECT la_code, caseworker_id FROM child WHERE id = $1", &st);
	if (rc)
		return rc;
	if (db_bind_text(st, 1, child_id) == 0 && db_step(st) == DB_ROW) {
		copy(c->la_code, sizeof(c->la_code), db_column_text(st, 0));
		if (!db_column_is_null(st, 1))
			copy(c->officer_id, sizeof(c->officer_id), db_column_text(st, 1));
	}
	db_reset(st);
	if (u->role == ROLE_CASEWORKER)
		copy(c->officer_id, sizeof(c->officer_id), u->id);
	struct audit_entry why = {.actor_id = u->id,
				  .actor_role = role_name(u->role),
				  .action = "assessment_request",
				  .record_type = "child",
				  .request_id = request_id};
	return case_open(db, c, &why, a);
}
