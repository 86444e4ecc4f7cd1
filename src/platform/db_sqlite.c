/*
 * db_sqlite.c: the SQLite backend of db.h.
 *
 * Each connection runs in WAL mode with foreign keys on and a 5 s busy timeout. SQL uses
 * $1..$n for both backends; SQLite reads "$1" as a *named* parameter numbered by first
 * appearance, so at prepare time we map each $n to SQLite's own index once.
 * Statements are cached per connection in a small open-addressed table keyed by SQL text.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/db_backend.h"
#include "platform/err.h"

#define SQLITE_STMT_CACHE 256
#define SQLITE_MAX_PARAMS 64

struct sqlite_stmt {
	struct db_stmt base;
	sqlite3_stmt *st;
	char *sql;
	int param_index[SQLITE_MAX_PARAMS + 1]; /* $n -> SQLite's index, 0 if unused */
};

struct sqlite_db {
	struct db base;
	sqlite3 *conn;
	struct sqlite_stmt *cache[SQLITE_STMT_CACHE];
};

static const struct db_ops sqlite_ops;

static int sqlite_fail(struct db *db, int rc)
{
	snprintf(db->errcode, sizeof(db->errcode), "%s", sqlite3_errstr(rc));
	const char *name = NULL;
	switch (rc & 0xff) {
	case SQLITE_CONSTRAINT: name = "SQLITE_CONSTRAINT"; break;
	case SQLITE_BUSY: name = "SQLITE_BUSY"; break;
	case SQLITE_LOCKED: name = "SQLITE_LOCKED"; break;
	case SQLITE_NOMEM: name = "SQLITE_NOMEM"; break;
	default: break;
	}
	if (name)
		snprintf(db->errcode, sizeof(db->errcode), "%s", name);
	switch (rc & 0xff) {
	case SQLITE_CONSTRAINT: return ERR_CONFLICT;
	case SQLITE_BUSY:
	case SQLITE_LOCKED: return ERR_BUSY;
	case SQLITE_NOMEM: return ERR_NOMEM;
	default: return ERR_DB;
	}
}

static void sqlite_stmt_free(struct sqlite_stmt *s)
{
	if (!s)
		return;
	sqlite3_finalize(s->st);
	free(s->sql);
	free(s);
}

static void sqlite_close(struct db *db)
{
	struct sqlite_db *d = (struct sqlite_db *)db;
	for (size_t i = 0; i < SQLITE_STMT_CACHE; i++)
		sqlite_stmt_free(d->cache[i]);
	/* SQLite's advice: keep the planner's statistics current on closing a connection */
	sqlite3_exec(d->conn, "PRAGMA optimize", NULL, NULL, NULL);
	sqlite3_close(d->conn);
	free(d);
}

