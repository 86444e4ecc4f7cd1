/*
 * auth.h: who is asking. Passwords (argon2id through libsodium), sessions (a random
 * token in an HttpOnly, SameSite=Strict cookie; only its hash is stored), the CSRF token
 * every form carries, and sign-in throttled per account and per address.
 *
 * What a signed-in person may see is not decided here but in src/access/.
 */
#ifndef SENDAP_AUTH_H
#define SENDAP_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "platform/db.h"
#include "platform/http.h"
#include "platform/ids.h"

enum role {
	ROLE_NONE = 0,
	ROLE_PARENT,       /* parent or carer */
	ROLE_YOUNG_PERSON, /* a young person over compulsory school age, on their own record */
	ROLE_CASEWORKER,   /* LA SEND caseworker */
	ROLE_LA_MANAGER,   /* LA SEND manager */
	ROLE_SENCO,        /* a setting's special educational needs co-ordinator */
	ROLE_PROFESSIONAL, /* health, social care, educational psychologist */
	ROLE_AP_PROVIDER,  /* alternative provision provider */
	ROLE_PARTNERSHIP,  /* member of a local inclusion partnership */
	ROLE_DFE_ANALYST,  /* national aggregates only, never a named child */
	ROLE_ADMIN,        /* user administration */
	ROLE_COUNT
};

/* role_name: the stored name ("parent", "caseworker", ...); role_label: words for pages. */
const char *role_name(enum role r);
const char *role_label(enum role r);
/* role_parse: the role for a stored name, ROLE_NONE if there is none. */
enum role role_parse(const char *s);

struct user {
	char id[ID_LEN + 1];
	enum role role;
	char name[128];
	char email[256];
	char la_code[4];           /* LA staff: their LA */
	char org_id[ID_LEN + 1];   /* setting or provider staff: their organisation */
	char child_id[ID_LEN + 1]; /* a young person: their own record */
	char csrf[48];             /* this session's CSRF token */
};

#define PASSWORD_MIN 10
#define PASSWORD_MAX 256
#define SESSION_COOKIE "sendap_session"
#define SESSION_IDLE_S (60 * 60)     /* signed out after an hour without a request */
#define SESSION_MAX_S (12 * 60 * 60) /* and after 12 hours whatever happens */
#define SIGN_IN_WINDOW_S (15 * 60)
#define SIGN_IN_MAX_PER_ACCOUNT 5  /* failures per account in the window */
#define SIGN_IN_MAX_PER_ADDRESS 20 /* failures per address in the window */

/* password_hash: argon2id (libsodium's crypto_pwhash_str); out holds 128 bytes. */
int password_hash(const char *password, char *out, size_t n);
/* password_check: 1 if password matches the stored hash. */
int password_check(const char *hash, const char *password);

/* email_normalise copies a trimmed, lower-case address into out; ERR_INVALID if it is
 * not a plausible address (one @, something either side, a dot in the domain). */
int email_normalise(const char *in, char *out, size_t n);

/* user_get reads an account by id (disabled ones too; check user_disabled). */
int user_get(struct db *db, const char *id, struct user *out, int *disabled);

/*
 * sign_in checks an email and password. It records a failure against the account and
 * the address, and refuses with ERR_THROTTLED once either has too many in the window,
 * before even looking at the password. Wrong address, wrong password and a disabled
 * account are all ERR_DENIED, so nobody can learn which accounts exist. On success *out
 * is the user and the account's failures are cleared.
 */
int sign_in(struct db *db, const char *email, const char *password, const char *address,
	    struct user *out);

/*
 * session_start makes a session for the user and writes the cookie value (the token,
 * 43 characters) into token and the CSRF token into u->csrf.
 */
int session_start(struct db *db, struct user *u, char *token, size_t n);
/* session_find: the user of a live session: 0, ERR_UNAUTH (none, expired, disabled). */
int session_find(struct db *db, const char *token, struct user *out);
/* session_end deletes the session, so its cookie is worth nothing from now on. */
int session_end(struct db *db, const char *token);

/*
 * auth_user: the signed-in user of this request, or NULL. Looked up once per request
 * from the session cookie and kept with req_set_local.
 */
const struct user *auth_user(struct request *req);
/*
 * auth_require: 0 if the request has a user whose role is in roles (a bit mask of
 * 1u << ROLE_x; 0 means any role), ERR_UNAUTH if nobody is signed in, ERR_DENIED (403)
 * if their role may not use this route. (Records they may not see are 404: src/access/.)
 */
int auth_require(struct request *req, unsigned roles);
#define ROLE_BIT(r) (1u << (r))

/*
 * auth_guard is the server's guard (http_config.guard): every POST from a signed-in
 * session must carry the session's CSRF token, in the form field "csrf" or the header
 * X-CSRF-Token, or it is refused with 403 before any handler runs.
 */
int auth_guard(struct request *req);

/* auth_cookie_secure: set 1 when sendap sits behind TLS, to mark cookies Secure. */
extern int auth_cookie_secure;
/* auth_set_cookie and auth_clear_cookie add the Set-Cookie header for the session. */
int auth_set_cookie(struct request *req, const char *token);
int auth_clear_cookie(struct request *req);

#endif
