/* migrate.c: apply the embedded migrations in order; see migrate.h. */
#include "platform/migrate.h"

#include "platform/err.h"
#include "platform/log.h"

static const char create_table[] = "CREATE TABLE IF NOT EXISTS schema_migration ("
				   " version INTEGER PRIMARY KEY,"
				   " name TEXT NOT NULL,"
				   " applied_at TEXT NOT NULL)";

int migrate_current(struct db *db, int *version)
{
	struct db_stmt *st = NULL;
	*version = 0;
	int rc = db_exec(db, create_table);
	if (rc)
		return rc;
	rc = db_prepare(db, "SELECT coalesce(max(version), 0) FROM schema_migration", &st);
	if (rc)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW) {
		*version = (int)db_column_int64(st, 0);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = 0;
	}
	db_reset(st);
	return rc;
}

static int apply_one(struct db *db, const struct migration *m)
{
	struct db_stmt *st = NULL;
	int rc = db_begin(db);
	if (rc)
		return rc;
	rc = db_exec(db, m->sql);
	if (rc)
		goto out;
	rc = db_prepare(db,
			"INSERT INTO schema_migration (version, name, applied_at)"
			" VALUES ($1, $2, $3)",
			&st);
	if (rc)
		goto out;
	char now[32];
	log_now_iso(now, sizeof(now));
	if ((rc = db_bind_int64(st, 1, m->version)) || (rc = db_bind_text(st, 2, m->name)) ||
	    (rc = db_bind_text(st, 3, now)))
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

int migrate_apply(struct db *db, int *applied)
{
	int current = 0;
	int count = 0;
	if (applied)
		*applied = 0;
	int rc = migrate_current(db, &current);
	if (rc)
		return rc;
	for (unsigned i = 0; i < migrations_count; i++) {
		const struct migration *m = &migrations[i];
		if (m->version <= current)
			continue;
		rc = apply_one(db, m);
		if (rc) {
			log_error("migration failed", "migration", m->name, "code", db_errcode(db),
				  NULL);
			return rc;
		}
		log_info("migration applied", "migration", m->name, NULL);
		count++;
	}
	if (applied)
		*applied = count;
	return 0;
}
