/*
 * test_db.c: the store interface (db.h), one set of cases run against each backend.
 *
 * The SQLite group uses a fresh temp file. The PostgreSQL group runs only when
 * SENDAP_TEST_PG_URL is set (sh scripts/with-pg.sh sets it for a throwaway cluster); its
 * tables carry a prefix made from the process id and the time, so runs against a shared
 * database never meet, and the group drops them at the end. SQL in the cases is written
 * with "@T" where the prefix goes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "platform/db.h"
#include "platform/err.h"

struct fixture {
	enum db_kind kind;
	const char *url; /* what db_open was given: the PostgreSQL URL or the SQLite path */
	char path[64];   /* the SQLite temp file, "" for PostgreSQL */
	char prefix[48];
	struct db *db;
};

/* The tables the cases create, so that the PostgreSQL group can drop them. */
static const char *const table_suffixes[] = {"ddl",   "rows", "order", "nulls", "ints",
					     "cache", "uniq", "txn",   "rerun", "lost"};

/* expand copies tmpl to out with every "@T" replaced by the fixture's table prefix. */
static void expand(const struct fixture *f, char *out, size_t n, const char *tmpl)
{
	size_t len = 0;
	size_t plen = strlen(f->prefix);
	for (const char *p = tmpl; *p; p++) {
		if (p[0] == '@' && p[1] == 'T') {
			assert_true(len + plen < n);
			memcpy(out + len, f->prefix, plen);
			len += plen;
			p++;
			continue;
		}
		assert_true(len + 1 < n);
		out[len++] = *p;
	}
	out[len] = '\0';
}

static void exec_ok(const struct fixture *f, const char *tmpl)
{
	char sql[1024];
	expand(f, sql, sizeof(sql), tmpl);
	assert_int_equal(db_exec(f->db, sql), 0);
}

static struct db_stmt *prepare_ok(const struct fixture *f, const char *tmpl)
{
	char sql[1024];
	struct db_stmt *st = NULL;
	expand(f, sql, sizeof(sql), tmpl);
	assert_int_equal(db_prepare(f->db, sql, &st), 0);
	assert_non_null(st);
	return st;
}

/* count_rows runs a one-number query such as "SELECT COUNT(*) FROM @T_x". */
static int64_t count_rows(const struct fixture *f, const char *tmpl)
{
	struct db_stmt *st = prepare_ok(f, tmpl);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_column_int64(st, 0);
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
	return n;
}

