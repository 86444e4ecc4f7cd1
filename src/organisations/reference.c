/*
 * reference.c: loads the code lists and calendars in reference/ (local authorities, need
 * types, ethnicity codes, setting types, phases, bank holidays) into the store. Each file
 * is read with libcsv's streaming callbacks, its header row must name the expected columns
 * in order, and every value is checked before a row is upserted. All files land in one
 * transaction, or none do. Rows are only inserted or updated, never deleted, because
 * children, organisations and accounts refer to them. A table of file descriptions drives
 * the loader, so a new list is a new entry there, not new parsing code.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <csv.h>

#include "organisations/organisations.h"
#include "platform/dates.h"
#include "platform/err.h"
#include "platform/utf8.h"

#define REF_MAX_COLUMNS 6
#define REF_FIELD_MAX 512               /* bytes in one value */
#define REF_CODE_MAX 16                 /* bytes in a code; keys fit in struct ref_key */
#define REF_FILE_MAX (16 * 1024 * 1024) /* bytes in one file */
#define REF_SHOW_MAX 40                 /* bytes of a bad value quoted in an error */

enum ref_kind {
	REF_TEXT,     /* required text */
	REF_TEXT_OPT, /* text, or empty for NULL */
	REF_CODE,     /* letters, digits, '-' and '_', at most REF_CODE_MAX bytes */
	REF_CODE_OPT,
	REF_LA_CODE, /* the DfE 3-digit LA code */
	REF_DATE,    /* ISO 8601 date */
	REF_DATE_OPT,
	REF_INT_OPT, /* a whole number 0..9999, or empty for NULL */
	REF_INT,
	REF_REGION, /* one of England's nine regions */
	REF_RULE,   /* bank holidays: "rule" or "one-off" */
};

struct ref_column {
	const char *header;
	enum ref_kind kind;
	int param;               /* $n of the upsert; 0 for a column that is checked, not stored */
	const char *exists;      /* SQL with $1 giving a row when the value is known, or NULL */
	const char *exists_what; /* what exists looks in, for the error */
};

struct ref_file {
	const char *name;
	size_t count_offset; /* of the int in struct reference_counts */
	const char *upsert;  /* NULL: the file is checked but has no table yet */
	int key;             /* column whose values must be unique in the file, or -1 */
	int from, to;        /* columns that must not be in decreasing order, or -1 */
	size_t ncolumns;
	struct ref_column columns[REF_MAX_COLUMNS];
};

static const char la_exists[] = "SELECT 1 FROM local_authority WHERE code = $1";
static const char phase_exists[] = "SELECT 1 FROM phase WHERE code = $1";

