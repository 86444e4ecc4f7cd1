/*
 * db_pg.c: the PostgreSQL backend of db.h, over libpq.
 *
 * Each statement is prepared on the server once per connection (named "s1", "s2"...) and
 * cached in a small open-addressed table keyed by SQL text, as in db_sqlite.c. Parameters
 * are held as text until db_step runs the statement with PQexecPrepared; the whole result
 * then sits in memory and later steps only move along its rows. libpq's messages are never
 * kept or logged, because the server quotes the values that broke a rule: only the SQLSTATE
 * goes in db->errcode. A lost connection is reset once on the next call; if it was lost
 * inside a transaction, everything fails with SQLSTATE 08007 until db_rollback, so that the
 * rest of a half-lost transaction can never land on its own in autocommit.
 */
#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "platform/db_backend.h"
#include "platform/err.h"

#define PG_STMT_CACHE 256
#define PG_MAX_PARAMS 64

/* Our own codes for failures the server did not describe (SQLSTATE class 08). */
#define PG_CONNECTION_FAILURE "08006"
#define PG_TRANSACTION_UNKNOWN "08007"

enum pg_state { PG_IDLE, PG_RESULT, PG_FAILED };

struct pg_stmt {
	struct db_stmt base;
	char *sql;
	char name[16];
	int prepared; /* on the server in this session; cleared by a reset */
	int nparams;
	int ncols;
	char *params[PG_MAX_PARAMS]; /* owned text, NULL for SQL NULL or unbound */
	PGresult *res;
	int row;
	int ntuples;
	enum pg_state state;
	int err; /* the ERR_* a failed run returns until db_reset */
};

struct pg_db {
	struct db base;
	PGconn *conn;
	unsigned next_name;
	int in_txn;   /* the server said a transaction was open after the last command */
	int lost_txn; /* the connection went with a transaction open: refuse until ROLLBACK */
	struct pg_stmt *cache[PG_STMT_CACHE];
};

static const struct db_ops pg_ops;

static void pg_notice_ignore(void *arg, const char *message)
{
	/* notices ("table does not exist, skipping") would go to stderr unformatted */
	(void)arg;
	(void)message;
}

static void pg_set_code(struct db *db, const char *code)
{
	snprintf(db->errcode, sizeof(db->errcode), "%s", code);
}

/* pg_fail records the SQLSTATE of r (may be NULL) and maps it to an ERR_*. */
static int pg_fail(struct pg_db *d, const PGresult *r)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	if (!state || !*state) {
		/* libpq's own failures (a dropped socket, no memory) carry no SQLSTATE */
		if (PQstatus(d->conn) == CONNECTION_BAD) {
			pg_set_code(&d->base, PG_CONNECTION_FAILURE);
			return ERR_DB;
		}
		pg_set_code(&d->base, r ? "no sqlstate" : "no result");
		return r ? ERR_DB : ERR_NOMEM;
	}
	pg_set_code(&d->base, state);
	if (strncmp(state, "23", 2) == 0)
		return ERR_CONFLICT;
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "55P03") == 0)
		return ERR_BUSY;
	return ERR_DB;
}

/* pg_note_txn remembers whether a transaction is open, while the server can still say. */
static void pg_note_txn(struct pg_db *d)
{
	PGTransactionStatusType t = PQtransactionStatus(d->conn);
	if (t == PQTRANS_IDLE)
		d->in_txn = 0;
	else if (t == PQTRANS_INTRANS || t == PQTRANS_INERROR)
		d->in_txn = 1;
}

/*
 * pg_ensure reconnects once if the connection has gone. Prepared statements live in the
 * server session, so after a reset every cached statement is prepared again on next use.
 */
static int pg_ensure(struct pg_db *d)
{
	if (PQstatus(d->conn) != CONNECTION_BAD)
		return 0;
	if (d->in_txn)
		d->lost_txn = 1;
	d->in_txn = 0;
	PQreset(d->conn);
	if (PQstatus(d->conn) != CONNECTION_OK) {
		pg_set_code(&d->base, PG_CONNECTION_FAILURE);
		return ERR_DB;
	}
	for (size_t i = 0; i < PG_STMT_CACHE; i++)
		if (d->cache[i])
			d->cache[i]->prepared = 0;
	return 0;
}

static int pg_refuse_lost_txn(struct pg_db *d)
{
	pg_set_code(&d->base, PG_TRANSACTION_UNKNOWN);
	return ERR_DB;
}

static void pg_clear_params(struct pg_stmt *s)
{
	for (int k = 0; k < PG_MAX_PARAMS; k++) {
		free(s->params[k]);
		s->params[k] = NULL;
	}
}

static void pg_stmt_free(struct pg_stmt *s)
{
	if (!s)
		return;
	PQclear(s->res);
	pg_clear_params(s);
	free(s->sql);
	free(s);
}