static int group_setup(struct fixture *f, void **state)
{
	if (db_open(f->url, &f->db) != 0) {
		print_error("db_open failed for the %s group\n",
			    f->kind == DB_SQLITE ? "sqlite" : "postgresql");
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int setup_sqlite(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	f->kind = DB_SQLITE;
	snprintf(f->path, sizeof(f->path), "/tmp/sendap-test-db-XXXXXX");
	int fd = mkstemp(f->path);
	if (fd < 0) {
		free(f);
		return -1;
	}
	close(fd);
	f->url = f->path;
	snprintf(f->prefix, sizeof(f->prefix), "t");
	return group_setup(f, state);
}

static int setup_pg(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	f->kind = DB_POSTGRES;
	f->url = getenv("SENDAP_TEST_PG_URL");
	snprintf(f->prefix, sizeof(f->prefix), "t%ld_%lld", (long)getpid(), (long long)time(NULL));
	return group_setup(f, state);
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	if (f->kind == DB_POSTGRES) {
		/* a case that failed half-way may have left a transaction open */
		db_rollback(f->db);
		for (size_t i = 0; i < sizeof(table_suffixes) / sizeof(table_suffixes[0]); i++) {
			char tmpl[64];
			char sql[128];
			snprintf(tmpl, sizeof(tmpl), "DROP TABLE IF EXISTS @T_%s",
				 table_suffixes[i]);
			expand(f, sql, sizeof(sql), tmpl);
			db_exec(f->db, sql);
		}
	}
	db_close(f->db);
	if (f->path[0]) {
		char side[80];
		unlink(f->path);
		snprintf(side, sizeof(side), "%s-wal", f->path);
		unlink(side);
		snprintf(side, sizeof(side), "%s-shm", f->path);
		unlink(side);
	}
	free(f);
	return 0;
}

static void test_open_gives_the_backend_asked_for_and_close_frees_it(void **state)
{
	struct fixture *f = *state;
	struct db *other = NULL;
	assert_int_equal(db_kind(f->db), f->kind);
	assert_int_equal(db_open(f->url, &other), 0);
	assert_non_null(other);
	assert_int_equal(db_kind(other), f->kind);
	db_close(other);
	db_close(NULL);

	other = f->db; /* any non-NULL value, to see it cleared */
	assert_int_equal(db_open("", &other), ERR_INVALID);
	assert_null(other);
}

static void test_exec_runs_ddl_and_several_statements(void **state)
{
	struct fixture *f = *state;
	exec_ok(f, "CREATE TABLE @T_ddl (id BIGINT PRIMARY KEY, name TEXT NOT NULL);"
		   " CREATE INDEX @T_ddl_name ON @T_ddl (name);"
		   " INSERT INTO @T_ddl (id, name) VALUES (1, 'a');"
		   " INSERT INTO @T_ddl (id, name) VALUES (2, 'b');");
	assert_int_equal(count_rows(f, "SELECT COUNT(*) FROM @T_ddl"), 2);
}

static void test_bound_text_int64_and_null_come_back_row_by_row(void **state)
{
	struct fixture *f = *state;
	exec_ok(f, "CREATE TABLE @T_rows (id BIGINT PRIMARY KEY, name TEXT, note TEXT)");
	struct db_stmt *ins =
		prepare_ok(f, "INSERT INTO @T_rows (id, name, note) VALUES ($1, $2, $3)");
	static const char *const names[] = {"Ava", "Ben", "Cai \xc3\xa9\xe2\x82\xac"};
	for (int i = 0; i < 3; i++) {
		assert_int_equal(db_bind_int64(ins, 1, i + 1), 0);
		assert_int_equal(db_bind_text(ins, 2, names[i]), 0);
		if (i == 1)
			assert_int_equal(db_bind_null(ins, 3), 0);
		else
			assert_int_equal(db_bind_text(ins, 3, "note"), 0);
		assert_int_equal(db_step(ins), DB_DONE);
		db_reset(ins);
	}

	struct db_stmt *sel = prepare_ok(f, "SELECT id, name, note FROM @T_rows WHERE id >= $1"
					    " ORDER BY id");
	assert_int_equal(db_bind_int64(sel, 1, 1), 0);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(db_step(sel), DB_ROW);
		assert_int_equal(db_column_count(sel), 3);
		assert_int_equal(db_column_int64(sel, 0), i + 1);
		assert_string_equal(db_column_text(sel, 0), i == 0 ? "1" : i == 1 ? "2" : "3");
		assert_string_equal(db_column_text(sel, 1), names[i]);
		if (i == 1) {
			assert_null(db_column_text(sel, 2));
		} else {
			assert_string_equal(db_column_text(sel, 2), "note");
		}
	}
	assert_int_equal(db_step(sel), DB_DONE);
	db_reset(sel);
}

static void test_placeholders_out_of_order_and_used_twice(void **state)
{
	struct fixture *f = *state;
	exec_ok(f, "CREATE TABLE @T_order (a TEXT, b TEXT)");

	/* $2 before $1 */
	struct db_stmt *ins = prepare_ok(f, "INSERT INTO @T_order (a, b) VALUES ($2, $1)");
	assert_int_equal(db_bind_text(ins, 1, "one"), 0);
	assert_int_equal(db_bind_text(ins, 2, "two"), 0);
	assert_int_equal(db_step(ins), DB_DONE);
	db_reset(ins);
	assert_int_equal(db_bind_text(ins, 3, "x"), ERR_INVALID);
	assert_int_equal(db_bind_text(ins, 0, "x"), ERR_INVALID);
	db_reset(ins);

	/* one placeholder in two places */
	struct db_stmt *twice = prepare_ok(f, "INSERT INTO @T_order (a, b) VALUES ($1, $1)");
	assert_int_equal(db_bind_text(twice, 1, "same"), 0);
	assert_int_equal(db_step(twice), DB_DONE);
	db_reset(twice);

	struct db_stmt *sel = prepare_ok(f, "SELECT a, b FROM @T_order WHERE a = $1 OR b = $1"
					    " ORDER BY a");
	assert_int_equal(db_bind_text(sel, 1, "one"), 0);
	assert_int_equal(db_step(sel), DB_ROW);
	assert_string_equal(db_column_text(sel, 0), "two");
	assert_string_equal(db_column_text(sel, 1), "one");
	assert_int_equal(db_step(sel), DB_DONE);
	db_reset(sel);

	assert_int_equal(db_bind_text(sel, 1, "same"), 0);
	assert_int_equal(db_step(sel), DB_ROW);
	assert_string_equal(db_column_text(sel, 0), "same");
	assert_string_equal(db_column_text(sel, 1), "same");
	assert_int_equal(db_step(sel), DB_DONE);
	db_reset(sel);
}

static void test_null_columns_read_as_null(void **state)
{
	struct fixture *f = *state;
	exec_ok(f, "CREATE TABLE @T_nulls (id BIGINT, t TEXT, n BIGINT)");
	struct db_stmt *ins = prepare_ok(f, "INSERT INTO @T_nulls (id, t, n) VALUES ($1, $2, $3)");
	assert_int_equal(db_bind_int64(ins, 1, 1), 0);
	assert_int_equal(db_bind_text(ins, 2, NULL), 0); /* NULL text binds SQL NULL */
	assert_int_equal(db_bind_null(ins, 3), 0);
	assert_int_equal(db_step(ins), DB_DONE);
	db_reset(ins);
	assert_int_equal(db_bind_int64(ins, 1, 2), 0);
	assert_int_equal(db_bind_text(ins, 2, ""), 0); /* empty text is not NULL */
	assert_int_equal(db_bind_int64(ins, 3, 0), 0);
	assert_int_equal(db_step(ins), DB_DONE);
	db_reset(ins);

	struct db_stmt *sel = prepare_ok(f, "SELECT t, n FROM @T_nulls ORDER BY id");
	assert_int_equal(db_step(sel), DB_ROW);
	assert_true(db_column_is_null(sel, 0));
	assert_true(db_column_is_null(sel, 1));
	assert_null(db_column_text(sel, 0));
	assert_null(db_column_text(sel, 1));
	assert_int_equal(db_column_int64(sel, 1), 0);
	assert_int_equal(db_step(sel), DB_ROW);
	assert_false(db_column_is_null(sel, 0));
	assert_false(db_column_is_null(sel, 1));
	assert_string_equal(db_column_text(sel, 0), "");
	assert_int_equal(db_column_int64(sel, 1), 0);
	assert_int_equal(db_step(sel), DB_DONE);
	db_reset(sel);
}

static void test_int64_extremes_round_trip_through_bigint(void **state)
{
	struct fixture *f = *state;
	static const int64_t values[] = {INT64_MIN, -1, 0, INT64_MAX};
	exec_ok(f, "CREATE TABLE @T_ints (v BIGINT)");
	struct db_stmt *ins = prepare_ok(f, "INSERT INTO @T_ints (v) VALUES ($1)");
	for (int i = 3; i >= 0; i--) {
		assert_int_equal(db_bind_int64(ins, 1, values[i]), 0);
		assert_int_equal(db_step(ins), DB_DONE);
		db_reset(ins);
	}

	struct db_stmt *sel = prepare_ok(f, "SELECT v FROM @T_ints ORDER BY v");
	for (int i = 0; i < 4; i++) {
		assert_int_equal(db_step(sel), DB_ROW);
		assert_true(db_column_int64(sel, 0) == values[i]);
	}
	assert_int_equal(db_step(sel), DB_DONE);
	db_reset(sel);

	struct db_stmt *eq = prepare_ok(f, "SELECT v FROM @T_ints WHERE v = $1");
	assert_int_equal(db_bind_int64(eq, 1, INT64_MIN), 0);
	assert_int_equal(db_step(eq), DB_ROW);
	assert_string_equal(db_column_text(eq, 0), "-9223372036854775808");
	assert_int_equal(db_step(eq), DB_DONE);
	db_reset(eq);
	assert_int_equal(db_bind_int64(eq, 1, INT64_MAX), 0);
	assert_int_equal(db_step(eq), DB_ROW);
	assert_string_equal(db_column_text(eq, 0), "9223372036854775807");
	assert_true(db_column_int64(eq, 0) == INT64_MAX);
	assert_int_equal(db_step(eq), DB_DONE);
	db_reset(eq);
}

static void test_statement_cache_gives_same_statement_for_same_sql(void **state)
{
	struct fixture *f = *state;
	exec_ok(f, "CREATE TABLE @T_cache (v BIGINT)");
	struct db_stmt *a = prepare_ok(f, "SELECT v FROM @T_cache WHERE v = $1");
	/* the same text from another buffer: the cache compares text, not pointers */
	struct db_stmt *b = prepare_ok(f, "SELECT v FROM @T_cache WHERE v = $1");
	struct db_stmt *c = prepare_ok(f, "SELECT v FROM @T_cache WHERE v <> $1");
	assert_ptr_equal(a, b);
	assert_ptr_not_equal(a, c);

	/* and the cached statement still runs */
	assert_int_equal(db_bind_int64(b, 1, 5), 0);
	assert_int_equal(db_step(b), DB_DONE);
	db_reset(b);
}

static void test_unique_violation_is_conflict_with_errcode(void **state)
{
	struct fixture *f = *state;
	exec_ok(f, "CREATE TABLE @T_uniq (k TEXT PRIMARY KEY)");
	struct db_stmt *ins = prepare_ok(f, "INSERT INTO @T_uniq (k) VALUES ($1)");
	assert_int_equal(db_bind_text(ins, 1, "dup"), 0);
	assert_int_equal(db_step(ins), DB_DONE);
	db_reset(ins);
	assert_int_equal(db_bind_text(ins, 1, "dup"), 0);
	assert_int_equal(db_step(ins), ERR_CONFLICT);
	db_reset(ins);
	if (f->kind == DB_POSTGRES)
		assert_string_equal(db_errcode(f->db), "23505");
	else
		assert_true(strncmp(db_errcode(f->db), "SQLITE_CONSTRAINT", 17) == 0);

	/* the statement and the connection go on working */
	assert_int_equal(db_bind_text(ins, 1, "other"), 0);
	assert_int_equal(db_step(ins), DB_DONE);
	db_reset(ins);
	assert_int_equal(count_rows(f, "SELECT COUNT(*) FROM @T_uniq"), 2);

	/* inside a transaction: the caller rolls back and nothing of it lands */
	assert_int_equal(db_begin(f->db), 0);
	assert_int_equal(db_bind_text(ins, 1, "third"), 0);
	assert_int_equal(db_step(ins), DB_DONE);
	db_reset(ins);
	assert_int_equal(db_bind_text(ins, 1, "dup"), 0);
	assert_int_equal(db_step(ins), ERR_CONFLICT);
	db_reset(ins);
	db_rollback(f->db);
	assert_int_equal(count_rows(f, "SELECT COUNT(*) FROM @T_uniq"), 2);
}

static void insert_txn_row(const struct fixture *f, const char *v)
{
	struct db_stmt *ins = prepare_ok(f, "INSERT INTO @T_txn (v) VALUES ($1)");
	assert_int_equal(db_bind_text(ins, 1, v), 0);
	assert_int_equal(db_step(ins), DB_DONE);
	db_reset(ins);
}

static void test_rolled_back_transaction_leaves_nothing(void **state)
{
	struct fixture *f = *state;
	exec_ok(f, "CREATE TABLE IF NOT EXISTS @T_txn (v TEXT)");
	assert_int_equal(db_begin(f->db), 0);
	insert_txn_row(f, "a");
	insert_txn_row(f, "b");
	assert_int_equal(count_rows(f, "SELECT COUNT(*) FROM @T_txn"), 2);
	db_rollback(f->db);
	assert_int_equal(count_rows(f, "SELECT COUNT(*) FROM @T_txn"), 0);
}

static void test_committed_transaction_stays(void **state)
{
	struct fixture *f = *state;
	struct db *other = NULL;
	exec_ok(f, "CREATE TABLE IF NOT EXISTS @T_txn (v TEXT)");
	assert_int_equal(db_begin(f->db), 0);
	insert_txn_row(f, "kept");
	assert_int_equal(db_commit(f->db), 0);
	assert_int_equal(count_rows(f, "SELECT COUNT(*) FROM @T_txn WHERE v = 'kept'"), 1);

	/* a second connection sees it too */
	char sql[256];
	struct db_stmt *st = NULL;
	expand(f, sql, sizeof(sql), "SELECT v FROM @T_txn");
	assert_int_equal(db_open(f->url, &other), 0);
	assert_int_equal(db_prepare(other, sql, &st), 0);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_column_text(st, 0), "kept");
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
	db_close(other);
}

