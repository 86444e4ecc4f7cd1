/*
 * schedule.c: which reviews each child with a plan needs, kept current. For every child of
 * the LA whose plan has been issued and has not ceased, one open review: a phase-transfer
 * review in the school year before they change phase (deadline by regulation 18), else
 * the next annual review (section 44: 12 months starting with the plan's making or the
 * last review meeting). A review whose decision was to amend closes when an amended plan
 * is issued after the proposed amendments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/audit.h"
#include "platform/err.h"
#include "platform/log.h"
#include "plan/plan.h"
#include "review/review.h"

/* one row per child (the first current roll setting, if several) */
#define CANDIDATES_SQL                                                                          \
	"SELECT c.id, c.date_of_birth,"                                                         \
	" (SELECT min(p.issued_on) FROM plan_version p WHERE p.child_ref = c.id AND"            \
	"  p.status <> 'draft' AND p.issued_on <= $2),"                                         \
	" (SELECT max(r.meeting_on) FROM review r WHERE r.child_id = c.id),"                    \
	" (SELECT r.id FROM review r WHERE r.child_id = c.id AND r.closed_on IS NULL LIMIT 1)," \
	" s.organisation_id, o.age_to, o.phase,"                                                \
	" (SELECT count(*) FROM review r WHERE r.child_id = c.id AND r.kind ="                  \
	"  'phase_transfer' AND r.transfer_on = $3)"                                            \
	" FROM child c"                                                                         \
	" LEFT JOIN child_setting s ON s.child_id = c.id AND s.relation = 'roll' AND"           \
	"  s.ended_on IS NULL"                                                                  \
	" LEFT JOIN organisation o ON o.id = s.organisation_id"                                 \
	" WHERE c.la_code = $1 AND EXISTS (SELECT 1 FROM plan_version p WHERE p.child_ref ="    \
	"  c.id AND p.status <> 'draft' AND p.issued_on <= $2) AND NOT EXISTS (SELECT 1 FROM"   \
	"  plan_cease x WHERE"                                                                  \
	"  x.child_id = c.id AND x.ceases_on IS NOT NULL AND x.ceases_on <= $2)"                \
	" ORDER BY c.id"

struct candidate {
	char id[ID_LEN + 1];
	struct date dob, made, last_meeting;
	char open[ID_LEN + 1];
	char setting[ID_LEN + 1];
	int age_to; /* 0: not known */
	char phase[4];
	int transfer_review_done;
};

/* transfer_kind_next: the phase change the child makes next September, or -1. age_next:
 * their age on 31 August before it; the setting's top age says whether they leave it */
static int transfer_kind_next(const struct candidate *c, struct date sept)
{
	if (!c->setting[0] || c->age_to <= 0)
		return -1;
	int age_next = date_age(c->dob, (struct date){sept.y, 8, 31});
	if (age_next < c->age_to)
		return -1;
	int year_next = age_next - 4; /* Reception: 4 on 31 August */
	if (year_next <= 0)
		return TRANSFER_EARLY_YEARS;
	if (year_next >= 12)
		return TRANSFER_POST16;
	if (year_next == 3)
		return TRANSFER_INFANT;
	if (strcmp(c->phase, "3") == 0 || strcmp(c->phase, "5") == 0)
		return TRANSFER_MIDDLE;
	return TRANSFER_PRIMARY;
}

static int insert_review(struct db *db, const struct candidate *c, const char *la, const char *kind,
			 int tk, struct date transfer_on, struct date due, struct date target)
{
	char id[ID_LEN + 1], now[32], t[DATE_ISO_LEN + 1], d[DATE_ISO_LEN + 1], g[DATE_ISO_LEN + 1];
	id_new(id);
	log_now_iso(now, sizeof(now));
	date_iso(due, d);
	date_iso(target, g);
	if (transfer_on.y)
		date_iso(transfer_on, t);
	const char *v[] = {id,
			   c->id,
			   la,
			   c->setting[0] ? c->setting : NULL,
			   kind,
			   tk >= 0 ? transfer_kind_name(tk) : NULL,
			   transfer_on.y ? t : NULL,
			   d,
			   g,
			   review_rules_now.version,
			   now};
	struct db_stmt *st = NULL;
	int rc = db_prepare(db,
			    "INSERT INTO review (id, child_id, la_code, setting_id, kind,"
			    " transfer_kind, transfer_on, due_on, target_on, rules_version,"
			    " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
			    " $10, $11, $11)",
			    &st);
	for (int i = 0; i < 11 && rc == 0; i++)
		rc = v[i] ? db_bind_text(st, i + 1, v[i]) : db_bind_null(st, i + 1);
	if (rc == 0)
		rc = db_step(st) == DB_DONE ? 0 : ERR_DB;
	if (st)
		db_reset(st);
	if (rc == 0) {
		struct audit_entry e = {.actor_role = "system",
					.action = "schedule",
					.record_type = "review",
					.record_id = id};
		rc = audit_append(db, &e);
	}
	return rc;
}

