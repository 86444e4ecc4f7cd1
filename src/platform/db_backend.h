/*
 * db_backend.h: what a storage backend provides to db.c. Only db.c, db_sqlite.c and
 * db_pg.c include this; everyone else uses db.h.
 */
#ifndef SENDAP_DB_BACKEND_H
#define SENDAP_DB_BACKEND_H

#include "platform/db.h"

struct db_ops {
	void (*close)(struct db *db);
	int (*prepare)(struct db *db, const char *sql, struct db_stmt **out);
	int (*bind_text)(struct db_stmt *st, int n, const char *v);
	int (*bind_int64)(struct db_stmt *st, int n, int64_t v);
	int (*bind_null)(struct db_stmt *st, int n);
	int (*step)(struct db_stmt *st);
	int (*column_count)(struct db_stmt *st);
	const char *(*column_text)(struct db_stmt *st, int i);
	int64_t (*column_int64)(struct db_stmt *st, int i);
	int (*column_is_null)(struct db_stmt *st, int i);
	void (*reset)(struct db_stmt *st);
	int (*exec)(struct db *db, const char *sql);
};

/* The common head of every backend's connection and statement structs. */
struct db {
	const struct db_ops *ops;
	enum db_kind kind;
	char errcode[32];
};

struct db_stmt {
	struct db *db;
};

int db_sqlite_open(const char *path, struct db **out);
int db_pg_open(const char *url, struct db **out);

#endif
