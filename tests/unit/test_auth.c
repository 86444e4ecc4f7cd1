/*
 * test_auth.c: roles, passwords, sign-in throttling and sessions (src/platform/auth.c).
 *
 * Every case that needs a store starts from a fresh, migrated, empty one: a SQLite temp
 * file, and, when SENDAP_TEST_PG_URL is set (sh scripts/with-pg.sh sets it), a PostgreSQL
 * schema of its own that is dropped afterwards. Accounts are inserted with plain SQL.
 *
 * Sign-in: the right password gives 0 and the user; a wrong password, an unknown address
 * and a disabled account are all ERR_DENIED; 5 failures for one account in 15 minutes, or
 * 20 from one network address across any accounts, give ERR_THROTTLED even for the right
 * password. Failures are stored under hashes, never the email or address itself.
 * Sessions: only a hash of the token is stored; session_end, the absolute expiry and an
 * hour idle each make session_find ERR_UNAUTH. argon2id is slow by design (slower under
 * ASan), so every case hashes only a handful of times.
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

#include "platform/auth.h"
#include "platform/dates.h"
#include "platform/db.h"
#include "platform/err.h"
#include "platform/log.h"
#include "platform/migrate.h"

#define PASSWORD "correct horse battery"
#define ADDRESS "192.0.2.10"

struct fixture {
	char path[64];   /* the SQLite temp file, "" for PostgreSQL */
	char schema[64]; /* the PostgreSQL schema, "" for SQLite */
	struct db *db;
};

static enum db_kind group_kind;
static unsigned schema_seq;

/* ---- no store ---- */

static void every_role_name_parses_back_to_its_role(void **state)
{
	(void)state;
	for (int r = ROLE_PARENT; r < ROLE_COUNT; r++) {
		const char *name = role_name((enum role)r);
		assert_non_null(name);
		assert_string_not_equal(name, "none");
		assert_int_equal(role_parse(name), r);
		assert_non_null(role_label((enum role)r));
		assert_true(strlen(role_label((enum role)r)) > 0);
		for (int o = ROLE_PARENT; o < r; o++)
			assert_string_not_equal(role_name((enum role)o), name);
	}
	assert_string_equal(role_name(ROLE_PARENT), "parent");
	assert_string_equal(role_name(ROLE_YOUNG_PERSON), "young_person");
	assert_string_equal(role_name(ROLE_CASEWORKER), "caseworker");
	assert_string_equal(role_name(ROLE_LA_MANAGER), "la_manager");
	assert_string_equal(role_name(ROLE_SENCO), "senco");
	assert_string_equal(role_name(ROLE_PROFESSIONAL), "professional");
	assert_string_equal(role_name(ROLE_AP_PROVIDER), "ap_provider");
	assert_string_equal(role_name(ROLE_PARTNERSHIP), "partnership");
	assert_string_equal(role_name(ROLE_DFE_ANALYST), "dfe_analyst");
	assert_string_equal(role_name(ROLE_ADMIN), "admin");
}

static void unknown_role_names_are_none(void **state)
{
	(void)state;
	assert_int_equal(role_parse(NULL), ROLE_NONE);
	assert_int_equal(role_parse(""), ROLE_NONE);
	assert_int_equal(role_parse("none"), ROLE_NONE); /* "none" is never a role to hold */
	assert_int_equal(role_parse("Parent"), ROLE_NONE);
	assert_int_equal(role_parse("parent "), ROLE_NONE);
	assert_int_equal(role_parse("superuser"), ROLE_NONE);
	assert_string_equal(role_name(ROLE_NONE), "none");
	assert_string_equal(role_name(ROLE_COUNT), "none");
	assert_string_equal(role_label(ROLE_COUNT), role_label(ROLE_NONE));
}

