/*
 * bare_sql.c: the "bare" denominator for bench/people.sh. Runs, straight on SQLite with
 * statements prepared once, the SQL that sendap's caseload page and child search run
 * (src/people/store.c: child_list LIST_CASELOAD and child_search, a page of 50 rows and
 * the count), reading every column of every row, over and over for a few seconds, and
 * prints the mean microseconds per page. The "assessments" mode is bench/assessment.sh's
 * denominator: the two statements of the team's assessment caseload (src/assessment/
 * caseload.c: counts() and the list of the 100 most urgent open cases of the LA).
 *
 * usage: bare_sql DB caseload CASEWORKER_ID SECONDS
 *        bare_sql DB search LA_CODE NAME_PREFIX SECONDS
 *        bare_sql DB assessments LA_CODE TODAY WEEK SECONDS
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* keep in step with ROW_COLUMNS and the queries in src/people/store.c */
#define ROW_COLUMNS                                                                 \
	"c.id, c.given_name, c.family_name, c.date_of_birth, c.upn, c.sen_status,"  \
	" c.primary_need,"                                                          \
	" (SELECT o.name FROM child_setting cs JOIN organisation o ON o.id ="       \
	" cs.organisation_id WHERE cs.child_id = c.id AND cs.relation = 'roll' AND" \
	" cs.ended_on IS NULL ORDER BY cs.started_on DESC LIMIT 1),"                \
	" (SELECT n.name FROM need_type n WHERE n.code = c.primary_need)"

static const char caseload_rows[] =
	"SELECT " ROW_COLUMNS " FROM child c WHERE c.caseworker_id = $1"
	" ORDER BY c.search_family, c.search_given, c.id LIMIT $2 OFFSET $3";
static const char caseload_count[] = "SELECT count(*) FROM child c WHERE c.caseworker_id = $1";

/* child_search with a name and the LA: the shape search_where() writes for them */
#define SEARCH_WHERE                                                                      \
	" FROM child c WHERE 1 = 1 AND ((c.search_family >= $1 AND c.search_family < $2)" \
	" OR (c.search_given >= $1 AND c.search_given < $2)) AND c.la_code = $3"
static const char search_rows[] =
	"SELECT " ROW_COLUMNS SEARCH_WHERE
	" ORDER BY c.search_family, c.search_given, c.id LIMIT $4 OFFSET $5";
static const char search_count[] = "SELECT count(*)" SEARCH_WHERE;

/* keep in step with counts() and caseload() in src/assessment/caseload.c, with the team's
 * WHERE ("a.la_code = $1") and CASE_PAGE (100) written in */
static const char assessment_count[] =
	"SELECT (SELECT count(*) FROM assessment_case a WHERE a.la_code = $1 AND a.closed_on IS"
	" NULL), (SELECT count(*) FROM assessment_case a WHERE a.la_code = $1 AND a.closed_on IS"
	" NULL AND a.next_due < $2), (SELECT count(*) FROM assessment_case a WHERE a.la_code = $1"
	" AND a.closed_on IS NULL AND a.next_due >= $2 AND a.next_due <= $3)";
static const char assessment_rows[] =
	"SELECT a.child_id, ch.given_name, ch.family_name, a.state, a.next_step,"
	" a.next_due, u.name FROM assessment_case a JOIN child ch ON ch.id = a.child_id"
	" LEFT JOIN user_account u ON u.id = a.officer_id"
	" WHERE a.la_code = $1 AND a.closed_on IS NULL ORDER BY a.next_due, a.id LIMIT 100";

/* the third statement of the team view: unread_notices() in caseload.c */
static const char assessment_notices[] =
	"SELECT a.child_id, ch.given_name, ch.family_name, e.type, n.sent_on"
	" FROM notice n CROSS JOIN assessment_case a CROSS JOIN case_event e"
	" CROSS JOIN child ch WHERE a.id = n.case_id AND e.case_id = n.case_id"
	" AND e.seq = n.event_seq AND ch.id = a.child_id AND a.la_code = $1"
	" AND n.channel = 'portal' AND n.read_at IS NULL AND n.sent_on <= $2"
	" ORDER BY n.sent_on LIMIT 50";

/* the fourth: advice_to_chase() in caseload.c */
static const char assessment_chase[] =
	"SELECT a.child_id, ch.given_name, ch.family_name, r.item, r.happened_on"
	" FROM case_event r CROSS JOIN assessment_case a CROSS JOIN child ch"
	" WHERE r.type = 'advice_requested' AND r.happened_on < $2 AND a.id = r.case_id"
	" AND ch.id = a.child_id AND a.la_code = $1 AND a.closed_on IS NULL AND NOT EXISTS"
	" (SELECT 1 FROM case_event x WHERE x.case_id = r.case_id"
	" AND x.type = 'advice_received' AND x.item = r.item)"
	" ORDER BY r.happened_on LIMIT 50";

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* drain steps through every row reading every column, as the page does */
static long drain(sqlite3_stmt *st)
{
	long bytes = 0;
	while (sqlite3_step(st) == SQLITE_ROW)
		for (int i = 0; i < sqlite3_column_count(st); i++) {
			const unsigned char *v = sqlite3_column_text(st, i);
			bytes += v ? (long)strlen((const char *)v) : 0;
		}
	sqlite3_reset(st);
	return bytes;
}

