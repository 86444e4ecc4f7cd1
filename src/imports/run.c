/*
 * run.c: one import, start to end. Everything happens in one transaction. Without
 * --partial the file is read twice: first only checked (every problem reported, nothing
 * written), then, if no row failed, read again and written; a failure then rolls back the
 * lot. With --partial it is read once, good rows written and bad ones sent to the rejects
 * file. Each row goes in a savepoint, so a row the database refuses (a UPN another child
 * already has) is undone alone. A row's own key is looked up in import_key: a row whose
 * hash matches what was imported before is left alone, a changed one updates the same
 * records. Keys seen in this run go in import_seen, so a duplicate is found without
 * holding the file in memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "imports/internal.h"
#include "platform/err.h"
#include "platform/log.h"
#include "platform/utf8.h"

static const struct imp_kind *const kinds[] = {
	&imp_children, &imp_contacts,   &imp_settings, &imp_requests,
	&imp_plans,    &imp_placements, &imp_reviews,
};

static const struct imp_kind *kind_named(const char *name)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (name && strcmp(kinds[i]->name, name) == 0)
			return kinds[i];
	return NULL;
}

int import_kind_known(const char *kind)
{
	return kind_named(kind) != NULL;
}

void imp_header(struct importer *I)
{
	const struct imp_kind *k = I->kind;
	int n = I->col < IMP_MAXCOL ? I->col : IMP_MAXCOL;
	/* a byte-order mark was skipped already; a header is plain ASCII names */
	for (int c = 0; c < n || c < k->ncol; c++) {
		const char *got = c < n ? I->buf + I->off[c] : NULL;
		char why[160];
		if (c >= k->ncol) {
			snprintf(why, sizeof(why), "not a column of a %s file (it has %d columns)",
				 k->name, k->ncol);
			imp_report(I, 1, "-", got, I->len[c], why);
		} else if (!got || strcmp(got, k->cols[c]) != 0) {
			snprintf(why, sizeof(why), "the header's column %d must be \"%s\"", c + 1,
				 k->cols[c]);
			imp_report(I, 1, k->cols[c], got ? got : "", got ? I->len[c] : 0, why);
		} else {
			continue;
		}
		I->stop = 1;
	}
	I->header_ok = !I->stop;
}

/* trim: spaces and tabs off both ends, in place */
static char *trim(char *s, size_t *len)
{
	size_t n = *len;
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	s[n] = '\0';
	*len = n;
	return s;
}

/* row_hash: BLAKE2b-128 of the checked values, each with its length */
static void row_hash(struct importer *I)
{
	crypto_generichash_state h;
	unsigned char out[16];
	crypto_generichash_init(&h, NULL, 0, sizeof(out));
	for (int c = 0; c < I->kind->ncol; c++) {
		const char *v = I->v[c] ? I->v[c] : "";
		uint32_t n = (uint32_t)strlen(v) + (I->v[c] != NULL);
		crypto_generichash_update(&h, (const unsigned char *)&n, sizeof(n));
		crypto_generichash_update(&h, (const unsigned char *)v, strlen(v));
	}
	crypto_generichash_final(&h, out, sizeof(out));
	sodium_bin2hex(I->hash, sizeof(I->hash), out, sizeof(out));
}

/* seen: a duplicate key in this file is a problem; the first row with it is kept */
static void seen(struct importer *I, const char *key)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(
		I->db, "SELECT row_no FROM import_seen WHERE run_id = $1 AND source_id = $2", &st);
	int64_t first = 0;
	if (rc == 0 && (rc = db_bind_text(st, 1, I->run)) == 0 &&
	    (rc = db_bind_text(st, 2, key)) == 0) {
		rc = db_step(st);
		if (rc == DB_ROW) {
			first = db_column_int64(st, 0);
			rc = 0;
		} else if (rc == DB_DONE) {
			rc = 0;
		}
	}
	if (st)
		db_reset(st);
	if (rc == 0 && first == 0) {
		char row[24];
		snprintf(row, sizeof(row), "%ld", I->row);
		const char *v[] = {I->run, key, row};
		rc = imp_exec(I,
			      "INSERT INTO import_seen (run_id, source_id, row_no)"
			      " VALUES ($1, $2, CAST($3 AS BIGINT))",
			      v, 3);
	} else if (rc == 0 && first != I->row) {
		imp_problem(I, 0, "duplicate key: row %lld has the same source_id",
			    (long long)first);
	}
	if (rc)
		I->fatal = rc < 0 ? rc : ERR_DB;
}