static void password_hash_checks_only_the_right_password(void **state)
{
	(void)state;
	char hash[128];
	assert_int_equal(password_hash(PASSWORD, hash, sizeof(hash)), 0);
	assert_memory_equal(hash, "$argon2id$", 10);
	assert_null(strstr(hash, PASSWORD));
	assert_true(password_check(hash, PASSWORD));
	assert_false(password_check(hash, "correct horse batterY"));
	assert_false(password_check(hash, ""));
	assert_false(password_check(hash, NULL));
	assert_false(password_check(NULL, PASSWORD));
	assert_false(password_check("", PASSWORD));
	char small[16];
	assert_int_equal(password_hash(PASSWORD, small, sizeof(small)), ERR_INVALID);
}

static void email_is_trimmed_and_lower_cased(void **state)
{
	(void)state;
	char out[256];
	assert_int_equal(email_normalise("  Ann.Smith@Example.GOV.uk\t", out, sizeof(out)), 0);
	assert_string_equal(out, "ann.smith@example.gov.uk");
	assert_int_equal(email_normalise("a@b.co", out, sizeof(out)), 0);
	assert_string_equal(out, "a@b.co");
	assert_int_equal(email_normalise("ann+send@example.org", out, sizeof(out)), 0);
	assert_string_equal(out, "ann+send@example.org");
}

static void implausible_email_is_refused(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"",
		"   ",
		"ann",
		"@example.com",     /* nothing before @ */
		"ann@",             /* nothing after */
		"ann@example",      /* no dot in the domain */
		"ann@.example.com", /* dot straight after @ */
		"ann@example.",     /* ends with a dot */
		"ann@@example.com",
		"a@b@example.com",
		"ann smith@example.com",
		"<ann@example.com>",
		"\"ann\"@example.com",
		"ann@example.com,bob@example.com",
		"ann\n@example.com",
	};
	char out[256];
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(email_normalise(bad[i], out, sizeof(out)), ERR_INVALID);
	assert_int_equal(email_normalise(NULL, out, sizeof(out)), ERR_INVALID);
	/* too long for out, and too long for any address (over 254) */
	char small[8];
	assert_int_equal(email_normalise("ann@example.com", small, sizeof(small)), ERR_INVALID);
	char big[300];
	memset(big, 'a', sizeof(big));
	memcpy(big + 280, "@example.com", 13);
	char out2[400];
	assert_int_equal(email_normalise(big, out2, sizeof(out2)), ERR_INVALID);
}

/* ---- a fresh store per case ---- */

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
		snprintf(f->path, sizeof(f->path), "/tmp/sendap-test-auth-XXXXXX");
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
		snprintf(f->schema, sizeof(f->schema), "authtest_%ld_%lld_%u", (long)getpid(),
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

/* stored_hash: one argon2id hash of PASSWORD for every account, made once per run */
static const char *stored_hash(void)
{
	static char hash[128];
	if (!hash[0])
		assert_int_equal(password_hash(PASSWORD, hash, sizeof(hash)), 0);
	return hash;
}

static void insert_user(struct fixture *f, const char *id, const char *email, const char *role,
			int disabled)
{
	struct db_stmt *st = NULL;
	assert_int_equal(
		db_prepare(f->db,
			   "INSERT INTO user_account (id, email, name, role, password_hash,"
			   " disabled, created_at) VALUES ($1, $2, $3, $4, $5, $6,"
			   " '2026-01-01T00:00:00.000Z')",
			   &st),
		0);
	assert_int_equal(db_bind_text(st, 1, id), 0);
	assert_int_equal(db_bind_text(st, 2, email), 0);
	assert_int_equal(db_bind_text(st, 3, "Sam Jones"), 0);
	assert_int_equal(db_bind_text(st, 4, role), 0);
	assert_int_equal(db_bind_text(st, 5, stored_hash()), 0);
	assert_int_equal(db_bind_int64(st, 6, disabled), 0);
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
}

static int64_t count(struct fixture *f, const char *sql, const char *arg)
{
	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(f->db, sql, &st), 0);
	if (arg)
		assert_int_equal(db_bind_text(st, 1, arg), 0);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_column_int64(st, 0);
	db_reset(st);
	return n;
}

