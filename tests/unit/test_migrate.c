/*
 * test_migrate.c: the embedded schema migrations (migrate.h) on a fresh SQLite file.
 *
 * A fresh database is at version 0. The first migrate_apply applies every migration in
 * order, records each one once in schema_migration (version, name, applied_at) and logs
 * "migration applied" once per migration; running it again, on the same connection or
 * after reopening the file, applies nothing, records nothing more and logs nothing. A
 * migration that fails leaves neither its tables nor its row behind, stops the run there,
 * and is retried by the next run. The embedded list itself is numbered in increasing order
 * and each name starts with its four-digit version.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "platform/db.h"
#include "platform/err.h"
#include "platform/log.h"
#include "platform/migrate.h"

struct fixture {
	char path[64];
	char log_path[64];
	int log_fd;
	struct db *db;
};

static void remove_db_files(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < 4; i++) {
		char p[80];
		snprintf(p, sizeof(p), "%s%s", path, suffixes[i]);
		unlink(p);
	}
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	snprintf(f->path, sizeof(f->path), "/tmp/sendap-test-migrate-XXXXXX");
	int fd = mkstemp(f->path);
	if (fd < 0)
		goto fail;
	close(fd);
	unlink(f->path); /* a fresh file: db_open creates it */
	snprintf(f->log_path, sizeof(f->log_path), "/tmp/sendap-test-migrate-log-XXXXXX");
	f->log_fd = mkstemp(f->log_path);
	if (f->log_fd < 0)
		goto fail;
	log_set_fd(f->log_fd);
	if (db_open(f->path, &f->db)) {
		log_set_fd(2);
		close(f->log_fd);
		unlink(f->log_path);
		goto fail;
	}
	*state = f;
	return 0;
fail:
	free(f);
	return -1;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	db_close(f->db);
	log_set_fd(2);
	close(f->log_fd);
	unlink(f->log_path);
	remove_db_files(f->path);
	free(f);
	return 0;
}

static void reopen(struct fixture *f)
{
	db_close(f->db);
	f->db = NULL;
	assert_int_equal(db_open(f->path, &f->db), 0);
}

static int64_t count(struct fixture *f, const char *sql)
{
	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(f->db, sql, &st), 0);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_column_int64(st, 0);
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
	return n;
}

static int table_exists(struct fixture *f, const char *name)
{
	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(f->db,
				    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND"
				    " name = $1",
				    &st),
			 0);
	assert_int_equal(db_bind_text(st, 1, name), 0);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_column_int64(st, 0);
	db_reset(st);
	return n == 1;
}

/* log_count counts the logged lines that contain needle. */
static size_t log_count(struct fixture *f, const char *needle)
{
	static char text[65536];
	ssize_t n = pread(f->log_fd, text, sizeof(text) - 1, 0);
	assert_true(n >= 0);
	text[n] = '\0';
	size_t hits = 0;
	for (const char *p = text; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		hits++;
	return hits;
}

static int last_version(void)
{
	return migrations[migrations_count - 1].version;
}

static void embedded_migrations_are_numbered_in_increasing_order(void **state)
{
	(void)state;
	assert_true(migrations_count >= 2);
	for (unsigned i = 0; i < migrations_count; i++) {
		char prefix[8];
		snprintf(prefix, sizeof(prefix), "%04d_", migrations[i].version);
		assert_true(migrations[i].version > 0);
		assert_memory_equal(migrations[i].name, prefix, 5);
		assert_non_null(migrations[i].sql);
		assert_true(strlen(migrations[i].sql) > 0);
		if (i > 0)
			assert_true(migrations[i].version > migrations[i - 1].version);
	}
	assert_string_equal(migrations[0].name, "0001_platform");
}

static void fresh_database_is_at_version_zero(void **state)
{
	struct fixture *f = *state;
	int version = -1;
	assert_int_equal(migrate_current(f->db, &version), 0);
	assert_int_equal(version, 0);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM schema_migration"), 0);
}

static void first_run_applies_and_records_every_migration_in_order(void **state)
{
	struct fixture *f = *state;
	int applied = -1, version = -1;
	assert_int_equal(migrate_apply(f->db, &applied), 0);
	assert_int_equal(applied, (int)migrations_count);
	assert_int_equal(migrate_current(f->db, &version), 0);
	assert_int_equal(version, last_version());

	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(f->db,
				    "SELECT version, name, applied_at FROM schema_migration"
				    " ORDER BY version",
				    &st),
			 0);
	for (unsigned i = 0; i < migrations_count; i++) {
		assert_int_equal(db_step(st), DB_ROW);
		assert_int_equal(db_column_int64(st, 0), migrations[i].version);
		assert_string_equal(db_column_text(st, 1), migrations[i].name);
		const char *at = db_column_text(st, 2);
		assert_non_null(at);
		assert_int_equal(strlen(at), strlen("2026-11-24T20:31:05.123Z"));
		assert_int_equal(at[10], 'T');
		assert_int_equal(at[23], 'Z');
	}
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);

	assert_true(table_exists(f, "accessibility_report"));
	assert_true(table_exists(f, "local_authority"));
	assert_int_equal(log_count(f, "\"msg\":\"migration applied\""), migrations_count);
	for (unsigned i = 0; i < migrations_count; i++) {
		char needle[96];
		snprintf(needle, sizeof(needle), "\"migration\":\"%s\"", migrations[i].name);
		assert_int_equal(log_count(f, needle), 1);
	}
}

