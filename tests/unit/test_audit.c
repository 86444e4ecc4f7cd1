/*
 * test_audit.c: the hash-chained audit trail (src/platform/audit.c).
 *
 * Every case starts from a fresh, migrated store (a SQLite temp file, and a PostgreSQL
 * schema of its own when SENDAP_TEST_PG_URL is set) and appends rows the way the areas
 * do, one transaction each. Then it tampers with the table by plain SQL, as someone with
 * the database file could, and audit_verify must name the first row that no longer holds:
 * an edited field ("edited"), a deleted row ("row N is missing"), rows cut from the end
 * ("removed from the end"), a rewritten previous-row hash. An empty trail verifies with 0
 * rows. A NULL field and an empty one hash differently, so neither can stand in for the
 * other.
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

#include "platform/audit.h"
#include "platform/db.h"
#include "platform/err.h"
#include "platform/log.h"
#include "platform/migrate.h"

struct fixture {
	char path[64];   /* the SQLite temp file, "" for PostgreSQL */
	char schema[64]; /* the PostgreSQL schema, "" for SQLite */
	struct db *db;
};

static enum db_kind group_kind;
static unsigned schema_seq;

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
	if (group_kind == DB_SQLITE) {
		snprintf(f->path, sizeof(f->path), "/tmp/sendap-test-audit-XXXXXX");
		int fd = mkstemp(f->path);
		if (fd < 0)
			goto fail;
		close(fd);
		unlink(f->path); /* a fresh file: db_open creates it */
		if (db_open(f->path, &f->db))
			goto fail;
	} else {
		char sql[256];
		if (db_open(getenv("SENDAP_TEST_PG_URL"), &f->db))
			goto fail;
		snprintf(f->schema, sizeof(f->schema), "audittest_%ld_%lld_%u", (long)getpid(),
			 (long long)time(NULL), schema_seq++);
		snprintf(sql, sizeof(sql), "CREATE SCHEMA %s; SET search_path TO %s", f->schema,
			 f->schema);
		if (db_exec(f->db, sql))
			goto fail;
	}
	if (migrate_apply(f->db, NULL))
		goto fail;
	*state = f;
	return 0;
fail:
	print_error("setup failed for the %s group\n",
		    group_kind == DB_SQLITE ? "sqlite" : "postgresql");
	db_close(f->db);
	if (f->path[0])
		remove_db_files(f->path);
	free(f);
	return -1;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	if (f->schema[0]) {
		char sql[128];
		db_rollback(f->db); /* a case that failed half-way may have left one open */
		snprintf(sql, sizeof(sql), "DROP SCHEMA %s CASCADE", f->schema);
		db_exec(f->db, sql);
	}
	db_close(f->db);
	if (f->path[0])
		remove_db_files(f->path);
	free(f);
	return 0;
}

static void append(struct fixture *f, const struct audit_entry *e)
{
	assert_int_equal(db_begin(f->db), 0);
	assert_int_equal(audit_append(f->db, e), 0);
	assert_int_equal(db_commit(f->db), 0);
}

/* append_five adds the rows every tampering case starts from. */
static void append_five(struct fixture *f)
{
	static const char *const actions[] = {"create", "read", "update", "search", "read"};
	for (int i = 0; i < 5; i++) {
		char rid[16];
		snprintf(rid, sizeof(rid), "child%d", i + 1);
		struct audit_entry e = {
			.actor_id = i == 0 ? NULL : "user0000000000000000001",
			.actor_role = i == 0 ? "system" : "caseworker",
			.action = actions[i],
			.record_type = "child",
			.record_id = rid,
			.request_id = i == 2 ? NULL : "req-1",
		};
		append(f, &e);
	}
}

static void sql(struct fixture *f, const char *text)
{
	assert_int_equal(db_exec(f->db, text), 0);
}