static void exec1(struct fixture *f, const char *sql, const char *arg)
{
	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(f->db, sql, &st), 0);
	if (arg)
		assert_int_equal(db_bind_text(st, 1, arg), 0);
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
}

#define SAM_ID "sam0000000000000000001"
#define SAM "sam.jones@example.gov.uk"

static void right_password_signs_in_and_fills_the_user(void **state)
{
	struct fixture *f = *state;
	insert_user(f, SAM_ID, SAM, "caseworker", 0);
	struct user u;
	memset(&u, 0x5a, sizeof(u));
	/* the address is matched however it is typed */
	assert_int_equal(sign_in(f->db, "  Sam.Jones@Example.GOV.UK ", PASSWORD, ADDRESS, &u), 0);
	assert_string_equal(u.id, SAM_ID);
	assert_int_equal(u.role, ROLE_CASEWORKER);
	assert_string_equal(u.name, "Sam Jones");
	assert_string_equal(u.email, SAM);
	assert_string_equal(u.la_code, "");
	assert_string_equal(u.org_id, "");
	assert_string_equal(u.child_id, "");
	assert_int_equal(count(f, "SELECT COUNT(*) FROM sign_in_failure", NULL), 0);
}

static void wrong_password_unknown_address_and_disabled_are_all_denied(void **state)
{
	struct fixture *f = *state;
	insert_user(f, SAM_ID, SAM, "caseworker", 0);
	insert_user(f, "off0000000000000000001", "off@example.gov.uk", "senco", 1);
	struct user u;
	memset(&u, 0x5a, sizeof(u));
	assert_int_equal(sign_in(f->db, SAM, "correct horse batterY", ADDRESS, &u), ERR_DENIED);
	assert_string_equal(u.id, ""); /* nothing of the account is handed back */
	assert_int_equal(sign_in(f->db, "nobody@example.gov.uk", PASSWORD, ADDRESS, &u),
			 ERR_DENIED);
	assert_int_equal(sign_in(f->db, "off@example.gov.uk", PASSWORD, ADDRESS, &u), ERR_DENIED);
	assert_string_equal(u.id, "");
	/* each was recorded, once for the account and once for the address */
	assert_int_equal(count(f, "SELECT COUNT(*) FROM sign_in_failure", NULL), 6);
	/* no password or an address that is not one: denied without a lookup */
	assert_int_equal(sign_in(f->db, SAM, "", ADDRESS, &u), ERR_DENIED);
	assert_int_equal(sign_in(f->db, SAM, NULL, ADDRESS, &u), ERR_DENIED);
	assert_int_equal(sign_in(f->db, "sam", PASSWORD, ADDRESS, &u), ERR_DENIED);
}

static void five_failures_throttle_the_account_even_with_the_right_password(void **state)
{
	struct fixture *f = *state;
	insert_user(f, SAM_ID, SAM, "caseworker", 0);
	struct user u;
	/* from five different addresses, so only the account's count reaches its limit */
	static const char *const addrs[] = {"192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4",
					    "192.0.2.5"};
	for (int i = 0; i < SIGN_IN_MAX_PER_ACCOUNT; i++)
		assert_int_equal(sign_in(f->db, SAM, "wrong password", addrs[i], &u), ERR_DENIED);
	assert_int_equal(sign_in(f->db, SAM, PASSWORD, "192.0.2.6", &u), ERR_THROTTLED);
	assert_int_equal(sign_in(f->db, "SAM.JONES@example.gov.uk", PASSWORD, ADDRESS, &u),
			 ERR_THROTTLED);
	/* once the failures are older than the window, the right password works again */
	exec1(f, "UPDATE sign_in_failure SET at = '2000-01-01T00:00:00.000Z'", NULL);
	assert_int_equal(sign_in(f->db, SAM, PASSWORD, ADDRESS, &u), 0);
	assert_string_equal(u.id, SAM_ID);
}