/* In load order: a file is checked against the tables loaded before it. */
static const struct ref_file ref_files[] = {
	{"local_authorities.csv",
	 offsetof(struct reference_counts, local_authorities),
	 "INSERT INTO local_authority (code, name, region, effective_from, effective_to)"
	 " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
	 " region = excluded.region, effective_from = excluded.effective_from,"
	 " effective_to = excluded.effective_to",
	 0,
	 3,
	 4,
	 5,
	 {{"code", REF_LA_CODE, 1, NULL, NULL},
	  {"name", REF_TEXT, 2, NULL, NULL},
	  {"region", REF_REGION, 3, NULL, NULL},
	  {"valid_from", REF_DATE_OPT, 4, NULL, NULL},
	  {"valid_to", REF_DATE_OPT, 5, NULL, NULL}}},
	{"la_reorganisations.csv",
	 offsetof(struct reference_counts, la_reorganisations),
	 NULL,
	 -1,
	 -1,
	 -1,
	 4,
	 {{"effective_date", REF_DATE, 0, NULL, NULL},
	  {"predecessor_code", REF_LA_CODE, 0, la_exists, "local authority"},
	  {"successor_code", REF_LA_CODE, 0, la_exists, "local authority"},
	  {"note", REF_TEXT_OPT, 0, NULL, NULL}}},
	{"sen_need_types.csv",
	 offsetof(struct reference_counts, need_types),
	 "INSERT INTO need_type (code, name, sort_order) VALUES ($1, $2, $3)"
	 " ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
	 " sort_order = excluded.sort_order",
	 0,
	 -1,
	 -1,
	 3,
	 {{"code", REF_CODE, 1, NULL, NULL},
	  {"name", REF_TEXT, 2, NULL, NULL},
	  {"order", REF_INT, 3, NULL, NULL}}},
	{"ethnicity.csv",
	 offsetof(struct reference_counts, ethnicities),
	 "INSERT INTO ethnicity (code, name, major_group) VALUES ($1, $2, $3)"
	 " ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
	 " major_group = excluded.major_group",
	 0,
	 -1,
	 -1,
	 3,
	 {{"code", REF_CODE, 1, NULL, NULL},
	  {"name", REF_TEXT, 2, NULL, NULL},
	  {"major_group", REF_TEXT, 3, NULL, NULL}}},
	{"phases.csv",
	 offsetof(struct reference_counts, phases),
	 "INSERT INTO phase (code, name, age_from, age_to) VALUES ($1, $2, $3, $4)"
	 " ON CONFLICT (code) DO UPDATE SET name = excluded.name, age_from = excluded.age_from,"
	 " age_to = excluded.age_to",
	 0,
	 2,
	 3,
	 4,
	 {{"code", REF_CODE, 1, NULL, NULL},
	  {"name", REF_TEXT, 2, NULL, NULL},
	  {"age_from", REF_INT_OPT, 3, NULL, NULL},
	  {"age_to", REF_INT_OPT, 4, NULL, NULL}}},
	{"setting_types.csv",
	 offsetof(struct reference_counts, setting_types),
	 "INSERT INTO setting_type (code, name, phase_hint) VALUES ($1, $2, $3)"
	 " ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
	 " phase_hint = excluded.phase_hint",
	 0,
	 -1,
	 -1,
	 3,
	 {{"code", REF_CODE, 1, NULL, NULL},
	  {"name", REF_TEXT, 2, NULL, NULL},
	  {"phase_hint", REF_CODE_OPT, 3, phase_exists, "phase"}}},
	{"bank_holidays.csv",
	 offsetof(struct reference_counts, bank_holidays),
	 "INSERT INTO bank_holiday (day, name) VALUES ($1, $2)"
	 " ON CONFLICT (day) DO UPDATE SET name = excluded.name",
	 0,
	 -1,
	 -1,
	 3,
	 {{"date", REF_DATE, 1, NULL, NULL},
	  {"name", REF_TEXT, 2, NULL, NULL},
	  {"rule", REF_RULE, 0, NULL, NULL}}},
};
#define REF_NFILES (sizeof(ref_files) / sizeof(ref_files[0]))

static const char *const regions[] = {
	"North East",    "North West",    "Yorkshire and The Humber",
	"East Midlands", "West Midlands", "East of England",
	"London",        "South East",    "South West",
};

struct ref_key {
	char value[REF_CODE_MAX + 1];
	long line;
};

/* The state of one file's parse, handed to libcsv's callbacks. */
struct loader {
	struct db *db;
	const struct ref_file *file;
	struct reference_counts *out; /* its error receives the first failure */
	int rc;                       /* the first failure; callbacks do nothing after it */
	long line;                    /* physical line being parsed, from 1 */
	long rec_line;                /* line the current record started on */
	long end_line;                /* line the last complete record ended on */
	long records;                 /* records finished, the header included */
	int rows;                     /* data rows stored or checked */
	size_t nfields;               /* fields so far in the current record */
	char fields[REF_MAX_COLUMNS][REF_FIELD_MAX + 1];
	struct ref_key *keys; /* the key column's values, to find duplicates */
	size_t nkeys, capkeys;
	char chunk[65536]; /* what fread gave */
};

/* set_error writes out->error; a message too long for it is cut short. */
__attribute__((format(printf, 2, 3))) static void set_error(struct reference_counts *out,
							    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(out->error, sizeof(out->error), fmt, ap);
	va_end(ap);
}