static void pg_close(struct db *db)
{
	struct pg_db *d = (struct pg_db *)db;
	for (size_t i = 0; i < PG_STMT_CACHE; i++)
		pg_stmt_free(d->cache[i]);
	PQfinish(d->conn);
	free(d);
}

static size_t sql_hash(const char *s)
{
	size_t h = 5381;
	for (; *s; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

/* pg_server_prepare creates s on the server (again, after a reset). */
static int pg_server_prepare(struct pg_db *d, struct pg_stmt *s)
{
	int err = 0;
	PGresult *r = PQprepare(d->conn, s->name, s->sql, 0, NULL);
	if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) {
		err = pg_fail(d, r);
		goto out;
	}
	pg_note_txn(d);
	s->prepared = 1;
out:
	PQclear(r);
	return err;
}

/* pg_describe fills in the parameter and column counts of a newly prepared s. */
static int pg_describe(struct pg_db *d, struct pg_stmt *s)
{
	int err = 0;
	PGresult *r = PQdescribePrepared(d->conn, s->name);
	if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) {
		err = pg_fail(d, r);
		goto out;
	}
	pg_note_txn(d);
	s->nparams = PQnparams(r);
	s->ncols = PQnfields(r);
	if (s->nparams > PG_MAX_PARAMS) {
		pg_set_code(&d->base, "too many parameters");
		err = ERR_DB;
	}
out:
	PQclear(r);
	return err;
}

static int pg_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
	struct pg_db *d = (struct pg_db *)db;
	size_t slot = sql_hash(sql) % PG_STMT_CACHE;
	size_t i;
	struct pg_stmt *s = NULL;
	int err = 0;
	*out = NULL;
	for (i = 0; i < PG_STMT_CACHE; i++) {
		struct pg_stmt *c = d->cache[(slot + i) % PG_STMT_CACHE];
		if (!c)
			break;
		if (c->sql == sql || strcmp(c->sql, sql) == 0) {
			*out = &c->base;
			return 0;
		}
	}
	if (i == PG_STMT_CACHE) {
		/* the SQL of a program is a fixed set of literals, so a full cache is a bug */
		pg_set_code(db, "statement cache full");
		return ERR_DB;
	}
	err = pg_ensure(d);
	if (err)
		goto out;
	s = calloc(1, sizeof(*s));
	if (!s) {
		err = ERR_NOMEM;
		goto out;
	}
	s->base.db = db;
	s->sql = strdup(sql);
	if (!s->sql) {
		err = ERR_NOMEM;
		goto out;
	}
	snprintf(s->name, sizeof(s->name), "s%u", ++d->next_name);
	err = pg_server_prepare(d, s);
	if (err)
		goto out;
	/* A statement with too many parameters stays on the server until the session ends:
	 * it is a bug that shows on first use, and closing it would mean pasting its name into
	 * SQL (libpq 15 has no PQclosePrepared). */
	err = pg_describe(d, s);
	if (err)
		goto out;
	d->cache[(slot + i) % PG_STMT_CACHE] = s;
	*out = &s->base;
	s = NULL;
out:
	pg_stmt_free(s);
	return err;
}

/* pg_bind_take takes v (malloc'd text, or NULL for SQL NULL) as the value of $n. */
static int pg_bind_take(struct db_stmt *st, int n, char *v)
{
	struct pg_stmt *s = (struct pg_stmt *)st;
	if (n < 1 || n > s->nparams) {
		free(v);
		return ERR_INVALID;
	}
	free(s->params[n - 1]);
	s->params[n - 1] = v;
	return 0;
}

static int pg_bind_text(struct db_stmt *st, int n, const char *v)
{
	char *copy = NULL;
	if (v) {
		copy = strdup(v);
		if (!copy)
			return ERR_NOMEM;
	}
	return pg_bind_take(st, n, copy);
}

static int pg_bind_int64(struct db_stmt *st, int n, int64_t v)
{
	char num[24];
	snprintf(num, sizeof(num), "%" PRId64, v);
	return pg_bind_text(st, n, num);
}

static int pg_bind_null(struct db_stmt *st, int n)
{
	return pg_bind_take(st, n, NULL);
}

/* pg_run executes s with its bindings and keeps the whole result. */
static int pg_run(struct pg_stmt *s)
{
	struct pg_db *d = (struct pg_db *)s->base.db;
	PGresult *r = NULL;
	int err = pg_ensure(d);
	if (err)
		goto out;
	if (d->lost_txn) {
		err = pg_refuse_lost_txn(d);
		goto out;
	}
	if (!s->prepared) {
		err = pg_server_prepare(d, s);
		if (err)
			goto out;
	}
	r = PQexecPrepared(d->conn, s->name, s->nparams, (const char *const *)s->params, NULL, NULL,
			   0);
	switch (r ? PQresultStatus(r) : PGRES_FATAL_ERROR) {
	case PGRES_TUPLES_OK:
	case PGRES_COMMAND_OK:
	case PGRES_EMPTY_QUERY: break;
	default: err = pg_fail(d, r); goto out;
	}
	pg_note_txn(d);
	s->res = r;
	r = NULL;
	s->ntuples = PQntuples(s->res);
	s->row = 0;
	s->state = PG_RESULT;
out:
	PQclear(r);
	if (err) {
		s->state = PG_FAILED;
		s->err = err;
	}
	return err;
}

