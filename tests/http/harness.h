/*
 * harness.h: what the HTTP tests share: a real sendap started on a free port against a
 * fresh database (SQLite in a temp dir, or PostgreSQL when SENDAP_TEST_PG_URL is set),
 * and requests sent to it with libcurl.
 */
#ifndef SENDAP_TEST_HARNESS_H
#define SENDAP_TEST_HARNESS_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

#include "platform/buf.h"

struct server {
	pid_t pid;
	int port;
	char db_url[512];
	char dir[256]; /* temp dir for SQLite, "" for PostgreSQL */
	char base[64]; /* "http://127.0.0.1:PORT" */
};

struct response {
	long status;
	struct buf headers; /* raw header lines, as received */
	struct buf body;
	int curl_error; /* CURLcode, 0 for none */
};

/* harness_db_fresh makes an empty, migrated database and writes its URL into s->db_url. */
int harness_db_fresh(struct server *s);
/* harness_migrate runs the real `sendap migrate` (SENDAP_BIN, else build/asan/sendap) on
 * s->db_url, so the reference data and plan templates are loaded as in production. */
int harness_migrate(const struct server *s);
/* harness_seed_la inserts one local authority straight into the database. */
int harness_seed_la(const struct server *s, const char *code, const char *name, const char *region);
/*
 * harness_start runs `sendap serve --port 0` on s->db_url with extra arguments (NULL
 * terminated list, may be NULL) and waits for its "listening on" line.
 */
int harness_start(struct server *s, const char *const *extra);
/* harness_stop sends sig, waits, and returns the exit status (or 128+signal). */
int harness_stop(struct server *s, int sig);
/* harness_cleanup removes the temp dir. */
void harness_cleanup(struct server *s);

/*
 * harness_request sends one request. headers is a NULL-terminated list of "Name: value"
 * lines (may be NULL); body may be NULL. The response must be released.
 */
int harness_request(const struct server *s, const char *method, const char *path,
		    const char *const *headers, const char *body, size_t body_len,
		    struct response *r);
void response_release(struct response *r);
/* response_header finds a header (case-insensitive name) and copies its value into out. */
int response_header(const struct response *r, const char *name, char *out, size_t n);

/* harness_raw sends raw bytes on a new TCP connection and reads until close or timeout_ms. */
int harness_raw(const struct server *s, const void *req, size_t len, struct buf *reply,
		int timeout_ms);

/*
 * harness_connect opens a blocking TCP connection to the server. Returns the socket,
 * which the caller closes, or -1.
 */
int harness_connect(const struct server *s);
/*
 * harness_stop_within is harness_stop that waits at most timeout_s for the server to
 * exit. A server still running then counts as hung: it is killed with SIGKILL and the
 * result is -1.
 */
int harness_stop_within(struct server *s, int sig, unsigned timeout_s);
/*
 * harness_log_count counts the lines of the log of the server that ran as pid
 * (build/test-logs/server-PID.log) that contain needle; -1 when the log cannot be read.
 */
long harness_log_count(pid_t pid, const char *needle);

/* ---- shared by the tests that sign people in ---- */

struct db;
/* harness_sql: one statement with n text parameters on db (NULL binds NULL); 0 or -1 */
int harness_sql(struct db *db, const char *sql, int n, ...);
/* harness_vtext: the first column of the first row of sql (n text parameters) into out;
 * NULL when the query fails or has no row ("" for a NULL value) */
const char *harness_vtext(struct db *db, struct buf *out, const char *sql, int n, va_list ap);
/* harness_text: harness_vtext with the n text parameters written inline */
const char *harness_text(struct db *db, struct buf *out, const char *sql, int n, ...);
/* harness_number: a query's answer as a number, -1 for no row (NULL) */
long harness_number(const char *text);
/* harness_or_none: the answer, or "(no row)" to print and compare as a string */
const char *harness_or_none(const char *text);
/* harness_dump appends every row of sql to b, columns ended by '|', NULL as "NULL": a
 * snapshot to compare before and after a request that must change nothing */
void harness_dump(struct db *db, struct buf *b, const char *sql);

/*
 * harness_sign_in posts the sign-in form. On success (303) it keeps "Cookie: ..." in
 * cookie, the redirect in location (may be NULL), and the session's CSRF token, taken from
 * GET /api/v1/me, in csrf (may be NULL); 0, or -1.
 */
int harness_sign_in(const struct server *s, const char *email, const char *password, char *cookie,
		    size_t cn, char *csrf, size_t tn, char *location, size_t ln);

/* What a POST carries of the session's CSRF token: the right one, none, or a wrong one. */
enum csrf { CSRF_RIGHT, CSRF_NONE, CSRF_WRONG };
/*
 * harness_send sends a request with the cookie (NULL or "" for nobody signed in). A body
 * to /api/ goes as JSON with X-CSRF-Token, any other as a form with the field csrf; a
 * signed-in request carries the token as use says.
 */
void harness_send(const struct server *s, const char *cookie, const char *csrf, const char *method,
		  const char *path, const char *body, enum csrf use, struct response *r);

/* response_has: the body contains text; response_location_is: Location is exactly want */
int response_has(const struct response *r, const char *text);
int response_location_is(const struct response *r, const char *want);
/* response_same: the same status, Content-Type and body, but for the request id (which
 * problem+json names as "instance"), as for two answers that must not differ */
int response_same(const struct response *x, const struct response *y);

/*
 * A tally of checks, for tests that are one long scenario rather than a cmocka group.
 * tally_check prints "ok - what" or "FAIL - what" and returns ok; tally_finish prints the
 * one closing line "NAME: N passed, M failed" and returns the exit status (0 only when
 * nothing failed).
 */
struct tally {
	const char *name;
	int passed;
	int failed;
};
int tally_check(struct tally *t, int ok, const char *what);
int tally_finish(const struct tally *t);

#endif
