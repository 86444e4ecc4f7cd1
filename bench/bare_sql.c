/*
 * bare_sql.c: the "bare" denominator for bench/people.sh. Runs, straight on SQLite with
 * statements prepared once, the SQL that sendap's caseload page and child search run
 * (src/people/store.c: child_list LIST_CASELOAD and child_search, a page of 50 rows and
 * the count), reading every column of every row, over and over for a few seconds, and
 * prints the mean microseconds per page.
 *
 * usage: bare_sql DB caseload CASEWORKER_ID SECONDS
 *        bare_sql DB search LA_CODE NAME_PREFIX SECONDS
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
	if (argc < 5) {
		fputs("usage: bare_sql DB caseload CASEWORKER_ID SECONDS\n"
		      "       bare_sql DB search LA_CODE NAME_PREFIX SECONDS\n",
		      stderr);
		return 2;
	}
	int search = strcmp(argv[2], "search") == 0;
	double seconds = strtod(argv[search ? 5 : 4], NULL);
	sqlite3 *db;
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "bare_sql: cannot open %s\n", argv[1]);
		return 1;
	}
	/* the same connection settings as sendap's (src/platform/db_sqlite.c) */
	sqlite3_exec(db, "PRAGMA mmap_size=268435456", NULL, NULL, NULL);
	sqlite3_stmt *rows, *count;
	if (sqlite3_prepare_v2(db, search ? search_rows : caseload_rows, -1, &rows, NULL) ||
	    sqlite3_prepare_v2(db, search ? search_count : caseload_count, -1, &count, NULL)) {
		fprintf(stderr, "bare_sql: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	char lo[128], hi[128];
	if (search) {
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
		n++;
		t = now_s();
	} while (t - t0 < seconds);
	printf("%.1f us per page (%ld pages, %ld bytes read)\n", (t - t0) * 1e6 / (double)n, n,
	       bytes);
	sqlite3_finalize(rows);
	sqlite3_finalize(count);
	sqlite3_close(db);
	return 0;
}
