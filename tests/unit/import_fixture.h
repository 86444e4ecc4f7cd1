/*
 * import_fixture.h: what the import suites (test_import.c, test_import2.c) share: a fresh
 * migrated database with the reference data and plan templates loaded (SQLite in a temp
 * dir, or a throwaway schema of SENDAP_TEST_PG_URL), a body written to a file and imported
 * with its report kept, readers of one value, valid UPNs and ULNs, and the header rows of
 * the layouts (docs/import.md). Each suite includes it once; everything here is static.
 */
#ifndef SENDAP_TEST_IMPORT_FIXTURE_H
#define SENDAP_TEST_IMPORT_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "assessment/clock.h"
#include "imports/imports.h"
#include "organisations/organisations.h"
#include "people/people.h"
#include "plan/plan.h"
#include "platform/db.h"
#include "platform/err.h"
#include "platform/migrate.h"

/* the rules the import computes next deadlines with (src/assessment/store.c's) */
extern struct clock_rules assessment_rules;

static const struct date TODAY = {2025, 6, 2};
static enum db_kind group_kind;
static unsigned schema_seq;

struct fixture {
	enum db_kind kind;
	char path[96];
	char schema[64];
	char dir[64];
	struct db *db;
	char *report; /* the last import's problems */
	size_t report_len;
	struct import_counts n;
};

static inline void remove_db_files(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < 4; i++) {
		char p[128];
		snprintf(p, sizeof(p), "%s%s", path, suffixes[i]);
		unlink(p);
	}
}

static inline int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	f->kind = group_kind;
	snprintf(f->dir, sizeof(f->dir), "/tmp/sendap-test-import-XXXXXX");
	if (!mkdtemp(f->dir))
		goto fail;
	if (f->kind == DB_SQLITE) {
		snprintf(f->path, sizeof(f->path), "%s/db", f->dir);
		if (db_open(f->path, &f->db))
			goto fail;
	} else {
		char sql[256];
		if (db_open(getenv("SENDAP_TEST_PG_URL"), &f->db))
			goto fail;
		snprintf(f->schema, sizeof(f->schema), "imptest_%ld_%lld_%u", (long)getpid(),
			 (long long)time(NULL), schema_seq++);
		snprintf(sql, sizeof(sql), "CREATE SCHEMA %s; SET search_path TO %s", f->schema,
			 f->schema);
		if (db_exec(f->db, sql))
			goto fail;
	}
	int loaded = 0;
	char why[256];
	if (migrate_apply(f->db, NULL) || reference_load(f->db, "reference", NULL) ||
	    plan_templates_load(f->db, "reference/templates", &loaded, why, sizeof(why)))
		goto fail;
	*state = f;
	return 0;
fail:
	print_error("setup failed for the %s group\n", f->kind == DB_SQLITE ? "sqlite" : "pg");
	db_close(f->db);
	free(f);
	return -1;
}

static inline int teardown(void **state)
{
	struct fixture *f = *state;
	if (f->schema[0]) {
		char sql[128];
		db_rollback(f->db);
		snprintf(sql, sizeof(sql), "DROP SCHEMA %s CASCADE", f->schema);
		db_exec(f->db, sql);
	}
	db_close(f->db);
	if (f->path[0])
		remove_db_files(f->path);
	char cmd[160];
	static const char *const names[] = {"children", "contacts",       "settings",   "requests",
					    "plans",    "placements",     "reviews",    "big",
					    "in",       "in.rejects.csv", "rejects.csv"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(cmd, sizeof(cmd), "%s/%s", f->dir, names[i]);
		unlink(cmd);
	}
	rmdir(f->dir);
	free(f->report);
	free(f);
	return 0;
}

static inline int64_t count(struct fixture *f, const char *sql)
{
	struct db_stmt *st = NULL;
	int64_t n = -1;
	if (db_prepare(f->db, sql, &st) == 0 && db_step(st) == DB_ROW)
		n = db_column_int64(st, 0);
	if (st)
		db_reset(st);
	return n;
}

/* text: the first column of the first row, copied */
static inline void text(struct fixture *f, const char *sql, char *out, size_t n)
{
	struct db_stmt *st = NULL;
	out[0] = '\0';
	if (db_prepare(f->db, sql, &st) == 0 && db_step(st) == DB_ROW)
		snprintf(out, n, "%s", db_column_text(st, 0) ? db_column_text(st, 0) : "(null)");
	if (st)
		db_reset(st);
}

static inline void write_file(const char *path, const char *body, size_t n)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(body, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
}

/* import: body written to DIR/name and imported as kind; the report kept in f->report */
static inline int import(struct fixture *f, const char *kind, const char *name, const char *body,
			 int partial)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/%s", f->dir, name);
	if (body)
		write_file(path, body, strlen(body));
	free(f->report);
	f->report = NULL;
	FILE *rep = open_memstream(&f->report, &f->report_len);
	assert_non_null(rep);
	struct import_options o = {
		.la_code = "202", .partial = partial, .report = rep, .today = TODAY};
	int rc = import_file(f->db, kind, path, &o, &f->n);
	fclose(rep);
	return rc;
}

static inline void upn(int seq, char out[14])
{
	char rest[13];
	snprintf(rest, sizeof(rest), "20212%07d", seq);
	out[0] = upn_check_letter(rest);
	memcpy(out + 1, rest, 13);
}

static inline void uln(int seq, char out[11])
{
	for (int k = seq;; k++) {
		int sum = 0;
		snprintf(out, 11, "1%08d", k);
		for (int i = 0; i < 9; i++)
			sum += (out[i] - '0') * (10 - i);
		if (10 - sum % 11 < 10) {
			out[9] = (char)('0' + 10 - sum % 11);
			out[10] = '\0';
			return;
		}
	}
}

/* has: the report holds this line (or part of one) */
#define has(f, s)                                                                       \
	do {                                                                            \
		if (!strstr((f)->report, (s)))                                          \
			fail_msg("report lacks %s\n--- report:\n%s", (s), (f)->report); \
	} while (0)

/* the header rows of the layouts that have more than a few columns */
#define CHILD_HEADER                                                                      \
	"source_id,given_name,family_name,date_of_birth,sex,ethnicity,postcode,upn,uln,"  \
	"disadvantaged,first_language,primary_need,sen_status,communication,admired_for," \
	"interests,aspirations,upn_unknown,secondary_need\r\n"
#define SETTING_HEADER                                                                   \
	"source_id,name,urn,ukprn,setting_type,phase,postcode,age_from,age_to,capacity," \
	"sen_unit,resourced_provision\r\n"
#define REQUEST_HEADER                                                              \
	"source_id,child_source_id,requested_by,requested_on,decision,decision_on," \
	"draft_issued_on,outcome,outcome_on,exception_reason,exception_from,exception_to,rya\r\n"
#define PLACEMENT_HEADER                                                                  \
	"source_id,child_source_id,setting_source_id,started_on,ended_on,named,sen_unit," \
	"resourced_provision,residential,work_based\r\n"

#endif
