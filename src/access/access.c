/* access.c: the one place that decides who sees which child; see access.h. */
#include "access/access.h"

#include <string.h>

#include "platform/err.h"
#include "platform/ids.h"

/* one query per relationship; each returns a row when the user may see the child */
static const char *query_for(enum role r)
{
	switch (r) {
	case ROLE_PARENT:
		return "SELECT 1 FROM family_member m JOIN family_link f ON f.family_member_id = "
		       "m.id"
		       " WHERE m.user_id = $1 AND f.child_id = $2";
	case ROLE_CASEWORKER:
	case ROLE_LA_MANAGER: return "SELECT 1 FROM child WHERE la_code = $1 AND id = $2";
	case ROLE_SENCO:
	case ROLE_AP_PROVIDER:
		return "SELECT 1 FROM child_setting WHERE organisation_id = $1 AND child_id = $2"
		       " AND ended_on IS NULL";
	case ROLE_PROFESSIONAL:
		return "SELECT 1 FROM advice_request WHERE user_id = $1 AND child_id = $2"
		       " AND closed_at IS NULL";
	default: return NULL;
	}
}

/* the key the query matches on for this user */
static const char *key_for(const struct user *u)
{
	switch (u->role) {
	case ROLE_PARENT:
	case ROLE_PROFESSIONAL: return u->id;
	case ROLE_CASEWORKER:
	case ROLE_LA_MANAGER: return u->la_code;
	case ROLE_SENCO:
	case ROLE_AP_PROVIDER: return u->org_id;
	default: return NULL;
	}
}

int access_child_for(struct db *db, const struct user *u, const char *child_id)
{
	if (!u)
		return ERR_UNAUTH;
	if (!child_id || !id_valid(child_id))
		return ERR_NOTFOUND;
	if (u->role == ROLE_YOUNG_PERSON)
		return u->child_id[0] && strcmp(u->child_id, child_id) == 0 ? 0 : ERR_NOTFOUND;
	const char *sql = query_for(u->role);
	const char *key = key_for(u);
	if (!sql || !key || !*key)
		return ERR_NOTFOUND;
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, key)) == 0 && (rc = db_bind_text(st, 2, child_id)) == 0) {
		rc = db_step(st);
		rc = rc == DB_ROW ? 0 : rc == DB_DONE ? ERR_NOTFOUND : rc;
	}
	db_reset(st);
	return rc;
}

int access_child(struct request *req, const char *child_id)
{
	const struct user *u = auth_user(req);
	if (!u)
		return ERR_UNAUTH;
	struct db *db = req_db(req);
	if (!db)
		return ERR_DB;
	return access_child_for(db, u, child_id);
}

int access_may_search(enum role r)
{
	return r == ROLE_CASEWORKER || r == ROLE_LA_MANAGER || r == ROLE_SENCO ||
	       r == ROLE_AP_PROVIDER;
}