/* fail records the first failure as "FILE line N column C (HEADER): what". */
__attribute__((format(printf, 4, 5))) static void fail(struct loader *L, int rc, int column,
						       const char *fmt, ...)
{
	if (L->rc)
		return;
	L->rc = rc;
	char what[192];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (column >= 0 && (size_t)column < L->file->ncolumns)
		set_error(L->out, "%s line %ld column %d (%s): %s", L->file->name, L->rec_line,
			  column + 1, L->file->columns[column].header, what);
	else
		set_error(L->out, "%s line %ld: %s", L->file->name, L->rec_line, what);
}

/* show copies at most REF_SHOW_MAX bytes of v for an error, with anything odd as '?'. */
static const char *show(const char *v, char *buf, size_t n)
{
	size_t i = 0;
	for (; v[i] && i < REF_SHOW_MAX && i + 4 < n; i++) {
		unsigned char c = (unsigned char)v[i];
		buf[i] = c < 0x20 || c >= 0x7f || c == '"' ? '?' : (char)c;
	}
	if (v[i] && i + 4 <= n) {
		memcpy(buf + i, "...", 3);
		i += 3;
	}
	buf[i] = '\0';
	return buf;
}

/* parse_small reads a whole number 0..9999 written in digits only; -1 if it is not one. */
static long parse_small(const char *s)
{
	size_t n = strlen(s);
	long v = 0;
	if (n == 0 || n > 4)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int code_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > REF_CODE_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      c == '-' || c == '_'))
			return 0;
	}
	return 1;
}

/* known runs the column's exists query for v: 1 if a row came back, 0 if not, or ERR_*. */
static int known(struct loader *L, const struct ref_column *col, const char *v)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(L->db, col->exists, &st);
	if (rc)
		return rc;
	rc = db_bind_text(st, 1, v);
	if (rc == 0)
		rc = db_step(st);
	db_reset(st);
	if (rc == DB_ROW)
		return 1;
	return rc == DB_DONE ? 0 : rc;
}

/* check_value checks field i of a data row against its column's kind. */
static void check_value(struct loader *L, int i)
{
	const struct ref_column *col = &L->file->columns[i];
	const char *v = L->fields[i];
	char shown[REF_SHOW_MAX + 8];
	struct date d;

	for (const char *p = v; *p; p++)
		if ((unsigned char)*p < 0x20) {
			fail(L, ERR_INVALID, i, "has a control character");
			return;
		}
	int empty = v[0] == '\0';
	switch (col->kind) {
	case REF_TEXT_OPT:
	case REF_CODE_OPT:
	case REF_DATE_OPT:
	case REF_INT_OPT:
		if (empty)
			return;
		break;
	default:
		if (empty) {
			fail(L, ERR_INVALID, i, "is empty");
			return;
		}
	}
	switch (col->kind) {
	case REF_TEXT:
	case REF_TEXT_OPT: break;
	case REF_CODE:
	case REF_CODE_OPT:
		if (!code_valid(v))
			fail(L, ERR_INVALID, i,
			     "\"%s\" is not a code (letters, digits, '-' or '_', at most %d)",
			     show(v, shown, sizeof(shown)), REF_CODE_MAX);
		break;
	case REF_LA_CODE:
		if (!la_code_valid(v))
			fail(L, ERR_INVALID, i, "\"%s\" is not a 3-digit LA code",
			     show(v, shown, sizeof(shown)));
		break;
	case REF_DATE:
	case REF_DATE_OPT:
		if (date_parse(v, &d))
			fail(L, ERR_INVALID, i, "\"%s\" is not a real date written YYYY-MM-DD",
			     show(v, shown, sizeof(shown)));
		break;
	case REF_INT:
	case REF_INT_OPT:
		if (parse_small(v) < 0)
			fail(L, ERR_INVALID, i, "\"%s\" is not a whole number from 0 to 9999",
			     show(v, shown, sizeof(shown)));
		break;
	case REF_REGION: {
		size_t r = 0;
		while (r < sizeof(regions) / sizeof(regions[0]) && strcmp(v, regions[r]) != 0)
			r++;
		if (r == sizeof(regions) / sizeof(regions[0]))
			fail(L, ERR_INVALID, i, "\"%s\" is not one of England's nine regions",
			     show(v, shown, sizeof(shown)));
		break;
	}
	case REF_RULE:
		if (strcmp(v, "rule") != 0 && strcmp(v, "one-off") != 0)
			fail(L, ERR_INVALID, i, "\"%s\" is neither \"rule\" nor \"one-off\"",
			     show(v, shown, sizeof(shown)));
		break;
	}
	if (L->rc || !col->exists)
		return;
	int rc = known(L, col, v);
	if (rc < 0)
		fail(L, rc, i, "the database refused the lookup (%s)", db_errcode(L->db));
	else if (rc == 0)
		fail(L, ERR_INVALID, i, "no %s has code \"%s\"", col->exists_what,
		     show(v, shown, sizeof(shown)));
}