/* to_transfer: an open annual review, not yet held, made the phase-transfer review: its
 * last day is the earlier of the two */
static int to_transfer(struct db *db, const char *id, int tk, struct date sept)
{
	char t[DATE_ISO_LEN + 1], d[DATE_ISO_LEN + 1];
	date_iso(sept, t);
	date_iso(transfer_deadline(&review_rules_now, (enum transfer_kind)tk, sept), d);
	const char *v[] = {id, transfer_kind_name(tk), t, d};
	struct db_stmt *st = NULL;
	int rc = db_prepare(db,
			    "UPDATE review SET kind = 'phase_transfer', transfer_kind = $2,"
			    " transfer_on = $3, due_on = CASE WHEN due_on < $4 THEN due_on ELSE $4"
			    " END, target_on = CASE WHEN due_on < $4 THEN due_on ELSE $4 END"
			    " WHERE id = $1 AND kind = 'annual' AND meeting_on IS NULL",
			    &st);
	for (int i = 0; i < 4 && rc == 0; i++)
		rc = db_bind_text(st, i + 1, v[i]);
	if (rc == 0)
		rc = db_step(st) == DB_DONE ? 0 : ERR_DB;
	if (st)
		db_reset(st);
	return rc;
}

/* cease_unappealed: a decision to cease with no appeal once the time for appealing has
 * passed: the plan ceases the day after the last day to appeal */
static int cease_unappealed(struct db *db, const char *la, const char *on)
{
	struct db_stmt *st = NULL;
	char ids[64][ID_LEN + 1], last[64][DATE_ISO_LEN + 1];
	size_t n = 0;
	int rc = db_prepare(db,
			    "SELECT id, appeal_by FROM plan_cease WHERE la_code = $1 AND ceases_on"
			    " IS NULL AND appeal_lodged_on IS NULL AND appeal_by < $2 LIMIT 64",
			    &st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, la)) == 0 && (rc = db_bind_text(st, 2, on)) == 0)
		while (n < 64 && db_step(st) == DB_ROW) {
			snprintf(ids[n], sizeof(ids[n]), "%s", db_column_text(st, 0));
			snprintf(last[n], sizeof(last[n]), "%s", db_column_text(st, 1));
			n++;
		}
	db_reset(st);
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct date d;
		char next[DATE_ISO_LEN + 1];
		if (date_parse(last[i], &d) != 0)
			continue;
		date_iso(date_add_days(d, 1), next);
		if ((rc = db_prepare(db, "UPDATE plan_cease SET ceases_on = $2 WHERE id = $1",
				     &st)) == 0) {
			if ((rc = db_bind_text(st, 1, ids[i])) == 0 &&
			    (rc = db_bind_text(st, 2, next)) == 0)
				rc = db_step(st) == DB_DONE ? 0 : ERR_DB;
			db_reset(st);
		}
	}
	return rc;
}

/* close_ceased: a plan that has ceased has no review to hold: its open one ends the day
 * the plan ceased */
static int close_ceased(struct db *db, const char *la, const char *on, const char *now)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(
		db,
		"UPDATE review SET closed_on = (SELECT max(x.ceases_on) FROM plan_cease x"
		" WHERE x.child_id = review.child_id), updated_at = $3 WHERE la_code = $1"
		" AND closed_on IS NULL AND EXISTS (SELECT 1 FROM plan_cease x WHERE"
		" x.child_id = review.child_id AND x.ceases_on IS NOT NULL AND"
		" x.ceases_on <= $2)",
		&st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, la)) == 0 && (rc = db_bind_text(st, 2, on)) == 0 &&
	    (rc = db_bind_text(st, 3, now)) == 0)
		rc = db_step(st) == DB_DONE ? 0 : ERR_DB;
	db_reset(st);
	return rc;
}

