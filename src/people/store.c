/* store.c: SQL for children and young people; see people.h. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "people/people.h"
#include "platform/err.h"
#include "platform/log.h"

#define PAGE_SIZE_MAX 100

/* copy: src into dst of n bytes, cut short if it must be (a list builds hundreds of
 * these per page, so no printf) */
static size_t copy(char *dst, size_t n, const char *src)
{
	size_t len = src ? strlen(src) : 0;
	if (len >= n)
		len = n - 1;
	if (len)
		memcpy(dst, src, len);
	dst[len] = '\0';
	return len;
}

static int bind_opt(struct db_stmt *st, int n, const char *v)
{
	return v && *v ? db_bind_text(st, n, v) : db_bind_null(st, n);
}

/* lower: an ASCII lower-case copy for the search columns (names in other scripts keep
 * their case: search matches them as typed) */
static void lower(const char *in, char *out, size_t n)
{
	size_t i = 0;
	for (; in && in[i] && i + 1 < n; i++)
		out[i] = (char)tolower((unsigned char)in[i]);
	out[i] = '\0';
}

int child_get(struct db *db, const char *id, struct child *c)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db,
			    "SELECT id, given_name, family_name, date_of_birth, sex, ethnicity,"
			    " postcode, la_code, upn, uln, disadvantaged, first_language,"
			    " communication, admired_for, interests, aspirations, primary_need,"
			    " sen_status, secondary_need, upn_unknown FROM child WHERE id = $1",
			    &st);
	if (rc)
		return rc;
	memset(c, 0, sizeof(*c));
	if ((rc = db_bind_text(st, 1, id)) == 0) {
		rc = db_step(st);
		if (rc == DB_ROW) {
			copy(c->id, sizeof(c->id), db_column_text(st, 0));
			copy(c->given_name, sizeof(c->given_name), db_column_text(st, 1));
			copy(c->family_name, sizeof(c->family_name), db_column_text(st, 2));
			date_parse(db_column_text(st, 3), &c->date_of_birth);
			copy(c->sex, sizeof(c->sex), db_column_text(st, 4));
			copy(c->ethnicity, sizeof(c->ethnicity), db_column_text(st, 5));
			copy(c->postcode, sizeof(c->postcode), db_column_text(st, 6));
			copy(c->la_code, sizeof(c->la_code), db_column_text(st, 7));
			copy(c->upn, sizeof(c->upn), db_column_text(st, 8));
			copy(c->uln, sizeof(c->uln), db_column_text(st, 9));
			c->disadvantaged = (int)db_column_int64(st, 10);
			copy(c->first_language, sizeof(c->first_language), db_column_text(st, 11));
			copy(c->primary_need, sizeof(c->primary_need), db_column_text(st, 16));
			copy(c->sen_status, sizeof(c->sen_status), db_column_text(st, 17));
			copy(c->secondary_need, sizeof(c->secondary_need), db_column_text(st, 18));
			copy(c->upn_unknown, sizeof(c->upn_unknown), db_column_text(st, 19));
			rc = 0;
		} else if (rc == DB_DONE) {
			rc = ERR_NOTFOUND;
		}
	}
	db_reset(st);
	return rc;
}

int child_get_text(struct db *db, const char *id, struct arena *a, struct child *c)
{
	int rc = child_get(db, id, c);
	if (rc)
		return rc;
	struct db_stmt *st = NULL;
	rc = db_prepare(db,
			"SELECT communication, admired_for, interests, aspirations FROM child"
			" WHERE id = $1",
			&st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, id)) == 0 && (rc = db_step(st)) == DB_ROW) {
		const char **dst[] = {&c->communication, &c->admired_for, &c->interests,
				      &c->aspirations};
		for (int i = 0; i < 4; i++)
			*dst[i] = db_column_is_null(st, i) ? NULL
							   : arena_strdup(a, db_column_text(st, i));
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = ERR_NOTFOUND;
	}
	db_reset(st);
	return rc;
}

