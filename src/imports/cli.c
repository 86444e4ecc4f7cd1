/*
 * cli.c: `sendap import KIND FILE --la CODE [--db URL] [--partial] [--rejects FILE]
 * [--reference DIR]`: reads the options, loads the assessment rules (for each imported
 * case's next deadline), runs the import and prints its one-line summary.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assessment/assessment.h"
#include "imports/imports.h"
#include "platform/err.h"

static const char usage_import[] =
	"usage: sendap import KIND FILE --la CODE [--db PATH|URL] [--partial]\n"
	"                    [--rejects FILE] [--reference DIR]\n"
	"\n"
	"Imports records from an LA's previous case-management system: a CSV file with a\n"
	"header row, UTF-8 (with or without a byte-order mark). KIND is one of children,\n"
	"contacts, settings, requests, plans, placements, reviews; import them in that\n"
	"order, as later files refer to the keys of earlier ones. The columns of each are\n"
	"in docs/import.md.\n"
	"\n"
	"Every problem is reported as FILE:ROW:COLUMN: value \"V\": reason (the header is\n"
	"row 1). Without --partial, a file with any problem imports nothing. With --partial\n"
	"the good rows are imported and the others written to the rejects file (default\n"
	"FILE.rejects.csv) with an error column. Importing the same file again changes\n"
	"nothing; a changed row updates the records it made.\n"
	"\n"
	"  --la CODE        the local authority the records belong to (3 digits)\n"
	"  --reference DIR  the assessment rules and bank holidays (default reference)\n"
	"\n"
	"Exit status: 0 imported, 1 not imported, 2 usage.\n";

int import_cli(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'b'},
		{"la", required_argument, NULL, 'l'},
		{"partial", no_argument, NULL, 'p'},
		{"rejects", required_argument, NULL, 'r'},
		{"reference", required_argument, NULL, 'R'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *url = getenv("SENDAP_DB") ? getenv("SENDAP_DB") : "var/sendap.db";
	const char *ref = "reference";
	struct import_options o = {0};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'b': url = optarg; break;
		case 'l': o.la_code = optarg; break;
		case 'p': o.partial = 1; break;
		case 'r': o.rejects_path = optarg; break;
		case 'R': ref = optarg; break;
		case 'h': fputs(usage_import, stdout); return 0;
		default: fputs(usage_import, stderr); return 2;
		}
	}
	if (argc - optind != 2 || !o.la_code || !import_kind_known(argv[optind])) {
		if (optind < argc && !import_kind_known(argv[optind]))
			fprintf(stderr, "sendap import: unknown kind \"%s\"\n", argv[optind]);
		fputs(usage_import, stderr);
		return 2;
	}
	if (o.rejects_path && !o.partial) {
		fputs("sendap import: --rejects goes with --partial\n", stderr);
		return 2;
	}
	const char *kind = argv[optind], *path = argv[optind + 1];
	char why[512];
	if (clock_rules_load(ref, &assessment_rules, why, sizeof(why)) != 0) {
		fprintf(stderr, "sendap import: cannot load the assessment rules: %s\n", why);
		return 1;
	}
	struct db *db = NULL;
	int rc = db_open(url, &db);
	if (rc) {
		fprintf(stderr, "sendap import: cannot open the database (%s)\n", err_name(rc));
		clock_rules_release(&assessment_rules);
		return 1;
	}
	struct import_counts n;
	rc = import_file(db, kind, path, &o, &n);
	db_close(db);
	clock_rules_release(&assessment_rules);
	printf("import %s: %ld rows, %ld added, %ld updated, %ld unchanged, %ld rejected", kind,
	       n.rows, n.added, n.updated, n.unchanged, n.rejected);
	if (rc == 0 && n.rejected && o.rejects_path)
		printf(" (written to %s)\n", o.rejects_path);
	else if (rc == 0 && n.rejected)
		printf(" (written to %s.rejects.csv)\n", path);
	else if (rc == 0)
		putchar('\n');
	else if (rc == ERR_INVALID)
		printf("; nothing imported (fix the rows reported, or use --partial)\n");
	else
		printf("; nothing imported (%s)\n", err_name(rc));
	return rc == 0 ? 0 : 1;
}
