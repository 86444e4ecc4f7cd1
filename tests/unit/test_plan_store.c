/*
 * test_plan_store.c: plan versions in the database (src/plan/store.c).
 *
 * The round trip: tests/plan/full.json (every section and every member of a line) is
 * imported into one fresh database and exported; that export is imported into a second,
 * empty database and exported again: the two exports are the same bytes, and the same as
 * the original document made canonical, so no field is lost or changed on the way. Also:
 * an issued version cannot be issued (or changed) again and its hash is in the audit
 * trail; a document that is not a plan is refused and nothing is stored.
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

#include "plan/plan.h"
#include "platform/audit.h"
#include "platform/db.h"
#include "platform/err.h"
#include "platform/ids.h"
#include "platform/log.h"
#include "platform/migrate.h"

#define FULL "tests/plan/full.json"

static void remove_db(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < 4; i++) {
		char p[96];
		snprintf(p, sizeof(p), "%s%s", path, suffixes[i]);
		unlink(p);
	}
}

/* fresh: a new migrated SQLite database at path */
static struct db *fresh(char *path, size_t n)
{
	snprintf(path, n, "/tmp/sendap-test-plan-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	struct db *db = NULL;
	int applied = 0;
	assert_int_equal(db_open(path, &db), 0);
	assert_int_equal(migrate_apply(db, &applied), 0);
	return db;
}

static int64_t count(struct db *db, const char *sql)
{
	struct db_stmt *st = NULL;
	int64_t n = -1;
	if (db_prepare(db, sql, &st) == 0 && db_step(st) == DB_ROW)
		n = db_column_int64(st, 0);
	if (st)
		db_reset(st);
	return n;
}

static void round_trip_keeps_every_field(void **state)
{
	(void)state;
	log_set_fd(-1);
	json_error_t je;
	json_t *orig = json_load_file(FULL, JSON_REJECT_DUPLICATES, &je);
	assert_non_null(orig);
	char *canonical = plan_canonical(orig);
	char p1[64], p2[64], id[ID_LEN + 1];
	struct db *a = fresh(p1, sizeof(p1)), *b = fresh(p2, sizeof(p2));
	struct arena ar;
	arena_init(&ar, 0);
	struct field_errors errs = {0};
	assert_int_equal(plan_import(a, orig, NULL, &ar, &errs, id), 0);
	char *first = NULL, *second = NULL;
	assert_int_equal(plan_export(a, "child-round-trip-1", 0, &first), 0);
	assert_string_equal(first, canonical);

	json_t *again = json_loads(first, JSON_REJECT_DUPLICATES, &je);
	assert_non_null(again);
	assert_int_equal(plan_import(b, again, NULL, &ar, &errs, id), 0);
	assert_int_equal(plan_export(b, "child-round-trip-1", 1, &second), 0);
	assert_string_equal(first, second);
	/* and field by field: the parsed documents are equal, every member of every line */
	json_t *back = json_loads(second, JSON_REJECT_DUPLICATES, &je);
	assert_true(json_equal(orig, back));

	json_decref(back);
	json_decref(again);
	json_decref(orig);
	free(first);
	free(second);
	free(canonical);
	arena_release(&ar);
	db_close(a);
	db_close(b);
	remove_db(p1);
	remove_db(p2);
}

static void issued_version_never_changes_and_its_hash_is_audited(void **state)
{
	(void)state;
	log_set_fd(-1);
	json_error_t je;
	json_t *plan = json_load_file(FULL, JSON_REJECT_DUPLICATES, &je);
	assert_non_null(plan);
	char path[64], id[ID_LEN + 1], hash[65], again[65];
	struct db *db = fresh(path, sizeof(path));
	struct arena ar;
	arena_init(&ar, 0);
	struct field_errors errs = {0};
	assert_int_equal(plan_import(db, plan, NULL, &ar, &errs, id), 0);
	assert_int_equal(plan_issue(db, id, NULL, hash), 0);
	assert_int_equal(strlen(hash), 64);
	assert_int_equal(plan_issue(db, id, NULL, again), ERR_CONFLICT);
	char sql[256];
	snprintf(sql, sizeof(sql),
		 "SELECT count(*) FROM audit_event WHERE action = 'issue' AND record_id = '%s:%s'",
		 id, hash);
	assert_int_equal(count(db, sql), 1);
	/* a second import is a new version: the issued one stays as it was */
	assert_int_equal(plan_import(db, plan, NULL, &ar, &errs, id), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM plan_version WHERE status = 'final'"), 1);
	assert_int_equal(count(db, "SELECT max(version) FROM plan_version"), 2);
	struct audit_problem p;
	int64_t rows = 0;
	assert_int_equal(audit_verify(db, &p, &rows), 0);
	json_decref(plan);
	arena_release(&ar);
	db_close(db);
	remove_db(path);
}

static void a_document_that_is_not_a_plan_stores_nothing(void **state)
{
	(void)state;
	log_set_fd(-1);
	json_error_t je;
	json_t *plan = json_load_file(FULL, JSON_REJECT_DUPLICATES, &je);
	assert_non_null(plan);
	/* a provision line linked to a need that is not in this plan */
	json_t *links =
		json_object_get(json_array_get(json_object_get(plan, "provision"), 0), "needs");
	json_array_append_new(links, json_string("n-of-another-plan"));
	char path[64], id[ID_LEN + 1];
	struct db *db = fresh(path, sizeof(path));
	struct arena ar;
	arena_init(&ar, 0);
	struct field_errors errs = {0};
	assert_int_equal(plan_import(db, plan, NULL, &ar, &errs, id), ERR_INVALID);
	assert_true(errs.n >= 1);
	assert_string_equal(errs.items[0].pointer, "/provision/0/needs/1");
	assert_int_equal(count(db, "SELECT count(*) FROM plan_version"), 0);
	/* and one without the child's id */
	json_array_remove(links, 1);
	json_object_del(json_object_get(plan, "child"), "id");
	struct field_errors e2 = {0};
	assert_int_equal(plan_import(db, plan, NULL, &ar, &e2, id), ERR_INVALID);
	assert_string_equal(e2.items[0].pointer, "/child/id");
	assert_int_equal(count(db, "SELECT count(*) FROM plan_version"), 0);
	json_decref(plan);
	arena_release(&ar);
	db_close(db);
	remove_db(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip_keeps_every_field),
		cmocka_unit_test(issued_version_never_changes_and_its_hash_is_audited),
		cmocka_unit_test(a_document_that_is_not_a_plan_stores_nothing),
	};
	return cmocka_run_group_tests_name("plan store", tests, NULL, NULL);
}
