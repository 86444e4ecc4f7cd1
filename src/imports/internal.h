/*
 * internal.h: what the files of src/imports/ share. read.c streams a file through libcsv
 * and hands over one row at a time; run.c checks keys, decides add, update or no change
 * and keeps the counts; check.c holds the checks of single values; people.c, places.c and
 * cases.c know each kind's columns and what it writes.
 */
#ifndef SENDAP_IMPORTS_INTERNAL_H
#define SENDAP_IMPORTS_INTERNAL_H

#include <stdint.h>
#include <stdio.h>

#include "imports/imports.h"
#include "platform/dates.h"
#include "platform/db.h"
#include "platform/ids.h"

#define IMP_MAXCOL 24               /* columns of the widest kind, with room */
#define IMP_ROW_MAX (1024 * 1024)   /* bytes of one row's fields kept */
#define IMP_FIELD_MAX (1024 * 1024) /* libcsv's buffer for one field may not grow past this */
#define IMP_SCRATCH 8192            /* normalised values and resolved ids of one row */
#define IMP_ERRTEXT 2048            /* the rejects file's error column */

struct importer;

struct imp_kind {
	const char *name; /* "children" */
	const char *const *cols;
	int ncol;
	/* check: every column of the row (values in I->v), each problem through imp_problem;
	 * may replace values with normalised ones (imp_set) and resolve references */
	void (*check)(struct importer *I);
	/* write: add the row's records (our == NULL) or update them (our, extra as
	 * imported before); fills our_out and extra_out ("" for none). 0, or an ERR_*:
	 * ERR_CONFLICT is reported against conflict_col and rejects the row. */
	int (*write)(struct importer *I, const char *our, const char *extra, char *our_out,
		     char *extra_out);
	int conflict_col;
	const char *record_type; /* what the audit rows name */
};

struct u8_stream {
	int need;        /* continuation bytes still expected */
	unsigned lo, hi; /* the range the next one must be in */
	int64_t start;   /* the file offset of the sequence */
};

struct importer {
	struct db *db;
	const struct imp_kind *kind;
	const char *path;
	const char *la;
	struct date today;
	FILE *report;
	FILE *rejects;
	int partial;
	int writing;   /* this pass writes (else it only checks) */
	int reporting; /* this pass reports problems */
	char run[ID_LEN + 1];
	char now[32];

	/* reading */
	long row; /* the record being read: the header is 1 */
	int col;  /* fields so far in it */
	size_t used;
	char *buf; /* IMP_ROW_MAX bytes: this row's fields */
	size_t off[IMP_MAXCOL], len[IMP_MAXCOL];
	int64_t bad_at[IMP_MAXCOL]; /* file offset of invalid UTF-8 in the field, or -1 */
	int64_t pending_bad;        /* invalid UTF-8 seen, not yet given to a field */
	int truncated;              /* the row was longer than IMP_ROW_MAX */
	struct u8_stream u8;
	int stop; /* a problem with the file itself: read no further */

	/* the row being checked */
	const char *v[IMP_MAXCOL];   /* trimmed values; NULL when empty */
	const char *ref[IMP_MAXCOL]; /* our ids of the keys a column refers to */
	const char *ids[8];          /* a list of keys' ids (contacts' children) */
	int nids;
	unsigned char bad[IMP_MAXCOL];
	char scratch[IMP_SCRATCH];
	size_t scratch_used;
	int row_bad;
	char errtext[IMP_ERRTEXT];
	char hash[33];

	/* the whole run */
	struct import_counts n;
	int header_ok;
	int fatal; /* an ERR_* from the database: stop and roll back */
};

/* ---- read.c ---- */
/* imp_read_pass reads the file once, calling imp_row for each row after the header;
 * 0, ERR_IO or ERR_INVALID (quoting that cannot be read, which it reports) */
int imp_read_pass(struct importer *I);
/* imp_safe: v (n bytes) made printable: control characters and invalid UTF-8 escaped,
 * quotes and backslashes escaped, cut to about 60 characters */
void imp_safe(const char *v, size_t n, char *out, size_t outn);
/* imp_first_bad: the index of the first byte of v that is not well-formed UTF-8 (NUL
 * included), or n */
size_t imp_first_bad(const char *v, size_t n);
/* imp_report: FILE:ROW:COLUMN: value "V": reason, to the report (when this pass reports) */
void imp_report(struct importer *I, long row, const char *column, const char *v, size_t n,
		const char *reason);
/* imp_reject_row writes the row's fields and its error text to the rejects file */
int imp_reject_row(struct importer *I);

/* ---- run.c ---- */
void imp_row(struct importer *I);
void imp_header(struct importer *I);

/* ---- check.c: each helper reports its own problem (imp_problem) ---- */
void imp_problem(struct importer *I, int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* imp_set replaces a column's value with a normalised copy (kept in the row's scratch) */
const char *imp_set(struct importer *I, int col, const char *v);
/* imp_text: the value, or NULL if empty (a problem if required) or longer than max
 * characters (a problem) */
const char *imp_text(struct importer *I, int col, int required, size_t max);
/* imp_date: 1 with *out when a real date within [lo, hi]; 0 when empty or wrong */
int imp_date(struct importer *I, int col, int required, struct date lo, struct date hi,
	     struct date *out);
/* imp_choice: the value if it is one of choices (NULL-terminated), else NULL */
const char *imp_choice(struct importer *I, int col, int required, const char *const *choices);
/* imp_code: the value if the code-list query ("SELECT 1 FROM t WHERE code = $1") finds it */
const char *imp_code(struct importer *I, int col, int required, const char *sql, const char *what);
/* imp_flag: yes/no (also Y/N, true/false, 1/0): 1 or 0; empty is 0 */
int imp_flag(struct importer *I, int col);
/* imp_int: a whole number within [lo, hi]; 1 with *out, 0 when empty or wrong */
int imp_int(struct importer *I, int col, int64_t lo, int64_t hi, int64_t *out);
/* imp_ref: our id for another file's key (kind), or NULL (a problem if it is unknown or
 * missing and required); the id lives in the row's scratch */
const char *imp_ref(struct importer *I, int col, int required, const char *kind, const char *what);
/* imp_lookup: our id (and extra id) for a key of kind, from import_key: 1 found, 0 not,
 * or an ERR_* */
int imp_lookup(struct importer *I, const char *kind, const char *source, char *our, size_t on,
	       char *extra, size_t en, char *hash, size_t hn);
/* imp_exec: a statement of text parameters (NULL binds NULL) that returns no rows */
int imp_exec(struct importer *I, const char *sql, const char *const *v, int n);
/* imp_audit: one audit row for a record written */
int imp_audit(struct importer *I, const char *action, const char *type, const char *id);
/* date limits: a fixed earliest day, today, and today plus n years */
struct date imp_earliest(void);
struct date imp_years_on(const struct importer *I, int n);

/* ---- the kinds ---- */
extern const struct imp_kind imp_children, imp_contacts, imp_settings, imp_requests, imp_plans,
	imp_placements, imp_reviews;

#endif
