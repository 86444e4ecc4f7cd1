/*
 * db.h: one interface to the store, with two backends: SQLite (the embedded default, one
 * LA and the demo) and PostgreSQL 15 through libpq (many LAs, the national view).
 *
 * SQL is written once for both: parameters are $1..$n, types are TEXT, BIGINT, INTEGER
 * (0/1 for yes/no, never BOOLEAN), dates and times are ISO 8601 TEXT, money is BIGINT pence.
 *
 * A struct db is one connection and is used by one thread at a time (the HTTP server keeps
 * one per worker thread). Statements are prepared once per connection and cached by their
 * SQL text, so a handler calls db_prepare every time and pays for parsing only once.
 *
 * Errors are ERR_* codes: a unique or foreign-key violation is ERR_CONFLICT, a lock held
 * past the busy timeout ERR_BUSY, anything else ERR_DB. db_errcode gives the backend's own
 * code (SQLite's extended result name, PostgreSQL's SQLSTATE) for logs; the backends' full
 * messages are never logged because they can quote the values that failed.
 */
#ifndef SENDAP_DB_H
#define SENDAP_DB_H

#include <stdint.h>

enum db_kind { DB_SQLITE, DB_POSTGRES };

enum { DB_DONE = 0, DB_ROW = 1 };

struct db;
struct db_stmt;

/*
 * db_open connects. url is "postgres://..." or "postgresql://..." (any libpq URI) for
 * PostgreSQL, otherwise a SQLite file path (created if missing; WAL, foreign keys on,
 * busy timeout 5 s). *out is freed with db_close.
 */
int db_open(const char *url, struct db **out);
/* db_close finalizes every cached statement and closes; NULL does nothing. */
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);
/* db_errcode: the backend's code for the last failure ("SQLITE_CONSTRAINT_UNIQUE", "23505"). */
const char *db_errcode(const struct db *db);

/*
 * db_prepare gives the statement for sql, prepared on first use and then cached on the
 * connection (owned by it: never free it). Call db_reset when done with it.
 */
int db_prepare(struct db *db, const char *sql, struct db_stmt **out);
/* Binding: n is the 1-based $n. Text is copied; a NULL text binds SQL NULL. */
int db_bind_text(struct db_stmt *st, int n, const char *v);
int db_bind_int64(struct db_stmt *st, int n, int64_t v);
int db_bind_null(struct db_stmt *st, int n);
/* db_step runs the statement or moves to its next row: DB_ROW, DB_DONE or an ERR_*. */
int db_step(struct db_stmt *st);
/* Columns are 0-based. Text is borrowed until the next step or reset; NULL for SQL NULL. */
int db_column_count(struct db_stmt *st);
const char *db_column_text(struct db_stmt *st, int i);
int64_t db_column_int64(struct db_stmt *st, int i);
int db_column_is_null(struct db_stmt *st, int i);
/* db_reset drops the results and bindings so the statement can be run again. */
void db_reset(struct db_stmt *st);

/* db_exec runs SQL with no parameters and no rows, possibly several statements. */
int db_exec(struct db *db, const char *sql);

/*
 * Transactions. Every write an action makes goes between db_begin and db_commit, so that
 * all of it lands or none of it does; db_rollback is safe to call after a failed commit.
 */
int db_begin(struct db *db);
int db_commit(struct db *db);
void db_rollback(struct db *db);

#endif