int main(int argc, char **argv)
{
	int search = argc > 2 && strcmp(argv[2], "search") == 0;
	int assess = argc > 2 && strcmp(argv[2], "assessments") == 0;
	if (argc < (assess ? 7 : search ? 6 : 5)) {
		fputs("usage: bare_sql DB caseload CASEWORKER_ID SECONDS\n"
		      "       bare_sql DB search LA_CODE NAME_PREFIX SECONDS\n"
		      "       bare_sql DB assessments LA_CODE TODAY WEEK SECONDS\n",
		      stderr);
		return 2;
	}
	double seconds = strtod(argv[assess ? 6 : search ? 5 : 4], NULL);
	sqlite3 *db;
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "bare_sql: cannot open %s\n", argv[1]);
		return 1;
	}
	/* the same connection settings as sendap's (src/platform/db_sqlite.c) */
	sqlite3_exec(db, "PRAGMA mmap_size=268435456", NULL, NULL, NULL);
	sqlite3_stmt *rows, *count;
	const char *rows_sql = assess ? assessment_rows : search ? search_rows : caseload_rows;
	const char *count_sql = assess ? assessment_count : search ? search_count : caseload_count;
	if (sqlite3_prepare_v2(db, rows_sql, -1, &rows, NULL) ||
	    sqlite3_prepare_v2(db, count_sql, -1, &count, NULL)) {
		fprintf(stderr, "bare_sql: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	char lo[128], hi[128];
	sqlite3_stmt *extra = NULL, *chase = NULL;
	if (assess) {
		if (sqlite3_prepare_v2(db, assessment_notices, -1, &extra, NULL) ||
		    sqlite3_prepare_v2(db, assessment_chase, -1, &chase, NULL)) {
			fprintf(stderr, "bare_sql: %s\n", sqlite3_errmsg(db));
			return 1;
		}
		sqlite3_bind_text(extra, 1, argv[3], -1, SQLITE_STATIC);
		sqlite3_bind_text(extra, 2, argv[4], -1, SQLITE_STATIC);
		sqlite3_bind_text(chase, 1, argv[3], -1, SQLITE_STATIC);
		sqlite3_bind_text(chase, 2, argv[4], -1, SQLITE_STATIC);
		sqlite3_bind_text(rows, 1, argv[3], -1, SQLITE_STATIC);
		/* by name: SQLite numbers "$N" parameters in order of first use */
		sqlite3_bind_text(count, sqlite3_bind_parameter_index(count, "$1"), argv[3], -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(count, sqlite3_bind_parameter_index(count, "$2"), argv[4], -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(count, sqlite3_bind_parameter_index(count, "$3"), argv[5], -1,
				  SQLITE_STATIC);
	} else if (search) {
		snprintf(lo, sizeof(lo), "%s", argv[4]);
		snprintf(hi, sizeof(hi), "%s", argv[4]);
		size_t n = strlen(hi);
		if (n)
			hi[n - 1] = (char)(hi[n - 1] + 1);
		for (int pass = 0; pass < 2; pass++) {
			sqlite3_stmt *st = pass ? count : rows;
			sqlite3_bind_text(st, 1, lo, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, hi, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, argv[3], -1, SQLITE_STATIC);
		}
		sqlite3_bind_int64(rows, 4, 50);
		sqlite3_bind_int64(rows, 5, 0);
	} else {
		sqlite3_bind_text(rows, 1, argv[3], -1, SQLITE_STATIC);
		sqlite3_bind_int64(rows, 2, 50);
		sqlite3_bind_int64(rows, 3, 0);
		sqlite3_bind_text(count, 1, argv[3], -1, SQLITE_STATIC);
	}
	long n = 0, bytes = 0;
	double t0 = now_s(), t;
	do {
		bytes += drain(rows);
		bytes += drain(count);
		if (extra)
			bytes += drain(extra);
		if (chase)
			bytes += drain(chase);
		n++;
		t = now_s();
	} while (t - t0 < seconds);
	printf("%.1f us per page (%ld pages, %ld bytes read)\n", (t - t0) * 1e6 / (double)n, n,
	       bytes);
	sqlite3_finalize(rows);
	sqlite3_finalize(count);
	sqlite3_finalize(extra);
	sqlite3_finalize(chase);
	sqlite3_close(db);
	return 0;
}