static void test_invalid_sql_is_db_error(void **state)
{
	struct fixture *f = *state;
	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(f->db, "SELEC 1", &st), ERR_DB);
	assert_null(st);
	assert_true(db_errcode(f->db)[0] != '\0');
	if (f->kind == DB_POSTGRES)
		assert_string_equal(db_errcode(f->db), "42601");
	assert_int_equal(db_exec(f->db, "SELEC 1"), ERR_DB);
	assert_int_equal(db_prepare(f->db, "SELECT nope FROM no_such_table_anywhere", &st), ERR_DB);
	assert_null(st);

	/* the connection is still good */
	st = prepare_ok(f, "SELECT 1");
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_column_int64(st, 0), 1);
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
}

static void test_reset_then_rerun_with_new_binds(void **state)
{
	struct fixture *f = *state;
	exec_ok(f, "CREATE TABLE @T_rerun (k TEXT, v BIGINT);"
		   " INSERT INTO @T_rerun (k, v) VALUES ('a', 1);"
		   " INSERT INTO @T_rerun (k, v) VALUES ('a', 2);"
		   " INSERT INTO @T_rerun (k, v) VALUES ('b', 3);");
	struct db_stmt *sel = prepare_ok(f, "SELECT v FROM @T_rerun WHERE k = $1 ORDER BY v");

	/* stopped after the first of two rows */
	assert_int_equal(db_bind_text(sel, 1, "a"), 0);
	assert_int_equal(db_step(sel), DB_ROW);
	assert_int_equal(db_column_int64(sel, 0), 1);
	db_reset(sel);

	assert_int_equal(db_bind_text(sel, 1, "b"), 0);
	assert_int_equal(db_step(sel), DB_ROW);
	assert_int_equal(db_column_int64(sel, 0), 3);
	assert_int_equal(db_step(sel), DB_DONE);
	db_reset(sel);

	/* the same binding again, read to the end */
	assert_int_equal(db_bind_text(sel, 1, "a"), 0);
	assert_int_equal(db_step(sel), DB_ROW);
	assert_int_equal(db_column_int64(sel, 0), 1);
	assert_int_equal(db_step(sel), DB_ROW);
	assert_int_equal(db_column_int64(sel, 0), 2);
	assert_int_equal(db_step(sel), DB_DONE);
	db_reset(sel);

	/* reset clears the bindings: unbound is NULL, which matches nothing */
	assert_int_equal(db_step(sel), DB_DONE);
	db_reset(sel);
}

