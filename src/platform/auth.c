/* auth.c: passwords, sessions, CSRF and throttled sign-in; see auth.h. */
#include "platform/auth.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "platform/dates.h"
#include "platform/err.h"

int auth_cookie_secure = 0;

/* OWASP's argon2id minimum (m = 19 MiB, t = 2): about 20 ms here per hash */
#define PW_OPSLIMIT 2
#define PW_MEMLIMIT ((size_t)19 * 1024 * 1024)

#define TOKEN_BYTES 32
#define TOKEN_TEXT 44 /* base64url of 32 bytes without padding, plus NUL */
#define HASH_HEX 65   /* hex of a 32-byte BLAKE2b, plus NUL */

static const char *const role_names[ROLE_COUNT] = {
	[ROLE_NONE] = "none",
	[ROLE_PARENT] = "parent",
	[ROLE_YOUNG_PERSON] = "young_person",
	[ROLE_CASEWORKER] = "caseworker",
	[ROLE_LA_MANAGER] = "la_manager",
	[ROLE_SENCO] = "senco",
	[ROLE_PROFESSIONAL] = "professional",
	[ROLE_AP_PROVIDER] = "ap_provider",
	[ROLE_PARTNERSHIP] = "partnership",
	[ROLE_DFE_ANALYST] = "dfe_analyst",
	[ROLE_ADMIN] = "admin",
};

static const char *const role_labels[ROLE_COUNT] = {
	[ROLE_NONE] = "Not signed in",
	[ROLE_PARENT] = "Parent or carer",
	[ROLE_YOUNG_PERSON] = "Young person",
	[ROLE_CASEWORKER] = "SEND caseworker",
	[ROLE_LA_MANAGER] = "SEND manager",
	[ROLE_SENCO] = "SENCo",
	[ROLE_PROFESSIONAL] = "Health, care or educational psychology professional",
	[ROLE_AP_PROVIDER] = "Alternative provision provider",
	[ROLE_PARTNERSHIP] = "Local inclusion partnership member",
	[ROLE_DFE_ANALYST] = "DfE analyst",
	[ROLE_ADMIN] = "Administrator",
};

const char *role_name(enum role r)
{
	return r >= 0 && r < ROLE_COUNT ? role_names[r] : "none";
}

const char *role_label(enum role r)
{
	return r >= 0 && r < ROLE_COUNT ? role_labels[r] : role_labels[ROLE_NONE];
}

enum role role_parse(const char *s)
{
	for (int r = 1; s && r < ROLE_COUNT; r++)
		if (strcmp(s, role_names[r]) == 0)
			return (enum role)r;
	return ROLE_NONE;
}

/* ---- passwords ---- */

int password_hash(const char *password, char *out, size_t n)
{
	if (n < crypto_pwhash_STRBYTES)
		return ERR_INVALID;
	if (crypto_pwhash_str(out, password, strlen(password), PW_OPSLIMIT, PW_MEMLIMIT) != 0)
		return ERR_NOMEM;
	return 0;
}

int password_check(const char *hash, const char *password)
{
	return hash && password && crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

int email_normalise(const char *in, char *out, size_t n)
{
	if (!in)
		return ERR_INVALID;
	while (*in == ' ' || *in == '\t')
		in++;
	size_t len = strlen(in);
	while (len && (in[len - 1] == ' ' || in[len - 1] == '\t'))
		len--;
	if (len == 0 || len >= n || len > 254)
		return ERR_INVALID;
	size_t at = 0, ats = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];
		if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == '"' || c == ',')
			return ERR_INVALID;
		if (c == '@') {
			at = i;
			ats++;
		}
		out[i] = (char)tolower(c);
	}
	out[len] = '\0';
	if (ats != 1 || at == 0 || at + 1 >= len)
		return ERR_INVALID;
	const char *dot = strchr(out + at + 1, '.');
	if (!dot || dot == out + at + 1 || dot[1] == '\0' || out[len - 1] == '.')
		return ERR_INVALID;
	return 0;
}

/* ---- users ---- */

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

#define USER_COLUMNS "u.id, u.role, u.name, u.email, u.la_code, u.organisation_id, u.child_id"

static void user_read(struct db_stmt *st, struct user *u)
{
	memset(u, 0, sizeof(*u));
	copy(u->id, sizeof(u->id), db_column_text(st, 0));
	u->role = role_parse(db_column_text(st, 1));
	copy(u->name, sizeof(u->name), db_column_text(st, 2));
	copy(u->email, sizeof(u->email), db_column_text(st, 3));
	copy(u->la_code, sizeof(u->la_code), db_column_text(st, 4));
	copy(u->org_id, sizeof(u->org_id), db_column_text(st, 5));
	copy(u->child_id, sizeof(u->child_id), db_column_text(st, 6));
}