/* check_order refuses a row whose from column is after its to column. */
static void check_order(struct loader *L)
{
	int from = L->file->from, to = L->file->to;
	if (from < 0 || to < 0)
		return;
	const char *a = L->fields[from], *b = L->fields[to];
	if (!a[0] || !b[0])
		return;
	int after;
	if (L->file->columns[from].kind == REF_INT_OPT || L->file->columns[from].kind == REF_INT)
		after = parse_small(a) > parse_small(b);
	else
		after = strcmp(a, b) > 0; /* valid ISO dates sort as text */
	if (after)
		fail(L, ERR_INVALID, to, "%s %s is after %s %s", L->file->columns[from].header, a,
		     L->file->columns[to].header, b);
}

static void remember_key(struct loader *L)
{
	if (L->file->key < 0)
		return;
	if (L->nkeys == L->capkeys) {
		size_t cap = L->capkeys ? L->capkeys * 2 : 256;
		struct ref_key *k = realloc(L->keys, cap * sizeof(*k));
		if (!k) {
			fail(L, ERR_NOMEM, -1, "out of memory");
			return;
		}
		L->keys = k;
		L->capkeys = cap;
	}
	/* check_value has made sure the key fits */
	snprintf(L->keys[L->nkeys].value, sizeof(L->keys[0].value), "%s", L->fields[L->file->key]);
	L->keys[L->nkeys].line = L->rec_line;
	L->nkeys++;
}

static int key_cmp(const void *pa, const void *pb)
{
	const struct ref_key *a = pa, *b = pb;
	int c = strcmp(a->value, b->value);
	if (c)
		return c;
	return (a->line > b->line) - (a->line < b->line);
}

/* check_duplicates refuses a file that gives the same key twice. */
static void check_duplicates(struct loader *L)
{
	if (L->rc || L->nkeys < 2)
		return;
	qsort(L->keys, L->nkeys, sizeof(L->keys[0]), key_cmp);
	for (size_t i = 1; i < L->nkeys; i++) {
		if (strcmp(L->keys[i].value, L->keys[i - 1].value) != 0)
			continue;
		L->rec_line = L->keys[i].line;
		fail(L, ERR_INVALID, L->file->key, "\"%s\" is also on line %ld", L->keys[i].value,
		     L->keys[i - 1].line);
		return;
	}
}

static void store_row(struct loader *L)
{
	const struct ref_file *f = L->file;
	struct db_stmt *st = NULL;
	int rc = db_prepare(L->db, f->upsert, &st);
	for (size_t i = 0; rc == 0 && i < f->ncolumns; i++) {
		const struct ref_column *col = &f->columns[i];
		const char *v = L->fields[i];
		if (col->param == 0)
			continue;
		if (!v[0])
			rc = db_bind_null(st, col->param);
		else if (col->kind == REF_INT || col->kind == REF_INT_OPT)
			rc = db_bind_int64(st, col->param, parse_small(v));
		else
			rc = db_bind_text(st, col->param, v);
	}
	if (rc == 0) {
		rc = db_step(st);
		if (rc == DB_DONE)
			rc = 0;
		else if (rc == DB_ROW)
			rc = ERR_DB;
	}
	if (st)
		db_reset(st);
	if (rc)
		fail(L, rc, -1, "the database refused the row (%s)", db_errcode(L->db));
}

