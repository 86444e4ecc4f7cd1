/* audit.c: the hash-chained audit trail; see audit.h. */
#include "platform/audit.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "platform/err.h"
#include "platform/log.h"

#define HASH_HEX 65

/* chain_hash: BLAKE2b-256 over the previous hash and each field, each field prefixed
 * with its length so that no two different rows can give the same input. */
static void chain_hash(const char *prev, int64_t seq, const char *at, const struct audit_entry *e,
		       char out[HASH_HEX])
{
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, 32);
	char seqtext[24];
	snprintf(seqtext, sizeof(seqtext), "%" PRId64, seq);
	const char *fields[] = {prev,           seqtext,       at,
				e->actor_id,    e->actor_role, e->action,
				e->record_type, e->record_id,  e->request_id};
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const char *f = fields[i] ? fields[i] : "";
		/* NULL and "" differ: NULL is length -1 */
		char len[24];
		snprintf(len, sizeof(len), "%ld:", fields[i] ? (long)strlen(f) : -1L);
		crypto_generichash_update(&st, (const unsigned char *)len, strlen(len));
		crypto_generichash_update(&st, (const unsigned char *)f, strlen(f));
	}
	unsigned char h[32];
	crypto_generichash_final(&st, h, sizeof(h));
	sodium_bin2hex(out, HASH_HEX, h, sizeof(h));
}

static int bind_opt(struct db_stmt *st, int n, const char *v)
{
	return v ? db_bind_text(st, n, v) : db_bind_null(st, n);
}

int audit_append(struct db *db, const struct audit_entry *e)
{
	char at[32];
	log_now_iso(at, sizeof(at));
	return audit_append_at(db, e, at);
}

int audit_commit(struct db *db, int rc, const char *actor, const char *action,
		 const char *record_type, const char *record_id)
{
	if (rc == 0) {
		struct audit_entry e = {.actor_id = actor,
					.actor_role = "user",
					.action = action,
					.record_type = record_type,
					.record_id = record_id};
		rc = audit_append(db, &e);
	}
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

int audit_append_at(struct db *db, const struct audit_entry *e, const char *at)
{
	struct db_stmt *st = NULL;
	/* one statement takes the head's row lock (PostgreSQL) or the write lock (SQLite),
	 * numbers this row and reads the previous row's hash (RETURNING gives the new seq
	 * and the hash as it was), so two appends can never build on the same row */
	int rc = db_prepare(
		db, "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash", &st);
	if (rc)
		return rc;
	rc = db_step(st);
	if (rc != DB_ROW) {
		db_reset(st);
		return rc < 0 ? rc : ERR_DB;
	}
	int64_t seq = db_column_int64(st, 0);
	char prev[HASH_HEX];
	snprintf(prev, sizeof(prev), "%s", db_column_text(st, 1) ? db_column_text(st, 1) : "");
	db_reset(st);

	char hash[HASH_HEX];
	chain_hash(prev, seq, at, e, hash);

	rc = db_prepare(db,
			"INSERT INTO audit_event (seq, at, actor_id, actor_role, action,"
			" record_type, record_id, request_id, prev_hash, hash)"
			" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
			&st);
	if (rc)
		return rc;
	if ((rc = db_bind_int64(st, 1, seq)) == 0 && (rc = db_bind_text(st, 2, at)) == 0 &&
	    (rc = bind_opt(st, 3, e->actor_id)) == 0 &&
	    (rc = db_bind_text(st, 4, e->actor_role)) == 0 &&
	    (rc = db_bind_text(st, 5, e->action)) == 0 &&
	    (rc = db_bind_text(st, 6, e->record_type)) == 0 &&
	    (rc = bind_opt(st, 7, e->record_id)) == 0 &&
	    (rc = bind_opt(st, 8, e->request_id)) == 0 && (rc = db_bind_text(st, 9, prev)) == 0 &&
	    (rc = db_bind_text(st, 10, hash)) == 0)
		rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : ERR_DB;

	rc = db_prepare(db, "UPDATE audit_head SET hash = $1 WHERE id = 1", &st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, hash)) == 0)
		rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : ERR_DB);
}