static void success_clears_the_account_failures(void **state)
{
	struct fixture *f = *state;
	insert_user(f, SAM_ID, SAM, "caseworker", 0);
	struct user u;
	for (int i = 0; i < SIGN_IN_MAX_PER_ACCOUNT - 1; i++)
		assert_int_equal(sign_in(f->db, SAM, "wrong password", ADDRESS, &u), ERR_DENIED);
	assert_int_equal(sign_in(f->db, SAM, PASSWORD, ADDRESS, &u), 0);
	/* the address keeps its 4; the account has none left */
	assert_int_equal(count(f, "SELECT COUNT(*) FROM sign_in_failure", NULL), 4);
	assert_int_equal(sign_in(f->db, SAM, "wrong password", ADDRESS, &u), ERR_DENIED);
	assert_int_equal(sign_in(f->db, SAM, PASSWORD, ADDRESS, &u), 0);
}

static void twenty_failures_from_one_address_throttle_every_account(void **state)
{
	struct fixture *f = *state;
	insert_user(f, SAM_ID, SAM, "caseworker", 0);
	insert_user(f, "ann0000000000000000001", "ann@example.gov.uk", "senco", 0);
	insert_user(f, "bob0000000000000000001", "bob@example.gov.uk", "parent", 0);
	struct user u;
	/* two real failures from ADDRESS against two different accounts ... */
	assert_int_equal(sign_in(f->db, SAM, "wrong password", ADDRESS, &u), ERR_DENIED);
	assert_int_equal(sign_in(f->db, "ann@example.gov.uk", "wrong password", ADDRESS, &u),
			 ERR_DENIED);
	assert_int_equal(count(f,
			       "SELECT COUNT(DISTINCT subject) FROM sign_in_failure WHERE subject"
			       " LIKE 'address:%'",
			       NULL),
			 1);
	/* ... and 18 more like them (copies of the address's row: hashing 18 more
	 * passwords would only make the case slow) */
	for (int i = 0; i < SIGN_IN_MAX_PER_ADDRESS - 2; i++)
		exec1(f,
		      "INSERT INTO sign_in_failure (subject, at) SELECT subject, MAX(at) FROM"
		      " sign_in_failure WHERE subject LIKE 'address:%' GROUP BY subject",
		      NULL);
	assert_int_equal(
		count(f, "SELECT COUNT(*) FROM sign_in_failure WHERE subject LIKE 'address:%'",
		      NULL),
		SIGN_IN_MAX_PER_ADDRESS);
	/* no account has reached 5, yet the address is refused for all of them */
	assert_int_equal(sign_in(f->db, "bob@example.gov.uk", PASSWORD, ADDRESS, &u),
			 ERR_THROTTLED);
	assert_int_equal(sign_in(f->db, SAM, PASSWORD, ADDRESS, &u), ERR_THROTTLED);
	/* another address is not */
	assert_int_equal(sign_in(f->db, "bob@example.gov.uk", PASSWORD, "198.51.100.7", &u), 0);
	assert_string_equal(u.id, "bob0000000000000000001");
}

static void stored_failures_hold_no_email_or_address_in_clear(void **state)
{
	struct fixture *f = *state;
	insert_user(f, SAM_ID, SAM, "caseworker", 0);
	struct user u;
	assert_int_equal(sign_in(f->db, SAM, "wrong password", ADDRESS, &u), ERR_DENIED);
	assert_int_equal(sign_in(f->db, "Nobody@Example.org", "wrong password", "2001:db8::1", &u),
			 ERR_DENIED);
	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(f->db, "SELECT subject, at FROM sign_in_failure", &st), 0);
	int rows = 0, accounts = 0, addresses = 0;
	while (db_step(st) == DB_ROW) {
		const char *s = db_column_text(st, 0);
		rows++;
		accounts += strncmp(s, "account:", 8) == 0;
		addresses += strncmp(s, "address:", 8) == 0;
		static const char *const secrets[] = {SAM,       "sam.jones",   "example",
						      "nobody",  "Nobody",      ADDRESS,
						      "192.0.2", "2001:db8::1", "wrong password"};
		for (size_t i = 0; i < sizeof(secrets) / sizeof(secrets[0]); i++)
			assert_null(strstr(s, secrets[i]));
		assert_null(strchr(s, '@'));
	}
	db_reset(st);
	assert_int_equal(rows, 4);
	assert_int_equal(accounts, 2);
	assert_int_equal(addresses, 2);
}

