/*
 * http_access.c: who may see which child, checked over HTTP against a real sendap. A fixed
 * cast (two LAs, two settings, four children, one account per role) is written straight
 * into a fresh database; each account signs in once through POST /sign-in. Then a table
 * gives, for every page and API route of the people area, the status each role must get,
 * and every cell is sent. Around it: sessions that must stop working (signed out, expired,
 * idle, disabled), the CSRF guard, sign-in throttling, field checks on adding a child, and
 * the audit trail: each read of a child leaves a row, and `sendap audit verify` finds an
 * edited, a deleted and a truncated row.
 *
 * Against SQLite by default; with SENDAP_TEST_PG_URL set, against that PostgreSQL.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <curl/curl.h>
#include <jansson.h>

#include "harness.h"
#include "platform/auth.h"
#include "platform/dates.h"
#include "platform/db.h"
#include "platform/ids.h"

#define PASSWORD "correct horse battery"

static struct server srv;
static struct db *tdb; /* the test's own connection, for fixtures and counts */

/* ---- the cast ---- */

enum who {
	ANON,
	P1,
	P2,
	Y,
	CW202,
	CW383,
	MGR,
	SENCO1,
	PRO,
	APP,
	PART,
	DFE,
	ADM,
	N_ROLES,       /* the matrix has a column for each of the above */
	THR = N_ROLES, /* only for the throttling test */
	N_ACTORS
};

struct actor {
	const char *key;
	const char *email;
	const char *role;
	const char *la;   /* LA staff */
	int org;          /* 1: setting S1, 2: setting S2 */
	const char *home; /* where signing in leads */
	char id[ID_LEN + 1];
	char cookie[300]; /* "Cookie: sendap_session=..." */
	char csrf[64];
};

static struct actor cast[N_ACTORS] = {
	[ANON] = {"anonymous", NULL, NULL, NULL, 0, NULL, "", "", ""},
	[P1] = {"P1", "p1@example.org", "parent", NULL, 0, "/children", "", "", ""},
	[P2] = {"P2", "p2@example.org", "parent", NULL, 0, "/children", "", "", ""},
	[Y] = {"Y", "y@example.org", "young_person", NULL, 0, "/children", "", "", ""},
	[CW202] = {"CW202", "cw202@example.org", "caseworker", "202", 0, "/children", "", "", ""},
	[CW383] = {"CW383", "cw383@example.org", "caseworker", "383", 0, "/children", "", "", ""},
	[MGR] = {"MGR", "mgr@example.org", "la_manager", "202", 0, "/children", "", "", ""},
	[SENCO1] = {"SENCO1", "senco1@example.org", "senco", NULL, 1, "/children", "", "", ""},
	[PRO] = {"PRO", "pro@example.org", "professional", NULL, 0, "/children", "", "", ""},
	[APP] = {"APP", "app@example.org", "ap_provider", NULL, 2, "/children", "", "", ""},
	[PART] = {"PART", "part@example.org", "partnership", NULL, 0, "/", "", "", ""},
	[DFE] = {"DFE", "dfe@example.org", "dfe_analyst", NULL, 0, "/", "", "", ""},
	[ADM] = {"ADM", "adm@example.org", "admin", NULL, 0, "/admin/users", "", "", ""},
	[THR] = {"THR", "thr@example.org", "parent", NULL, 0, "/children", "", "", ""},
};

enum { CH_A, CH_B, CH_C, CH_D, N_CHILDREN };
static char child_id[N_CHILDREN][ID_LEN + 1];
static char org_id[3][ID_LEN + 1];  /* [1] S1, [2] S2 */
static char unknown_id[ID_LEN + 1]; /* the shape of an id, but no record has it */
static char unknown_user[ID_LEN + 1];

/* ---- database helpers ---- */

#define run(...) harness_sql(tdb, __VA_ARGS__)

/* count: the single number a SELECT count(*) with up to three text parameters gives */
static long count(const char *sql, const char *a, const char *b, const char *c)
{
	struct db_stmt *st = NULL;
	long n = -1;
	if (db_prepare(tdb, sql, &st))
		return -1;
	const char *args[] = {a, b, c};
	int rc = 0;
	for (int i = 0; i < 3 && args[i] && rc == 0; i++)
		rc = db_bind_text(st, i + 1, args[i]);
	if (rc == 0 && db_step(st) == DB_ROW)
		n = (long)db_column_int64(st, 0);
	db_reset(st);
	return n;
}

static long children_count(void)
{
	return count("SELECT count(*) FROM child", NULL, NULL, NULL);
}

static long reads_of(enum who w, const char *type, const char *id)
{
	return count("SELECT count(*) FROM audit_event WHERE actor_id = $1 AND action = 'read'"
		     " AND record_type = $2 AND record_id = $3",
		     cast[w].id, type, id);
}

/*
 * wait_reads is reads_of once it has reached at least want, or after 5 s: the server
 * queues the audit rows of reads for a background thread (audit_writer.c), so a row
 * lands a moment after its response. A count past want is returned as it is.
 */
static long wait_reads(enum who w, const char *type, const char *id, long want)
{
	long n = reads_of(w, type, id);
	for (int i = 0; n < want && i < 1000; i++) {
		struct timespec pause = {0, 5 * 1000 * 1000};
		nanosleep(&pause, NULL);
		n = reads_of(w, type, id);
	}
	return n;
}

static void iso_time_ago(int64_t seconds, char out[TIME_ISO_LEN + 1])
{
	time_iso(time_now() - seconds, out);
}

