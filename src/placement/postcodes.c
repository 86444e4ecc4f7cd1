/*
 * postcodes.c: `sendap postcodes import FILE`: coordinates for postcodes from the ONS
 * Postcode Directory (ONSPD) or the National Statistics Postcode Lookup (NSPL), CSV with a
 * header naming its columns: the postcode in "pcds" (or "pcd"), and "lat" and "long".
 * Rows without coordinates (ONS writes 99.999999 for them) are skipped. Read with libcsv
 * a block at a time, so the whole 2.7 million rows never sit in memory; written in one
 * transaction; the coordinates of settings are then filled from their postcodes.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "people/people.h"
#include "placement/placement.h"
#include "platform/err.h"

static const char usage_postcodes[] =
	"usage: sendap postcodes import FILE [--db PATH|URL]\n"
	"\n"
	"Loads postcode coordinates from an ONS postcode directory CSV (ONSPD or NSPL: the\n"
	"columns pcds or pcd, lat and long, named in its header). Postcodes already held are\n"
	"updated. Then every setting's coordinates are set from its postcode.\n";

struct loader {
	struct db *db;
	struct db_stmt *st;
	int row, col;
	int c_pc, c_lat, c_lon;
	char pc[16], lat[24], lon[24];
	long loaded, skipped;
	int rc;
};

static void on_field(void *data, size_t len, void *p)
{
	struct loader *L = p;
	const char *s = data;
	if (L->row == 0) {
		char name[16];
		snprintf(name, sizeof(name), "%.*s", (int)(len < 15 ? len : 15), s);
		if (strcmp(name, "pcds") == 0 || (strcmp(name, "pcd") == 0 && L->c_pc < 0))
			L->c_pc = L->col;
		else if (strcmp(name, "lat") == 0)
			L->c_lat = L->col;
		else if (strcmp(name, "long") == 0)
			L->c_lon = L->col;
	} else if (L->col == L->c_pc) {
		snprintf(L->pc, sizeof(L->pc), "%.*s", (int)(len < 15 ? len : 15), s);
	} else if (L->col == L->c_lat) {
		snprintf(L->lat, sizeof(L->lat), "%.*s", (int)(len < 23 ? len : 23), s);
	} else if (L->col == L->c_lon) {
		snprintf(L->lon, sizeof(L->lon), "%.*s", (int)(len < 23 ? len : 23), s);
	}
	L->col++;
}

/* e6: "51.501009" as 51501009; -1 on anything else */
static int e6(const char *s, int64_t *out)
{
	char *end = NULL;
	double v = strtod(s, &end);
	if (!*s || *end || v < -180 || v > 180)
		return -1;
	*out = (int64_t)(v * 1e6 + (v < 0 ? -0.5 : 0.5));
	return 0;
}

static void on_row(int c, void *p)
{
	(void)c;
	struct loader *L = p;
	if (L->row++ == 0 || L->rc) {
		L->col = 0;
		return;
	}
	char pc[16];
	int64_t lat, lon;
	if (postcode_normalise(L->pc, pc, sizeof(pc)) != 0 || e6(L->lat, &lat) != 0 ||
	    e6(L->lon, &lon) != 0 || lat > 90000000) { /* 99.999999: no coordinates */
		L->skipped++;
	} else if ((L->rc = db_bind_text(L->st, 1, pc)) == 0 &&
		   (L->rc = db_bind_int64(L->st, 2, lat)) == 0 &&
		   (L->rc = db_bind_int64(L->st, 3, lon)) == 0) {
		L->rc = db_step(L->st) == DB_DONE ? 0 : ERR_DB;
		db_reset(L->st);
		L->loaded += L->rc == 0;
	}
	L->col = 0;
	L->pc[0] = L->lat[0] = L->lon[0] = '\0';
}

static int import(struct db *db, const char *path, long *loaded, long *skipped)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "sendap postcodes: cannot open %s\n", path);
		return ERR_IO;
	}
	struct loader L = {.db = db, .c_pc = -1, .c_lat = -1, .c_lon = -1};
	struct csv_parser p;
	int rc = csv_init(&p, CSV_APPEND_NULL) == 0 ? db_begin(db) : ERR_NOMEM;
	if (rc == 0)
		rc = db_prepare(
			db,
			"INSERT INTO postcode (postcode, lat_e6, lon_e6) VALUES ($1, $2, $3)"
			" ON CONFLICT (postcode) DO UPDATE SET lat_e6 = $2, lon_e6 = $3",
			&L.st);
	char block[65536];
	size_t n;
	while (rc == 0 && L.rc == 0 && (n = fread(block, 1, sizeof(block), f)) > 0) {
		if (csv_parse(&p, block, n, on_field, on_row, &L) != n)
			rc = ERR_INVALID;
		if (L.row == 1 && (L.c_pc < 0 || L.c_lat < 0 || L.c_lon < 0))
			rc = ERR_INVALID;
	}
	if (rc == 0)
		csv_fini(&p, on_field, on_row, &L);
	csv_free(&p);
	fclose(f);
	if (rc == 0 && (L.c_pc < 0 || L.c_lat < 0 || L.c_lon < 0)) {
		fprintf(stderr,
			"sendap postcodes: %s: the header needs pcds (or pcd), lat and long\n",
			path);
		rc = ERR_INVALID;
	}
	if (rc == 0)
		rc = L.rc;
	if (rc == 0)
		rc = db_exec(db,
			     "UPDATE organisation SET lat_e6 = (SELECT p.lat_e6 FROM postcode p"
			     " WHERE p.postcode = organisation.postcode), lon_e6 = (SELECT"
			     " p.lon_e6 FROM postcode p WHERE p.postcode = organisation.postcode)"
			     " WHERE postcode IS NOT NULL AND EXISTS (SELECT 1 FROM postcode p"
			     " WHERE p.postcode = organisation.postcode)");
	if (rc == 0)
		rc = db_commit(db);
	else
		db_rollback(db);
	*loaded = L.loaded;
	*skipped = L.skipped;
	return rc;
}

int placement_cli(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'b'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage_postcodes, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const char *url = getenv("SENDAP_DB") ? getenv("SENDAP_DB") : "var/sendap.db";
	int c;
	optind = 1;
	while ((c = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		switch (c) {
		case 'b': url = optarg; break;
		case 'h': fputs(usage_postcodes, stdout); return 0;
		default: fputs(usage_postcodes, stderr); return 2;
		}
	}
	if (strcmp(argv[1], "import") != 0 || optind + 1 >= argc) {
		fputs(usage_postcodes, stderr);
		return 2;
	}
	const char *path = argv[optind + 1];
	struct db *db = NULL;
	int rc = db_open(url, &db);
	if (rc) {
		fprintf(stderr, "sendap postcodes: cannot open the database (%s)\n", err_name(rc));
		return 1;
	}
	long loaded = 0, skipped = 0;
	rc = import(db, path, &loaded, &skipped);
	db_close(db);
	if (rc) {
		fprintf(stderr, "sendap postcodes: not imported (%s)\n", err_name(rc));
		return 1;
	}
	printf("%ld postcodes loaded, %ld rows without coordinates skipped\n", loaded, skipped);
	return 0;
}
