/*
 * test_audit_writer.c: the background writer of read rows (src/platform/audit_writer.c)
 * against a fresh migrated SQLite file: every queued row lands, in order, on a chain
 * that verifies; a flush waits for them; a stop writes what is still queued; with no
 * writer running audit_queue says so and the caller writes the row itself.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "platform/audit.h"
#include "platform/db.h"
#include "platform/err.h"
#include "platform/log.h"
#include "platform/migrate.h"

static char path[64];

static void remove_db_files(void)
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
	(void)state;
	snprintf(path, sizeof(path), "/tmp/sendap-test-audit-writer-XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	unlink(path);
	log_set_fd(-1);
	struct db *db = NULL;
	int applied = 0;
	if (db_open(path, &db) || migrate_apply(db, &applied)) {
		db_close(db);
		return -1;
	}
	db_close(db);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	remove_db_files();
	return 0;
}

static int64_t rows(void)
{
	struct db *db = NULL;
	struct db_stmt *st = NULL;
	int64_t n = -1;
	if (db_open(path, &db) == 0 &&
	    db_prepare(db, "SELECT count(*) FROM audit_event", &st) == 0 && db_step(st) == DB_ROW)
		n = db_column_int64(st, 0);
	if (st)
		db_reset(st);
	db_close(db);
	return n;
}

static int verify(int64_t *checked)
{
	struct db *db = NULL;
	struct audit_problem p;
	int rc = db_open(path, &db);
	if (rc == 0)
		rc = audit_verify(db, &p, checked);
	db_close(db);
	return rc;
}

static void queue_n(int n, const char *action)
{
	for (int i = 0; i < n; i++) {
		char rid[24];
		snprintf(rid, sizeof(rid), "r%d", i);
		struct audit_entry e = {.actor_id = "someone",
					.actor_role = "caseworker",
					.action = action,
					.record_type = "child",
					.record_id = i % 3 ? rid : NULL,
					.request_id = "req"};
		assert_int_equal(audit_queue(&e), 0);
	}
}

static void without_a_writer_queue_says_so(void **state)
{
	(void)state;
	struct audit_entry e = {.actor_role = "system", .action = "read", .record_type = "child"};
	assert_int_equal(audit_queue(&e), ERR_INVALID);
	audit_writer_flush(); /* returns at once */
	assert_int_equal(rows(), 0);
}

static void flushed_rows_are_all_written_on_a_chain_that_holds(void **state)
{
	(void)state;
	assert_int_equal(audit_writer_start(path), 0);
	queue_n(1000, "read");
	audit_writer_flush();
	assert_int_equal(rows(), 1000);
	int64_t checked = 0;
	assert_int_equal(verify(&checked), 0);
	assert_int_equal(checked, 1000);
	audit_writer_stop();
}

static void stopping_writes_what_is_still_queued(void **state)
{
	(void)state;
	int64_t before = rows();
	assert_int_equal(audit_writer_start(path), 0);
	/* more than the queue holds at once: producers wait for room, nothing is lost */
	queue_n(9000, "list");
	audit_writer_stop();
	assert_int_equal(rows(), before + 9000);
	int64_t checked = 0;
	assert_int_equal(verify(&checked), 0);
	assert_int_equal(checked, before + 9000);
	struct audit_entry e = {.actor_role = "system", .action = "read", .record_type = "child"};
	assert_int_equal(audit_queue(&e), ERR_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(without_a_writer_queue_says_so),
		cmocka_unit_test(flushed_rows_are_all_written_on_a_chain_that_holds),
		cmocka_unit_test(stopping_writes_what_is_still_queued),
	};
	return cmocka_run_group_tests_name("audit writer", tests, setup, teardown);
}
