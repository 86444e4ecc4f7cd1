/*
 * cli.c: `sendap export sen2`: one LA's SEN2 return for one collection year as XML
 * (validated against the year's XSD before it is handed over), its checks, the tables
 * DfE publishes from it, and the trace of every value to its record. `--la all` writes
 * every LA's return into a directory: the national run the benchmark times.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "platform/db.h"
#include "platform/err.h"
#include "returns/sen2.h"

static const char usage_export[] =
	"usage: sendap export sen2 --la CODE --year YYYY [--out FILE] [--check]\n"
	"                          [--tables DIR] [--trace FILE] [--db PATH|URL]\n"
	"                          [--deidentified FILE --key KEYFILE]\n"
	"                          [--reference DIR]\n"
	"       sendap export sen2 --la all --year YYYY --out DIR\n"
	"\n"
	"Writes the LA's SEN2 person-level return for the collection year YYYY (its census is\n"
	"the January Thursday in reference/sen2/YYYY.json; requests, assessments, new and\n"
	"ceased plans and reviews cover the calendar year before). The file is validated\n"
	"against the year's XSD before it is written to --out (default sen2-CODE-YYYY.xml).\n"
	"\n"
	"  --check        only run the checks DfE COLLECT makes (errors and queries); exit 1\n"
	"                 if there is any error\n"
	"  --tables DIR   also write the tables DfE publishes from SEN2, as CSV files in DIR\n"
	"  --trace FILE   also write every value with the record it came from (CSV)\n"
	"  --deidentified FILE --key KEYFILE\n"
	"                 also write the de-identified extract for national monitoring (CSV):\n"
	"                 no names, birth dates, postcodes, UPNs or ULNs; each child a keyed\n"
	"                 pseudonym under KEYFILE (16 to 64 random bytes the LA keeps)\n"
	"  --la all       every LA with children: one file per LA in the directory --out\n"
	"\n"
	"Exit status: 0 written (or no errors with --check), 1 errors or not valid, 2 usage.\n";

struct opts {
	const char *la, *out, *tables, *trace, *url, *ref, *feed, *key;
	int year, check;
};

/* the de-identified extract, its pseudonyms keyed by the LA's own key file */
static int feed(const struct sen2_return *r, const struct opts *o)
{
	unsigned char key[65];
	size_t keylen = 0;
	FILE *k = fopen(o->key, "rb");
	if (k) {
		keylen = fread(key, 1, sizeof(key), k);
		fclose(k);
	}
	if (keylen < 16 || keylen > 64) {
		fprintf(stderr, "sendap export sen2: --key %s must hold 16 to 64 random bytes\n",
			o->key);
		return 1;
	}
	FILE *f = fopen(o->feed, "w");
	int rc = !f || sen2_feed_write(r, key, keylen, f) != 0;
	if (f && fclose(f) != 0)
		rc = 1;
	if (rc)
		fprintf(stderr, "sendap export sen2: cannot write %s\n", o->feed);
	return rc;
}

static int one(struct db *db, const struct sen2_year *y, const char *la, const struct opts *o,
	       const char *out, int quiet)
{
	struct sen2_return r;
	char err[2048];
	if (sen2_load(db, y, la, &r, err, sizeof(err))) {
		fprintf(stderr, "sendap export sen2: %s\n", err);
		return 1;
	}
	sen2_stamp(&r);
	struct sen2_checks c;
	int rc = sen2_check(&r, &c) != 0;
	if (!quiet || o->check)
		sen2_checks_print(&c, o->check ? stdout : stderr);
	if (o->check) {
		rc = rc || c.errors > 0;
		sen2_release(&r);
		return rc;
	}
	if (!rc && sen2_xml_write(&r, out, err, sizeof(err))) {
		fprintf(stderr,
			"sendap export sen2: the return for %s does not validate against %s: %s\n",
			la, y->xsd, err);
		rc = 1;
	}
	if (!rc && o->tables) {
		mkdir(o->tables, 0755);
		if (sen2_tables_write(&r, o->tables, err, sizeof(err))) {
			fprintf(stderr, "sendap export sen2: %s\n", err);
			rc = 1;
		}
	}
	if (!rc && o->trace) {
		FILE *f = fopen(o->trace, "w");
		rc = !f || sen2_trace_write(&r, f) != 0;
		if (f && fclose(f) != 0)
			rc = 1;
		if (rc)
			fprintf(stderr, "sendap export sen2: cannot write %s\n", o->trace);
	}
	if (!rc && o->feed)
		rc = feed(&r, o);
	size_t persons = 0;
	for (size_t i = 0; i < r.npersons; i++)
		persons += r.persons[i].nin != 0;
	if (!rc && !quiet)
		printf("sen2 %s %d: %zu persons written to %s (%zu errors, %zu queries)\n", la,
		       y->year, persons, out, c.errors, c.queries);
	sen2_release(&r);
	return rc;
}