static void check_header(struct loader *L)
{
	const struct ref_file *f = L->file;
	char shown[REF_SHOW_MAX + 8];
	for (size_t i = 0; i < f->ncolumns && i < L->nfields; i++) {
		if (strcmp(L->fields[i], f->columns[i].header) != 0) {
			fail(L, ERR_INVALID, -1,
			     "column %zu of the header is \"%s\", expected \"%s\"", i + 1,
			     show(L->fields[i], shown, sizeof(shown)), f->columns[i].header);
			return;
		}
	}
	if (L->nfields != f->ncolumns)
		fail(L, ERR_INVALID, -1, "the header has %zu columns, expected %zu", L->nfields,
		     f->ncolumns);
}

/* on_field is libcsv's callback for each field; s is NUL-terminated (CSV_APPEND_NULL). */
static void on_field(void *s, size_t len, void *data)
{
	struct loader *L = data;
	if (L->rc)
		return;
	if (L->nfields == 0)
		L->rec_line = L->line;
	size_t i = L->nfields++;
	if (i >= REF_MAX_COLUMNS)
		return; /* on_record refuses the record for its length */
	int col = L->records && i < L->file->ncolumns ? (int)i : -1;
	if (len > REF_FIELD_MAX) {
		fail(L, ERR_INVALID, col, "%sis longer than %d bytes", col < 0 ? "a value " : "",
		     REF_FIELD_MAX);
		return;
	}
	if (len && !utf8_valid(s, len)) {
		fail(L, ERR_INVALID, col, "%sis not valid UTF-8", col < 0 ? "a value " : "");
		return;
	}
	memcpy(L->fields[i], s, len);
	L->fields[i][len] = '\0';
	/* a byte order mark, as spreadsheets write, is not part of the first column's name */
	if (L->records == 0 && i == 0 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		memmove(L->fields[0], L->fields[0] + 3, len - 2);
}

/* on_record is libcsv's callback at the end of each record (c is its terminator). */
static void on_record(int c, void *data)
{
	struct loader *L = data;
	(void)c;
	if (L->rc)
		return;
	if (L->records++ == 0) {
		check_header(L);
	} else if (L->nfields != L->file->ncolumns) {
		fail(L, ERR_INVALID, -1, "the row has %zu fields, expected %zu", L->nfields,
		     L->file->ncolumns);
	} else {
		for (size_t i = 0; i < L->file->ncolumns && !L->rc; i++)
			check_value(L, (int)i);
		if (!L->rc)
			check_order(L);
		if (!L->rc)
			remember_key(L);
		if (!L->rc && L->file->upsert)
			store_row(L);
		if (!L->rc)
			L->rows++;
	}
	L->nfields = 0;
	L->end_line = L->line;
}

/* parse_stream feeds fp to p a line at a time, so that failures can name their line. */
static void parse_stream(struct loader *L, struct csv_parser *p, FILE *fp)
{
	char *chunk = L->chunk;
	size_t total = 0, n;
	while (!L->rc && (n = fread(chunk, 1, sizeof(L->chunk), fp)) > 0) {
		total += n;
		if (total > REF_FILE_MAX) {
			L->rec_line = L->line;
			fail(L, ERR_TOOBIG, -1, "the file is larger than %d bytes", REF_FILE_MAX);
			return;
		}
		size_t pos = 0;
		while (!L->rc && pos < n) {
			const char *nl = memchr(chunk + pos, '\n', n - pos);
			size_t len = nl ? (size_t)(nl - (chunk + pos)) + 1 : n - pos;
			if (csv_parse(p, chunk + pos, len, on_field, on_record, L) != len &&
			    !L->rc) {
				L->rec_line = L->line;
				fail(L, ERR_INVALID, -1, "not valid CSV (%s)",
				     csv_strerror(csv_error(p)));
			}
			pos += len;
			if (nl)
				L->line++;
		}
	}
	if (L->rc)
		return;
	if (ferror(fp)) {
		fail(L, ERR_IO, -1, "reading failed");
		return;
	}
	if (csv_fini(p, on_field, on_record, L) != 0 && !L->rc) {
		/* libcsv says only that the file ended inside quotes */
		L->rec_line = L->end_line + 1;
		fail(L, ERR_INVALID, -1,
		     "a quoted value that starts here or later is never closed");
	}
	if (!L->rc && L->records == 0) {
		L->rec_line = 1;
		fail(L, ERR_INVALID, -1, "the file is empty: it needs a header row");
	}
}

static int ref_path(const char *dir, const char *name, char *out, size_t n)
{
	int len = snprintf(out, n, "%s/%s", dir, name);
	return len < 0 || (size_t)len >= n ? ERR_TOOBIG : 0;
}

/* load_file parses, checks and (when the file has a table) upserts one file. */
static int load_file(struct db *db, const char *dir, const struct ref_file *f,
		     struct reference_counts *out)
{
	char path[4096];
	FILE *fp = NULL;
	struct csv_parser p;
	int parser_ready = 0;
	struct loader *L = calloc(1, sizeof(*L));
	int rc = 0;
	if (!L) {
		set_error(out, "%s: out of memory", f->name);
		return ERR_NOMEM;
	}
	L->db = db;
	L->file = f;
	L->out = out;
	L->line = 1;
	L->rec_line = 1;
	if (ref_path(dir, f->name, path, sizeof(path))) {
		set_error(out, "%s: the path is too long", f->name);
		rc = ERR_TOOBIG;
		goto out;
	}
	fp = fopen(path, "rb");
	if (!fp) {
		set_error(out, "cannot open %s (%s)", path, strerror(errno));
		rc = errno == ENOENT ? ERR_NOTFOUND : ERR_IO;
		goto out;
	}
	/* CSV_STRICT_FINI too, so that a quote left open at the end of the file is refused */
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		set_error(out, "%s: out of memory", f->name);
		rc = ERR_NOMEM;
		goto out;
	}
	parser_ready = 1;
	parse_stream(L, &p, fp);
	check_duplicates(L);
	rc = L->rc;
	if (rc == 0)
		*(int *)((char *)out + f->count_offset) = L->rows;
out:
	if (parser_ready)
		csv_free(&p);
	if (fp)
		fclose(fp);
	free(L->keys);
	free(L);
	return rc;
}