static void test_pg_unreachable_server_is_db_error(void **state)
{
	(void)state;
	struct db *db = NULL;
	/* port 1 on the loopback refuses at once */
	assert_int_equal(db_open("postgres://postgres@127.0.0.1:1/sendap_test", &db), ERR_DB);
	assert_null(db);
}

/* terminate ends the server session behind db from a second connection. */
static void terminate(const struct fixture *f, int64_t pid)
{
	struct db *other = NULL;
	struct db_stmt *st = NULL;
	assert_int_equal(db_open(f->url, &other), 0);
	/* the second argument waits up to 5 s for the backend to be gone */
	assert_int_equal(db_prepare(other, "SELECT pg_terminate_backend($1, 5000)", &st), 0);
	assert_int_equal(db_bind_int64(st, 1, pid), 0);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_column_text(st, 0), "t");
	db_reset(st);
	db_close(other);
}

static int64_t backend_pid(const struct fixture *f)
{
	return count_rows(f, "SELECT pg_backend_pid()");
}

static void test_pg_lost_connection_is_reset_on_next_call(void **state)
{
	struct fixture *f = *state;
	int64_t pid = backend_pid(f);
	terminate(f, pid);

	/* the call that finds the connection gone fails ... */
	struct db_stmt *st = prepare_ok(f, "SELECT pg_backend_pid()");
	assert_int_equal(db_step(st), ERR_DB);
	db_reset(st);
	/* ... and the next one reconnects and prepares the cached statement again */
	int64_t again = backend_pid(f);
	assert_true(again != pid);
	assert_true(again > 0);
}