/* keep: write the checked row in a savepoint and remember its key */
static void keep(struct importer *I)
{
	const char *key = I->v[0];
	char our[2 * ID_LEN + 2] = "", extra[ID_LEN + 1] = "", hash[40] = "";
	int found = imp_lookup(I, I->kind->name, key, our, sizeof(our), extra, sizeof(extra), hash,
			       sizeof(hash));
	if (found < 0) {
		I->fatal = found;
		return;
	}
	if (found && strcmp(hash, I->hash) == 0) {
		I->n.unchanged++;
		return;
	}
	int rc = db_exec(I->db, "SAVEPOINT import_row");
	char our_out[2 * ID_LEN + 2] = "", extra_out[ID_LEN + 1] = "";
	if (rc == 0)
		rc = I->kind->write(I, found ? our : NULL, found ? extra : NULL, our_out,
				    extra_out);
	if (rc == 0) {
		const char *v[] = {
			I->la,   I->kind->name, key, our_out, extra_out[0] ? extra_out : NULL,
			I->hash, I->now};
		rc = imp_exec(I,
			      "INSERT INTO import_key (la_code, kind, source_id, our_id, extra_id,"
			      " row_hash, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"
			      " ON CONFLICT (la_code, kind, source_id) DO UPDATE SET our_id = $4,"
			      " extra_id = $5, row_hash = $6, imported_at = $7",
			      v, 7);
	}
	if (rc == 0 && strcmp(I->kind->name, "plans") != 0) /* plans audit their own issue */
		rc = imp_audit(I, found ? "import_update" : "import", I->kind->record_type,
			       our_out);
	if (rc == 0) {
		rc = db_exec(I->db, "RELEASE SAVEPOINT import_row");
		if (rc == 0) {
			if (found)
				I->n.updated++;
			else
				I->n.added++;
		}
	} else {
		db_exec(I->db, "ROLLBACK TO SAVEPOINT import_row");
		db_exec(I->db, "RELEASE SAVEPOINT import_row");
		if (rc == ERR_CONFLICT)
			imp_problem(I, I->kind->conflict_col,
				    "conflict: another record already has this value");
		else if (rc == ERR_INVALID && I->row_bad)
			; /* the kind reported why */
		else
			I->fatal = rc;
	}
}

void imp_row(struct importer *I)
{
	const struct imp_kind *k = I->kind;
	I->n.rows++;
	I->row_bad = 0;
	I->errtext[0] = '\0';
	I->scratch_used = 0;
	memset(I->bad, 0, sizeof(I->bad));
	memset(I->v, 0, sizeof(I->v));
	memset(I->ref, 0, sizeof(I->ref));
	I->nids = 0;
	if (I->col != k->ncol) {
		if (I->col > k->ncol)
			imp_problem(I, k->ncol,
				    "wrong column count: the row has %d values, the"
				    " header %d",
				    I->col, k->ncol);
		else
			imp_problem(I, I->col,
				    "wrong column count: the row has %d values, the"
				    " header %d",
				    I->col, k->ncol);
	} else if (I->truncated) {
		imp_problem(I, -1, "the row is longer than 1 MiB");
	} else {
		for (int c = 0; c < k->ncol; c++) {
			char *s = I->buf + I->off[c];
			size_t n = I->len[c];
			if (!utf8_valid(s, n)) {
				size_t at = imp_first_bad(s, n);
				if (I->bad_at[c] >= 0)
					imp_problem(I, c,
						    "not valid UTF-8: byte %zu of the value, byte"
						    " %lld of the file",
						    at + 1, (long long)I->bad_at[c]);
				else
					imp_problem(I, c, "not valid UTF-8: byte %zu of the value",
						    at + 1);
				continue;
			}
			s = trim(s, &n);
			I->v[c] = n ? s : NULL;
		}
		const char *key = imp_text(I, 0, 1, 64);
		k->check(I);
		if (key && !I->fatal)
			seen(I, key);
		if (!I->row_bad && !I->fatal) {
			row_hash(I);
			if (I->writing)
				keep(I);
		}
	}
	if (I->row_bad) {
		I->n.rejected++;
		if (imp_reject_row(I) != 0 && !I->fatal)
			I->fatal = ERR_IO;
	}
}

