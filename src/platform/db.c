/*
 * db.c: the backend-neutral half of the store interface (see db.h): dispatch to the
 * backend chosen by the URL, integer columns parsed the same way for both, and
 * transactions as plain SQL.
 */
#include "platform/db.h"

#include <string.h>

#include "platform/db_backend.h"
#include "platform/err.h"

int db_open(const char *url, struct db **out)
{
	*out = NULL;
	if (!url || !*url)
		return ERR_INVALID;
	if (strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0)
		return db_pg_open(url, out);
	return db_sqlite_open(url, out);
}

void db_close(struct db *db)
{
	if (db)
		db->ops->close(db);
}

enum db_kind db_kind(const struct db *db)
{
	return db->kind;
}

const char *db_errcode(const struct db *db)
{
	return db->errcode;
}

int db_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
	return db->ops->prepare(db, sql, out);
}

int db_bind_text(struct db_stmt *st, int n, const char *v)
{
	return st->db->ops->bind_text(st, n, v);
}

int db_bind_int64(struct db_stmt *st, int n, int64_t v)
{
	return st->db->ops->bind_int64(st, n, v);
}

int db_bind_null(struct db_stmt *st, int n)
{
	return st->db->ops->bind_null(st, n);
}

int db_step(struct db_stmt *st)
{
	return st->db->ops->step(st);
}

int db_column_count(struct db_stmt *st)
{
	return st->db->ops->column_count(st);
}

const char *db_column_text(struct db_stmt *st, int i)
{
	return st->db->ops->column_text(st, i);
}

int64_t db_column_int64(struct db_stmt *st, int i)
{
	return st->db->ops->column_int64(st, i);
}

int db_column_is_null(struct db_stmt *st, int i)
{
	return st->db->ops->column_is_null(st, i);
}

void db_reset(struct db_stmt *st)
{
	st->db->ops->reset(st);
}

int db_exec(struct db *db, const char *sql)
{
	return db->ops->exec(db, sql);
}

int db_begin(struct db *db)
{
	/* IMMEDIATE takes SQLite's write lock up front, so two writers wait on the busy
	 * timeout instead of failing when a read lock would have to be upgraded. */
	return db->ops->exec(db, db->kind == DB_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN");
}

int db_commit(struct db *db)
{
	return db->ops->exec(db, "COMMIT");
}

void db_rollback(struct db *db)
{
	char code[sizeof(db->errcode)];
	memcpy(code, db->errcode, sizeof(code)); /* keep the code of the failure being undone */
	db->ops->exec(db, "ROLLBACK");
	memcpy(db->errcode, code, sizeof(code));
}
