/*
 * check.c: the checks of single values that every kind of import file shares: required
 * values, lengths in characters, real dates within a range, codes from a list or a
 * reference table, yes/no, whole numbers, and references to keys imported from another
 * file. Each reports its own problem (imp_problem), so a kind's check reads as a list of
 * its columns.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "imports/internal.h"
#include "platform/audit.h"
#include "platform/err.h"

void imp_problem(struct importer *I, int col, const char *fmt, ...)
{
	char reason[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	char colname[32];
	const char *name = colname;
	if (col >= 0 && col < I->kind->ncol)
		name = I->kind->cols[col];
	else if (col >= 0)
		snprintf(colname, sizeof(colname), "column %d", col + 1);
	else
		name = "-";
	const char *v = "";
	size_t n = 0;
	if (col >= 0 && col < I->col && col < IMP_MAXCOL) {
		v = I->buf + I->off[col];
		n = I->len[col];
	}
	imp_report(I, I->row, name, v, n, reason);
	size_t used = strlen(I->errtext);
	if (used + 4 < sizeof(I->errtext))
		snprintf(I->errtext + used, sizeof(I->errtext) - used, "%s%s: %s", used ? "; " : "",
			 name, reason);
	I->row_bad = 1;
	if (col >= 0 && col < IMP_MAXCOL)
		I->bad[col] = 1;
}

const char *imp_set(struct importer *I, int col, const char *v)
{
	size_t n = strlen(v) + 1;
	if (I->scratch_used + n > sizeof(I->scratch))
		return I->v[col]; /* cannot happen with the lengths checked first */
	char *p = I->scratch + I->scratch_used;
	memcpy(p, v, n);
	I->scratch_used += n;
	I->v[col] = p;
	return p;
}

/* chars: UTF-8 characters in s */
static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

const char *imp_text(struct importer *I, int col, int required, size_t max)
{
	if (I->bad[col])
		return NULL;
	const char *v = I->v[col];
	if (!v) {
		if (required)
			imp_problem(I, col, "required: this column must have a value");
		return NULL;
	}
	if (chars(v) > max) {
		imp_problem(I, col, "too long: at most %zu characters", max);
		return NULL;
	}
	return v;
}

struct date imp_earliest(void)
{
	return (struct date){1990, 1, 1};
}

struct date imp_years_on(const struct importer *I, int n)
{
	return date_add_years(I->today, n);
}

int imp_date(struct importer *I, int col, int required, struct date lo, struct date hi,
	     struct date *out)
{
	const char *v = imp_text(I, col, required, 10);
	if (!v)
		return 0;
	if (date_parse(v, out) != 0) {
		imp_problem(I, col, "not a real date: write dates as YYYY-MM-DD");
		return 0;
	}
	if (date_cmp(*out, lo) < 0 || date_cmp(*out, hi) > 0) {
		char a[DATE_ISO_LEN + 1], b[DATE_ISO_LEN + 1];
		date_iso(lo, a);
		date_iso(hi, b);
		imp_problem(I, col, "out of range: the date must be from %s to %s", a, b);
		return 0;
	}
	return 1;
}

const char *imp_choice(struct importer *I, int col, int required, const char *const *choices)
{
	const char *v = imp_text(I, col, required, 64);
	if (!v)
		return NULL;
	char list[256] = "";
	for (size_t i = 0; choices[i]; i++) {
		if (strcmp(v, choices[i]) == 0)
			return v;
		size_t u = strlen(list);
		snprintf(list + u, sizeof(list) - u, "%s%s", i ? ", " : "", choices[i]);
	}
	imp_problem(I, col, "unknown code: use one of %s", list);
	return NULL;
}

const char *imp_code(struct importer *I, int col, int required, const char *sql, const char *what)
{
	const char *v = imp_text(I, col, required, 64);
	if (!v)
		return NULL;
	struct db_stmt *st = NULL;
	int rc = db_prepare(I->db, sql, &st);
	if (rc == 0 && (rc = db_bind_text(st, 1, v)) == 0)
		rc = db_step(st);
	if (st)
		db_reset(st);
	if (rc == DB_ROW)
		return v;
	if (rc == DB_DONE)
		imp_problem(I, col, "unknown code: not one of the %s codes", what);
	else
		I->fatal = rc < 0 ? rc : ERR_DB;
	return NULL;
}