static void test_pg_transaction_lost_with_connection_is_refused_until_rollback(void **state)
{
	struct fixture *f = *state;
	exec_ok(f, "CREATE TABLE @T_lost (v TEXT)");
	struct db_stmt *ins = prepare_ok(f, "INSERT INTO @T_lost (v) VALUES ($1)");
	assert_int_equal(db_begin(f->db), 0);
	assert_int_equal(db_bind_text(ins, 1, "first"), 0);
	assert_int_equal(db_step(ins), DB_DONE);
	db_reset(ins);

	terminate(f, backend_pid(f));
	assert_int_equal(db_bind_text(ins, 1, "second"), 0);
	assert_int_equal(db_step(ins), ERR_DB);
	db_reset(ins);

	/* reconnected, but the second half of the transaction must not land on its own */
	assert_int_equal(db_bind_text(ins, 1, "third"), 0);
	assert_int_equal(db_step(ins), ERR_DB);
	assert_string_equal(db_errcode(f->db), "08007");
	db_reset(ins);
	assert_int_equal(db_commit(f->db), ERR_DB);
	assert_string_equal(db_errcode(f->db), "08007");
	db_rollback(f->db);

	assert_int_equal(count_rows(f, "SELECT COUNT(*) FROM @T_lost"), 0);
	assert_int_equal(db_bind_text(ins, 1, "after"), 0);
	assert_int_equal(db_step(ins), DB_DONE);
	db_reset(ins);
	assert_int_equal(count_rows(f, "SELECT COUNT(*) FROM @T_lost"), 1);
}