static void session_is_found_by_its_token_which_is_never_stored(void **state)
{
	struct fixture *f = *state;
	insert_user(f, SAM_ID, SAM, "caseworker", 0);
	struct user u, found;
	int disabled = -1;
	assert_int_equal(user_get(f->db, SAM_ID, &u, &disabled), 0);
	assert_int_equal(disabled, 0);
	char token[64];
	assert_int_equal(session_start(f->db, &u, token, sizeof(token)), 0);
	assert_int_equal(strlen(token), 43);
	assert_int_equal(strlen(u.csrf), 43);
	assert_string_not_equal(u.csrf, token);

	memset(&found, 0, sizeof(found));
	assert_int_equal(session_find(f->db, token, &found), 0);
	assert_string_equal(found.id, SAM_ID);
	assert_int_equal(found.role, ROLE_CASEWORKER);
	assert_string_equal(found.csrf, u.csrf);

	/* the store holds a 64-hex-digit hash, never the token itself */
	struct db_stmt *st = NULL;
	assert_int_equal(
		db_prepare(f->db, "SELECT token_hash, csrf, user_id FROM user_session", &st), 0);
	assert_int_equal(db_step(st), DB_ROW);
	const char *h = db_column_text(st, 0);
	assert_string_not_equal(h, token);
	assert_null(strstr(h, token));
	assert_int_equal(strlen(h), 64);
	assert_int_equal(strspn(h, "0123456789abcdef"), 64);
	assert_string_not_equal(db_column_text(st, 1), token);
	assert_string_equal(db_column_text(st, 2), SAM_ID);
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
	assert_int_equal(count(f,
			       "SELECT COUNT(*) FROM user_session WHERE token_hash = $1"
			       " OR csrf = $1 OR user_id = $1",
			       token),
			 0);

	/* a second session has another token, and both are live */
	struct user u2 = u;
	char token2[64];
	assert_int_equal(session_start(f->db, &u2, token2, sizeof(token2)), 0);
	assert_string_not_equal(token, token2);
	assert_int_equal(session_find(f->db, token, &found), 0);
	assert_int_equal(session_find(f->db, token2, &found), 0);
	assert_string_equal(found.csrf, u2.csrf);
}

static void unknown_or_malformed_tokens_find_nothing(void **state)
{
	struct fixture *f = *state;
	insert_user(f, SAM_ID, SAM, "caseworker", 0);
	struct user u, found;
	assert_int_equal(user_get(f->db, SAM_ID, &u, NULL), 0);
	char token[64];
	assert_int_equal(session_start(f->db, &u, token, sizeof(token)), 0);
	char other[64];
	snprintf(other, sizeof(other), "%s", token);
	other[0] = other[0] == 'A' ? 'B' : 'A';
	assert_int_equal(session_find(f->db, other, &found), ERR_UNAUTH);
	assert_int_equal(session_find(f->db, NULL, &found), ERR_UNAUTH);
	assert_int_equal(session_find(f->db, "", &found), ERR_UNAUTH);
	token[42] = '\0';
	assert_int_equal(session_find(f->db, token, &found), ERR_UNAUTH);
	char small[16];
	assert_int_equal(session_start(f->db, &u, small, sizeof(small)), ERR_INVALID);
}

