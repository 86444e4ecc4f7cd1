/*
 * audit.h: the audit trail. Every read and write of a child's record appends one row
 * (who, in what role, did what, to which record, when, in which request). Rows are
 * hash-chained: row n's hash is BLAKE2b over its fields and row n-1's hash, and
 * audit_head holds the last row's number and hash. Editing, deleting or inserting a row
 * anywhere breaks the chain at that row, and audit_verify names it.
 */
#ifndef SENDAP_AUDIT_H
#define SENDAP_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "platform/auth.h"
#include "platform/db.h"

struct audit_entry {
	const char *actor_id;   /* NULL for the system */
	const char *actor_role; /* role_name() of the actor, or "system" */
	const char *action;     /* "read", "create", "update", "search", "sign_in", ... */
	const char *record_type;
	const char *record_id;  /* may be NULL */
	const char *request_id; /* may be NULL */
};

/*
 * audit_append adds one row. Call it inside the transaction of the action it records,
 * so that both land or neither does; for a read, in a transaction of its own.
 */
int audit_append(struct db *db, const struct audit_entry *e);

/*
 * audit_commit ends a write's transaction: when rc is 0 it appends the audit row of the
 * signed-in user's action and commits; if rc was not 0 or either step fails, it rolls
 * back. Returns what happened (0 committed), so a handler writes
 * `if ((rc = audit_commit(db, rc, ...)) != 0) return rc;` and nothing is half-applied.
 */
int audit_commit(struct db *db, int rc, const char *actor, const char *action,
		 const char *record_type, const char *record_id);

/* audit_append_at is audit_append with the time given (for rows queued earlier). */
int audit_append_at(struct db *db, const struct audit_entry *e, const char *at);

/*
 * audit_record records what a request's signed-in user read. With the writer running
 * (sendap serve) the row is queued for it; otherwise it is appended at once in its own
 * transaction.
 */
int audit_record(struct request *req, const char *action, const char *record_type,
		 const char *record_id);

/*
 * The background writer of read rows (audit_writer.c). audit_writer_start starts it on
 * its own connection to db_url; audit_queue hands it a row (ERR_INVALID when it is not
 * running); audit_writer_flush waits until every row queued so far is written;
 * audit_writer_stop writes what is queued and ends the thread.
 */
int audit_writer_start(const char *db_url);
int audit_queue(const struct audit_entry *e);
void audit_writer_flush(void);
void audit_writer_stop(void);

struct audit_problem {
	int64_t seq;    /* the first row that does not hold (0 when the head is wrong) */
	char what[160]; /* what is wrong with it */
};

/*
 * audit_verify walks the whole chain in order. Returns 0 when every row holds and the
 * head matches the last row; 1 with *p filled in for the first problem; or an ERR_*.
 * *rows is the number of rows checked.
 */
int audit_verify(struct db *db, struct audit_problem *p, int64_t *rows);

#endif