/* la_exists: 1, 0, or an ERR_* */
static int la_exists(struct db *db, const char *la)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, "SELECT 1 FROM local_authority WHERE code = $1", &st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, la)) == 0)
		rc = db_step(st);
	db_reset(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : rc < 0 ? rc : ERR_DB;
}

/* pass: one read of the file; 0, ERR_INVALID (rows or the file), ERR_IO or a database
 * ERR_* */
static int pass(struct importer *I, int writing)
{
	I->writing = writing;
	I->header_ok = 0;
	memset(&I->n, 0, sizeof(I->n));
	int rc = imp_read_pass(I);
	if (rc == 0 && I->row == 0) {
		imp_report(I, 1, "-", "", 0, "the file is empty: it needs a header row");
		rc = ERR_INVALID;
	}
	if (rc == 0 && I->fatal)
		rc = I->fatal;
	if (rc == 0 && !I->partial && I->n.rejected)
		rc = ERR_INVALID;
	return rc;
}

int import_file(struct db *db, const char *kind, const char *path, const struct import_options *o,
		struct import_counts *out)
{
	memset(out, 0, sizeof(*out));
	struct importer *I = calloc(1, sizeof(*I));
	char *buf = malloc(IMP_ROW_MAX);
	char *rpath = NULL;
	int rc = I && buf ? 0 : ERR_NOMEM, began = 0;
	if (rc)
		goto out;
	I->db = db;
	I->kind = kind_named(kind);
	I->path = path;
	I->la = o->la_code;
	I->today = o->today.y ? o->today : date_today();
	I->report = o->report ? o->report : stderr;
	I->partial = o->partial;
	I->reporting = 1;
	I->buf = buf;
	id_new(I->run);
	log_now_iso(I->now, sizeof(I->now));
	if (!I->kind || !I->la) {
		rc = ERR_INVALID;
		goto out;
	}
	if ((rc = la_exists(db, I->la)) != 1) {
		if (rc == 0)
			fprintf(I->report, "%s: no local authority with the code \"%s\"\n", path,
				I->la);
		rc = rc == 0 ? ERR_NOTFOUND : rc;
		goto out;
	}
	rc = 0;
	if (I->partial) {
		const char *rp = o->rejects_path;
		if (!rp) {
			size_t n = strlen(path) + sizeof(".rejects.csv");
			rpath = malloc(n);
			if (!rpath) {
				rc = ERR_NOMEM;
				goto out;
			}
			snprintf(rpath, n, "%s.rejects.csv", path);
			rp = rpath;
		}
		I->rejects = fopen(rp, "wb");
		if (!I->rejects) {
			fprintf(I->report, "%s: cannot write the rejects file %s\n", path, rp);
			rc = ERR_IO;
			goto out;
		}
		for (int c = 0; c < I->kind->ncol; c++) {
			fputs(I->kind->cols[c], I->rejects);
			fputc(',', I->rejects);
		}
		fputs("error\r\n", I->rejects);
	}
	if ((rc = db_begin(db)) != 0)
		goto out;
	began = 1;
	/* without --partial: check everything first, and write only if all is well */
	rc = pass(I, I->partial);
	if (rc == 0 && !I->partial)
		rc = pass(I, 1);
	if (rc == 0) {
		const char *v[] = {I->run};
		rc = imp_exec(I, "DELETE FROM import_seen WHERE run_id = $1", v, 1);
	}
	if (rc == 0)
		rc = db_commit(db);
	if (rc == 0)
		out->committed = 1;
out:
	if (began && rc)
		db_rollback(db);
	if (I) {
		long rows = out->rows;
		*out = I->n;
		out->rows = I->n.rows ? I->n.rows : rows;
		out->committed = rc == 0;
		if (rc)
			out->added = out->updated = out->unchanged = 0;
		if (I->rejects && fclose(I->rejects) != 0 && rc == 0)
			rc = ERR_IO;
	}
	free(rpath);
	free(buf);
	free(I);
	return rc;
}
