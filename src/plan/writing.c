/*
 * writing.c: writing a plan together. The LA asks contributors (a health professional,
 * a social worker, an educational psychologist, the setting's SENCo) to write named
 * sections; the family comments on lines of a draft. Both are kept beside the plan
 * versions, never inside them: an issued version's content does not change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"
#include "platform/audit.h"
#include "platform/auth.h"
#include "platform/err.h"
#include "platform/log.h"

int plan_latest(struct db *db, const char *child, struct plan_doc *out)
{
	memset(out, 0, sizeof(*out));
	struct db_stmt *st = NULL;
	int rc = db_prepare(db,
			    "SELECT id, version, status, issued_on, content FROM plan_version"
			    " WHERE child_ref = $1 ORDER BY version DESC LIMIT 1",
			    &st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, child)) == 0) {
		rc = db_step(st);
		if (rc == DB_ROW) {
			json_error_t je;
			snprintf(out->id, sizeof(out->id), "%s", db_column_text(st, 0));
			out->version = db_column_int64(st, 1);
			snprintf(out->status, sizeof(out->status), "%s", db_column_text(st, 2));
			if (!db_column_is_null(st, 3))
				snprintf(out->issued_on, sizeof(out->issued_on), "%s",
					 db_column_text(st, 3));
			out->plan = json_loads(db_column_text(st, 4), 0, &je);
			rc = out->plan ? 0 : ERR_DB;
		} else if (rc == DB_DONE) {
			rc = ERR_NOTFOUND;
		}
	}
	db_reset(st);
	return rc;
}

unsigned plan_contributor_sections(struct db *db, const char *child, const char *user)
{
	struct db_stmt *st = NULL;
	unsigned bits = 0;
	if (db_prepare(
		    db,
		    "SELECT sections FROM plan_contributor WHERE child_ref = $1 AND user_id = $2",
		    &st) != 0)
		return 0;
	if (db_bind_text(st, 1, child) == 0 && db_bind_text(st, 2, user) == 0 &&
	    db_step(st) == DB_ROW) {
		char list[64];
		snprintf(list, sizeof(list), "%s", db_column_text(st, 0));
		char *save = NULL;
		for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			int s = plan_section_parse(t);
			if (s >= 0)
				bits |= 1u << s;
		}
	}
	db_reset(st);
	return bits;
}

static int run(struct db *db, const char *sql, const char *const *v, int n)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, sql, &st);
	for (int i = 0; i < n && rc == 0; i++)
		rc = v[i] ? db_bind_text(st, i + 1, v[i]) : db_bind_null(st, i + 1);
	if (rc == 0)
		rc = db_step(st) == DB_DONE ? 0 : ERR_DB;
	if (st)
		db_reset(st);
	return rc;
}

int plan_contributor_set(struct db *db, const char *child, const char *user, unsigned sections,
			 const char *asked_by)
{
	char list[64] = "", now[32];
	size_t n = 0;
	for (int s = 0; s < PLAN_SECTIONS; s++)
		if (sections & (1u << s))
			n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s", n ? "," : "",
					      plan_section_info[s].code);
	log_now_iso(now, sizeof(now));
	int rc = db_begin(db);
	if (rc)
		return rc;
	const char *v[] = {child, user, list, asked_by, now};
	rc = sections
		     ? run(db,
			   "INSERT INTO plan_contributor (child_ref, user_id, sections, asked_by,"
			   " asked_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (child_ref,"
			   " user_id) DO UPDATE SET sections = $3, asked_by = $4, asked_at = $5",
			   v, 5)
		     : run(db, "DELETE FROM plan_contributor WHERE child_ref = $1 AND user_id = $2",
			   v, 2);
	if (rc == 0) {
		char rec[2 * ID_LEN + 2];
		snprintf(rec, sizeof(rec), "%s:%s", child, user);
		struct audit_entry e = {.actor_id = asked_by,
					.actor_role = asked_by ? "user" : "system",
					.action = sections ? "ask" : "unask",
					.record_type = "plan_contributor",
					.record_id = rec};
		rc = audit_append(db, &e);
	}
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

json_t *plan_comments(struct db *db, const char *version_id)
{
	json_t *out = json_array();
	struct db_stmt *st = NULL;
	if (!out || db_prepare(db,
			       "SELECT c.line, u.name, u.role, c.body, c.created_at"
			       " FROM plan_comment c JOIN user_account u ON u.id = c.author_id"
			       " WHERE c.plan_version_id = $1 ORDER BY c.created_at, c.id",
			       &st) != 0)
		return out;
	if (db_bind_text(st, 1, version_id) == 0) {
		while (db_step(st) == DB_ROW) {
			char author[300], day[DATE_ISO_LEN + 1] = "";
			struct date d;
			char when[DATE_LONG_MAX] = "";
			snprintf(author, sizeof(author), "%s (%s)", db_column_text(st, 1),
				 role_label(role_parse(db_column_text(st, 2))));
			snprintf(day, sizeof(day), "%s", db_column_text(st, 4));
			if (date_parse(day, &d) == 0)
				date_long(d, when, sizeof(when));
			json_array_append_new(out,
					      json_pack("{s:s, s:s, s:s, s:s}", "line",
							db_column_text(st, 0), "author", author,
							"body", db_column_text(st, 3), "at", when));
		}
	}
	db_reset(st);
	return out;
}

int plan_comment_add(struct db *db, const char *version_id, const char *line, const char *author,
		     const char *body)
{
	char id[ID_LEN + 1], now[32];
	id_new(id);
	log_now_iso(now, sizeof(now));
	int rc = db_begin(db);
	if (rc)
		return rc;
	const char *v[] = {id, version_id, line, author, body, now};
	rc = run(db,
		 "INSERT INTO plan_comment (id, plan_version_id, line, author_id, body, created_at)"
		 " VALUES ($1, $2, $3, $4, $5, $6)",
		 v, 6);
	return audit_commit(db, rc, author, "create", "plan_comment", id);
}