static int every_la(struct db *db, const struct sen2_year *y, const struct opts *o)
{
	struct db_stmt *st;
	char(*las)[4] = calloc(400, 4);
	size_t n = 0;
	int rc = !las || db_prepare(db, "SELECT DISTINCT la_code FROM child ORDER BY 1", &st);
	if (rc) {
		free(las);
		return 1;
	}
	while (n < 400 && db_step(st) == DB_ROW)
		snprintf(las[n++], 4, "%s", db_column_text(st, 0));
	db_reset(st);
	mkdir(o->out, 0755);
	int failed = 0;
	for (size_t i = 0; i < n; i++) {
		char path[1024];
		snprintf(path, sizeof(path), "%s/sen2-%s-%d.xml", o->out, las[i], y->year);
		failed += one(db, y, las[i], o, path, 1) != 0;
	}
	printf("sen2 %d: %zu LAs written to %s, %d failed\n", y->year, n, o->out, failed);
	free(las);
	return failed != 0;
}

int sen2_cli(int argc, char **argv)
{
	static const struct option opts[] = {
		{"la", required_argument, NULL, 'l'},
		{"year", required_argument, NULL, 'y'},
		{"out", required_argument, NULL, 'o'},
		{"check", no_argument, NULL, 'c'},
		{"tables", required_argument, NULL, 't'},
		{"trace", required_argument, NULL, 'x'},
		{"db", required_argument, NULL, 'b'},
		{"reference", required_argument, NULL, 'r'},
		{"deidentified", required_argument, NULL, 'f'},
		{"key", required_argument, NULL, 'k'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	if (argc < 2 || strcmp(argv[1], "sen2") != 0) {
		fputs(usage_export, argc >= 2 && strcmp(argv[1], "--help") == 0 ? stdout : stderr);
		return argc >= 2 && strcmp(argv[1], "--help") == 0 ? 0 : 2;
	}
	struct opts o = {.url = getenv("SENDAP_DB") ? getenv("SENDAP_DB") : "var/sendap.db",
			 .ref = "reference"};
	int c;
	optind = 1;
	while ((c = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		switch (c) {
		case 'l': o.la = optarg; break;
		case 'y': o.year = (int)strtol(optarg, NULL, 10); break;
		case 'o': o.out = optarg; break;
		case 'c': o.check = 1; break;
		case 't': o.tables = optarg; break;
		case 'x': o.trace = optarg; break;
		case 'b': o.url = optarg; break;
		case 'r': o.ref = optarg; break;
		case 'f': o.feed = optarg; break;
		case 'k': o.key = optarg; break;
		case 'h': fputs(usage_export, stdout); return 0;
		default: fputs(usage_export, stderr); return 2;
		}
	}
	int all = o.la && strcmp(o.la, "all") == 0;
	if (!o.la || o.year < 2000 || o.year > 2100 || (all && (!o.out || o.check || o.feed)) ||
	    !o.feed != !o.key) {
		fputs(usage_export, stderr);
		return 2;
	}
	struct sen2_year y;
	char err[512];
	if (sen2_year_load(o.ref, o.year, &y, err, sizeof(err))) {
		fprintf(stderr, "sendap export sen2: %s\n", err);
		return 1;
	}
	struct db *db = NULL;
	int rc = db_open(o.url, &db);
	if (rc) {
		fprintf(stderr, "sendap export sen2: cannot open the database (%s)\n",
			err_name(rc));
		return 1;
	}
	char path[256];
	snprintf(path, sizeof(path), "sen2-%s-%d.xml", o.la, o.year);
	rc = all ? every_la(db, &y, &o) : one(db, &y, o.la, &o, o.out ? o.out : path, 0);
	db_close(db);
	return rc;
}
