/*
 * imports.h: `sendap import KIND FILE`: records from an LA's previous case-management
 * system, as CSV files of children, contacts, settings, requests, plans, placements and
 * reviews (the layouts are in docs/import.md).
 *
 * A file is read a block at a time with libcsv, so memory stays the same whatever its
 * size. Every row is checked, and every problem reported as FILE:ROW:COLUMN: value "V":
 * reason. Without partial, a file with any problem imports nothing (one transaction,
 * rolled back); with partial, the good rows are imported and the others written to a
 * rejects file with an error column. Each row's own key is kept in import_key, so a file
 * imported twice changes nothing the second time.
 */
#ifndef SENDAP_IMPORTS_H
#define SENDAP_IMPORTS_H

#include <stdio.h>

#include "platform/dates.h"
#include "platform/db.h"

struct import_options {
	const char *la_code;      /* the LA the records belong to (must exist) */
	int partial;              /* import the good rows, reject the rest */
	const char *rejects_path; /* partial: where rejected rows go (NULL: FILE.rejects.csv) */
	FILE *report;             /* where problems are written (NULL: stderr) */
	struct date today;        /* dates are judged on this day (y == 0: today) */
};

struct import_counts {
	long rows; /* data rows read (the header not counted) */
	long added, updated, unchanged, rejected;
	int committed; /* 1 when the changes were kept */
};

/* import_kind_known: 1 if kind is one of children, contacts, settings, requests, plans,
 * placements, reviews */
int import_kind_known(const char *kind);

/*
 * import_file imports one file of kind into db. Returns 0 when the import was committed
 * (with partial, even if some rows were rejected); ERR_INVALID when rows failed and
 * nothing was imported, or the file itself is wrong (its header, its quoting); ERR_IO if
 * it cannot be read or the rejects file written; ERR_NOTFOUND for an unknown LA; another
 * ERR_* when the database fails (nothing imported). *out is filled in every case.
 * Requests use assessment_rules (clock.h) for each case's next deadline when loaded.
 */
int import_file(struct db *db, const char *kind, const char *path, const struct import_options *o,
		struct import_counts *out);

/* `sendap import KIND FILE [--db URL] --la CODE [--partial] [--rejects FILE]
 * [--reference DIR]`: 0 imported, 1 not imported (or failed), 2 usage */
int import_cli(int argc, char **argv);

#endif