static int pg_step(struct db_stmt *st)
{
	struct pg_stmt *s = (struct pg_stmt *)st;
	switch (s->state) {
	case PG_IDLE: {
		int err = pg_run(s);
		if (err)
			return err;
		return s->ntuples > 0 ? DB_ROW : DB_DONE;
	}
	case PG_RESULT:
		if (s->row < s->ntuples)
			s->row++;
		return s->row < s->ntuples ? DB_ROW : DB_DONE;
	case PG_FAILED: return s->err;
	}
	return ERR_DB;
}

static int pg_column_count(struct db_stmt *st)
{
	struct pg_stmt *s = (struct pg_stmt *)st;
	return s->res ? PQnfields(s->res) : s->ncols;
}

/* pg_on_row: is there a current row with a column i? */
static int pg_on_row(const struct pg_stmt *s, int i)
{
	return s->res && s->row < s->ntuples && i >= 0 && i < PQnfields(s->res);
}

static const char *pg_column_text(struct db_stmt *st, int i)
{
	struct pg_stmt *s = (struct pg_stmt *)st;
	if (!pg_on_row(s, i) || PQgetisnull(s->res, s->row, i))
		return NULL;
	return PQgetvalue(s->res, s->row, i);
}

static int64_t pg_column_int64(struct db_stmt *st, int i)
{
	const char *v = pg_column_text(st, i);
	if (!v)
		return 0;
	/* like SQLite, text that is not a number reads as 0; an out-of-range one saturates */
	return (int64_t)strtoll(v, NULL, 10);
}

static int pg_column_is_null(struct db_stmt *st, int i)
{
	struct pg_stmt *s = (struct pg_stmt *)st;
	return !pg_on_row(s, i) || PQgetisnull(s->res, s->row, i);
}

static void pg_reset(struct db_stmt *st)
{
	struct pg_stmt *s = (struct pg_stmt *)st;
	PQclear(s->res);
	s->res = NULL;
	s->row = 0;
	s->ntuples = 0;
	s->state = PG_IDLE;
	s->err = 0;
	pg_clear_params(s);
}

static int pg_exec(struct db *db, const char *sql)
{
	struct pg_db *d = (struct pg_db *)db;
	PGresult *r = NULL;
	int err = pg_ensure(d);
	if (err)
		goto out;
	if (d->lost_txn) {
		if (strcasecmp(sql, "ROLLBACK") != 0) {
			err = pg_refuse_lost_txn(d);
			goto out;
		}
		/* the server already dropped the transaction with the session */
		d->lost_txn = 0;
		goto out;
	}
	r = PQexec(d->conn, sql);
	switch (r ? PQresultStatus(r) : PGRES_FATAL_ERROR) {
	case PGRES_TUPLES_OK:
	case PGRES_COMMAND_OK:
	case PGRES_EMPTY_QUERY: break;
	default: err = pg_fail(d, r); goto out;
	}
	pg_note_txn(d);
out:
	PQclear(r);
	return err;
}

static const struct db_ops pg_ops = {
	.close = pg_close,
	.prepare = pg_prepare,
	.bind_text = pg_bind_text,
	.bind_int64 = pg_bind_int64,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.column_count = pg_column_count,
	.column_text = pg_column_text,
	.column_int64 = pg_column_int64,
	.column_is_null = pg_column_is_null,
	.reset = pg_reset,
	.exec = pg_exec,
};

int db_pg_open(const char *url, struct db **out)
{
	/* client_encoding as a connection option, not a SET, so that it survives PQreset;
	 * it comes after the URL so that it wins over one written in the URL */
	const char *const keys[] = {"dbname", "client_encoding", NULL};
	const char *const values[] = {url, "UTF8", NULL};
	struct pg_db *d = NULL;
	int err = 0;
	*out = NULL;
	d = calloc(1, sizeof(*d));
	if (!d)
		return ERR_NOMEM;
	d->base.ops = &pg_ops;
	d->base.kind = DB_POSTGRES;
	d->conn = PQconnectdbParams(keys, values, 1);
	if (!d->conn) {
		err = ERR_NOMEM;
		goto out;
	}
	PQsetNoticeProcessor(d->conn, pg_notice_ignore, NULL);
	if (PQstatus(d->conn) != CONNECTION_OK) {
		/* PQerrorMessage would say why, but may echo the URL and its password */
		pg_set_code(&d->base, PG_CONNECTION_FAILURE);
		err = ERR_DB;
		goto out;
	}
	*out = &d->base;
	d = NULL;
out:
	if (d)
		pg_close(&d->base);
	return err;
}
