/*
 * migrate.h: numbered schema migrations (sql/NNNN_name.sql), embedded in the binary at
 * build time by scripts/embed-sql.sh, and applied in order to SQLite or PostgreSQL.
 *
 * Each migration runs in one transaction together with its row in schema_migration, so a
 * failed migration leaves nothing behind and the next run retries it. Running migrate
 * again applies only what is missing.
 */
#ifndef SENDAP_MIGRATE_H
#define SENDAP_MIGRATE_H

#include "platform/db.h"

struct migration {
	int version;
	const char *name; /* "0001_platform" */
	const char *sql;
};

extern const struct migration migrations[];
extern const unsigned migrations_count;

/*
 * migrate_apply brings db up to the newest migration. *applied (may be NULL) gets how many
 * were applied this time. Progress lines go to the log.
 */
int migrate_apply(struct db *db, int *applied);
/* migrate_current gives the newest applied version, 0 for an empty database. */
int migrate_current(struct db *db, int *version);

#endif
