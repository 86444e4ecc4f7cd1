/*
 * store.c: plan versions in the database. A plan is kept whole, as canonical JSON (keys
 * sorted, no spaces), so that what is exported is byte for byte what was stored and an
 * issued version can be hashed and never change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "plan/plan.h"
#include "platform/audit.h"
#include "platform/err.h"
#include "platform/ids.h"
#include "platform/log.h"

char *plan_canonical(json_t *plan)
{
	return json_dumps(plan, JSON_COMPACT | JSON_SORT_KEYS);
}

static int exec(struct db *db, const char *sql, const char *const *v, int n)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	for (int i = 0; i < n && rc == 0; i++)
		rc = v[i] ? db_bind_text(st, i + 1, v[i]) : db_bind_null(st, i + 1);
	if (rc == 0) {
		rc = db_step(st);
		rc = rc == DB_DONE ? 0 : rc < 0 ? rc : ERR_DB;
	}
	db_reset(st);
	return rc;
}

int plan_import(struct db *db, json_t *plan, const char *actor, struct arena *a,
		struct field_errors *errs, char *id_out)
{
	if (plan_validate(plan, a, errs))
		return ERR_INVALID;
	const char *child =
		json_string_value(json_object_get(json_object_get(plan, "child"), "id"));
	if (!child || !*child || strlen(child) > 64) {
		field_error_add(errs, "/child/id", "/child/id",
				"Give the child's id, so the plan can be kept with their record");
		return ERR_INVALID;
	}
	char *content = plan_canonical(plan);
	if (!content)
		return ERR_NOMEM;
	int rc = db_begin(db);
	int64_t version = 1;
	struct db_stmt *st = NULL;
	if (rc == 0 &&
	    (rc = db_prepare(db, "SELECT max(version) FROM plan_version WHERE child_ref = $1",
			     &st)) == 0) {
		if ((rc = db_bind_text(st, 1, child)) == 0 && (rc = db_step(st)) == DB_ROW) {
			version = db_column_is_null(st, 0) ? 1 : db_column_int64(st, 0) + 1;
			rc = 0;
		}
		db_reset(st);
	}
	char now[32], vtext[24];
	log_now_iso(now, sizeof(now));
	snprintf(vtext, sizeof(vtext), "%lld", (long long)version);
	id_new(id_out);
	if (rc == 0) {
		const char *v[] = {
			id_out,  child, vtext, json_string_value(json_object_get(plan, "template")),
			content, actor, now};
		rc = exec(db,
			  "INSERT INTO plan_version (id, child_ref, version, status, template, "
			  "content,"
			  " created_by, created_at)"
			  " VALUES ($1, $2, CAST($3 AS INTEGER), 'draft', $4, $5, $6, $7)",
			  v, 7);
	}
	if (rc == 0) {
		struct audit_entry e = {.actor_id = actor,
					.actor_role = actor ? "user" : "system",
					.action = "create",
					.record_type = "plan_version",
					.record_id = id_out};
		rc = audit_append(db, &e);
	}
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	free(content);
	return rc;
}

int plan_export(struct db *db, const char *child, int64_t version, char **out)
{
	struct db_stmt *st = NULL;
	int rc =
		db_prepare(db,
			   version > 0 ? "SELECT content FROM plan_version WHERE child_ref = $1"
					 " AND version = CAST($2 AS INTEGER)"
				       : "SELECT content FROM plan_version WHERE child_ref = $1"
					 " AND version >= CAST($2 AS INTEGER) ORDER BY version DESC"
					 " LIMIT 1",
			   &st);
	if (rc)
		return rc;
	char v[24];
	snprintf(v, sizeof(v), "%lld", (long long)version);
	*out = NULL;
	if ((rc = db_bind_text(st, 1, child)) == 0 && (rc = db_bind_text(st, 2, v)) == 0) {
		rc = db_step(st);
		if (rc == DB_ROW) {
			*out = strdup(db_column_text(st, 0));
			rc = *out ? 0 : ERR_NOMEM;
		} else if (rc == DB_DONE) {
			rc = ERR_NOTFOUND;
		}
	}
	db_reset(st);
	return rc;
}

int plan_issue(struct db *db, const char *id, const char *actor, char *hash_out)
{
	struct db_stmt *st = NULL;
	int rc = db_begin(db);
	if (rc)
		return rc;
	/* lock the row and read it: only a draft can be issued, and only once */
	rc = db_prepare(db,
			"UPDATE plan_version SET status = status WHERE id = $1 RETURNING status,"
			" content",
			&st);
	char *content = NULL;
	if (rc == 0) {
		if ((rc = db_bind_text(st, 1, id)) == 0) {
			rc = db_step(st);
			if (rc == DB_ROW) {
				rc = strcmp(db_column_text(st, 0), "draft") == 0 ? 0 : ERR_CONFLICT;
				content = strdup(db_column_text(st, 1));
				if (!content && rc == 0)
					rc = ERR_NOMEM;
			} else if (rc == DB_DONE) {
				rc = ERR_NOTFOUND;
			}
		}
		db_reset(st);
	}
	if (rc == 0) {
		unsigned char h[32];
		crypto_generichash(h, sizeof(h), (const unsigned char *)content, strlen(content),
				   NULL, 0);
		sodium_bin2hex(hash_out, 65, h, sizeof(h));
		char today[DATE_ISO_LEN + 1];
		date_iso(date_today(), today);
		const char *v[] = {id, hash_out, today};
		rc = exec(db,
			  "UPDATE plan_version SET hash = $2, issued_on = $3, status = CASE WHEN"
			  " EXISTS (SELECT 1 FROM plan_version e WHERE e.child_ref ="
			  " plan_version.child_ref AND e.version < plan_version.version AND"
			  " e.status <> 'draft') THEN 'amended' ELSE 'final' END WHERE id = $1",
			  v, 3);
	}
	if (rc == 0) {
		/* the hash goes into the audit trail with the version: "<id>:<hash>" */
		char rec[ID_LEN + 70];
		snprintf(rec, sizeof(rec), "%s:%s", id, hash_out);
		struct audit_entry e = {.actor_id = actor,
					.actor_role = actor ? "user" : "system",
					.action = "issue",
					.record_type = "plan_version",
					.record_id = rec};
		rc = audit_append(db, &e);
	}
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	free(content);
	return rc;
}