#define DB_COMMON_TESTS                                                                   \
	cmocka_unit_test(test_open_gives_the_backend_asked_for_and_close_frees_it),       \
		cmocka_unit_test(test_exec_runs_ddl_and_several_statements),              \
		cmocka_unit_test(test_bound_text_int64_and_null_come_back_row_by_row),    \
		cmocka_unit_test(test_placeholders_out_of_order_and_used_twice),          \
		cmocka_unit_test(test_null_columns_read_as_null),                         \
		cmocka_unit_test(test_int64_extremes_round_trip_through_bigint),          \
		cmocka_unit_test(test_statement_cache_gives_same_statement_for_same_sql), \
		cmocka_unit_test(test_unique_violation_is_conflict_with_errcode),         \
		cmocka_unit_test(test_rolled_back_transaction_leaves_nothing),            \
		cmocka_unit_test(test_committed_transaction_stays),                       \
		cmocka_unit_test(test_invalid_sql_is_db_error),                           \
		cmocka_unit_test(test_reset_then_rerun_with_new_binds)

int main(void)
{
	const struct CMUnitTest sqlite_tests[] = {DB_COMMON_TESTS};
	const struct CMUnitTest pg_tests[] = {
		DB_COMMON_TESTS,
		cmocka_unit_test(test_pg_unreachable_server_is_db_error),
		cmocka_unit_test(test_pg_lost_connection_is_reset_on_next_call),
		cmocka_unit_test(
			test_pg_transaction_lost_with_connection_is_refused_until_rollback),
	};
	int failed = cmocka_run_group_tests_name("db_sqlite", sqlite_tests, setup_sqlite, teardown);
	const char *url = getenv("SENDAP_TEST_PG_URL");
	if (url && *url) {
		failed +=
			cmocka_run_group_tests_name("db_postgresql", pg_tests, setup_pg, teardown);
	} else {
		printf("db_postgresql: not run, SENDAP_TEST_PG_URL is not set"
		       " (sh scripts/with-pg.sh ./build/asan/tests/test_db runs them)\n");
	}
	return failed != 0;
}
