/* store.c: SQL for accessibility problem reports. */
#include "platform/err.h"
#include "platform/log.h"
#include "site/site.h"

int report_insert(struct db *db, struct accessibility_report *r)
{
	struct db_stmt *st = NULL;
	id_new(r->id);
	log_now_iso(r->created_at, sizeof(r->created_at));
	int rc = db_begin(db);
	if (rc)
		return rc;
	rc = db_prepare(db,
			"INSERT INTO accessibility_report (id, page, description, created_at)"
			" VALUES ($1, $2, $3, $4)",
			&st);
	if (rc)
		goto out;
	if ((rc = db_bind_text(st, 1, r->id)) || (rc = db_bind_text(st, 2, r->page)) ||
	    (rc = db_bind_text(st, 3, r->description)) || (rc = db_bind_text(st, 4, r->created_at)))
		goto out;
	rc = db_step(st);
	if (rc == DB_DONE)
		rc = 0;
out:
	if (st)
		db_reset(st);
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}