/*
 * plan_edit: the child's latest version, locked for the length of one transaction, is
 * changed by fn and written back: a draft in place; with amend, an issued version is
 * copied into a new draft version instead. Two people saving at once both land, one
 * after the other: neither overwrites what the other read.
 */
static int edit_latest(struct db *db, const char *child, const char *template_id, plan_edit_fn fn,
		       void *ctx, int amend, const char *actor, struct arena *a,
		       struct field_errors *errs, char *id_out)
{
	struct db_stmt *st = NULL;
	int rc = db_begin(db);
	if (rc)
		return rc;
	json_t *plan = NULL;
	int found = 0, draft = 0;
	int64_t version = 1;
	rc = db_prepare(db,
			"UPDATE plan_version SET status = status WHERE child_ref = $1 AND version ="
			" (SELECT max(version) FROM plan_version WHERE child_ref = $1)"
			" RETURNING id, status, version, content",
			&st);
	if (rc == 0) {
		if ((rc = db_bind_text(st, 1, child)) == 0) {
			rc = db_step(st);
			if (rc == DB_ROW) {
				json_error_t je;
				found = 1;
				draft = strcmp(db_column_text(st, 1), "draft") == 0;
				snprintf(id_out, ID_LEN + 1, "%s", db_column_text(st, 0));
				version = db_column_int64(st, 2) + 1;
				plan = json_loads(db_column_text(st, 3), 0, &je);
				rc = plan ? 0 : ERR_DB;
			} else if (rc == DB_DONE) {
				rc = 0;
			}
		}
		db_reset(st);
	}
	if (rc == 0 && (amend ? !found || draft : found && !draft))
		rc = ERR_CONFLICT; /* amend an issued plan; otherwise write only a draft */
	if (rc == 0 && !found)
		plan = json_pack("{s:s, s:s, s:{s:s}}", "schema", PLAN_SCHEMA, "template",
				 template_id ? template_id : PLAN_TEMPLATE_NATIONAL, "child", "id",
				 child);
	if (rc == 0 && !plan)
		rc = ERR_NOMEM;
	if (rc == 0 && fn)
		rc = fn(plan, ctx, a, errs);
	if (rc == 0 && plan_validate(plan, a, errs))
		rc = ERR_INVALID;
	char *content = rc == 0 ? plan_canonical(plan) : NULL;
	if (rc == 0 && !content)
		rc = ERR_NOMEM;
	const char *action = "update";
	if (rc == 0 && found && draft) {
		const char *v[] = {id_out, content};
		rc = exec(db, "UPDATE plan_version SET content = $2 WHERE id = $1", v, 2);
	} else if (rc == 0) {
		char now[32], vtext[24];
		log_now_iso(now, sizeof(now));
		snprintf(vtext, sizeof(vtext), "%lld", (long long)version);
		id_new(id_out);
		const char *v[] = {
			id_out,  child, vtext, json_string_value(json_object_get(plan, "template")),
			content, actor, now};
		rc = exec(db,
			  "INSERT INTO plan_version (id, child_ref, version, status, template,"
			  " content, created_by, created_at)"
			  " VALUES ($1, $2, CAST($3 AS INTEGER), 'draft', $4, $5, $6, $7)",
			  v, 7);
		action = amend ? "amend" : "create";
	}
	free(content);
	json_decref(plan);
	if (rc == 0) {
		struct audit_entry e = {.actor_id = actor,
					.actor_role = actor ? "user" : "system",
					.action = action,
					.record_type = "plan_version",
					.record_id = id_out};
		rc = audit_append(db, &e);
	}
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

int plan_edit(struct db *db, const char *child, const char *template_id, plan_edit_fn fn, void *ctx,
	      const char *actor, struct arena *a, struct field_errors *errs, char *id_out)
{
	return edit_latest(db, child, template_id, fn, ctx, 0, actor, a, errs, id_out);
}

int plan_amend(struct db *db, const char *child, const char *actor, struct arena *a,
	       struct field_errors *errs, char *id_out)
{
	return edit_latest(db, child, NULL, NULL, NULL, 1, actor, a, errs, id_out);
}