static int seed(void)
{
	char now[TIME_ISO_LEN + 1], hash[128];
	time_iso(time_now(), now);
	/* one argon2id hash for everybody: hashing is the slow part of the fixture */
	if (password_hash(PASSWORD, hash, sizeof(hash)))
		return -1;
	int rc = run("INSERT INTO local_authority (code, name, region) VALUES ('202', 'Camden',"
		     " 'London')",
		     0);
	rc = rc ? rc
		: run("INSERT INTO local_authority (code, name, region) VALUES ('383', 'Leeds',"
		      " 'Yorkshire and The Humber')",
		      0);
	rc = rc ? rc
		: run("INSERT INTO ethnicity (code, name, major_group) VALUES ('WBRI',"
		      " 'White British', 'White'), ('APKN', 'Pakistani', 'Asian or Asian British')",
		      0);
	for (int o = 1; o <= 2 && rc == 0; o++) {
		id_new(org_id[o]);
		rc = run("INSERT INTO organisation (id, kind, name, la_code, created_at)"
			 " VALUES ($1, 'setting', $2, '202', $3)",
			 3, org_id[o], o == 1 ? "Setting One" : "Setting Two", now);
	}
	char d_dob[DATE_ISO_LEN + 1];
	date_iso(date_add_years(date_today(), -19), d_dob);
	static const struct {
		const char *given, *family, *dob, *la, *status;
		enum who caseworker; /* the case is allocated to them */
	} kids[N_CHILDREN] = {
		[CH_A] = {"Amara", "Ashdown", "2014-03-02", "202", "ehcp", CW202},
		[CH_B] = {"Ben", "Brook", "2012-07-19", "202", "sen_support", ANON},
		[CH_C] = {"Cara", "Cole", "2013-11-30", "383", "ehcp", CW383},
		[CH_D] = {"Dev", "Dale", NULL, "202", "ehcp", ANON},
	};
	for (int w = 1; w < N_ACTORS; w++)
		id_new(cast[w].id);
	for (int i = 0; i < N_CHILDREN && rc == 0; i++) {
		char sg[32], sf[32];
		id_new(child_id[i]);
		snprintf(sg, sizeof(sg), "%c%s", kids[i].given[0] + 32, kids[i].given + 1);
		snprintf(sf, sizeof(sf), "%c%s", kids[i].family[0] + 32, kids[i].family + 1);
		rc = run("INSERT INTO child (id, given_name, family_name, search_given,"
			 " search_family, date_of_birth, sex, la_code, sen_status, caseworker_id,"
			 " created_at, updated_at)"
			 " VALUES ($1, $2, $3, $4, $5, $6, 'F', $7, $8, $9, $10, $10)",
			 10, child_id[i], kids[i].given, kids[i].family, sg, sf,
			 kids[i].dob ? kids[i].dob : d_dob, kids[i].la, kids[i].status,
			 kids[i].caseworker ? cast[kids[i].caseworker].id : NULL, now);
	}
	for (int w = 1; w < N_ACTORS && rc == 0; w++) {
		struct actor *a = &cast[w];
		rc = run(
			"INSERT INTO user_account (id, email, name, role, la_code, organisation_id,"
			" child_id, password_hash, disabled, created_at)"
			" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9)",
			9, a->id, a->email, a->key, a->role, a->la, a->org ? org_id[a->org] : NULL,
			w == Y ? child_id[CH_D] : NULL, hash, now);
	}
	rc = rc ? rc
		: run("INSERT INTO child_setting (child_id, organisation_id, relation, started_on)"
		      " VALUES ($1, $2, 'roll', '2020-09-01'), ($3, $4, 'roll', '2020-09-01')",
		      4, child_id[CH_A], org_id[1], child_id[CH_B], org_id[2]);
	rc = rc ? rc
		: run("INSERT INTO family_member (id, name, user_id, created_at)"
		      " VALUES ($1, 'P1', $1, $3), ($2, 'P2', $2, $3)",
		      3, cast[P1].id, cast[P2].id, now);
	/* family_member ids reuse the account ids: one person, one id, in this fixture */
	rc = rc ? rc
		: run("INSERT INTO family_link (family_member_id, child_id, relationship)"
		      " VALUES ($1, $2, 'mother'), ($3, $4, 'father')",
		      4, cast[P1].id, child_id[CH_A], cast[P2].id, child_id[CH_B]);
	rc = rc ? rc
		: run("INSERT INTO advice_request (user_id, child_id, requested_at)"
		      " VALUES ($1, $2, $3)",
		      3, cast[PRO].id, child_id[CH_B], now);
	id_new(unknown_id);
	id_new(unknown_user);
	return rc;
}

/* ---- requests ---- */

/* send_as sends one request with the actor's cookie; a POST from a signed-in actor carries
 * its CSRF token (form field for pages, X-CSRF-Token for /api/) unless told otherwise */
static void send_as(enum who w, const char *method, const char *path, const char *body,
		    enum csrf csrf, struct response *r)
{
	harness_send(&srv, cast[w].cookie, cast[w].csrf, method, path, body, csrf, r);
}

/* sign_in_actor: POST /sign-in as a form, keep the cookie, then take the CSRF token from
 * GET /api/v1/me */
static int sign_in_actor(enum who w)
{
	struct actor *a = &cast[w];
	char where[256] = "";
	if (harness_sign_in(&srv, a->email, PASSWORD, a->cookie, sizeof(a->cookie), a->csrf,
			    sizeof(a->csrf), where, sizeof(where)) != 0 ||
	    strcmp(where, a->home) != 0) {
		fprintf(stderr, "http_access: %s could not sign in\n", a->key);
		return -1;
	}
	return 0;
}

/* ---- the access matrix ---- */

/*
 * One row per request, one column per role: each cell is the status that role must get.
 * In paths, {A} {B} {C} {D} are the children, {U} an id no record has, {X} not an id at
 * all, {Z} an id no account has. Every 303 to an anonymous visitor must go to /sign-in; a
 * signed-in 303 must go to `where` ({home}: the account's own start page). Signed-in POSTs
 * carry the session's CSRF token. Every 404 for a real child must be the very answer the
 * unknown id gets, and every 200 for a child must add one audit row (and a 404 none).
 *
 * POST /sign-out and POST /api/v1/sessions/sign-out end the session, so they have their
 * own test (signed_out_cookie_is_worth_nothing) rather than a row here.
 */
struct access_row {
	const char *method;
	const char *path;
	const char *body;
	const char *where;
	short want[N_ROLES];
};