static int verify(struct fixture *f, struct audit_problem *p, int64_t *rows)
{
	memset(p, 0x5a, sizeof(*p));
	*rows = -1;
	return audit_verify(f->db, p, rows);
}

static void five_appended_rows_verify(void **state)
{
	struct fixture *f = *state;
	append_five(f);
	struct audit_problem p;
	int64_t rows;
	assert_int_equal(verify(f, &p, &rows), 0);
	assert_int_equal(rows, 5);
	assert_string_equal(p.what, "");

	/* the rows are numbered 1..5, each holding its predecessor's hash */
	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(f->db,
				    "SELECT seq, prev_hash, hash FROM audit_event"
				    " ORDER BY seq",
				    &st),
			 0);
	char prev[65] = "";
	for (int64_t i = 1; i <= 5; i++) {
		assert_int_equal(db_step(st), DB_ROW);
		assert_int_equal(db_column_int64(st, 0), i);
		assert_string_equal(db_column_text(st, 1), prev);
		assert_int_equal(strlen(db_column_text(st, 2)), 64);
		assert_string_not_equal(db_column_text(st, 2), prev);
		snprintf(prev, sizeof(prev), "%s", db_column_text(st, 2));
	}
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
	assert_int_equal(db_prepare(f->db, "SELECT seq, hash FROM audit_head", &st), 0);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_column_int64(st, 0), 5);
	assert_string_equal(db_column_text(st, 1), prev);
	db_reset(st);
}

static void an_edited_row_and_then_a_deleted_row_are_named(void **state)
{
	struct fixture *f = *state;
	append_five(f);
	struct audit_problem p;
	int64_t rows;
	/* row 3 was an "update": make it look like a mere read */
	sql(f, "UPDATE audit_event SET action = 'read' WHERE seq = 3");
	assert_int_equal(verify(f, &p, &rows), 1);
	assert_int_equal(p.seq, 3);
	assert_non_null(strstr(p.what, "edited"));
	assert_int_equal(rows, 2);

	/* put it back and the chain holds again */
	sql(f, "UPDATE audit_event SET action = 'update' WHERE seq = 3");
	assert_int_equal(verify(f, &p, &rows), 0);
	assert_int_equal(rows, 5);

	/* delete row 2 */
	sql(f, "DELETE FROM audit_event WHERE seq = 2");
	assert_int_equal(verify(f, &p, &rows), 1);
	assert_int_equal(p.seq, 2);
	assert_string_equal(p.what, "row 2 is missing (the next row is 3)");
	assert_int_equal(rows, 1);
}

static void every_field_is_covered_by_the_hash(void **state)
{
	struct fixture *f = *state;
	static const char *const edits[] = {
		"UPDATE audit_event SET at = '2000-01-01T00:00:00.000Z' WHERE seq = 4",
		"UPDATE audit_event SET actor_id = 'someone0000000000000001' WHERE seq = 4",
		"UPDATE audit_event SET actor_role = 'admin' WHERE seq = 4",
		"UPDATE audit_event SET record_type = 'user' WHERE seq = 4",
		"UPDATE audit_event SET record_id = 'child9' WHERE seq = 4",
		"UPDATE audit_event SET request_id = 'req-2' WHERE seq = 4",
		"UPDATE audit_event SET hash = prev_hash WHERE seq = 4",
	};
	append_five(f);
	sql(f, "CREATE TABLE audit_copy AS SELECT * FROM audit_event");
	for (size_t i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		struct audit_problem p;
		int64_t rows;
		sql(f, edits[i]);
		assert_int_equal(verify(f, &p, &rows), 1);
		assert_int_equal(p.seq, 4);
		assert_non_null(strstr(p.what, "edited"));
		assert_int_equal(rows, 3);
		sql(f, "DELETE FROM audit_event; INSERT INTO audit_event SELECT * FROM audit_copy");
		assert_int_equal(verify(f, &p, &rows), 0);
	}
}