int reference_check_dir(const char *dir, struct reference_counts *out)
{
	struct stat sb;
	char path[4096];
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		set_error(out, "the reference directory %s is missing", dir);
		return ERR_NOTFOUND;
	}
	for (size_t i = 0; i < REF_NFILES; i++) {
		if (ref_path(dir, ref_files[i].name, path, sizeof(path))) {
			set_error(out, "the reference path is too long");
			return ERR_TOOBIG;
		}
		if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
			set_error(out, "%s is missing", path);
			return ERR_NOTFOUND;
		}
	}
	return 0;
}

int reference_load(struct db *db, const char *dir, struct reference_counts *out)
{
	struct reference_counts mine;
	if (!out)
		out = &mine;
	memset(out, 0, sizeof(*out));
	int rc = reference_check_dir(dir, out);
	if (rc)
		return rc;
	rc = db_begin(db);
	if (rc) {
		set_error(out, "cannot begin a transaction (%s)", db_errcode(db));
		return rc;
	}
	for (size_t i = 0; i < REF_NFILES && rc == 0; i++)
		rc = load_file(db, dir, &ref_files[i], out);
	if (rc == 0) {
		rc = db_commit(db);
		if (rc)
			set_error(out, "the commit failed (%s)", db_errcode(db));
	}
	if (rc) {
		char error[sizeof(out->error)];
		db_rollback(db);
		/* nothing was loaded, so no counts; the error stays */
		memcpy(error, out->error, sizeof(error));
		memset(out, 0, sizeof(*out));
		memcpy(out->error, error, sizeof(error));
	}
	return rc;
}