/* close_amended: amendment reviews whose amended plan has since been issued */
static int close_amended(struct db *db, const char *la, const char *now)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(
		db,
		"UPDATE review SET amended_on = (SELECT min(p.issued_on) FROM plan_version p"
		" WHERE p.child_ref = review.child_id AND p.status <> 'draft' AND p.issued_on >="
		" review.amendments_on), updated_at = $2 WHERE la_code = $1 AND closed_on IS NULL"
		" AND decision = 'amend' AND amendments_on IS NOT NULL AND EXISTS (SELECT 1 FROM"
		" plan_version p WHERE p.child_ref = review.child_id AND p.status <> 'draft' AND"
		" p.issued_on >= review.amendments_on)",
		&st);
	if (rc == 0 && (rc = db_bind_text(st, 1, la)) == 0 && (rc = db_bind_text(st, 2, now)) == 0)
		rc = db_step(st) == DB_DONE ? 0 : ERR_DB;
	if (st)
		db_reset(st);
	if (rc == 0 &&
	    (rc = db_prepare(db,
			     "UPDATE review SET closed_on = amended_on WHERE la_code = $1 AND"
			     " closed_on IS NULL AND amended_on IS NOT NULL",
			     &st)) == 0) {
		if ((rc = db_bind_text(st, 1, la)) == 0)
			rc = db_step(st) == DB_DONE ? 0 : ERR_DB;
		db_reset(st);
	}
	return rc;
}

int review_schedule(struct db *db, const char *la, struct date on, int *created)
{
	*created = 0;
	/* the September the next phase transfers happen: the end of this school year */
	struct date sept = {on.m >= 9 ? on.y + 1 : on.y, 9, 1};
	char on_iso[DATE_ISO_LEN + 1], sept_iso[DATE_ISO_LEN + 1], now[32];
	date_iso(on, on_iso);
	date_iso(sept, sept_iso);
	log_now_iso(now, sizeof(now));
	int rc = db_begin(db);
	if (rc)
		return rc;
	rc = close_amended(db, la, now);
	if (rc == 0)
		rc = cease_unappealed(db, la, on_iso);
	if (rc == 0)
		rc = close_ceased(db, la, on_iso, now);
	size_t n = 0, cap = 256;
	struct candidate *cs = malloc(cap * sizeof(*cs));
	struct db_stmt *st = NULL;
	if (rc == 0 && !cs)
		rc = ERR_NOMEM;
	if (rc == 0 && (rc = db_prepare(db, CANDIDATES_SQL, &st)) == 0) {
		if ((rc = db_bind_text(st, 1, la)) == 0 &&
		    (rc = db_bind_text(st, 2, on_iso)) == 0 &&
		    (rc = db_bind_text(st, 3, sept_iso)) == 0) {
			while ((rc = db_step(st)) == DB_ROW) {
				const char *id = db_column_text(st, 0);
				if (n && strcmp(cs[n - 1].id, id) == 0)
					continue; /* a second roll setting */
				if (n == cap) {
					struct candidate *bigger =
						realloc(cs, 2 * cap * sizeof(*cs));
					if (!bigger) {
						rc = ERR_NOMEM;
						break;
					}
					cs = bigger;
					cap *= 2;
				}
				struct candidate *c = &cs[n++];
				memset(c, 0, sizeof(*c));
				snprintf(c->id, sizeof(c->id), "%s", id);
				date_parse(db_column_text(st, 1), &c->dob);
				if (!db_column_is_null(st, 2))
					date_parse(db_column_text(st, 2), &c->made);
				if (!db_column_is_null(st, 3))
					date_parse(db_column_text(st, 3), &c->last_meeting);
				if (!db_column_is_null(st, 4))
					snprintf(c->open, sizeof(c->open), "%s",
						 db_column_text(st, 4));
				if (!db_column_is_null(st, 5))
					snprintf(c->setting, sizeof(c->setting), "%s",
						 db_column_text(st, 5));
				c->age_to =
					db_column_is_null(st, 6) ? 0 : (int)db_column_int64(st, 6);
				if (!db_column_is_null(st, 7))
					snprintf(c->phase, sizeof(c->phase), "%s",
						 db_column_text(st, 7));
				c->transfer_review_done = db_column_int64(st, 8) > 0;
			}
			rc = rc == DB_DONE ? 0 : rc < 0 ? rc : ERR_DB;
		}
		db_reset(st);
	}
	int under5 = 0; /* the LA's own aim for children under 5 (0: the rules') */
	if (rc == 0 &&
	    db_prepare(db, "SELECT under5_review_months FROM la_review_setting WHERE la_code = $1",
		       &st) == 0) {
		if (db_bind_text(st, 1, la) == 0 && db_step(st) == DB_ROW)
			under5 = (int)db_column_int64(st, 0);
		db_reset(st);
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		const struct candidate *c = &cs[i];
		if (!c->made.y)
			continue;
		struct date last = c->last_meeting.y ? c->last_meeting : c->made;
		int tk = c->transfer_review_done ? -1 : transfer_kind_next(c, sept);
		if (c->open[0]) {
			/* an annual review not yet held becomes the phase-transfer review */
			if (tk >= 0)
				rc = to_transfer(db, c->open, tk, sept);
			continue;
		}
		if (tk >= 0) {
			/* the transfer deadline, or the 12 months (s44) if they end sooner */
			struct date due = transfer_deadline(&review_rules_now, tk, sept);
			struct date annual = review_due(&review_rules_now, last);
			if (date_cmp(annual, due) < 0)
				due = annual;
			rc = insert_review(db, c, la, "phase_transfer", tk, sept, due, due);
		} else {
			struct date due = review_due(&review_rules_now, last);
			struct date target = review_target(&review_rules_now, last, c->dob, under5);
			rc = insert_review(db, c, la, "annual", -1, (struct date){0, 0, 0}, due,
					   target);
		}
		if (rc == 0)
			(*created)++;
	}
	free(cs);
	if (rc == 0)
		rc = db_commit(db);
	else
		db_rollback(db);
	return rc;
}