static void rows_removed_from_the_end_are_found_by_the_head(void **state)
{
	struct fixture *f = *state;
	append_five(f);
	struct audit_problem p;
	int64_t rows;
	sql(f, "DELETE FROM audit_event WHERE seq = 5");
	assert_int_equal(verify(f, &p, &rows), 1);
	assert_int_equal(p.seq, 5);
	assert_non_null(strstr(p.what, "removed from the end"));
	assert_string_equal(p.what, "the trail ends at row 4 but its head says row 5: rows were "
				    "removed from the end");
	assert_int_equal(rows, 4);
	/* every row gone: the head still says 5 */
	sql(f, "DELETE FROM audit_event");
	assert_int_equal(verify(f, &p, &rows), 1);
	assert_int_equal(p.seq, 1);
	assert_non_null(strstr(p.what, "removed from the end"));
	assert_int_equal(rows, 0);
}

static void a_rewritten_previous_hash_is_named(void **state)
{
	struct fixture *f = *state;
	append_five(f);
	struct audit_problem p;
	int64_t rows;
	/* row 4 claims row 2's hash as its predecessor */
	sql(f, "UPDATE audit_event SET prev_hash = (SELECT hash FROM audit_event WHERE seq = 2)"
	       " WHERE seq = 4");
	assert_int_equal(verify(f, &p, &rows), 1);
	assert_int_equal(p.seq, 4);
	assert_string_equal(p.what, "its previous-row hash does not match row 3");
	assert_int_equal(rows, 3);
}

static void a_missing_head_is_named(void **state)
{
	struct fixture *f = *state;
	append_five(f);
	struct audit_problem p;
	int64_t rows;
	sql(f, "DELETE FROM audit_head");
	assert_int_equal(verify(f, &p, &rows), 1);
	assert_int_equal(p.seq, 0);
	assert_string_equal(p.what, "the audit head is missing");
}

static void an_empty_trail_verifies_with_no_rows(void **state)
{
	struct fixture *f = *state;
	struct audit_problem p;
	int64_t rows;
	assert_int_equal(verify(f, &p, &rows), 0);
	assert_int_equal(rows, 0);
	assert_int_equal(p.seq, 0);
}

static void null_and_empty_fields_hash_differently(void **state)
{
	struct fixture *f = *state;
	struct audit_entry with_null = {
		.actor_id = NULL,
		.actor_role = "system",
		.action = "create",
		.record_type = "child",
		.record_id = NULL,
		.request_id = NULL,
	};
	struct audit_entry with_empty = with_null;
	with_empty.record_id = "";
	append(f, &with_null);
	append(f, &with_empty);
	struct audit_problem p;
	int64_t rows;
	assert_int_equal(verify(f, &p, &rows), 0);
	assert_int_equal(rows, 2);
	/* the two were stored as they were given */
	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(f->db, "SELECT record_id FROM audit_event ORDER BY seq", &st),
			 0);
	assert_int_equal(db_step(st), DB_ROW);
	assert_true(db_column_is_null(st, 0));
	assert_int_equal(db_step(st), DB_ROW);
	assert_false(db_column_is_null(st, 0));
	assert_string_equal(db_column_text(st, 0), "");
	db_reset(st);

	/* NULL made "" is an edit */
	sql(f, "UPDATE audit_event SET record_id = '' WHERE seq = 1");
	assert_int_equal(verify(f, &p, &rows), 1);
	assert_int_equal(p.seq, 1);
	assert_non_null(strstr(p.what, "edited"));
	sql(f, "UPDATE audit_event SET record_id = NULL WHERE seq = 1");
	assert_int_equal(verify(f, &p, &rows), 0);
	/* and "" made NULL */
	sql(f, "UPDATE audit_event SET record_id = NULL WHERE seq = 2");
	assert_int_equal(verify(f, &p, &rows), 1);
	assert_int_equal(p.seq, 2);
	assert_non_null(strstr(p.what, "edited"));
	sql(f, "UPDATE audit_event SET record_id = '' WHERE seq = 2");
	assert_int_equal(verify(f, &p, &rows), 0);
	/* the same holds for the actor and the request */
	sql(f, "UPDATE audit_event SET actor_id = '' WHERE seq = 1");
	assert_int_equal(verify(f, &p, &rows), 1);
	assert_int_equal(p.seq, 1);
	sql(f, "UPDATE audit_event SET actor_id = NULL, request_id = '' WHERE seq = 1");
	assert_int_equal(verify(f, &p, &rows), 1);
	assert_int_equal(p.seq, 1);
}