int imp_flag(struct importer *I, int col)
{
	static const char *const yes[] = {"yes", "Yes", "YES", "Y", "y", "true", "TRUE", "1"};
	static const char *const no[] = {"no", "No", "NO", "N", "n", "false", "FALSE", "0"};
	const char *v = imp_text(I, col, 0, 8);
	if (!v)
		return 0;
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcmp(v, yes[i]) == 0)
			return 1;
		if (strcmp(v, no[i]) == 0)
			return 0;
	}
	imp_problem(I, col, "unknown code: use yes or no");
	return 0;
}

int imp_int(struct importer *I, int col, int64_t lo, int64_t hi, int64_t *out)
{
	const char *v = imp_text(I, col, 0, 12);
	if (!v)
		return 0;
	int64_t n = 0;
	const char *p = v;
	int neg = *p == '-';
	p += neg;
	if (!*p)
		goto bad;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			goto bad;
		n = n * 10 + (*p - '0');
	}
	n = neg ? -n : n;
	if (n < lo || n > hi) {
		imp_problem(I, col, "out of range: a whole number from %lld to %lld", (long long)lo,
			    (long long)hi);
		return 0;
	}
	*out = n;
	return 1;
bad:
	imp_problem(I, col, "not a whole number");
	return 0;
}

int imp_lookup(struct importer *I, const char *kind, const char *source, char *our, size_t on,
	       char *extra, size_t en, char *hash, size_t hn)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(I->db,
			    "SELECT our_id, extra_id, row_hash FROM import_key WHERE la_code = $1"
			    " AND kind = $2 AND source_id = $3",
			    &st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, I->la)) == 0 && (rc = db_bind_text(st, 2, kind)) == 0 &&
	    (rc = db_bind_text(st, 3, source)) == 0) {
		rc = db_step(st);
		if (rc == DB_ROW) {
			const char *e = db_column_text(st, 1);
			snprintf(our, on, "%s", db_column_text(st, 0));
			if (extra)
				snprintf(extra, en, "%s", e ? e : "");
			if (hash)
				snprintf(hash, hn, "%s", db_column_text(st, 2));
			rc = 1;
		} else if (rc == DB_DONE) {
			rc = 0;
		} else if (rc > 0) {
			rc = ERR_DB;
		}
	}
	db_reset(st);
	return rc;
}

const char *imp_ref(struct importer *I, int col, int required, const char *kind, const char *what)
{
	const char *v = imp_text(I, col, required, 64);
	if (!v)
		return NULL;
	char our[2 * ID_LEN + 2];
	int rc = imp_lookup(I, kind, v, our, sizeof(our), NULL, 0, NULL, 0);
	if (rc < 0) {
		I->fatal = rc;
		return NULL;
	}
	if (rc == 0) {
		imp_problem(I, col,
			    "unknown key: no %s with this source_id has been imported for"
			    " this LA (import the %s file first)",
			    what, kind);
		return NULL;
	}
	size_t n = strlen(our) + 1;
	if (I->scratch_used + n > sizeof(I->scratch))
		return NULL;
	char *p = I->scratch + I->scratch_used;
	memcpy(p, our, n);
	I->scratch_used += n;
	return p;
}

int imp_exec(struct importer *I, const char *sql, const char *const *v, int n)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(I->db, sql, &st);
	if (rc)
		return rc;
	for (int i = 0; i < n && rc == 0; i++)
		rc = v[i] ? db_bind_text(st, i + 1, v[i]) : db_bind_null(st, i + 1);
	if (rc == 0) {
		rc = db_step(st);
		rc = rc == DB_DONE ? 0 : rc < 0 ? rc : ERR_DB;
	}
	db_reset(st);
	return rc;
}

int imp_audit(struct importer *I, const char *action, const char *type, const char *id)
{
	struct audit_entry e = {
		.actor_role = "system", .action = action, .record_type = type, .record_id = id};
	return audit_append(I->db, &e);
}