static void second_run_applies_nothing_and_records_each_migration_once(void **state)
{
	struct fixture *f = *state;
	int applied = -1, version = -1;
	assert_int_equal(migrate_apply(f->db, &applied), 0);
	assert_int_equal(applied, (int)migrations_count);
	assert_int_equal(migrate_apply(f->db, &applied), 0);
	assert_int_equal(applied, 0);

	/* and again as a new process would: a new connection to the same file */
	reopen(f);
	assert_int_equal(migrate_apply(f->db, &applied), 0);
	assert_int_equal(applied, 0);
	assert_int_equal(migrate_apply(f->db, NULL), 0); /* applied may be NULL */

	assert_int_equal(migrate_current(f->db, &version), 0);
	assert_int_equal(version, last_version());
	assert_int_equal(count(f, "SELECT COUNT(*) FROM schema_migration"), migrations_count);
	assert_int_equal(count(f, "SELECT COUNT(DISTINCT version) FROM schema_migration"),
			 migrations_count);
	assert_int_equal(count(f, "SELECT COUNT(DISTINCT name) FROM schema_migration"),
			 migrations_count);
	assert_int_equal(log_count(f, "\"msg\":\"migration applied\""), migrations_count);
	assert_int_equal(log_count(f, "\"level\":\"error\""), 0);
}

static void data_survives_a_second_run(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(migrate_apply(f->db, NULL), 0);
	assert_int_equal(db_exec(f->db,
				 "INSERT INTO accessibility_report (id, page, description,"
				 " created_at) VALUES ('r1', '/', 'd', '2026-01-01T00:00:00Z')"),
			 0);
	reopen(f);
	assert_int_equal(migrate_apply(f->db, NULL), 0);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM accessibility_report"), 1);
}

static void failed_migration_leaves_nothing_behind_and_is_retried(void **state)
{
	struct fixture *f = *state;
	/* a table in the way of 0002_local_authority makes its CREATE TABLE fail */
	assert_string_equal(migrations[1].name, "0002_local_authority");
	assert_int_equal(db_exec(f->db, "CREATE TABLE local_authority (x INTEGER)"), 0);
	int applied = -1, version = -1;
	assert_int_not_equal(migrate_apply(f->db, &applied), 0);
	assert_int_equal(applied, 0); /* *applied is only set on success */
	assert_int_equal(migrate_current(f->db, &version), 0);
	assert_int_equal(version, migrations[0].version);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM schema_migration"), 1);
	assert_int_equal(log_count(f, "\"msg\":\"migration failed\""), 1);
	assert_int_equal(log_count(f, "\"migration\":\"0002_local_authority\""), 1);
	/* the connection is usable: no transaction was left open */
	assert_int_equal(db_begin(f->db), 0);
	assert_int_equal(db_commit(f->db), 0);

	/* once the obstacle is gone the next run applies what is missing, and only that */
	assert_int_equal(db_exec(f->db, "DROP TABLE local_authority"), 0);
	assert_int_equal(migrate_apply(f->db, &applied), 0);
	assert_int_equal(applied, (int)migrations_count - 1);
	assert_int_equal(migrate_current(f->db, &version), 0);
	assert_int_equal(version, last_version());
	assert_int_equal(count(f, "SELECT COUNT(*) FROM schema_migration"), migrations_count);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM local_authority"), 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(embedded_migrations_are_numbered_in_increasing_order),
		T(fresh_database_is_at_version_zero),
		T(first_run_applies_and_records_every_migration_in_order),
		T(second_run_applies_nothing_and_records_each_migration_once),
		T(data_survives_a_second_run),
		T(failed_migration_leaves_nothing_behind_and_is_retried),
	};
	return cmocka_run_group_tests_name("migrate", tests, NULL, NULL);
}