static void an_append_rolled_back_leaves_no_trace(void **state)
{
	struct fixture *f = *state;
	append_five(f);
	struct audit_entry e = {
		.actor_role = "system",
		.action = "read",
		.record_type = "child",
	};
	assert_int_equal(db_begin(f->db), 0);
	assert_int_equal(audit_append(f->db, &e), 0);
	db_rollback(f->db);
	append(f, &e);
	struct audit_problem p;
	int64_t rows;
	assert_int_equal(verify(f, &p, &rows), 0);
	assert_int_equal(rows, 6);
}

/* audit_commit: 0 appends the row and commits the write with it; a failure rolls both
 * back, whatever the failure was */
static void audit_commit_keeps_the_write_and_its_row_together(void **state)
{
	struct fixture *f = *state;
	sql(f, "CREATE TABLE w (v TEXT)");
	assert_int_equal(db_begin(f->db), 0);
	sql(f, "INSERT INTO w (v) VALUES ('refused')");
	assert_int_equal(audit_commit(f->db, ERR_INVALID, "u1", "create", "w", "1"), ERR_INVALID);
	assert_int_equal(db_begin(f->db), 0);
	sql(f, "INSERT INTO w (v) VALUES ('kept')");
	assert_int_equal(audit_commit(f->db, 0, "u1", "create", "w", "2"), 0);
	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(f->db,
				    "SELECT (SELECT count(*) FROM w), (SELECT count(*) FROM w WHERE"
				    " v = 'kept'), (SELECT count(*) FROM audit_event WHERE"
				    " record_type = 'w'), (SELECT count(*) FROM audit_event WHERE"
				    " record_id = '2' AND actor_role = 'user')",
				    &st),
			 0);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_column_int64(st, 0), 1);
	assert_int_equal(db_column_int64(st, 1), 1);
	assert_int_equal(db_column_int64(st, 2), 1);
	assert_int_equal(db_column_int64(st, 3), 1);
	db_reset(st);
	struct audit_problem p;
	int64_t rows;
	assert_int_equal(verify(f, &p, &rows), 0);
	assert_int_equal(rows, 1);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

static const struct CMUnitTest tests[] = {
	T(five_appended_rows_verify),
	T(an_edited_row_and_then_a_deleted_row_are_named),
	T(every_field_is_covered_by_the_hash),
	T(rows_removed_from_the_end_are_found_by_the_head),
	T(a_rewritten_previous_hash_is_named),
	T(a_missing_head_is_named),
	T(an_empty_trail_verifies_with_no_rows),
	T(null_and_empty_fields_hash_differently),
	T(an_append_rolled_back_leaves_no_trace),
	T(audit_commit_keeps_the_write_and_its_row_together),
};

int main(void)
{
	log_set_fd(-1); /* "migration applied" for every case is noise here */
	group_kind = DB_SQLITE;
	int failed = cmocka_run_group_tests_name("audit/sqlite", tests, NULL, NULL);
	const char *pg = getenv("SENDAP_TEST_PG_URL");
	if (pg && *pg) {
		group_kind = DB_POSTGRES;
		failed += cmocka_run_group_tests_name("audit/postgresql", tests, NULL, NULL);
	}
	return failed;
}