int review_plan_transfer(struct db *db, const char *child, enum transfer_kind k,
			 struct date transfer_on, const char *actor)
{
	int rc = db_begin(db);
	if (rc)
		return rc;
	struct db_stmt *st = NULL;
	char open[ID_LEN + 1] = "", la[4] = "", setting[ID_LEN + 1] = "";
	int held = 0;
	if ((rc = db_prepare(db,
			     "SELECT c.la_code, (SELECT r.id FROM review r WHERE r.child_id = c.id"
			     " AND r.closed_on IS NULL LIMIT 1), (SELECT count(*) FROM review r"
			     " WHERE r.child_id = c.id AND r.closed_on IS NULL AND r.meeting_on IS"
			     " NOT NULL), (SELECT s.organisation_id FROM child_setting s WHERE"
			     " s.child_id = c.id AND s.relation = 'roll' AND s.ended_on IS NULL"
			     " LIMIT 1) FROM child c WHERE c.id = $1",
			     &st)) == 0) {
		if ((rc = db_bind_text(st, 1, child)) == 0) {
			rc = db_step(st);
			if (rc == DB_ROW) {
				snprintf(la, sizeof(la), "%s", db_column_text(st, 0));
				if (!db_column_is_null(st, 1))
					snprintf(open, sizeof(open), "%s", db_column_text(st, 1));
				held = db_column_int64(st, 2) > 0;
				if (!db_column_is_null(st, 3))
					snprintf(setting, sizeof(setting), "%s",
						 db_column_text(st, 3));
				rc = 0;
			} else {
				rc = rc == DB_DONE ? ERR_NOTFOUND : rc;
			}
		}
		db_reset(st);
	}
	if (rc == 0 && held)
		rc = ERR_CONFLICT; /* a review under way: finish it first */
	struct date due = transfer_deadline(&review_rules_now, k, transfer_on);
	if (rc == 0 && open[0]) {
		rc = to_transfer(db, open, (int)k, transfer_on);
	} else if (rc == 0) {
		struct candidate c;
		memset(&c, 0, sizeof(c));
		snprintf(c.id, sizeof(c.id), "%s", child);
		snprintf(c.setting, sizeof(c.setting), "%s", setting);
		rc = insert_review(db, &c, la, "phase_transfer", (int)k, transfer_on, due, due);
	}
	if (rc == 0) {
		struct audit_entry e = {.actor_id = actor,
					.actor_role = actor ? "user" : "system",
					.action = "plan_transfer",
					.record_type = "child",
					.record_id = child};
		rc = audit_append(db, &e);
	}
	if (rc == 0)
		rc = db_commit(db);
	else
		db_rollback(db);
	return rc;
}