/* clang-format off */
static const struct access_row matrix[] = {
/*                                                                   anon  P1   P2   Y    CW202 CW383 MGR SENCO PRO  APP PART  DFE  ADM */
{"GET",  "/sign-in",                        NULL, "{home}",         {200, 303, 303, 303, 303, 303, 303, 303, 303, 303, 303, 303, 303}},
{"POST", "/sign-in",                        "email=&password=", NULL, {422, 422, 422, 422, 422, 422, 422, 422, 422, 422, 422, 422, 422}},
{"GET",  "/signed-out",                     NULL, NULL,             {200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
{"GET",  "/children",                       NULL, "/children/{D}",  {303, 200, 200, 303, 200, 200, 200, 200, 200, 200, 403, 403, 403}},
{"GET",  "/children/search",                NULL, NULL,             {303, 403, 403, 403, 200, 200, 200, 200, 403, 200, 403, 403, 403}},
{"POST", "/children/search",                "name=a", NULL,         {303, 403, 403, 403, 200, 200, 200, 200, 403, 200, 403, 403, 403}},
{"GET",  "/children/new",                   NULL, NULL,             {303, 403, 403, 403, 200, 200, 200, 403, 403, 403, 403, 403, 403}},
{"POST", "/children/new",                   "given-name=", NULL,    {303, 403, 403, 403, 422, 422, 422, 403, 403, 403, 403, 403, 403}},
{"GET",  "/children/{A}",                   NULL, NULL,             {303, 200, 404, 404, 200, 404, 200, 200, 404, 404, 404, 404, 404}},
{"GET",  "/children/{B}",                   NULL, NULL,             {303, 404, 200, 404, 200, 404, 200, 404, 200, 200, 404, 404, 404}},
{"GET",  "/children/{C}",                   NULL, NULL,             {303, 404, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404}},
{"GET",  "/children/{D}",                   NULL, NULL,             {303, 404, 404, 200, 200, 404, 200, 404, 404, 404, 404, 404, 404}},
{"GET",  "/children/{U}",                   NULL, NULL,             {303, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404}},
{"GET",  "/children/{X}",                   NULL, NULL,             {303, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404}},
{"GET",  "/children/{A}/access-log",        NULL, NULL,             {303, 200, 404, 404, 200, 404, 200, 200, 404, 404, 404, 404, 404}},
{"GET",  "/children/{B}/access-log",        NULL, NULL,             {303, 404, 200, 404, 200, 404, 200, 404, 200, 200, 404, 404, 404}},
{"GET",  "/children/{C}/access-log",        NULL, NULL,             {303, 404, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404}},
{"GET",  "/children/{D}/access-log",        NULL, NULL,             {303, 404, 404, 200, 200, 404, 200, 404, 404, 404, 404, 404, 404}},
{"GET",  "/children/{U}/access-log",        NULL, NULL,             {303, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404}},
{"GET",  "/admin/users",                    NULL, NULL,             {303, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200}},
{"GET",  "/admin/users/new",                NULL, NULL,             {303, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200}},
{"POST", "/admin/users/new",                "name=", NULL,          {303, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 422}},
{"POST", "/admin/users/{Z}/disable",        "", NULL,               {303, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 404}},
{"POST", "/api/v1/sessions",                "{}", NULL,             {422, 422, 422, 422, 422, 422, 422, 422, 422, 422, 422, 422, 422}},
{"GET",  "/api/v1/me",                      NULL, NULL,             {401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
{"GET",  "/api/v1/children",                NULL, NULL,             {401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 403}},
{"POST", "/api/v1/children",                "{}", NULL,             {401, 403, 403, 403, 422, 422, 422, 403, 403, 403, 403, 403, 403}},
{"POST", "/api/v1/children/search",         "{\"name\":\"a\"}", NULL, {401, 403, 403, 403, 200, 200, 200, 200, 403, 200, 403, 403, 403}},
{"GET",  "/api/v1/children/{A}",            NULL, NULL,             {401, 200, 404, 404, 200, 404, 200, 200, 404, 404, 404, 404, 404}},
{"GET",  "/api/v1/children/{B}",            NULL, NULL,             {401, 404, 200, 404, 200, 404, 200, 404, 200, 200, 404, 404, 404}},
{"GET",  "/api/v1/children/{C}",            NULL, NULL,             {401, 404, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404}},
{"GET",  "/api/v1/children/{D}",            NULL, NULL,             {401, 404, 404, 200, 200, 404, 200, 404, 404, 404, 404, 404, 404}},
{"GET",  "/api/v1/children/{U}",            NULL, NULL,             {401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404}},
{"GET",  "/api/v1/children/{X}",            NULL, NULL,             {401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404}},
{"GET",  "/api/v1/children/{A}/access-log", NULL, NULL,             {401, 200, 404, 404, 200, 404, 200, 200, 404, 404, 404, 404, 404}},
{"GET",  "/api/v1/children/{B}/access-log", NULL, NULL,             {401, 404, 200, 404, 200, 404, 200, 404, 200, 200, 404, 404, 404}},
{"GET",  "/api/v1/children/{C}/access-log", NULL, NULL,             {401, 404, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404}},
{"GET",  "/api/v1/children/{D}/access-log", NULL, NULL,             {401, 404, 404, 200, 200, 404, 200, 404, 404, 404, 404, 404, 404}},
{"GET",  "/api/v1/children/{U}/access-log", NULL, NULL,             {401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404}},
};
/* clang-format on */

/* expand writes path with its placeholders filled in; *child is the child named, if any */
static void expand(const char *path, enum who w, char *out, size_t n, int *child)
{
	struct buf b;
	buf_init(&b, 0);
	*child = -1;
	for (const char *p = path; *p; p++) {
		if (p[0] == '{' && p[1] && p[2] == '}') {
			switch (p[1]) {
			case 'A':
			case 'B':
			case 'C':
			case 'D':
				*child = p[1] - 'A';
				buf_puts(&b, child_id[*child]);
				break;
			case 'U': buf_puts(&b, unknown_id); break;
			case 'X': buf_puts(&b, "not-an-id"); break;
			case 'Z': buf_puts(&b, unknown_user); break;
			default: break;
			}
			p += 2;
		} else if (strncmp(p, "{home}", 6) == 0) {
			buf_puts(&b, cast[w].home ? cast[w].home : "");
			p += 5;
		} else {
			buf_putc(&b, *p);
		}
	}
	snprintf(out, n, "%s", buf_cstr(&b));
	buf_release(&b);
}

/* unknown_twin: the path with its child's id swapped for the unknown one */
static void unknown_twin(const char *path, char *out, size_t n)
{
	char pat[256];
	snprintf(pat, sizeof(pat), "%s", path);
	for (char *p = pat; *p; p++)
		if (p[0] == '{' && p[1] >= 'A' && p[1] <= 'D' && p[2] == '}')
			p[1] = 'U';
	int ignored;
	expand(pat, ANON, out, n, &ignored);
}

static int cell_fails(const struct access_row *row, enum who w)
{
	char path[256], where[256];
	int child;
	expand(row->path, w, path, sizeof(path), &child);
	const char *type = strstr(row->path, "access-log") ? "child_access_log" : "child";
	long reads_before = w != ANON && child >= 0 ? reads_of(w, type, child_id[child]) : 0;
	struct response r;
	send_as(w, row->method, path, row->body, CSRF_RIGHT, &r);
	int want = row->want[w], bad = 0;
	if (r.status != want) {
		print_error("%s %s as %s: got %ld, want %d: %.200s\n", row->method, row->path,
			    cast[w].key, r.status, want, buf_cstr(&r.body));
		bad = 1;
	} else if (want == 303) {
		if (w == ANON)
			snprintf(where, sizeof(where), "/sign-in");
		else
			expand(row->where ? row->where : "", w, where, sizeof(where), &child);
		if (!response_location_is(&r, where)) {
			print_error("%s %s as %s: 303 not to %s\n", row->method, row->path,
				    cast[w].key, where);
			bad = 1;
		}
	} else if (want == 404 && child >= 0) {
		/* a child they may not see answers exactly as one that does not exist */
		char twin[256];
		struct response u;
		unknown_twin(row->path, twin, sizeof(twin));
		send_as(w, row->method, twin, row->body, CSRF_RIGHT, &u);
		if (!response_same(&r, &u)) {
			print_error("%s %s as %s: 404 differs from an unknown id's\n", row->method,
				    row->path, cast[w].key);
			bad = 1;
		}
		response_release(&u);
	}
	if (w != ANON && child >= 0) {
		long want_added = r.status == 200 ? 1 : 0;
		long added = wait_reads(w, type, child_id[child], reads_before + want_added) -
			     reads_before;
		if (added != want_added) {
			print_error("%s %s as %s: status %ld added %ld audit read rows\n",
				    row->method, row->path, cast[w].key, r.status, added);
			bad = 1;
		}
	}
	response_release(&r);
	return bad;
}

static void access_matrix_every_route_every_role(void **state)
{
	(void)state;
	int failures = 0, cells = 0;
	for (size_t i = 0; i < sizeof(matrix) / sizeof(matrix[0]); i++)
		for (int w = 0; w < N_ROLES; w++, cells++)
			failures += cell_fails(&matrix[i], (enum who)w);
	print_message("access matrix: %d cells, %d wrong\n", cells, failures);
	assert_int_equal(failures, 0);
}

/* ---- what lists and searches hold ---- */

static int json_lists(const struct response *r, const char *member, int child)
{
	json_t *o = json_loads(buf_cstr(&r->body), 0, NULL);
	json_t *arr = json_object_get(o, member);
	size_t i;
	json_t *v;
	int found = 0;
	json_array_foreach(arr, i, v)
	{
		const char *id = json_string_value(json_object_get(v, "id"));
		found |= id && strcmp(id, child_id[child]) == 0;
	}
	json_decref(o);
	return found;
}

static void lists_hold_only_their_children(void **state)
{
	(void)state;
	/* a caseworker lists the cases allocated to them (A; D is not allocated), a manager
	 * every EHC plan case in the LA (A and D; B has SEN support) */
	static const struct {
		enum who w;
		int sees[N_CHILDREN];
	} lists[] = {
		{P1, {1, 0, 0, 0}},    {P2, {0, 1, 0, 0}},  {CW202, {1, 0, 0, 0}},
		{CW383, {0, 0, 1, 0}}, {MGR, {1, 0, 0, 1}}, {SENCO1, {1, 0, 0, 0}},
		{PRO, {0, 1, 0, 0}},   {APP, {0, 1, 0, 0}}, {Y, {0, 0, 0, 0}},
	};
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		struct response r;
		send_as(lists[i].w, "GET", "/api/v1/children", NULL, CSRF_RIGHT, &r);
		assert_int_equal(r.status, 200);
		for (int c = 0; c < N_CHILDREN; c++)
			if (json_lists(&r, "children", c) != lists[i].sees[c])
				fail_msg("%s's list %s child %c", cast[lists[i].w].key,
					 lists[i].sees[c] ? "lacks" : "has", 'A' + c);
		response_release(&r);
		send_as(lists[i].w, "GET", "/children", NULL, CSRF_RIGHT, &r);
		for (int c = 0; c < N_CHILDREN && lists[i].w != Y; c++)
			if (response_has(&r, child_id[c]) != lists[i].sees[c])
				fail_msg("%s's page %s child %c", cast[lists[i].w].key,
					 lists[i].sees[c] ? "lacks" : "has", 'A' + c);
		response_release(&r);
	}
	/* the young person's list is themselves */
	struct response r;
	send_as(Y, "GET", "/api/v1/children", NULL, CSRF_RIGHT, &r);
	json_t *o = json_loads(buf_cstr(&r.body), 0, NULL);
	assert_string_equal(json_string_value(json_object_get(o, "self")), child_id[CH_D]);
	json_decref(o);
	response_release(&r);
}

static void search_stays_in_scope(void **state)
{
	(void)state;
	static const struct {
		enum who w;
		const char *name;
		int child, found;
	} cases[] = {
		{CW202, "Cole", CH_C, 0}, /* C lives in LA 383 */
		{CW383, "Cole", CH_C, 1},     {CW202, "Brook", CH_B, 1},
		{CW383, "Ashdown", CH_A, 0},  {SENCO1, "Brook", CH_B, 0}, /* B is on S2's roll */
		{SENCO1, "Ashdown", CH_A, 1}, {APP, "Brook", CH_B, 1},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char body[128];
		struct response r;
		snprintf(body, sizeof(body), "{\"name\":\"%s\"}", cases[i].name);
		send_as(cases[i].w, "POST", "/api/v1/children/search", body, CSRF_RIGHT, &r);
		assert_int_equal(r.status, 200);
		if (json_lists(&r, "children", cases[i].child) != cases[i].found)
			fail_msg("%s searching \"%s\"", cast[cases[i].w].key, cases[i].name);
		response_release(&r);
		snprintf(body, sizeof(body), "name=%s", cases[i].name);
		send_as(cases[i].w, "POST", "/children/search", body, CSRF_RIGHT, &r);
		assert_int_equal(r.status, 200);
		if (response_has(&r, child_id[cases[i].child]) != cases[i].found)
			fail_msg("%s searching the page for \"%s\"", cast[cases[i].w].key,
				 cases[i].name);
		response_release(&r);
	}
}

/* ---- the cases the brief names ---- */

static void another_familys_child_is_not_found(void **state)
{
	(void)state;
	static const char *const pattern[][2] = {{"/children/", ""},
						 {"/api/v1/children/", ""},
						 {"/children/", "/access-log"},
						 {"/api/v1/children/", "/access-log"}};
	for (size_t i = 0; i < 4; i++) {
		char theirs[128], none[128];
		snprintf(theirs, sizeof(theirs), "%s%s%s", pattern[i][0], child_id[CH_B],
			 pattern[i][1]);
		snprintf(none, sizeof(none), "%s%s%s", pattern[i][0], unknown_id, pattern[i][1]);
		struct response a, b;
		send_as(P1, "GET", theirs, NULL, CSRF_RIGHT, &a);
		send_as(P1, "GET", none, NULL, CSRF_RIGHT, &b);
		assert_int_equal(a.status, 404);
		assert_int_equal(b.status, 404);
		assert_true(response_same(&a, &b));
		assert_false(response_has(&a, "Brook"));
		response_release(&a);
		response_release(&b);
	}
}

static void dfe_analyst_never_sees_a_named_child(void **state)
{
	(void)state;
	static const char *const pattern[][2] = {{"/children/", ""},
						 {"/api/v1/children/", ""},
						 {"/children/", "/access-log"},
						 {"/api/v1/children/", "/access-log"}};
	long before = count("SELECT count(*) FROM audit_event WHERE actor_id = $1 AND"
			    " action = 'read'",
			    cast[DFE].id, NULL, NULL);
	for (int c = 0; c < N_CHILDREN; c++)
		for (size_t i = 0; i < 4; i++) {
			char path[128];
			struct response r;
			snprintf(path, sizeof(path), "%s%s%s", pattern[i][0], child_id[c],
				 pattern[i][1]);
			send_as(DFE, "GET", path, NULL, CSRF_RIGHT, &r);
			assert_int_equal(r.status, 404);
			response_release(&r);
		}
	struct response r;
	send_as(DFE, "GET", "/api/v1/children", NULL, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 403);
	response_release(&r);
	send_as(DFE, "POST", "/api/v1/children/search", "{\"name\":\"a\"}", CSRF_RIGHT, &r);
	assert_int_equal(r.status, 403);
	response_release(&r);
	assert_int_equal(count("SELECT count(*) FROM audit_event WHERE actor_id = $1 AND"
			       " action = 'read'",
			       cast[DFE].id, NULL, NULL),
			 before);
}

static const char valid_form[] = "given-name=Eli&family-name=Evans&dob-day=4&dob-month=5"
				 "&dob-year=2015&sex=M&ethnicity=WBRI&postcode=SW1A+1AA";

static void csrf_missing_or_wrong_changes_nothing(void **state)
{
	(void)state;
	/* the token the pages carry is the session's */
	struct response r;
	char hidden[128];
	snprintf(hidden, sizeof(hidden), "name=\"csrf\" value=\"%s\"", cast[CW202].csrf);
	send_as(CW202, "GET", "/children/new", NULL, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 200);
	assert_true(response_has(&r, hidden));
	response_release(&r);

	long before = children_count();
	static const enum csrf bad[] = {CSRF_NONE, CSRF_WRONG};
	for (size_t i = 0; i < 2; i++) {
		send_as(CW202, "POST", "/children/new", valid_form, bad[i], &r);
		assert_int_equal(r.status, 403);
		response_release(&r);
		send_as(CW202, "POST", "/api/v1/children",
			"{\"given_name\":\"Eli\",\"family_name\":\"Evans\","
			"\"date_of_birth\":\"2015-05-04\",\"sex\":\"M\"}",
			bad[i], &r);
		assert_int_equal(r.status, 403);
		response_release(&r);
		/* nor may an administrator's disabling be forged */
		char path[128];
		snprintf(path, sizeof(path), "/admin/users/%s/disable", cast[P2].id);
		send_as(ADM, "POST", path, "", bad[i], &r);
		assert_int_equal(r.status, 403);
		response_release(&r);
	}
	assert_int_equal(children_count(), before);
	assert_int_equal(count("SELECT count(*) FROM user_account WHERE id = $1 AND disabled = 0",
			       cast[P2].id, NULL, NULL),
			 1);
	/* and a sign-out without the token does not sign out */
	send_as(P2, "POST", "/sign-out", "", CSRF_NONE, &r);
	assert_int_equal(r.status, 403);
	response_release(&r);
	send_as(P2, "GET", "/api/v1/me", NULL, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 200);
	response_release(&r);
}

/* form_with writes the form with one field's value replaced (or added) */
static void form_with(const char *form, const char *field, const char *value, char *out, size_t n)
{
	struct buf b;
	buf_init(&b, 0);
	char copy[512];
	snprintf(copy, sizeof(copy), "%s", form);
	int seen = 0;
	for (char *save = NULL, *p = copy; p; p = save) {
		save = strchr(p, '&');
		if (save)
			*save++ = '\0';
		size_t fl = strlen(field);
		if (strncmp(p, field, fl) == 0 && p[fl] == '=') {
			buf_printf(&b, "%s%s=%s", b.len ? "&" : "", field, value);
			seen = 1;
		} else {
			buf_printf(&b, "%s%s", b.len ? "&" : "", p);
		}
	}
	if (!seen)
		buf_printf(&b, "&%s=%s", field, value);
	snprintf(out, n, "%s", buf_cstr(&b));
	buf_release(&b);
}

/*
 * A valid UPN worked by hand (DfE check letter, src/people/rules.c): for W202120000001 the
 * 12 characters after the letter, 2 0 2 1 2 0 0 0 0 0 0 1, weighted 2..13, sum to
 * 2*2 + 2*4 + 1*5 + 2*6 + 1*13 = 42; 42 mod 23 = 19, and letter 19 of
 * ABCDEFGHJKLMNPQRTUVWXYZ (from 0) is W. A202120000001 has the wrong letter.
 * For F202130000003: 2*2 + 2*4 + 1*5 + 3*6 + 3*13 = 74; 74 mod 23 = 5: F.
 * A valid ULN (LRS, weights 10..2 mod 11): 1 2 3 4 5 6 7 8 9 gives 10 + 18 + 24 + 28 + 30
 * + 30 + 28 + 24 + 18 = 210; 210 mod 11 = 1; 10 - 1 = 9, so 1234567899. 1234567890 is not.
 */
static void add_child_form_field_errors(void **state)
{
	(void)state;
	struct date today = date_today();
	char future[8], old[8];
	snprintf(future, sizeof(future), "%d", today.y + 1);
	snprintf(old, sizeof(old), "%d", today.y - 26);
	static struct {
		const char *field, *value, *field2, *value2, *anchor, *message;
	} cases[] = {
		/* 31 February 2015 */
		{"dob-day", "31", "dob-month", "2", "#dob-day",
		 "Date of birth must be a real date"},
		{"dob-year", NULL, NULL, NULL, "#dob-day",
		 "Date of birth must be today or in the past"},
		{"dob-year", NULL, NULL, NULL, "#dob-day",
		 "Date of birth must be less than 25 years ago"},
		{"upn", "A202120000001", NULL, NULL, "#upn", "its check letter does not match"},
		{"postcode", "ZZ1", NULL, NULL, "#postcode",
		 "Enter a real postcode, like SW1A 1AA"},
		{"uln", "1234567890", NULL, NULL, "#uln",
		 "Unique learner number must be the 10 digits on their learner record"},
	};
	cases[1].value = future;
	cases[2].value = old;
	long before = children_count();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char body[512], anchor[64];
		form_with(valid_form, cases[i].field, cases[i].value, body, sizeof(body));
		if (cases[i].field2) {
			char tmp[512];
			form_with(body, cases[i].field2, cases[i].value2, tmp, sizeof(tmp));
			snprintf(body, sizeof(body), "%s", tmp);
		}
		struct response r;
		send_as(CW202, "POST", "/children/new", body, CSRF_RIGHT, &r);
		if (r.status != 422 || !response_has(&r, cases[i].message))
			fail_msg("%s=%s: status %ld, body lacks \"%s\"", cases[i].field,
				 cases[i].value, r.status, cases[i].message);
		snprintf(anchor, sizeof(anchor), "href=\"%s\"", cases[i].anchor);
		assert_true(response_has(&r, "govuk-error-summary"));
		assert_true(response_has(&r, anchor));
		response_release(&r);
		assert_int_equal(children_count(), before);
	}

	char body[512];
	snprintf(body, sizeof(body), "%s&upn=W202120000001&uln=1234567899", valid_form);
	struct response r;
	send_as(CW202, "POST", "/children/new", body, CSRF_RIGHT, &r);
	char loc[256] = "";
	response_header(&r, "Location", loc, sizeof(loc));
	assert_int_equal(r.status, 303);
	assert_int_equal(strncmp(loc, "/children/", 10), 0);
	assert_true(id_valid(loc + 10));
	response_release(&r);
	assert_int_equal(children_count(), before + 1);
	assert_int_equal(count("SELECT count(*) FROM child WHERE id = $1 AND la_code = '202'"
			       " AND upn = 'W202120000001' AND postcode = 'SW1A 1AA'",
			       loc + 10, NULL, NULL),
			 1);
	long reads = reads_of(CW202, "child", loc + 10);
	send_as(CW202, "GET", loc, NULL, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 200);
	assert_true(response_has(&r, "Eli Evans"));
	response_release(&r);
	assert_int_equal(wait_reads(CW202, "child", loc + 10, reads + 1), reads + 1);
	/* the same UPN again is refused */
	send_as(CW202, "POST", "/children/new", body, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 422);
	assert_true(response_has(&r, "already has a record"));
	response_release(&r);
	assert_int_equal(children_count(), before + 1);
}

/* problem_points: a 422 problem+json whose errors include this pointer */
static int problem_points(const struct response *r, const char *pointer)
{
	char ct[128] = "";
	response_header(r, "Content-Type", ct, sizeof(ct));
	if (r->status != 422 || strcmp(ct, "application/problem+json") != 0)
		return 0;
	json_t *o = json_loads(buf_cstr(&r->body), 0, NULL);
	json_t *v;
	size_t i;
	int found = 0;
	json_array_foreach(json_object_get(o, "errors"), i, v)
	{
		const char *p = json_string_value(json_object_get(v, "pointer"));
		found |= p && strcmp(p, pointer) == 0;
	}
	json_decref(o);
	return found;
}

static void api_child_create_errors_and_201(void **state)
{
	(void)state;
	struct date today = date_today();
	char future[16], old[16];
	snprintf(future, sizeof(future), "%04d-01-01", today.y + 1);
	snprintf(old, sizeof(old), "%04d-01-01", today.y - 26);
	static const char *const base = "\"given_name\":\"Fay\",\"family_name\":\"Ford\","
					"\"sex\":\"F\"";
	struct {
		const char *extra, *pointer;
	} cases[] = {
		{"\"date_of_birth\":\"2015-02-31\"", "/date_of_birth"},
		{NULL, "/date_of_birth"},
		{NULL, "/date_of_birth"},
		{"\"date_of_birth\":\"2015-05-04\",\"upn\":\"A202130000003\"", "/upn"},
		{"\"date_of_birth\":\"2015-05-04\",\"postcode\":\"ZZ1\"", "/postcode"},
		{"\"date_of_birth\":\"2015-05-04\",\"uln\":\"1234567890\"", "/uln"},
		{"\"date_of_birth\":\"2015-05-04\",\"shoe_size\":\"3\"", "/shoe_size"},
	};
	char fut[64], ol[64];
	snprintf(fut, sizeof(fut), "\"date_of_birth\":\"%s\"", future);
	snprintf(ol, sizeof(ol), "\"date_of_birth\":\"%s\"", old);
	cases[1].extra = fut;
	cases[2].extra = ol;
	long before = children_count();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char body[512];
		snprintf(body, sizeof(body), "{%s,%s}", base, cases[i].extra);
		struct response r;
		send_as(CW202, "POST", "/api/v1/children", body, CSRF_RIGHT, &r);
		if (!problem_points(&r, cases[i].pointer))
			fail_msg("%s: status %ld, no error at %s: %.300s", cases[i].extra, r.status,
				 cases[i].pointer, buf_cstr(&r.body));
		response_release(&r);
		assert_int_equal(children_count(), before);
	}
	char body[512];
	snprintf(body, sizeof(body),
		 "{%s,\"date_of_birth\":\"2015-05-04\",\"upn\":\"F202130000003\","
		 "\"postcode\":\"ls1 4ap\",\"ethnicity\":\"APKN\",\"disadvantaged\":true}",
		 base);
	struct response r;
	send_as(CW202, "POST", "/api/v1/children", body, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 201);
	char loc[256] = "";
	assert_int_equal(response_header(&r, "Location", loc, sizeof(loc)), 0);
	assert_int_equal(strncmp(loc, "/api/v1/children/", 17), 0);
	json_t *o = json_loads(buf_cstr(&r.body), 0, NULL);
	assert_string_equal(json_string_value(json_object_get(o, "id")), loc + 17);
	assert_string_equal(json_string_value(json_object_get(o, "postcode")), "LS1 4AP");
	assert_string_equal(json_string_value(json_object_get(o, "la_code")), "202");
	json_decref(o);
	response_release(&r);
	assert_int_equal(children_count(), before + 1);
	send_as(CW202, "GET", loc, NULL, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 200);
	response_release(&r);
	/* a caseworker of another LA cannot see it */
	send_as(CW383, "GET", loc, NULL, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 404);
	response_release(&r);
}

/* ---- signing in ---- */

static void post_sign_in(const char *email, const char *password, struct response *r)
{
	char body[256];
	snprintf(body, sizeof(body), "email=%s&password=%s", email, password);
	for (char *p = body; *p; p++)
		if (*p == ' ')
			*p = '+';
	const char *h[] = {"Content-Type: application/x-www-form-urlencoded", NULL};
	harness_request(&srv, "POST", "/sign-in", h, body, strlen(body), r);
}

/* without_email: the page with the echoed address taken out */
static char *without_email(const struct response *r, const char *email)
{
	const char *s = buf_cstr(&r->body);
	struct buf out;
	buf_init(&out, 0);
	size_t el = strlen(email);
	while (*s) {
		if (strncmp(s, email, el) == 0) {
			buf_puts(&out, "EMAIL");
			s += el;
		} else {
			buf_putc(&out, *s++);
		}
	}
	buf_putc(&out, '\0');
	return buf_steal(&out, NULL);
}

static void wrong_password_same_answer_known_or_not(void **state)
{
	(void)state;
	struct response known, unknown;
	post_sign_in(cast[PART].email, "not the password", &known);
	post_sign_in("nobody@example.org", "not the password", &unknown);
	assert_int_equal(known.status, 422);
	assert_int_equal(unknown.status, 422);
	assert_true(response_has(&known, "these do not match"));
	char *a = without_email(&known, cast[PART].email);
	char *b = without_email(&unknown, "nobody@example.org");
	assert_string_equal(a, b);
	free(a);
	free(b);
	assert_int_equal(response_header(&known, "Set-Cookie", (char[8]){0}, 8), -1);
	response_release(&known);
	response_release(&unknown);
}

static void sign_in_throttled_after_five_failures(void **state)
{
	(void)state;
	struct response r;
	for (int i = 0; i < SIGN_IN_MAX_PER_ACCOUNT; i++) {
		post_sign_in(cast[THR].email, "wrong password", &r);
		assert_int_equal(r.status, 422);
		response_release(&r);
	}
	post_sign_in(cast[THR].email, PASSWORD, &r);
	assert_int_equal(r.status, 429);
	assert_true(response_has(&r, "You have tried to sign in too many times"));
	assert_int_equal(response_header(&r, "Set-Cookie", (char[8]){0}, 8), -1);
	response_release(&r);
	/* the API is held back the same way */
	const char *h[] = {"Content-Type: application/json", NULL};
	char body[256];
	snprintf(body, sizeof(body), "{\"email\":\"%s\",\"password\":\"%s\"}", cast[THR].email,
		 PASSWORD);
	harness_request(&srv, "POST", "/api/v1/sessions", h, body, strlen(body), &r);
	assert_int_equal(r.status, 429);
	response_release(&r);
	assert_int_equal(count("SELECT count(*) FROM user_session WHERE user_id = $1", cast[THR].id,
			       NULL, NULL),
			 0);
}

/* ---- sessions that must stop working ---- */

/* assert_signed_out: pages send the cookie to sign in, the API refuses it */
static void assert_signed_out(enum who w)
{
	struct response r;
	send_as(w, "GET", "/children", NULL, CSRF_RIGHT, &r);
	if (r.status != 303 || !response_location_is(&r, "/sign-in"))
		fail_msg("%s: GET /children gave %ld, not 303 to /sign-in", cast[w].key, r.status);
	response_release(&r);
	send_as(w, "GET", "/api/v1/me", NULL, CSRF_RIGHT, &r);
	if (r.status != 401)
		fail_msg("%s: GET /api/v1/me gave %ld, not 401", cast[w].key, r.status);
	response_release(&r);
	send_as(w, "GET", "/api/v1/children", NULL, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 401);
	response_release(&r);
}

static void assert_signed_in(enum who w)
{
	struct response r;
	send_as(w, "GET", "/api/v1/me", NULL, CSRF_RIGHT, &r);
	if (r.status != 200)
		fail_msg("%s: GET /api/v1/me gave %ld, not 200", cast[w].key, r.status);
	response_release(&r);
}

static void signed_out_cookie_is_worth_nothing(void **state)
{
	(void)state;
	struct response r;
	/* nobody signed in: the page goes on, the API refuses */
	send_as(ANON, "POST", "/sign-out", "", CSRF_RIGHT, &r);
	assert_int_equal(r.status, 303);
	assert_true(response_location_is(&r, "/signed-out"));
	response_release(&r);
	send_as(ANON, "POST", "/api/v1/sessions/sign-out", "{}", CSRF_RIGHT, &r);
	assert_int_equal(r.status, 401);
	response_release(&r);

	assert_signed_in(P2);
	send_as(P2, "POST", "/sign-out", "", CSRF_RIGHT, &r);
	assert_int_equal(r.status, 303);
	assert_true(response_location_is(&r, "/signed-out"));
	char v[256] = "";
	assert_int_equal(response_header(&r, "Set-Cookie", v, sizeof(v)), 0);
	assert_non_null(strstr(v, "Max-Age=0"));
	response_release(&r);
	assert_signed_out(P2);
	char path[128];
	snprintf(path, sizeof(path), "/children/%s", child_id[CH_B]);
	send_as(P2, "GET", path, NULL, CSRF_RIGHT, &r);
	assert_int_equal(r.status, 303);
	response_release(&r);

	assert_signed_in(P1);
	send_as(P1, "POST", "/api/v1/sessions/sign-out", "{}", CSRF_RIGHT, &r);
	assert_int_equal(r.status, 200);
	response_release(&r);
	assert_signed_out(P1);
	/* its CSRF token went with it: a POST with the old cookie is anonymous */
	send_as(P1, "POST", "/api/v1/children/search", "{\"name\":\"a\"}", CSRF_RIGHT, &r);
	assert_int_equal(r.status, 401);
	response_release(&r);
}

static void expired_session_signs_out(void **state)
{
	(void)state;
	char past[TIME_ISO_LEN + 1];
	iso_time_ago(60, past);
	assert_signed_in(SENCO1);
	assert_int_equal(run("UPDATE user_session SET expires_at = $1 WHERE user_id = $2", 2, past,
			     cast[SENCO1].id),
			 0);
	assert_signed_out(SENCO1);
}

static void idle_session_signs_out(void **state)
{
	(void)state;
	char idle[TIME_ISO_LEN + 1], recent[TIME_ISO_LEN + 1];
	iso_time_ago(SESSION_IDLE_S + 60, idle);
	iso_time_ago(SESSION_IDLE_S - 10 * 60, recent);
	assert_signed_in(APP);
	assert_int_equal(run("UPDATE user_session SET last_seen_at = $1 WHERE user_id = $2", 2,
			     idle, cast[APP].id),
			 0);
	assert_signed_out(APP);
	/* 50 minutes idle is still signed in, and the request moves the idle clock on */
	assert_int_equal(run("UPDATE user_session SET last_seen_at = $1 WHERE user_id = $2", 2,
			     recent, cast[MGR].id),
			 0);
	assert_signed_in(MGR);
	assert_int_equal(count("SELECT count(*) FROM user_session WHERE user_id = $1 AND"
			       " last_seen_at > $2",
			       cast[MGR].id, recent, NULL),
			 1);
}

static void disabled_account_session_stops(void **state)
{
	(void)state;
	assert_signed_in(PRO);
	char path[128];
	snprintf(path, sizeof(path), "/admin/users/%s/disable", cast[PRO].id);
	struct response r;
	send_as(ADM, "POST", path, "", CSRF_RIGHT, &r);
	assert_int_equal(r.status, 303);
	assert_true(response_location_is(&r, "/admin/users"));
	response_release(&r);
	assert_signed_out(PRO);
	assert_int_equal(count("SELECT count(*) FROM user_session WHERE user_id = $1", cast[PRO].id,
			       NULL, NULL),
			 0);
	assert_int_equal(count("SELECT count(*) FROM audit_event WHERE actor_id = $1 AND"
			       " action = 'disable' AND record_id = $2",
			       cast[ADM].id, cast[PRO].id, NULL),
			 1);
	/* and the right password no longer signs in: the same answer as a wrong one */
	post_sign_in(cast[PRO].email, PASSWORD, &r);
	assert_int_equal(r.status, 422);
	assert_true(response_has(&r, "these do not match"));
	response_release(&r);
}

/* ---- the audit trail ---- */

/* verify runs `sendap audit verify --db URL`; its output goes into out */
static int verify(char *out, size_t n)
{
	const char *bin = getenv("SENDAP_BIN");
	if (!bin || !*bin)
		bin = "build/asan/sendap";
	int fds[2];
	if (pipe(fds) != 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		char *const argv[] = {
			(char *)(uintptr_t)bin, "audit", "verify", "--db", srv.db_url, NULL};
		execv(bin, argv);
		_exit(127);
	}
	close(fds[1]);
	size_t len = 0;
	ssize_t got;
	while (len + 1 < n && (got = read(fds[0], out + len, n - 1 - len)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			break;
		len += (size_t)got;
	}
	out[len] = '\0';
	close(fds[0]);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

#define AUDIT_COLS                                                                   \
	"seq, at, actor_id, actor_role, action, record_type, record_id, request_id," \
	" prev_hash, hash"

struct saved_row {
	char seq[24];
	char *col[9]; /* at .. hash, NULL for SQL NULL */
};

static int save_row(long seq, struct saved_row *s)
{
	struct db_stmt *st = NULL;
	memset(s, 0, sizeof(*s));
	snprintf(s->seq, sizeof(s->seq), "%ld", seq);
	if (db_prepare(tdb, "SELECT " AUDIT_COLS " FROM audit_event WHERE seq = $1", &st))
		return -1;
	int rc = db_bind_int64(st, 1, seq) == 0 && db_step(st) == DB_ROW ? 0 : -1;
	for (int i = 0; rc == 0 && i < 9; i++)
		s->col[i] = db_column_is_null(st, i + 1) ? NULL : strdup(db_column_text(st, i + 1));
	db_reset(st);
	return rc;
}

static int restore_row(const struct saved_row *s)
{
	struct db_stmt *st = NULL;
	if (db_prepare(tdb,
		       "INSERT INTO audit_event (" AUDIT_COLS ")"
		       " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
		       &st))
		return -1;
	int rc = db_bind_int64(st, 1, strtoll(s->seq, NULL, 10));
	for (int i = 0; rc == 0 && i < 9; i++)
		rc = s->col[i] ? db_bind_text(st, i + 2, s->col[i]) : db_bind_null(st, i + 2);
	if (rc == 0)
		rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

static void saved_row_free(struct saved_row *s)
{
	for (int i = 0; i < 9; i++)
		free(s->col[i]);
}

static void audit_chain_verify_finds_tampering(void **state)
{
	(void)state;
	/* the server writes read rows in batches every 100 ms: let the last batch land
	 * before cutting rows, or a late row would follow the cut */
	long seen = -1;
	for (int stable = 0, i = 0; stable < 4 && i < 200; i++) {
		long n = count("SELECT count(*) FROM audit_event", NULL, NULL, NULL);
		stable = n == seen ? stable + 1 : 0;
		seen = n;
		struct timespec pause = {0, 50 * 1000 * 1000};
		nanosleep(&pause, NULL);
	}
	char out[2048], at[64];
	assert_int_equal(verify(out, sizeof(out)), 0);
	assert_non_null(strstr(out, "intact"));
	long last = count("SELECT max(seq) FROM audit_event", NULL, NULL, NULL);
	assert_true(last > 10);
	long mid = last / 2;
	char mids[24];
	snprintf(mids, sizeof(mids), "%ld", mid);
	struct saved_row m, l;
	assert_int_equal(save_row(mid, &m), 0);
	assert_int_equal(save_row(last, &l), 0);

	/* an edited row */
	assert_int_equal(run("UPDATE audit_event SET actor_role = 'tampered' WHERE seq = "
			     "CAST($1 AS BIGINT)",
			     1, mids),
			 0);
	assert_int_equal(verify(out, sizeof(out)), 1);
	snprintf(at, sizeof(at), "broken at row %ld:", mid);
	if (!strstr(out, at) || !strstr(out, "edited"))
		fail_msg("edited row %ld: \"%s\"", mid, out);
	assert_int_equal(run("UPDATE audit_event SET actor_role = $2 WHERE seq = "
			     "CAST($1 AS BIGINT)",
			     2, mids, m.col[2]),
			 0);
	assert_int_equal(verify(out, sizeof(out)), 0);

	/* a deleted row */
	assert_int_equal(run("DELETE FROM audit_event WHERE seq = CAST($1 AS BIGINT)", 1, mids), 0);
	assert_int_equal(verify(out, sizeof(out)), 1);
	if (!strstr(out, at) || !strstr(out, "missing"))
		fail_msg("deleted row %ld: \"%s\"", mid, out);
	assert_int_equal(restore_row(&m), 0);
	assert_int_equal(verify(out, sizeof(out)), 0);

	/* the last row cut off */
	assert_int_equal(run("DELETE FROM audit_event WHERE seq = CAST($1 AS BIGINT)", 1, l.seq),
			 0);
	assert_int_equal(verify(out, sizeof(out)), 1);
	snprintf(at, sizeof(at), "broken at row %ld:", last);
	if (!strstr(out, at) || !strstr(out, "removed from the end"))
		fail_msg("cut last row %ld: \"%s\"", last, out);
	assert_int_equal(restore_row(&l), 0);
	assert_int_equal(verify(out, sizeof(out)), 0);
	assert_non_null(strstr(out, "intact"));
	saved_row_free(&m);
	saved_row_free(&l);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (harness_db_fresh(&srv) || db_open(srv.db_url, &tdb) || seed() ||
	    harness_start(&srv, NULL)) {
		fprintf(stderr, "http_access: could not seed or start sendap\n");
		return 1;
	}
	int rc = 0;
	for (int w = 1; w < N_ROLES && rc == 0; w++)
		rc = sign_in_actor((enum who)w);
	int failures = 1;
	if (rc == 0) {
		static const struct CMUnitTest tests[] = {
			cmocka_unit_test(access_matrix_every_route_every_role),
			cmocka_unit_test(lists_hold_only_their_children),
			cmocka_unit_test(search_stays_in_scope),
			cmocka_unit_test(another_familys_child_is_not_found),
			cmocka_unit_test(dfe_analyst_never_sees_a_named_child),
			cmocka_unit_test(csrf_missing_or_wrong_changes_nothing),
			cmocka_unit_test(add_child_form_field_errors),
			cmocka_unit_test(api_child_create_errors_and_201),
			cmocka_unit_test(wrong_password_same_answer_known_or_not),
			cmocka_unit_test(sign_in_throttled_after_five_failures),
			cmocka_unit_test(signed_out_cookie_is_worth_nothing),
			cmocka_unit_test(expired_session_signs_out),
			cmocka_unit_test(idle_session_signs_out),
			cmocka_unit_test(disabled_account_session_stops),
			cmocka_unit_test(audit_chain_verify_finds_tampering),
		};
		const char *group = getenv("SENDAP_TEST_PG_URL") ? "http access (postgresql)"
								 : "http access (sqlite)";
		failures = _cmocka_run_group_tests(group, tests, sizeof(tests) / sizeof(tests[0]),
						   NULL, NULL);
	}
	db_close(tdb);
	int status = harness_stop(&srv, SIGTERM);
	harness_cleanup(&srv);
	curl_global_cleanup();
	if (status != 0) {
		fprintf(stderr,
			"http_access: sendap exited with status %d (sanitizer report in "
			"build/test-logs/server-*.log)\n",
			status);
		return 1;
	}
	return failures ? 1 : 0;
}