int audit_record(struct request *req, const char *action, const char *record_type,
		 const char *record_id)
{
	struct db *db = req_db(req);
	if (!db)
		return ERR_DB;
	const struct user *u = auth_user(req);
	struct audit_entry e = {
		.actor_id = u ? u->id : NULL,
		.actor_role = u ? role_name(u->role) : "anonymous",
		.action = action,
		.record_type = record_type,
		.record_id = record_id,
		.request_id = req_id(req),
	};
	if (audit_queue(&e) == 0)
		return 0;
	int rc = db_begin(db);
	if (rc)
		return rc;
	rc = audit_append(db, &e);
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

static const char *text_or_null(struct db_stmt *st, int i)
{
	return db_column_is_null(st, i) ? NULL : db_column_text(st, i);
}

int audit_verify(struct db *db, struct audit_problem *p, int64_t *rows)
{
	memset(p, 0, sizeof(*p));
	*rows = 0;
	struct db_stmt *st = NULL;
	int rc = db_prepare(db,
			    "SELECT seq, at, actor_id, actor_role, action, record_type, record_id,"
			    " request_id, prev_hash, hash FROM audit_event ORDER BY seq",
			    &st);
	if (rc)
		return rc;
	char prev[HASH_HEX] = "";
	int64_t want = 1;
	int broken = 0;
	while (!broken && (rc = db_step(st)) == DB_ROW) {
		int64_t seq = db_column_int64(st, 0);
		struct audit_entry e = {
			.actor_id = text_or_null(st, 2),
			.actor_role = db_column_text(st, 3),
			.action = db_column_text(st, 4),
			.record_type = db_column_text(st, 5),
			.record_id = text_or_null(st, 6),
			.request_id = text_or_null(st, 7),
		};
		const char *stored_prev = db_column_text(st, 8);
		const char *stored = db_column_text(st, 9);
		char hash[HASH_HEX];
		chain_hash(prev, seq, db_column_text(st, 1), &e, hash);
		p->seq = seq;
		if (seq != want) {
			snprintf(p->what, sizeof(p->what),
				 "row %" PRId64 " is missing (the next row is %" PRId64 ")", want,
				 seq);
			p->seq = want;
			broken = 1;
		} else if (!stored_prev || strcmp(stored_prev, prev) != 0) {
			snprintf(p->what, sizeof(p->what),
				 "its previous-row hash does not match row %" PRId64, seq - 1);
			broken = 1;
		} else if (!stored || strcmp(stored, hash) != 0) {
			snprintf(p->what, sizeof(p->what),
				 "its contents do not match its hash: it was edited");
			broken = 1;
		} else {
			snprintf(prev, sizeof(prev), "%s", stored);
			want++;
			(*rows)++;
		}
	}
	db_reset(st);
	if (broken)
		return 1;
	if (rc != DB_DONE)
		return rc < 0 ? rc : ERR_DB;
	/* the head: rows cut from the end leave it pointing past the last row */
	rc = db_prepare(db, "SELECT seq, hash FROM audit_head WHERE id = 1", &st);
	if (rc)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW) {
		int64_t head = db_column_int64(st, 0);
		const char *hh = db_column_text(st, 1);
		if (head != want - 1 || !hh || strcmp(hh, prev) != 0) {
			p->seq = want;
			snprintf(p->what, sizeof(p->what),
				 "the trail ends at row %" PRId64 " but its head says row %" PRId64
				 ": rows were removed from the end",
				 want - 1, head);
			rc = 1;
		} else {
			rc = 0;
		}
	} else {
		p->seq = 0;
		snprintf(p->what, sizeof(p->what), "the audit head is missing");
		rc = 1;
	}
	db_reset(st);
	return rc;
}