static void ended_session_is_worth_nothing(void **state)
{
	struct fixture *f = *state;
	insert_user(f, SAM_ID, SAM, "caseworker", 0);
	struct user u, found;
	assert_int_equal(user_get(f->db, SAM_ID, &u, NULL), 0);
	char token[64];
	assert_int_equal(session_start(f->db, &u, token, sizeof(token)), 0);
	assert_int_equal(session_end(f->db, token), 0);
	assert_int_equal(session_find(f->db, token, &found), ERR_UNAUTH);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM user_session", NULL), 0);
	assert_int_equal(session_end(f->db, token), 0); /* ending it again is harmless */
	assert_int_equal(session_end(f->db, NULL), 0);
}

static void expired_idle_and_disabled_sessions_are_refused(void **state)
{
	struct fixture *f = *state;
	insert_user(f, SAM_ID, SAM, "caseworker", 0);
	struct user u, found;
	assert_int_equal(user_get(f->db, SAM_ID, &u, NULL), 0);
	char token[64];

	/* past its absolute expiry */
	assert_int_equal(session_start(f->db, &u, token, sizeof(token)), 0);
	assert_int_equal(session_find(f->db, token, &found), 0);
	exec1(f, "UPDATE user_session SET expires_at = '2000-01-01T00:00:00.000Z'", NULL);
	assert_int_equal(session_find(f->db, token, &found), ERR_UNAUTH);
	exec1(f, "DELETE FROM user_session", NULL);

	/* last seen 2 hours ago: more than SESSION_IDLE_S (an hour) */
	assert_int_equal(session_start(f->db, &u, token, sizeof(token)), 0);
	char ago[TIME_ISO_LEN + 1];
	time_iso(time_now() - 2 * 60 * 60, ago);
	exec1(f, "UPDATE user_session SET last_seen_at = $1", ago);
	assert_int_equal(session_find(f->db, token, &found), ERR_UNAUTH);
	/* seen 10 minutes ago is fine, and moves the idle clock on */
	time_iso(time_now() - 10 * 60, ago);
	exec1(f, "UPDATE user_session SET last_seen_at = $1", ago);
	assert_int_equal(session_find(f->db, token, &found), 0);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM user_session WHERE last_seen_at > $1", ago),
			 1);
	exec1(f, "DELETE FROM user_session", NULL);

	/* the account disabled after the session began */
	assert_int_equal(session_start(f->db, &u, token, sizeof(token)), 0);
	exec1(f, "UPDATE user_account SET disabled = 1 WHERE id = $1", SAM_ID);
	assert_int_equal(session_find(f->db, token, &found), ERR_UNAUTH);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

static const struct CMUnitTest store_tests[] = {
	T(right_password_signs_in_and_fills_the_user),
	T(wrong_password_unknown_address_and_disabled_are_all_denied),
	T(five_failures_throttle_the_account_even_with_the_right_password),
	T(success_clears_the_account_failures),
	T(twenty_failures_from_one_address_throttle_every_account),
	T(stored_failures_hold_no_email_or_address_in_clear),
	T(session_is_found_by_its_token_which_is_never_stored),
	T(unknown_or_malformed_tokens_find_nothing),
	T(ended_session_is_worth_nothing),
	T(expired_idle_and_disabled_sessions_are_refused),
};

int main(void)
{
	log_set_fd(-1); /* "migration applied" for every case is noise here */
	const struct CMUnitTest plain_tests[] = {
		cmocka_unit_test(every_role_name_parses_back_to_its_role),
		cmocka_unit_test(unknown_role_names_are_none),
		cmocka_unit_test(password_hash_checks_only_the_right_password),
		cmocka_unit_test(email_is_trimmed_and_lower_cased),
		cmocka_unit_test(implausible_email_is_refused),
	};
	int failed = cmocka_run_group_tests_name("auth", plain_tests, NULL, NULL);
	group_kind = DB_SQLITE;
	failed += cmocka_run_group_tests_name("auth/sqlite", store_tests, NULL, NULL);
	const char *pg = getenv("SENDAP_TEST_PG_URL");
	if (pg && *pg) {
		group_kind = DB_POSTGRES;
		failed += cmocka_run_group_tests_name("auth/postgresql", store_tests, NULL, NULL);
	}
	return failed;
}