static size_t sql_hash(const char *s)
{
	size_t h = 5381;
	for (; *s; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

static int sqlite_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
	struct sqlite_db *d = (struct sqlite_db *)db;
	size_t slot = sql_hash(sql) % SQLITE_STMT_CACHE;
	size_t i;
	*out = NULL;
	for (i = 0; i < SQLITE_STMT_CACHE; i++) {
		struct sqlite_stmt *c = d->cache[(slot + i) % SQLITE_STMT_CACHE];
		if (!c)
			break;
		if (c->sql == sql || strcmp(c->sql, sql) == 0) {
			*out = &c->base;
			return 0;
		}
	}
	struct sqlite_stmt *s = calloc(1, sizeof(*s));
	if (!s)
		return ERR_NOMEM;
	s->base.db = db;
	s->sql = strdup(sql);
	if (!s->sql) {
		free(s);
		return ERR_NOMEM;
	}
	int rc = sqlite3_prepare_v3(d->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st, NULL);
	if (rc != SQLITE_OK || !s->st) {
		sqlite_stmt_free(s);
		return rc != SQLITE_OK ? sqlite_fail(db, rc) : ERR_DB;
	}
	int count = sqlite3_bind_parameter_count(s->st);
	for (int k = 1; k <= count; k++) {
		const char *name = sqlite3_bind_parameter_name(s->st, k);
		char *end = NULL;
		long n = name && name[0] == '$' ? strtol(name + 1, &end, 10) : 0;
		if (n < 1 || n > SQLITE_MAX_PARAMS || !end || *end) {
			sqlite_stmt_free(s);
			snprintf(db->errcode, sizeof(db->errcode), "bad placeholder");
			return ERR_DB;
		}
		s->param_index[n] = k;
	}
	if (i == SQLITE_STMT_CACHE) {
		/* the SQL of a program is a fixed set of literals, so a full cache is a bug */
		sqlite_stmt_free(s);
		snprintf(db->errcode, sizeof(db->errcode), "statement cache full");
		return ERR_DB;
	}
	d->cache[(slot + i) % SQLITE_STMT_CACHE] = s;
	*out = &s->base;
	return 0;
}

static int sqlite_index(struct db_stmt *st, int n)
{
	struct sqlite_stmt *s = (struct sqlite_stmt *)st;
	if (n < 1 || n > SQLITE_MAX_PARAMS || !s->param_index[n])
		return -1;
	return s->param_index[n];
}

static int sqlite_bind_text(struct db_stmt *st, int n, const char *v)
{
	int k = sqlite_index(st, n);
	if (k < 0)
		return ERR_INVALID;
	int rc = v ? sqlite3_bind_text(((struct sqlite_stmt *)st)->st, k, v, -1, SQLITE_TRANSIENT)
		   : sqlite3_bind_null(((struct sqlite_stmt *)st)->st, k);
	return rc == SQLITE_OK ? 0 : sqlite_fail(st->db, rc);
}

static int sqlite_bind_int64(struct db_stmt *st, int n, int64_t v)
{
	int k = sqlite_index(st, n);
	if (k < 0)
		return ERR_INVALID;
	int rc = sqlite3_bind_int64(((struct sqlite_stmt *)st)->st, k, v);
	return rc == SQLITE_OK ? 0 : sqlite_fail(st->db, rc);
}

static int sqlite_bind_null(struct db_stmt *st, int n)
{
	return sqlite_bind_text(st, n, NULL);
}

static int sqlite_step(struct db_stmt *st)
{
	int rc = sqlite3_step(((struct sqlite_stmt *)st)->st);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	return sqlite_fail(st->db, rc);
}

static int sqlite_column_count(struct db_stmt *st)
{
	return sqlite3_column_count(((struct sqlite_stmt *)st)->st);
}

static const char *sqlite_column_text(struct db_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(((struct sqlite_stmt *)st)->st, i);
}

static int64_t sqlite_column_int64(struct db_stmt *st, int i)
{
	return sqlite3_column_int64(((struct sqlite_stmt *)st)->st, i);
}

static int sqlite_column_is_null(struct db_stmt *st, int i)
{
	return sqlite3_column_type(((struct sqlite_stmt *)st)->st, i) == SQLITE_NULL;
}

static void sqlite_reset(struct db_stmt *st)
{
	sqlite3_stmt *s = ((struct sqlite_stmt *)st)->st;
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}

static int sqlite_exec(struct db *db, const char *sql)
{
	int rc = sqlite3_exec(((struct sqlite_db *)db)->conn, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : sqlite_fail(db, rc);
}

static const struct db_ops sqlite_ops = {
	.close = sqlite_close,
	.prepare = sqlite_prepare,
	.bind_text = sqlite_bind_text,
	.bind_int64 = sqlite_bind_int64,
	.bind_null = sqlite_bind_null,
	.step = sqlite_step,
	.column_count = sqlite_column_count,
	.column_text = sqlite_column_text,
	.column_int64 = sqlite_column_int64,
	.column_is_null = sqlite_column_is_null,
	.reset = sqlite_reset,
	.exec = sqlite_exec,
};

int db_sqlite_open(const char *path, struct db **out)
{
	*out = NULL;
	struct sqlite_db *d = calloc(1, sizeof(*d));
	if (!d)
		return ERR_NOMEM;
	d->base.ops = &sqlite_ops;
	d->base.kind = DB_SQLITE;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
	int rc = sqlite3_open_v2(path, &d->conn, flags, NULL);
	if (rc != SQLITE_OK) {
		int err = sqlite_fail(&d->base, rc);
		sqlite3_close(d->conn);
		free(d);
		return err;
	}
	sqlite3_extended_result_codes(d->conn, 1);
	sqlite3_busy_timeout(d->conn, 5000);
	/* synchronous=NORMAL is durable in WAL mode except for the last commits before a power
	 * cut, and is ten times faster per commit here (reference/raw-limits.md). */
	/* mmap_size: pages are read through a shared memory map rather than copied into each
	 * connection's cache, so when one worker's write makes the others drop their caches
	 * (every audited read writes), their next reads cost no copying. */
	rc = sqlite_exec(&d->base, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
				   " PRAGMA foreign_keys=ON; PRAGMA mmap_size=268435456;");
	if (rc) {
		sqlite_close(&d->base);
		return rc;
	}
	*out = &d->base;
	return 0;
}