int user_get(struct db *db, const char *id, struct user *out, int *disabled)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(
		db, "SELECT " USER_COLUMNS ", u.disabled FROM user_account u WHERE u.id = $1", &st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, id)) == 0) {
		rc = db_step(st);
		if (rc == DB_ROW) {
			user_read(st, out);
			if (disabled)
				*disabled = (int)db_column_int64(st, 7);
			rc = 0;
		} else if (rc == DB_DONE) {
			rc = ERR_NOTFOUND;
		}
	}
	db_reset(st);
	return rc;
}

/* ---- throttling ---- */

/* subject_key: "account:" or "address:" and a hash, so no address is stored as such */
static void subject_key(const char *kind, const char *value, char *out, size_t n)
{
	unsigned char h[16];
	char hex[33];
	crypto_generichash(h, sizeof(h), (const unsigned char *)value, strlen(value), NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	snprintf(out, n, "%s:%s", kind, hex);
}

static int failures_since(struct db *db, const char *subject, const char *since, long *n)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(
		db, "SELECT count(*) FROM sign_in_failure WHERE subject = $1 AND at > $2", &st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, subject)) == 0 && (rc = db_bind_text(st, 2, since)) == 0) {
		rc = db_step(st);
		if (rc == DB_ROW) {
			*n = (long)db_column_int64(st, 0);
			rc = 0;
		}
	}
	db_reset(st);
	return rc;
}

static int exec2(struct db *db, const char *sql, const char *a, const char *b)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, a)) == 0 && (!b || (rc = db_bind_text(st, 2, b)) == 0))
		rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : rc;
}

