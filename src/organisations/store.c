/* store.c: SQL for organisations (local authorities so far). */
#include <stdio.h>
#include <string.h>

#include "organisations/organisations.h"
#include "platform/err.h"

int la_code_valid(const char *s)
{
	return s && strlen(s) == 3 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' &&
	       s[2] >= '0' && s[2] <= '9';
}

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

int la_get(struct db *db, const char *code, struct local_authority *out)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, "SELECT code, name, region FROM local_authority WHERE code = $1",
			    &st);
	if (rc)
		return rc;
	rc = db_bind_text(st, 1, code);
	if (rc == 0)
		rc = db_step(st);
	if (rc == DB_ROW) {
		copy(out->code, sizeof(out->code), db_column_text(st, 0));
		copy(out->name, sizeof(out->name), db_column_text(st, 1));
		copy(out->region, sizeof(out->region), db_column_text(st, 2));
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = ERR_NOTFOUND;
	}
	db_reset(st);
	return rc;
}