int child_insert(struct db *db, struct child *c, const struct audit_entry *why)
{
	char now[32], dob[DATE_ISO_LEN + 1], given[sizeof(c->given_name)],
		family[sizeof(c->family_name)];
	id_new(c->id);
	log_now_iso(now, sizeof(now));
	date_iso(c->date_of_birth, dob);
	lower(c->given_name, given, sizeof(given));
	lower(c->family_name, family, sizeof(family));
	int rc = db_begin(db);
	if (rc)
		return rc;
	struct db_stmt *st = NULL;
	rc = db_prepare(
		db,
		"INSERT INTO child (id, given_name, family_name, search_given,"
		" search_family, date_of_birth, sex, ethnicity, postcode, la_code, upn, uln,"
		" disadvantaged, first_language, communication, admired_for, interests,"
		" aspirations, primary_need, sen_status, created_at, updated_at)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,"
		" $16, $17, $18, $19, $20, $21, $21)",
		&st);
	if (rc == 0) {
		if ((rc = db_bind_text(st, 1, c->id)) ||
		    (rc = db_bind_text(st, 2, c->given_name)) ||
		    (rc = db_bind_text(st, 3, c->family_name)) ||
		    (rc = db_bind_text(st, 4, given)) || (rc = db_bind_text(st, 5, family)) ||
		    (rc = db_bind_text(st, 6, dob)) || (rc = db_bind_text(st, 7, c->sex)) ||
		    (rc = bind_opt(st, 8, c->ethnicity)) || (rc = bind_opt(st, 9, c->postcode)) ||
		    (rc = db_bind_text(st, 10, c->la_code)) || (rc = bind_opt(st, 11, c->upn)) ||
		    (rc = bind_opt(st, 12, c->uln)) ||
		    (rc = db_bind_int64(st, 13, c->disadvantaged)) ||
		    (rc = bind_opt(st, 14, c->first_language)) ||
		    (rc = bind_opt(st, 15, c->communication)) ||
		    (rc = bind_opt(st, 16, c->admired_for)) ||
		    (rc = bind_opt(st, 17, c->interests)) ||
		    (rc = bind_opt(st, 18, c->aspirations)) ||
		    (rc = bind_opt(st, 19, c->primary_need)) ||
		    (rc = db_bind_text(st, 20, c->sen_status[0] ? c->sen_status : "none")) ||
		    (rc = db_bind_text(st, 21, now)))
			;
		else if ((rc = db_step(st)) == DB_DONE)
			rc = 0;
		else if (rc > 0)
			rc = ERR_DB;
		db_reset(st);
	}
	if (rc == 0 && why) {
		struct audit_entry e = *why;
		e.record_id = c->id;
		rc = audit_append(db, &e);
	}
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

int child_update(struct db *db, const struct child *c, const struct audit_entry *why)
{
	char now[32], dob[DATE_ISO_LEN + 1], given[sizeof(c->given_name)],
		family[sizeof(c->family_name)];
	log_now_iso(now, sizeof(now));
	date_iso(c->date_of_birth, dob);
	lower(c->given_name, given, sizeof(given));
	lower(c->family_name, family, sizeof(family));
	int rc = db_begin(db);
	if (rc)
		return rc;
	struct db_stmt *st = NULL;
	rc = db_prepare(db,
			"UPDATE child SET given_name = $2, family_name = $3, search_given = $4,"
			" search_family = $5, date_of_birth = $6, sex = $7, ethnicity = $8,"
			" postcode = $9, upn = $10, uln = $11, upn_unknown = $12,"
			" primary_need = $13, secondary_need = $14, updated_at = $15 WHERE id = $1",
			&st);
	if (rc == 0) {
		if ((rc = db_bind_text(st, 1, c->id)) ||
		    (rc = db_bind_text(st, 2, c->given_name)) ||
		    (rc = db_bind_text(st, 3, c->family_name)) ||
		    (rc = db_bind_text(st, 4, given)) || (rc = db_bind_text(st, 5, family)) ||
		    (rc = db_bind_text(st, 6, dob)) || (rc = db_bind_text(st, 7, c->sex)) ||
		    (rc = bind_opt(st, 8, c->ethnicity)) || (rc = bind_opt(st, 9, c->postcode)) ||
		    (rc = bind_opt(st, 10, c->upn)) || (rc = bind_opt(st, 11, c->uln)) ||
		    (rc = bind_opt(st, 12, c->upn_unknown)) ||
		    (rc = bind_opt(st, 13, c->primary_need)) ||
		    (rc = bind_opt(st, 14, c->secondary_need)) || (rc = db_bind_text(st, 15, now)))
			;
		else if ((rc = db_step(st)) == DB_DONE)
			rc = 0;
		else if (rc > 0)
			rc = ERR_DB;
		db_reset(st);
	}
	if (rc == 0 && why) {
		struct audit_entry e = *why;
		e.record_id = c->id;
		rc = audit_append(db, &e);
	}
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

/* ---- lists ---- */

/* the columns every list shows, and the setting each child is on the roll of */
#define ROW_COLUMNS                                                                 \
	"c.id, c.given_name, c.family_name, c.date_of_birth, c.upn, c.sen_status,"  \
	" c.primary_need,"                                                          \
	" (SELECT o.name FROM child_setting cs JOIN organisation o ON o.id ="       \
	" cs.organisation_id WHERE cs.child_id = c.id AND cs.relation = 'roll' AND" \
	" cs.ended_on IS NULL ORDER BY cs.started_on DESC LIMIT 1),"                \
	" (SELECT n.name FROM need_type n WHERE n.code = c.primary_need)"

static void row_read(struct db_stmt *st, struct child_row *r)
{
	copy(r->id, sizeof(r->id), db_column_text(st, 0));
	size_t at = copy(r->name, sizeof(r->name) - 1, db_column_text(st, 1));
	r->name[at++] = ' ';
	copy(r->name + at, sizeof(r->name) - at, db_column_text(st, 2));
	copy(r->dob, sizeof(r->dob), db_column_text(st, 3));
	copy(r->upn, sizeof(r->upn), db_column_text(st, 4));
	copy(r->sen_status, sizeof(r->sen_status), db_column_text(st, 5));
	copy(r->primary_need, sizeof(r->primary_need), db_column_text(st, 6));
	copy(r->setting, sizeof(r->setting), db_column_text(st, 7));
	copy(r->need_name, sizeof(r->need_name), db_column_text(st, 8));
}

/* run_page: the statement has its filter bound as $1..$k; binds LIMIT and OFFSET after */
static int run_page(struct db_stmt *st, int k, int64_t offset, struct child_page *page)
{
	int64_t limit = page->cap < PAGE_SIZE_MAX ? (int64_t)page->cap : PAGE_SIZE_MAX;
	int rc = db_bind_int64(st, k + 1, limit);
	if (rc == 0)
		rc = db_bind_int64(st, k + 2, offset < 0 ? 0 : offset);
	page->n = 0;
	while (rc == 0 && (rc = db_step(st)) == DB_ROW) {
		row_read(st, &page->rows[page->n++]);
		rc = 0;
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : rc;
}

static int run_count(struct db *db, const char *sql, const char *const *args, int nargs,
		     int64_t *out)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	for (int i = 0; i < nargs && rc == 0; i++)
		rc = db_bind_text(st, i + 1, args[i]);
	if (rc == 0 && (rc = db_step(st)) == DB_ROW) {
		*out = db_column_int64(st, 0);
		rc = 0;
	}
	db_reset(st);
	return rc;
}

static const char *const list_from[] = {
	[LIST_FAMILY] = " FROM family_member m JOIN family_link f ON f.family_member_id = m.id"
			" JOIN child c ON c.id = f.child_id WHERE m.user_id = $1",
	[LIST_CASELOAD] = " FROM child c WHERE c.caseworker_id = $1",
	[LIST_LA_CASES] = " FROM child c WHERE c.la_code = $1 AND c.sen_status = 'ehcp'",
	[LIST_PUPILS] = " FROM child c WHERE c.id IN (SELECT child_id FROM child_setting"
			" WHERE organisation_id = $1 AND ended_on IS NULL)",
	[LIST_ADVICE] = " FROM advice_request a JOIN child c ON c.id = a.child_id"
			" WHERE a.user_id = $1 AND a.closed_at IS NULL",
};

int child_list(struct db *db, enum child_list which, const char *key, int64_t offset,
	       struct child_page *page)
{
	char sql[1024];
	snprintf(sql, sizeof(sql),
		 "SELECT " ROW_COLUMNS "%s ORDER BY c.search_family, c.search_given, c.id"
		 " LIMIT $2 OFFSET $3",
		 list_from[which]);
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	rc = db_bind_text(st, 1, key);
	if (rc) {
		db_reset(st);
		return rc;
	}
	if ((rc = run_page(st, 1, offset, page)) != 0)
		return rc;
	snprintf(sql, sizeof(sql), "SELECT count(*)%s", list_from[which]);
	const char *args[] = {key};
	return run_count(db, sql, args, 1, &page->total);
}

/*
 * search_where writes the WHERE clause for the filters given, numbering their parameters
 * from $1, and fills args in the same order. Only the filters given appear, so each
 * shape of search is one statement (prepared once, then cached) that the indexes serve:
 * a name matches the start of the family or the given name as a range [lo, hi).
 */
static size_t search_where(const struct child_query *q, const char *lo, const char *hi, char *out,
			   size_t n, const char **args)
{
	size_t k = 0;
	int len = snprintf(out, n, " FROM child c WHERE 1 = 1");
	if (lo) {
		len += snprintf(out + len, n - (size_t)len,
				" AND ((c.search_family >= $%zu AND c.search_family < $%zu)"
				" OR (c.search_given >= $%zu AND c.search_given < $%zu))",
				k + 1, k + 2, k + 1, k + 2);
		args[k++] = lo;
		args[k++] = hi;
	}
	if (q->dob) {
		len += snprintf(out + len, n - (size_t)len, " AND c.date_of_birth = $%zu", k + 1);
		args[k++] = q->dob;
	}
	if (q->upn) {
		len += snprintf(out + len, n - (size_t)len, " AND c.upn = $%zu", k + 1);
		args[k++] = q->upn;
	}
	if (q->la_code) {
		len += snprintf(out + len, n - (size_t)len, " AND c.la_code = $%zu", k + 1);
		args[k++] = q->la_code;
	}
	if (q->org_id) {
		snprintf(out + len, n - (size_t)len,
			 " AND c.id IN (SELECT child_id FROM child_setting"
			 " WHERE organisation_id = $%zu AND ended_on IS NULL)",
			 k + 1);
		args[k++] = q->org_id;
	}
	return k;
}

int child_search(struct db *db, const struct child_query *q, int64_t offset,
		 struct child_page *page)
{
	char lo[NAME_MAX_LEN * 4 + 1] = "", hi[sizeof(lo)] = "";
	if (q->name && *q->name) {
		lower(q->name, lo, sizeof(lo));
		/* hi: lo with its last byte one higher ("smi" -> "smj") */
		snprintf(hi, sizeof(hi), "%s", lo);
		size_t n = strlen(hi);
		while (n && (unsigned char)hi[n - 1] == 0xff)
			hi[--n] = '\0';
		if (n)
			hi[n - 1] = (char)((unsigned char)hi[n - 1] + 1);
	}
	const char *args[7];
	char where[700];
	size_t nargs = search_where(q, lo[0] ? lo : NULL, hi, where, sizeof(where), args);
	char sql[1600];
	snprintf(sql, sizeof(sql),
		 "SELECT " ROW_COLUMNS "%s ORDER BY c.search_family, c.search_given, c.id"
		 " LIMIT $%zu OFFSET $%zu",
		 where, nargs + 1, nargs + 2);
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	for (size_t i = 0; i < nargs && rc == 0; i++)
		rc = db_bind_text(st, (int)i + 1, args[i]);
	if (rc) {
		db_reset(st);
		return rc;
	}
	if ((rc = run_page(st, (int)nargs, offset, page)) != 0)
		return rc;
	snprintf(sql, sizeof(sql), "SELECT count(*)%s", where);
	return run_count(db, sql, args, (int)nargs, &page->total);
}