static int record_failure(struct db *db, const char *acct, const char *addr, const char *now,
			  const char *old)
{
	int rc = db_begin(db);
	if (rc)
		return rc;
	if ((rc = exec2(db, "INSERT INTO sign_in_failure (subject, at) VALUES ($1, $2)", acct,
			now)) == 0 &&
	    (rc = exec2(db, "INSERT INTO sign_in_failure (subject, at) VALUES ($1, $2)", addr,
			now)) == 0 &&
	    (rc = exec2(db, "DELETE FROM sign_in_failure WHERE subject = $1 AND at <= $2", acct,
			old)) == 0 &&
	    (rc = exec2(db, "DELETE FROM sign_in_failure WHERE subject = $1 AND at <= $2", addr,
			old)) == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

int sign_in(struct db *db, const char *email, const char *password, const char *address,
	    struct user *out)
{
	char norm[256];
	if (email_normalise(email, norm, sizeof(norm)) != 0 || !password || !*password)
		return ERR_DENIED;
	char acct[80], addr[80], now[TIME_ISO_LEN + 1], since[TIME_ISO_LEN + 1];
	subject_key("account", norm, acct, sizeof(acct));
	subject_key("address", address ? address : "", addr, sizeof(addr));
	int64_t t = time_now();
	time_iso(t, now);
	time_iso(t - SIGN_IN_WINDOW_S, since);
	long n_acct = 0, n_addr = 0;
	int rc = failures_since(db, acct, since, &n_acct);
	if (rc == 0)
		rc = failures_since(db, addr, since, &n_addr);
	if (rc)
		return rc;
	if (n_acct >= SIGN_IN_MAX_PER_ACCOUNT || n_addr >= SIGN_IN_MAX_PER_ADDRESS)
		return ERR_THROTTLED;

	struct db_stmt *st = NULL;
	rc = db_prepare(db,
			"SELECT " USER_COLUMNS ", u.password_hash, u.disabled"
			" FROM user_account u WHERE u.email = $1",
			&st);
	if (rc)
		return rc;
	int ok = 0;
	if ((rc = db_bind_text(st, 1, norm)) == 0) {
		rc = db_step(st);
		if (rc == DB_ROW) {
			user_read(st, out);
			ok = password_check(db_column_text(st, 7), password) &&
			     db_column_int64(st, 8) == 0;
			rc = 0;
		} else if (rc == DB_DONE) {
			/* hash anyway, so a missing account takes as long as a wrong password */
			char dummy[crypto_pwhash_STRBYTES];
			password_hash(password, dummy, sizeof(dummy));
			rc = 0;
		}
	}
	db_reset(st);
	if (rc)
		return rc;
	if (!ok) {
		memset(out, 0, sizeof(*out));
		rc = record_failure(db, acct, addr, now, since);
		return rc ? rc : ERR_DENIED;
	}
	return exec2(db, "DELETE FROM sign_in_failure WHERE subject = $1", acct, NULL);
}

/* ---- sessions ---- */

static void token_hash(const char *token, char hex[HASH_HEX])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(hex, HASH_HEX, h, sizeof(h));
}

static void random_token(char *out, size_t n)
{
	unsigned char raw[TOKEN_BYTES];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, n, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

int session_start(struct db *db, struct user *u, char *token, size_t n)
{
	if (n < TOKEN_TEXT)
		return ERR_INVALID;
	char hash[HASH_HEX], now[TIME_ISO_LEN + 1], until[TIME_ISO_LEN + 1];
	random_token(token, n);
	random_token(u->csrf, sizeof(u->csrf));
	token_hash(token, hash);
	int64_t t = time_now();
	time_iso(t, now);
	time_iso(t + SESSION_MAX_S, until);
	struct db_stmt *st = NULL;
	int rc = db_begin(db);
	if (rc)
		return rc;
	rc = db_prepare(
		db,
		"INSERT INTO user_session (token_hash, user_id, csrf, created_at, expires_at,"
		" last_seen_at) VALUES ($1, $2, $3, $4, $5, $4)",
		&st);
	if (rc == 0) {
		if ((rc = db_bind_text(st, 1, hash)) == 0 &&
		    (rc = db_bind_text(st, 2, u->id)) == 0 &&
		    (rc = db_bind_text(st, 3, u->csrf)) == 0 &&
		    (rc = db_bind_text(st, 4, now)) == 0 && (rc = db_bind_text(st, 5, until)) == 0)
			rc = db_step(st) == DB_DONE ? 0 : ERR_DB;
		db_reset(st);
	}
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

int session_find(struct db *db, const char *token, struct user *out)
{
	if (!token || strlen(token) != TOKEN_TEXT - 1)
		return ERR_UNAUTH;
	char hash[HASH_HEX], now[TIME_ISO_LEN + 1], idle[TIME_ISO_LEN + 1];
	token_hash(token, hash);
	int64_t t = time_now();
	time_iso(t, now);
	time_iso(t - SESSION_IDLE_S, idle);
	struct db_stmt *st = NULL;
	int rc = db_prepare(db,
			    "SELECT " USER_COLUMNS ", s.csrf, s.last_seen_at FROM user_session s"
			    " JOIN user_account u ON u.id = s.user_id"
			    " WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3"
			    " AND u.disabled = 0",
			    &st);
	if (rc)
		return rc;
	char seen[TIME_ISO_LEN + 1] = "";
	if ((rc = db_bind_text(st, 1, hash)) == 0 && (rc = db_bind_text(st, 2, now)) == 0 &&
	    (rc = db_bind_text(st, 3, idle)) == 0) {
		rc = db_step(st);
		if (rc == DB_ROW) {
			user_read(st, out);
			copy(out->csrf, sizeof(out->csrf), db_column_text(st, 7));
			copy(seen, sizeof(seen), db_column_text(st, 8));
			rc = 0;
		} else if (rc == DB_DONE) {
			rc = ERR_UNAUTH;
		}
	}
	db_reset(st);
	if (rc)
		return rc;
	/* move the idle clock on at most once a minute: reads stay reads */
	char minute_ago[TIME_ISO_LEN + 1];
	time_iso(t - 60, minute_ago);
	if (strcmp(seen, minute_ago) < 0)
		exec2(db, "UPDATE user_session SET last_seen_at = $2 WHERE token_hash = $1", hash,
		      now);
	return 0;
}

int session_end(struct db *db, const char *token)
{
	if (!token)
		return 0;
	char hash[HASH_HEX];
	token_hash(token, hash);
	return exec2(db, "DELETE FROM user_session WHERE token_hash = $1", hash, NULL);
}

/* ---- requests ---- */

/* the per-request slot: looked up once, then kept */
struct auth_slot {
	int looked;
	int found;
	struct user user;
};

const struct user *auth_user(struct request *req)
{
	struct auth_slot *slot = req_local(req);
	if (!slot) {
		slot = arena_alloc(req_arena(req), sizeof(*slot));
		if (!slot)
			return NULL;
		req_set_local(req, slot);
	}
	if (!slot->looked) {
		slot->looked = 1;
		const char *token = req_cookie(req, SESSION_COOKIE);
		struct db *db = token ? req_db(req) : NULL;
		slot->found = db && session_find(db, token, &slot->user) == 0;
	}
	return slot->found ? &slot->user : NULL;
}

int auth_require(struct request *req, unsigned roles)
{
	const struct user *u = auth_user(req);
	if (!u)
		return ERR_UNAUTH;
	if (roles && !(roles & ROLE_BIT(u->role)))
		return ERR_DENIED;
	return 0;
}

int auth_guard(struct request *req)
{
	const char *m = req_method(req);
	if (strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0)
		return 0;
	const struct user *u = auth_user(req);
	if (!u)
		return 0; /* nobody signed in: nothing of theirs to forge */
	const char *sent = req_header(req, "X-CSRF-Token");
	if (!sent)
		sent = req_form(req, "csrf");
	size_t len = strlen(u->csrf);
	if (!sent || strlen(sent) != len || len == 0 || sodium_memcmp(sent, u->csrf, len) != 0)
		return ERR_DENIED;
	return 0;
}

int auth_set_cookie(struct request *req, const char *token)
{
	char v[160];
	snprintf(v, sizeof(v), "%s=%s; Path=/; HttpOnly; SameSite=Strict%s", SESSION_COOKIE, token,
		 auth_cookie_secure ? "; Secure" : "");
	return resp_header(req, "Set-Cookie", v);
}

int auth_clear_cookie(struct request *req)
{
	char v[160];
	snprintf(v, sizeof(v), "%s=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
		 SESSION_COOKIE, auth_cookie_secure ? "; Secure" : "");
	return resp_header(req, "Set-Cookie", v);
}
